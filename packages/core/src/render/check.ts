// A template's variables, checked before anything runs: every path it reads must be documented in
// variables.ts for the context it is read in (`{{#each}}` and `{{#with}}` change the context, `../` goes
// up, `@root` is the top), every helper and partial must exist. The first problem is reported with the
// variable's name, the file and the line.
import Handlebars from 'handlebars';
import { closestName } from '../text/suggest.js';
import type { ObjectShape, Shape } from './variables.js';

type Node = hbs.AST.Node;
type Expr = hbs.AST.Expression;

export interface TemplateProblem {
  line: number;
  message: string;
}

interface Frame {
  shape: Shape;
  params: Map<string, Shape>;
  inEach: boolean;
}

const BUILTIN_BLOCKS = new Set(['if', 'unless', 'each', 'with']);
const ANY: Shape = { type: 'any', doc: '' };
const NUMBER: Shape = { type: 'number', doc: '' };
const BOOLEAN: Shape = { type: 'boolean', doc: '' };

/**
 * Checks one template source against the variables it receives. `helpers` are the registered helper
 * names, `partials` the partial names that exist. Returns the first problem, or undefined.
 */
export function checkTemplate(source: string, shape: ObjectShape, helpers: Set<string>, partials: Set<string>): TemplateProblem | undefined {
  const ast = Handlebars.parse(source);
  const stack: Frame[] = [{ shape, params: new Map(), inEach: false }];
  try {
    program(ast, stack, helpers, partials);
  } catch (e) {
    if (e instanceof Problem) return { line: e.line, message: e.message };
    throw e;
  }
  return undefined;
}

class Problem extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const lineOf = (n: Node) => n.loc?.start.line ?? 0;

function program(p: hbs.AST.Program | undefined, stack: Frame[], helpers: Set<string>, partials: Set<string>): void {
  for (const s of p?.body ?? []) statement(s, stack, helpers, partials);
}

function statement(s: hbs.AST.Statement, stack: Frame[], helpers: Set<string>, partials: Set<string>): void {
  switch (s.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement':
    case 'Decorator': {
      const m = s as hbs.AST.MustacheStatement;
      call(m.path, m.params, m.hash, stack, helpers, partials, lineOf(s));
      return;
    }
    case 'BlockStatement':
    case 'DecoratorBlock': {
      const b = s as hbs.AST.BlockStatement;
      const name = b.path.type === 'PathExpression' ? (b.path as hbs.AST.PathExpression).original : '';
      if (!BUILTIN_BLOCKS.has(name)) throw new Problem(lineOf(s), `unknown block helper "${name}" (blocks: ${[...BUILTIN_BLOCKS].join(', ')})`);
      for (const p of b.params) expression(p, stack, helpers, partials);
      for (const pair of b.hash?.pairs ?? []) expression(pair.value, stack, helpers, partials);
      const arg = b.params[0] ? expression(b.params[0], stack, helpers, partials) : ANY;
      if (name === 'each' || name === 'with') {
        const inner = name === 'each' ? elementOf(arg) : arg;
        const params = new Map<string, Shape>();
        const bp = b.program.blockParams ?? [];
        if (bp[0]) params.set(bp[0], inner);
        if (bp[1]) params.set(bp[1], name === 'each' && arg.type === 'list' ? NUMBER : ANY);
        program(b.program, [...stack, { shape: inner, params, inEach: name === 'each' }], helpers, partials);
      } else {
        program(b.program, stack, helpers, partials);
      }
      program(b.inverse, stack, helpers, partials);
      return;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement': {
      const p = s as hbs.AST.PartialStatement;
      const name = p.name.type === 'PathExpression' ? (p.name as hbs.AST.PathExpression).original : (p.name as unknown as hbs.AST.StringLiteral).value;
      if (p.name.type === 'SubExpression') expression(p.name, stack, helpers, partials);
      else if (!partials.has(name)) {
        const near = closestName(name, [...partials]);
        throw new Problem(lineOf(s), `unknown partial "${name}"${near ? ` (did you mean "${near}"?)` : ''}`);
      }
      for (const x of p.params) expression(x, stack, helpers, partials);
      for (const pair of p.hash?.pairs ?? []) expression(pair.value, stack, helpers, partials);
      if (s.type === 'PartialBlockStatement') program((s as hbs.AST.PartialBlockStatement).program, stack, helpers, partials);
      return;
    }
    default:
      return;
  }
}

