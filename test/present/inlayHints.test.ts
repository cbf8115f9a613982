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
