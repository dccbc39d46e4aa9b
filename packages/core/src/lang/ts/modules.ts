// Module specifiers → repository files, without node_modules and without running anything.
// An example imports the library by its published name (`import Acme from 'acme-sdk'`); the code is in this
// repository. Package names map to sources through package.json (`exports`, `main`, `types`), tsconfig
// `paths`, and the workspace packages of a monorepo; `.ts` sources win over built `.js`/`.d.ts` files.
import { builtinModules } from 'node:module';
import type { RepoFiles } from '../../repo/files.js';
import { parseJsonc } from './jsonc.js';

export type ModuleTarget =
  | { kind: 'repo'; path: string }
  | { kind: 'external'; distribution: string }
  | { kind: 'builtin'; module: string }
  | { kind: 'missing'; reason: string };

export interface JsPackage {
  name: string;
  /** Directory of the package.json, '' for the root. */
  dir: string;
  json: Record<string, unknown>;
}

interface TsConfig {
  dir: string;
  paths: { pattern: string; targets: string[] }[];
  baseUrl: string;
  outDir?: string;
  rootDir?: string;
}

/** Source extensions, in the order a source is preferred over build output. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const BUILT_EXT = /(\.d)?\.(m|c)?(j|t)sx?$/;
/** Build-output folders whose files usually come from `src/`. */
const OUTPUT_DIRS = ['dist', 'lib', 'build', 'out', 'esm', 'cjs', 'types'];
/** Condition names of `exports`, most source-like first. */
const CONDITIONS = ['source', 'typescript', 'development', 'import', 'module', 'require', 'node', 'default', 'types'];

