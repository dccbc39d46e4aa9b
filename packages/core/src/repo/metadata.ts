// Project metadata read from packaging files and the .git folder: name, URLs, dependencies, entry points, HEAD time.
import { parse as parseToml } from 'smol-toml';
import type { RepoFiles } from './files.js';
import { readGitMetadata } from './git.js';

export interface EntryPoint {
  /** Command name (`tinytune-train`). */
  name: string;
  /** `module:function` target, or a file path for package.json `bin`. */
  target: string;
  /** Where it was declared. */
  from: string;
}

export interface ProjectMetadata {
  /** Distribution name from pyproject/setup.cfg/package.json. */
  projectName?: string;
  description?: string;
  /** `owner/name` from the first URL found, and the URL itself. */
  repoUrl?: string;
  docUrl?: string;
  /** Other URLs worth listing as knowledge sources (papers, blogs). */
  extraUrls: { kind: 'Blog' | 'Paper' | 'Doc'; url: string }[];
  /** Declared dependencies: distribution names, lower case as written. */
  dependencies: string[];
  /** The required ones (not extras, not requirements files), lower case, in the order the project lists them. */
  requires: string[];
  entryPoints: EntryPoint[];
  keywords: string[];
  /** Committer time of HEAD, when the repository is the top of a git work tree. */
  headTime?: Date;
  gitRemote?: string;
}

