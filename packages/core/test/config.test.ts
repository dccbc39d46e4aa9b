// Configuration reading, globs, sizes and suggestions, on their own.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseSize } from '../src/config.js';
import { sourceFilter } from '../src/text/globs.js';
import { closestName, editDistance } from '../src/text/suggest.js';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'goldpath-cfg-'));

describe('configuration', () => {
  it('finds goldpath.config.json first, then pyproject.toml [tool.goldpath], then package.json "goldpath"', async () => {
    const repo = dir();
    expect(await loadConfig(repo)).toEqual({ config: {}, keys: [] });
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'x', goldpath: { strict: true } }));
    expect(await loadConfig(repo)).toMatchObject({ source: 'package.json "goldpath"', config: { strict: true }, keys: ['strict'] });
    writeFileSync(path.join(repo, 'pyproject.toml'), '[project]\nname = "x"\n\n[tool.goldpath]\nexclude = ["tests"]\nmaxFileSize = "3 MiB"\n');
    expect(await loadConfig(repo)).toMatchObject({ source: 'pyproject.toml [tool.goldpath]', config: { exclude: ['tests'], maxFileSize: 3 * 1024 * 1024 }, keys: ['exclude', 'maxFileSize'] });
    writeFileSync(path.join(repo, 'goldpath.config.json'), JSON.stringify({ examples: ['./guides/'], templates: 'tpl' }));
    const own = await loadConfig(repo);
    expect(own).toMatchObject({ source: 'goldpath.config.json', config: { examples: ['guides'], templates: path.join(repo, 'tpl') } });
    // A pyproject.toml without a goldpath table, or one that does not parse, is not a configuration.
    const other = dir();
    writeFileSync(path.join(other, 'pyproject.toml'), '[project\n');
    expect((await loadConfig(other)).source).toBeUndefined();
  });

  it('an explicit file inside the repository is named by its repository path', async () => {
    const repo = dir();
    mkdirSync(path.join(repo, 'ci'));
    writeFileSync(path.join(repo, 'ci', 'goldpath.json'), '{"prune": true}');
    expect(await loadConfig(repo, { file: path.join(repo, 'ci', 'goldpath.json') })).toMatchObject({ source: 'ci/goldpath.json', config: { prune: true } });
    writeFileSync(path.join(repo, 'pyproject.toml'), '[tool.goldpath]\nname = "a_b"\n');
    expect(await loadConfig(repo, { file: path.join(repo, 'pyproject.toml') })).toMatchObject({ source: 'pyproject.toml [tool.goldpath]', config: { name: 'a_b' } });
  });

  it('sizes', () => {
    expect(parseSize(1048576)).toBe(1048576);
    expect(parseSize('2MiB')).toBe(2 * 1024 * 1024);
    expect(parseSize('500 KB')).toBe(500_000);
    expect(parseSize('1.5 mib')).toBe(1572864);
    expect(parseSize('12')).toBe(12);
    for (const bad of [0, -1, 1.5, '', 'big', '5 parsecs', '0 MiB', null, true]) expect(parseSize(bad), String(bad)).toBeUndefined();
  });
});

describe('include/exclude globs', () => {
  it('match a path or a folder above it; include restricts, exclude drops', () => {
    const f = sourceFilter(['examples/**', 'README.md'], ['examples/legacy', '**/*_old.py']);
    expect(f('examples/train.py')).toBeUndefined();
    expect(f('README.md')).toBeUndefined();
    expect(f('docs/guide.md')).toBe('excluded by config (matches no "include" glob)');
    expect(f('examples/legacy/a/b.py')).toBe('excluded by config ("exclude": examples/legacy)');
    expect(f('examples/x/train_old.py')).toBe('excluded by config ("exclude": **/*_old.py)');
    expect(sourceFilter(undefined, undefined)('anything/at/all.py')).toBeUndefined();
    expect(sourceFilter([], ['.github'])('.github/scripts/x.py')).toMatch(/excluded/);
  });
});

describe('suggestions', () => {
  it('closest name within a typo distance, prefixes, no far guesses', () => {
    expect(editDistance('exlude', 'exclude')).toBe(1);
    expect(editDistance('icnlude', 'include')).toBe(1);
    expect(closestName('--wikki', ['--wiki', '--name'])).toBe('--wiki');
    expect(closestName('--verb', ['--verbose', '--version'])).toBe('--verbose');
    expect(closestName('maxworkflows', ['maxWorkflows', 'maxFileSize'])).toBe('maxWorkflows');
    expect(closestName('zzz', ['include', 'exclude'])).toBeUndefined();
    expect(closestName('x', ['y'])).toBe('y');
  });
});
