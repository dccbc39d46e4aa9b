// Finds the candidate golden-path sources of a repository, in order of trust, each with how it was found.
// Parsing and resolution happen later; here only paths, code blocks and notebooks are read.
import type { Candidate, SourceKind } from '../model.js';
import type { RepoFiles } from '../repo/files.js';
import type { ProjectMetadata } from '../repo/metadata.js';
import { EXAMPLE_DIRS, TEST_DIRS, INSTALL_COMMANDS } from '../heuristics/tables.js';
import { extractCodeBlocks } from '../lang/markdown/codeblocks.js';
import { readNotebook, notebookToPython, notebookTitle } from '../lang/notebook.js';
import type { PythonIndex } from '../resolve/python-index.js';
import type { LineMap } from '../resolve/python-calls.js';

/** Code handed to the Python adapter for one candidate. */
export interface PendingSource {
  candidate: Candidate;
  /** Trust: higher first. */
  score: number;
  /** Text to parse, and its line map when it is not the file itself. */
  text: string;
  map?: LineMap;
  shell: { line: number; cell?: number; command: string }[];
  /** For an entry point `module:function`: only that function's calls count. */
  entryFunction?: string;
  /** Text around a code block (prose before it, paragraph after it). */
  prose?: string;
  /** A notebook's or a code block's title. */
  title?: string;
  /**
   * Python code blocks of one Markdown file run as one session (like a notebook): they share `text`,
   * `map` and `session` (the file's path), which is parsed and resolved once; the block's own steps are
   * the calls on its lines, `blockLines` (first and last line in the Markdown file).
   */
  session?: string;
  blockLines?: [number, number];
}

export interface DiscoverInputs {
  files: RepoFiles;
  meta: ProjectMetadata;
  index: PythonIndex;
  /** RepoMap rows: file → Purpose and section. */
  purposes: Map<string, { purpose: string; section: string }>;
  /** Files named by the phase 0 report's suggested workflows. */
  suggestedFiles: Set<string>;
}

