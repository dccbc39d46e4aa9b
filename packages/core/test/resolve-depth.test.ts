// Resolution depth, second round (issue 11): multi-package repositories and namespace packages, a
// script's own folder first, decorator-built objects (click/typer style), typed names, conditional
// rebinding, nested functions, tree-sitter's gaps in valid Python, API Call labels for `*args`.
// Each repository is written here, in a temporary folder; lines are found in the text, never hard-coded.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RepoFiles } from '../src/repo/files.js';
import { loadPythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';
import { PythonIndex } from '../src/resolve/python-index.js';
import { resolvePythonSource } from '../src/resolve/python-calls.js';
import type { CallSite } from '../src/model.js';
import { formatSpan } from '../src/model.js';
import { write } from './repos.js';

/** `path:Lstart-end` of the definition whose `def`/`class` line contains `needle`, from the file's own text. */
function spanOf(repo: string, file: string, needle: string): string {
  const lines = readFileSync(path.join(repo, file), 'utf8').split('\n');
  let i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  const indent = /^\s*/.exec(lines[i])![0].length;
  let start = i;
  while (start > 0 && /^\s*@/.test(lines[start - 1])) start--;
  let end = i;
  for (let j = i + 1; j < lines.length; j++) {
    if (!lines[j].trim()) continue;
    if (/^\s*/.exec(lines[j])![0].length <= indent) break;
    end = j;
  }
  return `${file}:L${start + 1}-${end + 1}`;
}

async function resolveIn(repo: string, file: string, opts: { entryFunction?: string } = {}): Promise<CallSite[]> {
  const files = await RepoFiles.scan(repo);
  const parser = await loadPythonParser();
  const index = new PythonIndex(files, parser, []);
  const facts = extractPythonFacts(parser, (await files.readOrSkip(file))!, file);
  return (await resolvePythonSource(index, { path: file, facts, shell: [] }, opts)).calls;
}

const finder = (calls: CallSite[]) => (callee: string, nth = 0): CallSite => {
  const c = calls.filter((x) => x.callee === callee)[nth];
  if (!c) throw new Error(`no call ${callee}: ${calls.map((x) => x.callee).join(', ')}`);
  return c;
};
const where = (c: CallSite): string => {
  const r = c.resolution;
  return r.kind === 'repo' ? `${formatSpan(r.span)} ${r.qualname}` : r.kind === 'external' ? `external ${r.distribution}` : r.kind === 'unresolved' ? `unresolved: ${r.reason}` : `${r.kind} ${'name' in r ? r.name : ''}`.trim();
};

describe('multi-package repositories', () => {
  const repo = write({
    'pyproject.toml': '[project]\nname = "acme-mono"\n',
    'libs/core-lib/pyproject.toml': '[project]\nname = "corelib"\n',
    'libs/core-lib/src/corelib/__init__.py': 'from .engine import Engine, run_engine\n',
    'libs/core-lib/src/corelib/engine.py': 'class Engine:\n    def start(self):\n        return 1\n\n\ndef run_engine(e):\n    return e.start()\n',
    // PEP 420: `acme` has no __init__.py and is split across two distributions.
    'packages/acme-alpha/pyproject.toml': '[project]\nname = "acme-alpha"\n',
    'packages/acme-alpha/acme/alpha/__init__.py': 'def alpha():\n    return "a"\n',
    'packages/acme-beta/setup.py': 'from setuptools import setup\nsetup(name="acme-beta")\n',
    'packages/acme-beta/acme/beta/__init__.py': 'from .impl import beta\n',
    'packages/acme-beta/acme/beta/impl.py': 'def beta():\n    return "b"\n',
    'src/acme-tools/pyproject.toml': '[project]\nname = "acme-tools"\n',
    'src/acme-tools/acmetools/__init__.py': 'def tool():\n    return 1\n',
    'examples/mono.py': [
      'import corelib',
      'from acme.alpha import alpha',
      'from acme.beta import beta',
      'import acme.beta.impl as impl',
      'from acmetools import tool',
      '',
      'engine = corelib.Engine()',
      'engine.start()',
      'corelib.run_engine(engine)',
      'alpha()',
      'beta()',
      'impl.beta()',
      'tool()',
      '',
    ].join('\n'),
  });
  let at: ReturnType<typeof finder>;
  beforeAll(async () => {
    at = finder(await resolveIn(repo, 'examples/mono.py'));
  });

  it('finds packages under libs/*, packages/*, src/* from every pyproject.toml and setup.py', () => {
    expect(where(at('corelib.Engine'))).toBe(`${spanOf(repo, 'libs/core-lib/src/corelib/engine.py', 'class Engine')} Engine`);
    expect(where(at('engine.start'))).toBe(`${spanOf(repo, 'libs/core-lib/src/corelib/engine.py', 'def start')} Engine.start`);
    expect(where(at('corelib.run_engine'))).toBe(`${spanOf(repo, 'libs/core-lib/src/corelib/engine.py', 'def run_engine')} run_engine`);
    expect(where(at('tool'))).toBe(`${spanOf(repo, 'src/acme-tools/acmetools/__init__.py', 'def tool')} tool`);
    const r = at('corelib.Engine').resolution;
    expect(r.kind === 'repo' && r.module).toBe('corelib.engine');
  });

  it('joins a namespace package split across distributions (PEP 420)', () => {
    expect(where(at('alpha'))).toBe(`${spanOf(repo, 'packages/acme-alpha/acme/alpha/__init__.py', 'def alpha')} alpha`);
    expect(where(at('beta'))).toBe(`${spanOf(repo, 'packages/acme-beta/acme/beta/impl.py', 'def beta')} beta`);
    expect(where(at('acme.beta.impl.beta'))).toBe(`${spanOf(repo, 'packages/acme-beta/acme/beta/impl.py', 'def beta')} beta`);
  });
});

describe('nested namespace packages across distributions', () => {
  // `graphkit` and `graphkit.store` have no __init__.py; three distributions each add a sub-package.
  const repo = write({
    'libs/graphkit/pyproject.toml': '[project]\nname = "graphkit"\n',
    'libs/graphkit/graphkit/graph/__init__.py': 'class Graph:\n    def compile(self):\n        return 1\n',
    'libs/store/pyproject.toml': '[project]\nname = "graphkit-store"\n',
    'libs/store/graphkit/store/base/__init__.py': 'class BaseStore:\n    def get(self, key):\n        return key\n',
    'libs/store/graphkit/store/memory/__init__.py': 'from graphkit.store.base import BaseStore\n\n\nclass MemoryStore(BaseStore):\n    pass\n',
    'libs/store-sqlite/pyproject.toml': '[project]\nname = "graphkit-store-sqlite"\n',
    'libs/store-sqlite/graphkit/store/sqlite/__init__.py': 'from graphkit.store.base import BaseStore\n\n\nclass SqliteStore(BaseStore):\n    def setup(self):\n        return 2\n',
    'libs/store-sqlite/tests/test_sqlite.py': [
      'from graphkit.graph import Graph',
      'from graphkit.store.memory import MemoryStore',
      'from graphkit.store.sqlite import SqliteStore',
      'import graphkit.store.base as base',
      '',
      '',
      'def test_store(store: base.BaseStore):',
      '    store.get("k")',
      '',
      '',
      'Graph().compile()',
      'MemoryStore().get("k")',
      's = SqliteStore()',
      's.setup()',
      'test_store(s)',
      '',
    ].join('\n'),
  });

  it('resolves sub-packages of a namespace package inside another namespace package, from any distribution', async () => {
    const at = finder(await resolveIn(repo, 'libs/store-sqlite/tests/test_sqlite.py'));
    expect(where(at('Graph'))).toBe(`${spanOf(repo, 'libs/graphkit/graphkit/graph/__init__.py', 'class Graph')} Graph`);
    expect(where(at('MemoryStore().get'))).toBe(`${spanOf(repo, 'libs/store/graphkit/store/base/__init__.py', 'def get')} BaseStore.get`);
    expect(where(at('s.setup'))).toBe(`${spanOf(repo, 'libs/store-sqlite/graphkit/store/sqlite/__init__.py', 'def setup')} SqliteStore.setup`);
    expect(where(at('store.get'))).toBe(`${spanOf(repo, 'libs/store/graphkit/store/base/__init__.py', 'def get')} BaseStore.get`);
    const r = at('MemoryStore').resolution;
    expect(r.kind === 'repo' && r.module).toBe('graphkit.store.memory');
  });
});

describe('a namespace package with namespace sub-packages', () => {
  // `optim/` and `optim/commands/` have no __init__.py; `optim/gptq/` is a regular package.
  const repo = write({
    'setup.py': 'from setuptools import setup\nsetup(name="optim")\n',
    'optim/gptq/__init__.py': 'from .quantizer import Quantizer\n',
    'optim/gptq/quantizer.py': 'class Quantizer:\n    def quantize(self, model):\n        return model\n',
    'optim/commands/cli.py': 'def main():\n    return 0\n',
    'optim/commands/export/base.py': 'class ExportCommand:\n    def run(self):\n        return 1\n',
    'examples/use.py': [
      'from optim.gptq import Quantizer',
      'from optim.commands.cli import main',
      'from optim.commands.export.base import ExportCommand',
      '',
      'Quantizer().quantize(None)',
      'main()',
      'ExportCommand().run()',
      '',
    ].join('\n'),
  });

  it('resolves a module whose folders all lack __init__.py, inside a namespace package that holds a regular one', async () => {
    const at = finder(await resolveIn(repo, 'examples/use.py'));
    expect(where(at('Quantizer().quantize'))).toBe(`${spanOf(repo, 'optim/gptq/quantizer.py', 'def quantize')} Quantizer.quantize`);
    expect(where(at('main'))).toBe(`${spanOf(repo, 'optim/commands/cli.py', 'def main')} main`);
    expect(where(at('ExportCommand().run'))).toBe(`${spanOf(repo, 'optim/commands/export/base.py', 'def run')} ExportCommand.run`);
    const r = at('main').resolution;
    expect(r.kind === 'repo' && r.module).toBe('optim.commands.cli');
  });
});

describe('a script imports from its own folder first', () => {
  const repo = write({
    'pyproject.toml': '[project]\nname = "fp"\n',
    // Same module name in two folders; the benchmarks one sorts first and wins for everyone else.
    'benchmarks/fp8/fp8_utils.py': 'def convert(model):\n    return model\n',
    'examples/fp8/fp8_utils.py': 'from common import helper\n\n\ndef convert(model):\n    return helper(model)\n',
    'examples/fp8/common.py': 'def helper(model):\n    return model\n',
    'common.py': 'def helper(model):\n    return None\n',
    'examples/fp8/train.py': 'from fp8_utils import convert\nimport fp8_utils\n\nconvert(1)\nfp8_utils.convert(2)\n',
  });

  it('resolves a sibling module of the script, not a same-named file elsewhere', async () => {
    const at = finder(await resolveIn(repo, 'examples/fp8/train.py'));
    const local = `${spanOf(repo, 'examples/fp8/fp8_utils.py', 'def convert')} convert`;
    expect(where(at('convert'))).toBe(local);
    expect(where(at('fp8_utils.convert'))).toBe(local);
    // The Resolved To module is the name the script imports, not a key of the index.
    const r = at('convert').resolution;
    expect(r.kind === 'repo' && r.module).toBe('fp8_utils');
  });

  it('follows the sibling module’s own imports from the same folder', async () => {
    const files = await RepoFiles.scan(repo);
    const parser = await loadPythonParser();
    const index = new PythonIndex(files, parser, []);
    const key = index.module('examples/fp8/fp8_utils.py')!;
    const sym = await index.resolveInModule(key, 'helper');
    expect(sym.kind === 'def' && `${sym.path}:${sym.def.qualname}`).toBe('examples/fp8/common.py:helper');
  });
});

const CLI_LIB = {
  'pyproject.toml': '[project]\nname = "tinycli"\n',
  'tinycli/__init__.py': 'from .core import App, Command, Group\nfrom .decorators import argument, command, group\nfrom .util import greet\n',
  'tinycli/util.py': 'def greet(name):\n    return name\n',
  'tinycli/core.py': [
    'import typing as t',
    '',
    '',
    'class Command:',
    '    def __init__(self, name, callback=None):',
    '        self.name = name',
    '',
    '    def main(self, *args, **kwargs):',
    '        return 0',
    '',
    '    def __call__(self, *args, **kwargs):',
    '        return self.main(*args, **kwargs)',
    '',
    '',
    'class Group(Command):',
    '    @t.overload',
    '    def command(self, __func: t.Callable[..., t.Any]) -> Command: ...',
    '',
    '    @t.overload',
    '    def command(self, *args: t.Any, **kwargs: t.Any) -> t.Callable[[t.Callable[..., t.Any]], Command]: ...',
    '',
    '    def command(self, *args: t.Any, **kwargs: t.Any) -> t.Callable[[t.Callable[..., t.Any]], Command] | Command:',
    '        return Command("x")',
    '',
    '    def add_command(self, cmd: Command, name: str | None = None) -> None:',
    '        pass',
    '',
    '',
    'class App:',
    '    def command(self, name: str | None = None) -> t.Callable[[t.Callable[..., t.Any]], t.Callable[..., t.Any]]:',
    '        return lambda f: f',
    '',
    '    def __call__(self, *args: t.Any) -> int:',
    '        return 0',
    '',
  ].join('\n'),
  'tinycli/decorators.py': [
    'import typing as t',
    '',
    'from .core import Command, Group',
    '',
    '_AnyCallable = t.Callable[..., t.Any]',
    'FC = t.TypeVar("FC", bound="_AnyCallable | Command")',
    'GrpType = t.TypeVar("GrpType", bound=Group)',
    '',
    '',
    '@t.overload',
    'def group(name: _AnyCallable) -> Group: ...',
    '',
    '',
    '@t.overload',
    'def group(name: str | None = None, cls: type[GrpType] | None = None, **attrs: t.Any) -> t.Callable[[_AnyCallable], GrpType]: ...',
    '',
    '',
    'def group(name=None, cls=None, **attrs) -> Group | t.Callable[[_AnyCallable], Group | GrpType]:',
    '    return Group(name)',
    '',
    '',
    'def command(name=None, **attrs) -> Command | t.Callable[[_AnyCallable], Command]:',
    '    return Command(name)',
    '',
    '',
    'def argument(*param_decls: str, cls: type | None = None, **attrs: t.Any) -> t.Callable[[FC], FC]:',
    '    return lambda f: f',
    '',
  ].join('\n'),
};

describe('decorator-built objects', () => {
  const repo = write({
    ...CLI_LIB,
    'examples/naval.py': [
      'import tinycli',
      '',
      '',
      '@tinycli.group()',
      'def cli():',
      '    """Naval Fate."""',
      '',
      '',
      '@cli.command()',
      '@tinycli.argument("name", "alias", required=True)',
      'def ship_new(name):',
      '    tinycli.greet(name)',
      '',
      '',
      '@tinycli.command',
      'def standalone():',
      '    pass',
      '',
      '',
      'cli.add_command(standalone)',
      'standalone.main()',
      '',
      'if __name__ == "__main__":',
      '    cli()',
      '',
    ].join('\n'),
    'examples/app.py': [
      'import tinycli',
      '',
      'app = tinycli.App()',
      '',
      '',
      '@app.command()',
      'def main(name: str):',
      '    tinycli.greet(name)',
      '',
      '',
      'if __name__ == "__main__":',
      '    app()',
      '',
    ].join('\n'),
  });

  it('types a decorated name by what its decorator returns: a group, a command', async () => {
    const at = finder(await resolveIn(repo, 'examples/naval.py'));
    expect(where(at('cli.command'))).toBe(`${spanOf(repo, 'tinycli/core.py', '    def command(self, *args: t.Any, **kwargs: t.Any) -> t.Callable[[t.Callable[..., t.Any]], Command] | Command:')} Group.command`);
    expect(where(at('cli.add_command'))).toBe(`${spanOf(repo, 'tinycli/core.py', 'def add_command')} Group.add_command`);
    expect(where(at('standalone.main'))).toBe(`${spanOf(repo, 'tinycli/core.py', 'def main')} Command.main`);
    // Calling the decorated name is the example's own function.
    expect(at('cli').resolution).toEqual({ kind: 'builtin', name: 'local:cli' });
  });

  it('runs the commands of a group that runs, and of an app that is called', async () => {
    const naval = finder(await resolveIn(repo, 'examples/naval.py'));
    expect(where(naval('tinycli.greet'))).toBe(`${spanOf(repo, 'tinycli/util.py', 'def greet')} greet`);
    const app = finder(await resolveIn(repo, 'examples/app.py'));
    expect(where(app('tinycli.greet'))).toBe(`${spanOf(repo, 'tinycli/util.py', 'def greet')} greet`);
    expect(where(app('app.command'))).toBe(`${spanOf(repo, 'tinycli/core.py', 'def command(self, name')} App.command`);
    // An instance called runs its class's `__call__`.
    expect(where(app('app'))).toBe(`${spanOf(repo, 'tinycli/core.py', 'def __call__(self, *args: t.Any)')} App.__call__`);
  });

  it('runs the handlers registered on an object the source makes, though nothing calls it there', async () => {
    const server = write({
      ...CLI_LIB,
      'examples/server.py': ['import tinycli', '', 'app = tinycli.App()', '', '', '@app.command()', 'def hello(name: str):', '    tinycli.greet(name)', ''].join('\n'),
      // A handler of an object made inside a function that nothing runs is not run.
      'examples/unused.py': ['import tinycli', '', '', 'def build():', '    return tinycli.App()', '', '', '@undefined_app.command()', 'def hello(name: str):', '    tinycli.greet(name)', ''].join('\n'),
    });
    const at = finder(await resolveIn(server, 'examples/server.py'));
    expect(where(at('tinycli.greet'))).toBe(`${spanOf(server, 'tinycli/util.py', 'def greet')} greet`);
    expect((await resolveIn(server, 'examples/unused.py')).some((c) => c.callee === 'tinycli.greet')).toBe(false);
  });

  it('labels arguments passed to *args by that parameter, once, and keywords by their keyword', async () => {
    const at = finder(await resolveIn(repo, 'examples/naval.py'));
    expect(at('tinycli.argument').argNames).toEqual(['*param_decls', 'required']);
  });
});

describe('typed names', () => {
  const repo = write({
    'pyproject.toml': '[project]\nname = "tinylib"\n',
    'tinylib/__init__.py': 'from .model import GPT, LLM, Accelerator, Base, Chat, Console, Spec, Tokenizer, Vec, session\n',
    'tinylib/testing.py': 'def mocked_loaders(n):\n    return []\n',
    'tinylib/data.py': 'def get_loaders(n):\n    return [n]\n',
    'tinylib/model.py': [
      'from contextlib import contextmanager',
      'from typing import Callable, Generator, Generic, Iterator, TypeVar',
      '',
      'T = TypeVar("T")',
      '',
      '',
      'class Chat(Generic[T]):',
      '    def say(self, text):',
      '        return text',
      '',
      '',
      'class Vec:',
      '    def __add__(self, other) -> "Vec":',
      '        return Vec()',
      '',
      '    def norm(self):',
      '        return 0',
      '',
      '',
      'class GPT:',
      '    def generate(self, x):',
      '        return x',
      '',
      '    def chat(self) -> "Chat[int]":',
      '        return Chat()',
      '',
      '    def __call__(self, x):',
      '        return self.generate(x)',
      '',
      '',
      'class LLM:',
      '    @classmethod',
      '    def load(cls, name) -> "LLM":',
      '        return cls()',
      '',
      '    def generate(self, prompt):',
      '        return prompt',
      '',
      '',
      'class Accelerator:',
      '    def prepare(self, *models):',
      '        return models',
      '',
      '    def gather(self, x):',
      '        return x',
      '',
      '',
      'class Spec:',
      '    @property',
      '    def factory(self) -> Callable[[], GPT]:',
      '        return GPT',
      '',
      '',
      'class Tokenizer:',
      '    def encode(self, text):',
      '        return [text]',
      '',
      '',
      'class Console:',
      '    def log(self, msg):',
      '        print(msg)',
      '',
      '',
      'class Base:',
      '    def setup(self):',
      '        return self',
      '',
      '',
      '@contextmanager',
      'def session(name) -> Iterator[Tokenizer]:',
      '    yield Tokenizer()',
      '',
      '',
      '@contextmanager',
      'def gen_session(name) -> Generator[GPT, None, None]:',
      '    yield GPT()',
      '',
    ].join('\n'),
    'examples/typed.py': [
      'import os',
      '',
      'from tinylib import GPT, LLM, Accelerator, Base, Chat, Console, Spec, Tokenizer, Vec, session',
      'from tinylib.model import gen_session',
      'from tinylib.data import get_loaders',
      'from tinylib.testing import mocked_loaders',
      '',
      'default_model: GPT',
      '',
      '',
      'def train(acc: Accelerator, m):',
      '    acc.prepare(m)',
      '',
      '',
      'def evaluate(model, accelerator=None):',
      '    if accelerator is not None:',
      '        accelerator.gather(model)',
      '',
      '',
      'def get_dataloaders(n):',
      '    return n',
      '',
      '',
      'if os.environ.get("TESTING_MOCKED") == "1":',
      '    get_dataloaders = mocked_loaders',
      '    get_loaders = mocked_loaders',
      '',
      '',
      'class App(Base):',
      '    def __init__(self):',
      '        super().setup()',
      '        self.llm = LLM.load("small")',
      '        self.console = Console()',
      '        self.log = self.console.log',
      '',
      '',
      'def run(args):',
      '    def load_dataset_smart(args):',
      '        return args',
      '',
      '    data = load_dataset_smart(args)',
      '    return data',
      '',
      '',
      'def main():',
      '    tok: Tokenizer = make_tokenizer()',
      '    tok.encode("x")',
      '    with session("s") as t:',
      '        t.encode("y")',
      '    with gen_session("g") as g2:',
      '        g2.generate(0)',
      '    g = GPT()',
      '    g("prompt")',
      '    a = Vec()',
      '    c = a + a',
      '    c.norm()',
      '    pick = GPT() if os.environ.get("X") else GPT()',
      '    pick.generate(1)',
      '    app = App()',
      '    app.llm.generate("hi")',
      '    app.log("msg")',
      '    shared.generate(2)',
      '    default_model.generate(3)',
      '    g.chat().say("hi")',
      '    box = Chat[str]()',
      '    box.say("x")',
      '    env = Spec().factory()',
      '    env.generate(6)',
      '    acc = Accelerator()',
      '    evaluate(g, acc)',
      '    evaluate(g, accelerator=acc)',
      '    train(Accelerator(), g)',
      '    run([])',
      '    get_dataloaders(4)',
      '    get_loaders(5)',
      '',
      '',
      'shared = GPT()',
      '',
      'if __name__ == "__main__":',
      '    main()',
      '',
    ].join('\n'),
  });
  let at: ReturnType<typeof finder>;
  const M = 'tinylib/model.py';
  beforeAll(async () => {
    at = finder(await resolveIn(repo, 'examples/typed.py'));
  });

  it('types annotated parameters, locals and module globals', () => {
    expect(where(at('acc.prepare'))).toBe(`${spanOf(repo, M, 'def prepare')} Accelerator.prepare`);
    expect(where(at('tok.encode'))).toBe(`${spanOf(repo, M, 'def encode')} Tokenizer.encode`);
    expect(where(at('default_model.generate'))).toBe(`${spanOf(repo, M, 'def generate(self, x)')} GPT.generate`);
  });

  it('types the target of `with` a @contextmanager by its Iterator[T] / Generator[T, ...] annotation', () => {
    expect(where(at('t.encode'))).toBe(`${spanOf(repo, M, 'def encode')} Tokenizer.encode`);
    expect(where(at('g2.generate'))).toBe(`${spanOf(repo, M, 'def generate(self, x)')} GPT.generate`);
  });

  it('calls an instance through __call__, and the result of an operator through __add__', () => {
    expect(where(at('g'))).toBe(`${spanOf(repo, M, 'def __call__')} GPT.__call__`);
    expect(where(at('c.norm'))).toBe(`${spanOf(repo, M, 'def norm')} Vec.norm`);
  });

  it('reads a generic class of the code as the class: a return annotation, a parameterised call', () => {
    expect(where(at('g.chat().say'))).toBe(`${spanOf(repo, M, 'def say')} Chat.say`);
    expect(where(at('box.say'))).toBe(`${spanOf(repo, M, 'def say')} Chat.say`);
  });

  it('types both branches of a conditional expression when they agree', () => {
    expect(where(at('pick.generate'))).toBe(`${spanOf(repo, M, 'def generate(self, x)')} GPT.generate`);
  });

  it('follows attributes of the example’s own class, a method aliased on the instance, and super()', async () => {
    expect(where(at('app.llm.generate'))).toBe(`${spanOf(repo, M, 'def generate(self, prompt)')} LLM.generate`);
    expect(where(at('app.log'))).toBe(`${spanOf(repo, M, 'def log')} Console.log`);
    // super() inside the class's own method: reached when the class's methods run (a test's class).
    const files = await RepoFiles.scan(repo);
    const parser = await loadPythonParser();
    const index = new PythonIndex(files, parser, []);
    const facts = extractPythonFacts(parser, (await files.readOrSkip('examples/typed.py'))!, 'examples/typed.py');
    const inInit = finder((await resolvePythonSource(index, { path: 'examples/typed.py', facts, shell: [] }, { entryFunction: 'App' })).calls);
    expect(where(inInit('super().setup'))).toBe(`${spanOf(repo, M, 'def setup')} Base.setup`);
  });

  it('calls what a Callable[[], T] property returns, and types a parameter by what every caller passes', () => {
    expect(where(at('env.generate'))).toBe(`${spanOf(repo, M, 'def generate(self, x)')} GPT.generate`);
    expect(where(at('Spec().factory'))).toMatch(/^unresolved: `Spec\(\).factory` calls the function `Spec.factory` returns/);
    expect(where(at('accelerator.gather'))).toBe(`${spanOf(repo, M, 'def gather')} Accelerator.gather`);
  });

  it('reads a module global assigned after the function that uses it', () => {
    expect(where(at('shared.generate'))).toBe(`${spanOf(repo, M, 'def generate(self, x)')} GPT.generate`);
  });

  it('knows a function nested in the example’s own function', () => {
    expect(at('load_dataset_smart').resolution).toEqual({ kind: 'builtin', name: 'local:load_dataset_smart' });
  });

  it('keeps the unconditional binding of a name rebound under a condition, and lists the other', () => {
    expect(at('get_dataloaders').resolution).toEqual({ kind: 'builtin', name: 'local:get_dataloaders' });
    const r = at('get_loaders').resolution;
    expect(where(at('get_loaders'))).toBe(`${spanOf(repo, 'tinylib/data.py', 'def get_loaders')} get_loaders`);
    const line = readFileSync(path.join(repo, 'examples/typed.py'), 'utf8').split('\n').findIndex((l) => l.includes('    get_loaders = mocked_loaders')) + 1;
    expect(r.kind === 'repo' && r.candidates).toEqual([`mocked_loaders (${spanOf(repo, 'tinylib/testing.py', 'def mocked_loaders')}), bound under a condition at examples/typed.py:L${line}`]);
  });
});

describe('attributes of the example’s own classes that read each other', () => {
  // `self.a` is worked out from `self.b` and `self.b` from `self.a` (seen in a real test suite, where it
  // recursed until the heap ran out): each attribute is worked out once, a cycle is not known.
  const repo = write({
    'tinylib/__init__.py': 'class Model:\n    def run(self):\n        return 1\n',
    'examples/cycle.py':
      'from tinylib import Model\n\n\nclass Pair:\n    def __init__(self):\n        self.a = Model()\n        self.a = self.b.x\n        self.b = self.a.y\n        self.c = self.c.z\n\n\np = Pair()\np.a.run()\np.b.run()\np.c.run()\n',
  });
  it('terminates, and prints no repository location for a value that depends on itself', async () => {
    const at = finder(await resolveIn(repo, 'examples/cycle.py'));
    for (const callee of ['p.a.run', 'p.b.run', 'p.c.run']) expect(at(callee).resolution.kind).not.toBe('repo');
  });
});

describe('a parameter of the source’s own function given an untyped library object', () => {
  // `model, tok = Loader.load(...)` then `save(model)`: the resolver cannot type the unpacked element, but
  // it is the library's object, so a method the library attaches at run time still resolves inside `save`.
  const repo = write({
    'tinylib/__init__.py':
      'import types\n\n\ndef _save(self, path):\n    return path\n\n\nclass Loader:\n    @staticmethod\n    def load(name):\n        model = object()\n        model.save_gguf = types.MethodType(_save, model)\n        return model, None\n',
    'examples/cli.py':
      'from tinylib import Loader\n\n\ndef save(model, path):\n    model.save_gguf(path)\n\n\ndef run():\n    model, tok = Loader.load("x")\n    save(model, "out")\n\n\nrun()\n',
  });
  it('is no value of the source’s own: the attached method resolves', async () => {
    const at = finder(await resolveIn(repo, 'examples/cli.py'));
    expect(where(at('model.save_gguf'))).toBe(`${spanOf(repo, 'tinylib/__init__.py', 'def _save')} _save`);
  });
});

describe('a parameter annotated Any takes what its callers pass', () => {
  const repo = write({
    'pyproject.toml': '[project]\nname = "flowkit"\n',
    'flowkit/__init__.py': 'from .graph import Graph, Compiled\n',
    'flowkit/graph.py': [
      'class Compiled:',
      '    def invoke(self, x):',
      '        return x',
      '',
      '',
      'class Graph:',
      '    def add(self, name) -> "Graph":',
      '        return self',
      '',
      '    def compile(self) -> Compiled:',
      '        return Compiled()',
      '',
    ].join('\n'),
    'tests/test_flow.py': [
      'from typing import Any',
      '',
      'from flowkit import Graph',
      '',
      '',
      'def build() -> Any:',
      '    return Graph().add("a").compile()',
      '',
      '',
      'def drive(graph: Any, n: int) -> None:',
      '    graph.invoke(n)',
      '',
      '',
      'def test_flow():',
      '    g = build()',
      '    drive(g, 1)',
      '    drive(graph=g, n=2)',
      '',
    ].join('\n'),
  });

  it('types the parameter by every caller’s argument, the result of the source’s own builder function', async () => {
    const at = finder(await resolveIn(repo, 'tests/test_flow.py', { entryFunction: 'test_flow' }));
    expect(where(at('graph.invoke'))).toBe(`${spanOf(repo, 'flowkit/graph.py', 'def invoke')} Compiled.invoke`);
  });
});

describe('valid Python that tree-sitter rejects', () => {
  const repo = write({
    'pyproject.toml': '[project]\nname = "shapes"\n',
    'shapes/__init__.py': 'from .shape import Shape, area_of\n',
    'shapes/shape.py': [
      'class Shape:',
      '    def size(self):',
      '        return 1',
      '',
      '    def dims(self, a, y):',
      '        return a, *(int(x) for x in y)',
      '',
      '    def area(self):',
      '        return 2',
      '',
      '',
      'def area_of(s):',
      '    return s.area()',
      '',
    ].join('\n'),
    'examples/use.py': 'from shapes import Shape, area_of\n\ns = Shape()\ns.size()\ns.dims(1, [2])\ns.area()\narea_of(s)\n',
  });

  it('keeps the definitions outside the statement tree-sitter cannot parse, and reports the one that holds it', async () => {
    const at = finder(await resolveIn(repo, 'examples/use.py'));
    const F = 'shapes/shape.py';
    expect(where(at('Shape'))).toBe(`${spanOf(repo, F, 'class Shape')} Shape`);
    expect(where(at('s.size'))).toBe(`${spanOf(repo, F, 'def size')} Shape.size`);
    expect(where(at('s.area'))).toBe(`${spanOf(repo, F, 'def area(self)')} Shape.area`);
    expect(where(at('area_of'))).toBe(`${spanOf(repo, F, 'def area_of')} area_of`);
    expect(where(at('s.dims'))).toMatch(/^unresolved: the definition of `Shape.dims` in `shapes\/shape.py` has a syntax error \(line 6: /);
  });

  it('reports the file as a skip with the reason', async () => {
    const files = await RepoFiles.scan(repo);
    const index = new PythonIndex(files, await loadPythonParser(), []);
    await index.load('shapes/shape.py');
    expect(files.skipped).toEqual([{ path: 'shapes/shape.py', reason: expect.stringMatching(/^syntax error at line 6: .*\(definitions in the broken region are not printed\)$/) }]);
  });
});

describe('attributes that name each other', () => {
  it('ends on `fn = self.fn` ... `self.fn = fn` in a method (unsloth tests: the resolution never ended)', async () => {
    const repo = write({
      'pkg/__init__.py': 'def apply(x):\n    return x\n',
      'tests/test_cycle.py': [
        'from pkg import apply',
        '',
        'class Wrapped:',
        '    def __init__(self, fn=None):',
        '        self.fn = fn',
        '',
        '    def __call__(self, xs):',
        '        fn = self.fn',
        '        if fn is not None:',
        '            xs = [fn(e) for e in xs]',
        '        self.fn = None',
        '        try:',
        '            return apply(xs)',
        '        finally:',
        '            self.fn = fn',
        '',
        'Wrapped(apply)([1])',
      ].join('\n'),
    });
    const files = await RepoFiles.scan(repo);
    const parser = await loadPythonParser();
    const index = new PythonIndex(files, parser, []);
    const facts = extractPythonFacts(parser, (await files.readOrSkip('tests/test_cycle.py'))!, 'tests/test_cycle.py');
    const { calls } = await resolvePythonSource(index, { path: 'tests/test_cycle.py', facts, shell: [] });
    // The call on the instance runs `__call__`, whose `fn` and `self.fn` name each other: resolution ends.
    expect(calls.map((c) => `${c.callee} ${c.resolution.kind}`)).toEqual(['Wrapped(apply) builtin', 'Wrapped builtin']);
  }, 20000);
});

describe('a method inherited from a base returns the class it was called through', () => {
  it('`cls(...)` and `-> Self` in an inherited classmethod are the subclass: its own overrides resolve', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .base import Base, Plain, Tuned\n',
      'pkg/base.py': [
        'from typing import Self',
        '',
        'class Base:',
        '    @classmethod',
        '    def from_pretrained(cls, name):',
        '        return cls()',
        '',
        '    @classmethod',
        '    def from_config(cls, config) -> Self:',
        '        return cls()',
        '',
        '    @classmethod',
        '    def default(cls) -> "Base":',
        '        return Base()',
        '',
        '    def run(self, x):',
        '        return x',
        '',
        '',
        'class Plain(Base):',
        '    pass',
        '',
        '',
        'class Tuned(Base):',
        '    def run(self, x, scale=1):',
        '        return x * scale',
      ].join('\n'),
      'examples/use.py': [
        'from pkg import Plain, Tuned',
        'a = Plain.from_pretrained("a")',
        'a.run(1)',
        'b = Tuned.from_pretrained("b")',
        'b.run(2)',
        'c = Tuned.from_config({})',
        'c.run(3)',
        'd = Tuned.default()',
        'd.run(4)',
      ].join('\n'),
    });
    const calls = await resolveIn(repo, 'examples/use.py');
    const at = (callee: string) => where(calls.find((c) => c.callee === callee)!);
    const baseRun = spanOf(repo, 'pkg/base.py', 'def run(self, x):');
    const tunedRun = spanOf(repo, 'pkg/base.py', 'def run(self, x, scale=1):');
    expect(at('Tuned.from_pretrained')).toBe(`${spanOf(repo, 'pkg/base.py', 'def from_pretrained')} Base.from_pretrained`);
    expect(at('a.run')).toBe(`${baseRun} Base.run`);
    // Tuned overrides `run`: an instance made by the inherited classmethod runs Tuned's.
    expect(at('b.run')).toBe(`${tunedRun} Tuned.run`);
    expect(at('c.run')).toBe(`${tunedRun} Tuned.run`);
    // A return annotation that names the base is the base, whatever class the call went through.
    expect(at('d.run')).toBe(`${baseRun} Base.run`);
  }, 20000);
  it('an alternative constructor a repository class inherits from another library (`from_*`) makes that class', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\ndependencies = ["huggingface_hub"]\n',
      'pkg/__init__.py': 'from .model import Classifier\n',
      'pkg/model.py': [
        'from huggingface_hub import ModelHubMixin',
        '',
        'class Classifier(ModelHubMixin):',
        '    def predict(self, texts):',
        '        return texts',
      ].join('\n'),
      'examples/use.py': [
        'from pkg import Classifier',
        'model = Classifier.from_pretrained("org/name")',
        'model.predict(["a"])',
        'other = Classifier.load_weights("w")',
        'other.predict(["b"])',
      ].join('\n'),
    });
    const calls = await resolveIn(repo, 'examples/use.py');
    const at = (callee: string) => where(calls.find((c) => c.callee === callee)!);
    // The constructor itself is the other library's; what it makes is the class it was called through.
    expect(at('Classifier.from_pretrained')).toBe('external huggingface-hub');
    expect(at('model.predict')).toBe(`${spanOf(repo, 'pkg/model.py', 'def predict')} Classifier.predict`);
    // Another inherited method is no constructor by its name: what it returns stays the other library's.
    expect(at('other.predict')).toBe('external huggingface-hub');
  }, 20000);
  it('a method returning a copy of `self` (`copy.deepcopy(self)`) returns its own class; a copy of anything else does not', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .data import Table\n',
      'pkg/data.py': [
        'import copy',
        'from copy import deepcopy',
        '',
        'class Table:',
        '    def with_format(self, kind):',
        '        table = copy.deepcopy(self)',
        '        table.kind = kind',
        '        return table',
        '',
        '    def clone(self):',
        '        return deepcopy(self)',
        '',
        '    def rows(self):',
        '        return copy.deepcopy(self.items)',
        '',
        '    def map(self, fn):',
        '        return fn',
      ].join('\n'),
      'examples/use.py': [
        'from pkg import Table',
        't = Table()',
        'a = t.with_format("torch")',
        'a.map(len)',
        'b = t.clone()',
        'b.map(len)',
        'c = t.rows()',
        'c.map(len)',
      ].join('\n'),
    });
    const calls = await resolveIn(repo, 'examples/use.py');
    const at = (callee: string) => where(calls.find((c) => c.callee === callee)!);
    const map = `${spanOf(repo, 'pkg/data.py', 'def map')} Table.map`;
    expect(at('a.map')).toBe(map);
    expect(at('b.map')).toBe(map);
    // A copy of an attribute is whatever that attribute holds: not known.
    expect(at('c.map')).toMatch(/^unresolved: /);
  }, 20000);
  it('a method whose every return gives back its object (`return self`, `return super().to(...)`) returns the class it was called through', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\ndependencies = ["torch"]\n',
      'pkg/__init__.py': 'from .model import Net, Builder\n',
      'pkg/model.py': [
        'import torch',
        '',
        'class Net(torch.nn.Module):',
        '    def to(self, *args, **kwargs):',
        '        if not args:',
        '            return self',
        '        return super().to(*args, **kwargs)',
        '',
        '    def forward(self, x):',
        '        return x',
        '',
        'class Builder:',
        '    def add(self, step):',
        '        self.steps = [step]',
        '        return self',
        '',
        '    def size(self):',
        '        if self.steps:',
        '            return self',
        '        return len(self.steps)',
        '',
        '    def build(self):',
        '        return 1',
      ].join('\n'),
      'examples/use.py': [
        'from pkg import Net, Builder',
        'net = Net().to("cuda")',
        'net.forward(1)',
        'Builder().add(1).build()',
        'Builder().size().build()',
      ].join('\n'),
    });
    const calls = await resolveIn(repo, 'examples/use.py');
    const at = (callee: string) => where(calls.find((c) => c.callee === callee)!);
    expect(at('net.forward')).toBe(`${spanOf(repo, 'pkg/model.py', 'def forward')} Net.forward`);
    expect(at('Builder().add(1).build')).toBe(`${spanOf(repo, 'pkg/model.py', 'def build')} Builder.build`);
    // One return that gives back something else: what the method returns is not known.
    expect(at('Builder().size().build')).toMatch(/^unresolved: /);
  }, 20000);
});

