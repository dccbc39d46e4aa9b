// The facts pool's workers parse with the native binding: closing the pool while a worker is inside a
// parse must end the run normally (terminating such a thread aborts the whole process). Runs the built
// library (the worker is a built file, dist/lang/python/facts-worker.js).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const dist = (p: string) => import(path.join(ROOT, 'packages/core/dist', p));
const { FactsPool } = (await dist('lang/python/pool.js')) as typeof import('../packages/core/src/lang/python/pool.js');
const { loadPythonParser } = (await dist('lang/python/parser.js')) as typeof import('../packages/core/src/lang/python/parser.js');
const { extractPythonFacts } = (await dist('lang/python/facts.js')) as typeof import('../packages/core/src/lang/python/facts.js');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Blocks this thread (the event loop does not turn: what the pool hands over is read without it). */
const block = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

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

  it('parses items added after the start on the worker, hands them to this thread, and closes while the worker waits', async () => {
    const parser = await loadPythonParser();
    const texts: Record<string, string> = {
      'a.py': 'import os\nfrom .b import g\n\ndef f(x):\n    return g(x)\n',
      'b.py': 'class B:\n    def g(self):\n        return 1\n',
      'c.py': 'X = [1, 2, 3]\n',
    };
    const item = (p: string) => ({ path: p, text: texts[p] });
    // No item at the start, room for three: the worker starts and waits for items.
    const pool = new FactsPool([], 1, parser.backend, 3);
    await sleep(1500);
    pool.add([item('a.py'), item('b.py')]);
    // The worker makes them while this thread is blocked; taken without the event loop turning.
    block(2000);
    expect(pool.take('a.py', texts['a.py'])).toEqual(extractPythonFacts(parser, texts['a.py'], 'a.py'));
    expect(pool.take('b.py', texts['b.py'])).toEqual(extractPythonFacts(parser, texts['b.py'], 'b.py'));
    // Handed over once; added twice, listed once.
    expect(pool.take('a.py', texts['a.py'])).toBeUndefined();
    pool.add([item('b.py'), item('c.py')]);
    await sleep(1500);
    expect(pool.take('c.py', texts['c.py'])).toEqual(extractPythonFacts(parser, texts['c.py'], 'c.py'));
    // The pool is full now and the worker waits; closing ends it (a worker that never woke would hang here).
    await pool.close();
    pool.add([{ path: 'd.py', text: 'Y = 1\n' }]);
    expect(pool.take('d.py', 'Y = 1\n')).toBeUndefined();
  }, 60_000);

  it('hands over the very facts this thread makes (sent as JSON: no field lost or added, none undefined)', async () => {
    const parser = await loadPythonParser();
    // Every Python file of the examples, and a module with optional fields and a syntax error.
    const files = readdirSync(path.join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.py'))
      .sort()
      .map((f) => ({ path: f, text: readFileSync(path.join(ROOT, 'examples', f), 'utf8') }));
    const odd = '"""Doc.\n\nMore."""\n__all__ = ["f"]\ndef __getattr__(name):\n    return {"F": ".f"}[name]\nif x == "a":  # c\n    y = f(1, *a, k={"t": g}, **kw)\nelse:\n    for z in f():\n        w: int = 3 + q\ndef broken(:\n';
    files.push({ path: 'odd.py', text: odd });
    expect(files.length).toBeGreaterThan(50);
    const pool = new FactsPool(files, 1, parser.backend);
    // Time for the worker to make them (one it has not started by then is this thread's: not compared).
    await sleep(4000);
    let compared = 0;
    for (const f of files) {
      const made = extractPythonFacts(parser, f.text, f.path);
      await parser.release();
      const taken = pool.take(f.path, f.text);
      if (taken) expect(taken, f.path).toStrictEqual(made);
      if (taken) compared++;
    }
    expect(compared).toBeGreaterThan(files.length / 2);
    await pool.close();
  }, 60_000);

  it('after close, waits for nothing: an item a worker made and this thread did not take is this thread\'s to make', async () => {
    const { backend } = await loadPythonParser();
    const text = 'A = 1\n';
    const pool = new FactsPool([{ path: 'a.py', text }], 1, backend);
    // The worker makes the item (this thread sees it when it looks), then ends: no item is left.
    for (let t = 0; t < 100 && !pool.has('a.py'); t++) await sleep(50);
    await sleep(1500);
    await pool.close();
    // (It waited forever for the worker's facts, cleared at close, when anthropic-sdk-python's attachment
    // scan read a module the worker had made: `--jobs 2` never ended.)
    expect(pool.settle('a.py')).toBeUndefined();
    expect(pool.take('a.py', text)).toBeUndefined();
  }, 60_000);

  it('closes a worker that waits for items to be added', async () => {
    const { backend } = await loadPythonParser();
    const pool = new FactsPool([{ path: 'a.py', text: 'A = 1\n' }], 1, backend, 10);
    await sleep(1500);
    await pool.close();
    expect(pool.take('a.py', 'A = 1\n')).toBeUndefined();
  }, 60_000);
});
