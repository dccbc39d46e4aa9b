// `pnpm start`: runs goldpath on the embedded example. The committed input wiki is copied to the
// git-ignored .scratch/ folder first, so the fixture itself is never edited.
import { cpSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2] ?? 'tinylm';
const fixture = path.join(root, 'examples', name);
const out = path.join(root, '.scratch', name, 'wiki');
rmSync(out, { recursive: true, force: true });
mkdirSync(path.dirname(out), { recursive: true });
cpSync(path.join(fixture, 'wiki'), out, { recursive: true });
const args = JSON.parse(readFileSync(path.join(fixture, 'goldpath.args.json'), 'utf8'));
const r = spawnSync(process.execPath, [path.join(root, 'packages/cli/dist/main.js'), path.join(fixture, 'repo'), '--wiki', out, ...args], {
  stdio: 'inherit',
});
if (r.status === 0) process.stderr.write(`\nThe wiki is in ${path.relative(process.cwd(), out) || '.'}\n`);
process.exit(r.status ?? 1);
