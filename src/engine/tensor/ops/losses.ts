/**
 * PyTorch's losses (torch.nn.functional), with its reductions: `none` keeps one loss per
 * element (per row for the class losses), `sum` adds them up, `mean` divides the sum by the
 * element count — by the count of rows not ignored for the class losses, whose targets may be
 * PyTorch's default `ignore_index` of −100.
 */
import { assertNever } from '../../assertNever';
import { unequalShapes } from '../axes';
import { shapeText, sizeOf, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import type { ClassLossOp, PairLossOp, Reduction, TensorOpOf, TensorOpRecord } from '../tensorOp';

type Mismatch = { readonly mismatch: string };

/** PyTorch's default `ignore_index`: a row with this target adds nothing and is not counted. */
const IGNORE_INDEX = -100;

/** The loss of one reduction for these per-element losses. */
function reduce(reduction: Reduction, losses: Float64Array, count: number): Float64Array {
  switch (reduction) {
    case 'none':
      return losses;
    case 'sum':
      return Float64Array.of(losses.reduce((total, loss) => total + loss, 0));
    case 'mean':
      return Float64Array.of(losses.reduce((total, loss) => total + loss, 0) / count);
    default:
      return assertNever(reduction, 'reduction');
  }
}

/** ∂L/∂(element k's loss) for the upstream gradient of the reduced loss. */
function elementWeights(
  reduction: Reduction,
  upstream: Float64Array,
  size: number,
  count: number,
): Float64Array {
  switch (reduction) {
    case 'none':
      return upstream;
    case 'sum':
      return new Float64Array(size).fill(upstream[0] ?? NaN);
    case 'mean':
      return new Float64Array(size).fill((upstream[0] ?? NaN) / count);
    default:
      return assertNever(reduction, 'reduction');
  }
}

/** How the reduction enters a formula: `/ 4` after the mean's count, nothing after a sum. */
function reductionText(reduction: Reduction, count: number): string {
  return reduction === 'mean' ? ` / ${count}` : '';
}

function reducedShape(reduction: Reduction, shape: Shape): Shape {
  return reduction === 'none' ? shape : [];
}

// Class losses: logits or log-probabilities (N, C) or (C,), one class index per row.

interface Rows {
  readonly rows: number;
  readonly classes: number;
}

function rowsOf(shape: Shape): Rows {
  return shape.length === 1
    ? { rows: 1, classes: shape[0] ?? 0 }
    : { rows: shape[0] ?? 0, classes: shape[1] ?? 0 };
}

function classLossShape(op: ClassLossOp, shapes: readonly Shape[]): Shape | Mismatch {
  const input = shapes[0];
  if (input === undefined || shapes.length !== 1) {
    return { mismatch: `${op.kind} takes one tensor of scores, not ${shapes.length}` };
  }
  if (input.length !== 1 && input.length !== 2) {
    return { mismatch: `${op.kind} takes scores of shape (N, C) or (C,), not ${shapeText(input)}` };
  }
  const { rows, classes } = rowsOf(input);
  if (op.targets.length !== rows) {
    return {
      mismatch: `scores ${shapeText(input)} and ${op.targets.length} targets do not fit: ${rows} ≠ ${op.targets.length}`,
    };
  }
  const outside = op.targets.findIndex(
    (target) => target !== IGNORE_INDEX && (target < 0 || target >= classes),
  );
  if (outside >= 0) {
    return {
      mismatch: `target ${op.targets[outside]} (at ${outside}) is out of bounds for ${classes} classes`,
    };
  }
  return reducedShape(op.reduction, input.length === 1 ? [] : [rows]);
}

function counted(targets: Int32Array): number {
  return targets.reduce((count, target) => count + (target === IGNORE_INDEX ? 0 : 1), 0);
}

/** Each row's log-sum-exp, computed with the row's maximum subtracted. */
function rowLogSumExp(data: Float64Array, row: number, classes: number): number {
  let max = -Infinity;
  for (let c = 0; c < classes; c += 1) {
    max = Math.max(max, data[row * classes + c] ?? NaN);
  }
  const shift = Number.isFinite(max) ? max : 0;
  let total = 0;
  for (let c = 0; c < classes; c += 1) {
    total += Math.exp((data[row * classes + c] ?? NaN) - shift);
  }
  return shift + Math.log(total);
}

function classLosses(op: ClassLossOp, input: Tensor): Float64Array {
  const { rows, classes } = rowsOf(input.shape);
  const losses = new Float64Array(rows);
  for (let n = 0; n < rows; n += 1) {
    const target = op.targets[n] ?? IGNORE_INDEX;
    if (target === IGNORE_INDEX) {
      continue;
    }
    const picked = input.data[n * classes + target] ?? NaN;
    losses[n] =
      op.kind === 'cross_entropy' ? rowLogSumExp(input.data, n, classes) - picked : -picked;
  }
  return losses;
}

/** ∂(row n's loss)/∂(row n's scores), row by row: softmax − one-hot, or − one-hot. */
function classLossPartials(op: ClassLossOp, input: Tensor): Float64Array {
  const { rows, classes } = rowsOf(input.shape);
  const partials = new Float64Array(input.data.length);
  for (let n = 0; n < rows; n += 1) {
    const target = op.targets[n] ?? IGNORE_INDEX;
    if (target === IGNORE_INDEX) {
      continue;
    }
    if (op.kind === 'cross_entropy') {
      const lse = rowLogSumExp(input.data, n, classes);
      for (let c = 0; c < classes; c += 1) {
        partials[n * classes + c] = Math.exp((input.data[n * classes + c] ?? NaN) - lse);
      }
    }
    partials[n * classes + target] = (partials[n * classes + target] ?? 0) - 1;
  }
  return partials;
}

function classLossRecord(
  description: string,
  partialText: (scores: string) => string,
): TensorOpRecord<ClassLossOp> {
  return {
    symbol: (op) => op.kind,
    description: () => description,
    shape: classLossShape,
    forward: (op, args) => {
      const losses = classLosses(op, args[0] ?? { shape: [], data: new Float64Array() });
      return reduce(op.reduction, losses, counted(op.targets));
    },
    vjp: (op, _operand, upstream, args) => {
      const input = args[0] ?? { shape: [], data: new Float64Array() };
      const { rows, classes } = rowsOf(input.shape);
      const weights = elementWeights(op.reduction, upstream.data, rows, counted(op.targets));
      const partials = classLossPartials(op, input);
      // An ignored row gets no gradient, even when the mean over no rows is NaN (as in PyTorch).
      const weightOf = (row: number): number =>
        op.targets[row] === IGNORE_INDEX ? 0 : (weights[row] ?? NaN);
      return {
        shape: input.shape,
        data: partials.map((p, k) => p * weightOf(Math.floor(k / classes))),
      };
    },
    jvp: (op, tangents, args, out) => {
      const input = args[0] ?? { shape: [], data: new Float64Array() };
      const tangent = tangents[0];
      if (tangent === undefined) {
        return { shape: out.shape, data: new Float64Array(out.data.length) };
      }
      const { rows, classes } = rowsOf(input.shape);
      const partials = classLossPartials(op, input);
      const perRow = new Float64Array(rows);
      partials.forEach((p, k) => {
        const n = Math.floor(k / classes);
        perRow[n] = (perRow[n] ?? 0) + p * (tangent.data[k] ?? NaN);
      });
      return { shape: out.shape, data: reduce(op.reduction, perRow, counted(op.targets)) };
    },
    formula: (op, _operand, names, out, shapes, outShape) => {
      const scores = names[0] ?? '?';
      const perRow = op.reduction === 'none' && (shapes[0]?.length ?? 0) === 2;
      const upstream = perRow ? `∂L/∂${out}[:, None]` : `∂L/∂${out}`;
      return {
        rule: `∂L/∂${scores} = (${partialText(scores)})${reductionText(op.reduction, counted(op.targets))} ⊙ ${upstream}`,
        shapes: `${shapeText(shapes[0] ?? [])} = ${shapeText(shapes[0] ?? [])} ⊙ ${shapeText(outShape)}`,
      };
    },
  };
}

export const crossEntropy: TensorOpRecord<TensorOpOf<'cross_entropy'>> = classLossRecord(
  'Cross-entropy of logits and class indices (F.cross_entropy): log-sum-exp of each row minus its target class score, then the reduction.',
  (scores) => `softmax(${scores}) − onehot(targets)`,
);

export const nllLoss: TensorOpRecord<TensorOpOf<'nll_loss'>> = classLossRecord(
  'Negative log-likelihood of log-probabilities and class indices (F.nll_loss): minus each row’s target entry, then the reduction.',
  () => '−onehot(targets)',
);

// Pair losses: input and target of one shape, one loss per element.

interface PairRule {
  readonly symbol: string;
  readonly description: string;
  loss(x: number, t: number): number;
  /** ∂loss/∂x, as PyTorch's backward computes it. */
  dInput(x: number, t: number): number;
  /** ∂loss/∂t, as PyTorch's backward computes it. */
  dTarget(x: number, t: number): number;
  /** The per-element partials as text, for operand 0 and 1. */
  partialText(operand: number, x: string, t: string): string;
  /** Refuses inputs the loss is not defined for (PyTorch raises an error for them). */
  check?(input: Float64Array): void;
}

/**
 * Below this the BCE log is clamped (PyTorch's −100), and its backward's denominator is at least
 * PyTorch's 1e-12 — a float32 constant there, hence `fround`, so ∂L/∂p at p = 0 or 1 is its −1e12.
 */
const BCE_LOG_FLOOR = -100;
const BCE_EPSILON = Math.fround(1e-12);

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

const MSE: PairRule = {
  symbol: 'mse',
  description:
    'Mean squared error (F.mse_loss): (input − target)² per element, then the reduction.',
  loss: (x, t) => (x - t) ** 2,
  dInput: (x, t) => 2 * (x - t),
  dTarget: (x, t) => -2 * (x - t),
  partialText: (operand, x, t) => (operand === 0 ? `2(${x} − ${t})` : `−2(${x} − ${t})`),
};

const L1: PairRule = {
  symbol: 'l1',
  description:
    'Mean absolute error (F.l1_loss): |input − target| per element, then the reduction; its gradient at a tie is 0, as PyTorch’s sign.',
  loss: (x, t) => Math.abs(x - t),
  dInput: (x, t) => Math.sign(x - t),
  dTarget: (x, t) => -Math.sign(x - t),
  partialText: (operand, x, t) => (operand === 0 ? `sign(${x} − ${t})` : `−sign(${x} − ${t})`),
};

const BCE: PairRule = {
  symbol: 'bce',
  description:
    'Binary cross-entropy of probabilities (F.binary_cross_entropy): −(t·log p + (1 − t)·log(1 − p)) per element with each log clamped at −100 as PyTorch does, then the reduction; the target gets a gradient too, log(1 − p) − log p, as in PyTorch 1.13.',
  loss: (x, t) =>
    -(t * Math.max(Math.log(x), BCE_LOG_FLOOR) + (1 - t) * Math.max(Math.log1p(-x), BCE_LOG_FLOOR)),
  dInput: (x, t) => (x - t) / Math.max((1 - x) * x, BCE_EPSILON),
  dTarget: (x) => Math.log1p(-x) - Math.log(x),
  partialText: (operand, x, t) =>
    operand === 0 ? `(${x} − ${t}) / max(${x}(1 − ${x}), 1e-12)` : `log(1 − ${x}) − log ${x}`,
  check: (input) => {
    const outside = input.findIndex((x) => !(x >= 0 && x <= 1));
    if (outside >= 0) {
      throw new RangeError(
        `binary_cross_entropy: all elements of input should be between 0 and 1, but element ${outside} is ${input[outside]}`,
      );
    }
  },
};

const BCE_WITH_LOGITS: PairRule = {
  symbol: 'bce_logits',
  description:
    'Binary cross-entropy of logits (F.binary_cross_entropy_with_logits) in its stable form max(x, 0) − x·t + log(1 + e^−|x|) per element, then the reduction.',
  loss: (x, t) => Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x))),
  dInput: (x, t) => sigmoid(x) - t,
  dTarget: (x) => -x,
  partialText: (operand, x, t) => (operand === 0 ? `σ(${x}) − ${t}` : `−${x}`),
};

