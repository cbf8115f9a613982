import { strict as assert } from 'node:assert';
import { matmul } from '../../../../src/engine/tensor/ops/matmul';
import { sizeOf, type Shape } from '../../../../src/engine/tensor/shape';
import type { Tensor } from '../../../../src/engine/tensor/tensor';
import {
  checkDerivatives,
  mulberry32,
  outputOf,
  pullback,
  randomTensor,
  runPython,
} from '../../../support/tensorOpChecks';

const op = { kind: 'matmul' } as const;

const PAIRS: readonly (readonly [Shape, Shape])[] = [
  [[3], [3]],
  [[2, 3], [3]],
  [[3], [3, 4]],
  [
    [2, 3],
    [3, 4],
  ],
  [
    [2, 2, 3],
    [3, 4],
  ],
  [
    [2, 3],
    [2, 3, 4],
  ],
  [[3], [2, 3, 4]],
  [[2, 2, 3], [3]],
  [
    [2, 1, 2, 3],
    [3, 3, 2],
  ],
  [
    [1, 2, 3],
    [4, 3, 2],
  ],
];

const text = (shape: Shape) => `(${shape.join(', ')})`;

describe('matmul', () => {
  for (const [a, b] of PAIRS) {
    it(`${text(a)} @ ${text(b)}: VJP, JVP and adjointness against central differences`, () => {
      const random = mulberry32(sizeOf(a) * 7 + sizeOf(b));
      const args = [randomTensor(random, a), randomTensor(random, b)];
      checkDerivatives(matmul, op, args, random);
    });
  }

  it('gives what PyTorch gives for every pairing of ranks, values and gradients', () => {
    const random = mulberry32(3);
    const cases = PAIRS.map(([a, b]) => {
      const args = [randomTensor(random, a), randomTensor(random, b)];
      const out = outputOf(matmul, op, args);
      const upstream = randomTensor(random, out.shape);
      return { args, out, upstream };
    });
    const script = `
import json, sys
import torch
result = []
for case in json.load(sys.stdin):
    a = torch.tensor(case['a'], dtype=torch.float64).reshape(case['as']).requires_grad_()
    b = torch.tensor(case['b'], dtype=torch.float64).reshape(case['bs']).requires_grad_()
    y = torch.matmul(a, b)
    y.backward(torch.tensor(case['g'], dtype=torch.float64).reshape(y.shape))
    result.append({'y': y.detach().flatten().tolist(), 'ys': list(y.shape), 'ga': a.grad.flatten().tolist(), 'gb': b.grad.flatten().tolist()})
print(json.dumps(result))
`;
    const numpy = runPython<{ y: number[]; ys: number[]; ga: number[]; gb: number[] }[]>(
      script,
      cases.map(({ args, upstream }) => ({
        a: [...(args[0]?.data ?? [])],
        as: args[0]?.shape,
        b: [...(args[1]?.data ?? [])],
        bs: args[1]?.shape,
        g: [...upstream.data],
      })),
    );
    cases.forEach(({ args, out, upstream }, i) => {
      const expected = numpy[i];
      assert.ok(expected !== undefined);
      assert.deepEqual([...out.shape], expected.ys, `shape of case ${i}`);
      const near = (actual: ArrayLike<number>, wanted: number[], what: string) =>
        wanted.forEach((value, k) =>
          assert.ok(
            Math.abs((actual[k] ?? NaN) - value) <= 1e-12 * Math.max(1, Math.abs(value)),
            `${what}[${k}] of case ${i}`,
          ),
        );
      near(out.data, expected.y, 'value');
      near(pullback(matmul, op, 0, upstream, args, out).data, expected.ga, '∂/∂A');
      near(pullback(matmul, op, 1, upstream, args, out).data, expected.gb, '∂/∂B');
    });
  }).timeout(30_000);

  it('multiplies a 2 × 3 by a 3 × 2 as written on paper', () => {
    const a: Tensor = { shape: [2, 3], data: Float64Array.of(1, 2, 3, 4, 5, 6) };
    const b: Tensor = { shape: [3, 2], data: Float64Array.of(7, 8, 9, 10, 11, 12) };
    assert.deepEqual([...outputOf(matmul, op, [a, b]).data], [58, 64, 139, 154]);
  });

  it('lets NaN and infinity through as NumPy does', () => {
    const a: Tensor = { shape: [1, 2], data: Float64Array.of(0, 1) };
    const b: Tensor = { shape: [2, 1], data: Float64Array.of(Infinity, 1) };
    assert.ok(Number.isNaN(outputOf(matmul, op, [a, b]).data[0]));
  });

  it('names both shapes and the inner lengths that differ', () => {
    assert.deepEqual(matmul.shape(op, [[3, 4], [3]]), {
      mismatch: 'shapes (3, 4) and (3,) do not fit: 4 ≠ 3',
    });
    assert.deepEqual(
      matmul.shape(op, [
        [2, 3, 4],
        [5, 4, 2],
      ]),
      {
        mismatch:
          'shapes (2, 3, 4) and (5, 4, 2) do not fit: batch axes (2,) and (5,) do not broadcast',
      },
    );
    assert.deepEqual(matmul.shape(op, [[], [3]]), {
      mismatch: 'shapes () and (3,) do not fit: @ needs operands of at least one axis',
    });
  });

  it('gives NumPy’s result shapes', () => {
    assert.deepEqual(matmul.shape(op, [[3], [3]]), []);
    assert.deepEqual(matmul.shape(op, [[2, 3], [3]]), [2]);
    assert.deepEqual(matmul.shape(op, [[3], [3, 4]]), [4]);
    assert.deepEqual(
      matmul.shape(op, [
        [2, 1, 2, 3],
        [3, 3, 2],
      ]),
      [2, 3, 2, 2],
    );
  });

  it('writes the VJPs as CS231n does, with their shapes', () => {
    const shapes: Shape[] = [
      [3, 4],
      [4, 2],
    ];
    assert.deepEqual(matmul.formula(op, 0, ['X', 'W'], 'Y', shapes, [3, 2]), {
      rule: '∂L/∂X = ∂L/∂Y · Wᵀ',
      shapes: '(3, 4) = (3, 2) · (2, 4)',
    });
    assert.deepEqual(matmul.formula(op, 1, ['X', 'W'], 'Y', shapes, [3, 2]), {
      rule: '∂L/∂W = Xᵀ · ∂L/∂Y',
      shapes: '(4, 2) = (4, 3) · (3, 2)',
    });
    assert.equal(
      matmul.formula(op, 1, ['a + b', 'W'], 'Y', shapes, [3, 2]).rule,
      '∂L/∂W = (a + b)ᵀ · ∂L/∂Y',
    );
  });
});
