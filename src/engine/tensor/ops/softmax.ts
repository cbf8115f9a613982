/**
 * `softmax` and `log_softmax` along one axis, computed stably: each line has its maximum
 * subtracted before `exp`, as NumPy code, PyTorch and JAX do, so large logits do not overflow.
 */
import { axisLayout, axisOf, resolvedAxis, type AxisLayout } from '../axes';
import { shapeText, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { TensorOpOf, TensorOpRecord } from '../tensorOp';

type SoftmaxOp = TensorOpOf<'softmax'> | TensorOpOf<'log_softmax'>;

function softmaxShape(
  op: SoftmaxOp,
  shapes: readonly Shape[],
): Shape | { readonly mismatch: string } {
  const input = shapes[0];
  if (input === undefined || shapes.length !== 1) {
    return { mismatch: `${op.kind} takes one tensor, not ${shapes.length}` };
  }
  const axis = axisOf(op.axis, input.length);
  return typeof axis === 'number' ? input : axis;
}

function layoutOf(op: SoftmaxOp, shape: Shape): AxisLayout {
  return axisLayout(shape, resolvedAxis(op.axis, shape.length));
}

/** Calls `line(start)` for the first element of every line along the layout's axis. */
function eachLine(layout: AxisLayout, line: (start: number) => void): void {
  for (let o = 0; o < layout.outer; o += 1) {
    for (let j = 0; j < layout.inner; j += 1) {
      line(o * layout.length * layout.inner + j);
    }
  }
}

/** softmax along the axis, or log_softmax when `log`. */
function softmaxOf(layout: AxisLayout, data: Float64Array, log: boolean): Float64Array {
  const out = new Float64Array(data.length);
  const { length, inner } = layout;
  eachLine(layout, (start) => {
    let max = -Infinity;
    for (let i = 0; i < length; i += 1) {
      max = Math.max(max, data[start + i * inner] ?? NaN);
    }
    // A line of -∞ stays NaN as in NumPy; +∞ gives NaN too (∞ − ∞), as everywhere else.
    const shift = Number.isFinite(max) ? max : 0;
    let total = 0;
    for (let i = 0; i < length; i += 1) {
      total += Math.exp((data[start + i * inner] ?? NaN) - shift);
    }
    const logTotal = Math.log(total);
    for (let i = 0; i < length; i += 1) {
      const at = start + i * inner;
      const shifted = (data[at] ?? NaN) - shift;
      out[at] = log ? shifted - logTotal : Math.exp(shifted - logTotal);
    }
  });
  return out;
}

/** Σ along the axis of `a ⊙ b` (or of `a` when `b` is absent), one value per line. */
function lineSums(layout: AxisLayout, a: Float64Array, b?: Float64Array): Float64Array {
  const sums = new Float64Array(a.length);
  const { length, inner } = layout;
  eachLine(layout, (start) => {
    let total = 0;
    for (let i = 0; i < length; i += 1) {
      const at = start + i * inner;
      total += (a[at] ?? NaN) * (b === undefined ? 1 : (b[at] ?? NaN));
    }
    for (let i = 0; i < length; i += 1) {
      sums[start + i * inner] = total;
    }
  });
  return sums;
}

/** s ⊙ (g − Σ(g ⊙ s)): the softmax's VJP of `g`, and its JVP of a tangent `g` alike. */
function softmaxProduct(layout: AxisLayout, s: Float64Array, g: Float64Array): Float64Array {
  const sums = lineSums(layout, g, s);
  return s.map((value, k) => value * ((g[k] ?? NaN) - (sums[k] ?? NaN)));
}

export const softmax: TensorOpRecord<TensorOpOf<'softmax'>> = {
  symbol: () => 'softmax',
  description: (op) =>
    `Softmax along axis ${op.axis}: exp of each element over the sum of exps of its line, computed with the line's maximum subtracted.`,
  shape: softmaxShape,
  forward: (op, args, shape) =>
    softmaxOf(layoutOf(op, shape), args[0]?.data ?? new Float64Array(), false),
  vjp: (op, _operand, upstream, _args, out) => ({
    shape: out.shape,
    data: softmaxProduct(layoutOf(op, out.shape), out.data, upstream.data),
  }),
  jvp: (op, tangents, _args, out): Tensor => ({
    shape: out.shape,
    data:
      tangents[0] === undefined
        ? new Float64Array(out.data.length)
        : softmaxProduct(layoutOf(op, out.shape), out.data, tangents[0].data),
  }),
  formula: (op, _operand, names, out, shapes) => ({
    rule: `∂L/∂${names[0] ?? '?'} = ${out} ⊙ (∂L/∂${out} − Σ_axis${op.axis}(∂L/∂${out} ⊙ ${out}))`,
    shapes: `${shapeText(shapes[0] ?? [])} = ${shapeText(shapes[0] ?? [])}`,
  }),
};

export const logSoftmax: TensorOpRecord<TensorOpOf<'log_softmax'>> = {
  symbol: () => 'log_softmax',
  description: (op) =>
    `Log-softmax along axis ${op.axis}: each element minus the log-sum-exp of its line, computed with the line's maximum subtracted.`,
  shape: softmaxShape,
  forward: (op, args, shape) =>
    softmaxOf(layoutOf(op, shape), args[0]?.data ?? new Float64Array(), true),
  vjp: (op, _operand, upstream, _args, out) => {
    const layout = layoutOf(op, out.shape);
    const sums = lineSums(layout, upstream.data);
    return {
      shape: out.shape,
      data: upstream.data.map((g, k) => g - Math.exp(out.data[k] ?? NaN) * (sums[k] ?? NaN)),
    };
  },
  jvp: (op, tangents, _args, out): Tensor => {
    const tangent = tangents[0];
    if (tangent === undefined) {
      return { shape: out.shape, data: new Float64Array(out.data.length) };
    }
    const s = out.data.map(Math.exp);
    const sums = lineSums(layoutOf(op, out.shape), tangent.data, s);
    return { shape: out.shape, data: tangent.data.map((dz, k) => dz - (sums[k] ?? NaN)) };
  },
  formula: (op, _operand, names, out, shapes) => {
    const z = names[0] ?? '?';
    return {
      rule: `∂L/∂${z} = ∂L/∂${out} − softmax(${z}) ⊙ Σ_axis${op.axis} ∂L/∂${out}`,
      shapes: `${shapeText(shapes[0] ?? [])} = ${shapeText(shapes[0] ?? [])}`,
    };
  },
};
