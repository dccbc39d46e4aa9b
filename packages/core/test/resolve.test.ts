// Resolution on the resolvekit fixture: imports of every form, re-exports, star imports with
// __all__, lazy __getattr__, inheritance, constructors, receivers typed through the example's data flow.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RepoFiles } from '../src/repo/files.js';
import { loadPythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';
import { PythonIndex } from '../src/resolve/python-index.js';
import { resolvePythonSource } from '../src/resolve/python-calls.js';
import type { CallSite } from '../src/model.js';
import { formatSpan } from '../src/model.js';
import { extractWorkflows } from '../src/index.js';
import { callsOf, lineOf, write } from './repos.js';

// The repository is the resolvekit fixture: every resolution rule of docs/heuristics.md §2 in use.
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/resolvekit/repo');

let calls: CallSite[];

/** Resolves one source file of the fixture, as extractWorkflows would. */
async function resolveFile(file: string, opts: { tests?: boolean } = {}): Promise<CallSite[]> {
  const files = await RepoFiles.scan(REPO);
  const parser = await loadPythonParser();
  const index = new PythonIndex(files, parser, ['numpy', 'torch']);
  const facts = extractPythonFacts(parser, (await files.readOrSkip(file))!, file);
  return (await resolvePythonSource(index, { path: file, facts, shell: [] }, opts)).calls;
}

beforeAll(async () => {
  calls = await resolveFile('examples/run.py');
});

const at = (callee: string) => {
  const c = calls.find((x) => x.callee === callee);
  if (!c) throw new Error(`no call ${callee}: ${calls.map((x) => x.callee).join(', ')}`);
  return c;
};
const where = (callee: string) => {
  const r = at(callee).resolution;
  return r.kind === 'repo' ? `${formatSpan(r.span)} ${r.qualname}` : r.kind === 'external' ? `external ${r.distribution}` : r.kind;
};

describe('python resolution', () => {
  it('follows re-exports and class methods, with exact spans', () => {
    expect(where('Model.from_pretrained')).toBe('pkg/models.py:L17-19 Model.from_pretrained');
    expect(where('model.save')).toBe('pkg/models.py:L6-8 Base.save');
    expect(where('Model.helper')).toBe('pkg/models.py:L21-23 Model.helper');
  });
  it('types receivers through classmethods returning cls and return annotations', () => {
    expect(where('tok.encode')).toBe('pkg/models.py:L37-38 Tok.encode');
  });
  it('points overloads at the implementation', () => {
    expect(where('model.generate')).toBe('pkg/models.py:L29-30 Model.generate');
  });
  it('honours __all__ in star imports and replaces import aliases by the imported name', () => {
    expect(where('get_peft_model')).toBe('pkg/lora.py:L6-8 get_peft_model');
    expect(where('LoraConfig')).toBe('pkg/lora.py:L3-4 LoraConfig');
    expect(where('hidden')).toBe('pkg/lora.py:L10-11 hidden');
  });
  it('follows guarded imports, module aliases and lazy __getattr__ exports', () => {
    expect(where('fast_path')).toBe('pkg/fast.py:L1-2 fast_path');
    expect(where('pkg.utils.helper_fn')).toBe('pkg/utils.py:L1-2 helper_fn');
    expect(where('pkg.utils.helper_fn')).toBe(where('pkg.utils.helper_fn'));
    expect(where('Trainer')).toBe('pkg/trainer.py:L4-9 Trainer');
    expect(at('Trainer').definition?.params.map((p) => p.name)).toEqual(['model']);
    expect(where('trainer.train')).toBe('pkg/trainer.py:L8-9 Trainer.train');
    expect(where('LazyThing().run')).toBe('pkg/lazy.py:L5-7 LazyThing.run');
  });
  it('makes methods of external bases external, and the standard library no step', () => {
    expect(where('trainer.eval')).toBe('external torch');
    expect(at('os.path.join').resolution.kind).toBe('builtin');
  });
  it('follows functions attached at run time when exactly one matches, and lists the candidates otherwise', () => {
    expect(where('lin.fast_forward')).toBe('pkg/patches.py:L5-7 fast_forward');
    const r = at('lin.fast_forward').resolution;
    expect(r.kind === 'repo' && r.via).toBe('attachment (pkg/patches.py:L22)');
    // Attached to a class (or through types.MethodType): a bound method, `self` is no argument.
    expect(at('lin.fast_forward').definition?.params.map((p) => p.name)).toEqual(['x']);
    expect(at('lin.fast_forward').argNames).toEqual(['x']);
    expect(where('lin.shout')).toBe('pkg/patches.py:L10-11 _shout');
    const twice = at('lin.twice').resolution;
    expect(twice.kind).toBe('unresolved');
    expect(twice.kind === 'unresolved' && twice.candidates).toEqual([
      '_a (pkg/patches.py:L14-15, attached at pkg/patches.py:L25)',
      '_b (pkg/patches.py:L18-19, attached at pkg/patches.py:L26)',
    ]);
  });
  it('types values through tuple unpacking, class attributes and properties', () => {
    const t2 = at('t2.encode').resolution;
    if (t2.kind === 'unresolved') throw new Error(t2.reason);
    expect(where('t2.encode')).toBe('pkg/models.py:L37-38 Tok.encode');
    expect(where('h.tok.encode')).toBe('pkg/models.py:L37-38 Tok.encode');
    expect(where('h.model.save')).toBe('pkg/models.py:L6-8 Base.save');
    expect(where('h.first.save')).toBe('pkg/models.py:L6-8 Base.save');
    // A classmethod that builds `instance = cls()` and returns it.
    expect(where('reg.names')).toBe('pkg/models.py:L69-70 Registry.names');
  });
  it('narrows a union return by a flag the call leaves off or passes as True', () => {
    expect(where('built.save')).toBe('pkg/models.py:L6-8 Base.save');
    // With the flag passed, the guarded return is the first one reached: the call returns Tok.
    expect(where('either.encode')).toBe('pkg/models.py:L37-38 Tok.encode');
    // A flag the call passes as a variable narrows nothing: the union stays, with a reason.
    const maybe = at('maybe.encode').resolution;
    expect(maybe.kind === 'unresolved' && maybe.reason).toMatch(/union return type/);
  });
  it('gives a dataclass its fields as constructor parameters', () => {
    expect(at('Dc').definition?.params).toEqual([
      { name: 'alpha', type: 'float' },
      { name: 'r', type: 'int', default: '8' },
      { name: 'mods', type: 'list', default: 'field(...)' },
    ]);
  });
  it('prints no location for a name bound to different definitions in if/else branches', () => {
    const r = at('pick').resolution;
    expect(r.kind === 'unresolved' && r.reason).toMatch(/different definitions in conditional branches/);
    expect(r.kind === 'unresolved' && r.candidates).toEqual(['fast_path (pkg/fast.py:L1-2)', 'helper_fn (pkg/utils.py:L1-2)']);
    // A class in one branch, a star import in the other.
    const e = at('Engine().start').resolution;
    expect(e.kind === 'unresolved' && e.reason).toMatch(/conditional branches/);
  });
  it('reports what it cannot resolve, with a reason', () => {
    const r = at('undefined_thing').resolution;
    expect(r.kind).toBe('unresolved');
    expect(r.kind === 'unresolved' && r.reason).toMatch(/not defined or imported/);
  });
  it('names positional arguments by their parameter', () => {
    expect(at('get_peft_model').argNames).toEqual(['model', 'config']);
    expect(at('Model.from_pretrained').argNames).toEqual(['name']);
  });
});

describe('signatures without annotations', () => {
  let doc: CallSite[];
  beforeAll(async () => {
    doc = await resolveFile('examples/docstrings.py');
  });
  const def = (callee: string) => doc.find((c) => c.callee === callee)!.definition!;
  it('reads parameter and return types from Google, NumPy and reST docstrings', () => {
    expect(def('google_style').params).toEqual([{ name: 'path', type: 'str' }, { name: 'retries', type: 'int', default: '3' }]);
    expect(def('google_style').returns).toBe('bytes');
    expect(def('numpy_style').params).toEqual([{ name: 'values', type: 'list of float' }, { name: 'scale', type: 'float', default: '1.0' }]);
    expect(def('numpy_style').returns).toBe('list of float');
    expect(def('rest_style').params).toEqual([{ name: 'name', type: 'str' }, { name: 'strict', type: 'bool', default: 'False' }]);
    expect(def('rest_style').returns).toBe('int');
  });
  it('gives a constructor the __init__ of the first base that defines one', () => {
    expect(def('Child').params.map((p) => p.name)).toEqual(['size', 'name']);
    expect(def('child.grow').qualname).toBe('Child.grow');
  });
});

describe('a class attribute declared by a class-level annotation', () => {
  it('holds what the annotation says, not what the external base defines (`SQLModel.metadata: ClassVar[MetaData]`)', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .main import Model\n',
      'pkg/main.py': 'from typing import ClassVar\n\nfrom pydantic import BaseModel\nfrom sqlalchemy import MetaData\n\n\nclass Model(BaseModel):\n    metadata: ClassVar[MetaData]\n',
      'examples/create.py': 'from pkg import Model\n\nModel.metadata.create_all(engine)\nModel.model_validate({})\n',
    });
    const calls = (await callsOf(repo)).get('examples/create.py')!;
    expect(calls.find((c) => c.callee === 'Model.metadata.create_all')!.resolution).toMatchObject({ kind: 'external', module: 'sqlalchemy' });
    // What no annotation declares is still the external base's.
    expect(calls.find((c) => c.callee === 'Model.model_validate')!.resolution).toMatchObject({ kind: 'external', module: 'pydantic' });
  });
});

