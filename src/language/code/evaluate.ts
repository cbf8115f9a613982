/**
 * Numbers from expressions without running any code: each op is computed with the engine's own
 * `forward`, so a folded constant and a graph node agree to the last bit. Used for values
 * assigned above a selection (`n = 2 * k`), parameter defaults, and the conditions that decide
 * which branch a conditional takes.
 */
import type { OpName } from '../../engine/opName';
import { opSpec } from '../../engine/ops';
import type { CallExpr, Comparison, Expr, Formula, NameAt } from './codeAst';
import type { ListExpr } from './listAst';
import { Expansion, postOrder } from './postOrder';
import { checkValue } from './valueCheck';

/** A name's value, or undefined when it is not known. */
export type ReadName = (name: NameAt) => number | undefined;

/** The value a call of a function defined in the code gives, or undefined. */
export type CallValue = (call: CallExpr | ListExpr) => number | undefined;

/**
 * The value of `expr`, or undefined when a name it needs has no value; throws a CodeError where
 * the language refuses a value (Python's `1 / 0`). A call has a value only through `call`: the
 * lowering follows it; a value folded above a selection leaves it unknown.
 */
export function evaluate(
  expr: Expr,
  read: ReadName,
  call: CallValue = () => undefined,
): number | undefined {
  return postOrder<Expr, number | undefined>(expr, (node) => {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'name':
        return read(node);
      case 'call':
      case 'list':
        // A list reduced to a number (`sum(xs)`, `xs[0]`) is known through the lowering only.
        return call(node);
      case 'op':
        return new Expansion(node.args, (values) =>
          checked(node, values, applyOp(node.op, values)),
        );
      case 'formula':
        return new Expansion(node.args, (values) =>
          checked(
            node,
            values,
            values.every((value) => value !== undefined)
              ? computeFormula(node.formula, values as number[])
              : undefined,
          ),
        );
      case 'compare':
        return new Expansion(node.operands, (values) => compareChain(node.operators, values));
      case 'not':
        return new Expansion([node.operand], ([value]) =>
          value === undefined ? undefined : Number(!truthy(value)),
        );
      case 'logical':
        return new Expansion([node.left], ([left]) => {
          if (left === undefined) {
            return undefined;
          }
          return givesLeft(node.operator, left)
            ? left
            : new Expansion([node.right], ([right]) => right);
        });
      case 'conditional':
        return new Expansion([node.test], ([test]) => {
          if (test === undefined) {
            return undefined;
          }
          const branch = truthy(test) ? node.consequent : node.alternative;
          return new Expansion([branch], ([value]) => value);
        });
      case 'detached':
        return new Expansion([node.operand], ([value]) => value);
    }
  });
}

/** Python's and JavaScript's truthiness of a number: 0 and NaN are false. */
export function truthy(value: number): boolean {
  return value !== 0 && !Number.isNaN(value);
}

/** `a and b` gives a when a is falsy, `a or b` gives a when a is truthy; else b. */
export function givesLeft(operator: 'and' | 'or', left: number): boolean {
  return operator === 'and' ? !truthy(left) : truthy(left);
}

/** The value, once the language's check of it has passed (it throws otherwise). */
function checked(
  expr: Expr,
  args: readonly (number | undefined)[],
  value: number | undefined,
): number | undefined {
  checkValue(expr, args, value);
  return value;
}

function applyOp(op: OpName, values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === values.length ? opSpec(op).forward(known) : undefined;
}

/** A library formula is a handful of ops deep, so recursion is safe here. */
function computeFormula(formula: Formula, args: readonly number[]): number {
  if ('arg' in formula) {
    return args[formula.arg] ?? NaN;
  }
  if ('constant' in formula) {
    return formula.constant;
  }
  return opSpec(formula.op).forward(formula.of.map((part) => computeFormula(part, args)));
}

/** 1 when every adjacent pair compares true (Python's chained comparison), else 0. */
function compareChain(
  operators: readonly Comparison[],
  values: readonly (number | undefined)[],
): number | undefined {
  if (values.some((value) => value === undefined)) {
    return undefined;
  }
  const numbers = values as readonly number[];
  return Number(
    operators.every((operator, i) => compare(operator, numbers[i] ?? NaN, numbers[i + 1] ?? NaN)),
  );
}

function compare(operator: Comparison, left: number, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}
