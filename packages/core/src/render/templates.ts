// Loads the Handlebars templates shipped in packages/core/templates (or a user's override folder) into an
// isolated Handlebars instance with one escape helper per output format. Every template and partial is
// checked against its documented variables (check.ts, variables.ts) when loaded; a user's own files are
// also compiled in Handlebars strict mode. Problems are GoldpathErrors naming the file and line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { GoldpathError } from '../model.js';
import { escapeMarkdownCell, escapeMarkdownText, escapeMediaWiki, escapeMermaidLabel, markdownCode, mediaWikiText } from './escape.js';
import { checkTemplate } from './check.js';
import { fillView, HELPERS, PARTIAL_VARIABLES, TEMPLATE_VARIABLES, type ObjectShape } from './variables.js';

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
  hb.registerHelper('mwtext', (t: unknown) => mediaWikiText(String(t ?? '')));
  hb.registerHelper('mermaid', (t: unknown) => escapeMermaidLabel(String(t ?? '')));
  hb.registerHelper('cell', (t: unknown) => (t === undefined || t === null || t === '' ? '—' : escapeMarkdownCell(String(t))));
  hb.registerHelper('md', (t: unknown) => escapeMarkdownText(String(t ?? '')));
  hb.registerHelper('code', (t: unknown) => (t === undefined || t === null || t === '' ? '—' : markdownCode(String(t))));
  hb.registerHelper('codeList', (xs: unknown) => (Array.isArray(xs) && xs.length ? xs.map((x) => markdownCode(String(x))).join(', ') : '—'));
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  // HELPERS (variables.ts) documents these; a helper registered here and not there is a bug.
  // Partials: shipped ones, replaced by same-named files of the override folder.
  const partialFiles = new Map<string, { file: string; user: boolean }>();
  for (const f of hbsFiles(path.join(SHIPPED_TEMPLATES, 'partials'))) partialFiles.set(f, { file: path.join(SHIPPED_TEMPLATES, 'partials', f), user: false });
  if (overrideDir) for (const f of hbsFiles(path.join(overrideDir, 'partials'))) partialFiles.set(f, { file: path.join(overrideDir, 'partials', f), user: true });
  const helpers = new Set(Object.keys(HELPERS));
  const partials = new Set([...partialFiles.keys()].map((f) => f.replace(/\.hbs$/, '')));
  for (const [f, { file, user }] of partialFiles) {
    const name = f.replace(/\.hbs$/, '');
    hb.registerPartial(name, compile(hb, file, user, { shape: PARTIAL_VARIABLES[name], helpers, partials }));
  }
  const out = {} as Templates;
  for (const name of TEMPLATE_NAMES) {
    const own = overrideDir ? path.join(overrideDir, `${name}.hbs`) : undefined;
    const user = !!own && existsSync(own);
    const shape = TEMPLATE_VARIABLES[name];
    const t = compile(hb, user ? own : path.join(SHIPPED_TEMPLATES, `${name}.hbs`), user, { shape, helpers, partials });
    // Every documented variable is present in the view (undefined when empty), as strict mode wants.
    out[name] = (ctx: unknown, opts?: Handlebars.RuntimeOptions) => t(fillView(ctx, shape), opts);
  }
  return out;
}

/**
 * Loads and checks the templates of a `--templates` folder (and the shipped ones it does not replace)
 * without rendering anything: a missing folder, a template that does not compile or that reads an
 * undocumented variable is a GoldpathError naming the file and the line.
 */
export function checkTemplates(overrideDir?: string): void {
  loadTemplates(overrideDir);
}

function compile(hb: typeof Handlebars, file: string, user: boolean, check: { shape?: ObjectShape; helpers: Set<string>; partials: Set<string> }): Handlebars.TemplateDelegate {
  const source = read(file);
  let t: Handlebars.TemplateDelegate;
  try {
    // A user's template runs in strict mode: a variable that is not there fails instead of printing nothing.
    t = hb.compile(source, { noEscape: true, strict: user });
    // Compile now, so a broken template is reported with its file name before anything is rendered.
    hb.precompile(source, { strict: user });
  } catch (e) {
    const err = e as Error & { lineNumber?: number };
    const line = err.lineNumber ?? /line (\d+)/.exec(err.message)?.[1];
    throw new GoldpathError(`template ${file}${line ? ` line ${line}` : ''} does not compile: ${err.message.split('\n')[0]}`);
  }
  const problem = check.shape ? checkTemplate(source, check.shape, check.helpers, check.partials) : undefined;
  if (problem) throw new GoldpathError(`template ${file} line ${problem.line}: ${problem.message}`);
  return (ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
    try {
      return t(ctx, opts);
    } catch (e) {
      if (e instanceof GoldpathError) throw e;
      const err = e as Error & { lineNumber?: number };
      const m = /^"([^"]+)" not defined in .* - (\d+):\d+$/.exec(err.message);
      if (m) throw new GoldpathError(`template ${file} line ${m[2]}: unknown variable "${m[1]}" (strict mode)`);
      throw new GoldpathError(`template ${file}${err.lineNumber ? ` line ${err.lineNumber}` : ''} failed: ${err.message}`);
    }
  };
}
