/**
 * Applies a language's value check (see `ValueCheck` in codeAst) where an op or formula's value
 * is computed: in the lowering, and when a value is folded without a graph. Where an argument's
 * value is unknown nothing can be checked, and nothing is.
 */
import type { Expr } from './codeAst';

/** Throws the CodeError `expr`'s check gives for these values; otherwise returns. */
export function checkValue(
  expr: Expr,
  args: readonly (number | undefined)[],
  value: number | undefined,
): void {
  if (expr.kind !== 'op' && expr.kind !== 'formula') {
    return;
  }
  if (expr.check === undefined || value === undefined) {
    return;
  }
  if (args.every((arg): arg is number => arg !== undefined)) {
    const error = expr.check(args, value);
    if (error !== undefined) {
      throw error;
    }
  }
}

/** The lowering's form: `node` is the graph node made for `expr`, `values` the nodes' values. */
export function checkedNode(
  expr: Expr,
  values: readonly (number | undefined)[],
  operands: readonly number[],
  node: number,
): number {
  checkValue(
    expr,
    operands.map((operand) => values[operand]),
    values[node],
  );
  return node;
}
