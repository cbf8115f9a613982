import assert from 'node:assert/strict';
import {
  add,
  call,
  div,
  mul,
  neg,
  num,
  pow,
  sub,
  variable,
  type Sym,
} from '../../../src/engine/sym';
import { toText } from '../../../src/engine/symbolic/print';
import { measure, simplify } from '../../../src/engine/symbolic/simplify';

const [x, y, z] = ['x', 'y', 'z'].map(variable) as [Sym, Sym, Sym];

/** Simplified, printed: the readable form is what users see. */
const s = (expr: Sym): string => toText(simplify(expr));

/** A structurally equal copy, so a second simplify cannot reuse the first one's work. */
const copy = (expr: Sym): Sym => JSON.parse(JSON.stringify(expr)) as Sym;

describe('symbolic simplification', () => {
  it('folds numbers only when the result prints exactly', () => {
    assert.equal(s(mul(num(2), num(3))), '6');
    assert.equal(s(add(num(0.5), num(0.25))), '0.75');
    assert.equal(s(div(num(1), num(2))), '1/2');
    assert.equal(s(div(num(1), num(3))), '1/3');
    assert.equal(s(div(num(6), num(4))), '3/2');
    assert.equal(s(add(div(num(1), num(3)), div(num(2), num(3)))), '1');
    assert.equal(s(call('log', num(2))), 'log(2)');
    assert.equal(s(call('exp', num(0))), '1');
    assert.equal(s(pow(num(2), num(10))), '1024');
    assert.equal(s(pow(num(2), num(-1))), '1/2');
    assert.equal(s(pow(num(2), num(0.5))), '2^0.5');
    assert.equal(s(add(mul(num(0.1), x), mul(num(0.2), x))), '0.3·x');
    assert.equal(s(mul(num(0.5), x)), '0.5·x');
    assert.equal(s(div(mul(num(0.5), x), num(3))), 'x/6');
    assert.equal(s(div(div(call('sin', x), x), num(1.5))), '2·sin(x)/(3·x)');
    assert.equal(s(mul(num(1 / 3), x)), '0.333333333333·x');
  });

  it('removes neutral and absorbing elements', () => {
    assert.equal(s(mul(x, num(1))), 'x');
    assert.equal(s(mul(num(1), x)), 'x');
    assert.equal(s(add(x, num(0))), 'x');
    assert.equal(s(add(num(0), x)), 'x');
    assert.equal(s(mul(x, num(0))), '0');
    assert.equal(s(mul(num(0), call('exp', x))), '0');
    assert.equal(s(sub(x, num(0))), 'x');
    assert.equal(s(sub(num(0), x)), '−x');
    assert.equal(s(div(x, num(1))), 'x');
    assert.equal(s(div(num(0), x)), '0');
    assert.equal(s(pow(x, num(1))), 'x');
    assert.equal(s(pow(x, num(0))), '1');
  });

  it('normalises signs', () => {
    assert.equal(s(neg(neg(x))), 'x');
    assert.equal(s(neg(num(0))), '0');
    assert.equal(s(num(-0)), '0');
    assert.equal(s(mul(num(-1), x)), '−x');
    assert.equal(s(mul(x, neg(y))), '−x·y');
    assert.equal(s(mul(neg(x), neg(y))), 'x·y');
    assert.equal(s(neg(mul(x, y))), '−x·y');
    assert.equal(s(sub(x, neg(y))), 'x + y');
    assert.equal(s(add(x, neg(y))), 'x − y');
    assert.equal(s(neg(add(x, y))), '−x − y');
    assert.equal(s(mul(neg(add(x, y)), z)), '−(x + y)·z');
    assert.equal(s(mul(sub(neg(x), y), z)), '−(x + y)·z');
    assert.equal(s(div(x, sub(neg(y), z))), '−x/(y + z)');
    assert.equal(s(neg(div(num(1), pow(x, num(2))))), '−1/x^2');
    assert.equal(s(mul(num(-2), x)), '−2·x');
    assert.equal(s(pow(neg(x), num(2))), 'x^2');
    assert.equal(s(pow(neg(x), num(3))), '−x^3');
  });

  it('collects like terms in sums', () => {
    assert.equal(s(add(x, x)), '2·x');
    assert.equal(s(add(mul(num(2), x), mul(num(3), x))), '5·x');
    assert.equal(s(sub(x, x)), '0');
    assert.equal(s(add(add(x, y), sub(z, x))), 'y + z');
    assert.equal(s(add(mul(x, y), mul(y, x))), '2·x·y');
    assert.equal(s(add(add(num(1), x), num(2))), '3 + x');
    assert.equal(s(sub(add(x, num(1)), num(1))), 'x');
    assert.equal(s(add(div(x, num(2)), div(x, num(2)))), 'x');
    assert.equal(s(sub(mul(num(3), add(x, y)), mul(num(2), add(x, y)))), 'x + y');
  });

  it('collects like factors in products', () => {
    assert.equal(s(mul(x, x)), 'x^2');
    assert.equal(s(mul(mul(x, y), x)), 'x^2·y');
    assert.equal(s(mul(pow(x, num(2)), x)), 'x^3');
    assert.equal(s(div(x, x)), '1');
    assert.equal(s(div(mul(x, y), x)), 'y');
    assert.equal(s(div(x, pow(x, num(3)))), '1/x^2');
    assert.equal(s(mul(pow(x, y), pow(x, z))), 'x^(y + z)');
    assert.equal(s(pow(pow(x, num(2)), num(3))), 'x^6');
    assert.equal(s(pow(mul(num(2), x), num(2))), '4·x^2');
    assert.equal(s(mul(add(x, y), add(x, y))), '(x + y)^2');
    assert.equal(s(mul(mul(num(2), x), mul(num(3), y))), '6·x·y');
    assert.equal(s(div(num(1), mul(num(2), call('sqrt', x)))), '1/(2·sqrt(x))');
  });

  it('keeps the order in which terms and factors first appear', () => {
    const sig = call('sigmoid', x);
    assert.equal(s(mul(mul(y, sig), sub(num(1), sig))), 'y·σ(x)·(1 − σ(x))');
    assert.equal(s(add(add(z, y), x)), 'z + y + x');
    assert.equal(s(mul(mul(z, y), x)), 'z·y·x');
  });

  it('flattens nested sums and products', () => {
    assert.equal(s(add(x, add(y, add(z, x)))), '2·x + y + z');
    assert.equal(s(mul(x, mul(y, mul(z, num(2))))), '2·x·y·z');
    assert.equal(s(sub(x, sub(y, z))), 'x − y + z');
  });

  it('is idempotent, also on structurally equal copies', () => {
    const cases = [
      mul(neg(add(x, y)), z),
      div(neg(x), pow(y, num(2))),
      add(mul(num(2), add(x, y)), neg(mul(num(2), add(x, y)))),
      pow(mul(x, y), num(0.5)),
      div(pow(x, num(0.5)), x),
      mul(div(num(1), num(3)), div(x, num(0.3))),
      sub(num(1), pow(call('tanh', x), num(2))),
    ];
    for (const expr of cases) {
      const once = simplify(expr);
      assert.deepEqual(simplify(once), once);
      assert.deepEqual(simplify(copy(once)), once, toText(once));
    }
  });

  it('leaves expressions too deep to simplify safely unchanged', () => {
    let deep: Sym = x;
    for (let i = 0; i < 5000; i += 1) {
      deep = add(deep, num(1));
    }
    assert.ok(measure(deep).depth > 500);
    assert.equal(simplify(deep), deep);
  });

  it('handles heavily shared subexpressions in linear time', () => {
    // Written out as a tree this has 2^40 nodes; as a DAG, 41.
    let shared: Sym = x;
    for (let i = 0; i < 40; i += 1) {
      shared = mul(shared, shared);
    }
    assert.equal(measure(shared).size, 2 ** 41 - 1);
    assert.equal(simplify(shared), shared);
    let small: Sym = x;
    for (let i = 0; i < 12; i += 1) {
      small = mul(small, small);
    }
    assert.equal(s(small), 'x^4096');
  });
});
