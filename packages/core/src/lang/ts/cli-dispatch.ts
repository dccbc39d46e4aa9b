// JavaScript/TypeScript command-line programs (a package.json `bin`) → command trees, through the
// TypeScript project of the run: commander (`program.command('init <dir>').option(...).action(fn)`,
// nested `.command()` chains and variables, `.alias()`, `.argument()`) and yargs
// (`.command('serve [port]', 'desc', builder, handler)`, `.command({ command, builder, handler })`).
// Handlers are followed by the type checker to their declaration; an inline handler that only calls one
// repository function runs that function; other inline handlers are their own span.
import { ts } from 'ts-morph';
import type { Definition } from '../../model.js';
import { DefinitionBuilder, hasParseError, implementationOf, lineOf } from './definitions.js';
import { TsProject } from './project.js';
import { cliCommand, subcommand, type CliCommand, type CliOption, type CliTarget } from '../cli.js';
import { JS_CLI_PACKAGES } from '../../heuristics/tables.js';

type Owner = CliCommand;

export function readJsProgram(project: TsProject, path: string): CliCommand {
  const root = cliCommand([]);
  const sf = project.sourceFile(path);
  if (!sf) {
    root.target = { kind: 'unresolved', reason: `\`${path}\` is not among the TypeScript/JavaScript sources analysed` };
    return root;
  }
  const checker = project.checker;
  const defs = new DefinitionBuilder(checker, project.modules);
  // The bin file, and the repository files it imports directly (a thin bin often imports its program).
  const sources = [sf, ...importedRepoFiles(sf, checker)];
  const style = sources.map((s) => cliPackageOf(s, project)).find((x) => x);
  if (!style) {
    root.target = runnerOf(sf, checker, defs, path);
    return root;
  }
  root.style = style;
  const reader = new Reader(checker, defs, root, style);
  for (const s of sources) reader.read(s);
  if (!root.target && root.sub.size) root.target = { kind: 'unresolved', reason: `\`${path}\` needs a subcommand` };
  if (!root.target) root.target = { kind: 'unresolved', reason: `\`${path}\` declares no command with a handler` };
  return root;
}

