// Code blocks lifted out of reStructuredText files (Sphinx docs, `.rst` READMEs) with the heading and
// prose around them, in the same CodeBlock shape as the Markdown reader (codeblocks.ts).
// It reads, line by line (no docutils): section titles (underline and overline styles), code directives
// (`code-block`, `code`, `sourcecode`, `code-tab`, `testcode`, `doctest`, `ipython`, `jupyter-execute`),
// `::` literal blocks (their language set by `.. highlight::`), bare `>>>` doctest blocks, and the
// paragraphs between them with inline markup flattened. Other directives either hold ordinary content
// (`note`, `tab`...) or are skipped whole (`literalinclude`, `image`, `toctree`, `auto*`...).
// Every lifted line keeps the line it came from. Linear in the file's size; never throws.

import { splitLines, stripBom } from '../../text/lines.js';
import {
  classify,
  DEFAULT_CODE_LANGUAGES,
  foldWhitespace,
  leadsIn,
  liftLines,
  consoleSession,
  type CodeBlock,
  type CodeLanguages,
  type Paragraph,
  type VirtualSource,
} from './codeblocks.js';

type Language = CodeBlock['language'];
type Place = VirtualSource['lines'][number];

/** reST expands tabs to 8 columns before measuring indentation. */
const TAB_WIDTH = 8;

// ---------------------------------------------------------------------------------------------------
// Line patterns (tested on a line without its indentation and trailing whitespace)

