/**
 * JavaScript and TypeScript expressions to the neutral form: numbers (separators, hex, octal,
 * binary, exponents), names, + − * / % **, comparisons, `&&`/`||`/`!`, the ternary, `Math.*`,
 * and calls of plain names (functions defined in the code, found while lowering).
 * TypeScript's `as`, `!`, `satisfies` and `<T>x` only describe types, so they are looked through.
 */
import type { OpName } from '../engine/opName';
import { numberExpr, opExpr, type Comparison, type Expr } from './codeAst';
import { CodeError, withArticle } from './codeError';
import { GLOBAL_CONSTANTS, MATH_CONSTANTS, MATH_FUNCTIONS } from './javascriptLibrary';
import {
  apply,
  applyFunction,
  arg,
  libraryConstant,
  type Argument,
  type ConstantLibrary,
  type LibraryFunction,
} from './libraryFunctions';
import { Expansion, postOrder } from './postOrder';
import { spanOf } from './span';
import { excerpt, meaningfulChildren, missing, onlyChild, required } from './syntax';
import type { Syntax } from './snapshot';

type Step = Expr | Expansion<Syntax, Expr>;

const ARITHMETIC: Readonly<Record<string, OpName>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '**': 'pow',
};

const COMPARISONS: Readonly<Record<string, Comparison>> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '==',
  '===': '==',
  '!=': '!=',
  '!==': '!=',
};

/** JavaScript's `%` keeps the sign of the dividend: a − b·trunc(a/b), unlike Python's `%`. */
export const REMAINDER = apply(
  'sub',
  arg(0),
  apply('mul', arg(1), apply('trunc', apply('div', arg(0), arg(1)))),
);

/** Wrappers that only say something about types. */
const TYPE_ONLY = new Set(['as_expression', 'satisfies_expression', 'non_null_expression']);

const CONSTRUCTS: Readonly<Record<string, string>> = {
  string: 'a string',
  template_string: 'a string',
  array: 'an array',
  object: 'an object',
  subscript_expression: 'indexing (`a[i]`)',
  new_expression: '`new`',
  arrow_function: 'a function inside an expression',
  function_expression: 'a function inside an expression',
  assignment_expression: 'an assignment inside an expression',
  augmented_assignment_expression: 'an assignment inside an expression',
  update_expression: 'an increment inside an expression',
  sequence_expression: 'the comma operator',
  await_expression: '`await`',
  null: '`null`',
  undefined: '`undefined`',
  this: '`this`',
  regex: 'a regular expression',
  spread_element: 'spreading (`...x`)',
  bigint: 'a BigInt',
};

const WHAT_EXPRESSIONS_MAY_BE =
  'expressions may use numbers, names, + − * / % **, comparisons, the ternary `c ? a : b`, and Math functions';

/** What a JavaScript selection can call, for messages. */
export const JAVASCRIPT_CALLABLE =
  'the Math functions and the functions defined in the code (`function`, arrow functions) are';

export function javascriptExpression(root: Syntax): Expr {
  return postOrder<Syntax, Expr>(root, visit);
}

function visit(node: Syntax): Step {
  if (TYPE_ONLY.has(node.type)) {
    return new Expansion(
      [meaningfulChildren(node)[0] ?? missing(node)],
      ([expr = missing(node)]) => expr,
    );
  }
  switch (node.type) {
    case 'number':
      return javascriptNumber(node);
    case 'true':
    case 'false':
      return numberExpr(node.type === 'true' ? 1 : 0, node.text, spanOf(node));
    case 'identifier':
      return identifier(node);
    case 'parenthesized_expression':
      return new Expansion([onlyChild(node) ?? missing(node)], ([expr = missing(node)]) => expr);
    case 'type_assertion':
      return typeAssertion(node);
    case 'unary_expression':
      return unary(node);
    case 'binary_expression':
      return binary(node);
    case 'ternary_expression':
      return ternary(node);
    case 'member_expression':
      return mathConstant(node);
    case 'call_expression':
      return call(node);
    default:
      throw refuse(node);
  }
}

function identifier(node: Syntax): Expr {
  const known = GLOBAL_CONSTANTS.get(node.text);
  if (known !== undefined) {
    return numberExpr(known.value, known.text, spanOf(node));
  }
  if (node.text === 'undefined') {
    throw refuse(node, 'undefined');
  }
  return { kind: 'name', name: node.text, span: spanOf(node) };
}

/** `<number>x`: the type comes first, the value last. */
function typeAssertion(node: Syntax): Step {
  const value = meaningfulChildren(node).at(-1) ?? missing(node);
  return new Expansion([value], ([expr = missing(node)]) => expr);
}

/** `1_000`, `0x1F`, `0o17`, `0b11`, `1e-3`, `.5`. */
function javascriptNumber(node: Syntax): Expr {
  return numberExpr(numberValue(node), node.text, spanOf(node));
}

function numberValue(node: Syntax): number {
  const text = node.text;
  if (text.endsWith('n')) {
    throw refuse(node, 'bigint');
  }
  if (/^0\d/.test(text)) {
    throw new CodeError(
      'unsupported',
      `a legacy octal literal (\`${text}\`) is not supported: write 0o…`,
      spanOf(node),
    );
  }
  const value = Number(text.replace(/_/g, ''));
  if (Number.isNaN(value)) {
    throw new CodeError('syntax', `\`${text}\` is not a number that can be read`, spanOf(node));
  }
  return value;
}

