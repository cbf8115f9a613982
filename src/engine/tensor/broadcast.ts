/**
 * Walking a tensor's elements in row-major order while another index follows along with its
 * own strides: the one loop behind broadcasting an operand, summing a gradient back to an
 * operand's shape, reducing over axes and permuting axes. The walk is planned per row (the
 * last axis), so the inner loops are plain strided loops with no per-element bookkeeping.
 */
import { sameShape, shapeText, sizeOf, stridesOf, type Shape } from './shape';
import type { Tensor } from './tensor';

/** Where each row of a row-major walk over `shape` starts in the followed index. */
export interface RowPlan {
  /** The followed index's offset at the start of each row. */
  readonly rows: Int32Array;
  /** The length of the last axis (1 for a scalar). */
  readonly length: number;
  /** The followed index's stride along the last axis. */
  readonly step: number;
}

/** Plans the walk over `shape` of an index whose stride along axis i is `strides[i]`. */
export function planRows(shape: Shape, strides: readonly number[]): RowPlan {
  const rank = shape.length;
  const length = rank === 0 ? 1 : (shape[rank - 1] ?? 1);
  const step = rank === 0 ? 0 : (strides[rank - 1] ?? 0);
  const count = length === 0 ? 0 : sizeOf(shape) / length;
  const rows = new Int32Array(count);
  const counter = new Array<number>(Math.max(0, rank - 1)).fill(0);
  let offset = 0;
  for (let row = 0; row < count; row += 1) {
    rows[row] = offset;
    for (let axis = rank - 2; axis >= 0; axis -= 1) {
      const next = (counter[axis] ?? 0) + 1;
      const stride = strides[axis] ?? 0;
      if (next < (shape[axis] ?? 1)) {
        counter[axis] = next;
        offset += stride;
        break;
      }
      counter[axis] = 0;
      offset -= stride * (next - 1);
    }
  }
  return { rows, length, step };
}

/** The strides of `shape` read as `target` (aligned at the right): 0 along stretched axes. */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const own = stridesOf(shape);
  const offset = target.length - shape.length;
  return target.map((_, axis) => {
    const source = axis - offset;
    return source < 0 || shape[source] === 1 ? 0 : (own[source] ?? 0);
  });
}

/** The elements of `tensor` broadcast to `target`; a row read with step 0 is one fill. */
export function expandTo(tensor: Tensor, target: Shape): Float64Array {
  const out = new Float64Array(sizeOf(target));
  const data = tensor.data;
  if (data.length === 1) {
    return out.fill(data[0]!);
  }
  const { rows, length, step } = planRows(target, broadcastStrides(tensor.shape, target));
  let k = 0;
  for (const start of rows) {
    if (step === 0) {
      out.fill(data[start]!, k, k + length);
    } else {
      for (let j = 0, at = start; j < length; j += 1, at += step) out[k + j] = data[at]!;
    }
    k += length;
  }
  return out;
}

/**
 * How the operands of an elementwise op are read while its output is written row by row, with
 * no operand copied out to the output's shape.
 */
export interface OperandWalk {
  readonly rows: number;
  readonly length: number;
  /** Per operand: where each row starts in its data (one number when there is one row). */
  readonly starts: readonly (Int32Array | number)[];
  /** Per operand: its step along a row (0 for an operand of one element or a stretched axis). */
  readonly steps: readonly number[];
}

/**
 * Operands of the output's shape or of one element are read as one long row; anything else is
 * planned per row of the output.
 */
export function walkOperands(shapes: readonly Shape[], shape: Shape): OperandWalk {
  const size = sizeOf(shape);
  if (shapes.every((s) => sameShape(s, shape) || sizeOf(s) === 1)) {
    return {
      rows: 1,
      length: size,
      starts: shapes.map(() => 0),
      steps: shapes.map((s) => (sameShape(s, shape) && size !== 1 ? 1 : 0)),
    };
  }
  const plans = shapes.map((s) => planRows(shape, broadcastStrides(s, shape)));
  const first = plans[0];
  return {
    rows: first?.rows.length ?? 0,
    length: first?.length ?? 0,
    starts: plans.map((plan) => plan.rows),
    steps: plans.map((plan) => plan.step),
  };
}

/** Where operand `operand` starts in row `row` of `walk`. */
export function rowStart(walk: OperandWalk, operand: number, row: number): number {
  const starts = walk.starts[operand];
  return typeof starts === 'number' ? starts : (starts?.[row] ?? 0);
}

/**
 * Sums `data` (of shape `shape`) into an array laid out with `strides` (0 along the summed
 * axes) of `size` elements: the sum of a reduction or of broadcasting undone.
 */
export function sumInto(
  data: Float64Array,
  shape: Shape,
  strides: readonly number[],
  size: number,
): Float64Array {
  const out = new Float64Array(size);
  const { rows, length, step } = planRows(shape, strides);
  let k = 0;
  for (const start of rows) {
    if (step === 0) {
      let total = out[start] ?? 0;
      for (let j = 0; j < length; j += 1) {
        total += data[k + j] ?? 0;
      }
      out[start] = total;
    } else {
      for (let j = 0, at = start; j < length; j += 1, at += step) {
        out[at] = (out[at] ?? 0) + (data[k + j] ?? 0);
      }
    }
    k += length;
  }
  return out;
}

/**
 * The axes of `from` that broadcasting `shape` to `from` stretched or added: summing a gradient
 * of shape `from` over them gives `shape`. Undefined when `shape` does not broadcast to `from`.
 */
export function broadcastAxes(shape: Shape, from: Shape): number[] | undefined {
  const offset = from.length - shape.length;
  if (offset < 0) {
    return undefined;
  }
  const axes: number[] = [];
  for (let axis = 0; axis < from.length; axis += 1) {
    const length = axis < offset ? undefined : shape[axis - offset];
    if (length === from[axis]) {
      continue;
    }
    if (length !== undefined && length !== 1) {
      return undefined;
    }
    axes.push(axis);
  }
  return axes;
}

/** A gradient in a broadcast shape summed back to its operand's shape, and the axes summed. */
export interface Reduced {
  readonly axes: readonly number[];
  readonly tensor: Tensor;
}

/** Sums `grad` back to `shape` (the operand it was broadcast from). */
export function reduceToShape(grad: Tensor, shape: Shape): Reduced {
  const axes = broadcastAxes(shape, grad.shape);
  if (axes === undefined) {
    throw new RangeError(
      `a gradient of shape ${shapeText(grad.shape)} cannot be summed to shape ${shapeText(shape)}`,
    );
  }
  const strides = broadcastStrides(shape, grad.shape);
  return { axes, tensor: { shape, data: sumInto(grad.data, grad.shape, strides, sizeOf(shape)) } };
}

/** `Σ over axis 0: (4, 5) → (5,)`. */
export function reduceRule(axes: readonly number[], from: Shape, to: Shape): string {
  const over = axes.length === 1 ? `axis ${axes[0]}` : `axes ${axes.join(', ')}`;
  return `Σ over ${over}: ${shapeText(from)} → ${shapeText(to)}`;
}

/** The multi-index (one entry per axis) of the row-major flat index `flat`. */
export function multiIndex(flat: number, shape: Shape): number[] {
  return stridesOf(shape).map((stride, axis) => Math.floor(flat / stride) % (shape[axis] ?? 1));
}
