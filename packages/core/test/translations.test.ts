// Translated documentation (docs/source/ko beside docs/source/en, README_zh.md beside README.md) repeats
// the English pages' code: no sources of its own, or each use case would count once per language.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import { isTranslationPath, translationFolders } from '../src/repo/layout.js';
import { write } from './repos.js';

const block = '```python\nfrom acme import Engine\ne = Engine()\ne.start()\ne.stop()\ne.report()\n```\n';

describe('translated documentation', () => {
  it('is no candidate source, while the English pages and other docs are', async () => {
    const repo = write({
      'acme/__init__.py': 'class Engine:\n    def start(self):\n        pass\n\n    def stop(self):\n        pass\n\n    def report(self):\n        pass\n',
      'README.md': `# acme\n\n## Quick start\n\n${block}`,
      'README_zh.md': `# acme\n\n## 快速开始\n\n${block}`,
      'README.ja.md': `# acme\n\n## クイックスタート\n\n${block}`,
      'docs/source/en/quicktour.md': `# Quick tour\n\n${block}`,
      'docs/source/ko/quicktour.md': `# 둘러보기\n\n${block}`,
      'docs/source/zh/quicktour.md': `# 快速浏览\n\n${block}`,
      // mkdocs: the English pages at the top, each translation in a language folder or named for it.
      'documentation/guide/run.md': `# Run\n\n${block}`,
      'documentation/ja/guide/run.md': `# 実行\n\n${block}`,
      'documentation/guide/run.fr.md': `# Exécuter\n\n${block}`,
      // A page of that language folder whose English page has moved since: the folder mirrors the others.
      'documentation/ja/sessions.md': `# セッション\n\n${block}`,
      // No English sibling: a folder that happens to be named like a language is kept.
      'docs/it/usage.md': `# Usage\n\n${block}`,
    });
    const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-tr-'));
    const model = await extractWorkflows({ repo, wiki, name: 'acme_x' });
    const paths = [...new Set(model.candidates.map((c) => c.path))].sort();
    expect(paths).toEqual(['README.md', 'docs/it/usage.md', 'docs/source/en/quicktour.md', 'documentation/guide/run.md']);
  });

  it('leaves MDX pages (docs/source/tour.mdx) to be read like Markdown', async () => {
    const repo = write({
      'acme/__init__.py': 'class Engine:\n    def start(self):\n        pass\n\n    def stop(self):\n        pass\n\n    def report(self):\n        pass\n',
      'README.md': '# acme\n',
      'docs/source/tour.mdx': `# Tour\n\n<Tip>\n\nStart the engine first.\n\n</Tip>\n\n## Run the engine\n\n${block}`,
      'docs/source/ko/tour.mdx': `# 둘러보기\n\n${block}`,
    });
    const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-tr-'));
    const model = await extractWorkflows({ repo, wiki, name: 'acme_x' });
    expect(model.candidates.map((c) => `${c.id} ${c.heading}`)).toEqual(['docs/source/tour.mdx#L12 Run the engine']);
    expect(model.workflows.map((w) => w.sources.map((s) => s.path))).toEqual([['docs/source/tour.mdx']]);
  });

  it('is told by the path alone', () => {
    const files = new Set(['README.md', 'docs/en/a.md', 'docs/ko/a.md', 'site/b.md', 'site/ja/b.md', 'site/ja/c.md', 'site/b.de.md', 'site/setup_id.md', 'site/setup.md']);
    const is = (p: string) => isTranslationPath(p, (x) => files.has(x), translationFolders(files));
    expect(is('README_ko.md')).toBe(true);
    expect(is('README_DEV.md')).toBe(false);
    // Any language on a README, also with a region; a word is none.
    expect([is('README.sv.md'), is('README.de-ch.md'), is('README_pt-BR.md'), is('README-PYPI.md'), is('README.dev.md')]).toEqual([true, true, true, false, false]);
    expect(is('docs/ko/a.md')).toBe(true);
    expect(is('docs/en/a.md')).toBe(false);
    expect(is('sub/README_zh.md')).toBe(false);
    expect(is('site/ja/b.md')).toBe(true);
    // The folder mirrors site/b.md: all of it is translated, a page whose English page is gone too.
    expect(is('site/ja/c.md')).toBe(true);
    expect(is('site/de/c.md')).toBe(false);
    expect(is('site/b.de.md')).toBe(true);
    expect(is('site/b.md')).toBe(false);
    expect(is('site/setup_id.md')).toBe(false);
  });

  it('knows every ISO 639-1 language beside `en/`, and a rarer code only there', () => {
    const files = new Set(['docs/source/en/a.md', 'docs/source/or/a.md', 'docs/source/ta/a.md', 'examples/README.md', 'examples/my/README.md', 'examples/ml/README.md']);
    const is = (p: string) => isTranslationPath(p, (x) => files.has(x), translationFolders(files));
    expect([is('docs/source/or/a.md'), is('docs/source/ta/a.md'), is('docs/source/en/a.md')]).toEqual([true, true, false]);
    // `my/` and `ml/` beside the page they repeat by name are an example's folders, not Burmese or Malayalam.
    expect([is('examples/my/README.md'), is('examples/ml/README.md')]).toEqual([false, false]);
  });
});
