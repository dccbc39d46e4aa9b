// Code blocks lifted out of Markdown files (README, docs) with the heading and prose around them, and
// the helpers every Markdown reader shares (parsing with GFM tables, flattening inline markup).
// Every lifted line keeps the line it came from, so spans printed later point into the Markdown file.

import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Code, Nodes, Root } from 'mdast';
import { docLinks } from '../../text/doc-links.js';
import { stripBom } from '../../text/lines.js';
import { GENERIC_SUMMARY } from '../../heuristics/tables.js';
import { markdownNestingProblem, MarkdownTooDeepError } from './nesting.js';

/** Code lifted out of a bigger file, with each of its lines mapped back to the place it came from. */
export interface VirtualSource {
  /** Repo-relative path of the file it came from. */
  origin: string;
  /** The code to parse, `\n` line breaks. */
  text: string;
  /** `lines[i]` = place in `origin` of virtual line `i + 1`. */
  lines: { line: number; cell?: number }[];
  /**
   * Shell lines blanked out of `text` (prompts and `!` removed). A command continued with `\` over
   * several lines is one entry, joined, ending at `endLine`; `comment` is the `#` lines right above it.
   */
  shell: { line: number; cell?: number; command: string; endLine?: number; comment?: string }[];
}

export interface CodeBlock {
  language: 'python' | 'typescript' | 'untagged' | 'shell';
  /** The raw info string (`python title="x.py"`), '' for untagged blocks. */
  info: string;
  /** Line (in the Markdown file) of the first code line: the fence line + 1 (an indented block: its first line). */
  startLine: number;
  source: VirtualSource;
  /** Text of the nearest heading above the block. */
  heading?: string;
  /** All enclosing headings, outermost first. */
  headingPath: string[];
  /** The page's title: the level-1 heading the block stands under, when there is one. */
  pageTitle?: string;
  /** The page's summary in its front matter (`description:`), with its line. */
  pageSummary?: Paragraph;
  /** Line of the nearest heading above the block (0 when none): blocks with the same one are one section. */
  headingLine: number;
  /** Paragraphs between that heading (or the previous code block) and the block, flattened, whitespace folded. */
  prose: string;
  /**
   * The first paragraph right after the block, before the next heading or code block ('' if none; not one
   * ending on a colon, which leads in to what follows).
   */
  after: string;
  /**
   * The paragraphs of `prose` and `after` one by one, with the line each starts on and code spans kept
   * in backticks (`after`: the paragraph after the block): each sentence of a page can name its line.
   */
  paragraphs: Paragraph[];
  /**
   * On the page's first code example (its first block that is no shell session): the paragraphs the page
   * opens with, before any code (at most INTRO_PARAGRAPHS), whatever headings stand between; a page says
   * there what its library is for, which its first example shows.
   */
  intro?: Paragraph[];
  /**
   * The walkthrough the block's section is a part of: numbered sibling sections ("1. Import", "2. Define
   * the agent"; "Step 1:", "Step 2:") under one heading, each showing one step of one task. `line` is the
   * first numbered section's heading line, `heading` the heading above them ("Building an Agentic RAG
   * System"), or the first part's heading without its number when none stands above.
   */
  walkthrough?: { line: number; heading: string };
}

/** A paragraph of Markdown prose: its text (whitespace folded, code spans in backticks) and first line. */
export interface Paragraph {
  text: string;
  line: number;
  /** The paragraph right after the code block, not before it. */
  after?: boolean;
}

/** A paragraph's text with its code spans kept in backticks (links and emphasis read as their text). */
function paragraphText(node: Nodes): string {
  const raw = (n: Nodes): string => {
    if (n.type === 'inlineCode') return `\`${n.value}\``;
    if (n.type === 'text') return n.value;
    if (n.type === 'break') return ' ';
    if (n.type === 'image' || n.type === 'imageReference' || n.type === 'html') return '';
    return 'children' in n ? (n.children as Nodes[]).map(raw).join('') : '';
  };
  return docLinks(foldWhitespace(raw(node)));
}

