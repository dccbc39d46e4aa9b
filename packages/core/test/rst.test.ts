import { describe, expect, it } from 'vitest';
import type { CodeBlock } from '../src/lang/markdown/codeblocks.js';
import { extractRstCodeBlocks } from '../src/lang/markdown/rst.js';
import { splitLines, stripBom } from '../src/text/lines.js';

const rst = (...lines: string[]) => lines.join('\n');

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const lines = splitLines(stripBom(text));
  for (let i = 0; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`not found: ${needle}`);
}

/**
 * Every code line maps to a line of the .rst file that really holds it (blanked shell lines: the shell
 * command's line holds the command), and `startLine` is a non-blank line holding the first code line.
 */
function expectMapped(text: string, block: CodeBlock): void {
  const file = splitLines(stripBom(text));
  const at = (line: number) => file[line - 1] ?? '';
  const code = block.source.lines.length === 0 ? [] : block.source.text.split('\n');
  expect(code).toHaveLength(block.source.lines.length);
  // Blanked shell lines read '' (or `pass` when indented): their command is checked below.
  const isCode = (c: string) => c.trim() !== '' && c.trim() !== 'pass';
  code.forEach((c, i) => {
    if (isCode(c)) expect(at(block.source.lines[i].line)).toContain(c.trim());
  });
  for (const s of block.source.shell) expect(at(s.line)).toContain(s.command.split(' ')[0]);
  expect(at(block.startLine).trim()).not.toBe('');
  const first = code.findIndex(isCode);
  if (first >= 0 && block.source.lines[first].line === block.startLine) expect(at(block.startLine)).toContain(code[first].trim());
}

describe('extractRstCodeBlocks: sections', () => {
  const DOC = rst(
    '==========',
    ' Tinytune',
    '==========',
    '',
    'Fine-tune small models.',
    '',
    'Install',
    '=======',
    '',
    '.. code-block:: python',
    '',
    '   import tinytune',
    '',
    'From source',
    '-----------',
    '',
    '.. code-block:: python',
    '',
    '   build()',
    '',
    'Usage',
    '=====',
    '',
    '.. code-block:: python',
    '',
    '   use()',
  );

  it('ranks title styles by first appearance: an overline style differs from the same underline', () => {
    const blocks = extractRstCodeBlocks(DOC, 'docs/index.rst');
    expect(blocks.map((b) => b.headingPath)).toEqual([
      ['Tinytune', 'Install'],
      ['Tinytune', 'Install', 'From source'],
      ['Tinytune', 'Usage'],
    ]);
    expect(blocks.map((b) => b.pageTitle)).toEqual(['Tinytune', 'Tinytune', 'Tinytune']);
    expect(blocks.map((b) => b.heading)).toEqual(['Install', 'From source', 'Usage']);
    expect(blocks.map((b) => b.headingLine)).toEqual([lineOf(DOC, 'Install'), lineOf(DOC, 'From source'), lineOf(DOC, 'Usage')]);
    expect(blocks[0].startLine).toBe(lineOf(DOC, 'import tinytune'));
    for (const b of blocks) expectMapped(DOC, b);
  });

  it('takes the first style seen as the page title level, and none before any title', () => {
    const text = rst(
      '.. code-block:: python',
      '',
      '   before()',
      '',
      'The ``Trainer`` :class:`~tinytune.API`',
      '*************************************',
      '',
      'Fit',
      '~~~',
      '',
      '.. code-block:: python',
      '',
      '   fit()',
    );
    const [before, fit] = extractRstCodeBlocks(text, 'a.rst');
    expect(before.headingPath).toEqual([]);
    expect(before.headingLine).toBe(0);
    expect(before.heading).toBeUndefined();
    expect(before.pageTitle).toBeUndefined();
    expect(fit.headingPath).toEqual(['The Trainer API', 'Fit']);
    expect(fit.pageTitle).toBe('The Trainer API');
    expect(fit.headingLine).toBe(lineOf(text, 'Fit'));
    expectMapped(text, before);
    expectMapped(text, fit);
  });

  it('has no page title when the blocks stand under a lower level only', () => {
    const text = rst('Top', '===', '', 'Sub', '---', '', 'Other top', '=========', '', 'Sub again', '---------', '', '::', '', '    x = 1');
    const [b] = extractRstCodeBlocks(text, 'a.rst');
    expect(b.headingPath).toEqual(['Other top', 'Sub again']);
    expect(b.pageTitle).toBe('Other top');
    const noTop = rst('A', '-', '', 'B', '=', '', 'C', '-', '', '::', '', '    x = 1');
    // `-` came first: it is level 1, `=` level 2; `C` (level 1) pops `B` (level 2) too.
    expect(extractRstCodeBlocks(noTop, 'a.rst')[0].headingPath).toEqual(['C']);
  });

  it('reads a transition as a separator, a 2-character underline as text, and a 3-character one as a title', () => {
    const text = rst(
      'Title',
      '=====',
      '',
      'First paragraph.',
      '',
      '----------',
      '',
      'A long paragraph line',
      '==',
      '',
      'Also a title even if short',
      '---',
      '',
      '.. code-block:: python',
      '',
      '   x = 1',
    );
    const [b] = extractRstCodeBlocks(text, 'a.rst');
    expect(b.headingPath).toEqual(['Title', 'Also a title even if short']);
    expect(b.headingLine).toBe(lineOf(text, 'Also a title'));
    const [c] = extractRstCodeBlocks(text.replace('Also a title even if short\n---\n', ''), 'a.rst');
    expect(c.heading).toBe('Title');
    expect(c.paragraphs.map((p) => p.text)).toEqual(['First paragraph.', 'A long paragraph line ==']);
  });
});