describe('a function bound in a class body', () => {
  it('is a method of the class (`transcribe = transcribe_function` in whisper\'s model), not its external base\'s; an alias of a method is that method', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .model import Model, load_model\n',
      'pkg/decoding.py': 'def decode(model, mel, options=None):\n    return mel\n',
      'pkg/transcribe.py': 'def transcribe(model, audio, *, verbose=None, **decode_options):\n    return audio\n',
      'pkg/model.py': [
        'from torch import nn',
        '',
        'from .decoding import decode as decode_function',
        'from .transcribe import transcribe as transcribe_function',
        '',
        '',
        'def decode(x):',
        '    return x',
        '',
        '',
        'class Model(nn.Module):',
        '    def forward(self, x):',
        '        return x',
        '',
        '    transcribe = transcribe_function',
        '    decode = decode_function',
        '    __call__ = forward',
        '    run = forward',
        '',
        '',
        'def load_model(name) -> Model:',
        '    return Model()',
        '',
      ].join('\n'),
      'examples/run.py': 'import pkg\n\nmodel = pkg.load_model("turbo")\nresult = model.transcribe("audio.mp3", verbose=True)\nout = model.decode(mel)\nmodel.run(x)\nmodel.train()\n',
    });
    const calls = (await callsOf(repo)).get('examples/run.py')!;
    const at = (callee: string) => calls.find((c) => c.callee === callee)!;
    expect(at('model.transcribe').resolution).toMatchObject({ kind: 'repo', qualname: 'transcribe', span: { path: 'pkg/transcribe.py', start: 1, end: 2 } });
    // Bound: the model is the first parameter, the audio the second.
    expect(at('model.transcribe').argNames).toEqual(['audio', 'verbose']);
    expect(at('model.transcribe').definition?.params.map((p) => p.name)).toEqual(['audio', 'verbose', '**decode_options']);
    // The imported function, not the module's own `decode` of the same name.
    expect(at('model.decode').resolution).toMatchObject({ kind: 'repo', span: { path: 'pkg/decoding.py', start: 1, end: 2 } });
    expect(at('model.decode').argNames).toEqual(['mel']);
    expect(at('model.run').resolution).toMatchObject({ kind: 'repo', qualname: 'Model.forward', span: { path: 'pkg/model.py', start: 12, end: 13 } });
    // What the class body does not bind is still the external base's.
    expect(at('model.train').resolution).toMatchObject({ kind: 'external', module: 'torch' });
  });
});

