// Python command-line programs → command trees, read statically from the facts of the repository's
// modules (each parsed once, through the Python index): which function each subcommand runs, and the
// options it takes. Shapes followed:
// - argparse: `add_subparsers()` → `add_parser("x")` → `set_defaults(func=f)` and `add_argument(...)`,
//   through the repository functions the parser objects are passed to (`launch_command_parser(subparsers)`);
// - an `if`/`elif` chain or a `match` on the parsed command compared to string literals;
// - a dict `name → function` indexed by the command (`COMMANDS[args.command](args)`);
// - argparse sub-parsers added by a list of command objects (`for c in get_commands(): c.register(sub)`),
//   each named by a string the object holds (`self.name`), run by the method the program calls on it;
// - click groups (`@group.command()`, `group.add_command(f, name=...)`, nested groups, a default
//   command, registrations inside functions the group is passed to or plugin hooks) and typer apps
//   (`@app.command()`, `app.command()(f)`, `app.add_typer(sub, name=...)`, `@app.callback()`);
// - jsonargparse / fire: `CLI(f)`, `CLI([f, g])`, `CLI({"a": f, "b": {...}})`, `Fire(...)`.
// Anything else is reported unresolved with the reason.
import type { Definition } from '../../model.js';
import type { PyArg, PyCall, PyDef, PyDictEntry, PyModuleFacts, PyParam } from './types.js';
import type { PySymbol, PythonIndex } from '../../resolve/python-index.js';
import type { RepoFiles } from '../../repo/files.js';
import { CLICK_DEFAULT_GROUP, CLICK_MODULES, CLICK_NAME_SUFFIXES, COMMAND_SUBJECTS, PLUGIN_HOOK, PY_CLI_BUILDERS, PY_PARSER_CLASS } from '../../heuristics/tables.js';
import { isNonLibraryPath } from '../../repo/layout.js';
import { cliCommand, optionsFromParams, subcommand, type CliCommand, type CliOption, type CliTarget } from '../cli.js';
import { literalValue } from './docstring.js';

type DefSym = Extract<PySymbol, { kind: 'def' }>;

/** A module-level CLI object (`app = typer.Typer()`, `cli = click.Group()`): its module, name and the call that made it. */
interface CliObject {
  kind: 'typer' | 'click';
  frame: Frame;
  name: string;
  call: PyCall;
  /** The class called, as imported (`typer.Typer`, `click.Group`). */
  origin: string;
}

/** Where a command object is used to register commands: a decorated def or a method call. */
type Registration = { kind: 'decorated'; frame: Frame; def: PyDef; method: string; args: PyCall['args'] } | { kind: 'call'; frame: Frame; call: PyCall; method: string; outer?: PyCall };

/** An argument as written: its keyword (none for a positional one) and its text. */
type ArgText = { keyword?: string; text: string };

/**
 * An object of a repository class where a CLI is built: `TrainingCommand("sft")` (its constructor's
 * arguments as written), or the class itself (`EnvCommand`, no arguments).
 */
interface PyObject {
  cls: DefSym;
  args?: ArgText[];
  /** As written (`TrainingCommand("sft")`). */
  text: string;
}

/** What a name holds while an argparse CLI is being built. */
type CliValue =
  | { kind: 'parser'; node: CliCommand | undefined }
  | { kind: 'subparsers'; parent: CliCommand; dest?: string }
  /** A list of command objects (`[TrainingCommand("sft"), EnvCommand()]`), each registering its own sub-parser. */
  | { kind: 'objects'; items: PyObject[] };

/** One function being walked: where it is and what its names hold. */
interface Frame {
  module: string;
  path: string;
  facts: PyModuleFacts;
  /** Qualified name of the function ('' for module level). */
  scope: string;
  env: Map<string, CliValue>;
  /** In a method of a command object being followed: that object (`self.name` is read from it), the method, and how it was reached. */
  self?: { obj: PyObject; method: string; via: string };
}

/** State of one program's walk. */
interface Walk {
  root: CliCommand;
  entry: DefSym;
  rootClaimed: boolean;
  /** `set_defaults(func=f)` handlers, by command. */
  handlers: Map<CliCommand, { sym: DefSym; via: string }>;
  /** Keywords of `set_defaults` seen (`func`): an `args.func(args)` dispatch. */
  handlerKeywords: Set<string>;
  /** Sub-parsers added by a command object's method (`command.register(subparsers)` over a list of objects). */
  objectCommands: Map<CliCommand, { obj: PyObject; method: string; via: string }>;
  /** `dest` of each sub-parsers group, by the command that holds it. */
  dests: Map<CliCommand, string>;
  /** Commands that hold a sub-parsers group. */
  groups: Set<CliCommand>;
  /** Every scope walked: their branches and dict dispatches count. */
  frames: Frame[];
  /** Why part of the tree could not be followed. */
  opaque: string[];
  active: Set<string>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const MAX_DEPTH = 6;

export class PythonCliReader {
  private readonly hookCache = new Map<string, DefSym[]>();

  constructor(
    private readonly index: PythonIndex,
    private readonly files: RepoFiles,
  ) {}

  /**
   * The command tree of a program: a console script `module:attr`, or (no `attr`) the module a
   * `python -m module` / `python path.py` runs.
   */
  async program(module: string, attr?: string): Promise<CliCommand> {
    const root = cliCommand([]);
    const path = this.index.modules.get(module);
    if (!path) {
      root.target = { kind: 'unresolved', reason: `module \`${module}\` is not in the repository` };
      return root;
    }
    if (attr) {
      const chain = attr.split('.');
      const sym = await this.index.resolveDotted(module, chain);
      if (sym.kind === 'def') await this.fromDef(sym, root);
      else if (!(chain.length === 1 && (await this.fromObject(module, chain[0], root)))) {
        root.target = { kind: 'unresolved', reason: sym.kind === 'unresolved' ? sym.reason : `\`${module}:${attr}\` is not a function of the repository` };
      }
      return root;
    }
    await this.fromModule(module, path, root);
    return root;
  }

  /** `python -m pkg` / `python file.py`: the call its main guard (or module level) runs. */
  private async fromModule(module: string, path: string, root: CliCommand): Promise<void> {
    const facts = await this.index.load(path);
    if (!facts) {
      root.target = { kind: 'unresolved', reason: `\`${path}\` could not be read` };
      return;
    }
    const frame: Frame = { module, path, facts, scope: '', env: new Map() };
    // A package run with `-m` runs its `__main__` module.
    if (!/(^|\/)__main__\.py$/.test(path) && /(^|\/)__init__\.py$/.test(path)) {
      const main = this.index.modules.get(`${module}.__main__`);
      if (main) return this.fromModule(`${module}.__main__`, main, root);
      root.target = { kind: 'unresolved', reason: `package \`${module}\` has no \`__main__.py\`` };
      return;
    }
    const runAtTop = /(^|\/)__main__\.py$/.test(path) || !facts.hasMainGuard;
    const top = facts.calls.map((c, i) => ({ c, i })).filter(({ c }) => c.scope === '' && (c.inMainGuard || runAtTop));
    // Tier 1: a CLI builder or a CLI object; tier 2: a repository function whose result is the exit
    // status (`sys.exit(main())`); tier 3: a repository function called as a statement of its own, when
    // it is the only repository code the module level runs (else the script's own code is the command).
    const tiers: { label: string; run: () => Promise<void> }[][] = [[], [], []];
    const work = new Set<string>();
    for (const { c } of top) {
      if (c.callee.base !== 'name') continue;
      const origin = this.originOf(frame, c.callee.chain);
      if (origin && PY_CLI_BUILDERS[origin]) {
        tiers[0].push({ label: `${c.callee.text}() at ${path}:L${c.line}`, run: () => this.builderCall(frame, c, root, PY_CLI_BUILDERS[origin], undefined) });
        continue;
      }
      const sym = await this.resolveIn(frame, c.callee.chain);
      const parent = c.parent !== undefined ? facts.calls[c.parent] : undefined;
      const exits = parent?.callee.base === 'name' && /^(sys\.)?exit$|^SystemExit$|^raise$/.test(parent.callee.chain.join('.'));
      if (sym.kind === 'def' && (c.parent === undefined || exits)) work.add(`${sym.path}:${sym.def.qualname}`);
      if (sym.kind === 'def' && sym.def.kind === 'function') {
        const cli = this.clickKind(sym) !== undefined;
        // A call whose value is kept (`x = f()`) or passed on is a step of a script, not its runner.
        if (!cli && !exits && (c.assignedTo.length || c.parent !== undefined)) continue;
        tiers[cli ? 0 : exits ? 1 : 2].push({ label: `${sym.def.qualname} (${sym.path}:L${sym.def.start}-${sym.def.end})`, run: () => this.fromDef(sym, root) });
      } else if (c.callee.chain.length >= 1) {
        const obj = await this.objectIn(frame, c.callee.chain);
        if (obj) tiers[0].push({ label: `${c.callee.text}() at ${path}:L${c.line}`, run: () => this.cliObject(obj, root) });
      }
    }
    // Several repository calls at module level: the script's own code is the command, unless one of
    // them is a CLI or returns the exit status.
    if (work.size > 1 && tiers[2].length && !tiers[0].length && !tiers[1].length) {
      const labels = [...new Set(tiers[2].map((t) => t.label))].sort(cmp);
      root.target = { kind: 'unresolved', reason: `\`${path}\` runs several functions at module level; which one is the command is not known`, ...(labels.length > 1 ? { candidates: labels } : {}) };
      return;
    }
    for (const tier of tiers) {
      const labels = [...new Set(tier.map((t) => t.label))];
      if (!tier.length) continue;
      if (labels.length === 1) return tier[0].run();
      root.target = { kind: 'unresolved', reason: `\`${path}\` runs several functions at module level; which one is the command is not known`, candidates: labels.sort(cmp) };
      return;
    }
    root.target = { kind: 'unresolved', reason: `\`${path}\` runs its own module-level code, not one function of the repository` };
  }

