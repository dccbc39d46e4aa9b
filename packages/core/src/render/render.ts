// Model → view objects → templates. All counting and joining happens here; templates only lay out.
import type { GoldpathModel, RenderedFile, Step, StepCall, Workflow } from '../model.js';
import { formatSpan } from '../model.js';
import { escapeMarkdownCell, escapeMermaidLabel, markdownCode } from './escape.js';
import { loadTemplates } from './templates.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

export interface RenderPagesOptions {
  templatesDir?: string;
  /** Covered files that have no row in the RepoMap, for the report. */
  missingFromMap?: string[];
}

export function renderWiki(model: GoldpathModel, opts: RenderPagesOptions = {}): RenderedFile[] {
  const t = loadTemplates(opts.templatesDir);
  const files: RenderedFile[] = [];
  for (const w of model.workflows) {
    files.push({ path: `workflows/${w.pageName}.md`, content: tidy(t['workflow-page'](pageView(model, w))) });
  }
  files.push({ path: '_WorkflowIndex.md', content: tidy(t['workflow-index'](indexView(model))) });
  files.push({ path: '_reports/phase1_anchoring.md', content: tidy(t.report(reportView(model, opts.missingFromMap ?? []))) });
  return files.sort((a, b) => cmp(a.path, b.path));
}

