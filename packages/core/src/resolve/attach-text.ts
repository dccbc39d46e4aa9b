// Which modules the attachment scan (PythonIndex.findAttachments) parses, read from their text alone. The
// scan keeps an attachment only when its value resolves, from module level of the module that makes it,
// to a repository function; the value's first name must then be bound at module level (a definition, an
// import, an assignment, a star import, a lazy `__getattr__` export, or a submodule of the package). A
// module that binds none of the names an attachment could take its value from attaches nothing, so it is
// not parsed: diffusers' scan parses 30 modules instead of the 263 the line check passes (99 of which
// nothing else reads), peft's 28 instead of 80. Every check here may say yes for nothing; none may say
// no to what the scan would find.

/**
 * Lines that may attach a function to an object: `setattr(`, `MethodType`, `X.y = name`. Not `self.y = name`
 * (an instance's own attribute, which findAttachments ignores): without it most modules of a large
 * library would be parsed for nothing (diffusers: 739 modules match, 274 without `self.`).
 */
export const ATTACH_LINE = /setattr\(|MethodType|^[ \t]*(?!self\.)[A-Za-z_][\w.]*\.[A-Za-z_]\w*[ \t]*=[ \t]*[A-Za-z_][\w.]*[ \t]*(#.*)?$/m;

/** Comments and white space between tokens (a comment taken whole: no backtracking into it). */
const GAP = String.raw`(?:\s|#[^\n]*(?=\n|$))*`;

/** A dotted name's rest (spaces around its dots), then what may end it as a whole expression (a comment, the line's end, `;`, `\\`). */
const CHAIN_END = String.raw`[\w. \t]*(?:#[^\n]*)?(?:$|;|\\)`;

/**
 * The first name of each value an attachment could take, a whole dotted name: the value of an assignment
 * to an attribute other than `self.`'s (`X.y = value`, `X.y: T = value`), the third argument of
 * `setattr(obj, "name", value)` (a last argument after a quoted name between commas) and the first of `MethodType(value, obj)`.
 */
const VALUE_HEADS = [
  new RegExp(String.raw`(?<![\w.])(?!self\.)[A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)+[ \t]*(?::[\s\S]{0,400}?)?=(?!=)[ \t]*(?:\\\n[ \t]*)*([A-Za-z_]\w*)(?=${CHAIN_END})`, 'gm'),
  new RegExp(String.raw`,${GAP}["'][A-Za-z_]\w*["']${GAP},${GAP}([A-Za-z_]\w*)(?=[\w.]*${GAP},?${GAP}\))`, 'g'),
  new RegExp(String.raw`MethodType${GAP}\(${GAP}([A-Za-z_]\w*)(?=[\w.]*${GAP}[,)])`, 'g'),
];

/** `def name` / `class name`, and `name =` / `name: T =` / `name :=` (keyword arguments too). */
const BINDINGS = [/\b(?:def|class)\s+([A-Za-z_]\w*)/g, /(?<![.\w])([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)/g];

/** What an import statement lists after `import`: to the end of the line, through brackets (and comments in them) and `\` continuations. */
const IMPORTED = /\bimport\b((?:\((?:#[^\n]*\n|[^)#])*\)|\\\n|[^\n])*)/g;

/** A star import or a `__getattr__` (lazy exports), at module level: names bound without being written there. */
const UNWRITTEN = /\bimport\s*\*|\bdef\s+__getattr__\b/;

/** A line that opens a function or class body: what follows, indented more, is not module level. */
const BODY_HEADER = /^([ \t]*)(?:async[ \t]+)?(?:def|class)[ \t]/;

/**
 * The text's module-level lines: every line except those indented under a `def` or `class` line (a
 * superset: a less indented line of any kind, a comment or a string's continuation, ends the body).
 */
function moduleLevelText(text: string): string {
  const kept: string[] = [];
  let body: number | undefined;
  for (const line of text.split('\n')) {
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (body !== undefined && (indent > body || indent === line.length)) continue;
    body = undefined;
    kept.push(line);
    const header = BODY_HEADER.exec(line);
    if (header) body = header[1].length;
  }
  return kept.join('\n');
}

/** Every name the module-level text may bind (a superset). */
function boundNames(top: string): Set<string> {
  const out = new Set<string>();
  for (const re of BINDINGS) for (const m of top.matchAll(re)) out.add(m[1]);
  for (const m of top.matchAll(IMPORTED)) for (const w of m[1].matchAll(/[A-Za-z_]\w*/g)) out.add(w[0]);
  return out;
}

/**
 * Whether the attachment scan must parse this module: a line may attach a function, and a value it could
 * attach starts with a name bound at module level or a submodule's name (`isSubmodule`).
 */
export function mayAttach(text: string, isSubmodule: (name: string) => boolean): boolean {
  if (!ATTACH_LINE.test(text)) return false;
  const heads = new Set<string>();
  for (const re of VALUE_HEADS) for (const m of text.matchAll(re)) heads.add(m[1]);
  if (!heads.size) return false;
  const top = moduleLevelText(text);
  if (UNWRITTEN.test(top)) return true;
  const bound = boundNames(top);
  for (const h of heads) if (bound.has(h) || isSubmodule(h)) return true;
  return false;
}
