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
  span: WorkflowSource['span'];
  /** Runtime of the source's language (the workflow's environment), when not the context's. */
  runtime?: 'Python' | 'Node';
}
