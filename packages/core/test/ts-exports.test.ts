import { describe, expect, it } from 'vitest';
import { publishedNames } from '../src/lang/ts/exports.js';
import { ModuleMap } from '../src/lang/ts/modules.js';
import { RepoFiles } from '../src/repo/files.js';
import { write } from './repos.js';

async function published(files: Record<string, string>) {
  const repo = write(files);
  const scanned = await RepoFiles.scan(repo);
  return publishedNames(scanned, await ModuleMap.load(scanned));
}

describe("a JavaScript package's published names", () => {
  it('are what its entries export, followed through re-exports to the file that declares each', async () => {
    const p = await published({
      'package.json': JSON.stringify({
        name: 'acme',
        // A condition per runtime: every one's entry publishes (the node entry alone exports `nodeOnly`).
        exports: { '.': { node: './dist/node.js', import: './dist/index.js' }, './helpers': './dist/helpers.js', './package.json': './package.json', './*': './*' },
      }),
      'src/index.ts': [
        "export { Client } from './client';",
        "export * from './api';",
        "import { hidden as shown } from './lib';",
        'export { shown as renamed };',
        "import { useThing } from './hooks';",
        'export const experimental_useThing = useThing;',
        'export default function main() {}',
        '',
      ].join('\n'),
      'src/node.ts': "export { nodeOnly } from './runtime';\n",
      'src/runtime.ts': 'export function nodeOnly() {}\n',
      'src/client.ts': 'export class Client {}\nexport function clientInternal() {}\n',
      'src/api.ts': "export function listThings() {}\nexport * from './more';\nexport default function notPassedOn() {}\n",
      'src/more.ts': 'export const answer = 42;\nexport function moreThings() {}\n',
      'src/lib.ts': 'export function hidden() {}\n',
      // (A `.ts` file, not TSX: its generic arrow function is no element.)
      'src/hooks.ts': 'const cast = <T>(x: unknown) => x as T;\nexport function useThing(x: unknown) { return cast(x); }\n',
      'src/helpers.ts': 'export function zodFormat() {}\n',
      'src/utils.ts': 'export function formatHost(h: string) { return h; }\n',
    });
    for (const key of ['src/client.ts:Client', 'src/api.ts:listThings', 'src/more.ts:moreThings', 'src/lib.ts:hidden', 'src/hooks.ts:useThing', 'src/index.ts:main', 'src/helpers.ts:zodFormat', 'src/runtime.ts:nodeOnly']) {
      expect(p.has(key), key).toBe(true);
    }
    // Declared and exported by its module, but exported by no entry (`./*` → `./*` lets files be imported as
    // they lie: an escape hatch, not the API); nor is the default of a module `export *` passes names on from.
    for (const key of ['src/utils.ts:formatHost', 'src/client.ts:clientInternal', 'src/api.ts:notPassedOn']) expect(p.has(key), key).toBe(false);
    expect(p.covers('src/utils.ts')).toBe(true);
    // (A Python module beside the package.json is no part of it.)
    expect(p.covers('src/tool.py')).toBe(false);
  });

  it('are not known for a package that publishes a folder by pattern or assigns its exports (CommonJS)', async () => {
    const p = await published({
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
      'packages/open/package.json': JSON.stringify({ name: 'open', exports: { '.': './dist/index.js', './helpers/*': './dist/helpers/*.js' } }),
      'packages/open/src/index.ts': 'export function a() {}\n',
      'packages/open/src/helpers/x.ts': 'export function x() {}\n',
      'packages/cjs/package.json': JSON.stringify({ name: 'cjs', main: 'index.js' }),
      'packages/cjs/index.js': "const { f } = require('./f');\nmodule.exports = { f };\n",
      'packages/cjs/f.js': 'exports.f = function f() {};\n',
      'packages/esm/package.json': JSON.stringify({ name: 'esm', main: 'dist/index.js' }),
      'packages/esm/src/index.ts': 'export function b() {}\n',
      'packages/esm/src/internal.ts': 'export function c() {}\n',
      // A package of its own, unnamed, inside the covered one: not covered by its entries.
      'packages/esm/tools/package.json': JSON.stringify({ private: true }),
      'packages/esm/tools/src/run.ts': 'export function d() {}\n',
    });
    expect(p.covers('packages/esm/tools/src/run.ts')).toBe(false);
    expect(p.covers('packages/open/src/helpers/x.ts')).toBe(false);
    expect(p.covers('packages/cjs/f.js')).toBe(false);
    expect(p.covers('packages/esm/src/internal.ts')).toBe(true);
    expect(p.has('packages/esm/src/index.ts:b')).toBe(true);
    expect(p.has('packages/esm/src/internal.ts:c')).toBe(false);
  });
});
