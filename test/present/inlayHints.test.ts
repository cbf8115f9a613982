import assert from 'node:assert/strict';
import { inlayHints } from '../../src/present/inlayHints';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { REBINDING, UNUSED_STEP, pythonInspection } from '../support/unusedInputs';

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

  for (const each of REBINDING) {
    it(`${each.language}: no hint on an input f does not use; the binding f reads gets its own`, async () => {
      const inspection = await inspectionOf({ source: each.source, language: each.language });
      const hints = inlayHints(inspection, { precision: 6, style: 'full' });
      const [unusedLine] = each.unusedRead;
      const [usedLine] = each.usedRead;
      // In f0 = x * y only y (read by f too) has a hint; in the line of f, x and y.
      assert.deepEqual(
        hints.map((hint) => [hint.position.line, hint.label]),
        [
          [unusedLine, '∂f/∂y = 1'],
          [usedLine, '∂f/∂x = 3'],
          [usedLine, '∂f/∂y = 1'],
        ],
      );
    });
  }

  it('gives no hint for a step size f never reads, and never a 0', async () => {
    const hints = inlayHints(await pythonInspection(UNUSED_STEP), { precision: 6, style: 'full' });
    assert.deepEqual(
      hints.map((hint) => hint.label),
      ['∂f/∂x = 12'],
    );
  });

  it('names a binding keyed by its line as the table does', async () => {
    const inspection = await pythonInspection('x = 1\ny = x * 2\nx = 3\nf = x * y\n');
    assert.deepEqual(
      inlayHints(inspection, { precision: 6, style: 'full' }).map((hint) => hint.label),
      ['∂f/∂x (line 1) = 6', '∂f/∂x (line 3) = 2'],
    );
  });
});
