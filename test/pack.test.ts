// The packages as a user gets them: `pnpm pack` both, install the tarballs into an empty project offline
// (from the store the workspace install filled), run the installed `goldpath` on a fixture.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyWiki, fixtureArgs, pnpm, readTree, ROOT, scratch } from './helpers.js';

function tarList(file: string): string[] {
  return spawnSync('tar', ['-tzf', file], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
}

function tarFile(file: string, member: string): string {
  return spawnSync('tar', ['-xzOf', file, member], { encoding: 'utf8' }).stdout;
}

/** The text of one top-level section of the workspace lockfile (`packages:`, `snapshots:`), without its heading. */
function section(lock: string, name: string): string {
  const start = lock.indexOf(`\n${name}:\n`);
  const rest = lock.slice(start + name.length + 3);
  const end = rest.search(/\n[a-zA-Z]/);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

/** name → resolved version of one importer's `dependencies` in the workspace lockfile. */
function importerDependencies(lock: string, importer: string): [string, string][] {
  const block = section(lock, 'importers').split(/\n(?=  \S)/).find((b) => b.trimStart().startsWith(`${importer}:`))!;
  const deps = block.split(/\n    (?:devDependencies|optionalDependencies):/)[0];
  return [...deps.matchAll(/\n {6}('?[^\s:']+'?):\n {8}specifier: .*\n {8}version: (\S+)/g)].map((m) => [m[1], m[2]]);
}

/**
 * A lockfile for a project that depends on the two tarballs, built from the workspace's own lockfile, so
 * that `pnpm install --offline --frozen-lockfile` resolves nothing (no registry metadata is needed).
 */
function projectLockfile(cliTgz: string, coreTgz: string, dir: string): string {
  const lock = readFileSync(path.join(ROOT, 'pnpm-lock.yaml'), 'utf8');
  const integrity = (f: string) => `sha512-${createHash('sha512').update(readFileSync(path.join(dir, f))).digest('base64')}`;
  const cli = `file:../tarballs/${cliTgz}`;
  const core = `file:../tarballs/${coreTgz}`;
  const coreDeps = importerDependencies(lock, 'packages/core');
  expect(coreDeps.length).toBeGreaterThan(5);
  return [
    "lockfileVersion: '9.0'",
    '',
    'settings:',
    '  autoInstallPeers: true',
    '  excludeLinksFromLockfile: false',
    '',
    'overrides:',
    `  '@goldpath/core': ${core}`,
    '',
    'importers:',
    '',
    '  .:',
    '    dependencies:',
    "      '@goldpath/cli':",
    `        specifier: ${cli}`,
    `        version: ${cli}`,
    "      '@goldpath/core':",
    `        specifier: ${core}`,
    `        version: ${core}`,
    '',
    'packages:',
    '',
    `  '@goldpath/cli@${cli}':`,
    `    resolution: {integrity: ${integrity(cliTgz)}, tarball: ${cli}}`,
    '    version: 0.1.0',
    '    hasBin: true',
    '',
    `  '@goldpath/core@${core}':`,
    `    resolution: {integrity: ${integrity(coreTgz)}, tarball: ${core}}`,
    '    version: 0.1.0',
    section(lock, 'packages').replace(/\n+$/, ''),
    '',
    'snapshots:',
    '',
    `  '@goldpath/cli@${cli}':`,
    '    dependencies:',
    `      '@goldpath/core': ${core}`,
    '',
    `  '@goldpath/core@${core}':`,
    '    dependencies:',
    ...coreDeps.map(([n, v]) => `      ${n}: ${v}`),
    section(lock, 'snapshots').replace(/\n+$/, ''),
    '',
  ].join('\n');
}

describe('installable packages', () => {
  it('pnpm pack, an offline install into an empty project, then the installed goldpath runs a fixture', { timeout: 300_000 }, () => {
    const root = scratch('goldpath-pack-');
    const tarballs = path.join(root, 'tarballs');
    mkdirSync(tarballs);
    for (const pkg of ['core', 'cli']) pnpm(['pack', '--pack-destination', tarballs], { cwd: path.join(ROOT, 'packages', pkg) });
    const files = readdirSync(tarballs).sort();
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
    expect(files).toEqual([`goldpath-cli-${version}.tgz`, `goldpath-core-${version}.tgz`]);
    const [cliTgz, coreTgz] = files.map((f) => path.join(tarballs, f));

    // What ships: the CLI is its built entry point; the library its build, templates and schema.
    expect(tarList(cliTgz)).toEqual(['package/LICENSE', 'package/README.md', 'package/dist/main.js', 'package/package.json']);
    const core = tarList(coreTgz);
    for (const f of ['package/LICENSE', 'package/README.md', 'package/dist/index.js', 'package/dist/index.d.ts', 'package/schema/goldpath-model.schema.json', 'package/templates/report.hbs', 'package/templates/workflow-page.hbs', 'package/templates/workflow-index.hbs', 'package/templates/partials/step-attributes.hbs']) {
      expect(core).toContain(f);
    }
    expect(core.filter((f) => /\/(src|test)\/|tsbuildinfo|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    const cliPkg = JSON.parse(tarFile(cliTgz, 'package/package.json')) as Record<string, unknown>;
    expect(cliPkg.dependencies).toEqual({ '@goldpath/core': version });
    for (const tgz of [cliTgz, coreTgz]) {
      const pkg = JSON.parse(tarFile(tgz, 'package/package.json')) as Record<string, unknown>;
      expect(pkg).toMatchObject({ license: 'MIT', engines: { node: '>=20' }, type: 'module' });
      for (const key of ['description', 'keywords', 'repository', 'files']) expect(pkg[key], key).toBeTruthy();
      expect(tarFile(tgz, 'package/LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} goldpath contributors\n/);
    }

    // An empty project installs both tarballs offline, from the store the workspace install filled.
    const project = path.join(root, 'project');
    mkdirSync(project);
    const [cliSpec, coreSpec] = files.map((f) => `file:../tarballs/${f}`);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'try-goldpath', private: true, dependencies: { '@goldpath/cli': cliSpec, '@goldpath/core': coreSpec }, pnpm: { overrides: { '@goldpath/core': coreSpec } } }, null, 2));
    writeFileSync(path.join(project, 'pnpm-lock.yaml'), projectLockfile(files[0], files[1], tarballs));
    const store = pnpm(['store', 'path'], { cwd: ROOT }).trim();
    // An empty metadata cache: nothing is resolved against a registry, every file comes from the store.
    pnpm(['install', '--offline', '--frozen-lockfile', '--store-dir', store, '--cache-dir', path.join(root, 'empty-cache')], { cwd: project });

    const bin = path.join(project, 'node_modules/.bin/goldpath');
    const v = spawnSync(bin, ['--version'], { encoding: 'utf8', cwd: project });
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toBe(`${version}\n`);
    // The library and its schema resolve through the package exports.
    const lib = spawnSync(process.execPath, ['--input-type=module', '-e', "import * as g from '@goldpath/core'; import { createRequire } from 'node:module'; const s = createRequire(process.cwd() + '/').resolve('@goldpath/core/schema.json'); console.log(typeof g.extractWorkflows, g.SCHEMA_VERSION, s.endsWith('schema/goldpath-model.schema.json'))"], { encoding: 'utf8', cwd: project });
    expect(lib.stdout, lib.stderr).toMatch(/^function \d+\.\d+ true\n$/);

    // One fixture, with relative paths from the project: the same bytes as the expected outputs.
    const wiki = copyWiki('tinylm', path.join(project, 'out'));
    const before = readTree(wiki);
    const run = spawnSync(bin, [path.relative(project, path.join(ROOT, 'examples/tinylm/repo')), '--wiki', path.relative(project, wiki), ...fixtureArgs('tinylm')], { encoding: 'utf8', cwd: project });
    expect(run.status, run.stderr).toBe(0);
    const expected = readTree(path.join(ROOT, 'examples/tinylm/expected'));
    const after = readTree(wiki);
    for (const [p, bytes] of expected) expect(after.get(p)?.toString('utf8'), p).toBe(bytes.toString('utf8'));
    const changed = [...after.keys()].filter((p) => !before.get(p)?.equals(after.get(p)!));
    expect(changed.sort()).toEqual([...expected.keys()].sort());
  });
});
