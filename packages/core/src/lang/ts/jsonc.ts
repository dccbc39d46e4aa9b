// tsconfig files are JSON with comments and trailing commas. A small reader of our own keeps the
// TypeScript compiler unloaded for repositories that have no TypeScript sources to analyse.

/** The object a JSON-with-comments text holds, or undefined when it is not one. */
export function parseJsonc(text: string): Record<string, unknown> | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      // Copy a string literal whole, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      out += text[i] ?? '';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
      out += ' ';
    } else out += c;
  }
  try {
    const v: unknown = JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
