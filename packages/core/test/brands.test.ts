// The project's own name, as its README spells it with inner capitals, is one word in every name goldpath
// makes (`SetFitModel` → Load SetFit Model, not Load Fit Model; `lerobot-train` → LeRobot_Training).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandSpellings } from '../src/group/brands.js';
import { splitCamel, tokens, withBrands, word, workflowNameFrom } from '../src/group/names.js';
import { nameCall, titleOf } from '../src/group/steps.js';
import type { CallSite } from '../src/model.js';
import { extractWorkflows } from '../src/index.js';
import { write } from './repos.js';

describe('brands', () => {
  it('finds the README spelling of the project name that identifiers would split', () => {
    const readme = '# LeRobot\n\nLeRobot aims to... `pip install lerobot`, then `lerobot-train`. Lerobot or LeRobot.\n';
    expect(brandSpellings(readme, ['lerobot'])).toEqual(['LeRobot']);
    // One word already, or another name: nothing to join.
    expect(brandSpellings('# Acme\n\nAcme does things.\n', ['acme'])).toEqual([]);
    expect(brandSpellings('PyTorch and LeRobot\n', ['acme'])).toEqual([]);
    // Code is no spelling of the project: a class named like it, in a block, a code span or called.
    const code = '# Qdrant client\n\n```python\nfrom qdrant_client import QdrantClient\n```\n\nUse `QdrantClient` or QdrantClient(":memory:").\n';
    expect(brandSpellings(code, ['qdrant-client'])).toEqual([]);
  });

  it('keeps the brand one word while naming, and only then', () => {
    expect(splitCamel('SetFitModel')).toBe('Set Fit Model');
    withBrands(['SetFit', 'LeRobot'], () => {
      expect(splitCamel('SetFitModel').trim()).toBe('SetFit Model');
      expect(tokens('LeRobotDataset.create')).toEqual(['lerobot', 'dataset', 'create']);
      expect(word('lerobot')).toBe('LeRobot');
      expect(workflowNameFrom('lerobot train')).toBe('LeRobot_Train');
      expect(splitCamel('MySetFitThing').replace(/\s+/g, ' ')).toBe('My SetFit Thing');
    });
    // Outside the pass, as before (and the answers of one pass are not the other's).
    expect(splitCamel('SetFitModel')).toBe('Set Fit Model');
    expect(word('lerobot')).toBe('Lerobot');
  });

  it('names one call again under other brands: the naming of a call is kept only for the brands it was made under', () => {
    const call = { callee: 'SetFitModel.from_pretrained', written: 'SetFitModel.from_pretrained', argNames: ['name'], argValues: { name: '"org/m"' }, assignedTo: ['model'], uses: [], site: { path: 'ex.py', start: 1, end: 1 }, resolution: { kind: 'repo', qualname: 'SetFitModel.from_pretrained', span: { path: 'setfit/modeling.py', start: 1, end: 2 } }, definition: { kind: 'method' } } as unknown as CallSite;
    const plain = titleOf(nameCall(call));
    const branded = withBrands(['SetFit'], () => titleOf(nameCall(call)));
    expect(plain).toBe('Load Fit Model');
    expect(branded).toBe('Load SetFit Model');
    // Asked again, each pass gets its own answer, not the other's.
    expect(titleOf(nameCall(call))).toBe(plain);
    expect(withBrands(['SetFit'], () => titleOf(nameCall(call)))).toBe(branded);
  });

  it('writes the brand as one word in workflow names, step titles, principles and inputs', async () => {
    const repo = write({
      'pyproject.toml': '[project]\nname = "setkit"\n\n[project.urls]\nRepository = "https://github.com/acme/setkit"\n',
      'README.md': '# SetKit\n\nSetKit loads robot data.\n',
      'setkit/__init__.py': 'from setkit.data import SetKitDataset, train\n',
      'setkit/data.py':
        'class SetKitDataset:\n    """A dataset of episodes."""\n\n    def __init__(self, repo_id):\n        self.repo_id = repo_id\n\n    def push_to_hub(self):\n        """Upload the dataset."""\n        return self.repo_id\n\n\n' +
        'def train(dataset, steps=10):\n    """Train a policy on a dataset."""\n    return steps\n',
      'examples/train_policy.py': 'from setkit import SetKitDataset, train\n\ndataset = SetKitDataset("org/episodes")\ntrain(dataset, steps=100)\ndataset.push_to_hub()\n',
      'examples/train_more.py': 'from setkit import SetKitDataset, train\n\nds = SetKitDataset("org/more")\ntrain(ds)\nds.push_to_hub()\n',
    });
    const model = await extractWorkflows({ repo, wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-brand-')), name: 'acme_x' });
    const text = JSON.stringify(model.workflows);
    expect(model.workflows.length).toBeGreaterThan(0);
    expect(text).toContain('SetKit Dataset');
    expect(text).not.toMatch(/Set[ _]Kit|Fit Kit|[^t]Kit Dataset/);
    expect(model.knowledgeSources.map((k) => k.title)).toContain('SetKit');
  });
});
