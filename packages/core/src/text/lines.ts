// Line handling shared by every reader. Lines are counted as Python and editors count them: `\n`,
// `\r\n` and a lone `\r` each end one line, so a location printed from any reader matches the file.

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Splits text into lines without their line breaks, like Python's `str.splitlines()`: a final line
 * break does not open an empty last line (`'a\n'` → `['a']`, `'a\n\n'` → `['a', '']`, `''` → `[]`).
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Replaces `\r\n` and lone `\r` by `\n`. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Removes a leading byte order mark (U+FEFF). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line and column (in UTF-16 code units) of a character offset, with the same line rules. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    } else if (c === 13 /* \r */) {
      // `\r\n` is one break: count it at the `\n`.
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) continue;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
