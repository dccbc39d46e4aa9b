#!/usr/bin/env node
// goldpath CLI: argument parsing, the configuration file merged under the options, progress on stderr,
// exit codes. All logic lives in @goldpath/core.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { GoldpathModel, LoadedConfig } from '@goldpath/core';

// @goldpath/core is imported once the arguments are understood: --help, --version and most usage errors
// answer without loading the library (about half a second of module loading).
const core = () => import('@goldpath/core');

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const HELP = `goldpath: find a repository's golden paths and write its Workflow wiki pages (no LLM)

Usage:
  goldpath <repo> --wiki <dir> [options]
  goldpath validate <wiki_dir> [--name <repo_name>]

Output:
  --wiki <dir>            wiki directory (phase 0 inputs are read from it; created when missing)
  --dry-run               list what would be written, write nothing
  --check                 write nothing; list the files a run would change and exit 1 if any
  --prune                 remove stale {repo_name}_* workflow pages that goldpath wrote
  --json                  print only the model (JSON, see docs/api.md) on stdout, write nothing
  --templates <dir>       folder of .hbs files overriding the shipped templates

Sources:
  --config <file>         configuration file (default: goldpath.config.json, pyproject.toml
                          [tool.goldpath] or package.json "goldpath" in <repo>)
  --no-config             ignore configuration files
  --include <glob>        analyse only candidate sources matching the glob (repeatable)
  --exclude <glob>        drop candidate sources matching the glob (repeatable)
  --examples <dir>        an extra example folder of <repo> (repeatable)
  --max-file-size <size>  skip larger files (default 1 MiB; e.g. 5MiB, 200000)
  --max-workflows <n>     golden paths that get a page (default 12; the rest are in the report)
  --all                   a page for every golden path

Names and dates:
  --name <repo_name>      repository name for page names (default: from the git remote)
  --date <YYYY-MM-DD HH:MM>
                          last_updated (GMT) instead of the HEAD commit time

Run:
  --strict                exit 1 when an input was skipped or no workflow was found
  --parser <native|wasm>  Python parser backend (default native, wasm when native cannot load)
  --jobs <n|auto>         threads that parse Python files and docs pages: this one and n - 1 that parse
                          ahead (default auto: one per core, at most 4, when the Python files to parse
                          hold 16 M characters or more, else 1; outputs are the same)
  --cache <dir>           keep what a run learnt in <dir> (a re-run does again only what a changed
                          file affects; outputs are the same; off unless given)
  --no-cache              no cache (the default; says so in a script)
  -q, --quiet             print errors only
  --verbose               print a line per candidate source
  -v, --version           print the version
  -h, --help              this help

Relative paths are taken from the current directory. Command-line options win over the configuration
file (docs/configuration.md).

Exit codes:
  0  success; --check: the wiki is up to date
  1  validate found problems; --check: a run would change files; --strict: an input was skipped or
     no workflow was found
  2  bad usage, configuration or template; the repository or wiki directory is unusable (nothing is
     written)
  3  internal error (a bug: please report it)
`;

