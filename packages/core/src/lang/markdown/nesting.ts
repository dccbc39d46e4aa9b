// The Markdown parser (micromark) takes time that grows faster than the input on deep nesting (a list
// nested a few hundred levels takes minutes, a blockquote marker run or an emphasis delimiter run of
// thousands takes seconds and builds a tree as deep), and goldpath's own walks over the tree recurse on
// its depth. One linear scan bounds both before any text is parsed; a file over the bounds is skipped
// with the reason.

/** Deepest container nesting (blockquote markers, list levels by indentation) parsed. */
export const MAX_MD_NESTING = 100;
/** Longest run of one emphasis delimiter (`*`, `_`) or nesting of `[` in a line parsed. */
export const MAX_MD_DELIMITERS = 100;

/** Markdown goldpath does not parse: the scan found nesting over the bounds. */
export class MarkdownTooDeepError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'MarkdownTooDeepError';
  }
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** Why the Markdown is nested too deeply to parse, or undefined. */
export function markdownNestingProblem(text: string): string | undefined {
  let fence: string | undefined;
  let row = 0;
  for (const line of text.split('\n')) {
    row++;
    const trimmed = line.trimStart();
    const f = /^(`{3,}|~{3,})/.exec(trimmed);
    if (fence !== undefined) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    // Containers: the leading run of `>` markers and list markers, plus list levels by indentation.
    let depth = 0;
    let i = 0;
    let indent = 0;
    for (;;) {
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) indent += line[i++] === '\t' ? 4 : 1;
      if (line[i] === '>') {
        depth++;
        i++;
        continue;
      }
      const m = LIST_MARKER.exec(line.slice(i, i + 12));
      if (m) {
        depth += 1 + Math.floor(indent / 2);
        indent = 0;
        i += m[0].length;
        continue;
      }
      break;
    }
    if (depth > MAX_MD_NESTING) return `Markdown nested ${depth} levels deep at line ${row} (limit ${MAX_MD_NESTING}): not parsed`;
    // Inline: delimiter runs (not a thematic break line) and `[` nesting.
    const rest = line.slice(i);
    if (/^([*_])(?:[ \t]*\1)*[ \t]*$/.test(rest)) continue;
    let run = 0;
    let runChar = '';
    let brackets = 0;
    for (let k = 0; k < rest.length; k++) {
      const c = rest[k];
      if (c === '*' || c === '_') {
        run = c === runChar ? run + 1 : 1;
        runChar = c;
        if (run > MAX_MD_DELIMITERS) return `Markdown with a run of ${run}+ \`${c}\` at line ${row} (limit ${MAX_MD_DELIMITERS}): not parsed`;
      } else {
        run = 0;
        runChar = '';
        if (c === '[') {
          if (++brackets > MAX_MD_DELIMITERS) return `Markdown with brackets nested over ${MAX_MD_DELIMITERS} deep at line ${row}: not parsed`;
        } else if (c === ']' && brackets > 0) brackets--;
        else if (c === '\\') k++;
      }
    }
  }
  return undefined;
}
