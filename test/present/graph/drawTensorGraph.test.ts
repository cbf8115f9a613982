import assert from 'node:assert/strict';
import { drawTensorGraph } from '../../../src/present/graph/drawTensorGraph';
import { buildTensorModel } from '../../../src/present/graph/tensorModel';
import { placeModel } from '../../../src/present/graph/layout';
import type { TensorGraphResult } from '../../../src/present/graph/tensorGraphInput';
import { tensorSummary } from '../../../src/protocol/tensorSummary';
import { broadcastPanel } from '../../support/broadcastTensor';
import { reluPanel } from '../../support/reluTensor';

/** `y = x.sum()` for x of shape (2, 2, 3) = 0 … 11: ∂y/∂x is ones. */
function rankThree(): TensorGraphResult {
  const x = tensorSummary(
    [2, 2, 3],
    Float64Array.from({ length: 12 }, (_, i) => i),
  );
  const ones = tensorSummary([2, 2, 3], new Float64Array(12).fill(1));
  const y = tensorSummary([], Float64Array.of(66));
  const one = tensorSummary([], Float64Array.of(1));
  return {
    output: { id: 1, name: 'y', value: 66 },
    value: 66,
    nodes: [
      {
        id: 0,
        kind: 'input',
        symbol: 'x',
        label: 'x',
        name: 'x',
        operands: [],
        value: x,
        grad: ones,
      },
      {
        id: 1,
        kind: 'op',
        symbol: 'Σ',
        op: 'sum',
        label: 'y',
        name: 'y',
        operands: [0],
        value: y,
        grad: one,
      },
    ],
    inputs: [{ id: 0, name: 'x', value: x, grad: ones }],
    unused: [],
    steps: [
      { kind: 'seed', index: 0, node: 1, shape: [] },
      {
        kind: 'vjp',
        index: 1,
        from: 1,
        to: 0,
        operandIndex: 0,
        rule: '∂L/∂a = broadcast(∂L/∂y)',
        shapes: '(2, 2, 3) = broadcast(())',
        upstream: one,
        product: ones,
        contribution: 1,
        contributions: 1,
      },
    ],
  };
}

/** The markup of one edge's group (up to the next edge's). */
function edgeMarkup(svg: string, edge: string): string {
  const start = svg.indexOf(`data-edge="${edge}"`);
  assert.ok(start >= 0, `edge ${edge} drawn`);
  const next = svg.indexOf('data-edge=', start + 1);
  return svg.slice(start, next < 0 ? undefined : next);
}

describe('tensor graph drawing (adapter on the scalar layout)', () => {
  it('writes shapes on tensor edges and numbers on scalar ones', () => {
    const { model } = buildTensorModel(reluPanel().result, { precision: 6 });
    const texts = model.edges.map((edge) => [
      `${edge.from}-${edge.to}`,
      edge.valueText,
      edge.gradText,
    ]);
    assert.deepEqual(texts, [
      ['1-0', '(3,)', undefined],
      ['3-1', '(3,)', undefined],
      ['3-2', '2', undefined],
      ['4-3', '(3,)', undefined],
    ]);
    assert.deepEqual(
      model.nodes.map((node) => node.text),
      ['x (3,)', 'relu (3,)', '2', '^ (3,)', 'Σ'],
    );
  });

  it('makes room for the heat maps: ports and layer neighbours further apart than for text', () => {
    const { model } = buildTensorModel(broadcastPanel().result, { precision: 6 });
    assert.ok(model.edgeRoom !== undefined);
    const placed = placeModel(model);
    const plus = placed.layout.nodes.find((node) => node.id === 2)!;
    const ports = placed.layout.edges
      .filter((edge) => edge.from === 2)
      .map((edge) => edge.points[edge.points.length - 1]!.y);
    const gap = Math.abs(ports[0]! - ports[1]!);
    assert.ok(
      gap >= model.edgeRoom.above + model.edgeRoom.below,
      `ports ${gap} apart hold a value map above and a gradient map below`,
    );
    assert.ok(plus.height > gap, 'the node spans its ports');
  });

  it('puts the value’s map above the wire and the gradient’s below, with the reduction between', () => {
    const { svg } = drawTensorGraph(broadcastPanel().result, { precision: 6, colors: 'light' });
    const edge = edgeMarkup(svg, '2-1-1');
    const frames = [
      ...edge.matchAll(
        /class="gl-heat-frame" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g,
      ),
    ].map((match) => ({ top: Number(match[1]), bottom: Number(match[1]) + Number(match[2]) }));
    const reduceY = Number(/class="gl-grad gl-reduce" x="[\d.]+" y="([\d.]+)"/.exec(edge)?.[1]);
    const valueY = Number(/class="gl-value" x="[\d.]+" y="([\d.]+)"/.exec(edge)?.[1]);
    assert.equal(frames.length, 2);
    assert.ok(frames[0]!.bottom < valueY - 8, 'the value map is above the shape text');
    assert.ok(valueY < reduceY, 'the shape above the wire, the reduction below');
    assert.ok(frames[1]!.top > reduceY, 'the gradient map is under the reduction');
  });

  it('says in the tooltip how a rank-3 tensor is laid flat', () => {
    const { svg } = drawTensorGraph(rankThree(), { precision: 6, colors: 'light' });
    assert.match(
      svg,
      /<title>x \(2, 2, 3\) as 4 × 3 \(every axis but the last as rows\): colour scale −11/,
    );
    assert.match(svg, /∂y\/∂x along this edge \(2, 2, 3\) as 4 × 3/);
    assert.match(svg, /data-rows="4" data-cols="3"/);
  });

  it('describes a tensor node by its shape and statistics, a scalar by its number', () => {
    const { svg } = drawTensorGraph(rankThree(), { precision: 6, colors: 'light' });
    assert.match(
      svg,
      /aria-label="x \(2, 2, 3\): 0 … 11, mean 5\.5, norm 22\.4944; ∂y\/∂x \(2, 2, 3\): 1 … 1, mean 1, norm 3\.4641"/,
    );
    assert.match(svg, /aria-label="y = 66 \(sum\); ∂y\/∂y = 1"/);
  });

  it('says when a node’s values stand in for random ones', () => {
    const result = rankThree();
    const sampled = {
      ...result,
      nodes: result.nodes.map((node) => ({ ...node, sample: node.id === 0 })),
    };
    const { svg } = drawTensorGraph(sampled, { precision: 6, colors: 'light' });
    assert.match(
      svg,
      /aria-label="x \(2, 2, 3\): 0 … 11, mean 5\.5, norm 22\.4944 \(sample values\);/,
    );
    assert.doesNotMatch(svg, /aria-label="y = 66 \(sample values\)/);
  });
});
