// One run at a time: a lock file in the wiki makes a concurrent run wait (bounded) or exit 2 naming the
// holder; a dead holder's lock is broken; two runs sharing one RepoMap both keep their Coverage.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWiki, type GoldpathModel } from '../../packages/core/src/index.js';
import { CLI, scratch } from '../helpers.js';
import { cli, cliAsync, noStackTrace, repoMap, smallRepo, tinylm, tree } from './helpers.js';

/** A process that stays alive until killed, and its pid. */
async function liveProcess(): Promise<{ pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

function fakeModel(repoName: string, repoMapPath?: string): GoldpathModel {
  return { repoName, workflows: [], wikiInputs: { notes: [], ...(repoMapPath ? { repoMap: repoMapPath } : {}) } } as unknown as GoldpathModel;
}

describe('the wiki lock', () => {
  it('a run finding the lock of a live process waits, then exits 2 naming the lock and the pid', async () => {
    const t = tinylm();
    const holder = await liveProcess();
    try {
      writeFileSync(path.join(t.wiki, '.goldpath.lock'), `${holder.pid}\n${os.hostname()}\n`);
      const before = tree(t.wiki);
      const r = cli([t.repo, '--wiki', t.wiki], { GOLDPATH_LOCK_WAIT_MS: '300' });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`another goldpath run holds ${path.join(t.wiki, '.goldpath.lock')} (pid ${holder.pid})`);
      expect(noStackTrace(r.stderr)).toBe(true);
      expect(tree(t.wiki)).toEqual(before);
    } finally {
      holder.stop();
    }
  });

  it('a run waiting for the lock ends on SIGTERM (the signal is not swallowed) and leaves the holder\'s lock alone', async () => {
    const t = tinylm();
    const holder = await liveProcess();
    try {
      const lock = path.join(t.wiki, '.goldpath.lock');
      writeFileSync(lock, `${holder.pid}\n${os.hostname()}\n`);
      const child = spawn(process.execPath, [CLI, t.repo, '--wiki', t.wiki], { env: { ...process.env, GOLDPATH_LOCK_WAIT_MS: '60000' }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // Once it writes, it is waiting for the lock.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (/write: /.test(stderr)) {
            clearInterval(poll);
            resolve();
          }
        }, 50);
      });
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.once('exit', (c, s) => r([c, s])));
      expect(signal ?? code).toBe('SIGTERM');
      expect(readFileSync(lock, 'utf8')).toBe(`${holder.pid}\n${os.hostname()}\n`);
    } finally {
      holder.stop();
    }
  });

  it('the lock of a dead process is stale: broken, and the run completes and releases its own', async () => {
    const t = tinylm();
    writeFileSync(path.join(t.wiki, '.goldpath.lock'), `${await deadPid()}\n${os.hostname()}\n`);
    const r = cli([t.repo, '--wiki', t.wiki], { GOLDPATH_LOCK_WAIT_MS: '300' });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(t.wiki, '.goldpath.lock'))).toBe(false);
  });

  it('a lock planted as a symbolic link is refused, and the link target is not touched', () => {
    const t = tinylm();
    const outside = path.join(t.root, 'outside.txt');
    writeFileSync(outside, 'outside\n');
    symlinkSync(outside, path.join(t.wiki, '.goldpath.lock'));
    const r = cli([t.repo, '--wiki', t.wiki]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing the lock .* symbolic link/);
    expect(readFileSync(outside, 'utf8')).toBe('outside\n');
  });

  it('two writes into one wiki at once are serialised: the wiki is entirely one or the other', async () => {
    const wiki = path.join(scratch(), 'wiki');
    const model = fakeModel('acme_x');
    const files = (tag: string) => Array.from({ length: 300 }, (_, i) => ({ path: `workflows/acme_x_P${String(i).padStart(3, '0')}.md`, content: `${tag}\n` }));
    await Promise.all([writeWiki(wiki, files('A'), model), writeWiki(wiki, files('B'), model)]);
    const contents = new Set(Object.values(tree(wiki)));
    expect(contents.size).toBe(1);
  });

  it('two CLI runs on one wiki at once: both succeed, and the wiki is entirely the last one', async () => {
    const t = tinylm();
    const dates = ['2025-01-01 00:00', '2025-06-01 12:00'];
    const runs = await Promise.all(dates.map((d) => cliAsync([t.repo, '--wiki', t.wiki, '--date', d])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const pages = Object.entries(tree(t.wiki)).filter(([p]) => p.startsWith('workflows/acme_tinylm_'));
    const stamps = new Set(pages.map(([, text]) => /\[\[last_updated::([^\]]+)\]\]/.exec(text)![1]));
    expect(stamps.size).toBe(1);
    expect(existsSync(path.join(t.wiki, '.goldpath.lock'))).toBe(false);
  });

  it('two runs for different repositories sharing one _RepoMap.md both keep their Coverage', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const root = scratch();
      const a = smallRepo(path.join(root, 'a'), { pkg: 'alpha' });
      const b = smallRepo(path.join(root, 'b'), { pkg: 'beta' });
      const wiki = path.join(root, 'wiki');
      mkdirSync(wiki);
      writeFileSync(path.join(wiki, '_RepoMap.md'), repoMap(['alpha/__init__.py', 'beta/__init__.py'], { 'beta/__init__.py': 'Principle: a;b;;c' }));
      const runs = await Promise.all([
        cliAsync([a.repo, '--wiki', wiki, '--name', 'acme_alpha']),
        cliAsync([b.repo, '--wiki', wiki, '--name', 'acme_beta']),
      ]);
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      const map = readFileSync(path.join(wiki, '_RepoMap.md'), 'utf8');
      expect(map, `trial ${trial}`).toMatch(/`alpha\/__init__\.py` .* Workflow: acme_alpha_\w+ \|/);
      expect(map, `trial ${trial}`).toMatch(/`beta\/__init__\.py` .* Workflow: acme_beta_\w+; Principle: a;b;;c \|/);
    }
  }, 180_000);
});
