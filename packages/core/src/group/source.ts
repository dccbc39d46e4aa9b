// A candidate source once analysed: its calls, its draft steps, and what introduces it. The input of the
// grouping stage (usecases, rank, naming, texts, workflows).
import type { CallSite, Candidate, WorkflowSource } from '../model.js';
import type { Paragraph } from '../lang/markdown/codeblocks.js';
import type { DraftStep } from './steps.js';

export interface AnalysedSource {
  candidate: Candidate;
  score: number;
  calls: CallSite[];
  steps: DraftStep[];
  /** Title of a notebook or heading of a code block. */
  title?: string;
  /** Title of the Markdown page a code block is on. */
  page?: string;
  /** Prose around a code block; the module docstring of a script. */
  prose?: string;
  /** The same prose paragraph by paragraph, each with its line (the texts trace each sentence to it). */
  paragraphs?: Paragraph[];
  /**
   * A later part of a README/docs section (group/sections.ts): the paragraphs under the section's heading,
   * which introduce its first part; the last words an empty Overview may take.
   */
  sectionLead?: Paragraph[];
  /** On a page's first code example: the paragraphs the page opens with, before any code. */
  intro?: Paragraph[];
  /** The summary of the docs page it is on, from the page's front matter (`description:`). */
  pageSummary?: Paragraph;
  span: WorkflowSource['span'];
  /** Runtime of the source's language (the workflow's environment), when not the context's. */
  runtime?: 'Python' | 'Node';
}

/** A source made only of shell lines (a README section of commands, a shell script) that run the repository's programs. */
export const onlyCommands = (m: AnalysedSource): boolean => m.calls.some((c) => c.command) && m.calls.every((c) => !!c.command || c.resolution.kind !== 'repo');

/**
 * A source of commands that runs a script of the given paths (`accelerate launch scripts/sft.py` beside
 * scripts/sft.py): it documents how to run that script (group/workflows.ts folds it into its use case).
 */
export const runsScriptOf = (m: AnalysedSource, paths: ReadonlySet<string>): boolean =>
  onlyCommands(m) && m.calls.some((c) => paths.has(scriptRun(c) ?? ''));

/**
 * The file of the repository's Python script a command runs: by its path (`python scripts/sft.py`), or
 * as a module (`python -m pkg.train`, `torchrun -m pkg.train`: the module's own file, `pkg/train.py` or
 * `pkg/train/__main__.py`, wherever its package lives). Not a console script (`lerobot-train`): that
 * program is the library's command.
 */
export function scriptRun(c: CallSite): string | undefined {
  if (!c.command || c.resolution.kind !== 'repo') return undefined;
  const file = c.resolution.span.path;
  const program = c.command.program;
  if (/\.py$/.test(program)) return file;
  if (!c.command.line.split(/\s+/).some((w, i, ws) => w === '-m' && ws[i + 1] === program)) return undefined;
  const own = [`${program.replace(/\./g, '/')}.py`, `${program.replace(/\./g, '/')}/__main__.py`];
  return own.some((f) => file === f || file.endsWith(`/${f}`)) ? file : undefined;
}
