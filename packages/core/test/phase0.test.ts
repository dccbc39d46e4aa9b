import { describe, expect, it } from 'vitest';
import { parsePhase0Report } from '../src/wiki/phase0.js';

describe('parsePhase0Report', () => {
  it('reads list items with bold, code and plain names', () => {
    const text = [
      '# Phase 0: Repository Understanding', // 1
      '', // 2
      '## Executive Summary', // 3
      '', // 4
      'Tinytune fine-tunes models and/or exports them.', // 5
      '', // 6
      '## Suggested Workflows', // 7
      '', // 8
      '- **QLoRA Fine-Tuning**: `examples/qlora.py` — 4-bit LoRA training on a small GPU', // 9
      '1. QLoRA_Finetuning (examples/qlora.py, notebooks/x.ipynb)', // 10
      '', // 11
      '* `Batch_Inference` - runs [the script](./scripts/infer.py) over a dataset', // 12
      '* Export: see export.py', // 13
      '  - Description: saves GGUF files', // 14
      '', // 15
      '## Entry Points', // 16
      '', // 17
      '- `tinytune/cli.py` (`tinytune` command)', // 18
      '- scripts/serve.py and https://example.org/x.py', // 19
    ].join('\n');
    const report = parsePhase0Report(text);
    expect(report.suggestions).toEqual([
      {
        name: 'QLoRA Fine-Tuning',
        files: ['examples/qlora.py'],
        line: 9,
        description: '4-bit LoRA training on a small GPU',
      },
      { name: 'QLoRA_Finetuning', files: ['examples/qlora.py', 'notebooks/x.ipynb'], line: 10 },
      {
        name: 'Batch_Inference',
        files: ['scripts/infer.py'],
        line: 12,
        description: 'runs the script over a dataset',
      },
      { name: 'Export', files: ['export.py'], line: 13, description: 'see export.py' },
    ]);
    expect(report.entryPoints).toEqual(['tinytune/cli.py', 'scripts/serve.py']);
  });

  it('reads table rows by header name', () => {
    const text = [
      '### Workflow candidates', // 1
      '', // 2
      '| # | Workflow | Key Files | Description |', // 3
      '|---|---|---|---|', // 4
      '| 1 | **QLoRA Fine-Tuning** | `examples/qlora.py`, `tinytune/trainer.py:L10-40` | Train with LoRA |', // 5
      '| 2 | Batch Inference | notebooks/infer.ipynb#cell-3 | — |', // 6
    ].join('\n');
    expect(parsePhase0Report(text).suggestions).toEqual([
      {
        name: 'QLoRA Fine-Tuning',
        files: ['examples/qlora.py', 'tinytune/trainer.py'],
        line: 5,
        description: 'Train with LoRA',
      },
      { name: 'Batch Inference', files: ['notebooks/infer.ipynb'], line: 6 },
    ]);
  });

  it('reads subheadings, labelled lines and workflow categories', () => {
    const text = [
      '# Report', // 1
      '## Suggested Workflows', // 2
      '### 1. QLoRA Fine-Tuning', // 3
      '- Files: `examples/qlora.py`, `notebooks/qlora.ipynb`', // 4
      '- Description: Fine-tune in 4 bits.', // 5
      '### Workflow 2: Batch Inference', // 6
      'Runs `scripts/infer.py` over a dataset.', // 7
      '## Other', // 8
      '- **Not a workflow**: a.py', // 9
      '## Training Workflows', // 10
      '### Inference Workflows', // 11
      '- **Serve**: `serve.py`', // 12
    ].join('\n');
    expect(parsePhase0Report(text).suggestions).toEqual([
      {
        name: 'QLoRA Fine-Tuning',
        files: ['examples/qlora.py', 'notebooks/qlora.ipynb'],
        line: 3,
        description: 'Fine-tune in 4 bits.',
      },
      {
        name: 'Batch Inference',
        files: ['scripts/infer.py'],
        line: 6,
        description: 'Runs scripts/infer.py over a dataset.',
      },
      { name: 'Serve', files: ['serve.py'], line: 12 },
    ]);
  });

  it('reads a lone single-workflow heading whose items are its files', () => {
    const text = [
      '## Architecture', // 1
      '### QLoRA Workflow', // 2
      '- `examples/qlora.py` — the main script', // 3
      '- `tinytune/loader.py` — loading', // 4
    ].join('\n');
    expect(parsePhase0Report(text).suggestions).toEqual([
      { name: 'QLoRA Workflow', files: ['examples/qlora.py', 'tinytune/loader.py'], line: 2 },
    ]);
  });

  it('is lenient: unknown shapes and odd input give empty lists', () => {
    expect(parsePhase0Report('')).toEqual({ suggestions: [], entryPoints: [] });
    expect(parsePhase0Report('# Workflows\n\nWe found none.\n')).toEqual({ suggestions: [], entryPoints: [] });
    expect(parsePhase0Report('\uFEFF## Suggested workflows\r\n\r\n| a |\r\n|---|\r\n| |\r\n').suggestions).toEqual([]);
  });
});