class Reader {
  private readonly commands = new Map<ts.Node, CliCommand>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly defs: DefinitionBuilder,
    private readonly root: CliCommand,
    private readonly style: 'commander' | 'yargs',
  ) {}

  read(sf: ts.SourceFile): void {
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n)) calls.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    // Receivers first: `a.command('x').action(f)` registers `x` before its action.
    calls.sort((a, b) => a.getStart(sf) - b.getStart(sf) || b.getEnd() - a.getEnd());
    for (const call of calls) {
      const m = methodOf(call);
      if (!m) continue;
      if (this.style === 'yargs') {
        if (m.name === 'command') this.yargsCommand(call, sf);
        continue;
      }
      if (m.name === 'command') {
        this.commandOf(call);
        continue;
      }
      const owner = this.ownerOf(m.receiver);
      if (!owner) continue;
      if (m.name === 'action' && call.arguments[0]) owner.target = this.handler(call.arguments[0], owner, sf);
      else if ((m.name === 'option' || m.name === 'requiredOption') && call.arguments[0] && isString(call.arguments[0])) addOption(owner, commanderOption(call));
      else if ((m.name === 'argument' || m.name === 'arguments') && call.arguments[0] && isString(call.arguments[0])) for (const o of positionals(stringValue(call.arguments[0]))) addOption(owner, o);
      else if (m.name === 'alias' && call.arguments[0] && isString(call.arguments[0]) && owner.path.length) {
        const parent = this.parentOf(owner);
        parent?.sub.set(stringValue(call.arguments[0]), owner);
      }
    }
  }

  /** The command a builder chain configures: `.command('x')` returns the new subcommand; other methods return their receiver. */
  private ownerOf(expr: ts.Expression, depth = 0): Owner | undefined {
    if (depth > 12) return undefined;
    const e = skipOuter(expr);
    if (ts.isCallExpression(e)) {
      const m = methodOf(e);
      if (!m) return this.root;
      if (m.name === 'command') return this.commandOf(e) ?? this.ownerOf(m.receiver, depth + 1);
      return this.ownerOf(m.receiver, depth + 1);
    }
    if (ts.isIdentifier(e)) {
      const decl = this.checker.getSymbolAtLocation(e)?.declarations?.[0];
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return this.ownerOf(decl.initializer, depth + 1);
      return this.root;
    }
    if (ts.isNewExpression(e)) return this.root;
    return this.root;
  }

  private parentOf(node: CliCommand): CliCommand | undefined {
    let p: CliCommand | undefined = this.root;
    for (const w of node.path.slice(0, -1)) p = p?.sub.get(w);
    return p;
  }

  /** commander `.command('name <arg>')`: the subcommand it creates (memoised by call). */
  private commandOf(call: ts.CallExpression): CliCommand | undefined {
    const known = this.commands.get(call);
    if (known) return known;
    const first = call.arguments[0];
    if (!first || !isString(first)) return undefined;
    const spec = stringValue(first).trim();
    const name = spec.split(/\s+/)[0];
    if (!name) return undefined;
    const m = methodOf(call)!;
    const parent = this.ownerOf(m.receiver) ?? this.root;
    const node = subcommand(parent, name, 'commander');
    this.commands.set(call, node);
    for (const o of positionals(spec.slice(name.length))) addOption(node, o);
    // `.command('x', 'description')`: commander runs a separate executable (`<program>-x`) for it.
    if (call.arguments[1] && isString(call.arguments[1]) && !node.target) {
      node.target = { kind: 'unresolved', reason: `\`${name}\` is a commander executable subcommand: it runs a separate \`<program>-${name}\` script` };
    }
    return node;
  }

  /** yargs `.command(...)`, string or object form. */
  private yargsCommand(call: ts.CallExpression, sf: ts.SourceFile): void {
    const [a0, , a2, a3] = call.arguments;
    if (!a0) return;
    let spec: string | undefined;
    let aliases: string[] = [];
    let builder: ts.Expression | undefined;
    let handler: ts.Expression | undefined;
    if (ts.isObjectLiteralExpression(a0)) {
      const prop = (n: string) => a0.properties.find((p): p is ts.PropertyAssignment | ts.ShorthandPropertyAssignment | ts.MethodDeclaration => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p)) && !!p.name && ts.isIdentifier(p.name) && p.name.text === n);
      const c = prop('command');
      if (c && ts.isPropertyAssignment(c)) spec = isString(c.initializer) ? stringValue(c.initializer) : ts.isArrayLiteralExpression(c.initializer) && c.initializer.elements[0] && isString(c.initializer.elements[0]) ? stringValue(c.initializer.elements[0]) : undefined;
      const h = prop('handler');
      handler = h ? (ts.isPropertyAssignment(h) ? h.initializer : ts.isShorthandPropertyAssignment(h) ? h.name : (h as unknown as ts.Expression)) : undefined;
      const b = prop('builder');
      builder = b && ts.isPropertyAssignment(b) ? b.initializer : undefined;
    } else if (isString(a0)) {
      spec = stringValue(a0);
      builder = a2;
      handler = a3;
    } else if (ts.isArrayLiteralExpression(a0) && a0.elements[0] && isString(a0.elements[0])) {
      spec = stringValue(a0.elements[0]);
      aliases = a0.elements.slice(1).filter(isString).map((e) => stringValue(e).split(/\s+/)[0]);
      builder = a2;
      handler = a3;
    }
    if (spec === undefined) return;
    const name = spec.trim().split(/\s+/)[0];
    const isDefault = name === '$0' || name === '*';
    const node = isDefault ? this.root : subcommand(this.root, name, 'yargs');
    for (const a of aliases) this.root.sub.set(a, node);
    for (const o of positionals(spec.trim().slice(name.length))) addOption(node, o);
    if (builder && ts.isObjectLiteralExpression(builder)) for (const o of yargsOptions(builder)) addOption(node, o);
    if (builder && (ts.isArrowFunction(builder) || ts.isFunctionExpression(builder))) {
      const visit = (n: ts.Node) => {
        if (ts.isCallExpression(n)) {
          const m = methodOf(n);
          if (m && (m.name === 'option' || m.name === 'positional') && n.arguments[0] && isString(n.arguments[0])) {
            const key = stringValue(n.arguments[0]);
            const cfg = n.arguments[1] && ts.isObjectLiteralExpression(n.arguments[1]) ? n.arguments[1] : undefined;
            addOption(node, { ...yargsOption(key, cfg), ...(m.name === 'positional' ? { name: key, positional: true } : {}) });
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(builder);
    }
    if (handler) node.target = this.handler(handler, node, sf);
    else if (!isDefault) node.target = { kind: 'unresolved', reason: `yargs command \`${name}\` has no handler` };
  }

  /** The function a handler expression runs. */
  private handler(expr: ts.Expression, node: CliCommand, sf: ts.SourceFile): CliTarget {
    const e = skipOuter(expr);
    const where = `${TsProject.repoPath(sf.fileName)}:L${lineOf(sf, e.getStart(sf))}`;
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      // An inline handler that only forwards to one function runs that function.
      const only = singleCall(e);
      if (only) {
        const t = this.declared(only.expression, `called by the inline handler at ${where}`);
        if (t.kind === 'def') return t;
      }
      if (hasParseError(e)) return { kind: 'unresolved', reason: `syntax error in the handler at ${where}` };
      const path = TsProject.repoPath(sf.fileName);
      const definition: Definition = {
        path,
        module: path.replace(/(\.d)?\.(m|c)?(j|t)sx?$/, ''),
        qualname: `(${['', ...node.path].join(' ').trim() || 'program'} action)`,
        kind: 'function',
        span: { path, start: lineOf(sf, e.getStart(sf)), end: lineOf(sf, e.end) },
        params: e.parameters.map((p) => ({ name: p.name.getText(sf).replace(/\s+/g, ' ') })),
        externalImports: this.defs.externalImports(sf),
      };
      return { kind: 'def', definition, via: `inline handler at ${where}` };
    }
    return this.declared(e, `handler at ${where}`);
  }

  /** A name's declaration, through imports and re-exports, as a Definition. */
  private declared(expr: ts.Expression, via: string): CliTarget {
    return declaredFunction(expr, this.checker, this.defs, via) ?? { kind: 'unresolved', reason: `\`${skipOuter(expr).getText().slice(0, 60)}\` (${via}) is not a function of the repository the type checker can find` };
  }
}

