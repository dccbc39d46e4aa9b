// Definitions of TypeScript/JavaScript files as the TypeScript compiler API (the workspace's own
// `typescript@~5.9`, not the copy inside ts-morph) sees them: an independent oracle for Source Locations.
// Span rule: from the declaration's first token (decorators and modifiers included, leading JSDoc not)
// to the line of its last character, not counting a closing `;` that begins a later line (standard style's
// `;(x as any).y = …`: that line is the next statement's); a `const f = …` with one declaration spans its statement.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** repo-relative path → [{ qualname, start, end }] for each readable file. */
export function tsDefinitions(repo, files) {
  const out = new Map();
  for (const rel of files) {
    let text;
    try {
      text = readFileSync(path.join(repo, rel), 'utf8');
    } catch {
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const kind = /\.[cm]?jsx?$/.test(rel) ? (rel.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS) : rel.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, kind);
    const defs = [];
    const line = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
    // Type-only: a declaration with no code behind it (interfaces, type aliases and their members,
    // signatures without a body, a property or variable declared with a type and no value, `.d.ts`).
    const declarationFile = /\.d\.[cm]?ts$/.test(rel);
    const endOf = (node) => {
      const kids = node.getChildren(sf);
      const last = kids[kids.length - 1];
      const prev = kids[kids.length - 2];
      return last && prev && last.kind === ts.SyntaxKind.SemicolonToken && line(last.getStart(sf)) > line(prev.end) ? prev.end : node.end;
    };
    const add = (names, node, typeOnly = false) => defs.push({ qualname: names.join('.'), start: line(node.getStart(sf)), end: line(endOf(node)), typeOnly: declarationFile || typeOnly || !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) });
    const bodiless = (m) =>
      ts.isMethodSignature(m) || ts.isPropertySignature(m) || ts.isCallSignatureDeclaration(m) || ts.isConstructSignatureDeclaration(m) || ts.isIndexSignatureDeclaration(m) ||
      ((ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isFunctionDeclaration(m)) && !m.body) ||
      (ts.isPropertyDeclaration(m) && !m.initializer);
    const nameText = (n) => {
      if (!n) return undefined;
      if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n)) return n.text;
      if (ts.isComputedPropertyName(n) && ts.isPropertyAccessExpression(n.expression)) return `[${n.expression.getText(sf)}]`;
      return undefined;
    };
    // `this.use = (...) => …` and `this[method] = …` anywhere in a constructor or method (callbacks
    // included): a member of the class, spanning its statement.
    const thisAssignments = (scope, body) => {
      const visit = (x) => {
        if (ts.isClassLike(x)) return;
        if (ts.isExpressionStatement(x) && ts.isBinaryExpression(x.expression) && x.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const l = x.expression.left;
          let target = ts.isPropertyAccessExpression(l) || ts.isElementAccessExpression(l) ? l.expression : undefined;
          while (target && (ts.isParenthesizedExpression(target) || ts.isAsExpression(target))) target = target.expression;
          const onThis = target?.kind === ts.SyntaxKind.ThisKeyword;
          if (onThis && ts.isPropertyAccessExpression(l)) add([...scope, l.name.text], x);
          else if (onThis && ts.isElementAccessExpression(l)) add([...scope, `[${l.argumentExpression.getText(sf)}]`], x);
        }
        ts.forEachChild(x, visit);
      };
      visit(body);
    };
    const members = (scope, list, typeOnly = false) => {
      for (const m of list) {
        const n = ts.isConstructorDeclaration(m) ? 'constructor' : nameText(m.name);
        if (n === undefined) continue;
        add([...scope, n], m, typeOnly || bodiless(m));
        if ((ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m)) && m.body) {
          walk(m.body, [...scope, n]);
          thisAssignments(scope, m.body);
        }
      }
    };
    const objectMembers = (scope, obj) => {
      for (const p of obj.properties) {
        const n = nameText(p.name);
        if (n !== undefined && (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isShorthandPropertyAssignment(p))) add([...scope, n], p);
      }
    };
    const walk = (node, scope) => {
      ts.forEachChild(node, (n) => {
        if (ts.isClassDeclaration(n)) {
          const name = n.name?.text ?? (n.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : undefined);
          if (name) {
            add([...scope, name], n);
            members([...scope, name], n.members);
          }
        } else if (ts.isFunctionDeclaration(n)) {
          const name = n.name?.text ?? (n.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : undefined);
          if (name) {
            add([...scope, name], n, !n.body);
            if (n.body) walk(n.body, [...scope, name]);
          }
        } else if (ts.isInterfaceDeclaration(n)) {
          add([...scope, n.name.text], n, true);
          members([...scope, n.name.text], n.members, true);
        } else if (ts.isTypeAliasDeclaration(n)) {
          add([...scope, n.name.text], n, true);
          if (ts.isTypeLiteralNode(n.type)) members([...scope, n.name.text], n.type.members, true);
        } else if (ts.isModuleDeclaration(n) && ts.isIdentifier(n.name)) {
          if (n.body) walk(n.body, [...scope, n.name.text]);
        } else if (ts.isVariableStatement(n)) {
          const single = n.declarationList.declarations.length === 1;
          for (const d of n.declarationList.declarations) {
            if (!ts.isIdentifier(d.name)) continue;
            const names = [...scope, d.name.text];
            add(names, single ? n : d, !d.initializer);
            let init = d.initializer;
            while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
            if (init && ts.isClassExpression(init)) members(names, init.members);
            if (init && ts.isObjectLiteralExpression(init)) objectMembers(names, init);
          }
        } else if (ts.isExpressionStatement(n) && ts.isBinaryExpression(n.expression) && n.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const left = n.expression.left;
          const name = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isIdentifier(left) ? left.text : undefined;
          if (name) add([...scope, name], n);
          if (ts.isObjectLiteralExpression(n.expression.right)) objectMembers(scope, n.expression.right);
        } else if (ts.isReturnStatement(n) && n.expression) {
          // `return function createServerAction(…) {…}`: a named function expression names itself.
          let e = n.expression;
          while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
          if (ts.isFunctionExpression(e) && e.name) {
            add([...scope, e.name.text], e);
            if (e.body) walk(e.body, scope);
          }
        } else if (ts.isBlock(n) || ts.isIfStatement(n)) {
          walk(n, scope);
        }
      });
    };
    walk(sf, []);
    // Functions written inline as call arguments (`program.command('dev').action(async () => { … })`)
    // have no name: listed as `(anonymous)` by their own lines, for printed qualnames in parentheses.
    const inline = (n) => {
      if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.parent && ts.isCallExpression(n.parent) && n.parent.arguments.includes(n)) defs.push({ qualname: '(anonymous)', start: line(n.getStart(sf)), end: line(n.end) });
      ts.forEachChild(n, inline);
    };
    inline(sf);
    // Functions nested in expressions (returned object literals, callbacks, named function expressions):
    // by their own name only (`*.name`), whatever encloses them.
    const nested = (n) => {
      let init = (ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) && n.initializer ? n.initializer : undefined;
      while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
      if (init && (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) && nameText(n.name)) add(['*', nameText(n.name)], n);
      else if (ts.isMethodDeclaration(n) && ts.isObjectLiteralExpression(n.parent) && nameText(n.name)) add(['*', nameText(n.name)], n);
      else if (ts.isFunctionExpression(n) && n.name && !(n.parent && (ts.isPropertyAssignment(n.parent) || ts.isVariableDeclaration(n.parent)))) add(['*', n.name.text], n);
      else if ((ts.isFunctionExpression(n) || ts.isArrowFunction(n)) && !n.name) {
        // An anonymous function a factory returns: `*.<returned>`.
        let child = n;
        let p = n.parent;
        while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) (child = p), (p = p.parent);
        if (p && (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === child))) add(['*', '<returned>'], n);
      }
      ts.forEachChild(n, nested);
    };
    nested(sf);
    out.set(rel, defs);
  }
  return out;
}
