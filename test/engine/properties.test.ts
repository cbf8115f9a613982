import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backward } from '../../src/engine/backward';
import { evaluate } from '../../src/engine/forward';
import { compileTape, runBackward, runForward } from '../../src/engine/tape';
import { mulberry32, randomGraph } from '../support/randomGraph';

const RUNS = 1000;

function centralDifference(
  graph: ReturnType<typeof randomGraph>['graph'],
  values: Record<string, number>,
  name: string,
): number {
  const x = values[name] ?? 0;
  const h = 1e-5 * Math.max(1, Math.abs(x));
  const plus = evaluate(graph, { ...values, [name]: x + h })[graph.output] ?? NaN;
  const minus = evaluate(graph, { ...values, [name]: x - h })[graph.output] ?? NaN;
  return (plus - minus) / (2 * h);
}

describe('engine properties (random expression DAGs)', () => {
  it(`analytic gradients match central differences on ${RUNS} random DAGs`, () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 30 }),
        (seed, inputs, ops) => {
          const { graph, values } = randomGraph(mulberry32(seed), inputs, ops);
          const pass = backward(graph, evaluate(graph, values));
          graph.nodes.forEach((node) => {
            if (node.kind !== 'input') {
              return;
            }
            const analytic = pass.reaches[node.id] === 1 ? (pass.grads[node.id] ?? NaN) : 0;
            const numeric = centralDifference(graph, values, node.name);
            const scale = Math.max(1, Math.abs(analytic), Math.abs(numeric));
            assert.ok(
              Math.abs(analytic - numeric) <= 1e-5 * scale,
              `∂/∂${node.name}: analytic ${analytic}, numeric ${numeric}`,
            );
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the typed-array tape gives bit-for-bit the step-recording values and gradients', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 60 }),
        (seed, inputs, ops) => {
          const { graph, values } = randomGraph(mulberry32(seed), inputs, ops);
          const forward = evaluate(graph, values);
          const pass = backward(graph, forward);
          const tape = compileTape(graph);
          const tapeValues = runForward(
            tape,
            tape.inputNames.map((name) => values[name] ?? NaN),
          );
          assert.deepEqual([...tapeValues], [...forward]);
          const adjoints = runBackward(tape, graph.output);
          graph.nodes.forEach((node) => {
            if (pass.reaches[node.id] === 1) {
              const [a = NaN, b = NaN] = [adjoints[node.id], pass.grads[node.id]];
              assert.ok(Object.is(a, b), `node ${node.id}: tape ${a}, steps ${b}`);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