/**
 * A bin with no command-line parser: the one repository function its top level runs as a statement of
 * its own (`main()`, `await run(process.argv)`, `main().catch(...)`); else its own module-level code runs.
 */
function runnerOf(sf: ts.SourceFile, checker: ts.TypeChecker, defs: DefinitionBuilder, path: string): CliTarget {
  const found = new Map<string, CliTarget>();
  // Every repository function or method the top level calls (outermost calls of each statement).
  const work = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isCallExpression(n) && (ts.isIdentifier(n.expression) || ts.isPropertyAccessExpression(n.expression))) {
      const t = declaredFunction(n.expression, checker, defs, '');
      if (t?.kind === 'def') {
        work.add(`${t.definition.path}:${t.definition.qualname}`);
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  for (const st of sf.statements) visit(st);
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || work.size > 1) continue;
    let e = skipOuter(st.expression);
    // `main().catch(handle)`, `main().then(...)`: the call the chain starts from.
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isCallExpression(skipOuter(e.expression.expression)) && /^(catch|then|finally)$/.test(e.expression.name.text)) e = skipOuter(e.expression.expression);
    if (!ts.isCallExpression(e) || !(ts.isIdentifier(e.expression) || ts.isPropertyAccessExpression(e.expression))) continue;
    const t = declaredFunction(e.expression, checker, defs, `run at the top level of ${path}:L${lineOf(sf, st.getStart(sf))}`);
    if (t?.kind === 'def') found.set(`${t.definition.path}:${t.definition.qualname}`, t);
  }
  if (found.size === 1) return [...found.values()][0];
  if (found.size > 1) return { kind: 'unresolved', reason: `\`${path}\` runs several functions at its top level; which one is the command is not known`, candidates: [...found.values()].map((t) => (t.kind === 'def' ? `${t.definition.qualname} (${t.definition.path}:L${t.definition.span.start}-${t.definition.span.end})` : '')).sort() };
  return { kind: 'unresolved', reason: `\`${path}\` runs its own module-level code, not one function of the repository (and uses no command-line parser goldpath follows: ${[...JS_CLI_PACKAGES.keys()].join(', ')})` };
}

