// Golden paths on the adaptkit fixture (several examples of one use case, one of another, README and docs
// sections, a test that goes through a helper, boilerplate everywhere) and on hand-written sources:
// boilerplate is no step, helpers are followed into, sources mine into ranked use cases whatever their order.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { RepoFiles } from '../src/repo/files.js';
import { loadPythonParser, type PythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';
import { PythonIndex } from '../src/resolve/python-index.js';
import { resolvePythonSource } from '../src/resolve/python-calls.js';
import { buildSteps, callKey, distinctTitles, isBoilerplateName, nameCall, principleOf, setOption, titleOf, type DraftStep } from '../src/group/steps.js';
import { rankUseCases } from '../src/group/rank.js';
import { readmeTerms } from '../src/group/mentions.js';
import { navOrder } from '../src/group/docs-nav.js';
import { publicSurface } from '../src/group/surface.js';
import { buildWorkflows, markNumbered, type AnalysedSource } from '../src/group/workflows.js';
import { consensusSteps, mineUseCases, onApiPage, runOrder, settle } from '../src/group/usecases.js';
import { nameUseCases, shownAnchor, taskHeading } from '../src/group/naming.js';
import { withOption } from '../src/group/options.js';
import { withBrands, workflowNameFrom } from '../src/group/names.js';
import { extractWorkflows, renderWiki } from '../src/index.js';
import { walkthroughRuns } from '../src/lang/markdown/codeblocks.js';
import type { CallSite, Candidate, GoldpathModel, RankEvidence, SourceKind } from '../src/model.js';
import { WORKFLOW_NAME_RE } from '../src/group/names.js';
import { callsOf, write } from './repos.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADAPTKIT = path.join(ROOT, 'examples/adaptkit/repo');
const TINYLM = path.join(ROOT, 'examples/tinylm/repo');

let parser: PythonParser;
let model: GoldpathModel;

beforeAll(async () => {
  parser = await loadPythonParser();
  model = await extractWorkflows({ repo: ADAPTKIT, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-gp-')), name: 'acme_adaptkit' });
});

async function analysed(repo: string, code: string, file = 'examples/t.py', kind: SourceKind = 'example'): Promise<AnalysedSource> {
  const files = await RepoFiles.scan(repo);
  const index = new PythonIndex(files, parser, ['torch', 'transformers', 'trl', 'numpy']);
  const facts = extractPythonFacts(parser, code, file);
  const { calls } = await resolvePythonSource(index, { path: file, facts, shell: [] });
  const candidate: Candidate = { id: file, path: file, kind, line: 1, foundBy: 'test', kept: false, reason: '' };
  return { candidate, score: 90, calls, steps: buildSteps(calls), span: { path: file, start: 1, end: code.split('\n').length } };
}

const mains = (a: AnalysedSource) => a.steps.map((s) => s.calls[0].callee);

describe('steps are milestones of the public API', () => {
  it('a definition documented as deprecated (its first sentence says so) is not the public API; one that mentions a deprecated argument further down is', async () => {
    const q = '"""';
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .train import Trainer, OldTrainer, train_legacy\n',
      'pkg/train.py': [
        'class Trainer:',
        `    ${q}Trains a model.`,
        '',
        '    The `epochs_old` argument is deprecated and will be removed.',
        `    ${q}`,
        '',
        '    def __init__(self, model):',
        '        self.model = model',
        '',
        '',
        'class OldTrainer(Trainer):',
        `    ${q}\`OldTrainer\` has been deprecated and will be removed in v2.0.0. Use \`Trainer\`.${q}`,
        '',
        '',
        'def train_legacy(model):',
        `    ${q}This function is deprecated. Use \`Trainer\`.${q}`,
        '    return Trainer(model)',
        '',
      ].join('\n'),
      'package.json': JSON.stringify({ name: 'tskit', main: 'src/index.ts' }),
      'src/index.ts': 'export class Client {\n  constructor(token: string) {}\n}\n\n/**\n * For backward compatibility only, will remove soon.\n * @deprecated replace with Client\n */\nexport class LegacyClient extends Client {}\n',
      'examples/run.py': 'from pkg import OldTrainer, Trainer, train_legacy\n\nt = Trainer("m")\no = OldTrainer("m")\nl = train_legacy("m")\n',
      'examples/run.ts': "import { Client, LegacyClient } from 'tskit';\n\nconst a = new Client('t');\nconst b = new LegacyClient('t');\n",
    });
    const calls = await callsOf(repo);
    const isPublic = publicSurface();
    const py = calls.get('examples/run.py')!;
    expect(isPublic(py.find((c) => c.callee === 'Trainer')!)).toBe(true);
    expect(isPublic(py.find((c) => c.callee === 'OldTrainer')!)).toBe(false);
    expect(isPublic(py.find((c) => c.callee === 'train_legacy')!)).toBe(false);
    const ts = calls.get('examples/run.ts')!;
    expect(isPublic(ts.find((c) => c.callee === 'Client')!)).toBe(true);
    expect(isPublic(ts.find((c) => c.callee === 'LegacyClient')!)).toBe(false);
  });

  it('leaves out argument parsing, printing, logging, checks, seeding and mode switches', async () => {
    const a = await analysed(
      TINYLM,
      [
        'import argparse, logging',
        'from tinylm import FastModel, get_peft_model, LoraConfig, Trainer, TrainingArguments',
        'logger = logging.getLogger(__name__)',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--lr")',
        'args = parser.parse_args()',
        'model = FastModel.from_pretrained("m")',
        'model = get_peft_model(model, LoraConfig(r=4))',
        'model.print_trainable_parameters()',
        'model.train()',
        'trainer = Trainer(model=model, args=TrainingArguments(epochs=1))',
        'metrics = trainer.train()',
        'trainer.log_metrics(metrics)',
        'logger.info("done")',
        'model.save_pretrained("out")',
      ].join('\n'),
    );
    expect(mains(a)).toEqual(['FastModel.from_pretrained', 'get_peft_model', 'trainer.train', 'model.save_pretrained']);
  });

  it("takes a printing library's own print for its API when its README starts with it, and no one else's", async () => {
    const lib = [
      'class Table:',
      '    def add_column(self, name):',
      '        pass',
      '',
      '    def add_row(self, *cells):',
      '        pass',
      '',
      'class Console:',
      '    def print(self, *objects):',
      '        pass',
      '',
      '    def log(self, *objects):',
      '        pass',
      '',
      'def print(*objects):',
      '    pass',
      '',
    ].join('\n');
    const table = '```python\nfrom shine import Console, Table\nconsole = Console()\ntable = Table()\ntable.add_column("x")\ntable.add_row("a")\nconsole.print(table)\n```\n';
    const run = async (quick: string) => {
      const repo = write({ 'shine/__init__.py': lib, 'README.md': `# shine\n\n## Quick start\n\n${quick}\n## Tables\n\n${table}` });
      const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-print-')), name: 'acme_shine' });
      return m.workflows.map((w) => w.steps.map((s) => `${s.title}: ${s.calls[0].call.callee}`));
    };
    // The README opens by printing with the library: its print is what it is for, and says so.
    expect(await run('```python\nfrom shine import print\nprint("[bold]Hello[/bold]")\n```\n')).toEqual([['Create Table: Table', 'Add Column: table.add_column', 'Add Row: table.add_row', 'Print: console.print']]);
    // A README that opens with something else: printing is reporting, as everywhere.
    const other = await run('```python\nfrom shine import Table\nt = Table()\nt.add_row("x")\n```\n');
    expect(other).toHaveLength(1);
    expect(other[0].join()).not.toContain('console.print');
  });

  it('leaves out an object rendered as text for a print or a log (`print(msg.model_dump_json())`), not one handed to the library', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .api import Client, Store\n',
      'pkg/api.py':
        'class Message:\n    def model_dump_json(self, indent=None) -> str:\n        return ""\n\n    def to_json(self) -> str:\n        return ""\n\n    def to_dict(self) -> dict:\n        return {}\n\n\n' +
        'class Client:\n    def create(self, prompt: str) -> Message:\n        return Message()\n\n\n' +
        'class Store:\n    def save(self, text: str) -> None:\n        pass\n',
    });
    const code = ['import logging', 'from pkg import Client, Store', 'client = Client()', 'msg = client.create("hi")', 'print(msg.model_dump_json(indent=2))', 'print(f"final: {msg.to_json()}")', 'data = msg.to_dict()', 'logging.info(data)', 'store = Store()', 'store.save(msg.to_json())', ''].join('\n');
    const a = await analysed(repo, code);
    const calls = a.steps.flatMap((s) => s.calls.map((c) => `${c.callee}:${c.site.start}`));
    expect(calls).not.toContain('msg.model_dump_json:5');
    expect(calls).not.toContain('msg.to_json:6');
    expect(calls).not.toContain('msg.to_dict:7');
    // Given to a call of the library, the text is that call's input: it stays with it.
    expect(calls).toContain('msg.to_json:10');
    expect(mains(a)).toContain('client.create');
  });

  it('names a `get_*` whose result replaces its argument a creation, typed or not, and a plain getter a retrieval', async () => {
    const repo = path.join(ROOT, 'examples/resolvekit/repo');
    const a = await analysed(repo, 'from pkg.lora import get_peft_model\nmodel = object()\nmodel = get_peft_model(model, {})\nother = get_peft_model(model, {})\n');
    const [made, got] = a.calls.filter((c) => c.callee === 'get_peft_model').map((c) => nameCall(c));
    expect(made).toMatchObject({ role: 'build', verb: 'Create' });
    expect(got.verb).not.toBe('Create');
    // Replacing its receiver is moving on, not making: `page = page.getNextPage()` retrieves the next page.
    const next = { ...a.calls.find((c) => c.callee === 'get_peft_model')!, callee: 'page.getNextPage', assignedTo: ['page'], uses: ['page'], definition: undefined };
    expect(nameCall(next).verb).not.toBe('Create');
    // Data about a thing is retrieved, whatever class holds it (`sandbox.get_info() -> SandboxInfo`).
    const base = a.calls.find((c) => c.callee === 'get_peft_model')!;
    const info = { ...base, callee: 'sandbox.get_info', assignedTo: ['info'], uses: ['sandbox'], definition: { ...base.definition!, returns: 'SandboxInfo' } };
    expect(titleOf(nameCall(info))).toBe('Get Info');
    expect(nameCall({ ...info, callee: 'sandbox.get_session' }).verb).toBe('Create');
    // A method returning an instance fetches what its object holds or serves: `stream.get_final_message()`.
    const method = { ...info, callee: 'stream.get_final_message', uses: ['stream'], definition: { ...base.definition!, kind: 'method' as const, returns: 'Message' } };
    expect(titleOf(nameCall(method))).toBe('Get Final Message');
    expect(nameCall({ ...method, definition: { ...method.definition, kind: 'function' as const } }).verb).toBe('Create');
  });

  it('takes `.eval()` chained on a loader for a mode switch, while `Trainer(...).train()` still trains', async () => {
    const a = await analysed(
      TINYLM,
      [
        'from transformers import AutoModelForCausalLM',
        'from tinylm import get_peft_model, LoraConfig, Trainer, TrainingArguments',
        'base = AutoModelForCausalLM.from_pretrained("m").eval()',
        'model = get_peft_model(base, LoraConfig(r=4))',
        'Trainer(model=model, args=TrainingArguments(epochs=1)).train()',
      ].join('\n'),
    );
    const all = a.steps.flatMap((s) => s.calls.map((c) => c.callee));
    expect(all.some((c) => c.endsWith('.eval'))).toBe(false);
    expect(all.some((c) => c.endsWith('.train'))).toBe(true);
  });

  it('a call written inside another joins it; one beside it on the same line is a step of its own', async () => {
    const repo = write({
      'pkg/__init__.py': 'from .api import Toolbox, Limits, Durability, Memory, Agent\n',
      'pkg/api.py': ['Toolbox', 'Limits', 'Durability', 'Memory'].map((c) => `class ${c}:\n    pass\n`).join('\n\n') + '\n\nclass Agent:\n    def __init__(self, model, capabilities=None, memory=None):\n        self.model = model\n\n    def run(self, prompt):\n        return prompt\n',
    });
    const a = await analysed(repo, 'from pkg import Toolbox, Limits, Durability, Memory, Agent\nparts = {"tools": Toolbox(), "limits": Limits()}\nagent = Agent("m", capabilities=[Durability()], memory=Memory())\nagent.run("hi")\n');
    const steps = a.steps.map((s) => s.calls.map((c) => c.callee).sort());
    // Toolbox and Limits sit side by side in a dict: two steps. Durability and Memory are written inside Agent(...).
    expect(steps).toContainEqual(['Toolbox']);
    expect(steps).toContainEqual(['Limits']);
    expect(steps.find((s) => s.includes('Durability'))).toEqual(expect.arrayContaining(['Agent', 'Memory']));
  });

  it("an object made inline in another's construction joins it, whatever its class's name says (`WebSearch()` is no search step); the source's own subclass does not", async () => {
    const repo = write({
      'pkg/__init__.py': 'from .api import WebSearch, FetchPage, Agent, Server, Api\n',
      'pkg/api.py': [
        'class WebSearch:',
        '    pass',
        '',
        '',
        'class FetchPage:',
        '    pass',
        '',
        '',
        'class Agent:',
        '    def __init__(self, model, capabilities=None):',
        '        self.model = model',
        '',
        '    def run(self, prompt):',
        '        return prompt',
        '',
        '',
        'class Api:',
        '    def predict(self, x):',
        '        return x',
        '',
        '',
        'class Server:',
        '    def __init__(self, api):',
        '        self.api = api',
        '',
        '    def run(self):',
        '        return None',
        '',
      ].join('\n'),
    });
    const a = await analysed(repo, 'from pkg import WebSearch, FetchPage, Agent\nagent = Agent("m", capabilities=[WebSearch(), FetchPage()])\nagent.run("hi")\n');
    const steps = a.steps.map((s) => s.calls.map((c) => c.callee).sort());
    expect(steps).toEqual([['Agent', 'FetchPage', 'WebSearch', 'agent.run']]);
    // The source's own subclass, whose hooks are steps, is made in a step of its own (LitServe's `LitServer(MyApi())`).
    const own = await analysed(repo, 'from pkg import Api, Server\n\n\nclass MyApi(Api):\n    def predict(self, x):\n        return x * 2\n\n\nserver = Server(MyApi())\nserver.run()\n');
    expect(own.steps.map((s) => s.calls[0].callee)).toContain('MyApi');
  });

  it("a method of the library whose class is not known leads its step over a class passed to it (`ds.cast_column(\"image\", Image())`)", async () => {
    const repo = write({
      'pkg/__init__.py': 'from .data import load, Image\n',
      'pkg/data.py': [
        'class Image:',
        '    def __init__(self, mode=None):',
        '        self.mode = mode',
        '',
        '',
        'class Dataset:',
        '    def cast_column(self, name, feature):',
        '        return self',
        '',
        '',
        'class DatasetDict:',
        '    def cast_column(self, name, feature):',
        '        return self',
        '',
        '',
        'def load(path) -> Dataset | DatasetDict:',
        '    return Dataset()',
        '',
      ].join('\n'),
    });
    const a = await analysed(repo, 'from pkg import load, Image\nds = load("x")\nds = ds.cast_column("image", Image(mode="RGB"))\n');
    const step = a.steps.find((s) => s.calls.some((c) => c.callee === 'Image'))!;
    expect(step.calls[0].callee).toBe('ds.cast_column');
    expect(step.calls[0].resolution.kind).toBe('unresolved');
  });

  it('in TypeScript too: a call inside another joins it, one beside it on the same line does not', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'pkg', main: 'src/index.ts' }),
      'src/index.ts': ['Toolbox', 'Limits', 'Durability', 'Memory'].map((c) => `export class ${c} {}\n`).join('') + 'export class Agent {\n  constructor(opts: { capabilities?: object[]; memory?: object }) {}\n  run(prompt: string): string {\n    return prompt;\n  }\n}\n',
      'examples/agent.ts': "import { Toolbox, Limits, Durability, Memory, Agent } from 'pkg';\nconst parts = { tools: new Toolbox(), limits: new Limits() };\nconst agent = new Agent({ capabilities: [new Durability()], memory: new Memory() });\nagent.run('hi');\n",
    });
    const calls = (await callsOf(repo)).get('examples/agent.ts')!;
    expect(calls.find((c) => c.callee === 'Durability')!.within).toEqual(calls.find((c) => c.callee === 'Agent')!.order);
    expect(calls.find((c) => c.callee === 'Toolbox')!.within).toEqual([]);
    const steps = buildSteps(calls).map((s) => s.calls.map((c) => c.callee).sort());
    expect(steps).toContainEqual(['Toolbox']);
    expect(steps).toContainEqual(['Limits']);
    expect(steps.find((s) => s.includes('Durability'))).toEqual(expect.arrayContaining(['Agent', 'Memory']));
  });

  it('a verbless method chained on a call (`fetch_page(u).with_headers()`) joins that call, which leads the step', async () => {
    const repo = write({
      'pkg/__init__.py': 'from .api import fetch_page, Page\n',
      'pkg/api.py': 'class Page:\n    def with_headers(self) -> \"Page\":\n        return self\n\n    def as_raw(self):\n        return b\"\"\n\n    def save(self, path):\n        pass\n\n\ndef fetch_page(url) -> Page:\n    return Page()\n',
    });
    // The second chain is on a repeat of the call: it joins the step of the first.
    const a = await analysed(repo, 'from pkg import fetch_page\npage = fetch_page("u").with_headers()\npage.save("out")\nraw = fetch_page("v").as_raw()\n');
    expect(a.steps.map((s) => [s.title, s.calls.map((c) => c.callee)])).toEqual([
      ['Fetch Page', ['fetch_page', 'fetch_page("u").with_headers', 'fetch_page("v").as_raw']],
      ['Save Page', ['page.save']],
    ]);
  });

  it('a verbless method on what a call returned (`pending.as_raw()`) joins that call; an object built to be used keeps its own API (`server.tool`)', async () => {
    const repo = write({
      'pkg/__init__.py': 'from .api import run_job, Job, Server\n',
      'pkg/api.py': 'class Job:\n    def as_raw(self):\n        return b\"\"\n\n    def headers(self):\n        return {}\n\n\nclass Server:\n    def tool(self, f):\n        return f\n\n\ndef run_job(url) -> Job:\n    return Job()\n',
    });
    const a = await analysed(repo, 'from pkg import run_job, Server\npending = run_job([1])\nraw = pending.as_raw()\nprint(pending.headers())\nserver = Server()\nserver.tool(len)\n');
    expect(a.steps.map((s) => [s.title, s.calls.map((c) => c.callee)])).toEqual([
      ['Run Job', ['run_job', 'pending.as_raw', 'pending.headers']],
      ['Create Server', ['Server']],
      ['Call Tool', ['server.tool']],
    ]);
  });

  it('a client reached through its resources is a step of its own; a worker built for one method call is not', async () => {
    const repo = write({
      'pkg/__init__.py': 'from .client import Client, Trainer\n',
      'pkg/client.py': [
        'class Messages:',
        '    def create(self, text):',
        '        return text',
        '',
        '',
        'class Client:',
        '    def __init__(self, key=None):',
        '        self.messages = Messages()',
        '',
        '',
        'class Trainer:',
        '    def __init__(self, model=None):',
        '        self.model = model',
        '',
        '    def train(self):',
        '        return {}',
        '',
      ].join('\n'),
    });
    const a = await analysed(repo, 'from pkg import Client, Trainer\nclient = Client(key="k")\nmsg = client.messages.create(text="hi")\nprint(msg)\ntrainer = Trainer(model=\"m\")\ntrainer.train()\n');
    expect(a.steps.map((s) => s.calls.map((c) => c.callee))).toEqual([['Client'], ['client.messages.create'], ['trainer.train', 'Trainer']]);
    // Made in `main`, used by helpers written above it (a TypeScript sample): made first all the same.
    const relay = mkdtempSync(path.join(os.tmpdir(), 'goldpath-relay-'));
    cpSync(path.join(ROOT, 'examples/relay-sdk/repo'), relay, { recursive: true });
    writeFileSync(
      path.join(relay, 'examples/helpers.ts'),
      "import Relay from 'relay-sdk';\n\nasync function pick(client: Relay) {\n  return client.models.list();\n}\n\nasync function ask(client: Relay, model: string) {\n  return client.chat.completions.create({ model, messages: [] });\n}\n\nasync function main() {\n  const client = new Relay({ apiKey: 'k' });\n  const models = await pick(client);\n  await ask(client, models[0].id);\n}\n\nmain();\n",
    );
    const ts = buildSteps((await callsOf(relay)).get('examples/helpers.ts')!);
    expect(ts.map((s) => s.calls[0].callee)).toEqual(['Relay', 'client.models.list', 'client.chat.completions.create']);
    // Bound again (`client = Trainer(...)`): each use stays with its own making.
    const again = await analysed(repo, 'from pkg import Client, Trainer\nclient = Client(key="a")\nclient.messages.create(text="hi")\nclient = Trainer(model="m")\nprint(client.model)\n');
    expect(again.steps.map((s) => s.calls[0].site.start)).toEqual([...again.steps.map((s) => s.calls[0].site.start)].sort((x, y) => x - y));
  });

  it('names a step after the variable it fills or passes only when the name says what the value is', async () => {
    const code = 'from adaptkit import Model\nm = Model.from_pretrained("x")\nstory = m.generate("hi")\noutputs = m.generate("ho")\noutput_dir = "o"\nm.save(output_dir)\n';
    const titles = (await analysed(ADAPTKIT, code)).steps.map((s) => s.title);
    expect(titles).toContain('Generate Story');
    expect(titles.some((t) => /Outputs|Output Dir/.test(t))).toBe(false);
    // A model saved with its tokenizer beside it saves the model.
    const saved = await analysed(ADAPTKIT, 'from adaptkit import Model\nmodel = Model.from_pretrained("x")\ntokenizer = model.generate("t")\nmodel.save("o", tokenizer)\n');
    expect(saved.steps.map((s) => s.title)).toContain('Save Model');
  });

  it('makes the streaming call of an API the source also calls for the whole answer a step of its own', async () => {
    const both = await analysed(ADAPTKIT, 'from adaptkit import Model\nm = Model.from_pretrained("x")\nstory = m.generate("hi")\nfor chunk in m.generate("hi", stream=True):\n    print(chunk)\n');
    expect(both.steps.map((s) => s.title)).toEqual(['Load Model', 'Generate Story', 'Stream Generation']);
    // Streaming only, it is the API's one step, the same step as in a source that does not stream.
    const only = await analysed(ADAPTKIT, 'from adaptkit import Model\nm = Model.from_pretrained("x")\nfor chunk in m.generate("hi", stream=True):\n    print(chunk)\n');
    expect(mains(only)).toEqual(['Model.from_pretrained', 'm.generate']);
    expect(only.steps.some((s) => s.title.startsWith('Stream'))).toBe(false);
    const steps = consensusSteps([both, only], callKey(both.steps[1].calls[0]));
    expect(steps.map((s) => s.title)).toEqual(['Load Model', 'Generate Story', 'Stream Generation']);
    // Streamed first, then asked whole: the streaming way still reads as the second way, right after.
    const reversed = await analysed(ADAPTKIT, 'from adaptkit import Model\nm = Model.from_pretrained("x")\nfor chunk in m.generate("hi", stream=True):\n    print(chunk)\nstory = m.generate("hi")\n');
    expect(reversed.steps.map((s) => s.title)).toEqual(['Load Model', 'Stream Generation', 'Generate Story']);
    expect(consensusSteps([reversed, reversed, both], callKey(both.steps[1].calls[0])).map((s) => s.title)).toEqual(['Load Model', 'Generate Story', 'Stream Generation']);
  });

  it('gives the streaming step its own implementation name, told apart by the option that streams (TypeScript options too)', async () => {
    const a = await analysed(ADAPTKIT, 'from adaptkit import Model\nm = Model.from_pretrained("x")\nstory = m.generate("hi")\nfor chunk in m.generate("hi", stream=True):\n    print(chunk)\n');
    // The same calls as TypeScript writes them: one options object, its fields as the argument values.
    for (const c of a.calls.filter((x) => x.callee === 'm.generate')) {
      const fields = c.argValues?.stream ? '{ prompt, stream }' : '{ prompt }';
      c.argNames = [fields];
      c.argValues = { [fields]: fields, prompt: "'hi'", ...(c.argValues?.stream ? { stream: 'true' } : {}) };
    }
    const ts = { ...a, steps: buildSteps(a.calls) };
    const ctx = { repoName: 'acme_x', runtime: 'Python' as const, modelDomains: [], existingImplementations: new Set<string>(), all: true };
    const [w] = buildWorkflows([ts], { suggestions: [], purposes: new Map() }, ctx).workflows;
    const impl = (title: string) => w.steps.find((s) => s.title === title)!.calls[0].implementation;
    expect(impl('Stream Generation')).toBe(`${impl('Generate Story')}_stream`);
  });

  it('makes clients that different sources build (one or another, never both) one step done one way or another', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import CloudClient, LocalClient\n',
      'pkg/client.py': 'class Chat:\n    def create(self, prompt):\n        return prompt\n\n    def send(self, text):\n        return text\n\n\nclass CloudClient:\n    def __init__(self):\n        self.chat = Chat()\n\n\nclass LocalClient:\n    def __init__(self):\n        self.chat = Chat()\n',
    });
    const use = (cls: string, file: string) => analysed(repo, `from pkg import ${cls}\nclient = ${cls}()\nclient.chat.create("hi")\n`, file);
    const cloud = await use('CloudClient', 'examples/cloud.py');
    const local = await use('LocalClient', 'examples/local.py');
    const anchor = callKey(cloud.steps[1].calls[0]);
    const steps = consensusSteps([cloud, local], anchor);
    expect(steps.map((s) => s.title)).toEqual(['Create Cloud Client', 'Create Chat']);
    expect(steps[0].alternatives?.map((c) => c.callee)).toEqual(['LocalClient']);
    // A source that builds both uses both: two steps.
    const both = await analysed(repo, 'from pkg import CloudClient, LocalClient\na = CloudClient()\nb = LocalClient()\na.chat.create("hi")\nb.chat.create("ho")\n', 'examples/both.py');
    expect(consensusSteps([both, cloud, local], anchor).map((s) => s.title)).toEqual(['Create Cloud Client', 'Create Local Client', 'Create Chat']);
    // On the page: one step that says which ways the sources show, with no condition to name.
    const ctx = { repoName: 'acme_x', runtime: 'Python' as const, modelDomains: [], existingImplementations: new Set<string>(), all: true };
    const three = (cls: string, file: string) => analysed(repo, `from pkg import ${cls}\nclient = ${cls}()\nclient.chat.create("hi")\nclient.chat.send("ho")\n`, file);
    const [w] = buildWorkflows([await three('CloudClient', 'examples/cloud.py'), await three('LocalClient', 'examples/local.py')], { suggestions: [], purposes: new Map() }, ctx).workflows;
    expect(w.steps[0].calls.map((c) => `${c.call.callee}${c.alternative ? ' (alternative)' : ''}`)).toEqual(['CloudClient', 'LocalClient (alternative)']);
    expect(w.steps[0].description).toContain('or with `LocalClient`');
    // Sources of two steps each, on the same API: one workflow, the other client a way of doing its client step.
    const two = (cls: string, call: string, file: string) => analysed(repo, `from pkg import ${cls}\nclient = ${cls}()\nclient.chat.${call}("hi")\n`, file);
    const pooled = buildWorkflows([await two('CloudClient', 'create', 'examples/a.py'), await two('LocalClient', 'create', 'examples/b.py'), await two('CloudClient', 'send', 'examples/c.py')], { suggestions: [], purposes: new Map() }, ctx).workflows;
    expect(pooled.map((x) => x.steps.map((st) => st.calls.map((c) => `${c.call.callee}${c.alternative ? ' (alternative)' : ''}`).join(' + ')))).toEqual([['CloudClient + LocalClient (alternative)', 'client.chat.create', 'client.chat.send']]);
    // A README section that takes the client as made leads the pool; the client its joiners make comes first.
    const lib = write({
      'pkg/__init__.py': 'from .client import CloudClient\n',
      'pkg/client.py': 'class Chat:\n    def create(self, prompt):\n        return prompt\n\n    def send(self, text):\n        return text\n\n    def stream(self, text):\n        return text\n\n\nclass CloudClient:\n    def __init__(self):\n        self.chat = Chat()\n',
    });
    const readme = await analysed(lib, 'from pkg import CloudClient\nclient: CloudClient\nclient.chat.create("hi")\nclient.chat.send("ho")\n', 'README.md', 'readme');
    const streams = (file: string) => analysed(lib, 'from pkg import CloudClient\nclient = CloudClient()\nclient.chat.stream("hi")\n', file);
    const led = buildWorkflows([readme, await streams('examples/a.py'), await streams('examples/b.py')], { suggestions: [], purposes: new Map() }, ctx).workflows;
    expect(led.map((x) => x.steps.map((st) => st.calls[0].call.callee))).toEqual([['CloudClient', 'client.chat.create', 'client.chat.send', 'client.chat.stream']]);
  });

  it('shows an API once in a use case: the same call with a topic option, or already shown as another way to do a step, is no second step', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .runner import Agent, Runner\n',
      'pkg/runner.py': 'class Result:\n    def to_input_list(self):\n        return []\n\n\nclass Agent:\n    def __init__(self, name):\n        self.name = name\n\n\nclass Runner:\n    @staticmethod\n    def run(agent, text, session=None) -> Result:\n        return Result()\n\n    @staticmethod\n    def run_streamed(agent, text) -> Result:\n        return Result()\n',
    });
    const plain = (file: string, args = '') => analysed(repo, `from pkg import Agent, Runner\nagent = Agent("a")\nresult = Runner.run(agent, "hi"${args})\nresult.to_input_list()\n`, file);
    const a = await plain('examples/a.py');
    const b = await plain('examples/b.py');
    // The sessions section passes the option the docs treat as a topic (group/options.ts): another key.
    const session = await plain('examples/session.py', ', session=s');
    const run = (x: AnalysedSource) => x.steps.flatMap((st) => st.calls).find((c) => c.callee === 'Runner.run')!;
    setOption(run(session), 'session');
    expect(callKey(run(session))).not.toBe(callKey(run(a)));
    const steps = consensusSteps([session, a, b], callKey(run(session)));
    expect(steps.map((st) => st.title)).toEqual(['Run Agent', 'List Input']);
    expect(steps[0].calls[0]).toBe(run(session));
    // A source that streams or not (one step, `run` its other way) beside sources that only run.
    const either = await analysed(repo, 'from pkg import Agent, Runner\nagent = Agent("a")\nif stream:\n    result = Runner.run_streamed(agent, "hi")\nelse:\n    result = Runner.run(agent, "hi")\nresult.to_input_list()\n', 'examples/either.py');
    const ways = either.steps.find((st) => st.calls[0].callee === 'Runner.run_streamed')!;
    expect(ways.alternatives?.map((c) => c.callee)).toEqual(['Runner.run']);
    const mixed = consensusSteps([either, a, b], callKey(ways.calls[0]));
    expect(mixed.filter((st) => st.calls.some((c) => c.callee === 'Runner.run')).length).toBe(1);
  });

  it('shows a call once in a use case: a call the most trusted source makes as a part of a step is no second step', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .trainer import DPOTrainer, load\n',
      'pkg/trainer.py': 'def load(name):\n    return name\n\n\nclass DPOTrainer:\n    def __init__(self, model):\n        self.model = model\n\n    def add_callback(self, cb) -> None:\n        pass\n\n    def train(self) -> None:\n        pass\n\n    def save(self, path) -> None:\n        pass\n',
    });
    // The quick start trains with the trainer it makes; two scripts first give it a callback.
    const quick = await analysed(repo, 'from pkg import DPOTrainer, load\nmodel = load("m")\ntrainer = DPOTrainer(model)\ntrainer.train()\ntrainer.save("out")\n', 'examples/quick.py');
    const hooked = (file: string) => analysed(repo, 'from pkg import DPOTrainer, load\nmodel = load("m")\ntrainer = DPOTrainer(model)\ntrainer.add_callback(print)\ntrainer.train()\ntrainer.save("out")\n', file);
    const steps = consensusSteps([quick, await hooked('examples/a.py'), await hooked('examples/b.py')], callKey(quick.steps[1].calls[0]));
    expect(steps.filter((st) => st.calls.some((c) => c.callee === 'trainer.train')).length).toBe(1);
    expect(steps.map((st) => st.title)).toEqual(['Load', 'Add Callback', 'Train DPO', 'Save DPO Trainer']);
  });

  it('shows dated versions of one API once (`web_fetch_20250910`, `web_fetch_20260209`), each source keeping its own', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .tools import web_fetch_20250910, web_fetch_20260209\nfrom .run import generate\n',
      'pkg/tools.py': 'def web_fetch_20250910(url):\n    return url\n\n\ndef web_fetch_20260209(url):\n    return url\n',
      'pkg/run.py': 'def generate(prompt, tools=None):\n    return prompt\n',
    });
    const src = (file: string, fetches: string[]) =>
      analysed(repo, `from pkg import generate, web_fetch_20250910, web_fetch_20260209\n${fetches.map((f, i) => `t${i} = ${f}("u")\n`).join('')}generate("hi", tools=[${fetches.map((_, i) => `t${i}`).join(', ')}])\n`, file);
    const a = await src('examples/a.py', ['web_fetch_20250910']);
    const b = await src('examples/b.py', ['web_fetch_20260209']);
    const c = await src('examples/c.py', ['web_fetch_20250910', 'web_fetch_20260209']);
    for (const x of [a, c]) expect(x.steps.flatMap((st) => st.calls).some((k) => k.callee === 'web_fetch_20250910')).toBe(true);
    const gen = a.steps.flatMap((st) => st.calls).find((k) => k.callee === 'generate')!;
    const steps = consensusSteps([a, b, c], callKey(gen));
    expect(steps.flatMap((st) => st.calls.slice(0, 1)).filter((k) => k.callee.startsWith('web_fetch_')).length).toBe(1);
  });

  it('a second object of a class built from the first (a manager agent given the web agent) shows the step', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .agent import Agent\n',
      'pkg/agent.py': 'class Agent:\n    def __init__(self, tools=None, managed_agents=None):\n        self.tools = tools\n\n    def run(self, task):\n        return task\n',
    });
    const a = await analysed(repo, 'from pkg import Agent\nweb = Agent(tools=["search"])\nmanager = Agent(managed_agents=[web])\nmanager.run("task")\n');
    const step = a.steps.find((s) => s.calls.some((c) => c.callee === 'Agent'))!;
    expect(step.calls.filter((c) => c.callee === 'Agent').map((c) => c.site.start)).toEqual([3]);
    expect(step.calls.find((c) => c.callee === 'Agent')!.argNames).toContain('managed_agents');
    // Two objects of the class built side by side (neither from the other): the first shows the step.
    const b = await analysed(repo, 'from pkg import Agent\none = Agent(tools=["a"])\ntwo = Agent(tools=["b"])\none.run("x")\ntwo.run("y")\n');
    expect(b.steps.flatMap((s) => s.calls).filter((c) => c.callee === 'Agent').map((c) => c.site.start)).toEqual([2]);
  });

  it('an object built again into the same variable with another class before any use lists ways to build it: one step with alternatives', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .models import CloudModel, LocalModel, Agent\n',
      'pkg/models.py': 'class CloudModel:\n    pass\n\n\nclass LocalModel:\n    pass\n\n\nclass Agent:\n    def __init__(self, model):\n        self.model = model\n\n    def run(self, task):\n        return task\n',
    });
    const listed = await analysed(repo, 'from pkg import CloudModel, LocalModel, Agent\nmodel = CloudModel()\nmodel = LocalModel()\nagent = Agent(model=model)\nagent.run("x")\n');
    const build = listed.steps.find((s) => s.calls[0].callee === 'CloudModel')!;
    expect(build.alternatives?.map((c) => c.callee)).toEqual(['LocalModel']);
    expect(build.title).toBe('Build Model');
    expect(listed.steps.filter((s) => s.calls[0].callee === 'LocalModel')).toEqual([]);
    // Used before it is built again: two objects one after the other, two steps.
    const used = await analysed(repo, 'from pkg import CloudModel, LocalModel, Agent\nmodel = CloudModel()\nAgent(model=model).run("x")\nmodel = LocalModel()\nAgent(model=model).run("y")\n');
    expect(used.steps.flatMap((s) => s.alternatives ?? [])).toEqual([]);
    expect(used.steps.flatMap((s) => s.calls).map((c) => c.callee)).toEqual(expect.arrayContaining(['CloudModel', 'LocalModel']));
  });

  it("never takes a private call that only tests make for a step, even where the use case has few public ones", async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': '',
      'pkg/browse.py': 'def open_page(url):\n    return url\n\ndef read_page(page):\n    return page\n\ndef _strip(s):\n    return s\n',
    });
    const shown = (file: string, kind: SourceKind) => analysed(repo, 'from pkg.browse import open_page, read_page\np = open_page("u")\nread_page(p)\n', file, kind);
    const test = (file: string) => analysed(repo, 'from pkg.browse import open_page, _strip\np = open_page("u")\n_strip(p)\n', file, 'test');
    const members = [await shown('docs/browse.md', 'docs'), await shown('examples/browse.py', 'example'), await test('tests/test_a.py'), await test('tests/test_b.py')];
    // The docs and the example show two steps: the tests vote too, but their private helper is no step.
    expect(consensusSteps(members, callKey(members[0].steps[0].calls[0])).map((s) => s.title)).toEqual(['Open Page', 'Read Page']);
  });

  it('follows a function handed to a command-line runner (fire.Fire, typer.run), an event loop (anyio.run) or a process launcher (mp.spawn) as the program the script runs', async () => {
    const body = 'from adaptkit import Model\ndef main(name="x"):\n    m = Model.from_pretrained(name)\n    m.generate("hi")\n';
    // (An async `main` handed to anyio's or trio's loop: claude-agent-sdk-python's examples end `anyio.run(main)`.)
    for (const runner of ['import fire\n{body}if __name__ == "__main__":\n    fire.Fire(main)\n', 'from typer import run\n{body}run(main)\n', 'from absl import app\n{body}app.run(main)\n', 'import anyio\n{body}if __name__ == "__main__":\n    anyio.run(main)\n', 'import trio\n{body}trio.run(main)\n', 'import torch.multiprocessing as mp\n{body}mp.spawn(main, args=(2,), nprocs=2)\n']) {
      const a = await analysed(ADAPTKIT, runner.replace('{body}', body));
      expect(a.calls.map((c) => c.callee)).toEqual(expect.arrayContaining(['Model.from_pretrained', 'm.generate']));
      expect(a.calls.some((c) => c.resolution.kind === 'pattern')).toBe(false);
    }
    // A function handed to anything else is a callback: a pattern, its body no steps.
    const callback = await analysed(ADAPTKIT, `import threading\n${body}threading.Thread(target=main).start()\nimport other\nother.Fire(main)\n`);
    expect(callback.calls.map((c) => c.callee)).not.toContain('m.generate');
  });

  it('runs the functions of a dispatch table the running code calls through, not a dict of functions handed on', async () => {
    const fns = 'import sys\nfrom adaptkit import Model\nasync def one():\n    m = Model.from_pretrained("x")\n    m.generate("hi")\nasync def two():\n    Model.from_pretrained("y")\n';
    const picked = await analysed(ADAPTKIT, `${fns}async def main():\n    examples = {"one": one, "two": two}\n    await examples[sys.argv[1]]()\nimport anyio\nanyio.run(main)\n`);
    expect(picked.calls.map((c) => c.callee)).toEqual(expect.arrayContaining(['Model.from_pretrained', 'm.generate']));
    const looped = await analysed(ADAPTKIT, `${fns}examples = {"one": one, "two": two}\nfor name, example in examples.items():\n    example()\n`);
    expect(looped.calls.map((c) => c.callee)).toContain('m.generate');
    // Handed to a call, the dict's functions are callbacks of whatever takes them.
    const handed = await analysed(ADAPTKIT, `${fns}handlers = {"one": one}\nimport other\nother.register(handlers)\n`);
    expect(handed.calls.map((c) => c.callee)).not.toContain('m.generate');
  });

  it("keeps the capitals of an acronym the call spells (RLOOTrainer, NashMDTrainer), not in ACRONYMS", async () => {
    const a = await analysed(ADAPTKIT, `from trl import RLOOTrainer, NashMDConfig\ncfg = NashMDConfig(beta=0.1)\nRLOOTrainer(model="m", args=cfg).train()\n`);
    const named = (callee: string) => nameCall(a.calls.find((c) => c.callee === callee)!);
    expect(principleOf(named('RLOOTrainer'))).toBe('RLOO_Training');
    expect(titleOf(named('NashMDConfig'))).toBe('Configure Nash MD');
  });

  it('says an object that only counts after the doing (`embed_many` → Embedding_Many)', async () => {
    const a = await analysed(ADAPTKIT, `from adaptkit import embed_many\nembed_many(["a", "b"])\n`);
    expect(principleOf(nameCall(a.calls.find((c) => c.callee === 'embed_many')!))).toBe('Embedding_Many');
  });

  it('reads a name written with inner capitals (OpenAI) as one word, not a verb and an acronym', async () => {
    const a = await analysed(ADAPTKIT, `from openai import OpenAI, AzureOpenAI\nclient = OpenAI()\nazure = AzureOpenAI()\nclient.responses.create(model="m")\nazure.responses.create(model="m")\n`);
    const named = (callee: string) => nameCall(a.calls.find((c) => c.callee === callee)!);
    expect(titleOf(named('OpenAI'))).toBe('Create OpenAI');
    expect(titleOf(named('AzureOpenAI'))).toBe('Create Azure OpenAI');
  });

  it("names a client a client: a *Client class keeps the word, a class of the SDK's client module gets it", async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'from ._client import Acme\nfrom .store import StoreClient, Database\n',
      'acme/_client.py': 'class Acme:\n    def __init__(self, key=None):\n        self.key = key\n',
      'acme/store.py': 'class StoreClient:\n    def __init__(self, url=None):\n        self.url = url\n\n\nclass Database:\n    def __init__(self, path=None):\n        self.path = path\n',
    });
    const a = await analysed(repo, 'from acme import Acme, StoreClient, Database\nclient = Acme(key="k")\nstore = StoreClient(url="u")\nlocal = Database(path="p")\n');
    const named = (callee: string) => nameCall(a.calls.find((c) => c.callee === callee)!);
    expect(titleOf(named('Acme'))).toBe('Create Acme Client');
    expect(principleOf(named('Acme'))).toBe('Acme_Client_Setup');
    expect(titleOf(named('StoreClient'))).toBe('Create Store Client');
    // Outside a client module, a class named after its thing is that thing.
    expect(titleOf(named('Database'))).toBe('Create Database');
  });

  it('names a one-word method reached through an SDK resource with the resource: two resources, two names', async () => {
    const a = await analysed(ADAPTKIT, `from openai import OpenAI\nclient = OpenAI()\nclient.messages.batches.results("b")\nclient.images.edit(image="x")\nclient.videos.edit(video="y")\nclient.files.wait_for_processing("f")\nm = Model([1.0])\nm.forward(1)\np = client.predictions.create(x=1)\np = client.predictions.get(p.id)\nfiles = client.files.list()\nr = client.responses.parse(x=1)\n`);
    const named = (callee: string) => nameCall(a.calls.find((c) => c.callee === callee)!);
    // (A collection before another word qualifies it: in the singular.)
    expect(titleOf(named('client.messages.batches.results'))).toBe('Call Message Batch Results');
    expect(principleOf(named('client.images.edit'))).not.toBe(principleOf(named('client.videos.edit')));
    // A bare action verb (ACTION_VERBS) reads as that verb done to the resource.
    // An edit acts on one item of the collection: in the singular.
    expect(titleOf(named('client.images.edit'))).toBe('Edit Image');
    expect(principleOf(named('client.videos.edit'))).toBe('Video_Editing');
    // A bare `get` fetches again what it is given (it makes nothing); a list is of many.
    expect(titleOf(named('client.predictions.create'))).toBe('Create Prediction');
    expect(titleOf(named('client.predictions.get'))).toBe('Get Prediction');
    expect(titleOf(named('client.files.list'))).toBe('List Files');
    expect(titleOf(named('client.responses.parse'))).toBe('Parse Response');
    // A name of several words says what it is already; a method of a variable has no resource.
    expect(titleOf(named('client.files.wait_for_processing'))).not.toMatch(/Files/);
    expect(titleOf(named('m.forward'))).toBe('Call Forward');
  });

  it('knows boilerplate by name shape, in snake and camel case', () => {
    for (const n of ['is_vllm_available', 'is_bfloat16_supported', 'set_seed', 'accelerator.print', 'trainer.accelerator.print', 'parse_args_and_config', 'HfArgumentParser', 'printReport', 'logger.warning', 'check_min_version', 'client.x().catch', 'stream.on', 'trainer.log_metrics', 'trainer.save_metrics', 'import_fixes.torchvision_compatibility_check', 'check_torch_compat', 'benchmark_dict_to_markdown_table', 'results_to_table', 'disable_progress_bars', 'hub.enable_progress_bars', 'are_progress_bars_disabled', 'infer_device', 'utils.find_device', 'log_say', 'utils.log_rerun_data', 'client.collection_exists', 'api.repo_exists', 'sandbox.files.exists', 'clientExists', 'debug', 'error', 'utils.setup_default_logging', 'get_root_logger', 'utils.random_seed', 'set_random_seed', 'torch.cuda.manual_seed_all', 'seed_worker', 'seeded_context']) {
      expect(isBoilerplateName(n), n).toBe(true);
    }
    for (const n of ['trainer.train', 'get_peft_model', 'client.chat.completions.create', 'log_softmax_loss', 'model.generate', 'SFTTrainer', 'trainer.save_model', 'speech_to_text', 'tokens_to_text', 'disable_adapters', 'progress_bar_update', 'infer_auto_device_map', 'F.log_softmax', 'dist.log_prob', 'mlflow.pytorch.log_model', 'exist_ok_mkdir', 'client.create_collection', 'tracer.debug_session', 'trace', 'seed_dataset', 'get_seed_prompts']) {
      expect(isBoilerplateName(n), n).toBe(false);
    }
  });

  it('follows a helper of the tests into the library calls it makes, with their real call sites', async () => {
    const seen = new Map<string, import('../src/model.js').CallSite[]>();
    await extractWorkflows({ repo: ADAPTKIT, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-gp-')), onCalls: (id, calls) => seen.set(id, calls) });
    const calls = seen.get('tests/test_training.py')!;
    const load = calls.find((c) => c.callee === 'Model.from_pretrained')!;
    expect(load.site.path).toBe('tests/helpers.py');
    expect(load.resolution).toMatchObject({ kind: 'repo', qualname: 'Model.from_pretrained' });
    expect(calls.map((c) => c.callee)).not.toContain('setup_trainer');
    const w = model.workflows[0];
    const test = w.sources.find((s) => s.path === 'tests/test_training.py');
    expect(test).toBeDefined();
    const all = model.workflows.flatMap((x) => x.steps.flatMap((s) => s.calls.map((c) => c.call)));
    expect(all.some((c) => c.callee === 'setup_trainer')).toBe(false);
    const candidates = model.candidates.filter((c) => c.path === 'tests/test_training.py');
    expect(candidates[0]).toMatchObject({ kept: true, workflow: w.pageName });
  });
});

