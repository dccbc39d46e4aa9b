// Shallow facts (#14): a library module the index only looks names up in is read without its function
// bodies. What such facts keep must equal the whole facts' (definitions with their exact spans and
// docstrings, module- and class-level bindings, the modules imported inside functions), on both parser
// backends; the index makes them whole in place, keeping its definition objects, when a body is read.
import { describe, expect, it } from 'vitest';
import { loadPythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';
import type { PyModuleFacts } from '../src/lang/python/types.js';
import { PythonIndex } from '../src/resolve/python-index.js';
import { RepoFiles } from '../src/repo/files.js';

const SAMPLE = [
  '"""Module doc."""',
  'import os',
  'from .base import Base',
  '',
  '__all__ = ["Model", "build"]',
  '',
  'def build(name):',
  '    """Build a model.',
  '',
  '    More words.',
  '    """',
  '    import torch',
  '    from transformers import AutoModel',
  '    model = Model(name)',
  '    if name:',
  '        def inner():',
  '            import numpy',
  '            return 1',
  '        return model',
  '    else:',
  '        try:',
  '            import safetensors.torch as st',
  '        except ImportError:',
  '            return None',
  '        # a trailing comment inside the else',
  '',
  '    # a trailing comment of the body',
  '',
  'class Model(Base):',
  '    size: int = 3',
  '',
  '    def __init__(self, name):',
  '        # comment first: no docstring',
  '        self.name = name',
  '        self.inner = Model.make()',
  '',
  '    @classmethod',
  '    def make(cls):',
  '        return cls("x")',
  '',
  'def __getattr__(name):',
  '    mapping = {"Lazy": ".lazy"}',
  '    if name in mapping:',
  '        return mapping[name]',
  '    raise AttributeError(name)',
  '',
  'def one_liner(): return 2',
  '',
  'async def docstring_only():',
  '    """Only a docstring."""',
  '',
].join('\n');

/** Whether a scope is inside a function (not the module-level `__getattr__`, whose body is kept). */
function inFunction(whole: PyModuleFacts, scope: string): boolean {
  const functions = whole.defs.filter((d) => d.kind === 'function' && !(d.parent === '' && d.name === '__getattr__')).map((d) => d.qualname);
  return functions.some((q) => scope === q || scope.startsWith(`${q}.`));
}

describe.each(['native', 'wasm'] as const)('shallow facts (%s)', (backend) => {
  it('keep every definition, docstring, span and module- or class-level fact of the whole facts', async () => {
    const parser = await loadPythonParser({ backend });
    const whole = extractPythonFacts(parser, SAMPLE, 'pkg/model.py');
    const shallow = extractPythonFacts(parser, SAMPLE, 'pkg/model.py', { shallow: true });
    expect(shallow.shallow).toBe(true);
    expect(whole.shallow).toBeUndefined();
    expect(shallow.defs).toEqual(whole.defs.filter((d) => !inFunction(whole, d.parent)));
    // (A trailing comment ends no body: `build` ends at its last statement, as Python's end_lineno.)
    expect(shallow.defs.find((d) => d.qualname === 'build')).toMatchObject({ start: 7, end: 24, doc: 'Build a model.\n\nMore words.' });
    expect(shallow.defs.map((d) => d.qualname)).not.toContain('build.<locals>.inner');
    for (const key of ['imports', 'assigns', 'returns', 'branches'] as const) {
      expect(shallow[key], key).toEqual((whole[key] as { scope: string }[]).filter((x) => !inFunction(whole, x.scope)));
    }
    expect(shallow.calls.map((c) => `${c.line} ${c.scope} ${c.callee.text}`)).toEqual(whole.calls.filter((c) => !inFunction(whole, c.scope)).map((c) => `${c.line} ${c.scope} ${c.callee.text}`));
    expect(shallow.lazyExports).toEqual({ Lazy: '.lazy' });
    expect(shallow.all).toEqual(whole.all);
    expect(shallow.doc).toBe(whole.doc);
    // The imports inside functions, by module only (a module's external imports count them).
    const key = (i: { module: string; level: number }) => `${i.level}:${i.module}`;
    expect(shallow.bodyImports?.map(key).sort()).toEqual(whole.imports.filter((i) => inFunction(whole, i.scope)).map(key).sort());
    expect(shallow.bodyImports?.map((i) => i.module).sort()).toEqual(['numpy', 'safetensors.torch', 'torch', 'transformers']);
  });

  it('are whole facts when the text has a syntax error (errors inside bodies are facts too)', async () => {
    const parser = await loadPythonParser({ backend });
    const broken = 'def f():\n    x = (\n\ndef g():\n    return 1\n';
    const shallow = extractPythonFacts(parser, broken, 'broken.py', { shallow: true });
    expect(shallow.shallow).toBeUndefined();
    expect(shallow).toEqual(extractPythonFacts(parser, broken, 'broken.py'));
  });
});

describe('the index and shallow facts', () => {
  it('looks names up in shallow facts and makes them whole in place when a body is read', async () => {
    const { write } = await import('./repos.js');
    const repo = write({ 'pkg/__init__.py': 'from .model import Model, build\n', 'pkg/base.py': 'class Base:\n    pass\n', 'pkg/model.py': SAMPLE });
    const index = new PythonIndex(await RepoFiles.scan(repo), await loadPythonParser(), []);
    const sym = await index.resolveDotted('pkg', ['Model', 'make']);
    expect(sym).toMatchObject({ kind: 'def', path: 'pkg/model.py', def: { qualname: 'Model.make' } });
    expect(index.declarationsOf('pkg/model.py')?.shallow).toBe(true);
    expect(index.externalImportsOf('pkg/model.py')).toEqual(['numpy', 'safetensors', 'torch', 'transformers']);
    const made = sym.kind === 'def' ? sym.def : undefined;
    const whole = index.facts('pkg/model.py')!;
    expect(whole.shallow).toBeUndefined();
    expect(whole.returns.map((r) => r.scope)).toContain('Model.make');
    expect(whole.defs.map((d) => d.qualname)).toContain('build.<locals>.inner');
    // The same definition object: the answers the index keeps refer to it.
    expect(whole.defs.find((d) => d.qualname === 'Model.make')).toBe(made);
    expect(await index.resolveDotted('pkg', ['Model', 'make'])).toBe(sym);
  });

  it("reads one definition's body alone, with the module's rows and qualnames, while the module stays shallow", async () => {
    const { write } = await import('./repos.js');
    const nested = [
      'import os',
      '',
      'class Outer:',
      '    """Doc."""',
      '',
      '    class Inner:',
      '        @classmethod',
      '        def make(cls, flag=False):',
      '            if flag:',
      '                return Other()',
      '            built = cls()',
      '            return built',
      '',
      '        def __init__(self):',
      '            self.name = os.getcwd()',
      '',
      'class Other:',
      '    pass',
      '',
    ].join('\n');
    const repo = write({ 'pkg/__init__.py': 'from .model import Model\nfrom .nested import Outer\n', 'pkg/base.py': 'class Base:\n    pass\n', 'pkg/model.py': SAMPLE, 'pkg/nested.py': nested });
    const parser = await loadPythonParser();
    const index = new PythonIndex(await RepoFiles.scan(repo), parser, []);
    const cases: [string, string[], string][] = [
      ['pkg/nested.py', ['Outer', 'Inner', 'make'], nested],
      ['pkg/nested.py', ['Outer', 'Inner'], nested],
      ['pkg/model.py', ['Model', 'make'], SAMPLE],
      ['pkg/model.py', ['build'], SAMPLE],
    ];
    for (const [path, chain, text] of cases) {
      const sym = await index.resolveDotted(path.replace(/\.py$/, '').replace('/', '.'), chain);
      if (sym.kind !== 'def') throw new Error(`${chain.join('.')} did not resolve`);
      const body = index.bodyFacts(path, sym.def)!;
      const whole = extractPythonFacts(parser, text, path);
      const inside = (scope: string) => scope === sym.def.qualname || scope.startsWith(`${sym.def.qualname}.`);
      const strip = (c: PyModuleFacts['calls'][number]) => ({ ...c, parent: undefined, callee: { ...c.callee, receiverCall: undefined } });
      expect(body.returns.length, chain.join('.')).toBeGreaterThan(0);
      expect(body.returns).toEqual(whole.returns.filter((r) => inside(r.scope)));
      expect(body.assigns).toEqual(whole.assigns.filter((r) => inside(r.scope)));
      expect(body.calls.filter((c) => inside(c.scope)).map(strip)).toEqual(whole.calls.filter((c) => inside(c.scope)).map(strip));
      expect(index.declarationsOf(path)?.shallow).toBe(true);
    }
  });

  it("gathers a class's bindings of self.<name> from its own statements and the methods that name it, in the module's order", async () => {
    const { write } = await import('./repos.js');
    const text = [
      'class Pipe:',
      '    unet: "UNet" = None',
      '',
      '    def __init__(self, unet):',
      '        self.unet = unet',
      '        self.vae = make_vae()',
      '',
      '    def other(self):',
      '        return 1',
      '',
      '    scheduler = None',
      '',
      '    def swap(self):',
      '        self.unet, self.vae = self.vae, self.unet',
      '',
      '    class Inner:',
      '        def again(self):',
      '            self.unet = Pipe()',
      '',
      'def make_vae():',
      '    return None',
      '',
    ].join('\n');
    const repo = write({ 'pkg/__init__.py': 'from .pipe import Pipe\n', 'pkg/pipe.py': text });
    const parser = await loadPythonParser();
    const index = new PythonIndex(await RepoFiles.scan(repo), parser, []);
    const sym = await index.resolveDotted('pkg', ['Pipe']);
    if (sym.kind !== 'def') throw new Error('Pipe did not resolve');
    const whole = extractPythonFacts(parser, text, 'pkg/pipe.py');
    const inClass = (scope: string) => scope === 'Pipe' || scope.startsWith('Pipe.');
    const strip = (c: PyModuleFacts['calls'][number]) => ({ ...c, parent: undefined, callee: { ...c.callee, receiverCall: undefined } });
    for (const name of ['unet', 'vae']) {
      const got = index.selfBindingFacts('pkg/pipe.py', sym.def, name)!;
      const named = (targets: string[]) => targets.some((t) => t === name || t === `self.${name}`);
      expect(got.assigns.filter((a) => named(a.targets)), name).toEqual(whole.assigns.filter((a) => inClass(a.scope) && named(a.targets)));
      expect(got.calls.filter((c) => named(c.assignedTo)).map(strip), name).toEqual(whole.calls.filter((c) => inClass(c.scope) && named(c.assignedTo)).map(strip));
    }
    const unet = index.selfBindingFacts('pkg/pipe.py', sym.def, 'unet')!;
    expect(unet.assigns.filter((a) => a.targets.some((t) => t.endsWith('unet'))).map((a) => a.line)).toEqual([2, 5, 14]);
    expect(unet.calls.filter((c) => c.assignedTo.includes('self.unet')).map((c) => c.line)).toEqual([18]);
    // Only the methods that name the attribute were read: the module is still shallow.
    expect(index.declarationsOf('pkg/pipe.py')?.shallow).toBe(true);
  });
});
