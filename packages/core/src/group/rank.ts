// Use cases → ranked use cases, each with the evidence behind its rank: the README quick start first,
// then README and docs sections (guides before reference pages), phase 0 suggestions, how many sources
// follow the use case, and whether its API is the package's public surface. Test-only use cases last.
import type { CallSite, RankEvidence } from '../model.js';
import { GUIDE_PAGES, QUICKSTART_HEADINGS, RANK_POINTS, REFERENCE_PAGES } from '../heuristics/tables.js';
import { callKey, isRepoCall } from './steps.js';
import type { PublicSurface } from './surface.js';
import type { UseCase } from './usecases.js';
import { onlyCommands, runsScriptOf, type AnalysedSource } from './source.js';
import { codeMentionOf, featureOf, mentionOf, type ReadmeTerms } from './mentions.js';
import type { NavPlace } from './docs-nav.js';

export interface RankedUseCase extends UseCase {
  score: number;
  evidence: RankEvidence[];
  testOnly: boolean;
}

export interface RankContext {
  /** Phase 0 suggestions: name and files. */
  suggestions: { name: string; files: string[] }[];
  /** Every analysed source, to place README sections in their file's order. */
  sources: AnalysedSource[];
  isPublic: PublicSurface;
  /** What the root README's prose names. */
  readme?: ReadmeTerms;
  /** Docs pages' places in the docs' navigation. */
  docsNav?: ReadonlyMap<string, NavPlace>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const log2 = (x: number) => Math.log(x) / Math.LN2;
const round = (x: number) => Math.round(x * 10) / 10;
const where = (s: AnalysedSource) => (s.candidate.heading ? `${s.candidate.path} (${s.candidate.heading})` : s.candidate.id);

/**
 * The README's sections in the order they count (file order, those that do something with the library
 * first), and the test of its quick start: the sections near the top whose heading says so, else the
 * first. A block that only makes the client (`sdk = Mistral()` then "# Rest of script here...", under the
 * installation notes) does nothing with the library and is no quick start.
 */
export function readmeOrder(sources: AnalysedSource[]): { index: Map<AnalysedSource, number>; isQuickstart: (s: AnalysedSource) => boolean } {
  const acts = (s: AnalysedSource) => s.steps.some((st) => st.calls.some((c) => c.definition?.kind !== 'class'));
  const readme = sources.filter((s) => s.candidate.kind === 'readme').sort((a, b) => Number(acts(b)) - Number(acts(a)) || cmp(a.candidate.path, b.candidate.path) || a.candidate.line - b.candidate.line);
  const index = new Map(readme.map((s, i) => [s, i]));
  // Only near the top: an "Example" far down the README (under "Training recipes") is no quick start.
  const nearTop = (s: AnalysedSource) => (index.get(s) ?? 0) * RANK_POINTS.readmeOrderStep < RANK_POINTS.readmeOrderBonus;
  const namedQuickstart = readme.some((s) => QUICKSTART_HEADINGS.test(s.candidate.heading ?? '') && nearTop(s));
  const isQuickstart = (s: AnalysedSource) => index.has(s) && (namedQuickstart ? QUICKSTART_HEADINGS.test(s.candidate.heading ?? '') && nearTop(s) : index.get(s) === 0);
  return { index, isQuickstart };
}

export function rankUseCases(useCases: UseCase[], ctx: RankContext): RankedUseCase[] {
  const { index: readmeIndex, isQuickstart } = readmeOrder(ctx.sources);

  // A feature the README lists names a use case, or the few ways of one ("Guardrails": input and output
  // guardrails); one that many use cases' APIs spell is a category ("Trainers", "Agents"), no evidence.
  const feature = new Map(useCases.map((u) => [u, featureOf(u.anchor, ctx.readme)]));
  const spelled = new Map<string, number>();
  for (const [u, f] of feature) if (f && u.members.some((m) => m.candidate.kind !== 'test')) spelled.set(f, (spelled.get(f) ?? 0) + 1);
  // The library's API that the README, docs and examples call (or the README's code names): what a user
  // of the library calls, as opposed to what only its tests reach (a queue broker, a worker loop).
  const shownApis = new Set(ctx.sources.filter((s) => s.candidate.kind !== 'test').flatMap((s) => s.calls.filter(isRepoCall).map(callKey)));
  // (When they show none of it, nothing tells the public API a user calls from the rest.)
  const userFacing = (c: CallSite) => !shownApis.size || shownApis.has(callKey(c)) || codeMentionOf(c.callee, ctx.readme) !== undefined;
  const ranked = useCases.map((u) => {
    const ev: RankEvidence[] = [];
    const best = (kind: string, items: { detail: string; points: number }[]) => {
      const top = [...items].sort((a, b) => b.points - a.points || cmp(a.detail, b.detail))[0];
      if (top && top.points > 0) ev.push({ kind, detail: top.detail, points: round(top.points) });
    };
    // A README or docs section ranks the use case it shows (it makes the anchor call), not one it was
    // folded into for sharing a few calls (a DeepSpeed section that also unwraps a model is no profiler guide).
    // A section that runs a script of the use case (`accelerate launch scripts/sft.py`) shows it too; it
    // documents that script rather than being one more example or source of its own.
    const scripts = new Set(u.members.filter((m) => !onlyCommands(m)).map((m) => m.candidate.path));
    const runs = (m: AnalysedSource) => runsScriptOf(m, scripts);
    const shows = (m: AnalysedSource) => runs(m) || m.calls.some((c) => callKey(c) === u.anchor);
    const readmeMembers = u.members.filter((m) => m.candidate.kind === 'readme' && shows(m));
    const orderBonus = (m: AnalysedSource) => Math.max(0, RANK_POINTS.readmeOrderBonus - RANK_POINTS.readmeOrderStep * (readmeIndex.get(m) ?? 0));
    best('readme-quickstart', readmeMembers.filter(isQuickstart).map((m) => ({ detail: where(m), points: RANK_POINTS.readmeQuickstart + orderBonus(m) })));
    if (!ev.length) best('readme-section', readmeMembers.map((m) => ({ detail: where(m), points: RANK_POINTS.readmeSection + orderBonus(m) })));
    best(
      'docs',
      u.members
        .filter((m) => m.candidate.kind === 'docs' && shows(m))
        .map((m) => {
          const text = `${m.candidate.path} ${m.candidate.heading ?? ''}`;
          const points = REFERENCE_PAGES.test(m.candidate.path) ? RANK_POINTS.docsReference : GUIDE_PAGES.test(text) ? RANK_POINTS.docsGuide : RANK_POINTS.docsSection;
          // Maintainers order their docs' navigation for reading: an early page counts more.
          const nav = ctx.docsNav?.get(m.candidate.path);
          if (!nav) return { detail: where(m), points };
          return { detail: `${where(m)}, page ${nav.at + 1} of ${nav.of} in ${nav.file}`, points: points + RANK_POINTS.docsNavBonus * (1 - nav.at / nav.of) };
        }),
    );
    const f = feature.get(u);
    const mention = mentionOf(u.anchor, ctx.readme) ?? (f && spelled.get(f)! <= RANK_POINTS.featureUseCases ? f : undefined);
    if (mention) ev.push({ kind: 'readme-mention', detail: `the README names ${mention}`, points: RANK_POINTS.readmeMention });
    const paths = new Set(u.members.map((m) => m.candidate.path));
    const sug = ctx.suggestions.find((s) => s.files.some((f) => paths.has(f)));
    if (sug) ev.push({ kind: 'phase0', detail: `phase 0 suggests "${sug.name}"`, points: RANK_POINTS.phase0 });
    const examples = u.members.filter((m) => (m.candidate.kind === 'example' || m.candidate.kind === 'notebook') && !runs(m));
    if (examples.length) ev.push({ kind: 'examples', detail: `${examples.length} example(s)/notebook(s)`, points: round(RANK_POINTS.examples + RANK_POINTS.examplesPerDoubling * log2(examples.length)) });
    const entry = u.members.find((m) => m.candidate.kind === 'entry-point');
    if (entry) ev.push({ kind: 'entry-point', detail: entry.candidate.foundBy, points: RANK_POINTS.entryPoint });
    const nonTest = u.members.filter((m) => m.candidate.kind !== 'test' && !runs(m));
    if (nonTest.length) ev.push({ kind: 'support', detail: `${nonTest.length} source(s) follow it`, points: round(RANK_POINTS.supportPerDoubling * log2(1 + nonTest.length)) });
    const testOnly = nonTest.length === 0;
    if (testOnly) {
      // Among themselves, use cases only tests show rank by how many tests follow them, and by how many
      // milestones of the public API they walk through: a test that loads, adapts, trains and saves as a
      // user would is closer to a golden path than the unit test of one helper. A step counts when its
      // API is one the README, docs or examples use (litserve's tests of its ZeroMQ broker and worker
      // loops walk public modules, but no user calls them).
      const walked = new Set(u.steps.map((s) => s.calls[0]).filter((c) => isRepoCall(c) && ctx.isPublic(c) && userFacing(c)).map(callKey)).size;
      ev.push({ kind: 'tests-only', detail: `only tests show it (${u.members.length} test(s), ${walked} step(s) of the API the README, docs and examples use; ranked after every other use case)`, points: round(RANK_POINTS.supportPerDoubling * log2(1 + u.members.length) + RANK_POINTS.testPublicStep * walked) });
    }
    const base = ev.reduce((n, e) => n + e.points, 0);
    // The package's public surface: repository calls outside tests, benchmarks, private modules and internals.
    const repoCalls = u.steps.flatMap((s) => s.calls.slice(0, 1)).filter(isRepoCall);
    const pub = repoCalls.filter(ctx.isPublic).length;
    const share = repoCalls.length ? pub / repoCalls.length : 1;
    const factor = 0.5 + 0.5 * share;
    if (share < 1) ev.push({ kind: 'public-api', detail: `${pub} of ${repoCalls.length} repository steps are public API (score × ${round(factor)})`, points: round(base * factor - base) });
    return { ...u, score: round(base * factor), evidence: ev, testOnly };
  });
  const firstLine = (u: RankedUseCase) => Math.min(...u.members.map((m) => (m.candidate.kind === 'readme' ? m.candidate.line : Number.MAX_SAFE_INTEGER)));
  return ranked.sort((a, b) => Number(a.testOnly) - Number(b.testOnly) || b.score - a.score || firstLine(a) - firstLine(b) || b.members.length - a.members.length || cmp(a.anchor, b.anchor));
}
