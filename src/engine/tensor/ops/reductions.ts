/**
 * Reductions over axes (all of them when `axes` is null), with NumPy's `keepdims`: sum, mean,
 * max, min, prod, logsumexp and the 2-norm. Every input element is mapped to the output element
 * of its slice; the VJPs spread the upstream gradient back over each slice.
 */
import { expandTo, planRows, sumInto } from '../broadcast';
import { shapeText, sizeOf, stridesOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { Axes, ReductionKind, TensorOpOf, TensorOpRecord, VjpFormula } from '../tensorOp';
import { gradName } from './elementwise';

type Op<K extends ReductionKind> = TensorOpOf<K>;
type AnyReduction = Op<ReductionKind>;

/** The axes reduced, as a set over `rank` axes. */
function reducedSet(axes: Axes, rank: number): boolean[] {
  const reduced = new Array<boolean>(rank).fill(axes === null);
  for (const axis of axes ?? []) {
    reduced[axis] = true;
  }
  return reduced;
}

/** The output shape with every reduced axis kept as 1. */
function keptShape(shape: Shape, axes: Axes): Shape {
  const reduced = reducedSet(axes, shape.length);
  return shape.map((length, axis) => (reduced[axis] ? 1 : length));
}

function outShapeOf(shape: Shape, axes: Axes, keepdims: boolean): Shape {
  const reduced = reducedSet(axes, shape.length);
  if (keepdims) {
    return keptShape(shape, axes);
  }
  return shape.filter((_, axis) => !reduced[axis]);
}

/** How many elements each output element sums over. */
function countOf(shape: Shape, axes: Axes): number {
  return sizeOf(shape) / Math.max(1, sizeOf(keptShape(shape, axes)));
}

/** The output strides seen from the input: 0 along the reduced axes. */
function reductionStrides(shape: Shape, axes: Axes): number[] {
  const reduced = reducedSet(axes, shape.length);
  const strides = stridesOf(keptShape(shape, axes));
  return strides.map((stride, axis) => (reduced[axis] ? 0 : stride));
}

/** For every input element (row-major), the index of its output element. */
function slotsOf(shape: Shape, axes: Axes): Int32Array {
  const plan = planRows(shape, reductionStrides(shape, axes));
  const slots = new Int32Array(sizeOf(shape));
  let k = 0;
  for (const start of plan.rows) {
    for (let j = 0, at = start; j < plan.length; j += 1, at += plan.step, k += 1) slots[k] = at;
  }
  return slots;
}

function axesProblem(op: AnyReduction, shape: Shape): string | undefined {
  const seen = new Set<number>();
  for (const axis of op.axes ?? []) {
    if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length) {
      return `axis ${axis} is out of bounds for an array of shape ${shapeText(shape)}`;
    }
    if (seen.has(axis)) {
      return `axis ${axis} is repeated`;
    }
    seen.add(axis);
  }
  const extreme = op.kind === 'max' || op.kind === 'min';
  const reduced = reducedSet(op.axes, shape.length);
  if (extreme && shape.some((length, axis) => reduced[axis] && length === 0)) {
    return `the ${op.kind} of a zero-size array has no value (shape ${shapeText(shape)})`;
  }
  return undefined;
}

function shape(op: AnyReduction, shapes: readonly Shape[]): Shape | { readonly mismatch: string } {
  const [input] = shapes;
  if (input === undefined || shapes.length !== 1) {
    return { mismatch: `${op.kind} takes 1 operand, not ${shapes.length}` };
  }
  const problem = axesProblem(op, input);
  return problem === undefined ? outShapeOf(input, op.axes, op.keepdims) : { mismatch: problem };
}

/** The sum of each slice. */
function sums(x: Tensor, axes: Axes): Float64Array {
  const size = sizeOf(keptShape(x.shape, axes));
  return sumInto(x.data, x.shape, reductionStrides(x.shape, axes), size);
}

/** `upstream` (one value per slice) spread over the input's shape. */
function spreadBack(upstream: Tensor, x: Tensor, axes: Axes): Float64Array {
  return expandTo({ shape: keptShape(x.shape, axes), data: upstream.data }, x.shape);
}

/** The largest (`sign` 1) or smallest (−1) element of each slice; NaN wins, as in NumPy. */
function extremes(x: Tensor, axes: Axes, sign: 1 | -1): Float64Array {
  const slots = slotsOf(x.shape, axes);
  const out = new Float64Array(sizeOf(keptShape(x.shape, axes))).fill(-sign * Infinity);
  for (let k = 0; k < slots.length; k += 1) {
    const o = slots[k]!;
    const v = x.data[k]!;
    const best = out[o]!;
    if (sign * v > sign * best || (Number.isNaN(v) && !Number.isNaN(best))) out[o] = v;
  }
  return out;
}

