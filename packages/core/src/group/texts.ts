// The texts of a workflow and its steps, sentence by sentence, each from what the repository says: the
// example's own comment, README/docs prose, the API's docstring, the values the example passes and what
// the docstring says of them, data flow. Every sentence carries where it comes from (TextTrace); the
// few connective sentences that only link others are the templates listed in CONNECTIVES. A sentence
// that would only be a formula ("Calls X from the repository") is left out instead.
import type { Arm, CallSite, Definition, Place, Step, StepCall, TextTrace } from '../model.js';
import type { DraftStep } from './steps.js';
import type { AnalysedSource } from './source.js';
import type { Paragraph } from '../lang/markdown/codeblocks.js';
import { ABBREVIATIONS, COMMENT_NUMBERING, DOC_BANNER, DOCS_PROSE, EMPTY_DOC_WORDS, LEAD_IN_WORDS, LEANING_PROSE, MILESTONE_ROLES, MIN_OPENING_WORDS, MIN_RESTATING_WORDS, POINTING_PROSE, PROSE_FILLER, PROSE_HTML_TAGS, STOP_TOKENS, USAGE_PROSE, VAGUE_RETURN_TYPE, VALUE_WORDS, VERBS } from '../heuristics/tables.js';
import { singular, tokens } from './names.js';
import { mentionOf, type ReadmeTerms } from './mentions.js';

/** The connective templates: the only sentences without a place in the repository (docs/heuristics.md §7). */
export const CONNECTIVES: RegExp[] = [/^Shown in .+\.$/];

/** Docstrings that describe another function than the one called (`Same as .push_to_hub(...)`). */
const DEFERRING_DOC = /^(same as|see|alias (of|for)|wrapper (of|for|around)|shortcut (of|for)|calls?|equivalent to)\b/i;

const place = (c: CallSite): Place => ({ path: c.site.path, line: c.site.start, ...(c.site.cell !== undefined ? { cell: c.site.cell } : {}) });
const code = (t: string) => `\`${t.replace(/`/g, "'")}\``;

export function ensureStop(t: string): string {
  const s = t.trim().replace(/\s+/g, ' ');
  return /[.!?:]$/.test(s) ? s.replace(/:$/, '.') : `${s}.`;
}

/**
 * Where one sentence ends and the next starts: after `.`, `!` or `?`, a space and a capital (not inside
 * `a.b`, not after an abbreviation: "a.k.a. Sentence Transformer").
 */
const SENTENCE_END = new RegExp(`(?<=[.!?])(?<!\\b(?:${ABBREVIATIONS.map((a) => a.replace(/\./g, '\\.')).join('|')})\\.)\\s+(?=[A-Z"'(\`])`);

/** The first n sentences. */
export function firstSentences(text: string, n: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.split(SENTENCE_END).slice(0, n).join(' ').trim();
}

