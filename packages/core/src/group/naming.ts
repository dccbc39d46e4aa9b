// Workflow names a maintainer would write, first found: the phase 0 suggestion that matches the use
// case, the README/docs heading that introduces it (when it names a task), the RepoMap Purpose or the
// notebook title of a source, then the distinctive API's domain (`GRPOTrainer` → GRPO_Training). Never a
// file-name fragment or a generic word.
import { ACTION_VERBS, ANSWERING_ROLES, AROUND_TRAINING_ROLES, BUILDING_ROLES, CLASS_SCAFFOLD_WORDS, COMMON_WORD_USE_CASES, CONCEPT_HEADING, EXCLUSIVE_ROLES, GENERIC_NAMES, GENRE_HEADING, HEADING_BRAG, HEADING_LEAD, HEADING_NUMBERING, MILESTONE_ROLES, NAME_FILLER, NAMING_ROLES, OPTIONS_HEADING, PAGE_TITLE_SHARE, PROBLEM_HEADING, REFERENCE_PAGES, START_HEADING, STOP_TOKENS, VERBS } from '../heuristics/tables.js';
import { pageName, splitCamel, tokens, workflowNameFrom } from './names.js';
import { callKey, isConstructor, isRepoCall, makesOnBuilt, nameCall, principleOf, sameStart, spellingOf, topicOption, type DraftStep } from './steps.js';
import type { UseCase } from './usecases.js';
import type { CallSite } from '../model.js';
import type { AnalysedSource } from './source.js';
import { mentionOf, readmeTerms } from './mentions.js';
import { namesOneValue, withOption } from './options.js';

export interface NamingHints {
  /** Phase 0 suggestions: name and files. */
  suggestions: { name: string; files: string[] }[];
  /** RepoMap Purpose by file. */
  purposes: Map<string, string>;
  /** Words of the project's own name: a heading that only names the project names no task. */
  projectWords?: string[];
  /** The project's own names (`dspy`, `pydantic-ai`): a heading's mention of the project names nothing of the task. */
  projectNames?: string[];
}

/**
 * A heading or title without the project's own name where a joining word hands it on ("in DSPy", "with
 * Pydantic AI", "using pydantic_ai": however it is spelt): "Use MCP Tools in DSPy" names the task
 * Use_MCP_Tools, not Use_MCP_Tools_DS (the name's last piece read as a file extension). Elsewhere the name
 * may be a word of the task (the `evaluate` library's "Evaluate a model").
 */
export function withoutProject(text: string, names: readonly string[] = []): string {
  let out = text;
  for (const name of names) {
    const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
    if (!words.length) continue;
    out = out.replace(new RegExp(`(?<![A-Za-z0-9])(?:in|with|using|via|for|from|on|by|and|to)\\s+${words.join('[\\s_-]*')}(?:['\u2019]s)?(?![A-Za-z0-9])`, 'gi'), ' ');
  }
  return out;
}

export interface ChosenName {
  name: string;
  /** `phase0`, `readme-heading`, `docs-heading`, `readme-prose`, `docs-prose`, `docs-title`, `purpose`, `notebook-title`, `api`, `steps`. */
  from: string;
  /** The higher-ranked use case's name this one would have, when nothing of its own tells it apart (it is numbered). */
  sameAs?: string;
  /** The use case's distinctive API as a reader sees it (shownAnchor): what the report and the texts speak of. */
  anchor: string;
}

/** A name and where it came from, before the use case's anchor is added. */
type NameChoice = Pick<ChosenName, 'name' | 'from'>;

/**
 * Names taken from headings and titles, however they are spelt: "@huggingface/inference examples" and the
 * page title "Hugging Face Inference" are one name (Huggingface_Inference, Hugging_Face_Inference).
 */
class Spellings {
  private readonly seen = new Set<string>();
  private static key = (n: string) => n.toLowerCase().replace(/_/g, '');
  has(n: string): boolean {
    return this.seen.has(Spellings.key(n));
  }
  add(n: string): void {
    this.seen.add(Spellings.key(n));
  }
}

/**
 * Names use cases in rank order; a phase 0 suggestion or a heading names only the first use case it fits,
 * and a name already taken gets the distinctive API's words.
 */
export function nameUseCases(useCases: UseCase[], hints: NamingHints): ChosenName[] {
  // How many of the use cases' sources each Markdown page has.
  const pages = new Map<string, number>();
  for (const u of useCases) for (const m of u.members) if (m.page) pages.set(m.candidate.path, (pages.get(m.candidate.path) ?? 0) + 1);
  const usedSuggestions = new Set<number>();
  const usedHeadings = new Spellings();
  const taken = new Map<string, UseCase>();
  const spoken = useCases.map((use) => ownAnchor(spokenAnchor(use)));
  const common = commonAnchorWords(spoken);
  return useCases.map((use, i) => {
    const u = spoken[i];
    const chosen = chooseName(u, hints, usedSuggestions, usedHeadings, pages, common);
    let name = chosen.name;
    const holder = taken.get(name);
    if (holder) {
      // A call with a topic option is the plain call's use case done that way: GRPO_Training_With_Tools;
      // else the distinctive API's own name.
      const way = withOption(u.anchorCall) ?? stepWay(u, holder);
      const api = apiName(u);
      if (way && !taken.has(`${name}_${way}`)) name = `${name}_${way}`;
      else name = api && !taken.has(api) && api !== name ? api : name;
      // What sets it apart from the use case that has the name: its most distinctive step that one lacks.
      const own = distinguishing(u, holder, (n) => taken.has(n));
      if (taken.has(name) && own) name = own;
      if (taken.has(name)) {
        for (let i = 2; taken.has(name); i++) name = `${chosen.name}_${i}`;
        taken.set(name, u);
        return { name, from: chosen.from, sameAs: chosen.name, anchor: anchorShown(use, u, chosen) };
      }
    }
    taken.set(name, u);
    return { name, from: chosen.from, anchor: anchorShown(use, u, chosen) };
  });
}

