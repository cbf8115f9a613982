import assert from 'node:assert/strict';
import {
  COLLAPSE_ABOVE_NODES,
  allGroups,
  groupsAround,
  isFolded,
  openedTo,
  openingCollapsed,
} from '../../../src/present/graph/groupFolding';
import { withRepeatedShapes } from '../../../src/protocol/repeatedShapes';
import { inspectionOf } from '../../support/inspections';
import { writtenOutNeurons } from '../../support/writtenOutNeurons';

async function grouped(n: number) {
  const { result } = await inspectionOf({ source: writtenOutNeurons(n), language: 'python' });
  return withRepeatedShapes(result);
}

describe('which groups are drawn collapsed', function () {
  this.timeout(20_000);

  it('opens a graph of more than 150 nodes with its groups collapsed, a small one open', async () => {
    const big = await grouped(20);
    assert.ok(big.nodes.length > COLLAPSE_ABOVE_NODES, `${big.nodes.length} nodes`);
    // Every group: the family of 20 is what is seen, and opening it shows 20 boxes.
    assert.deepEqual(
      [...openingCollapsed(big, false)],
      Array.from({ length: 21 }, (_, i) => i),
    );
    const small = await grouped(3);
    assert.ok(small.nodes.length <= COLLAPSE_ABOVE_NODES);
    assert.equal(openingCollapsed(small, false).size, 0);
  });

  it('counts the nodes drawn: hidden constants do not count', async () => {
    const { result } = await inspectionOf({
      source: `x = 2\nf = ${Array.from({ length: 60 }, (_, i) => `${i + 1} * x`).join(' + ')}\n`,
      language: 'python',
    });
    const constants = result.nodes.filter((node) => node.kind === 'constant').length;
    assert.ok(result.nodes.length > COLLAPSE_ABOVE_NODES);
    assert.ok(result.nodes.length - constants <= COLLAPSE_ABOVE_NODES);
    const withGroups = { ...result, groups: [{ id: 0, kind: 'call' as const, label: 'g' }] };
    assert.equal(openingCollapsed(withGroups, false).size, 1);
    assert.equal(openingCollapsed(withGroups, true).size, 0);
  });

  it('opens exactly the collapsed groups on the way to a node', async () => {
    const result = await grouped(3);
    const n1 = result.nodes.find((node) => node.name === 'n1')!;
    assert.deepEqual(groupsAround(result, n1.id), [2, 0]);
    const all = allGroups(result);
    assert.deepEqual([...all], [0, 1, 2, 3]);
    assert.equal(isFolded(result, all, n1.id), true);
    assert.deepEqual([...(openedTo(result, all, n1.id) ?? [])], [1, 3]);
    assert.equal(openedTo(result, new Set([1, 3]), n1.id), undefined, 'nothing to open');
    const x0 = result.nodes.find((node) => node.name === 'x0')!;
    assert.equal(isFolded(result, all, x0.id), false, 'an input is outside every box');
  });
});
