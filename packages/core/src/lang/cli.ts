// The command tree of a repository's own command-line program, as the per-language dispatch readers
// (python/cli-dispatch.ts, ts/cli-dispatch.ts) find it: each (sub)command with the function that runs
// it and the options it takes. Only what is written statically: a command whose function cannot be
// followed carries the reason instead.
import type { Definition } from '../model.js';

export interface CliOption {
  /** As typed: `--lr`, or a positional's name (`checkpoint_dir`). */
  name: string;
  positional: boolean;
  /** Other spellings of the same option (`-l`). */
  aliases?: string[];
  type?: string;
  default?: string;
  help?: string;
  /** A flag: takes no value. */
  flag?: boolean;
  /** Takes every remaining word (`nargs=argparse.REMAINDER`, a variadic argument). */
  rest?: boolean;
}

export type CliTarget =
  | { kind: 'def'; definition: Definition; /** How the function was found (`set_defaults(func=…)`, `CLI dict`, ...). */ via: string }
  | { kind: 'unresolved'; reason: string; candidates?: string[] };

export interface CliCommand {
  /** Words after the program name (`['finetune']`); `[]` for the program itself. */
  path: string[];
  /** What runs when the command is given with no further subcommand. */
  target?: CliTarget;
  options: CliOption[];
  /** Subcommands by every name they answer to (aliases included). */
  sub: Map<string, CliCommand>;
  /** Subcommands exist but are registered where they cannot be followed statically: why. */
  opaque?: string;
  /**
   * The subcommand that runs when the first word is none of `sub` (click-default-group): the word and
   * the options the command does not declare itself are that subcommand's.
   */
  defaultSub?: string;
  /** With `defaultSub`: a line with no word at all runs it too (`default_if_no_args=True`). */
  defaultIfNoArgs?: boolean;
  /** The framework that reads the options (`argparse`, `click`, `typer`, `jsonargparse`, `fire`, `commander`, `yargs`). */
  style?: string;
}

export function cliCommand(path: string[], style?: string): CliCommand {
  return { path, options: [], sub: new Map(), ...(style ? { style } : {}) };
}

/** The subcommand `name` of `parent`, created when new (aliases map to the same command). */
export function subcommand(parent: CliCommand, name: string, style?: string): CliCommand {
  let node = parent.sub.get(name);
  if (!node) {
    node = cliCommand([...parent.path, name], style ?? parent.style);
    parent.sub.set(name, node);
  }
  return node;
}

/**
 * The options of a function's parameters, as a CLI built from the signature shows them (jsonargparse,
 * fire, typer): a parameter without a default is positional, the others are `--name` options (typer
 * spells them with dashes). `*args`/`**kwargs` are not options.
 */
export function optionsFromParams(params: Definition['params'], style: 'jsonargparse' | 'fire' | 'typer'): CliOption[] {
  const out: CliOption[] = [];
  for (const p of params) {
    if (p.name.startsWith('*') || p.name.startsWith('...')) continue;
    const positional = p.default === undefined;
    const name = positional ? p.name : `--${style === 'typer' ? p.name.replace(/_/g, '-') : p.name}`;
    const flag = !positional && (p.type === 'bool' || /^(True|False)$/.test(p.default ?? ''));
    out.push({ name, positional, ...(p.type ? { type: p.type } : {}), ...(p.default !== undefined ? { default: p.default } : {}), ...(flag ? { flag } : {}) });
  }
  return out;
}

/** Every command of a tree, parents first, each once (aliases share a command). */
export function allCommands(root: CliCommand): CliCommand[] {
  const out: CliCommand[] = [];
  const seen = new Set<CliCommand>();
  const visit = (n: CliCommand) => {
    if (seen.has(n)) return;
    seen.add(n);
    out.push(n);
    for (const k of [...n.sub.keys()].sort()) visit(n.sub.get(k)!);
  };
  visit(root);
  return out;
}
