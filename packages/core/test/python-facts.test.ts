// The Python adapter's facts, on real Python text, on both parser backends. Expected lines are found by
// searching the sample for a marker, so a sample can be edited without renumbering the tests.
// `it.fails` marks a rule the extractor does not follow yet: the test asserts the rule, and fails today.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadPythonParser, type PythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';
import type { PyCall, PyDef, PyModuleFacts } from '../src/lang/python/types.js';

const BACKENDS = ['native', 'wasm'] as const;
const hasPython = spawnSync('python3', ['-c', 'import ast'], { encoding: 'utf8' }).status === 0;

/** A Python sample written indented inside a test: first line break dropped, common indentation removed. */
function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '').replace(/^\n/, '');
  const indents = text.split('\n').filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const margin = indents.length ? Math.min(...indents) : 0;
  return text.split('\n').map((l) => l.slice(margin)).join('\n').replace(/[ \t]+$/, '');
}

/** 1-based line of the n-th line containing `needle`. */
function lineOf(text: string, needle: string, n = 0): number {
  const lines = text.split(/\r\n|\r|\n/);
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (hits[n] === undefined) throw new Error(`no line ${n} with ${needle}`);
  return hits[n];
}

const parsers = new Map<string, PythonParser>();
async function parserFor(backend: (typeof BACKENDS)[number]): Promise<PythonParser> {
  if (!parsers.has(backend)) parsers.set(backend, await loadPythonParser({ backend }));
  return parsers.get(backend)!;
}

function def(f: PyModuleFacts, qualname: string): PyDef {
  const d = f.defs.find((x) => x.qualname === qualname);
  if (!d) throw new Error(`no def ${qualname} in ${f.defs.map((x) => x.qualname).join(', ')}`);
  return d;
}

function call(f: PyModuleFacts, text: string, n = 0): PyCall {
  const c = f.calls.filter((x) => x.callee.text === text)[n];
  if (!c) throw new Error(`no call ${text} in ${f.calls.map((x) => x.callee.text).join(', ')}`);
  return c;
}

const SPANS = py`
  import functools


  @functools.lru_cache(maxsize=None)
  @staticmethod
  def cached(x: int = 1) -> int:
      """Doc."""
      return x
      # a trailing comment inside the body

  # a comment after the function


  class Model(Base):
      """A model."""

      size: int = 3

      @property
      def name(self):
          return "m"

      def fit(self, data):
          if data:
              for row in data:
                  print(row)
          else:
              try:
                  pass
              finally:
                  print(
                      "done",
                  )  # closes print
          # trailing, not part of fit

      async def run(self):
          async with lock():
              await self.fit([])
  # comment at column 0 after the class


  def one(): return 1
  def two(a,
          b):
      return (a +
              b)
  def text():
      return """
  multi
  line"""
  def outer():
      def inner():
          while True:
              break
          else:
              pass
      return inner
`;

const IMPORTS = py`
  import os
  import a.b.c
  import a.b as ab, json
  from . import sibling
  from .. import (up1,
                  up2)
  from ..pkg.mod import (a as b, c)
  from .mod import thing as other
  from x.y import *
  try:
      import yaml
      from fast import Loader
  except ImportError:
      yaml = None
  try:
      import always
  finally:
      pass
  if TYPE_CHECKING:
      from typing_only import T
  if typing.TYPE_CHECKING:
      import typing_mod
  def lazy():
      import inside
  class C:
      from cls_level import helper
`;

const CALLS = py`
  import torch
  # Load the model
  # from the hub.
  model = AutoModel.from_pretrained(name, revision="main")

  # not attached: a blank line follows

  tok = Tokenizer(model).encode(text).ids.tolist()
  outer(inner(x), key=deep(y))
  x[0].f()
  a, (b, *rest) = split(data)
  self.model = build(cfg)
  count: int = total(items)
  with open(path) as fh, lock() as (l1, l2):
      pass
  for item in loader(ds):
      pass
  model.cfg.lr += step(1)
  trainer = Trainer(
      model=model,  # the model to train
      args=args,
      data=ds.train,  # training split
      *extra,
      **options,
  )  # closes Trainer
  def job(q):
      return run(q)
  @register(name="x")
  class Task:
      def go(self):
          return self.helper(1)
  if __name__ == "__main__":
      main(model)
  if '__main__' == __name__:
      main2()
`;

