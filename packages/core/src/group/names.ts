// Page-name rules (clarification 7): Workflow/Principle names `[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*`,
// Implementation names keep the identifier's case, `[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*`.
import { ACRONYMS, E_PLURALS, NAME_DANGLING, NAME_FILLER, NOT_PLURAL, TO_WORDS } from '../heuristics/tables.js';
import { GoldpathError } from '../model.js';

export const WORKFLOW_NAME_RE = /^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;
export const IMPLEMENTATION_NAME_RE = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;

/** Known terms spelt with inner capitals (LoRA, MoE): one word each, not split at their capitals. */
const MIXED_CASE_TERM = new RegExp(
  `(${Object.values(ACRONYMS)
    .filter((a) => /[a-z]/.test(a) && /[A-Z]/.test(a))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .join('|')})(?![a-z])`,
  'g',
);

/**
 * The project's own name as its README spells it (`SetFit`, `LeRobot`; group/brands.ts), for the naming
 * done inside `withBrands`: one word like the known mixed-case terms (`SetFitModel` → SetFit Model, not
 * Set Fit Model, whose "Set" reads as a verb), and spelt so (`lerobot-train` → LeRobot).
 */
interface Brands {
  key: string;
  spelling: Map<string, string>;
  term?: RegExp;
  /** The project's names, lower case, letters and digits only (`ollama`, `openai`): a class so named is its client. */
  projects: Set<string>;
}
const NO_BRANDS: Brands = { key: '', spelling: new Map(), projects: new Set() };
let brands = NO_BRANDS;

/**
 * Runs `naming` (synchronous: nothing else runs until it returns) with the project's brands in force.
 * Every naming pass of a run goes through here, so concurrent runs in one process never see each
 * other's brands.
 */
