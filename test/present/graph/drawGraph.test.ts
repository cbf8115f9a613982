import assert from 'node:assert/strict';
import { formatNumber } from '../../../src/engine/format';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { inspectGraph } from '../../../src/engine/inspect';
import type { InspectionResult } from '../../../src/engine/result';
import { drawGraph, type DrawOptions } from '../../../src/present/graph/drawGraph';
import { inspectionOf } from '../../support/inspections';
import { REBINDING, SQUARED_ERROR, pythonInspection } from '../../support/unusedInputs';
import { mulberry32, randomGraph } from '../../support/randomGraph';
import { REFERENCE_VALUES, referenceGraph } from '../../support/reference';
import { byClass, descendants, parseXml, type XmlElement } from './xml';

const LIGHT: DrawOptions = { precision: 6, colors: 'light' };

async function mathResult(
  source: string,
  values: Record<string, number>,
): Promise<InspectionResult> {
  return (await inspectionOf({ source, language: 'math', values })).result;
}

function draw(result: InspectionResult, options: Partial<DrawOptions> = {}): XmlElement {
  return parseXml(drawGraph(result, { ...LIGHT, ...options }).svg);
}

function classesOf(element: XmlElement): string[] {
  return (element.attributes.class ?? '').split(' ');
}

/** Each edge's data-edge with the texts of its value and gradient (undefined when absent). */
function edgeTexts(svg: XmlElement): Map<string, [string | undefined, string | undefined]> {
  const edges = new Map<string, [string | undefined, string | undefined]>();
  for (const edge of byClass(svg, 'gl-edge')) {
    edges.set(edge.attributes['data-edge'] ?? '?', [
      byClass(edge, 'gl-value')[0]?.text,
      byClass(edge, 'gl-grad')[0]?.text,
    ]);
  }
  return edges;
}

function nodeById(svg: XmlElement, id: number): XmlElement {
  const node = byClass(svg, 'gl-node').find((n) => n.attributes['data-node'] === String(id));
  assert.ok(node, `no node ${id}`);
  return node;
}