/** 1 at the first element of each slice equal to its extreme (NumPy's argmax order), else 0. */
function firstExtremes(x: Tensor, out: Tensor, axes: Axes): Uint8Array {
  const slots = slotsOf(x.shape, axes);
  const taken = new Uint8Array(out.data.length);
  const chosen = new Uint8Array(x.data.length);
  for (let k = 0; k < slots.length; k += 1) {
    const o = slots[k]!;
    const v = x.data[k]!;
    const target = out.data[o]!;
    if (taken[o] === 0 && (v === target || (Number.isNaN(v) && Number.isNaN(target)))) {
      taken[o] = 1;
      chosen[k] = 1;
    }
  }
  return chosen;
}

/** ∂prod/∂x: the product of the other elements of the slice, exact when some are 0. */
function productPartials(x: Tensor, axes: Axes): Float64Array {
  const slots = slotsOf(x.shape, axes);
  const size = sizeOf(keptShape(x.shape, axes));
  const nonzero = new Float64Array(size).fill(1);
  const zeros = new Int32Array(size);
  for (let k = 0; k < slots.length; k += 1) {
    const v = x.data[k]!;
    if (v === 0) {
      zeros[slots[k]!] = zeros[slots[k]!]! + 1;
    } else {
      nonzero[slots[k]!] = nonzero[slots[k]!]! * v;
    }
  }
  const partials = new Float64Array(x.data.length);
  for (let k = 0; k < slots.length; k += 1) {
    const o = slots[k]!;
    const v = x.data[k]!;
    const zeroCount = zeros[o]!;
    if (zeroCount === 0) {
      partials[k] = nonzero[o]! / v;
    } else if (zeroCount === 1 && v === 0) {
      partials[k] = nonzero[o]!;
    }
  }
  return partials;
}

function forwardOf(op: AnyReduction, x: Tensor): Float64Array {
  switch (op.kind) {
    case 'sum':
      return sums(x, op.axes);
    case 'mean': {
      const total = sums(x, op.axes);
      const count = countOf(x.shape, op.axes);
      for (let o = 0; o < total.length; o += 1) total[o] = total[o]! / count;
      return total;
    }
    case 'max':
      return extremes(x, op.axes, 1);
    case 'min':
      return extremes(x, op.axes, -1);
    case 'prod':
      return products(x, op.axes);
    case 'logsumexp':
      return logSumExp(x, op.axes);
    case 'norm': {
      const squares = sums({ shape: x.shape, data: x.data.map((v) => v * v) }, op.axes);
      return squares.map(Math.sqrt);
    }
  }
}

function products(x: Tensor, axes: Axes): Float64Array {
  const slots = slotsOf(x.shape, axes);
  const out = new Float64Array(sizeOf(keptShape(x.shape, axes))).fill(1);
  for (let k = 0; k < slots.length; k += 1) out[slots[k]!] = out[slots[k]!]! * x.data[k]!;
  return out;
}

/** m + log Σ exp(x − m) with m the slice's maximum, so that nothing overflows. */
function logSumExp(x: Tensor, axes: Axes): Float64Array {
  const slots = slotsOf(x.shape, axes);
  const peaks = extremes(x, axes, 1);
  const totals = new Float64Array(peaks.length);
  for (let k = 0; k < slots.length; k += 1) {
    const o = slots[k]!;
    const peak = peaks[o]!;
    totals[o] = totals[o]! + (Number.isFinite(peak) ? Math.exp(x.data[k]! - peak) : 1);
  }
  return peaks.map((peak, o) => (Number.isFinite(peak) ? peak + Math.log(totals[o]!) : peak));
}

/** ∂out/∂x at every input element. */
function localPartials(op: AnyReduction, x: Tensor, out: Tensor): Float64Array {
  const spreadOut = spreadBack(out, x, op.axes);
  switch (op.kind) {
    case 'sum':
      return new Float64Array(x.data.length).fill(1);
    case 'mean':
      return new Float64Array(x.data.length).fill(1 / countOf(x.shape, op.axes));
    case 'max':
    case 'min':
      return Float64Array.from(firstExtremes(x, out, op.axes));
    case 'prod':
      return productPartials(x, op.axes);
    case 'logsumexp':
      return x.data.map((v, k) => Math.exp(v - spreadOut[k]!));
    case 'norm':
      // PyTorch's subgradient: 0 where the norm is 0.
      return x.data.map((v, k) => (spreadOut[k] === 0 ? 0 : v / spreadOut[k]!));
  }
}

function operandOf(op: AnyReduction, args: readonly Tensor[]): Tensor {
  const [x] = args;
  if (x === undefined || args.length !== 1) {
    throw new RangeError(`${op.kind} takes 1 operand, not ${args.length}`);
  }
  return x;
}

function vjp(
  op: AnyReduction,
  _operand: number,
  upstream: Tensor,
  args: readonly Tensor[],
  out: Tensor,
): Tensor {
  const x = operandOf(op, args);
  const grad = spreadBack(upstream, x, op.axes);
  if (op.kind === 'sum') {
    return { shape: x.shape, data: grad };
  }
  if (op.kind === 'mean') {
    const count = countOf(x.shape, op.axes);
    for (let k = 0; k < grad.length; k += 1) grad[k] = grad[k]! / count;
    return { shape: x.shape, data: grad };
  }
  const partials = localPartials(op, x, out);
  for (let k = 0; k < grad.length; k += 1) grad[k] = grad[k]! * partials[k]!;
  return { shape: x.shape, data: grad };
}

