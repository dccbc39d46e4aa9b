// Helpers of the adversarial suite: hostile repositories and wikis built in temporary folders, and git
// run on the test's OWN repositories with a clean environment (never goldpath's job).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, ROOT, scratch } from '../helpers.js';

export const TINYLM = path.join(ROOT, 'examples/tinylm');
export const DATE = ['--date', '2025-06-01 12:00'];

/** A copy of the tinylm fixture repository (and its input wiki) in a fresh scratch folder. */
export function tinylm(): { root: string; repo: string; wiki: string } {
  const root = scratch('goldpath-adv-');
  const repo = path.join(root, 'repo');
  const wiki = path.join(root, 'wiki');
  cpSync(path.join(TINYLM, 'repo'), repo, { recursive: true });
  cpSync(path.join(TINYLM, 'wiki'), wiki, { recursive: true });
  return { root, repo, wiki };
}

export function cleanGitEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.org',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.org',
    LANG: 'C',
  };
}

/** Runs git on a repository this test created (never on anything else). */
export function git(repo: string, args: string[], input?: string): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: cleanGitEnv(repo), ...(input !== undefined ? { input } : {}) }).trim();
}

/** A shell script that touches `marker` when anything runs it. */
export function markerScript(file: string, marker: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\ntouch '${marker}'\nexit 0\n`);
  chmodSync(file, 0o755);
  return file;
}

export function exists(p: string): boolean {
  return existsSync(p);
}

/** The CLI run synchronously with an environment of the test's choosing (PATH included). */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}, opts: { replaceEnv?: boolean } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: opts.replaceEnv ? env : { ...process.env, ...env } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI started asynchronously; resolves when it exits. */
export function cliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** No stack trace line (`    at f (file:1:2)`) and no `internal error` in a CLI's stderr. */
export function noStackTrace(stderr: string): boolean {
  return !/^\s+at .*[:(]/m.test(stderr) && !/internal error/.test(stderr);
}