  /** A console script naming a module-level object (`app = typer.Typer()`, `cli = click.Group()`). */
  private async fromObject(module: string, name: string, root: CliCommand): Promise<boolean> {
    const path = this.index.modules.get(module);
    const facts = path ? await this.index.load(path) : null;
    if (!path || !facts) return false;
    const frame: Frame = { module, path, facts, scope: '', env: new Map() };
    const obj = await this.objectIn(frame, [name]);
    if (!obj) return false;
    await this.cliObject(obj, root);
    return true;
  }

  /** A module-level CLI object: a typer app, or a click group object (`cli = click.Group()`). */
  private async cliObject(obj: CliObject, node: CliCommand): Promise<void> {
    if (obj.kind === 'typer') return this.typerApp(obj.frame, obj.name, obj.call, node);
    node.style = 'click';
    node.target = { kind: 'unresolved', reason: `\`${obj.name}\` (${obj.frame.path}:L${obj.call.line}) is a click group object: it needs a subcommand` };
    this.applyDefault(node, obj.origin, obj.call.args);
    await this.clickMembers(obj.frame.module, obj.name, node);
  }

  /** The function a command runs, and everything it dispatches to. */
  private async fromDef(sym: DefSym, node: CliCommand): Promise<void> {
    const click = this.clickKind(sym);
    if (click) return this.clickCommand(sym, node, click);
    node.target = this.target(sym, 'entry point');
    const walk: Walk = { root: node, entry: sym, rootClaimed: false, handlers: new Map(), handlerKeywords: new Set(), objectCommands: new Map(), dests: new Map(), groups: new Set(), frames: [], opaque: [], active: new Set() };
    const facts = await this.index.load(sym.path);
    if (!facts) return;
    await this.walk(walk, { module: sym.module, path: sym.path, facts, scope: sym.def.qualname, env: new Map() }, 0);
    await this.dispatch(walk);
  }

  // -------------------------------------------------------------------------------------------------
  // argparse and builders: one walk over the calls of a function, following parser objects into the
  // repository functions they are passed to.

  private async walk(w: Walk, frame: Frame, depth: number): Promise<CliValue | undefined> {
    const key = `${frame.path}:${frame.scope}`;
    if (w.active.has(key) || depth > MAX_DEPTH) return undefined;
    w.active.add(key);
    w.frames.push(frame);
    try {
      const { facts } = frame;
      const calls = facts.calls.map((c, i) => ({ c, i })).filter(({ c }) => c.scope === frame.scope);
      calls.sort((a, b) => a.c.line - b.c.line || a.i - b.i);
      for (const { c } of calls) await this.step(w, frame, c, depth);
      // What the function returns, when it is a parser object (`return parser`).
      const ret = facts.returns.filter((r) => r.scope === frame.scope && /^[A-Za-z_]\w*$/.test(r.valueText.trim())).map((r) => frame.env.get(r.valueText.trim())).find((v) => v);
      return ret;
    } finally {
      w.active.delete(key);
    }
  }

  private async step(w: Walk, frame: Frame, c: PyCall, depth: number): Promise<void> {
    if (c.callee.base !== 'name') return;
    const chain = c.callee.chain;
    const method = chain[chain.length - 1];
    // The receiver: a name, or an attribute the function set (`self._parser = sub.add_parser(...)`).
    const recv = chain.length >= 2 ? frame.env.get(chain.slice(0, -1).join('.')) : undefined;
    const bind = (v: CliValue) => {
      for (const t of c.assignedTo) frame.env.set(t, v);
    };
    if (recv?.kind === 'parser') {
      const node = recv.node;
      if (method === 'add_subparsers') {
        if (node) {
          const dest = keywordString(c, 'dest');
          if (dest) w.dests.set(node, dest);
          w.groups.add(node);
          bind({ kind: 'subparsers', parent: node, ...(dest ? { dest } : {}) });
        }
      } else if (method === 'add_argument') {
        const opt = argparseOption(c);
        if (node && opt && !node.options.some((o) => o.name === opt.name)) node.options.push(opt);
      } else if (method === 'add_argument_group' || method === 'add_mutually_exclusive_group') {
        bind(recv);
      } else if (method === 'set_defaults') {
        for (const a of c.args) {
          if (!a.keyword || !/^[A-Za-z_][\w.]*$/.test(a.text.trim())) continue;
          const sym = await this.resolveWithSelf(frame, a.text.trim().split('.'));
          if (sym.kind !== 'def') continue;
          w.handlerKeywords.add(a.keyword);
          if (node) w.handlers.set(node, { sym, via: `set_defaults(${a.keyword}=${a.text.trim()}) at ${frame.path}:L${c.line}` });
        }
      }
      return;
    }
    if (recv?.kind === 'subparsers') {
      if (method !== 'add_parser') return;
      const first = c.args.find((a) => !a.keyword);
      const name = stringOf(first?.text) ?? keywordString(c, 'name') ?? (await this.selfAttr(frame, first?.text));
      if (name === undefined) {
        w.opaque.push(`a sub-parser's name is not a literal (${frame.path}:L${c.line})`);
        bind({ kind: 'parser', node: undefined });
        return;
      }
      const node = subcommand(recv.parent, name, 'argparse');
      for (const alias of stringListOf(c.args.find((a) => a.keyword === 'aliases')?.text) ?? []) recv.parent.sub.set(alias, node);
      // A command object's own sub-parser (not one nested under it): the object runs it.
      if (frame.self && !w.objectCommands.has(recv.parent)) w.objectCommands.set(node, frame.self);
      bind({ kind: 'parser', node });
      return;
    }
    const origin = this.originOf(frame, chain);
    if (origin && PY_CLI_BUILDERS[origin]) {
      await this.builderCall(frame, c, w.root, PY_CLI_BUILDERS[origin], w);
      return;
    }
    if ((origin && PY_PARSER_CLASS.test(origin)) || (!origin && PY_PARSER_CLASS.test(chain.join('.')))) {
      // A second parser bound to a name that already holds a sub-parser is the standalone variant of
      // the same command (`parser = sub.add_parser(...) if sub else ArgumentParser(...)`).
      if (c.assignedTo.some((t) => frame.env.get(t)?.kind === 'parser')) return;
      // The first parser built by the entry function, or by a function it calls (`parser = build_parser()`), is the program's.
      if (depth <= 1 && !w.rootClaimed) {
        w.rootClaimed = true;
        w.root.style = 'argparse';
        bind({ kind: 'parser', node: w.root });
      } else bind({ kind: 'parser', node: undefined });
      return;
    }
    // A parser object passed to a repository function: walk it with the parameters bound.
    const passed = c.args.map((a) => ({ a, v: /^[A-Za-z_]\w*$/.test(a.text.trim()) ? frame.env.get(a.text.trim()) : undefined })).filter((x) => x.v);
    // `for command in commands: command.register(subparsers)` over a list of command objects.
    const objects = chain.length === 2 && passed.length ? await this.loopObjects(frame, c) : undefined;
    if (objects) {
      for (const obj of objects) await this.objectMethod(w, frame, c, obj, passed, depth);
      return;
    }
    // `self._add_arguments()` in a command object's method: the object's other method, with the parser
    // attributes it set (`self._parser`) in force.
    if (chain.length === 2 && chain[0] === 'self' && frame.self && !passed.length) {
      const own = [...frame.env].filter(([k]) => k.startsWith('self.'));
      if (own.length) await this.selfMethod(w, frame, chain[1], new Map(own), depth);
      return;
    }
    const sym = await this.resolveIn(frame, chain);
    // A command object built with the sub-parsers (`Run(subparsers)`), or through a class method that only
    // forwards its arguments to the class (`Run.create(subparsers)`: `return cls(*args, **kwargs)`): its
    // `__init__` adds its sub-parser (`self._parser = subparsers.add_parser("run")`).
    // So is (from the entry function) an object whose `__init__` builds the program's parser (`parser = TuneCLIParser()`).
    if (sym.kind === 'def' && (passed.length || (sym.def.kind === 'class' && depth === 0 && !w.rootClaimed))) {
      const cls = sym.def.kind === 'class' ? sym : chain.length === 2 && (await this.forwardsToClass(sym)) ? await this.resolveIn(frame, chain.slice(0, 1)) : undefined;
      if (cls?.kind === 'def' && cls.def.kind === 'class' && (passed.length || (await this.initBuildsParser(cls)))) {
        await this.objectMethod(w, frame, c, { cls, text: clip(c.callee.text) }, passed, depth, '__init__');
        return;
      }
    }
    if (sym.kind !== 'def') {
      // Sub-parsers handed to something that cannot be followed (`command.register(subparsers)` in a loop).
      if (passed.some((x) => x.v?.kind === 'subparsers')) w.opaque.push(`they are added by \`${c.callee.text}(…)\` (${frame.path}:L${c.line}), which cannot be followed statically`);
      return;
    }
    if (sym.def.kind === 'class' || this.clickKind(sym)) return;
    const facts = await this.index.load(sym.path);
    if (!facts || sym.def.hasError) return;
    // `commands = get_commands()`, a function returning a list of command objects.
    if (c.assignedTo.length === 1 && !c.bindKind && !passed.length) {
      const items = await this.objectsReturned(sym);
      if (items) {
        bind({ kind: 'objects', items });
        return;
      }
    }
    // Parser objects passed on, or (from the entry function) a helper that builds the parser (`build_parser()`).
    const buildsParser = () => facts.calls.some((k) => k.scope === sym.def.qualname && k.callee.base === 'name' && PY_PARSER_CLASS.test(this.originOf({ ...frame, facts, scope: sym.def.qualname }, k.callee.chain) ?? k.callee.chain.join('.')));
    if (!passed.length && !(depth === 0 && !w.rootClaimed && buildsParser())) return;
    const env = new Map<string, CliValue>();
    const bound = sym.def.isMethod && !isDecorated(sym.def, 'staticmethod') && chain.length > 1 ? 1 : 0;
    for (const { a, v } of passed) {
      const p = paramOf(sym.def, c, a, bound);
      if (p) env.set(p.name, v!);
    }
    const ret = await this.walk(w, { module: sym.module, path: sym.path, facts, scope: sym.def.qualname, env }, depth + 1);
    if (ret) bind(ret);
  }