describe('the source’s own classes', () => {
  it('types the result of a helper method called through self', async () => {
    const calls = await resolveFile('tests/test_model.py', { tests: true });
    const save = calls.find((c) => c.callee === 'model.save')!.resolution;
    expect(save.kind === 'repo' && `${formatSpan(save.span)} ${save.qualname}`).toBe('pkg/models.py:L6-8 Base.save');
  });
});

describe('test entries', () => {
  it('runs the methods of a TestCase subclass whatever its name, as unittest and pytest collect them', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "mylib"\n',
      'mylib/__init__.py': 'def make(x):\n    return x\n\ndef run(y):\n    return y\n',
      'tests/test_direct.py': 'from unittest import TestCase\n\nfrom mylib import make, run\n\n\nclass MakeTest(TestCase):\n    def test_one(self):\n        run(make(1))\n',
      'tests/test_module.py': 'import unittest\n\nfrom mylib import make\n\n\nclass Generate(unittest.TestCase):\n    def test_one(self):\n        make(2)\n',
      // Neither collected: a plain helper class of a test file.
      'tests/test_helper.py': 'from mylib import run\n\n\nclass Helper:\n    def go(self):\n        run(3)\n',
    });
    const calls = await callsOf(repo);
    expect(calls.get('tests/test_direct.py')?.map((c) => c.callee)).toEqual(['run', 'make']);
    expect(calls.get('tests/test_module.py')?.map((c) => c.callee)).toEqual(['make']);
    expect(calls.get('tests/test_helper.py') ?? []).toEqual([]);
  });

  it('finds a test program under a scripts folder as a test, not as a script', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "mylib"\n',
      'mylib/__init__.py': 'def make(x):\n    return x\n',
      'mylib/test_utils/scripts/test_merge.py': 'from mylib import make\n\n\ndef test_merge():\n    make(1)\n\n\nif __name__ == "__main__":\n    test_merge()\n',
      'scripts/convert.py': 'from mylib import make\n\nmake(2)\n',
    });
    const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-tw-')), name: 'acme_mylib', all: true });
    const kind = (p: string) => model.candidates.find((c) => c.path === p)?.kind;
    expect(kind('mylib/test_utils/scripts/test_merge.py')).toBe('test');
    expect(kind('scripts/convert.py')).toBe('script');
  });
});

describe('attachment index', () => {
  it('parses only modules with a line that may attach a function (not `self.y = name`)', async () => {
    const { write } = await import('./repos.js');
    const repo = write({
      'pkg/__init__.py': '',
      'pkg/own.py': 'def f(x):\n    return x\n\nclass A:\n    def __init__(self):\n        self.g = f\n',
      'pkg/patch.py': 'from pkg.own import A, f\n\nA.run = f\n',
    });
    const index = new PythonIndex(await RepoFiles.scan(repo), await loadPythonParser(), []);
    const found = await index.attachments();
    expect([...found.keys()]).toEqual(['run']);
    expect(found.get('run')!.map((a) => `${a.site.path}:${a.site.line} ${a.target.path}`)).toEqual(['pkg/patch.py:3 pkg/own.py']);
    // pkg/own.py was parsed only to resolve `f`, the target; a module of `self.` assignments alone is not.
    const other = write({ 'pkg/__init__.py': '', 'pkg/own.py': 'class A:\n    def __init__(self):\n        self.g = len\n' });
    const index2 = new PythonIndex(await RepoFiles.scan(other), await loadPythonParser(), []);
    expect((await index2.attachments()).size).toBe(0);
    expect(index2.facts('pkg/own.py')).toBeUndefined();
  });
});

