/**
 * Loops of their own for the common elementwise ops, forward and VJP, so that a chain of them
 * on large arrays pays no call and builds no argument list per element, and never copies a
 * broadcast operand out. Each loop computes what the scalar op's record computes, operation for
 * operation (the records in src/engine/ops are the specification; the tests compare bit for
 * bit). The one rewrite, a^2 as a·a and its partial 2·a^1 as 2·a, is exact: V8's pow returns
 * x·x for an exponent of 2 and x for 1, as fdlibm does.
 */
import type { OpName } from '../../opName';
import { logistic } from '../../ops/activation';
import { rowStart, type OperandWalk } from '../broadcast';

export const UNARY_KERNELS = [
  'exp',
  'log',
  'tanh',
  'sigmoid',
  'relu',
  'sqrt',
  'neg',
  'abs',
  'select',
] as const;

export type UnaryKernel = (typeof UNARY_KERNELS)[number];

export const BINARY_KERNELS = ['add', 'sub', 'mul', 'div', 'max', 'min', 'pow'] as const;

export type BinaryKernel = (typeof BINARY_KERNELS)[number];

export function isUnaryKernel(op: OpName): op is UnaryKernel {
  return (UNARY_KERNELS as readonly string[]).includes(op);
}

export function isBinaryKernel(op: OpName): op is BinaryKernel {
  return (BINARY_KERNELS as readonly string[]).includes(op);
}

/** out[k] = op(x[k]) for every element (a unary op's operand has the output's shape). */
export function unaryForward(op: UnaryKernel, x: Float64Array, out: Float64Array): void {
  const n = out.length;
  switch (op) {
    case 'exp':
      for (let k = 0; k < n; k += 1) out[k] = Math.exp(x[k]!);
      return;
    case 'log':
      for (let k = 0; k < n; k += 1) out[k] = Math.log(x[k]!);
      return;
    case 'tanh':
      for (let k = 0; k < n; k += 1) out[k] = Math.tanh(x[k]!);
      return;
    case 'sigmoid':
      for (let k = 0; k < n; k += 1) out[k] = logistic(x[k]!);
      return;
    case 'relu':
      for (let k = 0; k < n; k += 1) out[k] = Math.max(x[k]!, 0);
      return;
    case 'sqrt':
      for (let k = 0; k < n; k += 1) out[k] = Math.sqrt(x[k]!);
      return;
    case 'neg':
      for (let k = 0; k < n; k += 1) out[k] = -x[k]!;
      return;
    case 'abs':
      for (let k = 0; k < n; k += 1) out[k] = Math.abs(x[k]!);
      return;
    case 'select':
      out.set(x);
      return;
  }
}

/** grad[k] = g[k] · ∂op/∂x at x[k], where the op gave out[k]: the record's partial, inlined. */
export function unaryVjp(
  op: UnaryKernel,
  g: Float64Array,
  x: Float64Array,
  out: Float64Array,
  grad: Float64Array,
): void {
  const n = grad.length;
  switch (op) {
    case 'exp':
      for (let k = 0; k < n; k += 1) grad[k] = g[k]! * out[k]!;
      return;
    case 'log':
      for (let k = 0; k < n; k += 1) grad[k] = g[k]! * (1 / x[k]!);
      return;
    case 'tanh':
      for (let k = 0; k < n; k += 1) {
        const c = Math.cosh(x[k]!);
        grad[k] = g[k]! * (1 / (c * c));
      }
      return;
    case 'sigmoid':
      for (let k = 0; k < n; k += 1) grad[k] = g[k]! * (logistic(x[k]!) * logistic(-x[k]!));
      return;
    case 'relu':
      for (let k = 0; k < n; k += 1) grad[k] = g[k]! * (x[k]! > 0 ? 1 : 0);
      return;
    case 'sqrt':
      for (let k = 0; k < n; k += 1) grad[k] = g[k]! * (0.5 / out[k]!);
      return;
    case 'neg':
      for (let k = 0; k < n; k += 1) grad[k] = g[k]! * -1;
      return;
    case 'abs':
      for (let k = 0; k < n; k += 1) grad[k] = g[k]! * (Math.sign(x[k]!) + 0);
      return;
    case 'select':
      for (let k = 0; k < n; k += 1) grad[k] = g[k]! * 1;
      return;
  }
}

/** The two operands of a binary op as one row of the walk reads them. */
interface RowOperands {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly ia: number;
  readonly ib: number;
  readonly sa: number;
  readonly sb: number;
}

function rowOperands(
  walk: OperandWalk,
  row: number,
  a: Float64Array,
  b: Float64Array,
): RowOperands {
  return {
    a,
    b,
    ia: rowStart(walk, 0, row),
    ib: rowStart(walk, 1, row),
    sa: walk.steps[0]!,
    sb: walk.steps[1]!,
  };
}