/**
 * The topic option a use case's steps pass that the use case holding its name does not (`DPOTrainer(...,
 * peft_config=...)` after DPOConfig, where DPO_Training trains without it): the plain use case done that way.
 */
function stepWay(u: UseCase, holder: UseCase): string | undefined {
  const theirs = new Set(holder.steps.flatMap((s) => s.calls.map(callKey)));
  const c = u.steps.flatMap((s) => s.calls).find((x) => topicOption(x) !== undefined && !theirs.has(callKey(x)));
  return c ? withOption(c) : undefined;
}

/**
 * A name made from the API shows the call it was made from (`spoken`: the one the representative's prose
 * names, when it does); another (a heading's, a title's) the mined use case's shownAnchor: a call the
 * prose mentions in passing ("can be loaded again with `from_pretrained`") is no topic of a page.
 */
const anchorShown = (mined: UseCase, spoken: UseCase, chosen: NameChoice) => (chosen.from === 'api' || chosen.from === 'steps' ? spoken.anchorCall : shownAnchor(mined)).callee;

/**
 * The distinctive API a reader is shown: the mined anchor when it is the library's (or another library's
 * trainer), else the library's step call that most members make, weighted by how distinctive it is. Mining
 * may anchor a use case on a call that is not the library's but that its sources share (calling the object
 * a factory returned, `pipeline(prompt)`); the page is about the library's API (`WanPipeline.from_pretrained`).
 */
export function shownAnchor(u: UseCase): CallSite {
  // Another library's trainer handed the library's model is the use case (SFTTrainer with a LoRA model).
  if (isRepoCall(u.anchorCall) || EXCLUSIVE_ROLES.has(nameCall(u.anchorCall).role)) return u.anchorCall;
  const w = u.weight ?? (() => 1);
  const support = new Map<string, number>();
  for (const m of u.members) for (const k of new Set(m.steps.flatMap((s) => s.calls.map(callKey)))) support.set(k, (support.get(k) ?? 0) + 1);
  const value = (c: CallSite) => (support.get(callKey(c)) ?? 0) * w(callKey(c));
  const own = u.steps.map((s) => s.calls[0]).filter((c) => isRepoCall(c) && w(callKey(c)) > 0);
  return own.sort((a, b) => value(b) - value(a) || (a.callee < b.callee ? -1 : a.callee > b.callee ? 1 : 0))[0] ?? u.anchorCall;
}

/**
 * The principle of the use case's most distinctive repository step (weight above 0) that the other use
 * case has no step for, when it is more than one word and no other use case has that name: Beta_Refusal_
 * Fallback_Usage beside Messages_Streaming, not a Messages_Streaming_2.
 */
function distinguishing(u: UseCase, other: UseCase, isTaken: (name: string) => boolean): string | undefined {
  const theirs = new Set(other.steps.flatMap((s) => [callKey(s.calls[0]), s.principle]));
  const w = u.weight ?? (() => 0);
  const step = u.steps
    .filter((s) => !theirs.has(callKey(s.calls[0])) && !theirs.has(s.principle) && !isTaken(s.principle) && w(callKey(s.calls[0])) > 0 && isRepoCall(s.calls[0]) && s.principle.includes('_') && !GENERIC_NAMES.has(s.principle.toLowerCase()))
    .sort((a, b) => w(callKey(b.calls[0])) - w(callKey(a.calls[0])) || (a.principle < b.principle ? -1 : a.principle > b.principle ? 1 : 0))[0];
  return step?.principle;
}

const NO_TERMS = new Map<string, string>();

/**
 * A use case mined on another library's call its sources share (`anyio.open_process` in every client
 * example of an SDK) is named after the library's API it shows (shownAnchor), as its page shows it.
 * Names only, like spokenAnchor.
 */
function ownAnchor(u: UseCase): UseCase {
  const shown = shownAnchor(u);
  return shown === u.anchorCall ? u : { ...u, anchor: callKey(shown), anchorCall: shown };
}

/**
 * The use case as its representative introduces it: a README/docs section whose prose names one of the
 * use case's steps (a function or method) in a code span (`wrapping the base model ... with
 * \`get_peft_model\``) is about that call, whatever call of its code is rarer (the `save_pretrained` it
 * ends with). Names only: the anchor that mining and ranking use stays.
 */
