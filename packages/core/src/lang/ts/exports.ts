// What a JavaScript package publishes: the names its entry modules (package.json `exports`, else `main`,
// `module`, `types`) export, followed through re-exports (`export * from`, `export { a as b } from`, an
// imported name exported again) to the file that declares each. Read from the syntax alone (TypeScript's
// parser, no program, no checker), each file parsed at most once. A function or class of the package that
// no entry reaches is the package's own machinery (ollama-js's `formatHost` of src/utils.ts, which only its
// tests import), not its API (group/surface.ts).
import { ts } from 'ts-morph';
import type { RepoFiles } from '../../repo/files.js';
import type { ModuleMap } from './modules.js';

export interface Published {
  /** Whether `path` is a JavaScript module of a package whose entries are all known (no folder published by pattern): `has` answers for it. */
  covers(path: string): boolean;
  /** Whether `path:name` (a declaration's file and its own name) is exported by an entry of its package. */
  has(key: string): boolean;
}

interface FileExports {
  /** Exported name → the local name it exports (`export { a as b }`, `export function f`, `export default f`). */
  locals: Map<string, string>;
  /** Exported name → where it comes from (`export { a as b } from './x'`, `export * as ns from './x'`: name `*`). */
  reexports: Map<string, { spec: string; name: string }>;
  /** `export * from './x'`. */
  stars: string[];
  /** Exports made by assignment (`module.exports = ...`, `exports.x = ...`): not read, so the file's names are not known. */
  commonjs: boolean;
  /** Local name → what it imports (`import { a as b } from './x'`; `import ns from`: `default`; `import * as`: `*`). */
  imports: Map<string, { spec: string; name: string }>;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A module's syntax tree, each by its extension (a `.ts` file read as TSX takes a type assertion `<T>x` for an element). */
function parse(fileName: string, text: string): ts.SourceFile {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(fileName) ? ts.ScriptKind.TS : /\.jsx$/.test(fileName) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
}

/** The exports and imports a module's top-level statements declare. */
function exportsOf(sf: ts.SourceFile): FileExports {
  const text = sf.text;
  const out: FileExports = { locals: new Map(), reexports: new Map(), stars: [], commonjs: /\b(module\.)?exports(\.[A-Za-z_$][\w$]*)?\s*=[^=]/.test(text), imports: new Map() };
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
      const spec = st.moduleSpecifier.text;
      const c = st.importClause;
      if (c.name) out.imports.set(c.name.text, { spec, name: 'default' });
      const b = c.namedBindings;
      if (b && ts.isNamespaceImport(b)) out.imports.set(b.name.text, { spec, name: '*' });
      else if (b) for (const e of b.elements) out.imports.set(e.name.text, { spec, name: (e.propertyName ?? e.name).text });
    } else if (ts.isExportDeclaration(st)) {
      const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      const clause = st.exportClause;
      if (!clause) {
        if (spec !== undefined) out.stars.push(spec);
      } else if (ts.isNamespaceExport(clause)) {
        if (spec !== undefined) out.reexports.set(clause.name.text, { spec, name: '*' });
      } else {
        for (const e of clause.elements) {
          const local = (e.propertyName ?? e.name).text;
          if (spec !== undefined) out.reexports.set(e.name.text, { spec, name: local });
          else out.locals.set(e.name.text, local);
        }
      }
    } else if (ts.isExportAssignment(st)) {
      if (ts.isIdentifier(st.expression)) out.locals.set('default', st.expression.text);
    } else if (exported(st) && ts.isVariableStatement(st)) {
      // (`export const experimental_useRealtime = useRealtime`: the function is published under another name.)
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) out.locals.set(d.name.text, d.initializer && ts.isIdentifier(d.initializer) ? d.initializer.text : d.name.text);
      }
    } else if (exported(st)) {
      const named = ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isModuleDeclaration(st);
      if (named && st.name && ts.isIdentifier(st.name)) out.locals.set(isDefault(st) ? 'default' : st.name.text, st.name.text);
    }
  }
  return out;
}

