// The project's own name as its README spells it (`LeRobot`, `SetFit`): names and titles made from
// identifiers would split it at its inner capitals (`SetFitModel` → Set Fit Model, "Set" read as a verb)
// or capitalise it as one plain word (`lerobot-train` → Lerobot_Training). A maintainer writes it one
// way; so do the pages (the naming runs `withBrands`, group/names.ts).
import { splitCamel } from './names.js';

/**
 * Spellings of the project's names with inner capitals in the README's prose (`LeRobot` for `lerobot`),
 * the most frequent first; only those that identifiers would split. Not in code (fenced blocks, code
 * spans, a name called): `QdrantClient` is qdrant-client's class, not how its README writes the project.
 */
export function brandSpellings(readme: string, projectNames: readonly string[]): string[] {
  const wanted = new Set(projectNames.map((n) => n.toLowerCase().replace(/[^a-z0-9]+/g, '')).filter((n) => n.length > 2));
  const prose = readme.replace(/^[ \t]*(```|~~~)[\s\S]*?^[ \t]*\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const count = new Map<string, number>();
  for (const m of prose.matchAll(/(?<![A-Za-z0-9_./-])[A-Za-z][A-Za-z0-9]*(?![A-Za-z0-9_/(-])/g)) {
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
