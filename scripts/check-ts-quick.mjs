// `node scripts/check-ts-quick.mjs <repo>`: runs goldpath's extraction on a repository with every quick
// answer about a TypeScript/JavaScript callee (resolve/ts-quick.ts: a member, a signature, a type read
// without the checker's inference) compared with the type checker's own, and prints how many answers
// were compared and every difference (exit 1 when there is one). Nothing is written; the wiki folder is
// a new empty temporary one. An independent check for real repositories; not part of the test suite.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv[2];
if (!arg) {
  process.stderr.write('usage: node scripts/check-ts-quick.mjs <repo>\n');
  process.exit(2);
}
const repo = path.resolve(process.env.INIT_CWD ?? process.cwd(), arg);
const core = (p) => import(pathToFileURL(path.join(root, 'packages/core/dist', p)).href);
const [{ extractWorkflows }, { quickAudit }] = await Promise.all([core('index.js'), core('resolve/ts-quick.js')]);
quickAudit.on = true;
const wiki = mkdtempSync(path.join(os.tmpdir(), 'goldpath-quick-'));
try {
  await extractWorkflows({ repo, wiki });
} finally {
  rmSync(wiki, { recursive: true, force: true });
}
process.stdout.write(`${quickAudit.answers} quick answers compared with the type checker's, ${quickAudit.mismatches.length} different\n`);
for (const m of quickAudit.mismatches) process.stdout.write(`  ${m}\n`);
process.exit(quickAudit.mismatches.length ? 1 : 0);
