// Sources → use cases. Each source is described by its milestone calls, each call weighted by how
// distinctive it is across all the repository's sources (a call every example makes says little); a
// source joins the use case of its most distinctive shared milestone, and a use case's steps are the
// milestones most of its sources share, in their usual order. Linear in the sources (n·log n with the
// sorts): one pass to count, one to assign, one per use case to build its steps.
import type { CallSite, Role } from '../model.js';
import { EXCLUSIVE_ROLES, GUIDE_PAGES, LIFECYCLE_AFTER, LIFECYCLE_MAKERS, MAX_STEPS, MILESTONE_ROLES, MIN_STEPS, REFERENCE_PAGES, ROLE_WEIGHT, STOP_TOKENS } from '../heuristics/tables.js';
import { stemOf, tokens } from './names.js';
import { callKey, isConstructor, isRepoCall, makesOnBuilt, nameCall, sameApi, sdkResource, stepApi, stepKey, withAlternatives, type DraftStep } from './steps.js';
import { publicSurface, type PublicSurface } from './surface.js';
import { onlyCommands, type AnalysedSource } from './source.js';

export interface UseCase {
  /** callKey of the distinctive milestone the members share. */
  anchor: string;
  /** The anchor call as the representative source writes it. */
  anchorCall: CallSite;
  /** Representative (most trusted) source first. */
  members: AnalysedSource[];
  steps: DraftStep[];
  /** The distinctiveness of calls the use case was mined with (to settle it again after a merge). */
  weight?: Weight;
  /** Sections that joined example programs without making their anchor: more sources, never the representative. */
  followers?: ReadonlySet<AnalysedSource>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Appends to the list under a key in place (a copy per append is quadratic in the list's length). */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A feature of a source: one API it calls in a step (the step's main call, or a call merged into it). */
interface Feature {
  key: string;
  call: CallSite;
  main: boolean;
  /** Position of the step in the source, 0-based. */
  at: number;
}

/**
 * Calls that describe a use case: the repository's API, and external calls wired to it (Wrapper Docs).
 * Calling an object of a class chosen at run time (`pipeline(prompt)`) is a step, but says nothing of
 * which use case it is (every pipeline is called).
 */
function describes(c: CallSite): boolean {
  if (c.resolution.kind === 'unresolved' && c.resolution.method === '__call__') return false;
  // Nor does making the source's own subclass of a library class (`MyProgram()` of a `dspy.Module`): every
  // program of some libraries is one; its hooks and the calls around it say which use case it is.
  if (c.resolution.kind === 'repo' && c.resolution.via === 'subclass') return false;
  return isRepoCall(c) || c.resolution.kind === 'external';
}

function featuresOf(src: AnalysedSource): Feature[] {
  const out = new Map<string, Feature>();
  src.steps.forEach((s, at) =>
    s.calls.forEach((c, i) => {
      if (!describes(c)) return;
      const key = callKey(c);
      const prev = out.get(key);
      if (!prev || (i === 0 && !prev.main)) out.set(key, { key, call: c, main: i === 0, at });
    }),
  );
  return [...out.values()];
}

/**
 * Trust of a source as the representative of its use case: README and docs sections (the maintainers'
 * own words) first, then examples and notebooks, entry points and scripts, tests last; then its score.
 */
export function sourceTrust(s: AnalysedSource): number {
  const byKind: Record<string, number> = { readme: 6, docs: 5, example: 4, notebook: 4, 'entry-point': 3, script: 2, test: 0 };
  const c = s.candidate;
  // Guides and tutorials speak for a use case; a reference page lists options.
  const page = c.kind === 'docs' ? (REFERENCE_PAGES.test(c.path) ? -200 : GUIDE_PAGES.test(`${c.path} ${c.heading ?? ''}`) ? 100 : 0) : 0;
  return (byKind[c.kind] ?? 1) * 1000 + page + s.score;
}

export const byTrust = (a: AnalysedSource, b: AnalysedSource) =>
  sourceTrust(b) - sourceTrust(a) || cmp(a.candidate.path, b.candidate.path) || a.candidate.line - b.candidate.line || cmp(a.candidate.id, b.candidate.id);


/**
 * Is a docs section on the page about the API: does the page title name it, in code (`generateText`) or
 * word by word ("Generating and Streaming Text" for `generateText`)?
 */
export function onApiPage(s: AnalysedSource, call: CallSite): boolean {
  return titleNames(s.page ?? '', call);
}

/** Does a title name the call, in code (`create_partial`) or word by word ("Using Litellm" for `from_litellm`)? */
export function titleNames(title: string, call: CallSite): boolean {
  const name = call.callee.split('.').pop() ?? '';
  const words = tokens(name).filter((w) => !STOP_TOKENS.has(w));
  if (!words.length || !title) return false;
  // The name as an identifier of the title (a callee part may be no identifier: `GradioUI(agent).launch`).
  if (title.match(/[A-Za-z_$][\w$]*/g)?.includes(name)) return true;
  const said = new Set(tokens(title).map(stemOf));
  return words.every((w) => said.has(stemOf(w)));
}

/**
 * The use case's representative speaks for it (its overview, the heading its name may come from): among
 * docs sections, one on the page about the use case's distinctive API (its title names it)
 * rather than the first "Basic Usage" of a page about something else that happens to call it. Only among
 * docs sections (never over a README section, never a reference page). A heading alone that names the
 * API ("From AutoModel") is no page about it.
 */
export function ownPageFirst(u: UseCase): AnalysedSource[] {
  const rep = u.members[0];
  if (!rep || rep.candidate.kind !== 'docs' || onApiPage(rep, u.anchorCall)) return u.members;
  const own = u.members.find((m) => m.candidate.kind === 'docs' && !REFERENCE_PAGES.test(m.candidate.path) && onApiPage(m, u.anchorCall));
  return own ? [own, ...u.members.filter((m) => m !== own)] : u.members;
}

/** Use cases, the most followed first (then the most trusted representative, then the anchor): who hosts, who merges into whom. */
export const byFollowing = (a: UseCase, b: UseCase) => b.members.length - a.members.length || byTrust(a.members[0], b.members[0]) || cmp(a.anchor, b.anchor);

/**
 * `[...list, ...more].sort(byTrust)` without sorting `list` again when it is sorted already (after the
 * first merge): byTrust is a total order (ids are unique), so merging the two sorted lists gives the same
 * list in linear time plus |more|·log |more|.
 */
export function mergeByTrust(list: AnalysedSource[], more: AnalysedSource[]): AnalysedSource[] {
  // A use case's members are in the order mining met them until the first merge sorts them.
  const sorted = list.every((x, k) => k === 0 || byTrust(list[k - 1], x) <= 0) ? list : [...list].sort(byTrust);
  const b = [...more].sort(byTrust);
  const out: AnalysedSource[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.length && j < b.length) out.push(byTrust(b[j], sorted[i]) < 0 ? b[j++] : sorted[i++]);
  while (i < sorted.length) out.push(sorted[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** A source joins a use case whose leader makes at least this share of its distinctive calls (by weight). */
export const JOIN_SHARE = 0.4;
/** ... and the joined leader's distinctive weight it must cover (so a focused section is not swallowed by a walkthrough). */
export const LEADER_SHARE = 0.4;
/** A source with this many distinctive milestones is an overview: it leads only after the focused ones. */
export const OVERVIEW_MILESTONES = 5;
/**
 * A source whose every call this share of all sources make (and at least UBIQUITOUS_MIN_SOURCES) has no
 * focus of its own (`get_peft_model` in peft): it joins a leader without the leader-share test.
 */
export const UBIQUITOUS_SHARE = 1 / 3;
export const UBIQUITOUS_MIN_SOURCES = 3;
/** Leaders compared per source, found through the calls they share with it (keeps mining linear). */
const MAX_LEADERS_COMPARED = 64;

interface Group {
  leader: AnalysedSource;
  /** The leader's distinctive calls, and all its calls. */
  keys: Set<string>;
  all: Set<string>;
  members: AnalysedSource[];
  order: number;
  /** The leader's distinctive weight. */
  weight: number;
  /** The leader's most distinctive call of each exclusive role (its trainer). */
  exclusive: Map<Role, string>;
}

/** The most distinctive call of each exclusive role among features sorted by weight (heaviest first). */
function exclusiveCalls(distinct: Feature[], roleOf: Map<string, Role>): Map<Role, string> {
  const out = new Map<Role, string>();
  for (const x of distinct) {
    const role = roleOf.get(x.key)!;
    if (EXCLUSIVE_ROLES.has(role) && !out.has(role)) out.set(role, x.key);
  }
  return out;
}

/**
 * Mines use cases from sources that each have at least one repository step. Sources are taken in order
 * of trust (README and docs sections first); each joins the first use case whose leader makes most of
 * its distinctive calls, weighted by idf (a call most sources make weighs nothing), else it leads a new
 * use case. Deterministic whatever the input order.
 */
export function mineUseCases(sources: AnalysedSource[], isPublic: PublicSurface = publicSurface()): UseCase[] {
  const ordered = [...sources].sort(byTrust);
  const feats = new Map<AnalysedSource, Feature[]>();
  const df = new Map<string, number>();
  for (const s of ordered) {
    const f = featuresOf(s);
    feats.set(s, f);
    for (const x of f) df.set(x.key, (df.get(x.key) ?? 0) + 1);
  }
  const n = ordered.length;
  // Private calls (internals, test helpers) identify no use case of the library either.
  const privateKeys = new Set<string>();
  for (const f of feats.values()) for (const x of f) if (!isPublic(x.call)) privateKeys.add(x.key);
  // A call is weighed by how rare it is (idf: a call every source makes says little) and by its role (a
  // config object or a loader serves the milestone that defines the use case); an external call that is
  // no milestone (an optimizer, a tokenizer call) weighs as a config. Private calls weigh nothing.
  const roleOf = new Map<string, Role>();
  const roleWeight = new Map<string, number>();
  for (const f of feats.values()) {
    for (const x of f) {
      if (roleOf.has(x.key)) continue;
      const role = nameCall(x.call).role;
      roleOf.set(x.key, role);
      roleWeight.set(x.key, x.call.resolution.kind === 'external' && !MILESTONE_ROLES.has(role) ? ROLE_WEIGHT.configure : ROLE_WEIGHT[role]);
    }
  }
  // A call that describes no source (calling an object whose class is chosen at run time, a tool, the
  // example's own function) says nothing of which use case it is either: it weighs nothing.
  // (The spread of a call is among the sources that call the library: a README section that only runs
  // a script, `accelerate launch scripts/sft.py`, makes none of its calls, whatever the script makes.)
  const calling = ordered.filter((s) => !onlyCommands(s)).length || n;
  const weight: Weight = Object.assign((k: string) => (privateKeys.has(k) || !df.has(k) ? 0 : Math.log((n + 1) / df.get(k)!) * (roleWeight.get(k) ?? 1)), {
    spread: (k: string) => (df.get(k) ?? 0) / calling,
  });

  const groups: Group[] = [];
  const byKey = new Map<string, Group[]>();
  const allByKey = new Map<string, Group[]>();
  // An overview (a section that shows many milestones at once: "All workflows") leads no use case before
  // the focused sources of its kind have led theirs; then it joins the one it fits, or leads its own.
  const tier = (s: AnalysedSource) => Math.floor(sourceTrust(s) / 1000);
  const position = new Map(ordered.map((s, i) => [s, i]));
  const overview = new Map(ordered.map((s) => [s, isOverview(s, weight)]));
  const leadOrder = [...ordered].sort((a, b) => tier(b) - tier(a) || Number(overview.get(a)) - Number(overview.get(b)) || position.get(a)! - position.get(b)!);
  for (const s of leadOrder) {
    let distinct = feats.get(s)!.filter((x) => weight(x.key) > 0).sort((a, b) => weight(b.key) - weight(a.key) || cmp(a.key, b.key));
    // Nothing distinctive (only calls most sources make): it follows the first use case that makes them all.
    const plain = distinct.length === 0;
    // Only calls a third of the sources make or more (`get_peft_model` in peft, a client and its one
    // method): no focus of its own to protect, it may join a leader that does more.
    // (Counted over enough sources: with a handful, every call is "common".)
    const common = !plain && distinct.every((x) => (df.get(x.key) ?? 0) >= Math.max(UBIQUITOUS_SHARE * n, UBIQUITOUS_MIN_SOURCES));
    if (plain) distinct = [...feats.get(s)!].sort((a, b) => cmp(a.key, b.key));
    const w = (k: string) => (plain ? 1 : weight(k));
    // A fragment (a snippet that only builds configuration objects: `LoraConfig(...)` then `...`) shows no
    // use case of its own; it follows the first leader that makes all its calls, whatever else that does.
    const fragment = !plain && distinct.every((x) => roleOf.get(x.key) === 'configure');
    const total = distinct.reduce((t, x) => t + w(x.key), 0);
    const exclusive = plain ? new Map<Role, string>() : exclusiveCalls(distinct, roleOf);
    const mine = new Set(distinct.map((x) => x.key));
    // A section of the library's docs is about the library's API: its topic is its most distinctive
    // repository call (`add_weighted_adapter`), not a rarer external helper beside it (`tokenizer.decode`).
    const topic = distinct.find((x) => isRepoCall(x.call)) ?? distinct[0];
    // Another trainer is another use case, however much scaffolding the two scripts share (trl's example
    // scripts all quantise, load a dataset, save and push; RewardTrainer is not DPOTrainer): neither makes
    // the other's most distinctive call of that role.
    const rivals = (g: Group) => [...exclusive].some(([role, key]) => {
      const theirs = g.exclusive.get(role);
      return theirs !== undefined && theirs !== key && !g.all.has(key) && !mine.has(theirs);
    });
    let best: Group | undefined;
    let bestShare = 0;
    const seen = new Set<Group>();
    for (const x of distinct) {
      for (const g of (plain ? allByKey : byKey).get(x.key) ?? []) {
        if (seen.size >= MAX_LEADERS_COMPARED) break;
        seen.add(g);
      }
    }
    for (const g of [...seen].sort((a, b) => a.order - b.order)) {
      const overlap = distinct.reduce((t, x) => t + ((plain ? g.all : g.keys).has(x.key) ? w(x.key) : 0), 0);
      const share = overlap / total;
      // Both ways: most of the source's weight, and enough of the leader's (a section about `serve` is
      // not the "finetune, chat, serve" walkthrough that mentions serving last).
      const leaderShare = plain || fragment || common ? 1 : overlap / (g.weight || 1);
      // A README/docs section (or a command section) is about its most distinctive call: the leader must
      // make it too. A section about `pretrain` that also downloads and chats is not the chat use case; a
      // merging section that loads and generates like the quick start is not the quick start. Examples
      // and tests may join on most of their weight (they show several things at once), and so may a
      // section too short to be a use case of its own (fewer than MIN_STEPS steps).
      const section = topic.call.command || ((s.candidate.kind === 'docs' || s.candidate.kind === 'readme') && s.steps.length >= MIN_STEPS);
      const sharesTop = plain || !section || g.keys.has(topic.key);
      if (sharesTop && share >= (plain || fragment ? 1 : JOIN_SHARE) && leaderShare >= LEADER_SHARE && share > bestShare && !rivals(g)) {
        best = g;
        bestShare = share;
      }
    }
    if (best) {
      best.members.push(s);
      continue;
    }
    const g: Group = { leader: s, keys: new Set(plain ? [] : distinct.map((x) => x.key)), all: new Set(feats.get(s)!.map((x) => x.key)), members: [s], order: groups.length, weight: plain ? 0 : total, exclusive };
    groups.push(g);
    for (const k of g.keys) append(byKey, k, g);
    for (const k of g.all) append(allByKey, k, g);
  }
  const out: UseCase[] = [];
  for (const g of groups) {
    const u = settle(g.members, weight, isPublic);
    if (u) out.push(u);
  }
  return mergeSameSteps(out).map((u) => settle(u.members, weight, isPublic) ?? u);
}

/** A source that shows many distinctive milestones at once: an overview, not one use case. */
const isOverview = (s: AnalysedSource, weight: Weight) => new Set(s.steps.map((st) => callKey(st.calls[0])).filter((k) => weight(k) > 0)).size >= OVERVIEW_MILESTONES;

/**
 * A README or docs overview whose milestones do not feed one another (`litgpt serve ...`, `litgpt
 * finetune ...`, each on its own): a list of use cases, not a walkthrough (load → adapt → train → save,
 * each on the last's result).
 */
function isUseCaseList(s: AnalysedSource, weight: Weight): boolean {
  // A program (an example, a training script) is one run, however many parts it loads on their own.
  if ((s.candidate.kind !== 'readme' && s.candidate.kind !== 'docs') || !isOverview(s, weight)) return false;
  const made = new Set<string>();
  let fed = 0;
  for (const st of s.steps) {
    if (st.calls.some((c) => c.uses.some((u) => made.has(u)) || made.has(c.callee.split('.')[0]))) fed++;
    for (const c of st.calls) for (const v of c.assignedTo) made.add(v);
  }
  return fed < s.steps.length / 2;
}

/**
 * A resource's use case is its making, not what is done with the resource after (`ai.caches.create`, not
 * the `ai.caches.delete` of its last step, rarer only because fewer samples clean up): when the anchor
 * looks up, changes or removes (LIFECYCLE_AFTER) and the source makes, earlier, through the same receiver
 * and naming the same object (LIFECYCLE_MAKERS: `ai.caches.create` for `ai.caches.delete`, `api.create_repo`
 * for `api.delete_repo`, a module's `uploadFile` for its `deleteFiles`; not `session.createEditor` for
 * `session.delete`), with some weight, that call is the anchor.
 */
function maker(anchor: Feature, features: Feature[], value: (x: Feature) => number): Feature | undefined {
  const split = (c: CallSite) => {
    const parts = c.callee.split('.');
    const [verb = '', ...object] = tokens(parts[parts.length - 1]);
    return { receiver: parts.slice(0, -1).join('.'), verb, object: object.join(' ') };
  };
  const a = split(anchor.call);
  // A module's functions have no receiver: then the object says it (`uploadFile` for `deleteFiles`).
  if ((!a.receiver && !a.object) || !LIFECYCLE_AFTER.has(a.verb)) return undefined;
  const one = (o: string) => o.replace(/s$/, '');
  return features.find((x) => {
    const m = split(x.call);
    return x.at < anchor.at && value(x) > 0 && m.receiver === a.receiver && one(m.object) === one(a.object) && LIFECYCLE_MAKERS.has(m.verb);
  });
}

/** How distinctive each call is, for re-settling a use case after sources joined it. */
export type Weight = ((key: string) => number) & {
  /** The share of all mined sources that make the call (0 to 1). */
  spread?: (key: string) => number;
};

/**
 * A use case from its members (most trusted first): the anchor is the representative's call that most
 * members make, weighted by how distinctive it is; the steps are the members' consensus.
 */
export function settle(members: AnalysedSource[], weight: Weight, isPublic: PublicSurface): UseCase | undefined {
  // A snippet that only builds configuration objects (docs' "Training Arguments" section) shows no use
  // case: it represents one only when no member shows more.
  const shows = (m: AnalysedSource) => featuresOf(m).some((x) => weight(x.key) > 0 && nameCall(x.call).role !== 'configure');
  const rep = members.findIndex(shows);
  if (rep > 0) members = [members[rep], ...members.slice(0, rep), ...members.slice(rep + 1)];
  const support = new Map<string, number>();
  for (const m of members) for (const x of featuresOf(m)) support.set(x.key, (support.get(x.key) ?? 0) + 1);
  const value = (x: Feature) => (support.get(x.key) ?? 0) * weight(x.key);
  const features = featuresOf(members[0]);
  let anchor = [...features].sort(
    (a, b) =>
      value(b) - value(a) ||
      Number(isRepoCall(b.call)) - Number(isRepoCall(a.call)) ||
      Number(b.main) - Number(a.main) ||
      a.at - b.at ||
      cmp(a.key, b.key),
  )[0];
  if (!anchor) return undefined;
  anchor = maker(anchor, features, value) ?? anchor;
  return { anchor: anchor.key, anchorCall: anchor.call, members, steps: consensusSteps(members, anchor.key, isPublic, weight), weight };
}

/**
 * Steps of a use case: the main calls at least half of its sources have as a step (the anchor always),
 * in their usual order (mean relative position), each step taken from the most trusted source that has it.
 * At most MAX_STEPS: the most shared ones win; fewer than MIN_STEPS are topped up by the next most
 * shared, never padded. `least`: how many sources must show a step that only tops the use case up (by
 * default two, one when it has a single source).
 */
export function consensusSteps(members: AnalysedSource[], anchor: string, isPublic: PublicSurface = publicSurface(), weight?: Weight, least?: number): DraftStep[] {
  // A list of the library's use cases that joined a focused representative ("All workflows": serve,
  // finetune, pretrain, chat, evaluate) shows other use cases' milestones beside this one's: it has no
  // vote while the others show enough.
  if (weight && !isUseCaseList(members[0], weight) && members.some((m) => isUseCaseList(m, weight))) {
    const steps = consensusSteps(members.filter((m) => !isUseCaseList(m, weight)), anchor, isPublic, undefined, least);
    if (steps.length >= MIN_STEPS) return steps;
  }
  // Tests follow a use case; its steps come from the sources written to show it, when those show enough.
  const shown = members.filter((m) => m.candidate.kind !== 'test');
  if (shown.length && shown.length < members.length) {
    const steps = voteSteps(shown, anchor, isPublic, undefined, least);
    if (steps.length >= MIN_STEPS) return steps;
    // Too few: the tests fill the use case up to MIN_STEPS, no further (a docs section on the local
    // executor beside a test file of its internals shows the executor, not seven of the test's calls).
    return voteSteps(members, anchor, isPublic, new Set(steps.map(stepKey)), least);
  }
  return voteSteps(members, anchor, isPublic, undefined, least);
}

/**
 * Does `step` make `c` as its part together with its other half: the object `c` makes and a method
 * called on it (`trainer = DPOTrainer(...)` + `trainer.train()`), or the object `c` is a method of?
 */
function pairedWith(c: CallSite, step: DraftStep): boolean {
  const [lead, ...parts] = step.calls;
  const same = sameApi(c);
  if (!parts.some((p) => sameApi(p) === same)) return false;
  const made = (x: CallSite, on: CallSite) => isConstructor(x) && x.assignedTo.length === 1 && on.callee.startsWith(`${x.assignedTo[0]}.`);
  return made(c, lead) || made(lead, c) || parts.some((p) => made(p, c));
}

/** A step that builds a client: an object the source then uses through its resources (`client.chat.completions.create`). */
export function isClient(s: DraftStep, m: AnalysedSource): boolean {
  const c = s.calls[0];
  const v = c.assignedTo.length === 1 ? c.assignedTo[0] : undefined;
  return isConstructor(c) && v !== undefined && m.calls.some((d) => d.callee.startsWith(`${v}.`) && d.callee.split('.').length >= 3);
}

/** A source written to show a use case whole: enough steps to be one of its own, and no test (tests follow a use case). */
const isWhole = (m: AnalysedSource) => m.steps.length >= MIN_STEPS && m.candidate.kind !== 'test';

/** `shownKeys`: the steps the sources written to show the use case make; others only fill it up to MIN_STEPS. */
function voteSteps(voters: AnalysedSource[], anchor: string, isPublic: PublicSurface, shownKeys?: Set<string>, least?: number): DraftStep[] {
  const info = new Map<string, { step: DraftStep; count: number; whole: number; pos: number; first: number; who: Set<number>; client: boolean; shown: boolean }>();
  // The maintainers' own words speak for the use case: a README representative votes twice (docs
  // sections keep one vote: a docs page's section is often one variant among several).
  const rep = voters[0]?.candidate.kind;
  const votes = (mi: number) => (mi === 0 && rep === 'readme' ? 2 : 1);
  voters.forEach((m, mi) => {
    const len = m.steps.length;
    m.steps.forEach((s, i) => {
      const key = stepKey(s);
      const rel = len > 1 ? i / (len - 1) : 0.5;
      const cur = info.get(key);
      const whole = isWhole(m) ? 1 : 0;
      const shown = m.candidate.kind !== 'test';
      if (cur) {
        cur.shown ||= shown;
        cur.count += votes(mi);
        cur.whole += whole;
        cur.pos += rel * votes(mi);
        cur.who.add(mi);
      } else info.set(key, { step: s, count: votes(mi), whole, pos: rel * votes(mi), first: mi * 1000 + i, who: new Set([mi]), client: isClient(s, m), shown });
    });
  });
  // A call most sources merge into another step (a config passed to its trainer) is no step of its own.
  const mergedIn = new Map<string, number>();
  for (const m of voters) for (const st of m.steps) for (const c of st.calls.slice(1)) mergedIn.set(callKey(c), (mergedIn.get(callKey(c)) ?? 0) + 1);
  // (Not a choice the most trusted source that has it shows several ways: the model an agent is given.)
  // (Nor one the representative makes a step of its own that none of its steps holds: the README's
  // `Agent(...)` step, a decorated tool between it and `agent.run_sync(...)`, does not run the agent,
  // however many sources run it in one go.)
  const repOwn = new Set((voters[0]?.steps ?? []).map((st) => callKey(st.calls[0])));
  const repParts = new Set((voters[0]?.steps ?? []).flatMap((st) => st.calls.slice(1).map(callKey)));
  const merged = new Set([...mergedIn].filter(([k, n]) => n > (info.get(k)?.count ?? 0) && !info.get(k)?.step.alternatives?.length && !(repOwn.has(k) && !repParts.has(k))).map(([k]) => k));
  // Private calls (tests, benchmarks, internals) are no steps of a use case that has enough public ones,
  // and never steps that only tests make (a test exercises internals; a golden path does not).
  const publicSteps = [...info.values()].filter((v) => isPublic(v.step.calls[0])).length;
  // A majority makes a step; a use case short of MIN_STEPS takes the next most shared ones, but only
  // steps that several of its sources have (one source's extra call is no milestone of the use case).
  // A source too short to be a use case of its own (a one-call docs section that joined a walkthrough)
  // does not outvote the steps it does not show: a strict majority of the sources that show the use case
  // whole makes a step too.
  const wholeMajority = Math.floor(voters.filter(isWhole).length / 2) + 1;
  // Another library's call wired to this one: a method of an object the library made, or one whose result
  // the library is handed (the model loaded for the trainer).
  const wired = (c: CallSite, who: Set<number>) => {
    const receiver = c.callee.includes('.') ? c.callee.split('.')[0] : undefined;
    return [...who].some((mi) => voters[mi].calls.some((d) => isRepoCall(d) && ((receiver !== undefined && d.assignedTo.includes(receiver)) || c.assignedTo.some((v) => d.uses.includes(v)))));
  };
  const half = voters.length / 2;
  const topUp = least ?? (voters.length === 1 ? 1 : 2);
  // (Topping up from single sources, another way of a call most of them make comes first: its streaming way.)
  const majority = new Set([...info.values()].filter((v) => v.count >= half && !v.step.key).map((v) => sameApi(v.step.calls[0])));
  const otherWay = (st: DraftStep) => least !== undefined && st.key !== undefined && majority.has(sameApi(st.calls[0]));
  // The steps the tests link to the shown ones (and the lead), made once per lead.
  const wiredFor = new Map<string, Set<string>>();
  const linkedTo = (lead: string, shownKeys: ReadonlySet<string>) => {
    let got = wiredFor.get(lead);
    if (!got) wiredFor.set(lead, (got = wiredToShown(voters, new Set([...shownKeys, lead].flatMap((k) => info.get(k)?.step.calls.map(callKey) ?? [])))));
    return got;
  };
  const choose = (lead: string, drop?: string, paired = true) => {
    const shownApis = new Set<string>();
    const pairedIn: DraftStep[] = [];
    const ranked = [...info.entries()]
      .filter(([k]) => (!merged.has(k) || k === lead) && k !== drop)
      .filter(([k, v]) => k === lead || isPublic(v.step.calls[0]) || (publicSteps < MIN_STEPS && v.shown))
      .sort((a, b) => Number(b[0] === lead) - Number(a[0] === lead) || b[1].count - a[1].count || Number(otherWay(b[1].step)) - Number(otherWay(a[1].step)) || a[1].first - b[1].first || cmp(a[0], b[0]))
      // One step per API: the same call with another topic option (`Runner.run(session=)` beside
      // `Runner.run`), or already shown as another way to do a step (`run_streamed`, else `run`), is
      // the step done again, not a milestone of its own.
      // So is the making of an object, or its method, that another step makes together with the other
      // (trl's quick start makes `trainer.train()` in its Train Online DPO step; a script that first gives
      // the trainer a callback makes the trainer and its training two steps).
      .filter(([, v]) => {
        const apis = [stepApi(v.step), ...(v.step.alternatives ?? []).map(sameApi)];
        if (apis.some((a) => shownApis.has(a)) || (paired && pairedIn.some((st) => pairedWith(v.step.calls[0], st)))) return false;
        for (const a of apis) shownApis.add(a);
        pairedIn.push(v.step);
        return true;
      });
    const takes = ([k, v]: (typeof ranked)[number], i: number) => k === lead || v.count >= half || v.whole >= wholeMajority || (i < MIN_STEPS && v.count >= topUp);
    // Another library's call that only the walkthroughs make (scikit-learn's split and fit beside
    // `evaluate.load` in one docs page) is that walkthrough's own: taken only to reach MIN_STEPS. (Not one
    // wired to the library: `trainer.save_model()` of trl's KTOTrainer, inherited from transformers, saves
    // what the use case trained; the model `AutoModelForCausalLM` loads is the one it trains.)
    const aside = (v: (typeof ranked)[number][1]) => v.count < half && v.step.calls[0].resolution.kind === 'external' && !wired(v.step.calls[0], v.who);
    const firm = new Set(ranked.filter((e, i) => takes(e, i) && !(e[0] !== lead && aside(e[1]))));
    let short = MIN_STEPS - firm.size;
    const picked = ranked.filter((e, i) => firm.has(e) || (takes(e, i) && short-- > 0));
    if (!shownKeys) return picked;
    const own = picked.filter(([k]) => k === lead || shownKeys.has(k));
    let room = MIN_STEPS - own.length;
    const linked = linkedTo(lead, shownKeys);
    // (Not with a utility of the library only tests use: how the tests start a server is no step of it.)
    // (Nor, topping a quick start up from single sources, with a test's call other than such another way.)
    // (Nor with a call only tests make on objects the shown steps neither make nor are handed: a test
    // file's other tests, `client.paginate` beside the one that validates a webhook.)
    return picked.filter(([k, v]) => k === lead || shownKeys.has(k) || (!isPublic.testUtility?.(v.step.calls[0]) && (least === undefined || otherWay(v.step)) && (v.shown || linked.has(k)) && room-- > 0));
  };
  // An anchor that is a method of the object another step builds (`agent.run` in Run Code Agent, which
  // builds the agent), and that most sources, the most trusted first, make in that step, is made there:
  // that step leads instead, when the use case still has steps enough.
  const inRep = voters[0]?.steps.find((st) => makesOnBuilt(st, anchor));
  const holder = merged.has(anchor) && inRep && info.has(stepKey(inRep)) && !merged.has(stepKey(inRep)) ? stepKey(inRep) : undefined;
  // (A step shown again as the part of another stays when the use case would be too short without it:
  // js-genai's local tokenizer is made in its Count Tokens step by one source, on its own by others.)
  const pick = (lead: string, drop?: string) => {
    const picked = choose(lead, drop);
    return picked.length >= MIN_STEPS ? picked : choose(lead, drop, false);
  };
  const held = holder ? pick(holder, anchor) : undefined;
  const lead = held && held.length >= MIN_STEPS ? holder! : anchor;
  let chosen = held && lead === holder ? held : pick(anchor);
  // Clients built different ways that no source builds together (AzureOpenAI in one section, OpenAI with
  // an Azure endpoint in another; AnthropicBedrock, AnthropicVertex) are one step done one way or another.
  const clients = chosen.filter(([, v]) => v.client);
  if (clients.length > 1) {
    const [lead, ...rest] = clients;
    // In order of support, each client no source already counted builds with another.
    const taken = new Set(lead[1].who);
    const others: typeof rest = [];
    for (const e of rest) {
      if ([...e[1].who].some((x) => taken.has(x))) continue;
      for (const x of e[1].who) taken.add(x);
      others.push(e);
    }
    if (others.length) {
      lead[1] = { ...lead[1], step: withAlternatives(lead[1].step, others.map(([, v]) => v.step.calls[0])) };
      chosen = chosen.filter((e) => !others.includes(e));
    }
  }
  chosen = chosen.slice(0, MAX_STEPS);
  const steps = runOrder(
    chosen.sort((a, b) => a[1].pos / a[1].count - b[1].pos / b[1].count || a[1].first - b[1].first || cmp(a[0], b[0])).map(([, v]) => v.step),
    voters,
    votes,
  );
  // The streaming way of an API reads as the second way of the step before it: right after it.
  const wholeOf = (st: DraftStep) => steps.findIndex((o) => !o.key && callKey(o.calls[0]) === callKey(st.calls[0]));
  for (const st of steps.filter((x) => x.key)) {
    if (wholeOf(st) < 0) continue;
    steps.splice(steps.indexOf(st), 1);
    steps.splice(wholeOf(st) + 1, 0, st);
  }
  return steps;
}

/** The SDK resource a method is called through (`client.messages.batches` of `client.messages.batches.create`), not a bare object. */
const resourceOf = (c: CallSite) => {
  const parts = c.callee.split('.');
  return sdkResource(parts).length ? parts.slice(0, -1).join('.') : undefined;
};

/**
 * The steps of the sources that data flow links to the calls of the shown steps (`shown`, call keys) in the
 * same source, over all its call sites: a call on an object a linked call made or handed on, a call whose
 * result a linked call reads (`sandbox.kill()` after `sandbox = Sandbox.create()`), or another method of a
 * linked call's SDK resource (`client.messages.batches.create` beside `.results`), followed from call to call.
 */
function wiredToShown(voters: AnalysedSource[], shown: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const m of voters) {
    const linked = new Set(m.calls.filter((c) => shown.has(callKey(c))));
    if (!linked.size) continue;
    // A variable links two calls when one assigns it and the other reads it later, with no assignment of
    // that name between (each test of a file assigns its own `response`): the read's reaching assignment.
    // (Positions by cell, then line: a notebook's cells each count their lines from 1.)
    const at = (c: CallSite) => (c.site.cell ?? 0) * LINE_SPAN + c.site.start;
    const assigned = new Map<string, number[]>();
    for (const c of m.calls) for (const v of c.assignedTo) append(assigned, v, at(c));
    for (const list of assigned.values()) list.sort((a, b) => a - b);
    // The last assignment of `v` before position `p` (binary search), -1 when none.
    const reaching = (v: string, p: number) => {
      const list = assigned.get(v) ?? [];
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] < p) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 ? list[lo - 1] : -1;
    };
    // Per variable: where linked calls assign it, and the assignments linked calls' reads of it reach.
    const made = new Map<string, Set<number>>();
    const readFrom = new Map<string, Set<number>>();
    const resources = new Set<string>();
    const note = (map: Map<string, Set<number>>, v: string, p: number) => {
      const got = map.get(v);
      if (got) got.add(p);
      else map.set(v, new Set([p]));
    };
    const add = (c: CallSite) => {
      linked.add(c);
      for (const v of c.assignedTo) note(made, v, at(c));
      for (const v of c.uses) note(readFrom, v, reaching(v, at(c)));
      const r = resourceOf(c);
      if (r) resources.add(r);
    };
    [...linked].forEach(add);
    const tied = (c: CallSite) =>
      resources.has(resourceOf(c) ?? '') ||
      c.uses.some((v) => made.get(v)?.has(reaching(v, at(c)))) ||
      c.assignedTo.some((v) => readFrom.get(v)?.has(at(c)));
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of m.calls) {
        if (linked.has(c) || !tied(c)) continue;
        add(c);
        grew = true;
      }
    }
    for (const st of m.steps) if (linked.has(st.calls[0])) out.add(stepKey(st));
  }
  return out;
}

