// One escape per output format (clarification 5). Templates compile with `noEscape: true` and every piece
// of text that comes from the repository goes through exactly one of these.

const MW_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;', '{': '&#123;', '}': '&#125;', '|': '&#124;' };

/** Text for a MediaWiki page: no link, template, table, markup or list syntax survives. */
export function escapeMediaWiki(text: string): string {
  return String(text ?? '')
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
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/["'[\](){}|<>#&;`]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Text for a Markdown table cell: pipes escaped, newlines folded. */
export function escapeMarkdownCell(text: string): string {
  return String(text ?? '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|');
}

/** A Markdown code span fenced with more backticks than it contains; pipes escaped for table cells. */
export function markdownCode(text: string): string {
  const t = String(text ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (!t) return '';
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Plain Markdown text outside tables (headings, bullets): Markdown syntax characters escaped. */
export function escapeMarkdownText(text: string): string {
  return String(text ?? '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>|#])/g, '\\$1');
}
