// The configuration file, as a user steers a run with it: where it is found, what each key does, flags
// over keys, and bad configurations refused with the key and the file named (exit 2, nothing written).
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GoldpathModel } from '../packages/core/src/index.js';
import { copyRepo, copyWiki, readTree, ROOT, runCli, scratch } from './helpers.js';

const DATE = ['--date', '2025-06-01 12:00'];

function json(args: string[], cwd?: string): GoldpathModel {
  const r = runCli([...args, '--json'], {}, cwd ? { cwd } : {});
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as GoldpathModel;
}

const report = (wiki: string) => readFileSync(path.join(wiki, '_reports/phase1_anchoring.md'), 'utf8');

describe('configuration', () => {
  it('goldpath.config.json: exclude drops candidates "excluded by config", the report says which config was used', () => {
    const repo = copyRepo('tinylm');
    writeFileSync(path.join(repo, 'goldpath.config.json'), JSON.stringify({ $schema: 'x', exclude: ['notebooks', 'examples/grpo_*.py'] }));
    const wiki = copyWiki('tinylm');
    const r = runCli([repo, '--wiki', wiki, ...DATE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^goldpath: configuration: goldpath\.config\.json$/m);
    const text = report(wiki);
    expect(text).toContain('- Configuration: `goldpath.config.json` (sets `exclude`)');
    expect(text).toMatch(/\| `notebooks\/inference\.ipynb` \| notebook \| [^|]+ \| no \| excluded by config \("exclude": notebooks\) \|/);
    expect(text).toMatch(/\| `examples\/grpo_reward\.py` \| example \| [^|]+ \| no \| excluded by config \("exclude": examples\/grpo_\*\.py\) \|/);
    expect(text).toMatch(/\| `examples\/lora_sft\.py` \| example \| [^|]+ \| yes \|/);
    const model = json([repo, '--wiki', wiki]);
    expect(model.config).toEqual({ source: 'goldpath.config.json', keys: ['exclude'] });
    expect(model.workflows.flatMap((w) => w.sources.map((s) => s.path))).not.toContain('notebooks/inference.ipynb');
    // Without a configuration the report says so.
    const plain = copyWiki('tinylm');
    expect(runCli([path.join(ROOT, 'examples/tinylm/repo'), '--wiki', plain]).code).toBe(0);
    expect(report(plain)).toContain('- Configuration: none found (defaults and command-line options)');
  });

  it('[tool.goldpath] in pyproject.toml: include keeps only matching sources, name names the pages; flags win', () => {
    const repo = copyRepo('tinylm');
    appendFileSync(path.join(repo, 'pyproject.toml'), '\n[tool.goldpath]\ninclude = ["examples/**"]\nname = "acme_lm"\n');
    const model = json([repo, '--wiki', scratch()]);
    expect(model.config).toEqual({ source: 'pyproject.toml [tool.goldpath]', keys: ['include', 'name'] });
    expect(model.repoName).toBe('acme_lm');
    expect(model.workflows.length).toBeGreaterThan(0);
    expect(model.workflows.every((w) => w.pageName.startsWith('acme_lm_') && w.sources.every((s) => s.path.startsWith('examples/')))).toBe(true);
    const readmes = model.candidates.filter((c) => c.id.startsWith('README.md#'));
    expect(readmes.some((c) => c.reason === 'excluded by config (matches no "include" glob)')).toBe(true);
    expect(readmes.some((c) => c.kept)).toBe(false);
    // Command-line options win over the file: --name over name, --include over include.
    const flagged = json([repo, '--wiki', scratch(), '--name', 'other_lm', '--include', 'notebooks/*.ipynb']);
    expect(flagged.repoName).toBe('other_lm');
    expect(flagged.workflows.map((w) => w.sources.map((s) => s.path)).flat()).toEqual(['notebooks/inference.ipynb']);
    // --no-config ignores it.
    const none = json([repo, '--wiki', scratch(), '--no-config']);
    expect(none.config).toBeUndefined();
    expect(none.repoName).toBe('acme_tinylm');
  });

  it('a "goldpath" key in package.json, and --config with a file outside the repository', () => {
    const repo = copyRepo('tinylm');
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'tinylm-docs', private: true, goldpath: { exclude: ['README.md'] } }, null, 2));
    const model = json([repo, '--wiki', scratch()]);
    expect(model.config).toEqual({ source: 'package.json "goldpath"', keys: ['exclude'] });
    const readmes = model.candidates.filter((c) => c.path === 'README.md');
    expect(readmes.some((c) => c.reason === 'excluded by config ("exclude": README.md)')).toBe(true);
    expect(readmes.some((c) => c.kept)).toBe(false);
    // An explicit --config wins over the repository's own configuration, and is named by its file name.
    const dir = scratch();
    writeFileSync(path.join(dir, 'ci.json'), JSON.stringify({ name: 'tinylm_ci' }));
    const explicit = json([repo, '--wiki', scratch(), '--config', 'ci.json'], dir);
    expect(explicit.config).toEqual({ source: '--config ci.json', keys: ['name'] });
    expect(explicit.repoName).toBe('tinylm_ci');
    expect(explicit.candidates.some((c) => c.path === 'README.md' && c.kept)).toBe(true);
    // A TOML file given with --config is read whole.
    writeFileSync(path.join(dir, 'goldpath.toml'), 'name = "tinylm_toml"\nmaxWorkflows = 3\n');
    const toml = json([repo, '--wiki', scratch(), '--config', path.join(dir, 'goldpath.toml')]);
    expect(toml.config).toEqual({ source: '--config goldpath.toml', keys: ['maxWorkflows', 'name'] });
    expect(toml.repoName).toBe('tinylm_toml');
  });

  it('maxFileSize lets a large notebook in; examples adds an example folder; templates is relative to the file', () => {
    const repo = copyRepo('tinylm');
    // A notebook over 1 MiB: skipped by default.
    const nbPath = path.join(repo, 'notebooks', 'inference.ipynb');
    const nb = JSON.parse(readFileSync(nbPath, 'utf8')) as { cells: unknown[] };
    nb.cells.push({ cell_type: 'markdown', metadata: {}, source: ['padding '.repeat(160_000)] });
    writeFileSync(path.join(repo, 'notebooks', 'big.ipynb'), JSON.stringify(nb));
    mkdirSync(path.join(repo, 'guides'));
    cpSync(path.join(repo, 'examples', 'lora_sft.py'), path.join(repo, 'guides', 'finetune_guide.py'));
    const before = json([repo, '--wiki', scratch()]);
    expect(before.skipped).toContainEqual({ path: 'notebooks/big.ipynb', reason: expect.stringMatching(/^file is over 1 MiB \(\d+ bytes\)$/) as unknown as string });
    // Outside an example folder the file is only a `__main__` script.
    expect(before.candidates.find((c) => c.path === 'guides/finetune_guide.py')).toMatchObject({ kind: 'script' });
    const tpl = path.join(repo, 'config', 'tpl');
    mkdirSync(tpl, { recursive: true });
    writeFileSync(path.join(tpl, 'report.hbs'), '# Report of {{workflowCount}} workflows\n');
    writeFileSync(path.join(repo, 'goldpath.config.json'), JSON.stringify({ maxFileSize: '2 MiB', examples: ['guides'] }));
    const after = json([repo, '--wiki', scratch()]);
    expect(after.skipped.some((s) => s.path === 'notebooks/big.ipynb')).toBe(false);
    expect(after.candidates.find((c) => c.path === 'notebooks/big.ipynb')?.kept).toBe(true);
    expect(after.candidates.find((c) => c.path === 'guides/finetune_guide.py')).toMatchObject({ kind: 'example', foundBy: 'guides/ folder', kept: true });
    // A smaller limit from the command line wins, and the reason says which limit.
    const small = json([repo, '--wiki', scratch(), '--max-file-size', '512KiB']);
    expect(small.skipped.find((s) => s.path === 'notebooks/big.ipynb')?.reason).toMatch(/^file is over 512 KiB \(/);
    // templates: relative to the configuration file's folder.
    mkdirSync(path.join(repo, 'config'), { recursive: true });
    writeFileSync(path.join(repo, 'config', 'goldpath.json'), JSON.stringify({ templates: 'tpl' }));
    const wiki = path.join(scratch(), 'w');
    const r = runCli([repo, '--wiki', wiki, '--config', path.join(repo, 'config', 'goldpath.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(report(wiki)).toMatch(/^# Report of \d+ workflows\n$/);
  });

  it('unknown keys, wrong types and unreadable files are errors naming the key and the file (exit 2, nothing written)', () => {
    const cases: [string, string, RegExp][] = [
      ['goldpath.config.json', JSON.stringify({ exlude: ['x'] }), /^goldpath: goldpath\.config\.json: unknown key "exlude" \(did you mean "exclude"\?\); known keys: include, exclude, examples, maxWorkflows, name, templates, maxFileSize, strict, prune\n$/],
      ['goldpath.config.json', JSON.stringify({ maxWorkflows: 'ten' }), /^goldpath: goldpath\.config\.json: "maxWorkflows" must be a positive integer, not "ten"\n$/],
      ['goldpath.config.json', JSON.stringify({ include: 'examples/**' }), /"include" must be a list of non-empty strings, not "examples\/\*\*"/],
      ['goldpath.config.json', JSON.stringify({ maxFileSize: -3 }), /"maxFileSize" must be a positive number of bytes or a string like "5 MiB", not -3/],
      ['goldpath.config.json', JSON.stringify({ name: 'a/b' }), /"name" must use letters, digits and single underscores/],
      ['goldpath.config.json', JSON.stringify({ examples: ['../elsewhere'] }), /"examples" entry "\.\.\/elsewhere" must be a folder inside the repository/],
      ['goldpath.config.json', JSON.stringify({ templates: '../../tpl' }), /goldpath\.config\.json: "templates" must be a folder inside the repository/],
      ['goldpath.config.json', JSON.stringify(['x']), /goldpath\.config\.json: the configuration must be an object of settings/],
      ['goldpath.config.json', '{ "include": [', /^goldpath: goldpath\.config\.json: invalid JSON: /],
      ['pyproject.toml', '[tool.goldpath]\nstrict = "yes"\n', /^goldpath: pyproject\.toml \[tool\.goldpath\]: "strict" must be true or false, not "yes"\n$/],
      ['package.json', JSON.stringify({ name: 'x', goldpath: { prun: true } }), /^goldpath: package\.json "goldpath": unknown key "prun" \(did you mean "prune"\?\)/],
    ];
    for (const [file, text, want] of cases) {
      const repo = copyRepo('tinylm');
      writeFileSync(path.join(repo, file), text);
      const wiki = copyWiki('tinylm');
      const before = readTree(wiki);
      const r = runCli([repo, '--wiki', wiki]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toMatch(want);
      expect(r.stdout).toBe('');
      const after = readTree(wiki);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [p, b] of before) expect(after.get(p)!.equals(b), p).toBe(true);
    }
    const missing = runCli([path.join(ROOT, 'examples/tinylm/repo'), '--wiki', scratch(), '--config', 'no-such.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^goldpath: cannot read --config no-such\.json: ENOENT\n$/);
    const both = runCli([path.join(ROOT, 'examples/tinylm/repo'), '--wiki', scratch(), '--config', 'x.json', '--no-config']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--config and --no-config cannot be combined/);
  });

  it('maxWorkflows (config) and --max-workflows / --all (flags) are accepted and checked', () => {
    const repo = copyRepo('tinylm');
    writeFileSync(path.join(repo, 'goldpath.config.json'), JSON.stringify({ maxWorkflows: 2 }));
    const r = runCli([repo, '--wiki', scratch(), '--json', '--max-workflows', '3', '--all']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as GoldpathModel).config).toEqual({ source: 'goldpath.config.json', keys: ['maxWorkflows'] });
  });

  it('maxWorkflows from the configuration limits the pages; --max-workflows wins; --all lifts the limit', () => {
    const repo = copyRepo('tinylm');
    writeFileSync(path.join(repo, 'goldpath.config.json'), JSON.stringify({ maxWorkflows: 1 }));
    const one = json([repo, '--wiki', scratch()]);
    expect(one.workflows).toHaveLength(1);
    expect(one.omitted.length).toBeGreaterThan(1);
    expect(one.omitted[0]).toMatchObject({ rank: 2, reason: expect.stringContaining('past the budget of 1') as unknown as string });
    expect(json([repo, '--wiki', scratch(), '--max-workflows', '2']).workflows).toHaveLength(2);
    const all = json([repo, '--wiki', scratch(), '--all']);
    expect(all.workflows).toHaveLength(1 + one.omitted.length);
    expect(all.omitted).toEqual([]);
    expect(all.workflows.map((w) => w.rank)).toEqual(all.workflows.map((_, i) => i + 1));
  });
});
