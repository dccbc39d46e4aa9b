// The type checker's answers for a callee, without the costly part of asking it. To say which
// declaration `agent.generate` names, the checker computes the type of `agent`, and when `agent` holds
// what a generic call returned (`new ToolLoopAgent({ tools, output, … })`) that means inferring every
// type argument from the arguments, contextually typing their callbacks and checking their bodies:
// seconds for one call on an SDK with rich types, the bulk of a run. Which members a class or interface
// has does not depend on its type arguments, though, so for the common shapes the declaration can be
// read from the declared (uninstantiated) type: `new C(…)` is an instance of C, a call of a function or
// method with one signature returns what that signature declares, a variable holds what it is declared
// or initialised with. Every answer here is the one the checker gives (the same declarations), or none
// (undefined), and the checker is asked as before:
//   - only types whose members and signatures are fixed by their declaration are used: class and
//     interface types (generic or not, never tuples), anonymous object and function types, string and
//     number types; never a type parameter, union, intersection, mapped or conditional type;
//   - a reference the checker might narrow is left to it: a name that appears, anywhere in its file, in a
//     condition, an operand of `&&`/`||`/`??`/`!`/`typeof`/`instanceof`/`in`/an equality, a `switch`, a
//     `const` that such places read (aliased conditions), or a statement calling an assertion function;
//   - a variable with no written type is followed to its initializer only when that is itself such an
//     expression; a parameter counts only with a written type (a callback's parameter is typed by the
//     call it is passed to, which is exactly the inference this avoids).
import { ts } from 'ts-morph';

const skipParens = (e: ts.Expression): ts.Expression => {
  let n = e;
  while (ts.isParenthesizedExpression(n)) n = n.expression;
  return n;
};

export class QuickTypes {
  private readonly types = new Map<ts.Node, ts.Type | null>();
  private readonly fixedCache = new Map<ts.Type, boolean>();
  private readonly narrowed = new Map<ts.SourceFile, Map<ts.Symbol, Set<string>>>();
  private predicateCache?: Predicates;

  constructor(
    private readonly checker: ts.TypeChecker,
    /** Every file of the program (to find assertion functions, which narrow the names they are given). */
    private readonly programFiles: () => readonly ts.SourceFile[],
    /** Files of TypeScript's standard library (the only ones from outside the repository). */
    private readonly isLib: (sf: ts.SourceFile) => boolean,
  ) {}

  /**
   * The symbol `checker.getSymbolAtLocation` gives the name of `a.b` (before aliases are followed);
   * null when it gives none; undefined: ask the checker.
   */
  memberSymbol(pa: ts.PropertyAccessExpression): ts.Symbol | null | undefined {
    const q = this.propertySymbol(pa);
    if (q !== undefined && quickAudit.on) this.audit(pa, 'member', symbolKey(q), () => symbolKey(this.checker.getSymbolAtLocation(pa.name)));
    return q;
  }

  /**
   * The declaration of the signature `checker.getResolvedSignature(call)` gives, when the callee has a
   * single signature (overloads are left to the checker, which picks one by the arguments); undefined:
   * ask the checker.
   */
  signatureDeclaration(call: ts.CallExpression): { declaration?: ts.SignatureDeclaration | ts.JSDocSignature } | undefined {
    const q = this.resolvedSignature(call);
    if (q !== undefined && quickAudit.on) this.audit(call, 'signature', nodeKey(q.declaration), () => nodeKey(this.checker.getResolvedSignature(call)?.declaration));
    return q;
  }

  /**
   * The type `checker.getTypeAtLocation(e)` gives, as far as a caller may read it: the classes it
   * names, its construct signatures, whether it is `any` (undefined: ask the checker).
   */
  typeAt(e: ts.Expression): ts.Type | undefined {
    if (e.kind === ts.SyntaxKind.ThisKeyword) return undefined;
    const q = this.typeOf(e);
    if (q !== undefined && quickAudit.on) this.audit(e, 'type', typeKey(q), () => typeKey(this.checker.getTypeAtLocation(e)));
    return q;
  }

  private audit(node: ts.Node, what: string, quick: string, checker: () => string): void {
    quickAudit.answers++;
    const slow = checker();
    if (slow === quick) return;
    const sf = node.getSourceFile();
    quickAudit.mismatches.push(`${what} at ${sf.fileName.replace(/^\//, '')}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} \`${node.getText().replace(/\s+/g, ' ').slice(0, 80)}\`: quick ${quick}, checker ${slow}`);
  }