describe('extractRstCodeBlocks: code directives', () => {
  it('reads code-block options, nested directives in tabs and notes, and dedents the content', () => {
    const text = rst(
      'Quick start',
      '===========',
      '',
      '.. tab-set::',
      '',
      '   .. tab-item:: PyTorch',
      '      :sync: pt',
      '',
      '      Load with **torch**:',
      '',
      '      .. code-block:: python',
      '         :caption: load.py',
      '         :emphasize-lines: 2',
      '         :linenos:',
      '',
      '         import torch',
      '         if torch.cuda.is_available():',
      '             model.cuda()',
      '',
      '',
      '      It runs on the GPU.',
      '',
      '.. note:: Tabs and notes hold',
      '   ordinary text.',
      '',
      '   .. sourcecode:: py',
      '',
      '      note_code()',
      'Not code any more.',
    );
    const [tab, note] = extractRstCodeBlocks(text, 'docs/quick.rst');
    expect(tab.language).toBe('python');
    expect(tab.info).toBe('python');
    expect(tab.startLine).toBe(lineOf(text, 'import torch'));
    expect(tab.source.text).toBe('import torch\nif torch.cuda.is_available():\n    model.cuda()');
    expect(tab.source.lines.map((l) => l.line)).toEqual(['import torch', 'if torch', 'model.cuda'].map((c) => lineOf(text, c)));
    expect(tab.prose).toBe('Load with torch:');
    expect(tab.after).toBe('It runs on the GPU.');
    expect(tab.heading).toBe('Quick start');
    expectMapped(text, tab);
    expect(note.info).toBe('py');
    expect(note.source.text).toBe('note_code()');
    // Like Markdown: the paragraph after a block is also prose of the next one.
    expect(note.prose).toBe('It runs on the GPU. Tabs and notes hold ordinary text.');
    expect(note.paragraphs).toEqual([
      { text: 'It runs on the GPU.', line: lineOf(text, 'It runs on') },
      { text: 'Tabs and notes hold ordinary text.', line: lineOf(text, '.. note::') },
      { text: 'Not code any more.', line: lineOf(text, 'Not code'), after: true },
    ]);
    expect(note.after).toBe('Not code any more.');
    expectMapped(text, note);
  });

  it('reads code and code-block with no language as untagged (a console session as shell)', () => {
    const text = rst('.. code::', '', '   x = compute()', '', '.. code-block::', '', '   $ tool run', '   output');
    const [plain, session] = extractRstCodeBlocks(text, 'a.rst');
    expect(plain.language).toBe('untagged');
    expect(plain.info).toBe('');
    expect(session.language).toBe('shell');
    expect(session.source.shell).toEqual([{ line: lineOf(text, '$ tool run'), command: 'tool run' }]);
    expectMapped(text, plain);
    expectMapped(text, session);
  });

  it('reads a code-block shown as text as a console session when its first line is behind a `$ ` prompt', () => {
    const text = rst('.. code-block:: text', '', '   $ tool run eleuther_eval --config ./eval.yaml', '   [evaluator.py:324] Running requests', '', '.. code-block:: text', '', '   tool run eleuther_eval');
    const blocks = extractRstCodeBlocks(text, 'a.rst');
    expect(blocks).toHaveLength(1);
    expect(blocks[0].language).toBe('shell');
    expect(blocks[0].source.shell).toEqual([{ line: lineOf(text, '$ tool run'), command: 'tool run eleuther_eval --config ./eval.yaml' }]);
    expectMapped(text, blocks[0]);
  });

  it('lifts testcode as python and a doctest directive as a session without prompts or output', () => {
    const text = rst(
      '.. testcode::',
      '',
      '   import tinytune',
      '   print(tinytune.VERSION)',
      '',
      '.. testoutput::',
      '',
      '   1.0',
      '',
      '.. doctest::',
      '',
      '   >>> m = tinytune.load(',
      '   ...     "tiny")',
      '   >>> m.size',
      '   42',
      '   >>>',
      '   >>> m.save("out")',
    );
    const [testcode, doctest] = extractRstCodeBlocks(text, 'a.rst');
    expect(testcode.language).toBe('python');
    expect(testcode.source.text).toBe('import tinytune\nprint(tinytune.VERSION)');
    expectMapped(text, testcode);
    expect(doctest.language).toBe('python');
    expect(doctest.source.text).toBe('m = tinytune.load(\n    "tiny")\nm.size\n\nm.save("out")');
    expect(doctest.source.lines.map((l) => l.line)).toEqual([
      lineOf(text, '>>> m = tinytune.load('),
      lineOf(text, '"tiny")'),
      lineOf(text, '>>> m.size'),
      lineOf(text, '42') + 1,
      lineOf(text, 'm.save'),
    ]);
    expect(doctest.startLine).toBe(lineOf(text, '>>> m = tinytune.load('));
    expectMapped(text, doctest);
  });

  it('reads a bare >>> paragraph as a python session ending at the blank line', () => {
    const text = rst(
      'Try it:',
      '',
      '    >>> from tinytune import load',
      '    >>> load("tiny").size',
      '    42',
      '',
      'Then more prose.',
    );
    const [b] = extractRstCodeBlocks(text, 'a.rst');
    expect(b.language).toBe('python');
    expect(b.source.text).toBe('from tinytune import load\nload("tiny").size');
    expect(b.source.lines.map((l) => l.line)).toEqual([lineOf(text, '>>> from'), lineOf(text, '>>> load(')]);
    expect(b.prose).toBe('Try it:');
    expect(b.after).toBe('Then more prose.');
    expectMapped(text, b);
  });

  it('strips ipython prompts, drops Out lines and pseudo-decorators', () => {
    const text = rst(
      '.. ipython:: python',
      '',
      '   In [1]: def f(x):',
      '      ...:     return x * 2',
      '      ...:',
      '',
      '   @savefig plot.png',
      '   In [2]: f(21)',
      '   Out[2]: 42',
      '',
      '.. ipython::',
      '',
      '   @suppress',
      '   import numpy as np',
      '   %timeit np.zeros(3)',
      '',
      '.. code-block:: ipython',
      '',
      '   In [3]: g = 1',
    );
    const [prompted, plain, lexer] = extractRstCodeBlocks(text, 'a.rst');
    expect(prompted.language).toBe('python');
    expect(prompted.info).toBe('python');
    expect(prompted.source.text).toBe('def f(x):\n    return x * 2\n\nf(21)');
    expect(prompted.source.lines.map((l) => l.line)).toEqual([
      lineOf(text, 'In [1]'),
      lineOf(text, 'return x'),
      lineOf(text, 'return x') + 1,
      lineOf(text, 'In [2]'),
    ]);
    expectMapped(text, prompted);
    expect(plain.info).toBe('');
    expect(plain.source.text).toBe('\nimport numpy as np\n');
    expect(plain.source.shell).toEqual([{ line: lineOf(text, '%timeit'), command: '%timeit np.zeros(3)' }]);
    expectMapped(text, plain);
    expect(lexer.source.text).toBe('g = 1');
    expectMapped(text, lexer);
  });

  it('gives code-block without language the highlight default, and never reads commented-out code', () => {
    const text = rst(
      '.. highlight:: python3',
      '',
      '..',
      '   .. code-block:: python',
      '',
      '      hidden()',
      '',
      '.. .. code-block:: python',
      '',
      '.. code-block::',
      '',
      '   shown()',
      '',
      '.. code-tab:: py',
      '',
      '   tabbed()',
    );
    const blocks = extractRstCodeBlocks(text, 'a.rst');
    expect(blocks.map((b) => [b.language, b.info, b.source.text])).toEqual([
      ['python', '', 'shown()'],
      ['python', 'py', 'tabbed()'],
    ]);
    for (const b of blocks) expectMapped(text, b);
  });

  it('lifts jupyter-execute as python and skips options before the content', () => {
    const text = rst('.. jupyter-execute::', '   :hide-output:', '', '   print(1)');
    const [b] = extractRstCodeBlocks(text, 'a.rst');
    expect([b.language, b.source.text, b.startLine]).toEqual(['python', 'print(1)', lineOf(text, 'print(1)')]);
    expectMapped(text, b);
  });

  it('skips unknown languages and opaque directives; an unknown block still ends the wait for after', () => {
    const text = rst(
      '.. code-block:: python',
      '',
      '   run()',
      '',
      '.. code-block:: yaml',
      '',
      '   key: value',
      '',
      'About the yaml, not the python.',
      '',
      '.. literalinclude:: ../examples/train.py',
      '   :language: python',
      '   :lines: 1-10',
      '',
      '.. image:: logo.png',
      '   :alt: Logo text is not prose',
      '',
      '.. toctree::',
      '   :maxdepth: 2',
      '',
      '   install',
      '   usage',
      '',
      '.. autoclass:: tinytune.Trainer',
      '   :members:',
      '',
      '.. math::',
      '',
      '   E = mc^2',
      '',
      '.. code-block:: json',
      '',
      '   {"a": 1}',
      '',
      '.. code-block:: js',
      '',
      '   client.run();',
    );
    const blocks = extractRstCodeBlocks(text, 'a.rst');
    expect(blocks.map((b) => b.language)).toEqual(['python', 'typescript']);
    expect(blocks[0].after).toBe('');
    // The yaml block's paragraph stays prose of the next block.
    expect(blocks[1].prose).toBe('About the yaml, not the python.');
    expect(blocks[1].info).toBe('js');
    expect(blocks[1].source.text).toBe('client.run();');
    for (const b of blocks) expectMapped(text, b);
  });

  it('gives shell blocks their commands, continuations joined', () => {
    const text = rst(
      '.. code-block:: bash',
      '',
      '   # install the CLI',
      '   pip install tinytune \\',
      '       --upgrade',
      '   tinytune train cfg.yaml',
      '',
      '.. code-block:: console',
      '',
      '   $ tinytune --version',
      '   tinytune 1.0',
    );
    const [bash, consoleBlock] = extractRstCodeBlocks(text, 'a.rst');
    expect(bash.language).toBe('shell');
    expect(bash.source.shell).toEqual([
      { line: lineOf(text, 'pip install'), endLine: lineOf(text, '--upgrade'), command: 'pip install tinytune --upgrade', comment: 'install the CLI' },
      { line: lineOf(text, 'tinytune train'), command: 'tinytune train cfg.yaml' },
    ]);
    expect(consoleBlock.source.shell).toEqual([{ line: lineOf(text, '$ tinytune'), command: 'tinytune --version' }]);
    expectMapped(text, bash);
    expectMapped(text, consoleBlock);
  });

  it('blanks shell lines in python blocks and honours the caller language lists', () => {
    const text = rst('.. code-block:: python', '', '   !pip install tinytune', '   import tinytune', '', '.. code-block:: ts', '', '   run();');
    const [py] = extractRstCodeBlocks(text, 'a.rst');
    expect(py.source.text).toBe('\nimport tinytune');
    expect(py.source.shell).toEqual([{ line: lineOf(text, '!pip'), command: 'pip install tinytune' }]);
    expectMapped(text, py);
    expect(extractRstCodeBlocks(text, 'a.rst', { python: [], typescript: ['ts'] }).map((b) => b.language)).toEqual(['typescript']);
  });
});