describe('module-level instances and re-exports', () => {
  it('reads `f = api.f` after `api = Api()` as the method of Api, and keeps a name that fails its own reason', async () => {
    const { write, lineOf } = await import('./repos.js');
    const repo = write({
      'hub/__init__.py': 'from .api import upload_file, broken\nfrom ._client import Client\n',
      'hub/api.py': 'class Api:\n    def upload_file(self, path, repo_id):\n        return path\n\napi = Api()\nupload_file = api.upload_file\nbroken = missing.thing\n',
      'hub/_client.py': 'class Client:\n    def ask(self, q):\n        return q\n',
      'hub/_private.py': 'class Hidden:\n    pass\n',
    });
    const index = new PythonIndex(await RepoFiles.scan(repo), await loadPythonParser(), []);
    const sym = await index.resolveInModule('hub', 'upload_file');
    expect(sym.kind === 'def' && `${sym.path}:${sym.def.start} ${sym.def.qualname}`).toBe(`hub/api.py:${lineOf(repo, 'hub/api.py', 'def upload_file')} Api.upload_file`);
    // The instance itself is no class to call.
    expect((await index.resolveInModule('hub.api', 'api')).kind).toBe('unresolved');
    // The reason is the name's own, not an import cycle met by asking twice.
    const broken = await index.resolveInModule('hub', 'broken');
    expect(broken.kind === 'unresolved' && broken.reason).not.toMatch(/cycle/);
    // A class of a private module that the package re-exports is what users import; one it does not is not.
    expect(await index.reexported('hub/_client.py', 'Client', () => true)).toBe(true);
    expect(await index.reexported('hub/_private.py', 'Hidden', () => true)).toBe(false);
    expect(await index.reexported('hub/_client.py', 'Client', (p) => p !== 'hub/__init__.py')).toBe(false);
  });

  it("takes an instance a public package hands out (`logger = _Logger()`) for its class's export", async () => {
    const { write } = await import('./repos.js');
    const repo = write({
      'logs/__init__.py': 'from ._logger import Logger as _Logger\nfrom ._logger import Core as _Core\n\nlogger = _Logger(_Core())\n_spare = _Core()\n',
      'logs/_logger.py': 'class Core:\n    pass\n\n\nclass Logger:\n    def __init__(self, core):\n        self._core = core\n',
    });
    const files = await RepoFiles.scan(repo);
    const index = new PythonIndex(files, await loadPythonParser(), []);
    expect(await index.reexported('logs/_logger.py', 'Logger', () => true)).toBe(true);
    // Made under a private name only: not handed out.
    expect(await index.reexported('logs/_logger.py', 'Core', () => true)).toBe(false);
  });

  it('resolves an item of the library\'s registry of builders by its literal key; any other key has every builder as a candidate', async () => {
    const { write, lineOf } = await import('./repos.js');
    const { nameCall, titleOf } = await import('../src/group/steps.js');
    const repo = write({
      'seg/__init__.py': 'from .build import registry\n',
      'seg/build.py': 'def build_seg_vit_h(checkpoint=None):\n    return checkpoint\n\n\ndef build_seg_vit_b(checkpoint=None):\n    return checkpoint\n\n\nregistry = {\n    "default": build_seg_vit_h,\n    "vit_h": build_seg_vit_h,\n    "vit_b": build_seg_vit_b,\n}\n',
      'examples/use.py': 'import sys\nfrom seg import registry\nm = registry["vit_b"](checkpoint="a.pth")\nn = registry[sys.argv[1]](checkpoint="b.pth")\nlocal = {"x": print}\nlocal["x"]("hi")\n',
    });
    const files = await RepoFiles.scan(repo);
    const parser = await loadPythonParser();
    const index = new PythonIndex(files, parser, []);
    const facts = extractPythonFacts(parser, (await files.readOrSkip('examples/use.py'))!, 'examples/use.py');
    const found = (await resolvePythonSource(index, { path: 'examples/use.py', facts, shell: [] })).calls;
    const picked = found.find((c) => c.callee === 'registry["vit_b"]')!;
    expect(picked.resolution.kind === 'repo' && formatSpan(picked.resolution.span)).toBe(`seg/build.py:L${lineOf(repo, 'seg/build.py', 'def build_seg_vit_b')}-${lineOf(repo, 'seg/build.py', 'def build_seg_vit_b') + 1}`);
    // Chosen at run time: no location, the builders as candidates; named by what they share (Build Seg Vit).
    const any = found.find((c) => c.callee === 'registry[sys.argv[1]]')!;
    expect(any.resolution.kind).toBe('unresolved');
    expect(any.resolution.kind === 'unresolved' && any.resolution.candidates?.map((x) => x.split(' ')[0])).toEqual(['build_seg_vit_b', 'build_seg_vit_h']);
    expect(titleOf(nameCall(any))).toBe('Build Seg Vit');
    // A dict of the example's own is no registry of the library.
    expect(found.find((c) => c.callee === 'local["x"]')?.resolution.kind).not.toBe('repo');
  });

  it("takes a method's first parameter for its object whatever its name (loguru's `__self`), not a static method's", async () => {
    const { write } = await import('./repos.js');
    const repo = write({
      'logs/__init__.py': 'from ._logger import Logger\n',
      'logs/_logger.py': [
        'class Logger:',
        '    def info(__self, __message, *args):',
        '        pass',
        '',
        '    @staticmethod',
        '    def level_of(name):',
        '        return name',
        '',
      ].join('\n'),
      'examples/use.py': 'from logs import Logger\nlogger = Logger()\nlogger.info("hello", 1)\nlogger.level_of("INFO")\n',
    });
    const files = await RepoFiles.scan(repo);
    const index = new PythonIndex(files, await loadPythonParser(), []);
    const facts = extractPythonFacts(await loadPythonParser(), (await files.readOrSkip('examples/use.py'))!, 'examples/use.py');
    const found = (await resolvePythonSource(index, { path: 'examples/use.py', facts, shell: [] })).calls;
    const info = found.find((c) => c.callee === 'logger.info')!;
    expect(info.definition?.params.map((p) => p.name)).toEqual(['__message', '*args']);
    expect(info.argNames).toEqual(['__message', '*args']);
    // A static method has no object: its first parameter is an argument.
    expect(found.find((c) => c.callee === 'logger.level_of')!.definition?.params.map((p) => p.name)).toEqual(['name']);
  });

  it('counts the methods of a re-exported class of a private module as public API', async () => {
    const { write } = await import('./repos.js');
    const { extractWorkflows } = await import('../src/index.js');
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const files = {
      'hub/__init__.py': 'from ._client import Client\n',
      'hub/_client.py': 'class Client:\n    def connect(self, url):\n        pass\n\n    def ask(self, q):\n        return q\n\n    def close(self):\n        pass\n',
      'examples/ask.py': 'from hub import Client\n\nc = Client()\nc.connect("u")\nc.ask("q")\nc.close()\n',
    };
    const run = async (f: Record<string, string>) => extractWorkflows({ repo: write(f), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-w-')), name: 'acme_hub' });
    const kept = await run(files);
    expect(kept.candidates.find((c) => c.path === 'examples/ask.py')?.kept).toBe(true);
    expect(kept.workflows.flatMap((w) => w.steps.map((s) => s.calls[0].call.callee))).toContain('c.ask');
    // Not re-exported (imported from the private module itself): internals, no workflow.
    const hidden = await run({ ...files, 'hub/__init__.py': '', 'examples/ask.py': files['examples/ask.py'].replace('from hub import', 'from hub._client import') });
    expect(hidden.candidates.find((c) => c.path === 'examples/ask.py')?.reason).toMatch(/internals/);
  });
});

describe('what a docs block runs', () => {
  it("runs a docs block's `main` that the block defines but leaves uncalled (the `asyncio.run(main())` line elided)", async () => {
    const { write } = await import('./repos.js');
    const { extractWorkflows } = await import('../src/index.js');
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const block = (body: string) => ['```python', 'from hub import Client', '', 'async def main():', '    c = Client()', '    c.connect("u")', '    c.ask("q")', '    c.close()', ...body.split('\n').filter(Boolean), '```', ''].join('\n');
    const files = (body: string) => ({
      'hub/__init__.py': 'from .client import Client\n',
      'hub/client.py': 'class Client:\n    def connect(self, url):\n        pass\n\n    def ask(self, q):\n        return q\n\n    def close(self):\n        pass\n',
      'docs/guide.md': `# Guide\n\n## Asking\n\n${block(body)}`,
    });
    const run = async (body: string) => {
      const r = await extractWorkflows({ repo: write(files(body)), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-w-')), name: 'acme_hub' });
      const doc = r.candidates.find((c) => c.path === 'docs/guide.md');
      return { kept: doc?.kept, callees: r.workflows.flatMap((w) => w.steps.map((s) => s.calls[0].call.callee)) };
    };
    const elided = await run('');
    expect(elided.kept).toBe(true);
    expect(elided.callees).toEqual(expect.arrayContaining(['c.connect', 'c.ask', 'c.close']));
    // Called by the block itself: it runs where it is called, as before.
    expect((await run('\nimport asyncio\nasyncio.run(main())')).callees).toEqual(expect.arrayContaining(['c.connect', 'c.ask', 'c.close']));
    // Handed to something else as a callback: not the block's program.
    expect((await run('\nserve(main)')).kept).toBe(false);
  });
});

describe('overloads and properties of a union return type', () => {
  it('a factory typed by @overload per client class returns what the overload for the client built inline declares; a property every class of a union shares reads as what it returns', async () => {
    const overloads = [
      'from typing import overload',
      'from typing_extensions import Self',
      'import openai',
      '',
      '',
      'class Patched:',
      '    @property',
      '    def chat(self) -> Self:',
      '        return self',
      '',
      '    def create(self, messages):',
      '        return messages',
      '',
      '',
      'class AsyncPatched(Patched):',
      '    async def create(self, messages):',
      '        return messages',
      '',
      '',
      '@overload',
      'def patch(client: openai.OpenAI) -> Patched:',
      '    pass',
      '',
      '',
      '@overload',
      'def patch(client: openai.AsyncOpenAI) -> AsyncPatched:',
      '    pass',
      '',
      '',
      'def patch(client: openai.OpenAI | openai.AsyncOpenAI) -> Patched | AsyncPatched:',
      '    if isinstance(client, openai.OpenAI):',
      '        return Patched()',
      '    return AsyncPatched()',
      '',
    ].join('\n');
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import patch\n',
      'pkg/client.py': overloads,
      'examples/sync.py': 'import pkg\nfrom openai import OpenAI\n\nclient = pkg.patch(OpenAI())\nclient.chat.create(messages=[])\n',
      // Of a class no overload names, the argument says nothing: the union stays, and `chat` (one property of both) reads as each class
      // (made in an `async def` without `await`, the call does not say which twin runs it either).
      'examples/either.py': 'import asyncio\nimport pkg\nfrom other import make_client\n\nclient = pkg.patch(make_client())\n\n\nasync def main():\n    pending = client.chat.create(messages=[])\n    return await pending\n\n\nasyncio.run(main())\n',
    });
    const calls = await callsOf(repo);
    const sync = calls.get('examples/sync.py')!.find((c) => c.callee === 'client.chat.create')!;
    expect(sync.resolution.kind === 'repo' && sync.resolution.qualname).toBe('Patched.create');
    const either = calls.get('examples/either.py')!.find((c) => c.callee === 'client.chat.create')!.resolution;
    expect(either.kind === 'unresolved' && either.reason).toMatch(/one of `Patched`, `AsyncPatched` \(a union return type\), which define `create` differently/);
  });
});

describe('documentation blocks', () => {
  it('read the repository\'s own package by its name without importing it; examples and unknown names do not', async () => {
    const block = '```python\nhaiku = acme.Predict("subject -> haiku")\nprint(haiku(subject="code"))\nnumpy.zeros(3)\n```\n';
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'from .predict import Predict\n',
      'acme/predict.py': 'class Predict:\n    """Predicts."""\n\n    def __init__(self, signature):\n        self.signature = signature\n',
      'README.md': '# acme\n\n## Quick start\n\n' + block,
      'docs/first.md': '# First program\n\nWith `import acme` done once:\n\n' + block,
      'examples/run.py': 'haiku = acme.Predict("a -> b")\n',
    });
    const calls = await callsOf(repo);
    const page = [...calls].find(([id]) => id.startsWith('docs/first.md'))![1];
    const readme = [...calls].find(([id]) => id.startsWith('README.md'))![1];
    for (const cs of [page, readme]) {
      expect(cs.find((c) => c.callee === 'acme.Predict')?.resolution).toMatchObject({ kind: 'repo', qualname: 'Predict', span: { path: 'acme/predict.py' } });
      // Another library's name is still unknown: only the repository's own import is taken for granted.
      expect(cs.find((c) => c.callee === 'numpy.zeros')?.resolution.kind).toBe('unresolved');
    }
    expect(calls.get('examples/run.py')?.find((c) => c.callee === 'acme.Predict')?.resolution.kind ?? 'unresolved').toBe('unresolved');
  });

  it('read a name the package exports, called on a page with no import, as that export; only when one package exports it', async () => {
    const block = '```python\nhaiku = Predict("subject -> haiku")\nshared()\nmissing()\n```\n';
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'from .predict import Predict, shared\n',
      'acme/predict.py': 'class Predict:\n    """Predicts."""\n\n    def __init__(self, signature):\n        self.signature = signature\n\n\ndef shared():\n    pass\n',
      'extra/__init__.py': 'def shared():\n    pass\n',
      'tests/__init__.py': 'def missing():\n    pass\n',
      'docs/first.md': '# First program\n\n' + block,
      'examples/run.py': 'haiku = Predict("a -> b")\n',
    });
    const calls = await callsOf(repo);
    const page = [...calls].find(([id]) => id.startsWith('docs/first.md'))![1];
    expect(page.find((c) => c.callee === 'Predict')?.resolution).toMatchObject({ kind: 'repo', qualname: 'Predict', span: { path: 'acme/predict.py', start: 1, end: 5 } });
    // Two packages export `shared`: which one the page means is not known. A tests package is no export.
    expect(page.find((c) => c.callee === 'shared')?.resolution.kind).toBe('unresolved');
    expect(page.find((c) => c.callee === 'missing')?.resolution.kind).toBe('unresolved');
    // An example is a program: what it does not import is not there.
    expect(calls.get('examples/run.py')?.find((c) => c.callee === 'Predict')?.resolution.kind ?? 'unresolved').toBe('unresolved');
  });
});