describe('optional-dependency fallbacks', () => {
  it('a name bound in an `except` handler (dummy objects for a missing dependency) loses to the real binding', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': [
        'from typing import TYPE_CHECKING',
        'from .utils import is_torch_available, OptionalDependencyNotAvailable',
        'SLOW_IMPORT = False',
        '',
        'if TYPE_CHECKING or SLOW_IMPORT:',
        '    try:',
        '        if not is_torch_available():',
        '            raise OptionalDependencyNotAvailable()',
        '    except OptionalDependencyNotAvailable:',
        '        from .dummy_objects import *  # noqa F403',
        '    else:',
        '        from .pipelines import Pipe',
        '',
        'try:',
        '    from .fast import Tokenizer',
        'except ImportError:',
        '    from .dummy_objects import Tokenizer',
        '',
        'try:',
        '    from .compiled import Native',
        'except ImportError:',
        '    from .dummy_objects import Native',
        '',
        'try:',
        '    import torch',
        'except ImportError:',
        '    from .dummy_objects import Only',
      ].join('\n'),
      'pkg/utils.py': 'class OptionalDependencyNotAvailable(Exception):\n    pass\n\n\ndef is_torch_available():\n    return True\n',
      'pkg/dummy_objects.py': [
        'class Pipe:',
        '    @classmethod',
        '    def from_pretrained(cls, *args, **kwargs):',
        '        raise ImportError("torch")',
        '',
        '',
        'class Tokenizer:',
        '    def __init__(self, *args):',
        '        raise ImportError("tokenizers")',
        '',
        '',
        'class Only:',
        '    def __init__(self):',
        '        raise ImportError("x")',
        '',
        '',
        'class Native:',
        '    def __init__(self):',
        '        raise ImportError("x")',
      ].join('\n'),
      'pkg/pipelines.py': 'class Pipe:\n    @classmethod\n    def from_pretrained(cls, name):\n        return cls()\n',
      'pkg/fast.py': 'class Tokenizer:\n    def __init__(self, vocab):\n        self.vocab = vocab\n',
      'examples/use.py': 'from pkg import Pipe, Tokenizer, Only, Native\nPipe.from_pretrained("x")\nTokenizer("v")\nOnly()\nNative()\n',
    });
    const calls = await resolveIn(repo, 'examples/use.py');
    const at = (callee: string) => where(calls.find((c) => c.callee === callee)!);
    expect(at('Pipe.from_pretrained')).toBe(`${spanOf(repo, 'pkg/pipelines.py', 'def from_pretrained')} Pipe.from_pretrained`);
    expect(at('Tokenizer')).toBe(`${spanOf(repo, 'pkg/fast.py', 'class Tokenizer')} Tokenizer`);
    // Bound only through the fallback: that is where it lives.
    expect(at('Only')).toBe(`${spanOf(repo, 'pkg/dummy_objects.py', 'class Only')} Only`);
    // The real binding cannot be followed (a compiled module): unresolved, never the stand-in.
    expect(at('Native')).toMatch(/^unresolved: module `pkg\.compiled` is not in the repository/);
  }, 20000);
});

