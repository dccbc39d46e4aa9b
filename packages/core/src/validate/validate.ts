// `goldpath validate`: checks workflow pages and the index against the output spec, on contents only
// (validateWiki) or on a wiki directory (validateWikiDir).
import { statSync } from 'node:fs';
import { validateRepoName } from '../group/names.js';
import { GoldpathError } from '../model.js';
import { listConfined, readConfined, realWikiDir } from '../wiki/confine.js';

export interface ValidationIssue {
  path: string;
  line: number;
  message: string;
}

const SECTIONS = ['== Overview ==', '=== Description ===', '=== Usage ===', '== Execution Steps ==', '== Execution Diagram ==', '== Related Pages =='];
const NAME = /^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;
const IMPL = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;

interface PageFacts {
  page: string;
  steps: { number: number; title: string; principle: string }[];
}

export function validateWiki(files: { path: string; content: string }[], opts: { repoName?: string } = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const pages = new Map<string, PageFacts>();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Without a name, the index says whose wiki this is.
  if (!opts.repoName) {
    const head = /^# Workflow Index: (\S+)$/.exec(sorted.find((f) => f.path === '_WorkflowIndex.md')?.content.split('\n')[0] ?? '');
    if (head) opts = { ...opts, repoName: head[1] };
  }
  for (const f of sorted) {
    const m = /^workflows\/([^/]+)\.md$/.exec(f.path);
    if (!m) continue;
    if (opts.repoName && !m[1].startsWith(`${opts.repoName}_`)) continue;
    pages.set(m[1], validatePage(f.path, m[1], f.content, opts.repoName, issues));
  }
  const index = sorted.find((f) => f.path === '_WorkflowIndex.md');
  if (index) validateIndex(index.content, pages, opts.repoName, issues);
  else if (pages.size) issues.push({ path: '_WorkflowIndex.md', line: 0, message: 'missing: there are workflow pages but no index' });
  return issues;
}

/**
 * Validates the wiki directory's workflow pages and index. Reads follow no symbolic link below the wiki
 * (a linked page or folder is a problem, not read). Throws a GoldpathError when the folder does not exist
 * or is not a folder, or when `repoName` is not a valid repository name.
 */
export async function validateWikiDir(dir: string, opts: { repoName?: string } = {}): Promise<ValidationIssue[]> {
  if (opts.repoName !== undefined) validateRepoName(opts.repoName);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new GoldpathError(`wiki directory ${dir} does not exist`);
  }
  if (!isDir) throw new GoldpathError(`wiki path ${dir} is not a directory`);
  const root = realWikiDir(dir)!;
  const files: { path: string; content: string }[] = [];
  const issues: ValidationIssue[] = [];
  const list = listConfined(root, 'workflows');
  if (list && 'problem' in list) issues.push({ path: 'workflows', line: 0, message: `not read: ${list.problem}` });
  for (const n of list && 'names' in list ? list.names.filter((x) => x.endsWith('.md')) : []) {
    const rel = `workflows/${n}`;
    const read = readConfined(root, rel);
    if (read?.ok) files.push({ path: rel, content: read.text });
    else if (read) issues.push({ path: rel, line: 0, message: `not read: ${read.reason}` });
  }
  const index = readConfined(root, '_WorkflowIndex.md');
  if (index?.ok) files.push({ path: '_WorkflowIndex.md', content: index.text });
  else if (index) issues.push({ path: '_WorkflowIndex.md', line: 0, message: `not read: ${index.reason}` });
  // Only this repository's pages count (the index names it when no name is given).
  const name = opts.repoName ?? (index?.ok ? /^# Workflow Index: (\S+)$/.exec(index.text.split('\n')[0])?.[1] : undefined);
  const scoped = name ? issues.filter((i) => !i.path.startsWith('workflows/') || i.path.slice('workflows/'.length).startsWith(`${name}_`)) : issues;
  return [...scoped, ...validateWiki(files, opts)];
}

