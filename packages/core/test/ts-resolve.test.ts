// TypeScript/JavaScript resolution with the type checker, on the SDK-style and plain-JavaScript fixtures and
// on small repositories written here; every printed span checked against the TypeScript compiler API.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import type { CallSite } from '../src/model.js';
import { tsDefinitions } from '../../../scripts/lib/ts-spans.mjs';
import { callsOf, find, lineOf, write } from './repos.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every repository definition the calls print must be a declaration the compiler API sees with the same lines. */
function expectExactSpans(repo: string, all: CallSite[]): number {
  const printed = all.flatMap((c) => (c.resolution.kind === 'repo' ? [c.resolution] : []));
  const oracle = tsDefinitions(repo, [...new Set(printed.map((r) => r.span.path))].sort());
  for (const r of printed) {
    const hits = (oracle.get(r.span.path) ?? []).filter((d) => d.qualname === r.qualname);
    expect(hits.some((d) => d.start === r.span.start && d.end === r.span.end), `${r.span.path}:L${r.span.start}-${r.span.end} ${r.qualname} vs ${JSON.stringify(hits)}`).toBe(true);
  }
  return printed.length;
}

describe('TypeScript SDK fixture (relay-sdk)', async () => {
  const repo = path.join(ROOT, 'examples/relay-sdk/repo');
  const calls = await callsOf(repo);

  it('follows method chains through resource properties to the overload implementation', () => {
    const c = find(calls.get('examples/chat.ts'), 'client.chat.completions.create');
    expect(c.resolution).toMatchObject({ kind: 'repo', qualname: 'Completions.create' });
    const file = 'src/resources/chat/completions.ts';
    expect(c.definition?.span).toEqual({ path: file, start: lineOf(repo, file, 'async create(params: ChatCompletionCreateParams)'), end: lineOf(repo, file, 'return this._client.post<ChatCompletion>') + 1 });
    expect(c.definition?.summary).toBe('Creates a model response for the given chat conversation.');
    expect(c.definition?.params).toEqual([{ name: 'params', type: 'ChatCompletionCreateParams' }]);
    expect(c.argNames).toEqual(['{ model, messages, temperature }']);
    expect(c.argComments).toEqual({ temperature: 'lower is more deterministic' });
    expect(c.assignedTo).toEqual(['completion']);
  });

  it('resolves default exports, static and inherited methods, and re-exports under another name', () => {
    const chat = calls.get('examples/chat.ts');
    expect(find(chat, 'Relay').resolution).toMatchObject({ kind: 'repo', qualname: 'Relay', via: 'constructor' });
    expect(find(chat, 'Relay').comment).toBe('The API key is read from the environment.');
    const streaming = calls.get('examples/streaming.ts');
    expect(find(streaming, 'Relay.fromEnv').resolution).toMatchObject({ kind: 'repo', qualname: 'Relay.fromEnv' });
    const inherited = find(streaming, 'Relay.fromEnv().withOptions');
    expect(inherited.resolution).toMatchObject({ kind: 'repo', qualname: 'BaseClient.withOptions', span: { path: 'src/core.ts' } });
    expect(inherited.definition?.returns).toBe('this');
    const helper = find(streaming, 'streamToText');
    expect(helper.resolution).toMatchObject({ kind: 'repo', qualname: 'streamToText', span: { path: 'src/helpers/index.ts', start: lineOf(repo, 'src/helpers/index.ts', 'export const streamToText') } });
    expect(helper.definition?.summary).toBe('Joins the chunks of a streamed completion into the full reply.');
    const upload = calls.get('examples/fine-tune-upload.ts');
    // `fileFrom` is `export { toFile as fileFrom }`: the definition is toFile.
    expect(find(upload, 'fileFrom').resolution).toMatchObject({ kind: 'repo', qualname: 'toFile', span: { path: 'src/uploads.ts' } });
    expect(find(upload, 'client.files.upload').definition?.params).toEqual([
      { name: 'file', type: 'Uploadable' },
      { name: 'purpose', type: "'fine-tune' | 'batch'", default: "'fine-tune'" },
    ]);
  });

  it('turns a callback of the example into a pattern and child_process into a tool', () => {
    const streaming = calls.get('examples/streaming.ts');
    const p = find(streaming, 'onChunk');
    expect(p.resolution).toMatchObject({ kind: 'pattern', name: 'onChunk', span: { path: 'examples/streaming.ts', start: lineOf(repo, 'examples/streaming.ts', 'function onChunk') } });
    expect(p.passedTo).toBe('client.on');
    const cli = calls.get('src/bin/cli.ts');
    expect(find(cli, 'execSync').resolution).toEqual({ kind: 'tool', command: 'git describe --tags' });
    expect(find(cli, 'console.log').resolution.kind).toBe('builtin');
  });

  it('reads README blocks as sessions mapped back to Markdown lines, and prints only exact spans', () => {
    const quick = [...calls.entries()].find(([id]) => id.startsWith('README.md#'))?.[1];
    const c = find(quick, 'client.chat.completions.create');
    expect(c.site.path).toBe('README.md');
    expect(c.site.start).toBe(lineOf(repo, 'README.md', 'const completion = await client.chat.completions.create'));
    expect(expectExactSpans(repo, [...calls.values()].flat())).toBeGreaterThan(10);
  });
});

