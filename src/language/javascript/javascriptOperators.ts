/**
 * A run of JavaScript or TypeScript operators (binary, unary, TypeScript's `x!`, `x as T`,
 * `x satisfies T`, `<T>x`), grouped from the source order of its parts rather than from the
 * grammar's tree. tree-sitter-typescript groups some runs unlike TypeScript: `a < b < c` to the
 * right, `x + x! * x` as `((x + x)!) * x`, `<T>a < b < c` as `<T>(a < (b < c))`. Its tree still
 * holds the operands and operators in source order, so a run is flattened back into that order
 * and grouped again as TypeScript's parser groups it: `x!` binds tightest, then the prefix
 * operators, then the binary ones by precedence, `**` to the right, and `as`/`satisfies` at the
 * precedence of `<`. JavaScript's grammar groups correctly, and reading it the same way keeps one
 * reading for both dialects.
 */
import { numberExpr, opExpr, type Comparison, type Expr } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import { ARITHMETIC_OPERATORS, COMPARISON_OPERATORS } from '../code/expressionParts';
import { Expansion } from '../code/postOrder';
import { Syntax } from '../code/snapshot';
import { join, spanOf, type Span } from '../span';
import { excerpt, meaningfulChildren, missing, required } from '../code/syntax';

export type JavaScriptDialect = 'javascript' | 'typescript';

/** The nodes a run of operators is made of; any other node is an operand of the run. */
export const OPERATOR_NODES = new Set([
  'binary_expression',
  'unary_expression',
  'non_null_expression',
  'as_expression',
  'satisfies_expression',
  'type_assertion',
]);

export const WHAT_EXPRESSIONS_MAY_BE =
  'expressions may use numbers, names, + − * / % **, comparisons, the ternary `c ? a : b`, and Math functions';

const COMPARISONS: Readonly<Record<string, Comparison>> = {
  ...COMPARISON_OPERATORS,
  '===': '==',
  '!==': '!=',
};

/** TypeScript's binary precedences, for the operators that are read; higher binds tighter. */
const RELATIONAL = 4;
const PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '===': 3,
  '!=': 3,
  '!==': 3,
  '<': RELATIONAL,
  '<=': RELATIONAL,
  '>': RELATIONAL,
  '>=': RELATIONAL,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
  '**': 7,
};

/** `x`, `(a + b)`, `f(x)`; `sign` is the `-` of a negative literal, read as one constant (`-2`). */
interface Operand {
  readonly kind: 'operand';
  readonly node: Syntax;
  readonly sign?: Syntax;
}

/** `-x`, `+x`, `!x`, `<T>x`. */
interface Prefix {
  readonly kind: 'prefix';
  readonly node: Syntax;
  readonly operator: '-' | '+' | '!' | '<T>';
}

/** `x!`, or `x as T` and `x satisfies T` (`relational`); each leaves the value as it is. */
interface Postfix {
  readonly kind: 'postfix';
  readonly node: Syntax;
  readonly relational: boolean;
}

interface Infix {
  readonly kind: 'infix';
  /** The grammar's binary node: it names the operator in messages. */
  readonly node: Syntax;
  readonly operator: string;
  readonly precedence: number;
  /** Whether a line ends between the operator and its right operand. */
  readonly lineBreakAfter: boolean;
}

type Item = Operand | Prefix | Postfix | Infix;

/** A grouped part of the run: its value and the source it covers. */
interface Grouped {
  readonly expr: Expr;
  readonly span: Span;
}

/** The run of operators `root` begins: its operands are read first, then grouped. */
export function operatorRun(root: Syntax, dialect: JavaScriptDialect): Expansion<Syntax, Expr> {
  const items = flatten(root);
  if (dialect === 'typescript') {
    refuseTypeArgumentLookalikes(items);
  }
  const program = postfixOrder(items);
  const operands = items.filter((item): item is Operand => item.kind === 'operand');
  return new Expansion(
    operands.map((operand) => operand.node),
    (exprs) => evaluate(program, exprs),
  );
}

/** The run's items in source order; a walk with a stack, since a long run is a deep tree. */
function flatten(root: Syntax): Item[] {
  const items: Item[] = [];
  const work: (Syntax | Item)[] = [root];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    if (next instanceof Syntax) {
      work.push(...partsOf(next).reverse());
    } else {
      items.push(next);
    }
  }
  return items;
}

function partsOf(node: Syntax): (Syntax | Item)[] {
  switch (node.type) {
    case 'binary_expression':
      return [required(node, 'left'), infix(node), required(node, 'right')];
    case 'unary_expression':
      return unaryParts(node);
    case 'type_assertion':
      // `<number>x`: the type comes first, the value last.
      return [{ kind: 'prefix', node, operator: '<T>' }, lastChild(node)];
    case 'non_null_expression':
      return [firstChild(node), { kind: 'postfix', node, relational: false }];
    case 'as_expression':
    case 'satisfies_expression':
      return [firstChild(node), { kind: 'postfix', node, relational: true }];
    default:
      return [{ kind: 'operand', node }];
  }
}

