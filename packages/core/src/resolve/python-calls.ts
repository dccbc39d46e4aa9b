// Resolves the call sites of one golden-path source (a script, a notebook, a code block) against the
// repository: names through the source's imports, receivers through the values assigned to them.
import type { Arm, CallSite, Definition, Parameter, Place, Resolution, Span } from '../model.js';
import { shellCallSites, type CommandResolver, type ShellLine } from './shell-calls.js';
import { formatSpan } from '../model.js';
import type { PyArm, PyAssign, PyCall, PyDef, PyImport, PyModuleFacts } from '../lang/python/types.js';
import { ALTERNATIVE_CONSTRUCTOR, BUILTIN_TYPE, BUILTIN_TYPE_ATTRIBUTES, CALL_DISPATCH, FLUENT_METHODS, OPAQUE_ANNOTATIONS, OPERATOR_METHODS, PY_ARGUMENT_CLASSES, PY_BUILTINS, PY_CONFIG_PARSERS, PY_ENTRY_RUNNERS, PY_TOOL_CALLS, SELF_COPIES, SUBSCRIPTED_CALLEE, SYNC_TWIN } from '../heuristics/tables.js';
import { receivesSelf, type PySymbol, type PythonIndex } from './python-index.js';
import { clipMiddle, MAX_VALUE } from '../text/clip.js';
import { originFromImports } from '../lang/python/cli-dispatch.js';
import { assignsTo, callsBoundTo } from './bound-names.js';

/** Where each line of the parsed text sits in the original file (notebooks, code blocks). */
export interface LineMap {
  lines: { line: number; cell?: number }[];
}

export interface PythonSource {
  /** Repository-relative path of the file the code is in. */
  path: string;
  facts: PyModuleFacts;
  /** Absent when the text is the file itself. */
  map?: LineMap;
  /** Shell lines (`!cmd` in notebooks), already mapped to the original file. */
  shell: ShellLine[];
  /** The repository's own commands, for shell lines that run them. */
  commands?: CommandResolver;
}

type DefSym = Extract<PySymbol, { kind: 'def' }>;

/** What a value in the example is known to be. */
type Value =
  /** `also`: other definitions the name is bound to under a condition (the unconditional binding holds). */
  /**
   * `bound`: the class a method was reached through (`SubB.from_pretrained`, `b.run`), which `cls(...)`
   * and `Self` in what it returns stand for, even when the method is inherited from a base.
   */
  | { kind: 'symbol'; sym: PySymbol; also?: string[]; bound?: DefSym }
  /** `super()` in a method of a class the source defines: its bases' members. */
  | { kind: 'super'; cls: PyDef }
  /** A function a call returned (`-> Callable[[], Env]`): calling it gives `result`. */
  | { kind: 'callable'; result: Value; from: string }
  | { kind: 'instance'; cls: DefSym }
  /** An instance of a class the source defines itself (`self` in its methods). */
  | { kind: 'local-instance'; cls: PyDef }
  /** `Tuple[A, B]` return annotations, for `a, b = f()`. */
  | { kind: 'tuple'; items: Value[] }
  /** `A | B` return annotations: a member call resolves only when every class gives the same definition. */
  /** `builtins`: members of the return type that are builtin values (`tuple[Self, dict]`), by type name. */
  | { kind: 'union'; classes: DefSym[]; builtins?: string[] }
  /**
   * `inherited`: a method a repository class inherits from an external base (its type is known).
   * `makes`: an alternative constructor so inherited, reached through the class (`SetFitModel.from_pretrained`
   * of huggingface_hub's mixin): calling it makes an instance of that class.
   */
  | { kind: 'external'; module: string; inherited?: boolean; makes?: DefSym }
  | { kind: 'stdlib'; module: string }
  /**
   * `candidates`: the definitions an ambiguous name may be. `result`: the value is what a call of such a
   * name returns, whose type the candidates do not give: a method on it may be one the repository
   * attaches at run time.
   */
  | { kind: 'unknown'; reason: string; local?: boolean; candidates?: string[]; result?: boolean; fromRepo?: boolean; method?: string };

export interface ResolvedSource {
  calls: CallSite[];
  /** Local functions of the source passed to an API (Pattern Docs), by name. */
  patterns: string[];
}

/** `fire.Fire(...)`, `typer.run(...)`, `Fire(...)` after `from fire import Fire`: a runner of PY_ENTRY_RUNNERS, by the import that binds it. */
function isEntryRunner(c: PyCall, facts: PyModuleFacts): boolean {
  if (c.callee.base !== 'name') return false;
  const origin = originFromImports(facts, c.scope, c.callee.chain)?.split('.');
  return !!origin && origin.length > 1 && (PY_ENTRY_RUNNERS[origin.slice(0, -1).join('.')] ?? []).includes(origin[origin.length - 1]);
}

