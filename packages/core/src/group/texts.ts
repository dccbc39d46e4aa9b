// The texts of a workflow and its steps, sentence by sentence, each from what the repository says: the
// example's own comment, README/docs prose, the API's docstring, the values the example passes and what
// the docstring says of them, data flow. Every sentence carries where it comes from (TextTrace); the
// few connective sentences that only link others are the templates listed in CONNECTIVES. A sentence
// that would only be a formula ("Calls X from the repository") is left out instead.
import type { Arm, CallSite, Place, Step, StepCall, TextTrace } from '../model.js';
import type { DraftStep } from './steps.js';
import type { AnalysedSource } from './source.js';

/** The connective templates: the only sentences without a place in the repository (docs/heuristics.md §7). */
export const CONNECTIVES: RegExp[] = [/^Shown in .+\.$/, /^Run the steps below in order\.$/, /^[A-Za-z0-9 ]+: [a-z0-9 ,]+\.$/];

/** Docstrings that describe another function than the one called (`Same as .push_to_hub(...)`). */
const DEFERRING_DOC = /^(same as|see|alias (of|for)|wrapper (of|for|around)|shortcut (of|for)|calls?|equivalent to)\b/i;

const place = (c: CallSite): Place => ({ path: c.site.path, line: c.site.start, ...(c.site.cell !== undefined ? { cell: c.site.cell } : {}) });
const code = (t: string) => `\`${t.replace(/`/g, "'")}\``;

export function ensureStop(t: string): string {
  const s = t.trim().replace(/\s+/g, ' ');
  return /[.!?:]$/.test(s) ? s.replace(/:$/, '.') : `${s}.`;
}

