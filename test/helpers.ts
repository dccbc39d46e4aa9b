// Shared test helpers: run goldpath on a fixture in a scratch copy of its input wiki.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { extractWorkflows, renderWiki, writeWiki, type GoldpathModel } from '../packages/core/src/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(ROOT, 'packages/cli/dist/main.js');

/** Fixture folders: examples/<name>/{repo,wiki,expected,goldpath.args.json}. */
export function fixtures(): string[] {
  return readdirSync(path.join(ROOT, 'examples'))
    .filter((n) => {
      try {
        return statSync(path.join(ROOT, 'examples', n, 'goldpath.args.json')).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

export function fixtureArgs(name: string): string[] {
  return JSON.parse(readFileSync(path.join(ROOT, 'examples', name, 'goldpath.args.json'), 'utf8')) as string[];
}

/** Options for extractWorkflows from a fixture's CLI args (only --name and --date are used by fixtures). */
export function argsToOptions(args: string[]): { name?: string; date?: string } {
  const out: { name?: string; date?: string } = {};
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '--name') out.name = args[i + 1];
    else if (args[i] === '--date') out.date = args[i + 1];
    else throw new Error(`unsupported fixture arg ${args[i]}`);
  }
  return out;
}

export function scratch(prefix = 'goldpath-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copies a fixture's input wiki into a fresh scratch folder; returns its path. */
export function copyWiki(name: string, into = scratch()): string {
  const dest = path.join(into, 'wiki');
  cpSync(path.join(ROOT, 'examples', name, 'wiki'), dest, { recursive: true });
  return dest;
}

export async function runLibrary(repo: string, wiki: string, opts: { name?: string; date?: string; forceWasm?: boolean } = {}): Promise<GoldpathModel> {
  const model = await extractWorkflows({ repo, wiki, ...opts });
  const files = await renderWiki(model, { wikiDir: wiki });
  await writeWiki(wiki, files, model);
  return model;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, options: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, ...options });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch copy of a fixture's repository (to change it without touching the committed one). */
export function copyRepo(name: string, into = scratch()): string {
  const dest = path.join(into, 'repo');
  cpSync(path.join(ROOT, 'examples', name, 'repo'), dest, { recursive: true });
  return dest;
}

/** Every file under a folder, relative path → bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.set(r, readFileSync(path.join(d, e.name)));
    }
  };
  walk(dir, '');
  return out;
}

/** Runs pnpm as the tests were started (`pnpm test`), else through npx; throws with its output on failure. */
export function pnpm(args: string[], options: SpawnSyncOptions = {}): string {
  const viaPnpm = process.env.npm_execpath && /pnpm/.test(path.basename(process.env.npm_execpath));
  const [cmd, pre] = viaPnpm ? [process.execPath, [process.env.npm_execpath!]] : ['npx', ['-y', 'pnpm@10']];
  const r = spawnSync(cmd, [...pre, ...args], { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`pnpm ${args.join(' ')} failed (${r.status}):\n${String(r.stdout)}\n${String(r.stderr)}`);
  return String(r.stdout);
}
