// Calls in different arms of one if/else are one step with alternatives, however deep each call sits in
// its arm (a loop, an inner `if`), when the choice is made inside a function of the example (a CLI-style
// script that saves one way or another), when the `else` is only implicit (an `if` that returns, then the
// rest), and when the model comes from a call of a name bound differently under a condition: the methods
// the library attaches to it at run time still resolve, each alternative at its own exact location.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import type { GoldpathModel, Step } from '../src/model.js';
import { callsOf, find, lineOf, write } from './repos.js';

/**
 * A library whose loader class is bound differently under a condition (calls of it stay unresolved, with
 * candidates), and whose loader attaches the saving methods to the model at run time.
 */
const LIBRARY: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "kit"\nversion = "0.1"\n',
  'kit/__init__.py': 'import os\nif os.environ.get("KIT_MLX"):\n    from .mlx import FastModel\nelse:\n    from .models import FastModel\n',
  'kit/models.py': [
    'from .save import patch_saving',
    '',
    '',
    'class FastModel:',
    '    """Fast model loader."""',
    '',
    '    @staticmethod',
    '    def from_pretrained(model_name, max_seq_length=2048):',
    '        """Load a pretrained model and its tokenizer."""',
    '        model = object()',
    '        patch_saving(model)',
    '        return model, None',
    '',
    '    @staticmethod',
    '    def get_peft_model(model, r=16):',
    '        """Add LoRA adapters to the model."""',
    '        return model',
    '',
  ].join('\n'),
  'kit/mlx.py': [
    'class FastModel:',
    '    """MLX model loader."""',
    '',
    '    @staticmethod',
    '    def from_pretrained(model_name, max_seq_length=2048):',
    '        """Load a pretrained model on MLX."""',
    '        return None, None',
    '',
    '    @staticmethod',
    '    def get_peft_model(model, r=16):',
    '        """Add LoRA adapters on MLX."""',
    '        return model',
    '',
  ].join('\n'),
  'kit/save.py': [
    'import types',
    '',
    '',
    'def save_pretrained_gguf(self, save_directory, tokenizer, quantization_method="q8_0"):',
    '    """Save the model as GGUF files for llama.cpp."""',
    '',
    '',
    'def push_to_hub_gguf(self, repo_id, tokenizer, quantization_method="q8_0"):',
    '    """Upload the GGUF files to the Hub."""',
    '',
    '',
    'def save_pretrained_merged(self, save_directory, tokenizer, save_method="merged_16bit"):',
    '    """Merge the adapters into the base model and save it."""',
    '',
    '',
    'def push_to_hub_merged(self, repo_id, tokenizer, save_method="merged_16bit"):',
    '    """Upload the merged model to the Hub."""',
    '',
    '',
    'def patch_saving(model):',
    '    model.save_pretrained_gguf = types.MethodType(save_pretrained_gguf, model)',
    '    model.push_to_hub_gguf = types.MethodType(push_to_hub_gguf, model)',
    '    model.save_pretrained_merged = types.MethodType(save_pretrained_merged, model)',
    '    model.push_to_hub_merged = types.MethodType(push_to_hub_merged, model)',
    '',
  ].join('\n'),
};

const MAIN = [
  'def run(args):',
  '    from kit import FastModel',
  '',
  '    model, tokenizer = FastModel.from_pretrained(model_name=args.model_name, max_seq_length=2048)',
  '    model = FastModel.get_peft_model(model, r=16)',
  '    save_model(model, tokenizer, args)',
  '',
  '',
  'if __name__ == "__main__":',
  '    parser = argparse.ArgumentParser()',
  '    parser.add_argument("--save_gguf", action="store_true")',
  '    run(parser.parse_args())',
  '',
];

/** An example script: a local `save_model(model, tokenizer, args)` with this body, called by `run`. */
function script(body: string[]): string {
  return ['"""Load a model, then save it as GGUF or merged."""', 'import argparse', '', '', 'def save_model(model, tokenizer, args):', ...body.map((l) => `    ${l}`), '', '', ...MAIN].join('\n');
}

