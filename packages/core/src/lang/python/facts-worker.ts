// A worker thread of the facts pool (pool.ts): takes the items no thread has taken yet and sends back
// their facts (a page's: its code blocks). Items added after the start arrive on its port and are taken
// first, in the order added (this thread needs them soonest), then the list given at the start, in order.
// While the pool has room for more items the worker waits for them; it ends when the pool closes or the
// items run out.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { extractPythonFacts } from './facts.js';
import { pageBlocks } from '../markdown/pages.js';
import { loadPythonParser, type ParserBackend } from './parser.js';
import { CLOSED, COUNT, FREE, NEXT, NEXT_ADDED, SIGNAL, WORKER, type PoolItem } from './pool.js';

const { backend, items, listed, capacity, state, ctl, port } = workerData as {
  backend: ParserBackend;
  /** Items this worker has claimed are undefined. */
  items: (PoolItem | undefined)[];
  /** How many items were given at the start. */
  listed: number;
  capacity: number;
  state: Int32Array;
  ctl: Int32Array;
  port: MessagePort;
};
const parser = await loadPythonParser({ backend });

/** Claims the next index of a counter below `end` (another worker may claim it first), or undefined. */
function claim(counter: number, end: number): number | undefined {
  for (let i = Atomics.load(ctl, counter); i < end; i = Atomics.load(ctl, counter)) {
    if (Atomics.compareExchange(ctl, counter, i, i + 1) === i) return i;
  }
  return undefined;
}

/** The next item to take, waiting for one to be added; undefined once the pool closes or is full and done. */
function next(): number | undefined {
  for (;;) {
    // Read before looking: an add or a close after this wakes the wait below.
    const signal = Atomics.load(ctl, SIGNAL);
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const { from, items: added } = m.message as { from: number; items: PoolItem[] };
      added.forEach((it, k) => (items[from + k] = it));
    }
    if (Atomics.load(ctl, CLOSED)) return undefined;
    const i = claim(NEXT_ADDED, items.length) ?? claim(NEXT, listed);
    if (i !== undefined) return i;
    if (items.length >= capacity) return undefined;
    // Counted but not received yet: look again shortly; else sleep until the next add or the close.
    Atomics.wait(ctl, SIGNAL, signal, Atomics.load(ctl, COUNT) > items.length ? 1 : undefined);
  }
}

for (let i = next(); i !== undefined; i = next()) {
  // Each item is claimed once: its text is let go (the list holds the text of every file the run
  // parses: most of what this thread keeps, which its heap grew to four times over).
  const { path, text, page, shallow } = items[i]!;
  items[i] = undefined;
  if (Atomics.compareExchange(state, i, FREE, WORKER) !== FREE) continue;
  // As JSON (see pool.ts, Made).
  port.postMessage({ i, json: JSON.stringify(page ? pageBlocks(path, text) : extractPythonFacts(parser, text, path, { shallow })) });
  if (!page) await parser.release();
}
port.close();
