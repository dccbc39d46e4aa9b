import { describe, expect, it } from 'vitest';
import {
  extractCodeBlocks,
  firstHeadingAndParagraph,
  markdownHeadings,
  mayHoldCodeBlock,
  shellCommandOf,
} from '../src/lang/markdown/codeblocks.js';
import { MarkdownTooDeepError } from '../src/lang/markdown/nesting.js';
import { lineColumnAt, normaliseNewlines, splitLines } from '../src/text/lines.js';

const README = [
  '# Tinytune', // 1
  '', // 2
  'Fine-tune **small** models with `LoRA`.', // 3
  '', // 4
  '## Quick start', // 5
  '', // 6
  'Install, then load a model:', // 7
  '', // 8
  '```python', // 9
  '!pip install tinytune', // 10
  'from tinytune import load', // 11
  'model = load("tiny")', // 12
  '```', // 13
  '', // 14
  'The model is now on the GPU.', // 15
  '', // 16
  'Second paragraph, not "after".', // 17
  '', // 18
  '### Training', // 19
  '', // 20
  '```py title="train.py"', // 21
  'trainer.train()', // 22
  '```', // 23
  '', // 24
  '```json', // 25
  '{"a": 1}', // 26
  '```', // 27
  '', // 28
  'After json, so not after the py block.', // 29
  '',
].join('\n');

