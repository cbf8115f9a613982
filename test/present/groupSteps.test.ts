import assert from 'node:assert/strict';
import { inspectGraph } from '../../src/engine/inspect';
import { groupStepEnd } from '../../src/present/stepThrough';
import { lowerOk } from '../language/math/helpers';

/** ∑_{i=1}^{3} w_i x_i: a loop group with three iterations, each a product and an addition. */
function sumResult() {
  const program = lowerOk('\\sum_{i=1}^{3} w_i x_i   % at: w=[1, 2, 3], x=[4, 5, 6]');
  const values = Object.fromEntries(
    Object.entries(program.bindings).map(([name, binding]) => [name, binding.value]),
  );
  return inspectGraph(program.graph, values);
}

describe('stepping a whole group at once', () => {
  it('runs to the last backward step of the iteration the next step is in', () => {
    const result = sumResult();
    const groupOfStep = (at: number): number | undefined => {
      const step = result.steps[at]!;
      return result.nodes[step.kind === 'seed' ? step.node : step.from]?.group;
    };
    // From the whole picture: the seed is at the output, the last addition, in iteration 3.
    const first = groupStepEnd(result, 'backward', null)!;
    assert.equal(groupOfStep(0), 3);
    for (let at = 0; at <= first; at += 1) {
      assert.equal(groupOfStep(at), 3, `step ${at} in iteration 3`);
    }
    assert.notEqual(groupOfStep(first + 1), 3);
    // Each further press runs one more iteration, to the last step.
    const seen: (number | undefined)[] = [groupOfStep(first)];
    let index: number | null = first;
    while (index !== null && index < result.steps.length - 1) {
      index = groupStepEnd(result, 'backward', index);
      seen.push(groupOfStep(index!));
    }
    assert.deepEqual(seen, [3, 2, 1]);
    assert.equal(
      groupStepEnd(result, 'backward', result.steps.length - 1),
      result.steps.length - 1,
    );
  });

  it('steps one at a time outside groups, and through the forward pass by iteration', () => {
    const result = sumResult();
    // Forward: mul (it 1), mul (it 2), add (it 2), mul (it 3), add (it 3).
    assert.equal(groupStepEnd(result, 'forward', null), 0);
    assert.equal(groupStepEnd(result, 'forward', 0), 2);
    assert.equal(groupStepEnd(result, 'forward', 2), 4);
    const plain = inspectGraph(lowerOk('x * y + z').graph, { x: 1, y: 2, z: 3 });
    assert.equal(groupStepEnd(plain, 'backward', 0), 1);
  });
});
