// Resolves the call sites of one golden-path source (a script, a notebook, a code block) against the
// repository: names through the source's imports, receivers through the values assigned to them.
import type { CallSite, Definition, Parameter, Resolution, Span } from '../model.js';
import { shellCallSites, type CommandResolver, type ShellLine } from './shell-calls.js';
import { formatSpan } from '../model.js';
import type { PyCall, PyDef, PyModuleFacts } from '../lang/python/types.js';
import { PY_BUILTINS, PY_TOOL_CALLS } from '../heuristics/tables.js';
import type { PySymbol, PythonIndex } from './python-index.js';
import { clipMiddle, MAX_VALUE } from '../text/clip.js';

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
  | { kind: 'symbol'; sym: PySymbol }
  | { kind: 'instance'; cls: DefSym }
  /** An instance of a class the source defines itself (`self` in its methods). */
  | { kind: 'local-instance'; cls: PyDef }
  /** `Tuple[A, B]` return annotations, for `a, b = f()`. */
  | { kind: 'tuple'; items: Value[] }
  /** `A | B` return annotations: a member call resolves only when every class gives the same definition. */
  | { kind: 'union'; classes: DefSym[] }
  /** `inherited`: a method a repository class inherits from an external base (its type is known). */
  | { kind: 'external'; module: string; inherited?: boolean }
  | { kind: 'stdlib'; module: string }
  | { kind: 'unknown'; reason: string; local?: boolean; candidates?: string[] };

export interface ResolvedSource {
  calls: CallSite[];
  /** Local functions of the source passed to an API (Pattern Docs), by name. */
  patterns: string[];
}

