// The .git reader: HEAD time and remote from the files, checked against git itself on repositories the
// test builds (git runs here on the test's OWN temporary repositories, with a clean environment).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanGitEnv } from '../../../test/adversarial/helpers.js';
import { applyDelta, configValue, gitDirs, originUrl, readGitMetadata, readObject, committerTime } from '../src/repo/git.js';

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'goldpath-git-'));
}

function git(repo: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: { ...cleanGitEnv(repo), ...env } }).trim();
}

/** A repository with `n` commits, each with its own committer date and a large, similar message. */
function makeRepo(n: number): string {
  const repo = tmp();
  git(repo, ['init', '-q', '-b', 'main']);
  for (let i = 0; i < n; i++) {
    writeFileSync(path.join(repo, 'f.txt'), `line ${i}\n`.repeat(50 + i));
    git(repo, ['add', '.']);
    // Similar long messages make git store commits as deltas of each other on an aggressive repack.
    const msg = `commit ${i}\n\n${'A long body line that repeats so commits deltify. '.repeat(40)}${i}\n`;
    git(repo, ['commit', '-q', '-m', msg], { GIT_COMMITTER_DATE: `${1_600_000_000 + i * 3601} +0530`, GIT_AUTHOR_DATE: `${1_500_000_000 + i} +0000` });
  }
  return repo;
}

const gitHeadTime = (repo: string) => Number(git(repo, ['log', '-1', '--format=%ct']));

function everyCommitTime(repo: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of git(repo, ['log', '--all', '--format=%H %ct']).split('\n')) {
    const [id, ct] = line.split(' ');
    out.set(id, Number(ct));
  }
  return out;
}

function readerTime(repo: string, id: string): number | undefined {
  const obj = readObject(path.join(repo, '.git', 'objects'), id);
  return obj?.type === 'commit' ? committerTime(obj.data) : undefined;
}

describe('.git reader', () => {
  it('reads HEAD time and origin from loose objects and loose refs, as git log does', () => {
    const repo = makeRepo(3);
    git(repo, ['remote', 'add', 'origin', 'https://github.com/acme/thing.git']);
    const meta = readGitMetadata(repo);
    expect(meta.headTime?.getTime()).toBe(gitHeadTime(repo) * 1000);
    expect(meta.remote).toBe('https://github.com/acme/thing.git');
  });

  it('gives the same answers after git gc (packed objects, packed-refs) and after an aggressive repack (deltified commits)', () => {
    const repo = makeRepo(12);
    const want = everyCommitTime(repo);
    git(repo, ['gc', '-q']);
    expect(readGitMetadata(repo).headTime?.getTime()).toBe(gitHeadTime(repo) * 1000);
    for (const [id, ct] of want) expect(readerTime(repo, id), id).toBe(ct);
    git(repo, ['repack', '-adf', '-q', '--window=50', '--depth=50']);
    const packDir = path.join(repo, '.git', 'objects', 'pack');
    const idx = readdirSync(packDir).find((n) => n.endsWith('.idx'))!;
    const verify = git(repo, ['verify-pack', '-v', path.join(packDir, idx)]);
    // At least one commit is stored as a delta, so the delta path is exercised.
    expect(verify.split('\n').some((l) => /^[0-9a-f]{40} commit +\d+ \d+ \d+ \d+ [0-9a-f]{40}$/.test(l))).toBe(true);
    for (const [id, ct] of want) expect(readerTime(repo, id), id).toBe(ct);
    expect(readGitMetadata(repo).headTime?.getTime()).toBe(gitHeadTime(repo) * 1000);
  });

  it('follows a detached HEAD, a linked worktree (.git file + commondir) and a submodule-style gitdir', () => {
    const repo = makeRepo(3);
    const first = git(repo, ['rev-list', '--max-parents=0', 'HEAD']);
    const wt = path.join(tmp(), 'wt');
    git(repo, ['worktree', 'add', '-q', '--detach', wt, first]);
    expect(gitDirs(wt)?.common).toBe(path.join(repo, '.git'));
    expect(readGitMetadata(wt).headTime?.getTime()).toBe(gitHeadTime(wt) * 1000);
    git(repo, ['checkout', '-q', '--detach', 'HEAD~1']);
    expect(readGitMetadata(repo).headTime?.getTime()).toBe(gitHeadTime(repo) * 1000);
    // A `.git` file pointing to a git directory elsewhere (submodules).
    const sub = tmp();
    writeFileSync(path.join(sub, '.git'), `gitdir: ${path.relative(sub, path.join(repo, '.git'))}\n`);
    expect(readGitMetadata(sub).headTime?.getTime()).toBe(gitHeadTime(repo) * 1000);
  });

  it('gives nothing, without throwing, for damaged or strange .git contents', () => {
    const cases: [string, (dir: string) => void][] = [
      ['gitdir to nowhere', (d) => writeFileSync(path.join(d, '.git'), 'gitdir: /nonexistent/x\n')],
      ['garbage .git file', (d) => writeFileSync(path.join(d, '.git'), '\0\0\0')],
      ['HEAD escaping refs', (d) => {
        mkdirSync(path.join(d, '.git', 'objects'), { recursive: true });
        writeFileSync(path.join(d, '.git', 'HEAD'), 'ref: refs/../../../etc/passwd\n');
      }],
      ['HEAD to a missing object', (d) => {
        mkdirSync(path.join(d, '.git', 'objects'), { recursive: true });
        writeFileSync(path.join(d, '.git', 'HEAD'), `${'a'.repeat(40)}\n`);
      }],
      ['corrupt loose object', (d) => {
        mkdirSync(path.join(d, '.git', 'objects', 'aa'), { recursive: true });
        writeFileSync(path.join(d, '.git', 'HEAD'), `${'a'.repeat(40)}\n`);
        writeFileSync(path.join(d, '.git', 'objects', 'aa', 'a'.repeat(38)), 'not zlib');
      }],
      ['symbolic ref loop', (d) => {
        mkdirSync(path.join(d, '.git', 'refs', 'heads'), { recursive: true });
        writeFileSync(path.join(d, '.git', 'HEAD'), 'ref: refs/heads/a\n');
        writeFileSync(path.join(d, '.git', 'refs', 'heads', 'a'), 'ref: refs/heads/a\n');
      }],
    ];
    for (const [name, make] of cases) {
      const d = tmp();
      make(d);
      expect(readGitMetadata(d).headTime, name).toBeUndefined();
    }
  });

  it('reads git config values as git does', () => {
    const cfg = '[core]\n\tbare = false\n[remote "origin"]\n\turl = "git@github.com:a/b.git" ; comment\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[remote "other"]\n\turl = https://x/y\n';
    expect(originUrl(cfg)).toBe('git@github.com:a/b.git');
    expect(configValue('[Extensions]\n\tobjectFormat = sha256\n', 'extensions', undefined, 'objectformat')).toBe('sha256');
    expect(originUrl('[remote "origin"]\n\turl = https://x/evil url\n')).toBeUndefined();
  });

  it('applies copy and insert delta instructions, refusing malformed ones', () => {
    const base = Buffer.from('hello world');
    // src 11, dst 11: copy 6 bytes from offset 0, insert "there".
    const delta = Buffer.from([11, 11, 0x90, 6, 5, ...Buffer.from('there')]);
    expect(applyDelta(base, delta)?.toString()).toBe('hello there');
    expect(applyDelta(base, Buffer.from([11, 11, 0x91, 200, 6]))).toBeUndefined();
    expect(applyDelta(base, Buffer.from([10, 11]))).toBeUndefined();
  });
});
