// The docs' navigation: the sidebar a docs site is built from (mkdocs' `nav:`, Hugging Face's
// `_toctree.yml`, a `navigation.yml`) lists the pages in the order the maintainers want them read: the
// quick start and the core concepts before integrations, the API reference last. A use case shown on an
// early page ranks higher than one shown only on a late one (rank.ts). A text scan, no YAML semantics:
// every page path (with its extension, or a toctree's `local:` value) that names a docs page, in the
// order first written.
import { NAV_FILES } from '../heuristics/tables.js';

/** A page's place in the navigation: 0-based, of how many pages it lists, and which file lists them. */
export interface NavPlace {
  at: number;
  of: number;
  file: string;
}

const PAGE_EXTENSIONS = ['', '.md', '.mdx', '.rst'];

/** The navigation files among the repository's files (translations left out by the caller), by path. */
export function navFiles(paths: Iterable<string>): string[] {
  return [...paths].filter((p) => NAV_FILES.test(p)).sort();
}

/**
 * Docs pages (repository paths) in the navigation's order. Each file's words resolve against its folder,
 * and for mkdocs against its `docs_dir` (default `docs/`); the first file to list a page places it.
 */
export function navOrder(navs: { path: string; text: string }[], pages: Iterable<string>): Map<string, NavPlace> {
  const known = new Set(pages);
  const order: { page: string; file: string }[] = [];
  const seen = new Set<string>();
  for (const { path, text } of navs) {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    const bases = [dir];
    if (/(^|\/)mkdocs\.ya?ml$/i.test(path)) bases.unshift(`${dir}${(/^docs_dir:\s*['"]?([\w./-]+?)['"]?\s*$/m.exec(text)?.[1] ?? 'docs').replace(/\/$/, '')}/`);
    // A page is a path with its extension (mkdocs, `path: "agent.md"`) or a toctree's `local:` without it.
    for (const m of text.matchAll(/\blocal:\s*['"]?([\w./-]+)|([\w./-]+\.(?:md|mdx|rst))\b/g)) {
      const rel = (m[1] ?? m[2]).replace(/^\.\//, '');
      const page = bases.flatMap((b) => PAGE_EXTENSIONS.map((ext) => `${b}${rel}${ext}`)).find((p) => known.has(p));
      if (page && !seen.has(page)) {
        seen.add(page);
        order.push({ page, file: path });
      }
    }
  }
  return new Map(order.map((o, at) => [o.page, { at, of: order.length, file: o.file }]));
}
