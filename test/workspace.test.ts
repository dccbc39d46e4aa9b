// This repository as a contributor uses it: the workspace's `pnpm goldpath` (no banner with -s, paths
// from where pnpm was run, no rebuild when nothing changed), and documentation that holds together.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../packages/core/src/index.js';
import { pnpm, ROOT, scratch } from './helpers.js';

describe('the workspace script', () => {
  it('pnpm -s goldpath --json is valid JSON, takes relative paths from where pnpm runs, and does not rebuild', () => {
    const infos = ['core', 'cli'].map((p) => path.join(ROOT, 'packages', p, 'tsconfig.tsbuildinfo'));
    const before = infos.map((f) => statSync(f).mtimeMs);
    const out = pnpm(['-s', 'goldpath', 'tinylm/repo', '--wiki', scratch(), '--json'], { cwd: path.join(ROOT, 'examples') });
    expect((JSON.parse(out) as { repoName: string }).repoName).toBe('acme_tinylm');
    // From a package folder, with -w: relative to that folder.
    const fromCore = pnpm(['-s', '-w', 'goldpath', '../../examples/tinylm/repo', '--wiki', scratch(), '--json'], { cwd: path.join(ROOT, 'packages/core') });
    expect((JSON.parse(fromCore) as { repoName: string }).repoName).toBe('acme_tinylm');
    expect(infos.map((f) => statSync(f).mtimeMs)).toEqual(before);
  });
});

describe('documentation', () => {
  const docs = ['README.md', 'packages/core/README.md', 'packages/cli/README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter((f) => f.endsWith('.md'));

  it('every relative link points to a file of this repository', () => {
    for (const doc of docs) {
      const text = readFileSync(path.join(ROOT, doc), 'utf8');
      expect(text, doc).not.toMatch(/shared\/spec|\.\.\/shared/);
      // Code spans and fenced blocks are code, not links (`COMMANDS[args.command](args)`).
      const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split('#')[0];
        if (/^[a-z]+:/.test(target) || !target) continue;
        const abs = path.resolve(path.dirname(path.join(ROOT, doc)), target);
        expect(path.relative(ROOT, abs).startsWith('..'), `${doc}: ${m[1]}`).toBe(false);
        expect(() => statSync(abs), `${doc}: ${m[1]}`).not.toThrow();
      }
    }
  });

  it('the README says on its first screen what is written where, and where pnpm start writes', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const first = readme.split('\n').slice(0, 45).join('\n');
    for (const s of ['workflows/{repo_name}_{Workflow}.md', '_WorkflowIndex.md', '_RepoMap_{repo_name}.md', '_reports/phase1_anchoring.md', '.scratch/tinylm/wiki', 'npx -y pnpm@10 install && npx -y pnpm@10 -s start', 'npx -y pnpm@10 install && npx -y pnpm@10 -s test']) {
      expect(first, s).toContain(s);
    }
    expect(readme).toContain('npx @goldpath/cli ');
    expect(readme).toContain('pnpm add -D @goldpath/cli');
    for (const code of ['0', '1', '2', '3']) expect(readme).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
    // Workspace commands keep pnpm's banner off stdout.
    for (const m of readme.matchAll(/npx -y pnpm@10 (?!install)(\S+)/g)) expect(m[1], m[0]).toBe('-s');
  });

  it('docs/configuration.md documents every key', () => {
    const text = readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');
    for (const k of CONFIG_KEYS) expect(text).toMatch(new RegExp(`^\\| \`${k}\` \\|`, 'm'));
  });
});