/** A name's function declaration in the repository, through imports and re-exports; undefined when it is not one. */
function declaredFunction(expr: ts.Expression, checker: ts.TypeChecker, defs: DefinitionBuilder, via: string): CliTarget | undefined {
  const e = skipOuter(expr);
  const node = ts.isPropertyAccessExpression(e) ? e.name : e;
  let sym = checker.getSymbolAtLocation(node);
  for (let i = 0; sym && sym.flags & ts.SymbolFlags.Alias && i < 8; i++) {
    const next = checker.getAliasedSymbol(sym);
    if (!next || next === sym) break;
    sym = next;
  }
  const decl = sym?.declarations?.find((d) => ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || ((ts.isVariableDeclaration(d) || ts.isPropertyAssignment(d)) && !!d.initializer && (ts.isArrowFunction(skipOuter(d.initializer)) || ts.isFunctionExpression(skipOuter(d.initializer)))));
  if (!decl || !TsProject.repoPath(decl.getSourceFile().fileName)) return undefined;
  const def = defs.build(implementationOf(decl, checker));
  if ('error' in def) return { kind: 'unresolved', reason: def.error };
  return { kind: 'def', definition: def, via };
}

/** The command-line package a file imports (`commander`, `yargs`), by the style its API has. */
function cliPackageOf(sf: ts.SourceFile, project: TsProject): 'commander' | 'yargs' | undefined {
  const from = TsProject.repoPath(sf.fileName);
  for (const st of sf.statements) {
    let spec: string | undefined;
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) spec = st.moduleSpecifier.text;
    else if (ts.isVariableStatement(st)) {
      const init = st.declarationList.declarations[0]?.initializer;
      let n = init ? skipOuter(init) : undefined;
      while (n && (ts.isCallExpression(n) || ts.isPropertyAccessExpression(n)) && !(ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require')) n = skipOuter(n.expression);
      if (n && ts.isCallExpression(n) && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) spec = n.arguments[0].text;
    }
    if (spec === undefined) continue;
    const target = project.modules.resolve(spec, from);
    const pkg = target.kind === 'external' ? target.distribution : spec;
    const style = JS_CLI_PACKAGES.get(pkg.replace(/\/.*$/, '').startsWith('@') ? pkg : pkg.split('/')[0]);
    if (style) return style;
  }
  return undefined;
}

function importedRepoFiles(sf: ts.SourceFile, checker: ts.TypeChecker): ts.SourceFile[] {
  const out: ts.SourceFile[] = [];
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st)) continue;
    const target = checker.getSymbolAtLocation(st.moduleSpecifier)?.declarations?.[0];
    if (target && ts.isSourceFile(target) && TsProject.repoPath(target.fileName) && !out.includes(target)) out.push(target);
  }
  return out;
}

/** `recv.name(...)`: the method name and its receiver. */
function methodOf(call: ts.CallExpression): { name: string; receiver: ts.Expression } | undefined {
  const e = call.expression;
  return ts.isPropertyAccessExpression(e) ? { name: e.name.text, receiver: e.expression } : undefined;
}