function spokenAnchor(u: UseCase): UseCase {
  const rep = u.members[0];
  if (!rep || (rep.candidate.kind !== 'readme' && rep.candidate.kind !== 'docs') || !rep.paragraphs?.length) return u;
  const code = readmeTerms(rep.paragraphs.map((p) => p.text).join('\n\n')).code;
  if (!code.size) return u;
  const w = u.weight ?? (() => 1);
  const own = new Set(rep.steps.flatMap((s) => s.calls.map(callKey)));
  const said = u.steps
    .map((s) => s.calls[0])
    .filter((c) => own.has(callKey(c)) && isRepoCall(c) && c.definition?.kind !== 'class' && nameCall(c).role !== 'other' && w(callKey(c)) > 0 && mentionOf(c.callee, { terms: NO_TERMS, code }) !== undefined);
  if (said.length !== 1 || callKey(said[0]) === u.anchor) return u;
  return { ...u, anchor: callKey(said[0]), anchorCall: said[0] };
}

/**
 * The words of a use case's distinctive API: its name as written and the class that defines it (`rt.send`
 * is OpenAIRealtimeWS's; not a command's handler class: `trl sft` runs TrainingCommand.run, which names no task).
 */
function anchorWordsOf(u: UseCase): string[] {
  const r = u.anchorCall.resolution;
  const owner = r.kind === 'repo' && !u.anchorCall.command && r.qualname.includes('.') ? r.qualname.split('.').slice(-2, -1)[0] : '';
  return [...new Set([...tokens(u.anchorCall.callee), ...tokens(owner)].filter((w) => !STOP_TOKENS.has(w) && w.length > 2))];
}

/** Words of the distinctive APIs of more than half the use cases (of COMMON_WORD_USE_CASES or more). */
function commonAnchorWords(useCases: UseCase[]): Set<string> {
  const count = new Map<string, number>();
  for (const u of useCases) for (const w of anchorWordsOf(u)) count.set(w, (count.get(w) ?? 0) + 1);
  return new Set(useCases.length < COMMON_WORD_USE_CASES ? [] : [...count].filter(([, n]) => n * 2 > useCases.length).map(([w]) => w));
}