/**
 * The names the repository's packages publish. A package whose `exports` has a `*` subpath publishes every
 * file that pattern reaches: its files are not covered (everything stays public); so is a package none of
 * whose entries is a file of the repository.
 */
export function publishedNames(
  files: RepoFiles,
  modules: ModuleMap,
  /** A file the TypeScript program already parsed (the same tree: not parsed again). */
  parsedFile: (path: string) => ts.SourceFile | undefined = () => undefined,
): Published {
  const parsed = new Map<string, FileExports | undefined>();
  const read = (path: string): FileExports | undefined => {
    if (!parsed.has(path)) {
      let sf: ts.SourceFile | undefined;
      if (/\.(d\.)?[cm]?[jt]sx?$/.test(path)) {
        sf = parsedFile(path);
        const r = sf ? undefined : files.readSync(path);
        if (r?.ok) sf = parse(path, r.text);
      }
      parsed.set(path, sf ? exportsOf(sf) : undefined);
    }
    return parsed.get(path);
  };
  const target = (spec: string, from: string) => {
    const t = modules.resolve(spec, from);
    return t.kind === 'repo' ? t.path : undefined;
  };
  const names = new Set<string>();
  const seen = new Set<string>();
  // The declaration `name` of `path` exports, wherever it is declared; `*`: every name it exports.
  const reach = (path: string, name: string): void => {
    const key = `${path}\0${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const f = read(path);
    if (!f) return;
    if (name === '*') {
      for (const n of [...f.locals.keys(), ...f.reexports.keys()]) reach(path, n);
      for (const s of f.stars) {
        const t = target(s, path);
        if (t) reachStar(t);
      }
      return;
    }
    const local = f.locals.get(name);
    if (local !== undefined) {
      const imp = f.imports.get(local);
      const t = imp ? target(imp.spec, path) : undefined;
      if (imp && t) reach(t, imp.name);
      else if (!imp) names.add(`${path}:${local}`);
      return;
    }
    const re = f.reexports.get(name);
    if (re) {
      const t = target(re.spec, path);
      if (t) reach(t, re.name);
      return;
    }
    if (name === 'default') return;
    for (const s of f.stars) {
      const t = target(s, path);
      if (t) reach(t, name);
    }
  };
  // `export * from` passes on every name but the default.
  const reachStar = (path: string) => {
    const f = read(path);
    if (!f) return;
    for (const n of [...f.locals.keys(), ...f.reexports.keys()]) if (n !== 'default') reach(path, n);
    for (const s of f.stars) {
      const t = target(s, path);
      if (t && !seen.has(`${t}\0**`)) {
        seen.add(`${t}\0**`);
        reachStar(t);
      }
    }
  };
  const covered: string[] = [];
  const packages = [...modules.packages.values()].sort((a, b) => byCodeUnit(a.dir, b.dir));
  for (const pkg of packages) {
    const paths = modules.entryFiles(pkg);
    // (A CommonJS entry's exports are values assigned at run time: its package stays wholly public.)
    if (paths === 'open' || !paths.length || paths.some((p) => read(p)?.commonjs !== false)) continue;
    covered.push(pkg.dir);
    for (const p of paths) reach(p, '*');
  }
  // (Every package.json folder, named or not: a file of an unnamed package inside a covered one is not its.)
  const dirs = files.files.filter((f) => f.path === 'package.json' || f.path.endsWith('/package.json')).map((f) => f.path.slice(0, -'package.json'.length).replace(/\/$/, ''));
  return surface(names, new Set(covered), dirs);
}

/** The answers, holding only what they need (not the files read for them). */
function surface(names: ReadonlySet<string>, covered: ReadonlySet<string>, packageDirs: string[]): Published {
  // A file belongs to its nearest package.
  const dirs = [...packageDirs].sort((a, b) => b.length - a.length || byCodeUnit(a, b));
  return {
    covers: (path) => {
      // (A JavaScript module: a Python file beside a package.json is no part of that package's API.)
      if (!/\.[cm]?[jt]sx?$/.test(path)) return false;
      const d = dirs.find((x) => x === '' || path.startsWith(`${x}/`));
      return d !== undefined && covered.has(d);
    },
    has: (key) => names.has(key),
  };
}
