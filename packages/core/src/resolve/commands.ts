// The repository's own command-line programs, and the shell lines that run them. A README line
// `litgpt finetune microsoft/phi-2 --data JSON`, `python -m pkg train`, `npx mycli init` or
// `uv run tool x` names a program the repository declares (a console script, a package.json `bin`, a
// module run with `-m`, a script file); its subcommand words are followed through the program's
// dispatch (lang/python/cli-dispatch.ts, lang/ts/cli-dispatch.ts) to the function that runs them, and
// the line becomes a call site of that function (API Doc, clarification 23). Any other program stays
// an External Tool.
import type { CallSite, Definition, Parameter, Resolution, Role } from '../model.js';
import type { RepoFiles } from '../repo/files.js';
import type { ProjectMetadata } from '../repo/metadata.js';
import type { PythonIndex } from './python-index.js';
import type { ModuleMap } from '../lang/ts/modules.js';
import type { TsProject } from '../lang/ts/project.js';
import { cliCommand, type CliCommand, type CliOption } from '../lang/cli.js';
import { PythonCliReader } from '../lang/python/cli-dispatch.js';
import { ACTION_VERBS, COMMAND_ABBREVIATIONS, COMMAND_LAUNCHERS, ENTRY_MODULE_NAMES, INSTALL_COMMANDS, PY_SCRIPT_LAUNCHERS, PYTHON_INTERPRETERS, STOP_TOKENS, VERB_PREFIXES, VERBS } from '../heuristics/tables.js';
import { tokens, word } from '../group/names.js';
import { isTestPath } from '../repo/layout.js';
import type { CommandResolver, ShellLine } from './shell-calls.js';

/** A program the repository declares. */
export type Program =
  | { language: 'python'; key: string; name: string; module: string; attr?: string; from: string }
  | { language: 'typescript'; key: string; name: string; path: string; from: string };

/** A shell line located: the program it runs and the words it passes. */
export interface Located {
  program: Program;
  /** Words after the program (quotes removed). */
  args: string[];
  /** The same words as written (a `'$x'` in single quotes is no variable). */
  rawArgs: string[];
  /** The command as written, trimmed to the command and its options (other commands, pipes, redirections and env assignments dropped). */
  line: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The programs a repository declares, by the names a shell line can use to run them. */
export class ProgramCatalog {
  private readonly byName = new Map<string, Program>();
  /** A console script's program by the module it names: `python -m lerobot.scripts.lerobot_train` is `lerobot-train`. */
  private readonly byModule = new Map<string, Program>();

