// Every heuristic goldpath uses, as data. docs/heuristics.md explains each table; the algorithms in
// group/ and resolve/ only look things up here.
import type { Role } from '../model.js';

/**
 * A look-up table keyed by names read from the analysed code: an object without a prototype, so a name
 * such as `constructor` or `toString` (sympy's `ArrayConstructor`) finds nothing instead of Object's own.
 */
function table<T extends object>(entries: T): T {
  return Object.assign(Object.create(null) as T, entries);
}

/**
 * Names of a dataset's splits: a verb of VERBS beside another of them names a split, it does nothing
 * (`train_test_split` splits data, it trains nothing; `train_val_split` validates nothing either).
 */
export const SPLIT_NAMES = new Set(['test', 'val', 'valid', 'validation', 'dev', 'eval', 'train']);

/**
 * Verbs that start a name without making it a milestone of any role (`count_tokens`, `enable_model_cpu_
 * offload`, `state.approve`): the step is titled by the verb as written (Count Tokens, not Call Count
 * Tokens) and its principle by the verb's noun (Tokens_Counting); its role stays `other`. Only as a name's
 * first word, and never read as a task word in headings (VERBS are): so not a verb whose noun names a
 * task in a heading ("Data extraction", "Audio processing", "Serialization", "Job submission").
 */
export const ACTION_VERBS: Record<string, string> = table({
  abort: 'Aborting', append: 'Appending', approve: 'Approval', archive: 'Archiving', attach: 'Attachment', bind: 'Binding', blur: 'Blurring', calibrate: 'Calibration', cast: 'Casting', cleanup: 'Cleanup', clear: 'Clearing',
  clone: 'Cloning', close: 'Closing', combine: 'Combination', copy: 'Copying', count: 'Counting', crop: 'Cropping',
  destroy: 'Destruction', detach: 'Detachment', detect: 'Detection', disable: 'Disabling', disconnect: 'Disconnection',
  duplicate: 'Duplication', edit: 'Editing', elicit: 'Elicitation', emit: 'Emission', enable: 'Enabling', extend: 'Extension', fill: 'Filling', finalize: 'Finalization', finish: 'Finishing', fix: 'Fixing', freeze: 'Freezing',
  fuse: 'Fusing', handle: 'Handling', inject: 'Injection', inspect: 'Inspection', invalidate: 'Invalidation', kill: 'Killing', materialize: 'Materialization', move: 'Moving', normalize: 'Normalization', notify: 'Notification',
  pause: 'Pausing', persist: 'Persistence', ping: 'Ping', profile: 'Profiling', propagate: 'Propagation',
  refresh: 'Refreshing', regenerate: 'Regeneration', reject: 'Rejection', rename: 'Renaming', replace: 'Replacement', replay: 'Replay',
  request: 'Request', require: 'Requirement', reset: 'Resetting', resize: 'Resizing', restart: 'Restart', resume: 'Resumption',
  scan: 'Scanning', schedule: 'Scheduling', select: 'Selection', shuffle: 'Shuffling', shutdown: 'Shutdown', stop: 'Stopping', strip: 'Stripping', subscribe: 'Subscription',
  suspend: 'Suspension', sync: 'Synchronization', take: 'Taking', teardown: 'Teardown', terminate: 'Termination', trace: 'Tracing', trigger: 'Triggering', unbatch: 'Unbatching', unfreeze: 'Unfreezing', unfuse: 'Unfusing', unload: 'Unloading',
  unpause: 'Unpausing', unsubscribe: 'Unsubscription', upscale: 'Upscaling',
});

/**
 * A docstring that starts with the name's first word says it is the call's verb (group/steps.ts
 * `saysItDoes`), unless one of these follows it ("Tools are ...", "Index of ..."): the word is a noun.
 */
export const DOC_NOT_AFTER_VERB: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'be', 'can', 'will', 'may', 'should', 'must', 'of', 'for', 'and', 'or', 'to', 'in', 'on', 'with', 'about', 'as']);
/** Words an imperative's object starts with ("Receive a response", "Flush the buffer"). */
export const DOC_DETERMINERS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'all', 'any', 'this', 'its', 'one', 'each', 'every', 'some', 'remaining', 'pending']);

/**
 * Verbs found in API names: the role they give a call and the noun form used in principle names.
 * `domain`: a verb of one field's task, not one every API says (transcribe, not stream or load): a heading
 * that names its noun ("Transcription") names the API's domain.
 */
export const VERBS: Record<string, { role: Role; noun: string; title?: string; domain?: true }> = table({
  load: { role: 'load', noun: 'Loading' },
  from: { role: 'load', noun: 'Loading', title: 'Load' },
  open: { role: 'load', noun: 'Opening' },
  read: { role: 'load', noun: 'Reading' },
  download: { role: 'load', noun: 'Download' },
  fetch: { role: 'load', noun: 'Fetching' },
  pull: { role: 'load', noun: 'Pulling' },
  restore: { role: 'load', noun: 'Restoring' },
  import: { role: 'load', noun: 'Import' },
  init: { role: 'configure', noun: 'Initialization', title: 'Initialize' },
  initialize: { role: 'configure', noun: 'Initialization' },
  setup: { role: 'configure', noun: 'Setup', title: 'Set Up' },
  configure: { role: 'configure', noun: 'Configuration' },
  config: { role: 'configure', noun: 'Configuration', title: 'Configure' },
  set: { role: 'configure', noun: 'Setup', title: 'Set' },
  register: { role: 'configure', noun: 'Registration' },
  connect: { role: 'configure', noun: 'Connection' },
  patch: { role: 'configure', noun: 'Patching' },
  prepare: { role: 'prepare_data', noun: 'Preparation' },
  preprocess: { role: 'prepare_data', noun: 'Preprocessing' },
  format: { role: 'prepare_data', noun: 'Formatting' },
  tokenize: { role: 'prepare_data', noun: 'Tokenization' },
  encode: { role: 'prepare_data', noun: 'Encoding' },
  transform: { role: 'prepare_data', noun: 'Transformation' },
  convert: { role: 'prepare_data', noun: 'Conversion' },
  split: { role: 'prepare_data', noun: 'Splitting' },
  filter: { role: 'prepare_data', noun: 'Filtering' },
  clean: { role: 'prepare_data', noun: 'Cleaning' },
  collate: { role: 'prepare_data', noun: 'Collation' },
  map: { role: 'prepare_data', noun: 'Mapping' },
  parse: { role: 'prepare_data', noun: 'Parsing' },
  validate: { role: 'evaluate', noun: 'Validation' },
  build: { role: 'build', noun: 'Building' },
  create: { role: 'build', noun: 'Creation' },
  make: { role: 'build', noun: 'Creation', title: 'Make' },
  compile: { role: 'build', noun: 'Compilation' },
  add: { role: 'build', noun: 'Addition' },
  apply: { role: 'build', noun: 'Application' },
  wrap: { role: 'build', noun: 'Wrapping' },
  get: { role: 'build', noun: 'Retrieval', title: 'Get' },
  // What an SDK says of one of its resources (`describeIndex`, `describe_collection`): not "Index Describe".
  describe: { role: 'build', noun: 'Description' },
  merge: { role: 'build', noun: 'Merging' },
  quantize: { role: 'build', noun: 'Quantization' },
  train: { role: 'train', noun: 'Training' },
  fit: { role: 'train', noun: 'Fitting' },
  finetune: { role: 'train', noun: 'Finetuning', title: 'Fine-Tune' },
  pretrain: { role: 'train', noun: 'Pretraining' },
  optimize: { role: 'train', noun: 'Optimization' },
  learn: { role: 'train', noun: 'Learning' },
  step: { role: 'train', noun: 'Stepping' },
  evaluate: { role: 'evaluate', noun: 'Evaluation' },
  eval: { role: 'evaluate', noun: 'Evaluation', title: 'Evaluate' },
  test: { role: 'evaluate', noun: 'Testing' },
  score: { role: 'evaluate', noun: 'Scoring' },
  benchmark: { role: 'evaluate', noun: 'Benchmarking' },
  compute: { role: 'evaluate', noun: 'Computation' },
  measure: { role: 'evaluate', noun: 'Measurement' },
  check: { role: 'evaluate', noun: 'Checking' },
  generate: { role: 'infer', noun: 'Generation' },
  predict: { role: 'infer', noun: 'Prediction' },
  infer: { role: 'infer', noun: 'Inference' },
  inference: { role: 'infer', noun: 'Inference', title: 'Run Inference' },
  complete: { role: 'infer', noun: 'Completion' },
  chat: { role: 'infer', noun: 'Chat' },
  sample: { role: 'infer', noun: 'Sampling' },
  decode: { role: 'infer', noun: 'Decoding' },
  embed: { role: 'infer', noun: 'Embedding' },
  transcribe: { role: 'infer', noun: 'Transcription', domain: true },
  translate: { role: 'infer', noun: 'Translation', domain: true },
  query: { role: 'infer', noun: 'Querying' },
  search: { role: 'infer', noun: 'Search' },
  rank: { role: 'infer', noun: 'Ranking' },
  rerank: { role: 'infer', noun: 'Reranking' },
  render: { role: 'infer', noun: 'Rendering' },
  stream: { role: 'infer', noun: 'Streaming' },
  send: { role: 'infer', noun: 'Sending' },
  call: { role: 'infer', noun: 'Invocation' },
  invoke: { role: 'infer', noun: 'Invocation' },
  retrieve: { role: 'load', noun: 'Retrieval' },
  list: { role: 'load', noun: 'Listing' },
  poll: { role: 'load', noun: 'Polling' },
  paginate: { role: 'load', noun: 'Pagination' },
  wait: { role: 'run', noun: 'Waiting' },
  update: { role: 'configure', noun: 'Update' },
  delete: { role: 'save', noun: 'Deletion' },
  remove: { role: 'save', noun: 'Removal' },
  cancel: { role: 'run', noun: 'Cancellation' },
  verify: { role: 'evaluate', noun: 'Verification' },
  unwrap: { role: 'prepare_data', noun: 'Unwrapping' },
  dispatch: { role: 'load', noun: 'Dispatch' },
  distribute: { role: 'run', noun: 'Distribution' },
  accumulate: { role: 'train', noun: 'Accumulation' },
  backward: { role: 'train', noun: 'Backpropagation', title: 'Backpropagate' },
  gather: { role: 'evaluate', noun: 'Gathering' },
  reduce: { role: 'evaluate', noun: 'Reduction' },
  upsert: { role: 'save', noun: 'Upsert' },
  insert: { role: 'save', noun: 'Insertion' },
  index: { role: 'build', noun: 'Indexing' },
  save: { role: 'save', noun: 'Saving' },
  export: { role: 'save', noun: 'Export' },
  write: { role: 'save', noun: 'Writing' },
  dump: { role: 'save', noun: 'Dumping' },
  push: { role: 'save', noun: 'Publishing', title: 'Push' },
  upload: { role: 'save', noun: 'Upload' },
  publish: { role: 'save', noun: 'Publishing' },
  store: { role: 'save', noun: 'Storage' },
  // A database session's (or a repository's) changes made permanent.
  commit: { role: 'save', noun: 'Commit' },
  serve: { role: 'run', noun: 'Serving' },
  deploy: { role: 'run', noun: 'Deployment' },
  run: { role: 'run', noun: 'Execution' },
  execute: { role: 'run', noun: 'Execution' },
  start: { role: 'run', noun: 'Startup' },
  launch: { role: 'run', noun: 'Launch' },
  main: { role: 'run', noun: 'Execution', title: 'Run' },
  plot: { role: 'evaluate', noun: 'Plotting' },
  visualize: { role: 'evaluate', noun: 'Visualization' },
  show: { role: 'evaluate', noun: 'Display' },
  log: { role: 'evaluate', noun: 'Logging' },
  print: { role: 'evaluate', noun: 'Printing' },
});

