/** Where "∇ Check backward pass" goes, and which files are worth a check at all. */
import assert from 'node:assert/strict';
import { backwardLensLines, mayHaveBackwardPass } from '../../src/present/backwardLensPlaces';
import { reportOf } from '../core/handBackward/backwardReport';
import { CIRCUIT, lineOf, SOFTMAX } from '../core/handBackward/backwardSources';

describe('backward lens places', () => {
  it('goes above the first line of the softmax classifier’s backward pass', async () => {
    const report = await reportOf(SOFTMAX);
    assert.deepEqual(backwardLensLines(SOFTMAX, report), [lineOf(SOFTMAX, 'dscores = probs')]);
  });

  it('goes above a backward function as well', async () => {
    const report = await reportOf(CIRCUIT);
    const source = `def circuit_backward(dout):\n    pass\n${CIRCUIT}`;
    const lines = backwardLensLines(source, report);
    assert.equal(lines[0], 0);
    assert.equal(lines.length, 2);
  });

  it('sends only files that write a gradient-like name to the checker', () => {
    assert.equal(mayHaveBackwardPass(SOFTMAX), true);
    assert.equal(mayHaveBackwardPass(CIRCUIT), true);
    assert.equal(mayHaveBackwardPass('x_grad = 2 * x\n'), true);
    assert.equal(mayHaveBackwardPass('def relu_backward(dout, cache):\n    pass\n'), true);
    assert.equal(mayHaveBackwardPass('data = load()\ndelta = data - 1\n'), false);
  });
});
