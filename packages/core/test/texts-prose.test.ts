// Page texts a reader can check line by line: each prose sentence names the line of its own paragraph
// (not the code block's), the paragraph right around the code introduces the use case, lead-ins and
// pointers ("Here is a basic example of how to use X", "can be found in ...") and pasted command lines
// are no sentences, markup is read as text, a test's docstring says what the test checks (no use-case
// prose), parameters other sources set are only parameters the definition declares, and a part with
// nothing to say stays empty instead of a formula.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import type { GoldpathModel, Step, Workflow } from '../src/model.js';
import { docParagraphs, firstSentences, opens, plainProse } from '../src/group/texts.js';
import { lineOf, write } from './repos.js';
import { PROSE_FILLER } from '../src/heuristics/tables.js';
import { docLinks } from '../src/text/doc-links.js';
import { firstSentence } from '../src/lang/python/docstring.js';

async function modelOf(repo: string): Promise<GoldpathModel> {
  return extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-prose-')), name: 'acme_kit' });
}

function workflowWith(model: GoldpathModel, callee: string): Workflow {
  const w = model.workflows.find((x) => x.steps.some((s) => s.calls.some((c) => c.call.callee === callee)));
  if (!w) throw new Error(`no workflow calls ${callee}: ${model.workflows.map((x) => x.name).join(', ')}`);
  return w;
}

function stepOf(w: Workflow, callee: string): Step {
  return w.steps.find((s) => s.calls[0].call.callee === callee)!;
}

const PACKAGE: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "kit"\nversion = "0.1"\n',
  'kit/__init__.py': 'from .core import Model, Trainer, load_data\n',
  'kit/core.py': [
    'class Model:',
    '    """A small language model. See the [guide](https://example.org/guide) for **all** options."""',
    '',
    '    @classmethod',
    '    def from_pretrained(cls, name, dtype="float32"):',
    '        """Load a pretrained model by name."""',
    '        return cls()',
    '',
    '    def save(self, path, fmt="bin"):',
    '        """Write the model to ``path``.',
    '',
    '        Args:',
    '            path: the folder to write.',
    '            fmt: the file format.',
    '        """',
    '',
    '',
    'def load_data(path, split="train", shuffle=False):',
    '    """Load the records of a split."""',
    '    return []',
    '',
    '',
    'class Trainer:',
    '    """Train a model on records."""',
    '',
    '    def __init__(self, model, data, epochs=1, lr=0.001):',
    '        """Initialize Trainer."""',
    '        self.model = model',
    '',
    '    def train(self):',
    '        """Run the training loop."""',
    '',
  ].join('\n'),
};

const README = [
  '# kit',
  '',
  'Small models, trained fast.',
  '',
  '## Fine-tuning',
  '',
  'The full API of this library can be found in [api.md](api.md).',
  '',
  'The `Trainer` fits a model to your records in a few lines',
  'and saves it for serving.',
  '',
  '```python',
  'from kit import Model, Trainer, load_data',
  '',
  'model = Model.from_pretrained("acme/small")',
  'data = load_data("data/train.jsonl", split="train")',
  'trainer = Trainer(model, data, epochs=3)',
  'trainer.train()',
  'model.save("out/model")',
  '```',
  '',
  '> [!NOTE]',
  '> Pass `lr` to [Trainer](https://example.org/trainer) for **large** models.',
  '',
].join('\n');

const QUICK_START = [
  '# kit',
  '',
  '## Quick start',
  '',
  'Here is a basic example of how to use the `Trainer`:',
  '',
  '```python',
  'from kit import Model, Trainer, load_data',
  '',
  'model = Model.from_pretrained("acme/tiny")',
  'trainer = Trainer(model, load_data("data/chat.jsonl"))',
  'trainer.train()',
  'model.save("out/tiny")',
  '```',
  '',
].join('\n');

/** A script's lines that train and save a model. */
const TRAIN_LINES = ['from kit import Model, Trainer, load_data', '', 'model = Model.from_pretrained("acme/small")', 'trainer = Trainer(model, load_data("data/train.jsonl"))', 'trainer.train()', 'model.save("out/model")'];

