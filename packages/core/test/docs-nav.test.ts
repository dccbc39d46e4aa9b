// The docs' navigation order (group/docs-nav.ts): the pages a sidebar file lists, in its order, resolved
// as the docs site resolves them; and its weight in the rank (group/rank.ts).
import { describe, expect, it } from 'vitest';
import { navFiles, navOrder } from '../src/group/docs-nav.js';

const order = (m: Map<string, { at: number }>) => [...m].sort((a, b) => a[1].at - b[1].at).map(([p]) => p);

describe('navFiles and navOrder', () => {
  it('finds mkdocs, Hugging Face toctree and navigation files, by path', () => {
    expect(navFiles(['mkdocs.yml', 'docs/source/en/_toctree.yml', 'docs/navigation.yml', 'docs/nav.md', 'src/mkdocs.py'])).toEqual(['docs/navigation.yml', 'docs/source/en/_toctree.yml', 'mkdocs.yml']);
  });
  it("resolves mkdocs pages against docs_dir (docs/ by default), in the nav's order, each page once", () => {
    const mkdocs = 'site_name: acme\nnav:\n  - Intro: index.md\n  - Quickstart: quickstart.md\n  - Guides:\n    - guides/tools.md\n    - Intro again: index.md\n  - Reference: ref/api.md\n';
    const pages = ['docs/index.md', 'docs/quickstart.md', 'docs/guides/tools.md', 'docs/ref/api.md', 'docs/unlisted.md'];
    const m = navOrder([{ path: 'mkdocs.yml', text: mkdocs }], pages);
    expect(order(m)).toEqual(['docs/index.md', 'docs/quickstart.md', 'docs/guides/tools.md', 'docs/ref/api.md']);
    expect(m.get('docs/ref/api.md')).toEqual({ at: 3, of: 4, file: 'mkdocs.yml' });
    expect(navOrder([{ path: 'mkdocs.yml', text: `docs_dir: site\n${mkdocs}` }], ['site/quickstart.md']).get('site/quickstart.md')?.at).toBe(0);
  });
  it('reads a toctree whose entries name pages without their extension, beside the file', () => {
    const toctree = '- sections:\n  - local: index\n    title: 🤗 Acme\n  - local: quicktour\n    title: Quicktour\n  title: Get started\n- sections:\n  - local: training/lora\n    title: LoRA\n';
    const pages = ['docs/source/en/index.md', 'docs/source/en/quicktour.md', 'docs/source/en/training/lora.mdx', 'docs/source/en/Quicktour.md'];
    expect(order(navOrder([{ path: 'docs/source/en/_toctree.yml', text: toctree }], pages))).toEqual(['docs/source/en/index.md', 'docs/source/en/quicktour.md', 'docs/source/en/training/lora.mdx']);
  });
  it('without a navigation file places no page', () => {
    expect(navOrder([], ['docs/index.md']).size).toBe(0);
  });
});
