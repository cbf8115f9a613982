import assert from 'node:assert/strict';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { symbolicDerivatives } from '../../../src/engine/symbolic/differentiate';
import { toText } from '../../../src/engine/symbolic/print';

/**
 * The sweep stops once nothing left can change its result; what it has not reached must still
 * come out right: lost where a lost adjoint reaches, 0 where nothing does.
 */
describe('the symbolic sweep’s early end', () => {
  /** tanh(tanh(…(x0 · x1)…)) `depth` deep: its derivatives outgrow any bound. */
  function deepTanh(g: GraphBuilder, depth: number, inner: number): number {
    let node = inner;
    for (let i = 0; i < depth; i += 1) {
      node = g.op('tanh', [node]);
    }
    return node;
  }

  it('finds an input used only at the bottom of a long lost chain, and leaves it out', () => {
    const g = new GraphBuilder();
    const unused = g.input('unused');
    const bottom = g.input('bottom');
    const x = g.input('x');
    const chain = deepTanh(g, 20_000, g.op('mul', [bottom, g.constant(3)]));
    const out = g.op('add', [g.op('mul', [chain, x]), x]);
    const graph = g.build(out);
    const { gradients, limit } = symbolicDerivatives(graph);
    assert.equal(gradients.get(bottom), undefined);
    assert.equal(gradients.get(x), undefined);
    assert.equal(toText(gradients.get(unused)!), '0');
    assert.equal(limit, 'size');
  });

  it('keeps a short derivative beside lost ones, and 0 for inputs past the output', () => {
    const g = new GraphBuilder();
    const a = g.input('a');
    const b = g.input('b');
    const big = deepTanh(g, 5000, g.op('mul', [a, a]));
    const out = g.op('add', [big, g.op('mul', [b, g.constant(2)])]);
    const after = g.input('after');
    const graph = g.build(out);
    const { gradients } = symbolicDerivatives(graph);
    assert.equal(gradients.get(a), undefined);
    assert.equal(toText(gradients.get(b)!), '2');
    assert.equal(toText(gradients.get(after)!), '0');
  });

  it('gives 0 for every input when the output is a constant expression', () => {
    const g = new GraphBuilder();
    const x = g.input('x');
    const out = deepTanh(g, 10_000, g.constant(0.5));
    const { gradients, limit } = symbolicDerivatives(g.build(out));
    assert.equal(toText(gradients.get(x)!), '0');
    assert.equal(limit, undefined);
  });
});