describe('prose sentences traced to their own lines', () => {
  it('the paragraph right before the code introduces it; pointers and lead-ins are left out; the note after it is its own sentence', async () => {
    const repo = write({ ...PACKAGE, 'README.md': README });
    const line = (needle: string) => lineOf(repo, 'README.md', needle);
    const model = await modelOf(repo);
    const w = workflowWith(model, 'Trainer');
    const all = [...w.traces.overview, ...w.traces.description, ...w.traces.usage];
    expect(w.traces.overview).toEqual([{ text: 'The `Trainer` fits a model to your records in a few lines and saves it for serving.', from: 'prose', at: { path: 'README.md', line: line('The `Trainer` fits') } }]);
    // The note after the block: its marker, link and bold read as text, at its own line.
    expect(w.traces.description).toContainEqual({ text: 'Pass `lr` to Trainer for large models.', from: 'prose', at: { path: 'README.md', line: line('[!NOTE]') } });
    for (const t of all) {
      expect(t.text).not.toMatch(/can be found in|Here is a basic example|\[!NOTE\]|\]\(|\*\*/);
      // Every prose sentence's line is the first line of the paragraph it was read from, not the code's.
      if (t.from === 'prose') expect(['The `Trainer` fits', '[!NOTE]'].map(line)).toContain(t.at!.line);
    }
  });

  it("doc-builder cross-references ([`Trainer`], [`~kit.core.Trainer.train`]) read as the code span the built docs show", async () => {
    const readme = README.replace('The `Trainer` fits a model', 'The [`Trainer`] fits a model').replace('and saves it for serving.', 'and [`~kit.core.Trainer.train`] saves it for serving.');
    const repo = write({ ...PACKAGE, 'README.md': readme });
    const w = workflowWith(await modelOf(repo), 'Trainer');
    expect(w.traces.overview.map((t) => t.text)).toEqual(['The `Trainer` fits a model to your records in a few lines and `train` saves it for serving.']);
    expect(docLinks('Use [`PeftMixedModel`] or [`~PeftModel.add_adapter`], not [`x`](https://x.org) nor [text].')).toBe('Use `PeftMixedModel` or `add_adapter`, not [`x`](https://x.org) nor [text].');
    expect(firstSentence('Wraps [`~transformers.PreTrainedModel`] with adapters.\n\nArgs:\n    model: the model')).toBe('Wraps `PreTrainedModel` with adapters.');
  });

  it('a section whose only prose is a lead-in to the code opens with the API docstring instead', async () => {
    const repo = write({ ...PACKAGE, 'README.md': QUICK_START });
    const w = workflowWith(await modelOf(repo), 'Trainer');
    expect(w.traces.overview).toEqual([{ text: 'Run the training loop.', from: 'docstring', at: { path: 'kit/core.py', line: lineOf(repo, 'kit/core.py', 'def train(') } }]);
    // A docstring that only says a verb and the API's name ("Initialize Trainer.") is no sentence of a page.
    for (const x of [...w.traces.description, ...w.steps.flatMap((st) => st.trace)]) expect(x.text).not.toContain('Initialize Trainer');
    for (const t of [...w.traces.overview, ...w.traces.description]) expect(t.text).not.toMatch(/Here is a basic example/);
    // The paragraph after the code says what follows it: the API's own words open the page before it does.
    const after = QUICK_START.replace('```\n', '```\n\nFor larger records, pass more epochs to the trainer and save to a bigger disk.\n');
    const w2 = workflowWith(await modelOf(write({ ...PACKAGE, 'README.md': after })), 'Trainer');
    expect(w2.traces.overview.map((t) => t.text)).toEqual(['Run the training loop.']);
  });

  it("a lead-in section on the page's first example, with no docstring to speak for it, opens with the page's own opening paragraph (not a note, a pointer, a list or an install line); a later example does not", async () => {
    const opening = [
      '# kit',
      '',
      '> [!NOTE]',
      '> This is version 2 of kit, a major rework of the library and its whole training interface.',
      '',
      'The documentation of kit lives at [the docs site](https://example.org).',
      '',
      '- Kit runs every model on one small machine without any setup.',
      '',
      'Kit trains small language models on your own records in minutes. It saves them in one folder for serving.',
      '',
      '## Install',
      '',
      '```bash',
      'pip install kit',
      '```',
      '',
      ...QUICK_START.slice(QUICK_START.indexOf('## Quick start')).split('\n'),
      '## Inference',
      '',
      'Then, like this:',
      '',
      '```python',
      'from kit import Model',
      '',
      'model = Model.from_pretrained("acme/tiny")',
      'model.save("out/again")',
      '```',
      '',
    ].join('\n');
    // (An API with no docstrings: the API's own words would come first.)
    const bare = 'class Model:\n    @classmethod\n    def from_pretrained(cls, name):\n        return cls()\n\n    def save(self, path):\n        pass\n\n\nclass Trainer:\n    def __init__(self, model, data, epochs=1):\n        self.model = model\n\n    def train(self):\n        pass\n\n\ndef load_data(path):\n    return []\n';
    const repo = write({ ...PACKAGE, 'kit/core.py': bare, 'README.md': opening });
    const at = { path: 'README.md', line: lineOf(repo, 'README.md', 'Kit trains small') };
    const model = await modelOf(repo);
    const w = workflowWith(model, 'Trainer');
    expect(w.traces.overview).toEqual([{ text: 'Kit trains small language models on your own records in minutes.', from: 'prose', at }]);
    expect(w.traces.description[0]).toEqual({ text: 'It saves them in one folder for serving.', from: 'prose', at });
    // The later example is introduced by its own section or the API, never by the page's opening.
    for (const x of model.workflows.filter((x) => x !== w)) for (const t of [...x.traces.overview, ...x.traces.description]) expect(t.text).not.toMatch(/Kit trains|saves them in one folder/);
  });

  it("with no prose and no docstring of the distinctive API, the overview is a milestone step's docstring that says what the workflow's name says", async () => {
    const kit = {
      ...PACKAGE,
      'kit/__init__.py': 'from .core import Model, Trainer, load_data\nfrom .gen import generate, tokenize\n',
      'kit/gen.py': 'def tokenize(text):\n    return [text]\n\n\ndef generate(model, ids):\n    return ids\n',
    };
    const page = ['# kit', '', '## Model inference', '', 'To run a model on a prompt:', '', '```python', 'from kit import Model, generate, tokenize', '', 'model = Model.from_pretrained("acme/tiny")', 'ids = tokenize("hi")', 'out = generate(model, ids)', '```', ''].join('\n');
    const repo = write({ ...kit, 'README.md': page });
    const w = workflowWith(await modelOf(repo), 'generate');
    expect(w.name).toMatch(/Model/);
    expect(w.traces.overview).toEqual([{ text: 'Load a pretrained model by name.', from: 'docstring', at: { path: 'kit/core.py', line: lineOf(repo, 'kit/core.py', '@classmethod') } }]);
  });

  it("with no prose around the code and no docstring, the overview is the docs page's summary in its front matter, at its line", async () => {
    const kit = {
      ...PACKAGE,
      'kit/__init__.py': 'from .core import Model, Trainer, load_data\nfrom .gen import generate, tokenize\n',
      'kit/core.py': PACKAGE['kit/core.py'].replace('        """Load a pretrained model by name."""\n', ''),
      'kit/gen.py': 'def tokenize(text):\n    return [text]\n\n\ndef generate(model, ids):\n    return ids\n',
    };
    const page = ['---', 'title: Inference', 'description: Run a small model on your prompts, one batch at a time.', '---', '', '# Inference', '', 'Kit is small.', '', '```python', 'import kit', '```', '', '## Tokens in, tokens out', '', '```python', 'from kit import Model, generate, tokenize', '', 'model = Model.from_pretrained("acme/tiny")', 'ids = tokenize("hi")', 'out = generate(model, ids)', '```', ''].join('\n');
    const repo = write({ ...kit, 'docs/inference.md': page, 'README.md': '# kit\n' });
    const w = workflowWith(await modelOf(repo), 'generate');
    expect(w.traces.overview).toEqual([{ text: 'Run a small model on your prompts, one batch at a time.', from: 'prose', at: { path: 'docs/inference.md', line: 3 } }]);
  });

  it("with nothing else said, the overview is the README's definition of the term it names the use case by, at its line", async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "align"\n',
      'align/__init__.py': 'from .train import DPOTrainer, load_model\n',
      'align/train.py': 'def load_model(name):\n    return name\n\n\nclass DPOTrainer:\n    def __init__(self, model):\n        self.model = model\n\n    def train(self):\n        return self\n\n    def save_model(self, path):\n        return path\n',
      // A script with a command line for a docstring, and a README that only lists what the methods are.
      'scripts/dpo.py': '"""\npython scripts/dpo.py --model m\n"""\nfrom align import DPOTrainer, load_model\n\nmodel = load_model("m")\ntrainer = DPOTrainer(model)\ntrainer.train()\ntrainer.save_model("out")\n',
      'README.md': ['# align', '', '## Methods', '', '```bash', 'pip install align', '```', '', '* **Direct preference optimisation (DPO):** a powerful and promising alternative to PPO.', '* **Pretraining**: not defined here.', ''].join('\n'),
    });
    const w = workflowWith(await modelOf(repo), 'DPOTrainer');
    expect(w.traces.overview).toEqual([{ text: 'Direct preference optimisation (DPO): a powerful and promising alternative to PPO.', from: 'prose', at: { path: 'README.md', line: lineOf(repo, 'README.md', '* **Direct') } }]);
  });

  it("a script's docstring: its title is the overview, traced to the docstring's own line; a pasted command line is no sentence", async () => {
    const script = [
      '#!/usr/bin/env python3',
      '# Copyright the kit authors.',
      '',
      '"""',
      'Starter script for training a kit model',
      '',
      'Loads a model and the records, trains it and saves it.',
      '',
      'Usage: python train.py --model acme/small --epochs 3 \\',
      '    --out out/model --lr 0.001',
      '',
      'Run `python train.py --help` for all options.',
      '"""',
      ...TRAIN_LINES,
      '',
    ].join('\n');
    const repo = write({ ...PACKAGE, 'examples/train.py': script });
    const line = (needle: string) => lineOf(repo, 'examples/train.py', needle);
    const w = workflowWith(await modelOf(repo), 'Trainer');
    expect(w.traces.overview).toEqual([{ text: 'Starter script for training a kit model.', from: 'prose', at: { path: 'examples/train.py', line: line('Starter script') } }]);
    expect(w.traces.description.filter((t) => t.from === 'prose')).toEqual([
      { text: 'Starter script for training a kit model.', from: 'prose', at: { path: 'examples/train.py', line: line('Starter script') } },
      { text: 'Loads a model and the records, trains it and saves it.', from: 'prose', at: { path: 'examples/train.py', line: line('Loads a model') } },
    ]);
    // How to run it, in the docstring's words, goes to Usage.
    expect(w.traces.usage[0]).toEqual({ text: 'Run `python train.py --help` for all options.', from: 'prose', at: { path: 'examples/train.py', line: line('Run `python') } });
  });

  it('a script\'s docstring that opens with "This is ..." speaks of the script: that sentence opens the page', async () => {
    const script = ['"""Kit Training', '', 'This is intended to be a lean and easily modified training script for kit models.', 'Repurpose as you see fit.', '"""', ...TRAIN_LINES, ''].join('\n');
    const repo = write({ ...PACKAGE, 'examples/train.py': script });
    const w = workflowWith(await modelOf(repo), 'Trainer');
    expect(w.traces.overview).toEqual([{ text: 'This is intended to be a lean and easily modified training script for kit models.', from: 'prose', at: { path: 'examples/train.py', line: lineOf(repo, 'examples/train.py', 'This is intended') } }]);
    // Only there: further on, "This is" goes on from the sentence before it.
    const later = ['"""Kit Training', '', 'Trains a kit model on the records and saves it.', '', 'This is intended to be lean. Repurpose as you see fit.', '"""', ...TRAIN_LINES, ''].join('\n');
    const again = workflowWith(await modelOf(write({ ...PACKAGE, 'examples/train.py': later })), 'Trainer');
    expect(again.traces.overview.map((t) => t.text)).toEqual(['Trains a kit model on the records and saves it.']);
  });

  it("a test's docstring says what the test checks: no prose of the use case", async () => {
    const test = ['"""Regression test: the trainer must not crash on an empty split."""', 'from kit import Model, Trainer, load_data', '', '', 'def test_empty():', '    model = Model.from_pretrained("acme/small")', '    trainer = Trainer(model, load_data("data/empty.jsonl"))', '    trainer.train()', '    model.save("out/model")', ''].join('\n');
    const repo = write({ ...PACKAGE, 'tests/test_empty.py': test });
    const model = await modelOf(repo);
    for (const w of model.workflows) for (const t of [...w.traces.overview, ...w.traces.description]) expect(t.text).not.toMatch(/Regression test/);
  });

  it('PROSE_FILLER: lead-ins, pointers and pasted commands, not sentences that say what the code does', () => {
    const filler = [
      'Here is a basic example of how to use the `SFTTrainer`.',
      'Below is the script to train the model.',
      'Execute the script using the following command.',
      'A minimal end-to-end example.',
      'The full API of this library can be found in api.md file along with many code examples.',
      'See the manual conversation state example and conversation state guide.',
      'The messages look like this.',
      'Usage: python cli.py --model x --epochs 3 --out y.',
      'Import or require the package:',
      'Install the library with pip.',
    ];
    const kept = [
      'You can generate text from the model with the code below.',
      'The `Trainer` fits a model to your records in a few lines.',
      'For reasoning models, use the `reasoning_accuracy_reward()` function for better results.',
      'Pass `--lr` to change the learning rate.',
      'Import the package and create a client with your API token.',
    ];
    for (const t of filler) expect(PROSE_FILLER.some((re) => re.test(t)), t).toBe(true);
    for (const t of kept) expect(PROSE_FILLER.some((re) => re.test(t)), t).toBe(false);
  });

  it('docParagraphs and plainProse', () => {
    expect(docParagraphs('Title line\n\nFirst para\ncontinued.\n\n\nLast.', [10, 12, 16])).toEqual([
      { text: 'Title line', line: 10 },
      { text: 'First para continued.', line: 12 },
      { text: 'Last.', line: 16 },
    ]);
    // Paragraphs that do not pair up with the file's: the first only.
    expect(docParagraphs('A.\n\nB.', [3])).toEqual([{ text: 'A.', line: 3 }]);
    expect(plainProse('[!TIP] See the **fast** [guide](https://x.org/g) for ``cfg`` and :class:`~kit.Model`.')).toBe('See the fast guide for `cfg` and `kit.Model`.');
  });
});

