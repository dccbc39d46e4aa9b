export function tsDefinitions(repo: string, files: string[]): Map<string, { qualname: string; start: number; end: number }[]>;
