// Sources → workflows: drop sources that show none of the repository's API, merge sources that do the same
// steps, let small ones join a workflow that shares their calls (clarification 4), name everything, and
// write the texts from what the repository says.
import type { CallSite, Candidate, Step, StepCall, Workflow, WorkflowSource } from '../model.js';
import { formatSpan } from '../model.js';
import { DOMAIN_TAGS, GENERIC_NAMES, GPU_DISTRIBUTIONS, NAMING_ROLES } from '../heuristics/tables.js';
import { callKey, isApiCall, type DraftStep } from './steps.js';
import { implementationName, tokens, workflowNameFrom, pageName } from './names.js';

export interface AnalysedSource {
  candidate: Candidate;
  score: number;
  calls: CallSite[];
  steps: DraftStep[];
  /** Title of a notebook or heading of a code block. */
  title?: string;
  /** Prose around a code block; the module docstring of a script. */
  prose?: string;
  span: WorkflowSource['span'];
  /** Runtime of the source's language (the workflow's environment), when not the context's. */
  runtime?: 'Python' | 'Node';
}

export interface NamingHints {
  /** Phase 0 suggestions: name and files. */
  suggestions: { name: string; files: string[] }[];
  /** RepoMap Purpose by file. */
  purposes: Map<string, string>;
}

export interface WorkflowContext {
  repoName: string;
  runtime: 'Python' | 'Node';
  modelDomains: string[];
  existingImplementations: Set<string>;
}

