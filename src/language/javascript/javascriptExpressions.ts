/**
 * JavaScript and TypeScript expressions to the neutral form: numbers (separators, hex, octal,
 * binary, exponents), names, the ternary, `Math.*`, and calls of plain names (functions defined
 * in the code, found while lowering). Runs of operators (+ − * / % **, comparisons, `&&`/`||`/`!`,
 * and TypeScript's `as`, `!`, `satisfies` and `<T>x`, which only describe types) are read in
 * javascriptOperators.
 */
import { numberExpr, type Expr } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import {
  conditional,
  parenthesized,
  refuseConstruct,
  refuseSpreadArguments,
  unknownFunction,
  type Step,
} from '../code/expressionParts';
import type { JavaScriptAutograd } from './javascriptAutograd';
import { GLOBAL_CONSTANTS, MATH_CONSTANTS, MATH_FUNCTIONS } from './javascriptLibrary';
import {
  endsWithType,
  OPERATOR_NODES,
  operatorRun,
  WHAT_EXPRESSIONS_MAY_BE,
  type JavaScriptDialect,
} from './javascriptOperators';
import {
  applyFunction,
  libraryConstant,
  type Argument,
  type ConstantLibrary,
  type LibraryFunction,
} from '../code/libraryFunctions';
import { Expansion, postOrder } from '../code/postOrder';
import {
  arrayItems,
  arrayMethod,
  arrayProperty,
  spreadMathCall,
  subscript,
} from './javascriptLists';
import { spanOf } from '../span';
import { excerpt, field, meaningfulChildren, onlyChild, required } from '../code/syntax';
import type { Syntax } from '../code/snapshot';

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

/** What a call with type arguments can call: `f<number>(x)`, `Math.max<number>(x, y)`. */
const CALLEES = new Set(['identifier', 'member_expression']);

/** What a JavaScript selection can call, for messages. */
export const JAVASCRIPT_CALLABLE =
  'the Math functions and the functions defined in the code (`function`, arrow functions) are';

/** `autograd`: how the file's micrograd `Value`s read (javascriptAutograd.ts). */
export function javascriptExpression(
  root: Syntax,
  dialect: JavaScriptDialect,
  autograd?: JavaScriptAutograd,
): Expr {
  return postOrder<Syntax, Expr>(root, (node) => visit(node, dialect, autograd));
}

function visit(node: Syntax, dialect: JavaScriptDialect, autograd?: JavaScriptAutograd): Step {
  if (OPERATOR_NODES.has(node.type)) {
    return operatorRun(node, dialect);
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
      return parenthesized(node, onlyChild(node));
    case 'ternary_expression':
      return ternary(node);
    case 'member_expression':
      return arrayProperty(node) ?? autograd?.property(node) ?? mathConstant(node);
    case 'array':
      return arrayItems(node);
    case 'subscript_expression':
      return subscript(node);
    case 'call_expression':
      return call(node, autograd);
    case 'new_expression': {
      const made = autograd?.newExpression(node);
      if (made === undefined) {
        throw refuse(node);
      }
      return made;
    }
    case 'instantiation_expression':
      throw typeArguments(node);
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

function ternary(node: Syntax): Step {
  const condition = required(node, 'condition');
  if (endsWithType(condition)) {
    // TypeScript reads `number?` as a type when what follows `?` cannot begin one (`- y`).
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\` is ambiguous in TypeScript: the \`?\` after a type can belong to it: put the condition in parentheses, as in (x as number) ? a : b`,
      spanOf(node),
    );
  }
  const parts = [condition, required(node, 'consequence'), required(node, 'alternative')];
  return conditional(node, parts, 0);
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

function call(node: Syntax, autograd?: JavaScriptAutograd): Step {
  const callee = required(node, 'function');
  if (field(node, 'type_arguments') !== undefined && !CALLEES.has(callee.type)) {
    throw typeArguments(node);
  }
  const args = meaningfulChildren(required(node, 'arguments'));
  const listed =
    arrayMethod(node, callee, args) ??
    (callee.type === 'member_expression' && required(callee, 'object').text === 'Math'
      ? spreadMathCall(node, required(callee, 'property').text, args)
      : undefined);
  if (listed !== undefined) {
    return listed;
  }
  if (callee.type === 'identifier') {
    return autograd?.helperCall(node, callee, args) ?? definedCall(node, callee, args);
  }
  const method = autograd?.call(node, callee, args);
  if (method !== undefined) {
    return method;
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
    throw refuseSpreadArguments('spreading', spread, callee);
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
  throw unknownFunction(excerpt(callee.text), callee, JAVASCRIPT_CALLABLE);
}

/**
 * `a < b, c > -d` and `(x as number) < y > (z)`: tree-sitter reads type arguments (`f<T>`) where
 * TypeScript may read comparisons, so neither reading is assumed.
 */
function typeArguments(node: Syntax): CodeError {
  return new CodeError(
    'unsupported',
    `\`${excerpt(node.text)}\` reads as type arguments (\`f<T>\`) here: if comparisons are meant, put each in parentheses, as in (a < b) > (c)`,
    spanOf(node),
  );
}

function refuse(node: Syntax, type = node.type): CodeError {
  return refuseConstruct(node, CONSTRUCTS, WHAT_EXPRESSIONS_MAY_BE, type);
}
