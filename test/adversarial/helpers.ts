// Helpers of the adversarial suite: hostile repositories and wikis built in temporary folders, and git
// run on the test's OWN repositories with a clean environment (never goldpath's job).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
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

/** A small Python repository (package `pkg`, examples `train.py` and, with `extra`, `export.py`) and a wiki with a `_RepoMap.md`. */
export function smallRepo(root = scratch('goldpath-adv-'), opts: { extra?: boolean; pkg?: string } = {}): { root: string; repo: string; wiki: string } {
  const pkg = opts.pkg ?? 'pkg';
  const repo = path.join(root, 'repo');
  const wiki = path.join(root, 'wiki');
  mkdirSync(path.join(repo, pkg), { recursive: true });
  mkdirSync(path.join(repo, 'examples'), { recursive: true });
  mkdirSync(wiki, { recursive: true });
  writeFileSync(
    path.join(repo, pkg, '__init__.py'),
    'def load(name):\n    """Load a model."""\n    return name\n\n\ndef train(model, steps=1):\n    """Train it."""\n    return model\n\n\ndef save(model, path):\n    """Save it."""\n    return path\n\n\ndef export(model, fmt="onnx"):\n    """Export it."""\n    return fmt\n\n\ndef quantize(model, bits=4):\n    """Quantize it."""\n    return model\n',
  );
  writeFileSync(path.join(repo, 'examples', 'train.py'), `import ${pkg}\nm = ${pkg}.load("x")\nm = ${pkg}.train(m, steps=3)\n${pkg}.save(m, "out")\n`);
  if (opts.extra) writeFileSync(path.join(repo, 'examples', 'export.py'), `import ${pkg}\nm = ${pkg}.load("x")\nq = ${pkg}.quantize(m, bits=8)\n${pkg}.export(q, fmt="gguf")\n`);
  return { root, repo, wiki };
}

/** A `_RepoMap.md` with rows for the given files (Coverage `—`). */
export function repoMap(files: string[], extraCoverage: Record<string, string> = {}): string {
  const rows = files.map((f) => `| ✅ | \`${f}\` | 10 | A file | ${extraCoverage[f] ?? '—'} |`).join('\n');
  return `# Repository Map\n\n| Property | Value |\n|----------|-------|\n| Repository | https://github.com/acme/tiny |\n\n## Files\n\n| Status | File | Lines | Purpose | Coverage |\n|--------|------|-------|---------|----------|\n${rows}\n`;
}

/**
 * Every entry under `dir` (relative path → text; a symbolic link → `-> target`, not followed; an empty
 * folder → `<dir>`), goldpath's own lock left aside when asked.
 */
export function tree(dir: string, opts: { withoutLock?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (rel && entries.length === 0) out[rel] = '<dir>';
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(d, e.name);
      if (e.isSymbolicLink()) out[r] = `-> ${readlinkSync(abs)}`;
      else if (e.isDirectory()) walk(abs, r);
      else if (!(opts.withoutLock && r === '.goldpath.lock')) out[r] = readFileSync(abs, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}