describe('a module-level instance', () => {
  it('rebinds a submodule\'s name in its package: a function exported as the default client\'s method is that method', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'from acme._client import Client\n\n_client = Client()\n\nchat = _client.chat\ngenerate = _client.generate\n',
      'acme/_client.py': 'class Client:\n    def chat(self, model, messages):\n        """Chat."""\n        return messages\n\n    def generate(self, model, prompt):\n        """Generate."""\n        return prompt\n',
      'examples/chat.py': 'from acme import chat, generate\n\nr = chat("m", messages=[])\ngenerate("m", prompt="hi")\n',
    });
    const calls = (await callsOf(repo)).get('examples/chat.py');
    expect(calls?.find((c) => c.callee === 'chat')?.resolution).toMatchObject({ kind: 'repo', qualname: 'Client.chat' });
    expect(calls?.find((c) => c.callee === 'generate')?.resolution).toMatchObject({ kind: 'repo', qualname: 'Client.generate' });
  });

  it('is followed through imports: made in one module, imported by the package, its methods are its class\'s', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'from acme.utils.settings import settings\n\nconfigure = settings.configure\n',
      'acme/utils/__init__.py': '',
      'acme/utils/settings.py': 'class Settings:\n    def configure(self, **kwargs):\n        """Configure."""\n        return kwargs\n\n\nsettings = Settings()\n',
      'examples/a.py': 'import acme\n\nacme.configure(lm=1)\n',
      'examples/b.py': 'from acme.utils.settings import settings\n\nsettings.configure(lm=2)\n',
      'examples/c.py': 'import acme\nimport acme.utils.settings as st\n\nacme.utils.settings.settings.configure(lm=3)\nst.settings.configure(lm=4)\n',
      // Made under a condition, or bound again: no instance of one known class.
      'acme/other.py': 'from acme.utils.settings import Settings\n\nif Settings:\n    other = Settings()\n',
      'examples/d.py': 'from acme.other import other\n\nother.configure(lm=5)\n',
    });
    const calls = await callsOf(repo);
    const one = (file: string, written: string) => calls.get(file)?.find((c) => c.written === written)?.resolution;
    expect(one('examples/a.py', 'acme.configure')).toMatchObject({ kind: 'repo', qualname: 'Settings.configure' });
    expect(one('examples/b.py', 'settings.configure')).toMatchObject({ kind: 'repo', qualname: 'Settings.configure' });
    expect(one('examples/c.py', 'acme.utils.settings.settings.configure')).toMatchObject({ kind: 'repo', qualname: 'Settings.configure' });
    expect(one('examples/c.py', 'st.settings.configure')).toMatchObject({ kind: 'repo', qualname: 'Settings.configure' });
    expect(one('examples/d.py', 'other.configure')?.kind ?? 'unresolved').toBe('unresolved');
  });

  it("holds what the instance's property returns when the package binds the property (`predictions = default_client.predictions`)", async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'from acme.client import Client\n\ndefault_client = Client()\n\npredictions = default_client.predictions\nrun = default_client.run\n',
      'acme/client.py': [
        'from acme.prediction import Predictions',
        '',
        '',
        'class Client:',
        '    @property',
        '    def predictions(self) -> Predictions:',
        '        """Namespace for predictions."""',
        '        return Predictions(client=self)',
        '',
        '    def run(self, ref, input=None):',
        '        """Runs a model."""',
        '        return input',
        '',
      ].join('\n'),
      'acme/prediction.py': [
        'class Prediction:',
        '    def wait(self):',
        '        """Waits for the prediction."""',
        '        return self',
        '',
        '',
        'class Predictions:',
        '    def __init__(self, client):',
        '        self._client = client',
        '',
        '    def create(self, version, input) -> Prediction:',
        '        """Creates a prediction."""',
        '        return Prediction()',
        '',
      ].join('\n'),
      'examples/background.py': 'import acme\n\nprediction = acme.predictions.create(version="v", input={})\nprediction.wait()\nacme.run("m")\n',
    });
    const calls = (await callsOf(repo)).get('examples/background.py');
    const one = (written: string) => calls?.find((c) => c.written === written)?.resolution;
    expect(one('acme.predictions.create')).toMatchObject({ kind: 'repo', qualname: 'Predictions.create', span: { path: 'acme/prediction.py', start: lineOf(repo, 'acme/prediction.py', 'def create') } });
    expect(one('prediction.wait')).toMatchObject({ kind: 'repo', qualname: 'Prediction.wait' });
    expect(one('acme.run')).toMatchObject({ kind: 'repo', qualname: 'Client.run' });
  });
});