  // -------------------------------------------------------------------------------------------------
  // Command objects: a list of objects, each adding its own sub-parser (`command.register(subparsers)`),
  // the program then calling one method of the object the parsed command names (`command.run(args)`).

  /** The command objects a loop's variable takes, when the call is `<var>.<method>(…)` in `for <var> in <list>`. */
  private async loopObjects(frame: Frame, c: PyCall): Promise<PyObject[] | undefined> {
    const m = c.loop ? /^for ([A-Za-z_]\w*) in ([A-Za-z_][\w.]*)(\(\))?$/.exec(c.loop.header) : null;
    if (!m || m[1] !== c.callee.chain[0]) return undefined;
    if (m[3]) {
      const sym = await this.resolveIn(frame, m[2].split('.'));
      return sym.kind === 'def' ? this.objectsReturned(sym) : undefined;
    }
    const held = frame.env.get(m[2]);
    if (held?.kind === 'objects') return held.items;
    const list = [...frame.facts.assigns].reverse().find((a) => a.scope === frame.scope && a.line < c.loop!.line && a.targets.length === 1 && a.targets[0] === m[2]);
    return list ? this.objectsOfList(frame, list.valueText) : undefined;
  }

  /** A function whose one return value is a list of command objects. */
  private async objectsReturned(sym: DefSym): Promise<PyObject[] | undefined> {
    if (sym.def.kind !== 'function') return undefined;
    const facts = await this.index.load(sym.path);
    const rets = facts?.returns.filter((r) => r.scope === sym.def.qualname) ?? [];
    if (!facts || rets.length !== 1) return undefined;
    return this.objectsOfList({ module: sym.module, path: sym.path, facts, scope: sym.def.qualname, env: new Map() }, rets[0].valueText);
  }

  /** `[TrainingCommand("sft"), EnvCommand()]` / `(A, B)`: every item a repository class or an object of one; else undefined. */
  private async objectsOfList(frame: Frame, text: string): Promise<PyObject[] | undefined> {
    const m = /^\s*[[(]([\s\S]*)[\])]\s*$/.exec(text);
    if (!m) return undefined;
    const out: PyObject[] = [];
    for (const item of splitArgs(m[1])) {
      const k = /^([A-Za-z_][\w.]*)\s*(?:\(([\s\S]*)\))?$/.exec(item);
      if (!k) return undefined;
      const sym = await this.resolveIn(frame, k[1].split('.'));
      if (sym.kind !== 'def' || sym.def.kind !== 'class') return undefined;
      const args = k[2] === undefined ? undefined : splitArgs(k[2]).map((a): ArgText => {
        const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(a);
        return kw ? { keyword: kw[1], text: kw[2] } : { text: a };
      });
      out.push({ cls: sym, text: clip(item), ...(args ? { args } : {}) });
    }
    return out.length ? out : undefined;
  }

  /** Walks `<obj>.<method>(…)` with its parameters bound and `self` the object. */
  private async objectMethod(w: Walk, frame: Frame, c: PyCall, obj: PyObject, passed: { a: PyArg; v: CliValue | undefined }[], depth: number, method?: string): Promise<void> {
    const name = method ?? c.callee.chain[1];
    const sym = await this.index.member(obj.cls, name);
    if (sym.kind !== 'def' || sym.def.kind !== 'function') return;
    const facts = await this.index.load(sym.path);
    if (!facts || sym.def.hasError) return;
    // An object binds `self`; a class binds `cls` of a classmethod; a staticmethod binds nothing; the
    // constructor binds the object it makes.
    const bound = method === '__init__' ? 1 : isDecorated(sym.def, 'staticmethod') || (!obj.args && !isDecorated(sym.def, 'classmethod')) ? 0 : 1;
    const env = new Map<string, CliValue>();
    for (const { a, v } of passed) {
      const p = paramOf(sym.def, c, a, bound);
      if (p && v) env.set(p.name, v);
    }
    const via = `\`${obj.text}\` registered by \`${c.callee.text}(…)\` at ${frame.path}:L${c.line}`;
    await this.walk(w, { module: sym.module, path: sym.path, facts, scope: sym.def.qualname, env, self: { obj, method: name, via } }, depth + 1);
  }

  /** `self.<method>()` of the command object being followed, with `env` (its parser attributes) in force. */
  private async selfMethod(w: Walk, frame: Frame, name: string, env: Map<string, CliValue>, depth: number): Promise<void> {
    const sym = await this.index.member(frame.self!.obj.cls, name);
    if (sym.kind !== 'def' || sym.def.kind !== 'function') return;
    const facts = await this.index.load(sym.path);
    if (!facts || sym.def.hasError) return;
    await this.walk(w, { module: sym.module, path: sym.path, facts, scope: sym.def.qualname, env, self: frame.self }, depth + 1);
  }

  /** Whether a class's `__init__` makes an argparse parser (`self._parser = argparse.ArgumentParser(...)`). */
  private async initBuildsParser(cls: DefSym): Promise<boolean> {
    const init = await this.index.member(cls, '__init__');
    if (init.kind !== 'def' || init.def.kind !== 'function') return false;
    const facts = await this.index.load(init.path);
    if (!facts) return false;
    const at: Frame = { module: init.module, path: init.path, facts, scope: init.def.qualname, env: new Map() };
    return facts.calls.some((k) => k.scope === init.def.qualname && k.callee.base === 'name' && PY_PARSER_CLASS.test(this.originOf(at, k.callee.chain) ?? k.callee.chain.join('.')));
  }

  /** A class method whose body builds its class from all its arguments: `return cls(*args, **kwargs)`. */
  private async forwardsToClass(sym: DefSym): Promise<boolean> {
    if (sym.def.kind !== 'function' || !isDecorated(sym.def, 'classmethod')) return false;
    const facts = await this.index.load(sym.path);
    return !!facts?.calls.some((k) => k.scope === sym.def.qualname && k.callee.base === 'name' && k.callee.chain.length === 1 && k.callee.chain[0] === sym.def.params[0]?.name && k.args.some((a) => a.unpack === 'star'));
  }

  /** `self.<name>` in a command object's method is the object's member; any other name as resolveIn reads it. */
  private async resolveWithSelf(frame: Frame, chain: string[]): Promise<PySymbol> {
    if (chain.length === 2 && chain[0] === 'self' && frame.self) return this.index.member(frame.self.obj.cls, chain[1]);
    return this.resolveIn(frame, chain);
  }

  /** `self.<attr>` in a command object's method: the string it holds. */
  private async selfAttr(frame: Frame, text: string | undefined): Promise<string | undefined> {
    const m = text ? /^self\.([A-Za-z_]\w*)$/.exec(text.trim()) : null;
    return m && frame.self ? this.attrOf(frame.self.obj.cls, frame.self.obj.args, m[1], 0) : undefined;
  }

  /**
   * The string an object's attribute holds: `self.<attr> = <param or literal>` in its `__init__`
   * (through `super().__init__(...)` / `Base.__init__(self, ...)` with the arguments passed on), else a
   * class attribute `<attr> = "x"` of the class or a base.
   */
  private async attrOf(cls: DefSym, args: ArgText[] | undefined, attr: string, depth: number): Promise<string | undefined> {
    if (depth > MAX_DEPTH) return undefined;
    const init = args ? await this.index.member(cls, '__init__') : undefined;
    if (init?.kind === 'def' && init.def.kind === 'function') {
      const facts = await this.index.load(init.path);
      const scope = init.def.qualname;
      // The parameters' values as written by the caller (a parameter not passed: its default).
      const values = new Map<string, string>();
      const params = init.def.params.filter((p) => p.kind === 'positional' || p.kind === 'keyword');
      const positional = (args ?? []).filter((a) => !a.keyword);
      params.slice(1).forEach((p, i) => {
        const given = (args ?? []).find((a) => a.keyword === p.name)?.text ?? (p.kind === 'positional' ? positional[i]?.text : undefined) ?? p.default;
        if (given !== undefined) values.set(p.name, given.trim());
      });
      const value = (t: string) => values.get(t.trim()) ?? t.trim();
      const set = facts ? [...facts.assigns].reverse().find((a) => a.scope === scope && a.targets.length === 1 && a.targets[0] === `self.${attr}`) : undefined;
      if (set) return stringOf(value(set.valueText));
      const up = facts?.calls.find((k) => k.scope === scope && k.callee.chain[k.callee.chain.length - 1] === '__init__' && ((k.callee.base === 'call' && /^super\(\s*\)\.__init__$/.test(k.callee.text.replace(/\s+/g, ''))) || (k.callee.base === 'name' && k.callee.chain.length === 2)));
      if (facts && up) {
        let base: PySymbol;
        let passed = up.args.filter((a) => !a.unpack).map((a): ArgText => ({ ...(a.keyword ? { keyword: a.keyword } : {}), text: value(a.text) }));
        if (up.callee.base === 'name') {
          base = await this.resolveIn({ module: init.module, path: init.path, facts, scope, env: new Map() }, [up.callee.chain[0]]);
          passed = passed.filter((a, i) => a.keyword || i > 0);
        } else {
          const owner = facts.defs.find((d) => d.qualname === init.def.parent && d.kind === 'class');
          const first = owner?.bases.find((b) => /^[A-Za-z_][\w.]*$/.test(b));
          base = first ? await this.index.resolveDotted(init.module, first.split('.')) : { kind: 'unresolved', reason: 'no base class' };
        }
        if (base.kind === 'def' && base.def.kind === 'class') {
          const found = await this.attrOf(base, passed, attr, depth + 1);
          if (found !== undefined) return found;
        }
      }
    }
    // A class attribute, in the class or a base.
    for (const c of await this.index.mro(cls)) {
      if (c.kind !== 'def') continue;
      const facts = await this.index.load(c.path);
      const a = facts ? [...facts.assigns].reverse().find((x) => x.scope === c.def.qualname && x.targets.length === 1 && x.targets[0] === attr) : undefined;
      if (a) return stringOf(a.valueText);
    }
    return undefined;
  }

