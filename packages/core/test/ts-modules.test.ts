// Self-import mapping: package names of the repository's own packages lead to its sources.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFiles } from '../src/repo/files.js';
import { ModuleMap } from '../src/lang/ts/modules.js';

async function repoOf(files: Record<string, string>): Promise<ModuleMap> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'goldpath-tsmod-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return ModuleMap.load(await RepoFiles.scan(dir));
}

describe('self-import mapping', () => {
  it('maps package.json exports (conditions, subpaths, patterns) to the TypeScript sources they are built from', async () => {
    const m = await repoOf({
      'package.json': JSON.stringify({
        name: 'acme',
        main: 'dist/index.js',
        exports: { '.': { types: './dist/index.d.ts', require: './dist/index.js' }, './helpers': { default: './dist/helpers/index.js' }, './lib/*': './dist/lib/*.js' },
        dependencies: { undici: '1' },
      }),
      'tsconfig.json': '{ "compilerOptions": { "rootDir": "./src", "outDir": "./dist", }, // comment\n }',
      'src/index.ts': 'export const a = 1;\n',
      'src/helpers/index.ts': 'export const h = 1;\n',
      'src/lib/util.ts': 'export const u = 1;\n',
      // Built output checked in beside the sources: the .ts source still wins.
      'dist/index.js': 'exports.a = 1;\n',
      'dist/index.d.ts': 'export declare const a = 1;\n',
    });
    expect(m.resolve('acme', 'examples/a.ts')).toEqual({ kind: 'repo', path: 'src/index.ts' });
    expect(m.resolve('acme/helpers', 'examples/a.ts')).toEqual({ kind: 'repo', path: 'src/helpers/index.ts' });
    expect(m.resolve('acme/lib/util', 'examples/a.ts')).toEqual({ kind: 'repo', path: 'src/lib/util.ts' });
    expect(m.resolve('acme/missing', 'examples/a.ts').kind).toBe('missing');
    expect(m.resolve('undici', 'src/index.ts')).toEqual({ kind: 'external', distribution: 'undici' });
    expect(m.resolve('@scope/pkg/deep/path', 'src/index.ts')).toEqual({ kind: 'external', distribution: '@scope/pkg' });
    expect(m.resolve('node:fs', 'src/index.ts')).toEqual({ kind: 'builtin', module: 'fs' });
    expect(m.resolve('child_process', 'src/index.ts')).toEqual({ kind: 'builtin', module: 'child_process' });
    // Deno's npm: specifiers name the same package.
    expect(m.resolve('npm:acme@2', 'README.md')).toEqual({ kind: 'repo', path: 'src/index.ts' });
  });

  it('falls back to the built JavaScript when no source exists, and follows main without exports', async () => {
    const m = await repoOf({ 'package.json': JSON.stringify({ name: 'plain', main: 'lib/index.js' }), 'lib/index.js': 'module.exports = {};\n', 'lib/extra.js': '\n' });
    expect(m.resolve('plain', 'examples/a.js')).toEqual({ kind: 'repo', path: 'lib/index.js' });
    expect(m.resolve('plain/lib/extra', 'examples/a.js')).toEqual({ kind: 'repo', path: 'lib/extra.js' });
    expect(m.resolve('plain/lib/extra.js', 'examples/a.js')).toEqual({ kind: 'repo', path: 'lib/extra.js' });
  });

  it('maps the declarations of a package written in JavaScript to the JavaScript source they are built from', async () => {
    // Types generated from JSDoc (`types/index.d.ts`), bundles in `dist/` under other names; the code is `src/index.js`.
    const m = await repoOf({
      'package.json': JSON.stringify({ name: 'root-monorepo', private: true, workspaces: ['packages/*'] }),
      'packages/lib/package.json': JSON.stringify({
        name: '@acme/lib',
        main: './dist/lib.node.cjs',
        types: './types/index.d.ts',
        exports: { node: { import: { types: './types/index.d.ts', default: './dist/lib.node.mjs' } }, default: { types: './types/index.d.ts', default: './dist/lib.web.js' } },
      }),
      'packages/lib/src/index.js': 'export { run } from "./run.js";\n',
      'packages/lib/src/run.js': 'export function run() {}\n',
    });
    expect(m.resolve('@acme/lib', 'README.md')).toEqual({ kind: 'repo', path: 'packages/lib/src/index.js' });
  });

  it('resolves relative imports written with .js for .ts files, index files, and refuses to leave the repository', async () => {
    const m = await repoOf({ 'src/a.ts': '\n', 'src/b/index.tsx': '\n', 'src/c.mts': '\n' });
    expect(m.resolve('./a.js', 'src/x.ts')).toEqual({ kind: 'repo', path: 'src/a.ts' });
    expect(m.resolve('./b', 'src/x.ts')).toEqual({ kind: 'repo', path: 'src/b/index.tsx' });
    expect(m.resolve('./c.mjs', 'src/x.ts')).toEqual({ kind: 'repo', path: 'src/c.mts' });
    expect(m.resolve('../../etc/passwd', 'src/x.ts').kind).toBe('missing');
  });

  it('follows tsconfig paths of the nearest tsconfig, through extends', async () => {
    const m = await repoOf({
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { 'sdk': ['./src/index.ts'], 'sdk/*': ['./src/*'], '@app/*': ['./app/*'] } } }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
      'src/index.ts': '\n',
      'src/resources/chat.ts': '\n',
      'app/main.ts': '\n',
    });
    expect(m.resolve('sdk', 'examples/a.ts')).toEqual({ kind: 'repo', path: 'src/index.ts' });
    expect(m.resolve('sdk/resources/chat', 'examples/a.ts')).toEqual({ kind: 'repo', path: 'src/resources/chat.ts' });
    expect(m.resolve('@app/main', 'examples/a.ts')).toEqual({ kind: 'repo', path: 'app/main.ts' });
  });

  it('maps the packages of pnpm and npm workspaces, and does not count them as dependencies', async () => {
    const pnpm = await repoOf({
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - \"tools/cli\" # the CLI\nonlyBuiltDependencies:\n  - esbuild\n",
      'packages/core/package.json': JSON.stringify({ name: '@acme/core', main: 'dist/index.js', dependencies: { zod: '3' } }),
      'packages/core/src/index.ts': '\n',
      'tools/cli/package.json': JSON.stringify({ name: '@acme/cli', exports: './src/main.ts', dependencies: { '@acme/core': 'workspace:*' } }),
      'tools/cli/src/main.ts': '\n',
      'other/package.json': JSON.stringify({ name: 'not-a-workspace' }),
    });
    expect(pnpm.resolve('@acme/core', 'tools/cli/src/main.ts')).toEqual({ kind: 'repo', path: 'packages/core/src/index.ts' });
    expect(pnpm.resolve('@acme/cli', 'examples/a.ts')).toEqual({ kind: 'repo', path: 'tools/cli/src/main.ts' });
    expect(pnpm.resolve('not-a-workspace', 'examples/a.ts').kind).toBe('external');
    expect([...pnpm.dependencies]).toEqual(['zod']);
    const npm = await repoOf({
      'package.json': JSON.stringify({ name: 'root', workspaces: ['libs/**'] }),
      'libs/a/b/package.json': JSON.stringify({ name: 'deep', main: 'index.js' }),
      'libs/a/b/index.js': '\n',
    });
    expect(npm.resolve('deep', 'x.js')).toEqual({ kind: 'repo', path: 'libs/a/b/index.js' });
  });

  it('reads `**/*` as any depth, the first level included, and takes `!` globs back out', async () => {
    const map = await repoOf({
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': "packages:\n    - packages/**/*\n    - '!packages/tools/fixtures/**'\n",
      'packages/server/package.json': JSON.stringify({ name: '@acme/server', exports: { '.': { import: { types: './dist/index.d.mts', default: './dist/index.mjs' } } } }),
      'packages/server/src/index.ts': '\n',
      'packages/middleware/express/package.json': JSON.stringify({ name: '@acme/express', main: 'src/index.ts' }),
      'packages/middleware/express/src/index.ts': '\n',
      'packages/tools/fixtures/app/package.json': JSON.stringify({ name: '@acme/fixture-app', main: 'index.js' }),
      'packages/tools/fixtures/app/index.js': '\n',
    });
    expect(map.resolve('@acme/server', 'README.md')).toEqual({ kind: 'repo', path: 'packages/server/src/index.ts' });
    expect(map.resolve('@acme/express', 'README.md')).toEqual({ kind: 'repo', path: 'packages/middleware/express/src/index.ts' });
    expect(map.resolve('@acme/fixture-app', 'README.md').kind).toBe('external');
  });
});

describe('tsconfig reading (JSON with comments)', async () => {
  const { parseJsonc } = await import('../src/lang/ts/jsonc.js');
  it('drops comments and trailing commas but never touches strings', () => {
    expect(parseJsonc('{\n  // line\n  "a": "http://x/*y*/", /* block */ "b": [1, 2,],\n  "c": "q\\"//",\n}\n')).toEqual({ a: 'http://x/*y*/', b: [1, 2], c: 'q"//' });
    expect(parseJsonc('{ "a": 1 /* unterminated')).toBeUndefined();
    expect(parseJsonc('[1]')).toBeUndefined();
  });
});
