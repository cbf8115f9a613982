import assert from 'node:assert/strict';
import { evaluate } from '../../src/engine/forward';
import { tangents } from '../../src/engine/forwardMode';
import { inspectGraph } from '../../src/engine/inspect';
import { forwardTangents } from '../../src/present/forwardTangents';
import { mulberry32, randomGraph } from '../support/randomGraph';
import { REFERENCE_VALUES, referenceGraph } from '../support/reference';

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
});
