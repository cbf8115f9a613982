import assert from 'node:assert/strict';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { graphFacts } from '../../../src/engine/symbolic/graphFacts';

describe('graph facts for the symbolic sweep', () => {
  it('lists operands, inputs and what depends on an input', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const two = g.constant(2);
    const c = g.op('sin', [two]);
    const y = g.op('mul', [x, c]);
    const facts = graphFacts(g.build(y), y, 1001);
    assert.deepEqual([...facts.offsets], [0, 0, 0, 1, 3]);
    assert.deepEqual([...facts.operands], [two, x, c]);
    assert.deepEqual([...facts.isInput], [1, 0, 0, 0]);
    assert.equal(facts.inputCount, 1);
    assert.deepEqual([...facts.varies], [1, 0, 0, 1]);
  });

  it('counts a formula as a tree, a named node as its name, saturating at the cap', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const s = g.op('sin', [x]);
    const q = g.op('mul', [s, s], { name: 'q' });
    const sum = g.op('add', [q, s]);
    const facts = graphFacts(g.build(sum), sum, 3);
    // sin(x) = 2 nodes; q is written `q` (1); q + sin(x) = 1 + 1 + 2, capped at 3.
    assert.deepEqual([...facts.sizes], [1, 2, 1, 3]);
    assert.deepEqual([...facts.names], [[q, 'q']]);
  });

  it('writes out a name two nodes share, counting its whole formula', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const first = g.op('sin', [x], { name: 't' });
    const second = g.op('cos', [first], { name: 't' });
    const facts = graphFacts(g.build(second), second, 1001);
    assert.equal(facts.names.size, 0);
    // sin(x) is 2 nodes, cos(sin(x)) 3: neither is written as `t`.
    assert.deepEqual([...facts.sizes], [1, 2, 3]);
  });
});
