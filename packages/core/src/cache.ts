// The cache folder for re-runs (`cache` option, `--cache <dir>`). Two kinds of entries live there:
//   - per-file facts (FactsCache): a Python file's facts, keyed by the file's path and content hash and by
//     the code that makes the facts (the extractor's own files and the parser backend);
//   - re-run entries (rerun.ts): the outcome of a piece of work (a source's resolution, a whole run) with
//     the content hashes of everything it read.
// An entry is trusted only when it is whole, of this format, and names its own slot and key; a corrupt,
// truncated or foreign one is ignored and written again. Entries are written atomically (a temporary file
// renamed), so an interrupted run leaves no half entry. A run with the cache is byte-identical to one
// without (tests: test/cache.test.ts, test/rerun.test.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files whose code decides what a Python file's facts are. */
const PYTHON_FACTS_CODE = ['lang/python/facts.js', 'lang/python/parser.js', 'lang/python/docstring.js', 'lang/python/types.js', 'text/clip.js', 'cache.js'];
const FORMAT = 'goldpath-cache-2';
const HERE = path.dirname(fileURLToPath(import.meta.url));

export const sha256 = (...parts: (string | Buffer)[]): string => {
  const h = createHash('sha256');
  parts.forEach((p, i) => (i ? h.update('\0').update(p) : h.update(p)));
  return h.digest('hex');
};

let factsCodeHash: string | undefined;
function pythonFactsCodeHash(): string {
  if (factsCodeHash === undefined) {
    const h = createHash('sha256').update(FORMAT);
    for (const f of PYTHON_FACTS_CODE) {
      let code: Buffer | string;
      try {
        code = readFileSync(path.join(HERE, f));
      } catch {
        code = `missing ${f}`;
      }
      h.update(`\0${f}\0`).update(code);
    }
    factsCodeHash = h.digest('hex');
  }
  return factsCodeHash;
}

let codeHash: string | undefined;
/**
 * What decides a whole run's outcome besides its inputs: every built file of this library (dist/**.js) and
 * the installed version of each of its dependencies (the TypeScript checker, the parsers). Computed once
 * per process (about 150 files).
 */
export function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  const h = createHash('sha256').update(FORMAT);
  const walk = (dir: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const abs = path.join(dir, n);
      if (n.endsWith('.js')) h.update(`\0${rel}${n}\0`).update(readFileSync(abs));
      else if (!n.includes('.')) walk(abs, `${rel}${n}/`);
    }
  };
  walk(HERE, '');
  const pkgDir = path.dirname(HERE);
  let deps: string[] = [];
  try {
    deps = Object.keys((JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}).sort();
  } catch {
    deps = [];
  }
  for (const d of deps) h.update(`\0dep ${d}@${installedVersion(pkgDir, d)}`);
  codeHash = h.digest('hex');
  return codeHash;
}

