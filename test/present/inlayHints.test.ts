import assert from 'node:assert/strict';
import { inlayHints } from '../../src/present/inlayHints';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';

describe('inlay hints', () => {
  it('puts ∂f/∂input after each input occurrence, not after intermediates', async () => {
    const inspection = await inspectionOf({
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 3, 4),
    });
    const hints = inlayHints(inspection, { precision: 6, style: 'full' });
    assert.deepEqual(
      hints.map((hint) => [hint.position.line, hint.position.column, hint.label]),
      [
        [3, 5, '∂f/∂x = −4'],
        [3, 9, '∂f/∂y = −4'],
        [4, 9, '∂f/∂z = 3'],
      ],
    );
  });

  it('gives only the hints on the lines asked for, the same as the whole list has there', async () => {
    const inspection = await inspectionOf({
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 3, 4),
    });
    const all = inlayHints(inspection, { precision: 6, style: 'full' });
    for (const [first, last] of [
      [3, 3],
      [4, 9],
      [0, 2],
      [0, 4],
    ] as const) {
      const some = inlayHints(inspection, { precision: 6, style: 'full', lines: { first, last } });
      const expected = all.filter((h) => h.position.line >= first && h.position.line <= last);
      assert.deepEqual(some, expected, `lines ${first}–${last}`);
    }
    const line4 = inlayHints(inspection, {
      precision: 6,
      style: 'full',
      lines: { first: 4, last: 4 },
    });
    assert.deepEqual(
      line4.map((hint) => hint.label),
      ['∂f/∂z = 3'],
    );
  });

  it('has a short style with the long form as tooltip', async () => {
    const inspection = await inspectionOf({
      source: 'f = x * x',
      language: 'python',
      values: { x: 0.5 },
    });
    const hints = inlayHints(inspection, { precision: 3, style: 'short' });
    assert.deepEqual(
      hints.map((hint) => [hint.label, hint.tooltip]),
      [
        ['∇ 1', '∂f/∂x = 1'],
        ['∇ 1', '∂f/∂x = 1'],
      ],
    );
  });
});
