// extractWorkflows(): discover → parse → resolve → group, returning the model. Reads only; writes nothing.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallSite, Candidate, Definition, ExtractOptions, GoldpathModel, KnowledgeSource, Skipped, UnresolvedCall } from './model.js';
import { asInternal, GoldpathError, SCHEMA_VERSION } from './model.js';
import { RepoFiles } from './repo/files.js';
import { githubRepoUrl, readMetadata } from './repo/metadata.js';
import { isNonLibraryPath, isPrivatePath, isToolingPath, isTranslationPath, translationFolders } from './repo/layout.js';
import { loadPythonParser } from './lang/python/parser.js';
import { extractPythonFacts } from './lang/python/facts.js';
import { CacheStore, codeFingerprint, FactsCache } from './cache.js';
import { newRec, Rerun, TrackedPythonIndex, type Rec, type UnitSpec } from './rerun.js';
import { FactsPool, threadsFor, type PoolItem } from './lang/python/pool.js';
import type { PyModuleFacts } from './lang/python/types.js';
import { readmeTerms } from './group/mentions.js';
import { brandSpellings } from './group/brands.js';
import { navFiles, navOrder } from './group/docs-nav.js';
import { PythonIndex } from './resolve/python-index.js';
import { resolvePythonSource } from './resolve/python-calls.js';
import { inlineHelpers, type HelperBody } from './resolve/helpers.js';
import { discover, docPages, exampleDirWith, frontReadme, type PendingSource } from './discover/discover.js';
import { buildSteps, ownsBoilerplate, type KeepBoilerplate } from './group/steps.js';
import { docParagraphs } from './group/texts.js';
import { buildWorkflows, type AnalysedSource } from './group/workflows.js';
import { borrowDefinitions, mergeSections } from './group/sections.js';
import { packageDirsOf, publicSurface } from './group/surface.js';
import { repoNameOf, validateRepoName, withBrands, word } from './group/names.js';
import { readWikiInputs } from './wiki/inputs.js';
import { ModuleMap } from './lang/ts/modules.js';
import { publishedNames } from './lang/ts/exports.js';
import { tsNestingProblem } from './lang/ts/nesting.js';
import { makeTsProject, type TsSetup } from './resolve/ts-program.js';
import { splitLines } from './text/lines.js';
import { CommandTable, ProgramCatalog } from './resolve/commands.js';
import { shellCallSites, type ShellLine } from './resolve/shell-calls.js';
import { DOMAIN_TAGS, GPU_DISTRIBUTIONS, KEYWORD_DOMAINS, PLUMBING_PACKAGES } from './heuristics/tables.js';
import { sourceFilter } from './text/globs.js';
import { goldpathPages } from './wiki/changes.js';

/** Used for `last_updated` when there is neither `--date` nor a git HEAD (documented in docs/output-format.md). */
export const FALLBACK_DATE = '1970-01-01 00:00 GMT';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function extractWorkflows(options: ExtractOptions): Promise<GoldpathModel> {
  // An unexpected error names the source being analysed when it happened.
  const where = { path: '' };
  // Worker threads a run started are stopped whatever happens (an error must not leave them parsing).
  const running: { pool?: FactsPool; early?: FactsPool } = {};
  try {
    return await extract(options, where, running);
  } catch (e) {
    throw asInternal(e, where.path || undefined);
  } finally {
    await running.pool?.close();
    await running.early?.close();
  }
}

