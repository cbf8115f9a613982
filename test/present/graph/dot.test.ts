import assert from 'node:assert/strict';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { inspectGraph } from '../../../src/engine/inspect';
import { toDot } from '../../../src/present/graph/dot';
import { REFERENCE_VALUES, referenceGraph } from '../../support/reference';
import { REBINDING, SQUARED_ERROR, pythonInspection } from '../../support/unusedInputs';

/** The label of the edge `from -> to` in DOT text: [value, gradient]. */
function edgeLabel(dot: string, from: number, to: number | string): [string, string | undefined] {
  const line = dot
    .split('\n')
    .find((l) =>
      l.trimStart().startsWith(`n${from} -> ${typeof to === 'number' ? `n${to}` : to} `),
    );
  assert.ok(line, `no edge n${from} -> ${to}`);
  const texts = [...line.matchAll(/<font color="#[0-9a-f]{6}">([^<]*)<\/font>/g)].map((m) => m[1]!);
  return [texts[0]!, texts[1]];
}

describe('graph as DOT', () => {
  const reference = inspectGraph(referenceGraph(), REFERENCE_VALUES);

  it('writes the reference example left to right with value and gradient on every edge', () => {
    const dot = toDot(reference, { precision: 6 });
    assert.match(dot, /^digraph "f" \{\n/);
    assert.match(dot, /rankdir=LR/);
    assert.ok(dot.endsWith('}\n'));
    // Edges point forward, operand -> consumer.
    assert.deepEqual(edgeLabel(dot, 0, 2), ['−2', '−4']);
    assert.deepEqual(edgeLabel(dot, 1, 2), ['5', '−4']);
    assert.deepEqual(edgeLabel(dot, 2, 4), ['3', '−4']);
    assert.deepEqual(edgeLabel(dot, 3, 4), ['−4', '3']);
    assert.deepEqual(edgeLabel(dot, 4, 'output'), ['−12', '1']);
    assert.match(dot, /n2 \[label=<\+>, xlabel=<<i>q<\/i>>, tooltip="q = 3, ∂f\/∂q = −4"\];/);
    assert.match(dot, /n4 \[label=<×>, xlabel=<<i>f<\/i>>, penwidth=3, /);
    assert.match(dot, /n0 \[label=<x>, shape=box, /);
  });

  it('uses the precision', () => {
    const result = inspectGraph(referenceGraph(), { x: 1 / 3, y: 1, z: 2 });
    assert.deepEqual(edgeLabel(toDot(result, { precision: 3 }), 0, 2), ['0.333', '2']);
  });

  it('escapes names: HTML-like labels and quoted tooltips', () => {
    const builder = new GraphBuilder();
    const name = 'a"b\\c<d>&e';
    const x = builder.input(name);
    builder.op('exp', [x], { name: '}\n digraph evil {' });
    const dot = toDot(inspectGraph(builder.build(), { [name]: 0 }), { precision: 6 });
    assert.ok(dot.includes('label=<a&quot;b\\c&lt;d&gt;&amp;e>'), dot);
    assert.ok(dot.includes('tooltip="a\\"b\\\\c<d>&e = 0, '), dot);
    assert.ok(dot.includes('digraph "}\\n digraph evil {" {'), dot);
    assert.equal(dot.match(/^digraph /gm)?.length, 1, 'one graph');
    // Every quoted string is closed: an even number of unescaped quotes on every line.
    for (const line of dot.split('\n')) {
      assert.equal(
        (line.replace(/\\\\/g, '').replace(/\\"/g, '').match(/"/g) ?? []).length % 2,
        0,
        line,
      );
    }
  });

  it('marks nodes that do not reach the output', () => {
    const builder = new GraphBuilder();
    const x = builder.input('x');
    const f = builder.op('sin', [x], { name: 'f' });
    builder.op('cos', [x], { name: 'g' });
    const dot = toDot(inspectGraph(builder.build(f), { x: 0 }), { precision: 6 });
    assert.match(
      dot,
      /n2 \[label=<cos>, shape=box, style=rounded, xlabel=<<i>g<\/i>>, color="#8c959f"/,
    );
    assert.deepEqual(edgeLabel(dot, 0, 2), ['0', undefined]);
    assert.match(dot, /n0 -> n2 \[.*style=dashed/);
  });

  it('says an unused input is not used by f and puts no gradient on edges out of it', async () => {
    const { result } = await pythonInspection(REBINDING[0]!.source);
    const dot = toDot(result, { precision: 6 });
    assert.match(
      dot,
      /n0 \[label=<x>, .*color="#8c959f".*tooltip="x \(line 1\) = −2, not used by f"\];/,
    );
    assert.deepEqual(edgeLabel(dot, 0, 2), ['−2', undefined]);
    assert.deepEqual(edgeLabel(dot, 4, 5), ['3', undefined]);
    assert.match(dot, /n4 \[.*tooltip="3 = 3, no gradient \(depends on no input\)"\];/);
    assert.doesNotMatch(dot, /n4 \[.*#8c959f/, 'a constant on the path is not dimmed');
  });

  it('writes no NaN at a negative base', async () => {
    const { result } = await pythonInspection(SQUARED_ERROR);
    const dot = toDot(result, { precision: 6 });
    assert.doesNotMatch(dot, /NaN/);
    const two = result.nodes.find((node) => node.kind === 'constant')!;
    assert.deepEqual(edgeLabel(dot, two.id, result.output.id), ['2', undefined]);
  });
});
