// Python parsing through tree-sitter: the native binding (tree-sitter + tree-sitter-python) by default, or
// web-tree-sitter with the grammar's .wasm when the native binding cannot load or when asked (`backend:
// 'wasm'`, `forceWasm`, GOLDPATH_PARSER=wasm). Both backends are read through the same tree cursor calls
// into one plain tree (the same tree: a test), so everything downstream is shared. The copy takes only
// what the facts read; a wasm tree is deleted as soon as it is copied, a native one is freed by its
// finaliser (the binding has no delete), which needs the event loop to turn (see facts-worker.ts).
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
  /** Whether the text holds a syntax error (an ERROR or MISSING node), without copying its tree. */
  hasSyntaxError(text: string): boolean;
  /**
   * Lets the trees parsed since the last call be freed: a native tree is freed by a finaliser that runs
   * only when the event loop turns (a thread that parses file after file without awaiting anything held
   * them all: diffusers peaked at 2 GB). A promise that resolves after one turn when there is something
   * to free, else undefined; wasm trees are freed at once.
   */
  release(): Promise<void> | undefined;
}

interface Cursor {
  nodeType: string;
  nodeTypeId: number;
  nodeIsNamed: boolean;
  nodeIsMissing: boolean;
  currentFieldId: number | undefined;
  currentFieldName: string | null | undefined;
  startIndex: number;
  endIndex: number;
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

/**
 * Nodes no fact reads, copied only inside an ERROR node (whose first piece gives the error's row): a
 * string literal's pieces besides its interpolations (a literal is read through its text), and the
 * keywords and `=` that no field names (node-types.json; not `async`, which marks a coroutine): a fifth
 * of the nodes.
 */
const STRING_PARTS = new Set(['string_start', 'string_content', 'string_end']);
const KEYWORDS = new Set(['=', '->', ':=', ';', 'as', 'assert', 'await', 'break', 'case', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'lambda', 'match', 'nonlocal', 'not', 'pass', 'print', 'raise', 'return', 'try', 'type', 'while', 'with', 'yield']);

/**
 * Named node types of the grammar that never have a field (node-types.json): a child of one has no field
 * name, so its field id is not asked for. A type not listed there (ERROR, an anonymous token) is asked.
 */
const FIELDLESS: ReadonlySet<string> = new Set(
  (require('tree-sitter-python/src/node-types.json') as { type: string; named: boolean; fields?: object }[])
    .filter((t) => t.named && (!t.fields || Object.keys(t.fields).length === 0))
    .map((t) => t.type),
);

/** A rule of tree-sitter-python's grammar.json: a tree of SEQ, CHOICE, SYMBOL, STRING, ALIAS... */
interface GrammarRule {
  type: string;
  name?: string;
  value?: string;
  named?: boolean;
  content?: GrammarRule;
  members?: GrammarRule[];
}

/**
 * The node types that never have children, read from the grammar: the visible external tokens, the
 * rules that are a pattern or `token(...)`, and the anonymous tokens (strings), except a name an alias
 * also gives to a rule made of other rules (`alias($._not_in, 'not in')`: an anonymous node with two
 * children; `string_content` is such a rule too). The cursor is not asked to step into such a node; a
 * type not named here (ERROR, `pass_statement`) is asked.
 */
function leafTypes(): { named: ReadonlySet<string>; anonymousParents: ReadonlySet<string> } {
  const grammar = require('tree-sitter-python/src/grammar.json') as { rules: Record<string, GrammarRule>; externals: GrammarRule[] };
  const parts = (r: GrammarRule) => [...(r.content ? [r.content] : []), ...(r.members ?? [])];
  const external = new Set(grammar.externals.map((e) => e.name ?? ''));
  const lexical = (r: GrammarRule) => r.type === 'PATTERN' || r.type === 'TOKEN' || r.type === 'IMMEDIATE_TOKEN';
  /** Content that makes a token: strings and patterns only, or one token rule. */
  const tokenContent = (r: GrammarRule): boolean =>
    r.type === 'SYMBOL' ? external.has(r.name!) || lexical(grammar.rules[r.name!]) : r.type !== 'ALIAS' && parts(r).every(tokenContent);
  const named = new Set([...external].filter((n) => n && !n.startsWith('_')));
  for (const [name, rule] of Object.entries(grammar.rules)) if (!name.startsWith('_') && lexical(rule)) named.add(name);
  const anonymousParents = new Set<string>();
  const aliases = (r: GrammarRule): void => {
    if (r.type === 'ALIAS' && !tokenContent(r.content!)) {
      if (r.named) named.delete(r.value!);
      else anonymousParents.add(r.value!);
    }
    parts(r).forEach(aliases);
  };
  Object.values(grammar.rules).forEach(aliases);
  return { named, anonymousParents };
}

const LEAVES = leafTypes();

/**
 * What a node's type and field ids stand for, learnt from the cursor the first time each id is met: a
 * type's name and whether it is named depend only on the id (the symbol after aliasing), so each later
 * node costs one numeric call instead of building strings.
 */
class Symbols {
  readonly type: string[] = [];
  readonly named: boolean[] = [];
  readonly copied: boolean[] = [];
  /** Copied only as a child of an ERROR node (STRING_PARTS, KEYWORDS). */
  readonly errorOnly: boolean[] = [];
  /** Whether a node of this type may have children with a field name. */
  readonly fielded: boolean[] = [];
  /** Whether a node of this type never has children. */
  readonly leaf: boolean[] = [];
  readonly field: (string | null)[] = [];

