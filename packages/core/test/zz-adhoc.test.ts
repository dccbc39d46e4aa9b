import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { extractWorkflows } from '../src/extract.js';
it.skipIf(!process.env.ADHOC_REPO)('adhoc', async () => {
  const repo = process.env.ADHOC_REPO!;
  const t0 = Date.now();
  const model = await extractWorkflows({ repo, wiki: '/tmp/gp/nowiki', name: process.env.ADHOC_NAME });
  writeFileSync('/tmp/gp/model.json', JSON.stringify(model, null, 1));
  const lines: string[] = [`time ${Date.now() - t0}ms`];
  for (const w of model.workflows) {
    lines.push(`## ${w.pageName} (${w.nameFrom}) sources=${w.sources.map((s) => s.path + (s.heading ? '#' + s.heading : '')).join(', ')}`);
    for (const s of w.steps) {
      lines.push(`  ${s.number}. ${s.title} [${s.principle}] ${s.role}`);
      for (const c of s.calls) lines.push(`      ${c.apiCall} -> ${c.sourceLocation} ${c.resolvedTo ?? ''} impl=${c.implementation} ${c.type} site=${c.call.site.path}:${c.call.site.start}${c.call.site.cell ? '#' + c.call.site.cell : ''}`);
    }
  }
  lines.push('--- candidates');
  for (const c of model.candidates) lines.push(`  ${c.kept ? 'KEEP' : 'drop'} ${c.id} [${c.kind}] ${c.foundBy}: ${c.reason}`);
  lines.push('--- unresolved');
  for (const u of model.unresolved) lines.push(`  ${u.callee} @${u.site.path}:${u.site.start}: ${u.reason}`);
  lines.push('--- skipped');
  for (const s of model.skipped) lines.push(`  ${s.path}: ${s.reason}`);
  writeFileSync('/tmp/gp/summary.txt', lines.join('\n') + '\n');
});
