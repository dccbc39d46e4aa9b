// The facts cache (`cache` option, `--cache <dir>`): outputs byte-identical with and without it, cold and
// warm; a corrupt, truncated or foreign entry is ignored and written again, never trusted.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows, renderWiki } from '../packages/core/src/index.js';
import { FactsCache } from '../packages/core/src/cache.js';
import { argsToOptions, copyWiki, fixtureArgs, ROOT, scratch } from './helpers.js';

/** Every rendered file of one run, path → content, and the model as JSON. */
async function run(name: string, cache?: string): Promise<string> {
  const wiki = copyWiki(name);
  const model = await extractWorkflows({ repo: path.join(ROOT, 'examples', name, 'repo'), wiki, ...argsToOptions(fixtureArgs(name)), ...(cache ? { cache } : {}) });
  const files = await renderWiki(model, { wikiDir: wiki });
  return JSON.stringify({ files, model });
}

function entries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describe('facts cache', () => {
  it.each(['tinylm', 'resolvekit', 'adaptkit'])('gives %s the same outputs without it, cold, warm, and over corrupt entries', async (name) => {
    const plain = await run(name);
    const dir = scratch('goldpath-cache-');
    expect(await run(name, dir)).toBe(plain);
    const written = entries(dir);
    expect(written.length).toBeGreaterThan(0);
    expect(await run(name, dir)).toBe(plain);
    // Corrupt every entry three ways: truncated, not JSON, and a whole entry of another file (foreign).
    const first = readFileSync(written[0], 'utf8');
    written.forEach((f, i) => writeFileSync(f, i % 3 === 0 ? first.slice(0, first.length >> 1) : i % 3 === 1 ? 'not json' : first));
    if (written.length > 2) writeFileSync(written[2], readFileSync(written[1 % written.length], 'utf8'));
    expect(await run(name, dir)).toBe(plain);
    // Each was written again whole, under its own name.
    for (const f of entries(dir)) expect(JSON.parse(readFileSync(f, 'utf8')).name).toBe(path.basename(f, '.json'));
  });

  it('hits on a second look-up, rebuilds a foreign entry, and keys on the file path and text', () => {
    const dir = scratch('goldpath-cache-');
    const cache = new FactsCache(dir, 'native');
    let made = 0;
    const make = () => ({ n: ++made });
    expect(cache.get('python', 'a.py', 'x = 1', make)).toEqual({ n: 1 });
    expect(cache.get('python', 'a.py', 'x = 1', make)).toEqual({ n: 1 });
    expect(cache.get('python', 'b.py', 'x = 1', make)).toEqual({ n: 2 });
    expect(cache.get('python', 'a.py', 'x = 2', make)).toEqual({ n: 3 });
    expect(cache.stats).toMatchObject({ hits: 1, misses: 3, rejected: 0 });
    const [a] = entries(dir);
    const entry = JSON.parse(readFileSync(a, 'utf8'));
    writeFileSync(a, JSON.stringify({ ...entry, key: 'f'.repeat(64) }));
    const again = new FactsCache(dir, 'native');
    const before = made;
    for (const [file, text] of [['a.py', 'x = 1'], ['b.py', 'x = 1'], ['a.py', 'x = 2']]) again.get('python', file, text, make);
    expect(again.stats).toMatchObject({ hits: 2, rejected: 1 });
    expect(made).toBe(before + 1);
    // Another parser backend never reads these entries.
    const wasm = new FactsCache(dir, 'wasm');
    wasm.get('python', 'a.py', 'x = 1', make);
    expect(wasm.stats).toMatchObject({ hits: 0, misses: 1 });
  });
});
