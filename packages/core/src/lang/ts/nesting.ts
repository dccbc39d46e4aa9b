// The TypeScript parser recurses once (or more) per level of syntactic nesting, so a file nested a few
// hundred levels deep overflows the stack inside it, where no caller can recover cleanly. Before any
// text goes to ts-morph, one linear scan estimates its nesting depth: open brackets (template `${`
// included) plus, per bracket level, the constructs that nest without brackets (`=>`, `?:`, assignment
// and `**` chains, runs of prefix operators, `if`/`else`/loop chains), and the length of left-nested
// expressions (member accesses, calls, binary operators), on which the binder and checker recurse. A file
// over a bound is skipped with the reason, as a file that does not parse is.

/** Deepest nesting estimate handed to the TypeScript parser (it overflows between roughly 400 and 1,000). */
export const MAX_TS_NESTING = 200;
/**
 * Longest left-nested expression (member accesses, calls, binary operators, each one level of the
 * syntax tree) on top of that nesting: the binder and checker recurse on it (from about 1,500).
 */
export const MAX_TS_EXPRESSION = 1000;

const PREFIX_WORDS = new Set(['typeof', 'void', 'delete', 'await', 'new', 'yield']);
const CHAIN_WORDS = new Set(['if', 'else', 'while', 'for', 'with', 'do']);
/** Words after which an operand is expected (a `/` starts a regular expression, `-` is a prefix). */
const EXPECTING_WORDS = new Set(['return', 'typeof', 'void', 'delete', 'await', 'new', 'yield', 'in', 'of', 'instanceof', 'case', 'if', 'else', 'while', 'for', 'with', 'do', 'throw', 'extends', 'as', 'satisfies', 'keyof', 'const', 'let', 'var']);

// Character codes.
const NL = 10, CR = 13, SP = 32, TAB = 9, SLASH = 47, STAR = 42, BSL = 92, BTICK = 96, DOLLAR = 36;
const LPAREN = 40, RPAREN = 41, LBRACK = 91, RBRACK = 93, LBRACE = 123, RBRACE = 125;
const SEMI = 59, COMMA = 44, EQ = 61, GT = 62, LT = 60, BANG = 33, TILDE = 126, MINUS = 45, PLUS = 43;
const QMARK = 63, DOT = 46, AMP = 38, PIPE = 124, PCT = 37, CARET = 94, COLON = 58, SQ = 39, DQ = 34;

const isIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === DOLLAR || c > 127;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === SP || c === TAB || c === CR || c === NL || c === 11 || c === 12;
/** A next line starting with one of these continues the expression of the line before. */
const isContinuation = (c: number) =>
  c === DOT || c === QMARK || c === COLON || c === EQ || c === AMP || c === PIPE || c === PLUS || c === MINUS || c === STAR || c === SLASH || c === COMMA || c === RPAREN || c === RBRACK || c === RBRACE;

interface Level {
  /** The closing character code, or -1 for a template literal's `${`. */
  close: number;
  /** Nesting without brackets at this level since the last statement or list boundary. */
  chain: number;
  /** Consecutive prefix operators just read. */
  prefixRun: number;
  /** Member accesses, calls and binary operators at this level since the last boundary. */
  expr: number;
}