describe('extractCodeBlocks', () => {
  it('lifts python blocks with heading path, prose and the paragraph after', () => {
    const blocks = extractCodeBlocks(README, 'README.md');
    expect(blocks).toHaveLength(2);
    const [quick, train] = blocks;
    expect(quick.language).toBe('python');
    expect(quick.info).toBe('python');
    expect(quick.startLine).toBe(10);
    expect(quick.heading).toBe('Quick start');
    expect(quick.headingPath).toEqual(['Tinytune', 'Quick start']);
    expect(quick.prose).toBe('Install, then load a model:');
    expect(quick.after).toBe('The model is now on the GPU.');
    expect(quick.source.origin).toBe('README.md');
    expect(quick.source.text).toBe('\nfrom tinytune import load\nmodel = load("tiny")');
    expect(quick.source.lines).toEqual([{ line: 10 }, { line: 11 }, { line: 12 }]);
    expect(quick.source.shell).toEqual([{ line: 10, command: 'pip install tinytune' }]);

    expect(train.info).toBe('py title="train.py"');
    expect(train.startLine).toBe(22);
    expect(train.headingPath).toEqual(['Tinytune', 'Quick start', 'Training']);
    expect(train.prose).toBe('');
    // A following code block (even an ignored json one) ends the wait for `after`.
    expect(train.after).toBe('');
  });

  it('heads the blocks of a collapsible part that names what it holds by its summary, in the section around it', () => {
    const md = [
      '## Examples', // 1
      '',
      'Each one shows a use:',
      '',
      '<details><summary><b>Support triage</b>', // 5
      '<br>This example turns an email into a ticket.',
      '</summary>',
      '',
      '```python',
      'triage()', // 10
      '```',
      '</details>',
      '<details>',
      '<summary>Show code:</summary>',
      '', // 15
      '```python',
      'more()',
      '```',
      '</details>',
      '', // 20
      '```python',
      'after()',
      '```',
      '',
    ].join('\n');
    const blocks = extractCodeBlocks(md, 'README.md');
    expect(blocks.map((b) => [b.startLine, b.heading, b.headingLine, b.headingPath.length, b.prose])).toEqual([
      // (Still in the heading's section: a part may be a tab of its example.)
      [10, 'Support triage', 1, 2, 'This example turns an email into a ticket.'],
      // "Show code:" only hides more of the section around it; after `</details>` the section goes on.
      [17, 'Examples', 1, 1, ''],
      [22, 'Examples', 1, 1, ''],
    ]);
  });

  it('flattens inline markup in headings and prose', () => {
    const md = '# The `Trainer` [API](x) ![badge](b.svg)\n\nUse **it**\nwell.\n\n```python\nx()\n```\n';
    const [b] = extractCodeBlocks(md, 'docs/a.md');
    expect(b.heading).toBe('The Trainer API');
    expect(b.prose).toBe('Use it well.');
  });

  it("reads a value the reader fills in (`<path_to_adapter>`) as the name it spells, or `...`; comparisons and other languages stay", () => {
    const md = [
      '```python',
      'm = Model.from_pretrained(base, <path_to_adapter1>)',
      'm.load_adapter(<your adapter id>, adapter_name="other")',
      'token = <HF_TOKEN>  # from your settings',
      'ok = a < b and c > d',
      'f(x<y, z>w)',
      '```',
      '',
      '```ts',
      'const t = f(<string>x);',
      '```',
    ].join('\n');
    const [py, ts] = extractCodeBlocks(md, 'docs/a.md');
    expect(py.source.text.split('\n')).toEqual([
      'm = Model.from_pretrained(base, path_to_adapter1)',
      'm.load_adapter(..., adapter_name="other")',
      'token = HF_TOKEN  # from your settings',
      'ok = a < b and c > d',
      'f(x<y, z>w)',
    ]);
    expect(py.source.lines.map((l) => l.line)).toEqual([2, 3, 4, 5, 6]);
    expect(ts.source.text).toBe('const t = f(<string>x);');
  });

  it('fills the placeholders of an untagged block too, which is read as Python when it parses (segment-anything\'s quick start)', () => {
    const md = ['```', 'predictor = SamPredictor(sam)', 'predictor.set_image(<your_image>)', 'masks, _, _ = predictor.predict(<input_prompts>)', '```'].join('\n');
    const [b] = extractCodeBlocks(md, 'README.md');
    expect(b.language).toBe('untagged');
    expect(b.source.text.split('\n')).toEqual(['predictor = SamPredictor(sam)', 'predictor.set_image(your_image)', 'masks, _, _ = predictor.predict(input_prompts)']);
    expect(b.source.lines.map((l) => l.line)).toEqual([2, 3, 4]);
  });

  it('strips pycon prompts, drops output lines and keeps the mapping', () => {
    const md = [
      '# Session', // 1
      '```pycon', // 2
      '>>> import tinytune', // 3
      '>>> m = tinytune.load(', // 4
      '...     "tiny")', // 5
      '>>> m.size', // 6
      '42', // 7
      '>>>', // 8
      '>>> m.save("out")', // 9
      '```',
    ].join('\n');
    const [b] = extractCodeBlocks(md, 'README.md');
    expect(b.source.text).toBe('import tinytune\nm = tinytune.load(\n    "tiny")\nm.size\n\nm.save("out")');
    expect(b.source.lines.map((l) => l.line)).toEqual([3, 4, 5, 6, 8, 9]);
  });

  it('treats a python block that starts with >>> as a session, and an untagged one too', () => {
    const md = '```python\n\n>>> a = 1\n1\n```\n\n```\n>>> b()\nout\n```\n';
    const [py, untagged] = extractCodeBlocks(md, 'README.md');
    expect(py.source.text).toBe('a = 1');
    expect(py.source.lines).toEqual([{ line: 3 }]);
    expect(untagged.language).toBe('untagged');
    expect(untagged.source.text).toBe('b()');
    expect(untagged.source.lines).toEqual([{ line: 8 }]);
  });

  it('reads a session that opens with a comment, and continuation lines written without `...`', () => {
    const md = [
      '```python', // 1
      '# Run a job', // 2
      '>>> from tinyhub import run_job, Client', // 3
      '>>> run_job(', // 4
      '...     image="py",', // 5
      '... )', // 6
      '>>> c = Client(', // 7
      '    provider="x",', // 8
      '    note="a ) in a string",', // 9
      ')', // 10
      '>>> c.ask("""two', // 11
      'lines (""")', // 12
      "'output, not code'", // 13
      '>>> c', // 14
      'Client(provider="x")', // 15
      '```',
    ].join('\n');
    const [b] = extractCodeBlocks(md, 'docs/jobs.md');
    expect(b.source.text).toBe(
      'from tinyhub import run_job, Client\nrun_job(\n    image="py",\n)\nc = Client(\n    provider="x",\n    note="a ) in a string",\n)\nc.ask("""two\nlines (""")\nc',
    );
    expect(b.source.lines.map((l) => l.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]);
  });

  it('reads `>>> ` as the prompt of a shell block that uses it: the lines after one are output', () => {
    const md = ['```bash', '>>> tool download gpt2 config.json', '/home/me/.cache/tool/config.json', '>>> tool upload x', 'done', '```'].join('\n');
    const [b] = extractCodeBlocks(md, 'docs/cli.md');
    expect(b.source.shell).toEqual([
      { line: 2, command: 'tool download gpt2 config.json' },
      { line: 4, command: 'tool upload x' },
    ]);
  });

  it('finds fences inside lists and blockquotes, ~~~ fences, and maps lines through the indentation', () => {
    const md = [
      '# Steps', // 1
      '', // 2
      '1. First load:', // 3
      '', // 4
      '   ```python', // 5
      '   model = load()', // 6
      '   if model:', // 7
      '       model.fit()', // 8
      '   ```', // 9
      '', // 10
      '> ~~~ts', // 11
      '> client.run();', // 12
      '> ~~~', // 13
    ].join('\n');
    const [py, ts] = extractCodeBlocks(md, 'docs/steps.md');
    expect(py.startLine).toBe(6);
    expect(py.source.text).toBe('model = load()\nif model:\n    model.fit()');
    expect(py.source.lines.map((l) => l.line)).toEqual([6, 7, 8]);
    expect(py.prose).toBe('First load:');
    expect(ts.language).toBe('typescript');
    expect(ts.startLine).toBe(12);
    expect(ts.source.text).toBe('client.run();');
  });

  it('ignores indented code blocks and unknown languages, returns untagged and shell blocks', () => {
    const md = '# A\n\n    indented()\n\n```yaml\na: 1\n```\n\n```\nplain()\n```\n\n```console\n$ pip install a \\\n    b\nCollecting a\n```\n';
    const blocks = extractCodeBlocks(md, 'README.md');
    expect(blocks.map((b) => b.language)).toEqual(['untagged', 'shell']);
    expect(blocks[0].source.text).toBe('plain()');
    expect(blocks[1].source.shell).toEqual([{ line: 14, endLine: 15, command: 'pip install a b' }]);
  });

  it('reads an indented or untagged block that starts with a `$ ` prompt as a console session', () => {
    const md = [
      '# A', // 1
      '', // 2
      '    $ tool memory dogs.csv "select 1"', // 3
      '    [{"1": 1}]', // 4
      '', // 5
      '    $ curl https://example.org/x \\', // 6
      '        | tool insert x.db x -', // 7
      '', // 8
      '```', // 9
      '$ tool tables x.db', // 10
      'x', // 11
      '```', // 12
      '', // 13
      '    not $ a session', // 14
      '',
    ].join('\n');
    const blocks = extractCodeBlocks(md, 'README.md');
    // Indented lines separated by blank lines are one block (CommonMark); output lines are not commands.
    expect(blocks.map((b) => [b.language, b.startLine, b.info])).toEqual([['shell', 3, ''], ['shell', 10, '']]);
    expect(blocks.flatMap((b) => b.source.shell)).toEqual([
      { line: 3, command: 'tool memory dogs.csv "select 1"' },
      { line: 6, endLine: 7, command: 'curl https://example.org/x | tool insert x.db x -' },
      { line: 10, command: 'tool tables x.db' },
    ]);
  });

  it('reads a block shown as plain text that starts with a `$ ` prompt as a console session, and no other', () => {
    const md = [
      '```text', // 1
      '$ tool run generate --config a.yaml', // 2
      'Tell me a joke.', // 3
      '```', // 4
      '', // 5
      '```txt', // 6
      'tool run generate', // 7
      '```', // 8
      '', // 9
      '```yaml', // 10
      '$ not: shell', // 11
      '```', // 12
      '',
    ].join('\n');
    const blocks = extractCodeBlocks(md, 'docs/a.md');
    // The output line is no command; a text block with no prompt is prose, a YAML block stays YAML (not read).
    expect(blocks.map((b) => [b.language, b.startLine, b.info])).toEqual([['shell', 2, 'text']]);
    expect(blocks[0].source.shell).toEqual([{ line: 2, command: 'tool run generate --config a.yaml' }]);
  });

  it('skips the parse of a page that cannot hold a block, with the same answers', () => {
    const prose = '# Guide\n\nSome *prose* with `code` and a [link](x).\n\n    indented output\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    expect(mayHoldCodeBlock(prose)).toBe(false);
    expect(extractCodeBlocks(prose, 'docs/a.md')).toEqual([]);
    // A fence (in a list, with tildes) or an indented `$ ` session keeps the parse.
    for (const md of ['- x\n\n  ```py\n  import a\n  ```\n', '~~~python\nimport a\n~~~\n', '# A\n\n    $ tool run\n']) {
      expect(mayHoldCodeBlock(md)).toBe(true);
      expect(extractCodeBlocks(md, 'docs/a.md')).toHaveLength(1);
    }
    // A page too deep is still refused without the parse.
    expect(() => extractCodeBlocks(`${'>'.repeat(150)} deep\n`, 'docs/a.md')).toThrow(MarkdownTooDeepError);
  });

  it('blanks shell lines in python blocks, keeping the line count (indented ones become pass)', () => {
    const md = [
      '```python', // 1
      '%pip install -q tinytune', // 2
      '$ pip install extra', // 3
      'pip install other', // 4
      'import os', // 5
      'if "COLAB" in os.environ:', // 6
      '    !pip install colab-extra \\', // 7
      '        more', // 8
      'python -m tinytune.cli --help', // 9
      'print(pip)', // 10
      '```',
    ].join('\n');
    const [b] = extractCodeBlocks(md, 'README.md');
    expect(b.source.text.split('\n')).toEqual([
      '',
      '',
      '',
      'import os',
      'if "COLAB" in os.environ:',
      '    pass',
      '',
      '',
      'print(pip)',
    ]);
    expect(b.source.lines).toHaveLength(9);
    expect(b.source.shell).toEqual([
      { line: 2, command: 'pip install -q tinytune' },
      { line: 3, command: 'pip install extra' },
      { line: 4, command: 'pip install other' },
      { line: 7, endLine: 8, command: 'pip install colab-extra more' },
      { line: 9, command: 'python -m tinytune.cli --help' },
    ]);
  });

  it('honours CRLF line endings, a BOM and the caller language lists', () => {
    const md = '\uFEFF# T\r\n\r\n```Python3\r\na = 1\r\nb = 2\r\n```\r\n\r\n```js\r\nx()\r\n```\r\n';
    const blocks = extractCodeBlocks(md, 'README.md', { python: ['python3'], typescript: [] });
    expect(blocks).toHaveLength(1);
    expect(blocks[0].startLine).toBe(4);
    expect(blocks[0].source.text).toBe('a = 1\nb = 2');
    expect(blocks[0].source.lines).toEqual([{ line: 4 }, { line: 5 }]);
  });

  it('handles an empty block and an unclosed fence', () => {
    const md = '```python\n```\n\n```python\nopen_fence()';
    const blocks = extractCodeBlocks(md, 'README.md');
    expect(blocks[0].source.text).toBe('');
    expect(blocks[0].source.lines).toEqual([]);
    expect(blocks[1].source.text).toBe('open_fence()');
    expect(blocks[1].source.lines).toEqual([{ line: 5 }]);
  });
});

