// The last two stages: the RepoMap coverage edit, and atomic writes limited to goldpath's own paths.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { GoldpathModel, RenderedFile } from '../model.js';
import { GoldpathError } from '../model.js';
import { filesMissingFromMap, parseRepoMap, updateCoverage } from './repomap.js';

/** Workflow names covering each file, for the Coverage column. */
export function coverageByFile(model: GoldpathModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const w of model.workflows) {
    for (const f of w.coveredFiles) out.set(f, [...(out.get(f) ?? []), w.pageName]);
  }
  return out;
}

/** The RepoMap with its Coverage cells updated, and the covered files it has no row for. */
export async function renderRepoMap(model: GoldpathModel, wikiDir: string): Promise<{ file: RenderedFile; missing: string[] } | undefined> {
  const rel = model.wikiInputs.repoMap;
  if (!rel) return undefined;
  const text = await fs.readFile(path.join(wikiDir, rel), 'utf8');
  const map = parseRepoMap(text);
  const covered = coverageByFile(model);
  // Other repositories' workflow entries in a shared map are not ours to drop.
  const next = updateCoverage(text, map, covered, { ownsWorkflow: (n) => n.startsWith(`${model.repoName}_`) });
  return { file: { path: rel, content: next }, missing: filesMissingFromMap(map, covered) };
}

/** Whether goldpath may write this wiki-relative path for this repository. */
export function isAllowedPath(rel: string, model: GoldpathModel): boolean {
  if (rel === '_WorkflowIndex.md' || rel === '_reports/phase1_anchoring.md') return true;
  if (rel === model.wikiInputs.repoMap) return true;
  const m = /^workflows\/([^/]+)\.md$/.exec(rel);
  return !!m && m[1].startsWith(`${model.repoName}_`);
}

/**
 * Writes every file atomically: all temporary files first, then the renames, so a failure leaves the wiki
 * as it was. Refuses any path outside goldpath's own.
 */
export async function writeWiki(wikiDir: string, files: RenderedFile[], model: GoldpathModel): Promise<string[]> {
  for (const f of files) {
    if (!isAllowedPath(f.path, model) || f.path.split('/').includes('..')) {
      throw new GoldpathError(`refusing to write ${f.path}: not a path goldpath owns`);
    }
  }
  const temps: { tmp: string; dest: string }[] = [];
  try {
    for (const f of files) {
      const dest = path.join(wikiDir, ...f.path.split('/'));
      await fs.mkdir(path.dirname(dest), { recursive: true });
      const tmp = `${dest}.goldpath-${process.pid}.tmp`;
      await fs.writeFile(tmp, f.content, 'utf8');
      temps.push({ tmp, dest });
    }
  } catch (e) {
    await Promise.all(temps.map((t) => fs.rm(t.tmp, { force: true })));
    throw new GoldpathError(`cannot write the wiki in ${wikiDir}: ${(e as Error).message}`);
  }
  for (const t of temps) await fs.rename(t.tmp, t.dest);
  return files.map((f) => f.path);
}
