// A synthetic repository for the scale ladder: `node scripts/synth-repo.mjs <dir> <N> [--shape combos|same]`
// writes a small Python package of 24 documented functions and N examples, each calling four of them
// (`combos`: a different combination per example; `same`: the same four calls in every example).
// Nothing random: the same N gives the same bytes. Only writes under <dir>, which must not exist yet.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dir, nText] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const shapeAt = process.argv.indexOf('--shape');
const shape = shapeAt > 0 ? process.argv[shapeAt + 1] : 'combos';
const n = Number(nText);
if (!dir || !Number.isInteger(n) || n < 1 || !['combos', 'same'].includes(shape)) {
  process.stderr.write('usage: node scripts/synth-repo.mjs <dir> <N> [--shape combos|same]\n');
  process.exit(2);
}
if (existsSync(dir)) {
  process.stderr.write(`synth-repo: ${dir} already exists; give a new folder\n`);
  process.exit(2);
}

const VERBS = ['load', 'build', 'train', 'evaluate', 'save', 'export'];
const NOUNS = ['dataset', 'model', 'tokenizer', 'adapter'];
const FUNCS = VERBS.flatMap((v) => NOUNS.map((o) => `${v}_${o}`)); // 24 functions: C(24, 4) = 10,626 combinations

const pkg = FUNCS.map((f) => `def ${f}(x=None, **options):\n    """${f.replace('_', ' ')}: returns its input."""\n    return x\n`).join('\n');
mkdirSync(path.join(dir, 'synth'), { recursive: true });
mkdirSync(path.join(dir, 'examples'), { recursive: true });
writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "synth"\nversion = "0.1.0"\n');
writeFileSync(path.join(dir, 'README.md'), '# synth\n\nA synthetic package for goldpath\'s scale ladder.\n');
writeFileSync(path.join(dir, 'synth', '__init__.py'), pkg);

/** The i-th 4-combination of FUNCS in lexicographic order. */
function combination(i) {
  const out = [];
  let start = 0;
  let rest = i;
  for (let k = 4; k > 0; k--) {
    for (let a = start; a < FUNCS.length; a++) {
      const count = choose(FUNCS.length - a - 1, k - 1);
      if (rest < count) {
        out.push(FUNCS[a]);
        start = a + 1;
        break;
      }
      rest -= count;
    }
  }
  return out;
}
function choose(m, k) {
  let r = 1;
  for (let j = 0; j < k; j++) r = (r * (m - j)) / (j + 1);
  return Math.round(r);
}

const total = choose(FUNCS.length, 4);
const width = String(n).length;
for (let i = 0; i < n; i++) {
  const calls = shape === 'same' ? ['load_dataset', 'build_model', 'train_model', 'save_model'] : combination((i * 7919) % total);
  const lines = [`"""Example ${i}."""`, `from synth import ${[...calls].sort().join(', ')}`, '', 'x = 1'];
  for (const c of calls) lines.push(`x = ${c}(x, step=${i})`);
  writeFileSync(path.join(dir, 'examples', `example_${String(i).padStart(width, '0')}.py`), `${lines.join('\n')}\n`);
}
process.stdout.write(`synth-repo: ${n} examples (${shape}) in ${dir}\n`);