describe('extractRstCodeBlocks: literal blocks', () => {
  it('reads :: blocks as untagged, or in the language set by highlight', () => {
    const text = rst(
      'Run this::',
      '',
      '    train()',
      '',
      '.. highlight:: python',
      '',
      'Then this ::',
      '',
      '    evaluate()',
      '',
      '::',
      '',
      '    >>> predict()',
      '    [1]',
      '',
      '.. highlight:: console',
      '',
      'Shell::',
      '',
      '    $ tinytune serve',
      '',
      '.. highlight:: none',
      '',
      'Output::',
      '',
      '    Serving on :8000',
      '',
      'Done.',
    );
    const blocks = extractRstCodeBlocks(text, 'a.rst');
    expect(blocks.map((b) => [b.language, b.info, b.source.text])).toEqual([
      ['untagged', '', 'train()'],
      ['python', '', 'evaluate()'],
      ['python', '', 'predict()'],
      ['shell', '', '$ tinytune serve'],
    ]);
    expect(blocks.map((b) => b.prose)).toEqual(['Run this:', 'Then this', '', 'Shell:']);
    expect(blocks[0].paragraphs).toEqual([
      { text: 'Run this:', line: lineOf(text, 'Run this::') },
      { text: 'Then this', line: lineOf(text, 'Then this'), after: true },
    ]);
    expect(blocks[3].source.shell).toEqual([{ line: lineOf(text, '$ tinytune serve'), command: 'tinytune serve' }]);
    // "Output:" leads in to the `none` block after it (not returned): no `after` of the block above.
    expect(blocks[3].after).toBe('');
    for (const b of blocks) expectMapped(text, b);
  });

  it('reads a literal block in a list item, indented past the item text', () => {
    const text = rst(
      '1. Install::',
      '',
      '      pip install tinytune',
      '',
      '2. Then run::',
      '',
      '     run()',
      '     more()',
      '',
      '   still item two',
    );
    const blocks = extractRstCodeBlocks(text, 'a.rst');
    expect(blocks.map((b) => b.source.text)).toEqual(['pip install tinytune', 'run()\nmore()']);
    expect(blocks.map((b) => b.startLine)).toEqual([lineOf(text, 'pip install'), lineOf(text, 'run()')]);
    expect(blocks[0].prose).toBe('Install:');
    expect(blocks[1].prose).toBe('Then run:');
    expect(blocks[1].after).toBe('still item two');
    for (const b of blocks) expectMapped(text, b);
  });
});

