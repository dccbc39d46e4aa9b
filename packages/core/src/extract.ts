// extractWorkflows(): discover → parse → resolve → group, returning the model. Reads only; writes nothing.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CallSite, Candidate, Definition, ExtractOptions, GoldpathModel, KnowledgeSource, UnresolvedCall } from './model.js';
import { asInternal, GoldpathError, SCHEMA_VERSION } from './model.js';
import { RepoFiles } from './repo/files.js';
import { githubRepoUrl, readMetadata } from './repo/metadata.js';
import { loadPythonParser } from './lang/python/parser.js';
import { extractPythonFacts } from './lang/python/facts.js';
import { FactsCache } from './cache.js';
import { FactsPool } from './lang/python/pool.js';
import { readmeTerms } from './group/mentions.js';
import type { PyModuleFacts } from './lang/python/types.js';
import { PythonIndex } from './resolve/python-index.js';
import { resolvePythonSource } from './resolve/python-calls.js';
import { inlineHelpers, type HelperBody } from './resolve/helpers.js';
import { discover, type PendingSource } from './discover/discover.js';
import { buildSteps } from './group/steps.js';
import { docParagraphs } from './group/texts.js';
import { buildWorkflows, type AnalysedSource } from './group/workflows.js';
import { mergeSections } from './group/sections.js';
import { isAppPackage, publicSurface } from './group/surface.js';
import { repoNameOf, validateRepoName, word } from './group/names.js';
import { readWikiInputs } from './wiki/inputs.js';
import { ModuleMap } from './lang/ts/modules.js';
import { tsNestingProblem } from './lang/ts/nesting.js';
import type { TsCallResolver } from './resolve/ts-calls.js';
import { splitLines } from './text/lines.js';
import { CommandTable, ProgramCatalog } from './resolve/commands.js';
import { shellCallSites } from './resolve/shell-calls.js';
import type { TsProject as TsProjectType } from './lang/ts/project.js';
import { DOMAIN_TAGS, GPU_DISTRIBUTIONS, KEYWORD_DOMAINS } from './heuristics/tables.js';
import { sourceFilter } from './text/globs.js';
import { goldpathPages } from './wiki/changes.js';

/** Used for `last_updated` when there is neither `--date` nor a git HEAD (documented in docs/output-format.md). */
export const FALLBACK_DATE = '1970-01-01 00:00 GMT';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function extractWorkflows(options: ExtractOptions): Promise<GoldpathModel> {
  // An unexpected error names the source being analysed when it happened.
  const where = { path: '' };
  try {
    return await extract(options, where);
  } catch (e) {
    throw asInternal(e, where.path || undefined);
  }
}