describe('plain JavaScript fixture (textkit)', async () => {
  const repo = path.join(ROOT, 'examples/textkit/repo');
  const calls = await callsOf(repo);

  it('follows require() of the package name through module.exports to the functions and classes', () => {
    const basic = calls.get('examples/basic.js');
    expect(find(basic, 'textkit.loadConfig').resolution).toMatchObject({ kind: 'repo', qualname: 'loadConfig', span: { path: 'lib/config.js' } });
    expect(find(basic, 'textkit.createPipeline').resolution).toMatchObject({ kind: 'repo', qualname: 'createPipeline', span: { path: 'lib/index.js' } });
    expect(find(basic, 'pipeline.run').resolution).toMatchObject({ kind: 'repo', qualname: 'Pipeline.run', span: { path: 'lib/pipeline.js' } });
    expect(find(basic, 'textkit.printReport').argComments).toEqual({ color: 'plain output for logs' });
    const custom = calls.get('examples/custom-step.js');
    expect(find(custom, 'new Pipeline().use().use').resolution).toMatchObject({ kind: 'repo', qualname: 'Pipeline.use' });
    expect(find(custom, 'shout').resolution).toMatchObject({ kind: 'pattern', name: 'shout' });
    const esm = calls.get('examples/esm-usage.mjs');
    expect(find(esm, 'Pipeline.from').resolution).toMatchObject({ kind: 'repo', qualname: 'Pipeline.from' });
    // A shell block in the same README section runs the package's own bin, a script with no function
    // of its own to point at: unresolved, with the reason (not an External Tool, not a guess).
    const usage = [...calls.entries()].find(([id]) => id.startsWith('README.md#'))?.[1];
    expect(find(usage, 'textkit').resolution).toMatchObject({ kind: 'unresolved', reason: expect.stringContaining('`bin/textkit.js` runs its own module-level code') });
    expect(find(usage, 'textkit').command).toEqual({ line: 'textkit textkit.json --changed', program: 'textkit', words: [] });
    const bin = calls.get('bin/textkit.js');
    expect(find(bin, 'spawnSync').resolution).toEqual({ kind: 'tool', command: 'git diff --name-only' });
    expect(expectExactSpans(repo, [...calls.values()].flat())).toBeGreaterThan(5);
  });
});

