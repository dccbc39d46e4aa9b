// Facts the Python adapter reads out of one source text. Lines are 1-based lines of the text that was
// parsed (`\r\n` and lone `\r` count as one line break each, as Python counts them).

export interface PyImportName {
  name: string;
  alias?: string;
}

export interface PyImport {
  line: number;
  /** `import a.b as c` → kind `import`, module `a.b`, names [] , alias `c`. */
  kind: 'import' | 'from';
  /** Dotted module without the leading dots of a relative import. May be '' for `from . import x`. */
  module: string;
  /** Number of leading dots (0 for absolute). */
  level: number;
  /** For `from` imports: the imported names. */
  names: PyImportName[];
  /** For `import a.b as c`: `c`. */
  alias?: string;
  /** `from x import *`. */
  star: boolean;
  /**
   * Inside the `try:` body of a try that catches, an `except` handler (the fallback when the try fails:
   * `except OptionalDependencyNotAvailable: from .dummy_objects import *`), or `if TYPE_CHECKING:`.
   */
  guard?: 'try' | 'except' | 'type_checking';
  /** Qualified name of the enclosing function or class, '' at module level. */
  scope: string;
  /** In an `if`/`else` branch of the module level. */
  conditional?: boolean;
}

export interface PyParam {
  name: string;
  type?: string;
  default?: string;
  /** `*args` → 'vararg', `**kw` → 'kwarg', after `*` → 'keyword', else 'positional'. */
  kind: 'positional' | 'vararg' | 'kwarg' | 'keyword';
}

export interface PyDef {
  kind: 'function' | 'class';
  name: string;
  /** `Outer.inner`, `Class.method`. Functions nested in functions use `f.<locals>.g`. */
  qualname: string;
  /** Qualified name of the enclosing class or function, '' at module level. */
  parent: string;
  /** True when the parent is a class (the def is a method). */
  isMethod: boolean;
  /** First decorator line, else the `def`/`class` line. */
  start: number;
  /** The `def`/`class` keyword line. */
  defLine: number;
  /** Last line of the last statement of the body (Python's end_lineno). */
  end: number;
  /** Decorator expressions without `@`, e.g. `staticmethod`, `torch.no_grad()`. */
  decorators: string[];
  /** The line each decorator starts on, in the order of `decorators`. */
  decoratorLines: number[];
  /** Parameters in order, including `self`/`cls`. */
  params: PyParam[];
  returns?: string;
  /** Whole docstring, dedented (inspect.cleandoc rules), when the body starts with a string. */
  doc?: string;
  /** Base class expressions as written. */
  bases: string[];
  /** A class with type parameters of its own (`class Pipeline[T]:`, PEP 695). */
  typeParams?: true;
  isAsync: boolean;
  /** The definition's region contains ERROR or MISSING nodes: its span must not be printed. */
  hasError: boolean;
  /** Defined in an `if`/`else` branch of the module level. */
  conditional?: boolean;
}

/** One entry of a dict literal whose keys are all string literals (`{"train": train_fn, "data": {...}}`). */
export interface PyDictEntry {
  key: string;
  /** The value as written. */
  value: string;
  line: number;
  /** The value's own entries, when it is such a dict literal too. */
  entries?: PyDictEntry[];
}

/**
 * One branch of an `if`/`elif` chain or a `match` that compares one subject to string literals:
 * `if args.command == "train":`, `elif cmd in ("a", "b"):`, `case "train" | "fit":`.
 */
export interface PyBranch {
  /** The compared expression as written, whitespace removed (`args.command`, `sys.argv[1]`). */
  subject: string;
  values: string[];
  /** Lines of the branch's body. */
  bodyStart: number;
  bodyEnd: number;
  scope: string;
}

export interface PyArg {
  /** Keyword name, absent for positional arguments. */
  keyword?: string;
  /** A dict literal with string keys passed as the argument (`CLI({"a": f})`). */
  dict?: PyDictEntry[];
  /** `*x` → 'star', `**x` → 'starstar'. */
  unpack?: 'star' | 'starstar';
  text: string;
  line: number;
  /** Identifiers read by the argument expression (free names, in order, no duplicates). */
  names: string[];
  /** Trailing `#` comment on the argument's last line, without `#`, trimmed. */
  comment?: string;
}

/** The thing a call calls. */
export interface PyCallee {
  /**
   * `name`: a plain dotted chain rooted at an identifier (`a`, `a.b.c`);
   * `call`: an attribute chain on the result of another call (`X(...).y.z`), see `receiverCall`;
   * `other`: anything else (subscripts, lambdas, string methods on literals...).
   */
  base: 'name' | 'call' | 'other';
  /** Identifier chain: `['a','b','c']` for `a.b.c(...)`, `['y','z']` for `X(...).y.z(...)`. */
  chain: string[];
  /** Index into `calls` of the inner call for base `call`. */
  receiverCall?: number;
  /** Callee expression text as written. */
  text: string;
}

