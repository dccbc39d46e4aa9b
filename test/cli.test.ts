// The CLI as a user runs it: exit codes, messages, nothing written on failure, --dry-run, --json, validate.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, copyWiki, readTree, ROOT, runCli, scratch } from './helpers.js';

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

  it('a usage error is one line that points to --help, with a suggestion for a misspelt option or command', () => {
    const dir = scratch();
    const cases: [string[], RegExp][] = [
      [[REPO, '--wikki', dir], /^goldpath: unknown option --wikki \(did you mean --wiki\?\); see goldpath --help\n$/],
      [[REPO, '--wiki', dir, '--verbos'], /unknown option --verbos \(did you mean --verbose\?\)/],
      [[REPO, '--wiki', dir, '--dryrun'], /unknown option --dryrun \(did you mean --dry-run\?\)/],
      [[REPO, '--wiki', dir, '--zzzzzz'], /^goldpath: unknown option --zzzzzz; see goldpath --help\n$/],
      [[REPO, '--wiki'], /^goldpath: --wiki needs a value; see goldpath --help\n$/],
      [[REPO, '--wiki', dir, '--json=yes'], /^goldpath: --json does not take a value; see goldpath --help\n$/],
      [['valdate', dir], /^goldpath: unknown command "valdate" \(did you mean "validate"\?\); see goldpath --help\n$/],
      [[REPO], /^goldpath: missing --wiki <dir>; see goldpath --help\n$/],
      [[REPO, '--wiki', dir, '--json', '--check'], /--json and --check cannot be combined/],
      [[REPO, '--wiki', dir, '--quiet', '--verbose'], /--quiet and --verbose cannot be combined/],
      [[REPO, '--wiki', dir, '--cache', dir, '--no-cache'], /--cache and --no-cache cannot be combined/],
      [[REPO, '--wiki', dir, '--max-workflows', '0'], /--max-workflows "0" is not a positive integer/],
      [[REPO, '--wiki', dir, '--max-file-size', 'big'], /--max-file-size "big" is not a size/],
      [[REPO, '--wiki', dir, '--jobs', '0'], /--jobs "0" is not a whole number from 1 to 256, nor auto/],
      [[REPO, '--wiki', dir, '--jobs', 'many'], /--jobs "many" is not a whole number from 1 to 256, nor auto/],
      [['validate', dir, '--json'], /validate does not take --json/],
    ];
    for (const [args, want] of cases) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(want);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--version and -v print the version of the package; --help lists the exit codes', () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-v']) {
      const r = runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
      expect(r.stderr).toBe('');
    }
    const help = runCli(['--help']).stdout;
    for (const code of ['0', '1', '2', '3']) expect(help).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
    for (const flag of ['--check', '--prune', '--config', '--include', '--exclude', '--examples', '--max-file-size', '--max-workflows', '--all', '--quiet', '--verbose', '--version']) expect(help).toContain(flag);
  });

  it('--quiet prints errors only; --verbose prints a line per candidate source; plain progress lines off a terminal', () => {
    const quiet = runCli([REPO, '--wiki', copyWiki('tinylm'), '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe('');
    const quietError = runCli([path.join(scratch(), 'missing'), '--wiki', scratch(), '--quiet']);
    expect(quietError.code).toBe(2);
    expect(quietError.stderr).toMatch(/^goldpath: repository path .* does not exist\n$/);
    const normal = runCli([REPO, '--wiki', copyWiki('tinylm')]);
    expect(normal.stderr).toMatch(/^goldpath: parse \+ resolve: 9\/9 sources$/m);
    expect(normal.stderr).not.toMatch(/\r|\x1b/);
    expect(normal.stderr).not.toMatch(/^goldpath: source /m);
    const verbose = runCli([REPO, '--wiki', copyWiki('tinylm'), '--verbose']);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toMatch(/^goldpath: parse \+ resolve \[1\/9\] \S+$/m);
    expect(verbose.stderr).toMatch(/^goldpath: source examples\/\w+\.py: kept \(acme_tinylm_\w+\)$/m);
    expect(verbose.stderr).toMatch(/^goldpath: source \S+: dropped: .+$/m);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('shows progress as one updating line on a terminal', () => {
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${JSON.stringify(REPO)} --wiki ${JSON.stringify(copyWiki('tinylm'))} --dry-run >/dev/null`;
    const r = spawnSync('/usr/bin/script', ['-qfec', cmd, '/dev/null'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\r\x1b\[2Kgoldpath: parse \+ resolve: 1\/9 sources\r\x1b\[2Kgoldpath: parse \+ resolve: 2\/9 sources/);
    expect(r.stdout).not.toMatch(/^goldpath: parse \+ resolve: 2\/9 sources\r?$/m);
  });

  it('a closed stdout (| head) ends the run quietly', () => {
    const wiki = copyWiki('tinylm');
    for (const args of [[REPO, '--wiki', wiki, '--json'], ['--help']]) {
      const cmd = `${JSON.stringify(process.execPath)} ${[CLI, ...args].map((a) => JSON.stringify(a)).join(' ')} 2>"$ERR" | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`;
      const err = path.join(scratch(), 'err');
      const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', env: { ...process.env, ERR: err } });
      expect(r.stdout.trim(), args.join(' ')).toBe('0');
      expect(readFileSync(err, 'utf8'), args.join(' ')).toBe('');
    }
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

  it('resolves relative paths from the current directory, not from INIT_CWD (an installed goldpath inside an npm script)', () => {
    const wiki = path.join(scratch(), 'w');
    mkdirSync(wiki);
    const elsewhere = scratch();
    const r = runCli(['tinylm/repo', '--wiki', wiki, '--dry-run'], { INIT_CWD: elsewhere }, { cwd: path.join(ROOT, 'examples') });
    expect(r.code, r.stderr).toBe(0);
    const wrong = runCli(['tinylm/repo', '--wiki', wiki, '--dry-run'], { INIT_CWD: path.join(ROOT, 'examples') }, { cwd: elsewhere });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/does not exist/);
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