describe('use cases across sources', () => {
  it('makes one workflow of the examples that share a use case, and one of the other', () => {
    expect(model.workflows.map((w) => w.rank)).toEqual(model.workflows.map((_, i) => i + 1));
    expect(model.workflows.map((w) => w.name)).toEqual(['Adapter_Training', 'Merging_Adapters', 'GGUF_Model_Saving']);
    const [train, merge] = model.workflows;
    expect(train.sources.map((s) => s.path)).toEqual(
      expect.arrayContaining(['README.md', 'docs/guide.md', 'examples/finetune.py', 'examples/finetune_code.py', 'examples/finetune_long_context.py', 'tests/test_training.py']),
    );
    expect(train.sources[0]).toMatchObject({ path: 'README.md', heading: 'Quick start' });
    expect(train.evidence[0].kind).toBe('readme-quickstart');
    expect(train.steps.map((s) => s.calls[0].call.callee)).toEqual(['Model.from_pretrained', 'add_adapter', 'trainer.train', 'model.save']);
    expect(merge.sources.map((s) => s.path).sort()).toEqual(['README.md', 'examples/merge.py']);
    expect(merge.name).toBe('Merging_Adapters');
    expect(merge.steps.some((s) => s.calls[0].call.callee === 'merge_adapters')).toBe(true);
  });

  it('keeps boilerplate-only sections out, with the reason', () => {
    const hw = model.candidates.find((c) => c.heading === 'Checking the hardware');
    expect(hw).toMatchObject({ kept: false, reason: expect.stringContaining('boilerplate') as unknown as string });
  });

  it('never names a workflow after a file-name fragment, and every name is a page name', async () => {
    for (const w of model.workflows) {
      expect(w.name).toMatch(WORKFLOW_NAME_RE);
      expect(['phase0', 'readme-heading', 'docs-heading', 'purpose', 'notebook-title', 'api', 'steps']).toContain(w.nameFrom);
    }
  });

  it('gives the same use cases whatever the order of the sources', async () => {
    const code = {
      a: 'from adaptkit import Model, Trainer, TrainingArgs, add_adapter, AdapterConfig\nm = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save("o")\n',
      b: 'from adaptkit import Model, Trainer, TrainingArgs, add_adapter, AdapterConfig\nm = Model.from_pretrained("y")\nm = add_adapter(m, AdapterConfig(rank=4))\nt = Trainer(m, [], TrainingArgs())\nt.train()\nm.save("p")\n',
      c: 'from adaptkit import Model, merge_adapters\nm = Model.from_pretrained("z")\nm.load_adapter("a", name="a")\nm = merge_adapters(m, ["a"], [1.0])\nm.generate("hi")\nm.save("q")\n',
    };
    const sources = await Promise.all(Object.entries(code).map(([k, v]) => analysed(ADAPTKIT, v, `examples/${k}.py`)));
    const run = (order: AnalysedSource[]) => {
      const copy = order.map((s) => ({ ...s, candidate: { ...s.candidate } }));
      const { workflows, omitted } = buildWorkflows(copy, { suggestions: [], purposes: new Map() }, { repoName: 'acme_x', runtime: 'Python', modelDomains: [], existingImplementations: new Set() });
      return JSON.stringify({ w: workflows.map((w) => [w.rank, w.name, w.sources.map((s) => s.path), w.steps.map((s) => s.calls[0].call.callee)]), omitted });
    };
    const first = run(sources);
    expect(run([...sources].reverse())).toBe(first);
    expect(run([sources[1], sources[2], sources[0]])).toBe(first);
    expect(JSON.parse(first).w).toHaveLength(2);
  });

  it('writes at most the budget and lists every use case left out with its rank and sources', async () => {
    const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-gp-'));
    const one = await extractWorkflows({ repo: ADAPTKIT, wiki, name: 'acme_adaptkit', maxWorkflows: 1 });
    expect(one.workflows).toHaveLength(1);
    expect(one.omitted).toHaveLength(2);
    expect(one.omitted[0]).toMatchObject({ rank: 2, name: 'Merging_Adapters', reason: expect.stringContaining('past the budget of 1') as unknown as string });
    expect(one.omitted[0].sources).toContain('examples/merge.py');
    const left = one.candidates.find((c) => c.path === 'examples/merge.py')!;
    expect(left.kept).toBe(false);
    expect(left.reason).toContain('Merging_Adapters');
  });
});

describe('names of use cases that read an answer', () => {
  it('a use case whose distinctive call reads the answer of a request is named after the request', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "chatkit"\n',
      'chatkit/__init__.py': [
        'class Stream:',
        '    def stream_final(self):',
        '        return ""',
        'class Client:',
        '    def __init__(self, key=None):',
        '        self.key = key',
        '    def stream_chat(self, prompt):',
        '        return Stream()',
        'class TextStream:',
        '    def to_text_stream(self):',
        '        return ""',
        'def run(client, prompt) -> TextStream:',
        '    return TextStream()',
        '',
      ].join('\n'),
    });
    const a = await analysed(repo, 'from chatkit import Client\nclient = Client()\nstream = client.stream_chat("hi")\nprint(stream.stream_final())\n');
    const u = settle([a], (k) => (k.includes('stream_final') ? 3 : 1), publicSurface())!;
    expect(u.anchorCall.callee).toBe('stream.stream_final');
    expect(nameUseCases([u], { suggestions: [], purposes: new Map() })[0].name).toBe('Chat_Streaming');
    // A request that names nothing it asks for (`run(client, prompt)`): the call that reads its answer names the use case.
    const b = await analysed(repo, 'from chatkit import Client, run\nclient = Client()\nstream = run(client, "hi")\nprint(stream.to_text_stream())\n');
    const v = settle([b], (k) => (k.includes('to_text_stream') ? 3 : 1), publicSurface())!;
    expect(v.anchorCall.callee).toBe('stream.to_text_stream');
    expect(nameUseCases([v], { suggestions: [], purposes: new Map() })[0].name).toBe('Text_Streaming');
  });
});

describe('steps name the call as written', () => {
  it('a step titled like an earlier step of its workflow but calling another API names the class it acts on', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .hub import Agent, Tool\n',
      'pkg/hub.py': 'class Tool:\n    def push_to_hub(self, repo_id):\n        return repo_id\n\n\nclass Agent:\n    def __init__(self, tools):\n        self.tools = tools\n\n    def run(self, task):\n        return task\n\n    def push_to_hub(self, repo_id):\n        return repo_id\n',
    });
    const a = await analysed(repo, 'from pkg import Agent, Tool\ntool = Tool()\nagent = Agent(tools=[tool])\nagent.run("x")\nagent.push_to_hub("me/agent")\ntool.push_to_hub("me/tool")\n');
    const pushes = a.steps.filter((s) => s.calls[0].callee.endsWith('push_to_hub'));
    expect(pushes.map((s) => s.title)).toEqual(['Push to Hub', 'Push to Hub']);
    expect(distinctTitles(pushes)).toEqual(['Push to Hub', 'Push Tool to Hub']);
    // The same API twice (another topic option of one call) keeps its title; so do steps titled apart.
    expect(distinctTitles([pushes[0], pushes[0]])).toEqual(['Push to Hub', 'Push to Hub']);
    expect(distinctTitles(a.steps)).toEqual(a.steps.map((s) => (s === pushes[1] ? 'Push Tool to Hub' : s.title)));
  });

  it('a function titled like another by the first words of its name gets the last word it left out back', () => {
    const fn = (callee: string): DraftStep => {
      const c: CallSite = { callee, written: callee, argNames: [], argComments: {}, assignedTo: [], uses: [], site: { path: 'x.ts', start: 1, end: 1 }, resolution: { kind: 'repo', qualname: callee, module: 'm', span: { path: 'm.ts', start: 1, end: 2 }, via: 'import' }, definition: { path: 'm.ts', module: 'm', qualname: callee, kind: 'function', span: { path: 'm.ts', start: 1, end: 2 }, params: [], externalImports: [] } };
      return { role: nameCall(c).role, title: titleOf(nameCall(c)), principle: principleOf(nameCall(c)), calls: [c] };
    };
    const steps = [fn('createAiSdkUiMessageStreamResponse'), fn('createAiSdkUiMessageStream')];
    expect(steps[0].title).toBe(steps[1].title);
    const [first, second] = distinctTitles(steps);
    expect(second).not.toBe(first);
    expect(second).toBe(`${first} Stream`);
  });

  it("a client's method makes or loads what the client is for, what the source keeps, or what its first parameter names; never the client", async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .clients import Client, DockerSandboxClient\n',
      'pkg/clients.py':
        'class Client:\n    def pull(self, model, *, insecure=False):\n        pass\n\n    def create(self, model, from_=None):\n        pass\n\n    def open(self, options=None):\n        pass\n\n\n' +
        'class DockerSandboxClient:\n    def create(self, *, snapshot=None):\n        pass\n',
    });
    const a = await analysed(repo, 'from pkg import Client, DockerSandboxClient\nclient = Client()\nclient.pull("gemma3")\nclient.create(model="mario", from_="gemma3")\nsession = client.open()\ndocker = DockerSandboxClient()\nsandbox = docker.create()\nsandbox.start()\nsession.close()\n');
    const title = (callee: string) => a.steps.find((s) => s.calls.some((c) => c.callee === callee))?.title;
    expect(title('client.pull')).toBe('Pull Model');
    expect(title('client.create')).toBe('Create Model');
    expect(title('docker.create')).toBe('Create Docker Sandbox');
    // (Nothing in the class's name: what the source keeps it in.)
    expect(title('client.open')).toBe('Open Session');
  });

  it("a class named after the project is its client: Create Ollama Client, and its methods act on no client (Pull, not Pull Ollama)", async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "ollama"\n',
      'ollama/__init__.py': 'from .api import Ollama\n',
      'ollama/api.py': 'class Ollama:\n    def pull(self, request):\n        pass\n\n    def push(self, request):\n        pass\n\n    def list(self):\n        pass\n\n    def index(self, host):\n        pass\n',
    });
    const a = await analysed(repo, 'from ollama import Ollama\nollama = Ollama()\nollama.pull(request)\nollama.push(request)\nollama.list()\nindex = ollama.index(host="h")\n');
    const titles = (project: string[]) => withBrands([], () => [titleOf(nameCall(a.calls.find((c) => c.callee === 'Ollama')!)), ...buildSteps(a.calls).map((s) => s.title)], project);
    // (`index = ollama.index(...)` keeps what the verb says: no "Index Index".)
    expect(titles(['ollama'])).toEqual(['Create Ollama Client', 'Pull', 'Push', 'List', 'Index']);
    // (Another project's class of that name is a thing the calls act on; a request is no thing.)
    expect(titles(['other'])).toEqual(['Create Ollama', 'Pull Ollama', 'Push Ollama', 'List Ollama', 'Index Ollama']);
  });

  it('a server object is made, then run: Create Server, Run Server (not "Start", not the making twice)', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .server import McpServer\n',
      'pkg/server.py': 'class McpServer:\n    def __init__(self, name):\n        self.name = name\n\n    def add_tool(self, fn):\n        pass\n\n    def run(self):\n        pass\n',
    });
    const a = await analysed(repo, 'from pkg import McpServer\napp = McpServer("demo")\napp.add_tool(print)\napp.run()\n');
    expect(a.steps.map((s) => s.title)).toEqual(['Create MCP Server', 'Add Tool', 'Run MCP Server']);
  });

  it('a decorator over a function the source keeps defines it for the library: Define Tool, written with its @', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .server import McpServer\n',
      'pkg/server.py': 'class McpServer:\n    def __init__(self, name):\n        self.name = name\n\n    def tool(self, name=None):\n        def wrap(fn):\n            return fn\n        return wrap\n\n    def run(self):\n        pass\n',
    });
    const a = await analysed(repo, 'from pkg import McpServer\nmcp = McpServer("demo")\n\n\n@mcp.tool()\ndef add(a: int, b: int) -> int:\n    return a + b\n\n\nmcp.run()\n');
    const tool = a.calls.find((c) => c.callee === 'mcp.tool')!;
    expect(tool.decorates).toBe('add');
    expect(tool.decorator).toBeUndefined();
    expect(titleOf(nameCall(tool))).toBe('Define Tool');
    expect(principleOf(nameCall(tool))).toBe('Tool_Definition');
    // The same method called, not written over a function: a call.
    const called = await analysed(repo, 'from pkg import McpServer\nmcp = McpServer("demo")\nwrap = mcp.tool()\n');
    expect(called.calls.find((c) => c.callee === 'mcp.tool')!.decorates).toBeUndefined();
    // On the page, the API Call is written as the source writes it.
    const ctx = { repoName: 'acme_x', runtime: 'Python' as const, modelDomains: [], existingImplementations: new Set<string>(), all: true };
    const w = buildWorkflows([a, await analysed(repo, 'from pkg import McpServer\nmcp = McpServer("demo")\n\n\n@mcp.tool()\ndef sub(a: int, b: int) -> int:\n    return a - b\n\n\nmcp.run()\n', 'examples/u.py')], { suggestions: [], purposes: new Map() }, ctx).workflows;
    const step = w.flatMap((x) => x.steps).find((s) => s.calls[0].call.callee === 'mcp.tool')!;
    expect(step.title).toBe('Define Tool');
    expect(step.calls[0].apiCall).toBe('@mcp.tool()');
  });

  it('an instance that runs is named as the thing its class is: the variable that says so, else the class', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .run import Agent, MCPServerStdio\n',
      'pkg/run.py': 'class Agent:\n    def run(self, prompt):\n        pass\n\n\nclass MCPServerStdio:\n    def start(self):\n        pass\n',
    });
    const titled = async (code: string, callee: string) => (await analysed(repo, `from pkg import Agent, MCPServerStdio\n${code}`)).steps.find((s) => s.calls.some((c) => c.callee === callee))!.title;
    // A variable named for the example's story names no concept of the library.
    expect(await titled('notetaker = Agent()\nnotetaker.run("Summarize.")\n', 'notetaker.run')).toBe('Run Agent');
    expect(await titled('joke_generation_agent = Agent()\njoke_generation_agent.run("A joke.")\n', 'joke_generation_agent.run')).toBe('Run Generation Agent');
    expect(await titled('support_agent = Agent()\nsupport_agent.run("Balance?")\n', 'support_agent.run')).toBe('Run Support Agent');
    expect(await titled('server = MCPServerStdio()\nserver.start()\n', 'server.start')).toBe('Start Server');
  });

  it('a `_sync`/`_async` suffix is a way of running, not an object; twins titled alike say which way', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .run import Runner, Dataset\n',
      'pkg/run.py':
        'class Runner:\n    @classmethod\n    def run(cls, agent):\n        pass\n\n    @classmethod\n    def run_sync(cls, agent):\n        pass\n\n\n' +
        'class Dataset:\n    def evaluate_sync(self, task):\n        pass\n\n    async def evaluate(self, task):\n        pass\n',
    });
    const a = await analysed(repo, 'from pkg import Runner, Dataset\nagent = object()\nRunner.run_sync(agent)\nds = Dataset()\nds.evaluate_sync(agent)\n');
    // `run_sync` runs the agent, `evaluate_sync` evaluates: no "Run Sync", no "Evaluate Sync".
    expect(a.steps.map((s) => s.title)).toContain('Run Agent');
    expect(a.steps.some((s) => /Sync/.test(s.title))).toBe(false);
    const b = await analysed(repo, 'from pkg import Runner, Dataset\nagent = object()\nawait Runner.run(agent)\nRunner.run_sync(agent)\nds = Dataset()\nds.evaluate_sync(agent)\nawait ds.evaluate(agent)\n');
    const titles = distinctTitles(b.steps);
    expect(titles).toContain('Run Agent');
    expect(titles).toContain('Run Agent Synchronously');
    // The plain one after its `_sync` twin is the other way.
    const plain = b.steps.findIndex((s) => s.calls[0].callee === 'ds.evaluate');
    const twin = b.steps.findIndex((s) => s.calls[0].callee === 'ds.evaluate_sync');
    expect([titles[twin], titles[plain]]).toEqual([b.steps[twin].title, `${b.steps[twin].title} Asynchronously`]);
  });

  it("orders steps by where a source makes them, counting calls merged into another step only within that step", () => {
    // A README builds the agent, then the session with it, in its one `session.connect` step; another
    // source runs the session's `send` before it builds an agent (text order that says nothing of the run).
    const call = (callee: string, path: string, start: number, end = start): CallSite =>
      ({ callee, written: callee, site: { path, start, end }, resolution: { kind: 'repo', qualname: callee.replace(/^\w+\./, 'RealtimeSession.'), module: 'pkg.rt', span: { path: 'pkg/rt.py', start: 1, end: 2 } }, argNames: [], args: [], assignedTo: [], uses: [] }) as unknown as CallSite;
    const step = (title: string, ...calls: CallSite[]): DraftStep => ({ role: 'build', title, principle: title.replace(/ /g, '_'), calls });
    const readme = { steps: [step('Connect', call('session.connect', 'README.md', 12), call('RealtimeAgent', 'README.md', 10), call('RealtimeSession', 'README.md', 11))] } as unknown as AnalysedSource;
    const other = { steps: [step('Send', call('session.send', 'b.py', 2)), step('Create Agent', call('RealtimeAgent', 'b.py', 5)), step('Create Session', call('RealtimeSession', 'b.py', 7))] } as unknown as AnalysedSource;
    const steps = [step('Connect', call('session.connect', 'README.md', 12)), step('Create Agent', call('RealtimeAgent', 'b.py', 5)), step('Create Session', call('RealtimeSession', 'b.py', 7))];
    expect(runOrder(steps, [readme, other], () => 1).map((s) => s.title)).toEqual(['Create Agent', 'Create Session', 'Connect']);
    // An argument written inside the main call is made before it: `connect(RealtimeAgent())`.
    const inline = { steps: [step('Connect', call('session.connect', 'c.py', 3, 6), call('RealtimeAgent', 'c.py', 4))] } as unknown as AnalysedSource;
    expect(runOrder(steps.slice(0, 2), [inline], () => 1).map((s) => s.title)).toEqual(['Create Agent', 'Connect']);
  });

  it('two classes built that the role suffix titles alike (RealtimeConfig, RealtimeArgs) get the class name back', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .rt import RealtimeArgs, RealtimeConfig, RealtimeSession\n',
      'pkg/rt.py': 'class RealtimeArgs:\n    pass\n\n\nclass RealtimeConfig:\n    pass\n\n\nclass RealtimeSession:\n    def __init__(self, config, args):\n        pass\n\n    def connect(self):\n        pass\n',
    });
    const a = await analysed(repo, 'from pkg import RealtimeArgs, RealtimeConfig, RealtimeSession\nsession = RealtimeSession(RealtimeConfig(), RealtimeArgs())\nsession.connect()\n');
    const built = ['RealtimeConfig', 'RealtimeArgs'].map((n) => a.steps.flatMap((s) => s.calls).find((c) => c.callee === n)!);
    const steps = built.map((c) => ({ ...a.steps[0], title: titleOf(nameCall(c)), calls: [c] }));
    expect(steps.map((s) => s.title)).toEqual(['Configure Realtime', 'Configure Realtime']);
    expect(distinctTitles(steps)).toEqual(['Configure Realtime', 'Configure Realtime Args']);
    // A session, an agent or a tool keeps its class name: nothing to tell apart.
    expect(titleOf(nameCall(a.calls.find((c) => c.callee === 'RealtimeSession')!))).toBe('Create Realtime Session');
  });

  it('a class method inherited from a mixin is titled by the class written at the call; moving to a device is no step', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-mixin-'));
    mkdirSync(path.join(repo, 'pix'));
    writeFileSync(path.join(repo, 'pyproject.toml'), '[project]\nname = "pix"\n');
    writeFileSync(path.join(repo, 'pix/__init__.py'), 'from .models import ModelMixin, UNet\n');
    writeFileSync(
      path.join(repo, 'pix/models.py'),
      'class ModelMixin:\n    @classmethod\n    def from_pretrained(cls, name):\n        return cls()\n\n    def to(self, device):\n        return self\n\n    def save_pretrained(self, path):\n        pass\n\n\nclass UNet(ModelMixin):\n    def denoise(self, x):\n        return x\n',
    );
    const a = await analysed(repo, 'from pix import UNet\nunet = UNet.from_pretrained("u")\nunet.to("cuda")\nunet.denoise(1)\nunet.save_pretrained("out")\n');
    expect(a.steps.map((s) => s.title)).toEqual(['Load UNet', 'Call Denoise', 'Save Model']);
  });
});