describe('spans of tricky declarations', () => {
  it('starts at the first decorator, never at the JSDoc, ends at the closing line, in every line-ending style', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const src = [
        '/** Decorates. */',
        'export function dec(_a: unknown, _b: string, _c: PropertyDescriptor) {}',
        '',
        '/**',
        ' * A service.',
        ' */',
        'export class Service {',
        '  /** Runs. */',
        '  @dec',
        '  @dec',
        '  run(',
        '    a: number,',
        '  ): number {',
        '    return a; // trailing',
        '  }',
        '  // a comment after the body',
        '',
        '  static make = (): Service =>',
        '    new Service();',
        '',
        '  get [Symbol.toStringTag](): string {',
        '    return "S";',
        '  }',
        '}',
        '',
        '/** Arrow. */',
        'export const arrow = async (x: string) => {',
        '  return x;',
        '};',
        '',
        'export function over(a: string): string;',
        'export function over(a: number): number;',
        'export function over(a: any): any {',
        '  return a;',
        '}',
        '',
      ].join(eol);
      const repo = write({
        'package.json': JSON.stringify({ name: 'tricky', main: 'src/index.ts' }),
        'src/index.ts': src,
        'examples/use.ts': [
          "import { Service, arrow, over } from 'tricky';",
          'const s = new Service();',
          's.run(1);',
          'Service.make();',
          "arrow('x');",
          "over('a');",
          'over(1);',
          '',
        ].join('\n'),
      });
      const calls = (await callsOf(repo)).get('examples/use.ts')!;
      expect(find(calls, 's.run').resolution).toMatchObject({ qualname: 'Service.run', span: { start: 9, end: 15 } });
      expect(find(calls, 'Service').resolution).toMatchObject({ qualname: 'Service', span: { start: 7, end: 24 } });
      expect(find(calls, 'Service.make').resolution).toMatchObject({ qualname: 'Service.make', span: { start: 18, end: 19 } });
      expect(find(calls, 'arrow').resolution).toMatchObject({ qualname: 'arrow', span: { start: 27, end: 29 } });
      // Both overloads print the implementation.
      for (const c of calls.filter((x) => x.callee === 'over')) expect(c.resolution).toMatchObject({ qualname: 'over', span: { start: 33, end: 35 } });
      expectExactSpans(repo, calls);
    }
  });

  it('prints no location for a union receiver, and none from a region with a syntax error', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'u', main: 'src/index.ts' }),
      'src/index.ts': 'export class A { go(): void {} }\nexport class B { go(): void {} }\nexport function pick(x: boolean): A | B { return x ? new A() : new B(); }\nexport function broken( {\n  return 1;\n}\n',
      'examples/use.ts': "import { pick, broken } from 'u';\nconst r = pick(true);\nr.go();\nbroken();\n",
    });
    const calls = (await callsOf(repo)).get('examples/use.ts')!;
    expect(find(calls, 'r.go').resolution).toMatchObject({ kind: 'unresolved', candidates: ['A.go', 'B.go'] });
    expect(find(calls, 'pick').resolution).toMatchObject({ kind: 'repo', qualname: 'pick' });
    expect(find(calls, 'broken').resolution).toMatchObject({ kind: 'unresolved' });
  });

  it('never prints the iteration protocol as a call, and keeps a computed key as written', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'it', main: 'src/index.ts' }),
      'src/index.ts': 'export class Runner {\n  async *[Symbol.asyncIterator](): AsyncGenerator<string> {\n    yield "x";\n  }\n  done(): void {}\n}\nexport const handlers: Record<string, () => void> = {};\n',
      'examples/use.ts': "import { Runner, handlers } from 'it';\nasync function main() {\n  const runner = new Runner();\n  for await (const x of runner) console.log(x);\n  const it = runner[Symbol.asyncIterator]();\n  const name = 'a';\n  handlers[name]();\n  runner.done();\n}\nmain();\n",
    });
    const calls = (await callsOf(repo)).get('examples/use.ts')!;
    expect(calls.map((c) => c.callee).filter((c) => c.includes('['))).toEqual(['handlers[name]']);
    expect(find(calls, 'runner.done').resolution).toMatchObject({ kind: 'repo', qualname: 'Runner.done' });
  });

  it('follows re-export chains (export *, export { x as y }, export default) to the definition', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'chain', exports: { '.': './src/index.ts' } }),
      'src/index.ts': "export * from './mid';\nexport { default as Tool } from './tool';\n",
      'src/mid.ts': "export * from './deep/leaf';\nexport { helper as assist } from './deep/helper';\n",
      'src/deep/leaf.ts': '/** Leaf. */\nexport function leaf(n: number): number {\n  return n;\n}\n',
      'src/deep/helper.ts': '/** Helps. */\nexport const helper = (s: string): string => s;\n',
      'src/tool.ts': '/** A tool. */\nexport default class {\n  /** Uses it. */\n  use(): void {}\n}\n',
      'examples/use.ts': "import { leaf, assist, Tool } from 'chain';\nleaf(1);\nassist('x');\nnew Tool().use();\n",
    });
    const calls = (await callsOf(repo)).get('examples/use.ts')!;
    expect(find(calls, 'leaf').resolution).toMatchObject({ kind: 'repo', qualname: 'leaf', span: { path: 'src/deep/leaf.ts', start: 2, end: 4 } });
    expect(find(calls, 'assist').resolution).toMatchObject({ kind: 'repo', qualname: 'helper', span: { path: 'src/deep/helper.ts', start: 2, end: 2 } });
    expect(find(calls, 'Tool').resolution).toMatchObject({ kind: 'repo', qualname: 'default', span: { path: 'src/tool.ts', start: 2, end: 5 } });
    expect(find(calls, 'new Tool().use').resolution).toMatchObject({ kind: 'repo', qualname: 'default.use', span: { path: 'src/tool.ts', start: 4, end: 4 } });
    expectExactSpans(repo, calls);
  });

  it('names external packages by their import and never reads node_modules', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'ext', main: 'src/index.ts', dependencies: { axios: '1' } }),
      'src/index.ts': "import axios from 'axios';\n/** Gets. */\nexport function get(url: string) { return axios.get(url); }\n",
      'node_modules/axios/index.d.ts': 'export default { get(u: string): Promise<unknown>; };\n',
      'examples/use.ts': "import axios from 'axios';\nimport { get } from 'ext';\nconst c = axios.create();\nc.get('x');\nget('y');\n",
    });
    const calls = (await callsOf(repo)).get('examples/use.ts')!;
    expect(find(calls, 'axios.create').resolution).toMatchObject({ kind: 'external', distribution: 'axios' });
    expect(find(calls, 'c.get').resolution).toMatchObject({ kind: 'external', distribution: 'axios' });
    expect(find(calls, 'get').definition?.externalImports).toEqual(['axios']);
  });
});

