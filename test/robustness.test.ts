// Bad input is skipped and reported, never fatal, and never loses a byte of the user's wiki; outputs are
// byte-identical whatever the path, time zone, locale or parser backend.
import { chmodSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows, renderWiki } from '../packages/core/src/index.js';
import { copyWiki, readTree, ROOT, runCli, runLibrary, scratch } from './helpers.js';

const FIXTURE = path.join(ROOT, 'examples/tinylm');

function brokenRepo(): string {
  const root = scratch();
  const repo = path.join(root, 'repo');
  cpSync(path.join(FIXTURE, 'repo'), repo, { recursive: true });
  writeFileSync(path.join(repo, 'examples', 'syntax_error.py'), 'from tinylm import FastModel\nmodel = FastModel.from_pretrained("x"\nmodel.generate(\n');
  writeFileSync(path.join(repo, 'notebooks', 'broken.ipynb'), '{"cells": [\n  {"cell_type": "code",\n');
  writeFileSync(path.join(repo, 'examples', 'binary.py'), Buffer.from([0x69, 0x6d, 0, 1, 2]));
  writeFileSync(path.join(repo, 'examples', 'huge.py'), `x = 1\n${'# padding\n'.repeat(120_000)}`);
  writeFileSync(path.join(root, 'outside.py'), 'import os\n');
  symlinkSync(path.join(root, 'outside.py'), path.join(repo, 'examples', 'escape.py'));
  writeFileSync(path.join(repo, 'examples', 'unreadable.py'), 'print(1)\n');
  chmodSync(path.join(repo, 'examples', 'unreadable.py'), 0);
  // A definition with a syntax error inside the package: its span is never printed.
  writeFileSync(path.join(repo, 'tinylm', 'broken_mod.py'), 'def ok():\n    return 1\n\ndef bad(:\n    return 2\n');
  writeFileSync(path.join(repo, 'examples', 'uses_broken.py'), 'from tinylm.broken_mod import ok, bad\nfrom tinylm import FastModel\nm = FastModel.from_pretrained("x")\nok()\nbad()\nm.generate("y")\n');
  return repo;
}

