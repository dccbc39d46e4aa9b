// The last two stages: the RepoMap coverage edit, and the write: goldpath's own paths only, confined to
// the real wiki directory (confine.ts), all or nothing (transaction.ts), one run at a time (lock.ts).
import { accessSync, constants, mkdirSync } from 'node:fs';
import type { GoldpathModel, RenderedFile } from '../model.js';
import { GoldpathError } from '../model.js';
import { assertWritable, readConfined, realWikiDir } from './confine.js';
import { acquireLock } from './lock.js';
import { filesMissingFromMap, parseRepoMap, RepoMapError, updateCoverage } from './repomap.js';
import { recoverWiki, swapFiles } from './transaction.js';

/** Workflow names covering each file, for the Coverage column. */
export function coverageByFile(model: GoldpathModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const w of model.workflows) {
    for (const f of w.coveredFiles) out.set(f, [...(out.get(f) ?? []), w.pageName]);
  }
  return out;
}

/**
 * The RepoMap with its Coverage cells updated, and the covered files it has no row for; read without
 * following a symbolic link (a linked RepoMap is refused). Undefined when there is no RepoMap or it
 * cannot be parsed now (left untouched).
 */
export function renderRepoMapAt(model: GoldpathModel, root: string | undefined): { file: RenderedFile; missing: string[] } | undefined {
  const rel = model.wikiInputs.repoMap;
  if (!rel || !root) return undefined;
  const read = readConfined(root, rel);
  if (!read) return undefined;
  if (!read.ok) throw new GoldpathError(`refusing the RepoMap ${rel} in the wiki ${root}: ${read.reason}`);
  const covered = coverageByFile(model);
  try {
    const map = parseRepoMap(read.text);
    // Other repositories' workflow entries in a shared map are not ours to drop.
    const next = updateCoverage(read.text, map, covered, { ownsWorkflow: (n) => n.startsWith(`${model.repoName}_`) });
    return { file: { path: rel, content: next }, missing: filesMissingFromMap(map, covered) };
  } catch (e) {
    if (e instanceof RepoMapError) return undefined;
    throw e;
  }
}

/** The RepoMap with its Coverage cells updated (see renderRepoMapAt). */
export async function renderRepoMap(model: GoldpathModel, wikiDir: string): Promise<{ file: RenderedFile; missing: string[] } | undefined> {
  return renderRepoMapAt(model, realWikiDir(wikiDir));
}

/** Whether goldpath may write this wiki-relative path for this repository. */
export function isAllowedPath(rel: string, model: GoldpathModel): boolean {
  if (rel === '_WorkflowIndex.md' || rel === '_reports/phase1_anchoring.md') return true;
  if (rel === model.wikiInputs.repoMap) return true;
  const m = /^workflows\/([^/]+)\.md$/.exec(rel);
  return !!m && m[1].startsWith(`${model.repoName}_`);
}

function assertAllowed(files: RenderedFile[], model: GoldpathModel): void {
  for (const f of files) {
    if (!isAllowedPath(f.path, model) || f.path.split('/').some((p) => p === '..' || p === '.' || p === '')) {
      throw new GoldpathError(`refusing to write ${f.path}: not a path goldpath owns`);
    }
  }
}

/**
 * Throws a GoldpathError when any of `files` could not be written into the wiki as it is now (a linked
 * folder or page, a folder where a page goes). Writes nothing; a missing wiki passes.
 */
export function checkWikiPaths(wikiDir: string, files: RenderedFile[], model: GoldpathModel): void {
  assertAllowed(files, model);
  const root = realWikiDir(wikiDir);
  if (root) for (const f of files) assertWritable(root, f.path);
}

export interface WriteOptions {
  /** How long to wait for another goldpath run holding the wiki's lock (default 30 s, or `GOLDPATH_LOCK_WAIT_MS`). */
  lockWaitMs?: number;
  /** Called with a line when an interrupted earlier run was finished or rolled back. */
  onRecover?: (note: string) => void;
}

/**
 * Writes the files into the wiki directory, all or nothing, under the wiki's lock. First finishes or
 * rolls back a swap an interrupted run left, then re-applies the Coverage edit to the RepoMap as it is
 * now (another run may have edited it meanwhile). Refuses any path outside goldpath's own, and any
 * symbolic link or misplaced folder below the wiki directory.
 */
export async function writeWiki(wikiDir: string, files: RenderedFile[], model: GoldpathModel, options: WriteOptions = {}): Promise<string[]> {
  assertAllowed(files, model);
  try {
    mkdirSync(wikiDir, { recursive: true });
  } catch (e) {
    throw new GoldpathError(`cannot create the wiki directory ${wikiDir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const root = realWikiDir(wikiDir);
  if (!root) throw new GoldpathError(`the wiki directory ${wikiDir} cannot be resolved`);
  try {
    accessSync(root, constants.W_OK);
  } catch {
    throw new GoldpathError(`--wiki path ${wikiDir} is not writable; nothing was written`);
  }
  const lock = await acquireLock(root, options.lockWaitMs);
  try {
    const note = recoverWiki(root);
    if (note) options.onRecover?.(note);
    const out: RenderedFile[] = [];
    for (const f of files) {
      if (f.path !== model.wikiInputs.repoMap) out.push(f);
      else {
        const map = renderRepoMapAt(model, root);
        if (map) out.push(map.file);
      }
    }
    // Stale pages goldpath wrote (`--prune`) go in the same all-or-nothing swap.
    const pruned = (model.prunedPages ?? []).map((p) => `workflows/${p}.md`).filter((p) => isAllowedPath(p, model) && !out.some((f) => f.path === p));
    swapFiles(root, [...out, ...pruned.map((p) => ({ path: p, content: undefined }))]);
    return out.map((f) => f.path);
  } finally {
    lock.release();
  }
}
