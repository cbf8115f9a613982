/**
 * The scalar catalogue applied per element, with NumPy broadcasting of all operands, and
 * comparisons as 0/1 masks. Operands are walked row by row (see broadcast.ts); + − × ÷ have
 * loops of their own so that an affine layer pays no call per element.
 */
import type { OpName } from '../../opName';
import { opSpec } from '../../ops';
import type { OpSpec } from '../../opSpec';
import { partialFormulaTexts } from '../../partialFormulas';
import { variable } from '../../sym';
import { broadcastStrides, planRows, type RowPlan } from '../broadcast';
import { broadcastShapes, sameShape, shapeText, sizeOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { Comparison, TensorOpOf, TensorOpRecord, VjpFormula } from '../tensorOp';

/** The gradient of `out` as formulas write it. */
export function gradName(name: string): string {
  return `∂L/∂${name}`;
}

/** The broadcast of `shapes`, or the first axis on which two of them disagree. */
export function broadcastOrMismatch(
  shapes: readonly Shape[],
): Shape | { readonly mismatch: string } {
  const shape = broadcastShapes(shapes);
  if (shape !== undefined) {
    return shape;
  }
  return { mismatch: `shapes ${listText(shapes.map(shapeText))} do not fit: ${conflict(shapes)}` };
}

function listText(items: readonly string[]): string {
  if (items.length <= 2) {
    return items.join(' and ');
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `4 ≠ 3`: the first two lengths that cannot broadcast, aligned at the right. */
function conflict(shapes: readonly Shape[]): string {
  const rank = Math.max(...shapes.map((shape) => shape.length));
  for (let back = 1; back <= rank; back += 1) {
    const lengths = shapes
      .map((shape) => shape[shape.length - back])
      .filter((length): length is number => length !== undefined && length !== 1);
    const other = lengths.find((length) => length !== lengths[0]);
    if (other !== undefined) {
      return `${lengths[0]} ≠ ${other}`;
    }
  }
  return 'they do not broadcast';
}

/** How every operand is read while the output is written row by row. */
interface Walk {
  readonly rows: number;
  readonly length: number;
  /** Per operand: where each row starts in its data, and its step along the row. */
  readonly starts: readonly (Int32Array | number)[];
  readonly steps: readonly number[];
}

/**
 * Operands of the output's shape or of one element are read as one long row; anything else is
 * planned per row of the output.
 */
function walkOf(shapes: readonly Shape[], shape: Shape): Walk {
  const size = sizeOf(shape);
  if (shapes.every((s) => sameShape(s, shape) || sizeOf(s) === 1)) {
    return {
      rows: 1,
      length: size,
      starts: shapes.map(() => 0),
      steps: shapes.map((s) => (sameShape(s, shape) && size !== 1 ? 1 : 0)),
    };
  }
  const plans: RowPlan[] = shapes.map((s) => planRows(shape, broadcastStrides(s, shape)));
  const first = plans[0];
  return {
    rows: first?.rows.length ?? 0,
    length: first?.length ?? 0,
    starts: plans.map((plan) => plan.rows),
    steps: plans.map((plan) => plan.step),
  };
}

function startOf(walk: Walk, operand: number, row: number): number {
  const starts = walk.starts[operand];
  return typeof starts === 'number' ? starts : (starts?.[row] ?? 0);
}

/** Binary ops with loops of their own: an affine layer and a ReLU written as np.maximum. */
type Arithmetic = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min';

function isArithmetic(op: OpName): op is Arithmetic {
  return (
    op === 'add' || op === 'sub' || op === 'mul' || op === 'div' || op === 'max' || op === 'min'
  );
}

/** out[k + j] = a[ia + j·sa] ∘ b[ib + j·sb] for one row. */
function arithmeticRow(
  op: Arithmetic,
  out: Float64Array,
  k: number,
  a: Float64Array,
  ia: number,
  sa: number,
  b: Float64Array,
  ib: number,
  sb: number,
  length: number,
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
  }
}

/** Any op of the catalogue per element; `args` is reused from element to element. */
function generalForward(
  spec: OpSpec,
  data: readonly Float64Array[],
  walk: Walk,
  out: Float64Array,
): void {
  const args = data.map(() => 0);
  let k = 0;
  for (let row = 0; row < walk.rows; row += 1) {
    const at = data.map((_, i) => startOf(walk, i, row));
    for (let j = 0; j < walk.length; j += 1) {
      for (let i = 0; i < data.length; i += 1) {
        args[i] = data[i]![at[i]! + j * walk.steps[i]!]!;
      }
      out[k] = spec.forward(args);
      k += 1;
    }
  }
}

function forward(
  op: TensorOpOf<'elementwise'>,
  args: readonly Tensor[],
  shape: Shape,
): Float64Array {
  const out = new Float64Array(sizeOf(shape));
  const walk = walkOf(
    args.map((arg) => arg.shape),
    shape,
  );
  const [a, b] = args;
  if (isArithmetic(op.op) && a !== undefined && b !== undefined && args.length === 2) {
    for (let row = 0, k = 0; row < walk.rows; row += 1, k += walk.length) {
      arithmeticRow(
        op.op,
        out,
        k,
        a.data,
        startOf(walk, 0, row),
        walk.steps[0]!,
        b.data,
        startOf(walk, 1, row),
        walk.steps[1]!,
        walk.length,
      );
    }
    return out;
  }
  generalForward(
    opSpec(op.op),
    args.map((arg) => arg.data),
    walk,
    out,
  );
  return out;
}

/** Operand `i` read in the output's shape (a copy when it was broadcast). */
function spread(arg: Tensor, shape: Shape): Float64Array {
  if (sameShape(arg.shape, shape)) {
    return arg.data;
  }
  const walk = walkOf([arg.shape], shape);
  const out = new Float64Array(sizeOf(shape));
  for (let row = 0, k = 0; row < walk.rows; row += 1) {
    for (
      let j = 0, at = startOf(walk, 0, row);
      j < walk.length;
      j += 1, k += 1, at += walk.steps[0]!
    ) {
      out[k] = arg.data[at]!;
    }
  }
  return out;
}

/**
 * ∂L/∂operand in the output's shape: + and − pass the upstream gradient on (negated for the
 * subtrahend), × and ÷ have loops of their own, every other op multiplies by its partial.
 */
function vjp(
  op: TensorOpOf<'elementwise'>,
  operand: number,
  upstream: Tensor,
  args: readonly Tensor[],
  out: Tensor,
): Tensor {
  const shape = out.shape;
  const g = upstream.data;
  if (op.op === 'add' || (op.op === 'sub' && operand === 0) || op.op === 'select') {
    return { shape, data: g };
  }
  const grad = new Float64Array(g.length);
  if (op.op === 'sub' || op.op === 'neg') {
    for (let k = 0; k < g.length; k += 1) grad[k] = -g[k]!;
    return { shape, data: grad };
  }
  const a = args[0];
  const b = args[1];
  if ((op.op === 'mul' || op.op === 'div') && a !== undefined && b !== undefined) {
    const other = spread(operand === 0 ? b : a, shape);
    if (op.op === 'mul') {
      for (let k = 0; k < g.length; k += 1) grad[k] = g[k]! * other[k]!;
    } else if (operand === 0) {
      for (let k = 0; k < g.length; k += 1) grad[k] = g[k]! / other[k]!;
    } else {
      const denominator = spread(b, shape);
      for (let k = 0; k < g.length; k += 1) {
        const d = denominator[k]!;
        grad[k] = g[k]! * (-other[k]! / (d * d));
      }
    }
    return { shape, data: grad };
  }
  if (
    (op.op === 'max' || op.op === 'min') &&
    a !== undefined &&
    b !== undefined &&
    args.length === 2
  ) {
    const own = spread(operand === 0 ? a : b, shape);
    const other = spread(operand === 0 ? b : a, shape);
    for (let k = 0; k < g.length; k += 1)
      grad[k] = g[k]! * routerShare(own[k]!, other[k]!, out.data[k]!);
    return { shape, data: grad };
  }
  const partials = localPartials(op.op, operand, args, out);
  for (let k = 0; k < g.length; k += 1) grad[k] = g[k]! * partials[k]!;
  return { shape, data: grad };
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

/** ∂out/∂args[operand] at every element of the output. */
function localPartials(
  op: OpName,
  operand: number,
  args: readonly Tensor[],
  out: Tensor,
): Float64Array {
  const spec = opSpec(op);
  const data = args.map((arg) => spread(arg, out.shape));
  const point = data.map(() => 0);
  const partials = new Float64Array(out.data.length);
  for (let k = 0; k < partials.length; k += 1) {
    for (let i = 0; i < data.length; i += 1) point[i] = data[i]![k]!;
    partials[k] = spec.partials(point, out.data[k]!)[operand] ?? 0;
  }
  return partials;
}

function jvp(
  op: TensorOpOf<'elementwise'>,
  tangents: readonly (Tensor | undefined)[],
  args: readonly Tensor[],
  out: Tensor,
): Tensor {
  const result = new Float64Array(out.data.length);
  tangents.forEach((tangent, operand) => {
    if (tangent === undefined) {
      return;
    }
    const partials = localPartials(op.op, operand, args, out);
    const along = spread(tangent, out.shape);
    for (let k = 0; k < result.length; k += 1) result[k] = result[k]! + partials[k]! * along[k]!;
  });
  return { shape: out.shape, data: result };
}

function formula(
  op: TensorOpOf<'elementwise'>,
  operand: number,
  names: readonly string[],
  out: string,
  _shapes: readonly Shape[],
  outShape: Shape,
): VjpFormula {
  const local = partialFormulaTexts(op.op, names.map(variable))[operand] ?? '0';
  const target = gradName(names[operand] ?? '?');
  const upstream = gradName(out);
  const shape = shapeText(outShape);
  switch (local) {
    case '0':
      return { rule: `${target} = 0`, shapes: shape };
    case '1':
      return { rule: `${target} = ${upstream}`, shapes: `${shape} = ${shape}` };
    case '−1':
      return { rule: `${target} = −${upstream}`, shapes: `${shape} = ${shape}` };
    default: {
      const factor = spacedAtTop(local) ? `(${local})` : local;
      return {
        rule: `${target} = ${upstream} ⊙ ${factor}`,
        shapes: `${shape} = ${shape} ⊙ ${shape}`,
      };
    }
  }
}

/** Whether `text` has a space outside brackets: `a + b` needs parentheses after ⊙, `1[x > 0]` not. */
function spacedAtTop(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(' || char === '[') {
      depth += 1;
    } else if (char === ')' || char === ']') {
      depth -= 1;
    } else if (char === ' ' && depth === 0) {
      return true;
    }
  }
  return false;
}

function shape(
  op: TensorOpOf<'elementwise'>,
  shapes: readonly Shape[],
): Shape | { readonly mismatch: string } {
  const { arity } = opSpec(op.op);
  if (shapes.length < arity.min || shapes.length > arity.max) {
    return { mismatch: `${op.op} takes ${arityText(arity.min, arity.max)}, not ${shapes.length}` };
  }
  return broadcastOrMismatch(shapes);
}

function arityText(min: number, max: number): string {
  if (min === max) {
    return min === 1 ? '1 operand' : `${min} operands`;
  }
  return max === Infinity ? `at least ${min} operands` : `${min} to ${max} operands`;
}

export const elementwise: TensorOpRecord<TensorOpOf<'elementwise'>> = {
  symbol: (op) => opSpec(op.op).symbol,
  description: (op) => `${opSpec(op.op).description}, per element (NumPy broadcasting)`,
  shape,
  forward,
  vjp,
  jvp,
  formula,
};

const COMPARISONS: Readonly<Record<Comparison, (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function compareForward(
  op: TensorOpOf<'compare'>,
  args: readonly Tensor[],
  shape: Shape,
): Float64Array {
  const test = COMPARISONS[op.operator];
  const [a, b] = args.map((arg) => spread(arg, shape));
  const out = new Float64Array(sizeOf(shape));
  for (let k = 0; k < out.length; k += 1) out[k] = test(a![k]!, b![k]!) ? 1 : 0;
  return out;
}

export const compare: TensorOpRecord<TensorOpOf<'compare'>> = {
  symbol: (op) => op.operator,
  description: (op) =>
    `comparison a ${op.operator} b per element: a 0/1 mask, through which no gradient flows`,
  shape: (op, shapes) =>
    shapes.length === 2
      ? broadcastOrMismatch(shapes)
      : { mismatch: `${op.operator} takes 2 operands, not ${shapes.length}` },
  forward: compareForward,
  vjp: () => {
    throw new Error('no gradient flows through a comparison');
  },
  // A mask is piecewise constant: its tangent is 0 wherever it has one.
  jvp: (_op, _tangents, _args, out) => ({
    shape: out.shape,
    data: new Float64Array(out.data.length),
  }),
  formula: (_op, operand, names) => ({
    rule: `${gradName(names[operand] ?? '?')}: none (a comparison is a 0/1 mask)`,
    shapes: '',
  }),
  differentiable: () => false,
};
