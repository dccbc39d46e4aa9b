// What phase 0 left in the wiki directory: the RepoMap, the phase 0 report, existing pages. All optional.
import { GoldpathError, type Skipped } from '../model.js';
import { listConfined, readConfined, realWikiDir } from './confine.js';
import { parseRepoMap, type RepoMap } from './repomap.js';
import { repoNameFrom } from '../group/names.js';
import { parsePhase0Report, type Phase0Report } from './phase0.js';

export const PAGE_FOLDERS = ['workflows', 'principles', 'implementations', 'environments', 'heuristics'] as const;
export const PHASE0_REPORT = '_reports/phase0_repo_understanding.md';

export interface WikiInputs {
  repoMap?: { path: string; text: string; map: RepoMap };
  phase0?: { path: string } & Phase0Report;
  /** Page names (file names without `.md`) by folder. */
  existingPages: Record<string, string[]>;
  notes: string[];
  skipped: Skipped[];
  /** `X` of the only `_RepoMap_X.md` in the wiki, when no name was given, as written (sanitised by the caller). */
  repoNameHint?: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function readWikiInputs(wikiDir: string, repoName: string | undefined): Promise<WikiInputs> {
  const out: WikiInputs = { existingPages: {}, notes: [], skipped: [] };
  // Everything is read below the wiki's real directory, following no symbolic link (confine.ts).
  const root = realWikiDir(wikiDir);
  const top = root ? listConfined(root, '.') : undefined;
  if (!root || !top || !('names' in top)) {
    // A wiki directory that does not exist yet reads as an empty one (the same notes), so that the next
    // run over the written wiki produces the same report (`--check` right after a first run passes).
    out.notes.push(`no RepoMap found (looked for ${repoName ? `_RepoMap_${repoName}.md and ` : ''}_RepoMap.md): coverage not updated`);
    out.notes.push(`no phase 0 report found (${PHASE0_REPORT})`);
    for (const folder of PAGE_FOLDERS) out.existingPages[folder] = [];
    return out;
  }
  const entries = top.names;
  const named = entries.filter((e) => /^_RepoMap_.+\.md$/.test(e));
  if (!repoName && named.length === 1) out.repoNameHint = named[0].slice('_RepoMap_'.length, -3);
  // The map named after the repository, also when its file name only sanitises to that name.
  const sanitisedMatch = repoName ? named.filter((n) => repoNameFrom(n.slice('_RepoMap_'.length, -3)) === repoName) : [];
  const mapName = [
    repoName ? `_RepoMap_${repoName}.md` : undefined,
    sanitisedMatch.length === 1 ? sanitisedMatch[0] : undefined,
    out.repoNameHint ? named[0] : undefined,
    '_RepoMap.md',
  ].find((n) => n && entries.includes(n));
  if (mapName) {
    const read = readConfined(root, mapName);
    // The RepoMap is edited in place: a linked one would be written through, so it is refused.
    if (read && !read.ok && / is a symbolic link/.test(read.reason)) {
      throw new GoldpathError(`refusing the RepoMap ${mapName} in the wiki ${root}: ${read.reason}; nothing was written`);
    }
    if (!read || !read.ok) {
      out.skipped.push({ path: `wiki:${mapName}`, reason: `unreadable RepoMap (left untouched)${read && !read.ok ? `: ${read.reason}` : ''}` });
    } else {
      try {
        out.repoMap = { path: mapName, text: read.text, map: parseRepoMap(read.text) };
      } catch (e) {
        out.skipped.push({ path: `wiki:${mapName}`, reason: `RepoMap cannot be parsed (left untouched): ${(e as Error).message}` });
      }
    }
  } else {
    out.notes.push(`no RepoMap found (looked for ${repoName ? `_RepoMap_${repoName}.md and ` : ''}_RepoMap.md): coverage not updated`);
  }
  const report = readConfined(root, PHASE0_REPORT);
  if (report?.ok) out.phase0 = { path: PHASE0_REPORT, ...parsePhase0Report(report.text) };
  else {
    out.notes.push(`no phase 0 report found (${PHASE0_REPORT})`);
    if (report) out.skipped.push({ path: `wiki:${PHASE0_REPORT}`, reason: `not read: ${report.reason}` });
  }
  for (const folder of PAGE_FOLDERS) {
    const list = listConfined(root, folder);
    if (list && 'problem' in list) out.skipped.push({ path: `wiki:${folder}`, reason: `existing pages not listed: ${list.problem}` });
    const names = list && 'names' in list ? list.names.filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)) : [];
    out.existingPages[folder] = names.sort(cmp);
  }
  return out;
}
