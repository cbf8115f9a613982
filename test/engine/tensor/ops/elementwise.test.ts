import { strict as assert } from 'node:assert';
import { OP_NAMES, type OpName } from '../../../../src/engine/opName';
import { opSpec } from '../../../../src/engine/ops';
import { compare, elementwise } from '../../../../src/engine/tensor/ops/elementwise';
import { sizeOf, type Shape } from '../../../../src/engine/tensor/shape';
import type { Tensor } from '../../../../src/engine/tensor/tensor';
import type { TensorOpOf } from '../../../../src/engine/tensor/tensorOp';
import { CASES } from '../../ops/opCases';
import {
  checkAdjoint,
  checkDerivatives,
  checkVjp,
  mulberry32,
  outputOf,
  pullback,
} from '../../../support/tensorOpChecks';

type Op = TensorOpOf<'elementwise'>;

/** Operands of the given shapes whose elements are smooth points of `name` (component i of a draw). */
function operandsFor(name: OpName, shapes: readonly Shape[], random: () => number): Tensor[] {
  const draw = (): number[] => {
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const point = CASES[name].draw(random, shapes.length);
      if (point !== undefined) {
        return point;
      }
    }
    throw new Error(`${name}: no smooth point drawn`);
  };
  return shapes.map((shape, i) => ({
    shape,
    data: Float64Array.from({ length: sizeOf(shape) }, () => draw()[i] ?? NaN),
  }));
}

/** Same-shape operands drawn as joint points, so that ops with joint domains (max ties) stay smooth. */
function jointOperands(name: OpName, shape: Shape, n: number, random: () => number): Tensor[] {
  const size = sizeOf(shape);
  const data = Array.from({ length: n }, () => new Float64Array(size));
  for (let k = 0; k < size; k += 1) {
    let point: number[] | undefined;
    while (point === undefined) point = CASES[name].draw(random, n);
    point.forEach((value, i) => (data[i]![k] = value));
  }
  return data.map((d) => ({ shape, data: d }));
}

describe('elementwise tensor ops', () => {
  describe('every op of the scalar catalogue, per element', () => {
    for (const name of OP_NAMES) {
      for (const n of CASES[name].arities) {
        it(`${name} with ${n} operand(s): VJP, JVP and adjointness against central differences`, () => {
          const random = mulberry32(17 + n);
          const op: Op = { kind: 'elementwise', op: name };
          const args = jointOperands(name, [2, 3], n, random);
          const out = outputOf(elementwise, op, args);
          for (let k = 0; k < out.data.length; k += 1) {
            const point = args.map((arg) => arg.data[k] ?? NaN);
            assert.equal(out.data[k], opSpec(name).forward(point), `${name} forward at ${point}`);
          }
          checkDerivatives(elementwise, op, args, random);
        });
      }
    }
  });

  describe('broadcasting corners', () => {
    const corners: readonly (readonly Shape[])[] = [
      [[2, 3], [3]],
      [[3], [2, 3]],
      [
        [2, 1],
        [1, 3],
      ],
      [[], [2, 3]],
      [[2, 3], []],
      [
        [4, 1, 3],
        [2, 1],
      ],
      [[1], [3, 1, 2]],
      [
        [2, 3],
        [1, 1],
      ],
    ];
    const binaries: readonly OpName[] = [
      'add',
      'sub',
      'mul',
      'div',
      'pow',
      'max',
      'min',
      'hypot',
      'atan2',
    ];
    for (const name of binaries) {
      for (const shapes of corners) {
        it(`${name} of ${shapes.map((s) => `(${s.join(',')})`).join(' and ')}`, () => {
          const random = mulberry32(sizeOf(shapes[0] ?? []) * 31 + (shapes[1]?.length ?? 0));
          const op: Op = { kind: 'elementwise', op: name };
          const args = operandsFor(name, shapes, random);
          checkDerivatives(elementwise, op, args, random);
        });
      }
    }

    it('clamp with a tensor and two bounds of other shapes', () => {
      const random = mulberry32(5);
      const op: Op = { kind: 'elementwise', op: 'clamp' };
      const args = operandsFor('clamp', [[2, 3], [], [3]], random);
      checkVjp(elementwise, op, args, random);
      checkAdjoint(elementwise, op, args, random);
    });

    it('matches NumPy on a row added to every row of a matrix', () => {
      const op: Op = { kind: 'elementwise', op: 'add' };
      const a: Tensor = { shape: [2, 3], data: Float64Array.of(1, 2, 3, 4, 5, 6) };
      const b: Tensor = { shape: [3], data: Float64Array.of(10, 20, 30) };
      assert.deepEqual([...outputOf(elementwise, op, [a, b]).data], [11, 22, 33, 14, 25, 36]);
      const column: Tensor = { shape: [2, 1], data: Float64Array.of(100, 200) };
      assert.deepEqual(
        [...outputOf(elementwise, op, [a, column]).data],
        [101, 102, 103, 204, 205, 206],
      );
    });

    it('gives the gradient of a broadcast operand summed over the stretched axes', () => {
      const op: Op = { kind: 'elementwise', op: 'mul' };
      const a: Tensor = { shape: [2, 3], data: Float64Array.of(1, 2, 3, 4, 5, 6) };
      const b: Tensor = { shape: [3], data: Float64Array.of(1, 1, 1) };
      const out = outputOf(elementwise, op, [a, b]);
      const ones: Tensor = { shape: [2, 3], data: new Float64Array(6).fill(1) };
      const product = elementwise.vjp(op, 1, ones, [a, b], out);
      assert.deepEqual([...product.shape], [2, 3], 'the VJP answers in the broadcast shape');
      assert.deepEqual([...pullback(elementwise, op, 1, ones, [a, b], out).data], [5, 7, 9]);
    });
  });

  describe('shapes', () => {
    it('broadcasts ranks and length-1 axes', () => {
      const op: Op = { kind: 'elementwise', op: 'add' };
      assert.deepEqual(
        elementwise.shape(op, [
          [4, 1, 3],
          [2, 1],
        ]),
        [4, 2, 3],
      );
      assert.deepEqual(elementwise.shape(op, [[], [3]]), [3]);
    });

    it('names both shapes and the lengths that clash', () => {
      const op: Op = { kind: 'elementwise', op: 'add' };
      assert.deepEqual(elementwise.shape(op, [[3, 4], [3]]), {
        mismatch: 'shapes (3, 4) and (3,) do not fit: 4 ≠ 3',
      });
      assert.deepEqual(elementwise.shape({ kind: 'elementwise', op: 'clamp' }, [[2], [3], [2]]), {
        mismatch: 'shapes (2,), (3,) and (2,) do not fit: 2 ≠ 3',
      });
    });

    it('refuses a wrong number of operands', () => {
      assert.deepEqual(elementwise.shape({ kind: 'elementwise', op: 'exp' }, [[2], [2]]), {
        mismatch: 'exp takes 1 operand, not 2',
      });
    });
  });

  describe('formulas', () => {
    it('writes the VJP as upstream ⊙ local partial', () => {
      const relu = elementwise.formula(
        { kind: 'elementwise', op: 'relu' },
        0,
        ['h'],
        'r',
        [[4, 5]],
        [4, 5],
      );
      assert.deepEqual(relu, {
        rule: '∂L/∂h = ∂L/∂r ⊙ 1[h > 0]',
        shapes: '(4, 5) = (4, 5) ⊙ (4, 5)',
      });
      const add = elementwise.formula(
        { kind: 'elementwise', op: 'add' },
        1,
        ['(X @ W)', 'b'],
        'scores',
        [[4, 5], [5]],
        [4, 5],
      );
      assert.deepEqual(add, { rule: '∂L/∂b = ∂L/∂scores', shapes: '(4, 5) = (4, 5)' });
      const sub = elementwise.formula(
        { kind: 'elementwise', op: 'sub' },
        1,
        ['a', 'b'],
        'd',
        [[2], [2]],
        [2],
      );
      assert.equal(sub.rule, '∂L/∂b = −∂L/∂d');
    });
  });
});

