// Sources → use cases → ranked workflows: drop sources that show none of the repository's API, mine the
// use cases the sources share (usecases.ts), let small ones join a bigger one or each other
// (clarification 4), rank them by evidence (rank.ts), write at most the budget, name them (naming.ts)
// and write their texts from what the repository says.
import type { NavPlace } from './docs-nav.js';
import type { ReadmeTerms } from './mentions.js';
import type { CallSite, OmittedUseCase, RankEvidence, Step, StepCall, Workflow, WorkflowSource } from '../model.js';
import { onlyCommands, scriptRun, type AnalysedSource } from './source.js';
import { isBorrowed } from './sections.js';
import { formatSpan } from '../model.js';
import { CLIENT_MODULE, DEFAULT_MAX_WORKFLOWS, DOMAIN_TAGS, EXCLUSIVE_ROLES, GPU_DISTRIBUTIONS, KEYWORD_DOMAINS, MAX_STEPS, MIN_STEPS, NAME_DANGLING, NAME_FILLER, NOVELTY_SHARE, SCAFFOLD_SPREAD, TEST_ONLY_FILL } from '../heuristics/tables.js';
import { apiKey, buildSteps, callKey, distinctTitles, isApiCall, isConstructor, isRepoCall, nameCall, stepApi, twinKey, withAlternatives, type DraftStep } from './steps.js';
import { implementationName, isProjectName, tokens, pageName } from './names.js';
import { markTopicOptions, withOption } from './options.js';
import { append, byFollowing, byTrust, consensusSteps, isClient, mergeByTrust, mineUseCases, ownPageFirst, settle, titleNames, type UseCase } from './usecases.js';
import { rankUseCases, readmeOrder, type RankedUseCase } from './rank.js';
import { nameUseCases, type ChosenName, type NamingHints } from './naming.js';
import { stepTrace, textOf, workflowTrace } from './texts.js';
import { withShownWays } from './shown.js';
import { publicSurface, type PublicSurface } from './surface.js';

export type { NamingHints } from './naming.js';

export type { AnalysedSource } from './source.js';

export interface WorkflowContext {
  repoName: string;
  runtime: 'Python' | 'Node';
  modelDomains: string[];
  /** Project keywords (package metadata): domains every workflow of the project may carry. */
  keywords?: string[];
  existingImplementations: Set<string>;
  /** The package's public surface (default: by path and name alone). */
  isPublic?: PublicSurface;
  /** What the root README's prose names (rank evidence). */
  readme?: ReadmeTerms;
  /** Docs pages' places in the docs' navigation (rank evidence). */
  docsNav?: ReadonlyMap<string, NavPlace>;
  /** Workflow pages written at most (default DEFAULT_MAX_WORKFLOWS); `all` writes every use case. */
  maxWorkflows?: number;
  all?: boolean;
}