export function withBrands<T>(spellings: readonly string[], naming: () => T, projectNames: readonly string[] = []): T {
  const before = brands;
  const words = [...new Set(spellings)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // (A scoped package is named by its last part: `@pinecone-database/pinecone` is pinecone.)
  const projects = [...new Set(projectNames.flatMap((n) => [projectKey(n), projectKey(n.split('/').pop()!)]).filter((n) => n.length > 2))].sort();
  const key = `${words.join('|')}/${projects.join('|')}`;
  brands =
    words.length || projects.length
      ? { key, spelling: new Map(words.map((w) => [w.toLowerCase(), w])), ...(words.length ? { term: new RegExp(`(${words.join('|')})(?![a-z])`, 'g') } : {}), projects: new Set(projects) }
      : NO_BRANDS;
  try {
    return naming();
  } finally {
    brands = before;
  }
}

/** A word's known spelling: the project's brand, else a known term (`lora` → LoRA), with its version (`bertv2` → BERTv2, `gpt2` → GPT2). */
function spelled(lower: string): string | undefined {
  const known = brands.spelling.get(lower) ?? ACRONYMS[lower];
  if (known) return known;
  // An acronym's plural keeps its capitals: APIs, LLMs, GPUs.
  const plural = /^([a-z]{2,})s$/.exec(lower);
  if (plural && ACRONYMS[plural[1]]) return `${ACRONYMS[plural[1]]}s`;
  const v = /^([a-z]+?)(v?\d+)$/.exec(lower);
  const head = v ? (brands.spelling.get(v[1]) ?? ACRONYMS[v[1]]) : undefined;
  return head && v ? head + v[2] : undefined;
}

/** The brands in force (a memo of names made under them is good only while they are). */
export const brandsKey = (): string => brands.key;

const projectKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Is this the project's own name (`Ollama` in ollama, `OpenAI` in openai): a class so named is the SDK's client. */
export const isProjectName = (name: string): boolean => brands.projects.has(projectKey(name));

/**
 * Answers of the pure word splitters by text (and brands): the same callee is named at every call site
 * of every source (a tenth of a 10,000-example run was splitting the same few names again).
 */
const memos = new Map<string, { split: Map<string, string>; tokens: Map<string, readonly string[]> }>();
function memo(): { split: Map<string, string>; tokens: Map<string, readonly string[]> } {
  let m = memos.get(brands.key);
  if (!m) memos.set(brands.key, (m = { split: new Map(), tokens: new Map() }));
  return m;
}

/** Words of an identifier or phrase at case changes, known mixed-case terms kept whole (`LoRAConfig` → LoRA Config). */
export function splitCamel(text: string): string {
  const splits = memo().split;
  let out = splits.get(text);
  if (out === undefined) splits.set(text, (out = splitWords(text)));
  return out;
}

function splitWords(text: string): string {
  return (brands.term ? text.replace(brands.term, ' $1 ') : text)
    .replace(MIXED_CASE_TERM, ' $1 ')
    // A dimension is one word (`UNet2DModel` → UNet 2D Model, `Conv3d` → Conv 3d).
    .replace(/(\d[Dd])(?=[A-Z]|[^A-Za-z]|$)/g, ' $1 ')
    // "2" between two words is "to", part of one name (`Text2Image`, `Seq2Seq`, `Wav2Vec2`): kept whole.
    .replace(/([A-Za-z])2(?=([A-Z][a-z]+))/g, (m: string, a: string, next: string) => (TO_WORDS.has(next.toLowerCase()) ? `${a}\u00b2` : m))
    .split(' ')
    // An acronym keeps its last capital before a version (`BERTv2`: BERT v2 is one name, not BER Tv2);
    // a number keeps the capital that ends it (`GSM8K`, `Llama70B`), not one that starts a word (`T5Model`);
    // an acronym's plural is one word (`APIs`, `LLMsConfig`: not AP Is).
    .map((part) => (spelled(part.toLowerCase()) === part ? part : part.replace(/([a-z]|\d(?=[A-Z][a-z]))([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z](?!s(?![a-z]))[a-z])(?!\d)/g, '$1 $2')))
    .join(' ')
    .replace(/\u00b2/g, '2');
}

/** The word after a joining "2" is capitalised like the first: text2image → Text2Image, seq2seq → Seq2Seq. */
const capitalTo = (w: string) => w.replace(/([A-Za-z])2([a-z]+)/g, (m: string, a: string, b: string) => ([...TO_WORDS].some((t) => b.startsWith(t)) ? `${a}2${b.charAt(0).toUpperCase()}${b.slice(1)}` : m));

/** "model's" → "model", "don't" → "dont": an apostrophe joins a word, it does not start another ("Model_S"). */
function joinApostrophes(text: string): string {
  return text.replace(/([A-Za-z0-9])['\u2019]s\b/g, '$1').replace(/([A-Za-z0-9])['\u2019]([A-Za-z])/g, '$1$2');
}

/** A word's stem, lowercased, so that "Generating" spells `generate`, "Tools" `tool`, "Tracing" `trace`. */
export const stemOf = (w: string) => w.toLowerCase().replace(/(?:ing|ers?|es|e|s)$/, '');

/** Splits an identifier or phrase into lower-case word tokens (`FastModel.from_pretrained` → fast, model, from, pretrained). */
export function tokens(text: string): string[] {
  const known = memo().tokens;
  let out = known.get(text);
  if (out === undefined) {
    out = splitCamel(joinApostrophes(text))
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((t) => t.toLowerCase());
    known.set(text, out);
  }
  // A copy: callers may change the list they are given.
  return [...out];
}

/**
 * A collection's name in the singular (`files` → file, `entries` → entry, `batches` → batch, `caches` →
 * cache); a word that is no plural, or too short to tell, is kept.
 */
export function singular(token: string): string {
  if (token.length <= 3 || !token.endsWith('s') || NOT_PLURAL.test(token)) return token;
  if (/ies$/.test(token)) return token.slice(0, -3) + 'y';
  if (/(ch|sh|x|z|ss)es$/.test(token) && !E_PLURALS.test(token)) return token.slice(0, -2);
  return token.slice(0, -1);
}

/** One word in page-name style: known acronyms kept, else capitalised. */
export function word(token: string): string {
  const lower = token.toLowerCase();
  return spelled(lower) ?? capitalTo(lower.charAt(0).toUpperCase() + lower.slice(1));
}

/** A word written with inner capitals (`LoftQ`, `BCOTrainer`): a name, its capitals its own. */
const mixed = (w: string) => /[a-z][A-Z]|[A-Z]{2,}[a-z]/.test(w);

/** Words → `Upper_Words`; digits leading the name are dropped; undefined when nothing is left. */
export function pageName(words: string[]): string | undefined {
  const cleaned = words.map((w) => w.replace(/[^A-Za-z0-9]/g, '')).filter(Boolean);
  // A word the next one repeats, in the singular or as is, says nothing twice (Session_Sessions_Deletion).
  const same = (a: string, b: string) => [b, b.replace(/e?s$/, '')].includes(a.toLowerCase());
  const out = cleaned.filter((w, i) => i + 1 >= cleaned.length || !same(w, cleaned[i + 1].toLowerCase()));
  while (out.length && /^\d/.test(out[0])) {
    out[0] = out[0].replace(/^\d+/, '');
    if (!out[0]) out.shift();
  }
  if (!out.length) return undefined;
  // The first word is capitalised like the others, but an all-capitals one (an acronym: BCO) stays, and so
  // do the inner capitals of a name (LoftQ).
  // (A name starts with a capital even where its first word is spelled with a small one: gRPC → GRPC.)
  const name = out
    .map((w, i) => (i === 0 && !/^[A-Z][A-Z0-9]+$/.test(w) && !mixed(w) ? word(w) : spelled(w.toLowerCase()) ?? capitalTo(w.charAt(0).toUpperCase() + w.slice(1))))
    .map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join('_');
  return WORKFLOW_NAME_RE.test(name) ? name : undefined;
}

/** Words of a workflow name taken from text. */
const MAX_NAME_WORDS = 6;

/** A workflow name from free text (a heading, a Purpose, a file name), filler words dropped. */
export function workflowNameFrom(text: string): string | undefined {
  const ws = joinApostrophes(text)
    .replace(/\.(py|ipynb|md|markdown|mdx|rst|[cm]?[jt]sx?)$/i, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const kept = ws.filter((w) => !NAME_FILLER.has(w.toLowerCase()));
  // An identifier keeps its parts and their capitals (`BCOTrainer` → BCO_Trainer), a plain word is capitalised.
  // (Not into a lone letter: `LoftQ`, `ViTModel`, `gRPC` are one name each, not Loft_Q, Vi_T_Model, G_RPC.)
  const parts = (w: string) => {
    if (spelled(w.toLowerCase()) || !mixed(w)) return [w];
    const split = splitCamel(w).split(' ').filter(Boolean);
    return split.some((p) => /^[A-Za-z]$/.test(p)) ? [w] : split;
  };
  const cased = (w: string) => (spelled(w.toLowerCase()) ?? ((/^[A-Z0-9]{2,}$/.test(w) && /[A-Z]/.test(w)) || mixed(w) ? w.charAt(0).toUpperCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()));
  const all = kept.length ? kept : ws;
  // Too long for a name: the phrase before its first joining word ("Initializing weights with LoftQ by
  // replacing LoRA weights in-place" → Initializing_Weights_LoftQ), else the first six words.
  const join = all.findIndex((w, i) => i >= 2 && NAME_DANGLING.has(w.toLowerCase()));
  const words = all.length > MAX_NAME_WORDS && join > 0 && join <= MAX_NAME_WORDS ? all.slice(0, join) : all.slice(0, MAX_NAME_WORDS);
  // A joining word names nothing at the end of a name (what followed it was filler, or cut).
  while (words.length > 1 && NAME_DANGLING.has(words[words.length - 1].toLowerCase())) words.pop();
  return pageName(words.flatMap(parts).map(cased));
}

/** An implementation name from an identifier path, case kept: `Trainer.train` → `Trainer_train`. */
export function implementationName(text: string): string {
  const name = text
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '');
  return IMPLEMENTATION_NAME_RE.test(name) ? name : 'Unnamed';
}

/**
 * The one rule for a repository name, whatever its source (git remote, RepoMap file name, repository
 * URL, folder name): every character outside `[A-Za-z0-9]` becomes `_`, runs collapsed, ends trimmed
 * (`owner/name` → `owner_name`, `x]]{{y}}|z` → `x_y_z`). '' when nothing is left.
 */
export function repoNameFrom(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** repoNameFrom, undefined when nothing is left. */
export function repoNameOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : repoNameFrom(text) || undefined;
}

/** A name given by the user (`--name`) must already be what the rule makes of it; else it is refused. */
export function validateRepoName(name: string): string {
  if (name === '' || repoNameFrom(name) !== name) {
    throw new GoldpathError(`invalid --name "${name}": use letters, digits and single underscores (e.g. acme_tinytune)`);
  }
  return name;
}
