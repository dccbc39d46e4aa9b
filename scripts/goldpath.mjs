// `pnpm goldpath ...` in the workspace: builds only when a source is newer than the last build, then runs
// the CLI in the folder pnpm was started from (INIT_CWD), so relative paths are the user's. Nothing but
// goldpath's own output goes to stdout (run it as `pnpm -s goldpath` to drop pnpm's banner too).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
};
const newest = (dir) => {
  let t = -1;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : mtime(p));
  }
  return t;
};
const inputs = Math.max(
  ...['core', 'cli'].flatMap((pkg) => [newest(path.join(root, 'packages', pkg, 'src')), mtime(path.join(root, 'packages', pkg, 'tsconfig.json')), mtime(path.join(root, 'packages', pkg, 'package.json'))]),
  mtime(path.join(root, 'tsconfig.base.json')),
);
// tsc -b rewrites its .tsbuildinfo on every build that had work (outputs it would not change keep their time).
const built = Math.min(...['core', 'cli'].map((pkg) => mtime(path.join(root, 'packages', pkg, 'tsconfig.tsbuildinfo'))));
if (built < inputs || mtime(path.join(root, 'packages/cli/dist/main.js')) < 0 || mtime(path.join(root, 'packages/core/dist/index.js')) < 0) {
  // tsc prints its errors on stdout: they go to stderr here, so stdout stays goldpath's.
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/core', 'packages/cli'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (tsc.status !== 0) {
    process.stderr.write('goldpath: the build failed (see above)\n');
    process.exit(2);
  }
}
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import(pathToFileURL(path.join(root, 'packages/cli/dist/main.js')).href);
