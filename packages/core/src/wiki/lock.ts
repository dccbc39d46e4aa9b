// The wiki lock: one goldpath run writes a wiki at a time. The lock is a file in the wiki created
// exclusively (`wx`, which never follows a planted link) holding the owner's pid and host. A second run
// waits a bounded time, then gives up with a clear message. A lock whose process is dead (a run killed
// with SIGKILL, a crash) is stale and is broken, under a short-lived breaker file so that two runs never
// both break it. The lock is released on every exit path: return, throw, `process.exit`, and SIGINT,
// SIGTERM or SIGHUP (after which the signal's default action is restored and the signal raised again).
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GoldpathError } from '../model.js';
import { entryKind } from './confine.js';

export const LOCK_FILE = '.goldpath.lock';
const BREAKER_SUFFIX = '.break';
const POLL_MS = 100;
/** How long a lock may stay empty or unreadable (being written) before it counts as stale. */
const UNREADABLE_GRACE_MS = 2000;
/** Default bound on waiting for another run; `GOLDPATH_LOCK_WAIT_MS` or the option overrides it. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;

export interface WikiLock {
  path: string;
  release(): void;
}

const held = new Set<string>();
let handlersInstalled = false;

function releaseAll(): void {
  for (const p of [...held]) releaseFile(p);
}

function releaseFile(p: string): void {
  if (!held.has(p)) return;
  held.delete(p);
  try {
    // Only our own lock: its content names this process.
    if (parseLock(readFileSync(p, 'utf8'))?.pid === process.pid) unlinkSync(p);
  } catch {
    /* already gone */
  }
}

function onSignal(signal: NodeJS.Signals): void {
  releaseAll();
  // When goldpath's listener is the only one, restore the default action and raise the signal again.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Kept installed: a signal that arrives during synchronous work is only delivered to listeners
  // present when the event loop next runs.
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
  process.on('exit', releaseAll);
}

function parseLock(text: string): { pid: number; host: string } | undefined {
  const m = /^(\d+)\n([^\n]*)\n$/.exec(text);
  return m ? { pid: Number(m[1]), host: m[2] } : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new GoldpathError(`cannot create the lock ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    writeSync(fd, `${process.pid}\n${os.hostname()}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Removes `file` when it still holds `observed`, under the breaker file; true when it was removed. */
function breakStale(file: string, observed: string): boolean {
  const breaker = file + BREAKER_SUFFIX;
  if (!tryCreate(breaker)) {
    // A breaker left by a process that died while breaking: remove it, the next poll retries.
    const b = parseLock(readLock(breaker) ?? '');
    if (b && b.host === os.hostname() && !alive(b.pid)) {
      try {
        unlinkSync(breaker);
      } catch {
        /* someone else did */
      }
    }
    return false;
  }
  try {
    if (readLock(file) !== observed) return false;
    unlinkSync(file);
    return true;
  } catch {
    return false;
  } finally {
    try {
      unlinkSync(breaker);
    } catch {
      /* gone */
    }
  }
}

function lockWait(option: number | undefined): number {
  if (option !== undefined) return option;
  const env = Number(process.env.GOLDPATH_LOCK_WAIT_MS);
  return process.env.GOLDPATH_LOCK_WAIT_MS && Number.isFinite(env) && env >= 0 ? env : DEFAULT_LOCK_WAIT_MS;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the lock of the wiki whose real directory is `root`, waiting at most `waitMs` for another
 * run; throws a GoldpathError naming the holder when it cannot.
 */
export async function acquireLock(root: string, waitMs?: number): Promise<WikiLock> {
  const file = path.join(root, LOCK_FILE);
  const limit = lockWait(waitMs);
  installHandlers();
  let waited = 0;
  let unreadableSince: number | undefined;
  for (;;) {
    const kind = entryKind(file);
    if (kind !== 'missing' && kind !== 'file') {
      throw new GoldpathError(`refusing the lock ${file}: it is ${kind === 'symlink' ? 'a symbolic link' : 'not a regular file'}; remove it`);
    }
    if (tryCreate(file)) {
      held.add(file);
      return { path: file, release: () => releaseFile(file) };
    }
    const text = readLock(file);
    const owner = text !== undefined ? parseLock(text) : undefined;
    if (text !== undefined && owner === undefined) {
      unreadableSince ??= waited;
      if (waited - unreadableSince >= UNREADABLE_GRACE_MS && breakStale(file, text)) continue;
    } else unreadableSince = undefined;
    if (owner && owner.host === os.hostname() && (owner.pid === process.pid ? held.has(file) === false : !alive(owner.pid))) {
      if (text !== undefined && breakStale(file, text)) continue;
    }
    if (waited >= limit) {
      throw new GoldpathError(
        `another goldpath run holds ${file}${owner ? ` (pid ${owner.pid}${owner.host !== os.hostname() ? ` on ${owner.host}` : ''})` : ''}; ` +
          'try again when it has finished, or remove the file if no goldpath run is going on',
      );
    }
    await sleep(POLL_MS);
    waited += POLL_MS;
  }
}
