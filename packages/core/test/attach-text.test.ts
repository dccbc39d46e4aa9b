// The attachment scan's text check (resolve/attach-text.ts): a module is parsed only when a value it could
// attach starts with a name it binds at module level.
import { describe, expect, it } from 'vitest';
import { mayAttach } from '../src/resolve/attach-text.js';
import { PythonIndex } from '../src/resolve/python-index.js';
import { RepoFiles } from '../src/repo/files.js';
import { loadPythonParser } from '../src/lang/python/parser.js';

const no = () => false;

describe('mayAttach', () => {
  it('says no when no value an attachment could take is bound at module level', () => {
    // A lazy module's setattr with a name that is no literal; attributes set from locals and parameters.
    expect(mayAttach('import sys\nfor name, value in items:\n    setattr(sys.modules[__name__], name, value)\n', no)).toBe(false);
    expect(mayAttach('import torch\n\ndef step(state, latents):\n    dtype = torch.float16\n    state.latents = latents\n    state.dtype = dtype\n', no)).toBe(false);
    // A literal name whose value is a parameter; a call's literal argument is no setattr.
    expect(mayAttach('def add(obj, fn):\n    setattr(obj, "run", fn)\n', no)).toBe(false);
    expect(mayAttach('from .x import Spec, Sched\nobj.spec = None\nS = Spec("scheduler", Sched)\n', no)).toBe(false);
    // A `__getattr__` of a class is no lazy export.
    expect(mayAttach('class A:\n    def __getattr__(self, k):\n        return k\n\ndef f(o, v):\n    o.x = v\n', no)).toBe(false);
  });

  it('says yes for every way a module binds a value it attaches', () => {
    expect(mayAttach('from .helpers import helper\nModel.run = helper\n', no)).toBe(true);
    expect(mayAttach('from .helpers import (\n    other,  # (note)\n    helper,\n)\n\ndef patch():\n    Model.run = helper\n', no)).toBe(true);
    expect(mayAttach('import pkg.helpers\nModel.run = pkg.helpers.helper\n', no)).toBe(true);
    expect(mayAttach('def helper(self):\n    pass\n\nModel.run = helper\n', no)).toBe(true);
    expect(mayAttach('try:\n    helper = _impl\nexcept ImportError:\n    pass\nModel.run = helper\n', no)).toBe(true);
    // An annotated attachment, in a module another line lets through.
    expect(mayAttach('from .h import helper\nsetattr(sys.modules[__name__], n, v)\nModel.run: Callable[\n    [int], int] = helper\n', no)).toBe(true);
    expect(mayAttach('from .helpers import helper\nsetattr(getattr(m, "x"), "run",  # why\n        helper)\n', no)).toBe(true);
    expect(mayAttach('import types\nfrom .helpers import helper\nmodel.run = types.MethodType(helper, model)\n', no)).toBe(true);
    expect(mayAttach('from .helpers import *\nModel.run = helper\n', no)).toBe(true);
    expect(mayAttach('def __getattr__(name):\n    return {"helper": ".h"}[name]\nModel.run = helper\n', no)).toBe(true);
    expect(mayAttach('Model.run = sub.helper\n', (n) => n === 'sub')).toBe(true);
    expect(mayAttach('from .helpers import helper\nsetattr(sys.modules[__name__], n, v)\nModel . run = helper \\\n    .inner\n', no)).toBe(true);
  });

  it('reads comments made of many hashes in linear time', () => {
    const text = `obj.x = v\nsetattr(a, ${'# '.repeat(20000)}\n`;
    const t0 = performance.now();
    expect(mayAttach(text, no)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('attachment scan', () => {
  it('does not parse a module whose attachments could take no value it binds', async () => {
    const { write } = await import('./repos.js');
    const repo = write({
      'pkg/__init__.py': '',
      'pkg/own.py': 'def f(x):\n    return x\n\nclass A:\n    pass\n',
      'pkg/patch.py': 'from pkg.own import A, f\n\nA.run = f\n',
      'pkg/state.py': 'def step(state, latents):\n    state.latents = latents\n',
    });
    const index = new PythonIndex(await RepoFiles.scan(repo), await loadPythonParser(), []);
    expect([...(await index.attachments()).keys()]).toEqual(['run']);
    expect(index.facts('pkg/patch.py')).toBeDefined();
    expect(index.facts('pkg/state.py')).toBeUndefined();
  });
});