describe('methods of repository objects whose class is chosen at run time', () => {
  it('a method on what a factory classmethod returns, or that only subclasses define, is an API step with no location; a plain function passes its argument through', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .pipes import AutoPipe, BasePipe, dispatch\n',
      'pkg/pipes.py': [
        'class BasePipe:',
        '    @classmethod',
        '    def from_pretrained(cls, name) -> "BasePipe":',
        '        return cls()',
        '',
        '',
        'class LoraMixin:',
        '    def load_lora(self, path):',
        '        return None',
        '',
        '',
        'class ImagePipe(BasePipe, LoraMixin):',
        '    pass',
        '',
        '',
        'MAPPING = {"image": ImagePipe}',
        '',
        '',
        'class AutoPipe:',
        '    @classmethod',
        '    def from_pretrained(cls, name):',
        '        pipe_cls = MAPPING[name]',
        '        return pipe_cls.from_pretrained(name)',
        '',
        '',
        'def dispatch(model):',
        '    return model',
      ].join('\n'),
      'examples/use.py': [
        'from pkg import AutoPipe, BasePipe, dispatch',
        'auto = AutoPipe.from_pretrained("image")',
        'auto.load_lora("a")',
        'auto.unet.fuse()',
        'base = BasePipe.from_pretrained("image")',
        'base.load_lora("b")',
        'model = dispatch(object())',
        'model.parameters()',
        'auto._private()',
        'auto("a cat")',
        'base("a dog")',
      ].join('\n'),
    });
    const calls = await resolveIn(repo, 'examples/use.py');
    const at = (line: number) => calls.find((c) => c.site.start === line)!;
    const { isApiCall, callKey } = await import('../src/group/steps.js');
    // Both receivers are pipes of the repository; which class defines `load_lora` is known only at run time.
    for (const line of [3, 6]) {
      expect(at(line).resolution).toMatchObject({ kind: 'unresolved', method: 'load_lora' });
      expect(isApiCall(at(line))).toBe(true);
    }
    expect(callKey(at(3))).toBe(callKey(at(6)));
    // An attribute of such an object is not a method of it; a function's result is whatever it was given.
    expect(at(4).resolution).not.toHaveProperty('method');
    expect(isApiCall(at(4))).toBe(false);
    expect(isApiCall(at(8))).toBe(false);
    // A private name is never the public API.
    expect(isApiCall(at(9))).toBe(false);
    // Calling the object runs its class's `__call__`, which only the class chosen at run time defines.
    for (const line of [10, 11]) expect(at(line).resolution).toMatchObject({ kind: 'unresolved', method: '__call__' });
    expect(isApiCall(at(10))).toBe(true);
  }, 20000);
});