/** Why the text is too deeply nested for the TypeScript compiler, or undefined when it is not. */
export function tsNestingProblem(text: string, limit = MAX_TS_NESTING, exprLimit = MAX_TS_EXPRESSION): string | undefined {
  const levels: Level[] = [{ close: 0, chain: 0, prefixRun: 0, expr: 0 }];
  let chains = 0; // sum of `chain + prefixRun` over the open levels
  let exprs = 0; // sum of `expr` over the open levels
  let max = 0;
  let maxLine = 1;
  let maxExpr = 0;
  let maxExprLine = 1;
  let line = 1;
  // Whether the previous significant token completes an operand (else an operand is expected).
  let operand = false;
  let afterCloseBrace = false;
  const n = text.length;
  const top = () => levels[levels.length - 1];
  const note = () => {
    const depth = levels.length - 1 + chains;
    if (depth > max) {
      max = depth;
      maxLine = line;
    }
    if (depth + exprs > maxExpr) {
      maxExpr = depth + exprs;
      maxExprLine = line;
    }
  };
  const bump = () => {
    top().chain++;
    chains++;
    note();
  };
  const prefix = () => {
    top().prefixRun++;
    chains++;
    note();
  };
  const link = () => {
    top().expr++;
    exprs++;
    note();
  };
  const resetPrefix = () => {
    const l = top();
    chains -= l.prefixRun;
    l.prefixRun = 0;
  };
  const resetChain = () => {
    const l = top();
    chains -= l.chain + l.prefixRun;
    exprs -= l.expr;
    l.chain = 0;
    l.prefixRun = 0;
    l.expr = 0;
  };
  const push = (close: number) => {
    levels.push({ close, chain: 0, prefixRun: 0, expr: 0 });
    note();
  };
  /** An operand is expected here (after an operator, an opening bracket or a keyword like `return`). */
  const expecting = () => !operand;
  /** Skips a template literal's text from `i`; enters its `${` (returns after it) or ends after the backtick. */
  const templateText = (i: number): number => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === BSL) i += 2;
      else if (c === BTICK) {
        operand = true;
        return i + 1;
      } else if (c === DOLLAR && text.charCodeAt(i + 1) === LBRACE) {
        push(-1);
        operand = false;
        return i + 2;
      } else {
        if (c === NL) line++;
        i++;
      }
    }
    return n;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      line++;
      i++;
      // A line break after a complete operand usually ends a statement (code without semicolons), unless
      // the next line continues the expression.
      if (operand) {
        let k = i;
        while (k < n && isSpace(text.charCodeAt(k))) k++;
        if (k < n && !isContinuation(text.charCodeAt(k)) && !text.startsWith('else', k)) resetChain();
      }
      continue;
    }
    if (c === SP || c === TAB || c === CR) {
      i++;
      continue;
    }
    // Comments.
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = text.indexOf('\n', i); k >= 0 && k < stop; k = text.indexOf('\n', k + 1)) line++;
      i = stop;
      continue;
    }
    const wasAfterBrace = afterCloseBrace;
    afterCloseBrace = false;
    // Words.
    if (isIdStart(c)) {
      let k = i + 1;
      while (k < n && isIdPart(text.charCodeAt(k))) k++;
      const w = k - i <= 10 ? text.slice(i, k) : '';
      i = k;
      if (wasAfterBrace && w !== 'else' && w !== 'catch' && w !== 'finally' && w !== 'while') resetChain();
      if (PREFIX_WORDS.has(w)) prefix();
      else {
        if (top().prefixRun) resetPrefix();
        if (CHAIN_WORDS.has(w)) bump();
      }
      operand = !EXPECTING_WORDS.has(w);
      continue;
    }
    if (isDigit(c)) {
      while (i < n && (isIdPart(text.charCodeAt(i)) || text.charCodeAt(i) === DOT)) i++;
      if (top().prefixRun) resetPrefix();
      operand = true;
      continue;
    }
    // Strings.
    if (c === SQ || c === DQ) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === c || d === NL) break;
        i += d === BSL ? 2 : 1;
      }
      i++;
      if (top().prefixRun) resetPrefix();
      operand = true;
      continue;
    }
    if (c === BTICK) {
      if (top().prefixRun) resetPrefix();
      i = templateText(i + 1);
      continue;
    }
    // Regular expressions (where an operand is expected), on one line.
    if (c === SLASH && expecting()) {
      let k = i + 1;
      let inClass = false;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d === NL) break;
        if (d === BSL) k += 2;
        else if (d === LBRACK) (inClass = true), k++;
        else if (d === RBRACK) (inClass = false), k++;
        else if (d === SLASH && !inClass) break;
        else k++;
      }
      if (k < n && text.charCodeAt(k) === SLASH) {
        i = k + 1;
        while (i < n && isIdPart(text.charCodeAt(i))) i++;
        operand = true;
        continue;
      }
    }
    // Brackets.
    if (c === LPAREN || c === LBRACK || c === LBRACE) {
      if (wasAfterBrace) resetChain();
      // A call or an element access after an operand is one more link of the expression.
      if (c !== LBRACE && operand) link();
      push(c === LPAREN ? RPAREN : c === LBRACK ? RBRACK : RBRACE);
      operand = false;
      i++;
      continue;
    }
    if (c === RPAREN || c === RBRACK || c === RBRACE) {
      if (levels.length > 1) {
        const l = levels.pop()!;
        chains -= l.chain + l.prefixRun;
        exprs -= l.expr;
        if (l.close === -1 && c === RBRACE) {
          i = templateText(i + 1);
          continue;
        }
      }
      if (top().prefixRun) resetPrefix();
      afterCloseBrace = c === RBRACE;
      operand = true;
      i++;
      continue;
    }
    if (c === SEMI || c === COMMA) {
      resetChain();
      operand = false;
      i++;
      continue;
    }
    // Operators.
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    operand = false;
    if (c === EQ && c1 === GT) {
      bump(); // `=>`
      i += 2;
      continue;
    }
    if (c === DOT && c1 === DOT && c2 === DOT) {
      i += 3; // spread
      continue;
    }
    if (c === QMARK && c1 === DOT && !isDigit(c2)) {
      link(); // `?.`
      i += 2;
      continue;
    }
    if ((c === EQ || c === BANG) && c1 === EQ) {
      link(); // `==`, `!=`, `===`, `!==`
      i += c2 === EQ ? 3 : 2;
      continue;
    }
    if ((c === LT || c === GT) && c1 === EQ) {
      link();
      i += 2;
      continue;
    }
    if ((c === AMP && c1 === AMP) || (c === PIPE && c1 === PIPE) || (c === QMARK && c1 === QMARK)) {
      if (c2 === EQ) {
        bump(); // `&&=`, `||=`, `??=`
        i += 3;
      } else {
        link();
        i += 2;
      }
      continue;
    }
    if (c === STAR && c1 === STAR) {
      bump(); // `**`, `**=` (right-nested)
      i += c2 === EQ ? 3 : 2;
      continue;
    }
    if ((c === PLUS && c1 === PLUS) || (c === MINUS && c1 === MINUS)) {
      if (expecting()) prefix();
      else operand = true; // postfix
      i += 2;
      continue;
    }
    if (c1 === EQ && (c === PLUS || c === MINUS || c === STAR || c === SLASH || c === PCT || c === AMP || c === PIPE || c === CARET)) {
      bump(); // compound assignment
      i += 2;
      continue;
    }
    if (c === EQ || c === QMARK) {
      bump();
      i++;
      continue;
    }
    if (c === BANG || c === TILDE || ((c === MINUS || c === PLUS) && wasExpecting(i))) {
      prefix();
      i++;
      continue;
    }
    if (top().prefixRun && c !== LT) resetPrefix();
    // Member access and binary operators: one more link of a left-nested expression (not `|` and `&`,
    // which also join union and intersection types, parsed as lists).
    if (c === DOT || c === STAR || c === SLASH || c === PCT || c === LT || c === GT || c === CARET || c === PLUS || c === MINUS) link();
    i++;
  }
  if (max > limit) return `nested ${max} levels deep around line ${maxLine} (the TypeScript parser recurses on nesting; limit ${limit}): not parsed`;
  if (maxExpr > exprLimit) return `an expression ${maxExpr} levels deep around line ${maxExprLine} (the TypeScript compiler recurses on it; limit ${exprLimit}): not parsed`;
  return undefined;

  /** Whether an operand was expected before the operator at `at` (the state before it was cleared). */
  function wasExpecting(at: number): boolean {
    // Look back over spaces for the previous significant character.
    let k = at - 1;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    if (k < 0) return true;
    const p = text.charCodeAt(k);
    if (isIdPart(p)) {
      let s = k;
      while (s > 0 && isIdPart(text.charCodeAt(s - 1))) s--;
      const w = text.slice(s, k + 1);
      return EXPECTING_WORDS.has(w) && !isDigit(text.charCodeAt(s));
    }
    return !(p === RPAREN || p === RBRACK || p === RBRACE || p === SQ || p === DQ || p === BTICK);
  }
}
