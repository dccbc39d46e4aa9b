// Python parsing through tree-sitter: the native binding, or web-tree-sitter with the grammar's .wasm
// when the native binding cannot load (or when asked: `forceWasm`, GOLDPATH_PARSER=wasm). Both backends
// are read through the same tree cursor calls into one plain tree, so everything downstream is shared.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A syntax node copied out of tree-sitter: rows are 0-based, indices are UTF-16 code units. */
export interface PyNode {
  type: string;
  named: boolean;
  missing: boolean;
  /** Field name in the parent (`name`, `body`, `function`, ...). */
  field: string | null;
  startRow: number;
  endRow: number;
  endColumn: number;
  startIndex: number;
  endIndex: number;
  children: PyNode[];
  parent: PyNode | null;
}

export interface PyTree {
  root: PyNode;
  /** The parsed text (line breaks normalised to `\n`). */
  text: string;
}

export interface PythonParser {
  backend: 'native' | 'wasm';
  /** Parses a source text; `\r\n` and lone `\r` count as one line break each, as Python counts them. */
  parse(text: string): PyTree;
}

interface Cursor {
  nodeType: string;
  nodeIsNamed: boolean;
  nodeIsMissing: boolean;
  currentFieldName: string | null;
  startIndex: number;
  endIndex: number;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Punctuation tokens no fact reads (separators and brackets): not copied, which spares a quarter of the
 * nodes of a typical module. A MISSING one (a parse error) is copied: it is how errors are found.
 */
const UNCOPIED = new Set([',', '.', '(', ')', '[', ']', '{', '}', ':']);

/** Copies the tree under a cursor, iteratively (deep trees must not overflow the stack). */
function copyTree(cursor: Cursor): PyNode {
  // Each cursor getter is a call into the parser (a position getter also builds an object): each is read once.
  const make = (type: string, parent: PyNode | null): PyNode => {
    const end = cursor.endPosition;
    return {
      type,
      named: cursor.nodeIsNamed,
      missing: cursor.nodeIsMissing,
      field: cursor.currentFieldName ?? null,
      startRow: cursor.startPosition.row,
      endRow: end.row,
      endColumn: end.column,
      startIndex: cursor.startIndex,
      endIndex: cursor.endIndex,
      children: [],
      parent,
    };
  };
  const root = make(cursor.nodeType, null);
  // `parent` is the copied node whose children the cursor is on.
  let parent = root;
  if (!cursor.gotoFirstChild()) return root;
  for (;;) {
    const type = cursor.nodeType;
    if (!UNCOPIED.has(type) || cursor.nodeIsMissing) {
      const node = make(type, parent);
      parent.children.push(node);
      if (cursor.gotoFirstChild()) {
        parent = node;
        continue;
      }
    }
    while (!cursor.gotoNextSibling()) {
      if (parent === root) return root;
      cursor.gotoParent();
      parent = parent.parent!;
    }
  }
}

let native: Promise<PythonParser> | undefined;
let wasm: Promise<PythonParser> | undefined;

async function loadNative(): Promise<PythonParser> {
  const Parser = require('tree-sitter');
  const Python = require('tree-sitter-python');
  const parser = new Parser();
  parser.setLanguage(Python);
  return {
    backend: 'native',
    parse(text: string): PyTree {
      const src = normaliseLineBreaks(text);
      // The callback form has no input size limit.
      const tree = parser.parse((index: number) => src.slice(index, index + 65536));
      return { root: copyTree(tree.rootNode.walk()), text: src };
    },
  };
}

async function loadWasm(): Promise<PythonParser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    backend: 'wasm',
    parse(text: string): PyTree {
      const src = normaliseLineBreaks(text);
      const tree = parser.parse(src);
      if (!tree) throw new Error('web-tree-sitter returned no tree');
      try {
        return { root: copyTree(tree.walk() as unknown as Cursor), text: src };
      } finally {
        tree.delete();
      }
    },
  };
}

/** The native parser when it loads, else the wasm one; cached per backend. */
export async function loadPythonParser(opts: { forceWasm?: boolean } = {}): Promise<PythonParser> {
  if (opts.forceWasm || process.env.GOLDPATH_PARSER === 'wasm') return (wasm ??= loadWasm());
  native ??= loadNative();
  try {
    return await native;
  } catch {
    return (wasm ??= loadWasm());
  }
}

export function nodeText(tree: PyTree, node: PyNode): string {
  return tree.text.slice(node.startIndex, node.endIndex);
}

export function child(node: PyNode, field: string): PyNode | undefined {
  return node.children.find((c) => c.field === field);
}

export function namedChildren(node: PyNode): PyNode[] {
  return node.children.filter((c) => c.named && c.type !== 'comment');
}
