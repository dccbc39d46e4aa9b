// The repository's Python modules, parsed lazily (each file at most once), and static name resolution
// across them: imports (absolute, relative, aliased, guarded), `__init__` re-exports, star imports with
// `__all__`, module-level aliases, lazy `__getattr__` exports, class members through inheritance.
import type { Definition, Parameter, Span } from '../model.js';
import type { ReadResult, RepoFiles } from '../repo/files.js';
import { normaliseLineBreaks, type PythonParser } from '../lang/python/parser.js';
import { assignsTo, forgetBound } from './bound-names.js';
import { extractPythonFacts } from '../lang/python/facts.js';
import type { PyDef, PyDictEntry, PyImport, PyModuleFacts } from '../lang/python/types.js';
import { firstParagraph, firstSentence, docParamTypes, type DocTypes } from '../lang/python/docstring.js';
import { IMPORT_TO_DISTRIBUTION, PY_PACKAGE_MANIFESTS, PY_SOURCE_FOLDERS, PY_STDLIB } from '../heuristics/tables.js';
import { isNonLibraryPath } from '../repo/layout.js';
import { clipEnd, MAX_VALUE } from '../text/clip.js';
import { mayAttach } from './attach-text.js';

export type PySymbol =
  | { kind: 'module'; module: string; path: string }
  | { kind: 'def'; module: string; path: string; def: PyDef }
  | { kind: 'external'; module: string }
  | { kind: 'stdlib'; module: string }
  /** `method`: the name is a method of a repository class that the class (as known here) does not define. */
  | { kind: 'unresolved'; reason: string; candidates?: string[]; method?: string };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A class that takes type arguments: its own type parameters (`class Pipeline[T]:`), or a base with
 * them (`Generic[T]`, `Protocol[T]`, `HooksBase[TContext]`).
 */
/**
 * A method whose first positional parameter is its object or class, whatever it is named (`self`,
 * `cls`, loguru's positional-only `__self`): any method but a `@staticmethod`.
 */
export const receivesSelf = (d: PyDef): boolean => !!d.isMethod && !d.decorators.some((x) => /(^|\.)staticmethod$/.test(x));

/** How many class-body aliases (`run = forward`, `__call__ = run`) a member is followed through. */
const MAX_ALIAS_DEPTH = 4;