/** out = a ∘ b over the whole walk. */
export function binaryForward(
  op: BinaryKernel,
  walk: OperandWalk,
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
): void {
  for (let row = 0, k = 0; row < walk.rows; row += 1, k += walk.length) {
    binaryForwardRow(op, out, k, walk.length, rowOperands(walk, row, a, b));
  }
}

/** out[k + j] = a[ia + j·sa] ∘ b[ib + j·sb] for one row. */
function binaryForwardRow(
  op: BinaryKernel,
  out: Float64Array,
  k: number,
  length: number,
  { a, b, ia, ib, sa, sb }: RowOperands,
): void {
  const end = k + length;
  switch (op) {
    case 'add':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! + b[ib]!;
      return;
    case 'sub':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! - b[ib]!;
      return;
    case 'mul':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! * b[ib]!;
      return;
    case 'div':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! / b[ib]!;
      return;
    case 'max':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = Math.max(a[ia]!, b[ib]!);
      return;
    case 'min':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = Math.min(a[ia]!, b[ib]!);
      return;
    case 'pow':
      if (sb === 0 && b[ib] === 2) {
        for (; k < end; k += 1, ia += sa) out[k] = a[ia]! * a[ia]!;
        return;
      }
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = Math.pow(a[ia]!, b[ib]!);
      return;
  }
}

/**
 * grad = g ⊙ ∂(a ∘ b)/∂(operand) over the whole walk, in the output's shape. `out` is the
 * op's value, which the router's and the power's partials read.
 */
export function binaryVjp(
  op: BinaryKernel,
  operand: 0 | 1,
  walk: OperandWalk,
  g: Float64Array,
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  grad: Float64Array,
): void {
  for (let row = 0, k = 0; row < walk.rows; row += 1, k += walk.length) {
    const operands = rowOperands(walk, row, a, b);
    const rows = { g, out, grad, k, end: k + walk.length };
    if (operand === 0) {
      firstOperandRow(op, rows, operands);
    } else {
      secondOperandRow(op, rows, operands);
    }
  }
}

/** The upstream gradient, the op's value and the gradient written, over [k, end). */
interface GradRow {
  readonly g: Float64Array;
  readonly out: Float64Array;
  readonly grad: Float64Array;
  readonly k: number;
  readonly end: number;
}

function firstOperandRow(
  op: BinaryKernel,
  { g, out, grad, k, end }: GradRow,
  { a, b, ia, ib, sa, sb }: RowOperands,
): void {
  switch (op) {
    case 'add':
    case 'sub':
      for (; k < end; k += 1) grad[k] = g[k]! * 1;
      return;
    case 'mul':
      for (; k < end; k += 1, ib += sb) grad[k] = g[k]! * b[ib]!;
      return;
    case 'div':
      for (; k < end; k += 1, ib += sb) grad[k] = g[k]! * (1 / b[ib]!);
      return;
    case 'max':
    case 'min':
      for (; k < end; k += 1, ia += sa, ib += sb)
        grad[k] = g[k]! * routerShare(a[ia]!, b[ib]!, out[k]!);
      return;
    case 'pow':
      if (sb === 0 && b[ib] === 2) {
        for (; k < end; k += 1, ia += sa) grad[k] = g[k]! * (2 * a[ia]!);
        return;
      }
      for (; k < end; k += 1, ia += sa, ib += sb) {
        const e = b[ib]!;
        grad[k] = g[k]! * (e === 0 ? 0 : e * Math.pow(a[ia]!, e - 1));
      }
      return;
  }
}

function secondOperandRow(
  op: BinaryKernel,
  { g, out, grad, k, end }: GradRow,
  { a, b, ia, ib, sa, sb }: RowOperands,
): void {
  switch (op) {
    case 'add':
      for (; k < end; k += 1) grad[k] = g[k]! * 1;
      return;
    case 'sub':
      for (; k < end; k += 1) grad[k] = g[k]! * -1;
      return;
    case 'mul':
      for (; k < end; k += 1, ia += sa) grad[k] = g[k]! * a[ia]!;
      return;
    case 'div':
      for (; k < end; k += 1, ia += sa, ib += sb) {
        const d = b[ib]!;
        grad[k] = g[k]! * (-a[ia]! / (d * d));
      }
      return;
    case 'max':
    case 'min':
      for (; k < end; k += 1, ia += sa, ib += sb)
        grad[k] = g[k]! * routerShare(b[ib]!, a[ia]!, out[k]!);
      return;
    case 'pow':
      for (; k < end; k += 1, ia += sa, ib += sb) {
        const base = a[ia]!;
        grad[k] = g[k]! * (base === 0 && b[ib]! >= 0 ? 0 : out[k]! * Math.log(base));
      }
      return;
  }
}

/** The scalar router's partial for two operands: 1 to the winner, 1/2 each at a tie, NaN at NaN. */
function routerShare(own: number, other: number, value: number): number {
  if (Number.isNaN(value)) {
    return NaN;
  }
  if (own !== value) {
    return 0;
  }
  return other === value ? 0.5 : 1;
}
