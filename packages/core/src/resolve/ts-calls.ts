// TypeScript/JavaScript call sites → CallSites. The type checker answers what each callee is: a function,
// `new Class(...)`, a method reached through properties (`client.chat.completions.create`), static,
// inherited, overloaded (the implementation is printed) or re-exported. What it cannot see (external
// packages are not installed) is traced back to its import and named by package.
import { ts } from 'ts-morph';
import type { CallSite, Definition, Place, Resolution, Span } from '../model.js';
import type { LineMap } from './python-calls.js';
import { DefinitionBuilder, definitionNode, firstParseError, implementationOf, lineOf, qualnameOf } from '../lang/ts/definitions.js';
import { TsProject, VIRTUAL_MARK } from '../lang/ts/project.js';
import type { ModuleTarget } from '../lang/ts/modules.js';
import { CHILD_PROCESS_CALLS, JS_RUNTIME_GLOBALS, TEST_PACKAGES } from '../heuristics/tables.js';
import { shellCallSites, type CommandResolver, type ShellLine } from './shell-calls.js';
import { describeTypeOnly, isTypeOnly, TsValueTracer } from './ts-values.js';
import { QuickTypes } from './ts-quick.js';

export interface TsSource {
  /** Repository path of the file the code is in (a `.ts` file, or the Markdown file of a code block). */
  path: string;
  /** Project file name of the code (the file itself, or the virtual file of a Markdown session). */
  fileName: string;
  /** Line map of virtual code back to the Markdown file. */
  map?: LineMap;
  /** Only module-level code counts (a package's main module: its functions are the library, not a use). */
  topLevelOnly?: boolean;
  shell: ShellLine[];
  /** The repository's own commands, for shell lines that run them. */
  commands?: CommandResolver;
}

type Found = { resolution: Resolution; definition?: Definition; param?: ts.NodeArray<ts.ParameterDeclaration> };

export class TsCallResolver {
  private readonly defs: DefinitionBuilder;

  private readonly tracer: TsValueTracer;

  private readonly quick?: QuickTypes;

  constructor(
    private readonly project: TsProject,
    /** `quick: false`: every question goes to the type checker (QuickTypes answers the same, faster). */
    options: { quick?: boolean } = {},
  ) {
    this.defs = new DefinitionBuilder(project.checker, project.modules);
    const quick = options.quick === false ? undefined : new QuickTypes(project.checker, () => project.program.getSourceFiles(), (sf) => TsProject.repoPath(sf.fileName) === '');
    this.quick = quick;
    this.tracer = new TsValueTracer(project.checker, (sf) => TsProject.repoPath(sf.fileName) !== '', quick ? (e) => quick.typeAt(e) : undefined);
  }

  /** The first parse error of a project file (parsed once, with the program). */
  syntaxError(fileName: string): { line: number; message: string } | undefined {
    const sf = this.project.program.getSourceFile(`/${fileName}`);
    return sf ? firstParseError(sf) : undefined;
  }