  /**
   * The method that runs a command object's subcommand: the one method of its class (other than the
   * one that registered it) that the program's walked code calls on an object (`command.run(args)`).
   */
  private async objectTarget(w: Walk, reg: { obj: PyObject; method: string; via: string }): Promise<CliTarget | undefined> {
    const found = new Map<string, { sym: DefSym; via: string }>();
    for (const f of w.frames) {
      for (const c of f.facts.calls) {
        if (c.scope !== f.scope || c.callee.base !== 'name' || c.callee.chain.length !== 2) continue;
        const [recv, name] = c.callee.chain;
        if (name === reg.method || name.startsWith('__') || recv === 'self' || f.env.has(recv)) continue;
        const sym = await this.index.member(reg.obj.cls, name);
        if (sym.kind !== 'def' || sym.def.kind !== 'function') continue;
        const key = `${sym.path}:${sym.def.qualname}`;
        if (!found.has(key)) found.set(key, { sym, via: `${reg.via}, run by \`${c.callee.text}(…)\` at ${f.path}:L${c.line}` });
      }
    }
    const all = [...found.values()];
    if (all.length === 1) return this.target(all[0].sym, all[0].via);
    if (all.length > 1) return { kind: 'unresolved', reason: `${reg.via}: the program calls several of its methods; which one runs the command is not known`, candidates: all.map((x) => `${x.sym.def.qualname} (${x.sym.path}:L${x.sym.def.start}-${x.sym.def.end})`).sort(cmp) };
    return undefined;
  }

