// A Python test whose imports name nothing of the repository cannot call its API: it is no candidate and
// is never parsed (a text check), while a test that imports the package, a relative module, a test helper
// of the repository or calls a method the library attaches at run time stays one.
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import { write } from './repos.js';

describe('tests that import nothing of the repository', () => {
  it('are dropped with the reason, unparsed; tests that reach the repository stay candidates', async () => {
    const repo = write({
      'acme/__init__.py': 'from .core import Model, attach\n',
      'acme/core.py': [
        'import types',
        'class Model:',
        '    def fit(self, data):',
        '        return self',
        'def _export(self, path):',
        '    return path',
        'def attach(model):',
        '    model.export_gguf = types.MethodType(_export, model)',
        '    return model',
        '',
      ].join('\n'),
      'tests/__init__.py': '',
      'tests/helpers.py': 'from acme import Model\n\ndef make():\n    return Model()\n',
      'tests/test_package.py': 'import acme\n\ndef test_fit():\n    acme.Model().fit([1])\n',
      'tests/test_helper.py': 'from tests.helpers import make\n\ndef test_make():\n    make().fit([1])\n',
      'tests/test_relative.py': 'from .helpers import make\n\ndef test_rel():\n    make().fit([2])\n',
      'tests/test_attached.py': 'def test_gguf(model):\n    model.export_gguf("out")\n',
      // Imports only other libraries, and cannot be parsed: never read past the text check.
      'tests/test_app.py': 'import json\nfrom fastapi import FastAPI\n\ndef test_app(:\n    FastAPI().get("/")\n',
    });
    const analysed = new Set<string>();
    const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-pre-')), name: 'acme_x', all: true, onCalls: (id) => analysed.add(id) });
    const reason = (p: string) => model.candidates.find((c) => c.path === p)?.reason;
    expect(reason('tests/test_app.py')).toMatch(/imports nothing of the repository/);
    // Never analysed (so never parsed).
    expect(analysed.has('tests/test_app.py')).toBe(false);
    for (const p of ['tests/test_package.py', 'tests/test_helper.py', 'tests/test_relative.py', 'tests/test_attached.py']) {
      expect(model.candidates.some((c) => c.path === p)).toBe(true);
      expect(reason(p) ?? '').not.toMatch(/imports nothing/);
      expect(analysed.has(p)).toBe(true);
    }
  });
});