/** Words of a base class's name that say how it is built, not what it is (`ModelMixin` → Model). */
export const CLASS_SCAFFOLD_WORDS = new Set(['mixin', 'base', 'abstract', 'generic']);

/** Words after which a class name only qualifies its head noun (`TestEmbedAPIWithYieldPredict` is an API). */
export const CLASS_NAME_PREPOSITIONS: ReadonlySet<string> = new Set(['with', 'for', 'to', 'from', 'of', 'in', 'on', 'into']);

/**
 * Verbs (VERBS) that also name a thing: as the last word of a class name after another word they are its
 * head noun, not its action (`ActionStep`, `PlanningStep`: smolagents' memory steps were "Step Action"
 * and "Step Step"; `BleuScore`, `ImageFilter`). A one-word class (`dspy.Predict`) keeps its verb.
 */
export const CLASS_HEAD_NOUNS = new Set(['step', 'score', 'sample', 'update', 'split', 'filter', 'map', 'patch', 'export', 'import', 'dump', 'format']);

/**
 * Methods that render an object as text or plain data (`message.model_dump_json(indent=2)`,
 * `accumulated.to_json()`, `item.toJSON()`): reporting when what they give is only printed or logged.
 */
export const SERIALIZER_NAMES = new Set(['model_dump_json', 'model_dump', 'to_json', 'to_dict', 'to_json_dict', 'toJSON', 'json', 'dict', 'dump_json', 'dump_python', 'to_string', 'toString']);

/**
 * Boilerplate: calls that never make a step, whatever they resolve to (argument parsing, printing and
 * reporting, logging, availability/version/device checks, seeding, path handling). Matched on the
 * called name as written (its last dotted segment).
 */
export const BOILERPLATE_NAMES = new Set([
  'print', 'pprint', 'print_trainable_parameters', 'print_summary', 'summary', 'set_seed', 'seed_everything',
  'manual_seed', 'seed', 'parse_args', 'parse_known_args', 'parse_args_and_config', 'parse_args_into_dataclasses',
  'parse_dict', 'parse_json_file', 'parse_yaml_file', 'add_argument', 'add_argument_group', 'add_subparsers',
  'add_mutually_exclusive_group', 'get_logger', 'getLogger', 'basicConfig', 'get_device', 'device_count',
  'empty_cache', 'synchronize', 'makedirs', 'mkdir', 'disable_progress_bar', 'enable_progress_bar',
  // Moving a model or tensor to a device (`pipe.to("cuda")`).
  'to', 'cuda', 'cpu',
  // The promise protocol, even where an SDK overrides it.
  'then', 'catch', 'finally',
  // Event wiring: the milestone is the call that produces the events, not the subscription.
  'on', 'off', 'once', 'addListener', 'removeListener', 'addEventListener', 'removeEventListener',
  // Synchronisation and cleanup around the real work.
  'wait_for_everyone', 'barrier', 'end_training', 'destroy_process_group', 'free_memory', 'release_memory',
]);

/**
 * Test frameworks and their mocking libraries (the external module a call resolves to, or its first
 * segment): a fixture, a parametrisation, a mock or an assertion is never a step (`@pytest.fixture` was
 * huggingface_hub's snapshot download step "Define Fixture").
 */
export const TEST_FRAMEWORK_MODULES = new Set([
  'pytest', '_pytest', 'pytest_asyncio', 'pytest_mock', 'hypothesis', 'responses', 'respx', 'freezegun', 'syrupy', 'inline_snapshot',
  'vitest', 'jest', '@jest/globals', 'mocha', 'chai', 'sinon', 'nock', 'msw', 'node:test', 'supertest', 'ava', 'tap',
]);

/** Name shapes of boilerplate calls (predicates, version checks, logging and argument helpers, paths). */
export const BOILERPLATE_PATTERNS: RegExp[] = [
  /^(is|are|has|can|should)_[a-z0-9_]+$/, // predicates: is_vllm_available, is_bfloat16_supported, are_progress_bars_disabled
  /^([a-z0-9]+_)*exists?$/, // existence checks: collection_exists, repo_exists, files.exists, clientExists
  /^(enable|disable)_([a-z0-9]+_)*progress_bars?$/, // display switches: disable_progress_bars, enable_tqdm_progress_bar
  /^[a-z0-9_]+_(available|supported|installed|enabled)$/,
  /^(check|require|ensure|assert|verify)_[a-z0-9_]*(version|compat)[a-z0-9_]*$/,
  /^[a-z0-9_]*_(version|compat|compatibility)_checks?$/, // torchvision_compatibility_check
  /^(print|warn|report)_[a-z0-9_]+$/, // print_rank_0, print_trainable_parameters
  /^[a-z0-9_]+_to_(markdown|md|html)(_table)?$|^[a-z0-9_]+_to_table$/, // results formatted for display: benchmark_dict_to_markdown_table
  // Logging what happens (log_metrics, log_say, log_rerun_data, log_tool_action_error); not the math of
  // logarithms (log_softmax, log_prob) nor logging a model to a tracker, which saves it (mlflow's log_model).
  /^log_(?!(softmax|sigmoid|probs?|likelihoods?|sum|det|normal|model)(_|$))[a-z0-9_]+$/,
  /^(save|write|dump)_(metrics?|stats|results)$/, // trainer.save_metrics("eval", metrics): reporting, like log_metrics
  /^(parse|get|build|make)_[a-z_]*args[a-z_]*$/, // get_args, parse_cli_args, make_args
  /^[A-Za-z]*Argument(s)?Parser$/, // ArgumentParser, HfArgumentParser
  /^set_(verbosity|logging|log_level)[a-z_]*$/,
  /^(get|setup|set_up|configure|init)_([a-z]+_)?logg(er|ing)$/, // setup_default_logging, get_root_logger
  // Seeding, under any of its names: timm's random_seed, set_random_seed, manual_seed_all, seed_worker, seeded_context.
  /^((set|setup|set_up|init|fix|reset|random|global|manual)_)+seeds?(_all|_everything)?$|^seed_(all|everything|torch|random|workers?|rng)$|^seeded_[a-z_]+$/,
  /^([A-Z][A-Za-z0-9]*)?(Logging|Log)(Handler|Formatter)$|^([A-Z][A-Za-z0-9]*)?Logger$/, // LoggingHandler(), WandbLogger(...)
  /^(get|make|ensure|create|resolve)_[a-z0-9_]*(dir|path)s?$/,
  /^(get|prepare|setup|set_up|init|select|pick)_[a-z0-9_]*device[a-z0-9_]*$/, // prepare_device_map, get_device
  /^(infer|detect|find|choose)_([a-z0-9]+_)*device$/, // infer_device, find_device (not infer_auto_device_map, a step of big-model dispatch)
  /^[A-Z][A-Za-z0-9]*(Error|Exception|Warning)$/, // raising or catching an error is no milestone
];

/**
 * Mode switches: `model.train()` / `model.eval()` with no argument on a model-like receiver set a flag
 * (PyTorch's training mode); `trainer.train()` is a milestone and keeps its step.
 */
export const MODE_SWITCH = { methods: new Set(['train', 'eval']), receiver: /(^|_)(model|net|network|module|encoder|decoder|unet|transformer|backbone|policy)$/i };

/**
 * Python's name for an alternative constructor: a classmethod that returns `cls(...)`, an instance of the
 * class it is called through (`from_pretrained`, `from_config`, `from_dict`), even when a repository class
 * inherits it from another library's base.
 */
export const ALTERNATIVE_CONSTRUCTOR = /^from_[a-z]/;

/** The standard library's `copy` functions: a method returning one of them of `self` returns its own class. */
export const SELF_COPIES = new Set(['copy', 'deepcopy']);

/**
 * Methods that return the object they are called on (PyTorch's convention for moving a module to a device
 * or switching its mode): `pipe = Factory.from_pretrained(...).to("cuda")` is still the factory's object.
 */
export const FLUENT_METHODS = new Set(['to', 'cuda', 'cpu', 'half', 'float', 'double', 'bfloat16', 'eval', 'train', 'requires_grad_']);

/** Methods that log when called on a logger-like receiver (`logger.info`, `log.warning`). */
export const LOG_METHODS = new Set(['info', 'debug', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'trace']);
/** Of those, the names that log when called bare (a module's own `debug(...)`); `trace(...)` opens a span, `info` is a getter. */
export const BARE_LOG_NAMES = new Set(['debug', 'warning', 'warn', 'error', 'log']);

/**
 * Class-name endings that give a constructor its role when its name has no verb. The ending leaves the
 * object (`SFTTrainer` → Train SFT) unless `keep`: a verb that does not say what it makes keeps it
 * (`LocalTokenizer` → Load Local Tokenizer, not Load Local; `ImageDataset` → Prepare Image Dataset).
 */
export const CLASS_SUFFIX_ROLES: { suffix: string; role: Role; title: string; noun: string; keep?: boolean }[] = [
  { suffix: 'config', role: 'configure', title: 'Configure', noun: 'Configuration' },
  { suffix: 'configuration', role: 'configure', title: 'Configure', noun: 'Configuration' },
  { suffix: 'arguments', role: 'configure', title: 'Configure', noun: 'Configuration' },
  { suffix: 'args', role: 'configure', title: 'Configure', noun: 'Configuration' },
  { suffix: 'options', role: 'configure', title: 'Configure', noun: 'Configuration' },
  { suffix: 'settings', role: 'configure', title: 'Configure', noun: 'Configuration' },
  { suffix: 'params', role: 'configure', title: 'Configure', noun: 'Configuration' },
  // A training or evaluation example is a record of data, made to be handed to the work (a trainset,
  // a devset), as a configuration object is: dspy's `dspy.Example(question=..., answer=...)`,
  // sentence-transformers' `InputExample(texts=[...], label=...)`.
  { suffix: 'example', role: 'configure', title: 'Create', noun: 'Creation', keep: true },
  { suffix: 'trainer', role: 'train', title: 'Train', noun: 'Training' },
  { suffix: 'dataset', role: 'prepare_data', title: 'Prepare', noun: 'Preparation', keep: true },
  { suffix: 'loader', role: 'prepare_data', title: 'Prepare', noun: 'Preparation', keep: true },
  { suffix: 'tokenizer', role: 'load', title: 'Load', noun: 'Loading', keep: true },
  // A client and a session keep their names: `QdrantClient()` is Create Qdrant Client (not "Create
  // Qdrant"), `AsyncClient()` Create Async Client, `RealtimeSession` Create Realtime Session.
  { suffix: 'client', role: 'configure', title: 'Create', noun: 'Setup', keep: true },
  { suffix: 'session', role: 'configure', title: 'Create', noun: 'Setup', keep: true },
  { suffix: 'pipeline', role: 'build', title: 'Build', noun: 'Building' },
  { suffix: 'model', role: 'build', title: 'Build', noun: 'Building' },
  { suffix: 'renderer', role: 'build', title: 'Create', noun: 'Setup' },
  // A tool or an agent object is made, not run: `WebSearchTool()` searches nothing yet. Its name is kept:
  // Create Web Search Tool, Create Code Agent (not "Create Web Search", "Create Code").
  { suffix: 'tool', role: 'build', title: 'Create', noun: 'Setup', keep: true },
  { suffix: 'agent', role: 'build', title: 'Create', noun: 'Setup', keep: true },
  { suffix: 'evaluator', role: 'evaluate', title: 'Evaluate', noun: 'Evaluation' },
  // A server object is made too (a milestone of serving): `.run()`, `.connect(transport)`, `.listen()`
  // start it. `McpServer(...)` is Create MCP Server, not "Start MCP".
  { suffix: 'server', role: 'run', title: 'Create', noun: 'Setup', keep: true },
];

