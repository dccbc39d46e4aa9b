// All-or-nothing writes. Every new file is first written, exclusively (`wx`) and under a random name,
// into a staging folder inside the wiki. A journal then lists the swap, and each target is swapped by
// two renames (the old file into the staging folder, the new one into place). Once every rename is done
// the journal is marked committed and the staging folder removed. A run that dies at any moment leaves
// a journal that the next run reads first: a committed swap is finished (the staging folder removed),
// any other is rolled back from the saved old files, so the wiki is either as before or as after.
// The whole swap is synchronous, so a catchable signal is handled after it, never in the middle.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { GoldpathError } from '../model.js';
import { assertWritable, entryKind, inspect, relParts } from './confine.js';

export const STAGING_DIR = '.goldpath-staging';
const JOURNAL = 'journal.json';
const JOURNAL_TMP = 'journal.tmp';

interface JournalEntry {
  /** Wiki-relative target. */
  path: string;
  /** Name of the new content in the staging folder. */
  staged: string;
  /** Name the old file takes in the staging folder while the swap is going on. */
  backup: string;
  /** Whether the target existed when the swap started. */
  existed: boolean;
  /** The target is removed (a pruned page): it only moves to its backup name, nothing replaces it. */
  remove?: boolean;
}

interface Journal {
  version: 1;
  state: 'swapping' | 'committed';
  entries: JournalEntry[];
  /** Folders created for the swap (parents first), removed again on a roll back when empty. */
  createdDirs: string[];
}

/**
 * Test-only fault injection, counted over the swap's steps (each rename, then the final clean-up):
 * `GOLDPATH_TEST_KILL_AT_RENAME=N` kills the process with SIGKILL before step N, and
 * `GOLDPATH_TEST_FAIL_AT_RENAME=N` makes step N fail as an I/O error would. Unset, they cost nothing.
 */
let stepCount = 0;
function faultPoint(what: string, canFail = true): void {
  stepCount++;
  const kill = process.env.GOLDPATH_TEST_KILL_AT_RENAME;
  if (kill && Number(kill) === stepCount) process.kill(process.pid, 'SIGKILL');
  const fail = process.env.GOLDPATH_TEST_FAIL_AT_RENAME;
  if (canFail && fail && Number(fail) === stepCount) throw Object.assign(new Error(`EIO: i/o error, ${what}`), { code: 'EIO' });
}

function rename(from: string, to: string): void {
  faultPoint(`rename '${from}' -> '${to}'`);
  renameSync(from, to);
}

const randomName = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;

function abs(root: string, rel: string): string {
  return path.join(root, ...relParts(rel));
}

/** Writes `content` to a new file, exclusively, and flushes it. */
function writeExclusive(file: string, content: string | Buffer): void {
  const fd = openSync(file, 'wx', 0o666);
  try {
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeJournal(staging: string, journal: Journal): void {
  const tmp = path.join(staging, JOURNAL_TMP);
  try {
    unlinkSync(tmp);
  } catch {
    /* none */
  }
  writeExclusive(tmp, `${JSON.stringify(journal)}\n`);
  rename(tmp, path.join(staging, JOURNAL));
}

function readJournal(staging: string): Journal | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(staging, JOURNAL), 'utf8');
  } catch {
    return undefined;
  }
  const j = JSON.parse(text) as Journal;
  if (j.version !== 1 || !Array.isArray(j.entries) || !Array.isArray(j.createdDirs)) throw new Error('unknown journal format');
  for (const e of j.entries) {
    relParts(e.path);
    if (!/^(new|old)-[0-9a-f]{24}$/.test(e.staged) || !/^(new|old)-[0-9a-f]{24}$/.test(e.backup)) throw new Error('bad journal entry');
  }
  for (const d of j.createdDirs) relParts(d);
  return j;
}

/** The staging folder, refusing anything but a real folder at its name. */
function stagingKind(root: string): 'missing' | 'dir' {
  const kind = entryKind(path.join(root, STAGING_DIR));
  if (kind === 'missing' || kind === 'dir') return kind;
  throw new GoldpathError(`refusing ${path.join(root, STAGING_DIR)}: it is not a folder goldpath made; remove it`);
}

/**
 * Finishes or rolls back a swap that a previous run left (it died, or could not roll back), and removes
 * its staging folder. Returns what was done, or undefined when there was nothing to do.
 */