describe('tabs of one section', () => {
  it("blocks of a section that build the first block's object with another class are one source: that step with alternatives", async () => {
    const F = '```python\n';
    const E = '```\n\n';
    const tab = (cls: string, variable = 'model', agent = false) =>
      `${F}from pkg import ${cls}${agent ? ', Agent' : ''}\n${variable} = ${cls}(name="x")\n${agent ? `agent = Agent(model=${variable})\nagent.run("task")\n` : ''}${E}`;
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .models import CloudModel, LocalModel, TinyModel\nfrom .agent import Agent\n',
      'pkg/models.py': 'class CloudModel:\n    def __init__(self, name):\n        self.name = name\n\n\nclass LocalModel(CloudModel):\n    pass\n\n\nclass TinyModel(CloudModel):\n    pass\n',
      'pkg/agent.py': 'class Agent:\n    def __init__(self, model):\n        self.model = model\n\n    def run(self, task):\n        return task\n\n    def push_to_hub(self, repo):\n        return repo\n',
      // The quick start, then tabs: the same model another way, with options; another class under the same
      // name; a whole run with another class under another name.
      'README.md':
        `# pkg\n\n## Quick start\n\n${F}from pkg import CloudModel, Agent\nmodel = CloudModel(name="default")\nagent = Agent(model=model)\nagent.run("task")\n${E}${F}agent.push_to_hub("me/agent")\n${E}` +
        `${tab('CloudModel')}${tab('LocalModel')}${tab('TinyModel', 'tiny', true)}`,
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-tabs-')), name: 'acme_pkg', all: true });
    const quick = m.workflows.filter((w) => w.sources.some((s) => s.heading === 'Quick start'));
    expect(quick).toHaveLength(1);
    expect(quick[0].sources.filter((s) => s.heading === 'Quick start')).toHaveLength(1);
    const step = quick[0].steps[0];
    expect(step.title).toBe('Build Model');
    expect(step.calls.map((c) => `${c.call.callee}${c.alternative ? ' (alternative)' : ''}`)).toEqual(['CloudModel', 'LocalModel (alternative)', 'TinyModel (alternative)']);
    // Each way is shown where its tab makes it.
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8').split('\n');
    const lineOf = (text: string) => readme.findIndex((l) => l.startsWith(text)) + 1;
    expect(step.calls.map((c) => c.call.site.start)).toEqual([lineOf('model = CloudModel'), lineOf('model = LocalModel'), lineOf('tiny = TinyModel')]);
    // The run on the agent is the agent's step (built and run there), not a step of its own.
    expect(quick[0].steps.map((s) => s.calls.filter((c) => !c.alternative).map((c) => c.call.callee).sort())).toEqual([['CloudModel'], ['Agent', 'agent.run'], ['agent.push_to_hub']]);
    // Without a tab that builds another way, blocks that each import stay sources of their own.
    const plain = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .models import CloudModel\n',
      'pkg/models.py': 'class CloudModel:\n    def __init__(self, name):\n        self.name = name\n\n    def run(self, task):\n        return task\n\n    def stop(self):\n        return 0\n',
      'README.md': `# pkg\n\n## Quick start\n\n${F}from pkg import CloudModel\nmodel = CloudModel(name="a")\nmodel.run("t")\nmodel.stop()\n${E}${F}from pkg import CloudModel\nmodel = CloudModel(name="b")\nmodel.run("u")\n${E}`,
    });
    const p = await extractWorkflows({ repo: plain, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-tabs-')), name: 'acme_pkg', all: true });
    expect(p.candidates.filter((c) => c.path === 'README.md' && c.heading === 'Quick start')).toHaveLength(2);
  });

  it('tabs in collapsible parts (`<details><summary>Local model</summary>`) join the example they vary, which keeps its heading', async () => {
    const F = '```python\n';
    const E = '```\n\n';
    const part = (summary: string, cls: string) => `<details>\n<summary><b>${summary}</b></summary>\n\n${F}from pkg import ${cls}\nmodel = ${cls}(name="x")\n${E}</details>\n`;
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .models import CloudModel, LocalModel\nfrom .agent import Agent\n',
      'pkg/models.py': 'class CloudModel:\n    def __init__(self, name):\n        self.name = name\n\n\nclass LocalModel(CloudModel):\n    pass\n',
      'pkg/agent.py': 'class Agent:\n    def __init__(self, model):\n        self.model = model\n\n    def run(self, task):\n        return task\n\n    def push_to_hub(self, repo):\n        return repo\n',
      'README.md':
        `# pkg\n\n## Demo\n\nRun an agent:\n\n${F}from pkg import CloudModel, Agent\nmodel = CloudModel(name="default")\nagent = Agent(model=model)\nagent.run("task")\nagent.push_to_hub("me/agent")\n${E}` +
        `Other models:\n\n${part('Local models on your machine', 'LocalModel')}`,
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-tabs-')), name: 'acme_pkg', all: true });
    expect(m.workflows.map((w) => w.sources.map((s) => s.heading))).toEqual([['Demo']]);
    expect(m.workflows[0].steps[0].calls.map((c) => `${c.call.callee}${c.alternative ? ' (alternative)' : ''}`)).toEqual(['CloudModel', 'LocalModel (alternative)']);
  });

  it('parts that hand objects of unrelated classes to one call (`console.print(table)`, `console.print(markdown)`) are no tabs of each other', async () => {
    const F = '```python\n';
    const E = '```\n\n';
    const repo = write({
      'pyproject.toml': '[project]\nname = "shine"\n',
      'shine/__init__.py': '',
      'shine/console.py': 'class Console:\n    def print(self, *objects):\n        pass\n',
      'shine/table.py': 'class Table:\n    def add_column(self, name):\n        pass\n\n    def add_row(self, *cells):\n        pass\n',
      'shine/markdown.py': 'class Markdown:\n    def __init__(self, text):\n        self.text = text\n',
      'README.md':
        `# shine\n\n## Library\n\n<details>\n<summary>Tables</summary>\n\n${F}from shine.console import Console\nfrom shine.table import Table\n\nconsole = Console()\ntable = Table()\ntable.add_column("a")\ntable.add_row("x")\nconsole.print(table)\n${E}</details>\n\n` +
        `<details>\n<summary>Markdown</summary>\n\n${F}from shine.console import Console\nfrom shine.markdown import Markdown\n\nconsole = Console()\nmd = Markdown("# hi")\nconsole.print(md)\n${E}</details>\n`,
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-tabs-')), name: 'acme_shine', all: true });
    expect(m.candidates.filter((c) => c.path === 'README.md').map((c) => c.heading).sort()).toEqual(['Markdown', 'Tables']);
  });
});

describe('numbered walkthroughs', () => {
  it('runs of numbered sibling headings are found under their parent, deeper headings between them allowed', () => {
    const h = (depth: number, text: string, line: number) => ({ depth, text, line });
    const runs = walkthroughRuns([
      h(1, 'Quickstart', 1),
      h(2, 'Build a realtime session', 3),
      h(3, '1. Import the components', 5),
      h(3, '2. Define the agent', 9),
      h(4, 'A note', 11),
      h(3, 'Step 3: Start the session', 14),
      h(2, 'Options', 20),
      // Not a run: one numbered heading, or numbers that do not follow each other.
      h(3, '1. Only one', 22),
      h(2, 'Elsewhere', 30),
      h(3, '2. Second', 31),
      h(3, '4. Fourth', 33),
    ]);
    expect([...runs]).toEqual([
      [5, { line: 5, heading: 'Build a realtime session' }],
      [9, { line: 5, heading: 'Build a realtime session' }],
      [14, { line: 5, heading: 'Build a realtime session' }],
    ]);
  });

  it('the numbered sections of one task are one source named by the heading above them; numbered alternatives stay apart', async () => {
    const F = '```python\n';
    const E = '```\n\n';
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .engine import Engine, Runner\n',
      'pkg/engine.py':
        'class Engine:\n    def __init__(self, name):\n        self.name = name\n\n\nclass Runner:\n    def __init__(self, engine):\n        self.engine = engine\n\n    def start(self):\n        return self\n\n    def send(self, text):\n        return text\n\n    def stop(self):\n        return 0\n',
      'docs/quickstart.md':
        `# Quickstart\n\n## Run an engine session\n\n### 1. Import\n\n${F}from pkg import Engine, Runner\n${E}### 2. Define the engine\n\n${F}engine = Engine(name="e")\n${E}` +
        `### 3. Start the runner\n\n${F}runner = Runner(engine)\nsession = runner.start()\n${E}### 4. Send input\n\n${F}session.send("hi")\nsession.stop()\n${E}`,
      'docs/transports.md':
        `# Transports\n\n## 1. Local engines\n\n${F}from pkg import Engine, Runner\nengine = Engine(name="local")\nrunner = Runner(engine)\nrunner.start()\nrunner.stop()\n${E}` +
        `## 2. Remote engines\n\n${F}from pkg import Engine, Runner\nengine = Engine(name="remote")\nrunner = Runner(engine)\nrunner.send("x")\nrunner.stop()\n${E}`,
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-walk-')), name: 'acme_pkg', all: true });
    const quick = m.candidates.filter((c) => c.path === 'docs/quickstart.md');
    expect(quick.map((c) => [c.id, c.heading, c.foundBy])).toEqual([['docs/quickstart.md#L14', 'Run an engine session', 'docs code blocks of 4 numbered sections (4 blocks)']]);
    // One source of the whole task: a workflow's source, not three one-call sections.
    expect(quick[0].kept).toBe(true);
    expect(m.workflows.filter((w) => w.sources.some((s) => s.path === 'docs/quickstart.md' && s.heading === 'Run an engine session'))).toHaveLength(1);
    // Each alternative imports anew and reads nothing an earlier one made: two sources, each under its own heading.
    expect(m.candidates.filter((c) => c.path === 'docs/transports.md').map((c) => c.heading)).toEqual(['1. Local engines', '2. Remote engines']);
  });
});

describe('options the docs treat as topics', () => {
  const F = '```python\n';
  const E = '```\n\n';
  const run = (args: string) => `from pkg import Trainer, load_dataset\nds = load_dataset("data")\ntrainer = Trainer(model="m", train_dataset=ds${args})\ntrainer.train()\ntrainer.save("out")\n`;
  const section = (heading: string, args: string) => `## ${heading}\n\n${F}${run(args)}${E}`;
  /** A library with one trainer taking `option`, a docs page of sections, four plain examples and more files; the workflow of each heading. */
  async function trained(option: string, sections: [string, string][], more: Record<string, string> = {}) {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .trainer import Trainer\nfrom .data import load_dataset\n',
      'pkg/data.py': 'def load_dataset(name):\n    return [name]\n',
      'pkg/trainer.py': `class Trainer:\n    def __init__(self, model, train_dataset, ${option}=None):\n        self.model = model\n\n    def train(self):\n        return self\n\n    def save(self, path):\n        return path\n`,
      'docs/training.md': '# Training\n\n' + sections.map(([h, args]) => section(h, args)).join(''),
      'examples/a.py': run(''),
      'examples/b.py': run(''),
      'examples/c.py': run(''),
      'examples/d.py': run(''),
      ...more,
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-opt-')), name: 'acme_pkg', all: true });
    return (heading: string) => m.workflows.find((w) => w.sources.some((s) => (s.heading ?? s.path) === heading))!;
  }

  it('sections headed by an option of the call they make lead a use case of their own; a tuning value does not', async () => {
    // The tuning value goes through its own parameter beside the option.
    const owner = await trained(
      'tools=None, max_steps',
      [['Quick start', ''], ['Fewer steps', ', max_steps=5'], ['More steps', ', max_steps=500'], ['Tools', ', tools=[add]'], ['Training with tools', ', tools=[add, multiply]']],
      { 'examples/c.py': run(', max_steps=20'), 'examples/agent.py': run(', tools=[search]') },
    );
    const plain = owner('Quick start');
    const tools = owner('Tools');
    expect(tools).toBeDefined();
    expect(tools).not.toBe(plain);
    // Every source that passes the option follows it (the example too); the tuning values stay with the plain use case.
    expect(tools.sources.map((s) => s.heading ?? s.path).sort()).toEqual(['Tools', 'Training with tools', 'examples/agent.py']);
    expect(owner('Fewer steps')).toBe(plain);
    expect(owner('More steps')).toBe(plain);
    expect(owner('examples/c.py')).toBe(plain);
    // Named as the plain use case done that way; its trainer step shows the option.
    expect(tools.name).toBe(`${plain.name}_With_Tools`);
    expect(tools.steps.some((st) => st.calls.some((c) => c.call.callee === 'Trainer' && c.call.argNames.includes('tools')))).toBe(true);
  });

  it('a heading names an option by its short form or its plural: `auth=` under "Authentication", `proxy=` under "Proxies"', async () => {
    const auth = await trained('auth', [['Quick start', ''], ['Basic authentication', ', auth=basic'], ['Digest authentication', ', auth=digest']]);
    expect(auth('Basic authentication')).toBe(auth('Digest authentication'));
    expect(auth('Basic authentication')).not.toBe(auth('Quick start'));
    const proxy = await trained('proxy', [['Quick start', ''], ['HTTP Proxies', ', proxy=url'], ['SOCKS proxies', ', proxy=socks']]);
    expect(proxy('HTTP Proxies')).not.toBe(proxy('Quick start'));
    // Three letters are no short form: `dat=` is not what "Datasets" are about.
    const short = await trained('dat', [['Quick start', ''], ['Datasets', ', dat=a'], ['Dataset cards', ', dat=b']]);
    expect(short('Datasets')).toBe(short('Quick start'));
  });

  it('sections headed by the value they set name one way each, not the use case; one heading makes no topic', async () => {
    // "Training on Docker", "Training on Modal": named as the plain use case done with the option, not Training_Docker.
    const valued = await trained('backend', [['Quick start', ''], ['Training on Docker', ', backend="docker"'], ['Training on Modal', ', backend="modal"']]);
    expect(valued('Training on Docker')).toBe(valued('Training on Modal'));
    expect(valued('Training on Docker')).not.toBe(valued('Quick start'));
    expect(valued('Training on Docker').name).toBe(`${valued('Quick start').name}_With_Backend`);
    // Sections that only build the trainer that way are too small for a use case: they follow the plain one, as before.
    const build = (heading: string, value: string) => `## ${heading}\n\n${F}from pkg import Trainer\ntrainer = Trainer(model="m", train_dataset=[], backend="${value}")\n${E}`;
    const small = await trained('backend', [], { 'docs/training.md': `# Training\n\n${section('Quick start', '')}${build('Training on Docker', 'docker')}${build('Training on Modal', 'modal')}` });
    expect(small('Training on Docker')).toBe(small('Quick start'));
    expect(small('Training on Modal')).toBe(small('Quick start'));
    // Named by one section's heading only, an option is no topic.
    const once = await trained('tools', [['Quick start', ''], ['Tools', ', tools=[add]'], ['Agents', ', tools=[add, multiply]']]);
    expect(once('Tools')).toBe(once('Quick start'));
  });

  it("a docs page whose title names the option counts as one section that names it, however many of its sections pass it", async () => {
    const adapters = (heading: string) => `## ${heading}\n\n${F}${run(', adapter_config={"r": 8}')}${E}`;
    const page = (...headings: string[]) => `# Adapter integration\n\n${headings.map(adapters).join('')}`;
    // The page and one section's heading: two, a topic.
    const titled = await trained('adapter_config', [['Quick start', '']], { 'docs/adapters.md': page('Setup', 'Train adapters') });
    expect(titled('Setup')).not.toBe(titled('Quick start'));
    expect(titled('Train adapters')).toBe(titled('Setup'));
    // The page alone, whatever its sections: one, no topic.
    const alone = await trained('adapter_config', [['Quick start', '']], { 'docs/adapters.md': page('Setup', 'Low memory') });
    expect(alone('Setup')).toBe(alone('Quick start'));
  });
});

describe('command sections', () => {
  it('a section whose most distinctive command the leader does not run leads its own use case', async () => {
    // lmkit's CLI, with a README of two sections that share `download` and `chat`; only the second serves.
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-cmd-'));
    cpSync(path.join(ROOT, 'examples/lmkit/repo'), repo, { recursive: true });
    rmSync(path.join(repo, 'examples'), { recursive: true, force: true });
    writeFileSync(
      path.join(repo, 'README.md'),
      '# lmkit\n\n## Fine-tune\n\n```bash\nlmkit download acme/tiny-1b\nlmkit finetune lora checkpoints/acme/tiny-1b\nlmkit chat out/lora/final\n```\n\n' +
        '## Serve\n\n```bash\nlmkit download acme/tiny-1b\nlmkit chat checkpoints/acme/tiny-1b\nlmkit serve checkpoints/acme/tiny-1b --port 8080\n```\n',
    );
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-cmdw-')), name: 'acme_lmkit', all: true });
    const owner = (heading: string) => m.workflows.find((w) => w.sources.some((s) => s.heading === heading))?.name;
    expect(owner('Fine-tune')).toBeDefined();
    expect(owner('Serve')).toBeDefined();
    expect(owner('Serve')).not.toBe(owner('Fine-tune'));
  });
});

describe('command sections folded', () => {
  it('a README section whose commands a docs page runs them all joins the docs use case, which its README evidence ranks', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-cmdf-'));
    cpSync(path.join(ROOT, 'examples/lmkit/repo'), repo, { recursive: true });
    rmSync(path.join(repo, 'examples'), { recursive: true, force: true });
    writeFileSync(path.join(repo, 'README.md'), '# lmkit\n\n## Command line\n\n```bash\nlmkit download acme/tiny-1b\nlmkit chat checkpoints/acme/tiny-1b\nlmkit serve checkpoints/acme/tiny-1b\n```\n');
    mkdirSync(path.join(repo, 'docs'));
    const page = (h: string) => `## ${h}\n\n\`\`\`bash\nlmkit download acme/tiny-1b\nlmkit finetune lora checkpoints/acme/tiny-1b\nlmkit chat out/lora/final\nlmkit serve out/lora/final\n\`\`\`\n\n`;
    writeFileSync(path.join(repo, 'docs/cli.md'), `# CLI\n\n${page('Basic usage')}${page('With a config file')}`);
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-cmdfw-')), name: 'acme_lmkit', all: true });
    const owners = m.workflows.filter((w) => w.sources.some((s) => s.path === 'README.md' || s.path === 'docs/cli.md'));
    expect(owners).toHaveLength(1);
    expect(owners[0].sources.map((s) => s.heading)).toEqual(['Command line', 'Basic usage', 'With a config file']);
    expect(owners[0].evidence.map((e) => e.kind)).toContain('readme-quickstart');
    expect(owners[0].steps.map((s) => s.calls[0].call.command?.words.join(' '))).toEqual(['download', 'finetune lora', 'chat', 'serve']);
    // A bare command verb is named with its program (`lmkit chat` → Lmkit_Chat), not with another command's object.
    expect(owners[0]).toMatchObject({ name: 'Lmkit_Chat', nameFrom: 'api' });
  });
});

describe('near-duplicates and evidence', () => {
  const H = 'from adaptkit import Model, Trainer, TrainingArgs, add_adapter, AdapterConfig, merge_adapters\n';
  // A README walkthrough that trains, merges and exports, and an example that only adds and merges adapters:
  // everything the example shows, the walkthrough's workflow shows already.
  const walkthrough = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save("o")\nm.load_adapter("a", name="a")\nm = merge_adapters(m, ["a"], [1.0])\nm.generate("hi")\nm.save_gguf("q")\n`;
  const partial = `${H}m = Model.from_pretrained("z")\nm = add_adapter(m, AdapterConfig())\nm = merge_adapters(m, ["a"], [1.0])\n`;
  const ctx = { repoName: 'acme_x', runtime: 'Python' as const, modelDomains: [], existingImplementations: new Set<string>() };

  it('does not write a use case whose milestones higher-ranked workflows show, and says why; --all writes it', async () => {
    const make = async () => [await analysed(ADAPTKIT, walkthrough, 'README.md', 'readme'), await analysed(ADAPTKIT, partial, 'examples/partial.py')];
    const { workflows, omitted } = buildWorkflows(await make(), { suggestions: [], purposes: new Map() }, ctx);
    expect(workflows.map((w) => w.sources.map((s) => s.path))).toEqual([['README.md']]);
    expect(omitted).toHaveLength(1);
    expect(omitted[0]).toMatchObject({ rank: 2, sources: ['examples/partial.py'] });
    expect(omitted[0].reason).toMatch(/\d+% of its distinctive calls are shown by higher-ranked workflows \(--all writes it\)/);
    const all = buildWorkflows(await make(), { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    expect(all.workflows).toHaveLength(2);
    expect(all.workflows[1].evidence.map((e) => e.kind)).toContain('repeats');
  });

  it("an external class's own method is its own principle: AutoTokenizer.from_pretrained is not AutoModelForCausalLM.from_pretrained", async () => {
    const T = 'from transformers import AutoModelForCausalLM, AutoTokenizer\n';
    const model = `${T}${H}base = AutoModelForCausalLM.from_pretrained("x")\nm = add_adapter(base, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save_gguf("q")\n`;
    const tok = `${T}${H}tok = AutoTokenizer.from_pretrained("x")\nm = Model.from_pretrained("y")\nm = merge_adapters(m, ["a"], [1.0])\nm.generate(tok)\n`;
    const { workflows } = buildWorkflows([await analysed(ADAPTKIT, model, 'README.md', 'readme'), await analysed(ADAPTKIT, tok, 'examples/tok.py')], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const principle = (callee: string) => workflows.flatMap((w) => w.steps).find((s) => s.calls[0].call.callee === callee)?.principle;
    expect(principle('AutoModelForCausalLM.from_pretrained')).toBe('Model_Causal_LM_Loading');
    expect(principle('AutoTokenizer.from_pretrained')).toBe('Tokenizer_Loading');
  });

  it('the async twin of a higher-ranked use case (`AsyncClient`, `AsyncMessages.stream` beside `Client`, `Messages.stream`) shows nothing new', async () => {
    const methods = (cls: string, pre: string) => [`class ${cls}:`, ...['create', 'stream', 'count'].flatMap((f) => [`    ${pre}def ${f}(self, text):`, '        return text']), ''];
    const repo2 = write({
      'pyproject.toml': '[project]\nname = "sdk"\n',
      'sdk/__init__.py': 'from .client import Client, AsyncClient\n',
      'sdk/client.py': [...methods('Messages', ''), ...methods('AsyncMessages', 'async '), 'class Client:', '    def __init__(self):', '        self.messages = Messages()', '', 'class AsyncClient:', '    def __init__(self):', '        self.messages = AsyncMessages()', ''].join('\n'),
    });
    const readme = await analysed(repo2, 'from sdk import Client\nclient = Client()\nclient.messages.create("a")\nclient.messages.stream("b")\nclient.messages.count("c")\n', 'README.md', 'readme');
    const twin = await analysed(repo2, 'import asyncio\nfrom sdk import AsyncClient\n\n\nasync def main():\n    client = AsyncClient()\n    await client.messages.stream("b")\n    await client.messages.count("c")\n\n\nasyncio.run(main())\n', 'examples/async_stream.py');
    const { workflows, omitted } = buildWorkflows([readme, twin], { suggestions: [], purposes: new Map() }, ctx);
    expect(workflows.map((w) => w.sources.map((s) => s.path))).toEqual([['README.md']]);
    expect(omitted.map((o) => o.sources)).toEqual([['examples/async_stream.py']]);
    expect(omitted[0].reason).toMatch(/are shown by higher-ranked workflows/);
  });

  it("a use case that adds only another library's calls to higher-ranked milestones is a near-duplicate; one with a call of the library's own is not", async () => {
    const quick = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nm.save("o")\n`;
    const readme = await analysed(ADAPTKIT, quick, 'README.md', 'readme');
    // The same milestones of the library, trained with transformers' Trainer: which trainer is not this library's path.
    const withTrainer = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, `${H}from transformers import Trainer\nm = Model.from_pretrained("${k}")\nm = add_adapter(m, AdapterConfig())\nTrainer(model=m).train()\nm.save("o")\n`, `examples/t${k}.py`)));
    // trl's trainer, but also merging: a call of the library's own that no higher-ranked workflow shows.
    const merging = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, `from trl import SFTTrainer\n${H}m = Model.from_pretrained("${k}")\nm = add_adapter(m, AdapterConfig())\nSFTTrainer(model=m).train()\nm = merge_adapters(m, ["a"], [1.0])\nm.save("o")\n`, `examples/m${k}.py`)));
    const { workflows, omitted } = buildWorkflows([readme, ...withTrainer, ...merging], { suggestions: [], purposes: new Map() }, ctx);
    const written = (p: string) => workflows.some((w) => w.sources.some((s) => s.path === p));
    expect(written('README.md')).toBe(true);
    expect(written('examples/ma.py')).toBe(true);
    expect(written('examples/ta.py')).toBe(false);
    expect(omitted.find((o) => o.sources.includes('examples/ta.py'))?.reason).toMatch(/shown by higher-ranked workflows/);
  });

  it("scripts that make the same calls of the library, each with another library's trainer, are each a use case", async () => {
    // The library is scaffolding (every source loads and adapts alike): which trainer tells the paths apart.
    const script = (t: string) => `from trl import ${t}\n${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\n${t}(model=m).train()\n`;
    const sources = await Promise.all(['SFTTrainer', 'DPOTrainer', 'ORPOTrainer'].map((t) => analysed(ADAPTKIT, script(t), `scripts/${t.toLowerCase()}.py`, 'script')));
    const { workflows, omitted } = buildWorkflows(sources, { suggestions: [], purposes: new Map() }, ctx);
    expect(omitted).toEqual([]);
    expect(workflows.map((w) => w.sources.map((s) => s.path)).sort()).toEqual([['scripts/dpotrainer.py'], ['scripts/orpotrainer.py'], ['scripts/sfttrainer.py']]);
  });

  it('a docs section whose most distinctive call the leader does not make leads its own use case', async () => {
    const tour = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save("o")\nm.load_adapter("o", name="a")\nm.generate("hi")\n`;
    // It shares most of the walkthrough's calls, but it is about merging, which the walkthrough never does.
    const merging = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nm.load_adapter("o", name="a")\nm = merge_adapters(m, ["a"], [1.0])\nm.generate("hi")\nm.save("o")\n`;
    const readme = await analysed(ADAPTKIT, tour, 'README.md', 'readme');
    const section = await analysed(ADAPTKIT, merging, 'docs/merging.md', 'docs');
    const others = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, tour, `examples/${k}.py`)));
    const { workflows } = buildWorkflows([readme, section, ...others], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const owner = (p: string) => workflows.find((w) => w.sources.some((s) => s.path === p));
    expect(owner('docs/merging.md')).toBeDefined();
    expect(owner('docs/merging.md')).not.toBe(owner('README.md'));
    expect(owner('docs/merging.md')!.steps.map((s) => s.calls[0].call.callee)).toContain('merge_adapters');
  });

  it("a short docs section joined to example programs through a call they all make is one more source, not their topic", async () => {
    const train = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save("o")\n`;
    const programs = await Promise.all(['a', 'b', 'c'].map((k) => analysed(ADAPTKIT, train, `examples/${k}.py`)));
    // Too short to be a use case, it loads the model as the programs do and exports it, which they never do.
    const section = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm.save_gguf("q")\n`, 'docs/export.md', 'docs');
    const { workflows } = buildWorkflows([section, ...programs], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const owner = workflows.find((w) => w.sources.some((s) => s.path === 'examples/a.py'))!;
    expect(owner.sources.map((s) => s.path)).toContain('docs/export.md');
    expect(owner.steps.map((s) => s.calls[0].call.callee)).toEqual(mains(programs[0]));
    // A section that makes the programs' distinctive call (the training) leads them: it is what they are about.
    const guide = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nTrainer(m, [], TrainingArgs()).train()\n`, 'docs/training.md', 'docs');
    const led = buildWorkflows([guide, ...programs], { suggestions: [], purposes: new Map() }, { ...ctx, all: true }).workflows;
    expect(led.find((w) => w.sources.some((s) => s.path === 'examples/a.py'))!.sources[0].path).toBe('docs/training.md');
  });

  it("a docs section is about its most distinctive call of the library, not a rarer external helper the leader makes too", async () => {
    const T = 'from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained("t")\n';
    const readme = await analysed(ADAPTKIT, `${H}${T}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nout = m.generate("hi")\ntok.decode(out)\n`, 'README.md', 'readme');
    // Loads, generates and decodes like the quick start, but merges: `tok.decode` is rarer than `merge_adapters` here.
    const section = await analysed(ADAPTKIT, `${H}${T}m = Model.from_pretrained("x")\nm = merge_adapters(m, ["a"], [1.0])\nout = m.generate("hi")\ntok.decode(out)\n`, 'docs/merging.md', 'docs');
    const others = await Promise.all(['a', 'b', 'c'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm = merge_adapters(m, ["a"], [1.0])\nm.generate("hi")\nm.save_gguf("q")\n`, `examples/${k}.py`)));
    const cases = mineUseCases([readme, section, ...others]);
    const owner = (p: string) => cases.find((u) => u.members.some((m) => m.candidate.path === p));
    expect(owner('docs/merging.md')).toBeDefined();
    expect(owner('docs/merging.md')).not.toBe(owner('README.md'));
  });

  it('short sections that joined a walkthrough do not outvote the steps only it shows; a test is no walkthrough', async () => {
    const walk = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nm = merge_adapters(m, ["a"], [1.0])\nm.save_gguf("q")\n`, 'docs/walk.md', 'docs');
    const short = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm = merge_adapters(m, ["a"], [1.0])\n`, `docs/${k}.md`, 'docs')));
    const anchor = callKey(walk.steps.find((s) => s.calls[0].callee === 'merge_adapters')!.calls[0]);
    const callees = (members: AnalysedSource[]) => consensusSteps(members, anchor).map((s) => s.calls[0].callee);
    expect(callees([walk, ...short])).toEqual(mains(walk));
    // A test that shows more follows the use case: its own calls are no steps.
    const test = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm.load_adapter("a", name="a")\nm = merge_adapters(m, ["a"], [1.0])\nm.generate("hi")\n`, 'tests/test_merge.py', 'test');
    expect(callees([...short, test])).toEqual(['Model.from_pretrained', 'merge_adapters']);
  });

  it("... but another library's call only the walkthrough makes, not wired into the library, is its own: taken only to reach three steps", async () => {
    const walk = await analysed(ADAPTKIT, `${H}import numpy as np\nm = Model.from_pretrained("x")\nm = merge_adapters(m, ["a"], [1.0])\nm.save_gguf("q")\nnp.save("w.npy", m.weights)\n`, 'docs/walk.md', 'docs');
    const short = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm = merge_adapters(m, ["a"], [1.0])\n`, `docs/${k}.md`, 'docs')));
    expect(mains(walk)).toContain('numpy.save');
    const anchor = callKey(walk.steps.find((s) => s.calls[0].callee === 'merge_adapters')!.calls[0]);
    expect(consensusSteps([walk, ...short], anchor).map((s) => s.calls[0].callee)).toEqual(mains(walk).filter((c) => c !== 'numpy.save'));
    // Without the library's own save, it is taken: three steps.
    const bare = await analysed(ADAPTKIT, `${H}import numpy as np\nm = Model.from_pretrained("x")\nm = merge_adapters(m, ["a"], [1.0])\nnp.save("w.npy", m.weights)\n`, 'docs/walk.md', 'docs');
    expect(consensusSteps([bare, ...short], anchor).map((s) => s.calls[0].callee)).toEqual(mains(bare));
    // A call wired into the library (the tokenizer it is handed) is a step of the use case, however few show it.
    const handed = await analysed(ADAPTKIT, `${H}from transformers import AutoTokenizer\nm = Model.from_pretrained("x")\ntok = AutoTokenizer.from_pretrained("x")\nm = merge_adapters(m, ["a"], tok)\nm.save_gguf(tok)\n`, 'docs/walk.md', 'docs');
    expect(consensusSteps([handed, ...short], anchor).map((s) => s.calls[0].callee)).toEqual(mains(handed));
  });

  it('a test beside a section too short to be a use case fills its steps up to three, no further', async () => {
    const section = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm = merge_adapters(m, ["a"], [1.0])\n`, 'docs/merge.md', 'docs');
    const test = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm.load_adapter("a", name="a")\nm = merge_adapters(m, ["a"], [1.0])\nm.generate("hi")\nm.save("o")\nm.save_gguf("q")\n`, 'tests/test_merge.py', 'test');
    expect(mains(test).length).toBeGreaterThan(4);
    const anchor = callKey(section.steps[1].calls[0]);
    const steps = consensusSteps([section, test], anchor).map((s) => s.calls[0].callee);
    expect(steps).toHaveLength(3);
    expect(steps).toEqual(expect.arrayContaining(mains(section)));
  });

  it('a list of use cases (an overview whose milestones do not feed one another) that joined a focused section has no vote on its steps', async () => {
    const load = 'm = Model.from_pretrained("x")\n';
    const merge = 'm = merge_adapters(m, ["a"], [1.0])\n';
    const gguf = 'm.save_gguf("q")\n';
    const rep = await analysed(ADAPTKIT, `${H}${load}${merge}`, 'README.md', 'readme');
    // Each milestone on its own (a list of what the library does), not one walkthrough on one model.
    const overview = await analysed(ADAPTKIT, `${H}Model.from_pretrained("x")\nadd_adapter(x, AdapterConfig())\nTrainer(x, [], TrainingArgs()).train()\nmerge_adapters(x, ["a"], [1.0])\nModel("w").generate("hi")\n`, 'docs/all.md', 'docs');
    const others = await Promise.all([`${H}${load}${merge}`, `${H}${load}${merge}${gguf}`.replace(load, ''), `${H}${load}${merge}${gguf}`.replace(load, '')].map((code, k) => analysed(ADAPTKIT, code, `docs/s${k}.md`, 'docs')));
    const u = settle([rep, overview, ...others], () => 1, publicSurface())!;
    expect(u.steps.map((st) => st.calls[0].callee)).toEqual(['Model.from_pretrained', 'merge_adapters', 'm.save_gguf']);
  });

  it('a use case whose new call is a method of a factory object is no repeat of one that loads and calls the same object', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .auto import AutoPipe\n',
      'pkg/auto.py': 'class Pipe:\n    def load_lora(self, name):\n        return name\n\n    def offload(self):\n        return None\n\n\nclass AutoPipe:\n    @classmethod\n    def from_pretrained(cls, name):\n        return {"x": Pipe}[name]()\n',
    });
    const P = 'from pkg import AutoPipe\npipe = AutoPipe.from_pretrained("x").to("cuda")\n';
    const readme = await analysed(repo, `${P}pipe.offload()\npipe("a prompt")\n`, 'README.md', 'readme');
    const lora = await analysed(repo, `${P}pipe.load_lora("style")\npipe("a prompt")\n`, 'docs/lora.md', 'docs');
    const { workflows } = buildWorkflows([readme, lora], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const owner = workflows.find((w) => w.sources.some((s) => s.path === 'docs/lora.md'))!;
    expect(owner.steps.map((s) => s.calls[0].call.callee)).toContain('pipe.load_lora');
    expect(owner.evidence.map((e) => e.kind)).not.toContain('repeats');
  });

  it('among use cases only tests show, one that walks the public API as a user would ranks before the unit tests of a helper', async () => {
    // More tests, of one object: built and saved.
    const unit = await Promise.all(['a', 'b', 'c', 'd'].map((k) => analysed(ADAPTKIT, `from adaptkit import Model\nm = Model([1.0])\nm.save("${k}")\n`, `tests/test_${k}.py`, 'test')));
    const walk = await Promise.all(['x', 'y'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm = add_adapter(m, AdapterConfig())\nm = merge_adapters(m, ["a"], [1.0])\nm.save_gguf("q")\n`, `tests/test_${k}.py`, 'test')));
    const useCase = (members: AnalysedSource[]) => ({ anchor: callKey(members[0].steps[0].calls[0]), anchorCall: members[0].steps[0].calls[0], members, steps: members[0].steps });
    const ranked = rankUseCases([useCase(unit), useCase(walk)], { suggestions: [], sources: [...unit, ...walk], isPublic: publicSurface() });
    expect(ranked.every((u) => u.testOnly)).toBe(true);
    expect(ranked[0].members).toBe(walk);
  });

  it("... counting only steps of the API the README, docs and examples use, when they use any: a test of the library's inner workings walks no golden path", async () => {
    // An example shows loading and merging; one test walks those, the others walk what no user calls.
    const example = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm = merge_adapters(m, ["a"], [1.0])\n`, 'examples/merge.py');
    const walk = await Promise.all(['x', 'y'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm = merge_adapters(m, ["a"], [1.0])\n`, `tests/test_${k}.py`, 'test')));
    const inner = await Promise.all(['a', 'b', 'c'].map((k) => analysed(ADAPTKIT, `${H}m = Model([1.0])\nm = add_adapter(m, AdapterConfig())\nm.save_gguf("${k}")\nm.save("${k}")\n`, `tests/test_${k}.py`, 'test')));
    const useCase = (members: AnalysedSource[]) => ({ anchor: callKey(members[0].steps[0].calls[0]), anchorCall: members[0].steps[0].calls[0], members, steps: members[0].steps });
    const ctx = { suggestions: [], sources: [example, ...walk, ...inner], isPublic: publicSurface() };
    const ranked = rankUseCases([useCase(inner), useCase(walk)], ctx);
    expect(ranked[0].members).toBe(walk);
    // Without the example, more tests and more public steps win.
    expect(rankUseCases([useCase(inner), useCase(walk)], { ...ctx, sources: [...walk, ...inner] })[0].members).toBe(inner);
  });

  it('gives README rank evidence only to the use case the README section shows (makes its anchor call)', async () => {
    const readme = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm.save("o")\n`, 'README.md', 'readme');
    const example = await analysed(ADAPTKIT, partial, 'examples/partial.py');
    const useCase = { anchor: callKey(example.steps[2].calls[0]), anchorCall: example.steps[2].calls[0], members: [example, readme], steps: example.steps };
    const [ranked] = rankUseCases([useCase], { suggestions: [], sources: [readme, example], isPublic: publicSurface() });
    expect(ranked.evidence.map((e) => e.kind)).not.toContain('readme-quickstart');
    expect(ranked.evidence.map((e) => e.kind)).not.toContain('readme-section');
    const shown = { ...useCase, anchor: callKey(readme.steps[0].calls[0]), anchorCall: readme.steps[0].calls[0] };
    expect(rankUseCases([shown], { suggestions: [], sources: [readme, example], isPublic: publicSurface() })[0].evidence[0].kind).toBe('readme-quickstart');
  });

  it("names a use case mined on another library's call after the library's API it shows", async () => {
    // Every client example opens a process with anyio: the rarest shared call, the mined anchor.
    const a = await analysed(ADAPTKIT, `import anyio\n${H}proc = anyio.open_process(["srv"])\nm = Model.from_pretrained(proc)\nm = merge_adapters(m, ["a"], [1.0])\n`, 'examples/client.py');
    const u = settle([a], (k) => (k.includes('open_process') ? 5 : k.includes('merge_adapters') ? 2 : 1), publicSurface())!;
    expect(u.anchorCall.callee).toBe('anyio.open_process');
    const [named] = nameUseCases([u], { suggestions: [], purposes: new Map() });
    expect(named.anchor).toBe('merge_adapters');
    expect(named.name).toMatch(/Merg/);
    expect(named.name).not.toMatch(/Process|Opening/);
  });

  it('takes for the quick start the first README section that does something with the library, not one that only makes an object', async () => {
    const setup = await analysed(ADAPTKIT, 'from adaptkit import Model\nm = Model([1.0])\n', 'README.md', 'readme');
    setup.candidate = { ...setup.candidate, id: 'README.md#L10', line: 10 };
    const readme = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm.save("o")\n`, 'README.md', 'readme');
    readme.candidate = { ...readme.candidate, id: 'README.md#L30', line: 30 };
    const useCase = { anchor: callKey(readme.steps[0].calls[0]), anchorCall: readme.steps[0].calls[0], members: [readme], steps: readme.steps };
    const [ranked] = rankUseCases([useCase], { suggestions: [], sources: [setup, readme], isPublic: publicSurface() });
    expect(ranked.evidence[0].kind).toBe('readme-quickstart');
  });

  it('a feature the README lists ranks the few use cases its words spell, not a category many spell', async () => {
    const ex = await analysed(ADAPTKIT, `${H}m = merge_adapters(Model.from_pretrained("x"), ["a"], [1.0])\n`, 'examples/merge.py');
    const useCase = (anchor: string) => ({ anchor, anchorCall: ex.steps[0].calls[0], members: [ex], steps: ex.steps });
    const readme = readmeTerms('# adaptkit\n\n- **Adapters**: add, merge and save them\n- **Trainers**: many of them\n');
    const mentioned = (anchors: string[]) =>
      rankUseCases(anchors.map(useCase), { suggestions: [], sources: [ex], isPublic: publicSurface(), readme })
        .filter((u) => u.evidence.some((e) => e.kind === 'readme-mention'))
        .map((u) => u.anchor)
        .sort();
    expect(mentioned(['merge_adapters', 'add_adapter', 'Model.save'])).toEqual(['add_adapter', 'merge_adapters']);
    // Four use cases spell "Trainers": a category of the library, no use case of its own.
    expect(mentioned(['SFTTrainer', 'DPOTrainer', 'KTOTrainer', 'PPOTrainer', 'merge_adapters'])).toEqual(['merge_adapters']);
  });

  it("a docs section on an early page of the docs' navigation ranks before one on a late page", async () => {
    const merge = await analysed(ADAPTKIT, `${H}m = merge_adapters(Model.from_pretrained("x"), ["a"], [1.0])\n`, 'docs/merging.md', 'docs');
    const gguf = await analysed(ADAPTKIT, `${H}Model.from_pretrained("x").save_gguf("q")\n`, 'docs/export.md', 'docs');
    const useCase = (m: AnalysedSource, at: number) => ({ anchor: callKey(m.steps[at].calls[0]), anchorCall: m.steps[at].calls[0], members: [m], steps: m.steps });
    const ranked = (nav: string) => {
      const docsNav = navOrder([{ path: 'mkdocs.yml', text: nav }], ['docs/merging.md', 'docs/export.md']);
      return rankUseCases([useCase(merge, 1), useCase(gguf, 1)], { suggestions: [], sources: [merge, gguf], isPublic: publicSurface(), docsNav }).map((u) => u.members[0].candidate.path);
    };
    expect(ranked('nav:\n  - export.md\n  - merging.md\n')).toEqual(['docs/export.md', 'docs/merging.md']);
    expect(ranked('nav:\n  - merging.md\n  - export.md\n')).toEqual(['docs/merging.md', 'docs/export.md']);
  });

  it('a README section is the quick start only near the top: an "Example" far down is a README section', async () => {
    const sections = await Promise.all(['Quick start', 'Install', 'Models', 'Training', 'Serving', 'Recipes', 'Example'].map(async (heading, i) => {
      const a = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${i}")\nm.save("o")\n`, 'README.md', 'readme');
      a.candidate.heading = heading;
      a.candidate.line = 10 * (i + 1);
      return a;
    }));
    const useCase = (m: AnalysedSource) => ({ anchor: callKey(m.steps[0].calls[0]), anchorCall: m.steps[0].calls[0], members: [m], steps: m.steps });
    const kinds = (m: AnalysedSource) => rankUseCases([useCase(m)], { suggestions: [], sources: sections, isPublic: publicSurface() })[0].evidence[0].kind;
    expect(kinds(sections[0])).toBe('readme-quickstart');
    expect(kinds(sections[6])).toBe('readme-section');
  });

  it('names a use case after the title of the docs page it holds most of, not after a tour page or a title that spells its API', async () => {
    const tour = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save("o")\nm.generate("hi")\n`;
    const merging = `${H}m = Model.from_pretrained("x")\nm.load_adapter("o", name="a")\nm = merge_adapters(m, ["a"], [1.0])\nm.save("o")\n`;
    const on = async (file: string, code: string, page: string) => ({ ...(await analysed(ADAPTKIT, code, file, 'docs')), page });
    const named = async (sources: AnalysedSource[]) => {
      const { workflows } = buildWorkflows(sources, { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
      return workflows.find((w) => w.steps.some((s) => s.calls[0].call.callee === 'merge_adapters'))!;
    };
    const readme = await analysed(ADAPTKIT, tour, 'README.md', 'readme');
    // A guide page about the task: its title names the workflow.
    const guide = await named([readme, await on('docs/combine.md', merging, 'Combining fine-tuned weights')]);
    expect(guide).toMatchObject({ name: 'Combining_Fine_Tuned_Weights', nameFrom: 'docs-title' });
    // An acronym the title writes in capitals stays in capitals.
    expect(await named([readme, await on('docs/combine.md', merging, 'Combining LLM weights')])).toMatchObject({ name: 'Combining_LLM_Weights', nameFrom: 'docs-title' });
    expect(await named([readme, await on('docs/combine.md', merging, 'Combining TIES weights')])).toMatchObject({ name: 'Combining_TIES_Weights', nameFrom: 'docs-title' });
    // The same section on a tour page whose other sections show other use cases: the title names none of them.
    const page = 'A tour of everything';
    const toured = await named([readme, await on('docs/tour.md', merging, page), ...(await Promise.all(['x', 'y'].map((k) => on(`docs/tour.md`, tour.replace('"x"', `"${k}"`), page))))]);
    expect(toured.nameFrom).not.toBe('docs-title');
    // A title that only spells the distinctive API ("Merge adapters") is an API name, not a task.
    const plain = `${H}m = Model.from_pretrained("x")\nm = merge_adapters(m, ["a"], [1.0])\nm.save("o")\n`;
    expect((await named([readme, await on('docs/merge.md', plain, 'Merge adapters')])).nameFrom).not.toBe('docs-title');
    expect((await named([readme, await on('docs/merge.md', plain, 'Merging adapters into one')])).nameFrom).toBe('docs-title');
    // "Overview" says what kind of page it is, not the task: "Merging overview" only spells the API too.
    expect((await named([readme, await on('docs/merge.md', plain, 'Merging overview')])).nameFrom).not.toBe('docs-title');
    // The project's own name handed on by a joining word ("in AdaptKit") names nothing of the task, however
    // it is spelt; elsewhere it stays a word of the title.
    const project = async (sources: AnalysedSource[]) => {
      const { workflows } = buildWorkflows(sources, { suggestions: [], purposes: new Map(), projectNames: ['adapt-kit'] }, { ...ctx, all: true });
      return workflows.find((w) => w.steps.some((s) => s.calls[0].call.callee === 'merge_adapters'))!;
    };
    expect(await project([readme, await on('docs/combine.md', merging, 'Combining fine-tuned weights in AdaptKit')])).toMatchObject({ name: 'Combining_Fine_Tuned_Weights', nameFrom: 'docs-title' });
    expect(await project([readme, await on('docs/combine.md', merging, 'Combining weights with Adapt Kit\'s merger')])).toMatchObject({ name: 'Combining_Weights_Merger', nameFrom: 'docs-title' });
    expect(await project([readme, await on('docs/combine.md', merging, 'AdaptKit weight combining')])).toMatchObject({ name: 'Adapt_Kit_Weight_Combining', nameFrom: 'docs-title' });
  });

  it('a use case that holds several sections of its representative\'s page is named by the page title before the section heading', async () => {
    const merging = `${H}m = Model.from_pretrained("x")\nm.load_adapter("o", name="a")\nm = merge_adapters(m, ["a"], [1.0])\nm.save("o")\n`;
    const section = async (heading: string, line: number) => {
      const a = await analysed(ADAPTKIT, merging.replace('"x"', `"${line}"`), 'docs/combine.md', 'docs');
      Object.assign(a.candidate, { heading, line, id: `docs/combine.md#L${line}` });
      return { ...a, page: 'Combining fine-tuned weights' };
    };
    const name = async (sections: AnalysedSource[]) => buildWorkflows(sections, { suggestions: [], purposes: new Map() }, { ...ctx, all: true }).workflows.find((w) => w.steps.some((s) => s.calls[0].call.callee === 'merge_adapters'))!;
    // One section: its heading (it names the API's domain) names the use case.
    expect(await name([await section('Merging adapters from a template', 10)])).toMatchObject({ name: 'Merging_Adapters_From_Template', nameFrom: 'docs-heading' });
    // A heading that says where the page goes or ends ("Next steps", "Putting it all together") names no task.
    for (const h of ['Next steps', "What's next?", 'Putting it all together', 'Full example']) expect((await name([await section(h, 10)])).nameFrom).not.toBe('docs-heading');
    // Two sections of the page: the page is about the use case, its title names it.
    expect(await name([await section('Merging adapters from a template', 10), await section('Merging adapters by hand', 40)])).toMatchObject({ name: 'Combining_Fine_Tuned_Weights', nameFrom: 'docs-title' });
    // The representative's own page names it even when more of the use case's sections are on other pages...
    const elsewhere = await Promise.all([1, 2, 3].map(async (k) => {
      const a = await analysed(ADAPTKIT, merging.replace('"x"', `"o${k}"`), `docs/other${k}.md`, 'docs');
      Object.assign(a.candidate, { heading: 'Other merging', line: 5, id: `docs/other${k}.md#L5` });
      return { ...a, score: 10, page: `Other page ${k}` };
    }));
    const own = [await section('Merging adapters from a template', 10), await section('Merging adapters by hand', 40)];
    expect(await name([...own, ...elsewhere])).toMatchObject({ name: 'Combining_Fine_Tuned_Weights', nameFrom: 'docs-title' });
    // ... but not a page whose sections make a milestone of the library the use case lacks (a page about
    // something else whose examples also merge).
    const plus = await section('Merging adapters by hand', 40);
    const extra = await analysed(ADAPTKIT, `${merging}m.generate("hi")\n`.replace('"x"', '"40"'), 'docs/combine.md', 'docs');
    Object.assign(extra.candidate, plus.candidate);
    expect((await name([own[0], { ...extra, page: plus.page }, ...elsewhere])).nameFrom).not.toBe('docs-title');
  });

  it('a use case is represented by a docs section on the page about its distinctive API, not by the first "Basic usage" that calls it', async () => {
    const merging = `${H}m = Model.from_pretrained("x")\nm = merge_adapters(m, ["a"], [1.0])\nm.save("o")\n`;
    const section = async (file: string, page: string, heading: string, code: string) => {
      const a = await analysed(ADAPTKIT, code, file, 'docs');
      return { ...a, page, candidate: { ...a.candidate, heading } };
    };
    const aside = await section('docs/reasoning.md', 'Reasoning', 'Basic usage', merging);
    const own = await section('docs/merging.md', 'Merging adapters', 'Weights', merging.replace('"x"', '"y"'));
    // Other sources load and save too: merging is what is distinctive.
    const tour = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save("o")\n`;
    const others = await Promise.all(['a', 'b', 'c'].map((k) => analysed(ADAPTKIT, tour.replace('"x"', `"${k}"`), `examples/${k}.py`)));
    const { workflows } = buildWorkflows([aside, own, ...others], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const w = workflows.find((x) => x.anchor === 'merge_adapters')!;
    expect(w.sources.map((s) => s.path)).toEqual(['docs/merging.md', 'docs/reasoning.md']);
    // A title that names the API in code counts too; a heading alone, or a title naming part of it, does not.
    const call = w.steps.find((s) => s.calls[0].call.callee === 'merge_adapters')!.calls[0].call;
    expect(onApiPage(await section('docs/api.md', 'The `merge_adapters` function', 'Usage', merging), call)).toBe(true);
    expect(onApiPage(await section('docs/a.md', 'Adapters', 'merge_adapters', merging), call)).toBe(false);
    expect(onApiPage(await section('docs/b.md', 'Merging', 'Loading', merging), call)).toBe(false);
    // A callee part that is no identifier is compared, never read as a pattern.
    for (const callee of ['GradioUI(agent.launch)', 'tools[name', 'x.y+']) expect(onApiPage(await section('docs/c.md', 'Another page', 'Usage', merging), { ...call, callee })).toBe(false);
  });

  it('splits a section where a block starts afresh (its own imports, no variable of an earlier block), and keeps a section that passes its variables on', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-parts-'));
    cpSync(ADAPTKIT, repo, { recursive: true });
    const fence = (code: string) => `\`\`\`python\n${code}\`\`\`\n\n`;
    writeFileSync(
      path.join(repo, 'docs/parts.md'),
      [
        '# Parts\n\n## Quick start\n\n',
        fence('from adaptkit import Model\nm = Model.from_pretrained("x")\nm.generate("hi")\n'),
        'Or train your own:\n\n',
        fence('from adaptkit import Model, Trainer, TrainingArgs, add_adapter, AdapterConfig\nbase = Model.from_pretrained("y")\nbase = add_adapter(base, AdapterConfig())\nTrainer(base, [], TrainingArgs()).train()\n'),
        '## Step by step\n\n',
        fence('from adaptkit import Model\nm = Model.from_pretrained("x")\n'),
        fence('m.save("out")\n'),
        fence('from adaptkit import merge_adapters\nm = merge_adapters(m, ["a"], [1.0])\n'),
      ].join(''),
    );
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-partsw-')), name: 'acme_adaptkit', all: true });
    const sections = (heading: string) =>
      m.workflows
        .flatMap((w) => w.sources)
        .filter((s) => s.path === 'docs/parts.md' && s.heading === heading)
        .map((s) => [s.span.start, s.span.end]);
    const text = readFileSync(path.join(repo, 'docs/parts.md'), 'utf8').split('\n');
    const line = (needle: string, from = 0) => text.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    // Two snippets that share nothing: two sources, each its own block.
    expect(sections('Quick start').sort((a, b) => a[0] - b[0])).toEqual([
      [line('from adaptkit import Model'), line('m.generate')],
      [line('from adaptkit import Model, Trainer'), line('.train()')],
    ]);
    // A block without imports continues the one before; a block that imports but reads `m` joins its maker.
    const step = line('## Step by step');
    expect(sections('Step by step')).toEqual([[line('from adaptkit import Model', step), line('merge_adapters(m', step)]]);
  });

  it('reads the Markdown pages of a tutorials folder as docs sections', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-tut-'));
    cpSync(ADAPTKIT, repo, { recursive: true });
    mkdirSync(path.join(repo, 'tutorials'));
    writeFileSync(path.join(repo, 'tutorials/merging.md'), `# Merging\n\n## Merge two adapters\n\n\`\`\`python\n${partial}\`\`\`\n`);
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-tutw-')), name: 'acme_adaptkit', all: true });
    expect(m.candidates.find((c) => c.path === 'tutorials/merging.md')).toMatchObject({ kind: 'docs', heading: 'Merge two adapters' });
  });

  it('a snippet of configuration objects only, or of calls most sources make, follows the use case that makes them', async () => {
    const quick = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save("o")\n`;
    const readme = await analysed(ADAPTKIT, quick, 'README.md', 'readme');
    // Builds a config and stops ("then pass it to add_adapter"): no use case of its own.
    const fragment = await analysed(ADAPTKIT, `${H}cfg = AdapterConfig(rank=8)\n`, 'docs/config.md', 'docs');
    // Only what most sources do (load, add an adapter, save): the quick start's, though the quick start does more.
    const common = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("y")\nm = add_adapter(m, AdapterConfig())\nm.save("p")\n`, 'docs/custom.md', 'docs');
    const merging = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm = add_adapter(m, AdapterConfig())\nm = merge_adapters(m, ["a"], [1.0])\nm.save("q")\n`, `examples/${k}.py`)));
    const cases = mineUseCases([readme, fragment, common, ...merging]);
    const owner = (p: string) => cases.find((u) => u.members.some((m) => m.candidate.path === p));
    expect(owner('docs/config.md')).toBe(owner('README.md'));
    expect(owner('docs/custom.md')).toBe(owner('README.md'));
    // A source with a call of its own still leads its own use case.
    expect(owner('examples/a.py')).not.toBe(owner('README.md'));
  });

  it('orders steps as the sources that make both run them, not by mean position: a save two scripts make after training stays after it', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .train import Trainer, load_data\n',
      'pkg/train.py': 'def load_data(name):\n    return [name]\n\n\nclass Trainer:\n    def __init__(self, data):\n        self.data = data\n\n    def train(self):\n        return self\n\n    def save_model(self, path):\n        return path\n\n    def push_to_hub(self, repo_id):\n        return repo_id\n',
    });
    const short = 'from pkg import Trainer, load_data\ndata = load_data("d")\ntrainer = Trainer(data)\ntrainer.train()\n';
    const long = `${short}trainer.save_model("out")\ntrainer.push_to_hub("me/model")\n`;
    const sections = await Promise.all(['a', 'b', 'c', 'd'].map((k) => analysed(repo, short, `examples/${k}.py`)));
    const scripts = await Promise.all(['e', 'f'].map((k) => analysed(repo, long, `scripts/${k}.py`)));
    expect(scripts[0].steps.map((st) => st.title)).toEqual(['Load Data', 'Train', 'Save Model', 'Push to Hub']);
    // Train is the last step of four sources (mean position 0.78), Save Model the third of four in two (0.67).
    const steps = consensusSteps([...sections, ...scripts], callKey(sections[0].steps[1].calls[0]));
    expect(steps.map((st) => st.title)).toEqual(['Load Data', 'Train', 'Save Model', 'Push to Hub']);
  });

  it("a README representative's steps count twice in its use case's consensus; an example's once", async () => {
    const quick = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nm.save_gguf("q")\n`;
    const other = `${H}m = Model.from_pretrained("x")\nm.load_adapter("a", name="a")\nm = merge_adapters(m, ["a"], [1.0])\nm.save_gguf("q")\n`;
    const others = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, other, `examples/${k}.py`)));
    const steps = async (file: string, kind: SourceKind) => {
      const rep = await analysed(ADAPTKIT, quick, file, kind);
      const anchor = callKey(rep.steps[rep.steps.length - 1].calls[0]);
      return consensusSteps([rep, ...others], anchor).map((s) => s.calls[0].callee);
    };
    expect([...(await steps('README.md', 'readme'))].sort()).toEqual(['Model.from_pretrained', 'add_adapter', 'm.load_adapter', 'm.save_gguf', 'merge_adapters']);
    expect(await steps('examples/quick.py', 'example')).not.toContain('add_adapter');
  });

  it('small use cases pooled on one API are anchored on their most trusted section, not on the biggest', async () => {
    // Two calls of the same module, one shown by a short README section, the other by two docs sections.
    const readme = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm.generate("hi")\n`, 'README.md', 'readme');
    const docs = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, `${H}m = Model([1.0])\nm.save_gguf("${k}")\n`, `docs/${k}.md`, 'docs')));
    const { workflows } = buildWorkflows([readme, ...docs], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const pooled = workflows.find((w) => w.sources.some((s) => s.path === 'README.md'))!;
    expect(pooled.sources.map((s) => s.path)).toContain('docs/a.md');
    expect(['Model.from_pretrained', 'm.generate']).toContain(pooled.anchor);
  });

  it("an SDK client's methods pool by docs page: the backups guide and the assistants guide are two areas, though one file defines them", async () => {
    const methods = ['create_backup', 'list_backups', 'delete_backup', 'create_assistant', 'list_assistants', 'delete_assistant'];
    const repo = write({
      'pyproject.toml': '[project]\nname = "cone"\n',
      'cone/__init__.py': 'from .client import ConeClient\n',
      'cone/client.py': `class ConeClient:\n${methods.map((m) => `    def ${m}(self, name):\n        return name\n`).join('\n')}`,
    });
    const section = (method: string, page: string) => analysed(repo, `from cone import ConeClient\npc = ConeClient()\npc.${method}("x")\n`, page, 'docs');
    const sections = await Promise.all(methods.map((m) => section(m, m.endsWith('backup') || m.endsWith('backups') ? 'docs/backups.md' : 'docs/assistants.md')));
    const { workflows } = buildWorkflows(sections, { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const byPage = workflows.map((w) => [...new Set(w.sources.map((s) => s.path))].join(' '));
    expect(byPage.sort()).toEqual(['docs/assistants.md', 'docs/backups.md']);
    expect(workflows.find((w) => w.sources[0].path === 'docs/backups.md')!.steps.map((s) => s.calls[0].call.callee).sort()).toEqual(['pc.create_backup', 'pc.delete_backup', 'pc.list_backups']);
  });

  it("... and so do the methods a module hands out as functions of one instance (`upload_file = api.upload_file`), whatever the class's name", async () => {
    const methods = ['upload_file', 'upload_folder', 'create_bucket', 'list_buckets'];
    const repo = write({
      'pyproject.toml': '[project]\nname = "hub"\n',
      'hub/__init__.py': `from .api import ${methods.join(', ')}\n`,
      'hub/api.py': `class HubApi:\n${methods.map((m) => `    def ${m}(self, name=None):\n        return name\n`).join('\n')}\n\napi = HubApi()\n${methods.map((m) => `${m} = api.${m}\n`).join('')}`,
    });
    const section = (calls: string[], page: string, kind: SourceKind) => analysed(repo, `from hub import ${calls.join(', ')}\n${calls.map((c) => `${c}("x")\n`).join('')}`, page, kind);
    const readme = await section(['upload_folder', 'upload_file'], 'README.md', 'readme');
    expect(readme.calls[0].resolution).toMatchObject({ kind: 'repo', qualname: 'HubApi.upload_folder' });
    // The buckets guide calls the same instance's methods: another area of the one file that defines them.
    const buckets = await section(['create_bucket', 'list_buckets'], 'docs/buckets.md', 'docs');
    const { workflows } = buildWorkflows([readme, buckets], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    expect(workflows.filter((w) => w.sources.some((s) => s.path === 'README.md') && w.sources.some((s) => s.path === 'docs/buckets.md'))).toEqual([]);
  });

  it("a pool of small use cases takes a joiner's extra step when several sources show it, not one source's own", async () => {
    const readme = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm.generate("hi")\n`, 'README.md', 'readme');
    const saved = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm.save_gguf("${k}")\n`, `docs/${k}.md`, 'docs')));
    const loaded = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("c")\nm.load_adapter("c")\n`, 'docs/c.md', 'docs');
    const { workflows } = buildWorkflows([readme, ...saved, loaded], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const pooled = workflows.find((w) => w.sources.some((s) => s.path === 'README.md'))!;
    const apis = pooled.steps.map((s) => s.calls[0].call.callee);
    expect(apis).toContain('m.save_gguf');
    expect(apis).not.toContain('m.load_adapter');
  });

  it('another trainer is another use case, however much scaffolding two scripts share', async () => {
    // Example scripts that load, add an adapter, save and export alike, each with a trainer of its own.
    const script = (trainer: string, k: string) =>
      analysed(ADAPTKIT, `${H}from trl import ${trainer}\nm = Model.from_pretrained("${k}")\nm = add_adapter(m, AdapterConfig())\n${trainer}(model=m).train()\nm.save("o")\nm.save_gguf("q")\n`, `examples/${trainer}_${k}.py`);
    const dpo = await Promise.all(['a', 'b', 'c'].map((k) => script('DPOTrainer', k)));
    const reward = await Promise.all(['a', 'b'].map((k) => script('RewardTrainer', k)));
    // Sources that do something else, so that the scaffolding is not made by every source.
    const others = await Promise.all(['a', 'b', 'c', 'd'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm.generate("hi")\n`, `examples/gen_${k}.py`)));
    const cases = mineUseCases([...dpo, ...reward, ...others]);
    const owner = (p: string) => cases.find((u) => u.members.some((m) => m.candidate.path === p));
    expect(owner('examples/RewardTrainer_a.py')).toBe(owner('examples/RewardTrainer_b.py'));
    expect(owner('examples/RewardTrainer_a.py')).not.toBe(owner('examples/DPOTrainer_a.py'));
    expect(owner('examples/RewardTrainer_a.py')!.anchorCall.callee).toBe('RewardTrainer');
  });

  it('names a use case of many sources after its README section heading when it says more than a bare action noun', async () => {
    const code = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save_gguf("q")\n`;
    const readme = await analysed(ADAPTKIT, code, 'README.md', 'readme');
    const others = await Promise.all(['a', 'b', 'c'].map((k) => analysed(ADAPTKIT, code, `examples/${k}.py`)));
    const named = (heading: string) =>
      buildWorkflows([{ ...readme, candidate: { ...readme.candidate, heading } }, ...others], { suggestions: [], purposes: new Map() }, { ...ctx, all: true }).workflows[0].name;
    expect(named('Export a small model')).toBe('Export_Small_Model');
    expect(named('Exporting')).not.toBe('Exporting');
  });

  it('a use case named like a higher-ranked one, whose trainer passes a topic option that one does not, is that one done that way', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .train import DPOTrainer, DPOConfig\n',
      'pkg/train.py': 'class DPOConfig:\n    def __init__(self, lr=1.0):\n        self.lr = lr\n\n\nclass DPOTrainer:\n    def __init__(self, model, args=None, peft_config=None):\n        self.model = model\n\n    def train(self):\n        return self\n',
    });
    const plain = await analysed(repo, 'from pkg import DPOTrainer\ntrainer = DPOTrainer("m")\ntrainer.train()\n', 'examples/plain.py');
    const peft = await analysed(repo, 'from pkg import DPOTrainer, DPOConfig\nargs = DPOConfig(lr=2.0)\ntrainer = DPOTrainer("m", args, peft_config={"r": 8})\n', 'examples/peft.py');
    const call = (a: AnalysedSource, callee: string) => a.calls.find((c) => c.callee === callee)!;
    // The docs made `peft_config` a topic (group/options.ts); mining anchored the second use case on its config.
    setOption(call(peft, 'DPOTrainer'), 'peft_config');
    const useCase = (a: AnalysedSource, anchor: CallSite) => ({ anchor: callKey(anchor), anchorCall: anchor, members: [a], steps: a.steps });
    const names = nameUseCases([useCase(plain, call(plain, 'DPOTrainer')), useCase(peft, call(peft, 'DPOConfig'))], { suggestions: [], purposes: new Map() }).map((n) => n.name);
    // Both are the trainer's training; the second is that training with PEFT, not its configuration object.
    expect(names[1]).toBe(`${names[0]}_With_PEFT`);
  });

  it("a topic option's words that only repeat the call's verb keep the option's whole name", async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .run import Runner, Trainer\n',
      'pkg/run.py': 'class Runner:\n    @classmethod\n    def run(cls, agent, run_config=None):\n        return agent\n\n\nclass Trainer:\n    def __init__(self, model, peft_config=None):\n        self.model = model\n',
    });
    const a = await analysed(repo, 'from pkg import Runner, Trainer\nout = Runner.run("agent", run_config={"trace": False})\ntrainer = Trainer("m", peft_config={"r": 8})\n');
    const call = (callee: string) => a.calls.find((c) => c.callee === callee)!;
    setOption(call('Runner.run'), 'run_config');
    setOption(call('Trainer'), 'peft_config');
    // `run_config` on `run`: not "With_Run", which says nothing the verb does not.
    expect(withOption(call('Runner.run'))).toBe('With_Run_Config');
    // `peft_config`: the word that says which way is enough.
    expect(withOption(call('Trainer'))).toBe('With_PEFT');
  });

  it('a use case whose name another took is named after its most distinctive step that the other lacks, not numbered', async () => {
    const src = (code: string, k: string) => analysed(ADAPTKIT, `${H}${code}`, `examples/${k}.py`);
    const plain = await src('m = Model.from_pretrained("x")\nm.save_gguf("q")\n', 'plain');
    const merged = await src('m = Model.from_pretrained("x")\nm = merge_adapters(m, ["a"], [1.0])\nm.save_gguf("q")\n', 'merged');
    const bare = await src('m = Model.from_pretrained("x")\nm.save_gguf("r")\n', 'bare');
    const save = (a: AnalysedSource) => a.steps.find((s) => s.calls[0].callee === 'm.save_gguf')!.calls[0];
    // Three use cases anchored on the same call (so the same name), each with its distinctiveness.
    const weight = (k: string) => (k === callKey(save(plain)) || k.includes('merge_adapters') ? 2 : 0);
    const useCase = (a: AnalysedSource) => ({ anchor: callKey(save(a)), anchorCall: save(a), members: [a], steps: a.steps, weight });
    const chosen = nameUseCases([useCase(plain), useCase(merged), useCase(bare)], { suggestions: [], purposes: new Map() });
    const names = chosen.map((n) => n.name);
    expect(names[1]).not.toBe(names[0]);
    expect(names[1]).toMatch(/Merg/);
    // Nothing sets the third apart: numbered, and it says whose name it would have (a near-duplicate of it).
    expect(names[2]).toBe(`${names[0]}_2`);
    expect(chosen.map((n) => n.sameAs)).toEqual([undefined, undefined, names[0]]);
    // So it is a repeat: not written without --all, and the report says whose name it would have.
    const ranked = [useCase(plain), useCase(merged), useCase(bare)].map((u) => ({ ...u, score: 1, evidence: [] as RankEvidence[], testOnly: false }));
    markNumbered(ranked, chosen);
    expect(ranked.map((u) => u.evidence.map((e) => e.kind))).toEqual([[], [], ['repeats']]);
    expect(ranked[2].evidence[0].detail).toContain(`named like ${names[0]}`);
  });


  it("a word most use cases' distinctive APIs share (the library's one object) names none of them", async () => {
    const methods = ['debug', 'bind', 'level', 'configure', 'complete', 'catch'];
    const repo = write({
      'pyproject.toml': '[project]\nname = "logs"\n',
      'logs/__init__.py': 'from .core import Logger\n\nlogger = Logger()\n',
      'logs/core.py': ['class Logger:', ...methods.flatMap((m) => [`    def ${m}(self, x=None):`, '        return x', ''])].join('\n'),
    });
    const src = (m: string, file: string, kind: SourceKind, heading?: string) =>
      analysed(repo, `from logs import logger\nlogger.${m}("a")\n`, file, kind).then((a) => ({ ...a, candidate: { ...a.candidate, ...(heading ? { heading } : {}) } }));
    const useCases = await Promise.all(
      methods.map(async (m, i) => {
        const members = [await src(m, `README.md#${i}`, 'readme', 'Quick start'), ...(i === 0 ? [await src(m, 'docs/cython.md', 'docs', 'Logger within a Cython module')] : [])];
        const anchorCall = members[0].calls.find((c) => c.callee === `logger.${m}`)!;
        return { anchor: callKey(anchorCall), anchorCall, members, steps: members[0].steps };
      }),
    );
    const names = nameUseCases(useCases, { suggestions: [], purposes: new Map() }).map((n) => n.name);
    // "Logger" is in every use case's API: the heading says nothing of debugging.
    expect(names[0]).not.toMatch(/Cython/);
    // Among fewer use cases the word still counts: the heading names the first.
    const few = nameUseCases(useCases.slice(0, 2), { suggestions: [], purposes: new Map() }).map((n) => n.name);
    expect(few[0]).toMatch(/Cython/);
  });

  it('a heading that names the class of the distinctive call names the use case (`rt.send` is a RealtimeSession method)', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .rt import RealtimeSession\n',
      'pkg/rt.py': 'class RealtimeSession:\n    def send(self, event):\n        return event\n\n    def close(self):\n        return None\n',
    });
    const members = await Promise.all(['a', 'b', 'c', 'd'].map(async (k) => {
      const a = await analysed(repo, `from pkg import RealtimeSession\nrt = RealtimeSession()\nrt.send({"type": "${k}"})\nrt.close()\n`, `docs/${k}.md`, 'docs');
      a.candidate.heading = 'Realtime API';
      return a;
    }));
    const send = members[0].steps.find((s) => s.calls[0].callee === 'rt.send')!.calls[0];
    const [named] = nameUseCases([{ anchor: callKey(send), anchorCall: send, members, steps: members[0].steps }], { suggestions: [], purposes: new Map() });
    expect(named).toMatchObject({ name: 'Realtime_API', from: 'docs-heading' });
  });

  it('names a use case anchored on an object it builds after the milestone the object serves, not after building it', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': [
        'class LocalModel:',
        '    pass',
        'class MultiStepAgent:',
        '    def __init__(self, model=None):',
        '        self.model = model',
        '    def run(self, task):',
        '        return task',
        '    def reject(self):',
        '        pass',
        'class CodeAgent(MultiStepAgent):',
        '    pass',
        'def describe_model(model):',
        '    return model',
        'def run(agent, task):',
        '    return agent.run(task)',
        '',
      ].join('\n'),
    });
    const named = async (code: string, anchor: string) => {
      const a = await analysed(repo, `from pkg import LocalModel, CodeAgent, describe_model, run\n${code}`);
      const call = a.calls.find((c) => c.callee === anchor)!;
      return nameUseCases([{ anchor: callKey(call), anchorCall: call, members: [a], steps: a.steps }], { suggestions: [], purposes: new Map() })[0].name;
    };
    // The model handed to the agent that runs: the run names it.
    expect(await named('model = LocalModel()\nagent = CodeAgent(model=model)\nagent.run("task")\n', 'LocalModel')).toBe('Code_Agent_Execution');
    // Written into the agent's arguments (part of the run's step): the same.
    expect(await named('agent = CodeAgent(model=LocalModel())\nagent.run("task")\n', 'LocalModel')).toBe('Code_Agent_Execution');
    // The agent built then run: its run names it, not its building.
    expect(await named('agent = CodeAgent()\nagent.run("task")\n', 'CodeAgent')).toBe('Code_Agent_Execution');
    // Handed to no milestone: the API name stays.
    expect(await named('model = LocalModel()\ndescribe_model(model)\n', 'LocalModel')).toBe('Local_Building');
    // Handed to a milestone that names nothing it acts on (`run(agent, task)`: a bare Execution): the
    // object's own name says more.
    expect(await named('agent = CodeAgent()\nrun(agent, "task")\n', 'CodeAgent')).not.toBe('Execution');
    // Named from its steps (an anchor that names nothing: `agent.reject()`): a step that names what it
    // acts on before a bare Execution.
    expect(await named('agent = CodeAgent()\nrun(agent, "task")\nagent.reject()\n', 'agent.reject')).not.toBe('Execution');
  });

  it('never names a use case after a README heading that is a bare verb ("Launch", "Train")', async () => {
    const readme = await analysed(ADAPTKIT, `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\n`, 'README.md', 'readme');
    const named = (heading: string) => {
      readme.candidate.heading = heading;
      const last = readme.steps[readme.steps.length - 1].calls[0];
      return nameUseCases([{ anchor: callKey(last), anchorCall: last, members: [readme], steps: readme.steps }], { suggestions: [], purposes: new Map() })[0].name;
    };
    expect(named('Train')).not.toBe('Train');
    expect(named('Launch')).not.toBe('Launch');
  });

  it('never names a use case after a heading that is only its API\'s own verb ("Basic sync" for `sync_bucket`)', async () => {
    const { write } = await import('./repos.js');
    const repo = write({ 'hub/__init__.py': 'def sync_bucket(path):\n    pass\n\ndef list_files(b):\n    pass\n\ndef drop_files(b):\n    pass\n' });
    const docs = await analysed(repo, 'from hub import sync_bucket, list_files, drop_files\nsync_bucket("a")\nlist_files("a")\ndrop_files("a")\n', 'docs/buckets.md', 'docs');
    const named = (heading: string) => {
      docs.candidate.heading = heading;
      const first = docs.steps[0].calls[0];
      return nameUseCases([{ anchor: callKey(first), anchorCall: first, members: [docs], steps: docs.steps }], { suggestions: [], purposes: new Map() })[0].name;
    };
    expect(named('Basic sync')).not.toBe('Sync');
    expect(named('Basic sync')).toMatch(/Sync_Bucket|Bucket_Synchronization/);
    // A heading that says more than the verb still names it.
    expect(named('Sync a local folder')).toBe('Sync_Local_Folder');
  });

  it('names a use case after the task its README section states in a purpose clause ("To save merged adapters, ...")', async () => {
    const code = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nm = merge_adapters(m, ["a"], [1.0])\nm.save("o")\n`;
    const readme = await analysed(ADAPTKIT, code, 'README.md', 'readme');
    const named = (text: string) =>
      buildWorkflows([{ ...readme, paragraphs: [{ text, line: 1 }] }], { suggestions: [], purposes: new Map() }, { ...ctx, all: true }).workflows[0].name;
    expect(named('To save merged adapters, load the model and call the function below.')).toBe('Merged_Adapters_Saving');
    // No milestone verb ("get started"), or a sentence rather than a name: the other rules name it.
    expect(named('To get started, load the model.')).not.toMatch(/Started/);
    expect(named('To merge the adapters that you trained last week, call it.')).not.toMatch(/Week/);
  });

  it('names a use case after the call its README section introduces in a code span, not the rarer call its code ends with', async () => {
    const quick = `${H}m = Model.from_pretrained("x")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save_gguf("q")\n`;
    const readme = await analysed(ADAPTKIT, quick, 'README.md', 'readme');
    const others = await Promise.all(['a', 'b'].map((k) => analysed(ADAPTKIT, `${H}m = Model.from_pretrained("${k}")\nm = add_adapter(m, AdapterConfig())\nTrainer(m, [], TrainingArgs()).train()\nm.save("o")\n`, `examples/${k}.py`)));
    const named = (paragraphs: { text: string; line: number }[]) =>
      buildWorkflows([{ ...readme, paragraphs }, ...others], { suggestions: [], purposes: new Map() }, { ...ctx, all: true }).workflows.find((w) => w.sources.some((s) => s.path === 'README.md'))!;
    // The code alone: the rarest milestone (the GGUF export only the README makes) names it.
    const silent = named([{ text: 'Then run this.', line: 1 }]);
    // The prose says what the section shows.
    const spoken = named([{ text: 'Wrap the model with `add_adapter`, train it, then export it.', line: 1 }]);
    // Mining and ranking keep their anchor; the workflow shows the call its name was made from.
    expect(spoken.rank).toBe(silent.rank);
    expect(silent.anchor).toBe('m.save_gguf');
    expect(spoken.anchor).toBe('add_adapter');
    expect(spoken.name).not.toBe(silent.name);
    expect(spoken.name).toMatch(/Adapter/);
  });
});

describe('encoders that load by name, trainers given their parts, config-only sections', () => {
  // A library of encoders built from a pretrained name (sentence-embedding libraries), with a trainer that
  // takes a loss object and a training-arguments class.
  const repo = write({
    'pyproject.toml': '[project]\nname = "enc"\n',
    'enc/__init__.py': 'from .model import Reranker, EncoderTrainer, EncoderTrainingArguments, RankLoss, LogHandler\n',
    'enc/model.py': [
      'import logging',
      'from transformers import Trainer',
      'class Reranker:',
      '    def __init__(self, model_name_or_path, device=None):',
      '        self.name = model_name_or_path',
      '    def predict(self, pairs):',
      '        return [0.0 for _ in pairs]',
      '    def rank(self, query, docs):',
      '        return sorted(docs)',
      '    def save_pretrained(self, path):',
      '        return path',
      'class RankLoss:',
      '    def __init__(self, model):',
      '        self.model = model',
      'class EncoderTrainingArguments:',
      '    def __init__(self, output_dir, epochs=1):',
      '        self.output_dir = output_dir',
      'class EncoderTrainer(Trainer):',
      '    def __init__(self, model, args, train_dataset, loss):',
      '        self.model = model',
      'class LogHandler(logging.Handler):',
      '    pass',
      '',
    ].join('\n'),
  });
  const E = 'from enc import Reranker, EncoderTrainer, EncoderTrainingArguments, RankLoss, LogHandler\n';
  const ctx = { repoName: 'acme_x', runtime: 'Python' as const, modelDomains: [], existingImplementations: new Set<string>() };

  it('a constructor given a pretrained name is a Load step of its own, before the first call on the instance', async () => {
    const a = await analysed(repo, `${E}model = Reranker("org/reranker-small")\nscores = model.predict([("q", "d")])\nranks = model.rank("q", ["d", "e"])\n`, 'README.md', 'readme');
    expect(a.steps.map((s) => `${s.title}|${s.calls.map((c) => c.callee).join('+')}`)).toEqual(['Load Reranker|Reranker', 'Predict Scores|model.predict', 'Rank|model.rank']);
    // A logging handler the example installs is boilerplate, even when the library defines it.
    const logged = await analysed(repo, `${E}import logging\nlogging.basicConfig(handlers=[LogHandler()])\nmodel = Reranker("org/reranker-small")\nmodel.predict([("q", "d")])\n`);
    expect(mains(logged)).toEqual(['Reranker', 'model.predict']);
  });

  it('a constructor given an API model id (`model_id`) loads nothing: it is no Load step', async () => {
    const repo2 = write({
      'pyproject.toml': '[project]\nname = "ag"\n',
      'ag/__init__.py': 'class ApiModel:\n    def __init__(self, model_id):\n        self.model_id = model_id\n    def generate(self, prompt):\n        return prompt\n',
    });
    const a = await analysed(repo2, 'from ag import ApiModel\nm = ApiModel(model_id="provider/some-llm")\nm.generate("hi")\n');
    expect(a.steps.map((s) => s.calls.map((c) => c.callee).join('+'))).toEqual(['m.generate+ApiModel']);
  });

  it('a call most sources make part of another step is a step of its own where the step shown does not hold it (a tool defined between making the agent and running it)', async () => {
    const repo2 = write({
      'pyproject.toml': '[project]\nname = "ag"\n',
      'ag/__init__.py': [
        'class BaseAgent:',
        '    def run_sync(self, prompt):',
        '        return prompt',
        'class Agent(BaseAgent):',
        '    def __init__(self, model, output_type=None):',
        '        self.model = model',
        '    def tool(self, func):',
        '        return func',
        '',
      ].join('\n'),
    });
    const readme = await analysed(repo2, 'from ag import Agent\nagent = Agent("m", output_type=str)\n\n\n@agent.tool\ndef reviews(ctx, product):\n    return []\n\n\nresult = agent.run_sync("how are people feeling?")\n', 'README.md', 'readme');
    const docs = await Promise.all(['a', 'b', 'c'].map((k) => analysed(repo2, `from ag import Agent\nagent = Agent("${k}")\nresult = agent.run_sync("hi")\n`, `docs/${k}.md`, 'docs')));
    // The docs make and run the agent in one step; the README makes it, defines a tool on it, then runs it.
    expect(docs[0].steps.map((st) => st.calls.map((c) => c.callee).join('+'))).toEqual(['Agent+agent.run_sync']);
    expect(readme.steps.map((st) => st.calls[0].callee)).toEqual(['Agent', 'agent.tool', 'agent.run_sync']);
    const steps = consensusSteps([readme, ...docs], callKey(readme.steps[1].calls[0]));
    expect(steps.map((st) => st.calls[0].callee)).toEqual(['Agent', 'agent.tool', 'agent.run_sync']);
  });

  it('a method the instance inherits from a base class of the repository is its own class at work, and a tool or agent object is made, not run', async () => {
    const repo2 = write({
      'pyproject.toml': '[project]\nname = "ag"\n',
      'ag/__init__.py': [
        'class MultiStepAgent:',
        '    def __init__(self, tools, model=None):',
        '        self.tools = tools',
        '    def run(self, task):',
        '        return task',
        '    def save(self, path):',
        '        return path',
        '    def deepcopy(self):',
        '        return self',
        'class CodeAgent(MultiStepAgent):',
        '    pass',
        'class ToolCallingAgent(MultiStepAgent):',
        '    pass',
        'class WebSearchTool:',
        '    pass',
        '',
      ].join('\n'),
    });
    const run = async (cls: string) => (await analysed(repo2, `from ag import ${cls}, WebSearchTool\nagent = ${cls}(tools=[WebSearchTool()])\nagent.run("task")\n`)).steps;
    const [code, tools] = [await run('CodeAgent'), await run('ToolCallingAgent')];
    // Titled by the method and the class at work, one principle per class.
    expect(code.map((s) => `${s.title}|${s.calls[0].callee}`)).toEqual(['Run Code Agent|CodeAgent']);
    expect([code[0].principle, tools[0].principle]).toEqual(['Code_Agent_Execution', 'Tool_Calling_Agent_Execution']);
    expect(titleOf(nameCall(code[0].calls.find((c) => c.callee === 'WebSearchTool')!))).toBe('Create Web Search Tool');
    expect(callKey(code[0].calls[0])).not.toBe(callKey(tools[0].calls[0]));
    // Saving is the base class's work, the same for every agent: the method is the step.
    const saved = (await analysed(repo2, `from ag import CodeAgent\nagent = CodeAgent(tools=[])\nagent.save("out")\n`)).steps;
    expect(saved.map((s) => `${s.title}|${s.calls[0].callee}`)).toEqual(['Save Multi Step Agent|agent.save']);
    // A method that names no action of the library's keeps the lead of the step it titles: the title
    // and the implementation are one call's (not "Call Deepcopy" over the CodeAgent constructor).
    const copied = (await analysed(repo2, `from ag import CodeAgent\nagent = CodeAgent(tools=[])\nclone = agent.deepcopy()\n`)).steps;
    expect(copied.map((s) => `${s.title}|${s.calls[0].callee}`)).toEqual(['Call Deepcopy|agent.deepcopy']);
  });

  it('an object built to be called once for a milestone (`evaluate = Evaluate(...)`, then `evaluate(program)`) is one step with that call', async () => {
    const repo2 = write({
      'pyproject.toml': '[project]\nname = "ev"\n',
      'ev/__init__.py': ['class Evaluate:', '    def __init__(self, devset, metric=None):', '        self.devset = devset', '    def __call__(self, program):', '        return 1.0', 'class Agent:', '    def __call__(self, task):', '        return task', ''].join('\n'),
    });
    const steps = (await analysed(repo2, `from ev import Evaluate, Agent\nagent = Agent()\nevaluate = Evaluate(devset=[], metric=len)\nscore = evaluate(agent)\nagent("task")\n`)).steps;
    expect(steps.map((s) => `${s.title}|${s.calls.map((c) => c.callee).join(',')}`)).toEqual(['Create Agent|Agent', 'Evaluate|evaluate,Evaluate', 'Run Agent|agent']);
  });

  it("a trainer's step is led by the trainer, not by a loss object built for it (its `.train()` inherited from outside)", async () => {
    const a = await analysed(repo, `${E}model = Reranker("org/r")\nloss = RankLoss(model)\nargs = EncoderTrainingArguments("out")\ntrainer = EncoderTrainer(model=model, args=args, train_dataset=[], loss=loss)\ntrainer.train()\nmodel.save_pretrained("out")\n`);
    const train = a.steps.find((s) => s.calls.some((c) => c.callee === 'trainer.train'))!;
    expect(train.calls[0].callee).toBe('EncoderTrainer');
    // Titled by the trainer, not by the bare `.train()` it leads (was Train, principle Training).
    expect(train.title).toBe('Train Encoder');
    expect(train.principle).toBe('Encoder_Training');
  });

  it('a use case that trains is named after its training, not after the rarer save or load around it', async () => {
    const a = await analysed(repo, `${E}model = Reranker("org/r")\nloss = RankLoss(model)\nargs = EncoderTrainingArguments("out")\ntrainer = EncoderTrainer(model=model, args=args, train_dataset=[], loss=loss)\ntrainer.train()\nmodel.save_pretrained("out")\n`);
    // The save is the rarest call of the repository: it anchors the use case, but does not name it.
    const u = settle([a], (k) => (k.includes('save_pretrained') ? 3 : 1), publicSurface())!;
    expect(nameCall(u.anchorCall).role).toBe('save');
    expect(nameUseCases([u], { suggestions: [], purposes: new Map() })[0].name).toBe('Encoder_Training');
    // A use case without training keeps the name of its distinctive call.
    const b = await analysed(repo, `${E}model = Reranker("org/r")\nmodel.predict([("q", "d")])\nmodel.save_pretrained("out")\n`);
    const v = settle([b], (k) => (k.includes('save_pretrained') ? 3 : 1), publicSurface())!;
    expect(nameUseCases([v], { suggestions: [], purposes: new Map() })[0].name).toMatch(/Sav/);
  });

  it('a heading names one use case, however it is spelt ("Hugging Face Inference", "Huggingface inference")', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import InferenceClient\n',
      'pkg/client.py': 'class InferenceClient:\n    def fill_mask(self, text):\n        return text\n\n    def run_inference(self, text):\n        return text\n\n    def batch_inference(self, text):\n        return text\n',
    });
    const section = async (code: string, heading: string) => {
      const a = await analysed(repo, `from pkg import InferenceClient\nclient = InferenceClient()\n${code}`, 'README.md', 'readme');
      a.candidate = { ...a.candidate, id: `README.md#${heading}`, heading };
      return a;
    };
    const one = await section('client.fill_mask("x")\nclient.run_inference("y")\n', 'Hugging Face Inference');
    const two = await section('client.batch_inference("z")\nclient.fill_mask("x")\n', 'Huggingface inference');
    const useCase = (a: AnalysedSource, anchor: string) => {
      const call = a.calls.find((c) => c.callee === anchor)!;
      return { anchor: callKey(call), anchorCall: call, members: [a], steps: a.steps };
    };
    const [first, second] = nameUseCases([useCase(one, 'client.run_inference'), useCase(two, 'client.batch_inference')], { suggestions: [], purposes: new Map() });
    expect(first.name).toBe('Hugging_Face_Inference');
    expect(second.name.toLowerCase().replace(/_/g, '')).not.toBe('huggingfaceinference');
  });

  it('a heading of one word keeps its parenthesis when the parenthesis names the API', () => {
    const api = new Set(['azure', 'managed', 'identity', 'token', 'provider']);
    expect(taskHeading('Azure (managed identity)', api, true)).toBe('Azure managed identity');
    // Otherwise a parenthesis is an aside (and one word that names a thing is no task).
    expect(taskHeading('Azure (preview)', api, true)).toBeUndefined();
    expect(taskHeading('Command line interface (CLI)', new Set(['command', 'line']), true)).toBe('Command line interface');
  });

  it('one word that names a thing ("A server in 15 lines", "Client") names no task; one that names a doing does', () => {
    expect(taskHeading('A server in 15 lines', new Set(['mcp', 'server']), true, 'readme')).toBeUndefined();
    expect(taskHeading('Client', new Set(['client', 'call', 'tool']), true)).toBeUndefined();
    expect(taskHeading('Checkpointing', new Set(['save', 'state']), false, 'page')).toBe('Checkpointing');
    expect(taskHeading('Transcription', new Set(['transcribe']), true)).toBe('Transcription');
    expect(taskHeading('A server with tools', new Set(['mcp', 'server']), true, 'readme')).toBe('A server with tools');
    // A qualifier makes it a use of the thing; an aside may say the doing.
    expect(taskHeading('Async client', new Set(['async', 'qdrant', 'client', 'query']), true, 'readme')).toBe('Async client');
    expect(taskHeading('OSF (Orthogonal Subspace Fine-tuning)', new Set(['osf', 'config']), false)).toBe('OSF Orthogonal Subspace Fine-tuning');
    // Nor one word left once the filler goes, nor an `-al` word that is no verb's noun.
    expect(taskHeading('Using Litellm', new Set(['from', 'litellm']), false, 'readme')).toBeUndefined();
    expect(taskHeading('Partials', new Set(['create', 'partial']), false, 'page')).toBeUndefined();
    expect(taskHeading('Retrieval', new Set(['retrieve']), false, 'page')).toBe('Retrieval');
    expect(taskHeading('Using Anthropic Models', new Set(['from', 'anthropic']), false, 'readme')).toBe('Using Anthropic Models');
  });

  it('a heading that names a list of options ("Optimization Flags", "Custom model settings") names no task', () => {
    expect(taskHeading('Optimization Flags', new Set(['lora', 'finetune']), false, 'readme')).toBeUndefined();
    expect(taskHeading('Custom model settings', new Set(['model', 'settings']), true)).toBeUndefined();
    expect(taskHeading('Generation parameters', new Set(['generate']), false, 'page')).toBeUndefined();
    // A task that mentions options still is one.
    expect(taskHeading('Optimizing with flags', new Set(['optimize']), false, 'readme')).toBe('Optimizing with flags');
  });

  it('a heading\'s generic lead ("Putting it together:", "Example:") goes like a numbering label; the words after it name the task', () => {
    const api = new Set(['support', 'agent']);
    expect(taskHeading('Putting it together: a bank support agent', api, true, 'readme')).toBe('a bank support agent');
    expect(workflowNameFrom(taskHeading('Putting it together: a bank support agent', api, true, 'readme')!)).toBe('Bank_Support_Agent');
    expect(taskHeading('Example: Creating a webhook that triggers a Job', new Set(['webhook']), true)).toBe('Creating a webhook that triggers a Job');
    // Only a lead followed by a colon or a dash and more words.
    expect(taskHeading('Tutorial on fine-tuning', new Set(['tutorial', 'fine', 'tuning']), true)).toBe('Tutorial on fine-tuning');
  });

  it("a heading names the API's domain word in another form, not a generic verb's; a problem is no task", () => {
    expect(taskHeading('Transcription', new Set(['transcribe']), true)).toBe('Transcription');
    expect(taskHeading('Translation', new Set(['experimental', 'stream', 'translate']), true)).toBe('Translation');
    expect(taskHeading('Embeddings', new Set(['embeddings']), true)).toBe('Embeddings');
    // "Streaming" and "Launching" are said by any heading: not the API's `stream` or `launch`.
    expect(taskHeading('Use the accumulated streaming helper', new Set(['stream']), true)).toBeUndefined();
    expect(taskHeading('Launching', new Set(['launch']), true)).toBeUndefined();
    // A troubleshooting entry states a problem.
    expect(taskHeading('"Metrics/attributes not appearing"', new Set(['metrics', 'attributes']), true)).toBeUndefined();
    expect(taskHeading('Why is my transcription empty', new Set(['transcribe']), true)).toBeUndefined();
    expect(taskHeading('How to write a DDUF file?', new Set(['dduf', 'export']), true)).toBe('How to write a DDUF file?');
    // So does one that relates two things: it explains, it names no task.
    expect(taskHeading('Relationship to standard agent runs', new Set(['agent', 'realtime']))).toBeUndefined();
    expect(taskHeading('Differences from `.create()`', new Set(['create']))).toBeUndefined();
    // So does how to move to it from something else (a change of the API, not a use of it).
    expect(taskHeading('Migration from External Servers', new Set(['create', 'sdk', 'mcp', 'server']))).toBeUndefined();
    expect(taskHeading('Migrating from Claude Code SDK', new Set(['query']))).toBeUndefined();
    expect(taskHeading('Database migrations', new Set(['migrate', 'database']), true)).toBe('Database migrations');
    // An API name after a colon only spells what the words before it name.
    expect(taskHeading('Returning the original completion: create_with_completion', new Set(['create', 'with', 'completion']))).toBe('Returning the original completion');
    expect(taskHeading('Streaming partial objects: `create_partial`', new Set(['create', 'partial']))).toBe('Streaming partial objects');
    // A name with its call's parentheses is as much code: "Basic Usage: query()" is about its words.
    expect(taskHeading('Querying a model: query()', new Set(['query']))).toBe('Querying a model');
    // A "start here" heading ranks its section first; it names no task.
    expect(taskHeading('Get Started in Minutes', new Set(['create']))).toBeUndefined();
    // A title naming a kind of document (rules, tips) names no task; a guide names the task it is about.
    expect(taskHeading('Gemini API Coding Guidelines (JavaScript/TypeScript)', new Set(['generate', 'content']), false, 'page')).toBeUndefined();
    expect(taskHeading('DSPy Cheatsheet', new Set(['predict']), false, 'page')).toBeUndefined();
    expect(taskHeading('Fine-tuning guide', new Set(['train']), false, 'page')).toBe('Fine-tuning guide');
    // Nor a title naming a kind of code: a "helpers" page gathers helpers for several tasks (streaming
    // chats and assistants, running tools), a "Tools helpers" page the helpers around a tool runner.
    expect(taskHeading('Streaming Helpers', new Set(['run', 'tools']), false, 'page')).toBeUndefined();
    expect(taskHeading('Tools helpers', new Set(['beta', 'tool']), false, 'page')).toBeUndefined();
    expect(taskHeading('Utilities', new Set(['load']), false, 'page')).toBeUndefined();
    // Nor does a record of changes to the API.
    expect(taskHeading('Backward compatibility', new Set(['make', 'processors']), false, 'page')).toBeUndefined();
    expect(taskHeading('Breaking changes in v2', new Set(['train']), false, 'page')).toBeUndefined();
    expect(taskHeading('Release Notes', new Set(['train']), false, 'page')).toBeUndefined();
    // How short or quick the code is says nothing of the task.
    // (What is left, "A server", is one word that names a thing: no task either.)
    expect(taskHeading('A server in 15 lines', new Set(['mcp', 'server']), false, 'readme')).toBeUndefined();
    expect(taskHeading('Train a model in 5 minutes', new Set(['train']), false, 'readme')).toBe('Train a model');
  });

  it("names no use case after a migration guide's heading", async () => {
    const sec = (h: string, arg: string) => [`## ${h}`, '', '```python', 'from pkg import set_language, set_format, transcribe', 'set_language("en")', 'set_format("srt")', `t = transcribe("${arg}")`, '```', ''];
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': '# pkg\n\nSpeech to text.\n',
      'pkg/__init__.py': 'from .api import set_language, set_format, transcribe\n',
      'pkg/api.py': 'def set_language(x):\n    return x\n\n\ndef set_format(x):\n    return x\n\n\ndef transcribe(a):\n    return a\n',
      'docs/guide.md': ['# Guide', '', ...sec('Timeouts', 'a.wav'), ...sec('Retries', 'b.wav')].join('\n'),
      'docs/migration-guides/v2.md': ['# Migrating to v2', '', ...sec('transcribe_v1 renamed to transcribe', 'c.wav')].join('\n'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-migration-')), name: 'acme_pkg', all: true });
    expect(m.workflows.map((w) => w.name)).toHaveLength(1);
    expect(m.workflows[0].name).not.toMatch(/Renamed/);
  });

  it('a heading that is an identifier in a code span is an API name, as the bare identifier is', () => {
    const api = new Set(['create', 'agent', 'stream', 'response']);
    expect(taskHeading('`createAgentUIStreamResponse`', api)).toBeUndefined();
    expect(taskHeading('createAgentUIStreamResponse', api)).toBeUndefined();
    // Words around the span make a task heading again.
    expect(taskHeading('Streaming with `streamText`', new Set(['stream', 'text']))).toBe('Streaming with streamText');
  });

  it("a heading's numbering label goes before it names a task ('Use case 1:', 'Option 2:', 'Example 1.1:', 'Step 3:')", () => {
    const api = new Set(['fit', 'trainer']);
    expect(taskHeading('Use case 1: Pretraining from random weights', api)).toBe('Pretraining from random weights');
    expect(taskHeading('Example 1.1: Evaluate the model', api)).toBe('Evaluate the model');
    expect(taskHeading('Step 3: Train the model', api)).toBe('Train the model');
    expect(taskHeading('Option 2: Server mode', api)).toBe('Server mode');
    // Without a task after the label, nothing; a heading that is not a label keeps its words.
    expect(taskHeading('Option 1: Colocate mode', api)).toBeUndefined();
    expect(taskHeading('Examples of training', api)).toBe('Examples of training');
  });

  it('a docs section that only builds configuration objects never represents the use case it joins, nor names it', async () => {
    const walk = `${E}model = Reranker("org/r")\nloss = RankLoss(model)\nargs = EncoderTrainingArguments("out")\ntrainer = EncoderTrainer(model=model, args=args, train_dataset=[], loss=loss)\ntrainer.train()\nmodel.save_pretrained("out")\n`;
    const examples = await Promise.all(['a', 'b', 'c'].map((k) => analysed(repo, walk.replace('"out"', `"${k}"`), `examples/train_${k}.py`)));
    const args = await analysed(repo, `${E}args = EncoderTrainingArguments(output_dir="out", epochs=3)\n`, 'docs/training_overview.md', 'docs');
    args.candidate.heading = 'Training Arguments';
    const { workflows } = buildWorkflows([args, ...examples], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    const w = workflows.find((x) => x.sources.some((s) => s.path === 'docs/training_overview.md'))!;
    expect(w.sources[0].path).toMatch(/^examples\//);
    expect(w.anchor).not.toBe('EncoderTrainingArguments');
    expect(w.name).not.toMatch(/Arguments/);
  });

  it('a README heading naming the agent of the task ("Reranker Models") names the use case', async () => {
    const code = `${E}model = Reranker("org/reranker-small")\nscores = model.predict([("q", "d")])\nranks = model.rank("q", ["d", "e"])\n`;
    const readme = await analysed(repo, code, 'README.md', 'readme');
    readme.candidate.heading = 'Reranker Models';
    const others = await Promise.all(['a', 'b', 'c'].map((k) => analysed(repo, code.replace('"q"', `"${k}"`), `examples/${k}.py`)));
    const { workflows } = buildWorkflows([readme, ...others], { suggestions: [], purposes: new Map() }, { ...ctx, all: true });
    expect(workflows[0]).toMatchObject({ name: 'Reranker_Models', nameFrom: 'readme-heading' });
  });

  it('a use case anchored on a verbless call whose result it keeps is named for using it, not retrieving it', async () => {
    const lib = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import Client\n',
      'pkg/client.py': 'class Runner:\n    pass\n\n\nclass Client:\n    def connect(self) -> None:\n        pass\n\n    def tool_runner(self, spec) -> Runner:\n        return Runner()\n\n    def close(self) -> None:\n        pass\n',
    });
    const a = await analysed(lib, 'from pkg import Client\nc = Client()\nc.connect()\nrunner = c.tool_runner("t")\nprint(runner)\nc.close()\n');
    const u = settle([a], (k) => (k.includes('tool_runner') ? 3 : 1), publicSurface())!;
    expect(u.steps.map((s) => s.title)).toContain('Get Tool Runner');
    expect(nameUseCases([u], { suggestions: [], purposes: new Map() })[0].name).toBe('Tool_Runner_Usage');
  });

  it("a bare-verb method is named for its class's object, not for another call's; a class that is the verb's agent says nothing more", async () => {
    const lib = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .ui import ChatUI, SearchTool, Runner\n',
      'pkg/ui.py':
        'class SearchTool:\n    pass\n\n\nclass ChatUI:\n    def __init__(self, agent=None):\n        pass\n\n    def launch(self) -> None:\n        pass\n\n\n' +
        'class Runner:\n    def run(self) -> None:\n        pass\n',
    });
    const hints = { suggestions: [], purposes: new Map() };
    const weight = (k: string) => (/launch|Runner\.run/.test(k) ? 3 : /SearchTool/.test(k) ? 2 : 1);
    const ui = await analysed(lib, 'from pkg import ChatUI, SearchTool\ntool = SearchTool()\nChatUI(tool).launch()\n');
    const u = settle([ui], weight, publicSurface())!;
    expect(u.anchor).toContain('ChatUI.launch');
    expect(nameUseCases([u], hints)[0].name).toBe('Chat_UI_Launch');
    // `Runner.run`: the class is the verb's agent; the next distinctive call names the object, as before.
    const run = await analysed(lib, 'from pkg import Runner, SearchTool\ntool = SearchTool()\nr = Runner()\nr.run()\n');
    const v = settle([run], weight, publicSurface())!;
    expect(v.anchor).toContain('Runner.run');
    expect(nameUseCases([v], hints)[0].name).toBe('Search_Tool_Execution');
  });

  it("a use case mined on another package's call shows the library's own distinctive call", async () => {
    const lib = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .load import load_adapter, merge\n',
      'pkg/load.py': 'def load_adapter(name):\n    return name\n\n\ndef merge(model):\n    return model\n',
    });
    const code = 'import transformers\nfrom pkg import load_adapter, merge\nm = load_adapter("x")\nm = merge(m)\ntok = transformers.AutoTokenizer.from_pretrained("x")\nprint(tok.decode(m))\n';
    const a = await analysed(lib, code);
    const weight = (k: string) => (k.includes('decode') ? 3 : k.includes('merge') ? 2 : 1);
    const u = settle([a], weight, publicSurface())!;
    expect(u.anchorCall.callee).toBe('tok.decode');
    expect(shownAnchor(u).callee).toBe('merge');
    // Named by a docs heading, the use case shows the library's call; named from the API, it is named after it too.
    const docs = await analysed(lib, code, 'docs/merge.md', 'docs');
    docs.candidate.heading = 'Merging adapters';
    const v = settle([docs], weight, publicSurface())!;
    expect(nameUseCases([v], { suggestions: [], purposes: new Map() })[0]).toMatchObject({ name: 'Merging_Adapters', anchor: 'merge' });
    const named = nameUseCases([u], { suggestions: [], purposes: new Map() })[0];
    expect(named.from).toBe('api');
    expect(named.anchor).toBe('merge');
    expect(named.name).not.toMatch(/Decod/);
  });

  it('after a bare run, the next most distinctive milestone names the use case whole', async () => {
    const lib = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .run import Runner, Result\n',
      'pkg/run.py': 'class Result:\n    def stream_events(self):\n        return []\n\n\nclass Runner:\n    def run(self) -> Result:\n        return Result()\n',
    });
    const a = await analysed(lib, 'from pkg import Runner\nr = Runner()\nresult = r.run()\nfor e in result.stream_events():\n    print(e)\n');
    const u = settle([a], (k) => (k.includes('Runner.run') ? 3 : k.includes('stream_events') ? 2 : 1), publicSurface())!;
    expect(u.anchor).toContain('Runner.run');
    expect(nameUseCases([u], { suggestions: [], purposes: new Map() })[0].name).toBe('Events_Streaming');
  });

  it('a verb of no milestone done to one of the library\'s objects names the use case with that object, not a step of it', async () => {
    const lib = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .agent import Agent, run\n',
      'pkg/agent.py': 'class Agent:\n    def clone(self) -> "Agent":\n        return self\n\n\ndef run(agent, text):\n    pass\n',
    });
    const a = await analysed(lib, 'from pkg import Agent, run\nbase = Agent()\npirate = base.clone()\nrun(pirate, "hi")\n');
    const u = settle([a], (k) => (k.includes('clone') ? 3 : 1), publicSurface())!;
    expect(u.anchor).toContain('Agent.clone');
    expect(nameUseCases([u], { suggestions: [], purposes: new Map() })[0].name).toBe('Agent_Cloning');
  });

  it('an object built only to be handed to a call that runs (a transport) names no use case; one given to a constructor does', async () => {
    const lib = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .server import Server, StdioTransport, Plugin, Engine\n',
      'pkg/server.py':
        'class StdioTransport:\n    pass\n\n\nclass Plugin:\n    pass\n\n\nclass Engine:\n    def __init__(self, plugin=None):\n        pass\n\n    def start(self) -> None:\n        pass\n\n\n' +
        'class Server:\n    def register_tool(self, fn) -> None:\n        pass\n\n    def connect(self, transport) -> None:\n        pass\n',
    });
    const hints = { suggestions: [], purposes: new Map() };
    const weight = (k: string) => (/StdioTransport|Plugin/.test(k) ? 3 : 1);
    // The transport only goes to `server.connect`: the use case registers a tool; connecting does not name it.
    const served = await analysed(lib, 'from pkg import Server, StdioTransport\nserver = Server()\nserver.register_tool(print)\ntransport = StdioTransport()\nserver.connect(transport)\n');
    const u = settle([served], weight, publicSurface())!;
    expect(u.anchor).toContain('StdioTransport');
    expect(nameUseCases([u], hints)[0].name).toBe('Tool_Registration');
    // A plugin given to the engine it configures is what the use case is about.
    const plugged = await analysed(lib, 'from pkg import Engine, Plugin\nplugin = Plugin()\nengine = Engine(plugin=plugin)\nengine.start()\n');
    const v = settle([plugged], weight, publicSurface())!;
    expect(v.anchor).toContain('Plugin');
    expect(nameUseCases([v], hints)[0].name).toMatch(/^Plugin/);
  });

  it("an SDK's synchronous and asynchronous twin classes (Client / AsyncClient) make one step of a use case, not two", async () => {
    const lib = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from ._client import Client, AsyncClient\n',
      'pkg/_client.py':
        'class Things:\n    def create(self, name: str, stream: bool = False):\n        pass\n\n    def archive(self, name: str):\n        pass\n\n\n' +
        'class AsyncThings:\n    async def create(self, name: str, stream: bool = False):\n        pass\n\n    async def archive(self, name: str):\n        pass\n\n\n' +
        'class Client:\n    def __init__(self) -> None:\n        self.things = Things()\n\n\n' +
        'class AsyncClient:\n    def __init__(self) -> None:\n        self.things = AsyncThings()\n',
    });
    const sync = 'from pkg import Client\nclient = Client()\nclient.things.create(name="a")\nclient.things.create(name="b", stream=True)\nclient.things.archive(name="a")\n';
    const both = 'from pkg import Client, AsyncClient\nclient = Client()\naclient = AsyncClient()\nclient.things.create(name="a")\nawait aclient.things.create(name="b", stream=True)\nawait aclient.things.archive(name="a")\n';
    const members = [await analysed(lib, sync, 'examples/sync.py'), await analysed(lib, both, 'examples/both.py'), await analysed(lib, both.replace('aclient.things.archive', 'client.things.archive'), 'examples/mixed.py')];
    const steps = consensusSteps(members, callKey(members[0].steps[1].calls[0]));
    const titles = steps.map((s) => s.title);
    expect(titles).toEqual([...new Set(titles)]);
    expect(titles.filter((t) => /^Create (Client|Thing)$/.test(t))).toEqual(['Create Client', 'Create Thing']);
    expect(titles).toContain('Archive Thing');
    // Each step is a real call of a source, with its own definition (the twin a source did not call is no step).
    expect(steps.map((s) => s.calls[0].resolution.kind)).toEqual(steps.map(() => 'repo'));
  });

  it('a README heading names its task with any action noun ("Data extraction"), a docs heading does not', async () => {
    expect(taskHeading('Data extraction', new Set(['reranker']))).toBeUndefined();
    expect(taskHeading('Data extraction', new Set(['reranker']), false, 'readme')).toBe('Data extraction');
    expect(taskHeading('Coding agent', new Set(['reranker']), false, 'readme')).toBe('Coding agent');
    // Not the noun of a verb that makes no milestone: error handling is no use case.
    expect(taskHeading('Handling errors', new Set(['reranker']), false, 'readme')).toBeUndefined();
    const code = `${E}model = Reranker("org/reranker-small")\nscores = model.predict([("q", "d")])\nranks = model.rank("q", ["d", "e"])\n`;
    const named = async (kind: 'readme' | 'docs') => {
      const rep = await analysed(repo, code, kind === 'readme' ? 'README.md' : 'docs/guide.md', kind);
      rep.candidate.heading = 'Data extraction';
      return buildWorkflows([rep], { suggestions: [], purposes: new Map() }, { ...ctx, all: true }).workflows[0];
    };
    expect(await named('readme')).toMatchObject({ name: 'Data_Extraction', nameFrom: 'readme-heading' });
    expect((await named('docs')).name).not.toBe('Data_Extraction');
  });
});

