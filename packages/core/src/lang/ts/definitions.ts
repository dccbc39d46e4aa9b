// A TypeScript/JavaScript declaration → goldpath Definition: exact span (first decorator or the first line
// of the declaration, never its leading JSDoc, to its closing line), parameters, return type, JSDoc summary.
import { ts } from 'ts-morph';
import { DOC_BANNER } from '../../heuristics/tables.js';
import type { Definition, Parameter } from '../../model.js';
import type { ModuleMap } from './modules.js';
import { TsProject } from './project.js';

type FunctionLike = ts.SignatureDeclaration & { body?: ts.Node };

const MAX_TYPE = 80;

/**
 * The node whose lines a definition covers: a function or class expression stands for the statement or
 * property that names it (`export const f = () => …`, `exports.f = function …`, `{ f: function … }`).
 */
export function definitionNode(decl: ts.Node): ts.Node {
  let n = decl;
  // `getToken: () => Promise<string>`, `let f = g as (x: T) => U`: the declaration that names the type.
  if (ts.isFunctionTypeNode(n)) {
    let p: ts.Node = n.parent;
    while (p && !ts.isSourceFile(p) && !(ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isVariableDeclaration(p) || ts.isTypeAliasDeclaration(p) || ts.isParameter(p))) p = p.parent;
    if (p && !ts.isSourceFile(p)) n = p;
  }
  if (ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isClassExpression(n)) {
    let p = n.parent;
    while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
    if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))) n = p;
    else if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.parent && ts.isExpressionStatement(p.parent)) return p.parent;
    else return n;
  }
  if (ts.isVariableDeclaration(n) && ts.isVariableDeclarationList(n.parent) && n.parent.declarations.length === 1 && ts.isVariableStatement(n.parent.parent)) {
    return n.parent.parent;
  }
  return n;
}

/** The function a definition node runs (for parameters and return type). */
export function functionOf(node: ts.Node): FunctionLike | undefined {
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodSignature(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isCallSignatureDeclaration(node) || ts.isFunctionTypeNode(node)) {
    return node as FunctionLike;
  }
  let init: ts.Node | undefined;
  if (ts.isVariableStatement(node)) init = node.declarationList.declarations[0]?.initializer;
  else if (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) init = node.initializer;
  else if (ts.isExpressionStatement(node) && ts.isBinaryExpression(node.expression)) init = node.expression.right;
  else if (ts.isPropertySignature(node) && node.type && ts.isFunctionTypeNode(node.type)) return node.type;
  while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
  return init && (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) ? init : undefined;
}

export function classOf(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) return node;
  let init: ts.Node | undefined;
  if (ts.isVariableStatement(node)) init = node.declarationList.declarations[0]?.initializer;
  else if (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) init = node.initializer;
  else if (ts.isExpressionStatement(node) && ts.isBinaryExpression(node.expression)) init = node.expression.right;
  return init && ts.isClassExpression(init) ? init : undefined;
}

/** Does the node hold a parse error? Such a region prints no span (clarification 2). */
export function hasParseError(node: ts.Node): boolean {
  const sf = node.getSourceFile();
  const diags = parseDiagnostics(sf);
  const start = node.getStart(sf);
  return diags.some((d) => d.start >= start && d.start <= node.end);
}

