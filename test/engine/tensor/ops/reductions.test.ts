import { strict as assert } from 'node:assert';
import {
  logsumexp,
  max,
  mean,
  norm,
  prod,
  sum,
} from '../../../../src/engine/tensor/ops/reductions';
import { tensorOpRecord } from '../../../../src/engine/tensor/ops';
import { sizeOf, type Shape } from '../../../../src/engine/tensor/shape';
import type { Tensor } from '../../../../src/engine/tensor/tensor';
import {
  REDUCTION_KINDS,
  type Axes,
  type ReductionKind,
  type TensorOpOf,
} from '../../../../src/engine/tensor/tensorOp';
import {
  checkDerivatives,
  mulberry32,
  outputOf,
  pullback,
  randomTensor,
  runPython,
} from '../../../support/tensorOpChecks';

const opOf = <K extends ReductionKind>(kind: K, axes: Axes, keepdims: boolean) =>
  ({ kind, axes, keepdims }) as TensorOpOf<K>;

const CASES: readonly { readonly shape: Shape; readonly axes: Axes; readonly keepdims: boolean }[] =
  [
    { shape: [4], axes: null, keepdims: false },
    { shape: [], axes: null, keepdims: false },
    { shape: [3, 4], axes: [1], keepdims: true },
    { shape: [3, 4], axes: [1], keepdims: false },
    { shape: [3, 4], axes: [0], keepdims: false },
    { shape: [2, 3, 4], axes: [0, 2], keepdims: false },
    { shape: [2, 3, 4], axes: [1], keepdims: true },
    { shape: [2, 3, 2], axes: null, keepdims: true },
  ];

/** Values away from 0 (prod divides by them) and, being continuous, without ties (max, min). */
function values(random: () => number, shape: Shape): Tensor {
  const t = randomTensor(random, shape, 0.5, 2);
  return { shape, data: t.data.map((v, k) => (k % 2 === 0 ? v : -v)) };
}