/**
 * A parameter that names pretrained weights to fetch (`model_name_or_path`, `checkpoint_dir`, `repo_id`):
 * a constructor given one loads (`CrossEncoder("cross-encoder/ms-marco-MiniLM-L6-v2")` is Load Cross
 * Encoder, a milestone of its own, not a setup folded into the first call on the instance). Not a bare
 * `model_id`: an API client names its remote model so (`LiteLLMModel(model_id="claude-...")` loads nothing).
 */
export const LOAD_PARAMETER = /(?:^|_)(?:name_or_path|path_or_name|repo_id)$|^pretrained_|^checkpoint(?:_dir|_path)?$/;

/**
 * A module that holds an SDK's client (`anthropic/_client.py`, `src/client.ts`): a class it defines is a
 * client even when its name is the service's alone (`Anthropic()`, `OpenAI()`, `GoogleGenAI()` are Create
 * Anthropic Client, ...: what the user makes is a client, not "an Anthropic").
 */
export const CLIENT_MODULE = /(?:^|\/)_?(?:async_?|sync_?)?clients?\.(?:py|[cm]?[jt]s)$/i;

/** A React-style hook's name: `use` then a capital (`useChat`, `useUIState`). */
export const HOOK_NAME = /^use[A-Z]/;

/** The role a constructor gets when nothing above matches. */
export const DEFAULT_CONSTRUCTOR = { role: 'build' as Role, title: 'Create', noun: 'Setup' };

/** Roles that are milestones on their own; other roles merge into the milestone they serve. */
export const MILESTONE_ROLES: ReadonlySet<Role> = new Set(['load', 'prepare_data', 'train', 'evaluate', 'infer', 'save', 'run']);
/**
 * Roles of methods a base class does the same way for every subclass (a mixin's `save`, `load_state`): such
 * a method called on an instance is the step itself, never the subclass built for it (group/steps).
 */
export const PERSISTENCE_ROLES: ReadonlySet<Role> = new Set(['save', 'load']);
/**
 * Verbs that act on many items of an SDK resource (`client.files.list` lists files): the resource's
 * collection name stays plural; any other verb acts on one (`client.messages.create` creates a message,
 * `client.chat.completions.stream` streams a chat completion), said in the singular (group/steps).
 */
export const MANY_ITEM_VERBS: ReadonlySet<string> = new Set(['list', 'search', 'query', 'find', 'filter', 'count', 'scan', 'paginate', 'iterate', 'browse', 'batch']);
/**
 * What a `get_*` retrieves even when its definition returns a class instance: data about a thing
 * (`sandbox.get_info()` → SandboxInfo is Get Info, not "Create Info"), unlike `get_peft_model`, which makes one.
 */
export const RETRIEVED_NOUNS: ReadonlySet<string> = new Set(['info', 'information', 'status', 'state', 'details', 'metadata', 'stats', 'statistics', 'url', 'urls', 'version', 'config', 'settings', 'logs', 'usage', 'host', 'metrics', 'schema']);
/** Words ending in `s` that are not plurals (a resource named `status`, `news`, `series`, `analysis`). */
export const NOT_PLURAL = /(ss|us|is|news|series|species|ics)$/;
/** Plurals of words that end in `e` after `ch` or a single `z` (`caches`, `niches`, `sizes`): only the `s` goes. */
export const E_PLURALS = /(?:cach|nich|[^z]z)es$/;
/** A date that ends an API's name, one version of it (`webFetch_20250910`, `computer_2025_01_24`). */
export const DATED_VERSION = /[_-]?(?:19|20)\d\d[_-]?[01]\d[_-]?[0-3]\d$/;
/**
 * What marks the asynchronous one of a pair of classes (`AsyncAnthropic`, `AsyncCompletions`). Not
 * `run_sync` beside `run`, nor `async_mcp_tool` beside `mcp_tool`: two functions are two APIs that a
 * page may show side by side (openai-agents-python's quick start runs `Runner.run` and `Runner.run_sync`).
 */
/**
 * A callee that is an item of a name (`Agent[Deps, Out]`, `sam_model_registry["vit_h"]`,
 * `registry[sys.argv[1]]`): a generic class parameterised, or an item of a container, then called.
 */
export const SUBSCRIPTED_CALLEE = /^[A-Za-z_][\w.]*\s*\[.*\]$/s;

export const SYNC_TWIN = /^Async(?=[A-Z])/;
/** The suffix of a function's blocking or asynchronous twin (`run_sync` beside `run`, `complete_async`, `runSync`): a mode, not an object. */
export const SYNC_SUFFIX = /(?<=[a-z0-9])(_a?sync|Async|Sync)$/;
/**
 * Roles whose call returns a result to read (an answer, a run's result), not an object to use: a verbless
 * method on that result (`result.to_state()`, `stream.finalMessage()`) takes it another way (group/steps).
 */
export const RESULT_ROLES: ReadonlySet<Role> = new Set(['infer', 'run', 'train', 'evaluate']);

/**
 * Roles a use case has one milestone of: a source whose most distinctive call of the role differs from a
 * leader's (and neither makes the other's) does not join it. A trainer defines a use case; several loads
 * or saves do not.
 */
export const EXCLUSIVE_ROLES: ReadonlySet<Role> = new Set(['train']);

/** Roles close enough to merge when a workflow has more than 7 steps (clarification 4). */
export const RELATED_ROLES: Role[][] = [
  ['configure', 'build', 'load'],
  ['prepare_data'],
  ['train', 'evaluate'],
  ['infer'],
  ['save', 'run'],
  ['other'],
];

/** Prepositions a call's name may put before a word of its object (`push_to_hub`, `AutoModelForCausalLM`): kept in step titles. */
export const TITLE_PREPOSITIONS: ReadonlySet<string> = new Set(['to', 'for', 'from', 'into', 'on']);

/** Method names that say nothing of what they act on (`retryPolicies.any`, `results.all`): the receiver names the step. */
export const QUANTIFIER_NAMES = new Set(['any', 'all', 'each', 'every', 'none', 'some', 'first', 'last', 'one']);
/** Objects that count what a call acts on, not name it (`embedMany`, `cancel_all`): said after the doing. */
export const QUANTIFIER_OBJECTS: ReadonlySet<string> = new Set(['many', 'multiple', 'several', 'all', 'both', 'each']);

/** Tokens that carry no meaning as the object of a step title. */
export const STOP_TOKENS = new Set([
  'a', 'an', 'the', 'of', 'to', 'for', 'with', 'and', 'or', 'in', 'on', 'by', 'from', 'as', 'at', 'is', 'new',
  'do', 'my', 'it', 'pretrained', 'self', 'cls', 'fn', 'func', 'obj', 'impl', 'fast', 'auto', 'default',
  'simple', 'base', 'all', 'get', 'set', 'one', 'async',
  // An API's stability says nothing of what it does (`experimental_transcribe`, `unstable_cache`).
  'experimental', 'unstable',
]);

/**
 * Words of a variable's name that say it holds some value, not what it is (`outputs`, `out`, `result`,
 * `output_dir`): a step named after the variable it fills or passes (`text = model.generate(...)` →
 * Generate Text) leaves them out, and a variable with nothing else names nothing.
 */
export const VALUE_WORDS = new Set([
  'out', 'output', 'outputs', 'result', 'results', 'res', 'ret', 'retval', 'response', 'resp', 'data', 'tmp',
  'temp', 'value', 'values', 'val', 'dir', 'directory', 'path', 'file', 'filename', 'args', 'kwargs', 'item',
  'items', 'final', 'new', 'old', 'var', 'obj', 'thing', 'stuff', 'foo', 'bar', 'name', 'id',
  // What holds a call's arguments (`ollama.push(request)`): no "Push Request".
  'request', 'req', 'options', 'opts', 'params',
  // Places written as one word (`save_pretrained(tmpdirname)` saves no "Tmpdirname").
  'tmpdir', 'tmpdirname', 'tempdir', 'tempdirname', 'tmpfile', 'tempfile', 'dirname', 'filepath', 'outdir',
]);

/** Words kept in their usual spelling in names (`lora` → `LoRA`). */
export const ACRONYMS: Record<string, string> = table({
  qlora: 'QLoRA', lora: 'LoRA', grpo: 'GRPO', sft: 'SFT', dpo: 'DPO', ppo: 'PPO', orpo: 'ORPO', kto: 'KTO',
  rlhf: 'RLHF', gguf: 'GGUF', ggml: 'GGML', api: 'API', http: 'HTTP', https: 'HTTPS', url: 'URL', json: 'JSON',
  yaml: 'YAML', csv: 'CSV', cli: 'CLI', llm: 'LLM', llms: 'LLMs', gpu: 'GPU', cpu: 'CPU', cuda: 'CUDA',
  peft: 'PEFT', rl: 'RL', ml: 'ML', nlp: 'NLP', ocr: 'OCR', rag: 'RAG', sql: 'SQL', io: 'IO', id: 'ID',
  ids: 'IDs', onnx: 'ONNX', vllm: 'VLLM', hf: 'HF', sdk: 'SDK', ui: 'UI', pdf: 'PDF', html: 'HTML', xml: 'XML',
  tts: 'TTS', asr: 'ASR', vae: 'VAE', gan: 'GAN', cnn: 'CNN', rnn: 'RNN', bert: 'BERT', gpt: 'GPT', clip: 'CLIP',
  vlm: 'VLM', moe: 'MoE', fp16: 'FP16', bf16: 'BF16', int8: 'INT8', int4: 'INT4', ssh: 'SSH', tls: 'TLS',
  grpc: 'gRPC', rest: 'REST', oauth: 'OAuth', jwt: 'JWT', s3: 'S3', aws: 'AWS', gcp: 'GCP', ci: 'CI',
  unet: 'UNet', deepspeed: 'DeepSpeed', mcp: 'MCP', '1d': '1D', '2d': '2D', '3d': '3D',
  // Names written with inner capitals, one word each (`OpenAI` is no "Open AI" step: open is a verb).
  openai: 'OpenAI', pytorch: 'PyTorch', tensorflow: 'TensorFlow', github: 'GitHub', websocket: 'WebSocket',
  fastapi: 'FastAPI', javascript: 'JavaScript', typescript: 'TypeScript',
});

/** Words dropped from workflow names taken from Purpose text or file names. */
export const NAME_FILLER = new Set([
  'a', 'an', 'the', 'example', 'examples', 'demo', 'demos', 'script', 'scripts', 'sample', 'samples',
  'notebook', 'tutorial', 'how', 'to', 'this', 'file', 'shows', 'showing', 'simple', 'basic', 'minimal',
  'quick', 'py', 'ipynb', 'md', 'test', 'tests', 'of', 'and', 'with', 'using', 'for', 'in', 'on', 'your',
  'performing', 'overview', 'it', 'its', 'our', 'my', 'them',
]);