/** A mustache or sub-expression: a helper call when it has arguments, else a helper or a variable. */
function call(path: Expr, params: Expr[], hash: hbs.AST.Hash | undefined, stack: Frame[], helpers: Set<string>, partials: Set<string>, line: number): Shape {
  const p = path.type === 'PathExpression' ? (path as hbs.AST.PathExpression) : undefined;
  const simple = p && !p.data && p.depth === 0 && p.parts.length === 1 && !/^(this|\.)\b/.test(p.original);
  if (params.length || hash?.pairs.length) {
    if (!simple || !(helpers.has(p!.parts[0]) || p!.parts[0] === 'lookup' || p!.parts[0] === 'log')) {
      const name = p?.original ?? '(expression)';
      const near = closestName(name, [...helpers]);
      throw new Problem(line, `unknown helper "${name}"${near ? ` (did you mean "${near}"?)` : ''}`);
    }
    for (const x of params) expression(x, stack, helpers, partials);
    for (const pair of hash?.pairs ?? []) expression(pair.value, stack, helpers, partials);
    return ANY;
  }
  if (simple && helpers.has(p!.parts[0]) && !lookup(p!, stack, line, true)) return ANY;
  return expression(path, stack, helpers, partials);
}

function expression(e: Expr, stack: Frame[], helpers: Set<string>, partials: Set<string>): Shape {
  switch (e.type) {
    case 'PathExpression':
      return lookup(e as hbs.AST.PathExpression, stack, lineOf(e), false)!;
    case 'SubExpression': {
      const s = e as hbs.AST.SubExpression;
      return call(s.path, s.params, s.hash, stack, helpers, partials, lineOf(e));
    }
    default:
      return ANY; // literals
  }
}

/** The shape a path reads; a Problem when it is not documented (undefined instead when `soft`). */
function lookup(p: hbs.AST.PathExpression, stack: Frame[], line: number, soft: boolean): Shape | undefined {
  const fail = (message: string): undefined => {
    if (soft) return undefined;
    throw new Problem(line, message);
  };
  let shape: Shape;
  let parts = [...p.parts];
  if (p.data) {
    const head = parts.shift() ?? '';
    if (head === 'root') shape = stack[0].shape;
    else if (['index', 'first', 'last', 'key'].includes(head)) {
      if (!stack.some((f) => f.inEach)) return fail(`@${head} is only defined inside {{#each}}`);
      return head === 'index' ? NUMBER : head === 'key' ? ANY : BOOLEAN;
    } else return fail(`unknown data variable "@${head}" (known: @root, @index, @first, @last, @key)`);
  } else {
    if (p.depth >= stack.length) return fail(`"${p.original}" goes above the top of the template`);
    const frames = stack.slice(0, stack.length - p.depth);
    const param = p.depth === 0 && parts.length ? [...frames].reverse().find((f) => f.params.has(parts[0])) : undefined;
    if (param) shape = param.params.get(parts.shift()!)!;
    else shape = frames[frames.length - 1].shape;
  }
  const done: string[] = [];
  for (const part of parts) {
    if (shape.type === 'any') return ANY;
    if (shape.type === 'object' && part in shape.fields) shape = shape.fields[part];
    else if ((shape.type === 'list' || shape.type === 'string') && part === 'length') shape = NUMBER;
    else if (shape.type === 'list' && /^\d+$/.test(part)) shape = shape.of;
    else {
      const known = shape.type === 'object' ? Object.keys(shape.fields) : shape.type === 'list' ? ['length'] : [];
      const near = closestName(part, known);
      const where = done.length ? ` in "${done.join('.')}"` : '';
      return fail(`unknown variable "${p.original}"${where ? `: no "${part}"${where}` : ''}${near ? ` (did you mean "${[...done, near].join('.')}"?)` : ''}`);
    }
    done.push(part);
  }
  return shape;
}

function elementOf(s: Shape): Shape {
  return s.type === 'list' ? s.of : ANY;
}
