// The files git tracks, read from `.git/index` itself: the file alone is read, no program is started and
// no configuration is looked at. A .gitignore pattern keeps untracked files out of git, not the files it
// tracks: zod's `packages/zod/.gitignore` says `**/package.json` (for its build output), while
// `packages/zod/package.json` is committed, and without it the package `zod` was no package of the repository.
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Index versions whose entries this reader knows (git writes 2 by default, 3 with extended flags, 4 compressed). */
const VERSIONS = new Set([2, 3, 4]);
/** Bytes of an entry before its flags: ctime, mtime, dev, ino, mode, uid, gid, size, object id. */
const FLAGS_AT = 60;

/**
 * The paths `.git/index` lists, or undefined when there is no readable index of a version this reader
 * knows (no `.git` folder, a `.git` file of a worktree or submodule, which points outside the repository,
 * a damaged index): then .gitignore rules alone decide, as before.
 */
export function trackedFiles(root: string): Set<string> | undefined {
  try {
    // (Neither may be a link: a link could lead out of the repository.)
    if (!lstatSync(path.join(root, '.git')).isDirectory() || !lstatSync(path.join(root, '.git', 'index')).isFile()) return undefined;
    return parseIndex(readFileSync(path.join(root, '.git', 'index')));
  } catch {
    return undefined;
  }
}

/** The entries' paths of an index file's bytes (exported for tests). */
export function parseIndex(buf: Buffer): Set<string> | undefined {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = buf.readUInt32BE(4);
  if (!VERSIONS.has(version)) return undefined;
  const count = buf.readUInt32BE(8);
  const out = new Set<string>();
  let at = 12;
  let previous = '';
  for (let i = 0; i < count; i++) {
    if (at + FLAGS_AT + 2 > buf.length) return undefined;
    const flags = buf.readUInt16BE(at + FLAGS_AT);
    let p = at + FLAGS_AT + 2 + (version >= 3 && flags & 0x4000 ? 2 : 0);
    let name: string;
    if (version === 4) {
      // The path is the previous one less N bytes, then the bytes up to a NUL (N an offset varint).
      let byte = buf[p++];
      let strip = byte & 0x7f;
      while (byte & 0x80 && p < buf.length) {
        byte = buf[p++];
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const end = buf.indexOf(0, p);
      if (end < 0 || strip > previous.length) return undefined;
      name = previous.slice(0, previous.length - strip) + buf.toString('utf8', p, end);
      at = end + 1;
    } else {
      const end = buf.indexOf(0, p);
      if (end < 0) return undefined;
      name = buf.toString('utf8', p, end);
      // NULs pad the entry to a multiple of eight bytes (one at least).
      at += (end - at + 8) & ~7;
    }
    out.add(name);
    previous = name;
  }
  return out;
}

/** Every folder that holds a tracked file (`a/b/c.txt` → `a`, `a/b`). */
export function trackedFolders(tracked: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const p of tracked) {
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) out.add(p.slice(0, i));
  }
  return out;
}
