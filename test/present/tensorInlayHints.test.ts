import assert from 'node:assert/strict';
import { tensorInlayHints } from '../../src/present/tensorInlayHints';
import { affineInspection, reluSquareInspection } from './tensorResults';

describe('tensor inlay hints', () => {
  it('puts ∇ (shape) ‖norm‖ after each read of an input, none for an unused one', () => {
    const inspection = affineInspection();
    const hints = tensorInlayHints(inspection, { precision: 2, style: 'short' });
    const normW = Math.hypot(...(inspection.result.inputs[0]?.grad ?? []));
    assert.deepEqual(
      hints.map((hint) => [hint.position.line, hint.position.column, hint.label]),
      [
        [4, 13, `∇ (8, 7) ‖${Number(normW.toPrecision(2))}‖`],
        [4, 17, `∇ (7,) ‖5.3‖`],
      ],
    );
    assert.equal(hints[1]?.tooltip, '∂loss/∂b: shape (7,), ‖∂loss/∂b‖ = 5.3, max |∂loss/∂b| = 2');
  });

  it('writes the partial in the full style', () => {
    const hints = tensorInlayHints(reluSquareInspection(), { precision: 2, style: 'full' });
    assert.deepEqual(
      hints.map((hint) => hint.label),
      ['∂y/∂x (3,) ‖6.3‖'],
    );
  });

  it('gives a one-element input its number, as scalar code does', () => {
    const inspection = reluSquareInspection();
    const scalar = {
      ...inspection,
      result: {
        ...inspection.result,
        nodes: inspection.result.nodes.map((node) =>
          node.id === 0
            ? { ...node, shape: [], value: Float64Array.of(2), grad: Float64Array.of(-4) }
            : node,
        ),
      },
    };
    const hints = tensorInlayHints(scalar, { precision: 6, style: 'short' });
    assert.deepEqual(
      hints.map((hint) => [hint.label, hint.tooltip]),
      [['∇ −4', '∂y/∂x = −4']],
    );
  });

  it('gives only the hints on the lines asked for', () => {
    const inspection = affineInspection();
    assert.equal(
      tensorInlayHints(inspection, { precision: 2, style: 'short', lines: { first: 0, last: 3 } })
        .length,
      0,
    );
    assert.equal(
      tensorInlayHints(inspection, { precision: 2, style: 'short', lines: { first: 4, last: 4 } })
        .length,
      2,
    );
  });
});