  calls(src: TsSource): CallSite[] {
    const sf = this.project.program.getSourceFile(`/${src.fileName}`);
    if (!sf) return [];
    const checker = this.project.checker;
    const place = (pos: number) => {
      const line = lineOf(sf, pos);
      return src.map ? (src.map.lines[line - 1] ?? { line }) : { line };
    };
    const span = (node: ts.Node): Span => {
      const a = place(node.getStart(sf));
      const b = place(node.end);
      return { path: src.path, start: a.line, end: b.line, ...(a.cell !== undefined ? { cell: a.cell } : {}) };
    };
    // Post-order: a call's arguments and receiver run before it.
    const found: (ts.CallExpression | ts.NewExpression)[] = [];
    const visit = (n: ts.Node) => {
      ts.forEachChild(n, visit);
      if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && countsAsCall(n) && !(src.topLevelOnly && insideFunction(n))) found.push(n);
    };
    visit(sf);
    const out: CallSite[] = [];
    const patterns = new Set<string>();
    const orderOf = new Map(
      found.map((call, rank) => {
        const sp = place(statementOf(call).getStart(sf));
        return [call as ts.Node, [sp.cell ?? 0, sp.line, rank]];
      }),
    );
    /** The order of the innermost call whose receiver or arguments (callbacks' bodies included) hold this one. */
    const withinOf = (call: ts.Node): number[] => {
      for (let n = call.parent; n; n = n.parent) {
        const o = orderOf.get(n);
        if (o) return o;
      }
      return [];
    };
    found.forEach((call, rank) => {
      const f = this.resolve(call, src);
      const names = argNames(call, f.param);
      const stmt = statementOf(call);
      const sp = place(stmt.getStart(sf));
      const site: CallSite = {
        callee: calleeText(call.expression, checker),
        written: fold(call.expression.getText(sf)),
        argNames: names,
        ...argValuesOf(call, names, sf),
        argComments: argComments(call, sf),
        // The statement's comment is about the call it makes, not one nested in that call's arguments.
        ...(inArguments(call, stmt) ? {} : commentOf(leadingComment(stmt, sf), (pos) => ({ path: src.path, ...place(pos) }))),
        assignedTo: assignedTo(call),
        uses: usesOf(call),
        site: span(call),
        resolution: f.resolution,
        ...(f.definition ? { definition: f.definition } : {}),
        order: orderOf.get(call)!,
        within: withinOf(call),
      };
      out.push(site);
      // A function of the example passed to an API is a pattern the user implements.
      if (f.resolution.kind !== 'repo' && f.resolution.kind !== 'external') return;
      for (const arg of call.arguments ?? []) {
        if (!ts.isIdentifier(arg)) continue;
        const decl = localFunction(arg, checker, sf);
        if (!decl || patterns.has(arg.text)) continue;
        patterns.add(arg.text);
        const node = definitionNode(decl);
        const fn = ts.isFunctionDeclaration(decl) ? decl : (decl as ts.VariableDeclaration).initializer as ts.FunctionLikeDeclaration;
        const doc = leadingComment(node, sf)?.text;
        out.push({
          callee: arg.text,
          written: arg.text,
          argNames: fn.parameters.map((p) => p.name.getText(sf)),
          argComments: {},
          ...(doc ? { comment: doc } : {}),
          assignedTo: [],
          uses: [],
          site: span(node),
          resolution: { kind: 'pattern', name: arg.text, span: span(node) },
          passedTo: site.callee,
          order: [sp.cell ?? 0, sp.line, rank + 0.5],
        });
      }
    });
    // Shell commands of the same document run tools (install commands never become steps).
    out.push(...shellCallSites(src.path, src.shell, src.commands));
    return out;
  }

  private resolve(call: ts.CallExpression | ts.NewExpression, src: TsSource): Found {
    const checker = this.project.checker;
    const expr = skipOuter(call.expression);
    // child_process runs a tool: the command is the literal that names it.
    const origin = this.originOf(expr);
    if (origin?.kind === 'external' && TEST_PACKAGES.has(origin.distribution)) return { resolution: { kind: 'builtin', name: origin.distribution } };
    if (origin?.kind === 'builtin') {
      const method = lastName(expr);
      if (/^(node:)?child_process$/.test(origin.module) || origin.module === 'child_process') {
        if (method && CHILD_PROCESS_CALLS.has(method)) {
          const command = commandOf(call);
          return command ? { resolution: { kind: 'tool', command } } : { resolution: { kind: 'unresolved', reason: `${method}() runs a command that is not written as a literal` } };
        }
      }
      return { resolution: { kind: 'builtin', name: origin.module } };
    }
    // `handlers[name](...)`: a member chosen at run time, never the key's own declaration.
    if (ts.isCallExpression(call) && ts.isElementAccessExpression(expr) && !ts.isStringLiteralLike(expr.argumentExpression) && !ts.isNumericLiteral(expr.argumentExpression)) return this.computedMember(expr, src, origin);
    let decls: ts.Node[] = [];
    if (ts.isNewExpression(call)) {
      const sym = this.symbolOf(expr);
      const cls = sym?.declarations?.find((d) => ts.isClassLike(d) || (ts.isVariableDeclaration(d) && !!d.initializer && ts.isClassExpression(skipOuter(d.initializer))));
      if (cls) decls = [ts.isVariableDeclaration(cls) ? skipOuter(cls.initializer!) : cls];
      // An interface and a value of one name (`interface $ZodString`, `const $ZodString = $constructor(...)`):
      // `new` builds from the value.
      else if (sym?.declarations?.length) decls = [sym.valueDeclaration ?? sym.declarations[0]];
    } else {
      const sym = this.symbolOf(expr);
      // The callee's own declarations answer most calls without checking the arguments (the costly
      // part of getResolvedSignature on SDK types); overloads print their implementation either way.
      const callable = (sym?.declarations ?? []).map(expandoValue).filter(isCallableDeclaration);
      if (callable.length) decls = [callable.find((x) => 'body' in x && x.body) ?? callable[0]];
      else {
        const d = ((ts.isCallExpression(call) ? this.quick?.signatureDeclaration(call) : undefined) ?? checker.getResolvedSignature(call))?.declaration;
        if (d && !ts.isJSDocSignature(d)) decls = [d];
      }
      // A union receiver (`a: A | B`) reaches one method per member: the checker cannot say which runs.
      const owners = new Set((sym?.declarations ?? []).filter((x) => !ts.isSourceFile(x)).map((x) => x.parent));
      const inRepo = (sym?.declarations ?? []).some((x) => TsProject.repoPath(x.getSourceFile().fileName) !== '');
      if (sym && inRepo && owners.size > 1 && [...owners].every((o) => ts.isClassLike(o) || ts.isInterfaceDeclaration(o) || ts.isTypeLiteralNode(o))) {
        const names = [...new Set((sym.declarations ?? []).map((x) => qualnameOf(definitionNode(x)) ?? '?'))].sort();
        if (names.length > 1) return { resolution: { kind: 'unresolved', reason: `the receiver may be one of several types; candidates: ${names.join(', ')}`, candidates: names } };
      }
      if (!decls.length && sym?.declarations?.length) decls = sym.declarations;
    }
    const decl = decls[0];
    if (!decl) {
      if (origin?.kind === 'external') return { resolution: { kind: 'external', module: origin.distribution, distribution: origin.distribution } };
      if (origin?.kind === 'missing') return { resolution: { kind: 'unresolved', reason: origin.reason } };
      const t = ts.isPropertyAccessExpression(expr) ? (this.quick?.typeAt(expr.expression) ?? checker.getTypeAtLocation(expr.expression)) : undefined;
      return { resolution: { kind: 'unresolved', reason: t && t.flags & ts.TypeFlags.Any ? `the type of \`${fold(expr.getText(), 60).replace(/\.[^.]*$/, '')}\` is unknown` : 'the type checker found no declaration' } };
    }
    // `const { signIn } = NextAuth(...)`: the binding holds what the call returned, not a definition.
    if (ts.isCallExpression(call) && ts.isBindingElement(decl)) {
      const traced = this.traced(expr, decl, src, origin);
      if (traced) return traced;
    }
    const file = decl.getSourceFile();
    const rel = TsProject.repoPath(file.fileName);
    if (!rel) return { resolution: { kind: 'builtin', name: lastName(expr) ?? 'global' } };
    if (rel === src.fileName || rel.includes(VIRTUAL_MARK)) return { resolution: { kind: 'builtin', name: `local ${lastName(expr) ?? ''}`.trim() } };
    if (origin?.kind === 'external' && /\.d\.(m|c)?ts$/.test(rel)) return { resolution: { kind: 'external', module: origin.distribution, distribution: origin.distribution } };
    let target = implementationOf(decl, checker);
    // An interface member, a call signature, a type alias: the implementation the receiver was built
    // from (a class's method, a method assigned in its constructor, the function a factory returns),
    // else unresolved; a type's line is never printed.
    if (ts.isCallExpression(call) && isTypeOnly(target)) {
      const traced = this.traced(expr, target, src, origin);
      if (traced) return traced;
      target = implementationOf(decl, checker);
    }
    // A class or value known only by its declared type (`declare const X: Ctor<X>`): no body to print.
    if (ts.isNewExpression(call) && isTypeOnly(target)) return { resolution: { kind: 'unresolved', reason: `\`new ${fold(expr.getText(), 60)}\` builds from ${describeTypeOnly(target)}, which has no implementation in the repository` } };
    const def = this.defs.build(target);
    if ('error' in def) return { resolution: { kind: 'unresolved', reason: def.error } };
    const fnParams = functionParams(target);
    return {
      resolution: { kind: 'repo', qualname: def.qualname, module: def.module, span: def.span, via: ts.isNewExpression(call) ? 'constructor' : ts.isPropertyAccessExpression(expr) ? 'type checker' : 'import' },
      definition: def,
      ...(fnParams ? { param: fnParams } : {}),
    };
  }

  /**
   * The implementation behind a callee the checker only knows by a type (or a destructured binding):
   * the one function the receiver's values lead to. Undefined to go on with the declaration (a binding
   * that holds no function of the code); otherwise a resolution, unresolved when no single body exists.
   */
  private traced(expr: ts.Expression, decl: ts.Node, src: TsSource, origin: ModuleTarget | undefined): Found | undefined {
    const values = this.tracer.values(expr);
    const fns = [...new Set(values.flatMap((v) => (v.kind === 'function' ? [v.node] : [])))];
    // Only when every path the code shows leads to it: one body found beside an unknown value is a guess.
    const unknown = values.some((v) => v.kind !== 'function');
    if (fns.length === 1 && !unknown) return this.found(fns[0], expr, src);
    const where = `${TsProject.repoPath(decl.getSourceFile().fileName)}:L${lineOf(decl.getSourceFile(), decl.getStart())}`;
    if (fns.length) {
      const names = [...new Set(fns.map((f) => this.candidate(f)))].sort();
      const others = unknown ? ', or a function the code does not show' : '';
      return { resolution: { kind: 'unresolved', reason: `\`${fold(expr.getText(), 60)}\` may run ${names.length === 1 ? 'the implementation listed' : `one of ${names.length} implementations`}${others}`, candidates: names } };
    }
    if (origin?.kind === 'external') return { resolution: { kind: 'external', module: origin.distribution, distribution: origin.distribution } };
    if (ts.isBindingElement(decl)) {
      const init = TsValueTracer.bindingSource(decl);
      const from = init ? this.originOf(init) : undefined;
      if (from?.kind === 'external') return { resolution: { kind: 'external', module: from.distribution, distribution: from.distribution } };
      // The source's own binding (a destructured parameter of its callback) stays the source's own value.
      const rel = TsProject.repoPath(decl.getSourceFile().fileName);
      if (rel === src.fileName || rel.includes(VIRTUAL_MARK)) return undefined;
      return { resolution: { kind: 'unresolved', reason: `\`${fold(expr.getText(), 60)}\` is destructured (${where}) from a value whose implementation the code does not show` } };
    }
    // A variable the source set to what a call of the library returned (`const pipe = await pipeline(...)`;
    // `pipe(text)`): it runs that object, like a Python object's `__call__`, though no body is known.
    const made = ts.isIdentifier(expr) && this.madeByCall(expr);
    return { resolution: { kind: 'unresolved', reason: `\`${fold(expr.getText(), 60)}\` is declared only by ${describeTypeOnly(decl)} (${where}); no implementation is reached from its receiver (a dynamic proxy, a callback or a value built elsewhere)`, ...(made ? { method: '__call__' } : {}) } };
  }

  /** Is the identifier a variable of the source initialised by a call (`const pipe = await pipeline(...)`)? */
  private madeByCall(id: ts.Identifier): boolean {
    const d = this.symbolOf(id)?.valueDeclaration;
    return !!d && ts.isVariableDeclaration(d) && !!d.initializer && ts.isCallExpression(skipOuter(d.initializer));
  }

  /** `obj[key](...)`: the map's entries, when they are the source's own functions; else unresolved with the candidates. */
  private computedMember(expr: ts.ElementAccessExpression, src: TsSource, origin: ModuleTarget | undefined): Found {
    const maps = this.tracer.values(expr.expression);
    let unknown = maps.some((m) => m.kind !== 'object');
    const fns = [...new Set(maps.flatMap((m) => (m.kind === 'object' ? m.node.properties.flatMap((p) => {
      const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      const entries = key === undefined ? [] : this.tracer.member([m], key);
      if (key === undefined || entries.some((v) => v.kind !== 'function')) unknown = true;
      return entries.flatMap((v) => (v.kind === 'function' ? [v.node] : []));
    }) : [])))];
    const text = fold(expr.getText(), 60);
    const local = (f: ts.Node) => {
      const rel = TsProject.repoPath(f.getSourceFile().fileName);
      return rel === src.fileName || rel.includes(VIRTUAL_MARK);
    };
    if (fns.length && !unknown && fns.every(local)) return { resolution: { kind: 'builtin', name: `local ${calleeText(expr, this.project.checker)}` } };
    if (fns.length === 1 && !unknown) return this.found(fns[0], expr, src);
    if (fns.length) {
      const names = [...new Set(fns.map((f) => this.candidate(f)))].sort();
      return { resolution: { kind: 'unresolved', reason: `\`${text}\` calls the map entry its key selects at run time`, candidates: names } };
    }
    if (origin?.kind === 'external') return { resolution: { kind: 'external', module: origin.distribution, distribution: origin.distribution } };
    return { resolution: { kind: 'unresolved', reason: `\`${text}\` calls a member its key selects at run time, and the code does not show which functions the object holds` } };
  }

  /** A function the tracer found, as a resolution: the source's own, or the repository's with its definition. */
  private found(fn: ts.Node, expr: ts.Expression, src: TsSource): Found {
    const rel = TsProject.repoPath(fn.getSourceFile().fileName);
    if (rel === src.fileName || rel.includes(VIRTUAL_MARK)) return { resolution: { kind: 'builtin', name: `local ${lastName(expr) ?? ''}`.trim() } };
    const def = this.defs.build(fn);
    if ('error' in def) return { resolution: { kind: 'unresolved', reason: def.error } };
    const fnParams = ts.isFunctionLike(fn) ? fn.parameters : undefined;
    return { resolution: { kind: 'repo', qualname: def.qualname, module: def.module, span: def.span, via: 'implementation' }, definition: def, ...(fnParams ? { param: fnParams } : {}) };
  }

  private candidate(fn: ts.Node): string {
    const def = this.defs.build(fn);
    return 'error' in def ? `${TsProject.repoPath(fn.getSourceFile().fileName)}:L${lineOf(fn.getSourceFile(), fn.getStart())}` : `${def.qualname} (${def.span.path}:L${def.span.start}-${def.span.end})`;
  }

  private symbolOf(expr: ts.Expression): ts.Symbol | undefined {
    const checker = this.project.checker;
    const node = ts.isPropertyAccessExpression(expr) ? expr.name : ts.isElementAccessExpression(expr) ? expr.argumentExpression : expr;
    const sym = this.followed(this.memberSymbol(node) ?? (ts.isPropertyAccessExpression(expr) ? this.builtType(expr.expression)?.getProperty(expr.name.text) : undefined));
    // A module called or constructed (`const Groq = require('groq-sdk'); new Groq()`) is its default export:
    // only a CommonJS entry that exports that value itself (Stainless SDKs' `module.exports = Groq`) can be.
    const called = (ts.isCallExpression(expr.parent) || ts.isNewExpression(expr.parent)) && expr.parent.expression === expr;
    if (sym && called && sym.flags & ts.SymbolFlags.ValueModule) {
      const dflt = checker.getExportsOfModule(sym).find((e) => e.escapedName === 'default');
      if (dflt) return this.followed(dflt);
    }
    return sym;
  }

  /**
   * The type of a receiver the checker could not type because the class it was built from is a required
   * module's default export (`const acme = new Acme()` after `const Acme = require('acme-sdk')`): the
   * class's instance type, then its properties' types (`acme.completions`).
   */
  private builtType(e: ts.Expression, depth = 0): ts.Type | undefined {
    if (depth > 8) return undefined;
    const checker = this.project.checker;
    if (ts.isPropertyAccessExpression(e)) {
      const prop = this.builtType(e.expression, depth + 1)?.getProperty(e.name.text);
      return prop ? checker.getTypeOfSymbol(prop) : undefined;
    }
    if (!ts.isIdentifier(e)) return undefined;
    const d = checker.getSymbolAtLocation(e)?.valueDeclaration;
    const init = d && ts.isVariableDeclaration(d) && d.initializer ? skipOuter(d.initializer) : undefined;
    if (!init || !ts.isNewExpression(init) || !(checker.getTypeAtLocation(e).flags & ts.TypeFlags.Any)) return undefined;
    const cls = this.symbolOf(init.expression);
    return cls && cls.flags & ts.SymbolFlags.Class ? checker.getDeclaredTypeOfSymbol(cls) : undefined;
  }

  /** The symbol a name stands for: through aliases, `module.exports = { f }`, `{ f: g }` and `const f = g`. */
  private followed(start: ts.Symbol | undefined): ts.Symbol | undefined {
    const checker = this.project.checker;
    let sym = start;
    for (let i = 0; sym && i < 8; i++) {
      if (sym.flags & ts.SymbolFlags.Alias) {
        const next = checker.getAliasedSymbol(sym);
        if (!next || next === sym || next.flags & ts.SymbolFlags.ValueModule && !next.declarations?.length) break;
        sym = next;
        continue;
      }
      // `module.exports = { loadConfig }` and `{ f: g }`: follow the value the member names.
      const d = sym.declarations?.[0];
      if (d && ts.isShorthandPropertyAssignment(d)) {
        const v = checker.getShorthandAssignmentValueSymbol(d);
        if (!v || v === sym) break;
        sym = v;
        continue;
      }
      if (d && ts.isPropertyAssignment(d) && (ts.isIdentifier(d.initializer) || ts.isPropertyAccessExpression(d.initializer))) {
        const v = this.memberSymbol(ts.isPropertyAccessExpression(d.initializer) ? d.initializer.name : d.initializer);
        if (!v || v === sym) break;
        sym = v;
        continue;
      }
      if (d && ts.isVariableDeclaration(d) && d.initializer && (ts.isIdentifier(d.initializer) || ts.isPropertyAccessExpression(d.initializer))) {
        const v = this.memberSymbol(ts.isPropertyAccessExpression(d.initializer) ? d.initializer.name : d.initializer);
        if (!v || v === sym) break;
        sym = v;
        continue;
      }
      break;
    }
    return sym;
  }

  /** `checker.getSymbolAtLocation(node)`; for the name of `a.b`, without inferring the type of `a` when it need not be. */
  private memberSymbol(node: ts.Node): ts.Symbol | undefined {
    const checker = this.project.checker;
    const pa = node.parent;
    if (this.quick && ts.isIdentifier(node) && pa && ts.isPropertyAccessExpression(pa) && pa.name === node) {
      const q = this.quick.memberSymbol(pa);
      if (q !== undefined) return q ?? undefined;
    }
    return checker.getSymbolAtLocation(node);
  }

  /** Where the leftmost name of an expression comes from, when it is imported or required. */
  private originOf(expr: ts.Expression, depth = 0): ModuleTarget | undefined {
    if (depth > 6) return undefined;
    // `require('debug')('app')`, `require('x').y()`: the module the chain starts from.
    let inner: ts.Expression = skipOuter(expr);
    while (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || (ts.isCallExpression(inner) && requireSpec(inner) === undefined)) inner = skipOuter(inner.expression);
    const spec = ts.isCallExpression(inner) ? requireSpec(inner) : undefined;
    if (spec !== undefined) {
      // Relative to the file the expression is written in (a virtual block file stands for its Markdown file).
      const file = TsProject.repoPath(inner.getSourceFile().fileName);
      return this.project.modules.resolve(spec, file.includes(VIRTUAL_MARK) ? file.slice(0, file.indexOf(VIRTUAL_MARK)) : file);
    }
    const root = rootOf(expr);
    if (!ts.isIdentifier(root)) return undefined;
    const sym = this.project.checker.getSymbolAtLocation(root);
    if (!sym && JS_RUNTIME_GLOBALS.has(root.text)) return { kind: 'builtin', module: root.text };
    const d = sym?.declarations?.[0];
    if (!d) return undefined;
    const from = TsProject.repoPath(d.getSourceFile().fileName);
    const origin = from.includes(VIRTUAL_MARK) ? from.slice(0, from.indexOf(VIRTUAL_MARK)) : from;
    let imp: ts.Node | undefined = d;
    while (imp && !ts.isImportDeclaration(imp) && !ts.isImportEqualsDeclaration(imp) && !ts.isSourceFile(imp) && !ts.isVariableDeclaration(imp)) imp = imp.parent;
    if (imp && ts.isImportDeclaration(imp) && ts.isStringLiteral(imp.moduleSpecifier)) return this.project.modules.resolve(imp.moduleSpecifier.text, origin);
    if (imp && ts.isImportEqualsDeclaration(imp) && ts.isExternalModuleReference(imp.moduleReference) && ts.isStringLiteral(imp.moduleReference.expression)) return this.project.modules.resolve(imp.moduleReference.expression.text, origin);
    if (imp && ts.isVariableDeclaration(imp) && imp.initializer) {
      const spec = requireSpec(imp.initializer);
      if (spec !== undefined) return this.project.modules.resolve(spec, origin);
      return this.originOf(imp.initializer, depth + 1);
    }
    return undefined;
  }
}