interface Draft {
  sources: AnalysedSource[];
  steps: DraftStep[];
  rank: number;
  score: number;
  evidence: RankEvidence[];
  anchor: string;
  named: { name: string; from: string };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildWorkflows(analysed: AnalysedSource[], hints: NamingHints, ctx: WorkflowContext): { workflows: Workflow[]; omitted: OmittedUseCase[] } {
  // A library whose whole API is what elsewhere is boilerplate (a logger, a printer): its calls are the steps.
  const repoSteps = (a: AnalysedSource) => a.steps.some((s) => s.calls.some(isRepoCall));
  if (!analysed.some(repoSteps) && analysed.some((a) => a.calls.some(isRepoCall))) {
    for (const a of analysed) a.steps = buildSteps(a.calls, { keepBoilerplate: true });
  }
  const eligible: AnalysedSource[] = [];
  const runners: { src: AnalysedSource; scripts: string[] }[] = [];
  const sourcePaths = new Set(analysed.filter((a) => !onlyCommands(a)).map((a) => a.candidate.path));
  for (const src of [...analysed].sort(byTrust)) {
    const c = src.candidate;
    if (!src.steps.some((s) => s.calls.some(isRepoCall))) {
      const scripts = scriptsItRuns(src, sourcePaths);
      if (scripts.length) runners.push({ src, scripts });
      c.kept = false;
      c.reason = src.calls.some((x) => x.resolution.kind === 'repo')
        ? 'its repository calls are all boilerplate (argument parsing, printing, checks)'
        : src.calls.some(isApiCall)
          ? 'calls no API of the repository (only external code)'
          : "calls none of the repository's API";
      continue;
    }
    eligible.push(src);
  }
  const isPublic = ctx.isPublic ?? publicSurface();
  markTopicOptions(eligible);
  const { kept: absorbed, dropped: small } = absorbSmall(mineUseCases(eligible, isPublic), isPublic);
  const ran = foldScriptRuns(absorbed, small);
  const mined = absorbed.filter((u) => !ran.has(u));
  const sized = foldCommandSections(mined, isPublic);
  // (A section too small to stand alone whose every source runs such a script: its sources, too.)
  for (const u of small) {
    if (ran.has(u)) continue;
    const each = u.members.map((m) => ({ src: m, scripts: scriptsItRuns(m, sourcePaths) }));
    if (each.every((r) => r.scripts.length)) runners.push(...each);
  }
  const runShown = foldModuleScriptRuns(sized, runners);
  const dropped = small.filter((u) => !ran.has(u) && !u.members.every((m) => runShown.has(m)));
  for (const d of dropped) {
    for (const m of d.members) {
      m.candidate.kept = false;
      m.candidate.reason = `only ${d.steps.length} step(s), and no workflow shares its calls`;
    }
  }
  // A use case of internals only (private modules, test helpers, an application's code) is no golden path;
  // nor one that ended with fewer than MIN_STEPS steps once its sources were settled (never padded).
  const { isQuickstart } = readmeOrder(eligible);
  // (Its section shown by a use case of steps enough: mistral's README shows the chat call, then its async twin.)
  const sectionOf = (m: AnalysedSource) => `${m.candidate.path}#${m.candidate.heading ?? ''}`;
  const quickstarts = new Set(eligible.filter(isQuickstart).map(sectionOf));
  const quickstartShown = sized.some((u) => u.steps.length >= MIN_STEPS && u.members.some((m) => quickstarts.has(sectionOf(m))));
  const kept = sized.filter((u) => {
    // Too small with a topic option (README blocks that only build the client with a workload identity):
    // the use case that makes the same calls without the option takes its sources, as it did before.
    const plain = u.steps.length < MIN_STEPS ? plainHost(u, sized) : undefined;
    if (plain) {
      absorbInto(plain, u, isPublic);
      return false;
    }
    // The README's quick start is the library's first golden path, short as it may be (an SDK's client and
    // its one call): when no use case of steps enough shows it, a step one of its sources makes tops it up
    // (a test's only after those written to show it, and only another way of their call: its streaming way).
    if (u.steps.length < MIN_STEPS && !quickstartShown && u.members.some(isQuickstart)) {
      const more = consensusSteps(u.members, u.anchor, isPublic, u.weight, 1);
      if (more.length >= MIN_STEPS) u.steps = more;
    }
    if (u.steps.length < MIN_STEPS) {
      for (const m of u.members) {
        m.candidate.kept = false;
        m.candidate.reason = `only ${u.steps.length} step(s) shared by its use case's sources, and no workflow shares its calls`;
      }
      return false;
    }
    if (u.steps.some((s) => isRepoCall(s.calls[0]) && isPublic(s.calls[0]))) return true;
    for (const m of u.members) {
      m.candidate.kept = false;
      m.candidate.reason = 'its steps call only internals (private modules, test helpers, application code), no public API';
    }
    return false;
  });
  for (const u of kept) u.members = ownPageFirst(u);
  const ranked = diversify(rankUseCases(kept, { suggestions: hints.suggestions, sources: eligible, isPublic, ...(ctx.readme ? { readme: ctx.readme } : {}), ...(ctx.docsNav ? { docsNav: ctx.docsNav } : {}) }));
  const names = nameUseCases(ranked, hints);
  markNumbered(ranked, names);
  const limit = ctx.all ? Infinity : Math.max(0, ctx.maxWorkflows ?? DEFAULT_MAX_WORKFLOWS);
  // Tests fill in only for a repository whose examples and docs show few use cases.
  const shown = ranked.filter((u) => !u.testOnly).length;
  const testRoom = ctx.all ? Infinity : Math.max(0, TEST_ONLY_FILL - shown);
  const drafts: Draft[] = [];
  const omitted: OmittedUseCase[] = [];
  let tests = 0;
  ranked.forEach((u: RankedUseCase, i) => {
    const rank = i + 1;
    const room = u.testOnly ? tests < testRoom : true;
    // A use case whose milestones higher-ranked workflows already show is a near-duplicate: written only with --all.
    const repeat = !ctx.all && u.evidence.find((e) => e.kind === 'repeats' || e.kind === 'config-only');
    if (drafts.length < limit && room && !repeat) {
      if (u.testOnly) tests++;
      drafts.push({ sources: u.members, steps: withShownWays(u.steps, u.members), rank: drafts.length + 1, score: u.score, evidence: u.evidence, anchor: names[i].anchor, named: names[i] });
      return;
    }
    const reason = repeat
      ? `ranked ${rank}: ${repeat.detail} (--all writes it)`
      : room
        ? `ranked ${rank}, past the budget of ${limit} workflow(s) (--max-workflows, --all)`
        : `ranked ${rank}: only tests show it, and examples, README and docs already show ${shown} use case(s) (--all writes it)`;
    omitted.push({
      rank,
      name: names[i].name,
      anchor: names[i].anchor,
      score: u.score,
      sources: u.members.map((m) => m.candidate.id),
      apis: [...new Set(u.steps.flatMap((s) => s.calls.map((c) => c.callee)))],
      reason,
    });
    for (const m of u.members) {
      m.candidate.kept = false;
      m.candidate.reason = `use case ${names[i].name} ${reason}`;
    }
  });
  // The parameters the repository's sources set most often, per API: what a user would change first.
  const oftenSet = oftenSetParameters(eligible);
  const workflows = drafts.map((d) => draftToWorkflow(d, d.named, hints, ctx, oftenSet));
  applyOneToOne(workflows, ctx);
  for (const w of workflows) {
    for (const src of drafts[w.rank - 1].sources) {
      src.candidate.kept = true;
      src.candidate.workflow = w.pageName;
      src.candidate.reason = src.candidate.kind === 'test' ? `test that follows ${w.name}` : `${w.steps.length} steps`;
    }
  }
  return { workflows, omitted };
}

/**
 * A use case named like a higher-ranked one, with no step of the library that one lacks (numbered:
 * Accelerate_Launch_2 for `python -m accelerate.commands.launch`), shows that use case again: a repeat.
 */
export function markNumbered(ranked: RankedUseCase[], names: ChosenName[]): void {
  ranked.forEach((u, i) => {
    const same = names[i].sameAs;
    if (same && !u.evidence.some((e) => e.kind === 'repeats')) u.evidence.push({ kind: 'repeats', detail: `named like ${same}, it shows no step of the library that ${same} lacks`, points: 0 });
  });
}

/**
 * In rank order, a use case whose steps' distinctive calls (weighted as in mining) are mostly made by
 * higher-ranked use cases already moves after those that show something new (the evidence says so): a
 * wiki of six different paths beats six variants of one. Test-only use cases stay last.
 */
function diversify(ranked: RankedUseCase[]): RankedUseCase[] {
  const shown = new Set<string>();
  const fresh: RankedUseCase[] = [];
  // Kept use cases by provider family (verb and type made): a use case is compared with its family only.
  const families = new Map<string, RankedUseCase[]>();
  const repeats: RankedUseCase[] = [];
  // The trainers (EXCLUSIVE_ROLES) of the kept use cases.
  const trainers = new Set<string>();
  for (const u of ranked) {
    const w = u.weight ?? (() => 1);
    const keys = [...new Set(u.steps.map((s) => callKey(s.calls[0])))];
    // Shown is by API: the sync and async twins of one (`Anthropic` and `AsyncAnthropic`) are one; a
    // topic option it passes stays its own (GRPOTrainer with `tools=` is not plain GRPO training).
    const apiOf = new Map(u.steps.map((s) => [callKey(s.calls[0]), twinKey(s.calls[0])]));
    const sum = (ks: string[]) => ks.reduce((t, k) => t + w(k), 0);
    const novelty = (ks: string[]) => (sum(ks) > 0 ? sum(ks.filter((k) => !shown.has(apiOf.get(k)!))) / sum(ks) : 1);
    // New by weight, and new in the library's own calls: the same milestones trained with another
    // library's trainer (peft's LoRA model handed to transformers' Trainer, then to trl's SFTTrainer) are
    // one golden path of this library, however rare that trainer is.
    const total = sum(keys);
    const byWeight = novelty(keys);
    // The library's own calls: resolved, or methods of its objects whose class is chosen at run time
    // (`pipeline.load_lora_weights` after a factory), but not calling such an object (every pipeline is called).
    const ownKeys = new Set(u.steps.map((s) => s.calls[0]).filter((c) => isRepoCall(c) && !(c.resolution.kind === 'unresolved' && c.resolution.method === '__call__')).map(callKey));
    // (Unless the library's calls tell no use case apart, every one of them made by most of the sources,
    // and its trainer is new where a higher-ranked use case trains with another: a library of scaffolding
    // around another's trainers, alignment-handbook's `get_model`, `get_tokenizer`, `get_dataset` before
    // trl's SFTTrainer, DPOTrainer or ORPOTrainer. As in mining, another trainer is another use case; a
    // trainer added where the higher-ranked path trains with none is not, nor another loop around the calls.)
    const newTrainer = trainers.size > 0 && u.steps.some((s) => isTrainer(s) && !trainers.has(apiOf.get(callKey(s.calls[0]))!));
    // (The new trainer's own config, `DPOConfig` beside `DPOTrainer`, serves that trainer: no call that tells the paths apart.)
    const configs = new Set(u.steps.filter((s) => nameCall(s.calls[0]).role === 'configure').map((s) => callKey(s.calls[0])));
    const served = [...ownKeys].filter((k) => !configs.has(k));
    const scaffold = newTrainer && served.length > 0 && served.every((k) => (u.weight?.spread?.(k) ?? 0) >= SCAFFOLD_SPREAD);
    const own = scaffold ? 1 : novelty(keys.filter((k) => ownKeys.has(k)));
    const novel = Math.min(byWeight, own);
    // Configuration objects alone (a docs section listing `SFTConfig(...)` options) are reference, not a path.
    const configOnly = u.steps.every((s) => nameCall(s.calls[0]).role === 'configure');
    if (!u.testOnly && configOnly && fresh.length) {
      u.evidence.push({ kind: 'config-only', detail: 'its steps only build configuration objects', points: 0 });
      repeats.push(u);
      continue;
    }
    const variant = !u.testOnly ? pageVariant(u, fresh) : undefined;
    if (variant) {
      u.evidence.push({ kind: 'repeats', detail: `a variant of a higher-ranked workflow that another section of ${variant.page} shows: \`${variant.own}\` where that one has \`${variant.theirs}\``, points: 0 });
      repeats.push(u);
      continue;
    }
    const provider = !u.testOnly ? providerVariant(u, families) : undefined;
    if (provider) {
      u.evidence.push({ kind: 'repeats', detail: `the use case of ${provider.theirs} with another provider of the library (\`${provider.own}\`, each defined in its provider's module)`, points: 0 });
      repeats.push(u);
      continue;
    }
    if (!u.testOnly && total > 0 && novel < NOVELTY_SHARE && fresh.length) {
      const what = own < byWeight ? "calls into the library" : 'distinctive calls';
      u.evidence.push({ kind: 'repeats', detail: `${Math.round(100 * (1 - novel))}% of its ${what} are shown by higher-ranked workflows`, points: 0 });
      repeats.push(u);
      continue;
    }
    for (const k of keys) shown.add(apiOf.get(k)!);
    for (const s of u.steps) if (isTrainer(s)) trainers.add(apiOf.get(callKey(s.calls[0]))!);
    fresh.push(u);
    const f = providerFamily(u);
    if (f) append(families, f.key, u);
  }
  return [...fresh.filter((u) => !u.testOnly), ...repeats, ...fresh.filter((u) => u.testOnly)];
}

/** A step that makes a trainer (`DPOTrainer(...)`, its `.train()` beside it): not a scheduler's or optimizer's `.step()`. */
const isTrainer = (s: DraftStep) => EXCLUSIVE_ROLES.has(s.role) && s.calls.some((c) => isConstructor(c) && EXCLUSIVE_ROLES.has(nameCall(c).role));

/**
 * A use case whose representative is another section of the page a kept use case's representative is on,
 * with the same steps but one, done by a call whose title has the same verb: one way of that use case the
 * page shows beside the other (anthropic-sdk-typescript's structured outputs "Usage with Zod" and "Usage
 * with JSON Schema", Format Zod Output or Format JSON Schema Output before Parse Messages;
 * sentence-transformers' ONNX and OpenVINO exports). Two sections that differ in their verb are two use
 * cases (a pipeline whose LoRA weights are loaded, one whose model is offloaded), and so are two calls
 * of unrelated names.
 */
function pageVariant(u: RankedUseCase, kept: RankedUseCase[]): { page: string; own: string; theirs: string } | undefined {
  const page = (x: RankedUseCase) => {
    const c = x.members[0]?.candidate;
    return c && (c.kind === 'docs' || c.kind === 'readme') ? c.path : undefined;
  };
  const at = page(u);
  if (!at) return undefined;
  const verb = (st: DraftStep) => st.title.split(' ')[0];
  const name = (st: DraftStep) => tokens(st.calls[0].callee.split('.').pop() ?? '');
  for (const h of kept) {
    if (page(h) !== at || h.steps.length !== u.steps.length) continue;
    const differ = u.steps.map((st, k) => (stepApi(st) === stepApi(h.steps[k]) ? -1 : k)).filter((k) => k >= 0);
    if (differ.length !== 1) continue;
    const [mine, theirs] = [u.steps[differ[0]], h.steps[differ[0]]];
    // Two names of one family (`zodOutputFormat` and `jsonSchemaOutputFormat`, `export_optimized_onnx_model`
    // and `export_dynamic_quantized_onnx_model`): not one name on two resources (`responses.create` beside
    // `chat.completions.create`), and never two trainings (SFTTrainer and DPOTrainer are two golden paths).
    const [a, b] = [name(mine), name(theirs)];
    const family = a.join('_') !== b.join('_') && (a[0] === b[0] || a[a.length - 1] === b[b.length - 1]);
    if (family && verb(mine) === verb(theirs) && !EXCLUSIVE_ROLES.has(mine.role) && !EXCLUSIVE_ROLES.has(theirs.role)) return { page: at, own: mine.calls[0].callee, theirs: theirs.calls[0].callee };
  }
  return undefined;
}

/** Return types that say nothing of what a function makes. */
const PLAIN_RETURNS = /^(None|void|bool|boolean|str|string|int|float|number|bytes|dict|list|tuple|Any|any|unknown|object|Promise<void>)$/;

/**
 * A use case anchored on one of a family of per-provider functions of the library (instructor's
 * `from_anthropic`, `from_gemini`, `from_perplexity`): the same verb, another name after it, each defined
 * in a module whose path names its provider and declared to make the same type, is a higher-ranked use
 * case of a sibling done with another provider, when the two use the result alike (another step of the
 * library in common). Not commands, not training (EXCLUSIVE_ROLES): SFT and DPO trainers are two golden
 * paths; `generateText` and `generateImage` make different results.
 */
function providerVariant(u: RankedUseCase, families: ReadonlyMap<string, RankedUseCase[]>): { own: string; theirs: string } | undefined {
  const mine = providerFamily(u);
  if (!mine) return undefined;
  // What the client each provider makes is then used for: the library's other steps.
  const others = (x: UseCase) => new Set(x.steps.map((st) => st.calls[0]).filter((c) => isRepoCall(c) && tokens(c.callee.split('.').pop() ?? '')[0] !== mine.verb).map(callKey));
  const used = others(u);
  for (const h of families.get(mine.key) ?? []) {
    const theirs = providerFamily(h)!;
    if (theirs.file === mine.file || theirs.rest.join(' ') === mine.rest.join(' ')) continue;
    // Two providers' modules: neither path names the other provider; and the same use made of either.
    if (spellings(mine.rest).some((n) => theirs.file.includes(n)) || spellings(theirs.rest).some((n) => mine.file.includes(n))) continue;
    if (![...others(h)].some((k) => used.has(k))) continue;
    return { own: mine.callee, theirs: theirs.callee };
  }
  return undefined;
}

/** The per-provider family a use case's anchor belongs to (`from_*` making an Instructor), if any. */
function providerFamily(x: UseCase) {
  const c = x.anchorCall;
  if (c.resolution.kind !== 'repo' || c.command || c.definition?.kind !== 'function' || EXCLUSIVE_ROLES.has(nameCall(c).role)) return undefined;
  // What it makes: a declared type, the same for every provider (not a plain value).
  const made = c.definition.returns?.replace(/\s+/g, '');
  if (!made || PLAIN_RETURNS.test(made)) return undefined;
  const [verb, ...rest] = tokens(c.callee.split('.').pop() ?? '');
  const file = c.resolution.span.path.toLowerCase();
  return rest.length && spellings(rest).some((n) => file.includes(n)) ? { key: `${verb}\u0000${namesProvider(made, rest) ? PROVIDER_TYPE : made}`, verb, rest, file, callee: c.callee } : undefined;
}

/** The type a per-provider function makes when that type is the provider's own (see namesProvider). */
const PROVIDER_TYPE = '\u0000provider';

/**
 * Whether every type a function declares it makes is named for the provider in its name, an `Async`
 * twin allowed: outlines' `from_gemini() -> Gemini`, `from_openai() -> Union[OpenAI, AsyncOpenAI]`,
 * `from_transformers() -> Union[Transformers, TransformersMultiModal]`. Such functions make one kind of
 * thing, each provider's (not `generateText() -> GenerateTextResult` beside `generateImage()`).
 */
function namesProvider(made: string, rest: string[]): boolean {
  const types = made.replace(/^(Union|Optional)\[(.*)\]$/, '$2').split(/[|,]/).map((t) => t.trim().replace(/^Async/, '').toLowerCase());
  return types.every((t) => spellings(rest).some((n) => t.startsWith(n.replace(/[-_]/g, ''))));
}

/** How a path may spell a name of several words (`from_google_genai` → googlegenai, google_genai, google-genai). */
const spellings = (ts: string[]) => [ts.join(''), ts.join('_'), ts.join('-')];

/**
 * A section of commands whose every command a bigger use case's steps run (a README "CLI" section that
 * runs `sft`, `dpo` and `kto`, beside a docs page that runs every training command) is that use case:
 * it joins it as more sources, and the use case is settled again when the section is more trusted.
 */
function foldCommandSections(useCases: UseCase[], isPublic: PublicSurface): UseCase[] {
  const mains = (u: UseCase) => u.steps.map((s) => s.calls[0]);
  const keysOf = new Map(useCases.map((u) => [u, new Set(mains(u).map(callKey))]));
  const folded = new Set<UseCase>();
  const ordered = [...useCases].sort(byFollowing);
  for (const u of [...ordered].reverse()) {
    if (!mains(u).every((c) => c.command)) continue;
    const host = ordered.find((h) => h !== u && !folded.has(h) && h.steps.length > u.steps.length && [...keysOf.get(u)!].every((k) => keysOf.get(h)!.has(k)));
    if (!host) continue;
    folded.add(u);
    absorbInto(host, u, isPublic);
  }
  return useCases.filter((u) => !folded.has(u));
}

/** The use case each source file is a source of (the first that holds it), sections of commands aside: where a run of that file goes. */
function scriptHosts(useCases: UseCase[]): Map<string, UseCase> {
  const hostOf = new Map<string, UseCase>();
  for (const u of useCases) for (const m of u.members) if (!onlyCommands(m) && !hostOf.has(m.candidate.path)) hostOf.set(m.candidate.path, u);
  return hostOf;
}

/**
 * Sections of commands that run the repository's example scripts (`accelerate launch --config_file
 * zero3.yaml scripts/sft.py --config recipe.yaml`) show how to run them: each such use case is more sources
 * of the use case the first script it runs is a source of, not a use case of its own ("Run SFT" over the
 * script's own milestones). Only when every repository command of it runs such a script. The host keeps
 * its representative and steps; the sections are evidence (README, docs) and are listed as its sources.
 */
function foldScriptRuns(useCases: UseCase[], small: UseCase[]): Set<UseCase> {
  const hostOf = scriptHosts(useCases);
  const folded = new Set<UseCase>();
  const runsOf = new Map<UseCase, UseCase[]>();
  for (const u of [...useCases, ...small]) {
    // (A test that calls the script's `main` as a function goes where the sections that run it go.)
    const runs = u.members.filter((m) => m.candidate.kind !== 'test');
    if (!runs.length || !runs.every(onlyCommands)) continue;
    // (A script run by its path or as a module, scriptRun: the program of a console script, `lerobot-train`, is the library's command.)
    const repoCommands = runs.flatMap((m) => m.calls.filter((c) => c.command && c.resolution.kind === 'repo'));
    const scripts = repoCommands.map(scriptRun).filter((p) => p !== undefined);
    const host = scripts.length && scripts.length === repoCommands.length && scripts.every((p) => hostOf.has(p)) ? hostOf.get(scripts[0]) : undefined;
    if (!host || host === u || folded.has(host)) continue;
    if (!runsOf.has(host) && host.members[0].candidate.path === scripts[0]) runsOf.set(host, []);
    host.members = [...host.members, ...[...u.members].sort(byTrust)];
    folded.add(u);
    runsOf.get(host)?.push(u);
  }
  // The run of the script is where the path starts (`python -m pkg.train --model …`, whose steps are the
  // script's): its first step, as the most trusted section shows it, when the path is the script's own
  // (the script leads it, not one example among many that train alike), its steps leave room, and no run
  // of it is there yet.
  for (const [host, runs] of runsOf) {
    if (host.steps.length >= MAX_STEPS || host.steps.some((s) => s.calls.some((c) => c.command))) continue;
    const shown = runs.flatMap((u) => u.members.filter((m) => m.calls.some((c) => c.command)).map((m) => ({ u, m })));
    shown.sort((a, b) => byTrust(a.m, b.m));
    const runsHost = (c: CallSite) => hostOf.get(scriptRun(c) ?? '') === host;
    for (const { u, m } of shown) {
      const step = u.steps.find((s) => s.calls.some(runsHost));
      const own = m.calls.find((c) => runsHost(c));
      if (!step || !own) continue;
      // The step with this section's run first (the call a page shows for the step).
      host.steps = [{ ...step, calls: [own, ...step.calls.filter((c) => c !== own)] }, ...host.steps];
      break;
    }
  }
  return folded;
}

/**
 * The analysed scripts a README or docs section runs by their paths when they are module-level code
 * (`python train.py config/train_shakespeare_char.py`: nanoGPT), commands no one function answers (their
 * runs are unresolved, with the reason), in the order it runs them.
 */
function scriptsItRuns(src: AnalysedSource, scripts: ReadonlySet<string>): string[] {
  if (src.candidate.kind !== 'readme' && src.candidate.kind !== 'docs') return [];
  const runs = src.calls.filter((c) => c.command && c.resolution.kind === 'unresolved' && /\.py$/.test(c.command.program) && scripts.has(c.command.program));
  return [...new Set(runs.map((c) => c.command!.program))];
}

/**
 * Sections that run a module-level script (scriptItRuns) show how to run it, as foldScriptRuns' sections
 * do for a script with a `main`: more sources of the use case the script is a source of (evidence: a
 * README section, its heading and prose), after its own. In place; the sources so placed.
 */
function foldModuleScriptRuns(useCases: UseCase[], runners: { src: AnalysedSource; scripts: string[] }[]): Set<AnalysedSource> {
  const folded = new Set<AnalysedSource>();
  const hostOf = scriptHosts(useCases);
  for (const { src, scripts } of runners) {
    // The first script it runs that a use case holds (`prepare.py`, which uses none of the library, has none).
    const host = scripts.map((p) => hostOf.get(p)).find(Boolean);
    if (!host) continue;
    folded.add(src);
    if (!host.members.includes(src)) host.members = [...host.members, src];
  }
  return folded;
}

/**
 * A README or docs section whose heading names the API it is anchored on, in words ("Streaming Partial
 * Objects: `create_partial`"); not an API reference's entry, whose heading is the name alone
 * (`client.trainings.create`).
 */
function titledSection(u: UseCase): boolean {
  const c = u.members[0].candidate;
  const heading = c.heading ?? '';
  return (c.kind === 'readme' || c.kind === 'docs') && !/^`?[\w.$]+(\(\))?`?$/.test(heading.trim()) && titleNames(heading, u.anchorCall);
}

/** A use case only tests show. */
const testBuilt = (u: UseCase) => u.members.every((m) => m.candidate.kind === 'test');

/**
 * For a use case whose sources' steps pass a topic option, the biggest use case of MIN_STEPS steps or
 * more, not only tests', that makes those calls without it.
 */
function plainHost(u: UseCase, useCases: UseCase[]): UseCase | undefined {
  const optioned = new Set(u.members.flatMap((m) => m.steps.flatMap((s) => s.calls)).filter((c) => apiKey(c) !== callKey(c)).map(apiKey));
  if (!optioned.size) return undefined;
  const makes = (h: UseCase) => new Set(h.steps.flatMap((s) => s.calls.map(apiKey)));
  return [...useCases]
    .filter((h) => h !== u && h.steps.length >= MIN_STEPS && !testBuilt(h))
    .sort(byFollowing)
    .find((h) => {
      const theirs = makes(h);
      return [...optioned].every((k) => theirs.has(k));
    });
}

/**
 * The host takes the sources; when they are more trusted (a README section joining examples), the use
 * case is settled again around them (anchor and steps from its new representative). Sources joined as
 * followers (`asFollowers`) never represent it, now or after a later merge.
 */
function absorbInto(host: UseCase, u: UseCase, isPublic: PublicSurface, asFollowers = false): void {
  const first = host.members[0];
  const members = mergeByTrust(host.members, u.members);
  if (asFollowers || u.followers) host.followers = new Set([...(host.followers ?? []), ...(u.followers ?? []), ...(asFollowers ? u.members : [])]);
  // The most trusted member that is no follower represents the host.
  const lead = members.find((m) => !host.followers?.has(m)) ?? members[0];
  host.members = lead === members[0] ? members : [lead, ...members.filter((m) => m !== lead)];
  if (host.members[0] !== first && host.weight) Object.assign(host, settle(host.members, host.weight, isPublic) ?? {});
}

/**
 * What places a small use case in an API area as a leader: its anchor (the distinctive call its sources
 * share) and the file defining it (`files.create`, `files.list` and `files.delete` of one resource).
 */
function anchorTags(u: UseCase): string[] {
  const a = u.anchorCall;
  if (a.resolution.kind !== 'repo' || a.definition?.kind === 'class') return [];
  // An SDK client's methods are one file however many areas they cover (`pc.createBackup`,
  // `pc.listAssistants`: src/pinecone.ts, class Pinecone): a README or docs section anchored on one is of
  // its page's area only. (Any section is of its page's area too: `load_quantized_model` beside
  // `quantizer.quantize_model`.)
  const page = u.members[0].candidate;
  if (page.kind !== 'readme' && page.kind !== 'docs') return [`call:${u.anchor}`, `file:${a.resolution.span.path}`];
  const owner = a.callee.split('.').length === 2 && a.resolution.qualname.includes('.') ? a.resolution.qualname.split('.')[0] : undefined;
  // (A bare name that is a method is a module's alias of one instance's method, `upload_folder =
  // api.upload_folder`: that instance is the package's client, whatever its class's name, `HfApi`.)
  const facade = !a.callee.includes('.') && a.resolution.qualname.endsWith(`.${a.callee}`);
  const client = facade || (owner !== undefined && (CLIENT_MODULE.test(a.resolution.span.path) || isProjectName(owner) || /Client$/.test(owner)));
  return [`call:${u.anchor}`, `file:${a.resolution.span.path} ${page.path}`, ...(client ? [] : [`file:${a.resolution.span.path}`])];
}

/**
 * Whether two use cases are anchored on methods of one SDK resource (`client.trainings.create`,
 * `replicate.trainings.get`; `deployments.predictions.create` beside `deployments.list`: the same resource
 * after the client, defined in one file), or, in sections of one README or docs page, on methods of one
 * class called on one object (`ollama.pull`, `ollama.embed`: an API reference of one section per method).
 * Not two methods of one object in examples or tests (`m.generate`, `m.load_adapter`), nor on two pages
 * (a client's assistant guide and its backups guide are two areas).
 */
function sameArea(a: UseCase, b: UseCase): boolean {
  const resource = (u: UseCase) => {
    const parts = u.anchorCall.callee.split('.');
    if (parts.length >= 3) return parts[1];
    const r = u.anchorCall.resolution;
    const page = u.members[0].candidate;
    const documented = page.kind === 'readme' || page.kind === 'docs';
    return parts.length === 2 && documented && r.kind === 'repo' && r.qualname.includes('.') ? `${page.path} ${parts[0]} ${r.qualname.split('.')[0]}` : undefined;
  };
  const fileOf = (u: UseCase) => (u.anchorCall.resolution.kind === 'repo' && u.anchorCall.definition?.kind !== 'class' ? u.anchorCall.resolution.span.path : undefined);
  return resource(a) !== undefined && resource(a) === resource(b) && fileOf(a) !== undefined && fileOf(a) === fileOf(b);
}

/**
 * ... and as one that may join a leader: its anchor's tags, and every repository call it makes (a section
 * that streams with `client.chat.completions.create` joins the README section anchored on that call).
 * Not the file of every call: a provider object's methods (`openai.textEmbeddingModel`,
 * `openai.transcription`) share one file across areas, and every pipeline's `from_pretrained` is one
 * inherited method that no leader is anchored on.
 */
function joinTags(u: UseCase): string[] {
  const tags = new Set(anchorTags(u));
  for (const s of u.steps) {
    for (const c of s.calls) if (c.resolution.kind === 'repo' && c.definition?.kind !== 'class') tags.add(`call:${callKey(c)}`);
  }
  return [...tags];
}

/**
 * Use cases with fewer than MIN_STEPS steps (clarification 4): one whose calls another use case already
 * makes joins it as more sources; small ones on the same API (anchorTags, joinTags) pool around the most
 * trusted; still too small, they join a use case built from examples that
 * runs one of their repository calls (or, passing a topic option, one that makes the same calls without
 * it), else they are dropped. Steps are never padded.
 */
function absorbSmall(useCases: UseCase[], isPublic: PublicSurface): { kept: UseCase[]; dropped: UseCase[] } {
  const big = useCases.filter((u) => u.steps.length >= MIN_STEPS);
  const small = useCases.filter((u) => u.steps.length < MIN_STEPS);
  const keysOf = (u: UseCase) => new Set(u.steps.flatMap((s) => s.calls.map(callKey)));
  const mains = (u: UseCase) => u.steps.map((s) => callKey(s.calls[0]));
  // Index: call → the big use cases that make it (the most followed first).
  const byKey = new Map<string, UseCase[]>();
  const bigOrdered = [...big].sort(byFollowing);
  const allKeys = new Map(bigOrdered.map((u) => [u, keysOf(u)]));
  for (const u of bigOrdered) for (const k of allKeys.get(u)!) append(byKey, k, u);
  const rest: UseCase[] = [];
  for (const u of small) {
    const ks = mains(u);
    // A host that makes all its calls, one anchored on one of them first (the same API family).
    const hosts = (byKey.get(ks[0]) ?? []).filter((h) => !testBuilt(h) && ks.every((k) => allKeys.get(h)!.has(k)));
    const host = hosts.find((h) => ks.includes(h.anchor)) ?? hosts[0];
    if (host) absorbInto(host, u, isPublic);
    else rest.push(u);
  }
  // Small use cases on the same API pool around the most trusted one: each joins the first pool whose
  // leader is anchored on a call it makes or on a function of its anchor's file. A star around anchors,
  // not a chain over every call: embedding, reranking and video sections linked one to the next by a
  // registry or a provider object are three areas, not one use case with all their steps.
  // (Each tag keeps every pool led with it, first led first; a joiner goes to the first it may join.)
  const leadersOf = new Map<string, number[]>();
  const grouped: UseCase[][] = [];
  for (const u of [...rest].sort((a, b) => byTrust(a.members[0], b.members[0]))) {
    // A section whose heading names its own API ("Streaming Partial Objects: `create_partial`", "Using
    // Litellm") and that shows it with its own setup (the client it makes first) is an area of its own:
    // it pools with sections of the same calls, or on its heading's topic ("Create Embedding Request" with
    // `embeddings.create_async`), not with every section whose API is defined in the same file. (A
    // reference entry, a heading that is the API's name alone or a section of the one call, pools with
    // its page's area.)
    const titled = titledSection(u) && u.steps.length > 1 ? (u.members[0].candidate.heading ?? '') : undefined;
    const may = (t: string, j: number) => titled === undefined || t.startsWith('call:') || titleNames(titled, grouped[j][0].anchorCall);
    const joins = joinTags(u)
      .map((t) => (leadersOf.get(t) ?? []).find((j) => may(t, j)))
      .filter((j): j is number => j !== undefined);
    if (joins.length) {
      grouped[Math.min(...joins)].push(u);
      continue;
    }
    grouped.push([u]);
    for (const t of anchorTags(u)) append(leadersOf, t, grouped.length - 1);
  }
  const kept = [...big];
  const dropped: UseCase[] = [];
  for (const group of grouped) {
    // The most trusted representative speaks for the pool (its anchor, its steps first): a README section
    // pooled with docs pages that download and serve is about what the README section does. (Pools are
    // built in order of trust: the leader is first.)
    const [first, ...others] = group;
    const steps = [...first.steps];
    const have = new Set(steps.map(stepApi));
    // Another client built the same way (AnthropicFoundry beside AnthropicBedrock) is another way to do
    // the first's client step, not a step after it.
    let clientAt = steps.findIndex((st) => first.members.some((m) => isClient(st, m)));
    // Beside several others, a step only one source shows is that source's own (an Azure example that also
    // generates an image beside the transcription sections), not the pool's.
    const shownBy = new Map<string, number>();
    for (const o of others) for (const a of new Set(o.steps.map(stepApi))) shownBy.set(a, (shownBy.get(a) ?? 0) + o.members.length);
    for (const o of others) {
      for (const s of o.steps) {
        // (A section's or example's own anchor on the leader's resource is its topic, not an aside:
        // `trainings.get`'s reference section beside `trainings.create`'s, both of lib/trainings.js. Not
        // one pooled through a call every section makes (`Agent`), nor a test's: it tests the insides.)
        const topic = callKey(s.calls[0]) === o.anchor && !testBuilt(o) && sameArea(o, first);
        const aside = others.length > 1 && shownBy.get(stepApi(s))! < 2 && !topic;
        if (have.has(stepApi(s)) || aside) continue;
        have.add(stepApi(s));
        if (!o.members.some((m) => isClient(s, m))) {
          steps.push(s);
          continue;
        }
        // A joiner's client is made before the calls made through it: first, when the leader makes none.
        if (clientAt < 0) {
          steps.unshift(s);
          clientAt = 0;
          continue;
        }
        steps[clientAt] = withAlternatives(steps[clientAt], [s.calls[0]]);
      }
    }
    const merged: UseCase = { ...first, members: group.flatMap((g) => g.members).sort(byTrust), steps: steps.slice(0, MAX_STEPS) };
    if (merged.steps.length >= MIN_STEPS) {
      kept.push(merged);
      continue;
    }
    // (Not a call a section took from an earlier one, `borrowDefinitions`: how it got its object, as below.)
    const repoKeys = merged.steps.flatMap((s) => s.calls.filter((c) => c.resolution.kind === 'repo' && c.definition?.kind !== 'class' && !isBorrowed(c)).map(callKey));
    // Last, a use case only tests show takes it when it makes all its calls, or all its calls of the
    // library's functions and methods: tests use a fixture's client, the example builds its own (a README
    // section or an example and the tests of the same API are one use case).
    // (Nor the factory method that builds the object the source then works through: `Sandbox.create()`
    // before `sandbox.commands.run(...)` is how the example gets what a test's fixture hands it.)
    const builds = (c: CallSite) => c.assignedTo.length === 1 && merged.members.some((m) => m.calls.some((d) => d.callee.startsWith(`${c.assignedTo[0]}.`)));
    const workKeys = merged.steps.flatMap((s) => s.calls.filter((c) => c.resolution.kind === 'repo' && c.definition?.kind !== 'class' && !builds(c)).map(callKey));
    const mk = mains(merged);
    const host =
      repoKeys.flatMap((k) => byKey.get(k) ?? []).find((h) => !testBuilt(h)) ??
      (byKey.get(mk[0]) ?? []).find((h) => testBuilt(h) && mk.every((k) => allKeys.get(h)!.has(k))) ??
      (workKeys.length ? (byKey.get(workKeys[0]) ?? []).find((h) => testBuilt(h) && workKeys.every((k) => allKeys.get(h)!.has(k))) : undefined) ??
      plainHost(merged, big);
    // Sections whose topic (their anchor) example programs never call are more sources of the programs,
    // not what they are about: 22 LoRA training scripts are not "Deconstruct a basic pipeline" because
    // that docs section loads a pipeline too. (A section that launches the UI they launch names them.)
    const programs = host !== undefined && (host.members[0].candidate.kind === 'example' || host.members[0].candidate.kind === 'notebook');
    if (host) absorbInto(host, merged, isPublic, programs && !keysOf(host).has(merged.anchor));
    else {
      // Else sections of a page that go on with an object an earlier section made (`index.search(...)`
      // after `index = client.index('movies')`) continue that section's use case: the page's walkthrough,
      // settled again with them.
      // (Not when that leaves it too short: a use case of the page's other sections loses nothing to them.)
      const continued = continuedHost(merged, big);
      const members = continued ? mergeByTrust(continued.members, merged.members) : [];
      const again = continued?.weight ? settle(members, continued.weight, isPublic) : undefined;
      if (continued && again && again.steps.length >= MIN_STEPS) Object.assign(continued, again);
      else dropped.push(merged);
    }
  }
  return { kept, dropped };
}

/**
 * For a small use case of README or docs sections of one page (and the tests that follow them) whose calls
 * are made on objects no section of it makes, the use case (not only tests') of the nearest earlier
 * section of that page that makes one.
 */
function continuedHost(u: UseCase, useCases: UseCase[]): UseCase | undefined {
  // (Tests that follow the sections do not count.)
  const sections = u.members.filter((m) => m.candidate.kind !== 'test');
  const page = sections[0]?.candidate.path;
  if (!page || !sections.every((m) => (m.candidate.kind === 'readme' || m.candidate.kind === 'docs') && m.candidate.path === page)) return undefined;
  // (Not what a section took from the earlier one that made it: `borrowDefinitions`.)
  const made = new Set(sections.flatMap((m) => m.calls.filter((c) => !isBorrowed(c)).flatMap((c) => c.assignedTo)));
  const receivers = new Set(u.steps.map((s) => s.calls[0].callee.split('.')).filter((p) => p.length >= 2 && !made.has(p[0])).map((p) => p[0]));
  if (!receivers.size) return undefined;
  const first = Math.min(...sections.map((m) => m.candidate.line));
  let best: { host: UseCase; line: number } | undefined;
  for (const h of useCases) {
    if (testBuilt(h)) continue;
    for (const m of h.members) {
      const c = m.candidate;
      if (c.path !== page || c.line >= first || (best && c.line <= best.line)) continue;
      if (m.calls.some((x) => x.assignedTo.some((v) => receivers.has(v)))) best = { host: h, line: c.line };
    }
  }
  return best?.host;
}

function draftToWorkflow(d: Draft, chosen: { name: string; from: string }, hints: NamingHints, ctx: WorkflowContext, oftenSet: Map<string, string[]>): Workflow {
  const sources = d.sources;
  const { name, from } = chosen;
  const calls = d.steps.flatMap((s) => s.calls);
  const deps = new Set<string>();
  for (const c of calls) {
    if (c.resolution.kind === 'external') deps.add(c.resolution.distribution);
    for (const e of c.definition?.externalImports ?? []) deps.add(e);
  }
  const gpu = [...deps].some((dep) => GPU_DISTRIBUTIONS.has(dep.toLowerCase()));
  const environment = `${ctx.repoName}_${gpu ? 'CUDA' : (sources[0].runtime ?? ctx.runtime)}`;
  const produced = new Map<string, string>();
  const titles = distinctTitles(d.steps);
  const steps: Step[] = d.steps.map((s, i) => {
    const trace = stepTrace(s, produced, oftenSet, callKey(s.calls[0]));
    const alternatives = new Set(s.alternatives ?? []);
    const shown = new Set(s.shown ?? []);
    const stepCalls = s.calls.map((c) => {
      const sc = stepCall(c, environment, produced, ctx);
      if (alternatives.has(c)) sc.alternative = true;
      if (shown.has(c)) sc.shown = true;
      if (alternatives.size && (alternatives.has(c) || c === s.calls[0]) && c.branch) sc.condition = c.branch.condition;
      return sc;
    });
    for (const c of s.calls) for (const v of c.assignedTo) produced.set(v, titles[i]);
    return {
      number: i + 1,
      title: titles[i],
      principle: s.principle,
      role: s.role,
      description: textOf(trace),
      trace,
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
  const traces = workflowTrace(sources, steps, d.anchor, name.replace(/_/g, ' '), hints.purposes, ctx.readme);
  const texts = { overview: textOf(traces.overview), description: textOf(traces.description), usage: textOf(traces.usage), traces };
  return {
    rank: d.rank,
    score: d.score,
    evidence: d.evidence,
    anchor: d.anchor,
    name,
    pageName: `${ctx.repoName}_${name}`,
    nameFrom: from,
    ...texts,
    sources: wsources,
    domains: workflowDomains(calls, ctx),
    steps,
    coveredFiles: [...covered].sort(cmp),
  };
}

/** At most this many domain tags per workflow: the ones its own calls show, then the project's keywords. */
const MAX_DOMAINS = 4;

/** Domains that fit this workflow: its external calls' packages first, then the project's keywords. */
function workflowDomains(calls: CallSite[], ctx: WorkflowContext): string[] {
  const count = new Map<string, number>();
  for (const c of calls) {
    if (c.resolution.kind !== 'external') continue;
    for (const t of DOMAIN_TAGS[c.resolution.distribution.toLowerCase()] ?? []) count.set(t, (count.get(t) ?? 0) + 1);
  }
  const own = [...count].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([t]) => t);
  const kw = (ctx.keywords ?? []).map((k) => KEYWORD_DOMAINS[k.toLowerCase().replace(/\s+/g, '-')]).filter((t): t is string => !!t);
  const out = [...new Set([...own, ...kw])].slice(0, MAX_DOMAINS);
  // Else the repository's first (ranked: what its name stands for, its keywords, its first dependency
  // that names a subject; its plumbing only when nothing does).
  return (out.length ? out : ctx.modelDomains.slice(0, 1)).sort(cmp);
}

/**
 * What one principle stands for: the API (callKey), and for an external class's own method the class
 * too. Mining reads `AutoTokenizer.from_pretrained` and `AutoModelForCausalLM.from_pretrained` as one
 * external API, but they are two principles: trl's "Load Tokenizer" step was given Model_Causal_LM_Loading.
 */
function principleKey(c: CallSite): string {
  const parts = c.callee.split('.');
  const cls = c.resolution.kind === 'external' && parts.length > 1 && /^[A-Z]/.test(parts[parts.length - 2]) ? parts[parts.length - 2] : '';
  return cls ? `${callKey(c)}@${cls}` : callKey(c);
}

/** The 1:1 rule, repo wide (clarification 14): one implementation per principle, one principle per concept+API. */
function applyOneToOne(workflows: Workflow[], ctx: WorkflowContext): void {
  for (const w of workflows) w.pageName = `${ctx.repoName}_${w.name}`;
  const principleApi = new Map<string, string>();
  // The same API gets the same principle in every workflow: the first (by rank) names it.
  const apiPrinciple = new Map<string, { principle: string; title: string }>();
  const ordered = [...workflows].sort((a, b) => a.rank - b.rank);
  for (const w of ordered) {
    const used = new Set<string>();
    for (const s of w.steps) {
      const key = principleKey(s.calls[0].call);
      const known = apiPrinciple.get(key);
      if (known && !used.has(known.principle)) {
        s.principle = known.principle;
        used.add(known.principle);
        continue;
      }
      let p = s.principle;
      const owner = principleApi.get(p);
      if ((owner !== undefined && owner !== key) || used.has(p)) {
        // Same concept, another API: a call with a topic option says which way (GRPO_Training_With_Tools);
        // else qualify with a word of the workflow that the principle lacks (a word that names something,
        // not a "with" joining two).
        const free = (q: string) => (principleApi.get(q) ?? key) === key && !used.has(q);
        const way = withOption(s.calls[0].call);
        let q = way ? `${p}_${way}` : p;
        if (!free(q)) {
          const have = new Set(tokens(p));
          for (const t of tokens(w.name).filter((t) => !have.has(t) && !NAME_FILLER.has(t) && !NAME_DANGLING.has(t))) {
            q = pageName([t, ...q.split('_')]) ?? q;
            if (free(q)) break;
          }
        }
        for (let i = 2; !free(q); i++) q = `${p}_${i}`;
        p = q;
      }
      principleApi.set(p, key);
      if (!apiPrinciple.has(key)) apiPrinciple.set(key, { principle: p, title: s.title });
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
          // Keywords, and in TypeScript the fields of an options object (`create({ stream: true })`).
          const keywords = (c: CallSite | undefined) => (c ? [...c.argNames, ...Object.keys(c.argValues ?? {})] : []);
          const firstKw = new Set(keywords(first?.call));
          const angle = keywords(main.call).find((a) => !firstKw.has(a) && /^[A-Za-z_]\w*$/.test(a)) ?? tokens(w.name)[0] ?? 'alt';
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
  const apiCall = c.command ? c.command.line : `${c.decorator || c.decorates ? '@' : ''}${c.callee}${c.decorator === 'bare' ? '' : `(${c.argNames.join(', ')})`}`;
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

function considerations(s: DraftStep): string[] {
  const out: string[] = [];
  for (const c of s.calls) for (const [arg, comment] of Object.entries(c.argComments)) out.push(`${arg}: ${comment}`);
  return uniq(out);
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}





/** Per API (callKey), the keyword arguments the sources pass most often, most first (each source once). */
function oftenSetParameters(sources: AnalysedSource[]): Map<string, string[]> {
  const counts = new Map<string, Map<string, number>>();
  for (const src of sources) {
    const seen = new Set<string>();
    for (const c of src.calls) {
      const key = callKey(c);
      for (const a of c.argNames) {
        if (!/^[A-Za-z_]\w*$/.test(a) || seen.has(`${key}\n${a}`)) continue;
        seen.add(`${key}\n${a}`);
        const m = counts.get(key) ?? new Map<string, number>();
        m.set(a, (m.get(a) ?? 0) + 1);
        counts.set(key, m);
      }
    }
  }
  const out = new Map<string, string[]>();
  for (const [key, m] of counts) out.set(key, [...m].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([a]) => a));
  return out;
}
