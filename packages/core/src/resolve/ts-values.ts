// What a TypeScript/JavaScript expression holds at run time, as far as the repository's code shows: the
// functions, object literals and class instances it may evaluate to. The type checker answers with
// declarations, and for a builder, a router or a factory those are interfaces, type aliases and
// signatures with no body; following the values instead (through variables, calls and what the called
// function returns, object literal members, `this.x = …` in a constructor) reaches the implementation.
import { ts } from 'ts-morph';

export type TsValue =
  | { kind: 'function'; node: ts.FunctionLikeDeclaration }
  | { kind: 'object'; node: ts.ObjectLiteralExpression }
  | { kind: 'instance'; node: ts.ClassLikeDeclaration }
  | { kind: 'class'; node: ts.ClassLikeDeclaration }
  | { kind: 'array'; node: ts.ArrayLiteralExpression }
  /** `import * as m from './x'`: its exports are members. */
  | { kind: 'module'; symbol: ts.Symbol }
  | { kind: 'strings'; values: string[] }
  /** A value the code does not show (a parameter, an external call): keeps a single function found elsewhere from being taken as the only one. */
  | { kind: 'unknown' };

const UNKNOWN: TsValue = { kind: 'unknown' };
const known = (vs: TsValue[]) => vs.some((v) => v.kind !== 'unknown');

/** Builder chains are long (`t.procedure.use(…).input(…).query(…)` through factories): deep, but cycles stop early. */
const MAX_DEPTH = 60;

/**
 * A declaration with no code behind it: an interface or type alias (or a member of one), a call or
 * construct signature, a function type, a signature without a body, a property or variable declared
 * with a type and no value, anything `declare`d or in a declaration file.
 */
export function isTypeOnly(d: ts.Node): boolean {
  if (/\.d\.[cm]?ts$/.test(d.getSourceFile().fileName)) return true;
  if (ts.canHaveModifiers(d) && ts.getModifiers(d)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return true;
  if (ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isPropertySignature(d) || ts.isMethodSignature(d) || ts.isCallSignatureDeclaration(d) || ts.isConstructSignatureDeclaration(d) || ts.isFunctionTypeNode(d) || ts.isConstructorTypeNode(d) || ts.isIndexSignatureDeclaration(d)) return true;
  if ((ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || ts.isConstructorDeclaration(d)) && !d.body) return true;
  if (ts.isPropertyDeclaration(d) && !d.initializer) return true;
  if (ts.isVariableDeclaration(d) && !d.initializer && !(d.parent && ts.isVariableDeclarationList(d.parent) && d.parent.parent && ts.isForOfStatement(d.parent.parent))) return true;
  return false;
}

export function describeTypeOnly(d: ts.Node): string {
  if (ts.isPropertySignature(d) || ts.isMethodSignature(d)) return 'an interface member';
  if (ts.isTypeAliasDeclaration(d) || (d.parent && ts.isTypeAliasDeclaration(d.parent))) return 'a type alias';
  if (ts.isFunctionTypeNode(d) || ts.isCallSignatureDeclaration(d)) return 'a call signature';
  if (ts.isPropertyDeclaration(d)) return 'a property declared with a type and no value';
  if (ts.isInterfaceDeclaration(d)) return 'an interface';
  return 'a declaration without a body';
}

const skip = (e: ts.Expression): ts.Expression => {
  let n = e;
  // `f<T>` (an instantiation expression) is `f`.
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n) || ts.isAwaitExpression(n) || ts.isExpressionWithTypeArguments(n)) n = n.expression;
  return n;
};

export class TsValueTracer {
  private readonly returnsCache = new Map<ts.Node, TsValue[]>();
  private readonly valuesCache = new Map<ts.Node, TsValue[]>();
  private readonly inProgress = new Set<ts.Node>();

  constructor(
    private readonly checker: ts.TypeChecker,
    /** Only code in these files is followed (the repository's and the examples'). */
    private readonly followed: (sf: ts.SourceFile) => boolean,
    /** The type of an expression when it is known without inference (QuickTypes), else undefined. */
    private readonly quickType?: (e: ts.Expression) => ts.Type | undefined,
  ) {}