describe('a method of what another call returns', () => {
  it('is written with that call, its arguments shown when short and on one line (spaces dropped outside strings), else as (...)', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'from acme.worker import Worker, make_worker\n',
      'acme/worker.py': 'class Worker:\n    def run(self):\n        """Run."""\n        return 1\n\n\ndef make_worker(*args, **kwargs):\n    """Make a worker."""\n    return Worker()\n',
      'examples/run.py': [
        'from acme import Worker, make_worker',
        '',
        'Worker().run()',
        'make_worker(env, "a b").run()',
        'make_worker(',
        '    name="x",',
        '    # a factory called per session',
        '    tools=lambda env: [env],',
        ').run()',
        '(',
        '    make_worker("a")',
        '    .run()',
        ')',
        '',
      ].join('\n'),
    });
    const calls = (await callsOf(repo)).get('examples/run.py')!;
    const runs = calls.filter((c) => c.written.endsWith('.run'));
    // (A chain written over several lines shows its short argument lists all the same.)
    expect(runs.map((c) => c.written)).toEqual(['Worker().run', 'make_worker(env,"a b").run', 'make_worker(...).run', 'make_worker("a").run']);
    expect(runs.map((c) => c.resolution)).toEqual(runs.map(() => expect.objectContaining({ kind: 'repo', qualname: 'Worker.run' })));
  });
});

