// `pnpm bench:accuracy <repo> [--name x] [--wiki dir] `: compares goldpath's resolution of every
// call site in the Python files it selects with jedi (`goto`, imports followed), and every printed span
// with Python's ast. Prints precision, recall and span exactness, the recall misses counted by reason,
// then every disagreement (one line each). jedi searches every package root of a multi-package
// repository (scripts/jedi_oracle.py). Not part of the test suite: it needs jedi (the python3 on PATH,
// else Debian's python3-jedi).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { astDefinitions } from './lib/ast-spans.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const positional = args.filter((a, i) => !a.startsWith('--') && !['--name', '--wiki', '--jedi-cache'].includes(args[i - 1]));
if (!positional[0]) {
  process.stderr.write('usage: pnpm bench:accuracy <repo> [--name repo_name] [--wiki dir] [--jedi-cache file] [--all]\n');
  process.exit(2);
}
const repo = path.resolve(process.env.INIT_CWD ?? process.cwd(), positional[0]);

function pythonWithJedi() {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import jedi'], { encoding: 'utf8' }).status === 0) return py;
  }
  process.stderr.write('jedi is missing: installing Debian python3-jedi\n');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'python3-jedi'], { stdio: 'inherit' });
  if (spawnSync('/usr/bin/python3', ['-c', 'import jedi'], { encoding: 'utf8' }).status === 0) return '/usr/bin/python3';
  process.stderr.write('cannot get jedi\n');
  process.exit(2);
}