describe('a repository with both Python and TypeScript', () => {
  it('runs both adapters; each workflow gets its own runtime', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "duo"\n',
      'duo/__init__.py': 'from .core import load, train, save\n',
      'duo/core.py': 'def load(p):\n    """Loads."""\n    return p\n\n\ndef train(m):\n    """Trains."""\n    return m\n\n\ndef save(m, p):\n    """Saves."""\n    return p\n',
      'examples/run.py': 'from duo import load, train, save\nm = load("x")\nm2 = train(m)\nsave(m2, "y")\n',
      'package.json': JSON.stringify({ name: 'duo-js', main: 'js/index.ts' }),
      'js/index.ts': '/** Opens. */\nexport function open(p: string) { return p; }\n/** Reads. */\nexport function read(h: string) { return h; }\n/** Closes. */\nexport function close(h: string) { return h; }\n',
      'examples/run.ts': "import { open, read, close } from 'duo-js';\nconst h = open('x');\nconst text = read(h);\nclose(text);\n",
    });
    const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-tswiki-'));
    const model = await extractWorkflows({ repo, wiki, name: 'acme_duo' });
    expect(model.languages).toEqual(['python', 'typescript']);
    const env = Object.fromEntries(model.workflows.map((w) => [w.sources[0].path, w.steps[0].calls[0].environment]));
    expect(env).toEqual({ 'examples/run.py': 'acme_duo_Python', 'examples/run.ts': 'acme_duo_Node' });
  });
});