describe('union returns with builtin members', () => {
  it('a method no builtin member of `Self | tuple[Self, dict]` has resolves on the class; one a tuple has too stays unresolved', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .sched import Scheduler, StepScheduler\n',
      'pkg/sched.py': [
        'from typing import Any',
        'from typing_extensions import Self',
        '',
        '',
        'class Scheduler:',
        '    @classmethod',
        '    def from_pretrained(cls, name, return_unused_kwargs=False) -> Self | tuple[Self, dict[str, Any]]:',
        '        return cls()',
        '',
        '    def count(self):',
        '        return 0',
        '',
        '',
        'class StepScheduler(Scheduler):',
        '    def set_timesteps(self, n):',
        '        self.n = n',
      ].join('\n'),
      'examples/loop.py': 'from pkg import StepScheduler\ns = StepScheduler.from_pretrained("x")\ns.set_timesteps(50)\ns.count()\n',
    });
    const calls = await resolveIn(repo, 'examples/loop.py');
    const at = (callee: string) => calls.find((c) => c.callee === callee)!;
    expect(where(at('s.set_timesteps'))).toBe(`${spanOf(repo, 'pkg/sched.py', 'def set_timesteps')} StepScheduler.set_timesteps`);
    expect(at('s.count').resolution).toMatchObject({ kind: 'unresolved', reason: expect.stringContaining('`tuple`') });
  }, 20000);
});

