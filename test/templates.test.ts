// Custom templates: checked against their documented variables before any work (name, file and line,
// exit 2, nothing written), user templates in Handlebars strict mode, and docs/templates.md's examples
// work as written.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyWiki, readTree, ROOT, runCli, scratch } from './helpers.js';

const REPO = path.join(ROOT, 'examples/tinylm/repo');

function templates(files: Record<string, string>): string {
  const dir = scratch('goldpath-tpl-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Runs with a template folder on a scratch wiki; asserts nothing was written. */
function failing(dir: string) {
  const wiki = copyWiki('tinylm');
  const before = readTree(wiki);
  const r = runCli([REPO, '--wiki', wiki, '--templates', dir]);
  const after = readTree(wiki);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [p, b] of before) expect(after.get(p)!.equals(b), p).toBe(true);
  return r;
}

describe('custom templates', () => {
  it('an unknown variable fails before any work, with its name, the file and the line', () => {
    const shipped = readFileSync(path.join(ROOT, 'packages/core/templates/report.hbs'), 'utf8');
    const dir = templates({ 'report.hbs': shipped.replace('- Workflows created: {{workflowCount}}', '- Workflows created: {{workflowCont}}') });
    const r = failing(dir);
    expect(r.code).toBe(2);
    const line = shipped.split('\n').findIndex((l) => l.includes('{{workflowCount}}')) + 1;
    expect(r.stderr).toBe(`goldpath: template ${path.join(dir, 'report.hbs')} line ${line}: unknown variable "workflowCont" (did you mean "workflowCount"?)\n`);
    // "before any work": not a single progress line.
    expect(r.stderr).not.toMatch(/discover/);
  });

  it('helper arguments, nested paths, ../ and @root are checked in their context', () => {
    const cases: [string, string, RegExp][] = [
      ['workflow-page.hbs', '{{mw overvew}}\n', /line 1: unknown variable "overvew" \(did you mean "overview"\?\)/],
      ['workflow-page.hbs', '{{#each steps}}\n{{mw titel}}\n{{/each}}\n', /line 2: unknown variable "titel" \(did you mean "title"\?\)/],
      ['workflow-index.hbs', '{{#each workflows}}{{#each steps}}{{code main.apiCal}}{{/each}}{{/each}}\n', /line 1: unknown variable "main\.apiCal": no "apiCal" in "main" \(did you mean "main\.apiCall"\?\)/],
      ['workflow-index.hbs', '{{#each workflows}}{{../repoNam}}{{/each}}\n', /unknown variable "\.\.\/repoNam"/],
      ['workflow-index.hbs', '{{#each workflows}}{{@root.workflows.length}} {{@index}} {{@root.nope}}{{/each}}\n', /unknown variable "@root\.nope"/],
      ['report.hbs', '{{shout workflowCount}}\n', /line 1: unknown helper "shout"/],
      ['report.hbs', '{{#repeat workflows}}x{{/repeat}}\n', /unknown block helper "repeat"/],
      ['report.hbs', '\n\n{{> no-such-partial}}\n', /line 3: unknown partial "no-such-partial"/],
      ['report.hbs', '{{@index}}\n', /@index is only defined inside \{\{#each\}\}/],
      ['partials/step-attributes.hbs', '| x | {{code step.main.sourceLocaton}} |\n', /partials\/step-attributes\.hbs line 1: unknown variable "step\.main\.sourceLocaton"/],
      ['report.hbs', '{{#each workflows}}\n', /report\.hbs( line \d+)? does not compile/],
    ];
    for (const [file, text, want] of cases) {
      const r = failing(templates({ [file]: text }));
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toMatch(want);
      expect(r.stderr.trimEnd().split('\n'), text).toHaveLength(1);
    }
  });

  it('documented variables that may be empty are always there; a user partial runs in strict mode', () => {
    // resolvedTo is absent on most calls: a bare mustache would throw in strict mode without it.
    const ok = templates({ 'workflow-index.hbs': '{{#each workflows}}{{#each steps}}[{{main.resolvedTo}}]{{main.call.comment}}{{/each}}{{/each}}\n' });
    const wiki = copyWiki('tinylm');
    const r = runCli([REPO, '--wiki', wiki, '--templates', ok]);
    expect(r.code, r.stderr).toBe(0);
    expect(readTree(wiki).get('_WorkflowIndex.md')!.toString()).toMatch(/\[\]/);
    // A partial of the user's own is not checked in advance; strict mode stops it at the missing variable.
    const strict = templates({ 'partials/mine.hbs': 'a\n{{step.nope}}\n', 'workflow-index.hbs': '{{#each workflows}}{{#each steps}}{{> mine step=this}}{{/each}}{{/each}}\n' });
    const s = failing(strict);
    expect(s.code).toBe(2);
    expect(s.stderr.trimEnd().split('\n').pop()).toBe(`goldpath: template ${path.join(strict, 'partials', 'mine.hbs')} line 2: unknown variable "nope" (strict mode)`);
  });

  it('--templates that is not a folder is refused before any work', () => {
    const r = failing(path.join(scratch(), 'missing'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^goldpath: --templates .*missing is not a readable directory\n$/);
  });

  it('the override examples of docs/templates.md work as written', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/templates.md'), 'utf8');
    const blocks = [...doc.matchAll(/```handlebars\n([\s\S]*?)```/g)].map((m) => m[1]);
    const shipped = readFileSync(path.join(ROOT, 'packages/core/templates/report.hbs'), 'utf8');
    // The report example: its first lines, then the shipped template from "## Summary" on.
    const head = blocks[0].split('## Summary')[0];
    const partial = /`my-templates\/partials\/step-row\.hbs` holding `([^`]+)`/.exec(doc)![1];
    const index = readFileSync(path.join(ROOT, 'packages/core/templates/workflow-index.hbs'), 'utf8').replace(/\{\{#each steps\}\}\n\n### Step/, `${blocks[1]}{{#each steps}}\n\n### Step`);
    const dir = templates({ 'report.hbs': head + shipped.slice(shipped.indexOf('## Summary')), 'partials/step-row.hbs': `${partial}\n`, 'workflow-index.hbs': index });
    const wiki = copyWiki('tinylm');
    const r = runCli([REPO, '--wiki', wiki, '--templates', dir]);
    expect(r.code, r.stderr).toBe(0);
    const tree = readTree(wiki);
    expect(tree.get('_reports/phase1_anchoring.md')!.toString()).toMatch(/^# Phase 1: Anchoring Report\n\nGenerated for `acme_tinylm_\w+`(, `acme_tinylm_\w+`)+\.\n\n## Summary\n/);
    expect(tree.get('_WorkflowIndex.md')!.toString()).toMatch(/^\| 1 \| [^|]+ \| `[^`]+:L\d+-\d+` \|$/m);
  });
});
