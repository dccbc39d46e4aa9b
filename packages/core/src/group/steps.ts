// Calls → roles → steps. A call's role comes from the verb in its name, else from its class name; calls that
// only serve another call (a config object passed to it, a constructor whose instance it uses) join that
// call's step; more than 7 steps merge by role (clarification 4).
import type { Arm, CallSite, Role } from '../model.js';
import { ACRONYMS, ACTION_VERBS, ADDING_VERBS, DOC_DETERMINERS, DOC_NOT_AFTER_VERB, HTTP_METHODS, REQUEST_METHODS, QUANTIFIER_OBJECTS, BOILERPLATE_NAMES, BOILERPLATE_PATTERNS, CALL_DISPATCH, CLASS_HEAD_NOUNS, CLASS_NAME_PREPOSITIONS, CLASS_SCAFFOLD_WORDS, CLASS_SUFFIX_ROLES, CLIENT_MODULE, DATED_VERSION, DEFAULT_CONSTRUCTOR, HOOK_NAME, LOAD_PARAMETER, LOG_METHODS, BARE_LOG_NAMES, MILESTONE_ROLES, MODE_SWITCH, MANY_ITEM_VERBS, PERSISTENCE_ROLES, QUANTIFIER_NAMES, RELATED_ROLES, RETRIEVED_NOUNS, RESULT_ROLES, SERIALIZER_NAMES, SERVICE_MAKERS, SPLIT_NAMES, STOP_TOKENS, SUBSCRIPTED_CALLEE, SYNC_SUFFIX, SYNC_TWIN, TEST_FRAMEWORK_MODULES, TITLE_PREPOSITIONS, VALUE_WORDS, VERBS } from '../heuristics/tables.js';
import { brandsKey, isProjectName, pageName, singular, splitCamel, tokens, word } from './names.js';
import { commandNaming } from '../resolve/commands.js';
import { isHelper } from '../resolve/helpers.js';

export interface DraftStep {
  role: Role;
  title: string;
  principle: string;
  /** Main call first. */
  calls: CallSite[];
  /** Calls of `calls` that are another way to do the step (another arm of the main call's `if`/`try`/`match`). */
  alternatives?: CallSite[];
  /** What makes it the same step in another source, when not its main call's API (see streamedAgain). */
  key?: string;
  /** Calls of `calls` that show the main call again with other options, in another README or docs section or example (group/shown.ts). */
  shown?: CallSite[];
}

export interface Naming {
  role: Role;
  verb: string;
  noun: string;
  object: string[];
  /** How the call spells a word in capitals (`RLOOTrainer` → rloo: RLOO), for titles and page names. */
  spelling?: Record<string, string>;
  /** Object words whose name puts a preposition before them (`push_to_hub`: hub ← to), kept in titles only. */
  prepositions?: Record<string, string>;
  /** Named without a verb of its own (Call X, Get X): a way of taking another call's result, when chained on it. */
  verbless?: true;
  /**
   * What a class's alternative constructor loads it from (`Template.from_string`: string): after the class
   * in titles (Load Template from String), after its head noun in principles (Template_String_Loading).
   */
  source?: string[];
}

/** Is this call a step candidate at all (repository API, wrapper, pattern, tool)? */
export function isApiCall(c: CallSite): boolean {
  const r = c.resolution;
  // An ambiguous repository name (bound differently at run time), or a method of a repository object whose
  // class is not known statically, is still the repository's API: a step whose location says
  // `unresolved`, with the reason (and candidates) in the report.
  return r.kind === 'repo' || r.kind === 'pattern' || r.kind === 'tool' || r.kind === 'external' || isRepoUnresolved(r);
}

/**
 * Each call's naming, with the brands it was made under: the grouping names the same call again and again
 * (three times per call on openai-python); a call is not changed once resolved. (Callers copy a naming
 * before changing it.)
 */
const callNamings = new WeakMap<CallSite, { brands: string; naming: Naming }>();

/** Role, verb and object of one call, from its name tokens, its class, and the names it is assigned to. */
export function nameCall(c: CallSite): Naming {
  const known = callNamings.get(c);
  if (known && known.brands === brandsKey()) return known.naming;
  const naming = namedCall(c);
  callNamings.set(c, { brands: brandsKey(), naming });
  return naming;
}

function namedCall(c: CallSite): Naming {
  const n = decoratorNaming(c, hookNaming(c, namingOf(registryNamed(c))));
  const spelling = spellingOf(c.command ? c.command.words.join(' ') : c.callee);
  const prepositions = c.command ? undefined : prepositionsOf(c.callee.split('.').map((p) => tokens(p)), n.object);
  return { ...n, ...(spelling ? { spelling: { ...spelling, ...n.spelling } } : {}), ...(prepositions ? { prepositions: { ...n.prepositions, ...prepositions } } : {}) };
}

/**
 * A call through a registry of the library's builders (`sam_model_registry["vit_h"](...)`) does what the
 * builders' names say they share (`build_sam_vit_b`, `build_sam_vit_h`, ...: Build Sam Vit), not "Call Sam
 * Model Registry": named as a call of that shared name.
 */
function registryNamed(c: CallSite): CallSite {
  if (!SUBSCRIPTED_CALLEE.test(c.callee)) return c;
  const r = c.resolution;
  const names = r.kind === 'repo' ? [r.qualname] : r.kind === 'unresolved' ? (r.candidates ?? []).map((x) => x.split(' ')[0]) : [];
  const split = names.map((q) => (q.split('.').pop() ?? '').split('_').filter(Boolean));
  if (!split.length || split.some((t) => !t.length)) return c;
  const shared: string[] = [];
  for (let i = 0; split.every((t) => i < t.length && t[i] === split[0][i]); i++) shared.push(split[0][i]);
  return shared.length ? { ...c, callee: shared.join('_') } : c;
}

/**
 * A React-style hook (`useChat`, `useObject`, `useUIState`: `use` then a capital) is used, not run: Use
 * Chat, Use UI State (were "Chat Use", "Get Use UI State"). Its role stays the one its words give, so it
 * groups as before.
 */
function hookNaming(c: CallSite, n: Naming): Naming {
  const method = c.callee.split('.').pop()!;
  if (c.command || c.resolution.kind === 'tool' || c.resolution.kind === 'pattern' || !HOOK_NAME.test(method)) return n;
  const object = objectTokens(tokens(method).slice(1), 'use');
  return object.length ? { ...n, verb: 'Use', noun: 'Usage', object } : n;
}

/**
 * A decorator over a function the source does not hand on (`@mcp.tool()`, `@mcp.resource(...)`,
 * `@agent.tool_plain`) defines that function for the library: Define Tool, not "Call Tool" (a name
 * without a verb). Its role stays, so it groups as before.
 */
function decoratorNaming(c: CallSite, n: Naming): Naming {
  if (!c.decorates || !n.verbless) return n;
  const object = objectTokens(tokens(c.callee.split('.').pop()!), '');
  return object.length ? { ...n, verb: 'Define', noun: 'Definition', object } : n;
}

/**
 * The prepositions a name puts before its object words (`push_to_hub` → Push to Hub, `AutoModelForCausalLM`
 * → Load Model for Causal LM): titles read as the name does; principles keep the content words only.
 */
function prepositionsOf(parts: string[][], object: string[]): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  // Within one name, after its first word (`to_input_list` converts; it sends nothing "to Input").
  for (const nameTokens of parts) {
    nameTokens.forEach((t, i) => {
      const next = nameTokens[i + 1];
      if (i > 0 && TITLE_PREPOSITIONS.has(t) && next && object.includes(next)) (out ??= {})[next] = t;
    });
  }
  return out;
}

/**
 * Words an identifier writes in capitals that the ACRONYMS table does not know (`RLOOTrainer`,
 * `NashMDTrainer`): the maintainers' own acronyms, kept as written rather than capitalised (Rloo).
 */
export function spellingOf(text: string): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const w of splitCamel(text).split(/[^A-Za-z0-9]+/)) {
    if (/^[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*$/.test(w) && !ACRONYMS[w.toLowerCase()]) (out ??= {})[w.toLowerCase()] = w;
  }
  return out;
}

/** The SDK resource a method is reached through: `client.chat.completions.create` → chat, completions (`beta`, `v1` left out). */
export function sdkResource(parts: string[]): string[] {
  return parts.length > 2 && /^[a-z]/.test(parts[0]) ? parts.slice(1, -1).filter((p) => /^[A-Za-z]\w*$/.test(p) && !/^(beta|v\d+)$/i.test(p)) : [];
}

/**
 * The words of the resource's last two names as the object of a step: a collection before another word
 * qualifies it, in the singular (`client.beta.sessions.threads` → Session Thread(s)); the last one is
 * singular too when the verb acts on one item (`client.messages.create` → Create Message, `client.files.list`
 * → List Files).
 */
function resourceWords(resource: string[], oneItem: boolean): string[] {
  const ts = resource.slice(-2).flatMap((r) => tokens(r));
  return ts.map((t, i) => (i < ts.length - 1 || oneItem ? singular(t) : t));
}

