// Grouping rules on real parsed examples of the tinylm fixture, and on hand-made call lists.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RepoFiles } from '../src/repo/files.js';
import { loadPythonParser, type PythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';
import { PythonIndex } from '../src/resolve/python-index.js';
import { resolvePythonSource } from '../src/resolve/python-calls.js';
import { buildSteps, fitSteps, nameCall, titleOf, principleOf, type DraftStep } from '../src/group/steps.js';
import type { CallSite } from '../src/model.js';
import { publicSurface } from '../src/group/surface.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/tinylm/repo');
let index: PythonIndex;
let parser: PythonParser;

beforeAll(async () => {
  const files = await RepoFiles.scan(REPO);
  parser = await loadPythonParser();
  index = new PythonIndex(files, parser, ['torch', 'transformers', 'pyyaml', 'numpy']);
});

/** A call resolved to a repository class or function `m.<callee>`, written as its name. */
function repoCallSite(callee: string, kind: 'class' | 'function' = 'class'): CallSite {
  return {
    callee,
    written: callee,
    argNames: [],
    argComments: {},
    assignedTo: [],
    uses: [],
    site: { path: 'x.py', start: 1, end: 1 },
    resolution: { kind: 'repo', qualname: callee, module: 'm', span: { path: 'm.py', start: 1, end: 2 }, via: 'import' },
    definition: { path: 'm.py', module: 'm', qualname: callee, kind, span: { path: 'm.py', start: 1, end: 2 }, params: [], externalImports: [] },
  };
}

async function stepsOf(code: string): Promise<DraftStep[]> {
  const facts = extractPythonFacts(parser, code, 'examples/t.py');
  const { calls } = await resolvePythonSource(index, { path: 'examples/t.py', facts, shell: [] });
  return buildSteps(calls);
}

