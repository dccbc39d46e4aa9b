// Which paths are documentation pages: a top-level docs folder, or the docs folder of a documentation
// site (`content/docs/`, `website/docs/`: Next.js and Docusaurus sites keep the pages there).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docSiteFolders, exampleDirOf, isDocPath } from '../src/repo/layout.js';
import { callsOf, find, write } from './repos.js';
import { REFERENCE_PAGES } from '../src/heuristics/tables.js';

describe('documentation paths', () => {
  it('are under a top-level docs folder or a site folder docs folder, never a file at the top', () => {
    expect(isDocPath('docs/quickstart.md')).toBe(true);
    expect(isDocPath('tutorials/python-api.md')).toBe(true);
    expect(isDocPath('content/docs/03-ai-sdk-core/05-generating-text.mdx')).toBe(true);
    expect(isDocPath('website/docs/intro.md')).toBe(true);
    // A site folder's other content (provider pages, a cookbook, the site's own app) is no docs folder.
    expect(isDocPath('content/providers/openai.mdx')).toBe(false);
    expect(isDocPath('apps/docs/page.tsx')).toBe(false);
    expect(isDocPath('content/docs')).toBe(false);
    expect(isDocPath('docs')).toBe(false);
    expect(isDocPath('src/docs/x.md')).toBe(false);
    // A monorepo's docs package: its content or docs folder, not the app's routes around it.
    expect(isDocPath('packages/docs/content/error-customization.mdx')).toBe(true);
    expect(isDocPath('apps/docs/docs/intro.md')).toBe(true);
    expect(isDocPath('apps/docs/app/[lang]/llms.mdx')).toBe(false);
    expect(isDocPath('packages/docs/README.md')).toBe(false);
  });

  it("are a documentation site's wherever its builder's file puts it (hfdocs/source/_toctree.yml, a Sphinx conf.py)", async () => {
    const folders = docSiteFolders(['hfdocs/source/_toctree.yml', 'hfdocs/source/quickstart.mdx', 'manual/conf.py', 'manual/index.rst', 'pkg/source/conf.py', 'pkg/source/index.md', 'pkg/src/deep/conf.py', 'tests/fixtures/_toctree.yml', 'conf.py', 'mylib/conf.py', 'mylib/core.py']);
    // (A package's own settings module `mylib/conf.py` has no index page beside it: no docs folder.)
    expect([...folders].sort()).toEqual(['hfdocs', 'manual', 'pkg']);
    expect(isDocPath('hfdocs/source/quickstart.mdx', folders)).toBe(true);
    expect(isDocPath('hfdocs/source/quickstart.mdx')).toBe(false);
    // Its pages' code blocks are docs sources, as under docs/.
    const block = ['```py', 'from acme import create_model', 'model = create_model("small")', 'out = model.run("x")', '```'].join('\n');
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'class Model:\n    def run(self, x):\n        return x\n\n\ndef create_model(name) -> Model:\n    return Model()\n',
      'hfdocs/source/_toctree.yml': '- sections:\n  - local: quickstart\n    title: Quickstart\n',
      'hfdocs/source/quickstart.mdx': `# Quickstart\n\n## Load a model\n\n${block}\n`,
      'other/notes.md': `# Notes\n\n${block}\n`,
    });
    const calls = await callsOf(repo);
    expect([...calls.keys()].filter((k) => k.startsWith('hfdocs/'))).toEqual(['hfdocs/source/quickstart.mdx#L6']);
    expect([...calls.keys()].some((k) => k.startsWith('other/'))).toBe(false);
  });

  it('reference pages are told by their folder or page name, an ordering prefix allowed', () => {
    expect(REFERENCE_PAGES.test('docs/source/package_reference/peft_model.md')).toBe(true);
    expect(REFERENCE_PAGES.test('content/docs/07-reference/01-ai-sdk-core/01-generate-text.mdx')).toBe(true);
    expect(REFERENCE_PAGES.test('docs/api/index.md')).toBe(true);
    expect(REFERENCE_PAGES.test('content/docs/03-ai-sdk-core/05-generating-text.mdx')).toBe(false);
    expect(REFERENCE_PAGES.test('docs/source/referencing_models.md')).toBe(false);
    // A catalog of pretrained models (each a usage snippet of the same API) is reference too.
    expect(REFERENCE_PAGES.test('docs/pretrained-models/msmarco-v3.md')).toBe(true);
    expect(REFERENCE_PAGES.test('docs/sentence_transformer/pretrained_models.md')).toBe(true);
    expect(REFERENCE_PAGES.test('docs/source/en/model_doc/llama.md')).toBe(true);
  });
});

