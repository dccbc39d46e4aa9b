export const ROOT: string;
export const SCHEMA_FILE: string;
export const TEMPLATES_DOC: string;
export function modelSchema(): string;
export function templatesDoc(current: string): Promise<string>;
