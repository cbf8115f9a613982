import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { inspectGraph } from '../../../src/engine/inspect';
import type { InspectionResult } from '../../../src/engine/result';
import {
  layoutGraph,
  placeModel,
  type GraphLayout,
  type LayoutNode,
  type LayoutOptions,
} from '../../../src/present/graph/layout';
import { buildModel } from '../../../src/present/graph/model';
import { mulberry32, randomGraph } from '../../support/randomGraph';
import { neuronChain } from './neuronChain';
import { REFERENCE_VALUES, referenceGraph } from '../../support/reference';

/** The nodes with a path to the output, by a search from it. */
function reachingOutput(result: InspectionResult): Set<number> {
  const reached = new Set<number>([result.output.id]);
  const stack = [result.output.id];
  while (stack.length > 0) {
    for (const operand of result.nodes[stack.pop()!]?.operands ?? []) {
      if (!reached.has(operand)) {
        reached.add(operand);
        stack.push(operand);
      }
    }
  }
  return reached;
}

/** The layout's promises, checked on one result: throws naming the first broken one. */
function checkLayout(result: InspectionResult, options: LayoutOptions): GraphLayout {
  const layout = layoutGraph(result, options);
  const boxes = new Map<number, LayoutNode>(layout.nodes.map((node) => [node.id, node]));
  const outputId = result.output.id;

  // Which nodes are drawn, and which edges between them. Off the path means no path to the
  // output: a constant on it has no gradient, yet stays.
  const reaches = reachingOutput(result);
  for (const node of result.nodes) {
    const hidden =
      node.id !== outputId &&
      ((options.hideOffPath === true && !reaches.has(node.id)) ||
        (options.hideConstants === true && node.kind === 'constant'));
    assert.equal(boxes.has(node.id), !hidden, `node ${node.id} shown: ${!hidden}`);
  }
  const expectedEdges = result.nodes.flatMap((node) =>
    boxes.has(node.id)
      ? node.operands.flatMap((operand, i) =>
          boxes.has(operand) ? [`${node.id}-${operand}-${i}`] : [],
        )
      : [],
  );
  assert.deepEqual(
    layout.edges.map((edge) => `${edge.from}-${edge.to}-${edge.operandIndex}`),
    expectedEdges,
  );

  // Inside the drawing, no two nodes overlapping.
  for (const node of layout.nodes) {
    assert.ok(node.x >= 0 && node.y >= 0, `node ${node.id} at ${node.x},${node.y}`);
    assert.ok(node.x + node.width <= layout.width, `node ${node.id} past the right side`);
    assert.ok(node.y + node.height <= layout.height, `node ${node.id} past the bottom`);
  }
  const sorted = [...layout.nodes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i += 1) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width; j += 1) {
      const b = sorted[j]!;
      const apart = a.y + a.height <= b.y || b.y + b.height <= a.y;
      assert.ok(apart, `nodes ${a.id} and ${b.id} overlap`);
    }
  }

  // Every edge runs left to right, from the operand's right side into the consumer.
  for (const edge of layout.edges) {
    const operand = boxes.get(edge.to)!;
    const consumer = boxes.get(edge.from)!;
    assert.ok(operand.x + operand.width < consumer.x, `edge ${edge.to}→${edge.from} goes left`);
    const first = edge.points[0]!;
    const last = edge.points[edge.points.length - 1]!;
    assert.equal(first.x, operand.x + operand.width);
    assert.ok(Math.abs(first.y - (operand.y + operand.height / 2)) <= 1);
    assert.ok(last.x >= consumer.x && last.x <= consumer.x + consumer.width / 2);
    assert.ok(last.y > consumer.y && last.y < consumer.y + consumer.height);
    for (let k = 1; k < edge.points.length; k += 1) {
      assert.ok(
        edge.points[k]!.x > edge.points[k - 1]!.x,
        `edge ${edge.to}→${edge.from} turns back`,
      );
      assert.ok(edge.points[k]!.y >= 0 && edge.points[k]!.y <= layout.height);
    }
    assert.ok(last.x <= layout.width);
  }

  // Inputs on the left: every input ends where the first column ends, before any op.
  const inputs = result.nodes.filter((node) => node.kind === 'input' && boxes.has(node.id));
  const ops = result.nodes.filter((node) => node.kind === 'op' && boxes.has(node.id));
  const inputRight = new Set(
    inputs.map((node) => boxes.get(node.id)!.x + boxes.get(node.id)!.width),
  );
  assert.ok(inputRight.size <= 1, 'inputs share the first column');
  for (const op of ops) {
    // An op whose operands are all folded constants is a leaf itself.
    if (op.operands.some((operand) => boxes.has(operand))) {
      for (const input of inputs) {
        assert.ok(boxes.get(input.id)!.x < boxes.get(op.id)!.x);
      }
    }
  }
  return layout;
}

