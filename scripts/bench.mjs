// Benchmark: `pnpm bench <repo> [--runs N] [--parser native|wasm]`. Runs extraction + rendering in a
// fresh process per run (no writes) and prints wall time and peak memory; not part of the test suite.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const repo = args.find((a) => !a.startsWith('--'));
if (!repo) {
  process.stderr.write('usage: pnpm bench <repo> [--runs N] [--parser native|wasm]\n');
  process.exit(2);
}
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const parser = args.includes('--parser') ? args[args.indexOf('--parser') + 1] : 'native';
const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-bench-'));
const times = [];
let peak = 0;
for (let i = 0; i < runs; i++) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(root, 'packages/cli/dist/main.js'), path.resolve(process.env.INIT_CWD ?? process.cwd(), repo), '--wiki', wiki, '--dry-run', '--parser', parser], { encoding: 'utf8' });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(secs)) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  times.push(secs);
  peak = Math.max(peak, kb);
  const summary = r.stderr.split('\n').find((l) => /workflows, \d+ steps/.test(l));
  if (i === 0 && summary) process.stdout.write(`${summary}\n`);
}
times.sort((a, b) => a - b);
process.stdout.write(`${path.basename(repo)}: ${runs} runs, median ${times[Math.floor(times.length / 2)].toFixed(2)} s, min ${times[0].toFixed(2)} s, peak RSS ${(peak / 1024).toFixed(0)} MiB (parser ${parser})\n`);