describe('a source done', () => {
  // a.py makes a Model in a function it also runs; b.py imports that function.
  const FILES = {
    'pkg/__init__.py': '',
    'pkg/model.py': 'class Model:\n    def save(self):\n        pass\n',
    'examples/a.py': 'from pkg.model import Model\n\ndef make():\n    m = Model()\n    return m\n\nif __name__ == "__main__":\n    make().save()\n',
  };

  it("lets go of its own facts' bodies and makes them again, in the same object, when it is loaded later", async () => {
    const repo = write({ ...FILES, 'examples/b.py': 'from a import make\n' });
    const parser = await loadPythonParser();
    const index = new PythonIndex(await RepoFiles.scan(repo), parser, []);
    // A source loaded in its own turn only: let go when done.
    index.turn = 'examples/a.py';
    const a = (await index.load('examples/a.py'))!;
    const whole = structuredClone(a);
    const defs = a.defs;
    await index.load('pkg/model.py');
    index.done('examples/a.py');
    expect(a.calls).toEqual([]);
    expect(a.returns).toEqual([]);
    // Loaded again (by another source): the same facts, in the same object, with the same definitions.
    index.turn = 'examples/b.py';
    expect(await index.load('examples/a.py')).toBe(a);
    expect(a).toStrictEqual(whole);
    expect(a.defs).toBe(defs);
    // Loaded by another source, so kept from now on; so is a module the source loaded.
    index.done('examples/b.py');
    index.turn = 'examples/a.py';
    index.done('examples/a.py');
    expect(index.facts('examples/a.py')!.calls.length).toBe(whole.calls.length);
    index.turn = 'pkg/model.py';
    index.done('pkg/model.py');
    expect(index.facts('pkg/model.py')!.defs.length).toBe(2);
    expect(index.facts('pkg/model.py')!.calls).toEqual([]);
  });

  it("resolves a later source through an earlier one's function, which reads the earlier one's returns and bound calls", async () => {
    // a.py is analysed first and let go; b.py's resolution reads a.py's returns and bound calls again.
    const calls = await callsOf(write({ ...FILES, 'examples/b.py': 'from a import make\n\nm = make()\nm.save()\n' }));
    const of = (file: string) => [...calls].filter(([id]) => id.includes(file)).flatMap(([, cs]) => cs.map((c) => `${c.callee} ${c.resolution.kind === 'repo' ? c.resolution.qualname : c.resolution.kind}`));
    expect(of('a.py')).toContain('make().save Model.save');
    expect(of('b.py')).toContain('m.save Model.save');
  });
});

