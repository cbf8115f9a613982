/**
 * Joining tensors: `concat` (np.concatenate, torch.cat, jnp.concatenate) along an existing axis
 * and `stack` along a new one. The gradient of each operand is its own slice of the upstream
 * gradient; the tangent of the output is the tangents joined the same way.
 */
import { axisOf, axisSliceText, resolvedAxis, unequalShapes } from '../axes';
import { shapeText, sizeOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { TensorOpOf, TensorOpRecord, VjpFormula } from '../tensorOp';

type Mismatch = { readonly mismatch: string };

/**
 * Both joins as one layout: the output is `outer` rows, each the operands' chunks side by
 * side (chunk i of row o is operand i's elements `o * chunks[i]` onwards).
 */
interface JoinLayout {
  readonly outer: number;
  readonly chunks: readonly number[];
}

function concatShape(axis: number, shapes: readonly Shape[]): Shape | Mismatch {
  const first = shapes[0];
  if (first === undefined) {
    return { mismatch: 'nothing to concatenate: it needs at least one tensor' };
  }
  if (first.length === 0) {
    return { mismatch: 'a scalar (shape ()) cannot be concatenated: it has no axis' };
  }
  const resolved = axisOf(axis, first.length);
  if (typeof resolved !== 'number') {
    return resolved;
  }
  let joined = 0;
  for (const shape of shapes) {
    if (shape.length !== first.length) {
      return {
        mismatch: `shapes ${shapeText(first)} and ${shapeText(shape)} do not fit: ${first.length} ≠ ${shape.length} dimensions`,
      };
    }
    const other = shape.findIndex((length, at) => at !== resolved && length !== first[at]);
    if (other >= 0) {
      return {
        mismatch: `shapes ${shapeText(first)} and ${shapeText(shape)} do not fit: ${first[other]} ≠ ${shape[other]} on axis ${other}`,
      };
    }
    joined += shape[resolved] ?? 0;
  }
  return first.map((length, at) => (at === resolved ? joined : length));
}

function stackShape(axis: number, shapes: readonly Shape[]): Shape | Mismatch {
  const first = shapes[0];
  if (first === undefined) {
    return { mismatch: 'nothing to stack: it needs at least one tensor' };
  }
  const unequal = unequalShapes(shapes);
  if (unequal !== undefined) {
    return { mismatch: unequal };
  }
  const resolved = axisOf(axis, first.length + 1);
  if (typeof resolved !== 'number') {
    return resolved;
  }
  return [...first.slice(0, resolved), shapes.length, ...first.slice(resolved)];
}

/** Rows are the axes before the join axis; each operand's chunk is the rest of it. */
function layoutFrom(axis: number, shapes: readonly Shape[]): JoinLayout {
  return {
    outer: sizeOf((shapes[0] ?? []).slice(0, axis)),
    chunks: shapes.map((shape) => sizeOf(shape.slice(axis))),
  };
}

function concatLayout(axis: number, shapes: readonly Shape[]): JoinLayout {
  return layoutFrom(resolvedAxis(axis, shapes[0]?.length ?? 0), shapes);
}

/** The new axis splits each operand's shape where it goes in the output's. */
function stackLayout(axis: number, shapes: readonly Shape[]): JoinLayout {
  return layoutFrom(resolvedAxis(axis, (shapes[0]?.length ?? 0) + 1), shapes);
}

function join(layout: JoinLayout, parts: readonly Float64Array[]): Float64Array {
  const row = layout.chunks.reduce((total, chunk) => total + chunk, 0);
  const out = new Float64Array(layout.outer * row);
  for (let o = 0; o < layout.outer; o += 1) {
    let at = o * row;
    parts.forEach((part, i) => {
      const chunk = layout.chunks[i] ?? 0;
      out.set(part.subarray(o * chunk, (o + 1) * chunk), at);
      at += chunk;
    });
  }
  return out;
}

/** Operand `operand`'s part of a joined tensor: the inverse of `join` for one operand. */
function part(layout: JoinLayout, operand: number, joined: Float64Array): Float64Array {
  const row = layout.chunks.reduce((total, chunk) => total + chunk, 0);
  const chunk = layout.chunks[operand] ?? 0;
  const offset = layout.chunks.slice(0, operand).reduce((total, size) => total + size, 0);
  const out = new Float64Array(layout.outer * chunk);
  for (let o = 0; o < layout.outer; o += 1) {
    const from = o * row + offset;
    out.set(joined.subarray(from, from + chunk), o * chunk);
  }
  return out;
}

function tangentsOrZeros(
  tangents: readonly (Tensor | undefined)[],
  args: readonly Tensor[],
): Float64Array[] {
  return args.map((arg, i) => tangents[i]?.data ?? new Float64Array(arg.data.length));
}

/** The kernels of a join, the same for both but for the layout. */
function joinKernels<O extends TensorOpOf<'concat'> | TensorOpOf<'stack'>>(
  layoutOf: (axis: number, shapes: readonly Shape[]) => JoinLayout,
): Pick<TensorOpRecord<O>, 'forward' | 'vjp' | 'jvp'> {
  const layoutFor = (op: O, args: readonly Tensor[]): JoinLayout =>
    layoutOf(
      op.axis,
      args.map((arg) => arg.shape),
    );
  return {
    forward: (op, args) =>
      join(
        layoutFor(op, args),
        args.map((arg) => arg.data),
      ),
    vjp: (op, operand, upstream, args) => ({
      shape: args[operand]?.shape ?? [],
      data: part(layoutFor(op, args), operand, upstream.data),
    }),
    jvp: (op, tangents, args, out) => ({
      shape: out.shape,
      data: join(layoutFor(op, args), tangentsOrZeros(tangents, args)),
    }),
  };
}

/** An operand's gradient as the slice `slice` of the output's. */
function sliceFormula(
  operand: number,
  names: readonly string[],
  out: string,
  shapes: readonly Shape[],
  outShape: Shape,
  slice: string,
): VjpFormula {
  return {
    rule: `∂L/∂${names[operand] ?? '?'} = ∂L/∂${out}${slice}`,
    shapes: `${shapeText(shapes[operand] ?? [])} = ${shapeText(outShape)}${slice}`,
  };
}

export const concat: TensorOpRecord<TensorOpOf<'concat'>> = {
  symbol: () => 'concat',
  description: (op) =>
    `Joins its operands end to end along axis ${op.axis} (np.concatenate, torch.cat); each operand's gradient is its slice of the output's.`,
  shape: (op, shapes) => concatShape(op.axis, shapes),
  ...joinKernels(concatLayout),
  formula: (op, operand, names, out, shapes, outShape) => {
    const axis = resolvedAxis(op.axis, outShape.length);
    const start = shapes.slice(0, operand).reduce((total, shape) => total + (shape[axis] ?? 0), 0);
    const stop = start + (shapes[operand]?.[axis] ?? 0);
    const slice = axisSliceText(outShape.length, axis, `${start}:${stop}`);
    return sliceFormula(operand, names, out, shapes, outShape, slice);
  },
};

export const stack: TensorOpRecord<TensorOpOf<'stack'>> = {
  symbol: () => 'stack',
  description: (op) =>
    `Stacks its operands along a new axis ${op.axis} (np.stack, torch.stack); each operand's gradient is its slice of the output's.`,
  shape: (op, shapes) => stackShape(op.axis, shapes),
  ...joinKernels(stackLayout),
  formula: (op, operand, names, out, shapes, outShape) => {
    const slice = axisSliceText(
      outShape.length,
      resolvedAxis(op.axis, outShape.length),
      String(operand),
    );
    return sliceFormula(operand, names, out, shapes, outShape, slice);
  },
};
