/**
 * Python's arithmetic operators to the neutral form, with Python's meaning: an operation on
 * ints alone is computed exactly (see pythonNumbers) and becomes one constant where float64
 * would give another number, and every `/ // % **` carries the check of where Python raises.
 * Where float64 gives the exact result (`2 + 3`), the op is kept, so the graph shows the code.
 */
import { opSpec } from '../../engine/ops';
import type { OpName } from '../../engine/opName';
import { numberExpr, type Expr, type Statement } from '../code/codeAst';
import { alwaysRefused, operatorCheck, type Written } from './pythonDomain';
import { INT_TOO_LARGE, integerOp, intToFloat } from './pythonNumbers';
import type { Span } from '../span';

/** The exact value of each expression that is a Python int made of int literals only. */
const exactIntegers = new WeakMap<Expr, bigint>();

/** An int literal (or a folded one): its float64 value, or a refusal where it has none. */
export function integerConstant(value: bigint, text: string, span: Span): Expr {
  const float = intToFloat(value);
  const expr: Expr =
    float === undefined
      ? refusedConstant(INT_TOO_LARGE, { text, span, args: [] })
      : numberExpr(float, text, span);
  exactIntegers.set(expr, value);
  return expr;
}

/** `a op b` (or `-a`) as Python computes it. */
export function arithmetic(op: OpName, args: readonly Expr[], written: Written): Expr {
  const exact = args.map((arg) => exactIntegers.get(arg));
  const integers = exact.every((value): value is bigint => value !== undefined);
  const check = operatorCheck(op, written, integers);
  const operation: Expr = {
    kind: 'op',
    op,
    args,
    span: written.span,
    ...(check === undefined ? {} : { check }),
  };
  if (!integers) {
    return operation;
  }
  const result = integerOp(op, exact);
  switch (result.kind) {
    case 'as-floats':
      return operation;
    case 'error':
      return refusedConstant(result.error, written);
    case 'float':
      return sameInFloats(operation, exact, result.value)
        ? operation
        : numberExpr(result.value, written.text, written.span);
    case 'int': {
      const float = intToFloat(result.value);
      if (float !== undefined && sameInFloats(operation, exact, float)) {
        exactIntegers.set(operation, result.value);
        return operation;
      }
      return integerConstant(result.value, written.text, written.span);
    }
  }
}

/** `x /= y` (read as `x = x / y`): the operator's check, since x is no int literal. */
export function augmentedArithmetic(statement: Statement, written: Written): Statement {
  if (statement.kind !== 'assign' || statement.value.kind !== 'op') {
    return statement;
  }
  const check = operatorCheck(statement.value.op, written, false);
  return check === undefined ? statement : { ...statement, value: { ...statement.value, check } };
}

/**
 * Whether the op over the operands' float64 values gives exactly `value` (the sign of a zero
 * included): then the graph's node computes Python's number.
 */
function sameInFloats(operation: Expr, exact: readonly bigint[], value: number): boolean {
  if (operation.kind !== 'op') {
    return false;
  }
  const floats = exact.map(intToFloat);
  if (floats.some((float, i) => float === undefined || BigInt(float) !== exact[i])) {
    return false;
  }
  return Object.is(opSpec(operation.op).forward(floats as number[]), value);
}

/** A value Python has but float64 does not: refused wherever it is used. */
function refusedConstant(error: string, written: Written): Expr {
  return {
    kind: 'formula',
    formula: { constant: Infinity, text: written.text },
    args: [],
    span: written.span,
    check: alwaysRefused(error, written),
  };
}
