// The facts pool's workers parse with the native binding: closing the pool while a worker is inside a
// parse must end the run normally (terminating such a thread aborts the whole process). Runs the built
// library (the worker is a built file, dist/lang/python/facts-worker.js).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const dist = (p: string) => import(path.join(ROOT, 'packages/core/dist', p));
const { FactsPool } = (await dist('lang/python/pool.js')) as typeof import('../packages/core/src/lang/python/pool.js');
const { loadPythonParser } = (await dist('lang/python/parser.js')) as typeof import('../packages/core/src/lang/python/parser.js');

describe('facts pool', () => {
  it('closes while a worker is parsing, without aborting the process', async () => {
    const { backend } = await loadPythonParser();
    // Large modules: a worker spends a while in each parse.
    const text = 'def f(x):\n    return g(x) + [i for i in range(10)]\n'.repeat(5000);
    const items = () => Array.from({ length: 6 }, (_, i) => ({ path: `m${i}.py`, text }));
    // The worker does parse: given time, it makes the first module.
    const working = new FactsPool(items(), 1, backend);
    for (let t = 0; t < 100 && !working.take('m0.py', text); t++) await new Promise((resolve) => setTimeout(resolve, 100));
    await working.close();
    for (let round = 0; round < 8; round++) {
      const pool = new FactsPool(items(), 1, backend);
      // Close at a different moment of a parse each round.
      await new Promise((resolve) => setTimeout(resolve, 100 + round * 60));
      await pool.close();
      // What no worker made is this thread's to parse.
      expect(pool.take('m5.py', text)).toBeUndefined();
    }
  }, 120_000);
});
