// Shell lines (notebook `!cmd`, README shell blocks) run tools: one External Tool call site per command.
import type { CallSite } from '../model.js';
import { INSTALL_COMMANDS } from '../heuristics/tables.js';

export interface ShellLine {
  line: number;
  cell?: number;
  command: string;
}

/** Tool call sites of shell lines; install commands and `%` magics never become steps. */
export function shellCallSites(path: string, shell: ShellLine[]): CallSite[] {
  const out: CallSite[] = [];
  for (const sh of shell) {
    if (INSTALL_COMMANDS.some((re) => re.test(sh.command)) || sh.command.trim().startsWith('%')) continue;
    out.push({
      callee: sh.command.trim().split(/\s+/)[0],
      written: sh.command.trim(),
      argNames: [],
      argComments: {},
      assignedTo: [],
      uses: [],
      site: { path, start: sh.line, end: sh.line, ...(sh.cell !== undefined ? { cell: sh.cell } : {}) },
      order: [sh.cell ?? 0, sh.line, -1],
      resolution: { kind: 'tool', command: sh.command.trim() },
    });
  }
  return out;
}
