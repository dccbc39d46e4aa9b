// Git metadata (the `origin` remote URL and the committer time of HEAD) read from the `.git` files
// directly. goldpath starts no program that reads the repository's configuration: `git` would honour
// the repository's own `.git/config` (gpg.program, core.fsmonitor, core.pager, diff.external,
// core.sshCommand, hooks...), which lets a hostile repository run a program of its choosing. So nothing
// here runs a process: HEAD, refs and packed-refs are text files, objects are zlib streams, loose or in
// a pack (`.idx` version 2 + the pack entry, deltas applied). Anything unexpected gives no answer rather
// than a guess.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

export interface GitMetadata {
  /** `url` of `[remote "origin"]` in the repository's git config. */
  remote?: string;
  /** Committer time of the commit HEAD points to. */
  headTime?: Date;
}

/** Git files goldpath reads are small; anything bigger is not what it looks for. */
const MAX_TEXT_BYTES = 1024 * 1024;
/** A commit object (or any object in a delta chain leading to one) larger than this is not read. */
const MAX_OBJECT_BYTES = 16 * 1024 * 1024;
/** Symbolic refs followed at most this many times; delta chains at most this long. */
const MAX_REF_HOPS = 5;
const MAX_DELTA_CHAIN = 64;

/**
 * Git metadata of a repository whose root holds `.git` (a folder, or a file `gitdir: <path>` as in
 * linked worktrees and submodules). Never throws; never starts a process.
 */
export function readGitMetadata(root: string): GitMetadata {
  const dirs = gitDirs(root);
  if (!dirs) return {};
  const out: GitMetadata = {};
  const config = readText(path.join(dirs.common, 'config'));
  const remote = config !== undefined ? originUrl(config) : undefined;
  if (remote) out.remote = remote;
  try {
    const hashBytes = config !== undefined && /^sha256$/i.test(configValue(config, 'extensions', undefined, 'objectformat') ?? '') ? 32 : 20;
    const head = resolveHead(dirs, hashBytes);
    const commit = head ? readObject(path.join(dirs.common, 'objects'), head, hashBytes) : undefined;
    const time = commit && commit.type === 'commit' ? committerTime(commit.data) : undefined;
    if (time !== undefined) out.headTime = new Date(time * 1000);
  } catch {
    /* a damaged or unusual repository: no HEAD time */
  }
  return out;
}

/** The git directory (HEAD, per-worktree refs) and the common directory (objects, shared refs, config). */
export interface GitDirs {
  git: string;
  common: string;
}

/** `.git` as a folder, or as a file pointing to one; undefined when it is neither or looks wrong. */
export function gitDirs(root: string): GitDirs | undefined {
  const dotGit = path.join(root, '.git');
  let st;
  try {
    st = statSync(dotGit);
  } catch {
    return undefined;
  }
  let git: string;
  if (st.isDirectory()) git = dotGit;
  else if (st.isFile() && st.size <= 4096) {
    const m = /^gitdir: *([^\r\n]+?) *\r?\n?$/.exec(readText(dotGit) ?? '');
    if (!m || m[1].includes('\0')) return undefined;
    git = path.resolve(root, m[1]);
  } else return undefined;
  if (!isGitDir(git)) return undefined;
  let common = git;
  const commonDir = readText(path.join(git, 'commondir'));
  if (commonDir !== undefined) {
    const rel = commonDir.trim();
    if (!rel || rel.includes('\0')) return undefined;
    common = path.resolve(git, rel);
    if (!isDir(path.join(common, 'objects'))) return undefined;
  }
  return { git, common };
}

function isGitDir(dir: string): boolean {
  return isDir(dir) && isFile(path.join(dir, 'HEAD'));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function readText(file: string): string | undefined {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_TEXT_BYTES) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Config

/**
 * The value of `key` in `[section "sub"]` (last one wins, as git does); names compared as git does
 * (section and key case-insensitive, subsection exact). Only plain `key = value` lines are understood;
 * `include` directives are not followed.
 */
export function configValue(config: string, section: string, subsection: string | undefined, key: string): string | undefined {
  let inSection = false;
  let value: string | undefined;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(.*)$/.exec(line);
    if (head) {
      const name = head[1].toLowerCase();
      const sub = head[2]?.replace(/\\(.)/g, '$1');
      // `[remote.origin]` is the old spelling of `[remote "origin"]`.
      const dot = name.indexOf('.');
      const [sec, subsec] = sub === undefined && dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, sub];
      inSection = sec === section.toLowerCase() && subsec === subsection;
      if (!head[3] || head[3].startsWith('#') || head[3].startsWith(';')) continue;
      // A key may follow the header on the same line.
      const kv = parseKeyValue(head[3]);
      if (inSection && kv && kv.key === key.toLowerCase()) value = kv.value;
      continue;
    }
    if (!inSection) continue;
    const kv = parseKeyValue(line);
    if (kv && kv.key === key.toLowerCase()) value = kv.value;
  }
  return value;
}

