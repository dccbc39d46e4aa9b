// tsconfig files are JSON with comments and trailing commas; TypeScript's own reader parses them.
import { ts } from 'ts-morph';

export function parseJsonc(text: string): Record<string, unknown> | undefined {
  const r = ts.parseConfigFileTextToJson('tsconfig.json', text);
  if (r.error || !r.config || typeof r.config !== 'object' || Array.isArray(r.config)) return undefined;
  return r.config as Record<string, unknown>;
}
