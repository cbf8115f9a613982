import assert from 'node:assert/strict';
import { backward } from '../../src/engine/backward';
import { evaluate } from '../../src/engine/forward';
import { GraphBuilder } from '../../src/engine/graphBuilder';
import { REFERENCE_VALUES, referenceGraph } from '../support/reference';

describe('backward pass', () => {
  it('computes the reference example: f = −12, ∂f/∂x = −4, ∂f/∂y = −4, ∂f/∂z = 3, ∂f/∂q = −4', () => {
    const graph = referenceGraph();
    const values = evaluate(graph, REFERENCE_VALUES);
    const pass = backward(graph, values);
    const [x, y, q, z, f] = [0, 1, 2, 3, 4];
    assert.equal(values[q], 3);
    assert.equal(values[f], -12);
    assert.deepEqual(
      [pass.grads[f], pass.grads[z], pass.grads[q], pass.grads[y], pass.grads[x]],
      [1, 3, -4, -4, -4],
    );
  });

  it('records the local gradients of every op: ∂f/∂q = z = −4, ∂f/∂z = q = 3, ∂q/∂x = ∂q/∂y = 1', () => {
    const graph = referenceGraph();
    const pass = backward(graph, evaluate(graph, REFERENCE_VALUES));
    assert.deepEqual(pass.partials[4], [-4, 3]);
    assert.deepEqual(pass.partials[2], [1, 1]);
  });

  it('visits edges in backprop order: z, q, then y, x, each upstream × local = product', () => {
    const graph = referenceGraph();
    const pass = backward(graph, evaluate(graph, REFERENCE_VALUES));
    const rows = pass.edges.map((edge) => [
      edge.from,
      edge.to,
      edge.upstream,
      edge.local,
      edge.product,
    ]);
    assert.deepEqual(rows, [
      [4, 3, 1, 3, 3],
      [4, 2, 1, -4, -4],
      [2, 1, -4, 1, -4],
      [2, 0, -4, 1, -4],
    ]);
  });

  it('sums gradients at fan-out and records each contribution (the copy gate adds)', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const y = builder.input('y');
    const a = builder.op('mul', [x, y]);
    builder.op('add', [a, x]);
    const graph = builder.build();
    const pass = backward(graph, evaluate(graph, { x: 3, y: 2 }));
    assert.equal(pass.grads[x], 3);
    assert.equal(pass.grads[y], 3);
    const intoX = pass.edges.filter((edge) => edge.to === x);
    assert.deepEqual(
      intoX.map((edge) => [edge.product, edge.accumulated, edge.contribution, edge.contributions]),
      [
        [1, 1, 1, 2],
        [2, 3, 2, 2],
      ],
    );
  });

  it('counts both operand slots of x·x as two contributions', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    builder.op('mul', [x, x]);
    const graph = builder.build();
    const pass = backward(graph, evaluate(graph, { x: 5 }));
    assert.equal(pass.grads[x], 10);
    assert.deepEqual(
      pass.edges.map((edge) => edge.contribution),
      [1, 2],
    );
  });

  it('differentiates any node as the output and leaves nodes off its paths unreached', () => {
    const graph = referenceGraph();
    const pass = backward(graph, evaluate(graph, REFERENCE_VALUES), 2);
    assert.equal(pass.grads[0], 1);
    assert.equal(pass.grads[1], 1);
    assert.equal(pass.reaches[3], 0);
    assert.equal(pass.reaches[4], 0);
  });

  it('propagates NaN and Infinity as values instead of throwing', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const s = builder.op('sqrt', [x]);
    builder.op('log', [s]);
    const graph = builder.build();
    const values = evaluate(graph, { x: 0 });
    assert.equal(values[2], -Infinity);
    const pass = backward(graph, values);
    assert.equal(pass.grads[x], Infinity);
  });

  it('handles a chain 100,000 deep without recursion', () => {
    const builder = new GraphBuilder();
    let node = builder.input('x');
    for (let i = 0; i < 100_000; i += 1) {
      node = builder.op('mul', [node, builder.constant(1)]);
    }
    const graph = builder.build();
    const pass = backward(graph, evaluate(graph, { x: 2 }));
    assert.equal(pass.grads[0], 1);
  });
});
