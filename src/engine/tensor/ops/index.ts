/** The tensor op catalogue: every primitive's record (see tensorOp.ts), by kind. */
import type { TensorOp, TensorOpCatalogue, TensorOpRecord } from '../tensorOp';
import { compare, elementwise } from './elementwise';
import { concat, stack } from './join';
import { gather } from './gather';
import { broadcastTo, reshape, transpose } from './layout';
import {
  binaryCrossEntropy,
  bceWithLogits,
  crossEntropy,
  l1Loss,
  mseLoss,
  nllLoss,
} from './losses';
import { matmul } from './matmul';
import { logsumexp, max, mean, min, norm, prod, sum } from './reductions';
import { logSoftmax, softmax } from './softmax';
import { where } from './where';

export const TENSOR_OPS: TensorOpCatalogue = {
  elementwise,
  compare,
  where,
  matmul,
  sum,
  mean,
  max,
  min,
  prod,
  logsumexp,
  norm,
  reshape,
  transpose,
  broadcast_to: broadcastTo,
  concat,
  stack,
  gather,
  softmax,
  log_softmax: logSoftmax,
  cross_entropy: crossEntropy,
  nll_loss: nllLoss,
  mse_loss: mseLoss,
  l1_loss: l1Loss,
  binary_cross_entropy: binaryCrossEntropy,
  bce_with_logits: bceWithLogits,
};

/** The record of `op`'s kind, typed for `op`. */
export function tensorOpRecord<O extends TensorOp>(op: O): TensorOpRecord<O> {
  return TENSOR_OPS[op.kind] as unknown as TensorOpRecord<O>;
}
