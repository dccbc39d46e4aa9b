import { describe, expect, it } from 'vitest';
import {
  RepoMapError,
  coverageContent,
  filesMissingFromMap,
  parseCoverage,
  parseRepoMap,
  repairMojibake,
  updateCoverage,
} from '../src/wiki/repomap.js';

const MAP = [
  '# Repository Map: acme_tinytune',
  '',
  '> **Compact index** of repository files.',
  '',
  '| Property | Value |',
  '|----------|-------|',
  '| Repository | https://github.com/acme/tinytune |',
  '| Branch | main |',
  '',
  '## Structure',
  '',
  '📦 **Packages:** tinytune',
  '',
  '---',
  '',
  '## 📦 Package Files',
  '',
  '| Status | File | Lines | Purpose | Coverage | Details |',
  '|--------|------|-------|---------|----------|---------|',
  '| ✅ | `tinytune/loader.py` | 412 | Model loading with quantization | — | [→](./_files/tinytune_loader_py.md) |',
  '| ⬜ | `tinytune/trainer.py` | 300 | — | Workflow: old_Page; Principle: x, y | [→](./_files/t.md) |',
  '| ✅ | `tinytune/utils.py` | 10 | Helpers | Workflow: acme_tinytune_Gone | [→](./_files/u.md) |',
  '',
  '## 📝 Example Files',
  '',
  '| Status | File | Lines | Purpose | Coverage | Details |',
  '|--------|------|-------|---------|----------|---------|',
  '| ✅ | `examples/lora_sft.py` | 88 | LoRA fine-tuning example |—| [→](./_files/examples_lora_sft_py.md) |',
  '',
].join('\n');

const COVERED = new Map<string, string[]>([
  ['tinytune/loader.py', ['acme_tinytune_QLoRA_Finetuning', 'acme_tinytune_Batch_Inference']],
  ['tinytune/trainer.py', ['acme_tinytune_QLoRA_Finetuning']],
  ['examples/lora_sft.py', ['acme_tinytune_LoRA_SFT']],
  ['tinytune/missing.py', ['acme_tinytune_LoRA_SFT']],
]);

/** Every byte outside the Coverage cells, in order, with cell contents replaced by a marker. */
function outsideCoverage(text: string): string {
  const map = parseRepoMap(text);
  let out = '';
  let at = 0;
  for (const row of map.rows) {
    if (!row.coverageCell) continue;
    out += `${text.slice(at, row.coverageCell.start)}<cell>`;
    at = row.coverageCell.end;
  }
  return out + text.slice(at);
}

describe('parseRepoMap', () => {
  it('reads rows by header name with sections, lines and coverage cell offsets', () => {
    const map = parseRepoMap(MAP);
    expect(map.repository).toBe('https://github.com/acme/tinytune');
    expect(map.rows.map((r) => [r.section, r.file, r.purpose, r.coverage, r.status, r.line])).toEqual([
      ['📦 Package Files', 'tinytune/loader.py', 'Model loading with quantization', '—', '✅', 20],
      ['📦 Package Files', 'tinytune/trainer.py', '', 'Workflow: old_Page; Principle: x, y', '⬜', 21],
      ['📦 Package Files', 'tinytune/utils.py', 'Helpers', 'Workflow: acme_tinytune_Gone', '✅', 22],
      ['📝 Example Files', 'examples/lora_sft.py', 'LoRA fine-tuning example', '—', '✅', 28],
    ]);
    const row = map.rows[0];
    expect(MAP.slice(row.coverageCell!.start, row.coverageCell!.end)).toBe(' — ');
    const tight = map.rows[3];
    expect(MAP.slice(tight.coverageCell!.start, tight.coverageCell!.end)).toBe('—');
  });

  it('throws RepoMapError for a file that is not a map', () => {
    expect(() => parseRepoMap('# Notes\n\nNo tables here.\n')).toThrow(RepoMapError);
    expect(() => parseRepoMap('| Property | Value |\n|---|---|\n| Branch | main |\n')).toThrow(
      /no table with a File column/,
    );
  });

  it('tolerates extra columns, other column orders, escaped pipes, mis-decoded emoji and tables without Coverage', () => {
    const text = [
      '## \uF8FFüìù Example Files',
      '',
      '| File | Owner | Purpose | Status | Coverage |',
      '|---|---|---|---|---|',
      '| `examples/a\\|b.py` | me | Pipes \\| everywhere `x\\|y` | ‚úÖ | Principle: p |',
      '| examples/c.py | you | Uses `a \\| b` | ‚¨ú |',
      '',
      '## Other',
      '',
      '| File | Purpose |',
      '|---|---|',
      '| `README.md` | Docs |',
    ].join('\n');
    const map = parseRepoMap(text);
    expect(map.rows.map((r) => [r.section, r.file, r.purpose, r.status, r.coverage])).toEqual([
      ['\uF8FFüìù Example Files', 'examples/a|b.py', 'Pipes | everywhere x|y', '✅', 'Principle: p'],
      ['\uF8FFüìù Example Files', 'examples/c.py', 'Uses a | b', '⬜', ''],
      ['Other', 'README.md', 'Docs', '', ''],
    ]);
    expect(map.rows[0].coverageCell).toBeDefined();
    expect(map.rows[1].coverageCell).toBeUndefined(); // row shorter than the header
    expect(map.rows[2].coverageCell).toBeUndefined(); // no Coverage column
  });
});