describe('programs a Python source starts', () => {
  it('are the subprocess or os call itself, never a method chained on its result', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acme"\n',
      'acme/__init__.py': 'class Client:\n    def list(self):\n        return []\n',
      'examples/run.py':
        'import subprocess\nfrom acme import Client\n\nc = Client()\nsubprocess.run(["acme-cli", "serve"])\nout = subprocess.check_output(["acme-cli", "list"]).decode("utf-8").split()\nc.list()\n',
    });
    const calls = (await callsOf(repo)).get('examples/run.py')!;
    const tools = calls.filter((c) => c.resolution.kind === 'tool');
    expect(tools.map((c) => [c.callee, (c.resolution as { command: string }).command])).toEqual([
      ['subprocess.run', 'acme-cli'],
      ['subprocess.check_output', 'acme-cli'],
    ]);
    // (`.decode("utf-8")` and `.split()` on its output were two more "Run ..." steps.)
    expect(calls.filter((c) => /\.(decode|split)$/.test(c.callee)).every((c) => c.resolution.kind !== 'tool')).toBe(true);
  });
});

describe('an attribute bound to a wrapper of a method', () => {
  it('calls the method the wrapper is given when the wrapper says it wraps it (`@functools.wraps(func)`), read through the parameter\'s annotation', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import Client\n',
      'pkg/_wrappers.py': [
        'import functools',
        '',
        '',
        'def to_raw(func):',
        '    @functools.wraps(func)',
        '    def wrapped(*args, **kwargs):',
        '        return func(*args, **kwargs)',
        '',
        '    return wrapped',
        '',
        '',
        'def to_streamed(func, response_cls):',
        '    @functools.wraps(func)',
        '    def wrapped(*args, **kwargs):',
        '        return response_cls(func(*args, **kwargs))',
        '',
        '    return wrapped',
        '',
        '',
        'def logged(func):',
        '    def wrapped(*args, **kwargs):',
        '        return func(*args, **kwargs)',
        '',
        '    return wrapped',
        '',
      ].join('\n'),
      'pkg/client.py': [
        'from ._wrappers import logged, to_raw, to_streamed',
        '',
        '',
        'class Completions:',
        '    def create(self, prompt):',
        '        return prompt',
        '',
        '    @property',
        '    def with_raw_response(self) -> "CompletionsWithRawResponse":',
        '        return CompletionsWithRawResponse(self)',
        '',
        '',
        'class CompletionsWithRawResponse:',
        '    def __init__(self, completions: Completions) -> None:',
        '        self.create = to_raw(completions.create)',
        '        self.streamed = to_streamed(completions.create, dict)',
        '        self.logged = logged(completions.create)',
        '',
        '',
        'class Client:',
        '    def __init__(self):',
        '        self.completions = Completions()',
        '',
      ].join('\n'),
      'examples/raw.py': 'from pkg import Client\nclient = Client()\nclient.completions.with_raw_response.create("hi")\nclient.completions.with_raw_response.streamed("hi")\nclient.completions.with_raw_response.logged("hi")\n',
    });
    const calls = (await callsOf(repo)).get('examples/raw.py')!;
    const of = (callee: string) => calls.find((c) => c.callee === callee)!.resolution;
    expect(of('client.completions.with_raw_response.create')).toMatchObject({ kind: 'repo', qualname: 'Completions.create', span: { path: 'pkg/client.py', start: 5, end: 6 } });
    expect(of('client.completions.with_raw_response.streamed')).toMatchObject({ kind: 'repo', qualname: 'Completions.create' });
    // A wrapper that does not say it stands for what it is given may call anything: not followed.
    expect(of('client.completions.with_raw_response.logged')).toMatchObject({ kind: 'unresolved' });
  });
});
