// A README or docs section (the code blocks under one heading) is one source: its blocks are analysed
// one by one, each in its session, and then merged, so that a section is never glued to the rest of its
// file nor split into one source per block.
import type { CallSite } from '../model.js';
import { buildSteps } from './steps.js';
import { append } from './usecases.js';
import type { AnalysedSource } from './source.js';

/**
 * Merges the analysed blocks of each section into the section's first block (its candidate stands for
 * the section); returns the sources in their order and the ids of the block candidates merged away.
 */
export function mergeSections(analysed: AnalysedSource[], sectionOf: (a: AnalysedSource) => string | undefined): { sources: AnalysedSource[]; mergedInto: Map<string, string> } {
  const bySection = new Map<string, AnalysedSource[]>();
  for (const a of analysed) {
    const key = sectionOf(a);
    if (key) append(bySection, key, a);
  }
  const mergedInto = new Map<string, string>();
  const sources: AnalysedSource[] = [];
  for (const a of analysed) {
    const key = sectionOf(a);
    const group = key ? bySection.get(key)! : [a];
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