/** An explicit `if`/`else` in a local function; each arm saves, then pushes under its own inner `if`. */
const IF_ELSE = script([
  'if args.save_gguf:',
  '    for method in args.quantization:',
  '        model.save_pretrained_gguf(args.save_path, tokenizer, quantization_method=method)',
  '    if args.push_model:',
  '        model.push_to_hub_gguf(args.hub_path, tokenizer)',
  'else:',
  '    model.save_pretrained_merged(args.save_path, tokenizer, save_method="merged_16bit")',
  '    if args.push_model:',
  '        model.push_to_hub_merged(args.hub_path, tokenizer)',
]);

/** The same choice with an implicit `else`: the GGUF arm returns, the merged save follows it. */
const EARLY_RETURN = script([
  'if not args.save_model:',
  '    print("not saved")',
  '    return',
  'if args.save_gguf or args.push_gguf:',
  '    for method in args.quantization:',
  '        if args.save_gguf:',
  '            model.save_pretrained_gguf(args.save_path, tokenizer, quantization_method=method)',
  '        if args.push_gguf:',
  '            model.push_to_hub_gguf(args.hub_path, tokenizer)',
  '    return',
  'model.save_pretrained_merged(args.save_path, tokenizer, save_method="merged_16bit")',
  'if args.push_model:',
  '    model.push_to_hub_merged(args.hub_path, tokenizer)',
]);

async function modelOf(repo: string): Promise<GoldpathModel> {
  return extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-alt-')), name: 'acme_kit' });
}

/** The step whose main call is `callee`, with its calls as [callee, alternative, condition, call-site line, source location]. */
function stepOf(model: GoldpathModel, callee: string): { step: Step; calls: [string, boolean, string | undefined, number, string][] } {
  const step = model.workflows.flatMap((w) => w.steps).find((s) => s.calls[0].call.callee === callee);
  if (!step) throw new Error(`no step led by ${callee}: ${model.workflows.flatMap((w) => w.steps.map((s) => s.calls[0].call.callee)).join(', ')}`);
  return { step, calls: step.calls.map((c) => [c.call.callee, c.alternative ?? false, c.condition, c.call.site.start, c.sourceLocation]) };
}

/** `kit/save.py:Lstart-end` of a function of kit/save.py (its def line and the docstring line under it). */
function saved(repo: string, name: string): string {
  const start = lineOf(repo, 'kit/save.py', `def ${name}(`);
  return `kit/save.py:L${start}-${start + 1}`;
}