/**
 * Whether the run ends with the type of an `as` or `satisfies` (`x + y as number`, and
 * `x as number!`, where `!` belongs to the type). Walks down the last operands, with no stack.
 */
export function endsWithType(run: Syntax): boolean {
  for (let part = run; ;) {
    switch (part.type) {
      case 'as_expression':
      case 'satisfies_expression':
        return true;
      case 'binary_expression':
        part = required(part, 'right');
        break;
      case 'unary_expression':
        part = required(part, 'argument');
        break;
      case 'type_assertion':
        part = lastChild(part);
        break;
      case 'non_null_expression':
        part = firstChild(part);
        break;
      default:
        return false;
    }
  }
}

function firstChild(node: Syntax): Syntax {
  return meaningfulChildren(node)[0] ?? missing(node);
}

function lastChild(node: Syntax): Syntax {
  return meaningfulChildren(node).at(-1) ?? missing(node);
}

function infix(node: Syntax): Infix {
  const operator = required(node, 'operator').type;
  const precedence = PRECEDENCE[operator];
  if (precedence === undefined) {
    throw unsupportedOperator(operator, spanOf(node));
  }
  const left = required(node, 'left');
  const right = required(node, 'right');
  const between = node.text.slice(
    left.endIndex - node.startIndex,
    right.startIndex - node.startIndex,
  );
  return { kind: 'infix', node, operator, precedence, lineBreakAfter: between.includes('\n') };
}

function unaryParts(node: Syntax): (Syntax | Item)[] {
  const operator = required(node, 'operator').type;
  const argument = required(node, 'argument');
  if (operator === '-' && argument.type === 'number') {
    return [{ kind: 'operand', node: argument, sign: node }];
  }
  if (operator === '-' || operator === '+' || operator === '!') {
    return [{ kind: 'prefix', node, operator }, argument];
  }
  throw unsupportedOperator(operator, spanOf(node));
}

/**
 * TypeScript reads `a < b > (c)` as a call of `a` with the type argument `b`, and so also
 * `a < b! > (c)` (`b!` is a type there) and `a < b >` at the end of a line. Where tree-sitter
 * read comparisons in that shape, which one TypeScript means is not certain.
 */
function refuseTypeArgumentLookalikes(items: readonly Item[]): void {
  let previousInfix: Infix | undefined;
  items.forEach((item, i) => {
    if (item.kind !== 'infix') {
      return;
    }
    const closesAngle = previousInfix?.operator === '<' || isNonNull(items[i - 1]);
    if (
      item.operator === '>' &&
      closesAngle &&
      (item.lineBreakAfter || startsWithParenthesis(items[i + 1]))
    ) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(item.node.text)}\` is ambiguous in TypeScript: \`<…>\` before \`(\` or a line break can be type arguments of a call (\`f<T>(x)\`): put each comparison in parentheses, as in (a < b) > (c)`,
        spanOf(item.node),
      );
    }
    previousInfix = item;
  });
}

function isNonNull(item: Item | undefined): boolean {
  return item?.kind === 'postfix' && !item.relational;
}

function startsWithParenthesis(item: Item | undefined): boolean {
  return (
    item?.kind === 'operand' &&
    item.sign === undefined &&
    item.node.type === 'parenthesized_expression'
  );
}

/**
 * The items with each operator after its operands (shunting-yard, so that a long run costs no
 * stack). Refuses a unary operator before `**`, which JavaScript itself rejects as ambiguous.
 */
function postfixOrder(items: readonly Item[]): Item[] {
  const program: Item[] = [];
  const pending: (Prefix | Infix)[] = [];
  /**
   * For each grouped operand so far: whether it begins with a unary operator that stays in the
   * JavaScript TypeScript writes (`-x as number` becomes `-x`; `<number>x as number` becomes x).
   */
  const prefixed: boolean[] = [];
  const emit = (item: Item): void => {
    program.push(item);
    if (item.kind === 'operand') {
      prefixed.push(item.sign !== undefined);
    } else if (item.kind === 'prefix' && item.operator !== '<T>') {
      prefixed.splice(-1, 1, true);
    } else if (item.kind === 'infix') {
      prefixed.splice(-2, 2, false);
    }
  };
  const reduceWhile = (binds: (pending: Prefix | Infix) => boolean): void => {
    for (let top = pending.at(-1); top !== undefined && binds(top); top = pending.at(-1)) {
      emit(pending.pop() as Prefix | Infix);
    }
  };
  for (const item of items) {
    switch (item.kind) {
      case 'operand':
        emit(item);
        break;
      case 'prefix':
        pending.push(item);
        break;
      case 'postfix':
        if (item.relational) {
          reduceWhile((top) => top.kind === 'prefix' || top.precedence >= RELATIONAL);
        }
        emit(item);
        break;
      case 'infix':
        if (item.operator === '**' && (pending.at(-1)?.kind === 'prefix' || prefixed.at(-1))) {
          throw unaryBeforePower(item.node);
        }
        reduceWhile(
          (top) =>
            top.kind === 'prefix' ||
            top.precedence > item.precedence ||
            (top.precedence === item.precedence && item.operator !== '**'),
        );
        pending.push(item);
        break;
    }
  }
  reduceWhile(() => true);
  return program;
}

