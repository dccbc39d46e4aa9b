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
