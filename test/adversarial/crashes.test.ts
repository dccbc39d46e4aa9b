// No crash and no blow-up on input depth or size: deep call chains and nesting in Python, deep nesting in
// TypeScript (the parser recurses: the file is skipped with the reason), huge values full of backticks
// (clipped with … before any template), deeply nested Markdown (skipped with the reason).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownCode } from '../../packages/core/src/render/escape.js';
import { clipEnd, clipMiddle } from '../../packages/core/src/text/clip.js';
import { tsNestingProblem } from '../../packages/core/src/lang/ts/nesting.js';
import { cpSync } from 'node:fs';
import { ROOT, scratch } from '../helpers.js';
import { cli, DATE, noStackTrace, tinylm } from './helpers.js';

function reportOf(wiki: string): string {
  return readFileSync(path.join(wiki, '_reports', 'phase1_anchoring.md'), 'utf8');
}

/** Runs the CLI and checks a clean exit 0 within `seconds`, with no stack trace. */
function runClean(repo: string, wiki: string, seconds: number) {
  const start = process.hrtime.bigint();
  const r = cli([repo, '--wiki', wiki, ...DATE]);
  const took = Number(process.hrtime.bigint() - start) / 1e9;
  expect(r.code, r.stderr).toBe(0);
  expect(noStackTrace(r.stderr), r.stderr).toBe(true);
  expect(took, `took ${took.toFixed(1)} s`).toBeLessThan(seconds);
  return r;
}

describe('Python: deep chains and nesting', () => {
  it('a 10,000-deep call chain (m.generate().generate()...) is analysed without a stack overflow, in linear time', () => {
    const t = tinylm();
    writeFileSync(path.join(t.repo, 'examples', 'deep_chain.py'), `from tinylm import FastModel\nm = FastModel.from_pretrained("x")\nm${'.generate("y")'.repeat(10_000)}\n`);
    runClean(t.repo, t.wiki, 60);
    const report = reportOf(t.wiki);
    expect(report).toContain('`examples/deep_chain.py`');
    // Callees as written are clipped (…): the report does not grow with the square of the chain.
    expect(report.length).toBeLessThan(8_000_000);
    expect(report).toMatch(/m\.generate\("y"\)\.generate[^\n|]*…[^\n|]*\.generate/);
  }, 120_000);

  it('4,000-deep nesting (f(f(f(...))) and (((...)))) is analysed without a stack overflow', () => {
    const t = tinylm();
    writeFileSync(path.join(t.repo, 'examples', 'deep_calls.py'), `from tinylm import FastModel\nm = FastModel.from_pretrained("x")\nm.generate(${'str('.repeat(4000)}1${')'.repeat(4000)})\n`);
    writeFileSync(path.join(t.repo, 'examples', 'deep_parens.py'), `from tinylm import FastModel\nm = FastModel.from_pretrained("x")\nm.generate(${'('.repeat(4000)}1${')'.repeat(4000)})\n`);
    writeFileSync(path.join(t.repo, 'examples', 'deep_lists.py'), `from tinylm import FastModel\nm = FastModel.from_pretrained("x")\nm.generate(${'['.repeat(4000)}1${']'.repeat(4000)})\n`);
    runClean(t.repo, t.wiki, 60);
    expect(reportOf(t.wiki)).toContain('`examples/deep_calls.py`');
  }, 120_000);
});

