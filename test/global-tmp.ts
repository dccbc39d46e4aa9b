// Every test writes its scratch folders (repositories, wikis, caches) under one temporary folder of its
// own, made here before the test workers start (they inherit TMPDIR, which os.tmpdir() reads) and removed
// when the run ends, so a test run leaves nothing behind in the machine's temporary folder.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'goldpath-tests-'));
  // Traversable by others like the system's temporary folder: tests that drop to an unprivileged user
  // (a read-only wiki for a root run) reach their own 0755 folders inside it.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
