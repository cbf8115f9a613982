import assert from 'node:assert/strict';
import { backward } from '../../src/engine/backward';
import { evaluate } from '../../src/engine/forward';
import { tangents } from '../../src/engine/forwardMode';
import { mulberry32, randomGraph } from '../support/randomGraph';
import { REFERENCE_VALUES, referenceGraph } from '../support/reference';

describe('forward mode', () => {
  it('gives ∂node/∂x on every node of the reference example', () => {
    const graph = referenceGraph();
    const values = evaluate(graph, REFERENCE_VALUES);
    assert.deepEqual([...tangents(graph, values, 0)], [1, 0, 1, 0, -4]);
    assert.deepEqual([...tangents(graph, values, 3)], [0, 0, 0, 1, 3]);
  });

  it('agrees with reverse mode at the output on random graphs', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const { graph, values } = randomGraph(mulberry32(seed), 3, 25);
      const forward = evaluate(graph, values);
      const pass = backward(graph, forward);
      for (const node of graph.nodes) {
        if (node.kind !== 'input') {
          continue;
        }
        const jvp = tangents(graph, forward, node.id)[graph.output] ?? NaN;
        const vjp = pass.reaches[node.id] === 1 ? (pass.grads[node.id] ?? NaN) : 0;
        assert.ok(
          Math.abs(jvp - vjp) <= 1e-12 * Math.max(1, Math.abs(vjp)),
          `seed ${seed} ${node.name}`,
        );
      }
    }
  });
});
