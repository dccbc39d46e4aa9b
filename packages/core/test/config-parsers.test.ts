// A config parser (`TrlParser((ScriptArguments, SFTConfig, ModelConfig))`, `HfArgumentParser`, `tyro.cli`)
// makes an object of each dataclass it is handed, from the command line and a config file: the training
// config is a call of the script where its name is written, run with the parser, before the script's main.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import { callsOf, lineOf, write } from './repos.js';

const PKG = {
  'pyproject.toml': '[project]\nname = "pkg"\n',
  'pkg/__init__.py': 'from .configs import ScriptArguments, SFTConfig\nfrom .train import get_model, get_dataset, SFTTrainer\n',
  'pkg/configs.py':
    'from dataclasses import dataclass\n\n\n@dataclass\nclass ScriptArguments:\n    dataset_name: str = "d"\n\n\n' +
    '@dataclass\nclass SFTConfig:\n    """Options of supervised fine-tuning."""\n\n    learning_rate: float = 1e-5\n',
  'pkg/train.py':
    'def get_model(args):\n    """Loads the model."""\n    return args\n\n\ndef get_dataset(args):\n    """Loads the dataset."""\n    return args\n\n\n' +
    'class SFTTrainer:\n    """Trains a model on chat data."""\n\n    def __init__(self, model, args, train_dataset):\n        self.model = model\n\n    def train(self):\n        """Runs the training loop."""\n        return self.model\n\n    def save_model(self, path):\n        """Saves the trained model."""\n        return path\n',
};

const SCRIPT =
  'from transformers import HfArgumentParser\n\nfrom pkg import ScriptArguments, SFTConfig, SFTTrainer, get_dataset, get_model\n\n\n' +
  'def main(script_args, training_args):\n    dataset = get_dataset(script_args)\n    model = get_model(training_args)\n' +
  '    trainer = SFTTrainer(model=model, args=training_args, train_dataset=dataset)\n    trainer.train()\n    trainer.save_model("out")\n\n\n' +
  'if __name__ == "__main__":\n    parser = HfArgumentParser(\n        (ScriptArguments,\n         SFTConfig)\n    )\n' +
  '    script_args, training_args = parser.parse_args_into_dataclasses()\n    main(script_args, training_args)\n';

describe('config parsers', () => {
  it('makes each class handed to the parser where its name is written; the script\'s argument class makes none', async () => {
    const repo = write({ ...PKG, 'scripts/sft.py': SCRIPT });
    const calls = (await callsOf(repo)).get('scripts/sft.py')!;
    const made = calls.filter((c) => c.callee === 'SFTConfig');
    expect(made.map((c) => [c.site.start, c.site.end, c.resolution.kind])).toEqual([[lineOf(repo, 'scripts/sft.py', '         SFTConfig)'), lineOf(repo, 'scripts/sft.py', '         SFTConfig)'), 'repo']]);
    expect(calls.some((c) => c.callee === 'ScriptArguments')).toBe(false);
  });

  it('puts the config first among the script\'s steps: the parser runs before main', async () => {
    const repo = write({ ...PKG, 'scripts/sft.py': SCRIPT });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-cfgparse-')), name: 'acme_pkg', all: true });
    const w = m.workflows.find((x) => x.steps.some((s) => s.calls.some((c) => c.call.callee === 'SFTTrainer')))!;
    const titles = w.steps.map((s) => s.title);
    expect(titles[0]).toBe('Configure SFT');
    expect(titles).toContain('Train SFT');
    expect(w.steps[0].calls[0].call.site).toMatchObject({ path: 'scripts/sft.py', start: lineOf(repo, 'scripts/sft.py', '         SFTConfig)') });
  });

  it('reads nothing into a parser handed something else than classes', async () => {
    const repo = write({ ...PKG, 'scripts/sft.py': SCRIPT.replace('(ScriptArguments,\n         SFTConfig)', 'make_types()') });
    const calls = (await callsOf(repo)).get('scripts/sft.py')!;
    expect(calls.some((c) => c.callee === 'SFTConfig')).toBe(false);
  });
});