  /** `a.b`'s member symbol (see memberSymbol). */
  private propertySymbol(pa: ts.PropertyAccessExpression): ts.Symbol | null | undefined {
    if (!ts.isIdentifier(pa.name)) return undefined;
    const t = this.typeOf(pa.expression, true);
    if (!t) return undefined;
    const apparent = this.checker.getApparentType(t);
    const prop = this.checker.getPropertyOfType(apparent, pa.name.text);
    if (prop) return prop;
    // No member: the checker reports an error and finds no symbol, unless an index signature (or, for
    // `globalThis`, a global) answers.
    return this.checker.getIndexInfosOfType(apparent).length || t.getSymbol()?.escapedName === 'globalThis' || isJs(pa.getSourceFile()) ? undefined : null;
  }

  private resolvedSignature(call: ts.CallExpression): { declaration?: ts.SignatureDeclaration | ts.JSDocSignature } | undefined {
    // A member the receiver does not have: the call is an error, its signature has no declaration.
    const callee = skipParens(call.expression);
    if (ts.isPropertyAccessExpression(callee) && this.propertySymbol(callee) === null) return {};
    const sig = this.calleeSignature(call);
    return sig ? { ...(sig.declaration ? { declaration: sig.declaration } : {}) } : undefined;
  }

  /**
   * The type the checker gives an expression, up to the type arguments it would infer (members and
   * signatures are the same), when that can be known without inference and is one whose members do
   * not depend on them; undefined otherwise. `nonNull`: as the receiver of a member access, which
   * takes `null` and `undefined` out.
   */
  private typeOf(expr: ts.Expression, nonNull = false): ts.Type | undefined {
    let t = this.types.get(expr);
    if (t === undefined) {
      this.types.set(expr, null); // a cycle (`const a = a.b()`) answers nothing
      t = this.compute(expr) ?? null;
      this.types.set(expr, t);
    }
    if (!t) return undefined;
    // The end of an optional chain (`a?.b()`) may be undefined; inside it, or as a receiver, it is not.
    if (!nonNull && ts.isOptionalChain(skipParens(expr)) && !isChainLink(skipParens(expr))) return undefined;
    if (nonNull && t.isUnion()) {
      const rest = t.types.filter((x) => !(x.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
      return rest.length === 1 && this.fixed(rest[0]) ? rest[0] : undefined;
    }
    return this.fixed(t) ? t : undefined;
  }

  private compute(expr: ts.Expression): ts.Type | undefined {
    const e = skipParens(expr);
    if (ts.isNonNullExpression(e)) return this.typeOf(e.expression, true);
    if (ts.isAwaitExpression(e)) {
      const t = this.typeOf(e.expression);
      return t ? this.checker.getAwaitedType(t) : undefined;
    }
    if ((ts.isAsExpression(e) || ts.isTypeAssertionExpression(e)) && !isConstAssertion(e.type)) return this.checker.getTypeFromTypeNode(e.type);
    if (ts.isIdentifier(e)) return this.identifierType(e);
    if (ts.isPropertyAccessExpression(e)) {
      if (this.mayBeNarrowed(e)) return undefined;
      const prop = this.propertySymbol(e);
      // A member's declared type; for one without a written type the checker infers it once per declaration.
      return prop ? this.checker.getTypeOfSymbol(prop) : undefined;
    }
    if (ts.isNewExpression(e)) return this.newType(e);
    if (ts.isCallExpression(e)) {
      const sig = this.calleeSignature(e);
      return sig ? this.checker.getReturnTypeOfSignature(sig) : undefined;
    }
    return undefined;
  }

  /**
   * Types whose members (names and declarations) and signatures are the same whatever the type
   * arguments they were written with: class and interface types, anonymous object and function types,
   * strings and numbers; an intersection of such types that share no member name (shared ones could
   * conflict and reduce it to never); `Pick`, `Omit` (with literal keys), `Partial`, `Required` and
   * `Readonly` of such a type.
   */
  private fixed(t: ts.Type): boolean {
    let known = this.fixedCache.get(t);
    if (known === undefined) {
      known = this.isFixed(t);
      this.fixedCache.set(t, known);
    }
    return known;
  }

  private isFixed(t: ts.Type): boolean {
    const f = t.flags;
    if (f & ts.TypeFlags.Union || f & ts.TypeFlags.EnumLike) return false;
    if (f & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike)) return true;
    if (f & ts.TypeFlags.Intersection) {
      const parts = (t as ts.IntersectionType).types;
      if (!parts.every((p) => this.fixed(p))) return false;
      const names = new Set<string>();
      for (const p of parts) {
        for (const prop of this.checker.getPropertiesOfType(p)) {
          if (names.has(prop.name)) return false;
          names.add(prop.name);
        }
      }
      return true;
    }
    if (!(f & ts.TypeFlags.Object)) return false;
    const o = (t as ts.ObjectType).objectFlags;
    if (o & ts.ObjectFlags.Mapped) return this.fixedMapped(t);
    if (o & (ts.ObjectFlags.ReverseMapped | ts.ObjectFlags.EvolvingArray | ts.ObjectFlags.Tuple)) return false;
    if (o & ts.ObjectFlags.Reference) {
      const target = (t as ts.TypeReference).target;
      return !(target.objectFlags & ts.ObjectFlags.Tuple) && !!(target.objectFlags & ts.ObjectFlags.ClassOrInterface);
    }
    return !!(o & (ts.ObjectFlags.ClassOrInterface | ts.ObjectFlags.Anonymous));
  }

  /** `Pick<T, 'a' | 'b'>`, `Omit<T, 'a'>`, `Partial<T>`, `Required<T>`, `Readonly<T>` of the standard library, T fixed. */
  private fixedMapped(t: ts.Type): boolean {
    const alias = t.aliasSymbol;
    const args = t.aliasTypeArguments ?? [];
    const decl = alias?.declarations?.[0];
    if (!alias || !decl || !this.isLib(decl.getSourceFile()) || !args.length || !this.fixed(args[0])) return false;
    if (['Partial', 'Required', 'Readonly'].includes(alias.name)) return args.length === 1;
    if (!['Pick', 'Omit'].includes(alias.name) || args.length !== 2) return false;
    const keys = args[1].isUnion() ? args[1].types : [args[1]];
    return keys.every((k) => !!(k.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral)));
  }

