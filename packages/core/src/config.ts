// goldpath's configuration: `goldpath.config.json`, `[tool.goldpath]` in pyproject.toml or a `goldpath` key
// in package.json at the repository root, or a file given with `--config`. Read statically (JSON/TOML),
// checked key by key: an unknown key or a wrong type is a GoldpathError naming the key and the file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { GoldpathError } from './model.js';
import { closestName } from './text/suggest.js';

/** What a configuration file may set. Command-line options win over every key. */
export interface GoldpathConfig {
  /** Globs (repository-relative): only candidate sources whose path matches one are analysed. */
  include?: string[];
  /** Globs (repository-relative): candidate sources whose path matches one are dropped ("excluded by config"). */
  exclude?: string[];
  /** Extra example folders (repository-relative): their Python, notebook and TypeScript/JavaScript files are candidates. */
  examples?: string[];
  /** Golden paths to write (the rest are listed in the report). */
  maxWorkflows?: number;
  /** The repository name (`owner_repo`); validated like `--name`. */
  name?: string;
  /** Folder of `.hbs` files overriding the shipped templates, relative to the configuration file. */
  templates?: string;
  /** Files larger than this many bytes are skipped (default 1 MiB); a number or `"<n> KiB|MiB|KB|MB|B"`. */
  maxFileSize?: number;
  /** Exit 1 when an input was skipped or no workflow was found. */
  strict?: boolean;
  /** Remove stale `{repo_name}_*` workflow pages goldpath wrote before. */
  prune?: boolean;
}

/** The configuration a run used: where it came from (for the report) and its values. */
export interface LoadedConfig {
  config: GoldpathConfig;
  /**
   * Where it came from, as printed in the report: a repository-relative file (`goldpath.config.json`,
   * `pyproject.toml [tool.goldpath]`, `package.json "goldpath"`), or `--config <file name>` for a file
   * outside the repository. Absent when no configuration was found.
   */
  source?: string;
  /** The configuration file, absolute (relative `templates` paths are taken from its folder). */
  file?: string;
  /** The keys it set, sorted. */
  keys: string[];
}

export const CONFIG_FILE = 'goldpath.config.json';

type Check = (value: unknown) => string | undefined;

const stringList: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '') ? undefined : 'a list of non-empty strings');
const nonEmptyString: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'a non-empty string');
const positiveInt: Check = (v) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? undefined : 'a positive integer');
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
const size: Check = (v) => (parseSize(v) !== undefined ? undefined : 'a positive number of bytes or a string like "5 MiB"');

const KEYS: Record<string, Check> = {
  $schema: nonEmptyString,
  include: stringList,
  exclude: stringList,
  examples: stringList,
  maxWorkflows: positiveInt,
  name: nonEmptyString,
  templates: nonEmptyString,
  maxFileSize: size,
  strict: bool,
  prune: bool,
};

/** The keys a configuration may hold (besides `$schema`). */
export const CONFIG_KEYS = Object.keys(KEYS).filter((k) => k !== '$schema');

const UNITS: Record<string, number> = { b: 1, kb: 1000, mb: 1000 ** 2, gb: 1000 ** 3, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Bytes from a number or a string such as `"2 MiB"`, `"500KB"`, `"1048576"`; undefined when not a positive size. */
export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  if (!m) return undefined;
  const unit = UNITS[(m[2] || 'b').toLowerCase()];
  const n = Math.floor(Number(m[1]) * (unit ?? NaN));
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * Finds and reads the configuration of a repository: `file` when given (an explicit `--config`), else the
 * first of `goldpath.config.json`, pyproject.toml `[tool.goldpath]`, package.json `"goldpath"` at the
 * repository root. Nothing found: an empty configuration.
 */
export async function loadConfig(repo: string, options: { file?: string } = {}): Promise<LoadedConfig> {
  const root = path.resolve(repo);
  if (options.file !== undefined) {
    const file = path.resolve(options.file);
    const text = (await readConfigText(file, `--config ${options.file}`))!;
    const inRepo = isInside(root, file);
    const label = inRepo ? toPosix(path.relative(root, file)) : `--config ${path.basename(file)}`;
    let raw: unknown;
    if (/\.toml$/i.test(file)) {
      const doc = parseTomlConfig(text, label);
      // A pyproject.toml given explicitly: its [tool.goldpath] table; another TOML file: the whole file.
      raw = path.basename(file) === 'pyproject.toml' ? ((doc.tool as Record<string, unknown> | undefined)?.goldpath ?? {}) : doc;
    } else {
      const doc = parseJsonConfig(text, label);
      raw = path.basename(file) === 'package.json' ? ((doc as Record<string, unknown>).goldpath ?? {}) : doc;
    }
    const where = path.basename(file) === 'pyproject.toml' ? `${label} [tool.goldpath]` : path.basename(file) === 'package.json' ? `${label} "goldpath"` : label;
    return { ...checkConfig(raw, where, path.dirname(file)), source: where, file };
  }
  const own = path.join(root, CONFIG_FILE);
  const ownText = await readConfigText(own, CONFIG_FILE, true);
  if (ownText !== undefined) return found(checkConfig(parseJsonConfig(ownText, CONFIG_FILE), CONFIG_FILE, root), CONFIG_FILE, own, root);
  // pyproject.toml and package.json belong to the project: one that does not parse is reported by the
  // metadata reader (skipped inputs), not fatal here.
  const pyproject = await readConfigText(path.join(root, 'pyproject.toml'), 'pyproject.toml', true);
  if (pyproject !== undefined) {
    let table: unknown;
    try {
      table = (parseToml(pyproject).tool as Record<string, unknown> | undefined)?.goldpath;
    } catch {
      table = undefined;
    }
    if (table !== undefined) {
      const where = 'pyproject.toml [tool.goldpath]';
      return found(checkConfig(table, where, root), where, path.join(root, 'pyproject.toml'), root);
    }
  }
  const pkg = await readConfigText(path.join(root, 'package.json'), 'package.json', true);
  if (pkg !== undefined) {
    let value: unknown;
    try {
      const doc = JSON.parse(pkg) as unknown;
      value = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).goldpath : undefined;
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      const where = 'package.json "goldpath"';
      return found(checkConfig(value, where, root), where, path.join(root, 'package.json'), root);
    }
  }
  return { config: {}, keys: [] };
}