  /**
   * The values an expression may hold. What the code does not show (a parameter, a variable assigned
   * elsewhere) falls back on its declared type when that is a class of the code (`let app: Hono`).
   */
  values(expr: ts.Expression, depth = 0): TsValue[] {
    if (depth > MAX_DEPTH) return [UNKNOWN];
    const cached = this.valuesCache.get(expr);
    if (cached) return cached;
    // An expression whose value depends on itself (a recursive factory) gives nothing more this way.
    if (this.inProgress.has(expr)) return [UNKNOWN];
    this.inProgress.add(expr);
    // Empty: a call of functions that return nothing (they only throw). Only unknown: the declared type's class, if any.
    const found = this.shown(expr, depth);
    const typed = found.length && !known(found) ? this.typed(skip(expr)) : [];
    const out = typed.length ? typed : found;
    this.inProgress.delete(expr);
    this.valuesCache.set(expr, out);
    return out;
  }

  /** Instances of the classes an expression's type names (each member of a union), or the class itself for `typeof C`. */
  private typed(e: ts.Expression): TsValue[] {
    if (!(ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isCallExpression(e) || e.kind === ts.SyntaxKind.ThisKeyword)) return [];
    const type = (e.kind !== ts.SyntaxKind.ThisKeyword ? this.quickType?.(e) : undefined) ?? this.checker.getTypeAtLocation(e);
    const out: TsValue[] = [];
    for (const t of type.isUnion() ? type.types : [type]) {
      const cls = t.getSymbol()?.declarations?.find((d): d is ts.ClassLikeDeclaration => ts.isClassLike(d) && this.followed(d.getSourceFile()));
      if (cls) out.push(t.getConstructSignatures().length ? { kind: 'class', node: cls } : { kind: 'instance', node: cls });
    }
    return out;
  }

