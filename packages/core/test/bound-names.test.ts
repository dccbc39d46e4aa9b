// The index of a module's assignments and bound calls by first target (bound-names.ts): for every name,
// the entries it gives are exactly those a scan of the whole facts finds, in the same order; and what a
// class stores in `self.x` is resolved through it as before.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';
import type { PyModuleFacts } from '../src/lang/python/types.js';
import { assignsTo, callsBoundTo } from '../src/resolve/bound-names.js';
import { callsOf, find, write } from './repos.js';

const SAMPLE = `
import torch
from .models import Encoder, Decoder

class Pipeline:
    scheduler: "Scheduler"
    steps: int = 10

    def __init__(self, enc=None):
        self.encoder = Encoder()
        self.encoder = Encoder(enc)
        self.decoder: Decoder = build()
        self.log = self.console.log
        a, b = pair()
        x = y = make()
        self.cache = None
        self.cache = {}
        self.total = self.a + self.b

    def run(self):
        out = self.encoder(torch.ones(2))
        self.last = out
        return out

helper = Pipeline()
alias = helper.run
`;

/** Every key the index could be asked for: each first target and bound name, and each target at all. */
function keys(facts: PyModuleFacts): string[] {
  return [...new Set([...facts.assigns.flatMap((a) => a.targets), ...facts.calls.flatMap((c) => c.assignedTo), 'missing', 'self.missing'])];
}

function expectSameAsScan(facts: PyModuleFacts): void {
  const names = keys(facts);
  for (const k of names) {
    expect(assignsTo(facts, k)).toEqual(facts.assigns.filter((a) => a.targets[0] === k));
    expect(callsBoundTo(facts, k)).toEqual(facts.calls.filter((c) => c.assignedTo[0] === k));
  }
  // Two names at once: their entries merged in source order (a name and its `self.` attribute).
  for (const k of names.filter((n) => !n.includes('.'))) {
    const both = [k, `self.${k}`];
    expect(assignsTo(facts, ...both)).toEqual(facts.assigns.filter((a) => both.includes(a.targets[0])));
    expect(callsBoundTo(facts, ...both)).toEqual(facts.calls.filter((c) => both.includes(c.assignedTo[0])));
  }
}

/** Up to `max` Python files under a folder, in name order. */
function pythonFiles(dir: string, max: number): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      if (out.length >= max) return;
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.py')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

describe('bound names', () => {
  it('gives, for every name, the entries a scan of the whole facts gives, in order', async () => {
    const parser = await loadPythonParser();
    expectSameAsScan(extractPythonFacts(parser, SAMPLE, 'pkg/pipeline.py'));
  });

  // Real modules, when a fetched copy of a large library is at hand (not part of the repository).
  const real = '/work/repos/diffusers/src/diffusers';
  it.skipIf(!existsSync(real))('agrees with the scan on real library modules', async () => {
    const parser = await loadPythonParser();
    for (const file of pythonFiles(real, 150)) expectSameAsScan(extractPythonFacts(parser, readFileSync(file, 'utf8'), file));
  });

  it('resolves what a repository class stores in self.x (annotated, built, aliased) as before', async () => {
    const repo = write({
      'pkg/__init__.py': 'from .pipe import Pipeline\n',
      'pkg/parts.py': 'class Encoder:\n    def encode(self, x):\n        return x\n\nclass Decoder:\n    def decode(self, x):\n        return x\n\nclass Console:\n    def log(self, m):\n        pass\n',
      'pkg/pipe.py': [
        'from .parts import Encoder, Decoder, Console',
        '',
        'class Pipeline:',
        '    def __init__(self):',
        '        self.encoder = Encoder()',
        '        self.other = None',
        '        self.decoder: Decoder = make()',
        '        self.console = Console()',
        '        self.log = self.console.log',
        '',
      ].join('\n'),
      'examples/run.py': 'from pkg import Pipeline\n\np = Pipeline()\np.encoder.encode(1)\np.decoder.decode(2)\np.log("hi")\n',
    });
    const calls = [...(await callsOf(repo)).values()].flat();
    expect(find(calls, 'p.encoder.encode').resolution).toMatchObject({ kind: 'repo', qualname: 'Encoder.encode' });
    expect(find(calls, 'p.decoder.decode').resolution).toMatchObject({ kind: 'repo', qualname: 'Decoder.decode' });
    expect(find(calls, 'p.log').resolution).toMatchObject({ kind: 'repo', qualname: 'Console.log' });
  });
});
