// A README or docs section (the code blocks under one heading) is one source: its blocks are analysed
// one by one, each in its session, and then merged, so that a section is never glued to the rest of its
// file nor split into one source per block. A block that starts afresh (it imports what it needs and
// reads no variable an earlier block of the section assigned: the README quick start's pipeline call,
// then a hand-written denoising loop) starts a source of its own, unless it only builds an earlier part's
// object another way (tabs: `model = LiteLLMModel(...)` beside `model = InferenceClientModel()`), which
// makes that part's step one with alternatives.
import type { CallSite } from '../model.js';
import type { Paragraph } from '../lang/markdown/codeblocks.js';
import { buildSteps, callKey, isConstructor, isRepoCall, type DraftStep, type KeepBoilerplate } from './steps.js';
import { append } from './usecases.js';
import { tokens } from './names.js';
import type { AnalysedSource } from './source.js';

/**
 * Merges the analysed blocks of each section into the section's first block (its candidate stands for
 * the section); returns the sources in their order and the ids of the block candidates merged away.
 */
export function mergeSections(
  analysed: AnalysedSource[],
  sectionOf: (a: AnalysedSource) => string | undefined,
  imports: (a: AnalysedSource) => boolean = () => false,
  walkthrough: (a: AnalysedSource) => string | undefined = () => undefined,
  keepBoilerplate: KeepBoilerplate = false,
): { sources: AnalysedSource[]; mergedInto: Map<string, string> } {
  const bySection = new Map<string, AnalysedSource[]>();
  for (const a of analysed) {
    const key = sectionOf(a);
    if (key) append(bySection, key, a);
  }
  // Blocks that only build a part's objects another way (tabs), and those other ways by the part.
  const variantBlocks = new Set<AnalysedSource>();
  const otherWays = new Map<AnalysedSource[], Way[]>();
  const leads = new Map<AnalysedSource[], Paragraph[]>();
  for (const [key, blocks] of [...bySection]) {
    // Parts are found in the document's order; each keeps the blocks in the order they came.
    const at = new Map(blocks.map((b, i) => [b, i]));
    const found = dataFlowParts([...blocks].sort((a, b) => a.candidate.line - b.candidate.line || at.get(a)! - at.get(b)!), imports);
    if (found.length < 2) continue;
    const parts = joinVariants(found, variantBlocks, otherWays);
    bySection.delete(key);
    parts.forEach((part, i) => bySection.set(`${key}\u0000${i}`, part.sort((a, b) => at.get(a)! - at.get(b)!)));
    // The paragraphs under the heading introduce the section's first part; a later part keeps them for
    // an Overview nothing else fills (its own may only lean on them: "Alternatively, you can use
    // `.get_next_page()` ...": texts.ts).
    const first = found[0][0];
    const opening = (first.paragraphs ?? []).filter((p) => !p.after);
    if (opening.length) for (const part of parts.slice(1)) if (!part.includes(first)) leads.set(part, opening);
  }
  const partOf = new Map<AnalysedSource, AnalysedSource[]>();
  for (const group of bySection.values()) for (const a of group) partOf.set(a, group);
  const mergedInto = new Map<string, string>();
  const sources: AnalysedSource[] = [];
  for (const a of analysed) {
    const group = partOf.get(a) ?? [a];
    if (group[0] !== a) continue;
    const lead = leads.get(group);
    if (group.length === 1) {
      sources.push(lead ? { ...a, sectionLead: lead } : a);
      continue;
    }
    const own: CallSite[] = group.filter((g) => !variantBlocks.has(g)).flatMap((g) => g.calls);
    const steps = stepsWithOtherWays(own, otherWays.get(group) ?? [], keepBoilerplate);
    for (const g of group.slice(1)) mergedInto.set(g.candidate.id, a.candidate.id);
    // The steps of a numbered walkthrough, read as one task, are named by the heading above them.
    const sections = new Set(group.map((g) => g.candidate.heading));
    const walk = sections.size > 1 ? walkthrough(a) : undefined;
    a.candidate.foundBy = walk ? `${a.candidate.foundBy}s of ${sections.size} numbered sections (${group.length} blocks)` : `${a.candidate.foundBy}s of one section (${group.length} blocks)`;
    // Headed by its first own block (a collapsible part's blocks have their summary's heading: a tab
    // joined to the example it varies does not name it).
    const head = [...group].sort((x, y) => x.candidate.line - y.candidate.line).find((g) => !variantBlocks.has(g));
    if (walk) a.candidate.heading = walk;
    else if (head?.candidate.heading) a.candidate.heading = head.candidate.heading;
    // The section's prose is its first block's (by line: the paragraphs under the heading introduce the
    // section; blocks come in order of score).
    const first = [...group].sort((x, y) => x.candidate.line - y.candidate.line).find((g) => g.prose && g.prose.trim());
    const prose = first?.prose;
    // The page's opening paragraphs go with its first example, whichever block of the section that is.
    const opening = group.find((g) => g.intro)?.intro;
    sources.push({
      ...a,
      ...(walk ? { title: walk } : head?.title ? { title: head.title } : {}),
      calls: [...own, ...steps.flatMap((st) => st.alternatives ?? [])],
      steps,
      ...(prose ? { prose } : {}),
      ...(first?.paragraphs ? { paragraphs: first.paragraphs } : {}),
      ...(lead ? { sectionLead: lead } : {}),
      ...(opening ? { intro: opening } : {}),
      span: { path: a.span.path, start: Math.min(...group.map((g) => g.span.start)), end: Math.max(...group.map((g) => g.span.end)) },
    });
  }
  return { sources, mergedInto };
}