describe("a section's paragraph that is about something else", () => {
  const CLIENT: Record<string, string> = {
    'pyproject.toml': '[project]\nname = "kit"\nversion = "0.1"\n',
    'kit/__init__.py': 'from .client import Agent, Client, Runner, Session\n',
    'kit/client.py': [
      'class Embeddings:',
      '    def create(self, texts, model="small"):',
      '        """Creates an embedding vector for each input text."""',
      '        return []',
      '',
      'class Vectors:',
      '    def upsert(self, vectors):',
      '        """Stores vectors in the index."""',
      '',
      '    def query(self, text):',
      '        """Finds the stored vectors nearest to a text."""',
      '',
      'class Client:',
      '    """A client of the kit service."""',
      '',
      '    def __init__(self, key=None):',
      '        self.embeddings = Embeddings()',
      '        self.vectors = Vectors()',
      '',
      'class Agent:',
      '    """An assistant with instructions."""',
      '',
      '    def __init__(self, name, instructions):',
      '        self.name = name',
      '',
      'class Session:',
      '    """A conversation kept between runs."""',
      '',
      '    def __init__(self, sid):',
      '        self.sid = sid',
      '',
      '    def save(self, path):',
      '        """Writes the conversation to a file."""',
      '',
      '    def compact(self):',
      '        """Shortens the conversation to its last turns."""',
      '',
      'class Runner:',
      '    @classmethod',
      '    def run(cls, agent, prompt, session=None):',
      '        """Runs an agent until it gives a final answer."""',
      '        return None',
      '',
    ].join('\n'),
  };
  const section = (paragraph: string, code: string[]) => ['# kit', '', '## Section', '', paragraph, '', '```python', ...code, '```', ''].join('\n');
  const SEARCH = ['from kit import Client', '', 'client = Client()', 'vectors = client.embeddings.create(["a", "b"], model="small")', 'client.vectors.upsert(vectors)', 'hits = client.vectors.query("a")'];
  const RUN = ['from kit import Agent, Runner, Session', '', 'agent = Agent(name="helper", instructions="Answer briefly.")', 'session = Session("s1")', 'result = Runner.run(agent, "Hello", session)', 'session.save("chat.json")', 'session.compact()'];
  const ASIDE = 'You need an account key from the dashboard before you begin.';
  /** A line of kit/client.py (a definition's span starts at its decorator). */
  const line = (needle: string) => CLIENT['kit/client.py'].split('\n').findIndex((l) => l.includes(needle)) + 1;
  const overviewOf = async (paragraph: string, code: string[], callee: string) => workflowWith(await modelOf(write({ ...CLIENT, 'README.md': section(paragraph, code) })), callee).traces.overview;

  it("gives way to the distinctive API's docstring; a paragraph that names the API (a word of it, its stem, the class it is called on) stays first", async () => {
    // `client.vectors.query`: the paragraph about an account key names neither vectors nor a query.
    const search = await overviewOf(ASIDE, SEARCH, 'client.vectors.query');
    expect(search).toEqual([{ text: 'Finds the stored vectors nearest to a text.', from: 'docstring', at: { path: 'kit/client.py', line: line('def query(') } }]);
    // "a vector" names `vectors` by its stem.
    const named = 'Embedding a text turns it into a vector you can search.';
    expect((await overviewOf(named, SEARCH, 'client.vectors.query')).map((t) => t.text)).toEqual([named]);
    // `Runner.run`: the verb is no term, the class it is called on is.
    const run = await overviewOf(ASIDE, RUN, 'Runner.run');
    expect(run).toEqual([{ text: 'Runs an agent until it gives a final answer.', from: 'docstring', at: { path: 'kit/client.py', line: line('@classmethod') } }]);
    const runner = 'The runner keeps the agent going until it answers.';
    expect((await overviewOf(runner, RUN, 'Runner.run')).map((t) => t.text)).toEqual([runner]);
  });

  it('stays first when the API is named by a verb alone (a function `run`): nothing tells what the paragraph is about', async () => {
    const client = CLIENT['kit/client.py'].replace('class Runner:\n    @classmethod\n    def run(cls, agent', 'def run(agent');
    const code = RUN.map((l) => l.replace('Runner.run(', 'run(').replace('Agent, Runner, Session', 'Agent, Session, run'));
    const w = workflowWith(await modelOf(write({ ...CLIENT, 'kit/client.py': client, 'kit/__init__.py': 'from .client import Agent, Client, Session, run\n', 'README.md': section(ASIDE, code) })), 'run');
    expect(w.traces.overview.map((t) => t.text)).toEqual([ASIDE]);
  });
});

