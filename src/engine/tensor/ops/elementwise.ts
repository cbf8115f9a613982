/**
 * The scalar catalogue applied per element, with NumPy broadcasting of all operands, and
 * comparisons as 0/1 masks. Operands are walked row by row (see broadcast.ts), never copied out
 * to the output's shape; the common ops have loops of their own (elementwiseKernels.ts) and
 * every other op goes through its scalar record element by element.
 */
import { assertNever } from '../../assertNever';
import { opSpec } from '../../ops';
import type { OpSpec } from '../../opSpec';
import { partialFormulaTexts } from '../../partialFormulas';
import { variable } from '../../sym';
import { expandTo, rowStart, walkOperands, type OperandWalk } from '../broadcast';
import { broadcastShapes, sameShape, shapeText, sizeOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { Comparison, TensorOpOf, TensorOpRecord, VjpFormula } from '../tensorOp';
import {
  binaryForward,
  binaryVjp,
  isBinaryKernel,
  isUnaryKernel,
  unaryForward,
  unaryVjp,
} from './elementwiseKernels';

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

/** Any op of the catalogue per element, through its record; `args` is reused per element. */
function recordForward(
  spec: OpSpec,
  data: readonly Float64Array[],
  walk: OperandWalk,
  out: Float64Array,
): void {
  const args = data.map(() => 0);
  for (let row = 0, k = 0; row < walk.rows; row += 1) {
    const at = data.map((_, i) => rowStart(walk, i, row));
    for (let j = 0; j < walk.length; j += 1, k += 1) {
      for (let i = 0; i < data.length; i += 1) {
        args[i] = data[i]![at[i]! + j * walk.steps[i]!]!;
      }
      out[k] = spec.forward(args);
    }
  }
}

/** grad = g ⊙ ∂out/∂args[operand] per element, through the record's partials. */
function recordVjp(
  spec: OpSpec,
  operand: number,
  g: Float64Array,
  data: readonly Float64Array[],
  walk: OperandWalk,
  out: Float64Array,
  grad: Float64Array,
): void {
  const args = data.map(() => 0);
  for (let row = 0, k = 0; row < walk.rows; row += 1) {
    const at = data.map((_, i) => rowStart(walk, i, row));
    for (let j = 0; j < walk.length; j += 1, k += 1) {
      for (let i = 0; i < data.length; i += 1) {
        args[i] = data[i]![at[i]! + j * walk.steps[i]!]!;
      }
      grad[k] = g[k]! * (spec.partials(args, out[k]!)[operand] ?? 0);
    }
  }
}

function forward(
  op: TensorOpOf<'elementwise'>,
  args: readonly Tensor[],
  shape: Shape,
): Float64Array {
  const out = new Float64Array(sizeOf(shape));
  const [a, b] = args;
  if (args.length === 1 && a !== undefined && isUnaryKernel(op.op)) {
    unaryForward(op.op, a.data, out);
    return out;
  }
  const walk = walkOperands(
    args.map((arg) => arg.shape),
    shape,
  );
  if (args.length === 2 && a !== undefined && b !== undefined && isBinaryKernel(op.op)) {
    binaryForward(op.op, walk, a.data, b.data, out);
    return out;
  }
  recordForward(
    opSpec(op.op),
    args.map((arg) => arg.data),
    walk,
    out,
  );
  return out;
}

/**
 * ∂L/∂operand in the output's shape: + and − pass the upstream gradient on (negated for the
 * subtrahend), the common ops have loops of their own, every other op multiplies by its
 * record's partial element by element.
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
  const [a, b] = args;
  if (args.length === 1 && a !== undefined && isUnaryKernel(op.op)) {
    unaryVjp(op.op, g, a.data, out.data, grad);
    return { shape, data: grad };
  }
  const walk = walkOperands(
    args.map((arg) => arg.shape),
    shape,
  );
  if (
    args.length === 2 &&
    a !== undefined &&
    b !== undefined &&
    isBinaryKernel(op.op) &&
    (operand === 0 || operand === 1)
  ) {
    binaryVjp(op.op, operand, walk, g, a.data, b.data, out.data, grad);
    return { shape, data: grad };
  }
  recordVjp(
    opSpec(op.op),
    operand,
    g,
    args.map((arg) => arg.data),
    walk,
    out.data,
    grad,
  );
  return { shape, data: grad };
}

/** Σ over the operands with a tangent of ∂out/∂operand ⊙ tangent: the VJP's products, summed. */
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
    const along = sameShape(tangent.shape, out.shape)
      ? tangent
      : { shape: out.shape, data: expandTo(tangent, out.shape) };
    const product = vjp(op, operand, along, args, out).data;
    for (let k = 0; k < result.length; k += 1) result[k] = result[k]! + product[k]!;
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
export function spacedAtTop(text: string): boolean {
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

function compareRow(
  operator: Comparison,
  out: Float64Array,
  k: number,
  end: number,
  a: Float64Array,
  ia: number,
  sa: number,
  b: Float64Array,
  ib: number,
  sb: number,
): void {
  switch (operator) {
    case '<':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! < b[ib]! ? 1 : 0;
      return;
    case '<=':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! <= b[ib]! ? 1 : 0;
      return;
    case '>':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! > b[ib]! ? 1 : 0;
      return;
    case '>=':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! >= b[ib]! ? 1 : 0;
      return;
    case '==':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! === b[ib]! ? 1 : 0;
      return;
    case '!=':
      for (; k < end; k += 1, ia += sa, ib += sb) out[k] = a[ia]! !== b[ib]! ? 1 : 0;
      return;
    default:
      assertNever(operator, 'comparison');
  }
}

function compareForward(
  op: TensorOpOf<'compare'>,
  args: readonly Tensor[],
  shape: Shape,
): Float64Array {
  const out = new Float64Array(sizeOf(shape));
  const [a, b] = args;
  if (a === undefined || b === undefined) {
    throw new RangeError(`${op.operator} takes 2 operands, not ${args.length}`);
  }
  const walk = walkOperands([a.shape, b.shape], shape);
  const [sa = 0, sb = 0] = walk.steps;
  for (let row = 0, k = 0; row < walk.rows; row += 1, k += walk.length) {
    const ia = rowStart(walk, 0, row);
    const ib = rowStart(walk, 1, row);
    compareRow(op.operator, out, k, k + walk.length, a.data, ia, sa, b.data, ib, sb);
  }
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
