// Docstrings: cleaning (inspect.cleandoc rules), the first sentence, and parameter/return types from
// Google, NumPy and reST styles.

/** A string literal's text → the docstring as `inspect.cleandoc` gives it. */
export function cleanDocstring(literal: string): string {
  const m = /^[rRuUbBfF]{0,2}("""|'''|"|')([\s\S]*)\1$/.exec(literal.trim());
  const body = m ? m[2] : literal;
  const lines = body.replace(/\t/g, '        ').split('\n');
  const indents = lines.slice(1).filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const margin = indents.length ? Math.min(...indents) : 0;
  const out = [lines[0].trim(), ...lines.slice(1).map((l) => l.slice(margin).trimEnd())];
  while (out.length && !out[0].trim()) out.shift();
  while (out.length && !out[out.length - 1].trim()) out.pop();
  return out.join('\n');
}

/** The first sentence of the first paragraph, whitespace folded; a leading signature line is skipped. */
export function firstSentence(doc: string): string | undefined {
  const paragraphs = doc.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  let first = paragraphs[0];
  if (first && /^[\w.]+\(.*\)(\s*->\s*.+)?$/.test(first.split('\n')[0]) && first.split('\n').length === 1) first = paragraphs[1];
  if (!first) return undefined;
  const text = first.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return (m ? m[1] : text) || undefined;
}

export interface DocTypes {
  params: Record<string, { type?: string; description?: string }>;
  returns?: { type?: string; description?: string };
}

/** Parameter and return types from a docstring in Google, NumPy or reST style. */
export function docParamTypes(doc: string): DocTypes {
  const out: DocTypes = { params: {} };
  const lines = doc.split('\n');
  const set = (name: string, field: 'type' | 'description', value: string) => {
    const n = name.replace(/^\*+/, '');
    if (!value) return;
    out.params[n] = { ...out.params[n], [field]: value.trim() };
  };
  // reST fields.
  for (const line of lines) {
    let m = /^\s*:param\s+(?:([^:]+?)\s+)?(\*{0,2}\w+)\s*:\s*(.*)$/.exec(line);
    if (m) {
      if (m[1]) set(m[2], 'type', m[1]);
      set(m[2], 'description', m[3]);
      continue;
    }
    m = /^\s*:type\s+(\*{0,2}\w+)\s*:\s*(.+)$/.exec(line);
    if (m) {
      set(m[1], 'type', m[2]);
      continue;
    }
    m = /^\s*:returns?\s*:\s*(.*)$/.exec(line);
    if (m) {
      out.returns = { ...out.returns, description: m[1].trim() };
      continue;
    }
    m = /^\s*:rtype\s*:\s*(.+)$/.exec(line);
    if (m) out.returns = { ...out.returns, type: m[1].trim() };
  }
  // Google and NumPy sections.
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i].trim();
    const google = /^(Args|Arguments|Parameters|Params|Keyword Args|Returns|Return|Yields)\s*:$/.exec(head);
    const numpy = /^(Parameters|Returns|Yields|Other Parameters)$/.exec(head) && /^\s*-{3,}\s*$/.test(lines[i + 1] ?? '');
    if (!google && !numpy) continue;
    const section = (google ? google[1] : head).toLowerCase();
    const isReturn = section.startsWith('return') || section.startsWith('yield');
    const baseIndent = lines[i].length - lines[i].trimStart().length;
    let j = i + (numpy ? 2 : 1);
    let itemIndent = -1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (!line.trim()) continue;
      const indent = line.length - line.trimStart().length;
      if (google && indent <= baseIndent) break;
      if (numpy && indent < baseIndent) break;
      if (numpy && /^\s*-{3,}\s*$/.test(lines[j + 1] ?? '')) break;
      if (itemIndent < 0) itemIndent = indent;
      if (indent > itemIndent) continue; // a description's continuation
      const text = line.trim();
      if (isReturn) {
        if (out.returns?.type) break;
        const g = google ? /^([^:]+?)\s*:\s*(.*)$/.exec(text) : undefined;
        if (google) out.returns = g && !/\s/.test(g[1].replace(/\[.*\]/, '').replace(/,\s*/g, ',')) ? { type: g[1], description: g[2] } : { ...out.returns, description: text };
        else {
          const nm = /^(?:(\w+)\s*:\s*)?(.+)$/.exec(text);
          out.returns = { type: nm ? nm[2] : text };
        }
        continue;
      }
      if (google) {
        const m = /^(\*{0,2}\w+)\s*(?:\(([^)]*)\))?\s*:\s*(.*)$/.exec(text);
        if (m) {
          if (m[2]) set(m[1], 'type', m[2].replace(/,\s*optional$/, ''));
          set(m[1], 'description', m[3]);
        }
      } else {
        const m = /^(\*{0,2}\w+)\s*(?::\s*(.+))?$/.exec(text);
        if (m) {
          if (m[2]) set(m[1], 'type', m[2].replace(/,\s*optional$/, ''));
          const desc = lines[j + 1]?.trim();
          if (desc && (lines[j + 1].length - lines[j + 1].trimStart().length) > indent) set(m[1], 'description', desc);
        }
      }
    }
  }
  return out;
}
