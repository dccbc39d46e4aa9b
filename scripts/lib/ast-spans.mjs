// Definitions of Python files as Python's own ast sees them (scripts/ast_spans.py), by repository path.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ORACLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../ast_spans.py');

/** repo-relative path → [{ qualname, start, defLine, end }] for each file (files ast refuses are absent). */
export function astDefinitions(repo, files) {
  const defs = new Map();
  if (!files.length) return defs;
  const out = execFileSync('python3', [ORACLE, ...files.map((f) => path.join(repo, f))], { encoding: 'utf8', maxBuffer: 1 << 28 });
  for (const line of out.split('\n').filter(Boolean)) {
    const o = JSON.parse(line);
    if (o.error) continue;
    const rel = path.relative(repo, o.path).split(path.sep).join('/');
    defs.set(rel, [...(defs.get(rel) ?? []), o]);
  }
  return defs;
}
