// What the README's prose names (a text scan: discovery already parsed the README for its code blocks): the terms a maintainer writes for the library's use cases (GRPO, GGUF,
// PEFT, DeepSpeed) and the APIs it names in code spans (`notebook_launcher`). A use case whose distinctive
// API the front page names ranks higher than one it never mentions (rank.ts).
import { stemOf } from './names.js';

/** Terms of the README's prose (code blocks left out), lowercased. */
export interface ReadmeTerms {
  /** Words written as terms, lowercased → as first written: all capitals (GRPO, GGUF) or inner capitals (LoRA, DeepSpeed). */
  terms: Map<string, string>;
  /** Identifiers written in code spans (`notebook_launcher`, `GRPOTrainer`), each dotted part too. */
  code: Set<string>;
  /**
   * Features a list item opens with in bold ("1. [**Guardrails**](...): safety checks ..."): the README's
   * list of what the library does. Each as written, with its words' stems.
   */
  features?: { name: string; stems: string[] }[];
  /**
   * List items that define a term ("**Direct preference optimisation (DPO):** a powerful alternative to
   * PPO."): the term (its abbreviation in parentheses, else the bold lead), the item's text as written and
   * its line (1-based), for a use case the rest of the README never introduces (texts.ts).
   */
  definitions?: { term: string; text: string; line: number }[];
  /** The README's path, where `definitions` stand. */
  path?: string;
}

/** A list item opening with a bold term and its definition: "**Lead (ABBR):** text" or "**Lead**: text". */
const DEFINITION = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\*\*([^*\n]{2,120}?)(:?)\*\*(:?)[ \t]+(\S[^\n]{10,})$/gm;

/** The README's definitions of terms (ReadmeTerms.definitions); `prose` keeps the README's lines. */
function definitionsOf(prose: string): { term: string; text: string; line: number }[] {
  const out: { term: string; text: string; line: number }[] = [];
  for (const m of prose.matchAll(DEFINITION)) {
    if (!m[2] && !m[3]) continue;
    const lead = m[1].trim();
    const abbr = /\(([A-Z][A-Za-z0-9-]{1,15})\)\s*$/.exec(lead)?.[1];
    const line = prose.slice(0, m.index).split('\n').length;
    out.push({ term: abbr ?? lead, text: `${lead}: ${m[4].trim()}`, line });
  }
  return out;
}

/** Words a feature name joins its terms with ("Agents as tools", "Human in the loop"). */
const FEATURE_GLUE = new Set(['a', 'an', 'the', 'of', 'to', 'for', 'with', 'and', 'or', 'in', 'on', 'as', 'by', 'your']);
/** At most this many words: a longer bold lead is a sentence, not the name of a feature. */
const FEATURE_WORDS = 3;