function namingOf(c: CallSite): Naming {
  // A command of the repository's own CLI: its subcommand words name the step (`finetune` → Finetune).
  if (c.command) return commandNaming(c.command);
  const parts = c.callee.split('.');
  const method = parts[parts.length - 1];
  const def = c.definition;
  const isClass = def?.kind === 'class' || (c.resolution.kind !== 'repo' && /^[A-Z]/.test(method) && c.resolution.kind !== 'tool');
  // The class the method acts on (`UNet2DModel.from_pretrained`, inherited from ModelMixin), else the receiver.
  const owner = ownerClass(c) ?? (parts.length > 1 ? parts[parts.length - 2] : undefined);
  // Named from the call as the user writes it (`model.save_pretrained_merged`), never from the internal
  // name of the function it resolves to (`unsloth_generic_save_pretrained_merged`). A function's `_sync` or
  // `_async` suffix says how it runs, not what it acts on: `Runner.run_sync(agent)` is Run Agent.
  const nameTokens = tokens(isClass ? method : method.replace(SYNC_SUFFIX, ''));
  if (c.resolution.kind === 'pattern') {
    return { role: 'other', verb: 'Define', noun: 'Definition', object: objectTokens(nameTokens, '') };
  }
  if (c.resolution.kind === 'tool') {
    return { role: 'run', verb: 'Run', noun: 'Execution', object: tokens(c.resolution.command.split(/\s+/)[0]).slice(0, 3) };
  }
  if (isClass) {
    const lower = method.toLowerCase();
    const suffix = CLASS_SUFFIX_ROLES.find((s) => lower.endsWith(s.suffix));
    // A class of the SDK's client module named after its service alone gets the word (Create Anthropic
    // Client); its role stays the one its name gives.
    // So does a class named after the project (`new Ollama()`, `new Pinecone()`: Create Pinecone Client).
    if (!suffix && def?.kind === 'class' && (CLIENT_MODULE.test(def.path) || isProjectName(method))) nameTokens.push('client');
    const head = suffix ? nameTokens.filter((t) => !suffix.suffix.startsWith(t) && !t.startsWith(suffix.suffix)) : nameTokens;
    // (A class's head noun is its last word before any preposition; it is the thing even when the verb is
    // also one: ActionStep, BleuScore. A verb before a plain head says what the thing is for, not what
    // making it does: RunContext, InferenceEngine, DefaultChatTransport, TestEmbedAPIWithYieldPredict are
    // made; a step named by its action is one, MapTensorToDeltaActionDictStep.)
    const last = nameTokens.length - 1;
    const prep = nameTokens.findIndex((t, i) => i > 0 && CLASS_NAME_PREPOSITIONS.has(t));
    const headAt = prep > 0 ? prep - 1 : last;
    const verbTok = nameTokens.find((t, i) => isVerbAt(nameTokens, i) && (i === headAt ? !(i > 0 && CLASS_HEAD_NOUNS.has(t)) : CLASS_HEAD_NOUNS.has(nameTokens[last])));
    if (!suffix && verbTok && VERBS[verbTok].role !== 'build') {
      const v = VERBS[verbTok];
      return { role: v.role, verb: v.title ?? word(verbTok), noun: v.noun, object: objectTokens(nameTokens.filter((t) => t !== verbTok), verbTok) };
    }
    // A constructor given the name of a pretrained model loads it (unless its class says it trains, configures...).
    if ((!suffix || suffix.role === 'build') && loadsPretrained(c)) {
      return { role: 'load', verb: 'Load', noun: 'Loading', object: objectTokens(nameTokens, 'load') };
    }
    const s = suffix ?? { ...DEFAULT_CONSTRUCTOR, suffix: '' };
    // A joining word inside one class name is part of it (`ChainOfThought` → Chain Of Thought, not Chain Thought).
    const words = head.length && !suffix?.keep ? head : nameTokens;
    return { role: s.role, verb: s.title, noun: s.noun, object: innerStopsKept(words, objectTokens(words, s.title.toLowerCase())) };
  }
  // A request named by its HTTP method: `httpx.post(url)` is Send POST Request, not "Get Post"; so is
  // `requests.delete(url)`, whose definition says it sends a DELETE request.
  const http = nameTokens.length === 1 && (method === nameTokens[0] || method === nameTokens[0].toUpperCase()) ? nameTokens[0] : undefined;
  // A route of a web application: an HTTP method given a path and the function that answers it
  // (`app.get('/', (c) => c.text('Hono!'))`, Express's `app.post('/users', handler)`) defines the route;
  // it neither sends a request nor gets the app.
  if (http && REQUEST_METHODS.has(http) && definesRoute(c)) {
    return { role: 'configure', verb: 'Define', noun: 'Definition', object: [http, 'route'], spelling: { [http]: http.toUpperCase() } };
  }
  if (http && (HTTP_METHODS.has(http) || (REQUEST_METHODS.has(http) && sendsRequest(def?.summary, http)))) {
    return { role: 'other', verb: 'Send', noun: 'Sending', object: [nameTokens[0], 'request'], spelling: { [nameTokens[0]]: nameTokens[0].toUpperCase() } };
  }
  const verbTok = nameTokens.find((t, i) => isVerbAt(nameTokens, i)) ?? (nameTokens.length === 1 && nameTokens[0].endsWith('e') && VERBS[nameTokens[0].slice(0, -1)] ? nameTokens[0].slice(0, -1) : undefined);
  // A name that ends on a verb's noun names that action done to the words before it (`text_generation`
  // → Generate Text, Text_Generation); not after a preposition (`for_training` switches a mode).
  const nounVerb = !verbTok && nameTokens.length > 1 && !TITLE_PREPOSITIONS.has(nameTokens[0]) ? NOUN_VERBS.get(nameTokens[nameTokens.length - 1]) : undefined;
  if (nounVerb) {
    const v = VERBS[nounVerb];
    return { role: v.role, verb: v.title ?? word(nounVerb), noun: v.noun, object: objectTokens(nameTokens.slice(0, -1), nounVerb) };
  }
  if (verbTok) {
    // A function `get_peft_model` returning a class instance makes one; it does not retrieve it. So does a `get_*`
    // whose result replaces what it was given (`model = get_peft_model(model, config)`), typed or not.
    // (Not its receiver: `page = page.getNextPage()` retrieves the next page.)
    // (A bare `get` fetches again what it is given: `prediction = replicate.predictions.get(prediction.id)`;
    // data about a thing is retrieved, whatever class holds it: `get_info`.)
    const gotten = nameTokens.filter((t) => t !== 'get');
    const makes =
      verbTok === 'get' &&
      !(gotten.length && gotten.every((t) => RETRIEVED_NOUNS.has(t))) &&
      // (A method returning an instance fetches one its object holds or serves: `stream.get_final_message()`,
      // `api.get_collection(slug)`, `api.get_space_runtime(repo)` retrieve.)
      // (Nor a bare `get` function: an HTTP client's `httpx.get(url)` returns a Response it fetched.)
      ((returnsInstance(def?.returns) && def?.kind !== 'method' && gotten.length > 0) || (nameTokens.length > 1 && c.assignedTo.some((v) => v !== parts[0] && c.uses.includes(v))));
    const v = makes ? { role: 'build' as Role, noun: 'Creation', title: 'Create' } : VERBS[verbTok];
    let object = objectTokens(nameTokens.filter((t) => t !== verbTok), verbTok);
    // Streaming is a way of doing another inference: `streamTranscribe` streams a transcription (Stream
    // Transcription, Transcription_Streaming), not a "Transcribe".
    if (verbTok === 'stream' && object.length === 1 && VERBS[object[0]]?.role === 'infer') object = [VERBS[object[0]].noun.toLowerCase()];
    // A class's alternative constructor (`Template.from_string`, `LCMScheduler.from_config`,
    // `Dataset.from_dict`) loads an instance of the class from what its name says: Load Template from
    // String (`Template_String_Loading`), not "Load String". A long class name keeps its first two words
    // and its head noun (a word before a preposition in it: `ImageWithCacheControl` is an image).
    const cls = verbTok === 'from' && nameTokens[0] === 'from' && object.length ? classWords(c) : [];
    if (cls.length) return { role: v.role, verb: v.title ?? word(verbTok), noun: v.noun, object: headed(cls), source: object };
    // Else what it acts on: a variable passed to it (`r.write(html)`), then the receiver's class (`Model`).
    const passed = passedValue(c);
    // What a save saves: the value passed (`r.write(html)`), but not beside a model-like receiver, which is
    // what it saves (`model.save_pretrained(path, tokenizer)`: named from its class below, not "Save Tokenizer").
    const receiver = parts.length > 1 ? parts[parts.length - 2] : '';
    if (!object.length && passed && v.role === 'save' && !MODE_SWITCH.receiver.test(receiver)) object = valueObject(passed, verbTok);
    // What an object is given to hold names the step, not the object: Add Hero for `session.add(hero)`.
    const added = addsGiven(c, nameTokens) ? passedValue(c, true) : undefined;
    if (!object.length && added) object = valueObject(added, verbTok);
    // An SDK resource names what a method acts on: `client.chat.completions.create` → Chat Completions.
    const resource = sdkResource(parts);
    // (Not a client's class for what it stores or fetches: `client.upsert(...)` saves no client.)
    // (A class named after the project is its client too: `ollama.pull(...)` of the Ollama class.)
    const projectClient = !!owner && isProjectName(owner) && def?.kind === 'method';
    const throughClient = PERSISTENCE_ROLES.has(v.role) && (tokens(owner ?? '').pop() === 'client' || projectClient) && onInstance(c);
    // Nor for what it makes or loads through a method of its (`docker_client.create(...)`,
    // `ollama.pull('gemma3')`, methods of a Client): the method makes what the client's name says it is
    // for (DockerSandboxClient: Create Docker Sandbox), else what the source keeps it in, else what its
    // first required parameter names (`Client.pull(model)`: Pull Model), never the client.
    const ownerWords = tokens(owner ?? '').filter((t) => !CLASS_SCAFFOLD_WORDS.has(t));
    const ofClient = ownerWords[ownerWords.length - 1] === 'client' || projectClient;
    const clientFor = ofClient && !projectClient ? objectTokens(ownerWords.slice(0, -1), verbTok) : [];
    const given = !object.length && !resource.length && def?.kind === 'method' && ofClient && ['load', 'build'].includes(v.role) ? (clientFor.length ? clientFor : madeObject(c, def)) : [];
    // (What the source keeps named like the verb says nothing more: `index = pc.index(...)` is no "Index Index".)
    if (given.length) object = given.join(' ') === verbTok ? [] : given;
    else if (!object.length && resource.length) object = objectTokens(resourceWords(resource, !MANY_ITEM_VERBS.has(verbTok)), verbTok);
    else if (!object.length && owner && ['load', 'save', 'configure', 'build'].includes(v.role) && !throughClient && !projectClient) {
      // A bare verb reached through its module (`evaluate.load(...) -> EvaluationModule`) acts on what it
      // returns, not on the module: Load Evaluation Module, not "Load Evaluate".
      const returned = parts.length > 1 && def?.kind === 'function' && !ownerClass(c) && returnsInstance(def.returns) ? returnedClass(def.returns!) : undefined;
      object = objectTokens(tokens(returned ?? owner).filter((t) => !CLASS_SCAFFOLD_WORDS.has(t)), verbTok);
    }
    // `model.save_pretrained_merged` saves the merged model: one qualifier word (a participle, a format:
    // merged, GGUF) gets the receiver's noun; a thing (`trainer.save_model`, `accelerator.load_state`) or a
    // destination (`push_to_hub`) does not.
    else if (object.length === 1 && isQualifier(object[0], nameTokens) && parts.length > 1 && ['load', 'save'].includes(v.role) && onInstance(c) && /^[a-z][a-z]{2,}$/.test(parts[parts.length - 2]) && !STOP_TOKENS.has(parts[parts.length - 2]) && !object.includes(parts[parts.length - 2])) {
      object = [...object, parts[parts.length - 2]];
    }
    // What an inference or data step produces names it (`text = model.generate(...)` → Generate Text).
    if (!object.length && (v.role === 'infer' || v.role === 'prepare_data') && /^[A-Za-z]{3,}(_[A-Za-z]{3,})*$/.test(c.assignedTo[0] ?? '')) object = valueObject(c.assignedTo[0], verbTok);
    return { role: v.role, verb: v.title ?? word(verbTok), noun: v.noun, object };
  }
  // A decorator without a verb makes an object of the user's function (`@function_tool` → Define Function Tool).
  if (c.decorator) return { role: 'build', verb: 'Define', noun: 'Definition', object: objectTokens(nameTokens, '') };
  // Calling an object (`pipeline(prompt)`, its class's `__call__`) runs it: Run Pipeline, not Call Pipeline;
  // the class it resolves to names it when known (`ddpm(...)` of DDPMPipeline → Run DDPM Pipeline).
  const r = c.resolution;
  // (So does calling a framework's module object, `out = model(x)`: its forward, the repository's or
  // another library's.)
  const calledName = parts.length === 1 && /^[a-z_]/.test(method);
  const dispatched = r.kind === 'repo' && calledName && Object.values(CALL_DISPATCH).some((m) => r.qualname.endsWith(`.${m}`));
  const runsObject = r.kind === 'unresolved' ? r.method === '__call__' : r.kind === 'repo' ? r.qualname.endsWith('.__call__') || dispatched : r.kind === 'external' && calledName;
  if (runsObject) {
    const cls = r.kind === 'repo' ? r.qualname.split('.').slice(-2, -1)[0] : undefined;
    // A long class name keeps its first words and its head noun (CrossEncoderNanoBEIREvaluator → Cross Encoder Evaluator).
    const ct = contentTokens(cls ? tokens(cls) : nameTokens, '');
    const object = headed(ct);
    return { role: 'other', verb: 'Run', noun: 'Execution', object, ...(cls ? { spelling: spellingOf(cls) } : {}) };
  }
  // A conversion names what it gives (`to_iterable_dataset` → Convert to Iterable Dataset, `toJSON` →
  // Convert to JSON; `agent.asTool()` → Convert to Tool), not a "Call Iterable Dataset" or a "Get Tool".
  // It stays a way of taking another call's result (verbless): `result.to_state()` after a run is part
  // of the run's step.
  if (nameTokens.length > 1 && (nameTokens[0] === 'to' || nameTokens[0] === 'as')) {
    const object = objectTokens(nameTokens.slice(1), '');
    if (object.length) return { role: 'other', verb: 'Convert', noun: 'Conversion', object, prepositions: { [object[0]]: 'to' }, verbless: true };
  }
  // A function of the repository named like a class (`dspy.InputField(...)`, a factory) makes what it
  // names: Create Input Field, not "Call Input Field".
  if (r.kind === 'repo' && def?.kind === 'function' && /^[A-Z][a-z]/.test(method) && parts.length <= 2) {
    const object = objectTokens(nameTokens, '');
    if (object.length) return { role: 'other', verb: 'Create', noun: 'Creation', object, ...(spellingOf(method) ? { spelling: spellingOf(method) } : {}) };
  }
  // A name that starts with a verb of no milestone reads as that verb (`countTokens` → Count Tokens).
  const action = nameTokens.length ? (ACTION_VERBS[nameTokens[0]] ?? (saysItDoes(nameTokens[0], def?.summary) ? gerund(nameTokens[0]) : undefined)) : undefined;
  if (action) {
    // A bare action verb reached through an SDK resource acts on the resource (`client.images.edit` → Edit Images).
    const named = objectTokens(nameTokens.slice(1), nameTokens[0]);
    const resource = named.length ? [] : sdkResource(parts);
    // A bare verb given nothing acts on its object: the class's name when it is one or two words
    // (`sandbox.kill()` on an AsyncSandbox → Kill Sandbox; an `Async` twin is the same thing), else what
    // the variable calls it when that names part of the class (`camera.disconnect()` on a RealSenseCamera
    // → Disconnect Camera). (Given an argument, the verb acts on that: `state.approve(interruption)`.)
    const cls = named.length || resource.length || c.argNames.length ? [] : tokens((ownerClass(c) ?? '').replace(SYNC_TWIN, '')).filter((t) => !CLASS_SCAFFOLD_WORDS.has(t));
    const said = parts.length === 2 ? tokens(parts[0]) : [];
    const by = cls.length <= 2 ? cls : said.length && said.every((t) => cls.includes(t)) ? said : [];
    const given = !named.length && addsGiven(c, nameTokens) ? passedValue(c, true) : undefined;
    const object = given ? valueObject(given, nameTokens[0]) : resource.length ? objectTokens(resourceWords(resource, !MANY_ITEM_VERBS.has(nameTokens[0])), nameTokens[0]) : by.length ? objectTokens(by, nameTokens[0]) : named;
    return { role: 'other', verb: word(nameTokens[0]), noun: action, object };
  }
  // No verb, and the instance it returns is of a class named after it (`tool({...})` → FunctionTool,
  // `sandbox(...)` → Sandbox): a factory that makes what it names, Create Tool (not "Get Tool", as if a
  // tool were looked up, nor "Call Tool"). Not data about a thing (RETRIEVED_NOUNS: `bucket_info()` →
  // BucketInfo is Get Bucket Info).
  const made = r.kind === 'repo' && def?.kind === 'function' && returnsInstance(def.returns) ? tokens(returnedClass(def.returns!)) : [];
  const named = nameTokens[nameTokens.length - 1];
  if (made.length && named !== undefined && made[made.length - 1] === named && !RETRIEVED_NOUNS.has(named)) {
    const object = objectTokens(nameTokens, '');
    if (object.length) return { role: 'other', verb: 'Create', noun: 'Creation', object };
  }
  // No verb: a name whose definition declares a value and whose result the source keeps is what it gets
  // (`info = api.bucket_info(...)` → Get Bucket Info; `message = await stream.finalMessage()`); otherwise
  // the name itself is the object of a plain call (Call Notebook Launcher; an untyped `out =
  // block.forward(x)` says nothing of what it gives).
  // A one-word name reached through an SDK resource says whose it is with the resource
  // (`client.messages.batches.results` → Get Messages Batches Results), as a verb does
  // (`client.chat.completions.create`), in at most three words.
  // A quantifier says nothing of what it is a method of (`retryPolicies.any(...)`): the receiver names it
  // (Call Retry Policies, not Call Any).
  const receiver = parts.length > 1 && /^[A-Za-z]\w*$/.test(parts[parts.length - 2]) ? objectTokens(tokens(parts[parts.length - 2]), '') : [];
  const own = nameTokens.length === 1 && QUANTIFIER_NAMES.has(nameTokens[0]) && receiver.length ? receiver : objectTokens(nameTokens, '');
  const resource = own.length === 1 ? sdkResource(parts).flatMap((r) => tokens(r)).filter((t) => !own.includes(t)) : [];
  // (The resource's words qualify the name after them: singular, Message Batch Results.)
  const object = resource.length ? objectTokens([...resource.slice(-2).map(singular), ...own], '') : own;
  if (c.assignedTo.length && object.length && def?.returns && !NO_VALUE.test(def.returns.trim())) {
    return { role: 'other', verb: 'Get', noun: 'Retrieval', object, verbless: true };
  }
  return { role: 'other', verb: 'Call', noun: 'Usage', object, verbless: true };
}

