// One walk over a Python syntax tree → PyModuleFacts: imports, definitions with exact spans, calls with
// their callee chains and arguments, assignments, returns. Never throws on broken code: ERROR and MISSING
// nodes are listed, and the definitions around them are flagged.
//
// Every walk here is iterative (an explicit stack), so generated code with very deep expressions
// (`a + b + ...` over thousands of terms) cannot overflow the JavaScript stack.
import type { PyArg, PyArm, PyAssign, PyBranch, PyCall, PyCallee, PyDef, PyDictEntry, PyImport, PyModuleFacts, PyParam, PySyntaxError } from './types.js';
import { child, COMPOUND_TAIL, namedChildren, normaliseLineBreaks, type ParseOptions, type PyNode, type PythonParser, type PyTree } from './parser.js';
import { cleandoc, literalValue } from './docstring.js';
import { clipEnd } from '../../text/clip.js';

const STATEMENT_PARENTS = new Set(['module', 'block']);
/** Statements after which the rest of their block does not run. */
const EXIT_STATEMENTS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const COMPLETE_STATEMENT = /(_statement|_definition)$/;

/**
 * Facts of one Python source. Never throws: a text that cannot be read at all yields empty facts with an
 * error. `shallow`: the facts of no function body (see PyModuleFacts.shallow).
 */
export function extractPythonFacts(parser: PythonParser, text: string, path: string, opts: ParseOptions = {}): PyModuleFacts {
  try {
    const tree = parser.parse(text, opts);
    const facts = factsFromTree(tree, path);
    return facts.errors.length ? (recoverDefinitions(parser, tree, facts, path) ?? facts) : facts;
  } catch (e) {
    const src = normaliseLineBreaks(text);
    return { ...emptyFacts(path, src), errors: [{ line: 1, message: `could not read: ${e instanceof Error ? e.message : String(e)}`.slice(0, 120) }] };
  }
}

const DEFINITION_STATEMENTS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * tree-sitter rejects some valid Python (`return a, *(int(x) for x in y)`), and its error recovery may
 * cost the definitions around the error their exact extent. When every error sits inside one statement,
 * that statement's lines are replaced by `pass` lines at its indentation (line count kept) and the text
 * is parsed again; if that parse is clean, its definitions hold: the ones outside the broken statements
 * are exact, the definition whose body holds a broken statement (or that is one) is kept with
 * `hasError`, so it is reported, never printed. Undefined when the errors cannot be confined.
 */
function recoverDefinitions(parser: PythonParser, tree: PyTree, facts: PyModuleFacts, path: string): PyModuleFacts | undefined {
  const ranges: { start: number; end: number; definition: boolean }[] = [];
  const stack = [tree.root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.missing) {
      // The statement holding the error: the nearest ancestor that is a statement of a block or the module.
      let x = n;
      while (x.parent && !STATEMENT_PARENTS.has(x.parent.type)) x = x.parent;
      if (!x.parent) return undefined;
      // An ERROR standing for a statement: only when it holds no whole statement (tree-sitter may wrap
      // well-formed functions into one) and covers whole lines.
      if (x.type === 'ERROR') {
        const lineStart = tree.text.lastIndexOf('\n', x.startIndex - 1) + 1;
        const lineEnd = tree.text.indexOf('\n', x.endIndex);
        const rest = tree.text.slice(x.endIndex, lineEnd < 0 ? undefined : lineEnd);
        if (x.children.some((c) => c.named && COMPLETE_STATEMENT.test(c.type)) || tree.text.slice(lineStart, x.startIndex).trim() || !/^\s*(#.*)?$/.test(rest)) return undefined;
      }
      const end = x.endColumn === 0 && x.endRow > x.startRow ? x.endRow - 1 : x.endRow;
      ranges.push({ start: x.startRow, end, definition: DEFINITION_STATEMENTS.has(x.type) });
      continue;
    }
    for (const c of n.children) stack.push(c);
  }
  if (!ranges.length) return undefined;
  const lines = tree.text.split('\n');
  for (const r of ranges) {
    const indent = /^[ \t]*/.exec(lines[r.start])![0];
    for (let row = r.start; row <= r.end; row++) lines[row] = `${indent}pass`;
  }
  const again = factsFromTree(parser.parse(lines.join('\n')), path);
  if (again.errors.length) return undefined;
  const inRange = (d: PyDef, r: { start: number; end: number }) => d.start <= r.start + 1 && d.end >= r.end + 1;
  for (const r of ranges) {
    if (r.definition) {
      // The broken definition itself (and what it holds), from the first parse: known, never printed.
      for (const d of facts.defs) if (d.start >= r.start + 1 && d.end <= r.end + 1 && !again.defs.some((x) => x.qualname === d.qualname)) again.defs.push({ ...d, hasError: true });
    } else {
      // The innermost definition whose body holds the broken statement.
      const holder = again.defs.filter((d) => inRange(d, r)).sort((a, b) => b.start - a.start)[0];
      if (holder) holder.hasError = true;
    }
  }
  again.defs.sort((a, b) => a.start - b.start || a.defLine - b.defLine);
  // Only the definitions change: the calls, imports and assignments of the first parse are kept (the
  // structure around a confined error is the same, and the broken statement's own calls still count).
  return { ...facts, defs: again.defs };
}

function emptyFacts(path: string, text: string): PyModuleFacts {
  return { path, imports: [], defs: [], calls: [], assigns: [], returns: [], branches: [], hasMainGuard: false, errors: [], lineCount: countLines(text) };
}

/** Lines as Python counts them: a final line break does not start a new line. */
function countLines(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The text and its by-row comments, shared by the helpers below. */
class Source {
  readonly text: string;
  readonly lines: string[];
  /** Comments alone on their line, by row (`#` stripped, trimmed). */
  readonly ownLine = new Map<number, string>();
  /** Comments after code on their line, by row. */
  readonly trailing = new Map<number, { text: string; index: number }>();
  readonly errors: PySyntaxError[] = [];
  /** Whether the tree holds an ERROR or MISSING node: when not, no definition needs searching for one. */
  broken = false;

  constructor(tree: PyTree) {
    this.text = tree.text;
    this.lines = tree.text.split('\n');
    this.scan(tree.root);
  }

  t(n: PyNode): string {
    return this.text.slice(n.startIndex, n.endIndex);
  }

  /** One pass over every node: comments by row, and syntax errors with a useful line. */
  private scan(root: PyNode): void {
    const seen = new Set<string>();
    const addError = (line: number, message: string) => {
      const key = `${line}:${message}`;
      if (!seen.has(key)) this.errors.push({ line, message }), seen.add(key);
    };
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'ERROR' || n.missing) this.broken = true;
      if (n.type === 'comment') {
        const text = this.t(n).replace(/^#+/, '').trim();
        const before = this.lines[n.startRow].slice(0, this.columnOf(n));
        if (before.trim() === '') this.ownLine.set(n.startRow, text);
        else this.trailing.set(n.startRow, { text, index: n.startIndex });
      } else if (n.type === 'ERROR') {
        const row = errorRow(n);
        if (row !== undefined) addError(row + 1, `syntax error near \`${this.lines[row].trim().slice(0, 40)}\``);
      } else if (n.missing) {
        addError(n.startRow + 1, `missing \`${n.type}\``);
      }
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
    this.errors.sort((a, b) => a.line - b.line);
  }

  private columnOf(n: PyNode): number {
    const lineStart = this.text.lastIndexOf('\n', n.startIndex - 1) + 1;
    return n.startIndex - lineStart;
  }
}

/**
 * The row to blame for an ERROR node: its first piece that is not a complete statement or a nested ERROR
 * (tree-sitter often wraps whole, well-formed functions into an ERROR that starts at line 1). Undefined
 * when only nested ERRORs are to blame (they report themselves).
 */
function errorRow(n: PyNode): number | undefined {
  let nested = false;
  for (const c of n.children) {
    if (c.type === 'ERROR') nested = true;
    else if (c.type === 'comment' || (c.named && COMPLETE_STATEMENT.test(c.type))) continue;
    else if (c.endIndex > c.startIndex || c.missing) return c.startRow;
  }
  return nested ? undefined : n.startRow;
}

/** Last line (1-based) of a statement, as Python's end_lineno: the last statement of the last body. */
function endLine(n: PyNode): number {
  let node = n;
  for (;;) {
    const kids = namedChildren(node);
    const last = kids[kids.length - 1];
    if (!last || (node.type !== 'block' && !COMPOUND_TAIL.has(last.type))) break;
    node = last;
  }
  // A node ending at column 0 ends on the line before (its text includes the line break).
  return (node.endColumn === 0 && node.endRow > node.startRow ? node.endRow - 1 : node.endRow) + 1;
}

function hasErrorIn(n: PyNode): boolean {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.type === 'ERROR' || x.missing) return true;
    stack.push(...x.children);
  }
  return false;
}