function chooseName(u: UseCase, hints: NamingHints, usedSuggestions: Set<number>, usedHeadings: Spellings, pages: Map<string, number>, common: ReadonlySet<string>): NameChoice {
  const project = new Set((hints.projectWords ?? []).map((w) => w.toLowerCase()));
  const unbrand = (text: string) => withoutProject(text, hints.projectNames);
  const specific = (n: string | undefined) => {
    if (!n || GENERIC_NAMES.has(n.toLowerCase())) return undefined;
    // A lone action noun (Execution, Loading) names no task: which execution?
    if (!n.includes('_') && NOUNS.has(n.toLowerCase())) return undefined;
    const words = tokens(n).filter((w) => !project.has(w));
    return words.length ? n : undefined;
  };
  const paths = new Set(u.members.map((m) => m.candidate.path));
  const si = hints.suggestions.findIndex((s, i) => !usedSuggestions.has(i) && s.files.some((f) => paths.has(f)));
  if (si >= 0) {
    const n = specific(workflowNameFrom(hints.suggestions[si].name));
    if (n) {
      usedSuggestions.add(si);
      return { name: n, from: 'phase0' };
    }
  }
  // A heading that names the distinctive API's domain wins; a strong API name (a verb or a class role)
  // beats a heading that only says some task; then Purpose and notebook titles.
  const anchorWords = new Set(anchorWordsOf(u));
  // A heading of any member names the use case by a word of its own domain, not by one most use cases'
  // APIs share: the library's one object (loguru's `logger`) names none of them.
  const own = [...anchorWords].filter((w) => !common.has(w));
  const domainWords = own.length ? new Set(own) : anchorWords;
  // Not a reference page's: a migration guide's "experimental_transcribe renamed to transcribe" is about a
  // change of the API, an API reference's headings list its options.
  const docs = u.members.filter((m) => (m.candidate.kind === 'readme' || (m.candidate.kind === 'docs' && !REFERENCE_PAGES.test(m.candidate.path))) && m.candidate.heading);
  // A bare verb ("Launch", "Run"; "Sync" from "Basic sync" for `sync_bucket`: the API's own verb) says
  // what the reader does, not which task: no name.
  const anchorVerb = tokens(u.anchorCall.callee.split('.').pop() ?? '')[0];
  const bare = (name: string | undefined) => !!name && !name.includes('_') && (!!VERBS[name.toLowerCase()] || !!ACTION_VERBS[name.toLowerCase()] || name.toLowerCase() === anchorVerb);
  const fromHeading = (needAnchor: boolean): NameChoice | undefined => {
    for (const m of docs) {
      const heading = taskHeading(unbrand(m.candidate.heading!), domainWords, needAnchor);
      const n = heading && !bare(workflowNameFrom(heading)) ? specific(workflowNameFrom(heading)) : undefined;
      if (n && !usedHeadings.has(n)) {
        usedHeadings.add(n);
        return { name: n, from: `${m.candidate.kind}-heading` };
      }
    }
    return undefined;
  };
  // The title of the use case's first docs page, when the use case holds most of that page and the title
  // names a task ("Checkpointing", "Model merging"): the maintainers' own name for it. A page of many use
  // cases (a quick tour) names none of them; a title that only spells the API ("SFT Trainer") is an API name.
  const guide = u.members.find((m) => m.candidate.kind === 'docs');
  const onPage = guide ? u.members.filter((m) => m.candidate.path === guide.candidate.path).length : 0;
  const pageTitle = (ownPage = false): NameChoice | undefined => {
    // Both ways: most of the page is this use case, and most of the use case's README/docs sections are on
    // the page (unless the page is the representative's own: the most trusted source speaks for the use case).
    const title = guide?.page ? unbrand(guide.page) : undefined;
    if (!guide?.page || !title || onPage / (pages.get(guide.candidate.path) ?? 1) < PAGE_TITLE_SHARE || (!ownPage && onPage / docs.length < PAGE_TITLE_SHARE)) return undefined;
    const words = tokens(title).filter((w) => !NAME_FILLER.has(w) && !STOP_TOKENS.has(w) && !project.has(w));
    // As the title spells them: an acronym in capitals stays one ("Use PEFT and FSDP" → Use_FSDP).
    const spelt = new Map(splitCamel(title).split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => [w.toLowerCase(), w]));
    const n = words.length && !words.every((w) => spells(w, anchorWords)) && taskHeading(title, anchorWords, false, 'page') ? specific(workflowNameFrom(words.map((w) => spelt.get(w) ?? w).join(' '))) : undefined;
    if (!n || usedHeadings.has(n)) return undefined;
    usedHeadings.add(n);
    return { name: n, from: 'docs-title' };
  };
  const rep = u.members[0];
  // A use case that holds several sections of its representative's page is what the page is about: its
  // title names it before the one section's heading ("Create and share Model Cards", not "From a Jinja
  // Template"). It is the use case's own page when its sections there make no milestone of the library the
  // use case lacks (a page about drawing agent graphs whose example also hands off is not the handoff use case's).
  if (guide === rep && onPage >= 2) {
    const have = new Set(u.steps.flatMap((s) => s.calls.map(callKey)));
    const w = u.weight ?? (() => 1);
    const own = u.members.filter((m) => m.candidate.path === rep.candidate.path).every((m) => m.steps.every((st) => !isRepoCall(st.calls[0]) || w(callKey(st.calls[0])) <= 0 || have.has(callKey(st.calls[0]))));
    const titled = pageTitle(own);
    if (titled) return titled;
  }
  // The representative's own heading first (the section the use case was mined from), when it names the
  // distinctive API's domain; a heading that names some other task would mislabel a use case of many sources.
  if ((rep.candidate.kind === 'readme' || rep.candidate.kind === 'docs') && rep.candidate.heading && !namesOneWay(u, rep.candidate.heading)) {
    const many = u.members.length > 3;
    // The README's own sections name their task with an action noun too ("Coding agent", "Data extraction"
    // under "What are you building?"; see isActionNoun).
    const readme = rep.candidate.kind === 'readme';
    let heading = taskHeading(unbrand(rep.candidate.heading), anchorWords, many, readme ? 'readme' : undefined);
    // A README section speaks for its use case however many sources joined it, when its heading is more
    // than a bare action noun ("Deploy an LLM", "Launching training using DeepSpeed"; not "Launching script").
    const told = many && readme ? taskHeading(unbrand(rep.candidate.heading), anchorWords, false, 'readme') : undefined;
    if (!heading && told && (workflowNameFrom(told)?.split('_').length ?? 0) >= 2) heading = told;
    const n = heading && !bare(workflowNameFrom(heading)) ? specific(workflowNameFrom(heading)) : undefined;
    if (n && !usedHeadings.has(n)) {
      usedHeadings.add(n);
      return { name: n, from: `${rep.candidate.kind}-heading` };
    }
  }
  // The task its README/docs representative says it does ("To generate an image from text, use ...").
  const said = purposeClause(rep);
  const n = said ? specific(said) : undefined;
  if (n && !usedHeadings.has(n)) {
    usedHeadings.add(n);
    return { name: n, from: `${rep.candidate.kind}-prose` };
  }
  const titled = pageTitle();
  if (titled) return titled;
  const strong = nameCall(u.anchorCall).role !== 'other' ? (trainingName(u) ?? producerName(u) ?? servedName(u) ?? apiName(u)) : undefined;
  if (strong && specific(strong)) return { name: strong, from: 'api' };
  const named = fromHeading(true);
  if (named) return named;
  for (const m of u.members) {
    const p = hints.purposes.get(m.candidate.path);
    const n = p ? specific(workflowNameFrom(p)) : undefined;
    if (n) return { name: n, from: 'purpose' };
  }
  for (const m of u.members) {
    if (m.candidate.kind !== 'notebook' || !m.title) continue;
    const n = specific(workflowNameFrom(unbrand(m.title)));
    if (n) return { name: n, from: 'notebook-title' };
  }
  const api = apiName(u);
  if (api && specific(api)) return { name: api, from: 'api' };
  // A step that names what it acts on first (Agent_Setup before a bare Execution, or one named for the
  // object it is given: `runner.run(agent)`'s Agent_Execution), then any.
  for (const named of [true, false]) {
    for (const role of NAMING_ROLES) {
      const step = u.steps.find((s) => s.role === role && (!named || namesItsObject(s)));
      if (step) return { name: step.principle, from: 'steps' };
    }
  }
  return { name: u.steps[0]?.principle ?? 'Main', from: 'steps' };
}

