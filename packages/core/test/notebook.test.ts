import { describe, expect, it } from 'vitest';
import {
  notebookMarkdown,
  notebookTitle,
  notebookToPython,
  readNotebook,
  type NotebookCell,
} from '../src/lang/notebook.js';

function nb(cells: unknown[], metadata: unknown = {}): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells }, null, 1);
}

const NOTEBOOK = nb(
  [
    { cell_type: 'markdown', metadata: {}, source: ['<a href="https://colab"><img src="badge.svg"></a>'] },
    { cell_type: 'markdown', metadata: {}, source: ['# QLoRA *Fine-Tuning*\n', '\n', 'Train a model.'] },
    {
      cell_type: 'code',
      metadata: {},
      outputs: [],
      execution_count: 1,
      source: ['%%capture\n', 'import os\n', 'if "COLAB_" in os.environ:\n', '    !pip install tinytune\n'],
    },
    { cell_type: 'code', metadata: {}, outputs: [], source: '%matplotlib inline\nfrom tinytune import load\nmodel = load("tiny")\n' },
    { cell_type: 'raw', metadata: {}, source: 'raw text' },
    { cell_type: 'code', metadata: {}, outputs: [], source: [] },
    { cell_type: 'code', metadata: {}, outputs: [], source: ['%%bash\n', 'ls -la\n', 'echo hi'] },
    { cell_type: 'markdown', metadata: {}, source: '## Save' },
    { cell_type: 'code', metadata: {}, outputs: [], source: 'model.save("out")' },
  ],
  { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
);

describe('readNotebook', () => {
  it('reads string and array sources, counting cells over all types', () => {
    const r = readNotebook(NOTEBOOK, 'notebooks/qlora.ipynb');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.language).toBe('python');
    expect(r.cells.map((c) => [c.index, c.type])).toEqual([
      [1, 'markdown'],
      [2, 'markdown'],
      [3, 'code'],
      [4, 'code'],
      [5, 'raw'],
      [6, 'code'],
      [7, 'code'],
      [8, 'markdown'],
      [9, 'code'],
    ]);
    expect(r.cells[1].source).toBe('# QLoRA *Fine-Tuning*\n\nTrain a model.');
    expect(r.cells[5].source).toBe('');
  });

  it('takes the language from language_info when there is no kernelspec', () => {
    const r = readNotebook(nb([], { language_info: { name: 'Python' } }), 'a.ipynb');
    expect(r).toEqual({ ok: true, cells: [], language: 'python' });
  });

  it('says where broken JSON breaks', () => {
    const text = '{\n "cells": [\n  {"cell_type": "code",}\n ]\n}';
    expect(readNotebook(text, 'a.ipynb')).toEqual({ ok: false, reason: 'invalid JSON at line 3 column 24' });
    // Truncated: the error is at the end of the text.
    expect(readNotebook('{\n "cells": [', 'a.ipynb')).toEqual({
      ok: false,
      reason: 'invalid JSON at line 2 column 12',
    });
    expect(readNotebook('\uFEFF{"cells": []}', 'a.ipynb').ok).toBe(true);
  });

  it('rejects JSON that is not a notebook, and cells without source', () => {
    expect(readNotebook('{"metadata": {}}', 'a.ipynb')).toEqual({ ok: false, reason: 'not a notebook: no cells array' });
    expect(readNotebook('[1, 2]', 'a.ipynb')).toEqual({ ok: false, reason: 'not a notebook: the JSON is not an object' });
    const missing = nb([
      { cell_type: 'markdown', source: '# a' },
      { cell_type: 'code', source: 'x' },
      { cell_type: 'code', outputs: [] },
    ]);
    expect(readNotebook(missing, 'a.ipynb')).toEqual({ ok: false, reason: 'cell 3 has no source' });
  });

  it('reads nbformat 3 worksheets', () => {
    const v3 = JSON.stringify({
      nbformat: 3,
      worksheets: [
        {
          cells: [
            { cell_type: 'heading', level: 1, source: ['Old notebook'] },
            { cell_type: 'code', language: 'python', input: ['x = 1\n', 'y = 2'] },
          ],
        },
      ],
    });
    const r = readNotebook(v3, 'old.ipynb');
    expect(r).toEqual({
      ok: true,
      cells: [
        { index: 1, type: 'markdown', source: '# Old notebook' },
        { index: 2, type: 'code', source: 'x = 1\ny = 2' },
      ],
    });
  });
});

describe('notebookToPython', () => {
  it('joins code cells with a line mapping to cell and line, blanking IPython lines', () => {
    const r = readNotebook(NOTEBOOK, 'notebooks/qlora.ipynb');
    if (!r.ok) throw new Error(r.reason);
    const src = notebookToPython(r.cells, 'notebooks/qlora.ipynb');
    expect(src.origin).toBe('notebooks/qlora.ipynb');
    expect(src.text.split('\n')).toEqual([
      '', // %%capture (its body stays Python)
      'import os',
      'if "COLAB_" in os.environ:',
      '    pass', // !pip install, indented
      '', // %matplotlib inline
      'from tinytune import load',
      'model = load("tiny")',
      '', // %%bash cell, all blanked
      '',
      '',
      'model.save("out")',
    ]);
    expect(src.lines).toEqual([
      { line: 1, cell: 3 },
      { line: 2, cell: 3 },
      { line: 3, cell: 3 },
      { line: 4, cell: 3 },
      { line: 1, cell: 4 },
      { line: 2, cell: 4 },
      { line: 3, cell: 4 },
      { line: 1, cell: 7 },
      { line: 2, cell: 7 },
      { line: 3, cell: 7 },
      { line: 1, cell: 9 },
    ]);
    expect(src.shell).toEqual([
      { line: 1, cell: 3, command: '%%capture' },
      { line: 4, cell: 3, command: 'pip install tinytune' },
      { line: 1, cell: 4, command: '%matplotlib inline' },
      { line: 1, cell: 7, command: '%%bash' },
      { line: 2, cell: 7, command: 'ls -la' },
      { line: 3, cell: 7, command: 'echo hi' },
    ]);
  });

  it('blanks non-Python cell magics whole and handles CRLF sources', () => {
    const cells: NotebookCell[] = [
      { index: 1, type: 'code', source: '%%writefile app.py\nimport x\n' },
      { index: 2, type: 'code', source: 'a = 1\r\nb = 2' },
    ];
    const src = notebookToPython(cells, 'n.ipynb');
    expect(src.text).toBe('\n\na = 1\nb = 2');
    expect(src.shell).toEqual([{ line: 1, cell: 1, command: '%%writefile app.py' }]);
  });
});

describe('notebook markdown', () => {
  it('lists markdown cells and finds the title past a badge-only first cell', () => {
    const r = readNotebook(NOTEBOOK, 'n.ipynb');
    if (!r.ok) throw new Error(r.reason);
    expect(notebookMarkdown(r.cells).map((m) => m.cell)).toEqual([1, 2, 8]);
    expect(notebookTitle(r.cells)).toBe('QLoRA Fine-Tuning');
  });

  it('has no title when code comes before any heading', () => {
    const cells: NotebookCell[] = [
      { index: 1, type: 'code', source: 'x = 1' },
      { index: 2, type: 'markdown', source: '# Late' },
    ];
    expect(notebookTitle(cells)).toBeUndefined();
  });
});
