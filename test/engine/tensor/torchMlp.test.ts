/**
 * A two-layer net with a softmax loss and L2 regularisation, as CS231n writes it, through the
 * tensor engine and through real PyTorch (float64, autograd): every value and gradient agrees.
 */
import { strict as assert } from 'node:assert';
import type { OpName } from '../../../src/engine/opName';
import type { Tensor } from '../../../src/engine/tensor/tensor';
import { TensorGraphBuilder } from '../../../src/engine/tensor/tensorBuilder';
import { inspectTensorGraph } from '../../../src/engine/tensor/tensorInspect';
import { mulberry32, randomTensor, runPython } from '../../support/tensorOpChecks';

const N = 5;
const D = 4;
const H = 6;
const C = 3;
const REG = 0.1;
const LABELS = [0, 2, 1, 2, 0];

const ew = (op: OpName) => ({ kind: 'elementwise', op }) as const;

function mlp() {
  const b = new TensorGraphBuilder();
  const X = b.input('X', [N, D]);
  const W1 = b.input('W1', [D, H]);
  const b1 = b.input('b1', [H]);
  const W2 = b.input('W2', [H, C]);
  const b2 = b.input('b2', [C]);
  const zero = b.constant({ shape: [], data: Float64Array.of(0) }, { text: '0' });
  const hidden = b.op(ew('max'), [b.op(ew('add'), [b.op({ kind: 'matmul' }, [X, W1]), b1]), zero], {
    name: 'h',
  });
  const scores = b.op(ew('add'), [b.op({ kind: 'matmul' }, [hidden, W2]), b2], { name: 'scores' });
  const oneHot = new Float64Array(N * C);
  LABELS.forEach((label, i) => (oneHot[i * C + label] = 1));
  const Y = b.constant({ shape: [N, C], data: oneHot }, { text: 'Y' });
  const lse = b.op({ kind: 'logsumexp', axes: [1], keepdims: false }, [scores]);
  const correct = b.op({ kind: 'sum', axes: [1], keepdims: false }, [b.op(ew('mul'), [scores, Y])]);
  const data = b.op({ kind: 'mean', axes: null, keepdims: false }, [
    b.op(ew('sub'), [lse, correct]),
  ]);
  const all = { kind: 'sum', axes: null, keepdims: false } as const;
  const squares = b.op(ew('add'), [
    b.op(all, [b.op(ew('mul'), [W1, W1])]),
    b.op(all, [b.op(ew('mul'), [W2, W2])]),
  ]);
  const reg = b.constant({ shape: [], data: Float64Array.of(0.5 * REG) }, { text: '0.5 * reg' });
  const loss = b.op(ew('add'), [data, b.op(ew('mul'), [reg, squares])], { name: 'loss' });
  return b.build(loss);
}

const SCRIPT = `
import json, sys
import torch
v = json.load(sys.stdin)
t = {k: torch.tensor(v[k]['data'], dtype=torch.float64).reshape(v[k]['shape']).requires_grad_() for k in ['X', 'W1', 'b1', 'W2', 'b2']}
y = torch.tensor(v['labels'])
h = torch.maximum(t['X'] @ t['W1'] + t['b1'], torch.tensor(0.0, dtype=torch.float64))
scores = h @ t['W2'] + t['b2']
loss = torch.nn.functional.cross_entropy(scores, y) + 0.5 * v['reg'] * ((t['W1'] ** 2).sum() + (t['W2'] ** 2).sum())
loss.backward()
print(json.dumps({'loss': loss.item(), 'grads': {k: t[k].grad.flatten().tolist() for k in t}}))
`;

describe('a two-layer net against PyTorch', () => {
  it('gives PyTorch’s loss and every gradient', () => {
    const random = mulberry32(2024);
    const values: Record<string, Tensor> = {
      X: randomTensor(random, [N, D]),
      W1: randomTensor(random, [D, H], -1, 1),
      b1: randomTensor(random, [H], -0.5, 0.5),
      W2: randomTensor(random, [H, C], -1, 1),
      b2: randomTensor(random, [C], -0.5, 0.5),
    };
    const result = inspectTensorGraph(mlp(), values, { check: true });
    const torch = runPython<{ loss: number; grads: Record<string, number[]> }>(SCRIPT, {
      ...Object.fromEntries(
        Object.entries(values).map(([key, tensor]) => [
          key,
          { shape: tensor.shape, data: [...tensor.data] },
        ]),
      ),
      labels: LABELS,
      reg: REG,
    });
    assert.ok(
      Math.abs(result.value - torch.loss) <= 1e-12 * Math.abs(torch.loss),
      `loss ${result.value} ≠ ${torch.loss}`,
    );
    for (const name of ['X', 'W1', 'b1', 'W2', 'b2']) {
      const ours = result.grads[name]?.data;
      const theirs = torch.grads[name];
      assert.ok(ours !== undefined && theirs !== undefined, `a gradient for ${name}`);
      assert.equal(ours.length, theirs.length);
      theirs.forEach((value, k) =>
        assert.ok(
          Math.abs((ours[k] ?? NaN) - value) <= 1e-12 * Math.max(1, Math.abs(value)),
          `∂loss/∂${name}[${k}]: ${ours[k]} ≠ ${value}`,
        ),
      );
    }
    assert.ok(
      result.check?.every((check) => check.verdict !== 'wrong'),
      'the sparse gradient check agrees',
    );
  }).timeout(30_000);
});