describe('package READMEs of a monorepo, elided values, sessions that go on', async () => {
  const fence = '```';
  const repo = write({
    'package.json': '{ "name": "mono", "private": true, "workspaces": ["packages/*"] }\n',
    'README.md': ['# mono', '', '- [@acme/infer](packages/infer/README.md): run models', ''].join('\n'),
    'packages/infer/package.json': '{ "name": "@acme/infer", "main": "src/index.ts" }\n',
    'packages/infer/src/index.ts': [
      'export class Client {',
      '  constructor(public token?: string) {}',
      '  translate(args: { text: string; model?: unknown }): string {',
      '    return args.text;',
      '  }',
      '}',
      'export function summarize(args: { text: string; extra?: unknown }): string {',
      '  return args.text;',
      '}',
      '',
    ].join('\n'),
    'packages/infer/README.md': [
      '# @acme/infer',
      '',
      '## Initialize',
      '',
      `${fence}ts`,
      "import { Client } from '@acme/infer';",
      '',
      "const hf = new Client('token');",
      fence,
      '',
      '## Tree-shaking',
      '',
      `${fence}ts`,
      "import { summarize } from '@acme/infer';",
      '',
      'summarize({ text: "x", extra: ... });',
      fence,
      '',
      '## Translation',
      '',
      `${fence}ts`,
      'await hf.translate({ text: "hello", model: ... });',
      fence,
      '',
    ].join('\n'),
    // Not linked from the root README: the monorepo's plumbing.
    'packages/hash/package.json': '{ "name": "@acme/hash", "main": "src/index.ts" }\n',
    'packages/hash/src/index.ts': 'export function digest(s: string): string {\n  return s;\n}\n',
    'packages/hash/README.md': `# hash\n\n${fence}ts\nimport { digest } from '@acme/hash';\n\ndigest("a");\n${fence}\n`,
  });
  const calls = await callsOf(repo);
  const ids = [...calls.keys()];

  it('reads the README of a package the root README links to, not of the others', () => {
    expect(ids.some((id) => id.startsWith('packages/infer/README.md#'))).toBe(true);
    expect(ids.some((id) => id.startsWith('packages/hash/README.md#'))).toBe(false);
  });

  it('reads `...` where a value goes as a value, every line where it is', () => {
    const c = find([...calls.values()].flat().filter((x) => x.site.path === 'packages/infer/README.md'), 'summarize');
    expect(c.resolution).toMatchObject({ kind: 'repo', qualname: 'summarize', span: { path: 'packages/infer/src/index.ts' } });
    expect(c.site.start).toBe(lineOf(repo, 'packages/infer/README.md', 'summarize({ text'));
  });

  it('goes on with the session after a block that imports only new names', () => {
    const c = find([...calls.values()].flat().filter((x) => x.site.path === 'packages/infer/README.md'), 'hf.translate');
    expect(c.resolution).toMatchObject({ kind: 'repo', qualname: 'Client.translate' });
    expect(c.site.start).toBe(lineOf(repo, 'packages/infer/README.md', 'await hf.translate'));
  });
});