  private shown(expr: ts.Expression, depth: number): TsValue[] {
    const e = skip(expr);
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return [{ kind: 'function', node: e }];
    if (ts.isObjectLiteralExpression(e)) return [{ kind: 'object', node: e }];
    if (ts.isClassExpression(e)) return [{ kind: 'class', node: e }];
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [{ kind: 'strings', values: [e.text] }];
    if (ts.isArrayLiteralExpression(e)) return [{ kind: 'array', node: e }];
    if (ts.isConditionalExpression(e)) return [...this.values(e.whenTrue, depth + 1), ...this.values(e.whenFalse, depth + 1)];
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken].includes(e.operatorToken.kind)) return [...this.values(e.left, depth + 1), ...this.values(e.right, depth + 1)];
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return this.values(e.right, depth + 1);
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = ts.findAncestor(e, ts.isClassLike);
      return cls && this.followed(cls.getSourceFile()) ? [{ kind: 'instance', node: cls }] : [UNKNOWN];
    }
    if (ts.isIdentifier(e)) return this.symbolValues(this.checker.getSymbolAtLocation(e), depth);
    if (ts.isPropertyAccessExpression(e)) return this.member(this.values(e.expression, depth + 1), e.name.text, depth);
    if (ts.isElementAccessExpression(e) && (ts.isStringLiteral(e.argumentExpression) || ts.isNoSubstitutionTemplateLiteral(e.argumentExpression))) return this.member(this.values(e.expression, depth + 1), e.argumentExpression.text, depth);
    if (ts.isNewExpression(e)) return this.values(e.expression, depth + 1).map((v) => (v.kind === 'class' ? { kind: 'instance' as const, node: v.node } : UNKNOWN));
    if (ts.isCallExpression(e)) return this.values(e.expression, depth + 1).flatMap((v) => (v.kind === 'function' ? this.returns(v.node, depth + 1) : [UNKNOWN]));
    return [UNKNOWN];
  }

  /** What a function returns: its `return` expressions (not those of nested functions), or an arrow's body. */
  returns(fn: ts.FunctionLikeDeclaration, depth = 0): TsValue[] {
    const known = this.returnsCache.get(fn);
    if (known) return known;
    this.returnsCache.set(fn, []); // a recursive function returns what its other returns give
    const out: TsValue[] = [];
    if (fn.body && !ts.isBlock(fn.body)) out.push(...this.values(fn.body, depth + 1));
    else if (fn.body) {
      const visit = (n: ts.Node): void => {
        if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
        if (ts.isReturnStatement(n) && n.expression) out.push(...this.values(n.expression, depth + 1));
        ts.forEachChild(n, visit);
      };
      ts.forEachChild(fn.body, visit);
    }
    this.returnsCache.set(fn, out);
    return out;
  }

  /** The values of `v.name` for each value `v`. */
  member(values: TsValue[], name: string, depth = 0): TsValue[] {
    const out: TsValue[] = [];
    for (const v of values) {
      if (v.kind === 'object') out.push(...this.objectMember(v.node, name, depth));
      else if (v.kind === 'module') out.push(...this.symbolValues(this.checker.getExportsOfModule(v.symbol).find((x) => x.name === name), depth + 1));
      else if (v.kind === 'instance' || v.kind === 'class') out.push(...this.classMember(v.node, name, v.kind === 'class', depth));
      else if (v.kind === 'function') out.push(...this.expandoMember(v.node, name, depth));
      else out.push(UNKNOWN);
    }
    return out;
  }

  private symbolValues(symbol: ts.Symbol | undefined, depth: number): TsValue[] {
    let sym = symbol;
    for (let i = 0; sym && sym.flags & ts.SymbolFlags.Alias && i < 8; i++) {
      const next = this.checker.getAliasedSymbol(sym);
      if (!next || next === sym) break;
      sym = next;
    }
    const out: TsValue[] = [];
    if (!sym?.declarations?.length) return [UNKNOWN];
    if (sym.flags & ts.SymbolFlags.ValueModule && sym.declarations?.some((d) => ts.isSourceFile(d) && this.followed(d))) return [{ kind: 'module', symbol: sym }];
    for (const d of sym?.declarations ?? []) {
      if (!this.followed(d.getSourceFile())) continue;
      if ((ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d)) && d.body) out.push({ kind: 'function', node: d });
      else if (ts.isClassDeclaration(d)) out.push({ kind: 'class', node: d });
      else if (ts.isVariableDeclaration(d) && ts.isIdentifier(d.name) && !(d.parent.flags & ts.NodeFlags.Const)) {
        // `let app: Base; … app = new App();`: the initializer and every assignment in its scope.
        const assigned = [...(d.initializer ? [d.initializer] : []), ...this.assignmentsOf(d, sym)];
        out.push(...(assigned.length ? assigned.flatMap((x) => this.values(x, depth + 1)) : [UNKNOWN]));
      } else if (ts.isVariableDeclaration(d) && d.initializer && ts.isIdentifier(d.name)) out.push(...this.values(d.initializer, depth + 1));
      else if (ts.isBindingElement(d)) out.push(...this.bindingValues(d, depth));
      else if (ts.isShorthandPropertyAssignment(d)) out.push(...this.symbolValues(this.checker.getShorthandAssignmentValueSymbol(d), depth + 1));
      else if (ts.isPropertyAssignment(d)) out.push(...this.values(d.initializer, depth + 1));
      else out.push(UNKNOWN);
    }
    return out.length ? out : [UNKNOWN];
  }

  /** The strings an array literal holds (spreads of such arrays included); undefined when not only strings. */
  private strings(values: TsValue[], depth: number): string[] | undefined {
    const out: string[] = [];
    for (const v of values) {
      if (v.kind === 'strings') out.push(...v.values);
      else if (v.kind === 'array') {
        for (const el of v.node.elements) {
          const inner = this.strings(this.values(ts.isSpreadElement(el) ? el.expression : el, depth + 1), depth + 1);
          if (!inner) return undefined;
          out.push(...inner);
        }
      } else return undefined;
    }
    return out;
  }

  private readonly assignmentsCache = new Map<ts.Node, ts.Expression[]>();

  /** The right sides of `name = …` for a `let`/`var` variable, in the scope that declares it. */
  private assignmentsOf(d: ts.VariableDeclaration, sym: ts.Symbol): ts.Expression[] {
    const cached = this.assignmentsCache.get(d);
    if (cached) return cached;
    const scope = ts.findAncestor(d.parent, (n) => ts.isFunctionLike(n) || ts.isSourceFile(n) || ts.isModuleBlock(n)) ?? d.getSourceFile();
    const out: ts.Expression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === sym.name && this.checker.getSymbolAtLocation(n.left) === sym) out.push(n.right);
      ts.forEachChild(n, visit);
    };
    visit(scope);
    this.assignmentsCache.set(d, out);
    return out;
  }

  /** `const { a } = init`, `const [a, b] = init` (nested patterns too): the member or element of what `init` holds. */
  private bindingValues(d: ts.BindingElement, depth: number): TsValue[] {
    const pattern = d.parent;
    if (ts.isArrayBindingPattern(pattern)) {
      const at = pattern.elements.indexOf(d);
      const holder = pattern.parent;
      const source = ts.isVariableDeclaration(holder) && holder.initializer ? this.values(holder.initializer, depth + 1) : ts.isBindingElement(holder) ? this.bindingValues(holder, depth + 1) : [UNKNOWN];
      return source.flatMap((v) => {
        const el = v.kind === 'array' ? v.node.elements[at] : undefined;
        return el && !ts.isSpreadElement(el) && !ts.isOmittedExpression(el) ? this.values(el, depth + 1) : [UNKNOWN];
      });
    }
    if (!ts.isObjectBindingPattern(pattern)) return [UNKNOWN];
    const key = d.propertyName ? (ts.isIdentifier(d.propertyName) || ts.isStringLiteral(d.propertyName) ? d.propertyName.text : undefined) : ts.isIdentifier(d.name) ? d.name.text : undefined;
    if (key === undefined) return [UNKNOWN];
    const holder = pattern.parent;
    const source = ts.isVariableDeclaration(holder) && holder.initializer ? this.values(holder.initializer, depth + 1) : ts.isBindingElement(holder) ? this.bindingValues(holder, depth + 1) : [UNKNOWN];
    return this.member(source, key, depth + 1);
  }

  /** The initializer of the variable a destructuring binds, when it is a plain `const { a } = init`. */
  static bindingSource(d: ts.BindingElement): ts.Expression | undefined {
    let holder: ts.Node = d.parent.parent;
    while (ts.isBindingElement(holder)) holder = holder.parent.parent;
    return ts.isVariableDeclaration(holder) ? holder.initializer : undefined;
  }

  /**
   * A property assigned on a function object (`const provider = function (id) {…}; provider.chat =
   * createChatModel;`), in the statements beside its declaration.
   */
  private expandoMember(fn: ts.FunctionLikeDeclaration, name: string, depth: number): TsValue[] {
    let holder: ts.Node = fn;
    while (holder.parent && (ts.isParenthesizedExpression(holder.parent) || ts.isAsExpression(holder.parent))) holder = holder.parent;
    const decl = ts.isFunctionDeclaration(fn) ? fn : holder.parent && ts.isVariableDeclaration(holder.parent) ? holder.parent : undefined;
    const id = decl?.name && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
    const block = ts.isFunctionDeclaration(fn) ? fn.parent : decl?.parent?.parent?.parent;
    if (!id || !block || !(ts.isBlock(block) || ts.isSourceFile(block) || ts.isModuleBlock(block))) return [UNKNOWN];
    let found: TsValue[] | undefined;
    for (const st of block.statements) {
      if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const l = st.expression.left;
      if (ts.isPropertyAccessExpression(l) && ts.isIdentifier(l.expression) && l.expression.text === id && l.name.text === name) found = this.values(st.expression.right, depth + 1);
    }
    return found ?? [UNKNOWN];
  }

  private objectMember(obj: ts.ObjectLiteralExpression, name: string, depth: number): TsValue[] {
    // Later properties win, a spread lends its members.
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (ts.isSpreadAssignment(p)) {
        const found = this.member(this.values(p.expression, depth + 1), name, depth + 1);
        if (found.length) return found;
        continue;
      }
      const n = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : undefined;
      if (n !== name) continue;
      if (ts.isMethodDeclaration(p) && p.body) return [{ kind: 'function', node: p }];
      if (ts.isPropertyAssignment(p)) return this.values(p.initializer, depth + 1);
      if (ts.isShorthandPropertyAssignment(p)) return this.symbolValues(this.checker.getShorthandAssignmentValueSymbol(p), depth + 1);
      if (ts.isGetAccessorDeclaration(p)) return this.returns(p, depth + 1);
      return [UNKNOWN];
    }
    return [UNKNOWN];
  }

  private classMember(cls: ts.ClassLikeDeclaration, name: string, isStatic: boolean, depth: number): TsValue[] {
    for (let c: ts.ClassLikeDeclaration | undefined = cls, i = 0; c && i < 10; c = this.baseClass(c), i++) {
      const declared = c.members.filter((m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) || ts.isPrivateIdentifier(m.name)) ? m.name.text === name : false) && (ts.canHaveModifiers(m) && !!ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) === isStatic);
      const method = declared.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body);
      if (method) return [{ kind: 'function', node: method }];
      const getter = declared.find((m): m is ts.GetAccessorDeclaration => ts.isGetAccessorDeclaration(m) && !!m.body);
      if (getter) return this.returns(getter, depth + 1);
      const prop = declared.find((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && !!m.initializer);
      if (prop) return this.values(prop.initializer!, depth + 1);
      // Assigned in a constructor or method: `this.get = (...) => …`, or `this[m] = …` for every `m` of a literal list.
      if (!isStatic) {
        const assigned = this.thisAssignments(c, name, depth);
        if (assigned.length) return assigned;
      }
      if (declared.length && !declared.every((m) => isTypeOnly(m))) return [UNKNOWN];
    }
    return [UNKNOWN];
  }

  private thisAssignments(cls: ts.ClassLikeDeclaration, name: string, depth: number): TsValue[] {
    const out: TsValue[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isClassLike(n)) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const l = skip(n.left);
        const onThis = (ts.isPropertyAccessExpression(l) || ts.isElementAccessExpression(l)) && skip(l.expression).kind === ts.SyntaxKind.ThisKeyword;
        if (onThis && ts.isPropertyAccessExpression(l) && l.name.text === name) out.push(...this.values(n.right, depth + 1));
        else if (onThis && ts.isElementAccessExpression(l) && this.keysOf(l.argumentExpression, depth).includes(name)) out.push(...this.values(n.right, depth + 1));
      }
      ts.forEachChild(n, visit);
    };
    for (const m of cls.members) if ((ts.isConstructorDeclaration(m) || ts.isMethodDeclaration(m)) && m.body) visit(m.body);
    return out;
  }

  /**
   * The strings a computed key may be: a literal, or the parameter of a callback run over a literal
   * list (`[...METHODS, 'all'].forEach((method) => { this[method] = … })`), or a `for…of` variable.
   */
  private keysOf(key: ts.Expression, depth: number): string[] {
    const k = skip(key);
    if (ts.isStringLiteral(k) || ts.isNoSubstitutionTemplateLiteral(k)) return [k.text];
    if (!ts.isIdentifier(k)) return [];
    const d = this.checker.getSymbolAtLocation(k)?.declarations?.[0];
    if (!d) return [];
    let list: ts.Expression | undefined;
    if (ts.isParameter(d) && (ts.isArrowFunction(d.parent) || ts.isFunctionExpression(d.parent)) && d.parent.parameters[0] === d) {
      const call = d.parent.parent;
      if (ts.isCallExpression(call) && call.arguments[0] === d.parent && ts.isPropertyAccessExpression(call.expression) && ['forEach', 'map'].includes(call.expression.name.text)) list = call.expression.expression;
    } else if (ts.isVariableDeclaration(d) && ts.isVariableDeclarationList(d.parent) && ts.isForOfStatement(d.parent.parent)) list = d.parent.parent.expression;
    return (list && this.strings(this.values(list, depth + 1), depth)) || [];
  }

  private baseClass(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
    const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!ext) return undefined;
    const vs = this.values(ext.expression);
    const base = vs.find((v) => v.kind === 'class');
    return base?.kind === 'class' ? base.node : undefined;
  }
}