async function extract(options: ExtractOptions, where: { path: string }): Promise<GoldpathModel> {
  const progress = options.onProgress ?? (() => {});
  const repo = path.resolve(options.repo);
  await assertReadableDir(repo, 'repository');
  await assertWikiUsable(path.resolve(options.wiki));
  const date = options.date !== undefined ? parseDate(options.date) : undefined;
  if (options.name !== undefined) validateRepoName(options.name);

  progress('discover: scanning the repository');
  const files = await RepoFiles.scan(repo, options.maxFileSize ? { maxFileBytes: options.maxFileSize } : {});
  const wiki = await readWikiInputs(path.resolve(options.wiki), options.name);
  const meta = await readMetadata(files, wiki.repoMap?.map.repository);
  // Name: --name, else the git remote, else the RepoMap's own name, else the first repository URL, else the folder.
  // Every source goes through the same sanitiser (repoNameOf); --name was validated by it.
  const fromUrl = (u?: string) => (u && githubRepoUrl(u) ? repoNameOf(githubRepoUrl(u)!.split('/').slice(-2).join('/')) : undefined);
  const repoName = options.name ?? fromUrl(meta.gitRemote) ?? repoNameOf(wiki.repoNameHint) ?? fromUrl(meta.repoUrl) ?? repoNameOf(path.basename(repo)) ?? 'repo';
  const wikiFinal = options.name ? wiki : await readWikiInputs(path.resolve(options.wiki), repoName);

  const parser = await loadPythonParser({ backend: options.parser, forceWasm: options.forceWasm });
  const cache = options.cache ? new FactsCache(path.resolve(options.cache), parser.backend) : undefined;
  // With jobs, the Python files the run needs are parsed ahead on worker threads (FactsPool, started
  // once discovery knows them); a file is taken from the pool when a worker made it.
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  let pool: FactsPool | undefined;
  const made = (text: string, file: string) => pool?.take(file, text) ?? extractPythonFacts(parser, text, file);
  const pythonFacts = (text: string, file: string) => (cache ? cache.get('python', file, text, () => made(text, file)) : made(text, file));
  const index = new PythonIndex(files, parser, meta.dependencies, pythonFacts, (file) => pool?.settle(file));
  const purposes = new Map<string, { purpose: string; section: string }>();
  for (const row of wikiFinal.repoMap?.map.rows ?? []) {
    if (row.purpose) purposes.set(row.file, { purpose: row.purpose, section: row.section });
  }
  const suggestedFiles = new Set((wikiFinal.phase0?.suggestions ?? []).flatMap((s) => s.files));
  const modules = await ModuleMap.load(files);
  const programs = new ProgramCatalog(files, meta, index, modules);
  const discovered = await discover({ files, meta, index, purposes, suggestedFiles, modules, commands: programs, ...(options.exampleDirs?.length ? { exampleDirs: options.exampleDirs } : {}) });
  // The configuration's include/exclude globs: excluded candidates are listed as dropped, never parsed.
  const excluded = sourceFilter(options.include, options.exclude);
  const dropped = discovered.dropped;
  const pending = discovered.pending.filter((p) => {
    const why = excluded(p.candidate.path);
    if (why) dropped.push({ ...p.candidate, reason: why });
    return !why;
  });
  progress(`discover: ${pending.length} candidate sources (${dropped.length} dropped early)`);
  if (jobs > 1) {
    // The Python sources in the order they are analysed, then the modules the attachment scan reads.
    const ahead = [...pending.filter((p) => (p.language ?? 'python') === 'python').map((p) => ({ path: p.candidate.path, text: p.text })), ...(await index.attachmentFiles())];
    pool = new FactsPool(cache ? ahead.filter((f) => !cache.has('python', f.path, f.text)) : ahead, jobs - 1, parser.backend);
  }

  // TypeScript/JavaScript: every source joins one program first, so the checker is built once.
  // Text nested too deeply for the TypeScript parser (it recurses) is skipped before it reaches it.
  const tooDeep = new Map<PendingSource, string>();
  for (const p of pending) {
    const why = p.language === 'typescript' ? tsNestingProblem(p.text) : undefined;
    if (why) tooDeep.set(p, why);
  }
  const tsPending = pending.filter((p) => p.language === 'typescript' && !tooDeep.has(p));
  const tsFiles = new Map<PendingSource, string>();
  let tsResolver: TsCallResolver | undefined;
  let tsFailure = '';
  let tsProject: TsProjectType | undefined;
  if (tsPending.length) {
    // The TypeScript compiler is loaded only for repositories that have TypeScript/JavaScript sources.
    const [{ TsProject }, { TsCallResolver }] = await Promise.all([import('./lang/ts/project.js'), import('./resolve/ts-calls.js')]);
    const project = new TsProject(files, modules);
    tsProject = project;
    const virtual = new Map<string, string>();
    for (const p of tsPending) {
      if (p.session) {
        let name = virtual.get(p.session);
        if (!name) {
          name = project.addVirtualFile(p.candidate.path, p.session.split('#').pop()!, p.text, { tsx: !!p.tsx, js: !!p.js });
          virtual.set(p.session, name);
        }
        tsFiles.set(p, name);
      } else {
        project.addRepoFile(p.candidate.path, p.text);
        tsFiles.set(p, p.candidate.path);
      }
    }
    try {
      tsResolver = new TsCallResolver(project);
    } catch (e) {
      tsFailure = `TypeScript analysis failed: ${String((e as Error).message ?? e).split('\n')[0]}`;
    }
  }

  // Helpers of tests and examples (defined outside the library) are followed into, each resolved once.
  const helperBodies = new Map<string, Promise<HelperBody | undefined>>();
  const helperBody = (def: Definition): Promise<HelperBody | undefined> => {
    const key = `${def.path}:${def.qualname}`;
    let b = helperBodies.get(key);
    if (!b) {
      b = (async () => {
        const facts = await index.load(def.path);
        const d = facts?.defs.find((x) => x.qualname === def.qualname && x.kind === 'function');
        if (!facts || !d || d.hasError) return undefined;
        const { calls } = await resolvePythonSource(index, { path: def.path, facts, shell: [] }, { entryFunction: def.qualname });
        const returns = facts.returns.filter((r) => r.scope === def.qualname).flatMap((r) => r.valueText.split(',').map((t) => t.trim()).filter((t) => /^[A-Za-z_]\w*$/.test(t)));
        return { calls, params: d.params.map((x) => x.name), returns };
      })();
      helperBodies.set(key, b);
    }
    return b;
  };
  // The repository's own commands that shell lines run: their dispatch is read once, before the sources.
  const commands = await CommandTable.build(programs, { index, files, commands: pending.flatMap((p) => p.shell.map((x) => x.command)), ...(tsResolver && tsProject ? { tsProject } : {}) });

  progress('parse + resolve: following the examples into the repository');
  const analysed: AnalysedSource[] = [];
  const pendingOf = new Map<AnalysedSource, PendingSource>();
  const candidates: Candidate[] = [...dropped];
  const unresolvedBySource = new Map<string, UnresolvedCall[]>();
  const sessions = new Map<string, { facts: PyModuleFacts; calls: CallSite[] }>();
  const tsSessions = new Map<string, CallSite[]>();
  for (const [i, p] of pending.entries()) {
    const c = p.candidate;
    options.onCount?.('parse + resolve', i + 1, pending.length, c.id);
    where.path = c.path;
    candidates.push(c);
    const whole = !p.map;
    if (p.language === 'shell') {
      // Shell commands only: the repository's own commands resolve to the functions that run them.
      const calls = shellCallSites(c.path, p.shell, commands);
      options.onCalls?.(c.id, calls);
      const own = calls.find((x) => x.resolution.kind === 'repo');
      analysed.push({
        candidate: c,
        score: p.score,
        calls,
        steps: buildSteps(calls),
        runtime: own?.resolution.kind === 'repo' && !own.resolution.span.path.endsWith('.py') ? 'Node' : 'Python',
        ...(p.title ? { title: p.title } : {}),
        ...(p.prose ? { prose: p.prose } : {}),
        ...(p.paragraphs?.length ? { paragraphs: p.paragraphs } : {}),
        span: { path: c.path, start: p.blockLines?.[0] ?? c.line, end: p.blockLines?.[1] ?? c.line },
      });
      unresolvedBySource.set(c.id, calls.filter((x) => x.resolution.kind === 'unresolved').map(toUnresolved));
      continue;
    }
    if (p.language === 'typescript') {
      const deep = tooDeep.get(p);
      if (deep) {
        c.reason = deep;
        if (whole) files.skip(c.path, deep);
        continue;
      }
      if (!tsResolver) {
        c.reason = tsFailure;
        continue;
      }
      const fileName = tsFiles.get(p)!;
      if (whole) {
        const err = tsResolver.syntaxError(fileName);
        if (err) files.skip(c.path, `syntax error at line ${err.line}: ${err.message} (definitions in the broken region are not printed)`);
      }
      let calls: CallSite[];
      try {
        calls = (p.session ? tsSessions.get(p.session) : undefined) ?? tsResolver.calls({ path: c.path, fileName, ...(p.map ? { map: p.map } : {}), ...(c.foundBy.endsWith('package.json main/exports') ? { topLevelOnly: true } : {}), shell: p.session ? pending.filter((q) => q.session === p.session).flatMap((q) => q.shell) : p.shell, commands });
      } catch (e) {
        // The type checker is not ours: one source it cannot handle is reported, the others go on.
        c.reason = `TypeScript analysis failed: ${String((e as Error).message ?? e).split('\n')[0]}`;
        continue;
      }
      if (p.session) tsSessions.set(p.session, calls);
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
        steps: buildSteps(calls),
        runtime: 'Node',
        ...(p.title ? { title: p.title } : {}),
        ...(p.prose ? { prose: p.prose } : {}),
        ...(p.paragraphs?.length ? { paragraphs: p.paragraphs } : {}),
        span: whole ? { path: c.path, start: 1, end: Math.max(1, splitLines(p.text).length) } : { path: c.path, start: p.blockLines?.[0] ?? c.line, end: p.blockLines?.[1] ?? c.line },
      };
      analysed.push(entry);
      pendingOf.set(entry, p);
      unresolvedBySource.set(c.id, calls.filter((x) => x.resolution.kind === 'unresolved').map(toUnresolved));
      continue;
    }
    // A Markdown session (all Python blocks of one file) is parsed and resolved once, for all its blocks.
    const cached = p.session ? sessions.get(p.session) : undefined;
    if (!cached && !whole) await pool?.settle(c.path);
    const facts = cached?.facts ?? (whole ? await index.load(c.path) : pythonFacts(p.text, c.path));
    if (!facts) {
      c.reason = 'unreadable';
      continue;
    }
    if (facts.errors.length && c.foundBy.endsWith('(untagged)')) {
      c.reason = 'untagged code block that does not parse as Python';
      continue;
    }
    if (facts.errors.length && whole) {
      const e = facts.errors[0];
      files.skip(c.path, `syntax error at line ${e.line}: ${e.message} (definitions in the broken region are not printed)`);
    }
    let calls =
      cached?.calls ??
      (await inlineHelpers(
        (
          await resolvePythonSource(
            index,
            { path: c.path, facts, ...(p.map ? { map: p.map } : {}), shell: p.shell, commands },
            p.entryFunction ? { entryFunction: p.entryFunction } : { tests: c.kind === 'test' },
          )
        ).calls,
        helperBody,
      ));
    if (p.session && !cached) sessions.set(p.session, { facts, calls });
    if (p.blockLines) {
      const [from, to] = p.blockLines;
      calls = calls.filter((x) => x.site.start >= from && x.site.start <= to);
    }
    options.onCalls?.(c.id, calls);
    const steps = buildSteps(calls);
    const first = p.blockLines ? { line: p.blockLines[0] } : p.map?.lines[0];
    const last = p.blockLines ? { line: p.blockLines[1] } : p.map?.lines[p.map.lines.length - 1];
    const entry: AnalysedSource = {
      candidate: c,
      score: p.score,
      calls,
      steps,
      runtime: 'Python',
      ...(p.title ? { title: p.title } : {}),
      ...(p.prose || facts.doc ? { prose: p.prose || facts.doc } : {}),
      ...(p.paragraphs?.length ? { paragraphs: p.paragraphs } : !p.prose && facts.doc && whole && facts.docParagraphLines ? { paragraphs: docParagraphs(facts.doc, facts.docParagraphLines) } : {}),
      span: whole ? { path: c.path, start: 1, end: facts.lineCount } : { path: c.path, start: first?.line ?? c.line, end: last?.line ?? c.line },
    };
    analysed.push(entry);
    pendingOf.set(entry, p);
    unresolvedBySource.set(c.id, calls.filter((x) => x.resolution.kind === 'unresolved').map(toUnresolved));
  }

  await pool?.close();

  // README/docs sections: one source each (its blocks merged), never one per block nor one per file.
  const sectionOf = new Map<AnalysedSource, string>();
  analysed.forEach((a) => {
    const p = pendingOf.get(a);
    if (p?.section) sectionOf.set(a, p.section);
  });
  const { sources: sectionSources, mergedInto } = mergeSections(analysed, (a) => sectionOf.get(a));
  for (const [from, into] of mergedInto) unresolvedBySource.set(into, [...(unresolvedBySource.get(into) ?? []), ...(unresolvedBySource.get(from) ?? [])]);
  const mergedAway = new Set(mergedInto.keys());
  for (let i = candidates.length - 1; i >= 0; i--) if (mergedAway.has(candidates[i].id)) candidates.splice(i, 1);

  // Application packages (`"private": true`, nothing published): their code is not the library's API.
  const packageDirs: { dir: string; app: boolean }[] = [];
  if (sectionSources.some((a) => a.runtime === 'Node')) {
    for (const f of files.files) {
      if (f.path !== 'package.json' && !f.path.endsWith('/package.json')) continue;
      const text = await files.readOrSkip(f.path);
      let json: unknown;
      try {
        json = text === undefined ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      if (json && typeof json === 'object') packageDirs.push({ dir: f.path.slice(0, -'package.json'.length).replace(/\/$/, ''), app: isAppPackage(json as Record<string, unknown>) });
    }
  }

  where.path = '';
  progress('group: building steps and workflows');
  const existing = wikiFinal.existingPages;
  const hasPython = sectionSources.some((a) => a.runtime === 'Python');
  const hasNode = sectionSources.some((a) => a.runtime === 'Node');
  // The repository's runtime: Node when only TypeScript/JavaScript sources reach its API.
  const runtime = hasNode && !sectionSources.some((a) => a.runtime === 'Python' && a.calls.some((x) => x.resolution.kind === 'repo')) ? 'Node' : 'Python';
  const modelDomains = domainsOf(meta.dependencies, meta.keywords);
  // The root README's prose: the terms it names rank the use cases it talks about.
  const readmeFile = files.files.map((f) => f.path).filter((p) => /^readme(\.(md|markdown|mdx|rst|txt))?$/i.test(p)).sort()[0];
  const readmeText = readmeFile ? await files.readOrSkip(readmeFile) : undefined;
  const projectWords = [...(meta.projectName ? [meta.projectName] : []), repoName.split('_').pop() ?? ''].flatMap((w) => w.split(/[^A-Za-z0-9]+/)).filter(Boolean);
  const { workflows, omitted } = buildWorkflows(
    sectionSources,
    {
      suggestions: wikiFinal.phase0?.suggestions ?? [],
      purposes: new Map([...purposes].map(([k, v]) => [k, v.purpose])),
      projectWords,
    },
    {
      repoName,
      runtime,
      modelDomains,
      keywords: meta.keywords,
      isPublic: publicSurface(packageDirs),
      ...(readmeText !== undefined ? { readme: readmeTerms(readmeText, projectWords) } : {}),
      existingImplementations: new Set(existing.implementations ?? []),
      ...(options.maxWorkflows !== undefined ? { maxWorkflows: options.maxWorkflows } : {}),
      ...(options.all ? { all: true } : {}),
    },
  );
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
  const produced = new Set(workflows.map((w) => w.pageName));
  const stale = (existing.workflows ?? []).filter((p) => p.startsWith(`${repoName}_`) && !produced.has(p)).sort(cmp);
  // Pruning removes only the stale pages goldpath itself wrote (recognised by the marker they carry).
  const prunedPages = options.prune ? await goldpathPages(path.resolve(options.wiki), stale) : [];
  const stalePages = stale.filter((p) => !prunedPages.includes(p));
  const model: GoldpathModel = {
    schemaVersion: SCHEMA_VERSION,
    repoName,
    ...(meta.repoUrl ? { repoUrl: meta.repoUrl } : {}),
    lastUpdated: date ?? (meta.headTime ? formatGmt(meta.headTime) : FALLBACK_DATE),
    lastUpdatedFrom: date ? 'option' : meta.headTime ? 'git' : 'fallback',
    knowledgeSources: knowledgeSources(meta, repoName),
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
  return model;
}

function toUnresolved(c: CallSite): UnresolvedCall {
  const r = c.resolution as { reason: string; candidates?: string[] };
  return { callee: c.callee, site: c.site, reason: r.reason, ...(r.candidates ? { candidates: r.candidates } : {}) };
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

function knowledgeSources(meta: Awaited<ReturnType<typeof readMetadata>>, repoName: string): KnowledgeSource[] {
  const title = word(meta.projectName ?? (meta.repoUrl ? meta.repoUrl.split('/').pop()! : repoName));
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