async function extract(options: ExtractOptions, where: { path: string }, running: { pool?: FactsPool; early?: FactsPool }): Promise<GoldpathModel> {
  const progress = options.onProgress ?? (() => {});
  const repo = path.resolve(options.repo);
  await assertReadableDir(repo, 'repository');
  await assertWikiUsable(path.resolve(options.wiki));
  const date = options.date !== undefined ? parseDate(options.date) : undefined;
  if (options.name !== undefined) validateRepoName(options.name);

  progress('discover: scanning the repository');
  // The cache folder, when inside the repository, is goldpath's own: not a file of the repository.
  const files = await RepoFiles.scan(repo, { ...(options.maxFileSize ? { maxFileBytes: options.maxFileSize } : {}), ...(options.cache ? { skipDir: path.resolve(options.cache) } : {}) });
  const wiki = await readWikiInputs(path.resolve(options.wiki), options.name);
  const meta = await readMetadata(files, wiki.repoMap?.map.repository);
  // Name: --name, else the git remote, else the RepoMap's own name, else the first repository URL, else the folder.
  // Every source goes through the same sanitiser (repoNameOf); --name was validated by it.
  const fromUrl = (u?: string) => (u && githubRepoUrl(u) ? repoNameOf(githubRepoUrl(u)!.split('/').slice(-2).join('/')) : undefined);
  const repoName = options.name ?? fromUrl(meta.gitRemote) ?? repoNameOf(wiki.repoNameHint) ?? fromUrl(meta.repoUrl) ?? repoNameOf(path.basename(repo)) ?? 'repo';
  const wikiFinal = options.name ? wiki : await readWikiInputs(path.resolve(options.wiki), repoName);

  const parser = await loadPythonParser({ backend: options.parser, forceWasm: options.forceWasm });
  const cacheStore = options.cache ? new CacheStore(path.resolve(options.cache)) : undefined;
  const cache = cacheStore ? new FactsCache(cacheStore, parser.backend) : undefined;
  // Per-file work besides Python facts (a Markdown file's code blocks), keyed by all of goldpath's code.
  const perFile = cacheStore ? new FactsCache(cacheStore, 'text', codeFingerprint()) : undefined;
  // Re-runs (rerun.ts): the whole run's model when no input changed, else each source's resolution whose
  // files did not change. The run's key holds every input besides the repository files it read.
  const rerun = cacheStore ? new Rerun(cacheStore, files, repoName) : undefined;
  const existing = wikiFinal.existingPages;
  const runKey = rerun?.key('run', {
    backend: parser.backend,
    repoName,
    date,
    meta,
    wiki: wikiFinal,
    options: { include: options.include, exclude: options.exclude, exampleDirs: options.exampleDirs, maxWorkflows: options.maxWorkflows, all: options.all, config: options.config },
  });
  if (rerun && runKey && !options.onCalls) {
    const reused = rerun.model<GoldpathModel>(runKey, (m) => (m as GoldpathModel).schemaVersion === SCHEMA_VERSION && Array.isArray((m as GoldpathModel).workflows) && Array.isArray((m as GoldpathModel).candidates));
    if (reused) {
      progress('cache: no input changed since the last run, its model is reused');
      return { ...reused, ...(await stalePagesOf(reused.workflows, existing, repoName, options)) };
    }
  }
  // With jobs, the Python files the run needs are parsed ahead on worker threads (FactsPool, started once
  // the sources are known; `early`: before discovery, the attachment scan's modules and the docs' pages); a
  // file is taken from a pool when a worker made it, else parsed here.
  const jobs = options.jobs ?? 1;
  let pool: FactsPool | undefined;
  let early: FactsPool | undefined;
  // (Facts a worker made may be whole where shallow ones were asked for, or shallow where whole ones were:
  // the index makes shallow facts whole when it needs their bodies.)
  const made = (text: string, file: string, shallow = false) => pool?.take(file, text) ?? early?.take(file, text) ?? extractPythonFacts(parser, text, file, { shallow });
  const pythonFacts = (text: string, file: string, shallow = false) => (cache ? cache.get(shallow ? 'python-shallow' : 'python', file, text, () => made(text, file, shallow)) : made(text, file, shallow));
  const settle = (file: string): Promise<void> | undefined => {
    const waits = [pool?.settle(file), early?.settle(file)].filter((w) => w !== undefined);
    return waits.length ? Promise.all(waits).then(() => {}) : undefined;
  };
  // The files a module just loaded imports go to the pool's worker (when it has room), to be parsed while
  // this thread resolves: without it, this thread parses the library modules it follows (half of
  // diffusers' parsing) while the worker, its list done, idles. Reading them decides nothing.
  const ahead = (paths: () => string[]) => {
    if (!pool) return;
    const read = () => {
      const items: PoolItem[] = [];
      for (const p of paths()) {
        if (early?.has(p)) continue;
        const r = files.readSync(p);
        if (r.ok && !cache?.has(isNonLibraryPath(p) ? 'python' : 'python-shallow', p, r.text)) items.push({ path: p, text: r.text, ...(isNonLibraryPath(p) ? {} : { shallow: true }) });
      }
      return items;
    };
    pool.add(rerun ? rerun.tracker.silently(read) : read());
  };
  const index = rerun ? new TrackedPythonIndex(rerun.tracker, files, parser, meta.dependencies, pythonFacts, settle, ahead) : new PythonIndex(files, parser, meta.dependencies, pythonFacts, settle, ahead);
  const purposes = new Map<string, { purpose: string; section: string }>();
  for (const row of wikiFinal.repoMap?.map.rows ?? []) {
    if (row.purpose) purposes.set(row.file, { purpose: row.purpose, section: row.section });
  }
  const suggestedFiles = new Set((wikiFinal.phase0?.suggestions ?? []).flatMap((s) => s.files));
  const modules = rerun ? rerun.watchModules(await rerun.tracker.within(rerun.moduleReads, () => ModuleMap.load(files))) : await ModuleMap.load(files);
  const programs = new ProgramCatalog(files, meta, index, modules);
  // Discovery's time goes to the docs' code blocks (Markdown parsing) and to the attachment scan
  // (PythonIndex.attachments), which its test check needs. With jobs, worker threads make both from now on:
  // the scan's modules first, then the pages, each from the last, while discovery here takes them from the
  // first (a page or module a worker has not started is made here), so the threads meet in the middle
  // instead of waiting on each other. The sources are not known yet: `auto` weighs the repository's Python
  // files instead. With the cache, pages may be cached and a re-run may need no scan: left to this thread.
  if (!cacheStore && (jobs === 'auto' || jobs > 1)) {
    const pyChars = files.files.reduce((n, f) => n + (f.path.endsWith('.py') ? f.size : 0), 0);
    const threads = threadsFor(jobs, pyChars, os.availableParallelism());
    if (threads > 1) {
      const pages: PoolItem[] = [];
      for (const page of docPages(files, exampleDirWith(options.exampleDirs ?? []))) {
        const r = files.readSync(page);
        if (r.ok) pages.push({ path: page, text: r.text, page: true });
      }
      early = running.early = new FactsPool([...index.attachmentFiles().reverse(), ...pages.reverse()], threads - 1, parser.backend);
    }
  }
  // Every package.json folder and whether it is an application's, read once when first asked for (by
  // discovery, for a TypeScript/JavaScript test; by the public surface, for Node sources).
  let packagesRead: ReturnType<typeof packageDirsOf> | undefined;
  const packages = () => (packagesRead ??= packageDirsOf(files));
  const discovered = await discover({ files, meta, index, purposes, suggestedFiles, modules, packages, commands: programs, ...(early ? { pages: { settle: (p: string) => early!.settle(p), take: (p: string, t: string) => early!.takePage(p, t) } } : {}), ...(perFile ? { perFile: <T>(kind: string, file: string, text: string, make: () => T) => perFile.get(kind, file, text, make) } : {}), ...(options.exampleDirs?.length ? { exampleDirs: options.exampleDirs } : {}), pythonSyntaxError: (code) => (parser.hasSyntaxError(code) ? (extractPythonFacts(parser, code, '').errors[0] ?? { line: 1, message: 'syntax error' }) : undefined) });
  // The configuration's include/exclude globs: excluded candidates are listed as dropped, never parsed.
  const excluded = sourceFilter(options.include, options.exclude);
  const dropped = discovered.dropped;
  const pending = discovered.pending.filter((p) => {
    const why = excluded(p.candidate.path);
    if (why) dropped.push({ ...p.candidate, reason: why });
    return !why;
  });
  progress(`discover: ${pending.length} candidate sources (${dropped.length} dropped early)`);

  // TypeScript/JavaScript: every source joins one program first, so the checker is built once.
  // Text nested too deeply for the TypeScript parser (it recurses) is skipped before it reaches it.
  const tooDeep = new Map<PendingSource, string>();
  for (const p of pending) {
    const why = p.language === 'typescript' ? tsNestingProblem(p.text) : undefined;
    if (why) tooDeep.set(p, why);
  }
  const tsPending = pending.filter((p) => p.language === 'typescript' && !tooDeep.has(p));
  // The TypeScript program: made before the sources (with the cache, only when a source needs it, and
  // then of `tsRoots`: see below).
  let tsRoots = tsPending;
  let tsRec = newRec();
  let tsMade: Promise<TsSetup> | undefined;
  let tsProgramGlobals: string[] = [];
  const tsSetup = (): Promise<TsSetup> =>
    (tsMade ??= (async () => {
      const made = rerun ? await rerun.tracker.alone(tsRec, () => makeTsProject(files, modules, tsRoots)) : await makeTsProject(files, modules, tsRoots);
      if (rerun && made.resolver && made.project) made.globals = tsProgramGlobals = Rerun.globalScripts((await import('ts-morph')).ts, made.project.program, made.repoPath);
      return made;
    })());
  /** With the cache: the whole program from now on (a smaller one was made; see below). */
  const wholeTsProgram = () => {
    if (tsRoots === tsPending) return;
    tsRoots = tsPending;
    tsRec = newRec();
    tsMade = undefined;
  };
  if (!rerun && tsPending.length) await tsSetup();

  // Helpers of tests and examples (defined outside the library) are followed into, each resolved once.
  const helperBodies = new Map<string, Promise<HelperBody | undefined>>();
  const helperBody = (def: Definition): Promise<HelperBody | undefined> => {
    const key = `${def.path}:${def.qualname}`;
    const make = async () => {
      const facts = await index.load(def.path);
      const d = facts?.defs.find((x) => x.qualname === def.qualname && x.kind === 'function');
      // A method's first parameter is the object it is called on, not an argument the caller passes.
      const params = d ? (d.isMethod && !d.decorators.some((x) => /^(staticmethod|classmethod)\b/.test(x)) ? d.params.slice(1) : d.params) : [];
      if (!facts || !d || d.hasError) return undefined;
      const { calls } = await resolvePythonSource(index, { path: def.path, facts, shell: [] }, { entryFunction: def.qualname });
      const returns = facts.returns.filter((r) => r.scope === def.qualname).flatMap((r) => r.valueText.split(',').map((t) => t.trim()).filter((t) => /^[A-Za-z_]\w*$/.test(t)));
      return { calls, params: params.map((x) => x.name), returns };
    };
    if (rerun) return rerun.tracker.memo(`helper\0${key}`, make);
    let b = helperBodies.get(key);
    if (!b) {
      b = make();
      helperBodies.set(key, b);
    }
    return b;
  };
  // The repository's own commands that shell lines run: their dispatch is read once (before the sources;
  // with the cache, when a source's shell lines first need it). TypeScript bins need the TypeScript program.
  const shellCommands = pending.flatMap((p) => p.shell.map((x) => ({ command: x.command, from: p.candidate.path })));
  const tsBins = [...new Set(shellCommands.flatMap((cmd) => { const prog = programs.locate(cmd.command, cmd.from)?.program; return prog?.language === 'typescript' ? [prog.path] : []; }))].sort();
  const commandsNeedTs = tsPending.length > 0 && tsBins.length > 0;
  const buildCommands = async () => {
    const ts = commandsNeedTs || (!rerun && tsPending.length) ? await tsSetup() : undefined;
    return CommandTable.build(programs, { index, files, commands: shellCommands, ...(ts?.resolver && ts.project ? { tsProject: ts.project } : {}) });
  };
  let commandsMade: Promise<CommandTable> | undefined;
  const commandTable = (): Promise<CommandTable> => (rerun ? rerun.tracker.memo('commands', buildCommands) : (commandsMade ??= buildCommands()));
  /** What the command table depends on besides what it read: the module map, and the TypeScript program it used. */
  // (a TypeScript bin is read through the checker: its import closure and the program's global scripts).
  const commandDeps = (): string[] => (rerun ? [...rerun.moduleReads.reads, ...(commandsNeedTs ? [...tsBins.flatMap((b) => rerun.importClosure(b)), ...tsProgramGlobals] : [])] : []);

  // One source's resolution: its calls, or why it has none. Blocks of one Markdown session share it.
  const sessionShell = new Map<string, ShellLine[]>();
  for (const p of pending) if (p.session) sessionShell.set(p.session, [...(sessionShell.get(p.session) ?? []), ...p.shell]);
  const resolveSource = async (p: PendingSource): Promise<{ value: Outcome; store?: boolean; extra?: () => (readonly string[] | ReadonlySet<string>)[]; skips?: Skipped[] }> => {
    const c = p.candidate;
    const whole = !p.map;
    if (p.language === 'shell') return { value: { calls: shellCallSites(c.path, p.shell, await commandTable()) }, extra: () => [commandDeps()] };
    if (p.language === 'typescript') {
      const ts = await tsSetup();
      if (!ts.resolver) return { value: { reason: ts.failure }, store: false };
      const fileName = ts.fileOf.get(p);
      if (!fileName) throw new Error(`${c.path} is not in the TypeScript program`);
      if (whole) {
        const err = ts.resolver.syntaxError(fileName);
        if (err) files.skip(c.path, `syntax error at line ${err.line}: ${err.message} (definitions in the broken region are not printed)`);
      }
      const shell = p.session ? sessionShell.get(p.session)! : p.shell;
      try {
        const calls = ts.resolver.calls({ path: c.path, fileName, ...(p.map ? { map: p.map } : {}), ...(c.foundBy.endsWith('package.json main/exports') ? { topLevelOnly: true } : {}), shell, ...(shell.length ? { commands: await commandTable() } : {}) });
        // What the checker saw: the files this source imports (transitively; many sources share them), the
        // program's global scripts and the module map's files (every source shares them).
        // What the program's making skipped on the way (an import too deeply nested) is this source's too.
        const closure = rerun?.importClosure(c.path) ?? [];
        const imported = closure.filter((f) => f !== c.path);
        const globals = ts.globals ?? [];
        const reached = new Set(closure);
        return {
          value: { calls, globals, importsGlobal: imported.some((f) => globals.includes(f)) },
          extra: () => [imported, [...globals, ...(rerun?.moduleReads.reads ?? [])], shell.length ? commandDeps() : []],
          skips: [...tsRec.skips.values()].filter((s) => reached.has(s.path)),
        };
      } catch (e) {
        // The type checker is not ours: one source it cannot handle is reported, the others go on.
        return { value: { reason: `TypeScript analysis failed: ${String((e as Error).message ?? e).split('\n')[0]}` }, store: false };
      }
    }
    if (!whole) await settle(c.path);
    const facts = whole ? await index.load(c.path) : pythonFacts(p.text, c.path);
    // The native trees parsed meanwhile are freed once the event loop turns (PythonParser.release).
    await parser.release();
    if (!facts) return { value: { reason: 'unreadable' } };
    if (facts.errors.length && c.foundBy.endsWith('(untagged)')) return { value: { reason: 'untagged code block that does not parse as Python' } };
    if (facts.errors.length && whole) {
      const e = facts.errors[0];
      files.skip(c.path, `syntax error at line ${e.line}: ${e.message} (definitions in the broken region are not printed)`);
    }
    const resolved = await resolvePythonSource(
      index,
      { path: c.path, facts, ...(p.map ? { map: p.map } : {}), shell: p.shell, ...(p.shell.length ? { commands: await commandTable() } : {}) },
      p.entryFunction ? { entryFunction: p.entryFunction } : { tests: c.kind === 'test', page: c.kind === 'docs' || c.kind === 'readme' },
    );
    const calls = await inlineHelpers(resolved.calls, helperBody);
    const summary = { errors: facts.errors.length, lineCount: facts.lineCount, ...(facts.doc ? { doc: facts.doc } : {}), ...(facts.docParagraphLines ? { docParagraphLines: facts.docParagraphLines } : {}) };
    return { value: { calls, facts: summary }, extra: () => [p.shell.length ? commandDeps() : []] };
  };
  // With the cache: a source's entry is keyed by what decides its resolution besides the files it reads:
  // the parser and the metadata (not the HEAD time, the remote or the URL, which resolution never reads).
  const unitEnv = { backend: parser.backend, meta: { ...meta, headTime: undefined, gitRemote: undefined, repoUrl: undefined } };
  const specOf = (p: PendingSource): UnitSpec<Outcome> => {
    const c = p.candidate;
    const lang = p.language ?? 'python';
    const input =
      lang === 'typescript'
        ? { path: c.path, session: p.session, text: p.text, map: p.map, tsx: !!p.tsx, js: !!p.js, topLevelOnly: c.foundBy.endsWith('package.json main/exports'), shell: p.session ? sessionShell.get(p.session) : p.shell }
        : lang === 'shell'
          ? { path: c.path, shell: p.shell }
          : { path: c.path, text: p.text, map: p.map, shell: p.shell, entryFunction: p.entryFunction, tests: c.kind === 'test', page: c.kind === 'docs' || c.kind === 'readme', untagged: c.foundBy.endsWith('(untagged)') };
    return {
      kind: 'source',
      identity: `${lang}\0${c.path}\0${p.session ?? c.id}`,
      key: rerun!.key('source', { env: unitEnv, lang, input }),
      valid: (v) => validOutcome(v, lang),
      pack: packOutcome,
      unpack: unpackOutcome,
      // A TypeScript entry holds only while the program's global scripts are those it saw.
      ...(lang === 'typescript' ? { accept: (v: Outcome) => tsGlobalsNow === undefined || (tsGlobalsNow !== null && sameList(v.globals ?? [], tsGlobalsNow)) } : {}),
    };
  };
  // A TypeScript source made again needs the whole program, which then tells whether the others' entries
  // hold: only while its global scripts are those they saw (null: the checker failed, no entry holds).
  // When every entry holds, every file of the program is unchanged, so is the program.
  let tsGlobalsNow: string[] | null | undefined;
  if (rerun && tsPending.length) {
    const held = new Map(tsPending.map((p) => [p, rerun.lookup(specOf(p))?.value]));
    if ([...held.values()].some((v) => !v)) {
      // Only the sources made again need the checker, and a source whose entry holds stays out of the
      // program when it is no global script and imports none: every global script is then reached at the
      // same point of the program as with every source in, which is all the others see of it besides
      // their own imports (docs/architecture.md). The command table, when a TypeScript bin's command lines
      // are analysed again, needs them all.
      const shellOf = (p: PendingSource) => (p.language === 'typescript' && p.session ? sessionShell.get(p.session)! : p.shell);
      const commandsMissed = commandsNeedTs && pending.some((p) => shellOf(p).length && !tooDeep.has(p) && !rerun.lookup(specOf(p)));
      if (!commandsMissed) tsRoots = tsPending.filter((p) => !held.get(p) || held.get(p)!.importsGlobal !== false || held.get(p)!.globals?.includes(p.candidate.path));
      // (The program is reached through tsSetup only, never held in this function's own variables: see below.)
      const globalsNow = async () => ((made) => (made.resolver ? (made.globals ?? []) : null))(await tsSetup());
      let globals = await globalsNow();
      if (tsRoots.length < tsPending.length && (globals === null || [...held.values()].some((v) => v && !sameList(v.globals ?? [], globals ?? [])))) {
        // The global scripts are not those the entries saw: the whole program, as a run without the cache.
        wholeTsProgram();
        globals = await globalsNow();
      }
      tsGlobalsNow = globals;
      progress(`parse + resolve: cache: the TypeScript program of ${tsRoots.length} of ${tsPending.length} sources`);
    }
  }
  const outcomes = new Map<string, Promise<Outcome>>();
  const outcomeOf = (p: PendingSource): Promise<Outcome> => {
    const make = () => (rerun ? rerun.unit(specOf(p), () => resolveSource(p)) : resolveSource(p).then((r) => r.value));
    if (!p.session) return make();
    const key = `${p.language ?? 'python'}\0${p.session}`;
    let o = outcomes.get(key);
    if (!o) {
      o = make();
      outcomes.set(key, o);
    }
    return o;
  };

  if (jobs === 'auto' || jobs > 1) {
    // The Python sources in the order they are analysed (with the cache, those analysed again), then the
    // modules the attachment scan reads (when a source is analysed again). Reading them to parse ahead
    // decides nothing: not a read of the work that asked.
    const again = pending.filter((p) => (p.language ?? 'python') === 'python' && !rerun?.lookup(specOf(p)));
    const ahead = () => (again.length ? [...again.map((p) => ({ path: p.candidate.path, text: p.text })), ...index.attachmentFiles()] : []);
    const all = rerun ? rerun.tracker.silently(ahead) : ahead();
    const items = cache ? all.filter((f) => !cache.has('python', f.path, f.text)) : all;
    const threads = threadsFor(jobs, items.reduce((n, f) => n + f.text.length, 0), os.availableParallelism());
    // (What the early pool holds is not handed out twice; a docs page's Python session is another item than
    // the page's blocks the early pool made.)
    // Room for every Python file of the repository to be added (ahead): each is added at most once.
    const room = files.files.filter((f) => /\.pyi?$/.test(f.path)).length;
    if (threads > 1) pool = running.pool = new FactsPool(early ? items.filter((f) => !early!.holds(f.path, f.text)) : items, threads - 1, parser.backend, room);
  }
  // The command table reads the modules of the repository's own commands; with jobs, after the pool starts,
  // so the workers parse the sources meanwhile (on diffusers it was 1.8 s of parsing with no worker).
  if (!rerun) await commandTable();

  progress('parse + resolve: following the examples into the repository');
  // The project's name as the README spells it: one word in every name the steps and workflows get.
  const readmeFile = frontReadme(files.files.map((f) => f.path));
  const readmeText = readmeFile ? await files.readOrSkip(readmeFile) : undefined;
  const projectNames = meta.projectName ? [meta.projectName] : [repoName.split('_').pop() ?? ''];
  const brands = readmeText !== undefined ? brandSpellings(readmeText, projectNames) : [];
  // (Which boilerplate makes steps is settled once every README section is resolved, below.)
  let keepBoilerplate: KeepBoilerplate = false;
  const stepsOf = (calls: CallSite[]) => withBrands(brands, () => buildSteps(calls, { keepBoilerplate }), projectNames);
  const analysed: AnalysedSource[] = [];
  const pendingOf = new Map<AnalysedSource, PendingSource>();
  const candidates: Candidate[] = [...dropped];
  const unresolvedBySource = new Map<string, UnresolvedCall[]>();
  for (const [i, p] of pending.entries()) {
    const c = p.candidate;
    options.onCount?.('parse + resolve', i + 1, pending.length, c.id);
    where.path = c.path;
    candidates.push(c);
    const whole = !p.map;
    const deep = tooDeep.get(p);
    if (deep) {
      c.reason = deep;
      if (whole) files.skip(c.path, deep);
      continue;
    }
    // A Python file's own facts are let go once it is done, unless another source loaded it (PythonIndex.done).
    const own = whole && (p.language ?? 'python') === 'python';
    if (own) index.turn = c.path;
    const out = await outcomeOf(p);
    if (own) index.done(c.path);
    if (out.reason !== undefined) {
      c.reason = out.reason;
      continue;
    }
    let calls = out.calls ?? [];
    if (p.language === 'shell') {
      // Shell commands only: the repository's own commands resolve to the functions that run them.
      options.onCalls?.(c.id, calls);
      const own = calls.find((x) => x.resolution.kind === 'repo');
      analysed.push({
        candidate: c,
        score: p.score,
        calls,
        steps: stepsOf(calls),
        runtime: own?.resolution.kind === 'repo' && !own.resolution.span.path.endsWith('.py') ? 'Node' : 'Python',
        ...(p.title ? { title: p.title } : {}),
        ...(p.page ? { page: p.page } : {}),
        ...(p.pageSummary ? { pageSummary: p.pageSummary } : {}),
        ...(p.prose ? { prose: p.prose } : {}),
        ...(p.paragraphs?.length ? { paragraphs: p.paragraphs } : {}),
        span: { path: c.path, start: p.blockLines?.[0] ?? c.line, end: p.blockLines?.[1] ?? c.line },
      });
      unresolvedBySource.set(c.id, calls.filter((x) => x.resolution.kind === 'unresolved').map(toUnresolved));
      continue;
    }
    if (p.language === 'typescript') {
      if (p.blockLines) {
        const [from, to] = p.blockLines;
        const shellLines = new Set(p.shellLines ?? []);
        calls = calls.filter((x) => (x.site.start >= from && x.site.start <= to) || ((x.resolution.kind === 'tool' || x.command) && shellLines.has(x.site.start)));
      }
      options.onCalls?.(c.id, calls);
      const entry: AnalysedSource = {
        candidate: c,
        score: p.score,
        calls,
        steps: stepsOf(calls),
        runtime: 'Node',
        ...(p.title ? { title: p.title } : {}),
        ...(p.page ? { page: p.page } : {}),
        ...(p.pageSummary ? { pageSummary: p.pageSummary } : {}),
        ...(p.prose ? { prose: p.prose } : {}),
        ...(p.paragraphs?.length ? { paragraphs: p.paragraphs } : {}),
        ...(p.intro ? { intro: p.intro } : {}),
        span: whole ? { path: c.path, start: 1, end: Math.max(1, splitLines(p.text).length) } : { path: c.path, start: p.blockLines?.[0] ?? c.line, end: p.blockLines?.[1] ?? c.line },
      };
      analysed.push(entry);
      pendingOf.set(entry, p);
      unresolvedBySource.set(c.id, calls.filter((x) => x.resolution.kind === 'unresolved').map(toUnresolved));
      continue;
    }
    const facts = out.facts!;
    if (p.blockLines) {
      const [from, to] = p.blockLines;
      calls = calls.filter((x) => x.site.start >= from && x.site.start <= to);
    }
    options.onCalls?.(c.id, calls);
    const steps = stepsOf(calls);
    const first = p.blockLines ? { line: p.blockLines[0] } : p.map?.lines[0];
    const last = p.blockLines ? { line: p.blockLines[1] } : p.map?.lines[p.map.lines.length - 1];
    const entry: AnalysedSource = {
      candidate: c,
      score: p.score,
      calls,
      steps,
      runtime: 'Python',
      ...(p.title ? { title: p.title } : {}),
      ...(p.page ? { page: p.page } : {}),
      ...(p.pageSummary ? { pageSummary: p.pageSummary } : {}),
      ...(p.prose || facts.doc ? { prose: p.prose || facts.doc } : {}),
      ...(p.paragraphs?.length ? { paragraphs: p.paragraphs } : !p.prose && facts.doc && whole && facts.docParagraphLines ? { paragraphs: docParagraphs(facts.doc, facts.docParagraphLines) } : {}),
      ...(p.intro ? { intro: p.intro } : {}),
      span: whole ? { path: c.path, start: 1, end: facts.lineCount } : { path: c.path, start: first?.line ?? c.line, end: last?.line ?? c.line },
    };
    analysed.push(entry);
    pendingOf.set(entry, p);
    unresolvedBySource.set(c.id, calls.filter((x) => x.resolution.kind === 'unresolved').map(toUnresolved));
  }
  if (rerun) {
    // Shared work a run without the cache always does reports what it skipped: done, else reported again.
    const commandsRec = rerun.tracker.memoRecord('commands');
    if (shellCommands.length) {
      const withDeps = (r: Rec): Rec => ({ ...r, reads: new Set([...r.reads, ...commandDeps()]) });
      await rerun.effects('commands', rerun.key('commands', { env: unitEnv, shellCommands }), commandsRec && withDeps(commandsRec), async () => {
        if (commandsNeedTs) wholeTsProgram();
        await commandTable();
        return withDeps(rerun.tracker.memoRecord('commands')!);
      });
    }
    progress(`parse + resolve: cache: ${rerun.summary()}`);
  }
  // The TypeScript program and its checker (most of the memory of a large run) are not needed by grouping:
  // released here. Only tsMade holds them (an async function keeps what its registers last held, so this
  // function never keeps the program in a variable of its own).
  // What the JavaScript packages' entries export (their public surface), read first from the files the
  // program parsed (through a callback: no variable here holds the program).
  const published = tsMade ? await tsMade.then((t) => publishedNames(files, modules, (p) => t.project.parsedFile(p))) : undefined;
  tsMade = undefined;
  await pool?.close();
  await early?.close();

  // README/docs sections: one source each (its blocks merged), never one per block nor one per file.
  const sectionOf = new Map<AnalysedSource, string>();
  analysed.forEach((a) => {
    const p = pendingOf.get(a);
    if (p?.section) sectionOf.set(a, p.section);
  });
  // A library whose business is printing or logging: its own calls by those names are steps after all.
  if (ownsBoilerplate(analysed.filter((a) => a.candidate.kind === 'readme').map((a) => ({ line: a.candidate.line, calls: a.calls })))) {
    keepBoilerplate = 'repo';
    for (const a of analysed) a.steps = stepsOf(a.calls);
  }
  borrowDefinitions(analysed, (a) => sectionOf.get(a), stepsOf);
  const { sources: sectionSources, mergedInto } = withBrands(brands, () =>
    mergeSections(
      analysed,
      (a) => sectionOf.get(a),
      (a) => !!pendingOf.get(a)?.imports,
      (a) => pendingOf.get(a)?.walkthrough,
      keepBoilerplate,
    ),
    projectNames,
  );
  for (const [from, into] of mergedInto) unresolvedBySource.set(into, [...(unresolvedBySource.get(into) ?? []), ...(unresolvedBySource.get(from) ?? [])]);
  const mergedAway = new Set(mergedInto.keys());
  for (let i = candidates.length - 1; i >= 0; i--) if (mergedAway.has(candidates[i].id)) candidates.splice(i, 1);

  // Application packages (`"private": true`, nothing published): their code is not the library's API.
  const packageDirs = sectionSources.some((a) => a.runtime === 'Node') ? await packages() : [];

  // Definitions in private Python modules that a public package re-exports are public API (`Client` of
  // `pkg/_client.py`, imported as `from pkg import Client`).
  const reexported = new Set<string>();
  const privateDefs = new Set<string>();
  for (const a of sectionSources) {
    for (const c of a.calls) {
      const r = c.resolution;
      if (r.kind === 'repo' && /\.pyi?$/.test(r.span.path) && isPrivatePath(r.span.path) && !isNonLibraryPath(r.span.path)) privateDefs.add(`${r.span.path}:${r.qualname.split('.')[0]}`);
    }
  }
  for (const key of [...privateDefs].sort()) {
    const at = key.lastIndexOf(':');
    if (await index.reexported(key.slice(0, at), key.slice(at + 1), (p) => !isPrivatePath(p))) reexported.add(key);
  }
  // A function of the library that only tests call and no package above its module re-exports
  // (`wrap_litserve_start` of litserve/utils.py, "Pytest utility"): the tests' utility.
  const testUtilities = new Set<string>();
  const calledBy = { test: new Set<string>(), other: new Set<string>() };
  for (const a of sectionSources) {
    for (const c of a.calls) {
      const r = c.resolution;
      if (r.kind !== 'repo' || c.command || c.definition?.kind !== 'function' || !/\.pyi?$/.test(r.span.path) || r.qualname.includes('.') || isPrivatePath(r.span.path)) continue;
      calledBy[a.candidate.kind === 'test' ? 'test' : 'other'].add(`${r.span.path}:${r.qualname}`);
    }
  }
  for (const key of [...calledBy.test].sort()) {
    if (calledBy.other.has(key)) continue;
    const at = key.lastIndexOf(':');
    if (!(await index.reexported(key.slice(0, at), key.slice(at + 1), (p) => !isPrivatePath(p)))) testUtilities.add(key);
  }

  where.path = '';
  progress('group: building steps and workflows');
  const hasPython = sectionSources.some((a) => a.runtime === 'Python');
  const hasNode = sectionSources.some((a) => a.runtime === 'Node');
  // The repository's runtime: Node when only TypeScript/JavaScript sources reach its API.
  const runtime = hasNode && !sectionSources.some((a) => a.runtime === 'Python' && a.calls.some((x) => x.resolution.kind === 'repo')) ? 'Node' : 'Python';
  const modelDomains = domainsOf(meta.dependencies, meta.keywords);
  // The root README's prose: the terms it names rank the use cases it talks about.
  // The docs' navigation: pages listed early rank their use cases higher (translated navigations left out).
  const pathSet = new Set(files.files.map((f) => f.path));
  const translated = translationFolders(pathSet);
  const navs: { path: string; text: string }[] = [];
  for (const path of navFiles(pathSet)) {
    if (isTranslationPath(path, (x) => pathSet.has(x), translated) || isToolingPath(path)) continue;
    const text = await files.readOrSkip(path);
    if (text !== undefined) navs.push({ path, text });
  }
  const docsNav = navOrder(navs, docPages(files, exampleDirWith(options.exampleDirs ?? [])));
  const projectWords = [...(meta.projectName ? [meta.projectName] : []), repoName.split('_').pop() ?? ''].flatMap((w) => w.split(/[^A-Za-z0-9]+/)).filter(Boolean);
  const { workflows, omitted } = withBrands(brands, () => buildWorkflows(
    sectionSources,
    {
      suggestions: wikiFinal.phase0?.suggestions ?? [],
      purposes: new Map([...purposes].map(([k, v]) => [k, v.purpose])),
      projectWords,
      projectNames,
    },
    {
      repoName,
      runtime,
      modelDomains: rankedDomains(meta.projectName, meta.requires, meta.dependencies, meta.keywords),
      keywords: meta.keywords,
      isPublic: publicSurface(packageDirs, reexported, testUtilities, published),
      ...(readmeText !== undefined && readmeFile ? { readme: { ...readmeTerms(readmeText, projectWords), path: readmeFile } } : {}),
      docsNav,
      existingImplementations: new Set(existing.implementations ?? []),
      ...(options.maxWorkflows !== undefined ? { maxWorkflows: options.maxWorkflows } : {}),
      ...(options.all ? { all: true } : {}),
    },
  ), projectNames);
  for (const c of candidates) if (!c.reason) c.reason = 'not analysed';
  // A dropped section of commands says which of the repository's commands could not be followed, and why.
  for (const a of analysed) {
    const open = a.candidate.kept ? [] : a.calls.filter((x) => x.command && x.resolution.kind === 'unresolved');
    if (open.length) a.candidate.reason += `; \`${open[0].callee}\` not followed: ${(open[0].resolution as { reason: string }).reason}${open.length > 1 ? ` (and ${open.length - 1} more)` : ''}`;
  }
  const unresolved = candidates
    .filter((c) => c.kept)
    .flatMap((c) => unresolvedBySource.get(c.id) ?? [])
    .sort((a, b) => cmp(a.site.path, b.site.path) || (a.site.cell ?? 0) - (b.site.cell ?? 0) || a.site.start - b.site.start || cmp(a.callee, b.callee));
  candidates.sort((a, b) => Number(b.kept) - Number(a.kept) || cmp(a.path, b.path) || a.line - b.line || cmp(a.id, b.id));

  const gpu = meta.dependencies.some((d) => GPU_DISTRIBUTIONS.has(d.toLowerCase()));
  const { stalePages, prunedPages } = await stalePagesOf(workflows, existing, repoName, options);
  const model: GoldpathModel = {
    schemaVersion: SCHEMA_VERSION,
    repoName,
    ...(meta.repoUrl ? { repoUrl: meta.repoUrl } : {}),
    lastUpdated: date ?? (meta.headTime ? formatGmt(meta.headTime) : FALLBACK_DATE),
    lastUpdatedFrom: date ? 'option' : meta.headTime ? 'git' : 'fallback',
    knowledgeSources: knowledgeSources(meta, repoName, brands),
    domains: modelDomains,
    environment: `${repoName}_${gpu ? 'CUDA' : runtime}`,
    languages: [...(hasPython || !hasNode ? ['python'] : []), ...(hasNode ? ['typescript'] : [])],
    workflows,
    omitted,
    candidates,
    unresolved,
    skipped: [...files.skipped, ...wikiFinal.skipped].sort((a, b) => cmp(a.path, b.path) || cmp(a.reason, b.reason)),
    wikiInputs: {
      ...(wikiFinal.repoMap ? { repoMap: wikiFinal.repoMap.path } : {}),
      ...(wikiFinal.phase0 ? { phase0Report: wikiFinal.phase0.path } : {}),
      notes: wikiFinal.notes,
    },
    existingPages: existing,
    parserBackend: parser.backend,
    stalePages,
    prunedPages,
    ...(options.config ? { config: { source: options.config.source, keys: [...options.config.keys].sort(cmp) } } : {}),
  };
  progress(`group: ${workflows.length} workflows, ${workflows.reduce((n, w) => n + w.steps.length, 0)} steps`);
  if (rerun && runKey) rerun.saveModel(runKey, model);
  return model;
}