function parseKeyValue(line: string): { key: string; value: string } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
  if (!m) return undefined;
  let raw = m[2] ?? 'true';
  // Strip a trailing comment outside quotes, then the quotes and escapes.
  let value = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[++i];
      value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || c === ';')) break;
    else value += c;
  }
  raw = value.trim();
  return { key: m[1].toLowerCase(), value: raw };
}

/** `url` of `[remote "origin"]`, or undefined. */
export function originUrl(config: string): string | undefined {
  const url = configValue(config, 'remote', 'origin', 'url');
  return url && !/[\s\0]/.test(url) ? url : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Refs

const REF_NAME = /^refs\/(?:[A-Za-z0-9_+@-][A-Za-z0-9._+@-]*\/)*[A-Za-z0-9_+@-][A-Za-z0-9._+@-]*$/;

/** The object id HEAD points to (hex), following symbolic refs through loose refs and packed-refs. */
export function resolveHead(dirs: GitDirs, hashBytes = 20): string | undefined {
  const hex = new RegExp(`^[0-9a-f]{${hashBytes * 2}}$`);
  let content = readText(path.join(dirs.git, 'HEAD'))?.trim();
  for (let hop = 0; hop <= MAX_REF_HOPS && content !== undefined; hop++) {
    if (hex.test(content)) return content;
    const m = /^ref: *(\S+)$/.exec(content);
    if (!m || !REF_NAME.test(m[1]) || m[1].split('/').some((c) => c === '..' || c.endsWith('.lock'))) return undefined;
    content = readRef(dirs, m[1], hex);
  }
  return undefined;
}

function readRef(dirs: GitDirs, ref: string, hex: RegExp): string | undefined {
  // Per-worktree refs live in the worktree's git directory, shared ones in the common directory.
  const perWorktree = /^refs\/(?:bisect|worktree|rewritten)\//.test(ref);
  for (const dir of perWorktree ? [dirs.git] : dirs.git === dirs.common ? [dirs.common] : [dirs.git, dirs.common]) {
    const loose = readText(path.join(dir, ...ref.split('/')));
    if (loose !== undefined) return loose.trim();
  }
  const packed = readText(path.join(dirs.common, 'packed-refs'));
  if (packed === undefined) return undefined;
  for (const line of packed.split(/\r?\n/)) {
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const sp = line.indexOf(' ');
    if (sp > 0 && line.slice(sp + 1) === ref && hex.test(line.slice(0, sp))) return line.slice(0, sp);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Objects

export interface GitObject {
  type: 'commit' | 'tree' | 'blob' | 'tag';
  data: Buffer;
}

const TYPES: Record<number, GitObject['type']> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };

/** An object by its hex id from a git `objects` folder (loose, or in a pack), or undefined. */
export function readObject(objectsDir: string, id: string, hashBytes = 20): GitObject | undefined {
  if (!new RegExp(`^[0-9a-f]{${hashBytes * 2}}$`).test(id)) return undefined;
  const loose = readLoose(objectsDir, id);
  if (loose) return loose;
  const packs = new PackSet(objectsDir, hashBytes);
  try {
    return packs.read(id);
  } finally {
    packs.close();
  }
}

function readLoose(objectsDir: string, id: string): GitObject | undefined {
  let raw: Buffer;
  try {
    const file = path.join(objectsDir, id.slice(0, 2), id.slice(2));
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_OBJECT_BYTES) return undefined;
    raw = readFileSync(file);
  } catch {
    return undefined;
  }
  let buf: Buffer;
  try {
    buf = inflateSync(raw, { maxOutputLength: MAX_OBJECT_BYTES + 64 });
  } catch {
    return undefined;
  }
  const nul = buf.indexOf(0);
  const m = nul > 0 ? /^(commit|tree|blob|tag) (\d+)$/.exec(buf.subarray(0, nul).toString('latin1')) : null;
  if (!m || Number(m[2]) !== buf.length - nul - 1) return undefined;
  return { type: m[1] as GitObject['type'], data: buf.subarray(nul + 1) };
}

/** The `committer Name <mail> <seconds> <tz>` header of a commit, as seconds since the epoch. */
export function committerTime(commit: Buffer): number | undefined {
  const text = commit.toString('utf8');
  const end = text.indexOf('\n\n');
  for (const line of (end >= 0 ? text.slice(0, end) : text).split('\n')) {
    const m = /^committer .*> (\d+) [+-]\d{4}$/.exec(line);
    if (m) return Number(m[1]);
  }
  return undefined;
}

interface Pack {
  idx: Buffer;
  count: number;
  fd: number;
  size: number;
}

/** The packs of an objects folder (plus its `info/alternates`, one level), opened lazily. */
class PackSet {
  private packs: Pack[] | undefined;

  constructor(
    private readonly objectsDir: string,
    private readonly hashBytes: number,
  ) {}

  private list(): Pack[] {
    if (this.packs) return this.packs;
    this.packs = [];
    const dirs = [this.objectsDir];
    const alternates = readText(path.join(this.objectsDir, 'info', 'alternates'));
    for (const line of alternates?.split(/\r?\n/) ?? []) {
      const t = line.trim();
      if (t && !t.startsWith('#') && !t.includes('\0')) dirs.push(path.resolve(this.objectsDir, t));
    }
    for (const dir of dirs) {
      let names: string[];
      try {
        names = readdirSync(path.join(dir, 'pack')).filter((n) => /^pack-[0-9a-f]+\.idx$/.test(n)).sort();
      } catch {
        continue;
      }
      for (const n of names) {
        const pack = openPack(path.join(dir, 'pack', n), this.hashBytes);
        if (pack) this.packs.push(pack);
      }
    }
    return this.packs;
  }

  close(): void {
    for (const p of this.packs ?? []) {
      try {
        closeSync(p.fd);
      } catch {
        /* already closed */
      }
    }
    this.packs = [];
  }

  read(id: string): GitObject | undefined {
    const want = Buffer.from(id, 'hex');
    for (const pack of this.list()) {
      const offset = findOffset(pack, want, this.hashBytes);
      if (offset !== undefined) return this.readAt(pack, offset);
    }
    return undefined;
  }

  /** The object at `offset` of a pack, following its delta chain iteratively. */
  private readAt(pack: Pack, offset: number): GitObject | undefined {
    const deltas: Buffer[] = [];
    let at = offset;
    let inPack = pack;
    for (let depth = 0; depth <= MAX_DELTA_CHAIN; depth++) {
      const entry = readEntry(inPack, at, this.hashBytes);
      if (!entry) return undefined;
      if (entry.kind === 'object') return applyChain({ type: entry.type, data: entry.data }, deltas);
      deltas.push(entry.delta);
      if (entry.kind === 'ofs') {
        at = entry.base;
        continue;
      }
      // REF_DELTA: the base is named by id, in this pack or another one (or loose).
      let found = false;
      for (const p of this.list()) {
        const o = findOffset(p, entry.base, this.hashBytes);
        if (o !== undefined) {
          inPack = p;
          at = o;
          found = true;
          break;
        }
      }
      if (!found) {
        const base = readLoose(this.objectsDir, entry.base.toString('hex'));
        return base ? applyChain(base, deltas) : undefined;
      }
    }
    return undefined;
  }
}

/** The base object with the deltas applied, the last one read (the nearest the base) first. */
function applyChain(base: GitObject, deltas: Buffer[]): GitObject | undefined {
  let data = base.data;
  for (let i = deltas.length - 1; i >= 0; i--) {
    const next = applyDelta(data, deltas[i]);
    if (!next) return undefined;
    data = next;
  }
  return { type: base.type, data };
}

function openPack(idxPath: string, hashBytes: number): Pack | undefined {
  let idx: Buffer;
  try {
    idx = readFileSync(idxPath);
  } catch {
    return undefined;
  }
  // Version 2: magic, version, 256 fan-out entries, ids, CRCs, 4-byte offsets, 8-byte offsets.
  if (idx.length < 8 + 256 * 4 || idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) return undefined;
  const count = idx.readUInt32BE(8 + 255 * 4);
  if (idx.length < 8 + 256 * 4 + count * (hashBytes + 8)) return undefined;
  let fd: number;
  try {
    fd = openSync(idxPath.replace(/\.idx$/, '.pack'), 'r');
  } catch {
    return undefined;
  }
  const size = fstatSync(fd).size;
  return { idx, count, fd, size };
}

function findOffset(pack: Pack, id: Buffer, hashBytes: number): number | undefined {
  const { idx, count } = pack;
  const fan = 8;
  const first = id[0];
  let lo = first === 0 ? 0 : idx.readUInt32BE(fan + (first - 1) * 4);
  let hi = idx.readUInt32BE(fan + first * 4);
  const ids = fan + 256 * 4;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = idx.compare(id, 0, hashBytes, ids + mid * hashBytes, ids + (mid + 1) * hashBytes);
    if (c === 0) {
      const offsets = ids + count * hashBytes + count * 4;
      const small = idx.readUInt32BE(offsets + mid * 4);
      if (!(small & 0x80000000)) return small;
      const large = offsets + count * 4 + (small & 0x7fffffff) * 8;
      if (large + 8 > idx.length) return undefined;
      const value = idx.readBigUInt64BE(large);
      return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
    }
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

type Entry =
  | { kind: 'object'; type: GitObject['type']; data: Buffer }
  | { kind: 'ofs'; base: number; delta: Buffer }
  | { kind: 'ref'; base: Buffer; delta: Buffer };

function readBytes(pack: Pack, offset: number, length: number): Buffer {
  const len = Math.max(0, Math.min(length, pack.size - offset));
  const buf = Buffer.alloc(len);
  let got = 0;
  while (got < len) {
    const n = readSync(pack.fd, buf, got, len - got, offset + got);
    if (n <= 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

function readEntry(pack: Pack, offset: number, hashBytes: number): Entry | undefined {
  if (offset < 12 || offset >= pack.size) return undefined;
  const head = readBytes(pack, offset, 32);
  let i = 0;
  let byte = head[i++];
  const type = (byte >> 4) & 7;
  let size = byte & 15;
  let shift = 4;
  while (byte & 0x80) {
    if (i >= head.length || shift > 35) return undefined;
    byte = head[i++];
    size += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  }
  if (size > MAX_OBJECT_BYTES) return undefined;
  let base: number | Buffer | undefined;
  if (type === 6) {
    // Offset delta: big-endian base-128 with an added 1 per continuation byte.
    if (i >= head.length) return undefined;
    byte = head[i++];
    let rel = byte & 0x7f;
    while (byte & 0x80) {
      if (i >= head.length || rel > 2 ** 45) return undefined;
      byte = head[i++];
      rel = (rel + 1) * 128 + (byte & 0x7f);
    }
    base = offset - rel;
    if (base < 12 || base >= offset) return undefined;
  } else if (type === 7) {
    const ref = readBytes(pack, offset + i, hashBytes);
    if (ref.length !== hashBytes) return undefined;
    base = ref;
    i += hashBytes;
  } else if (!TYPES[type]) return undefined;
  const data = inflateAt(pack, offset + i, size);
  if (!data) return undefined;
  if (type === 6) return { kind: 'ofs', base: base as number, delta: data };
  if (type === 7) return { kind: 'ref', base: base as Buffer, delta: data };
  return { kind: 'object', type: TYPES[type], data };
}

/** Inflates the zlib stream at `offset` whose output is `size` bytes, reading only as much as needed. */
function inflateAt(pack: Pack, offset: number, size: number): Buffer | undefined {
  for (let chunk = Math.max(4096, size + 1024); ; chunk *= 4) {
    const input = readBytes(pack, offset, chunk);
    try {
      const out = inflateSync(input, { maxOutputLength: size + 1 });
      return out.length === size ? out : undefined;
    } catch (e) {
      // A truncated read ends the stream early: read more, up to the end of the pack.
      if (input.length < chunk || !/unexpected end/i.test((e as Error).message)) return undefined;
    }
  }
}

function readVarint(buf: Buffer, at: { i: number }): number | undefined {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at.i >= buf.length || shift > 49) return undefined;
    const byte = buf[at.i++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return value;
  }
}

/** Applies a git delta (copy-from-base and insert instructions) to `base`; undefined when malformed. */
export function applyDelta(base: Buffer, delta: Buffer): Buffer | undefined {
  const at = { i: 0 };
  const srcSize = readVarint(delta, at);
  const dstSize = readVarint(delta, at);
  if (srcSize !== base.length || dstSize === undefined || dstSize > MAX_OBJECT_BYTES) return undefined;
  const out = Buffer.alloc(dstSize);
  let o = 0;
  while (at.i < delta.length) {
    const op = delta[at.i++];
    if (op & 0x80) {
      let off = 0;
      let len = 0;
      for (let b = 0; b < 4; b++) if (op & (1 << b)) off += delta[at.i++] * 2 ** (8 * b);
      for (let b = 0; b < 3; b++) if (op & (1 << (4 + b))) len += delta[at.i++] * 2 ** (8 * b);
      if (len === 0) len = 0x10000;
      if (at.i > delta.length || off + len > base.length || o + len > dstSize) return undefined;
      base.copy(out, o, off, off + len);
      o += len;
    } else if (op > 0) {
      if (at.i + op > delta.length || o + op > dstSize) return undefined;
      delta.copy(out, o, at.i, at.i + op);
      at.i += op;
      o += op;
    } else return undefined;
  }
  return o === dstSize ? out : undefined;
}