/**
 * Words that join two parts of a phrase and name nothing at its end: a heading cut by NAME_FILLER or by
 * the name's length limit ("Launching training from a notebook" → Launching_Training, not ..._From).
 */
export const NAME_DANGLING = new Set(['from', 'by', 'into', 'via', 'at', 'as', 'over', 'through', 'across', 'after', 'before', 'between', 'without', 'within', 'than', 'or', 'vs', 'versus', 'against']);

/**
 * Kinds of data a "2" ("to") turns one into another in a name: `Text2Image`, `Seq2Seq`, `Wav2Vec2` are one
 * word each (a version number is not: `Llama2Model` is Llama2 Model).
 */
export const TO_WORDS = new Set(['text', 'image', 'img', 'video', 'vid', 'audio', 'speech', 'seq', 'vec', 'sql', 'mel', 'wav', 'pose', 'depth', 'mesh', 'motion', 'music', 'shape']);

/** Import name → distribution, where they differ (clarification 17). */
export const IMPORT_TO_DISTRIBUTION: Record<string, string> = table({
  PIL: 'Pillow', yaml: 'PyYAML', cv2: 'opencv-python', sklearn: 'scikit-learn', skimage: 'scikit-image',
  bs4: 'beautifulsoup4', dateutil: 'python-dateutil', dotenv: 'python-dotenv', google: 'google-api-python-client',
  jwt: 'PyJWT', serial: 'pyserial', usb: 'pyusb', OpenSSL: 'pyOpenSSL', Crypto: 'pycryptodome', magic: 'python-magic',
  attr: 'attrs', git: 'GitPython', fitz: 'PyMuPDF', docx: 'python-docx', pptx: 'python-pptx', zmq: 'pyzmq',
  MySQLdb: 'mysqlclient', psycopg2: 'psycopg2', win32api: 'pywin32', gi: 'PyGObject', wx: 'wxPython',
  telegram: 'python-telegram-bot', jose: 'python-jose', multipart: 'python-multipart', slugify: 'python-slugify',
  Levenshtein: 'python-Levenshtein', faiss: 'faiss-cpu', tensorflow_hub: 'tensorflow-hub', huggingface_hub: 'huggingface-hub',
});

/** Distributions that need a GPU: a workflow using one gets the `{repo}_CUDA` environment. */
export const GPU_DISTRIBUTIONS = new Set([
  'torch', 'pytorch', 'cupy', 'triton', 'bitsandbytes', 'xformers', 'flash-attn', 'flash_attn', 'vllm',
  'tensorrt', 'pycuda', 'deepspeed', 'apex', 'jax', 'jaxlib', 'tensorflow', 'tensorflow-gpu', 'unsloth',
  'nvidia-ml-py', 'pynvml', 'cuda-python', 'numba', 'onnxruntime-gpu',
]);

/** Dependencies → domain tags (page-name style). */
export const DOMAIN_TAGS: Record<string, string[]> = table({
  torch: ['Deep_Learning'], tensorflow: ['Deep_Learning'], jax: ['Deep_Learning'], keras: ['Deep_Learning'],
  transformers: ['NLP', 'LLMs'], peft: ['Fine_Tuning'], trl: ['Fine_Tuning', 'Reinforcement_Learning'],
  bitsandbytes: ['Quantization'], vllm: ['Inference', 'LLMs'], accelerate: ['Distributed_Training'],
  deepspeed: ['Distributed_Training'], datasets: ['Datasets'], tokenizers: ['NLP'], sentencepiece: ['NLP'],
  'scikit-learn': ['Machine_Learning'], xgboost: ['Machine_Learning'], lightgbm: ['Machine_Learning'],
  numpy: ['Numerical_Computing'], scipy: ['Scientific_Computing'], pandas: ['Data_Analysis'], polars: ['Data_Analysis'],
  matplotlib: ['Visualization'], seaborn: ['Visualization'], plotly: ['Visualization'],
  'opencv-python': ['Computer_Vision'], pillow: ['Computer_Vision'], torchvision: ['Computer_Vision'],
  diffusers: ['Diffusion_Models'], openai: ['LLMs'], anthropic: ['LLMs'], langchain: ['LLMs', 'Agents'],
  mistralai: ['LLMs'], ollama: ['LLMs'], cohere: ['LLMs'], 'google-genai': ['LLMs'], genai: ['LLMs'], groq: ['LLMs'], litellm: ['LLMs'],
  requests: ['HTTP'], httpx: ['HTTP'], aiohttp: ['HTTP'], fastapi: ['Web_APIs'], flask: ['Web_APIs'], django: ['Web'],
  click: ['CLI'], typer: ['CLI'], rich: ['CLI'], sqlalchemy: ['Databases'], pydantic: ['Data_Validation'],
  gymnasium: ['Reinforcement_Learning'], gym: ['Reinforcement_Learning'], 'stable-baselines3': ['Reinforcement_Learning'],
  networkx: ['Graphs'], spacy: ['NLP'], nltk: ['NLP'], librosa: ['Audio'], torchaudio: ['Audio'],
});

/**
 * Packages a library is built with rather than for (a command line, an HTTP client, validation, arrays,
 * plots): their domains describe a workflow that calls them, but a repository's subject only when
 * nothing else does (instructor's pages were "CLI, Computer_Vision", the first two alphabetically of the
 * domains of typer, pillow, openai...).
 */
export const PLUMBING_PACKAGES: ReadonlySet<string> = new Set([
  'click', 'typer', 'rich', 'requests', 'httpx', 'aiohttp', 'pydantic', 'numpy', 'scipy', 'matplotlib', 'seaborn', 'plotly', 'sqlalchemy',
]);

/** Keywords in project keywords / names that give a domain tag. */
export const KEYWORD_DOMAINS: Record<string, string> = table({
  llm: 'LLMs', llms: 'LLMs', 'fine-tuning': 'Fine_Tuning', finetuning: 'Fine_Tuning', lora: 'Fine_Tuning',
  nlp: 'NLP', cli: 'CLI', 'machine-learning': 'Machine_Learning', 'deep-learning': 'Deep_Learning',
  'reinforcement-learning': 'Reinforcement_Learning', 'computer-vision': 'Computer_Vision', sdk: 'SDK',
});

/** Python builtins: calls to them are never steps. */
export const PY_BUILTINS = new Set([
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable',
  'chr', 'classmethod', 'compile', 'complex', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec',
  'filter', 'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input',
  'int', 'isinstance', 'issubclass', 'iter', 'len', 'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next',
  'object', 'oct', 'open', 'ord', 'pow', 'print', 'property', 'range', 'repr', 'reversed', 'round', 'set',
  'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip',
  'display', 'get_ipython',
]);

/** Python standard library top-level modules (3.11): calls into them are not steps, except tools. */
export const PY_STDLIB = new Set(
  `abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2
cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent
configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib
dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions
ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib
imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma
mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath
nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform
plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue
quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil
signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat
statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib
tempfile termios textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty
turtle types typing typing_extensions unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser
winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo __future__`.split(/\s+/),
);

/**
 * Files that make their folder a Python package root (a distribution of a multi-package repository):
 * the folder, and its `src/` folder when it has one, are search paths, as an installed copy would be.
 */
export const PY_PACKAGE_MANIFESTS = new Set(['pyproject.toml', 'setup.py', 'setup.cfg']);
export const PY_SOURCE_FOLDERS = ['src'];

/**
 * Annotations that say nothing about a value: a parameter of the source's own function annotated so
 * takes what its callers pass, as an unannotated one does (`def _drive(graph: Any)` called with a graph).
 */
export const OPAQUE_ANNOTATIONS = new Set(['Any', 'typing.Any', 't.Any', 'typing_extensions.Any', 'object']);

/** Binary operators → the method whose return annotation types the result (`a + b` → `type(a).__add__`). */
export const OPERATOR_METHODS: Record<string, string> = table({
  '+': '__add__', '-': '__sub__', '*': '__mul__', '@': '__matmul__', '/': '__truediv__', '//': '__floordiv__',
  '%': '__mod__', '**': '__pow__', '&': '__and__', '|': '__or__', '^': '__xor__', '<<': '__lshift__', '>>': '__rshift__',
});

/**
 * Calling an instance whose `__call__` comes from a framework base runs another method of the class
 * (external module prefix → method): `model(x)` on a `torch.nn.Module` subclass runs its `forward`.
 */
export const CALL_DISPATCH: Record<string, string> = table({ torch: 'forward', keras: 'call', tensorflow: 'call', tf_keras: 'call' });

/** Calls that run an external command-line tool (External Tool Doc). */
export const PY_TOOL_CALLS = new Set([
  'subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen',
  'os.system', 'os.popen', 'os.execv', 'os.execvp', 'os.spawnv',
]);

/**
 * Shell commands that install things: never steps (clarification 16). Getting the sources, making the
 * environment and running an install script are installing too (unsloth's studio page began with the
 * steps Run Git and Run Install Sh for `git clone ...` and `./install.sh --local`).
 */
