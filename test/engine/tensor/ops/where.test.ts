import { strict as assert } from 'node:assert';
import { where } from '../../../../src/engine/tensor/ops/where';
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

const op = { kind: 'where' } as const;

/** A 0/1 mask of `shape`, about half of it set; NumPy reads any nonzero as true. */
function mask(random: () => number, shape: Shape): Tensor {
  return {
    shape,
    data: Float64Array.from({ length: sizeOf(shape) }, () => (random() < 0.5 ? 1 : 0)),
  };
}

function operands(random: () => number, shapes: readonly [Shape, Shape, Shape]): Tensor[] {
  return [
    mask(random, shapes[0]),
    randomTensor(random, shapes[1]),
    randomTensor(random, shapes[2]),
  ];
}

const CORNERS: readonly (readonly [Shape, Shape, Shape])[] = [
  [
    [2, 3],
    [2, 3],
    [2, 3],
  ],
  [[2, 3], [3], []],
  [[3], [2, 1], [1, 3]],
  [[2, 1, 3], [4, 1], [3]],
  [[], [2, 3], [2, 3]],
  [[4, 1], [], [1, 5]],
  [[1], [3, 1, 2], [2]],
];

const text = (shapes: readonly Shape[]) => shapes.map((s) => `(${s.join(',')})`).join(', ');

/** JSON has no infinities or NaN: they travel as Python's spellings. */
type Wire = number | string;
const toWire = (data: ArrayLike<number>): Wire[] =>
  Array.from(data, (value) => (Number.isFinite(value) ? value : String(value)));
const fromWire = (data: readonly Wire[]): number[] =>
  data.map((value) =>
    typeof value === 'number'
      ? value
      : value === 'inf'
        ? Infinity
        : value === '-inf'
          ? -Infinity
          : NaN,
  );

const TORCH_WHERE = `
import json, math, sys, torch
def wire(t):
    return [v if math.isfinite(v) else str(v) for v in t.detach().reshape(-1).tolist()]
out = []
for case in json.load(sys.stdin):
    t = lambda name: torch.tensor([float(v) for v in case[name]], dtype=torch.float64).reshape(case[name + 's'])
    c = t('c') != 0
    a = t('a').requires_grad_()
    b = t('b').requires_grad_()
    y = torch.where(c, a, b)
    y.backward(t('g'))
    out.append({'y': wire(y), 'ys': list(y.shape), 'ga': wire(a.grad), 'gb': wire(b.grad)})
print(json.dumps(out))
`;

interface TorchCase {
  readonly args: Tensor[];
  readonly upstream: Tensor;
}

function runTorch(cases: readonly TorchCase[]) {
  return runPython<{ y: Wire[]; ys: number[]; ga: Wire[]; gb: Wire[] }[]>(
    TORCH_WHERE,
    cases.map(({ args: [c, a, b], upstream }) => ({
      c: toWire(c!.data),
      cs: c!.shape,
      a: toWire(a!.data),
      as: a!.shape,
      b: toWire(b!.data),
      bs: b!.shape,
      g: toWire(upstream.data),
      gs: upstream.shape,
    })),
  );
}

/** Equal, NaN to NaN and −0 to 0 included. */
function same(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  expected.forEach((value, k) => {
    const got = actual[k] ?? NaN;
    assert.ok(
      got === value || (Number.isNaN(got) && Number.isNaN(value)),
      `${what}[${k}]: ${got} ≠ ${value}`,
    );
  });
}