/** The first n sentences: a sentence ends at `.`, `!` or `?` followed by a space and a capital (not inside `a.b`). */
export function firstSentences(text: string, n: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.split(/(?<=[.!?])\s+(?=[A-Z"'(`])/).slice(0, n).join(' ').trim();
}

export function joinList(xs: string[], word = 'and'): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${word} ${xs[xs.length - 1]}`;
}

/** A docstring that speaks of the called function itself: not one that defers to another function. */
function ownDoc(c: CallSite): string | undefined {
  const doc = c.definition?.docParagraph ?? c.definition?.summary;
  if (!doc || DEFERRING_DOC.test(doc.trim())) return undefined;
  const method = c.callee.split('.').pop() ?? '';
  // A docstring that names another callable (`... like .push_to_hub()`) is about that one.
  const others = [...doc.matchAll(/\.?([A-Za-z_]\w*)\(\)/g)].map((m) => m[1]).filter((n) => n !== method);
  return others.length ? undefined : doc;
}

/**
 * The sentences of a step: the example's comment above the call, the API's own docstring, the loop
 * around it, the values the example passes (with what the docstring says of each) and the parameters the
 * repository's sources set most often; else what it takes and gives. A step with alternatives says first
 * how it is done one way or another, then each call's own sentences, each naming its call.
 */
export function stepTrace(s: DraftStep, produced: Map<string, string>, oftenSet: Map<string, string[]>, key: string): TextTrace[] {
  const c = s.calls[0];
  const alternatives = s.alternatives ?? [];
  const out: TextTrace[] = [];
  if (alternatives.length) {
    const arms = [c, ...alternatives].map((a) => `with ${code(a.callee)} ${armWords(a.branch!)}`);
    out.push({ text: `${s.title}: ${arms.slice(0, -1).join(', ')}, or ${arms[arms.length - 1]}.`, from: 'branch', at: c.branch!.at });
    for (const a of [c, ...alternatives]) out.push(...callTrace(a, true));
  } else {
    out.push(...callTrace(c, false));
  }
  const passed = new Set(c.argNames);
  const often = (oftenSet.get(key) ?? []).filter((k) => !passed.has(k)).slice(0, 3);
  if (often.length) out.push({ text: `Sources of this repository also set ${joinList(often.map(code))}${alternatives.length ? ` for ${code(c.callee)}` : ''}.`, from: 'parameters', at: c.definition ? { path: c.definition.span.path, line: c.definition.span.start } : place(c) });
  if (!out.length || out.every((t) => t.from === 'parameters')) {
    const ins = [...new Set(c.uses.filter((u) => produced.has(u)))].map((u) => `${code(u)} (from ${produced.get(u)})`);
    const outs = c.assignedTo.map(code);
    const parts = [ins.length ? `takes ${joinList(ins)}` : '', outs.length ? `gives ${joinList(outs)}` : ''].filter(Boolean);
    if (parts.length) out.push({ text: `${code(c.callee)} ${parts.join(' and ')}.`, from: 'dataflow', at: place(c) });
  }
  // Nothing else to say: the call as the example writes it, where it writes it.
  if (!out.length) out.push({ text: `The example runs ${code(c.command?.line ?? `${c.callee}(${c.argNames.join(', ')})`)} here.`, from: 'call', at: place(c) });
  return out;
}

/**
 * What the example and the API say of one call: its comment, its docstring, the package it comes from,
 * the loop it repeats in, the values passed. `named`: the sentences name the call (one of several ways
 * to do a step), never "it".
 */
function callTrace(c: CallSite, named: boolean): TextTrace[] {
  const out: TextTrace[] = [];
  if (c.comment && c.commentAt) out.push({ text: ensureStop(capitalise(c.comment)), from: 'comment', at: c.commentAt });
  const doc = ownDoc(c);
  if (doc && c.definition) out.push({ text: `${named ? `${code(c.callee)}: ` : ''}${ensureStop(firstSentences(doc, 2))}`, from: 'docstring', at: { path: c.definition.span.path, line: c.definition.span.start } });
  if (c.resolution.kind === 'external') out.push({ text: `${code(c.callee)} comes from the ${c.resolution.distribution} package.`, from: 'call', at: place(c) });
  if (c.loop) out.push({ text: `${named ? code(c.callee) : 'It'} repeats inside ${code(c.loop.header)}.`, from: 'loop', at: c.loop.at });
  // What the user chose: literal and built values, not a variable handed on (`model=model`).
  const values = Object.entries(c.argValues ?? {}).filter(([k, v]) => /^[A-Za-z_]\w*$/.test(k) && (!/^[A-Za-z_][\w.]*$/.test(v) || /^(True|False|None|true|false|null|undefined)$/.test(v)));
  const docs = c.definition?.paramDocs ?? {};
  const shown = values.slice(0, 3).map(([k, v]) => (docs[k] ? `${code(`${k}=${v}`)} (${lowerFirst(firstSentences(docs[k], 1).replace(/\.$/, ''))})` : code(`${k}=${v}`)));
  if (shown.length) out.push({ text: `The example passes ${joinList(shown)}${named ? ` to ${code(c.callee)}` : ''}.`, from: 'parameters', at: place(c) });
  return out;
}

/** When an arm runs, in words: `when \`args.gguf\``, `otherwise`, `first`, `if that fails (\`except E\`)`, `for \`case x\``. */
function armWords(a: Arm): string {
  if (a.condition === 'else') return 'otherwise';
  if (a.kind === 'try') return a.arm === 0 ? 'first' : `if that fails (${code(a.condition)})`;
  if (a.kind === 'match') return `for ${code(a.condition)}`;
  return `when ${code(a.condition)}`;
}

function capitalise(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export function lowerFirst(t: string): string {
  return /^[A-Z][a-z]/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t;
}

/**
 * Overview, Description and Usage: the prose that introduces the use case (a README/docs section's text,
 * an example's module docstring, a RepoMap Purpose), the distinctive API's docstring, where it is shown,
 * and for Usage what the user brings (the literals its first steps take) and what comes out (files the
 * save steps write, values the last step returns).
 */
export function workflowTrace(sources: AnalysedSource[], steps: Step[], anchor: string, title: string, purposes: Map<string, string>): { overview: TextTrace[]; description: TextTrace[]; usage: TextTrace[] } {
  const leadSrc = sources.find((s) => (s.prose && /[a-z]{3,}/i.test(s.prose)) || purposes.get(s.candidate.path));
  const lead = leadSrc ? (leadSrc.prose && /[a-z]{3,}/i.test(leadSrc.prose) ? leadSrc.prose : purposes.get(leadSrc.candidate.path)) : undefined;
  const leadAt: Place | undefined = leadSrc ? { path: leadSrc.candidate.path, line: leadSrc.candidate.line } : undefined;
  const fromLead = leadSrc && leadSrc.prose && lead === leadSrc.prose ? 'prose' : 'literal';
  const anchorCall = steps.flatMap((s) => s.calls).find((c) => c.call.callee === anchor)?.call;
  const doc = anchorCall ? ownDoc(anchorCall) : undefined;
  const docAt: Place | undefined = anchorCall?.definition ? { path: anchorCall.definition.span.path, line: anchorCall.definition.span.start } : undefined;

  const overview: TextTrace[] = [];
  if (lead && leadAt) overview.push({ text: ensureStop(firstSentences(lead, 1)), from: fromLead as TextTrace['from'], at: leadAt });
  else if (doc && docAt) overview.push({ text: ensureStop(firstSentences(doc, 1)), from: 'docstring', at: docAt });
  else overview.push({ text: `${title}: ${joinList(steps.map((s) => s.title.toLowerCase()), 'then')}.`, from: 'connective' });

  const description: TextTrace[] = [];
  if (lead && leadAt) description.push({ text: ensureStop(firstSentences(lead, 3)), from: fromLead as TextTrace['from'], at: leadAt });
  if (doc && docAt && doc !== lead) description.push({ text: `${code(anchor)}: ${ensureStop(firstSentences(doc, 2))}`, from: 'docstring', at: docAt });
  const where = sources.map((s) => (s.candidate.kind === 'readme' || s.candidate.kind === 'docs' ? `${s.candidate.path} (${s.candidate.heading ?? `line ${s.candidate.line}`})` : s.candidate.path));
  description.push({ text: `Shown in ${where.length > 6 ? `${where.slice(0, 6).join(', ')} and ${where.length - 6} more` : joinList(where)}.`, from: 'connective' });

  const usage: TextTrace[] = [];
  // What the user brings: string literals the first load/prepare steps take (a model name, a dataset).
  const brings: { text: string; at: Place }[] = [];
  for (const s of steps.slice(0, 3)) {
    const c = s.calls[0].call;
    if (!['load', 'prepare_data', 'configure', 'build'].includes(s.role)) continue;
    for (const [k, v] of Object.entries(c.argValues ?? {})) if (/^["'`][^"'`]{2,}["'`]$/.test(v)) brings.push({ text: `${code(v.slice(1, -1))} (${k} of ${s.title})`, at: place(c) });
  }
  if (brings.length) usage.push({ text: `It starts from ${joinList(brings.slice(0, 3).map((b) => b.text))}.`, from: 'literal', at: brings[0].at });
  // What comes out: paths the save steps write, values the last step returns.
  const writes: { text: string; at: Place }[] = [];
  for (const s of steps.filter((x) => x.role === 'save')) {
    const c = s.calls[0].call;
    const v = Object.values(c.argValues ?? {}).find((x) => /^["'`][^"'`]{2,}["'`]$/.test(x));
    if (v) writes.push({ text: `${code(v.slice(1, -1))} (${s.title})`, at: place(c) });
  }
  if (writes.length) usage.push({ text: `It writes ${joinList(writes.map((w) => w.text))}.`, from: 'literal', at: writes[0].at });
  const last = steps[steps.length - 1].calls[0] as StepCall;
  if (!writes.length && last.call.assignedTo.length) usage.push({ text: `It ends with ${joinList(last.call.assignedTo.map(code))} from ${code(last.call.callee)}.`, from: 'dataflow', at: place(last.call) });
  if (!usage.length) usage.push({ text: 'Run the steps below in order.', from: 'connective' });
  return { overview, description, usage };
}

/** Sentences joined into one text. */
export function textOf(trace: TextTrace[]): string {
  return trace.map((t) => t.text).join(' ');
}
