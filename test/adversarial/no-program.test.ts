// goldpath starts no program that reads the analysed repository's configuration: a repository whose
// .git/config names programs (gpg.program with a signed HEAD, core.fsmonitor, core.pager, diff.external,
// core.sshCommand, hooks, core.hooksPath, ...) gets none of them run, and no program found on PATH runs.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DATE, git, markerScript, tinylm } from './helpers.js';

const HOOKS = ['applypatch-msg', 'commit-msg', 'post-checkout', 'post-commit', 'post-index-change', 'post-merge', 'post-rewrite', 'pre-auto-gc', 'pre-commit', 'pre-push', 'pre-rebase', 'prepare-commit-msg', 'reference-transaction', 'fsmonitor-watchman', 'push-to-checkout'];

/** The tinylm repository under git, HEAD a signed-looking commit, every program-naming key planted. */
function hostileGitRepo() {
  const t = tinylm();
  const { repo, root } = t;
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'initial']);
  const tree = git(repo, ['rev-parse', 'HEAD^{tree}']);
  const parent = git(repo, ['rev-parse', 'HEAD']);
  const commit = `tree ${tree}\nparent ${parent}\nauthor T <t@example.org> 1700000000 +0000\ncommitter T <t@example.org> 1717243200 +0200\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEEaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n =abcd\n -----END PGP SIGNATURE-----\n\nsigned commit\n`;
  const id = git(repo, ['hash-object', '-t', 'commit', '-w', '--stdin'], commit);
  git(repo, ['update-ref', 'refs/heads/main', id]);
  git(repo, ['remote', 'add', 'origin', 'git@github.com:acme/tinylm.git']);

  const markers = path.join(root, 'markers');
  mkdirSync(markers);
  const script = (name: string) => markerScript(path.join(root, 'bin', `${name}.sh`), path.join(markers, name));
  const keys: [string, string][] = [
    ['gpg.program', script('gpg-program')],
    ['gpg.openpgp.program', script('gpg-openpgp')],
    ['gpg.ssh.program', script('gpg-ssh')],
    ['gpg.x509.program', script('gpg-x509')],
    ['log.showSignature', 'true'],
    ['core.fsmonitor', script('core-fsmonitor')],
    ['core.pager', script('core-pager')],
    ['pager.log', script('pager-log')],
    ['pager.config', script('pager-config')],
    ['diff.external', script('diff-external')],
    ['core.sshCommand', script('core-sshcommand')],
    ['core.askPass', script('core-askpass')],
    ['core.editor', script('core-editor')],
    ['credential.helper', `!${script('credential-helper')}`],
    ['filter.evil.smudge', script('filter-smudge')],
    ['filter.evil.clean', script('filter-clean')],
    ['filter.evil.process', script('filter-process')],
    ['uploadpack.packObjectsHook', script('packobjectshook')],
    ['core.hooksPath', path.join(root, 'hookspath')],
  ];
  for (const [k, v] of keys) git(repo, ['config', k, v]);
  writeFileSync(path.join(repo, '.gitattributes'), '* filter=evil\n');
  for (const h of HOOKS) {
    markerScript(path.join(repo, '.git', 'hooks', h), path.join(markers, `hook-${h}`));
    markerScript(path.join(root, 'hookspath', h), path.join(markers, `hookspath-${h}`));
  }
  return { ...t, markers, commitTime: 1717243200 };
}

describe('no program from the analysed repository runs', () => {
  it('a hostile .git/config (gpg.program with a signed HEAD, fsmonitor, pager, diff.external, sshCommand, hooks, hooksPath) runs nothing', () => {
    const h = hostileGitRepo();
    const r = cli([h.repo, '--wiki', h.wiki]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(h.markers)).toEqual([]);
    // The HEAD time and the remote are still read, from the files: the signed commit's committer time.
    const page = readdirSync(path.join(h.wiki, 'workflows')).find((n) => n.startsWith('acme_tinylm_') && n.endsWith('.md'))!;
    expect(readFileSync(path.join(h.wiki, 'workflows', page), 'utf8')).toContain('[[last_updated::2024-06-01 12:00 GMT]]');
  });

  it('no program is started at all: git, shells, Python, package managers on PATH are never run', () => {
    const h = hostileGitRepo();
    const fake = path.join(h.root, 'fakebin');
    const names = ['git', 'sh', 'bash', 'dash', 'env', 'python', 'python3', 'node', 'npm', 'npx', 'pnpm', 'yarn', 'pip', 'pip3', 'gpg', 'gpg2', 'ssh', 'less', 'more', 'watchman', 'uname', 'which'];
    for (const n of names) markerScript(path.join(fake, n), path.join(h.markers, `path-${n}`));
    chmodSync(fake, 0o755);
    for (const args of [[h.repo, '--wiki', h.wiki], [h.repo, '--wiki', h.wiki, '--dry-run'], [h.repo, '--wiki', h.wiki, '--json', ...DATE], ['validate', h.wiki]]) {
      const r = cli(args, { PATH: `${fake}:${process.env.PATH}` });
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    }
    expect(readdirSync(h.markers)).toEqual([]);
  });
});

describe('no module of goldpath can start a process', () => {
  it('nothing under packages/*/src imports child_process or cluster; worker threads only in the facts pool, running goldpath\'s own worker', async () => {
    const { readdirSync: ls, readFileSync: read, statSync } = await import('node:fs');
    const { ROOT } = await import('../helpers.js');
    // The facts pool (`--jobs N`, issue #14) runs goldpath's own parser on worker threads: no program,
    // nothing of the analysed repository; its Worker is built from a fixed file of goldpath.
    const POOL = 'packages/core/src/lang/python/pool.ts';
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const n of ls(dir).sort()) {
        const p = path.join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.[cm]?[jt]s$/.test(n)) {
          const text = read(p, 'utf8');
          const rel = path.relative(ROOT, p).split(path.sep).join('/');
          if (/(from|import\(|require\()\s*['"](node:)?(child_process|cluster)['"]/.test(text)) offenders.push(rel);
          if (/(from|import\(|require\()\s*['"](node:)?worker_threads['"]/.test(text) && rel !== POOL && !rel.endsWith('/facts-worker.ts')) offenders.push(rel);
        }
      }
    };
    for (const pkg of ['core', 'cli']) walk(path.join(ROOT, 'packages', pkg, 'src'));
    expect(offenders).toEqual([]);
    const pool = read(path.join(ROOT, POOL), 'utf8');
    expect(pool.match(/new Worker\([^)]*\)/g)).toEqual(["new Worker(new URL('./facts-worker.js', import.meta.url)"]);
  });
});
