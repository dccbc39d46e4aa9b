// A quick parse (no program, no checker) to tell whether a piece of code is TypeScript/JavaScript at all.
import { ts } from 'ts-morph';

export function syntaxError(code: string, tsx: boolean): { line: number; message: string } | undefined {
  const sf = ts.createSourceFile(tsx ? 'block.tsx' : 'block.ts', code, ts.ScriptTarget.Latest, true, tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const d = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (!d) return undefined;
  return { line: sf.getLineAndCharacterOfPosition(d.start).line + 1, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') };
}