describe('sentences that open a page', () => {
  it('a sentence that leans on the text around it (goes on from it, points at it, leads in to the code) opens no page, and one that points at other text is in no Description', async () => {
    const readme = [
      '# kit',
      '',
      '## Fine-tuning',
      '',
      'In the previous tutorial you prepared the records of your split.',
      '',
      'Then the `Trainer` fits a model to them like the example above, for all parameters like:',
      '',
      'The `Trainer` fits a model to your records in a few lines. It keeps the best checkpoint. You train it with the code below.',
      '',
      '```python',
      ...TRAIN_LINES,
      '```',
      '',
      'To load it for inference.',
      '',
    ].join('\n');
    const repo = write({ ...PACKAGE, 'README.md': readme });
    const w = workflowWith(await modelOf(repo), 'Trainer');
    // The paragraph right before the code opens it; its pointer at "the code below" goes nowhere.
    expect(w.traces.overview.map((t) => t.text)).toEqual(['The `Trainer` fits a model to your records in a few lines.']);
    for (const t of [...w.traces.overview, ...w.traces.description]) expect(t.text).not.toMatch(/previous tutorial|Then the|example above|code below/);
    // A paragraph starts with a sentence that stands alone; the next sentences of that paragraph go on from it.
    expect(w.traces.description.filter((t) => t.from === 'prose').map((t) => t.text)).toEqual(['The `Trainer` fits a model to your records in a few lines.', 'It keeps the best checkpoint.']);
  });

  it("a section of several blocks is introduced by the paragraph under its heading (its first block's), whichever block scores highest", async () => {
    const readme = [
      '# kit',
      '',
      '## Fine-tuning',
      '',
      'The `Trainer` fits a model to your records in a few lines and saves it for serving.',
      '',
      '```python',
      'from kit import Model',
      '',
      'model = Model.from_pretrained("acme/small")',
      '```',
      '',
      'Now train it on your records and save it:',
      '',
      '```python',
      'from kit import Trainer, load_data',
      '',
      'data = load_data("data/train.jsonl", split="train", shuffle=True)',
      'trainer = Trainer(model, data, epochs=3, lr=0.01)',
      'trainer.train()',
      'model.save("out/model")',
      '```',
      '',
    ].join('\n');
    const repo = write({ ...PACKAGE, 'README.md': readme });
    const w = workflowWith(await modelOf(repo), 'Trainer');
    expect(w.traces.overview).toEqual([{ text: 'The `Trainer` fits a model to your records in a few lines and saves it for serving.', from: 'prose', at: { path: 'README.md', line: lineOf(repo, 'README.md', 'The `Trainer` fits') } }]);
  });

  it("a later part of a section (a block that imports anew and reads nothing of the earlier ones) is introduced by the paragraph under the heading when its own only leans on it", async () => {
    const fns = ['clean', 'split', 'store', 'download', 'tokenize', 'upload'];
    const readme = [
      '# kit',
      '',
      '## Records',
      '',
      'Record pipelines turn raw records into datasets ready for training.',
      '',
      '```python',
      'from recs import clean, split, store',
      '',
      'rows = clean("raw.jsonl")',
      'parts = split(rows)',
      'store(parts)',
      '```',
      '',
      'Alternatively, you can work with remote records:',
      '',
      '```python',
      'from recs import download, tokenize, upload',
      '',
      'remote = download("https://example.org/rows")',
      'tokens = tokenize(remote)',
      'upload(tokens)',
      '```',
      '',
    ].join('\n');
    const repo = write({ 'pyproject.toml': '[project]\nname = "recs"\n', 'recs/__init__.py': fns.map((f) => `def ${f}(x):\n    return x\n`).join('\n\n'), 'README.md': readme });
    const w = workflowWith(await modelOf(repo), 'download');
    expect(w.traces.overview).toEqual([{ text: 'Record pipelines turn raw records into datasets ready for training.', from: 'prose', at: { path: 'README.md', line: lineOf(repo, 'README.md', 'Record pipelines') } }]);
  });

  it('opens: statements of their own, not continuations, pointers, pronouns, purpose fragments, questions, labels or lead-ins', () => {
    const leaning = [
      'Or an entire folder.',
      'Then define your agent, give it the tools it needs and run it!',
      "Let's rewrite the above example using this context manager.",
      'In the previous tutorial, you were introduced to how to modify your training script.',
      'It works much in the same way like `CodeAgent`, without the imports.',
      'This creates two files in the output folder.',
      'To load a PEFT model for inference:',
      'Configs let you customize training for all granular parameters like:',
      'input_column (`str`, *optional*, defaults to "text"): The name of the column.',
      'But how do you run this code on the special hardware available to it?',
      'How do you run this code on the hardware you have?',
      'SFT.',
      '(This example is complete, it can be run as is.)',
      'First, load a pre-built block from the Hub.',
      'Before the pull request gets merged.',
    ];
    const standing = [
      'The `Trainer` fits a model to your records in a few lines.',
      'This example demonstrates how to train a model using the CPO method.',
      'Use a regular Agent for text-based workflows that do not need a sandbox.',
      'Any metric, comparison, or measurement is loaded with the `evaluate.load` function:',
      'The previous standard for generating text is the Chat Completions API.',
      'If you want to call the tool yourself, pass its result back to the API.',
    ];
    for (const x of leaning) expect(opens(x), x).toBe(false);
    for (const x of standing) expect(opens(x), x).toBe(true);
  });

  it('reference links, admonition markers and HTML read as text; a sentence does not end at an abbreviation', () => {
    expect(plainProse('Create a hosted tool by adding a [`HostedMCPTool`][agents.tool.HostedMCPTool] to the [tools][] list.')).toBe('Create a hosted tool by adding a `HostedMCPTool` to the tools list.');
    expect(plainProse('!!! note "Deprecated"\n    The SSE transport is deprecated.')).toBe('The SSE transport is deprecated.');
    expect(plainProse('Fast&nbsp;inference<br>on <a href="https://x.org">any GPU</a>, with `List<T>` &amp; `a&nbsp;b` kept.')).toBe('Fast inference on any GPU, with `List<T>` & `a&nbsp;b` kept.');
    expect(firstSentences('First download a pretrained embedding a.k.a. Sentence Transformer model. Then encode, e.g. Two sentences.', 1)).toBe('First download a pretrained embedding a.k.a. Sentence Transformer model.');
  });

  it("an implementation without a docstring speaks through its first documented @overload (typed SDKs document the overloads)", async () => {
    const client = [
      'from typing import overload',
      '',
      '',
      'class Messages:',
      '    @overload',
      '    def create(self, model: str) -> str:',
      '        """Send a list of messages and get the next one back."""',
      '        ...',
      '',
      '    @overload',
      '    def create(self, model: str, stream: bool) -> str: ...',
      '',
      '    def create(self, model, stream=False):',
      '        return ""',
      '',
    ].join('\n');
    const example = ['from kit import Model, Messages', '', 'model = Model.from_pretrained("acme/small")', 'messages = Messages()', 'reply = messages.create("acme/small")', 'model.save("out/model")', ''].join('\n');
    const repo = write({ ...PACKAGE, 'kit/__init__.py': 'from .core import Model, Trainer, load_data\nfrom .client import Messages\n', 'kit/client.py': client, 'examples/chat.py': example });
    const w = workflowWith(await modelOf(repo), 'messages.create');
    const def = stepOf(w, 'messages.create').calls[0].call.definition!;
    // The place stays the implementation's: the call runs it.
    expect(def.span.start).toBe(lineOf(repo, 'kit/client.py', 'def create(self, model, stream=False)'));
    expect(def.summary).toBe('Send a list of messages and get the next one back.');
  });
});

