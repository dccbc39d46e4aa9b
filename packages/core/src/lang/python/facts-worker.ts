// A worker thread of the facts pool (pool.ts): takes the items no thread has taken yet, in order, and
// sends back their facts (a page's: its code blocks); ends when the items run out.
import { parentPort, workerData } from 'node:worker_threads';
import { extractPythonFacts } from './facts.js';
import { pageBlocks } from '../markdown/pages.js';
import { loadPythonParser, type ParserBackend } from './parser.js';
import { FREE, WORKER, type PoolItem } from './pool.js';

const { backend, items, state, next } = workerData as { backend: ParserBackend; items: PoolItem[]; state: Int32Array; next: Int32Array };
const parser = await loadPythonParser({ backend });
for (let i = Atomics.add(next, 0, 1); i < items.length; i = Atomics.add(next, 0, 1)) {
  if (Atomics.compareExchange(state, i, FREE, WORKER) !== FREE) continue;
  const { path, text, page } = items[i];
  parentPort!.postMessage({ i, facts: page ? pageBlocks(path, text) : extractPythonFacts(parser, text, path) });
  if (!page) await parser.release();
}
