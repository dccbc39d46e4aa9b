// Tests of an application package: a web app shipped beside the library (`"private": true`, nothing
// published: unsloth's studio/frontend) has tests of its own. One that imports none of the repository's
// code outside that app tests the app, whose code is never the library's API (group/surface.ts), so it
// cannot show a golden path; it is not analysed, which spares the TypeScript program the whole app (a
// text check on its import specifiers, as Python tests are checked for an import of the repository).
import type { RepoFiles } from '../repo/files.js';
import type { ModuleMap } from '../lang/ts/modules.js';
import { isAppPackage } from '../group/surface.js';

/** `import … from 'x'`, `export … from 'x'`, `import 'x'`, `require('x')`, `import('x')`, `import x = require('x')`. */
const SPECIFIER = /(?:^|[^\w$.])(?:(?:import|export)\s[^'"`;]*?\bfrom\s*|import\s*|(?:require|import)\s*\(\s*)(['"])([^'"\n]+)\1/g;

/** The module specifiers a JavaScript/TypeScript text imports, in order (comments are not told apart: a commented import counts, which only keeps a test). */
export function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) out.push(m[2]);
  return out;
}

const inside = (path: string, dir: string) => path.startsWith(`${dir}/`);

/** The nearest package.json folder above a file (not the repository's root: a private root is a workspace, not an app). */
export class AppPackages {
  private readonly known = new Map<string, Promise<boolean | undefined>>();

  constructor(private readonly files: RepoFiles) {}

  /** The folder of the application package that holds `path`, when its nearest package.json below the root is an app's. */
  async appOf(path: string): Promise<string | undefined> {
    const parts = path.split('/').slice(0, -1);
    for (let n = parts.length; n > 0; n--) {
      const dir = parts.slice(0, n).join('/');
      const app = await this.isApp(dir);
      if (app !== undefined) return app ? dir : undefined;
    }
    return undefined;
  }

  /** Whether the folder's package.json is an application's; undefined when it has none (or one that does not parse). */
  private isApp(dir: string): Promise<boolean | undefined> {
    let hit = this.known.get(dir);
    if (!hit) {
      hit = (async () => {
        const file = `${dir}/package.json`;
        if (!this.files.has(file)) return undefined;
        const text = await this.files.readOrSkip(file);
        try {
          const json: unknown = text === undefined ? undefined : JSON.parse(text);
          return json && typeof json === 'object' && !Array.isArray(json) ? isAppPackage(json as Record<string, unknown>) : undefined;
        } catch {
          return undefined;
        }
      })();
      this.known.set(dir, hit);
    }
    return hit;
  }
}

/**
 * The application folder of a test that imports nothing of the repository outside it (its own modules,
 * other packages, Node's), else undefined. A specifier naming a repository package with no file found,
 * or a relative one that leaves the app, keeps the test.
 */
export async function appOnlyTest(path: string, text: string, apps: AppPackages, modules: ModuleMap): Promise<string | undefined> {
  const app = await apps.appOf(path);
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