describe('comments of code blocks analysed as one session', () => {
  it("a comment closing one block is not the comment of the next block's first statement", async () => {
    const { callsOf } = await import('./repos.js');
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'def predict(x):\n    return x\n\ndef rank(x):\n    return x\n',
      'README.md': '# Pkg\n\n## Usage\n\n```python\nfrom pkg import predict, rank\n# Score the pairs\ns = predict(1)\n# => [8.6 5.5]\n```\n\nThen:\n\n```python\n# Rank the passages\nr = rank(s)\n# => [1, 0]\n```\n\n```python\nt = rank(r)\n```\n',
    });
    const calls = [...(await callsOf(repo)).values()].flat();
    const comment = (callee: string, line: number) => calls.find((c) => c.callee === callee && c.site.start === line);
    expect(comment('predict', 8)).toMatchObject({ comment: 'Score the pairs', commentAt: { line: 7 } });
    expect(comment('rank', 16)).toMatchObject({ comment: 'Rank the passages', commentAt: { line: 15 } });
    // Only the block's own lines: the comment at the end of the block above is not this one's.
    expect(comment('rank', 21)).toBeDefined();
    expect(comment('rank', 21)?.comment).toBeUndefined();
  });
});

describe('reStructuredText pages', () => {
  it('reads the code blocks of reStructuredText docs pages as docs sections, with their titles and lines', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-rst-'));
    cpSync(ADAPTKIT, repo, { recursive: true });
    const page = ['Merging', '=======', '', 'Merge two adapters', '------------------', '', 'Load, then merge:', '', '.. code-block:: python', '', '   from adaptkit import Model, merge_adapters', '   m = Model.from_pretrained("x")', '   m = merge_adapters(m, ["a"], [1.0])', ''].join('\n');
    writeFileSync(path.join(repo, 'docs/merging.rst'), page);
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-rstw-')), name: 'acme_adaptkit', all: true });
    const c = m.candidates.find((x) => x.path === 'docs/merging.rst');
    const first = page.split('\n').findIndex((l) => l.includes('from adaptkit import')) + 1;
    expect(c).toMatchObject({ kind: 'docs', heading: 'Merge two adapters', line: first, kept: true });
  });
});