const PY_BLOCKS = { python: ['python', 'py', 'python3', 'py3', 'pycon', 'ipython', 'ipython3'], typescript: ['ts', 'typescript', 'tsx', 'js', 'javascript', 'jsx', 'mjs', 'cjs'] };

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function discover(inp: DiscoverInputs): Promise<{ pending: PendingSource[]; dropped: Candidate[] }> {
  const { files } = inp;
  const pending: PendingSource[] = [];
  const dropped: Candidate[] = [];
  const seen = new Set<string>();

  const exampleDir = (p: string) => {
    const parts = p.split('/');
    for (const part of parts.slice(0, -1)) {
      const hit = EXAMPLE_DIRS[part.toLowerCase()];
      if (hit) return hit;
    }
    return undefined;
  };
  const isTest = (p: string) => p.split('/').slice(0, -1).some((d) => TEST_DIRS.has(d.toLowerCase())) || /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(p) || /(^|\/)conftest\.py$/.test(p);
  const isDoc = (p: string) => /^docs?\//i.test(p);

  const seenFiles = new Set<string>();
  const addFile = async (path: string, kind: SourceKind, foundBy: string, score: number, entryFunction?: string) => {
    const id = entryFunction ? `${path}:${entryFunction}` : path;
    // A file is one candidate: a declared entry point wins over the same file's main guard.
    if (seen.has(id) || seenFiles.has(path)) return;
    seen.add(id);
    seenFiles.add(path);
    const purpose = inp.purposes.get(path)?.purpose;
    const candidate: Candidate = { id, path, kind, line: 1, foundBy, kept: false, reason: '', ...(purpose ? { heading: purpose } : {}) };
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
    pending.push({ candidate, score: score + (inp.suggestedFiles.has(path) ? 20 : 0) + (purpose ? 5 : 0), text, shell: [], ...(entryFunction ? { entryFunction } : {}) });
  };

  // 1. Example programs and notebooks.
  for (const f of files.files) {
    const dir = exampleDir(f.path);
    if (f.path.endsWith('.ipynb') && !isTest(f.path)) {
      await addFile(f.path, 'notebook', dir ? `${f.path.split('/')[0]}/ folder` : 'Jupyter notebook', dir ? dir.score : 70);
    } else if (f.path.endsWith('.py') && dir && !/(^|\/)__init__\.py$/.test(f.path)) {
      await addFile(f.path, dir.kind === 'notebook' ? 'example' : dir.kind, `${folderOf(f.path)}/ folder`, dir.score);
    }
  }
  // 2. Files named by phase 0 (RepoMap example rows, suggested workflows).
  for (const [path, { section, purpose }] of [...inp.purposes].sort((a, b) => byCodeUnit(a[0], b[0]))) {
    const exampleRow = /example|📝|üìù|demo|notebook|tutorial/i.test(section) || /\bexample\b|\bdemo\b|\btutorial\b|\bquick ?start\b/i.test(purpose);
    if (!files.has(path) || !(path.endsWith('.py') || path.endsWith('.ipynb')) || isTest(path)) continue;
    if (exampleRow) await addFile(path, path.endsWith('.ipynb') ? 'notebook' : 'example', 'RepoMap example row', 75);
  }
  for (const path of [...inp.suggestedFiles].sort(byCodeUnit)) {
    if (files.has(path) && (path.endsWith('.py') || path.endsWith('.ipynb'))) {
      await addFile(path, path.endsWith('.ipynb') ? 'notebook' : 'example', 'phase 0 suggested workflow', 80);
    }
  }
  // 3. Entry points declared by the packaging, then `__main__` scripts.
  for (const ep of inp.meta.entryPoints) {
    const [mod, fn] = ep.target.split(':');
    const path = inp.index.modules.get(mod);
    if (!path) {
      dropped.push({ id: `entry:${ep.name}`, path: ep.target, kind: 'entry-point', line: 1, foundBy: `${ep.from} ${ep.name}`, kept: false, reason: `module \`${mod}\` is not in the repository` });
      continue;
    }
    await addFile(path, 'entry-point', `${ep.from} ${ep.name} = ${ep.target}`, 55, fn?.split('.')[0]);
  }
  for (const f of files.files) {
    if (!f.path.endsWith('.py') || isTest(f.path) || seenFiles.has(f.path)) continue;
    if (f.size > 1024 * 1024) continue;
    const r = await files.read(f.path);
    // Cheap text prefilter: only files that mention a main guard are candidates.
    if (!r.ok || !/if\s+__name__\s*==\s*['"]__main__['"]|if\s+['"]__main__['"]\s*==\s*__name__/.test(r.text)) continue;
    await addFile(f.path, /(^|\/)__main__\.py$/.test(f.path) ? 'entry-point' : 'script', '`if __name__ == "__main__":` script', 50);
  }
  // 4. Code blocks in README files and docs.
  const mdFiles = files.files
    .map((f) => f.path)
    .filter((p) => (/^readme[^/]*\.(md|markdown)$/i.test(p) || (isDoc(p) && /\.(md|markdown)$/i.test(p)) || (exampleDir(p) && /(^|\/)readme\.md$/i.test(p))));
  for (const path of mdFiles) {
    const text = await files.readOrSkip(path);
    if (text === undefined) continue;
    const isReadme = /^readme/i.test(path.split('/').pop()!);
    // Blocks of one document run as one session, like a notebook: earlier blocks give imports and values.
    const session = { text: '', lines: [] as { line: number; cell?: number }[], shell: [] as PendingSource['shell'] };
    const members: PendingSource[] = [];
    for (const block of extractCodeBlocks(text, path, PY_BLOCKS)) {
      const id = `${path}#L${block.startLine}`;
      const kind: SourceKind = isReadme && !path.includes('/') ? 'readme' : 'docs';
      const base: Candidate = { id, path, kind, line: block.startLine, foundBy: isReadme ? 'README code block' : 'docs code block', kept: false, reason: '', ...(block.heading ? { heading: block.heading } : {}) };
      if (block.language === 'typescript') {
        dropped.push({ ...base, reason: 'TypeScript/JavaScript code blocks are not analysed yet' });
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
      const blockLines: [number, number] = [lines[0]?.line ?? block.startLine, lines[lines.length - 1]?.line ?? block.startLine];
      const entry: PendingSource = {
        candidate: { ...base, ...(block.language === 'untagged' ? { foundBy: `${base.foundBy} (untagged)` } : {}) },
        score: (isReadme ? 70 : 60) + (/quick ?start|getting started|usage|example/i.test(block.heading ?? '') ? 10 : 0) - (block.language === 'untagged' ? 15 : 0),
        text: code,
        map: { lines },
        shell: block.source.shell,
        prose: [block.prose, block.after].filter(Boolean).join(' '),
        ...(block.heading ? { title: block.heading } : {}),
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
    // Every block of the session sees the whole document; its steps are the calls on its own lines.
    for (const m of members) {
      m.text = session.text;
      m.map = { lines: session.lines };
      m.shell = session.shell;
    }
  }
  // 5. Tests, kept later only for parts of the API nothing above shows.
  for (const f of files.files) {
    if (!f.path.endsWith('.py') || !isTest(f.path) || seenFiles.has(f.path) || /(^|\/)(__init__|conftest)\.py$/.test(f.path)) continue;
    await addFile(f.path, 'test', 'tests folder', 20);
  }
  pending.sort((a, b) => b.score - a.score || byCodeUnit(a.candidate.id, b.candidate.id));
  return { pending, dropped };
}

function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}
