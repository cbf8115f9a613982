import assert from 'node:assert/strict';
import { formatNumber } from '../../src/engine/format';

describe('number formatting', () => {
  const cases: [number, string][] = [
    [-4, '−4'],
    [3, '3'],
    [0, '0'],
    [-0, '0'],
    [0.1 + 0.2, '0.3'],
    [-0.19661193324148185, '−0.196612'],
    [123456, '123456'],
    [1234567, '1.23457e6'],
    [1e-7, '1e-7'],
    [0.00012345678, '0.000123457'],
    [NaN, 'NaN'],
    [Infinity, '∞'],
    [-Infinity, '−∞'],
  ];
  for (const [value, text] of cases) {
    it(`writes ${value} as ${text}`, () => {
      assert.equal(formatNumber(value), text);
    });
  }

  it('honours precision and the ASCII minus option', () => {
    assert.equal(formatNumber(Math.PI, { precision: 3 }), '3.14');
    assert.equal(formatNumber(-2.5, { unicodeMinus: false }), '-2.5');
    assert.equal(formatNumber(Math.PI, { precision: 17 }), '3.1415926535897931');
  });
});