/** A heading that names the value the anchor's topic option is set to, when members set others: one way of the use case. */
function namesOneWay(u: UseCase, heading: string): boolean {
  const option = topicOption(u.anchorCall);
  return option !== undefined && namesOneValue(heading, u.members.flatMap((m) => m.calls.filter((c) => callKey(c) === u.anchor)), option);
}

/** Content words a purpose clause's object may have ("an image from text": image, from, text). */
const MAX_PURPOSE_WORDS = 3;

/**
 * The task a README/docs section's introducing paragraph (the last one before its code) states in a
 * purpose clause, "To <verb> <object>, ...", when the verb is a milestone (generate, train, evaluate,
 * save: not "to get started", "to build your own system"): `To generate an image from text, use ...`
 * → Image_From_Text_Generation. Short objects only: a longer one is a sentence, not a name.
 */
function purposeClause(src: AnalysedSource | undefined): string | undefined {
  if (!src || (src.candidate.kind !== 'readme' && src.candidate.kind !== 'docs') || !src.paragraphs?.length) return undefined;
  const before = src.paragraphs.filter((p) => p.line <= src.candidate.line);
  const intro = before[before.length - 1];
  const m = intro && /(?:^|[.!?]\s+)To ([a-z]+) ([A-Za-z0-9 -]+?)\s*[,:]/.exec(intro.text);
  if (!m) return undefined;
  const verb = VERBS[m[1]];
  if (!verb || !MILESTONE_ROLES.has(verb.role)) return undefined;
  const words = m[2].split(/[\s-]+/).filter((w) => w && !NAME_FILLER.has(w.toLowerCase()));
  if (!words.length || words.length > MAX_PURPOSE_WORDS) return undefined;
  return workflowNameFrom([...words, verb.noun].join(' '));
}

/**
 * A use case that trains is a training, whatever its rarest call loads or saves (a fine-tuning script that
 * ends by pushing a GGUF is not "Hub GGUF Publishing"): named after its training step's call.
 */
function trainingName(u: UseCase): string | undefined {
  if (!AROUND_TRAINING_ROLES.has(nameCall(u.anchorCall).role)) return undefined;
  const train = u.steps.map((s) => s.calls.find((c) => nameCall(c).role === 'train' && (isRepoCall(c) || c.resolution.kind === 'external'))).find(Boolean);
  return train ? apiName({ ...u, anchor: callKey(train), anchorCall: train }) : undefined;
}

/**
 * A use case whose distinctive call reads the answer of another of its steps' calls (`stream.
 * finalChatCompletion()` on what `client.chat.completions.stream(...)` returned) is about the request
 * that made the answer: Chat_Completions_Streaming, not Final_Completion_Chat.
 */
function producerName(u: UseCase): string | undefined {
  const receiver = u.anchorCall.callee.includes('.') ? u.anchorCall.callee.split('.')[0] : '';
  if (!receiver || u.anchorCall.command) return undefined;
  // The call that assigned the receiver, or the chain it starts (`x = await a.stream(...).on(...)` assigns
  // through the chain's last call, written on the same line).
  const assigning = (u.members[0]?.calls ?? []).filter((c) => c.assignedTo.includes(receiver));
  // A request that names what it asks for (Chat Completions); a bare `run(agent, input)` says less than
  // the call that reads its answer (`stream.toTextStream()`: Text_Streaming, not a borrowed Text_Execution).
  const made = u.steps.map((s) => s.calls[0]).find((c) => c !== u.anchorCall && assigning.some((a) => sameStart(a, c)) && isRepoCall(c) && ANSWERING_ROLES.has(nameCall(c).role) && nameCall(c).object.length > 0);
  return made ? apiName({ ...u, anchor: callKey(made), anchorCall: made }) : undefined;
}

/**
 * A use case whose distinctive call builds an object of a class (a model, an agent) is about the milestone the
 * object serves, in its representative: the step the call is part of when that step runs, trains or
 * infers (`CodeAgent(...)` then `agent.run(...)`: Code_Agent_Execution, not Tool_Calling_Setup; a model
 * written into the agent's arguments), else the milestone step the object is handed to.
 */
