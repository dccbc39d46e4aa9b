// Jupyter notebooks (nbformat 4, and 3's worksheets): cells read from the JSON, code cells joined into
// one Python text whose every line maps back to `{ cell, line }` (cells counted from 1 over ALL cells in
// file order, lines from 1 inside the cell's source), as printed in `nb.ipynb#cell-7:L3-12`.

import { blankShellLines, markdownHeadings, type VirtualSource } from './markdown/codeblocks.js';
import { MarkdownTooDeepError } from './markdown/nesting.js';
import { lineColumnAt, splitLines, stripBom } from '../text/lines.js';

export interface NotebookCell {
  /** 1-based over all cells in file order. */
  index: number;
  type: 'code' | 'markdown' | 'raw';
  source: string;
}

export type NotebookResult =
  | { ok: true; cells: NotebookCell[]; language?: string }
  | { ok: false; reason: string };

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where `JSON.parse` stopped, as `line L column C` of the text; V8 words this differently by version. */
function jsonErrorPlace(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The offset is counted with our line rules (lone `\r` too); V8's own `line L column C` is a fallback.
  const pos = /position (\d+)/.exec(message);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (!pos && lc) return `line ${lc[1]} column ${lc[2]}`;
  // No position at all means the text ended too early: the error is at its end.
  const offset = pos ? Number(pos[1]) : text.length;
  const { line, column } = lineColumnAt(text, offset);
  return `line ${line} column ${column}`;
}

/** nbformat stores a source as a string or as an array of strings that already end with `\n`. */
function joinSource(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return undefined;
}

function cellType(raw: unknown): NotebookCell['type'] {
  if (raw === 'code' || raw === 'markdown') return raw;
  return 'raw';
}

/**
 * Reads a notebook's cells. Never throws: a broken notebook gives `ok: false` with a reason that says
 * where (`invalid JSON at line 3 column 5`, `not a notebook: no cells array`, `cell 3 has no source`).
 */
export function readNotebook(text: string, path: string): NotebookResult {
  void path; // Kept in the signature so callers can pass it uniformly; reasons are path-free.
  const body = stripBom(text);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: `invalid JSON at ${jsonErrorPlace(body, error)}` };
  }
  if (!isObject(data)) return { ok: false, reason: 'not a notebook: the JSON is not an object' };

  let rawCells: unknown[];
  let v3 = false;
  if (Array.isArray(data.cells)) {
    rawCells = data.cells;
  } else if (Array.isArray(data.worksheets)) {
    // nbformat 3: cells live in worksheets, code in `input`, headings in their own cell type.
    v3 = true;
    rawCells = data.worksheets.flatMap((w) => (isObject(w) && Array.isArray(w.cells) ? w.cells : []));
  } else {
    return { ok: false, reason: 'not a notebook: no cells array' };
  }

  const cells: NotebookCell[] = [];
  for (let i = 0; i < rawCells.length; i++) {
    const index = i + 1;
    const raw = rawCells[i];
    if (!isObject(raw)) return { ok: false, reason: `cell ${index} is not an object` };
    const rawType = raw.cell_type;
    let source = joinSource(v3 && rawType === 'code' ? raw.input : raw.source);
    if (source === undefined) return { ok: false, reason: `cell ${index} has no source` };
    let type = cellType(rawType);
    if (v3 && rawType === 'heading') {
      const level = typeof raw.level === 'number' ? Math.min(Math.max(raw.level, 1), 6) : 1;
      source = `${'#'.repeat(level)} ${source}`;
      type = 'markdown';
    }
    cells.push({ index, type, source });
  }

  const result: NotebookResult = { ok: true, cells };
  const language = notebookLanguage(data);
  if (language !== undefined) result.language = language;
  return result;
}

function notebookLanguage(data: Json): string | undefined {
  const meta = isObject(data.metadata) ? data.metadata : {};
  const kernel = isObject(meta.kernelspec) ? meta.kernelspec.language : undefined;
  if (typeof kernel === 'string' && kernel !== '') return kernel.toLowerCase();
  const info = isObject(meta.language_info) ? meta.language_info.name : undefined;
  if (typeof info === 'string' && info !== '') return info.toLowerCase();
  return undefined;
}

/**
 * The code cells as one Python text. Cells are joined with no separator line: virtual line i+1 is
 * exactly `lines[i]` of some cell, and an empty cell adds no line. IPython lines (`!cmd`, `%magic`,
 * `%%magic` cells) are blanked with the line count kept and listed in `shell` (see `blankShellLines`).
 */
export function notebookToPython(cells: NotebookCell[], path: string): VirtualSource {
  const text: string[] = [];
  const places: VirtualSource['lines'] = [];
  const shell: VirtualSource['shell'] = [];
  for (const cell of cells) {
    if (cell.type !== 'code') continue;
    const lines = splitLines(cell.source);
    const cellPlaces = lines.map((_, i) => ({ line: i + 1, cell: cell.index }));
    const blanked = blankShellLines(lines, cellPlaces, 'python');
    text.push(...blanked.lines);
    places.push(...cellPlaces);
    shell.push(...blanked.shell);
  }
  return { origin: path, text: text.join('\n'), lines: places, shell };
}

/** The markdown cells, to find the heading and prose above a code cell. */
export function notebookMarkdown(cells: NotebookCell[]): { cell: number; text: string }[] {
  return cells.filter((c) => c.type === 'markdown').map((c) => ({ cell: c.index, text: c.source }));
}

/**
 * The notebook's title: the first heading (the shallowest one if a cell has several) of the first
 * markdown cell that has a heading, looking only before the first non-empty code cell. Colab notebooks
 * often open with a badge-only markdown cell, so the first markdown cell alone is not enough.
 */
export function notebookTitle(cells: NotebookCell[]): string | undefined {
  for (const cell of cells) {
    if (cell.type === 'code' && cell.source.trim() !== '') return undefined;
    if (cell.type !== 'markdown') continue;
    let headings: ReturnType<typeof markdownHeadings>;
    try {
      headings = markdownHeadings(cell.source).filter((h) => h.text !== '');
    } catch (e) {
      if (e instanceof MarkdownTooDeepError) continue;
      throw e;
    }
    if (headings.length === 0) continue;
    const top = Math.min(...headings.map((h) => h.depth));
    return headings.find((h) => h.depth === top)?.text;
  }
  return undefined;
}
