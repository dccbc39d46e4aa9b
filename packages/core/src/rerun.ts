// Re-runs with the cache (`cache` option, `--cache <dir>`): work whose inputs did not change is not done
// again. Two levels, both keyed by goldpath's code (codeFingerprint), the run's options and the
// repository's file list, and both checked against the content hash of every file the work read:
//   - the whole run: the model, when no input changed (the file list, every file the run read, the
//     metadata, the wiki inputs, the options);
//   - each candidate source's resolution (its calls, or why it has none): a one-file change makes again
//     only the sources whose resolution read that file.
// What a piece of work read is recorded while it runs (the Tracker, told of every RepoFiles read and
// skip): a repository module it loads, whether parsed now or earlier for another source (a load counts as
// a read each time, and so does an answer of the Python index kept from another source's work), the
// attachment index and helper bodies (shared work whose reads count for every source that uses them),
// the command table, and for TypeScript the source's import closure and the program's global scripts.
// Lookups that found nothing depend on the file list, which is part of every key: a new or removed file
// makes everything again. What the work reported as skipped is stored with it
// and reported again when the entry is used, so a run with the cache is byte-identical to one without.
import type { Skipped } from './model.js';
import type { RepoFiles, RepoFilesObserver } from './repo/files.js';
import { PythonIndex, type Attachment } from './resolve/python-index.js';
import type { PyModuleFacts } from './lang/python/types.js';
import type { ModuleMap } from './lang/ts/modules.js';
import { CacheStore, codeFingerprint, sha256, type StoredEntry } from './cache.js';

/** What a piece of work read and reported as skipped. */
export interface Rec {
  reads: Set<string>;
  skips: Map<string, Skipped>;
  /** Records of shared work already added to this one. */
  merged: Set<Rec>;
}

/** Shared work reading at least this many files is stored as a group of its own. */
const GROUP_MIN = 8;

const groupName = (deps: Record<string, string>): string => sha256('deps', JSON.stringify(deps));

export const newRec = (): Rec => ({ reads: new Set(), skips: new Map(), merged: new Set() });

/**
 * Records reads and skips into every open frame. Sources are analysed one after another, so the open
 * frames are those of the source being analysed and of the shared work it started; a frame never sees
 * another source's reads. Shared work (memo) keeps its own record, added to every frame that uses it.
 */
export class Tracker implements RepoFilesObserver {
  private active = new Set<Rec>();
  private quiet = 0;
  /** Every read of the run, and every read of the entries it used. */
  readonly all = newRec();
  private readonly memos = new Map<string, { rec: Rec; promise: Promise<unknown> }>();

  read(rel: string): void {
    if (this.quiet) return;
    this.all.reads.add(rel);
    for (const r of this.active) r.reads.add(rel);
  }

  skip(s: Skipped): void {
    if (this.quiet) return;
    for (const r of this.active) r.skips.set(`${s.path}\0${s.reason}`, s);
  }

  /** Adds the record of shared work to every open frame (once per frame: it is complete when added). */
  merge(rec: Rec): void {
    if (this.quiet) return;
    for (const r of this.active) {
      if (r === rec || r.merged.has(rec)) continue;
      r.merged.add(rec);
      for (const p of rec.reads) r.reads.add(p);
      for (const [k, s] of rec.skips) r.skips.set(k, s);
    }
  }

  /** Runs `fn` with `rec` open (besides the frames already open). */
  async within<T>(rec: Rec, fn: () => Promise<T>): Promise<T> {
    this.active.add(rec);
    try {
      return await fn();
    } finally {
      this.active.delete(rec);
    }
  }

  withinSync<T>(rec: Rec, fn: () => T): T {
    this.active.add(rec);
    try {
      return fn();
    } finally {
      this.active.delete(rec);
    }
  }

  /** Runs `fn` with only `rec` open: work of the whole run that no single source owns. */
  async alone<T>(rec: Rec, fn: () => Promise<T>): Promise<T> {
    const saved = this.active;
    this.active = new Set([rec]);
    try {
      return await fn();
    } finally {
      this.active = saved;
    }
  }

  /** Reads the tracker does not count (hashing files to check an entry). */
  silently<T>(fn: () => T): T {
    this.quiet++;
    try {
      return fn();
    } finally {
      this.quiet--;
    }
  }

  /** Shared work done once per run; every use counts its record. */
  async memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let m = this.memos.get(key);
    if (!m) {
      const rec = newRec();
      m = { rec, promise: this.within(rec, fn) };
      this.memos.set(key, m);
    }
    const value = (await m.promise) as T;
    this.merge(m.rec);
    return value;
  }

  /** The record of shared work done in this run, if it was. */
  memoRecord(key: string): Rec | undefined {
    return this.memos.get(key)?.rec;
  }
}

