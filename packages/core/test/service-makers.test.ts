// A method that makes something on the service behind its object (`pc.create_index(...)`) is a milestone
// of its own, even when only one later call uses its answer (`pc.index(host=model.host)`); a config object
// made only to be handed on still joins the call it is handed to.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../src/index.js';
import { write } from './repos.js';

const PKG = {
  'pyproject.toml': '[project]\nname = "vdb"\n',
  'vdb/__init__.py': 'from .client import Client, IndexSpec\n',
  'vdb/client.py':
    'class IndexSpec:\n    """Where an index lives."""\n\n    def __init__(self, cloud):\n        self.cloud = cloud\n\n\n' +
    'class IndexModel:\n    """A created index."""\n\n    host = ""\n\n\n' +
    'class Index:\n    """An index to read and write vectors."""\n\n    def upsert(self, vectors):\n        """Writes vectors."""\n        return len(vectors)\n\n    def query(self, vector, top_k=3):\n        """Finds the nearest vectors."""\n        return []\n\n\n' +
    'class Client:\n    """The service client."""\n\n    def create_index(self, name: str, spec: IndexSpec) -> IndexModel:\n        """Creates an index on the service."""\n        return IndexModel()\n\n' +
    '    def index(self, host: str) -> Index:\n        """Targets an index by its host."""\n        return Index()\n',
  'README.md':
    '# vdb\n\n## Quickstart\n\n```python\nfrom vdb import Client, IndexSpec\n\npc = Client()\nspec = IndexSpec(cloud="aws")\nmodel = pc.create_index("example", spec)\n' +
    'index = pc.index(host=model.host)\nindex.upsert([[0.1, 0.2]])\nprint(index.query([0.1, 0.2]))\n```\n',
};

describe('calls that make something on a service', () => {
  it('are steps of their own; the config handed to them is their part', async () => {
    const m = await extractWorkflows({ repo: write(PKG), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-service-')), name: 'acme_vdb' });
    const w = m.workflows[0];
    const steps = w.steps.map((s) => [s.title, s.calls.map((c) => c.call.callee)]);
    const create = steps.find(([, calls]) => calls.includes('pc.create_index'))!;
    expect(create[1][0]).toBe('pc.create_index');
    // The spec is made to be handed to the creation: part of that step.
    expect(create[1]).toContain('IndexSpec');
    // Targeting the index is another step.
    expect(steps.some(([, calls]) => calls[0] === 'pc.index' && !calls.includes('pc.create_index'))).toBe(true);
  });
});

describe('a call the same section makes again with another option', () => {
  const REPO = {
    'pyproject.toml': '[project]\nname = "vdb"\n',
    'vdb/__init__.py': 'from .client import Client, SearchFilter\n',
    'vdb/client.py':
      'class SearchFilter:\n    """Conditions the results must meet."""\n\n    def __init__(self, must):\n        self.must = must\n\n\n' +
      'class Client:\n    """The service client."""\n\n    def create_collection(self, name: str):\n        """Creates a collection."""\n        return name\n\n' +
      '    def upsert(self, name: str, points):\n        """Writes points."""\n        return len(points)\n\n' +
      '    def search(self, name: str, query, limit: int = 10, query_filter=None):\n        """Finds the nearest points."""\n        return []\n',
    'README.md':
      '# vdb\n\n## Examples\n\n```python\nfrom vdb import Client, SearchFilter\n\nclient = Client()\nclient.create_collection("c")\nclient.upsert("c", [[0.1, 0.2]])\n' +
      'hits = client.search("c", [0.1, 0.2], limit=5)\n# With a filter:\nhits = client.search(\n    "c",\n    [0.1, 0.2],\n    query_filter=SearchFilter(must=["color"]),\n    limit=5,\n)\n```\n',
  };

  it('is shown on the step', async () => {
    const m = await extractWorkflows({ repo: write(REPO), wiki: mkdtempSync(path.join(os.tmpdir(), 'goldpath-again-')), name: 'acme_vdb' });
    const search = m.workflows[0].steps.find((s) => s.calls[0].call.callee === 'client.search')!;
    const shown = search.calls.filter((c) => c.shown).map((c) => c.call);
    expect(shown.map((c) => [c.callee, c.argNames.includes('query_filter')])).toEqual([['client.search', true]]);
  });
});
