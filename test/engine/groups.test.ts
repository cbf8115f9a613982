import { strict as assert } from 'node:assert';
import { GraphBuilder } from '../../src/engine/graphBuilder';
import { inspectGraph } from '../../src/engine/inspect';
import { inspectionViolations } from '../../src/engine/invariants';

describe('graph groups', () => {
  it('gives the constants and ops made while a group is open the innermost group, never inputs', () => {
    const b = new GraphBuilder();
    const x = b.input('x');
    const loop = b.openGroup('loop', 'for i in range(2)');
    let acc = x;
    for (let i = 0; i < 2; i += 1) {
      b.openGroup('iteration', `for i in range(2) · i = ${i}`);
      const w = b.input('w');
      const c = b.constant(i);
      acc = b.op('mul', [b.op('add', [acc, c]), w]);
      b.closeGroup();
    }
    b.closeGroup();
    const out = b.op('neg', [acc]);
    const graph = b.build(out);
    assert.deepEqual(graph.groups, [
      { id: 0, kind: 'loop', label: 'for i in range(2)' },
      { id: 1, kind: 'iteration', label: 'for i in range(2) · i = 0', parent: loop },
      { id: 2, kind: 'iteration', label: 'for i in range(2) · i = 1', parent: loop },
    ]);
    assert.deepEqual(
      graph.nodes.map((n) => n.group),
      [undefined, undefined, 1, 1, 1, 2, 2, 2, undefined],
    );
    const result = inspectGraph(graph, { x: 1, w: 2 });
    assert.deepEqual(result.groups, graph.groups);
    assert.equal(result.nodes[5]!.group, 2);
    assert.deepEqual(inspectionViolations(graph, result), []);
    // ((1 + 0)·2 + 1)·2 = 6, negated
    assert.equal(result.value, -6);
  });

  it('has no groups field when nothing opened one, and refuses an unmatched close', () => {
    const b = new GraphBuilder();
    b.input('x');
    assert.equal('groups' in b.build(), false);
    assert.throws(() => b.closeGroup(), /without an open group/);
  });

  it('reports a node whose group the result lost', () => {
    const b = new GraphBuilder();
    const x = b.input('x');
    b.openGroup('call', 'f(x)');
    b.op('neg', [x]);
    b.closeGroup();
    const graph = b.build();
    const result = inspectGraph(graph, { x: 1 });
    const broken = { ...result, nodes: result.nodes.map(({ group: _g, ...rest }) => rest) };
    assert.match(inspectionViolations(graph, broken).join('\n'), /node 1 is in group undefined/);
  });
});