/**
 * The Python index with its shared work tracked: loading a module counts as reading it each time (the
 * index parses it once), and the attachment index counts every file it read for each source that uses it.
 */
export class TrackedPythonIndex extends PythonIndex {
  constructor(
    private readonly tracker: Tracker,
    ...args: ConstructorParameters<typeof PythonIndex>
  ) {
    super(...args);
  }

  override async load(path: string): Promise<PyModuleFacts | null> {
    return this.whole(path, await this.tracker.memo(`load\0${path}`, () => super.load(path)));
  }

  /** (One memo for both views of a file: the facts object is the same, made whole in place when asked.) */
  override async declarations(path: string): Promise<PyModuleFacts | null> {
    return this.whole(path, await this.tracker.memo(`load\0${path}`, () => super.declarations(path)), false);
  }

  override facts(path: string): PyModuleFacts | undefined {
    this.tracked(path);
    return super.facts(path);
  }

  override declarationsOf(path: string): PyModuleFacts | undefined {
    this.tracked(path);
    return super.declarationsOf(path);
  }

  private tracked(path: string): void {
    this.tracker.read(path);
    const rec = this.tracker.memoRecord(`load\0${path}`);
    if (rec) this.tracker.merge(rec);
  }

  override attachments(): Promise<Map<string, Attachment[]>> {
    return this.tracker.memo('attachments', () => super.attachments());
  }

  /** What the work behind each settled answer read, by table and key. */
  private readonly answerReads = new WeakMap<Map<string, unknown>, Map<string, Rec>>();

  /**
   * A settled answer (resolveInModule, mro, classMember) counts what its work read for every source that
   * uses it, as a load does: the work runs once, with its own record open besides the sources'.
   */
  protected override async settled<T>(table: Map<string, T>, key: string, work: () => Promise<T>): Promise<T> {
    let recs = this.answerReads.get(table);
    if (!recs) this.answerReads.set(table, (recs = new Map()));
    const rec = recs.get(key);
    if (rec && table.has(key)) {
      // Into the open frames' own reads (an answer's record is small and there are many: no group each).
      for (const p of rec.reads) this.tracker.read(p);
      for (const s of rec.skips.values()) this.tracker.skip(s);
      return table.get(key)!;
    }
    const mine = newRec();
    const value = await this.tracker.within(mine, work);
    table.set(key, value);
    recs.set(key, mine);
    return value;
  }
}

/** A source's entry is used only when `accept` agrees too (TypeScript: the program's global scripts). */
export interface UnitSpec<T> {
  kind: string;
  /** Which source (or step) this is: one entry per identity, replaced when its key changes. */
  identity: string;
  /** Everything besides the files it reads that decides the outcome. */
  key: string;
  /** Is a stored value (JSON) of the right shape? */
  valid: (value: unknown) => boolean;
  accept?: (value: T) => boolean;
  /** The stored form of a value (smaller: repeated parts once), and back. */
  pack?: (value: T) => object;
  unpack?: (stored: object) => T;
}

export class Rerun {
  readonly tracker = new Tracker();
  /** Entries used and made in this run, by kind. */
  readonly counts = new Map<string, { reused: number; made: number }>();
  private readonly hashes = new Map<string, string>();
  private readonly listHash: string;
  private readonly looked = new Map<string, StoredEntry<unknown> | undefined>();
  private readonly groups = new Map<string, Record<string, string> | undefined>();
  private readonly written = new Set<string>();
  /** Reads of the module map (package.json, tsconfig files): every TypeScript resolution depends on them. */
  readonly moduleReads = newRec();
  /** Import edges of the module map: file → files it imports (repository paths). */
  private readonly edges = new Map<string, Set<string>>();

  constructor(
    readonly store: CacheStore,
    private readonly files: RepoFiles,
    /** Whose entries these are (the repository's name): one cache folder can serve several repositories. */
    private readonly scope: string,
  ) {
    files.observer = this.tracker;
    // The file list, and what the scan refused: lookups that found nothing depend on it.
    this.listHash = sha256(JSON.stringify({ files: files.files.map((f) => f.path), skipped: files.skipped, max: files.maxFileBytes }));
  }

  /** A key from the code, the file list and `parts` (JSON). */
  key(kind: string, parts: unknown): string {
    return sha256(codeFingerprint(), kind, this.listHash, JSON.stringify(parts));
  }

  private slot(kind: string, identity: string): string {
    return sha256(kind, this.scope, identity);
  }

  private count(kind: string, what: 'reused' | 'made'): void {
    const c = this.counts.get(kind) ?? { reused: 0, made: 0 };
    c[what]++;
    this.counts.set(kind, c);
  }