/** `.. name:: argument`; a name may carry a domain (`py:function`). */
const DIRECTIVE = /^\.\.[ \t]+([A-Za-z0-9][\w.+:-]*?)::(?:[ \t]+([\s\S]*))?$/;
/** Explicit markup: directives, comments, hyperlink targets, footnotes, substitution definitions. */
const EXPLICIT = /^\.\.(?:[ \t]|$)/;
/** A directive option (`:caption: x`, `:linenos:`). */
const OPTION = /^:[^:\s`][^:`]*:(?:\s|$)/;
/** One punctuation character repeated: a title's underline or overline, or a transition. */
const ADORNMENT = /^([!-/:-@[-`{-~])\1*$/;
const GRID_TABLE = /^\+(?:[-=]+\+)+$/;
const SIMPLE_TABLE = /^=+(?:[ \t]+=+)+$/;
/** The first line of a doctest block (`>>>>>>> branch`, a merge conflict marker, is not). */
const DOCTEST = /^>>>(?:[ \t]|$)/;
/** A bullet or enumerated list item's marker, with the space after it. */
const LIST_MARKER = /^(?:[-*+•‣⁃]|\d+[.)]|#\.|\(\d+\))(?:[ \t]+|$)/;

// ---------------------------------------------------------------------------------------------------
// Directives

/** How a code directive's language is chosen: from its argument, or fixed by the directive. */
type CodeKind = 'argument' | 'python' | 'pycon' | 'ipython';

const CODE_DIRECTIVES = new Map<string, CodeKind>([
  ['code-block', 'argument'],
  ['code', 'argument'],
  ['sourcecode', 'argument'],
  ['code-tab', 'argument'], // sphinx-tabs
  ['testcode', 'python'],
  ['jupyter-execute', 'python'],
  ['doctest', 'pycon'],
  ['ipython', 'ipython'],
]);

/**
 * Directives whose content is not reST body text (included files, images, tables, math, raw output,
 * hidden test setup, generated API docs): nothing in them is prose or a block. So are all `auto*` ones.
 * Any other directive (admonitions, tabs, cards, `only`, domain directives...) holds ordinary content.
 */
const OPAQUE_DIRECTIVES = new Set([
  'literalinclude', 'include', 'image', 'figure', 'toctree', 'raw', 'math', 'csv-table', 'list-table',
  'table', 'graphviz', 'digraph', 'graph', 'inheritance-diagram', 'mermaid', 'uml', 'plantuml', 'plot',
  'bokeh-plot', 'altair-plot', 'testsetup', 'testcleanup', 'testoutput', 'parsed-literal',
  'productionlist', 'program-output', 'command-output', 'runblock', 'exec', 'nbinput', 'nboutput',
  'contents', 'sectnum', 'index', 'meta', 'tabularcolumns', 'bibliography', 'jinja', 'youtube', 'video',
  'replace', 'unicode', 'date', 'role', 'default-role', 'title', 'header', 'footer', 'highlight',
]);

/** Admonitions without an argument: text after their `::` opens their first paragraph. */
const TEXT_ARGUMENT = new Set([
  'note', 'tip', 'hint', 'warning', 'important', 'caution', 'danger', 'error', 'attention', 'seealso', 'todo',
]);
/** `.. deprecated:: 1.2 Use x.`: the version, then the first paragraph's text. */
const VERSION_DIRECTIVES = new Set(['versionadded', 'versionchanged', 'deprecated', 'versionremoved']);

// ---------------------------------------------------------------------------------------------------
// Inline markup

/**
 * One inline construct: ``literal``, :role:`text`, `interpreted` or `link <url>`_, **strong**, *emphasis*,
 * |substitution|, footnote reference (with the space before it). Role names are bounded so no input
 * makes the scan quadratic.
 */
const INLINE = new RegExp(
  [
    '``([\\s\\S]+?)``',
    ':((?:[\\w.+-]{1,40}:)?[\\w.+-]{1,40}):`([^`]*)`',
    '`([^`]*)`(__?)?',
    '(?<![\\w*])\\*\\*(\\S(?:[^*]*?\\S)?)\\*\\*(?!\\w)',
    '(?<![\\w*])\\*(\\S(?:[^*]*?\\S)?)\\*(?!\\w)',
    '(?<![\\w|])\\|[^|\\s](?:[^|]*?[^|\\s])?\\|(?:__?)?',
    ' ?\\[(?:\\d+|#[\\w-]*|\\*)\\]_',
  ].join('|'),
  'g',
);

/** Roles that read as words, not code (the others name code: `:func:`, `:class:`, `:mod:`...). */
const PROSE_ROLES = new Set([
  'ref', 'doc', 'term', 'abbr', 'emphasis', 'strong', 'sub', 'sup', 'subscript', 'superscript', 'math',
  'kbd', 'guilabel', 'menuselection', 'pep', 'rfc', 'numref', 'download', 'title-reference', 'title', 't',
  'eq', 'cite', 'footcite', 'manpage', 'dfn',
]);

/**
 * Text with reST inline markup flattened, read two ways at once (one scan): `code` keeps literals and
 * code roles in backticks (the Markdown reader's paragraph text), `plain` has them as plain words (its
 * prose).
 */
function flattenInline(text: string): { plain: string; code: string } {
  // Most sentences have no markup at all: every construct needs one of these characters.
  if (!/[`*|[]/.test(text)) return { plain: text, code: text };
  let plain = '';
  let code = '';
  let last = 0;
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(text); m !== null; m = INLINE.exec(text)) {
    const end = INLINE.lastIndex;
    let word = ''; // what both readings show
    let codeWord: string | undefined; // what the code reading shows instead
    if (m[1] !== undefined) {
      word = m[1]; // ``literal``
      codeWord = `\`${word}\``;
    } else if (m[2] !== undefined) {
      word = roleShown(m[3] ?? ''); // :role:`text`
      if (!PROSE_ROLES.has(m[2].slice(m[2].lastIndexOf(':') + 1).toLowerCase())) codeWord = `\`${word}\``;
    } else if (m[4] !== undefined) {
      // `link <url>`_ or `name`_, else interpreted text in the default role (Sphinx projects set it to code).
      word = m[5] !== undefined ? linkShown(m[4]) : m[4];
      if (m[5] === undefined) codeWord = `\`${word}\``;
    } else if (m[6] !== undefined || m[7] !== undefined) {
      const inner = flattenInline(m[6] ?? m[7] ?? ''); // **strong**, *emphasis*
      word = inner.plain;
      codeWord = inner.code;
      INLINE.lastIndex = end; // the inner scan used the same pattern
    } // else: substitutions (badges, logos) and footnote references say nothing
    const before = text.slice(last, m.index);
    plain += before + word;
    code += before + (codeWord ?? word);
    last = end;
  }
  const rest = text.slice(last);
  return { plain: plain + rest, code: code + rest };
}

/** `foldWhitespace`, skipped when there is nothing to fold (the common case: a big page stays fast). */
function fold(text: string): string {
  return /[^\S ]| {2}/.test(text) ? foldWhitespace(text) : text.trim();
}

/** `Title <target>` split in its title and target (no regex: role texts can be any size). */
function titled(text: string): { title: string; target: string } | undefined {
  const open = text.lastIndexOf('<');
  if (open < 0 || !text.endsWith('>') || text.indexOf('>', open) !== text.length - 1) return undefined;
  return { title: text.slice(0, open).trim(), target: text.slice(open + 1, -1) };
}

/** What Sphinx shows for a role's text: `Title <target>` → Title, `~a.b.C.f` → f, `!x` → x. */
function roleShown(text: string): string {
  let t = text.trim();
  const parts = titled(t);
  if (parts) {
    if (parts.title !== '') return parts.title;
    t = parts.target;
  }
  if (t.startsWith('!')) t = t.slice(1);
  if (t.startsWith('~')) {
    t = t.slice(1);
    t = t.slice(t.lastIndexOf('.') + 1);
  }
  return t;
}

/** A hyperlink reference's text: `` `text <url>`_ `` → text (the url when there is no text). */
function linkShown(text: string): string {
  const parts = titled(text.trim());
  return parts ? parts.title || parts.target : text;
}

/** The first word of a directive argument (its language). */
function firstWord(text: string): string {
  return /^\S*/.exec(text)?.[0] ?? '';
}

// ---------------------------------------------------------------------------------------------------
// Code lines

const IN_PROMPT = /^In \[\d*\]:(?: |$)/;
const CONTINUATION_PROMPT = /^\s*\.{3,}:(?: |$)/;
/** The `ipython` directive's pseudo-decorators: not Python (`@suppress` would read as a decorator). */
const PSEUDO_DECORATOR = /^\s*@(?:savefig|suppress|doctest|verbatim|okexcept|okwarning)\b/;

/**
 * An IPython session: with `In [n]:` prompts, the prompted and `...:` continuation lines without their
 * prompts (`Out[n]:` and other output lines dropped); without, the code as is, minus the directive's
 * pseudo-decorators (blanked, so the line count stays).
 */
function ipythonSession(lines: string[], places: Place[], directive: boolean): { lines: string[]; places: Place[] } {
  if (!lines.some((l) => IN_PROMPT.test(l))) {
    return { lines: directive ? lines.map((l) => (PSEUDO_DECORATOR.test(l) ? '' : l)) : lines, places };
  }
  const kept: string[] = [];
  const keptPlaces: Place[] = [];
  lines.forEach((line, i) => {
    const m = IN_PROMPT.exec(line) ?? CONTINUATION_PROMPT.exec(line);
    if (!m) return;
    kept.push(line.slice(m[0].length));
    keptPlaces.push(places[i]);
  });
  return { lines: kept, places: keptPlaces };
}

// ---------------------------------------------------------------------------------------------------
// The reader

/** Indentation of a line: its width in columns (tabs to the next multiple of 8) and length in characters. */
function leading(line: string): { width: number; length: number } {
  let width = 0;
  let length = 0;
  for (; length < line.length; length++) {
    const c = line.charCodeAt(length);
    if (c === 32 /* space */ || c === 11 /* \v */ || c === 12 /* \f */) width++;
    else if (c === 9 /* \t */) width = (Math.floor(width / TAB_WIDTH) + 1) * TAB_WIDTH;
    else break;
  }
  return { width, length };
}

/**
 * An underline (or overline) long enough for its title. Lenient: 3 characters will do under a longer
 * title (docutils wants 4), never `::` (a literal block marker).
 */
function fits(adornment: string, title: string): boolean {
  return adornment !== '::' && adornment.length >= Math.min(title.length, 3);
}

interface Title {
  text: string;
  /** The adornment character, `^` appended when there is an overline too: each style is one level. */
  style: string;
  /** 1-based line of the title text. */
  line: number;
  /** Index of the line after the title. */
  next: number;
}

class RstReader {
  private readonly lines: string[];
  /** Indentation width of each line. */
  private readonly indent: Int32Array;
  /** Characters of indentation of each line. */
  private readonly lead: Int32Array;
  /** Each line without indentation and trailing whitespace ('' when blank). */
  private readonly body: string[];
  private readonly blocks: CodeBlock[] = [];
  private headings: { level: number; text: string; line: number }[] = [];
  /** Title styles by level, in order of first appearance (reST has no fixed style per level). */
  private readonly levels = new Map<string, number>();
  private prose: string[] = [];
  private paragraphs: Paragraph[] = [];
  /** The block still waiting for its `after` paragraph. */
  private pending: CodeBlock | undefined;
  /** Language of `::` literal blocks and argument-less code blocks, set by `.. highlight::` (undefined: not code). */
  private highlight: { language: Language | undefined; lang: string } = { language: 'untagged', lang: '' };

  constructor(
    text: string,
    private readonly path: string,
    private readonly languages: CodeLanguages,
  ) {
    this.lines = splitLines(stripBom(text));
    const n = this.lines.length;
    this.indent = new Int32Array(n);
    this.lead = new Int32Array(n);
    this.body = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const line = this.lines[i];
      const { width, length } = leading(line);
      this.indent[i] = width;
      this.lead[i] = length;
      this.body[i] = line.slice(length).trimEnd();
    }
  }

  read(): CodeBlock[] {
    let i = 0;
    while (i < this.lines.length) i = this.step(i);
    return this.blocks;
  }

  /** Reads the construct that starts at line index `i`; returns the index of the line after it. */
  private step(i: number): number {
    const body = this.body[i];
    if (body === '') return i + 1;
    if (EXPLICIT.test(body)) return this.explicit(i);
    if (body.startsWith('__ ')) return this.skipContent(i + 1, this.indent[i]); // anonymous target
    const title = this.titleAt(i);
    if (title) {
      this.heading(title);
      return title.next;
    }
    // A transition (or a stray adornment): a separator, not words.
    if (this.indent[i] === 0 && body.length >= 4 && ADORNMENT.test(body)) return i + 1;
    if (GRID_TABLE.test(body) || SIMPLE_TABLE.test(body)) return this.nextBlank(i); // tables are not prose
    if (DOCTEST.test(body)) return this.doctestBlock(i);
    return this.paragraph(i);
  }

  // ----- titles

  /** The section title starting at line `i` (its overline or its text), if there is one. */
  private titleAt(i: number): Title | undefined {
    const n = this.lines.length;
    const body = this.body[i];
    if (this.indent[i] !== 0 || body === '') return undefined;
    if (ADORNMENT.test(body)) {
      // Overline, text (it may be inset), underline of the same character.
      if (i + 2 >= n || this.indent[i + 2] !== 0) return undefined;
      const text = this.body[i + 1];
      const under = this.body[i + 2];
      if (text === '' || under[0] !== body[0] || !ADORNMENT.test(under) || !fits(body, text)) return undefined;
      return { text, style: `${body[0]}^`, line: i + 2, next: i + 3 };
    }
    if (i + 1 >= n || this.indent[i + 1] !== 0) return undefined;
    const under = this.body[i + 1];
    if (!ADORNMENT.test(under) || !fits(under, body)) return undefined;
    return { text: body, style: under[0], line: i + 1, next: i + 2 };
  }

  private heading(title: Title): void {
    let level = this.levels.get(title.style);
    if (level === undefined) {
      level = this.levels.size + 1;
      this.levels.set(title.style, level);
    }
    while (this.headings.length > 0 && this.headings[this.headings.length - 1].level >= level) this.headings.pop();
    this.headings.push({ level, text: fold(flattenInline(title.text).plain), line: title.line });
    this.prose = [];
    this.paragraphs = [];
    this.pending = undefined;
  }

  // ----- explicit markup

  private explicit(i: number): number {
    const m = DIRECTIVE.exec(this.body[i]);
    if (!m) return this.comment(i);
    const name = m[1].toLowerCase();
    const arg = (m[2] ?? '').trim();
    const kind = CODE_DIRECTIVES.get(name);
    if (kind) return this.codeDirective(i, kind, arg);
    if (name === 'highlight') this.highlight = this.highlightOf(arg);
    if (OPAQUE_DIRECTIVES.has(name) || name.startsWith('auto')) {
      // Code shown from a file: the paragraph after it is about that code, not the block before.
      if (name === 'literalinclude') this.pending = undefined;
      return this.skipContent(i + 1, this.indent[i]);
    }
    return this.container(i, name, arg);
  }

  /** A comment, target, footnote or substitution definition: its line and indented continuation. */
  private comment(i: number): number {
    // `..` alone before a blank line is an empty comment: indented text after it is a block quote.
    if (this.body[i] === '..' && (i + 1 >= this.lines.length || this.body[i + 1] === '')) return i + 1;
    return this.skipContent(i + 1, this.indent[i]);
  }

  /** A directive whose content is ordinary reST: only its line and options are skipped. */
  private container(i: number, name: string, arg: string): number {
    const text = TEXT_ARGUMENT.has(name) ? arg : VERSION_DIRECTIVES.has(name) ? arg.replace(/^\S+\s*/, '') : '';
    if (text !== '') return this.paragraph(i, text);
    return this.afterOptions(i);
  }

  /** The line after a directive's option lines (`:caption: x`, indented, before any blank line). */
  private afterOptions(i: number): number {
    const d = this.indent[i];
    let j = i + 1;
    while (j < this.lines.length && this.body[j] !== '' && this.indent[j] > d && OPTION.test(this.body[j])) j++;
    return j;
  }

  /** The first line from `from` on that is not blank and indented at most `indent`: where a body ends. */
  private skipContent(from: number, indent: number): number {
    let j = from;
    while (j < this.lines.length && (this.body[j] === '' || this.indent[j] > indent)) j++;
    return j;
  }

  /** The first blank line after line `i` (or the end). */
  private nextBlank(i: number): number {
    let j = i + 1;
    while (j < this.lines.length && this.body[j] !== '') j++;
    return j;
  }

  private highlightOf(arg: string): { language: Language | undefined; lang: string } {
    const lang = firstWord(arg);
    // Sphinx's `default` is its own default (Python when it parses): untagged here too.
    if (lang.toLowerCase() === 'default') return { language: 'untagged', lang: '' };
    return { language: classify(lang, this.languages), lang };
  }

  // ----- code

  private codeDirective(i: number, kind: CodeKind, arg: string): number {
    const start = this.afterOptions(i);
    const end = this.skipContent(start, this.indent[i]);
    const lang = kind === 'argument' || kind === 'ipython' ? firstWord(arg) : '';
    if (kind === 'argument') {
      // No language: Sphinx highlights with the `.. highlight::` default.
      const language = lang ? classify(lang, this.languages) : this.highlight.language;
      const ipython = /^ipython3?$/i.test(lang) ? false : undefined;
      this.emit(start, end, language, lang || this.highlight.lang, lang, ipython);
    } else if (kind === 'ipython') {
      this.emit(start, end, 'python', 'ipython', lang, true);
    } else {
      this.emit(start, end, 'python', kind, '');
    }
    return end;
  }

  /** A `>>>` paragraph: a session up to the next blank (or less indented) line. */
  private doctestBlock(i: number): number {
    const d = this.indent[i];
    let j = i + 1;
    while (j < this.lines.length && this.body[j] !== '' && this.indent[j] >= d) j++;
    this.emit(i, j, 'python', 'pycon', '');
    return j;
  }

  /** Lines `from`..`to` (indices) dedented by their smallest indentation; blank lines become ''. */
  private dedent(from: number, to: number): string[] {
    let min = Infinity;
    for (let k = from; k < to; k++) if (this.body[k] !== '') min = Math.min(min, this.indent[k]);
    const out: string[] = [];
    for (let k = from; k < to; k++) {
      out.push(this.body[k] === '' ? '' : ' '.repeat(this.indent[k] - min) + this.lines[k].slice(this.lead[k]));
    }
    return out;
  }

  /**
   * A code block of lines `from`..`to` (blank lines at both ends dropped). Like a Markdown fence, any
   * code block ends the wait for `after`, even one of a language not returned (`language` undefined).
   * `ipython`: an IPython session (true: the `ipython` directive, with its pseudo-decorators).
   */
  private emit(from: number, to: number, tagged: Language | undefined, lang: string, info: string, ipython?: boolean): void {
    this.pending = undefined;
    let s = from;
    while (s < to && this.body[s] === '') s++;
    let e = to;
    while (e > s && this.body[e - 1] === '') e--;
    let language = tagged;
    if (s === e) return;
    let lines = this.dedent(s, e);
    let places: Place[] = lines.map((_, k) => ({ line: s + k + 1 }));
    if (ipython !== undefined) ({ lines, places } = ipythonSession(lines, places, ipython));
    // A console session (first line behind a `$ ` prompt) without a language, or shown as plain text, is shell.
    if ((language === 'untagged' || language === undefined) && consoleSession(language === 'untagged' ? '' : lang, lines)) language = 'shell';
    if (language === undefined) return;
    const top = this.headings[this.headings.length - 1];
    const block: CodeBlock = {
      language,
      info,
      startLine: s + 1,
      source: liftLines(language, lang, lines, places, this.path),
      headingPath: this.headings.map((h) => h.text),
      headingLine: top ? top.line : 0,
      prose: this.prose.join(' '),
      after: '',
      paragraphs: this.paragraphs,
    };
    if (top) block.heading = top.text;
    if (this.headings[0]?.level === 1) block.pageTitle = this.headings[0].text;
    this.blocks.push(block);
    this.pending = block;
    // The next block's prose is what stands between the two blocks.
    this.prose = [];
    this.paragraphs = [];
  }

  // ----- prose

  /**
   * A paragraph from line `i` to the next blank line (`first`: the text of its first line, when that
   * line is a directive's). A paragraph ending in `::` introduces a literal block: the indented lines
   * after it.
   */
  private paragraph(i: number, first?: string): number {
    const n = this.lines.length;
    let j = i + 1;
    while (j < n && this.body[j] !== '' && !this.interrupts(j, i)) j++;
    const marker = first === undefined ? LIST_MARKER.exec(this.body[i]) : null;
    const texts = [first ?? this.body[i].slice(marker ? marker[0].length : 0), ...this.body.slice(i + 1, j)];
    // Line blocks (`| text`) read as their text.
    let raw = texts.map((t) => t.replace(/^\|(?:[ \t]+|$)/, '')).join(' ');
    const literal = raw.endsWith('::');
    // `Example::` reads `Example:`; `Example ::` and a lone `::` lose the marker.
    if (literal) raw = raw === '::' || /\s::$/.test(raw) ? raw.slice(0, -2) : raw.slice(0, -1);
    this.addParagraph(raw, i + 1);
    if (!literal) return j;
    // The block must be indented past the paragraph's text (a list item's text starts after its marker).
    const base = this.indent[i] + (marker ? marker[0].length : 0);
    let k = j;
    while (k < n && this.body[k] === '') k++;
    if (k >= n || this.indent[k] <= base) return j;
    const end = this.skipContent(k, base);
    this.emit(k, end, this.highlight.language, this.highlight.lang, '');
    return end;
  }

  /** Lines that start something else without a blank line before them (lenient: docutils would warn). */
  private interrupts(j: number, start: number): boolean {
    const body = this.body[j];
    if (DIRECTIVE.test(body) || DOCTEST.test(body)) return true;
    if (this.indent[j] <= this.indent[start] && LIST_MARKER.test(body)) return true;
    return this.titleAt(j) !== undefined;
  }

  private addParagraph(raw: string, line: number): void {
    const { plain, code } = flattenInline(raw);
    const t = fold(plain);
    if (t === '') return;
    const para: Paragraph = { text: fold(code), line };
    if (this.pending && !leadsIn(t)) {
      this.pending.after = t;
      this.pending.paragraphs.push({ ...para, after: true });
    }
    this.pending = undefined;
    this.prose.push(t);
    this.paragraphs.push(para);
  }
}

/**
 * Code blocks of a reStructuredText file in document order, with the same fields as the Markdown
 * reader's: Python, TypeScript/JavaScript and shell ones by their directive and language, and untagged
 * ones (a `code-block` without language, a `::` literal block: the caller decides whether they parse).
 * Blocks of other languages (`yaml`, `text`, a `.. highlight:: none` literal block) are not returned.
 */
export function extractRstCodeBlocks(
  text: string,
  path: string,
  languages: CodeLanguages = DEFAULT_CODE_LANGUAGES,
): CodeBlock[] {
  return new RstReader(text, path, languages).read();
}
