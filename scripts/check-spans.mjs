// `node scripts/check-spans.mjs <repo> [--name x]`: runs goldpath (--json) on a repository and checks every
// Source Location it would print against an independent parse: Python's own ast (first decorator line,
// end_lineno) for Python, the TypeScript compiler API (scripts/lib/ts-spans.mjs) for TypeScript/JavaScript. Prints the
// counts and every mismatch, and for TypeScript/JavaScript the locations that are type-only (an interface
// member, a type alias, a signature without a body: the implementation should have been printed, or the
// call left unresolved). An independent check for real repositories; not part of the test suite.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { astDefinitions } from './lib/ast-spans.mjs';
import { tsDefinitions } from './lib/ts-spans.mjs';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const repo = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-check-'));
const r = spawnSync(process.execPath, [path.join(root, 'packages/cli/dist/main.js'), repo, '--wiki', wiki, '--json', ...args.slice(1)], { encoding: 'utf8', maxBuffer: 1 << 30 });
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(1);
}
const model = JSON.parse(r.stdout);
const printed = new Map();
for (const w of model.workflows) {
  for (const s of w.steps) {
    for (const c of s.calls) {
      const res = c.call.resolution;
      if (res.kind !== 'repo') continue;
      printed.set(`${res.span.path}:${res.qualname}:${res.span.start}`, { path: res.span.path, qualname: res.qualname, start: res.span.start, end: res.span.end });
    }
  }
}
const files = [...new Set([...printed.values()].map((p) => p.path))].sort();
// Python files against Python's ast, TypeScript/JavaScript files against the TypeScript compiler API.
const isTs = (f) => /\.[cm]?[jt]sx?$/.test(f);
const defs = new Map([...astDefinitions(repo, files.filter((f) => !isTs(f))), ...tsDefinitions(repo, files.filter(isTs))]);
let exact = 0;
const bad = [];
// TypeScript/JavaScript locations with no code behind them: an interface member, a type alias, a
// signature without a body (the implementation should have been printed, or the call left unresolved).
const typeOnly = [];
let tsPrinted = 0;
for (const p of printed.values()) {
  // An inline handler (`(dev action)`) is checked against the unnamed function written at its line; a
  // function nested in an expression is known to the oracle by its own name only (`*.name`).
  const cands = (defs.get(p.path) ?? []).filter((d) =>
    p.qualname.startsWith('(') ? d.qualname === '(anonymous)' && d.start === p.start : d.qualname === p.qualname || d.qualname === `*.${p.qualname.split('.').pop()}`,
  );
  const hit = cands.find((t) => t.start === p.start && t.end === p.end);
  if (hit) exact++;
  else bad.push(`${p.path}:L${p.start}-${p.end} ${p.qualname}: ast ${cands.map((t) => `L${t.start}-${t.end}`).join(' or ') || 'no such definition'}`);
  if (isTs(p.path)) {
    tsPrinted++;
    if (hit?.typeOnly) typeOnly.push(`${p.path}:L${p.start}-${p.end} ${p.qualname}`);
  }
}
const calls = model.workflows.flatMap((w) => w.steps.flatMap((s) => s.calls));
process.stdout.write(
  `${path.basename(repo)}: ${model.workflows.length} workflows, ${calls.length} step calls, ${printed.size} distinct repository Source Locations, ` +
    `${exact} exact (${printed.size ? ((100 * exact) / printed.size).toFixed(1) : '100.0'}%), ${model.unresolved.length} unresolved calls reported\n`,
);
if (tsPrinted) process.stdout.write(`TypeScript/JavaScript: ${tsPrinted} distinct Source Locations, ${typeOnly.length} type-only (${((100 * typeOnly.length) / tsPrinted).toFixed(1)}%)\n`);
for (const b of bad) process.stdout.write(`MISMATCH ${b}\n`);
for (const t of typeOnly) process.stdout.write(`TYPE-ONLY ${t}\n`);