  typeOf(cursor: Cursor): number {
    const id = cursor.nodeTypeId;
    if (this.type[id] === undefined) {
      const type = cursor.nodeType;
      this.type[id] = type;
      this.named[id] = cursor.nodeIsNamed;
      this.errorOnly[id] = this.named[id] ? STRING_PARTS.has(type) : KEYWORDS.has(type);
      this.copied[id] = !UNCOPIED.has(type) && !this.errorOnly[id];
      this.fielded[id] = !(this.named[id] && FIELDLESS.has(type));
      this.leaf[id] = this.named[id] ? LEAVES.named.has(type) : !LEAVES.anonymousParents.has(type);
    }
    return id;
  }

  fieldOf(cursor: Cursor): string | null {
    const id = cursor.currentFieldId;
    if (!id) return null;
    let name = this.field[id];
    if (name === undefined) name = this.field[id] = cursor.currentFieldName ?? null;
    return name;
  }
}

/** Offsets at which each line starts (line breaks are `\n` only, as tree-sitter counts rows). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Copies the tree under a cursor, iteratively (deep trees must not overflow the stack). Every cursor
 * call crosses into the parser, so a node costs only its type id, field id and two indices: rows and the
 * end column come from the indices and the text's line starts (the same numbers tree-sitter's points
 * give, in UTF-16 code units). Calls whose answer is known are not made: the field id of a child of a
 * type without fields, and whether a node is MISSING in a tree without errors (`hasError`; only a
 * zero-width node can be MISSING).
 */
function copyTree(cursor: Cursor, text: string, symbols: Symbols, hasError: boolean): PyNode {
  const starts = lineStarts(text);
  const last = starts.length - 1;
  // Start indices mostly grow in a walk: the start row is found by stepping from the previous one.
  let startRow = 0;
  /** The end row: the start row for a node on one line (most), else a binary search past it. */
  const rowOfEnd = (index: number): number => {
    let lo = startRow;
    if (lo === last || starts[lo + 1] > index) return lo;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const make = (id: number, parent: PyNode | null, field: string | null): PyNode => {
    const startIndex = cursor.startIndex;
    const endIndex = cursor.endIndex;
    while (startRow < last && starts[startRow + 1] <= startIndex) startRow++;
    while (startRow > 0 && starts[startRow] > startIndex) startRow--;
    const endRow = rowOfEnd(endIndex);
    return {
      type: symbols.type[id],
      named: symbols.named[id],
      missing: hasError && startIndex === endIndex && cursor.nodeIsMissing,
      field,
      startRow,
      endRow,
      endColumn: endIndex - starts[endRow],
      startIndex,
      endIndex,
      children: NO_CHILDREN,
      parent,
    };
  };
  const rootId = symbols.typeOf(cursor);
  const root = make(rootId, null, symbols.fieldOf(cursor));
  // `parent` is the copied node whose children the cursor is on, `fielded` whether its type may give them
  // fields. The children of the nodes on the way down are collected in one list and each node gets an
  // array of its own size when it is left (an array grown by push keeps room for 16); a leaf shares
  // NO_CHILDREN.
  let parent = root;
  let fielded = symbols.fielded[rootId];
  const collected: PyNode[] = [];
  const firstChild: number[] = [0];
  const fieldedAbove: boolean[] = [];
  if (!cursor.gotoFirstChild()) return root;
  for (;;) {
    const id = symbols.typeOf(cursor);
    if (symbols.copied[id] || (hasError && ((symbols.errorOnly[id] && parent.type === 'ERROR') || (cursor.startIndex === cursor.endIndex && cursor.nodeIsMissing)))) {
      const node = make(id, parent, fielded ? symbols.fieldOf(cursor) : null);
      collected.push(node);
      if (!symbols.leaf[id] && cursor.gotoFirstChild()) {
        firstChild.push(collected.length);
        fieldedAbove.push(fielded);
        parent = node;
        fielded = symbols.fielded[id];
        continue;
      }
    }
    while (!cursor.gotoNextSibling()) {
      const from = firstChild.pop()!;
      if (from < collected.length) parent.children = collected.slice(from);
      collected.length = from;
      if (parent === root) return root;
      cursor.gotoParent();
      parent = parent.parent!;
      fielded = fieldedAbove.pop()!;
    }
  }
}

/** The children of every leaf (shared: a tree is only read once copied). */
const NO_CHILDREN: PyNode[] = [];

let native: Promise<PythonParser> | undefined;
let wasm: Promise<PythonParser> | undefined;

async function loadNative(): Promise<PythonParser> {
  const Parser = require('tree-sitter');
  const Python = require('tree-sitter-python');
  const parser = new Parser();
  parser.setLanguage(Python);
  const symbols = new Symbols();
  let unreleased = false;
  return {
    backend: 'native',
    parse(text: string): PyTree {
      const src = normaliseLineBreaks(text);
      // The callback form has no input size limit.
      const tree = parser.parse((index: number) => src.slice(index, index + 65536));
      unreleased = true;
      const root = tree.rootNode;
      return { root: copyTree(root.walk(), src, symbols, root.hasError), text: src };
    },
    hasSyntaxError(text: string): boolean {
      const src = normaliseLineBreaks(text);
      unreleased = true;
      return parser.parse((index: number) => src.slice(index, index + 65536)).rootNode.hasError;
    },
    release() {
      if (!unreleased) return undefined;
      unreleased = false;
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

async function loadWasm(): Promise<PythonParser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  const symbols = new Symbols();
  return {
    backend: 'wasm',
    parse(text: string): PyTree {
      const src = normaliseLineBreaks(text);
      const tree = parser.parse(src);
      if (!tree) throw new Error('web-tree-sitter returned no tree');
      const cursor = tree.walk();
      try {
        return { root: copyTree(cursor as unknown as Cursor, src, symbols, tree.rootNode.hasError), text: src };
      } finally {
        // The tree lives in the parser's own memory, not the JavaScript heap: freed at once.
        cursor.delete();
        tree.delete();
      }
    },
    hasSyntaxError(text: string): boolean {
      const tree = parser.parse(normaliseLineBreaks(text));
      if (!tree) throw new Error('web-tree-sitter returned no tree');
      try {
        return tree.rootNode.hasError;
      } finally {
        tree.delete();
      }
    },
    release: () => undefined,
  };
}

export type ParserBackend = PythonParser['backend'];

/**
 * The backend asked for (`backend`, else `forceWasm`, else GOLDPATH_PARSER=native|wasm, else native) when
 * it loads, else the other one; cached per backend.
 */
export async function loadPythonParser(opts: { backend?: ParserBackend; forceWasm?: boolean } = {}): Promise<PythonParser> {
  const env = process.env.GOLDPATH_PARSER;
  const wanted: ParserBackend = opts.backend ?? (opts.forceWasm ? 'wasm' : env === 'native' || env === 'wasm' ? env : 'native');
  const first = wanted === 'native' ? (native ??= loadNative()) : (wasm ??= loadWasm());
  try {
    return await first;
  } catch {
    return wanted === 'native' ? (wasm ??= loadWasm()) : (native ??= loadNative());
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