/** Lines a source's step can span when its place is step index × this + line (sources are far shorter). */
const LINE_SPAN = 1e7;

/**
 * Steps in the order the sources run them: a step goes before another when more of the sources that make
 * both make it first (votes weighted as in the consensus). Steps no source makes together keep their
 * usual order (mean relative position): a save two scripts make after training is no step before the
 * training that every section ends with. `steps` comes in the usual order; each time, the first step that
 * fewest of the remaining steps go before is next.
 */
export function runOrder(steps: DraftStep[], voters: AnalysedSource[], votes: (mi: number) => number): DraftStep[] {
  if (steps.length < 2) return steps;
  const apis = steps.map(stepApi);
  // before[i][j]: the votes of sources that make step i before step j.
  const before = steps.map(() => steps.map(() => 0));
  voters.forEach((m, mi) => {
    // Where the source makes each API: its step, then its line there. A call merged into another step
    // speaks only within that step (a README that builds `RealtimeAgent`, then `RealtimeSession` with it,
    // inside its one `session.connect` step says the agent comes first, and the session before the
    // connection; not where they go among the other steps: a route handler's text is no run order).
    const at = new Map<string, number>();
    const merged = new Set<string>();
    m.steps.forEach((st, k) => {
      const api = stepApi(st);
      if (!at.has(api)) at.set(api, k * LINE_SPAN + st.calls[0].site.start);
    });
    m.steps.forEach((st, k) => {
      const main = st.calls[0].site;
      for (const c of st.calls.slice(1)) {
        const api = sameApi(c);
        if (!apis.includes(api) || at.has(api)) continue;
        // An argument written inside the main call runs before it (`toolRunner({ tools: [betaTool(...)] })`).
        const inside = c.site.path === main.path && c.site.cell === main.cell && c.site.start >= main.start && c.site.end <= main.end;
        at.set(api, k * LINE_SPAN + (inside ? main.start - 0.5 + (c.site.start - main.start) * 1e-4 : c.site.start));
        merged.add(api);
      }
    });
    const pos = apis.map((a) => at.get(a));
    const step = (p: number) => Math.floor(p / LINE_SPAN);
    for (let i = 0; i < steps.length; i++) {
      for (let j = 0; j < steps.length; j++) {
        const [a, b] = [pos[i], pos[j]];
        if (a === undefined || b === undefined || a >= b) continue;
        if ((merged.has(apis[i]) || merged.has(apis[j])) && step(a) !== step(b)) continue;
        before[i][j] += votes(mi);
      }
    }
  });
  const left = steps.map((_, i) => i);
  const out: DraftStep[] = [];
  while (left.length) {
    const ahead = (i: number) => left.filter((j) => j !== i && before[j][i] > before[i][j]).length;
    let best = left[0];
    for (const i of left) if (ahead(i) < ahead(best)) best = i;
    out.push(steps[best]);
    left.splice(left.indexOf(best), 1);
  }
  return out;
}

/** Two use cases whose steps are the same calls are one use case (the first, by trust, keeps its anchor). */
function mergeSameSteps(useCases: UseCase[]): UseCase[] {
  const byKeys = new Map<string, UseCase>();
  const out: UseCase[] = [];
  const sorted = [...useCases].sort(byFollowing);
  for (const u of sorted) {
    const sig = u.steps.map(stepKey).sort().join('\n');
    const host = byKeys.get(sig);
    if (host) {
      host.members = [...host.members, ...u.members].sort(byTrust);
      continue;
    }
    byKeys.set(sig, u);
    out.push(u);
  }
  return out;
}
