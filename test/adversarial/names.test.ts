// Input used as written: one sanitiser for every name that becomes a file name or wiki syntax, whatever
// its source; Coverage text goldpath does not own kept byte for byte; every file that could not be read
// listed under Skipped Inputs. And the passing cases of the probe, kept under test.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows } from '../../packages/core/src/index.js';
import { coverageContent } from '../../packages/core/src/wiki/repomap.js';
import { scratch } from '../helpers.js';
import { cli, DATE, git, noStackTrace, repoMap, smallRepo, tinylm, tree } from './helpers.js';

const pagesOf = (wiki: string) => readdirSync(path.join(wiki, 'workflows')).filter((n) => !n.startsWith('otherorg_')).sort();

describe('names from any source go through one sanitiser', () => {
  it('a RepoMap file name full of wiki syntax (_RepoMap_x]]{{y}}|z.md) gives x_y_z pages, and its Coverage is updated', () => {
    const t = tinylm();
    const map = path.join(t.wiki, '_RepoMap_x]]{{y}}|z.md');
    renameSync(path.join(t.wiki, '_RepoMap_acme_tinylm.md'), map);
    const r = cli([t.repo, '--wiki', t.wiki, ...DATE]);
    expect(r.code, r.stderr).toBe(0);
    const pages = pagesOf(t.wiki);
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) expect(p).toMatch(/^x_y_z_[A-Za-z0-9_]+\.md$/);
    expect(readFileSync(map, 'utf8')).toMatch(/Workflow: x_y_z_/);
    const index = readFileSync(path.join(t.wiki, '_WorkflowIndex.md'), 'utf8');
    expect(index).toMatch(/^# Workflow Index: x_y_z\n/);
    expect(index).not.toMatch(/\]\]|\{\{/);
    expect(cli(['validate', t.wiki]).code).toBe(0);
  });

  it('a git remote and a folder name full of wiki syntax are sanitised the same way', async () => {
    const t = tinylm();
    renameSync(path.join(t.wiki, '_RepoMap_acme_tinylm.md'), path.join(t.wiki, '_RepoMap.md'));
    git(t.repo, ['init', '-q']);
    git(t.repo, ['remote', 'add', 'origin', 'https://github.com/ac{{me/ti]]ny|lm.git']);
    expect((await extractWorkflows({ repo: t.repo, wiki: t.wiki, date: '2025-06-01 12:00' })).repoName).toBe('ac_me_ti_ny_lm');
    const root = scratch();
    const weird = path.join(root, 'we ird]]{{x}}|');
    const s = smallRepo(root);
    renameSync(s.repo, weird);
    const model = await extractWorkflows({ repo: weird, wiki: s.wiki, date: '2025-06-01 12:00' });
    expect(model.repoName).toBe('we_ird_x');
    expect(model.workflows.every((w) => /^we_ird_x_[A-Za-z0-9_]+$/.test(w.pageName))).toBe(true);
  });

  it('--name is refused unless the sanitiser leaves it unchanged (exit 2), for runs and for validate', () => {
    const t = tinylm();
    const before = tree(t.wiki);
    for (const name of ['../x', 'a]]b', 'a b', 'x/../../y', '_x', 'x__y', '']) {
      for (const args of [[t.repo, '--wiki', t.wiki, '--name', name], ['validate', t.wiki, '--name', name]]) {
        const r = cli(args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/invalid --name/);
        expect(noStackTrace(r.stderr)).toBe(true);
      }
    }
    expect(tree(t.wiki)).toEqual(before);
  });
});

describe('Coverage groups goldpath does not own are kept byte for byte', () => {
  it('Principle: a;b;;c stays exactly so, wherever the Workflow group is, and a second run changes nothing', () => {
    const s = smallRepo();
    const cells = { 'pkg/__init__.py': 'Principle: a;b;;c', 'examples/train.py': 'Other:  x ;Workflow: acme_tiny_Old; Principle:y' };
    writeFileSync(path.join(s.wiki, '_RepoMap.md'), repoMap(['pkg/__init__.py', 'examples/train.py'], cells));
    const args = [s.repo, '--wiki', s.wiki, '--name', 'acme_tiny', ...DATE];
    expect(cli(args).code).toBe(0);
    const map = readFileSync(path.join(s.wiki, '_RepoMap.md'), 'utf8');
    expect(map).toMatch(/\| `pkg\/__init__\.py` \| 10 \| A file \| Workflow: acme_tiny_\w+; Principle: a;b;;c \|/);
    expect(map).toMatch(/\| `examples\/train\.py` \| 10 \| A file \| Workflow: acme_tiny_\w+; Other:  x ; Principle:y \|/);
    expect(cli(args).code).toBe(0);
    expect(readFileSync(path.join(s.wiki, '_RepoMap.md'), 'utf8')).toBe(map);
  });

  it('coverageContent keeps every byte outside the Workflow groups', () => {
    expect(coverageContent('Principle: a;b;;c', ['r_W'])).toBe('Workflow: r_W; Principle: a;b;;c');
    expect(coverageContent('A: 1; Workflow: r_Old; B:  2 ', ['r_W'])).toBe('Workflow: r_W; A: 1; B:  2');
    expect(coverageContent('Workflow: other_X, r_Old;Principle: p', ['r_W'], { ownsWorkflow: (n) => n.startsWith('r_') })).toBe('Workflow: other_X, r_W; Principle: p');
    expect(coverageContent('Workflow: r_Old', [])).toBe('—');
    expect(coverageContent('—', [])).toBe('—');
  });
});