/** `exports.f = function …` declares `f` by its left side: the value is the right side. */
function expandoValue(d: ts.Declaration): ts.Node {
  const p = d.parent;
  if ((ts.isPropertyAccessExpression(d) || ts.isElementAccessExpression(d)) && p && ts.isBinaryExpression(p) && p.left === d && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return p.right;
  return d;
}

/** A declaration that is itself a function, method or class (not a variable holding who knows what). */
function isCallableDeclaration(d: ts.Node): boolean {
  if (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || ts.isMethodSignature(d) || ts.isFunctionExpression(d) || ts.isArrowFunction(d) || ts.isClassLike(d)) return true;
  if ((ts.isVariableDeclaration(d) || ts.isPropertyDeclaration(d) || ts.isPropertyAssignment(d)) && d.initializer) {
    let init: ts.Expression = d.initializer;
    while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
    return ts.isFunctionExpression(init) || ts.isArrowFunction(init);
  }
  return false;
}

/** The leftmost expression of a receiver chain (`a` of `a.b().c`). */
function rootOf(expr: ts.Expression): ts.Expression {
  let root: ts.Expression = expr;
  for (;;) {
    root = skipOuter(root);
    if (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
    else if (ts.isCallExpression(root) || ts.isNewExpression(root)) root = root.expression;
    else return root;
  }
}

/** `require('x')`, `require('x').y`, `await import('x')`: the module name. */
function requireSpec(e: ts.Expression): string | undefined {
  let n = skipOuter(e);
  while (ts.isPropertyAccessExpression(n)) n = skipOuter(n.expression);
  if (ts.isCallExpression(n) && n.arguments.length >= 1 && ts.isStringLiteral(n.arguments[0]) && ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword)) return n.arguments[0].text;
  return undefined;
}

function insideFunction(n: ts.Node): boolean {
  for (let p = n.parent; p && !ts.isSourceFile(p); p = p.parent) if (ts.isFunctionLike(p) || ts.isClassLike(p)) return true;
  return false;
}

function countsAsCall(n: ts.CallExpression | ts.NewExpression): boolean {
  const e = n.expression;
  if (e.kind === ts.SyntaxKind.SuperKeyword || e.kind === ts.SyntaxKind.ImportKeyword) return false;
  if (ts.isIdentifier(e) && e.text === 'require') return false;
  // `x[Symbol.asyncIterator]()`: the iteration protocol (what `for await` runs), not a call of the API.
  const callee = skipOuter(e);
  if (ts.isElementAccessExpression(callee) && /^Symbol\.\w+$/.test(callee.argumentExpression.getText())) return false;
  return true;
}

function skipOuter(e: ts.Expression): ts.Expression {
  let n = e;
  while (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isAwaitExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
  return n;
}

function lastName(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteral(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

/** The callee as written, import aliases replaced by the names they import; arguments dropped. */
export function calleeText(e: ts.Expression, checker: ts.TypeChecker): string {
  const n = skipOuter(e);
  if (ts.isIdentifier(n)) {
    const d = checker.getSymbolAtLocation(n)?.declarations?.[0];
    if (d && ts.isImportSpecifier(d) && d.propertyName) return d.propertyName.text;
    if (d && ts.isBindingElement(d) && d.propertyName && ts.isIdentifier(d.propertyName) && d.parent.parent && ts.isVariableDeclaration(d.parent.parent) && d.parent.parent.initializer && requireSpec(d.parent.parent.initializer) !== undefined) return d.propertyName.text;
    return n.text;
  }
  if (ts.isPropertyAccessExpression(n)) return `${calleeText(n.expression, checker)}.${n.name.text}`;
  if (ts.isElementAccessExpression(n)) {
    const a = n.argumentExpression;
    // A computed member keeps its key as written (`handlers[name]`), never an empty `[]`.
    return ts.isStringLiteral(a) ? `${calleeText(n.expression, checker)}.${a.text}` : `${calleeText(n.expression, checker)}[${fold(a.getText(), 40)}]`;
  }
  if (ts.isCallExpression(n)) return `${calleeText(n.expression, checker)}()`;
  if (ts.isNewExpression(n)) return `new ${calleeText(n.expression, checker)}()`;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return fold(n.getText(), 40);
}

/**
 * Whitespace runs as one space, trimmed, clipped to `max` characters (`…` last). Only as much of `t` is
 * read as the result needs: an argument can be a whole component, and each call nested in it folds it
 * again. A prefix folds to a prefix of the whole's folding, so once it holds more than `max` characters
 * up to a non-space one, its first ones are the answer.
 */
export function fold(t: string, max = 120): string {
  for (let k = 4 * max; k < t.length; k *= 4) {
    const s = t.slice(0, k).replace(/\s+/g, ' ').trimStart();
    if (s.trimEnd().length > max) return `${s.slice(0, max - 1)}…`;
  }
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function functionParams(node: ts.Node): ts.NodeArray<ts.ParameterDeclaration> | undefined {
  if (ts.isClassLike(node)) return node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m))?.parameters;
  const n = definitionNode(node);
  const fn = ts.isFunctionLike(node) ? node : ts.isVariableStatement(n) ? n.declarationList.declarations[0]?.initializer : undefined;
  return fn && ts.isFunctionLike(fn) ? fn.parameters : undefined;
}

/** Arguments by their parameter name; an object literal shows its keys (`{ model, messages }`). */
function argNames(call: ts.CallExpression | ts.NewExpression, declared?: ts.NodeArray<ts.ParameterDeclaration>): string[] {
  // A `this` parameter types the receiver (`static create(this: S, opts)`): no argument is passed for it.
  const params = declared?.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  return (call.arguments ?? []).map((a, i) => {
    if (ts.isObjectLiteralExpression(a)) {
      const keys = a.properties.map((p) => (ts.isSpreadAssignment(p) ? `...${fold(p.expression.getText(), 30)}` : p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '…'));
      return keys.length ? `{ ${keys.join(', ')} }` : '{}';
    }
    if (ts.isSpreadElement(a)) return `...${fold(a.expression.getText(), 30)}`;
    const p = params?.[Math.min(i, params.length - 1)];
    if (p && ts.isIdentifier(p.name) && (i < params!.length || p.dotDotDotToken)) return p.name.text;
    if (ts.isIdentifier(a) || (ts.isPropertyAccessExpression(a) && a.getText().length <= 30)) return a.getText();
    return `arg${i + 1}`;
  });
}

/** `// comments` written after an argument or an object literal member, on its line. */
function argComments(call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): Record<string, string> {
  const out: Record<string, string> = {};
  const text = sf.text;
  const take = (name: string, node: ts.Node) => {
    let i = node.end;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === ',') i++;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text.startsWith('//', i)) {
      const eol = text.slice(i).search(/\r\n|\r|\n/);
      const c = text.slice(i + 2, eol < 0 ? undefined : i + eol).trim();
      if (c) out[name] = c;
    }
  };
  (call.arguments ?? []).forEach((a, i) => {
    if (ts.isObjectLiteralExpression(a)) {
      for (const p of a.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) take(p.name.text, p);
    } else take(ts.isIdentifier(a) ? a.text : `arg${i + 1}`, a);
  });
  return out;
}

function statementOf(n: ts.Node): ts.Node {
  let s: ts.Node = n;
  while (s.parent && !ts.isSourceFile(s.parent) && !ts.isBlock(s.parent) && !ts.isModuleBlock(s.parent) && !ts.isCaseClause(s.parent) && !ts.isClassLike(s.parent)) s = s.parent;
  return s;
}

/** Comment lines right above a statement (no blank line between), without the comment markers. */
/** Is the call inside the arguments of another call of its statement (`upload(await fileFrom(...))`)? */
function inArguments(call: ts.Node, stmt: ts.Node): boolean {
  for (let n = call.parent; n && n !== stmt; n = n.parent) {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && countsAsCall(n) && (n.arguments ?? []).some((a) => a.pos <= call.pos && call.end <= a.end)) return true;
  }
  return false;
}

