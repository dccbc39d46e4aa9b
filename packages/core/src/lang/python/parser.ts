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
  /** Function bodies were not copied (see ParseOptions.shallow): only their skeletons are. */
  shallow?: boolean;
  /** In a shallow tree, the import statements inside the bodies not copied, each copied whole. */
  bodyImports?: PyNode[];
}

export interface ParseOptions {
  /**
   * Copy no function body, only what a definition's facts read of it: the first statement (a docstring)
   * and the chain of last statements that ends it (Python's end_lineno: `COMPOUND_TAIL`). Not a
   * module-level `__getattr__` (its lazy-export mapping is read). Ignored when the text has a syntax
   * error: the errors inside bodies are facts too. Facts made so cost about 60% of whole ones, the
   * tree-sitter parse included (8,953 files of 11 repositories), and hold far less.
   */
  shallow?: boolean;
}

/** Last named children that carry a statement's end: Python's end_lineno is the end of the last of them. */
export const COMPOUND_TAIL: ReadonlySet<string> = new Set(['block', 'elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'case_clause', 'function_definition', 'class_definition', 'decorated_definition']);

export interface PythonParser {
  backend: 'native' | 'wasm';
  /** Parses a source text; `\r\n` and lone `\r` count as one line break each, as Python counts them. */
  parse(text: string, opts?: ParseOptions): PyTree;
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

/** The node API both bindings share, for the few nodes a shallow copy reads directly. */
interface SyntaxNodeLike {
  type: string;
  isNamed: boolean;
  startIndex: number;
  endIndex: number;
  firstNamedChild: SyntaxNodeLike | null;
  lastNamedChild: SyntaxNodeLike | null;
  nextNamedSibling: SyntaxNodeLike | null;
  previousNamedSibling: SyntaxNodeLike | null;
  walk(): Cursor;
}

interface Cursor {
  currentNode: SyntaxNodeLike;
  delete?(): void;
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
function copyTree(cursor: Cursor, text: string, symbols: Symbols, hasError: boolean, shallow: PyNode[] | false, starts: number[] = lineStarts(text)): PyNode {
  const last = starts.length - 1;
  // Start indices mostly grow in a walk: the start row is found by stepping from the previous one.
  let startRow = rowAt(starts, cursor.startIndex);
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
      if (shallow && node.type === 'block' && parent.type === 'function_definition' && !readsBody(parent, collected.slice(firstChild[firstChild.length - 1]), text)) {
        node.children = bodySkeleton(cursor.currentNode, node, text, symbols, starts, shallow);
      } else if (!symbols.leaf[id] && cursor.gotoFirstChild()) {
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

/** The row of a text index (binary search over the line starts). */
function rowAt(starts: number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Whether a shallow copy keeps this function's body: a module-level `__getattr__` (in no function or
 * class; its lazy-export mapping is read). facts.ts asks the same question of its scope.
 */
function readsBody(fn: PyNode, fnChildren: PyNode[], text: string): boolean {
  const name = fnChildren.find((c) => c.field === 'name');
  if (!name || text.slice(name.startIndex, name.endIndex) !== '__getattr__') return false;
  for (let x = fn.parent; x; x = x.parent) if (x.type === 'function_definition' || x.type === 'class_definition') return false;
  return true;
}

/**
 * The children of a function body a shallow copy keeps: its first statement when it may be a docstring
 * (an expression statement, copied whole), and the chain of last statements that gives the body's end
 * (facts' endLine), each with only its own last child. Comments are not statements.
 */
function bodySkeleton(block: SyntaxNodeLike, copy: PyNode, text: string, symbols: Symbols, starts: number[], imports: PyNode[]): PyNode[] {
  importsUnder(block, text, symbols, starts, imports);
  const statement = (n: SyntaxNodeLike | null, step: (x: SyntaxNodeLike) => SyntaxNodeLike | null) => {
    while (n && n.type === 'comment') n = step(n);
    return n;
  };
  const lastOf = (n: SyntaxNodeLike) => statement(n.lastNamedChild, (x) => x.previousNamedSibling);
  const bare = (n: SyntaxNodeLike, parent: PyNode): PyNode => {
    const startRow = rowAt(starts, n.startIndex);
    const endRow = rowAt(starts, n.endIndex);
    return { type: n.type, named: n.isNamed, missing: false, field: null, startRow, endRow, endColumn: n.endIndex - starts[endRow], startIndex: n.startIndex, endIndex: n.endIndex, children: NO_CHILDREN, parent };
  };
  const tail = (n: SyntaxNodeLike, parent: PyNode): PyNode => {
    const node = bare(n, parent);
    const l = lastOf(n);
    if (l && (n.type === 'block' || COMPOUND_TAIL.has(l.type))) node.children = [tail(l, node)];
    return node;
  };
  const first = statement(block.firstNamedChild, (x) => x.nextNamedSibling);
  const last = lastOf(block);
  if (!first || !last) return NO_CHILDREN;
  const out: PyNode[] = [];
  const single = first.startIndex === last.startIndex;
  if (first.type === 'expression_statement') {
    const cursor = first.walk();
    try {
      const whole = copyTree(cursor, text, symbols, false, false, starts);
      whole.parent = copy;
      out.push(whole);
    } finally {
      cursor.delete?.();
    }
  } else if (!single) out.push(bare(first, copy));
  if (!single || first.type !== 'expression_statement') out.push(tail(last, copy));
  return out;
}

/** Node types whose children may be statements (an import can stand only where a statement can). */
const STATEMENT_HOLDERS = new Set(['block', 'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement', 'except_clause', 'except_group_clause', 'finally_clause', 'with_statement', 'match_statement', 'case_clause', 'function_definition', 'class_definition', 'decorated_definition']);
const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/**
 * The import statements under a node not copied, each copied whole (the module's external imports
 * count those made inside functions too): a walk that steps only into statements, not expressions.
 */
function importsUnder(node: SyntaxNodeLike, text: string, symbols: Symbols, starts: number[], out: PyNode[]): void {
  const cursor = node.walk();
  try {
    if (!cursor.gotoFirstChild()) return;
    let depth = 1;
    for (;;) {
      const type = symbols.type[symbols.typeOf(cursor)];
      if (IMPORTS.has(type)) {
        const sub = cursor.currentNode.walk();
        try {
          out.push(copyTree(sub, text, symbols, false, false, starts));
        } finally {
          sub.delete?.();
        }
      } else if (STATEMENT_HOLDERS.has(type) && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (--depth === 0) return;
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete?.();
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
    parse(text: string, opts: ParseOptions = {}): PyTree {
      const src = normaliseLineBreaks(text);
      // The callback form has no input size limit.
      const tree = parser.parse((index: number) => src.slice(index, index + 65536));
      unreleased = true;
      const root = tree.rootNode;
      const bodyImports = opts.shallow && !root.hasError ? [] : undefined;
      return { root: copyTree(root.walk(), src, symbols, root.hasError, bodyImports ?? false), text: src, ...(bodyImports ? { shallow: true, bodyImports } : {}) };
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
    parse(text: string, opts: ParseOptions = {}): PyTree {
      const src = normaliseLineBreaks(text);
      const tree = parser.parse(src);
      if (!tree) throw new Error('web-tree-sitter returned no tree');
      const cursor = tree.walk();
      try {
        const bodyImports = opts.shallow && !tree.rootNode.hasError ? [] : undefined;
        return { root: copyTree(cursor as unknown as Cursor, src, symbols, tree.rootNode.hasError, bodyImports ?? false), text: src, ...(bodyImports ? { shallow: true, bodyImports } : {}) };
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