describe('extractRstCodeBlocks: prose', () => {
  it('flattens roles, links, literals, emphasis and substitutions; keeps code in backticks in paragraphs', () => {
    const text = rst(
      'Usage',
      '=====',
      '',
      '|badge| Call :meth:`~tinytune.api.Trainer.fit` on a :class:`tinytune.Trainer`',
      'built from ``load("x")``; see :doc:`the guide <guide/index>`, `PyPI <https://pypi.org/p/x>`_,',
      '`Docs`_ and `anonymous <https://x.y>`__. It is **fast** and *small* [1]_.',
      '',
      '.. _Docs: https://docs.example.org',
      '',
      '.. This comment',
      '   is not prose.',
      '',
      '.. code-block:: python',
      '',
      '   trainer.fit()',
      '',
      'Read :ref:`training` and :py:func:`!tinytune.load` next.',
      '',
      'Not after.',
    );
    const [b] = extractRstCodeBlocks(text, 'a.rst');
    expect(b.prose).toBe(
      'Call fit on a tinytune.Trainer built from load("x"); see the guide, PyPI, Docs and anonymous. It is fast and small.',
    );
    expect(b.paragraphs).toEqual([
      {
        text: 'Call `fit` on a `tinytune.Trainer` built from `load("x")`; see the guide, PyPI, Docs and anonymous. It is fast and small.',
        line: lineOf(text, '|badge|'),
      },
      { text: 'Read training and `tinytune.load` next.', line: lineOf(text, 'Read :ref:'), after: true },
    ]);
    expect(b.after).toBe('Read training and tinytune.load next.');
  });

  it('splits list items into paragraphs and skips tables, targets and comments', () => {
    const text = rst(
      'Steps:',
      '',
      '- first item',
      '  continues here',
      '- second item',
      '',
      '+-----+-----+',
      '| a   | b   |',
      '+-----+-----+',
      '',
      '=====  =====',
      'col    col2',
      '=====  =====',
      '',
      '..',
      '',
      '   A block quote after an empty comment.',
      '',
      '__ https://anonymous.example',
      '',
      '.. code-block:: python',
      '',
      '   x = 1',
    );
    const [b] = extractRstCodeBlocks(text, 'a.rst');
    expect(b.paragraphs.map((p) => [p.text, p.line])).toEqual([
      ['Steps:', lineOf(text, 'Steps:')],
      ['first item continues here', lineOf(text, '- first item')],
      ['second item', lineOf(text, '- second item')],
      ['A block quote after an empty comment.', lineOf(text, 'A block quote')],
    ]);
  });

  it('reads the text after a note or deprecated directive as a paragraph', () => {
    const text = rst('.. deprecated:: 1.2 Use :func:`load` instead.', '', '.. warning::', '   Slow on CPU.', '', '::', '', '    load()');
    const [b] = extractRstCodeBlocks(text, 'a.rst');
    expect(b.paragraphs).toEqual([
      { text: 'Use `load` instead.', line: lineOf(text, '.. deprecated::') },
      { text: 'Slow on CPU.', line: lineOf(text, 'Slow on CPU.') },
    ]);
    expectMapped(text, b);
  });
});

