// Re-runs with the cache (rerun.ts): on a copy of a fixture, a run with the cache gives the bytes of a run
// without it, cold, warm, after one example changed, after a library module its sources resolve into
// changed (every span in it moves), after a file was added, and over damaged entries.
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows, renderWiki, type GoldpathModel } from '../packages/core/src/index.js';
import { CacheStore } from '../packages/core/src/cache.js';
import { RepoFiles } from '../packages/core/src/repo/files.js';
import { Rerun, type UnitSpec } from '../packages/core/src/rerun.js';
import { argsToOptions, copyWiki, fixtureArgs, ROOT, scratch } from './helpers.js';

interface Run {
  bytes: string;
  model: GoldpathModel;
  progress: string[];
}

async function run(name: string, repo: string, cache?: string): Promise<Run> {
  const wiki = copyWiki(name);
  const progress: string[] = [];
  const model = await extractWorkflows({ repo, wiki, ...argsToOptions(fixtureArgs(name)), ...(cache ? { cache } : {}), onProgress: (l) => progress.push(l) });
  const files = await renderWiki(model, { wikiDir: wiki });
  return { bytes: JSON.stringify({ files, model }), model, progress };
}

/** Entries reused and made, from the run's progress line (`source 3 reused, 1 made; ...`). */
function counts(r: Run, kind: string): { reused: number; made: number } | undefined {
  const m = r.progress.map((l) => new RegExp(`${kind} (\\d+) reused, (\\d+) made`).exec(l)).find(Boolean);
  return m ? { reused: Number(m[1]), made: Number(m[2]) } : undefined;
}

function entries(dir: string, kind?: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json') && (!kind || path.relative(dir, e.parentPath).split(path.sep)[0] === kind))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** A kept example file of the model, and the repository file its calls resolve into most often. */
function targets(model: GoldpathModel): { example: string; library: string } {
  const example = model.candidates.find((c) => c.kept && c.id === c.path && /\.(py|ts|js)$/.test(c.path))?.path;
  const uses = new Map<string, number>();
  for (const w of model.workflows)
    for (const s of w.steps)
      for (const c of s.calls) {
        const r = c.call.resolution;
        if (r.kind === 'repo' && r.span.path !== example && /\.(py|ts|js)$/.test(r.span.path)) uses.set(r.span.path, (uses.get(r.span.path) ?? 0) + 1);
      }
  const library = [...uses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!example || !library) throw new Error('fixture without a kept example file or a resolved call');
  return { example, library };
}

/** The same bytes; else the first place they differ (a whole model is too long to print). */
function same(got: string, want: string): void {
  if (got === want) return;
  let i = 0;
  while (got[i] === want[i]) i++;
  expect(got.slice(Math.max(0, i - 300), i + 300)).toBe(want.slice(Math.max(0, i - 300), i + 300));
}

/** Repository-relative paths of every file below `dir`, sorted. */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** A TypeScript package `name` with one function (src/index.ts) in a new folder, and a way to write more files. */
function tsRepo(name: string): { repo: string; put: (rel: string, text: string) => void } {
  const repo = scratch('goldpath-rerun-ts-');
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    writeFileSync(path.join(repo, rel), text);
  };
  put('package.json', JSON.stringify({ name, version: '1.0.0', main: 'src/index.ts' }));
  put('src/index.ts', 'export function greet(name: string): string {\n  return `hi ${name}`;\n}\n');
  return { repo, put };
}

const comment = (file: string) => (file.endsWith('.py') ? '#' : '//');

