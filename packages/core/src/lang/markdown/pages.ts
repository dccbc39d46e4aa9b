// The code blocks of one documentation page (Markdown or reStructuredText) as discovery reads them, in a
// form a worker thread can send back (lang/python/pool.ts): the blocks, or why the page is too deep to parse.
import { extractCodeBlocks, type CodeBlock } from './codeblocks.js';
import { extractRstCodeBlocks } from './rst.js';
import { MarkdownTooDeepError } from './nesting.js';

/** The tags (first word) of the code blocks discovery reads. */
export const PAGE_LANGUAGES = { python: ['python', 'py', 'python3', 'py3', 'pycon', 'ipython', 'ipython3'], typescript: ['ts', 'typescript', 'tsx', 'js', 'javascript', 'jsx', 'mjs', 'cjs'] };

export type PageBlocks = { blocks: CodeBlock[] } | { tooDeep: string };

/** A page's code blocks; a page nested too deeply to parse gives the reason instead. */
export function pageBlocks(path: string, text: string): PageBlocks {
  try {
    return { blocks: /\.rst$/i.test(path) ? extractRstCodeBlocks(text, path, PAGE_LANGUAGES) : extractCodeBlocks(text, path, PAGE_LANGUAGES) };
  } catch (e) {
    if (e instanceof MarkdownTooDeepError) return { tooDeep: e.reason };
    throw e;
  }
}
