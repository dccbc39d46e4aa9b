// The Repository Map (`_RepoMap_{repo_name}.md`): read its file tables, and rewrite the Coverage cells
// in place. Cells are found by their mdast source positions, never by splitting on `|` (escaped pipes),
// and only the Coverage cells' bytes ever change, so the map keeps its line endings, BOM, padding and
// final newline, and a second run over the edited map changes nothing.

import type { Nodes, Table, TableCell } from 'mdast';
import { nodeText, parseMarkdown } from '../lang/markdown/codeblocks.js';
import { MarkdownTooDeepError } from '../lang/markdown/nesting.js';

export interface RepoMapRow {
  /** Heading text of the table's section, emoji included as written ('' before any heading). */
  section: string;
  /** Path from the File column, backticks stripped, `\|` unescaped. */
  file: string;
  /** Purpose cell text ('' when `—`). */
  purpose: string;
  /** Coverage cell raw text, trimmed ('' when the table has no Coverage column). */
  coverage: string;
  /** Status cell text, mis-decoded emoji repaired (`‚úÖ` → `✅`). */
  status: string;
  /** 1-based line of the row in the map. */
  line: number;
  /** Offsets in the original text of the Coverage cell's content between its pipes (end exclusive). */
  coverageCell?: { start: number; end: number };
}

export interface RepoMap {
  rows: RepoMapRow[];
  /** The `Repository` row of the Property/Value table. */
  repository?: string;
}

/** The text is not a Repository Map (or the map does not belong to the text). */
export class RepoMapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepoMapError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Mis-decoded emoji

// Bytes 0x80-0xFF in Mac OS Roman: UTF-8 emoji read as Mac Roman give `‚úÖ` for `✅`.
const MAC_ROMAN_HIGH =
  '\u00C4\u00C5\u00C7\u00C9\u00D1\u00D6\u00DC\u00E1\u00E0\u00E2\u00E4\u00E3\u00E5\u00E7\u00E9\u00E8' +
  '\u00EA\u00EB\u00ED\u00EC\u00EE\u00EF\u00F1\u00F3\u00F2\u00F4\u00F6\u00F5\u00FA\u00F9\u00FB\u00FC' +
  '\u2020\u00B0\u00A2\u00A3\u00A7\u2022\u00B6\u00DF\u00AE\u00A9\u2122\u00B4\u00A8\u2260\u00C6\u00D8' +
  '\u221E\u00B1\u2264\u2265\u00A5\u00B5\u2202\u2211\u220F\u03C0\u222B\u00AA\u00BA\u03A9\u00E6\u00F8' +
  '\u00BF\u00A1\u00AC\u221A\u0192\u2248\u2206\u00AB\u00BB\u2026\u00A0\u00C0\u00C3\u00D5\u0152\u0153' +
  '\u2013\u2014\u201C\u201D\u2018\u2019\u00F7\u25CA\u00FF\u0178\u2044\u20AC\u2039\u203A\uFB01\uFB02' +
  '\u2021\u00B7\u201A\u201E\u2030\u00C2\u00CA\u00C1\u00CB\u00C8\u00CD\u00CE\u00CF\u00CC\u00D3\u00D4' +
  '\uF8FF\u00D2\u00DA\u00DB\u00D9\u0131\u02C6\u02DC\u00AF\u02D8\u02D9\u02DA\u00B8\u02DD\u02DB\u02C7';

const MAC_ROMAN_BYTE = new Map<string, number>([...MAC_ROMAN_HIGH].map((c, i) => [c, 0x80 + i]));

/**
 * Repairs UTF-8 text that was decoded as Mac OS Roman (`‚úÖ` → `✅`, `‚¨ú` → `⬜`). Only a run of
 * characters whose Mac Roman bytes form one whole, valid UTF-8 sequence is replaced, so ordinary
 * accented text (`é` alone is not a UTF-8 sequence) is left alone.
 */
export function repairMojibake(text: string): string {
  const chars = [...text];
  const out: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < chars.length; ) {
    const lead = MAC_ROMAN_BYTE.get(chars[i]);
    const size = lead === undefined ? 0 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    if (size > 0 && i + size <= chars.length) {
      const bytes = chars.slice(i, i + size).map((c) => MAC_ROMAN_BYTE.get(c));
      if (bytes.every((b, k) => b !== undefined && (k === 0 || (b & 0xc0) === 0x80))) {
        try {
          out.push(decoder.decode(new Uint8Array(bytes as number[])));
          i += size;
          continue;
        } catch {
          // Not valid UTF-8 (overlong, surrogate...): keep the characters as they are.
        }
      }
    }
    out.push(chars[i]);
    i++;
  }
  return out.join('');
}

