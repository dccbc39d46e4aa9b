// Finds the candidate golden-path sources of a repository, in order of trust, each with how it was found.
// Parsing and resolution happen later; here only paths, code blocks and notebooks are read.
import type { Candidate, SourceKind } from '../model.js';
import type { RepoFiles } from '../repo/files.js';
import type { ProjectMetadata } from '../repo/metadata.js';
import { DOCS_PROJECT_PAGES, EXAMPLE_DIRS, INSTALL_COMMANDS, MIGRATION_PAGE, PY_BLOCK_IMPORTS, PY_PACKAGE_MANIFESTS, ROOT_PROJECT_PAGES, TS_BLOCK_IMPORTS } from '../heuristics/tables.js';
import { docSiteFolders, exampleDirOf, isBenchmarkPath, isDocPath, isFixturePath, isNonLibraryPath, isScriptPath, isTestPath, isToolingPath, isTranslationPath, translationFolders } from '../repo/layout.js';
import type { ModuleMap } from '../lang/ts/modules.js';
import { syntaxError } from '../lang/ts/syntax.js';
import { frontMatter, type CodeBlock, type Paragraph } from '../lang/markdown/codeblocks.js';
import { pageBlocks, type PageBlocks } from '../lang/markdown/pages.js';
import { MarkdownTooDeepError } from '../lang/markdown/nesting.js';
import { readNotebook, notebookToPython, notebookTitle } from '../lang/notebook.js';
import type { PythonIndex } from '../resolve/python-index.js';
import type { LineMap } from '../resolve/python-calls.js';
import type { PySyntaxError } from '../lang/python/types.js';
import type { ProgramCatalog } from '../resolve/commands.js';
import type { ShellLine } from '../resolve/shell-calls.js';
import { commandSections, shellScriptSource } from './command-sources.js';
import { appOnlyTest } from './app-tests.js';

/** Code handed to the Python adapter for one candidate. */
export interface PendingSource {
  candidate: Candidate;
  /** The adapter that reads it (Python unless said); `shell`: only shell commands (the repository's own CLI). */
  language?: 'python' | 'typescript' | 'shell';
  /** TypeScript code blocks with JSX (`tsx`, `jsx`); `js` when every block of the session is JavaScript. */
  tsx?: boolean;
  js?: boolean;
  /** Lines of shell commands (in the same Markdown section) that belong to this code block. */
  shellLines?: number[];
  /** Trust: higher first. */
  score: number;
  /** Text to parse, and its line map when it is not the file itself. */
  text: string;
  map?: LineMap;
  shell: ShellLine[];
  /** For an entry point `module:function`: only that function's calls count. */
  entryFunction?: string;
  /** Text around a code block (prose before it, paragraph after it). */
  prose?: string;
  /** The same, paragraph by paragraph with their lines. */
  paragraphs?: Paragraph[];
  /** On a page's first code example: the paragraphs the page opens with (CodeBlock.intro). */
  intro?: Paragraph[];
  /** A notebook's or a code block's title. */
  title?: string;
  /** The title of the Markdown page a code block is on (its level-1 heading). */
  page?: string;
  /** That page's summary in its front matter (CodeBlock.pageSummary). */
  pageSummary?: Paragraph;
  /**
   * Python code blocks of one Markdown file run as one session (like a notebook): they share `text`,
   * `map` and `session` (the file's path), which is parsed and resolved once; the block's own steps are
   * the calls on its lines, `blockLines` (first and last line in the Markdown file).
   */
  session?: string;
  blockLines?: [number, number];
  /**
   * README/docs section (the code blocks under one heading): its blocks are analysed one by one (each
   * in its session) and then make one source (`{path}#S{heading line}`).
   */
  section?: string;
  /** The heading of the numbered walkthrough the block's section is a step of (its `section` is the walkthrough's). */
  walkthrough?: string;
  /** The code block imports what it uses (PY_BLOCK_IMPORTS, TS_BLOCK_IMPORTS): it may start a source of its own in its section. */
  imports?: boolean;
}

