// Confinement: every path goldpath reads, writes or renames in the wiki is a plain relative path below
// the wiki's real directory, and no component of it below that directory is a symbolic link. Checks use
// lstat (never stat), and reads open with O_NOFOLLOW, so a link planted in the wiki can neither send a
// write elsewhere nor bring an outside file in.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { GoldpathError } from '../model.js';

export type EntryKind = 'missing' | 'file' | 'dir' | 'symlink' | 'other';

/** The kind of a path, without following a final symbolic link. */
export function entryKind(abs: string): EntryKind {
  let st;
  try {
    st = lstatSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw e;
  }
  return st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
}

/** `a/b.md` → [`a`, `b.md`]; refuses absolute paths, `.`/`..`, empty components, backslashes and NULs. */
export function relParts(rel: string): string[] {
  const parts = rel.split('/');
  if (!rel || rel.includes('\0') || rel.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new GoldpathError(`refusing the wiki path "${rel}": not a plain relative path`);
  }
  return parts;
}

/** The real directory of the wiki (symbolic links in the path the user gave are theirs to make). */
export function realWikiDir(wikiDir: string): string | undefined {
  try {
    return realpathSync(wikiDir);
  } catch {
    return undefined;
  }
}

export interface Inspection {
  /** What is at the path (`missing` also when a parent folder is missing). */
  kind: EntryKind;
  /** Why goldpath will not use the path, naming the component at fault. */
  problem?: string;
}

/**
 * What is at `rel` below the real wiki directory `root`: every existing parent component must be a real
 * folder (not a symbolic link), and the path itself must be missing or a regular file.
 */
export function inspect(root: string, rel: string): Inspection {
  const parts = relParts(rel);
  for (let i = 0; i < parts.length; i++) {
    const sub = parts.slice(0, i + 1).join('/');
    const kind = entryKind(path.join(root, ...parts.slice(0, i + 1)));
    if (kind === 'missing') return { kind };
    if (kind === 'symlink') return { kind, problem: `${sub} is a symbolic link (goldpath follows no link in the wiki)` };
    if (i < parts.length - 1 && kind !== 'dir') return { kind, problem: `${sub} is not a folder` };
    if (i === parts.length - 1 && kind !== 'file') return { kind, problem: `${sub} is ${kind === 'dir' ? 'a folder' : 'not a regular file'}, not a page` };
  }
  return { kind: 'file' };
}

/** Throws a GoldpathError (the CLI exits 2) when goldpath may not write `rel` in the wiki. */
export function assertWritable(root: string, rel: string): void {
  const { problem } = inspect(root, rel);
  if (problem) throw new GoldpathError(`refusing to write ${rel} in the wiki ${root}: ${problem}; nothing was written`);
}

export type ConfinedRead = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a wiki file without following a symbolic link anywhere below the wiki directory; undefined when
 * it does not exist.
 */
export function readConfined(root: string, rel: string): ConfinedRead | undefined {
  const { kind, problem } = inspect(root, rel);
  if (kind === 'missing') return undefined;
  if (problem) return { ok: false, reason: problem };
  let fd: number;
  try {
    fd = openSync(path.join(root, ...relParts(rel)), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    return { ok: false, reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  try {
    if (!fstatSync(fd).isFile()) return { ok: false, reason: `${rel} is not a regular file` };
    return { ok: true, text: readFileSync(fd, 'utf8') };
  } catch (e) {
    return { ok: false, reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  } finally {
    closeSync(fd);
  }
}

/** The names in a wiki folder (`.`: the wiki itself), or undefined when it is missing; a linked folder is not listed. */
export function listConfined(root: string, rel: string): { names: string[] } | { problem: string } | undefined {
  const parts = rel === '.' ? [] : relParts(rel);
  for (let i = 0; i < parts.length; i++) {
    const sub = parts.slice(0, i + 1).join('/');
    const kind = entryKind(path.join(root, ...parts.slice(0, i + 1)));
    if (kind === 'missing') return undefined;
    if (kind === 'symlink') return { problem: `${sub} is a symbolic link (goldpath follows no link in the wiki)` };
    if (kind !== 'dir') return { problem: `${sub} is not a folder` };
  }
  try {
    return { names: readdirNames(path.join(root, ...parts)) };
  } catch (e) {
    return { problem: `unreadable folder: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

function readdirNames(dir: string): string[] {
  return readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
