// Golden-path benchmark: `pnpm bench:golden <repo> --reference <file.json> [--name x] [--max-workflows N] [--json] [--written]`.
// A reference (scripts/golden/*.json, written from a repository's README, docs and examples before looking
// at goldpath's output) lists the repository's golden paths, each with the 1 to 3 APIs a workflow must call
// to be that path. This runs goldpath (every use case, ranked) and prints, per path, the rank of the best
// use case that covers it, then: found (covered by a written workflow), found within the top 2N (N =
// reference paths), workflows written, and duplicates (written workflows that cover only paths a
// higher-ranked workflow already covers); then any step of a written workflow (not a test-only one) that
// is defined under a tests folder or shown at a call site in a test. Not part of the test suite.
//
// Matching: an API matches a call when, case-insensitively, the call as written (`model.get_peft_model`),
// its resolved definition (`Accelerator.prepare`) or its command line ends with the API at a `.` boundary;
// `a|b` is either; `Name(kw=)` also needs the keyword argument `kw` (in TypeScript, a field `kw` of the
// options object it is given: `create({ stream: true })`); an API with a space (`litgpt finetune`) is a
// command and matches a call that starts with it. A use case covers a path when it calls every API.
// GP_ROOT=<checkout> runs another build of goldpath (a baseline worktree) against the same reference.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const repo = args.find((a, i) => !a.startsWith('--') && !['--reference', '--name', '--max-workflows'].includes(args[i - 1]));
const refFile = opt('--reference');
if (!repo || !refFile) {
  process.stderr.write('usage: pnpm bench:golden <repo> --reference <file.json> [--name x] [--max-workflows N] [--json] [--written]\n');
  process.exit(2);
}
const cwd = process.env.INIT_CWD ?? process.cwd();
const ref = JSON.parse(readFileSync(path.resolve(cwd, refFile), 'utf8'));
const budget = Number(opt('--max-workflows') ?? 12);
const { extractWorkflows } = await import(pathToFileURL(path.join(process.env.GP_ROOT ?? root, 'packages/core/dist/index.js')).href);
const { TEST_ONLY_FILL } = await import(pathToFileURL(path.join(root, 'packages/core/dist/heuristics/tables.js')).href);
const { isTestPath } = await import(pathToFileURL(path.join(root, 'packages/core/dist/repo/layout.js')).href);
const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-golden-'));
const t0 = process.hrtime.bigint();
const model = await extractWorkflows({ repo: path.resolve(cwd, repo), wiki, all: true, ...(opt('--name') ? { name: opt('--name') } : {}) });
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
// The model is all this reads; the pages written for it are not kept.
rmSync(wiki, { recursive: true, force: true });

/** Names a call answers to: as written, its resolution, its command line. */
function namesOf(c) {
  const out = [c.callee, c.written];
  const r = c.resolution;
  if (r.kind === 'repo') out.push(r.qualname, `${r.module}.${r.qualname}`);
  return out.filter(Boolean).map((n) => n.toLowerCase().replace(/\(\)/g, ''));
}

function matchesOne(api, c) {
  const m = /^(.*)\((\w+)=\)$/.exec(api.trim());
  const name = (m ? m[1] : api).trim().toLowerCase();
  if (m && !c.argNames.includes(m[2]) && !(c.argValues && Object.hasOwn(c.argValues, m[2]))) return false;
  if (name.includes(' ')) return namesOf(c).some((n) => n === name || n.startsWith(`${name} `));
  // A class names the calls of its methods too (`AutoPipelineForImage2Image` is used by
  // `AutoPipelineForImage2Image.from_pretrained(...)`); a capitalised name only, so `train` is no `train.x`.
  const asClass = /^[A-Z]/.test((m ? m[1] : api).trim());
  return namesOf(c).some((n) => n === name || n.endsWith(`.${name}`) || (asClass && (n.startsWith(`${name}.`) || n.includes(`.${name}.`))));
}

const matches = (api, calls) => api.split('|').some((alt) => calls.some((c) => matchesOne(alt, c)));

