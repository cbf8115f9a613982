import assert from 'node:assert/strict';
import { formatValueList, parseValueList } from '../../src/core/valueList';

describe('value lists', () => {
  it('reads name=value pairs with commas or semicolons, U+2212 minus, inf and nan', () => {
    const parsed = parseValueList(' x=-2, y = 5; z=\u22124 ,w=1e-3, a=inf, b=NaN,');
    assert.ok(parsed.ok);
    assert.deepEqual({ ...parsed.values }, { x: -2, y: 5, z: -4, w: 1e-3, a: Infinity, b: NaN });
  });

  it('names the part it cannot read', () => {
    assert.deepEqual(parseValueList('x=-2, y'), {
      ok: false,
      message: 'expected name=value pairs such as x=-2, y=5; got "y"',
    });
    assert.deepEqual(parseValueList('x=two'), {
      ok: false,
      message: '"two" is not a number (for x)',
    });
  });

  it('keeps names such as __proto__ as plain keys', () => {
    const parsed = parseValueList('__proto__=1, constructor=2');
    assert.ok(parsed.ok);
    assert.equal(Object.keys(parsed.values).length, 2);
    assert.equal(parsed.values['__proto__'], 1);
  });

  it('reads no value from a word that only an object has, such as constructor', () => {
    for (const word of ['constructor', '__proto__', 'CONSTRUCTOR']) {
      assert.deepEqual(parseValueList(`x=${word}`), {
        ok: false,
        message: `"${word}" is not a number (for x)`,
      });
    }
  });

  it('writes values back as they are read', () => {
    const values = { x: -2, y: 0.5 };
    assert.equal(formatValueList(values), 'x=-2, y=0.5');
    const again = parseValueList(formatValueList(values));
    assert.ok(again.ok);
    assert.deepEqual({ ...again.values }, values);
  });
});