describe('steps', () => {
  it('names calls by verb and object, and merges what serves a milestone', async () => {
    const steps = await stepsOf(
      [
        'from tinylm import FastModel, LoraConfig, get_peft_model, Trainer, TrainingArguments, load_dataset_file',
        'model = FastModel.from_pretrained("m")',
        'model = get_peft_model(model, LoraConfig(r=4))',
        'data = load_dataset_file("d.jsonl")',
        'args = TrainingArguments(epochs=1)',
        'trainer = Trainer(model, args, data)',
        'trainer.train()',
        'trainer.train()',
        'model.save_pretrained("out")',
      ].join('\n'),
    );
    expect(steps.map((s) => `${s.title}|${s.principle}|${s.calls.map((c) => c.callee).join('+')}`)).toEqual([
      'Load Model|Model_Loading|FastModel.from_pretrained',
      'Create PEFT Model|PEFT_Model_Creation|get_peft_model+LoraConfig',
      'Load Dataset File|Dataset_File_Loading|load_dataset_file',
      // The repository's constructor is the implementation of the train step; the config joins it.
      'Train|Training|trainer.train+TrainingArguments+Trainer',
      'Save Model|Model_Saving|model.save_pretrained',
    ]);
  });

  it('makes a callback passed to an API a Pattern Doc in that API call’s step', async () => {
    const steps = await stepsOf(
      ['from tinylm import FastModel, Trainer, TrainingArguments', 'def reward(c):', '    return len(c)', 'm = FastModel.from_pretrained("x")', 't = Trainer(m, TrainingArguments(), [], reward_fn=reward)', 't.train()'].join('\n'),
    );
    const train = steps.find((s) => s.role === 'train')!;
    expect(train.calls.map((c) => c.resolution.kind)).toContain('pattern');
    expect(steps.every((s) => s.calls[0].resolution.kind !== 'pattern')).toBe(true);
    // Handed to a call that is no step of the use case (a web server's listen), it is no pattern of the library.
    const pattern = (name: string, passedTo: string, line: number): CallSite => ({ callee: name, written: name, argNames: [], argComments: {}, assignedTo: [], uses: [], site: { path: 'x.ts', start: line, end: line }, resolution: { kind: 'pattern', name, span: { path: 'x.ts', start: line, end: line } }, passedTo });
    const listen: CallSite = { callee: 'app.listen', written: 'app.listen', argNames: [], argComments: {}, assignedTo: [], uses: [], site: { path: 'x.ts', start: 9, end: 9 }, resolution: { kind: 'external', module: 'express', distribution: 'express' } };
    const served = buildSteps([repoCallSite('Client'), { ...repoCallSite('client.watch', 'function'), site: { path: 'x.ts', start: 5, end: 5 } }, pattern('onEvent', 'client.watch', 3), listen, pattern('onListening', 'app.listen', 8)]);
    const callees = served.flatMap((st) => st.calls.map((c) => c.callee));
    expect(callees).toContain('onEvent');
    expect(callees).not.toContain('onListening');
  });

  it('names a trainer made apart from its training call Create ... Trainer, and the training call after the trainer', () => {
    const at = (c: CallSite, line: number, assignedTo: string[] = [], uses: string[] = []): CallSite => ({ ...c, site: { path: 'x.py', start: line, end: line }, assignedTo, uses });
    const method = (callee: string, qualname: string): CallSite => ({ ...repoCallSite(callee, 'function'), definition: { ...repoCallSite(qualname, 'function').definition!, kind: 'method' } });
    const calls = [
      at(repoCallSite('OnlineDPOTrainer'), 1, ['trainer']),
      at(method('trainer.add_callback', 'OnlineDPOTrainer.add_callback'), 2, [], ['trainer']),
      at(method('trainer.train', 'OnlineDPOTrainer.train'), 3, [], ['trainer']),
    ];
    expect(buildSteps(calls).map((s) => `${s.title}|${s.principle}|${s.calls.map((c) => c.callee).join('+')}`)).toEqual(['Create Online DPO Trainer|Online_DPO_Trainer_Setup|OnlineDPOTrainer', 'Add Callback|Callback_Addition|trainer.add_callback', 'Train Online DPO|Online_DPO_Training|trainer.train']);
    // Given the instance first, the trainer joins its training call.
    expect(buildSteps([calls[0], calls[2]]).map((s) => s.title)).toEqual(['Train Online DPO']);
  });

  it("keeps the repository's own maker a step when only another library's call uses its result", () => {
    const at = (c: CallSite, line: number, assignedTo: string[] = [], uses: string[] = []): CallSite => ({ ...c, site: { path: 'x.py', start: line, end: line }, assignedTo, uses });
    const trainer: CallSite = { callee: 'DPOTrainer', written: 'DPOTrainer', argNames: [], argComments: {}, assignedTo: ['trainer'], uses: ['model', 'cfg'], site: { path: 'x.py', start: 5, end: 5 }, resolution: { kind: 'external', module: 'trl', distribution: 'trl' } };
    const steps = buildSteps([at(repoCallSite('get_model', 'function'), 1, ['model']), at(repoCallSite('TrainConfig'), 2, ['cfg']), trainer]);
    // (The config still serves the trainer: a configuration object is no milestone.)
    expect(steps.map((s) => `${s.title}|${s.calls.map((c) => c.callee).join('+')}`)).toEqual(['Get Model|get_model', 'Train DPO|DPOTrainer+TrainConfig']);
  });

  it("makes calling the object a repository call made a step (a torch module's forward), and keeps its maker a step", () => {
    const at = (c: CallSite, line: number, assignedTo: string[] = [], uses: string[] = []): CallSite => ({ ...c, site: { path: 'x.py', start: line, end: line }, assignedTo, uses });
    const torchCall = (callee: string, line: number, assignedTo: string[], uses: string[]): CallSite => at({ callee, written: callee, argNames: [], argComments: {}, assignedTo: [], uses: [], site: { path: 'x.py', start: 1, end: 1 }, resolution: { kind: 'external', module: 'torch', distribution: 'torch' } }, line, assignedTo, uses);
    const made = [at(repoCallSite('create_model', 'function'), 1, ['model']), at(repoCallSite('resolve_data_config', 'function'), 2, ['config'], ['model']), at(repoCallSite('create_transform', 'function'), 3, ['transform'], ['config'])];
    const shown = (calls: CallSite[]) => buildSteps(calls).map((s) => `${s.title}|${s.calls.map((c) => c.callee).join('+')}`);
    // `out = model(tensor)`: the library's model at work, so the model is made in a step of its own.
    expect(shown([...made, torchCall('model', 4, ['out'], ['model', 'tensor'])])).toEqual(['Create Model|create_model', 'Create Transform|create_transform+resolve_data_config', 'Run Model|model']);
    // Without it, the model only serves the data config: one step with it.
    expect(shown(made)).toEqual(['Create Transform|create_transform+create_model+resolve_data_config']);
    // A framework object the library did not make (`loss = criterion(out, y)`) is no step of it.
    expect(shown([...made, torchCall('model', 4, ['out'], ['model', 'tensor']), torchCall('criterion', 5, ['loss'], ['criterion', 'out'])]).map((s) => s.split('|')[0])).toEqual(['Create Model', 'Create Transform', 'Run Model']);
    // Resolved to the repository's own module, its forward: run too, named by its class.
    const forward: CallSite = { ...repoCallSite('peft_model', 'function'), resolution: { kind: 'repo', qualname: 'PeftModel.forward', module: 'm', span: { path: 'm.py', start: 1, end: 2 }, via: 'type checker' } };
    expect(buildSteps([at(forward, 1, ['out'], ['peft_model'])]).map((s) => s.title)).toEqual(['Run PEFT Model']);
  });

  it('names a bare Run by what it runs: the variable given first, else the instance it is called on', () => {
    const run = (callee: string, args: Record<string, string>, kind: 'function' | 'method' = 'method'): CallSite => {
      const c = repoCallSite(callee, 'function');
      return { ...c, argNames: Object.keys(args), argValues: args, definition: { ...c.definition!, kind } };
    };
    const titles = (c: CallSite) => buildSteps([c]).map((s) => `${s.title}|${s.principle}`);
    expect(titles(run('Runner.run', { starting_agent: 'agent', input: '"hi"' }))).toEqual(['Run Agent|Agent_Execution']);
    expect(titles(run('run', { agent: 'agent', input: 'prompt' }, 'function'))).toEqual(['Run Agent|Agent_Execution']);
    expect(titles(run('server.run', { port: '8000' }))).toEqual(['Run Server|Server_Execution']);
    expect(titles(run('run', { agent: 'pirateAgent' }, 'function'))).toEqual(['Run Pirate Agent|Pirate_Agent_Execution']);
    // Not the object that runs things, nor a value that is no variable.
    expect(titles(run('runner.run', { input: '"hi"' }))).toEqual(['Run|Execution']);
  });

  it('merges adjacent steps by role when there are more than 7', () => {
    const call = (callee: string): CallSite => ({ callee, written: callee, argNames: [], argComments: {}, assignedTo: [], uses: [], site: { path: 'x.py', start: 1, end: 1 }, resolution: { kind: 'external', module: 'm', distribution: 'm' } });
    const mk = (role: DraftStep['role'], n: number): DraftStep => ({ role, title: `${role}${n}`, principle: `P${n}`, calls: [call(`f${n}`)] });
    const fitted = fitSteps([mk('load', 1), mk('load', 2), mk('configure', 3), mk('prepare_data', 4), mk('train', 5), mk('train', 6), mk('evaluate', 7), mk('save', 8), mk('save', 9)]);
    expect(fitted.length).toBe(7);
    expect(fitted.map((s) => s.calls.length)).toEqual([2, 1, 1, 2, 1, 1, 1]);
  });

  it('gives constructors their role from the class name', () => {
    const c = repoCallSite;
    expect(titleOf(nameCall(c('LoraConfig')))).toBe('Configure LoRA');
    expect(principleOf(nameCall(c('LoraConfig')))).toBe('LoRA_Configuration');
    expect(nameCall(c('SFTTrainer')).role).toBe('train');
    expect(titleOf(nameCall(c('export_gguf', 'function')))).toBe('Export GGUF');
  });

  it("reads a class's last word as its head noun when that verb also names a thing (ActionStep), a one-word class as its verb", () => {
    const c = repoCallSite;
    expect(titleOf(nameCall(c('ActionStep')))).toBe('Create Action Step');
    expect(titleOf(nameCall(c('PlanningStep')))).toBe('Create Planning Step');
    expect(titleOf(nameCall(c('dspy.Predict')))).toBe('Predict');
  });

  it('names a React-style hook as used (Use Chat), with the role its words give', () => {
    const c = (callee: string) => repoCallSite(callee, 'function');
    expect(titleOf(nameCall(c('useChat')))).toBe('Use Chat');
    expect(titleOf(nameCall(c('useUIState')))).toBe('Use UI State');
    expect(principleOf(nameCall(c('useObject')))).toBe('Object_Usage');
    expect(nameCall(c('useChat')).role).toBe(nameCall(c('chat')).role);
    // `user_data`, `used`: no hook.
    expect(titleOf(nameCall(c('user_data')))).not.toMatch(/^Use /);
  });

  it('reads a verb before a class’s head noun as what the thing is for: it is made, it does not run', () => {
    const c = repoCallSite;
    expect(titleOf(nameCall(c('InferenceEngine')))).toBe('Create Inference Engine');
    expect(titleOf(nameCall(c('RunContextWrapper')))).toBe('Create Run Context Wrapper');
    expect(titleOf(nameCall(c('DefaultChatTransport')))).toBe('Create Chat Transport');
    expect(nameCall(c('ChatMessage')).role).toBe('build');
    // The head is the last word before a preposition: an API with a predict, not a prediction.
    expect(nameCall(c('TestEmbedAPIWithYieldPredict')).verb).toBe('Create');
    // A verb as the head is the action (WebSearch searches); so is a step named by its action.
    expect(titleOf(nameCall(c('WebSearch')))).toBe('Search Web');
    expect(titleOf(nameCall(c('MapTensorToDeltaActionStep')))).toBe('Map Tensor to Delta Action');
  });

  it('a module named like an internal folder is no public API: testing_utils.py is the tests\' toolbox', () => {
    const at = (path: string): CallSite => {
      const c = repoCallSite('remove_directory', 'function');
      return { ...c, resolution: { ...(c.resolution as Extract<CallSite['resolution'], { kind: 'repo' }>), span: { path, start: 1, end: 2 } } };
    };
    expect(publicSurface()(at('optimum/utils/testing_utils.py'))).toBe(false);
    expect(publicSurface()(at('pkg/test_utils/helpers.py'))).toBe(false);
    expect(publicSurface()(at('src/core/internal.ts'))).toBe(false);
    expect(publicSurface()(at('optimum/utils/loading_utils.py'))).toBe(true);
    expect(publicSurface()(at('pkg/testing_helpers.py'))).toBe(true);
  });

  it("a repository method whose class is not known is public unless its name starts with an underscore", () => {
    const unresolved = (callee: string): CallSite => ({ ...repoCallSite(callee, 'function'), resolution: { kind: 'unresolved', reason: 'two candidates', candidates: ['A.x (a.py:L1-2)', 'B.x (b.py:L1-2)'] } });
    expect(publicSurface()(unresolved('client.with_options'))).toBe(true);
    expect(publicSurface()(unresolved('client._uses_aws_auth'))).toBe(false);
  });

  it('names what a save or upload is given by a value passed, not by a function called inline', () => {
    const upload = (file: string, uses: string[]): CallSite => ({ ...repoCallSite('mistral.files.upload', 'function'), uses: ['mistral', ...uses], argValues: { file } });
    expect(titleOf(nameCall(upload('await openAsBlob("a.pdf")', ['openAsBlob'])))).toBe('Upload File');
    expect(titleOf(nameCall(upload('report', ['report'])))).toBe('Upload Report');
    // A variable named like a verb is still a value (`format_chunk`).
    expect(titleOf(nameCall(upload('format_chunk', ['format_chunk'])))).toBe('Upload Format Chunk');
    // A place written as one word says nothing of what is saved (`save_pretrained(tmpdirname)`).
    expect(titleOf(nameCall(upload('tmpdirname', ['tmpdirname'])))).toBe('Upload File');
    // A module whose function is called inline is no value passed, a client's class is not what it
    // stores, and a name or id stands for its thing.
    const upsert = (argValues: Record<string, string>, uses: string[]): CallSite => {
      const c = repoCallSite('client.upsert', 'function');
      return { ...c, uses: ['client', ...uses], argValues, definition: { ...c.definition!, kind: 'method', qualname: 'QdrantClient.upsert' } };
    };
    expect(titleOf(nameCall(upsert({ points: '[models.PointStruct(id=1)]' }, ['models'])))).toBe('Upsert');
    expect(titleOf(nameCall(upsert({ collection_name: 'collection_name' }, ['collection_name'])))).toBe('Upsert Collection');
    // A variable's method called inline still passes the variable; a client connects itself.
    expect(titleOf(nameCall(upload('model.state_dict()', ['model'])))).toBe('Upload Model');
    const connect = repoCallSite('client.connect', 'function');
    expect(titleOf(nameCall({ ...connect, definition: { ...connect.definition!, kind: 'method', qualname: 'Client.connect' } }))).toBe('Connect Client');
  });

  it('names what an object is given to hold, not the object: `session.add(hero)` adds a hero', () => {
    const adding = (callee: string, qualname: string, uses: string[], argValues: Record<string, string>): CallSite => {
      const c = repoCallSite(callee, 'function');
      return { ...c, uses, argValues, definition: { ...c.definition!, kind: 'method', qualname } };
    };
    expect(titleOf(nameCall(adding('session.add', 'Session.add', ['session', 'hero_1'], { instance: 'hero_1' })))).toBe('Add Hero');
    expect(titleOf(nameCall(adding('queue.append', 'Queue.append', ['queue', 'job'], { item: 'job' })))).toBe('Append Job');
    // Nothing named given: the receiver, as before; a name that says what it adds keeps it.
    expect(titleOf(nameCall(adding('session.add', 'Session.add', ['session'], { instance: 'Hero(name="x")' })))).toBe('Add Session');
    expect(titleOf(nameCall(adding('table.add_column', 'Table.add_column', ['table', 'header'], { header: 'header' })))).toBe('Add Column');
    // A variable inside an expression is not what is added: `g.add(g.edge_from(a).to(increment))`.
    expect(titleOf(nameCall(adding('g.add', 'GraphBuilder.add', ['g', 'increment'], { edges: 'g.edge_from(start).to(increment)' })))).toBe('Add Graph Builder');
  });

  it('names a method called by a quantifier (`retryPolicies.any`) by its receiver', () => {
    expect(titleOf(nameCall(repoCallSite('retryPolicies.any', 'function')))).toBe('Call Retry Policies');
    expect(titleOf(nameCall(repoCallSite('retryPolicies.exponential', 'function')))).toBe('Call Exponential');
  });

  it('describing a resource is the name\'s verb, not the resource a later word names (`describeIndex` was "Index Describe")', () => {
    const c = repoCallSite;
    expect(titleOf(nameCall(c('pc.describeIndex', 'function')))).toBe('Describe Index');
    expect(principleOf(nameCall(c('pc.describeIndex', 'function')))).toBe('Index_Description');
    expect(titleOf(nameCall(c('client.describe_collection', 'function')))).toBe('Describe Collection');
  });

  it('a name that starts with a verb of no milestone is titled by that verb, not "Call"; its role stays other', () => {
    const c = repoCallSite;
    expect(titleOf(nameCall(c('client.messages.countTokens', 'function')))).toBe('Count Tokens');
    expect(principleOf(nameCall(c('client.messages.countTokens', 'function')))).toBe('Tokens_Counting');
    expect(titleOf(nameCall(c('pipe.enable_model_cpu_offload', 'function')))).toBe('Enable Model CPU Offload');
    expect(nameCall(c('accelerator.state.select_deepspeed_plugin', 'function')).role).toBe('other');
    expect(titleOf(nameCall(c('state.approve', 'function')))).toBe('Approve');
    // A bare verb on an object of a known class acts on what the object is: its class's head noun.
    const method = (callee: string, qualname: string): CallSite => ({ ...c(callee, 'function'), definition: { ...c(callee, 'function').definition!, kind: 'method', qualname } });
    expect(titleOf(nameCall(method('sandbox.kill', 'AsyncSandbox.kill')))).toBe('Kill Sandbox');
    expect(principleOf(nameCall(method('sandbox.kill', 'AsyncSandbox.kill')))).toBe('Sandbox_Killing');
    expect(titleOf(nameCall(method('Sandbox.pause', 'Sandbox.pause')))).toBe('Pause Sandbox');
    expect(titleOf(nameCall(method('server.close', 'McpServer.close')))).toBe('Close MCP Server');
    expect(titleOf(nameCall(method('camera.disconnect', 'RealSenseCamera.disconnect')))).toBe('Disconnect Camera');
    expect(titleOf(nameCall(method('mcpServer.close', 'MCPServerStdio.close')))).toBe('Close MCP Server');
    expect(titleOf(nameCall(method('t.close', 'StdioServerTransport.close')))).toBe('Close');
    expect(titleOf(nameCall(method('m.close', 'Mixin.close')))).toBe('Close');
    expect(titleOf(nameCall({ ...method('state.approve', 'RunState.approve'), argNames: ['interruption'] }))).toBe('Approve');
    // Only as the first word: a name that merely contains one stays a call of the name.
    expect(titleOf(nameCall(c('final_count', 'function')))).toBe('Call Final Count');
  });

  it('an API verb such as sync, scan or duplicate reads as that verb; calling an object runs it', () => {
    const c = repoCallSite;
    expect(titleOf(nameCall(c('api.sync_bucket', 'function')))).toBe('Sync Bucket');
    expect(principleOf(nameCall(c('api.sync_bucket', 'function')))).toBe('Bucket_Synchronization');
    expect(titleOf(nameCall(c('scan_cache_dir', 'function')))).toBe('Scan Cache Dir');
    expect(titleOf(nameCall(c('api.duplicate_repo', 'function')))).toBe('Duplicate Repo');
    // `ddpm(...)` is DDPMPipeline.__call__: the class names what runs.
    const called = { ...c('ddpm', 'function'), resolution: { kind: 'repo' as const, qualname: 'DDPMPipeline.__call__', module: 'm', span: { path: 'm.py', start: 1, end: 2 }, via: 'import' as const } };
    expect(titleOf(nameCall(called))).toBe('Run DDPM Pipeline');
    expect(principleOf(nameCall(called))).toBe('DDPM_Pipeline_Execution');
    // A long class name keeps its first words and its head noun.
    const long = { ...called, resolution: { ...called.resolution, qualname: 'CrossEncoderNanoBEIREvaluator.__call__' } };
    expect(titleOf(nameCall(long))).toBe('Run Cross Encoder Evaluator');
    // A class chosen at run time: the object's own name.
    const unknown = { ...c('pipeline', 'function'), resolution: { kind: 'unresolved' as const, reason: 'no return annotation', method: '__call__' } };
    expect(titleOf(nameCall(unknown))).toBe('Run Pipeline');
    expect(nameCall(unknown).role).toBe('other');
  });

  it('a name ending on an inference or training noun does that action; a kept verbless result is got', () => {
    const c = repoCallSite;
    expect(titleOf(nameCall(c('client.text_generation', 'function')))).toBe('Generate Text');
    expect(nameCall(c('client.text_generation', 'function')).role).toBe('infer');
    expect(principleOf(nameCall(c('client.text_generation', 'function')))).toBe('Text_Generation');
    // After a preposition it switches a mode: no training.
    expect(nameCall(c('FastModel.for_training', 'function')).role).not.toBe('train');
    // Verbless: what the source keeps is what it gets; a call whose result it drops stays a call.
    const kept = { ...c('api.bucket_info', 'function'), assignedTo: ['info'] };
    kept.definition = { ...kept.definition!, returns: 'BucketInfo' };
    expect(titleOf(nameCall(kept))).toBe('Get Bucket Info');
    expect(principleOf(nameCall(kept))).toBe('Bucket_Info_Retrieval');
    expect(titleOf(nameCall(c('notebook_launcher', 'function')))).toBe('Call Notebook Launcher');
    // Untyped, or typed as giving nothing: no value to get.
    expect(titleOf(nameCall({ ...c('block.forward', 'function'), assignedTo: ['out'] }))).toBe('Call Forward');
    expect(titleOf(nameCall({ ...kept, definition: { ...kept.definition!, returns: 'None' } }))).toBe('Call Bucket Info');
    // The value an inference keeps names it, unless it only repeats the verb, whole or cut short.
    expect(titleOf(nameCall({ ...c('model.generate', 'function'), assignedTo: ['text'] }))).toBe('Generate Text');
    expect(titleOf(nameCall({ ...c('model.predict', 'function'), assignedTo: ['preds'] }))).toBe('Predict');
    expect(titleOf(nameCall({ ...c('model.predict', 'function'), assignedTo: ['predictions'] }))).toBe('Predict');
  });

  it('transcribing is an inference: its -script result and an API\'s stability name nothing; streaming one streams its noun', () => {
    const c = repoCallSite;
    // `transcript = model.transcribe(audio)` transcribes (was "Get Transcribe"); the result repeats the verb.
    const transcribe = { ...c('model.transcribe', 'function'), assignedTo: ['transcript'] };
    expect(nameCall(transcribe).role).toBe('infer');
    expect(titleOf(nameCall(transcribe))).toBe('Transcribe');
    expect(titleOf(nameCall({ ...c('whisper.transcribe', 'function'), assignedTo: ['transcripts'] }))).toBe('Transcribe');
    expect(titleOf(nameCall({ ...c('translator.translate', 'function'), assignedTo: ['translated_text'] }))).toBe('Translate Text');
    // `experimental_transcribe` is the transcription, not an "Experimental" object.
    expect(titleOf(nameCall(c('experimental_transcribe', 'function')))).toBe('Transcribe');
    expect(titleOf(nameCall(c('unstable_generate_image', 'function')))).toBe('Generate Image');
    // Streaming another inference names that inference: Stream Transcription, Transcription_Streaming.
    expect(titleOf(nameCall(c('experimental_streamTranscribe', 'function')))).toBe('Stream Transcription');
    expect(principleOf(nameCall(c('streamTranslate', 'function')))).toBe('Translation_Streaming');
    // Not a thing streamed: `streamText` streams text.
    expect(principleOf(nameCall(c('streamText', 'function')))).toBe('Text_Streaming');
  });

  it('a verb no table lists is the call\'s verb when its docstring says so (Submits ..., Receive messages ...)', () => {
    const documented = (callee: string, summary: string, assignedTo: string[] = ['x']): CallSite => {
      const c = repoCallSite(callee, 'function');
      return { ...c, assignedTo, definition: { ...c.definition!, kind: 'method', returns: 'Transcript', summary } };
    };
    // Was "Get Submit" and "Get Receive Response".
    expect(titleOf(nameCall({ ...documented('transcriber.submit', 'Submits a transcription job without waiting for its completion.'), argNames: ['data'] }))).toBe('Submit');
    expect(titleOf(nameCall(documented('client.receive_response', 'Receive messages from Claude until and including a ResultMessage.')))).toBe('Receive Response');
    expect(principleOf(nameCall(documented('client.receive_response', 'Receive messages from Claude.')))).toBe('Response_Receiving');
    expect(principleOf(nameCall(documented('compose', 'Composes a list of transformations together.')))).toBe('Composing');
    // A noun the docstring starts with is no verb: "Version string of ...", "Tools are ...", "Health status ...".
    expect(titleOf(nameCall(documented('client.version', 'Version string of the server.')))).toBe('Get Version');
    expect(titleOf(nameCall(documented('client.tool', 'Tools are callables the model may use.')))).toBe('Get Tool');
    expect(titleOf(nameCall(documented('client.health', 'Health status of the server.')))).toBe('Get Health');
    // Without a docstring, as before.
    expect(titleOf(nameCall({ ...repoCallSite('transcriber.submit', 'function'), assignedTo: ['t'], definition: { ...repoCallSite('transcriber.submit', 'function').definition!, returns: 'Transcript' } }))).toBe('Get Submit');
  });

  it('a bare verb reached through its module acts on what it returns, not on the module', () => {
    const returning = (callee: string, returns: string | undefined): CallSite => {
      const c = repoCallSite(callee, 'function');
      return { ...c, definition: { ...c.definition!, ...(returns ? { returns } : {}) } };
    };
    expect(titleOf(nameCall(returning('evaluate.load', 'EvaluationModule')))).toBe('Load Evaluation Module');
    expect(principleOf(nameCall(returning('evaluate.load', '"EvaluationModule"')))).toBe('Evaluation_Module_Loading');
    // A plain value says nothing of what is loaded: the receiver still names it, as before.
    expect(titleOf(nameCall(returning('evaluate.load', 'Dict[str, float]')))).toBe('Load Evaluate');
    // A method keeps the class it acts on.
    const method = repoCallSite('Pipeline.load', 'function');
    expect(titleOf(nameCall({ ...method, definition: { ...method.definition!, kind: 'method', qualname: 'Pipeline.load', returns: 'Result' } }))).toBe('Load Pipeline');
  });

  it('a verb that names a dataset split before another split word is no verb: `train_test_split` splits, it trains nothing', () => {
    const c = repoCallSite;
    expect(nameCall(c('train_test_split', 'function')).role).toBe('prepare_data');
    expect(titleOf(nameCall(c('train_test_split', 'function')))).toBe('Split Train Test');
    expect(nameCall(c('dataset.train_val_split', 'function')).role).toBe('prepare_data');
    // A split word alone, or before another word, keeps its verb.
    expect(nameCall(c('train_model', 'function')).role).toBe('train');
    expect(nameCall(c('train', 'function')).role).toBe('train');
  });

  it('titles keep the prepositions of a name, and add the receiver only after a qualifier word', () => {
    const method = (callee: string, owner: string): CallSite => {
      const c = repoCallSite(callee, 'function');
      const qualname = `${owner}.${callee.split('.').pop()}`;
      return { ...c, resolution: { ...c.resolution, qualname } as CallSite['resolution'], definition: { ...c.definition!, kind: 'method', qualname } };
    };
    const title = (c: CallSite) => titleOf(nameCall(c));
    expect(title(method('trainer.push_to_hub', 'Trainer'))).toBe('Push to Hub');
    expect(title(method('dataset.save_to_disk', 'Dataset'))).toBe('Save to Disk');
    expect(title(method('AutoModelForCausalLM.from_pretrained', 'AutoModelForCausalLM'))).toBe('Load Model for Causal LM');
    // Principles keep the content words only.
    expect(principleOf(nameCall(method('AutoModelForCausalLM.from_pretrained', 'AutoModelForCausalLM')))).toBe('Model_Causal_LM_Loading');
    // A qualifier (a participle, a format) takes the receiver's noun; a thing does not.
    expect(title(method('model.save_pretrained_merged', 'Model'))).toBe('Save Merged Model');
    expect(title(method('model.save_pretrained_gguf', 'Model'))).toBe('Save GGUF Model');
    expect(title(method('trainer.save_model', 'Trainer'))).toBe('Save Model');
    // Not a name's first word: `to_input_list` sends nothing "to Input".
    expect(title(method('result.to_input_list', 'RunResult'))).not.toContain(' to ');
    expect(title(method('accelerator.load_state', 'Accelerator'))).toBe('Load State');
  });

  it('a decorator without a verb defines what it makes of the function', () => {
    const deco = { ...repoCallSite('input_guardrail', 'function'), decorator: 'bare' as const };
    expect(titleOf(nameCall(deco))).toBe('Define Input Guardrail');
    expect(principleOf(nameCall(deco))).toBe('Input_Guardrail_Definition');
    // A plain call of the same function is no definition.
    expect(titleOf(nameCall(repoCallSite('input_guardrail', 'function')))).toBe('Call Input Guardrail');
  });

  it('names a call whose name tokens are Object.prototype keys (sympy ArrayConstructor)', () => {
    const c = repoCallSite;
    for (const [callee, kind] of [['ArrayConstructor', 'class'], ['constructor', 'function'], ['value_of', 'function'], ['to_string', 'function'], ['HasOwnProperty', 'class']] as const) {
      const n = nameCall(c(callee, kind));
      expect(typeof n.noun).toBe('string');
      expect(titleOf(n)).not.toMatch(/function|native/);
      expect(principleOf(n)).toMatch(/^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/);
    }
    expect(principleOf(nameCall(c('ArrayConstructor', 'class')))).toBe('Array_Constructor_Setup');
  });
});
