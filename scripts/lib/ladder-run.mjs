// One measured run for `pnpm bench:ladder` (scripts/bench-ladder.mjs), in its own process:
//   node scripts/lib/ladder-run.mjs goldpath <repo> <empty wiki dir>  → the whole pipeline (jobs as the CLI: auto) up to the rendered
//     files (nothing written), the time of each stage from the progress lines;
//   node scripts/lib/ladder-run.mjs floor <repo>  → the parse floor: the same file scan, then every Python
//     file parsed by tree-sitter alone and every TypeScript/JavaScript file by TypeScript's parser alone,
//     nothing copied, resolved or kept.
// Prints one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The goldpath checkout measured: this one, or another build's (`--root` of bench-ladder, for before/after).
const root = process.env.GOLDPATH_LADDER_ROOT || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = (p) => import(pathToFileURL(path.join(root, 'packages/core/dist', p)).href);
const [mode, repo, wiki] = process.argv.slice(2);
const t0 = performance.now();
const ms = (t) => Math.round(t);

process.on('uncaughtException', (e) => {
  process.stdout.write(`${JSON.stringify({ error: String(e?.message ?? e).split('\n')[0] })}\n`);
  process.exit(1);
});

if (mode === 'goldpath') {
  const { extractWorkflows, renderWiki } = await core('index.js');
  const marks = [];
  let last = '';
  const model = await extractWorkflows({
    repo,
    wiki,
    // As the CLI runs it: worker threads for a large repository (an older build reads 'auto' as one thread).
    jobs: 'auto',
    onProgress: (line) => {
      const stage = line.split(':')[0];
      if (stage !== last) marks.push([stage, performance.now()]);
      last = stage;
    },
  });
  marks.push(['render', performance.now()]);
  const files = await renderWiki(model, { wikiDir: wiki });
  marks.push(['end', performance.now()]);
  const stages = {};
  for (let i = 0; i + 1 < marks.length; i++) stages[marks[i][0]] = ms(marks[i + 1][1] - marks[i][1]);
  process.stdout.write(`${JSON.stringify({ sources: model.candidates.length, workflows: model.workflows.length, rendered: files.length, stages, total: ms(performance.now() - t0) })}\n`);
} else if (mode === 'floor') {
  const { RepoFiles } = await core('repo/files.js');
  const files = await RepoFiles.scan(repo);
  const require = createRequire(path.join(root, 'packages/core/package.json'));
  const Parser = require('tree-sitter');
  const parser = new Parser();
  parser.setLanguage(require('tree-sitter-python'));
  let ts; // loaded only for a repository with TypeScript or JavaScript files (it takes a second)
  let parsed = 0;
  let chars = 0;
  for (const f of files.files) {
    const py = /\.pyi?$/.test(f.path);
    const tsLike = /\.[cm]?[jt]sx?$/.test(f.path) && !f.path.endsWith('.d.ts');
    if (!py && !tsLike) continue;
    const r = await files.read(f.path);
    if (!r.ok) continue;
    const text = r.text.replace(/\r\n?/g, '\n');
    if (py) parser.parse((i) => text.slice(i, i + 65536));
    else (ts ??= require('ts-morph').ts).createSourceFile(f.path, text, ts.ScriptTarget.Latest, true);
    parsed++;
    chars += text.length;
  }
  process.stdout.write(`${JSON.stringify({ files: files.files.length, parsed, chars, total: ms(performance.now() - t0) })}\n`);
} else {
  process.stderr.write('usage: node scripts/lib/ladder-run.mjs goldpath <repo> <wiki> | floor <repo>\n');
  process.exit(2);
}
