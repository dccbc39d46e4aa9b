// Tests of an application package: a web app shipped beside the library (`"private": true`, nothing
// published: unsloth's studio/frontend) has tests of its own. One that imports none of the repository's
// code outside that app tests the app, whose code is never the library's API (group/surface.ts), so it
// cannot show a golden path; it is not analysed, which spares the TypeScript program the whole app (a
// text check on its import specifiers, as Python tests are checked for an import of the repository).
import type { ModuleMap } from '../lang/ts/modules.js';

/** `import … from 'x'`, `export … from 'x'`, `import 'x'`, `require('x')`, `import('x')`, `import x = require('x')`. */
const SPECIFIER = /(?:^|[^\w$.])(?:(?:import|export)\s[^'"`;]*?\bfrom\s*|import\s*|(?:require|import)\s*\(\s*)(['"])([^'"\n]+)\1/g;

/** The module specifiers a JavaScript/TypeScript text imports, in order (comments are not told apart: a commented import counts, which only keeps a test). */
export function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) out.push(m[2]);
  return out;
}

const inside = (path: string, dir: string) => path.startsWith(`${dir}/`);

/**
 * The folder of the application package that holds `path`: when the nearest package.json above it, below
 * the repository's root, is an app's (a private root is a workspace, not an app).
 */
export function appOf(path: string, packages: readonly { dir: string; app: boolean }[]): string | undefined {
  let nearest: { dir: string; app: boolean } | undefined;
  for (const p of packages) if (p.dir !== '' && inside(path, p.dir) && (!nearest || p.dir.length > nearest.dir.length)) nearest = p;
  return nearest?.app ? nearest.dir : undefined;
}

/**
 * The application folder of a test that imports nothing of the repository outside it (its own modules,
 * other packages, Node's), else undefined. A specifier naming a repository package with no file found,
 * or a relative one that leaves the app, keeps the test.
 */
export function appOnlyTest(path: string, text: string, packages: readonly { dir: string; app: boolean }[], modules: ModuleMap): string | undefined {
  const app = appOf(path, packages);
  if (app === undefined) return undefined;
  for (const spec of importSpecifiers(text)) {
    const t = modules.resolve(spec, path);
    if (t.kind === 'repo' && !inside(t.path, app)) return undefined;
    if (t.kind === 'missing' && !spec.startsWith('.')) return undefined;
    if (t.kind === 'missing' && spec.startsWith('..') && !inside(joinUp(path, spec), app)) return undefined;
  }
  return app;
}

/** Where a relative specifier points from a file (`..` steps taken; may leave the repository: then ''). */
function joinUp(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '..') {
      if (!parts.length) return '';
      parts.pop();
    } else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}