describe('variants on one page', () => {
  it('a section that shows a higher-ranked use case of its page with one step done by a sibling call is a repeat; a call of another family is not', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': '# pkg\n\nParse answers into types.\n',
      'pkg/__init__.py': 'from .api import Client, zod_output_format, json_schema_output_format, load_image\n',
      'pkg/api.py':
        'class Client:\n    def parse(self, fmt):\n        return fmt\n\n    def save(self, path):\n        return path\n\n\n' +
        'def zod_output_format(schema):\n    return schema\n\n\ndef json_schema_output_format(schema):\n    return schema\n\n\ndef load_image(path):\n    return path\n',
      'docs/guide.md': [
        '# Structured outputs', '', '## With Zod', '', '```python', 'from pkg import Client, zod_output_format', 'client = Client()', 'fmt = zod_output_format({"a": 1})', 'out = client.parse(fmt)', 'client.save(out)', '```', '',
        '## With JSON Schema', '', '```python', 'from pkg import Client, json_schema_output_format', 'client = Client()', 'fmt = json_schema_output_format({"a": 1})', 'out = client.parse(fmt)', 'client.save(out)', '```', '',
        '## From an image', '', '```python', 'from pkg import Client, load_image', 'client = Client()', 'img = load_image("a.png")', 'out = client.parse(img)', 'client.save(out)', '```', '',
      ].join('\n'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-variant-')), name: 'acme_pkg', all: true });
    const by = (api: string) => m.workflows.find((w) => w.steps.some((s) => s.calls.some((c) => c.call.callee === api)))!;
    const [zod, json, image] = [by('zod_output_format'), by('json_schema_output_format'), by('load_image')];
    expect(new Set([zod.name, json.name, image.name]).size).toBe(3);
    const variant = [zod, json].sort((a, b) => a.rank - b.rank)[1];
    expect(variant.evidence.find((e) => e.kind === 'repeats')?.detail).toMatch(/another section of docs\/guide\.md shows: `(zod|json_schema)_output_format` where that one has `(zod|json_schema)_output_format`/);
    expect(image.evidence.some((e) => e.kind === 'repeats' && e.detail.includes('another section'))).toBe(false);
  });
});