/** `a.b.c` → the innermost object (`a`) and the attribute names on it (`b`, `c`); undefined on a broken node. */
function attributePath(src: Source, n: PyNode): { base: PyNode; attrs: string[] } | undefined {
  const attrs: string[] = [];
  let x = n;
  while (x.type === 'attribute') {
    const obj = child(x, 'object');
    const attr = child(x, 'attribute');
    if (!obj || !attr) return undefined;
    attrs.unshift(src.t(attr));
    x = obj;
  }
  return { base: x, attrs };
}

/** `a.b.c` → ['a','b','c']; undefined unless a plain identifier/attribute chain. */
function dottedChain(src: Source, n: PyNode): string[] | undefined {
  const path = attributePath(src, n);
  return path?.base.type === 'identifier' ? [src.t(path.base), ...path.attrs] : undefined;
}

/** `*a.b` read by tree-sitter as the attribute `b` of `*a` (in a list or tuple display): the chain `a.b`. */
function splatChain(src: Source, n: PyNode): string[] | undefined {
  const path = attributePath(src, n);
  const inner = path?.base.type === 'list_splat' && path.attrs.length ? namedChildren(path.base) : [];
  const base = inner.length === 1 ? dottedChain(src, inner[0]) : undefined;
  return base && path ? [...base, ...path.attrs] : undefined;
}

/** `(x)`, `await x` → `x`. */
function unwrap(n: PyNode | undefined): PyNode | undefined {
  let x = n;
  while (x && (x.type === 'parenthesized_expression' || x.type === 'await')) {
    const inner = namedChildren(x);
    if (inner.length !== 1) break;
    x = inner[0];
  }
  return x;
}

const TARGET_GROUPS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern', 'list_splat']);

/** Assignment targets flattened in order: `a, (b, *rest)` → a, b, rest; `self.x` kept as text. */
function targetsOf(src: Source, n: PyNode | undefined): string[] {
  if (!n) return [];
  const out: string[] = [];
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (TARGET_GROUPS.has(x.type)) {
      const kids = namedChildren(x);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    } else out.push(src.t(x).replace(/\s+/g, ''));
  }
  return out;
}

/** Names a lambda's parameters bind. */
function lambdaParams(src: Source, params: PyNode | undefined): { names: string[]; defaults: PyNode[] } {
  const names: string[] = [];
  const defaults: PyNode[] = [];
  for (const p of params ? namedChildren(params) : []) {
    const name = p.type === 'identifier' ? p : (child(p, 'name') ?? p.children.find((c) => c.type === 'identifier'));
    if (name) names.push(src.t(name));
    const value = child(p, 'value');
    if (value) defaults.push(value);
  }
  return { names, defaults };
}

/**
 * Identifiers an expression reads, in order, without duplicates: attribute names and keyword names are
 * not reads, and names bound inside by a lambda or a comprehension are not free.
 */
function freeNames(src: Source, root: PyNode): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack: { n: PyNode; bound: ReadonlySet<string> }[] = [{ n: root, bound: new Set() }];
  const extend = (bound: ReadonlySet<string>, names: string[]) => new Set([...bound, ...names]);
  while (stack.length) {
    const { n, bound } = stack.pop()!;
    let next: { n: PyNode; bound: ReadonlySet<string> }[];
    if (n.type === 'identifier') {
      if (n.field === 'attribute' || (n.field === 'name' && n.parent?.type === 'keyword_argument')) continue;
      const name = src.t(n);
      if (!bound.has(name) && !seen.has(name)) seen.add(name), out.push(name);
      continue;
    } else if (n.type === 'lambda') {
      const { names, defaults } = lambdaParams(src, child(n, 'parameters'));
      const body = child(n, 'body');
      next = [...defaults.map((d) => ({ n: d, bound })), ...(body ? [{ n: body, bound: extend(bound, names) }] : [])];
    } else if (COMPREHENSIONS.has(n.type)) {
      // The first iterable is evaluated outside the comprehension; everything else sees its targets.
      const clauses = n.children.filter((c) => c.type === 'for_in_clause');
      const inner = extend(bound, clauses.flatMap((c) => targetsOf(src, child(c, 'left'))));
      next = n.children.flatMap((c) => {
        if (c.type !== 'for_in_clause') return [{ n: c, bound: inner }];
        return c.children.filter((k) => k.field === 'right').map((k) => ({ n: k, bound: c === clauses[0] ? bound : inner }));
      });
    } else next = n.children.map((c) => ({ n: c, bound }));
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
  }
  return out;
}

