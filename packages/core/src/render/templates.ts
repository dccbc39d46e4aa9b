// Loads the Handlebars templates shipped in packages/core/templates, or a user's `--templates` folder whose
// files replace the shipped ones of the same name, into an isolated Handlebars instance with one escape
// helper per output format. Templates only lay out; the views they receive are built in render.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { GoldpathError } from '../model.js';
import { escapeMarkdownCell, escapeMarkdownText, escapeMediaWiki, escapeMediaWikiLine, escapeMermaidLabel, markdownCode } from './escape.js';

/** src/render and dist/render both sit two levels below the package root. */
export const SHIPPED_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

export const TEMPLATE_NAMES = ['workflow-page', 'workflow-index', 'report'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export type Template = (view: object) => string;
export type Templates = Record<TemplateName, Template>;

const EMPTY = '—';
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
/** Handlebars passes its options object last; helpers see only the template's arguments. */
const args = (xs: unknown[]) => xs.slice(0, -1);

/** Registers the helpers every template may use. Escapes: `mw`, `mwline`, `mermaid`, `cell`, `code`, `md`. */
function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('mw', (t: unknown) => escapeMediaWiki(t));
  hb.registerHelper('mwline', (t: unknown) => escapeMediaWikiLine(t));
  hb.registerHelper('mermaid', (t: unknown) => escapeMermaidLabel(t));
  // Table cells never stay empty: `—` says "nothing here".
  hb.registerHelper('cell', (t: unknown) => (isEmpty(t) ? EMPTY : escapeMarkdownCell(t)));
  hb.registerHelper('code', (t: unknown) => (isEmpty(t) ? EMPTY : markdownCode(t)));
  hb.registerHelper('codeList', (xs: unknown) => (Array.isArray(xs) && xs.length ? xs.map((x) => markdownCode(x)).join(', ') : EMPTY));
  hb.registerHelper('md', (t: unknown) => escapeMarkdownText(t));
  // Small layout helpers. `join` does not escape: use it on values a helper above has escaped, or on numbers.
  hb.registerHelper('join', (xs: unknown, sep: unknown) => (Array.isArray(xs) ? xs.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('concat', (...xs: unknown[]) => args(xs).join(''));
}

function listHbs(dir: string, what: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.hbs'))
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new GoldpathError(`cannot read ${what} ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The three templates, compiled. With `overrideDir`, a file `{name}.hbs` there replaces the shipped template
 * and `partials/{name}.hbs` replaces (or adds) a partial. A missing or unreadable folder, an unknown template
 * name, or a template that does not compile throws a GoldpathError naming the file.
 */
export function loadTemplates(overrideDir?: string): Templates {
  const override = overrideDir === undefined ? undefined : path.resolve(overrideDir);
  if (override !== undefined && !isDirectory(override)) throw new GoldpathError(`--templates ${overrideDir}: not a readable directory`);
  const own = new Set(override ? listHbs(override, '--templates directory') : []);
  for (const f of own) {
    if (!(TEMPLATE_NAMES as readonly string[]).includes(f.slice(0, -4))) {
      throw new GoldpathError(`--templates ${path.join(override!, f)}: not a goldpath template (expected ${TEMPLATE_NAMES.map((n) => `${n}.hbs`).join(', ')} or partials/*.hbs)`);
    }
  }

  const hb = Handlebars.create();
  registerHelpers(hb);
  // Partials: the shipped ones, replaced or extended by the override folder's.
  const partials = new Map<string, string>();
  const shippedPartials = path.join(SHIPPED_TEMPLATES, 'partials');
  for (const f of listHbs(shippedPartials, 'template folder')) partials.set(f, path.join(shippedPartials, f));
  if (override) {
    const dir = path.join(override, 'partials');
    for (const f of listHbs(dir, '--templates partials folder')) partials.set(f, path.join(dir, f));
  }
  for (const [f, file] of partials) {
    const source = read(file);
    check(hb, source, file);
    hb.registerPartial(f.slice(0, -4), source);
  }

  const out = {} as Templates;
  for (const name of TEMPLATE_NAMES) {
    const file = own.has(`${name}.hbs`) ? path.join(override!, `${name}.hbs`) : path.join(SHIPPED_TEMPLATES, `${name}.hbs`);
    out[name] = compile(hb, file);
  }
  return out;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new GoldpathError(`cannot read template ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Handlebars compiles lazily; precompiling now reports a syntax error with its file before anything renders. */
function check(hb: typeof Handlebars, source: string, file: string): void {
  try {
    hb.precompile(source, { noEscape: true });
  } catch (e) {
    throw new GoldpathError(`template ${file} does not compile: ${firstLine(e)}`);
  }
}

function compile(hb: typeof Handlebars, file: string): Template {
  const source = read(file);
  check(hb, source, file);
  const template = hb.compile(source, { noEscape: true });
  return (view: object) => {
    try {
      return template(view);
    } catch (e) {
      // Runtime failures (a missing partial or helper) name the template too.
      throw new GoldpathError(`template ${file} failed: ${firstLine(e)}`);
    }
  };
}

/** Handlebars parse errors span several lines (where, a caret, what was expected): keep the first and last. */
function firstLine(e: unknown): string {
  const lines = (e instanceof Error ? e.message : String(e)).split('\n').filter((l) => l.trim());
  return lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : (lines[0] ?? 'unknown error');
}
