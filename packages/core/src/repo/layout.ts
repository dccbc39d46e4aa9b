// What a repository path is by its place in the tree: an example, a test, vendored or documentation
// code, or the library itself, public or private. Path rules only; nothing here reads a file.
import { BENCHMARK_DIRS, COMMON_TRANSLATIONS, DOC_DIRS, DOC_SITE_DIRS, DOC_SITE_FILES, EXAMPLE_DIRS, FIXTURE_DIRS, INTERNAL_DIRS, TEST_DIRS, TRANSLATION_LANGS, TS_DECLARATION, TS_SOURCE, VENDOR_DIRS, WORKSPACE_DIRS } from '../heuristics/tables.js';

const folders = (p: string) => p.split('/').slice(0, -1);

/**
 * The example folder (`examples/`, `notebooks/`, ...) a path is under, with the trust it gives. A compound
 * name of a top-level folder counts by its first or last word (`sdk-samples/`, `code_examples/`,
 * `examples-v2/`) when that word names example programs or notebooks (not `scripts`: `build-scripts/` is
 * tooling) and no word names tests or benchmarks (`test-examples/`); deeper down such a name is a
 * library module's (`pipelines/paint_by_example/`).
 */
export function exampleDirOf(p: string): (typeof EXAMPLE_DIRS)[string] | undefined {
  for (const [i, part] of folders(p).entries()) {
    const name = part.toLowerCase();
    const hit = EXAMPLE_DIRS[name];
    if (hit) return hit;
    if (i > 0) continue;
    const words = name.split(/[-_.]+/).filter(Boolean);
    if (words.length < 2 || words.some((w) => TEST_DIRS.has(w) || BENCHMARK_DIRS.has(w))) continue;
    for (const w of [words[0], words[words.length - 1]]) {
      const kind = EXAMPLE_DIRS[w];
      if (kind && kind.kind !== 'script') return kind;
    }
  }
  return undefined;
}

/**
 * Language folders of translated documentation: a language folder (`ko/`) whose parent also has `en/`
 * (`docs/source/ko/` beside `docs/source/en/`), or that mirrors the pages beside it (mkdocs' `docs/ja/`
 * when some `docs/ja/x.md` has its `docs/x.md`): every page under them is a translation, also one whose
 * English page has moved since.
 */
