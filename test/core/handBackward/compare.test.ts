/** CS231n's relative error per element, the worst element and the verdict's thresholds. */
import assert from 'node:assert/strict';
import { compareGradient, relativeError } from '../../../src/core/handBackward/compare';
import type { GradientPairing } from '../../../src/core/handBackward/report';

const PAIRING: GradientPairing = {
  gradient: 'dW',
  of: 'W',
  output: 'loss',
  convention: 'd-name',
  range: { start: { line: 0, column: 0 }, end: { line: 0, column: 2 } },
};

function tensor(shape: number[], values: number[]) {
  return { shape, data: Float64Array.from(values) };
}

describe('compareGradient', () => {
  it('takes |a − b| / max(|a|, |b|), 0 when both are 0', () => {
    assert.equal(relativeError(0, 0), 0);
    assert.equal(relativeError(1, 3), 2 / 3);
    assert.equal(relativeError(-1, 1), 2);
  });

  it('finds the worst element with its index', () => {
    const compared = compareGradient(
      PAIRING,
      tensor([2, 2], [1, 2, 3, 4]),
      tensor([2, 2], [1, 2, 3.5, 4]),
    );
    assert.equal(compared.verdict, 'wrong');
    assert.deepEqual(compared.worst, {
      index: [1, 0],
      handWritten: 3,
      engine: 3.5,
      relativeError: 0.5 / 3.5,
    });
  });

  it('says correct up to 1e-7, doubtful up to 1e-4, wrong above', () => {
    const at = (error: number) =>
      compareGradient(PAIRING, tensor([], [1 - error]), tensor([], [1])).verdict;
    assert.equal(at(5e-8), 'correct');
    assert.equal(at(5e-5), 'doubtful');
    assert.equal(at(5e-4), 'wrong');
  });

  it('says shape when the shapes differ', () => {
    const compared = compareGradient(PAIRING, tensor([3], [1, 2, 3]), tensor([1, 3], [1, 2, 3]));
    assert.equal(compared.verdict, 'shape');
    assert.deepEqual(compared.handShape, [3]);
    assert.deepEqual(compared.engineShape, [1, 3]);
  });
});
