// End to end on every fixture: outputs byte-identical to examples/<name>/expected, validate passes,
// and nothing outside goldpath's own paths changes. UPDATE_EXPECTED=1 rewrites the expected files.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateWikiDir } from '../packages/core/src/index.js';
import { argsToOptions, copyWiki, fixtureArgs, fixtures, readTree, ROOT, runLibrary } from './helpers.js';

const names = fixtures();

describe.each(names)('fixture %s', (name) => {
  const dir = path.join(ROOT, 'examples', name);
  const opts = argsToOptions(fixtureArgs(name));

  it('writes exactly the expected outputs and keeps every other byte of the wiki', async () => {
    const wiki = copyWiki(name);
    const before = readTree(wiki);
    const model = await runLibrary(path.join(dir, 'repo'), wiki, opts);
    const after = readTree(wiki);
    const written = [...after.keys()].filter((k) => !before.has(k) || !before.get(k)!.equals(after.get(k)!));
    const allowed = (p: string) => p === '_WorkflowIndex.md' || p === '_reports/phase1_anchoring.md' || p === model.wikiInputs.repoMap || (p.startsWith(`workflows/${model.repoName}_`) && p.endsWith('.md'));
    expect(written.filter((p) => !allowed(p))).toEqual([]);
    for (const [p, bytes] of before) expect(after.has(p), `${p} still exists`).toBe(true);
    const expectedDir = path.join(dir, 'expected');
    if (process.env.UPDATE_EXPECTED) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const p of written) {
        mkdirSync(path.dirname(path.join(expectedDir, p)), { recursive: true });
        cpSync(path.join(wiki, p), path.join(expectedDir, p));
      }
    }
    const expected = readTree(expectedDir);
    expect(written.sort()).toEqual([...expected.keys()].sort());
    for (const [p, bytes] of expected) expect(after.get(p)!.toString('utf8'), p).toBe(bytes.toString('utf8'));
  });

  it('passes goldpath validate', async () => {
    const wiki = copyWiki(name);
    const model = await runLibrary(path.join(dir, 'repo'), wiki, opts);
    expect(model.workflows.length).toBeGreaterThan(0);
    expect(await validateWikiDir(wiki, { repoName: model.repoName })).toEqual([]);
  });

  it('changes nothing on a second run over its own output', async () => {
    const wiki = copyWiki(name);
    await runLibrary(path.join(dir, 'repo'), wiki, opts);
    const first = readTree(wiki);
    await runLibrary(path.join(dir, 'repo'), wiki, opts);
    const second = readTree(wiki);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [p, bytes] of first) expect(second.get(p)!.equals(bytes), p).toBe(true);
  });
});