const OPTIONS = {
  wiki: { type: 'string' },
  name: { type: 'string' },
  'dry-run': { type: 'boolean' },
  check: { type: 'boolean' },
  prune: { type: 'boolean' },
  json: { type: 'boolean' },
  templates: { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  examples: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  'max-workflows': { type: 'string' },
  all: { type: 'boolean' },
  date: { type: 'string' },
  strict: { type: 'boolean' },
  parser: { type: 'string' },
  cache: { type: 'string' },
  'no-cache': { type: 'boolean' },
  jobs: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Options `validate` accepts (besides the run-wide ones). */
const VALIDATE_OPTIONS = new Set(['name', 'quiet', 'verbose', 'help', 'version']);

class UsageError extends Error {}

/** The run's reporter, so that an error first clears an updating progress line. */
let active: Reporter | undefined;

/** Progress, warnings and the summary on stderr; quiet prints errors only, JSON mode nothing else. */
class Reporter {
  /** An updating progress line is on the terminal. */
  private live = false;

  constructor(
    private readonly level: 'quiet' | 'normal' | 'verbose',
    private readonly tty: boolean,
  ) {}

  line(text: string): void {
    if (this.level === 'quiet') return;
    this.clear();
    process.stderr.write(`goldpath: ${text}\n`);
  }

  detail(text: string): void {
    if (this.level === 'verbose') this.line(text);
  }

  warn(text: string): void {
    this.line(`warning: ${text}`);
  }

  /** Inside a long stage: one updating line on a terminal, else a plain line every tenth of the way. */
  count(stage: string, n: number, total: number, item: string): void {
    if (this.level === 'quiet') return;
    if (this.level === 'verbose') return this.line(`${stage} [${n}/${total}] ${item}`);
    if (this.tty) {
      process.stderr.write(`\r\x1b[2Kgoldpath: ${stage}: ${n}/${total} sources`);
      this.live = true;
    } else if (n === total || n % Math.max(1, Math.ceil(total / 10)) === 0) {
      this.line(`${stage}: ${n}/${total} sources`);
    }
  }

  clear(): void {
    if (this.live) process.stderr.write('\r\x1b[2K');
    this.live = false;
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError(await parseError(e as Error & { code?: string }));
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (o.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (o.quiet && o.verbose) throw new UsageError('--quiet and --verbose cannot be combined');
  const { checkTemplates, closestName, diffWiki, extractWorkflows, loadConfig, parseSize, renderWiki, validateWikiDir, writeWiki } = await core();
  if (positionals[0] === 'validate') {
    const extra = Object.keys(o).find((k) => !VALIDATE_OPTIONS.has(k));
    if (extra) throw new UsageError(`validate does not take --${extra}`);
    if (positionals.length !== 2) throw new UsageError('validate takes one wiki directory');
    const issues = await validateWikiDir(path.resolve(positionals[1]), o.name !== undefined ? { repoName: o.name } : {});
    for (const i of issues) process.stdout.write(`${i.path}:${i.line}: ${i.message}\n`);
    if (!o.quiet || issues.length) process.stderr.write(issues.length ? `goldpath validate: ${issues.length} problem(s)\n` : 'goldpath validate: ok\n');
    return issues.length ? 1 : 0;
  }
  if (positionals.length !== 1) {
    const near = positionals.length === 2 && !existsSync(positionals[0]) ? closestName(positionals[0], ['validate']) : undefined;
    if (near) throw new UsageError(`unknown command "${positionals[0]}" (did you mean "${near}"?)`);
    throw new UsageError(positionals.length ? 'give exactly one repository path' : 'missing repository path');
  }
  if (!o.wiki) throw new UsageError('missing --wiki <dir>');
  if (o.parser !== undefined && o.parser !== 'native' && o.parser !== 'wasm') throw new UsageError('--parser is native or wasm');
  const modes = (['json', 'check', 'dry-run'] as const).filter((m) => o[m]);
  if (modes.length > 1) throw new UsageError(`--${modes[0]} and --${modes[1]} cannot be combined`);
  if (o.config !== undefined && o['no-config']) throw new UsageError('--config and --no-config cannot be combined');
  const maxFileSize = o['max-file-size'] !== undefined ? parseSize(o['max-file-size']) : undefined;
  if (o['max-file-size'] !== undefined && maxFileSize === undefined) throw new UsageError(`--max-file-size "${o['max-file-size']}" is not a size (e.g. 2MiB, 500KB, 1048576)`);
  const maxWorkflows = o['max-workflows'] !== undefined ? Number(o['max-workflows']) : undefined;
  if (maxWorkflows !== undefined && !(Number.isInteger(maxWorkflows) && maxWorkflows > 0)) throw new UsageError(`--max-workflows "${o['max-workflows']}" is not a positive integer`);
  // By default, worker threads only for a large repository (AUTO_JOBS): sized to the machine on every run,
  // the CLI was killed by a signal twice in full test runs on a loaded machine (small fixtures, where
  // workers save nothing); with the size threshold, small runs keep one thread.
  const jobs: number | 'auto' = o.jobs === undefined || o.jobs === 'auto' ? 'auto' : Number(o.jobs);
  if (jobs !== 'auto' && !(Number.isInteger(jobs) && jobs > 0 && jobs <= 256)) throw new UsageError(`--jobs "${o.jobs}" is not a whole number from 1 to 256, nor auto`);
  if (o.cache === '') throw new UsageError('--cache needs a folder');
  if (o.cache !== undefined && o['no-cache']) throw new UsageError('--cache and --no-cache cannot be combined');

  const report = new Reporter(o.quiet || o.json ? 'quiet' : o.verbose ? 'verbose' : 'normal', !!process.stderr.isTTY);
  active = report;
  // Relative paths are the user's: from the current directory (the workspace's `pnpm goldpath` script
  // starts goldpath in the folder pnpm was run from).
  const repo = path.resolve(positionals[0]);
  const wikiDir = path.resolve(o.wiki);
  const loaded: LoadedConfig = o['no-config'] ? { config: {}, keys: [] } : await loadConfig(repo, o.config !== undefined ? { file: o.config } : {});
  const c = loaded.config;
  if (loaded.source) report.line(`configuration: ${loaded.source}`);
  const templatesDir = o.templates !== undefined ? path.resolve(o.templates) : c.templates;
  // Templates are checked before any work: a typo in a variable name costs no analysis (--json renders none).
  if (!o.json) checkTemplates(templatesDir);
  const strict = !!(o.strict || c.strict);
  const model = await extractWorkflows({
    repo,
    wiki: wikiDir,
    ...defined({
      name: o.name ?? c.name,
      date: o.date,
      include: o.include ?? c.include,
      exclude: o.exclude ?? c.exclude,
      exampleDirs: o.examples ?? c.examples,
      maxFileSize: maxFileSize ?? c.maxFileSize,
      maxWorkflows: maxWorkflows ?? c.maxWorkflows,
      all: o.all,
      prune: o.prune || c.prune || undefined,
      parser: o.parser as 'native' | 'wasm' | undefined,
      cache: o.cache === undefined ? undefined : path.resolve(o.cache),
      jobs,
      config: loaded.source ? { source: loaded.source, keys: loaded.keys } : undefined,
    }),
    onProgress: (line) => report.line(line),
    onCount: (stage, n, total, item) => report.count(stage, n, total, item),
  });
  if (o.json) {
    process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    return 0;
  }
  for (const cand of model.candidates) report.detail(`source ${cand.id}: ${cand.kept ? `kept${cand.workflow ? ` (${cand.workflow})` : ''}` : `dropped: ${cand.reason}`}`);
  report.line('render: templates → pages, index, report, coverage');
  const files = await renderWiki(model, { wikiDir, ...(templatesDir ? { templatesDir } : {}) });
  let code = 0;
  if (o.check) {
    const changes = await diffWiki(wikiDir, files, model);
    for (const ch of changes) process.stdout.write(`would ${ch.change} ${ch.path}\n`);
    report.line(changes.length ? `check: ${changes.length} file(s) would change; run goldpath without --check to update the wiki` : 'check: the wiki is up to date');
    if (changes.length) code = 1;
  } else if (o['dry-run']) {
    for (const f of files) process.stdout.write(`would write ${f.path} (${Buffer.byteLength(f.content)} bytes)\n`);
    for (const p of model.prunedPages) process.stdout.write(`would remove workflows/${p}.md\n`);
  } else {
    report.line(`write: ${files.length} files into ${o.wiki}`);
    await writeWiki(wikiDir, files, model, { onRecover: (note) => report.line(note) });
    if (model.prunedPages.length) report.line(`prune: removed ${list(model.prunedPages)}`);
  }
  summary(report, model);
  if (strict && (model.skipped.length || !model.workflows.length)) code = Math.max(code, 1);
  return code;
}

function summary(report: Reporter, model: GoldpathModel): void {
  const steps = model.workflows.reduce((n, w) => n + w.steps.length, 0);
  const kept = model.candidates.filter((c) => c.kept).length;
  report.line(
    `${model.workflows.length} workflows, ${steps} steps, ${kept}/${model.candidates.length} candidate sources kept, ` +
      `${model.unresolved.length} unresolved calls, ${model.skipped.length} skipped inputs (parser: ${model.parserBackend})`,
  );
  if (model.stalePages.length) {
    report.warn(`${model.stalePages.length} stale page(s) left in place: ${list(model.stalePages)} (listed in the report; --prune removes the ones goldpath wrote)`);
  }
  if (!model.workflows.length) report.warn('no workflow found; see _reports/phase1_anchoring.md for the candidates and why they were dropped');
}

const list = (pages: string[]) => pages.map((p) => `workflows/${p}.md`).join(', ');

/** The keys whose value is not undefined (exactOptionalPropertyTypes-friendly option objects). */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** node:util parseArgs errors as one short line, with a suggestion for a misspelt option. */
async function parseError(e: Error & { code?: string }): Promise<string> {
  const opt = /'(-{1,2}[^' ]+)/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && opt) {
    const names = Object.entries(OPTIONS).flatMap(([k, v]) => [`--${k}`, ...('short' in v ? [`-${v.short}`] : [])]);
    const near = opt.startsWith('--') ? (await core()).closestName(opt.split('=')[0], names.filter((n) => n.startsWith('--'))) : undefined;
    return `unknown option ${opt}${near ? ` (did you mean ${near}?)` : ''}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && opt) {
    return /does not take an argument/.test(e.message) ? `${opt} does not take a value` : `${opt} needs a value`;
  }
  return e.message.split(/\.\s|\n/)[0];
}

// A reader that closed the pipe (`goldpath --json | head -1`) ends the run quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    active?.clear();
    if (e instanceof UsageError) {
      process.stderr.write(`goldpath: ${e.message}; see goldpath --help\n`);
      process.exitCode = 2;
    } else if (e instanceof Error && e.name === 'GoldpathError') {
      process.stderr.write(`goldpath: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      // A bug: one line naming the input involved; the stack only on request.
      const err = (e instanceof Error ? e : new Error(String(e))) as Error & { path?: string };
      process.stderr.write(`goldpath: internal error${err.path ? ` on ${err.path}` : ''}: ${err.message.split('\n')[0]} (please report it; GOLDPATH_DEBUG=1 prints the stack)\n`);
      if (process.env.GOLDPATH_DEBUG) process.stderr.write(`${(err.cause as Error | undefined)?.stack ?? err.stack}\n`);
      process.exitCode = 3;
    }
  },
);
