// The one data model of goldpath. Every stage reads and extends these types; nothing else is shared.
// Every fact carries the repository-relative path and the 1-based line it came from.

/** A place in the repository. `cell` is set for notebooks (cells counted from 1 over all cells). */
export interface Place {
  path: string;
  line: number;
  cell?: number;
}

/** A line range in one file (or one notebook cell), both ends inclusive, 1-based. */
export interface Span {
  path: string;
  start: number;
  end: number;
  cell?: number;
}

export type SourceKind = 'example' | 'notebook' | 'readme' | 'docs' | 'entry-point' | 'script' | 'test';

/** A candidate golden-path source, kept or dropped with the reason. */
export interface Candidate {
  /** Unique id: the path, plus `#L<line>` for a code block inside a Markdown file. */
  id: string;
  path: string;
  kind: SourceKind;
  /** First line of the code block in the Markdown file; 1 for whole files. */
  line: number;
  /** Heading above a code block, or the phase 0 Purpose text of a file. */
  heading?: string;
  /** How the candidate was found (e.g. `examples/ folder`, `[project.scripts] acme = acme.cli:main`). */
  foundBy: string;
  kept: boolean;
  reason: string;
  /** Workflow the candidate ended up in, when kept. */
  workflow?: string;
}

export type ImplementationType = 'API Doc' | 'Wrapper Doc' | 'Pattern Doc' | 'External Tool Doc';

export type Role =
  | 'load'
  | 'configure'
  | 'prepare_data'
  | 'build'
  | 'train'
  | 'evaluate'
  | 'infer'
  | 'save'
  | 'run'
  | 'other';

/** How a call site was resolved. */
export type Resolution =
  | {
      kind: 'repo';
      /** Qualified name of the definition in its module, e.g. `Trainer.train`. */
      qualname: string;
      /** Dotted module path, e.g. `tinytune.trainer`. */
      module: string;
      span: Span;
      /** How the receiver or name was followed: `import`, `constructor`, `instance`, `attachment`, ... */
      via: string;
      /** Other definitions the name is bound to only under a condition (the unconditional binding is printed). */
      candidates?: string[];
    }
  | { kind: 'external'; module: string; distribution: string }
  | { kind: 'pattern'; span: Span; name: string }
  | { kind: 'tool'; command: string }
  | { kind: 'builtin'; name: string }
  /**
   * `method`: a method called on a repository object whose class is not known statically (what a factory
   * returns, a base class whose subclasses define it): the repository's API, at no exact location.
   */
  | { kind: 'unresolved'; reason: string; candidates?: string[]; method?: string };

export interface Parameter {
  name: string;
  type?: string;
  default?: string;
}

/** A definition in the repository that a call resolved to. */
export interface Definition {
  path: string;
  module: string;
  qualname: string;
  kind: 'function' | 'class' | 'method';
  span: Span;
  params: Parameter[];
  returns?: string;
  /** First sentence of the docstring. */
  summary?: string;
  /** First paragraph of the docstring/JSDoc (its description, before the parameter sections). */
  docParagraph?: string;
  /** What the docstring/JSDoc says of each parameter (`Args:`, `Parameters`, `:param x:`, `@param x`). */
  paramDocs?: Record<string, string>;
  /** Direct imports of the module holding the definition that leave the repository (distribution names). */
  externalImports: string[];
}

