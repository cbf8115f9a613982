import assert from 'node:assert/strict';
import { buildModel } from '../../src/present/graph/model';
import { withRepeatedShapes } from '../../src/protocol/repeatedShapes';
import { inspectionOf } from '../support/inspections';
import { writtenOutNeurons as neurons } from '../support/writtenOutNeurons';

async function resultOf(source: string) {
  return (await inspectionOf({ source, language: 'python' })).result;
}

describe('repeated shapes as groups', function () {
  this.timeout(20_000);

  it('puts three neurons written out into one box of three, each labelled with its expression', async () => {
    const result = withRepeatedShapes(await resultOf(neurons(3)));
    assert.deepEqual(
      result.groups?.map((group) => [group.id, group.parent, group.kind, group.label]),
      [
        [0, undefined, 'call', '3 × tanh(· × · + · × · + ·)'],
        [1, 0, 'call', 'tanh(w00 × x0 + w01 × x1 + b0)'],
        [2, 0, 'call', 'tanh(w10 × x0 + w11 × x1 + b1)'],
        [3, 0, 'call', 'tanh(w20 × x0 + w21 × x1 + b2)'],
      ],
    );
    for (const instance of [1, 2, 3]) {
      const members = result.nodes.filter((node) => node.group === instance);
      assert.deepEqual(
        members.map((node) => node.symbol).sort(),
        ['+', '+', 'tanh', '×', '×'],
        `group ${instance}`,
      );
    }
    const outside = result.nodes.filter((node) => node.group === undefined);
    assert.ok(outside.every((node) => node.kind !== 'op' || node.symbol === '+'));
    assert.ok(
      outside.filter((node) => node.kind === 'input').length === 11,
      'inputs are leaves, outside the boxes',
    );
  });

  it('changes nothing but the groups: values and gradients stay', async () => {
    const plain = await resultOf(neurons(3));
    const grouped = withRepeatedShapes(plain);
    assert.equal(grouped.nodes.length, plain.nodes.length);
    grouped.nodes.forEach((node, i) => {
      assert.deepEqual({ ...node, group: undefined }, { ...plain.nodes[i], group: undefined });
    });
  });

  it('finds no family in code without repetition, and returns the result as it was', async () => {
    const plain = await resultOf('x = 2\ny = 3\nf = (x * y + x) * (y - x)\n');
    assert.equal(withRepeatedShapes(plain), plain);
  });

  it('reads constants as leaves: the same ops over other numbers are the same shape', async () => {
    const plain = await resultOf(
      'x = 2\ny = 3\nz = 4\nw = 5\na = (x * 2 + y) * 3\nb = (z * 5 + w) * 3\nf = a + b\n',
    );
    assert.deepEqual(
      withRepeatedShapes(plain).groups?.map((group) => group.label),
      ['2 × (· × · + ·) × ·', '(x × 2 + y) × 3', '(z × 5 + w) × 3'],
    );
    const other = await resultOf(
      'x = 2\ny = 3\nz = 4\nw = 5\na = (x * 2 + y) * 3\nb = (z * w + 5) * 3\nf = a + b\n',
    );
    assert.equal(withRepeatedShapes(other), other, 'a constant in another position: another shape');
  });

  it('keeps a sub-expression others share out of the boxes (a leaf of each)', async () => {
    const plain = await resultOf(
      'x = 2\ny = 3\nq = x * y\na = math.exp(q + x) * 2\nb = math.exp(q + y) * 2\nf = a + b + q\n'.replace(
        /^/,
        'import math\n',
      ),
    );
    const grouped = withRepeatedShapes(plain);
    assert.deepEqual(
      grouped.groups?.map((group) => group.label),
      ['2 × exp(· + ·) × ·', 'exp(q + x) × 2', 'exp(q + y) × 2'],
    );
    const q = grouped.nodes.find((node) => node.name === 'q');
    assert.equal(q?.group, undefined);
  });

  it('leaves out an instance that feeds another through a node outside the box (no cycle)', async () => {
    const plain = await resultOf(
      [
        'import math',
        'x = 0.5',
        'y = 2',
        'a = math.exp(x * y + 1)',
        's = math.sin(a)',
        'b = math.exp(s * y + 1)',
        'f = b + s + a',
        '',
      ].join('\n'),
    );
    assert.equal(withRepeatedShapes(plain), plain);
  });

  it('collapsed, a family is one node whose edges carry the values and gradients in and out', async () => {
    const result = withRepeatedShapes(await resultOf(neurons(3)));
    const open = buildModel(result);
    const folded = buildModel(result, { collapsed: new Set([0]) });
    assert.equal(open.nodes.length - folded.nodes.length, 14, '15 ops become one box');
    const box = folded.nodes.find((node) => node.collapsed !== undefined);
    assert.equal(box?.text, '▸ 3 × tanh(· × · + · × · + ·)');
    const into = folded.edges.filter((edge) => edge.from === box?.id);
    assert.equal(into.length, 11, 'x0, x1 and each neuron’s weights and bias flow in');
    assert.ok(into.every((edge) => edge.gradText !== undefined));
  });
});
