/** The problems a backward-pass check shows: the first wrong line, the other wrong gradients. */
import assert from 'node:assert/strict';
import type { BackwardCheckReport, GradientComparison } from '../../src/core/handBackward/report';
import { backwardDiagnostics, backwardSummary } from '../../src/present/backwardDiagnostics';
import { ALL_CORRECT, DSCORES_CORRECT, DW_MISSING_REG, MISSING_REG } from './backwardReports';

describe('backwardDiagnostics', () => {
  it('has no problem when every gradient is correct', () => {
    assert.deepEqual(backwardDiagnostics(ALL_CORRECT, 6), []);
    assert.equal(backwardSummary(ALL_CORRECT), 'backward pass of loss: 1 correct');
  });

  it('puts a warning on the first wrong line with both numbers and the explanation', () => {
    const [first, ...others] = backwardDiagnostics(MISSING_REG, 6);
    assert.deepEqual(others, []);
    assert.equal(first?.severity, 'warning');
    assert.equal(first?.gradient, 'dW');
    assert.deepEqual(first?.range, DW_MISSING_REG.pairing.range);
    assert.equal(
      first?.message,
      'dW is wrong: max rel. error 0.93 at [0, 1] (hand-written −0.27 vs ∂loss/∂W −0.28): ' +
        'the regularisation gradient `reg * W` (line 15) is missing',
    );
    assert.equal(
      backwardSummary(MISSING_REG),
      'backward pass of loss: 1 correct, 1 wrong; the first wrong line is line 20 (dW)',
    );
  });

  it('adds an information problem for each other wrong gradient, at the line that makes it', () => {
    const db: GradientComparison = {
      pairing: {
        ...DW_MISSING_REG.pairing,
        gradient: 'db',
        of: 'b',
        range: DSCORES_CORRECT.pairing.range,
      },
      verdict: 'wrong',
      worst: { index: [], handWritten: 1, engine: 2, relativeError: 0.5 },
      maxRelativeError: 0.5,
      handShape: [],
      engineShape: [],
    };
    const report: BackwardCheckReport = {
      ...MISSING_REG,
      comparisons: [...MISSING_REG.comparisons, db],
    };
    const problems = backwardDiagnostics(report, 6);
    assert.equal(problems.length, 2);
    assert.equal(problems[1]?.severity, 'information');
    assert.equal(problems[1]?.range.start.line, 18);
    assert.equal(
      problems[1]?.message,
      'db is wrong: max rel. error 0.5 (hand-written 1 vs ∂loss/∂b 2): the first wrong line is line 20 (dW)',
    );
  });

  it('says a shape mistake by its shapes', () => {
    const shaped = { ...DW_MISSING_REG, verdict: 'shape' as const, handShape: [3, 4] };
    const report = { ...MISSING_REG, comparisons: [shaped] };
    const [problem] = backwardDiagnostics(report, 6);
    assert.match(
      problem?.message ?? '',
      /^dW is wrong: shape \(3, 4\) where ∂loss\/∂W has \(4, 3\): /,
    );
  });
});