export function joinList(xs: string[], word = 'and'): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${word} ${xs[xs.length - 1]}`;
}

/** A docstring that speaks of the called function itself: not one that defers to another function. */
function ownDoc(c: CallSite, restating = false): string | undefined {
  const doc = c.definition?.docParagraph ?? c.definition?.summary;
  // A banner (`**Starting a new project?** We recommend ...`) says nothing of the call either.
  if (!doc || DEFERRING_DOC.test(doc.trim()) || DOC_BANNER.test(doc.trim())) return undefined;
  const method = c.callee.split('.').pop() ?? '';
  // A docstring that names another callable (`... like .push_to_hub()`) is about that one.
  const others = [...doc.matchAll(/\.?([A-Za-z_]\w*)\(\)/g)].map((m) => m[1]).filter((n) => n !== method);
  if (others.length) return undefined;
  // One that only says the API's own name after an empty verb ("Initialize CPOTrainer.") says nothing.
  // (A resource's plural is its name too: `client.beta.agents.create`, "Create Agent.")
  const own = new Set(tokens(`${c.callee} ${c.definition?.qualname ?? ''}`).map(singular));
  const words = firstSentences(doc, 1).split(/[^A-Za-z0-9_]+/).filter((w) => w && !STOP_TOKENS.has(w.toLowerCase()));
  const empty = words.every((w) => EMPTY_DOC_WORDS.has(w.toLowerCase()) || tokens(w).every((t) => own.has(singular(t))));
  return empty && !restating ? undefined : doc;
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
    // Arms of one `if`/`try`/`match` say when each runs; ways shown by different sources (one client or
    // another) have no condition.
    const arms = [c, ...alternatives].map((a) => `with ${code(a.callee)}${a.branch ? ` ${armWords(a.branch)}` : ''}`);
    out.push({ text: `${s.title}: ${arms.slice(0, -1).join(', ')}, or ${arms[arms.length - 1]}.`, from: 'branch', at: c.branch?.at ?? place(c) });
    for (const a of [c, ...alternatives]) out.push(...callTrace(a, true));
  } else {
    out.push(...callTrace(c, false));
  }
  // The parameters other sources set: only names the definition declares (a variable passed by
  // position is no parameter name), none the example fills (by keyword or by position:
  // `create({ model, input })` fills `body`). Without a definition no line shows them: left out.
  const def = c.definition;
  const filled = new Set(c.argNames);
  c.argNames.forEach((a, i) => {
    if (!/^[A-Za-z_]\w*$/.test(a) && def?.params[i]) filled.add(def.params[i].name);
  });
  const declared = new Set((def?.params ?? []).map((p) => p.name));
  const often = def ? (oftenSet.get(key) ?? []).filter((k) => declared.has(k) && !filled.has(k)).slice(0, 3) : [];
  if (often.length && def) out.push({ text: `Sources of this repository also set ${joinList(often.map(code))}${alternatives.length ? ` for ${code(c.callee)}` : ''}.`, from: 'parameters', at: { path: def.span.path, line: def.span.start } });
  if (!out.length || out.every((t) => t.from === 'parameters')) {
    // What it works on (its receiver), takes and gives, by the steps that made them.
    const receiver = c.callee.includes('.') ? c.callee.split('.')[0] : undefined;
    const on = receiver && produced.has(receiver) ? [`is called on ${code(receiver)} (from ${produced.get(receiver)})`] : [];
    const ins = [...new Set(c.uses.filter((u) => produced.has(u) && u !== receiver))].map((u) => `${code(u)} (from ${produced.get(u)})`);
    const outs = c.assignedTo.map(code);
    const parts = [...on, ins.length ? `takes ${joinList(ins)}` : '', outs.length ? `gives ${joinList(outs)}` : ''].filter(Boolean);
    if (parts.length) out.push({ text: `${code(c.callee)} ${joinList(parts)}.`, from: 'dataflow', at: place(c) });
  }
  // Nothing else to say: the call as the example writes it, where it writes it.
  // (A pattern is a function the example writes for the library to call: it defines it.)
  if (!out.length) out.push({ text: `The example ${c.resolution.kind === 'pattern' ? 'defines' : 'runs'} ${code(c.command?.line ?? `${c.callee}(${c.argNames.join(', ')})`)} here.`, from: 'call', at: place(c) });
  return out;
}

/**
 * What the example and the API say of one call: its comment, its docstring, the package it comes from,
 * the loop it repeats in, the values passed. `named`: the sentences name the call (one of several ways
 * to do a step), never "it".
 */
function callTrace(c: CallSite, named: boolean): TextTrace[] {
  const out: TextTrace[] = [];
  // (Without the example's own numbering, `# 2. Create a session`: the page numbers its steps itself.)
  const comment = c.comment?.replace(COMMENT_NUMBERING, '');
  if (comment && c.commentAt) out.push({ text: ensureStop(capitalise(comment)), from: 'comment', at: c.commentAt });
  const doc = ownDoc(c);
  if (doc && c.definition) out.push({ text: `${named ? `${code(c.callee)}: ` : ''}${ensureStop(firstSentences(plainProse(doc), 2))}`, from: 'docstring', at: { path: c.definition.span.path, line: c.definition.span.start } });
  if (c.resolution.kind === 'external') out.push({ text: `${code(c.callee)} comes from the ${c.resolution.distribution} package.`, from: 'call', at: place(c) });
  if (c.loop) out.push({ text: `${named ? code(c.callee) : 'It'} repeats inside ${code(c.loop.header)}.`, from: 'loop', at: c.loop.at });
  // What the user chose: literal and built values, not a variable handed on (`model=model`).
  const values = Object.entries(c.argValues ?? {}).filter(([k, v]) => /^[A-Za-z_]\w*$/.test(k) && (!/^[A-Za-z_][\w.]*$/.test(v) || /^(True|False|None|true|false|null|undefined)$/.test(v)));
  const docs = c.definition?.paramDocs ?? {};
  // A property of an options object the example passes (`create({ model: 'gpt-5' })`) reads `model: 'gpt-5'`.
  const props = new Set(Object.keys(c.argValues ?? {}).filter((k) => k.startsWith('{')).flatMap((k) => k.replace(/^\{|\}$/g, '').split(',').map((x) => x.trim())));
  const shown = values.slice(0, 3).map(([k, v]) => {
    const pair = code(props.has(k) ? `${k}: ${v}` : `${k}=${v}`);
    return docs[k] ? `${pair} (${lowerFirst(firstSentences(plainProse(docs[k]), 1).replace(/\.$/, ''))})` : pair;
  });
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

