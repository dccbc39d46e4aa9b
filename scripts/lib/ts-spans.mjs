// Definitions of TypeScript/JavaScript files as the TypeScript compiler API (the workspace's own
// `typescript@~5.9`, not the copy inside ts-morph) sees them: an independent oracle for Source Locations.
// Span rule: from the declaration's first token (decorators and modifiers included, leading JSDoc not)
// to the line of its last character; a `const f = …` with one declaration spans its statement.
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
    const add = (names, node) => defs.push({ qualname: names.join('.'), start: line(node.getStart(sf)), end: line(node.end) });
    const nameText = (n) => {
      if (!n) return undefined;
      if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n)) return n.text;
      if (ts.isComputedPropertyName(n) && ts.isPropertyAccessExpression(n.expression)) return `[${n.expression.getText(sf)}]`;
      return undefined;
    };
    const members = (scope, list) => {
      for (const m of list) {
        const n = ts.isConstructorDeclaration(m) ? 'constructor' : nameText(m.name);
        if (n === undefined) continue;
        add([...scope, n], m);
        if ((ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m)) && m.body) walk(m.body, [...scope, n]);
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
            add([...scope, name], n);
            if (n.body) walk(n.body, [...scope, name]);
          }
        } else if (ts.isInterfaceDeclaration(n)) {
          add([...scope, n.name.text], n);
          members([...scope, n.name.text], n.members);
        } else if (ts.isTypeAliasDeclaration(n)) {
          add([...scope, n.name.text], n);
          if (ts.isTypeLiteralNode(n.type)) members([...scope, n.name.text], n.type.members);
        } else if (ts.isModuleDeclaration(n) && ts.isIdentifier(n.name)) {
          if (n.body) walk(n.body, [...scope, n.name.text]);
        } else if (ts.isVariableStatement(n)) {
          const single = n.declarationList.declarations.length === 1;
          for (const d of n.declarationList.declarations) {
            if (!ts.isIdentifier(d.name)) continue;
            const names = [...scope, d.name.text];
            add(names, single ? n : d);
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
    out.set(rel, defs);
  }
  return out;
}