describe('where (NumPy where, torch.where)', () => {
  describe('VJP, JVP and adjointness against central differences, all three operands broadcast', () => {
    for (const shapes of CORNERS) {
      it(text(shapes), () => {
        const random = mulberry32(sizeOf(shapes[1]) * 7 + shapes[2].length);
        const args = operands(random, shapes);
        checkDerivatives(where, op, args, random);
      });
    }
  });

  it('matches PyTorch on values and gradients for every broadcasting corner', () => {
    const random = mulberry32(23);
    const cases = CORNERS.map((shapes) => {
      const args = operands(random, shapes);
      const out = outputOf(where, op, args);
      return { args, upstream: randomTensor(random, out.shape) };
    });
    runTorch(cases).forEach((expected, i) => {
      const { args, upstream } = cases[i]!;
      const out = outputOf(where, op, args);
      assert.deepEqual([...out.shape], expected.ys, `shape of case ${i}`);
      same(out.data, fromWire(expected.y), `value of case ${i}`);
      same(pullback(where, op, 1, upstream, args, out).data, fromWire(expected.ga), `∂/∂a of ${i}`);
      same(pullback(where, op, 2, upstream, args, out).data, fromWire(expected.gb), `∂/∂b of ${i}`);
    });
  }).timeout(60_000);

  it('leaves an infinite or NaN branch not taken out of the value and the gradients, as PyTorch', () => {
    const args: Tensor[] = [
      { shape: [4], data: Float64Array.of(1, 0, 1, 0) },
      { shape: [4], data: Float64Array.of(2, Infinity, 3, NaN) },
      { shape: [4], data: Float64Array.of(-Infinity, 5, NaN, 7) },
    ];
    const out = outputOf(where, op, args);
    same(out.data, [2, 5, 3, 7], 'value');
    const upstream: Tensor = { shape: [4], data: Float64Array.of(1, 2, 3, 4) };
    const ga = pullback(where, op, 1, upstream, args, out).data;
    const gb = pullback(where, op, 2, upstream, args, out).data;
    same(ga, [1, 0, 3, 0], '∂/∂a');
    same(gb, [0, 2, 0, 4], '∂/∂b');
    const [torch] = runTorch([{ args, upstream }]);
    assert.ok(torch !== undefined);
    same(out.data, fromWire(torch.y), 'value against PyTorch');
    same(ga, fromWire(torch.ga), '∂/∂a against PyTorch');
    same(gb, fromWire(torch.gb), '∂/∂b against PyTorch');
    const tangent = where.jvp(op, [undefined, args[1], args[2]], args, out);
    same(tangent.data, [2, 5, 3, 7], 'the JVP selects the tangents the same way');
  }).timeout(30_000);

  it('reads any nonzero condition as true (NaN included), as NumPy does', () => {
    const args: Tensor[] = [
      { shape: [4], data: Float64Array.of(0, -2, 0.5, NaN) },
      { shape: [], data: Float64Array.of(1) },
      { shape: [], data: Float64Array.of(-1) },
    ];
    const numpy = runPython<number[]>(
      'import json, numpy as np; print(json.dumps(np.where(np.array([0, -2, 0.5, float("nan")]), 1.0, -1.0).tolist()))',
      null,
    );
    same(outputOf(where, op, args).data, numpy, 'value');
  }).timeout(30_000);

  it('lets no gradient flow to the condition', () => {
    assert.equal(where.differentiable?.(op, 0), false);
    assert.equal(where.differentiable?.(op, 1), true);
    assert.equal(where.differentiable?.(op, 2), true);
  });

  it('names the shapes that do not broadcast, and refuses other than three operands', () => {
    assert.deepEqual(where.shape(op, [[2, 3], [3], [2]]), {
      mismatch: 'shapes (2, 3), (3,) and (2,) do not fit: 3 ≠ 2',
    });
    assert.deepEqual(where.shape(op, [[2], [2]]), { mismatch: 'where takes 3 operands, not 2' });
    assert.deepEqual(where.shape(op, [[2, 1], [3], []]), [2, 3]);
  });

  it('writes the VJP with the condition as an indicator', () => {
    const names = ['(x > 0)', 'log(x)', '0'];
    assert.deepEqual(where.formula(op, 1, names, 'y', [[2], [2], []], [2]), {
      rule: '∂L/∂log(x) = ∂L/∂y ⊙ 1[(x > 0)]',
      shapes: '(2,) = (2,) ⊙ (2,)',
    });
    assert.deepEqual(
      where.formula(op, 2, names, 'y', [[2], [2], []], [2]).rule,
      '∂L/∂0 = ∂L/∂y ⊙ 1[¬(x > 0)]',
    );
    assert.equal(
      where.formula(op, 2, ['mask', 'a', 'b'], 'y', [], [2]).rule,
      '∂L/∂b = ∂L/∂y ⊙ 1[¬mask]',
    );
    assert.equal(
      where.formula(op, 1, ['x > 0', 'a', 'b'], 'y', [], [2]).rule,
      '∂L/∂a = ∂L/∂y ⊙ 1[x > 0]',
    );
    assert.equal(
      where.formula(op, 2, ['x > 0', 'a', 'b'], 'y', [], [2]).rule,
      '∂L/∂b = ∂L/∂y ⊙ 1[¬(x > 0)]',
    );
  });
});
