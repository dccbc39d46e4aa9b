// The files git tracks are the repository's even where a .gitignore pattern matches them (zod commits
// `packages/zod/package.json` beside a `.gitignore` of `**/package.json`). The index is read as a file;
// no program is started. Indexes are written here byte by byte, in the layout git documents
// (Documentation/gitformat-index.txt), for versions 2 and 4.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFiles } from '../src/repo/files.js';
import { parseIndex, trackedFolders } from '../src/repo/git-index.js';

/** An index of the given paths (sorted, as git keeps them): 60 bytes of stat data and object id, flags, the path. */
function indexOf(paths: string[], version: 2 | 4): Buffer {
  const head = Buffer.alloc(12);
  head.write('DIRC', 0, 'latin1');
  head.writeUInt32BE(version, 4);
  head.writeUInt32BE(paths.length, 8);
  const parts = [head];
  let previous = '';
  for (const p of paths) {
    const fixed = Buffer.alloc(60);
    fixed.writeUInt32BE(0o100644, 24); // mode
    const flags = Buffer.alloc(2);
    flags.writeUInt16BE(Math.min(Buffer.byteLength(p), 0xfff), 0);
    if (version === 4) {
      let common = 0;
      while (common < previous.length && common < p.length && previous[common] === p[common]) common++;
      const strip = previous.length - common;
      // (Offsets below 128 are one byte in the offset varint.)
      parts.push(fixed, flags, Buffer.from([strip]), Buffer.from(p.slice(common) + '\0'));
    } else {
      const name = Buffer.from(p);
      const length = 60 + 2 + name.length;
      parts.push(fixed, flags, name, Buffer.alloc(((length + 8) & ~7) - length));
    }
    previous = p;
  }
  return Buffer.concat(parts);
}

describe('.git/index', () => {
  const paths = ['README.md', 'packages/lib/.gitignore', 'packages/lib/package.json', 'packages/lib/src/index.ts', 'packages/lib/src/long-module-name-for-padding.ts'];

  it('lists the paths of version 2 and version 4 indexes; anything else is no index', () => {
    expect([...parseIndex(indexOf(paths, 2))!]).toEqual(paths);
    expect([...parseIndex(indexOf(paths, 4))!]).toEqual(paths);
    expect(parseIndex(Buffer.from('not an index at all'))).toBeUndefined();
    // A damaged index (cut short) is no index: .gitignore rules alone decide.
    expect(parseIndex(indexOf(paths, 2).subarray(0, 100))).toBeUndefined();
    expect([...trackedFolders(new Set(paths))].sort()).toEqual(['packages', 'packages/lib', 'packages/lib/src']);
  });

  it('keeps a tracked file a .gitignore pattern matches, and still leaves out the untracked ones', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'goldpath-gitindex-'));
    const files: Record<string, string> = {
      'README.md': '# lib\n',
      'packages/lib/.gitignore': '**/package.json\nbuild/\n',
      'packages/lib/package.json': '{ "name": "lib" }\n',
      'packages/lib/src/index.ts': 'export const a = 1;\n',
      'packages/lib/src/long-module-name-for-padding.ts': 'export const b = 1;\n',
      // Build output the pattern is for: not tracked, left out.
      'packages/lib/v4/package.json': '{ "type": "module" }\n',
      'packages/lib/build/out.js': 'exports.a = 1;\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      writeFileSync(path.join(repo, rel), text);
    }
    const listed = async () => (await RepoFiles.scan(repo)).files.map((f) => f.path);
    // Without an index, the patterns decide alone.
    expect(await listed()).not.toContain('packages/lib/package.json');
    mkdirSync(path.join(repo, '.git'));
    writeFileSync(path.join(repo, '.git', 'index'), indexOf(paths, 2));
    expect(await listed()).toEqual(paths);
    // An index that is a link (it could lead out of the repository) is not read.
    const outside = mkdtempSync(path.join(os.tmpdir(), 'goldpath-gitindex-out-'));
    writeFileSync(path.join(outside, 'index'), indexOf(paths, 2));
    rmSync(path.join(repo, '.git', 'index'));
    symlinkSync(path.join(outside, 'index'), path.join(repo, '.git', 'index'));
    expect(await listed()).not.toContain('packages/lib/package.json');
  });
});