describe('generic aliases and tuple returns written over several lines', () => {
  it('`Alias = Pipeline[In, Out]` of a generic class is that class; a subscript of anything else binds nothing', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .pipe import Pipeline, RobotPipeline, PolicyPipeline, Hooks, RunHooks, Color, RED, FIRST, make_pipelines\n',
      'pkg/pipe.py': [
        'from enum import Enum',
        'from typing import Any, Generic, TypeVar',
        '',
        'T = TypeVar("T")',
        '',
        '',
        'class Pipeline[TIn, TOut]:',
        '    def __init__(self, steps=()):',
        '        self.steps = steps',
        '',
        '    def save_pretrained(self, path):',
        '        return path',
        '',
        '',
        'class Hooks(Generic[T]):',
        '    def on_start(self):',
        '        return 1',
        '',
        '',
        'class Color(Enum):',
        '    RED = 1',
        '',
        '    def hex(self):',
        '        return "#f00"',
        '',
        '',
        'RobotPipeline = Pipeline[dict, dict]',
        'PolicyPipeline = Pipeline[dict[str, Any], dict[str, Any]]',
        'RunHooks = Hooks[int]',
        'RED = Color["RED"]',
        'SUPPORTED = [Pipeline]',
        'FIRST = SUPPORTED[0]',
        '',
        '',
        'def make_pipelines(cfg) -> tuple[',
        '    PolicyPipeline[dict[str, Any], dict[str, Any]],',
        '    PolicyPipeline[dict, dict],',
        ']:',
        '    return Pipeline(), Pipeline()',
      ].join('\n'),
      'examples/run.py': [
        'from pkg import RobotPipeline, RunHooks, RED, FIRST, make_pipelines',
        '',
        'robot = RobotPipeline(steps=[])',
        'robot.save_pretrained("out")',
        'RunHooks().on_start()',
        'RED.hex()',
        'FIRST()',
        'pre, post = make_pipelines({})',
        'pre.save_pretrained("pre")',
        'post.save_pretrained("post")',
      ].join('\n'),
    });
    const calls = await resolveIn(repo, 'examples/run.py');
    const at = finder(calls);
    const save = `${spanOf(repo, 'pkg/pipe.py', 'def save_pretrained')} Pipeline.save_pretrained`;
    // PEP 695 type parameters and a `Generic[T]` base both make a generic class.
    expect(where(at('RobotPipeline'))).toBe(`${spanOf(repo, 'pkg/pipe.py', 'class Pipeline[')} Pipeline`);
    expect(where(at('robot.save_pretrained'))).toBe(save);
    expect(where(at('RunHooks().on_start'))).toBe(`${spanOf(repo, 'pkg/pipe.py', 'def on_start')} Hooks.on_start`);
    // An Enum's item and a list's element are values, not the class subscripted.
    expect(at('RED.hex').resolution.kind).toBe('unresolved');
    expect(at('FIRST').resolution.kind).toBe('unresolved');
    // `-> tuple[...]` over several lines, with a trailing comma: each unpacked name holds its element.
    expect(where(at('pre.save_pretrained'))).toBe(save);
    expect(where(at('post.save_pretrained'))).toBe(save);
  }, 20000);
});

