// Command-line golden paths: shell lines that run the repository's own program resolve, through each
// dispatch shape, to the function that runs them (with its exact span), and what cannot be followed is
// unresolved with the reason. Each case is a small repository written here; lines are found, not hard-coded.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import type { CallSite } from '../src/model.js';
import { commandNaming, shellTokens } from '../src/resolve/commands.js';
import { setupPyConsoleScripts } from '../src/repo/metadata.js';
import { publicSurface } from '../src/group/surface.js';
import { shellCallSites } from '../src/resolve/shell-calls.js';
import { callsOf } from './repos.js';

function write(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'goldpath-cmd-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** The command call sites of a repository's sources, by the command line as written. */
async function commands(files: Record<string, string>): Promise<{ repo: string; by: (line: string) => CallSite; all: CallSite[] }> {
  const repo = write(files);
  const all: CallSite[] = [];
  const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-cmdwiki-'));
  await extractWorkflows({ repo, wiki, name: 'acme_x', onCalls: (_, calls) => all.push(...calls.filter((c) => c.command)) });
  const by = (line: string) => {
    const c = all.find((x) => x.command?.line === line);
    if (!c) throw new Error(`no command ${line}: ${all.map((x) => x.command?.line).join(' | ')}`);
    return c;
  };
  return { repo, by, all };
}

/** `path:Lstart-end qualname` of a resolved call; the reason of an unresolved one. */
function where(c: CallSite): string {
  const r = c.resolution;
  return r.kind === 'repo' ? `${r.span.path}:L${r.span.start}-${r.span.end} ${r.qualname}` : r.kind === 'unresolved' ? `unresolved: ${r.reason}` : r.kind;
}

/** `path:Lstart-end` of the definition of `def name` / `function name` in a file, found from the text (end: the last non-blank line of its body). */
function defSpan(repo: string, file: string, header: string): string {
  const lines = readFileSync(path.join(repo, file), 'utf8').split('\n');
  let start = lines.findIndex((l) => l.includes(header));
  if (start < 0) throw new Error(`${header} not in ${file}`);
  const defLine = start;
  while (start > 0 && lines[start - 1].trimStart().startsWith('@')) start--;
  const indent = /^\s*/.exec(lines[defLine])![0].length;
  let end = defLine;
  for (let i = defLine + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    if (/^\s*/.exec(lines[i])![0].length <= indent && !/^\s*[)\]}]/.test(lines[i])) break;
    end = i;
  }
  return `${file}:L${start + 1}-${end + 1}`;
}

const readme = (...blocks: string[]) => `# tool\n\n${blocks.map((b, i) => `## Part ${i + 1}\n\n\`\`\`bash\n${b}\n\`\`\`\n`).join('\n')}`;