/** One sentence of prose and the line of the paragraph it comes from. */
interface ProseSentence {
  text: string;
  at: Place;
  /** From the paragraph right before the code block or right after it (what introduces the code). */
  near: boolean;
  /** It can open a page: it does not lean on the text around it (opens). */
  alone: boolean;
  /** From a note beside the text (`[!NOTE]`, `!!! warning`): no Overview, though a Description may say it. */
  aside: boolean;
  /** From the paragraph right after the code block: what follows the code, not what introduces it. */
  after?: boolean;
}

/**
 * A module docstring as paragraphs (a paragraph ends at a blank line), each with the line it starts on
 * (`lines`: where the file's paragraphs start). When the two do not pair up, only the first paragraph
 * is kept, at the first line.
 */
export function docParagraphs(doc: string, lines: number[]): Paragraph[] {
  const paragraphs = doc.split(/\n\s*\n/).map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')).filter(Boolean);
  if (!lines.length) return [];
  const paired = paragraphs.length === lines.length ? paragraphs : paragraphs.slice(0, 1);
  return paired.map((text, i) => ({ text, line: lines[i] }));
}

/**
 * Markup that reads as noise on a wiki page: a GitHub alert marker (`[!NOTE]`), Markdown links (their
 * text kept), bold and italic markers, reST double backticks and roles (`:class:\`X\`` → `X`).
 */