export function translationFolders(paths: Iterable<string>): Set<string> {
  const all = new Set(paths);
  const folders = new Set([...all].flatMap((p) => p.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
  const out = new Set<string>();
  for (const p of all) {
    const parts = p.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      const lang = parts[i].toLowerCase();
      if (!TRANSLATION_LANGS.has(lang)) continue;
      if (folders.has([...parts.slice(0, i), 'en'].join('/')) || (COMMON_TRANSLATIONS.has(lang) && all.has([...parts.slice(0, i), ...parts.slice(i + 1)].join('/')))) out.add(parts.slice(0, i + 1).join('/'));
    }
  }
  return out;
}

/**
 * A translated page: under one of the `translated` language folders (translationFolders), or named for a
 * language beside the page without it (`README_zh.md`, `README.ja.md` beside `README.md`; `index.fr.md`
 * beside `index.md`). `exists` says whether a path is in the repository.
 */
export function isTranslationPath(p: string, exists: (path: string) => boolean, translated: ReadonlySet<string>): boolean {
  const parts = p.split('/');
  const name = parts[parts.length - 1];
  // Any page may carry `.<lang>` (mkdocs-static-i18n); only READMEs `_<lang>` or `-<lang>` (`setup_id.md` is no translation).
  const named = /^(.+?)\.([A-Za-z_-]+)\.(md|markdown|mdx)$/.exec(name) ?? /^(readme)[_-]([A-Za-z_-]+)\.(md|markdown)$/i.exec(name);
  if (named && isLanguage(named[2].toLowerCase(), named[1].toLowerCase() === 'readme')) {
    const base = named[1].toLowerCase() === 'readme' ? 'README.md' : `${named[1]}.${named[3]}`;
    if (exists([...parts.slice(0, -1), base].join('/'))) return true;
  }
  return parts.slice(0, -1).some((_, i) => translated.has(parts.slice(0, i + 1).join('/')));
}

/**
 * A language code in a page's name: a common one on any page; on a README (whose other names are few:
 * `README_DEV.md`, `README-PYPI.md`) any ISO 639-1 code, also with a region (`README.de-ch.md`, `README.sv.md`).
 */
function isLanguage(code: string, readme: boolean): boolean {
  if (COMMON_TRANSLATIONS.has(code)) return true;
  return readme && TRANSLATION_LANGS.has(/^([a-z]{2,3})(?:[-_][a-z]{2,4})?$/.exec(code)?.[1] ?? '');
}

export function isTestPath(p: string): boolean {
  return (
    folders(p).some((d) => TEST_DIRS.has(d.toLowerCase()) || d === '__tests__') ||
    /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(p) ||
    /(^|\/)conftest\.py$/.test(p) ||
    /\.(test|spec)\.[cm]?[jt]sx?$/.test(p)
  );
}

/** A file of a test's fixtures (FIXTURE_DIRS under a tests folder): what a test reads, not a test. */
export function isFixturePath(p: string): boolean {
  return isTestPath(p) && folders(p).some((d) => FIXTURE_DIRS.has(d.toLowerCase()));
}

export function isVendoredPath(p: string): boolean {
  return folders(p).some((d) => VENDOR_DIRS.has(d.toLowerCase()));
}

/**
 * A documentation page's path: under a DOC_DIRS folder (`docs/`, `content/docs/`), or under a top-level
 * folder that `siteFolders` (docSiteFolders) found to hold a documentation site however it is named.
 */
export function isDocPath(p: string, siteFolders?: ReadonlySet<string>): boolean {
  const parts = p.toLowerCase().split('/');
  if (parts.length > 1 && siteFolders?.has(p.split('/')[0])) return true;
  // (A monorepo's docs package: `packages/docs/content/...`.)
  const docsPackage = parts.length > 3 && WORKSPACE_DIRS.has(parts[0]) && DOC_DIRS.has(parts[1]) && (DOC_SITE_DIRS.has(parts[2]) || DOC_DIRS.has(parts[2]));
  return parts.length > 1 && (DOC_DIRS.has(parts[0]) || (parts.length > 2 && DOC_SITE_DIRS.has(parts[0]) && DOC_DIRS.has(parts[1])) || docsPackage);
}

/**
 * Top-level folders that hold a documentation site by its builder's own file (DOC_SITE_FILES: Hugging
 * Face doc-builder's `_toctree.yml`, Sphinx's `conf.py` beside an index page at the folder's top or in
 * its `source/`; a package's own `conf.py` module has no index page beside it), whatever the folder is
 * called: pytorch-image-models keeps its docs in `hfdocs/source/`. Not a test's folder.
 */
export function docSiteFolders(paths: Iterable<string>): Set<string> {
  const all = new Set(paths);
  const out = new Set<string>();
  for (const p of all) {
    const parts = p.split('/');
    if (parts.length < 2 || isTestPath(p) || isVendoredPath(p)) continue;
    const name = parts[parts.length - 1];
    const dir = parts.slice(0, -1).join('/');
    const top = parts.length === 2 || (parts.length === 3 && parts[1] === 'source');
    const site = DOC_SITE_FILES.anywhere.has(name) || (DOC_SITE_FILES.atTop.has(name) && top && DOC_SITE_FILES.index.some((i) => all.has(`${dir}/${i}`)));
    if (site) out.add(parts[0]);
  }
  return out;
}

/** A TypeScript/JavaScript source goldpath reads (not a declaration file, not vendored). */
export function isScriptPath(p: string): boolean {
  return TS_SOURCE.test(p) && !TS_DECLARATION.test(p) && !isVendoredPath(p);
}

/**
 * A benchmark: a file under a benchmarks folder (BENCHMARK_DIRS), or named as one (`bench.ts`,
 * `benchmark_iterating.py`, `load_benchmark.py`, `streaming.bench.ts`). It measures the library.
 */
export function isBenchmarkPath(p: string): boolean {
  const stem = p.slice(p.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return inBenchmarkDir(p) || /^(bench|benchmarks?)([-_.]|$)|[-_.](bench|benchmarks?)$/i.test(stem);
}

const inBenchmarkDir = (p: string) => folders(p).some((d) => BENCHMARK_DIRS.has(d.toLowerCase()));

/** Code that is not the library itself: tests, examples, scripts, benchmarks, docs. */
export function isNonLibraryPath(p: string): boolean {
  return isTestPath(p) || !!exampleDirOf(p) || isDocPath(p) || inBenchmarkDir(p);
}

/**
 * Outside the package's public surface: non-library code, private modules (`_utils.py`, `_impl/`),
 * internal folders (`kernels/`, `internal/`) and modules named like them (`testing_utils.py`).
 * `__init__.py` and `__main__.py` are not private.
 */
export function isPrivatePath(p: string): boolean {
  if (isNonLibraryPath(p)) return true;
  const parts = p.split('/');
  // (A module named like an internal folder is internal too: `utils/testing_utils.py` is the tests' toolbox.)
  const stem = (part: string) => part.replace(/\.[^.]+$/, '').toLowerCase();
  return parts.some((part, i) => INTERNAL_DIRS.has(i < parts.length - 1 ? part.toLowerCase() : stem(part)) || /^_[^_]/.test(part));
}

/** Under a dot-folder (`.github/`, `.circleci/`, `.devcontainer/`): tooling of the repository, never a golden path. */
export function isToolingPath(p: string): boolean {
  return folders(p).some((d) => d.startsWith('.'));
}