// Every use case, ranked, with its calls (the model's `all` run writes every one).
const useCases = model.workflows.map((w) => ({ rank: w.rank, name: w.name, anchor: w.anchor, testOnly: w.evidence.some((e) => e.kind === 'tests-only'), repeat: w.evidence.some((e) => e.kind === 'repeats' || e.kind === 'config-only'), calls: w.steps.flatMap((s) => s.calls.map((x) => x.call)), steps: w.steps }));
// What a run without --all writes: the first `budget` use cases that are no near-duplicates (evidence
// `repeats`, `config-only`), test-only ones only while examples, README and docs show fewer than
// TEST_ONLY_FILL (group/workflows.ts).
const shown = useCases.filter((u) => !u.testOnly).length;
let testRoom = Math.max(0, TEST_ONLY_FILL - shown);
const writtenSet = new Set();
for (const u of useCases) {
  if (writtenSet.size >= budget) break;
  if (u.repeat) continue;
  if (u.testOnly && testRoom-- <= 0) continue;
  writtenSet.add(u);
}
const isWritten = (u) => writtenSet.has(u);
const covers = (u, p) => p.apis.every((api) => matches(api, u.calls));
const n = ref.paths.length;
const rows = [];
const coveredBy = new Map();
for (const p of ref.paths) {
  const best = useCases.find((u) => covers(u, p));
  rows.push({ path: p, best });
}
// Duplicates: a written workflow whose covered paths were all covered by a higher-ranked one.
const written = useCases.filter(isWritten);
const done = new Set();
const duplicates = [];
for (const u of written) {
  const paths = ref.paths.filter((p) => covers(u, p));
  if (!paths.length) continue;
  if (paths.every((p) => done.has(p))) duplicates.push(u);
  for (const p of paths) done.add(p);
}
// Steps of written workflows that are not test-only whose implementation is defined under a tests folder,
// or whose call site (the source shown) is a test: a golden path shows the public API as users call it.
const testSteps = written.filter((u) => !u.testOnly).flatMap((u) =>
  u.steps.flatMap((st) => {
    const c = st.calls[0].call;
    const defined = c.resolution.kind === 'repo' && isTestPath(c.resolution.span.path) ? c.resolution.span.path : undefined;
    if (defined) return [`${u.rank} ${u.name}: ${st.title} (defined in ${defined})`];
    return isTestPath(c.site.path) ? [`${u.rank} ${u.name}: ${st.title} (called from ${c.site.path})`] : [];
  }),
);
const found = rows.filter((r) => r.best && isWritten(r.best)).length;
const top2n = rows.filter((r) => r.best && r.best.rank <= 2 * n).length;
const result = {
  repository: ref.repository,
  paths: n,
  useCases: useCases.length,
  written: writtenSet.size,
  found,
  foundTop2N: top2n,
  duplicates: duplicates.length,
  seconds: Math.round(secs * 10) / 10,
  rows: rows.map((r) => ({ path: r.path.name, rank: r.best?.rank ?? null, workflow: r.best?.name ?? null })),
  duplicateWorkflows: duplicates.map((u) => `${u.rank} ${u.name}`),
  testSteps,
};
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const out = [`${ref.repository}: ${n} reference paths, ${useCases.length} use cases found, ${result.written} written (budget ${budget}), ${result.seconds} s`];
  for (const r of rows) out.push(`  ${String(r.path.rank ?? '').padStart(2)} ${r.path.name.padEnd(32)} ${r.best ? `rank ${String(r.best.rank).padStart(3)}${isWritten(r.best) ? '' : ' (not written)'}  ${r.best.name}` : 'not found'}`);
  out.push(`found ${found}/${n}, within top 2N (${2 * n}) ${top2n}/${n}, written ${result.written}, duplicates ${duplicates.length}${duplicates.length ? ` (${result.duplicateWorkflows.join(', ')})` : ''}`);
  if (testSteps.length) out.push(`test steps in written workflows ${testSteps.length}: ${testSteps.join('; ')}`);
  // `--written`: every written workflow's rank, name and anchor (to compare names between two builds).
  if (args.includes('--written')) for (const u of written) out.push(`written ${u.rank} ${u.name} (${u.anchor})`);
  process.stdout.write(`${out.join('\n')}\n`);
}
