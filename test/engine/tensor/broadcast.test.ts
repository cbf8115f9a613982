import { strict as assert } from 'node:assert';
import {
  broadcastAxes,
  expandTo,
  multiIndex,
  reduceRule,
  reduceToShape,
} from '../../../src/engine/tensor/broadcast';
import { sizeOf, type Shape } from '../../../src/engine/tensor/shape';
import type { Tensor } from '../../../src/engine/tensor/tensor';
import { mulberry32, randomTensor } from '../../support/tensorOpChecks';

/** The plain definition: element k of `target` reads the operand at its aligned multi-index. */
function expandSlowly(tensor: Tensor, target: Shape): number[] {
  const offset = target.length - tensor.shape.length;
  return Array.from({ length: sizeOf(target) }, (_, k) => {
    const index = multiIndex(k, target).slice(offset);
    let flat = 0;
    index.forEach((i, axis) => {
      const length = tensor.shape[axis] ?? 1;
      flat = flat * length + (length === 1 ? 0 : i);
    });
    return tensor.data[flat] ?? NaN;
  });
}

describe('broadcasting', () => {
  const pairs: readonly (readonly [Shape, Shape])[] = [
    [[5], [4, 5]],
    [
      [4, 1],
      [4, 5],
    ],
    [[], [2, 3]],
    [[1], [3, 1, 2]],
    [
      [2, 1, 3],
      [4, 2, 5, 3],
    ],
    [
      [1, 1],
      [2, 3],
    ],
    [[3], [3]],
  ];

  for (const [shape, target] of pairs) {
    it(`(${shape.join(', ')}) to (${target.join(', ')}) and its gradient summed back`, () => {
      const random = mulberry32(sizeOf(target));
      const x = randomTensor(random, shape);
      assert.deepEqual([...expandTo(x, target)], expandSlowly(x, target));
      // Summing back is the adjoint of broadcasting: ⟨u, expand(x)⟩ = ⟨reduce(u), x⟩.
      const u = randomTensor(random, target);
      const reduced = reduceToShape(u, shape);
      assert.deepEqual([...reduced.tensor.shape], [...shape]);
      const left = expandTo(x, target).reduce((s, v, k) => s + v * u.data[k]!, 0);
      const right = x.data.reduce((s, v, k) => s + v * reduced.tensor.data[k]!, 0);
      assert.ok(Math.abs(left - right) < 1e-12, `${left} ≠ ${right}`);
    });
  }

  it('names the axes summed: added leading ones and stretched ones', () => {
    assert.deepEqual(broadcastAxes([5], [4, 5]), [0]);
    assert.deepEqual(broadcastAxes([4, 1], [4, 5]), [1]);
    assert.deepEqual(broadcastAxes([2, 1, 3], [4, 2, 5, 3]), [0, 2]);
    assert.deepEqual(broadcastAxes([3], [3]), []);
    assert.equal(broadcastAxes([3], [4, 5]), undefined);
    assert.equal(broadcastAxes([2, 5], [5]), undefined);
  });

  it('sums a (4, 5) gradient to a bias of (5,) over axis 0', () => {
    const grad: Tensor = { shape: [4, 5], data: Float64Array.from({ length: 20 }, (_, k) => k) };
    const { axes, tensor } = reduceToShape(grad, [5]);
    assert.deepEqual(axes, [0]);
    assert.deepEqual([...tensor.data], [30, 34, 38, 42, 46]);
    assert.equal(reduceRule(axes, grad.shape, [5]), 'Σ over axis 0: (4, 5) → (5,)');
    assert.equal(
      reduceRule([0, 2], [4, 2, 5, 3], [2, 1, 3]),
      'Σ over axes 0, 2: (4, 2, 5, 3) → (2, 1, 3)',
    );
  });

  it('refuses to sum a gradient to a shape it was not broadcast from', () => {
    assert.throws(
      () => reduceToShape({ shape: [2, 3], data: new Float64Array(6) }, [4]),
      RangeError,
    );
  });

  it('finds the multi-index of a row-major position', () => {
    assert.deepEqual(multiIndex(7, [2, 3, 2]), [1, 0, 1]);
    assert.deepEqual(multiIndex(0, []), []);
  });
});
