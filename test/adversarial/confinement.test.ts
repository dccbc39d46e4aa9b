// Confinement: goldpath writes, renames and reads only below the real wiki directory, following no
// symbolic link there: a linked workflows/, _reports/, RepoMap or page is refused (exit 2, nothing
// written), planted links at temporary names are never followed, and validate reads no linked page.
import { mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows, renderWiki, writeWiki } from '../../packages/core/src/index.js';
import { recoverWiki } from '../../packages/core/src/wiki/transaction.js';
import { cli, DATE, noStackTrace, tinylm, tree } from './helpers.js';

const MAP = '_RepoMap_acme_tinylm.md';

/** The tinylm wiki with `rel` moved out to `outside/` and replaced by a symbolic link to it. */
function linkedOut(rel: string) {
  const t = tinylm();
  const outside = path.join(t.root, 'outside', path.basename(rel));
  mkdirSync(path.dirname(outside), { recursive: true });
  renameSync(path.join(t.wiki, rel), outside);
  symlinkSync(outside, path.join(t.wiki, rel));
  return { ...t, outside };
}

function expectRefused(t: { repo: string; wiki: string; root: string }, pattern: RegExp, extra: string[] = []) {
  const before = tree(t.root);
  const r = cli([t.repo, '--wiki', t.wiki, ...DATE, ...extra]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(noStackTrace(r.stderr)).toBe(true);
  // Nothing changed anywhere: not in the wiki, not outside it.
  expect(tree(t.root)).toEqual(before);
}

describe('confinement to the wiki directory', () => {
  it('a workflows/ folder that is a symbolic link is refused, pages are not written through it', () => {
    const t = linkedOut('workflows');
    expectRefused(t, /refusing to write workflows\/acme_tinylm_\w+\.md in the wiki .*: workflows is a symbolic link/);
    expectRefused(t, /workflows is a symbolic link/, ['--dry-run']);
  });

  it('a _reports/ folder that is a symbolic link is refused', () => {
    const t = linkedOut('_reports');
    expectRefused(t, /refusing to write _reports\/phase1_anchoring\.md .*: _reports is a symbolic link/);
  });

  it('a RepoMap that is a symbolic link (outside or inside the wiki) is neither read nor replaced', () => {
    const t = linkedOut(MAP);
    writeFileSync(t.outside, `${readFileSync(t.outside, 'utf8')}\nOUTSIDE\n`);
    expectRefused(t, /refusing the RepoMap _RepoMap_acme_tinylm\.md in the wiki .*: _RepoMap_acme_tinylm\.md is a symbolic link/);
    expect(lstatSync(path.join(t.wiki, MAP)).isSymbolicLink()).toBe(true);
    const inside = tinylm();
    renameSync(path.join(inside.wiki, MAP), path.join(inside.wiki, 'map-copy.md'));
    symlinkSync('map-copy.md', path.join(inside.wiki, MAP));
    expectRefused(inside, /is a symbolic link/);
  });

  it('a page that is a symbolic link to an outside file is refused and the file is not overwritten', () => {
    const t = tinylm();
    expect(cli([t.repo, '--wiki', t.wiki, ...DATE]).code).toBe(0);
    const page = `workflows/${readdirSync(path.join(t.wiki, 'workflows')).find((f) => f.startsWith('acme_tinylm_'))!}`;
    const outside = path.join(t.root, 'victim.txt');
    writeFileSync(outside, 'precious\n');
    renameSync(path.join(t.wiki, page), path.join(t.root, 'moved.md'));
    symlinkSync(outside, path.join(t.wiki, page));
    expectRefused(t, new RegExp(`refusing to write ${page.replace(/[.]/g, '\\.')} .*is a symbolic link`));
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
  });

  it('a symbolic link planted at a temporary file name is never followed', async () => {
    const t = tinylm();
    const victim = path.join(t.root, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    // The name the previous implementation used for the index's temporary file (this process writes).
    symlinkSync(victim, path.join(t.wiki, `_WorkflowIndex.md.goldpath-${process.pid}.tmp`));
    const model = await extractWorkflows({ repo: t.repo, wiki: t.wiki, date: '2025-06-01 12:00' });
    await writeWiki(t.wiki, await renderWiki(model, { wikiDir: t.wiki }), model);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(path.join(t.wiki, '_WorkflowIndex.md')).isFile()).toBe(true);
    expect(readFileSync(path.join(t.wiki, '_WorkflowIndex.md'), 'utf8')).toMatch(/^# Workflow Index: acme_tinylm\n/);
  });

  it('a staging folder planted as a symbolic link is refused, its target untouched', () => {
    const t = tinylm();
    mkdirSync(path.join(t.root, 'elsewhere'));
    symlinkSync(path.join(t.root, 'elsewhere'), path.join(t.wiki, '.goldpath-staging'));
    expectRefused(t, /refusing .*\.goldpath-staging: it is not a folder goldpath made/);
  });

  it('a journal planted in the staging folder cannot make the recovery delete or move a file through a link', () => {
    const t = linkedOut('workflows');
    writeFileSync(path.join(t.outside, 'victim.md'), 'precious\n');
    const staging = path.join(t.wiki, '.goldpath-staging');
    mkdirSync(staging);
    const entry = (p: string, existed: boolean) => ({ path: p, staged: `new-${'a'.repeat(24)}`, backup: `old-${'b'.repeat(24)}`, existed });
    writeFileSync(path.join(staging, 'journal.json'), JSON.stringify({ version: 1, state: 'swapping', entries: [entry('workflows/victim.md', false)], createdDirs: ['workflows'] }));
    // The run itself refuses the linked folder before it writes; the recovery must not follow it either.
    expect(cli([t.repo, '--wiki', t.wiki, ...DATE]).code).toBe(2);
    recoverWiki(t.wiki);
    expect(readFileSync(path.join(t.outside, 'victim.md'), 'utf8')).toBe('precious\n');
    expect(lstatSync(path.join(t.wiki, 'workflows')).isSymbolicLink()).toBe(true);
  });

  it('validate reads no page through a symbolic link (it reports the link instead)', () => {
    const t = tinylm();
    expect(cli([t.repo, '--wiki', t.wiki, ...DATE]).code).toBe(0);
    const name = readdirSync(path.join(t.wiki, 'workflows')).find((f) => f.startsWith('acme_tinylm_'))!;
    const page = path.join(t.wiki, 'workflows', name);
    const outside = path.join(t.root, 'outside-page.md');
    renameSync(page, outside);
    symlinkSync(outside, page);
    const r = cli(['validate', t.wiki]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`workflows/${name}:0: not read: workflows/${name} is a symbolic link`);
  });

  it('a wiki directory given through a symbolic link is used at its real place (the link is the user\'s)', () => {
    const t = tinylm();
    const link = path.join(t.root, 'wiki-link');
    symlinkSync(t.wiki, link);
    const r = cli([t.repo, '--wiki', link, ...DATE]);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(tree(t.wiki))).toContain('_WorkflowIndex.md');
    expect(readlinkSync(link)).toBe(t.wiki);
  });

  it('symbolic links inside the analysed repository that leave it are skipped and reported (passing case)', async () => {
    const t = tinylm();
    writeFileSync(path.join(t.root, 'secret.py'), 'import os\n');
    symlinkSync(path.join(t.root, 'secret.py'), path.join(t.repo, 'examples', 'escape.py'));
    symlinkSync(t.root, path.join(t.repo, 'examples', 'loop'));
    const model = await extractWorkflows({ repo: t.repo, wiki: t.wiki, date: '2025-06-01 12:00' });
    const skipped = Object.fromEntries(model.skipped.map((s) => [s.path, s.reason]));
    expect(skipped['examples/escape.py']).toMatch(/symlink leaves the repository/);
    expect(skipped['examples/loop']).toMatch(/symlink leaves the repository/);
  });
});
