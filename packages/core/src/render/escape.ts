// One escape per output format (clarification 5). Templates compile with `noEscape: true`, so every piece of
// text that comes from the repository goes through exactly one of these helpers, chosen by where it lands.
import { IMPLEMENTATION_NAME_RE, WORKFLOW_NAME_RE } from '../group/names.js';

const str = (t: unknown): string => (t === undefined || t === null ? '' : String(t)).replace(/\r\n?/g, '\n');

/** Whitespace runs (newlines included) folded to one space, ends trimmed: for text that must stay on one line. */
export function oneLine(text: unknown): string {
  return str(text).replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------- MediaWiki

// Numeric entities render as the literal character and can never pair up into `[[`, `{{`, `|` or `''`.
const MW_ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '[': '&#91;',
  ']': '&#93;',
  '{': '&#123;',
  '}': '&#125;',
  '|': '&#124;',
};

/**
 * Text for a MediaWiki page, rendered as the literal text. Escaped anywhere: `& < > [ ] { } |` (so no link,
 * template, parser function, table cell, tag or comment can start), every `'` of a run of two or more (bold,
 * italic), `__WORD__` behaviour switches and `~~~` signatures. At the start of a line: leading whitespace is
 * dropped (it would make preformatted text) and a first character among `* # : ; = ! -` becomes an entity
 * (lists, headings, table header cells, `----` rules). Paragraph breaks are kept; longer blank runs collapse.
 */
export function escapeMediaWiki(text: unknown): string {
  return str(text)
    .replace(/[&<>[\]{}|]/g, (c) => MW_ENTITY[c])
    .replace(/'(?=')|(?<=')'/g, '&#39;')
    .replace(/__([A-Z]+)__/g, '&#95;_$1__')
    .replace(/~~~/g, '&#126;~~')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, '').replace(/^[*#:;=!-]/, (c) => `&#${c.charCodeAt(0)};`))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `escapeMediaWiki` for text that must stay on one line (headings, bullets, table cells, link titles). */
export function escapeMediaWikiLine(text: unknown): string {
  return escapeMediaWiki(oneLine(text));
}

/** Inverse of `escapeMediaWiki`'s entities (used by the validator to compare a page with its diagram). */
export function unescapeMediaWiki(text: string): string {
  return text.replace(/&(amp|lt|gt|#\d+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : String.fromCharCode(Number(e.slice(1))),
  );
}

// ------------------------------------------------------------------------------------------------ Mermaid

/**
 * A Mermaid node label (`A[label]`) inside `{{#mermaid:...}}`, on one line. Characters that would end the
 * label or the node (`[ ] ( ) { } < > " '`), end the MediaWiki parser function (`|`, `}`), start an entity
 * code (`# ;`), or carry markup (`& \` ~`, `__`) become Mermaid entity codes: `#quot;` for `"`, `#<decimal>;`
 * for the others. Mermaid decodes them before parsing, MediaWiki sees no markup in them. An empty label
 * would not parse, so the renderer never passes one (a step title is never empty).
 */
export function escapeMermaidLabel(text: unknown): string {
  return oneLine(text)
    .replace(/["'[\](){}|<>#&;`~]/g, (c) => (c === '"' ? '#quot;' : `#${c.charCodeAt(0)};`))
    .replace(/_(?=_)|(?<=_)_/g, '#95;');
}

/** Inverse of `escapeMermaidLabel`. */
export function unescapeMermaidLabel(text: string): string {
  return text.replace(/#(quot|\d+);/g, (_, e: string) => (e === 'quot' ? '"' : String.fromCharCode(Number(e))));
}

// ----------------------------------------------------------------------------------------------- Markdown

/** `|` → `\|`, with the backslashes right before it doubled so the pipe stays escaped (`a\|b` → `a\\\|b`). */
function escapePipes(text: string): string {
  return text.replace(/(\\*)\|/g, (_, bs: string) => `${bs}${bs}\\|`);
}

/**
 * Text for a Markdown (GFM) table cell: newlines folded to spaces, trimmed, `|` escaped as `\|`
 * (clarification 12). Other Markdown is left as written: it cannot break the table, and the index is read raw.
 */
export function escapeMarkdownCell(text: unknown): string {
  return escapePipes(oneLine(text));
}

/** Inverse of `escapeMarkdownCell` (for the validator). */
export function unescapeMarkdownCell(text: string): string {
  return text.replace(/((?:\\\\)*)\\\|/g, (_, bs: string) => `${bs.slice(0, bs.length / 2)}|`);
}

/**
 * A Markdown code span, on one line: fenced with one backtick more than the longest backtick run inside,
 * padded with a space when the text starts or ends with a backtick (CommonMark strips that padding again).
 * Pipes are escaped for tables; GFM removes that escape inside code spans too. The one thing a code span
 * cannot show exactly is a backslash right before a pipe: it then shows doubled, and the table stays whole.
 * Empty text gives an empty string.
 */
export function markdownCode(text: unknown): string {
  const t = oneLine(text);
  if (!t) return '';
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${escapePipes(t)}${pad}${fence}`;
}

/** Markdown prose outside tables (report bullets), on one line: Markdown syntax characters backslash-escaped. */
export function escapeMarkdownText(text: unknown): string {
  return oneLine(text).replace(/[\\`*_[\]<>|#]/g, '\\$&');
}

// --------------------------------------------------------------------------------------------- Page names

/** Workflow and Principle names (clarification 7). */
export const NAME_RE = WORKFLOW_NAME_RE;
/** Implementation names keep the identifier's case. */
export const IMPLEMENTATION_RE = IMPLEMENTATION_NAME_RE;
/** `repo_name`: letters and digits, single underscores. */
export const REPO_NAME_RE = /^[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/;

export type NameKind = 'workflow' | 'principle' | 'implementation';

/** Why `name` (without the repo prefix) is not a valid name of its kind, or undefined when it is. */
export function nameProblem(name: string, kind: NameKind): string | undefined {
  const re = kind === 'implementation' ? IMPLEMENTATION_RE : NAME_RE;
  if (re.test(name)) return undefined;
  const rule = kind === 'implementation' ? 'letters and digits in words joined by single underscores' : 'words joined by single underscores, letters and digits, the first letter upper case';
  return `${kind} name "${name}" breaks the naming rule (${rule})`;
}

/** Why `{repoName}_{name}` is not a valid page name, or undefined when it is. */
export function pageNameProblem(repoName: string, page: string, kind: NameKind): string | undefined {
  if (!REPO_NAME_RE.test(repoName)) return `repo name "${repoName}" breaks the naming rule (letters, digits, single underscores)`;
  if (!page.startsWith(`${repoName}_`)) return `page name "${page}" does not start with ${repoName}_`;
  return nameProblem(page.slice(repoName.length + 1), kind);
}
