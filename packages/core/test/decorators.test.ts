// A decorator over a function the source hands on is a call whose value flows there: `@function_tool`
// makes the tool an agent is given (`Agent(tools=[get_weather])`).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import { callsOf, lineOf, write } from './repos.js';

const PKG = {
  'pyproject.toml': '[project]\nname = "pkg"\n',
  'pkg/__init__.py': 'from .tools import function_tool, input_guardrail\nfrom .agent import Agent, Runner\n',
  'pkg/tools.py':
    'def function_tool(func=None, *, name_override=None):\n    """Makes a tool of a Python function."""\n    return func\n\n\n' +
    'def input_guardrail(func):\n    """Makes a guardrail that checks the input."""\n    return func\n',
  'pkg/agent.py':
    'class Agent:\n    def __init__(self, name, tools=(), input_guardrails=()):\n        self.tools = tools\n\n    def save(self, path):\n        return path\n\n\n' +
    'class Runner:\n    @staticmethod\n    def run_sync(agent, text):\n        return text\n',
};

describe('decorators', () => {
  it('a bare or called decorator over a function handed on is a call of the source, its value the function', async () => {
    const repo = write({
      ...PKG,
      'examples/weather.py':
        'from pkg import Agent, Runner, function_tool, input_guardrail\n\n\n@function_tool\ndef get_weather(city: str) -> str:\n    return city\n\n\n' +
        '@function_tool(name_override="time")\ndef get_time() -> str:\n    return "now"\n\n\n@input_guardrail\ndef no_math(text):\n    return text\n\n\n' +
        '@function_tool\ndef unused() -> str:\n    return ""\n\n\n' +
        'agent = Agent(name="w", tools=[get_weather, get_time], input_guardrails=[no_math])\nprint(Runner.run_sync(agent, "Paris?"))\n',
    });
    const calls = (await callsOf(repo)).get('examples/weather.py')!;
    const decorators = calls.filter((c) => c.decorator);
    // In source order; the function nothing takes (`unused`) adds no call.
    expect(decorators.map((c) => [c.callee, c.decorator, c.site.start, c.assignedTo])).toEqual([
      ['function_tool', 'bare', lineOf(repo, 'examples/weather.py', '@function_tool\ndef get_weather'.split('\n')[0]), ['get_weather']],
      ['function_tool', 'call', lineOf(repo, 'examples/weather.py', '@function_tool(name_override'), ['get_time']],
      ['input_guardrail', 'bare', lineOf(repo, 'examples/weather.py', '@input_guardrail'), ['no_math']],
    ]);
    for (const c of decorators) expect(c.resolution.kind).toBe('repo');
    // The agent takes what the decorators made: data flow from each of them.
    const agent = calls.find((c) => c.callee === 'Agent')!;
    expect(agent.uses).toEqual(expect.arrayContaining(['get_weather', 'get_time', 'no_math']));
  });

  it('writes a decorator as the user does (`@function_tool`), a step that defines what it makes', async () => {
    const repo = write({
      ...PKG,
      'README.md':
        '# pkg\n\n## Give an agent tools\n\n```python\nfrom pkg import Agent, Runner, function_tool\n\n@function_tool\ndef get_weather(city: str) -> str:\n    return city\n\n' +
        'agent = Agent(name="w", tools=[get_weather])\nRunner.run_sync(agent, "Paris?")\nagent.save("agent.json")\n```\n',
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-deco-')), name: 'acme_pkg', all: true });
    const steps = m.workflows.flatMap((w) => w.steps.flatMap((s) => s.calls.map((c) => ({ title: s.title, api: c.apiCall, call: c.call }))));
    const tool = steps.find((s) => s.call.decorator)!;
    // The tool is built for the agent: part of the step that creates it.
    expect(tool.title).toBe('Create Agent');
    expect(tool.api).toBe('@function_tool');
    expect(tool.call.site).toMatchObject({ path: 'README.md', start: lineOf(repo, 'README.md', '@function_tool') });
  });

  it('a bare decorator that is a method of an object of the library registers the function with it, comment or not', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/__init__.py': 'from .cap import Capability, Agent\n',
      'pkg/cap.py':
        'class Capability:\n    def __init__(self, id=None):\n        self.id = id\n\n    def tool(self, fn):\n        return fn\n\n    def instructions(self, fn):\n        return fn\n\n\n' +
        'class Agent:\n    def __init__(self, caps=()):\n        self.caps = caps\n\n    def run(self, prompt):\n        return prompt\n',
      'examples/bank.py':
        'import functools\nimport pytest\nfrom pkg import Capability, Agent\n\nctx = Capability[int](id="c")\n\n\n@ctx.instructions\ndef add_name(c) -> str:\n    return "x"\n\n\n' +
        '@ctx.tool  # the signature becomes the schema\ndef balance(c, pending: bool) -> float:\n    return 1.0\n\n\n' +
        '@pytest.mark.slow\ndef check():\n    pass\n\n\n@functools.cache\ndef cached():\n    return 1\n\n\n' +
        'agent = Agent(caps=[ctx])\nprint(agent.run("hi"))\n',
    });
    const calls = (await callsOf(repo)).get('examples/bank.py')!;
    // A module's decorator (`@pytest.mark.slow`, `@functools.cache`) registers nothing with an object.
    expect(calls.filter((c) => c.decorator).map((c) => [c.callee, c.decorator, c.decorates, c.site.start, c.resolution.kind])).toEqual([
      ['ctx.instructions', 'bare', 'add_name', lineOf(repo, 'examples/bank.py', '@ctx.instructions'), 'repo'],
      ['ctx.tool', 'bare', 'balance', lineOf(repo, 'examples/bank.py', '@ctx.tool'), 'repo'],
    ]);
  });
});
