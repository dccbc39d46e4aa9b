#!/usr/bin/env node
// goldpath CLI: argument parsing, progress on stderr, exit codes. All logic lives in @goldpath/core.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { asInternal, extractWorkflows, GoldpathError, renderWiki, validateWikiDir, writeWiki } from '@goldpath/core';

const HELP = `goldpath: find a repository's golden paths and write its Workflow wiki pages (no LLM)

Usage:
  goldpath <repo> --wiki <dir> [options]
  goldpath validate <wiki_dir> [--name <repo_name>]

Options:
  --wiki <dir>          wiki directory (phase 0 inputs are read from it; created when missing)
  --name <repo_name>    repository name for page names (default: from the git remote)
  --dry-run             print what would be written, write nothing
  --json                print only the model (JSON) on stdout, write nothing
  --templates <dir>     folder of .hbs files overriding the shipped templates
  --date <YYYY-MM-DD HH:MM>
                        last_updated (GMT) instead of the HEAD commit time
  --strict              exit 1 when inputs were skipped
  --parser <native|wasm>
                        Python parser backend (default native, wasm when native cannot load)
  -h, --help            this help

Exit codes: 0 success, 1 validation failed or --strict with skipped inputs, 2 bad usage or unusable input.
`;

/** Relative paths are the user's: through a pnpm script they are relative to where pnpm was run. */
function userPath(p: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        wiki: { type: 'string' },
        name: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        templates: { type: 'string' },
        date: { type: 'string' },
        strict: { type: 'boolean' },
        parser: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`goldpath: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals[0] === 'validate') {
    if (positionals.length !== 2) return usage('validate takes one wiki directory');
    const issues = await validateWikiDir(userPath(positionals[1]), o.name !== undefined ? { repoName: o.name } : {});
    for (const i of issues) process.stdout.write(`${i.path}:${i.line}: ${i.message}\n`);
    process.stderr.write(issues.length ? `goldpath validate: ${issues.length} problem(s)\n` : 'goldpath validate: ok\n');
    return issues.length ? 1 : 0;
  }
  if (positionals.length !== 1) return usage(positionals.length ? 'give exactly one repository path' : 'missing repository path');
  if (!o.wiki) return usage('missing --wiki <dir>');
  if (o.parser !== undefined && o.parser !== 'native' && o.parser !== 'wasm') return usage('--parser is native or wasm');

  const progress = (line: string) => {
    if (!o.json) process.stderr.write(`goldpath: ${line}\n`);
  };
  const wikiDir = userPath(o.wiki);
  const model = await extractWorkflows({
    repo: userPath(positionals[0]),
    wiki: wikiDir,
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.date !== undefined ? { date: o.date } : {}),
    ...(o.parser === 'wasm' ? { forceWasm: true } : {}),
    onProgress: progress,
  });
  if (o.json) {
    process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    return 0;
  }
  progress('render: templates → pages, index, report, coverage');
  const files = await renderWiki(model, { wikiDir, ...(o.templates ? { templatesDir: userPath(o.templates) } : {}) });
  if (o['dry-run']) {
    for (const f of files) process.stdout.write(`would write ${f.path} (${Buffer.byteLength(f.content)} bytes)\n`);
  } else {
    progress(`write: ${files.length} files into ${o.wiki}`);
    await writeWiki(wikiDir, files, model, { onRecover: progress });
  }
  const steps = model.workflows.reduce((n, w) => n + w.steps.length, 0);
  const kept = model.candidates.filter((c) => c.kept).length;
  process.stderr.write(
    `goldpath: ${model.workflows.length} workflows, ${steps} steps, ${kept}/${model.candidates.length} candidate sources kept, ` +
      `${model.unresolved.length} unresolved calls, ${model.skipped.length} skipped inputs (parser: ${model.parserBackend})\n`,
  );
  if (model.workflows.length === 0) process.stderr.write('goldpath: no workflow found; see _reports/phase1_anchoring.md for the candidates and why they were dropped\n');
  if (o.strict && model.skipped.length) return 1;
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`goldpath: ${message}\n\n${HELP}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof GoldpathError) {
      process.stderr.write(`goldpath: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      // A bug: one line naming the input involved; the stack only on request.
      const err = asInternal(e) as Error & { path?: string };
      process.stderr.write(`goldpath: internal error${err.path ? ` on ${err.path}` : ''}: ${err.message} (please report it; GOLDPATH_DEBUG=1 prints the stack)\n`);
      if (process.env.GOLDPATH_DEBUG) process.stderr.write(`${(err.cause as Error | undefined)?.stack ?? err.stack}\n`);
      process.exitCode = 3;
    }
  },
);