/** One call in a golden-path source, with what it resolved to. */
export interface CallSite {
  /** The callee as written, aliases replaced by the imported name: `FastLanguageModel.from_pretrained`. */
  callee: string;
  /** The callee exactly as the source writes it (`LC`, `np.array`). */
  written: string;
  /** Keyword names, positional arguments by their parameter name when known. */
  argNames: string[];
  /** The example's own comments beside the arguments, by argument name. */
  argComments: Record<string, string>;
  /** Comment lines directly above the statement. */
  comment?: string;
  /** Variables the result is assigned to. */
  assignedTo: string[];
  /** Variables read in the arguments or receiver (data flow in). */
  uses: string[];
  site: Span;
  resolution: Resolution;
  definition?: Definition;
  /** Execution order in its source: [cell, statement line, post-order rank] (arguments run first). */
  order?: number[];
  /**
   * The `order` of the innermost call of the source whose receiver or arguments hold this one
   * (`get_peft_model(...)` for `LoraConfig(...)` in `get_peft_model(model, LoraConfig(...))`); `[]` when
   * none does; absent when not known (then the lines of the calls' spans say it).
   */
  within?: number[];
  /**
   * A decorator over a function the source hands on: `bare` (`@function_tool`, no parentheses written) or
   * `call` (`@function_tool(name_override=...)`).
   */
  decorator?: 'bare' | 'call';
  /**
   * A call written as a decorator over a function the source defines and does not hand on (`@mcp.tool()`
   * over `def add`): that function's name. It defines the function for the library (Define Tool); it
   * calls no tool.
   */
  decorates?: string;
  /** For a pattern (a local function passed to an API): the callee it is passed to. */
  passedTo?: string;
  /** The values the call passes, as written (clipped), by argument name: what the user chose. */
  argValues?: Record<string, string>;
  /** Where `comment` starts (the first `#` line above the statement). */
  commentAt?: Place;
  /**
   * The arm of an `if`/`try`/`match` the call sits in: calls in different arms of one construct are
   * alternatives (`if args.save_gguf: ... else: ...`), shown as one step.
   */
  branch?: Arm;
  /**
   * Every arm around the call, outermost first (the last is `branch`), when there are several: calls are
   * alternatives at the first construct where their arms differ (the GGUF save in `if args.gguf:` inside
   * a loop, the merged save after it in the implicit `else` of an `if` that returns). In a step with
   * alternatives, `branch` is the arm of that construct.
   */
  arms?: Arm[];
  /** The loop the call repeats under (`for method in methods`). */
  loop?: { header: string; at: Place };
  /**
   * A shell line that runs one of the repository's own commands (clarification 23): the command line as
   * written (continuation lines joined, trimmed to the command and its options), the program's name
   * and the subcommand words followed to the function that runs them (then the name of the repository
   * script the subcommand runs, when it is given one: `tune run lora_finetune_single_device`).
   */
  command?: { line: string; program: string; words: string[]; /** The script among the words, when one is. */ script?: string };
}

/**
 * One arm of an `if`/`try`/`match`: the construct (its keyword's place), the arm's number (0 first) and
 * its condition as written (`args.save_gguf`, `else`, `except ValueError`, a case pattern). The statements
 * after an `if` whose every arm leaves its block (`return`, `raise`, ...) are in its implicit `else`.
 */
export interface Arm {
  kind: 'if' | 'try' | 'match';
  at: Place;
  arm: number;
  condition: string;
}

export interface StepCall {
  call: CallSite;
  /** `{callee}({args})` as in API Call. */
  apiCall: string;
  /** Implementation page name without the repo prefix (1:1 rule applied). */
  implementation: string;
  type: ImplementationType;
  /** `path:Lstart-end`, `external (pkg)`, or `unresolved`. */
  sourceLocation: string;
  /** `Class.method` of the resolved definition, when it differs from the callee. */
  resolvedTo?: string;
  externalDependencies: string[];
  environment: string;
  keyParameters: string[];
  inputs: string;
  outputs: string;
  /** `✅` when the implementation page exists in the wiki. */
  status: '✅' | '⬜';
  /** Another way to do the step, in another arm of the same `if`/`try`/`match` as the main call. */
  alternative?: boolean;
  /** The arm's condition (`args.save_gguf`, `else`), when the step has alternatives. */
  condition?: string;
  /** The main call again, with options it does not pass, as another README or docs section or example of the workflow shows it. */
  shown?: boolean;
}

/**
 * One sentence of a text goldpath writes, with where it comes from: a comment, README/docs prose, a
 * docstring, the call's own arguments or data flow (each at a file and line of the repository), or one
 * of the documented connective templates (`connective`, no place).
 */
export interface TextTrace {
  text: string;
  from: 'comment' | 'prose' | 'docstring' | 'parameters' | 'call' | 'dataflow' | 'branch' | 'loop' | 'literal' | 'connective';
  at?: Place;
}

export interface Step {
  number: number;
  title: string;
  /** Principle name without the repo prefix, e.g. `Model_Loading`. */
  principle: string;
  role: Role;
  /** The step's text: its sentences joined (`trace` says where each comes from). */
  description: string;
  trace: TextTrace[];
  considerations: string[];
  /**
   * The step's main call first, then the calls merged into it. Calls in other arms of the same
   * `if`/`try`/`match` are `alternative` (each with its condition): the step is done one way or another.
   */
  calls: StepCall[];
}