/**
 * freeNames for many, possibly nested, expressions of one file: each subtree's names are computed once,
 * bottom-up and without recursion, so the arguments of `f(f(f(...)))` cost linear time in all. Lambdas
 * and comprehensions (names bound inside) go through freeNames itself.
 */
function freeNamesCache(src: Source): (root: PyNode) => string[] {
  const cache = new Map<PyNode, string[]>();
  const merge = (lists: string[][]): string[] => {
    if (lists.length === 1) return lists[0];
    const seen = new Set<string>();
    const out: string[] = [];
    for (const l of lists) for (const n of l) if (!seen.has(n)) seen.add(n), out.push(n);
    return out;
  };
  return (root) => {
    const stack: { n: PyNode; done: boolean }[] = [{ n: root, done: false }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const n = top.n;
      if (cache.has(n)) {
        stack.pop();
        continue;
      }
      if (n.type === 'identifier') {
        const skip = n.field === 'attribute' || (n.field === 'name' && n.parent?.type === 'keyword_argument');
        cache.set(n, skip ? [] : [src.t(n)]);
        stack.pop();
      } else if (n.type === 'lambda' || COMPREHENSIONS.has(n.type)) {
        cache.set(n, freeNames(src, n));
        stack.pop();
      } else if (!top.done) {
        top.done = true;
        for (let i = n.children.length - 1; i >= 0; i--) if (!cache.has(n.children[i])) stack.push({ n: n.children[i], done: false });
      } else {
        cache.set(n, merge(n.children.map((c) => cache.get(c)!)));
        stack.pop();
      }
    }
    return cache.get(root)!;
  };
}

function paramsOf(src: Source, node: PyNode | undefined): PyParam[] {
  const out: PyParam[] = [];
  let keywordOnly = false;
  for (const p of node ? namedChildren(node) : []) {
    if (p.type === 'keyword_separator') {
      keywordOnly = true;
      continue;
    }
    if (p.type === 'positional_separator') continue;
    const type = child(p, 'type');
    const value = child(p, 'value');
    const splat = p.type.endsWith('splat_pattern') ? p : p.children.find((c) => c.type.endsWith('splat_pattern'));
    let kind: PyParam['kind'] = keywordOnly ? 'keyword' : 'positional';
    let name: string;
    if (splat) {
      kind = splat.type === 'list_splat_pattern' ? 'vararg' : 'kwarg';
      if (kind === 'vararg') keywordOnly = true;
      name = src.t(splat).replace(/^\*+/, '').trim();
    } else {
      const nameNode = p.type === 'identifier' ? p : (child(p, 'name') ?? p.children.find((c) => c.type === 'identifier'));
      if (!nameNode) continue;
      name = src.t(nameNode);
    }
    out.push({ name, kind, ...(type ? { type: src.t(type) } : {}), ...(value ? { default: src.t(value).replace(/\s+/g, ' ') } : {}) });
  }
  return out;
}

/** The value of a plain string literal (no f-string interpolation), or of adjacent literals. */
function stringValue(src: Source, n: PyNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'concatenated_string') {
    const parts = namedChildren(n).map((p) => stringValue(src, p));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (n.type !== 'string' || n.children.some((c) => c.type === 'interpolation')) return undefined;
  return literalValue(src.t(n));
}

/**
 * The file lines where the paragraphs of a docstring start (a paragraph ends at a blank line), read from
 * the literal as written: a backslash at a line's end in a non-raw string joins the next line, so the
 * string's own lines are not the file's. Empty for a string made of several literals.
 */
