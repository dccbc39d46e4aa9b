// `jobs` (`--jobs N`): Python facts made on worker threads give outputs byte-identical to a single-threaded
// run. Runs the built library (the worker is a built file, dist/lang/python/facts-worker.js).
import { mkdirSync, writeFileSync } from 'node:fs';
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

  it("makes the attachment scan's modules and the docs' code blocks on workers while discovery runs, with the same bytes", async () => {
    const { FactsPool } = (await import(path.join(ROOT, 'packages/core/dist/lang/python/pool.js'))) as typeof import('../packages/core/src/lang/python/pool.js');
    // A test that imports nothing of the repository is kept only if it uses an attached method: discovery
    // needs the attachment scan, which parses acme/extras.py.
    const repo = scratch('goldpath-jobs-early-');
    const files: Record<string, string> = {
      'acme/__init__.py': '',
      'acme/model.py': 'class Model:\n    def run(self):\n        return 1\n',
      'acme/extras.py': 'from acme.model import Model\n\n\ndef shout(self):\n    return self.run()\n\n\nModel.shout = shout\n',
      'tests/test_shout.py': 'import pytest\n\n\ndef test_shout(model):\n    assert model.shout() == 1\n',
      // Pages: code blocks (Markdown, reStructuredText), and one nested too deeply to parse (skipped, with its reason).
      'README.md': '# Acme\n\n## Quick start\n\n```python\nfrom acme.model import Model\n\nModel().run()\n```\n',
      'docs/guide.rst': 'Guide\n=====\n\n.. code-block:: python\n\n   from acme.model import Model\n   Model().shout()\n',
      'docs/deep.md': `${'>'.repeat(150)} deep\n\n\`\`\`python\nimport acme\n\`\`\`\n`,
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      writeFileSync(path.join(repo, rel), text);
    }
    const runOn = async (jobs: number, onProgress?: (line: string) => void) => {
      const wiki = path.join(scratch(), 'wiki');
      const model = await core.extractWorkflows({ repo, wiki, name: 'acme', date: '2024-01-01 00:00', jobs, ...(onProgress ? { onProgress } : {}) });
      return JSON.stringify({ files: await core.renderWiki(model, { wikiDir: wiki }), model });
    };
    const one = await runOn(1);
    const take = vi.spyOn(FactsPool.prototype, 'take');
    const takePage = vi.spyOn(FactsPool.prototype, 'takePage');
    let takenInDiscovery = -1;
    const two = await runOn(2, (line) => {
      if (/^discover: \d+ candidate sources/.test(line)) takenInDiscovery = take.mock.calls.length;
    });
    expect(takenInDiscovery).toBeGreaterThan(0);
    expect(takePage.mock.calls.map((c) => c[0]).sort()).toEqual(['README.md', 'docs/deep.md', 'docs/guide.rst']);
    take.mockRestore();
    takePage.mockRestore();
    expect(two).toBe(one);
    expect(one).toContain('tests/test_shout.py');
    expect(one).toContain('README.md#L');
    expect(one).toContain('docs/guide.rst#L');
    expect(one).toMatch(/docs\/deep\.md[^}]*nested/);
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
    // Both pools: the attachment scan's (started before discovery) and the sources'.
    expect(close).toHaveBeenCalledTimes(2);
    expect(new Set(close.mock.contexts).size).toBe(2);
    close.mockRestore();
  });
});