describe('providers of one library', () => {
  it("a use case made with another provider's function (`from_beta` beside `from_alpha`, each in its provider's module) is a repeat; a function of one module is not", async () => {
    // (Each on its own docs page: not one page's variants.)
    const page = (h: string, fn: string) => [`# ${h}`, '', '```python', `import pkg`, `client = pkg.${fn}("key")`, 'out = client.chat("hi")', 'client.save(out)', '```', ''].join('\n');
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': '# pkg\n\nTyped answers from any provider.\n',
      'docs/alpha.md': page('Using Alpha', 'from_alpha'),
      'docs/beta.md': page('Using Beta', 'from_beta'),
      'docs/file.md': page('From a file', 'from_file'),
      'docs/url.md': page('From a URL', 'from_url'),
      'pkg/__init__.py': 'from .client_alpha import from_alpha\nfrom .client_beta import from_beta\nfrom .sources import from_file, from_url\n',
      'pkg/client.py': 'class Client:\n    def chat(self, text):\n        return text\n\n    def save(self, out):\n        return out\n',
      'pkg/client_alpha.py': 'from .client import Client\n\n\ndef from_alpha(key) -> Client:\n    return Client()\n',
      'pkg/client_beta.py': 'from .client import Client\n\n\ndef from_beta(key) -> Client:\n    return Client()\n',
      'pkg/sources.py': 'from .client import Client\n\n\ndef from_file(path) -> Client:\n    return Client()\n\n\ndef from_url(url) -> Client:\n    return Client()\n',
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-prov-')), name: 'acme_pkg', all: true });
    const by = (api: string) => m.workflows.find((w) => w.steps.some((s) => s.calls.some((c) => c.call.callee === `pkg.${api}`)))!;
    const [alpha, beta, file, url] = [by('from_alpha'), by('from_beta'), by('from_file'), by('from_url')];
    expect(new Set([alpha.name, beta.name, file.name, url.name]).size).toBe(4);
    const later = [alpha, beta].sort((a, b) => a.rank - b.rank)[1];
    expect(later.evidence.find((e) => e.kind === 'repeats')?.detail).toMatch(/another provider of the library \(`pkg\.from_(alpha|beta)`/);
    // Two functions of one module are two use cases.
    expect([file, url].some((w) => w.evidence.some((e) => e.kind === 'repeats' && e.detail.includes('provider')))).toBe(false);
    // Without --all, the repeat gets no page.
    const d = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-prov-')), name: 'acme_pkg' });
    expect(d.workflows.map((w) => w.name)).not.toContain(later.name);
  });

  it("is one family too when each provider's function makes that provider's own type (`from_alpha() -> Alpha`, `from_beta() -> Union[Beta, AsyncBeta]`)", async () => {
    const page = (h: string, fn: string) => [`# ${h}`, '', '```python', `import pkg`, `model = pkg.${fn}("key")`, 'out = pkg.generate(model, "hi")', 'pkg.save(out)', '```', ''].join('\n');
    const model = (name: string) => `from .base import Model\n\n\nclass ${name}(Model):\n    pass\n\n\nclass Async${name}(Model):\n    pass\n\n\n`;
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': '# pkg\n\nTyped answers from any provider.\n',
      'docs/alpha.md': page('Using Alpha', 'from_alpha'),
      'docs/beta.md': page('Using Beta', 'from_beta'),
      'pkg/__init__.py': 'from .alpha import from_alpha\nfrom .beta import from_beta\nfrom .run import generate, save\n',
      'pkg/base.py': 'class Model:\n    pass\n',
      'pkg/run.py': 'def generate(model, prompt):\n    return prompt\n\n\ndef save(out):\n    return out\n',
      'pkg/alpha.py': `${model('Alpha')}def from_alpha(key) -> Alpha:\n    return Alpha()\n`,
      'pkg/beta.py': `${model('Beta')}def from_beta(key) -> Union[Beta, AsyncBeta]:\n    return Beta()\n`,
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-prov-')), name: 'acme_pkg', all: true });
    const by = (api: string) => m.workflows.find((w) => w.steps.some((s) => s.calls.some((c) => c.call.callee === `pkg.${api}`)))!;
    const later = [by('from_alpha'), by('from_beta')].sort((a, b) => a.rank - b.rank)[1];
    expect(later.evidence.find((e) => e.kind === 'repeats')?.detail).toMatch(/another provider of the library \(`pkg\.from_(alpha|beta)`/);
  });
});

describe('small use cases pooled by area', () => {
  it('pools small sections around the most trusted one they share an API with, not through the file of a set-up call both make', async () => {
    // Embedding and transcription sections of two steps each: both set a provider up first (its functions
    // share a file); neither section calls the other's function.
    const sec = (h: string, setup: string, fn: string, arg: string) => [`## ${h}`, '', '```python', `from pkg import ${setup}, ${fn}`, `${setup}("x")`, `out = ${fn}("${arg}")`, '```', ''];
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': '# pkg\n\nModels for text and audio.\n',
      'pkg/__init__.py': 'from .provider import login, set_region\nfrom .embed import embed\nfrom .transcribe import transcribe\n',
      'pkg/provider.py': 'def login(key):\n    return key\n\n\ndef set_region(name):\n    return name\n',
      'pkg/embed.py': 'def embed(text):\n    return [text]\n',
      'pkg/transcribe.py': 'def transcribe(audio):\n    return [audio]\n',
      'docs/embeddings.md': ['# Embeddings', '', ...sec('Embed a value', 'login', 'embed', 'hi'), ...sec('Embed a title', 'login', 'embed', 'title')].join('\n'),
      'docs/transcription.md': ['# Transcription', '', ...sec('Transcribe a file', 'set_region', 'transcribe', 'a.wav'), ...sec('Transcribe a call', 'set_region', 'transcribe', 'b.wav')].join('\n'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-pool-')), name: 'acme_pkg', all: true });
    const apis = m.workflows.map((w) => new Set(w.steps.flatMap((s) => s.calls.map((c) => c.call.callee))));
    expect(apis.some((a) => a.has('embed') && a.has('transcribe'))).toBe(false);
    // Two steps each, and no workflow makes their calls: dropped with the reason, never padded.
    expect(m.candidates.filter((c) => c.path.startsWith('docs/')).map((c) => c.reason)).toEqual(Array(4).fill('only 2 step(s), and no workflow shares its calls'));
  });

  it('a small example joins the use case only tests show when the tests make its calls of the library, the client it builds aside', async () => {
    // The example builds a client and reads a batch's results (two steps); the tests call results beside
    // other batch calls on a client a fixture gives them, never building one.
    const methods = ['create', 'retrieve', 'list', 'cancel', 'delete', 'results'];
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': '# pkg\n\nA client.\n',
      'pkg/__init__.py': 'from .client import Client\n',
      'pkg/client.py': [
        'class Batches:',
        ...methods.flatMap((f) => [`    def ${f}(self, batch_id=None):`, '        return [batch_id]', '']),
        'class Messages:',
        ...['send', 'stream', 'count_tokens'].flatMap((f) => [`    def ${f}(self, text):`, '        return text', '']),
        'class Client:',
        '    def __init__(self, key=None):',
        '        self.batches = Batches()',
        '        self.messages = Messages()',
        '',
      ].join('\n'),
      'examples/batch_results.py': 'from pkg import Client\n\nclient = Client()\nfor r in client.batches.results("b1"):\n    print(r)\n',
      ...Object.fromEntries(['a', 'b', 'c', 'd'].map((k) => [`examples/chat_${k}.py`, `from pkg import Client\n\nclient = Client()\nclient.messages.send("${k}")\nclient.messages.stream("${k}")\nclient.messages.count_tokens("${k}")\n`])),
      'tests/test_batches.py': ['from pkg import Client', '', '', 'def test_batches(client: Client):', ...methods.map((f) => `    client.batches.${f}("b1")`), ''].join('\n'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-pool-')), name: 'acme_pkg', all: true });
    const example = m.candidates.find((c) => c.path === 'examples/batch_results.py')!;
    expect(example.kept).toBe(true);
    const w = m.workflows.find((x) => x.pageName === example.workflow)!;
    expect(w.sources.map((s) => s.path)).toEqual(['examples/batch_results.py', 'tests/test_batches.py']);
    expect(w.evidence.map((e) => e.kind)).not.toContain('tests-only');
  });

  it('... and so does a README section that gets its object from a factory method the tests never call (their fixture hands it over)', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': ['# pkg', '', 'Sandboxes in the cloud.', '', '## Start a sandbox and run commands', '', '```python', 'from pkg import Sandbox', '', 'with Sandbox.create() as sandbox:', '    result = sandbox.commands.run("echo hi")', '    print(result)', '```', ''].join('\n'),
      'pkg/__init__.py': 'from .sandbox import Sandbox\n',
      'pkg/sandbox.py': [
        'class Commands:',
        ...['run', 'list', 'kill'].flatMap((f) => [`    def ${f}(self, cmd=None):`, '        return cmd', '']),
        'class Sandbox:',
        '    def __init__(self):',
        '        self.commands = Commands()',
        '',
        '    @classmethod',
        '    def create(cls):',
        '        return cls()',
        '',
        '    def __enter__(self):',
        '        return self',
        '',
        '    def __exit__(self, *a):',
        '        return None',
        '',
      ].join('\n'),
      'tests/test_commands.py': ['from pkg import Sandbox', '', '', 'def test_commands(sandbox: Sandbox):', '    sandbox.commands.run("sleep 1")', '    sandbox.commands.list()', '    sandbox.commands.kill("1")', ''].join('\n'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-pool-')), name: 'acme_pkg', all: true });
    const readme = m.candidates.find((c) => c.path === 'README.md')!;
    expect(readme.kept).toBe(true);
    const w = m.workflows.find((x) => x.pageName === readme.workflow)!;
    expect(w.sources.map((s) => s.path)).toEqual(['README.md', 'tests/test_commands.py']);
    expect(w.steps[0].calls[0].call.callee).toBe('Sandbox.create');
    expect(w.evidence.map((e) => e.kind)).not.toContain('tests-only');
  });

  it("a section whose heading names its API and that makes its own client is an area of its own, not pooled with the file's other sections", async () => {
    // Each section builds a client and makes one call; every function and method is defined in one file.
    const sec = (h: string, make: string, call: string) => [`## ${h}`, '', '```python', 'from pkg import from_litellm, from_openai', `client = ${make}`, `out = client.${call}(model="m")`, '```', ''];
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': [
        '# pkg',
        '',
        'Structured outputs.',
        '',
        ...sec('Using Litellm', 'from_litellm("completion")', 'create'),
        ...sec('Returning the original completion: `create_with_completion`', 'from_openai("key")', 'create_with_completion'),
        ...sec('Streaming partial objects: `create_partial`', 'from_openai("key")', 'create_partial'),
        ...sec('Embed a text', 'from_openai("key")', 'embed'),
        ...sec('Embed asynchronously', 'from_openai("key")', 'embed_async'),
      ].join('\n'),
      'pkg/__init__.py': 'from .client import from_litellm, from_openai\n',
      'pkg/client.py': [
        'class Client:',
        ...['create', 'create_with_completion', 'create_partial', 'embed', 'embed_async'].flatMap((f) => [`    def ${f}(self, model):`, '        return model', '']),
        '',
        'def from_litellm(fn) -> Client:',
        '    return Client()',
        '',
        '',
        'def from_openai(key) -> Client:',
        '    return Client()',
        '',
      ].join('\n'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-pool-')), name: 'acme_pkg', all: true });
    const calls = m.workflows.map((w) => new Set(w.steps.flatMap((s) => s.calls.map((c) => c.call.callee))));
    // Litellm's section does not gather the sections about other methods of the client.
    const litellm = calls.find((c) => c.has('from_litellm'));
    for (const other of ['client.create_with_completion', 'client.create_partial', 'client.embed']) expect(litellm?.has(other) ?? false).toBe(false);
    // Two sections on one topic ("Embed a text", its async twin) still pool: one workflow of both.
    expect(calls.filter((c) => c.has('client.embed'))).toHaveLength(1);
    expect(calls.find((c) => c.has('client.embed'))!.has('client.embed_async')).toBe(true);
  });

  it('pools small use cases on their anchors, not on a loader every one of them calls', async () => {
    const sec = (h: string, fn: string) => [`## ${h}`, '', '```python', `from pkg import Pipeline, ${fn}`, 'p = Pipeline.from_pretrained("x")', `${fn}(p)`, '```', ''];
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'README.md': '# pkg\n\nPipelines.\n',
      'pkg/__init__.py': 'from .base import Pipeline\nfrom .cache import enable_cache\nfrom .slicing import enable_slicing\n',
      'pkg/base.py': 'class Pipeline:\n    @classmethod\n    def from_pretrained(cls, name):\n        return cls()\n',
      'pkg/cache.py': 'def enable_cache(p):\n    return p\n',
      'pkg/slicing.py': 'def enable_slicing(p):\n    return p\n',
      'docs/cache.md': ['# Caching', '', ...sec('Cache blocks', 'enable_cache'), ...sec('Cache layers', 'enable_cache')].join('\n'),
      'docs/slicing.md': ['# Slicing', '', ...sec('Slice attention', 'enable_slicing'), ...sec('Slice the VAE', 'enable_slicing')].join('\n'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-pool-')), name: 'acme_pkg', all: true });
    const apis = m.workflows.map((w) => new Set(w.steps.flatMap((s) => s.calls.map((c) => c.call.callee))));
    expect(apis.some((a) => a.has('enable_cache') && a.has('enable_slicing'))).toBe(false);
  });
});

describe("hooks of the source's own subclass", () => {
  it('the methods a subclass of a library class overrides are steps (patterns with their exact lines); its own helpers are not', async () => {
    const block = ['import pkg', '', '', 'class Engine(pkg.LitAPI):', '    def setup(self, device):', '        self.m = device', '', '    def predict(self, request):', '        return request', '', '    def helper(self):', '        return 1', '', '', 'server = pkg.Server(Engine())', 'server.run(port=8000)'];
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .api import LitAPI\nfrom .server import Server\n',
      'pkg/api.py': 'class LitAPI:\n    def setup(self, device):\n        pass\n\n    def predict(self, x):\n        return x\n\n    def _check(self):\n        pass\n',
      'pkg/server.py': 'class Server:\n    def __init__(self, api):\n        self.api = api\n\n    def run(self, port=8000):\n        return port\n',
      'README.md': ['# pkg', '', '## Quick start', '', '```python', ...block, '```', ''].join('\n'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-hook-')), name: 'acme_pkg' });
    const w = m.workflows.find((x) => x.sources.some((s) => s.path === 'README.md'))!;
    // Making the subclass is a step of its own (not a part of the server it is given to).
    expect(w.steps.map((s) => s.title)).toEqual(['Define Setup', 'Define Predict', 'Create Engine', 'Run Server']);
    const setup = w.steps[0].calls[0];
    expect(setup.call.resolution.kind).toBe('pattern');
    // README line of `def setup` (the block starts on line 6) to its last statement; no `self` argument.
    expect(setup.call.site).toMatchObject({ path: 'README.md', start: 10, end: 11 });
    expect(setup.call.argNames).toEqual(['device']);
  });
});

describe("the library's test utilities", () => {
  it('a function of the library only tests call, re-exported by no package, does not fill up a use case; a method they call does', async () => {
    // The README starts and runs a server (two steps); the tests start it through a utility of the
    // library first (`with wrap_start(server)`), then run it, predict and shut it down.
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .server import Server\n',
      'pkg/server.py': 'class Server:\n    def __init__(self, api=None):\n        self.api = api\n\n    def run(self, port=8000):\n        return port\n\n    def predict(self, x):\n        return x\n\n    def shutdown(self):\n        return None\n',
      'pkg/utils.py': 'def wrap_start(server):\n    """Test utility: starts the server in a context."""\n    return server\n',
      'README.md': ['# pkg', '', '## Quick start', '', '```python', 'from pkg import Server', 'server = Server(api=None)', 'server.run(port=8000)', '```', ''].join('\n'),
      ...Object.fromEntries(['a', 'b', 'c'].map((k) => [`tests/test_${k}.py`, ['from pkg import Server', 'from pkg.utils import wrap_start', '', '', `def test_${k}():`, '    server = Server()', '    with wrap_start(server):', '        server.run()', '        server.predict("x")', '        server.shutdown()', ''].join('\n')])),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-tu-')), name: 'acme_pkg' });
    const w = m.workflows.find((x) => x.sources.some((s) => s.path === 'README.md'))!;
    // (The server is made in the README's run step: no step of its own beside it.)
    expect(w.steps.map((s) => s.calls[0].call.callee)).toEqual(['server.run', 'server.predict', 'server.shutdown']);
  });
});

describe('tests filling up a short use case', () => {
  // The README makes a sandbox and runs a command (two steps); each test first lists the client's
  // sandboxes, then makes one, runs a command and kills it.
  const repo = (kill: boolean) =>
    write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .sandbox import Sandbox, Client\n',
      // (A sandbox made by a class method, its commands an SDK resource, and a client that lists sandboxes.)
      'pkg/sandbox.py': [
        'class Commands:\n    def run(self, cmd):\n        return cmd\n\n',
        'class Sandbox:\n    def __init__(self):\n        self.commands = Commands()\n',
        '    @classmethod\n    def create(cls):\n        return cls()\n',
        '    def kill(self):\n        return None\n\n',
        'class Client:\n    def list_sandboxes(self, page=None):\n        return [page]\n',
      ].join('\n'),
      'README.md': ['# pkg', '', '## Run a command', '', '```python', 'from pkg import Sandbox', 'sandbox = Sandbox.create()', 'out = sandbox.commands.run("ls")', '```', ''].join('\n'),
      ...Object.fromEntries(
        ['a', 'b', 'c'].map((k) => [
          `tests/test_${k}.py`,
          ['from pkg import Client, Sandbox', '', '', `def test_${k}(client: Client):`, '    pages = client.list_sandboxes(page=1)', '    box = Sandbox.create()', '    box.commands.run("ls")', ...(kill ? ['    box.kill()'] : []), ''].join('\n'),
        ]),
      ),
    });

  it('take only a call on the objects the shown steps make or are handed, not one of a test that does something else first', async () => {
    const m = await extractWorkflows({ repo: repo(true), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-fill-')), name: 'acme_pkg' });
    const w = m.workflows.find((x) => x.sources.some((s) => s.path === 'README.md'))!;
    expect(w.steps.map((s) => s.calls[0].call.callee)).toEqual(['Sandbox.create', 'sandbox.commands.run', 'box.kill']);
  });

  it('take another method of the SDK resource a shown step calls through, though no variable links the two', async () => {
    const dir = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import Client\n',
      'pkg/batches.py': 'class Batches:\n    def create(self, requests):\n        return "b1"\n\n    def results(self, batch_id):\n        return [batch_id]\n',
      'pkg/client.py': 'from .batches import Batches\n\n\nclass Client:\n    def __init__(self):\n        self.batches = Batches()\n\n    def list_models(self):\n        return []\n',
      'README.md': ['# pkg', '', '## Batch results', '', '```python', 'from pkg import Client', 'client = Client()', 'out = client.batches.results("b1")', '```', ''].join('\n'),
      ...Object.fromEntries(
        ['a', 'b'].map((k) => [
          `tests/test_${k}.py`,
          ['from pkg import Client', '', '', `def test_models_${k}(client: Client):`, '    client.list_models()', '', '', `def test_create_${k}(client: Client):`, '    client.batches.create([])', '', '', `def test_results_${k}(client: Client):`, '    client.batches.results("b1")', ''].join('\n'),
        ]),
      ),
    });
    const m = await extractWorkflows({ repo: dir, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-fill3-')), name: 'acme_pkg' });
    const w = m.workflows.find((x) => x.sources.some((s) => s.path === 'README.md'))!;
    expect(w.steps.map((s) => s.calls[0].call.callee)).toEqual(['Client', 'client.batches.create', 'client.batches.results']);
  });

  it('pad nothing: with no such call the use case is too short, and the report says so', async () => {
    const m = await extractWorkflows({ repo: repo(false), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-fill2-')), name: 'acme_pkg' });
    expect(m.workflows.find((x) => x.sources.some((s) => s.path === 'README.md'))).toBeUndefined();
    const readme = m.candidates.find((c) => c.path === 'README.md')!;
    expect(readme.kept).toBe(false);
    expect(readme.reason).toMatch(/only 2 step/);
  });
});

describe('an API reference of one section per method', () => {
  // README sections of one call each on one SDK resource (`client.trainings.create`, `.get`, `.cancel`,
  // `.list`, methods of one file); a test calls them all beside the webhooks helper.
  const methods = ['create', 'get', 'cancel', 'list'];
  const repo = () =>
    write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import Client\nfrom .webhooks import validate_webhook\n',
      'pkg/trainings.py': ['class Trainings:', ...methods.flatMap((f) => [`    def ${f}(self, training_id=None):`, '        return [training_id]', ''])].join('\n'),
      'pkg/webhooks.py': 'def validate_webhook(request, secret):\n    return True\n',
      'pkg/client.py': 'from .trainings import Trainings\n\n\nclass Client:\n    def __init__(self, key=None):\n        self.trainings = Trainings()\n',
      'README.md': [
        '# pkg',
        '',
        '## Verify webhooks',
        '',
        '```python',
        'from pkg import validate_webhook',
        'ok = validate_webhook(request, "s")',
        '```',
        '',
        ...methods.flatMap((f) => [`## client.trainings.${f}`, '', '```python', 'from pkg import Client', 'client = Client()', `out = client.trainings.${f}("t1")`, '```', '']),
      ].join('\n'),
      'tests/test_all.py': ['from pkg import Client, validate_webhook', '', '', 'def test_all(client: Client):', ...methods.map((f) => `    client.trainings.${f}("t1")`), '    validate_webhook({}, "s")', ''].join('\n'),
    });

  it("pools the sections of one resource, each section's own method a step of the pool, named in the singular", async () => {
    const m = await extractWorkflows({ repo: repo(), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-ref-')), name: 'acme_pkg', all: true });
    const w = m.workflows.find((x) => x.sources.some((s) => s.path === 'README.md' && s.heading === 'client.trainings.create'))!;
    expect(w.steps.map((s) => s.calls[0].call.callee)).toEqual(['Client', ...methods.map((f) => `client.trainings.${f}`)]);
    expect(w.steps.map((s) => s.title)).toEqual(['Create Client', 'Create Training', 'Get Training', 'Cancel Training', 'List Trainings']);
    // The test of every method is no home for the reference sections.
    expect(w.sources.filter((s) => s.path === 'README.md').map((s) => s.heading)).toEqual(methods.map((f) => `client.trainings.${f}`));
  });

  it("pools a page's sections on methods of one client object (`ollama.pull`, `ollama.embed`) as its steps, not another page's", async () => {
    const verbs = ['pull', 'push', 'embed', 'show'];
    const section = (f: string) => [`## ${f}`, '', '```python', 'from pkg import Client', 'ollama = Client()', `out = ollama.${f}("m")`, '```', ''];
    const dir = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import Client\n',
      'pkg/client.py': ['class Client:', ...[...verbs, 'delete'].flatMap((f) => [`    def ${f}(self, model):`, '        return model', ''])].join('\n'),
      'README.md': ['# pkg', '', ...verbs.flatMap(section)].join('\n'),
      'docs/delete.md': ['# Deleting', '', ...section('delete')].join('\n'),
    });
    const m = await extractWorkflows({ repo: dir, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-refc-')), name: 'acme_pkg', all: true });
    const w = m.workflows.find((x) => x.sources.some((s) => s.path === 'README.md'))!;
    expect(w.steps.map((s) => s.calls[0].call.callee)).toEqual(verbs.map((f) => `ollama.${f}`));
    // (Another page's section on the same object joins the pool as a source, its method no step of it.)
    expect(w.sources.filter((s) => s.path === 'README.md').map((s) => s.heading)).toEqual(verbs);
  });
});

describe('ways a short section shows a step again', () => {
  it("shows a short README section's or example's call with other options on the step it does another way, once per new option, written on the page", async () => {
    const section = (title: string, lines: string[]) => [`## ${title}`, '', '```python', 'from pkg import Client', ...lines, '```', ''];
    const dir = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import Client\n',
      'pkg/client.py': [
        'class Client:',
        '    def __init__(self, location=None, url=None, api_key=None):',
        '        self.url = url',
        '',
        '    def create_index(self, name, dim=3):',
        '        return name',
        '',
        '    def search(self, name, query, limit=3, stream=False, page=1, exact=False):',
        '        return [query]',
        '',
        '    def delete_index(self, name):',
        '        return name',
        '',
      ].join('\n'),
      'README.md': [
        '# pkg',
        '',
        ...section('Quick start', ['client = Client(":memory:")', 'client.create_index("docs", dim=4)', 'hits = client.search("docs", "q")', 'client.delete_index("docs")']),
        ...section('Streaming search', ['client = Client(":memory:")', 'for hit in client.search("docs", "q", stream=True):', '    pass']),
        ...section('Streaming again', ['client = Client(":memory:")', 'hits = client.search("docs", "q", stream=True)']),
        ...section('More hits', ['client = Client(":memory:")', 'hits = client.search("docs", "q", limit=10)']),
      ].join('\n'),
      'examples/paged.py': 'from pkg import Client\n\nclient = Client(":memory:")\nhits = client.search("docs", "q", page=2)\n',
      'tests/test_search.py': 'from pkg import Client\n\n\ndef test_exact():\n    client = Client(":memory:")\n    client.create_index("docs", dim=4)\n    assert client.search("docs", "q", exact=True)\n',
    });
    const m = await extractWorkflows({ repo: dir, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-shown-')), name: 'acme_pkg' });
    expect(m.workflows).toHaveLength(1);
    const w = m.workflows[0];
    const ways = (callee: string) => w.steps.find((s) => s.calls[0].call.callee === callee)!.calls.filter((c) => c.shown).map((c) => [c.call.argNames, c.call.site.start]);
    const line = (text: string) => readFileSync(path.join(dir, 'README.md'), 'utf8').split('\n').indexOf(text) + 1;
    // (The second streaming section shows no option the first did not.)
    const streams = line('for hit in client.search("docs", "q", stream=True):');
    expect(ways('client.search')).toEqual([
      [['name', 'query', 'stream'], streams],
      [['name', 'query', 'limit'], line('hits = client.search("docs", "q", limit=10)')],
      [['name', 'query', 'page'], 4],
    ]);
    // (An example shows a way too; a test that follows the use case only tries an option.)
    expect(w.sources.map((s) => s.path)).toContain('tests/test_search.py');
    expect(w.steps.flatMap((s) => s.calls).filter((c) => c.shown).map((c) => c.call.site.path)).toEqual(['README.md', 'README.md', 'examples/paged.py']);
    expect(ways('client.create_index')).toEqual([]);
    const page = (await renderWiki(m)).find((f) => f.path.endsWith("_WorkflowIndex.md"))!.content;
    expect(page).toContain(`| **Also Shown** | \`client.search(name, query, stream)\` at \`README.md:L${streams}-${streams}\` |`);
  });
});

describe("a page's sections that go on with an earlier section's objects", () => {
  it("continue that section's use case when they are too short for one of their own and nothing else makes their calls", async () => {
    const section = (title: string, lines: string[]) => [`## ${title}`, '', '```python', ...lines, '```', ''];
    const dir = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import Client, Index\n',
      'pkg/client.py': [
        'class Index:',
        '    def add_documents(self, documents, serializer=None):',
        '        return 1',
        '',
        '    def update_settings(self, settings):',
        '        return 2',
        '',
        '    def search(self, query, opt_params=None):',
        '        return []',
        '',
        '',
        'class Client:',
        '    def __init__(self, url, key=None):',
        '        self.url = url',
        '',
        '    def index(self, uid) -> Index:',
        '        return Index()',
        '',
      ].join('\n'),
      'README.md': [
        '# pkg',
        '',
        ...section('Add documents', ['import pkg', 'client = pkg.Client("http://localhost", "key")', 'index = client.index("movies")', 'index.update_settings({"a": 1})', 'index.add_documents([{"id": 1}])']),
        ...section('Basic search', ['index.search("caorl")']),
        ...section('Custom search', ['index.search("phil", {"limit": 1})']),
      ].join('\n'),
      'docs/search.md': ['# Search', '', ...section('Search elsewhere', ['index.search("other")'])].join('\n'),
    });
    const m = await extractWorkflows({ repo: dir, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-cont-')), name: 'acme_pkg' });
    const w = m.workflows.find((x) => x.sources.some((s) => s.heading === 'Add documents'))!;
    expect(w.steps.map((s) => s.calls[0].call.callee)).toContain('index.search');
    expect(w.sources.filter((s) => s.path === 'README.md').map((s) => s.heading)).toEqual(['Add documents', 'Basic search', 'Custom search']);
    // (A section of another page goes on with no object of the README's.)
    expect(w.sources.some((s) => s.path === 'docs/search.md')).toBe(false);
  });
});

describe('pages beside the README', () => {
  it("reads a root page on the project's use (helpers.md) as docs; changelogs, contribution guides, agent notes and migration guides are no pages", async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-root-'));
    cpSync(ADAPTKIT, repo, { recursive: true });
    const block = ['```python', 'from adaptkit import Model, merge_adapters', 'm = Model.from_pretrained("x")', 'm = merge_adapters(m, ["a"], [1.0])', '```', ''];
    writeFileSync(path.join(repo, 'helpers.md'), ['# Helpers', '', '## Merge two adapters', '', ...block].join('\n'));
    for (const f of ['CHANGELOG.md', 'CONTRIBUTING.md', 'AGENTS.md', 'MIGRATION.md', 'NODE_VERSION_POLICY.md', 'DEVELOPMENT.md', 'BENCHMARKS.md']) writeFileSync(path.join(repo, f), ['# Notes', '', ...block].join('\n'));
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-rootw-')), name: 'acme_adaptkit', all: true });
    const first = ['# Helpers', '', '## Merge two adapters', '', ...block].findIndex((l) => l.startsWith('from adaptkit')) + 1;
    expect(m.candidates.find((x) => x.path === 'helpers.md')).toMatchObject({ kind: 'docs', heading: 'Merge two adapters', line: first, kept: true });
    expect(m.candidates.filter((x) => /^[A-Z_]+\.md$/.test(x.path) && x.path !== 'README.md')).toEqual([]);
  });

  it("reads no docs page on contributing to the project or on its changes, while one named like a class or a topic of use is read", async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-docproj-'));
    cpSync(ADAPTKIT, repo, { recursive: true });
    const block = ['```python', 'from adaptkit import Model, merge_adapters', 'm = Model.from_pretrained("x")', 'm = merge_adapters(m, ["a"], [1.0])', '```', ''];
    mkdirSync(path.join(repo, 'docs', 'api'), { recursive: true });
    for (const f of ['contributing.md', 'release-notes.md', 'CHANGELOG.md', 'code_of_conduct.md', 'testing.md', 'api/History.md']) writeFileSync(path.join(repo, 'docs', f), ['# Notes', '', ...block].join('\n'));
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-docprojw-')), name: 'acme_adaptkit', all: true });
    expect([...new Set(m.candidates.map((x) => x.path).filter((p) => p.startsWith('docs/')))].sort()).toEqual(['docs/api/History.md', 'docs/guide.md', 'docs/testing.md']);
  });

  it('reads no migration guide of the docs (by its title, else its file name, or its folder), and says so once per page; a page on migrations as a feature, or titled otherwise, is read', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-mig-'));
    cpSync(ADAPTKIT, repo, { recursive: true });
    const block = ['```python', 'from adaptkit import Model, merge_adapters', 'm = Model.from_pretrained("x")', 'm = merge_adapters(m, ["a"], [1.0])', '```', ''];
    const page = (title: string) => [title, '', '## Merge', '', ...block, '## Merge again', '', ...block].join('\n');
    const pages: Record<string, string> = {
      'docs/migration.md': page('# Migration Guide: v1 to v2'),
      'docs/upgrading.mdx': ['---', 'title: "Upgrading from 0.x"', '---', '', page('')].join('\n'),
      'docs/v2_migration_guide.md': ['## Merge', '', ...block].join('\n'),
      'docs/08-migration-guides/merge.md': page('# Merging adapters'),
      // Not migration guides: a tutorial kept under that file name, and migrations as a topic of the library.
      'docs/tutorials/migration.md': page('# Add adaptkit to your code'),
      'docs/schema.md': page('# Running migrations'),
    };
    for (const [f, text] of Object.entries(pages)) {
      mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
      writeFileSync(path.join(repo, f), text);
    }
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-migw-')), name: 'acme_adaptkit', all: true });
    const of = (p: string) => m.candidates.filter((c) => c.path === p);
    for (const p of ['docs/migration.md', 'docs/upgrading.mdx', 'docs/v2_migration_guide.md', 'docs/08-migration-guides/merge.md']) {
      expect(of(p)).toHaveLength(1);
      expect(of(p)[0]).toMatchObject({ kept: false, reason: expect.stringMatching(/^a migration guide \(.+\): it shows the API before a change as much as after it; its [12] code block\(s\) are not read$/) });
    }
    expect(of('docs/migration.md')[0].reason).toContain('titled "Migration Guide: v1 to v2"');
    expect(of('docs/upgrading.mdx')[0].reason).toContain('titled "Upgrading from 0.x"');
    expect(of('docs/v2_migration_guide.md')[0].reason).toContain('named v2_migration_guide.md');
    expect(of('docs/08-migration-guides/merge.md')[0].reason).toContain('in 08-migration-guides/');
    for (const p of ['docs/tutorials/migration.md', 'docs/schema.md']) expect(of(p).map((c) => c.heading)).toEqual(['Merge', 'Merge again']);
  });
});

describe("a JavaScript package's public surface", () => {
  it('leaves out the functions no entry of the package exports: a use case of its tests on them is not written', async () => {
    const repo = write({
      // `./*` → `./*` lets any file be imported as it lies; the package's API is what `.` exports.
      'package.json': JSON.stringify({ name: 'chatkit', exports: { '.': './dist/index.js', './*': './*' } }),
      'src/index.ts': "export { Client } from './client';\n",
      'src/client.ts':
        "import { formatHost } from './utils';\n\nexport class Client {\n  host: string;\n  constructor(opts: { host?: string } = {}) {\n    this.host = formatHost(opts.host ?? '');\n  }\n" +
        '  async generate(prompt: string): Promise<string> {\n    return prompt;\n  }\n  async evaluate(text: string): Promise<string> {\n    return text;\n  }\n  async save(path: string): Promise<void> {}\n}\n',
      'src/utils.ts':
        "export function formatHost(host: string): string {\n  return host || 'localhost';\n}\n\nexport function parseJSON(text: string): unknown {\n  return JSON.parse(text);\n}\n\nexport function retryDelay(attempt: number): number {\n  return attempt * 100;\n}\n",
      'examples/chat.ts': "import { Client } from 'chatkit';\n\nconst client = new Client();\nconst answer = await client.generate('hi');\nconst summary = await client.evaluate(answer);\nawait client.save(summary);\n",
      'test/utils.test.ts': "import { formatHost, parseJSON, retryDelay } from '../src/utils';\n\nformatHost('');\nparseJSON('{}');\nretryDelay(2);\n",
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-surface-')), name: 'acme_chatkit' });
    expect(m.workflows.map((w) => w.anchor)).not.toContain('formatHost');
    expect(m.workflows.flatMap((w) => w.steps.flatMap((s) => s.calls.map((c) => c.call.callee)))).not.toContain('formatHost');
    expect(m.workflows.some((w) => w.sources.some((s) => s.path === 'examples/chat.ts'))).toBe(true);
  });
});

describe("an example's own helpers", () => {
  it('a helper from the examples\' lib/ that runs the example (`run(async () => ...)`) is no step; the library calls inside are', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'chatkit', main: 'src/index.ts' }),
      'src/index.ts':
        'export class Client {\n  constructor(opts: { key: string }) {}\n  async generate(prompt: string): Promise<string> {\n    return prompt;\n  }\n  async evaluate(text: string): Promise<string> {\n    return text;\n  }\n  async save(path: string): Promise<void> {}\n}\n',
      'examples/lib/run.ts': 'export function run(fn: () => Promise<unknown>): void {\n  fn().catch((e) => console.error(e));\n}\n',
      'examples/chat.ts':
        "import { Client } from 'chatkit';\nimport { run } from './lib/run';\n\nrun(async () => {\n  const client = new Client({ key: 'k' });\n  const answer = await client.generate('hi');\n  const summary = await client.evaluate(answer);\n  await client.save(summary);\n});\n",
    });
    const calls = (await callsOf(repo)).get('examples/chat.ts')!;
    // Resolved to the example's own function, and still no step of the source.
    expect(calls.find((c) => c.callee === 'run')?.resolution).toMatchObject({ kind: 'repo', qualname: 'run' });
    const callees = buildSteps(calls).flatMap((s) => s.calls.map((c) => c.callee));
    expect(callees).toEqual(expect.arrayContaining(['client.generate', 'client.evaluate', 'client.save']));
    expect(callees).not.toContain('run');
  });
});

describe("the README's quick start", () => {
  const sdk = {
    'acme/__init__.py': 'from .client import Acme\n',
    'acme/client.py': [
      'class Completions:',
      '    def create(self, model, messages, stream=False):',
      '        """Creates a chat completion."""',
      '        return None',
      '',
      '',
      'class Chat:',
      '    def __init__(self):',
      '        self.completions = Completions()',
      '',
      '',
      'class Files:',
      '    def upload(self, path):',
      '        """Uploads a file."""',
      '        return None',
      '',
      '    def list(self):',
      '        """Lists the files."""',
      '        return []',
      '',
      '    def delete(self, file_id):',
      '        """Deletes a file."""',
      '        return None',
      '',
      '',
      'class Acme:',
      '    def __init__(self, api_key=None):',
      '        self.chat = Chat()',
      '        self.files = Files()',
      '',
    ].join('\n'),
    'tests/test_client.py': [
      'import acme',
      '',
      '',
      'def test_chat():',
      '    client = acme.Acme(api_key="k")',
      '    client.chat.completions.create(model="m", messages=[])',
      '    client.chat.completions.create(model="m", messages=[], stream=True)',
      '    client.files.upload("data.jsonl")',
      '',
    ].join('\n'),
  };
  const chat = (s: string) => `\`\`\`python\nimport acme\n\nclient = acme.Acme(${s})\ncompletion = client.chat.completions.create(model="m", messages=[])\nprint(completion)\n\`\`\`\n`;
  const written = async (files: Record<string, string>) => {
    const m = await extractWorkflows({ repo: write({ ...sdk, ...files }), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-qs-')), name: 'acme_sdk' });
    return m.workflows.find((w) => w.steps.some((s) => s.calls.some((c) => c.call.callee === 'client.chat.completions.create')));
  };

  it('is written when its client and its one call are all it shows: a step one source makes tops it up, from a test only the call\'s other way', async () => {
    const w = await written({ 'README.md': `# Acme\n\n## Usage\n\n${chat('')}\n## Retries\n\n${chat('api_key="k"')}` });
    expect(w?.steps.map((s) => s.title)).toEqual(['Create Acme Client', 'Create Chat Completion', 'Stream Chat Completion']);
    expect(w?.steps[2].calls[0].call.site.path).toBe('tests/test_client.py');
    expect(w?.rank).toBe(1);
  });

  it('is not topped up when a use case of steps enough shows its section', async () => {
    const files = '```python\nimport acme\n\nclient = acme.Acme()\nf = client.files.upload("data.jsonl")\nprint(client.files.list())\nclient.files.delete(f)\n```\n';
    const w = await written({ 'README.md': `# Acme\n\n## Usage\n\n${chat('')}\n${files}\n## Retries\n\n${chat('api_key="k"')}` });
    expect(w).toBeUndefined();
  });

  it('stays too short to be a workflow when it is no quick start (an example shows the same two calls)', async () => {
    const w = await written({ 'examples/chat.py': chat('').replace(/```(python)?\n/g, ''), 'examples/retries.py': chat('api_key="k"').replace(/```(python)?\n/g, '') });
    expect(w).toBeUndefined();
  });
});

describe('a resource\'s use case', () => {
  it('is anchored on the call that makes the resource, not on the lookup or clean-up after it', async () => {
    const repo = write({
      'acme/__init__.py': '',
      'acme/caches.py':
        'def create(model, contents):\n    """Create a cache."""\n    return {"name": model}\n\n\ndef list():\n    """List caches."""\n    return []\n\n\n' +
        'def update(name, ttl):\n    """Update a cache."""\n    return name\n\n\ndef delete(name):\n    """Delete a cache."""\n    return None\n',
      'acme/models.py': 'def generate(prompt, cache=None):\n    """Generate text."""\n    return prompt\n',
    });
    const H = 'from acme import caches, models\n';
    const lifecycle = `${H}c = caches.create("m", ["a long text"])\nfor x in caches.list():\n    print(x)\ncaches.update(c["name"], 60)\ncaches.delete(c["name"])\n`;
    // Other sources make caches to generate with (so `create` is the commoner call) but never delete one.
    const uses = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => analysed(repo, `${H}c = caches.create("${k}", ["t"])\nmodels.generate("hi", cache=c)\nmodels.generate("again", cache=c)\n`, `examples/use_${k}.py`)));
    const sample = await analysed(repo, lifecycle, 'examples/caches.py');
    const ctx = { repoName: 'acme_x', runtime: 'Python' as const, modelDomains: [], existingImplementations: new Set<string>(), all: true };
    const { workflows } = buildWorkflows([sample, ...uses], { suggestions: [], purposes: new Map() }, ctx);
    const w = workflows.find((x) => x.sources.some((s) => s.path === 'examples/caches.py'))!;
    expect(w.anchor).toBe('caches.create');
    expect(w.name).not.toMatch(/Delet/);
    // A lookup with no making before it keeps its own anchor.
    const lookup = await analysed(repo, `${H}for x in caches.list():\n    caches.update(x, 5)\n    caches.delete(x)\n`, 'examples/cleanup.py');
    const alone = buildWorkflows([lookup], { suggestions: [], purposes: new Map() }, ctx).workflows[0];
    expect(alone.anchor).toBe('caches.delete');
  });

  it('is anchored on a module function that makes it, by the object alone (one or many), not on its removal', async () => {
    const repo = write({
      'acme/__init__.py': 'from acme.hub import create_repo, upload_file, delete_files, whoami\n',
      'acme/hub.py':
        'def create_repo(name):\n    """Create a repository."""\n    return name\n\n\ndef upload_file(repo, path):\n    """Upload a file."""\n    return path\n\n\n' +
        'def delete_files(repo, paths):\n    """Delete files."""\n    return None\n\n\ndef whoami():\n    """Who is signed in."""\n    return "me"\n',
    });
    const H = 'from acme import create_repo, upload_file, delete_files, whoami\n';
    const quick = await analysed(repo, `${H}create_repo("r")\nupload_file("r", "a.bin")\ndelete_files("r", ["a.bin"])\n`, 'examples/quick.py');
    // Other sources upload (so uploading is the commoner call) but never delete.
    const uses = await Promise.all(['a', 'b', 'c'].map((k) => analysed(repo, `${H}whoami()\nupload_file("r", "${k}.bin")\n`, `examples/use_${k}.py`)));
    const ctx = { repoName: 'acme_x', runtime: 'Python' as const, modelDomains: [], existingImplementations: new Set<string>(), all: true };
    const { workflows } = buildWorkflows([quick, ...uses], { suggestions: [], purposes: new Map() }, ctx);
    const w = workflows.find((x) => x.sources.some((s) => s.path === 'examples/quick.py'))!;
    expect(w.anchor).toBe('upload_file');
    expect(w.name).not.toMatch(/Delet/);
  });
});

describe('a helper class of the examples', () => {
  it('is followed into: its methods\' library calls are the steps, at their real call sites', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'from acme.client import Client\n',
      'acme/client.py': 'class Client:\n    def web_search(self, query):\n        """Search."""\n        return [query]\n\n    def web_fetch(self, url):\n        """Fetch."""\n        return url\n\n    def chat(self, model, messages):\n        """Chat."""\n        return messages\n',
      'examples/browser_helper.py': 'from acme import Client\n\n\nclass Browser:\n    def __init__(self, client: Client):\n        self._client = client\n\n    def search(self, query):\n        return self._client.web_search(query)\n\n    def open(self, url):\n        return self._client.web_fetch(url)\n',
      'examples/web_search.py': 'from acme import Client\nfrom browser_helper import Browser\n\nclient = Client()\nbrowser = Browser(client)\nhits = browser.search("goldpath")\npage = browser.open(hits[0])\nclient.chat("m", messages=[page])\n',
    });
    const calls = (await callsOf(repo)).get('examples/web_search.py')!;
    const steps = buildSteps(calls).map((s) => s.calls[0]);
    expect(steps.map((c) => c.callee)).toEqual(expect.arrayContaining(['self._client.web_search', 'self._client.web_fetch', 'client.chat']));
    expect(steps.map((c) => c.callee)).not.toContain('browser.search');
    expect(steps.find((c) => c.callee === 'self._client.web_search')?.site.path).toBe('examples/browser_helper.py');
  });
});