describe('example folders', () => {
  it('are named examples, samples, demos... or, at the top level, a compound of such a word', () => {
    expect(exampleDirOf('examples/train.py')?.kind).toBe('example');
    expect(exampleDirOf('pkg/notebooks/intro.ipynb')?.kind).toBe('notebook');
    expect(exampleDirOf('sdk-samples/chats.ts')?.kind).toBe('example');
    expect(exampleDirOf('code_examples/basic/run.py')?.kind).toBe('example');
    expect(exampleDirOf('examples-v2/run.py')?.kind).toBe('example');
    // Tests, benchmarks and tooling scripts are no examples, nor is a library module named for one.
    expect(exampleDirOf('test-examples/run.py')).toBeUndefined();
    expect(exampleDirOf('build-scripts/release.py')).toBeUndefined();
    expect(exampleDirOf('src/diffusers/pipelines/paint_by_example/pipeline.py')).toBeUndefined();
    expect(exampleDirOf('sdk-samples')).toBeUndefined();
  });

  it('make a compound top-level folder\'s programs sources (an SDK\'s sdk-samples/)', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'acme-sdk', version: '1.0.0', type: 'module', exports: './src/index.ts' }),
      'src/index.ts': 'export class Client {\n  chat(prompt: string): string {\n    return prompt;\n  }\n}\n',
      'sdk-samples/chat.ts': "import { Client } from '../src/index.js';\n\nconst client = new Client();\nconsole.log(client.chat('hi'));\n",
    });
    const calls = await callsOf(repo);
    expect(find(calls.get('sdk-samples/chat.ts'), 'client.chat').resolution).toMatchObject({ kind: 'repo', qualname: 'Client.chat' });
  });
});

describe('benchmark scripts', () => {
  it('are told by a benchmarks folder or a file named as one', async () => {
    const { isBenchmarkPath } = await import('../src/repo/layout.js');
    for (const p of ['benchmarks/benchmark_map_filter.py', 'perf/run.py', 'packages/hub/scripts/bench.ts', 'scripts/load_benchmark.py', 'tests/benchmarks/streaming.bench.ts', 'scripts/bench-upload.ts']) expect(isBenchmarkPath(p), p).toBe(true);
    for (const p of ['scripts/train.py', 'scripts/benchling_export.py', 'src/acme/benchmark_utils/x.py', 'examples/workbench.py']) expect(isBenchmarkPath(p), p).toBe(false);
  });

  it('are no candidate sources (dropped with the reason); an example so named in an examples folder is one', async () => {
    const lib = 'class Engine:\n    def start(self):\n        pass\n\n    def stop(self):\n        pass\n\n    def report(self):\n        pass\n';
    const main = 'from acme import Engine\n\nif __name__ == "__main__":\n    e = Engine()\n    e.start()\n    e.stop()\n    e.report()\n';
    const repo = write({
      'acme/__init__.py': lib,
      'benchmarks/benchmark_engine.py': main,
      'scripts/engine_benchmark.py': main,
      'scripts/run_engine.py': main,
      'examples/benchmark.py': main,
    });
    const { extractWorkflows } = await import('../src/index.js');
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-bench-')), name: 'acme_x', all: true });
    const byPath = new Map(m.candidates.map((c) => [c.path, c]));
    for (const p of ['benchmarks/benchmark_engine.py', 'scripts/engine_benchmark.py']) expect(byPath.get(p), p).toMatchObject({ kind: 'script', kept: false, reason: 'a benchmark script: it measures the library rather than uses it' });
    expect(byPath.get('scripts/run_engine.py')?.reason).not.toMatch(/benchmark/);
    expect(byPath.get('examples/benchmark.py')).toMatchObject({ kind: 'example' });
    expect(byPath.get('examples/benchmark.py')?.reason).not.toMatch(/benchmark/);
  });
});