export async function resolvePythonSource(index: PythonIndex, src: PythonSource, opts: { entryFunction?: string; tests?: boolean; page?: boolean } = {}): Promise<ResolvedSource> {
  const { facts } = src;
  /** Whether `scope` is one of `names` or inside one (`f.inner` is inside `f`); `''` (module level) only itself. */
  const insideAny = (scope: string, names: ReadonlySet<string>): boolean => {
    if (names.has(scope)) return true;
    for (let i = scope.indexOf('.'); i > 0; i = scope.indexOf('.', i + 1)) if (names.has(scope.slice(0, i))) return true;
    return false;
  };
  const localFns = new Set(facts.defs.filter((d) => d.parent === '' && d.kind === 'function').map((d) => d.name));
  // A local function handed to a command-line runner (`fire.Fire(main)`) is the program: it runs.
  const runnerTarget = (c: PyCall): string | undefined => {
    const first = c.args.find((a) => !a.keyword && !a.unpack)?.text;
    return first && localFns.has(first) && isEntryRunner(c, facts) ? first : undefined;
  };
  const runnerOf = new Map<PyCall, string>();
  for (const c of facts.calls) {
    const t = runnerTarget(c);
    if (t) runnerOf.set(c, t);
  }
  const runnerTargets = new Set(runnerOf.values());
  // Local functions passed by name to a call are user callbacks: their own calls are not workflow steps.
  const callbackNames = new Set(facts.calls.flatMap((c) => c.args.map((a) => a.text)).filter((t) => !runnerTargets.has(t) && localFns.has(t)));
  // The workflow is what runs: module level (or the entry function) and the local functions it calls,
  // transitively. Local classes and callbacks are the example's own machinery, not steps.
  // Tests run their `test_*` functions and the methods of their test classes: what pytest and unittest
  // collect, a `Test*` class or a `TestCase` subclass of any name (`class TasksManagerTest(TestCase)`).
  const testClass = (d: PyDef) => d.kind === 'class' && (/^Test/.test(d.name) || d.bases.some((b) => /(^|\.)\w*TestCase$/.test(b.trim())));
  const testEntries = opts.tests ? facts.defs.filter((d) => (d.parent === '' && /^test/.test(d.name)) || (d.parent === '' && testClass(d))).map((d) => d.qualname) : [];
  // A snippet's `main` (a README, docs or notebook block: `src.map`) is its program even when the block
  // leaves out the line that calls it (`asyncio.run(main())`, elided to keep the snippet short).
  const snippetMain = src.map && !opts.entryFunction && localFns.has('main') && !facts.calls.some((c) => c.callee.base === 'name' && c.callee.chain[0] === 'main') && !callbackNames.has('main') ? ['main'] : [];
  const reached = new Set<string>(opts.entryFunction ? [opts.entryFunction] : ['', ...testEntries, ...snippetMain]);
  const dispatchTables = facts.assigns
    .map((a) => ({ scope: a.scope, line: a.line, name: a.targets.length === 1 ? a.targets[0] : '', fns: (a.dict ?? []).map((e) => e.value.trim()) }))
    .filter((a) => /^[A-Za-z_]\w*$/.test(a.name) && a.fns.length > 0 && a.fns.every((f) => localFns.has(f) && !callbackNames.has(f)))
    .filter((a) => {
      // (Called through: subscripted, or its values or items bound by a `for` whose name is then called.)
      const looped = facts.calls.filter((c) => c.bindKind === 'for' && c.callee.base === 'name' && c.callee.chain.length === 2 && c.callee.chain[0] === a.name && ['values', 'items'].includes(c.callee.chain[1])).flatMap((c) => c.assignedTo);
      return facts.calls.some((c) => (c.callee.base === 'other' && c.callee.text.startsWith(`${a.name}[`)) || (c.callee.base === 'name' && c.callee.chain.length === 1 && looped.includes(c.callee.chain[0])));
    });
  /** Where each local function the source runs is first called: its calls run there, not at its definition. */
  const calledFrom = new Map<string, { scope: string; line: number }>();
  const runs = (scope: string) => insideAny(scope, reached);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of facts.calls) {
      const target = c.callee.base === 'name' && c.callee.chain.length === 1 && localFns.has(c.callee.chain[0]) ? c.callee.chain[0] : runnerOf.get(c);
      if (target && localFns.has(target) && !reached.has(target) && !callbackNames.has(target) && runs(c.scope)) {
        reached.add(target);
        calledFrom.set(target, { scope: c.scope, line: c.statementLine });
        grew = true;
      }
    }
    // A dispatch table: a dict of local functions the running code calls through (`examples[name]()`, or
    // `for ex in examples.values(): ex()`) runs them (claude-agent-sdk-python's examples pick theirs from
    // the command line).
    for (const a of dispatchTables) {
      if (!runs(a.scope)) continue;
      for (const fn of a.fns) {
        if (reached.has(fn)) continue;
        reached.add(fn);
        calledFrom.set(fn, { scope: a.scope, line: a.line });
        grew = true;
      }
    }
    // A command registered on a group or app that runs (`@cli.command()` under a `cli` that runs,
    // `@app.command()` when `app()` is called) runs when its command line asks for it; a handler
    // registered on a server the source makes where it runs (`@mcp.tool()` under `mcp = MCPServer(...)`)
    // runs when a client asks for it: what its body does with the library is the source's use of it
    // (`await ctx.elicit(...)` inside the tool).
    for (const d of facts.defs) {
      if (d.parent !== '' || d.kind !== 'function' || reached.has(d.name) || callbackNames.has(d.name)) continue;
      const roots = d.decorators.map((x) => /^([A-Za-z_]\w*)\s*\./.exec(x)?.[1]).filter((x): x is string => !!x);
      const runner = roots.find(
        (r) =>
          (localFns.has(r) && reached.has(r)) ||
          (!localFns.has(r) && facts.calls.some((c) => runs(c.scope) && ((c.callee.base === 'name' && c.callee.chain.length === 1 && c.callee.chain[0] === r) || (c.parent === undefined && c.assignedTo.length === 1 && c.assignedTo[0] === r)))),
      );
      if (runner) {
        reached.add(d.name);
        grew = true;
      }
    }
  }
  const emitted = (call: PyCall) => !insideAny(call.scope, callbackNames) && insideAny(call.scope, reached);
  const results = new Map<number, Value>();
  const calls: CallSite[] = [];
  const patterns: string[] = [];
  const localDefs = new Map(facts.defs.filter((d) => d.parent === '').map((d) => [d.name, d] as const));
  const moduleName = src.map ? undefined : index.module(src.path);

  const place = (line: number): { line: number; cell?: number } => src.map?.lines[line - 1] ?? { line };
  const span = (start: number, end: number): Span => {
    const a = place(start);
    const b = place(end);
    return { path: src.path, start: a.line, end: b.cell === a.cell ? b.line : a.line, ...(a.cell !== undefined ? { cell: a.cell } : {}) };
  };

  const exampleSym = (def: PyDef): Value => ({ kind: 'symbol', sym: { kind: 'def', module: '__example__', path: src.path, def } });

  /** One binding of a name in one scope: `at` is the first line that sees it. */
  interface Binding {
    line: number;
    at: number;
    conditional: boolean;
    /** At one line, a call's binding comes after a plain assignment of the same statement. */
    order: number;
    value: () => Promise<Value>;
  }

  /** What binds each name in each scope (calls by statement line, imports, assignments, definitions), in source order. */
  type Sites = { calls: Map<number, number[]>; imports: PyImport[]; assigns: PyAssign[]; defs: PyDef[] };
  let bindingSites: Map<string, Sites> | undefined;
  const sitesOf = (name: string, s: string): Sites | undefined => {
    if (!bindingSites) {
      const sites = new Map<string, Sites>();
      const at = (scope: string, n: string): Sites => {
        const key = `${scope}\0${n}`;
        let x = sites.get(key);
        if (!x) sites.set(key, (x = { calls: new Map(), imports: [], assigns: [], defs: [] }));
        return x;
      };
      facts.calls.forEach((c, i) => {
        for (const n of new Set(c.assignedTo)) {
          const byLine = at(c.scope, n).calls;
          const list = byLine.get(c.statementLine);
          if (list) list.push(i);
          else byLine.set(c.statementLine, [i]);
        }
      });
      for (const imp of facts.imports) for (const n of boundNames(imp)) at(imp.scope, n).imports.push(imp);
      for (const a of facts.assigns) for (const n of new Set(a.targets)) at(a.scope, n).assigns.push(a);
      for (const d of facts.defs) at(d.parent, d.name).defs.push(d);
      bindingSites = sites;
    }
    return bindingSites.get(`${s}\0${name}`);
  };
  const bindingLists = new Map<string, Binding[]>();
  /** The bindings of `name` in scope `s`, in source order: assignments, imports, definitions, calls (made once each). */
  const bindingsIn = (name: string, s: string): Binding[] => {
    const key = `${s}\0${name}`;
    const known = bindingLists.get(key);
    if (known) return known;
    const out: Binding[] = [];
    const sites = sitesOf(name, s);
    // Several calls of one statement bind the same name: the branches of `A() if c else B()`.
    for (const [line, idx] of sites?.calls ?? []) out.push({ line, at: line + 1, conditional: idx.some((i) => !!facts.calls[i].conditional), order: 2, value: () => assignedValue(name, idx) });
    for (const imp of sites?.imports ?? []) out.push({ line: imp.line, at: imp.line, conditional: !!imp.conditional, order: 1, value: () => importValue(imp, name) });
    for (const a of sites?.assigns ?? []) out.push({ line: a.line, at: a.line + 1, conditional: !!a.conditional, order: 0, value: () => plainValue(a, name, s) });
    for (const d of sites?.defs ?? []) out.push({ line: d.defLine, at: d.defLine + 1, conditional: !!d.conditional, order: 1, value: async () => exampleSym(d) });
    out.sort((a, b) => a.line - b.line || a.order - b.order);
    bindingLists.set(key, out);
    return out;
  };

  /**
   * The binding that holds: the latest one, except that a name rebound only under a condition
   * (`if TESTING: f = mock_f`) keeps its unconditional binding; the conditional ones are alternatives.
   */
  const choose = (list: Binding[]): { chosen: Binding; also: Binding[] } | undefined => {
    const last = list[list.length - 1];
    if (!last) return undefined;
    const firm = list.filter((b) => !b.conditional);
    if (!last.conditional || !firm.length) return { chosen: last, also: [] };
    const chosen = firm[firm.length - 1];
    return { chosen, also: list.filter((b) => b.conditional && b.line > chosen.line) };
  };

  // The source's definitions by what lookups ask (the first of each, as a search in order finds).
  const firstDef = (kind: PyDef['kind']) => {
    const out = new Map<string, PyDef>();
    for (const d of facts.defs) if (d.kind === kind && !out.has(d.qualname)) out.set(d.qualname, d);
    return out;
  };
  const functionDefs = firstDef('function');
  const classDefs = firstDef('class');
  const defLines = new Set(facts.defs.map((d) => `${d.parent}\0${d.defLine}`));

  /** Resolves a bare name as seen at `line` inside `scope`. */
  const lookup = async (name: string, scope: string, line: number): Promise<Value> => {
    for (const s of scopesOf(scope)) {
      const all = bindingsIn(name, s);
      let seen = all.filter((b) => b.at <= line);
      // A name a function reads from an enclosing scope is looked up when the function runs: a module
      // global assigned after the function's definition counts. In its own scope, a definition made
      // later in the file still names the function (module-level code of a notebook or session).
      if (!seen.length) seen = s !== scope ? all : all.filter((b) => b.order === 1 && defLines.has(`${s}\0${b.line}`));
      const pick = choose(seen);
      if (!pick) {
        const fn = functionDefs.get(s);
        // `self` in a method of the source's own class: its other methods are the source's own functions.
        if (fn?.isMethod && fn.params[0]?.name === name && !fn.decorators.some((d) => /staticmethod|classmethod/.test(d))) {
          const cls = classDefs.get(fn.parent);
          if (cls) return { kind: 'local-instance', cls };
        }
        const param = fn?.params.find((p) => p.name === name);
        // An annotation that says nothing (`Any`, `object`: OPAQUE_ANNOTATIONS) leaves the parameter to what its callers pass.
        const opaque = !!param?.type && OPAQUE_ANNOTATIONS.has(unwrapAnnotation(param.type));
        if (param?.type && param.kind !== 'vararg' && param.kind !== 'kwarg' && !opaque) return exampleAnnotation(param.type, fn!.parent, fn!.defLine);
        if (param) return (await passedValue(fn!, param.name)) ?? (opaque ? exampleAnnotation(param.type!, fn!.parent, fn!.defLine) : { kind: 'unknown', reason: `\`${name}\` is a parameter of \`${s}\`, its type is not known`, local: true });
        continue;
      }
      const v = await pick.chosen.value();
      if (!pick.also.length || v.kind !== 'symbol') return v;
      const also: string[] = [];
      for (const b of pick.also) also.push(`${describe(await b.value())}, bound under a condition at ${src.path}:L${place(b.line).line}`);
      return { ...v, also };
    }
    if (moduleName) {
      const sym = await index.resolveInModule(moduleName, name);
      if (sym.kind !== 'unresolved') return { kind: 'symbol', sym };
    }
    if (PY_BUILTINS.has(name) || /^[A-Z]\w*(Error|Exception|Warning|Exit|Interrupt|Iteration)$/.test(name)) return { kind: 'stdlib', module: 'builtins' };
    // A README or docs block that reads the repository's own package by its name without importing it
    // (`dspy.Predict(...)` under a page that says `import dspy` once, or not at all) means the package:
    // documentation takes its own import for granted.
    const pkg = opts.page && index.topLevel.has(name) ? index.modules.get(name) : undefined;
    if (pkg && /(^|\/)__init__\.pyi?$/.test(pkg)) return { kind: 'symbol', sym: { kind: 'module', module: name, path: pkg } };
    // So does a name the package exports, called with no import on the page (`Features(...)` on a datasets
    // page, `load_checkpoint_in_model(...)` on accelerate's): when exactly one of its packages exports it.
    const exported = opts.page ? await index.packageExport(name) : undefined;
    if (exported) return { kind: 'symbol', sym: exported };
    return { kind: 'unknown', reason: `\`${name}\` is not defined or imported before line ${place(line).line}` };
  };

  /**
   * An unannotated parameter of the source's own function: what its callers in the source pass, when
   * every caller that passes it passes the same kind of value (`evaluate_model(model, dl, accelerator)`).
   */
  const passing = new Set<string>();
  const passedCache = new Map<string, Value | undefined>();
  const passedValue = async (fn: PyDef, param: string): Promise<Value | undefined> => {
    const key = `${fn.qualname}:${param}`;
    if (passedCache.has(key)) return passedCache.get(key);
    const p = fn.params.findIndex((x) => x.name === param);
    if (fn.isMethod || p < 0 || fn.params[p].kind === 'vararg' || fn.params[p].kind === 'kwarg' || passing.has(key)) return undefined;
    passing.add(key);
    const found = await passedValueOf(fn, param, p);
    passing.delete(key);
    passedCache.set(key, found);
    return found;
  };
  const passedValueOf = async (fn: PyDef, param: string, p: number): Promise<Value | undefined> => {
    const values: Value[] = [];
    for (const c of facts.calls) {
      if (c.callee.base !== 'name' || c.callee.chain.length !== 1 || c.callee.chain[0] !== fn.name) continue;
      const callee = await lookup(fn.name, c.scope, c.line);
      if (!(callee.kind === 'symbol' && callee.sym.kind === 'def' && callee.sym.def === fn)) continue;
      if (c.args.some((a) => a.unpack)) return undefined;
      const arg = c.args.find((a) => a.keyword === param) ?? (fn.params[p].kind === 'positional' ? c.args.filter((a) => !a.keyword)[p] : undefined);
      if (!arg) continue;
      const text = arg.text.trim();
      if (!/^[A-Za-z_][\w.]*$/.test(text)) return undefined;
      values.push(await chainValue(text.split('.'), c.scope, c.line));
    }
    // A value the source made itself stays the source's own; one the resolver could not type (the
    // unpacked result of a repository call) is still the library's object, whose attached methods count.
    if (!values.length || values.some((v) => v.kind === 'unknown' && v.local)) return undefined;
    const merged = mergeValues(values, `the callers of \`${fn.name}\` pass different values as \`${param}\``);
    return merged.kind === 'unknown' && merged.local ? undefined : merged;
  };

  /** A value in a few words, for the alternatives of a binding. */
  const describe = (v: Value): string => {
    if (v.kind === 'symbol' && v.sym.kind === 'def') return `${v.sym.def.qualname} (${formatSpan({ path: v.sym.path, start: v.sym.def.start, end: v.sym.def.end })})`;
    if (v.kind === 'symbol' && (v.sym.kind === 'external' || v.sym.kind === 'stdlib' || v.sym.kind === 'module')) return `${v.sym.module}`;
    if (v.kind === 'external' || v.kind === 'stdlib') return v.module;
    if (v.kind === 'instance') return `an instance of ${v.cls.def.qualname}`;
    return v.kind === 'unknown' ? v.reason : v.kind;
  };

  /** What `name` holds after `name = f(...)` (or the branches of `A() if c else B()`), `with f() as name`, `for name in f()`. */
  const assignedValue = async (name: string, idx: number[]): Promise<Value> => {
    const values: Value[] = [];
    for (const i of idx) {
      const c = facts.calls[i];
      await calleeOf(i);
      let v = results.get(i);
      if (!v) {
        values.push({ kind: 'unknown', reason: `\`${name}\` is assigned from a call that was not resolved` });
        continue;
      }
      if (c.bindKind) v = await boundValue(c.bindKind, i, v);
      // `x: T = f()`: the annotation says what the call did not.
      if (c.assignedType && c.assignedTo.length === 1 && !['instance', 'local-instance', 'union', 'tuple'].includes(v.kind)) {
        const declared = await exampleAnnotation(c.assignedType, c.scope, c.statementLine);
        if (declared.kind !== 'unknown') v = declared;
      }
      if (c.assignedTo.length > 1) {
        const at = c.assignedTo.indexOf(name);
        if (v.kind === 'tuple' && v.items.length === c.assignedTo.length) v = v.items[at];
        else if (v.kind !== 'external') v = { kind: 'unknown', reason: `\`${name}\` is unpacked from the result of \`${c.callee.text}\`, whose element types are not known` };
      }
      values.push(v);
    }
    return mergeValues(values, `\`${name}\` is bound to different values in the branches of a conditional expression`);
  };

  /** `with f() as x`: what `__enter__` gives (a `@contextmanager`'s yielded type); `for x in f()`: an element. */
  const boundValue = async (kind: 'with' | 'for', i: number, result: Value): Promise<Value> => {
    if (result.kind === 'external' || result.kind === 'stdlib') return result;
    const callee = callees.get(i);
    const fn = callee?.kind === 'symbol' && callee.sym.kind === 'def' && callee.sym.def.kind === 'function' ? callee.sym : undefined;
    const local = fn?.module === '__example__';
    const yielded = fn?.def.returns ? elementType(fn.def.returns, kind) : undefined;
    if (fn && yielded) return local ? exampleAnnotation(yielded, fn.def.parent, fn.def.defLine) : annotationValue(index, fn.module, yielded, fn.def.isMethod ? ownerClass(index, fn) : undefined);
    if (result.kind === 'instance') {
      for (const dunder of kind === 'with' ? ['__enter__', '__aenter__'] : ['__iter__', '__aiter__']) {
        const m = await index.classMember(result.cls, dunder);
        if (m.kind === 'external') return { kind: 'external', module: m.module, inherited: true };
        if (m.kind !== 'def') continue;
        const returned = kind === 'with' ? await returnValue(index, m) : m.def.returns && elementType(m.def.returns, 'for') ? await annotationValue(index, m.module, elementType(m.def.returns, 'for')!, result.cls) : undefined;
        if (returned && returned.kind !== 'unknown') return returned;
        if (kind === 'with' && index.bodyFacts(m.path, m.def)?.returns.some((r) => r.scope === m.def.qualname && r.valueText.trim() === 'self')) return result;
      }
    }
    const what = kind === 'with' ? 'what `with` binds' : 'the elements it iterates';
    return { kind: 'unknown', reason: `${what} from \`${clip(facts.calls[i].callee.text)}(...)\` is not known`, ...(local || result.kind === 'local-instance' || (result.kind === 'unknown' && result.local) ? { local: true } : {}) };
  };

  const importValue = async (imported: PyModuleFacts['imports'][number], name: string): Promise<Value> => {
    if (imported.kind === 'import') {
      return { kind: 'symbol', sym: await index.moduleSymbol(index.importTarget(src.path, imported.alias ? imported.module : imported.module.split('.')[0])) };
    }
    const n = imported.names.find((x) => (x.alias ?? x.name) === name)!;
    const target = moduleName ? index.absoluteModule(src.path, imported) : imported.level === 0 ? index.importTarget(src.path, imported.module) : undefined;
    if (target === undefined) return { kind: 'unknown', reason: `relative import \`${'.'.repeat(imported.level)}${imported.module}\` outside a package` };
    const mod = await index.moduleSymbol(target);
    if (mod.kind === 'module') {
      const sym = await index.resolveInModule(target, n.name);
      if (sym.kind === 'unresolved' && index.modules.has(`${target}.${n.name}`)) return { kind: 'symbol', sym: await index.moduleSymbol(`${target}.${n.name}`) };
      // A module-level instance the library makes once (`settings = Settings()`): its methods are its class's.
      const made = sym.kind === 'unresolved' ? await index.moduleInstance(target, n.name) : undefined;
      return made ? { kind: 'instance', cls: made } : { kind: 'symbol', sym };
    }
    if (mod.kind === 'external' || mod.kind === 'stdlib') return { kind: mod.kind, module: target };
    const sub = await index.moduleSymbol(`${target}.${n.name}`);
    return { kind: 'symbol', sym: sub.kind === 'module' ? sub : mod };
  };

  /** `x = y.z`, `x: T = ...`, `x = a + b` (typed by `a`'s `__add__`), at the assignment's line in scope `s`. */
  const plainValue = async (a: PyModuleFacts['assigns'][number], name: string, s: string): Promise<Value> => {
    if (a.operator) {
      const v = await operatorValue(await chainValue(a.operator.left.split('.'), s, a.line), a.operator.op);
      if (v) return v;
    }
    if (a.annotation) {
      const v = await exampleAnnotation(a.annotation, s, a.line);
      if (v.kind !== 'unknown') return v;
    }
    if (a.valueName && a.valueName !== name) return chainValue(a.valueName.split('.'), s, a.line);
    return { kind: 'unknown', reason: `\`${name}\` is assigned \`${clip(a.valueText)}\`, not a call`, local: true };
  };

  /** The result of `left <op> ...`: the return type of the left operand's dunder method (`__add__`). */
  const operatorValue = async (left: Value, op: string): Promise<Value | undefined> => {
    const dunder = OPERATOR_METHODS[op];
    if (!dunder) return undefined;
    if (left.kind === 'instance') {
      const m = await index.classMember(left.cls, dunder);
      if (m.kind === 'def') return returnValue(index, m);
      if (m.kind === 'external') return { kind: 'external', module: m.module, inherited: true };
    }
    if (left.kind === 'local-instance') {
      const m = await localClassMember(left.cls, dunder);
      if (m?.kind === 'symbol' && m.sym.kind === 'def' && m.sym.module === '__example__') return localResult(m.sym.def);
      return m;
    }
    if (left.kind === 'external' || left.kind === 'stdlib') return left;
    return undefined;
  };

  /** A type annotation written in the source, as a value: a repository or local class instance, or external. */
  const exampleAnnotation = async (text: string, scope: string, line: number): Promise<Value> => {
    const t = unwrapAnnotation(text);
    if (/^[A-Za-z_][\w.]*$/.test(t)) {
      const v = await chainValue(t.split('.'), scope, line);
      if (v.kind === 'symbol' && v.sym.kind === 'def' && v.sym.def.kind === 'class') return v.sym.module === '__example__' ? { kind: 'local-instance', cls: v.sym.def } : { kind: 'instance', cls: v.sym };
      if (v.kind === 'symbol' && (v.sym.kind === 'external' || v.sym.kind === 'stdlib')) return { kind: v.sym.kind, module: v.sym.module };
      if (v.kind === 'external' || v.kind === 'stdlib') return { kind: v.kind, module: v.module };
    }
    return { kind: 'unknown', reason: `type \`${clip(text)}\` is not a repository class`, local: true };
  };

  /** Several values a name may hold: one when they agree, a union of repository classes, else unknown. */
  const mergeValues = (values: Value[], reason: string): Value => {
    if (values.length === 1) return values[0];
    const key = (v: Value) => (v.kind === 'instance' ? `i:${v.cls.path}:${v.cls.def.qualname}` : v.kind === 'symbol' && v.sym.kind === 'def' ? `s:${v.sym.path}:${v.sym.def.qualname}:${v.sym.def.start}` : v.kind === 'external' || v.kind === 'stdlib' ? `${v.kind}:${v.module}` : v.kind === 'local-instance' ? `l:${v.cls.qualname}` : `?${v.kind}:${values.indexOf(v)}`);
    const keys = new Set(values.map(key));
    if (keys.size === 1) return values[0];
    if (values.every((v) => v.kind === 'instance')) return { kind: 'union', classes: [...new Map(values.map((v) => [key(v), (v as Extract<Value, { kind: 'instance' }>).cls])).values()] };
    return { kind: 'unknown', reason, ...(values.some((v) => (v.kind === 'unknown' && v.local) || v.kind === 'local-instance') ? { local: true } : {}) };
  };

  /**
   * A member of the source's own class: its methods (a property reads as what it returns), the
   * attributes its methods assign (`self.llm = LLM.load(...)`, `self.log = self.console.log`), its
   * annotations, then its bases (a repository base's method, an external base's anything).
   */
  const localClassMember = async (cls: PyDef, name: string, skipOwn = false, depth = 0): Promise<Value | undefined> => {
    if (depth > 10) return undefined;
    if (!skipOwn) {
      const m = facts.defs.filter((d) => d.parent === cls.qualname && d.name === name).pop();
      if (m) return m.decorators.some((d) => /(^|\.)(cached_)?property$/.test(d)) ? localResult(m) : exampleSym(m);
      const attr = await localAttribute(cls, name);
      if (attr) return attr;
    }
    let fallback: Value | undefined;
    for await (const b of basesOf(cls)) {
      if (b.kind === 'symbol' && b.sym.kind === 'def' && b.sym.def.kind === 'class') {
        if (b.sym.module === '__example__') {
          const found = await localClassMember(b.sym.def, name, false, depth + 1);
          if (found) return found;
          continue;
        }
        const found = await memberValue({ kind: 'instance', cls: b.sym }, name);
        if (found.kind !== 'unknown') return found;
        continue;
      }
      const ext = b.kind === 'symbol' && (b.sym.kind === 'external' || b.sym.kind === 'stdlib') ? { kind: b.sym.kind, module: b.sym.module } : b.kind === 'external' || b.kind === 'stdlib' ? { kind: b.kind, module: b.module } : undefined;
      if (ext) fallback ??= ext.kind === 'external' ? { kind: 'external', module: ext.module, inherited: true } : { kind: 'stdlib', module: ext.module };
    }
    return fallback;
  };

  /** What the source's own class stores in `self.name`, when every assignment agrees. */
  // Attributes read while being worked out (`self.a = self.b.x`, `self.b = self.a.y`; `fn = self.fn` ...
  // `self.fn = fn` in unsloth's tests) are not known, and each is worked out once: without both, such
  // cycles recurse without end or take seconds.
  const attributeValues = new Map<string, Promise<Value | undefined>>();
  const attributesInProgress = new Set<string>();
  const localAttribute = (cls: PyDef, name: string): Promise<Value | undefined> => {
    const key = `${cls.qualname}\0${name}`;
    if (attributesInProgress.has(key)) return Promise.resolve(undefined);
    let found = attributeValues.get(key);
    if (!found) {
      attributesInProgress.add(key);
      found = localAttributeOf(cls, name).finally(() => attributesInProgress.delete(key));
      attributeValues.set(key, found);
    }
    return found;
  };
  const localAttributeOf = async (cls: PyDef, name: string): Promise<Value | undefined> => {
    const q = cls.qualname;
    const inside = `${q}.`;
    const inClass = (scope: string) => scope.startsWith(inside);
    const self = `self.${name}`;
    const annotated = facts.assigns.find((a) => a.annotation && ((a.scope === q && a.targets[0] === name) || (inClass(a.scope) && a.targets[0] === self)));
    if (annotated?.annotation) {
      const v = await exampleAnnotation(annotated.annotation, annotated.scope === q ? cls.parent : annotated.scope, annotated.line);
      if (v.kind !== 'unknown') return v;
    }
    const values: Value[] = [];
    for (let i = 0; i < facts.calls.length; i++) {
      const c = facts.calls[i];
      if (!((c.scope === q && c.assignedTo.includes(name)) || (inClass(c.scope) && c.assignedTo.includes(self)))) continue;
      if (c.assignedTo.length !== 1) return undefined;
      await calleeOf(i);
      const v = results.get(i);
      if (v) values.push(c.bindKind ? await boundValue(c.bindKind, i, v) : v);
    }
    for (const a of facts.assigns) {
      if (!((a.scope === q && a.targets.includes(name)) || (inClass(a.scope) && a.targets.includes(self)))) continue;
      if (/^(None|\[\]|\{\}|\(\))$/.test(a.valueText.trim())) continue; // a placeholder before the real value
      if (a.targets.length !== 1) return undefined;
      values.push(await plainValue(a, self, a.scope === q ? cls.parent : a.scope));
    }
    if (!values.length) return undefined;
    return mergeValues(values, `\`self.${name}\` of \`${cls.name}\` is assigned different values`);
  };

  /** The object a decorated function's name holds: what its outermost decorator makes of it (`@click.group()` → a Group). */
  const decoratedValue = async (sym: DefSym): Promise<Value | undefined> => {
    const m = /^([A-Za-z_][\w.]*)\s*(\()?/.exec(sym.def.decorators[0] ?? '');
    if (!m) return undefined;
    const chain = m[1].split('.');
    const dec = sym.module === '__example__' ? await chainValue(chain, sym.def.parent, sym.def.start) : symbolValue(await index.resolveDotted(sym.module, chain));
    if (dec.kind === 'external' || dec.kind === 'stdlib') return dec;
    if (dec.kind === 'instance') return decoratorProduct(index, dec.cls, '__call__', !!m[2]);
    if (dec.kind !== 'symbol') return undefined;
    const d = dec.sym;
    if (d.kind === 'external' || d.kind === 'stdlib') return { kind: d.kind, module: d.module };
    if (d.kind !== 'def' || d.module === '__example__') return undefined;
    if (d.def.kind === 'class') return m[2] ? decoratorProduct(index, d, '__call__', false) : { kind: 'instance', cls: d };
    return decoratorProduct(index, d, undefined, !!m[2]);
  };

  const chainValue = async (chain: string[], scope: string, line: number): Promise<Value> => {
    let v = await lookup(chain[0], scope, line);
    for (const part of chain.slice(1)) v = await memberValue(v, part);
    return v;
  };

  /** The values of a source class's bases, in order and as needed, read in its scope (`ls.LitAPI`; `Generic[T]` as `Generic`; not `object`). */
  async function* basesOf(cls: PyDef): AsyncGenerator<Value> {
    for (const base of cls.bases) {
      const chain = base.replace(/\[.*$/s, '').split('.');
      if (!chain.every((p) => /^[A-Za-z_]\w*$/.test(p)) || chain[0] === 'object') continue;
      yield await chainValue(chain, cls.parent, cls.defLine);
    }
  }

  /**
   * The repository class a class of the source extends, through the source's own classes
   * (`class InferenceEngine(ls.LitAPI)`): making one is using that class of the library.
   */
  const repoBaseOf = async (cls: PyDef, depth = 0): Promise<DefSym | undefined> => {
    if (depth > 10) return undefined;
    for await (const b of basesOf(cls)) {
      if (b.kind !== 'symbol' || b.sym.kind !== 'def' || b.sym.def.kind !== 'class') continue;
      if (b.sym.module !== '__example__') return b.sym;
      const up = await repoBaseOf(b.sym.def, depth + 1);
      if (up) return up;
    }
    return undefined;
  };

  /** `self.name = self.a.b` (or `= module.f`) in a repository class's methods: the value of the right side. */
  const aliasedAttribute = async (cls: DefSym, name: string, depth = 0): Promise<Value | undefined> => {
    if (depth > 5) return undefined;
    for (const c of await index.mro(cls)) {
      if (c.kind !== 'def') continue;
      const f = (await index.declarations(c.path)) ? index.selfBindingFacts(c.path, c.def, name) : undefined;
      const a = f && assignsTo(f, `self.${name}`).find((x) => x.scope.startsWith(`${c.def.qualname}.`) && x.targets.length === 1 && x.targets[0] === `self.${name}` && x.valueName);
      if (!a?.valueName) continue;
      const [root, ...rest] = a.valueName.split('.');
      let v: Value = root === 'self' ? { kind: 'instance', cls } : symbolValue(await index.resolveDotted(c.module, [root]));
      for (const part of rest) v = await memberValue(v, part);
      return v;
    }
    return undefined;
  };

  const memberValue = async (v: Value, name: string): Promise<Value> => {
    switch (v.kind) {
      case 'symbol': {
        // A decorated function's name holds what the decorator made (`@click.group()` → a Group).
        if (v.sym.kind === 'def' && v.sym.def.kind === 'function' && v.sym.def.decorators.length) {
          const made = await decoratedValue(v.sym);
          if (made) return memberValue(made, name);
        }
        if (v.sym.kind === 'def' && v.sym.module === '__example__') return { kind: 'unknown', reason: `attribute \`${name}\` of a local definition`, local: true };
        const m = await index.member(v.sym, name);
        // `predictions = default_client.predictions` in a package's `__init__`: the module attribute holds
        // what the instance's property returns (replicate's `replicate.predictions.create(...)`), read
        // through the class that defines it.
        if (v.sym.kind === 'module' && m.kind === 'def' && isProperty(m) && m.def.parent) {
          const owner = await index.resolveDotted(m.module, m.def.parent.split('.'));
          if (owner.kind === 'def' && owner.def.kind === 'class') return returnValue(index, m, undefined, owner);
        }
        // `dspy.settings`: a module-level instance of the library.
        const made = m.kind === 'unresolved' && v.sym.kind === 'module' ? await index.moduleInstance(v.sym.module, name) : undefined;
        if (made) return { kind: 'instance', cls: made };
        const cls = v.sym.kind === 'def' && v.sym.def.kind === 'class' ? v.sym : undefined;
        // A class-level annotation of the class or a repository base (`metadata: ClassVar[MetaData]` in
        // SQLModel) says what the attribute holds, rather than the external base it is not defined in.
        if (cls && (m.kind === 'unresolved' || m.kind === 'external')) {
          const declared = await classLevelValue(index, cls, name);
          if (declared && declared.kind !== 'unknown') return declared;
        }
        // (`from_*` is how Python names a classmethod that makes the class it is called through: `cls(...)`.)
        if (cls && m.kind === 'external' && ALTERNATIVE_CONSTRUCTOR.test(name)) return { kind: 'external', module: m.module, inherited: true, makes: cls };
        return boundTo(symbolValue(m), cls);
      }
      case 'instance': {
        const m = await index.classMember(v.cls, name);
        if (m.kind === 'external') return { kind: 'external', module: m.module, inherited: true };
        // A property reads as the value it returns (`Self`: the class it is read through).
        if (m.kind === 'def' && isProperty(m)) return returnValue(index, m, undefined, v.cls);
        if (m.kind === 'unresolved') {
          const attr = await attributeValue(index, v.cls, name);
          if (attr) return attr;
          // `self.log = self.console.log` in one of its methods: the method it aliases.
          const alias = await aliasedAttribute(v.cls, name);
          if (alias) return alias;
        }
        return boundTo(symbolValue(m), v.cls);
      }
      case 'tuple':
        return { kind: 'unknown', reason: `attribute \`${name}\` of a tuple` };
      case 'callable':
        return { kind: 'unknown', reason: `attribute \`${name}\` of the function \`${v.from}\` returns` };
      case 'local-instance':
        return (await localClassMember(v.cls, name)) ?? { kind: 'unknown', reason: `attribute \`${name}\` of the source's own class \`${v.cls.name}\``, local: true };
      case 'super':
        return (await localClassMember(v.cls, name, true)) ?? { kind: 'unknown', reason: `\`super().${name}\` in the source's own class \`${v.cls.name}\``, local: true };
      case 'union': {
        // A builtin member of the union (`tuple[Self, dict]` when a flag asks for it) that has no such
        // attribute cannot be the receiver of a call that runs: the repository classes are.
        const shared = v.builtins?.find((b) => name.startsWith('__') || BUILTIN_TYPE_ATTRIBUTES[b]?.includes(name));
        if (shared) return { kind: 'unknown', reason: `the receiver may be a \`${shared}\` (a union return type), which has \`${name}\` too` };
        const found = await Promise.all(v.classes.map((c) => index.classMember(c, name)));
        if (v.classes.length === 1) return boundTo(symbolValue(found[0]), v.classes[0]);
        const keys = new Set(found.map((f) => (f.kind === 'def' ? `${f.path}:${f.def.qualname}:${f.def.defLine}` : f.kind)));
        // One property every class shares (`chat` of Instructor | AsyncInstructor): what it returns, read
        // through each class.
        if (keys.size === 1 && found[0].kind === 'def' && isProperty(found[0])) {
          const p = found[0];
          const each = await Promise.all(v.classes.map((c) => returnValue(index, p, undefined, c)));
          if (each.every((e) => e.kind === 'instance')) {
            const classes = [...new Map(each.map((e) => [`${e.cls.path}:${e.cls.def.qualname}`, e.cls])).values()];
            return classes.length === 1 ? { kind: 'instance', cls: classes[0] } : { kind: 'union', classes };
          }
          return each[0].kind === 'unknown' ? each[0] : { kind: 'unknown', reason: `the property \`${p.def.qualname}\` of a union return type gives no one class` };
        }
        if (keys.size === 1 && found[0].kind === 'def') return symbolValue(found[0]);
        return {
          kind: 'unknown',
          reason: `the receiver is one of ${v.classes.map((c) => `\`${c.def.qualname}\``).join(', ')} (a union return type), which define \`${name}\` differently`,
          candidates: found.map((f, i) => (f.kind === 'def' ? `${f.def.qualname} (${f.path}:L${f.def.start}-${f.def.end})` : `${v.classes[i].def.qualname}: none`)),
        };
      }
      case 'external':
      case 'stdlib':
        return v;
      case 'unknown':
        // A method of what a repository function returns (a factory whose class is not known statically);
        // an attribute of that method is nothing of the repository's.
        if (v.method) return { kind: 'unknown', reason: v.reason };
        if (v.fromRepo) return { ...v, method: name };
        return v;
    }
  };

  /** The value a call returns, for later receivers. */
  const resultOf = async (callee: Value, call?: PyCall): Promise<Value> => {
    if (callee.kind === 'callable') return callee.result;
    // What a call of an ambiguous name returns: not known either way, and not that name.
    if (callee.kind === 'unknown' && callee.candidates) return { ...callee, result: true };
    // What a method of a repository object of unknown class returns is not known (and is not the method):
    // the same object when it moves it to a device or switches its mode, else nothing of the repository's.
    if (callee.kind === 'unknown' && callee.method) {
      return FLUENT_METHODS.has(callee.method) && callee.fromRepo ? { kind: 'unknown', reason: callee.reason, fromRepo: true } : { kind: 'unknown', reason: `what \`.${callee.method}()\` returns is not known` };
    }
    if (callee.kind === 'external' && callee.makes) return { kind: 'instance', cls: callee.makes };
    if (callee.kind !== 'symbol') return callee;
    const sym = callee.sym;
    if (sym.kind === 'external' || sym.kind === 'stdlib') return { kind: sym.kind, module: sym.module };
    if (sym.kind === 'unresolved') return { kind: 'unknown', reason: sym.reason, ...(sym.candidates ? { candidates: sym.candidates, result: true } : {}) };
    if (sym.kind !== 'def') return { kind: 'unknown', reason: `\`${sym.module}\` is a module, not callable` };
    if (sym.module === '__example__') return sym.def.kind === 'class' ? { kind: 'local-instance', cls: sym.def } : localResult(sym.def);
    if (sym.def.kind === 'class') return { kind: 'instance', cls: sym };
    return returnValue(index, sym, call, callee.bound);
  };

  /** What a function of the example returns: `return X(...)` or `return c` (a value assigned from a call). */
  const inProgress = new Set<string>();
  // The calls no other call holds, by scope and statement line (made once, when a return is first read).
  let outerCalls: Map<string, number[]> | undefined;
  const outerCallsAt = (): Map<string, number[]> => {
    if (!outerCalls) {
      outerCalls = new Map();
      facts.calls.forEach((c, i) => {
        if (c.parent !== undefined) return;
        const key = `${c.scope}\0${c.statementLine}`;
        const list = outerCalls!.get(key);
        if (list) list.push(i);
        else outerCalls!.set(key, [i]);
      });
    }
    return outerCalls;
  };
  /** The call a `return` statement returns whole (the outermost call of a method chain), if any. */
  const returnedCall = (r: PyModuleFacts['returns'][number], scope: string): number | undefined => {
    const squash = (x: string) => x.replace(/\s+/g, '');
    let value = squash(r.valueText);
    while (value.startsWith('(') && closingParen(value, 0) === value.length - 1) value = value.slice(1, -1);
    value = value.replace(/^await(?=[A-Za-z_(])/, '');
    const inStatement = outerCallsAt().get(`${scope}\0${r.line}`) ?? [];
    const receivers = new Set(inStatement.map((i) => facts.calls[i].callee.receiverCall));
    const outer = inStatement.filter((i) => !receivers.has(i));
    if (outer.length !== 1) return undefined;
    const head = squash(facts.calls[outer[0]].callee.text);
    return head && value.startsWith(`${head}(`) && closingParen(value, head.length) === value.length - 1 ? outer[0] : undefined;
  };

  const localResult = async (def: PyDef): Promise<Value> => {
    const local: Value = { kind: 'unknown', reason: `result of local definition \`${def.name}\``, local: true };
    if (def.kind !== 'function' || inProgress.has(def.qualname)) return local;
    inProgress.add(def.qualname);
    try {
      const rets = facts.returns.filter((r) => r.scope === def.qualname);
      const values: Value[] = [];
      for (const r of rets) {
        if (r.callChain) {
          const i = facts.calls.findIndex((c) => c.line === r.line && c.scope === def.qualname && c.callee.base === 'name' && c.callee.chain.join('.') === r.callChain!.join('.'));
          if (i >= 0) {
            await calleeOf(i);
            values.push(results.get(i) ?? local);
            continue;
          }
        } else if (/^[A-Za-z_]\w*$/.test(r.valueText.trim())) {
          values.push(await lookup(r.valueText.trim(), def.qualname, r.line + 1));
          continue;
        } else {
          // `return Graph().add(x).compile()`: the outermost call of a chain is the returned value.
          const i = returnedCall(r, def.qualname);
          if (i !== undefined) {
            await calleeOf(i);
            values.push(results.get(i) ?? local);
            continue;
          }
        }
        values.push(local);
      }
      // Only one kind of value, from every return: else the result stays the example's own.
      const first = values[0];
      if (first && (first.kind === 'instance' || first.kind === 'external') && values.every((v) => JSON.stringify(v) === JSON.stringify(first))) return first;
      return local;
    } finally {
      inProgress.delete(def.qualname);
    }
  };

  const callees = new Map<number, Value>();
  const resolving = new Set<number>();
  /** A call's callee value, its receiver call (`X(a)` in `X(a).y()`) already resolved. */
  const computeCallee = async (i: number): Promise<void> => {
    if (callees.has(i)) return;
    resolving.add(i);
    try {
      const call = facts.calls[i];
      let callee: Value;
      // The method is looked up on the receiver run the way the call is (`await c.create()`: the async twin).
      const method = (v: Value, name: string) => memberValue(call.runs ? twinRun(v, call.runs) : v, name);
      const chain = call.callee.chain;
      if (call.callee.base === 'name') callee = chain.length > 1 ? await method(await chainValue(chain.slice(0, -1), call.scope, call.line), chain[chain.length - 1]) : await chainValue(chain, call.scope, call.line);
      else if (call.callee.base === 'call' && call.callee.receiverCall !== undefined) {
        const receiver = facts.calls[call.callee.receiverCall];
        const cls = receiver.callee.base === 'name' && receiver.callee.chain.join('.') === 'super' ? enclosingClass(call.scope) : undefined;
        let v: Value = cls ? { kind: 'super', cls } : (results.get(call.callee.receiverCall) ?? { kind: 'unknown', reason: 'receiver call not resolved' });
        for (const part of chain.slice(0, -1)) v = await memberValue(v, part);
        callee = chain.length ? await method(v, chain[chain.length - 1]) : v;
      } else if (/^[rbuf]*["']/i.test(call.callee.text) || /^[[{(]/.test(call.callee.text)) {
        callee = { kind: 'stdlib', module: 'builtins' };
      } else if (SUBSCRIPTED_CALLEE.test(call.callee.text)) {
        // `Agent[Deps, Out](...)`: a generic class parameterised, then called (not an item of a container).
        const base = await chainValue(call.callee.text.replace(/\s*\[.*$/s, '').split('.'), call.scope, call.line);
        const isClass = base.kind === 'symbol' && ((base.sym.kind === 'def' && base.sym.def.kind === 'class') || base.sym.kind === 'external' || base.sym.kind === 'stdlib');
        // `sam_model_registry["vit_h"](...)`: an item of the library's registry of builders is what the key picks.
        const origin = isClass ? undefined : originFromImports(facts, call.scope, call.callee.text.replace(/\s*\[.*$/s, '').split('.'));
        const key = /^[A-Za-z_][\w.]*\s*\[\s*(["'])([^"'\]]*)\1\s*\]$/s.exec(call.callee.text)?.[2];
        const item = origin ? await index.registryItem(origin, key) : undefined;
        callee = isClass ? base : item ? { kind: 'symbol', sym: item } : { kind: 'unknown', reason: `callee \`${clip(call.callee.text)}\` is an item of a container`, local: true };
      } else {
        callee = { kind: 'unknown', reason: `callee \`${clip(call.callee.text)}\` is not a plain name or attribute chain`, local: true };
      }
      // An instance called runs its class's `__call__` (through a framework base: the method it dispatches to).
      if (callee.kind === 'instance') callee = await instanceCall(callee.cls);
      callees.set(i, callee);
      results.set(i, await resultOf(callee, call));
    } finally {
      resolving.delete(i);
    }
  };
  /**
   * A call's callee value; receivers are resolved first, whatever their index, innermost first and
   * without recursion (a chain `m.f().f().f()...` can be thousands of calls long). A value that depends
   * on itself (a global read by the function that assigns it) is not known.
   */
  const calleeOf = async (i: number): Promise<Value> => {
    const known = callees.get(i);
    if (known) return known;
    if (resolving.has(i)) return { kind: 'unknown', reason: 'the value depends on itself' };
    const pending: number[] = [];
    const seen = new Set<number>();
    for (let j: number | undefined = i; j !== undefined && !callees.has(j) && !seen.has(j) && !resolving.has(j); ) {
      seen.add(j);
      pending.push(j);
      const c: PyCall['callee'] = facts.calls[j].callee;
      j = c.base === 'call' ? c.receiverCall : undefined;
    }
    for (let k = pending.length - 1; k >= 0; k--) await computeCallee(pending[k]);
    return callees.get(i) ?? { kind: 'unknown', reason: 'the value depends on itself' };
  };

  /** The class whose method holds `scope` (`A.m`, `A.m.<locals>.f`), when the source defines it. */
  const enclosingClass = (scope: string): PyDef | undefined => {
    const method = facts.defs.find((d) => d.isMethod && (scope === d.qualname || scope.startsWith(`${d.qualname}.`)));
    return method ? facts.defs.find((d) => d.kind === 'class' && d.qualname === method.parent) : undefined;
  };

  const instanceCall = async (cls: DefSym): Promise<Value> => {
    const call = await index.classMember(cls, '__call__');
    if (call.kind === 'external') {
      // `model(x)` on a torch module runs its `forward` (CALL_DISPATCH).
      const method = Object.entries(CALL_DISPATCH).find(([prefix]) => call.module === prefix || call.module.startsWith(`${prefix}.`))?.[1];
      const target = method ? await index.classMember(cls, method) : undefined;
      if (target?.kind === 'def') return { kind: 'symbol', sym: target };
      return { kind: 'external', module: call.module, inherited: true };
    }
    if (call.kind === 'def') return { kind: 'symbol', sym: call };
    // A subclass chosen at run time may define it (a pipeline's base class does not): the object's call.
    return { kind: 'unknown', reason: `\`${cls.def.qualname}\` (in \`${cls.path}\`) defines no \`__call__\` in the repository`, method: '__call__' };
  };

  // Post-order over the call tree: a receiver and the arguments run before the call that uses them.
  // Iterative: the tree is as deep as the source's nesting.
  const rank = new Map<number, number>();
  const kids = new Map<number, number[]>();
  facts.calls.forEach((c, i) => {
    if (c.parent === undefined) return;
    const list = kids.get(c.parent);
    if (list) list.push(i);
    else kids.set(c.parent, [i]);
  });
  const visitRank = (root: number) => {
    const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const children = kids.get(top.node) ?? [];
      if (top.next < children.length) stack.push({ node: children[top.next++], next: 0 });
      else {
        rank.set(top.node, rank.size);
        stack.pop();
      }
    }
  };
  facts.calls.forEach((c, i) => {
    if (c.parent === undefined) visitRank(i);
  });
  // Execution order: a call inside a local function runs where that function is called (its caller's
  // statement line first, then its own), so a helper defined above `main` does not run first.
  const pathOf = (scope: string, seen = new Set<string>()): number[] => {
    const top = scope.split('.')[0];
    const from = calledFrom.get(top);
    if (!from || seen.has(top)) return [];
    seen.add(top);
    return [...pathOf(from.scope, seen), place(from.line).line];
  };
  const orderOf = (call: PyCall, i: number): number[] => {
    const p = place(call.statementLine);
    return [p.cell ?? 0, ...pathOf(call.scope), p.line, -1, rank.get(i) ?? i];
  };

  // A decorator makes what its function's name holds (`@function_tool def get_weather`): when the source
  // hands that name on (`Agent(tools=[get_weather])`), the decorator is a call whose value flows there,
  // bare (`@function_tool`) or called (`@function_tool(name_override=...)`). A decorated function nothing
  // takes (a test's `@slow`, a route the framework finds) adds no call.
  const handedOn = new Set(facts.calls.flatMap((c) => c.args.flatMap((a) => a.names)));
  const products = facts.defs.filter((d) => d.kind === 'function' && !d.isMethod && d.decorators.length && handedOn.has(d.name));
  const decoratorOf = new Map<string, PyDef>();
  const bare: PyCall[] = [];
  for (const d of products) {
    d.decoratorLines.forEach((line, k) => {
      decoratorOf.set(`${d.parent}\0${line}`, d);
      const text = d.decorators[k];
      if (!/^[A-Za-z_][\w.]*$/.test(text)) return;
      bare.push({ line, endLine: line, callee: { base: 'name', chain: text.split('.'), text }, args: [], scope: d.parent, inMainGuard: false, assignedTo: [d.name], statementLine: line });
    });
  }
  // Every other decorator the source calls over its own functions (`@mcp.tool()` over `def add`): by line.
  const decorated = new Map<string, PyDef>();
  for (const d of facts.defs) if (d.kind === 'function' && !products.includes(d)) d.decoratorLines.forEach((line) => decorated.set(`${d.parent}\0${line}`, d));
  // A bare decorator that is a method of an object of the library (`@agent.tool`, `@capability.instructions`)
  // registers the function with that object: a call of the library, though nothing takes the function's
  // name (checked when the object is known: a `@pytest.mark.slow` or a module's function registers nothing).
  const registers = new Map<PyCall, PyDef>();
  for (const d of facts.defs) {
    if (d.kind !== 'function' || d.isMethod || products.includes(d)) continue;
    d.decoratorLines.forEach((line, k) => {
      const text = d.decorators[k];
      if (!/^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(text)) return;
      const call: PyCall = { line, endLine: line, callee: { base: 'name', chain: text.split('.'), text }, args: [], scope: d.parent, inMainGuard: false, assignedTo: [], statementLine: line };
      registers.set(call, d);
      bare.push(call);
    });
  }
  // The names decorators make are values of the source, not its own machinery.
  const machinery = new Map([...localDefs].filter(([n]) => !products.some((d) => d.name === n && d.parent === '')));
  const decoratorSite = async (call: PyCall): Promise<void> => {
    if (!emitted(call)) return;
    const registered = registers.get(call);
    let callee: Value;
    if (registered) {
      // (The object is looked up once: its method is the callee.)
      const owner = await lookup(call.callee.chain[0], call.scope, call.line);
      if (owner.kind !== 'instance' || owner.cls.module === '__example__') return;
      callee = await memberValue(owner, call.callee.chain[1]);
    } else callee = await chainValue(call.callee.chain, call.scope, call.line);
    if (callee.kind === 'instance') callee = await instanceCall(callee.cls);
    const site = await callSite(index, src, call, callee, span(call.line, call.endLine), machinery);
    if (registered && site.resolution.kind !== 'repo') return;
    if (registered) site.decorates = registered.name;
    site.decorator = 'bare';
    const p = place(call.line);
    site.order = [p.cell ?? 0, ...pathOf(call.scope), p.line, -1, -1];
    calls.push(site);
  };
  // The innermost call holding a call that is itself a call site of the source (memoised: a chain
  // `m.f().f()...` of thousands of calls is walked once).
  const enclosingOf = new Map<number, number | undefined>();
  const enclosing = (i: number): number | undefined => {
    if (enclosingOf.has(i)) return enclosingOf.get(i);
    const path: number[] = [];
    let p = facts.calls[i].parent;
    let found: number | undefined;
    for (; p !== undefined; p = facts.calls[p].parent) {
      if (emitted(facts.calls[p])) {
        found = p;
        break;
      }
      if (enclosingOf.has(p)) {
        found = enclosingOf.get(p);
        break;
      }
      path.push(p);
    }
    for (const q of [i, ...path]) enclosingOf.set(q, found);
    return found;
  };
  // A config parser (`TrlParser((ScriptArguments, SFTConfig, ModelConfig))`) makes an object of each class
  // it is handed, from the command line: a call of that class where its name is written, run with the
  // parser (the script's own argument classes are argument parsing: no call).
  const parsedConfigs = async (call: PyCall, i: number): Promise<CallSite[]> => {
    const out: CallSite[] = [];
    for (const a of call.args) {
      if (a.unpack || (a.keyword && !PY_CONFIG_PARSERS.keywords.has(a.keyword))) continue;
      if (!/^[([]?\s*[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*,?\s*[)\]]?$/.test(a.text)) continue;
      for (const m of a.text.matchAll(/[A-Za-z_][\w.]*/g)) {
        const name = m[0];
        if (PY_ARGUMENT_CLASSES.test(name)) continue;
        const cls = await chainValue(name.split('.'), call.scope, call.line);
        if (cls.kind !== 'symbol' || (cls.sym.kind === 'def' ? cls.sym.def.kind !== 'class' : !/^[A-Z]/.test(name.split('.').pop()!))) continue;
        const line = a.line + (a.text.slice(0, m.index).match(/\n/g)?.length ?? 0);
        const made: PyCall = { line, endLine: line, callee: { base: 'name', chain: name.split('.'), text: name }, args: [], scope: call.scope, inMainGuard: call.inMainGuard, assignedTo: [], statementLine: call.statementLine };
        const site = await callSite(index, src, made, cls, span(line, line), machinery);
        site.order = [...orderOf(call, i), out.length];
        site.within = [];
        out.push(site);
      }
    }
    return out;
  };
  let nextBare = 0;
  bare.sort((a, b) => a.line - b.line);
  /** A function the source defines for the library to call (Pattern Doc): its own span, handed to `passedTo`. */
  const patternCall = (d: PyDef, passedTo: string): CallSite => ({
    callee: d.name,
    written: d.name,
    // (The instance a method is bound to is no argument of it.)
    argNames: (d.isMethod ? d.params.slice(1) : d.params).map((x) => x.name),
    argComments: {},
    ...(d.doc ? { comment: d.doc.split('\n')[0] } : {}),
    assignedTo: [],
    uses: [],
    site: span(d.start, d.end),
    resolution: { kind: 'pattern', name: d.name, span: span(d.start, d.end) },
    passedTo,
  });
  for (let i = 0; i < facts.calls.length; i++) {
    const call = facts.calls[i];
    const callee = await calleeOf(i);
    while (nextBare < bare.length && bare[nextBare].line <= call.line) await decoratorSite(bare[nextBare++]);
    if (!emitted(call)) continue;
    const product = call.parent === undefined ? decoratorOf.get(`${call.scope}\0${call.line}`) : undefined;
    // Making an object of the source's own subclass of a repository class uses that class.
    const base = callee.kind === 'symbol' && callee.sym.kind === 'def' && callee.sym.module === '__example__' && callee.sym.def.kind === 'class' ? await repoBaseOf(callee.sym.def) : undefined;
    const site = await callSite(index, src, product ? { ...call, assignedTo: [product.name] } : call, base ? { kind: 'symbol', sym: base } : callee, span(call.line, call.endLine), machinery);
    if (base && site.resolution.kind === 'repo') site.resolution.via = 'subclass';
    if (product) site.decorator = 'call';
    const over = !product && call.parent === undefined ? decorated.get(`${call.scope}\0${call.line}`) : undefined;
    if (over) site.decorates = over.name;
    site.order = orderOf(call, i);
    const outer = enclosing(i);
    site.within = outer === undefined ? [] : orderOf(facts.calls[outer], outer);
    calls.push(site);
    if (PY_CONFIG_PARSERS.callee.test(call.callee.text)) calls.push(...(await parsedConfigs(call, i)));
    // Making an object of the source's own subclass of a repository class: the base class's public
    // methods it overrides are hooks the user implements (LitServe's `setup` and `predict` of a LitAPI),
    // patterns handed on with the class.
    if (base && site.resolution.kind === 'repo' && callee.kind === 'symbol' && callee.sym.kind === 'def') {
      const own = callee.sym.def;
      const baseFacts = (await index.declarations(base.path)) ?? undefined;
      const hooks = new Set((baseFacts?.defs ?? []).filter((d) => d.isMethod && d.parent === base.def.qualname && !d.name.startsWith('_')).map((d) => d.name));
      for (const d of facts.defs) {
        if (!d.isMethod || d.parent !== own.qualname || !hooks.has(d.name) || patterns.includes(d.name)) continue;
        patterns.push(d.name);
        calls.push(patternCall(d, site.callee));
      }
    }
    // A local function passed to an API is a pattern the user implements.
    if (site.resolution.kind === 'repo' || site.resolution.kind === 'external') {
      for (const arg of call.args) {
        const def = /^[A-Za-z_]\w*$/.test(arg.text) ? localDefs.get(arg.text) : undefined;
        // (A runner's program is followed into, not a pattern: its calls are the steps.)
        if (def && def.kind === 'function' && !patterns.includes(def.name) && runnerOf.get(call) !== def.name) {
          patterns.push(def.name);
          calls.push(patternCall(def, site.callee));
        }
      }
    }
  }
  while (nextBare < bare.length) await decoratorSite(bare[nextBare++]);
  // Shell lines of notebooks run tools (`%` magics configure the kernel; only `!` lines run a tool).
  calls.push(...shellCallSites(src.path, src.shell, src.commands));
  return { calls, patterns };
}

/** A method value reached through a class: that class is what its `cls` and `Self` stand for. */
function boundTo(v: Value, cls: DefSym | undefined): Value {
  return cls && v.kind === 'symbol' && v.sym.kind === 'def' && v.sym.def.isMethod ? { ...v, bound: cls } : v;
}

function symbolValue(sym: PySymbol): Value {
  if (sym.kind === 'external' || sym.kind === 'stdlib') return { kind: sym.kind, module: sym.module };
  if (sym.kind === 'unresolved') return { kind: 'unknown', reason: sym.reason, ...(sym.candidates ? { candidates: sym.candidates } : {}), ...(sym.method ? { method: sym.method } : {}) };
  return { kind: 'symbol', sym };
}

/** The instance a function returns, from its return annotation or a `return Cls(...)` statement. */
const isProperty = (m: DefSym) => m.def.decorators.some((d) => /(^|\.)(cached_)?property$/.test(d));

async function returnValue(index: PythonIndex, fn: DefSym, call?: PyCall, bound?: DefSym): Promise<Value> {
  const d = fn.def;
  const owner = d.isMethod ? ownerClass(index, fn) : undefined;
  // `cls(...)` and `Self` are the class the method was called through (a subclass inheriting it).
  const self = owner ? bound ?? owner : undefined;
  const annotation = d.returns ? unwrapAnnotation(d.returns) : undefined;
  const tuple = annotation ? /^(?:typing\.)?[Tt]uple\[(.*)\]$/s.exec(annotation) : null;
  if (tuple && !tuple[1].includes('...')) {
    const items: Value[] = [];
    for (const part of splitTop(tuple[1])) items.push(await annotationValue(index, fn.module, part, owner));
    return { kind: 'tuple', items };
  }
  const members = annotation ? unionMembers(annotation) : [];
  if (members.length > 1) {
    const classes: DefSym[] = [];
    const builtins: string[] = [];
    for (const m of members) {
      const builtin = BUILTIN_TYPE.exec(m)?.[1].toLowerCase();
      const sym = /^[A-Za-z_][\w.]*$/.test(m) && !builtin ? await index.resolveDotted(fn.module, m.split('.')) : undefined;
      if (sym?.kind === 'def' && sym.def.kind === 'class') classes.push(sym);
      else if (m === 'Self' && self) classes.push(self);
      else if (m === owner?.def.name && owner) classes.push(owner);
      else if (builtin) builtins.push(builtin);
      else return { kind: 'unknown', reason: `return type \`${clip(d.returns!)}\` of \`${d.qualname}\` is not only repository classes` };
    }
    if (!classes.length) return { kind: 'unknown', reason: `return type \`${clip(d.returns!)}\` of \`${d.qualname}\` names no repository class` };
    const narrowed = call ? await narrowUnion(index, fn, classes, call) : classes;
    if (builtins.length) return { kind: 'union', classes: narrowed, builtins: [...new Set(builtins)].sort() };
    return narrowed.length === 1 ? { kind: 'instance', cls: narrowed[0] } : { kind: 'union', classes: narrowed };
  }
  const callable = annotation ? /^(?:typing\.|t\.|collections\.abc\.)?Callable\[\s*(?:\[.*?\]|\.\.\.)\s*,(.*)\]$/s.exec(annotation) : null;
  if (callable) return { kind: 'callable', result: await annotationValue(index, fn.module, callable[1].trim(), owner), from: d.qualname };
  if (annotation) {
    if ((annotation === 'Self' || annotation === 'typing.Self') && self) return { kind: 'instance', cls: self };
    if (annotation === owner?.def.name && owner) return { kind: 'instance', cls: owner };
    if (/^[A-Za-z_][\w.]*$/.test(annotation)) {
      const sym = await index.resolveDotted(fn.module, annotation.split('.'));
      if (sym.kind === 'def' && sym.def.kind === 'class') return { kind: 'instance', cls: sym };
      if (sym.kind === 'external' || sym.kind === 'stdlib') return { kind: sym.kind, module: sym.module };
    }
    return { kind: 'unknown', reason: `return type \`${clip(d.returns!)}\` of \`${d.qualname}\` is not a repository class` };
  }
  const facts = index.bodyFacts(fn.path, d);
  // A method whose every `return` gives back its object (`return self`; a fluent method of another
  // library's base called through `super()`, `return super().to(*args, **kwargs)`): the object, of the
  // class the method was called through (a builder's `add(...).compile()`, diffusers' `model.to(device)`).
  const own = (facts?.returns ?? []).filter((r) => r.scope === d.qualname);
  const givesBack = (text: string) => text === 'self' || (FLUENT_METHODS.has(d.name) && text.startsWith(`super().${d.name}(`));
  if (self && d.params[0]?.name === 'self' && own.length && own.every((r) => givesBack(r.valueText.trim().replace(/\s+/g, '')))) return { kind: 'instance', cls: self };
  // `return X(...)`, or `return v` where `v = X(...)` earlier in the function; `ofSelf`: the call's one
  // argument is `self` (`copy.deepcopy(self)`).
  const chains = own
    .map((r) => {
      if (r.callChain) return { chain: r.callChain, ofSelf: /^[\w.]+\(\s*self\s*\)$/.test(r.valueText.trim()) };
      const name = r.valueText.trim();
      if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
      const built = facts!.calls.filter((c) => c.scope === d.qualname && c.line < r.line && c.assignedTo.length === 1 && c.assignedTo[0] === name && c.callee.base === 'name').pop();
      return built && { chain: built.callee.chain, ofSelf: built.args.length === 1 && built.args[0].text.trim() === 'self' };
    })
    .filter((c): c is { chain: string[]; ofSelf: boolean } => !!c);
  for (const { chain, ofSelf } of chains) {
    if (self && chain.length === 1 && chain[0] === 'cls') return { kind: 'instance', cls: self };
    // A copy of the object the method is called on (`dataset = copy.deepcopy(self); ...; return dataset`):
    // an instance of the class it was called through.
    if (self && ofSelf && d.params[0]?.name === 'self' && SELF_COPIES.has(chain[chain.length - 1])) {
      const copier = await index.resolveDotted(fn.module, chain);
      if (copier.kind === 'stdlib' && (copier.module === 'copy' || copier.module.startsWith('copy.'))) return { kind: 'instance', cls: self };
    }
    if (owner && chain.length === 1 && chain[0] === owner.def.name) return { kind: 'instance', cls: owner };
    const sym = await index.resolveDotted(fn.module, chain);
    if (sym.kind === 'def' && sym.def.kind === 'class') return { kind: 'instance', cls: sym };
  }
  // A classmethod of a repository class is an alternative constructor (`AutoPipeline.from_pretrained`):
  // what it returns is the repository's object even when its class is chosen at run time. A function may
  // return what it was given (`dispatch(model)`), so its result is nobody's in particular.
  const factory = !!owner && d.decorators.some((x) => /(^|\.)classmethod$/.test(x));
  return { kind: 'unknown', reason: `\`${d.qualname}\` has no return annotation naming a repository class`, ...(factory ? { fromRepo: true } : {}) };
}

function ownerClass(index: PythonIndex, fn: DefSym): DefSym | undefined {
  const def = index.declarationsOf(fn.path)?.defs.find((d) => d.qualname === fn.def.parent && d.kind === 'class');
  return def ? { kind: 'def', module: fn.module, path: fn.path, def } : undefined;
}

/**
 * `A | B` where every `return B(...)` sits under `if flag:` and `flag` is a parameter whose default is
 * False or None that this call does not pass: the call returns A.
 */
async function narrowUnion(index: PythonIndex, fn: DefSym, classes: DefSym[], call: PyCall): Promise<DefSym[]> {
  const facts = index.declarationsOf(fn.path);
  const body = index.bodyFacts(fn.path, fn.def);
  if (!facts || !body) return classes;
  const params = fn.def.params;
  const offFlag = (name: string) => {
    const i = params.findIndex((p) => p.name === name);
    if (i < 0 || !['False', 'None'].includes(params[i].default ?? '')) return false;
    const positional = params[i].kind === 'positional' ? i - (fn.def.isMethod ? 1 : 0) : -1;
    const passed = call.args.find((a) => a.keyword === name) ?? (positional >= 0 ? call.args.filter((a) => !a.keyword && !a.unpack)[positional] : undefined);
    return !passed || ['False', 'None'].includes(passed.text.trim());
  };
  const onFlag = (name: string) => {
    const i = params.findIndex((p) => p.name === name);
    const positional = i >= 0 && params[i].kind === 'positional' ? i - (fn.def.isMethod ? 1 : 0) : -1;
    const passed = call.args.find((a) => a.keyword === name) ?? (positional >= 0 ? call.args.filter((a) => !a.keyword && !a.unpack)[positional] : undefined);
    return passed?.text.trim() === 'True';
  };
  if (call.args.some((a) => a.unpack)) return classes;
  // `@overload`s typed by the class of their first argument (`from_openai(client: openai.OpenAI) ->
  // Instructor`, `from_openai(client: openai.AsyncOpenAI) -> AsyncInstructor`): a call that builds that
  // argument inline (`from_openai(OpenAI())`) returns what the one overload naming that class declares.
  const overloads = facts.defs.filter((o) => o !== fn.def && o.qualname === fn.def.qualname && o.decorators.some((x) => /^(typing\.|typing_extensions\.)?overload$/.test(x)));
  const first = call.args.find((a) => !a.keyword);
  const built = first ? /^([A-Za-z_][\w.]*)\(/.exec(first.text.trim())?.[1].split('.').pop() : undefined;
  if (overloads.length > 1 && built) {
    const firstParam = (o: PyDef) => o.params.filter((q, i) => q.kind === 'positional' && !(i === 0 && receivesSelf(o)))[0];
    const naming = overloads.filter((o) => {
      const t = firstParam(o)?.type;
      const u = t ? unwrapAnnotation(t) : '';
      return !!u && (unionMembers(u).length ? unionMembers(u) : [u]).some((m) => m.split('.').pop() === built);
    });
    const declared = naming.length === 1 && naming[0].returns ? unwrapAnnotation(naming[0].returns) : undefined;
    const sym = declared && /^[A-Za-z_][\w.]*$/.test(declared) ? await index.resolveDotted(fn.module, declared.split('.')) : undefined;
    const only = sym?.kind === 'def' ? classes.filter((c) => c.path === sym.path && c.def.qualname === sym.def.qualname) : [];
    if (only.length === 1) return only;
  }
  const all = body.returns.filter((r) => r.scope === fn.def.qualname);
  const rets = all.filter((r) => r.callChain);
  const kept: DefSym[] = [];
  for (const cls of classes) {
    const producing = [];
    for (const r of rets) {
      const sym = await index.resolveDotted(fn.module, r.callChain!);
      if (sym.kind === 'def' && sym.path === cls.path && sym.def.qualname === cls.def.qualname) producing.push(r);
    }
    // `if flag: return B(...)` with `flag=True` passed and no return before it: the call returns B.
    const first = producing[0];
    if (first?.guard && onFlag(first.guard) && !all.some((r) => r.line < first.line)) return [cls];
    const unreachable = producing.length > 0 && producing.every((r) => r.guard && offFlag(r.guard));
    if (!unreachable) kept.push(cls);
  }
  return kept.length ? kept : classes;
}

/**
 * A union of an SDK's twins (`Instructor | AsyncInstructor`: one class and its `Async` namesake) run the
 * way the code says (PyCall.runs) is that one twin: a result awaited or iterated with `async for` comes
 * from the async one, one iterated with a plain `for` (or made where nothing can await it) from the other.
 */
function twinRun(v: Value, runs: 'async' | 'sync'): Value {
  if (v.kind !== 'union' || v.builtins?.length || v.classes.length !== 2) return v;
  const name = (c: DefSym) => c.def.qualname.split('.').pop() ?? '';
  const asyncOne = v.classes.find((c) => SYNC_TWIN.test(name(c)));
  const syncOne = v.classes.find((c) => c !== asyncOne);
  if (!asyncOne || !syncOne || name(asyncOne).replace(SYNC_TWIN, '') !== name(syncOne)) return v;
  return { kind: 'instance', cls: runs === 'async' ? asyncOne : syncOne };
}

/** A dataclass's generated `__init__` parameters: its annotated class-level fields, in order. */
function dataclassFields(index: PythonIndex, cls: DefSym): Parameter[] {
  const facts = index.declarationsOf(cls.path);
  if (!facts) return [];
  const q = cls.def.qualname;
  const fields: { line: number; p: Parameter }[] = [];
  for (const a of facts.assigns) {
    if (a.scope !== q || !a.annotation || a.targets.length !== 1 || /^(typing\.)?ClassVar\b/.test(a.annotation)) continue;
    fields.push({ line: a.line, p: { name: a.targets[0], type: a.annotation, ...(a.valueText ? { default: a.valueText.replace(/\s+/g, ' ') } : {}) } });
  }
  for (const k of facts.calls) {
    if (k.scope !== q || !k.assignedType || k.assignedTo.length !== 1) continue;
    fields.push({ line: k.statementLine, p: { name: k.assignedTo[0], type: k.assignedType, default: `${k.callee.text}(...)` } });
  }
  return fields.sort((a, b) => a.line - b.line).map((f) => f.p);
}

/**
 * The type a `with` target or a `for` element gets from a return annotation: `Iterator[T]`,
 * `Generator[T, ...]` (what a `@contextmanager` yields), `ContextManager[T]`; for `for`, also
 * `Iterable[T]`, `List[T]`, `Sequence[T]`.
 */
function elementType(annotation: string, kind: 'with' | 'for'): string | undefined {
  const t = unwrapAnnotation(annotation);
  const m = /^(?:typing\.|t\.|collections\.abc\.|contextlib\.)?(\w+)\[(.*)\]$/s.exec(t);
  if (!m) return undefined;
  const withTypes = ['Iterator', 'Generator', 'AsyncIterator', 'AsyncGenerator', 'ContextManager', 'AbstractContextManager', 'AsyncContextManager', 'AbstractAsyncContextManager'];
  const forTypes = ['Iterator', 'Generator', 'AsyncIterator', 'AsyncGenerator', 'Iterable', 'AsyncIterable', 'List', 'list', 'Sequence'];
  if (!(kind === 'with' ? withTypes : forTypes).includes(m[1])) return undefined;
  return splitTop(m[2])[0];
}

/** Top-level members of a union annotation (`A | B`, `Union[A, B]`, `Optional[A]`), `None` left out. */
function unionParts(text: string): string[] {
  const t = text.trim().replace(/^["'](.*)["']$/s, '$1');
  const wrapped = /^(?:typing\.|t\.)?(Union|Optional)\[(.*)\]$/s.exec(t);
  const parts = wrapped ? splitTop(wrapped[2]) : splitTop(t, '|');
  return parts.flatMap((p) => (p === t ? [p] : unionParts(p))).filter((p) => p && p !== 'None');
}

/**
 * The class a decorator makes of a function, from its return annotations (overloads included): a
 * decorator factory called (`@group()`) returns `Callable[[...], Group]`, a bare decorator
 * (`@command`) returns the class itself. With `member`, the target class's method is the decorator
 * (`__call__` of an instance). Undefined unless exactly one repository class comes out.
 */
async function decoratorProduct(index: PythonIndex, target: DefSym, member: string | undefined, called: boolean): Promise<Value | undefined> {
  let fn = target;
  if (member) {
    const m = await index.classMember(target, member);
    if (m.kind !== 'def') return m.kind === 'external' ? { kind: 'external', module: m.module } : undefined;
    fn = m;
  }
  const facts = (await index.declarations(fn.path)) ?? undefined;
  const signatures = (facts?.defs ?? []).filter((d) => d.qualname === fn.def.qualname && d.returns);
  const names = new Set<string>();
  for (const d of signatures) {
    for (const part of unionParts(d.returns!)) {
      const callable = /^(?:typing\.|t\.|collections\.abc\.)?Callable\[\s*(?:\[.*?\]|\.\.\.)\s*,(.*)\]$/s.exec(part);
      if (called !== !!callable) continue;
      for (const made of unionParts(callable ? callable[1] : part)) names.add(made.replace(/^["'](.*)["']$/s, '$1'));
    }
  }
  const classes = new Map<string, DefSym>();
  for (const name of names) {
    const cls = await classNamed(index, fn.module, name);
    if (!cls) return undefined;
    classes.set(`${cls.path}:${cls.def.qualname}`, cls);
  }
  return classes.size === 1 ? { kind: 'instance', cls: [...classes.values()][0] } : undefined;
}

/** The repository class a type name in a module means; a `TypeVar("T", bound=X)` means X. */
async function classNamed(index: PythonIndex, module: string, name: string): Promise<DefSym | undefined> {
  if (!/^[A-Za-z_][\w.]*$/.test(name)) return undefined;
  const sym = await index.resolveDotted(module, name.split('.'));
  if (sym.kind === 'def' && sym.def.kind === 'class') return sym;
  const path = index.modules.get(module);
  const facts = path ? index.declarationsOf(path) : undefined;
  const tv = facts?.calls.find((c) => c.scope === '' && c.assignedTo.length === 1 && c.assignedTo[0] === name && /(^|\.)TypeVar$/.test(c.callee.text));
  const bound = tv?.args.find((a) => a.keyword === 'bound')?.text.trim().replace(/^["'](.*)["']$/s, '$1');
  if (!bound || bound === name) return undefined;
  const members = unionParts(bound);
  return members.length === 1 ? classNamed(index, module, members[0]) : undefined;
}

/** Splits `A, Dict[B, C], D` at its top-level commas (or another separator: `A | B`). */
function splitTop(text: string, sep = ','): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '[' || ch === '(') depth++;
    if (ch === ']' || ch === ')') depth--;
    if (ch === sep && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The value an annotation names, seen from a module: a repository class instance, external, or unknown. */
async function annotationValue(index: PythonIndex, module: string, text: string, owner?: DefSym): Promise<Value> {
  const t = unwrapAnnotation(text);
  if ((t === 'Self' || t === owner?.def.name) && owner) return { kind: 'instance', cls: owner };
  if (/^[A-Za-z_][\w.]*$/.test(t)) {
    const sym = await index.resolveDotted(module, t.split('.'));
    if (sym.kind === 'def' && sym.def.kind === 'class') return { kind: 'instance', cls: sym };
    if (sym.kind === 'external' || sym.kind === 'stdlib') return { kind: sym.kind, module: sym.module };
  }
  return { kind: 'unknown', reason: `type \`${clip(text)}\` is not a repository class` };
}

/**
 * An instance attribute's value: a class-level annotation (`model: Model`), an annotated assignment
 * (`self.model: Model = ...`), or `self.model = Model(...)` in one of the class's methods.
 */
/** What a class-level annotation (`name: T` in the class body of `cls` or of a repository base) says a class attribute holds. */
async function classLevelValue(index: PythonIndex, cls: DefSym, name: string): Promise<Value | undefined> {
  for (const c of await index.mro(cls)) {
    if (c.kind !== 'def') continue;
    const facts = (await index.declarations(c.path)) ? index.selfBindingFacts(c.path, c.def, name) : undefined;
    if (!facts) continue;
    const annotated = assignsTo(facts, name, `self.${name}`).find((a) => a.annotation && a.scope === c.def.qualname && a.targets[0] === name);
    if (annotated?.annotation) return annotationValue(index, c.module, annotated.annotation, c);
  }
  return undefined;
}

async function attributeValue(index: PythonIndex, cls: DefSym, name: string): Promise<Value | undefined> {
  for (const c of await index.mro(cls)) {
    if (c.kind !== 'def') continue;
    const facts = (await index.declarations(c.path)) ? index.selfBindingFacts(c.path, c.def, name) : undefined;
    if (!facts) continue;
    const q = c.def.qualname;
    const inside = `${q}.`;
    const self = `self.${name}`;
    const inClass = (scope: string) => scope === q || scope.startsWith(inside);
    // Only the entries bound to `name` or `self.name` first can match (bound-names.ts).
    const annotated = assignsTo(facts, name, self).find((a) => a.annotation && ((a.scope === q && a.targets[0] === name) || (inClass(a.scope) && a.targets[0] === self)));
    if (annotated?.annotation) return annotationValue(index, c.module, annotated.annotation, c);
    const typedCall = callsBoundTo(facts, name, self).find((k) => k.assignedType && ((k.scope === q && k.assignedTo[0] === name) || (inClass(k.scope) && k.assignedTo[0] === self)));
    if (typedCall?.assignedType) return annotationValue(index, c.module, typedCall.assignedType, c);
    const built = callsBoundTo(facts, self).filter((k) => inClass(k.scope) && k.assignedTo.length === 1 && k.assignedTo[0] === self && k.callee.base === 'name');
    // Only when every assignment builds the same repository class.
    const values = await Promise.all(built.map(async (k) => {
      const sym = await index.resolveDotted(c.module, k.callee.chain);
      return sym.kind === 'def' && sym.def.kind === 'class' ? `${sym.path}:${sym.def.qualname}` : '';
    }));
    if (built.length && values.every((v) => v && v === values[0])) {
      const sym = await index.resolveDotted(c.module, built[0].callee.chain);
      if (sym.kind === 'def') return { kind: 'instance', cls: sym };
    }
    if (built.length === 1) {
      const given = await wrappedMethod(index, c, facts, built[0]);
      if (given) return given;
    }
  }
  return undefined;
}

/**
 * `self.create = to_raw_response_wrapper(completions.create)` in `__init__(self, completions: Completions)`
 * (the raw and streaming response views of an SDK generated by Stainless): a function that returns its
 * argument wrapped (it returns a function it defines with `@functools.wraps(<its parameter>)`, which says
 * the wrapper stands for the function given) calls that function, here the method of the class the
 * parameter is annotated with. Only a parameter's method (`param.method`), read through its annotation.
 */
async function wrappedMethod(index: PythonIndex, owner: DefSym, facts: PyModuleFacts, call: PyCall): Promise<Value | undefined> {
  if (call.args.some((a) => a.unpack)) return undefined;
  const fn = await index.resolveDotted(owner.module, call.callee.chain);
  if (fn.kind !== 'def' || fn.def.kind !== 'function' || fn.def.isMethod) return undefined;
  const body = index.bodyFacts(fn.path, fn.def);
  const params = fn.def.params.filter((p) => p.kind === 'positional');
  // The position of the parameter a function defined in `fn` says it wraps (`@functools.wraps(func)`), else -1.
  const wrapping = (d: PyDef) => {
    if (d.parent !== fn.def.qualname || d.kind !== 'function') return -1;
    const names = d.decorators.map((x) => /^(?:functools\.)?wraps\(\s*([A-Za-z_]\w*)\s*\)$/.exec(x.trim())?.[1]);
    return params.findIndex((p) => names.includes(p.name));
  };
  const inner = body?.defs.find((d) => wrapping(d) >= 0);
  if (!inner || !body?.returns.some((r) => r.scope === fn.def.qualname && r.valueText.trim() === inner.name)) return undefined;
  const at = wrapping(inner);
  const given = call.args.find((a) => a.keyword === params[at].name) ?? call.args.filter((a) => !a.keyword)[at];
  const arg = given ? /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(given.text.trim()) : null;
  if (!arg) return undefined;
  const method = facts.defs.find((d) => d.qualname === call.scope && d.kind === 'function');
  const param = method?.params.find((p) => p.name === arg[1] && p.type);
  if (!param?.type) return undefined;
  const holder = await annotationValue(index, owner.module, param.type);
  if (holder.kind !== 'instance') return undefined;
  const m = await index.classMember(holder.cls, arg[2]);
  return m.kind === 'def' ? boundTo(symbolValue(m), holder.cls) : undefined;
}

/**
 * `(\n A | B\n)` → `A | B`: a long annotation wrapped in parentheses over several lines (as formatters
 * write it) is the annotation inside.
 */
function withoutParens(text: string): string {
  let t = text;
  while (t.startsWith('(') && closingParen(t, 0) === t.length - 1) t = t.slice(1, -1).trim();
  return t;
}

/** `A | B`, `Union[A, B]` → [A, B] (None dropped); a single type gives []. */
function unionMembers(text: string): string[] {
  const t = withoutParens(text.trim()).replace(/^["']|["']$/g, '');
  const u = /^(?:typing\.)?Union\[(.*)\]$/.exec(t);
  const parts = (u ? splitTop(u[1]) : splitTop(t, '|')).map((p) => p.trim().replace(/^["']|["']$/g, '')).filter((p) => p && p !== 'None');
  return parts.length > 1 ? parts : [];
}

/** `Optional["Model"]` → `Model`; `"Model"` → `Model`. */
function unwrapAnnotation(text: string): string {
  let t = withoutParens(text.trim()).replace(/^["']|["']$/g, '');
  const opt = /^(?:typing\.)?Optional\[(.*)\]$/.exec(t);
  if (opt) t = opt[1].trim().replace(/^["']|["']$/g, '');
  const union = t.split('|').map((s) => s.trim()).filter((s) => s !== 'None');
  t = union.length === 1 ? union[0] : t;
  // `Annotated[X, ...]` is X; a generic class of the code (`AgentRealtime[Deps]`) is the class.
  const generic = /^([A-Za-z_][\w.]*)\[(.*)\]$/s.exec(t);
  if (generic) {
    const base = generic[1].replace(/^(typing|t|te|typing_extensions|collections\.abc|collections)\./, '');
    if (base === 'Annotated') return unwrapAnnotation(splitTop(generic[2])[0] ?? '');
    // `metadata: ClassVar[MetaData]`: the attribute holds a MetaData.
    if (base === 'ClassVar' || base === 'Final') return unwrapAnnotation(generic[2]);
    if (!TYPING_GENERICS.has(base)) return generic[1];
  }
  return t;
}

/** Generic types of `typing` and the builtins: their parameters are element types, not the value's class. */
const TYPING_GENERICS = new Set(
  `Optional Union List list Dict dict Tuple tuple Set set FrozenSet frozenset Callable Iterator Iterable Generator AsyncIterator
AsyncIterable AsyncGenerator Type type Literal ClassVar Final Awaitable Coroutine Sequence MutableSequence Mapping MutableMapping
ContextManager AbstractContextManager AsyncContextManager AbstractAsyncContextManager TypeGuard TypeIs Required NotRequired Unpack
deque defaultdict OrderedDict Counter ChainMap Collection Container Reversible`.split(/\s+/),
);

async function callSite(
  index: PythonIndex,
  src: PythonSource,
  call: PyCall,
  callee: Value,
  site: Span,
  localDefs: Map<string, PyDef>,
): Promise<CallSite> {
  const written = await writtenCallee(src, call);
  let resolution: Resolution;
  let definition: Definition | undefined;
  if (callee.kind === 'symbol' && callee.sym.kind === 'def' && callee.sym.module === '__example__') {
    resolution = { kind: 'builtin', name: `local:${callee.sym.def.name}` };
  } else if (callee.kind === 'symbol' && callee.sym.kind === 'def') {
    const sym = callee.sym;
    if (sym.def.hasError) {
      const error = index.declarationsOf(sym.path)?.errors.find((e) => e.line >= sym.def.start && e.line <= sym.def.end);
      resolution = { kind: 'unresolved', reason: `the definition of \`${sym.def.qualname}\` in \`${sym.path}\` has a syntax error${error ? ` (line ${error.line}: ${error.message})` : ''}, so its span is not exact` };
    } else {
      definition = index.definition(sym);
      if (sym.def.kind === 'class') {
        const init = await index.constructorOf(sym);
        if (init) definition = { ...definition, params: index.definition(init).params };
        else if (sym.def.decorators.some((d) => /(^|\.)dataclass\b/.test(d))) definition = { ...definition, params: dataclassFields(index, sym) };
      }
      resolution = { kind: 'repo', qualname: sym.def.qualname, module: definition.module, span: definition.span, via: call.callee.base === 'call' ? 'receiver' : 'import', ...(callee.also?.length ? { candidates: callee.also } : {}) };
    }
  } else if (callee.kind === 'symbol' && callee.sym.kind === 'module') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` names a module, not a callable` };
  } else if (callee.kind === 'local-instance' || callee.kind === 'super') {
    resolution = { kind: 'builtin', name: `local:${written}` };
  } else if (callee.kind === 'callable') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` calls the function \`${callee.from}\` returns` };
  } else if (callee.kind === 'tuple') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` calls a tuple` };
  } else if (callee.kind === 'union') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` calls an instance of one of ${callee.classes.map((c) => c.def.qualname).join(', ')}` };
  } else if (callee.kind === 'instance') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` calls an instance of \`${callee.cls.def.qualname}\` (\`__call__\` not followed)`, method: '__call__' };
  } else if (callee.kind === 'external' || (callee.kind === 'symbol' && callee.sym.kind === 'external')) {
    const module = callee.kind === 'external' ? callee.module : (callee.sym as { module: string }).module;
    resolution = { kind: 'external', module, distribution: index.distribution(module) };
  } else if (callee.kind === 'stdlib' || (callee.kind === 'symbol' && callee.sym.kind === 'stdlib')) {
    // (Only the call itself: a method chained on its result, `check_output(...).decode("utf-8")`, runs nothing.)
    if (PY_TOOL_CALLS.has(written)) resolution = { kind: 'tool', command: toolCommand(call) };
    else resolution = { kind: 'builtin', name: written };
  } else if (callee.kind === 'symbol' && callee.sym.kind === 'unresolved') {
    resolution = { kind: 'unresolved', reason: callee.sym.reason, ...(callee.sym.candidates ? { candidates: callee.sym.candidates } : {}), ...(callee.sym.method ? { method: callee.sym.method } : {}) };
  } else if (callee.kind === 'unknown' && callee.local) {
    // The example's own values (lists, locals, its own classes): not the repository's API.
    resolution = { kind: 'builtin', name: `local:${written}` };
  } else {
    const u = callee as { reason: string; candidates?: string[]; method?: string; fromRepo?: boolean };
    // Calling what a factory returns calls the object: its class's `__call__`, chosen at run time.
    const method = u.method ?? (u.fromRepo ? '__call__' : undefined);
    resolution = { kind: 'unresolved', reason: u.reason, ...(u.candidates ? { candidates: u.candidates } : {}), ...(method ? { method } : {}) };
  }
  // Receivers typed through the example's data flow.
  if (resolution.kind === 'repo' && call.callee.base === 'name' && call.callee.chain.length > 1) {
    resolution.via = 'instance';
  }
  // A method on an unknown or external receiver may be one the repository attaches at run time.
  const attr = call.callee.chain.length > 1 || call.callee.base === 'call' ? call.callee.chain[call.callee.chain.length - 1] : undefined;
  const inherited = callee.kind === 'external' && callee.inherited;
  // Only a receiver that is external or of unknown type: not an ambiguous repository name (the result of
  // calling one is of unknown type: `model = FastModel.get_peft_model(model)` then `model.save_gguf()`).
  const openReceiver = callee.kind === 'external' || (callee.kind === 'unknown' && !callee.local && (!callee.candidates || !!callee.result));
  if (attr && !inherited && openReceiver && (resolution.kind === 'external' || resolution.kind === 'unresolved')) {
    const found = (await index.attachments()).get(attr) ?? [];
    if (found.length === 1) {
      const a = found[0];
      definition = index.definition(a.target);
      // A bound method: its first parameter is the receiver, not an argument.
      if (a.bound && a.target.def.params[0]?.kind === 'positional') definition = { ...definition, params: definition.params.slice(1) };
      resolution = { kind: 'repo', qualname: a.target.def.qualname, module: definition.module, span: definition.span, via: `attachment (${a.site.path}:L${a.site.line})` };
    } else if (found.length > 1) {
      resolution = {
        kind: 'unresolved',
        reason: `\`${attr}\` is attached at run time by ${found.length} functions of the repository`,
        candidates: found.map((a) => `${a.target.def.qualname} (${formatSpan({ path: a.target.path, start: a.target.def.start, end: a.target.def.end })}, attached at ${a.site.path}:L${a.site.line})`),
      };
    }
  }
  // Positional arguments by their parameter, in order; past them, a `*args` parameter names the rest
  // (once); keywords by their keyword.
  const all = definition?.params ?? [];
  const star = all.findIndex((p) => p.name.startsWith('*'));
  const positional = star < 0 ? all : all.slice(0, star);
  const vararg = star >= 0 && !all[star].name.startsWith('**') ? all[star].name : undefined;
  const argNames: string[] = [];
  const argComments: Record<string, string> = {};
  const argValues: Record<string, string> = {};
  const uses = new Set<string>();
  if (call.callee.base === 'name') uses.add(call.callee.chain[0]);
  let k = 0;
  for (const a of call.args) {
    const name = a.keyword ?? (a.unpack === 'star' ? `*${a.text.replace(/^\*/, '')}` : a.unpack === 'starstar' ? `**${a.text.replace(/^\*\*/, '')}` : (positional[k++]?.name ?? vararg ?? clip(a.text, 30)));
    if (!(name === vararg && argNames[argNames.length - 1] === name)) argNames.push(name);
    if (!a.unpack) argValues[name] = clip(a.text, 60);
    if (a.comment) argComments[name] = a.comment;
    for (const n of a.names) uses.add(n);
  }
  for (const n of uses) if (localDefs.has(n)) uses.delete(n);
  return {
    callee: written,
    written: clippedCallee(call, src.facts.calls),
    argNames,
    argComments,
    ...commentOf(src, call),
    assignedTo: call.assignedTo,
    uses: [...uses],
    site,
    resolution,
    ...(definition ? { definition } : {}),
    ...(Object.keys(argValues).length ? { argValues } : {}),
    ...(call.branch ? { branch: armOf(src, call.branch) } : {}),
    ...(call.arms ? { arms: call.arms.map((a) => armOf(src, a)) } : {}),
    ...(call.loop ? { loop: { header: call.loop.header, at: { path: src.path, ...placeOf(src, call.loop.line) } } } : {}),
  };
}

/** A branch arm of the parsed text at its place in the original file. */
function armOf(src: PythonSource, a: PyArm): Arm {
  return { kind: a.kind, at: { path: src.path, ...placeOf(src, a.line) }, arm: a.arm, condition: a.condition };
}

/**
 * The comment above a call's statement, lines joined with spaces, and where it starts. Code blocks of a
 * document (and notebook cells) are analysed as one text: a comment closing one block (`# => [8.6 5.5]`)
 * is not the comment of the next block's first statement, so only the lines right above it in the
 * original file count.
 */
function commentOf(src: PythonSource, call: PyCall): { comment?: string; commentAt?: Place } {
  if (!call.comment || !call.commentLine) return {};
  const lines = call.comment.split('\n');
  let top = call.commentLine;
  for (let row = call.statementLine; row > top; row--) {
    const a = placeOf(src, row - 1);
    const b = placeOf(src, row);
    if (a.cell !== b.cell || a.line !== b.line - 1) top = row;
  }
  const text = lines.slice(top - call.commentLine).filter(Boolean).join(' ');
  return text ? { comment: text, commentAt: { path: src.path, ...placeOf(src, top) } } : {};
}

/** A line of the parsed text as a line (and cell) of the original file. */
function placeOf(src: PythonSource, line: number): { line: number; cell?: number } {
  const p = src.map?.lines[line - 1] ?? { line };
  return p.cell !== undefined ? { line: p.line, cell: p.cell } : { line: p.line };
}

/** The callee as written, with import aliases replaced by the imported name. */
async function writtenCallee(src: PythonSource, call: PyCall): Promise<string> {
  if (call.callee.base !== 'name') return clippedCallee(call, src.facts.calls);
  const [root, ...rest] = call.callee.chain;
  const imp = src.facts.imports.filter((i) => i.line <= call.line && bindsName(i, root) && (i.scope === '' || call.scope.startsWith(i.scope))).pop();
  let real = root;
  if (imp?.kind === 'import' && imp.alias) real = imp.module;
  else if (imp?.kind === 'from') real = imp.names.find((n) => (n.alias ?? n.name) === root)?.name ?? root;
  return clipMiddle([real, ...rest].join('.'), MAX_VALUE);
}

function bindsName(imp: PyModuleFacts['imports'][number], name: string): boolean {
  if (imp.star) return false;
  if (imp.kind === 'import') return (imp.alias ?? imp.module.split('.')[0]) === name;
  return imp.names.some((n) => (n.alias ?? n.name) === name);
}

/** Every name an import binds (those bindsName holds for), once each. */
function boundNames(imp: PyModuleFacts['imports'][number]): string[] {
  if (imp.star) return [];
  if (imp.kind === 'import') return [imp.alias ?? imp.module.split('.')[0]];
  return [...new Set(imp.names.map((n) => n.alias ?? n.name))];
}

function scopesOf(scope: string): string[] {
  const out: string[] = [];
  let s = scope;
  while (s) {
    out.push(s);
    const i = s.lastIndexOf('.');
    s = i < 0 ? '' : s.slice(0, i);
  }
  out.push('');
  return out;
}

function toolCommand(call: PyCall): string {
  const first = call.args[0]?.text ?? '';
  const list = /^\[\s*["']([^"']+)["']/.exec(first);
  if (list) return list[1];
  const str = /^[rbuf]*["']([^"']+)["']/i.exec(first);
  if (str) return str[1].trim().split(/\s+/)[0];
  return call.callee.text;
}

/**
 * The callee as written, spaces dropped, at most MAX_VALUE characters (its middle dropped): in a chain
 * `m.f().f()...` each call's callee holds the whole chain before it, so unbounded texts grow with the
 * square of the chain's length. A method of another call's result shows that call with its arguments
 * when they are short and on one line (`GradioUI(agent).launch`), else as `(...)`: the arguments of
 * `client.beta.environments.work.worker(...)` spread over nine lines with their comments; dropping the
 * spaces of such a text ran `lambda env` into `lambdaenv`.
 */
function clippedCallee(call: PyCall, calls: readonly PyCall[]): string {
  return clipMiddle(shownCallee(call, calls, 0), MAX_VALUE);
}

/** Longest argument list a method of a call's result shows as written. */
const SHOWN_RECEIVER_ARGS = 40;

function shownCallee(call: PyCall, calls: readonly PyCall[], depth: number): string {
  const c = call.callee;
  const receiver = c.base === 'call' && c.receiverCall !== undefined && depth < 8 ? calls[c.receiverCall] : undefined;
  if (!receiver || receiver.callee.base === 'other') return clipMiddle(c.text, MAX_VALUE * 4).replace(/\s+/g, '');
  const args = receiver.args.map((a) => (a.keyword !== undefined ? `${a.keyword}=${a.text}` : a.unpack === 'star' ? `*${a.text.replace(/^\*/, '')}` : a.unpack === 'starstar' ? `**${a.text.replace(/^\*\*/, '')}` : a.text)).join(',');
  const shown = args.length <= SHOWN_RECEIVER_ARGS && !/[\n#]/.test(args) && new Set(receiver.args.map((a) => a.line)).size <= 1 ? withoutSpaces(args) : '...';
  return `${shownCallee(receiver, calls, depth + 1)}(${shown}).${c.chain.join('.')}`;
}

/** Code without its spaces, except inside string literals (`f(a, "a b")` → `f(a,"a b")`). */
function withoutSpaces(code: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (quote) {
      out += ch;
      if (ch === '\\') out += code[++i] ?? '';
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

function clip(text: string, n = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

/** Index of the parenthesis that closes the one at `open` (string literals skipped), or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return ch === ')' ? i : -1;
    }
  }
  return -1;
}