function servedName(u: UseCase): string | undefined {
  // Only a class being built: a function that builds on its argument (`add_adapter(model, config)`) is a
  // milestone of its own, whatever the trainer does with its result next.
  if (!isConstructor(u.anchorCall) || !BUILDING_ROLES.has(nameCall(u.anchorCall).role)) return undefined;
  // A milestone that names what it acts on: a bare "Execution" (`run(agent, input)`) says less than the
  // object's own name (MCP_Server_Stdio_Setup).
  const milestone = (s: DraftStep) => MILESTONE_ROLES.has(s.role) && isRepoCall(s.calls[0]) && namesItsObject(s);
  const steps = u.members[0]?.steps ?? [];
  const own = steps.find((s) => s.calls.includes(u.anchorCall));
  if (own && milestone(own)) return own.principle;
  const made = u.anchorCall.assignedTo;
  // Handed on as an argument, not called on (`model.save_pretrained(...)` after `get_peft_model` saves the
  // model it made; it serves nothing).
  const handed = (c: CallSite, v: string) => c.uses.includes(v) && c.callee !== v && !c.callee.startsWith(`${v}.`);
  const served = steps.find((s) => s !== own && milestone(s) && s.calls.some((c) => made.some((v) => handed(c, v))));
  return served?.principle;
}

/**
 * Does a step's principle name what it acts on (Agent_Setup, not a bare Execution), by its own call? A
 * name borrowed from the object a run is given or called on (`Runner.run(agent)`, `engine.start()`:
 * Agent_Execution, Engine_Startup) says nothing that object's own step does not.
 */
const namesItsObject = (s: DraftStep) => s.principle.includes('_') && nameCall(s.calls[0]).object.length > 0;

/** The distinctive API's domain as a name: `GRPOTrainer` → GRPO_Training, `client.chat.stream` → Chat_Streaming. */
function apiName(u: UseCase): string | undefined {
  const means = handedOn(u);
  if (means) return principleOf(nameCall(means));
  const call = u.anchorCall;
  const n = nameCall(call);
  if (n.role === 'other' && !n.object.length) {
    // A verb of no milestone done to one of the library's objects (`pirateAgent.clone`, `state.reject`)
    // says what the use case does to it: Agent_Cloning, not a step's Agent_Creation.
    const owner = n.verbless ? undefined : ownerObject(call);
    return owner ? principleOf({ ...n, object: owner.object, spelling: { ...n.spelling, ...owner.spelling } }) : undefined;
  }
  // A bare noun (`Trainer` → Training) takes the object of the use case's next most distinctive call
  // (`add_adapter` → Adapter_Training); a bare command verb only from a variant of itself (`finetune` +
  // `finetune_lora` → LoRA_Finetuning), else its program's name (`accelerate launch` → Accelerate_Launch).
  if (!n.object.length) {
    // A method of the object another step builds, made in that step (`agent.run` in Run Code Agent): that step.
    const within = u.steps.find((s) => makesOnBuilt(s, u.anchor));
    if (within && MILESTONE_ROLES.has(within.role)) return within.principle;
    // A method of one of the library's classes acts on that class's object (`GradioUI(agent).launch` →
    // Gradio_UI_Launch), whatever other call is rarer (not Google_Search_Launch for the search tool the
    // agent is given).
    const owner = ownerObject(call);
    if (owner) return principleOf({ ...n, object: owner.object, spelling: { ...n.spelling, ...owner.spelling } });
    const w = u.weight ?? (() => 0);
    const others = u.steps
      .map((s) => s.calls[0])
      .filter((c) => callKey(c) !== u.anchor && isRepoCall(c) && (!call.command || nameCall(c).noun === n.noun))
      .sort(byDistinction(w));
    // Running is what every use case does: after a bare run (`Runner.run`, `run(agent)`), the next most
    // distinctive milestone that says what it does to what names the use case whole (`result.stream_events()`
    // → Events_Streaming, not a borrowed Events_Execution).
    const told = n.role === 'run' && !call.command ? others.map(nameCall).find((o) => o.object.length && !o.verbless && o.role !== 'run' && MILESTONE_ROLES.has(o.role)) : undefined;
    if (told) return principleOf(told);
    const object = others.map((c) => nameCall(c).object).find((o) => o.length);
    if (object) return principleOf({ ...n, object: object.slice(0, 2) });
    const program = call.command?.program.replace(/\.py$/, '').split('/').pop()?.split('.')[0];
    if (program) return principleOf({ ...n, object: tokens(program).slice(0, 2) });
  }
  // A verbless anchor whose result is kept (Get Tool Runner) is what the use case uses, not retrieves.
  return principleOf(n.verbless && n.verb === 'Get' ? { ...n, noun: 'Usage' } : n) ?? pageName(tokens(call.callee));
}

/** Content words of a class that names what its methods act on; more than this keep their first words and head noun. */
const MAX_OWNER_WORDS = 3;

/**
 * The class a bare-verb method is defined in, as the object it acts on (`Accelerator.backward` →
 * accelerator; `GroqChatLanguageModel.doGenerate` → groq, chat, model), unless the class is the verb's
 * own agent (`Runner.run`, `Trainer.train`, `Launcher.launch`: that says nothing more than the verb) or
 * only scaffolding (`Base`, `Mixin`). Not a command's handler (`trl sft` runs TrainingCommand.run).
 */
