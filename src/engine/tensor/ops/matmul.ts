/**
 * NumPy's matmul (`@`): 1-D · 1-D is the inner product, a 1-D operand on the left is a row and
 * on the right a column (and that axis is dropped from the result), and operands of more than
 * two axes are stacks of matrices whose batch axes broadcast. The loops run i-k-j (or
 * row-dot-row), so the innermost loop walks both arrays contiguously.
 */
import { broadcastStrides, planRows } from '../broadcast';
import { broadcastShapes, shapeText, sizeOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { TensorOpOf, TensorOpRecord, VjpFormula } from '../tensorOp';
import { gradName } from './elementwise';

type MatmulOp = TensorOpOf<'matmul'>;

/** Both operands as stacks of matrices: batch axes, rows and columns. */
interface Layout {
  readonly batch: Shape;
  /** Per batch entry of the output: where A's and B's matrices start. */
  readonly aStarts: Int32Array;
  readonly bStarts: Int32Array;
  readonly n: number;
  readonly k: number;
  readonly m: number;
}

/** A 1-D left operand is a row (1, k); a 1-D right operand a column (k, 1). */
function asMatrix(shape: Shape, side: 'left' | 'right'): Shape {
  if (shape.length !== 1) {
    return shape;
  }
  return side === 'left' ? [1, shape[0] ?? 0] : [shape[0] ?? 0, 1];
}

/** Both operands as matrices and the batch axes in front of them. */
function asMatrices(
  a: Shape,
  b: Shape,
): { left: Shape; right: Shape; batchA: Shape; batchB: Shape } {
  const left = asMatrix(a, 'left');
  const right = asMatrix(b, 'right');
  return { left, right, batchA: left.slice(0, -2), batchB: right.slice(0, -2) };
}

function shape(_op: MatmulOp, shapes: readonly Shape[]): Shape | { readonly mismatch: string } {
  const [a, b] = shapes;
  if (a === undefined || b === undefined || shapes.length !== 2) {
    return { mismatch: `@ takes 2 operands, not ${shapes.length}` };
  }
  const pair = `shapes ${shapeText(a)} and ${shapeText(b)} do not fit`;
  if (a.length === 0 || b.length === 0) {
    return { mismatch: `${pair}: @ needs operands of at least one axis` };
  }
  const { left, right, batchA, batchB } = asMatrices(a, b);
  const inner = left[left.length - 1] ?? 0;
  const rows = right[right.length - 2] ?? 0;
  if (inner !== rows) {
    return { mismatch: `${pair}: ${inner} ≠ ${rows}` };
  }
  const batch = broadcastShapes([batchA, batchB]);
  if (batch === undefined) {
    return {
      mismatch: `${pair}: batch axes ${shapeText(batchA)} and ${shapeText(batchB)} do not broadcast`,
    };
  }
  return [
    ...batch,
    ...(a.length === 1 ? [] : [left[left.length - 2] ?? 0]),
    ...(b.length === 1 ? [] : [right[right.length - 1] ?? 0]),
  ];
}

function layoutOf(a: Shape, b: Shape): Layout {
  const { left, right, batchA, batchB } = asMatrices(a, b);
  const n = left[left.length - 2] ?? 1;
  const k = left[left.length - 1] ?? 1;
  const m = right[right.length - 1] ?? 1;
  const batch = broadcastShapes([batchA, batchB]) ?? [];
  return {
    batch,
    aStarts: batchStarts(batchA, batch, n * k),
    bStarts: batchStarts(batchB, batch, k * m),
    n,
    k,
    m,
  };
}

/** Where each matrix of a stack starts, for every entry of the broadcast batch. */
function batchStarts(own: Shape, batch: Shape, matrixSize: number): Int32Array {
  const strides = broadcastStrides(own, batch).map((stride) => stride * matrixSize);
  const plan = planRows(batch, strides);
  const starts = new Int32Array(sizeOf(batch));
  let entry = 0;
  for (const start of plan.rows) {
    for (let j = 0; j < plan.length; j += 1, entry += 1) starts[entry] = start + j * plan.step;
  }
  return starts;
}

/** C += A · B for an (n, k) A and a (k, m) B, i-k-j. */
function multiply(
  c: Float64Array,
  co: number,
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  n: number,
  k: number,
  m: number,
): void {
  for (let i = 0; i < n; i += 1) {
    const row = co + i * m;
    for (let p = 0; p < k; p += 1) {
      const factor = a[ao + i * k + p]!;
      const from = bo + p * m;
      for (let j = 0; j < m; j += 1) c[row + j] = c[row + j]! + factor * b[from + j]!;
    }
  }
}

/** C += G · Bᵀ for an (n, m) G and a (k, m) B: row-by-row dot products. */
function multiplyTransposedRight(
  c: Float64Array,
  co: number,
  g: Float64Array,
  go: number,
  b: Float64Array,
  bo: number,
  n: number,
  k: number,
  m: number,
): void {
  for (let i = 0; i < n; i += 1) {
    const gRow = go + i * m;
    for (let p = 0; p < k; p += 1) {
      const bRow = bo + p * m;
      let total = 0;
      for (let j = 0; j < m; j += 1) total += g[gRow + j]! * b[bRow + j]!;
      c[co + i * k + p] = c[co + i * k + p]! + total;
    }
  }
}

/** C += Aᵀ · G for an (n, k) A and an (n, m) G: each row of G scaled into C's rows. */
function multiplyTransposedLeft(
  c: Float64Array,
  co: number,
  a: Float64Array,
  ao: number,
  g: Float64Array,
  go: number,
  n: number,
  k: number,
  m: number,
): void {
  for (let i = 0; i < n; i += 1) {
    const gRow = go + i * m;
    for (let p = 0; p < k; p += 1) {
      const factor = a[ao + i * k + p]!;
      const row = co + p * m;
      for (let j = 0; j < m; j += 1) c[row + j] = c[row + j]! + factor * g[gRow + j]!;
    }
  }
}

function forward(_op: MatmulOp, args: readonly Tensor[], outShape: Shape): Float64Array {
  const [a, b] = args;
  const out = new Float64Array(sizeOf(outShape));
  if (a === undefined || b === undefined) {
    return out;
  }
  const { aStarts, bStarts, n, k, m } = layoutOf(a.shape, b.shape);
  for (let entry = 0; entry < aStarts.length; entry += 1) {
    multiply(out, entry * n * m, a.data, aStarts[entry]!, b.data, bStarts[entry]!, n, k, m);
  }
  return out;
}

/**
 * ∂L/∂A = ∂L/∂Y · Bᵀ and ∂L/∂B = Aᵀ · ∂L/∂Y per batch entry, in the broadcast batch shape:
 * the engine sums stretched batch axes back in a step of its own.
 */
function vjp(_op: MatmulOp, operand: number, upstream: Tensor, args: readonly Tensor[]): Tensor {
  const [a, b] = args;
  if (a === undefined || b === undefined) {
    throw new RangeError('@ takes 2 operands');
  }
  const { batch, aStarts, bStarts, n, k, m } = layoutOf(a.shape, b.shape);
  const g = upstream.data;
  if (operand === 0) {
    const grad = new Float64Array(aStarts.length * n * k);
    for (let entry = 0; entry < aStarts.length; entry += 1) {
      multiplyTransposedRight(
        grad,
        entry * n * k,
        g,
        entry * n * m,
        b.data,
        bStarts[entry]!,
        n,
        k,
        m,
      );
    }
    return { shape: [...batch, ...a.shape.slice(-Math.min(2, a.shape.length))], data: grad };
  }
  const grad = new Float64Array(bStarts.length * k * m);
  for (let entry = 0; entry < bStarts.length; entry += 1) {
    multiplyTransposedLeft(grad, entry * k * m, a.data, aStarts[entry]!, g, entry * n * m, n, k, m);
  }
  return { shape: [...batch, ...b.shape.slice(-Math.min(2, b.shape.length))], data: grad };
}

function jvp(
  _op: MatmulOp,
  tangents: readonly (Tensor | undefined)[],
  args: readonly Tensor[],
  out: Tensor,
): Tensor {
  const [a, b] = args;
  const [ta, tb] = tangents;
  const result = new Float64Array(out.data.length);
  if (a === undefined || b === undefined) {
    return { shape: out.shape, data: result };
  }
  const { aStarts, bStarts, n, k, m } = layoutOf(a.shape, b.shape);
  for (let entry = 0; entry < aStarts.length; entry += 1) {
    if (ta !== undefined) {
      multiply(result, entry * n * m, ta.data, aStarts[entry]!, b.data, bStarts[entry]!, n, k, m);
    }
    if (tb !== undefined) {
      multiply(result, entry * n * m, a.data, aStarts[entry]!, tb.data, bStarts[entry]!, n, k, m);
    }
  }
  return { shape: out.shape, data: result };
}

/** `Wᵀ`, `(X @ W)ᵀ`: the transpose of a label, in parentheses unless it is one word. */
export function transposed(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) || /^\(.*\)$/.test(name) ? `${name}ᵀ` : `(${name})ᵀ`;
}