describe('re-runs with the cache', () => {
  it.each(['tinylm', 'clikit', 'relay-sdk', 'textkit'])('give %s the bytes of a run without it: cold, warm, after one-file changes, a new file', async (name) => {
    const repo = path.join(scratch('goldpath-rerun-'), 'repo');
    cpSync(path.join(ROOT, 'examples', name, 'repo'), repo, { recursive: true });
    const cache = scratch('goldpath-rerun-cache-');
    const plain = await run(name, repo);
    const cold = await run(name, repo, cache);
    same(cold.bytes, plain.bytes);
    const warm = await run(name, repo, cache);
    same(warm.bytes, plain.bytes);
    expect(warm.progress.some((l) => l.startsWith('cache: no input changed'))).toBe(true);
    // No entry names where the repository or the cache is.
    for (const f of entries(cache)) expect(readFileSync(f, 'utf8')).not.toContain(path.dirname(repo));

    const { example, library } = targets(plain.model);
    // One example changed: only the sources that read it are made again.
    appendFileSync(path.join(repo, example), `\n${comment(example)} changed\n`);
    const afterExample = await run(name, repo, cache);
    same(afterExample.bytes, (await run(name, repo)).bytes);
    const c = counts(afterExample, 'source')!;
    expect(c.made).toBeGreaterThan(0);
    expect(c.reused).toBeGreaterThan(0);
    // TypeScript: the program holds the source made again, not every source.
    const program = afterExample.progress.map((l) => /TypeScript program of (\d+) of (\d+) sources/.exec(l)).find(Boolean);
    if (/\.ts$/.test(example)) expect(Number(program![1])).toBeLessThan(Number(program![2]));

    // A library module moved down a line: every source resolving into it is made again (its spans move).
    const lib = path.join(repo, library);
    writeFileSync(lib, `${comment(library)} moved\n${readFileSync(lib, 'utf8')}`);
    const afterLibrary = await run(name, repo, cache);
    const plainLibrary = await run(name, repo);
    same(afterLibrary.bytes, plainLibrary.bytes);
    expect(plainLibrary.bytes).not.toBe(plain.bytes);

    // A module that only passes names on (a package's __init__.py, an index.ts) emptied: what resolved
    // through it changes, although no source reads it directly.
    const reexport = walk(repo).find((f) => /(^|\/)(__init__\.py|index\.[tj]s)$/.test(f) && /^\s*(from\s+\S+\s+import|export\s+(\*|\{)[^\n]*from)/m.test(readFileSync(path.join(repo, f), 'utf8')));
    if (reexport) {
      writeFileSync(path.join(repo, reexport), `${comment(reexport)} emptied\n`);
      const afterReexport = await run(name, repo, cache);
      const plainReexport = await run(name, repo);
      same(afterReexport.bytes, plainReexport.bytes);
      expect(plainReexport.bytes).not.toBe(plainLibrary.bytes);
    }

    // A new file changes the file list: everything is made again.
    writeFileSync(path.join(repo, path.dirname(example), `added_file${path.extname(example)}`), `${comment(example)} new\n`);
    const afterAdd = await run(name, repo, cache);
    same(afterAdd.bytes, (await run(name, repo)).bytes);
    expect(counts(afterAdd, 'source')!.reused).toBe(0);
  });

  it.each(['tinylm', 'relay-sdk'])('ignores and rebuilds damaged entries of %s: wrong shape, stale hashes, another source, truncated, a group of files changed', async (name) => {
    const repo = path.join(scratch('goldpath-rerun-'), 'repo');
    cpSync(path.join(ROOT, 'examples', name, 'repo'), repo, { recursive: true });
    const cache = scratch('goldpath-rerun-cache-');
    const plain = await run(name, repo);
    same((await run(name, repo, cache)).bytes, plain.bytes);
    // The run's own entry gone, so that the sources' entries are read.
    for (const f of entries(cache, 'run')) writeFileSync(f, '');
    const sources = entries(cache, 'source');
    expect(sources.length).toBeGreaterThan(3);
    const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
    const [a, b, c, d] = sources;
    writeFileSync(a, JSON.stringify({ ...read(a), value: { calls: 'not calls' } }));
    const withDeps = read(b);
    writeFileSync(b, JSON.stringify({ ...withDeps, deps: Object.fromEntries(Object.keys(withDeps.deps).map((p) => [p, '0'.repeat(32)])) }));
    writeFileSync(c, readFileSync(d));
    writeFileSync(d, readFileSync(d, 'utf8').slice(0, 100));
    const again = await run(name, repo, cache);
    same(again.bytes, plain.bytes);
    expect(counts(again, 'source')!.made).toBeGreaterThanOrEqual(Object.keys(withDeps.deps).length ? 4 : 3);
    // Written again whole, each under its own name.
    for (const f of entries(cache, 'source')) expect(read(f).name).toBe(path.basename(f, '.json'));
    same((await run(name, repo, cache)).bytes, plain.bytes);
    // Groups of files read (shared by entries) emptied, then every library file moved down a line: a group
    // is no longer what its name says, so no entry naming it holds.
    for (const f of entries(cache, 'run')) writeFileSync(f, '');
    let edited = 0;
    for (const g of entries(cache, 'deps')) {
      writeFileSync(g, JSON.stringify({ ...read(g), value: { deps: {} } }));
      edited++;
    }
    const candidatePaths = new Set(plain.model.candidates.map((c) => c.path));
    for (const f of walk(repo).filter((x) => /\.(py|ts|js)$/.test(x) && !candidatePaths.has(x))) writeFileSync(path.join(repo, f), `${comment(f)} moved\n${readFileSync(path.join(repo, f), 'utf8')}`);
    same((await run(name, repo, cache)).bytes, (await run(name, repo)).bytes);
    if (name === 'relay-sdk') expect(edited).toBeGreaterThan(0);
  });

  it('gives every source its calls (onCalls) also when nothing changed', async () => {
    const name = 'tinylm';
    const repo = path.join(ROOT, 'examples', name, 'repo');
    const cache = scratch('goldpath-rerun-cache-');
    const seen = async (withCache: boolean) => {
      const out: Record<string, unknown> = {};
      await extractWorkflows({ repo, wiki: copyWiki(name), ...argsToOptions(fixtureArgs(name)), ...(withCache ? { cache } : {}), onCalls: (id, calls) => (out[id] = calls) });
      return JSON.stringify(out);
    };
    const plain = await seen(false);
    expect(await seen(true)).toBe(plain);
    expect(await seen(true)).toBe(plain);
  });

  it('makes a TypeScript source again when another file of the program becomes a global script', async () => {
    // helper() in a.ts is no import: it resolves only once b.ts declares it as a script (no import or
    // export), which changes a.ts's resolution although a.ts and everything it imports are unchanged.
    const { repo, put } = tsRepo('acme-glob');
    put('examples/a.ts', "import { greet } from '../src/index';\n\ngreet('a');\nhelper();\n");
    put('examples/b.ts', "import { greet } from '../src/index';\n\nexport function helper(): void {\n  greet('b');\n}\n");
    const cache = scratch('goldpath-rerun-cache-');
    const helperIn = async (withCache: boolean) => {
      let found: unknown;
      await extractWorkflows({ repo, wiki: scratch('goldpath-rerun-wiki-'), name: 'acme_glob', ...(withCache ? { cache } : {}), onCalls: (id, calls) => id === 'examples/a.ts' && (found = calls.find((c) => c.callee === 'helper')?.resolution) });
      return JSON.stringify(found);
    };
    const before = await helperIn(false);
    expect(await helperIn(true)).toBe(before);
    expect(await helperIn(true)).toBe(before);
    put('examples/b.ts', "function helper(): void {\n  console.log('b');\n}\nhelper();\n");
    const after = await helperIn(false);
    expect(after).not.toBe(before);
    expect(await helperIn(true)).toBe(after);
  });

  it('leaves out a cache folder inside the repository: it is goldpath\'s own, not a file of the repository', async () => {
    const name = 'tinylm';
    const repo = path.join(scratch('goldpath-rerun-'), 'repo');
    cpSync(path.join(ROOT, 'examples', name, 'repo'), repo, { recursive: true });
    const plain = await run(name, repo);
    const inside = path.join(repo, '.goldpath-cache');
    same((await run(name, repo, inside)).bytes, plain.bytes);
    const warm = await run(name, repo, inside);
    same(warm.bytes, plain.bytes);
    expect(warm.progress.some((l) => l.startsWith('cache: no input changed'))).toBe(true);
  });

  it('trusts a group of files read only while its content hashes to its name and every file is unchanged', async () => {
    const repo = scratch('goldpath-rerun-group-');
    for (let i = 0; i < 20; i++) writeFileSync(path.join(repo, `m${i}.py`), `x = ${i}\n`);
    const cache = scratch('goldpath-rerun-cache-');
    const spec: UnitSpec<{ n: number }> = { kind: 'source', identity: 'a', key: 'k', valid: (v) => typeof (v as { n?: unknown }).n === 'number' };
    const fresh = async () => new Rerun(new CacheStore(cache), await RepoFiles.scan(repo), 'acme');
    let made = 0;
    // The work depends on 20 files it did not read itself: stored as one group.
    const make = async () => ({ value: { n: ++made }, extra: () => [Array.from({ length: 20 }, (_, i) => `m${i}.py`)] });
    expect(await (await fresh()).unit(spec, make)).toEqual({ n: 1 });
    expect(await (await fresh()).unit(spec, make)).toEqual({ n: 1 });
    const [group] = entries(cache, 'deps');
    const stored = JSON.parse(readFileSync(group, 'utf8'));
    expect(Object.keys(stored.value.deps)).toHaveLength(20);
    // Emptied under the same name: not trusted, the work is made again.
    writeFileSync(group, JSON.stringify({ ...stored, value: { deps: {} } }));
    expect(await (await fresh()).unit(spec, make)).toEqual({ n: 2 });
    expect(await (await fresh()).unit(spec, make)).toEqual({ n: 2 });
    // One of its files changed: made again.
    writeFileSync(path.join(repo, 'm7.py'), 'x = 70\n');
    expect(await (await fresh()).unit(spec, make)).toEqual({ n: 3 });
  });

  it('leaves a TypeScript source out of the program only when it is no global script and imports none', async () => {
    // g.ts is a script (its helper() is global); a.ts calls it without an import, b.ts imports a module
    // that is not global; c.ts changes. a.ts's entry holds, and the program made for c.ts has g.ts in it.
    const { repo, put } = tsRepo('acme-glob');
    put('examples/g.ts', "function helper(): void {\n  console.log('g');\n}\nhelper();\n");
    put('examples/a.ts', "import { greet } from '../src/index';\n\ngreet('a');\nhelper();\n");
    put('examples/b.ts', "import { greet } from '../src/index';\n\ngreet('b');\n");
    put('examples/c.ts', "import { greet } from '../src/index';\n\ngreet('c');\n");
    const cache = scratch('goldpath-rerun-cache-');
    const outcome = async (withCache: boolean) => {
      const out: Record<string, unknown> = {};
      const progress: string[] = [];
      await extractWorkflows({ repo, wiki: scratch('goldpath-rerun-wiki-'), name: 'acme_glob', ...(withCache ? { cache } : {}), onProgress: (l) => progress.push(l), onCalls: (id, calls) => (out[id] = calls) });
      return { calls: JSON.stringify(out), progress };
    };
    const plain = await outcome(false);
    expect(plain.calls).toContain('"qualname":"helper"');
    expect((await outcome(true)).calls).toBe(plain.calls);
    put('examples/c.ts', "import { greet } from '../src/index';\n\ngreet('c2');\n");
    const changed = await outcome(false);
    const warm = await outcome(true);
    expect(warm.calls).toBe(changed.calls);
    // c.ts made again; g.ts (a global script) in the program; a.ts and b.ts left out.
    expect(warm.progress.some((l) => /TypeScript program of 2 of \d+ sources/.test(l))).toBe(true);
  });

  it('reports what making the TypeScript program skipped also when the source that imports it is reused', async () => {
    // a.ts imports a module nested too deeply for the TypeScript parser (skipped when the program is
    // made); c.ts changes, a.ts is reused and left out of the program: the skip is still reported.
    const { repo, put } = tsRepo('acme-deep');
    put('src/deep.ts', `export const deep = ${'['.repeat(400)}1${']'.repeat(400)};\n`);
    put('examples/a.ts', "import { greet } from '../src/index';\nimport { deep } from '../src/deep';\n\ngreet(String(deep));\n");
    put('examples/c.ts', "import { greet } from '../src/index';\n\ngreet('c');\n");
    const name = 'acme_deep';
    const cache = scratch('goldpath-rerun-cache-');
    const bytes = async (withCache: boolean) => {
      const model = await extractWorkflows({ repo, wiki: scratch('goldpath-rerun-wiki-'), name, ...(withCache ? { cache } : {}) });
      return JSON.stringify(model);
    };
    const plain = await bytes(false);
    expect(plain).toContain('"path":"src/deep.ts"');
    same(await bytes(true), plain);
    put('examples/c.ts', "import { greet } from '../src/index';\n\ngreet('c2');\n");
    same(await bytes(true), await bytes(false));
  });

  it('makes a Python source again when a module it resolved through changed, also when another source resolved that name first', async () => {
    // Both examples call Model.fit, inherited through acme/mid.py, which no source imports: the index
    // answers the second source from the first's work, whose reads must count for the second too.
    const repo = scratch('goldpath-rerun-py-');
    const put = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      writeFileSync(path.join(repo, rel), text);
    };
    put('pyproject.toml', '[project]\nname = "acme"\nversion = "1.0"\n');
    put('acme/__init__.py', 'from .core import Model\n');
    put('acme/core.py', 'from .mid import Mid\n\n\nclass Model(Mid):\n    pass\n');
    put('acme/mid.py', 'from .base import Base\n\n\nclass Mid(Base):\n    pass\n');
    put('acme/base.py', 'class Base:\n    def fit(self, data):\n        return data\n');
    put('acme/other.py', 'class Base:\n    def fit(self, data):\n        return None\n');
    for (const name of ['a', 'b']) put(`examples/${name}.py`, `from acme import Model\n\nmodel = Model()\nmodel.fit([1, 2])\n`);
    const cache = scratch('goldpath-rerun-cache-');
    const fitOf = async (withCache: boolean) => {
      const found: Record<string, unknown> = {};
      await extractWorkflows({ repo, wiki: scratch('goldpath-rerun-wiki-'), name: 'acme', ...(withCache ? { cache } : {}), onCalls: (id, calls) => (found[id] = calls.find((c) => c.callee.endsWith('fit'))?.resolution) });
      return JSON.stringify(found);
    };
    const before = await fitOf(false);
    expect(before).toContain('acme/base.py');
    expect(await fitOf(true)).toBe(before);
    put('acme/mid.py', 'from .other import Base\n\n\nclass Mid(Base):\n    pass\n');
    const after = await fitOf(false);
    expect(after).toContain('acme/other.py');
    expect(after).not.toContain('acme/base.py');
    expect(await fitOf(true)).toBe(after);
  });
});