export interface CodeLanguages {
  python: string[];
  typescript: string[];
}

export const DEFAULT_CODE_LANGUAGES: CodeLanguages = {
  python: ['python', 'py', 'python3', 'py3', 'pycon', 'ipython', 'ipython3'],
  typescript: ['ts', 'typescript', 'tsx', 'js', 'javascript', 'jsx', 'mjs', 'cjs'],
};

const SHELL_LANGUAGES = ['bash', 'sh', 'shell', 'console', 'zsh'];
/** Tags of blocks shown as plain text: read only as a console session (first line behind a `$ ` prompt). */
const PLAIN_TEXT_LANGUAGES = ['text', 'txt', 'plaintext', 'plain', 'none', 'nohighlight'];

/**
 * A block that is a console session (its first line behind a `$ ` prompt) though not tagged as shell:
 * untagged, indented, or tagged as plain text (`.. code-block:: text` with `$ tune run generate ...` and
 * its output). A block tagged with another language keeps it.
 */
export const consoleSession = (lang: string, lines: string[]): boolean => (lang === '' || PLAIN_TEXT_LANGUAGES.includes(lang.toLowerCase())) && looksLikeConsole(lines);

/**
 * Parses Markdown (GFM tables on, so table text never counts as prose). A leading BOM is ignored.
 * Throws MarkdownTooDeepError on nesting too deep to parse in reasonable time and depth (nesting.ts).
 */
export function parseMarkdown(markdown: string): Root {
  const tooDeep = markdownNestingProblem(markdown);
  if (tooDeep) throw new MarkdownTooDeepError(tooDeep);
  return fromMarkdown(frontMatter(stripBom(markdown)).body, {
    extensions: [gfmTable()],
    mdastExtensions: [gfmTableFromMarkdown()],
  });
}

/** Lines a front matter block may take before its closing line. */
const FRONT_MATTER_LINES = 200;

/**
 * A page's leading YAML front matter (`---`, its fields, `---` or `...`; MDX and static-site pages): its
 * lines blanked with spaces in `body`, so the Markdown parse sees no thematic break and no setext heading
 * "title: ... description: ..." (instructor's docs sections were named so); its `title:` is the page's
 * title, as the site renders it, and its `description:` the page's summary (one line, or a folded or
 * literal block of the lines indented under it), with the line it starts on.
 */