function pairShape(op: PairLossOp, shapes: readonly Shape[]): Shape | Mismatch {
  if (shapes.length !== 2) {
    return { mismatch: `${op.kind} takes an input and a target, not ${shapes.length} tensors` };
  }
  const unequal = unequalShapes(shapes);
  return unequal === undefined
    ? reducedShape(op.reduction, shapes[0] ?? [])
    : { mismatch: unequal };
}

function pairLossRecord(rule: PairRule): TensorOpRecord<PairLossOp> {
  const partials = (operand: number, x: Float64Array, t: Float64Array): Float64Array =>
    x.map((value, k) =>
      operand === 0 ? rule.dInput(value, t[k] ?? NaN) : rule.dTarget(value, t[k] ?? NaN),
    );
  const operands = (args: readonly Tensor[]): readonly [Float64Array, Float64Array] => [
    args[0]?.data ?? new Float64Array(),
    args[1]?.data ?? new Float64Array(),
  ];
  return {
    symbol: () => rule.symbol,
    description: () => rule.description,
    shape: pairShape,
    forward: (op, args) => {
      const [x, t] = operands(args);
      rule.check?.(x);
      return reduce(
        op.reduction,
        x.map((value, k) => rule.loss(value, t[k] ?? NaN)),
        x.length,
      );
    },
    vjp: (op, operand, upstream, args) => {
      const [x, t] = operands(args);
      const weights = elementWeights(op.reduction, upstream.data, x.length, x.length);
      return {
        shape: args[operand]?.shape ?? [],
        data: partials(operand, x, t).map((p, k) => p * (weights[k] ?? NaN)),
      };
    },
    jvp: (op, tangents, args, out) => {
      const [x, t] = operands(args);
      const change = new Float64Array(x.length);
      tangents.forEach((tangent, operand) => {
        if (tangent === undefined) {
          return;
        }
        partials(operand, x, t).forEach((p, k) => {
          change[k] = (change[k] ?? 0) + p * (tangent.data[k] ?? NaN);
        });
      });
      return { shape: out.shape, data: reduce(op.reduction, change, x.length) };
    },
    formula: (op, operand, names, out, shapes, outShape) => {
      const x = names[0] ?? '?';
      const t = names[1] ?? '?';
      const size = sizeOf(shapes[0] ?? []);
      const wrt = operand === 0 ? x : t;
      return {
        rule: `∂L/∂${wrt} = ${rule.partialText(operand, x, t)}${reductionText(op.reduction, size)} ⊙ ∂L/∂${out}`,
        shapes: `${shapeText(shapes[operand] ?? [])} = ${shapeText(shapes[operand] ?? [])} ⊙ ${shapeText(outShape)}`,
      };
    },
  };
}

export const mseLoss: TensorOpRecord<TensorOpOf<'mse_loss'>> = pairLossRecord(MSE);
export const l1Loss: TensorOpRecord<TensorOpOf<'l1_loss'>> = pairLossRecord(L1);
export const binaryCrossEntropy: TensorOpRecord<TensorOpOf<'binary_cross_entropy'>> =
  pairLossRecord(BCE);
export const bceWithLogits: TensorOpRecord<TensorOpOf<'bce_with_logits'>> =
  pairLossRecord(BCE_WITH_LOGITS);
