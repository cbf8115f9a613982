/**
 * Mutants of the course notes' backward passes, one known mistake each: caught, located at the
 * line that makes it while everything it reads is right, and explained.
 */
import assert from 'node:assert/strict';
import type { BackwardCheckReport, FirstWrongLine } from '../../../src/core/handBackward/report';
import { lineOf, mutate, SOFTMAX, STAGED, TWO_LAYER, CIRCUIT } from './backwardSources';
import { reportOf } from './backwardReport';

function firstWrong(report: BackwardCheckReport): FirstWrongLine {
  assert.ok(report.firstWrong !== undefined, 'a wrong gradient is located');
  return report.firstWrong;
}

function verdictOf(report: BackwardCheckReport, gradient: string): string | undefined {
  return report.comparisons.find((one) => one.pairing.gradient === gradient)?.verdict;
}

describe('checkBackward: the first wrong line of a mistaken backward pass', () => {
  it('names the missing regularisation gradient when dW += reg * W is deleted', async () => {
    const source = mutate(SOFTMAX, 'dW += reg * W', '');
    const report = await reportOf(source);
    assert.equal(verdictOf(report, 'dW'), 'wrong');
    assert.equal(verdictOf(report, 'db'), 'correct');
    const wrong = firstWrong(report);
    assert.equal(wrong.gradient, 'dW');
    assert.equal(wrong.range.start.line, lineOf(source, 'dW = np.dot(X.T, dscores)'));
    assert.equal(wrong.explanation.kind, 'missing-term');
    assert.equal(
      wrong.explanation.text,
      'the gradient through `reg_loss` (line 15) is missing: the regularisation gradient `reg * W`',
    );
  });

  it('locates = where the staged example’s fork needs +=, at that line', async () => {
    const source = mutate(
      STAGED,
      'dx += ((1 - sigx) * sigx) * dsigx',
      'dx = ((1 - sigx) * sigx) * dsigx',
    );
    const report = await reportOf(source);
    const wrong = firstWrong(report);
    assert.equal(wrong.gradient, 'dx');
    assert.equal(wrong.range.start.line, lineOf(source, 'dx = ((1 - sigx)'));
    assert.equal(wrong.explanation.kind, 'overwritten');
    if (wrong.explanation.kind === 'overwritten') {
      assert.equal(wrong.explanation.overwritten?.start.line, lineOf(source, 'dx = (1) * dxpy'));
    }
    assert.match(wrong.explanation.text, /write `dx \+= …`/);
    assert.equal(verdictOf(report, 'dy'), 'correct');
  });

  it('names the path a deleted += leaves out', async () => {
    const source = mutate(STAGED, 'dx += (1) * dnum', '');
    const wrong = firstWrong(await reportOf(source));
    assert.equal(wrong.range.start.line, lineOf(source, 'dx += ((1 - sigx)'));
    assert.equal(wrong.explanation.kind, 'missing-term');
    assert.match(wrong.explanation.text, /^the gradient through `num` \(line 6\) is missing/);
  });

  it('locates a wrong local gradient in one += of a fork', async () => {
    const source = mutate(STAGED, '((1 - sigx) * sigx) * dsigx', '(sigx) * dsigx');
    const wrong = firstWrong(await reportOf(source));
    assert.equal(wrong.range.start.line, lineOf(source, 'dx += (sigx) * dsigx'));
    assert.match(wrong.explanation.text, /contribution to dx at line 27 .* through `sigx`/);
  });

  it('explains a missing 1/N: dscores /= num_examples deleted', async () => {
    const source = mutate(SOFTMAX, 'dscores /= num_examples', '');
    const report = await reportOf(source);
    assert.equal(verdictOf(report, 'dW'), 'wrong');
    const wrong = firstWrong(report);
    assert.equal(wrong.gradient, 'dscores', 'dW and db read the wrong dscores');
    assert.equal(wrong.range.start.line, lineOf(source, 'dscores[range(num_examples), y] -= 1'));
    assert.deepEqual(wrong.explanation, {
      kind: 'factor',
      factor: 0.2,
      text: 'dscores is off by a factor of 1/num_examples (num_examples = 5): divide by num_examples',
    });
  });

  it('explains a wrong sign at the first line that has it, not the lines reading it', async () => {
    const source = mutate(STAGED, 'dden = (-1.0 / (den**2))', 'dden = (1.0 / (den**2))');
    const report = await reportOf(source);
    assert.equal(verdictOf(report, 'dx'), 'wrong');
    const wrong = firstWrong(report);
    assert.equal(wrong.gradient, 'dden');
    assert.equal(wrong.explanation.kind, 'factor');
    assert.equal(wrong.explanation.kind === 'factor' ? wrong.explanation.factor : 0, -1);
  });

  it('explains a missing factor 2', async () => {
    const source = mutate(STAGED, 'dxpy = (2 * xpy)', 'dxpy = (xpy)');
    const wrong = firstWrong(await reportOf(source));
    assert.equal(wrong.gradient, 'dxpy');
    assert.equal(wrong.explanation.text, 'dxpy is off by a factor of 2: multiply by 2');
  });

  it('explains a transposed product', async () => {
    const source = [
      'import numpy as np',
      'np.random.seed(1)',
      'X = np.random.randn(5, 4)',
      'W = np.random.randn(4, 3)',
      'scores = np.dot(X, W)',
      'loss = np.sum(scores * scores)',
      'dscores = 2 * scores',
      'dW = np.dot(dscores.T, X)',
      '',
    ].join('\n');
    const report = await reportOf(source);
    assert.equal(verdictOf(report, 'dW'), 'shape');
    const wrong = firstWrong(report);
    assert.equal(wrong.range.start.line, 7);
    assert.equal(wrong.explanation.kind, 'transposed');
  });

  it('explains a ReLU mask with the wrong comparison', async () => {
    const source = mutate(
      TWO_LAYER,
      'dhidden[hidden_layer <= 0] = 0',
      'dhidden[hidden_layer < 0] = 0',
    );
    const wrong = firstWrong(await reportOf(source));
    assert.equal(wrong.gradient, 'dhidden');
    assert.equal(wrong.range.start.line, lineOf(source, 'dhidden[hidden_layer < 0] = 0'));
    assert.equal(wrong.explanation.kind, 'mask');
    assert.match(wrong.explanation.text, /should be 0 but pass through/);
  });

  it('names the two-layer net’s missing regularisation gradient of W', async () => {
    const source = mutate(TWO_LAYER, 'dW += reg * W', '');
    const report = await reportOf(source);
    assert.equal(verdictOf(report, 'dW2'), 'correct');
    const wrong = firstWrong(report);
    assert.equal(wrong.range.start.line, lineOf(source, 'dW = np.dot(X.T, dhidden)'));
    assert.equal(
      wrong.explanation.text,
      'the gradient through `reg_loss` (line 18) is missing: the regularisation gradient `reg * W`',
    );
  });

  it('says the ReLU was not backpropagated when its mask line is deleted', async () => {
    const source = mutate(TWO_LAYER, 'dhidden[hidden_layer <= 0] = 0', '');
    const report = await reportOf(source);
    assert.equal(verdictOf(report, 'dhidden'), 'correct', 'dhidden is ∂loss/∂hidden_layer');
    const wrong = firstWrong(report);
    assert.equal(wrong.gradient, 'dW');
    assert.equal(wrong.range.start.line, lineOf(source, 'dW = np.dot(X.T, dhidden)'));
    assert.equal(wrong.explanation.kind, 'mask');
    assert.match(wrong.explanation.text, /the ReLU's backward step is missing/);
  });

  it('explains a gradient of the wrong shape', async () => {
    const source = mutate(SOFTMAX, 'axis=0', 'axis=1');
    const report = await reportOf(source);
    assert.equal(verdictOf(report, 'db'), 'shape');
    const wrong = firstWrong(report);
    assert.equal(wrong.explanation.text, 'db has shape (5, 1) but b has shape (1, 3)');
  });

  it('gives the two numbers when the mistake has no known shape', async () => {
    const source = mutate(CIRCUIT, 'dfdx = dqdx * dfdq', 'dfdx = dqdx * dfdz');
    const wrong = firstWrong(await reportOf(source));
    assert.equal(wrong.gradient, 'dfdx');
    assert.equal(wrong.range.start.line, lineOf(source, 'dfdx = dqdx * dfdz'));
    assert.deepEqual(wrong.explanation, {
      kind: 'other',
      text: 'dfdx is 3 where ∂f/∂x is -4 (rel. error 1.75)',
    });
  });
});
