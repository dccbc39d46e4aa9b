// Python facts made ahead on worker threads (`jobs` option, `--jobs N`: N threads make facts, this one
// included). The files the run will need (the candidate sources, in the order they are analysed, then the
// modules the attachment scan reads) are handed to N - 1 workers, which take them one by one in that order
// while this thread discovers and resolves. A file this thread needs and no worker has started is taken
// back and parsed here, so nothing waits on a queue; a file a worker is parsing is waited for. Who takes
// an item is settled through one shared counter per item (Atomics), which needs no message round trip:
// this thread reads the workers' messages only when it waits. The facts are plain data, the same
// whichever thread made them: outputs are byte-identical to a single-threaded run (a test).
import { Worker } from 'node:worker_threads';
import type { PyModuleFacts } from './types.js';
import type { PageBlocks } from '../markdown/pages.js';
import type { ParserBackend } from './parser.js';
import { AUTO_JOBS } from '../../heuristics/tables.js';

/** Threads that make Python facts for `jobs` (a number, or 'auto') and the Python text the run will parse. */
export function threadsFor(jobs: number | 'auto', chars: number, cores: number): number {
  if (jobs !== 'auto') return Math.max(1, Math.floor(jobs));
  return chars >= AUTO_JOBS.minChars ? Math.max(1, Math.min(cores, AUTO_JOBS.maxThreads)) : 1;
}

export interface PoolItem {
  path: string;
  text: string;
  /** A documentation page: its code blocks are made (lang/markdown/pages.ts), not Python facts. */
  page?: boolean;
}

/** An item's owner (the shared counters): not taken, taken by a worker, taken by this thread. */
export const FREE = 0;
export const WORKER = 1;
export const MAIN = 2;

export class FactsPool {
  private readonly items: PoolItem[] = [];
  private readonly byPath = new Map<string, number[]>();
  private readonly state: Int32Array;
  private readonly made = new Map<number, PyModuleFacts | PageBlocks>();
  /** Items whose facts were handed over. */
  private readonly handed = new Set<number>();
  /** Items a worker is making that this thread waits for. */
  private readonly waiting = new Map<number, { promise: Promise<void>; done: () => void }>();
  private readonly workers: Worker[] = [];
  /** Each worker's end (it ends by itself once no item is left to take). */
  private readonly ends: Promise<unknown>[] = [];
  private broken = false;
  private alive: ReturnType<typeof setInterval> | undefined;

  /** Starts `workers` threads on the items (one item per path and text, the first kept). */
  constructor(items: PoolItem[], workers: number, backend: ParserBackend) {
    const seen = new Set<string>();
    for (const it of items) {
      const key = `${it.path}\0${it.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = this.byPath.get(it.path) ?? [];
      list.push(this.items.length);
      this.byPath.set(it.path, list);
      this.items.push(it);
    }
    this.state = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, this.items.length)));
    if (!this.items.length || workers < 1) return;
    const next = new Int32Array(new SharedArrayBuffer(4));
    for (let k = 0; k < Math.min(workers, this.items.length); k++) {
      const w = new Worker(new URL('./facts-worker.js', import.meta.url), { workerData: { backend, items: this.items, state: this.state, next } });
      // A worker never keeps the process alive (see settle); it ends by itself when the items run out.
      w.unref();
      w.on('message', (m: { i: number; facts: PyModuleFacts | PageBlocks }) => {
        this.made.set(m.i, m.facts);
        this.waiting.get(m.i)?.done();
        this.waiting.delete(m.i);
      });
      // A worker that fails leaves its item to this thread (parsed here when asked for).
      w.on('error', () => this.fail());
      w.on('exit', (code) => code !== 0 && this.fail());
      this.ends.push(new Promise((resolve) => w.once('exit', resolve)));
      this.workers.push(w);
    }
  }

  private fail(): void {
    this.broken = true;
    for (const w of this.waiting.values()) w.done();
    this.waiting.clear();
    clearInterval(this.alive);
    this.alive = undefined;
  }

  /**
   * Before this thread reads `path`: its items no worker has started are taken back (this thread parses
   * them when asked), and those a worker is parsing are waited for.
   */
  settle(path: string): Promise<void> | undefined {
    const waits: Promise<void>[] = [];
    for (const i of this.byPath.get(path) ?? []) {
      if (Atomics.compareExchange(this.state, i, FREE, MAIN) !== WORKER || this.made.has(i) || this.handed.has(i) || this.broken) continue;
      let w = this.waiting.get(i);
      if (!w) {
        let done = () => {};
        const promise = new Promise<void>((resolve) => (done = resolve));
        w = { promise, done };
        this.waiting.set(i, w);
      }
      waits.push(w.promise);
    }
    if (!waits.length) return undefined;
    // A pending promise does not keep Node running, nor does a worker that has ended (its last messages
    // are delivered as its exit is handled): a timer does, while this thread waits.
    this.alive ??= setInterval(() => {}, 1 << 30);
    return Promise.all(waits).then(() => {
      if (!this.waiting.size && this.alive) {
        clearInterval(this.alive);
        this.alive = undefined;
      }
    });
  }

  /** Whether the pool holds an item of this file. */
  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** The facts a worker made for this file and text (handed over once), or undefined: parse it here. */
  take(path: string, text: string): PyModuleFacts | undefined {
    return this.taken(path, text) as PyModuleFacts | undefined;
  }

  /** The same for a page item: its code blocks. */
  takePage(path: string, text: string): PageBlocks | undefined {
    return this.taken(path, text) as PageBlocks | undefined;
  }

  private taken(path: string, text: string): PyModuleFacts | PageBlocks | undefined {
    for (const i of this.byPath.get(path) ?? []) {
      if (this.items[i].text !== text) continue;
      const facts = this.made.get(i);
      if (facts) {
        this.made.delete(i);
        this.handed.add(i);
        return facts;
      }
      // Not started by any worker: no worker will.
      Atomics.compareExchange(this.state, i, FREE, MAIN);
      return undefined;
    }
    return undefined;
  }

  /**
   * Stops the workers (the items they have not made are not needed any more). Closing twice is a no-op.
   * A worker is never terminated: terminating a thread inside a call into the native parser aborts the
   * whole process (tree-sitter's binding throws a Napi::Error nothing can catch). Every item not started
   * becomes this thread's, so each worker ends after the file it is parsing.
   */
  async close(): Promise<void> {
    this.made.clear();
    if (!this.workers.splice(0).length) return;
    for (let i = 0; i < this.items.length; i++) Atomics.compareExchange(this.state, i, FREE, MAIN);
    // The workers do not keep the process alive (unref): a timer does while they finish.
    const alive = setInterval(() => {}, 1 << 30);
    try {
      await Promise.all(this.ends.splice(0));
    } finally {
      clearInterval(alive);
    }
  }
}
