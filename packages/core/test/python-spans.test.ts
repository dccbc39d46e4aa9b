// Spans checked against an independent oracle: Python's own `ast` (first decorator line, end_lineno),
// on both parser backends. GOLDPATH_SPAN_CORPUS=<dir> adds every .py file of a folder (manual runs).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPythonParser } from '../src/lang/python/parser.js';
import { extractPythonFacts } from '../src/lang/python/facts.js';

const ORACLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/ast_spans.py');
const hasPython = spawnSync('python3', ['-c', 'import ast'], { encoding: 'utf8' }).status === 0;

const SAMPLES: Record<string, string> = {
  'decorators.py': `import functools\n\n\n@functools.lru_cache(maxsize=None)\n@staticmethod\ndef cached(x: int = 1) -> int:\n    """Doc."""\n    return x\n    # trailing comment inside the body\n\n# a comment after\n`,
  'classes.py': `class A(object):\n    """A class."""\n\n    x: int = 3\n\n    @property\n    def name(self):\n        return "a"\n\n    def run(self, *args, **kw):\n        if args:\n            for a in args:\n                print(a)\n        else:\n            pass\n        # trailing\n\n\n    async def go(self):\n        try:\n            await self.run()\n        except Exception:\n            raise\n        finally:\n            print(\n                "done",\n            )\n`,
  'oneliners.py': `def f(): return 1\nclass B: pass\ndef g(a,\n      b):\n    return (a +\n            b)\n`,
  'crlf.py': 'def a():\r\n    return 1\r\n\r\ndef b():\r\n    x = """\r\nmulti\r\n"""\r\n    return x\r\n',
  'cr.py': 'def a():\r    return 1\r\rdef b():\r    return 2\r',
  'nested.py': `def outer():\n    def inner():\n        def deepest():\n            pass\n        return deepest\n    class Local:\n        def m(self):\n            with open("x") as f:\n                return f.read()\n    return inner\n\nif True:\n    def cond():\n        while True:\n            break\n        else:\n            pass\n`,
  'match.py': `def m(x):\n    match x:\n        case 1:\n            return "one"\n        case _:\n            return "other"\n    # after\n`,
};

/** Definitions by `path:qualname#occurrence` (overloads and property setters share a qualname). */
function oracle(files: string[]): Map<string, { start: number; end: number; defLine: number }> {
  const out = new Map<string, { start: number; end: number; defLine: number }>();
  const seen = new Map<string, number>();
  const text = execFileSync('python3', [ORACLE, ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  for (const line of text.split('\n').filter(Boolean)) {
    const o = JSON.parse(line);
    if (o.error) continue;
    const base = `${o.path}:${o.qualname}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(`${base}#${n}`, o);
  }
  return out;
}

function corpusFiles(): string[] {
  const dir = process.env.GOLDPATH_SPAN_CORPUS;
  if (!dir) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.py') && statSync(p).size < 1 << 20) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

describe.skipIf(!hasPython).each(['native', 'wasm'] as const)('spans equal Python ast (%s)', (backend) => {
  it('on the samples and the optional corpus', async () => {
    const parser = await loadPythonParser({ backend });
    expect(parser.backend).toBe(backend);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'goldpath-spans-'));
    const files = Object.entries(SAMPLES).map(([name, text]) => {
      const p = path.join(dir, name);
      writeFileSync(p, text);
      return p;
    });
    files.push(...corpusFiles());
    const truth = oracle(files);
    let compared = 0;
    const wrong: string[] = [];
    for (const file of files) {
      const facts = extractPythonFacts(parser, readFileSync(file, 'utf8'), file);
      if (facts.errors.length) continue; // ast refuses those files too
      const seen = new Map<string, number>();
      for (const d of [...facts.defs].sort((a, b) => a.defLine - b.defLine)) {
        const n = seen.get(d.qualname) ?? 0;
        seen.set(d.qualname, n + 1);
        const t = truth.get(`${file}:${d.qualname}#${n}`);
        if (!t) continue;
        compared++;
        if (t.start !== d.start || t.end !== d.end || t.defLine !== d.defLine) wrong.push(`${file}:${d.qualname} ast ${t.start}-${t.end} goldpath ${d.start}-${d.end}`);
      }
    }
    if (process.env.GOLDPATH_SPAN_CORPUS) console.log(`${backend}: ${compared} definitions compared, ${wrong.length} differ`);
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(18);
  });
});
