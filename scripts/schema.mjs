// `pnpm schema`: regenerates the model's JSON Schema and the variable tables of docs/templates.md from the
// TypeScript sources (run it after changing packages/core/src/model.ts or render/variables.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { modelSchema, ROOT, SCHEMA_FILE, TEMPLATES_DOC, templatesDoc } from './lib/generated.mjs';

mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
writeFileSync(SCHEMA_FILE, modelSchema());
writeFileSync(TEMPLATES_DOC, await templatesDoc(readFileSync(TEMPLATES_DOC, 'utf8')));
process.stderr.write(`wrote ${path.relative(ROOT, SCHEMA_FILE)} and ${path.relative(ROOT, TEMPLATES_DOC)}\n`);