  /** Subcommands found by the walk get the function that runs them. */
  private async dispatch(w: Walk): Promise<void> {
    const nodes: CliCommand[] = [];
    const visit = (n: CliCommand) => {
      for (const k of [...n.sub.keys()].sort(cmp)) {
        const s = n.sub.get(k)!;
        if (!nodes.includes(s)) nodes.push(s), visit(s);
      }
    };
    visit(w.root);
    const rootHandler = w.handlers.get(w.root);
    if (rootHandler) w.root.target = this.target(rootHandler.sym, rootHandler.via);
    // Sub-parsers whose commands could not be listed: a subcommand word cannot be followed.
    for (const g of w.groups) if (!g.sub.size && w.opaque.length) g.opaque = `${g.path.length ? `the subcommands of \`${g.path.join(' ')}\`` : 'the subcommands'} are not declared where they can be read: ${w.opaque[0]}`;
    // Dispatch without argparse sub-parsers: branches or a dict on `sys.argv[1]` / `args.command`.
    if (!nodes.length) {
      for (const f of w.frames) {
        for (const b of f.facts.branches.filter((x) => x.scope === f.scope && isCommandSubject(x.subject, undefined))) for (const v of b.values) subcommand(w.root, v, w.root.style ?? 'plain');
      }
      for (const d of await this.dictDispatches(w, undefined)) for (const e of d.dict) subcommand(w.root, e.key, w.root.style ?? 'plain');
      visit(w.root);
    }
    const funcDispatch = w.handlerKeywords.size > 0;
    for (const node of nodes) {
      if (node.target) continue; // built from functions (CLI/Fire dict, click, typer): already known
      const handler = w.handlers.get(node);
      if (handler) {
        node.target = this.target(handler.sym, handler.via);
        continue;
      }
      const object = w.objectCommands.get(node);
      const run = object ? await this.objectTarget(w, object) : undefined;
      if (run) {
        node.target = run;
        continue;
      }
      const name = node.path[node.path.length - 1];
      const parent = nodes.find((n) => [...n.sub.values()].includes(node)) ?? w.root;
      const dest = w.dests.get(parent);
      const found = (await this.branchTarget(w, name, dest)) ?? (await this.dictTarget(w, name, dest));
      if (found) {
        node.target = found;
        continue;
      }
      if (w.opaque.length) node.target = { kind: 'unresolved', reason: `\`${node.path.join(' ')}\`: ${w.opaque[0]}` };
      else if (funcDispatch) node.target = { kind: 'unresolved', reason: `the handler of \`${node.path.join(' ')}\` is not set with set_defaults() where it can be followed statically` };
      // No handler, no branch: the entry function itself reads the parsed options and runs the command.
      else node.target = this.target(w.entry, `handled inline by ${w.entry.def.qualname}`);
    }
  }

  /** `if <subject> == "name":` / `case "name":` in a walked function: the one repository function its body runs. */
  private async branchTarget(w: Walk, name: string, dest: string | undefined): Promise<CliTarget | undefined> {
    for (const f of w.frames) {
      for (const b of f.facts.branches) {
        if (b.scope !== f.scope || !b.values.includes(name) || !isCommandSubject(b.subject, dest)) continue;
        // A branch that is one call (`return train(args)`) hands the command to that function; any other
        // body is the enclosing function's own code for the command.
        const body = f.facts.calls.filter((c) => c.scope === f.scope && c.line >= b.bodyStart && c.line <= b.bodyEnd);
        const outer = body.filter((c) => c.parent === undefined || !body.includes(f.facts.calls[c.parent]));
        const via = `\`${b.subject} == "${name}"\` branch at ${f.path}:L${b.bodyStart - 1}`;
        const only = outer.length === 1 && outer[0].line === b.bodyStart && outer[0].endLine >= b.bodyEnd && outer[0].callee.base === 'name' ? outer[0] : undefined;
        if (only) {
          const sym = await this.resolveIn(f, only.callee.chain);
          if (sym.kind === 'def') return this.target(sym, via);
          return { kind: 'unresolved', reason: `the \`${name}\` branch at ${f.path}:L${b.bodyStart - 1} calls \`${only.callee.text}\`: ${sym.kind === 'unresolved' ? sym.reason : 'not a function of the repository'}` };
        }
        const fnDef = f.facts.defs.find((d) => d.qualname === f.scope);
        if (fnDef) return this.target({ kind: 'def', module: f.module, path: f.path, def: fnDef }, `${via}, handled inline`);
      }
    }
    return undefined;
  }

  /** Dicts `name → function` indexed by the command in a walked function (`COMMANDS[args.command](args)`). */
  private async dictDispatches(w: Walk, dest: string | undefined): Promise<{ frame: Frame; dict: PyDictEntry[]; where: string }[]> {
    const out: { frame: Frame; dict: PyDictEntry[]; where: string }[] = [];
    for (const f of w.frames) {
      const subscripts: { name: string; line: number }[] = [];
      const subscript = (text: string) => /^([A-Za-z_]\w*)(?:\[(.+)\]|\.get\((.+?)(?:,.*)?\))$/s.exec(text.replace(/\s+/g, ''));
      for (const c of f.facts.calls) {
        if (c.scope !== f.scope) continue;
        const m = c.callee.base === 'other' ? subscript(c.callee.text) : undefined;
        if (m && isCommandSubject(m[2] ?? m[3], dest)) subscripts.push({ name: m[1], line: c.line });
      }
      // `handler = COMMANDS[args.command]` then `handler(...)`.
      for (const a of f.facts.assigns) {
        if (a.scope !== f.scope || a.targets.length !== 1) continue;
        const m = subscript(a.valueText);
        if (m && isCommandSubject(m[2] ?? m[3], dest) && f.facts.calls.some((c) => c.scope === f.scope && c.line > a.line && c.callee.base === 'name' && c.callee.chain.length === 1 && c.callee.chain[0] === a.targets[0])) subscripts.push({ name: m[1], line: a.line });
      }
      for (const s of subscripts) {
        const local = [...f.facts.assigns].reverse().find((a) => a.scope === f.scope && a.line < s.line && a.targets.length === 1 && a.targets[0] === s.name && a.dict);
        const global = [...f.facts.assigns].reverse().find((a) => a.scope === '' && a.targets.length === 1 && a.targets[0] === s.name && a.dict);
        const d = local ?? global;
        if (d?.dict) out.push({ frame: f, dict: d.dict, where: `${s.name}[…] at ${f.path}:L${s.line}` });
      }
    }
    return out;
  }

  private async dictTarget(w: Walk, name: string, dest: string | undefined): Promise<CliTarget | undefined> {
    for (const d of await this.dictDispatches(w, dest)) {
      const e = d.dict.find((x) => x.key === name);
      if (!e) continue;
      return this.valueTarget(d.frame, e.value, `dict ${d.where}`);
    }
    return undefined;
  }

  /** A function named by a value as written (`train`, `cmds.train`); else why not. */
  private async valueTarget(frame: Frame, value: string, via: string): Promise<CliTarget> {
    const v = value.trim();
    if (!/^[A-Za-z_][\w.]*$/.test(v)) return { kind: 'unresolved', reason: `\`${clip(v)}\` (${via}) is not a name of a function` };
    const sym = await this.resolveIn(frame, v.split('.'));
    if (sym.kind === 'def') return this.target(sym, via);
    return { kind: 'unresolved', reason: sym.kind === 'unresolved' ? sym.reason : `\`${v}\` (${via}) is not a function of the repository` };
  }

  // -------------------------------------------------------------------------------------------------
  // jsonargparse / fire / typer.run: a CLI built from functions.

  private async builderCall(frame: Frame, c: PyCall, node: CliCommand, style: 'jsonargparse' | 'fire' | 'typer', w: Walk | undefined): Promise<void> {
    const where = `${c.callee.text}() at ${frame.path}:L${c.line}`;
    const arg = c.args.find((a) => !a.keyword) ?? c.args.find((a) => a.keyword === 'components' || a.keyword === 'component' || a.keyword === 'function');
    node.style = style;
    if (!arg) {
      // `Fire()` / `CLI()` with no component: every public function of the calling module.
      for (const d of frame.facts.defs.filter((x) => x.parent === '' && x.kind === 'function' && !x.name.startsWith('_'))) {
        const sub = subcommand(node, d.name, style);
        await this.functionCommand({ kind: 'def', module: frame.module, path: frame.path, def: d }, sub, style, `${where}, a function of the module`);
      }
      if (w && node === w.root) node.target = this.target(w.entry, 'entry point');
      return;
    }
    if (arg.dict) return this.dictCommands(frame, arg.dict, node, style, `dict passed to ${where}`);
    const text = arg.text.trim();
    const list = nameListOf(text);
    if (list) return this.listCommands(frame, list, node, style, `list passed to ${where}`);
    if (/^[A-Za-z_][\w.]*$/.test(text)) {
      // A name: a dict literal bound in the same scope or at module level, or a function or class.
      const d = [...frame.facts.assigns].reverse().find((a) => (a.scope === frame.scope || a.scope === '') && a.targets.length === 1 && a.targets[0] === text && a.line < c.line && (a.dict || nameListOf(a.valueText)));
      const fallback = [...frame.facts.assigns].reverse().find((a) => a.scope === '' && a.targets.length === 1 && a.targets[0] === text && (a.dict || nameListOf(a.valueText)));
      const bound = d ?? fallback;
      if (bound?.dict) return this.dictCommands(frame, bound.dict, node, style, `dict ${text} (${frame.path}:L${bound.line}) passed to ${where}`);
      const boundList = bound ? nameListOf(bound.valueText) : undefined;
      if (boundList) return this.listCommands(frame, boundList, node, style, `list ${text} (${frame.path}:L${bound!.line}) passed to ${where}`);
      const sym = await this.resolveIn(frame, text.split('.'));
      if (sym.kind === 'def' && sym.def.kind === 'function') return this.functionCommand(sym, node, style, `function passed to ${where}`);
      if (sym.kind === 'def' && sym.def.kind === 'class') return this.classCommands(sym, node, style, `class passed to ${where}`);
      node.target = { kind: 'unresolved', reason: sym.kind === 'unresolved' ? sym.reason : `\`${text}\` passed to ${where} is not a function of the repository` };
      return;
    }
    node.target = { kind: 'unresolved', reason: `${where} is given \`${clip(text)}\`, which is not a function, a list or a dict literal` };
  }

  private async dictCommands(frame: Frame, dict: PyDictEntry[], node: CliCommand, style: 'jsonargparse' | 'fire' | 'typer', via: string): Promise<void> {
    for (const e of dict) {
      const sub = subcommand(node, e.key, style);
      if (e.entries) {
        await this.dictCommands(frame, e.entries, sub, style, via);
        continue;
      }
      const list = nameListOf(e.value);
      if (list) {
        await this.listCommands(frame, list, sub, style, via);
        continue;
      }
      const t = await this.valueTarget(frame, e.value, via);
      if (t.kind === 'def' && t.definition.kind === 'class') {
        const sym = await this.resolveIn(frame, e.value.trim().split('.'));
        if (sym.kind === 'def') await this.classCommands(sym, sub, style, via);
        continue;
      }
      sub.target = t;
      if (t.kind === 'def') sub.options = optionsFromParams(t.definition.params, style);
    }
  }

  private async listCommands(frame: Frame, names: string[], node: CliCommand, style: 'jsonargparse' | 'fire' | 'typer', via: string): Promise<void> {
    for (const n of names) {
      const sym = await this.resolveIn(frame, n.split('.'));
      if (sym.kind !== 'def') {
        subcommand(node, n.split('.').pop()!, style).target = { kind: 'unresolved', reason: sym.kind === 'unresolved' ? sym.reason : `\`${n}\` (${via}) is not a function of the repository` };
        continue;
      }
      // Subcommands are named by the function's own name (`__name__`), not the alias it was imported as.
      const sub = subcommand(node, sym.def.name, style);
      if (sym.def.kind === 'class') await this.classCommands(sym, sub, style, via);
      else await this.functionCommand(sym, sub, style, via);
    }
  }

  /** A class given to jsonargparse/fire: its public methods are the subcommands. */
  private async classCommands(cls: DefSym, node: CliCommand, style: 'jsonargparse' | 'fire' | 'typer', via: string): Promise<void> {
    const facts = await this.index.load(cls.path);
    for (const d of facts?.defs.filter((x) => x.parent === cls.def.qualname && x.kind === 'function' && !x.name.startsWith('_')) ?? []) {
      await this.functionCommand({ kind: 'def', module: cls.module, path: cls.path, def: d }, subcommand(node, d.name, style), style, `${via}, method of ${cls.def.qualname}`);
    }
    node.target = { kind: 'unresolved', reason: `\`${cls.def.qualname}\` needs one of its methods as the subcommand` };
  }

  private async functionCommand(sym: DefSym, node: CliCommand, style: 'jsonargparse' | 'fire' | 'typer', via: string): Promise<void> {
    node.target = this.target(sym, via);
    node.style = style;
    if (node.target.kind === 'def') node.options = style === 'typer' ? await this.typerOptions(sym, node.target.definition) : optionsFromParams(node.target.definition.params, style);
  }

  // -------------------------------------------------------------------------------------------------
  // click and typer

  /** `group` or `command` when the def is decorated as a click command; else undefined. */
  private clickKind(sym: DefSym): 'group' | 'command' | undefined {
    const facts = this.index.facts(sym.path);
    if (!facts) return undefined;
    for (const d of sym.def.decorators) {
      const m = /^([A-Za-z_][\w.]*)\s*(\(|$)/.exec(d);
      if (!m) continue;
      const chain = m[1].split('.');
      const last = chain[chain.length - 1];
      if (last !== 'group' && last !== 'command') continue;
      const origin = originFromImports(facts, sym.def.parent, chain);
      // `@click.group()`, `@group()` imported from click, or `@cli.command()` on another click group.
      if (origin && CLICK_MODULES.has(origin.split('.')[0])) return last === 'group' ? 'group' : 'command';
      if (chain.length === 2 && !origin) return last === 'group' ? 'group' : 'command';
    }
    return undefined;
  }

  private async clickCommand(sym: DefSym, node: CliCommand, kind: 'group' | 'command'): Promise<void> {
    node.style = 'click';
    node.target = this.target(sym, kind === 'group' ? 'click group' : 'click command');
    node.options = await this.clickOptions(sym);
    if (kind !== 'group') return;
    await this.clickDefault(sym, node);
    await this.clickMembers(sym.module, sym.def.name, node);
  }

  /**
   * The commands of the click group `name` of `module`: `@<group>.command()` / `@<group>.group()`
   * decorated functions and `<group>.add_command(f)` calls, in any module that names the group (one
   * text prefilter, then only those files are parsed).
   */
  private async clickMembers(module: string, groupName: string, node: CliCommand): Promise<void> {
    for (const reg of await this.registrations(module, groupName, ['command', 'group'], ['add_command'])) {
      if (reg.kind === 'decorated') {
        const sub: DefSym = { kind: 'def', module: reg.frame.module, path: reg.frame.path, def: reg.def };
        for (const name of clickNames(reg.def.name, reg.args)) {
          const child = subcommand(node, name, 'click');
          if (!child.target) await this.clickCommand(sub, child, reg.method === 'group' ? 'group' : 'command');
        }
      } else {
        const first = reg.call.args.find((a) => !a.keyword);
        if (!first) continue;
        const target = await this.resolveIn(reg.frame, first.text.trim().split('.'));
        const named = stringOf(reg.call.args.filter((a) => !a.keyword)[1]?.text) ?? keywordString(reg.call, 'name');
        // A click group object added (`cli.add_command(db)` with `db = click.Group("db")`).
        const obj = target.kind === 'def' ? undefined : await this.objectIn(reg.frame, first.text.trim().split('.'));
        if (obj?.kind === 'click') {
          const groupName = named ?? stringOf(obj.call.args.find((a) => !a.keyword)?.text) ?? keywordString(obj.call, 'name');
          const child = groupName ? subcommand(node, groupName, 'click') : undefined;
          if (child && !child.target) await this.cliObject(obj, child);
          continue;
        }
        if (target.kind !== 'def') {
          if (named) subcommand(node, named, 'click').target = { kind: 'unresolved', reason: target.kind === 'unresolved' ? target.reason : `\`${first.text}\` is not a command of the repository` };
          continue;
        }
        const k = this.clickKind(target) ?? 'command';
        const deco = await this.clickDecoratorArgs(target);
        for (const name of named ? [named] : clickNames(target.def.name, deco)) {
          const child = subcommand(node, name, 'click');
          if (!child.target) await this.clickCommand(target, child, k);
        }
      }
    }
  }

  /** `cls=DefaultGroup, default="x"` on a group's decorator: the subcommand that runs when no other is named. */
  private async clickDefault(sym: DefSym, node: CliCommand): Promise<void> {
    const deco = await this.clickDecoratorArgs(sym);
    const cls = deco.find((a) => a.keyword === 'cls')?.text.trim();
    if (!cls || !/^[A-Za-z_][\w.]*$/.test(cls)) return;
    const facts = this.index.facts(sym.path);
    this.applyDefault(node, (facts ? originFromImports(facts, sym.def.parent, cls.split('.')) : undefined) ?? cls, deco);
  }

  /** A default group class (`cls`, as imported) given `default="x"`: the node runs `x` when no other subcommand is named. */
  private applyDefault(node: CliCommand, cls: string, args: PyCall['args']): void {
    const name = stringOf(args.find((a) => a.keyword === CLICK_DEFAULT_GROUP.keyword)?.text);
    if (name === undefined || !CLICK_DEFAULT_GROUP.cls.test(cls)) return;
    node.defaultSub = name;
    if (args.some((a) => a.keyword === CLICK_DEFAULT_GROUP.ifNoArgs && a.text.trim() === 'True')) node.defaultIfNoArgs = true;
  }

  /** Arguments of a def's `@click.command(...)`/`@x.group(...)` decorator call. */
  private async clickDecoratorArgs(sym: DefSym): Promise<PyCall['args']> {
    const facts = await this.index.load(sym.path);
    const call = facts?.calls.find((c) => c.scope === sym.def.parent && c.line >= sym.def.start && c.line < sym.def.defLine && c.callee.base === 'name' && /^(command|group)$/.test(c.callee.chain[c.callee.chain.length - 1]));
    return call?.args ?? [];
  }

  /** `@click.option(...)` / `@click.argument(...)` decorators of a command function. */
  private async clickOptions(sym: DefSym): Promise<CliOption[]> {
    const facts = await this.index.load(sym.path);
    const out: CliOption[] = [];
    const decorators = (facts?.calls ?? []).filter((c) => c.scope === sym.def.parent && c.line >= sym.def.start && c.line < sym.def.defLine && c.callee.base === 'name' && c.parent === undefined);
    for (const c of decorators) {
      const last = c.callee.chain[c.callee.chain.length - 1];
      if (last !== 'option' && last !== 'argument') continue;
      const names = c.args.filter((a) => !a.keyword).map((a) => stringOf(a.text)).filter((s): s is string => !!s);
      if (!names.length) continue;
      const long = names.find((n) => n.startsWith('--')) ?? names.find((n) => n.startsWith('-')) ?? names[0];
      const positional = last === 'argument';
      const type = keywordText(c, 'type');
      const def = keywordText(c, 'default');
      const help = keywordString(c, 'help');
      const flag = keywordText(c, 'is_flag') === 'True' || (long.includes('/') && !positional);
      const name = long.split('/')[0].trim();
      const aliases = names.filter((n) => n !== long && n.startsWith('-'));
      out.push({ name, positional, ...(aliases.length ? { aliases } : {}), ...(type ? { type } : flag ? { type: 'bool' } : {}), ...(def !== undefined ? { default: def } : {}), ...(help ? { help } : {}), ...(flag ? { flag } : {}), ...(keywordText(c, 'nargs') === '-1' ? { rest: true } : {}) });
    }
    // Decorators apply bottom-up, so the written order is the reverse of click's; keep the written one.
    return out;
  }

  /** A typer app (`app = typer.Typer(...)` at module level of `frame`): its commands, sub-apps and callback. */
  private async typerApp(frame: Frame, name: string, call: PyCall, node: CliCommand, depth = 0): Promise<void> {
    node.style = 'typer';
    if (depth > MAX_DEPTH) return;
    const regs = await this.registrations(frame.module, name, ['command', 'callback'], ['add_typer', 'command']);
    let callback: DefSym | undefined;
    let commands = 0;
    let subApps = 0;
    for (const reg of regs) {
      if (reg.kind === 'decorated') {
        const sym: DefSym = { kind: 'def', module: reg.frame.module, path: reg.frame.path, def: reg.def };
        if (reg.method === 'callback') {
          callback = sym;
          continue;
        }
        commands++;
        const named = stringOf(reg.args.find((a) => !a.keyword)?.text) ?? stringOf(reg.args.find((a) => a.keyword === 'name')?.text);
        await this.functionCommand(sym, subcommand(node, named ?? reg.def.name.toLowerCase().replace(/_/g, '-'), 'typer'), 'typer', `@${name}.command() at ${reg.frame.path}:L${reg.def.start}`);
      } else if (reg.method === 'command') {
        // `app.command("name")(function)`: the outer call passes the function.
        const outer = reg.outer;
        const fn = outer?.args.find((a) => !a.keyword)?.text.trim();
        if (!outer || !fn) continue;
        commands++;
        const named = stringOf(reg.call.args.find((a) => !a.keyword)?.text) ?? keywordString(reg.call, 'name');
        const sym = await this.resolveIn(reg.frame, fn.split('.'));
        const sub = subcommand(node, named ?? (sym.kind === 'def' ? sym.def.name : fn.split('.').pop()!).toLowerCase().replace(/_/g, '-'), 'typer');
        if (sym.kind === 'def') await this.functionCommand(sym, sub, 'typer', `${name}.command()(${fn}) at ${reg.frame.path}:L${reg.call.line}`);
        else sub.target = { kind: 'unresolved', reason: sym.kind === 'unresolved' ? sym.reason : `\`${fn}\` is not a function of the repository` };
      } else {
        // `app.add_typer(sub_app, name="x")`.
        subApps++;
        const first = reg.call.args.find((a) => !a.keyword)?.text.trim();
        const found = first ? await this.objectIn(reg.frame, first.split('.')) : undefined;
        const obj = found?.kind === 'typer' ? found : undefined;
        // Without `name=`, the sub-app's own `typer.Typer(name=...)` names it.
        const named = keywordString(reg.call, 'name') ?? (obj ? keywordString(obj.call, 'name') : undefined);
        if (!first || !named) continue;
        const sub = subcommand(node, named, 'typer');
        if (obj) await this.typerApp(obj.frame, obj.name, obj.call, sub, depth + 1);
        else sub.target = { kind: 'unresolved', reason: `\`${first}\` (added with add_typer at ${reg.frame.path}:L${reg.call.line}) is not a typer app of the repository` };
      }
    }
    if (callback) {
      node.target = this.target(callback, `@${name}.callback()`);
      node.options = await this.typerOptions(callback, node.target.kind === 'def' ? node.target.definition : undefined);
    } else if (commands === 1 && subApps === 0) {
      // A typer app with one command runs it without a subcommand name.
      const only = [...node.sub.values()][0];
      node.target = only.target;
      node.options = only.options;
    } else {
      node.target = { kind: 'unresolved', reason: `\`${name}\` (${frame.path}:L${call.line}) needs a subcommand` };
    }
  }

  /** Options of a typer command: its parameters, with `typer.Option(...)` / `typer.Argument(...)` read. */
  private async typerOptions(sym: DefSym, definition: Definition | undefined): Promise<CliOption[]> {
    const out: CliOption[] = [];
    const params = definition?.params ?? [];
    for (const raw of sym.def.params) {
      const p = params.find((x) => x.name === raw.name);
      if (raw.kind === 'vararg' || raw.kind === 'kwarg' || /^(ctx|context)$/.test(raw.name) || /\bContext\b/.test(raw.type ?? '')) continue;
      const annotated = /^(?:typing\.)?Annotated\[\s*([^,]+),\s*(?:typer\.)?(Option|Argument)\((.*)\)\s*\]$/s.exec(raw.type ?? '');
      const call = /^(?:typer\.)?(Option|Argument)\((.*)\)$/s.exec(raw.default ?? '');
      const kind = annotated?.[2] ?? call?.[1];
      const args = splitArgs(annotated?.[3] ?? call?.[2] ?? '');
      const type = annotated ? annotated[1].trim() : p?.type;
      const names = args.filter((a) => !a.includes('=')).map(stringOf).filter((s): s is string => !!s && s.startsWith('-'));
      const first = args[0] !== undefined && !args[0].includes('=') && !stringOf(args[0])?.startsWith('-') ? args[0] : undefined;
      const dflt = call ? (first ?? args.find((a) => /^default\s*=/.test(a))?.replace(/^default\s*=\s*/, '')) : annotated ? raw.default : raw.default;
      const help = args.map((a) => /^help\s*=\s*(.+)$/s.exec(a)?.[1]).map((h) => (h ? stringOf(h) : undefined)).find((h) => h);
      const positional = kind === 'Argument' || (!kind && raw.default === undefined);
      const required = dflt === '...' || dflt === 'Ellipsis';
      const name = positional ? raw.name : (names.find((n) => n.startsWith('--')) ?? `--${raw.name.replace(/_/g, '-')}`);
      const aliases = names.filter((n) => n !== name);
      const flag = !positional && (type === 'bool' || /^(True|False)$/.test(dflt ?? ''));
      out.push({ name, positional, ...(aliases.length ? { aliases } : {}), ...(type ? { type } : {}), ...(dflt !== undefined && !required ? { default: dflt } : {}), ...(help ? { help } : {}), ...(flag ? { flag } : {}) });
    }
    return out;
  }

  /**
   * Where a module-level object `name` of `module` is used to register commands: defs decorated with
   * `@<local>.<method>(...)` and calls `<local>.<call>(...)`, in every module that binds the object
   * (itself, or an import of it), and inside the repository functions the object is passed to
   * (`register(cli)`, a plugin hook `pm.hook.register_commands(cli=cli)`). One text prefilter over the
   * repository's modules, then only the matching files are parsed. Tests, examples and docs that
   * register commands on the program are not the program.
   */
  private async registrations(module: string, name: string, decoratorMethods: string[], callMethods: string[]): Promise<Registration[]> {
    const out: Registration[] = [];
    const seen = new Set<string>();
    const methods = [...new Set([...decoratorMethods, ...callMethods])];
    const text = new RegExp(`\\.(${methods.join('|')})\\s*\\(`);
    for (const [mod, path] of [...this.index.modules].sort((a, b) => cmp(a[1], b[1]))) {
      if (mod !== module) {
        if (isNonLibraryPath(path)) continue;
        const raw = await this.files.read(path);
        if (!raw.ok || !raw.text.includes(name) || !text.test(raw.text)) continue;
      }
      const facts = await this.index.load(path);
      if (!facts) continue;
      const frame: Frame = { module: mod, path, facts, scope: '', env: new Map() };
      // The names this module knows the object by.
      const locals = new Set<string>();
      if (mod === module) locals.add(name);
      for (const imp of facts.imports) {
        if (imp.kind !== 'from' || imp.scope !== '') continue;
        const target = this.index.absoluteModule(path, imp);
        for (const n of imp.names) if (n.name === name && (target === module || (target && (await this.reexports(target, name, module))))) locals.add(n.alias ?? n.name);
      }
      if (!locals.size) continue;
      await this.scanRegistrations(frame, locals, undefined, decoratorMethods, callMethods, out, seen, 0);
    }
    return out.sort((a, b) => cmp(a.frame.path, b.frame.path) || lineOfReg(a) - lineOfReg(b));
  }

  /**
   * The registrations on an object known by `locals` in one module (in every scope, or only in the
   * function `scope` whose parameter holds it), then in the functions it is handed to.
   */
  private async scanRegistrations(frame: Frame, locals: Set<string>, scope: string | undefined, decoratorMethods: string[], callMethods: string[], out: Registration[], seen: Set<string>, depth: number): Promise<void> {
    const { facts } = frame;
    const methods = [...new Set([...decoratorMethods, ...callMethods])];
    const inScope = (s: string) => scope === undefined || s === scope;
    const handoffs: PyCall[] = [];
    facts.calls.forEach((c, i) => {
      if (!inScope(c.scope) || c.callee.base !== 'name') return;
      if (c.callee.chain.length !== 2 || !locals.has(c.callee.chain[0])) {
        // The object passed on (`register(cli)`), where the name is not a parameter of the enclosing function.
        const shadowed = c.scope !== scope && facts.defs.find((d) => d.qualname === c.scope)?.params.some((p) => locals.has(p.name));
        if (!shadowed && c.args.some((a) => !a.unpack && locals.has(a.text.trim()))) handoffs.push(c);
        return;
      }
      const method = c.callee.chain[1];
      if (!methods.includes(method)) return;
      // A decorator call sits on the lines of a def's decorators.
      const def = facts.defs.find((d) => d.parent === c.scope && c.line >= d.start && c.line < d.defLine && d.decorators.some((x) => x.startsWith(`${c.callee.chain[0]}.${method}`)));
      if (def && decoratorMethods.includes(method)) {
        out.push({ kind: 'decorated', frame, def, method, args: c.args });
        return;
      }
      if (def || !callMethods.includes(method)) return;
      const outer = facts.calls.find((o, j) => j !== i && o.callee.base === 'other' && c.parent === j);
      out.push({ kind: 'call', frame, call: c, method, ...(outer ? { outer } : {}) });
    });
    // Bare decorators (`@app.command` without a call).
    for (const d of facts.defs) {
      if (!inScope(d.parent)) continue;
      for (const x of d.decorators) {
        const m = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(x);
        if (m && locals.has(m[1]) && decoratorMethods.includes(m[2]) && !out.some((o) => o.kind === 'decorated' && o.def === d)) out.push({ kind: 'decorated', frame, def: d, method: m[2], args: [] });
      }
    }
    if (depth >= MAX_DEPTH) return;
    for (const c of handoffs.sort((a, b) => a.line - b.line)) {
      for (const r of await this.receivers(frame, c, locals)) {
        const key = `${r.sym.path}:${r.sym.def.qualname}:${r.param}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const f = await this.index.load(r.sym.path);
        if (!f || r.sym.def.hasError) continue;
        await this.scanRegistrations({ module: r.sym.module, path: r.sym.path, facts: f, scope: r.sym.def.qualname, env: new Map() }, new Set([r.param]), r.sym.def.qualname, decoratorMethods, callMethods, out, seen, depth + 1);
      }
    }
  }

  /**
   * The repository functions a call hands an object to, with the parameter that receives it: the
   * callee itself, or for a plugin hook call (`pm.hook.name(cli=cli)`) every implementation of the hook.
   */
  private async receivers(frame: Frame, c: PyCall, locals: Set<string>): Promise<{ sym: DefSym; param: string }[]> {
    const args = c.args.filter((a) => !a.unpack && locals.has(a.text.trim()));
    const chain = c.callee.chain;
    if (chain.length >= 3 && chain[chain.length - 2] === PLUGIN_HOOK.attribute) {
      // pluggy passes hook arguments by keyword only.
      const params = args.map((a) => a.keyword).filter((k): k is string => !!k);
      if (!params.length) return [];
      return (await this.hookImplementations(chain[chain.length - 1])).flatMap((sym) => params.filter((p) => sym.def.params.some((x) => x.name === p)).map((param) => ({ sym, param })));
    }
    const sym = await this.resolveIn(frame, chain);
    if (sym.kind !== 'def' || sym.def.kind !== 'function' || this.clickKind(sym)) return [];
    const bound = sym.def.isMethod && !isDecorated(sym.def, 'staticmethod') && chain.length > 1 ? 1 : 0;
    const out: { sym: DefSym; param: string }[] = [];
    for (const a of args) {
      const p = paramOf(sym.def, c, a, bound);
      if (p) out.push({ sym, param: p.name });
    }
    return out;
  }

  /** Functions named `hook` marked as a plugin hook implementation (`@hookimpl`), in the library's modules. */
  private async hookImplementations(hook: string): Promise<DefSym[]> {
    const cached = this.hookCache.get(hook);
    if (cached) return cached;
    const out: DefSym[] = [];
    const def = new RegExp(`\\bdef\\s+${hook}\\s*\\(`);
    for (const [mod, path] of [...this.index.modules].sort((a, b) => cmp(a[1], b[1]))) {
      if (isNonLibraryPath(path)) continue;
      const raw = await this.files.read(path);
      if (!raw.ok || !def.test(raw.text)) continue;
      const facts = await this.index.load(path);
      for (const d of facts?.defs ?? []) {
        if (d.kind === 'function' && d.name === hook && d.decorators.some((x) => PLUGIN_HOOK.marker.test(x))) out.push({ kind: 'def', module: mod, path, def: d });
      }
    }
    this.hookCache.set(hook, out);
    return out;
  }

  /** Does `module` re-export `name` from `source` (`from .cli import app` in a package `__init__`)? */
  private async reexports(module: string, name: string, source: string): Promise<boolean> {
    const path = this.index.modules.get(module);
    const facts = path ? await this.index.load(path) : null;
    if (!path || !facts) return false;
    return facts.imports.some((imp) => imp.kind === 'from' && imp.scope === '' && this.index.absoluteModule(path, imp) === source && imp.names.some((n) => n.name === name && (n.alias ?? n.name) === name));
  }

  /** A module-level typer app or click group object a chain names (`app`, `cli_module.app`), seen from a frame. */
  private async objectIn(frame: Frame, chain: string[]): Promise<CliObject | undefined> {
    let mod = frame.module;
    let path = frame.path;
    let facts: PyModuleFacts | null = frame.facts;
    let name = chain[chain.length - 1];
    if (chain.length > 1) {
      const sym = await this.resolveIn(frame, chain.slice(0, -1));
      if (sym.kind !== 'module') return undefined;
      mod = sym.module;
      path = sym.path;
      facts = await this.index.load(path);
    } else {
      // Imported from another module of the repository.
      const imp = [...frame.facts.imports].reverse().find((i) => i.kind === 'from' && (i.scope === '' || i.scope === frame.scope) && i.names.some((n) => (n.alias ?? n.name) === name));
      if (imp) {
        const target = this.index.absoluteModule(frame.path, imp);
        const p = target ? this.index.modules.get(target) : undefined;
        if (!target || !p) return undefined;
        name = imp.names.find((n) => (n.alias ?? n.name) === name)!.name;
        mod = target;
        path = p;
        facts = await this.index.load(p);
        // A package `__init__` re-exporting it from a submodule.
        const re = facts?.imports.find((i) => i.kind === 'from' && i.scope === '' && i.names.some((n) => (n.alias ?? n.name) === name));
        if (re && facts) {
          const t2 = this.index.absoluteModule(p, re);
          const p2 = t2 ? this.index.modules.get(t2) : undefined;
          if (t2 && p2) {
            name = re.names.find((n) => (n.alias ?? n.name) === name)!.name;
            mod = t2;
            path = p2;
            facts = await this.index.load(p2);
          }
        }
      }
    }
    if (!facts) return undefined;
    const f: Frame = { module: mod, path, facts, scope: '', env: new Map() };
    const call = [...facts.calls].reverse().find((c) => c.scope === '' && c.assignedTo.length === 1 && c.assignedTo[0] === name && c.callee.base === 'name');
    if (!call) return undefined;
    const origin = this.originOf(f, call.callee.chain);
    if (origin === 'typer.Typer') return { kind: 'typer', frame: f, name, call, origin };
    const clickGroup = !!origin && ((CLICK_MODULES.has(origin.split('.')[0]) && /\.Group$/.test(origin)) || CLICK_DEFAULT_GROUP.cls.test(origin));
    return clickGroup ? { kind: 'click', frame: f, name, call, origin } : undefined;
  }

  // -------------------------------------------------------------------------------------------------
  // Names

  /** A name (chain) as seen inside a frame's function: its local defs and imports, then the module. */
  private async resolveIn(frame: Frame, chain: string[]): Promise<PySymbol> {
    const { facts, scope } = frame;
    if (scope) {
      const local = facts.defs.find((d) => d.parent === scope && d.name === chain[0]);
      if (local) {
        let sym: PySymbol = { kind: 'def', module: frame.module, path: frame.path, def: local };
        for (const part of chain.slice(1)) sym = await this.index.member(sym, part);
        return sym;
      }
      const imp = [...facts.imports].reverse().find((i) => i.scope === scope && (i.kind === 'from' ? i.names.some((n) => (n.alias ?? n.name) === chain[0]) : (i.alias ?? i.module.split('.')[0]) === chain[0]));
      if (imp) {
        let sym: PySymbol;
        if (imp.kind === 'import') sym = await this.index.moduleSymbol(imp.alias ? imp.module : imp.module.split('.')[0]);
        else {
          const target = this.index.absoluteModule(frame.path, imp);
          if (!target) return { kind: 'unresolved', reason: `relative import beyond the top package in \`${frame.path}\`` };
          const n = imp.names.find((x) => (x.alias ?? x.name) === chain[0])!;
          sym = this.index.modules.has(`${target}.${n.name}`) && !this.index.modules.has(target) ? await this.index.moduleSymbol(`${target}.${n.name}`) : await this.index.resolveInModule(target, n.name);
        }
        for (const part of chain.slice(1)) sym = await this.index.member(sym, part);
        return sym;
      }
    }
    return this.index.resolveDotted(frame.module, chain);
  }

  /** The dotted name an external callee is imported as (`CLI` → `jsonargparse.CLI`), for framework calls. */
  private originOf(frame: Frame, chain: string[]): string | undefined {
    return originFromImports(frame.facts, frame.scope, chain);
  }

  private target(sym: DefSym, via: string): CliTarget {
    if (sym.def.hasError) return { kind: 'unresolved', reason: `the definition of \`${sym.def.qualname}\` in \`${sym.path}\` has a syntax error, so its span is not exact` };
    return { kind: 'def', definition: this.index.definition(sym), via };
  }
}