/** The version of the package `name` that Node's resolution finds from `fromDir` (node_modules upwards). */
function installedVersion(fromDir: string, name: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    try {
      return String((JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown }).version);
    } catch {
      /* not here: one level up */
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/** One entry as stored: whole only with every field; `name` is its file name, `key` what it was made from. */
export interface StoredEntry<T> {
  format: string;
  kind: string;
  name: string;
  key: string;
  value: T;
  /** Re-run entries: content hash of every file the work read (repository path → hash). */
  deps?: Record<string, string>;
  /** Re-run entries: the inputs the work reported as skipped (replayed when the entry is used). */
  skips?: { path: string; reason: string }[];
  /** Re-run entries: more files read, as named groups shared by many entries (kind `deps`). */
  groups?: string[];
}

/** The cache folder: entries by kind and name, read back only when whole and their own. */
export class CacheStore {
  /** Entries read and written by this run (for tests and the report of a run). */
  readonly stats = { hits: 0, misses: 0, rejected: 0, writeErrors: 0 };

  constructor(readonly dir: string) {}

  private fileOf(kind: string, name: string): string {
    return kind === 'python' ? path.join(this.dir, name.slice(0, 2), `${name}.json`) : path.join(this.dir, kind, name.slice(0, 2), `${name}.json`);
  }

  has(kind: string, name: string): boolean {
    return existsSync(this.fileOf(kind, name));
  }

  /**
   * The entry `name` of `kind` made from `key`, or undefined (counted: missing, or rejected when it is
   * there but corrupt, truncated, of another format, another slot or another key).
   */
  read<T>(kind: string, name: string, key: string, valid: (value: unknown) => boolean): StoredEntry<T> | undefined {
    let raw: string;
    try {
      raw = readFileSync(this.fileOf(kind, name), 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    try {
      const e = JSON.parse(raw) as Partial<StoredEntry<T>> | null;
      if (e && typeof e === 'object' && e.format === FORMAT && e.kind === kind && e.name === name && e.key === key && e.value !== null && typeof e.value === 'object' && valid(e.value) && validExtras(e)) {
        this.stats.hits++;
        return e as StoredEntry<T>;
      }
    } catch {
      /* corrupt: rebuilt by the caller */
    }
    this.stats.rejected++;
    return undefined;
  }

  /**
   * Writes an entry atomically and returns its value as written (JSON), so that the caller can use the
   * very form a later run reads back. A cache that cannot be written costs only time.
   */
  write<T>(kind: string, name: string, key: string, value: T, extra: Pick<StoredEntry<T>, 'deps' | 'skips' | 'groups'> = {}): string {
    const json = JSON.stringify(value);
    const at = this.fileOf(kind, name);
    try {
      mkdirSync(path.dirname(at), { recursive: true });
      const tmp = `${at}.${process.pid}.tmp`;
      // The value is serialised once: for the entry and for the caller.
      const head = JSON.stringify({ format: FORMAT, kind, name, key, ...extra });
      writeFileSync(tmp, `${head.slice(0, -1)},"value":${json}}`);
      renameSync(tmp, at);
    } catch {
      this.stats.writeErrors++;
    }
    return json;
  }
}

function validExtras(e: Partial<StoredEntry<unknown>>): boolean {
  if (e.deps !== undefined && (!e.deps || typeof e.deps !== 'object' || Array.isArray(e.deps) || Object.values(e.deps).some((h) => typeof h !== 'string'))) return false;
  if (e.skips !== undefined && (!Array.isArray(e.skips) || e.skips.some((s) => !s || typeof s.path !== 'string' || typeof s.reason !== 'string'))) return false;
  if (e.groups !== undefined && (!Array.isArray(e.groups) || e.groups.some((g) => typeof g !== 'string' || !/^[0-9a-f]{64}$/.test(g)))) return false;
  return true;
}

/** Per-file facts: keyed by path, text, the code that makes them and the parser backend. */
export class FactsCache {
  private readonly code: string;
  readonly store: CacheStore;

  constructor(
    dir: string | CacheStore,
    /** What else decides the facts: the parser backend. */
    variant: string,
    /** The code that makes them (default: the Python fact extractor's files). */
    code = pythonFactsCodeHash(),
  ) {
    this.store = typeof dir === 'string' ? new CacheStore(dir) : dir;
    this.code = sha256(code, variant);
  }

  get stats() {
    return this.store.stats;
  }

  private keyOf(kind: string, file: string, text: string): string {
    return sha256(this.code, kind, file, text);
  }

  /** Is there an entry for this file (whole or not)? */
  has(kind: string, file: string, text: string): boolean {
    return this.store.has(kind, this.keyOf(kind, file, text));
  }

  /** The cached value, or the one `make` computes (then stored). */
  get<T>(kind: string, file: string, text: string, make: () => T): T {
    const key = this.keyOf(kind, file, text);
    const hit = this.store.read<T>(kind, key, key, () => true);
    if (hit) return hit.value;
    // What a later run reads back is the JSON form: this run uses the same, so both runs see equal facts.
    return JSON.parse(this.store.write(kind, key, key, make())) as T;
  }
}
