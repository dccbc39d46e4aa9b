// Test files that cannot show the library's API are no candidates and are never analysed: a Python test
// whose imports name nothing of the repository (a text check), a test of an application package that
// imports nothing outside the app, and a tests folder's fixtures. A test that imports the package, a
// relative module, a test helper of the repository or calls a method the library attaches at run time
// stays one.
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import { write } from './repos.js';
import { importSpecifiers } from '../src/discover/app-tests.js';

/** Runs goldpath on a repository: the candidates' reasons by path, and the sources it analysed. */
async function analyse(repo: string): Promise<{ reason: (p: string) => string; analysed: Set<string> }> {
  const analysed = new Set<string>();
  const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-pre-')), name: 'acme_x', all: true, onCalls: (id) => analysed.add(id) });
  return { reason: (p) => model.candidates.find((c) => c.path === p)?.reason ?? '', analysed };
}

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
    const { reason, analysed } = await analyse(repo);
    expect(reason('tests/test_app.py')).toMatch(/imports nothing of the repository/);
    // Never analysed (so never parsed).
    expect(analysed.has('tests/test_app.py')).toBe(false);
    for (const p of ['tests/test_package.py', 'tests/test_helper.py', 'tests/test_relative.py', 'tests/test_attached.py']) {
      expect(reason(p)).not.toBe('');
      expect(reason(p)).not.toMatch(/imports nothing/);
      expect(analysed.has(p)).toBe(true);
    }
  });
});

describe('tests of an application package', () => {
  it('that import nothing outside the app are dropped unanalysed; ones that import the library, or leave the app, stay', async () => {
    const repo = write({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'apps/*'] }),
      'packages/sdk/package.json': JSON.stringify({ name: '@acme/sdk', version: '1.0.0', main: 'src/index.ts' }),
      'packages/sdk/src/index.ts': 'export function createClient(key: string) {\n  return { key, run: (q: string) => q };\n}\n',
      'packages/sdk/test/client.test.ts': "import { createClient } from '../src/index';\n\ncreateClient('k').run('q');\n",
      // A web app beside the library: private, nothing published.
      'apps/web/package.json': JSON.stringify({ name: 'web', private: true, scripts: { dev: 'vite' } }),
      'apps/web/src/format.ts': 'export function formatTitle(s: string) {\n  return s.trim();\n}\n',
      'apps/web/tests/format.test.ts': "import assert from 'node:assert';\nimport { formatTitle } from '../src/format';\n\nassert.equal(formatTitle(' a '), 'a');\n",
      'apps/web/tests/sdk.test.ts': "import { createClient } from '@acme/sdk';\n\ncreateClient('k').run('q');\n",
      'apps/web/tests/shared.test.ts': "const { createClient } = require('../../../packages/sdk/src/index');\n\ncreateClient('k');\n",
    });
    const { reason, analysed } = await analyse(repo);
    expect(reason('apps/web/tests/format.test.ts')).toBe('a test of the application package apps/web/ (private, nothing published) that imports nothing of the repository outside it');
    expect(analysed.has('apps/web/tests/format.test.ts')).toBe(false);
    for (const p of ['apps/web/tests/sdk.test.ts', 'apps/web/tests/shared.test.ts', 'packages/sdk/test/client.test.ts']) {
      expect(reason(p)).not.toMatch(/application package/);
      expect(analysed.has(p)).toBe(true);
    }
  });
});

describe('importSpecifiers', () => {
  it('reads every way a module is imported, in order, and no member access or word that only looks alike', () => {
    const text = [
      "import a, { b } from './a';",
      "import type { T } from \"../types\";",
      "export { c } from '@acme/sdk/c';",
      "export * from './all';",
      "import './side-effect.css';",
      "const d = require('d');",
      "import e = require('./e');",
      "const f = await import('./lazy');",
      "foo.import('not-a-module');",
      "const imported = 'x';",
      'import {',
      '  g,',
      "} from 'g-lib';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./a', '../types', '@acme/sdk/c', './all', './side-effect.css', 'd', './e', './lazy', 'g-lib']);
  });
});

describe("tests' fixtures", () => {
  it('are no candidates: a codemod input written in the old API, a sample project, pytest fixture modules', async () => {
    const repo = write({
      'acme/__init__.py': 'def load(name):\n    return name\n\ndef save(obj, path):\n    return path\n',
      'tests/test_io.py': 'import acme\n\ndef test_io():\n    acme.save(acme.load("a"), "p")\n',
      'tests/fixtures/data.py': 'import acme\n\nDATA = acme.load("fixture")\n',
      'tests/__testfixtures__/rename.input.py': 'import acme\n\nacme.load_old("a")\n',
      'tests/testdata/project/main.py': 'import acme\n\nacme.save(1, "x")\n',
    });
    const { reason, analysed } = await analyse(repo);
    for (const p of ['tests/fixtures/data.py', 'tests/__testfixtures__/rename.input.py', 'tests/testdata/project/main.py']) {
      expect(reason(p)).toMatch(/fixture .*not a test/);
      expect(analysed.has(p)).toBe(false);
    }
    expect(analysed.has('tests/test_io.py')).toBe(true);
  });
});