/** The bold leads of the README's list items, split at `/` ("Agents as tools / Handoffs" is two). */
function featuresOf(prose: string): { name: string; stems: string[] }[] {
  const out: { name: string; stems: string[] }[] = [];
  for (const m of prose.matchAll(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[?\*\*([^*\n]{1,400})\*\*/gm)) {
    // A package or an API in bold (`@scope/server`) is code, not the name of a feature.
    if (m[1].includes('`')) continue;
    const text = m[1].replace(/\]\([^)\n]*\)/g, '').replace(/[[\]`]/g, '');
    for (const part of text.split('/')) {
      const name = part.trim().replace(/[:.]$/, '');
      const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
      const content = words.filter((w) => !FEATURE_GLUE.has(w.toLowerCase()));
      if (!content.length || content.length > FEATURE_WORDS || content.some((w) => w.length < 3)) continue;
      out.push({ name, stems: content.map(stemOf) });
    }
  }
  return out;
}

/** `projectWords`: the project's own name (PEFT, TRL) is no term: every API of the project shares it. */
export function readmeTerms(text: string, projectWords: string[] = []): ReadmeTerms {
  const own = new Set(projectWords.map((w) => w.toLowerCase()));
  // Fenced blocks are code, not prose; inline code spans are kept apart. (The end of the text is
  // `(?![\s\S])`: under the `m` flag `$` is the end of any line, and a block then lost all but its first
  // line to the prose while its closing fence opened a "block" that ate the prose after it.)
  const fence = /^( {0,3})(`{3,}|~{3,})[^\n]*(?:\n[\s\S]*?)??(?:\n {0,3}\2[`~]*[ \t]*(?=\n|(?![\s\S]))|(?![\s\S]))/gm;
  const prose = text.replace(fence, '\n');
  const code = new Set<string>();
  for (const m of prose.matchAll(/`([^`\n]{1,200})`/g)) {
    for (const id of m[1].matchAll(/[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g)) {
      code.add(id[0].toLowerCase());
      for (const part of id[0].split('.')) code.add(part.toLowerCase());
    }
  }
  // Words only: code spans, HTML tags and link targets left out.
  const words = prose.replace(/`[^`\n]*`/g, ' ').replace(/<[^>\n]*>/g, ' ').replace(/\]\([^)\n]*\)/g, ']');
  const terms = new Map<string, string>();
  for (const [w] of words.matchAll(/[A-Za-z][A-Za-z0-9]{2,}/g)) {
    const allCaps = /^[A-Z0-9]+$/.test(w) && /[A-Z].*[A-Z]/.test(w);
    const innerCaps = /[A-Z]/.test(w.slice(1)) && /[a-z]/.test(w);
    if ((allCaps || innerCaps) && !own.has(w.toLowerCase()) && !terms.has(w.toLowerCase())) terms.set(w.toLowerCase(), w);
  }
  // (Definitions keep their lines: each block is blanked to its line breaks.)
  return { terms, code, features: featuresOf(prose), definitions: definitionsOf(text.replace(fence, (b) => b.replace(/[^\n]/g, ''))) };
}

/**
 * What of an API the README names: the API itself in a code span, else a part of its name the README
 * writes as a term (`GRPOTrainer` → GRPO, `save_pretrained_gguf` → GGUF). Undefined when it names none.
 */
export function mentionOf(api: string, readme: ReadmeTerms | undefined): string | undefined {
  if (!readme) return undefined;
  const inCode = codeMentionOf(api, readme);
  if (inCode) return inCode;
  // Parts: snake_case pieces, then camel-case words with acronym runs kept whole (GRPOTrainer → GRPO, Trainer).
  const parts = nameParts(api);
  const hit = parts.find((p) => p.length >= 3 && readme.terms.has(p.toLowerCase()));
  return hit ? readme.terms.get(hit.toLowerCase()) : undefined;
}

/** The README's code names the API: `Class.method` by its class (`UNet2DModel.from_pretrained`: a loader every class has says nothing of the use case); `obj.method` and `function` by their own name. */
export function codeMentionOf(api: string, readme: ReadmeTerms | undefined): string | undefined {
  const chain = api.replace(/\(.*$/s, '').split('.');
  const cls = chain.length > 1 ? chain.slice(0, -1).reverse().find((p) => /^[A-Z]/.test(p)) : undefined;
  const name = cls ?? chain[chain.length - 1] ?? '';
  return readme && name.length >= 3 && readme.code.has(name.toLowerCase()) ? `\`${name}\`` : undefined;
}

/** The words of an API's name (`Class.method` by its class), snake_case and camel-case pieces. */
function nameParts(api: string): string[] {
  const chain = api.replace(/\(.*$/s, '').split('.');
  const cls = chain.length > 1 ? chain.slice(0, -1).reverse().find((p) => /^[A-Z]/.test(p)) : undefined;
  const name = cls ?? chain[chain.length - 1] ?? '';
  return name.split('_').flatMap((p) => p.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z0-9]+/g) ?? []);
}

/**
 * The feature of the README's list whose every word the API's name spells, its last word among them (the
 * name is a kind of the feature: `input_guardrail` for "Guardrails", `SandboxAgent` for "Sandbox agents";
 * `getSessionId` is no session): the first such feature, undefined when none.
 */
export function featureOf(api: string, readme: ReadmeTerms | undefined): string | undefined {
  if (!readme?.features?.length) return undefined;
  const parts = nameParts(api).map(stemOf);
  const stems = new Set(parts);
  const head = parts[parts.length - 1];
  return readme.features.find((f) => f.stems.includes(head) && f.stems.every((w) => stems.has(w)))?.name;
}
