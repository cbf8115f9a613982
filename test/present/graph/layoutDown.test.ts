import assert from 'node:assert/strict';
import { inspectGraph } from '../../../src/engine/inspect';
import type { InspectionResult } from '../../../src/engine/result';
import { drawGraph } from '../../../src/present/graph/drawGraph';
import { placeModel } from '../../../src/present/graph/layout';
import { placeModelDown } from '../../../src/present/graph/layoutDown';
import { buildModel } from '../../../src/present/graph/model';
import { mulberry32, randomGraph } from '../../support/randomGraph';
import { neuronChain } from './neuronChain';
import { REFERENCE_VALUES, referenceGraph } from '../../support/reference';

function placedDown(result: InspectionResult) {
  return placeModelDown(buildModel(result, { precision: 6, showGradients: true }));
}

/** The layout's promises top to bottom, checked on one result. */
function checkDown(result: InspectionResult): void {
  const placed = placedDown(result);
  const { layout } = placed;
  const boxes = new Map(layout.nodes.map((node) => [node.id, node]));
  for (const node of layout.nodes) {
    assert.ok(node.x >= 0 && node.y >= 0, `node ${node.id} at ${node.x},${node.y}`);
    assert.ok(node.x + node.width <= layout.width && node.y + node.height <= layout.height);
  }
  const sorted = [...layout.nodes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i += 1) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width; j += 1) {
      const b = sorted[j]!;
      const apart = b.y >= a.y + a.height || a.y >= b.y + b.height;
      assert.ok(apart, `nodes ${a.id} and ${b.id} overlap`);
    }
  }
  for (let e = 0; e < layout.edges.length; e += 1) {
    const edge = layout.edges[e]!;
    const operand = boxes.get(edge.to)!;
    const consumer = boxes.get(edge.from)!;
    // Operands above their consumers; every wire runs downwards, from one to the other.
    assert.ok(operand.y + operand.height < consumer.y, `edge ${edge.from}-${edge.to} goes down`);
    for (let k = 1; k < edge.points.length; k += 1) {
      assert.ok(edge.points[k]!.y >= edge.points[k - 1]!.y, `edge ${edge.from}-${edge.to} rises`);
    }
    const first = edge.points[0]!;
    assert.equal(first.y, operand.y + operand.height);
    assert.ok(Math.abs(first.x - (operand.x + operand.width / 2)) <= 1, 'from the middle');
    const last = edge.points.at(-1)!;
    assert.ok(last.x >= consumer.x && last.x <= consumer.x + consumer.width);
    // The value left of its wire, the gradient right of it, on one line above the consumer.
    const label = placed.labels[e]!;
    assert.ok(label.x < label.gradX!, 'value left of the gradient');
    assert.equal(label.valueY, label.gradY);
    assert.ok(label.valueY < consumer.y);
  }
}

describe('graph layout top to bottom', () => {
  it('puts the reference graph’s inputs on top and the output at the bottom', () => {
    const result = inspectGraph(referenceGraph(), REFERENCE_VALUES);
    checkDown(result);
    const { layout, outputDrop } = placedDown(result);
    const output = layout.nodes.find((node) => node.id === result.output.id)!;
    for (const node of layout.nodes) {
      assert.ok(node.y <= output.y, `node ${node.id} above the output`);
    }
    assert.ok(outputDrop !== undefined && outputDrop.y1 === output.y + output.height);
  });

  it('keeps its promises on random DAGs', function () {
    this.timeout(20_000);
    for (let seed = 1; seed <= 40; seed += 1) {
      const { graph, values } = randomGraph(mulberry32(seed), 1 + (seed % 5), 4 + seed);
      checkDown(inspectGraph(graph, values));
    }
  });

  it('keeps every place when new inputs give numbers of the same kinds (a live update)', () => {
    const before = placedDown(inspectGraph(neuronChain(), { x: 0.5772156649, w: -0.2718281828 }));
    const after = placedDown(inspectGraph(neuronChain(), { x: 0.6180339887, w: -0.3183098862 }));
    assert.deepEqual(after, before);
  });

  it('is asked for by drawGraph, which says so in the drawing; left to right is the default', () => {
    const result = inspectGraph(referenceGraph(), REFERENCE_VALUES);
    const down = drawGraph(result, { precision: 6, colors: 'light', direction: 'down' });
    assert.match(down.svg, /class="gl-graph gl-graph--down"/);
    assert.match(down.svg, /\.gl-value\{text-anchor:end\}/);
    const right = drawGraph(result, { precision: 6, colors: 'light' });
    assert.doesNotMatch(right.svg, /gl-graph--down|text-anchor:end/);
    assert.deepEqual(
      right.layout,
      placeModel(buildModel(result, { precision: 6, showGradients: true })).layout,
    );
    assert.ok(down.height > right.height && down.width < right.width);
  });
});
