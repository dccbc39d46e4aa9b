// `jobs` (`--jobs N`): Python facts made on worker threads give outputs byte-identical to a single-threaded
// run. Runs the built library (the worker is a built file, dist/lang/python/facts-worker.js).
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { argsToOptions, copyWiki, fixtureArgs, ROOT, scratch } from './helpers.js';

const core = (await import(path.join(ROOT, 'packages/core/dist/index.js'))) as typeof import('../packages/core/src/index.js');

async function run(name: string, extra: { jobs?: number | 'auto'; cache?: string }): Promise<string> {
  const wiki = copyWiki(name);
  const model = await core.extractWorkflows({ repo: path.join(ROOT, 'examples', name, 'repo'), wiki, ...argsToOptions(fixtureArgs(name)), ...extra });
  const files = await core.renderWiki(model, { wikiDir: wiki });
  return JSON.stringify({ files, model });
}

describe('jobs', () => {
  it.each(['tinylm', 'resolvekit', 'lmkit'])('gives %s the same bytes on 1, 2 and 3 threads, and with the cache', async (name) => {
    const one = await run(name, { jobs: 1 });
    expect(await run(name, { jobs: 2 })).toBe(one);
    expect(await run(name, { jobs: 3 })).toBe(one);
    const cache = scratch('goldpath-jobs-cache-');
    expect(await run(name, { jobs: 2, cache })).toBe(one);
    expect(await run(name, { jobs: 2, cache })).toBe(one);
  });

  it("'auto' starts workers only for a large repository, one per core and at most 4; a number is taken as given", async () => {
    const { threadsFor } = (await import(path.join(ROOT, 'packages/core/dist/lang/python/pool.js'))) as typeof import('../packages/core/src/lang/python/pool.js');
    const { AUTO_JOBS } = (await import(path.join(ROOT, 'packages/core/dist/heuristics/tables.js'))) as typeof import('../packages/core/src/heuristics/tables.js');
    expect(threadsFor('auto', AUTO_JOBS.minChars - 1, 8)).toBe(1);
    expect(threadsFor('auto', AUTO_JOBS.minChars, 2)).toBe(2);
    expect(threadsFor('auto', AUTO_JOBS.minChars, 16)).toBe(AUTO_JOBS.maxThreads);
    expect(threadsFor('auto', AUTO_JOBS.minChars, 1)).toBe(1);
    expect(threadsFor(3, 0, 1)).toBe(3);
    // A fixture is far below the threshold: 'auto' starts no worker, and gives the bytes of one thread.
    const { FactsPool } = (await import(path.join(ROOT, 'packages/core/dist/lang/python/pool.js'))) as typeof import('../packages/core/src/lang/python/pool.js');
    const close = vi.spyOn(FactsPool.prototype, 'close');
    const one = await run('tinylm', { jobs: 1 });
    expect(await run('tinylm', { jobs: 'auto' })).toBe(one);
    expect(close).not.toHaveBeenCalled();
    close.mockRestore();
  });

  it('stops its worker threads when the run fails half way', async () => {
    const { FactsPool } = (await import(path.join(ROOT, 'packages/core/dist/lang/python/pool.js'))) as typeof import('../packages/core/src/lang/python/pool.js');
    const close = vi.spyOn(FactsPool.prototype, 'close');
    const fail = () => {
      throw new Error('stopped by the caller');
    };
    const name = 'tinylm';
    const opts = { repo: path.join(ROOT, 'examples', name, 'repo'), wiki: copyWiki(name), ...argsToOptions(fixtureArgs(name)), jobs: 2 };
    await expect(core.extractWorkflows({ ...opts, onCount: fail })).rejects.toThrow(/stopped by the caller/);
    expect(close).toHaveBeenCalledTimes(1);
    close.mockRestore();
  });
});
