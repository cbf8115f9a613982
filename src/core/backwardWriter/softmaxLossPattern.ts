/**
 * The softmax classifier's loss as CS231n writes it — `exp_scores = np.exp(scores)`,
 * `probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)`,
 * `correct_logprobs = -np.log(probs[range(N), y])`, `data_loss = np.sum(correct_logprobs) / N`
 * — whose gradient the notes write fused: `dscores = probs.copy()`, `dscores[range(N), y] -= 1`,
 * `dscores /= N`. Recognised only when every step is exactly that and used nowhere else, and
 * when the loss reaches the output through sums only (its gradient is exactly 1); otherwise the
 * plain chain of VJPs is written.
 */
import type { TensorNode, TensorOpNode } from '../../engine/tensor/tensorIr';
import type { NumpyExpressions } from './numpyExpressions';

export interface SoftmaxLoss {
  /** The data loss node (`data_loss`) and the scores node (`scores`) whose gradient is fused. */
  readonly loss: number;
  readonly scores: number;
  readonly probs: string;
  readonly index: string;
  readonly count: string;
}

export function softmaxLoss(
  lossId: number,
  expressions: NumpyExpressions,
  usesOf: (id: number) => number,
  gradientIsOne: (id: number) => boolean,
): SoftmaxLoss | undefined {
  const loss = expressions.find(lossId);
  const mean = loss && meanOfRows(loss, expressions);
  if (mean === undefined || !gradientIsOne(lossId)) {
    return undefined;
  }
  const negated = opNode(expressions.find(mean.of), 'neg');
  const log = negated && opNode(expressions.find(negated.operands[0] ?? -1), 'log');
  const picked = log && expressions.find(log.operands[0] ?? -1);
  if (picked?.kind !== 'op' || picked.op.kind !== 'gather' || !picked.op.text.startsWith('[')) {
    return undefined;
  }
  const probs = opNode(expressions.find(picked.operands[0] ?? -1), 'div');
  const [expId = -1, sumId = -1] = probs?.operands ?? [];
  const exp = opNode(expressions.find(expId), 'exp');
  const rowSum = expressions.find(sumId);
  const scores = exp?.operands[0];
  if (probs === undefined || scores === undefined || !isRowSum(rowSum, expId)) {
    return undefined;
  }
  const [rows = 0, classes = 0] = probs.shape;
  const oneUse = [...mean.via, mean.of, negated?.id, log?.id, picked.id, probs.id, sumId, scores];
  if (
    probs.shape.length !== 2 ||
    mean.rows !== rows ||
    !onePerRow(picked.op.indices, rows, classes) ||
    !oneUse.every((id) => id !== undefined && usesOf(id) === 1) ||
    usesOf(expId) !== 2 ||
    !expressions.holdsValue(probs)
  ) {
    return undefined;
  }
  return {
    loss: lossId,
    scores,
    probs: probs.name ?? '',
    index: picked.op.text,
    count: mean.count,
  };
}

function opNode(node: TensorNode | undefined, elementwise: string): TensorOpNode | undefined {
  return node?.kind === 'op' && node.op.kind === 'elementwise' && node.op.op === elementwise
    ? node
    : undefined;
}

/** `np.sum(v) / N` with a constant N, or `np.mean(v)`: the mean of the per-row losses `v`. */
function meanOfRows(
  node: TensorNode,
  expressions: NumpyExpressions,
):
  | {
      readonly of: number;
      readonly via: readonly number[];
      readonly rows: number;
      readonly count: string;
    }
  | undefined {
  if (node.kind !== 'op') {
    return undefined;
  }
  if (node.op.kind === 'mean' && node.op.axes === null) {
    const of = node.operands[0] ?? -1;
    const perRow = expressions.find(of)?.shape ?? [];
    const rows = perRow[0] ?? 0;
    return perRow.length === 1 ? { of, via: [], rows, count: String(rows) } : undefined;
  }
  const division = opNode(node, 'div');
  const [sumId = -1, countId = -1] = division?.operands ?? [];
  const sum = expressions.find(sumId);
  const count = expressions.find(countId);
  if (
    sum?.kind !== 'op' ||
    sum.op.kind !== 'sum' ||
    sum.op.axes !== null ||
    count?.kind !== 'constant'
  ) {
    return undefined;
  }
  const [rows] = count.value.data;
  const counted = expressions.render(countId);
  if (rows === undefined || count.value.shape.length !== 0 || !counted.ok) {
    return undefined;
  }
  const of = sum.operands[0] ?? -1;
  const perRow = expressions.find(of)?.shape ?? [];
  return perRow.length === 1 && perRow[0] === rows
    ? { of, via: [sumId], rows, count: counted.text }
    : undefined;
}

/** `np.sum(exp_scores, axis=1, keepdims=True)`. */
function isRowSum(node: TensorNode | undefined, of: number): boolean {
  return (
    node?.kind === 'op' &&
    node.op.kind === 'sum' &&
    node.op.keepdims &&
    node.op.axes?.length === 1 &&
    node.op.axes[0] === 1 &&
    node.operands[0] === of
  );
}

/** `probs[range(N), y]`: one class per row, row k at flat index k·C + y_k. */
function onePerRow(indices: Int32Array, rows: number, classes: number): boolean {
  if (indices.length !== rows) {
    return false;
  }
  return indices.every((flat, row) => Math.floor(flat / classes) === row);
}
