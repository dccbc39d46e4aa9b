// The ts-morph project goldpath analyses TypeScript and JavaScript with. It lives in memory: only the
// example sources handed to it and the repository files their imports reach are read (each once, through
// RepoFiles), module names are resolved by ModuleMap (never into node_modules, never the network), and
// the type checker answers only the questions asked (no full type check).
import { Project, ts } from 'ts-morph';
import type { RepoFiles } from '../../repo/files.js';
import type { ModuleMap } from './modules.js';
import { tsNestingProblem } from './nesting.js';

/** Virtual files (Markdown code blocks) live beside their Markdown file under this suffix. */
export const VIRTUAL_MARK = '~goldpath-block';

const EXTENSIONS: Record<string, ts.Extension> = {
  '.ts': ts.Extension.Ts,
  '.tsx': ts.Extension.Tsx,
  '.mts': ts.Extension.Mts,
  '.cts': ts.Extension.Cts,
  '.js': ts.Extension.Js,
  '.jsx': ts.Extension.Jsx,
  '.mjs': ts.Extension.Mjs,
  '.cjs': ts.Extension.Cjs,
};

export class TsProject {
  readonly project: Project;
  private checkerCache?: ts.TypeChecker;
  private programCache?: ts.Program;
  private readonly written = new Set<string>();

  constructor(
    readonly files: RepoFiles,
    readonly modules: ModuleMap,
  ) {
    this.project = new Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        allowJs: true,
        checkJs: false,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        jsx: ts.JsxEmit.Preserve,
        lib: ['lib.es2022.full.d.ts'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        esModuleInterop: true,
        allowSyntheticDefaultImports: true,
        experimentalDecorators: true,
        allowImportingTsExtensions: true,
        resolveJsonModule: false,
      },
      resolutionHost: () => ({
        resolveModuleNames: (names: string[], containing: string) => names.map((n) => this.resolveModule(n, containing)),
      }),
    });
  }

  /** Repository path of a project file, '' for library files. */
  static repoPath(fileName: string): string {
    return fileName.startsWith('/node_modules/') ? '' : fileName.replace(/^\//, '');
  }

  /** Adds a whole repository file as a root of the program (an example, a bin script). */
  addRepoFile(rel: string, text: string): ts.SourceFile {
    this.written.add(rel);
    return this.project.createSourceFile(`/${rel}`, text, { overwrite: true }).compilerNode;
  }

  /** Adds code lifted out of a Markdown file, beside it so that relative imports work. */
  addVirtualFile(origin: string, id: string, text: string, kind: { tsx: boolean; js: boolean }): string {
    // JavaScript blocks stay JavaScript: `require()` is an import only there.
    const ext = kind.js ? (kind.tsx ? '.jsx' : '.js') : kind.tsx ? '.tsx' : '.ts';
    const name = `${origin}${VIRTUAL_MARK}-${id}${ext}`;
    this.project.createSourceFile(`/${name}`, text, { overwrite: true });
    return name;
  }

  sourceFile(rel: string): ts.SourceFile | undefined {
    return this.program.getSourceFile(`/${rel}`);
  }

  /** One program and one checker for every source, built on first use (after all roots are added). */
  get program(): ts.Program {
    if (!this.programCache) this.programCache = this.project.getProgram().compilerObject;
    return this.programCache;
  }

  get checker(): ts.TypeChecker {
    if (!this.checkerCache) this.checkerCache = this.program.getTypeChecker();
    return this.checkerCache;
  }

  private resolveModule(name: string, containing: string): ts.ResolvedModuleFull | undefined {
    const from = TsProject.repoPath(containing);
    if (!from) return undefined;
    const origin = from.includes(VIRTUAL_MARK) ? from.slice(0, from.indexOf(VIRTUAL_MARK)) : from;
    const target = this.modules.resolve(name, origin);
    if (target.kind !== 'repo') return undefined;
    if (!this.written.has(target.path)) {
      const r = this.files.readSync(target.path);
      if (!r.ok) {
        this.files.skip(target.path, r.reason);
        return undefined;
      }
      // The TypeScript parser recurses on nesting: a module nested too deeply is not handed to it.
      const deep = tsNestingProblem(r.text);
      if (deep) {
        this.files.skip(target.path, deep);
        return undefined;
      }
      this.project.getFileSystem().writeFileSync(`/${target.path}`, r.text);
      this.written.add(target.path);
    }
    const ext = /\.d\.(m|c)?ts$/.test(target.path) ? ts.Extension.Dts : EXTENSIONS[/\.[a-z]+$/.exec(target.path)?.[0] ?? ''];
    if (!ext) return undefined;
    return { resolvedFileName: `/${target.path}`, extension: ext, isExternalLibraryImport: false };
  }
}
