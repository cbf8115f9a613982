/**
 * Groups in the drawing: an expanded group is a labelled box around its nodes, a collapsed one
 * a single node that every edge into or out of the group reaches; the layout's promises hold
 * either way.
 */
import assert from 'node:assert/strict';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { inspectGraph } from '../../../src/engine/inspect';
import type { InspectionResult } from '../../../src/engine/result';
import { drawGraph } from '../../../src/present/graph/drawGraph';
import { layoutGraph, type GraphLayout } from '../../../src/present/graph/layout';
import { buildModel } from '../../../src/present/graph/model';

/** x = 1.0; for i in range(3): x = x * w + b  — one loop group, three iterations. */
function loopResult(): InspectionResult {
  const b = new GraphBuilder();
  let x = b.constant(1);
  const w = b.input('w');
  const bias = b.input('b');
  b.openGroup('loop', 'for i in range(3)');
  for (let i = 0; i < 3; i += 1) {
    b.openGroup('iteration', `for i in range(3) · i = ${i}`);
    x = b.op('add', [b.op('mul', [x, w]), bias], { name: 'x', version: i + 2 });
    b.closeGroup();
  }
  b.closeGroup();
  const out = b.op('mul', [x, b.constant(2)]);
  return inspectGraph(b.build(out), { w: 0.5, b: 2 });
}

function inside(layout: GraphLayout, group: number, node: number): boolean {
  const box = layout.groups.find((g) => g.id === group)!;
  const n = layout.nodes.find((candidate) => candidate.id === node)!;
  return (
    box.x <= n.x &&
    box.y <= n.y &&
    n.x + n.width <= box.x + box.width &&
    n.y + n.height <= box.y + box.height
  );
}

describe('graph groups in the drawing', () => {
  it('draws each expanded group as a box around its nodes, iterations inside their loop', () => {
    const result = loopResult();
    // x = 3.625 after three iterations, as the example; f = 2x
    assert.equal(result.value, 7.25);
    const layout = layoutGraph(result);
    assert.deepEqual(
      layout.groups.map((g) => g.id),
      [0, 1, 2, 3],
    );
    for (const node of result.nodes) {
      if (node.group !== undefined) {
        assert.ok(
          inside(layout, node.group, node.id),
          `node ${node.id} inside group ${node.group}`,
        );
        assert.ok(inside(layout, 0, node.id), `node ${node.id} inside the loop`);
      }
    }
    for (const group of layout.groups) {
      assert.ok(group.x >= 0 && group.y >= 0);
      assert.ok(group.x + group.width <= layout.width && group.y + group.height <= layout.height);
    }
  });

  it('collapses a loop to one node that stands for it, with its edges drawn from and to it', () => {
    const result = loopResult();
    const model = buildModel(result, { collapsed: new Set([0]) });
    const box = model.nodes.find((node) => node.collapsed !== undefined)!;
    assert.equal(box.text, '▸ for i in range(3) · 3 iterations');
    // The last node of the loop stands for it; none of its other nodes is drawn.
    assert.equal(box.id, 8);
    assert.deepEqual(
      model.nodes.map((node) => node.id),
      [0, 1, 2, 8, 9, 10],
    );
    // Into the box: the constant 1, w and b, once each; out of it: the final product.
    assert.deepEqual(
      model.edges.map((edge) => `${edge.from}<-${edge.to}`),
      ['8<-0', '8<-1', '8<-2', '10<-8', '10<-9'],
    );
    assert.equal(box.inDegree, 3);
    assert.deepEqual(model.groups, []);
    // Collapsing one iteration keeps the loop's box around it and the other iterations.
    const one = buildModel(result, { collapsed: new Set([2]) });
    assert.deepEqual(
      one.groups.map((g) => g.id),
      [0, 1, 3],
    );
    assert.equal(
      one.nodes.find((node) => node.collapsed !== undefined)?.text,
      '▸ for i in range(3) · i = 1',
    );
  });

  it('keeps the layout promises when collapsed: edges left to right, no overlaps', () => {
    const result = loopResult();
    for (const collapsed of [new Set([0]), new Set([1]), new Set([1, 3]), new Set<number>()]) {
      const layout = layoutGraph(result, { collapsed });
      const boxes = new Map(layout.nodes.map((node) => [node.id, node]));
      for (const edge of layout.edges) {
        const operand = boxes.get(edge.to)!;
        const consumer = boxes.get(edge.from)!;
        assert.ok(operand.x + operand.width < consumer.x, `edge ${edge.to}→${edge.from} goes left`);
        for (let k = 1; k < edge.points.length; k += 1) {
          assert.ok(edge.points[k]!.x > edge.points[k - 1]!.x);
        }
      }
      const sorted = [...layout.nodes].sort((a, b) => a.x - b.x);
      for (let i = 0; i < sorted.length; i += 1) {
        for (
          let j = i + 1;
          j < sorted.length && sorted[j]!.x < sorted[i]!.x + sorted[i]!.width;
          j += 1
        ) {
          const a = sorted[i]!;
          const b = sorted[j]!;
          assert.ok(
            a.y + a.height <= b.y || b.y + b.height <= a.y,
            `nodes ${a.id} and ${b.id} overlap`,
          );
        }
      }
      for (const node of layout.nodes) {
        assert.ok(node.x + node.width <= layout.width && node.y + node.height <= layout.height);
      }
    }
  });

  it('draws groups with escaped labels, and the collapsed node with its group id', () => {
    const b = new GraphBuilder();
    const x = b.input('x');
    b.openGroup('call', 'f(<x>) & "y"');
    const y = b.op('neg', [x]);
    b.closeGroup();
    const result = inspectGraph(b.build(b.op('sin', [y])), { x: 1 });
    const open = drawGraph(result, { precision: 6, colors: 'light' }).svg;
    assert.match(open, /<g class="gl-cluster gl-cluster--call" data-group="0">/);
    assert.match(open, /▾ f\(&lt;x&gt;\) &amp; &quot;y&quot;<\/text>/);
    assert.doesNotMatch(open, /<x>/);
    const closed = drawGraph(result, {
      precision: 6,
      colors: 'light',
      collapsed: new Set([0]),
    }).svg;
    assert.match(
      closed,
      /class="gl-node gl-node--op gl-node--group" data-node="1" data-group="0" aria-expanded="false"/,
    );
    assert.match(closed, /▸ f\(&lt;x&gt;\) &amp; &quot;y&quot;/);
    assert.doesNotMatch(closed, /<rect class="gl-cluster-box"/);
  });
});