describe('alternatives across nested arms (a CLI-style script that saves one way or another)', () => {
  it('an if/else in a local function: one save step and one push step, each with its alternative at the outer if', async () => {
    const repo = write({ ...LIBRARY, 'examples/cli.py': IF_ELSE });
    const line = (needle: string) => lineOf(repo, 'examples/cli.py', needle);
    const model = await modelOf(repo);
    // `FastModel` is bound under a condition: its calls stay unresolved, with both classes as candidates.
    expect(model.unresolved.find((u) => u.callee === 'FastModel.get_peft_model')?.candidates?.length).toBe(2);
    const save = stepOf(model, 'model.save_pretrained_gguf');
    expect(save.step.title).toBe('Save Model');
    // Each alternative keeps its own call site and the exact location of the method attached at run time.
    expect(save.calls).toEqual([
      ['model.save_pretrained_gguf', false, 'args.save_gguf', line('model.save_pretrained_gguf('), saved(repo, 'save_pretrained_gguf')],
      ['model.save_pretrained_merged', true, 'else', line('model.save_pretrained_merged('), saved(repo, 'save_pretrained_merged')],
    ]);
    expect(save.step.description).toContain('Save Model: with `model.save_pretrained_gguf` when `args.save_gguf`, or with `model.save_pretrained_merged` otherwise.');
    expect(save.step.description).toContain('`model.save_pretrained_gguf` repeats inside `for method in args.quantization`.');
    const branch = save.step.trace.find((t) => t.from === 'branch')!;
    expect(branch.at).toEqual({ path: 'examples/cli.py', line: line('if args.save_gguf:') });
    // The pushes sit in an inner `if` of each arm: still alternatives of one another, at the outer if.
    const push = stepOf(model, 'model.push_to_hub_gguf');
    expect(push.calls).toEqual([
      ['model.push_to_hub_gguf', false, 'args.save_gguf', line('model.push_to_hub_gguf('), saved(repo, 'push_to_hub_gguf')],
      ['model.push_to_hub_merged', true, 'else', line('model.push_to_hub_merged('), saved(repo, 'push_to_hub_merged')],
    ]);
    // No step is led by a call that is another's alternative.
    const leads = model.workflows.flatMap((w) => w.steps.map((s) => s.calls[0].call.callee));
    expect(leads).not.toContain('model.save_pretrained_merged');
    expect(leads).not.toContain('model.push_to_hub_merged');
  });

  it('an if that returns: the statements after it are its else', async () => {
    const repo = write({ ...LIBRARY, 'examples/cli.py': EARLY_RETURN });
    const line = (needle: string) => lineOf(repo, 'examples/cli.py', needle);
    const calls = (await callsOf(repo)).get('examples/cli.py');
    const gguf = find(calls, 'model.save_pretrained_gguf');
    const merged = find(calls, 'model.save_pretrained_merged');
    const at = (needle: string) => ({ path: 'examples/cli.py', line: line(needle) });
    // Every arm around the call, outermost first; the innermost is `branch`.
    expect(gguf.arms?.map((a) => [a.at, a.arm, a.condition])).toEqual([
      [at('if not args.save_model:'), 1, 'else'],
      [at('if args.save_gguf or args.push_gguf:'), 0, 'args.save_gguf or args.push_gguf'],
      [at('if args.save_gguf:'), 0, 'args.save_gguf'],
    ]);
    expect(gguf.branch).toEqual(gguf.arms![2]);
    expect(merged.arms?.map((a) => [a.at, a.arm, a.condition])).toEqual([
      [at('if not args.save_model:'), 1, 'else'],
      [at('if args.save_gguf or args.push_gguf:'), 1, 'else'],
    ]);
    // An `if` that does not always leave (`if args.push_model:` falls through) makes no else.
    expect(find(calls, 'model.push_to_hub_merged').arms?.map((a) => a.at.line)).toEqual([line('if not args.save_model:'), line('if args.save_gguf or args.push_gguf:'), line('if args.push_model:')]);

    const model = await modelOf(repo);
    const save = stepOf(model, 'model.save_pretrained_gguf');
    expect(save.calls).toEqual([
      ['model.save_pretrained_gguf', false, 'args.save_gguf or args.push_gguf', line('model.save_pretrained_gguf('), saved(repo, 'save_pretrained_gguf')],
      ['model.save_pretrained_merged', true, 'else', line('model.save_pretrained_merged('), saved(repo, 'save_pretrained_merged')],
    ]);
    const push = stepOf(model, 'model.push_to_hub_gguf');
    expect(push.calls.map((c) => [c[0], c[1], c[2]])).toEqual([
      ['model.push_to_hub_gguf', false, 'args.save_gguf or args.push_gguf'],
      ['model.push_to_hub_merged', true, 'else'],
    ]);
  });

  it('calls in sibling constructs, or one after an if that falls through, are a sequence', async () => {
    const repo = write({
      ...LIBRARY,
      'examples/cli.py': script([
        'if args.save_gguf:',
        '    model.save_pretrained_gguf(args.save_path, tokenizer)',
        'if args.merged:',
        '    model.save_pretrained_merged(args.save_path, tokenizer)',
        'model.push_to_hub_merged(args.hub_path, tokenizer)',
      ]),
    });
    const model = await modelOf(repo);
    const steps = model.workflows.flatMap((w) => w.steps);
    expect(steps.flatMap((s) => s.calls).filter((c) => c.alternative)).toEqual([]);
    expect(steps.map((s) => s.calls[0].call.callee)).toContain('model.save_pretrained_merged');
  });
});