export function plainProse(t: string): string {
  return withoutHtml(t)
    .replace(/^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i, '')
    // An admonition's marker (`!!! note "Title"`, `??? tip`: mkdocs-material).
    .replace(/^\s*(!!!|\?\?\?\+?)\s*[a-z]+(\s+"[^"]*")?\s*/i, '')
    // (Link texts hold no bracket and targets no parenthesis: a run of them is read in linear time.)
    .replace(/!?\[([^\][]*)\]\([^()\s]*\)/g, '$1')
    // A reference link (`[text][id]`; mkdocs autorefs: [`Agent`][agents.Agent]): its text.
    .replace(/\[([^\][]+)\]\[[^\]\s]*\]/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_]+?)(?<=\S)\1/g, '$2')
    .replace(/``([^`]+)``/g, '`$1`')
    .replace(/:(?:py:)?(?:class|func|meth|attr|mod|obj|data|exc|ref):`~?([^`]+)`/g, '`$1`')
    .replace(/\s+/g, ' ')
    .trim();
}

const HTML_TAG = new RegExp(`</?(?:${PROSE_HTML_TAGS.join('|')})(?:\\s[^<>]*)?/?>`, 'gi');
/** Tags that break a line (a space between the words around them); inline ones just go. */
const BLOCK_TAG = /^<\/?(br|p|div|hr|img|details|summary|center|picture|source)\b/i;
const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", mdash: '—', ndash: '–', hellip: '…' };

/** Prose written with HTML (`&nbsp;`, `<br>`, `<a href=...>text</a>`) as the text it shows; code spans kept as written. */
function withoutHtml(t: string): string {
  return t
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(HTML_TAG, (tag) => (BLOCK_TAG.test(tag) ? ' ' : '')).replace(/&(nbsp|amp|lt|gt|quot|apos|#39|mdash|ndash|hellip);/g, (_, e: string) => ENTITIES[e])))
    .join('');
}

/** A paragraph's sentences; a paragraph without a final stop (a title line) is one sentence. */
function paragraphSentences(text: string): string[] {
  return rawSentences(text).map((x) => ensureStop(x));
}

function rawSentences(text: string): string[] {
  const t = plainProse(text);
  return t ? t.split(SENTENCE_END).filter((x) => /[A-Za-z]{3,}/.test(x)) : [];
}

/**
 * A sentence that can open a page (Overview, Description): a statement of some length that does not lean
 * on the text around it (LEANING_PROSE) nor point at other text (POINTING_PROSE), is no question and does
 * not lead in to the code (`...like:`, LEAD_IN_WORDS).
 */
export function opens(raw: string): boolean {
  const s = raw.trim();
  if (s.endsWith('?')) return false;
  const words = s.replace(/`[^`]*`/g, 'x').split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
  if (words.length < MIN_OPENING_WORDS) return false;
  if (s.endsWith(':') && LEAD_IN_WORDS.has(words[words.length - 1].replace(/:$/, '').toLowerCase())) return false;
  return !LEANING_PROSE.some((re) => re.test(ensureStop(s))) && !points(s);
}

/** Points at text or code the page does not show (POINTING_PROSE). */
const points = (sentence: string) => POINTING_PROSE.some((re) => re.test(sentence));

/** A paragraph that is a note beside the text (GitHub alerts, mkdocs admonitions, "Note:"). */
const ASIDE = /^\s*(\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]|!!!|\?\?\?|\**(note|tip|warning|caution|important)\**\s*:?\**\s)/i;

/** A script's docstring speaking of the script (`This is a lean training script ...`). */
const SELF_INTRO = /^this (is|file|code|program)\b/i;

/** Sentences that only lead in to the code or point elsewhere (PROSE_FILLER): no sentence of a page. */
function isFiller(sentence: string): boolean {
  return PROSE_FILLER.some((re) => re.test(sentence));
}

/**
 * The sentences of a source's prose, each with its paragraph's line: for a code block, the paragraph
 * right before it and the one right after it first (they introduce the code), then the section's
 * earlier paragraphs; for a script, its docstring's paragraphs in order. Fillers are left out.
 */
function proseSentences(src: AnalysedSource): ProseSentence[] {
  const path = src.candidate.path;
  const paragraphs = src.paragraphs ?? (src.prose ? [{ text: src.prose, line: src.candidate.line }] : []);
  // A code block's id names its line (`README.md#L12`); a script's is its path.
  const whole = !src.candidate.id.includes('#');
  const before = paragraphs.filter((p) => !p.after);
  const ordered = whole
    ? paragraphs.map((p) => ({ p, near: true }))
    : [...before.slice(-1).map((p) => ({ p, near: true })), ...paragraphs.filter((p) => p.after).map((p) => ({ p, near: true })), ...before.slice(0, -1).map((p) => ({ p, near: false }))];
  // A script's docstring that says "This is ..." first (after a title line) speaks of the script itself:
  // that sentence stands alone, though "This is" in a page's paragraph goes on from the text before it.
  const intro = whole ? paragraphs.find((p) => /[.!?]\s*$/.test(p.text.trim())) : undefined;
  const aboutScript = (raw: string) => SELF_INTRO.test(raw.trim()) && opens(raw.trim().replace(SELF_INTRO, 'This script '));
  return ordered.flatMap(({ p, near }) =>
    rawSentences(p.text)
      .filter((t) => !isFiller(ensureStop(t)))
      // A note beside the use case (`[!NOTE]`, `!!! warning`) is an aside, not what the page opens with.
      .map((raw, i) => ({ text: ensureStop(raw), at: { path, line: p.line }, near, alone: opens(raw) || (p === intro && i === 0 && aboutScript(raw)), aside: ASIDE.test(p.text), ...(p.after ? { after: true } : {}) })),
  );
}

/**
 * What the page opens with, for its first code example (AnalysedSource.intro): the sentences of the first
 * opening paragraph whose first sentence opens a page (no note, no pointer, no install instruction, nothing
 * about the docs), so a Get Started section that only says "Now, let's see it in action:" is introduced by
 * the page's "X is a library for ...".
 */
function introSentences(src: AnalysedSource): ProseSentence[] {
  for (const p of src.intro ?? []) {
    const raws = rawSentences(p.text).filter((t) => !isFiller(ensureStop(t)));
    if (!raws.length || ASIDE.test(p.text) || !opens(raws[0]) || USAGE_PROSE.test(raws[0]) || DOCS_PROSE.test(raws[0])) continue;
    return raws.map((raw) => ({ text: ensureStop(raw), at: { path: src.candidate.path, line: p.line }, near: true, alone: true, aside: false }));
  }
  return [];
}

/**
 * Words that name the use case's distinctive API in prose: the distinctive tokens of its name
 * (`save_gguf` → gguf, `GRPOTrainer` → grpo, trainer; a verb or a stop word is no term) and the
 * resource it acts on (`client.models.list` → models).
 */
function anchorTerms(anchor: string): string[] {
  const parts = anchor.replace(/\(\)/g, '').split('.').filter((p) => /^[A-Za-z_]\w*$/.test(p));
  const last = parts[parts.length - 1] ?? '';
  const own = tokens(last).filter((t) => !VERBS[t] && !STOP_TOKENS.has(t));
  const resource = parts.slice(1, -1).filter((p) => !/^(beta|v\d+)$/i.test(p)).flatMap((p) => tokens(p));
  // The class a method is called on names the API too (`Runner.run` → runner); a variable does not.
  const owner = parts.length > 1 && /^[A-Z]/.test(parts[0]) ? tokens(parts[0]).filter((t) => !VERBS[t] && !STOP_TOKENS.has(t)) : [];
  return [...new Set([...own, ...resource, ...owner])].filter((t) => t.length >= 3);
}

/**
 * Does a sentence name one of the terms (a word starting with it: `GRPOTrainer` names grpo)? `stems`: or
 * a word of five letters or more a term starts with ("a model" names `models`), of six or more without
 * its final e ("Accelerate supports ..." names `Accelerator`, "optimize" names `Optimizer`).
 */
function namesAnchor(sentence: string, terms: string[], stems = false): boolean {
  const words = tokens(sentence);
  const joined = sentence.toLowerCase().split(/[^a-z0-9_]+/);
  return terms.some((t) => words.includes(t) || words.includes(`${t}s`) || joined.some((w) => w.startsWith(t) || (stems && w.length >= 5 && t.startsWith(w.length >= 6 ? w.replace(/e$/, '') : w))));
}

/**
 * The sentence that introduces a use case's distinctive call in another of its sources than the lead
 * (README/docs sections and examples in the use case's order, never a test): the first one standing
 * alone next to code that makes the call and naming it.
 */
function otherIntroduction(sources: AnalysedSource[], lead: AnalysedSource | undefined, anchor: string, terms: string[]): ProseSentence | undefined {
  for (const s of sources) {
    if (s === lead || s.candidate.kind === 'test' || !s.calls.some((c) => c.callee === anchor)) continue;
    const found = proseSentences(s).find((p) => p.near && p.alone && !p.aside && !p.after && namesAnchor(p.text, terms, true));
    if (found) return found;
  }
  return undefined;
}

/**
 * Overview, Description and Usage: the prose that introduces the use case (the paragraphs around a
 * README/docs section's code, an example's module docstring, a RepoMap Purpose; never a test's, which
 * says what the test checks), the distinctive API's docstring, where it is shown, and for Usage what the
 * user brings (the literals its first load and data steps take) and what comes out (files the save steps
 * write, values the last step returns); when the sources say none of that, what the library's signatures
 * say: the first step's required parameters, the last step's declared return type. A part with nothing to
 * say stays empty rather than a formula.
 */
export function workflowTrace(sources: AnalysedSource[], steps: Step[], anchor: string, title: string, purposes: Map<string, string>, readme?: ReadmeTerms): { overview: TextTrace[]; description: TextTrace[]; usage: TextTrace[] } {
  // The representative source that is no test introduces the use case; another source's prose is
  // about another section. A RepoMap Purpose speaks of a whole file: a script's, not a README's.
  const leadSrc = sources.find((s) => s.candidate.kind !== 'test');
  const prose = leadSrc ? proseSentences(leadSrc) : [];
  const purposeSrc = leadSrc && !prose.length && !leadSrc.candidate.id.includes('#') && !/\.(md|mdx|rst)$/i.test(leadSrc.candidate.path) ? leadSrc : undefined;
  const purpose = purposeSrc ? purposes.get(purposeSrc.candidate.path) : undefined;
  const anchorCall = steps.flatMap((s) => s.calls).find((c) => c.call.callee === anchor)?.call;
  const doc = anchorCall ? ownDoc(anchorCall) : undefined;
  const docAt: Place | undefined = anchorCall?.definition ? { path: anchorCall.definition.span.path, line: anchorCall.definition.span.start } : undefined;
  const docSentences = doc && docAt ? paragraphSentences(doc) : [];

  // Overview: a sentence of the prose that introduces the code (one naming the use case's API first),
  // else the RepoMap Purpose, else the API's own docstring, else the section's earlier prose.
  const overview: TextTrace[] = [];
  const terms = anchorTerms(anchor);
  // A script's docstring opens with what the script is; a README section's paragraph that names the
  // use case's API is the one that introduces it.
  const script = !!leadSrc && !leadSrc.candidate.id.includes('#');
  // Only a sentence that stands alone opens the page ("Or an entire folder." does not): else the API's own words.
  const alone = prose.filter((p) => p.alone && !p.aside);
  // (The paragraph after the code says what follows it, "For LAN access, add `-H 0.0.0.0`": it opens the
  // page only when neither the section nor the API says more, below.)
  // A section's paragraph that names no part of the API is about what surrounds the code (an API key,
  // the async variant of the client): the API's own docstring says what the use case does, when its
  // first sentence can open a page.
  // (An API named by a verb alone, `endpoint.wait`, gives no term to look for: the paragraph stays first.)
  const naming = script ? undefined : alone.find((p) => p.near && !p.after && namesAnchor(p.text, terms, true));
  const docOpens = !script && terms.length > 0 && docSentences.length > 0 && opens(docSentences[0]);
  const first = naming ?? (docOpens ? undefined : alone.find((p) => p.near && !p.after));
  let intro: ProseSentence[] = [];
  if (first) overview.push({ text: first.text, from: 'prose', at: first.at });
  else if (purpose && purposeSrc) overview.push({ text: ensureStop(firstSentences(plainProse(purpose), 1)), from: 'literal', at: { path: purposeSrc.candidate.path, line: purposeSrc.candidate.line } });
  else if (docSentences.length) overview.push({ text: docSentences[0], from: 'docstring', at: docAt! });
  else if (alone.length) {
    const earlier = alone.find((p) => !p.after) ?? alone[0];
    overview.push({ text: earlier.text, from: 'prose', at: earlier.at });
  } else {
    // Nothing said and no docstring of the distinctive API (another library's `model.generate`): the
    // first sentence of a milestone step's docstring of the library's own that says what the workflow's
    // name says (PEFT_Model_Inference_Loading: `PeftModel.from_pretrained`, "Instantiate a PEFT model from
    // a pretrained model and loaded PEFT weights."; not the client made first, nor SFT_Training's save),
    // else the Overview stays empty.
    const named = tokens(title).filter((t) => t.length >= 3 && !STOP_TOKENS.has(t));
    const fitting = steps
      .filter((st) => MILESTONE_ROLES.has(st.role))
      .map((st) => st.calls[0].call)
      .flatMap((c) => {
        const text = c.resolution.kind === 'repo' && c.definition ? ownDoc(c) : undefined;
        const sentence = text ? paragraphSentences(text)[0] : undefined;
        return sentence && namesAnchor(sentence, named) ? [{ sentence, at: { path: c.definition!.span.path, line: c.definition!.span.start } }] : [];
      })[0];
    if (fitting) overview.push({ text: fitting.sentence, from: 'docstring', at: fitting.at });
    // Else, on the page's first example, what the page opens with ("X is a library for ...").
    else if (leadSrc) {
      intro = introSentences(leadSrc);
      if (intro.length) overview.push({ text: intro[0].text, from: 'prose', at: intro[0].at });
    }
    // Else the prose of the next source that shows the use case and names its distinctive call: a README
    // section that is only code is followed by the docs page that introduces the call ("Instructor makes it
    // easy to analyse and extract semantic information from PDFs ..." for `PDF.from_url`).
    const shown = overview.length ? undefined : otherIntroduction(sources, leadSrc, anchor, terms);
    if (shown) overview.push({ text: shown.text, from: 'prose', at: shown.at });
    // Else the summary the page's front matter gives (`description: Learn how to establish simple and
    // advanced retry strategies ...`): the maintainers' words for what the page the section is on shows
    // (after another source's words on the distinctive call: a page's summary speaks of the whole page).
    const summary = !overview.length && leadSrc?.pageSummary ? firstSentences(plainProse(leadSrc.pageSummary.text), 1) : undefined;
    if (summary && opens(summary) && !isFiller(ensureStop(summary))) overview.push({ text: ensureStop(summary), from: 'prose', at: { path: leadSrc!.candidate.path, line: leadSrc!.pageSummary!.line } });
    // Last, the distinctive API's docstring even when it only restates the API's name ("Create a Message
    // stream." of `client.messages.stream`): the maintainers' words, better than an empty Overview.
    const restated = !overview.length && anchorCall ? paragraphSentences(ownDoc(anchorCall, true) ?? '')[0] : undefined;
    if (restated && docAt && restated.split(/\s+/).length >= MIN_RESTATING_WORDS) overview.push({ text: restated, from: 'docstring', at: docAt });
    // Else the README's definition of the term it names the use case by (alignment-handbook's scripts
    // have no docstring but a command line; its README lists "Odds Ratio Preference Optimisation (ORPO):
    // a technique to fine-tune language models with human preferences, ...").
    // (The term of the distinctive call, or of a call its step makes it with: `DPOTrainer` of `trainer.train()`.)
    const own = steps.find((st) => st.calls.some((c) => c.call.callee === anchor))?.calls.map((c) => c.call.callee) ?? [];
    const mentioned = overview.length ? [] : [anchor, ...own].map((api) => mentionOf(api, readme)?.replace(/`/g, '').toLowerCase());
    const defined = mentioned.map((t) => (t ? readme?.definitions?.find((d) => d.term.toLowerCase() === t) : undefined)).find(Boolean);
    if (defined && readme?.path) overview.push({ text: ensureStop(plainProse(defined.text)), from: 'prose', at: { path: readme.path, line: defined.line } });
    // Else, for a later part of a section, the paragraph under the section's heading.
    const lead = !overview.length && leadSrc?.sectionLead ? proseSentences({ ...leadSrc, paragraphs: leadSrc.sectionLead }).find((p) => p.alone && !p.aside) : undefined;
    if (lead) overview.push({ text: lead.text, from: 'prose', at: lead.at });
  }

  const description: TextTrace[] = [];
  // How to run it is the Usage's.
  // Paragraph by paragraph: a paragraph starts with a sentence that stands alone (the ones before it go on
  // from text the page does not show; "To load a PEFT model for inference." leads to other code), and its
  // next sentences go on from that one.
  let paragraph: number | undefined;
  for (const p of prose) {
    if (description.length >= 3) break;
    if (!p.near || USAGE_PROSE.test(p.text) || points(p.text)) continue;
    if (!p.alone && p.at.line !== paragraph) continue;
    // A note follows what it is a note to.
    if (p.aside && !description.length) continue;
    paragraph = p.at.line;
    description.push({ text: p.text, from: 'prose', at: p.at });
  }
  if (!description.length && alone.length) description.push({ text: alone[0].text, from: 'prose', at: alone[0].at });
  // The opening paragraph's next sentences go on from the Overview's.
  if (!description.length) description.push(...intro.slice(1, 3).map((p) => ({ text: p.text, from: 'prose' as const, at: p.at })));
  if (!prose.length && purpose && purposeSrc) description.push({ text: ensureStop(firstSentences(plainProse(purpose), 3)), from: 'literal', at: { path: purposeSrc.candidate.path, line: purposeSrc.candidate.line } });
  // The docstring's sentences the Overview has not said already.
  const said = overview[0]?.from === 'docstring' ? 1 : 0;
  const more = docSentences.slice(said, said + 2);
  if (more.length && !description.some((d) => d.text === more[0])) description.push({ text: `${code(anchor)}: ${more.join(' ')}`, from: 'docstring', at: docAt! });
  const where = sources.map((s) => (s.candidate.kind === 'readme' || s.candidate.kind === 'docs' ? `${s.candidate.path} (${s.candidate.heading ?? `line ${s.candidate.line}`})` : s.candidate.path));
  description.push({ text: `Shown in ${where.length > 6 ? `${where.slice(0, 6).join(', ')} and ${where.length - 6} more` : joinList(where)}.`, from: 'connective' });

  const usage: TextTrace[] = [];
  // How to run it, in the prose's own words ("Run `python train.py --help` for all options.").
  for (const p of prose.filter((x) => x.near && USAGE_PROSE.test(x.text)).slice(0, 2)) usage.push({ text: p.text, from: 'prose', at: p.at });
  // What the user brings: string literals the first steps take (a model name, a dataset, the task an
  // agent runs), one sentence per step at its call; loads and data first, other steps when those name none.
  // (Not a save: what it writes is said below.)
  const brings = (s: Step) => Object.values(s.calls[0].call.argValues ?? {}).some((v) => /^["'`][^"'`]{2,}["'`]$/.test(v));
  const inputs = steps.slice(0, 3).filter((s) => s.role === 'load' || s.role === 'prepare_data');
  for (const s of inputs.some(brings) ? inputs : steps.slice(0, 3).filter((x) => x.role !== 'save')) {
    const c = s.calls[0].call;
    const literals = Object.entries(c.argValues ?? {}).filter(([, v]) => /^["'`][^"'`]{2,}["'`]$/.test(v));
    const named = literals.slice(0, 3).map(([k, v]) => `${code(v.slice(1, -1))}${/^[A-Za-z_]\w*$/.test(k) ? ` (${k})` : ''}`);
    if (named.length) usage.push({ text: `${s.title} takes ${joinList(named)}.`, from: 'literal', at: place(c) });
  }
  // What comes out: paths the save steps write, values the last step returns.
  const writes: TextTrace[] = [];
  for (const s of steps.filter((x) => x.role === 'save')) {
    const c = s.calls[0].call;
    const v = Object.values(c.argValues ?? {}).find((x) => /^["'`][^"'`]{2,}["'`]$/.test(x));
    if (v) writes.push({ text: `${s.title} writes ${code(v.slice(1, -1))}.`, from: 'literal', at: place(c) });
  }
  usage.push(...writes);
  // The last step's result, unless a later call only works on it (`trainer` then `trainer.train()`).
  const last = steps[steps.length - 1].calls[0] as StepCall;
  // (Any later call of the library or another package counts, a step or not: `trainer.train()` of another
  // library, `gateway` handed to the model it makes; not printing it, which shows what came out.)
  const later = [...steps.flatMap((s) => s.calls.map((x) => x.call)), ...(leadSrc?.calls ?? []).filter((x) => x.resolution.kind === 'repo' || x.resolution.kind === 'external')];
  const consumed = (v: string) => later.some((x) => x !== last.call && (x.callee.startsWith(`${v}.`) || x.uses.includes(v)) && x.site.start >= last.call.site.start && x.site.path === last.call.site.path);
  // (A variable whose name only says it holds a value, `result`, `response`, `out2`, names nothing: what
  // the library declares the call returns says more, below.)
  const kept = last.call.assignedTo.filter((v) => !consumed(v));
  const results = kept.filter((v) => tokens(v).some((t) => !VALUE_WORDS.has(t) && !/^\d+$/.test(t)));
  if (!writes.length && results.length) usage.push({ text: `It ends with ${joinList(results.map(code))} from ${code(last.call.callee)}.`, from: 'dataflow', at: place(last.call) });
  // A path that starts with a command: what it runs, with the options the example gives it (what the
  // user brings to it), after the prose.
  const usageSaid = usage.length > 0;
  const run = commandRun(steps);
  if (run?.options) usage.splice(usage.filter((t) => t.from === 'prose').length, 0, run.trace);
  // Nothing else said by the sources: the library's own signatures say what the first step needs and
  // what the last one returns (each at its definition); a command run with no option is said when they
  // say nothing of it.
  if (!usageSaid && !run?.options) {
    const needs = signatureNeeds(steps);
    usage.push(...(run && !needs.length ? [run.trace] : []), ...needs, ...signatureReturns(steps));
  } else if (!usageSaid || (!writes.length && kept.length && !results.length)) usage.push(...signatureReturns(steps));
  return { overview, description, usage };
}

/**
 * The first step's command: the program it runs (with its subcommand) and the options the example passes
 * (at most four named), and how many options it passes.
 */
function commandRun(steps: Step[]): { trace: TextTrace; options: number } | undefined {
  const first = steps[0]?.calls[0]?.call;
  if (!first?.command) return undefined;
  const options = [...new Set(first.argNames.filter((a) => /^--?[A-Za-z]/.test(a)))];
  const named = options.slice(0, 4).map(code);
  if (options.length > named.length) named.push(`${options.length - named.length} more option${options.length - named.length > 1 ? 's' : ''}`);
  const command = [first.command.program, ...first.command.words].join(' ');
  return { trace: { text: `${steps[0].title} runs ${code(command)}${named.length ? ` with ${joinList(named)}` : ''}.`, from: 'call', at: place(first) }, options: options.length };
}

/** Parameters a call must be given: no default, not the receiver, not `*args`/`**kwargs`. */
const required = (d: Definition) => d.params.filter((p) => p.default === undefined && !/^(self|cls)$/.test(p.name) && !p.name.startsWith('*') && /^[A-Za-z_$][\w$]*$/.test(p.name));

/** The input state from the library's signatures: what the first step's call needs (its required parameters). */
function signatureNeeds(steps: Step[]): TextTrace[] {
  const first = steps[0]?.calls[0]?.call;
  const needs = first?.definition ? required(first.definition).slice(0, 4) : [];
  if (!first?.definition || !needs.length) return [];
  return [{ text: `${steps[0].title} needs ${joinList(needs.map((p) => code(p.name)))} (${code(first.callee)}).`, from: 'parameters', at: { path: first.definition.span.path, line: first.definition.span.start } }];
}

/** The desired output from the library's signatures: what the last step's call returns (its declared type). */
function signatureReturns(steps: Step[]): TextTrace[] {
  const out: TextTrace[] = [];
  const last = steps[steps.length - 1]?.calls[0]?.call;
  // (Not a command's: its handler returns an exit status.)
  // (Nor a decorator's: it returns the wrapper it puts around the user's function.)
  const returns = last?.definition?.kind !== 'class' && !last?.command && !last?.decorator ? last?.definition?.returns?.trim() : undefined;
  // (Nor a type that says nothing of what comes out by a name: VAGUE_RETURN_TYPE.)
  if (last?.definition && returns && !VAGUE_RETURN_TYPE.test(returns) && returns.length <= 60) {
    out.push({ text: `It ends with what ${code(last.callee)} returns: ${code(returns)}.`, from: 'parameters', at: { path: last.definition.span.path, line: last.definition.span.start } });
  }
  return out;
}

/** Sentences joined into one text. */
export function textOf(trace: TextTrace[]): string {
  return trace.map((t) => t.text).join(' ');
}