describe('attributes a class forwards through __getattr__', () => {
  it('a method only another repository class defines is the repository API (unresolved, with candidates), not the external base', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\ndependencies = ["transformers"]\n',
      'pkg/__init__.py': 'from .wrap import Wrapper\nfrom .tuner import Tuner\n',
      'pkg/wrap.py': [
        'from transformers.utils import PushToHubMixin',
        '',
        '',
        'class Wrapper(PushToHubMixin):',
        '    def __init__(self, inner):',
        '        self.inner = inner',
        '',
        '    def __getattr__(self, name):',
        '        return getattr(self.inner, name)',
        '',
        '    def save(self, path):',
        '        return path',
      ].join('\n'),
      'pkg/tuner.py': 'class Tuner:\n    def merge_all(self, names):\n        return names\n',
      'pkg/plain.py': 'from transformers.utils import PushToHubMixin\n\n\nclass Plain(PushToHubMixin):\n    def save(self, path):\n        return path\n\n\nclass Conf(PushToHubMixin):\n    def __getattr__(self, key):\n        return self.__dict__["_cfg"][key]\n',
      'examples/merge.py': 'from pkg import Wrapper, Tuner\nfrom pkg.plain import Plain, Conf\nw = Wrapper(Tuner())\nw.merge_all(["a"])\nw.push_to_hub("x")\nw.save("o")\np = Plain()\np.merge_all(["a"])\nc = Conf()\nc.merge_all(["a"])\n',
    });
    const calls = await resolveIn(repo, 'examples/merge.py');
    const at = finder(calls);
    expect(at('w.merge_all').resolution).toMatchObject({
      kind: 'unresolved',
      method: 'merge_all',
      reason: expect.stringContaining('__getattr__'),
      candidates: [`Tuner.merge_all (${spanOf(repo, 'pkg/tuner.py', 'def merge_all')})`],
    });
    // A name no repository class defines is the external base's; the class's own method resolves exactly.
    expect(where(at('w.push_to_hub'))).toBe('external transformers');
    expect(where(at('w.save'))).toBe(`${spanOf(repo, 'pkg/wrap.py', 'def save')} Wrapper.save`);
    // Without a __getattr__, or with one that reads a table of its own, what the class lacks is its external base's.
    expect(where(at('p.merge_all'))).toBe('external transformers');
    expect(where(at('c.merge_all'))).toBe('external transformers');
  }, 20000);
});