describe.each(BACKENDS)('python facts (%s)', (backend) => {
  const facts = async (text: string, path = 'pkg/sample.py') => extractPythonFacts(await parserFor(backend), text, path);

  describe('spans', () => {
    it('start at the first decorator and end at the last statement, not at trailing comments', async () => {
      const f = await facts(SPANS);
      const cached = def(f, 'cached');
      expect([cached.start, cached.defLine, cached.end]).toEqual([lineOf(SPANS, '@functools'), lineOf(SPANS, 'def cached'), lineOf(SPANS, 'return x')]);
      expect(cached.decorators).toEqual(['functools.lru_cache(maxsize=None)', 'staticmethod']);
    });

    it('end a compound last statement at its own last statement', async () => {
      const f = await facts(SPANS);
      expect(def(f, 'Model.fit').end).toBe(lineOf(SPANS, '# closes print'));
      expect(def(f, 'Model.run').end).toBe(lineOf(SPANS, 'await self.fit'));
      expect(def(f, 'Model').end).toBe(lineOf(SPANS, 'await self.fit'));
      expect(def(f, 'outer.<locals>.inner').end).toBe(lineOf(SPANS, 'pass', 1));
      expect(def(f, 'outer').end).toBe(lineOf(SPANS, 'return inner'));
    });

    it('handle one-liners, multi-line signatures, parenthesised and multi-line string ends', async () => {
      const f = await facts(SPANS);
      const one = def(f, 'one');
      expect([one.start, one.end]).toEqual([lineOf(SPANS, 'def one'), lineOf(SPANS, 'def one')]);
      expect([def(f, 'two').start, def(f, 'two').end]).toEqual([lineOf(SPANS, 'def two'), lineOf(SPANS, '          b)')]);
      expect(def(f, 'text').end).toBe(lineOf(SPANS, 'line"""'));
    });

    it('read classes, methods, properties and async defs', async () => {
      const f = await facts(SPANS);
      const model = def(f, 'Model');
      expect(model).toMatchObject({ kind: 'class', parent: '', isMethod: false, bases: ['Base'], doc: 'A model.', start: lineOf(SPANS, 'class Model') });
      expect(def(f, 'Model.name')).toMatchObject({ isMethod: true, parent: 'Model', decorators: ['property'], start: lineOf(SPANS, '@property'), defLine: lineOf(SPANS, 'def name') });
      expect(def(f, 'Model.run')).toMatchObject({ isAsync: true, isMethod: true, defLine: lineOf(SPANS, 'async def run') });
      expect(def(f, 'outer.<locals>.inner')).toMatchObject({ parent: 'outer', isMethod: false });
      expect(f.defs.every((d) => !d.hasError)).toBe(true);
      expect(f.errors).toEqual([]);
    });

    it('count lines as Python does for \\r\\n and lone \\r files', async () => {
      const lf = 'def a():\n    return 1\n\n\ndef b():\n    x = """\nmulti\n"""\n    return x\n';
      const expected = (await facts(lf)).defs.map((d) => [d.name, d.start, d.end]);
      expect(expected).toEqual([['a', 1, 2], ['b', 5, 9]]);
      for (const text of [lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r'), lf.replace(/\n/g, (_m, i: number) => (i % 2 ? '\r' : '\r\n'))]) {
        const f = await facts(text);
        expect(f.defs.map((d) => [d.name, d.start, d.end])).toEqual(expected);
        expect(f.lineCount).toBe(9);
      }
    });

    it('flag the broken definition and keep the others exact', async () => {
      const text = py`
        def good():
            return 1

        def broken():
            x = 1 +
            return x


        def after():
            return 3
      `;
      const f = await facts(text);
      expect(def(f, 'good')).toMatchObject({ start: 1, end: 2, hasError: false });
      expect(def(f, 'broken').hasError).toBe(true);
      expect(def(f, 'after')).toMatchObject({ start: lineOf(text, 'def after'), end: lineOf(text, 'return 3'), hasError: false });
      expect(f.errors.length).toBeGreaterThan(0);
      expect(f.errors[0].line).toBe(lineOf(text, 'return x'));
      expect(f.errors[0].message).toMatch(/syntax error/);
    });

    it('blame an unterminated string inside broken code on its own line (its pieces are copied there)', async () => {
      expect((await facts("x = ]\n'abc\n")).errors.map((e) => e.line)).toEqual([2]);
      expect((await facts('] \n "')).errors.map((e) => e.line)).toEqual([2]);
    });

    it('report a missing token by line', async () => {
      const f = await facts('def f(a:\n    pass\n\nx = call(1\n');
      expect(f.errors.length).toBeGreaterThan(0);
      expect(f.errors.every((e) => e.line >= 1 && e.line <= 4 && e.message.length > 0)).toBe(true);
    });
  });

  describe('definitions', () => {
    it('read parameters of every kind, return annotations and docstrings', async () => {
      const text = py`
        class K:
            def __init__(self, a, /, b: int = 2, *args: str, c, d: "T" = f(1,  2), **kw) -> None:
                r'''Init the thing.

                    Indented line.
                Back.
                '''

            @classmethod
            def make(cls, *, key=None): ...
      `;
      const f = await facts(text);
      expect(def(f, 'K.__init__').params).toEqual([
        { name: 'self', kind: 'positional' },
        { name: 'a', kind: 'positional' },
        { name: 'b', kind: 'positional', type: 'int', default: '2' },
        { name: 'args', kind: 'vararg', type: 'str' },
        { name: 'c', kind: 'keyword' },
        { name: 'd', kind: 'keyword', type: '"T"', default: 'f(1, 2)' },
        { name: 'kw', kind: 'kwarg' },
      ]);
      expect(def(f, 'K.__init__').returns).toBe('None');
      expect(def(f, 'K.__init__').doc).toBe('Init the thing.\n\n    Indented line.\nBack.');
      expect(def(f, 'K.make').params).toEqual([{ name: 'cls', kind: 'positional' }, { name: 'key', kind: 'keyword', default: 'None' }]);
      expect(def(f, 'K.make').decorators).toEqual(['classmethod']);
    });

    it('read the module docstring, line count and main guard', async () => {
      const text = '"""Tools.\n\n    Details here.\n"""\nimport os\n\nif __name__ == \'__main__\':\n    os.getcwd()\n';
      const f = await facts(text);
      expect(f.doc).toBe('Tools.\n\nDetails here.');
      expect(f.lineCount).toBe(8);
      expect(f.hasMainGuard).toBe(true);
      expect((await facts('')).lineCount).toBe(0);
      expect((await facts('x = 1')).lineCount).toBe(1);
    });

    it('keep class keywords such as metaclass= out of the bases', async () => {
      const f = await facts('class A(Base, Mixin, metaclass=Meta):\n    pass\n');
      expect(def(f, 'A').bases).toEqual(['Base', 'Mixin']);
    });
  });

  describe('imports', () => {
    it('read every form with module, level, names and aliases', async () => {
      const f = await facts(IMPORTS);
      const at = (needle: string) => f.imports.filter((i) => i.line === lineOf(IMPORTS, needle));
      expect(at('import os')).toEqual([{ line: 1, scope: '', kind: 'import', module: 'os', level: 0, names: [], star: false }]);
      expect(at('import a.b.c')[0]).toMatchObject({ kind: 'import', module: 'a.b.c', names: [] });
      expect(at('import a.b as ab').map((i) => [i.module, i.alias])).toEqual([['a.b', 'ab'], ['json', undefined]]);
      expect(at('from . import sibling')[0]).toMatchObject({ kind: 'from', module: '', level: 1, names: [{ name: 'sibling' }], star: false });
      expect(at('from .. import (up1')[0]).toMatchObject({ module: '', level: 2, names: [{ name: 'up1' }, { name: 'up2' }] });
      expect(at('from ..pkg.mod')[0]).toMatchObject({ module: 'pkg.mod', level: 2, names: [{ name: 'a', alias: 'b' }, { name: 'c' }] });
      expect(at('from .mod import thing')[0]).toMatchObject({ module: 'mod', level: 1, names: [{ name: 'thing', alias: 'other' }] });
      expect(at('from x.y import *')[0]).toMatchObject({ module: 'x.y', level: 0, names: [], star: true });
    });

    it('mark try and TYPE_CHECKING guards and the scope', async () => {
      const f = await facts(IMPORTS);
      const by = (module: string) => f.imports.find((i) => i.module === module)!;
      expect(by('yaml').guard).toBe('try');
      expect(by('fast').guard).toBe('try');
      expect(by('typing_only').guard).toBe('type_checking');
      expect(by('typing_mod').guard).toBe('type_checking');
      expect(by('os').guard).toBeUndefined();
      expect(by('inside')).toMatchObject({ scope: 'lazy' });
      expect(by('inside').guard).toBeUndefined();
      expect(by('cls_level').scope).toBe('C');
    });

    it('guard only the try body of a try that has an except clause', async () => {
      const f = await facts(IMPORTS);
      expect(f.imports.find((i) => i.module === 'always')!.guard).toBeUndefined();
    });
  });

  describe('calls', () => {
    it('give callee chains, receiver calls and nesting in source order', async () => {
      const f = await facts(CALLS);
      expect(call(f, 'AutoModel.from_pretrained').callee).toEqual({ base: 'name', chain: ['AutoModel', 'from_pretrained'], text: 'AutoModel.from_pretrained' });
      // `Tokenizer(model).encode(text).ids.tolist()`: outer first, each receiver right after.
      const tolist = f.calls.findIndex((c) => c.callee.text.endsWith('.ids.tolist'));
      const encode = f.calls.findIndex((c) => c.callee.text === 'Tokenizer(model).encode');
      const tokenizer = f.calls.findIndex((c) => c.callee.text === 'Tokenizer');
      expect([tolist, encode, tokenizer]).toEqual([tolist, tolist + 1, tolist + 2]);
      expect(f.calls[tolist].callee).toMatchObject({ base: 'call', chain: ['ids', 'tolist'], receiverCall: encode });
      expect(f.calls[encode].callee).toMatchObject({ base: 'call', chain: ['encode'], receiverCall: tokenizer });
      expect(f.calls[tolist].assignedTo).toEqual(['tok']);
      expect(f.calls[encode].assignedTo).toEqual([]);
      // `outer(inner(x), key=deep(y))`: arguments' calls follow, with their parent.
      const o = f.calls.findIndex((c) => c.callee.text === 'outer');
      expect(f.calls.slice(o, o + 3).map((c) => [c.callee.text, c.parent])).toEqual([['outer', undefined], ['inner', o], ['deep', o]]);
      expect(call(f, 'x[0].f').callee.base).toBe('other');
      // Source order overall.
      const starts = f.calls.map((c) => c.line);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });

    it('read the callee of a call unpacked in a list display (`[*graph.stream(x)]`) without the star', async () => {
      const f = await facts('result = [*graph.stream([0, 1], cfg)]\npair = (*pkg.mod.items(a),)\nf(*g.h(1))\n');
      expect(call(f, 'graph.stream').callee).toEqual({ base: 'name', chain: ['graph', 'stream'], text: 'graph.stream' });
      expect(call(f, 'graph.stream').assignedTo).toEqual([]);
      expect(call(f, 'pkg.mod.items').callee.chain).toEqual(['pkg', 'mod', 'items']);
      expect(call(f, 'g.h').callee.chain).toEqual(['g', 'h']);
    });

    it('read arguments: keywords, unpacking, names read, comments beside them', async () => {
      const f = await facts(CALLS);
      expect(call(f, 'AutoModel.from_pretrained').args).toEqual([
        { text: 'name', line: 4, names: ['name'] },
        { keyword: 'revision', text: '"main"', line: 4, names: [] },
      ]);
      const trainer = call(f, 'Trainer');
      expect(trainer.args.map((a) => [a.keyword, a.unpack, a.text, a.names, a.comment])).toEqual([
        ['model', undefined, 'model', ['model'], 'the model to train'],
        ['args', undefined, 'args', ['args'], undefined],
        ['data', undefined, 'ds.train', ['ds'], 'training split'],
        [undefined, 'star', '*extra', ['extra'], undefined],
        [undefined, 'starstar', '**options', ['options'], undefined],
      ]);
      expect(trainer.args[2].line).toBe(lineOf(CALLS, 'data=ds.train'));
      expect([trainer.line, trainer.endLine, trainer.statementLine]).toEqual([lineOf(CALLS, 'trainer = Trainer('), lineOf(CALLS, '# closes Trainer'), lineOf(CALLS, 'trainer = Trainer(')]);
    });

    it('bind results to targets: tuples, starred, attributes, with, for, annotations', async () => {
      const f = await facts(CALLS);
      expect(call(f, 'split').assignedTo).toEqual(['a', 'b', 'rest']);
      expect(call(f, 'build').assignedTo).toEqual(['self.model']);
      expect(call(f, 'total')).toMatchObject({ assignedTo: ['count'], assignedType: 'int' });
      expect(call(f, 'open').assignedTo).toEqual(['fh']);
      expect(call(f, 'lock').assignedTo).toEqual(['l1', 'l2']);
      expect(call(f, 'loader').assignedTo).toEqual(['item']);
      expect(call(f, 'step').assignedTo).toEqual([]);
      expect(call(f, 'outer').assignedTo).toEqual([]);
    });

    it('carry the comment block above the statement, the scope and the main guard', async () => {
      const f = await facts(CALLS);
      expect(call(f, 'AutoModel.from_pretrained').comment).toBe('Load the model\nfrom the hub.');
      expect(call(f, 'Tokenizer').comment).toBeUndefined();
      expect(call(f, 'run')).toMatchObject({ scope: 'job', inMainGuard: false });
      expect(call(f, 'register')).toMatchObject({ scope: '', statementLine: lineOf(CALLS, '@register') });
      expect(call(f, 'self.helper').scope).toBe('Task.go');
      expect(call(f, 'main')).toMatchObject({ inMainGuard: true, scope: '' });
      expect(call(f, 'main2').inMainGuard).toBe(true);
      expect(call(f, 'AutoModel.from_pretrained').inMainGuard).toBe(false);
      expect(f.hasMainGuard).toBe(true);
    });

    it('take `await` and parentheses off a bound call', async () => {
      const f = await facts('async def f():\n    r = await fetch(u)\n    return await fetch(v)\n');
      expect(call(f, 'fetch', 0).assignedTo).toEqual(['r']);
      expect(f.assigns).toEqual([]);
    });

    it('attach the comment above the first statement of a body', async () => {
      const f = await facts('def f():\n    # Build it\n    return build()\n');
      expect(call(f, 'build').comment).toBe('Build it');
    });

    it('bind every target of a chained assignment', async () => {
      const f = await facts('x = y = make()\n');
      expect(call(f, 'make').assignedTo).toEqual(['x', 'y']);
    });

    it('skip only the names a lambda or comprehension binds', async () => {
      const f = await facts('run(lambda q: q + w, [t for t in ts if t > lim])\n');
      expect(call(f, 'run').args.map((a) => a.names)).toEqual([['w'], ['ts', 'lim']]);
    });

    it('read a comment after the closing parenthesis as the last argument\'s', async () => {
      const f = await facts('m = build(\n    cfg,\n    seed=s)  # the seed\n');
      expect(call(f, 'build').args[1].comment).toBe('the seed');
    });

    it('give an elif condition\'s call the elif line as statement line', async () => {
      const f = await facts('if a():\n    pass\nelif b():\n    pass\n');
      expect(call(f, 'b').statementLine).toBe(3);
    });
  });

  describe('assignments, returns, exports', () => {
    it('record non-call assignments with value names and annotations', async () => {
      const text = py`
        import os
        ALIAS = os.path.join
        LIMIT: int = 3
        Trainer.fit = custom_fit
        a, b = 1, 2
        made = make()
        class D:
            field: str
      `;
      const f = await facts(text);
      expect(f.assigns).toEqual([
        { line: 2, scope: '', targets: ['ALIAS'], valueName: 'os.path.join', valueText: 'os.path.join' },
        { line: 3, scope: '', targets: ['LIMIT'], valueText: '3', annotation: 'int' },
        { line: 4, scope: '', targets: ['Trainer.fit'], valueName: 'custom_fit', valueText: 'custom_fit' },
        { line: 5, scope: '', targets: ['a', 'b'], valueText: '1, 2' },
        { line: 8, scope: 'D', targets: ['field'], valueText: '', annotation: 'str' },
      ]);
    });

    it('record returns with call chains and the flag guarding them', async () => {
      const text = py`
        class M:
            @classmethod
            def load(cls, fast):
                if fast:
                    return FastModel.create()
                return cls(1)

        def plain():
            return 42
      `;
      const f = await facts(text);
      expect(f.returns).toEqual([
        { line: 5, scope: 'M.load', valueText: 'FastModel.create()', callChain: ['FastModel', 'create'], guard: 'fast' },
        { line: 6, scope: 'M.load', valueText: 'cls(1)', callChain: ['cls'] },
        { line: 9, scope: 'plain', valueText: '42' },
      ]);
    });

    it('read a literal __all__ and its additions', async () => {
      const f = await facts('__all__ = ["A", \'B\']\n__all__ += ("C",)\n');
      expect(f.all).toEqual(['A', 'B', 'C']);
      expect((await facts('__all__ = ("X",)\n')).all).toEqual(['X']);
      expect((await facts('x = 1\n')).all).toBeUndefined();
    });

    it('read the literal mapping of a module __getattr__', async () => {
      const text = py`
        _LAZY = {"Trainer": ".trainer", "Model": "pkg.model"}

        def __getattr__(name):
            if name in _LAZY:
                import importlib
                return getattr(importlib.import_module(_LAZY[name], __name__), name)
            raise AttributeError(name)
      `;
      const f = await facts(text, 'pkg/__init__.py');
      expect(f.lazyExports).toEqual({ Trainer: '.trainer', Model: 'pkg.model' });
      expect((await facts('_LAZY = {"A": ".a"}\n')).lazyExports).toBeUndefined();
    });

    it('take only the dicts __getattr__ uses', async () => {
      const f = await facts('_LAZY = {"A": ".a"}\nCOLORS = {"red": "#f00"}\ndef __getattr__(name):\n    return _LAZY[name]\n');
      expect(f.lazyExports).toEqual({ A: '.a' });
    });

    it('leave __all__ unknown when it is not a literal', async () => {
      const f = await facts('__all__ = base.__all__ + ["X"]\n');
      expect(f.all).toBeUndefined();
    });
  });

  describe('robustness', () => {
    it('never throws on garbage, and is deterministic', async () => {
      const inputs = ['', '\n\n', ')))(((', 'def', 'class :\n  def (:\n', '\u0000\u0001binary\uFFFD', 'x = """never closed\n', '@\n@\n', 'if x:\nelse:\n', 'lambda: (yield)', '\uFEFFimport os\n'];
      for (const text of inputs) {
        const a = await facts(text);
        expect(a).toEqual(await facts(text));
        expect(a.path).toBe('pkg/sample.py');
      }
      expect((await facts('\uFEFFimport os\n')).imports.map((i) => i.module)).toEqual(['os']);
    });

    it('never throws on very deep expressions', async () => {
      const deep = `x = ${Array.from({ length: 20000 }, (_, i) => `a${i}`).join(' + ')}\n`;
      const f = await facts(deep);
      expect(f.assigns.length).toBe(1);
      expect(f.errors).toEqual([]);
    });
  });
});

describe('both backends', () => {
  it('give identical facts on a larger sample', async () => {
    const [native, wasm] = await Promise.all(BACKENDS.map(parserFor));
    expect([native.backend, wasm.backend]).toEqual(['native', 'wasm']);
    const sample = [SPANS, IMPORTS, CALLS, '# ünïcödé 😀 中文\ns = "😀" + f("𝔘", x=1)  # 😀\n'].join('\n\n');
    const big = Array.from({ length: 50 }, (_, i) => sample.replace(/\bModel\b/g, `Model${i}`)).join('\n\n');
    expect(big.length).toBeGreaterThan(100_000);
    const a = extractPythonFacts(native, big, 'big.py');
    const b = extractPythonFacts(wasm, big, 'big.py');
    expect(a).toEqual(b);
    expect(a.defs.length).toBeGreaterThan(50 * 10);
    expect(a.calls.find((c) => c.callee.text === 'f')?.args[0].text).toBe('"𝔘"');
  });
});

// An independent oracle for call and import lines: Python's own ast.
describe.skipIf(!hasPython).each(BACKENDS)('lines equal Python ast (%s)', (backend) => {
  it('for every call and import', async () => {
    const sample = [SPANS, IMPORTS.replace('TYPE_CHECKING', 'False'), CALLS.replace(/async with|await/g, '')].join('\n\n');
    const script = [
      'import ast, json, sys',
      'tree = ast.parse(sys.stdin.read())',
      'calls = sorted([n.lineno, n.end_lineno] for n in ast.walk(tree) if isinstance(n, ast.Call))',
      'imports = sorted(n.lineno for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for _ in (n.names if isinstance(n, ast.Import) else [0]))',
      'print(json.dumps({"calls": calls, "imports": imports}))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { input: sample, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const truth = JSON.parse(r.stdout) as { calls: number[][]; imports: number[] };
    const f = extractPythonFacts(await parserFor(backend), sample, 'sample.py');
    expect(f.calls.map((c) => [c.line, c.endLine]).sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual(truth.calls);
    expect(f.imports.map((i) => i.line).sort((a, b) => a - b)).toEqual(truth.imports);
  });
});