describe('graph drawing', () => {
  let reference: InspectionResult;
  before(async () => {
    reference = await mathResult('(x + y)z', REFERENCE_VALUES);
  });

  it('draws the reference example: 3 inputs, 2 ops, 4 edges with value above and gradient below', () => {
    const svg = draw(reference);
    const nodes = byClass(svg, 'gl-node');
    assert.equal(nodes.filter((n) => classesOf(n).includes('gl-node--input')).length, 3);
    assert.equal(nodes.filter((n) => classesOf(n).includes('gl-node--op')).length, 2);
    assert.equal(nodes.length, 5);
    // x(0) + y(1) → +(2); +(2), z(3) → ×(4). data-edge is consumer-operand-operandIndex.
    assert.deepEqual([...edgeTexts(svg)].sort(), [
      ['2-0-0', ['−2', '−4']],
      ['2-1-1', ['5', '−4']],
      ['4-2-0', ['3', '−4']],
      ['4-3-1', ['−4', '3']],
    ]);
    for (const edge of byClass(svg, 'gl-edge')) {
      const path = edge.children.find((child) => child.name === 'path');
      assert.match(path?.attributes.d ?? '', /^M\d+,\d+/);
      const [value] = byClass(edge, 'gl-value');
      const [grad] = byClass(edge, 'gl-grad');
      assert.ok(Number(value?.attributes.y) < Number(grad?.attributes.y), 'value above gradient');
    }
  });

  it('keeps the markup the webview selects on', () => {
    const text = drawGraph(reference, LIGHT).svg;
    assert.match(
      text,
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="gl-graph" viewBox="0 0 \d+ \d+" width="\d+" height="\d+" role="img" aria-label="[^"]+"><style>/,
    );
    const svg = parseXml(text);
    assert.equal(
      svg.attributes['aria-label'],
      'Computational graph of f = −12: 3 inputs, 2 operations',
    );
    const x = nodeById(svg, 0);
    assert.equal(x.attributes.class, 'gl-node gl-node--input');
    assert.equal(x.attributes.tabindex, '0');
    assert.equal(x.attributes.role, 'button');
    assert.equal(x.attributes['aria-label'], 'x = −2, ∂f/∂x = −4');
    assert.equal(nodeById(svg, 2).attributes['aria-label'], 'x + y = 3, ∂f/∂(x + y) = −4');
    const edge = byClass(svg, 'gl-edge').find((e) => e.attributes['data-edge'] === '4-3-1');
    assert.equal(edge?.attributes['data-from'], '4');
    assert.equal(edge?.attributes['data-to'], '3');
    assert.deepEqual(
      edge?.children.map((child) => `${child.name}.${child.attributes.class}`),
      ['path.gl-wire', 'text.gl-value', 'text.gl-grad'],
    );
  });

  it('names the output and draws its wire with its value and ∂f/∂f = 1', () => {
    const svg = draw(reference);
    const output = nodeById(svg, 4);
    assert.equal(output.attributes.class, 'gl-node gl-node--op gl-node--output');
    assert.equal(byClass(output, 'gl-name')[0]?.text, 'f');
    assert.equal(byClass(output, 'gl-symbol')[0]?.text, '×');
    assert.equal(byClass(output, 'gl-value')[0]?.text, '−12');
    assert.equal(byClass(output, 'gl-grad')[0]?.text, '1');
    assert.equal(output.attributes['aria-label'], 'f = −12, ∂f/∂f = 1');
    assert.equal(byClass(nodeById(svg, 2), 'gl-symbol')[0]?.text, '+');
  });

  it('shows intermediate names above their nodes', () => {
    const result = inspectGraph(referenceGraph(), REFERENCE_VALUES);
    const svg = draw(result);
    assert.equal(byClass(nodeById(svg, 2), 'gl-name')[0]?.text, 'q');
    assert.equal(nodeById(svg, 2).attributes['aria-label'], 'q = 3, ∂f/∂q = −4');
    assert.equal(byClass(nodeById(svg, 0), 'gl-name').length, 0, 'an input has its name inside');
  });

  it('puts on each edge the gradient of its backward step, and names the step', () => {
    const result = inspectGraph(referenceGraph(), REFERENCE_VALUES);
    const svg = draw(result);
    const edges = byClass(svg, 'gl-edge');
    for (const step of result.steps) {
      if (step.kind !== 'edge') {
        continue;
      }
      const edge = edges.find(
        (e) => e.attributes['data-edge'] === `${step.from}-${step.to}-${step.operandIndex}`,
      );
      assert.ok(edge, `no edge for step ${step.index}`);
      assert.equal(edge.attributes['data-step'], String(step.index));
      assert.equal(byClass(edge, 'gl-grad')[0]?.text, formatNumber(step.product));
    }
  });

  it('gives each use of a shared input its own contribution', async () => {
    // f = x·x + x at x = 3: ∂f/∂x = 3 + 3 + 1 = 7, one contribution per edge.
    const result = await mathResult('x*x + x', { x: 3 });
    const svg = draw(result);
    const grads = byClass(svg, 'gl-edge')
      .filter((edge) => edge.attributes['data-to'] === '0')
      .map((edge) => [byClass(edge, 'gl-value')[0]?.text, byClass(edge, 'gl-grad')[0]?.text]);
    assert.deepEqual(grads.sort(), [
      ['3', '1'],
      ['3', '3'],
      ['3', '3'],
    ]);
    assert.equal(nodeById(svg, 0).attributes['aria-label'], 'x = 3, ∂f/∂x = 7');
  });

  it('draws forward values only when gradients are off', () => {
    const svg = draw(reference, { showGradients: false });
    assert.equal(byClass(svg, 'gl-grad').length, 0);
    assert.equal(byClass(svg, 'gl-value').length, 5, 'four edges and the output wire');
    assert.equal(nodeById(svg, 0).attributes['aria-label'], 'x = −2');
  });

  it('leaves out the gradient of an edge whose consumer does not reach the output', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const y = builder.input('y');
    const f = builder.op('mul', [x, y], { name: 'f' });
    builder.op('exp', [x], { name: 'unused' });
    const result = inspectGraph(builder.build(f), { x: 2, y: 3 });
    const svg = draw(result);
    const texts = edgeTexts(svg);
    assert.deepEqual(texts.get('3-0-0'), ['2', undefined]);
    assert.deepEqual(texts.get('2-0-0'), ['2', '3']);
    assert.equal(nodeById(svg, 3).attributes['data-off-path'], '');
    assert.equal(nodeById(svg, 3).attributes['aria-label'], 'unused = 7.38906, does not reach f');
  });

  it('hides nodes that do not reach the output with hideOffPath', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const y = builder.input('y');
    const z = builder.input('z');
    const f = builder.op('mul', [x, y], { name: 'f' });
    builder.op('add', [f, z], { name: 'later' });
    const result = inspectGraph(builder.build(f), { x: 2, y: 3, z: 1 });
    const all = draw(result);
    assert.equal(byClass(all, 'gl-node').length, 5);
    const onPath = draw(result, { hideOffPath: true });
    assert.deepEqual(
      byClass(onPath, 'gl-node').map((node) => node.attributes['data-node']),
      ['0', '1', '3'],
    );
    assert.deepEqual([...edgeTexts(onPath).keys()].sort(), ['3-0-0', '3-1-1']);
    assert.equal(drawGraph(result, { ...LIGHT, hideOffPath: true }).layout.nodes.length, 3);
  });

  it('folds constants into their consumer with hideConstants', async () => {
    const result = await mathResult('2 x x + 3 + max(x, 0)', { x: -2 });
    const shown = draw(result);
    assert.equal(
      byClass(shown, 'gl-node').filter((n) => classesOf(n).includes('gl-node--constant')).length,
      3,
    );
    const folded = draw(result, { hideConstants: true });
    const nodes = byClass(folded, 'gl-node');
    assert.equal(nodes.filter((n) => classesOf(n).includes('gl-node--constant')).length, 0);
    const symbols = nodes.map((node) => byClass(node, 'gl-symbol')[0]?.text);
    assert.ok(symbols.includes('2 ×'), symbols.join(' | '));
    assert.ok(symbols.includes('+ 3'), symbols.join(' | '));
    assert.ok(symbols.includes('max(·, 0)'), symbols.join(' | '));
    const constants = new Set(
      result.nodes.filter((node) => node.kind === 'constant').map((node) => String(node.id)),
    );
    for (const edge of byClass(folded, 'gl-edge')) {
      assert.ok(!constants.has(edge.attributes['data-to'] ?? ''), 'no edge from a constant');
    }
  });

  it('escapes names from the document everywhere', () => {
    const hostile = '<script>alert("x")</script>&amp;\'';
    const builder = new GraphBuilder();
    const x = builder.input(hostile);
    const q = builder.op('exp', [x], { name: '"><g onload="evil()' });
    builder.op('mul', [q, builder.constant(2, { text: '<b>2</b>' })], { name: 'f&<' });
    const result = inspectGraph(builder.build(), { [hostile]: 1 });
    const text = drawGraph(result, LIGHT).svg;
    assert.ok(!text.includes('<script'));
    assert.ok(!text.includes('<b>'));
    assert.ok(!text.includes('onload="'));
    const svg = parseXml(text);
    assert.equal(
      byClass(nodeById(svg, 0), 'gl-symbol')[0]?.text,
      [...hostile].slice(0, 23).join('') + '…',
    );
    assert.match(
      nodeById(svg, 0).attributes['aria-label'] ?? '',
      /^<script>alert\("x"\)<\/script>&amp;' = 1/,
    );
    assert.equal(byClass(nodeById(svg, 1), 'gl-name')[0]?.text, '"><g onload="evil()');
    assert.equal(byClass(nodeById(svg, 3), 'gl-name')[0]?.text, 'f&<');
    assert.ok(svg.attributes['aria-label']?.startsWith('Computational graph of f&< = '));
  });

  it('is deterministic: the same inspection gives the same string', async () => {
    const again = await mathResult('(x + y)z', REFERENCE_VALUES);
    assert.equal(drawGraph(reference, LIGHT).svg, drawGraph(again, LIGHT).svg);
    const { graph, values } = randomGraph(mulberry32(11), 4, 120);
    const result = inspectGraph(graph, values);
    const first = drawGraph(result, { precision: 4, colors: 'theme' });
    const second = drawGraph(inspectGraph(graph, values), { precision: 4, colors: 'theme' });
    assert.equal(first.svg, second.svg);
    assert.deepEqual(first.layout, second.layout);
  });

  it('colours values and gradients from the theme, or from a fixed palette with a background', () => {
    const theme = drawGraph(reference, { precision: 6, colors: 'theme' }).svg;
    assert.match(
      theme,
      /\.gl-value,\.gl-legend-value\{fill:var\(--vscode-charts-blue, #[0-9a-f]{6}\)\}/,
    );
    assert.match(
      theme,
      /\.gl-grad,\.gl-legend-grad\{fill:var\(--vscode-charts-orange, #[0-9a-f]{6}\)\}/,
    );
    assert.ok(!theme.includes('class="gl-background"'), 'the panel shows its own background');
    const light = drawGraph(reference, LIGHT).svg;
    const dark = drawGraph(reference, { precision: 6, colors: 'dark' }).svg;
    assert.match(light, /<rect class="gl-background" x="0" y="0" width="\d+" height="\d+"\/>/);
    assert.match(light, /\.gl-background\{fill:#ffffff\}/);
    assert.match(dark, /\.gl-background\{fill:#1e1e1e\}/);
    assert.ok(!light.includes('var(--'), 'a standalone SVG uses no CSS variables');
    const markup = (svg: string): string => svg.replace(/<style>.*<\/style>/, '');
    assert.equal(markup(light), markup(dark), 'the same markup, only the palette differs');
    assert.ok(!/ style="/.test(theme), 'no inline style attributes (the webview CSP forbids them)');
  });

  it('puts a nonce on the style element when given one', () => {
    const text = drawGraph(reference, { ...LIGHT, nonce: 'abc"123' }).svg;
    assert.match(text, /<style nonce="abc&quot;123">/);
  });

  it('marks the node that first produced a non-finite value', async () => {
    const result = await mathResult('log(x) + x', { x: -1 });
    const svg = draw(result);
    const shapes = byClass(svg, 'gl-shape--nonfinite');
    assert.equal(shapes.length, 1);
    const node = byClass(svg, 'gl-node').find((n) => descendants(n).includes(shapes[0]!));
    assert.equal(node?.attributes['data-node'], String(result.firstNonFinite?.node));
    assert.ok(byClass(svg, 'gl-value').some((text) => text.text === 'NaN'));
  });

  it('uses the precision for every number', () => {
    const result = inspectGraph(referenceGraph(), { x: 1 / 3, y: 1, z: 2 });
    const texts = byClass(draw(result, { precision: 3 }), 'gl-value').map((t) => t.text);
    assert.ok(texts.includes('0.333'), texts.join(' '));
    assert.ok(texts.includes('1.33'), texts.join(' '));
  });

  // Its speed is bench/drawing.mjs's to measure, not a test's.
  it('draws a graph of 2,000 nodes into a well-formed SVG', () => {
    const { graph, values } = randomGraph(mulberry32(2024), 8, 1500);
    const result = inspectGraph(graph, values, { maxSymbolicNodes: 0 });
    assert.ok(result.nodes.length >= 2000, `${result.nodes.length} nodes`);
    const drawing = drawGraph(result, { precision: 6, colors: 'theme' });
    const svg = parseXml(drawing.svg);
    assert.equal(byClass(svg, 'gl-node').length, result.nodes.length);
  });

  it('draws a single input that is its own output', () => {
    const builder = new GraphBuilder();
    builder.input('x');
    const svg = draw(inspectGraph(builder.build(), { x: 4 }));
    const node = nodeById(svg, 0);
    assert.equal(node.attributes.class, 'gl-node gl-node--input gl-node--output');
    assert.equal(byClass(node, 'gl-grad')[0]?.text, '1');
    assert.equal(byClass(svg, 'gl-edge').length, 0);
  });

  describe('inputs f does not use and constants', () => {
    for (const each of REBINDING) {
      it(`${each.language}: draws x (line 1) as not used by f, with no gradient anywhere near it`, async () => {
        const { result } = await inspectionOf({ source: each.source, language: each.language });
        const svg = draw(result);
        // x(0), y(1) → f0(2); x₂(3), 3(4) → x₂·3(5); (5), y(1) → f(6).
        const unused = nodeById(svg, 0);
        assert.equal(unused.attributes['aria-label'], 'x (line 1) = −2, not used by f');
        assert.equal(unused.attributes['data-off-path'], '');
        const texts = edgeTexts(svg);
        assert.deepEqual(texts.get('2-0-0'), ['−2', undefined]);
        assert.deepEqual(texts.get('2-1-1'), ['5', undefined]);
        assert.deepEqual(texts.get('5-3-0'), ['−2', '3']);
        assert.deepEqual(texts.get('5-4-1'), ['3', undefined], 'no gradient out of a constant');
        assert.deepEqual(texts.get('6-1-1'), ['5', '1']);
        const three = nodeById(svg, 4);
        assert.equal(three.attributes['aria-label'], '3 = 3, no gradient (depends on no input)');
        assert.equal(three.attributes['data-off-path'], undefined, 'a constant on the path');
      });
    }

    it('writes no NaN at a negative base: the exponent 2 has no gradient', async () => {
      const { result } = await pythonInspection(SQUARED_ERROR);
      const text = drawGraph(result, LIGHT).svg;
      assert.doesNotMatch(text, /NaN/);
      const pow = result.nodes.find((node) => node.symbol === '^' || node.op === 'pow');
      const two = result.nodes.find((node) => node.kind === 'constant');
      assert.ok(pow !== undefined && two !== undefined);
      const svg = parseXml(text);
      assert.deepEqual(edgeTexts(svg).get(`${pow.id}-${two.id}-1`), ['2', undefined]);
      assert.deepEqual(edgeTexts(svg).get(`${pow.id}-${pow.operands[0]}-0`), ['−9', '−18']);
    });

    it('keeps a constant on the path when hiding what does not reach the output', async () => {
      const { result } = await pythonInspection(REBINDING[0]!.source);
      const svg = draw(result, { hideOffPath: true });
      assert.deepEqual(
        byClass(svg, 'gl-node').map((node) => node.attributes['data-node']),
        ['1', '3', '4', '5', '6'],
      );
    });
  });
});