/** The parser's own errors of a file (kept by the compiler on the source file, not part of its public API). */
export function parseDiagnostics(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/** The first parse error of a file, by line, with the compiler's message. */
export function firstParseError(sf: ts.SourceFile): { line: number; message: string } | undefined {
  const d = parseDiagnostics(sf)[0];
  return d ? { line: lineOf(sf, d.start), message: ts.flattenDiagnosticMessageText(d.messageText, ' ') } : undefined;
}

export function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

/**
 * Where a definition's code ends: its last character, but not a closing `;` that begins a later line
 * (standard style's `;(Style as any)[KEY] = …` after `const Style = …`: that line is the next statement's).
 */
export function endOf(node: ts.Node, sf: ts.SourceFile): number {
  const kids = node.getChildren(sf);
  const last = kids[kids.length - 1];
  const prev = kids[kids.length - 2];
  return last && prev && last.kind === ts.SyntaxKind.SemicolonToken && lineOf(sf, last.getStart(sf)) > lineOf(sf, prev.end) ? prev.end : node.end;
}

/** Name of a declaration node; object literal members and `exports.x = …` included. */
export function nameOf(node: ts.Node): string | undefined {
  if (ts.isVariableStatement(node)) return nameOf(node.declarationList.declarations[0]);
  if (ts.isExpressionStatement(node) && ts.isBinaryExpression(node.expression)) {
    const l = node.expression.left;
    if (ts.isPropertyAccessExpression(l)) return l.name.text;
    if (ts.isIdentifier(l)) return l.text;
    // `this[method] = …`: the member its key names at run time.
    if (ts.isElementAccessExpression(l)) return `[${l.argumentExpression.getText()}]`;
    return undefined;
  }
  const n = (node as { name?: ts.Node }).name;
  if (n && (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n))) return n.text;
  if (n && ts.isComputedPropertyName(n) && ts.isPropertyAccessExpression(n.expression)) return `[${n.expression.getText()}]`;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if ((ts.isClassDeclaration(node) || ts.isFunctionDeclaration(node)) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return 'default';
  return undefined;
}

/** `Outer.Inner.method`: the names of enclosing classes, namespaces and functions, then the node's. */
export function qualnameOf(node: ts.Node): string | undefined {
  const own = nameOf(node);
  if (!own) return returnedName(node);
  const parts = [own];
  for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isClassDeclaration(p) || ts.isClassExpression(p) || ts.isModuleDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isInterfaceDeclaration(p) || ts.isTypeAliasDeclaration(p)) {
      const n = nameOf(p) ?? (ts.isClassExpression(p) && ts.isVariableDeclaration(p.parent) ? nameOf(p.parent) : undefined);
      if (n) parts.unshift(n);
    } else if (ts.isObjectLiteralExpression(p) && ts.isVariableDeclaration(p.parent)) {
      const n = nameOf(p.parent);
      if (n) parts.unshift(n);
    }
  }
  return parts.join('.');
}

/** An anonymous function a factory returns (`return async (event) => …`, `(a) => (b) => …`): `handle.<returned>`. */
function returnedName(node: ts.Node): string | undefined {
  if (!(ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return undefined;
  let child: ts.Node = node;
  let p = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) (child = p), (p = p.parent);
  if (!p || !(ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === child))) return undefined;
  const factory = ts.findAncestor(p, ts.isFunctionLike);
  const outer = factory ? qualnameOf(definitionNode(factory)) : undefined;
  return outer ? `${outer}.<returned>` : undefined;
}

/**
 * A node's source text without its comments: an inline object type's JSDoc (`{ /** The model to use. *\/
 * model: Model }`) is no part of the type a signature shows. The rest is the text as written.
 */
function codeText(node: ts.Node): string {
  const text = node.getText();
  if (!text.includes('/*') && !text.includes('//')) return text;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let out = '';
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    out += k === ts.SyntaxKind.SingleLineCommentTrivia || k === ts.SyntaxKind.MultiLineCommentTrivia ? ' ' : scanner.getTokenText();
  }
  return out;
}

function fold(text: string, max = MAX_TYPE): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

function paramsOf(fn: FunctionLike | undefined): Parameter[] {
  if (!fn) return [];
  return fn.parameters
    .filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'))
    .map((p) => ({
      name: `${p.dotDotDotToken ? '...' : ''}${fold(codeText(p.name), 40)}`,
      // JavaScript declares types in JSDoc (`@param {string} name`).
      ...(p.type ? { type: fold(codeText(p.type)) } : ts.getJSDocType(p) ? { type: fold(codeText(ts.getJSDocType(p)!)) } : {}),
      ...(p.initializer ? { default: fold(codeText(p.initializer), 40) } : {}),
    }));
}

