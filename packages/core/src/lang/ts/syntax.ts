// A quick parse (no program, no checker) to tell whether a piece of code is TypeScript/JavaScript at all.
// The compiler is loaded on first use only: Python-only repositories never pay for it.

export async function syntaxError(code: string, tsx: boolean): Promise<{ line: number; message: string } | undefined> {
  const [{ ts }, { firstParseError }] = await Promise.all([import('ts-morph'), import('./definitions.js')]);
  // Only the parse errors are read: no parents, no JSDoc (whose errors a TypeScript file never reports).
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sf = ts.createSourceFile(tsx ? 'block.tsx' : 'block.ts', code, options, false, tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  return firstParseError(sf);
}
