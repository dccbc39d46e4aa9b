// Shell lines (notebook `!cmd`, README shell blocks, shell scripts) run tools: one External Tool call site
// per command, except a command of the repository's own CLI, which resolves to the function that runs it.
import type { CallSite } from '../model.js';
import { AUTH_COMMAND, INSTALL_COMMANDS, NOT_SHELL_COMMAND, RUNTIME_PROGRAMS, SCAFFOLD_COMMAND, SHELL_PROGRAMS, SHELL_UTILITY_PROGRAMS, TEST_RUNNER_COMMANDS } from '../heuristics/tables.js';

export interface ShellLine {
  line: number;
  cell?: number;
  command: string;
  /** Last line of a command continued with `\`. */
  endLine?: number;
  /** The `#` lines right above the command. */
  comment?: string;
}

/** Resolves a shell line running one of the repository's commands (resolve/commands.ts). */
export interface CommandResolver {
  callSite(path: string, sh: ShellLine): CallSite | undefined;
}

/** Call sites of shell lines; install commands, shell utilities (`cd`, `curl`), signing in (`wandb login`), running the test suite (`pytest`), `%` magics and code pasted in a shell block never become steps. */
export function shellCallSites(path: string, shell: ShellLine[], commands?: CommandResolver): CallSite[] {
  const out: CallSite[] = [];
  for (const sh of shell) {
    if (INSTALL_COMMANDS.some((re) => re.test(sh.command)) || sh.command.trim().startsWith('%')) continue;
    if (NOT_SHELL_COMMAND.some((re) => re.test(sh.command.trim()))) continue;
    const own = commands?.callSite(path, sh);
    if (own) {
      out.push(own);
      continue;
    }
    // The program is the first word after `VAR=value` assignments.
    const command = sh.command.trim().replace(/^([A-Za-z_][A-Za-z0-9_]*=("[^"]*"|'[^']*'|\S*)\s+)+/, '');
    const words = command.split(/\s+/);
    if (SHELL_UTILITY_PROGRAMS.has(words[0]) || (SHELL_PROGRAMS.has(words[0]) && words.length === 1) || AUTH_COMMAND.test(command) || TEST_RUNNER_COMMANDS.test(command) || SCAFFOLD_COMMAND.test(command)) continue;
    let callee = words[0];
    if (RUNTIME_PROGRAMS.has(callee)) {
      if (!/^python3?$/.test(callee) || words[1] !== '-m' || !words[2]) continue;
      callee = words[2];
    }
    out.push({
      callee,
      written: sh.command.trim(),
      argNames: [],
      argComments: {},
      assignedTo: [],
      uses: [],
      site: { path, start: sh.line, end: sh.line, ...(sh.cell !== undefined ? { cell: sh.cell } : {}) },
      order: [sh.cell ?? 0, sh.line, -1],
      resolution: { kind: 'tool', command },
    });
  }
  return out;
}
