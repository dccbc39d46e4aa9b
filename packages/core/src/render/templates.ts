// Loads the Handlebars templates shipped in packages/core/templates (or a user's override folder) into an
// isolated Handlebars instance with one escape helper per output format.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { GoldpathError } from '../model.js';
import { escapeMarkdownCell, escapeMarkdownText, escapeMediaWiki, escapeMermaidLabel, markdownCode } from './escape.js';

/** src/render and dist/render both sit two levels below the package root. */
export const SHIPPED_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

export const TEMPLATE_NAMES = ['workflow-page', 'workflow-index', 'report'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export type Templates = Record<TemplateName, Handlebars.TemplateDelegate>;

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new GoldpathError(`cannot read template ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
}

function hbsFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort() : [];
}

export function loadTemplates(overrideDir?: string): Templates {
  if (overrideDir !== undefined) {
    let ok = false;
    try {
      ok = statSync(overrideDir).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new GoldpathError(`--templates ${overrideDir} is not a readable directory`);
  }
  const hb = Handlebars.create();
  hb.registerHelper('mw', (t: unknown) => escapeMediaWiki(String(t ?? '')));
  hb.registerHelper('mermaid', (t: unknown) => escapeMermaidLabel(String(t ?? '')));
  hb.registerHelper('cell', (t: unknown) => (t === undefined || t === null || t === '' ? '—' : escapeMarkdownCell(String(t))));
  hb.registerHelper('md', (t: unknown) => escapeMarkdownText(String(t ?? '')));
  hb.registerHelper('code', (t: unknown) => (t === undefined || t === null || t === '' ? '—' : markdownCode(String(t))));
  hb.registerHelper('codeList', (xs: unknown) => (Array.isArray(xs) && xs.length ? xs.map((x) => markdownCode(String(x))).join(', ') : '—'));
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  // Partials: shipped ones, replaced by same-named files of the override folder.
  const partialFiles = new Map<string, string>();
  for (const f of hbsFiles(path.join(SHIPPED_TEMPLATES, 'partials'))) partialFiles.set(f, path.join(SHIPPED_TEMPLATES, 'partials', f));
  if (overrideDir) for (const f of hbsFiles(path.join(overrideDir, 'partials'))) partialFiles.set(f, path.join(overrideDir, 'partials', f));
  for (const [f, file] of partialFiles) hb.registerPartial(f.replace(/\.hbs$/, ''), compile(hb, file));
  const out = {} as Templates;
  for (const name of TEMPLATE_NAMES) {
    const own = overrideDir ? path.join(overrideDir, `${name}.hbs`) : undefined;
    out[name] = compile(hb, own && existsSync(own) ? own : path.join(SHIPPED_TEMPLATES, `${name}.hbs`));
  }
  return out;
}

function compile(hb: typeof Handlebars, file: string): Handlebars.TemplateDelegate {
  const source = read(file);
  try {
    const t = hb.compile(source, { noEscape: true, strict: false });
    // Compile now, so a broken template is reported with its file name before anything is rendered.
    hb.precompile(source);
    return (ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
      try {
        return t(ctx, opts);
      } catch (e) {
        throw new GoldpathError(`template ${file} failed: ${(e as Error).message}`);
      }
    };
  } catch (e) {
    throw new GoldpathError(`template ${file} does not compile: ${(e as Error).message.split('\n')[0]}`);
  }
}