/**
 * Does the definition's docstring say that the name's first word is what it does: "Submits a
 * transcription job", "Receive a response" for `submit`, `receive_response`? The word in the third
 * person, or as an imperative before its object: a verb no table lists is still the call's verb
 * (AssemblyAI's `transcriber.submit(...)` was "Get Submit", claude-agent-sdk's `client.receive_response()`
 * "Get Receive Response").
 */
function saysItDoes(first: string, summary: string | undefined): boolean {
  if (!summary || first.length < 3 || STOP_TOKENS.has(first) || !/^[a-z]+$/.test(first)) return false;
  const [w0 = '', w1 = ''] = summary.trim().split(/\s+/).map((w) => w.toLowerCase().replace(/[^a-z]/g, ''));
  const third = w0 === `${first}s` || w0 === `${first}es` || (first.endsWith('y') && w0 === `${first.slice(0, -1)}ies`);
  // (An imperative before a determiner or a plural: "Receive messages from Claude"; not "Version string of ...".)
  return (third && !!w1 && !DOC_NOT_AFTER_VERB.has(w1)) || (w0 === first && (DOC_DETERMINERS.has(w1) || (/[^sui]s$/.test(w1) && w1.length > 3 && !DOC_NOT_AFTER_VERB.has(w1))));
}

/** A verb's -ing noun: receive → Receiving, submit → Submitting, pad → Padding, flush → Flushing, open → Opening. */
function gerund(verb: string): string {
  if (/[^e]e$/.test(verb)) return word(`${verb.slice(0, -1)}ing`);
  if (/ie$/.test(verb)) return word(`${verb.slice(0, -2)}ying`);
  // A last consonant after one vowel doubles in a one-syllable verb, and in a longer one stressed last.
  const cvc = /[^aeiou][aeiou][b-df-hj-np-tvz]$/.test(verb);
  const oneSyllable = (verb.match(/[aeiouy]+/g) ?? []).length === 1;
  return word(cvc && (oneSyllable || /(mit|fer|gin|pel|cur|trol)$/.test(verb)) ? `${verb}${verb.slice(-1)}ing` : `${verb}ing`);
}

/**
 * Inference and training VERBS by their noun (`generation` → generate, `embedding` → embed): one word,
 * not the verb itself. Only these roles: a name ending on `storage` or `display` names a thing.
 */
const NOUN_VERBS = new Map(Object.entries(VERBS).filter(([v, x]) => (x.role === 'infer' || x.role === 'train') && /^[A-Z][a-z]+$/.test(x.noun) && x.noun.toLowerCase() !== v && !x.title).map(([v, x]) => [x.noun.toLowerCase(), v] as const));

/** Return types that give the caller nothing of its own to keep. */
const NO_VALUE = /^(None|NoReturn|void|undefined|never|this|Self|Promise<(void|undefined)>)$/;

/** Is the name's token at `i` its verb: in VERBS, and not naming a dataset split beside another (`train_test_split`, `train_val_split`)? */
const isVerbAt = (ts: string[], i: number) => !!VERBS[ts[i]] && !(SPLIT_NAMES.has(ts[i]) && (SPLIT_NAMES.has(ts[i + 1] ?? '') || SPLIT_NAMES.has(ts[i - 1] ?? '')));

/**
 * The index in `calls` of the repository class constructed for `main`'s receiver when `main` is a method
 * that class inherits from another class of the repository (its definition's class is not the one
 * built), else -1.
 */
function inheritedBy(main: CallSite, calls: CallSite[]): number {
  const r = main.resolution;
  // Only a method of the instance itself (`agent.run`), not of an object it holds (`client.messages.create`).
  const parts = main.callee.split('.');
  if (r.kind !== 'repo' || main.definition?.kind !== 'method' || parts.length !== 2) return -1;
  // Saving and loading are the base class's work, the same for every subclass (a mixin's `save`): the
  // method is the step, not the class built (`program.save()` on a ChainOfThought is no ChainOfThought).
  if (PERSISTENCE_ROLES.has(nameCall(main).role)) return -1;
  const owner = r.qualname.split('.').slice(-2, -1)[0];
  const receiver = parts[0];
  return calls.findIndex(
    (c) => c.resolution.kind === 'repo' && c.definition?.kind === 'class' && c.assignedTo.includes(receiver) && c.resolution.qualname.split('.').pop() !== owner,
  );
}

/** A call given the name of a pretrained model to fetch (`model_name_or_path`): a constructor that loads. */
const loadsPretrained = (c: CallSite) => c.argNames.some((a) => LOAD_PARAMETER.test(a));

/** A method called on an instance (not a module function reached through its package's name). */
function onInstance(c: CallSite): boolean {
  const r = c.resolution;
  return c.definition?.kind === 'method' || (r.kind === 'repo' && r.via.startsWith('attachment')) || (r.kind === 'external' && /^[a-z_]/.test(c.callee));
}

/**
 * The first variable a call is given (not its receiver), unless what is given first is a function called
 * inline: no variable names it, `upload({ file: await openAsBlob(path) })` uploads a file, not an "Open
 * Blob". Nor a module whose class is built inline (`points=[models.PointStruct(...)]`: "Upsert Models"; a
 * variable's method, `model.state_dict()`, still passes the model). A numbered value is its thing (`hero_1`).
 * `whole`: only a variable that is an argument by itself (`add(hero)`, not `add(g.edge_from(a).to(b))`).
 */
function passedValue(c: CallSite, whole = false): string | undefined {
  const first = c.callee.split('.')[0];
  const args = Object.values(c.argValues ?? {}).map((v) => v.trim().replace(/^(\*{1,2}|await\s+)/, ''));
  const u = c.uses.find((x) => x !== first && /^[A-Za-z]{3,}(_[A-Za-z]+)*(_?\d+)?$/.test(x) && (!whole || args.includes(x)));
  if (!u) return undefined;
  const direct = new RegExp(`(^|[^\\w$.])${u}\\s*\\(`);
  const moduleClass = new RegExp(`(^|[^\\w$.])${u}(\\s*\\.\\s*[a-z_$][\\w$]*)*\\s*\\.\\s*[A-Z][\\w$]*\\s*\\(`);
  return Object.values(c.argValues ?? {}).some((v) => direct.test(v) || moduleClass.test(v)) ? undefined : u;
}

