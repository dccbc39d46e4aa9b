// The TypeScript parser recurses once (or more) per level of syntactic nesting, so a file nested a few
// hundred levels deep overflows the stack inside it, where no caller can recover cleanly. Before any
// text goes to ts-morph, one linear scan estimates its nesting depth: open brackets (template `${`
// included) plus, per bracket level, the constructs that nest without brackets (`=>`, `?:`, assignment
// and `**` chains, runs of prefix operators, `if`/`else`/loop chains). A file over the limit is skipped
// with the reason, as a file that does not parse is.

/** Deepest nesting estimate handed to the TypeScript parser (it overflows between roughly 400 and 1,000). */
export const MAX_TS_NESTING = 200;
/**
 * Longest left-nested expression (member accesses, calls, binary operators, each one level of the
 * syntax tree) on top of that nesting: the binder and checker recurse on it (from about 1,500).
 */
export const MAX_TS_EXPRESSION = 1000;

const PREFIX_WORDS = new Set(['typeof', 'void', 'delete', 'await', 'new', 'yield']);
const CHAIN_WORDS = new Set(['if', 'else', 'while', 'for', 'with', 'do']);
/** After these, a `/` starts a regular expression (else it divides). */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', 'return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', '=>']);

/** Tokens after which an expression may be complete. */
const OPERAND_END = /^(?:[\w$]+|str|num|\)|\]|\})$/;
const KEYWORD_EXPECTING = new Set(['return', 'typeof', 'void', 'delete', 'await', 'new', 'yield', 'in', 'of', 'instanceof', 'case', 'if', 'else', 'while', 'for', 'with', 'do', 'throw', 'extends', 'as', 'satisfies', 'keyof', 'const', 'let', 'var']);

interface Level {
  /** `(`, `[`, `{`, or `${` (a template literal's expression). */
  open: string;
  /** Nesting without brackets at this level since the last statement or list boundary. */
  chain: number;
  /** Consecutive prefix operators just read. */
  prefixRun: number;
  /** Member accesses, calls and binary operators at this level since the last boundary. */
  expr: number;
}

