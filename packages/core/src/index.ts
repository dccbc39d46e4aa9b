// @goldpath/core public API: extractWorkflows() → model, renderWiki() → files, writeWiki() → disk.
import type { GoldpathModel, RenderedFile } from './model.js';
import { renderWiki as renderPages } from './render/render.js';
import { checkWikiPaths, renderRepoMap, writeWiki as writeFiles, type WriteOptions } from './wiki/output.js';

export * from './model.js';
export { extractWorkflows, FALLBACK_DATE } from './extract.js';
export { validateWiki, validateWikiDir, type ValidationIssue } from './validate/validate.js';
export { coverageByFile, type WriteOptions } from './wiki/output.js';
export { loadConfig, parseSize, CONFIG_FILE, CONFIG_KEYS, type GoldpathConfig, type LoadedConfig } from './config.js';
export { diffWiki, isGoldpathPage, PAGE_MARKER, type WikiChange } from './wiki/changes.js';
export { checkTemplates, SHIPPED_TEMPLATES, TEMPLATE_NAMES } from './render/templates.js';
export { closestName } from './text/suggest.js';

export interface RenderOptions {
  /** A folder whose `*.hbs` files replace the shipped templates of the same name. */
  templatesDir?: string;
  /** The wiki directory: when given, the RepoMap with its Coverage update is among the files. */
  wikiDir?: string;
}

/** Renders the workflow pages, `_WorkflowIndex.md`, the report, and (with `wikiDir`) the updated RepoMap. */
export async function renderWiki(model: GoldpathModel, options: RenderOptions = {}): Promise<RenderedFile[]> {
  const map = options.wikiDir ? await renderRepoMap(model, options.wikiDir) : undefined;
  const files = renderPages(model, {
    ...(options.templatesDir ? { templatesDir: options.templatesDir } : {}),
    ...(map ? { missingFromMap: map.missing } : {}),
  });
  if (map) files.push(map.file);
  // A wiki the files could not be written into (a linked folder or page) is refused now, --dry-run included.
  if (options.wikiDir) checkWikiPaths(options.wikiDir, files, model);
  return files.sort((a: RenderedFile, b: RenderedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Writes rendered files into the wiki directory: only goldpath's own paths, no symbolic link followed,
 * all or nothing, under the wiki's lock (see docs/output-format.md, Guarantees); the stale pages the
 * model prunes (`model.prunedPages`, empty unless `prune`) are removed in the same swap. Returns the
 * paths written.
 */
export async function writeWiki(wikiDir: string, files: RenderedFile[], model: GoldpathModel, options: WriteOptions = {}): Promise<string[]> {
  return writeFiles(wikiDir, files, model, options);
}