describe('front matter', () => {
  const page = [
    '---',
    'title: "Customizing errors"',
    'description: Guide to customizing validation error messages',
    '---',
    '',
    '```python',
    'import pkg',
    '```',
    '',
    '## Per-field errors',
    '',
    'Pass a message.',
    '',
    '```python',
    'pkg.check()',
    '```',
    '',
  ].join('\n');

  it('is no heading: its title heads the page as its level-1 heading, and lines keep their numbers', () => {
    const blocks = extractCodeBlocks(page, 'docs/errors.mdx');
    expect(blocks.map((b) => [b.heading, b.pageTitle, b.startLine])).toEqual([
      ['Customizing errors', 'Customizing errors', 7],
      ['Per-field errors', 'Customizing errors', 15],
    ]);
    expect(markdownHeadings(page)).toEqual([
      { depth: 1, text: 'Customizing errors', line: 1 },
      { depth: 2, text: 'Per-field errors', line: 10 },
    ]);
    // A thematic break later in a page is no front matter.
    expect(extractCodeBlocks('# Title\n\n---\nnot: yaml\n---\n\n```python\nx = 1\n```\n', 'a.md')[0].heading).toBe('not: yaml');
  });

  it("gives every block the page's summary (`description:`), one line or a folded block, with its line", () => {
    expect(extractCodeBlocks(page, 'docs/errors.mdx').map((b) => b.pageSummary)).toEqual([
      { text: 'Guide to customizing validation error messages', line: 3 },
      { text: 'Guide to customizing validation error messages', line: 3 },
    ]);
    const folded = ['---', 'title: Retrying', 'description: >-', '  Learn how to retry', '  with backoff.', 'tags: [a]', '---', '', '```python', 'x = 1', '```', ''].join('\n');
    expect(extractCodeBlocks(folded, 'docs/retry.md')[0].pageSummary).toEqual({ text: 'Learn how to retry with backoff.', line: 3 });
    expect(extractCodeBlocks('# Title\n\n```python\nx = 1\n```\n', 'a.md')[0].pageSummary).toBeUndefined();
  });
});