export async function readMetadata(files: RepoFiles, repoMapRepository?: string): Promise<ProjectMetadata> {
  const meta: ProjectMetadata = { extraUrls: [], dependencies: [], requires: [], entryPoints: [], keywords: [] };
  const urls: { source: string; url: string }[] = [];

  // Read from the .git files: goldpath starts no program that reads the repository's configuration.
  const git = readGitMetadata(files.root);
  meta.headTime = git.headTime;
  meta.gitRemote = git.remote;
  if (git.remote) urls.push({ source: 'git', url: git.remote });
  if (repoMapRepository) urls.push({ source: 'repomap', url: repoMapRepository });

  const pyproject = files.has('pyproject.toml') ? await files.readOrSkip('pyproject.toml') : undefined;
  if (pyproject !== undefined) {
    try {
      readPyproject(parseToml(pyproject) as Record<string, unknown>, meta, urls);
    } catch (e) {
      files.skip('pyproject.toml', `unparseable TOML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const setupCfg = files.has('setup.cfg') ? await files.readOrSkip('setup.cfg') : undefined;
  if (setupCfg !== undefined) readSetupCfg(setupCfg, meta, urls);
  const setupPy = files.has('setup.py') ? await files.readOrSkip('setup.py') : undefined;
  if (setupPy !== undefined) readSetupPy(setupPy, meta, urls);
  for (const f of files.files) {
    if (/^requirements[^/]*\.txt$/.test(f.path)) {
      const text = await files.readOrSkip(f.path);
      if (text !== undefined) meta.dependencies.push(...requirementNames(text.split(/\r\n|\r|\n/)));
    }
  }
  const pkgJson = files.has('package.json') ? await files.readOrSkip('package.json') : undefined;
  if (pkgJson !== undefined) {
    try {
      readPackageJson(JSON.parse(pkgJson) as Record<string, unknown>, meta, urls);
    } catch (e) {
      files.skip('package.json', `invalid JSON: ${(e as Error).message}`);
    }
  }

  for (const { url } of urls) {
    const repo = githubRepoUrl(url);
    if (repo) {
      meta.repoUrl = repo;
      break;
    }
  }
  meta.dependencies = [...new Set(meta.dependencies.map((d) => d.toLowerCase()))].sort();
  meta.requires = [...new Set(meta.requires.map((d) => d.toLowerCase()))];
  meta.entryPoints.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return meta;
}

/** `https://github.com/owner/name` from a git or web URL or `github:owner/name`, else undefined. */
export function githubRepoUrl(url: string): string | undefined {
  const m =
    /^(?:git\+)?(?:https?:\/\/|ssh:\/\/git@|git:\/\/|git@)?(github\.com|gitlab\.com|bitbucket\.org)[:/]([^/\s]+)\/([^/\s#?]+?)(?:\.git)?\/?(?:[#?].*)?$/.exec(
      url.trim(),
    );
  if (m) return `https://${m[1]}/${m[2]}/${m[3]}`;
  const short = /^(github|gitlab|bitbucket):([^/\s]+)\/([^/\s]+?)(?:\.git)?$/.exec(url.trim());
  if (short) return `https://${short[1] === 'bitbucket' ? 'bitbucket.org' : `${short[1]}.com`}/${short[2]}/${short[3]}`;
  return undefined;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function classifyUrl(meta: ProjectMetadata, label: string, url: string, urls: { source: string; url: string }[]): void {
  const l = label.toLowerCase();
  if (/arxiv\.org|doi\.org|paper/.test(url + l)) meta.extraUrls.push({ kind: 'Paper', url });
  else if (/blog/.test(l + url)) meta.extraUrls.push({ kind: 'Blog', url });
  else if (/doc|readthedocs|documentation/.test(l + url) && !githubRepoUrl(url)) meta.docUrl ??= url;
  else if (/homepage|home|website/.test(l) && !githubRepoUrl(url)) meta.docUrl ??= url;
  urls.push({ source: label, url });
}

function readPyproject(doc: Record<string, unknown>, meta: ProjectMetadata, urls: { source: string; url: string }[]): void {
  const project = asRecord(doc.project);
  const poetry = asRecord(asRecord(doc.tool).poetry);
  meta.projectName ??= (project.name ?? poetry.name) as string | undefined;
  meta.description ??= (project.description ?? poetry.description) as string | undefined;
  for (const [label, url] of Object.entries(asRecord(project.urls))) {
    if (typeof url === 'string') classifyUrl(meta, label, url, urls);
  }
  for (const key of ['repository', 'homepage', 'documentation']) {
    if (typeof poetry[key] === 'string') classifyUrl(meta, key, poetry[key] as string, urls);
  }
  const deps = Array.isArray(project.dependencies) ? (project.dependencies as unknown[]) : [];
  const required = requirementNames(deps.filter((d): d is string => typeof d === 'string'));
  meta.dependencies.push(...required);
  meta.requires.push(...required);
  for (const list of Object.values(asRecord(project['optional-dependencies']))) {
    if (Array.isArray(list)) meta.dependencies.push(...requirementNames(list.filter((d): d is string => typeof d === 'string')));
  }
  const poetryDeps = Object.keys(asRecord(poetry.dependencies)).filter((d) => d !== 'python');
  meta.dependencies.push(...poetryDeps);
  meta.requires.push(...poetryDeps);
  const kw = project.keywords ?? poetry.keywords;
  if (Array.isArray(kw)) meta.keywords.push(...kw.filter((k): k is string => typeof k === 'string'));
  const scripts: [Record<string, unknown>, string][] = [
    [asRecord(project.scripts), 'pyproject.toml [project.scripts]'],
    [asRecord(asRecord(project['entry-points']).console_scripts), 'pyproject.toml [project.entry-points.console_scripts]'],
    [asRecord(poetry.scripts), 'pyproject.toml [tool.poetry.scripts]'],
  ];
  for (const [table, from] of scripts) {
    for (const [name, value] of Object.entries(table)) {
      // Poetry also writes `name = { callable = "pkg.mod:fn" }` (older: `reference`, with `type = "console"`).
      const target = typeof value === 'string' ? value : (asRecord(value).callable ?? asRecord(value).reference);
      if (typeof target === 'string') addEntryPoint(meta, name, target, from);
    }
  }
}

/** A console script `name = module:function [extras]`; the extras are dropped, the same declaration kept once. */
function addEntryPoint(meta: ProjectMetadata, name: string, target: string, from: string): void {
  const t = target.replace(/\s*\[[^\]]*\]\s*$/, '').trim();
  if (!/^[\w.]+(:[\w.]+)?$/.test(t) || meta.entryPoints.some((e) => e.name === name && e.target === t)) return;
  meta.entryPoints.push({ name, target: t, from });
}

function readSetupCfg(text: string, meta: ProjectMetadata, urls: { source: string; url: string }[]): void {
  let section = '';
  let key = '';
  const values: Record<string, string[]> = {};
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (/^\s*[#;]/.test(raw) || !raw.trim()) continue;
    const sec = /^\[([^\]]+)\]/.exec(raw);
    if (sec) {
      section = sec[1].trim();
      key = '';
      continue;
    }
    const kv = /^(\S[^=]*?)\s*=\s*(.*)$/.exec(raw);
    if (kv && !/^\s/.test(raw)) {
      key = `${section}.${kv[1].trim()}`;
      values[key] = kv[2].trim() ? [kv[2].trim()] : [];
    } else if (key && /^\s/.test(raw)) {
      values[key].push(raw.trim());
    }
  }
  const one = (k: string) => values[k]?.join(' ').trim() || undefined;
  meta.projectName ??= one('metadata.name');
  meta.description ??= one('metadata.description');
  const url = one('metadata.url') ?? one('metadata.home_page');
  if (url) classifyUrl(meta, 'url', url, urls);
  for (const line of values['metadata.project_urls'] ?? []) {
    const m = /^([^=]+?)\s*=\s*(\S+)$/.exec(line);
    if (m) classifyUrl(meta, m[1], m[2], urls);
  }
  meta.dependencies.push(...requirementNames(values['options.install_requires'] ?? []));
  meta.requires.push(...requirementNames(values['options.install_requires'] ?? []));
  for (const line of values['options.entry_points.console_scripts'] ?? []) {
    const m = /^([\w.-]+)\s*=\s*([\w.]+:[\w.]+)/.exec(line);
    if (m) addEntryPoint(meta, m[1], m[2], 'setup.cfg console_scripts');
  }
}

function readSetupPy(text: string, meta: ProjectMetadata, urls: { source: string; url: string }[]): void {
  const url = /\burl\s*=\s*["']([^"']+)["']/.exec(text);
  if (url) classifyUrl(meta, 'url', url[1], urls);
  const name = /\bname\s*=\s*["']([^"']+)["']/.exec(text);
  if (name) meta.projectName ??= name[1];
  for (const [name, target] of setupPyConsoleScripts(text)) addEntryPoint(meta, name, target, 'setup.py console_scripts');
  const req = /install_requires\s*=\s*\[([^\]]*)\]/s.exec(text);
  const required = req ? requirementNames([...req[1].matchAll(/["']([^"']+)["']/g)].map((m) => m[1])) : [];
  meta.dependencies.push(...required);
  meta.requires.push(...required);
}

/**
 * `console_scripts` of a setup.py, read from the text (never executed): the string literals of the list
 * after a `"console_scripts":` key, or the lines under `[console_scripts]` in an ini-style string.
 * Other entry-point groups (plugins) are not commands.
 */
export function setupPyConsoleScripts(text: string): [string, string][] {
  const out: [string, string][] = [];
  const list = /["']console_scripts["']\s*:\s*\[((?:\s*(?:"[^"\n]*"|'[^'\n]*')\s*,?)*)\s*\]/.exec(text);
  const ini = /\[console_scripts\]([^[]*?)(?:\n\s*\[|["']{3}|$)/.exec(text);
  const body = list ? [...list[1].matchAll(/["']([^"'\n]*)["']/g)].map((m) => m[1]) : ini ? ini[1].split(/\r\n|\r|\n/) : [];
  for (const entry of body) {
    const m = /^\s*([\w.-]+)\s*=\s*([\w.]+:[\w.]+(?:\s*\[[^\]]*\])?)\s*$/.exec(entry);
    if (m) out.push([m[1], m[2]]);
  }
  return out;
}

function readPackageJson(pkg: Record<string, unknown>, meta: ProjectMetadata, urls: { source: string; url: string }[]): void {
  meta.projectName ??= typeof pkg.name === 'string' ? pkg.name : undefined;
  meta.description ??= typeof pkg.description === 'string' ? pkg.description : undefined;
  const repo = pkg.repository;
  const repoUrl = typeof repo === 'string' ? repo : typeof asRecord(repo).url === 'string' ? (asRecord(repo).url as string) : undefined;
  if (repoUrl) urls.push({ source: 'package.json', url: repoUrl });
  if (typeof pkg.homepage === 'string') classifyUrl(meta, 'homepage', pkg.homepage, urls);
  for (const k of ['dependencies', 'peerDependencies']) meta.dependencies.push(...Object.keys(asRecord(pkg[k])));
  meta.requires.push(...Object.keys(asRecord(pkg.dependencies)));
  if (Array.isArray(pkg.keywords)) meta.keywords.push(...pkg.keywords.filter((k): k is string => typeof k === 'string'));
  const bin = pkg.bin;
  if (typeof bin === 'string' && typeof pkg.name === 'string') {
    meta.entryPoints.push({ name: pkg.name.replace(/^@[^/]+\//, ''), target: bin, from: 'package.json bin' });
  } else {
    for (const [name, target] of Object.entries(asRecord(bin))) {
      if (typeof target === 'string') meta.entryPoints.push({ name, target, from: 'package.json bin' });
    }
  }
}

/** Distribution names from requirement lines (`torch>=2.0; python_version>"3.8"` → `torch`). */
export function requirementNames(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith('-')) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(t);
    if (m) out.push(m[1]);
  }
  return out;
}