/** A statement's comment and where it starts (`commentAt`), as a call site carries them. */
function commentOf(c: { text: string; pos: number } | undefined, at: (pos: number) => Place): { comment?: string; commentAt?: Place } {
  return c ? { comment: c.text, commentAt: at(c.pos) } : {};
}

function leadingComment(stmt: ts.Node, sf: ts.SourceFile): { text: string; pos: number } | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, stmt.getFullStart()) ?? [];
  const lines: string[] = [];
  let next = lineOf(sf, stmt.getStart(sf));
  let top = -1;
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i];
    const raw = sf.text.slice(r.pos, r.end);
    if (raw.startsWith('#!') || lineOf(sf, r.end) !== next - 1) break;
    if (raw.startsWith('/**')) break; // JSDoc documents the declaration, not the step
    const body = raw.startsWith('//') ? raw.slice(2) : raw.replace(/^\/\*+|\*+\/$/g, '');
    lines.unshift(...body.split(/\r\n|\r|\n/).map((l) => l.replace(/^\s*\*?\s?/, '').trim()).filter(Boolean));
    next = lineOf(sf, r.pos);
    top = r.pos;
  }
  const t = lines.join(' ').trim();
  return t && !/^[-=*#\s]+$/.test(t) ? { text: t.replace(/^[-=\s]+|[-=\s]+$/g, ''), pos: top } : undefined;
}

