/**
 * NumPy's where (also torch.where, jnp.where): per element, `a` where the condition is nonzero
 * and `b` elsewhere, the three operands broadcast together. The branch not taken is selected
 * away, never multiplied by 0, so an infinite or NaN value there leaves no trace in the value
 * or in the gradients (as in PyTorch, whose backward selects the upstream gradient too).
 */
import { walkOperands, rowStart, type OperandWalk } from '../broadcast';
import { shapeText, sizeOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { TensorOpOf, TensorOpRecord, VjpFormula } from '../tensorOp';
import { broadcastOrMismatch, gradName, spacedAtTop } from './elementwise';

type Op = TensorOpOf<'where'>;

const SYMBOL = 'where';

/**
 * out[k] = condition ≠ 0 ? first[k] : second[k], walking the three operands of `shapes` over
 * `shape`; an absent branch reads as 0 (a zero tangent, or the gradient not routed there).
 */
function select(
  condition: Float64Array,
  first: Float64Array | undefined,
  second: Float64Array | undefined,
  walk: OperandWalk,
  size: number,
): Float64Array {
  const out = new Float64Array(size);
  const [sc = 0, sa = 0, sb = 0] = walk.steps;
  for (let row = 0, k = 0; row < walk.rows; row += 1) {
    let ic = rowStart(walk, 0, row);
    let ia = rowStart(walk, 1, row);
    let ib = rowStart(walk, 2, row);
    for (let j = 0; j < walk.length; j += 1, k += 1, ic += sc, ia += sa, ib += sb) {
      out[k] = condition[ic] !== 0 ? (first?.[ia] ?? 0) : (second?.[ib] ?? 0);
    }
  }
  return out;
}

function operandsOf(args: readonly Tensor[]): readonly [Tensor, Tensor, Tensor] {
  const [condition, a, b] = args;
  if (condition === undefined || a === undefined || b === undefined || args.length !== 3) {
    throw new RangeError(`${SYMBOL} takes 3 operands, not ${args.length}`);
  }
  return [condition, a, b];
}

function forward(_op: Op, args: readonly Tensor[], shape: Shape): Float64Array {
  const [condition, a, b] = operandsOf(args);
  const walk = walkOperands([condition.shape, a.shape, b.shape], shape);
  return select(condition.data, a.data, b.data, walk, sizeOf(shape));
}

/**
 * ∂L/∂a = ∂L/∂y where the condition holds, ∂L/∂b where it does not, in the output's shape.
 * The upstream gradient is read as if it were the operand of that shape, so the walk reads it
 * with the output's strides and the condition with its own.
 */
function vjp(_op: Op, operand: number, upstream: Tensor, args: readonly Tensor[]): Tensor {
  const [condition] = operandsOf(args);
  if (operand !== 1 && operand !== 2) {
    throw new Error('no gradient flows to the condition of where');
  }
  const shape = upstream.shape;
  const walk = walkOperands([condition.shape, shape, shape], shape);
  const g = upstream.data;
  const data =
    operand === 1
      ? select(condition.data, g, undefined, walk, g.length)
      : select(condition.data, undefined, g, walk, g.length);
  return { shape, data };
}

/** d out = da where the condition holds, db elsewhere (a missing tangent is 0). */
function jvp(
  _op: Op,
  tangents: readonly (Tensor | undefined)[],
  args: readonly Tensor[],
  out: Tensor,
): Tensor {
  const [condition, a, b] = operandsOf(args);
  const walk = walkOperands([condition.shape, a.shape, b.shape], out.shape);
  const data = select(condition.data, tangents[1]?.data, tangents[2]?.data, walk, out.data.length);
  return { shape: out.shape, data };
}

function formula(
  _op: Op,
  operand: number,
  names: readonly string[],
  out: string,
  _shapes: readonly Shape[],
  outShape: Shape,
): VjpFormula {
  const condition = names[0] ?? '?';
  const target = gradName(names[operand] ?? '?');
  if (operand === 0) {
    return { rule: `${target}: none (the condition of where is a mask)`, shapes: '' };
  }
  const negated = spacedAtTop(condition) ? `¬(${condition})` : `¬${condition}`;
  const indicator = operand === 1 ? `1[${condition}]` : `1[${negated}]`;
  const shape = shapeText(outShape);
  return {
    rule: `${target} = ${gradName(out)} ⊙ ${indicator}`,
    shapes: `${shape} = ${shape} ⊙ ${shape}`,
  };
}

export const where: TensorOpRecord<Op> = {
  symbol: () => SYMBOL,
  description: () =>
    'where(condition, a, b): a where the condition is nonzero, b elsewhere, per element ' +
    '(NumPy broadcasting); no gradient flows to the condition',
  shape: (_op, shapes) =>
    shapes.length === 3
      ? broadcastOrMismatch(shapes)
      : { mismatch: `${SYMBOL} takes 3 operands, not ${shapes.length}` },
  forward,
  vjp,
  jvp,
  formula,
  differentiable: (_op, operand) => operand !== 0,
};
