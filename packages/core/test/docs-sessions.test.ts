// The Python blocks of one docs page run as one session: a block that does not parse stays out of it.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import type { CallSite } from '../src/model.js';
import { find, lineOf, write } from './repos.js';

const PAGE = [
  '# Training',
  '',
  '```py',
  'from tinytune import Model, Trainer',
  '',
  'model = Model.load("tiny")',
  'trainer = Trainer(model=model)',
  'trainer.train()',
  '```',
  '```py',
  '***** Running training *****',
  '  Num examples = 1920',
  '```',
  '',
  'Train again on more data:',
  '',
  '```py',
  'trainer = Trainer(model=model, epochs=2)',
  'trainer.train()',
  'metrics = trainer.evaluate()',
  '```',
  '',
].join('\n');

const FILES = {
  'tinytune/__init__.py': 'from .core import Model, Trainer\n',
  'tinytune/core.py': [
    'class Model:',
    '    @classmethod',
    '    def load(cls, name):',
    '        return cls()',
    '',
    'class Trainer:',
    '    def __init__(self, model, epochs=1):',
    '        self.model = model',
    '',
    '    def train(self):',
    '        pass',
    '',
    '    def evaluate(self):',
    '        return {}',
    '',
  ].join('\n'),
  'docs/training.md': PAGE,
};

describe('docs code blocks that do not parse as Python', () => {
  for (const parser of ['native', 'wasm'] as const) {
    it(`are left out of the page's session, so the blocks after them keep their statements (${parser})`, async () => {
      const repo = write(FILES);
      const calls = new Map<string, CallSite[]>();
      const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-w-')), name: 'acme_tinytune', parser, onCalls: (id, cs) => calls.set(id, cs) });
      const output = lineOf(repo, 'docs/training.md', '***** Running');
      const again = lineOf(repo, 'docs/training.md', 'epochs=2');
      // The output shown as a Python block is reported, with the line of the Markdown file it fails on.
      const dropped = model.candidates.find((c) => c.id === `docs/training.md#L${output}`);
      expect(dropped?.kept).toBe(false);
      expect(dropped?.reason).toMatch(new RegExp(`^code block does not parse as Python \\(line ${output}: `));
      // The block after it is read as statements: what each call's result is assigned to.
      const later = [...calls.entries()].filter(([id]) => id.startsWith('docs/training.md')).flatMap(([, cs]) => cs);
      const trainer = later.find((c) => c.callee === 'Trainer' && c.site.start === again);
      expect(trainer?.assignedTo).toEqual(['trainer']);
      expect(find(later.filter((c) => c.site.start === again + 2), 'trainer.evaluate').assignedTo).toEqual(['metrics']);
    });
  }
});

describe('a README section that uses what an earlier section made', () => {
  it('takes the call that made it, at its own place: the README quick start builds the client under "Setup"', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "mailer"\n',
      'mailer/__init__.py': 'from .client import Mailer\n',
      'mailer/client.py': [
        'class Emails:',
        '    def send(self, to, subject):',
        '        return {"id": 1}',
        '',
        '    def status(self, email_id):',
        '        return "sent"',
        '',
        '',
        'class Mailer:',
        '    def __init__(self, key):',
        '        self.key = key',
        '        self.emails = Emails()',
        '',
      ].join('\n'),
      'README.md': [
        '# mailer',
        '',
        '## Setup',
        '',
        '```python',
        'from mailer import Mailer',
        'mailer = Mailer("key")',
        '```',
        '',
        '## Send an email',
        '',
        '```python',
        'sent = mailer.emails.send("user@example.org", "hello")',
        'state = mailer.emails.status(sent["id"])',
        '```',
        '',
      ].join('\n'),
    });
    const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-w-')), name: 'acme_mailer' });
    const w = model.workflows.find((x) => x.sources.some((s) => s.heading === 'Send an email'));
    expect(w).toBeDefined();
    // The client is made by the Setup block: its step points there, exactly.
    const make = w!.steps.flatMap((s) => s.calls).find((c) => c.call.callee === 'Mailer')!;
    expect(make.call.site.path).toBe('README.md');
    expect(make.call.site.start).toBe(lineOf(repo, 'README.md', 'mailer = Mailer("key")'));
    expect(w!.steps.map((s) => s.calls[0].call.callee)).toEqual(['Mailer', 'mailer.emails.send', 'mailer.emails.status']);
  });

  it('takes nothing for a name only another library reads, which the section binds itself (`for result in ...: print(result)`)', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "mailer"\n',
      'mailer/__init__.py': 'from .client import Mailer\n',
      'mailer/client.py': 'class Emails:\n    def send(self, to, subject):\n        return {"items": []}\n\n    def status(self, email_id):\n        return "sent"\n\n    def history(self):\n        return []\n\n\nclass Mailer:\n    def __init__(self, key):\n        self.emails = Emails()\n',
      'README.md': [
        '# mailer',
        '',
        '## Handle errors',
        '',
        '```python',
        'from mailer import Mailer',
        'result = Mailer("key").emails.history()',
        '```',
        '',
        '## Send and check',
        '',
        '```python',
        'from mailer import Mailer',
        'mailer = Mailer("key")',
        'sent = mailer.emails.send("user@example.org", "hello")',
        'for result in sent["items"]:',
        '    print(result)',
        'mailer.emails.status(1)',
        '```',
        '',
      ].join('\n'),
    });
    const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-w-')), name: 'acme_mailer' });
    const w = model.workflows.find((x) => x.sources.some((s) => s.heading === 'Send and check'));
    expect(w).toBeDefined();
    const sites = w!.steps.flatMap((s) => s.calls).map((c) => c.call.site.start);
    expect(sites).not.toContain(lineOf(repo, 'README.md', 'result = Mailer("key").emails.history()'));
    expect(w!.steps.map((s) => s.calls[0].call.callee)).toEqual(['Mailer', 'mailer.emails.send', 'mailer.emails.status']);
  });
});