describe('a monorepo root named like its published package; README copies', async () => {
  const fence = '```';
  const quick = ['## Install', '', 'npm i sbx', '', '## Run a command', '', `${fence}ts`, "import Sandbox from 'sbx';", '', 'const box = await Sandbox.create();', "await box.run('echo hi');", fence, ''];
  const repo = write({
    // The private root and the SDK share the name `sbx`: an import of `sbx` is the SDK's.
    'package.json': '{ "name": "sbx", "private": true, "workspaces": ["packages/*"] }\n',
    'packages/js-sdk/package.json': '{ "name": "sbx", "main": "dist/index.js" }\n',
    'packages/js-sdk/src/index.ts': 'export class Sandbox {\n  static async create(): Promise<Sandbox> {\n    return new Sandbox();\n  }\n  async run(cmd: string): Promise<string> {\n    return cmd;\n  }\n}\nexport default Sandbox;\n',
    'README.md': ['# sbx', '', ...quick].join('\n'),
    // A copy for a registry (the same headings): nothing new. Another root page: a docs page.
    'README-NPM.md': ['# sbx', '', ...quick].join('\n'),
    'README-dev.md': ['# Developing sbx', '', '## Build', '', '## Release', '', ...quick].join('\n'),
  });
  const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-tsroot-')), name: 'acme_sbx' });
  const calls = await callsOf(repo);

  it('resolves the package name to the workspace package, not to the private root', () => {
    const c = find(calls.get(model.candidates.find((x) => x.path === 'README.md')!.id), 'box.run');
    expect(c.resolution).toMatchObject({ kind: 'repo', qualname: 'Sandbox.run', span: { path: 'packages/js-sdk/src/index.ts' } });
  });

  it('reads the front README as the README, skips its copies, and reads another root README as docs', () => {
    expect(model.candidates.filter((x) => x.path === 'README.md').map((x) => x.kind)).toEqual(['readme']);
    expect(model.candidates.some((x) => x.path === 'README-NPM.md')).toBe(false);
    expect(model.candidates.filter((x) => x.path === 'README-dev.md').map((x) => x.kind)).toEqual(['docs']);
  });
});

describe('a `this` parameter', async () => {
  const repo = write({
    'package.json': '{ "name": "sbx", "main": "src/index.ts" }\n',
    'src/index.ts': [
      'export class Sandbox {',
      '  static async create<S extends typeof Sandbox>(this: S, template: string, opts?: { apiKey?: string }): Promise<InstanceType<S>> {',
      '    return new this() as InstanceType<S>;',
      '  }',
      '}',
      '',
    ].join('\n'),
    'examples/start.ts': "import { Sandbox } from '../src/index';\n\nconst box = await Sandbox.create('base', { apiKey: 'k' });\nconsole.log(box);\n",
  });
  const calls = await callsOf(repo);

  it('takes no argument: the first argument is the first real parameter', () => {
    const c = find(calls.get('examples/start.ts'), 'Sandbox.create');
    expect(c.resolution).toMatchObject({ kind: 'repo', qualname: 'Sandbox.create' });
    expect(c.argNames).toEqual(['template', '{ apiKey }']);
  });
});

describe('require() of a TypeScript package whose default export is its client (Stainless SDKs: groq-sdk)', async () => {
  // The published CommonJS build makes `require('acme-sdk')` the client class itself.
  const repo = write({
    'package.json': JSON.stringify({ name: 'acme-sdk', main: 'dist/index.js', types: 'dist/index.d.ts' }),
    'tsconfig.json': JSON.stringify({ include: ['src', 'examples'], compilerOptions: { paths: { 'acme-sdk': ['./src/index.ts'] } } }),
    'src/client.ts': [
      'export class Completions {',
      '  create(params: { model: string }): Promise<string> {',
      '    return Promise.resolve(params.model);',
      '  }',
      '}',
      'export class Acme {',
      '  completions = new Completions();',
      '}',
      '',
    ].join('\n'),
    'src/index.ts': "export { Acme as default } from './client';\nexport { Acme } from './client';\n",
    'examples/chat.js': "const Acme = require('acme-sdk');\n\nconst acme = new Acme();\nacme.completions.create({ model: 'm' }).then(console.log);\n",
  });
  const calls = await callsOf(repo);

  it('makes the required module the default export: the class, then its methods', () => {
    const chat = calls.get('examples/chat.js');
    expect(find(chat, 'Acme').resolution).toMatchObject({ kind: 'repo', qualname: 'Acme', span: { path: 'src/client.ts' } });
    expect(find(chat, 'acme.completions.create').resolution).toMatchObject({ kind: 'repo', qualname: 'Completions.create' });
    expectExactSpans(repo, [...calls.values()].flat());
  });
});
