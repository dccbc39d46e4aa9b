// Resolution on a small repository written here: imports of every form, re-exports, star imports with
// __all__, lazy __getattr__, inheritance, constructors, receivers typed through the example's data flow.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RepoFiles } from '../src/repo/files.js';
import { loadPythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';
import { PythonIndex } from '../src/resolve/python-index.js';
import { resolvePythonSource } from '../src/resolve/python-calls.js';
import type { CallSite } from '../src/model.js';
import { formatSpan } from '../src/model.js';

const FILES: Record<string, string> = {
  'pkg/__init__.py': `from .models import Model as Model\nfrom .lora import *\nfrom . import utils\ntry:\n    from .fast import fast_path\nexcept ImportError:\n    fast_path = None\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .trainer import Trainer\n\n_LAZY = {"Trainer": ".trainer"}\n\ndef __getattr__(name):\n    if name in _LAZY:\n        import importlib\n        return getattr(importlib.import_module(_LAZY[name], __name__), name)\n    raise AttributeError(name)\n`,
  'pkg/models.py': `from typing import Optional, Tuple, Union, overload\nimport numpy as np\n\n\nclass Base:\n    def save(self, path: str) -> None:\n        """Save to disk."""\n        np.save(path, 1)\n\n\nclass Model(Base):\n    """A model."""\n\n    def __init__(self, name: str, size: int = 3):\n        self.name = name\n\n    @classmethod\n    def from_pretrained(cls, name: str):\n        return cls(name)\n\n    @staticmethod\n    def helper(x):\n        return x\n\n    @overload\n    def generate(self, prompt: str) -> str: ...\n    @overload\n    def generate(self, prompt: list) -> list: ...\n    def generate(self, prompt):\n        return prompt\n\n    def tokenizer(self) -> "Tok":\n        return Tok()\n\n\nclass Tok:\n    def encode(self, text):\n        return [text]\n\n\ndef load_pair(name) -> Tuple[Model, "Tok"]:\n    return Model(name), Tok()\n\n\nclass Holder:\n    tok: Tok\n\n    def __init__(self):\n        self.model = Model("x")\n\n    @property\n    def first(self) -> "Model":\n        return self.model\n`,
  'pkg/lora.py': `__all__ = ["get_peft_model", "LoraConfig", "Dc"]\n\nclass LoraConfig:\n    r: int = 8\n\ndef get_peft_model(model, config):\n    """Wrap a model."""\n    return model\n\ndef hidden():\n    pass\n\nfrom dataclasses import dataclass, field\n\n@dataclass\nclass Dc:\n    r: int = 8\n    alpha: float\n    mods: list = field(default_factory=list)\n`,
  'pkg/trainer.py': `import torch\nfrom .models import Model\n\nclass Trainer(torch.nn.Module):\n    def __init__(self, model: Model):\n        super().__init__()\n\n    def train(self) -> dict:\n        return {}\n`,
  'pkg/fast.py': `def fast_path():\n    return 1\n`,
  'pkg/patches.py': `import types\nimport torch\n\n\ndef fast_forward(self, x):\n    \"\"\"Faster forward.\"\"\"\n    return x\n\n\ndef _shout(self):\n    return "!"\n\n\ndef _a(self):\n    return 1\n\n\ndef _b(self):\n    return 2\n\n\ntorch.nn.Linear.fast_forward = fast_forward\nsetattr(torch.nn.Module, "shout", _shout)\nm = torch.nn.Linear(1, 1)\nm.twice = types.MethodType(_a, m)\nsetattr(torch.nn.Conv2d, "twice", _b)\n`,
  'pkg/utils.py': `def helper_fn():\n    return 2\n`,
  'examples/run.py': `import pkg\nimport pkg.utils as u\nfrom pkg import Model, get_peft_model, LoraConfig as LC, fast_path, Trainer\nfrom pkg.lora import hidden\nimport os\n\nmodel = Model.from_pretrained("x")\nmodel.save("out")\ntok = model.tokenizer()\ntok.encode("hi")\nout = model.generate("p")\npeft = get_peft_model(model, LC())\nfast_path()\nu.helper_fn()\npkg.utils.helper_fn()\ntrainer = Trainer(model)\ntrainer.train()\ntrainer.eval()\nModel.helper(1)\nos.path.join("a", "b")\nundefined_thing()\nhidden()\nimport torch\nlin = torch.nn.Linear(2, 2)\nlin.fast_forward(1)\nlin.shout()\nlin.twice()\nfrom pkg.models import load_pair, Holder\nfrom pkg import Dc\nm2, t2 = load_pair("x")\nt2.encode("a")\nh = Holder()\nh.tok.encode("b")\nh.model.save("p")\nh.first.save("q")\nDc(r=4)\n`,
};

let calls: CallSite[];

beforeAll(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'goldpath-resolve-'));
  for (const [p, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), text);
  }
  const files = await RepoFiles.scan(root);
  const parser = await loadPythonParser();
  const index = new PythonIndex(files, parser, new Map(), ['numpy', 'torch']);
  const text = (await files.readOrSkip('examples/run.py'))!;
  const facts = extractPythonFacts(parser, text, 'examples/run.py');
  calls = (await resolvePythonSource(index, { path: 'examples/run.py', facts, shell: [] })).calls;
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
  });
  it('makes methods of external bases external, and the standard library no step', () => {
    expect(where('trainer.eval')).toBe('external torch');
    expect(at('os.path.join').resolution.kind).toBe('builtin');
  });
  it('follows functions attached at run time when exactly one matches, and lists the candidates otherwise', () => {
    expect(where('lin.fast_forward')).toBe('pkg/patches.py:L5-7 fast_forward');
    const r = at('lin.fast_forward').resolution;
    expect(r.kind === 'repo' && r.via).toBe('attachment (pkg/patches.py:L22)');
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
  });
  it('gives a dataclass its fields as constructor parameters', () => {
    expect(at('Dc').definition?.params).toEqual([
      { name: 'r', type: 'int', default: '8' },
      { name: 'alpha', type: 'float' },
      { name: 'mods', type: 'list', default: 'field(...)' },
    ]);
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
