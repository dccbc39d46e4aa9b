// One walk over a Python syntax tree → PyModuleFacts: imports, definitions with exact spans, calls with
// their callee chains and arguments, assignments, returns. Never throws on broken code: ERROR and MISSING
// nodes are listed, and the definitions around them are flagged.
import type { PyArg, PyAssign, PyCall, PyCallee, PyDef, PyImport, PyModuleFacts, PyParam, PyReturn, PySyntaxError } from './types.js';
import { child, namedChildren, nodeText, type PyNode, type PythonParser, type PyTree } from './parser.js';
import { cleanDocstring } from './docstring.js';

const COMPOUND_TAIL = new Set(['block', 'elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'case_clause', 'function_definition', 'class_definition', 'decorated_definition']);
const STATEMENT_PARENTS = new Set(['module', 'block']);

export function extractPythonFacts(parser: PythonParser, text: string, path: string): PyModuleFacts {
  return factsFromTree(parser.parse(text), path);
}

export function factsFromTree(tree: PyTree, path: string): PyModuleFacts {
  const t = (n: PyNode) => nodeText(tree, n);
  const facts: PyModuleFacts = {
    path,
    imports: [],
    defs: [],
    calls: [],
    assigns: [],
    returns: [],
    hasMainGuard: false,
    errors: [],
    lineCount: tree.text === '' ? 0 : tree.text.split('\n').length - (tree.text.endsWith('\n') ? 1 : 0),
  };
  // Trailing comments by row: `x = 1  # why` (a comment that is not alone on its line).
  const trailing = new Map<number, string>();
  const lineStarts = [0];
  for (let i = 0; i < tree.text.length; i++) if (tree.text[i] === '\n') lineStarts.push(i + 1);

  const callIndex = new Map<PyNode, number>();
  const lazyDicts: Record<string, string>[] = [];
  let hasModuleGetattr = false;

  /** Last line (1-based) of a statement, as Python's end_lineno: the last statement of the last body. */
  const endLine = (n: PyNode): number => {
    let node = n;
    for (;;) {
      const kids = node.children.filter((c) => c.named && c.type !== 'comment');
      const last = kids[kids.length - 1];
      if (node.type === 'block') {
        if (!last) break;
        node = last;
        continue;
      }
      if (last && COMPOUND_TAIL.has(last.type) && last !== node) {
        node = last;
        continue;
      }
      break;
    }
    return (node.endColumn === 0 && node.endRow > node.startRow ? node.endRow - 1 : node.endRow) + 1;
  };

  const hasErrorIn = (n: PyNode): boolean => {
    const stack = [n];
    while (stack.length) {
      const x = stack.pop()!;
      if (x.type === 'ERROR' || x.missing) return true;
      stack.push(...x.children);
    }
    return false;
  };

  const identifiersIn = (n: PyNode): string[] => {
    const out: string[] = [];
    const visit = (x: PyNode) => {
      if (x.type === 'identifier') {
        if (x.field === 'attribute' || (x.parent?.type === 'keyword_argument' && x.field === 'name')) return;
        const name = t(x);
        if (!out.includes(name)) out.push(name);
        return;
      }
      if (x.type === 'lambda' || x.type.endsWith('comprehension') || x.type === 'generator_expression') return;
      for (const c of x.children) visit(c);
    };
    visit(n);
    return out;
  };

  const targetsOf = (n: PyNode | undefined): string[] => {
    if (!n) return [];
    if (['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'parenthesized_expression'].includes(n.type)) {
      return namedChildren(n).flatMap(targetsOf);
    }
    if (n.type === 'list_splat_pattern' || n.type === 'list_splat') return namedChildren(n).flatMap(targetsOf);
    return [t(n).replace(/\s+/g, '')];
  };

  const dottedChain = (n: PyNode): string[] | undefined => {
    if (n.type === 'identifier') return [t(n)];
    if (n.type === 'attribute') {
      const obj = child(n, 'object');
      const attr = child(n, 'attribute');
      const base = obj && dottedChain(obj);
      return base && attr ? [...base, t(attr)] : undefined;
    }
    return undefined;
  };

  /** The bare name tested by the innermost `if` whose body holds this statement (not its else branch). */
  const guardOf = (n: PyNode): string | undefined => {
    let x: PyNode = n;
    while (x.parent && x.parent.type !== 'function_definition') {
      if (x.parent.type === 'if_statement') {
        if (x.field !== 'consequence') return undefined;
        const cond = child(x.parent, 'condition');
        return cond && cond.type === 'identifier' ? t(cond) : undefined;
      }
      if (['elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement', 'with_statement'].includes(x.parent.type)) return undefined;
      x = x.parent;
    }
    return undefined;
  };

  const statementOf = (n: PyNode): PyNode => {
    let x = n;
    while (x.parent && !STATEMENT_PARENTS.has(x.parent.type)) x = x.parent;
    return x;
  };

  const commentAbove = (stmt: PyNode): string | undefined => {
    const siblings = stmt.parent?.children ?? [];
    const i = siblings.indexOf(stmt);
    const lines: string[] = [];
    let row = stmt.startRow;
    // A decorated definition's comments sit above its first decorator; a block's first statement may have
    // its comments before the block node itself.
    for (let j = i - 1; j >= 0; j--) {
      const s = siblings[j];
      if (s.type !== 'comment' || s.endRow !== row - 1 || isTrailing(s)) break;
      lines.unshift(t(s).replace(/^#+\s?/, '').trim());
      row = s.startRow;
    }
    return lines.filter(Boolean).join(' ') || undefined;
  };

  const isTrailing = (comment: PyNode): boolean => tree.text.slice(lineStarts[comment.startRow], comment.startIndex).trim() !== '';

  const paramsOf = (node: PyNode | undefined): PyParam[] => {
    if (!node) return [];
    const out: PyParam[] = [];
    let keywordOnly = false;
    for (const p of namedChildren(node)) {
      const nameNode = child(p, 'name') ?? p.children.find((c) => c.type === 'identifier' || c.type.endsWith('splat_pattern'));
      const type = child(p, 'type');
      const value = child(p, 'value');
      let kind: PyParam['kind'] = keywordOnly ? 'keyword' : 'positional';
      let name = '';
      if (p.type === 'keyword_separator') {
        keywordOnly = true;
        continue;
      }
      if (p.type === 'positional_separator') continue;
      const splat = p.type.endsWith('splat_pattern') ? p : p.children.find((c) => c.type.endsWith('splat_pattern'));
      if (splat) {
        kind = splat.type === 'list_splat_pattern' ? 'vararg' : 'kwarg';
        if (kind === 'vararg') keywordOnly = true;
        name = t(splat).replace(/^\*+/, '');
      } else if (p.type === 'identifier') {
        name = t(p);
      } else if (nameNode) {
        name = t(nameNode);
      } else continue;
      out.push({ name, kind, ...(type ? { type: t(type) } : {}), ...(value ? { default: t(value).replace(/\s+/g, ' ') } : {}) });
    }
    return out;
  };

  const docOf = (body: PyNode | undefined): string | undefined => {
    const first = body ? namedChildren(body)[0] : undefined;
    if (first?.type !== 'expression_statement') return undefined;
    const s = namedChildren(first)[0];
    if (!s || (s.type !== 'string' && s.type !== 'concatenated_string')) return undefined;
    return cleanDocstring(t(s));
  };

  const isMainGuard = (ifNode: PyNode): boolean => {
    const cond = child(ifNode, 'condition');
    return !!cond && /^(__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__)$/.test(t(cond).trim());
  };

  interface Ctx {
    scope: string;
    scopeKind: 'module' | 'class' | 'function';
    guard?: 'try' | 'type_checking';
    main: boolean;
    call?: number;
  }

  const visit = (n: PyNode, ctx: Ctx): void => {
    switch (n.type) {
      case 'ERROR':
        facts.errors.push({ line: n.startRow + 1, message: `syntax error near \`${t(n).split('\n')[0].slice(0, 40)}\`` });
        break;
      case 'comment':
        if (isTrailing(n)) trailing.set(n.startRow, t(n).replace(/^#+\s?/, '').trim());
        return;
      case 'decorated_definition':
      case 'function_definition':
      case 'class_definition':
        return visitDef(n, ctx);
      case 'import_statement':
      case 'import_from_statement':
        return visitImport(n, ctx);
      case 'try_statement':
        for (const c of n.children) visit(c, { ...ctx, guard: 'try' });
        return;
      case 'if_statement': {
        const cond = child(n, 'condition');
        if (cond && /^(typing\.)?TYPE_CHECKING$/.test(t(cond).trim())) {
          for (const c of n.children) visit(c, { ...ctx, guard: c.field === 'consequence' ? 'type_checking' : ctx.guard });
          return;
        }
        if (isMainGuard(n) && ctx.scopeKind === 'module') {
          facts.hasMainGuard = true;
          for (const c of n.children) visit(c, { ...ctx, main: c.field === 'consequence' ? true : ctx.main });
          return;
        }
        break;
      }
      case 'call':
        return visitCall(n, ctx);
      case 'assignment':
        visitAssign(n, ctx);
        break;
      case 'augmented_assignment': {
        const left = child(n, 'left');
        if (left && t(left) === '__all__' && ctx.scopeKind === 'module') facts.all = [...(facts.all ?? []), ...stringList(child(n, 'right'))];
        break;
      }
      case 'return_statement': {
        const v = namedChildren(n)[0];
        if (v) {
          const fn = v.type === 'call' ? child(v, 'function') : undefined;
          const chain = fn && dottedChain(fn);
          const guard = guardOf(n);
          facts.returns.push({ line: n.startRow + 1, scope: ctx.scope, valueText: t(v), ...(chain ? { callChain: chain } : {}), ...(guard ? { guard } : {}) } satisfies PyReturn);
        }
        break;
      }
      case 'dictionary':
        if (hasModuleGetattrCandidate(n)) lazyDicts.push(stringDict(n)!);
        break;
    }
    if (n.missing) facts.errors.push({ line: n.startRow + 1, message: `missing \`${n.type}\`` });
    for (const c of n.children) visit(c, ctx);
  };

  const hasModuleGetattrCandidate = (n: PyNode): boolean => {
    const d = stringDict(n);
    return !!d && Object.keys(d).length > 0;
  };

  const stringValue = (n: PyNode | undefined): string | undefined => {
    if (!n || n.type !== 'string') return undefined;
    if (n.children.some((c) => c.type === 'interpolation')) return undefined;
    const raw = t(n);
    const m = /^[rRuU]?(['"]{1,3})([\s\S]*)\1$/.exec(raw);
    return m ? m[2] : undefined;
  };

  const stringList = (n: PyNode | undefined): string[] => {
    if (!n || !['list', 'tuple'].includes(n.type)) return [];
    return namedChildren(n).map(stringValue).filter((s): s is string => s !== undefined);
  };

  const stringDict = (n: PyNode): Record<string, string> | undefined => {
    const out: Record<string, string> = {};
    for (const pair of namedChildren(n)) {
      if (pair.type !== 'pair') return undefined;
      const k = stringValue(child(pair, 'key'));
      const v = stringValue(child(pair, 'value'));
      if (k === undefined || v === undefined) return undefined;
      out[k] = v;
    }
    return out;
  };

  const visitDef = (n: PyNode, ctx: Ctx): void => {
    const decorators = n.type === 'decorated_definition' ? n.children.filter((c) => c.type === 'decorator') : [];
    const def = n.type === 'decorated_definition' ? child(n, 'definition') : n;
    if (!def) {
      for (const c of n.children) visit(c, ctx);
      return;
    }
    for (const d of decorators) for (const c of d.children) visit(c, ctx);
    const nameNode = child(def, 'name');
    const name = nameNode ? t(nameNode) : '';
    const isClass = def.type === 'class_definition';
    const qualname = ctx.scope ? (ctx.scopeKind === 'function' ? `${ctx.scope}.<locals>.${name}` : `${ctx.scope}.${name}`) : name;
    const body = child(def, 'body');
    const bases = isClass ? namedChildren(child(def, 'superclasses') ?? { children: [] } as unknown as PyNode).map((b) => t(b).replace(/\s+/g, ' ')) : [];
    const returns = child(def, 'return_type');
    const pyDef: PyDef = {
      kind: isClass ? 'class' : 'function',
      name,
      qualname,
      parent: ctx.scope,
      isMethod: ctx.scopeKind === 'class' && !isClass,
      start: n.startRow + 1,
      defLine: def.startRow + 1,
      end: endLine(n),
      decorators: decorators.map((d) => t(d).replace(/^@\s*/, '').replace(/\s+/g, ' ')),
      params: isClass ? [] : paramsOf(child(def, 'parameters')),
      ...(returns ? { returns: t(returns) } : {}),
      ...(docOf(body) !== undefined ? { doc: docOf(body) } : {}),
      bases,
      isAsync: !isClass && def.children[0]?.type === 'async',
      hasError: hasErrorIn(n),
    };
    if (name) facts.defs.push(pyDef);
    if (name === '__getattr__' && ctx.scopeKind === 'module') hasModuleGetattr = true;
    // Defaults and base classes are evaluated in the enclosing scope.
    for (const c of def.children) {
      if (c.field === 'body' || c.field === 'name') continue;
      visit(c, ctx);
    }
    if (body) {
      const inner: Ctx = { scope: qualname, scopeKind: isClass ? 'class' : 'function', main: ctx.main, ...(ctx.guard ? { guard: ctx.guard } : {}) };
      for (const c of body.children) visit(c, inner);
    }
  };

  const visitImport = (n: PyNode, ctx: Ctx): void => {
    const base = { line: n.startRow + 1, scope: ctx.scope, ...(ctx.guard ? { guard: ctx.guard } : {}) };
    if (n.type === 'import_statement') {
      for (const item of namedChildren(n)) {
        if (item.type === 'aliased_import') {
          const mod = child(item, 'name');
          const alias = child(item, 'alias');
          facts.imports.push({ ...base, kind: 'import', module: mod ? t(mod).replace(/\s+/g, '') : '', level: 0, names: [], star: false, ...(alias ? { alias: t(alias) } : {}) });
        } else {
          facts.imports.push({ ...base, kind: 'import', module: t(item).replace(/\s+/g, ''), level: 0, names: [], star: false });
        }
      }
      return;
    }
    const modNode = child(n, 'module_name');
    let module = '';
    let level = 0;
    if (modNode?.type === 'relative_import') {
      const prefix = modNode.children.find((c) => c.type === 'import_prefix');
      level = prefix ? t(prefix).length : 0;
      const dotted = modNode.children.find((c) => c.type === 'dotted_name');
      module = dotted ? t(dotted).replace(/\s+/g, '') : '';
    } else if (modNode) {
      module = t(modNode).replace(/\s+/g, '');
    }
    const star = n.children.some((c) => c.type === 'wildcard_import');
    const names = n.children
      .filter((c) => c.field === 'name')
      .map((c) => {
        if (c.type === 'aliased_import') {
          const nm = child(c, 'name');
          const al = child(c, 'alias');
          return { name: nm ? t(nm) : '', ...(al ? { alias: t(al) } : {}) };
        }
        return { name: t(c).replace(/\s+/g, '') };
      });
    facts.imports.push({ ...base, kind: 'from', module, level, names, star } satisfies PyImport);
  };

  const visitAssign = (n: PyNode, ctx: Ctx): void => {
    const left = child(n, 'left');
    const right = child(n, 'right');
    const type = child(n, 'type');
    if (left && t(left) === '__all__' && ctx.scopeKind === 'module') facts.all = stringList(right);
    if (right && (right.type === 'call' || right.type === 'await')) return; // calls carry their own assignedTo
    const chain = right ? dottedChain(right) : undefined;
    facts.assigns.push({
      line: n.startRow + 1,
      scope: ctx.scope,
      targets: targetsOf(left),
      ...(chain ? { valueName: chain.join('.') } : {}),
      valueText: right ? t(right) : '',
      ...(type ? { annotation: t(type) } : {}),
    } satisfies PyAssign);
  };

  const visitCall = (n: PyNode, ctx: Ctx): void => {
    const fn = child(n, 'function');
    const index = facts.calls.length;
    callIndex.set(n, index);
    const callee = calleeOf(fn);
    const stmt = statementOf(n);
    const call: PyCall = {
      line: n.startRow + 1,
      endLine: endLine(n),
      callee,
      args: [],
      scope: ctx.scope,
      inMainGuard: ctx.main,
      assignedTo: assignedTo(n),
      ...(n.field === 'right' && n.parent?.type === 'assignment' && child(n.parent, 'type') ? { assignedType: t(child(n.parent, 'type')!) } : {}),
      ...(ctx.call !== undefined ? { parent: ctx.call } : {}),
      statementLine: stmt.startRow + 1,
    };
    const comment = commentAbove(stmt);
    if (comment) call.comment = comment;
    facts.calls.push(call);
    // The receiver's own calls come next (`X(a).y()` → `X(a)`), then the arguments' calls.
    if (fn) visitCallee(fn, { ...ctx, call: index }, call);
    const args = child(n, 'arguments');
    if (args) {
      const argNodes = args.type === 'argument_list' ? namedChildren(args) : [args];
      for (const a of argNodes) call.args.push(argOf(a));
      for (const c of args.children) visit(c, { ...ctx, call: index });
      // Trailing comments are known once the argument list has been walked.
      const lastOnRow = new Map<number, PyArg>();
      argNodes.forEach((a, i) => lastOnRow.set(a.endRow, call.args[i]));
      for (const [row, arg] of lastOnRow) {
        const c = trailing.get(row);
        if (c && row !== n.startRow) arg.comment = c;
        else if (c && row === n.startRow && row !== n.endRow) arg.comment = c;
      }
    }
  };

  const visitCallee = (fn: PyNode, ctx: Ctx, call: PyCall): void => {
    // Walk down the attribute chain to a call receiver, if any.
    let x: PyNode | undefined = fn;
    while (x && x.type === 'attribute') x = child(x, 'object');
    if (x && x.type === 'call') {
      const before = facts.calls.length;
      visit(x, ctx);
      call.callee.receiverCall = before;
      return;
    }
    visit(fn, ctx);
  };

  const calleeOf = (fn: PyNode | undefined): PyCallee => {
    if (!fn) return { base: 'other', chain: [], text: '' };
    const text = t(fn);
    const chain = dottedChain(fn);
    if (chain) return { base: 'name', chain, text };
    const attrs: string[] = [];
    let x: PyNode | undefined = fn;
    while (x && x.type === 'attribute') {
      const a = child(x, 'attribute');
      if (a) attrs.unshift(t(a));
      x = child(x, 'object');
    }
    if (x && x.type === 'call' && attrs.length) return { base: 'call', chain: attrs, text };
    return { base: 'other', chain: attrs, text };
  };

  const argOf = (a: PyNode): PyArg => {
    const line = a.startRow + 1;
    if (a.type === 'keyword_argument') {
      const name = child(a, 'name');
      const value = child(a, 'value');
      return { keyword: name ? t(name) : '', text: value ? t(value) : '', line, names: value ? identifiersIn(value) : [] };
    }
    if (a.type === 'list_splat') return { unpack: 'star', text: t(a), line, names: identifiersIn(a) };
    if (a.type === 'dictionary_splat') return { unpack: 'starstar', text: t(a), line, names: identifiersIn(a) };
    return { text: t(a), line, names: identifiersIn(a) };
  };

  const assignedTo = (call: PyNode): string[] => {
    let v = call;
    if (v.parent?.type === 'await') v = v.parent;
    const p = v.parent;
    if (!p) return [];
    if (p.type === 'assignment' && v.field === 'right') return targetsOf(child(p, 'left'));
    if (p.type === 'as_pattern' && p.children[0] === v) {
      const target = p.children.find((c) => c.field === 'alias' || c.type === 'as_pattern_target');
      return target ? targetsOf(namedChildren(target)[0] ?? target) : [];
    }
    if (p.type === 'for_statement' && v.field === 'right') return targetsOf(child(p, 'left'));
    return [];
  };

  visit(tree.root, { scope: '', scopeKind: 'module', main: false });
  if (hasModuleGetattr && lazyDicts.length) facts.lazyExports = Object.assign({}, ...lazyDicts);
  const moduleDoc = docOf(tree.root);
  if (moduleDoc !== undefined) facts.doc = moduleDoc;
  facts.errors.sort((a: PySyntaxError, b: PySyntaxError) => a.line - b.line);
  facts.calls.forEach((c) => c.args.forEach((a) => a.comment === undefined && delete a.comment));
  return facts;
}
