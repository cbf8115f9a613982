import assert from 'node:assert/strict';
import type { InspectionResult } from '../../src/engine/result';
import {
  gradientPhrase,
  gradientStatus,
  pathToOutput,
  statusContext,
} from '../../src/present/gradientStatus';
import { REBINDING, SQUARED_ERROR, pythonInspection } from '../support/unusedInputs';

function statuses(result: InspectionResult): string[] {
  const context = statusContext(result);
  return result.nodes.map((node) => {
    const status = gradientStatus(node, context);
    return `${node.label}: ${gradientPhrase(status, result.output.name, node.label, { precision: 6 })}`;
  });
}

describe('gradient status', () => {
  it('tells an unused input, a constant and an intermediate off the path from a gradient', async () => {
    const { result } = await pythonInspection(REBINDING[0]!.source);
    assert.deepEqual(statuses(result), [
      'x: not used by f',
      'y: ∂f/∂y = 1',
      'f0: does not reach f',
      'x₂: ∂f/∂x₂ = 3',
      '3: no gradient (depends on no input)',
      'x₂·3: ∂f/∂(x₂·3) = 1',
      'f: ∂f/∂f = 1',
    ]);
    const unused = gradientStatus(result.nodes[0]!, statusContext(result));
    assert.deepEqual(unused, { kind: 'unused', key: 'x (line 1)' });
  });

  it('puts a constant on the path without a gradient, never NaN', async () => {
    const { result } = await pythonInspection(SQUARED_ERROR);
    const two = result.nodes.find((node) => node.kind === 'constant');
    assert.ok(two !== undefined && two.grad === undefined);
    assert.equal(pathToOutput(result)[two.id], 1);
    for (const line of statuses(result)) {
      assert.doesNotMatch(line, /NaN/);
    }
  });

  it('marks the path from the output by operands only', async () => {
    const { result } = await pythonInspection(REBINDING[0]!.source);
    assert.deepEqual([...pathToOutput(result)], [0, 1, 0, 1, 1, 1, 1]);
  });
});
