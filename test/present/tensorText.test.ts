import assert from 'node:assert/strict';
import type { Tensor } from '../../src/engine/tensor/tensor';
import {
  indexOf,
  isSmallTensor,
  tensorGrid,
  tensorLines,
  tensorMarkdown,
  tensorSummary,
  tensorSummaryText,
} from '../../src/present/tensorText';

function tensor(shape: readonly number[], data: readonly number[]): Tensor {
  return { shape, data: Float64Array.from(data) };
}

function counting(shape: readonly number[]): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(
    shape,
    Array.from({ length: size }, (_, i) => i),
  );
}

const SIX = { precision: 6 };

describe('tensor text', () => {
  it('calls tensors up to 6 × 6 small, a vector up to 6 elements', () => {
    assert.ok(isSmallTensor([]));
    assert.ok(isSmallTensor([6]));
    assert.ok(isSmallTensor([6, 6]));
    assert.ok(isSmallTensor([2, 3, 6]));
    assert.ok(!isSmallTensor([7]));
    assert.ok(!isSmallTensor([7, 2]));
    assert.ok(!isSmallTensor([2, 7]));
    assert.ok(!isSmallTensor([3, 3, 2]));
  });

  it('summarises min, max, mean, norm and max |x|, NaN as NumPy says it', () => {
    const summary = tensorSummary(Float64Array.of(3, -4, 0, 1));
    assert.deepEqual(summary, {
      count: 4,
      min: -4,
      max: 3,
      mean: 0,
      norm: Math.sqrt(26),
      maxAbs: 4,
    });
    const withNaN = tensorSummary(Float64Array.of(1, NaN));
    assert.ok(Number.isNaN(withNaN.min) && Number.isNaN(withNaN.max) && Number.isNaN(withNaN.mean));
    assert.equal(tensorSummary(new Float64Array(0)).norm, 0);
  });

  it('finds the multi-index of a flat position row-major', () => {
    assert.deepEqual(indexOf(0, [2, 3, 4]), [0, 0, 0]);
    assert.deepEqual(indexOf(23, [2, 3, 4]), [1, 2, 3]);
    assert.deepEqual(indexOf(13, [2, 3, 4]), [1, 0, 1]);
  });

  it('writes a small matrix whole as aligned nested brackets', () => {
    assert.deepEqual(tensorLines(tensor([2, 3], [1, -2, 3, 4, 5.5, 6]), SIX), [
      '[[  1,  −2,   3],',
      ' [  4, 5.5,   6]]',
    ]);
    assert.deepEqual(tensorLines(tensor([3], [2, 0, 6]), SIX), ['[2, 0, 6]']);
    assert.deepEqual(tensorLines(tensor([], [0.5]), SIX), ['0.5']);
  });

  it('separates the blocks of a rank-3 tensor as NumPy prints them', () => {
    assert.deepEqual(tensorLines(counting([2, 2, 2]), SIX), [
      '[[[0, 1],',
      '  [2, 3]],',
      '',
      ' [[4, 5],',
      '  [6, 7]]]',
    ]);
  });

  it('summarises a larger tensor by min, max, mean, norm and its first six elements', () => {
    const text = tensorSummaryText(counting([3, 4]), SIX);
    assert.equal(
      text,
      `min 0, max 11, mean 5.5, norm ${Number(Math.sqrt(506).toPrecision(6))}, first 0, 1, 2, 3, 4, 5, …`,
    );
  });

  it('cuts the grid at 6 rows and 6 columns with …', () => {
    const grid = tensorGrid(counting([8, 9]), SIX);
    assert.equal(grid.whole, false);
    assert.deepEqual(grid.columns, ['0', '1', '2', '3', '4', '5', '…']);
    assert.equal(grid.rows.length, 7);
    assert.deepEqual(grid.rows[1], { label: '1', cells: ['9', '10', '11', '12', '13', '14', '…'] });
    assert.deepEqual(grid.rows[6], { label: '…', cells: ['…', '…', '…', '…', '…', '…', '…'] });
    const stacked = tensorGrid(counting([2, 2, 3]), SIX);
    assert.equal(stacked.whole, true);
    assert.deepEqual(
      stacked.rows.map((row) => row.label),
      ['0, 0', '0, 1', '1, 0', '1, 1'],
    );
  });

  it('writes a Markdown table with column indices, and one element as its number', () => {
    assert.equal(
      tensorMarkdown(tensor([2, 2], [1, -2, 3, 4]), SIX),
      '|  | 0 | 1 |\n| --: | --: | --: |\n| 0 | 1 | −2 |\n| 1 | 3 | 4 |',
    );
    assert.equal(
      tensorMarkdown(tensor([3], [1, 2, 3]), SIX),
      '| 0 | 1 | 2 |\n| --: | --: | --: |\n| 1 | 2 | 3 |',
    );
    assert.equal(tensorMarkdown(tensor([1, 1], [-0.25]), SIX), '−0.25');
    assert.equal(tensorMarkdown(tensor([], [Infinity]), SIX), '∞');
  });

  it('keeps the precision asked for', () => {
    assert.deepEqual(tensorLines(tensor([2], [Math.PI, -Math.E]), { precision: 3 }), [
      '[ 3.14, −2.72]',
    ]);
  });
});
