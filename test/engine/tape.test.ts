import assert from 'node:assert/strict';
import { backward } from '../../src/engine/backward';
import { evaluate } from '../../src/engine/forward';
import { GraphBuilder } from '../../src/engine/graphBuilder';
import type { Graph } from '../../src/engine/ir';
import { OP_NAMES } from '../../src/engine/opName';
import { opSpec } from '../../src/engine/ops';
import { compileTape, runBackward, runForward } from '../../src/engine/tape';

/** Points on both sides of the usual kinks, the kinks themselves, and non-finite values. */
const POINTS = [-2.5, -1, -0.5, -0, 0, 0.5, 1, 3, NaN, Infinity, -Infinity];

/** op(a, b, …) with a second use of `a`, so fan-out accumulation is exercised too. */
function opGraph(op: (typeof OP_NAMES)[number], arity: number): Graph {
  const builder = new GraphBuilder();
  const operands = ['a', 'b', 'c'].slice(0, arity).map((name) => builder.input(name));
  const applied = builder.op(op, operands);
  builder.op('mul', [applied, operands[0] ?? applied]);
  return builder.build();
}

function assertTapeMatchesSteps(graph: Graph, values: Record<string, number>, label: string) {
  const forward = evaluate(graph, values);
  const pass = backward(graph, forward);
  const tape = compileTape(graph);
  const tapeValues = runForward(
    tape,
    tape.inputNames.map((name) => values[name] ?? NaN),
  );
  const adjoints = runBackward(tape, graph.output);
  for (const node of graph.nodes) {
    const [value, stepValue] = [tapeValues[node.id], forward[node.id]];
    assert.ok(
      Object.is(value, stepValue),
      `${label} value of node ${node.id}: ${value} vs ${stepValue}`,
    );
    if (pass.reaches[node.id] === 1) {
      const [grad, stepGrad] = [adjoints[node.id], pass.grads[node.id]];
      assert.ok(Object.is(grad, stepGrad), `${label} ∂ of node ${node.id}: ${grad} vs ${stepGrad}`);
    }
  }
}

describe('typed-array tape', () => {
  it('gives bit-for-bit the step path on every op at kinks, zeros and non-finite points', () => {
    let cases = 0;
    for (const op of OP_NAMES) {
      const { min, max } = opSpec(op).arity;
      for (let arity = min; arity <= Math.min(max, 3); arity += 1) {
        const graph = opGraph(op, arity);
        for (const a of POINTS) {
          for (const b of POINTS) {
            const values = { a, b, c: b - 1 };
            assertTapeMatchesSteps(graph, values, `${op}(${a}, ${b})`);
            cases += 1;
          }
        }
      }
    }
    assert.ok(cases > OP_NAMES.length * POINTS.length, `only ${cases} cases`);
  });

  it('leaves nodes off the output path at gradient 0 and can switch outputs', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const y = builder.input('y');
    const q = builder.op('add', [x, y]);
    const side = builder.op('exp', [y]);
    builder.op('mul', [q, side]);
    const tape = compileTape(builder.build());
    runForward(tape, [2, 0]);
    const atQ = runBackward(tape, q);
    assert.deepEqual([atQ[x], atQ[y], atQ[side]], [1, 1, 0]);
    const atF = runBackward(tape, 4);
    assert.deepEqual([atF[x], atF[y]], [1, 1 + 2]);
  });
});