describe('extractRstCodeBlocks: robustness', () => {
  it('accepts CRLF, lone CR, a BOM and tab indentation', () => {
    const lf = rst('Title', '=====', '', 'Example::', '', '\tx = 1', '\t  y = 2', '', '.. code-block:: python', '', '\tz = 3');
    const expected = extractRstCodeBlocks(lf, 'a.rst');
    expect(expected.map((b) => b.source.text)).toEqual(['x = 1\n  y = 2', 'z = 3']);
    for (const text of ['\uFEFF' + lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r')]) {
      const blocks = extractRstCodeBlocks(text, 'a.rst');
      expect(blocks).toEqual(expected);
      for (const b of blocks) expectMapped(text, b);
    }
    expect(expected[0].startLine).toBe(lineOf(lf, 'x = 1'));
  });

  it('never throws on malformed input', () => {
    const cases = [
      '',
      '\uFEFF',
      '.. code-block:: python',
      '.. code-block:: python\n   :caption: x',
      '.. code-block:: python\n\n',
      '==========\nText under a long line\n',
      '==========\n',
      '=====\n=====\n=====',
      'Title\n=====\n=====',
      '::',
      'x::\n',
      '>>>',
      '>>> ',
      '.. ipython::\n\n   Out[1]: 3',
      '..',
      '.. ::',
      '.. |x| image:: a.png',
      '`unclosed ``literal :role:`x **bold',
      ':::\n:::\n',
      '   .. note::\n.. code::\n  ',
      '\t\t\t\n\t.. code-block:: python\n\t\t\tx\n  \ty\n',
      'a\r\rb\r\n::\r\n\r\n  c',
      '\n==========\n\nText\n',
      'Text\n\n==========',
      '>>>>>>> 06ab6d6e (merge conflict marker)\n',
      ':role:`~`, `<>`_, :ref:`<>`',
    ];
    for (const c of cases) expect(() => extractRstCodeBlocks(c, 'x.rst')).not.toThrow();
    expect(extractRstCodeBlocks('.. code-block:: python', 'x.rst')).toEqual([]);
    expect(extractRstCodeBlocks('==========\nText under a long line\n', 'x.rst')).toEqual([]);
    // A merge conflict marker is not a `>>>` session.
    expect(extractRstCodeBlocks('>>>>>>> 06ab6d6e\n\n>>> x = 1\n', 'x.rst').map((b) => b.source.text)).toEqual(['x = 1']);
  });

  it('survives random rst-like input and keeps every line map inside the file', () => {
    const pieces = [
      '', '', 'Text line', 'Title', '=====', '-----', '::', 'Para::', '.. code-block:: python', '.. code-block::',
      '.. note::', '.. doctest::', '.. ipython:: python', '   :caption: c', '   x = 1', '      y()', '   >>> z', '>>> w',
      '   In [1]: a', '   ...: b', '   Out[1]: c', '\tTabbed', '.. highlight:: python', '.. highlight:: none',
      '- item', '1. item::', '    $ cmd \\', '    more', '``lit', ':func:`~a.b`', '*', '**', '|', '`a <b>`_', '..',
    ];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 1 + rand(40) }, () => pieces[rand(pieces.length)]);
      const text = lines.join(['\n', '\r\n', '\r'][rand(3)]);
      const blocks = extractRstCodeBlocks(text, 'fuzz.rst');
      for (const b of blocks) expectMapped(text, b);
    }
  });

  it('reads deeply indented and very long input without blowing up (a quadratic reading would take minutes; the bound is loose for busy CI machines)', () => {
    const time = (text: string): number => {
      const t0 = performance.now();
      extractRstCodeBlocks(text, 'big.rst');
      return performance.now() - t0;
    };
    const para = [
      'Some :class:`x.Y` text with ``code`` and a `link <https://x>`_ that goes on for a while, saying',
      'what the function does and why, with *emphasis*, **strong** words and :func:`~a.b.c` roles.',
      '',
    ].join('\n');
    const chunk = rst(
      'Section',
      '-------',
      '',
      para,
      '.. note::',
      '',
      `   ${para.replace(/\n/g, '\n   ')}`,
      '.. code-block:: python',
      '',
      ...Array.from({ length: 12 }, (_, i) => `   x${i} = run(${i})`),
      '',
      para,
      'Example::',
      '',
      '    >>> y = 1',
      '    1',
      '',
      para,
    );
    const page = (size: number) => chunk.repeat(Math.ceil(size / chunk.length));
    time(page(200_000)); // warm the JIT up: the bound is for the reading, not the compiling
    const big = page(5_000_000);
    expect(time(big)).toBeLessThan(10_000);
    expect(extractRstCodeBlocks(big, 'big.rst')).toHaveLength(2 * Math.ceil(5_000_000 / chunk.length));

    // 100k lines of directives nested ever deeper (each code block takes the deeper lines as content).
    const deep: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const pad = ' '.repeat(i % 90);
      deep.push(i % 3 === 0 ? `${pad}.. note::` : i % 3 === 1 ? `${pad}.. code-block:: python` : `${pad}   x = ${i}`);
    }
    expect(time(deep.join('\n'))).toBeLessThan(10_000);

    // A huge paragraph of markup characters, and a huge indentation.
    expect(time(`${':'.repeat(1_000_000)}\n${'`*|``'.repeat(200_000)}`)).toBeLessThan(10_000);
    expect(time(`${' '.repeat(1_000_000)}.. code-block:: python\n${' '.repeat(1_000_001)}x`)).toBeLessThan(10_000);
  });
});
