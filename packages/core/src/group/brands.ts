// The project's own name as its README spells it (`LeRobot`, `DSPy`): names and titles made from
// identifiers split it at its inner capitals (`LeRobotDataset` → Le Robot Dataset) or capitalise it as one
// plain word (`lerobot-train` → Lerobot_Training). A maintainer writes it one way; so do the pages.
import type { OmittedUseCase, TextTrace, Workflow } from '../model.js';
import { splitCamel } from './names.js';

/**
 * Spellings of the project's names with inner capitals in the README's text (`LeRobot` for `lerobot`),
 * the most frequent first; only those that identifiers would split.
 */
export function brandSpellings(readme: string, projectNames: readonly string[]): string[] {
  const wanted = new Set(projectNames.map((n) => n.toLowerCase().replace(/[^a-z0-9]+/g, '')).filter((n) => n.length > 2));
  const count = new Map<string, number>();
  for (const m of readme.matchAll(/(?<![A-Za-z0-9_./-])[A-Za-z][A-Za-z0-9]*(?![A-Za-z0-9_/-])/g)) {
    const w = m[0];
    if (!wanted.has(w.toLowerCase()) || !/[A-Z]/.test(w.slice(1)) || !/[a-z]/.test(w)) continue;
    count.set(w, (count.get(w) ?? 0) + 1);
  }
  const best = new Map<string, string>();
  for (const [w] of [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (!best.has(w.toLowerCase()) && splitCamel(w).includes(' ')) best.set(w.toLowerCase(), w);
  }
  return [...best.values()];
}

/** Text as a regular expression that matches it literally. */
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text with each brand written as one word: `Le Robot`, `Le_Robot` and the plain `Lerobot` become `LeRobot`. */
export function joinBrands(text: string, brands: readonly string[]): string {
  let out = text;
  for (const b of brands) {
    const parts = splitCamel(b).split(' ').filter(Boolean);
    const plain = b.charAt(0).toUpperCase() + b.slice(1).toLowerCase();
    out = out.replace(new RegExp(`(?<![A-Za-z0-9])(?:${parts.map(esc).join('[ _]')}|${esc(plain)})(?![a-z0-9])`, 'g'), b);
  }
  return out;
}

/**
 * The names goldpath made for the workflows and the use cases left out (workflow names, step titles,
 * principles) with brands joined; in the texts, only those names are rewritten where they stand (a quote
 * of the repository keeps its spelling).
 */
export function brandWorkflows(workflows: Workflow[], omitted: OmittedUseCase[], brands: readonly string[]): void {
  if (!brands.length) return;
  const renamed = new Map<string, string>();
  const j = (t: string) => {
    const n = joinBrands(t, brands);
    if (n !== t) renamed.set(t, n);
    return n;
  };
  for (const w of workflows) {
    w.name = j(w.name);
    for (const s of w.steps) {
      s.title = j(s.title);
      s.principle = j(s.principle);
    }
  }
  for (const o of omitted) o.name = j(o.name);
  if (!renamed.size) return;
  const olds = [...renamed.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const re = new RegExp(olds.map(esc).join('|'), 'g');
  const t = (x: string) => x.replace(re, (m) => renamed.get(m) ?? m);
  const traces = (ts: TextTrace[]) => ts.forEach((x) => (x.text = t(x.text)));
  for (const w of workflows) {
    w.overview = t(w.overview);
    w.description = t(w.description);
    w.usage = t(w.usage);
    traces(w.traces.overview);
    traces(w.traces.description);
    traces(w.traces.usage);
    for (const s of w.steps) {
      s.description = t(s.description);
      traces(s.trace);
      s.considerations = s.considerations.map(t);
      // Inputs name the steps that made them (`dataset (from Create LeRobot Dataset)`).
      for (const c of s.calls) c.inputs = t(c.inputs);
    }
  }
}