describe('a repository mixin after an external base', () => {
  it("a method the external base comes first for but a later repository mixin defines is the mixin's; what no repository class defines stays the external base's", async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\ndependencies = ["torch"]\n',
      'pkg/__init__.py': 'from .models import Net\n',
      'pkg/base.py': 'import torch\n\n\nclass ModelMixin(torch.nn.Module):\n    def save(self, path):\n        return path\n',
      'pkg/adapters.py': 'class AdapterMixin:\n    def add_adapter(self, config):\n        return config\n\n    def __init__(self):\n        self.adapters = []\n',
      'pkg/models.py': 'from .base import ModelMixin\nfrom .adapters import AdapterMixin\n\n\nclass Net(ModelMixin, AdapterMixin):\n    @classmethod\n    def load(cls, name) -> "Net":\n        return cls()\n',
      'examples/train.py': 'from pkg import Net\nnet = Net.load("x")\nnet.add_adapter({"r": 8})\nnet.save("o")\nnet.parameters()\n',
    });
    const at = finder(await resolveIn(repo, 'examples/train.py'));
    // torch.nn.Module comes first in Net's MRO; it has no `add_adapter`, the mixin was listed to give it.
    expect(where(at('net.add_adapter'))).toBe(`${spanOf(repo, 'pkg/adapters.py', 'def add_adapter')} AdapterMixin.add_adapter`);
    expect(where(at('net.save'))).toBe(`${spanOf(repo, 'pkg/base.py', 'def save')} ModelMixin.save`);
    expect(where(at('net.parameters'))).toBe('external torch');
  }, 20000);
});

