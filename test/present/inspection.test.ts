import assert from 'node:assert/strict';
import { assertNever } from '../../src/engine/assertNever';
import { contains, referenceAt, type DocumentInspection } from '../../src/present/inspection';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { reluInspection } from '../support/reluTensor';

/** What a view reads of either kind: the output's name and value, by switching on `kind`. */
function outputOf(inspection: DocumentInspection): string {
  switch (inspection.kind) {
    case undefined:
    case 'scalar':
      return `${inspection.result.output.name} = ${inspection.values.x ?? 'none'}`;
    case 'tensor':
      return `${inspection.result.output.name}: x of shape (${inspection.values.x?.shape.join(', ')})`;
    default:
      return assertNever(inspection, 'inspection');
  }
}

describe('a document inspection: scalar or tensor', () => {
  it('finds the reference under the cursor in a tensor inspection', () => {
    const inspection = reluInspection();
    assert.equal(referenceAt(inspection, 1, 5)?.node, 0);
    assert.equal(referenceAt(inspection, 1, 0)?.name, 'y');
    assert.equal(referenceAt(inspection, 1, 12), undefined);
  });

  it('finds no reference whose node the result lacks', () => {
    const inspection = reluInspection();
    const result = { ...inspection.result, nodes: inspection.result.nodes.slice(0, 4) };
    assert.equal(referenceAt({ ...inspection, result }, 1, 0), undefined);
  });

  it('tells the kinds apart by `kind`; a scalar one may leave it out', async () => {
    const scalar = await inspectionOf({
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 3, 4),
    });
    assert.equal(outputOf(scalar), 'f = -2');
    assert.equal(outputOf({ ...scalar, kind: 'scalar' }), 'f = -2');
    assert.equal(outputOf(reluInspection()), 'y: x of shape (3)');
  });

  it('counts both ends of a range as inside it', () => {
    const range = { start: { line: 1, column: 4 }, end: { line: 1, column: 6 } };
    assert.ok(contains(range, 1, 4) && contains(range, 1, 6));
    assert.ok(!contains(range, 1, 7) && !contains(range, 0, 5));
  });
});