export interface WorkflowSource {
  path: string;
  kind: SourceKind;
  heading?: string;
  /** Span of the code the workflow was read from (a code block, or the whole file). */
  span: Span;
}

/** One piece of evidence behind a use case's rank, with the points it gave (docs/heuristics.md §5). */
export interface RankEvidence {
  /** `readme-quickstart`, `readme-section`, `docs-guide`, `docs-section`, `readme-mention`, `phase0`, `examples`, `entry-point`, `support`, `public-api`, `tests-only`, `repeats`, `config-only`. */
  kind: string;
  /** What was seen: a path and heading, a count, a share. */
  detail: string;
  points: number;
}

export interface Workflow {
  /** 1 = the most important golden path; pages, index and report follow this order. */
  rank: number;
  /** Rank score and the evidence behind it. */
  score: number;
  evidence: RankEvidence[];
  /** The use case's most distinctive API, as the user calls it (`GRPOTrainer`, `chat.completions.stream`). */
  anchor: string;
  /** Name without the repo prefix, e.g. `QLoRA_Finetuning`. */
  name: string;
  /** `{repo_name}_{name}`. */
  pageName: string;
  /** Where the name came from: `phase0`, `purpose`, `readme-heading`, `file-name`. */
  nameFrom: string;
  overview: string;
  description: string;
  usage: string;
  /** Where each sentence of the overview, description and usage comes from. */
  traces: { overview: TextTrace[]; description: TextTrace[]; usage: TextTrace[] };
  sources: WorkflowSource[];
  domains: string[];
  steps: Step[];
  /** Repository files the workflow covers: its sources and the files of resolved definitions. */
  coveredFiles: string[];
}

/** A use case found but not written (past the `--max-workflows` budget, or too small), so nothing is lost silently. */
export interface OmittedUseCase {
  rank: number;
  name: string;
  anchor: string;
  score: number;
  /** Candidate ids of its sources, representative first. */
  sources: string[];
  /** The APIs its steps call, as written. */
  apis: string[];
  reason: string;
}

export interface KnowledgeSource {
  kind: 'Repo' | 'Doc' | 'Blog' | 'Paper';
  title: string;
  url: string;
}

export interface UnresolvedCall {
  callee: string;
  site: Span;
  reason: string;
  candidates?: string[];
}

export interface Skipped {
  path: string;
  reason: string;
}

/**
 * Version of the model's JSON shape (`--json`, packages/core/schema/goldpath-model.schema.json):
 * `major.minor`. The minor grows when fields are added; the major when a field is removed, renamed or
 * changes meaning. Consumers should check the major.
 */
export const SCHEMA_VERSION = '1.4';

export interface GoldpathModel {
  /** The version of this shape (`major.minor`, see SCHEMA_VERSION). */
  schemaVersion: typeof SCHEMA_VERSION;
  repoName: string;
  repoUrl?: string;
  /** `YYYY-MM-DD HH:MM GMT`. */
  lastUpdated: string;
  lastUpdatedFrom: 'git' | 'option' | 'fallback';
  knowledgeSources: KnowledgeSource[];
  domains: string[];
  /** `{repo_name}_CUDA`, `{repo_name}_Python` or `{repo_name}_Node`. */
  environment: string;
  languages: string[];
  /** Ranked: `workflows[i].rank === i + 1`. */
  workflows: Workflow[];
  /** Use cases past the budget, by rank. */
  omitted: OmittedUseCase[];
  candidates: Candidate[];
  unresolved: UnresolvedCall[];
  skipped: Skipped[];
  /** Inputs found in the wiki directory (repo map path, phase 0 report), relative to the wiki dir. */
  wikiInputs: { repoMap?: string; phase0Report?: string; notes: string[] };
  /** Existing page names in the wiki, by folder (`implementations`, `principles`, `workflows`, ...). */
  existingPages: Record<string, string[]>;
  /** Parser backend used for Python (`native` or `wasm`). */
  parserBackend?: string;
  /** `{repo_name}_*` workflow pages in the wiki that this run does not produce (left in place). */
  stalePages: string[];
  /**
   * Stale `{repo_name}_*` workflow pages that goldpath wrote (they carry its marker) and that this run
   * removes (`prune`); empty unless pruning.
   */
  prunedPages: string[];
  /** The configuration the run used (see `loadConfig`): where it came from and the keys it set. */
  config?: { source: string; keys: string[] };
}

