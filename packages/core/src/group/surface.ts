// The package's public surface: what a user of the library is meant to call. Private are definitions in
// tests, examples, benchmarks, private modules (`_utils.py`) and internal folders (`kernels/`) unless a
// public package re-exports the name (`from ._client import Client` in `pkg/__init__.py`), names
// with a leading underscore, definitions documented as deprecated, and code of an application package (`"private": true` with no `exports` or
// `main`: an app's functions are not a library's API), and a function or class of a JavaScript package that
// none of its entries (package.json `exports`, `main`) exports (lang/ts/exports.ts). External calls wired
// to the repository are the user-facing side of that package, so they count as public.
import type { CallSite } from '../model.js';
import type { RepoFiles } from '../repo/files.js';
import { isPrivatePath, isScriptPath } from '../repo/layout.js';
import { isRepoUnresolved } from './steps.js';
import { DEPRECATED_SUMMARY } from '../heuristics/tables.js';
import type { Published } from '../lang/ts/exports.js';

export type PublicSurface = ((c: CallSite) => boolean) & {
  /**
   * A function of the library that only tests call and no package re-exports (`wrap_litserve_start` of
   * litserve/utils.py, a "Pytest utility"): public, but the tests' tool, not a step they may add to a use
   * case that examples show (group/usecases).
   */
  testUtility?: (c: CallSite) => boolean;
};

/**
 * `packages`: every package.json folder (`""` for the root) and whether it is an application. A
 * TypeScript/JavaScript file belongs to its nearest package; an application's code is never public API.
 */
export function publicSurface(
  packages: { dir: string; app: boolean }[] = [],
  /** `path:name` of definitions in private modules that a public package re-exports (`pkg/_client.py:Client`). */
  reexported: ReadonlySet<string> = new Set(),
  /** `path:name` of the library's functions that only tests call and no package re-exports. */
  testUtilities: ReadonlySet<string> = new Set(),
  /** What the JavaScript packages' entries export. */
  published?: Published,
): PublicSurface {
  const byDepth = [...packages].sort((a, b) => b.dir.length - a.dir.length || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  const inApp = (p: string) => isScriptPath(p) && !!byDepth.find((d) => d.dir === '' || p.startsWith(`${d.dir}/`))?.app;
  const isPublic: PublicSurface = (c) => {
    const r = c.resolution;
    if (r.kind === 'external') return true;
    // (A method of a repository object whose class is not known is public unless its name says it is not:
    // `client._uses_aws_auth()` in a test.)
    if (r.kind === 'unresolved') return isRepoUnresolved(r) && !/^_(?!_)/.test(c.callee.split('.').pop() ?? '');
    if (r.kind !== 'repo') return false;
    // A command of the repository's own program is what its user types: public, wherever its code lives
    // (`litgpt convert_from_litgpt` runs `litgpt/scripts/convert_lit_checkpoint.py`).
    if (c.command) return true;
    if (inApp(r.span.path)) return false;
    if (isPrivatePath(r.span.path) && !reexported.has(`${r.span.path}:${r.qualname.split('.')[0]}`)) return false;
    // A package's function or class called by its name that no entry of the package exports: only the
    // package's own modules (and its tests) can import it. (Not one reached through an object, which the
    // API may hand out without exporting it: `anthropic.tools.bash_20250124(...)`, `Output.array(...)`.)
    if (published?.covers(r.span.path) && !c.callee.includes('.') && !r.qualname.includes('.') && (c.definition?.kind === 'function' || c.definition?.kind === 'class') && !published.has(`${r.span.path}:${r.qualname}`)) return false;
    // Deprecated: kept for older code, not what a user is meant to call.
    if (c.definition?.summary && DEPRECATED_SUMMARY.test(c.definition.summary.trim())) return false;
    return !r.qualname.split('.').some((part) => /^_(?!_)/.test(part));
  };
  isPublic.testUtility = (c) => c.resolution.kind === 'repo' && testUtilities.has(`${c.resolution.span.path}:${c.resolution.qualname}`);
  return isPublic;
}

/** An application package: `"private": true` and nothing published (`exports`, `main`, `module`, `bin`). */
export function isAppPackage(json: Record<string, unknown>): boolean {
  return json.private === true && !['exports', 'main', 'module', 'types', 'bin'].some((k) => json[k] !== undefined);
}

/** Every package.json folder of the repository (`""` for the root) and whether it is an application's; one that does not parse is none. */
export async function packageDirsOf(files: RepoFiles): Promise<{ dir: string; app: boolean }[]> {
  const out: { dir: string; app: boolean }[] = [];
  for (const f of files.files) {
    if (f.path !== 'package.json' && !f.path.endsWith('/package.json')) continue;
    const text = await files.readOrSkip(f.path);
    let json: unknown;
    try {
      json = text === undefined ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (json && typeof json === 'object') out.push({ dir: f.path.slice(0, -'package.json'.length).replace(/\/$/, ''), app: isAppPackage(json as Record<string, unknown>) });
  }
  return out;
}