function ownerObject(call: CallSite): { object: string[]; spelling?: Record<string, string> } | undefined {
  const r = call.resolution;
  if (call.command || r.kind !== 'repo' || call.definition?.kind !== 'method') return undefined;
  const cls = r.qualname.split('.').slice(-2, -1)[0];
  if (!cls || !/^[A-Z][A-Za-z0-9]*$/.test(cls)) return undefined;
  const verb = tokens(call.callee.split('.').pop() ?? '')[0] ?? '';
  const root = wordRoot(verb);
  const words = tokens(cls).filter((w) => !CLASS_SCAFFOLD_WORDS.has(w));
  if (!words.length || root.length < 3 || words.some((w) => w.startsWith(root) || wordRoot(w) === root)) return undefined;
  const object = words.length > MAX_OWNER_WORDS ? [...words.slice(0, MAX_OWNER_WORDS - 1), words[words.length - 1]] : words;
  const spelling = spellingOf(cls);
  return { object, ...(spelling ? { spelling } : {}) };
}

/**
 * An anchor that builds an object the representative only hands to another call (a transport given to
 * `server.connect(transport)`, no method called on it) is how the use case runs, not what it does: the
 * use case's most distinctive other step of the library that builds nothing and is not given the object
 * names it (registerTool: Tool_Registration, not Stdio_Server_Transport_Setup nor the connection).
 */
function handedOn(u: UseCase): CallSite | undefined {
  const anchor = u.anchorCall;
  const rep = u.members[0];
  const v = anchor.assignedTo.length === 1 ? anchor.assignedTo[0] : undefined;
  if (!rep || !v || !isConstructor(anchor)) return undefined;
  // Handed to calls that run something, not to a constructor: an object given to build another (a plugin
  // to `Accelerator(fsdp_plugin=)`, an evaluator to a trainer, a toolset to an agent) configures it: the topic.
  const takers = rep.calls.filter((c) => c !== anchor && c.uses.includes(v));
  if (!takers.length || takers.some(isConstructor) || rep.calls.some((c) => c.callee.startsWith(`${v}.`))) return undefined;
  const w = u.weight ?? (() => 0);
  return u.steps
    .map((s) => s.calls[0])
    .filter((c) => {
      if (callKey(c) === u.anchor || c.uses.includes(v) || !isRepoCall(c) || isConstructor(c) || w(callKey(c)) <= 0) return false;
      const n = nameCall(c);
      return !n.verbless && n.role !== 'other';
    })
    .sort(byDistinction(w))[0];
}

/** Calls by how distinctive they are (their weight), the most first; ties by callee. */
const byDistinction = (w: (key: string) => number) => (a: CallSite, b: CallSite) => w(callKey(b)) - w(callKey(a)) || (a.callee < b.callee ? -1 : 1);

/**
 * Endings of a noun that names a doing (Checkpointing, Quantization, Deployment, Analysis): one such word
 * is a task. An `-al` noun only when it is a verb's (Retrieval, Removal, Refusal): Partials, Tutorial and
 * Global are no doing.
 */
const ACTION_NOUN = /(ing|ion|ment|ance|ence|sis)s?$/;
const actionNoun = (w: string) => {
  const al = /^([a-z]{3,})als?$/.exec(w)?.[1];
  return ACTION_NOUN.test(w) || (al !== undefined && [`${al}e`, al, al.replace(/i$/, 'y')].some((v) => !!VERBS[v] || !!ACTION_VERBS[v]));
};
const ARTICLES = new Set(['a', 'an', 'the']);

/** Content words a heading may have to be a workflow name; a longer heading is a sentence, not a name. */
const MAX_HEADING_WORDS = 5;

/**
 * The heading as a task name, or undefined when it names no task: it must say what is done (a verb or
 * its noun from VERBS: "Distributed evaluation", "Launching training") or name the use case's distinctive
 * API ("Big model inference" for `load_checkpoint_and_dispatch` needs "inference"), and be short. A lone
 * identifier ("SFTTrainer") is an API name: the API rule names it better. Numbering labels go ("Step 1:",
 * "Use case 2:": HEADING_NUMBERING), and so do generic leads ("Putting it together:", "Example:": HEADING_LEAD).
 */