export async function resolvePythonSource(index: PythonIndex, src: PythonSource, opts: { entryFunction?: string; tests?: boolean } = {}): Promise<ResolvedSource> {
  const { facts } = src;
  const within = (scope: string, fn: string) => scope === fn || scope.startsWith(`${fn}.`);
  // Local functions passed by name to a call are user callbacks: their own calls are not workflow steps.
  const callbackNames = new Set(facts.calls.flatMap((c) => c.args.map((a) => a.text)).filter((t) => facts.defs.some((d) => d.parent === '' && d.kind === 'function' && d.name === t)));
  // The workflow is what runs: module level (or the entry function) and the local functions it calls,
  // transitively. Local classes and callbacks are the example's own machinery, not steps.
  const localFns = new Set(facts.defs.filter((d) => d.parent === '' && d.kind === 'function').map((d) => d.name));
  // Tests run their `test_*` functions (and `Test*` classes' methods).
  const testEntries = opts.tests ? facts.defs.filter((d) => (d.parent === '' && /^test/.test(d.name)) || (d.kind === 'class' && d.parent === '' && /^Test/.test(d.name))).map((d) => d.qualname) : [];
  const reached = new Set<string>(opts.entryFunction ? [opts.entryFunction] : ['', ...testEntries]);
  /** Where each local function the source runs is first called: its calls run there, not at its definition. */
  const calledFrom = new Map<string, { scope: string; line: number }>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of facts.calls) {
      const target = c.callee.base === 'name' && c.callee.chain.length === 1 ? c.callee.chain[0] : undefined;
      if (target && localFns.has(target) && !reached.has(target) && !callbackNames.has(target) && [...reached].some((r) => (r === '' ? c.scope === '' : within(c.scope, r)))) {
        reached.add(target);
        calledFrom.set(target, { scope: c.scope, line: c.statementLine });
        grew = true;
      }
    }
  }
  const emitted = (call: PyCall) =>
    ![...callbackNames].some((n) => within(call.scope, n)) && [...reached].some((r) => (r === '' ? call.scope === '' : within(call.scope, r)));
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

  /** Resolves a bare name as seen at `line` inside `scope`. */
  const lookup = async (name: string, scope: string, line: number): Promise<Value> => {
    // Variables assigned from calls: the latest assignment before this line, innermost scope first.
    for (const s of scopesOf(scope)) {
      const assigned = facts.calls
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => c.scope === s && c.statementLine < line && c.assignedTo.includes(name))
        .pop();
      const imported = facts.imports.filter((imp) => imp.scope === s && imp.line <= line && bindsName(imp, name)).pop();
      const plain = facts.assigns.filter((a) => a.scope === s && a.line < line && a.targets.includes(name)).pop();
      const latest = Math.max(assigned?.c.statementLine ?? -1, imported?.line ?? -1, plain?.line ?? -1);
      if (latest < 0) {
        const def = s === '' ? localDefs.get(name) : undefined;
        if (def) return { kind: 'symbol', sym: { kind: 'def', module: '__example__', path: src.path, def } };
        const fn = facts.defs.find((d) => d.qualname === s);
        // `self` in a method of the source's own class: its other methods are the source's own functions.
        if (fn?.isMethod && fn.params[0]?.name === name && !fn.decorators.some((d) => /staticmethod|classmethod/.test(d))) {
          const cls = facts.defs.find((d) => d.qualname === fn.parent && d.kind === 'class');
          if (cls) return { kind: 'local-instance', cls };
        }
        if (fn?.params.some((p) => p.name === name)) {
          // A parameter of the source's own function takes what every call of it in the source passes.
          const passed = fn.parent === '' && !fn.isMethod ? await argumentValue(fn, name) : undefined;
          if (passed) return passed;
          return { kind: 'unknown', reason: `\`${name}\` is a parameter of \`${s}\`, its type is not known`, local: true };
        }
        continue;
      }
      if (assigned && latest === assigned.c.statementLine) {
        const v = results.get(assigned.i);
        if (!v) return { kind: 'unknown', reason: `\`${name}\` is assigned from a call that was not resolved` };
        if (assigned.c.assignedTo.length > 1) {
          const at = assigned.c.assignedTo.indexOf(name);
          if (v.kind === 'tuple' && v.items.length === assigned.c.assignedTo.length) return v.items[at];
          if (v.kind === 'external') return v;
          return { kind: 'unknown', reason: `\`${name}\` is unpacked from the result of \`${assigned.c.callee.text}\`, whose element types are not known` };
        }
        return v;
      }
      if (imported && latest === imported.line) {
        if (imported.kind === 'import') {
          return { kind: 'symbol', sym: await index.moduleSymbol(imported.alias ? imported.module : imported.module.split('.')[0]) };
        }
        const n = imported.names.find((x) => (x.alias ?? x.name) === name)!;
        const target = moduleName ? index.absoluteModule(src.path, imported) : imported.level === 0 ? imported.module : undefined;
        if (target === undefined) return { kind: 'unknown', reason: `relative import \`${'.'.repeat(imported.level)}${imported.module}\` outside a package` };
        const mod = await index.moduleSymbol(target);
        if (mod.kind === 'module') {
          const sym = await index.resolveInModule(target, n.name);
          return { kind: 'symbol', sym: sym.kind === 'unresolved' && index.modules.has(`${target}.${n.name}`) ? await index.moduleSymbol(`${target}.${n.name}`) : sym };
        }
        if (mod.kind === 'external' || mod.kind === 'stdlib') return { kind: mod.kind, module: target };
        const sub = await index.moduleSymbol(`${target}.${n.name}`);
        return { kind: 'symbol', sym: sub.kind === 'module' ? sub : mod };
      }
      if (plain) {
        if (plain.valueName && plain.valueName !== name) return chainValue(plain.valueName.split('.'), s, plain.line);
        return { kind: 'unknown', reason: `\`${name}\` is assigned \`${clip(plain.valueText)}\`, not a call`, local: true };
      }
    }
    if (moduleName) {
      const sym = await index.resolveInModule(moduleName, name);
      if (sym.kind !== 'unresolved') return { kind: 'symbol', sym };
    }
    if (PY_BUILTINS.has(name) || /^[A-Z]\w*(Error|Exception|Warning|Exit|Interrupt|Iteration)$/.test(name)) return { kind: 'stdlib', module: 'builtins' };
    return { kind: 'unknown', reason: `\`${name}\` is not defined or imported before line ${place(line).line}` };
  };

  /**
   * The value a parameter of a module-level function of the source gets: what its calls in the source
   * pass (by position or keyword), when every call passes a name or chain of the same repository class
   * instance or external value. Undefined when unknown or when the calls disagree.
   */
  const argumentInProgress = new Set<string>();
  const argumentValue = async (fn: PyDef, param: string): Promise<Value | undefined> => {
    const key = `${fn.qualname}:${param}`;
    if (argumentInProgress.has(key)) return undefined;
    argumentInProgress.add(key);
    try {
      const pos = fn.params.findIndex((p) => p.name === param);
      const sites = facts.calls.filter((c) => c.callee.base === 'name' && c.callee.chain.length === 1 && c.callee.chain[0] === fn.name);
      if (!sites.length) return undefined;
      let found: Value | undefined;
      for (const c of sites) {
        const arg = c.args.find((a) => a.keyword === param) ?? (pos >= 0 && fn.params[pos].kind === 'positional' ? c.args.filter((a) => !a.keyword && !a.unpack)[pos] : undefined);
        const text = arg?.text.trim() ?? '';
        if (!/^[A-Za-z_][\w.]*$/.test(text)) return undefined;
        const v = await chainValue(text.split('.'), c.scope, c.line);
        if (v.kind !== 'instance' && v.kind !== 'external' && !(v.kind === 'unknown' && !v.local)) return undefined;
        if (found && JSON.stringify(found) !== JSON.stringify(v)) return undefined;
        found = v;
      }
      return found;
    } finally {
      argumentInProgress.delete(key);
    }
  };

  const chainValue = async (chain: string[], scope: string, line: number): Promise<Value> => {
    let v = await lookup(chain[0], scope, line);
    for (const part of chain.slice(1)) v = await memberValue(v, part);
    return v;
  };

  const memberValue = async (v: Value, name: string): Promise<Value> => {
    switch (v.kind) {
      case 'symbol':
        if (v.sym.kind === 'def' && v.sym.module === '__example__') return { kind: 'unknown', reason: `attribute \`${name}\` of a local definition`, local: true };
        return symbolValue(await index.member(v.sym, name));
      case 'instance': {
        const m = await index.classMember(v.cls, name);
        if (m.kind === 'external') return { kind: 'external', module: m.module, inherited: true };
        // A property reads as the value it returns.
        if (m.kind === 'def' && m.def.decorators.some((d) => /(^|\.)(cached_)?property$/.test(d))) return returnValue(index, m);
        if (m.kind === 'unresolved') {
          const attr = await attributeValue(index, v.cls, name);
          if (attr) return attr;
        }
        return symbolValue(m);
      }
      case 'tuple':
        return { kind: 'unknown', reason: `attribute \`${name}\` of a tuple` };
      case 'local-instance': {
        const m = facts.defs.find((d) => d.parent === v.cls.qualname && d.name === name);
        if (m) return { kind: 'symbol', sym: { kind: 'def', module: '__example__', path: src.path, def: m } };
        return { kind: 'unknown', reason: `attribute \`${name}\` of the source's own class \`${v.cls.name}\``, local: true };
      }
      case 'union': {
        const found = await Promise.all(v.classes.map((c) => index.classMember(c, name)));
        const keys = new Set(found.map((f) => (f.kind === 'def' ? `${f.path}:${f.def.qualname}:${f.def.defLine}` : f.kind)));
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
        return v;
    }
  };

  /** The value a call returns, for later receivers. */
  const resultOf = async (callee: Value, call?: PyCall): Promise<Value> => {
    if (callee.kind !== 'symbol') return callee;
    const sym = callee.sym;
    if (sym.kind === 'external' || sym.kind === 'stdlib') return { kind: sym.kind, module: sym.module };
    if (sym.kind === 'unresolved') return { kind: 'unknown', reason: sym.reason, ...(sym.candidates ? { candidates: sym.candidates } : {}) };
    if (sym.kind !== 'def') return { kind: 'unknown', reason: `\`${sym.module}\` is a module, not callable` };
    if (sym.module === '__example__') return localResult(sym.def);
    if (sym.def.kind === 'class') return { kind: 'instance', cls: sym };
    return returnValue(index, sym, call);
  };

  /** What a function of the example returns: `return X(...)` or `return c` (a value assigned from a call). */
  const inProgress = new Set<string>();
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
  /** A call's callee value, its receiver call (`X(a)` in `X(a).y()`) already resolved. */
  const computeCallee = async (i: number): Promise<void> => {
    const call = facts.calls[i];
    let callee: Value;
    if (call.callee.base === 'name') callee = await chainValue(call.callee.chain, call.scope, call.line);
    else if (call.callee.base === 'call' && call.callee.receiverCall !== undefined) {
      let v = results.get(call.callee.receiverCall) ?? { kind: 'unknown', reason: 'receiver call not resolved' };
      for (const part of call.callee.chain) v = await memberValue(v, part);
      callee = v;
    } else if (/^[rbuf]*["']/i.test(call.callee.text) || /^[[{(]/.test(call.callee.text)) {
      callee = { kind: 'stdlib', module: 'builtins' };
    } else {
      callee = { kind: 'unknown', reason: `callee \`${clip(call.callee.text)}\` is not a plain name or attribute chain`, local: true };
    }
    callees.set(i, callee);
    results.set(i, await resultOf(callee, call));
  };
  /**
   * A call's callee value; receivers are resolved first, whatever their index, innermost first and
   * without recursion (a chain `m.f().f().f()...` can be thousands of calls long).
   */
  const calleeOf = async (i: number): Promise<Value> => {
    const pending: number[] = [];
    const seen = new Set<number>();
    for (let j: number | undefined = i; j !== undefined && !callees.has(j) && !seen.has(j); ) {
      seen.add(j);
      pending.push(j);
      const c: PyCall['callee'] = facts.calls[j].callee;
      j = c.base === 'call' ? c.receiverCall : undefined;
    }
    for (let k = pending.length - 1; k >= 0; k--) await computeCallee(pending[k]);
    return callees.get(i)!;
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

  for (let i = 0; i < facts.calls.length; i++) {
    const call = facts.calls[i];
    const callee = await calleeOf(i);
    if (!emitted(call)) continue;
    const site = await callSite(index, src, call, callee, span(call.line, call.endLine), localDefs);
    site.order = orderOf(call, i);
    calls.push(site);
    // A local function passed to an API is a pattern the user implements.
    if (site.resolution.kind === 'repo' || site.resolution.kind === 'external') {
      for (const arg of call.args) {
        const def = /^[A-Za-z_]\w*$/.test(arg.text) ? localDefs.get(arg.text) : undefined;
        if (def && def.kind === 'function' && !patterns.includes(def.name)) {
          patterns.push(def.name);
          calls.push({
            callee: def.name,
            written: def.name,
            argNames: def.params.map((p) => p.name),
            argComments: {},
            ...(def.doc ? { comment: def.doc.split('\n')[0] } : {}),
            assignedTo: [],
            uses: [],
            site: span(def.start, def.end),
            resolution: { kind: 'pattern', name: def.name, span: span(def.start, def.end) },
            passedTo: site.callee,
          });
        }
      }
    }
  }
  // Shell lines of notebooks run tools (`%` magics configure the kernel; only `!` lines run a tool).
  calls.push(...shellCallSites(src.path, src.shell, src.commands));
  return { calls, patterns };
}

function symbolValue(sym: PySymbol): Value {
  if (sym.kind === 'external' || sym.kind === 'stdlib') return { kind: sym.kind, module: sym.module };
  if (sym.kind === 'unresolved') return { kind: 'unknown', reason: sym.reason, ...(sym.candidates ? { candidates: sym.candidates } : {}) };
  return { kind: 'symbol', sym };
}

/** The instance a function returns, from its return annotation or a `return Cls(...)` statement. */
async function returnValue(index: PythonIndex, fn: DefSym, call?: PyCall): Promise<Value> {
  const d = fn.def;
  const owner = d.isMethod ? ownerClass(index, fn) : undefined;
  const annotation = d.returns ? unwrapAnnotation(d.returns) : undefined;
  const tuple = annotation ? /^(?:typing\.)?[Tt]uple\[(.*)\]$/.exec(annotation) : null;
  if (tuple && !tuple[1].includes('...')) {
    const items: Value[] = [];
    for (const part of splitTop(tuple[1])) items.push(await annotationValue(index, fn.module, part, owner));
    return { kind: 'tuple', items };
  }
  const members = annotation ? unionMembers(annotation) : [];
  if (members.length > 1) {
    const classes: DefSym[] = [];
    for (const m of members) {
      const sym = /^[A-Za-z_][\w.]*$/.test(m) ? await index.resolveDotted(fn.module, m.split('.')) : undefined;
      if (sym?.kind === 'def' && sym.def.kind === 'class') classes.push(sym);
      else if ((m === 'Self' || m === owner?.def.name) && owner) classes.push(owner);
      else return { kind: 'unknown', reason: `return type \`${clip(d.returns!)}\` of \`${d.qualname}\` is not only repository classes` };
    }
    const narrowed = call ? await narrowUnion(index, fn, classes, call) : classes;
    return narrowed.length === 1 ? { kind: 'instance', cls: narrowed[0] } : { kind: 'union', classes: narrowed };
  }
  if (annotation) {
    if ((annotation === 'Self' || annotation === 'typing.Self' || annotation === owner?.def.name) && owner) return { kind: 'instance', cls: owner };
    if (/^[A-Za-z_][\w.]*$/.test(annotation)) {
      const sym = await index.resolveDotted(fn.module, annotation.split('.'));
      if (sym.kind === 'def' && sym.def.kind === 'class') return { kind: 'instance', cls: sym };
      if (sym.kind === 'external' || sym.kind === 'stdlib') return { kind: sym.kind, module: sym.module };
    }
    return { kind: 'unknown', reason: `return type \`${clip(d.returns!)}\` of \`${d.qualname}\` is not a repository class` };
  }
  const facts = index.facts(fn.path);
  // `return X(...)`, or `return v` where `v = X(...)` earlier in the function.
  const chains = (facts?.returns ?? [])
    .filter((r) => r.scope === d.qualname)
    .map((r) => {
      if (r.callChain) return r.callChain;
      const name = r.valueText.trim();
      if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
      const built = facts!.calls.filter((c) => c.scope === d.qualname && c.line < r.line && c.assignedTo.length === 1 && c.assignedTo[0] === name && c.callee.base === 'name').pop();
      return built?.callee.chain;
    })
    .filter((c): c is string[] => !!c);
  for (const chain of chains) {
    if (owner && chain.length === 1 && (chain[0] === 'cls' || chain[0] === owner.def.name)) return { kind: 'instance', cls: owner };
    const sym = await index.resolveDotted(fn.module, chain);
    if (sym.kind === 'def' && sym.def.kind === 'class') return { kind: 'instance', cls: sym };
  }
  return { kind: 'unknown', reason: `\`${d.qualname}\` has no return annotation naming a repository class` };
}

function ownerClass(index: PythonIndex, fn: DefSym): DefSym | undefined {
  const def = index.facts(fn.path)?.defs.find((d) => d.qualname === fn.def.parent && d.kind === 'class');
  return def ? { kind: 'def', module: fn.module, path: fn.path, def } : undefined;
}

/**
 * `A | B` where every `return B(...)` sits under `if flag:` and `flag` is a parameter whose default is
 * False or None that this call does not pass: the call returns A.
 */
async function narrowUnion(index: PythonIndex, fn: DefSym, classes: DefSym[], call: PyCall): Promise<DefSym[]> {
  const facts = index.facts(fn.path);
  if (!facts) return classes;
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
  const all = facts.returns.filter((r) => r.scope === fn.def.qualname);
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

/** A dataclass's generated `__init__` parameters: its annotated class-level fields, in order. */
function dataclassFields(index: PythonIndex, cls: DefSym): Parameter[] {
  const facts = index.facts(cls.path);
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

/** Splits `A, Dict[B, C], D` at its top-level commas. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '[' || ch === '(') depth++;
    if (ch === ']' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
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
async function attributeValue(index: PythonIndex, cls: DefSym, name: string): Promise<Value | undefined> {
  for (const c of await index.mro(cls)) {
    if (c.kind !== 'def') continue;
    const facts = index.facts(c.path) ?? (await index.load(c.path)) ?? undefined;
    if (!facts) continue;
    const q = c.def.qualname;
    const inClass = (scope: string) => scope === q || scope.startsWith(`${q}.`);
    const annotated = facts.assigns.find((a) => a.annotation && ((a.scope === q && a.targets[0] === name) || (inClass(a.scope) && a.targets[0] === `self.${name}`)));
    if (annotated?.annotation) return annotationValue(index, c.module, annotated.annotation, c);
    const typedCall = facts.calls.find((k) => k.assignedType && ((k.scope === q && k.assignedTo[0] === name) || (inClass(k.scope) && k.assignedTo[0] === `self.${name}`)));
    if (typedCall?.assignedType) return annotationValue(index, c.module, typedCall.assignedType, c);
    const built = facts.calls.filter((k) => inClass(k.scope) && k.assignedTo.length === 1 && k.assignedTo[0] === `self.${name}` && k.callee.base === 'name');
    // Only when every assignment builds the same repository class.
    const values = await Promise.all(built.map(async (k) => {
      const sym = await index.resolveDotted(c.module, k.callee.chain);
      return sym.kind === 'def' && sym.def.kind === 'class' ? `${sym.path}:${sym.def.qualname}` : '';
    }));
    if (built.length && values.every((v) => v && v === values[0])) {
      const sym = await index.resolveDotted(c.module, built[0].callee.chain);
      if (sym.kind === 'def') return { kind: 'instance', cls: sym };
    }
  }
  return undefined;
}

/** `A | B`, `Union[A, B]` → [A, B] (None dropped); a single type gives []. */
function unionMembers(text: string): string[] {
  const t = text.trim().replace(/^["']|["']$/g, '');
  const u = /^(?:typing\.)?Union\[(.*)\]$/.exec(t);
  const parts = (u ? u[1].split(',') : t.includes('[') ? [] : t.split('|')).map((p) => p.trim().replace(/^["']|["']$/g, '')).filter((p) => p && p !== 'None');
  return parts.length > 1 ? parts : [];
}

/** `Optional["Model"]` → `Model`; `"Model"` → `Model`. */
function unwrapAnnotation(text: string): string {
  let t = text.trim().replace(/^["']|["']$/g, '');
  const opt = /^(?:typing\.)?Optional\[(.*)\]$/.exec(t);
  if (opt) t = opt[1].trim().replace(/^["']|["']$/g, '');
  const union = t.split('|').map((s) => s.trim()).filter((s) => s !== 'None');
  return union.length === 1 ? union[0] : t;
}

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
      resolution = { kind: 'unresolved', reason: `the definition of \`${sym.def.qualname}\` in \`${sym.path}\` has a syntax error, so its span is not exact` };
    } else {
      definition = index.definition(sym);
      if (sym.def.kind === 'class') {
        const init = await index.constructorOf(sym);
        if (init) definition = { ...definition, params: index.definition(init).params };
        else if (sym.def.decorators.some((d) => /(^|\.)dataclass\b/.test(d))) definition = { ...definition, params: dataclassFields(index, sym) };
      }
      resolution = { kind: 'repo', qualname: sym.def.qualname, module: sym.module, span: definition.span, via: call.callee.base === 'call' ? 'receiver' : 'import' };
    }
  } else if (callee.kind === 'symbol' && callee.sym.kind === 'module') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` names a module, not a callable` };
  } else if (callee.kind === 'local-instance') {
    resolution = { kind: 'builtin', name: `local:${written}` };
  } else if (callee.kind === 'tuple') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` calls a tuple` };
  } else if (callee.kind === 'union') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` calls an instance of one of ${callee.classes.map((c) => c.def.qualname).join(', ')}` };
  } else if (callee.kind === 'instance') {
    resolution = { kind: 'unresolved', reason: `\`${written}\` calls an instance of \`${callee.cls.def.qualname}\` (\`__call__\` not followed)` };
  } else if (callee.kind === 'external' || (callee.kind === 'symbol' && callee.sym.kind === 'external')) {
    const module = callee.kind === 'external' ? callee.module : (callee.sym as { module: string }).module;
    resolution = { kind: 'external', module, distribution: index.distribution(module) };
  } else if (callee.kind === 'stdlib' || (callee.kind === 'symbol' && callee.sym.kind === 'stdlib')) {
    if (PY_TOOL_CALLS.has(written.split('(')[0])) resolution = { kind: 'tool', command: toolCommand(call) };
    else resolution = { kind: 'builtin', name: written };
  } else if (callee.kind === 'symbol' && callee.sym.kind === 'unresolved') {
    resolution = { kind: 'unresolved', reason: callee.sym.reason, ...(callee.sym.candidates ? { candidates: callee.sym.candidates } : {}) };
  } else if (callee.kind === 'unknown' && callee.local) {
    // The example's own values (lists, locals, its own classes): not the repository's API.
    resolution = { kind: 'builtin', name: `local:${written}` };
  } else {
    const u = callee as { reason: string; candidates?: string[] };
    resolution = { kind: 'unresolved', reason: u.reason, ...(u.candidates ? { candidates: u.candidates } : {}) };
  }
  // Receivers typed through the example's data flow.
  if (resolution.kind === 'repo' && call.callee.base === 'name' && call.callee.chain.length > 1) {
    resolution.via = 'instance';
  }
  // A method on an unknown or external receiver may be one the repository attaches at run time.
  const attr = call.callee.chain.length > 1 || call.callee.base === 'call' ? call.callee.chain[call.callee.chain.length - 1] : undefined;
  const inherited = callee.kind === 'external' && callee.inherited;
  // Only a receiver that is external or of unknown type: not an ambiguous repository name.
  const openReceiver = callee.kind === 'external' || (callee.kind === 'unknown' && !callee.local && !callee.candidates);
  if (attr && !inherited && openReceiver && (resolution.kind === 'external' || resolution.kind === 'unresolved')) {
    const found = (await index.attachments()).get(attr) ?? [];
    if (found.length === 1) {
      const a = found[0];
      definition = index.definition(a.target);
      // A bound method: its first parameter is the receiver, not an argument.
      if (a.bound && a.target.def.params[0]?.kind === 'positional') definition = { ...definition, params: definition.params.slice(1) };
      resolution = { kind: 'repo', qualname: a.target.def.qualname, module: a.target.module, span: definition.span, via: `attachment (${a.site.path}:L${a.site.line})` };
    } else if (found.length > 1) {
      resolution = {
        kind: 'unresolved',
        reason: `\`${attr}\` is attached at run time by ${found.length} functions of the repository`,
        candidates: found.map((a) => `${a.target.def.qualname} (${formatSpan({ path: a.target.path, start: a.target.def.start, end: a.target.def.end })}, attached at ${a.site.path}:L${a.site.line})`),
      };
    }
  }
  const params = definition?.params.filter((p) => !p.name.startsWith('*')) ?? [];
  const argNames: string[] = [];
  const argComments: Record<string, string> = {};
  const argValues: Record<string, string> = {};
  const uses = new Set<string>();
  if (call.callee.base === 'name') uses.add(call.callee.chain[0]);
  call.args.forEach((a, i) => {
    const name = a.keyword ?? (a.unpack === 'star' ? `*${a.text.replace(/^\*/, '')}` : a.unpack === 'starstar' ? `**${a.text.replace(/^\*\*/, '')}` : params[i]?.name ?? clip(a.text, 30));
    argNames.push(name);
    if (!a.unpack) argValues[name] = clip(a.text, 60);
    if (a.comment) argComments[name] = a.comment;
    for (const n of a.names) uses.add(n);
  });
  for (const n of localDefs.keys()) uses.delete(n);
  return {
    callee: written,
    written: clippedCallee(call),
    argNames,
    argComments,
    ...(call.comment ? { comment: call.comment } : {}),
    ...(call.comment && call.commentLine ? { commentAt: { path: src.path, ...placeOf(src, call.commentLine) } } : {}),
    assignedTo: call.assignedTo,
    uses: [...uses],
    site,
    resolution,
    ...(definition ? { definition } : {}),
    ...(Object.keys(argValues).length ? { argValues } : {}),
    ...(call.branch ? { branch: { kind: call.branch.kind, at: { path: src.path, ...placeOf(src, call.branch.line) }, arm: call.branch.arm, condition: call.branch.condition } } : {}),
    ...(call.loop ? { loop: { header: call.loop.header, at: { path: src.path, ...placeOf(src, call.loop.line) } } } : {}),
  };
}

/** A line of the parsed text as a line (and cell) of the original file. */
function placeOf(src: PythonSource, line: number): { line: number; cell?: number } {
  const p = src.map?.lines[line - 1] ?? { line };
  return p.cell !== undefined ? { line: p.line, cell: p.cell } : { line: p.line };
}

/** The callee as written, with import aliases replaced by the imported name. */
async function writtenCallee(src: PythonSource, call: PyCall): Promise<string> {
  if (call.callee.base !== 'name') return clippedCallee(call);
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
 * square of the chain's length.
 */
function clippedCallee(call: PyCall): string {
  return clipMiddle(clipMiddle(call.callee.text, MAX_VALUE * 4).replace(/\s+/g, ''), MAX_VALUE);
}

function clip(text: string, n = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