function validatePage(file: string, page: string, text: string, repoName: string | undefined, issues: ValidationIssue[]): PageFacts {
  const add = (line: number, message: string) => issues.push({ path: file, line, message });
  const lines = text.split('\n');
  const facts: PageFacts = { page, steps: [] };
  const repo = repoName ?? page.split('_')[0];
  const rest = repoName ? page.slice(repoName.length + 1) : page;
  if (!NAME.test(rest) && !IMPL.test(page)) add(1, `page name ${page} does not match the workflow name rule`);
  if (/[#<>[\]{}|+:/\- ]/.test(page)) add(1, `page name ${page} has a forbidden character`);
  if (text.includes('\r')) add(1, 'CR line endings');
  if (!text.endsWith('\n') || text.endsWith('\n\n')) add(lines.length, 'must end with exactly one newline');

  // Metadata block first.
  if (lines[0] !== '{| class="wikitable" style="float:right; margin-left:1em; width:300px;"') add(1, 'the page must start with the metadata wikitable');
  const tableEnd = lines.indexOf('|}');
  if (tableEnd < 0) add(1, 'metadata table is not closed with |}');
  const meta = lines.slice(0, Math.max(tableEnd, 0)).join('\n');
  for (const row of ['! Knowledge Sources', '! Domains', '! Last Updated']) if (!meta.includes(row)) add(1, `metadata table has no "${row}" row`);
  for (const m of meta.matchAll(/\[\[source::([^\]]*)\]\]/g)) {
    const parts = m[1].split('|');
    if (parts.length !== 3 || !['Repo', 'Doc', 'Blog', 'Paper'].includes(parts[0]) || !/^https?:\/\/\S+$/.test(parts[2])) add(1, `bad source link [[source::${m[1]}]]`);
  }
  for (const m of meta.matchAll(/\[\[domain::([^\]]*)\]\]/g)) if (!NAME.test(m[1])) add(1, `bad domain tag ${m[1]}`);
  if (!/\[\[last_updated::\d{4}-\d{2}-\d{2} \d{2}:\d{2} GMT\]\]/.test(meta)) add(1, 'last_updated must be [[last_updated::YYYY-MM-DD HH:MM GMT]]');

  // Sections in order.
  let at = -1;
  const where: number[] = [];
  for (const s of SECTIONS) {
    const i = lines.indexOf(s);
    if (i < 0) add(0, `missing section ${s}`);
    else if (i < at) add(i + 1, `section ${s} is out of order`);
    where.push(i);
    at = Math.max(at, i);
  }
  lines.forEach((l, i) => {
    if (/^=+ .* =+$/.test(l) && lines[i + 1] !== '') add(i + 1, 'a heading must be followed by a blank line');
  });

  // Steps.
  const stepsStart = where[3];
  const diagramStart = where[4];
  if (stepsStart >= 0 && diagramStart > stepsStart) {
    const body = lines.slice(stepsStart + 1, diagramStart);
    body.forEach((l, k) => {
      const n = stepsStart + 2 + k;
      const m = /^=== Step (\d+): (.+) ===$/.exec(l);
      if (m) {
        const link = body.slice(k + 1).find((x) => x.trim() !== '');
        const lm = link && /^\[\[step::Principle:([^\]]+)\]\]$/.exec(link);
        if (!lm) add(n, `step ${m[1]} is not followed by a [[step::Principle:...]] line`);
        const principle = lm ? lm[1] : '';
        if (lm && !principle.startsWith(`${repo}_`)) add(n, `principle ${principle} does not start with ${repo}_`);
        if (lm && !NAME.test(principle.slice(repo.length + 1))) add(n, `principle name ${principle} does not match the name rule`);
        facts.steps.push({ number: Number(m[1]), title: m[2], principle });
      }
      if (/<(syntaxhighlight|pre|source)\b/i.test(l) || /^```|^~~~/.test(l) || (/^ \S/.test(l) && !/^ \|/.test(l))) add(n, 'code in a step (steps describe, they hold no code)');
      if (l.includes('uses_heuristic')) add(n, 'no [[uses_heuristic::...]] links in phase 1');
    });
    if (facts.steps.length < 3 || facts.steps.length > 7) add(stepsStart + 1, `${facts.steps.length} steps: a workflow has 3 to 7`);
    facts.steps.forEach((s, i) => {
      if (s.number !== i + 1) add(stepsStart + 1, `step ${s.number} should be step ${i + 1}`);
    });
  }

  // Mermaid block.
  if (diagramStart >= 0) {
    const open = lines.indexOf('{{#mermaid:graph TD', diagramStart);
    const close = open >= 0 ? lines.indexOf('}}', open) : -1;
    if (open < 0 || close < 0 || (where[5] >= 0 && close > where[5])) add(diagramStart + 1, 'the diagram must be a {{#mermaid:graph TD ... }} block');
    else {
      const body = lines.slice(open + 1, close).map((l) => l.trim()).filter(Boolean);
      const labels = new Map<string, string>();
      const edges: [string, string][] = [];
      for (const l of body) {
        const m = /^([A-Z])(?:\[([^\]]*)\])?(?:\s*-->\s*([A-Z])(?:\[([^\]]*)\])?)?$/.exec(l);
        if (!m) {
          add(open + 2, `malformed Mermaid line: ${l}`);
          continue;
        }
        if (m[2] !== undefined) labels.set(m[1], m[2]);
        if (m[3]) {
          edges.push([m[1], m[3]]);
          if (m[4] !== undefined) labels.set(m[3], m[4]);
        }
      }
      if (labels.size !== facts.steps.length) add(open + 1, `the diagram has ${labels.size} nodes for ${facts.steps.length} steps`);
      edges.forEach(([a, b], i) => {
        if (a !== String.fromCharCode(65 + i) || b !== String.fromCharCode(66 + i)) add(open + 2 + i, 'diagram edges must follow the step order');
      });
      const unescape = (s: string) => s.replace(/#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
      const mwUnescape = (s: string) => s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      facts.steps.forEach((s, i) => {
        const label = labels.get(String.fromCharCode(65 + i));
        if (label !== undefined && unescape(label) !== mwUnescape(s.title)) add(open + 1, `diagram node ${String.fromCharCode(65 + i)} is labelled "${label}", not the step title`);
      });
    }
  }

  // Related pages: the distinct principles in step order.
  if (where[5] >= 0) {
    const related = lines.slice(where[5] + 1).filter((l) => l.trim());
    const want = [...new Set(facts.steps.map((s) => s.principle))].map((p) => `* [[step::Principle:${p}]]`);
    if (related.join('\n') !== want.join('\n')) add(where[5] + 1, 'Related Pages must list each step principle once, in step order, and nothing else');
  }

  // Balanced link and template syntax outside the known blocks.
  lines.forEach((l, i) => {
    const opens = (l.match(/\[\[/g) ?? []).length;
    const closes = (l.match(/\]\]/g) ?? []).length;
    if (opens !== closes) add(i + 1, 'unbalanced [[ ]]');
    if (l !== '{{#mermaid:graph TD' && l !== '}}' && /\{\{|\}\}/.test(l)) add(i + 1, 'stray {{ or }}');
  });
  return facts;
}

function validateIndex(text: string, pages: Map<string, PageFacts>, repoName: string | undefined, issues: ValidationIssue[]): void {
  const add = (line: number, message: string) => issues.push({ path: '_WorkflowIndex.md', line, message });
  const lines = text.split('\n');
  if (!/^# Workflow Index: \S+$/.test(lines[0] ?? '')) add(1, 'must start with "# Workflow Index: {repo_name}"');
  if (!lines.includes('## Summary')) add(0, 'missing ## Summary');
  const inIndex = new Map<string, { line: number; steps: { principle: string }[] }>();
  let current: { line: number; steps: { principle: string }[] } | undefined;
  lines.forEach((l, i) => {
    const w = /^## Workflow: (\S+)$/.exec(l);
    if (w) {
      current = { line: i + 1, steps: [] };
      if (!repoName || w[1].startsWith(`${repoName}_`)) inIndex.set(w[1], current);
      const file = lines.slice(i + 1, i + 4).find((x) => x.startsWith('**File:**'));
      if (file !== `**File:** [→](./workflows/${w[1]}.md)`) add(i + 2, `the **File:** link of ${w[1]} must be [→](./workflows/${w[1]}.md)`);
      return;
    }
    const s = /^### Step (\d+): (\S+)$/.exec(l);
    if (s && current) current.steps.push({ principle: s[2] });
  });
  for (const [page, facts] of pages) {
    const entry = inIndex.get(page);
    if (!entry) {
      add(0, `workflow page ${page} is not in the index`);
      continue;
    }
    const repo = repoName ?? page.split('_')[0];
    const want = facts.steps.map((s) => s.principle.slice(repo.length + 1));
    const got = entry.steps.map((s) => s.principle);
    if (want.join(',') !== got.join(',')) add(entry.line, `steps of ${page} differ between page (${want.join(', ')}) and index (${got.join(', ')})`);
    const summary = lines.find((l) => l.startsWith(`| ${page.slice(repo.length + 1)} |`));
    if (!summary) add(0, `no Summary row for ${page}`);
    else if (Number(summary.split('|')[2]) !== facts.steps.length) add(lines.indexOf(summary) + 1, `Summary step count of ${page} is not ${facts.steps.length}`);
  }
  for (const [page, entry] of inIndex) if (!pages.has(page)) add(entry.line, `index lists ${page}, which has no page`);
}