describe('step texts', () => {
  it('parameters other sources set are ones the definition declares; a call without a definition gets no such sentence; a receiver is what a call is made on', async () => {
    const ex = (name: string, extra: string) =>
      ['from kit import Model, Trainer, load_data', 'import numpy as np', '', 'model = Model.from_pretrained("acme/small")', `data = load_data("data/${name}.jsonl", ${extra})`, 'arr = np.asarray(data, dtype="float32")', 'trainer = Trainer(model, data, epochs=2)', 'trainer.train()', 'model.save("out/model")', ''].join('\n');
    const repo = write({
      ...PACKAGE,
      'pyproject.toml': '[project]\nname = "kit"\nversion = "0.1"\ndependencies = ["numpy"]\n',
      // `split` is passed by position as a variable named like no parameter (`config_name`) in two sources.
      'examples/a.py': ex('a', 'shuffle=True').replace('load_data("data/a.jsonl", shuffle=True)', 'load_data("data/a.jsonl", config_name, shuffle=True)').replace('import numpy as np', 'import numpy as np\nconfig_name = "train"'),
      'examples/b.py': ex('b', 'shuffle=True').replace('load_data("data/b.jsonl", shuffle=True)', 'load_data("data/b.jsonl", config_name, shuffle=True)').replace('import numpy as np', 'import numpy as np\nconfig_name = "train"'),
      'examples/c.py': ex('c', 'split="test"'),
    });
    const model = await modelOf(repo);
    for (const w of model.workflows) {
      for (const s of w.steps) {
        for (const t of s.trace.filter((x) => x.text.startsWith('Sources of this repository also set'))) {
          const def = s.calls[0].call.definition;
          expect(def, `${s.title}: ${t.text}`).toBeDefined();
          for (const name of [...t.text.matchAll(/`([^`]+)`/g)].map((m) => m[1])) expect(def!.params.map((p) => p.name)).toContain(name);
        }
        expect(s.description).not.toContain('`config_name`');
      }
    }
    const save = model.workflows.flatMap((w) => w.steps).find((s) => s.calls[0].call.callee === 'model.save')!;
    expect(save.description).toContain('(the folder to write)');
  });

  it("a comment's own numbering (`# 2. Load the records`) is not the step's; a docstring that only says the API's name, in the singular (\"Load record.\" of `load_records`), is no sentence", async () => {
    const kit = {
      ...PACKAGE,
      'kit/__init__.py': 'from .core import Model, Trainer, load_data\nfrom .records import load_records\n',
      'kit/records.py': 'def load_records(path):\n    """Load record."""\n    return []\n',
    };
    const script = ['from kit import Model, Trainer, load_records', '', '# 1. Load a small pretrained model', 'model = Model.from_pretrained("acme/small")', '# 2) Read the training records', 'records = load_records("data/train.jsonl")', 'trainer = Trainer(model, records)', '# Step 3: Fit the model to them', 'trainer.train()', ''].join('\n');
    const repo = write({ ...kit, 'examples/train.py': script });
    const steps = (await modelOf(repo)).workflows.flatMap((w) => w.steps);
    const trace = (callee: string) => steps.find((s) => s.calls[0].call.callee === callee)!.trace.map((t) => t.text);
    expect(trace('Model.from_pretrained')).toContain('Load a small pretrained model.');
    expect(trace('load_records')).toContain('Read the training records.');
    expect(trace('trainer.train')).toContain('Fit the model to them.');
    for (const s of steps) for (const t of s.trace) expect(t.text).not.toMatch(/^(\d|Step \d)|Load record\./);
  });

  it("an Overview with nothing else to say opens with the API's docstring that restates its name, when it is a sentence (\"Create a message stream.\"), not a label (\"Stream events.\")", async () => {
    const lib = {
      'pyproject.toml': '[project]\nname = "kit"\nversion = "0.1"\n',
      'kit/__init__.py': 'from .client import Client\n',
      'kit/client.py': [
        'class Messages:',
        '    def stream(self, text):',
        '        """Create a message stream."""',
        '        return iter([text])',
        '',
        '    def close(self):',
        '        return None',
        '',
        'class Events:',
        '    def stream(self, sid):',
        '        """Stream events."""',
        '        return iter([sid])',
        '',
        '    def close(self):',
        '        return None',
        '',
        'class Client:',
        '    def __init__(self, key=None):',
        '        self.messages = Messages()',
        '        self.events = Events()',
        '',
      ].join('\n'),
    };
    const script = (what: string) => ['from kit import Client', '', 'client = Client()', `for part in client.${what}.stream("x"):`, '    print(part)', `client.${what}.close()`, ''].join('\n');
    const repo = write({ ...lib, 'examples/messages.py': script('messages'), 'examples/events.py': script('events') });
    const model = await modelOf(repo);
    const overview = (callee: string) => workflowWith(model, callee).traces.overview.map((t) => t.text);
    expect(overview('client.messages.stream')).toEqual(['Create a message stream.']);
    expect(overview('client.events.stream')).toEqual([]);
  });

  it('an Overview the lead section cannot give (only code, no docstring) comes from the next source that introduces the distinctive call, never a test', async () => {
    const lib = {
      'pyproject.toml': '[project]\nname = "kit"\nversion = "0.1"\n',
      'kit/__init__.py': 'from .core import load_records, make_widget, render_widget, save_image\n',
      'kit/core.py': [
        'def load_records(path):',
        '    """Read records from a file."""',
        '    return []',
        '',
        'def make_widget(records, kind="bar"):',
        '    return None',
        '',
        'def render_widget(widget):',
        '    return None',
        '',
        'def save_image(image, path):',
        '    """Write an image file."""',
        '    return None',
        '',
      ].join('\n'),
    };
    const code = (data: string) => ['```python', 'from kit import load_records, make_widget, render_widget, save_image', `records = load_records("${data}")`, 'chart = make_widget(records)', `save_image(render_widget(chart), "${data}.png")`, '```'];
    const readme = ['# Kit', '', '## Using widgets', '', ...code('data.csv'), ''].join('\n');
    const docs = ['# Widgets', '', 'Some words first.', '', '## Charts', '', 'Render it whenever you like.', '', 'A widget turns records into a chart you can save.', '', ...code('sales.csv'), ''].join('\n');
    const test = ['"""A widget renders records into a chart for the tests."""', 'from kit import load_records, make_widget, render_widget, save_image', '', 'def test_widget():', '    save_image(render_widget(make_widget(load_records("t.csv"))), "t.png")', ''].join('\n');
    const overview = async (files: Record<string, string>) => workflowWith(await modelOf(write({ ...lib, ...files })), 'render_widget').traces.overview;
    // The README section has no prose, `render_widget` no docstring: the docs section's sentence naming the widget, at its line.
    expect(await overview({ 'README.md': readme, 'docs/widgets.md': docs })).toEqual([{ text: 'A widget turns records into a chart you can save.', from: 'prose', at: { path: 'docs/widgets.md', line: 9 } }]);
    // A test's docstring says what the test checks: nothing from it.
    expect(await overview({ 'README.md': readme, 'tests/test_widget.py': test })).toEqual([]);
  });

  it('Usage: what each first load step takes, what each save writes; no formula when there is nothing to say', async () => {
    const repo = write({ ...PACKAGE, 'README.md': README });
    const model = await modelOf(repo);
    const w = workflowWith(model, 'Trainer');
    expect(w.traces.usage.map((t) => t.text)).toContain('Load Model takes `acme/small` (name).');
    expect(w.traces.usage.some((t) => /writes `out\/model`\.$/.test(t.text))).toBe(true);
    for (const x of model.workflows) for (const t of [...x.traces.overview, ...x.traces.usage]) expect(t.from).not.toBe('connective');
    // `trainer` is only what `trainer.train()` runs on: no "It ends with `trainer`".
    for (const x of model.workflows) expect(x.usage).not.toContain('It ends with `trainer`');
  });

  it('Usage: a result named only as a value (`result`) is not named; the type the library declares says what comes out', async () => {
    const lib = {
      'pyproject.toml': '[project]\nname = "kit"\nversion = "0.1"\n',
      'kit/__init__.py': 'from .core import Model, Report, tokenize\n',
      'kit/core.py': [
        'class Report:',
        '    pass',
        '',
        '',
        'def tokenize(text):',
        '    return []',
        '',
        '',
        'class Model:',
        '    @classmethod',
        '    def from_pretrained(cls, name):',
        '        return cls()',
        '',
        '    def warm_up(self):',
        '        pass',
        '',
        '    def score(self, tokens) -> Report:',
        '        return Report()',
        '',
        '    def raw(self, tokens) -> OutputT | Any:',
        '        return None',
        '',
      ].join('\n'),
    };
    const example = (target: string) => ['from kit import Model, tokenize', '', 'model = Model.from_pretrained("acme/small")', 'model.warm_up()', 'tokens = tokenize("some text")', `${target} = model.score(tokens)`, ''].join('\n');
    const plain = await modelOf(write({ ...lib, 'examples/score.py': example('result') }));
    const usage = workflowWith(plain, 'model.score').usage;
    expect(usage).not.toContain('`result`');
    expect(usage).toContain('It ends with what `model.score` returns: `Report`.');
    const named = await modelOf(write({ ...lib, 'examples/score.py': example('quality_report') }));
    expect(workflowWith(named, 'model.score').usage).toContain('It ends with `quality_report` from `model.score`.');
    // Printed, it is still what comes out; handed on to another library's call (no step), it is not.
    const printed = await modelOf(write({ ...lib, 'examples/score.py': `${example('quality_report')}print(quality_report)\n` }));
    expect(workflowWith(printed, 'model.score').usage).toContain('It ends with `quality_report` from `model.score`.');
    const numpy = { ...lib, 'pyproject.toml': '[project]\nname = "kit"\nversion = "0.1"\ndependencies = ["numpy"]\n' };
    const handed = await modelOf(write({ ...numpy, 'examples/score.py': `import numpy as np\n${example('quality_report')}table = np.asarray(quality_report)\n` }));
    expect(workflowWith(handed, 'model.score').usage).not.toContain('`quality_report`');
    // A result the source does not keep is not what it ends with: the literals say enough.
    const dropped = await modelOf(write({ ...lib, 'examples/score.py': example('result').replace('result = ', '') }));
    expect(workflowWith(dropped, 'model.score').usage).not.toContain('It ends with');
    // A type variable or anything that may be `Any` says nothing of what comes out.
    const vague = await modelOf(write({ ...lib, 'examples/score.py': example('result').replace('model.score', 'model.raw') }));
    expect(workflowWith(vague, 'model.raw').usage).not.toContain('It ends with');
  });
});

describe('TypeScript examples', () => {
  const SDK: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'kitjs', version: '1.0.0', main: 'src/index.ts' }),
    'src/index.ts': [
      'export class Client {',
      '  chat = new Chat();',
      '  files = new Files();',
      '}',
      'export class Chat {',
      '  /**',
      '   * **Starting a new project?** We recommend trying [Responses](https://x.org) instead.',
      '   *',
      '   * ---',
      '   *',
      '   * Creates a chat completion.',
      '   */',
      '  create(body: { model: string; messages: string[] }): Promise<string> {',
      "    return Promise.resolve('');",
      '  }',
      '}',
      'export class Files {',
      '  /** Uploads a file. */',
      '  upload(file: Blob, purpose: string): Promise<string> {',
      "    return Promise.resolve('');",
      '  }',
      '  /** Polls a file until it is processed. */',
      '  poll(id: string, opts: { intervalMs: number }): Promise<string> {',
      "    return Promise.resolve('');",
      '  }',
      '}',
      '/** Wraps text as an uploadable file. */',
      'export function fileFrom(text: string, name: string): Blob {',
      '  return new Blob([text]);',
      '}',
      '',
    ].join('\n'),
    'examples/chat.ts': [
      "import { Client, fileFrom } from '../src/index';",
      '',
      'const client = new Client();',
      '// Upload the training data and wait for it.',
      "const id = await client.files.upload(fileFrom('{}', 'train.jsonl'), 'fine-tune');",
      'await client.files.poll(id, { intervalMs: 1000 });',
      "const reply = await client.chat.create({ model: 'small', messages: ['Hello'] });",
      'console.log(reply);',
      '',
    ].join('\n'),
  };

  it("a statement's comment goes to the call it makes (with its line), not to one in its arguments; an options object's properties are the values passed; a JSDoc banner is skipped", async () => {
    const repo = write(SDK);
    const model = await modelOf(repo);
    const w = workflowWith(model, 'client.chat.create');
    const upload = stepOf(w, 'client.files.upload');
    expect(upload.trace[0]).toEqual({ text: 'Upload the training data and wait for it.', from: 'comment', at: { path: 'examples/chat.ts', line: lineOf(repo, 'examples/chat.ts', '// Upload') } });
    const file = w.steps.find((s) => s.calls[0].call.callee === 'fileFrom');
    if (file) expect(file.trace.map((t) => t.from)).not.toContain('comment');
    const create = stepOf(w, 'client.chat.create');
    expect(create.description).toContain('Creates a chat completion.');
    expect(create.description).not.toContain('Starting a new project');
    expect(create.description).toContain("The example passes `model: 'small'` and `messages: ['Hello']`.");
    expect(stepOf(w, 'client.files.poll').description).toContain('`intervalMs: 1000`');
  });

  it("a parameter's type is shown without the comments inside it (an inline object type's JSDoc); a string with `//` stays", async () => {
    const sdk = { ...SDK, 'src/index.ts': SDK['src/index.ts'].replace('poll(id: string, opts: { intervalMs: number }): Promise<string> {', "poll(id: string, opts: {\n    /** How long to wait between polls. */\n    intervalMs: number; // milliseconds\n    /* the endpoint */ url?: 'https://x.org/files';\n  } = { intervalMs: /* one second */ 1000 }): Promise<string> {") };
    const w = workflowWith(await modelOf(write(sdk)), 'client.chat.create');
    const params = stepOf(w, 'client.files.poll').calls[0].call.definition!.params;
    expect(params.find((p) => p.name === 'opts')).toEqual({ name: 'opts', type: "{ intervalMs: number; url?: 'https://x.org/files'; }", default: '{ intervalMs: 1000 }' });
  });

  it('JSDoc inline links read as the text the built docs show: `{@link X}` is X, `{@link X | label}` its label, `{@linkcode x}` code', async () => {
    const sdk = { ...SDK, 'src/index.ts': SDK['src/index.ts'].replace('/** Uploads a file. */', '/** Uploads a file for a {@link Client} to {@link Files.poll | wait for}, see {@linkcode fileFrom}. */') };
    const w = workflowWith(await modelOf(write(sdk)), 'client.chat.create');
    const upload = stepOf(w, 'client.files.upload');
    expect(upload.description).toContain('Uploads a file for a Client to wait for, see `fileFrom`.');
    expect(upload.description).not.toMatch(/@link/);
  });
});
