import { strict as assert } from 'node:assert';
import { broadcastTo, reshape, transpose } from '../../../../src/engine/tensor/ops/layout';
import { sizeOf, type Shape } from '../../../../src/engine/tensor/shape';
import type { Tensor } from '../../../../src/engine/tensor/tensor';
import {
  checkDerivatives,
  mulberry32,
  outputOf,
  pullback,
  randomTensor,
} from '../../../support/tensorOpChecks';

const tensor = (shape: Shape, ...data: number[]): Tensor => ({
  shape,
  data: Float64Array.from(data),
});

describe('layout ops', () => {
  describe('reshape', () => {
    const cases: readonly (readonly [Shape, Shape])[] = [
      [
        [2, 3],
        [3, 2],
      ],
      [[2, 3], [-1]],
      [[6], [1, 2, 3]],
      [
        [2, 3, 2],
        [4, -1],
      ],
      [[], [1, 1]],
    ];
    for (const [from, to] of cases) {
      it(`(${from.join(', ')}) → (${to.join(', ')}): VJP, JVP and adjointness`, () => {
        const random = mulberry32(sizeOf(from) + to.length);
        const op = { kind: 'reshape', shape: to } as const;
        const args = [randomTensor(random, from)];
        checkDerivatives(reshape, op, args, random);
      });
    }

    it('keeps the row-major elements and works out a −1', () => {
      const x = tensor([2, 3], 1, 2, 3, 4, 5, 6);
      assert.deepEqual(reshape.shape({ kind: 'reshape', shape: [3, -1] }, [x.shape]), [3, 2]);
      assert.deepEqual(
        [...outputOf(reshape, { kind: 'reshape', shape: [3, 2] }, [x]).data],
        [1, 2, 3, 4, 5, 6],
      );
    });

    it('refuses a shape of another size', () => {
      assert.deepEqual(reshape.shape({ kind: 'reshape', shape: [5, 3] }, [[3, 4]]), {
        mismatch: 'cannot reshape an array of shape (3, 4) into shape (5, 3)',
      });
      assert.ok(
        'mismatch' in (reshape.shape({ kind: 'reshape', shape: [-1, -1] }, [[3, 4]]) as object),
      );
    });
  });

  describe('transpose', () => {
    const cases: readonly (readonly [Shape, readonly number[]])[] = [
      [
        [2, 3],
        [1, 0],
      ],
      [
        [2, 3, 4],
        [2, 0, 1],
      ],
      [
        [2, 3, 4],
        [0, 2, 1],
      ],
      [[3], [0]],
    ];
    for (const [shape, axes] of cases) {
      it(`(${shape.join(', ')}) by (${axes.join(', ')}): VJP, JVP and adjointness`, () => {
        const random = mulberry32(sizeOf(shape) + axes[0]!);
        const op = { kind: 'transpose', axes } as const;
        const args = [randomTensor(random, shape)];
        checkDerivatives(transpose, op, args, random);
      });
    }

    it('moves elements as NumPy’s transpose does', () => {
      const x = tensor([2, 3], 1, 2, 3, 4, 5, 6);
      assert.deepEqual(
        [...outputOf(transpose, { kind: 'transpose', axes: [1, 0] }, [x]).data],
        [1, 4, 2, 5, 3, 6],
      );
      const cube = tensor([2, 2, 2], 0, 1, 2, 3, 4, 5, 6, 7);
      // np.arange(8).reshape(2, 2, 2).transpose(2, 0, 1).ravel()
      assert.deepEqual(
        [...outputOf(transpose, { kind: 'transpose', axes: [2, 0, 1] }, [cube]).data],
        [0, 2, 4, 6, 1, 3, 5, 7],
      );
    });

    it('refuses axes that are no permutation', () => {
      assert.ok(
        'mismatch' in (transpose.shape({ kind: 'transpose', axes: [0, 0] }, [[2, 3]]) as object),
      );
    });

    it('writes a matrix transpose’s VJP with ᵀ', () => {
      assert.deepEqual(
        transpose.formula({ kind: 'transpose', axes: [1, 0] }, 0, ['W'], 'Wᵀ', [[3, 4]], [4, 3]),
        {
          rule: '∂L/∂W = (∂L/∂Wᵀ)ᵀ',
          shapes: '(3, 4) = (4, 3)ᵀ',
        },
      );
    });
  });

  describe('broadcast_to', () => {
    const cases: readonly (readonly [Shape, Shape])[] = [
      [[3], [2, 3]],
      [
        [2, 1],
        [2, 3],
      ],
      [[], [2, 2]],
      [
        [1, 3],
        [2, 2, 3],
      ],
    ];
    for (const [from, to] of cases) {
      it(`(${from.join(', ')}) → (${to.join(', ')}): VJP (summed back), JVP and adjointness`, () => {
        const random = mulberry32(sizeOf(to) + from.length);
        const op = { kind: 'broadcast_to', shape: to } as const;
        const args = [randomTensor(random, from)];
        checkDerivatives(broadcastTo, op, args, random);
      });
    }

    it('leaves the sum over the stretched axes to the engine’s reduce step', () => {
      const op = { kind: 'broadcast_to', shape: [2, 3] } as const;
      const x = tensor([3], 1, 2, 3);
      const out = outputOf(broadcastTo, op, [x]);
      assert.deepEqual([...out.data], [1, 2, 3, 1, 2, 3]);
      const upstream = tensor([2, 3], 1, 2, 3, 4, 5, 6);
      assert.deepEqual([...broadcastTo.vjp(op, 0, upstream, [x], out).shape], [2, 3]);
      assert.deepEqual([...pullback(broadcastTo, op, 0, upstream, [x], out).data], [5, 7, 9]);
    });

    it('refuses a shape the operand does not broadcast to', () => {
      assert.deepEqual(broadcastTo.shape({ kind: 'broadcast_to', shape: [4, 5] }, [[3]]), {
        mismatch: 'cannot broadcast shape (3,) to (4, 5)',
      });
    });
  });
});
