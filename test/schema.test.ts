// The JSON model (`--json`): it carries schemaVersion, every fixture's model is valid against the JSON
// Schema shipped in @goldpath/core, and the committed schema (and the variable tables of
// docs/templates.md) are what `pnpm schema` generates from the TypeScript types.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../packages/core/src/index.js';
import { modelSchema, SCHEMA_FILE, TEMPLATES_DOC, templatesDoc } from '../scripts/lib/generated.mjs';
import { argsToOptions, copyWiki, fixtureArgs, fixtures, ROOT, runCli } from './helpers.js';
import { extractWorkflows } from '../packages/core/src/index.js';

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

describe('the JSON model', () => {
  it('the committed schema and docs/templates.md are up to date (`pnpm schema` regenerates them)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(modelSchema());
    const doc = readFileSync(TEMPLATES_DOC, 'utf8');
    expect(doc).toBe(await templatesDoc(doc));
  });

  it.each(fixtures())('fixture %s: the model is valid against the schema', async (name) => {
    const model = await extractWorkflows({ repo: path.join(ROOT, 'examples', name, 'repo'), wiki: copyWiki(name), ...argsToOptions(fixtureArgs(name)) });
    // What --json prints: the model through JSON.
    const json = JSON.parse(JSON.stringify(model)) as unknown;
    const ok = validate(json);
    expect(validate.errors ?? [], name).toEqual([]);
    expect(ok).toBe(true);
  });

  it('goldpath --json prints schemaVersion, valid against the schema; a broken model is not', () => {
    const r = runCli([path.join(ROOT, 'examples/tinylm/repo'), '--wiki', copyWiki('tinylm'), '--json']);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(model.schemaVersion).toBe(SCHEMA_VERSION);
    expect(Object.keys(model)[0]).toBe('schemaVersion');
    expect(validate(model)).toBe(true);
    expect(validate({ ...model, schemaVersion: '0.9' })).toBe(false);
    expect(validate({ ...model, surprise: 1 })).toBe(false);
    const { workflows: _w, ...missing } = model;
    expect(validate(missing)).toBe(false);
  });

  it('ships in @goldpath/core', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'packages/core/package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> };
    expect(pkg.files).toContain('schema');
    expect(pkg.exports['./schema.json']).toBe('./schema/goldpath-model.schema.json');
  });
});
