// Model → plain view objects → templates. All counting, joining and choosing happens here in TypeScript;
// the templates only lay the views out and escape each value for the format it lands in.
import type { GoldpathModel, ImplementationType, RenderedFile, Span, Step, StepCall, Workflow } from '../model.js';
import { formatSpan, GoldpathError } from '../model.js';
import { oneLine, pageNameProblem } from './escape.js';
import { loadTemplates } from './templates.js';

export interface RenderWikiOptions {
  /** A folder whose `*.hbs` files replace the shipped templates of the same name (`--templates`). */
  templatesDir?: string;
  /** Covered files that have no row in the RepoMap, listed in the report. */
  missingFromMap?: string[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/**
 * The workflow pages (`workflows/{pageName}.md`), `_WorkflowIndex.md` and `_reports/phase1_anchoring.md`,
 * sorted by path. Throws a GoldpathError when a page name could not be a file name of this wiki.
 */
export function renderWiki(model: GoldpathModel, opts: RenderWikiOptions = {}): RenderedFile[] {
  checkPageNames(model);
  const t = loadTemplates(opts.templatesDir);
  const files: RenderedFile[] = model.workflows.map((w) => ({
    path: `workflows/${w.pageName}.md`,
    content: tidy(t['workflow-page'](pageView(model, w)), 'mediawiki'),
  }));
  files.push({ path: '_WorkflowIndex.md', content: tidy(t['workflow-index'](indexView(model)), 'markdown') });
  files.push({ path: '_reports/phase1_anchoring.md', content: tidy(t.report(reportView(model, opts.missingFromMap ?? [])), 'markdown') });
  return files.sort((a, b) => cmp(a.path, b.path));
}

/** Page names become file names: one that breaks the rule or repeats would write the wrong file. */
function checkPageNames(model: GoldpathModel): void {
  const seen = new Set<string>();
  for (const w of model.workflows) {
    const problem = w.pageName === `${model.repoName}_${w.name}` ? pageNameProblem(model.repoName, w.pageName, 'workflow') : `page name "${w.pageName}" is not ${model.repoName}_${w.name}`;
    if (problem) throw new GoldpathError(`cannot render workflow ${w.pageName}: ${problem}`);
    if (seen.has(w.pageName)) throw new GoldpathError(`two workflows share the page name ${w.pageName}`);
    seen.add(w.pageName);
  }
}

const MW_HEADING = /^(=+) .+ \1$/;
const MD_HEADING = /^#{1,6} /;

/**
 * The layout rules shared by every output: LF only, no trailing spaces, exactly one blank line after each
 * heading, never two blank lines in a row, no leading blank lines, exactly one final newline.
 */
export function tidy(text: string, format: 'mediawiki' | 'markdown'): string {
  const heading = format === 'mediawiki' ? MW_HEADING : MD_HEADING;
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l);
    if (heading.test(l) && lines[i + 1] !== '' && i + 1 < lines.length) out.push('');
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------ Workflow page

/** Mermaid node ids: A, B, C, ... (a workflow has at most 7 steps; past Z the ids go on as A1, B1, ...). */
export function nodeId(i: number): string {
  return String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
}

/** A step title on one line, never empty (an empty Mermaid label does not parse). */
export function stepTitle(s: Pick<Step, 'title'>, i: number): string {
  return oneLine(s.title) || `Step ${i + 1}`;
}

export interface DiagramLine {
  from: string;
  /** Set on the first line only: later lines start from a node already labelled. */
  fromLabel?: string;
  to?: string;
  toLabel?: string;
}

/** `A[t1] --> B[t2]`, `B --> C[t3]`, ...; a single step is the lone node `A[t1]`. Labels unescaped. */
export function diagramLines(titles: string[]): DiagramLine[] {
  if (titles.length === 1) return [{ from: nodeId(0), fromLabel: titles[0] }];
  return titles.slice(1).map((title, i) => ({
    from: nodeId(i),
    ...(i === 0 ? { fromLabel: titles[0] } : {}),
    to: nodeId(i + 1),
    toLabel: title,
  }));
}

/** A URL inside `[[source::Kind|Title|URL]]`: whatever would end the link or start markup is percent-encoded. */
function safeUrl(url: string): string {
  return oneLine(url).replace(/[|[\]{}<>\s"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function pageView(model: GoldpathModel, w: Workflow) {
  const titles = w.steps.map(stepTitle);
  return {
    repoName: model.repoName,
    knowledgeSources: model.knowledgeSources.map((k) => ({ kind: k.kind, title: k.title, url: safeUrl(k.url) })),
    domains: w.domains.length ? w.domains : model.domains,
    lastUpdated: model.lastUpdated,
    overview: w.overview,
    description: w.description,
    usage: w.usage,
    steps: w.steps.map((s, i) => ({
      number: i + 1,
      title: titles[i],
      principle: s.principle,
      description: s.description,
      considerations: s.considerations.filter((c) => oneLine(c)),
    })),
    diagram: diagramLines(titles),
    principles: uniq(w.steps.map((s) => s.principle)),
  };
}

// ---------------------------------------------------------------------------------------- Workflow index

/** The distinct callees of the steps' main calls, in step order. */
function workflowApis(w: Workflow): string {
  return uniq(w.steps.filter((s) => s.calls.length).map((s) => s.calls[0].call.callee)).join(', ');
}

/** The Extraction Guide's Source: where Phase 2 finds the code, as a repository path or a short phrase. */
function guideSource(c: StepCall): { text: string; code: boolean } {
  const r = c.call.resolution;
  switch (r.kind) {
    case 'repo':
      return { text: c.call.definition?.path ?? r.span.path, code: true };
    case 'external':
      return { text: `${r.distribution} (external)`, code: false };
    case 'pattern':
      return { text: 'User code', code: false };
    case 'tool':
      return { text: r.command.split(/\s+/)[0], code: false };
    default:
      return { text: 'unresolved', code: false };
  }
}

/** The `via` of a call resolved through a function attached at run time, shown as an extra index row. */
function attachmentVia(c: StepCall): string | undefined {
  const r = c.call.resolution;
  return r.kind === 'repo' && r.via.startsWith('attachment') ? r.via : undefined;
}

function callView(c: StepCall) {
  return {
    callee: c.call.callee,
    apiCall: c.apiCall,
    implementation: c.implementation,
    type: c.type,
    sourceLocation: c.sourceLocation,
    resolvedTo: c.resolvedTo,
    resolvedThrough: attachmentVia(c),
    externalDependencies: c.externalDependencies,
    environment: c.environment,
    keyParameters: c.keyParameters,
    inputs: c.inputs,
    outputs: c.outputs,
    status: c.status,
    callSite: formatSpan(c.call.site),
  };
}

function indexView(model: GoldpathModel) {
  return {
    repoName: model.repoName,
    workflows: model.workflows.map((w) => {
      const steps = w.steps.map((s, i) => ({
        number: i + 1,
        title: stepTitle(s, i),
        principle: s.principle,
        main: s.calls.length ? callView(s.calls[0]) : undefined,
        also: s.calls.slice(1).map(callView),
      }));
      return {
        name: w.name,
        pageName: w.pageName,
        description: oneLine(w.overview) || oneLine(w.description),
        stepCount: w.steps.length,
        principleCount: uniq(w.steps.map((s) => s.principle)).length,
        apis: workflowApis(w),
        steps,
        guide: w.steps.map((s) => {
          const main = s.calls[0] as StepCall | undefined;
          return {
            principle: s.principle,
            implementation: main?.implementation ?? '',
            api: main?.call.callee.split('.').pop() ?? '',
            source: main ? guideSource(main) : { text: 'unresolved', code: false },
            type: main?.type ?? '',
          };
        }),
      };
    }),
  };
}

// ------------------------------------------------------------------------------------------------- Report

interface Located {
  api: string;
  source: string;
  span: Span | undefined;
  principles: Set<string>;
}

/** Source locations sort by path, then cell, then first line as a number (`L9` before `L10`). */
function bySpan(a: Located, b: Located): number {
  if (!a.span || !b.span) return cmp(a.source, b.source);
  return cmp(a.span.path, b.span.path) || (a.span.cell ?? 0) - (b.span.cell ?? 0) || a.span.start - b.span.start || cmp(a.source, b.source);
}

/** APIs to Extract: API Docs with a source location, one row per distinct location. */
function apisToExtract(model: GoldpathModel) {
  const rows = new Map<string, Located>();
  for (const w of model.workflows) {
    for (const s of w.steps) {
      for (const c of s.calls) {
        const r = c.call.resolution;
        if (c.type !== 'API Doc' || r.kind !== 'repo') continue;
        const row = rows.get(c.sourceLocation) ?? { api: r.qualname, source: c.sourceLocation, span: r.span, principles: new Set<string>() };
        row.principles.add(s.principle);
        rows.set(c.sourceLocation, row);
      }
    }
  }
  return [...rows.values()].sort(bySpan).map((r) => ({ api: r.api, source: r.source, principles: [...r.principles].sort(cmp).join(', ') }));
}

const TYPES: ImplementationType[] = ['API Doc', 'Wrapper Doc', 'Pattern Doc', 'External Tool Doc'];

/** Implementation pages by type: one per distinct principle (the 1:1 rule), typed by its step's main call. */
function typeCounts(w: Workflow): number[] {
  const byPrinciple = new Map<string, ImplementationType>();
  for (const s of w.steps) if (s.calls.length && !byPrinciple.has(s.principle)) byPrinciple.set(s.principle, s.calls[0].type);
  return TYPES.map((t) => [...byPrinciple.values()].filter((x) => x === t).length);
}

function reportView(model: GoldpathModel, missingFromMap: string[]) {
  const calls = model.workflows.flatMap((w) => w.steps.flatMap((s) => s.calls));
  const externals = new Map<string, Set<string>>();
  const patterns = new Map<string, { name: string; source: string; passedTo: string }>();
  for (const c of calls) {
    const r = c.call.resolution;
    if (r.kind === 'external') externals.set(r.distribution, (externals.get(r.distribution) ?? new Set<string>()).add(c.call.callee));
    if (r.kind === 'pattern') patterns.set(c.sourceLocation, { name: r.name, source: c.sourceLocation, passedTo: c.call.passedTo ?? '' });
  }
  const inputsFrom = { git: 'the HEAD commit time', option: '--date', fallback: 'the fixed fallback date (no git HEAD, no --date)' };
  return {
    workflowCount: model.workflows.length,
    stepCount: model.workflows.reduce((n, w) => n + w.steps.length, 0),
    hintCount: calls.filter((c) => c.sourceLocation !== 'unresolved').length,
    workflows: model.workflows.map((w) => {
      const [api, wrapper, pattern, tool] = typeCounts(w);
      return {
        name: w.name,
        pageName: w.pageName,
        sourceFiles: uniq(w.sources.map((s) => s.path)),
        stepCount: w.steps.length,
        apis: workflowApis(w),
        principleCount: uniq(w.steps.map((s) => s.principle)).length,
        types: { api, wrapper, pattern, tool },
      };
    }),
    coveredCount: uniq(model.workflows.flatMap((w) => w.coveredFiles)).length,
    exampleCount: uniq(model.workflows.flatMap((w) => w.sources.map((s) => s.path))).length,
    missingFromMap: [...missingFromMap].sort(cmp),
    apis: apisToExtract(model),
    externals: [...externals.entries()].sort((a, b) => cmp(a[0], b[0])).map(([name, callees]) => ({ name, callees: [...callees].sort(cmp) })),
    patterns: [...patterns.values()].sort((a, b) => cmp(a.source, b.source) || cmp(a.name, b.name)),
    candidates: model.candidates.map((c) => ({
      source: c.id,
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
    attachments: calls
      .filter((c) => attachmentVia(c))
      .map((c) => ({ callee: c.call.callee, where: formatSpan(c.call.site), target: c.sourceLocation, via: attachmentVia(c) ?? '' }))
      .sort((a, b) => cmp(a.where, b.where) || cmp(a.callee, b.callee)),
    skipped: model.skipped,
    stalePages: model.stalePages,
    repoMap: model.wikiInputs.repoMap,
    phase0Report: model.wikiInputs.phase0Report,
    lastUpdatedFrom: inputsFrom[model.lastUpdatedFrom],
    notes: model.wikiInputs.notes,
  };
}
