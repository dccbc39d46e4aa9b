// A worker thread of the facts pool (pool.ts): takes the items no thread has taken yet, in order, and
// sends back their facts; ends when the items run out.
import { parentPort, workerData } from 'node:worker_threads';
import { extractPythonFacts } from './facts.js';
import { loadPythonParser, type ParserBackend } from './parser.js';
import { FREE, WORKER, type PoolItem } from './pool.js';

const { backend, items, state, next } = workerData as { backend: ParserBackend; items: PoolItem[]; state: Int32Array; next: Int32Array };
const parser = await loadPythonParser({ backend });
for (let i = Atomics.add(next, 0, 1); i < items.length; i = Atomics.add(next, 0, 1)) {
  if (Atomics.compareExchange(state, i, FREE, WORKER) !== FREE) continue;
  parentPort!.postMessage({ i, facts: extractPythonFacts(parser, items[i].text, items[i].path) });
  await parser.release();
}