  private identifierType(id: ts.Identifier): ts.Type | undefined {
    const sym = this.checker.getSymbolAtLocation(id);
    if (!sym) return undefined;
    if (sym.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Alias) && this.mayBeNarrowed(id)) return undefined;
    if (sym.flags & ts.SymbolFlags.Alias) {
      // An import merged with a declaration of the same name (an error) has the declaration's type.
      if (sym.flags & ts.SymbolFlags.Value) return undefined;
      // An import of a variable declared without a type (`export const agent = new Agent(…)`): its initializer.
      const target = this.checker.getAliasedSymbol(sym);
      const init = this.untypedInitializer(target);
      return init ? this.typeOf(init) : this.checker.getTypeOfSymbol(sym);
    }
    if (sym.flags & ts.SymbolFlags.Variable) {
      const d = sym.valueDeclaration;
      if (!d || valueDeclarations(sym) !== 1) return undefined;
      if (ts.isParameter(d)) return !ts.isIdentifier(d.name) ? undefined : typeWritten(d) ? this.checker.getTypeOfSymbol(sym) : this.callbackParameterType(d);
      if (ts.isBindingElement(d)) return this.bindingType(d);
      if (!ts.isVariableDeclaration(d) || !ts.isIdentifier(d.name)) return undefined;
      if (typeWritten(d)) return this.checker.getTypeOfSymbol(sym);
      const init = this.untypedInitializer(sym);
      return init ? this.typeOf(init) : undefined;
    }
    // A function, class, namespace or module: its declarations give its type, no inference needed.
    if (sym.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.ValueModule) && !(sym.flags & ts.SymbolFlags.Variable)) return this.checker.getTypeOfSymbol(sym);
    return undefined;
  }

  /**
   * The initializer of a TypeScript variable declared (once, in a `const`/`let`/`var` statement) with no
   * type: its type is the initializer's. An untyped JavaScript variable may take its type from
   * elsewhere (expando assignments, `module.exports`).
   */
  private untypedInitializer(sym: ts.Symbol): ts.Expression | undefined {
    const d = sym.valueDeclaration;
    if (!(sym.flags & ts.SymbolFlags.Variable) || !d || valueDeclarations(sym) !== 1 || !ts.isVariableDeclaration(d) || !ts.isIdentifier(d.name) || d.type || !d.initializer) return undefined;
    if (!ts.isVariableDeclarationList(d.parent) || !ts.isVariableStatement(d.parent.parent) || isJs(d.getSourceFile())) return undefined;
    return d.initializer;
  }

  /** `new C(…)` of a class: an instance of C (when the call is allowed; an abstract or private constructor is an error the checker answers). */
  private newType(e: ts.NewExpression): ts.Type | undefined {
    const ctor = this.typeOf(e.expression, true);
    if (!ctor) return undefined;
    const cls = ctor.getSymbol();
    const decl = cls?.valueDeclaration;
    if (!cls || !(cls.flags & ts.SymbolFlags.Class) || !decl || !ts.isClassLike(decl)) return undefined;
    if (ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Abstract) return undefined;
    const sigs = ctor.getConstructSignatures();
    if (!sigs.length) return undefined;
    const first = sigs[0].declaration;
    if (first && !ts.isJSDocSignature(first) && ts.getCombinedModifierFlags(first) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return undefined;
    const instance = this.checker.getReturnTypeOfSignature(sigs[0]);
    // Every construct signature of a class returns its instance type.
    return sigs.every((s) => this.checker.getReturnTypeOfSignature(s).getSymbol() === instance.getSymbol()) && instance.getSymbol() === cls ? instance : undefined;
  }

  /**
   * `const { a, b: c } = init`, `({ a }) => …`: the member of what is destructured (no default value,
   * no rest element; the checker reads a destructured reference as that member of it).
   */
  private bindingType(d: ts.BindingElement): ts.Type | undefined {
    const pattern = d.parent;
    if (d.dotDotDotToken || d.initializer || !ts.isIdentifier(d.name) || !ts.isObjectBindingPattern(pattern)) return undefined;
    const key = d.propertyName ?? d.name;
    if (!(ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNumericLiteral(key))) return undefined;
    const holder = pattern.parent;
    let parent: ts.Type | undefined;
    if (ts.isVariableDeclaration(holder)) {
      if (isJs(holder.getSourceFile()) || !ts.isVariableDeclarationList(holder.parent) || !ts.isVariableStatement(holder.parent.parent)) return undefined;
      if (holder.type) parent = this.checker.getTypeFromTypeNode(holder.type);
      else if (holder.initializer && !(isReference(holder.initializer) && this.anyNarrowed(holder.initializer))) parent = this.typeOf(holder.initializer);
    } else if (ts.isParameter(holder) && !holder.type && !holder.initializer && !holder.dotDotDotToken && !holder.questionToken) parent = this.contextualParameterType(holder);
    if (!parent || !this.fixed(parent)) return undefined;
    const prop = this.checker.getPropertyOfType(this.checker.getApparentType(parent), key.text);
    return prop ? this.checker.getTypeOfSymbol(prop) : undefined;
  }

  /** `xs.map((x) => …)`: an untyped parameter of a callback passed to a callee with one signature. */
  private callbackParameterType(p: ts.ParameterDeclaration): ts.Type | undefined {
    if (p.type || p.initializer || p.dotDotDotToken || p.questionToken || isJs(p.getSourceFile())) return undefined;
    return this.contextualParameterType(p);
  }

  /**
   * The type the checker gives an untyped parameter of a function passed as an argument, directly or
   * as a member of object literals passed (`run({ onStep: (step) => … })`): the parameter type, at
   * its position, of the one signature of the type the callee's parameter gives that place (as
   * getContextuallyTypedParameterType reads it). Left to the checker when the callee has overloads, a
   * spread comes before the argument, or either side has a rest parameter.
   */
  private contextualParameterType(p: ts.ParameterDeclaration): ts.Type | undefined {
    const fn = p.parent;
    const method = ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent);
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || method) || fn.typeParameters) return undefined;
    if (fn.parameters.some((x) => ts.isIdentifier(x.name) && x.name.text === 'this')) return undefined;
    // From the function up to the call: the object literal members it is the value of.
    const path: string[] = [];
    let node: ts.Node = fn;
    if (method) {
      const name = memberName(fn.name);
      if (name === undefined) return undefined;
      path.unshift(name);
      node = fn.parent;
    }
    for (;;) {
      while (node.parent && ts.isParenthesizedExpression(node.parent)) node = node.parent;
      const holder = node.parent;
      if (!holder || !ts.isPropertyAssignment(holder) || holder.initializer !== node || !ts.isObjectLiteralExpression(holder.parent)) break;
      const name = memberName(holder.name);
      if (name === undefined) return undefined;
      path.unshift(name);
      node = holder.parent;
    }
    const call = node.parent;
    if (!call || !ts.isCallExpression(call)) return undefined;
    const at = call.arguments.indexOf(node as ts.Expression);
    if (at < 0 || call.arguments.slice(0, at).some(ts.isSpreadElement)) return undefined;
    const quick = this.parameterAt(this.calleeSignature(call), at, path, fn, p);
    if (quick && this.fixed(quick)) return quick;
    // The callee read from the type the checker gives its receiver, when that is a variable, an import
    // or a typed parameter (not another callback's parameter): the checker computes no more than it
    // would to answer the question itself, and nothing of the call the callback is passed to.
    const callee = skipParens(call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? callee.expression : undefined;
    if (!receiver || !this.settled(receiver)) return quick;
    const t = nonNullable(this.checker.getTypeAtLocation(receiver));
    if (!t || t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return quick;
    const member = this.checker.getPropertyOfType(this.checker.getApparentType(t), (callee as ts.PropertyAccessExpression).name.text);
    const sigs = member ? this.checker.getTypeOfSymbol(member).getCallSignatures() : [];
    return sigs.length === 1 ? this.parameterAt(sigs[0], at, path, fn, p) : quick;
  }

  /**
   * The type of parameter `p` of `fn`, passed in argument `at` of a callee with signature `sig` at
   * `path` (the object literal members it is the value of): the parameter type of `sig` there, then
   * each member's type, then the parameter type, at `p`'s position, of that type's one signature.
   */
  private parameterAt(sig: ts.Signature | undefined, at: number, path: string[], fn: ts.SignatureDeclaration, p: ts.ParameterDeclaration): ts.Type | undefined {
    const params = sig?.getParameters() ?? [];
    if (!sig || !declared(params) || at >= params.length || isRestParameter(params[at])) return undefined;
    let expected: ts.Type | undefined = this.checker.getTypeOfSymbol(params[at]);
    for (const name of path) {
      expected = nonNullable(expected);
      if (!expected || !this.fixed(expected)) return undefined;
      const member = this.checker.getPropertyOfType(this.checker.getApparentType(expected), name);
      if (!member) return undefined;
      expected = this.checker.getTypeOfSymbol(member);
    }
    expected = nonNullable(expected);
    if (!expected || !(expected.flags & ts.TypeFlags.Object)) return undefined;
    const contextual = expected.getCallSignatures();
    if (contextual.length !== 1) return undefined;
    const cparams = contextual[0].getParameters();
    if (!declared(cparams)) return undefined;
    const hasRest = cparams.length > 0 && isRestParameter(cparams[cparams.length - 1]);
    // A function declaring more required parameters than the signature gives gets no contextual signature.
    const required = fn.parameters.findIndex((x) => !!(x.initializer || x.questionToken || x.dotDotDotToken));
    if (!hasRest && cparams.length < (required < 0 ? fn.parameters.length : required)) return undefined;
    const j = fn.parameters.indexOf(p);
    if (j >= cparams.length || isRestParameter(cparams[j])) return undefined;
    return this.checker.getTypeOfSymbol(cparams[j]);
  }

  /**
   * A receiver whose type the checker computes without typing a callback's parameters: its name is a
   * variable (declared by a statement, or destructured from one), an import, or a parameter with a type.
   */
  private settled(e: ts.Expression): boolean {
    let x = skipOuter(e);
    while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x) || ts.isAwaitExpression(x)) x = skipOuter(x.expression);
    if (!ts.isIdentifier(x)) return false;
    const sym = this.checker.getSymbolAtLocation(x);
    if (!sym) return false;
    if (sym.flags & ts.SymbolFlags.Alias) return true;
    let d: ts.Node | undefined = sym.valueDeclaration;
    while (d && ts.isBindingElement(d)) d = d.parent.parent;
    if (!d) return false;
    if (ts.isParameter(d)) return !!d.type;
    if (ts.isVariableDeclaration(d)) return !!d.type || (ts.isVariableDeclarationList(d.parent) && ts.isVariableStatement(d.parent.parent));
    return ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) || ts.isModuleDeclaration(d) || ts.isEnumDeclaration(d);
  }

  /** Does the checker narrow any reference starting from this one's name (conservative for a destructured initializer)? */
  private anyNarrowed(ref: ts.Expression): boolean {
    const key = this.referenceKey(ref);
    if (!key) return true;
    const sf = ref.getSourceFile();
    let refs = this.narrowed.get(sf);
    if (!refs) {
      refs = this.narrowedReferences(sf);
      this.narrowed.set(sf, refs);
    }
    return refs.has(key.symbol);
  }

  /** The one call signature of a call's callee (a call with type arguments it cannot take is left to the checker). */
  private calleeSignature(call: ts.CallExpression): ts.Signature | undefined {
    if (call.expression.kind === ts.SyntaxKind.SuperKeyword || call.expression.kind === ts.SyntaxKind.ImportKeyword) return undefined;
    const callee = skipParens(call.expression);
    const t = this.typeOf(callee, true);
    if (!t || t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike)) return undefined;
    const sigs = t.getCallSignatures();
    if (sigs.length !== 1) return undefined;
    const sig = sigs[0];
    // A JavaScript function documented as a class (`@class`) is not callable: the checker reports it.
    if (sig.declaration && isJs(sig.declaration.getSourceFile()) && ts.getJSDocClassTag(sig.declaration)) return undefined;
    if (call.typeArguments) {
      const params = sig.getTypeParameters() ?? [];
      const required = params.filter((p) => !p.getDefault()).length;
      if (call.typeArguments.length < required || call.typeArguments.length > params.length) return undefined;
    }
    return sig;
  }

  /** Might the checker narrow this reference (a name, or a member access on one)? See the header. */
  private mayBeNarrowed(ref: ts.Expression): boolean {
    const key = this.referenceKey(ref);
    // Only names and `this` start references (`f().a` is none); an unresolved name is left to the checker.
    if (!key) return isReference(ref);
    const sf = ref.getSourceFile();
    let refs = this.narrowed.get(sf);
    if (!refs) {
      refs = this.narrowedReferences(sf);
      this.narrowed.set(sf, refs);
    }
    const paths = refs.get(key.symbol);
    return !!paths && (paths.has(key.path) || paths.has(ANY_PATH));
  }

  /** `a.b['c']` → the symbol `a` reads and the path `b.c` (ANY_PATH through a computed member). */
  private referenceKey(e: ts.Expression): { symbol: ts.Symbol; path: string } | undefined {
    const names: string[] = [];
    let x = skipOuter(e);
    for (;;) {
      if (ts.isPropertyAccessExpression(x)) names.unshift(x.name.text);
      else if (ts.isElementAccessExpression(x)) names.unshift(ts.isStringLiteralLike(x.argumentExpression) || ts.isNumericLiteral(x.argumentExpression) ? x.argumentExpression.text : ANY_PATH);
      else break;
      x = skipOuter(x.expression);
    }
    if (!ts.isIdentifier(x)) return undefined;
    const symbol = this.referenced(x);
    return symbol ? { symbol, path: names.includes(ANY_PATH) ? ANY_PATH : names.join('.') } : undefined;
  }

  /**
   * The references a file may narrow, by the symbol they start from: every reference the checker
   * compares with the narrowing target where the binder makes a flow condition (the condition of an
   * `if`, a loop or `?:`, an operand of `&&`/`||`/`??`, a `switch` and its cases), through `!`,
   * equalities, `typeof`, `instanceof`, `in`, `x.constructor ===`, the arguments and receiver of a call
   * (a type predicate's), and the initializer of a `const` such a place reads (an aliased condition);
   * and what a statement calling an assertion function is given.
   */
  private narrowedReferences(sf: ts.SourceFile): Map<ts.Symbol, Set<string>> {
    const refs = new Map<ts.Symbol, Set<string>>();
    const record = (e: ts.Expression | undefined) => {
      const key = e && isReference(e) ? this.referenceKey(e) : undefined;
      if (!key) return;
      let paths = refs.get(key.symbol);
      if (!paths) refs.set(key.symbol, (paths = new Set()));
      paths.add(key.path);
      // `x.constructor === C` narrows x.
      if (key.path === 'constructor' || key.path.endsWith('.constructor')) paths.add(key.path.slice(0, -'constructor'.length).replace(/\.$/, ''));
    };
    const predicates = this.predicates();
    // A type predicate narrows what the call is given; one on `this` (`every`, `matches`) its receiver.
    const call = (c: ts.CallExpression) => {
      for (const a of c.arguments) record(referenceOf(a));
      const callee = skipOuter(c.expression);
      const onThis = predicates.onThisAny || (ts.isPropertyAccessExpression(callee) ? predicates.onThis.has(callee.name.text) : ts.isElementAccessExpression(callee));
      if (onThis && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) record(referenceOf(callee.expression));
    };
    const cond = (e: ts.Expression | undefined): void => {
      if (!e) return;
      const x = referenceOf(e);
      if (isReference(x)) return record(x);
      if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) return cond(x.operand);
      if (ts.isTypeOfExpression(x)) return record(referenceOf(x.expression));
      if (ts.isCallExpression(x)) return call(x);
      if (ts.isConditionalExpression(x)) {
        cond(x.condition);
        cond(x.whenTrue);
        return cond(x.whenFalse);
      }
      if (!ts.isBinaryExpression(x)) return;
      const op = x.operatorToken.kind;
      if (LOGICAL.has(op)) {
        cond(x.left);
        return cond(x.right);
      }
      if (op === ts.SyntaxKind.InstanceOfKeyword) return record(referenceOf(x.left));
      if (op === ts.SyntaxKind.InKeyword) return record(referenceOf(x.right));
      if (EQUALITY.has(op)) {
        for (const side of [x.left, x.right]) {
          const r = referenceOf(side);
          if (ts.isTypeOfExpression(r)) record(referenceOf(r.expression));
          else if (ts.isCallExpression(r)) call(r);
          else record(r);
        }
      }
    };
    const local = new Set(predicates.asserting);
    const consts: ts.VariableDeclaration[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isImportSpecifier(n) && predicates.asserting.has((n.propertyName ?? n.name).text)) local.add(n.name.text);
      else if (ts.isIfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n)) cond(n.expression);
      else if (ts.isForStatement(n)) cond(n.condition);
      else if (ts.isConditionalExpression(n)) cond(n.condition);
      else if (ts.isBinaryExpression(n) && LOGICAL.has(n.operatorToken.kind)) cond(n);
      else if (ts.isSwitchStatement(n)) {
        // `switch (x)`, `switch (typeof x)`; `switch (true)`: each case is a condition.
        cond(n.expression);
        for (const c of n.caseBlock.clauses) if (ts.isCaseClause(c)) cond(c.expression);
      } else if (ts.isExpressionStatement(n) && ts.isCallExpression(n.expression)) {
        const callee = n.expression.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        if (predicates.assertingAny || (name !== undefined && local.has(name))) call(n.expression);
      } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isVariableDeclarationList(n.parent) && n.parent.flags & ts.NodeFlags.Const) consts.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    // Aliased conditions: `const ok = isFoo(x); if (ok) …` narrows x as `if (isFoo(x))` would.
    const followed = new Set<ts.VariableDeclaration>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const d of consts) {
        if (followed.has(d)) continue;
        const sym = this.checker.getSymbolAtLocation(d.name);
        const paths = sym && refs.get(sym);
        if (paths && (paths.has('') || paths.has(ANY_PATH))) {
          followed.add(d);
          cond(d.initializer);
          changed = true;
        }
      }
    }
    return refs;
  }

  /**
   * The variable or import an identifier reads, resolved by name only (never a member name, whose
   * symbol needs the type of what it is a member of).
   */
  private referenced(n: ts.Identifier): ts.Symbol | undefined {
    const p = n.parent;
    if (!p) return undefined;
    if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isQualifiedName(p) && p.right === n) || (ts.isPropertyAssignment(p) && p.name === n) || (ts.isBindingElement(p) && p.propertyName === n)) return undefined;
    if (ts.isJsxAttribute(p) || ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p) || ts.isJsxClosingElement(p) || ts.isJsxNamespacedName(p)) return undefined;
    if ((ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === n) return undefined;
    if (ts.isShorthandPropertyAssignment(p) && p.name === n) return this.checker.getShorthandAssignmentValueSymbol(p);
    if (ts.isTypeReferenceNode(p) || ts.isExpressionWithTypeArguments(p) || ts.isTypeQueryNode(p)) return undefined;
    return this.checker.getSymbolAtLocation(n);
  }

  /**
   * The program's type predicates, read once: the names its assertion functions are called by (a
   * statement calling one narrows what it is given; one declared through a type alias or a call
   * signature could be called by any name, `assertingAny`), and the names of those about `this` (a
   * call of one narrows its receiver).
   */
  private predicates(): Predicates {
    if (this.predicateCache) return this.predicateCache;
    const asserting = new Set<string>();
    const onThis = new Set<string>();
    let assertingAny = false;
    let onThisAny = false;
    for (const sf of this.programFiles()) {
      if (!PREDICATE_TEXT.test(sf.text)) continue;
      const visit = (n: ts.Node): void => {
        if (ts.isTypePredicateNode(n)) {
          const name = calledAs(n.parent);
          if (n.parameterName.kind === ts.SyntaxKind.ThisType) {
            if (name === undefined) onThisAny = true;
            else onThis.add(name);
          }
          if (n.assertsModifier) {
            if (name === undefined) assertingAny = true;
            else asserting.add(name);
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    this.predicateCache = { asserting, assertingAny, onThis, onThisAny };
    return this.predicateCache;
  }
}

/**
 * Audit mode (tests, scripts/check-ts-quick.mjs): every quick answer is compared with the checker's,
 * counted, and each difference described.
 */
export const quickAudit: { on: boolean; answers: number; mismatches: string[] } = { on: false, answers: 0, mismatches: [] };

const nodeKey = (n: ts.Node | undefined): string => (n ? `${n.getSourceFile().fileName}:${n.getStart()}` : 'none');
const symbolKey = (s: ts.Symbol | null | undefined): string => (s ? (s.declarations ?? []).map(nodeKey).join(' ') || 'no declaration' : 'none');
/** What callers read of a type: each member's symbol, construct signatures, `any`. */
function typeKey(t: ts.Type): string {
  const parts = t.isUnion() ? t.types : [t];
  return `${t.flags & ts.TypeFlags.Any ? 'any ' : ''}${parts.map((p) => `${symbolKey(p.getSymbol())}/${p.getConstructSignatures().length}`).join(' | ')}`;
}

const ANY_PATH = '*';

type Predicates = { asserting: Set<string>; assertingAny: boolean; onThis: Set<string>; onThisAny: boolean };

const LOGICAL = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

const EQUALITY = new Set<ts.SyntaxKind>([ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken]);

/** Parentheses, `!`, `as` and `satisfies` around an expression, which the checker looks through. */
function skipOuter(e: ts.Expression): ts.Expression {
  let n = e;
  while (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
  return n;
}

/** The reference an operand stands for: `(x = f())` is x, `(a, b)` is b. */
function referenceOf(e: ts.Expression): ts.Expression {
  const x = skipOuter(e);
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken) return referenceOf(x.left);
    if (op === ts.SyntaxKind.CommaToken) return referenceOf(x.right);
  }
  return x;
}

/** A return type that may be a type predicate (`): x is T`, `=> asserts x`): only such files are read for them. */
const PREDICATE_TEXT = /(\)\s*:|=>)\s*(asserts\s+[\w$]+|[\w$]+\s+is\s)/;

/**
 * The name a signature with a type predicate is called by: a function's or method's, or that of the
 * variable, property or parameter a function (or function type) is the value or type of; undefined
 * when any name could call it (a type alias, a call signature).
 */
function calledAs(sig: ts.Node): string | undefined {
  const named = (n: ts.Node): string | undefined => {
    const name = (n as { name?: ts.Node }).name;
    return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined;
  };
  if (ts.isFunctionDeclaration(sig) || ts.isMethodDeclaration(sig) || ts.isMethodSignature(sig)) return named(sig);
  let n: ts.Node = sig;
  while (n.parent && (ts.isParenthesizedTypeNode(n.parent) || ts.isUnionTypeNode(n.parent) || ts.isIntersectionTypeNode(n.parent) || ts.isParenthesizedExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isParameter(p))) return named(p);
  return undefined;
}

/** Declarations of a symbol that give it a value (an interface merged with a `declare var` is one). */
function valueDeclarations(sym: ts.Symbol): number {
  return (sym.declarations ?? []).filter((d) => !(ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d))).length;
}