const isGenericClass = (d: PyDef): boolean => d.kind === 'class' && (!!d.typeParams || d.bases.some((b) => /^[A-Za-z_][\w.]*\[/.test(b)));

export interface Attachment {
  target: Extract<PySymbol, { kind: 'def' }>;
  /** Where the attachment is made. */
  site: { path: string; line: number };
  /**
   * The function becomes a bound method: `types.MethodType(f, obj)`, an attribute of a class
   * (`Model.f = f`, `setattr(Model, "f", f)`), or a first parameter named `self`/`cls`. Its first
   * parameter is then not an argument of the call.
   */
  bound: boolean;
}

export class PythonIndex {
  /** Dotted module name → repository path. */
  readonly modules = new Map<string, string>();
  private readonly moduleOfPath = new Map<string, string>();
  /** Top-level names of the repository's own packages and modules. */
  readonly topLevel = new Set<string>();
  private readonly factsCache = new Map<string, PyModuleFacts | null>();
  private readonly callsByName = new WeakMap<PyModuleFacts, Map<string, PyModuleFacts['calls']>>();
  /** Parse problems, by path, for the report. */
  readonly parseProblems = new Map<string, string>();

  /** Folders whose files are not in a regular package: a script there has its own folder first on sys.path. */
  private readonly packageDirs: Set<string>;

  constructor(
    private readonly files: RepoFiles,
    private readonly parser: PythonParser,
    private readonly dependencies: string[],
    /** How a file's facts are made (extractPythonFacts, or the same through the facts cache); `shallow`: see PyModuleFacts. */
    private readonly factsOf: (text: string, path: string, shallow?: boolean) => PyModuleFacts = (text, path, shallow) => extractPythonFacts(parser, text, path, { shallow }),
    /** Called before a file's facts are made: what to wait for first (the facts pool making them on a worker). */
    private readonly before?: (path: string) => Promise<void> | undefined,
    /**
     * Told the repository files a module just loaded imports (a thunk: worked out only when a worker could
     * use them): likely loaded next, parsed ahead on a worker.
     */
    private readonly ahead?: (paths: () => string[]) => void,
  ) {
    const all = files.files.map((f) => f.path);
    const pyFiles = all.filter((p) => p.endsWith('.py') || p.endsWith('.pyi'));
    const isPkg = new Set(pyFiles.filter((p) => /(^|\/)__init__\.pyi?$/.test(p)).map((p) => p.replace(/\/?__init__\.pyi?$/, '')));
    this.packageDirs = isPkg;
    const roots = packageRoots(all, pyFiles);
    // Every name a file is importable by: from its deepest package root (namespace packages allowed), and
    // by the folders-with-__init__ rule; the first is its own. Ranked so that a package file wins over a
    // loose script with the same module name, `.py` over `.pyi`, and a file's own name over another name.
    const entries: { p: string; mod: string; root: string; r: number }[] = [];
    const namesOf = new Map<string, { name: string; root: string }[]>();
    for (const p of pyFiles) {
      const names = moduleNames(p, isPkg, roots);
      namesOf.set(p, names);
      names.forEach((n, i) => entries.push({ p, mod: n.name, root: n.root, r: rank(p, n.name) + (i ? 5 : 0) }));
    }
    entries.sort((a, b) => a.r - b.r || cmp(a.p, b.p) || cmp(a.mod, b.mod));
    for (const { p, mod, root } of entries) {
      if (!this.modules.has(mod)) this.modules.set(mod, p);
      // The same name anchored at its folder: a script's own folder finds it even where another file wins.
      const key = rootedKey(root, mod);
      if (!this.modules.has(key)) this.modules.set(key, p);
      const top = mod.split('.')[0];
      // Packages anywhere, and loose modules at the root, under src/ or a package root, are the repository's own names.
      if (mod.includes('.') || isPkg.has(p.replace(/\/?__init__\.pyi?$/, '')) || /^(src\/)?[^/]+\.pyi?$/.test(p) || (root !== '' && roots.has(root))) this.topLevel.add(top);
    }
    // A file's module: the first of its names that finds it, else its own name anchored at its folder.
    for (const [p, names] of namesOf) {
      if (!names.length) continue;
      const winner = names.find((n) => this.modules.get(n.name) === p);
      this.moduleOfPath.set(p, winner ? winner.name : rootedKey(names[0].root, names[0].name));
    }
    // A file of a namespace sub-package is also what a script beside it imports by its bare name
    // (`from utils import x` in `pkg/bench/run.py`), when no other module has that name.
    for (const p of [...pyFiles].sort(cmp)) {
      const loose = moduleName(p, isPkg, false);
      if (loose && !this.modules.has(loose)) this.modules.set(loose, p);
    }
  }

  module(path: string): string | undefined {
    return this.moduleOfPath.get(path);
  }

  /** The module name to print: a rooted key (`<folder>name`, a module another file's name hides) prints its name. */
  static displayModule(module: string): string {
    return module.replace(/^<[^>]*>/, '');
  }

  /**
   * The module an absolute import names, seen from `fromPath`: a file outside any regular package is a
   * script or a module beside one, and Python puts the script's own folder first on sys.path, so a
   * module or package in that folder wins over a same-named one elsewhere in the tree.
   */
  importTarget(fromPath: string, module: string): string {
    const dir = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/')) : '';
    if (!module || this.packageDirs.has(dir)) return module;
    const first = module.split('.')[0];
    const local = this.modules.get(rootedKey(dir, first));
    if (!local) return module;
    // The plain name when it names the same file (a stable, printable module name).
    const key = rootedKey(dir, module);
    const path = this.modules.get(key);
    return path && this.modules.get(module) === path && this.modules.get(first) === local ? module : key;
  }

  /** A repository file's whole facts, parsed once; null when it cannot be read. */
  async load(path: string): Promise<PyModuleFacts | null> {
    return this.whole(path, await this.read(path, false));
  }

  /**
   * A file's facts for looking names up in (imports, definitions, module- and class-level bindings): the
   * index's own resolution reads a library module only so, and a module first read so is parsed without
   * its function bodies (PyModuleFacts.shallow; most of diffusers' library modules are never read
   * further). Anything that reads bodies (calls, returns, assignments in functions) goes through `load`
   * or `facts`, which make such facts whole.
   */
  async declarations(path: string): Promise<PyModuleFacts | null> {
    // (A test's or an example's module is most often a source too, read whole: not read twice.)
    return this.whole(path, await this.read(path, !isNonLibraryPath(path)), false);
  }

  private async read(path: string, shallow: boolean): Promise<PyModuleFacts | null> {
    if (this.factsCache.has(path)) return this.factsCache.get(path) ?? null;
    await this.before?.(path);
    if (this.factsCache.has(path)) return this.factsCache.get(path) ?? null;
    const text = await this.files.readOrSkip(path);
    if (text === undefined) {
      this.factsCache.set(path, null);
      return null;
    }
    const facts = this.factsOf(text, path, shallow);
    await this.parser.release();
    if (facts.errors.length) {
      const e = facts.errors[0];
      this.parseProblems.set(path, `syntax error at line ${e.line}: ${e.message}`);
      // The definitions outside the broken region still resolve; the file is reported (Skipped Inputs).
      this.files.skip(path, `syntax error at line ${e.line}: ${e.message} (definitions in the broken region are not printed)`);
    }
    this.factsCache.set(path, facts);
    this.ahead?.(() => this.importedFiles(path, facts));
    return facts;
  }

  /**
   * The repository files a module imports at module level outside any guard, not loaded yet: the module
   * and, for `from m import x`, the submodule m.x. A guess of what is loaded next; it decides nothing.
   */
  private importedFiles(path: string, facts: PyModuleFacts): string[] {
    const out: string[] = [];
    const add = (mod: string) => {
      const p = this.modules.get(mod);
      if (p && !this.factsCache.has(p) && !out.includes(p)) out.push(p);
    };
    for (const imp of facts.imports) {
      if (imp.scope || imp.guard) continue;
      const mod = this.absoluteModule(path, imp);
      if (mod === undefined) continue;
      if (mod) add(mod);
      for (const n of imp.names) add(mod ? `${mod}.${n.name}` : n.name);
    }
    return out;
  }

  /** A loaded file's whole facts. */
  facts(path: string): PyModuleFacts | undefined {
    return this.whole(path, this.factsCache.get(path) ?? null) ?? undefined;
  }

  /** A loaded file's facts for its definitions, imports and module- and class-level bindings (see `declarations`). */
  declarationsOf(path: string): PyModuleFacts | undefined {
    return this.whole(path, this.factsCache.get(path) ?? null, false) ?? undefined;
  }

  /**
   * The source being analysed (`turn`), and the files loaded otherwise: by another source's resolution,
   * or by shared work (the attachment scan, the command table). A source's own facts are read again only
   * if another source loads it, which is rare (a test beside its helpers is loaded by them first): once
   * it is done (`done`), its calls, assignments, returns and branches (nearly nine tenths of facts) are
   * let go, and made again from its text if it is ever loaded (diffusers: its 900 examples and tests
   * held a third of all facts). The rest (definitions, imports...) stays: the answers the index keeps
   * refer to definitions by identity. A source's result does not depend on what earlier sources did, so
   * neither on what they kept.
   */
  turn: string | undefined;
  private readonly shared = new Set<string>();
  private readonly thinned = new Set<string>();

  /** The source at `path` is done: its bodies' facts are let go unless another's resolution loaded it. */
  done(path: string): void {
    this.turn = undefined;
    const facts = this.factsCache.get(path);
    if (!facts || this.shared.has(path)) return;
    this.callsByName.delete(facts);
    forgetBound(facts);
    facts.calls = [];
    facts.assigns = [];
    facts.returns = [];
    facts.branches = [];
    this.thinned.add(path);
  }

  /**
   * Facts being read: marked as shared when not the turn's own, made whole again if `done` let them go,
   * and (unless only `declarations` are asked for) made whole if they were made shallow. Made whole in
   * place, keeping every definition object (the answers the index keeps refer to them by identity).
   */
  protected whole(path: string, facts: PyModuleFacts | null, bodies = true): PyModuleFacts | null {
    if (path !== this.turn) this.shared.add(path);
    if (!facts) return facts;
    if (bodies && facts.shallow) return this.deepen(path, facts);
    if (!this.thinned.delete(path)) return facts;
    const r = this.files.readSync(path);
    if (!r.ok) throw new Error(`${path} could not be read again`);
    const again = this.factsOf(r.text, path);
    facts.calls = again.calls;
    facts.assigns = again.assigns;
    facts.returns = again.returns;
    facts.branches = again.branches;
    return facts;
  }

  private readonly bodies = new WeakMap<PyDef, PyModuleFacts>();

  /**
   * Facts that hold a loaded definition's body (its calls, returns and assignments, under its own
   * qualname): the module's whole facts, or, when they are shallow, the definition read alone (each
   * enclosing class's name on a line of its own right above it, every other line of the module blank,
   * so rows and qualnames are the module's). What a function returns or what a class's methods assign is
   * asked of a few hundred of diffusers' library modules; reading each whole again cost more than
   * reading them shallow saved. Whole facts when that reading disagrees with the module's definition.
   * `mentions`: what the caller looks for in the bodies can be there only where their text matches it
   * (`self.name`): where it does not, the shallow facts are all there is to read.
   */
  bodyFacts(path: string, def: PyDef, mentions?: RegExp): PyModuleFacts | undefined {
    const facts = this.declarationsOf(path);
    if (!facts?.shallow) return facts ? this.facts(path) : undefined;
    const known = this.bodies.get(def);
    if (known) return known;
    const lines = this.linesOf(path);
    if (!lines) return this.facts(path);
    const first = def.start - 1;
    if (mentions) {
      let own = this.defTexts.get(def);
      if (own === undefined) this.defTexts.set(def, (own = lines.slice(first, def.end).join('\n')));
      if (!mentions.test(own)) return facts;
    }
    const classes = def.parent ? def.parent.split('.') : [];
    const indent = /^[ \t]*/.exec(lines[first] ?? '')![0];
    // (A class's name is a plain identifier; a def nested in a function is not read shallow.)
    if (classes.some((c) => !/^[A-Za-z_]\w*$/.test(c)) || first < classes.length || indent.length < classes.length || (classes.length && indent.includes('\t') && indent.includes(' '))) return this.facts(path);
    const text = lines.slice(0, def.end).map((line, row) => {
      if (row >= first) return line;
      const depth = row - (first - classes.length);
      return depth >= 0 ? `${' '.repeat(depth)}class ${classes[depth]}:` : '';
    });
    const alone = extractPythonFacts(this.parser, text.join('\n'), path);
    if (alone.errors.length || !alone.defs.some((d) => d.qualname === def.qualname && d.start === def.start && d.end === def.end)) return this.facts(path);
    this.bodies.set(def, alone);
    return alone;
  }

  private readonly selfBindings = new WeakMap<PyDef, Map<string, PyModuleFacts>>();

  /**
   * Facts that hold every binding of `self.<name>` in a class (its own statements and its methods'), in
   * the order of the module's whole facts: the module's whole facts, or, when they are shallow, the
   * class's statements from them and the bodies (bodyFacts) of only those methods whose text names
   * `self.<name>`. Only the assignments and calls are there.
   */
  selfBindingFacts(path: string, cls: PyDef, name: string): PyModuleFacts | undefined {
    const facts = this.declarationsOf(path);
    if (!facts?.shallow) return facts ? this.facts(path) : undefined;
    let byName = this.selfBindings.get(cls);
    if (!byName) this.selfBindings.set(cls, (byName = new Map()));
    const known = byName.get(name);
    if (known) return known;
    const q = cls.qualname;
    const inside = (scope: string, of: string) => scope === of || scope.startsWith(`${of}.`);
    // Blocks in the module's order: each class-level statement's, and each named method's (whole).
    const blocks: { line: number; assigns: PyModuleFacts['assigns']; calls: PyModuleFacts['calls'] }[] = [];
    for (const a of facts.assigns) if (inside(a.scope, q)) blocks.push({ line: a.line, assigns: [a], calls: [] });
    for (const c of facts.calls) if (inside(c.scope, q)) blocks.push({ line: c.line, assigns: [], calls: [c] });
    const mentions = new RegExp(`\\bself\\s*\\.\\s*${name}\\b`);
    for (const m of facts.defs) {
      if (m.kind !== 'function' || !inside(m.parent, q)) continue;
      const body = this.bodyFacts(path, m, mentions);
      // (Read whole instead, when reading the method alone went wrong: the module's facts are whole now.)
      if (!facts.shallow) return facts;
      if (!body || body === facts) continue;
      blocks.push({ line: m.start, assigns: body.assigns.filter((a) => inside(a.scope, m.qualname)), calls: body.calls.filter((c) => inside(c.scope, m.qualname)) });
    }
    blocks.sort((a, b) => a.line - b.line);
    const made: PyModuleFacts = { ...facts, assigns: blocks.flatMap((b) => b.assigns), calls: blocks.flatMap((b) => b.calls), returns: [], branches: [] };
    byName.set(name, made);
    return made;
  }

  private readonly defTexts = new WeakMap<PyDef, string>();
  private readonly lines = new Map<string, string[] | null>();
  /** A shallow module's lines (read once: several of its definitions are asked for). */
  private linesOf(path: string): string[] | undefined {
    let lines = this.lines.get(path);
    if (lines === undefined) {
      const r = this.files.readSync(path);
      this.lines.set(path, (lines = r.ok ? normaliseLineBreaks(r.text).split('\n') : null));
    }
    return lines ?? undefined;
  }

  private deepen(path: string, facts: PyModuleFacts): PyModuleFacts {
    const r = this.files.readSync(path);
    if (!r.ok) throw new Error(`${path} could not be read again`);
    const again = this.factsOf(r.text, path);
    const key = (d: PyDef) => `${d.qualname}\0${d.start}\0${d.defLine}`;
    const kept = new Map(facts.defs.map((d) => [key(d), d]));
    this.callsByName.delete(facts);
    forgetBound(facts);
    facts.defs = again.defs.map((d) => kept.get(key(d)) ?? d);
    facts.imports = again.imports;
    facts.calls = again.calls;
    facts.assigns = again.assigns;
    facts.returns = again.returns;
    facts.branches = again.branches;
    delete facts.shallow;
    delete facts.bodyImports;
    return facts;
  }

  isInternal(module: string): boolean {
    return module.startsWith('<') || this.topLevel.has(module.split('.')[0]);
  }

  /**
   * Whether a file can reach the repository, read from its text without parsing it: an import statement
   * names a module of the repository (or imports relatively), it calls a method the library attaches at
   * run time, or it imports at run time (`importlib.import_module`, `__import__`). A test that cannot is
   * no candidate (621 of unsloth's 1,659 test files).
   */
  async importsRepository(fromPath: string, text: string): Promise<boolean> {
    if (/\b(import_module|__import__)\s*\(/.test(text)) return true;
    for (const m of text.matchAll(/^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import\b|import[ \t]+([\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*))/gm)) {
      if (m[1]) return true;
      const modules = m[2] !== undefined ? [m[2]] : m[3].split(',').map((x) => x.trim().split(/[ \t]+/)[0]);
      for (const mod of modules) {
        const target = mod && this.importTarget(fromPath, mod);
        if (target && (this.isInternal(target) || this.modules.has(target) || this.modules.has(target.split('.')[0]))) return true;
      }
    }
    // A method the library attaches to objects at run time (`model.save_pretrained_gguf`) reaches it too.
    const attached = await this.attachments();
    for (const m of text.matchAll(/\.([A-Za-z_]\w*)/g)) if (attached.has(m[1])) return true;
    return false;
  }

  /** Absolute module for a `from`/`import` statement inside `fromModule` (a package `__init__` counts as the package). */
  absoluteModule(fromPath: string, imp: Pick<PyImport, 'module' | 'level'>): string | undefined {
    if (imp.level === 0) return this.importTarget(fromPath, imp.module);
    const mod = this.moduleOfPath.get(fromPath);
    if (mod === undefined) return undefined;
    const parts = mod.split('.');
    const isInit = /(^|\/)__init__\.pyi?$/.test(fromPath);
    let base = isInit ? parts : parts.slice(0, -1);
    base = base.slice(0, base.length - (imp.level - 1));
    if (base.length === 0 && imp.level > 0 && !imp.module) return undefined;
    return [...base, ...(imp.module ? [imp.module] : [])].join('.');
  }

  /** The symbol a module path names: a repository module, or an external/stdlib one. */
  async moduleSymbol(module: string): Promise<PySymbol> {
    const path = this.modules.get(module);
    if (path) {
      await this.declarations(path);
      return { kind: 'module', module, path };
    }
    const top = module.split('.')[0];
    if (PY_STDLIB.has(top)) return { kind: 'stdlib', module };
    if (this.isInternal(module)) return { kind: 'unresolved', reason: `module \`${module}\` is not in the repository` };
    return { kind: 'external', module };
  }

  /**
   * Answers of resolveInModule, mro and classMember asked afresh (not inside another resolution's cycle
   * guard): each is a function of the repository alone, asked again and again (diffusers: 335,000
   * resolveInModule calls for 19,000 names). Only settled answers are kept: a question asked again
   * while its answer is being worked out is worked out again, as before.
   */
  private readonly answers = { inModule: new Map<string, PySymbol>(), mro: new WeakMap<PyDef, Map<string, PySymbol[]>>(), member: new WeakMap<PyDef, Map<string, PySymbol>>() };

  /**
   * The settled answer to `key` in `table`, else `work`'s (then kept). The re-run cache's index (rerun.ts)
   * also counts what the work read for every source that uses the answer.
   */
  protected async settled<T>(table: Map<string, T>, key: string, work: () => Promise<T>): Promise<T> {
    const known = table.get(key);
    if (known !== undefined) return known;
    const value = await work();
    table.set(key, value);
    return value;
  }

  /**
   * Whether `name`, defined at module level of the file `path`, is what a package above that module binds
   * the name to, in a package whose `__init__` path `isPublic` accepts: `from ._client import Client` in `pkg/__init__.py`
   * makes `pkg._client.Client` the `pkg.Client` users import.
   */
  async reexported(path: string, name: string, isPublic: (path: string) => boolean): Promise<boolean> {
    const module = this.moduleOfPath.get(path);
    if (!module || module.startsWith('<')) return false;
    const parts = module.split('.');
    for (let i = parts.length - 1; i >= 1; i--) {
      const above = parts.slice(0, i).join('.');
      const at = this.modules.get(above);
      if (!at || !/(^|\/)__init__\.pyi?$/.test(at) || !isPublic(at)) continue;
      const sym = await this.resolveInModule(above, name);
      if (sym.kind === 'def' && sym.path === path && sym.def.qualname === name) return true;
      // Or it hands out an instance of it under a public name (loguru's `logger = _Logger(...)`): what
      // the user calls is that object's methods.
      const facts = await this.declarations(at);
      for (const n of facts ? [...this.moduleCalls(facts).keys()].filter((x) => !x.startsWith('_')).sort(cmp) : []) {
        const cls = await this.moduleInstance(above, n);
        if (cls?.path === path && cls.def.qualname === name) return true;
      }
    }
    return false;
  }

  /**
   * The definition a name is, as one of the repository's packages exports it (its `__init__`), when
   * exactly one of them does: what a docs page means by a name it calls without importing it.
   */
  async packageExport(name: string): Promise<PySymbol | undefined> {
    const found: PySymbol[] = [];
    for (const top of this.libraryPackages()) {
      const sym = await this.resolveInModule(top, name);
      if (sym.kind === 'def') found.push(sym);
    }
    return found.length === 1 ? found[0] : undefined;
  }

  private packages?: string[];
  /** The repository's top-level packages of library code (an `__init__`, not tests, examples or docs), sorted. */
  private libraryPackages(): string[] {
    return (this.packages ??= [...this.topLevel].sort().filter((top) => {
      const path = this.modules.get(top);
      return !!path && /(^|\/)__init__\.pyi?$/.test(path) && !isNonLibraryPath(path);
    }));
  }

  /** Resolves `name` as seen at module level of `module`. */
  async resolveInModule(module: string, name: string, seen = new Set<string>()): Promise<PySymbol> {
    if (seen.size) return this.resolveInModuleOnce(module, name, seen);
    return this.settled(this.answers.inModule, `${module}:${name}`, () => this.resolveInModuleOnce(module, name, seen));
  }

  private async resolveInModuleOnce(module: string, name: string, seen: Set<string>): Promise<PySymbol> {
    const key = `${module}:${name}`;
    if (seen.has(key)) return { kind: 'unresolved', reason: `import cycle at \`${module}.${name}\`` };
    seen.add(key);
    const path = this.modules.get(module);
    if (!path) return this.moduleSymbol(`${module}.${name}`);
    const facts = await this.declarations(path);
    if (!facts) return { kind: 'unresolved', reason: `\`${path}\` could not be read` };

    // Later bindings win, as at run time; a guarded import is only a fallback.
    const def = findLast(facts.defs, (d) => d.parent === '' && d.name === name);
    const binding = lastImportBinding(facts.imports, name);
    const alias = findLast(facts.assigns, (a) => a.scope === '' && a.targets.length === 1 && a.targets[0] === name && !!a.valueName);
    // `fallback`: bound in an `except` handler, what runs when the try failed (a dummy object standing in
    // for a missing dependency): used only when nothing else binds the name.
    const candidates: { line: number; conditional: boolean; fallback?: boolean; get: () => Promise<PySymbol> }[] = [];
    if (def) candidates.push({ line: def.defLine, conditional: !!def.conditional, get: async () => ({ kind: 'def', module, path, def }) });
    if (binding) candidates.push({ line: binding.imp.line - (binding.imp.guard ? 0.5 : 0), conditional: !!binding.imp.conditional, fallback: binding.imp.guard === 'except', get: () => this.followImport(path, binding.imp, binding.name, seen) });
    // Other imports of the name in `if`/`else` branches compete with it.
    for (const other of conditionalImportBindings(facts.imports, name)) {
      if (other.imp === binding?.imp) continue;
      candidates.push({ line: other.imp.line, conditional: true, fallback: other.imp.guard === 'except', get: () => this.followImport(path, other.imp, other.name, seen) });
    }
    if (alias?.valueName && alias.valueName !== name) {
      const value = alias.valueName;
      candidates.push({ line: alias.line, conditional: !!alias.conditional, get: () => this.resolveDotted(module, value.split('.'), seen) });
    }
    // `PolicyProcessorPipeline = DataProcessorPipeline[TInput, TOutput]`: a generic class with its type
    // arguments is that class (calling the alias makes its instance, its attributes are the class's). The
    // subscript of anything else (`SUPPORTED[0]`, an Enum's `Color['RED']`) is an item of a value: no
    // binding is read from it.
    const sub = findLast(facts.assigns, (a) => a.scope === '' && a.targets.length === 1 && a.targets[0] === name && !!a.subscripted);
    if (sub?.subscripted && sub.subscripted !== name) {
      const base = await this.resolveDotted(module, sub.subscripted.split('.'), new Set(seen));
      if (base.kind === 'def' && isGenericClass(base.def)) candidates.push({ line: sub.line, conditional: !!sub.conditional, get: async () => base });
    }
    // `qlora_llama2_7b = partial(lora_llama2_7b, quantize_base=True)`: calling the name calls the function
    // it wraps (with some arguments given), whose definition is where the call goes.
    const wrapped = partialOf(facts, name);
    if (wrapped && wrapped.target !== name) {
      const target = wrapped.target;
      candidates.push({ line: wrapped.line, conditional: wrapped.conditional, get: () => this.resolveDotted(module, target.split('.'), seen) });
    }
    candidates.sort((a, b) => b.line - a.line);
    // Bound in `if`/`else` branches to different repository definitions: which one runs is decided at
    // run time, so no location is printed.
    // A star import in another branch may bind the name too (`if mlx: class X ... else: from .gpu import *`).
    for (const imp of facts.imports.filter((i) => i.star && i.scope === '' && i.conditional)) {
      if (!candidates.some((c) => c.conditional)) break;
      const target = this.absoluteModule(path, imp);
      const tp = target ? this.modules.get(target) : undefined;
      const tf = tp ? await this.declarations(tp) : null;
      if (!target || !tf || !(tf.all ? tf.all.includes(name) : !name.startsWith('_'))) continue;
      candidates.push({ line: imp.line, conditional: true, fallback: imp.guard === 'except', get: () => this.resolveInModule(target, name, new Set(seen)) });
    }
    if (candidates.some((c) => !c.fallback)) {
      for (let i = candidates.length - 1; i >= 0; i--) if (candidates[i].fallback) candidates.splice(i, 1);
    }
    if (candidates.length > 1 && candidates.some((c) => c.conditional)) {
      const syms = await Promise.all(candidates.map((c) => c.get()));
      const defs = syms.filter((x): x is Extract<PySymbol, { kind: 'def' }> => x.kind === 'def');
      const distinct = [...new Map(defs.map((d) => [`${d.path}:${d.def.qualname}:${d.def.start}`, d])).values()];
      if (distinct.length > 1) {
        return {
          kind: 'unresolved',
          reason: `\`${name}\` is bound to different definitions in conditional branches of \`${path}\``,
          candidates: distinct.map((d) => `${d.def.qualname} (${d.path}:L${d.def.start}-${d.def.end})`).sort(cmp),
        };
      }
    }
    // The first candidate's reason when none resolves (asking it again would meet its own steps in `seen`).
    let first: PySymbol | undefined;
    for (const c of candidates) {
      const sym = await c.get();
      if (sym.kind !== 'unresolved') return sym;
      first ??= sym;
    }
    if (first) return first;

    // `from .x import *`, honouring the target's `__all__`; one in an `except` handler last.
    for (const imp of facts.imports.filter((i) => i.star && i.scope === '').sort((a, b) => Number(a.guard === 'except') - Number(b.guard === 'except'))) {
      const target = this.absoluteModule(path, imp);
      if (!target || !this.modules.has(target)) continue;
      const tf = await this.declarations(this.modules.get(target)!);
      if (!tf) continue;
      const exported = tf.all ? tf.all.includes(name) : !name.startsWith('_');
      if (!exported) continue;
      const sym = await this.resolveInModule(target, name, seen);
      if (sym.kind !== 'unresolved') return sym;
    }
    // Lazy exports through a module `__getattr__` with a literal mapping.
    const lazy = facts.lazyExports?.[name];
    if (lazy) {
      const level = /^\.+/.exec(lazy)?.[0].length ?? 0;
      const target = this.absoluteModule(path, { module: lazy.slice(level), level });
      if (target) {
        const sym = await this.resolveInModule(target, name, seen);
        if (sym.kind !== 'unresolved') return sym;
        const asModule = await this.moduleSymbol(target);
        if (asModule.kind === 'module' && target.endsWith(`.${name}`)) return asModule;
      }
    }
    if (this.modules.has(`${module}.${name}`)) return this.moduleSymbol(`${module}.${name}`);
    return { kind: 'unresolved', reason: `\`${name}\` is not defined or imported in \`${path}\`` };
  }

  private async followImport(fromPath: string, imp: PyImport, name: { name: string; alias?: string } | undefined, seen: Set<string>): Promise<PySymbol> {
    if (imp.kind === 'import') {
      // `import a.b as c` binds c → a.b; `import a.b` binds a → a.
      return this.moduleSymbol(this.importTarget(fromPath, imp.alias ? imp.module : imp.module.split('.')[0]));
    }
    const target = this.absoluteModule(fromPath, imp);
    if (target === undefined) return { kind: 'unresolved', reason: `relative import beyond the top package in \`${fromPath}\`` };
    if (!name) return { kind: 'unresolved', reason: 'bad import' };
    if (this.modules.has(target)) {
      const sym = await this.resolveInModule(target, name.name, seen);
      if (sym.kind !== 'unresolved') return sym;
      if (this.modules.has(`${target}.${name.name}`)) return this.moduleSymbol(`${target}.${name.name}`);
      return sym;
    }
    const sub = await this.moduleSymbol(`${target}.${name.name}`);
    if (sub.kind === 'module') return sub;
    const mod = await this.moduleSymbol(target);
    if (mod.kind === 'external' || mod.kind === 'stdlib') return mod;
    return { kind: 'unresolved', reason: `module \`${target}\` is not in the repository` };
  }

  /**
   * A registry: the definition a module-level dict literal of the library's callables gives for a key
   * (`sam_model_registry = {"vit_h": build_sam_vit_h, ...}`, then `sam_model_registry["vit_h"](...)`),
   * the dict found where `origin` (`segment_anything.sam_model_registry`) is assigned, through imports.
   * `key`: the literal key written, when one is. An unknown key, or one the dict lacks, gives every
   * definition the dict holds: one, or an unresolved symbol with them as candidates (no location).
   */
  async registryItem(origin: string, key: string | undefined): Promise<PySymbol | undefined> {
    const parts = origin.split('.');
    const found = parts.length > 1 ? await this.dictAt(parts.slice(0, -1).join('.'), parts[parts.length - 1]) : undefined;
    if (!found) return undefined;
    const entries = key !== undefined && found.entries.some((e) => e.key === key) ? found.entries.filter((e) => e.key === key) : found.entries;
    const defs = new Map<string, Extract<PySymbol, { kind: 'def' }>>();
    for (const e of entries) {
      if (!/^[A-Za-z_][\w.]*$/.test(e.value.trim())) return undefined;
      const sym = await this.resolveDotted(found.module, e.value.trim().split('.'));
      if (sym.kind !== 'def') return undefined;
      defs.set(`${sym.path}:${sym.def.qualname}:${sym.def.start}`, sym);
    }
    const distinct = [...defs.values()];
    if (distinct.length === 1) return distinct[0];
    if (!distinct.length) return undefined;
    return { kind: 'unresolved', reason: `\`${parts[parts.length - 1]}[...]\` is one of ${distinct.length} definitions, chosen by its key`, candidates: distinct.map((d) => `${d.def.qualname} (${d.path}:L${d.def.start}-${d.def.end})`).sort(cmp) };
  }

  /** The entries of the dict literal `name` is assigned at module level of `module`, following `from` imports. */
  private async dictAt(module: string, name: string, seen = new Set<string>()): Promise<{ module: string; entries: PyDictEntry[] } | undefined> {
    const key = `${module}:${name}`;
    const path = this.modules.get(module);
    if (seen.has(key) || !path) return undefined;
    seen.add(key);
    const facts = await this.declarations(path);
    if (!facts) return undefined;
    const a = findLast(facts.assigns, (x) => x.scope === '' && x.targets.length === 1 && x.targets[0] === name);
    const binding = lastImportBinding(facts.imports, name);
    if (a && (!binding || a.line > binding.imp.line)) return a.dict?.length ? { module, entries: a.dict } : undefined;
    if (binding?.imp.kind !== 'from' || !binding.name) return undefined;
    const target = this.absoluteModule(path, binding.imp);
    return target ? this.dictAt(target, binding.name.name, seen) : undefined;
  }

  /** Resolves a dotted chain as seen from module level of `module`. */
  async resolveDotted(module: string, chain: string[], seen = new Set<string>()): Promise<PySymbol> {
    // `api = HfApi()` at module level, then `upload_file = api.upload_file`: a member of that instance is
    // its class's member (only through a member: the instance itself is no class to call). Also where a
    // submodule of the package has the name: ollama's `_client = Client()` in `ollama/__init__.py`, after
    // `from ollama._client import Client`, rebinds the package's `_client` (`chat = _client.chat`).
    let sym: PySymbol = (chain.length > 1 ? await this.moduleInstance(module, chain[0], seen) : undefined) ?? (await this.resolveInModule(module, chain[0], seen));
    for (let i = 1; i < chain.length; i++) {
      // (`utils.settings.configure`: the instance may sit in a module further down the chain.)
      const made = sym.kind === 'module' && i < chain.length - 1 ? await this.moduleInstance(sym.module, chain[i], seen) : undefined;
      sym = made ?? (await this.member(sym, chain[i]));
    }
    return sym;
  }

  /**
   * The class of a module-level instance: `name` bound once, unconditionally, at module level, by a call
   * of a name the module resolves to a repository class (`api = HfApi()`), and by nothing else; or
   * imported, unguarded, from a module where it is one (dspy's `from dspy.dsp.utils.settings import
   * settings` then `configure = settings.configure`: `settings = Settings()` lives in the other module).
   */
  async moduleInstance(module: string, name: string, seen = new Set<string>()): Promise<Extract<PySymbol, { kind: 'def' }> | undefined> {
    const path = this.modules.get(module);
    const facts = path ? await this.declarations(path) : null;
    if (!facts) return undefined;
    // Bound otherwise too, by an assignment or a definition: no instance of one known class.
    if (facts.assigns.some((a) => a.scope === '' && a.targets.includes(name)) || facts.defs.some((d) => d.parent === '' && d.name === name)) return undefined;
    const makers = this.moduleCalls(facts).get(name) ?? [];
    if (!makers.length) {
      const key = `instance:${module}:${name}`;
      const bound = lastImportBinding(facts.imports, name);
      if (!bound?.name || bound.imp.guard || bound.imp.conditional || seen.has(key)) return undefined;
      const target = this.absoluteModule(path!, bound.imp);
      return target && this.modules.has(target) ? this.moduleInstance(target, bound.name.name, new Set([...seen, key])) : undefined;
    }
    const c = makers[0];
    if (makers.length !== 1 || c.assignedTo.length !== 1 || c.bindKind || c.conditional || c.callee.base !== 'name') return undefined;
    // An import of the name after the call rebinds it.
    const imported = lastImportBinding(facts.imports, name);
    if (imported && imported.imp.line > c.line) return undefined;
    // (A name made from itself, `batch = batch.to(device)` in a script's loop, is no instance of a class
    // the module makes: followed, it would ask for itself forever.)
    const key = `made:${module}:${name}`;
    if (seen.has(key)) return undefined;
    const cls = await this.resolveDotted(module, c.callee.chain, new Set([...seen, key]));
    return cls.kind === 'def' && cls.def.kind === 'class' ? cls : undefined;
  }

  /** A module's module-level calls by the names they bind (made once per module: every dotted lookup asks). */
  private moduleCalls(facts: PyModuleFacts): Map<string, PyModuleFacts['calls']> {
    let byName = this.callsByName.get(facts);
    if (!byName) {
      byName = new Map();
      for (const c of facts.calls) {
        if (c.scope !== '') continue;
        for (const n of new Set(c.assignedTo)) {
          const list = byName.get(n);
          if (list) list.push(c);
          else byName.set(n, [c]);
        }
      }
      this.callsByName.set(facts, byName);
    }
    return byName;
  }

  /** `sym.name`: a module attribute, a class member (through bases), or external. */
  async member(sym: PySymbol, name: string): Promise<PySymbol> {
    switch (sym.kind) {
      case 'module':
        return this.resolveInModule(sym.module, name);
      case 'external':
      case 'stdlib':
        return { kind: sym.kind, module: sym.module };
      case 'unresolved':
        // An attribute of a missing method is no method of a repository object.
        return sym.method ? { kind: 'unresolved', reason: sym.reason } : sym;
      case 'def':
        if (sym.def.kind === 'class') return this.classMember(sym, name);
        return { kind: 'unresolved', reason: `\`${sym.def.qualname}\` is a function; its attribute \`${name}\` is not known` };
    }
  }

  /** The class's bases, resolved, in method-resolution order (depth first, left to right, no repeats). */
  async mro(cls: Extract<PySymbol, { kind: 'def' }>): Promise<PySymbol[]> {
    let byModule = this.answers.mro.get(cls.def);
    if (!byModule) this.answers.mro.set(cls.def, (byModule = new Map()));
    return [...(await this.settled(byModule, `${cls.path}\0${cls.module}`, () => this.mroOnce(cls)))];
  }

  private async mroOnce(cls: Extract<PySymbol, { kind: 'def' }>): Promise<PySymbol[]> {
    const out: PySymbol[] = [];
    const seen = new Set<string>();
    const visit = async (c: PySymbol, depth: number): Promise<void> => {
      if (depth > 20) return;
      if (c.kind === 'def') {
        const key = `${c.path}:${c.def.qualname}`;
        if (seen.has(key)) return;
        seen.add(key);
        out.push(c);
        for (const base of c.def.bases) {
          if (/^(object|Generic\b|Protocol\b|metaclass=|ABC$|abc\.ABC$)/.test(base) || base.includes('=')) continue;
          const chain = base.replace(/\[.*$/s, '').split('.');
          if (!chain.every((p) => /^[A-Za-z_]\w*$/.test(p))) continue;
          await visit(await this.resolveDotted(c.module, chain), depth + 1);
        }
      } else if (c.kind === 'external' || c.kind === 'stdlib') {
        out.push(c);
      }
    };
    await visit(cls, 0);
    return out;
  }

  async classMember(cls: Extract<PySymbol, { kind: 'def' }>, name: string): Promise<PySymbol> {
    let byKey = this.answers.member.get(cls.def);
    if (!byKey) this.answers.member.set(cls.def, (byKey = new Map()));
    return this.settled(byKey, `${cls.path}\0${cls.module}\0${name}`, () => this.classMemberOnce(cls, name));
  }

  private async classMemberOnce(cls: Extract<PySymbol, { kind: 'def' }>, name: string): Promise<PySymbol> {
    const mro = await this.mro(cls);
    for (const [i, c] of mro.entries()) {
      if (c.kind === 'external') {
        // A repository mixin later in the MRO that defines the name is what the class was given it for:
        // diffusers' models are `ModelMixin` (a `torch.nn.Module`) first, then `PeftAdapterMixin`, whose
        // `add_adapter` torch does not have. (An external base is assumed not to define a public name a
        // later repository base defines; a dunder, `__init__`, it has.)
        const later = name.startsWith('__') ? undefined : await this.firstDefining(mro.slice(i + 1), name);
        return later ?? (await this.forwardedMember(cls, mro, name, c)) ?? c;
      }
      if (c.kind !== 'def') continue;
      const own = await this.ownMember(c, name);
      if (own) return own;
    }
    return { kind: 'unresolved', reason: `\`${cls.def.qualname}\` (in \`${cls.path}\`) has no method \`${name}\` in the repository`, method: name };
  }

  /** The first repository class of `classes` (in order) that defines `name` itself: that definition. */
  private async firstDefining(classes: PySymbol[], name: string): Promise<PySymbol | undefined> {
    for (const c of classes) {
      const own = c.kind === 'def' ? await this.ownMember(c, name) : undefined;
      if (own) return own;
    }
    return undefined;
  }

  /** `name` as defined in the body of the repository class `c` (an overload's implementation), if it is. */
  private async ownMember(c: Extract<PySymbol, { kind: 'def' }>, name: string, depth = 0): Promise<PySymbol | undefined> {
    const facts = await this.declarations(c.path);
    const members = (facts?.defs ?? []).filter((d) => d.parent === c.def.qualname && d.name === name);
    // Overloads: the implementation is the one without @overload (the last one).
    const impl = members.filter((d) => !d.decorators.some((x) => /(^|\.)overload$/.test(x)));
    const pick = impl[impl.length - 1] ?? members[members.length - 1];
    if (pick) return { kind: 'def', module: c.module, path: c.path, def: pick };
    // A function bound by an assignment in the class body (`transcribe = transcribe_function` in whisper's
    // model, `__call__ = forward`) is a method of the class like a def there: another of its methods, or a
    // function of the module's scope, whose first parameter is then the object (a function read through an
    // instance is bound). Not a class or any other value.
    const bound = facts && depth < MAX_ALIAS_DEPTH ? assignsTo(facts, name).filter((a) => a.scope === c.def.qualname && a.targets.length === 1 && !a.annotation).pop() : undefined;
    const value = bound?.valueName;
    if (!value) return undefined;
    if (!value.includes('.')) {
      const same = await this.ownMember(c, value, depth + 1);
      if (same) return same.kind === 'def' && same.def.kind === 'function' ? same : undefined;
    }
    const sym = await this.resolveDotted(c.module, value.split('.'));
    if (sym.kind !== 'def' || sym.def.kind !== 'function' || sym.def.hasError) return undefined;
    return sym.def.isMethod ? sym : { ...sym, def: { ...sym.def, isMethod: true } };
  }

  /**
   * A public method that no repository class of the MRO defines, on a class whose repository `__getattr__`
   * hands out what it lacks (peft's `PeftModel` forwards to its tuner: `model.merge_and_unload()`): when
   * repository classes define a method of that name, it is one of those (unless the external base has it),
   * not the external base's. Unresolved, with the candidates; undefined when nothing says so.
   */
  private async forwardedMember(cls: Extract<PySymbol, { kind: 'def' }>, mro: PySymbol[], name: string, base: Extract<PySymbol, { kind: 'external' }>): Promise<PySymbol | undefined> {
    if (name.startsWith('_')) return undefined;
    let forwarder: Extract<PySymbol, { kind: 'def' }> | undefined;
    for (const c of mro) {
      if (c.kind !== 'def') continue;
      const f = await this.declarations(c.path);
      const getattr = f?.defs.find((d) => d.parent === c.def.qualname && d.name === '__getattr__');
      if (getattr && this.forwards(c.path, getattr)) {
        forwarder = c;
        break;
      }
    }
    if (!forwarder) return undefined;
    const found = await this.methodsNamed(name);
    if (!found.length) return undefined;
    return {
      kind: 'unresolved',
      reason: `\`${cls.def.qualname}\` (in \`${cls.path}\`) has no method \`${name}\`; \`${forwarder.def.qualname}.__getattr__\` forwards it to an object whose class is not known statically (${found.length} repository class(es) define it), unless its external base in \`${base.module}\` has it`,
      candidates: found.map((d) => `${d.def.qualname} (${d.path}:L${d.def.start}-${d.def.end})`),
      method: name,
    };
  }

  /**
   * Does this `__getattr__` hand the name on to another object (`return getattr(self.base_model, name)`)?
   * One that looks the name up in a table of its own (diffusers' ConfigMixin reads its config) forwards nothing.
   */
  private forwards(path: string, getattr: PyDef): boolean {
    const param = getattr.params[1]?.name;
    const r = this.files.readSync(path);
    if (!param || !r.ok) return false;
    const body = r.text.split(/\r\n|\r|\n/).slice(getattr.defLine, getattr.end).join('\n');
    return new RegExp(`getattr\\(\\s*self\\.[A-Za-z_]\\w*\\s*,\\s*${param}\\b`).test(body);
  }

  private methodIndex?: Map<string, string[]>;
  /**
   * Methods of that name in the repository's library classes (tests, examples and scripts left out). One
   * text scan of the library for indented `def name(` builds the index of names to files; only the files
   * that define the name asked for are parsed.
   */
  private async methodsNamed(name: string): Promise<Extract<PySymbol, { kind: 'def' }>[]> {
    if (!this.methodIndex) {
      this.methodIndex = new Map();
      const seen = new Set<string>();
      for (const [, path] of this.attachmentModules()) {
        if (seen.has(path) || isNonLibraryPath(path)) continue;
        seen.add(path);
        const r = this.files.readSync(path);
        if (!r.ok) continue;
        for (const m of r.text.matchAll(/^[ \t]+(?:async[ \t]+)?def[ \t]+([A-Za-z]\w*)[ \t]*\(/gm)) {
          const list = this.methodIndex.get(m[1]);
          if (!list) this.methodIndex.set(m[1], [path]);
          else if (list[list.length - 1] !== path) list.push(path);
        }
      }
    }
    const out: Extract<PySymbol, { kind: 'def' }>[] = [];
    for (const path of this.methodIndex.get(name) ?? []) {
      const facts = await this.declarations(path);
      const module = this.moduleOfPath.get(path);
      if (!facts || module === undefined) continue;
      for (const d of facts.defs) if (d.name === name && d.kind === 'function' && d.isMethod) out.push({ kind: 'def', module, path, def: d });
    }
    return out.sort((a, b) => cmp(a.path, b.path) || a.def.start - b.def.start);
  }

  /** The constructor a class call runs: its own `__init__`, or the first base's that defines one. */
  async constructorOf(cls: Extract<PySymbol, { kind: 'def' }>): Promise<Extract<PySymbol, { kind: 'def' }> | undefined> {
    const sym = await this.classMember(cls, '__init__');
    return sym.kind === 'def' ? sym : undefined;
  }

  private attachmentsCache?: Promise<Map<string, Attachment[]>>;

  /**
   * Functions attached to objects at run time anywhere in the repository (`Cls.name = func`,
   * `setattr(obj, "name", func)`, `obj.name = types.MethodType(func, obj)`), by attribute name. One cheap
   * text prefilter over the sources (clarification 18); only matching files are parsed, once.
   */
  attachments(): Promise<Map<string, Attachment[]>> {
    this.attachmentsCache ??= this.findAttachments();
    return this.attachmentsCache;
  }

  /** The modules the attachment scan reads, by path (a file with several module names once per name). */
  private attachmentModules(): [string, string][] {
    return [...this.modules].sort((a, b) => cmp(a[1], b[1]));
  }

  private attachNames?: Map<string, string[]>;
  /** Is the file parsed by the attachment scan: one whose text may attach a function (attach-text.ts)? */
  private mayAttach(path: string, r: ReadResult): boolean {
    if (!r.ok) return false;
    if (!this.attachNames) {
      this.attachNames = new Map();
      for (const [module, p] of this.modules) this.attachNames.set(p, [...(this.attachNames.get(p) ?? []), module]);
    }
    const names = this.attachNames.get(path) ?? [];
    return mayAttach(r.text, (name) => names.some((m) => this.modules.has(`${m}.${name}`)));
  }

  /** The files the attachment scan parses, in the order it parses them, with their texts (read synchronously). */
  attachmentFiles(): { path: string; text: string }[] {
    const out: { path: string; text: string }[] = [];
    const seen = new Set<string>();
    for (const [, path] of this.attachmentModules()) {
      if (seen.has(path) || isNonLibraryPath(path)) continue;
      seen.add(path);
      const r = this.files.readSync(path);
      if (r.ok && this.mayAttach(path, r)) out.push({ path, text: r.text });
    }
    return out;
  }

  private async findAttachments(): Promise<Map<string, Attachment[]>> {
    const out = new Map<string, Attachment[]>();
    const add = async (path: string, module: string, name: string, value: string, line: number, methodType: boolean, owner: string) => {
      if (!/^[A-Za-z_][\w.]*$/.test(value)) return;
      const sym = await this.resolveDotted(module, value.split('.'));
      if (sym.kind !== 'def' || sym.def.kind !== 'function' || sym.def.hasError) return;
      const first = sym.def.params[0];
      const bound = methodType || /^[A-Z]/.test(owner.split('.').pop() ?? '') || (first?.kind === 'positional' && (first.name === 'self' || first.name === 'cls'));
      const list = out.get(name) ?? [];
      if (!list.some((a) => a.target.path === sym.path && a.target.def.qualname === sym.def.qualname)) list.push({ target: sym, site: { path, line }, bound });
      out.set(name, list);
    };
    for (const [module, path] of this.attachmentModules()) {
      // A test's monkeypatch (`Dataset.load = _load`) is not what the library does at run time.
      if (isNonLibraryPath(path) || !this.mayAttach(path, await this.files.read(path))) continue;
      const facts = await this.load(path);
      if (!facts) continue;
      for (const a of facts.assigns) {
        const target = a.targets.length === 1 ? a.targets[0] : '';
        const m = /^[A-Za-z_][\w.]*\.([A-Za-z_]\w*)$/.exec(target);
        if (m && a.valueName && !target.startsWith('self.')) await add(path, module, m[1], a.valueName, a.line, false, target.slice(0, -m[1].length - 1));
      }
      for (const c of facts.calls) {
        const callee = c.callee.chain.join('.');
        if (callee === 'setattr' && c.args.length === 3) {
          const name = /^["']([A-Za-z_]\w*)["']$/.exec(c.args[1].text.trim());
          if (name) await add(path, module, name[1], c.args[2].text.trim(), c.line, false, c.args[0].text.trim());
        } else if (/(^|\.)MethodType$/.test(callee) && c.assignedTo.length === 1 && c.args[0]) {
          const m = /\.([A-Za-z_]\w*)$/.exec(c.assignedTo[0]);
          if (m) await add(path, module, m[1], c.args[0].text.trim(), c.line, true, '');
        }
      }
    }
    for (const list of out.values()) list.sort((a, b) => cmp(a.target.path, b.target.path) || a.target.def.start - b.target.def.start);
    return out;
  }

  /** Distribution name for an external import (`yaml` → `PyYAML`), matched against declared dependencies. */
  distribution(module: string): string {
    const top = module.split('.')[0];
    const norm = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');
    const declared = this.dependencies.find((d) => norm(d) === norm(top));
    if (declared) return declared;
    const mapped = IMPORT_TO_DISTRIBUTION[top];
    if (mapped) return mapped;
    return top;
  }

  private readonly externalImports = new Map<string, string[]>();
  /** Direct imports of a module that leave the repository (distribution names, sorted). */
  externalImportsOf(path: string): string[] {
    const facts = this.declarationsOf(path);
    if (!facts) return [];
    let known = this.externalImports.get(path);
    if (!known) this.externalImports.set(path, (known = this.externalImportsIn(facts)));
    return [...known];
  }

  private externalImportsIn(facts: PyModuleFacts): string[] {
    const out = new Set<string>();
    for (const imp of [...facts.imports, ...(facts.bodyImports ?? [])]) {
      if (imp.level > 0) continue;
      const top = imp.module.split('.')[0];
      if (!top || PY_STDLIB.has(top) || this.isInternal(top) || top === '__future__') continue;
      out.add(this.distribution(top));
    }
    return [...out].sort(cmp);
  }

  /** The model's Definition for a repository def: span, signature, summary. */
  /** What a definition's docstring gives (read once per definition: a definition is printed for every call of it). */
  private readonly docs = new WeakMap<PyDef, { types?: DocTypes; summary?: string; docParagraph?: string; paramDocs?: Record<string, string> }>();
  private docOf(d: PyDef) {
    let doc = this.docs.get(d);
    if (!doc) {
      const types = d.doc ? docParamTypes(d.doc) : undefined;
      doc = { types, summary: d.doc ? firstSentence(d.doc) : undefined, docParagraph: d.doc ? firstParagraph(d.doc) : undefined, paramDocs: paramDocsOf(types) };
      this.docs.set(d, doc);
    }
    return doc;
  }

  /**
   * The def whose docstring documents `d`: itself, or, for an implementation without one, its first
   * documented `@overload` (typed SDKs write the docstring on the overloads: `messages.create`).
   */
  private documented(path: string, d: PyDef): PyDef {
    if (d.doc) return d;
    const overload = /^(typing\.|typing_extensions\.)?overload$/;
    return this.declarationsOf(path)?.defs.find((o) => o !== d && o.qualname === d.qualname && !!o.doc && o.decorators.some((x) => overload.test(x))) ?? d;
  }

  definition(sym: Extract<PySymbol, { kind: 'def' }>, displayKind?: 'class'): Definition {
    const d = sym.def;
    const { types: doc, summary, docParagraph, paramDocs } = this.docOf(this.documented(sym.path, d));
    // A string annotation (`-> "FastModel"`) names the same type as the bare one.
    const unquote = (t: string) => t.replace(/^(["'])(.*)\1$/, '$2');
    const params: Parameter[] = d.params
      .filter((p, i) => !(i === 0 && receivesSelf(d) && p.kind === 'positional'))
      .map((p) => {
        const name = p.kind === 'vararg' ? `*${p.name}` : p.kind === 'kwarg' ? `**${p.name}` : p.name;
        const type = p.type ? unquote(p.type) : doc?.params[p.name]?.type;
        return { name, ...(type ? { type: clipEnd(type, MAX_VALUE) } : {}), ...(p.default !== undefined ? { default: clipEnd(p.default, MAX_VALUE) } : {}) };
      });
    const returned = d.returns ? unquote(d.returns) : doc?.returns?.type;
    const returns = returned !== undefined ? clipEnd(returned, MAX_VALUE) : undefined;
    const span: Span = { path: sym.path, start: d.start, end: d.end };
    return {
      path: sym.path,
      module: PythonIndex.displayModule(sym.module),
      qualname: d.qualname,
      kind: displayKind ?? (d.kind === 'class' ? 'class' : d.isMethod ? 'method' : 'function'),
      span,
      params,
      ...(returns ? { returns } : {}),
      ...(summary ? { summary } : {}),
      ...(docParagraph ? { docParagraph } : {}),
      ...(paramDocs ? { paramDocs: { ...paramDocs } } : {}),
      externalImports: this.externalImportsOf(sym.path),
    };
  }
}

/** The last element that passes (Array.prototype.findLast, which the ES2022 library does not declare). */
function findLast<T>(list: T[], pred: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i])) return list[i];
  return undefined;
}

/**
 * The function a module-level name wraps with `functools.partial` (`x = partial(f, a=1)`,
 * `x = functools.partial(mod.f, 1)`): the last such binding of the name, its first argument a plain
 * name or attribute chain. `partial` must be functools' (imported from it).
 */
function partialOf(facts: PyModuleFacts, name: string): { target: string; line: number; conditional: boolean } | undefined {
  const call = findLast(facts.calls, (c) => c.scope === '' && c.parent === undefined && c.assignedTo.length === 1 && c.assignedTo[0] === name && !c.bindKind);
  if (!call) return undefined;
  const chain = call.callee.base === 'name' ? call.callee.chain : [];
  const fromFunctools =
    chain.length === 2
      ? chain[1] === 'partial' && lastImportBinding(facts.imports, chain[0])?.imp.module === 'functools' && !lastImportBinding(facts.imports, chain[0])?.name
      : chain.length === 1 && lastImportBinding(facts.imports, chain[0])?.imp.module === 'functools' && lastImportBinding(facts.imports, chain[0])?.name?.name === 'partial';
  const first = call.args[0];
  if (!fromFunctools || !first || first.keyword || first.unpack || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(first.text)) return undefined;
  return { target: first.text, line: call.line, conditional: !!call.conditional };
}

function lastImportBinding(imports: PyImport[], name: string): { imp: PyImport; name?: { name: string; alias?: string } } | undefined {
  let found: { imp: PyImport; name?: { name: string; alias?: string } } | undefined;
  for (const imp of imports) {
    if (imp.scope !== '' || imp.star) continue;
    let hit: { imp: PyImport; name?: { name: string; alias?: string } } | undefined;
    if (imp.kind === 'import') {
      const bound = imp.alias ?? imp.module.split('.')[0];
      if (bound === name) hit = { imp };
    } else {
      const n = imp.names.find((x) => (x.alias ?? x.name) === name);
      if (n) hit = { imp, name: n };
    }
    // An unguarded binding beats a guarded one, which beats one in an `except` handler; among equals
    // the later one wins.
    if (hit && (!found || strength(imp) >= strength(found.imp))) found = hit;
  }
  return found;
}

/** How surely an import binds its names at run time: unguarded, then guarded (`try:`, TYPE_CHECKING), then an `except` fallback. */
const strength = (imp: PyImport) => (!imp.guard ? 2 : imp.guard === 'except' ? 0 : 1);

function conditionalImportBindings(imports: PyImport[], name: string): { imp: PyImport; name?: { name: string; alias?: string } }[] {
  const out: { imp: PyImport; name?: { name: string; alias?: string } }[] = [];
  for (const imp of imports) {
    if (imp.scope !== '' || imp.star || !imp.conditional) continue;
    if (imp.kind === 'import') {
      if ((imp.alias ?? imp.module.split('.')[0]) === name) out.push({ imp });
    } else {
      const n = imp.names.find((x) => (x.alias ?? x.name) === name);
      if (n) out.push({ imp, name: n });
    }
  }
  return out;
}

/** Dotted module name of a file: packages are folders with `__init__.py`; loose files are top-level modules. */
export function moduleName(path: string, packages: Set<string>, namespaces = true): string | undefined {
  const parts = path.replace(/\.pyi?$/, '').split('/');
  // A folder without `__init__.py` inside a package is a namespace sub-package (PEP 420): `pkg/eval/x.py`
  // is `pkg.eval.x` when `pkg` is a package.
  const isPackage = (k: number): boolean => packages.has(parts.slice(0, k).join('/')) || (namespaces && k > 1 && isPackage(k - 1));
  let i = parts.length - 1;
  while (i > 0 && isPackage(i)) i--;
  const mod = parts.slice(i);
  if (!mod.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return undefined;
  if (mod[mod.length - 1] === '__init__') mod.pop();
  return mod.length ? mod.join('.') : undefined;
}

/**
 * Package roots: the repository root, the folder of every `pyproject.toml`/`setup.py`/`setup.cfg`
 * (`PY_PACKAGE_MANIFESTS`), and the `src/` folder of each when it holds Python files.
 */
export function packageRoots(all: string[], pyFiles: string[]): Set<string> {
  const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  const roots = new Set<string>(['']);
  for (const p of all) if (PY_PACKAGE_MANIFESTS.has(p.slice(p.lastIndexOf('/') + 1))) roots.add(dirOf(p));
  const pyDirs = new Set<string>();
  for (const p of pyFiles) for (let d = dirOf(p); d && !pyDirs.has(d); d = dirOf(d)) pyDirs.add(d);
  for (const r of [...roots]) {
    for (const s of PY_SOURCE_FOLDERS) {
      const src = r ? `${r}/${s}` : s;
      if (pyDirs.has(src)) roots.add(src);
    }
  }
  return roots;
}

/**
 * The names a file is importable by, its own first: relative to its deepest package root, where every
 * folder on the way is a regular package or a namespace package (PEP 420: no `__init__.py`, not a
 * package root itself, not a tests/examples/docs folder, holding a regular package or inside a namespace package), then the
 * folders-with-`__init__` name when it differs. Each with the folder the name starts in.
 */
function moduleNames(path: string, packages: Set<string>, roots: Set<string>): { name: string; root: string }[] {
  const out: { name: string; root: string }[] = [];
  const parts = path.replace(/\.pyi?$/, '').split('/');
  const ident = (p: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p);
  // A folder inside a namespace package is one too (`optimum/commands/`, no `__init__.py` anywhere on the
  // way, beside the regular `optimum/gptq/` that makes `optimum/` a namespace package).
  const isNamespace = (dir: string): boolean =>
    !packages.has(dir) && !roots.has(dir) && !isNonLibraryPath(`${dir}/x.py`) && (hasPackageBelow(dir, packages) || (dir.includes('/') && isNamespace(dir.slice(0, dir.lastIndexOf('/')))));
  for (let i = parts.length - 1; i >= 0; i--) {
    const root = parts.slice(0, i).join('/');
    if (!roots.has(root)) continue;
    const mod = parts.slice(i);
    const dirsOk = mod.slice(0, -1).every((_, k) => {
      const dir = parts.slice(0, i + k + 1).join('/');
      return packages.has(dir) || isNamespace(dir);
    });
    if (dirsOk && mod.every(ident)) {
      if (mod[mod.length - 1] === '__init__') mod.pop();
      if (mod.length) out.push({ name: mod.join('.'), root });
    }
    break;
  }
  const legacy = moduleName(path, packages);
  if (legacy && !out.some((n) => n.name === legacy)) {
    const depth = legacy.split('.').length + (/(^|\/)__init__\.pyi?$/.test(path) ? 1 : 0);
    out.push({ name: legacy, root: parts.slice(0, parts.length - depth).join('/') });
  }
  return out;
}

const packageHolders = new WeakMap<Set<string>, Set<string>>();
/**
 * Does the folder hold a regular package, directly (`dir/x/__init__.py`) or through folders without
 * `__init__.py` (nested namespace packages, PEP 420: `langgraph/checkpoint/memory/__init__.py` split
 * across distributions makes both `langgraph/` and `langgraph/checkpoint/` namespace packages)?
 */
function hasPackageBelow(dir: string, packages: Set<string>): boolean {
  let holders = packageHolders.get(packages);
  if (!holders) {
    holders = new Set<string>();
    const parent = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
    for (const p of packages) {
      for (let d = parent(p); ; d = parent(d)) {
        if (holders.has(d)) break;
        holders.add(d);
        if (d === '' || packages.has(d)) break;
      }
    }
    packageHolders.set(packages, holders);
  }
  return holders.has(dir);
}

/** `<folder>name`: a module name anchored at the folder it is relative to (never a valid Python name). */
function rootedKey(root: string, name: string): string {
  return `<${root.replace(/\./g, '%2E')}>${name}`;
}

function rank(path: string, mod: string | undefined): number {
  let r = 0;
  if (!mod) r += 100;
  if (path.endsWith('.pyi')) r += 1;
  if (/^(tests?|examples?|docs?|scripts|notebooks|benchmarks?)\//.test(path)) r += 10;
  return r;
}

/** Parameter descriptions of a parsed docstring, folded to one line each; undefined when there are none. */
function paramDocsOf(doc: DocTypes | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [name, f] of Object.entries(doc?.params ?? {})) {
    const d = f.description?.replace(/\s+/g, ' ').trim();
    if (d) out[name] = d.length > 300 ? `${d.slice(0, 299)}…` : d;
  }
  return Object.keys(out).length ? out : undefined;
}
