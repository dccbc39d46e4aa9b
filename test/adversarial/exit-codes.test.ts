// Exit codes and messages: --dry-run and --json run on a read-only wiki (they write nothing); validate
// exits 2 on a missing folder or a bad --name and reports a page that is a folder (exit 1); no stack
// trace reaches a user: an unexpected error is one line naming the input, exit 3.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers.js';
import { cli, DATE, noStackTrace, tinylm, tree } from './helpers.js';

/** Runs the CLI as a user for whom `wiki` is read-only (an unprivileged uid when the tests run as root). */
function cliReadOnly(args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// As root, a wiki is read-only only for another user: the runs drop to an unprivileged uid, which must be
// able to read the checkout (a clone inside a private folder, such as a 0700 temporary one, cannot).
const unprivilegedCanRun =
  process.getuid?.() !== 0 || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(CLI)})`], { uid: 65534, gid: 65534 }).status === 0;

describe('exit codes', () => {
  it.skipIf(!unprivilegedCanRun)('--dry-run and --json run on a read-only wiki; a real run there exits 2 and writes nothing', () => {
    const t = tinylm();
    chmodSync(t.root, 0o755);
    for (const d of [t.repo, t.wiki]) spawnSync('chmod', ['-R', 'a+rX,a-w', d]);
    try {
      const before = tree(t.wiki);
      const dry = cliReadOnly([t.repo, '--wiki', t.wiki, '--dry-run', ...DATE]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/would write _WorkflowIndex\.md/);
      const json = cliReadOnly([t.repo, '--wiki', t.wiki, '--json', ...DATE]);
      expect(json.code, json.stderr).toBe(0);
      const real = cliReadOnly([t.repo, '--wiki', t.wiki, ...DATE]);
      expect(real.code).toBe(2);
      expect(real.stderr).toMatch(/is not writable; nothing was written/);
      expect(noStackTrace(real.stderr)).toBe(true);
      expect(tree(t.wiki)).toEqual(before);
    } finally {
      spawnSync('chmod', ['-R', 'u+w', t.wiki, t.repo]);
    }
  });

  it('validate on a missing folder exits 2 with the path', () => {
    const t = tinylm();
    const missing = path.join(t.root, 'nope');
    const r = cli(['validate', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`goldpath: wiki directory ${missing} does not exist\n`);
  });

  it('validate reports a page that is a folder (exit 1), without a stack trace', () => {
    const t = tinylm();
    expect(cli([t.repo, '--wiki', t.wiki, ...DATE]).code).toBe(0);
    mkdirSync(path.join(t.wiki, 'workflows', 'acme_tinylm_Folder.md'));
    const r = cli(['validate', t.wiki]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('workflows/acme_tinylm_Folder.md:0: not read: workflows/acme_tinylm_Folder.md is a folder, not a page');
    expect(noStackTrace(r.stderr)).toBe(true);
  });

  it('validate --name ../x is a usage error (exit 2)', () => {
    const t = tinylm();
    const r = cli(['validate', t.wiki, '--name', '../x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^goldpath: invalid --name "\.\.\/x"/);
  });

  it('an unexpected error prints one line naming the input and exits 3 (the stack only with GOLDPATH_DEBUG)', () => {
    const t = tinylm();
    writeFileSync(path.join(t.repo, 'examples', 'boom.py'), 'from tinylm import FastModel\nm = FastModel.from_pretrained("x")\nGOLDPATH_BOOM(m)\n');
    // A preload makes name lookups (maps and sets) fail on that one name, as a bug would.
    const preload = path.join(t.root, 'boom.cjs');
    writeFileSync(
      preload,
      "const boom = (k) => { if (k === 'GOLDPATH_BOOM') throw new TypeError('cannot read properties of undefined (reading \"x\")'); };\n" +
        "const get = Map.prototype.get;\nMap.prototype.get = function (k) { boom(k); return get.call(this, k); };\n" +
        "const has = Set.prototype.has;\nSet.prototype.has = function (k) { boom(k); return has.call(this, k); };\n",
    );
    const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['--require', preload, CLI, t.repo, '--wiki', t.wiki, '--parser', 'native', ...DATE], { encoding: 'utf8', env: { ...process.env, ...env } });
    const before = tree(t.wiki);
    const r = run({ GOLDPATH_DEBUG: '' });
    expect(r.status, r.stderr).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('goldpath: internal error on examples/boom.py: TypeError: cannot read properties of undefined (reading "x") (please report it; GOLDPATH_DEBUG=1 prints the stack)');
    expect(noStackTrace(lines.slice(0, -1).join('\n'))).toBe(true);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(run({ GOLDPATH_DEBUG: '1' }).stderr).toMatch(/^\s+at /m);
    expect(tree(t.wiki)).toEqual(before);
  });
});
