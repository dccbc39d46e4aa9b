// QuickTypes answers the type checker's questions about callees without the checker's inference. In
// audit mode every quick answer is compared with the checker's own; these tests run whole repositories
// (the TypeScript fixtures and small ones written here) that way and assert both the resolutions and
// that no answer differs. The repositories written here hold the cases where reading the declared type
// would be wrong: a reference the checker narrows (instanceof, an aliased condition, an assertion
// function, a type predicate), a member the type does not have, overloads.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickAudit } from '../src/resolve/ts-quick.js';
import { callsOf, find, write } from './repos.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

beforeAll(() => {
  quickAudit.on = true;
});
afterAll(() => {
  quickAudit.on = false;
});

async function audited(repo: string) {
  quickAudit.answers = 0;
  quickAudit.mismatches = [];
  const calls = await callsOf(repo);
  return { calls, answers: quickAudit.answers, mismatches: [...quickAudit.mismatches] };
}

const LIB = {
  'package.json': JSON.stringify({ name: 'acme', version: '1.0.0', main: 'src/index.ts' }),
  'src/index.ts': [
    "export { Agent, Base, Derived, Tool, isDerived, assertDerived, makeAgent, makeBase, helpers } from './agent';",
    "export type { Picked } from './agent';",
    '',
  ].join('\n'),
  'src/agent.ts': [
    'export interface Settings<TOOLS> { tools: TOOLS; name?: string }',
    'export class Tool { run(input: string): string { return input; } }',
    'export class Agent<TOOLS extends Record<string, Tool> = {}> {',
    '  constructor(readonly settings: Settings<TOOLS>) {}',
    '  /** Generates. */',
    '  generate(prompt: string): Promise<Result<TOOLS>> { return Promise.resolve(new Result<TOOLS>()); }',
    '  tools(): Tool[] { return []; }',
    '  pick(): Picked { return this; }',
    '  overloaded(a: string): string;',
    '  overloaded(a: number): number;',
    '  overloaded(a: string | number): string | number { return a; }',
    '}',
    'export class Result<TOOLS> { steps: Step[] = []; text(): string { return ""; } }',
    'export class Step { describe(): string { return ""; } }',
    'export type Picked = Pick<Agent, "generate" | "tools"> & { label: string };',
    'export class Base { go(): string { return "base"; } }',
    'export class Derived extends Base { go(): string { return "derived"; } extra(): void {} }',
    'export function isDerived(b: Base): b is Derived { return b instanceof Derived; }',
    'export function assertDerived(b: Base): asserts b is Derived { if (!(b instanceof Derived)) throw new Error("no"); }',
    'export function makeAgent() { return new Agent({ tools: { search: new Tool() } }); }',
    'export function makeBase(): Base { return new Derived(); }',
    'export const helpers = { make: (): Base => new Base() };',
    '',
  ].join('\n'),
};

describe('quick answers on repositories written here', () => {
  it('follow declared types where nothing narrows them, and leave narrowed references to the checker', async () => {
    const repo = write({
      ...LIB,
      'examples/agent.ts': [
        "import { Agent, Tool, makeBase, isDerived, assertDerived, type Picked } from 'acme';",
        '',
        'async function main() {',
        '  const agent = new Agent({ tools: { search: new Tool(), fetch: new Tool() } });',
        "  const result = await agent.generate('hi');",
        '  result.text();',
        '  result.steps.map((step) => step.describe());',
        '  agent.tools().forEach((tool) => tool.run("x"));',
        '  const { settings } = agent;',
        '  settings.tools.search.run("y");',
        '  const picked: Picked = agent.pick();',
        '  picked.generate("z");',
        '  agent.overloaded(1);',
        '  // A member the type does not have: no declaration.',
        '  (agent as Agent).missing();',
        '  const a = makeBase();',
        '  if (a instanceof Derived2) a.go();',
        '  const b = makeBase();',
        '  const isD = isDerived(b);',
        '  if (isD) b.go();',
        '  const c = makeBase();',
        '  assertDerived(c);',
        '  c.go();',
        '  const d = makeBase();',
        '  if (isDerived(d)) d.go();',
        '  const e = makeBase();',
        '  e.go();',
        '}',
        '',
        "class Derived2 extends (await import('acme')).Base { go(): string { return 'two'; } }",
        'main();',
        '',
      ].join('\n'),
    });
    const { calls, answers, mismatches } = await audited(repo);
    expect(mismatches).toEqual([]);
    expect(answers).toBeGreaterThan(10);
    const ex = calls.get('examples/agent.ts');
    expect(find(ex, 'agent.generate').resolution).toMatchObject({ kind: 'repo', qualname: 'Agent.generate' });
    expect(find(ex, 'result.text').resolution).toMatchObject({ kind: 'repo', qualname: 'Result.text' });
    expect(find(ex, 'step.describe').resolution).toMatchObject({ kind: 'repo', qualname: 'Step.describe' });
    expect(find(ex, 'tool.run').resolution).toMatchObject({ kind: 'repo', qualname: 'Tool.run' });
    expect(find(ex, 'settings.tools.search.run').resolution).toMatchObject({ kind: 'repo', qualname: 'Tool.run' });
    expect(find(ex, 'picked.generate').resolution).toMatchObject({ kind: 'repo', qualname: 'Agent.generate' });
    expect(find(ex, 'agent.overloaded').resolution).toMatchObject({ kind: 'repo', qualname: 'Agent.overloaded' });
    expect(find(ex, 'agent.missing').resolution).toMatchObject({ kind: 'unresolved', reason: 'the type checker found no declaration' });
    // Narrowed by instanceof, by an aliased type predicate, by an assertion function, by a predicate:
    // the subclass's method (reading the declared type would give Base.go).
    expect(find(ex, 'a.go').resolution).toMatchObject({ kind: 'builtin' }); // Derived2 is the example's own class
    expect(find(ex, 'b.go').resolution).toMatchObject({ kind: 'repo', qualname: 'Derived.go' });
    expect(find(ex, 'c.go').resolution).toMatchObject({ kind: 'repo', qualname: 'Derived.go' });
    expect(find(ex, 'd.go').resolution).toMatchObject({ kind: 'repo', qualname: 'Derived.go' });
    expect(find(ex, 'e.go').resolution).toMatchObject({ kind: 'repo', qualname: 'Base.go' });
  });
});

describe('quick answers on the TypeScript fixtures', () => {
  for (const name of ['relay-sdk', 'textkit', 'sitegen', 'resolvekit']) {
    it(`equal the checker's on every question (${name})`, async () => {
      const { mismatches } = await audited(path.join(ROOT, 'examples', name, 'repo'));
      expect(mismatches).toEqual([]);
    });
  }
});