const NODE_BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class ModuleMap {
  /** Workspace packages by name (the root package included). */
  readonly packages = new Map<string, JsPackage>();
  private readonly tsconfigs = new Map<string, TsConfig | undefined>();
  private readonly cache = new Map<string, ModuleTarget>();

  private constructor(
    private readonly files: RepoFiles,
    /** Declared dependencies (all package.json files of the workspace). */
    readonly dependencies: Set<string>,
  ) {}

  static async load(files: RepoFiles): Promise<ModuleMap> {
    const root = await readPackageJson(files, 'package.json');
    const globs = workspaceGlobs(root?.json, files.has('pnpm-workspace.yaml') ? await files.readOrSkip('pnpm-workspace.yaml') : undefined, await readJson(files, 'lerna.json'));
    const found: JsPackage[] = root ? [root] : [];
    for (const f of files.files) {
      if (!f.path.endsWith('/package.json')) continue;
      const dir = f.path.slice(0, -'/package.json'.length);
      if (!globs(dir)) continue;
      const pkg = await readPackageJson(files, f.path);
      if (pkg) found.push(pkg);
    }
    const deps = new Set<string>();
    for (const p of found) for (const k of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) for (const d of Object.keys(asRecord(p.json[k]))) deps.add(d);
    const map = new ModuleMap(files, deps);
    // One package per name, the shallowest first; but a private workspace root that shares its name with a
    // workspace package (e2b's root `package.json` and `packages/js-sdk`, both `e2b`) is the monorepo, not
    // the published package.
    const privateRoot = (p: JsPackage) => p.dir === '' && p.json.private === true && found.some((q) => q !== p && q.name === p.name);
    for (const p of found.filter((x) => !privateRoot(x)).sort((a, b) => a.dir.length - b.dir.length || byCodeUnit(a.dir, b.dir))) {
      if (p.name && !map.packages.has(p.name)) map.packages.set(p.name, p);
    }
    // Workspace packages are the repository's own code, not dependencies.
    for (const name of map.packages.keys()) deps.delete(name);
    for (const p of found) map.loadTsconfig(p.dir);
    return map;
  }

  /** Where `spec`, imported from the repository file `from`, leads. */
  resolve(spec: string, from: string): ModuleTarget {
    const key = `${spec}\0${from}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.resolveUncached(spec, from);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private resolveUncached(rawSpec: string, from: string): ModuleTarget {
    const fromDir = dirOf(from);
    // Deno-style `npm:openai@4/helpers` names the npm package `openai`.
    const spec = rawSpec.startsWith('npm:') ? rawSpec.slice(4).replace(/^(@[^/@]+\/)?([^/@]+)@[^/]*/, '$1$2') : rawSpec;
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = spec.startsWith('/') ? spec.slice(1) : joinPath(fromDir, spec);
      if (target === undefined) return { kind: 'missing', reason: `\`${spec}\` leaves the repository` };
      const hit = this.fileFor(target);
      return hit ? { kind: 'repo', path: hit } : { kind: 'missing', reason: `no repository file for \`${spec}\`` };
    }
    const bare = spec.replace(/^node:/, '');
    if (spec.startsWith('node:') || NODE_BUILTINS.has(bare.split('/')[0])) return { kind: 'builtin', module: bare };
    const viaPaths = this.throughPaths(spec, from);
    if (viaPaths) return { kind: 'repo', path: viaPaths };
    const name = packageNameOf(spec);
    const pkg = this.packages.get(name);
    if (pkg) {
      const hit = this.throughPackage(pkg, spec.slice(name.length).replace(/^\//, ''));
      return hit ? { kind: 'repo', path: hit } : { kind: 'missing', reason: `\`${spec}\` names this repository's package \`${name}\` but no source file matches` };
    }
    return { kind: 'external', distribution: name };
  }

  /** tsconfig `paths` of the nearest tsconfig.json above `from` (following `extends`). */
  private throughPaths(spec: string, from: string): string | undefined {
    for (let dir = dirOf(from); ; dir = dirOf(dir)) {
      const cfg = this.tsconfigs.get(dir) ?? (this.files.has(joinDir(dir, 'tsconfig.json')) ? this.loadTsconfig(dir) : undefined);
      if (cfg) {
        for (const { pattern, targets } of cfg.paths) {
          const star = pattern.indexOf('*');
          let matched: string | undefined;
          if (star < 0) matched = pattern === spec ? '' : undefined;
          else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) && spec.length >= pattern.length - 1) matched = spec.slice(star, spec.length - (pattern.length - star - 1));
          if (matched === undefined) continue;
          for (const t of targets) {
            const p = joinPath(cfg.baseUrl, t.replace('*', matched));
            const hit = p !== undefined ? this.fileFor(p) : undefined;
            if (hit) return hit;
          }
        }
        return undefined;
      }
      if (dir === '') return undefined;
    }
  }

  /** The source file of a path a package.json names (`bin`, `main`): `dist/cli.js` → `src/cli.ts`. */
  sourceOf(pkgDir: string, target: string): string | undefined {
    const p = joinPath(pkgDir, target);
    if (p === undefined) return undefined;
    for (const s of sourceGuesses(p, pkgDir, this.tsconfigs.get(pkgDir))) {
      const hit = this.fileFor(s, true);
      if (hit) return hit;
    }
    return this.fileFor(p);
  }

  private throughPackage(pkg: JsPackage, sub: string): string | undefined {
    const targets: string[] = [];
    const exp = pkg.json.exports;
    if (exp !== undefined && exp !== null) {
      const key = sub ? `./${sub}` : '.';
      const entries = subpathsOf(exp);
      if (key in entries) targets.push(...leaves(entries[key]));
      else {
        for (const [k, v] of Object.entries(entries).sort((a, b) => b[0].length - a[0].length || byCodeUnit(a[0], b[0]))) {
          const star = k.indexOf('*');
          if (star < 0 || !key.startsWith(k.slice(0, star)) || !key.endsWith(k.slice(star + 1))) continue;
          const m = key.slice(star, key.length - (k.length - star - 1));
          targets.push(...leaves(v).map((t) => t.replace(/\*/g, m)));
          break;
        }
      }
    }
    if (sub) targets.push(`./${sub}`);
    else for (const k of ['source', 'module', 'main', 'types', 'typings']) if (typeof pkg.json[k] === 'string') targets.push(pkg.json[k] as string);
    if (!sub) targets.push('./index');
    const cfg = this.tsconfigs.get(pkg.dir);
    // Every target, first as the source it was built from, then as itself.
    for (const t of targets) {
      const p = joinPath(pkg.dir, t);
      if (p === undefined) continue;
      for (const s of sourceGuesses(p, pkg.dir, cfg)) {
        const hit = this.fileFor(s, true);
        if (hit) return hit;
      }
    }
    for (const t of targets) {
      const p = joinPath(pkg.dir, t);
      const hit = p !== undefined ? this.fileFor(p) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * Every source file a package's entries name: each condition's target of each `exports` subpath (else
   * `source`, `module`, `main`, `types`), as the source it was built from when there is one; `open` when a
   * `*` subpath publishes a folder's files by pattern. Declaration files (`.d.ts`) are left out.
   */
  entryFiles(pkg: JsPackage): string[] | 'open' {
    const exp = pkg.json.exports;
    const targets: string[] = [];
    if (exp !== undefined && exp !== null) {
      const entries = subpathsOf(exp);
      for (const [k, v] of Object.entries(entries)) {
        // (`"./*": "./*"` lets any file of the package be imported as it lies, package.json and build
        // output alike: an escape hatch beside the named entries, not more of the API. A pattern into a
        // folder of modules, `"./helpers/*": "./dist/helpers/*.js"`, publishes that folder.)
        if (k.includes('*') && leaves(v).every((t) => t === './*')) continue;
        if (k.includes('*')) return 'open';
        targets.push(...leaves(v));
      }
    } else for (const k of ['source', 'module', 'main', 'types', 'typings']) if (typeof pkg.json[k] === 'string') targets.push(pkg.json[k] as string);
    if (!targets.length) targets.push('./index');
    const cfg = this.tsconfigs.get(pkg.dir);
    const out = new Set<string>();
    for (const t of targets) {
      const p = joinPath(pkg.dir, t);
      if (p === undefined) continue;
      const hit = sourceGuesses(p, pkg.dir, cfg).map((x) => this.fileFor(x, true)).find((x) => x !== undefined) ?? this.fileFor(p);
      if (hit && !/\.d\.(m|c)?ts$/.test(hit)) out.add(hit);
    }
    return [...out].sort(byCodeUnit);
  }

  /**
   * The repository file a path names, trying source extensions and `index` files; `.js` written in a
   * TypeScript import (`./client.js`) means the `.ts` file. `sourceOnly` refuses `.d.ts` files.
   */
  fileFor(p: string, sourceOnly = false): string | undefined {
    const has = (x: string) => this.files.has(x) && !(sourceOnly && /\.d\.(m|c)?ts$/.test(x));
    const stem = p.replace(BUILT_EXT, '');
    const guesses: string[] = [];
    if (stem !== p) guesses.push(...['.ts', '.tsx', '.mts', '.cts'].map((e) => stem + e));
    guesses.push(p);
    // A declaration or bundle built from JavaScript sources (types from JSDoc): `src/index.d.ts` → `src/index.js`.
    if (stem !== p) guesses.push(...['.js', '.jsx', '.mjs', '.cjs'].map((e) => stem + e));
    guesses.push(...SOURCE_EXTENSIONS.map((e) => p + e));
    guesses.push(...SOURCE_EXTENSIONS.map((e) => joinDir(p, `index${e}`)));
    if (!sourceOnly) guesses.push(`${stem}.d.ts`, joinDir(p, 'index.d.ts'));
    return guesses.find((g) => has(g) && /\.(d\.)?(m|c)?(j|t)sx?$/.test(g));
  }

  private loadTsconfig(dir: string): TsConfig | undefined {
    if (this.tsconfigs.has(dir)) return this.tsconfigs.get(dir);
    const cfg = readTsconfig(this.files, joinDir(dir, 'tsconfig.json'), 0);
    this.tsconfigs.set(dir, cfg);
    return cfg;
  }
}

/** `exports` by subpath: a string, an array or an object of conditions alone is the package's own (`.`) entry. */
function subpathsOf(exp: unknown): Record<string, unknown> {
  return typeof exp === 'string' || Array.isArray(exp) || !Object.keys(asRecord(exp)).some((k) => k.startsWith('.')) ? { '.': exp } : asRecord(exp);
}

/** `exports` leaves in condition order (strings only). */
function leaves(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(leaves);
  const r = asRecord(v);
  const keys = Object.keys(r).sort((a, b) => rank(a) - rank(b) || byCodeUnit(a, b));
  return keys.flatMap((k) => leaves(r[k]));
}
const rank = (k: string) => (CONDITIONS.includes(k) ? CONDITIONS.indexOf(k) : CONDITIONS.length);

/** Source files a built path may come from: tsconfig `outDir` → `rootDir`, then `dist/…` → `src/…`. */
function sourceGuesses(p: string, pkgDir: string, cfg: TsConfig | undefined): string[] {
  const rel = pkgDir ? p.slice(pkgDir.length + 1) : p;
  const out: string[] = [];
  if (cfg?.outDir !== undefined) {
    const o = cfg.outDir.replace(/^\.\//, '').replace(/\/$/, '');
    if (rel.startsWith(`${o}/`)) out.push(joinDir(pkgDir, joinDir((cfg.rootDir ?? 'src').replace(/^\.\//, '').replace(/\/$/, '').replace(/^\.$/, ''), rel.slice(o.length + 1))));
  }
  const parts = rel.split('/');
  // dist/index.js, dist/esm/index.js, lib/cjs/index.js → src/index.ts
  for (let n = 1; n <= 2 && n < parts.length; n++) {
    if (!parts.slice(0, n).every((d) => OUTPUT_DIRS.includes(d))) break;
    out.push(joinDir(pkgDir, ['src', ...parts.slice(n)].join('/')));
  }
  out.push(p);
  return out;
}

function readTsconfig(files: RepoFiles, file: string, depth: number): TsConfig | undefined {
  if (!files.has(file) || depth > 5) return undefined;
  const r = files.readSync(file);
  if (!r.ok) return undefined;
  const json = parseJsonc(r.text);
  if (!json) {
    files.skip(file, 'unparseable tsconfig (JSON with comments)');
    return undefined;
  }
  const dir = dirOf(file);
  let base: TsConfig | undefined;
  const ext = typeof json.extends === 'string' ? json.extends : undefined;
  if (ext && ext.startsWith('.')) {
    const p = joinPath(dir, ext);
    if (p !== undefined) base = readTsconfig(files, p.endsWith('.json') ? p : `${p}.json`, depth + 1);
  }
  const co = asRecord(json.compilerOptions);
  const baseUrl = typeof co.baseUrl === 'string' ? (joinPath(dir, co.baseUrl) ?? dir) : (base?.baseUrl ?? dir);
  const paths = co.paths
    ? Object.entries(asRecord(co.paths))
        .filter((e): e is [string, string[]] => Array.isArray(e[1]))
        .map(([pattern, targets]) => ({ pattern, targets: targets.filter((t): t is string => typeof t === 'string') }))
    : (base?.paths ?? []);
  return {
    dir,
    baseUrl,
    paths,
    ...(typeof co.outDir === 'string' ? { outDir: co.outDir } : base?.outDir ? { outDir: base.outDir } : {}),
    ...(typeof co.rootDir === 'string' ? { rootDir: co.rootDir } : base?.rootDir ? { rootDir: base.rootDir } : {}),
  };
}

async function readJson(files: RepoFiles, p: string): Promise<Record<string, unknown> | undefined> {
  if (!files.has(p)) return undefined;
  const text = await files.readOrSkip(p);
  if (text === undefined) return undefined;
  try {
    return asRecord(JSON.parse(text));
  } catch (e) {
    files.skip(p, `invalid JSON: ${(e as Error).message}`);
    return undefined;
  }
}

async function readPackageJson(files: RepoFiles, p: string): Promise<JsPackage | undefined> {
  const json = await readJson(files, p);
  if (!json) return undefined;
  return { name: typeof json.name === 'string' ? json.name : '', dir: p === 'package.json' ? '' : p.slice(0, -'/package.json'.length), json };
}

/** Workspace folder globs (npm/yarn `workspaces`, `pnpm-workspace.yaml`, lerna) as regular expressions. */
function workspaceGlobs(root: Record<string, unknown> | undefined, pnpmYaml: string | undefined, lerna: Record<string, unknown> | undefined): (dir: string) => boolean {
  const globs: string[] = [];
  const ws = root?.workspaces;
  if (Array.isArray(ws)) globs.push(...ws.filter((x): x is string => typeof x === 'string'));
  else if (Array.isArray(asRecord(ws).packages)) globs.push(...(asRecord(ws).packages as unknown[]).filter((x): x is string => typeof x === 'string'));
  if (pnpmYaml) {
    // Only the `packages:` list of a small, regular file is needed; no YAML library for that.
    let inPackages = false;
    for (const line of pnpmYaml.split(/\r\n|\r|\n/)) {
      if (/^packages\s*:/.test(line)) inPackages = true;
      else if (/^\S/.test(line)) inPackages = false;
      else if (inPackages) {
        const m = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line);
        if (m) globs.push(m[1]);
      }
    }
  }
  if (lerna && Array.isArray(lerna.packages)) globs.push(...lerna.packages.filter((x): x is string => typeof x === 'string'));
  const included = globs.filter((g) => !g.startsWith('!')).map(globPattern);
  // `!packages/x/**` takes folders back out, as pnpm and npm do.
  const excluded = globs.filter((g) => g.startsWith('!')).map((g) => globPattern(g.slice(1)));
  return (dir) => included.some((re) => re.test(dir)) && !excluded.some((re) => re.test(dir));
}

/** A workspace glob as a pattern of folders: `*` is one name, `**` any number of them (none included). */
function globPattern(glob: string): RegExp {
  const parts = glob.replace(/^\.\//, '').replace(/\/$/, '').split('/');
  const name = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  const re = parts.map((s, i) => (s !== '**' ? name(s) + (i < parts.length - 1 ? '/' : '') : i < parts.length - 1 ? '(?:[^/]+/)*' : '.*')).join('');
  return new RegExp(`^${re}$`);
}

export function packageNameOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function joinDir(dir: string, name: string): string {
  return dir ? (name ? `${dir}/${name}` : dir) : name;
}

/** Joins a relative path onto a repository folder; undefined when it climbs out of the repository. */
export function joinPath(dir: string, rel: string): string | undefined {
  const out = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}