/** An inline function whose body is one call (`(a) => run(a)`, `async (a) => { await run(a); }`). */
function singleCall(fn: ts.ArrowFunction | ts.FunctionExpression): ts.CallExpression | undefined {
  let expr: ts.Expression | undefined;
  if (!ts.isBlock(fn.body)) expr = fn.body;
  else if (fn.body.statements.length === 1) {
    const st = fn.body.statements[0];
    if (ts.isExpressionStatement(st)) expr = st.expression;
    else if (ts.isReturnStatement(st)) expr = st.expression;
  }
  const e = expr ? skipOuter(expr) : undefined;
  return e && ts.isCallExpression(e) && (ts.isIdentifier(e.expression) || ts.isPropertyAccessExpression(e.expression)) ? e : undefined;
}

function addOption(node: CliCommand, o: CliOption): void {
  if (!node.options.some((x) => x.name === o.name)) node.options.push(o);
}

/** `'-p, --port <number>'`, description, default: a commander option. */
function commanderOption(call: ts.CallExpression): CliOption {
  const flags = stringValue(call.arguments[0]);
  const names = flags.split(/[ ,|]+/).filter((w) => w.startsWith('-'));
  const long = names.find((n) => n.startsWith('--')) ?? names[0] ?? flags;
  const takesValue = /<[^>]*>|\[[^\]]*\]/.test(flags);
  const [, desc, third, fourth] = call.arguments;
  const dflt = third && !ts.isArrowFunction(third) && !ts.isFunctionExpression(third) && !ts.isIdentifier(third) ? third : fourth;
  const aliases = names.filter((n) => n !== long);
  return {
    name: long,
    positional: false,
    ...(aliases.length ? { aliases } : {}),
    ...(!takesValue ? { type: 'boolean', flag: true } : {}),
    ...(dflt ? { default: dflt.getText().replace(/\s+/g, ' ') } : {}),
    ...(desc && isString(desc) ? { help: stringValue(desc) } : {}),
  };
}

/** `<dir> [more...]` of a command spec: positional arguments. */
function positionals(spec: string): CliOption[] {
  return [...spec.matchAll(/[<[]([^>\]]+)[>\]]/g)].map((m) => {
    const variadic = m[1].endsWith('...');
    return { name: m[1].replace(/\.\.\.$/, ''), positional: true, ...(variadic ? { rest: true } : {}) };
  });
}

function yargsOptions(obj: ts.ObjectLiteralExpression): CliOption[] {
  const out: CliOption[] = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
    out.push(yargsOption(p.name.text, ts.isObjectLiteralExpression(p.initializer) ? p.initializer : undefined));
  }
  return out;
}

function yargsOption(key: string, cfg: ts.ObjectLiteralExpression | undefined): CliOption {
  const prop = (n: string) => cfg?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === n)?.initializer;
  const type = prop('type');
  const dflt = prop('default');
  const desc = prop('describe') ?? prop('description') ?? prop('desc');
  const alias = prop('alias');
  const typeText = type && isString(type) ? stringValue(type) : undefined;
  const aliases = alias && isString(alias) ? [stringValue(alias)] : alias && ts.isArrayLiteralExpression(alias) ? alias.elements.filter(isString).map(stringValue) : [];
  return {
    name: `--${key}`,
    positional: false,
    ...(aliases.length ? { aliases: aliases.map((a) => (a.length === 1 ? `-${a}` : `--${a}`)) } : {}),
    ...(typeText ? { type: typeText } : {}),
    ...(typeText === 'boolean' ? { flag: true } : {}),
    ...(dflt ? { default: dflt.getText().replace(/\s+/g, ' ') } : {}),
    ...(desc && isString(desc) ? { help: stringValue(desc) } : {}),
  };
}

function isString(e: ts.Node): e is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e);
}

function stringValue(e: ts.Node): string {
  return (e as ts.StringLiteral).text;
}

function skipOuter(e: ts.Expression): ts.Expression {
  let n = e;
  while (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isAwaitExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
  return n;
}