describe('bad input', () => {
  it('skips and reports broken sources, keeps going, and prints no span from a broken region', async () => {
    const repo = brokenRepo();
    const model = await extractWorkflows({ repo, wiki: path.join(scratch(), 'w'), date: '2025-06-01 12:00' });
    const skipped = Object.fromEntries(model.skipped.map((s) => [s.path, s.reason]));
    expect(skipped['notebooks/broken.ipynb']).toMatch(/broken notebook: invalid JSON at line \d+ column \d+/);
    expect(skipped['examples/binary.py']).toMatch(/binary/);
    expect(skipped['examples/huge.py']).toMatch(/over 1 MiB/);
    expect(skipped['examples/escape.py']).toMatch(/symlink leaves the repository/);
    expect(skipped['examples/syntax_error.py']).toMatch(/syntax error at line \d/);
    if (process.getuid?.() !== 0) expect(skipped['examples/unreadable.py']).toMatch(/unreadable/);
    expect(model.workflows.length).toBeGreaterThan(0);
    const printed = model.workflows.flatMap((w) => w.steps.flatMap((s) => s.calls.map((c) => c.sourceLocation)));
    expect(printed.some((p) => p.startsWith('tinylm/broken_mod.py:L4'))).toBe(false);
    const bad = model.unresolved.find((u) => u.callee === 'bad');
    expect(bad?.reason).toMatch(/syntax error/);
    const files = await renderWiki(model);
    expect(files.find((f) => f.path === '_reports/phase1_anchoring.md')!.content).toMatch(/## Skipped Inputs\n\n\| Path \| Reason \|/);
  });

  it('skips and reports broken TypeScript/JavaScript inputs, and escapes names full of wiki syntax', async () => {
    const root = scratch();
    const repo = path.join(root, 'repo');
    cpSync(path.join(ROOT, 'examples/relay-sdk/repo'), repo, { recursive: true });
    writeFileSync(path.join(repo, 'examples', 'broken.ts'), "import Relay from 'relay-sdk';\nconst c = new Relay(;\nc.models.list();\n");
    writeFileSync(path.join(repo, 'examples', 'huge.ts'), `export {};\n${'// padding\n'.repeat(120_000)}`);
    writeFileSync(path.join(root, 'outside.ts'), 'export {};\n');
    symlinkSync(path.join(root, 'outside.ts'), path.join(repo, 'examples', 'escape.ts'));
    writeFileSync(path.join(repo, 'tsconfig.json'), '{ "compilerOptions": { "paths": [[[ }');
    // A method whose name is made of wiki and Markdown syntax, called from an example.
    writeFileSync(path.join(repo, 'src', 'evil.ts'), "/** Breaks | tables [[and]] {{templates}}. */\nexport class Evil {\n  '[[X]]|{{y}}*'(): void {}\n  run(): void {}\n}\n");
    writeFileSync(path.join(repo, 'examples', 'evil.ts'), "import { Evil } from '../src/evil.js';\nconst e = new Evil();\ne['[[X]]|{{y}}*']();\ne.run();\nconst e2 = new Evil();\ne2.run();\n");
    const model = await extractWorkflows({ repo, wiki: path.join(scratch(), 'w'), date: '2025-06-01 12:00' });
    const skipped = Object.fromEntries(model.skipped.map((s) => [s.path, s.reason]));
    expect(skipped['examples/broken.ts']).toMatch(/syntax error at line 2/);
    expect(skipped['examples/huge.ts']).toMatch(/over 1 MiB/);
    expect(skipped['examples/escape.ts']).toMatch(/symlink leaves the repository/);
    expect(skipped['tsconfig.json']).toMatch(/unparseable tsconfig/);
    expect(model.workflows.length).toBeGreaterThan(0);
    const evil = model.workflows.flatMap((w) => w.steps.flatMap((s) => s.calls)).find((c) => c.call.callee.includes('[[X]]'));
    expect(evil?.sourceLocation).toBe('src/evil.ts:L3-3');
    const files = await renderWiki(model);
    const dir = path.join(scratch(), 'out');
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
      writeFileSync(path.join(dir, f.path), f.content);
    }
    expect(runCli(["validate", dir]).code).toBe(0);
  });

  it('leaves an unparseable RepoMap untouched and says so', async () => {
    const wiki = copyWiki('tinylm');
    const mapPath = path.join(wiki, '_RepoMap_acme_tinylm.md');
    writeFileSync(mapPath, '# Not a map\n\nJust prose, no table.\n');
    const model = await runLibrary(path.join(FIXTURE, 'repo'), wiki, { date: '2025-06-01 12:00' });
    expect(readFileSync(mapPath, 'utf8')).toBe('# Not a map\n\nJust prose, no table.\n');
    expect(model.skipped.some((s) => s.path === 'wiki:_RepoMap_acme_tinylm.md' && /cannot be parsed/.test(s.reason))).toBe(true);
  });

  it('lists stale pages of this repository and leaves them and other repositories pages alone', async () => {
    const wiki = copyWiki('tinylm');
    writeFileSync(path.join(wiki, 'workflows', 'acme_tinylm_Gone.md'), 'old page\n');
    const model = await runLibrary(path.join(FIXTURE, 'repo'), wiki, { date: '2025-06-01 12:00' });
    expect(model.stalePages).toEqual(['acme_tinylm_Gone']);
    expect(readFileSync(path.join(wiki, 'workflows', 'acme_tinylm_Gone.md'), 'utf8')).toBe('old page\n');
    expect(readFileSync(path.join(wiki, 'workflows', 'otherorg_other_Workflow.md'), 'utf8')).toMatch(/never touches it/);
  });

  it('escapes names and texts full of wiki and Markdown syntax', async () => {
    const root = scratch();
    const repo = path.join(root, 'repo');
    mkdirSync(path.join(repo, 'pkg'), { recursive: true });
    mkdirSync(path.join(repo, 'examples'));
    writeFileSync(path.join(repo, 'pkg', '__init__.py'), 'def load(x):\n    """Load [[x]] {{y}} | a\'\'b <script> `tick`."""\n    return x\n\ndef train(m):\n    """* starts like a list"""\n    return m\n\ndef save(m):\n    """----"""\n    return m\n');
    writeFileSync(path.join(repo, 'examples', 'run[[x]]|{{y}}.py'), '# [[Link]] | {{tpl}} \'\'bold\'\'\nimport pkg\nm = pkg.load(1)  # arg | with [[pipes]]\npkg.train(m)\npkg.save(m)\n');
    const wiki = path.join(root, 'w');
    mkdirSync(wiki);
    await runLibrary(repo, wiki, { name: 'x_y', date: '2025-06-01 12:00' });
    const { validateWikiDir } = await import('../packages/core/src/index.js');
    expect(await validateWikiDir(wiki, { repoName: 'x_y' })).toEqual([]);
    const tree = readTree(wiki);
    for (const [p, bytes] of tree) {
      if (!p.startsWith('workflows/')) continue;
      const text = bytes.toString();
      const body = text.slice(text.indexOf('\n|}\n') + 4).split('\n').filter((l) => !/^\[\[(step|source|domain|last_updated)::/.test(l) && !l.startsWith('* [[') && !l.startsWith('| [[') && !l.startsWith('{|') && !l.startsWith('|') && l !== '{{#mermaid:graph TD' && l !== '}}');
      expect(body.join('\n')).not.toMatch(/\[\[|\{\{|\||''/);
    }
    const index = tree.get('_WorkflowIndex.md')!.toString();
    for (const line of index.split('\n').filter((l) => l.startsWith('| '))) {
      const cells = line.replace(/\\\|/g, '').split('|').length;
      expect(cells, line).toBe(line.startsWith('| Attribute') || line.startsWith('| **') ? 4 : cells);
    }
  });
});

describe('determinism', () => {
  it('same bytes across paths, time zones, locales and parser backends', () => {
    const outputs: Map<string, Buffer>[] = [];
    const runs: [string, NodeJS.ProcessEnv][] = [
      ['native', { TZ: 'UTC', LANG: 'C' }],
      ['wasm', { TZ: 'Asia/Tokyo', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }],
      ['native', { TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8' }],
    ];
    for (const [parser, env] of runs) {
      const root = scratch(`goldpath-det-${parser}-`);
      const repo = path.join(root, 'some', 'deeper', 'repo');
      cpSync(path.join(FIXTURE, 'repo'), repo, { recursive: true });
      const wiki = copyWiki('tinylm', root);
      const r = runCli([repo, '--wiki', wiki, '--date', '2025-06-01 12:00', '--parser', parser], env);
      expect(r.code, r.stderr).toBe(0);
      const tree = readTree(wiki);
      for (const [p, b] of tree) expect(b.toString().includes(root), `${p} holds an absolute path`).toBe(false);
      outputs.push(tree);
    }
    for (const other of outputs.slice(1)) {
      expect([...other.keys()]).toEqual([...outputs[0].keys()]);
      for (const [p, b] of outputs[0]) expect(other.get(p)!.toString(), p).toBe(b.toString());
    }
  });
});