describe('shellCommandOf', () => {
  it('tells shell lines from code', () => {
    expect(shellCommandOf('!ls -la', 'python')).toBe('ls -la');
    expect(shellCommandOf('%matplotlib inline', 'python')).toBe('%matplotlib inline');
    expect(shellCommandOf('pip = 3', 'python')).toBeUndefined();
    expect(shellCommandOf('git clone https://x', 'python')).toBe('git clone https://x');
    expect(shellCommandOf('!flag && run()', 'typescript')).toBeUndefined();
    expect(shellCommandOf('npm install acme', 'typescript')).toBe('npm install acme');
  });
});

describe('markdownHeadings / firstHeadingAndParagraph', () => {
  it('lists ATX and setext headings with lines', () => {
    const md = '# One\n\nTwo\n---\n\n### `three`\n';
    expect(markdownHeadings(md)).toEqual([
      { depth: 1, text: 'One', line: 1 },
      { depth: 2, text: 'Two', line: 3 },
      { depth: 3, text: 'three', line: 6 },
    ]);
  });

  it("drops a heading's attribute block (MkDocs attr_list, Pandoc), for the headings of blocks too", () => {
    const md = '# Tools {: .title }\n\n## LangChain Tools {#langchain-tools}\n\n```python\nfrom acme import tool\ntool()\n```\n\n## Sets {a, b}\n';
    expect(markdownHeadings(md).map((h) => h.text)).toEqual(['Tools', 'LangChain Tools', 'Sets {a, b}']);
    const [block] = extractCodeBlocks(md, 'docs/tools.md');
    expect(block.heading).toBe('LangChain Tools');
    expect(block.pageTitle).toBe('Tools');
  });

  it('skips badge rows and link lists for the summary', () => {
    const md = [
      '# Tinytune',
      '',
      '[![PyPI](https://img/pypi.svg)](https://pypi.org/x) [![CI](https://img/ci.svg)](https://ci)',
      '',
      '[Docs](https://docs) | [Discord](https://discord)',
      '',
      'Tinytune makes **LoRA** fine-tuning [fast](https://x).',
    ].join('\n');
    expect(firstHeadingAndParagraph(md)).toEqual({
      title: 'Tinytune',
      paragraph: 'Tinytune makes LoRA fine-tuning fast.',
    });
  });

  it('reads an HTML title and stops at a non-intro section', () => {
    const md = '<h1 align="center">\n  <img src="logo.png"> Acme\n</h1>\n\n## Installation\n\nRun pip.\n';
    expect(firstHeadingAndParagraph(md)).toEqual({ title: 'Acme' });
    const md2 = '# Acme\n\n## Overview\n\nAcme does things.\n';
    expect(firstHeadingAndParagraph(md2)).toEqual({ title: 'Acme', paragraph: 'Acme does things.' });
  });
});

describe('text/lines', () => {
  it('splits on \\n, \\r\\n and lone \\r like Python', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\n')).toEqual(['a']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
    expect(splitLines('')).toEqual([]);
    expect(normaliseNewlines('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('gives line and column of an offset', () => {
    const text = 'ab\r\ncd\ref';
    expect(lineColumnAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt(text, 5)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt(text, 8)).toEqual({ line: 3, column: 2 });
  });
});

describe('prose of consecutive blocks', () => {
  it('gives a block only the paragraphs since the previous block', () => {
    const md = '## Quickstart\n\nInstall it first.\n\n```python\nimport a\n```\n\nThen load a model:\n\n```python\na.load()\n```\n';
    const [first, second] = extractCodeBlocks(md, 'README.md');
    expect(first.prose).toBe('Install it first.');
    // A paragraph that ends on a colon leads in to the next block: not the first block's `after`.
    expect(first.after).toBe('');
    expect(second.prose).toBe('Then load a model:');
    const [before] = extractCodeBlocks('## Quickstart\n\n```python\nimport a\n```\n\nThe model is ready.\n\n```python\na.load()\n```\n', 'README.md');
    expect(before.after).toBe('The model is ready.');
    expect(second.heading).toBe('Quickstart');
  });
});
