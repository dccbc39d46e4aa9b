// Small repositories written by tests into temporary folders, and the look-ups the tests make on them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractWorkflows } from '../src/index.js';
import type { CallSite } from '../src/model.js';

/** Writes the files into a new temporary folder and returns its path. */
export function write(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'goldpath-repo-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Every resolved call site of every analysed source, by candidate id. */
export async function callsOf(repo: string): Promise<Map<string, CallSite[]>> {
  const out = new Map<string, CallSite[]>();
  const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-tswiki-'));
  await extractWorkflows({ repo, wiki, name: 'acme_x', onCalls: (id, calls) => out.set(id, calls) });
  return out;
}

/** 1-based line of the first line of `file` that contains `needle` (the test finds lines, never hard-codes them). */
export function lineOf(repo: string, file: string, needle: string): number {
  const i = readFileSync(path.join(repo, file), 'utf8').split(/\r\n|\r|\n/).findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return i + 1;
}

export function find(calls: CallSite[] | undefined, callee: string): CallSite {
  const c = calls?.find((x) => x.callee === callee);
  if (!c) throw new Error(`no call ${callee} in ${calls?.map((x) => x.callee).join(', ')}`);
  return c;
}
