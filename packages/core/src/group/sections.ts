// A README or docs section (the code blocks under one heading) is one source: its blocks are analysed
// one by one, each in its session, and then merged, so that a section is never glued to the rest of its
// file nor split into one source per block. A block that starts afresh (it imports what it needs and
// reads no variable an earlier block of the section assigned: the README quick start's pipeline call,
// then a hand-written denoising loop; two tabs of one example) starts a source of its own.
import type { CallSite } from '../model.js';
import { buildSteps } from './steps.js';
import { append } from './usecases.js';
import type { AnalysedSource } from './source.js';

/**
 * Merges the analysed blocks of each section into the section's first block (its candidate stands for
 * the section); returns the sources in their order and the ids of the block candidates merged away.
 */
export function mergeSections(
  analysed: AnalysedSource[],
  sectionOf: (a: AnalysedSource) => string | undefined,
  imports: (a: AnalysedSource) => boolean = () => false,
): { sources: AnalysedSource[]; mergedInto: Map<string, string> } {
  const bySection = new Map<string, AnalysedSource[]>();
  for (const a of analysed) {
    const key = sectionOf(a);
    if (key) append(bySection, key, a);
  }
  for (const [key, blocks] of [...bySection]) {
    // Parts are found in the document's order; each keeps the blocks in the order they came.
    const at = new Map(blocks.map((b, i) => [b, i]));
    const parts = dataFlowParts([...blocks].sort((a, b) => a.candidate.line - b.candidate.line || at.get(a)! - at.get(b)!), imports);
    if (parts.length < 2) continue;
    bySection.delete(key);
    parts.forEach((part, i) => bySection.set(`${key}\u0000${i}`, part.sort((a, b) => at.get(a)! - at.get(b)!)));
  }
  const partOf = new Map<AnalysedSource, AnalysedSource[]>();
  for (const group of bySection.values()) for (const a of group) partOf.set(a, group);
  const mergedInto = new Map<string, string>();
  const sources: AnalysedSource[] = [];
  for (const a of analysed) {
    const group = partOf.get(a) ?? [a];
    if (group[0] !== a) continue;
    if (group.length === 1) {
      sources.push(a);
      continue;
    }
    const calls: CallSite[] = group.flatMap((g) => g.calls);
    for (const g of group.slice(1)) mergedInto.set(g.candidate.id, a.candidate.id);
    a.candidate.foundBy = `${a.candidate.foundBy}s of one section (${group.length} blocks)`;
    const first = group.find((g) => g.prose && g.prose.trim());
    const prose = first?.prose;
    sources.push({
      ...a,
      calls,
      steps: buildSteps(calls),
      ...(prose ? { prose } : {}),
      ...(first?.paragraphs ? { paragraphs: first.paragraphs } : {}),
      span: { path: a.span.path, start: Math.min(...group.map((g) => g.span.start)), end: Math.max(...group.map((g) => g.span.end)) },
    });
  }
  return { sources, mergedInto };
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