function docParagraphLines(src: Source, str: PyNode): number[] {
  if (str.type !== 'string') return [];
  const text = src.t(str);
  const open = /^([A-Za-z]*)("""|\'\'\'|"|')/.exec(text);
  if (!open) return [];
  const raw = /r/i.test(open[1]);
  const lines = text.slice(open[0].length, text.length - open[2].length).split('\n');
  const out: number[] = [];
  let blank = true;
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let logical = lines[i];
    while (!raw && /(^|[^\\])(\\\\)*\\$/.test(lines[i]) && i + 1 < lines.length) logical = logical.slice(0, -1) + lines[++i];
    if (!logical.trim()) blank = true;
    else if (blank) {
      out.push(str.startRow + 1 + first);
      blank = false;
    }
  }
  return out;
}

/** Docstring of a body (or of the module): its first statement, when that is a string literal. */
function docOf(src: Source, body: PyNode | undefined): string | undefined {
  const first = body ? namedChildren(body)[0] : undefined;
  if (first?.type !== 'expression_statement') return undefined;
  const value = stringValue(src, namedChildren(first)[0]);
  return value === undefined ? undefined : cleandoc(value);
}

function stringList(src: Source, n: PyNode | undefined): string[] | undefined {
  if (!n || !['list', 'tuple', 'parenthesized_expression'].includes(n.type)) return undefined;
  const values = namedChildren(n).map((c) => stringValue(src, c));
  return values.every((v) => v !== undefined) ? (values as string[]) : undefined;
}

function stringDict(src: Source, n: PyNode): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const pair of namedChildren(n)) {
    if (pair.type !== 'pair') return undefined;
    const k = stringValue(src, child(pair, 'key'));
    const v = stringValue(src, child(pair, 'value'));
    if (k === undefined || v === undefined) return undefined;
    out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Entries of a dict literal whose keys are all string literals (nested ones too); undefined otherwise. */
function dictEntries(src: Source, n: PyNode | undefined, depth = 0): PyDictEntry[] | undefined {
  if (!n || n.type !== 'dictionary' || depth > 8) return undefined;
  const out: PyDictEntry[] = [];
  for (const pair of namedChildren(n)) {
    const key = pair.type === 'pair' ? stringValue(src, child(pair, 'key')) : undefined;
    const value = pair.type === 'pair' ? child(pair, 'value') : undefined;
    if (key === undefined || !value) return undefined;
    const entries = dictEntries(src, value, depth + 1);
    out.push({ key, value: src.t(value).replace(/\s+/g, ' '), line: value.startRow + 1, ...(entries ? { entries } : {}) });
  }
  return out;
}

/**
 * `subject == "a"`, `"a" == subject`, `subject in ("a", "b")`: the subject (whitespace removed) and the
 * literals; undefined for any other condition.
 */
function stringComparison(src: Source, cond: PyNode | undefined): { subject: string; values: string[] } | undefined {
  const c = unwrap(cond);
  if (!c || c.type !== 'comparison_operator') return undefined;
  const operands = namedChildren(c);
  const ops = c.children.filter((k) => !k.named).map((k) => src.t(k));
  if (operands.length !== 2 || ops.length !== 1) return undefined;
  const [a, b] = operands;
  if (ops[0] === '==') {
    const av = stringValue(src, a);
    const bv = stringValue(src, b);
    if (bv !== undefined && av === undefined) return { subject: src.t(a).replace(/\s+/g, ''), values: [bv] };
    if (av !== undefined && bv === undefined) return { subject: src.t(b).replace(/\s+/g, ''), values: [av] };
    return undefined;
  }
  if (ops[0] === 'in') {
    const list = b.type === 'set' ? namedChildren(b).map((k) => stringValue(src, k)) : stringList(src, b);
    if (list?.some((v) => v === undefined)) return undefined;
    return list?.length && stringValue(src, a) === undefined ? { subject: src.t(a).replace(/\s+/g, ''), values: list as string[] } : undefined;
  }
  return undefined;
}

/** The string literals a `case` pattern matches (`case "a":`, `case "a" | "b":`); undefined for other patterns. */
function casePatternValues(src: Source, clause: PyNode): string[] | undefined {
  const patterns = clause.children.filter((k) => k.type === 'case_pattern');
  if (patterns.length !== 1 || clause.children.some((k) => k.field === 'guard' || k.type === 'if_clause')) return undefined;
  const values: string[] = [];
  const stack = [patterns[0]];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.type === 'string') {
      const v = stringValue(src, x);
      if (v === undefined) return undefined;
      values.push(v);
    } else if (x.type === 'case_pattern' || x.type === 'union_pattern') {
      for (const k of namedChildren(x)) stack.push(k);
    } else return undefined;
  }
  return values.length ? values.reverse() : undefined;
}

function calleeOf(src: Source, fn: PyNode | undefined): { callee: PyCallee; receiver?: PyNode } {
  if (!fn) return { callee: { base: 'other', chain: [], text: '' } };
  const text = src.t(fn);
  const chain = dottedChain(src, fn);
  if (chain) return { callee: { base: 'name', chain, text } };
  // tree-sitter reads `[*graph.stream(x)]` as a call of `(*graph).stream`: the star unpacks the call's
  // result, so the callee is `graph.stream`.
  const unstarred = splatChain(src, fn);
  if (unstarred) return { callee: { base: 'name', chain: unstarred, text: text.replace(/^\*\s*/, '') } };
  const attrs: string[] = [];
  let x: PyNode | undefined = fn;
  while (x && x.type === 'attribute') {
    const a = child(x, 'attribute');
    if (a) attrs.unshift(src.t(a));
    x = child(x, 'object');
  }
  if (x && x.type === 'call' && attrs.length) return { callee: { base: 'call', chain: attrs, text }, receiver: x };
  return { callee: { base: 'other', chain: attrs, text } };
}

function isMainGuard(src: Source, ifNode: PyNode): boolean {
  const cond = child(ifNode, 'condition');
  return !!cond && /^(__name__\s*==\s*(['"])__main__\2|(['"])__main__\3\s*==\s*__name__)$/.test(src.t(cond).trim());
}

interface Ctx {
  scope: string;
  scopeKind: 'module' | 'class' | 'function';
  guard?: 'try' | 'except' | 'type_checking';
  /** Inside an `if`/`elif`/`else` branch of the module level (not a main guard or TYPE_CHECKING). */
  conditional?: boolean;
  main: boolean;
  /** Index of the enclosing call. */
  call?: number;
}

/** The children to walk next, each with its context, or all children of a node with one context (no object per child). */
type Next = { n: PyNode; ctx: Ctx }[] | { each: PyNode[]; ctx: Ctx };

/**
 * A decorator as written, without its `@` and with whitespace folded; a comment after it is a child of the
 * node but no part of it (`@ctx.tool  # the schema` decorates with `ctx.tool`).
 */
function decoratorText(text: string, d: PyNode): string {
  const code = d.children.filter((c) => c.type !== 'comment');
  const end = code.length ? Math.max(...code.map((c) => c.endIndex)) : d.endIndex;
  return text.slice(d.startIndex, end).replace(/^@\s*/, '').replace(/\s+/g, ' ');
}

export function factsFromTree(tree: PyTree, path: string): PyModuleFacts {
  const src = new Source(tree);
  const t = (n: PyNode) => src.t(n);
  const facts = emptyFacts(path, tree.text);
  facts.errors = src.errors;
  if (tree.shallow) facts.shallow = true;

  const callIndex = new Map<PyNode, number>();
  const namesOf = freeNamesCache(src);
  const receivers: { call: PyCall; node: PyNode }[] = [];
  // Lazy exports: module-level literal dicts by name, dicts written inside `__getattr__`, names it reads.
  const moduleDicts = new Map<string, Record<string, string>>();
  const getattrDicts: Record<string, string>[] = [];
  const getattrNames = new Set<string>();
  const inGetattr = (ctx: Ctx) => ctx.scope === '__getattr__' || ctx.scope.startsWith('__getattr__.');

  /**
   * The statement holding a node: the child of a module/block, or an `elif` clause. Memoised for every
   * node on the way up, so the calls of one deeply nested expression cost linear time, not quadratic.
   */
  const statements = new Map<PyNode, PyNode>();
  const statementOf = (n: PyNode): PyNode => {
    const path: PyNode[] = [];
    let x = n;
    let found: PyNode | undefined;
    for (;;) {
      found = statements.get(x);
      if (found) break;
      path.push(x);
      if (!x.parent || STATEMENT_PARENTS.has(x.parent.type) || x.type === 'elif_clause') {
        found = x;
        break;
      }
      x = x.parent;
    }
    for (const p of path) statements.set(p, found);
    return found;
  };

  /** 1-based line of the first of the contiguous `#` lines right above a row. */
  const commentTop = (row: number): number => {
    let r = row - 1;
    while (src.ownLine.has(r - 1)) r--;
    return r + 1;
  };

  /**
   * Contiguous `#` lines right above a row, one per line (`\n`-joined, so that a caller with a line map can
   * keep only those of the statement's own code block: see python-calls.ts).
   */
  const commentAbove = (row: number): string | undefined => {
    const lines: string[] = [];
    for (let r = row - 1; src.ownLine.has(r); r--) lines.unshift(src.ownLine.get(r)!);
    return lines.some(Boolean) ? lines.join('\n') : undefined;
  };

  /** Does a block always leave it (its last statement returns, raises, breaks or continues, or is an `if` whose every arm does)? */
  const exits = (block: PyNode | null | undefined): boolean => {
    const last = block ? namedChildren(block).pop() : undefined;
    if (!last) return false;
    if (EXIT_STATEMENTS.has(last.type)) return true;
    if (last.type !== 'if_statement') return false;
    const arms = [child(last, 'consequence'), ...last.children.filter((c) => c.type === 'elif_clause' || c.type === 'else_clause').map((c) => child(c, c.type === 'elif_clause' ? 'consequence' : 'body'))];
    return last.children.some((c) => c.type === 'else_clause') && arms.every(exits);
  };

  /**
   * A block's (or the module's) statements by position, and the `if`s among them without an `else` whose
   * every arm leaves, in order: worked out once per block, not once per call in it.
   */
  const blocks = new Map<PyNode, { position: Map<PyNode, number>; count: number; leaving: { at: number; line: number; arm: number }[] }>();
  const blockOf = (p: PyNode) => {
    let b = blocks.get(p);
    if (!b) {
      const siblings = namedChildren(p);
      const leaving: { at: number; line: number; arm: number }[] = [];
      siblings.forEach((s, at) => {
        if (s.type !== 'if_statement' || s.children.some((c) => c.type === 'else_clause')) return;
        const elifs = s.children.filter((c) => c.type === 'elif_clause');
        if (exits(child(s, 'consequence')) && elifs.every((e) => exits(child(e, 'consequence')))) leaving.push({ at, line: s.startRow + 1, arm: elifs.length + 1 });
      });
      b = { position: new Map(siblings.map((s, i) => [s, i])), count: siblings.length, leaving };
      blocks.set(p, b);
    }
    return b;
  };

  /**
   * Every branch arm around a statement, up to its function, outermost first (the last is the innermost):
   * which arm of an `if`/`try`/`match` holds it, and the implicit `else` of an earlier `if` of its block
   * whose every arm leaves (`if args.gguf: save_gguf(); return` then `save_merged()`): calls in different
   * arms of one construct are alternatives. Also the innermost loop header it repeats under.
   */
  const controlOf = (stmt: PyNode): { arms: PyArm[]; loop?: { header: string; line: number } } => {
    const inward: PyArm[] = [];
    const out: { loop?: { header: string; line: number } } = {};
    const clip = (x: string) => clipEnd(x.replace(/\s+/g, ' ').trim(), 60);
    for (let x: PyNode = stmt; x.parent && !['function_definition', 'class_definition'].includes(x.parent.type); x = x.parent) {
      const p = x.parent;
      if (STATEMENT_PARENTS.has(p.type)) {
        // The statement's earlier siblings: an `if` (no `else`) whose every arm leaves puts it in that `if`'s else.
        const { position, count, leaving } = blockOf(p);
        const before = position.get(x) ?? count - 1;
        for (let i = leaving.length - 1; i >= 0; i--) if (leaving[i].at < before) inward.push({ kind: 'if', line: leaving[i].line, arm: leaving[i].arm, condition: 'else' });
      }
      if (p.type === 'module') break;
      if (!out.loop && (p.type === 'for_statement' || p.type === 'while_statement') && x.field === 'body') {
        const header = p.type === 'for_statement' ? `for ${t(child(p, 'left') ?? p)} in ${t(child(p, 'right') ?? p)}` : `while ${t(child(p, 'condition') ?? p)}`;
        out.loop = { header: clip(header), line: p.startRow + 1 };
      }
      if (x.type !== 'block') continue;
      // x is a block: which arm of which construct is it?
      const arm = p;
      const construct = ['elif_clause', 'else_clause'].includes(arm.type) && arm.parent?.type === 'if_statement' ? arm.parent : ['except_clause', 'except_group_clause'].includes(arm.type) || (arm.type === 'else_clause' && arm.parent?.type === 'try_statement') ? arm.parent : arm.type === 'case_clause' ? arm.parent?.parent ?? undefined : arm;
      if (!construct) continue;
      if (construct.type === 'if_statement') {
        const arms = [construct, ...construct.children.filter((c) => c.type === 'elif_clause' || c.type === 'else_clause')];
        const i = arm === construct ? (x.field === 'consequence' ? 0 : -1) : arms.indexOf(arm);
        if (i < 0) continue;
        const cond = arm.type === 'else_clause' ? 'else' : t(child(arm, 'condition') ?? arm);
        inward.push({ kind: 'if', line: construct.startRow + 1, arm: i, condition: clip(cond) });
      } else if (construct.type === 'try_statement') {
        const arms = construct.children.filter((c) => c.field === 'body' || c.type === 'except_clause' || c.type === 'except_group_clause');
        const i = arm === construct ? (x.field === 'body' ? 0 : -1) : arms.indexOf(arm);
        if (i < 0) continue;
        inward.push({ kind: 'try', line: construct.startRow + 1, arm: i, condition: clip(i === 0 ? 'try' : t(arm).split('\n')[0].replace(/:\s*$/, '')) });
      } else if (construct.type === 'match_statement') {
        const cases = (construct.children.find((c) => c.type === 'block')?.children ?? []).filter((c) => c.type === 'case_clause');
        const i = cases.indexOf(arm);
        if (i < 0) continue;
        inward.push({ kind: 'match', line: construct.startRow + 1, arm: i, condition: clip(t(arm).split('\n')[0].replace(/:\s*$/, '')) });
      }
    }
    return { arms: inward.reverse(), ...out };
  };

  /** The bare name tested by the innermost `if` whose body holds this statement (not its else branch). */
  const guardOf = (n: PyNode): string | undefined => {
    let x: PyNode = n;
    while (x.parent && x.parent.type !== 'function_definition') {
      if (x.parent.type === 'if_statement') {
        if (x.field !== 'consequence') return undefined;
        const cond = child(x.parent, 'condition');
        return cond && cond.type === 'identifier' ? t(cond) : undefined;
      }
      if (['elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement', 'with_statement'].includes(x.parent.type)) return undefined;
      x = x.parent;
    }
    return undefined;
  };

  /** Targets a call's value is bound to, and the annotation of `x: T = f()`. */
  const bindingOf = (call: PyNode): { targets: string[]; type?: string; kind?: 'with' | 'for' } => {
    let v = call;
    // `x = A() if c else B()`: either branch is what `x` holds (the condition is not).
    const branch = (x: PyNode) => x.parent?.type === 'conditional_expression' && namedChildren(x.parent).indexOf(x) !== 1;
    while (v.parent && (v.parent.type === 'parenthesized_expression' || v.parent.type === 'await' || branch(v))) v = v.parent;
    const p = v.parent;
    if (!p) return { targets: [] };
    if (p.type === 'assignment' && v.field === 'right') {
      // `a = b = f()`: every link of the chain, outermost first.
      const chain = [p];
      while (chain[0].field === 'right' && chain[0].parent?.type === 'assignment') chain.unshift(chain[0].parent);
      const type = child(p, 'type');
      return { targets: chain.flatMap((a) => targetsOf(src, child(a, 'left'))), ...(type ? { type: t(type) } : {}) };
    }
    if (p.type === 'as_pattern' && p.children[0] === v) {
      const target = p.children.find((c) => c.field === 'alias' || c.type === 'as_pattern_target');
      return { targets: target ? targetsOf(src, namedChildren(target)[0] ?? target) : [], ...(p.parent?.type === 'with_item' ? { kind: 'with' as const } : {}) };
    }
    if (p.type === 'for_statement' && v.field === 'right') return { targets: targetsOf(src, child(p, 'left')), kind: 'for' };
    if (p.type === 'named_expression' && v.field === 'value') return { targets: targetsOf(src, child(p, 'name')) };
    return { targets: [] };
  };

  /** PyCall.runs: whether the code runs the call's result asynchronously, synchronously, or does not say. */
  const runsOf = (call: PyNode, argument: boolean): 'async' | 'sync' | undefined => {
    let v = call;
    while (v.parent?.type === 'parenthesized_expression') v = v.parent;
    if (v.parent?.type === 'await') return 'async';
    // `for x in f()`, `with f() as x` (with_item → with_clause → with_statement): the header says.
    let p = v.parent;
    if (p?.type === 'as_pattern' && p.children[0] === v) p = p.parent;
    const header = p?.type === 'for_statement' && v.field === 'right' ? p : p?.type === 'with_item' ? p.parent?.parent : undefined;
    if (header?.type === 'for_statement' || header?.type === 'with_statement') return header.children[0]?.type === 'async' ? 'async' : 'sync';
    if (argument) return undefined;
    for (let x = v.parent; x; x = x.parent) {
      if (x.type === 'return_statement' || x.type === 'lambda' || x.type === 'yield') return undefined;
      if (x.type === 'function_definition') return x.children[0]?.type === 'async' ? undefined : 'sync';
    }
    return 'sync';
  };

  const argOf = (a: PyNode): PyArg => {
    const line = a.startRow + 1;
    if (a.type === 'keyword_argument') {
      const name = child(a, 'name');
      const value = child(a, 'value');
      const dict = dictEntries(src, value);
      return { keyword: name ? t(name) : '', text: value ? t(value) : '', line, names: value ? namesOf(value) : [], ...(dict ? { dict } : {}) };
    }
    const unpack = a.type === 'list_splat' ? 'star' : a.type === 'dictionary_splat' ? 'starstar' : undefined;
    const dict = dictEntries(src, a);
    return { ...(unpack ? { unpack } : {}), text: t(a), line, names: namesOf(a), ...(dict ? { dict } : {}) } as PyArg;
  };

  /** `# why` comments beside the arguments of a call written over several lines. */
  const argComments = (call: PyNode, argNodes: PyNode[], args: PyArg[]): void => {
    if (call.startRow === call.endRow) return; // a one-line call's comment is about the statement
    const lastOnRow = new Map<number, number>();
    argNodes.forEach((a, i) => lastOnRow.set(a.endRow, i));
    for (const [row, i] of lastOnRow) {
      const c = src.trailing.get(row);
      if (c && c.index >= argNodes[i].endIndex && c.text) args[i].comment = c.text;
    }
  };

  const visitCall = (n: PyNode, ctx: Ctx): Next => {
    const index = facts.calls.length;
    callIndex.set(n, index);
    const { callee, receiver } = calleeOf(src, child(n, 'function'));
    const stmt = statementOf(n);
    const binding = bindingOf(n);
    const argsNode = child(n, 'arguments');
    const argNodes = !argsNode ? [] : argsNode.type === 'argument_list' ? namedChildren(argsNode) : [argsNode];
    const args = argNodes.map(argOf);
    argComments(n, argNodes, args);
    const comment = commentAbove(stmt.startRow);
    const control = controlOf(stmt);
    const runs = runsOf(n, ctx.call !== undefined);
    const call: PyCall = {
      line: n.startRow + 1,
      endLine: endLine(n),
      callee,
      args,
      scope: ctx.scope,
      inMainGuard: ctx.main,
      assignedTo: binding.targets,
      ...(binding.type ? { assignedType: binding.type } : {}),
      ...(binding.kind ? { bindKind: binding.kind } : {}),
      ...(ctx.conditional ? { conditional: true } : {}),
      ...(ctx.call !== undefined ? { parent: ctx.call } : {}),
      ...(comment ? { comment, commentLine: commentTop(stmt.startRow) } : {}),
      statementLine: stmt.startRow + 1,
      ...(control.arms.length ? { branch: control.arms[control.arms.length - 1], ...(control.arms.length > 1 ? { arms: control.arms } : {}) } : {}),
      ...(control.loop ? { loop: control.loop } : {}),
      ...(runs ? { runs } : {}),
    };
    facts.calls.push(call);
    if (receiver) receivers.push({ call, node: receiver });
    // The callee's calls (the receiver `X(a)` of `X(a).y()` first), then the arguments' calls.
    return { each: n.children, ctx: { ...ctx, call: index } };
  };

  const visitDef = (n: PyNode, ctx: Ctx): Next => {
    const decorators = n.type === 'decorated_definition' ? n.children.filter((c) => c.type === 'decorator') : [];
    const def = n.type === 'decorated_definition' ? child(n, 'definition') : n;
    if (!def) return { each: n.children, ctx };
    const nameNode = child(def, 'name');
    const name = nameNode ? t(nameNode) : '';
    const isClass = def.type === 'class_definition';
    const qualname = ctx.scope ? (ctx.scopeKind === 'function' ? `${ctx.scope}.<locals>.${name}` : `${ctx.scope}.${name}`) : name;
    const body = child(def, 'body');
    const returns = child(def, 'return_type');
    const doc = docOf(src, body);
    const superclasses = child(def, 'superclasses');
    if (name) {
      facts.defs.push({
        kind: isClass ? 'class' : 'function',
        name,
        qualname,
        parent: ctx.scope,
        isMethod: ctx.scopeKind === 'class' && !isClass,
        start: n.startRow + 1,
        defLine: def.startRow + 1,
        end: endLine(n),
        decorators: decorators.map((d) => decoratorText(src.text, d)),
        decoratorLines: decorators.map((d) => d.startRow + 1),
        params: isClass ? [] : paramsOf(src, child(def, 'parameters')),
        ...(returns ? { returns: t(returns) } : {}),
        ...(doc !== undefined ? { doc } : {}),
        // `metaclass=M` and other class keywords are not bases.
        bases: superclasses ? namedChildren(superclasses).filter((b) => b.type !== 'keyword_argument').map((b) => t(b).replace(/\s+/g, ' ')) : [],
        ...(isClass && child(def, 'type_parameters') ? { typeParams: true as const } : {}),
        isAsync: !isClass && def.children[0]?.type === 'async',
        hasError: src.broken && hasErrorIn(n),
        ...(ctx.conditional ? { conditional: true } : {}),
      } satisfies PyDef);
    }
    // Decorators, defaults, annotations and bases run in the enclosing scope; the body in its own.
    const inner: Ctx = { scope: qualname, scopeKind: isClass ? 'class' : 'function', main: ctx.main, ...(ctx.guard ? { guard: ctx.guard } : {}) };
    return [
      ...decorators.map((d) => ({ n: d, ctx })),
      ...def.children.filter((c) => c.field !== 'body' && c.field !== 'name').map((c) => ({ n: c, ctx })),
      // (A shallow tree holds only a skeleton of a function's body: see ParseOptions.shallow.)
      ...(body && !(tree.shallow && !isClass && !(ctx.scope === '' && name === '__getattr__')) ? body.children.map((c) => ({ n: c, ctx: inner })) : []),
    ];
  };

  const visitImport = (n: PyNode, ctx: Ctx): void => {
    const base = { line: n.startRow + 1, scope: ctx.scope, ...(ctx.guard ? { guard: ctx.guard } : {}), ...(ctx.conditional ? { conditional: true } : {}) };
    const dotted = (x: PyNode) => t(x).replace(/\s+/g, '');
    if (n.type === 'import_statement') {
      for (const item of n.children.filter((c) => c.field === 'name')) {
        const mod = item.type === 'aliased_import' ? child(item, 'name') : item;
        const alias = item.type === 'aliased_import' ? child(item, 'alias') : undefined;
        facts.imports.push({ ...base, kind: 'import', module: mod ? dotted(mod) : '', level: 0, names: [], star: false, ...(alias ? { alias: t(alias) } : {}) });
      }
      return;
    }
    const modNode = child(n, 'module_name');
    let module = modNode ? dotted(modNode) : '';
    let level = 0;
    if (modNode?.type === 'relative_import') {
      const prefix = modNode.children.find((c) => c.type === 'import_prefix');
      level = prefix ? t(prefix).replace(/\s+/g, '').length : 0;
      const name = modNode.children.find((c) => c.type === 'dotted_name');
      module = name ? dotted(name) : '';
    }
    const names = n.children
      .filter((c) => c.field === 'name')
      .map((c) => {
        if (c.type !== 'aliased_import') return { name: dotted(c) };
        const nm = child(c, 'name');
        const al = child(c, 'alias');
        return { name: nm ? dotted(nm) : '', ...(al ? { alias: t(al) } : {}) };
      });
    const star = n.children.some((c) => c.type === 'wildcard_import');
    facts.imports.push({ ...base, kind: 'from', module, level, names, star } satisfies PyImport);
  };

  const visitAssign = (n: PyNode, ctx: Ctx): void => {
    if (n.field === 'right' && n.parent?.type === 'assignment') return; // a link of `a = b = v`, read with the first
    const targets: string[] = [];
    let link: PyNode | undefined = n;
    let right: PyNode | undefined;
    while (link) {
      targets.push(...targetsOf(src, child(link, 'left')));
      right = child(link, 'right');
      link = right?.type === 'assignment' ? right : undefined;
    }
    const type = child(n, 'type');
    if (ctx.scopeKind === 'module' && targets.includes('__all__')) {
      const list = stringList(src, right);
      if (list) facts.all = list;
    }
    if (ctx.scopeKind === 'module' && right?.type === 'dictionary' && targets.length === 1) {
      const dict = stringDict(src, right);
      if (dict) moduleDicts.set(targets[0], dict);
    }
    if (unwrap(right)?.type === 'call') return; // calls carry their own assignedTo
    const chain = right ? dottedChain(src, right) : undefined;
    const dict = dictEntries(src, right);
    const value = unwrap(right);
    const opNode = value?.type === 'binary_operator' ? child(value, 'operator') : undefined;
    const leftChain = value && opNode ? dottedChain(src, unwrap(child(value, 'left')) ?? value) : undefined;
    // (Only a module-level alias is ever looked up: `x = batch["ids"]` in a body records nothing.)
    const subscripted = ctx.scopeKind === 'module' && value?.type === 'subscript' ? dottedChain(src, unwrap(child(value, 'value')) ?? value) : undefined;
    facts.assigns.push({
      line: n.startRow + 1,
      scope: ctx.scope,
      targets,
      ...(chain ? { valueName: chain.join('.') } : {}),
      valueText: right ? t(right) : '',
      ...(type ? { annotation: t(type) } : {}),
      ...(ctx.conditional ? { conditional: true } : {}),
      ...(dict ? { dict } : {}),
      ...(opNode && leftChain ? { operator: { op: t(opNode), left: leftChain.join('.') } } : {}),
      ...(subscripted ? { subscripted: subscripted.join('.') } : {}),
    } satisfies PyAssign);
  };

  /** `__all__ += [...]`, `__all__.extend([...])`, `__all__.append('x')` after a literal `__all__`. */
  const extendAll = (n: PyNode, ctx: Ctx): void => {
    if (ctx.scopeKind !== 'module' || !facts.all) return;
    if (n.type === 'augmented_assignment') {
      const left = child(n, 'left');
      const more = left && t(left) === '__all__' ? stringList(src, child(n, 'right')) : undefined;
      if (more) facts.all = [...facts.all, ...more];
      return;
    }
    const fn = child(n, 'function');
    const chain = fn && dottedChain(src, fn);
    const arg = namedChildren(child(n, 'arguments') ?? n)[0];
    if (!chain || chain[0] !== '__all__' || chain.length !== 2 || !arg) return;
    const more = chain[1] === 'extend' ? stringList(src, arg) : chain[1] === 'append' ? [stringValue(src, arg)].filter((s) => s !== undefined) : undefined;
    if (more) facts.all = [...facts.all, ...more];
  };

  const visitReturn = (n: PyNode, ctx: Ctx): void => {
    const v = namedChildren(n)[0];
    if (!v) return;
    const value = unwrap(v);
    const fn = value?.type === 'call' ? child(value, 'function') : undefined;
    const chain = fn && dottedChain(src, fn);
    const guard = guardOf(n);
    facts.returns.push({ line: n.startRow + 1, scope: ctx.scope, valueText: t(v), ...(chain ? { callChain: chain } : {}), ...(guard ? { guard } : {}) });
  };

  const addBranch = (subject: string, values: string[], body: PyNode | undefined, ctx: Ctx): void => {
    if (!body) return;
    facts.branches.push({ subject, values, bodyStart: body.startRow + 1, bodyEnd: endLine(body), scope: ctx.scope } satisfies PyBranch);
  };
  /** `if x == "a":` / `elif x == "a":`: the consequence compares x to string literals. */
  const branchOf = (n: PyNode, ctx: Ctx): void => {
    const cmp = stringComparison(src, child(n, 'condition'));
    if (cmp) addBranch(cmp.subject, cmp.values, child(n, 'consequence'), ctx);
  };
  /** `case "a" | "b":` of a `match x:`. */
  const caseOf = (n: PyNode, ctx: Ctx): void => {
    let m: PyNode | null = n.parent;
    while (m && m.type !== 'match_statement') m = m.parent;
    const subject = m ? child(m, 'subject') : undefined;
    const values = casePatternValues(src, n);
    if (subject && values) addBranch(t(subject).replace(/\s+/g, ''), values, child(n, 'consequence') ?? n.children.find((k) => k.type === 'block'), ctx);
  };

  // One object says "every child, with this context": the walk reads it before the next visit.
  const every = { each: [] as PyNode[], ctx: { scope: '', scopeKind: 'module', main: false } as Ctx };
  const allOf = (n: PyNode, ctx: Ctx): Next => {
    every.each = n.children;
    every.ctx = ctx;
    return every;
  };
  const none: Next = [];

  /** Handles one node; returns the children to walk next, in source order, each with its context. */
  const visit = (n: PyNode, ctx: Ctx): Next => {
    switch (n.type) {
      case 'comment':
        return none;
      case 'decorated_definition':
      case 'function_definition':
      case 'class_definition':
        return visitDef(n, ctx);
      case 'import_statement':
      case 'import_from_statement':
        visitImport(n, ctx);
        return none;
      case 'try_statement': {
        // Only the `try:` body of a try that catches something is guarded; its handlers are the fallback.
        const handler = (c: PyNode) => c.type === 'except_clause' || c.type === 'except_group_clause';
        const catches = n.children.some(handler);
        return n.children.map((c) => ({ n: c, ctx: catches && c.field === 'body' ? { ...ctx, guard: 'try' as const } : handler(c) ? { ...ctx, guard: 'except' as const } : ctx }));
      }
      case 'elif_clause':
        branchOf(n, ctx);
        return allOf(n, ctx);
      case 'case_clause':
        caseOf(n, ctx);
        return allOf(n, ctx);
      case 'if_statement': {
        branchOf(n, ctx);
        const cond = child(n, 'condition');
        if (cond && /^(typing\.)?TYPE_CHECKING$/.test(t(cond).trim())) {
          return n.children.map((c) => ({ n: c, ctx: c.field === 'consequence' ? { ...ctx, guard: 'type_checking' as const } : ctx }));
        }
        if (ctx.scopeKind === 'module' && isMainGuard(src, n)) {
          facts.hasMainGuard = true;
          return n.children.map((c) => ({ n: c, ctx: c.field === 'consequence' ? { ...ctx, main: true } : ctx }));
        }
        if (ctx.scopeKind === 'module') return n.children.map((c) => ({ n: c, ctx: c.field === 'condition' ? ctx : { ...ctx, conditional: true } }));
        return allOf(n, ctx);
      }
      case 'call':
        extendAll(n, ctx);
        return visitCall(n, ctx);
      case 'assignment':
        visitAssign(n, ctx);
        return allOf(n, ctx);
      case 'augmented_assignment':
        extendAll(n, ctx);
        return allOf(n, ctx);
      case 'return_statement':
        visitReturn(n, ctx);
        return allOf(n, ctx);
      case 'identifier':
        if (inGetattr(ctx)) getattrNames.add(t(n));
        return none;
      case 'dictionary':
        if (inGetattr(ctx)) {
          const dict = stringDict(src, n);
          if (dict) getattrDicts.push(dict);
        }
        return allOf(n, ctx);
      default:
        return allOf(n, ctx);
    }
  };

  // The walk's stack, as two parallel lists (a node and its context).
  const nodes: PyNode[] = [tree.root];
  const contexts: Ctx[] = [{ scope: '', scopeKind: 'module', main: false }];
  while (nodes.length) {
    const next = visit(nodes.pop()!, contexts.pop()!);
    if (Array.isArray(next)) {
      for (let i = next.length - 1; i >= 0; i--) nodes.push(next[i].n), contexts.push(next[i].ctx);
    } else {
      for (let i = next.each.length - 1; i >= 0; i--) nodes.push(next.each[i]), contexts.push(next.ctx);
    }
  }

  // (A shallow tree's imports inside function bodies: only which modules they name is kept.)
  if (tree.bodyImports?.length) {
    const from = facts.imports.length;
    for (const n of tree.bodyImports) visitImport(n, { scope: '', scopeKind: 'function', main: false });
    facts.bodyImports = facts.imports.splice(from).map((i) => ({ module: i.module, level: i.level }));
  }
  for (const { call, node } of receivers) {
    const i = callIndex.get(node);
    if (i !== undefined) call.callee.receiverCall = i;
  }
  if (facts.defs.some((d) => d.qualname === '__getattr__' && d.kind === 'function')) {
    const used = [...moduleDicts].filter(([name]) => getattrNames.has(name)).map(([, d]) => d);
    const lazy = Object.assign({}, ...used, ...getattrDicts) as Record<string, string>;
    if (Object.keys(lazy).length) facts.lazyExports = lazy;
  }
  const moduleDoc = docOf(src, tree.root);
  if (moduleDoc !== undefined) {
    facts.doc = moduleDoc;
    const lines = docParagraphLines(src, namedChildren(namedChildren(tree.root)[0])[0]);
    if (lines.length) facts.docParagraphLines = lines;
  }
  return facts;
}
