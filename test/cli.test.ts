// The CLI as a user runs it: exit codes, messages, nothing written on failure, --dry-run, --json, validate.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyWiki, readTree, ROOT, runCli, scratch } from './helpers.js';

const REPO = path.join(ROOT, 'examples/tinylm/repo');

describe('goldpath CLI', () => {
  it('prints help and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/goldpath <repo> --wiki <dir>/);
  });

  it('exits 2 with a clear message on bad usage, writing nothing', () => {
    const dir = scratch();
    for (const args of [[], [REPO], [REPO, '--wiki', dir, '--bogus'], [REPO, '--wiki', dir, '--name', 'bad/name'], [REPO, '--wiki', dir, '--date', 'yesterday'], [REPO, '--wiki', dir, '--parser', 'x']]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^goldpath: /);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 when the repository is not a readable directory or --wiki is a file', () => {
    const dir = scratch();
    const file = path.join(dir, 'file.txt');
    writeFileSync(file, 'x');
    let r = runCli([path.join(dir, 'missing'), '--wiki', path.join(dir, 'w')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
    r = runCli([file, '--wiki', path.join(dir, 'w')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a directory/);
    r = runCli([REPO, '--wiki', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists and is not a directory/);
    expect(existsSync(path.join(dir, 'w'))).toBe(false);
  });

  it('creates a missing wiki directory, says what it did not find, and validates', () => {
    const wiki = path.join(scratch(), 'new-wiki');
    const r = runCli([REPO, '--wiki', wiki, '--name', 'acme_tinylm', '--date', '2025-06-01 12:00']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/discover: /);
    expect(r.stderr).toMatch(/\d+ workflows, \d+ steps/);
    expect(readTree(wiki).get('_reports/phase1_anchoring.md')!.toString()).toMatch(/no RepoMap found/);
    expect(runCli(['validate', wiki]).code).toBe(0);
  });

  it('--dry-run and --json write nothing; --json prints only the model', () => {
    const wiki = copyWiki('tinylm');
    const before = readTree(wiki);
    const dry = runCli([REPO, '--wiki', wiki, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would write _WorkflowIndex\.md/);
    const json = runCli([REPO, '--wiki', wiki, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).repoName).toBe('acme_tinylm');
    expect(json.stderr).toBe('');
    const after = readTree(wiki);
    expect([...after.keys()]).toEqual([...before.keys()]);
  });

  it('resolves relative paths against INIT_CWD (pnpm scripts)', () => {
    const wiki = path.join(scratch(), 'w');
    mkdirSync(wiki);
    const r = runCli(['tinylm/repo', '--wiki', wiki, '--dry-run'], { INIT_CWD: path.join(ROOT, 'examples') });
    expect(r.code).toBe(0);
  });

  it('validate exits 1 and names the problem on a broken page', () => {
    const wiki = copyWiki('tinylm');
    expect(runCli([REPO, '--wiki', wiki]).code).toBe(0);
    const rel = [...readTree(wiki).keys()].find((p) => p.startsWith('workflows/acme_tinylm_'))!;
    writeFileSync(path.join(wiki, rel), readTree(wiki).get(rel)!.toString().replace('== Overview ==\n', ''));
    const r = runCli(['validate', wiki]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${rel.split('/')[1]}:0: missing section == Overview ==`);
  });

  it('--strict exits 1 when inputs were skipped', () => {
    const root = scratch();
    const repo = path.join(root, 'repo');
    mkdirSync(path.join(repo, 'examples'), { recursive: true });
    writeFileSync(path.join(repo, 'examples', 'broken.ipynb'), '{"cells": [');
    const r = runCli([repo, '--wiki', path.join(root, 'w'), '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no workflow found/);
  });

  it('a template override replaces one template; a broken one is named', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'report.hbs'), '# Custom report for {{workflowCount}} workflows\n');
    const wiki = copyWiki('tinylm');
    expect(runCli([REPO, '--wiki', wiki, '--templates', dir]).code).toBe(0);
    const pages = [...readTree(wiki).keys()].filter((p) => p.startsWith('workflows/acme_tinylm_')).length;
    expect(pages).toBeGreaterThan(0);
    expect(readTree(wiki).get('_reports/phase1_anchoring.md')!.toString()).toBe(`# Custom report for ${pages} workflows\n`);
    writeFileSync(path.join(dir, 'report.hbs'), '{{#each x}}\n');
    const wiki2 = copyWiki('tinylm');
    const before = readTree(wiki2);
    const r = runCli([REPO, '--wiki', wiki2, '--templates', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/report\.hbs/);
    expect([...readTree(wiki2).entries()].every(([p, b]) => before.get(p)?.equals(b))).toBe(true);
  });
});
