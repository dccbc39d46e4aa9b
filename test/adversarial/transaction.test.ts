// All or nothing: a run killed at any step of the swap leaves, once the next run has recovered, the wiki
// entirely as before or entirely as after; a failing rename or write is a clear error with the wiki
// restored; no temporary file survives.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverWiki } from '../../packages/core/src/wiki/transaction.js';
import { CLI, scratch } from '../helpers.js';
import { cli, noStackTrace, repoMap, smallRepo, tinylm, tree } from './helpers.js';
import { spawnSync } from 'node:child_process';

const ARGS = ['--name', 'acme_tiny', '--date', '2025-06-01 12:00'];

/**
 * A wiki before a run and after it, where every file the run writes differs between the two (pages and
 * index replaced, the report created, the RepoMap's Coverage filled), whatever the grouping decides.
 */
function beforeAndAfter() {
  const s = smallRepo(undefined, { extra: true });
  const map = repoMap(['pkg/__init__.py', 'examples/train.py', 'examples/export.py']);
  writeFileSync(path.join(s.wiki, '_RepoMap.md'), map);
  mkdirSync(path.join(s.wiki, 'workflows'));
  writeFileSync(path.join(s.wiki, 'workflows', 'other_repo_Page.md'), 'another repository\n');
  expect(cli([s.repo, '--wiki', s.wiki, ...ARGS]).code).toBe(0);
  for (const n of readdirSync(path.join(s.wiki, 'workflows'))) {
    if (n.startsWith('acme_tiny_')) writeFileSync(path.join(s.wiki, 'workflows', n), `${readFileSync(path.join(s.wiki, 'workflows', n), 'utf8')}OLD\n`);
  }
  writeFileSync(path.join(s.wiki, '_WorkflowIndex.md'), `${readFileSync(path.join(s.wiki, '_WorkflowIndex.md'), 'utf8')}OLD\n`);
  rmSync(path.join(s.wiki, '_reports', 'phase1_anchoring.md'));
  writeFileSync(path.join(s.wiki, '_RepoMap.md'), map);
  const old = tree(s.wiki);
  const expected = path.join(scratch(), 'wiki');
  cpSync(s.wiki, expected, { recursive: true });
  const r = cli([s.repo, '--wiki', expected, ...ARGS]);
  expect(r.code, r.stderr).toBe(0);
  return { ...s, old, after: tree(expected) };
}

function freshCopy(wiki: string): string {
  const w = path.join(scratch(), 'wiki');
  cpSync(wiki, w, { recursive: true });
  return w;
}

describe('all-or-nothing writes', () => {
  it('a run killed at each step of the swap leaves the wiki entirely old or entirely new after recovery', () => {
    const s = beforeAndAfter();
    // Every file of the new run differs from the old one or is new, so a mix cannot pass for either.
    for (const [p, text] of Object.entries(s.after)) if (!p.startsWith('workflows/other')) expect(text, p).not.toBe(s.old[p]);
    const outcomes: string[] = [];
    for (let n = 1; n < 40; n++) {
      const wiki = freshCopy(s.wiki);
      const r = cli([s.repo, '--wiki', wiki, ...ARGS], { GOLDPATH_TEST_KILL_AT_RENAME: String(n) });
      if (r.signal !== 'SIGKILL') {
        // Past the last step: the run completed.
        expect(r.code, r.stderr).toBe(0);
        expect(tree(wiki)).toEqual(s.after);
        break;
      }
      expect(existsSync(path.join(wiki, '.goldpath-staging')), `step ${n}: a killed run leaves its staging folder`).toBe(true);
      recoverWiki(wiki);
      const now = tree(wiki, { withoutLock: true });
      const state = JSON.stringify(now) === JSON.stringify(s.old) ? 'old' : JSON.stringify(now) === JSON.stringify(s.after) ? 'new' : 'mixed';
      expect(state, `killed at step ${n}: ${Object.keys(now).join(', ')}`).not.toBe('mixed');
      outcomes.push(state);
    }
    // At least: killed before the first rename, during the swap, and after the commit (finished).
    expect(outcomes.length).toBeGreaterThanOrEqual(8);
    expect(outcomes.at(-1)).toBe('new');
    expect(outcomes.slice(0, -1).every((o) => o === 'old')).toBe(true);
  }, 240_000);

  it('the next run recovers a killed run by itself (stale lock broken, staging removed) and completes', () => {
    const s = beforeAndAfter();
    const wiki = freshCopy(s.wiki);
    const killed = cli([s.repo, '--wiki', wiki, ...ARGS], { GOLDPATH_TEST_KILL_AT_RENAME: '4' });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(path.join(wiki, '.goldpath.lock'))).toBe(true);
    const next = cli([s.repo, '--wiki', wiki, ...ARGS], { GOLDPATH_LOCK_WAIT_MS: '2000' });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/rolled back an interrupted run/);
    expect(tree(wiki)).toEqual(s.after);
  });

  it('a rename that fails half way is a clear error (exit 2) and the wiki is restored, with no temporary file left', () => {
    const s = beforeAndAfter();
    for (const n of [2, 5, 8]) {
      const wiki = freshCopy(s.wiki);
      const r = cli([s.repo, '--wiki', wiki, ...ARGS], { GOLDPATH_TEST_FAIL_AT_RENAME: String(n) });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/cannot replace .*: EIO: i\/o error.*the wiki was restored as it was/);
      expect(noStackTrace(r.stderr)).toBe(true);
      expect(tree(wiki)).toEqual(s.old);
    }
  }, 120_000);

  it('a page path that is a folder is refused before anything is written (exit 2, no stack trace)', () => {
    const s = beforeAndAfter();
    const wiki = freshCopy(s.wiki);
    // The last page in the write order, so that everything before it would have been replaced.
    const page = Object.keys(s.after).filter((p) => p.startsWith('workflows/acme_tiny_')).sort().at(-1)!;
    rmSync(path.join(wiki, page));
    mkdirSync(path.join(wiki, page));
    writeFileSync(path.join(wiki, page, 'x'), 'x');
    const before = tree(wiki);
    const r = cli([s.repo, '--wiki', wiki, ...ARGS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`refusing to write ${page} in the wiki`);
    expect(r.stderr).toMatch(/is a folder, not a page; nothing was written/);
    expect(noStackTrace(r.stderr)).toBe(true);
    expect(tree(wiki)).toEqual(before);
  });

  it('a write that fails (file-size limit) leaves no temporary file and the wiki as it was', () => {
    const t = tinylm();
    const before = tree(t.wiki);
    const r = spawnSync('/bin/sh', ['-c', `ulimit -f 2; exec "${process.execPath}" "${CLI}" "${t.repo}" --wiki "${t.wiki}"`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cannot write .* in the wiki .*: EFBIG: file too large; nothing was written/);
    expect(tree(t.wiki)).toEqual(before);
    expect(readdirSync(t.wiki).filter((n) => n.startsWith('.goldpath'))).toEqual([]);
  });

  it('a successful run leaves nothing of its own but its outputs (no staging, no lock, no temporary file)', () => {
    const t = tinylm();
    expect(cli([t.repo, '--wiki', t.wiki]).code).toBe(0);
    expect(Object.keys(tree(t.wiki)).filter((p) => /goldpath|\.tmp$/.test(p))).toEqual([]);
  });
});