const { extractWorkflows } = await import(path.join(root, 'packages/core/dist/index.js'));
const byCandidate = new Map();
// Without --wiki the pages go to a temporary folder, removed once the model is read.
const wiki = opt('--wiki') ? path.resolve(process.env.INIT_CWD ?? process.cwd(), opt('--wiki')) : mkdtempSync(path.join(os.tmpdir(), 'goldpath-acc-'));
const model = await extractWorkflows({
  repo,
  wiki,
  ...(opt('--name') ? { name: opt('--name') } : {}),
  onCalls: (id, calls) => byCandidate.set(id, calls),
});
if (!opt('--wiki')) rmSync(wiki, { recursive: true, force: true });
// --all: every Python candidate, not only those kept for a workflow (a wider sample of call sites).
const kept = model.candidates.filter((c) => (c.kept || args.includes('--all')) && c.path.endsWith('.py') && c.kind !== 'readme' && c.kind !== 'docs');
const selected = new Set(kept.map((c) => c.path));
const sites = [];
for (const c of kept) {
  for (const call of byCandidate.get(c.id) ?? []) {
    // A helper of an example or test that goldpath follows into is a source too: its own functions are
    // the workflow's code, as the example's are.
    selected.add(call.site.path);
    if (call.resolution.kind === 'pattern' || call.resolution.kind === 'tool') continue;
    // `f(...)(x)` calls what a call returned: no name of the repository is called there.
    const last = (call.written ?? call.callee).split('.').pop();
    const name = last.replace(/\(.*$/, '');
    if (!/^[A-Za-z_]\w*$/.test(name) || last.includes('(')) continue;
    sites.push({ file: call.site.path, line: call.site.start, name, callee: call.callee, resolution: call.resolution });
  }
}
const py = pythonWithJedi();
process.stdout.write(`jedi from: ${py} (${execFileSync(py, ['-c', 'import jedi; print(jedi.__version__)'], { encoding: 'utf8' }).trim()})\n`);
// --jedi-cache file: jedi's answers depend only on the repository, not on goldpath, so a rerun after a
// resolver change asks jedi only about call sites it has not answered yet (a large repository takes jedi
// half an hour). Keyed by file, line and name; delete the file when the repository changes.
const cacheFile = opt('--jedi-cache') ? path.resolve(process.env.INIT_CWD ?? process.cwd(), opt('--jedi-cache')) : undefined;
const cache = new Map(cacheFile && existsSync(cacheFile) ? readFileSync(cacheFile, 'utf8').split('\n').filter(Boolean).map((l) => { const { key, answer } = JSON.parse(l); return [key, answer]; }) : []);
const keyOf = (s) => JSON.stringify([s.file, s.line, s.name]);
const asked = [...new Map(sites.filter((s) => !cache.has(keyOf(s))).map((s) => [keyOf(s), s])).values()];
const oracle = spawnSync(py, [path.join(root, 'scripts/jedi_oracle.py'), repo], {
  input: asked.map((s) => JSON.stringify({ file: s.file, line: s.line, name: s.name })).join('\n') + '\n',
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
if (oracle.status !== 0) {
  process.stderr.write(oracle.stderr);
  process.exit(1);
}
const [header, ...fresh] = oracle.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
asked.forEach((s, i) => cache.set(keyOf(s), fresh[i] ?? { ok: false }));
if (cacheFile) writeFileSync(cacheFile, [...cache].map(([key, answer]) => JSON.stringify({ key, answer })).join('\n') + '\n');
const answers = sites.map((s) => ({ ...cache.get(keyOf(s)) }));
const roots = header.roots.filter((r) => r !== '.');
if (roots.length) process.stdout.write(`jedi search paths: the repository root and ${roots.length} package roots (${roots.slice(0, 6).join(', ')}${roots.length > 6 ? ', …' : ''})\n`);

// Spans of the repository's definitions, from ast: jedi targets map to the definition whose def line
// they hit, and every printed span is checked against the same table.
const pyFiles = [...new Set([...answers.filter((a) => a.ok && !path.isAbsolute(a.path) && a.path.endsWith('.py')).map((a) => a.path), ...sites.filter((s) => s.resolution.kind === 'repo').map((s) => s.resolution.span.path)])].sort();
const defs = astDefinitions(repo, pyFiles);
// A jedi target on an @overload stub counts as the implementation (the last same-named def without it).
const defAt = (file, line) => {
  const list = defs.get(file) ?? [];
  const d = list.find((x) => x.defLine === line || (x.start <= line && line < x.defLine));
  if (!d?.overload) return d;
  return list.filter((x) => x.qualname === d.qualname && !x.overload).pop() ?? d;
};

let printed = 0, precOk = 0, precJediNone = 0, recallBase = 0, recallOk = 0, exact = 0;
const spansSeen = new Set();
const disagreements = [];
const jediNone = [];
// Why goldpath missed what jedi found: the resolution kind, and for unresolved calls the reason with
// names and numbers folded (`\`x\` is not defined or imported before line N`).
const missedBy = new Map();
const reasonOf = (g) => (g.kind === 'repo' ? 'repo: another definition' : g.kind === 'unresolved' ? `unresolved: ${g.reason.replace(/`[^`]*`/g, 'X').replace(/\d+/g, 'N').replace(/\s*\(.*$/, '')}` : g.kind === 'builtin' && g.name.startsWith('local') ? 'builtin: the example\'s own value' : g.kind);
sites.forEach((s, i) => {
  const a = answers[i] ?? { ok: false };
  const where = `${s.file}:${s.line} ${s.callee}`;
  const g = s.resolution;
  const jediDef = a.ok && !path.isAbsolute(a.path) ? defAt(a.path, a.line) : undefined;
  if (jediDef && jediDef.defLine !== a.line) a.line = jediDef.defLine;
  const jediRepo = a.ok && !path.isAbsolute(a.path) && a.path.endsWith('.py') && !selected.has(a.path) && (a.type === 'function' || a.type === 'class') ? jediDef : undefined;
  if (g.kind === 'repo') {
    printed++;
    const key = `${g.span.path}:${g.span.start}-${g.span.end}`;
    if (!spansSeen.has(key)) {
      spansSeen.add(key);
      const truth = (defs.get(g.span.path) ?? []).some((d) => d.start === g.span.start && d.end === g.span.end);
      if (truth) exact++;
      else disagreements.push(`SPAN ${key} (${g.qualname}) is not a def/class span in ast`);
    }
    // jedi landing on a variable, a parameter or a module (`model(x)` → the statement `model = GPT(...)`)
    // gives no definition to compare with: it did not resolve the callee.
    if (!a.ok || (a.type !== 'function' && a.type !== 'class')) {
      precJediNone++;
      jediNone.push(`${where}: ${a.ok ? `jedi stops at the ${a.type} ${a.name} (${a.path}:${a.line}); goldpath ${g.span.path}:L${g.span.start}-${g.span.end} (${g.qualname})` : (a.why ?? 'no answer')}`);
    } else if (a.path === g.span.path && a.line >= g.span.start && a.line <= g.span.end) precOk++;
    else disagreements.push(`PRECISION ${where}: goldpath ${g.span.path}:L${g.span.start}-${g.span.end} (${g.qualname}), jedi ${a.path}:${a.line} (${a.type} ${a.name})`);
  }
  if (jediRepo) {
    recallBase++;
    if (g.kind === 'repo' && g.span.path === a.path && g.span.start === jediRepo.start && g.span.end === jediRepo.end) recallOk++;
    else if (g.kind === 'repo' && g.span.path === a.path && a.line >= g.span.start && a.line <= g.span.end) recallOk++;
    else {
      missedBy.set(reasonOf(g), (missedBy.get(reasonOf(g)) ?? 0) + 1);
      disagreements.push(`RECALL ${where}: jedi ${a.path}:${a.line} (${jediRepo.qualname}), goldpath ${g.kind === 'repo' ? `${g.span.path}:L${g.span.start}-${g.span.end}` : g.kind}${g.reason ? ` (${g.reason})` : g.kind === 'builtin' ? ` (${g.name})` : ''}`);
    }
  }
});
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');
const precBase = printed - precJediNone;
process.stdout.write(
  `${path.basename(repo)}: ${kept.length} selected .py sources, ${sites.length} call sites\n` +
    `precision ${pct(precOk, precBase)} (${precOk}/${precBase} repository locations where jedi agrees; ${precJediNone} more jedi does not resolve to a def or class)\n` +
    `recall ${pct(recallOk, recallBase)} (${recallOk}/${recallBase} calls jedi resolves to a repository def/class outside the sources)\n` +
    `span exactness ${pct(exact, spansSeen.size)} (${exact}/${spansSeen.size} distinct printed spans equal ast's)\n`,
);
if (missedBy.size) {
  process.stdout.write('recall misses by reason:\n');
  for (const [why, n] of [...missedBy].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) process.stdout.write(`  ${String(n).padStart(5)}  ${why}\n`);
}
for (const d of disagreements) process.stdout.write(`${d}\n`);
for (const j of jediNone) process.stdout.write(`JEDI-NONE ${j}\n`);
