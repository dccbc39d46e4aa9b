// A quick parse (no program, no checker) to tell whether a piece of code is TypeScript/JavaScript at all.
// The compiler is loaded on first use only: Python-only repositories never pay for it.

export async function syntaxError(code: string, tsx: boolean): Promise<{ line: number; message: string } | undefined> {
  const { ts } = await import('ts-morph');
  const sf = ts.createSourceFile(tsx ? 'block.tsx' : 'block.ts', code, ts.ScriptTarget.Latest, true, tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const d = (sf as unknown as { parseDiagnostics?: { start: number; messageText: string | import('ts-morph').ts.DiagnosticMessageChain }[] }).parseDiagnostics?.[0];
  if (!d) return undefined;
  return { line: sf.getLineAndCharacterOfPosition(d.start).line + 1, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') };
}
