// Candidate sources made of shell commands that run the repository's own CLI: a README/docs section
// whose shell blocks run `litgpt download` → `litgpt finetune` → `litgpt chat` (even with no Python or
// TypeScript block under its heading), and shell scripts in example folders. Their calls come from the
// command resolver (resolve/commands.ts) at resolution time; here only the commands are collected.
import type { Candidate, SourceKind } from '../model.js';
import type { CodeBlock } from '../lang/markdown/codeblocks.js';
import { shellCommands } from '../lang/markdown/codeblocks.js';
import { shellTokens, type ProgramCatalog } from '../resolve/commands.js';
import type { PendingSource } from './discover.js';
import { splitLines } from '../text/lines.js';

/**
 * Output lines pasted into shell blocks (`>> Prompt: ...`, `> result`) and stray option lines of a
 * command whose continuation was lost (`--nproc_per_node 2 \\`) are not commands, and shell
 * builtins that only set up the shell (`set -e`, `cd`, `export`, `echo`) are not steps.
 */
const NOT_A_COMMAND = /^([<>|&{}()\[\]-]|(set|cd|export|source|\.|echo|printf|exit|shift|unset|alias|pushd|popd|trap|wait|read|local|declare|true|false|if|then|else|elif|fi|for|while|until|do|done|case|esac|break|continue|function|return|select|time|test|eval|exec|sleep|kill|ps|mkdir|rm|cp|mv|ls|cat|tail|head|grep|sed|awk|tee|touch|chmod)(\s|;|$))/;

/** A `user@host:~$ ` or `(venv) $ ` prompt left in front of a command. */
const PROMPT = /^(\(\S+\)\s+)?([\w.-]+@[\w.-]+)?:?[~\w/.-]*\$\s+/;

/**
 * The commands of a shell block worth a step: the repository's own, and other lines that look like a
 * program run (a lower-case program name after any `VAR=value`), not pasted output or prose.
 */
function commandsOf(shell: PendingSource['shell'], catalog: ProgramCatalog, from: string): PendingSource['shell'] {
  const out: PendingSource['shell'] = [];
  for (const c of shell) {
    const command = c.command.trim().replace(PROMPT, '');
    // A line that runs one of the repository's programs counts, even behind `printf ... |`.
    if (!catalog.locate(command, from)) {
      if (NOT_A_COMMAND.test(command)) continue;
      // A variable set to a command's output (`VLM_DIR=$(uv run hf download ...)`) keeps a value: no step.
      if (/^[A-Za-z_][A-Za-z0-9_]*=(\$\(|`)/.test(command)) continue;
      const words = (shellTokens(command) ?? []).filter((t) => !t.op).map((t) => t.raw);
      const program = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
      if (!program || !/^(\.{0,2}\/)?[a-z0-9][\w.+/-]*$/.test(program)) continue;
    }
    out.push(command === c.command ? c : { ...c, command });
  }
  return out;
}

/**
 * One candidate per Markdown section (the blocks under one heading) whose shell commands run at least
 * one of the repository's programs. `sections` holds, by heading path, the section's shell commands
 * that no TypeScript block took; install commands are already out.
 */
export function commandSections(
  path: string,
  blocks: CodeBlock[],
  sections: Map<string, PendingSource['shell']>,
  catalog: ProgramCatalog,
  opts: { readme: boolean; kind: SourceKind },
): PendingSource[] {
  const out: PendingSource[] = [];
  for (const [key, commands] of sections) {
    const shell = commandsOf(commands, catalog, path);
    if (!shell.some((c) => catalog.locate(c.command, path))) continue;
    const own = blocks.filter((b) => b.language === 'shell' && b.headingPath.join('\u0000') === key && b.source.shell.length);
    const first = own[0];
    const last = own[own.length - 1];
    if (!first || !last) continue;
    const end = last.source.lines[last.source.lines.length - 1]?.line ?? last.startLine;
    const candidate: Candidate = {
      id: `${path}#L${first.startLine}`,
      path,
      kind: opts.kind,
      line: first.startLine,
      foundBy: `${opts.readme ? 'README' : 'docs'} shell commands (the repository's own CLI)`,
      kept: false,
      reason: '',
      ...(first.heading ? { heading: first.heading } : {}),
    };
    out.push({
      candidate,
      language: 'shell',
      score: (opts.readme ? 70 : 60) + (/quick ?start|getting started|usage|example/i.test(first.heading ?? '') ? 10 : 0),
      text: '',
      shell,
      prose: [first.prose, first.after].filter(Boolean).join(' '),
      paragraphs: first.paragraphs,
      ...(first.heading ? { title: first.heading } : {}),
      ...(first.pageTitle ? { page: first.pageTitle } : {}),
      // One source with the section's code blocks (group/sections.ts merges them).
      section: `${path}#S${first.headingLine}`,
      blockLines: [first.startLine, end],
    });
  }
  return out;
}

/** A shell script (`*.sh`) in an example folder that runs one of the repository's programs. */
export function shellScriptSource(path: string, text: string, catalog: ProgramCatalog, base: { kind: SourceKind; foundBy: string; score: number }): PendingSource | undefined {
  const lines = splitLines(text);
  const shell = commandsOf(shellCommands(lines, lines.map((_, i) => ({ line: i + 1 }))), catalog, path);
  if (!shell.some((c) => catalog.locate(c.command, path))) return undefined;
  return {
    candidate: { id: path, path, kind: base.kind, line: 1, foundBy: base.foundBy, kept: false, reason: '' },
    language: 'shell',
    score: base.score,
    text: '',
    shell,
    blockLines: [1, Math.max(1, lines.length)],
  };
}
