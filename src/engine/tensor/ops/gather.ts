/**
 * Indexing with known indices (integers, slices, `None`, boolean masks, integer arrays; see
 * indexing.ts) as one primitive: output element k is input element `indices[k]`. Its VJP is a
 * scatter-add — an input element picked twice gets both gradients, as NumPy's `np.add.at`
 * (and PyTorch's `index_put_(accumulate=True)`) add them.
 */
import { shapeText, sizeOf } from '../shape';
import type { Tensor } from '../tensor';
import type { TensorOpOf, TensorOpRecord } from '../tensorOp';

type GatherOp = TensorOpOf<'gather'>;

function take(indices: Int32Array, data: Float64Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k += 1) {
    out[k] = data[indices[k] ?? 0] ?? NaN;
  }
  return out;
}

function scatterAdd(indices: Int32Array, upstream: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size);
  for (let k = 0; k < indices.length; k += 1) {
    const at = indices[k] ?? 0;
    out[at] = (out[at] ?? 0) + (upstream[k] ?? 0);
  }
  return out;
}

function firstOutOfRange(indices: Int32Array, size: number): number | undefined {
  return indices.find((index) => index < 0 || index >= size);
}

export const gather: TensorOpRecord<GatherOp> = {
  symbol: (op) => op.text,
  description: (op) =>
    `Picks elements by the index ${op.text}; the gradient is scattered back and added up where an element is picked more than once (np.add.at).`,
  shape: (op, shapes) => {
    const input = shapes[0];
    if (input === undefined || shapes.length !== 1) {
      return { mismatch: `indexing takes one tensor, not ${shapes.length}` };
    }
    if (op.indices.length !== sizeOf(op.shape)) {
      return {
        mismatch: `${op.indices.length} indices do not fill the result’s shape ${shapeText(op.shape)}`,
      };
    }
    const size = sizeOf(input);
    const outside = firstOutOfRange(op.indices, size);
    if (outside !== undefined) {
      return {
        mismatch: `flat index ${outside} is out of bounds for shape ${shapeText(input)} (${size} elements)`,
      };
    }
    return op.shape;
  },
  forward: (op, args) => take(op.indices, args[0]?.data ?? new Float64Array()),
  vjp: (op, _operand, upstream, args) => {
    const input = args[0]?.shape ?? [];
    return { shape: input, data: scatterAdd(op.indices, upstream.data, sizeOf(input)) };
  },
  jvp: (op, tangents, _args, out): Tensor => ({
    shape: out.shape,
    data:
      tangents[0] === undefined
        ? new Float64Array(out.data.length)
        : take(op.indices, tangents[0].data),
  }),
  formula: (op, _operand, names, out, shapes, outShape) => {
    const input = shapes[0] ?? [];
    return {
      rule: `∂L/∂${names[0] ?? '?'} = scatter-add of ∂L/∂${out} into ${shapeText(input)} at ${op.text}`,
      shapes: `${shapeText(input)} ← ${shapeText(outShape)}`,
    };
  },
};
