/** Hand-written backward passes as the course notes write them: every gradient paired and correct. */
import assert from 'node:assert/strict';
import type { BackwardCheckReport } from '../../../src/core/handBackward/report';
import { reportOf } from './backwardReport';
import {
  CIRCUIT,
  lineOf,
  mutate,
  NEURON,
  SOFTMAX,
  STAGED,
  SVM_NAIVE,
  TWO_LAYER,
} from './backwardSources';

function pairs(report: BackwardCheckReport): string[] {
  return report.comparisons.map(
    (one) => `${one.pairing.gradient}→∂${one.pairing.output}/∂${one.pairing.of} ${one.verdict}`,
  );
}

describe('checkBackward: backward passes written right', () => {
  it('pairs the circuit’s local gradients with q and its chain-rule gradients with f', async () => {
    const report = await reportOf(CIRCUIT);
    assert.equal(report.output, 'f');
    assert.equal(report.kind, 'scalar');
    assert.deepEqual(pairs(report), [
      'dfdz→∂f/∂z correct',
      'dfdq→∂f/∂q correct',
      'dqdx→∂q/∂x correct',
      'dqdy→∂q/∂y correct',
      'dfdx→∂f/∂x correct',
      'dfdy→∂f/∂y correct',
    ]);
    assert.equal(report.firstWrong, undefined);
    assert.ok(report.comparisons.every((one) => one.pairing.convention === 'd-output-d-name'));
  });

  it('pairs the sigmoid neuron’s list gradients element by element', async () => {
    const report = await reportOf(NEURON);
    assert.equal(report.output, 'f');
    assert.deepEqual(pairs(report), [
      'ddot→∂f/∂dot correct',
      'dx[0]→∂f/∂x[0] correct',
      'dx[1]→∂f/∂x[1] correct',
      'dw[0]→∂f/∂w[0] correct',
      'dw[1]→∂f/∂w[1] correct',
      'dw[2]→∂f/∂w[2] correct',
    ]);
    // dot = 2·(−1) + (−3)·(−2) − 3 = 1, f = σ(1); ddot = (1 − f) f, dx[0] = w[0] · ddot.
    const sigma = 1 / (1 + Math.exp(-1));
    const dx0 = report.comparisons.find((one) => one.pairing.gradient === 'dx[0]');
    assert.ok(Math.abs((dx0?.worst?.engine ?? 0) - 2 * (1 - sigma) * sigma) < 1e-15);
  });

  it('checks the staged example with += at its forks, each gradient after its last write', async () => {
    const report = await reportOf(STAGED);
    assert.equal(report.output, 'f');
    assert.deepEqual(pairs(report), [
      'dnum→∂f/∂num correct',
      'dinvden→∂f/∂invden correct',
      'dden→∂f/∂den correct',
      'dsigx→∂f/∂sigx correct',
      'dxpysqr→∂f/∂xpysqr correct',
      'dxpy→∂f/∂xpy correct',
      'dx→∂f/∂x correct',
      'dy→∂f/∂y correct',
      'dsigy→∂f/∂sigy correct',
    ]);
    const dx = report.comparisons.find((one) => one.pairing.gradient === 'dx');
    assert.equal(
      dx?.pairing.range.start.line,
      lineOf(STAGED, 'dx += (1) * dnum'),
      'dx: its last +=',
    );
    assert.equal(dx?.pairing.ofRange?.start.line, 1, 'x is the input of line 2');
  });

  it('reports every gradient of the softmax classifier correct and says dscores aliases probs', async () => {
    const report = await reportOf(SOFTMAX);
    assert.equal(report.kind, 'tensor');
    assert.equal(report.output, 'loss');
    assert.deepEqual(pairs(report), [
      'dscores→∂loss/∂scores correct',
      'dW→∂loss/∂W correct',
      'db→∂loss/∂b correct',
    ]);
    assert.equal(report.firstWrong, undefined);
    assert.ok(report.comparisons.every((one) => one.maxRelativeError < 1e-12));
    assert.ok(report.notes.some((note) => /probs/.test(note) && /aliasing/.test(note)));
  });

  it('says nothing of aliasing when the backward pass copies probs', async () => {
    const report = await reportOf(mutate(SOFTMAX, 'dscores = probs', 'dscores = probs.copy()'));
    assert.ok(report.comparisons.every((one) => one.verdict === 'correct'));
    assert.deepEqual(
      report.notes.filter((note) => /alias/.test(note)),
      [],
    );
  });

  it('checks the two-layer net, dhidden after its in-place ReLU mask against the ReLU input', async () => {
    const report = await reportOf(TWO_LAYER);
    assert.deepEqual(pairs(report), [
      'dscores→∂loss/∂scores correct',
      'dW2→∂loss/∂W2 correct',
      'db2→∂loss/∂b2 correct',
      'dhidden→∂loss/∂hidden_layer correct',
      'dW→∂loss/∂W correct',
      'db→∂loss/∂b correct',
    ]);
    assert.ok(report.notes.some((note) => /line 26: after the mask, dhidden/.test(note)));
  });

  it('finds the loss of a backward pass interleaved with the forward in loops (the SVM)', async () => {
    const report = await reportOf(SVM_NAIVE);
    assert.equal(report.output, 'loss');
    assert.deepEqual(pairs(report), ['dW→∂loss/∂W correct']);
    const wrong = await reportOf(mutate(SVM_NAIVE, 'dW += 2 * reg * W', 'dW += reg * W'));
    assert.equal(wrong.firstWrong?.range.start.line, lineOf(SVM_NAIVE, 'dW += 2 * reg * W'));
  });

  it('differentiates the output asked for', async () => {
    const report = await reportOf(STAGED, 'f');
    assert.equal(report.output, 'f');
    assert.ok(report.comparisons.every((one) => one.verdict === 'correct'));
  });
});