/** Runs the postfix-ordered items over the operands' expressions. */
function evaluate(program: readonly Item[], operands: readonly Expr[]): Expr {
  const stack: Grouped[] = [];
  let next = 0;
  const pop = (): Grouped => stack.pop() as Grouped;
  for (const item of program) {
    switch (item.kind) {
      case 'operand':
        stack.push(operand(item, operands[next++] as Expr));
        break;
      case 'postfix': {
        const { expr, span } = pop();
        stack.push({ expr, span: { from: span.from, to: item.node.endIndex } });
        break;
      }
      case 'prefix': {
        const argument = pop();
        const span = { from: item.node.startIndex, to: argument.span.to };
        stack.push({ expr: prefix(item.operator, argument.expr, span), span });
        break;
      }
      case 'infix': {
        const right = pop();
        const left = pop();
        const span = join(left.span, right.span);
        stack.push({ expr: binary(item.operator, [left.expr, right.expr], span), span });
        break;
      }
    }
  }
  return pop().expr;
}

function operand(item: Operand, expr: Expr): Grouped {
  if (item.sign === undefined || expr.kind !== 'number') {
    return { expr, span: spanOf(item.node) };
  }
  const span = spanOf(item.sign);
  return { expr: numberExpr(-expr.value, item.sign.text, span), span };
}

function prefix(operator: Prefix['operator'], argument: Expr, span: Span): Expr {
  switch (operator) {
    case '-':
      return opExpr('neg', [argument], span);
    case '!':
      return { kind: 'not', operand: argument, span };
    case '+':
    case '<T>':
      return argument;
  }
}

/** Only operators with a precedence get here, so each has a reading. */
function binary(operator: string, args: Expr[], span: Span): Expr {
  const op = ARITHMETIC_OPERATORS[operator];
  if (op !== undefined) {
    return opExpr(op, args, span);
  }
  if (operator === '%') {
    // JavaScript's `%` keeps the sign of the dividend (fmod), unlike Python's `%`.
    return opExpr('fmod', args, span);
  }
  const comparison = COMPARISONS[operator];
  if ((operator === '===' || operator === '!==') && mixesBooleans(args)) {
    throw new CodeError(
      'unsupported',
      `\`${operator}\` between a boolean (a comparison, \`!\`, true or false) and what may be a number is not supported: JavaScript's strict equality never finds them equal, while they are computed here as 1 and 0; use \`${operator.slice(0, -1)}\`, or compare numbers`,
      span,
    );
  }
  if (comparison !== undefined) {
    return { kind: 'compare', operators: [comparison], operands: args, span };
  }
  const [left, right] = args as [Expr, Expr];
  return { kind: 'logical', operator: operator === '&&' ? 'and' : 'or', left, right, span };
}

/**
 * Whether `===` may compare a boolean with a number: only two booleans, or two operands of
 * which neither can be a boolean, compare as their values 1 and 0 do. A name or a call is taken
 * to hold a number.
 */
function mixesBooleans(args: readonly Expr[]): boolean {
  const [left, right] = args.map(leafKinds) as [Set<string>, Set<string>];
  const onlyBooleans = (kinds: Set<string>): boolean => kinds.size === 1 && kinds.has('boolean');
  return (
    (left.has('boolean') || right.has('boolean')) && !(onlyBooleans(left) && onlyBooleans(right))
  );
}

/** What the values `expr` may give are: a logical or conditional gives one of its operands. */
function leafKinds(expr: Expr): Set<string> {
  const kinds = new Set<string>();
  const work = [expr];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    switch (next.kind) {
      case 'compare':
      case 'not':
        kinds.add('boolean');
        break;
      case 'number':
        kinds.add(next.text === 'true' || next.text === 'false' ? 'boolean' : 'number');
        break;
      case 'logical':
        work.push(next.left, next.right);
        break;
      case 'conditional':
        work.push(next.consequent, next.alternative);
        break;
      default:
        kinds.add('number');
    }
  }
  return kinds;
}

function unsupportedOperator(operator: string, span: Span): CodeError {
  return new CodeError(
    'unsupported',
    `the operator \`${operator}\` is not supported: ${WHAT_EXPRESSIONS_MAY_BE}`,
    span,
  );
}

function unaryBeforePower(node: Syntax): CodeError {
  return new CodeError(
    'syntax',
    `\`${excerpt(node.text)}\` is not valid JavaScript: a unary operator before \`**\` needs parentheses, as in (-x) ** 2 or -(x ** 2)`,
    spanOf(node),
  );
}