/** A method named by an adding verb alone (`session.add`, `queue.append`) puts what it is given into its object. */
const addsGiven = (c: CallSite, nameTokens: string[]) => nameTokens.length === 1 && ADDING_VERBS.has(nameTokens[0]) && onInstance(c);

/** A return annotation without quotes or `Optional[...]`. */
const returnType = (returns: string) => returns.trim().replace(/^["']|["']$/g, '').replace(/^Optional\[(.*)\]$/, '$1');
/** The class a return type names (`"EvaluationModule"`, `Optional[Pipeline]`, `PeftModel | PeftMixedModel` → the first). */
const returnedClass = (returns: string) => returnType(returns).split(/[^A-Za-z0-9_]/)[0];

/** A return type that names a class instance (`PeftModel | PeftMixedModel`), not a plain value. */
function returnsInstance(returns: string | undefined): boolean {
  const t = returnType(returns ?? '');
  return /^[A-Z]/.test(t) && !/^(List|Dict|Tuple|Set|Optional|Union|Iterable|Iterator|Generator|Sequence|Mapping|Any|None|Callable|Type|Promise|Array|Record|Map)\b/.test(t);
}

/**
 * What a call makes or loads, as its object: the variable the source keeps it in, else the method's first
 * required parameter (not the receiver, not `*args`), when their names name a thing.
 */
function madeObject(c: CallSite, def: NonNullable<CallSite['definition']>): string[] {
  const kept = c.assignedTo.length === 1 ? valueObject(c.assignedTo[0], '') : [];
  if (kept.length) return kept;
  const p = def.params.find((x) => x.default === undefined && !/^(self|cls|this)$/.test(x.name) && /^[A-Za-z]/.test(x.name));
  return p ? valueObject(p.name, '') : [];
}

/**
 * What a variable's name says of the value it holds (`generated_text` → generated text; `outputs` → nothing;
 * a one-letter name, `r = await client.get(url)`, nothing either).
 */
function valueObject(name: string, verb: string): string[] {
  return objectTokens(tokens(name).filter((t) => t.length > 1 && !VALUE_WORDS.has(t)), verb).slice(0, 2);
}

/** A word that qualifies a noun rather than naming a thing: a participle (merged) or a format (GGUF), not after a preposition. */
function isQualifier(w: string, nameTokens: string[]): boolean {
  const i = nameTokens.indexOf(w);
  if (i > 0 && TITLE_PREPOSITIONS.has(nameTokens[i - 1])) return false;
  return /[a-z]{3,}ed$/.test(w) || !!ACRONYMS[w];
}

/**
 * `object` (objectTokens of `words`) with the stop words back that stood between two of its words in
 * `words` (`chain of thought`), when nothing else was dropped between them.
 */
function innerStopsKept(words: string[], object: string[]): string[] {
  if (object.length < 2) return object;
  const at = words.indexOf(object[0]);
  const run = at < 0 ? [] : words.slice(at, at + object.length + 2);
  const kept = run.filter((w, i) => object.includes(w) || (STOP_TOKENS.has(w) && i > 0 && i < run.length - 1 && object.includes(run[i + 1])));
  return kept.length <= 3 && kept.filter((w) => !STOP_TOKENS.has(w)).join(' ') === object.join(' ') ? kept : object;
}

function objectTokens(ts: string[], verb: string): string[] {
  return contentTokens(ts, verb).slice(0, 3);
}

/** A name's words that can name an object: no stop word, no number, not the verb itself, whole or cut short (`preds` for predict). */
function contentTokens(ts: string[], verb: string): string[] {
  // (A -scribe verb's result is a -script: `transcript = model.transcribe(...)` names no object.)
  const stems = [verb.replace(/e$/, ''), ...(verb.endsWith('scribe') ? [verb.replace(/be$/, 'pt')] : [])].filter(Boolean);
  const cut = (t: string) => t.replace(/s$/, '');
  return ts.filter((t) => !STOP_TOKENS.has(t) && !stems.some((stem) => t.startsWith(stem) || (cut(t).length >= 3 && stem.startsWith(cut(t)))) && !/^\d+$/.test(t));
}

/**
 * Titles that tell a workflow's steps apart: a step titled like an earlier one of the same workflow but
 * calling another API (`tool.push_to_hub` after `agent.push_to_hub`, both "Push to Hub";
 * `CombinedEvaluations.compute` after `EvaluationModule.compute`) names the class it acts on by its head
 * noun: Push Tool to Hub, Compute Evaluations; a class built takes its name's last word back. Titles
 * only: the principle stays the call's.
 */
export function distinctTitles(steps: DraftStep[]): string[] {
  const seen = new Map<string, string>();
  // (The name of the call each title was first given to.)
  const named = new Map<string, string>();
  return steps.map((s) => {
    let title = s.title;
    const c = s.calls[0];
    const earlier = seen.get(title);
    const clash = earlier !== undefined && earlier !== stepApi(s) && !c.command;
    // A class built (`RealtimeAgent` after `RealtimeSession`, both "Create Realtime": the role's suffix
    // left the name) gets the class name's last word back: Create Realtime Agent.
    const built = clash && isConstructor(c) ? tokens(c.callee.split('.').pop() ?? '').pop() : undefined;
    const head = clash && !built ? tokens(ownerClass(c) ?? '').pop() : undefined;
    // A method's blocking or asynchronous twin (`Runner.run_sync` after `Runner.run`, both "Run Agent")
    // says how it runs: Run Agent Synchronously. So does the plain one after its twin: `evaluate` after
    // `evaluate_sync` is the asynchronous way (the suffix names the other way).
    const name = c.callee.split('.').pop() ?? '';
    const suffix = clash ? SYNC_SUFFIX.exec(name)?.[1] : undefined;
    const twinOf = clash && !suffix ? SYNC_SUFFIX.exec(named.get(title) ?? '') : undefined;
    const twin = suffix ?? (twinOf && named.get(title)!.slice(0, twinOf.index) === name ? twinOf[1] : undefined);
    if (twin) title = `${title} ${/^_?a/i.test(twin) === !!suffix ? 'Asynchronously' : 'Synchronously'}`;
    else if (built && !STOP_TOKENS.has(built)) {
      const n = nameCall(c);
      // (Not a word the verb says: GemmaConfig is "Configure Gemma", never "Configure Gemma Config".)
      if (!n.object.includes(built) && !n.verb.toLowerCase().startsWith(built)) title = titleOf({ ...n, object: [...n.object, built] });
    } else if (head && !CLASS_SCAFFOLD_WORDS.has(head) && !STOP_TOKENS.has(head)) {
      const n = nameCall(c);
      if (!n.object.includes(head)) title = titleOf({ ...n, object: [head, ...n.object] });
    }
    // Still another API's title (a name cut to its first words: `createAiSdkUiMessageStreamResponse` and
    // `createAiSdkUiMessageStream` were both "Create Ai SDK UI"): its name's last word left out comes back.
    // (Only a title cut from the name itself: not a class's name for an object called, `pipe(...)`.)
    const other = seen.get(title);
    if (clash && other !== undefined && other !== stepApi(s)) {
      const n = nameCall(c);
      const own = tokens(c.callee.split('.').pop() ?? '').map((t) => t.toLowerCase());
      const said = new Set(n.object.map((t) => t.toLowerCase()));
      const left = own.filter((t) => !said.has(t) && !STOP_TOKENS.has(t) && !n.verb.toLowerCase().startsWith(t));
      if (n.object.length && [...said].every((t) => own.includes(t)) && left.length) title = titleOf({ ...n, object: [...n.object, left[left.length - 1]] });
    }
    if (!seen.has(title)) {
      seen.set(title, stepApi(s));
      named.set(title, c.callee.split('.').pop() ?? '');
    }
    return title;
  });
}

/** The class a method call acts on: the class written as its receiver (`Tool.from_hub`), else the one that defines the method. */
function ownerClass(c: CallSite): string | undefined {
  const parts = c.callee.split('.');
  if (parts.length > 1 && /^[A-Z][A-Za-z0-9_]*$/.test(parts[parts.length - 2])) return parts[parts.length - 2];
  return c.definition?.kind === 'method' ? c.definition.qualname.split('.').slice(-2, -1)[0] : undefined;
}

/** A long class name's words cut to its first two and its head noun (CrossEncoderNanoBEIREvaluator → cross, encoder, evaluator). */
const headed = (ws: string[]) => (ws.length > 3 ? [...ws.slice(0, 2), ws[ws.length - 1]] : ws);

/** The content words of the class a method is called on, up to a preposition (`LCMScheduler.from_config` → lcm, scheduler). */
function classWords(c: CallSite): string[] {
  const cls = ownerClass(c);
  if (!cls) return [];
  const ts = tokens(cls).filter((t) => !CLASS_SCAFFOLD_WORDS.has(t));
  const prep = ts.findIndex((t, i) => i > 0 && CLASS_NAME_PREPOSITIONS.has(t));
  return contentTokens(prep > 0 ? ts.slice(0, prep) : ts, '');
}

export function titleOf(n: Naming): string {
  const spell = (t: string) => n.spelling?.[t] ?? word(t);
  return [n.verb, ...n.object.flatMap((t) => [...(n.prepositions?.[t] ? [n.prepositions[t]] : []), spell(t)]), ...(n.source ? ['from', ...n.source.map(spell)] : [])].join(' ');
}

export function principleOf(n: Naming): string {
  // (What an alternative constructor loads from follows the class's head noun: Template_String_Loading.)
  const object = n.source && n.object.length ? [n.object[n.object.length - 1], ...n.source] : n.object;
  // An object that only counts (`embedMany`, `cancel_all`) says how much after the doing: Embedding_Many.
  if (object.length && object.every((t) => QUANTIFIER_OBJECTS.has(t))) return pageName([n.noun, ...object]) ?? pageName([n.noun])!;
  return pageName([...object.map((t) => n.spelling?.[t] ?? t), n.noun]) ?? pageName([n.noun])!;
}

/** The repository's API: resolved to a definition, or a repository name bound differently at run time. */
export function isRepoCall(c: CallSite): boolean {
  return c.resolution.kind === 'repo' || isRepoUnresolved(c.resolution);
}

/** An unresolved call that is the repository's API all the same: an ambiguous name, a method of its object. */
export function isRepoUnresolved(r: CallSite['resolution']): boolean {
  return r.kind === 'unresolved' && (!!r.candidates?.length || (!!r.method && (r.method === '__call__' || !r.method.startsWith('_'))));
}

/** Answers of isBoilerplateName by callee: a run asks about the same few thousand callees again and again. */
const boilerplateNames = new Map<string, boolean>();

/** Is this call boilerplate by its name (argument parsing, printing, logging, checks, seeding, paths)? */
export function isBoilerplateName(callee: string): boolean {
  let known = boilerplateNames.get(callee);
  if (known === undefined) {
    // (Bounded for a process that analyses repository after repository.)
    if (boilerplateNames.size >= 100_000) boilerplateNames.clear();
    boilerplateNames.set(callee, (known = boilerplateByName(callee)));
  }
  return known;
}

function boilerplateByName(callee: string): boolean {
  const parts = callee.replace(/\(\)/g, '').split('.');
  const method = parts[parts.length - 1];
  const receiver = parts.length > 1 ? parts[parts.length - 2] : '';
  if (BOILERPLATE_NAMES.has(method)) return true;
  // (A bare `debug(...)`/`error(...)` is a logging helper of the module's own: huggingface.js' tiny-agents;
  // not a bare `trace(...)`, which opens a tracing span in an agents SDK.)
  if (LOG_METHODS.has(method) && (/log/i.test(receiver) || (parts.length === 1 && BARE_LOG_NAMES.has(method)))) return true;
  // camelCase names read as their snake_case form (`printReport` → print_report).
  const snake = /[a-z][A-Z]/.test(method) ? tokens(method).join('_') : method;
  return BOILERPLATE_PATTERNS.some((re) => re.test(method) || re.test(snake)) || BOILERPLATE_NAMES.has(snake);
}

/**
 * `model.train()`, `model.eval()`: a mode flag on a model, not training or evaluating; so is `.eval()`
 * chained on a call (`AutoModel.from_pretrained(name).eval()`), whereas `Trainer(...).train()` trains.
 */
function isModeSwitch(c: CallSite): boolean {
  const parts = c.callee.split('.');
  if (parts.length < 2 || c.argNames.length !== 0 || !MODE_SWITCH.methods.has(parts[parts.length - 1])) return false;
  const receiver = parts[parts.length - 2];
  return MODE_SWITCH.receiver.test(receiver) || (parts[parts.length - 1] === 'eval' && receiver.endsWith(')'));
}

/** `x.model_dump_json()`, `item.toJSON()`: a method that renders its object as text or plain data (SERIALIZER_NAMES). */
function isSerializer(c: CallSite): boolean {
  const parts = c.callee.split('.');
  return parts.length > 1 && SERIALIZER_NAMES.has(parts[parts.length - 1]);
}

/**
 * Boilerplate calls of a source: by name, and calls whose results only boilerplate uses
 * (`parser = TrlParser(...)` read only by `parser.parse_args_and_config()`).
 */
/** A call into a test framework or a mocking library (TEST_FRAMEWORK_MODULES). */
function isTestFramework(c: CallSite): boolean {
  if (c.resolution.kind !== 'external') return false;
  const m = c.resolution.module;
  return TEST_FRAMEWORK_MODULES.has(m) || TEST_FRAMEWORK_MODULES.has(m.split(/[./]/)[0]) || (m.startsWith('@') && TEST_FRAMEWORK_MODULES.has(m.split('/').slice(0, 2).join('/')));
}

export function boilerplateCalls(calls: CallSite[], all: CallSite[] = calls, ownApi = false): Set<CallSite> {
  // (`ownApi`: the repository's own calls by a boilerplate name are its API: see KeepBoilerplate.)
  const named = (c: CallSite) => isBoilerplateName(c.callee) && !(ownApi && c.resolution.kind === 'repo');
  const out = new Set(calls.filter((c) => c.resolution.kind !== 'tool' && c.resolution.kind !== 'pattern' && (named(c) || isModeSwitch(c) || isTestFramework(c))));
  // Who reads each name: the calls that use it, or call a member of it (`v.x(...)`, `v.x.y(...)`), indexed
  // once (a source of thousands of calls would otherwise compare every pair in every round).
  const readers = new Map<string, Set<CallSite>>();
  const read = (name: string, d: CallSite) => {
    let set = readers.get(name);
    if (!set) readers.set(name, (set = new Set()));
    set.add(d);
  };
  for (const d of calls) {
    for (const u of d.uses) read(u, d);
    for (let i = d.callee.indexOf('.'); i > 0; i = d.callee.indexOf('.', i + 1)) read(d.callee.slice(0, i), d);
  }
  // An object rendered as text inside a print or a log (`print(message.model_dump_json(indent=2))`, in an
  // f-string too) is reporting: a serializer written within the lines of a boilerplate call, given nothing else.
  const within = (c: CallSite, p: CallSite) => p !== c && p.site.path === c.site.path && p.site.cell === c.site.cell && p.site.start <= c.site.start && c.site.end <= p.site.end;
  // (`print` itself is no API call: the hosts are read from every call of the source.)
  const hosts = [...out, ...all.filter((c) => isBoilerplateName(c.callee) && !out.has(c))];
  const printed = new Set(hosts);
  for (const c of calls) {
    if (!isSerializer(c)) continue;
    if (!c.assignedTo.length) {
      // Printed as it is, not handed to a call of the library inside the print (`print(agent.run(x.to_json()))`).
      const host = hosts.find((p) => within(c, p));
      if (host && !calls.some((d) => d !== c && !out.has(d) && within(c, d) && within(d, host))) out.add(c);
      continue;
    }
    // Kept, and only printed or logged (`data = msg.to_dict()` then `logging.info(data)`).
    const users = all.filter((d) => d !== c && c.assignedTo.some((v) => d.uses.includes(v) || d.callee.startsWith(`${v}.`)));
    if (users.length && users.every((d) => printed.has(d))) out.add(c);
  }
  // Only what is built to serve the boilerplate (a parser object, its config), never
  // a milestone whose result happens to be printed (`metrics = trainer.train()` then `log_metrics(metrics)`).
  const makers = calls.filter((c) => c.assignedTo.length && c.resolution.kind !== 'tool' && c.resolution.kind !== 'pattern' && (isConstructor(c) || nameCall(c).role === 'configure'));
  const usersOf = new Map(makers.map((c) => [c, [...new Set(c.assignedTo.flatMap((v) => [...(readers.get(v) ?? [])]))].filter((d) => d !== c)]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of makers) {
      if (out.has(c)) continue;
      const users = usersOf.get(c)!;
      if (users.length && users.every((d) => out.has(d))) {
        out.add(c);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * Groups a source's API calls into draft steps (3–7 are wanted; fewer are returned as they are).
 * `ways`: other ways to build the object a call builds (the tabs of a docs section), by that call.
 */
/** A summary that says its function sends a request of that HTTP method, written in capitals ("Sends a `GET` request."). */
function sendsRequest(summary: string | undefined, method: string): boolean {
  return !!summary && new RegExp(`\\b${method.toUpperCase()}\\b\`?[^.]*\\b[Rr]equests?\\b`).test(summary);
}

/**
 * Whether the library's business is what elsewhere is boilerplate: the README's first section that calls
 * the repository's API (in file order) calls it only by boilerplate names (rich's "Rich Print":
 * `from rich import print`; a logger's `logger.info(...)`). Then those calls of the repository are its API.
 */
export function ownsBoilerplate(readmeSections: { line: number; calls: CallSite[] }[]): boolean {
  const first = [...readmeSections].sort((a, b) => a.line - b.line).find((s) => s.calls.some((c) => c.resolution.kind === 'repo'));
  return !!first && first.calls.filter((c) => c.resolution.kind === 'repo').every((c) => isBoilerplateName(c.callee));
}

/**
 * Which boilerplate makes steps: none (false); all of it, for a repository whose API is nothing else
 * (true); or the repository's own calls by a boilerplate name ('repo'), for a library whose business is
 * what elsewhere is boilerplate (a console printer, a logger: ownsBoilerplate).
 */
export type KeepBoilerplate = boolean | 'repo';

export function buildSteps(calls: CallSite[], opts: { keepBoilerplate?: KeepBoilerplate; ways?: Map<CallSite, CallSite[]> } = {}): DraftStep[] {
  const candidates = calls.filter(isApiCall);
  // Boilerplate never makes a step (unless the repository's API is nothing else: a logging library).
  const noise = opts.keepBoilerplate === true ? new Set<CallSite>() : boilerplateCalls(candidates, calls, opts.keepBoilerplate === 'repo');
  // A helper the source's own files define (`run(async () => ...)` from an example's lib/) is machinery:
  // its library calls replace it where they can be read (resolve/helpers), and it is never a step itself.
  const useful = candidates.filter((c) => !noise.has(c) && (c.command !== undefined || !isHelper(c)));
  const wired = wiredExternals(useful);
  const served = (c: CallSite) => c.resolution.kind !== 'external' || wired.has(c);
  // A callback is a pattern of the API it is passed to; passed to a call that is no step (a web server's
  // `app.listen(port, onListening)`), it is the example's plumbing, not the library's use.
  const targets = new Set(useful.filter((c) => c.resolution.kind !== 'pattern' && served(c)).map((c) => c.callee));
  const again = streamedAgain(useful);
  // (The streaming way of twin APIs, `Completions.create` and `AsyncCompletions.create` with `stream=True`, is one.)
  const keyOf = (c: CallSite) => (again.has(c) ? `${sameApi(c)}:stream` : callKey(c));
  const deduped = dedupe(useful.filter((c) => (c.resolution.kind === 'pattern' ? targets.has(c.passedTo ?? '') : served(c))), keyOf);
  const rebuilt = rebuiltWays(deduped);
  const later = new Set([...rebuilt.values()].flat());
  const api = deduped.filter((c) => !later.has(c));
  // Each object built several ways is a choice: its step has the other ways as alternatives, once per API.
  const ways = new Map<CallSite, CallSite[]>();
  for (const [c, more] of [...(opts.ways ?? []), ...rebuilt]) {
    const list = ways.get(c) ?? [];
    for (const w of more) if (![c, ...list].some((x) => callKey(x) === callKey(w))) list.push(w);
    if (list.length) ways.set(c, list);
  }
  // (Not named after what it is assigned to: `for chunk in ...` names a piece of the answer.)
  const namings = api.map((c) => (again.has(c) ? streamingOf(nameCall({ ...c, assignedTo: [] })) : nameCall(c)));
  // Which call each call serves: a config built only to be passed on, a constructor whose instance is used.
  const joinTo = new Map<number, number>();
  // A verbless method chained on a call's result (`client.messages.create(...).withResponse()`) is a way
  // of taking that call's result, not a step: it joins the call it is chained on, which leads (the
  // first of that call's repeats, when the chain is on a later one).
  const receivers = chainReceivers(useful);
  const chainedOn = new Map<number, number>();
  api.forEach((d, j) => {
    const on = receivers.get(d);
    const i = on ? api.findIndex((c) => callKey(c) === callKey(on)) : -1;
    if (i >= 0 && i !== j && namings[j].role === 'other' && namings[i].role !== 'other') chainedOn.set(j, i);
  });
  // So is a verbless method called on what one call returned (`responsePromise = batches.create(...)` then
  // `responsePromise.asResponse()`, `stream.finalMessage()`, `result.to_state()`): it takes that result
  // another way. Only the result of a run or an answer (`Runner.run`, `messages.stream`), or of an SDK
  // resource's call (`client.messages.batches.create`): an object built or loaded to be used has its own
  // API (`server.tool(...)`, `model = get_peft_model(...)` then `model.unload()`).
  api.forEach((d, j) => {
    const m = /^([A-Za-z_$][\w$]*)\.[A-Za-z_$][\w$]*$/.exec(d.callee);
    if (!m || chainedOn.has(j) || !namings[j].verbless || d.decorator || d.resolution.kind === 'pattern') return;
    let i = -1;
    for (let k = j - 1; k >= 0 && i < 0; k--) if (api[k].assignedTo.includes(m[1])) i = k;
    if (i < 0 || isConstructor(api[i]) || !(RESULT_ROLES.has(namings[i].role) || isResourceCall(api[i]))) return;
    chainedOn.set(j, i);
  });
  // The innermost API call whose receiver or arguments hold call i: up the source's calls by `within`.
  const byOrder = new Map(calls.filter((c) => c.order).map((c) => [c.order!.join(','), c]));
  const apiIndex = new Map(api.map((c, j) => [c, j]));
  // (Memoised per call: the API call at or above it; a chain `m.f().f()...` of thousands is walked once.)
  const atOrAbove = new Map<CallSite, number>();
  const apiAtOrAbove = (start: CallSite | undefined): number => {
    const path: CallSite[] = [];
    let found = -1;
    for (let d = start; d; d = d.within?.length ? byOrder.get(d.within.join(',')) : undefined) {
      const known = atOrAbove.get(d);
      if (known !== undefined) {
        found = known;
        break;
      }
      const j = apiIndex.get(d);
      if (j !== undefined) {
        found = j;
        break;
      }
      path.push(d);
      if (path.length > calls.length) break;
    }
    for (const d of path) atOrAbove.set(d, found);
    return found;
  };
  const holderOf = (i: number): number => {
    const o = api[i].within;
    const j = o?.length ? apiAtOrAbove(byOrder.get(o.join(','))) : -1;
    return j !== i && chainedOn.get(j) !== i ? j : -1;
  };
  api.forEach((c, i) => {
    if (chainedOn.has(i)) {
      joinTo.set(i, chainedOn.get(i)!);
      return;
    }
    // An object the source builds several ways is a choice: a step of its own, never another's part.
    if (ways.has(c)) return;
    // A constructor whose instance a later milestone call is made on joins that call (`Trainer(...)` → `.train()`).
    // (Not a constructor that loads: `model = CrossEncoder("name")` then `model.predict(...)` is Load, then Predict.)
    // (A factory method called on its class, `Sandbox.create()`, builds the object as its constructor would.)
    const factory = !isConstructor(c) && c.resolution.kind === 'repo' && c.definition?.kind === 'method' && /^[A-Z]\w*\.\w+$/.test(c.callee);
    if ((isConstructor(c) || factory) && c.assignedTo.length === 1 && !loadsPretrained(c)) {
      // Only when the instance's first use is that method call; passed on first, it is a step of its own.
      const v = c.assignedTo[0];
      const user = api.findIndex((d, j) => j > i && (d.callee.startsWith(`${v}.`) || d.uses.includes(v)));
      // What the first use calls on the instance (`train`, `messages.create`), if it calls something on it.
      // (Calling the instance itself, `evaluate(program)` after `evaluate = Evaluate(...)`, is its `__call__`.)
      const member = user < 0 ? undefined : api[user].callee === v ? '__call__' : api[user].callee.startsWith(`${v}.`) ? api[user].callee.slice(v.length + 1) : undefined;
      // A method of the instance itself (`trainer.train()`): the object exists to make that call. A client
      // reached through its resources (`client.messages.create`) is set up once and serves every call: a
      // step of its own (Create Client), however many calls it serves.
      if (member?.includes('.')) return;
      if (!factory && member !== undefined && MILESTONE_ROLES.has(namings[user].role)) {
        joinTo.set(i, user);
        return;
      }
    }
    // An object made inline in another call's arguments (`Agent(capabilities=[WebSearch()])`) is a part
    // of that call, whatever its class's name says ("Web Search" reads as a search): it joins it.
    // (Not the source's own subclass: `ls.LitServer(InferenceEngine())`, below.)
    if (isConstructor(c) && !c.assignedTo.length && c.within && !(c.resolution.kind === 'repo' && c.resolution.via === 'subclass')) {
      const holder = holderOf(i);
      if (holder >= 0 && isConstructor(api[holder])) {
        joinTo.set(i, holder);
        return;
      }
    }
    if (MILESTONE_ROLES.has(namings[i].role) && c.resolution.kind !== 'pattern') return;
    // The source's own subclass of a library class, whose hooks the source shows as steps, is made in a
    // step of its own beside them (LitServe's `ls.LitServer(InferenceEngine())`): the user's definition at
    // work, not a part of the server it is given to. (A test's subclass without such hooks is scaffolding.)
    if (c.resolution.kind === 'repo' && c.resolution.via === 'subclass' && isConstructor(c) && api.some((d) => d.resolution.kind === 'pattern' && d.passedTo === c.callee)) return;
    const produced = new Set(c.assignedTo);
    const users: number[] = [];
    api.forEach((d, j) => {
      if (j === i) return;
      if (chainedOn.get(j) === i) return;
      // (The hooks of the source's own subclass are steps beside its construction, not its users.)
      const hook = c.resolution.kind === 'repo' && c.resolution.via === 'subclass';
      if (d.uses.some((u) => produced.has(u)) || (d.passedTo === c.callee && !hook)) users.push(j);
    });
    const later = users.filter((j) => j > i);
    if (c.resolution.kind === 'pattern') {
      const target = api.findIndex((d) => d.callee === c.passedTo);
      // (A hook the source's own subclass overrides, `predict` of its LitAPI, is a step of its own.)
      const t = target >= 0 ? api[target].resolution : undefined;
      if (target >= 0 && target !== i && !(t?.kind === 'repo' && t.via === 'subclass')) joinTo.set(i, target);
      return;
    }
    if (!produced.size) {
      // Not assigned: an inline argument joins the closest call that contains it (`LoraConfig(...)` in
      // `get_peft_model(model, LoraConfig(...))`), not a call beside it on the same line
      // (`capabilities=[WebSearch(), TemporalDurability()]`: two steps).
      // Else the local function it is written in, passed to an API (a pattern: its lines hold it).
      let host = c.within ? holderOf(i) : -1;
      const known = host >= 0;
      api.forEach((d, j) => {
        if (known || (c.within && d.resolution.kind !== 'pattern')) return;
        if (j === i || chainedOn.get(j) === i || d.site.path !== c.site.path || d.site.cell !== c.site.cell || d.site.start > c.site.start || d.site.end < c.site.end) return;
        if (d.site.start === c.site.start && d.site.end === c.site.end && j > i) return;
        if (host < 0 || d.site.end - d.site.start < api[host].site.end - api[host].site.start) host = j;
      });
      if (host >= 0) joinTo.set(i, host);
      return;
    }
    // `model = merge_adapters(model, ...)` transforms what it consumes: a step of its own, not a config.
    const transforms = c.assignedTo.some((v) => c.uses.includes(v));
    // The repository's own API that makes something (`model = get_model(...)`) is a milestone of the library
    // even when another library's call is all that uses it (`DPOTrainer(model, ...)`): not its part.
    const ownMade = isRepoCall(c) && namings[i].role !== 'configure' && later.length === 1 && api[later[0]].resolution.kind === 'external';
    if (later.length >= 1 && !transforms && !ownMade && !madeOnService(c) && (namings[i].role === 'configure' || later.length === 1)) joinTo.set(i, later[0]);
  });
  const root = (i: number): number => {
    let k = i;
    for (let n = 0; joinTo.has(k) && n < api.length; n++) k = joinTo.get(k)!;
    return k;
  };
  const steps: DraftStep[] = [];
  const stepOf = new Map<number, DraftStep>();
  api.forEach((_, i) => {
    const r = root(i);
    let step = stepOf.get(r);
    if (!step) {
      const n = namings[r];
      step = { role: n.role, title: titleOf(n), principle: principleOf(n), calls: [], ...(again.has(api[r]) ? { key: keyOf(api[r]) } : {}) };
      stepOf.set(r, step);
    }
    if (r === i) step.calls.unshift(api[i]);
    else step.calls.push(api[i]);
  });
  // Order steps as they run: an argument's call before the call it is passed to (`f(g(x))` runs g
  // first), so by where each main call ends, then where it starts.
  const ran = (i: number) => api[i].order ?? [api[i].site.cell ?? 0, api[i].site.start, 0];
  const order = [...stepOf.entries()]
    .sort((a, b) => compareOrder(ran(a[0]), ran(b[0])) || a[0] - b[0])
    .map(([, s]) => s);
  // A step's implementation is the repository's own API when it has one: `SFTTrainer(...)` + an inherited
  // external `.train()` is the repository's SFTTrainer at work.
  // Only a milestone of the repository takes the lead, never a predicate or a config read beside it.
  for (const step of order) {
    // A milestone before a building block passed to it (`CrossEncoderTrainer(loss=BinaryCrossEntropyLoss(...))`).
    const mine = (c: CallSite) => c.resolution.kind === 'repo' && nameCall(c).role !== 'configure';
    const milestone = step.calls.findIndex((c) => mine(c) && MILESTONE_ROLES.has(nameCall(c).role));
    const own = milestone >= 0 ? milestone : step.calls.findIndex((c) => mine(c) && c.definition?.kind === 'class');
    // (Not over the repository's own method whose class is not known, `ds.cast_column("image", Image())`
    // on a union of dataset classes: it is the step; the feature class is its argument.)
    if (step.calls[0].resolution.kind !== 'repo' && !isRepoUnresolved(step.calls[0].resolution) && own > 0) {
      const before = nameCall(step.calls[0]);
      step.calls.unshift(...step.calls.splice(own, 1));
      // A bare verb of an external method (`trainer.train()`) says less than the repository's call doing
      // the same work: `SFTTrainer(...)` + `.train()` is Train SFT (SFT_Training), not Train (Training).
      const lead = nameCall(step.calls[0]);
      if (!before.object.length && lead.object.length && lead.role === before.role) {
        step.title = titleOf(lead);
        step.principle = principleOf(lead);
      }
    }
    // A method the instance inherits from a base class of the repository (`agent.run()`, defined on
    // MultiStepAgent) is the subclass at work: `ToolCallingAgent(...)` + `.run()` is not `CodeAgent(...)` + `.run()`.
    // (Not for a call that names no action of the library's, `classify.deepcopy()` on a ChainOfThought:
    // "Call Deepcopy" is that call's title, not the class's.)
    const made = nameCall(step.calls[0]).role === 'other' ? -1 : inheritedBy(step.calls[0], step.calls);
    if (made > 0) {
      // Titled by the method and the class at work: `agent.run()` on a CodeAgent is "Run Code Agent".
      const n = nameCall(step.calls[0]);
      if (!n.object.length) {
        const named = { ...n, object: objectTokens(tokens(step.calls[made].callee.split('.').pop()!), n.verb.toLowerCase()) };
        step.title = titleOf(named);
        step.principle = principleOf(named);
      }
      step.calls.unshift(...step.calls.splice(made, 1));
    }
    // A bare verb of the repository's own method says less than the class made for it in the step, when
    // the class says that verb: `trainer = DPOTrainer(...)` + `trainer.train()` is Train DPO (DPO_Training),
    // as when `.train()` is another library's (above) or the trainer is made apart from it
    // (madeForLaterStep); `Server(...)` + `server.run()` is no "Start Server".
    const bare = nameCall(step.calls[0]);
    const receiver = step.calls[0].callee.split('.')[0];
    const maker = !bare.object.length && step.title === titleOf(bare) ? step.calls.slice(1).find((c) => isConstructor(c) && c.assignedTo.includes(receiver)) : undefined;
    const byMaker = maker && nameCall(maker);
    if (byMaker && byMaker.verb === bare.verb && byMaker.object.length) {
      step.title = titleOf(byMaker);
      step.principle = principleOf(byMaker);
    }
  }
  madeForLaterStep(order);
  madeBeforeUse(order);
  for (const step of order) namedByWhatItRuns(step);
  steps.push(...mergeAlternatives(order));
  return fitSteps(steps.map((st) => (ways.has(st.calls[0]) ? withSharedName(withAlternatives(st, ways.get(st.calls[0])!)) : st)));
}

/** A route's path as written: a string literal that starts with `/` (or is `*`). */
const ROUTE_PATH = /^(['"`])(\/[^'"`]*|\*)\1$/;
/** A function written inline: an arrow function, a function expression, a Python `lambda`. */
const INLINE_FUNCTION = /^(async\s+)?(\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>|^(async\s+)?function\b|^lambda\b/;

/** Is the call given a route's path first, and a function written inline after it (the route's handler)? */
function definesRoute(c: CallSite): boolean {
  const values = c.argNames.map((n) => c.argValues?.[n]?.trim() ?? '');
  return values.length >= 2 && ROUTE_PATH.test(values[0]) && values.slice(1).some((v) => INLINE_FUNCTION.test(v));
}

const withSharedName = (st: DraftStep): DraftStep => ({ ...st, ...sharedName(st) });

/**
 * An object is made before it is used: a step that makes one (`ai = new GoogleGenAI()`) goes before the
 * first step that calls through the name it is kept in (`ai.environments.get(...)`). Steps run in the
 * order of their lines, and a sample's helpers, written above the `main` that makes the client and hands
 * it to them, came first: js-genai's environments sample was Get Environment > ... > Create GoogleGenAI
 * Client. In place.
 */
function madeBeforeUse(order: DraftStep[]): void {
  for (const made of [...order]) {
    const c = made.calls[0];
    if (!isConstructor(c) || c.assignedTo.length !== 1) continue;
    const v = c.assignedTo[0];
    // (A name bound again, `client = A()` ... `client = B()`, keeps each use with its own making.)
    if (order.some((st) => st.calls.some((d) => d !== c && d.assignedTo.includes(v)))) continue;
    const at = order.indexOf(made);
    const first = order.findIndex((st, i) => i < at && st.calls.some((d) => d.callee.startsWith(`${v}.`)));
    if (first < 0) continue;
    order.splice(at, 1);
    order.splice(first, 0, made);
  }
}

/**
 * A bare Run, Serve or Start names what it runs: the variable it is given first (`Runner.run(agent, ...)`,
 * `run(agent, ...)` → Run Agent, Agent_Execution), else the instance it is called on (`server.run()` →
 * Run Server), never the class that runs (`runner.run`). In place; a step already named otherwise keeps
 * its name (`agent.run()` on a CodeAgent is Run Code Agent).
 */
function namedByWhatItRuns(step: DraftStep): void {
  const c = step.calls[0];
  const n = nameCall(c);
  if (n.role !== 'run' || n.object.length || n.verbless || step.title !== titleOf(n)) return;
  // (A variable as the user spells it: `agent`, `triage_agent`, `pirateAgent`.)
  const word = (w: string | undefined) => !!w && /^[a-z][A-Za-z_]{2,}$/.test(w) && !STOP_TOKENS.has(w);
  const first = c.argNames.length ? c.argValues?.[c.argNames[0]]?.trim() : undefined;
  const parts = c.callee.split('.');
  const receiver = parts.length === 2 && onInstance(c) ? parts[0] : undefined;
  const agent = (w: string) => tokens(w).some((t) => t.startsWith(n.verb.toLowerCase()));
  const object = word(first) && !agent(first!) ? valueObject(first!, '') : word(receiver) && !agent(receiver!) ? instanceObject(receiver!, c) : [];
  if (!object.length) return;
  step.title = titleOf({ ...n, object });
  step.principle = principleOf({ ...n, object });
}

/**
 * What an instance that runs is, in words: the variable as the user spells it, but as the thing its class
 * is (the class's head noun): `support_agent.run()` on an Agent runs the Support Agent, `notetaker.run()`
 * the Agent (a variable named for the example's story names no concept of the library: its principle was
 * Notetaker_Execution), `joke_generation_agent.run()` the Generation Agent (not "Joke Generation"); a
 * variable that says which of its words it is keeps its own (`server.start()` of MCPServerStdio: Start Server).
 */
function instanceObject(receiver: string, c: CallSite): string[] {
  const spelled = valueObject(receiver, '');
  const cls = c.definition?.kind === 'method' ? classWords(c) : [];
  if (!cls.length) return spelled;
  const words = tokens(receiver).filter((t) => t.length > 1 && !VALUE_WORDS.has(t));
  // The last word of the variable that is a word of the class (`server` of MCPServerStdio), with the word before it.
  let at = -1;
  words.forEach((t, i) => {
    if (cls.includes(t)) at = i;
  });
  if (at < 0) return objectTokens(cls.slice(-2), '');
  return objectTokens(words.slice(Math.max(0, at - 1), at + 1), '');
}

/**
 * A constructor named by what its class does (`OnlineDPOTrainer` → Train Online DPO) that stays a step
 * of its own (its instance is first given a callback) only makes the object whose later bare call does
 * that work (`trainer.train()`, "Train"): the making is Create Online DPO Trainer, the bare call takes the
 * class's name, Train Online DPO (`Trainer` + `.train()`: Create Trainer, Train; not Train, Train Trainer).
 * In place.
 */
function madeForLaterStep(order: DraftStep[]): void {
  order.forEach((step, i) => {
    const c = step.calls[0];
    if (!isConstructor(c) || c.assignedTo.length !== 1 || step.alternatives) return;
    const made = nameCall(c);
    if (!MILESTONE_ROLES.has(made.role)) return;
    const v = c.assignedTo[0];
    const work = order.slice(i + 1).find((s) => {
      const d = s.calls[0];
      if (!d.callee.startsWith(`${v}.`) || d.callee.split('.').length !== 2) return false;
      const bare = nameCall(d);
      return bare.role === made.role && !bare.object.length;
    });
    if (!work) return;
    // A class that says what it is, not what it does (a server is made, then run): the bare call runs
    // that object, `app = Server(...)` then `app.run()` is Run Server; the making keeps its name.
    if (made.verb === DEFAULT_CONSTRUCTOR.title) {
      const runs = { ...nameCall(work.calls[0]), object: made.object };
      work.title = titleOf(runs);
      work.principle = principleOf(runs);
      return;
    }
    work.title = step.title;
    work.principle = step.principle;
    const setup: Naming = { role: DEFAULT_CONSTRUCTOR.role, verb: DEFAULT_CONSTRUCTOR.title, noun: DEFAULT_CONSTRUCTOR.noun, object: objectTokens(tokens(c.callee.split('.').pop()!), '') };
    step.role = setup.role;
    step.title = titleOf(setup);
    step.principle = principleOf(setup);
  });
}

/**
 * An object built, then built again into the same variable with another class before anything uses it
 * (a docs block that lists `model = InferenceClientModel()`, `model = LiteLLMModel()`, ...): ways to build
 * one object, the later ones alternatives of the first (in no other arm of an `if` from each other).
 */
function rebuiltWays(api: CallSite[]): Map<CallSite, CallSite[]> {
  const out = new Map<CallSite, CallSite[]>();
  const taken = new Set<CallSite>();
  api.forEach((c, i) => {
    if (taken.has(c) || !isConstructor(c) || c.assignedTo.length !== 1) return;
    const v = c.assignedTo[0];
    const found: CallSite[] = [];
    for (const d of api.slice(i + 1)) {
      if (d.uses.includes(v) || d.callee.startsWith(`${v}.`)) break;
      if (!d.assignedTo.includes(v)) continue;
      if (!isConstructor(d) || d.assignedTo.length !== 1 || callKey(d) === callKey(c) || partingArms(c, d)) break;
      found.push(d);
      taken.add(d);
    }
    if (found.length) out.set(c, found);
  });
  return out;
}

/** A method of an SDK client's resource (`client.messages.batches.create`): it returns the service's answer. */
const isResourceCall = (c: CallSite) => /^[a-z_$][\w$]*(\.[A-Za-z_$][\w$]*){2,}$/.test(c.callee);

/** The call each method call is chained on (`f(x).g()`: g's receiver is f(x)), when it has one. */
function chainReceivers(calls: CallSite[]): Map<CallSite, CallSite> {
  const out = new Map<CallSite, CallSite>();
  for (const d of calls) {
    if (!/\)\s*\.\s*[A-Za-z_$][\w$]*$/.test(d.callee)) continue;
    // The receiver: of the calls inside it that start where it starts, the last to run before it.
    let on: CallSite | undefined;
    for (const c of calls) if (c !== d && sameStart(c, d) && c.site.end <= d.site.end && ranBefore(c, d) && (!on || ranBefore(on, c))) on = c;
    if (on) out.set(d, on);
  }
  return out;
}

/** Do two calls start at the same place of one file (and cell): one is the head of the other's chain? */
export const sameStart = (c: CallSite, d: CallSite) => c.site.path === d.site.path && c.site.cell === d.site.cell && c.site.start === d.site.start;

/** Compares two execution orders ([cell, statement line, post-order rank]). */
function compareOrder(x: number[], y: number[]): number {
  for (let k = 0; k < Math.max(x.length, y.length); k++) if ((x[k] ?? -1) !== (y[k] ?? -1)) return (x[k] ?? -1) - (y[k] ?? -1);
  return 0;
}

/** Does `c` run before `d` in their source (post-order: a receiver and the arguments before the call)? */
/**
 * A method of the library called on an object (not a class) to make something on the service behind it
 * (`indexModel = pc.createIndex(...)` before `pc.index({ host: indexModel.host })`; `file =
 * client.files.create(...)` before the job that trains on it): a milestone of its own, not a part of the
 * call that uses its answer.
 */
function madeOnService(c: CallSite): boolean {
  const parts = c.callee.split('.');
  if (parts.length < 2 || !/^[a-z_]/.test(parts[0]) || parts[0] === 'self' || c.resolution.kind !== 'repo' || c.definition?.kind !== 'method') return false;
  const verb = /^_*([a-z]+)/.exec(parts[parts.length - 1])?.[1];
  return verb !== undefined && SERVICE_MAKERS.has(verb);
}

const ranBefore = (c: CallSite, d: CallSite) => compareOrder(c.order ?? [], d.order ?? []) < 0;

/** Every arm around a call, outermost first. */
const armsOf = (c: CallSite): Arm[] => c.arms ?? (c.branch ? [c.branch] : []);
const sameConstruct = (x: Arm, y: Arm) => x.kind === y.kind && x.at.path === y.at.path && x.at.line === y.at.line && x.at.cell === y.at.cell;

/**
 * Where two calls part ways: the arms each takes at the first construct around both where their arms
 * differ (the `if` of `if args.gguf: ... else: ...`, however deep each call sits inside its arm); none
 * when one runs wherever the other does.
 */
export function partingArms(a: CallSite, b: CallSite): [Arm, Arm] | undefined {
  const x = armsOf(a);
  const y = armsOf(b);
  for (let i = 0; i < Math.min(x.length, y.length) && sameConstruct(x[i], y[i]); i++) if (x[i].arm !== y[i].arm) return [x[i], y[i]];
  return undefined;
}

/**
 * Steps whose main calls sit in different arms of one `if`/`try`/`match` and do the same kind of thing
 * (`if args.save_gguf: save_gguf(...) else: save_merged(...)`, or the GGUF save in the `if` then the
 * merged save after the `return` that ends it) are one step done one way or another, never a sequence.
 * Its title keeps what the alternatives share (Save Model). The step's main call and each alternative
 * carry, as `branch`, their arm of the construct that separates them.
 */
function mergeAlternatives(steps: DraftStep[]): DraftStep[] {
  const out: DraftStep[] = [];
  const related = (a: DraftStep, b: DraftStep) => a.role === b.role || groupOf(a.role) === groupOf(b.role);
  for (const s of steps) {
    const main = s.calls[0];
    // A host whose main call parts from this one at the construct it already branches on (or at any
    // construct when it has no alternative yet), in an arm none of its alternatives takes.
    let join: { host: DraftStep; arms: [Arm, Arm] } | undefined;
    for (const o of out) {
      if (!related(o, s)) continue;
      const arms = partingArms(o.calls[0], main);
      if (!arms) continue;
      const alts = o.alternatives ?? [];
      if (alts.length && (!sameConstruct(o.calls[0].branch!, arms[0]) || alts.some((c) => c.branch!.arm === arms[1].arm) || o.calls[0].branch!.arm !== arms[0].arm)) continue;
      join = { host: o, arms };
      break;
    }
    if (!join) {
      out.push(s);
      continue;
    }
    const { host, arms } = join;
    const lead = host.alternatives?.length ? host.calls[0] : { ...host.calls[0], branch: arms[0] };
    const alt = { ...main, branch: arms[1] };
    host.alternatives = [...(host.alternatives ?? []), alt];
    host.calls = [lead, ...host.calls.slice(1), alt, ...s.calls.slice(1)];
    Object.assign(host, sharedName(host));
  }
  return out;
}

/** The shared part of the names of a step's ways: Save GGUF Model / Save Merged Model → Save Model. */
function sharedName(step: DraftStep): { title: string; principle: string } {
  const names = [step.calls[0], ...(step.alternatives ?? [])].map(nameCall);
  const common = names[0].object.filter((t) => names.every((n) => n.object.includes(t)));
  const receiver = step.calls[0].callee.split('.').slice(-2, -1)[0];
  // Else what the step makes (`model = InferenceClientModel()`, or with LiteLLMModel: Build Model).
  const made = step.calls[0].assignedTo.length === 1 ? step.calls[0].assignedTo[0] : undefined;
  const word = (w: string | undefined) => !!w && /^[a-z][a-z]{2,}$/.test(w);
  const object = common.length ? common : word(receiver) ? [receiver] : word(made) ? [made!] : [];
  const n = { ...names[0], object };
  return { title: titleOf(n), principle: principleOf(n) };
}

/**
 * External calls that are Wrapper Doc steps: milestone-like calls wired to the repository's API by data
 * flow (they use a value a repository call produced, or produce one a repository call uses), and the
 * configuration objects built for those (`BitsAndBytesConfig(...)` passed to the `from_pretrained` whose
 * model the repository prepares).
 */
function wiredExternals(all: CallSite[]): Set<CallSite> {
  const repo = all.filter(isRepoCall);
  const fromRepo = new Set(repo.flatMap((d) => d.assignedTo));
  const intoRepo = new Set(repo.flatMap((d) => d.uses));
  const ext = all.filter((c) => c.resolution.kind === 'external');
  // Calling the object a repository call made (`model = timm.create_model(...)`, then `out = model(x)`,
  // a torch module's forward) runs the library's object, whatever its name says.
  const calledObject = (c: CallSite) => !c.callee.includes('.') && fromRepo.has(c.callee);
  const wired = new Set(ext.filter((c) => calledObject(c) || (nameCall(c).role !== 'other' && (c.uses.some((u) => fromRepo.has(u)) || c.assignedTo.some((v) => intoRepo.has(v))))));
  const intoWired = new Set([...wired].flatMap((d) => d.uses));
  for (const c of ext) if (!wired.has(c) && nameCall(c).role === 'configure' && c.assignedTo.some((v) => intoWired.has(v))) wired.add(c);
  return wired;
}

/** The same definition called again (a loop, a second batch) is one step, at its first use (or at the call built from it). */
function dedupe(calls: CallSite[], keyOf: (c: CallSite) => string): CallSite[] {
  const kept = new Map<string, CallSite>();
  const out: CallSite[] = [];
  for (const c of calls) {
    const key = keyOf(c);
    const first = kept.get(key);
    if (!first) {
      kept.set(key, c);
      out.push(c);
      continue;
    }
    // A second object of the class built from the first (`manager = CodeAgent(managed_agents=[web_agent])`
    // after `web_agent = CodeAgent(...)`) is what the example builds up to: it shows the step.
    if (c.assignedTo.length && first.assignedTo.length && first.assignedTo.some((v) => c.uses.includes(v)) && !c.assignedTo.some((v) => first.assignedTo.includes(v))) {
      out[out.indexOf(first)] = c;
      kept.set(key, c);
    }
  }
  return out;
}

/** A call that asks for its answer as a stream (`stream=True`, `{ stream: true }`). */
const streams = (c: CallSite) => /^(true|True)$/.test(c.argValues?.stream ?? '');

/**
 * The calls of a source that stream an API the source also calls for the whole answer (`create(...)`,
 * then `create(..., stream=True)` and a loop over the chunks): it shows two ways of using the API, two
 * steps (Create Chat Completions, Stream Chat Completions). Streaming alone, it is the API's one step.
 */
function streamedAgain(calls: CallSite[]): Set<CallSite> {
  const whole = new Set(calls.filter((c) => !streams(c)).map(callKey));
  return new Set(calls.filter((c) => streams(c) && whole.has(callKey(c))));
}

/** The streaming way of a call: Create Chat Completions → Stream Chat Completions; Generate → Stream Generation. */
function streamingOf(n: Naming): Naming {
  return { ...n, role: 'infer', verb: 'Stream', noun: 'Streaming', object: n.object.length ? n.object : [n.noun.toLowerCase()] };
}

/** A class being built: the repository's, or an external one by its capitalised name. */
export const isConstructor = (c: CallSite) => c.definition?.kind === 'class' || (c.resolution.kind === 'external' && /^[A-Z]/.test(c.callee.split('.').pop() ?? ''));

/** Does the step make `key` as a method of the object its main call builds (`agent.run` after `agent = CodeAgent(...)`)? */
export const makesOnBuilt = (s: DraftStep, key: string) =>
  callKey(s.calls[0]) !== key && s.calls.some((c) => callKey(c) === key && s.calls[0].assignedTo.some((v) => c.callee.startsWith(`${v}.`)));

/** A step done one more way: each call joins it as an alternative. */
export const withAlternatives = (s: DraftStep, calls: CallSite[]): DraftStep => ({ ...s, calls: [...s.calls, ...calls], alternatives: [...(s.alternatives ?? []), ...calls] });

/** What makes two sources' steps the same step: their main call's API, or the step's own key. */
export const stepKey = (s: DraftStep) => s.key ?? callKey(s.calls[0]) + optionOfStep(s);

/** A step's API whatever topic option it is done with (the streaming way of an API keeps its own key): one step per API in a use case. */
export const stepApi = (s: DraftStep) => s.key ?? sameApi(s.calls[0]);

/**
 * The API a call is a version of: dated versions of one API (`anthropic.tools.webFetch_20250910`, defined in
 * web-fetch-20250910.ts, and `anthropic.tools.webFetch_20260209`) are one API as written, so a use case
 * shows it once. (Mining and each step keep the version.)
 */
export const sameApi = (c: CallSite) => {
  if (DATED_VERSION.test(c.callee)) return `versions:${c.callee.replace(DATED_VERSION, '')}`;
  // The synchronous and asynchronous twins of one API, defined in one file (`Anthropic` and
  // `AsyncAnthropic`, `Completions.create` and `AsyncCompletions.create`: an SDK's client and resource
  // classes) are one API written for either way of running: a use case shows it once.
  const r = c.resolution;
  if (r.kind === 'repo' && !c.command) return `repo:${r.span.path}:${r.qualname.split('.').map((p) => p.replace(SYNC_TWIN, '')).join('.')}`;
  return apiKey(c);
};

/**
 * A step whose main call runs what another of its calls built with a topic option (`trainer.train()` after
 * `Trainer(..., tools=[...])`) is that way of doing the step: training with tools is not plain training.
 */
function optionOfStep(s: DraftStep): string {
  if (optionOf.has(s.calls[0])) return '';
  const alternative = new Set(s.alternatives ?? []);
  const option = s.calls.find((c) => !alternative.has(c) && optionOf.has(c));
  return option ? `(${optionOf.get(option)}=)` : '';
}

/**
 * Calls that pass an option the docs treat as a topic of its own (`group/options.ts`): the option is part
 * of the call's API (`CodeAgent(executor_type=)` is not `CodeAgent`). Kept beside the call, not in the
 * model: it is how this run groups calls, not a fact of the source.
 */
const optionOf = new WeakMap<CallSite, string>();
export const setOption = (c: CallSite, option: string) => optionOf.set(c, option);
/** The topic option the call passes, if any. */
export const topicOption = (c: CallSite) => optionOf.get(c);

export function callKey(c: CallSite): string {
  const option = optionOf.get(c);
  return option === undefined ? apiKey(c) : `${apiKey(c)}(${option}=)`;
}

/** `callKey` with an API's sync and async twins as one (`Anthropic` and `AsyncAnthropic`, see sameApi). */
export function twinKey(c: CallSite): string {
  const option = optionOf.get(c);
  return option === undefined ? sameApi(c) : `${sameApi(c)}(${option}=)`;
}

/** The call's API without the topic option it passes (`CodeAgent(executor_type=)` → `CodeAgent`). */
export function apiKey(c: CallSite): string {
  switch (c.resolution.kind) {
    case 'repo':
      // Two subcommands handled by one function are two steps.
      return `repo:${c.resolution.span.path}:${c.resolution.qualname}${c.command ? `:${c.command.words.join(' ')}` : ''}`;
    case 'external':
      return `ext:${c.resolution.module}:${c.callee.split('.').pop()}`;
    case 'tool':
      return `tool:${c.resolution.command.split(/\s+/)[0]}`;
    case 'pattern':
      return `pattern:${c.site.path}:${c.resolution.name}`;
    case 'unresolved':
      // A method of a repository object is the same API whatever the variable is called.
      return c.resolution.method ? `unresolved:.${c.resolution.method}` : `unresolved:${c.callee}`;
    default:
      return `other:${c.callee}`;
  }
}

const groupOf = (r: Role) => RELATED_ROLES.findIndex((g) => g.includes(r));

/** More than 7 steps: merge adjacent steps of the same role, then of related roles, then the smallest neighbours. */
export function fitSteps(steps: DraftStep[]): DraftStep[] {
  const same = [(a: DraftStep, b: DraftStep) => a.role === b.role, (a: DraftStep, b: DraftStep) => groupOf(a.role) === groupOf(b.role), () => true];
  let out = steps;
  for (const fits of same) {
    while (out.length > 7) {
      let best = -1;
      for (let i = 0; i + 1 < out.length; i++) {
        if (fits(out[i], out[i + 1]) && (best < 0 || out[i].calls.length + out[i + 1].calls.length < out[best].calls.length + out[best + 1].calls.length)) best = i;
      }
      if (best < 0) break;
      // The milestone of the two keeps its name and main call.
      const [a, b] = !MILESTONE_ROLES.has(out[best].role) && MILESTONE_ROLES.has(out[best + 1].role) ? [out[best + 1], out[best]] : [out[best], out[best + 1]];
      const merged: DraftStep = { ...a, calls: [...a.calls, ...b.calls] };
      out = [...out.slice(0, best), merged, ...out.slice(best + 2)];
    }
  }
  return out;
}