export function recoverWiki(root: string): string | undefined {
  if (stagingKind(root) === 'missing') return undefined;
  const staging = path.join(root, STAGING_DIR);
  let journal: Journal | undefined;
  try {
    journal = readJournal(staging);
  } catch (e) {
    throw new GoldpathError(`cannot read ${path.join(staging, JOURNAL)} left by an interrupted run (${(e as Error).message}); restore the wiki by hand and remove ${staging}`);
  }
  let note: string;
  if (!journal) note = 'removed the temporary files of an interrupted run (it had not started replacing files)';
  else if (journal.state === 'committed') note = 'finished the swap of an interrupted run (all its files were in place)';
  else {
    rollBack(root, staging, journal);
    note = 'rolled back an interrupted run: the wiki is as it was before that run';
  }
  rmSync(staging, { recursive: true, force: true });
  return note;
}

function rollBack(root: string, staging: string, journal: Journal): void {
  for (const e of [...journal.entries].reverse()) {
    // A journal is data found in the wiki: an entry whose path crosses a link (or is not a file) is left.
    if (inspect(root, e.path).problem) continue;
    const dest = abs(root, e.path);
    const staged = path.join(staging, e.staged);
    const backup = path.join(staging, e.backup);
    // The new file went into place when it is no longer in the staging folder.
    if (!e.remove && entryKind(staged) === 'missing' && entryKind(dest) === 'file') {
      if (e.existed) renameSync(dest, staged);
      else unlinkSync(dest);
    }
    if (e.existed && entryKind(backup) === 'file' && entryKind(dest) === 'missing') renameSync(backup, dest);
  }
  for (const d of [...journal.createdDirs].reverse()) {
    // Only a real folder (inspect names the first component that is not one).
    if (inspect(root, d).kind !== 'dir') continue;
    try {
      rmdirSync(abs(root, d));
    } catch {
      /* not empty or already gone */
    }
  }
}

export interface SwapFile {
  path: string;
  /** The new content; `undefined` removes the file (a pruned page). */
  content: string | undefined;
}

/**
 * Replaces the wiki files all at once (see the top of this file). On any failure the wiki is restored
 * and a GoldpathError says what failed; no temporary file is left behind.
 */
export function swapFiles(root: string, files: SwapFile[]): void {
  for (const f of files) assertWritable(root, f.path);
  if (stagingKind(root) !== 'missing') throw new GoldpathError(`${path.join(root, STAGING_DIR)} exists: another run's swap was not recovered`);
  const staging = path.join(root, STAGING_DIR);
  try {
    mkdirSync(staging, { mode: 0o755 });
  } catch (e) {
    throw new GoldpathError(`cannot write the wiki in ${root}: ${describe(e)}; nothing was written`);
  }
  const entries: JournalEntry[] = [];
  let current = '';
  try {
    for (const f of files) {
      current = f.path;
      const existed = entryKind(abs(root, f.path)) === 'file';
      if (f.content === undefined) {
        if (existed) entries.push({ path: f.path, staged: '', backup: randomName('old'), existed, remove: true });
        continue;
      }
      const staged = randomName('new');
      writeExclusive(path.join(staging, staged), f.content);
      entries.push({ path: f.path, staged, backup: randomName('old'), existed });
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw new GoldpathError(`cannot write ${current} in the wiki ${root}: ${describe(e)}; nothing was written`);
  }

  const createdDirs: string[] = [];
  for (const f of files) {
    if (f.content === undefined) continue;
    const parts = relParts(f.path);
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!createdDirs.includes(d) && entryKind(abs(root, d)) === 'missing') createdDirs.push(d);
    }
  }
  const journal: Journal = { version: 1, state: 'swapping', entries, createdDirs };
  current = '';
  try {
    writeJournal(staging, journal);
    for (const d of createdDirs) {
      current = d;
      mkdirSync(abs(root, d));
    }
    for (const e of entries) {
      current = e.path;
      const dest = abs(root, e.path);
      if (e.existed) rename(dest, path.join(staging, e.backup));
      if (!e.remove) rename(path.join(staging, e.staged), dest);
    }
    current = '';
    writeJournal(staging, { ...journal, state: 'committed' });
  } catch (e) {
    let restored = true;
    try {
      const j = readJournal(staging);
      if (j) rollBack(root, staging, j);
      else rollBack(root, staging, journal);
      rmSync(staging, { recursive: true, force: true });
    } catch {
      restored = false;
    }
    throw new GoldpathError(
      `cannot replace ${current || 'the wiki files'} in ${root}: ${describe(e)}; ` +
        (restored ? 'the wiki was restored as it was' : `the wiki could not be restored now: the next goldpath run restores it from ${staging}`),
    );
  }
  // Every file is in place: a death from here on is finished by the next run.
  faultPoint('clean-up', false);
  rmSync(staging, { recursive: true, force: true });
}

/** `EFBIG: file too large`: the error without the temporary paths it names. */
function describe(e: unknown): string {
  if (e instanceof GoldpathError) return e.message;
  const err = e as NodeJS.ErrnoException;
  return String(err.message ?? e).split(/[,\n]/)[0];
}