export interface ExtractOptions {
  /** The repository to read. */
  repo: string;
  /** The wiki directory holding phase 0 inputs (may not exist yet). */
  wiki: string;
  /** Overrides the derived repo name; validated. */
  name?: string;
  /** `YYYY-MM-DD HH:MM`, overrides the HEAD commit time. */
  date?: string;
  /** The Python parser: `native` (the tree-sitter binding, the default) or `wasm` (web-tree-sitter, also the fallback when the binding cannot load). */
  parser?: 'native' | 'wasm';
  /** The same as `parser: 'wasm'`. */
  forceWasm?: boolean;
  /** Progress callback, one line per stage. */
  onProgress?: (line: string) => void;
  /**
   * Progress inside a long stage, called as each item starts: item `n` (1-based) of `total`, and its
   * name (for `parse + resolve`: the candidate source's id).
   */
  onCount?: (stage: string, n: number, total: number, item: string) => void;
  /** Globs (repository-relative paths): only candidate sources matching one are analysed. */
  include?: string[];
  /** Globs (repository-relative paths): matching candidate sources are dropped, "excluded by config". */
  exclude?: string[];
  /** Extra example folders (repository-relative): their files are candidate sources like `examples/`'s. */
  exampleDirs?: string[];
  /** Files larger than this many bytes are skipped with the reason (default 1 MiB). */
  maxFileSize?: number;
  /** How many golden paths get a page (default 12); the rest are listed in the report. */
  maxWorkflows?: number;
  /** Every golden path gets a page, whatever `maxWorkflows` says. */
  all?: boolean;
  /** Stale `{repo_name}_*` pages that goldpath wrote are listed in `prunedPages`, for `writeWiki` to remove. */
  prune?: boolean;
  /** The configuration used (recorded in the model and the report); see `loadConfig`. */
  config?: { source: string; keys: string[] };
  /** Every resolved call site of every analysed source (for benchmarks and tools). */
  onCalls?: (candidateId: string, calls: CallSite[]) => void;
  /**
   * A folder for the re-run cache, kept between runs: a re-run reuses the whole model when no input
   * changed, else each candidate source's resolution whose read files did not change, and per-file facts
   * (rerun.ts, cache.ts). Off by default; outputs are byte-identical with and without it. goldpath writes
   * there and nowhere else outside the wiki directory.
   */
  cache?: string;
  /**
   * Threads that make Python facts (default 1: none besides the main one): with more, `jobs - 1` worker
   * threads parse ahead the Python files the run will need (without `cache`, from the start of discovery
   * also the attachment scan's modules and the docs pages' code blocks). `'auto'` (the CLI's default): one
   * thread per core (at most 4) when those files hold at least 16 M characters (`AUTO_JOBS`; before
   * discovery, the repository's `.py` files), else one. Outputs are the same whatever the number.
   */
  jobs?: number | 'auto';
}

export interface RenderedFile {
  /** Path relative to the wiki directory, `/`-separated. */
  path: string;
  content: string;
}

/** Raised for fatal input problems (exit code 2, nothing written). */
export class GoldpathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoldpathError';
  }
}

/** An unexpected failure (a bug), with the input it happened on; the CLI prints one line and exits 3. */
export class InternalError extends Error {
  constructor(
    message: string,
    /** The repository or wiki path being worked on, when known. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InternalError';
  }
}

/** `e` as it is when it is a GoldpathError or an InternalError, else an InternalError naming `where`. */
export function asInternal(e: unknown, where?: string): Error {
  if (e instanceof GoldpathError || e instanceof InternalError) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  const errno = (err as NodeJS.ErrnoException).path;
  return new InternalError(`${err.name === 'Error' ? '' : `${err.name}: `}${err.message.split('\n')[0]}`, where ?? errno, { cause: err });
}

export function formatSpan(span: Span): string {
  const where = span.cell === undefined ? span.path : `${span.path}#cell-${span.cell}`;
  return `${where}:L${span.start}-${span.end}`;
}