describe('graph layout', () => {
  it('lays the reference example out left to right: inputs, then +, then ×', () => {
    const result = inspectGraph(referenceGraph(), REFERENCE_VALUES);
    const layout = checkLayout(result, {});
    const x = (id: number): number => layout.nodes.find((node) => node.id === id)!.x;
    assert.equal(x(0), x(1));
    assert.equal(x(0), x(3));
    assert.ok(x(1) < x(2) && x(2) < x(4));
    assert.equal(layout.edges.length, 4);
    const y = (id: number): number => {
      const node = layout.nodes.find((n) => n.id === id)!;
      return node.y + node.height / 2;
    };
    // + sits between its operands, as in the lecture's picture.
    assert.ok(y(0) < y(2) && y(2) < y(1));
  });

  it('keeps its promises on random DAGs, with and without constants and off-path nodes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 60 }),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        (seed, inputCount, opCount, outputPick, hideConstants, hideOffPath) => {
          const { graph, values } = randomGraph(mulberry32(seed), inputCount, opCount);
          // Any node may be the output, so some nodes come after it and do not reach it.
          const output = outputPick % graph.nodes.length;
          const result = inspectGraph(graph, values, { output, maxSymbolicNodes: 0 });
          checkLayout(result, { hideConstants, hideOffPath });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps its promises when long edges outrun the dummy budget', () => {
    // Every layer of a deep chain uses x again: the spans add up to far more than the budget.
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const w = builder.input('w');
    let h = builder.op('mul', [x, w]);
    for (let i = 0; i < 400; i += 1) {
      h = builder.op(i % 2 === 0 ? 'add' : 'mul', [h, i % 3 === 0 ? x : w]);
      h = builder.op('tanh', [h]);
    }
    const result = inspectGraph(builder.build(), { x: 0.5, w: -0.25 }, { maxSymbolicNodes: 0 });
    checkLayout(result, {});
  });

  it('lays out a chain 10,000 deep and a sum 10,000 wide without recursion', function () {
    this.timeout(30_000);
    const builder = new GraphBuilder();
    const x = builder.input('x');
    let h = x;
    for (let i = 0; i < 10_000; i += 1) {
      h = builder.op('sin', [h]);
    }
    const chain = layoutGraph(inspectGraph(builder.build(), { x: 1 }, { maxSymbolicNodes: 0 }));
    assert.equal(chain.nodes.length, 10_001);

    const wide = new GraphBuilder();
    let sum = wide.input('x0');
    for (let i = 1; i < 10_000; i += 1) {
      sum = wide.op('add', [sum, wide.input(`x${i}`)]);
    }
    const values = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`x${i}`, i]));
    const layout = layoutGraph(inspectGraph(wide.build(), values, { maxSymbolicNodes: 0 }));
    assert.equal(layout.edges.length, 2 * 9_999);
  });

  it('keeps every place when new inputs give numbers of the same kinds (a live update)', () => {
    const before = inspectGraph(neuronChain(), { x: 0.5772156649, w: -0.2718281828 });
    const after = inspectGraph(neuronChain(), { x: 0.6180339887, w: -0.3183098862 });
    const placed = (result: InspectionResult) => placeModel(buildModel(result, { precision: 6 }));
    assert.notEqual(before.output.value, after.output.value);
    assert.deepEqual(placed(after), placed(before));
  });

  it('makes room for wider numbers with more digits', () => {
    const result = inspectGraph(referenceGraph(), { x: Math.PI, y: Math.E, z: Math.SQRT2 });
    const narrow = layoutGraph(result, { precision: 3 });
    const wide = layoutGraph(result, { precision: 15 });
    assert.ok(wide.width > narrow.width);
  });
});
