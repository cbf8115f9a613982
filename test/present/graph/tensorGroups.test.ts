import assert from 'node:assert/strict';
import { drawTensorGraph } from '../../../src/present/graph/drawTensorGraph';
import { buildTensorModel } from '../../../src/present/graph/tensorModel';
import type { PanelTensorInspection } from '../../../src/protocol/protocol';
import { samplePanel } from '../../support/tensorPanels';
import { descendants, parseXml, type XmlElement } from './xml';

function findAll(root: XmlElement, test: (element: XmlElement) => boolean): XmlElement[] {
  return descendants(root).filter(test);
}

function classes(element: XmlElement): string[] {
  return (element.attributes.class ?? '').split(' ');
}

describe('tensor graph groups and directions', function () {
  this.timeout(20_000);
  let net: PanelTensorInspection;

  before(async () => {
    net = await samplePanel('two_layer_net.py');
  });

  it('draws the call the loss is computed in as a labelled box that collapses', () => {
    const open = parseXml(drawTensorGraph(net.result, { precision: 4, colors: 'light' }).svg);
    const clusters = findAll(open, (e) => e.name === 'g' && classes(e).includes('gl-cluster'));
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0]?.attributes['data-group'], '0');
    const label = findAll(clusters[0]!, (e) => classes(e).includes('gl-cluster-label'))[0];
    assert.match(label?.text ?? '', /^▾ two_layer_net_loss\(W1, b1/);

    const drawing = drawTensorGraph(net.result, {
      precision: 4,
      colors: 'light',
      collapsed: new Set([0]),
    });
    const shut = parseXml(drawing.svg);
    const boxes = findAll(shut, (e) => e.name === 'g' && classes(e).includes('gl-node--group'));
    assert.equal(boxes.length, 1);
    assert.equal(boxes[0]?.attributes['data-node'], String(net.result.output.id));
  });

  it('gives each edge out of a collapsed box its operand value, and no one step gradient', () => {
    const { model, marks } = buildTensorModel(net.result, { collapsed: new Set([0]) });
    const box = net.result.output.id;
    const out = model.edges.flatMap((edge, e) => (edge.from === box ? [e] : []));
    const names = out.map((e) => net.result.nodes[marks[e]!.operand]?.name).sort();
    assert.deepEqual(names, ['W1', 'W2', 'X', 'b1', 'b2']);
    for (const e of out) {
      const mark = marks[e]!;
      const operand = net.result.nodes[mark.operand]!;
      assert.equal(mark.operand, model.edges[e]!.to);
      assert.equal(mark.gradHeat, undefined, `no gradient heat on the edge to ${operand.name}`);
      assert.equal(mark.reduce, undefined);
      assert.equal(model.edges[e]!.gradText, undefined);
      assert.deepEqual(
        mark.valueHeat,
        operand.value.shape.length === 0 ? undefined : operand.value.heat,
      );
    }
  });

  it('lays the graph out top to bottom with shapes and reductions on the edges, no heat maps', () => {
    const right = drawTensorGraph(net.result, { precision: 4, colors: 'light' });
    const down = drawTensorGraph(net.result, { precision: 4, colors: 'light', direction: 'down' });
    const root = parseXml(down.svg);
    assert.ok(classes(root).includes('gl-graph--down'));
    assert.equal(findAll(root, (e) => classes(e).includes('gl-heat')).length, 0);
    assert.ok(findAll(parseXml(right.svg), (e) => classes(e).includes('gl-heat')).length > 0);
    const grads = findAll(root, (e) => e.name === 'text' && classes(e).includes('gl-grad'));
    // `X.dot(W1) + b1` sums the gradient of b1 (10,) over the 5 rows of X: NumPy's broadcasting.
    assert.ok(
      grads.some((text) => text.text === 'Σ (5, 10) → (10,)'),
      grads.map((text) => text.text).join(' | '),
    );
    const values = findAll(root, (e) => e.name === 'text' && classes(e).includes('gl-value'));
    assert.ok(
      values.some((text) => text.text === '(4, 10)'),
      'W1 drawn with its shape',
    );
    assert.ok(down.height > down.width, `${down.width} × ${down.height}`);
  });
});