function returnsOf(fn: FunctionLike | undefined, checker: ts.TypeChecker): string | undefined {
  if (!fn || ts.isConstructorDeclaration(fn)) return undefined;
  if (fn.type) return fold(codeText(fn.type));
  const jsDoc = ts.getJSDocReturnType(fn);
  if (jsDoc) return fold(jsDoc.getText());
  const sig = checker.getSignatureFromDeclaration(fn);
  if (!sig) return undefined;
  const t = checker.typeToString(checker.getReturnTypeOfSignature(sig), undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
  return t === 'any' || t === 'error' ? undefined : fold(t);
}

/**
 * A JSDoc comment's text with its inline links as a reader sees them: `{@link Agent}` → Agent,
 * `{@link Agent | the agent}` → the agent, `{@linkcode run}` → `run` (TypeScript prints the tags as written).
 */
function jsDocText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string | undefined {
  return ts.getTextOfJSDocComment(comment)?.replace(/\{@(link|linkcode|linkplain)\s+([^\s|}]+)\s*(?:\|\s*)?([^}]*)\}/g, (_, kind: string, name: string, label: string) => {
    const text = label.trim() || name;
    return kind === 'linkcode' && !label.trim() ? `\`${text}\`` : text;
  });
}

/** First sentence of the JSDoc above a node (for `const f = …`, the JSDoc above the statement). */
export function jsDocSummary(node: ts.Node): string | undefined {
  const target = ts.isVariableStatement(node) ? node.declarationList.declarations[0] : ts.isExpressionStatement(node) ? node : node;
  const docs = ts.getJSDocCommentsAndTags(target).filter(ts.isJSDoc);
  for (const d of docs.reverse()) {
    const text = jsDocText(d.comment);
    if (text && text.trim()) {
      const t = text.replace(/\s+/g, ' ').trim();
      const m = /^.*?[.!?](\s|$)/.exec(t);
      return (m ? m[0] : t).trim();
    }
  }
  return undefined;
}

/** The JSDoc's first paragraph and its `@param` descriptions. */
function jsDocDetails(node: ts.Node): { docParagraph?: string; paramDocs?: Record<string, string> } {
  const target = ts.isVariableStatement(node) ? node.declarationList.declarations[0] : node;
  const docs = ts.getJSDocCommentsAndTags(target).filter(ts.isJSDoc);
  const d = docs[docs.length - 1];
  if (!d) return {};
  // The first paragraph that describes the declaration: not a bold banner (`**Starting a new
  // project?** We recommend ...`) nor the rule (`---`) that ends one.
  const paragraphs = (jsDocText(d.comment)?.trim().split(/\n\s*\n/) ?? []).map((p) => p.replace(/\s+/g, ' ').trim());
  const text = paragraphs.find((p) => p && !DOC_BANNER.test(p) && !/^([-*_]\s*){3,}$/.test(p));
  const params: Record<string, string> = {};
  for (const tag of d.tags ?? []) {
    if (!ts.isJSDocParameterTag(tag)) continue;
    const c = jsDocText(tag.comment)?.replace(/^\s*-\s*/, '').replace(/\s+/g, ' ').trim();
    if (c) params[tag.name.getText()] = c.length > 300 ? `${c.slice(0, 299)}…` : c;
  }
  return { ...(text ? { docParagraph: text.length > 400 ? `${text.slice(0, 399)}…` : text } : {}), ...(Object.keys(params).length ? { paramDocs: params } : {}) };
}

/** The implementation of an overloaded function or method: the declaration with a body. */
export function implementationOf(decl: ts.Node, checker: ts.TypeChecker): ts.Node {
  if (!(ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isConstructorDeclaration(decl)) || decl.body) return decl;
  const name = (decl as ts.FunctionDeclaration).name;
  const sym = name ? checker.getSymbolAtLocation(name) : undefined;
  const impl = sym?.declarations?.find((d) => (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d)) && d.body);
  return impl ?? decl;
}