export interface DiscoverInputs {
  files: RepoFiles;
  meta: ProjectMetadata;
  index: PythonIndex;
  /** RepoMap rows: file → Purpose and section. */
  purposes: Map<string, { purpose: string; section: string }>;
  /** Files named by the phase 0 report's suggested workflows. */
  suggestedFiles: Set<string>;
  /** JavaScript packages of the repository (package.json files, tsconfig paths). */
  modules: ModuleMap;
  /** Every package.json folder (`""` for the root) and whether it is an application's (surface.ts packageDirsOf); default: none. */
  packages?: () => Promise<readonly { dir: string; app: boolean }[]>;
  /** Extra example folders from the configuration (repository-relative, no trailing slash). */
  exampleDirs?: string[];
  /** The repository's own command-line programs: shell commands that run them make candidates. */
  commands?: ProgramCatalog;
  /** Work that depends only on one file's text, made through this (the re-run cache keeps it); default: made. */
  perFile?: <T>(kind: string, path: string, text: string, make: () => T) => T;
  /**
   * The first syntax error of a Python code block, undefined when it parses: a block that does not parse
   * (output shown as code, a signature without a body, a placeholder in C comment syntax) is left out of
   * its page's session, whose later blocks it would otherwise swallow into one broken statement. Default:
   * no check.
   */
  pythonSyntaxError?: (code: string) => PySyntaxError | undefined;
  /** Pages whose code blocks a worker thread may be making (extract.ts, the early pool); default: made here. */
  pages?: { settle(path: string): Promise<void> | undefined; take(path: string, text: string): PageBlocks | undefined };
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Files of a configured example folder (`examples` key) count as examples/ files. */
const CONFIGURED_EXAMPLES = EXAMPLE_DIRS.examples;

export async function discover(inp: DiscoverInputs): Promise<{ pending: PendingSource[]; dropped: Candidate[] }> {
  const { files } = inp;
  const pending: PendingSource[] = [];
  const dropped: Candidate[] = [];
  const seen = new Set<string>();

  const exampleDir = exampleDirWith(inp.exampleDirs ?? []);
  const isTest = isTestPath;
  const isScript = isScriptPath;
  // (A documentation site in a folder named otherwise, `hfdocs/`, by its builder's file.)
  const siteFolders = docSiteFolders(inp.files.files.map((f) => f.path));
  const isDoc = (p: string) => isDocPath(p, siteFolders);

  // Dot-folders (`.github/`, `.circleci/`) hold the repository's tooling, never a golden path.
  const sourceFiles = files.files.filter((f) => !isToolingPath(f.path));
  const seenFiles = new Set<string>();
  const addFile = async (path: string, kind: SourceKind, foundBy: string, score: number, entryFunction?: string) => {
    const id = entryFunction ? `${path}:${entryFunction}` : path;
    // A file is one candidate: a declared entry point wins over the same file's main guard.
    if (seen.has(id) || seenFiles.has(path)) return;
    seen.add(id);
    seenFiles.add(path);
    const purpose = inp.purposes.get(path)?.purpose;
    const candidate: Candidate = { id, path, kind, line: 1, foundBy, kept: false, reason: '', ...(purpose ? { heading: purpose } : {}) };
    // A script that times the library (`benchmarks/benchmark_map_filter.py`, `scripts/bench.ts`) is no use
    // of it; an example so named in an examples folder is one its authors chose to show.
    if (kind === 'script' && isBenchmarkPath(path)) {
      dropped.push({ ...candidate, reason: 'a benchmark script: it measures the library rather than uses it' });
      return;
    }
    const text = await files.readOrSkip(path);
    const read = await files.read(path); // cached: the same answer, with the reason
    if (text === undefined) {
      dropped.push({ ...candidate, reason: read.ok ? 'unreadable' : read.reason });
      return;
    }
    if (path.endsWith('.ipynb')) {
      const nb = readNotebook(text, path);
      if (!nb.ok) {
        files.skip(path, `broken notebook: ${nb.reason}`);
        dropped.push({ ...candidate, kind: 'notebook', reason: `broken notebook: ${nb.reason}` });
        return;
      }
      const lang = (nb.language ?? 'python').toLowerCase();
      if (lang !== 'python') {
        dropped.push({ ...candidate, kind: 'notebook', reason: `notebook language is ${lang}` });
        return;
      }
      const v = notebookToPython(nb.cells, path);
      const title = notebookTitle(nb.cells);
      pending.push({ candidate: { ...candidate, kind: 'notebook' }, score: score + (inp.suggestedFiles.has(path) ? 20 : 0), text: v.text, map: { lines: v.lines }, shell: v.shell, ...(title ? { title } : {}) });
      return;
    }
    pending.push({
      candidate,
      score: score + (inp.suggestedFiles.has(path) ? 20 : 0) + (purpose ? 5 : 0),
      text,
      shell: [],
      ...(entryFunction ? { entryFunction } : {}),
      ...(isScript(path) ? { language: 'typescript' as const } : {}),
    });
  };

  // 1. Example programs and notebooks.
  for (const f of sourceFiles) {
    const dir = exampleDir(f.path);
    if (f.path.endsWith('.ipynb') && !isTest(f.path)) {
      await addFile(f.path, 'notebook', dir ? `${f.path.split('/')[0]}/ folder` : 'Jupyter notebook', dir ? dir.score : 70);
    } else if (f.path.endsWith('.py') && dir && !isTest(f.path) && !/(^|\/)__init__\.py$/.test(f.path)) {
      // (A test program under a `scripts/` folder, accelerate's `test_utils/scripts/test_merge_weights.py`
      // that its tests launch, is a test: found with the tests below.)
      await addFile(f.path, dir.kind === 'notebook' ? 'example' : dir.kind, `${folderOf(f.path)}/ folder`, dir.score);
    } else if (isScript(f.path) && dir && !isTest(f.path) && !/(^|\/)[^/]*\.config\.[cm]?[jt]s$/.test(f.path)) {
      await addFile(f.path, dir.kind === 'notebook' ? 'example' : dir.kind, `${folderOf(f.path)}/ folder`, dir.score);
    } else if (f.path.endsWith('.sh') && dir && !isTest(f.path) && inp.commands && !seenFiles.has(f.path)) {
      // A shell script that runs the repository's own commands.
      const text = await files.readOrSkip(f.path);
      const src = text === undefined ? undefined : shellScriptSource(f.path, text, inp.commands, { kind: dir.kind === 'notebook' ? 'example' : dir.kind, foundBy: `${folderOf(f.path)}/ folder (shell script)`, score: dir.score });
      if (src) {
        seenFiles.add(f.path);
        pending.push(src);
      }
    }
  }
  // 2. Files named by phase 0 (RepoMap example rows, suggested workflows).
  for (const [path, { section, purpose }] of [...inp.purposes].sort((a, b) => byCodeUnit(a[0], b[0]))) {
    const exampleRow = /example|📝|üìù|demo|notebook|tutorial/i.test(section) || /\bexample\b|\bdemo\b|\btutorial\b|\bquick ?start\b/i.test(purpose);
    if (!files.has(path) || !(path.endsWith('.py') || path.endsWith('.ipynb') || isScript(path)) || isTest(path)) continue;
    if (exampleRow) await addFile(path, path.endsWith('.ipynb') ? 'notebook' : 'example', 'RepoMap example row', 75);
  }
  for (const path of [...inp.suggestedFiles].sort(byCodeUnit)) {
    if (files.has(path) && (path.endsWith('.py') || path.endsWith('.ipynb') || isScript(path))) {
      await addFile(path, path.endsWith('.ipynb') ? 'notebook' : 'example', 'phase 0 suggested workflow', 80);
    }
  }
  // 3. Entry points declared by the packaging, then `__main__` scripts.
  for (const ep of inp.meta.entryPoints) {
    if (ep.from === 'package.json bin') continue; // below, with the other JavaScript packages
    const [mod, fn] = ep.target.split(':');
    const path = inp.index.modules.get(mod);
    if (!path) {
      dropped.push({ id: `entry:${ep.name}`, path: ep.target, kind: 'entry-point', line: 1, foundBy: `${ep.from} ${ep.name}`, kept: false, reason: `module \`${mod}\` is not in the repository` });
      continue;
    }
    await addFile(path, 'entry-point', `${ep.from} ${ep.name} = ${ep.target}`, 55, fn?.split('.')[0]);
  }
  // package.json `bin` scripts (their sources when built), then `main`/`exports` modules.
  for (const pkg of [...inp.modules.packages.values()].sort((a, b) => byCodeUnit(a.dir, b.dir))) {
    const bin = pkg.json.bin;
    const bins: [string, string][] = typeof bin === 'string' ? [[pkg.name.replace(/^@[^/]+\//, ''), bin]] : Object.entries(bin && typeof bin === 'object' ? bin : {}).filter((e): e is [string, string] => typeof e[1] === 'string');
    for (const [name, target] of bins.sort((a, b) => byCodeUnit(a[0], b[0]))) {
      const path = inp.modules.sourceOf(pkg.dir, target);
      const where = `${pkg.dir ? `${pkg.dir}/` : ''}package.json bin ${name} = ${target}`;
      if (!path) dropped.push({ id: `bin:${pkg.name}:${name}`, path: target, kind: 'entry-point', line: 1, foundBy: where, kept: false, reason: `\`${target}\` is not in the repository and no source file matches it` });
      else await addFile(path, 'entry-point', where, 55);
    }
    const main = inp.modules.resolve(pkg.name || './', pkg.dir ? `${pkg.dir}/package.json` : 'package.json');
    if (pkg.name && main.kind === 'repo' && !isTest(main.path)) await addFile(main.path, 'entry-point', `${pkg.dir ? `${pkg.dir}/` : ''}package.json main/exports`, 40);
  }
  for (const f of sourceFiles) {
    if (!isScript(f.path) || isTest(f.path) || seenFiles.has(f.path) || f.size > files.maxFileBytes) continue;
    const r = await files.read(f.path);
    // Node scripts: a `#!/usr/bin/env node` line or a `require.main === module` guard.
    if (!r.ok || !(/^#!.*\bnode\b/.test(r.text) || /require\.main\s*===\s*module/.test(r.text))) continue;
    await addFile(f.path, 'script', 'Node script (`#!` line or `require.main` guard)', 50);
  }
  for (const f of sourceFiles) {
    if (!f.path.endsWith('.py') || isTest(f.path) || seenFiles.has(f.path)) continue;
    if (f.size > files.maxFileBytes) continue;
    const r = await files.read(f.path);
    // Cheap text prefilter: only files that mention a main guard are candidates.
    if (!r.ok || !/if\s+__name__\s*==\s*['"]__main__['"]|if\s+['"]__main__['"]\s*==\s*__name__/.test(r.text)) continue;
    await addFile(f.path, /(^|\/)__main__\.py$/.test(f.path) ? 'entry-point' : 'script', '`if __name__ == "__main__":` script', 50);
  }
  // 4. Code blocks in README files and docs. The front README is the project's front page (kind `readme`);
  // another README beside it (`README-PYPI.md`) or a package's is read like a docs page.
  const front = frontReadme(files.files.map((f) => f.path));
  const frontText = front ? await files.readOrSkip(front) : undefined;
  const frontOutline = frontText !== undefined ? outline(frontText) : undefined;
  for (const path of docPages(files, exampleDir)) {
    const text = await files.readOrSkip(path);
    if (text === undefined) continue;
    const isReadme = /^readme/i.test(path.split('/').pop()!);
    // A copy of the front README for a registry (the main package's, `README-PYPI.md`: its headings, or
    // nearly all of them, are the front README's) says nothing new.
    if (isReadme && path !== front && frontOutline && copies(outline(text), frontOutline)) continue;
    // Blocks of one document run as one session, like a notebook: earlier blocks give imports and values.
    const session = { text: '', lines: [] as { line: number; cell?: number }[], shell: [] as PendingSource['shell'] };
    const members: PendingSource[] = [];
    // TypeScript blocks run as sessions too, but a block that imports a name the session already has starts
    // a new one (README blocks often repeat `import X from 'pkg'`; one file would bind every later X to the
    // first import). A block importing only new names goes on (`import { textGeneration }` between blocks
    // using the `hf` client made above).
    type TsSession = { id: string; text: string; lines: { line: number; cell?: number }[]; tsx: boolean; js: boolean; members: PendingSource[]; bound: Set<string> };
    const tsSessions: TsSession[] = [];
    let blocks: CodeBlock[];
    await inp.pages?.settle(path);
    try {
      // reStructuredText pages (Sphinx docs, README.rst) give the same blocks: directives, literal blocks, doctests.
      const rst = /\.rst$/i.test(path);
      const extract = () => {
        const made = inp.pages?.take(path, text) ?? pageBlocks(path, text);
        if ('tooDeep' in made) throw new MarkdownTooDeepError(made.tooDeep);
        return made.blocks;
      };
      blocks = inp.perFile ? inp.perFile(rst ? 'rst' : 'markdown', path, text, extract) : extract();
    } catch (e) {
      if (!(e instanceof MarkdownTooDeepError)) throw e;
      files.skip(path, e.reason);
      continue;
    }
    // A migration guide shows the API before a change as much as after it: none of its blocks is read.
    const migration = isReadme ? undefined : migrationGuide(path, text, blocks);
    if (migration !== undefined) {
      const first = blocks[0];
      if (first) dropped.push({ id: `${path}#L${first.startLine}`, path, kind: 'docs', line: first.startLine, foundBy: 'docs code block', kept: false, reason: `a migration guide (${migration}): it shows the API before a change as much as after it; its ${blocks.length} code block(s) are not read` });
      continue;
    }
    // Shell commands run beside the code of the same section (`npx acme models list` under its heading).
    const sectionShell = new Map<string, PendingSource['shell']>();
    for (const b of blocks) {
      if (b.language !== 'shell') continue;
      const cmds = b.source.shell.filter((c) => !INSTALL_COMMANDS.some((re) => re.test(c.command)));
      const key = b.headingPath.join('\u0000');
      sectionShell.set(key, [...(sectionShell.get(key) ?? []), ...cmds]);
    }
    // Which Python blocks do not parse (made once per page, kept by the re-run cache with the page).
    let broken: Map<CodeBlock, PySyntaxError> | undefined;
    const brokenBlocks = () => (broken ??= pythonSyntaxErrors(blocks, path, text, inp));
    for (const block of blocks) {
      const id = `${path}#L${block.startLine}`;
      // The root README is the project's front page; a README inside an example folder shows that example.
      const inExample = !!exampleDir(path) && !isDoc(path);
      const kind: SourceKind = path === front ? 'readme' : inExample ? 'example' : 'docs';
      const foundBy = inExample ? 'example README code block' : isReadme ? (kind === 'readme' ? 'README code block' : 'package README code block') : 'docs code block';
      const base: Candidate = { id, path, kind, line: block.startLine, foundBy, kept: false, reason: '', ...(block.heading ? { heading: block.heading } : {}) };
      if (block.language === 'typescript') {
        let code = block.source.text;
        if (!code.trim()) {
          dropped.push({ ...base, reason: block.source.shell.length ? 'install commands only' : 'no code' });
          continue;
        }
        const tsx = /^(tsx|jsx)\b/i.test(block.info.trim());
        let err = await syntaxError(code, tsx);
        // Docs elide what does not matter with `...` where a value goes (`new Blob(...)`, `files: [ ... ]`,
        // `inputs: ...,`): read as a name of the same length, so every line and column stays where it is.
        const elided = err ? code.replace(ELIDED_VALUE, '___') : code;
        if (err && elided !== code && !(await syntaxError(elided, tsx))) {
          code = elided;
          err = undefined;
        }
        if (err) {
          // A fragment that does not parse would break the blocks after it in the session.
          dropped.push({ ...base, reason: `code block does not parse as TypeScript/JavaScript (line ${block.source.lines[err.line - 1]?.line ?? block.startLine}: ${err.message})` });
          continue;
        }
        const lines = block.source.lines;
        const key = block.headingPath.join('\u0000');
        const shell = sectionShell.get(key) ?? [];
        sectionShell.delete(key); // the first block of the section takes them
        // A block with its own `import`/`require` starts a session (and may start a source of its own).
        const imports = TS_BLOCK_IMPORTS.test(code);
        const entry: PendingSource = {
          candidate: base,
          language: 'typescript',
          score: (isReadme ? 70 : 60) + (/quick ?start|getting started|usage|example/i.test(block.heading ?? '') ? 10 : 0),
          text: code,
          map: { lines },
          shell,
          shellLines: shell.map((c) => c.line),
          prose: [block.prose, block.after].filter(Boolean).join(' '),
          paragraphs: block.paragraphs,
          ...(block.intro ? { intro: block.intro } : {}),
          ...(block.heading ? { title: block.heading } : {}),
          ...(block.pageTitle ? { page: block.pageTitle } : {}),
          ...(block.pageSummary ? { pageSummary: block.pageSummary } : {}),
          blockLines: [lines[0]?.line ?? block.startLine, lines[lines.length - 1]?.line ?? block.startLine],
          section: `${path}#S${block.walkthrough?.line ?? block.headingLine}`,
          ...(block.walkthrough ? { walkthrough: block.walkthrough.heading } : {}),
          ...(imports ? { imports: true } : {}),
        };
        const names = boundNames(code);
        const last = tsSessions[tsSessions.length - 1];
        if (!last || (imports && (!names || names.imported.some((n) => last.bound.has(n))))) tsSessions.push({ id: `${path}#typescript-${tsSessions.length + 1}`, text: '', lines: [], tsx: false, js: true, members: [], bound: new Set() });
        const ts = tsSessions[tsSessions.length - 1];
        for (const n of [...(names?.imported ?? []), ...(names?.declared ?? [])]) ts.bound.add(n);
        entry.session = ts.id;
        ts.text += code.endsWith('\n') ? code : `${code}\n`;
        ts.lines.push(...lines);
        ts.tsx ||= tsx;
        ts.js &&= /^(js|javascript|jsx|mjs|cjs)\b/i.test(block.info.trim());
        ts.members.push(entry);
        pending.push(entry);
        continue;
      }
      if (block.language === 'shell') {
        const cmds = block.source.text.split('\n').filter((l) => l.trim());
        if (cmds.length && cmds.every((l) => INSTALL_COMMANDS.some((re) => re.test(l.replace(/^\s*\$\s*/, ''))))) continue;
        continue;
      }
      if (block.language !== 'python' && block.language !== 'untagged') continue;
      const code = block.source.text;
      if (!code.trim() || code.split('\n').every((l) => !l.trim() || INSTALL_COMMANDS.some((re) => re.test(l)) || /^\s*#/.test(l))) {
        dropped.push({ ...base, reason: block.source.shell.length || /install/.test(code) ? 'install commands only' : 'no code' });
        continue;
      }
      const lines = block.source.lines;
      const err = block.language === 'python' ? brokenBlocks().get(block) : undefined;
      if (err) {
        dropped.push({ ...base, reason: `code block does not parse as Python (line ${lines[err.line - 1]?.line ?? block.startLine}: ${err.message})` });
        continue;
      }
      const blockLines: [number, number] = [lines[0]?.line ?? block.startLine, lines[lines.length - 1]?.line ?? block.startLine];
      const entry: PendingSource = {
        candidate: { ...base, ...(block.language === 'untagged' ? { foundBy: `${base.foundBy} (untagged)` } : {}) },
        score: (isReadme ? 70 : 60) + (/quick ?start|getting started|usage|example/i.test(block.heading ?? '') ? 10 : 0) - (block.language === 'untagged' ? 15 : 0),
        text: code,
        map: { lines },
        shell: block.source.shell,
        prose: [block.prose, block.after].filter(Boolean).join(' '),
        paragraphs: block.paragraphs,
        ...(block.intro ? { intro: block.intro } : {}),
        ...(block.heading ? { title: block.heading } : {}),
        ...(block.pageTitle ? { page: block.pageTitle } : {}),
        ...(block.pageSummary ? { pageSummary: block.pageSummary } : {}),
        section: `${path}#S${block.walkthrough?.line ?? block.headingLine}`,
        ...(block.walkthrough ? { walkthrough: block.walkthrough.heading } : {}),
        ...(PY_BLOCK_IMPORTS.test(code) ? { imports: true } : {}),
      };
      if (block.language === 'python') {
        session.text += code.endsWith('\n') || !code ? code : `${code}\n`;
        session.lines.push(...lines);
        session.shell.push(...block.source.shell);
        entry.session = path;
        entry.blockLines = blockLines;
        members.push(entry);
      }
      pending.push(entry);
    }
    for (const ts of tsSessions) {
      for (const m of ts.members) Object.assign(m, { text: ts.text, map: { lines: ts.lines }, tsx: ts.tsx, js: ts.js });
    }
    // Every block of the session sees the whole document; its steps are the calls on its own lines.
    for (const m of members) {
      m.text = session.text;
      m.map = { lines: session.lines };
      m.shell = session.shell;
    }
    // Sections whose shell commands (not taken by a TypeScript block) run the repository's own CLI.
    if (inp.commands) pending.push(...commandSections(path, blocks, sectionShell, inp.commands, { readme: isReadme, kind: path === front ? 'readme' : exampleDir(path) && !isDoc(path) ? 'example' : 'docs' }));
  }
  // 4b. A Python script the README or docs run by its path (`python train.py config/...`) is an entry point
  // of the repository, as a file with a main guard is: nanoGPT's train.py and sample.py are module-level
  // code that its README runs, in no examples folder.
  // (The sections of commands, which hold each such line once: a code block's `shell` is its whole page's.)
  if (inp.commands) {
    for (const p of [...pending]) {
      if (p.language !== 'shell' || (p.candidate.kind !== 'readme' && p.candidate.kind !== 'docs')) continue;
      for (const sh of p.shell) {
        const found = inp.commands.locate(sh.command, p.candidate.path);
        const script = found?.program.language === 'python' && /\.py$/.test(found.program.name) ? found.program.name : undefined;
        if (!script || isTest(script) || seenFiles.has(script)) continue;
        await addFile(script, 'script', `run by ${p.candidate.path}${p.candidate.heading ? ` (${p.candidate.heading})` : ''}: \`${found!.line}\``, 50);
      }
    }
  }
  // 5. Tests, kept later only for parts of the API nothing above shows; a Python test whose imports name
  // nothing of the repository cannot call its API and is not parsed (a text check), nor a test of an
  // application package that imports nothing outside the app (app-tests.ts), nor a fixture of the tests.
  for (const f of sourceFiles) {
    if (!(f.path.endsWith('.py') || isScript(f.path)) || !isTest(f.path) || seenFiles.has(f.path) || /(^|\/)(__init__|conftest)\.py$/.test(f.path)) continue;
    if (isFixturePath(f.path)) {
      seenFiles.add(f.path);
      dropped.push({ id: f.path, path: f.path, kind: 'test', line: 1, foundBy: 'tests folder', kept: false, reason: "a test's fixture (under a fixtures folder: what a test reads or transforms), not a test" });
      continue;
    }
    if (f.path.endsWith('.py')) {
      const text = await files.readOrSkip(f.path);
      if (text !== undefined && !(await inp.index.importsRepository(f.path, text))) {
        seenFiles.add(f.path);
        dropped.push({ id: f.path, path: f.path, kind: 'test', line: 1, foundBy: 'tests folder', kept: false, reason: "imports nothing of the repository (no import names one of its modules)" });
        continue;
      }
    } else {
      const text = await files.readOrSkip(f.path);
      const app = text === undefined ? undefined : appOnlyTest(f.path, text, inp.packages ? await inp.packages() : [], inp.modules);
      if (app !== undefined) {
        seenFiles.add(f.path);
        dropped.push({ id: f.path, path: f.path, kind: 'test', line: 1, foundBy: 'tests folder', kept: false, reason: `a test of the application package ${app}/ (private, nothing published) that imports nothing of the repository outside it` });
        continue;
      }
    }
    await addFile(f.path, 'test', 'tests folder', 20);
  }
  pending.sort((a, b) => b.score - a.score || byCodeUnit(a.candidate.id, b.candidate.id));
  return { pending, dropped };
}

/** The Python blocks of a page that do not parse, with their first error (line within the block). */
function pythonSyntaxErrors(blocks: CodeBlock[], path: string, text: string, inp: DiscoverInputs): Map<CodeBlock, PySyntaxError> {
  const check = inp.pythonSyntaxError;
  const out = new Map<CodeBlock, PySyntaxError>();
  if (!check) return out;
  const python = blocks.filter((b) => b.language === 'python');
  const find = () => python.flatMap((b, i) => {
    const err = check(b.source.text);
    return err ? [{ i, err }] : [];
  });
  for (const { i, err } of inp.perFile ? inp.perFile('python-block-syntax', path, text, find) : find()) out.set(python[i], err);
  return out;
}

/**
 * The README and documentation pages discovery reads code blocks from, in order (outside dot-folders).
 * Translated pages repeat the English ones: not sources of their own.
 */
export function docPages(files: RepoFiles, exampleDir: (path: string) => unknown): string[] {
  const sourceFiles = files.files.filter((f) => !isToolingPath(f.path));
  const allPaths = new Set(sourceFiles.map((f) => f.path));
  const translated = translationFolders(allPaths);
  const siteFolders = docSiteFolders(allPaths);
  // The README of a package of a monorepo that the root README points to is that package's front page
  // (huggingface.js's README lists `packages/inference/README.md`, `packages/hub/README.md`...); the
  // packages it does not name are the monorepo's own plumbing (hashing, chunking).
  const linked = linkedFolders(files, allPaths);
  const packageReadme = (p: string) => {
    const m = /^(.+)\/readme\.(md|markdown|mdx|rst)$/i.exec(p);
    return !!m && linked.has(m[1]) && !isNonLibraryPath(p) && PACKAGE_MANIFESTS.some((f) => allPaths.has(`${m[1]}/${f}`));
  };
  // A page the root README links to (`recipes/zephyr-7b-beta/README.md`, `./scripts/`) is one the
  // maintainers send users to read: its blocks show the project in use, as a docs page's do. (Not a
  // test's or a benchmark's page.)
  const linkedPage = (p: string) =>
    /\.(md|markdown|mdx|rst)$/i.test(p) && !isTestPath(p) && !isBenchmarkPath(p) && (linked.has(p) || (/(^|\/)readme\.[a-z]+$/i.test(p) && linked.has(p.slice(0, p.lastIndexOf('/')))));
  return sourceFiles
    .map((f) => f.path)
    .filter((p) => /^readme[^/]*\.(md|markdown|mdx|rst)$/i.test(p) || isRootPage(p) || (isDocPath(p, siteFolders) && /\.(md|markdown|mdx|rst)$/i.test(p)) || (exampleDir(p) && /(^|\/)readme\.(md|mdx|rst)$/i.test(p)) || packageReadme(p) || linkedPage(p))
    .filter((p) => !isTranslationPath(p, (x) => allPaths.has(x), translated))
    // (A README is the front page of its folder whatever its name says; the root's pages are isRootPage's.)
    .filter((p) => !p.includes('/') || /(^|\/)readme\.[a-z]+$/i.test(p) || !DOCS_PROJECT_PAGES.test(p.slice(p.lastIndexOf('/') + 1)));
}

/**
 * Names a TypeScript block binds at its top: imported (`import X, { a, b as c } from`, `import * as ns`,
 * `const x = require(...)`) and declared (`const`, `let`, `var`, `function`, `class`). Undefined when an
 * import is not in one of these shapes (then the block starts a session of its own, as any block with
 * imports once did).
 */
function boundNames(code: string): { imported: string[]; declared: string[] } | undefined {
  const imported: string[] = [];
  for (const m of code.matchAll(/^\s*import\s+(?!\()([^'";]*?)\s+from\s+['"]/gm)) {
    const clause = m[1].replace(/^type\s+/, '');
    const named = /\{([^}]*)\}/.exec(clause);
    const rest = clause.replace(/\{[^}]*\}/, '').split(',').map((x) => x.trim()).filter(Boolean);
    for (const r of rest) {
      const ns = /^\*\s+as\s+([A-Za-z_$][\w$]*)$/.exec(r);
      if (ns) imported.push(ns[1]);
      else if (/^[A-Za-z_$][\w$]*$/.test(r)) imported.push(r);
      else return undefined;
    }
    for (const part of named ? named[1].split(',') : []) {
      const n = part.trim().replace(/^type\s+/, '');
      if (!n) continue;
      const as = /^[\w$]+\s+as\s+([A-Za-z_$][\w$]*)$/.exec(n);
      if (as) imported.push(as[1]);
      else if (/^[A-Za-z_$][\w$]*$/.test(n)) imported.push(n);
      else return undefined;
    }
  }
  for (const m of code.matchAll(/^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?require\(/gm)) imported.push(m[1]);
  const statements = (code.match(/^\s*import\s+[^(\s]/gm)?.length ?? 0) + (code.match(/\brequire\(\s*['"]/g)?.length ?? 0);
  const shapes = (code.match(/^\s*import\s+(?!\()[^'";]*?\s+from\s+['"]/gm)?.length ?? 0) + (code.match(/^\s*(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*=\s*(?:await\s+)?require\(/gm)?.length ?? 0);
  // A side-effect import (`import 'dotenv/config'`) or a destructured require: not understood here.
  if (shapes < statements) return undefined;
  const declared = [...code.matchAll(/^(?:export\s+)?(?:const|let|var|function\*?|async\s+function\*?|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  return { imported, declared };
}

/** `...` standing for a value: followed by the end of a list, an argument, an object or the line (a spread is followed by what it spreads). */
const ELIDED_VALUE = /(?<![.\w])\.\.\.(?=[ \t]*([,)\]}]|$))/gm;

/** The README's links of a scan: docPages is asked three times a run. */
const linkedMemo = new WeakMap<RepoFiles, Set<string>>();

/**
 * Folders the root README links to, by a relative link (`packages/hub/README.md`, `./packages/hub`) or a
 * GitHub link into a repository's tree (`https://github.com/o/r/tree/main/packages/hub`) naming a folder
 * that is here.
 */
function linkedFolders(files: RepoFiles, allPaths: Set<string>): Set<string> {
  const known = linkedMemo.get(files);
  if (known) return known;
  const out = new Set<string>();
  linkedMemo.set(files, out);
  const readme = frontReadme([...allPaths]);
  const r = readme ? files.readSync(readme) : undefined;
  if (!r?.ok) return out;
  for (const m of r.text.matchAll(/\]\(\s*<?([^)\s>]+)/g)) {
    const target = m[1].replace(/[#?].*$/, '');
    const rel = /^https?:\/\/github\.com\/[^/]+\/[^/]+\/(?:tree|blob)\/[^/]+\/(.+)$/.exec(target)?.[1] ?? (/^[a-z][a-z0-9+.-]*:/i.test(target) ? undefined : target);
    if (!rel) continue;
    const path = rel.replace(/^\.?\//, '').replace(/\/+$/, '');
    out.add(/(^|\/)readme\.[a-z]+$/i.test(path) ? path.slice(0, path.lastIndexOf('/')) : path);
  }
  return out;
}

/** The project's front page: the root `README` (`.md`, `.markdown`, `.mdx`, `.rst`, `.txt` or none), first by name. */
export function frontReadme(paths: string[]): string | undefined {
  return paths.filter((p) => /^readme(\.(md|markdown|mdx|rst|txt))?$/i.test(p)).sort(byCodeUnit)[0];
}

/** A page's headings (links reduced to their text). */
const outline = (text: string) => [...text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)].map((m) => m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));

/**
 * Why a docs page is a migration guide (MIGRATION_PAGE): its title, else its file name, says so, or a
 * folder of migration guides holds it; undefined when it is not one.
 */
function migrationGuide(path: string, text: string, blocks: CodeBlock[]): string | undefined {
  const parts = path.split('/');
  const folder = parts.slice(0, -1).find((d) => MIGRATION_PAGE.folder.test(d));
  if (folder) return `in ${folder}/`;
  const says = (t: string) => MIGRATION_PAGE.words.test(t) && MIGRATION_PAGE.qualifier.test(t);
  const title = frontMatter(text).title ?? blocks.find((b) => b.pageTitle)?.pageTitle;
  if (title !== undefined) return says(title) ? `titled "${title}"` : undefined;
  const name = parts[parts.length - 1];
  return says(name.replace(/\.[^.]+$/, '')) ? `named ${name}` : undefined;
}

/** A page is a copy of another when at least 90% of its headings (three or more) are the other's: a copy for a registry, maybe a version behind. */
function copies(page: string[], of: string[]): boolean {
  const have = new Set(of);
  return page.length >= 3 && page.filter((h) => have.has(h)).length >= 0.9 * page.length;
}

/** Files that make a folder a package of its own (a workspace member, a distribution). */
const PACKAGE_MANIFESTS = ['package.json', ...PY_PACKAGE_MANIFESTS];

/** A page at the root beside the README that tells how to use the project (ROOT_PROJECT_PAGES are about the project itself). */
const isRootPage = (p: string) => /^[^/]+\.(md|markdown|mdx|rst)$/i.test(p) && !ROOT_PROJECT_PAGES.test(p);

/** The folder test of discovery: configured example folders (repository-relative) count as `examples/`. */
export function exampleDirWith(extraDirs: string[]): (path: string) => ReturnType<typeof exampleDirOf> {
  return (p) => (extraDirs.some((d) => p.startsWith(`${d}/`)) ? CONFIGURED_EXAMPLES : exampleDirOf(p));
}

function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}