describe('repairMojibake', () => {
  it('repairs UTF-8 read as Mac Roman and leaves real accents alone', () => {
    expect(repairMojibake('‚úÖ')).toBe('✅');
    expect(repairMojibake('‚¨ú done')).toBe('⬜ done');
    expect(repairMojibake('\uF8FFüìù Examples')).toBe('📝 Examples');
    expect(repairMojibake('café ‚')).toBe('café ‚');
  });
});

describe('coverage groups', () => {
  it('parses groups and writes goldpath’s Workflow group first, sorted', () => {
    expect(parseCoverage('—')).toEqual([]);
    expect(parseCoverage(' - ')).toEqual([]);
    expect(parseCoverage('Workflow: a, b;free text; Principle:x')).toEqual([
      { kind: 'Workflow', items: ['a', 'b'], raw: 'Workflow: a, b' },
      { items: ['free text'], raw: 'free text' },
      { kind: 'Principle', items: ['x'], raw: 'Principle:x' },
    ]);
    expect(coverageContent('Principle: x; Workflow: old', ['b_Z', 'b_A', 'b_Z'])).toBe(
      'Workflow: b_A, b_Z; Principle: x',
    );
    expect(coverageContent('Workflow: old', [])).toBe('—');
    // Names goldpath does not own survive, sorted in with the new ones.
    expect(coverageContent('Workflow: other_X, acme_Old', ['acme_New'], { ownsWorkflow: (n) => n.startsWith('acme_') })).toBe(
      'Workflow: acme_New, other_X',
    );
  });
});

describe('updateCoverage', () => {
  it('rewrites only the Coverage cells', () => {
    const out = updateCoverage(MAP, parseRepoMap(MAP), COVERED);
    expect(outsideCoverage(out)).toBe(outsideCoverage(MAP));
    const rows = parseRepoMap(out).rows;
    expect(rows.map((r) => r.coverage)).toEqual([
      'Workflow: acme_tinytune_Batch_Inference, acme_tinytune_QLoRA_Finetuning',
      'Workflow: acme_tinytune_QLoRA_Finetuning; Principle: x, y',
      '—', // stale Workflow group removed, nothing else left
      'Workflow: acme_tinytune_LoRA_SFT',
    ]);
    expect(out).toContain(
      '| LoRA fine-tuning example | Workflow: acme_tinytune_LoRA_SFT | [→](./_files/examples_lora_sft_py.md) |',
    );
    expect(out).toContain('| Helpers | — | [→](./_files/u.md) |');
  });

  it('is idempotent: a second run over the edited map changes nothing', () => {
    const once = updateCoverage(MAP, parseRepoMap(MAP), COVERED);
    const twice = updateCoverage(once, parseRepoMap(once), COVERED);
    expect(twice).toBe(once);
  });

  it('keeps CRLF, BOM and a missing final newline', () => {
    const crlf = `\uFEFF${MAP.trimEnd().replace(/\n/g, '\r\n')}`;
    const out = updateCoverage(crlf, parseRepoMap(crlf), COVERED);
    expect(out.startsWith('\uFEFF# Repository Map')).toBe(true);
    expect(out.endsWith('|')).toBe(true);
    expect(out.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(outsideCoverage(out)).toBe(outsideCoverage(crlf));
    const lf = updateCoverage(MAP, parseRepoMap(MAP), COVERED);
    expect(out).toBe(`\uFEFF${lf.trimEnd().replace(/\n/g, '\r\n')}`);
  });

  it('finds the right cells with escaped pipes in other columns and columns in another order', () => {
    const text = [
      '| Coverage | Purpose | File |',
      '|---|---|---|',
      '| - | a \\| b `c\\|d` | `x\\|.py` |',
      '|Principle: p|Uses \\||y.py|',
    ].join('\n');
    const covered = new Map([
      ['x|.py', ['r_W']],
      ['./y.py', ['r_V', 'r_U']],
    ]);
    const out = updateCoverage(text, parseRepoMap(text), covered);
    expect(out).toBe(
      [
        '| Coverage | Purpose | File |',
        '|---|---|---|',
        '| Workflow: r_W | a \\| b `c\\|d` | `x\\|.py` |',
        '| Workflow: r_U, r_V; Principle: p |Uses \\||y.py|',
      ].join('\n'),
    );
  });

  it('leaves cells with no group before and after as written, and untouched text when nothing changes', () => {
    const text = '| File | Coverage |\n|---|---|\n| a.py |  |\n| b.py | - |\n| c.py | — |\n';
    expect(updateCoverage(text, parseRepoMap(text), new Map())).toBe(text);
  });

  it('refuses a map parsed from another text', () => {
    const other = MAP.replace('| — | [→](./_files/tinytune_loader_py.md)', '| Workflow: z | [→](./_files/tinytune_loader_py.md)');
    expect(() => updateCoverage(other, parseRepoMap(MAP), COVERED)).toThrow(RepoMapError);
  });

  it('lists covered files missing from the map', () => {
    expect(filesMissingFromMap(parseRepoMap(MAP), COVERED)).toEqual(['tinytune/missing.py']);
  });
});
