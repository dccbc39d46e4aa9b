// TypeScript: implementations, not types (issue 11). A call the checker only knows by an interface
// member, a call signature or a type alias prints the implementation the receiver was built from (a
// builder's object literal, a method assigned in a constructor, the function a factory returns), else it
// is unresolved with the reason; a computed member of a map, and a binding destructured from an external
// call, never print an unrelated declaration. Small repositories written here; every printed span is
// checked against the TypeScript compiler API, and none may be type-only.
import { describe, expect, it } from 'vitest';
import type { CallSite } from '../src/model.js';
import { tsDefinitions } from '../../../scripts/lib/ts-spans.mjs';
import { callsOf, find, lineOf, write } from './repos.js';

/** Every printed location is a declaration the compiler API sees with the same lines, and none is type-only. */
function expectExactAndNotTypeOnly(repo: string, all: CallSite[]): void {
  const printed = all.flatMap((c) => (c.resolution.kind === 'repo' ? [c.resolution] : []));
  const oracle = tsDefinitions(repo, [...new Set(printed.map((r) => r.span.path))].sort());
  for (const r of printed) {
    const hits = (oracle.get(r.span.path) ?? []).filter((d) => (d.qualname === r.qualname || d.qualname === `*.${r.qualname.split('.').pop()}`) && d.start === r.span.start && d.end === r.span.end);
    expect(hits.length, `${r.span.path}:L${r.span.start}-${r.span.end} ${r.qualname}`).toBeGreaterThan(0);
    expect(hits.some((d) => d.typeOnly), `${r.qualname} is type-only`).toBe(false);
  }
}

describe('a builder, a router and a factory (tRPC style)', async () => {
  const repo = write({
    'package.json': JSON.stringify({ name: 'mini-rpc', main: 'src/index.ts' }),
    'src/router.ts': [
      'export function mergeRouters(...routers: object[]): object {',
      '  return Object.assign({}, ...routers);',
      '}',
      '',
      'export function createRouterFactory(config: object) {',
      '  return function createRouterInner(procedures: object): object {',
      '    return { config, procedures };',
      '  };',
      '}',
      '',
    ].join('\n'),
    'src/builder.ts': [
      'export interface ProcedureBuilder {',
      '  input(schema: unknown): ProcedureBuilder;',
      '  query(fn: () => unknown): object;',
      '}',
      '',
      'export function createBuilder(def: object = {}): ProcedureBuilder {',
      '  const builder: ProcedureBuilder = {',
      '    input(schema) {',
      '      return createNewBuilder(def, { schema });',
      '    },',
      '    query(fn) {',
      '      return { def, fn };',
      '    },',
      '  };',
      '  return builder;',
      '}',
      '',
      'function createNewBuilder(a: object, b: object): ProcedureBuilder {',
      '  return createBuilder({ ...a, ...b }) as any;',
      '}',
      '',
    ].join('\n'),
    'src/init.ts': [
      "import { createRouterFactory, mergeRouters } from './router';",
      "import { createBuilder, type ProcedureBuilder } from './builder';",
      '',
      'export interface RootObject {',
      '  procedure: ProcedureBuilder;',
      '  router: (procedures: object) => object;',
      '  mergeRouters: (...routers: object[]) => object;',
      '}',
      '',
      'class Builder {',
      '  create(): RootObject {',
      '    return { procedure: createBuilder(), router: createRouterFactory({}), mergeRouters };',
      '  }',
      '}',
      '',
      'export const initRPC = new Builder();',
      '',
    ].join('\n'),
    'src/index.ts': "export { initRPC } from './init';\nexport type { RootObject } from './init';\n",
    'examples/server.ts': [
      "import { initRPC } from 'mini-rpc';",
      '',
      'const t = initRPC.create();',
      "const hello = t.router({ hello: t.procedure.input('name').query(() => 'hi') });",
      'export const app = t.mergeRouters(hello);',
      '',
    ].join('\n'),
  });
  const calls = await callsOf(repo);
  const server = calls.get('examples/server.ts');

  it('prints the function a builder object holds, not the interface member', () => {
    expect(find(server, 't.mergeRouters').resolution).toMatchObject({ kind: 'repo', qualname: 'mergeRouters', span: { path: 'src/router.ts', start: 1, end: 3 } });
    expect(find(server, 't.procedure.input').resolution).toMatchObject({ kind: 'repo', qualname: 'createBuilder.builder.input', span: { path: 'src/builder.ts', start: lineOf(repo, 'src/builder.ts', '    input(schema) {') } });
    // Through a chain: `input` returns a new builder made by another function.
    expect(find(server, 't.procedure.input().query').resolution).toMatchObject({ kind: 'repo', qualname: 'createBuilder.builder.query', span: { path: 'src/builder.ts', start: lineOf(repo, 'src/builder.ts', '    query(fn) {') } });
  });

  it('prints the function a factory returns', () => {
    expect(find(server, 't.router').resolution).toMatchObject({ kind: 'repo', qualname: 'createRouterFactory.createRouterInner', span: { path: 'src/router.ts', start: 6, end: 8 } });
    expect(find(server, 't.router').definition?.params).toEqual([{ name: 'procedures', type: 'object' }]);
  });

  it('prints no type-only location', () => {
    expectExactAndNotTypeOnly(repo, [...calls.values()].flat());
  });
});