describe('Python dispatch shapes', () => {
  it('argparse: set_defaults(func=...) through a helper the sub-parsers are passed to, nested sub-parsers, aliases', async () => {
    const { repo, by } = await commands({
      'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\ntool = "tool.cli:main"\n',
      'tool/__init__.py': '',
      'tool/cli.py': [
        'import argparse',
        'from .jobs import add_jobs, train',
        '',
        'def main(argv=None):',
        '    parser = argparse.ArgumentParser(prog="tool")',
        '    sub = parser.add_subparsers(dest="command")',
        '    t = sub.add_parser("train", aliases=["fit"])',
        '    t.add_argument("data")',
        '    t.add_argument("--lr", type=float, default=0.1, help="learning rate")',
        '    t.set_defaults(func=train)',
        '    add_jobs(sub)',
        '    args = parser.parse_args(argv)',
        '    return args.func(args)',
        '',
      ].join('\n'),
      'tool/jobs.py': [
        'def train(args):',
        '    """Train a model."""',
        '    return 0',
        '',
        'def list_jobs(args):',
        '    return 0',
        '',
        'def add_jobs(subparsers):',
        '    jobs = subparsers.add_parser("jobs")',
        '    inner = jobs.add_subparsers(dest="jobs_command")',
        '    ls = inner.add_parser("list")',
        '    ls.set_defaults(func=list_jobs)',
        '',
      ].join('\n'),
      'README.md': readme('tool train data.csv --lr 0.5\ntool fit data.csv\ntool jobs list'),
    });
    expect(where(by('tool train data.csv --lr 0.5'))).toBe(`${defSpan(repo, 'tool/jobs.py', 'def train')} train`);
    expect(by('tool train data.csv --lr 0.5').argNames).toEqual(['data', '--lr']);
    expect(by('tool train data.csv --lr 0.5').definition?.params).toEqual([{ name: 'data' }, { name: '--lr', type: 'float', default: '0.1' }]);
    expect(where(by('tool fit data.csv'))).toBe(`${defSpan(repo, 'tool/jobs.py', 'def train')} train`);
    expect(by('tool fit data.csv').command?.words).toEqual(['fit']);
    expect(where(by('tool jobs list'))).toBe(`${defSpan(repo, 'tool/jobs.py', 'def list_jobs')} list_jobs`);
  });

  it('a dict name → function indexed by the command, and an if/elif chain and a match on it', async () => {
    const { repo, by } = await commands({
      'setup.cfg': '[metadata]\nname = tool\n[options.entry_points]\nconsole_scripts =\n    dtool = tool.dict_cli:main\n    itool = tool.if_cli:main\n    mtool = tool.match_cli:main\n',
      'tool/__init__.py': '',
      'tool/ops.py': 'def build(argv):\n    return 1\n\n\ndef clean(argv):\n    return 2\n',
      'tool/dict_cli.py': 'import sys\nfrom .ops import build, clean\n\nCOMMANDS = {"build": build, "clean": clean}\n\n\ndef main():\n    return COMMANDS[sys.argv[1]](sys.argv[2:])\n',
      'tool/if_cli.py': [
        'import argparse',
        'from .ops import build, clean',
        '',
        'def main():',
        '    p = argparse.ArgumentParser()',
        '    p.add_argument("command")',
        '    args = p.parse_args()',
        '    if args.command == "build":',
        '        return build(args)',
        '    elif args.command in ("clean", "purge"):',
        '        return clean(args)',
        '    elif args.command == "status":',
        '        print("fine")',
        '        return 0',
        '',
      ].join('\n'),
      'tool/match_cli.py': 'import sys\nfrom .ops import build\n\ndef main():\n    match sys.argv[1]:\n        case "build" | "make":\n            return build(sys.argv[2:])\n',
      'README.md': readme('dtool build x\nitool build\nitool purge\nitool status\nmtool make'),
    });
    expect(where(by('dtool build x'))).toBe(`${defSpan(repo, 'tool/ops.py', 'def build')} build`);
    expect(where(by('itool build'))).toBe(`${defSpan(repo, 'tool/ops.py', 'def build')} build`);
    expect(where(by('itool purge'))).toBe(`${defSpan(repo, 'tool/ops.py', 'def clean')} clean`);
    // A branch with its own code runs in the function that holds it.
    expect(where(by('itool status'))).toBe(`${defSpan(repo, 'tool/if_cli.py', 'def main')} main`);
    expect(where(by('mtool make'))).toBe(`${defSpan(repo, 'tool/ops.py', 'def build')} build`);
  });

  it('click groups: @group.command(), nested groups, add_command, name=, commands registered in another module', async () => {
    const { repo, by } = await commands({
      'pyproject.toml': '[project]\nname = "tool"\n[tool.poetry.scripts]\nctool = "tool.cli:cli"\n',
      'tool/__init__.py': '',
      'tool/cli.py': [
        'import click',
        '',
        '@click.group()',
        'def cli():',
        '    """Tool."""',
        '',
        '@cli.command()',
        '@click.option("--force", is_flag=True)',
        '@click.argument("path")',
        'def init_repo(path, force):',
        '    """Create a repository."""',
        '',
        '@cli.group(name="db")',
        'def database():',
        '    pass',
        '',
        '@database.command("migrate")',
        '@click.option("--to", default="head", help="target revision")',
        'def run_migrations(to):',
        '    pass',
        '',
        '@click.command()',
        'def sync_command():',
        '    pass',
        '',
        'cli.add_command(sync_command)',
        'cli.add_command(sync_command, name="pull")',
        '',
      ].join('\n'),
      'tool/extra.py': 'import click\nfrom .cli import cli\n\n@cli.command(name="doctor")\ndef check_everything():\n    pass\n',
      'README.md': readme('ctool init-repo . --force\nctool db migrate --to 42\nctool sync\nctool pull\nctool doctor'),
    });
    expect(where(by('ctool init-repo . --force'))).toBe(`${defSpan(repo, 'tool/cli.py', 'def init_repo')} init_repo`);
    expect(by('ctool init-repo . --force').definition?.params.map((p) => p.name)).toEqual(['--force', 'path']);
    expect(where(by('ctool db migrate --to 42'))).toBe(`${defSpan(repo, 'tool/cli.py', 'def run_migrations')} run_migrations`);
    expect(by('ctool db migrate --to 42').definition?.params).toEqual([{ name: '--to', default: '"head"' }]);
    // click ≥ 8.2 drops `_command`; older versions keep it: both names are followed.
    expect(where(by('ctool sync'))).toBe(`${defSpan(repo, 'tool/cli.py', 'def sync_command')} sync_command`);
    expect(where(by('ctool pull'))).toBe(`${defSpan(repo, 'tool/cli.py', 'def sync_command')} sync_command`);
    expect(where(by('ctool doctor'))).toBe(`${defSpan(repo, 'tool/extra.py', 'def check_everything')} check_everything`);
  });

  it('click default groups (click-default-group), a group passed to a function, plugin hooks (pluggy) registering commands', async () => {
    const { repo, by } = await commands({
      'pyproject.toml': '[project]\nname = "dtool"\n[project.scripts]\ndtool = "dtool.cli:cli"\n',
      'dtool/__init__.py': '',
      'dtool/cli.py': [
        'import click',
        'from click_default_group import DefaultGroup',
        'from .plugins import pm',
        '',
        '@click.group(cls=DefaultGroup, default="query", default_if_no_args=True)',
        '@click.version_option()',
        'def cli():',
        '    "Tool."',
        '',
        '@cli.command()',
        '@click.argument("path")',
        '@click.argument("sql")',
        '@click.option("--csv", is_flag=True)',
        'def query(path, sql, csv):',
        '    pass',
        '',
        '@cli.group(cls=DefaultGroup, default="list", default_if_no_args=True)',
        'def keys():',
        '    pass',
        '',
        '@keys.command(name="list")',
        'def keys_list():',
        '    pass',
        '',
        '@keys.command(name="set")',
        '@click.argument("name")',
        'def keys_set(name):',
        '    pass',
        '',
        'def register_extra(group):',
        '    @group.command(name="doctor")',
        '    def doctor():',
        '        pass',
        '',
        'register_extra(cli)',
        'pm.hook.register_commands(cli=cli)',
        '',
      ].join('\n'),
      'dtool/plugins.py': 'import pluggy\n\nhookimpl = pluggy.HookimplMarker("dtool")\npm = pluggy.PluginManager("dtool")\n',
      'dtool/default_plugins/__init__.py': '',
      'dtool/default_plugins/serve.py': [
        'import click',
        'from dtool.plugins import hookimpl',
        '',
        '@hookimpl',
        'def register_commands(cli):',
        '    @cli.group(name="server")',
        '    def server_():',
        '        "Server commands"',
        '',
        '    @server_.command()',
        '    @click.argument("port")',
        '    def start(port):',
        '        pass',
        '',
      ].join('\n'),
      // A test's plugin is not the program's.
      'tests/test_plugin.py': 'from dtool.plugins import hookimpl\n\n@hookimpl\ndef register_commands(cli):\n    @cli.command(name="hello")\n    def hello():\n        pass\n',
      'README.md': [
        '# dtool',
        '',
        '## Quick start',
        '',
        '    $ dtool data.db "select 1" --csv',
        '    [{"1": 1}]',
        '',
        '    $ dtool keys set openai',
        '',
        readme('dtool --csv data.db "select 2"\ndtool \'$db\' "select 3"\ndtool\ndtool keys\ndtool server start 8000\ndtool doctor\ndtool hello').replace(/^# tool\n/, ''),
      ].join('\n'),
    });
    const query = `${defSpan(repo, 'dtool/cli.py', 'def query')} query`;
    // A word that is not a subcommand, an option the group does not declare, or nothing at all: the default command.
    expect(where(by('dtool data.db "select 1" --csv'))).toBe(query);
    expect(by('dtool data.db "select 1" --csv').callee).toBe('dtool query');
    expect(by('dtool data.db "select 1" --csv').argNames).toEqual(['path', 'sql', '--csv']);
    expect(where(by('dtool --csv data.db "select 2"'))).toBe(query);
    expect(where(by('dtool'))).toBe(query);
    // `'$db'` in single quotes is text, not a shell variable.
    expect(where(by(`dtool '$db' "select 3"`))).toBe(query);
    expect(where(by('dtool keys'))).toBe(`${defSpan(repo, 'dtool/cli.py', 'def keys_list')} keys_list`);
    expect(where(by('dtool keys set openai'))).toBe(`${defSpan(repo, 'dtool/cli.py', 'def keys_set')} keys_set`);
    expect(by('dtool keys set openai').site.start).toBe(readFileSync(path.join(repo, 'README.md'), 'utf8').split('\n').indexOf('    $ dtool keys set openai') + 1);
    // Registered inside the function the group is handed to, directly or through the plugin hook.
    expect(where(by('dtool doctor'))).toBe(`${defSpan(repo, 'dtool/cli.py', 'def doctor')} register_extra.<locals>.doctor`);
    expect(where(by('dtool server start 8000'))).toBe(`${defSpan(repo, 'dtool/default_plugins/serve.py', 'def start')} register_commands.<locals>.start`);
    expect(where(by('dtool hello'))).toBe(query);
  });

  it('click: an entry point naming a click group object, groups nested across modules with add_command', async () => {
    const { repo, by } = await commands({
      'pyproject.toml': '[project]\nname = "gtool"\n[project.scripts]\ngtool = "gtool.main:cli"\n',
      'gtool/__init__.py': '',
      'gtool/main.py': [
        'import click',
        'from click_default_group import DefaultGroup',
        'from .db import db, tables',
        '',
        'cli = DefaultGroup(default="run")',
        '',
        '@cli.command()',
        '@click.argument("script")',
        'def run(script):',
        '    pass',
        '',
        'cli.add_command(db)',
        'cli.add_command(tables, name="ls")',
        '',
      ].join('\n'),
      'gtool/db.py': 'import click\n\ndb = click.Group("db")\ntables = click.Group()\n',
      'gtool/db_commands.py': 'import click\nfrom .db import db, tables\n\n@db.command()\ndef migrate():\n    pass\n\n@tables.command(name="all")\ndef list_all():\n    pass\n',
      'README.md': readme('gtool db migrate\ngtool ls all\ngtool job.py\ngtool db'),
    });
    expect(where(by('gtool db migrate'))).toBe(`${defSpan(repo, 'gtool/db_commands.py', 'def migrate')} migrate`);
    expect(where(by('gtool ls all'))).toBe(`${defSpan(repo, 'gtool/db_commands.py', 'def list_all')} list_all`);
    // The object is a default group: a word that is no subcommand runs `run`.
    expect(where(by('gtool job.py'))).toBe(`${defSpan(repo, 'gtool/main.py', 'def run')} run`);
    expect(where(by('gtool db'))).toBe('unresolved: `db` (gtool/db.py:L3) is a click group object: it needs a subcommand');
  });

  it('argparse sub-parsers added by a list of command objects (`for command in get_commands(): command.register(sub)`)', async () => {
    const { repo, by } = await commands({
      'pyproject.toml': '[project]\nname = "otool"\n[project.scripts]\notool = "otool.cli:main"\n',
      'otool/__init__.py': '',
      'otool/cli.py': [
        'from argparse import ArgumentParser',
        'from .commands import get_commands',
        '',
        'def _build(commands):',
        '    parser = ArgumentParser(prog="otool")',
        '    sub = parser.add_subparsers(dest="command")',
        '    for command in commands:',
        '        command.register(sub)',
        '    return parser',
        '',
        'def main():',
        '    commands = get_commands()',
        '    by_name = {c.name: c for c in commands}',
        '    parser = _build(commands)',
        '    args = parser.parse_args()',
        '    command = by_name[args.command]',
        '    return command.run(args)',
        '',
      ].join('\n'),
      'otool/commands.py': [
        'class Command:',
        '    def __init__(self, name, help_text):',
        '        self.name = name',
        '        self.help_text = help_text',
        '',
        '    def register(self, subparsers):',
        '        raise NotImplementedError',
        '',
        '    def run(self, args):',
        '        raise NotImplementedError',
        '',
        'class TrainCommand(Command):',
        '    def __init__(self, name):',
        '        super().__init__(name=name, help_text=f"Run {name}")',
        '',
        '    def register(self, subparsers):',
        '        p = subparsers.add_parser(self.name, help=self.help_text)',
        '        p.add_argument("--lr", type=float, default=0.1)',
        '',
        '    def run(self, args):',
        '        return 0',
        '',
        'class EnvCommand(Command):',
        '    name = "env"',
        '',
        '    def __init__(self):',
        '        self.help_text = "Print the environment"',
        '',
        '    def register(self, subparsers):',
        '        subparsers.add_parser(self.name)',
        '',
        '    def run(self, args):',
        '        print("env")',
        '',
        'def get_commands():',
        '    return [TrainCommand("sft"), TrainCommand(name="dpo"), EnvCommand()]',
        '',
      ].join('\n'),
      'README.md': readme('otool sft --lr 0.5\notool dpo\notool env\notool ppo'),
    });
    // The `def run(self, args):` lines: Command.run, TrainCommand.run, EnvCommand.run (each two lines long).
    const lines = readFileSync(path.join(repo, 'otool/commands.py'), 'utf8').split('\n');
    const runs = lines.map((l, i) => (l === '    def run(self, args):' ? i + 1 : 0)).filter(Boolean);
    expect(where(by('otool sft --lr 0.5'))).toBe(`otool/commands.py:L${runs[1]}-${runs[1] + 1} TrainCommand.run`);
    expect(by('otool sft --lr 0.5').definition?.params).toEqual([{ name: '--lr', type: 'float', default: '0.1' }]);
    expect(where(by('otool dpo'))).toBe(`otool/commands.py:L${runs[1]}-${runs[1] + 1} TrainCommand.run`);
    expect(where(by('otool env'))).toBe(`otool/commands.py:L${runs[2]}-${runs[2] + 1} EnvCommand.run`);
    expect(by('otool env').resolution).toMatchObject({ via: expect.stringContaining('`EnvCommand()` registered by `command.register(…)` at otool/cli.py:L8, run by `command.run(…)` at otool/cli.py:L17') });
    expect(where(by('otool ppo'))).toBe('unresolved: `ppo` is not a subcommand the program declares (known: dpo, env, sft)');
  });

  it('argparse command objects built with the sub-parsers, directly or through a class method that forwards to the class', async () => {
    const { repo, by } = await commands({
      'pyproject.toml': '[project]\nname = "ttool"\n[project.scripts]\nttool = "ttool.cli:main"\ntsimple = "ttool.simple:main"\n',
      'ttool/simple.py': 'import sys\n\ndef main():\n    return sys.argv\n',
      'ttool/__init__.py': '',
      'ttool/base.py': [
        'class Subcommand:',
        '    def __init__(self, *args, **kwargs):',
        '        pass',
        '',
        '    @classmethod',
        '    def create(cls, *args, **kwargs):',
        '        return cls(*args, **kwargs)',
        '',
      ].join('\n'),
      'ttool/fetch.py': [
        'from ttool.base import Subcommand',
        '',
        'class Fetch(Subcommand):',
        '    def __init__(self, subparsers):',
        '        super().__init__()',
        '        self._parser = subparsers.add_parser("fetch", help="Fetch a model")',
        '        self._add_arguments()',
        '        self._parser.set_defaults(func=self._fetch_cmd)',
        '',
        '    def _add_arguments(self):',
        '        self._parser.add_argument("repo_id", type=str)',
        '        self._parser.add_argument("--output-dir", type=str, default="out")',
        '',
        '    def _fetch_cmd(self, args):',
        '        return args.repo_id',
        '',
      ].join('\n'),
      'ttool/copy.py': [
        'class Copy:',
        '    def __init__(self, subparsers):',
        '        self._parser = subparsers.add_parser("cp")',
        '        self._parser.set_defaults(func=self._copy_cmd)',
        '',
        '    def _copy_cmd(self, args):',
        '        return 0',
        '',
      ].join('\n'),
      'ttool/cli.py': [
        'import argparse',
        'from ttool.fetch import Fetch',
        'from ttool.copy import Copy',
        'from ttool.run import Run',
        '',
        'class Parser:',
        '    def __init__(self):',
        '        self._parser = argparse.ArgumentParser(prog="ttool")',
        '        subparsers = self._parser.add_subparsers(title="subcommands")',
        '        Fetch.create(subparsers)',
        '        Copy(subparsers)',
        '        Run.create(subparsers)',
        '',
        'def main():',
        '    parser = Parser()',
        '    args = parser._parser.parse_args()',
        '    args.func(args)',
        '',
      ].join('\n'),
      'ttool/run.py': [
        'import runpy',
        'from ttool.base import Subcommand',
        '',
        'class Run(Subcommand):',
        '    def __init__(self, subparsers):',
        '        self._parser = subparsers.add_parser("run")',
        '        self._parser.set_defaults(func=self._run_cmd)',
        '',
        '    def _run_cmd(self, args):',
        '        runpy.run_path(args.recipe)',
        '',
      ].join('\n'),
      'recipes/train_lora.py': 'def main():\n    pass\n',
      'recipes/train_full.py': 'def main():\n    pass\n',
      'README.md': readme('ttool fetch org/model --output-dir /tmp/m\nttool cp a b\nttool push', 'ttool run train_lora --config a.yaml\nttool run --nproc_per_node 2 train_full --config b.yaml\nttool run my_recipe --config c.yaml\ntsimple train_lora'),
    });
    // A subcommand given one of the repository's scripts by name runs that script: its name is one of its words.
    expect(by('ttool run train_lora --config a.yaml').callee).toBe('ttool run train_lora');
    // Named after the whole script: "Run Train LoRA Single Device" is no cut of its name.
    expect(commandNaming({ program: 'tune', words: ['run', 'lora_finetune_single_device'], script: 'lora_finetune_single_device' })).toMatchObject({ verb: 'Run', object: ['lora', 'finetune', 'single', 'device'] });
    expect(commandNaming({ program: 'tune', words: ['run', 'lora_finetune_single_device'] }).object).toEqual(['lora', 'finetune', 'single']);
    expect(by('ttool run --nproc_per_node 2 train_full --config b.yaml').callee).toBe('ttool run train_full');
    expect(by('ttool run my_recipe --config c.yaml').callee).toBe('ttool run');
    expect(where(by('ttool run train_lora --config a.yaml'))).toBe(`${defSpan(repo, 'ttool/run.py', 'def _run_cmd')} Run._run_cmd`);
    // Only a subcommand's: the program given a word it does not declare is not running a script.
    expect(by('tsimple train_lora').callee).toBe('tsimple');
    // A positional parameter the command declares is filled, whatever it is called (`fetch`'s repo_id).
    expect(by('ttool fetch org/model --output-dir /tmp/m').callee).toBe('ttool fetch');
    expect(where(by('ttool fetch org/model --output-dir /tmp/m'))).toBe(`${defSpan(repo, 'ttool/fetch.py', 'def _fetch_cmd')} Fetch._fetch_cmd`);
    expect(by('ttool fetch org/model --output-dir /tmp/m').definition?.params).toEqual([
      { name: 'repo_id', type: 'str' },
      { name: '--output-dir', type: 'str', default: '"out"' },
    ]);
    expect(where(by('ttool cp a b'))).toBe(`${defSpan(repo, 'ttool/copy.py', 'def _copy_cmd')} Copy._copy_cmd`);
    expect(where(by('ttool push'))).toMatch(/^unresolved: `push` is not a subcommand the program declares \(known: cp, fetch, run\)/);
  });

  it('typer apps: @app.command(), app.command("x")(f), add_typer with a callback', async () => {
    const { repo, by } = await commands({
      'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\nttool = "tool.app:app"\n',
      'tool/__init__.py': '',
      'tool/app.py': [
        'import typer',
        'from .serve import serve_app',
        'from .ops import export_model',
        '',
        'app = typer.Typer()',
        '',
        '@app.command()',
        'def train_model(data: str, epochs: int = typer.Option(3, "--epochs", "-e", help="passes")):',
        '    """Train."""',
        '',
        'app.command("export")(export_model)',
        'app.add_typer(serve_app, name="serve")',
        '',
      ].join('\n'),
      'tool/ops.py': 'def export_model(path: str, fmt: str = "gguf"):\n    """Export."""\n',
      'tool/serve.py': 'import typer\n\nserve_app = typer.Typer()\n\n@serve_app.callback(invoke_without_command=True)\ndef serve_default(port: int = 8000):\n    """Serve."""\n\n@serve_app.command()\ndef stop():\n    pass\n',
      'README.md': readme('ttool train-model d.jsonl -e 2\nttool export out/ --fmt onnx\nttool serve --port 9000\nttool serve stop'),
    });
    expect(where(by('ttool train-model d.jsonl -e 2'))).toBe(`${defSpan(repo, 'tool/app.py', 'def train_model')} train_model`);
    expect(by('ttool train-model d.jsonl -e 2').definition?.params).toEqual([{ name: 'data', type: 'str' }, { name: '--epochs', type: 'int', default: '3' }]);
    expect(by('ttool train-model d.jsonl -e 2').argNames).toEqual(['data', '--epochs']);
    expect(where(by('ttool export out/ --fmt onnx'))).toBe(`${defSpan(repo, 'tool/ops.py', 'def export_model')} export_model`);
    expect(where(by('ttool serve --port 9000'))).toBe(`${defSpan(repo, 'tool/serve.py', 'def serve_default')} serve_default`);
    expect(where(by('ttool serve stop'))).toBe(`${defSpan(repo, 'tool/serve.py', 'def stop')} stop`);
  });

  it('jsonargparse / fire: a dict literal (nested), a list of functions, one function, a class', async () => {
    const { repo, by } = await commands({
      'setup.py': 'from setuptools import setup\nsetup(name="tool", entry_points={"console_scripts": ["jtool=tool.j:main", "ftool = tool.f:main"], "pytest11": ["x = tool.plugin:p"]})\n',
      'tool/__init__.py': '',
      'tool/fns.py': 'def pretrain(model: str, steps: int = 10):\n    """Pretrain."""\n\n\ndef finetune_lora(model: str, r: int = 8):\n    pass\n\n\nclass Hub:\n    def pull(self, name: str):\n        pass\n',
      'tool/j.py': 'from jsonargparse import CLI\nfrom tool.fns import pretrain as pretrain_fn, finetune_lora\n\ndef main():\n    CLI({"pretrain": pretrain_fn, "finetune": {"lora": finetune_lora}})\n',
      'tool/f.py': 'import fire\nfrom tool.fns import Hub, finetune_lora, pretrain\n\ndef main():\n    fire.Fire([pretrain, finetune_lora])\n',
      'tool/single.py': 'from jsonargparse import CLI\nfrom tool.fns import pretrain\n\nif __name__ == "__main__":\n    CLI(pretrain)\n',
      'tool/hub.py': 'import fire\nfrom tool.fns import Hub\n\nif __name__ == "__main__":\n    fire.Fire(Hub)\n',
      'README.md': readme('jtool pretrain m --steps 5\njtool finetune lora m\nftool finetune_lora m --r 4\npython -m tool.single m\npython tool/hub.py pull x'),
    });
    expect(where(by('jtool pretrain m --steps 5'))).toBe(`${defSpan(repo, 'tool/fns.py', 'def pretrain')} pretrain`);
    expect(by('jtool pretrain m --steps 5').definition?.params).toEqual([{ name: 'model', type: 'str' }, { name: '--steps', type: 'int', default: '10' }]);
    expect(where(by('jtool finetune lora m'))).toBe(`${defSpan(repo, 'tool/fns.py', 'def finetune_lora')} finetune_lora`);
    expect(where(by('ftool finetune_lora m --r 4'))).toBe(`${defSpan(repo, 'tool/fns.py', 'def finetune_lora')} finetune_lora`);
    expect(where(by('python -m tool.single m'))).toBe(`${defSpan(repo, 'tool/fns.py', 'def pretrain')} pretrain`);
    expect(where(by('python tool/hub.py pull x'))).toBe(`${defSpan(repo, 'tool/fns.py', 'def pull')} Hub.pull`);
  });
});

describe('JavaScript dispatch shapes', () => {
  it('yargs: string and object commands, handlers by name and inline', async () => {
    const { repo, by } = await commands({
      'package.json': JSON.stringify({ name: '@acme/ytool', bin: { ytool: 'cli.js' }, dependencies: { yargs: '^17' } }),
      'cli.js': [
        "const yargs = require('yargs');",
        "const { serve, lint } = require('./lib');",
        'yargs',
        "  .command('serve [port]', 'start the server', { host: { type: 'string', default: 'localhost' } }, serve)",
        "  .command({ command: 'lint <files..>', describe: 'lint files', handler: (argv) => lint(argv.files) })",
        '  .parse();',
        '',
      ].join('\n'),
      'lib.js': "function serve(argv) {\n  return argv.port;\n}\n\nfunction lint(files) {\n  return files.length;\n}\n\nmodule.exports = { serve, lint };\n",
      'README.md': readme('npx ytool serve 8080 --host 0.0.0.0\nnpx @acme/ytool lint a.js b.js'),
    });
    expect(where(by('npx ytool serve 8080 --host 0.0.0.0'))).toBe(`${defSpan(repo, 'lib.js', 'function serve')} serve`);
    expect(by('npx ytool serve 8080 --host 0.0.0.0').argNames).toEqual(['port', '--host']);
    expect(where(by('npx @acme/ytool lint a.js b.js'))).toBe(`${defSpan(repo, 'lib.js', 'function lint')} lint`);
  });
});

describe('what cannot be followed is unresolved, with the reason', () => {
  it('unknown subcommands, registrations through objects, shell variables, scripts without one function, executable subcommands', async () => {
    const { by } = await commands({
      'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\ntool = "tool.cli:main"\nrtool = "tool.registry:main"\n',
      'tool/__init__.py': '',
      'tool/cli.py': 'import argparse\n\ndef go(args):\n    pass\n\ndef main():\n    p = argparse.ArgumentParser()\n    s = p.add_subparsers()\n    s.add_parser("go").set_defaults(func=go)\n    a = p.parse_args()\n    a.func(a)\n',
      'tool/registry.py': 'import argparse\nfrom .commands import all_commands\n\ndef main():\n    p = argparse.ArgumentParser()\n    s = p.add_subparsers(dest="command")\n    for c in all_commands():\n        c.register(s)\n    args = p.parse_args()\n',
      'tool/commands.py': 'def all_commands():\n    return []\n',
      'scripts/run.py': 'from tool.cli import go, main\n\nif __name__ == "__main__":\n    go(None)\n    main()\n',
      'package.json': JSON.stringify({ name: 'jtool', bin: { jtool: 'bin.js' }, dependencies: { commander: '^12' } }),
      'bin.js': "const { program } = require('commander');\nprogram.command('publish', 'publish the package');\nprogram.parse();\n",
      'README.md': readme('tool stop\nrtool sft --lr 1\ntool $CMD\npython scripts/run.py\nnpx jtool publish'),
    });
    expect(where(by('tool stop'))).toBe('unresolved: `stop` is not a subcommand the program declares (known: go)');
    expect(where(by('rtool sft --lr 1'))).toMatch(/^unresolved: the subcommands are not declared where they can be read: they are added by `c\.register\(…\)` \(tool\/registry\.py:L8\)/);
    expect(where(by('tool $CMD'))).toBe('unresolved: `$CMD` is a shell variable: which subcommand it names is not known statically');
    expect(by('python scripts/run.py').resolution).toMatchObject({ kind: 'unresolved', reason: '`scripts/run.py` runs several functions at module level; which one is the command is not known', candidates: ['go (tool/cli.py:L3-4)', 'main (tool/cli.py:L6-11)'] });
    expect(where(by('npx jtool publish'))).toBe('unresolved: `publish` is a commander executable subcommand: it runs a separate `<program>-publish` script');
  });
});

describe('Python script launchers', () => {
  const TOOL = {
    'pyproject.toml': '[project]\nname = "tool"\n',
    'tool/__init__.py': '',
    'tool/train.py': 'import argparse\n\ndef main():\n    p = argparse.ArgumentParser()\n    p.add_argument("--lr")\n    p.parse_args()\n\nif __name__ == "__main__":\n    main()\n',
    'scripts/sft.py': 'import argparse\n\ndef main():\n    p = argparse.ArgumentParser()\n    p.add_argument("--config")\n    p.parse_args()\n\nif __name__ == "__main__":\n    main()\n',
    'examples/lora/train_lora.py': 'def run():\n    pass\n\nif __name__ == "__main__":\n    run()\n',
  };

  it('accelerate launch, torchrun and python -m torch.distributed.run run the script or module after their own options', async () => {
    const { repo, by } = await commands({
      ...TOOL,
      'README.md': readme('ACCELERATE_LOG_LEVEL=info accelerate launch --config_file recipes/zero3.yaml --num_processes=1 scripts/sft.py --config a.yaml', 'torchrun --nproc_per_node 8 -m tool.train --lr 1', 'python -m torch.distributed.run --nproc_per_node=2 scripts/sft.py --config b.yaml', 'accelerate launch {script_name.py} --arg1'),
    });
    const sft = defSpan(repo, 'scripts/sft.py', 'def main');
    expect(where(by('accelerate launch --config_file recipes/zero3.yaml --num_processes=1 scripts/sft.py --config a.yaml'))).toBe(`${sft} main`);
    expect(by('accelerate launch --config_file recipes/zero3.yaml --num_processes=1 scripts/sft.py --config a.yaml').argNames).toEqual(['--config']);
    expect(where(by('torchrun --nproc_per_node 8 -m tool.train --lr 1'))).toBe(`${defSpan(repo, 'tool/train.py', 'def main')} main`);
    expect(where(by('python -m torch.distributed.run --nproc_per_node=2 scripts/sft.py --config b.yaml'))).toBe(`${sft} main`);
  });

  it('a script the README runs by its path is an entry point, module-level code and all (nanoGPT\'s train.py)', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "tool"\n',
      'tool/__init__.py': 'from .model import Model, load_data\n',
      'tool/model.py': 'def load_data(name):\n    return [name]\n\n\nclass Model:\n    def __init__(self, size):\n        self.size = size\n\n    def fit(self, data):\n        return self\n\n    def save(self, path):\n        return path\n',
      'train.py': 'import sys\nfrom tool import Model, load_data\n\ndata = load_data("shakespeare")\nmodel = Model(size=int(sys.argv[1]))\nmodel.fit(data)\nmodel.save("out.pt")\n',
      'unused.py': 'from tool import Model\n\nModel(size=1).fit([])\n',
      'README.md': readme('python train.py 8'),
    });
    const wiki = mkdtempSync(path.join(os.tmpdir(), 'gp-wiki-'));
    const m = await extractWorkflows({ repo, wiki, all: true });
    const train = m.candidates.find((c) => c.path === 'train.py');
    expect(train).toMatchObject({ kind: 'script', foundBy: 'run by README.md (Part 1): `python train.py 8`', kept: true });
    // A script no page runs (and no main guard) is no entry point.
    expect(m.candidates.some((c) => c.path === 'unused.py')).toBe(false);
    // The section that runs it (a command no one function answers) shows how to run it: a source of its use case.
    const section = m.candidates.find((c) => c.path === 'README.md')!;
    expect(section).toMatchObject({ kept: true, workflow: train!.workflow });
  });

  it('a script path is looked up from the folder of the page that runs it, after the root', async () => {
    const { repo, by } = await commands({ ...TOOL, 'examples/lora/README.md': '# LoRA\n\n## Train\n\n```bash\naccelerate launch train_lora.py\npython train_lora.py --help\n```\n' });
    const run = `${defSpan(repo, 'examples/lora/train_lora.py', 'def run')} run`;
    expect(where(by('accelerate launch train_lora.py'))).toBe(run);
    expect(where(by('python train_lora.py --help'))).toBe(run);
  });

  it('a repository that declares the launcher keeps its own command', async () => {
    const { by } = await commands({
      ...TOOL,
      'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\naccelerate = "tool.cli:main"\n',
      'tool/cli.py': 'import argparse\n\ndef launch(args):\n    pass\n\ndef main():\n    p = argparse.ArgumentParser()\n    s = p.add_subparsers()\n    s.add_parser("launch").set_defaults(func=launch)\n    a = p.parse_args()\n    a.func(a)\n',
      'README.md': readme('accelerate launch scripts/sft.py --config a.yaml'),
    });
    const c = by('accelerate launch scripts/sft.py --config a.yaml');
    expect([c.callee, c.resolution.kind === 'repo' ? c.resolution.span.path : c.resolution.kind]).toEqual(['accelerate launch', 'tool/cli.py']);
  });

  it('`python -m` of the module a console script names is that program', async () => {
    const { repo, by } = await commands({ ...TOOL, 'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\ntool-train = "tool.train:main"\n', 'README.md': readme('uv run accelerate launch --num_processes=2 -m tool.train --lr 1', 'tool-train --lr 2') });
    const run = by('uv run accelerate launch --num_processes=2 -m tool.train --lr 1');
    expect(run.callee).toBe(by('tool-train --lr 2').callee);
    expect(where(run)).toBe(`${defSpan(repo, 'tool/train.py', 'def main')} main`);
  });

  it('installing (`uv sync`) and keeping a command\'s output in a variable make no call', async () => {
    const repo = write({ ...TOOL, 'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\ntool-train = "tool.train:main"\n', 'README.md': readme('uv sync --locked --extra train\nVLM_DIR=$(uv run hf download org/vlm)\ntool-train --lr 2\nhf upload org/model out') });
    const calls = [...(await callsOf(repo)).values()].flat().filter((c) => c.site.path === 'README.md');
    expect(calls.map((c) => c.written ?? c.callee)).toEqual(['tool-train --lr 2', 'hf upload org/model out']);
  });

  it('a script that rebinds a name from itself at module level (`batch = batch.to(device)`) is read to the end', async () => {
    const { by } = await commands({
      ...TOOL,
      'examples/infer.py': 'from tool.train import main\n\nfor batch in [1, 2]:\n    batch = batch.to("cpu")\n    main()\n',
      'README.md': readme('python examples/infer.py'),
    });
    expect(by('python examples/infer.py').resolution.kind).toBeDefined();
  });
});