const EXTERNAL = SCRIPT.replace('from pkg import ScriptArguments, SFTConfig, SFTTrainer, get_dataset, get_model', 'from pkg import ScriptArguments, SFTConfig, get_dataset, get_model\nfrom trl import SFTTrainer');

describe('sections that run the example scripts', () => {
  const TWO = {
    ...PKG,
    'pkg/__init__.py': 'from .configs import ScriptArguments, SFTConfig, DPOConfig, ORPOConfig\nfrom .train import get_model, get_dataset, SFTTrainer, DPOTrainer, ORPOTrainer\n',
    'pkg/configs.py':
      PKG['pkg/configs.py'] + '\n\n@dataclass\nclass DPOConfig:\n    """Options of preference alignment."""\n\n    beta: float = 0.1\n\n\n@dataclass\nclass ORPOConfig:\n    """Options of odds-ratio alignment."""\n\n    beta: float = 0.1\n',
    'pkg/train.py': PKG['pkg/train.py'] + '\n\nclass DPOTrainer(SFTTrainer):\n    """Aligns a model to preferences."""\n\n\nclass ORPOTrainer(SFTTrainer):\n    """Aligns a model with odds ratios."""\n',
    // The trainers are another library's (trl): the repository's own calls are scaffolding and configs.
    'scripts/sft.py': EXTERNAL,
    'scripts/dpo.py': EXTERNAL.replace(/SFTConfig/g, 'DPOConfig').replace(/SFTTrainer/g, 'DPOTrainer'),
    'scripts/orpo.py': EXTERNAL.replace(/SFTConfig/g, 'ORPOConfig').replace(/SFTTrainer/g, 'ORPOTrainer'),
    'README.md':
      '# pkg\n\n## Train a chat model\n\nFirst supervised fine-tuning, then preference alignment:\n\n```bash\n' +
      'accelerate launch --config_file zero3.yaml scripts/sft.py --config recipe/sft.yaml\naccelerate launch --config_file zero3.yaml scripts/dpo.py --config recipe/dpo.yaml\n```\n',
  };

  it('are sources of the use case of the first script they run, not a use case of their own; each trainer keeps its own', async () => {
    const repo = write(TWO);
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-scriptruns-')), name: 'acme_pkg' });
    const trains = (w: (typeof m.workflows)[number]) => w.steps.flatMap((s) => s.calls.map((c) => c.call.callee));
    const sft = m.workflows.find((w) => trains(w).includes('SFTTrainer'))!;
    const dpo = m.workflows.find((w) => trains(w).includes('DPOTrainer'))!;
    const orpo = m.workflows.find((w) => trains(w).includes('ORPOTrainer'))!;
    // No workflow of "Run" steps over the scripts: the run of the script the section runs first starts
    // that script's path, whose other steps are the script's own.
    expect(m.workflows.every((w) => w.steps.slice(1).every((s) => s.calls.every((c) => !c.call.command)))).toBe(true);
    expect(sft.steps[0].calls[0].call.command?.line).toBe('accelerate launch --config_file zero3.yaml scripts/sft.py --config recipe/sft.yaml');
    expect(sft.steps[0].calls[0].call.site).toMatchObject({ path: 'README.md', start: lineOf(repo, 'README.md', 'scripts/sft.py') });
    expect(sft.steps.slice(1).map((s) => s.title)).toEqual(expect.arrayContaining(['Configure SFT', 'Train SFT']));
    expect([dpo, orpo].every((w) => w.steps.every((s) => s.calls.every((c) => !c.call.command)))).toBe(true);
    expect(sft.sources.map((s) => s.path)).toEqual(expect.arrayContaining(['scripts/sft.py', 'README.md']));
    expect(dpo.sources.map((s) => s.path)).toEqual(['scripts/dpo.py']);
    // Another trainer over the same scaffolding (get_model, get_dataset) and its own config is another path.
    expect(orpo.sources.map((s) => s.path)).toEqual(['scripts/orpo.py']);
    // The README section is evidence for the path it runs first.
    expect(sft.rank).toBe(1);
  });

  it('reads the recipe pages the README links to; their runs leave each trainer its own path', async () => {
    const recipe = (name: string) =>
      `# ${name}\n\n## Full training\n\n\`\`\`bash\naccelerate launch scripts/sft.py --config recipes/${name}/sft.yaml\naccelerate launch scripts/dpo.py --config recipes/${name}/dpo.yaml\n\`\`\`\n\n` +
      `## QLoRA training\n\n\`\`\`bash\naccelerate launch scripts/sft.py --config recipes/${name}/sft_qlora.yaml --load_in_4bit\n\`\`\`\n`;
    const repo = write({
      ...TWO,
      'README.md': TWO['README.md'] + '\n## Recipes\n\nSee [zephyr](recipes/zephyr/README.md) and [the small models](./recipes/small/).\n',
      'recipes/zephyr/README.md': recipe('zephyr'),
      'recipes/small/README.md': recipe('small'),
      // Not linked from the README: no page of the docs.
      'recipes/draft/README.md': recipe('draft'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-recipes-')), name: 'acme_pkg', all: true });
    const pages = new Set(m.candidates.filter((c) => c.kind === 'docs').map((c) => c.path));
    expect([...pages].sort()).toEqual(['recipes/small/README.md', 'recipes/zephyr/README.md']);
    expect(m.candidates.some((c) => c.path === 'recipes/draft/README.md')).toBe(false);
    const trains = (w: (typeof m.workflows)[number]) => w.steps.flatMap((s) => s.calls.map((c) => c.call.callee));
    const sft = m.workflows.find((w) => trains(w).includes('SFTTrainer'))!;
    expect(sft.sources.map((s) => s.path)).toEqual(expect.arrayContaining(['recipes/small/README.md', 'recipes/zephyr/README.md']));
    // Sections that only run scripts make none of the library's calls: get_model and get_dataset are
    // still what every script makes (scaffolding), so DPO and ORPO stay paths of their own, not repeats.
    for (const trainer of ['DPOTrainer', 'ORPOTrainer']) {
      const w = m.workflows.find((x) => trains(x).includes(trainer))!;
      expect(w.evidence.map((e) => e.kind)).not.toContain('repeats');
    }
  });

  it('folds the sections that run a module of the package (`python -m pkg.run`) into its path, and a test that calls its main', async () => {
    const run = SCRIPT.replace('from pkg import', 'from . import').replace('script_args, training_args = parser.parse_args_into_dataclasses()\n    main(script_args, training_args)', 'main(*parser.parse_args_into_dataclasses())');
    const section = (heading: string, options: string) => `## ${heading}\n\n\`\`\`bash\npython -m pkg.run ${options}\n\`\`\`\n\n`;
    const repo = write({
      ...PKG,
      'pkg/run.py': run,
      'tests/test_run.py': 'from pkg.run import main\n\n\ndef test_main():\n    main(None, None)\n',
      'README.md': '# pkg\n\n' + section('Training', '--train-data a.csv --epochs 3') + section('Resuming', '--resume latest') + section('Evaluating a checkpoint', '--val-data b.csv --pretrained ckpt.pt'),
    });
    const m = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-modrun-')), name: 'acme_pkg' });
    expect(m.workflows).toHaveLength(1);
    const [w] = m.workflows;
    expect(w.sources.map((s) => s.path)).toEqual(expect.arrayContaining(['pkg/run.py', 'README.md', 'tests/test_run.py']));
    expect(w.steps[0].calls[0].call.command?.line).toBe('python -m pkg.run --train-data a.csv --epochs 3');
    expect(w.steps[0].calls[0].call.resolution).toMatchObject({ kind: 'repo', qualname: 'main', span: { path: 'pkg/run.py', start: lineOf(repo, 'pkg/run.py', 'def main') } });
    expect(w.steps.slice(1).map((s) => s.title)).toEqual(expect.arrayContaining(['Configure SFT', 'Train SFT']));
    // README sections rank it as the README's path.
    expect(w.evidence.map((e) => e.kind)).toContain('readme-quickstart');
    // Its usage says what the run runs, with the options the section gives it.
    expect(w.usage).toContain(`${w.steps[0].title} runs \`pkg.run\` with \`--train-data\` and \`--epochs\`.`);
  });
});
