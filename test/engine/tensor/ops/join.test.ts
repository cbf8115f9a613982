import { strict as assert } from 'node:assert';
import { concat, stack } from '../../../../src/engine/tensor/ops/join';
import { tensorOpRecord } from '../../../../src/engine/tensor/ops';
import type { Shape } from '../../../../src/engine/tensor/shape';
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

type Op = TensorOpOf<'concat'> | TensorOpOf<'stack'>;

interface Case {
  readonly op: Op;
  readonly args: Tensor[];
}

/** Random joins: 1–4 operands of rank 1–3, lengths differing along the concat axis. */
function randomCases(count: number, seed: number): Case[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const base = randomShape(random, 1 + (i % 3));
    const operands = 1 + Math.floor(random() * 4);
    if (i % 2 === 0) {
      const axis = Math.floor(random() * base.length);
      const shapes: Shape[] = Array.from({ length: operands }, () =>
        base.map((length, at) => (at === axis ? Math.floor(random() * 4) : length)),
      );
      const written = random() < 0.5 ? axis : axis - base.length;
      return {
        op: { kind: 'concat', axis: written },
        args: shapes.map((shape) => randomTensor(random, shape)),
      };
    }
    const axis = Math.floor(random() * (base.length + 1));
    const written = random() < 0.5 ? axis : axis - base.length - 1;
    return {
      op: { kind: 'stack', axis: written },
      args: Array.from({ length: operands }, () => randomTensor(random, base)),
    };
  });
}

const ORACLE = String.raw`
import json, sys, numpy as np, torch
out = []
for case in json.load(sys.stdin):
    arrays = [np.array(a['data'], dtype=np.float64).reshape(a['shape']) for a in case['args']]
    join = np.concatenate if case['kind'] == 'concat' else np.stack
    y = join(arrays, axis=case['axis'])
    ts = [torch.tensor(a, requires_grad=True) for a in arrays]
    tjoin = torch.cat if case['kind'] == 'concat' else torch.stack
    ty = tjoin(ts, dim=case['axis'])
    u = torch.tensor(case['u'], dtype=torch.float64).reshape(ty.shape)
    (ty * u).sum().backward()
    out.append({'shape': list(y.shape), 'y': y.flatten().tolist(),
                'grads': [t.grad.flatten().tolist() for t in ts]})
print(json.dumps(out))
`;

describe('tensor concat and stack', () => {
  it('VJP and JVP agree with central differences for random joins', () => {
    const random = mulberry32(3);
    for (const { op, args } of randomCases(40, 11)) {
      const record = tensorOpRecord(op);
      checkDerivatives(record, op, args, random);
    }
  });

  it('shapes, values and gradients match NumPy and PyTorch', function () {
    this.timeout(60_000);
    const random = mulberry32(5);
    const cases = randomCases(80, 12).map((one) => {
      const out = outputOf(tensorOpRecord(one.op), one.op, one.args);
      return { ...one, out, upstream: randomTensor(random, out.shape) };
    });
    const oracle = runPython<{ shape: number[]; y: number[]; grads: number[][] }[]>(
      ORACLE,
      cases.map(({ op, args, upstream }) => ({
        kind: op.kind,
        axis: op.axis,
        args: args.map((arg) => ({ shape: arg.shape, data: [...arg.data] })),
        u: [...upstream.data],
      })),
    );
    cases.forEach(({ op, args, out, upstream }, i) => {
      const expected = oracle[i];
      assert.ok(expected !== undefined);
      assert.deepEqual([...out.shape], expected.shape, `${op.kind} shape, case ${i}`);
      assertClose(out.data, expected.y, 0, `${op.kind} value, case ${i}`);
      args.forEach((_, operand) => {
        const gradient = tensorOpRecord(op).vjp(op, operand, upstream, args, out);
        assertClose(
          gradient.data,
          expected.grads[operand] ?? [],
          0,
          `${op.kind} gradient ${operand}, case ${i}`,
        );
      });
    });
  });

  it('takes an absent tangent for zeros', () => {
    const op: Op = { kind: 'concat', axis: 1 };
    const args = [
      { shape: [2, 1], data: Float64Array.of(1, 2) },
      { shape: [2, 2], data: Float64Array.of(3, 4, 5, 6) },
    ];
    const out = outputOf(concat, op, args);
    const tangent = { shape: [2, 2], data: Float64Array.of(7, 8, 9, 10) };
    assert.deepEqual(
      [...concat.jvp(op, [undefined, tangent], args, out).data],
      [0, 7, 8, 0, 9, 10],
    );
  });

  it('refuses operands that do not fit, naming both shapes', () => {
    assert.deepEqual(
      concat.shape({ kind: 'concat', axis: 0 }, [
        [2, 3],
        [2, 4],
      ]),
      { mismatch: 'shapes (2, 3) and (2, 4) do not fit: 3 ≠ 4 on axis 1' },
    );
    assert.deepEqual(concat.shape({ kind: 'concat', axis: 0 }, [[2, 3], [2]]), {
      mismatch: 'shapes (2, 3) and (2,) do not fit: 2 ≠ 1 dimensions',
    });
    assert.deepEqual(concat.shape({ kind: 'concat', axis: 0 }, [[], []]), {
      mismatch: 'a scalar (shape ()) cannot be concatenated: it has no axis',
    });
    assert.deepEqual(stack.shape({ kind: 'stack', axis: 0 }, [[3], [4]]), {
      mismatch: 'shapes (3,) and (4,) do not fit: they must be equal',
    });
    assert.deepEqual(stack.shape({ kind: 'stack', axis: 3 }, [[3], [3]]), {
      mismatch: 'axis 3 is out of bounds for a tensor of 2 dimensions',
    });
  });

  it('writes each operand’s gradient as its slice of the output’s', () => {
    const shapes = [
      [2, 3],
      [2, 4],
    ];
    assert.deepEqual(
      concat.formula({ kind: 'concat', axis: 1 }, 1, ['a', 'b'], 'y', shapes, [2, 7]),
      {
        rule: '∂L/∂b = ∂L/∂y[:, 3:7]',
        shapes: '(2, 4) = (2, 7)[:, 3:7]',
      },
    );
    assert.deepEqual(
      stack.formula(
        { kind: 'stack', axis: -1 },
        0,
        ['a', 'b'],
        'y',
        [
          [2, 3],
          [2, 3],
        ],
        [2, 3, 2],
      ),
      { rule: '∂L/∂a = ∂L/∂y[:, :, 0]', shapes: '(2, 3) = (2, 3, 2)[:, :, 0]' },
    );
  });
});