export function frontMatter(text: string): { body: string; title?: string; description?: Paragraph } {
  if (!/^---[ \t]*\r?\n/.test(text)) return { body: text };
  // Line by line from the second, up to the closing one: the rest of the page is not split.
  let title: string | undefined;
  let description: Paragraph | undefined;
  // A block scalar's lines still being read (`description: >-` then indented lines).
  let block: { line: number; parts: string[] } | undefined;
  const unquote = (v: string) => v.replace(/^(['"])(.*)\1$/, '$2').trim();
  for (let at = text.indexOf('\n') + 1, n = 1; n <= FRONT_MATTER_LINES; n++) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    const line = text.slice(at, stop);
    if (block && !/^[ \t]+\S/.test(line)) {
      if (block.parts.length) description = { text: block.parts.join(' '), line: block.line };
      block = undefined;
    }
    if (block) block.parts.push(line.trim());
    if (/^(---|\.\.\.)[ \t]*\r?$/.test(line)) {
      // (Spaces of the same length: offsets into the text stay those of the file.)
      return { body: text.slice(0, stop).replace(/[^\r\n]/g, ' ') + text.slice(stop), ...(title ? { title } : {}), ...(description ? { description } : {}) };
    }
    const field = /^title:[ \t]*(.*?)[ \t]*\r?$/.exec(line);
    if (field && title === undefined) title = unquote(field[1]) || undefined;
    const summary = /^description:[ \t]*(.*?)[ \t]*\r?$/.exec(line);
    if (summary && description === undefined && !block) {
      if (/^[>|][+-]?$/.test(summary[1])) block = { line: n + 1, parts: [] };
      else if (unquote(summary[1])) description = { text: unquote(summary[1]), line: n + 1 };
    }
    if (end < 0) break;
    at = end + 1;
  }
  return { body: text };
}

/**
 * A paragraph that ends on a colon leads in to what follows it, not to the code block above it ("Deploy
 * for free to Lightning cloud (or self host anywhere):" then the deploy commands; reStructuredText's
 * "Example::"): no block's `after`.
 */
/** How many of a page's opening paragraphs its first code example keeps (CodeBlock.intro). */
const INTRO_PARAGRAPHS = 8;

export const leadsIn = (paragraph: string) => /:\s*$/.test(paragraph);

/** Whitespace runs (line breaks included) folded to one space, ends trimmed. */
export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Text of a node with inline markup flattened: code spans keep their text, images and raw HTML are
 * dropped (they are badges and logos in READMEs, not words), hard breaks become spaces.
 */
export function nodeText(node: Nodes): string {
  return foldWhitespace(rawText(node));
}

/**
 * A heading's text without the attribute block some Markdown dialects end it with (MkDocs' attr_list,
 * Pandoc, kramdown: `## LangChain Tools {#langchain-tools}`, `{: .class }`): an anchor for links, not words
 * of the heading (pydantic-ai's section was named Lang_Chain_Tools_Langchain_Tools).
 */
export function headingText(node: Nodes): string {
  return nodeText(node).replace(HEADING_ATTRIBUTES, '');
}

const HEADING_ATTRIBUTES = /\s*\{:?\s*[#.][^{}]*\}\s*$/;

function rawText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
    case 'imageReference':
    case 'html':
      return '';
    default:
      if ('children' in node) return (node.children as Nodes[]).map(rawText).join('');
      return '';
  }
}

// ---------------------------------------------------------------------------------------------------
// Shell lines inside code

const BARE_PY_COMMAND =
  /^(?:pip3?|conda|mamba|micromamba|uv|poetry|apt-get|apt|brew|git|wget|curl|npm|pnpm|yarn|npx)\s+[A-Za-z-]/;
const BARE_PYTHON_RUN = /^python3?\s+(?:-m\s+\S|\S+\.py\b)/;
const BARE_JS_COMMAND = /^(?:npm|pnpm|yarn|npx|bun|pip3?|git|curl|wget)\s+[A-Za-z-]/;

/**
 * The shell command a line of code stands for, or undefined when it is code. In Python (`python` mode)
 * that is an IPython `!cmd`, a `%pip`/`%conda` magic, any other `%magic` (kept with its `%`), a
 * `$ cmd` prompt, or a bare `pip install x`-like line (never valid Python). In `typescript` mode only
 * the `$ ` prompt and bare package-manager lines count (`!x` is valid JavaScript).
 */
export function shellCommandOf(line: string, mode: 'python' | 'typescript'): string | undefined {
  const t = line.trim();
  if (t === '') return undefined;
  if (t.startsWith('$ ')) return t.slice(2).trim();
  if (mode === 'python') {
    if (t.startsWith('!')) return t.slice(1).trim();
    if (/^%(?:pip|conda|mamba|uv)\s/.test(t)) return t.slice(1).trim();
    if (t.startsWith('%')) return t;
    if (BARE_PY_COMMAND.test(t) || BARE_PYTHON_RUN.test(t)) return t;
    return undefined;
  }
  return BARE_JS_COMMAND.test(t) ? t : undefined;
}

/** Cell magics whose body is still Python (the magic only times or captures it). */
const PYTHON_BODY_CELL_MAGICS = new Set(['capture', 'time', 'timeit', 'prun']);

interface Place {
  line: number;
  cell?: number;
}

/**
 * Blanks the shell lines of one chunk of code (a code block or a notebook cell) and records them.
 * A shell line becomes an empty line; in Python an indented one becomes `pass` at its indentation, so
 * an `if` whose body was only `!pip install` lines still parses. A trailing `\` continues the command
 * on the next line. A first-line `%%magic` blanks the whole chunk, except the magics that only wrap
 * Python (`%%capture`, `%%time`, ...), where only the magic line goes. Line count never changes.
 */
export function blankShellLines(
  lines: string[],
  places: Place[],
  mode: 'python' | 'typescript' = 'python',
): { lines: string[]; shell: VirtualSource['shell'] } {
  const out = lines.slice();
  const shell: VirtualSource['shell'] = [];
  const record = (i: number, command: string) => shell.push({ ...places[i], command });
  let from = 0;
  const first = lines.findIndex((l) => l.trim() !== '');
  if (mode === 'python' && first >= 0 && lines[first].trim().startsWith('%%')) {
    const magicLine = lines[first].trim();
    const magic = /^%%(\S*)/.exec(magicLine)?.[1] ?? '';
    record(first, magicLine);
    out[first] = '';
    if (!PYTHON_BODY_CELL_MAGICS.has(magic)) {
      // The body is another language (bash, html, writefile...): none of it is Python.
      const isShell = magic === 'bash' || magic === 'sh' || magic === 'script';
      for (let i = first + 1; i < lines.length; i++) {
        if (isShell && lines[i].trim() !== '') record(i, lines[i].trim());
        out[i] = '';
      }
      return { lines: out, shell };
    }
    from = first + 1;
  }
  for (let i = from; i < lines.length; i++) {
    let command = shellCommandOf(lines[i], mode);
    if (command === undefined) continue;
    const start = i;
    out[i] = blankLine(lines[i], mode);
    // Continuation lines belong to the same command; they go empty (a `pass` there could mis-indent).
    while (command.endsWith('\\') && i + 1 < lines.length) {
      i++;
      command = `${command.slice(0, -1).trimEnd()} ${lines[i].trim()}`;
      out[i] = '';
    }
    record(start, command);
    if (i > start && places[i].cell === places[start].cell) shell[shell.length - 1].endLine = places[i].line;
  }
  return { lines: out, shell };
}

function blankLine(line: string, mode: 'python' | 'typescript'): string {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  return indent === '' || mode === 'typescript' ? '' : `${indent}pass`;
}

// ---------------------------------------------------------------------------------------------------
// Python console sessions

const PROMPT = /^(?:>>>|\.\.\.)(?: |$)/;

/**
 * True when the first line that is neither blank nor a comment starts with a `>>>` prompt (a session
 * often opens with a `#` line saying what it shows).
 */
export function looksLikePycon(lines: string[]): boolean {
  const first = lines.find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first !== undefined && first.trimStart().startsWith('>>>');
}

/** True when the first non-blank line is a shell command behind a `$ ` prompt (a console session). */
export function looksLikeConsole(lines: string[]): boolean {
  const first = lines.find((l) => l.trim() !== '');
  return first !== undefined && /^\$ \S/.test(first.trim());
}

/**
 * Counts into `open` the brackets a line of Python opens and closes (strings and comments skipped);
 * `open.string` is the quote that ends a string an earlier line left open.
 */
function bracketDepth(line: string, open: { depth: number; string?: string }): void {
  for (let i = 0; i < line.length; i++) {
    if (open.string) {
      if (line[i] === '\\') i++;
      else if (line.startsWith(open.string, i)) {
        i += open.string.length - 1;
        open.string = undefined;
      }
      continue;
    }
    const c = line[i];
    if (c === '#') return;
    if (c === '"' || c === "'") {
      open.string = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += open.string.length - 1;
    } else if (c === '(' || c === '[' || c === '{') open.depth++;
    else if (c === ')' || c === ']' || c === '}') open.depth--;
  }
  // A one-quote string ends with its line (an unterminated one is a syntax error the parser reports).
  if (open.string?.length === 1) open.string = undefined;
}

/**
 * Keeps the prompted lines of a console session without their prompts; output lines are dropped. A
 * line with no prompt while a prompted statement still has a bracket or a triple-quoted string open is
 * that statement's continuation written without `...` (common in docs), not output: output only
 * follows a complete statement.
 */
function stripPrompts(lines: string[], places: Place[]): { lines: string[]; places: Place[] } {
  const kept: string[] = [];
  const keptPlaces: Place[] = [];
  const open: { depth: number; string?: string } = { depth: 0 };
  lines.forEach((line, i) => {
    const m = PROMPT.exec(line);
    const continued = open.depth > 0 || open.string !== undefined;
    if (!m && !continued) return;
    const code = m ? line.slice(m[0].length) : line;
    bracketDepth(code, open);
    if (open.depth < 0) open.depth = 0;
    kept.push(code);
    keptPlaces.push(places[i]);
  });
  return { lines: kept, places: keptPlaces };
}

// ---------------------------------------------------------------------------------------------------
// Code blocks

/** Splits `node.value` into lines. `''` is no line: mdast gives `''` for an empty or blank-only block. */
function valueLines(value: string): string[] {
  return value === '' ? [] : value.split(/\r\n|\r|\n/);
}

/** The language of a block from the first word of its tag (info string, directive argument); undefined: not read. */
export function classify(lang: string, languages: CodeLanguages): CodeBlock['language'] | undefined {
  const word = lang.toLowerCase();
  if (word === '') return 'untagged';
  if (languages.python.some((l) => l.toLowerCase() === word)) return 'python';
  if (languages.typescript.some((l) => l.toLowerCase() === word)) return 'typescript';
  if (SHELL_LANGUAGES.includes(word)) return 'shell';
  return undefined;
}

function isFenced(markdown: string, node: Code): boolean {
  const offset = node.position?.start.offset ?? 0;
  const fence = markdown.slice(offset, offset + 3);
  return fence === '```' || fence === '~~~';
}

function liftCode(
  language: CodeBlock['language'],
  lang: string,
  value: string,
  startLine: number,
  path: string,
): VirtualSource {
  const lines = valueLines(value);
  return liftLines(language, lang, lines, lines.map((_, i) => ({ line: startLine + i })), path);
}

/**
 * A value the reader fills in, written `<path_to_adapter>` where an argument or an assigned value goes
 * (`PeftMixedModel.from_pretrained(base_model, <path_to_adapter1>)`): never valid Python, and the parser's
 * recovery read `<` and `>` as two arguments. It becomes the name it spells (`path_to_adapter1`), or `...`
 * when it spells none (`<your model id>`); lines stay lines, so every place is kept.
 */
const PLACEHOLDER = /(?<=[(,=[]\s*)<([^<>()\n]+)>(?=\s*(?:[,)\]]|#|$))/g;
function fillPlaceholders(line: string): string {
  return line.includes('<') ? line.replace(PLACEHOLDER, (_, inner: string) => (/^[A-Za-z_]\w*$/.test(inner.trim()) ? inner.trim() : '...')) : line;
}

/**
 * A block's lines (each with its place) as a virtual source: a `>>>` session loses its prompts and
 * output lines, shell lines are blanked and recorded (shared by the Markdown and reStructuredText readers).
 */
export function liftLines(language: CodeBlock['language'], lang: string, lines: string[], places: Place[], path: string): VirtualSource {
  let shell: VirtualSource['shell'] = [];
  // A `>>>` session is Python whatever its tag says (untagged doctest-style blocks are common).
  const pycon =
    (language === 'python' && lang.toLowerCase() === 'pycon') ||
    ((language === 'python' || language === 'untagged') && looksLikePycon(lines));
  if (pycon) ({ lines, places } = stripPrompts(lines, places));
  if (language === 'python' || pycon) {
    ({ lines, shell } = blankShellLines(lines, places, 'python'));
    lines = lines.map(fillPlaceholders);
  } else if (language === 'untagged') {
    // (An untagged block is read as Python when it parses as Python: segment-anything's README quick start,
    // `predictor.set_image(<your_image>)`, is one.)
    lines = lines.map(fillPlaceholders);
  } else if (language === 'typescript') {
    ({ lines, shell } = blankShellLines(lines, places, 'typescript'));
  } else if (language === 'shell') {
    shell = shellCommands(lines, places);
  }
  return { origin: path, text: lines.join('\n'), lines: places, shell };
}

/**
 * Commands of a shell block: with `$ ` (or `>>> `) prompts only the prompted lines, else every
 * non-blank, non-comment line; `\` continuations joined.
 */
export function shellCommands(lines: string[], places: Place[]): VirtualSource['shell'] {
  // Some docs prompt shell commands with `>>> ` too; the lines after one are its output.
  const prompt = ['$ ', '>>> '].find((p) => lines.some((l) => l.trimStart().startsWith(p)));
  const prompted = prompt !== undefined;
  const out: VirtualSource['shell'] = [];
  // `#` lines right above a command (no blank line between) say what it does.
  let comment: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let t = lines[i].trim();
    if (prompted) {
      if (!t.startsWith(prompt)) {
        comment = [];
        continue;
      }
      t = t.slice(prompt.length).trim();
    }
    if (t.startsWith('#!')) continue;
    if (t.startsWith('#')) {
      comment.push(t.replace(/^#+/, '').trim());
      continue;
    }
    if (t === '') {
      comment = [];
      continue;
    }
    const start = i;
    // `cmd \ # note`: a continuation with a comment after it (common in READMEs) still continues.
    const cont = (x: string) => x.replace(/\\\s+#.*$/, '\\');
    t = cont(t);
    while (t.endsWith('\\') && i + 1 < lines.length) {
      t = cont(`${t.slice(0, -1).trimEnd()} ${lines[++i].trim()}`);
    }
    const said = comment.filter(Boolean).join(' ');
    out.push({ ...places[start], command: t, ...(i > start ? { endLine: places[i].line } : {}), ...(said ? { comment: said } : {}) });
    comment = [];
  }
  return out;
}

/**
 * Whether a Markdown text may hold a block extractCodeBlocks lifts: a fence (three backticks or tildes)
 * or an indented console session, whose first line holds `$ ` as written (code is never unescaped).
 */
export function mayHoldCodeBlock(text: string): boolean {
  return text.includes('```') || text.includes('~~~') || text.includes('$ ');
}

/**
 * Fenced code blocks of a Markdown file in document order: Python, TypeScript/JavaScript and shell
 * ones by the first word of their info string, and untagged ones (the caller decides whether those
 * parse). An untagged or indented block whose first line is a `$ ` prompt is a shell session; other
 * indented code blocks are ignored: they are mostly output and quotes, not runnable code.
 */
export function extractCodeBlocks(
  markdown: string,
  path: string,
  languages: CodeLanguages = DEFAULT_CODE_LANGUAGES,
): CodeBlock[] {
  const text = stripBom(markdown);
  if (!mayHoldCodeBlock(text)) {
    // Most of the parse is the prose's; a page with no block skips it (a page too deep is still refused).
    const tooDeep = markdownNestingProblem(text);
    if (tooDeep) throw new MarkdownTooDeepError(tooDeep);
    return [];
  }
  const tree = parseMarkdown(text);
  const blocks: CodeBlock[] = [];
  const headings: { depth: number; text: string; line: number; summary?: boolean }[] = [];
  // Every heading in document order (the stack above keeps only the enclosing ones).
  const all: { depth: number; text: string; line: number }[] = [];
  // A front matter title heads the page as its level-1 heading (line 1, where the block starts).
  const { title: titled, description: summary } = frontMatter(text);
  if (titled) {
    headings.push({ depth: 1, text: titled, line: 1 });
    all.push(headings[0]);
  }
  let prose: string[] = [];
  let paragraphs: Paragraph[] = [];
  // The page's opening paragraphs (not a list's items), until its first code example takes them.
  let intro: Paragraph[] | undefined = [];
  let lists = 0;
  // The block still waiting for its `after` paragraph.
  let pending: CodeBlock | undefined;

  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'heading': {
        while (headings.length > 0 && headings[headings.length - 1].depth >= node.depth) headings.pop();
        headings.push({ depth: node.depth, text: headingText(node), line: node.position?.start.line ?? 0 });
        all.push(headings[headings.length - 1]);
        prose = [];
        paragraphs = [];
        pending = undefined;
        return;
      }
      case 'paragraph': {
        const t = nodeText(node);
        if (t === '') return;
        const para: Paragraph = { text: paragraphText(node), line: node.position?.start.line ?? 0 };
        if (pending && !leadsIn(t)) {
          pending.after = t;
          pending.paragraphs.push({ ...para, after: true });
        }
        pending = undefined;
        prose.push(t);
        paragraphs.push(para);
        if (intro && !lists && intro.length < INTRO_PARAGRAPHS) intro.push(para);
        return;
      }
      case 'code': {
        pending = undefined;
        const fenced = isFenced(text, node);
        const lang = fenced ? (node.lang ?? '').trim() : '';
        let language = classify(lang, languages);
        // A console session (its first line behind a `$ ` prompt), untagged, indented or plain text, is shell.
        if (consoleSession(fenced ? lang : '', valueLines(node.value))) language = 'shell';
        if (language === undefined || (!fenced && language !== 'shell')) return;
        // The first code line: after the fence, or the block's own first line when indented.
        const startLine = (node.position?.start.line ?? 0) + (fenced ? 1 : 0);
        const block: CodeBlock = {
          language,
          info: node.meta ? `${lang} ${node.meta}` : lang,
          startLine,
          source: liftCode(language, lang, node.value, startLine, path),
          headingPath: headings.map((h) => h.text),
          // (A collapsible part stays in its heading's section: its blocks may be tabs of the section's
          // example, group/sections.ts; one that is not is a source of its own there, by data flow.)
          headingLine: headings.filter((h) => !h.summary).pop()?.line ?? 0,
          prose: prose.join(' '),
          after: '',
          paragraphs,
        };
        if (headings.length > 0) block.heading = headings[headings.length - 1].text;
        if (headings[0]?.depth === 1) block.pageTitle = headings[0].text;
        if (summary) block.pageSummary = summary;
        if (intro && language !== 'shell') {
          if (intro.length) block.intro = intro;
          intro = undefined;
        }
        blocks.push(block);
        pending = block;
        // The next block's prose is what stands between the two blocks.
        prose = [];
        paragraphs = [];
        return;
      }
      case 'html': {
        // A collapsible part that names what it holds (`<details><summary>Tables</summary>`) heads its
        // blocks under the heading above it, until its `</details>`; its summary's text after the name
        // (`<br>This example shows how ...`) is their prose.
        const start = node.position?.start.line ?? 0;
        for (const m of node.value.matchAll(/<\/details\s*>|<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/gi)) {
          const top = headings[headings.length - 1];
          if (m[1] === undefined) {
            if (top?.summary) headings.pop();
          } else {
            const [title, ...rest] = m[1].split(/<br\s*\/?>/i).map(htmlText);
            if (!title || GENERIC_SUMMARY.test(title)) continue;
            if (top?.summary) headings.pop();
            const line = start + (node.value.slice(0, m.index).match(/\n/g)?.length ?? 0);
            headings.push({ depth: SUMMARY_DEPTH, text: title, line, summary: true });
            prose = rest.filter(Boolean);
            paragraphs = prose.map((text) => ({ text, line }));
          }
          pending = undefined;
        }
        return;
      }
      case 'table':
        return;
      case 'list':
        lists++;
        for (const child of node.children) visit(child);
        lists--;
        return;
      default:
        if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
    }
  };
  visit(tree);
  const runs = walkthroughRuns(all);
  for (const b of blocks) {
    const run = runs.get(b.headingLine);
    if (run) b.walkthrough = run;
  }
  return blocks;
}

/** Below every Markdown heading: a collapsible part's summary stands under the heading around it. */
const SUMMARY_DEPTH = 7;

/** A heading that numbers a step of a walkthrough: "1. Import", "2) Run", "Step 3: Serve", "Part 2 - Train". */
const STEP_NUMBER = /^\s*(?:(?:step|part|stage|phase)\s*#?\s*)?(\d{1,2})(?:\s*[.:)\-–—]\s*|\s*$)/i;

/**
 * Runs of numbered sibling headings (1, 2, 3... at one depth under one parent, deeper headings between
 * them allowed), by the line of each run member: the run's first line and its heading. Alternatives
 * numbered the same way ("1. Hosted MCP", "2. Stdio MCP") are told apart later by their code (a part that
 * imports anew and reads nothing earlier starts a source of its own: group/sections dataFlowParts).
 */
export function walkthroughRuns(headings: { depth: number; text: string; line: number }[]): Map<number, { line: number; heading: string }> {
  const out = new Map<number, { line: number; heading: string }>();
  let run: { depth: number; next: number; members: number[]; parent?: string; first: string } | undefined;
  const close = () => {
    if (run && run.members.length >= 2) {
      const heading = run.parent ?? run.first.replace(STEP_NUMBER, '').trim();
      for (const line of run.members) out.set(line, { line: run.members[0], heading });
    }
    run = undefined;
  };
  headings.forEach((h, i) => {
    if (run && h.depth > run.depth) return;
    const n = STEP_NUMBER.exec(h.text);
    if (run && h.depth === run.depth && n && Number(n[1]) === run.next) {
      run.members.push(h.line);
      run.next++;
      return;
    }
    close();
    if (!n || Number(n[1]) > 1) return;
    const parent = headings.slice(0, i).reverse().find((p) => p.depth < h.depth);
    run = { depth: h.depth, next: Number(n[1]) + 1, members: [h.line], first: h.text, ...(parent ? { parent: parent.text } : {}) };
  });
  close();
  return out;
}

/** Headings of a Markdown file in document order (ATX and setext), text flattened. */
export function markdownHeadings(markdown: string): { depth: number; text: string; line: number }[] {
  const out: { depth: number; text: string; line: number }[] = [];
  const titled = frontMatter(stripBom(markdown)).title;
  if (titled) out.push({ depth: 1, text: titled, line: 1 });
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') {
      out.push({ depth: node.depth, text: headingText(node), line: node.position?.start.line ?? 0 });
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(parseMarkdown(markdown));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// README title and summary

/** Headings after the title that still introduce the project, so the summary may sit under them. */
const INTRO_HEADING = /^(?:overview|about|introduction|intro|description|summary|what is\b)/i;

/** An HTML fragment's text: tags dropped, the few entities prose uses decoded, whitespace folded. */
function htmlText(html: string): string {
  return foldWhitespace(
    html
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  );
}

/** Text of a paragraph outside its links: badge rows and link lists leave nothing with letters. */
function textOutsideLinks(node: Nodes): string {
  if (node.type === 'link' || node.type === 'linkReference') return '';
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOutsideLinks).join('');
  return '';
}

/**
 * The title (first heading, or an HTML `<h1>`..`<h6>` as READMEs often center their title) and the
 * first paragraph that says something: badge rows, logos and bare link lists are skipped, and the search
 * stops at the first later heading of depth 1-2 unless it is an intro one (`Overview`, `About`...).
 */
export function firstHeadingAndParagraph(markdown: string): { title?: string; paragraph?: string } {
  const tree = parseMarkdown(markdown);
  const result: { title?: string; paragraph?: string } = {};
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const t = headingText(node);
      if (result.title === undefined) {
        if (t !== '') result.title = t;
        continue;
      }
      if (node.depth <= 2 && !INTRO_HEADING.test(t)) break;
      continue;
    }
    if (node.type === 'html') {
      const h = /<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(node.value);
      if (h && result.title === undefined) {
        const t = htmlText(h[1]);
        if (t !== '') result.title = t;
        continue;
      }
      const p = /^\s*<p\b[^>]*>([\s\S]*?)<\/p>\s*$/i.exec(node.value);
      if (p) {
        const t = htmlText(p[1].replace(/<a\b[\s\S]*?<\/a>/gi, ' '));
        if (t.split(' ').length >= 4 && /[A-Za-z]/.test(t)) {
          result.paragraph = t;
          break;
        }
      }
      continue;
    }
    if (node.type === 'paragraph') {
      const t = nodeText(node);
      if (t !== '' && /\p{L}/u.test(textOutsideLinks(node))) {
        result.paragraph = t;
        break;
      }
    }
  }
  return result;
}