export function taskHeading(heading: string, anchorWords: Set<string>, needAnchor = false, title?: 'page' | 'readme'): string | undefined {
  // A code span is the identifier it holds ("`generateText`" is as much an API name as generateText);
  // one after a colon only spells the API the words before it name ("Returning the original completion:
  // `create_with_completion`"): the words name the task.
  const stepless = heading.replace(HEADING_NUMBERING, '').replace(HEADING_LEAD, '').replace(/^(.*\w.*?)\s*:\s*(?:`[^`]+`|[A-Za-z_$][\w$]*(?:[._][\w$]+)+(?:\(\))?|[a-z]+[A-Z]\w*(?:\(\))?|[A-Za-z_$][\w$]*\(\))\s*$/, '$1').replace(/`([^`]*)`/g, '$1');
  if (PROBLEM_HEADING.test(stepless) || CONCEPT_HEADING.test(stepless) || START_HEADING.test(stepless) || GENRE_HEADING.test(stepless) || OPTIONS_HEADING.test(stepless)) return undefined;
  // How short or quick it is says nothing of the task ("A server in 15 lines", "Fine-tune in 5 minutes").
  let h = stepless.replace(HEADING_BRAG, ' ').replace(/\([^)]*\)/g, ' ').trim();
  // A parenthesis is an aside ("Command Line Interface (CLI)"), unless the heading is one word without it
  // and the aside names the API: "Azure (managed identity)" for `azureManagedIdentityTokenProvider`.
  const aside = [...stepless.matchAll(/\(([^)]*)\)/g)].flatMap((m) => tokens(m[1]));
  if (tokens(h).length === 1 && aside.some((w) => anchorWords.has(w))) h = stepless.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  if (/^[A-Za-z_][\w.]*$/.test(h) && /[a-z][A-Z]|[A-Z]{2,}[a-z]|_|\./.test(h)) return undefined;
  const words = tokens(h).filter((w) => !NAME_FILLER.has(w) && !STOP_TOKENS.has(w));
  if (!words.length || words.length > MAX_HEADING_WORDS) return undefined;
  // One word that names a thing, not the doing ("A server in 15 lines" → Server, "Client", "Models"), is
  // no workflow name: the API rule names it with what is done. (Its aside may say the doing: "OSF
  // (Orthogonal Subspace Fine-tuning)"; a qualifier makes it a use of the thing: "Async client".)
  const said = tokens(h).filter((w) => !ARTICLES.has(w));
  if (said.length === 1 && !actionNoun(said[0])) {
    if (!aside.length) return undefined;
    h = stepless.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
    const all = tokens(h).filter((w) => !NAME_FILLER.has(w) && !STOP_TOKENS.has(w));
    if (all.length > MAX_HEADING_WORDS || !all.some((w) => actionNoun(w) || isTaskWord(w))) return undefined;
    words.splice(0, words.length, ...all);
  }
  // Nor one word left once the filler goes ("Using Litellm" → Litellm): a name, not what is done with it.
  const kept = tokens(h).filter((w) => !NAME_FILLER.has(w));
  if (kept.length === 1 && !actionNoun(kept[0]) && !isTaskWord(kept[0])) return undefined;
  if (needAnchor) return words.some((w) => namesApiWord(w, anchorWords)) ? h : undefined;
  // A page title may name its task with any action noun ("Checkpointing", "Offloading"), a README section's
  // heading with most ("Data extraction").
  return words.some((w) => isTaskWord(w) || anchorWords.has(w) || (title === 'page' && /^[a-z]{3,}ing$/.test(w)) || (title === 'readme' && isActionNoun(w))) ? h : undefined;
}

/**
 * A README heading's "-ing" or "-tion" noun ("Coding agent", "Data extraction"), not that of a verb that
 * makes no milestone: a README's "Handling errors" shows a use case's call in a `try`, it is none itself.
 */
function isActionNoun(w: string): boolean {
  const m = /^([a-z]{3,}?)(ing|tion)$/.exec(w);
  return !!m && ![m[1], `${m[1]}e`, `${m[1]}t`].some((v) => !!ACTION_VERBS[v]);
}

/**
 * A heading's word that is one of the API's words, or a domain word of the API in another form:
 * "Transcription" for `transcribe`, "Translation" for `streamTranslate` (roots of four letters or more).
 * Not a generic verb's ("Streaming" for `stream`, "Launching" for `launch`): any heading says those.
 */
function namesApiWord(w: string, apiWords: Set<string>): boolean {
  if (apiWords.has(w)) return true;
  const r = wordRoot(w);
  return r.length >= 4 && [...apiWords].some((a) => (!VERBS[a] || VERBS[a].domain) && !ACTION_VERBS[a] && wordRoot(a) === r);
}

/** A word without its inflection or derivation: transcription, transcribe → transcrib; embeddings → embed. */
function wordRoot(w: string): string {
  return w
    .toLowerCase()
    .replace(/ptions?$|be$/, 'b')
    .replace(/(?:ions?|ings?|ers?|ments?|ed|es|s|e)$/, '')
    .replace(/([b-df-hj-np-tv-z])\1$/, '$1');
}

/** A word is the API's when its stem is: "Training" spells `CrossEncoderTrainer`. */
const stem = (w: string) => w.replace(/(?:ing|ers?|e)$/, '');
function spells(w: string, apiWords: Set<string>): boolean {
  return apiWords.has(w) || [...apiWords].some((a) => stem(a) === stem(w) && stem(w).length >= 3);
}

const NOUNS = new Set(Object.values(VERBS).map((v) => v.noun.toLowerCase()));

// An action noun ("Merging"), or the agent noun of a verb ("Reranker", "Tokenizer").
function isTaskWord(w: string): boolean {
  if (NOUNS.has(w)) return true;
  const stems = [w, w.replace(/ing$/, ''), w.replace(/ing$/, 'e'), w.replace(/(ation|ion)$/, ''), w.replace(/(ation|ion)$/, 'e'), w.replace(/ion$/, ''), w.replace(/ion$/, 'e'), w.replace(/e?s$/, ''), w.replace(/ed$/, ''), w.replace(/d$/, ''), w.replace(/er$/, ''), w.replace(/r$/, '')];
  return stems.some((x) => x.length >= 3 && Object.prototype.hasOwnProperty.call(VERBS, x));
}