/** Why the text is too deeply nested for the TypeScript parser, or undefined when it is not. */
export function tsNestingProblem(text: string, limit = MAX_TS_NESTING, exprLimit = MAX_TS_EXPRESSION): string | undefined {
  const levels: Level[] = [{ open: '', chain: 0, prefixRun: 0, expr: 0 }];
  let chains = 0; // sum of `chain + prefixRun` over the open levels
  let exprs = 0; // sum of `expr` over the open levels
  let max = 0;
  let maxLine = 1;
  let maxExpr = 0;
  let maxExprLine = 1;
  let line = 1;
  let prev = ''; // previous significant token
  let afterCloseBrace = false;
  const n = text.length;
  const top = () => levels[levels.length - 1];
  const bump = (by: number) => {
    top().chain += by;
    chains += by;
  };
  const resetChain = () => {
    const l = top();
    chains -= l.chain + l.prefixRun;
    exprs -= l.expr;
    l.chain = 0;
    l.prefixRun = 0;
    l.expr = 0;
  };
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
  const link = () => {
    top().expr++;
    exprs++;
    note();
  };
  /** Skips a template literal's text from `i` (after a backtick or a `}` closing `${`); returns the index after it, or of `${`. */
  const templateText = (i: number): { at: number; expr: boolean } => {
    while (i < n) {
      const c = text[i];
      if (c === '\\') i += 2;
      else if (c === '`') return { at: i + 1, expr: false };
      else if (c === '$' && text[i + 1] === '{') return { at: i + 2, expr: true };
      else {
        if (c === '\n') line++;
        i++;
      }
    }
    return { at: n, expr: false };
  };

  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      // A line break after a complete operand usually ends a statement (code without semicolons), unless
      // the next line continues the expression.
      if (OPERAND_END.test(prev) && !KEYWORD_EXPECTING.has(prev)) {
        let k = i;
        while (k < n && /\s/.test(text[k])) k++;
        if (k < n && !'.?:=&|+-*/,)]}'.includes(text[k]) && !/^else\b/.test(text.slice(k, k + 5))) resetChain();
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    // Comments.
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
      continue;
    }
    const wasAfterBrace = afterCloseBrace;
    afterCloseBrace = false;
    // Strings.
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      prev = 'str';
      top().prefixRun && resetPrefix();
      continue;
    }
    if (c === '`') {
      const r = templateText(i + 1);
      i = r.at;
      if (r.expr) {
        levels.push({ open: '${', chain: 0, prefixRun: 0, expr: 0 });
        note();
        prev = '{';
      } else prev = 'str';
      continue;
    }
    // Regular expressions (where an operand is expected), on one line.
    if (c === '/' && BEFORE_REGEX.has(prev)) {
      let k = i + 1;
      let inClass = false;
      while (k < n && text[k] !== '\n') {
        if (text[k] === '\\') k += 2;
        else if (text[k] === '[') inClass = true, k++;
        else if (text[k] === ']') inClass = false, k++;
        else if (text[k] === '/' && !inClass) break;
        else k++;
      }
      if (k < n && text[k] === '/') {
        i = k + 1;
        while (i < n && /[a-z]/i.test(text[i])) i++;
        prev = 'str';
        continue;
      }
    }
    // Words.
    if (/[A-Za-z_$]/.test(c)) {
      let k = i + 1;
      while (k < n && /[\w$]/.test(text[k])) k++;
      const word = text.slice(i, k);
      i = k;
      if (wasAfterBrace && word !== 'else' && word !== 'catch' && word !== 'finally' && word !== 'while') resetChain();
      if (PREFIX_WORDS.has(word)) {
        top().prefixRun++;
        chains++;
        note();
      } else {
        if (top().prefixRun) resetPrefix();
        if (CHAIN_WORDS.has(word)) {
          bump(1);
          note();
        }
      }
      prev = word;
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < n && /[\w.]/.test(text[i])) i++;
      if (top().prefixRun) resetPrefix();
      prev = 'num';
      continue;
    }
    // Brackets.
    if (c === '(' || c === '[' || c === '{') {
      if (wasAfterBrace) resetChain();
      // A call or an element access after an operand is one more link of the expression.
      if (c !== '{' && OPERAND_END.test(prev) && !KEYWORD_EXPECTING.has(prev)) link();
      levels.push({ open: c, chain: 0, prefixRun: 0, expr: 0 });
      note();
      prev = c;
      i++;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      if (levels.length > 1) {
        const l = levels.pop()!;
        chains -= l.chain + l.prefixRun;
        exprs -= l.expr;
        if (l.open === '${' && c === '}') {
          const r = templateText(i + 1);
          i = r.at;
          if (r.expr) {
            levels.push({ open: '${', chain: 0, prefixRun: 0, expr: 0 });
            note();
            prev = '{';
          } else prev = 'str';
          continue;
        }
      }
      if (top().prefixRun) resetPrefix();
      afterCloseBrace = c === '}';
      prev = c;
      i++;
      continue;
    }
    // Punctuation and operators.
    if (c === ';' || c === ',') {
      resetChain();
      prev = c;
      i++;
      continue;
    }
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    if (two === '=>') {
      bump(1);
      note();
      prev = '=>';
      i += 2;
      continue;
    }
    if (three === '===' || three === '!==' || three === '**=' || three === '...' || three === '>>>') {
      if (three === '**=') bump(1), note();
      else if (three !== '...') link();
      prev = three === '...' ? '...' : '=';
      i += 3;
      continue;
    }
    if (two === '==' || two === '!=' || two === '<=' || two === '>=' || two === '&&' || two === '||' || two === '??' || two === '?.' || two === '<<' || two === '>>') {
      link();
      prev = two === '?.' ? '.' : '=';
      i += 2;
      continue;
    }
    if (two === '**' || (two[1] === '=' && '+-*/%&|^'.includes(c))) {
      bump(1);
      note();
      prev = '=';
      i += 2;
      continue;
    }
    if (two === '++' || two === '--') {
      // Prefix when an operand is expected.
      if (BEFORE_REGEX.has(prev)) {
        top().prefixRun++;
        chains++;
        note();
      }
      prev = two;
      i += 2;
      continue;
    }
    if (c === '=' || c === '?') {
      bump(1);
      note();
      prev = c;
      i++;
      continue;
    }
    if (c === '!' || c === '~' || ((c === '-' || c === '+') && BEFORE_REGEX.has(prev))) {
      top().prefixRun++;
      chains++;
      note();
      prev = c;
      i++;
      continue;
    }
    if (top().prefixRun && c !== '<') resetPrefix();
    // Member access and binary operators: one more link of a left-nested expression (not `|` and `&`,
    // which also join union and intersection types, parsed as lists).
    if ('.*/%<>^+-'.includes(c)) link();
    prev = c;
    i++;
  }
  if (max > limit) return `nested ${max} levels deep around line ${maxLine} (the TypeScript parser recurses on nesting; limit ${limit}): not parsed`;
  if (maxExpr > exprLimit) return `an expression ${maxExpr} levels deep around line ${maxExprLine} (the TypeScript compiler recurses on it; limit ${exprLimit}): not parsed`;
  return undefined;

  function resetPrefix(): void {
    const l = top();
    chains -= l.prefixRun;
    l.prefixRun = 0;
  }
}
