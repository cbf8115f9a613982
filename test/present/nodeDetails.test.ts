import assert from 'node:assert/strict';
import type { InspectionResult } from '../../src/engine/result';
import { nodeDetails, type DetailsContext } from '../../src/present/nodeDetails';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { REBINDING, pythonInspection } from '../support/unusedInputs';

function context(result: InspectionResult, outputChosen = false): DetailsContext {
  return { result, precision: 6, fileName: 'reference.py', lineOffset: 0, outputChosen };
}

function idOf(result: InspectionResult, name: string): number {
  return result.nodes.find((node) => (node.name ?? node.label) === name)!.id;
}

describe('node details (the panel’s text)', () => {
  let reference: InspectionResult;

  before(async () => {
    reference = (
      await inspectionOf({
        source: REFERENCE_PYTHON,
        language: 'python',
        selection: linesRange(REFERENCE_PYTHON, 3, 4),
      })
    ).result;
  });

  it('an op: kind, value, gradient, local gradients, gate, source, and "make it the output"', () => {
    const q = nodeDetails(context(reference), idOf(reference, 'q'))!;
    assert.equal(q.name, 'q');
    assert.deepEqual(q.rows, [
      ['kind', 'operation add (+)'],
      ['value', 'q = 3'],
      ['gradient', '∂f/∂q = −4'],
    ]);
    assert.deepEqual(q.partials, ['∂q/∂x = 1', '∂q/∂y = 1']);
    assert.deepEqual(q.forward, ['∂q/∂x = 1', '∂q/∂y = 1', '∂q/∂z = 0']);
    assert.equal(q.gates.length, 1);
    assert.match(q.gates[0]!, /^distributor/);
    assert.deepEqual(q.warnings, []);
    assert.match(q.source!, /^reference\.py, line 4, columns? /);
    assert.equal(q.outputAction, 'choose');
  });

  it('the output: forward mode against every input, "back" only when the output was chosen', () => {
    const id = reference.output.id;
    const f = nodeDetails(context(reference), id)!;
    assert.deepEqual(f.forward, ['∂f/∂x = −4', '∂f/∂y = −4', '∂f/∂z = 3']);
    assert.equal(f.outputAction, undefined);
    assert.equal(nodeDetails(context(reference, true), id)!.outputAction, 'reset');
  });

  it('an input has no forward-mode section; no node, no details', () => {
    assert.deepEqual(nodeDetails(context(reference), idOf(reference, 'x'))!.forward, []);
    assert.equal(nodeDetails(context(reference), reference.nodes.length), undefined);
  });

  it('an unused binding is named by its key and said not used by f; an intermediate that reads it names it', async () => {
    const { result } = await pythonInspection(REBINDING[0]!.source);
    const unused = nodeDetails(context(result), 0)!;
    assert.equal(unused.name, 'x (line 1)');
    const text = unused.rows.map(([, value]) => value).join('\n');
    assert.ok(text.includes('not used by f'), text);
    assert.doesNotMatch(text, /∂f\/∂x/);
    const f0 = nodeDetails(context(result), 2)!;
    assert.equal(f0.name, 'f0');
    assert.deepEqual(f0.forward, ['∂f0/∂y = −2', '∂f0/∂x (line 4) = 0', '∂f0/∂x (line 1) = 5']);
    assert.ok(f0.rows.some(([, value]) => value.includes('does not reach f')));
  });
});