describe('test frameworks', () => {
  it('make no step: a fixture, a parametrisation or a mock is the test\'s machinery, the library calls in it are steps', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\ndependencies = ["pytest"]\n',
      'acme/__init__.py': 'def load(name):\n    """Load."""\n    return name\n\n\ndef train(model):\n    """Train."""\n    return model\n\n\ndef save(model, path):\n    """Save."""\n    return path\n',
      'tests/test_train.py': 'import pytest\nfrom acme import load, save, train\n\n\n@pytest.fixture\ndef model_path(tmp_path):\n    save(load("x"), str(tmp_path))\n    return str(tmp_path)\n\n\nclass TestTrain:\n    @pytest.mark.parametrize("path", ["a", "b"])\n    def test_train(self, model_path, path):\n        m = train(load(model_path))\n        save(m, path)\n',
    });
    const calls = (await callsOf(repo)).get('tests/test_train.py')!;
    const fixture = calls.find((c) => c.callee === 'pytest.fixture');
    expect(fixture?.resolution.kind).toBe('external');
    const mains = buildSteps(calls).map((s) => s.calls[0].callee);
    expect(mains.some((c) => c.startsWith('pytest'))).toBe(false);
    expect(mains).toEqual(expect.arrayContaining(['train', 'save']));
  });
});