function jvp(
  op: AnyReduction,
  tangents: readonly (Tensor | undefined)[],
  args: readonly Tensor[],
  out: Tensor,
): Tensor {
  const [x] = args;
  const [tangent] = tangents;
  if (x === undefined || tangent === undefined) {
    return { shape: out.shape, data: new Float64Array(out.data.length) };
  }
  const partials = localPartials(op, x, out);
  const weighted = tangent.data.map((t, k) => t * partials[k]!);
  return { shape: out.shape, data: sums({ shape: x.shape, data: weighted }, op.axes) };
}

const SYMBOLS: Readonly<Record<ReductionKind, string>> = {
  sum: 'Σ',
  mean: 'mean',
  max: 'max',
  min: 'min',
  prod: 'Π',
  logsumexp: 'logsumexp',
  norm: '‖·‖',
};

const WHAT: Readonly<Record<ReductionKind, string>> = {
  sum: 'sum',
  mean: 'mean',
  max: 'maximum (the gradient goes to the first maximal element of each slice, as NumPy’s argmax picks it)',
  min: 'minimum (the gradient goes to the first minimal element of each slice, as NumPy’s argmin picks it)',
  prod: 'product',
  logsumexp: 'log Σ exp, computed stably as m + log Σ exp(x − m)',
  norm: '2-norm √(Σ x²) (Frobenius for matrices; gradient x/‖x‖, 0 at 0 as in PyTorch)',
};

/** `axis=1`, `axes=(0, 1)`, or nothing for all axes; `keepdims` when set. */
export function axesText(axes: Axes, keepdims: boolean): string {
  const parts: string[] = [];
  if (axes !== null) {
    parts.push(axes.length === 1 ? `axis=${axes[0]}` : `axis=(${axes.join(', ')})`);
  }
  if (keepdims) {
    parts.push('keepdims');
  }
  return parts.join(', ');
}

function description(op: AnyReduction): string {
  const over = op.axes === null ? 'over all elements' : `over ${axesText(op.axes, false)}`;
  return `${WHAT[op.kind]} ${over}${op.keepdims ? ', reduced axes kept as length 1' : ''}`;
}

function formula(
  op: AnyReduction,
  _operand: number,
  names: readonly string[],
  out: string,
  shapes: readonly Shape[],
  outShape: Shape,
): VjpFormula {
  const x = names[0] ?? '?';
  const target = `${gradName(x)} = `;
  const spread = `broadcast(${gradName(out)})`;
  const inShape = shapeText(shapes[0] ?? []);
  const from = shapeText(outShape);
  const broadcast = `${inShape} = broadcast(${from})`;
  switch (op.kind) {
    case 'sum':
      return { rule: `${target}${spread}`, shapes: broadcast };
    case 'mean': {
      const count = countOf(shapes[0] ?? [], op.axes);
      return { rule: `${target}${spread} / ${count}`, shapes: `${broadcast} / ${count}` };
    }
    case 'max':
    case 'min':
      return {
        rule: `${target}${gradName(out)} at the first ${op.kind === 'max' ? 'maximum' : 'minimum'} of each slice, 0 elsewhere`,
        shapes: `${inShape} = scatter(${from})`,
      };
    case 'prod':
      return {
        rule: `${target}${spread} ⊙ (product of the other elements)`,
        shapes: `${broadcast} ⊙ ${inShape}`,
      };
    case 'logsumexp':
      return {
        rule: `${target}${spread} ⊙ exp(${x} − ${out})`,
        shapes: `${broadcast} ⊙ ${inShape}`,
      };
    case 'norm':
      return {
        rule: `${target}${spread} ⊙ ${x} / ${out} (0 where ${out} = 0)`,
        shapes: `${broadcast} ⊙ ${inShape}`,
      };
  }
}

/** One record serves every reduction: they differ only by `kind`. */
const reduction: TensorOpRecord<AnyReduction> = {
  symbol: (op) => SYMBOLS[op.kind],
  description,
  shape,
  forward: (op, args) => forwardOf(op, operandOf(op, args)),
  vjp,
  jvp,
  formula,
};

export const sum: TensorOpRecord<Op<'sum'>> = reduction;
export const mean: TensorOpRecord<Op<'mean'>> = reduction;
export const max: TensorOpRecord<Op<'max'>> = reduction;
export const min: TensorOpRecord<Op<'min'>> = reduction;
export const prod: TensorOpRecord<Op<'prod'>> = reduction;
export const logsumexp: TensorOpRecord<Op<'logsumexp'>> = reduction;
export const norm: TensorOpRecord<Op<'norm'>> = reduction;
