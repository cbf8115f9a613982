import assert from 'node:assert/strict';
import { evaluate } from '../../src/engine/forward';
import { tangents } from '../../src/engine/forwardMode';
import { inspectGraph } from '../../src/engine/inspect';
import { computedFrom, forwardTangents } from '../../src/present/forwardTangents';
import { mulberry32, randomGraph } from '../support/randomGraph';
import { REFERENCE_VALUES, referenceGraph } from '../support/reference';
import { REBINDING, SQUARED_ERROR, pythonInspection } from '../support/unusedInputs';

describe('forward tangents from an inspection result', () => {
  it('gives ∂node/∂x and ∂node/∂z on every node of the reference example', () => {
    const result = inspectGraph(referenceGraph(), REFERENCE_VALUES);
    assert.deepEqual(forwardTangents(result, 0), [1, 0, 1, 0, -4]);
    assert.deepEqual(forwardTangents(result, 3), [0, 0, 0, 1, 3]);
  });

  it("equals the engine's forward mode, bit for bit, on 200 random graphs", () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const { graph, values } = randomGraph(mulberry32(seed), 3, 25);
      const result = inspectGraph(graph, values);
      const forward = evaluate(graph, values);
      for (const node of graph.nodes) {
        if (node.kind === 'input') {
          assert.deepEqual(
            forwardTangents(result, node.id),
            [...tangents(graph, forward, node.id)],
            `seed ${seed}, ∂·/∂${node.name}`,
          );
        }
      }
    }
  });

  it('gives zeros for a node that is not in the graph', () => {
    const result = inspectGraph(referenceGraph(), REFERENCE_VALUES);
    assert.deepEqual(forwardTangents(result, 99), [0, 0, 0, 0, 0]);
  });

  it('follows an input f does not use into the intermediate that reads it', async () => {
    // x(0), y(1) → f0(2) = x·y; x₂(3), 3(4) → x₂·3(5); (5), y(1) → f(6).
    const { result } = await pythonInspection(REBINDING[0]!.source);
    assert.deepEqual(forwardTangents(result, 0), [1, 0, 5, 0, 0, 0, 0]);
    assert.deepEqual([...computedFrom(result, 2)], [1, 1, 1, 0, 0, 0, 0]);
    assert.deepEqual(forwardTangents(result, 3), [0, 0, 0, 1, 0, 3, 3]);
    assert.deepEqual([...computedFrom(result, 6)], [0, 1, 0, 1, 1, 1, 1]);
    assert.deepEqual([...computedFrom(result, 99)], [0, 0, 0, 0, 0, 0, 0]);
  });

  it('gives finite tangents at a negative base: the constant exponent has no partial', async () => {
    const { result } = await pythonInspection(SQUARED_ERROR);
    for (const input of result.inputs) {
      const tangents = forwardTangents(result, input.id);
      assert.ok(tangents.every(Number.isFinite), `∂·/∂${input.name}: ${tangents.join(', ')}`);
      assert.equal(tangents[result.output.id], input.grad);
    }
  });
});