export class DefinitionBuilder {
  private readonly cache = new Map<ts.Node, Definition | { error: string }>();
  private readonly importsCache = new Map<string, string[]>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly modules: ModuleMap,
  ) {}

  /** The Definition for a declaration in a repository file, or why none can be printed. */
  build(decl: ts.Node): Definition | { error: string } {
    const node = definitionNode(decl);
    let hit = this.cache.get(node);
    if (!hit) {
      hit = this.make(node);
      this.cache.set(node, hit);
    }
    return hit;
  }

  private make(node: ts.Node): Definition | { error: string } {
    const sf = node.getSourceFile();
    const path = TsProject.repoPath(sf.fileName);
    const qualname = qualnameOf(node);
    if (!qualname) return { error: `the declaration at ${path}:${lineOf(sf, node.getStart(sf))} has no name` };
    // A member of an inline object type (`(): { run(): void }`) has no definition of its own to point to.
    if (node.parent && ts.isTypeLiteralNode(node.parent) && !ts.isTypeAliasDeclaration(node.parent.parent)) {
      return { error: `\`${nameOf(node) ?? '?'}\` is declared only by an inline type at ${path}:${lineOf(sf, node.getStart(sf))}; its implementation is not statically known` };
    }
    if (hasParseError(node)) return { error: `syntax error in ${path} around line ${lineOf(sf, node.getStart(sf))}` };
    const cls = classOf(node);
    const fn = cls ? undefined : functionOf(node);
    const ctor = cls?.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body) ?? cls?.members.find(ts.isConstructorDeclaration);
    const inClass = !!node.parent && (ts.isClassLike(node.parent) || ts.isInterfaceDeclaration(node.parent) || ts.isObjectLiteralExpression(node.parent));
    const summary = jsDocSummary(node) ?? (fn ? this.overloadSummary(node) : undefined);
    const returns = cls ? undefined : returnsOf(fn, this.checker);
    return {
      path,
      module: path.replace(/(\.d)?\.(m|c)?(j|t)sx?$/, ''),
      qualname,
      kind: cls ? 'class' : inClass && !ts.isObjectLiteralExpression(node.parent) ? 'method' : 'function',
      span: { path, start: lineOf(sf, node.getStart(sf)), end: lineOf(sf, endOf(node, sf)) },
      params: paramsOf(cls ? ctor : fn),
      ...(returns ? { returns } : {}),
      ...(summary ? { summary } : {}),
      ...jsDocDetails(node),
      externalImports: this.externalImports(sf),
    };
  }

  /** An implementation without JSDoc takes the summary of its first documented overload. */
  private overloadSummary(node: ts.Node): string | undefined {
    const name = (node as { name?: ts.Node }).name;
    const sym = name ? this.checker.getSymbolAtLocation(name) : undefined;
    for (const d of sym?.declarations ?? []) {
      if (d === node) continue;
      const s = jsDocSummary(d);
      if (s) return s;
    }
    return undefined;
  }

  /** Packages (from outside the repository, not Node built-ins) the file imports or requires. */
  externalImports(sf: ts.SourceFile): string[] {
    const path = TsProject.repoPath(sf.fileName);
    let hit = this.importsCache.get(path);
    if (!hit) {
      const out = new Set<string>();
      const visit = (n: ts.Node) => {
        let spec: string | undefined;
        if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) spec = n.moduleSpecifier.text;
        else if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0]) && ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword)) spec = n.arguments[0].text;
        if (spec !== undefined) {
          const t = this.modules.resolve(spec, path);
          if (t.kind === 'external') out.add(t.distribution);
        }
        if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
        ts.forEachChild(n, visit);
      };
      visit(sf);
      hit = [...out].sort();
      this.importsCache.set(path, hit);
    }
    return hit;
  }
}
