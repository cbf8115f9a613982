import { strict as assert } from 'node:assert';
import { indexGather } from '../../../../src/engine/tensor/indexing';
import { gather } from '../../../../src/engine/tensor/ops/gather';
import { sizeOf } from '../../../../src/engine/tensor/shape';
import type { Tensor } from '../../../../src/engine/tensor/tensor';
import type { TensorOpOf } from '../../../../src/engine/tensor/tensorOp';
import {
  assertClose,
  checkDerivatives,
  mulberry32,
  outputOf,
  randomShape,
  randomTensor,
  runPython,
} from '../../../support/tensorOpChecks';

type Op = TensorOpOf<'gather'>;

interface Case {
  readonly op: Op;
  readonly x: Tensor;
}

/** Random gathers, indices repeating often so that the scatter-add has sums to make. */
function randomCases(count: number, seed: number): Case[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const x = randomTensor(random, randomShape(random, i % 4));
    const shape = randomShape(random, 1 + (i % 3));
    const indices = Int32Array.from({ length: sizeOf(shape) }, () =>
      Math.floor(random() * x.data.length),
    );
    return { op: { kind: 'gather', shape, indices, text: `[idx${i}]` }, x };
  });
}

const ORACLE = String.raw`
import json, sys, numpy as np
out = []
for case in json.load(sys.stdin):
    x = np.array(case['x'], dtype=np.float64).reshape(case['xshape'])
    idx = np.array(case['indices'], dtype=np.int64)
    y = x.reshape(-1)[idx].reshape(case['shape'])
    grad = np.zeros(x.size)
    np.add.at(grad, idx, np.array(case['u'], dtype=np.float64))
    out.append({'y': y.flatten().tolist(), 'grad': grad.tolist()})
print(json.dumps(out))
`;

const CS231N = String.raw`
import json, sys, torch
case = json.load(sys.stdin)
p = torch.tensor(case['p'], dtype=torch.float64).reshape(4, 5).requires_grad_()
y = torch.tensor(case['y'])
picked = p[torch.arange(4), y]
picked.backward(torch.tensor(case['u'], dtype=torch.float64))
print(json.dumps({'picked': picked.detach().tolist(), 'grad': p.grad.flatten().tolist()}))
`;

describe('tensor gather', () => {
  it('VJP (a scatter-add) and JVP agree with central differences', () => {
    const random = mulberry32(21);
    for (const { op, x } of randomCases(40, 4)) {
      checkDerivatives(gather, op, [x], random);
    }
  });

  it('values and gradients match NumPy’s take and np.add.at, repeated indices adding up', function () {
    this.timeout(60_000);
    const random = mulberry32(22);
    const cases = randomCases(60, 5).map((one) => {
      const out = outputOf(gather, one.op, [one.x]);
      return { ...one, out, upstream: randomTensor(random, out.shape) };
    });
    const oracle = runPython<{ y: number[]; grad: number[] }[]>(
      ORACLE,
      cases.map(({ op, x, upstream }) => ({
        xshape: x.shape,
        x: [...x.data],
        shape: op.shape,
        indices: [...op.indices],
        u: [...upstream.data],
      })),
    );
    cases.forEach(({ op, x, out, upstream }, i) => {
      const expected = oracle[i];
      assert.ok(expected !== undefined);
      assertClose(out.data, expected.y, 0, `value, case ${i}`);
      assertClose(
        gather.vjp(op, 0, upstream, [x], out).data,
        expected.grad,
        1e-14,
        `gradient, case ${i}`,
      );
    });
  });

  it('picks and differentiates p[np.arange(4), y] as PyTorch does', function () {
    this.timeout(60_000);
    const random = mulberry32(23);
    const p = randomTensor(random, [4, 5], 0.1, 1);
    const labels = [0, 2, 1, 2];
    const index = indexGather(
      [4, 5],
      [
        { kind: 'array', array: { shape: [4], data: Float64Array.of(0, 1, 2, 3) } },
        { kind: 'array', array: { shape: [4], data: Float64Array.from(labels) } },
      ],
    );
    assert.equal(index.kind, 'gather');
    if (index.kind !== 'gather') {
      return;
    }
    const op: Op = {
      kind: 'gather',
      shape: index.shape,
      indices: index.indices,
      text: '[np.arange(4), y]',
    };
    const out = outputOf(gather, op, [p]);
    const upstream = randomTensor(random, [4]);
    const torch = runPython<{ picked: number[]; grad: number[] }>(CS231N, {
      p: [...p.data],
      y: labels,
      u: [...upstream.data],
    });
    assertClose(out.data, torch.picked, 0, 'picked');
    assertClose(gather.vjp(op, 0, upstream, [p], out).data, torch.grad, 0, 'gradient');
    assert.deepEqual(gather.formula(op, 0, ['p'], 'y', [[4, 5]], [4]), {
      rule: '∂L/∂p = scatter-add of ∂L/∂y into (4, 5) at [np.arange(4), y]',
      shapes: '(4, 5) ← (4,)',
    });
  });

  it('refuses indices outside the operand and a count that does not fill the shape', () => {
    const op: Op = { kind: 'gather', shape: [2], indices: Int32Array.of(0, 6), text: '[i]' };
    assert.deepEqual(gather.shape(op, [[2, 3]]), {
      mismatch: 'flat index 6 is out of bounds for shape (2, 3) (6 elements)',
    });
    assert.deepEqual(gather.shape({ ...op, shape: [3] }, [[2, 3]]), {
      mismatch: '2 indices do not fill the result’s shape (3,)',
    });
  });
});
