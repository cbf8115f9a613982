/** The hover on a hand-written gradient after a check: matches, or what differs; text escaped. */
import assert from 'node:assert/strict';
import type { BackwardCheckReport } from '../../src/core/handBackward/report';
import { backwardHoverMarkdown } from '../../src/present/backwardHover';
import { DSCORES_CORRECT, MISSING_REG } from './backwardReports';

describe('backwardHoverMarkdown', () => {
  it('says a correct gradient matches the engine’s, with its largest relative error', () => {
    const markdown = backwardHoverMarkdown(MISSING_REG, 'dscores', 6);
    assert.equal(
      markdown,
      '**Backward pass check**\n\n`dscores` matches ∂loss/∂scores (max rel. error 2e-13)',
    );
  });

  it('gives a wrong gradient’s worst element and explanation, escaped', () => {
    const markdown = backwardHoverMarkdown(MISSING_REG, 'dW', 6) ?? '';
    assert.match(markdown, /`dW` differs from ∂loss\/∂W\\: max rel\. error 0\.93/);
    assert.ok(markdown.includes('at \\[0, 1\\] \\(hand-written −0.27 vs ∂loss/∂W −0.28\\)'));
    // The explanation's code stays text: its backticks and * are escaped.
    assert.ok(markdown.includes('\\`reg \\* W\\`'));
  });

  it('answers nothing for a name that is no checked gradient', () => {
    assert.equal(backwardHoverMarkdown(MISSING_REG, 'W', 6), undefined);
  });

  it('covers the elements of a list gradient under its name', () => {
    const element = (index: number) => ({
      ...DSCORES_CORRECT,
      pairing: { ...DSCORES_CORRECT.pairing, gradient: `dx[${index}]`, of: `x[${index}]` },
    });
    const report: BackwardCheckReport = { ...MISSING_REG, comparisons: [element(0), element(1)] };
    const markdown = backwardHoverMarkdown(report, 'dx', 6) ?? '';
    assert.ok(markdown.includes('`dx[0]` matches ∂loss/∂x\\[0\\]'));
    assert.ok(markdown.includes('`dx[1]` matches ∂loss/∂x\\[1\\]'));
  });

  it('never lets a document’s name become a link', () => {
    const comparison = {
      ...DSCORES_CORRECT,
      pairing: { ...DSCORES_CORRECT.pairing, gradient: 'd`x', of: '[x](command:evil)' },
    };
    const report: BackwardCheckReport = { ...MISSING_REG, comparisons: [comparison] };
    const markdown = backwardHoverMarkdown(report, 'd`x', 6) ?? '';
    assert.ok(!markdown.includes('](command:'), markdown);
    assert.ok(markdown.includes('`dx`'));
  });
});