/** LF only, no trailing spaces, no runs of blank lines, exactly one final newline. */
export function tidy(text: string): string {
  return `${text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function pageView(model: GoldpathModel, w: Workflow) {
  const node = (i: number) => `${LETTERS[i]}[${escapeMermaidLabel(w.steps[i].title)}]`;
  const diagram =
    w.steps.length === 1
      ? [node(0)]
      : w.steps.slice(1).map((_, i) => `${i === 0 ? node(0) : LETTERS[i]} --> ${node(i + 1)}`);
  return {
    repoName: model.repoName,
    knowledgeSources: model.knowledgeSources.map((k) => ({ ...k, url: safeUrl(k.url) })),
    domains: w.domains.length ? w.domains : model.domains,
    lastUpdated: model.lastUpdated,
    overview: w.overview,
    description: w.description,
    usage: w.usage,
    steps: w.steps,
    diagram,
    principles: uniq(w.steps.map((s) => s.principle)),
  };
}

/** A URL inside `[[source::Kind|Title|URL]]`: nothing that ends the link. */
function safeUrl(url: string): string {
  return url.replace(/[|[\]{}<>\s"]/g, (c) => encodeURIComponent(c));
}

function stepView(s: Step) {
  const main = s.calls[0];
  return {
    ...s,
    main,
    callSite: formatSpan(main.call.site),
    resolvedThrough: main.call.resolution.kind === 'repo' && main.call.resolution.via.startsWith('attachment') ? main.call.resolution.via : undefined,
    also: s.calls.slice(1).filter((c) => !c.alternative && !c.shown),
    alternatives: s.calls.filter((c) => c.alternative).map((c) => ({ ...c, callSite: formatSpan(c.call.site) })),
    shown: s.calls.filter((c) => c.shown).map((c) => ({ ...c, callSite: formatSpan(c.call.site) })),
  };
}

function workflowApis(w: Workflow): string {
  return uniq(w.steps.map((s) => s.calls[0].call.callee)).join(', ');
}

function guideSource(c: StepCall): string {
  const r = c.call.resolution;
  switch (r.kind) {
    case 'repo':
      return markdownCode(r.span.path);
    case 'external':
      return escapeMarkdownCell(`${r.distribution} (external)`);
    case 'pattern':
      return 'User code';
    case 'tool':
      return escapeMarkdownCell(`${r.command.split(/\s+/)[0]} (external tool)`);
    default:
      return 'unresolved';
  }
}

function indexView(model: GoldpathModel) {
  return {
    repoName: model.repoName,
    workflows: model.workflows.map((w) => ({
      name: w.name,
      pageName: w.pageName,
      overview: w.overview,
      stepCount: w.steps.length,
      principleCount: uniq(w.steps.map((s) => s.principle)).length,
      apis: workflowApis(w),
      steps: w.steps.map(stepView),
      guide: w.steps.map((s) => ({
        principle: s.principle,
        implementation: s.calls[0].implementation,
        api: s.calls[0].call.callee.split('.').pop(),
        source: guideSource(s.calls[0]),
        type: s.calls[0].type,
      })),
    })),
  };
}

function reportView(model: GoldpathModel, missingFromMap: string[]) {
  // (A way another section shows a step's main call is no call of its own: counted once.)
  const allCalls = model.workflows.flatMap((w) => w.steps.flatMap((s) => s.calls.filter((c) => !c.shown)));
  const mains = model.workflows.flatMap((w) => w.steps.map((s) => ({ w, s, c: s.calls[0] })));
  const apiRows = new Map<string, { api: string; source: string; principles: Set<string> }>();
  for (const { s, c } of mains) {
    if (c.type !== 'API Doc' || c.sourceLocation === 'unresolved') continue;
    const api = c.resolvedTo ?? c.call.callee;
    const key = `${c.sourceLocation}\n${api}`;
    const row = apiRows.get(key) ?? { api, source: c.sourceLocation, principles: new Set<string>() };
    row.principles.add(s.principle);
    apiRows.set(key, row);
  }
  // Every external package a step's code path uses, with the calls that reach it.
  const externals = new Map<string, Set<string>>();
  for (const c of allCalls) {
    for (const dep of c.externalDependencies) {
      const set = externals.get(dep) ?? new Set<string>();
      set.add(c.call.callee);
      externals.set(dep, set);
    }
  }
  const patterns = new Map<string, { name: string; source: string; passedTo: string }>();
  for (const c of allCalls) {
    if (c.call.resolution.kind !== 'pattern') continue;
    patterns.set(c.sourceLocation, { name: c.call.callee, source: c.sourceLocation, passedTo: c.call.passedTo ?? '' });
  }
  const count = (w: Workflow, type: StepCall['type']) => w.steps.reduce((n, s) => n + s.calls.filter((c) => c.type === type && !c.shown).length, 0);
  const covered = uniq(model.workflows.flatMap((w) => w.coveredFiles));
  const examples = uniq(model.workflows.flatMap((w) => w.sources.map((s) => s.path)));
  return {
    workflowCount: model.workflows.length,
    stepCount: model.workflows.reduce((n, w) => n + w.steps.length, 0),
    hintCount: allCalls.filter((c) => c.sourceLocation !== 'unresolved').length,
    workflows: model.workflows.map((w) => ({
      name: w.name,
      pageName: w.pageName,
      sourceFiles: uniq(w.sources.map((s) => s.path)),
      stepCount: w.steps.length,
      apis: workflowApis(w),
      principleCount: uniq(w.steps.map((s) => s.principle)).length,
      types: { api: count(w, 'API Doc'), wrapper: count(w, 'Wrapper Doc'), pattern: count(w, 'Pattern Doc'), tool: count(w, 'External Tool Doc') },
    })),
    ranking: model.workflows.map((w) => ({
      rank: w.rank,
      pageName: w.pageName,
      anchor: w.anchor,
      score: w.score,
      evidence: w.evidence.map((e) => `${e.kind} ${e.points >= 0 ? '+' : ''}${e.points}: ${e.detail}`).join('; '),
    })),
    omitted: model.omitted,
    coveredCount: covered.length,
    exampleCount: examples.length,
    missingFromMap,
    apis: [...apiRows.values()]
      .map((r) => ({ api: r.api, source: r.source, principles: [...r.principles].sort(cmp).join(', ') }))
      .sort((a, b) => cmp(a.source, b.source) || cmp(a.api, b.api)),
    externals: [...externals.entries()].sort((a, b) => cmp(a[0], b[0])).map(([name, calls]) => ({ name, calls: [...calls].sort(cmp) })),
    patterns: [...patterns.values()].sort((a, b) => cmp(a.source, b.source)),
    candidates: model.candidates.map((c) => ({
      source: c.path === c.id ? c.path : c.id,
      kind: c.kind,
      foundBy: c.foundBy,
      kept: c.kept ? 'yes' : 'no',
      reason: c.reason,
      workflow: c.workflow ?? '',
    })),
    unresolved: model.unresolved.map((u) => ({
      callee: u.callee,
      where: formatSpan(u.site),
      reason: u.candidates?.length ? `${u.reason}; candidates: ${u.candidates.join(', ')}` : u.reason,
    })),
    attachments: allCalls
      .filter((c) => c.call.resolution.kind === 'repo' && c.call.resolution.via.startsWith('attachment'))
      .map((c) => ({ callee: c.call.callee, where: formatSpan(c.call.site), target: c.sourceLocation, via: (c.call.resolution as { via: string }).via }))
      .sort((a, b) => cmp(a.where, b.where) || cmp(a.callee, b.callee)),
    skipped: model.skipped,
    stalePages: model.stalePages,
    prunedPages: model.prunedPages ?? [],
    repoMap: model.wikiInputs.repoMap,
    config: model.config?.source,
    configKeys: model.config?.keys ?? [],
    phase0Report: model.wikiInputs.phase0Report,
    parserBackend: model.parserBackend ?? 'none',
    lastUpdatedFrom: { git: 'the HEAD commit time', option: '--date', fallback: 'the fixed fallback date (no git HEAD, no --date)' }[model.lastUpdatedFrom],
    notes: model.wikiInputs.notes,
  };
}
