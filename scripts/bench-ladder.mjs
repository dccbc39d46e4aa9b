// The scale ladder: `pnpm bench:ladder <list-file> [--runs N] [--no-floor] [--timeout SECONDS] [--root DIR]`.
// The list file names one repository a line: a path to a checkout (relative to the list file's folder;
// `#` starts a comment), or `synth:N` / `synth:N:same` for a synthetic repository of N examples written
// by scripts/synth-repo.mjs into a temporary folder. Per repository, each measured in fresh processes,
// N runs (default 3) and the median printed: files, candidate sources, wall time, peak memory (largest
// RSS of the runs), the time of each stage, and the parse floor (the same file scan, then every Python
// file parsed by tree-sitter alone and every TypeScript/JavaScript file by TypeScript's parser alone).
// A repository that fails is reported with its error and the ladder goes on. Nothing is written into the
// repositories; the wiki of each run is a new empty temporary folder. Not part of the test suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const runs = opt('--runs', 3);
// `--root <checkout>`: measure another built checkout of goldpath (a before/after comparison); default this one.
const measured = args.includes('--root') ? path.resolve(process.env.INIT_CWD ?? process.cwd(), args[args.indexOf('--root') + 1]) : root;
const timeout = opt('--timeout', 900);
const floor = !args.includes('--no-floor');
const listArg = args.find((a, i) => !a.startsWith('--') && !['--runs', '--timeout', '--root'].includes(args[i - 1]));
if (!listArg || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: pnpm bench:ladder <list-file> [--runs N] [--no-floor] [--timeout SECONDS] [--root <goldpath checkout>]\n');
  process.exit(2);
}
const listFile = path.resolve(process.env.INIT_CWD ?? process.cwd(), listArg);
if (!existsSync(listFile)) {
  process.stderr.write(`bench:ladder: ${listFile}: no such list file\n`);
  process.exit(2);
}
const entries = readFileSync(listFile, 'utf8')
  .split('\n')
  .map((l) => l.replace(/#.*/, '').trim())
  .filter(Boolean);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'goldpath-ladder-'));

/** One process under /usr/bin/time: its JSON line, wall seconds and peak RSS (KiB), or the error. */
function measure(argv) {
  const env = { ...process.env, GOLDPATH_LADDER_ROOT: measured };
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %M', process.execPath, ...argv], { encoding: 'utf8', env, timeout: timeout * 1000, maxBuffer: 64 * 1024 * 1024 });
  const t = /@@time ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  const reported = line.startsWith('{') ? JSON.parse(line).error : undefined;
  if (reported) return { error: reported };
  if (r.status !== 0 || !t || !line.startsWith('{')) {
    const why = r.error ? String(r.error.message) : (r.stderr ?? '').split('\n').filter((l) => l && !l.startsWith('@@time') && !l.startsWith('Command exited')).pop() ?? `exit ${r.status}`;
    return { error: why.slice(0, 200) };
  }
  return { ...JSON.parse(line), wall: Number(t[1]), rss: Number(t[2]) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const secs = (x) => (x === undefined ? '—' : `${x.toFixed(1)} s`);
const mib = (kib) => `${Math.round(kib / 1024)} MiB`;

const rows = [];
for (const entry of entries) {
  let repo = path.resolve(path.dirname(listFile), entry);
  const synth = /^synth:(\d+)(?::(combos|same))?$/.exec(entry);
  if (synth) {
    repo = path.join(scratch, `synth-${synth[1]}-${synth[2] ?? 'combos'}`);
    const g = spawnSync(process.execPath, [path.join(root, 'scripts/synth-repo.mjs'), repo, synth[1], '--shape', synth[2] ?? 'combos'], { encoding: 'utf8' });
    if (g.status !== 0) {
      rows.push({ entry, error: g.stderr.trim() });
      continue;
    }
  }
  process.stderr.write(`bench:ladder: ${entry} (${runs} run(s)${floor ? ' + parse floor' : ''})\n`);
  const got = [];
  let error;
  for (let i = 0; i < runs && !error; i++) {
    const wiki = mkdtempSync(path.join(scratch, 'wiki-'));
    const m = measure([path.join(root, 'scripts/lib/ladder-run.mjs'), 'goldpath', repo, wiki]);
    rmSync(wiki, { recursive: true, force: true });
    if (m.error) error = m.error;
    else got.push(m);
  }
  const floors = [];
  for (let i = 0; floor && i < runs; i++) {
    const m = measure([path.join(root, 'scripts/lib/ladder-run.mjs'), 'floor', repo]);
    if (!m.error) floors.push(m);
  }
  const stageNames = [...new Set(got.flatMap((g) => Object.keys(g.stages)))];
  rows.push({
    entry,
    error,
    files: floors[0]?.files,
    parsed: floors[0]?.parsed,
    sources: got[0]?.sources,
    wall: got.length ? median(got.map((g) => g.wall)) : undefined,
    rss: got.length ? Math.max(...got.map((g) => g.rss)) : undefined,
    stages: Object.fromEntries(stageNames.map((s) => [s, median(got.map((g) => (g.stages[s] ?? 0) / 1000))])),
    floor: floors.length ? median(floors.map((f) => f.wall)) : undefined,
    floorRss: floors.length ? Math.max(...floors.map((f) => f.rss)) : undefined,
  });
  if (synth) rmSync(repo, { recursive: true, force: true });
}
rmSync(scratch, { recursive: true, force: true });

const out = [
  `goldpath scale ladder${measured !== root ? ` (${measured})` : ''}: median of ${runs} run(s) each, fresh processes; peak memory is the largest RSS of the runs; ${os.cpus().length} CPU(s), load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at the end`,
  '',
  '| repository | files | sources | wall | peak memory | stages | parse floor (files parsed) | wall / floor |',
  '|---|---|---|---|---|---|---|---|',
];
for (const r of rows) {
  const stages = r.stages && Object.keys(r.stages).length ? Object.entries(r.stages).map(([s, t]) => `${s} ${t.toFixed(1)}`).join(', ') : '—';
  const fl = r.floor === undefined ? '—' : `${secs(r.floor)}, ${mib(r.floorRss)} (${r.parsed})`;
  const ratio = r.wall !== undefined && r.floor ? `${(r.wall / r.floor).toFixed(1)}×` : '—';
  if (r.error && r.wall === undefined) out.push(`| ${r.entry} | ${r.files ?? '—'} | — | failed: ${r.error.replace(/\|/g, '\\|')} | — | — | ${fl} | — |`);
  else out.push(`| ${r.entry} | ${r.files ?? '—'} | ${r.sources} | ${secs(r.wall)}${r.error ? ` (a later run failed: ${r.error.replace(/\|/g, '\\|')})` : ''} | ${mib(r.rss)} | ${stages} | ${fl} | ${ratio} |`);
}
process.stdout.write(`${out.join('\n')}\n`);
