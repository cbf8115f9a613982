import assert from 'node:assert/strict';
import { inspectionHover, inspectionInlayHints } from '../../src/extension/inspectionViews';
import { referenceAt } from '../../src/present/inspection';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { reluInspection } from '../support/reluTensor';

const HOVER = { precision: 6, showNodeCommand: (node: number) => `command:show?${node}` };

function hoverAt(
  inspection: Parameters<typeof inspectionHover>[0],
  line: number,
  column: number,
): string {
  const reference = referenceAt(inspection, line, column);
  assert.ok(reference, `no reference at ${line}:${column}`);
  const markdown = inspectionHover(inspection, reference, HOVER);
  assert.ok(markdown !== undefined, `no hover at ${line}:${column}`);
  return markdown;
}

describe('hover and inlay hints of an inspection, by its kind', () => {
  it('hovers a tensor input with its shape and its gradient [2, 0, 6]', () => {
    // y = (x.relu() ** 2).sum(): x read at line 1, column 5.
    const markdown = hoverAt(reluInspection(), 1, 5);
    assert.match(markdown, /∂y\/∂x/);
    assert.match(markdown, /shape \\?\(3,\\?\)/);
    const gradient = markdown.slice(markdown.indexOf('*Gradient*'));
    assert.match(gradient, /\|\s*2\s*\|\s*0\s*\|\s*6\s*\|/);
  });

  it('hovers the tensor output with its value', () => {
    assert.match(hoverAt(reluInspection(), 1, 0), /y = 10/);
  });

  it('gives a tensor input one hint, its gradient shape and norm ‖(2, 0, 6)‖ = 6.32', () => {
    const hints = inspectionInlayHints(reluInspection(), { precision: 3, style: 'short' });
    assert.deepEqual(
      hints.map((hint) => [hint.position.line, hint.position.column, hint.label]),
      [[1, 6, '∇ (3,) ‖6.32‖']],
    );
  });

  it('gives a scalar inspection the scalar texts, as before', async () => {
    const inspection = await inspectionOf({
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 3, 4),
    });
    assert.equal(inspection.kind, undefined);
    assert.match(hoverAt(inspection, 3, 4), /∂f\/∂x = −4/);
    const hints = inspectionInlayHints(inspection, { precision: 6, style: 'full' });
    assert.deepEqual(
      hints.map((hint) => hint.label),
      ['∂f/∂x = −4', '∂f/∂y = −4', '∂f/∂z = 3'],
    );
  });
});
