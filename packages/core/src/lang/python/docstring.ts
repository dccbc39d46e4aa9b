// Docstrings: literal values, cleaning (inspect.cleandoc rules), the first sentence, and parameter/return
// types from Google, NumPy and reST styles.

import { docLinks } from '../../text/doc-links.js';

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * The value of one Python string literal as written (`r"..."`, `'''...'''`, `u'...'`): prefix and quotes
 * stripped, escapes decoded unless raw. Undefined when the text is not a single literal.
 */
export function literalValue(literal: string): string | undefined {
  const m = /^([rRuUbBfF]{0,2})("""|'''|"|')([\s\S]*)\2$/.exec(literal.trim());
  if (!m || !closedOnlyAtEnd(m[3], m[2])) return undefined;
  const body = m[3];
  if (/[rR]/.test(m[1])) return body;
  return body.replace(/\\(\n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)/g, (all, e: string) => {
    if (e === '\n') return ''; // line continuation
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e];
    if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return all; // unknown escapes keep their backslash, as in Python
  });
}

/** True when the quote does not occur unescaped inside the body (`"a" "b"` is two literals, not one). */
function closedOnlyAtEnd(body: string, quote: string): boolean {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body.startsWith(quote, i)) return false;
  }
  return true;
}

/** `inspect.cleandoc`: tabs expanded, first line stripped, the rest dedented, blank lines trimmed at both ends. */
export function cleandoc(doc: string): string {
  const lines = doc.split('\n').map(expandTabs);
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const content = line.trimStart().length;
    if (content) margin = Math.min(margin, line.length - content);
  }
  const out = lines.map((l, i) => (i === 0 ? l.trim() : (margin === Infinity ? l : l.slice(margin)).trimEnd()));
  while (out.length && !out[0]) out.shift();
  while (out.length && !out[out.length - 1]) out.pop();
  return out.join('\n');
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
}

/** A string literal's source text → the docstring as `inspect.cleandoc` gives it. */
export function cleanDocstring(literal: string): string {
  return cleandoc(literalValue(literal) ?? literal);
}

/** `foo(a, b) -> c`, `Model.fit(x)`: a signature line some docstrings start with. */
const SIGNATURE = /^[A-Za-z_][\w.]*\(.*\)(\s*->\s*.+)?$/;

/** A line that opens a section of a docstring (`Args:`, `Returns`, `:param x:`, `@param`): no summary. */
const SECTION_START = (l: string) => /^\s*(Args|Arguments|Parameters|Returns?|Raises|Yields|Examples?|Notes?|Attributes)\s*:?\s*$/.test(l) || /^\s*[:@]/.test(l);

/** The docstring's first paragraph (up to the first blank line or section header), one line. */
export function firstParagraph(doc: string): string | undefined {
  const para = doc.trim().split(/\n\s*\n/)[0] ?? '';
  const lines: string[] = [];
  for (const l of para.split('\n')) {
    if (SECTION_START(l)) break;
    lines.push(l.trim());
  }
  const t = docLinks(lines.join(' ').replace(/\s+/g, ' ').trim());
  return t ? (t.length > 400 ? `${t.slice(0, 399)}…` : t) : undefined;
}

/** The first sentence of the first paragraph, whitespace folded; a leading signature line is skipped; none when a section comes first. */
export function firstSentence(doc: string): string | undefined {
  const lines = doc.trim().split('\n');
  if (lines.length && SIGNATURE.test(lines[0].trim())) lines.shift();
  // (`Args:` first: the docstring has no summary, only its sections.)
  if (lines.length && SECTION_START(lines[0])) return undefined;
  const paragraph = lines.join('\n').trim().split(/\n\s*\n/)[0];
  const text = docLinks((paragraph ?? '').replace(/\s+/g, ' ').trim());
  if (!text) return undefined;
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

export interface DocField {
  type?: string;
  description?: string;
}

export interface DocTypes {
  params: Record<string, DocField>;
  returns?: DocField;
}

const GOOGLE_PARAMS = /^(Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Kwargs|Other Parameters)\s*:$/;
const GOOGLE_RETURNS = /^(Returns?|Yields?)\s*:\s*(.*)$/;
const NUMPY_SECTION = /^(Parameters|Other Parameters|Keyword Arguments|Returns|Yields)$/;
const UNDERLINE = /^\s*-{3,}\s*$/;

/** Parameter and return types from a docstring in Google, NumPy or reST style. */
export function docParamTypes(doc: string): DocTypes {
  const out: DocTypes = { params: {} };
  const lines = doc.split('\n');
  const set = (name: string, field: keyof DocField, value: string | undefined) => {
    const v = field === 'type' ? cleanType(value ?? '') : fold(value ?? '');
    if (!v) return;
    for (const n of name.split(',')) {
      const key = n.trim().replace(/^\*+/, '');
      if (/^\w+$/.test(key)) out.params[key] = { ...out.params[key], [field]: v };
    }
  };
  const setReturn = (field: keyof DocField, value: string | undefined) => {
    const v = field === 'type' ? cleanType(value ?? '') : fold(value ?? '');
    if (v && !out.returns?.[field]) out.returns = { ...out.returns, [field]: v };
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const head = line.trim();
    const indent = indentOf(line);
    // reST fields; a description may continue on more indented lines.
    const rest = /^:(param|parameter|arg|argument|key|keyword|type|returns?|rtype)(?:\s+([^:]*?))?\s*:\s*(.*)$/.exec(head);
    if (rest) {
      const [, field, target = '', first] = rest;
      const { text, next } = continued(lines, i, indent, first);
      i = next - 1;
      if (field === 'type') set(target, 'type', text);
      else if (field === 'rtype') setReturn('type', text);
      else if (field.startsWith('return')) setReturn('description', text);
      else {
        const parts = target.trim().split(/\s+/);
        const name = parts.pop() ?? '';
        if (parts.length) set(name, 'type', parts.join(' '));
        set(name, 'description', text);
      }
      continue;
    }
    const numpy = NUMPY_SECTION.test(head) && UNDERLINE.test(lines[i + 1] ?? '');
    const googleParams = GOOGLE_PARAMS.test(head);
    const googleReturns = GOOGLE_RETURNS.exec(head);
    if (!numpy && !googleParams && !googleReturns) continue;
    const isReturn = numpy ? /^(Returns|Yields)$/.test(head) : !!googleReturns;
    // The section's items: lines indented deeper than the header (NumPy: at least as deep), until the next section.
    const items: { head: string; body: string }[] = [];
    let j = i + (numpy ? 2 : 1);
    let itemIndent = -1;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (!l.trim()) continue;
      const ind = indentOf(l);
      if (numpy ? ind < indent || UNDERLINE.test(lines[j + 1] ?? '') : ind <= indent) break;
      if (itemIndent < 0 || ind <= itemIndent) {
        itemIndent = itemIndent < 0 ? ind : itemIndent;
        items.push({ head: l.trim(), body: '' });
      } else items[items.length - 1].body += ` ${l.trim()}`;
    }
    i = j - 1;
    if (isReturn) {
      // Google allows `Returns: desc` on the header line itself.
      if (googleReturns?.[2]) items.unshift({ head: googleReturns[2], body: '' });
      const item = items[0];
      if (!item) continue;
      if (numpy) {
        const m = /^(?:\w+\s*:\s*)?(.+)$/.exec(item.head);
        setReturn('type', m ? m[1] : item.head);
        setReturn('description', item.body);
      } else {
        const m = /^([^:]+?)\s*:\s+(.*)$/.exec(item.head) ?? /^([^:]+?)\s*:$/.exec(item.head);
        // `Type: description`, unless the part before the colon reads as prose.
        if (m && looksLikeType(m[1])) {
          setReturn('type', m[1]);
          setReturn('description', `${m[2] ?? ''}${item.body}`);
        } else setReturn('description', `${item.head}${item.body}`);
      }
      continue;
    }
    for (const item of items) {
      if (numpy) {
        const m = /^(\*{0,2}\w+(?:\s*,\s*\*{0,2}\w+)*)\s*(?::\s*(.*))?$/.exec(item.head);
        if (!m) continue;
        set(m[1], 'type', m[2]);
        set(m[1], 'description', item.body);
      } else {
        const m = /^(\*{0,2}\w+)\s*(?:\((.*?)\))?\s*:(?:\s+(.*)|$)/.exec(item.head) ?? /^(\*{0,2}\w+)\s*\((.*)\)\s*:(?:\s+(.*)|$)/.exec(item.head);
        if (!m) continue;
        set(m[1], 'type', m[2]);
        set(m[1], 'description', `${m[3] ?? ''}${item.body}`);
      }
    }
  }
  return out;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function fold(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A reST field's text plus its more indented continuation lines; `next` is the first line after it. */
function continued(lines: string[], i: number, indent: number, first: string): { text: string; next: number } {
  let text = first;
  let j = i + 1;
  for (; j < lines.length && lines[j].trim() && indentOf(lines[j]) > indent && !lines[j].trim().startsWith(':'); j++) text += ` ${lines[j].trim()}`;
  return { text, next: j };
}

/** `int, optional`, `` `torch.Tensor`, *optional*, defaults to 1 `` → `int`, `torch.Tensor`. */
function cleanType(raw: string): string {
  const text = raw.replace(/:(?:obj|class|data|func|meth|py:\w+):/g, '').replace(/[`*]/g, '');
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if ('[({'.includes(ch)) depth++;
    if ('])}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) parts.push(cur), (cur = '');
    else cur += ch;
  }
  parts.push(cur);
  const kept = parts.map((p) => p.trim()).filter((p) => p && !/^(optional|default(s)?\b|defaults? to\b|default[:=])/i.test(p));
  return fold(kept.join(', '));
}

/** `torch.Tensor`, `Dict[str, int]`, `tuple of int`: a type rather than a sentence. */
function looksLikeType(s: string): boolean {
  const t = s.replace(/[`*]/g, '').trim();
  return /^[\w.]+(\[.*\])?$/.test(t) || /^[\w.]+(\[.*\])?(\s*(\||or|of)\s*[\w.]+(\[.*\])?)+$/.test(t) || /^\(.*\)$/.test(t);
}
