// What phase 0 left in the wiki directory: the RepoMap, the phase 0 report, existing pages. All optional.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Skipped } from '../model.js';
import { parseRepoMap, type RepoMap } from './repomap.js';
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
  /** `X` of the only `_RepoMap_X.md` in the wiki, when no name was given. */
  repoNameHint?: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function readWikiInputs(wikiDir: string, repoName: string | undefined): Promise<WikiInputs> {
  const out: WikiInputs = { existingPages: {}, notes: [], skipped: [] };
  let entries: string[] = [];
  try {
    entries = (await fs.readdir(wikiDir)).sort(cmp);
  } catch {
    // A wiki directory that does not exist yet reads as an empty one (the same notes), so that the next
    // run over the written wiki produces the same report (`--check` right after a first run passes).
    entries = [];
  }
  const named = entries.filter((e) => /^_RepoMap_.+\.md$/.test(e));
  if (!repoName && named.length === 1) out.repoNameHint = named[0].slice('_RepoMap_'.length, -3);
  const mapName = [repoName ? `_RepoMap_${repoName}.md` : undefined, out.repoNameHint ? named[0] : undefined, '_RepoMap.md'].find(
    (n) => n && entries.includes(n),
  );
  if (mapName) {
    const text = await readText(path.join(wikiDir, mapName));
    if (text === undefined) {
      out.skipped.push({ path: `wiki:${mapName}`, reason: 'unreadable RepoMap (left untouched)' });
    } else {
      try {
        out.repoMap = { path: mapName, text, map: parseRepoMap(text) };
      } catch (e) {
        out.skipped.push({ path: `wiki:${mapName}`, reason: `RepoMap cannot be parsed (left untouched): ${(e as Error).message}` });
      }
    }
  } else {
    out.notes.push(`no RepoMap found (looked for ${repoName ? `_RepoMap_${repoName}.md and ` : ''}_RepoMap.md): coverage not updated`);
  }
  const report = await readText(path.join(wikiDir, ...PHASE0_REPORT.split('/')));
  if (report !== undefined) out.phase0 = { path: PHASE0_REPORT, ...parsePhase0Report(report) };
  else out.notes.push(`no phase 0 report found (${PHASE0_REPORT})`);
  for (const folder of PAGE_FOLDERS) {
    try {
      const names = (await fs.readdir(path.join(wikiDir, folder))).filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3));
      out.existingPages[folder] = names.sort(cmp);
    } catch {
      out.existingPages[folder] = [];
    }
  }
  return out;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