  constructor(
    private readonly files: RepoFiles,
    meta: ProjectMetadata,
    private readonly index: PythonIndex,
    modules: ModuleMap,
  ) {
    for (const ep of meta.entryPoints) {
      if (ep.from === 'package.json bin') continue;
      const [module, attr] = ep.target.split(':');
      if (!this.byName.has(ep.name)) this.byName.set(ep.name, { language: 'python', key: `script:${ep.name}`, name: ep.name, module, ...(attr ? { attr } : {}), from: `${ep.from} ${ep.name} = ${ep.target}` });
      if (attr && !this.byModule.has(module)) this.byModule.set(module, this.byName.get(ep.name)!);
    }
    for (const pkg of [...modules.packages.values()].sort((a, b) => cmp(a.dir, b.dir))) {
      const bin = pkg.json.bin;
      const bins: [string, string][] = typeof bin === 'string' ? [[pkg.name.replace(/^@[^/]+\//, ''), bin]] : Object.entries(bin && typeof bin === 'object' ? bin : {}).filter((e): e is [string, string] => typeof e[1] === 'string');
      for (const [name, target] of bins.sort((a, b) => cmp(a[0], b[0]))) {
        const path = modules.sourceOf(pkg.dir, target);
        if (!path || this.byName.has(name)) continue;
        const program: Program = { language: 'typescript', key: `bin:${path}`, name, path, from: `${pkg.dir ? `${pkg.dir}/` : ''}package.json bin ${name} = ${target}` };
        this.byName.set(name, program);
        // `npx @scope/pkg` runs the package's only bin.
        if (bins.length === 1 && pkg.name && !this.byName.has(pkg.name)) this.byName.set(pkg.name, program);
        const file = target.replace(/^\.\//, '');
        const binPath = pkg.dir ? `${pkg.dir}/${file}` : file;
        this.byName.set(`node:${binPath}`, program);
        this.byName.set(`node:${path}`, program);
      }
    }
  }

  /** Does the repository declare any program at all (console scripts, bins, modules)? */
  get names(): string[] {
    return [...this.byName.keys()].filter((k) => !k.startsWith('node:')).sort(cmp);
  }

  /**
   * The program a shell command runs, when it is one of the repository's; undefined for other tools.
   * `from`: the file the line is written in (a script path is looked up from the repository's root, then
   * from that file's folder: `python train.py` in `examples/lora/README.md`).
   */
  locate(command: string, from?: string): Located | undefined {
    const tokens = shellTokens(command);
    if (!tokens) return undefined;
    // Segments split at `&&`, `;`, `|`...: the first that runs a program of the repository.
    const segments: Token[][] = [[]];
    for (const t of tokens) {
      if (t.op) {
        segments.push([]);
        continue;
      }
      segments[segments.length - 1].push(t);
    }
    for (const seg of segments) {
      const found = this.locateSegment(seg, from);
      if (found) return found;
    }
    return undefined;
  }

  /** A script path as written, from the repository's root, else from the folder of `from`. */
  private scriptPath(word: string, from?: string): string | undefined {
    const dir = from?.includes('/') ? from.slice(0, from.lastIndexOf('/')) : undefined;
    for (const p of [normalisePath(word), dir !== undefined && !word.startsWith('/') ? normalisePath(`${dir}/${word}`) : undefined]) if (p && this.files.has(p)) return p;
    return undefined;
  }

  private locateSegment(seg: Token[], from?: string): Located | undefined {
    let i = 0;
    // `VAR=value cmd`: the assignments are not part of the command.
    while (i < seg.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(seg[i].raw)) i++;
    const start = i;
    const words = seg.map((t) => t.text);
    for (let guard = 0; guard < 4; guard++) {
      const launcher = COMMAND_LAUNCHERS.find((l) => l.every((w, k) => words[i + k] === w));
      if (!launcher) break;
      i += launcher.length;
      // The launcher's own options (`npx -y`, `uv run --with x`).
      while (i < words.length && words[i].startsWith('-')) i += /^--(with|from|package|python|env-file|directory|project|name)$|^-[pnc]$/.test(words[i]) ? 2 : 1;
    }
    if (i >= words.length) return undefined;
    const line = (to: number) => seg.slice(start, to).map((t) => t.raw).join(' ');
    const first = words[i];
    let program: Program | undefined;
    let argsFrom = i + 1;
    // A launcher of Python scripts (`accelerate launch`, `torchrun`) the repository does not declare: its
    // own options are skipped up to the script or `-m module` it runs.
    const at = (k: number, l: string[]) => l.every((w, n) => words[k + n] === w);
    const python = PYTHON_INTERPRETERS.test(first);
    const launcher = this.byName.has(first) ? undefined : PY_SCRIPT_LAUNCHERS.find((l) => (l[0] === '-m' ? python && at(i + 1, l) && !this.index.modules.has(l[1]) : at(i, l)));
    if (launcher) {
      let j = i + (launcher[0] === '-m' ? 1 : 0) + launcher.length;
      while (j < words.length && words[j] !== '-m' && !/\.py$/.test(words[j])) j++;
      i = j - 1;
    }
    if (launcher || python) {
      let j = i + 1;
      // Interpreter options: `-u`, `-O`, `-I`, `-X utf8`, `-W ignore`.
      while (j < words.length && /^-[A-Za-z]+$/.test(words[j]) && words[j] !== '-m' && words[j] !== '-c') j += /^-[XW]$/.test(words[j]) ? 2 : 1;
      if (words[j] === '-m' && words[j + 1]) {
        const module = words[j + 1];
        if (!this.index.modules.has(module)) return undefined;
        program = this.byModule.get(module) ?? { language: 'python', key: `module:${module}`, name: module, module, from: `\`python -m ${module}\` (${this.index.modules.get(module)})` };
        argsFrom = j + 2;
      } else if (words[j] && /\.py$/.test(words[j])) {
        const path = this.scriptPath(words[j], from);
        const module = path && this.files.has(path) ? this.index.module(path) : undefined;
        if (!path || !module) return undefined;
        program = { language: 'python', key: `module:${module}`, name: path, module, from: `\`python ${path}\`` };
        argsFrom = j + 1;
      } else return undefined;
    } else if (first === 'node' || first === 'tsx' || first === 'ts-node') {
      const path = words[i + 1] ? normalisePath(words[i + 1]) : undefined;
      program = path ? this.byName.get(`node:${path}`) : undefined;
      argsFrom = i + 2;
    } else {
      program = this.byName.get(first) ?? this.byName.get(first.replace(/^\.\//, '').replace(/@[^@/]+$/, ''));
    }
    if (!program) return undefined;
    const text = seg.map((t) => t.raw);
    if (INSTALL_COMMANDS.some((re) => re.test(text.slice(start).join(' ')))) return undefined;
    return { program, args: words.slice(argsFrom), rawArgs: seg.slice(argsFrom).map((t) => t.raw), line: line(seg.length) };
  }
}

/** Command trees of the programs the shell lines run, built once; then shell lines resolve synchronously. */
export class CommandTable implements CommandResolver {
  private constructor(
    readonly catalog: ProgramCatalog,
    private readonly trees: Map<string, CliCommand>,
    /** The repository's scripts by name: a `.py` file outside tests whose stem no other such file has. */
    private readonly scripts: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * Reads the dispatch of every program that one of `commands` runs (and only those). TypeScript bins
   * need the TypeScript project of the run (the bin files are among its sources).
   */
  static async build(catalog: ProgramCatalog, inp: { index: PythonIndex; files: RepoFiles; commands: { command: string; from?: string }[]; tsProject?: TsProject }): Promise<CommandTable> {
    const trees = new Map<string, CliCommand>();
    const programs = new Map<string, Program>();
    for (const c of inp.commands) {
      const found = catalog.locate(c.command, c.from);
      if (found && !programs.has(found.program.key)) programs.set(found.program.key, found.program);
    }
    const py = new PythonCliReader(inp.index, inp.files);
    for (const [key, p] of [...programs].sort((a, b) => cmp(a[0], b[0]))) {
      if (p.language === 'python') {
        trees.set(key, await py.program(p.module, p.attr));
      } else if (inp.tsProject) {
        const { readJsProgram } = await import('../lang/ts/cli-dispatch.js');
        try {
          trees.set(key, readJsProgram(inp.tsProject, p.path));
        } catch (e) {
          // The type checker is not ours: a bin it cannot read leaves its commands unresolved, with the reason.
          const root = cliCommand([]);
          root.target = { kind: 'unresolved', reason: `TypeScript analysis of \`${p.path}\` failed: ${String((e as Error).message ?? e).split('\n')[0]}` };
          trees.set(key, root);
        }
      } else {
        const root = cliCommand([]);
        root.target = { kind: 'unresolved', reason: `\`${p.path}\` (the \`${p.name}\` bin) is not among the TypeScript/JavaScript sources analysed` };
        trees.set(key, root);
      }
    }
    return new CommandTable(catalog, trees, scriptNames(inp.files.files.map((f) => f.path)));
  }

  /** An empty table: every shell line stays a tool. */
  static empty(catalog: ProgramCatalog): CommandTable {
    return new CommandTable(catalog, new Map());
  }

  /** The call site of a shell line that runs one of the repository's commands; undefined for other tools. */
  callSite(path: string, sh: ShellLine): CallSite | undefined {
    const found = this.catalog.locate(sh.command, path);
    if (!found) return undefined;
    const tree = this.trees.get(found.program.key);
    if (!tree) return undefined;
    const walked = walkCommand(tree, found.args, found.rawArgs);
    const { node, rest, problem } = walked;
    // A subcommand that runs one of the repository's scripts by name (`tune run lora_finetune_single_device
    // --config ...`, recipes/lora_finetune_single_device.py) is that script's command: its name is one of
    // the command's words, so each script is an API of its own.
    // (A subcommand: the program itself given a word is a CLI whose subcommands were not read, `hf models ls`.)
    const script = !problem && walked.words.length && !node.sub.size ? scriptWord(node.options, rest, this.scripts) : undefined;
    const words = script ? [...walked.words, script] : walked.words;
    const callee = [found.program.name, ...words].join(' ');
    const site = { path, start: sh.line, end: sh.endLine ?? sh.line, ...(sh.cell !== undefined ? { cell: sh.cell } : {}) };
    const passed = passedOptions(node.options, rest);
    let resolution: Resolution;
    let definition: Definition | undefined;
    const target = node.target;
    if (problem) resolution = { kind: 'unresolved', reason: problem };
    else if (!target) resolution = { kind: 'unresolved', reason: `\`${callee}\`: the function that runs it is not known` };
    else if (target.kind === 'unresolved') resolution = { kind: 'unresolved', reason: target.reason, ...(target.candidates ? { candidates: target.candidates } : {}) };
    else {
      const d = target.definition;
      // The command's options are its parameters (Key Parameters); unknown options: the ones passed.
      const params: Parameter[] = node.options.length ? node.options.map(optionParam) : passed.filter((n) => n.startsWith('-')).map((name) => ({ name }));
      definition = { ...d, params };
      resolution = { kind: 'repo', qualname: d.qualname, module: d.module, span: d.span, via: `command \`${callee}\` (${found.program.from}; ${target.via})` };
    }
    return {
      callee,
      written: found.line,
      argNames: passed,
      argComments: {},
      ...(sh.comment ? { comment: sh.comment } : {}),
      assignedTo: [],
      uses: [],
      site,
      order: [sh.cell ?? 0, sh.line, -1],
      resolution,
      ...(definition ? { definition } : {}),
      command: { line: found.line, program: found.program.name, words, ...(script ? { script } : {}) },
    };
  }
}

/** Stems of the repository's Python scripts outside tests that no other such file shares (`recipes/generate.py` → generate). */
function scriptNames(paths: readonly string[]): Set<string> {
  const count = new Map<string, number>();
  for (const p of paths) {
    const m = /(?:^|\/)([A-Za-z_]\w*)\.py$/.exec(p);
    if (!m || isTestPath(p) || m[1].startsWith('__')) continue;
    count.set(m[1], (count.get(m[1]) ?? 0) + 1);
  }
  return new Set([...count].filter(([, n]) => n === 1).map(([k]) => k));
}

/**
 * The first positional word of a command's arguments (options skipped with their values), when the
 * command declares no positional parameter for it and it names one of the repository's scripts.
 */
function scriptWord(options: CliOption[], rest: string[], scripts: ReadonlySet<string>): string | undefined {
  if (!scripts.size || options.some((o) => o.positional)) return undefined;
  const first = [...commandArgs(options, rest)].find((a) => a.option === undefined)?.word;
  return first !== undefined && /^[A-Za-z_]\w*$/.test(first) && scripts.has(first) ? first : undefined;
}

/** Follows the subcommand words of a command line down the tree. */
export function walkCommand(root: CliCommand, args: string[], raw: string[] = args): { node: CliCommand; words: string[]; rest: string[]; problem?: string } {
  let node = root;
  let i = 0;
  // The subcommand words as typed (an alias stays the alias).
  const words: string[] = [];
  // A group with a default subcommand hands it the rest of the line, the word that was not a subcommand included.
  const toDefault = (): boolean => {
    const d = node.defaultSub !== undefined ? node.sub.get(node.defaultSub) : undefined;
    if (!d || d === node) return false;
    node = d;
    words.push(d.path[d.path.length - 1]);
    return true;
  };
  while (i < args.length && (node.sub.size || node.opaque)) {
    const w = args[i];
    // `--`, and usage placeholders (`[arguments]`, `<path>`) are not subcommand names.
    if (w === '--' || /^[<[{].*[>\]}]$/.test(w)) break;
    if (w.startsWith('-')) {
      // An option of the parent before the subcommand (`tool --verbose run`); its value when it takes one.
      const opt = node.options.find((o) => o.name === w.split('=')[0] || o.aliases?.includes(w.split('=')[0]));
      if (!opt && toDefault()) continue;
      i += !w.includes('=') && !opt?.flag && args[i + 1] !== undefined && !args[i + 1].startsWith('-') && !node.sub.has(args[i + 1]) ? 2 : 1;
      continue;
    }
    // A shell variable (`$CMD`, `"$CMD"`); `'$x'` in single quotes is the text itself.
    if (/^"?\$/.test(raw[i] ?? w)) return { node, words, rest: args.slice(i), problem: `\`${w}\` is a shell variable: which subcommand it names is not known statically` };
    const next = node.sub.get(w);
    if (!next && toDefault()) continue;
    if (!next && node.opaque) return { node, words, rest: args.slice(i), problem: node.opaque };
    if (!next) {
      const known = [...new Set([...node.sub.keys()])].sort(cmp);
      const name = ['', ...node.path].join(' ').trim();
      return { node, words, rest: args.slice(i), problem: `\`${w}\` is not a subcommand${name ? ` of \`${name}\`` : ''} the program declares (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` };
    }
    node = next;
    words.push(w);
    i++;
  }
  if (i >= args.length && node.defaultIfNoArgs) toDefault();
  return { node, words, rest: args.slice(i) };
}

/**
 * The options a command line passes, by the option's name (`--data.json_path` → `--data` when the
 * command declares `--data`), positional words by the positional parameter they fill.
 */
export function passedOptions(options: CliOption[], rest: string[]): string[] {
  const out: string[] = [];
  const positionals = options.filter((o) => o.positional);
  let p = 0;
  const add = (n: string) => {
    if (!out.includes(n)) out.push(n);
  };
  for (const a of commandArgs(options, rest)) {
    if (a.option !== undefined) {
      add(a.option);
      continue;
    }
    const pos = positionals[p];
    if (!pos) continue;
    add(pos.name);
    if (pos.rest) break;
    p++;
  }
  return out;
}

/**
 * The arguments of a command line in order, up to `--`: each option by the name the command declares for it
 * (`--data.json_path` is `--data` when the command declares `--data`), its value skipped unless it is a
 * flag; each other word as a positional word.
 */
function* commandArgs(options: CliOption[], rest: string[]): Generator<{ option?: string; word: string }> {
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === '--') return;
    if (w.startsWith('-') && w !== '-' && !/^-\d/.test(w)) {
      const flag = w.split('=')[0];
      const opt = options.find((o) => !o.positional && (o.name === flag || o.aliases?.includes(flag))) ?? options.find((o) => !o.positional && flag.includes('.') && o.name === flag.split('.')[0]);
      yield { option: opt?.name ?? flag, word: w };
      if (!w.includes('=') && !opt?.flag && rest[i + 1] !== undefined && !rest[i + 1].startsWith('-')) i++;
      continue;
    }
    yield { word: w };
  }
}

function optionParam(o: CliOption): Parameter {
  return { name: o.name, ...(o.type ? { type: o.type } : {}), ...(o.default !== undefined ? { default: o.default } : {}) };
}

/**
 * Role, verb and object of a command step: the subcommand words name it (`finetune` → "Finetune",
 * principle "Finetuning"; `merge_lora` → "Merge LoRA"), the program's name when there is none. A word
 * that is a known verb behind a prefix (`pretrain`) takes that verb's role and noun with the prefix.
 */
export function commandNaming(command: { program: string; words: string[]; script?: string }): { role: Role; verb: string; noun: string; object: string[] } {
  // A module run as a program is named by its package when its own name only says it is the entry point
  // (`python -m open_clip_train.main` → open_clip_train: the step was "Main").
  const parts = command.program.replace(/\.py$/, '').split(/[/.]/).filter(Boolean);
  const entry = !command.words.length && parts.length > 1 && ENTRY_MODULE_NAMES.has(parts[parts.length - 1]);
  const source = command.words.length ? command.words : [entry ? parts[parts.length - 2] : (parts[parts.length - 1] ?? command.program)];
  // (A Unix-style abbreviation is its verb: `tune cp` copies, `tune ls` lists.)
  const ts = source.flatMap((w) => tokens(w.replace(/-/g, '_'))).map((t) => COMMAND_ABBREVIATIONS[t] ?? t);
  // A script's name is one name, kept whole (Run LoRA Finetune Single Device); other words, at most three.
  const most = command.script ? 3 + tokens(command.script).length : 3;
  // Words and script names say what they do first (`download list`, `build_config.py`); a package says it
  // last, after the project's name (`open_clip_train`: not "Open", the first verb found).
  const verbs = ts.map((t) => !!(VERBS[t] || prefixedVerb(t)));
  const verbAt = entry ? verbs.lastIndexOf(true) : verbs.indexOf(true);
  // Else a verb of no milestone among its words says what it does, and the step still runs a program (`cp` →
  // Copy, `cache scan` → Scan Cache).
  const actionAt = verbAt < 0 ? ts.findIndex((t) => ACTION_VERBS[t]) : -1;
  if (actionAt >= 0) return { role: 'run', verb: word(ts[actionAt]), noun: ACTION_VERBS[ts[actionAt]], object: ts.filter((x, k) => k !== actionAt && !STOP_TOKENS.has(x)).slice(0, most) };
  // Not a known verb (`thumbs`, `env`): "Run Thumbs", principle `Thumbs_Execution`, as for a tool.
  if (verbAt < 0) return { role: 'run', verb: 'Run', noun: 'Execution', object: ts.filter((x) => !STOP_TOKENS.has(x)).slice(0, most) };
  const t = ts[verbAt];
  const v = VERBS[t] ?? VERBS[prefixedVerb(t)!.verb];
  const prefix = VERBS[t] ? '' : prefixedVerb(t)!.prefix;
  const noun = prefix ? word(`${prefix}${v.noun.toLowerCase()}`) : v.noun;
  const object = ts.filter((x, k) => k !== verbAt && !STOP_TOKENS.has(x)).slice(0, most);
  return { role: v.role, verb: word(t), noun, object };
}

function prefixedVerb(t: string): { prefix: string; verb: string } | undefined {
  const prefix = VERB_PREFIXES.find((p) => t.startsWith(p) && VERBS[t.slice(p.length)]);
  return prefix ? { prefix, verb: t.slice(prefix.length) } : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Shell words

interface Token {
  /** The word with quotes removed. */
  text: string;
  /** As written. */
  raw: string;
  /** A control operator (`&&`, `|`, `;`, a redirection) or a comment: the command ends there. */
  op?: boolean;
}

/** Shell words of one command line (quotes removed, `#` comments dropped); undefined for an unclosed quote. */
export function shellTokens(line: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  const s = line.trim();
  while (i < s.length) {
    const ch = s[i];
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '#') break;
    const op = /^(\|\||&&|;;|[|;&()]|\d?>>?(&\d)?|<)/.exec(s.slice(i));
    if (op) {
      out.push({ text: op[0], raw: op[0], op: true });
      i += op[0].length;
      continue;
    }
    let text = '';
    const from = i;
    while (i < s.length && !/[\s|;&()<>]/.test(s[i])) {
      const c = s[i];
      if (c === "'" || c === '"') {
        const end = s.indexOf(c, i + 1);
        if (end < 0) return undefined;
        text += s.slice(i + 1, end);
        i = end + 1;
      } else if (c === '\\' && i + 1 < s.length) {
        text += s[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    out.push({ text, raw: s.slice(from, i) });
  }
  return out;
}

function normalisePath(p: string): string | undefined {
  const parts: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.join('/') || undefined;
}
