// One escape per output format (clarification 5). Templates compile with `noEscape: true` and every piece
// of text that comes from the repository goes through exactly one of these. Each first bounds its text
// (MAX_TEXT, clipped with `…`), so no input size reaches a template.
import { clipEnd, MAX_TEXT } from '../text/clip.js';

const bounded = (text: unknown): string => clipEnd(String(text ?? ''), MAX_TEXT);

const MW_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;', '{': '&#123;', '}': '&#125;', '|': '&#124;' };

/** Text for a MediaWiki page: no link, template, table, markup or list syntax survives. */
export function escapeMediaWiki(text: string): string {
  return bounded(text)
    .replace(/[&<>[\]{}|]/g, (c) => MW_ENTITIES[c])
    .replace(/'(?=')|(?<=')'/g, '&#39;')
    .replace(/__/g, '&#95;&#95;')
    .replace(/~~~/g, '&#126;~~')
    .split('\n')
    .map((line) => line.replace(/^\s+/, '').replace(/^[*#:;=!-]/, (c) => `&#${c.charCodeAt(0)};`))
    .join('\n');
}

/** Text for a Mermaid node label inside `{{#mermaid:...}}`: entity codes for what would end the label or the parser function. */
export function escapeMermaidLabel(text: string): string {
  return bounded(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/["'[\](){}|<>#&;`]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Text for a Markdown table cell: pipes escaped, newlines folded. */
export function escapeMarkdownCell(text: string): string {
  return bounded(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|');
}

/** A Markdown code span fenced with more backticks than it contains; pipes escaped for table cells. */
export function markdownCode(text: string): string {
  const t = bounded(text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (!t) return '';
  // A loop, not Math.max(...runs): a text of many backtick runs would overflow the argument list.
  let longest = 0;
  for (const run of t.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Plain Markdown text outside tables (headings, bullets): Markdown syntax characters escaped. */
export function escapeMarkdownText(text: string): string {
  return bounded(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

/**
 * Text for a MediaWiki page with inline API names: every `` `x` `` span becomes `<code>x</code>` (its
 * content escaped like the rest), all other text is escaped with escapeMediaWiki.
 */
export function mediaWikiText(text: string): string {
  const spans: string[] = [];
  // Spans are set aside (as NUL-delimited numbers, which escaping leaves alone) and put back escaped.
  const marked = String(text ?? '').replace(/\u0000/g, '').replace(/`([^`\n]+)`/g, (_, x: string) => `\u0000${spans.push(x) - 1}\u0000`);
  return escapeMediaWiki(marked).replace(/\u0000(\d+)\u0000/g, (_, i: string) => `<code>${escapeMediaWiki(spans[Number(i)]).replace(/^&#(\d+);/, (m) => m)}</code>`);
}
