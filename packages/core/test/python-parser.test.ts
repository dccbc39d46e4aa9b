// The two parser backends: loading, caching, line-break normalisation, large and non-ASCII sources, and
// that both give the same plain tree.
import { afterEach, describe, expect, it } from 'vitest';
import { child, loadPythonParser, namedChildren, nodeText, normaliseLineBreaks, type PyNode, type PyTree } from '../src/lang/python/parser.js';

const BACKENDS = ['native', 'wasm'] as const;
const load = (backend: (typeof BACKENDS)[number]) => loadPythonParser({ backend });

/** Every node as one line: type, field, rows, indices, flags. */
function dump(tree: PyTree): string[] {
  const out: string[] = [];
  const stack: [PyNode, number][] = [[tree.root, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    out.push(`${depth} ${n.field ?? '-'}:${n.type} ${n.startRow}-${n.endRow}:${n.endColumn} ${n.startIndex}-${n.endIndex}${n.named ? ' named' : ''}${n.missing ? ' missing' : ''}`);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i], depth + 1]);
  }
  return out;
}

function find(n: PyNode, pred: (x: PyNode) => boolean): PyNode[] {
  const out: PyNode[] = [];
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (pred(x)) out.push(x);
    for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]);
  }
  return out;
}

describe('loading', () => {
  const saved = process.env.GOLDPATH_PARSER;
  afterEach(() => {
    if (saved === undefined) delete process.env.GOLDPATH_PARSER;
    else process.env.GOLDPATH_PARSER = saved;
  });

  it('prefers the native binding, which builds here', async () => {
    delete process.env.GOLDPATH_PARSER;
    expect((await loadPythonParser()).backend).toBe('native');
  });

  it('takes wasm when asked by option or environment, native when asked back', async () => {
    expect((await loadPythonParser({ backend: 'wasm' })).backend).toBe('wasm');
    process.env.GOLDPATH_PARSER = 'wasm';
    expect((await loadPythonParser({ backend: 'native' })).backend).toBe('native');
    process.env.GOLDPATH_PARSER = 'native';
    expect((await loadPythonParser()).backend).toBe('native');
    expect((await loadPythonParser({ forceWasm: true })).backend).toBe('wasm');
    process.env.GOLDPATH_PARSER = 'wasm';
    expect((await loadPythonParser()).backend).toBe('wasm');
  });

  it('loads each backend once', async () => {
    delete process.env.GOLDPATH_PARSER;
    expect(await loadPythonParser()).toBe(await loadPythonParser());
    expect(await loadPythonParser({ forceWasm: true })).toBe(await loadPythonParser({ forceWasm: true }));
  });
});

describe('line breaks', () => {
  it('normalises \\r\\n and lone \\r to \\n', () => {
    expect(normaliseLineBreaks('a\r\nb\rc\n\r\n\rd')).toBe('a\nb\nc\n\n\nd');
  });
});

describe.each(BACKENDS)('parsing (%s)', (backend) => {
  it('gives rows equal to Python line numbers for any line break', async () => {
    const parser = await load(backend);
    for (const text of ['a = 1\n\nb = 2\n', 'a = 1\r\n\r\nb = 2\r\n', 'a = 1\r\rb = 2\r', 'a = 1\r\n\rb = 2\n']) {
      const tree = parser.parse(text);
      expect(tree.text).toBe('a = 1\n\nb = 2\n');
      expect(namedChildren(tree.root).map((s) => s.startRow)).toEqual([0, 2]);
    }
  });

  it('reads a source over 100 KB with non-ASCII text, indices in UTF-16 code units', async () => {
    const parser = await load(backend);
    let text = '';
    for (let i = 0; text.length < 150_000; i++) text += `def f${i}(a="😀é中𝔘"):  # ü 😀\n    """Doc 😀 ${i}."""\n    return g${i}(a)\n\n`;
    const tree = parser.parse(text);
    expect(find(tree.root, (n) => n.type === 'ERROR' || n.missing)).toEqual([]);
    const defs = namedChildren(tree.root);
    const last = defs[defs.length - 1];
    expect(nodeText(tree, child(last, 'name')!)).toBe(`f${defs.length - 1}`);
    expect(last.endRow).toBe(text.split('\n').length - 3);
    const calls = find(last, (n) => n.type === 'call');
    expect(nodeText(tree, calls[0])).toBe(`g${defs.length - 1}(a)`);
  });

  it('survives deep nesting and broken input', async () => {
    const parser = await load(backend);
    const deep = parser.parse(`x = ${'f('.repeat(2000)}${')'.repeat(2000)}\n`);
    expect(find(deep.root, (n) => n.type === 'call').length).toBe(2000);
    const broken = parser.parse('def f(:\n    return (\n');
    expect(find(broken.root, (n) => n.type === 'ERROR' || n.missing).length).toBeGreaterThan(0);
    expect(parser.parse('').root.children).toEqual([]);
  });

  it('links parents and fields, and namedChildren skips comments', async () => {
    const tree = (await load(backend)).parse('def f(a):  # note\n    # inside\n    return a\n');
    const fn = namedChildren(tree.root)[0];
    expect(fn.type).toBe('function_definition');
    expect(child(fn, 'name')!.parent).toBe(fn);
    expect(nodeText(tree, child(fn, 'parameters')!)).toBe('(a)');
    expect(fn.children.some((c) => c.type === 'comment')).toBe(true);
    expect(namedChildren(fn).map((c) => c.type)).toEqual(['identifier', 'parameters', 'block']);
  });
});

describe('both backends', () => {
  it('give the same tree', async () => {
    const [native, wasm] = await Promise.all(BACKENDS.map(load));
    const text = [
      '"""Doc 😀."""',
      'import a.b as c',
      '@d(1)',
      'async def f(x: int = 2, *a, k, **kw) -> "T":',
      '    async with g() as h:',
      '        return [i async for i in h if i]',
      'match v:',
      '    case {"k": [1, *rest]}: pass',
      'def broken(:',
      '    x = (1,',
    ].join('\r\n');
    expect(dump(native.parse(text))).toEqual(dump(wasm.parse(text)));
  });
});