/**
 * A configuration found in the analysed repository is the repository's, not the user's: its `templates`
 * folder must stay inside the repository (a file given with `--config` may point anywhere).
 */
function found(checked: { config: GoldpathConfig; keys: string[] }, source: string, file: string, root: string): LoadedConfig {
  const t = checked.config.templates;
  if (t !== undefined && t !== root && !isInside(root, t)) throw new GoldpathError(`${source}: "templates" must be a folder inside the repository`);
  return { ...checked, source, file };
}

const REPO_NAME = /^[A-Za-z0-9]+(_[A-Za-z0-9]+)*$/;

/** Checks every key of a raw configuration object; `baseDir` resolves a relative `templates`. */
function checkConfig(raw: unknown, where: string, baseDir: string): { config: GoldpathConfig; keys: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new GoldpathError(`${where}: the configuration must be an object of settings`);
  const config: Record<string, unknown> = {};
  const keys: string[] = [];
  for (const key of Object.keys(raw).sort()) {
    const check = KEYS[key];
    if (!check) {
      const near = closestName(key, CONFIG_KEYS);
      throw new GoldpathError(`${where}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; known keys: ${CONFIG_KEYS.join(', ')}`);
    }
    const value = (raw as Record<string, unknown>)[key];
    const problem = check(value);
    if (problem) throw new GoldpathError(`${where}: "${key}" must be ${problem}, not ${JSON.stringify(value)}`);
    if (key === '$schema') continue;
    keys.push(key);
    config[key] = value;
  }
  const out = config as GoldpathConfig;
  if (out.name !== undefined && !REPO_NAME.test(out.name)) {
    throw new GoldpathError(`${where}: "name" must use letters, digits and single underscores (e.g. acme_tinytune), not ${JSON.stringify(out.name)}`);
  }
  if (out.maxFileSize !== undefined) out.maxFileSize = parseSize(out.maxFileSize);
  if (out.templates !== undefined) out.templates = path.resolve(baseDir, out.templates);
  for (const dir of out.examples ?? []) {
    const norm = dir.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
    if (!norm || path.posix.isAbsolute(norm) || norm.split('/').includes('..')) {
      throw new GoldpathError(`${where}: "examples" entry "${dir}" must be a folder inside the repository (relative, no "..")`);
    }
  }
  if (out.examples) out.examples = out.examples.map((d) => d.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, ''));
  return { config: out, keys };
}

async function readConfigText(file: string, label: string, optional = false): Promise<string | undefined> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new GoldpathError(`${label} is not a file`);
    if (st.size > 1024 * 1024) throw new GoldpathError(`${label} is over 1 MiB`);
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof GoldpathError) throw e;
    if (optional && ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw new GoldpathError(`cannot read ${label}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function parseJsonConfig(text: string, label: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (e) {
    throw new GoldpathError(`${label}: invalid JSON: ${(e as Error).message}`);
  }
}

function parseTomlConfig(text: string, label: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (e) {
    throw new GoldpathError(`${label}: invalid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const toPosix = (p: string) => p.split(path.sep).join('/');