/**
 * The constructors a part builds its objects with, by slot: the variable it binds (`model = ...`) and
 * each argument of the library's calls it is handed to (`CodeAgent(model=...)`), so that a tab that names
 * its variable otherwise (`mlx_model = MLXModel(...)`) still fills the same slot.
 */
function slots(calls: CallSite[]): Map<string, CallSite> {
  const out = new Map<string, CallSite>();
  const put = (slot: string, c: CallSite) => {
    if (!out.has(slot)) out.set(slot, c);
  };
  for (const c of calls) {
    if (!isConstructor(c) || c.assignedTo.length !== 1) continue;
    const v = c.assignedTo[0];
    put(`var ${v}`, c);
    for (const d of calls) {
      if (d === c || !isRepoCall(d)) continue;
      for (const [arg, value] of Object.entries(d.argValues ?? {})) if (value === v) put(`arg ${callKey(d)} ${arg}`, c);
    }
  }
  return out;
}

/**
 * Parts of a section that only show an earlier part's objects built another way (tabs of one example: a
 * slot filled by another class, every other call of the library one the earlier part makes) join that
 * part: their blocks go to `variantBlocks`, the other ways to `otherWays`. In a section with such tabs, a
 * part that fills the slot with the same class (the default's own tab, other options) is one of them too.
 */
function joinVariants(parts: AnalysedSource[][], variantBlocks: Set<AnalysedSource>, otherWays: Map<AnalysedSource[], Way[]>): AnalysedSource[][] {
  const tabbed = tabsOf(parts, false).some((t) => t.ways.length);
  if (!tabbed) return parts;
  const out: AnalysedSource[][] = [];
  for (const t of tabsOf(parts, true)) {
    if (!t.host) {
      out.push(t.part);
      continue;
    }
    const host = out.find((q) => q[0] === t.host![0])!;
    otherWays.set(host, [...(otherWays.get(host) ?? []), ...t.ways]);
    for (const b of t.part) variantBlocks.add(b);
    host.push(...t.part);
  }
  return out;
}

/** Each part, with the earlier part it is a tab of (and the other ways it shows), if any. */
function tabsOf(parts: AnalysedSource[][], sameClass: boolean): { part: AnalysedSource[]; host?: AnalysedSource[]; ways: Way[] }[] {
  const hosts: { part: AnalysedSource[]; slots: Map<string, CallSite>; keys: Set<string> }[] = [];
  const out: { part: AnalysedSource[]; host?: AnalysedSource[]; ways: Way[] }[] = [];
  for (const part of parts) {
    const calls = part.flatMap((b) => b.calls);
    const mine = slots(calls);
    let found: { host: AnalysedSource[]; ways: Way[] } | undefined;
    for (const q of hosts) {
      const shared = [...mine].filter(([slot]) => q.slots.has(slot));
      const ways = shared.filter(([slot, c]) => callKey(q.slots.get(slot)!) !== callKey(c) && sameKind(q.slots.get(slot)!, c)).map(([slot, call]) => ({ call, of: q.slots.get(slot)! }));
      const others = new Set(ways.map((w) => w.call));
      if (!(sameClass ? shared.length : ways.length) || !calls.filter(isRepoCall).every((c) => others.has(c) || q.keys.has(callKey(c)))) continue;
      found = { host: q.part, ways };
      break;
    }
    if (found) out.push({ part, ...found });
    else {
      hosts.push({ part, slots: mine, keys: new Set(calls.map(callKey)) });
      out.push({ part, ways: [] });
    }
  }
  return out;
}

/**
 * Two classes of one kind, one a way to build what the other builds: their names share a word
 * (`LiteLLMModel` and `TransformersModel`, `Anthropic` and `AnthropicVertex`). rich's README parts hand a
 * `Table`, a `Markdown`, a `Syntax` to one `console.print`: features of their own, no tabs of one example.
 */