/** The parameter of `def` that the argument `a` of the call `c` fills (`bound`: leading parameters `self`/`cls` take). */
function paramOf(def: PyDef, c: PyCall, a: PyArg, bound: number): PyParam | undefined {
  if (a.keyword) return def.params.find((x) => x.name === a.keyword);
  const positional = c.args.filter((x) => !x.keyword && !x.unpack);
  return def.params.filter((x) => x.kind === 'positional')[positional.indexOf(a) + bound];
}

/** Is the def decorated with `name` (`@staticmethod`, `@abc.abstractmethod`)? */
function isDecorated(def: PyDef, name: string): boolean {
  return def.decorators.some((d) => d === name || d.endsWith(`.${name}`));
}

function lineOfReg(r: { kind: 'decorated'; def: PyDef } | { kind: 'call'; call: PyCall }): number {
  return r.kind === 'decorated' ? r.def.start : r.call.line;
}

/** `from x import N as chain0` / `import x as chain0`: the dotted name a chain stands for, when imported. */
export function originFromImports(facts: PyModuleFacts, scope: string, chain: string[]): string | undefined {
  const scopes = [scope, ''];
  for (const s of scopes) {
    const imp = [...facts.imports].reverse().find((i) => i.scope === s && (i.kind === 'from' ? i.names.some((n) => (n.alias ?? n.name) === chain[0]) : (i.alias ?? i.module.split('.')[0]) === chain[0]));
    if (!imp) continue;
    if (imp.level > 0) return undefined;
    if (imp.kind === 'from') return [imp.module, imp.names.find((n) => (n.alias ?? n.name) === chain[0])!.name, ...chain.slice(1)].join('.');
    return imp.alias ? [imp.module, ...chain.slice(1)].join('.') : chain.join('.');
  }
  return undefined;
}

