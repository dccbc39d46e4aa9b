// The project's own name, as its README spells it with inner capitals, is one word in every name goldpath
// makes (`LeRobotDataset` → Create LeRobot Dataset, `lerobot-train` → LeRobot_Training).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandSpellings, joinBrands } from '../src/group/brands.js';
import { extractWorkflows } from '../src/index.js';
import { write } from './repos.js';

describe('brands', () => {
  it('finds the README spelling of the project name that identifiers would split', () => {
    const readme = '# LeRobot\n\nLeRobot aims to... `pip install lerobot`, then `lerobot-train`. Lerobot or LeRobot.\n';
    expect(brandSpellings(readme, ['lerobot'])).toEqual(['LeRobot']);
    // One word already, or another name: nothing to join.
    expect(brandSpellings('# Acme\n\nAcme does things.\n', ['acme'])).toEqual([]);
    expect(brandSpellings('PyTorch and LeRobot\n', ['acme'])).toEqual([]);
  });

  it('joins the split and the plain capitalised forms, nothing in paths or code', () => {
    const b = ['LeRobot'];
    expect(joinBrands('Create Le Robot Dataset', b)).toBe('Create LeRobot Dataset');
    expect(joinBrands('Le_Robot_Dataset_Creation', b)).toBe('LeRobot_Dataset_Creation');
    expect(joinBrands('Lerobot_Training', b)).toBe('LeRobot_Training');
    expect(joinBrands('src/lerobot/scripts/lerobot_train.py', b)).toBe('src/lerobot/scripts/lerobot_train.py');
    expect(joinBrands('Leroboto and Le Robots', b)).toBe('Leroboto and Le Robots');
  });

  it('writes the brand as one word in workflow names, step titles, principles and inputs', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "acmekit"\n',
      'README.md': '# AcmeKit\n\nAcmeKit loads robot data.\n',
      'acmekit/__init__.py': 'from acmekit.data import AcmeKitDataset, train\n',
      'acmekit/data.py':
        'class AcmeKitDataset:\n    """A dataset of episodes."""\n\n    def __init__(self, repo_id):\n        self.repo_id = repo_id\n\n    def push_to_hub(self):\n        """Upload the dataset."""\n        return self.repo_id\n\n\n' +
        'def train(dataset, steps=10):\n    """Train a policy on a dataset."""\n    return steps\n',
      'examples/train_policy.py': 'from acmekit import AcmeKitDataset, train\n\ndataset = AcmeKitDataset("org/episodes")\ntrain(dataset, steps=100)\ndataset.push_to_hub()\n',
      'examples/train_more.py': 'from acmekit import AcmeKitDataset, train\n\nds = AcmeKitDataset("org/more")\ntrain(ds)\nds.push_to_hub()\n',
    });
    const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-brand-')), name: 'acme_x' });
    const text = JSON.stringify(model.workflows);
    expect(model.workflows.length).toBeGreaterThan(0);
    expect(text).toContain('AcmeKit Dataset');
    expect(text).not.toMatch(/Acme[ _]Kit/);
  });
});
