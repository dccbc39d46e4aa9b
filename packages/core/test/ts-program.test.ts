// The TypeScript program is made with the compiler's API and a host of goldpath's own (lang/ts/project.ts),
// not through a ts-morph project (whose wrappers, file system and directory tree cost a third of making
// it on a large repository). It must be the program a ts-morph in-memory project of the same roots makes:
// the same roots, files in the same order, each parsed the same way, and the same checker answers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Project, ts } from 'ts-morph';
import { RepoFiles } from '../src/repo/files.js';
import { ModuleMap } from '../src/lang/ts/modules.js';
import { COMPILER_OPTIONS, TsProject } from '../src/lang/ts/project.js';
import { isScriptPath } from '../src/repo/layout.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The program as goldpath made it before: a ts-morph in-memory project of the same options and module resolution. */
function morphProgram(files: RepoFiles, modules: ModuleMap, roots: [string, string][]): ts.Program {
  const project: Project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: COMPILER_OPTIONS,
    resolutionHost: () => ({
      resolveModuleNames: (names: string[], containing: string) =>
        names.map((n) => {
          const target = modules.resolve(n, containing.replace(/^\//, '').replace(/~goldpath-block.*$/, ''));
          if (target.kind !== 'repo') return undefined;
          if (!written.has(target.path)) {
            const r = files.readSync(target.path);
            if (!r.ok) return undefined;
            project.getFileSystem().writeFileSync(`/${target.path}`, r.text);
            written.add(target.path);
          }
          const ext = /\.d\.(m|c)?ts$/.test(target.path) ? ts.Extension.Dts : ({ '.ts': ts.Extension.Ts, '.tsx': ts.Extension.Tsx, '.js': ts.Extension.Js, '.jsx': ts.Extension.Jsx, '.mjs': ts.Extension.Mjs, '.cjs': ts.Extension.Cjs, '.mts': ts.Extension.Mts, '.cts': ts.Extension.Cts } as Record<string, ts.Extension>)[/\.[a-z]+$/.exec(target.path)?.[0] ?? ''];
          return ext ? { resolvedFileName: `/${target.path}`, extension: ext, isExternalLibraryImport: false } : undefined;
        }),
    }),
  });
  const written = new Set(roots.map(([name]) => name));
  for (const [name, text] of roots) project.createSourceFile(`/${name}`, text, { overwrite: true });
  return project.getProgram().compilerObject;
}

/** What the checker sees of a file: its name, how it was parsed, its text (some are the compiler's internal fields). */
type Parsed = ts.SourceFile & { scriptKind: ts.ScriptKind; externalModuleIndicator?: unknown; commonJsModuleIndicator?: unknown; parseDiagnostics: unknown[] };
const fileFacts = (sf: ts.SourceFile) => ((f: Parsed) => [f.fileName, f.languageVersion, f.scriptKind, f.languageVariant, !!f.externalModuleIndicator, !!f.commonJsModuleIndicator, f.impliedNodeFormat, f.isDeclarationFile, f.hasNoDefaultLib, f.parseDiagnostics.length, f.text])(sf as Parsed);

/** Every call's resolved declaration and every name's symbol, by position (the questions goldpath asks). */
function answers(program: ts.Program, roots: string[]): string[] {
  const checker = program.getTypeChecker();
  const at = (n: ts.Node | undefined) => (n ? `${n.getSourceFile().fileName}:${n.getStart()}` : '-');
  const out: string[] = [];
  for (const name of roots) {
    const sf = program.getSourceFile(`/${name}`)!;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) out.push(`${name}:${n.getStart()} ${at(checker.getResolvedSignature(n)?.declaration)}`);
      if (ts.isIdentifier(n)) out.push(`${name}:${n.getStart()} ${(checker.getSymbolAtLocation(n)?.declarations ?? []).map(at).join(' ')}`);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe('the TypeScript program', () => {
  for (const fixture of ['relay-sdk', 'textkit', 'sitegen']) {
    it(`is the one a ts-morph project of the same roots makes (${fixture})`, async () => {
      const files = await RepoFiles.scan(path.join(ROOT, 'examples', fixture, 'repo'));
      const modules = await ModuleMap.load(files);
      const roots: [string, string][] = [];
      for (const f of files.files.filter((x) => isScriptPath(x.path)).sort((a, b) => (a.path < b.path ? 1 : -1))) {
        const r = files.readSync(f.path);
        if (r.ok) roots.push([f.path, r.text]);
      }
      // A Markdown code block's virtual file, beside its Markdown file; a type reference directive makes
      // the compiler look for folders (none of node_modules is there besides the standard library).
      const block = `/// <reference types="node" />\n/// <reference lib="dom" />\nimport * as m from './${roots[0][0].split('/').pop()!.replace(/\.[^.]+$/, '')}';\nconsole.log(m);\n`;
      const dir = roots[0][0].includes('/') ? `${roots[0][0].slice(0, roots[0][0].lastIndexOf('/'))}/` : '';
      const project = new TsProject(files, modules);
      for (const [name, text] of roots) project.addRepoFile(name, text);
      const virtual = project.addVirtualFile(`${dir}README.md`, 'L1', block, { tsx: false, js: false });
      roots.push([virtual, block]);
      const reference = morphProgram(files, modules, roots);
      expect(roots.length).toBeGreaterThan(3);
      expect(project.program.getRootFileNames()).toEqual(reference.getRootFileNames());
      expect(project.program.getCompilerOptions()).toEqual(reference.getCompilerOptions());
      expect(project.program.getSourceFiles().map(fileFacts)).toEqual(reference.getSourceFiles().map(fileFacts));
      const names = roots.map(([n]) => n);
      expect(answers(project.program, names)).toEqual(answers(reference, names));
    });
  }
});
