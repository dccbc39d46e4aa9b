// Pages a reader can check: on every fixture, every sentence of every page text carries where it comes
// from (a file and line of the repository that exists and says it) or is one of the documented
// connective templates; no step text is a bare "Calls X" formula; alternatives (calls in different arms
// of one if/try/match) are one step, never a chain.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows, type GoldpathModel, type TextTrace } from '../packages/core/src/index.js';
import { CONNECTIVES } from '../packages/core/src/group/texts.js';
import { partingArms } from '../packages/core/src/group/steps.js';
import { PROSE_FILLER } from '../packages/core/src/heuristics/tables.js';
import { argsToOptions, fixtureArgs, fixtures, ROOT } from './helpers.js';

const models = new Map<string, GoldpathModel>();
async function modelOf(name: string): Promise<GoldpathModel> {
  if (!models.has(name)) {
    const repo = path.join(ROOT, 'examples', name, 'repo');
    models.set(name, await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-texts-')), ...argsToOptions(fixtureArgs(name)) }));
  }
  return models.get(name)!;
}

function checkTrace(repo: string, t: TextTrace, where: string): void {
  if (t.from === 'connective') {
    expect(CONNECTIVES.some((re) => re.test(t.text)), `${where}: "${t.text}" is no documented connective`).toBe(true);
    return;
  }
  expect(t.at, `${where}: "${t.text}" has no place`).toBeDefined();
  const file = path.join(repo, t.at!.path);
  const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
  if (t.at!.cell === undefined) expect(t.at!.line, `${where}: ${t.at!.path}:${t.at!.line}`).toBeLessThanOrEqual(lines.length);
}

/** The paragraph that starts at a line (to the next blank line), as plain words. */
function paragraphAt(repo: string, file: string, line: number): string {
  const lines = readFileSync(path.join(repo, file), 'utf8').split(/\r\n|\r|\n/);
  const out: string[] = [];
  for (let i = line - 1; i < lines.length && lines[i].trim(); i++) out.push(lines[i]);
  return words(out.join(' '), Infinity);
}

/** The first words of a text, markup and punctuation aside. */
function words(text: string, n = 6): string {
  return text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[^A-Za-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim().split(' ').slice(0, n).join(' ');
}

describe.each(fixtures())('fixture %s: texts traced to the repository', (name) => {
  it('every sentence has a place in the repository or is a documented connective, and none is a formula', async () => {
    const model = await modelOf(name);
    const repo = path.join(ROOT, 'examples', name, 'repo');
    for (const w of model.workflows) {
      // A part with nothing to say stays empty; the Description at least says where the use case is shown.
      expect(w.traces.description.length, `${w.name} description`).toBeGreaterThan(0);
      expect(w.traces.overview.length, `${w.name} overview`).toBeLessThanOrEqual(1);
      for (const [part, trace] of Object.entries(w.traces)) {
        for (const t of trace) {
          checkTrace(repo, t, `${w.name} ${part}`);
          // No formula, lead-in, pointer or markup.
          expect(PROSE_FILLER.some((re) => re.test(t.text)), `${w.name} ${part}: "${t.text}"`).toBe(false);
          expect(t.text, `${w.name} ${part}`).not.toMatch(/\[!\w+\]|\]\(|\*\*|``/);
          if (part !== 'description') expect(t.from, `${w.name} ${part}: "${t.text}"`).not.toBe('connective');
          // A prose sentence is read from the paragraph that starts on its line.
          if (t.from === 'prose' && t.at!.cell === undefined) expect(paragraphAt(repo, t.at!.path, t.at!.line), `${w.name} ${part}: ${t.at!.path}:${t.at!.line}`).toContain(words(t.text));
        }
      }
      for (const s of w.steps) {
        expect(s.description).not.toMatch(/^Calls \S+ from the repository/);
        expect(s.description).toBe(s.trace.map((t) => t.text).join(' '));
        for (const t of s.trace) checkTrace(repo, t, `${w.name} step ${s.number}`);
        // A comment quoted for a step stands right above the statement of its main call.
        for (const t of s.trace.filter((x) => x.from === 'comment')) {
          const main = s.calls[0].call;
          const lines = readFileSync(path.join(repo, t.at!.path), 'utf8').split(/\r\n|\r|\n/);
          if (t.at!.cell === undefined) expect(lines[t.at!.line - 1].trim().startsWith('#') || lines[t.at!.line - 1].trim().startsWith('//')).toBe(true);
          expect(main.comment).toBeDefined();
        }
      }
    }
  });

  it("says what a Usage otherwise silent needs and returns from the signature it is traced to", async () => {
    const model = await modelOf(name);
    const repo = path.join(ROOT, 'examples', name, 'repo');
    for (const w of model.workflows) {
      for (const t of w.traces.usage.filter((x) => x.from === 'parameters')) {
        // Only when the sources say nothing of what the user brings (its needs), or of what the user gets
        // (what it returns: no result the sources name, no file a save writes).
        const others = w.traces.usage.filter((x) => x.from !== 'parameters');
        const says = t.text.startsWith('It ends with') ? others.filter((x) => x.from === 'dataflow' || / writes `/.test(x.text)) : others;
        expect(says, `${w.name}: ${t.text}`).toEqual([]);
        // Each name it quotes is written in the definition it points at (its signature).
        const lines = readFileSync(path.join(repo, t.at!.path), 'utf8').split(/\r\n|\r|\n/).slice(t.at!.line - 1, t.at!.line + 30).join('\n');
        // "X needs `a` and `b` (`callee`)." quotes parameters; "It ends with what `callee` returns: `T`." a type.
        const said = t.text.startsWith('It ends with') ? t.text.split(' returns: ')[1] : t.text.split(' (`')[0];
        const quoted = [...said.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
        expect(quoted.length, t.text).toBeGreaterThan(0);
        for (const q of quoted) expect(lines, `${w.name}: ${q} in ${t.at!.path}:${t.at!.line}`).toContain(q);
      }
    }
  });

  it('never chains the alternatives of one if/try/match as successive steps', async () => {
    const model = await modelOf(name);
    for (const w of model.workflows) {
      // Two successive steps of one role whose main calls part at some if/try/match (however deep) are a chain.
      for (let i = 0; i + 1 < w.steps.length; i++) {
        const chained = !!partingArms(w.steps[i].calls[0].call, w.steps[i + 1].calls[0].call) && w.steps[i].role === w.steps[i + 1].role;
        expect(chained, `${w.name}: steps ${i + 1} and ${i + 2}`).toBe(false);
      }
    }
  });
});

describe('alternatives and loops', () => {
  it('shows the two saves of an if/else as one step with its alternative, and says the loop', async () => {
    const model = await modelOf('adaptkit');
    const w = model.workflows.find((x) => x.sources.some((s) => s.path === 'examples/export.py'))!;
    const save = w.steps.find((s) => s.calls.some((c) => c.alternative))!;
    expect(save.title).toBe('Save Model');
    expect(save.calls.map((c) => [c.call.callee, c.alternative ?? false, c.condition])).toEqual([
      ['model.save_gguf', false, 'args.gguf'],
      ['model.save', true, 'else'],
    ]);
    expect(save.trace.map((t) => t.from)).toEqual(['branch', 'comment', 'docstring', 'loop', 'parameters', 'docstring', 'parameters']);
    expect(save.description).toContain('`model.save`: Save the model and its adapters to a folder.');
    expect(save.description).toContain('Save Model: with `model.save_gguf` when `args.gguf`, or with `model.save` otherwise.');
    expect(save.description).toContain('`model.save_gguf` repeats inside `for method in ["q4_k_m", "q8_0"]`.');
    expect(save.description).toContain('(the file to write)');
  });
});