/** `-x`, `+x`, `!x`; a negated number is one constant (`-2`), as it is written. */
function unary(node: Syntax): Step {
  const operator = required(node, 'operator').type;
  const operand = required(node, 'argument');
  const span = spanOf(node);
  if (operator === '-' && operand.type === 'number') {
    return numberExpr(-numberValue(operand), node.text, span);
  }
  switch (operator) {
    case '-':
      return new Expansion([operand], ([expr = missing(node)]) => opExpr('neg', [expr], span));
    case '+':
      return new Expansion([operand], ([expr = missing(node)]) => expr);
    case '!':
      return new Expansion([operand], ([expr = missing(node)]) => ({
        kind: 'not',
        operand: expr,
        span,
      }));
    default:
      throw new CodeError(
        'unsupported',
        `the operator \`${operator}\` is not supported: ${WHAT_EXPRESSIONS_MAY_BE}`,
        span,
      );
  }
}

function binary(node: Syntax): Step {
  const operator = required(node, 'operator').type;
  const span = spanOf(node);
  const operands = [required(node, 'left'), required(node, 'right')];
  if (operator === '**' && operands[0]?.type === 'unary_expression') {
    // JavaScript itself rejects `-x ** 2` as ambiguous (Python reads it as -(x ** 2)).
    throw new CodeError(
      'syntax',
      `\`${excerpt(node.text)}\` is not valid JavaScript: a unary operator before \`**\` needs parentheses, as in (-x) ** 2 or -(x ** 2)`,
      span,
    );
  }
  const op = ARITHMETIC[operator];
  if (op !== undefined) {
    return new Expansion(operands, (args) => opExpr(op, args, span));
  }
  if (operator === '%') {
    return new Expansion(operands, (args) => ({ kind: 'formula', formula: REMAINDER, args, span }));
  }
  const comparison = COMPARISONS[operator];
  if (comparison !== undefined) {
    return new Expansion(operands, (args) => ({
      kind: 'compare',
      operators: [comparison],
      operands: args,
      span,
    }));
  }
  if (operator === '&&' || operator === '||') {
    return new Expansion(operands, ([left = missing(node), right = missing(node)]) => ({
      kind: 'logical',
      operator: operator === '&&' ? 'and' : 'or',
      left,
      right,
      span,
    }));
  }
  throw new CodeError(
    'unsupported',
    `the operator \`${operator}\` is not supported: ${WHAT_EXPRESSIONS_MAY_BE}`,
    span,
  );
}

function ternary(node: Syntax): Step {
  const parts = [
    required(node, 'condition'),
    required(node, 'consequence'),
    required(node, 'alternative'),
  ];
  return new Expansion(
    parts,
    ([test = missing(node), consequent = missing(node), alternative = missing(node)]) => ({
      kind: 'conditional',
      test,
      consequent,
      alternative,
      span: spanOf(node),
    }),
  );
}

const MATH: ConstantLibrary = {
  constants: MATH_CONSTANTS,
  functions: MATH_FUNCTIONS,
  notA: 'a Math constant',
  listed: (name) => `Math.${name}`,
};

/** `Math.PI`; any other property access is refused. */
function mathConstant(node: Syntax): Expr {
  return libraryConstant(MATH, mathProperty(node), node.text, spanOf(node));
}

function mathProperty(node: Syntax): string {
  const object = required(node, 'object');
  if (object.type !== 'identifier' || object.text !== 'Math') {
    throw new CodeError(
      'unsupported',
      `property access (\`${excerpt(node.text)}\`) is not supported: only Math's functions and constants are read`,
      spanOf(node),
    );
  }
  return required(node, 'property').text;
}

function call(node: Syntax): Step {
  const callee = required(node, 'function');
  const args = meaningfulChildren(required(node, 'arguments'));
  if (callee.type === 'identifier') {
    return definedCall(node, callee, args);
  }
  const fn = mathFunction(callee);
  return new Expansion(args, (exprs) => {
    const positional = exprs.map((expr): Argument => ({ kind: 'expr', expr }));
    return applyFunction(fn, callee.text, positional, [], spanOf(node));
  });
}

/** `g(x, y)`: which function `g` is depends on where the call runs, so lowering finds it. */
function definedCall(node: Syntax, callee: Syntax, args: readonly Syntax[]): Step {
  const spread = args.find((arg) => arg.type === 'spread_element');
  if (spread !== undefined) {
    throw new CodeError(
      'unsupported',
      `spreading arguments (\`${excerpt(spread.text)}\`) in the call of \`${callee.text}\` is not supported: pass each argument by itself`,
      spanOf(spread),
    );
  }
  return new Expansion(args, (exprs) => ({
    kind: 'call',
    callee: { name: callee.text, span: spanOf(callee) },
    args: exprs,
    keywords: [],
    span: spanOf(node),
  }));
}

function mathFunction(callee: Syntax): LibraryFunction {
  const fn =
    callee.type === 'member_expression' ? MATH_FUNCTIONS.get(mathProperty(callee)) : undefined;
  if (fn !== undefined) {
    return fn;
  }
  throw new CodeError(
    'unknown-function',
    `\`${excerpt(callee.text)}\` is not a function that can be differentiated here: ${JAVASCRIPT_CALLABLE}`,
    spanOf(callee),
  );
}

function refuse(node: Syntax, type = node.type): CodeError {
  const construct = CONSTRUCTS[type] ?? withArticle(type.replace(/_/g, ' '));
  return new CodeError(
    'unsupported',
    `${construct} is not supported in an expression: ${WHAT_EXPRESSIONS_MAY_BE}`,
    spanOf(node),
  );
}
