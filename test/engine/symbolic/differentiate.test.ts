import assert from 'node:assert/strict';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import type { Graph } from '../../../src/engine/ir';
import { nodeExpressions, symbolicGradients } from '../../../src/engine/symbolic/differentiate';
import { toLatex, toText } from '../../../src/engine/symbolic/print';
import { referenceGraph } from '../../support/reference';

/** ∂output/∂input as text, by input name; `undefined` where it is too large to show. */
function derivatives(
  graph: Graph,
  options?: { maxSize?: number },
): Record<string, string | undefined> {
  const gradients = symbolicGradients(graph, graph.output, options);
  const result: Record<string, string | undefined> = {};
  for (const node of graph.nodes) {
    if (node.kind === 'input') {
      const gradient = gradients.get(node.id);
      result[node.name] = gradient === undefined ? undefined : toText(gradient);
    }
  }
  return result;
}

describe('symbolic derivatives', () => {
  it('gives the reference example in its names: ∂f/∂x = z, ∂f/∂y = z, ∂f/∂z = q', () => {
    assert.deepEqual(derivatives(referenceGraph()), { x: 'z', y: 'z', z: 'q' });
  });

  it('differentiates sigmoid(w·x + b) the way it is taught', () => {
    const g = new GraphBuilder();
    const wx = g.op('mul', [g.input('w'), g.input('x')]);
    g.op('sigmoid', [g.op('add', [wx, g.input('b')])]);
    const d = derivatives(g.build());
    assert.equal(d.w, 'x·σ(w·x + b)·(1 − σ(w·x + b))');
    assert.equal(d.x, 'w·σ(w·x + b)·(1 − σ(w·x + b))');
    assert.equal(d.b, 'σ(w·x + b)·(1 − σ(w·x + b))');
  });

  it('adds the gradients of a variable used twice: ∂(x·x)/∂x = 2·x', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    g.op('mul', [x, x]);
    assert.deepEqual(derivatives(g.build()), { x: '2·x' });
  });

  it('simplifies quotients, powers and constants', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const y = g.input('y');
    g.op('add', [g.op('div', [x, y]), g.op('pow', [x, g.constant(3)])]);
    assert.deepEqual(derivatives(g.build()), { x: '1/y + 3·x^2', y: '−x/y^2' });
  });

  it('adds the terms of a variable used twice in the order the uses are written', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const square = g.op('pow', [x, g.constant(2)]);
    g.op('div', [x, g.op('add', [g.constant(1), square])]);
    assert.deepEqual(derivatives(g.build()), { x: '1/(1 + x^2) − 2·x^2/(1 + x^2)^2' });
  });

  it('gives 0 for inputs the output does not depend on, and 1 for the output itself', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    g.input('unused');
    const floor = g.op('floor', [x]);
    assert.deepEqual(derivatives(g.build(floor)), { x: '0', unused: '0' });
    assert.deepEqual(derivatives(g.build(x)), { x: '1', unused: '0' });
  });

  it('differentiates with respect to any chosen node', () => {
    const graph = referenceGraph();
    const gradients = symbolicGradients(graph, 2);
    assert.deepEqual(
      [...gradients].map(([id, d]) => [id, toText(d)]),
      [
        [0, '1'],
        [1, '1'],
        [3, '0'],
      ],
    );
  });

  it('writes the expression of every node in terms of the inputs', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    g.op('exp', [g.op('mul', [g.constant(2), x])]);
    assert.deepEqual(nodeExpressions(g.build()).map(toText), ['x', '2', '2·x', 'exp(2·x)']);
  });

  it('gives LaTeX that reads like the text', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const y = g.input('y');
    g.op('div', [x, y]);
    const gradients = symbolicGradients(g.build());
    assert.equal(toLatex(gradients.get(y) ?? { kind: 'num', value: NaN }), '-\\frac{x}{y^{2}}');
  });

  it('leaves out derivatives larger than maxSize', () => {
    const g = new GraphBuilder();
    let node = g.input('x');
    for (let i = 0; i < 8; i += 1) {
      node = g.op('sin', [g.op('mul', [node, g.input(`y${i}`)])]);
    }
    const graph = g.build(g.op('add', [node, g.input('z')]));
    const small = derivatives(graph, { maxSize: 30 });
    assert.equal(small.x, undefined);
    assert.equal(small.z, '1');
    const full = derivatives(graph);
    assert.ok(full.x?.startsWith('y0·cos(x·y0)·y1·cos(sin(x·y0)·y1)·'), full.x);
  });

  it('stays small and fast on a DAG whose expressions double at every level', () => {
    const g = new GraphBuilder();
    let node = g.input('x');
    for (let i = 0; i < 200; i += 1) {
      node = g.op('add', [g.op('mul', [node, node]), g.op('sin', [node])]);
    }
    const start = Date.now();
    const gradients = symbolicGradients(g.build());
    assert.ok(Date.now() - start < 2000, `took ${Date.now() - start} ms`);
    assert.equal(gradients.get(0), undefined);
  });

  it('handles graphs thousands of nodes deep without recursion', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    let chain = x;
    for (let i = 0; i < 5000; i += 1) {
      chain = g.op('add', [chain, g.constant(1)]);
    }
    assert.equal(toText(symbolicGradients(g.build()).get(x) ?? { kind: 'num', value: NaN }), '1');

    let deep = g.input('y');
    for (let i = 0; i < 5000; i += 1) {
      deep = g.op('tanh', [deep]);
    }
    assert.equal(symbolicGradients(g.build()).get(g.input('y')), undefined);
  });
});
