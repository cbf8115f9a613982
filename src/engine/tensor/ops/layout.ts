/**
 * Ops that move elements without computing: reshape (the same row-major elements under another
 * shape), transpose (a permutation of the axes) and broadcast_to (stretching axes of length 1
 * and adding leading ones). broadcast_to's VJP hands back the gradient in the broadcast shape;
 * the engine's reduce step sums it to the operand's shape.
 */
import { broadcastAxes, expandTo, planRows } from '../broadcast';
import { shapeText, sizeOf, stridesOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { TensorOpOf, TensorOpRecord } from '../tensorOp';
import { gradName } from './elementwise';

/** The one operand's shape, or why the operands do not fit a one-operand op. */
function single(
  kind: string,
  shapes: readonly Shape[],
): { readonly input: Shape } | { readonly mismatch: string } {
  const [input] = shapes;
  if (input === undefined || shapes.length !== 1) {
    return { mismatch: `${kind} takes 1 operand, not ${shapes.length}` };
  }
  return { input };
}

function operandOf(kind: string, args: readonly Tensor[]): Tensor {
  const [x] = args;
  if (x === undefined || args.length !== 1) {
    throw new RangeError(`${kind} takes 1 operand, not ${args.length}`);
  }
  return x;
}

/** The target shape with its one −1 (if any) worked out from the number of elements. */
function resolvedShape(input: Shape, target: Shape): Shape | { readonly mismatch: string } {
  const size = sizeOf(input);
  const unknown = target.filter((length) => length === -1).length;
  const known = sizeOf(target.filter((length) => length !== -1));
  const fail = {
    mismatch: `cannot reshape an array of shape ${shapeText(input)} into shape ${shapeText(target)}`,
  };
  if (unknown > 1 || target.some((length) => length < -1 || !Number.isInteger(length))) {
    return fail;
  }
  if (unknown === 1) {
    return known === 0 || size % known !== 0
      ? fail
      : target.map((length) => (length === -1 ? size / known : length));
  }
  return known === size ? target : fail;
}

export const reshape: TensorOpRecord<TensorOpOf<'reshape'>> = {
  symbol: () => 'reshape',
  description: (op) =>
    `the same elements in row-major order under the shape ${shapeText(op.shape)}`,
  shape: (op, shapes) => {
    const operand = single('reshape', shapes);
    return 'input' in operand ? resolvedShape(operand.input, op.shape) : operand;
  },
  // The elements do not move: the output shares the operand's array, as NumPy returns a view.
  forward: (_op, args) => operandOf('reshape', args).data,
  vjp: (_op, _operand, upstream, args) => ({
    shape: operandOf('reshape', args).shape,
    data: upstream.data,
  }),
  jvp: (_op, tangents, _args, out) => ({
    shape: out.shape,
    data: tangents[0]?.data ?? new Float64Array(out.data.length),
  }),
  formula: (_op, _operand, names, out, shapes, outShape) => ({
    rule: `${gradName(names[0] ?? '?')} = reshape(${gradName(out)}, ${shapeText(shapes[0] ?? [])})`,
    shapes: `${shapeText(shapes[0] ?? [])} = reshape(${shapeText(outShape)})`,
  }),
};

function isPermutation(axes: readonly number[], rank: number): boolean {
  return (
    axes.length === rank &&
    axes.every(
      (axis, i) => Number.isInteger(axis) && axis >= 0 && axis < rank && axes.indexOf(axis) === i,
    )
  );
}

/** For every output element (row-major), the index of the input element it is. */
function permutedIndex(
  input: Shape,
  axes: readonly number[],
): { readonly shape: Shape; readonly plan: ReturnType<typeof planRows> } {
  const strides = stridesOf(input);
  const shape = axes.map((axis) => input[axis] ?? 1);
  return {
    shape,
    plan: planRows(
      shape,
      axes.map((axis) => strides[axis] ?? 0),
    ),
  };
}

/** Moves `data` from the input's layout to the permuted one, or back (`inverse`). */
function permute(
  data: Float64Array,
  input: Shape,
  axes: readonly number[],
  inverse: boolean,
): Float64Array {
  const { plan } = permutedIndex(input, axes);
  const out = new Float64Array(data.length);
  let k = 0;
  for (const start of plan.rows) {
    for (let j = 0, at = start; j < plan.length; j += 1, at += plan.step, k += 1) {
      if (inverse) {
        out[at] = data[k]!;
      } else {
        out[k] = data[at]!;
      }
    }
  }
  return out;
}

function inversePermutation(axes: readonly number[]): number[] {
  const inverse = new Array<number>(axes.length).fill(0);
  axes.forEach((axis, i) => (inverse[axis] = i));
  return inverse;
}

function isMatrixTranspose(axes: readonly number[]): boolean {
  return axes.length === 2 && axes[0] === 1 && axes[1] === 0;
}

export const transpose: TensorOpRecord<TensorOpOf<'transpose'>> = {
  symbol: () => 'ᵀ',
  description: (op) =>
    isMatrixTranspose(op.axes)
      ? 'matrix transpose: rows become columns'
      : `axes permuted: output axis i is input axis (${op.axes.join(', ')})[i]`,
  shape: (op, shapes) => {
    const operand = single('transpose', shapes);
    if (!('input' in operand)) {
      return operand;
    }
    const inShape = operand.input;
    return isPermutation(op.axes, inShape.length)
      ? permutedIndex(inShape, op.axes).shape
      : {
          mismatch: `axes (${op.axes.join(', ')}) are no permutation of the ${inShape.length} axes of shape ${shapeText(inShape)}`,
        };
  },
  forward: (op, args) => {
    const x = operandOf('transpose', args);
    return permute(x.data, x.shape, op.axes, false);
  },
  vjp: (op, _operand, upstream, args) => {
    const x = operandOf('transpose', args);
    return { shape: x.shape, data: permute(upstream.data, x.shape, op.axes, true) };
  },
  jvp: (op, tangents, args, out) => {
    const x = operandOf('transpose', args);
    const tangent = tangents[0];
    return {
      shape: out.shape,
      data:
        tangent === undefined
          ? new Float64Array(out.data.length)
          : permute(tangent.data, x.shape, op.axes, false),
    };
  },
  formula: (op, _operand, names, out, shapes, outShape) => {
    const target = gradName(names[0] ?? '?');
    const inShape = shapeText(shapes[0] ?? []);
    if (isMatrixTranspose(op.axes)) {
      return {
        rule: `${target} = (${gradName(out)})ᵀ`,
        shapes: `${inShape} = ${shapeText(outShape)}ᵀ`,
      };
    }
    const inverse = inversePermutation(op.axes).join(', ');
    return {
      rule: `${target} = transpose(${gradName(out)}, (${inverse}))`,
      shapes: `${inShape} = transpose(${shapeText(outShape)})`,
    };
  },
};

export const broadcastTo: TensorOpRecord<TensorOpOf<'broadcast_to'>> = {
  symbol: () => 'broadcast',
  description: (op) =>
    `the operand stretched to the shape ${shapeText(op.shape)} (NumPy broadcasting)`,
  shape: (op, shapes) => {
    const operand = single('broadcast_to', shapes);
    if (!('input' in operand)) {
      return operand;
    }
    const inShape = operand.input;
    return broadcastAxes(inShape, op.shape) === undefined
      ? { mismatch: `cannot broadcast shape ${shapeText(inShape)} to ${shapeText(op.shape)}` }
      : op.shape;
  },
  forward: (op, args) => expandTo(operandOf('broadcast_to', args), op.shape),
  vjp: (_op, _operand, upstream) => upstream,
  jvp: (op, tangents, _args, out) => {
    const tangent = tangents[0];
    return {
      shape: out.shape,
      data: tangent === undefined ? new Float64Array(out.data.length) : expandTo(tangent, op.shape),
    };
  },
  formula: (_op, _operand, names, out, _shapes, outShape) => ({
    rule: `${gradName(names[0] ?? '?')} = ${gradName(out)} summed over the stretched axes`,
    shapes: `${shapeText(outShape)} = ${shapeText(outShape)}`,
  }),
};