/** A source's resolution as the cache keeps it: its calls, or why it has none. */
interface Outcome {
  reason?: string;
  calls?: CallSite[];
  /** Python: what the page needs of the source's own facts. */
  facts?: { errors: number; lineCount: number; doc?: string; docParagraphLines?: number[] };
  /** TypeScript: the program's global scripts when it was made, and whether the source imports one. */
  globals?: string[];
  importsGlobal?: boolean;
}

/** An outcome as stored: each distinct definition once (a source calls the same API many times). */
type PackedOutcome = Omit<Outcome, 'calls'> & { calls?: (Omit<CallSite, 'definition'> & { definition?: number })[]; definitions?: Definition[] };

function packOutcome(o: Outcome): PackedOutcome {
  if (!o.calls) return o as PackedOutcome;
  const definitions: Definition[] = [];
  const at = new Map<string, number>();
  const calls = o.calls.map((c) => {
    if (!c.definition) return c as Omit<CallSite, 'definition'>;
    const text = JSON.stringify(c.definition);
    let i = at.get(text);
    if (i === undefined) {
      i = definitions.push(c.definition) - 1;
      at.set(text, i);
    }
    return { ...c, definition: i };
  });
  return { ...o, calls, definitions };
}

/** Each call gets its own copy of its definition, as when it was resolved. */
function unpackOutcome(stored: object): Outcome {
  const p = stored as PackedOutcome;
  if (!p.calls) return p as Outcome;
  const { definitions = [], ...rest } = p;
  return { ...rest, calls: p.calls.map((c) => (typeof c.definition === 'number' ? { ...c, definition: copyJson(definitions[c.definition]) } : (c as CallSite))) };
}

function copyJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyJson) as T;
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = copyJson((v as Record<string, unknown>)[k]);
    return o as T;
  }
  return v;
}

function validOutcome(v: unknown, lang: string): boolean {
  const o = v as PackedOutcome;
  if (typeof o.reason === 'string') return true;
  const defs = o.definitions ?? [];
  if (!Array.isArray(defs) || !Array.isArray(o.calls) || o.calls.some((c) => !c || typeof c !== 'object' || !c.site || !c.resolution || (c.definition !== undefined && !(typeof c.definition === 'number' && defs[c.definition])))) return false;
  if (lang === 'python') return !!o.facts && typeof o.facts.errors === 'number' && typeof o.facts.lineCount === 'number';
  if (lang === 'typescript') return Array.isArray(o.globals) && o.globals.every((g) => typeof g === 'string') && typeof o.importsGlobal === 'boolean';
  return true;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Stale `{repo_name}_*` pages (in the wiki, not produced by this run) left in place, and those `prune`
 * removes: the pages goldpath itself wrote (recognised by the marker they carry).
 */
async function stalePagesOf(workflows: GoldpathModel['workflows'], existing: GoldpathModel['existingPages'], repoName: string, options: ExtractOptions): Promise<Pick<GoldpathModel, 'stalePages' | 'prunedPages'>> {
  const produced = new Set(workflows.map((w) => w.pageName));
  const stale = (existing.workflows ?? []).filter((p) => p.startsWith(`${repoName}_`) && !produced.has(p)).sort(cmp);
  const prunedPages = options.prune ? await goldpathPages(path.resolve(options.wiki), stale) : [];
  return { stalePages: stale.filter((p) => !prunedPages.includes(p)), prunedPages };
}

function toUnresolved(c: CallSite): UnresolvedCall {
  const r = c.resolution as { reason: string; candidates?: string[] };
  return { callee: c.callee, site: c.site, reason: r.reason, ...(r.candidates ? { candidates: r.candidates } : {}) };
}

/**
 * The repository's domains, the most telling first: what the project's own name stands for (`anthropic`,
 * or a word of it: `@anthropic-ai/sdk`; LLMs), its keywords, then its required dependencies in the order it
 * lists them; a package it is built with rather than for (PLUMBING_PACKAGES: a command line, an HTTP
 * client, validation) only after every subject. Extras say what else it can do: left out, unless
 * no required dependency is known.
 */
function rankedDomains(name: string | undefined, declared: string[], all: string[], keywords: string[]): string[] {
  // (A setup.py that lists them in a variable says none: then every dependency known, extras too.)
  const requires = declared.length ? declared : all;
  const lower = (name ?? '').toLowerCase();
  const named = DOMAIN_TAGS[lower] ? [lower] : lower.replace(/^@/, '').split(/[^a-z0-9]+/).filter((w) => DOMAIN_TAGS[w]);
  const tags = (packages: string[]) => packages.flatMap((d) => DOMAIN_TAGS[d] ?? []);
  const subject = [
    ...tags(named.filter((d) => !PLUMBING_PACKAGES.has(d))),
    ...keywords.map((k) => KEYWORD_DOMAINS[k.toLowerCase().replace(/\s+/g, '-')]).filter((t): t is string => !!t),
    ...tags(requires.filter((d) => !PLUMBING_PACKAGES.has(d))),
  ];
  return [...new Set([...subject, ...tags(requires.filter((d) => PLUMBING_PACKAGES.has(d)))])];
}

function domainsOf(deps: string[], keywords: string[]): string[] {
  const out = new Set<string>();
  for (const d of deps) for (const t of DOMAIN_TAGS[d.toLowerCase()] ?? []) out.add(t);
  for (const k of keywords) {
    const t = KEYWORD_DOMAINS[k.toLowerCase().replace(/\s+/g, '-')];
    if (t) out.add(t);
  }
  return [...out].sort(cmp);
}

function knowledgeSources(meta: Awaited<ReturnType<typeof readMetadata>>, repoName: string, brands: readonly string[]): KnowledgeSource[] {
  const title = withBrands(brands, () => word(meta.projectName ?? (meta.repoUrl ? meta.repoUrl.split('/').pop()! : repoName)));
  const out: KnowledgeSource[] = [];
  if (meta.repoUrl) out.push({ kind: 'Repo', title, url: meta.repoUrl });
  if (meta.docUrl && !githubRepoUrl(meta.docUrl)) out.push({ kind: 'Doc', title: `${title} Docs`, url: meta.docUrl });
  const seen = new Set(out.map((o) => o.url));
  for (const u of meta.extraUrls) {
    if (seen.has(u.url)) continue;
    seen.add(u.url);
    out.push({ kind: u.kind, title: `${title} ${u.kind}`, url: u.url });
  }
  return out;
}

export function formatGmt(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} GMT`;
}

function parseDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) throw new GoldpathError(`invalid --date "${text}": expected YYYY-MM-DD HH:MM (GMT)`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3] || +m[4] > 23 || +m[5] > 59) {
    throw new GoldpathError(`invalid --date "${text}": not a real date and time`);
  }
  return formatGmt(d);
}

async function assertReadableDir(dir: string, what: string): Promise<void> {
  let st;
  try {
    st = await fs.stat(dir);
  } catch {
    throw new GoldpathError(`${what} path ${dir} does not exist`);
  }
  if (!st.isDirectory()) throw new GoldpathError(`${what} path ${dir} is not a directory`);
  try {
    await fs.access(dir, fs.constants?.R_OK ?? 4);
    await fs.readdir(dir);
  } catch {
    throw new GoldpathError(`${what} path ${dir} is not readable`);
  }
}

async function assertWikiUsable(dir: string): Promise<void> {
  let st;
  try {
    st = await fs.stat(dir);
  } catch {
    return; // created when the wiki is written
  }
  // Writability is checked when writing: --dry-run and --json run on a read-only wiki.
  if (!st.isDirectory()) throw new GoldpathError(`--wiki path ${dir} exists and is not a directory`);
}