describe('router methods assigned in a constructor (Hono style)', async () => {
  const repo = write({
    'package.json': JSON.stringify({ name: 'mini-web', main: 'src/index.ts' }),
    'src/base.ts': [
      "const METHODS = ['get', 'post'] as const;",
      '',
      'export type Handler = (path: string, fn: () => void) => Base;',
      '',
      'export class Base {',
      '  get!: Handler;',
      '  post!: Handler;',
      '  all!: Handler;',
      '  use: (fn: () => void) => Base;',
      '',
      '  constructor() {',
      "    const allMethods = [...METHODS, 'all'];",
      '    allMethods.forEach((method) => {',
      '      (this as any)[method] = (path: string, fn: () => void) => {',
      '        return this;',
      '      };',
      '    });',
      '    this.use = (fn) => {',
      '      return this;',
      '    };',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/app.ts': "import { Base } from './base';\n\nexport class App extends Base {}\n",
    'src/types.ts': 'export type Next = () => Promise<void>;\n',
    'src/mw.ts': "import type { Next } from './types';\n\nexport function middleware(fn: (next: Next) => Promise<void>): void {\n  void fn;\n}\n",
    'src/index.ts': "export { App } from './app';\nexport { middleware } from './mw';\n",
    'examples/app.ts': [
      "import { App, middleware } from 'mini-web';",
      '',
      'const app = new App();',
      "app.get('/', () => {});",
      'app.use(() => {});',
      'let late: App;',
      'late = new App();',
      "late.post('/x', () => {});",
      'middleware(async (next) => {',
      '  await next();',
      '});',
      '',
    ].join('\n'),
  });
  const calls = await callsOf(repo);
  const app = calls.get('examples/app.ts');

  it('prints the method assigned in the constructor, for a literal name and for every name of a literal list', () => {
    expect(find(app, 'app.use').resolution).toMatchObject({ kind: 'repo', qualname: 'Base.use', span: { path: 'src/base.ts', start: lineOf(repo, 'src/base.ts', 'this.use = (fn)'), end: lineOf(repo, 'src/base.ts', 'this.use = (fn)') + 2 } });
    const get = lineOf(repo, 'src/base.ts', '(this as any)[method] =');
    expect(find(app, 'app.get').resolution).toMatchObject({ kind: 'repo', qualname: 'Base.[method]', span: { path: 'src/base.ts', start: get, end: get + 2 } });
    // A variable declared with the class as its type and assigned later.
    expect(find(app, 'late.post').resolution).toMatchObject({ kind: 'repo', qualname: 'Base.[method]' });
  });

  it('leaves a callback type unresolved with the reason, never the type’s line', () => {
    const next = find(app, 'next').resolution;
    expect(next.kind).toBe('unresolved');
    expect(next.kind === 'unresolved' && next.reason).toMatch(/^`next` is declared only by a (type alias|call signature) \(src\/types\.ts:L1\); no implementation is reached/);
  });

  it('prints no type-only location', () => {
    expectExactAndNotTypeOnly(repo, [...calls.values()].flat());
  });
});

describe('an object a factory call returns, called by the source (transformers.js pipelines)', async () => {
  const repo = write({
    'package.json': JSON.stringify({ name: 'mini-pipes', main: 'src/index.ts' }),
    'src/index.ts': [
      'export type Pipe = (text: string) => Promise<string>;',
      'const TASKS: Record<string, Pipe> = {};',
      'export async function pipeline(task: string): Promise<Pipe> {',
      '  return TASKS[task];',
      '}',
      'export function each(fn: (next: Pipe) => void): void {',
      '  void fn;',
      '}',
      '',
    ].join('\n'),
    'examples/run.ts': [
      "import { each, pipeline } from 'mini-pipes';",
      '',
      "const pipe = await pipeline('sentiment-analysis');",
      "const out = await pipe('I love it');",
      "each((next) => { void next('x'); });",
      '',
    ].join('\n'),
  });
  const calls = (await callsOf(repo)).get('examples/run.ts');

  it('runs the object the call made (unresolved, no body known), as Python calls an object; a callback parameter is no such object', () => {
    expect(find(calls, 'pipe').resolution).toMatchObject({ kind: 'unresolved', method: '__call__' });
    const next = find(calls, 'next').resolution;
    expect(next.kind === 'unresolved' && next.method).toBeUndefined();
  });
});

describe('a provider function with properties, and an interface-typed variable (AI SDK style)', async () => {
  const repo = write({
    'package.json': JSON.stringify({ name: 'mini-ai', main: 'src/index.ts' }),
    'src/model.ts': [
      'export interface LanguageModel {',
      '  doGenerate(prompt: string): Promise<string>;',
      '}',
      '',
      'export class ChatModel implements LanguageModel {',
      '  constructor(readonly id: string) {}',
      '',
      '  async doGenerate(prompt: string): Promise<string> {',
      '    return prompt;',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/provider.ts': [
      "import { ChatModel, type LanguageModel } from './model';",
      '',
      'export interface Provider {',
      '  (id: string): LanguageModel;',
      '  chat(id: string): LanguageModel;',
      '}',
      '',
      'export function createProvider(): Provider {',
      '  const createChatModel = (id: string) => new ChatModel(id);',
      '  const provider = function (id: string) {',
      '    return createChatModel(id);',
      '  };',
      '  provider.chat = createChatModel;',
      '  return provider;',
      '}',
      '',
      'export const acme = createProvider();',
      '',
    ].join('\n'),
    'src/index.ts': "export { acme, createProvider } from './provider';\nexport { ChatModel, type LanguageModel } from './model';\n",
    'examples/generate.ts': [
      "import { acme, ChatModel, type LanguageModel } from 'mini-ai';",
      '',
      "const model = acme.chat('small');",
      "await model.doGenerate('hi');",
      "await acme('large').doGenerate('there');",
      'let other: LanguageModel;',
      "other = new ChatModel('x');",
      "await other.doGenerate('!');",
      '',
    ].join('\n'),
  });
  const calls = await callsOf(repo);
  const gen = calls.get('examples/generate.ts');

  it('follows properties assigned on a function object, and calls of the function itself', () => {
    expect(find(gen, 'acme.chat').resolution).toMatchObject({ kind: 'repo', qualname: 'createProvider.createChatModel', span: { path: 'src/provider.ts', start: lineOf(repo, 'src/provider.ts', 'const createChatModel') } });
    expect(find(gen, 'acme').resolution).toMatchObject({ kind: 'repo', qualname: 'createProvider.provider', span: { path: 'src/provider.ts', start: lineOf(repo, 'src/provider.ts', 'const provider = function') } });
    const doGenerate = { kind: 'repo', qualname: 'ChatModel.doGenerate', span: { path: 'src/model.ts', start: lineOf(repo, 'src/model.ts', 'async doGenerate') } };
    expect(find(gen, 'model.doGenerate').resolution).toMatchObject(doGenerate);
    expect(find(gen, 'acme().doGenerate').resolution).toMatchObject(doGenerate);
  });

  it('prints the class a variable typed by an interface is built from', () => {
    expect(find(gen, 'other.doGenerate').resolution).toMatchObject({ kind: 'repo', qualname: 'ChatModel.doGenerate' });
  });

  it('prints no type-only location', () => {
    expectExactAndNotTypeOnly(repo, [...calls.values()].flat());
  });
});

describe('computed members and destructured bindings', async () => {
  const repo = write({
    'package.json': JSON.stringify({ name: 'cmds', main: 'src/index.ts', dependencies: { 'next-auth': '5' } }),
    'src/commands.ts': [
      'export function build(): void {}',
      'export function serve(): void {}',
      'export const commands = { build, serve };',
      '',
      'export interface Options {',
      '  name: string;',
      '}',
      '',
    ].join('\n'),
    'src/auth.ts': "import NextAuth from 'next-auth';\n\nexport const { handlers, signIn } = NextAuth({});\n",
    'src/index.ts': "export { commands, type Options } from './commands';\nexport { signIn } from './auth';\n",
    'examples/cli.ts': [
      "import NextAuth from 'next-auth';",
      "import { commands, signIn, type Options } from 'cmds';",
      '',
      'function doA(): void {}',
      'function doB(): void {}',
      'const local = { a: doA, b: doB };',
      "const key = process.argv[2] as 'a' | 'b';",
      'local[key]();',
      '',
      "const opts: Options = { name: process.argv[3] ?? 'build' };",
      'commands[opts.name as keyof typeof commands]();',
      '',
      'const { signOut } = NextAuth({});',
      'signOut();',
      'signIn();',
      '',
    ].join('\n'),
  });
  const calls = await callsOf(repo);
  const cli = calls.get('examples/cli.ts');

  it('resolves a map of the source’s own functions to the source', () => {
    expect(find(cli, 'local[key]').resolution).toMatchObject({ kind: 'builtin' });
  });

  it('leaves a map of repository functions unresolved with its entries, never a string property of another type', () => {
    const r = find(cli, 'commands[opts.name as keyof typeof commands]').resolution;
    expect(r.kind).toBe('unresolved');
    expect(r.kind === 'unresolved' && r.candidates).toEqual([`build (src/commands.ts:L1-1)`, `serve (src/commands.ts:L2-2)`]);
  });

  it('makes a binding destructured from an external call external, in the example and in the repository', () => {
    expect(find(cli, 'signOut').resolution).toEqual({ kind: 'external', module: 'next-auth', distribution: 'next-auth' });
    expect(find(cli, 'signIn').resolution).toEqual({ kind: 'external', module: 'next-auth', distribution: 'next-auth' });
  });
});

describe('an interface and a constructor value of one name (Zod core style)', async () => {
  const repo = write({
    'package.json': JSON.stringify({ name: 'mini-core', main: 'src/index.ts' }),
    'src/index.ts': [
      'export interface $constructor<T> {',
      '  new (def: object): T;',
      '}',
      'export function $make<T>(name: string, init: (inst: T, def: object) => void): $constructor<T> {',
      '  return function (this: T, def: object) { init(this, def); } as unknown as $constructor<T>;',
      '}',
      '',
      'export interface $ZodString {',
      '  kind: string;',
      '}',
      '',
      'export const $ZodString: $constructor<$ZodString> = $make("$ZodString", (inst, def) => {',
      '  void inst;',
      '  void def;',
      '});',
      '',
      'export interface OnlyAType {',
      '  kind: string;',
      '}',
      'export declare const OnlyAType: $constructor<OnlyAType>;',
      '',
    ].join('\n'),
    'examples/core.ts': [
      "import * as z from 'mini-core';",
      '',
      "const schema = new z.$ZodString({ type: 'string' });",
      "const other = new z.OnlyAType({ type: 'string' });",
      'void schema;',
      'void other;',
      '',
    ].join('\n'),
  });
  const calls = (await callsOf(repo)).get('examples/core.ts')!;

  it('prints the value a `new` builds from, not the interface declared beside it', () => {
    expect(find(calls, 'z.$ZodString').resolution).toMatchObject({ kind: 'repo', span: { path: 'src/index.ts', start: 12, end: 15 } });
  });

  it('leaves a `new` of a value declared without a body unresolved, never printing a type', () => {
    expect(find(calls, 'z.OnlyAType').resolution.kind).toBe('unresolved');
  });

  it('prints no type-only location', () => expectExactAndNotTypeOnly(repo, calls));
});

describe('a statement ended by a semicolon that starts a later line (standard style)', async () => {
  const repo = write({
    'package.json': JSON.stringify({ name: 'mini-style', main: 'src/index.ts' }),
    'src/index.ts': [
      'export const Style = (props: { nonce?: string } = {}): string =>',
      '  `<style nonce="${props.nonce ?? ""}"></style>`',
      '',
      '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
      ';(Style as any).renderer = true',
      '',
    ].join('\n'),
    'examples/page.ts': ["import { Style } from 'mini-style';", '', "Style({ nonce: 'x' });", ''].join('\n'),
  });
  const calls = (await callsOf(repo)).get('examples/page.ts')!;

  it('ends where its code ends, not on the line of the next statement that the semicolon begins', () => {
    expect(find(calls, 'Style').resolution).toMatchObject({ kind: 'repo', span: { path: 'src/index.ts', start: 1, end: 2 } });
  });

  it('prints no type-only location', () => expectExactAndNotTypeOnly(repo, calls));
});