/** The matrix transpose of a shape (a 1-D shape stays as it is). */
function transposedShape(shape: Shape): Shape {
  if (shape.length < 2) {
    return shape;
  }
  return [...shape.slice(0, -2), shape[shape.length - 1] ?? 0, shape[shape.length - 2] ?? 0];
}

/** A factor of a formula: how it is written and its shape. */
type Factor = readonly [name: string, shape: string];

/** `∂L/∂A = ∂L/∂Y · Bᵀ`, and below it the shapes in the same places. */
function product(grad: Factor, left: Factor, operator: '·' | '⊗', right: Factor): VjpFormula {
  return {
    rule: `${grad[0]} = ${left[0]} ${operator} ${right[0]}`,
    shapes: `${grad[1]} = ${left[1]} ${operator} ${right[1]}`,
  };
}

function formula(
  _op: MatmulOp,
  operand: number,
  names: readonly string[],
  out: string,
  shapes: readonly Shape[],
  outShape: Shape,
): VjpFormula {
  const [a = '?', b = '?'] = names;
  const [aShape = [], bShape = []] = shapes;
  const g: Factor = [gradName(out), shapeText(outShape)];
  const vectors = aShape.length === 1 && bShape.length === 1;
  if (operand === 0) {
    const target: Factor = [gradName(a), shapeText(aShape)];
    const right: Factor = [b, shapeText(bShape)];
    if (vectors) {
      return product(target, g, '·', right);
    }
    if (aShape.length === 1) {
      return product(target, right, '·', g);
    }
    if (bShape.length === 1) {
      return product(target, g, '⊗', right);
    }
    return product(target, g, '·', [transposed(b), shapeText(transposedShape(bShape))]);
  }
  const target: Factor = [gradName(b), shapeText(bShape)];
  const left: Factor = [a, shapeText(aShape)];
  if (vectors) {
    return product(target, left, '·', g);
  }
  if (aShape.length === 1) {
    return product(target, left, '⊗', g);
  }
  return product(target, [transposed(a), shapeText(transposedShape(aShape))], '·', g);
}

export const matmul: TensorOpRecord<MatmulOp> = {
  symbol: () => '@',
  description: () =>
    'matrix product A @ B (NumPy matmul: 1-D operands as a row or a column, stacks of matrices broadcast)',
  shape,
  forward,
  vjp,
  jvp,
  formula,
};
