// CI and re-runs: --check (is the wiki up to date?), --prune (stale pages goldpath wrote), the stale-page
// warning, and zero workflows under --strict.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyRepo, copyWiki, fixtureArgs, fixtures, readTree, ROOT, runCli, scratch } from './helpers.js';

/** A wiki as a run over the fixture leaves it: its input wiki with the expected outputs laid over it. */
function expectedWiki(name: string): string {
  const wiki = copyWiki(name);
  cpSync(path.join(ROOT, 'examples', name, 'expected'), wiki, { recursive: true });
  return wiki;
}

function unchanged(wiki: string, before: Map<string, Buffer>): void {
  const after = readTree(wiki);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [p, b] of before) expect(after.get(p)!.equals(b), p).toBe(true);
}

describe.each(fixtures())('--check on fixture %s', (name) => {
  it('exits 0 on the fixture\'s own expected output, writing nothing', () => {
    const wiki = expectedWiki(name);
    const before = readTree(wiki);
    const r = runCli([path.join(ROOT, 'examples', name, 'repo'), '--wiki', wiki, '--check', ...fixtureArgs(name)]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^goldpath: check: the wiki is up to date$/m);
    unchanged(wiki, before);
  });
});

describe('--check and --prune after the repository changed', () => {
  it('a first run into a wiki directory that did not exist is up to date at once', () => {
    const wiki = path.join(scratch(), 'new', 'wiki');
    const repo = path.join(ROOT, 'examples/tinylm/repo');
    expect(runCli([repo, '--wiki', wiki]).code).toBe(0);
    const r = runCli([repo, '--wiki', wiki, '--check']);
    expect(r.code, r.stdout).toBe(0);
  });

  it('last_updated alone is not a change (a wiki committed beside the code was generated at the commit before)', () => {
    const wiki = expectedWiki('tinylm');
    const r = runCli([path.join(ROOT, 'examples/tinylm/repo'), '--wiki', wiki, '--check', '--date', '2031-01-02 03:04']);
    expect(r.code, r.stdout).toBe(0);
    const page = readFileSync(path.join(wiki, 'workflows', readdirSync(path.join(wiki, 'workflows')).find((f) => f.startsWith('acme_tinylm_'))!), 'utf8');
    expect(page).toContain('[[last_updated::2025-06-01 12:00 GMT]]');
  });

  const args = fixtureArgs('tinylm');

  function changedRepo(): string {
    const repo = copyRepo('tinylm');
    // One example is gone (its workflow page becomes stale); the README's quick start says more.
    rmSync(path.join(repo, 'examples', 'grpo_reward.py'));
    const readme = path.join(repo, 'README.md');
    writeFileSync(readme, readFileSync(readme, 'utf8').replace('model = FastModel.from_pretrained("acme/tiny-1b", load_in_4bit=True)', '# Quantize the base model to 4 bits.\nmodel = FastModel.from_pretrained("acme/tiny-1b", load_in_4bit=True)'));
    return repo;
  }

  it('--check exits 1 and names every file a run would change; with --prune also the pages it would remove', () => {
    const repo = changedRepo();
    const wiki = expectedWiki('tinylm');
    const before = readTree(wiki);
    const r = runCli([repo, '--wiki', wiki, '--check', ...args]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('would update _WorkflowIndex.md');
    expect(lines).toContain('would update _reports/phase1_anchoring.md');
    expect(lines).toContain('would update _RepoMap_acme_tinylm.md');
    expect(lines.some((l) => /^would update workflows\/acme_tinylm_QLoRA_Fine_Tuning\.md$/.test(l))).toBe(true);
    expect(lines.every((l) => /^would (create|update|remove) \S+$/.test(l))).toBe(true);
    const paths = lines.map((l) => l.split(' ')[2]);
    expect(paths).toEqual([...paths].sort());
    expect(r.stderr).toMatch(/^goldpath: check: \d+ file\(s\) would change; run goldpath without --check to update the wiki$/m);
    expect(r.stderr).toMatch(/^goldpath: warning: 1 stale page\(s\) left in place: workflows\/acme_tinylm_GRPO_Reward_Training\.md/m);
    const pruning = runCli([repo, '--wiki', wiki, '--check', '--prune', ...args]);
    expect(pruning.code).toBe(1);
    expect(pruning.stdout).toContain('would remove workflows/acme_tinylm_GRPO_Reward_Training.md\n');
    unchanged(wiki, before);
    // After the run, the check passes again.
    expect(runCli([repo, '--wiki', wiki, '--prune', ...args]).code).toBe(0);
    const again = runCli([repo, '--wiki', wiki, '--check', '--prune', ...args]);
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toBe('');
  });

  it('--prune removes only the stale pages goldpath wrote, and the report lists them', () => {
    const repo = changedRepo();
    const wiki = expectedWiki('tinylm');
    // A page of the same repository written by hand (no goldpath marker), and another repository's page.
    const manual = path.join(wiki, 'workflows', 'acme_tinylm_Manual_Notes.md');
    writeFileSync(manual, readFileSync(path.join(wiki, 'workflows', 'acme_tinylm_GRPO_Reward_Training.md'), 'utf8').replace(/^<!-- Generated by goldpath.*\n/m, ''));
    const other = readFileSync(path.join(wiki, 'workflows', 'otherorg_other_Workflow.md'));
    const dry = runCli([repo, '--wiki', wiki, '--prune', '--dry-run', ...args]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would remove workflows/acme_tinylm_GRPO_Reward_Training.md\n');
    expect(dry.stdout).not.toContain('Manual_Notes');
    const r = runCli([repo, '--wiki', wiki, '--prune', ...args]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^goldpath: prune: removed workflows\/acme_tinylm_GRPO_Reward_Training\.md$/m);
    expect(r.stderr).toMatch(/^goldpath: warning: 1 stale page\(s\) left in place: workflows\/acme_tinylm_Manual_Notes\.md/m);
    const tree = readTree(wiki);
    expect(tree.has('workflows/acme_tinylm_GRPO_Reward_Training.md')).toBe(false);
    expect(tree.has('workflows/acme_tinylm_Manual_Notes.md')).toBe(true);
    expect(tree.get('workflows/otherorg_other_Workflow.md')!.equals(other)).toBe(true);
    const report = tree.get('_reports/phase1_anchoring.md')!.toString();
    expect(report).toMatch(/## Stale Pages\n\n- `acme_tinylm_GRPO_Reward_Training` \(removed by --prune: goldpath wrote it and this run no longer produces it\)\n- `acme_tinylm_Manual_Notes` \(left in place: this run no longer produces it\)\n/);
    rmSync(manual);
    const v = runCli(['validate', wiki]);
    expect(v.code, v.stdout).toBe(0);
  });

  it('without --prune a stale page stays, and stderr says so', () => {
    const repo = changedRepo();
    const wiki = expectedWiki('tinylm');
    const r = runCli([repo, '--wiki', wiki, ...args]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^goldpath: warning: 1 stale page\(s\) left in place: workflows\/acme_tinylm_GRPO_Reward_Training\.md \(listed in the report; --prune removes the ones goldpath wrote\)$/m);
    expect(readTree(wiki).has('workflows/acme_tinylm_GRPO_Reward_Training.md')).toBe(true);
  });

  it('zero workflows: a warning, exit 0; exit 1 under --strict (flag or configuration)', () => {
    const repo = path.join(scratch(), 'repo');
    mkdirSync(path.join(repo, 'examples'), { recursive: true });
    writeFileSync(path.join(repo, 'examples', 'hello.py'), 'print("hello")\n');
    const r = runCli([repo, '--wiki', path.join(scratch(), 'w')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^goldpath: warning: no workflow found; see _reports\/phase1_anchoring\.md/m);
    expect(runCli([repo, '--wiki', path.join(scratch(), 'w'), '--strict']).code).toBe(1);
    writeFileSync(path.join(repo, 'goldpath.config.json'), '{ "strict": true }\n');
    const strict = runCli([repo, '--wiki', path.join(scratch(), 'w')]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/no workflow found/);
  });
});
