import assert from 'node:assert/strict';
import { tensorSummary } from '../../src/protocol/tensorSummary';
import { summaryText } from '../../src/webview/summaryText';

describe('tensor summaries in the panel list', () => {
  it('writes a small tensor whole, nested as NumPy prints it', () => {
    const matrix = tensorSummary([2, 3], Float64Array.of(1, -2, 3.5, 0, 0.25, 6));
    assert.equal(summaryText(matrix, 6), '[[1, −2, 3.5], [0, 0.25, 6]]');
    assert.equal(summaryText(tensorSummary([3], Float64Array.of(2, 0, 6)), 6), '[2, 0, 6]');
  });

  it('writes a 0-d tensor as its number, and an empty one as []', () => {
    assert.equal(summaryText(tensorSummary([], Float64Array.of(-0.5)), 6), '−0.5');
    assert.equal(summaryText(tensorSummary([0], new Float64Array(0)), 6), '[]');
  });

  it('writes a large tensor as its range, mean, norm and first elements, at the precision asked', () => {
    const data = Float64Array.from({ length: 100 }, (_, i) => i / 3);
    const text = summaryText(tensorSummary([10, 10], data), 3);
    assert.equal(
      text,
      '(10, 10): min 0, max 33, mean 16.5, ‖·‖ 191; first 0, 0.333, 0.667, 1, 1.33, 1.67, …',
    );
  });
});