describe('what a factory returns, moved to a device', () => {
  it('`.to()` on a factory result keeps the factory object; another method call on it is the repository API; other results are nothing of it', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .auto import AutoPipe\n',
      'pkg/auto.py': [
        'class Pipe:',
        '    def __init__(self, name):',
        '        self.name = name',
        '',
        '    def load_lora(self, name):',
        '        return name',
        '',
        '    def describe(self):',
        '        return self.name',
        '',
        '',
        'PIPES = {"x": Pipe}',
        '',
        '',
        'class AutoPipe:',
        '    @classmethod',
        '    def from_pretrained(cls, name):',
        '        return PIPES[name](name)',
      ].join('\n'),
      'examples/lora.py': 'from pkg import AutoPipe\npipe = AutoPipe.from_pretrained("x").to("cuda")\npipe.load_lora("a")\npipe("a prompt")\ntext = AutoPipe.from_pretrained("x").describe()\ntext.upper()\n',
    });
    const calls = await resolveIn(repo, 'examples/lora.py');
    const at = finder(calls);
    expect(at('pipe.load_lora').resolution).toMatchObject({ kind: 'unresolved', method: 'load_lora' });
    // Calling the object calls its class's `__call__`, not `.to`.
    expect(at('pipe').resolution).toMatchObject({ kind: 'unresolved', method: '__call__' });
    // What another method returns is not the factory's object: no method of the repository on it.
    expect(at('text.upper').resolution).not.toHaveProperty('method');
  }, 20000);
});

describe("an example's subclass of a repository class", () => {
  const repo = write({
    'pyproject.toml': '[project]\nname = "srv"\n',
    'srv/__init__.py': 'from srv.api import ServeAPI\nfrom srv.server import Server\n',
    'srv/api.py': 'class ServeAPI:\n    def __init__(self, max_batch_size=1):\n        self.max_batch_size = max_batch_size\n\n    def predict(self, x):\n        return x\n',
    'srv/server.py': 'class Server:\n    def __init__(self, api):\n        self.api = api\n\n    def run(self, port=8000):\n        return port\n',
    'examples/serve.py': [
      'import srv',
      '',
      '',
      'class Engine(srv.ServeAPI):',
      '    def predict(self, x):',
      '        return x * 2',
      '',
      '',
      'class LoudEngine(Engine):',
      '    pass',
      '',
      '',
      'server = srv.Server(Engine(max_batch_size=4))',
      'srv.Server(LoudEngine()).run(port=1)',
      'server.run(port=8000)',
      '',
    ].join('\n'),
  });

  it('resolves making one to the repository class it extends, through the example\'s own classes', async () => {
    const at = finder(await resolveIn(repo, 'examples/serve.py'));
    expect(where(at('Engine'))).toBe(`${spanOf(repo, 'srv/api.py', 'class ServeAPI')} ServeAPI`);
    expect(at('Engine').resolution).toMatchObject({ via: 'subclass' });
    expect(where(at('LoudEngine'))).toBe(`${spanOf(repo, 'srv/api.py', 'class ServeAPI')} ServeAPI`);
    const lines = readFileSync(path.join(repo, 'examples/serve.py'), 'utf8').split('\n');
    expect(at('Engine').site.start).toBe(lines.findIndex((l) => l.includes('Engine(max_batch_size=4)')) + 1);
  });
});

describe('names that functools.partial binds', () => {
  const repo = write({
    'pyproject.toml': '[project]\nname = "tinytune"\n',
    'tinytune/__init__.py': 'from .builders import lora_7b, qlora_7b, qlora_13b, wrapped_7b\n',
    'tinytune/builders.py': [
      'import functools',
      'from functools import partial',
      '',
      'from .wrap import partial as wrap',
      '',
      '',
      'def lora_7b(rank=8, quantize_base=False):',
      '    """A 7B model with LoRA."""',
      '    return rank',
      '',
      '',
      'qlora_7b = partial(lora_7b, quantize_base=True)',
      'qlora_13b = functools.partial(lora_7b, rank=16, quantize_base=True)',
      '# Not functools\' partial: nothing says what calling it does.',
      'wrapped_7b = wrap(lora_7b)',
      '',
    ].join('\n'),
    'tinytune/wrap.py': 'def partial(f):\n    return lambda: f\n',
    'examples/qlora.py': 'from tinytune import qlora_7b, qlora_13b, wrapped_7b\n\nmodel = qlora_7b(rank=4)\nbig = qlora_13b()\nother = wrapped_7b()\n',
  });

  it('calls the function it wraps, where that is defined', async () => {
    const at = finder(await resolveIn(repo, 'examples/qlora.py'));
    const lora = `${spanOf(repo, 'tinytune/builders.py', 'def lora_7b')} lora_7b`;
    expect(where(at('qlora_7b'))).toBe(lora);
    expect(where(at('qlora_13b'))).toBe(lora);
    expect(at('wrapped_7b').resolution.kind).not.toBe('repo');
  });
});

describe('an SDK client and its async twin', () => {
  it('a union of `Client | AsyncClient` is the twin the code runs it as; a parenthesised union annotation is a union', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .client import Client, AsyncClient, from_sdk\n',
      'pkg/client.py': [
        'from typing import overload',
        '',
        '',
        'class Sdk:',
        '    pass',
        '',
        '',
        'class AsyncSdk:',
        '    pass',
        '',
        '',
        'class Client:',
        '    def create(self, **kw):',
        '        return kw',
        '',
        '    def stream(self, **kw):',
        '        yield kw',
        '',
        '',
        'class AsyncClient:',
        '    async def create(self, **kw):',
        '        return kw',
        '',
        '    async def stream(self, **kw):',
        '        yield kw',
        '',
        '',
        '@overload',
        'def from_sdk(',
        '    sdk: (',
        '        Sdk',
        '    ),',
        ') -> Client: ...',
        '',
        '',
        '@overload',
        'def from_sdk(',
        '    sdk: (',
        '        AsyncSdk',
        '    ),',
        ') -> AsyncClient: ...',
        '',
        '',
        'def from_sdk(sdk) -> Client | AsyncClient:',
        '    if isinstance(sdk, AsyncSdk):',
        '        return AsyncClient()',
        '    return Client()',
      ].join('\n'),
      'examples/run.py': [
        'import asyncio',
        'from pkg import from_sdk',
        'from pkg.client import Sdk, AsyncSdk',
        '',
        'client = from_sdk(make())',
        'first = client.create(model="m")',
        'for part in client.stream(model="m"):',
        '    print(part)',
        '',
        '',
        'async def main():',
        '    later = await client.create(model="m")',
        '    async for part in client.stream(model="m"):',
        '        print(part)',
        '    pending = client.create(model="m")',
        '    return later, pending',
        '',
        '',
        'typed = from_sdk(Sdk())',
        'typed.create(model="m")',
        'asyncio.run(main())',
      ].join('\n'),
    });
    const calls = await resolveIn(repo, 'examples/run.py');
    const at = finder(calls);
    const def = (cls: string, method: string) => {
      const text = readFileSync(path.join(repo, 'pkg/client.py'), 'utf8').split('\n');
      const start = text.findIndex((l) => l === `class ${cls}:`);
      const line = text.findIndex((l, i) => i > start && l.includes(` def ${method}(`));
      return `pkg/client.py:L${line + 1}-${line + 2} ${cls}.${method}`;
    };
    // Made where nothing awaits it, or iterated with a plain `for`: the synchronous client.
    expect(where(at('client.create', 0))).toBe(def('Client', 'create'));
    expect(where(at('client.stream', 0))).toBe(def('Client', 'stream'));
    // Awaited, or iterated with `async for`: the asynchronous one.
    expect(where(at('client.create', 1))).toBe(def('AsyncClient', 'create'));
    expect(where(at('client.stream', 1))).toBe(def('AsyncClient', 'stream'));
    // Not said (made inside `async def` and not awaited there): not known.
    expect(at('client.create', 2).resolution.kind).toBe('unresolved');
    // The overload whose parenthesised annotation names the argument's class gives one return type.
    expect(where(at('typed.create'))).toBe(def('Client', 'create'));
  }, 20000);
});
