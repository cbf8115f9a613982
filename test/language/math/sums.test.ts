/**
 * Sums, products, subscripted elements, norms and dot products in math notation: unrolled
 * into the graph with known bounds, one loop group with one iteration group per term. Values
 * and gradients worked out by hand.
 */
import assert from 'node:assert/strict';
import { inspectGraph } from '../../../src/engine/inspect';
import { parseValueList } from '../../../src/core/valueList';
import { lowerError, lowerOk, shapeOf } from './helpers';

function inspect(source: string, values: Record<string, number> = {}) {
  const program = lowerOk(source, { values });
  const given: Record<string, number> = {};
  for (const [name, binding] of Object.entries(program.bindings)) {
    given[name] = binding.value;
  }
  return { program, result: inspectGraph(program.graph, { ...given, ...values }) };
}

describe('math notation: sums, products and lists', () => {
  it('unrolls \\sum_{i=1}^{3} w_i x_i over the lists of an at: annotation', () => {
    const { program, result } = inspect('\\sum_{i=1}^{3} w_i x_i   % at: w=[1, 2, 3], x=[4, 5, 6]');
    // 1·4 + 2·5 + 3·6 = 32; ∂/∂w_i = x_i, ∂/∂x_i = w_i
    assert.equal(result.value, 32);
    assert.deepEqual(result.grads, { w_1: 4, x_1: 1, w_2: 5, x_2: 2, w_3: 6, x_3: 3 });
    assert.equal(program.bindings.w_2?.value, 2);
    assert.equal(program.bindings.w_2?.source, 'annotation');
    const groups = program.graph.groups ?? [];
    assert.deepEqual(
      groups.map((g) => [g.kind, g.label, g.parent]),
      [
        ['loop', '∑ i = 1…3', undefined],
        ['iteration', '∑ i = 1…3 · i = 1', 0],
        ['iteration', '∑ i = 1…3 · i = 2', 0],
        ['iteration', '∑ i = 1…3 · i = 3', 0],
      ],
    );
    // Each term's product sits in its iteration; the inputs in none.
    const muls = program.graph.nodes.filter((n) => n.kind === 'op' && n.op === 'mul');
    assert.deepEqual(
      muls.map((n) => n.group),
      [1, 2, 3],
    );
    assert.ok(
      program.graph.nodes.filter((n) => n.kind === 'input').every((n) => n.group === undefined),
    );
    assert.deepEqual(result.groups, program.graph.groups);
  });

  it('makes the index a constant of each term and accepts \\prod with a bound from the values', () => {
    assert.equal(shapeOf('\\sum_{k=1}^{3} k x'), '(add (add (mul 1 x) (mul 2 x)) (mul 3 x))');
    const { program, result } = inspect('\\prod_{k=1}^{n} (x + k)', { n: 3, x: 1 });
    // (x+1)(x+2)(x+3) at 1 = 24; derivative (x+2)(x+3) + (x+1)(x+3) + (x+1)(x+2) = 12 + 8 + 6
    assert.equal(result.value, 24);
    assert.deepEqual(result.grads, { x: 26 });
    assert.deepEqual(program.valuesRead, ['n']);
  });

  it('empty sums are 0 and empty products 1', () => {
    assert.equal(shapeOf('\\sum_{i=1}^{0} x_i + y'), '(add 0 y)');
    // The body runs to the next + or −: the whole x_i·y is the empty product's term.
    assert.equal(shapeOf('\\prod_{i=3}^{2} x_i \\cdot y + y'), '(add 1 y)');
  });

  it('reads nested sums with w_{ij}, offsets w_{i+1}, and the body up to the next + or -', () => {
    const { result } = inspect('\\sum_{i=1}^{2}\\sum_{j=1}^{2} w_{ij} x_j', {
      w_11: 1,
      w_12: 2,
      w_21: 3,
      w_22: 4,
      x_1: 5,
      x_2: 6,
    });
    // (1·5 + 2·6) + (3·5 + 4·6) = 17 + 39 = 56; ∂/∂x_1 = w_11 + w_21 = 4, ∂/∂x_2 = 6
    assert.equal(result.value, 56);
    assert.equal(result.grads.x_1, 4);
    assert.equal(result.grads.x_2, 6);
    assert.equal(result.grads.w_21, 5);
    assert.equal(shapeOf('\\sum_{i=1}^{2} x_{i+1} - x_1'), '(sub (add x_2 x_3) x_1)');
    assert.equal(
      shapeOf('2\\sum_{i=1}^{2} x_i y + z'),
      '(add (mul 2 (add (mul x_1 y) (mul x_2 y))) z)',
    );
  });

  it('keeps subscripted names as names: w_1, w_{12}', () => {
    assert.equal(shapeOf('w_1 x + w_{12}'), '(add (mul w_1 x) w_12)');
  });

  it('\\|w\\|^2 is the sum of squares, \\|w\\| its square root, x^\\top y the dot product', () => {
    const squared = inspect('\\|w\\|^2   % at: w=[1, 2, 3]').result;
    // 1 + 4 + 9 = 14; ∂/∂w_i = 2 w_i
    assert.equal(squared.value, 14);
    assert.deepEqual(squared.grads, { w_1: 2, w_2: 4, w_3: 6 });
    const norm = inspect('\\|w\\|   % at: w=[3, 4]').result;
    // √25 = 5; ∂/∂w_i = w_i / 5
    assert.equal(norm.value, 5);
    assert.ok(Math.abs((norm.grads.w_1 ?? NaN) - 0.6) < 1e-15);
    assert.ok(Math.abs((norm.grads.w_2 ?? NaN) - 0.8) < 1e-15);
    assert.equal(
      shapeOf('‖w‖', { values: { w_1: 1, w_2: 2 } }),
      '(sqrt (add (pow w_1 2) (pow w_2 2)))',
    );
    const dot = inspect('x^\\top y', { x_1: 1, x_2: 2, y_1: 3, y_2: -4 }).result;
    // 3 − 8 = −5; ∂/∂x_i = y_i, ∂/∂y_i = x_i
    assert.equal(dot.value, -5);
    assert.deepEqual(dot.grads, { x_1: 3, y_1: 1, x_2: -4, y_2: 2 });
    assert.equal(shapeOf('x^{\\top} y', { values: { x_1: 1, y_1: 2 } }), '(mul x_1 y_1)');
  });

  it('names what is missing: unknown bounds, unknown list lengths, too many terms', () => {
    const bound = lowerError('\\sum_{i=1}^{n} x_i');
    assert.equal(bound.kind, 'unknown-name');
    assert.deepEqual(bound.names, ['n']);
    assert.match(bound.message, /upper bound `n` of `\\sum_\{i=1\}\^\{n\}` is not known/);
    const length = lowerError('\\|w\\|^2');
    assert.match(length.message, /length of the list `w` is not known.*w=\[1, 2, 3\]/);
    const huge = lowerError('\\sum_{i=1}^{1000000} i x');
    assert.equal(huge.kind, 'too-large');
    assert.match(huge.message, /has 1,000,000 terms; at most 100,000 can be unrolled/);
    assert.match(lowerError('\\sum x_i').message, /needs its index and both bounds/);
    assert.match(
      lowerError('x^\\top y', { values: { x_1: 1, x_2: 1, y_1: 1 } }).message,
      /`x` has 2 elements, `y` 1/,
    );
    assert.match(lowerError('\\sum_{i=1}^{2}\\sum_{i=1}^{2} x_i').message, /already the index/);
  });

  it('--at and the input box read lists as the elements w_1 … w_n', () => {
    const values = (text: string): Record<string, number> | string => {
      const parsed = parseValueList(text);
      return parsed.ok ? { ...parsed.values } : parsed.message;
    };
    assert.deepEqual(values('w=[1, 2, 3], b=−1'), { w_1: 1, w_2: 2, w_3: 3, b: -1 });
    assert.deepEqual(values('x=[1;2]'), { x_1: 1, x_2: 2 });
    const bad = parseValueList('w=[1, a]');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.message, /"a" is not a number \(for w_2\)/);
  });
});