/**
 * Is `subject` the parsed command: `args.<dest>` (or a name `<dest>`) when the sub-parsers have a
 * `dest`, else `sys.argv[1]` or a name in COMMAND_SUBJECTS (`args.command`, `cmd`).
 */
function isCommandSubject(subject: string, dest: string | undefined): boolean {
  const s = subject.replace(/\s+/g, '');
  const last = /([A-Za-z_]\w*)$/.exec(s)?.[1];
  const viaGetattr = /^getattr\([A-Za-z_]\w*,["']([A-Za-z_]\w*)["'].*\)$/.exec(s)?.[1];
  const name = viaGetattr ?? last;
  if (dest) return name === dest;
  return s === 'sys.argv[1]' || (!!name && COMMAND_SUBJECTS.has(name));
}

/** click's command names for a function: explicit, else the name with dashes (and click ≥ 8.2 without `_command`). */
function clickNames(fn: string, args: PyCall['args']): string[] {
  const explicit = stringOf(args.find((a) => !a.keyword)?.text) ?? stringOf(args.find((a) => a.keyword === 'name')?.text);
  if (explicit) return [explicit];
  const base = fn.toLowerCase();
  const names = [base.replace(/_/g, '-')];
  for (const s of CLICK_NAME_SUFFIXES) if (base.endsWith(s) && base.length > s.length) names.push(base.slice(0, -s.length).replace(/_/g, '-'));
  return [...new Set(names)];
}

/** An argparse option from `add_argument(...)`. */
function argparseOption(c: PyCall): CliOption | undefined {
  const names = c.args.filter((a) => !a.keyword).map((a) => stringOf(a.text)).filter((s): s is string => !!s);
  if (!names.length) return undefined;
  const positional = !names[0].startsWith('-');
  const name = positional ? names[0] : (names.find((n) => n.startsWith('--')) ?? names[0]);
  const action = keywordString(c, 'action');
  const flag = !!action && /^store_(true|false)$|^count$|BooleanOptionalAction/.test(action + (keywordText(c, 'action') ?? ''));
  const type = keywordText(c, 'type') ?? (action === 'store_true' || action === 'store_false' ? 'bool' : undefined);
  const dflt = keywordText(c, 'default') ?? (action === 'store_true' ? 'False' : action === 'store_false' ? 'True' : undefined);
  const help = keywordString(c, 'help');
  const nargs = keywordText(c, 'nargs');
  const aliases = names.filter((n) => n !== name);
  return {
    name,
    positional,
    ...(aliases.length ? { aliases } : {}),
    ...(type ? { type } : {}),
    ...(dflt !== undefined ? { default: dflt } : {}),
    ...(help ? { help } : {}),
    ...(flag || keywordText(c, 'action') === 'argparse.BooleanOptionalAction' ? { flag: true } : {}),
    ...(nargs && /REMAINDER|^["']\.\.\.["']$/.test(nargs) ? { rest: true } : {}),
  };
}

function keywordText(c: PyCall, name: string): string | undefined {
  const a = c.args.find((x) => x.keyword === name);
  return a ? a.text.replace(/\s+/g, ' ').trim() : undefined;
}

function keywordString(c: PyCall, name: string): string | undefined {
  return stringOf(keywordText(c, name));
}

/** The value of a plain string literal as written (`"x"`, `'x'`, adjacent literals); undefined otherwise. */
function stringOf(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t || /^[fFbB]/.test(t)) return undefined;
  const one = /^[rRuU]?("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*/;
  let rest = t;
  let out = '';
  while (rest) {
    const m = one.exec(rest);
    if (!m) return undefined;
    const v = literalValue(m[0].trim());
    if (v === undefined) return undefined;
    out += v;
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** `["a", "b"]` / `("a", "b")`: the strings; undefined for anything else. */
function stringListOf(text: string | undefined): string[] | undefined {
  const m = text ? /^[[(]([\s\S]*)[\])]$/.exec(text.trim()) : null;
  if (!m) return undefined;
  const items = splitArgs(m[1]);
  const values = items.map(stringOf);
  return values.every((v) => v !== undefined) ? (values as string[]) : undefined;
}

/** `[f, mod.g]` / `(f, g)`: the dotted names of a list or tuple literal; undefined for anything else. */
function nameListOf(text: string): string[] | undefined {
  const m = /^[[(]([\s\S]*)[\])]$/.exec(text.trim());
  if (!m) return undefined;
  const items = m[1].split('\n').map((l) => l.replace(/#.*$/, '')).join(' ').split(',').map((s) => s.trim()).filter(Boolean);
  return items.length && items.every((s) => /^[A-Za-z_][\w.]*$/.test(s)) ? items : undefined;
}

/** Splits an argument list at its top-level commas (brackets and strings respected). */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += text[++i] ?? '';
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function clip(text: string, n = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
