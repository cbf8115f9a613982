import assert from 'node:assert/strict';
import { evaluateSym } from '../../../src/engine/symbolic/evaluate';
import { add, call, div, mul, num, pow, variable } from '../../../src/engine/sym';

describe('evaluateSym', () => {
  const x = variable('x');
  const y = variable('y');

  it('evaluates numbers, variables and nested ops with the catalogue', () => {
    assert.equal(evaluateSym(num(2.5), {}), 2.5);
    assert.equal(evaluateSym(x, { x: -4 }), -4);
    // (x + y)·z at the reference point.
    assert.equal(evaluateSym(mul(add(x, y), variable('z')), { x: -2, y: 5, z: -4 }), -12);
    assert.equal(evaluateSym(call('max', x, y, num(7)), { x: 1, y: 9 }), 9);
    assert.equal(evaluateSym(div(num(1), pow(x, num(2))), { x: 2 }), 0.25);
    assert.equal(evaluateSym(call('sigmoid', num(0)), {}), 0.5);
  });

  it('keeps NaN and infinities as values', () => {
    assert.ok(Number.isNaN(evaluateSym(call('log', x), { x: -1 })));
    assert.ok(Number.isNaN(evaluateSym(add(x, num(1)), { x: NaN })));
    assert.equal(evaluateSym(div(num(1), x), { x: 0 }), Infinity);
  });

  it('names a variable that has no value', () => {
    assert.throws(() => evaluateSym(add(x, y), { x: 1 }), /no value for variable 'y'/);
  });

  it('does not find values on the prototype of the environment', () => {
    assert.throws(() => evaluateSym(variable('constructor'), {}), /'constructor'/);
    assert.throws(() => evaluateSym(variable('toString'), { x: 1 }), /'toString'/);
  });
});