describe('shell lines', () => {
  it('joins continuation lines, trims to the command, follows python -m, npx, uv run and env assignments', async () => {
    const { repo, by, all } = await commands({
      'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\ntool = "tool.__main__:main"\n',
      'tool/__init__.py': '',
      'tool/__main__.py': 'from jsonargparse import CLI\n\ndef fit(data: str, lr: float = 0.1):\n    pass\n\ndef main():\n    CLI([fit])\n\nif __name__ == "__main__":\n    main()\n',
      'README.md': readme('# fit the model\nHF_HOME=/tmp tool fit data.csv \\\n  --lr 0.5 | tee log.txt\npython -m tool fit x && echo done\nuv run --with rich tool fit y\npip install tool\ngit clone https://example.org/tool'),
      'notebooks/demo.ipynb': JSON.stringify({
        metadata: { kernelspec: { language: 'python' } },
        nbformat: 4,
        cells: [
          { cell_type: 'markdown', source: ['# Demo'] },
          { cell_type: 'code', source: ['!pip install tool\n', 'import os\n', '!tool fit nb.csv --lr 0.2'] },
        ],
      }),
    });
    // A notebook's `!` line is a call site in its cell.
    expect(by('tool fit nb.csv --lr 0.2').site).toEqual({ path: 'notebooks/demo.ipynb', cell: 2, start: 3, end: 3 });
    const fit = by('tool fit data.csv --lr 0.5');
    const line = readFileSync(path.join(repo, 'README.md'), 'utf8').split('\n').findIndex((l) => l.startsWith('HF_HOME')) + 1;
    expect(fit.site).toEqual({ path: 'README.md', start: line, end: line + 1 });
    expect(fit.comment).toBe('fit the model');
    expect(where(fit)).toBe(`${defSpan(repo, 'tool/__main__.py', 'def fit')} fit`);
    expect(where(by('python -m tool fit x'))).toBe(where(fit));
    expect(by('python -m tool fit x').callee).toBe('tool fit');
    expect(where(by('uv run --with rich tool fit y'))).toBe(where(fit));
    // Other programs stay tools; install commands are not steps at all.
    expect([...new Set(all.map((c) => c.command?.line))].sort()).toEqual(['tool fit data.csv --lr 0.5', 'tool fit nb.csv --lr 0.2', 'python -m tool fit x', 'uv run --with rich tool fit y'].sort());
  });

  it('code pasted under a shell tag is no command; a command of the repository stays public API wherever its code lives', async () => {
    const { all } = await commands({
      'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\ntool = "tool.scripts.run:main"\n',
      'tool/__init__.py': '',
      'tool/scripts/__init__.py': '',
      'tool/scripts/run.py': 'def main():\n    pass\n',
      'README.md': readme('tool go\nimport torch\nfrom transformers import AutoModel\nstate_dict = torch.load("m.pth")\nmodel = AutoModel.from_pretrained(\n    "x", state_dict=state_dict\n)\nmodel.save_pretrained("out/")\ncp a b'),
    });
    expect(all.map((c) => c.command?.line)).toEqual(['tool go']);
    const lines = ['tool go', 'import torch', 'from transformers import AutoModel', 'state_dict = torch.load("m.pth")', 'model = AutoModel.from_pretrained(', '    "x", state_dict=state_dict', ')', 'model.save_pretrained("out/")', 'docker run img', 'HF_HOME=/tmp tool go', 'cp a b', 'cd out', 'curl -s http://localhost:8000/mcp', 'DEBUG=1 echo done', 'wandb login', 'hf auth login --token x', 'huggingface-cli login', 'gh auth status', 'docker logout', 'hf upload org/x .'];
    const tools = shellCallSites('README.md', lines.map((command, i) => ({ line: i + 1, command })));
    // Shell utilities that move around, inspect or fetch (SHELL_UTILITY_PROGRAMS) are no steps either,
    // nor is signing in to another program (AUTH_COMMAND); its other subcommands are.
    expect(tools.map((c) => c.callee)).toEqual(['tool', 'docker', 'tool', 'hf']);
    // Running the test suite is how a contributor checks the code, not a use of the library.
    const runners = ['uv run --frozen pytest tests/examples/  # everything', 'pytest -x', 'python -m pytest', 'npm test', 'pnpm run test', 'npx vitest run', 'tox -e py311', 'uv run pytestify x', 'npm run build'];
    expect(shellCallSites('README.md', runners.map((command, i) => ({ line: i + 1, command }))).map((c) => c.written)).toEqual(['uv run pytestify x']);
    // An interpreter or package manager no command of the repository claims runs the reader's own script or a
    // project chore; `python -m module` runs that module's program, which names the step; scaffolding is a chore.
    const runtimes = ['npm run dev', 'npm create vite@latest app -- --template react', 'npx create-next-app@latest', 'node index.js', 'python -c "import x"', 'python3 app.py', 'yarn dev', 'python -m vllm.entrypoints.openai.api_server --model m', 'npx @modelcontextprotocol/inspector'];
    expect(shellCallSites('README.md', runtimes.map((command, i) => ({ line: i + 1, command }))).map((c) => c.callee)).toEqual(['vllm.entrypoints.openai.api_server', 'npx']);
    // Editing a file or setting up the shell is no step, nor is starting a shell; a shell given a script runs it.
    const setup = ['nano ~/.zshrc', 'vim main.py', "zstyle ':completion:*' menu select", 'zsh', 'bash', 'bash scripts/train.sh'];
    expect(shellCallSites('README.md', setup.map((command, i) => ({ line: i + 1, command }))).map((c) => c.written)).toEqual(['bash scripts/train.sh']);
    // Getting the sources, making an environment and running an install script are installing, no steps.
    const install = ['git clone https://github.com/org/tool', './install.sh --local', 'TOOL_HOME="$PWD/.tool" ./install.sh --local', 'bash scripts/setup.sh', 'uv venv tool_env --python 3.13', 'python -m venv .venv', 'conda create -n tool python=3.11', 'irm https://tool.ai/install.ps1 | iex', 'git log --oneline', './run.sh'];
    expect(shellCallSites('README.md', install.map((command, i) => ({ line: i + 1, command }))).map((c) => c.written)).toEqual(['git log --oneline', './run.sh']);
    const own = all[0];
    expect(own.resolution.kind).toBe('repo');
    // `tool/scripts/` reads as a scripts folder, but the command is what the user types.
    expect(publicSurface()(own)).toBe(true);
  });

  it('shell words: quotes, operators, comments', () => {
    expect(shellTokens(`tool run "a b" 'c' d\\ e # note`)?.map((t) => t.text)).toEqual(['tool', 'run', 'a b', 'c', 'd e']);
    expect(shellTokens('a && b | c > out 2>&1')?.filter((t) => t.op).map((t) => t.text)).toEqual(['&&', '|', '>', '2>&1']);
    expect(shellTokens('echo "unclosed')).toBeUndefined();
  });

  it('setup.py console_scripts are read from the console_scripts list only, never executed', () => {
    expect(setupPyConsoleScripts('setup(entry_points={"console_scripts": ["a=pkg.cli:main", "b = pkg.b:run [extra]"], "pytest11": ["p = pkg.plugin"]})')).toEqual([
      ['a', 'pkg.cli:main'],
      ['b', 'pkg.b:run [extra]'],
    ]);
    expect(setupPyConsoleScripts('setup(entry_points="""\n[console_scripts]\nc = pkg.c:main\n[gui_scripts]\nd = pkg.d:main\n""")')).toEqual([['c', 'pkg.c:main']]);
  });

  it('names a module that is only an entry point by its package, and the package by its last verb', () => {
    expect(commandNaming({ program: 'open_clip_train.main', words: [] })).toEqual({ role: 'train', verb: 'Train', noun: 'Training', object: ['open', 'clip'] });
    expect(commandNaming({ program: 'tools/cli.py', words: [] })).toMatchObject({ verb: 'Run', object: ['tools'] });
    // A script's own name says what it does first (mcp-py's scripts/docs/build_config.py is no "Config Build").
    expect(commandNaming({ program: 'scripts/docs/build_config.py', words: [] })).toMatchObject({ verb: 'Build', object: ['config'] });
    expect(commandNaming({ program: 'lerobot-train', words: [] })).toMatchObject({ verb: 'Train', object: ['lerobot'] });
    // Subcommand words keep their first verb: `download list` downloads.
    expect(commandNaming({ program: 'litgpt', words: ['download', 'list'] })).toMatchObject({ verb: 'Download', object: ['list'] });
  });

  it('names a command step by its subcommand words', () => {
    expect(commandNaming({ program: 'litgpt', words: ['finetune'] })).toEqual({ role: 'train', verb: 'Finetune', noun: 'Finetuning', object: [] });
    expect(commandNaming({ program: 'litgpt', words: ['pretrain'] })).toMatchObject({ role: 'train', verb: 'Pretrain', noun: 'Pretraining' });
    expect(commandNaming({ program: 'tool', words: ['dataset', 'build'] })).toMatchObject({ verb: 'Build', noun: 'Building', object: ['dataset'] });
    expect(commandNaming({ program: 'tool', words: ['thumbs'] })).toEqual({ role: 'run', verb: 'Run', noun: 'Execution', object: ['thumbs'] });
  });

  it('reads a Unix-style abbreviation as its verb, and a verb of no milestone as what the command does (still a run)', () => {
    expect(commandNaming({ program: 'tune', words: ['cp'] })).toEqual({ role: 'run', verb: 'Copy', noun: 'Copying', object: [] });
    expect(commandNaming({ program: 'tune', words: ['ls'] })).toMatchObject({ role: 'load', verb: 'List', noun: 'Listing' });
    expect(commandNaming({ program: 'hf', words: ['cache', 'scan'] })).toEqual({ role: 'run', verb: 'Scan', noun: 'Scanning', object: ['cache'] });
    // (An abbreviation is a whole word: `lsp` is no listing.)
    expect(commandNaming({ program: 'tool', words: ['lsp'] })).toMatchObject({ verb: 'Run', object: ['lsp'] });
  });
});