interface Draft {
  sources: AnalysedSource[];
  steps: DraftStep[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const MIN_STEPS = 3;

export function buildWorkflows(analysed: AnalysedSource[], hints: NamingHints, ctx: WorkflowContext): Workflow[] {
  const drafts: Draft[] = [];
  const small: AnalysedSource[] = [];
  const primaryKeys = (steps: DraftStep[]) => steps.map((s) => callKey(s.calls[0]));
  const allKeys = (steps: DraftStep[]) => new Set(steps.flatMap((s) => s.calls.map(callKey)));

  // Examples first (by trust); tests only for API nothing else shows.
  const ordered = [...analysed].sort((a, b) => (a.candidate.kind === 'test' ? 1 : 0) - (b.candidate.kind === 'test' ? 1 : 0) || b.score - a.score || cmp(a.candidate.id, b.candidate.id));
  for (const src of ordered) {
    const c = src.candidate;
    if (!src.calls.some((x) => x.resolution.kind === 'repo')) {
      c.kept = false;
      c.reason = src.calls.some(isApiCall) ? "calls no API of the repository (only external code)" : "calls none of the repository's API";
      continue;
    }
    if (c.kind === 'test') {
      const shown = new Set([...drafts, ...small.map((x) => ({ steps: x.steps }))].flatMap((d) => [...allKeys(d.steps)]));
      const fresh = src.steps.filter((s) => s.calls[0].resolution.kind === 'repo' && !shown.has(callKey(s.calls[0])));
      if (fresh.length < MIN_STEPS) {
        c.kept = false;
        c.reason = fresh.length === 0 ? 'test: the API it calls is shown by other sources' : `test: only ${fresh.length} step(s) of API not shown elsewhere`;
        continue;
      }
    }
    const keys = primaryKeys(src.steps);
    // Same calls make the same workflow; a README or docs block with the same repository calls joins too,
    // and the tools it also runs (its section's shell commands) are added as steps of their own.
    const repoKeys = (steps: DraftStep[]) => primaryKeys(steps).filter((_, i) => steps[i].calls[0].resolution.kind !== 'tool');
    const doc = c.kind === 'readme' || c.kind === 'docs';
    const same = drafts.find((d) => (doc ? sameKeys(repoKeys(d.steps), repoKeys(src.steps)) : sameKeys(primaryKeys(d.steps), keys)));
    if (same) {
      same.sources.push(src);
      const have = new Set(primaryKeys(same.steps));
      const tools = src.steps.filter((s) => s.calls[0].resolution.kind === 'tool' && !have.has(callKey(s.calls[0])));
      if (same.steps.length + tools.length <= 7) same.steps = [...same.steps, ...tools];
      continue;
    }
    if (src.steps.length < MIN_STEPS) {
      small.push(src);
      continue;
    }
    drafts.push({ sources: [src], steps: src.steps });
  }
  // Small candidates: join a workflow that has all their calls, else merge with small ones on the same API.
  const pool: Draft[] = [];
  for (const src of small) {
    const keys = primaryKeys(src.steps);
    // An example joins a workflow built from examples; a test-built one only takes what nothing else will.
    const host = drafts.find((d) => !testBuilt(d) && keys.every((k) => allKeys(d.steps).has(k)));
    if (host) {
      host.sources.push(src);
      continue;
    }
    // Constructors do not make an API area: every example of an SDK builds the same client.
    const own = primaryKeys(src.steps).filter((_, i) => src.steps[i].calls[0].definition?.kind !== 'class');
    const mate = pool.find((d) => d.steps.some((s) => own.includes(callKey(s.calls[0]))) || sameArea(d.steps, src.steps));
    if (mate) {
      mate.sources.push(src);
      const have = new Set(primaryKeys(mate.steps));
      mate.steps = [...mate.steps, ...src.steps.filter((s) => !have.has(callKey(s.calls[0])))];
    } else {
      pool.push({ sources: [src], steps: [...src.steps] });
    }
  }
  for (const d of pool) {
    if (d.steps.length >= MIN_STEPS) {
      d.steps = d.steps.slice(0, 7);
      drafts.push(d);
    } else {
      // Still too small: a workflow that runs all its calls takes it as one more source, else one built from
      // examples that runs one of its repository calls (not just a constructor).
      const all = primaryKeys(d.steps);
      const keys = all.filter((_, i) => d.steps[i].calls[0].resolution.kind === 'repo' && d.steps[i].calls[0].definition?.kind !== 'class');
      const host = drafts.find((h) => all.every((k) => allKeys(h.steps).has(k))) ?? drafts.find((h) => !testBuilt(h) && keys.some((k) => allKeys(h.steps).has(k)));
      if (host) {
        host.sources.push(...d.sources);
        continue;
      }
      for (const s of d.sources) {
        s.candidate.kept = false;
        s.candidate.reason = `only ${d.steps.length} step(s), and no workflow shares its calls`;
      }
    }
  }

  const workflows = drafts.map((d) => draftToWorkflow(d, hints, ctx));
  uniqueNames(workflows);
  applyOneToOne(workflows, ctx);
  workflows.sort((a, b) => cmp(a.name, b.name));
  for (const w of workflows) {
    for (const s of w.sources) {
      const src = drafts.flatMap((d) => d.sources).filter((x) => x.candidate.path === s.path && (s.kind === 'readme' || s.kind === 'docs' ? x.candidate.line === s.span.start : true));
      for (const x of src) {
        x.candidate.kept = true;
        x.candidate.workflow = w.pageName;
        x.candidate.reason = x.candidate.kind === 'test' ? 'test that shows API no example shows' : `${w.steps.length} steps`;
      }
    }
  }
  return workflows;
}

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function testBuilt(d: Draft): boolean {
  return d.sources[0].candidate.kind === 'test';
}

function sameArea(a: DraftStep[], b: DraftStep[]): boolean {
  const files = (steps: DraftStep[]) => new Set(steps.flatMap((s) => s.calls.filter((c) => c.resolution.kind === 'repo' && c.definition?.kind !== 'class').map((c) => (c.resolution as { span: { path: string } }).span.path)));
  const fa = files(a);
  return [...files(b)].some((f) => fa.has(f));
}

function draftToWorkflow(d: Draft, hints: NamingHints, ctx: WorkflowContext): Workflow {
  // The source the workflow was built from names it; the ones that joined it follow by trust.
  const sources = [d.sources[0], ...d.sources.slice(1).sort((a, b) => b.score - a.score || cmp(a.candidate.id, b.candidate.id))];
  const { name, from } = chooseName(sources, d.steps, hints);
  const calls = d.steps.flatMap((s) => s.calls);
  const deps = new Set<string>();
  for (const c of calls) {
    if (c.resolution.kind === 'external') deps.add(c.resolution.distribution);
    for (const e of c.definition?.externalImports ?? []) deps.add(e);
  }
  const gpu = [...deps].some((dep) => GPU_DISTRIBUTIONS.has(dep.toLowerCase()));
  const environment = `${ctx.repoName}_${gpu ? 'CUDA' : (d.sources[0].runtime ?? ctx.runtime)}`;
  const domains = new Set<string>();
  for (const dep of deps) for (const t of DOMAIN_TAGS[dep.toLowerCase()] ?? []) domains.add(t);
  for (const t of ctx.modelDomains) domains.add(t);
  const produced = new Map<string, string>();
  const steps: Step[] = d.steps.map((s, i) => {
    const stepCalls = s.calls.map((c) => stepCall(c, environment, produced, ctx));
    for (const c of s.calls) for (const v of c.assignedTo) produced.set(v, s.title);
    return {
      number: i + 1,
      title: s.title,
      principle: s.principle,
      role: s.role,
      description: stepDescription(s),
      considerations: considerations(s),
      calls: stepCalls,
    };
  });
  const wsources: WorkflowSource[] = sources.map((s) => ({
    path: s.candidate.path,
    kind: s.candidate.kind,
    ...(s.candidate.heading ? { heading: s.candidate.heading } : {}),
    span: s.span,
  }));
  const covered = new Set<string>(wsources.map((s) => s.path));
  for (const c of calls) if (c.resolution.kind === 'repo') covered.add(c.resolution.span.path);
  const title = name.replace(/_/g, ' ');
  const goal = title
    .split(' ')
    .map((w) => (/[A-Z].*[A-Z]/.test(w) ? w : w.toLowerCase()))
    .join(' ');
  const apis = uniq(steps.map((s) => s.calls[0].call.callee));
  const technique = apis.length > 1 ? `${apis.slice(0, -1).join(', ')} and ${apis[apis.length - 1]}` : apis[0];
  const lead = sources.map((s) => s.prose || hints.purposes.get(s.candidate.path) || s.title).find((t) => t && t.trim());
  const where = sources.map((s) => (s.candidate.kind === 'readme' || s.candidate.kind === 'docs' ? `${s.candidate.path} (${s.candidate.heading ?? `line ${s.candidate.line}`})` : s.candidate.path));
  const description = [
    lead ? ensureStop(firstSentences(lead, 2)) : undefined,
    `It covers ${steps.length} steps, from ${steps[0].title} to ${steps[steps.length - 1].title}, as shown in ${joinList(where)}.`,
    `Each step maps to one call of the API: ${steps.map((s) => `${s.title} (${s.calls[0].call.callee})`).join(', ')}.`,
  ]
    .filter(Boolean)
    .join(' ');
  const firstInputs = steps[0].calls[0].call.argNames.slice(0, 3);
  const lastOut = steps[steps.length - 1].calls[0].call.assignedTo;
  const usage = `Use it when you start from ${firstInputs.length ? joinList(firstInputs) : 'nothing but the library'} and want ${lastOut.length ? joinList(lastOut) : `the result of ${steps[steps.length - 1].title}`}.`;
  return {
    name,
    pageName: `${ctx.repoName}_${name}`,
    nameFrom: from,
    overview: `End-to-end process for ${goal} using ${technique}.`,
    description,
    usage,
    sources: wsources,
    domains: [...domains].sort(cmp),
    steps,
    coveredFiles: [...covered].sort(cmp),
  };
}

function chooseName(sources: AnalysedSource[], steps: DraftStep[], hints: NamingHints): { name: string; from: string } {
  const specific = (n: string | undefined) => (n && !GENERIC_NAMES.has(n.toLowerCase()) ? n : undefined);
  for (const s of sources) {
    const sug = hints.suggestions.find((x) => x.files.includes(s.candidate.path));
    const n = sug && specific(workflowNameFrom(sug.name));
    if (n) return { name: n, from: 'phase0' };
  }
  for (const s of sources) {
    const p = hints.purposes.get(s.candidate.path);
    const n = p && specific(workflowNameFrom(p));
    if (n) return { name: n, from: 'purpose' };
  }
  // The heading above the code block (or the notebook's title), then the file name, of the source the
  // workflow was built from: sources that joined it later do not rename it.
  for (const s of sources.slice(0, 1)) {
    const n = s.title ? specific(workflowNameFrom(s.title)) : undefined;
    if (n) return { name: n, from: s.candidate.kind === 'notebook' ? 'notebook-title' : 'readme-heading' };
  }
  for (const s of sources.slice(0, 1)) {
    if (s.candidate.kind === 'readme' || s.candidate.kind === 'docs') continue;
    const parts = s.candidate.path.split('/');
    const n = specific(workflowNameFrom(parts[parts.length - 1])) ?? specific(workflowNameFrom(parts.slice(-2).join(' ')));
    if (n) return { name: n, from: 'file-name' };
  }
  // Nothing specific: the workflow's own main milestone (`Model_Training`).
  for (const role of NAMING_ROLES) {
    const step = steps.find((s) => s.role === role);
    if (step) return { name: step.principle, from: 'steps' };
  }
  return { name: steps[0]?.principle ?? 'Main', from: 'steps' };
}

/** Two workflows with one name: the later one gets the words of its first source's file name. */
function uniqueNames(workflows: Workflow[]): void {
  const seen = new Set<string>();
  for (const w of [...workflows].sort((a, b) => cmp(a.sources[0].path, b.sources[0].path) || a.sources[0].span.start - b.sources[0].span.start)) {
    let name = w.name;
    if (seen.has(name)) {
      const extra = workflowNameFrom(w.sources[0].path.split('/').pop()!) ?? 'Alt';
      name = `${name}_${extra}`;
      for (let i = 2; seen.has(name); i++) name = `${w.name}_${extra}_${i}`;
    }
    seen.add(name);
    w.name = name;
  }
}

/** The 1:1 rule, repo wide (clarification 14): one implementation per principle, one principle per concept+API. */
function applyOneToOne(workflows: Workflow[], ctx: WorkflowContext): void {
  for (const w of workflows) w.pageName = `${ctx.repoName}_${w.name}`;
  const principleApi = new Map<string, string>();
  const ordered = [...workflows].sort((a, b) => cmp(a.name, b.name));
  for (const w of ordered) {
    const used = new Set<string>();
    for (const s of w.steps) {
      const key = callKey(s.calls[0].call);
      let p = s.principle;
      const owner = principleApi.get(p);
      if ((owner !== undefined && owner !== key) || used.has(p)) {
        // Same concept, another API: qualify with a word of the workflow that the principle lacks.
        const have = new Set(tokens(p));
        const extra = tokens(w.name).filter((t) => !have.has(t));
        let q = p;
        for (const t of extra) {
          q = pageName([t, ...q.split('_')]) ?? q;
          const o = principleApi.get(q);
          if ((o === undefined || o === key) && !used.has(q)) break;
        }
        for (let i = 2; (principleApi.get(q) ?? key) !== key || used.has(q); i++) q = `${p}_${i}`;
        p = q;
      }
      principleApi.set(p, key);
      used.add(p);
      s.principle = p;
    }
  }
  // Implementation names: one per principle; an API serving several principles gets an angle suffix.
  const implOf = new Map<string, string>();
  const firstUse = new Map<string, StepCall>();
  const taken = new Set<string>();
  for (const w of ordered) {
    for (const s of w.steps) {
      const main = s.calls[0];
      const known = implOf.get(s.principle);
      if (known) {
        main.implementation = known;
      } else {
        const base = main.implementation;
        let name = base;
        if (taken.has(name)) {
          const first = firstUse.get(base);
          const firstKw = new Set(first?.call.argNames ?? []);
          const angle = main.call.argNames.find((a) => !firstKw.has(a) && /^[A-Za-z_]\w*$/.test(a)) ?? tokens(w.name)[0] ?? 'alt';
          name = implementationName(`${base}_${angle}`);
          for (let i = 2; taken.has(name); i++) name = implementationName(`${base}_${angle}_${i}`);
        } else {
          firstUse.set(base, main);
        }
        taken.add(name);
        implOf.set(s.principle, name);
        main.implementation = name;
      }
      main.status = ctx.existingImplementations.has(`${ctx.repoName}_${main.implementation}`) ? '✅' : '⬜';
      // Merged calls keep their own names; they are listed under the step's principle.
      for (const c of s.calls.slice(1)) c.status = ctx.existingImplementations.has(`${ctx.repoName}_${c.implementation}`) ? '✅' : '⬜';
    }
  }
}

function stepCall(c: CallSite, environment: string, produced: Map<string, string>, ctx: WorkflowContext): StepCall {
  const r = c.resolution;
  // A command of the repository's own CLI is shown as the command line as written (clarification 23).
  const apiCall = c.command ? c.command.line : `${c.callee}(${c.argNames.join(', ')})`;
  let type: StepCall['type'] = 'API Doc';
  let sourceLocation = 'unresolved';
  let impl = implementationName(c.callee);
  let externalDependencies: string[] = [];
  let resolvedTo: string | undefined;
  if (r.kind === 'repo') {
    sourceLocation = formatSpan(r.span);
    impl = implementationName(c.command ? c.callee.replace(/[^A-Za-z0-9]+/g, '_') : r.qualname);
    externalDependencies = c.definition?.externalImports ?? [];
    // Python modules are dotted (`pkg.mod.Class.method`); a TypeScript module is a path, shown by Source Location.
    if (c.command || !c.callee.endsWith(r.qualname)) resolvedTo = r.module.includes('/') ? r.qualname : `${r.module}.${r.qualname}`;
  } else if (r.kind === 'external') {
    type = 'Wrapper Doc';
    sourceLocation = `external (${r.distribution})`;
    impl = implementationName(`${c.callee.split('.').filter((p) => /^[A-Z]/.test(p)).pop() ?? c.callee.split('.').slice(-1)[0]}_usage`);
    if (/^[a-z_]+$/.test(c.callee.split('.')[0]) && c.callee.includes('.')) impl = implementationName(`${c.callee.split('.').slice(-2).join('_')}_usage`);
    externalDependencies = [r.distribution];
  } else if (r.kind === 'pattern') {
    type = 'Pattern Doc';
    sourceLocation = formatSpan(r.span);
    impl = implementationName(`${r.name}_interface`);
  } else if (r.kind === 'tool') {
    type = 'External Tool Doc';
    const tool = r.command.split(/\s+/)[0];
    sourceLocation = `external (${tool})`;
    impl = implementationName(`${tool}_cli`);
  }
  const def = c.definition;
  const passed = new Set(c.argNames);
  const params = def?.params ?? [];
  const fmt = (p: { name: string; type?: string; default?: string }) => `${p.name}${p.type ? `: ${p.type}` : ''}${p.default !== undefined ? ` = ${p.default}` : ''}`;
  const keyParameters = [...params.filter((p) => passed.has(p.name)), ...params.filter((p) => !passed.has(p.name) && !p.name.startsWith('*'))].slice(0, 8).map(fmt);
  // Inputs: values produced by earlier steps (data flow), then the other arguments by name.
  const fromSteps = uniq(c.uses.filter((u) => produced.has(u)).map((u) => `${u} (from ${produced.get(u)})`));
  const others = c.argNames.filter((a) => !produced.has(a));
  const inputText = fromSteps.length || others.length ? [...fromSteps, ...others].join(', ') : '—';
  const outputs = c.assignedTo.length ? c.assignedTo.join(', ') + (def?.kind === 'class' ? ` (${def.qualname} instance)` : def?.returns ? ` (${def.returns})` : '') : def?.returns ?? '—';
  return {
    call: c,
    apiCall,
    implementation: impl,
    type,
    sourceLocation,
    ...(resolvedTo ? { resolvedTo } : {}),
    externalDependencies,
    environment,
    keyParameters,
    inputs: inputText,
    outputs,
    status: ctx.existingImplementations.has(`${ctx.repoName}_${impl}`) ? '✅' : '⬜',
  };
}

function stepDescription(s: DraftStep): string {
  const main = s.calls[0];
  const r = main.resolution;
  const parts: string[] = [];
  if (r.kind === 'repo') {
    parts.push(main.definition?.summary ? ensureStop(main.definition.summary) : `Calls ${main.callee} from the repository.`);
  } else if (r.kind === 'external') {
    parts.push(`Uses ${main.callee} from the external package ${r.distribution}.`);
  } else if (r.kind === 'pattern') {
    parts.push(`The user defines ${r.name}${main.passedTo ? `, which is passed to ${main.passedTo}` : ''}.`);
  } else if (r.kind === 'tool') {
    parts.push(`Runs the command-line tool ${r.command.split(/\s+/)[0]}.`);
  }
  if (main.comment) parts.push(`The example notes: ${ensureStop(main.comment)}`);
  const others = uniq(s.calls.slice(1).map((c) => c.callee));
  if (others.length) parts.push(`It also uses ${joinList(others)}.`);
  return parts.join(' ');
}

function considerations(s: DraftStep): string[] {
  const out: string[] = [];
  for (const c of s.calls) for (const [arg, comment] of Object.entries(c.argComments)) out.push(`${arg}: ${comment}`);
  return uniq(out);
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function joinList(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function ensureStop(t: string): string {
  const s = t.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

function firstSentences(text: string, n: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const parts = t.match(/[^.!?]+[.!?]+(\s|$)/g);
  return parts ? parts.slice(0, n).join('').trim() : t;
}