/** A reference the checker can narrow: a name, `this`, or a member access on one (`a.b[0].c`). */
function isReference(e: ts.Expression): boolean {
  const x = skipOuter(e);
  if (ts.isIdentifier(x) || x.kind === ts.SyntaxKind.ThisKeyword) return true;
  return (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) && isReference(x.expression);
}

/** A union with `undefined`/`null`/`void` taken out, when one type is left (that type); undefined otherwise. */
function nonNullable(t: ts.Type): ts.Type | undefined {
  if (!t.isUnion()) return t;
  const rest = t.types.filter((x) => !(x.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
  return rest.length === 1 ? rest[0] : undefined;
}

/** An object literal member's name as written (an identifier or a string). */
function memberName(n: ts.PropertyName): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : undefined;
}

/** A link of an optional chain that the chain goes on from (`a?.b` in `a?.b.c`): never undefined there. */
function isChainLink(e: ts.Expression): boolean {
  const p = e.parent;
  return !!p && ts.isOptionalChain(p) && (p as ts.PropertyAccessExpression | ts.CallExpression | ts.ElementAccessExpression).expression === e;
}

/** Parameters written as such (not expanded from a tuple type), so that a rest parameter shows. */
function declared(params: readonly ts.Symbol[]): boolean {
  return params.every((p) => !!p.valueDeclaration && ts.isParameter(p.valueDeclaration));
}

/** A rest parameter (`...args`) of a signature. */
function isRestParameter(p: ts.Symbol): boolean {
  const d = p.valueDeclaration;
  return !!d && ts.isParameter(d) && !!d.dotDotDotToken;
}

const isJs = (sf: ts.SourceFile) => /\.(js|jsx|mjs|cjs)$/.test(sf.fileName);

/** A declaration whose type is written: a type annotation, or in JavaScript a JSDoc type. */
function typeWritten(d: ts.VariableDeclaration | ts.ParameterDeclaration): boolean {
  if (d.type) return true;
  return isJs(d.getSourceFile()) && !!ts.getJSDocType(d);
}

function isConstAssertion(t: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === 'const';
}