export const INSTALL_COMMANDS = [
  /^\s*(sudo\s+)?(pip3?|python3?\s+-m\s+pip|uv\s+pip|conda|mamba|apt(-get)?|brew|npm|pnpm|yarn|bun|poetry|pdm)\s+(install|add|i)\b/,
  /^\s*(uv\s+(add|sync)|pip3?\s+download|poetry\s+sync|pdm\s+sync)\b/,
  /^\s*(git\s+(clone|checkout|pull|fetch|submodule)|gh\s+repo\s+clone)\b/,
  /^\s*(uv\s+venv|python3?\s+-m\s+venv|virtualenv|(conda|mamba)\s+(create|activate|env\s+create)|make\s+install)\b/,
  // An install script, run as a program or by a shell, after any `VAR=value` it is given.
  /^\s*([A-Za-z_]\w*=("[^"]*"|'[^']*'|\S*)\s+)*(sudo\s+)?((ba|z)?sh\s+|powershell\s+(-\S+\s+)*)?(\.\/|\S*\/)?(install|setup|bootstrap)[\w-]*\.(sh|ps1|bat)\b/,
];

/**
 * Running the repository's test suite (`pytest tests/`, `uv run --frozen pytest`, `npm test`): how a
 * contributor checks the code, not a use of the library. Never a step, unless it is the repository's own
 * command.
 */
export const TEST_RUNNER_COMMANDS = /^\s*((uv|poetry|pdm|hatch|pipenv)\s+run\s+(-{1,2}[\w-]+(=\S+)?\s+)*|python3?\s+-m\s+|npx\s+(-\S+\s+)*|pnpm\s+(exec\s+)?|yarn\s+)?(pytest|py\.test|tox|nox|jest|vitest|mocha)(\s|$)|^\s*(npm|pnpm|yarn|bun)\s+(run\s+)?test(\s|$)/;

/**
 * A resource's lifecycle (group/usecases.ts `maker`): verbs of the calls that look up, change or remove what
 * another call made, and the verbs of the calls that make it. A use case anchored on the first kind, whose
 * source makes the resource earlier through the same receiver, is anchored on the making.
 */
export const LIFECYCLE_AFTER = new Set(['delete', 'remove', 'destroy', 'drop', 'list', 'get', 'retrieve', 'describe', 'update', 'modify', 'patch', 'cancel', 'close', 'poll', 'wait', 'status']);
export const LIFECYCLE_MAKERS = new Set(['create', 'make', 'new', 'add', 'upload', 'register', 'insert', 'put', 'start', 'open', 'build']);

/**
 * Verbs of a method that makes something on the service behind its object (group/steps.ts): `pc.createIndex`,
 * `client.files.create`, `api.upload_file`. Such a call is a milestone of its own, whatever uses its answer.
 */
export const SERVICE_MAKERS = new Set(['create', 'upload', 'register', 'insert']);

/** Folders whose files are example programs (inputs.md), and the trust each gets. */
export const EXAMPLE_DIRS: Record<string, { kind: 'example' | 'notebook' | 'script'; score: number }> = table({
  examples: { kind: 'example', score: 90 },
  example: { kind: 'example', score: 90 },
  demos: { kind: 'example', score: 85 },
  demo: { kind: 'example', score: 85 },
  samples: { kind: 'example', score: 85 },
  sample: { kind: 'example', score: 85 },
  cookbook: { kind: 'example', score: 85 },
  tutorials: { kind: 'example', score: 85 },
  tutorial: { kind: 'example', score: 85 },
  notebooks: { kind: 'notebook', score: 80 },
  scripts: { kind: 'script', score: 60 },
});

/**
 * Top-level folders whose Markdown pages are the project's documentation (guides, tutorials): each
 * section with code is a docs source, like `docs/`, READMEs under them included.
 */
export const DOC_DIRS = new Set(['docs', 'doc', 'documentation', 'tutorials', 'tutorial', 'guides', 'guide']);

/**
 * Markdown files at the repository's root that are about the project, not its use: a root page named
 * otherwise (`helpers.md`, `tools.md` beside an SDK's README) is a docs page. Contributors' pages
 * (development, testing, design, architecture, benchmarks) are about the project too, and so are
 * migration guides: their code shows the API before a change as much as after it.
 */
export const ROOT_PROJECT_PAGES = /^(changelog|changes|history|news|releases?|release_notes|releasing|contributing|contributors|authors|maintainers|maintaining|governance|support|code_of_conduct|security|licen[cs]e|notice|citation|agents|claude|gemini|copilot|plans?|roadmap|todo|review|versioning|[a-z_]*policy|migration|migrating|upgrading|upgrade|development|developing|hacking|testing|style(guide)?|design|architecture|benchmarks?|onboarding)\.(md|markdown|mdx|rst)$/i;
/**
 * Pages of a docs folder about the project rather than its use, by file name: how to contribute to it
 * (typer's `docs/contributing.md` runs `zsh`, `nano ~/.zshrc` and the completion of its own `typer`
 * command in a development container: a workflow ranked second), its changes, its people and rules.
 * Fewer than at the root (ROOT_PROJECT_PAGES): a docs page named `testing.md` or `architecture.md` may
 * teach the use (testing an app built with the library), and one named `History.md` or `security.md` may
 * document a class of that name (dspy's `History`, mistral-python's `Security` model).
 */
export const DOCS_PROJECT_PAGES = /^(changelog|release[-_]?notes|contributing|contributors|code[-_]of[-_]conduct|governance|maintainers|maintaining)\.(md|markdown|mdx|rst)$/i;
/**
 * A docs page that is a migration guide, anywhere in the docs (ROOT_PROJECT_PAGES are the root's): its
 * title (else its file name) says migrating or upgrading, together with a version, "guide", "plan",
 * "map" or where from ("Migration Guide: v1 to v2", "Migrating to huggingface_hub v1.0", "V1 → V2
 * Migration Map", "Migrating from RSC to UI"); or a folder of them holds it (`08-migration-guides/`,
 * `docs/migration/`). A page about migrations as a feature ("Auto Generating Migrations" of a schema
 * tool) says none of the qualifiers; a page whose title says something else keeps its file name's word
 * (accelerate's `basic_tutorials/migration.md` is "Add Accelerate to your code").
 */
export const MIGRATION_PAGE = {
  words: /(?:^|[^a-z])(?:migrat(?:e|es|ion|ions|ing)|upgrad(?:e|es|ing))(?:$|[^a-z])/i,
  qualifier: /(?:^|[^a-z])(?:guides?|plan|map|from)(?:$|[^a-z])|\d/i,
  folder: /^(?:\d+[-_.])?(?:migration|migrating|upgrading|upgrades?)(?:[-_ ]guides?)?$/i,
};

/** Folders of a documentation site whose pages sit in a docs folder inside (`content/docs/`, `website/docs/`). */
export const DOC_SITE_DIRS = new Set(['content', 'website', 'site', 'www']);

/**
 * Folders of a monorepo's workspace packages: its docs site is a package of its own, its pages in the
 * package's content or docs folder (zod's `packages/docs/content/*.mdx`; not the app's routes around it).
 */
export const WORKSPACE_DIRS = new Set(['packages', 'apps']);

/**
 * Files by which a documentation site's builder marks its folder (layout.ts docSiteFolders): Hugging Face
 * doc-builder's table of contents anywhere below it; Sphinx's `conf.py` at its top or in its `source/`,
 * beside one of the index pages.
 */
export const DOC_SITE_FILES = { anywhere: new Set(['_toctree.yml']), atTop: new Set(['conf.py']), index: ['index.rst', 'index.md', 'index.mdx', 'index.txt'] };

/** Folders that hold tests. */
export const TEST_DIRS = new Set(['tests', 'test', 'testing']);

/**
 * Folders of a tests folder that hold what the tests read, not tests: sample projects, data, and the
 * inputs and expected outputs of a code transform (vercel/ai's codemod `__testfixtures__/*.input.ts`,
 * written in the API the codemod upgrades from).
 */
export const FIXTURE_DIRS = new Set(['fixtures', '__fixtures__', '__testfixtures__', 'testdata', 'test_data', 'test-data']);

/** Folders of benchmarks: measuring code, not the library's API. */
export const BENCHMARK_DIRS = new Set(['benchmarks', 'benchmark', 'bench', 'perf']);

/**
 * A definition whose documentation opens by saying it is deprecated, or kept only for older code, is not
 * the API a user is meant to call (setfit's "`SetFitTrainer` has been deprecated and will be removed in
 * v2.0.0", "This function is deprecated", huggingface.js' `HfInference`: "For backward compatibility
 * only, will remove soon."). Only the first sentence counts: a page may well mention a deprecated
 * argument further down, and a first sentence about a deprecated argument is about the argument.
 */
export const DEPRECATED_SUMMARY = /^(?:(?:(?!(?:argument|parameter|option|keyword|kwarg|field)s?\b)\S+\s+){1,3}(?:has been|is|was|are|have been) (?:now )?deprecated\b|deprecated\b|\(deprecated\)|for backward[- ]compatibility only\b)/i;

/** Folders inside a package that hold its internals, not its public surface. */
export const INTERNAL_DIRS = new Set(['internal', 'internals', 'kernels', 'private', 'impl', 'testing', 'test_utils', 'testing_utils']);

/** Headings and file names too generic to name a workflow: the next naming rule is tried instead. */
export const GENERIC_NAMES = new Set([
  'quickstart', 'quick_start', 'start', 'usage', 'basic_usage', 'example', 'examples', 'example_usage', 'getting_started',
  'get_started', 'overview', 'introduction', 'intro', 'demo', 'main', 'run', 'cli', 'tutorial', 'sample', 'how_to_use',
  'use', 'using', 'basics', 'simple_example', 'minimal_example', 'code', 'python', 'api', 'library_use', 'library_usage',
  'quicktour', 'quick_tour', 'troubleshooting', 'installation', 'faq', 'steps', 'integration', 'integrations', 'features', 'guides',
  // Where a page goes or ends ("Next steps", "Putting it all together", "Full example"): no task named.
  'next_steps', 'whats_next', 'what_next', 'summary', 'conclusion', 'recap', 'further_reading',
  'putting_all_together', 'full', 'complete', 'full_code', 'complete_code', 'final_code',
]);

/**
 * A docs page's title names a use case when at least this share of the page's sources are the use
 * case's (a guide about one task, not a tour of many) and of the use case's README/docs sections are on
 * the page (the page is about it, not a variant of it: an Azure page of a chat use case).
 */
export const PAGE_TITLE_SHARE = 0.5;

/** Roles of what goes into a training or comes out of it: a use case that trains is not named after them (naming.ts). */
export const AROUND_TRAINING_ROLES: ReadonlySet<Role> = new Set(['load', 'save']);

/** Roles of a call that builds an object for later calls: a use case anchored on one is named after the milestone the object serves (naming.ts). */
export const BUILDING_ROLES: ReadonlySet<Role> = new Set(['build', 'configure']);

/** Roles of a call that answers a request: a call on its answer reads the answer (naming.ts). */
export const ANSWERING_ROLES: ReadonlySet<Role> = new Set(['infer', 'run']);

/** The role that names a workflow when nothing else does: the first of these the workflow has. */
export const NAMING_ROLES: Role[] = ['train', 'infer', 'evaluate', 'prepare_data', 'save', 'load', 'run', 'build', 'configure'];

/**
 * Command-line runners that call the function they are handed (`fire.Fire(main)`, `typer.run(main)`),
 * event loops that run the async function they are handed (`anyio.run(main)`, `trio.run(main)`), and
 * launchers that run it in each process they start (`mp.spawn(run_inference, ...)` of
 * torch.multiprocessing, torch_xla's `xmp.spawn`): that function is the script's program, so it runs like
 * a direct call (module → its function names).
 */
export const PY_ENTRY_RUNNERS: Record<string, string[]> = table({
  anyio: ['run'],
  trio: ['run'],
  'torch.multiprocessing': ['spawn'],
  'torch_xla.distributed.xla_multiprocessing': ['spawn'],
  fire: ['Fire'],
  typer: ['run'],
  tyro: ['cli'],
  jsonargparse: ['CLI'],
  'absl.app': ['run'],
});

/**
 * Lines of a shell block that are no command: code pasted under a `bash` tag (`import torch`,
 * `state_dict = torch.load(...)`, `model.save_pretrained("out/")`, a continued argument list). Shell
 * has no spaces around `=`, no `name(` calls and no program named `"x",` or `)`.
 */
export const NOT_SHELL_COMMAND: RegExp[] = [
  /^import\s+[A-Za-z_][\w.]*(\s+as\s+\w+)?(\s*,\s*[A-Za-z_][\w.]*(\s+as\s+\w+)?)*\s*;?$/, // import torch
  /^from\s+\.*[A-Za-z_][\w.]*\s+import\s+/, // from transformers import AutoModel
  /^[A-Za-z_][\w.]*(\[[^\]]*\])?(\s*:\s*[\w.[\], ]+)?\s+[-+*/]?=\s/, // state_dict = torch.load(...)
  /^(const|let|var)\s/, // JavaScript
  /^(await\s+)?[A-Za-z_][\w.]*\(/, // model.save_pretrained("out/")
  /^["'(){}[\],]/, // a continued argument list or its closing bracket
];

/**
 * Shell programs that move around, inspect, check or fetch (`cd`, `ls`, `echo`, `export`, `curl`,
 * `nvidia-smi`), edit a file or set up the shell: never steps, like install commands. modelcontextprotocol/python-sdk's "See it run"
 * sections had the step Run Curl for the request that checks a server. (Not `git`: cloning the repository
 * to run its own installer is how unsloth's Studio is set up.)
 */
export const SHELL_UTILITY_PROGRAMS = new Set([
  'cd', 'ls', 'pwd', 'echo', 'printf', 'export', 'set', 'unset', 'source', '.', 'cat', 'head', 'tail', 'less', 'more', 'tree',
  'mkdir', 'rm', 'rmdir', 'cp', 'mv', 'touch', 'ln', 'chmod', 'chown', 'which', 'whereis', 'type', 'env', 'clear', 'sleep',
  'kill', 'pkill', 'ps', 'top', 'htop', 'open', 'xdg-open', 'curl', 'wget', 'irm', 'iwr', 'http', 'jq', 'grep', 'find', 'sed', 'awk',
  'tar', 'unzip', 'zip', 'nvidia-smi', 'nvcc', 'du', 'df', 'free', 'watch', 'tee', 'xargs', 'sort', 'wc', 'diff',
  // Editing a file and setting up the shell itself (typer's completion docs: `nano ~/.zshrc`, `zstyle ...`).
  'nano', 'vim', 'vi', 'nvim', 'emacs', 'code', 'alias', 'autoload', 'compinit', 'zstyle', 'complete',
]);

/**
 * Verbs that put what they are given into their receiver: `session.add(hero_1)` adds a hero (sqlmodel:
 * Add Hero, was "Add Session"), `queue.append(job)` appends a job (group/steps.ts addsGiven).
 */
export const ADDING_VERBS: ReadonlySet<string> = new Set(['add', 'append', 'extend', 'attach', 'include', 'enqueue']);

/**
 * Interpreters and package managers that the repository's own commands did not claim (resolve/commands.ts):
 * they run the reader's own script or project chores (`python -c "..."`, `node index.js`, `npm run dev`,
 * `npm create vite@latest`), not a step of the library. `python -m module` runs that module's program,
 * which names the step.
 */
export const RUNTIME_PROGRAMS = new Set(['python', 'python3', 'node', 'deno', 'bun', 'tsx', 'ts-node', 'npm', 'pnpm', 'yarn']);
/** Scaffolding a new project (`npx create-next-app`, `pnpm dlx create-vite`): a chore before the library is used. */
export const SCAFFOLD_COMMAND = /^\s*(npx|bunx|pnpm\s+dlx|yarn\s+dlx)\s+(-\S+\s+)*create-/;

/** Shells: started alone (`$ zsh`), one opens a prompt, no step; given a script (`bash train.sh`), it runs it. */
export const SHELL_PROGRAMS = new Set(['bash', 'sh', 'zsh', 'fish']);

/**
 * Signing in to another program (`wandb login`, `hf auth login`, `huggingface-cli login`, `docker login`,
 * `gh auth status`): set-up before the work, like an install, never a step (lerobot's training path began
 * with the steps `hf` and `wandb`). Only other programs: the repository's own CLI resolves first.
 */
export const AUTH_COMMAND = /^\S+(\s+auth)?\s+(login|logout|whoami)\b|^\S+\s+auth\b/;

/** Node `child_process` functions whose first argument is the command they run (External Tool Docs). */
export const CHILD_PROCESS_CALLS = new Set(['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork']);

/** Script extensions the TypeScript adapter reads (declaration files are not examples). */
export const TS_SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
export const TS_DECLARATION = /\.d\.(m|c)?ts$/;

/**
 * Globals a JavaScript runtime or test runner provides without an import (Node without @types/node,
 * jest/vitest/mocha globals): calls on them are the platform's, not unresolved API.
 */
export const JS_RUNTIME_GLOBALS = new Set([
  'process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate',
  'Deno', 'Bun', 'describe', 'it', 'test', 'expect', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'jest', 'vi', 'suite',
  'before', 'after', 'context', 'assert',
]);

/** Test runners and assertion libraries: their calls in tests are checks, not steps. */
export const TEST_PACKAGES = new Set(['vitest', 'jest', '@jest/globals', 'mocha', 'chai', 'ava', 'tap', 'uvu', 'sinon', 'expect', 'node:test', 'test', 'assert']);

/** Folders of third-party code copied into a repository: never a golden path of the repository itself. */
export const VENDOR_DIRS = new Set(['_vendor', 'vendor', 'vendored', 'third_party', 'third-party', 'thirdparty', 'external', 'deps']);

/**
 * HTTP methods whose name is a whole call (`httpx.post(url)`, `client.put(path, body)`): a request sent
 * that way, Send POST Request. Not `get` and `delete`, verbs of any mapping or store (`headers.get(key)`),
 * nor `patch` (instructor's `instructor.patch(client)` patches a client), `head` or `options`, unless
 * the definition's own summary says it sends that request (REQUEST_METHODS).
 */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['post', 'put']);

/**
 * Every HTTP method: a call by one of these names sends that request when its definition says so in
 * capitals (requests' `requests.delete`: "Sends a DELETE request."; httpx's "Sends a `PATCH` request.").
 */
export const REQUEST_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** Steps a workflow has: at least (clarification 4, smaller use cases join another or are dropped) and at most. */
export const MIN_STEPS = 3;
export const MAX_STEPS = 7;

/** Other ways a step's call is shown by short README and docs sections of its use case, at most (group/shown.ts). */
export const MAX_SHOWN_WAYS = 3;

/** Workflow pages written by default; the rest are listed in the report (`--max-workflows`, `--all`). */
export const DEFAULT_MAX_WORKFLOWS = 12;

/**
 * `jobs: 'auto'` (the CLI's default): worker threads parse ahead only when the Python text to parse is at
 * least `minChars` (about 4 s of parsing on one thread): below it, starting workers costs what they save
 * (measured: trl 8.5 M characters 1.02× the one-thread wall time, peft 6.4 M 0.98×; unsloth 29 M 0.94×,
 * diffusers 48 M 0.90×, on 2 cores). Then one thread per core, at most `maxThreads` (each holds a parser).
 */
export const AUTO_JOBS = { minChars: 16_000_000, maxThreads: 4 } as const;

/**
 * Use cases only tests show fill the budget only while fewer than this many workflows come from examples,
 * README or docs: a repository whose examples show little still gets its tested paths, one with enough
 * documented paths gets no page of test internals.
 */
export const TEST_ONLY_FILL = 6;

/**
 * How much a call's role says about the use case, beside how rare the call is: the trainer, the
 * generation, the save are what a path is about; a loader, a builder, a config object only serve them.
 */
export const ROLE_WEIGHT: Record<Role, number> = table({
  train: 1,
  infer: 1,
  evaluate: 0.8,
  save: 0.8,
  run: 0.8,
  load: 0.6,
  build: 0.6,
  prepare_data: 0.5,
  other: 0.5,
  configure: 0.25,
});

/**
 * A use case whose distinctive API (by weight) is mostly shown by higher-ranked workflows already teaches
 * little that is new: it goes after the use cases that do, unless at least this share of it is new.
 */
export const NOVELTY_SHARE = 0.34;
/**
 * A use case's calls into the library that at least this share of all mined sources make are scaffolding:
 * when all of its library calls are, they tell it from no other use case (group/workflows diversify).
 */
export const SCAFFOLD_SPREAD = 0.5;

/**
 * An option of a library call that the docs treat as a topic of its own (clarification: a use case may be
 * one call with one option, `CodeAgent(executor_type="docker")` in a "Running your agent in Docker"
 * section): it must be named by the headings of at least `sections` README/docs sections that pass it,
 * and passed by less than `share` of the sources that make the call (an option every example passes is
 * how the call is used, not a use case). `ignored`: words of an option's name that name no topic.
 */
export const OPTION_TOPIC = {
  /** Roles of the calls whose options may be topics: the work, or what does it (a trainer, an agent). */
  roles: new Set<Role>(['train', 'evaluate', 'infer', 'run', 'build']),
  sections: 2,
  share: 1 / 3,
  ignored: new Set(['config', 'kwarg', 'kwargs', 'arg', 'args', 'type', 'name', 'path', 'dir', 'num', 'max', 'min', 'use', 'the', 'and', 'with', 'for']),
};

/**
 * A heading's numbering label, dropped before the heading names a workflow: "Step 1:", "Use case 2:",
 * "Option 1:", "Example 4:" number one of a page's parts; the words after it say what the part does.
 */
export const HEADING_NUMBERING = /^\s*(?:step|part|stage|phase|use case|example|option|method|approach|scenario|case|lesson|chapter|exercise|recipe)\s*#?\d+(?:\.\d+)*\s*[:.)\-–—]?\s*/i;

/**
 * A heading's generic lead before a colon or dash, dropped like a numbering label: "Putting it together:
 * a bank support agent", "Example: Creating a webhook that triggers a Job", "Tutorial - Fine-tune a model".
 */
export const HEADING_LEAD = /^\s*(?:putting it (?:all )?together|bringing it (?:all )?together|example|case study|tutorial|walkthrough|recipe|demo)\s*[:\-–—]\s*(?=\S)/i;

/**
 * A heading that states a problem, not a task: a troubleshooting entry ("Metrics/attributes not
 * appearing", "Why is my stream empty?", "Model doesn't load") names no workflow; "How to write a DDUF
 * file?" does.
 */
export const PROBLEM_HEADING = /\b(?:not|never|cannot|can't|doesn't|don't|won't|isn't|aren't|fails?|failing|troubleshoot\w*|why)\b/i;

/** A heading that says "start here" ("Get Started in Minutes", "Quickstart with Docker"): it ranks, it names no task. */
export const START_HEADING = /\b(?:quick ?start|get(?:ting)? started|quick ?tour)\b/i;

/**
 * A heading that names a list of options, not a task ("Optimization Flags", "Custom model settings",
 * "Generation parameters"): the options are set in some use case's call; they name no workflow. (A task
 * done with them still does: "Optimizing with flags".)
 */
export const OPTIONS_HEADING = /^(?!.*\b(?:with|using|via|by|through)\b).*\b(?:flags|options|arguments|args|parameters|params|settings|knobs)\s*$/i;

/**
 * A heading that explains how things relate, not a task ("Relationship to standard agent runs",
 * "Differences from the v1 client", "Comparison with run_stream"), or how to move to it from another ("Migration
 * from External Servers", "Migrating from Claude Code SDK"): it names no workflow.
 */
export const CONCEPT_HEADING = /^\s*(?:(?:relationship|relation)\s+(?:to|with|between)|differences?\s+(?:from|between|with)|comparison\s+(?:with|to|between)|compared\s+(?:to|with)|migrat(?:e|ion|ing)\s+(?:from|to))\b/i;

/**
 * A heading or title that names a kind of document, not a task ("Gemini API Coding Guidelines", "Cheat
 * sheet", "Best practices", "Style conventions"): the page is rules or tips about many tasks; or a record
 * of changes to the API ("Backward compatibility", "Breaking changes", "Release notes"); or a kind of
 * code ("Streaming Helpers", "Utilities": helpers for several tasks). A "guide" or
 * "tutorial" is about the task it names ("Fine-tuning guide"): not listed.
 */
export const GENRE_HEADING = /\b(?:helpers|utilities|guidelines|instructions|cheat ?sheets?|conventions|best practices|rules|dos and don'?ts|faqs?|frequently asked questions|glossary|backwards? compatibility|breaking changes?|change ?logs?|release notes|deprecations?)\b/i;

/** Module names that only say a module is a program's entry point (`pkg.main`, `pkg/__main__.py`, `pkg.cli`): the package names it. */
export const ENTRY_MODULE_NAMES: ReadonlySet<string> = new Set(['main', '__main__', 'cli', 'run', 'app', 'entry', 'entrypoint']);

/** Subcommand words that abbreviate a verb, as Unix tools spell them (`tune ls`, `tune cp`, `hf repo rm`). */
export const COMMAND_ABBREVIATIONS: Record<string, string> = table({ ls: 'list', cp: 'copy', mv: 'move', rm: 'remove', del: 'delete', cat: 'show', gen: 'generate', eval: 'evaluate' });

/** A heading's claim of how short or quick its code is ("in 15 lines", "in 5 minutes", "in one step"): no word of the task. */
export const HEADING_BRAG = /\s+(?:in|with|under)\s+(?:\d+|a few|one|two|three|four|five|ten)\s+(?:lines?(?: of code)?|minutes?|mins?|steps?|seconds?|secs?|words?)\b/gi;

/** Files a docs site's navigation is built from, listing its pages in reading order (group/docs-nav.ts). */
export const NAV_FILES = /(^|\/)(mkdocs\.ya?ml|_toctree\.ya?ml|navigation\.ya?ml)$/i;

/** README/docs headings that introduce the library's first use (the quick start ranks first). */
export const QUICKSTART_HEADINGS = /quick ?start|getting started|get started|quick tour|usage|basic example|example|how to use|tl;?dr|in \d+ lines/i;

/**
 * Language codes of translated documentation: `docs/source/ko/...` beside `docs/source/en/...`, `docs/ja/x.md`
 * beside `docs/x.md`, `README_zh.md` / `README.ja.md` beside `README.md` (repo/layout translationFolders, isTranslationPath).
 * Translations repeat the English pages' code, so they are no sources of their own (every use case would
 * count each page once per language). Every ISO 639-1 code but `en` (`or/` is Odia, `ta/` Tamil), and the
 * regional and informal spellings docs use, for a folder beside `en/`; the codes of COMMON_TRANSLATIONS
 * only for a folder that merely mirrors the pages or a page's name (`examples/my/README.md` beside
 * `examples/README.md` is no Burmese page).
 */
export const TRANSLATION_LANGS = new Set([
  'aa', 'ab', 'ae', 'af', 'ak', 'am', 'an', 'ar', 'as', 'av', 'ay', 'az', 'ba', 'be', 'bg', 'bh', 'bi', 'bm', 'bn',
  'bo', 'br', 'bs', 'ca', 'ce', 'ch', 'cn', 'co', 'cr', 'cs', 'cu', 'cv', 'cy', 'da', 'de', 'dv', 'dz', 'ee', 'el',
  'eo', 'es', 'et', 'eu', 'fa', 'ff', 'fi', 'fil', 'fj', 'fo', 'fr', 'fy', 'ga', 'gd', 'gl', 'gn', 'gu', 'gv', 'ha',
  'he', 'hi', 'ho', 'hr', 'ht', 'hu', 'hy', 'hz', 'ia', 'id', 'ie', 'ig', 'ii', 'ik', 'io', 'is', 'it', 'iu', 'ja',
  'jp', 'jv', 'ka', 'kg', 'ki', 'kj', 'kk', 'kl', 'km', 'kn', 'ko', 'kr', 'ks', 'ku', 'kv', 'kw', 'ky', 'la', 'lb',
  'lg', 'li', 'ln', 'lo', 'lt', 'lu', 'lv', 'mg', 'mh', 'mi', 'mk', 'ml', 'mn', 'mr', 'ms', 'mt', 'my', 'na', 'nb',
  'nd', 'ne', 'ng', 'nl', 'nn', 'no', 'nr', 'nv', 'ny', 'oc', 'oj', 'om', 'or', 'os', 'pa', 'pi', 'pl', 'ps', 'pt',
  'pt-br', 'pt_br', 'qu', 'rm', 'rn', 'ro', 'ru', 'rw', 'sa', 'sc', 'sd', 'se', 'sg', 'si', 'sk', 'sl', 'sm', 'sn',
  'so', 'sq', 'sr', 'ss', 'st', 'su', 'sv', 'sw', 'ta', 'te', 'tg', 'th', 'ti', 'tk', 'tl', 'tn', 'to', 'tr', 'ts',
  'tt', 'tw', 'ty', 'ug', 'uk', 'ur', 'uz', 've', 'vi', 'vo', 'wa', 'wo', 'xh', 'yi', 'yo', 'za', 'zh', 'zh-cn',
  'zh-hans', 'zh-hant', 'zh-tw', 'zh_cn', 'zh_tw', 'zu',
]);

/**
 * A collapsible part's summary that only offers to show more (`Show code:`, `See full list of 20+ LLMs`,
 * `Click to expand`, `Output`) or names the code it hides (`Command to reproduce final row.`): no heading of
 * its own; what it hides belongs to the heading above it.
 */
export const GENERIC_SUMMARY = /^(?:show|see|view|click|expand|hide|toggle|open|full|more|details?|code|commands?|snippets?|scripts?|source|examples?|output|results?|answer|solution|reveal)\b|:$/i;

/** The languages docs are most often translated into (see TRANSLATION_LANGS). */
export const COMMON_TRANSLATIONS = new Set([
  'ar', 'bn', 'cn', 'de', 'es', 'fa', 'fr', 'he', 'hi', 'id', 'it', 'ja', 'jp', 'ko', 'kr', 'ms', 'nl', 'pl', 'pt', 'pt-br', 'pt_br',
  'ru', 'te', 'th', 'tr', 'uk', 'ur', 'vi', 'zh', 'zh-cn', 'zh_cn', 'zh-hans', 'zh-hant', 'zh-tw', 'zh_tw',
]);

/**
 * Naming: a word of the distinctive APIs of more than half the use cases, among at least this many, is
 * the library's one object (loguru's `logger.*`: every docs heading saying "logger" named its rank-1 use
 * case Logger_Within_Cython_Module), no word of one use case's domain.
 */
export const COMMON_WORD_USE_CASES = 6;

/** Docs pages (path or heading) that teach a use case: guides and tutorials rank above reference pages. */
export const GUIDE_PAGES = /quick|start|tour|tutorial|guide|intro|overview|basic|usage|getting|how[-_ ]to|walkthrough|cookbook|recipe/i;
/** Reference pages: the API reference (a numbered ordering prefix allowed: `07-reference/`), changelogs, migrations. */
export const REFERENCE_PAGES = /(^|\/)(\d+[-_.])?(api|reference|references|package_reference|api-reference|pretrained[-_]models|model_doc)(\/|\.|$)|changelog|release|migration|contributing/i;

/**
 * Points of each kind of evidence behind a use case's rank (docs/heuristics.md §5). Kinds add up; within a
 * kind the best member counts. `support` and `examples` grow with log2 of the number of sources.
 */
export const RANK_POINTS = {
  readmeQuickstart: 100,
  readmeSection: 40,
  /** Earlier README sections rank higher: this much more for the first, `readmeOrderStep` less for each next one. */
  readmeOrderBonus: 20,
  readmeOrderStep: 4,
  docsGuide: 30,
  docsSection: 15,
  docsReference: 8,
  /** The README's prose names the distinctive API, or writes a part of its name as a term (GRPO, GGUF). */
  readmeMention: 20,
  /** A docs section on the first page of the docs' navigation: this much more, less in proportion for later pages (none for the last). */
  docsNavBonus: 10,
  /** A feature the README lists ("Guardrails") is a mention of the use cases its words spell, at most this many (more: a category). */
  featureUseCases: 3,
  phase0: 60,
  examples: 10,
  examplesPerDoubling: 5,
  entryPoint: 15,
  supportPerDoubling: 10,
  /** A use case only tests show: this much per public API step it walks through. */
  testPublicStep: 5,
};

// ---------------------------------------------------------------------------------------------------
// Command lines (the repository's own CLI; resolve/commands.ts, lang/python/cli-dispatch.ts,
// lang/ts/cli-dispatch.ts)

/**
 * Words that run another program given after them: `npx mycli`, `uv run litgpt`, `poetry run tool`.
 * Their own options (`npx -y`) are skipped; the next word is the program.
 */
export const COMMAND_LAUNCHERS: string[][] = [
  ['npx'], ['bunx'], ['pnpx'], ['uvx'], ['pipx', 'run'], ['uv', 'run'], ['poetry', 'run'], ['pdm', 'run'], ['hatch', 'run'],
  ['rye', 'run'], ['pixi', 'run'], ['conda', 'run'], ['pnpm', 'exec'], ['pnpm', 'dlx'], ['yarn', 'dlx'], ['npm', 'exec'],
  ['sudo'], ['time'], ['nohup'], ['env'],
];

/**
 * Programs that run a Python script or module given after their own options, like the interpreter:
 * `accelerate launch --config_file x.yaml scripts/sft.py`, `torchrun --nproc_per_node 8 -m pkg.train`,
 * `python -m torch.distributed.run ... train.py` (the module form after an interpreter). Only when the
 * repository does not declare the program itself (accelerate's own `accelerate launch` is its command).
 */
export const PY_SCRIPT_LAUNCHERS: string[][] = [['accelerate', 'launch'], ['torchrun'], ['deepspeed'], ['-m', 'torch.distributed.run'], ['-m', 'torch.distributed.launch'], ['-m', 'accelerate.commands.launch']];

/** Python interpreters: `python -m pkg ...` runs `pkg/__main__.py`, `python path/to/script.py ...` a file. */
export const PYTHON_INTERPRETERS = /^(python|python3|python3\.\d+|py)$/;

/**
 * Calls that build a whole CLI from Python functions (a function, a list of functions, a dict
 * `name → function`, or a class whose methods are subcommands), by the dotted name they are imported as.
 */
export const PY_CLI_BUILDERS: Record<string, 'jsonargparse' | 'fire' | 'typer'> = table({
  'jsonargparse.CLI': 'jsonargparse',
  'jsonargparse.auto_cli': 'jsonargparse',
  'jsonargparse.auto_parser': 'jsonargparse',
  'fire.Fire': 'fire',
  'typer.run': 'typer',
});

/** Modules whose `group`/`command` decorators make click commands (click and its drop-in wrappers). */
/**
 * Calls that build objects of the dataclasses they are handed from the command line and a config file
 * (`TrlParser((ScriptArguments, SFTConfig, ModelConfig))`, `tyro.cli(TrainConfig)`), by the name as
 * written (its last one or two dotted segments), with the keyword that hands them over. Each class
 * handed over is made where its name is written: the training config is a step of the script.
 */
export const PY_CONFIG_PARSERS = { callee: /(^|\.)(HfArgumentParser|TrlParser|tyro\.cli|draccus\.parse|pyrallis\.parse)$/, keywords: new Set(['dataclass_types', 'config_class', 'config_type']) };

/** Classes a config parser is handed that hold the script's own options: argument parsing, no step. */
export const PY_ARGUMENT_CLASSES = /(Arguments|Args)$/;

export const CLICK_MODULES = new Set(['click', 'rich_click', 'cloup', 'asyncclick']);

/**
 * A click group class that runs a default subcommand (click-default-group's `DefaultGroup`):
 * `@click.group(cls=DefaultGroup, default="query", default_if_no_args=True)`. A word that is not one
 * of its subcommands, or an option it does not declare itself, goes to the `default` command.
 */
export const CLICK_DEFAULT_GROUP = { cls: /(^|\.)DefaultGroup$/, keyword: 'default', ifNoArgs: 'default_if_no_args' };

/**
 * Plugin hooks (pluggy): `pm.hook.register_commands(cli=cli)` calls every function of that name
 * marked with a decorator named like `hookimpl` (`@hookimpl`, `@hookimpl(...)`, `@pluggy_impl.hookimpl`).
 * Implementations in tests, examples and docs are not the program's.
 */
export const PLUGIN_HOOK = { attribute: 'hook', marker: /(^|\.)hookimpl\b/ };

/** A class that builds an argparse parser: `argparse.ArgumentParser` or a subclass named like it. */
export const PY_PARSER_CLASS = /(^|\.)[A-Za-z]*ArgumentParser$/;

/**
 * When there are no argparse sub-parsers, an `if`/`match` on one of these names (the last identifier of
 * the subject, or `sys.argv[1]`) dispatches subcommands.
 */
export const COMMAND_SUBJECTS = new Set(['command', 'cmd', 'subcommand', 'sub_command', 'action', 'mode', 'task', 'verb']);

/** Prefixes a command verb may carry (`pretrain` → pre + train: the role of `train`, noun `Pretraining`). */
export const VERB_PREFIXES = ['pre', 're', 'post', 'un', 'de', 'auto'];

/** click ≥ 8.2 drops these endings from a command's function name (`init_command` → `init`). */
export const CLICK_NAME_SUFFIXES = ['_command', '_cmd', '_group', '_grp'];

/** JavaScript command-line parsers whose dispatch goldpath follows, by package, with the API style they have. */
export const JS_CLI_PACKAGES = new Map<string, 'commander' | 'yargs'>([
  ['commander', 'commander'],
  ['@commander-js/extra-typings', 'commander'],
  ['yargs', 'yargs'],
]);

/**
 * Prose sentences that say nothing of the use case (group/texts.ts): a lead-in to the code ("Here is a
 * basic example of how to use the SFTTrainer"), a pointer elsewhere ("The full API of this library can
 * be found in api.md", "See the guide"). They never become a sentence of a page.
 */
export const PROSE_FILLER: RegExp[] = [
  /^(here is|here's|here are|below is|below are|the following( code| snippet| example)? (is|shows))\b.*\b(examples?|snippets?|code|samples?|scripts?|commands?)\b/i,
  /^(this|the following) (is an?|shows an?) (basic |simple |minimal |short )?(examples?|snippets?|code)\b/i,
  /\bthe following (\w+ )?(commands?|code|snippets?|examples?|scripts?)[.:]$/i,
  /^(an? |the )?(minimal|simple|basic|short|small|complete|full|quick|working)( end-to-end)? (examples?|snippets?|scripts?|demo)[.:]$/i,
  /\bcan be found (in|at|on|here)\b/i,
  /^(see|check out|refer to|read more|visit|learn more)\b/i,
  /^more (details|information|info|examples)\b/i,
  /\bsee (the|our) (\w+ ){0,4}(docs|documentation|guide|tutorial|reference|example)\b/i,
  /^for (more|further|full|a full|a complete) (details|information|examples?|list|reference|documentation)\b/i,
  /\b(like this|as follows)[.:!]?$/i,
  // A command line pasted into prose (`python cli.py --model x --epochs 3 --out y`): no sentence.
  /(\s--[A-Za-z][\w-]*\b[^-]*){3,}/,
  // Getting the package, not using it (replicate-javascript's quick start opened "Import or require the package.").
  /^(first,? )?(import|require|install)( or (import|require|install))?( the| this)? (package|library|module|sdk|dependencies)( (with|using|from|via) [^.]{0,30})?[.:]?$/i,
];

/**
 * A prose sentence that leans on what is around it, so it cannot open a page on its own: it goes on
 * from the sentence before ("Or an entire folder.", "Then define your agent"), or is a pronoun's ("It
 * works much in the same way", "This creates two files"; not "This example shows ...", which says what
 * it is about). See also POINTING_PROSE.
 */
export const LEANING_PROSE: RegExp[] = [
  /^(or|and|but|then|now|first|next|also|so|finally|once|similarly|alternatively|however|otherwise|instead|likewise|afterwards|additionally|in addition|as well|for example|for instance|in this case|in that case|on the other hand|let's|let us|here is|here's|here are|it|its|they|their|these|those|that|such)\b/i,
  /^this (?!(example|script|scripts|guide|tutorial|notebook|page|section|document|library|package|module|sdk|class|function|method|tool|project|repository|recipe|walkthrough|demo)\b)/i,
  /^in (our|this|the) (example|case)\b/i,
  // An aside in parentheses.
  /^\(/,
  // "To load a PEFT model for inference." with the rest of the sentence in the code block, or a clause
  // that is no sentence ("Before the pull request gets merged.").
  /^to [a-z]+\b[^,;]*\.$/i,
  /^(before|after|until|while|when|whenever|if|unless|because|since|although|though)\b[^,;:]*\.$/i,
  // A parameter's entry of a docstring pasted as prose: `input_column (str, optional, ...)`.
  /^[A-Za-z_]\w* \([^)]*\)\s*[:-]?/,
];

/**
 * A sentence that points at text or code the page does not show ("with the code below", "like the example
 * above", "In the previous tutorial"): it neither opens a page nor goes into its Description.
 */
export const POINTING_PROSE: RegExp[] = [
  /\b(above|below|the following|like so|as before|the same way|the same as)\b/i,
  /\b(previous|preceding|last|next) (tutorial|section|chapter|guide|page|example|step|snippet|code|cell)s?\b/i,
];

/**
 * A page's opening sentence that speaks of the project's documentation ("The documentation lives at ...",
 * "Read the docs for ..."): it says where to read, not what the library is for (group/texts introSentences).
 */
export const DOCS_PROSE = /\b(documentation|docs)\b/i;

/** Last words of a sentence that leads in to the code after it ("... for all granular parameters like:"). */
export const LEAD_IN_WORDS = new Set(['like', 'following', 'follows', 'below', 'this', 'these', 'here', 'so', 'example', 'examples', 'e.g.', 'as', 'including']);

/** Fewest words a sentence that opens a page has ("SFT.", "Only optimize once." are labels and asides). */
export const MIN_OPENING_WORDS = 5;

/**
 * Fewest words of an API docstring that only restates the API's name, for an Overview that has nothing
 * else: "Create a Message stream." opens a page; "ListPrompts.", "Send Events." are labels.
 */
export const MIN_RESTATING_WORDS = 4;

/** Abbreviations a sentence does not end at ("a pretrained embedding a.k.a. Sentence Transformer model"). */
export const ABBREVIATIONS = ['e.g', 'i.e', 'a.k.a', 'etc', 'vs', 'cf', 'approx', 'incl', 'resp', 'Dr', 'Mr', 'Mrs', 'Ms', 'No', 'Fig', 'Eq'];

/** HTML elements prose may be written with in Markdown: their tags go, their text stays. */
export const PROSE_HTML_TAGS = ['a', 'b', 'i', 'u', 'em', 'strong', 'small', 'sup', 'sub', 'span', 'div', 'p', 'br', 'hr', 'img', 'kbd', 'center', 'details', 'summary', 'picture', 'source', 'font', 'code'];

/**
 * Declared return types that say nothing of what comes out by a name (a Usage says none of them): no value
 * (`None`, `Promise<void>`), the receiver (`Self`), an anonymous `{ ... }`, a type variable (`T`, `OutputT`,
 * `TResult`), anything that may be `Any` (instructor's `T | Any | Awaitable[T] | Awaitable[Any]`).
 */
export const VAGUE_RETURN_TYPE = /^(None|void|Self|this|object)$|^Promise<(void|undefined|object)>$|^\{|^[A-Z]$|^[A-Z]\w*[a-z]T$|^T[A-Z]\w*$|\b(Any|any|unknown)\b/;

/** A prose sentence that says how to run the use case (an imperative with a code span): a sentence of the Usage. */
export const USAGE_PROSE = /^(run|install|launch|start|execute)\b[^.]*`[^`]+`/i;

/**
 * Words of a docstring that say nothing beyond the API's name: "Initialize CPOTrainer.", "Constructor
 * for Foo.", "Create a new Trainer." (every other word a token of the name) is no sentence of a page.
 */
export const EMPTY_DOC_WORDS = new Set(['initialize', 'initialise', 'initializes', 'initialises', 'init', 'constructor', 'construct', 'constructs', 'create', 'creates', 'instantiate', 'instantiates', 'new', 'instance', 'class', 'method', 'function', 'object']);

/** An example's numbering of a comment above a call (`# 2. Create a session`, `// Step 3: Query`): not the page's. */
export const COMMENT_NUMBERING = /^\s*(?:step\s*)?\d+(?:\.\d+)*\s*[.):]\s+(?=\S)/i;

/** A docstring that opens with a bold banner (`**Starting a new project?** We recommend ...`): no description of the call. */
export const DOC_BANNER = /^\*\*[^*]+\*\*/;

/**
 * A README/docs code block that imports what it uses: with no variable of an earlier block of its
 * section, it starts a source of its own (group/sections.ts). A TypeScript/JavaScript block that imports
 * also starts a session of its own (discover.ts).
 */
export const PY_BLOCK_IMPORTS = /^\s*(?:from\s+[\w.]+\s+import\s|import\s+[\w.])/m;
export const TS_BLOCK_IMPORTS = /^\s*import\s+[^(\s]|\brequire\(\s*['"]/m;

/** A builtin type named in a return annotation (`tuple[Self, dict]`, `Dict[str, Any]`, `str`): group 1. */
export const BUILTIN_TYPE = /^(?:typing\.)?(tuple|Tuple|dict|Dict|list|List|set|Set|str|bytes|int|float|bool)\b\s*(?:\[.*\])?$/s;

/**
 * The public attributes of builtin values: a call of a method none of a union's builtin members has
 * (`scheduler.set_timesteps` on `Self | tuple[Self, dict]`) can only run on its repository class.
 */
export const BUILTIN_TYPE_ATTRIBUTES: Record<string, string[]> = {
  tuple: ['count', 'index'],
  list: ['append', 'clear', 'copy', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse', 'sort'],
  dict: ['clear', 'copy', 'fromkeys', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values'],
  set: ['add', 'clear', 'copy', 'difference', 'difference_update', 'discard', 'intersection', 'intersection_update', 'isdisjoint', 'issubset', 'issuperset', 'pop', 'remove', 'symmetric_difference', 'symmetric_difference_update', 'union', 'update'],
  str: ['capitalize', 'casefold', 'center', 'count', 'encode', 'endswith', 'expandtabs', 'find', 'format', 'format_map', 'index', 'isalnum', 'isalpha', 'isascii', 'isdecimal', 'isdigit', 'isidentifier', 'islower', 'isnumeric', 'isprintable', 'isspace', 'istitle', 'isupper', 'join', 'ljust', 'lower', 'lstrip', 'maketrans', 'partition', 'removeprefix', 'removesuffix', 'replace', 'rfind', 'rindex', 'rjust', 'rpartition', 'rsplit', 'rstrip', 'split', 'splitlines', 'startswith', 'strip', 'swapcase', 'title', 'translate', 'upper', 'zfill'],
  bytes: ['count', 'decode', 'endswith', 'find', 'hex', 'index', 'join', 'lower', 'replace', 'split', 'startswith', 'strip', 'upper'],
  int: ['as_integer_ratio', 'bit_count', 'bit_length', 'conjugate', 'denominator', 'from_bytes', 'imag', 'numerator', 'real', 'to_bytes'],
  float: ['as_integer_ratio', 'conjugate', 'fromhex', 'hex', 'imag', 'is_integer', 'real'],
  bool: ['as_integer_ratio', 'bit_count', 'bit_length', 'conjugate', 'denominator', 'from_bytes', 'imag', 'numerator', 'real', 'to_bytes'],
};