describe('every file that could not be read is reported', () => {
  it('an invalid-UTF-8 module an example imports is listed under Skipped Inputs, and its call is unresolved with the reason', async () => {
    const t = tinylm();
    writeFileSync(path.join(t.repo, 'tinylm', 'badmod.py'), Buffer.concat([Buffer.from('def helper(x):\n    return "'), Buffer.from([0xff, 0xfe]), Buffer.from('"\n')]));
    writeFileSync(path.join(t.repo, 'examples', 'uses_bad.py'), 'from tinylm import FastModel\nfrom tinylm.badmod import helper\nm = FastModel.from_pretrained("x")\nhelper(m)\nm.generate("y")\n');
    const model = await extractWorkflows({ repo: t.repo, wiki: t.wiki, date: '2025-06-01 12:00' });
    expect(model.skipped).toContainEqual({ path: 'tinylm/badmod.py', reason: 'not valid UTF-8 text' });
    expect(model.unresolved.find((u) => u.callee === 'helper')?.reason).toMatch(/could not be read/);
  });
});

describe('passing cases of the probe keep a test', () => {
  it('an invalid-UTF-8 example, a BOM, CRLF and lone-CR line endings, broken package files: skipped or read, never fatal', async () => {
    const t = tinylm();
    writeFileSync(path.join(t.repo, 'examples', 'latin1.py'), Buffer.from([0x78, 0x3d, 0xe9, 0x0a]));
    writeFileSync(path.join(t.repo, 'examples', 'crlf.py'), '\uFEFFfrom tinylm import FastModel\r\nm = FastModel.from_pretrained("x")\r\nm.generate("y")\rm.save_pretrained("o")\r\n');
    writeFileSync(path.join(t.repo, 'package.json'), '{ "name": ');
    writeFileSync(path.join(t.repo, 'setup.cfg'), '[metadata\nname = = =\n');
    const mapPath = path.join(t.wiki, '_RepoMap_acme_tinylm.md');
    writeFileSync(mapPath, `\uFEFF${readFileSync(mapPath, 'utf8').replace(/\n/g, '\r\n')}`);
    const r = cli([t.repo, '--wiki', t.wiki, ...DATE]);
    expect(r.code, r.stderr).toBe(0);
    const model = await extractWorkflows({ repo: t.repo, wiki: t.wiki, date: '2025-06-01 12:00' });
    const skipped = Object.fromEntries(model.skipped.map((s) => [s.path, s.reason]));
    expect(skipped['examples/latin1.py']).toMatch(/not valid UTF-8/);
    expect(skipped['package.json']).toMatch(/invalid JSON/);
    const map = readFileSync(mapPath, 'utf8');
    expect(map.startsWith('\uFEFF')).toBe(true);
    expect(map.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(map).toMatch(/Workflow: acme_tinylm_/);
  });

  it('a template cannot reach prototypes (Handlebars prototype access stays off)', () => {
    const t = tinylm();
    const dir = path.join(t.root, 'templates');
    mkdirSync(dir);
    // A name the template variables do not have is refused before anything is written.
    writeFileSync(path.join(dir, 'report.hbs'), 'A{{constructor.name}}B\n');
    const refused = cli([t.repo, '--wiki', t.wiki, '--templates', dir, ...DATE]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('constructor');
    // Through a helper, the prototype stays out of reach.
    writeFileSync(path.join(dir, 'report.hbs'), 'C{{lookup this "constructor"}}D{{#with this}}{{lookup this "__proto__"}}{{/with}}E\n');
    const r = cli([t.repo, '--wiki', t.wiki, '--templates', dir, ...DATE]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(t.wiki, '_reports', 'phase1_anchoring.md'), 'utf8')).toBe('CDE\n');
  });
});