describe('compare', () => {
  const op: TensorOpOf<'compare'> = { kind: 'compare', operator: '>' };

  it('gives a 0/1 mask with broadcasting', () => {
    const a: Tensor = { shape: [2, 2], data: Float64Array.of(-1, 2, 0, 3) };
    const zero: Tensor = { shape: [], data: Float64Array.of(0) };
    assert.deepEqual([...outputOf(compare, op, [a, zero]).data], [0, 1, 0, 1]);
    const le: TensorOpOf<'compare'> = { kind: 'compare', operator: '<=' };
    assert.deepEqual([...outputOf(compare, le, [a, zero]).data], [1, 0, 1, 0]);
  });

  it('lets no gradient through any operand', () => {
    assert.equal(compare.differentiable?.(op, 0), false);
    assert.equal(compare.differentiable?.(op, 1), false);
    const a: Tensor = { shape: [1], data: Float64Array.of(1) };
    assert.throws(() => compare.vjp(op, 0, a, [a, a], a), /no gradient flows through a comparison/);
  });
});

describe('elementwise max and min, with loops of their own', () => {
  it('agree with the scalar catalogue at ties, signed zeros and NaN', () => {
    const points = [
      [1, 2],
      [2, 1],
      [3, 3],
      [-0, 0],
      [0, -0],
      [NaN, 1],
      [1, NaN],
      [-Infinity, 5],
    ];
    for (const name of ['max', 'min'] as const) {
      const op: Op = { kind: 'elementwise', op: name };
      const a: Tensor = { shape: [points.length], data: Float64Array.from(points, (p) => p[0]!) };
      const b: Tensor = { shape: [points.length], data: Float64Array.from(points, (p) => p[1]!) };
      const out = outputOf(elementwise, op, [a, b]);
      const ones: Tensor = { shape: out.shape, data: new Float64Array(out.data.length).fill(1) };
      const grads = [0, 1].map((i) => elementwise.vjp(op, i, ones, [a, b], out).data);
      points.forEach((point, k) => {
        const value = opSpec(name).forward(point);
        assert.ok(
          Object.is(out.data[k], value),
          `${name}(${point}) = ${out.data[k]}, not ${value}`,
        );
        const partials = opSpec(name).partials(point, value);
        [0, 1].forEach((i) =>
          assert.ok(
            Object.is(grads[i]![k], partials[i]),
            `∂${name}(${point})/∂${i} = ${grads[i]![k]}, not ${partials[i]}`,
          ),
        );
      });
    }
  });
});
