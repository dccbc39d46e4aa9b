// Python facts made ahead on worker threads (`jobs` option, `--jobs N`: N threads make facts, this one
// included). The files the run will need (the candidate sources, in the order they are analysed, then the
// modules the attachment scan reads) are handed to N - 1 workers, which take them one by one in that order
// while this thread discovers and resolves. A file this thread needs and no worker has started is taken
// back and parsed here, so nothing waits on a queue; a file a worker is parsing is waited for. Who takes
// an item is settled through one shared counter per item (Atomics), which needs no message round trip:
// this thread reads the workers' messages when it takes an item (receiveMessageOnPort: the event loop
// need not turn) or waits. The list can grow (add): the main pool is also given the modules this thread
// is about to follow into the library, which it would otherwise parse itself while the worker idles.
// The facts are plain data, the same whichever thread made them: outputs are byte-identical to a
// single-threaded run (a test).
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
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
  /** Facts without function bodies (PyModuleFacts.shallow): a module the index will likely only look names up in. */
  shallow?: boolean;
}

/** An item's owner (the shared counters): not taken, taken by a worker, taken by this thread. */
export const FREE = 0;
export const WORKER = 1;
export const MAIN = 2;

/**
 * The shared control counters (facts-worker.ts): the next item of the list given at the start to take,
 * the next added item to take, how many items there are, closed, and a signal bumped on every add and on
 * close (what a waiting worker sleeps on, so no wake-up is lost).
 */
export const NEXT = 0;
export const NEXT_ADDED = 1;
export const COUNT = 2;
export const CLOSED = 3;
export const SIGNAL = 4;

/**
 * An item's facts as JSON text, parsed when taken: a structured clone copies every string once per
 * occurrence (each call's scope, each `'name'` callee base, each identifier), where JSON.parse shares
 * equal short strings, and it parses faster. On diffusers the facts of 800 files took 206 MB cloned and
 * 140 MB parsed. JSON is a form facts already take (the facts cache hands out what it reads back).
 */
type Made = { i: number; json: string };

export class FactsPool {
  private readonly items: PoolItem[] = [];
  private readonly byPath = new Map<string, number[]>();
  private readonly state: Int32Array;
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4 * 5));
  /** How many items the pool can hold (the list grows by `add` up to this). */
  private readonly capacity: number;
  /** Each worker's channel: items added later go out on it, facts come back on it. */
  private readonly ports: MessagePort[] = [];
  private readonly made = new Map<number, string>();
  /** Items whose facts were handed over. */
  private readonly handed = new Set<number>();
  /** Items a worker is making that this thread waits for. */
  private readonly waiting = new Map<number, { promise: Promise<void>; done: () => void }>();
  private readonly workers: Worker[] = [];
  /** Each worker's end (it ends by itself once no item is left to take). */
  private readonly ends: Promise<unknown>[] = [];
  private broken = false;
  /** Closed: the workers are gone, every item is this thread's to make (nothing is waited for). */
  private closed = false;
  private alive: ReturnType<typeof setInterval> | undefined;

  /**
   * Starts `workers` threads on the items (one item per path and text, the first kept). With `room`, up
   * to that many items can be added later (`add`): the workers then wait for more items until closed.
   */
  constructor(items: PoolItem[], workers: number, backend: ParserBackend, room = 0) {
    for (const it of items) this.push(it);
    this.capacity = this.items.length + Math.max(0, room);
    this.state = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, this.capacity)));
    Atomics.store(this.ctl, COUNT, this.items.length);
    Atomics.store(this.ctl, NEXT_ADDED, this.items.length);
    if (!this.capacity || workers < 1) return;
    for (let k = 0; k < Math.min(workers, this.capacity); k++) {
      const { port1, port2 } = new MessageChannel();
      const w = new Worker(new URL('./facts-worker.js', import.meta.url), {
        workerData: { backend, items: this.items, listed: this.items.length, capacity: this.capacity, state: this.state, ctl: this.ctl, port: port2 },
        transferList: [port2],
      });
      // A worker never keeps the process alive (see settle); it ends by itself when the items run out
      // and the pool has no room for more, else when the pool closes.
      w.unref();
      port1.on('message', (m: Made) => this.receive(m));
      port1.unref();
      // A worker that fails leaves its item to this thread (parsed here when asked for).
      w.on('error', () => this.fail());
      w.on('exit', (code) => code !== 0 && this.fail());
      this.ends.push(new Promise((resolve) => w.once('exit', resolve)));
      this.workers.push(w);
      this.ports.push(port1);
    }
  }

  /** Adds an item to the list (false when it is there already). */
  private push(it: PoolItem): boolean {
    const list = this.byPath.get(it.path) ?? [];
    if (list.some((i) => this.items[i].text === it.text)) return false;
    list.push(this.items.length);
    this.byPath.set(it.path, list);
    this.items.push(it);
    return true;
  }

  private receive(m: Made): void {
    this.made.set(m.i, m.json);
    this.waiting.get(m.i)?.done();
    this.waiting.delete(m.i);
  }

  /**
   * Adds items after the start (within the room given): files this thread is about to need (the imports
   * of a module it just loaded). A worker takes them, in the order added, before what is left of the list
   * given at the start (needed later). Ignored once closed or full.
   */
  add(items: PoolItem[]): void {
    if (!this.workers.length || this.broken) return;
    const from = this.items.length;
    for (const it of items) if (this.items.length < this.capacity) this.push(it);
    if (this.items.length === from) return;
    const added = this.items.slice(from);
    for (const port of this.ports) port.postMessage({ from, items: added });
    // Posted before counted: a worker that sees the count can receive the items.
    Atomics.store(this.ctl, COUNT, this.items.length);
    this.signal();
  }

  private signal(): void {
    Atomics.add(this.ctl, SIGNAL, 1);
    Atomics.notify(this.ctl, SIGNAL);
  }

  /** Takes the facts the workers have sent without waiting for the event loop to turn. */
  private drain(): void {
    for (const port of this.ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) this.receive(m.message as Made);
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
    // (After close, an item a worker made is no longer held: waiting for it again would wait forever.)
    if (this.closed) return undefined;
    const waits: Promise<void>[] = [];
    this.drain();
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

  /** Whether the pool holds an item of this file with this text (a page's item is not its Python session's). */
  holds(path: string, text: string): boolean {
    return (this.byPath.get(path) ?? []).some((i) => this.items[i].text === text);
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
    this.drain();
    for (const i of this.byPath.get(path) ?? []) {
      if (this.items[i].text !== text) continue;
      const json = this.made.get(i);
      if (json !== undefined) {
        this.made.delete(i);
        this.handed.add(i);
        return JSON.parse(json) as PyModuleFacts | PageBlocks;
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
    this.closed = true;
    this.made.clear();
    if (!this.workers.splice(0).length) return;
    for (let i = 0; i < this.capacity; i++) Atomics.compareExchange(this.state, i, FREE, MAIN);
    // A worker waiting for more items ends.
    Atomics.store(this.ctl, CLOSED, 1);
    this.signal();
    // The workers do not keep the process alive (unref): a timer does while they finish.
    const alive = setInterval(() => {}, 1 << 30);
    try {
      await Promise.all(this.ends.splice(0));
    } finally {
      clearInterval(alive);
      for (const port of this.ports.splice(0)) port.close();
    }
  }
}
