// The TypeScript program goldpath analyses TypeScript and JavaScript with. It lives in memory: only the
// example sources handed to it and the repository files their imports reach are read (each once, through
// RepoFiles), module names are resolved by ModuleMap (never into node_modules, never the network), and
// the type checker answers only the questions asked (no full type check). The program is made with the
// compiler's own API (ts-morph's `ts`) and a compiler host over these texts and the standard library's
// files, which are ts-morph's, at the place ts-morph's in-memory projects give them: every file is parsed
// as ts-morph parses it (createLanguageServiceSourceFile, version "0"; parents are set by the binder, see
// the host) and the roots are in the order they were added, so the program is the one a ts-morph project
// of the same files makes, without the wrappers, file system and directory tree ts-morph keeps for every
// file.
import { createRequire } from 'node:module';
import { ts } from 'ts-morph';
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

/** The program's compiler options (no project's own tsconfig: examples are read as one program). */
export const COMPILER_OPTIONS: ts.CompilerOptions = {
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
};

/** The standard library's declaration files, as ts-morph's in-memory projects hold them (read once). */
let libTexts: Map<string, string> | undefined;
function libFiles(): Map<string, string> {
  if (!libTexts) {
    // ts-morph's own companion package, where its in-memory projects take them from.
    const common = createRequire(createRequire(import.meta.url).resolve('ts-morph'))('@ts-morph/common') as { getLibFiles(): { fileName: string; text: string }[]; libFolderInMemoryPath: string };
    libTexts = new Map(common.getLibFiles().map((f) => [`${common.libFolderInMemoryPath}/${f.fileName}`, f.text]));
  }
  return libTexts;
}
const LIB_FOLDER = '/node_modules/typescript/lib';

/**
 * The checker, with the symbol of each identifier it was asked for remembered: analysing a call asks for
 * the same names again and again (the root of its receiver chain, its callee as written, the references
 * a file may narrow), and the checker resolves a name through its scopes anew each time. An identifier's
 * symbol never changes once the program is made. (The checker's methods are closures, not methods of
 * `this`: an object inheriting them answers as it does.)
 */
function rememberingNames(checker: ts.TypeChecker): ts.TypeChecker {
  const known = new Map<ts.Node, ts.Symbol | undefined>();
  const ask = checker.getSymbolAtLocation;
  const getSymbolAtLocation = (node: ts.Node): ts.Symbol | undefined => {
    if (node.kind !== ts.SyntaxKind.Identifier) return ask(node);
    if (known.has(node)) return known.get(node);
    const sym = ask(node);
    known.set(node, sym);
    return sym;
  };
  return Object.assign(Object.create(checker) as ts.TypeChecker, { getSymbolAtLocation });
}

export class TsProject {
  private checkerCache?: ts.TypeChecker;
  private programCache?: ts.Program;
  private readonly written = new Set<string>();
  /** Texts of the program's repository files (roots, and the modules their imports reach) by file name. */
  private readonly texts = new Map<string, string>();
  private readonly roots: string[] = [];

  constructor(
    readonly files: RepoFiles,
    readonly modules: ModuleMap,
  ) {}

  /** Repository path of a project file, '' for library files. */
  static repoPath(fileName: string): string {
    return fileName.startsWith('/node_modules/') ? '' : fileName.replace(/^\//, '');
  }

  /** Adds a whole repository file as a root of the program (an example, a bin script). */
  addRepoFile(rel: string, text: string): void {
    this.written.add(rel);
    this.addRoot(`/${rel}`, text);
  }

  /** Adds code lifted out of a Markdown file, beside it so that relative imports work. */
  addVirtualFile(origin: string, id: string, text: string, kind: { tsx: boolean; js: boolean }): string {
    // JavaScript blocks stay JavaScript: `require()` is an import only there.
    const ext = kind.js ? (kind.tsx ? '.jsx' : '.js') : kind.tsx ? '.tsx' : '.ts';
    const name = `${origin}${VIRTUAL_MARK}-${id}${ext}`;
    this.addRoot(`/${name}`, text);
    return name;
  }

  private addRoot(fileName: string, text: string): void {
    if (this.programCache) throw new Error(`${fileName}: the TypeScript program is already made`);
    if (!this.texts.has(fileName)) this.roots.push(fileName);
    this.texts.set(fileName, text);
  }

  /** A repository file of the program, bound (its nodes have their parents). */
  sourceFile(rel: string): ts.SourceFile | undefined {
    void this.checker;
    return this.program.getSourceFile(`/${rel}`);
  }

  /** A repository file as the program parsed it, if the program is made and has it (nothing is made here). */
  parsedFile(rel: string): ts.SourceFile | undefined {
    return this.programCache?.getSourceFile(`/${rel}`);
  }

  /** One program and one checker for every source, built on first use (after all roots are added). */
  get program(): ts.Program {
    if (!this.programCache) this.programCache = ts.createProgram(this.roots, COMPILER_OPTIONS, this.host());
    return this.programCache;
  }

  /** The checker binds every file when it is made: the nodes' parents are set from then on (see the host). */
  get checker(): ts.TypeChecker {
    if (!this.checkerCache) this.checkerCache = rememberingNames(this.program.getTypeChecker());
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
      this.texts.set(`/${target.path}`, r.text);
      this.written.add(target.path);
    }
    const ext = /\.d\.(m|c)?ts$/.test(target.path) ? ts.Extension.Dts : EXTENSIONS[/\.[a-z]+$/.exec(target.path)?.[0] ?? ''];
    if (!ext) return undefined;
    return { resolvedFileName: `/${target.path}`, extension: ext, isExternalLibraryImport: false };
  }

  /** The compiler host: the program's texts and the standard library's, each parsed once as ts-morph parses it. */
  private host(): ts.CompilerHost {
    const text = (fileName: string) => this.texts.get(fileName) ?? (fileName.startsWith(`${LIB_FOLDER}/`) ? libFiles().get(fileName) : undefined);
    // The folders of the repository files known so far (made again when files were added since); as in
    // ts-morph's in-memory projects, the standard library's files are files of no folder.
    let known: { count: number; dirs: Set<string> } | undefined;
    const dirs = () => {
      if (known?.count !== this.texts.size) {
        const out = new Set<string>(['/']);
        for (const f of this.texts.keys()) for (let i = f.indexOf('/', 1); i > 0; i = f.indexOf('/', i + 1)) out.add(f.slice(0, i));
        known = { count: this.texts.size, dirs: out };
      }
      return known.dirs;
    };
    return {
      getSourceFile: (fileName) => {
        const t = text(fileName);
        // No parents set by the parser (a walk of every tree, a fifth of parsing): the checker binds every
        // file of the program when it is made, before any node is read, and binding sets them (as tsc has them).
        return t === undefined ? undefined : ts.createLanguageServiceSourceFile(fileName, ts.ScriptSnapshot.fromString(t), COMPILER_OPTIONS.target!, '0', false);
      },
      getDefaultLibFileName: (options) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(options)}`,
      writeFile: () => {},
      getCurrentDirectory: () => '/',
      getDirectories: () => [],
      fileExists: (fileName) => text(fileName) !== undefined,
      readFile: (fileName) => text(fileName),
      directoryExists: (dir) => dirs().has(dir.replace(/\/$/, '') || '/'),
      getCanonicalFileName: (fileName) => fileName,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
      realpath: (p) => p,
      resolveModuleNames: (names: string[], containing: string) => names.map((n) => this.resolveModule(n, containing)),
    };
  }
}