  /** Content hash of a repository file as this run reads it (a refusal has its reason hashed). */
  fileHash(rel: string): string {
    let h = this.hashes.get(rel);
    if (h === undefined) {
      const r = this.tracker.silently(() => this.files.readSync(rel));
      h = (r.ok ? sha256('text', r.text) : sha256('refused', r.reason)).slice(0, 32);
      this.hashes.set(rel, h);
    }
    return h;
  }

  private depsOf(paths: Iterable<string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of [...new Set(paths)].sort()) out[p] = this.fileHash(p);
    return out;
  }

  /** The stored entry, when it is whole, made from `key` and every file it read is unchanged. */
  lookup<T>(spec: UnitSpec<T>): StoredEntry<T> | undefined {
    const slot = this.slot(spec.kind, spec.identity);
    const id = `${spec.kind}\0${slot}\0${spec.key}`;
    if (!this.looked.has(id)) {
      const e = this.store.read<T>(spec.kind, slot, spec.key, spec.valid);
      const fresh = e && this.unchanged(e.deps ?? {}) && (e.groups ?? []).every((g) => this.group(g) !== undefined);
      this.looked.set(id, fresh ? ({ ...e, value: spec.unpack ? spec.unpack(e.value as object) : e.value } as StoredEntry<unknown>) : undefined);
    }
    return this.looked.get(id) as StoredEntry<T> | undefined;
  }

  private unchanged(deps: Record<string, string>): boolean {
    for (const p in deps) if (this.fileHash(p) !== deps[p]) return false;
    return true;
  }

  /** A group of files read (by the name its content hashes to), when every one is unchanged. */
  private group(name: string): Record<string, string> | undefined {
    if (!this.groups.has(name)) {
      const e = this.store.read<{ deps: Record<string, string> }>('deps', name, name, (v) => {
        const d = (v as { deps?: unknown }).deps;
        return !!d && typeof d === 'object' && !Array.isArray(d) && Object.values(d).every((h) => typeof h === 'string');
      });
      // Named by its content: a group whose content does not hash to its name is not trusted.
      this.groups.set(name, e && groupName(e.value.deps) === name && this.unchanged(e.value.deps) ? e.value.deps : undefined);
    }
    return this.groups.get(name);
  }

  /** Uses an entry: its reads count as this run's, its skips are reported again. */
  private use<T>(kind: string, e: StoredEntry<T>): T {
    this.count(kind, 'reused');
    for (const p of Object.keys(e.deps ?? {})) this.tracker.read(p);
    for (const g of e.groups ?? []) for (const p of Object.keys(this.group(g) ?? {})) this.tracker.read(p);
    for (const s of e.skips ?? []) this.files.skip(s.path, s.reason);
    return e.value;
  }

  /** Stores an entry; returns its value as written (JSON). */
  private save<T>(spec: UnitSpec<T>, value: unknown, rec: Rec, extra: (readonly string[] | ReadonlySet<string>)[] = []): string {
    this.count(spec.kind, 'made');
    const skips = [...rec.skips.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
    // Large shared work (the attachment index, a helper body) is stored once, as a group entries name.
    // So is each large set of files the work depends on without reading them (a TypeScript import closure).
    const groups = new Set<string>();
    const inGroups = new Set<string>();
    const more = extra.map((x) => new Set(x));
    for (const reads of [...[...rec.merged].map((m) => m.reads), ...more]) {
      if (reads.size < GROUP_MIN) continue;
      const deps = this.depsOf(reads);
      const name = groupName(deps);
      if (!this.written.has(name)) {
        this.written.add(name);
        if (this.group(name) === undefined) this.store.write('deps', name, name, { deps });
        this.groups.set(name, deps);
      }
      groups.add(name);
      for (const p of reads) inGroups.add(p);
    }
    const own = [...rec.reads, ...more.flatMap((x) => [...x])].filter((p) => !inGroups.has(p));
    return this.store.write(spec.kind, this.slot(spec.kind, spec.identity), spec.key, value, { deps: this.depsOf(own), skips, ...(groups.size ? { groups: [...groups].sort() } : {}) });
  }

  /**
   * The outcome of a piece of work: a valid stored entry's, else `make`'s (stored unless it says not to;
   * `extra` adds sets of files it depends on that it did not read itself, `skips` what was skipped for it
   * elsewhere). The value used is always the stored (JSON) form, so a run that makes an entry and one
   * that reuses it see equal values.
   */
  async unit<T extends object>(spec: UnitSpec<T>, make: () => Promise<{ value: T; store?: boolean; extra?: () => (readonly string[] | ReadonlySet<string>)[]; skips?: Skipped[] }>): Promise<T> {
    const hit = this.lookup(spec);
    if (hit && (!spec.accept || spec.accept(hit.value))) return this.use(spec.kind, hit);
    const rec = newRec();
    const made = await this.tracker.within(rec, make);
    if (made.store === false) return made.value;
    // What shared work done outside the frame skipped on this work's behalf.
    for (const s of made.skips ?? []) rec.skips.set(`${s.path}\0${s.reason}`, s);
    const back = JSON.parse(this.save(spec, spec.pack ? spec.pack(made.value) : made.value, rec, made.extra?.() ?? [])) as object;
    return spec.unpack ? spec.unpack(back) : (back as T);
  }

  /**
   * Work of the whole run that a run without the cache always does, done here only when a source needs
   * it (the command table): what it reported as skipped must be reported all the same. When it ran in
   * this run (`ran`), its record is stored; else the stored one is used if valid, else it runs now.
   */
  async effects(kind: string, key: string, ran: Rec | undefined, run: () => Promise<Rec>): Promise<void> {
    const spec: UnitSpec<{ ok: true }> = { kind, identity: kind, key, valid: (v) => (v as { ok?: unknown }).ok === true };
    if (!ran) {
      const hit = this.lookup(spec);
      if (hit) {
        this.use(kind, hit);
        return;
      }
      ran = await run();
    }
    this.save(spec, { ok: true }, ran);
  }

  /** The model of an earlier run with the same key whose every read file is unchanged. */
  model<T>(key: string, valid: (value: unknown) => boolean): T | undefined {
    const hit = this.lookup<T & object>({ kind: 'run', identity: 'run', key, valid });
    return hit ? this.use('run', hit) : undefined;
  }

  saveModel<T>(key: string, model: T): void {
    this.save({ kind: 'run', identity: 'run', key, valid: () => true }, model, this.tracker.all);
  }

  /**
   * Watches the module map: its reads (package.json, tsconfig files, also those read lazily) and every
   * import it resolves, an edge of the import graph.
   */
  watchModules(modules: ModuleMap): ModuleMap {
    const resolve = modules.resolve.bind(modules);
    const sourceOf = modules.sourceOf.bind(modules);
    modules.resolve = (spec, from) => {
      const t = this.tracker.withinSync(this.moduleReads, () => resolve(spec, from));
      if (t.kind === 'repo') {
        const set = this.edges.get(from) ?? new Set<string>();
        set.add(t.path);
        this.edges.set(from, set);
      }
      return t;
    };
    modules.sourceOf = (dir, target) => this.tracker.withinSync(this.moduleReads, () => sourceOf(dir, target));
    return modules;
  }

  /** Every repository file `from` reaches through imports the module map resolved (itself included). */
  importClosure(from: string): string[] {
    const seen = new Set<string>([from]);
    const todo = [from];
    while (todo.length) {
      for (const t of this.edges.get(todo.pop()!) ?? []) {
        if (!seen.has(t)) {
          seen.add(t);
          todo.push(t);
        }
      }
    }
    return [...seen].sort();
  }

  /**
   * The program's files that can change what any other file sees: scripts (no import or export: their
   * declarations are global), `declare global`, ambient `declare module` blocks, `export as namespace`,
   * and `/// <reference` directives (they bring files and libraries in). By repository path (a Markdown
   * file for its code blocks), sorted.
   */
  static globalScripts(ts: typeof import('ts-morph').ts, program: import('ts-morph').ts.Program, repoPath: (fileName: string) => string): string[] {
    const out = new Set<string>();
    // A CommonJS JavaScript file (require, module.exports) is a module to the checker too: its names are
    // not global. The function is not part of TypeScript's public API: without it, the public check
    // (fewer modules, more global scripts) is the safe side.
    const isModule = (ts as unknown as { isExternalOrCommonJsModule?: (sf: import('ts-morph').ts.SourceFile) => boolean }).isExternalOrCommonJsModule ?? ts.isExternalModule;
    for (const sf of program.getSourceFiles()) {
      const rel = repoPath(sf.fileName);
      if (!rel) continue;
      if (!isModule(sf) || /\bdeclare\s+(global\b|module\s+['"`])|\bexport\s+as\s+namespace\b|^\s*\/\/\/\s*<reference\b/m.test(sf.text)) out.add(rel);
    }
    return [...out].sort();
  }

  /** Entries reused and made, e.g. `source 212 reused, 1 made`. */
  summary(): string {
    return [...this.counts]
      .filter(([k]) => k !== 'run')
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([k, c]) => `${k} ${c.reused} reused, ${c.made} made`)
      .join('; ');
  }
}