/** The naming of each call of `examples/run.py` in a package `acme` made of `init` (its `__init__.py`), by callee. */
async function namedIn(init: string, run: string): Promise<(callee: string) => ReturnType<typeof nameCall>> {
  const repo = write({ 'pyproject.toml': '[project]\nname = "acme"\n', 'acme/__init__.py': init, 'examples/run.py': run });
  const calls = (await callsOf(repo)).get('examples/run.py')!;
  return (callee) => nameCall(calls.find((c) => c.callee === callee)!);
}

describe('a class named for its role', () => {
  it('keeps its ending in the title when the role\'s verb does not say what it makes', async () => {
    const named = await namedIn('class LocalTokenizer:\n    def __init__(self, vocab):\n        self.vocab = vocab\n\n\nclass ImageDataset:\n    def __init__(self, root):\n        self.root = root\n\n\nclass SFTTrainer:\n    def __init__(self, data):\n        self.data = data\n', 'from acme import ImageDataset, LocalTokenizer, SFTTrainer\n\ntok = LocalTokenizer("v.txt")\ndata = ImageDataset("imgs")\ntrainer = SFTTrainer(data)\n');
    const title = (callee: string) => titleOf(named(callee));
    expect(title('LocalTokenizer')).toBe('Load Local Tokenizer');
    expect(title('ImageDataset')).toBe('Prepare Image Dataset');
    // A trainer's verb says it: Train SFT.
    expect(title('SFTTrainer')).toBe('Train SFT');
  });

  it('keeps a joining word inside its name (ChainOfThought, BitsAndBytesConfig)', async () => {
    const named = await namedIn('class ChainOfThought:\n    def __init__(self, signature):\n        self.signature = signature\n\n\nclass BitsAndBytesConfig:\n    def __init__(self, bits):\n        self.bits = bits\n', 'from acme import BitsAndBytesConfig, ChainOfThought\n\ncot = ChainOfThought("q -> a")\nq = BitsAndBytesConfig(4)\n');
    expect(titleOf(named('ChainOfThought'))).toBe('Create Chain Of Thought');
    expect(principleOf(named('ChainOfThought'))).toBe('Chain_Of_Thought_Setup');
    expect(titleOf(named('BitsAndBytesConfig'))).toBe('Configure Bits And Bytes');
  });

  it('reads a training or evaluation example (Example, InputExample) as data made for the work, like a configuration object', async () => {
    const named = await namedIn('class Example:\n    def __init__(self, **kw):\n        self.kw = kw\n\n\nclass InputExample:\n    def __init__(self, texts, label):\n        self.texts = texts\n\n\nclass Evaluate:\n    def __init__(self, devset):\n        self.devset = devset\n\n    def run(self, program):\n        return program\n', 'from acme import Evaluate, Example, InputExample\n\ndevset = [Example(question="q", answer="a")]\npairs = [InputExample(texts=["a", "b"], label=1.0)]\nev = Evaluate(devset=devset)\nev.run(pairs)\n');
    expect(named('Example').role).toBe('configure');
    expect(titleOf(named('Example'))).toBe('Create Example');
    expect(named('InputExample').role).toBe('configure');
    expect(titleOf(named('InputExample'))).toBe('Create Input Example');
  });
});

describe('a name without a milestone verb', () => {
  it('reads its own verb, a conversion or a factory named like a class, never "Call X"', async () => {
    const named = await namedIn('class Dataset:\n    def take(self, n):\n        return self\n\n    def to_iterable_dataset(self):\n        return self\n\n    def cast_column(self, name, feature):\n        return self\n\n    def unload(self):\n        return None\n\n\ndef InputField(desc=""):\n    return desc\n\n\ndef load() -> Dataset:\n    return Dataset()\n', 'from acme import InputField, load\n\nds = load()\nds = ds.cast_column("audio", 16000)\nfirst = ds.take(3)\nit = ds.to_iterable_dataset()\nds.unload()\nq = InputField(desc="question")\n');
    expect(titleOf(named('ds.take'))).toBe('Take');
    expect(titleOf(named('ds.cast_column'))).toBe('Cast Column');
    // (`cast_column` returns `self`: `ds` is still the Dataset, which the unload acts on.)
    expect(titleOf(named('ds.unload'))).toBe('Unload Dataset');
    expect(titleOf(named('ds.to_iterable_dataset'))).toBe('Convert to Iterable Dataset');
    expect(principleOf(named('ds.to_iterable_dataset'))).toBe('Iterable_Dataset_Conversion');
    // A conversion still takes another call's result another way (it joins a run it is chained on).
    expect(named('ds.to_iterable_dataset').verbless).toBe(true);
    expect(titleOf(named('InputField'))).toBe('Create Input Field');
    // Every one keeps the role it had: no milestone of its own.
    expect(['ds.take', 'ds.cast_column', 'ds.to_iterable_dataset', 'InputField'].map((c) => named(c).role)).toEqual(['other', 'other', 'other', 'other']);
  });

  it('a function named by the class of what it returns makes it (Create Tool); an `as_*` method converts', async () => {
    const named = await namedIn('class FunctionTool:\n    pass\n\n\nclass Agent:\n    def as_tool(self) -> FunctionTool:\n        return FunctionTool()\n\n\ndef tool(fn) -> FunctionTool:\n    return FunctionTool()\n\n\ndef weather(city) -> str:\n    return city\n', 'from acme import Agent, tool, weather\n\nt = tool(print)\nsub = Agent()\nas_t = sub.as_tool()\nw = weather("Paris")\n');
    expect(titleOf(named('tool'))).toBe('Create Tool');
    expect(principleOf(named('tool'))).toBe('Tool_Creation');
    expect(titleOf(named('sub.as_tool'))).toBe('Convert to Tool');
    // A value it returns, of no class named after it, is what it gets.
    expect(titleOf(named('weather'))).toBe('Get Weather');
  });

  it('a bare `get` function fetches what it returns; a `get_*` that returns an instance makes one', async () => {
    const named = await namedIn('class Response:\n    pass\n\n\nclass Model:\n    pass\n\n\ndef get(url) -> Response:\n    return Response()\n\n\ndef get_peft_model(model) -> Model:\n    return Model()\n', 'import acme\n\nresponse = acme.get("https://example.org")\npeft_model = acme.get_peft_model("m")\n');
    expect(principleOf(named('acme.get'))).toBe('Response_Retrieval');
    expect(principleOf(named('acme.get_peft_model'))).toBe('PEFT_Model_Creation');
  });

  it('a session commits: a verb of its own, not "Call Commit"', async () => {
    const named = await namedIn('class Session:\n    def commit(self):\n        return None\n', 'import acme\n\nsession = acme.Session()\nsession.commit()\n');
    expect(titleOf(named('session.commit'))).toBe('Commit Session');
    expect(named('session.commit').role).toBe('save');
    expect(principleOf(named('session.commit'))).toBe('Session_Commit');
  });

  it('an HTTP method given a path and an inline handler defines a route; given a URL it sends a request', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'mini-web', main: 'src/index.ts' }),
      'src/index.ts': [
        'type Handler = (c: { text(s: string): string }) => string;',
        'export class App {',
        '  get(path: string, ...handlers: Handler[]): App {',
        '    void path;',
        '    void handlers;',
        '    return this;',
        '  }',
        '  post(path: string, ...handlers: Handler[]): App {',
        '    void path;',
        '    void handlers;',
        '    return this;',
        '  }',
        '}',
        'export function post(url: string, body: string): string {',
        '  return url + body;',
        '}',
        '',
      ].join('\n'),
      'examples/app.ts': [
        "import { App, post } from 'mini-web';",
        '',
        'const app = new App();',
        "app.get('/', (c) => c.text('Hello!'));",
        "app.post('/users', async function (c) { return c.text('ok'); });",
        "post('https://example.org/users', 'x');",
        '',
      ].join('\n'),
    });
    const calls = (await callsOf(repo)).get('examples/app.ts')!;
    const title = (callee: string) => titleOf(nameCall(calls.find((c) => c.callee === callee)!));
    expect([title('app.get'), title('app.post')]).toEqual(['Define GET Route', 'Define POST Route']);
    expect(principleOf(nameCall(calls.find((c) => c.callee === 'app.get')!))).toBe('GET_Route_Definition');
    // A URL is no route's path: that call sends the request.
    expect(title('post')).toBe('Send POST Request');
  });

  it('a call named by an HTTP method sends a request that way', async () => {
    const named = await namedIn('class Response:\n    pass\n\n\ndef post(url, data=None) -> Response:\n    return Response()\n\n\nclass Client:\n    def put(self, url, data=None) -> Response:\n        return Response()\n', 'import acme\n\nresponse = acme.post("https://example.org", data={"k": "v"})\nclient = acme.Client()\nupdated = client.put("https://example.org", data={})\n');
    expect(titleOf(named('acme.post'))).toBe('Send POST Request');
    expect(principleOf(named('acme.post'))).toBe('POST_Request_Sending');
    expect(titleOf(named('client.put'))).toBe('Send PUT Request');
  });

  it('so does any HTTP method whose definition says it sends that request; one that does not say so keeps its verb', async () => {
    const lib = [
      'class Response:',
      '    pass',
      '',
      '',
      ...['get', 'delete', 'head', 'options', 'patch'].flatMap((m) => [`def ${m}(url) -> Response:`, `    """Sends a \`${m.toUpperCase()}\` request."""`, '    return Response()', '', '']),
      'class Store:',
      '    def delete(self, key):',
      '        """Delete the request body stored under key."""',
      '        return key',
      '',
    ].join('\n');
    const named = await namedIn(lib, 'import acme\n\nr = acme.get("u")\nacme.delete("u")\nacme.head("u")\nacme.options("u")\nacme.patch("u")\nstore = acme.Store()\nstore.delete("k")\n');
    expect(['acme.get', 'acme.delete', 'acme.head', 'acme.options', 'acme.patch'].map((c) => titleOf(named(c)))).toEqual(['Send GET Request', 'Send DELETE Request', 'Send HEAD Request', 'Send OPTIONS Request', 'Send PATCH Request']);
    expect(principleOf(named('acme.delete'))).toBe('DELETE_Request_Sending');
    // (The method is not in capitals: a request body deleted, no DELETE request.)
    expect(titleOf(named('store.delete'))).not.toMatch(/Request/);
  });

  it('a one-letter variable names nothing a call makes: the parameter it is given does', async () => {
    const named = await namedIn('class Response:\n    pass\n\n\nclass Client:\n    def get(self, url) -> Response:\n        return Response()\n', 'from acme import Client\n\nclient = Client()\nr = client.get("https://example.org")\n');
    expect(principleOf(named('client.get'))).toBe('URL_Retrieval');
  });

  it("a class's alternative constructor loads the class from what its name says (Load Template from String)", async () => {
    const named = await namedIn('class Template:\n    @classmethod\n    def from_string(cls, text):\n        return cls()\n\n\nclass ConfigMixin:\n    @classmethod\n    def from_config(cls, config):\n        return cls()\n\n    @classmethod\n    def from_pretrained(cls, name):\n        return cls()\n\n\nclass LCMScheduler(ConfigMixin):\n    pass\n\n\ndef from_text(text):\n    return Template()\n', 'import acme\nfrom acme import LCMScheduler, Template\n\nt = Template.from_string("Hi {{ name }}")\ns = LCMScheduler.from_config({"steps": 4})\np = LCMScheduler.from_pretrained("org/lcm")\nu = acme.from_text("x")\n');
    expect(titleOf(named('Template.from_string'))).toBe('Load Template from String');
    expect(principleOf(named('Template.from_string'))).toBe('Template_String_Loading');
    // Inherited from a base class, it is the class it is called on that is loaded.
    expect(titleOf(named('LCMScheduler.from_config'))).toBe('Load LCM Scheduler from Config');
    expect(principleOf(named('LCMScheduler.from_config'))).toBe('Scheduler_Config_Loading');
    expect(named('LCMScheduler.from_config').role).toBe('load');
    // (`from_pretrained` names no source: the class is what it loads, as before; a module's function has no class.)
    expect(titleOf(named('LCMScheduler.from_pretrained'))).toBe('Load LCM Scheduler');
    expect(titleOf(named('acme.from_text'))).toBe('Load Text');
  });
});

describe('domains', () => {
  it("a workflow that calls no other library takes the repository's subject, not its plumbing nor the first tags alphabetically", async () => {
    const sec = (h: string, fn: string) => [`## ${h}`, '', '```python', 'from pkg import Client', 'c = Client()', `c.${fn}("a")`, `c.${fn}_more("b")`, `c.${fn}_done("c")`, '```', ''];
    const files = (deps: string[], name = 'pkg') => ({
      'pyproject.toml': `[project]\nname = "${name}"\ndependencies = [${deps.map((d) => `"${d}"`).join(', ')}]\n`,
      'README.md': ['# pkg', '', 'Structured answers.', '', ...sec('Extract', 'extract')].join('\n'),
      'pkg/__init__.py': 'from .client import Client\n',
      'pkg/client.py': ['class Client:', ...['extract', 'extract_more', 'extract_done'].flatMap((f) => [`    def ${f}(self, text):`, '        return text', '']), ''].join('\n'),
    });
    const domains = async (deps: string[], name?: string) => {
      const m = await extractWorkflows({ repo: write(files(deps, name)), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-dom-')), name: 'acme_pkg' });
      return m.workflows.map((w) => w.domains);
    };
    // typer (CLI) and pillow (Computer_Vision) sort first; openai, the first subject listed, says what the library is for.
    expect(await domains(['typer', 'openai', 'pillow', 'pydantic'])).toEqual([['LLMs']]);
    expect(await domains(['typer', 'torch', 'openai'])).toEqual([['Deep_Learning']]);
    // Only plumbing: the first one listed.
    expect(await domains(['pydantic', 'httpx'])).toEqual([['Data_Validation']]);
    // What the project's own name stands for comes first (`anthropic`, or a word of it: LLMs).
    expect(await domains(['httpx', 'datasets'], 'anthropic')).toEqual([['LLMs']]);
    expect(await domains(['httpx', 'datasets'], '@anthropic-ai/sdk')).toEqual([['LLMs']]);
  });
});
