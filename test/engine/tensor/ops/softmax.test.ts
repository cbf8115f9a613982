import { strict as assert } from 'node:assert';
import { logSoftmax, softmax } from '../../../../src/engine/tensor/ops/softmax';
import { tensorOpRecord } from '../../../../src/engine/tensor/ops';
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

type Op = TensorOpOf<'softmax'> | TensorOpOf<'log_softmax'>;

interface Case {
  readonly op: Op;
  readonly x: Tensor;
  readonly upstream: Tensor;
}

function randomCases(count: number, seed: number): Case[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const shape = randomShape(random, 1 + (i % 4));
    const axis = Math.floor(random() * shape.length) - (i % 2 === 0 ? 0 : shape.length);
    const kind = i % 3 === 0 ? 'log_softmax' : 'softmax';
    return {
      op: { kind, axis },
      x: randomTensor(random, shape, -5, 5),
      upstream: randomTensor(random, shape),
    };
  });
}

const TORCH = String.raw`
import json, sys, torch
out = []
for case in json.load(sys.stdin):
    x = torch.tensor(case['x'], dtype=torch.float64).reshape(case['shape']).requires_grad_()
    f = torch.softmax if case['kind'] == 'softmax' else torch.log_softmax
    y = f(x, dim=case['axis'])
    u = torch.tensor(case['u'], dtype=torch.float64).reshape(case['shape'])
    (y * u).sum().backward()
    out.append({'y': y.detach().flatten().tolist(), 'grad': x.grad.flatten().tolist()})
print(json.dumps(out))
`;

describe('tensor softmax and log_softmax', () => {
  it('VJP and JVP agree with central differences along every axis, negative axes too', () => {
    const random = mulberry32(7);
    for (const { op, x } of randomCases(40, 1)) {
      const record = tensorOpRecord(op);
      checkDerivatives(record, op, [x], random);
    }
  });

  it('values and gradients match PyTorch', function () {
    this.timeout(60_000);
    const cases = randomCases(60, 2);
    const torch = runPython<{ y: number[]; grad: number[] }[]>(
      TORCH,
      cases.map(({ op, x, upstream }) => ({
        kind: op.kind,
        axis: op.axis,
        shape: x.shape,
        x: [...x.data],
        u: [...upstream.data],
      })),
    );
    cases.forEach(({ op, x, upstream }, i) => {
      const record = tensorOpRecord(op);
      const out = outputOf(record, op, [x]);
      const expected = torch[i];
      assert.ok(expected !== undefined);
      assertClose(out.data, expected.y, 1e-12, `${op.kind} value, case ${i}`);
      assertClose(
        record.vjp(op, 0, upstream, [x], out).data,
        expected.grad,
        1e-12,
        `${op.kind} gradient, case ${i}`,
      );
    });
  });

  it('stays finite for large logits, where a naive exp overflows', () => {
    const op: Op = { kind: 'softmax', axis: 0 };
    const out = outputOf(softmax, op, [{ shape: [3], data: Float64Array.of(1000, 1001, 1002) }]);
    const logOut = outputOf(logSoftmax, { kind: 'log_softmax', axis: 0 }, [
      { shape: [3], data: Float64Array.of(1000, 1001, 1002) },
    ]);
    assertClose(
      out.data,
      [0.09003057317038046, 0.24472847105479767, 0.6652409557748219],
      1e-15,
      'softmax',
    );
    assertClose(
      logOut.data,
      [-2.40760596444438, -1.4076059644443801, -0.4076059644443803],
      1e-14,
      'log_softmax',
    );
  });

  it('refuses an axis the tensor does not have', () => {
    assert.deepEqual(softmax.shape({ kind: 'softmax', axis: 2 }, [[3, 4]]), {
      mismatch: 'axis 2 is out of bounds for a tensor of 2 dimensions',
    });
    assert.deepEqual(logSoftmax.shape({ kind: 'log_softmax', axis: -3 }, [[3, 4]]), {
      mismatch: 'axis -3 is out of bounds for a tensor of 2 dimensions',
    });
  });

  it('writes its VJP as the matrix-form rule with shapes', () => {
    const op: Op = { kind: 'softmax', axis: 1 };
    assert.deepEqual(softmax.formula(op, 0, ['z'], 's', [[4, 5]], [4, 5]), {
      rule: '∂L/∂z = s ⊙ (∂L/∂s − Σ_axis1(∂L/∂s ⊙ s))',
      shapes: '(4, 5) = (4, 5)',
    });
  });
});
