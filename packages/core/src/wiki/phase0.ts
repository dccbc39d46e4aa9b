// The phase 0 report (`_reports/phase0_repo_understanding.md`) is free Markdown written by people or
// an LLM. We only take what has a recognisable shape: suggested workflows (under a heading that says
// "workflow", as list items, table rows or subheadings) and entry points. Anything else is ignored;
// this never throws.

import type { List, ListItem, Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import { foldWhitespace, nodeText, parseMarkdown } from '../lang/markdown/codeblocks.js';

export interface Phase0Suggestion {
  name: string;
  /** Repository paths named in the suggestion, in order of appearance, without duplicates. */
  files: string[];
  /** Line of the item (list item, table row or subheading) in the report. */
  line: number;
  description?: string;
}

export interface Phase0Report {
  suggestions: Phase0Suggestion[];
  entryPoints: string[];
}

// ---------------------------------------------------------------------------------------------------
// Path-looking tokens

const FILE_EXT = /\.(?:py|pyi|ipynb|ts|tsx|mts|cts|js|jsx|mjs|cjs|md|rst|toml|cfg|ini|json|ya?ml|sh|txt)$/i;

/**
 * A repository path in a token, or undefined. Code spans and link targets need only a `/` (or a file
 * extension); plain words need a known file extension or a trailing `/`, so prose like `and/or` or
 * `input/output` is not taken for a path. Suffixes like `:L10-20`, `:12` or `#cell-3` are dropped.
 */
function asPath(token: string, marked: boolean): string | undefined {
  let t = token.trim().replace(/^[("'[<]+/, '').replace(/[)"'\]>.,;:!?]+$/, '');
  t = t.replace(/#.*$/, '').replace(/:L?\d+(?:-\d+)?$/, '');
  t = t.replace(/^(?:\.\/)+/, '');
  if (t === '' || /:\/\/|^(?:https?|mailto):|@/.test(t)) return undefined;
  if (!/^[\w.\-/]+$/.test(t) || !/[A-Za-z0-9]/.test(t) || t.startsWith('/')) return undefined;
  if (FILE_EXT.test(t) && /[\w-]\.[A-Za-z]+$/.test(t)) return t;
  if (t.includes('/') && (marked || t.endsWith('/'))) return t;
  return undefined;
}

/** Paths named anywhere in a node: code spans, relative link targets, and path-looking words. */
function pathsIn(node: Nodes, out: string[]): string[] {
  const add = (p: string | undefined) => {
    if (p !== undefined && !out.includes(p)) out.push(p);
  };
  switch (node.type) {
    case 'inlineCode':
      for (const part of node.value.split(/[\s,]+/)) add(asPath(part, true));
      return out;
    case 'text':
      for (const part of node.value.split(/[\s,]+/)) add(asPath(part, false));
      return out;
    case 'link':
      add(asPath(node.url, true));
      break;
    case 'code':
    case 'html':
      return out;
  }
  if ('children' in node) for (const child of node.children as Nodes[]) pathsIn(child, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Names and descriptions

/** Item labels that describe one workflow rather than name one (`- Files: x`, `- Description: y`). */
const LABEL =
  /^(?:files?|key files|sources?|source files|description|purpose|goal|steps?|examples?|notebooks?|entry points?|key apis?|apis?|inputs?|outputs?|notes?|why|how|usage)$/i;

function cleanName(name: string): string {
  return foldWhitespace(name)
    .replace(/^\d+[.)]\s*/, '')
    .replace(/^workflow\s*\d*\s*[:.\-–—]\s*/i, '')
    .replace(/^[*_`\s]+|[*_`\s]+$/g, '')
    .replace(/[\s:.\-–—]+$/, '')
    .trim();
}

/** True when a text holds nothing but paths, separators and brackets (`(a.py, b.ipynb)`). */
function onlyPaths(text: string): boolean {
  const rest = text
    .split(/[\s,;()[\]]+/)
    .filter((w) => w !== '' && asPath(w, true) === undefined && !/^(?:and|&|[-–—:+])$/i.test(w));
  return rest.length === 0;
}

/** The description after a name: separators stripped, a leading list of files dropped. */
function cleanDescription(rest: string): string | undefined {
  let t = foldWhitespace(rest).replace(/^[\s:—–-]+/, '');
  if (onlyPaths(t)) return undefined;
  const pieces = t.split(/\s[—–-]\s/);
  if (pieces.length > 1 && onlyPaths(pieces[0])) t = pieces.slice(1).join(' — ');
  t = t.replace(/^(?:files?|description|purpose)\s*:\s*/i, '').trim();
  return t === '' ? undefined : t;
}

/**
 * Splits the first paragraph of an item into name and the rest. A leading bold, italic or code span
 * is the name; otherwise the text up to the first `:`, ` — `, ` - ` or `(`.
 */
function splitName(children: PhrasingContent[]): { name: string; rest: string } {
  // Text and code keep their own spacing here; `nodeText` would trim each piece.
  const plain = (c: PhrasingContent): string =>
    c.type === 'text' || c.type === 'inlineCode' ? c.value : ` ${nodeText(c)} `;
  const first = children.find((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (first && (first.type === 'strong' || first.type === 'emphasis' || first.type === 'inlineCode')) {
    const rest = children.slice(children.indexOf(first) + 1).map(plain).join('');
    return { name: nodeText(first), rest };
  }
  const text = children.map(plain).join('');
  const m = /\s*(?::\s|:$|\s[—–-]\s|\()/.exec(text);
  if (!m) return { name: text, rest: '' };
  return { name: text.slice(0, m.index), rest: text.slice(m.index) };
}

/** A `Description:` / `Purpose:` line inside an item or section, if any. */
function labelledDescription(nodes: Nodes[]): string | undefined {
  for (const node of nodes) {
    const found = findLabelled(node);
    if (found) return found;
  }
  return undefined;
}

function findLabelled(node: Nodes): string | undefined {
  if (node.type === 'paragraph') {
    const m = /^(?:description|purpose|goal|summary)\s*:\s*(.+)$/i.exec(nodeText(node).replace(/^\*+|\*+/g, ''));
    return m ? m[1].trim() : undefined;
  }
  if ('children' in node) {
    for (const child of node.children as Nodes[]) {
      const found = findLabelled(child);
      if (found) return found;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Shapes

function fromListItem(item: ListItem): Phase0Suggestion | undefined {
  const head = item.children[0];
  if (!head || head.type !== 'paragraph') return undefined;
  const { name: rawName, rest } = splitName(head.children);
  // A bare path as the name is kept: the caller names the workflow from the file.
  const name = cleanName(rawName);
  if (name === '' || LABEL.test(name)) return undefined;
  const suggestion: Phase0Suggestion = { name, files: pathsIn(item, []), line: item.position?.start.line ?? 0 };
  const description = cleanDescription(rest) ?? labelledDescription(item.children.slice(1));
  if (description !== undefined) suggestion.description = description;
  return suggestion;
}

function fromList(list: List): Phase0Suggestion[] {
  return list.children.map(fromListItem).filter((s): s is Phase0Suggestion => s !== undefined);
}

function fromTable(table: Table): Phase0Suggestion[] {
  const [head, ...rows] = table.children;
  if (!head) return [];
  const headers = head.children.map((c) => nodeText(c).toLowerCase());
  const find = (re: RegExp) => headers.findIndex((h) => re.test(h));
  let nameCol = find(/^(?:workflow|workflow name|name|title)$/);
  if (nameCol < 0) nameCol = find(/workflow|name/);
  if (nameCol < 0) nameCol = 0;
  const filesCol = find(/file|source|example|path|script|notebook/);
  const descCol = find(/desc|purpose|summary|goal|what/);
  const out: Phase0Suggestion[] = [];
  for (const row of rows) {
    const cell = (i: number) => (i >= 0 && i !== nameCol ? row.children[i] : undefined);
    const name = cleanName(row.children[nameCol] ? nodeText(row.children[nameCol]) : '');
    if (name === '') continue;
    const filesCell = cell(filesCol);
    const files = filesCell ? pathsIn(filesCell, []) : pathsIn(row, []);
    const suggestion: Phase0Suggestion = { name, files, line: row.position?.start.line ?? 0 };
    const descCell = cell(descCol);
    const description = descCell ? nodeText(descCell) : '';
    if (description !== '' && !/^[—–-]$/.test(description)) suggestion.description = description;
    out.push(suggestion);
  }
  return out;
}

/** The heading of a single workflow (`### Workflow 2: Batch Inference`), not of a list of them. */
const ONE_WORKFLOW_HEADING = /^workflow\s*\d*\s*[:.\-–—]\s*\S/i;

function fromSubheading(text: string, line: number, content: RootContent[]): Phase0Suggestion | undefined {
  const name = cleanName(text);
  if (name === '') return undefined;
  const files: string[] = [];
  for (const node of content) pathsIn(node, files);
  const suggestion: Phase0Suggestion = { name, files, line };
  let description = labelledDescription(content);
  if (description === undefined) {
    const first = content.find((n) => n.type === 'paragraph');
    const t = first ? cleanDescription(nodeText(first)) : undefined;
    if (t !== undefined && !/^(?:files?|sources?)\s*:/i.test(t)) description = t;
  }
  if (description !== undefined) suggestion.description = description;
  return suggestion;
}

/**
 * A heading's suggestions. `Workflow 2: X` headings name one workflow. Any other heading is read for
 * items (subheadings, list items, table rows); when it holds none (only prose or `- Files: x` lines) it
 * names one workflow itself, unless it is plural (`## Suggested Workflows` with nothing readable).
 */
function fromWorkflowHeading(text: string, line: number, content: RootContent[]): Phase0Suggestion[] {
  if (!ONE_WORKFLOW_HEADING.test(text)) {
    const items = fromSection(content);
    const plural = /workflows\b|suggest/i.test(text);
    // Items all named by a bare path are the files of the one workflow the heading names.
    const pathNamed = items.length > 0 && items.every((s) => asPath(s.name, true) === s.name);
    if (plural || (items.length > 0 && !pathNamed)) return items;
  }
  const one = fromSubheading(text, line, content);
  return one ? [one] : [];
}

/** Index of the next heading at `depth` or shallower, or the end. */
function sectionEnd(nodes: RootContent[], from: number, depth: number): number {
  for (let j = from; j < nodes.length; j++) {
    const n = nodes[j];
    if (n.type === 'heading' && n.depth <= depth) return j;
  }
  return nodes.length;
}

/** Suggestions in the content under a workflows heading: subheadings if any, else lists and tables. */
function fromSection(content: RootContent[]): Phase0Suggestion[] {
  const depths = content.flatMap((n) => (n.type === 'heading' ? [n.depth] : []));
  if (depths.length > 0) {
    const level = Math.min(...depths);
    const out: Phase0Suggestion[] = [];
    // Lists or tables before the first subheading are items too (an intro list, then details).
    const firstSub = content.findIndex((n) => n.type === 'heading');
    out.push(...fromBlocks(content.slice(0, firstSub)));
    for (let i = firstSub; i < content.length; i++) {
      const node = content[i];
      if (node.type !== 'heading' || node.depth !== level) continue;
      const end = sectionEnd(content, i + 1, level);
      const text = nodeText(node);
      const body = content.slice(i + 1, end);
      const line = node.position?.start.line ?? 0;
      // `### Training Workflows` groups workflows; any other subheading is one workflow.
      if (/workflows\b/i.test(text) && !ONE_WORKFLOW_HEADING.test(text)) out.push(...fromSection(body));
      else {
        const one = fromSubheading(text, line, body);
        if (one) out.push(one);
      }
      i = end - 1;
    }
    return out;
  }
  return fromBlocks(content);
}

function fromBlocks(nodes: RootContent[]): Phase0Suggestion[] {
  const out: Phase0Suggestion[] = [];
  for (const node of nodes) {
    if (node.type === 'list') out.push(...fromList(node));
    else if (node.type === 'table') out.push(...fromTable(node));
  }
  return out;
}

/** Reads the suggested workflows and entry points of a phase 0 report. Unknown shapes give empty lists. */
export function parsePhase0Report(text: string): Phase0Report {
  const report: Phase0Report = { suggestions: [], entryPoints: [] };
  try {
    const nodes = parseMarkdown(text).children;
    // A document title (`# Workflow Discovery Report`) is not a list of workflows.
    const hasDepth2 = nodes.some((n) => n.type === 'heading' && n.depth === 2);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (node.type !== 'heading') continue;
      const heading = nodeText(node);
      const end = sectionEnd(nodes, i + 1, node.depth);
      const content = nodes.slice(i + 1, end);
      if (/workflow/i.test(heading) && !(node.depth === 1 && hasDepth2)) {
        report.suggestions.push(...fromWorkflowHeading(heading, node.position?.start.line ?? 0, content));
        i = end - 1;
      } else if (/entry[\s-]?points?/i.test(heading)) {
        for (const n of content) pathsIn(n, report.entryPoints);
        i = end - 1;
      }
    }
  } catch {
    // Free-form input: whatever we could not read is simply not used.
    return { suggestions: [], entryPoints: [] };
  }
  return report;
}