function sameKind(a: CallSite, b: CallSite): boolean {
  const words = (c: CallSite) => tokens(c.callee.split('.').pop() ?? '').filter((w) => w.length >= 3);
  const theirs = new Set(words(a));
  return words(b).some((w) => theirs.has(w));
}

/** Another way (a tab's constructor) to build the object a part's call builds. */
interface Way {
  call: CallSite;
  of: CallSite;
}

/** The part's steps, each object a tab builds another way a choice with those ways as alternatives. */
function stepsWithOtherWays(calls: CallSite[], ways: Way[], keepBoilerplate: KeepBoilerplate): DraftStep[] {
  const waysOf = new Map<CallSite, CallSite[]>();
  for (const { call, of } of ways) waysOf.set(of, [...(waysOf.get(of) ?? []), call]);
  return buildSteps(calls, { ways: waysOf, keepBoilerplate });
}

/**
 * The blocks of one section (in order) in parts: a block joins the part before it unless it imports what
 * it needs; a block that imports joins every earlier block that assigned (a call's result) a variable it
 * reads. Parts are in the order of their first block.
 */
export function dataFlowParts(blocks: AnalysedSource[], imports: (a: AnalysedSource) => boolean): AnalysedSource[][] {
  const parent = blocks.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const join = (i: number, j: number) => {
    const [a, b] = [find(i), find(j)].sort((x, y) => x - y);
    parent[b] = a;
  };
  const boundBy = new Map<string, number>(); // variable -> the last block that assigned it
  blocks.forEach((block, j) => {
    if (!block.calls.length || !imports(block)) {
      if (j > 0) join(j - 1, j);
      for (const c of block.calls) for (const name of c.assignedTo) boundBy.set(name, j);
      return;
    }
    // A use counts only when this block has not assigned the name itself before it.
    const ownBefore = (name: string, line: number) => block.calls.some((c) => c.assignedTo.includes(name) && c.site.start < line);
    for (const c of block.calls) {
      for (const name of c.uses) {
        const i = boundBy.get(name);
        if (i !== undefined && !ownBefore(name, c.site.start)) join(i, j);
      }
    }
    for (const c of block.calls) for (const name of c.assignedTo) boundBy.set(name, j);
  });
  const parts = new Map<number, AnalysedSource[]>();
  blocks.forEach((b, i) => append(parts, find(i), b));
  return [...parts.values()];
}

/** Calls a section took from an earlier one (`borrowDefinitions`): not objects the section makes itself. */
const borrowedCalls = new WeakSet<CallSite>();
export const isBorrowed = (c: CallSite): boolean => borrowedCalls.has(c);

/**
 * A README section whose code reads a variable that only an earlier section made (its "Setup" builds
 * `resend = new Resend(...)`, its "Usage" calls `resend.emails.send(...)`): the call that made it is
 * part of the section's use of the library, at its own place in the earlier block. Only the library's
 * calls, read by the library's calls, only the latest that assigned the name before the block, and only on the README: a docs page's
 * sections are each a variant of its topic (measured on the 42 references: on docs pages too, 316 → 313
 * golden paths found; on the README, 316 → 317).
 */
export function borrowDefinitions(analysed: AnalysedSource[], sectionOf: (a: AnalysedSource) => string | undefined, stepsOf: (calls: CallSite[]) => DraftStep[]): void {
  const pages = new Map<string, AnalysedSource[]>();
  for (const a of analysed) if (a.candidate.kind === 'readme' && sectionOf(a)) append(pages, a.candidate.path, a);
  for (const blocks of pages.values()) {
    const defined = new Map<string, { call: CallSite; section: string }>();
    for (const a of [...blocks].sort((x, y) => x.candidate.line - y.candidate.line || (x.candidate.id < y.candidate.id ? -1 : 1))) {
      const section = sectionOf(a)!;
      const assigned = new Set(a.calls.flatMap((c) => c.assignedTo));
      const reads: string[] = [];
      // (Read by a call of the library: `print(result.text)` under a `for result in ...` the block binds
      // itself reads nothing of an earlier section's `result`.)
      for (const c of a.calls) if (isRepoCall(c)) for (const v of [...(c.callee.includes('.') ? [c.callee.split('.')[0]] : []), ...c.uses]) if (!assigned.has(v) && !reads.includes(v)) reads.push(v);
      const borrowed: CallSite[] = [];
      for (const v of reads) {
        const d = defined.get(v);
        if (d && d.section !== section && !borrowed.includes(d.call)) borrowed.push(d.call);
      }
      const own = a.calls;
      if (borrowed.length) {
        const copies = borrowed.map((c) => ({ ...c }));
        for (const c of copies) borrowedCalls.add(c);
        a.calls = [...copies, ...own];
        a.steps = stepsOf(a.calls);
      }
      for (const c of own) if (isRepoCall(c)) for (const v of c.assignedTo) defined.set(v, { call: c, section });
    }
  }
}
