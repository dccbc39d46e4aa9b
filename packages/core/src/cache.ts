// A cache of per-file facts for re-runs (`cache` option, `--cache <dir>`): an entry is keyed by the
// file's path and content hash and by the code that makes the facts (the extractor's own files and the
// parser backend), so a new goldpath, another parser or a changed file never meets an old entry. An entry
// is trusted only when it is whole and names its own key; a corrupt, truncated or foreign one is ignored
// and written again. Entries are written atomically (a temporary file renamed), so an interrupted run
// leaves no half entry. The cache holds facts only, never outputs: a run with it is byte-identical to one
// without (a test).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files whose code decides what a Python file's facts are. */
const PYTHON_FACTS_CODE = ['lang/python/facts.js', 'lang/python/parser.js', 'lang/python/docstring.js', 'lang/python/types.js', 'text/clip.js', 'cache.js'];
const FORMAT = 'goldpath-facts-cache-1';

let codeHash: string | undefined;
function pythonFactsCodeHash(): string {
  if (codeHash === undefined) {
    const h = createHash('sha256').update(FORMAT);
    const here = path.dirname(fileURLToPath(import.meta.url));
    for (const f of PYTHON_FACTS_CODE) {
      let code: Buffer | string;
      try {
        code = readFileSync(path.join(here, f));
      } catch {
        code = `missing ${f}`;
      }
      h.update(`\0${f}\0`).update(code);
    }
    codeHash = h.digest('hex');
  }
  return codeHash;
}

export class FactsCache {
  private readonly code: string;
  /** Entries read and written by this run (for tests and the report of a run). */
  readonly stats = { hits: 0, misses: 0, rejected: 0, writeErrors: 0 };

  constructor(
    readonly dir: string,
    /** What else decides the facts: the parser backend. */
    variant: string,
  ) {
    this.code = createHash('sha256').update(pythonFactsCodeHash()).update(`\0${variant}`).digest('hex');
  }

  private keyOf(kind: string, file: string, text: string): string {
    return createHash('sha256').update(this.code).update(`\0${kind}\0${file}\0`).update(text).digest('hex');
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** Is there an entry for this file (whole or not)? */
  has(kind: string, file: string, text: string): boolean {
    return existsSync(this.fileOf(this.keyOf(kind, file, text)));
  }

  /** The cached value, or the one `make` computes (then stored). */
  get<T>(kind: string, file: string, text: string, make: () => T): T {
    const key = this.keyOf(kind, file, text);
    const at = this.fileOf(key);
    let raw: string | undefined;
    try {
      raw = readFileSync(at, 'utf8');
    } catch {
      raw = undefined;
    }
    if (raw !== undefined) {
      try {
        const entry = JSON.parse(raw) as { format?: unknown; key?: unknown; value?: unknown };
        if (entry && entry.format === FORMAT && entry.key === key && entry.value !== undefined && entry.value !== null && typeof entry.value === 'object') {
          this.stats.hits++;
          return entry.value as T;
        }
      } catch {
        /* corrupt: rebuilt below */
      }
      this.stats.rejected++;
    } else this.stats.misses++;
    const value = make();
    try {
      mkdirSync(path.dirname(at), { recursive: true });
      const tmp = `${at}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, key, value }));
      renameSync(tmp, at);
    } catch {
      // A cache that cannot be written costs only time.
      this.stats.writeErrors++;
    }
    // What a later run reads back is the JSON form: this run uses the same, so both runs see equal facts.
    return JSON.parse(JSON.stringify(value)) as T;
  }
}