export interface PyCall {
  /** First and last line of the call expression. */
  line: number;
  endLine: number;
  callee: PyCallee;
  args: PyArg[];
  /** Qualified name of the enclosing function/class, '' at module level. */
  scope: string;
  /** Inside `if __name__ == "__main__":`. */
  inMainGuard: boolean;
  /**
   * Names the call's value is bound to by the statement holding it, when the call is the whole right
   * side of an assignment (`a = f()`, `a, b = f()`, `a: T = f()`, `with f() as a`, `for a in f()`):
   * flattened targets in order (`self.x` kept as text). Empty otherwise.
   */
  assignedTo: string[];
  /** `x: T = f()` → `T`. */
  assignedType?: string;
  /** How `assignedTo` is bound when not by `=`: `with f() as x` (x is what `__enter__` gives), `for x in f()` (an element). */
  bindKind?: 'with' | 'for';
  /** In an `if`/`else` branch of the module level. */
  conditional?: boolean;
  /** Index of the call this call is an argument of (or nested in), if any. */
  parent?: number;
  /** Comment lines directly above the statement that holds the call (without `#`, trimmed), one per line. */
  comment?: string;
  /** Line where the statement holding the call starts. */
  statementLine: number;
  /** Line of the first comment line right above the statement (with `comment`). */
  commentLine?: number;
  /**
   * The innermost `if`/`elif`/`else`, `try`/`except` or `match`/`case` (within the call's function) whose
   * arm holds the statement (an explicit arm, or the implicit `else` of an earlier `if` that leaves):
   * calls in different arms of one construct are alternatives, not a sequence.
   */
  branch?: PyArm;
  /**
   * Every arm around the statement, outermost first (the last is `branch`), when there are several: an
   * `if` whose every arm leaves its block (`return`, `raise`, ...) puts the statements after it in its
   * implicit `else`. Two calls are alternatives at the first construct where their arms differ.
   */
  arms?: PyArm[];
  /** The innermost `for`/`while` loop around the statement (within its function): its header, and line. */
  loop?: { header: string; line: number };
  /**
   * How the call's result is run, when the code says: `async` when awaited or iterated/entered with
   * `async for`/`async with`; `sync` when iterated or entered without, or made where nothing can await it
   * (outside any `async def`, not returned, not an argument). Tells the twins of an SDK apart (`Instructor`
   * and `AsyncInstructor` both define `create`).
   */
  runs?: 'async' | 'sync';
}

export interface PyArm {
  kind: 'if' | 'try' | 'match';
  /** Line of the `if`/`try`/`match` keyword: the construct's identity. */
  line: number;
  /** Arm number in the construct, 0 first. */
  arm: number;
  /** The arm's condition as written (`args.save_gguf`), `else`, `except ...`, or the case pattern. */
  condition: string;
}

/** `x = <expr>` at any scope, when the value is not a call (calls carry their own assignedTo). */
export interface PyAssign {
  line: number;
  scope: string;
  targets: string[];
  /** Dotted name on the right side, when the value is a plain name or attribute chain. */
  valueName?: string;
  valueText: string;
  /** `x: int = 3` → `int` (dataclass fields, annotated module constants). */
  annotation?: string;
  /** In an `if`/`else` branch of the module level. */
  conditional?: boolean;
  /** The value's entries, when it is a dict literal with string keys. */
  dict?: PyDictEntry[];
  /** `c = a + b`: the operator and its left operand, when that is a plain name or attribute chain. */
  operator?: { op: string; left: string };
  /** `Alias = Pipeline[In, Out]` at module level: the dotted name subscripted (a generic class's alias, or an item of a value). */
  subscripted?: string;
}

/** `return <expr>` inside a function: lets resolution see `return Cls(...)`. */
export interface PyReturn {
  line: number;
  scope: string;
  /** Callee chain when the value is a call of a plain dotted name, e.g. `['cls']`, `['Model']`. */
  callChain?: string[];
  valueText: string;
  /** `if flag: return X(...)`: the bare name the innermost enclosing `if` tests, when the return is in its body. */
  guard?: string;
}

export interface PySyntaxError {
  line: number;
  message: string;
}

export interface PyModuleFacts {
  /** Repository-relative path (`/`-separated). */
  path: string;
  imports: PyImport[];
  defs: PyDef[];
  calls: PyCall[];
  assigns: PyAssign[];
  returns: PyReturn[];
  /** Literal `__all__` list/tuple, when present. */
  all?: string[];
  /** Literal dict mapping in a module `__getattr__` lazy export (`{'Name': '.module'}`), when present. */
  lazyExports?: Record<string, string>;
  /** `if`/`elif`/`case` branches that compare one subject to string literals (command dispatch). */
  branches: PyBranch[];
  hasMainGuard: boolean;
  /** Module docstring. */
  doc?: string;
  /** The lines where the module docstring's paragraphs start, as the file writes them. */
  docParagraphLines?: number[];
  /** ERROR / MISSING nodes, by line. */
  errors: PySyntaxError[];
  /** Number of lines in the text. */
  lineCount: number;
  /**
   * Made without reading function bodies (the index's view of a library module it only looks names up
   * in): the calls, assignments, returns, branches, imports and definitions inside functions are missing;
   * everything at module and class level, every definition's span, signature and docstring, is there.
   */
  shallow?: boolean;
  /** In shallow facts, the modules the imports inside function bodies name (the module's external imports count them). */
  bodyImports?: { module: string; level: number }[];
}