describe('TypeScript: nesting the parser cannot take', () => {
  it('200,000 nested parentheses in an example: the file is skipped with the reason, the rest is analysed', () => {
    const root = scratch('goldpath-adv-');
    const repo = path.join(root, 'repo');
    cpSync(path.join(ROOT, 'examples/relay-sdk/repo'), repo, { recursive: true });
    writeFileSync(path.join(repo, 'examples', 'deep.ts'), `import Relay from 'relay-sdk';\nconst c = new Relay();\nconst x = ${'('.repeat(200_000)}1${')'.repeat(200_000)};\nc.models.list();\n`);
    // A module reached through an import, nested too deeply as well.
    writeFileSync(path.join(repo, 'src', 'deep.ts'), `export const v = ${'['.repeat(5000)}1${']'.repeat(5000)};\nexport function helper(): number { return 1; }\n`);
    writeFileSync(path.join(repo, 'examples', 'uses-deep.ts'), "import Relay from 'relay-sdk';\nimport { helper } from '../src/deep.js';\nconst c = new Relay();\nhelper();\nc.models.list();\n");
    const wiki = path.join(root, 'wiki');
    mkdirSync(wiki);
    runClean(repo, wiki, 60);
    const report = reportOf(wiki);
    expect(report).toMatch(/\| `examples\/deep\.ts` \| nested 200001 levels deep around line 3 \(the TypeScript parser recurses on nesting; limit 200\): not parsed \|/);
    expect(report).toMatch(/\| `src\/deep\.ts` \| nested 5001 levels deep/);
    expect(report).toMatch(/## Workflows Created\n\n\| Workflow \|[^\n]*\n\|[-|]+\n\| \w+/);
  }, 120_000);

  it('the nesting scan reads ordinary code as shallow and every deep construct as deep', () => {
    const ordinary = "import x from 'y';\nexport async function f(a: number, b = { c: [1, 2, (3)] }): Promise<void> {\n  if (a > 1) { await g(`t ${a}`, () => b.c.map((q) => q * 2)); } else if (a) { h(); }\n  const re = /[(]+/g; // (((( in a comment\n  const s = '((((';\n}\n";
    expect(tsNestingProblem(ordinary)).toBeUndefined();
    const deep: Record<string, string> = {
      parens: `(${'('.repeat(300)}1${')'.repeat(300)})`,
      arrows: `const f = ${'() => '.repeat(300)}1;`,
      ternaries: `const t = ${'a ? 1 : '.repeat(300)}2;`,
      prefix: `const u = ${'!'.repeat(300)}a;`,
      templates: `const s = ${'`${'.repeat(300)}1${'}`'.repeat(300)};`,
      elseIf: `${'if (a) {} else '.repeat(300)}{}`,
      memberChain: `const p = a${'.b'.repeat(1200)};`,
      callChain: `a${'.f()'.repeat(600)};`,
    };
    for (const [name, code] of Object.entries(deep)) expect(tsNestingProblem(code), name).toBeDefined();
  });
});

describe('huge values and Markdown', () => {
  it('a 600 KB default value full of backticks is clipped with … and the pages render and validate', () => {
    const t = tinylm();
    writeFileSync(path.join(t.repo, 'tinylm', 'evil.py'), `def configure(model, template="${'`x'.repeat(300_000)}"):\n    """Configure."""\n    return model\n`);
    writeFileSync(path.join(t.repo, 'examples', 'evil_example.py'), 'from tinylm import FastModel\nfrom tinylm.evil import configure\nm = FastModel.from_pretrained("x")\nconfigure(m)\nm.generate("y")\nm.save_pretrained("out")\n');
    // The evil example is the only source, so its own steps (with the huge default) are the workflow's.
    for (const p of ['README.md', 'docs', 'notebooks', 'tests', 'examples/lora_sft.py', 'examples/grpo_reward.py', 'examples/format_code.py', 'tinylm/cli.py']) rmSync(path.join(t.repo, p), { recursive: true, force: true });
    runClean(t.repo, t.wiki, 60);
    const index = readFileSync(path.join(t.wiki, '_WorkflowIndex.md'), 'utf8');
    const row = index.split('\n').find((l) => l.startsWith('| **Key Parameters** |') && l.includes('template = "`x`x'))!;
    expect(row).toContain('…');
    expect(row.length).toBeLessThan(1000);
    expect(cli(['validate', t.wiki]).code).toBe(0);
  }, 120_000);

  it('markdownCode takes a text of 300,000 backtick runs; clipping never splits a surrogate pair', () => {
    expect(() => markdownCode('`x'.repeat(300_000))).not.toThrow();
    expect(clipEnd('ab😀cd', 4)).toBe('ab…');
    expect(clipMiddle('😀abcdef😀', 5)).toBe('😀…😀');
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const n of [6, 7, 8, 9]) for (const s of [clipEnd('a😀'.repeat(50), n), clipMiddle('a😀'.repeat(50), n)]) expect(s).not.toMatch(loneSurrogate);
  });

  it('a README nested thousands of levels deep (lists, quotes, emphasis) is skipped with the reason, quickly', () => {
    const t = tinylm();
    const readme = readFileSync(path.join(t.repo, 'README.md'), 'utf8');
    const lists = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- item\n`).join('');
    writeFileSync(path.join(t.repo, 'README.md'), `${readme}\n${'> '.repeat(20_000)}quote\n\n${lists}\n${'*'.repeat(20_000)}x${'*'.repeat(20_000)}\n`);
    writeFileSync(path.join(t.repo, 'docs', 'emphasis.md'), `# Title\n\n${'_'.repeat(5000)}x\n`);
    runClean(t.repo, t.wiki, 60);
    const report = reportOf(t.wiki);
    expect(report).toMatch(/\| `README\.md` \| Markdown nested 20000 levels deep at line \d+ \(limit 100\): not parsed \|/);
    expect(report).toMatch(/\| `docs\/emphasis\.md` \| Markdown with a run of 101\+ `_` at line 3 \(limit 100\): not parsed \|/);
  }, 120_000);
});