// ---------------------------------------------------------------------------------------------------
// Parsing

const FILE_HEADERS = new Set(['file', 'path', 'file path', 'filepath']);
const PURPOSE_HEADERS = new Set(['purpose', 'description']);
const EMPTY_CELL = new Set(['', '—', '-', '–']);

function headerIndex(headers: string[], names: Set<string>): number {
  return headers.findIndex((h) => names.has(h));
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Content offsets of a cell between its pipes. mdast gives a cell its leading pipe, and the last cell
 * of a row also its closing pipe; an escaped `\|` at the end is content, not a delimiter.
 */
function cellContent(body: string, cell: TableCell): { start: number; end: number } | undefined {
  const pos = cell.position;
  if (pos?.start.offset === undefined || pos.end.offset === undefined) return undefined;
  let start = pos.start.offset;
  let end = pos.end.offset;
  if (body[start] === '|') start++;
  if (end > start && body[end - 1] === '|' && !isEscaped(body, end - 1)) end--;
  return { start, end };
}

/**
 * Reads the map's file tables: every table with a File column (found by header name, in any order,
 * extra columns ignored). Tables without a Coverage column still give rows, without `coverageCell`.
 * Throws `RepoMapError` when no table has a File column.
 */
export function parseRepoMap(text: string): RepoMap {
  // mdast offsets do not count a leading BOM; every offset given out is shifted back by it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(bom);
  let tree: ReturnType<typeof parseMarkdown>;
  try {
    tree = parseMarkdown(body);
  } catch (e) {
    if (e instanceof MarkdownTooDeepError) throw new RepoMapError(e.reason);
    throw e;
  }
  const map: RepoMap = { rows: [] };
  let section = '';
  let fileTables = 0;

  const readTable = (table: Table): void => {
    const [head, ...rows] = table.children;
    if (!head) return;
    const headers = head.children.map((c) => nodeText(c).toLowerCase());
    const fileCol = headerIndex(headers, FILE_HEADERS);
    if (fileCol < 0) {
      if (headers[0] === 'property' && headers[1] === 'value') {
        const repo = rows.find((r) => r.children[0] && nodeText(r.children[0]).toLowerCase() === 'repository');
        const value = repo?.children[1] ? nodeText(repo.children[1]) : '';
        if (value !== '' && map.repository === undefined) map.repository = value;
      }
      return;
    }
    fileTables++;
    const coverageCol = headers.indexOf('coverage');
    const statusCol = headers.indexOf('status');
    const purposeCol = headerIndex(headers, PURPOSE_HEADERS);
    for (const row of rows) {
      const cellText = (col: number): string => (col >= 0 && row.children[col] ? nodeText(row.children[col]) : '');
      const file = cellText(fileCol);
      if (file === '') continue;
      const purpose = cellText(purposeCol);
      const entry: RepoMapRow = {
        section,
        file,
        purpose: EMPTY_CELL.has(purpose) ? '' : purpose,
        coverage: '',
        status: repairMojibake(cellText(statusCol)),
        line: row.position?.start.line ?? 0,
      };
      const coverage = coverageCol >= 0 ? row.children[coverageCol] : undefined;
      const content = coverage ? cellContent(body, coverage) : undefined;
      if (content) {
        entry.coverage = body.slice(content.start, content.end).trim();
        entry.coverageCell = { start: content.start + bom, end: content.end + bom };
      }
      map.rows.push(entry);
    }
  };

  const visit = (node: Nodes): void => {
    if (node.type === 'heading') {
      section = nodeText(node);
      return;
    }
    if (node.type === 'table') {
      readTable(node);
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);

  if (fileTables === 0) throw new RepoMapError('not a Repository Map: no table with a File column');
  return map;
}

// ---------------------------------------------------------------------------------------------------
// Coverage cells

export interface CoverageGroup {
  /** `Workflow`, `Principle`, ...; undefined for text without a `Kind:` prefix. */
  kind?: string;
  items: string[];
  /** The group as written (trimmed), kept verbatim when goldpath does not own it. */
  raw: string;
}

/** Splits a Coverage cell into `Kind: a, b` groups on `;`. `—`, `-` or an empty cell has no group. */
export function parseCoverage(cell: string): CoverageGroup[] {
  const text = cell.trim();
  if (EMPTY_CELL.has(text)) return [];
  const groups: CoverageGroup[] = [];
  for (const part of text.split(';')) {
    const raw = part.trim();
    if (raw === '') continue;
    const m = /^([A-Za-z][A-Za-z0-9 _-]*?)\s*:\s*(.*)$/.exec(raw);
    if (!m) {
      groups.push({ items: [raw], raw });
      continue;
    }
    const items = m[2].split(',').map((s) => s.trim()).filter((s) => s !== '');
    groups.push({ kind: m[1], items, raw });
  }
  return groups;
}

function isWorkflowGroup(g: CoverageGroup): boolean {
  const kind = g.kind?.toLowerCase();
  return kind === 'workflow' || kind === 'workflows';
}

/** Repository paths as the map writes them: `/`-separated, no leading `./` or `/`. */
function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

export interface UpdateCoverageOptions {
  /**
   * Which names of an existing `Workflow:` group goldpath owns (rewrites or drops). Names it does not
   * own (e.g. another repository's pages in a shared `_RepoMap.md`) are kept in the group. Default: all.
   */
  ownsWorkflow?: (name: string) => boolean;
}

/**
 * The new Coverage content for one row: goldpath's `Workflow:` group first, then everything else of the
 * cell byte for byte (`Principle: a;b;;c` stays exactly so): only the `Workflow:` segments are taken
 * out, each with the `;` that follows it.
 */
export function coverageContent(existing: string, workflows: readonly string[], options: UpdateCoverageOptions = {}): string {
  const owns = options.ownsWorkflow ?? (() => true);
  const text = existing.trim();
  const names = new Set(workflows);
  const kept: string[] = [];
  if (!EMPTY_CELL.has(text)) {
    for (const segment of text.split(';')) {
      const group = segment.trim() === '' ? undefined : parseCoverage(segment)[0];
      if (group && isWorkflowGroup(group)) {
        for (const n of group.items) if (!owns(n)) names.add(n);
      } else kept.push(segment);
    }
  }
  const rest = kept.join(';').trim();
  // Plain code-unit order, whatever the locale.
  const own = names.size > 0 ? `Workflow: ${[...names].sort().join(', ')}` : '';
  if (own && rest) return `${own}; ${rest}`;
  return own || rest || '—';
}

/**
 * Rewrites the Coverage cells of `text` (the text `map` was parsed from) so each lists the workflows
 * covering its file. Only cells whose content changes are touched, written as ` content ` between the
 * pipes; a cell that had no group and still has none is left as written (`-`, blank or `—`).
 */
export function updateCoverage(
  text: string,
  map: RepoMap,
  workflowsByFile: ReadonlyMap<string, readonly string[]>,
  options: UpdateCoverageOptions = {},
): string {
  const byFile = new Map<string, string[]>();
  for (const [file, names] of workflowsByFile) {
    const key = normalisePath(file);
    byFile.set(key, [...(byFile.get(key) ?? []), ...names]);
  }
  const edits: { start: number; end: number; content: string }[] = [];
  for (const row of map.rows) {
    const cell = row.coverageCell;
    if (!cell) continue;
    const existing = text.slice(cell.start, cell.end);
    if (existing.trim() !== row.coverage) {
      throw new RepoMapError(`the Repository Map changed since it was read (line ${row.line})`);
    }
    const content = coverageContent(existing, byFile.get(normalisePath(row.file)) ?? [], options);
    const before = existing.trim();
    if (content === before) continue;
    if (content === '—' && parseCoverage(before).length === 0) continue;
    edits.push({ start: cell.start, end: cell.end, content: ` ${content} ` });
  }
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.content;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Covered files that have no row in the map (for the report), sorted. */
export function filesMissingFromMap(map: RepoMap, workflowsByFile: ReadonlyMap<string, readonly string[]>): string[] {
  const inMap = new Set(map.rows.map((r) => normalisePath(r.file)));
  const missing = new Set<string>();
  for (const [file, names] of workflowsByFile) {
    if (names.length > 0 && !inMap.has(normalisePath(file))) missing.add(normalisePath(file));
  }
  return [...missing].sort();
}