describe('reductions', () => {
  for (const kind of REDUCTION_KINDS) {
    for (const { shape, axes, keepdims } of CASES) {
      it(`${kind} of (${shape.join(', ')}) over ${axes === null ? 'all axes' : `axes ${axes.join(', ')}`}${keepdims ? ', keepdims' : ''}`, () => {
        const random = mulberry32(sizeOf(shape) + (axes?.length ?? 9));
        const op = opOf(kind, axes, keepdims);
        const args = [values(random, shape)];
        checkDerivatives(tensorOpRecord(op), op, args, random);
      });
    }
  }

  it('agree with PyTorch on values and gradients', () => {
    const random = mulberry32(11);
    const x = values(random, [2, 3, 4]);
    const cases = REDUCTION_KINDS.flatMap((kind) =>
      [
        { axes: [1], keepdims: true },
        { axes: [0, 2], keepdims: false },
        { axes: null, keepdims: false },
      ].map(({ axes, keepdims }) => ({
        op: opOf(kind, axes, keepdims),
        upstream: undefined as Tensor | undefined,
      })),
    ).map((entry) => {
      const out = outputOf(tensorOpRecord(entry.op), entry.op, [x]);
      return { op: entry.op, out, upstream: randomTensor(random, out.shape) };
    });
    const script = `
import json, sys
import torch
data = json.load(sys.stdin)
x0 = torch.tensor(data['x'], dtype=torch.float64).reshape(2, 3, 4)
result = []
for case in data['cases']:
    x = x0.clone().requires_grad_()
    kind, axes, keep = case['kind'], case['axes'], case['keepdims']
    dims = tuple(axes) if axes is not None else tuple(range(3))
    if kind == 'sum': y = x.sum(dim=dims, keepdim=keep)
    elif kind == 'mean': y = x.mean(dim=dims, keepdim=keep)
    elif kind == 'max': y = x.amax(dim=dims, keepdim=keep)
    elif kind == 'min': y = x.amin(dim=dims, keepdim=keep)
    elif kind == 'prod':
        y = x
        for d in sorted(dims, reverse=True): y = y.prod(dim=d, keepdim=True)
        if not keep: y = y.reshape([n for i, n in enumerate(x.shape) if i not in dims])
    elif kind == 'logsumexp': y = torch.logsumexp(x, dim=dims, keepdim=keep)
    elif kind == 'norm': y = torch.linalg.vector_norm(x, dim=dims, keepdim=keep)
    y.backward(torch.tensor(case['g'], dtype=torch.float64).reshape(y.shape))
    result.append({'y': y.detach().flatten().tolist(), 'shape': list(y.shape), 'grad': x.grad.flatten().tolist()})
print(json.dumps(result))
`;
    const torch = runPython<{ y: number[]; shape: number[]; grad: number[] }[]>(script, {
      x: [...x.data],
      cases: cases.map(({ op, upstream }) => ({
        kind: op.kind,
        axes: op.axes,
        keepdims: op.keepdims,
        g: [...upstream.data],
      })),
    });
    cases.forEach(({ op, out, upstream }, i) => {
      const expected = torch[i];
      assert.ok(expected !== undefined);
      const what = `${op.kind} over ${JSON.stringify(op.axes)}`;
      assert.deepEqual([...out.shape], expected.shape, `${what}: shape`);
      const grad = pullback(tensorOpRecord(op), op, 0, upstream, [x], out);
      const near = (actual: ArrayLike<number>, wanted: number[], part: string) =>
        wanted.forEach((value, k) =>
          assert.ok(
            Math.abs((actual[k] ?? NaN) - value) <= 1e-12 * Math.max(1, Math.abs(value)),
            `${what}: ${part}[${k}]`,
          ),
        );
      near(out.data, expected.y, 'value');
      near(grad.data, expected.grad, 'gradient');
    });
  }).timeout(30_000);

  it('gives the whole gradient of a tie to the first maximal element, as NumPy’s argmax', () => {
    const op = opOf('max', [1], false);
    const x: Tensor = { shape: [2, 3], data: Float64Array.of(1, 5, 5, 7, 2, 7) };
    const out = outputOf(max, op, [x]);
    assert.deepEqual([...out.data], [5, 7]);
    const grad = max.vjp(op, 0, { shape: [2], data: Float64Array.of(10, 20) }, [x], out);
    assert.deepEqual([...grad.data], [0, 10, 0, 20, 0, 0]);
    assert.match(max.description(op), /first maximal element/);
  });

  it('differentiates a product with zeros exactly', () => {
    const op = opOf('prod', null, false);
    const oneZero: Tensor = { shape: [4], data: Float64Array.of(2, 0, 3, 4) };
    const ones: Tensor = { shape: [], data: Float64Array.of(1) };
    assert.deepEqual(
      [...prod.vjp(op, 0, ones, [oneZero], outputOf(prod, op, [oneZero])).data],
      [0, 24, 0, 0],
    );
    const twoZeros: Tensor = { shape: [3], data: Float64Array.of(0, 5, 0) };
    assert.deepEqual(
      [...prod.vjp(op, 0, ones, [twoZeros], outputOf(prod, op, [twoZeros])).data],
      [0, 0, 0],
    );
  });

  it('computes logsumexp without overflow', () => {
    const op = opOf('logsumexp', null, false);
    const x: Tensor = { shape: [2], data: Float64Array.of(1000, 1000) };
    const out = outputOf(logsumexp, op, [x]);
    assert.equal(out.data[0], 1000 + Math.log(2));
    const grad = logsumexp.vjp(op, 0, { shape: [], data: Float64Array.of(1) }, [x], out).data;
    grad.forEach((g) => assert.ok(Math.abs(g - 0.5) < 1e-12, `softmax weight ${g}`));
  });

  it('takes the norm’s gradient at 0 as 0, as PyTorch does', () => {
    const op = opOf('norm', null, false);
    const x: Tensor = { shape: [3], data: new Float64Array(3) };
    const out = outputOf(norm, op, [x]);
    assert.equal(out.data[0], 0);
    assert.deepEqual(
      [...norm.vjp(op, 0, { shape: [], data: Float64Array.of(1) }, [x], out).data],
      [0, 0, 0],
    );
  });

  it('propagates NaN through max as NumPy does', () => {
    const op = opOf('max', null, false);
    const x: Tensor = { shape: [3], data: Float64Array.of(1, NaN, 3) };
    assert.ok(Number.isNaN(outputOf(max, op, [x]).data[0]));
  });

  it('refuses axes out of bounds or repeated', () => {
    assert.deepEqual(sum.shape(opOf('sum', [2], false), [[3, 4]]), {
      mismatch: 'axis 2 is out of bounds for an array of shape (3, 4)',
    });
    assert.deepEqual(sum.shape(opOf('sum', [1, 1], false), [[3, 4]]), {
      mismatch: 'axis 1 is repeated',
    });
    assert.ok('mismatch' in (max.shape(opOf('max', [0], false), [[0, 2]]) as object));
  });

  it('writes the VJPs as broadcasts of the upstream gradient', () => {
    assert.deepEqual(sum.formula(opOf('sum', [1], false), 0, ['p'], 's', [[4, 5]], [4]), {
      rule: '∂L/∂p = broadcast(∂L/∂s)',
      shapes: '(4, 5) = broadcast((4,))',
    });
    assert.equal(
      mean.formula(opOf('mean', [1], false), 0, ['p'], 'm', [[4, 5]], [4]).rule,
      '∂L/∂p = broadcast(∂L/∂m) / 5',
    );
  });
});