function assignedTo(call: ts.Node): string[] {
  let n: ts.Node = call;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (p && ts.isVariableDeclaration(p) && p.initializer === n) return bindingNames(p.name);
  if (p && ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isIdentifier(p.left) || ts.isPropertyAccessExpression(p.left))) return [p.left.getText()];
  if (p && ts.isForOfStatement(p) && p.expression === n && ts.isVariableDeclarationList(p.initializer)) return p.initializer.declarations.flatMap((d) => bindingNames(d.name));
  return [];
}

function bindingNames(b: ts.BindingName): string[] {
  if (ts.isIdentifier(b)) return [b.text];
  return b.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

/** Variables read by the receiver and the arguments. */
function usesOf(call: ts.CallExpression | ts.NewExpression): string[] {
  const out = new Set<string>(); // in the order first seen
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
      if (!isName) out.add(n.text);
      return;
    }
    if (ts.isFunctionLike(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(call.expression);
  for (const a of call.arguments ?? []) visit(a);
  return [...out];
}

/** A function declared in the example (or its Markdown session) that an identifier names. */
function localFunction(id: ts.Identifier, checker: ts.TypeChecker, sf: ts.SourceFile): ts.FunctionDeclaration | ts.VariableDeclaration | undefined {
  const d = checker.getSymbolAtLocation(id)?.declarations?.[0];
  if (!d || d.getSourceFile() !== sf) return undefined;
  if (ts.isFunctionDeclaration(d) && d.body) return d;
  if (ts.isVariableDeclaration(d) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) return d;
  return undefined;
}

/** `execSync('git describe')`, `spawn('git', ['diff', '--stat'])`: the command line, when literal. */
function commandOf(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const [first, second] = call.arguments ?? [];
  if (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) return undefined;
  const parts = [first.text];
  if (second && ts.isArrayLiteralExpression(second)) {
    for (const e of second.elements) if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) parts.push(e.text);
  }
  return parts.join(' ').trim() || undefined;
}

/** The arguments as written (clipped), by the names `argNames` gives them. */
function argValuesOf(call: ts.CallExpression | ts.NewExpression, names: string[], sf: ts.SourceFile): { argValues?: Record<string, string> } {
  const out: Record<string, string> = {};
  (call.arguments ?? []).forEach((a, i) => {
    if (names[i] && !ts.isSpreadElement(a)) out[names[i]] = fold(a.getText(sf), 60);
    // An options object: each property the example sets is a value it chose (`{ model: 'gpt-5' }`).
    if (ts.isObjectLiteralExpression(a)) {
      for (const p of a.properties) if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text !== '__proto__' && !Object.hasOwn(out, p.name.text)) out[p.name.text] = fold(p.initializer.getText(sf), 60);
    }
  });
  return Object.keys(out).length ? { argValues: out } : {};
}
