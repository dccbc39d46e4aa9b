/** `typeOnly`: an interface or type alias (or a member of one), a signature without a body, a property or variable declared with a type and no value. */
export function tsDefinitions(repo: string, files: string[]): Map<string, { qualname: string; start: number; end: number; typeOnly: boolean }[]>;
