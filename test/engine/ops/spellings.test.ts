/** The spellings in the op records: signatures parse, and the front ends' tables come from them. */
import assert from 'node:assert/strict';
import { OPS } from '../../../src/engine/ops';
import { parseSignature, signatures } from '../../../src/engine/spelling';
import { MATH_FUNCTIONS } from '../../../src/language/javascript/javascriptLibrary';
import { lookupFunction, SUPPORTED_FUNCTIONS } from '../../../src/language/math/functions';
import { PYTHON_BUILTINS, PYTHON_FUNCTIONS } from '../../../src/language/python/pythonLibrary';

describe('op spellings', () => {
  it('parses a signature as the library documents it', () => {
    assert.deepEqual(parseSignature('np.exp'), {
      name: 'np.exp',
      params: ['x'],
      required: 1,
      variadic: false,
      ignored: [],
    });
    assert.deepEqual(parseSignature('np.maximum(x1, x2)'), {
      name: 'np.maximum',
      params: ['x1', 'x2'],
      required: 2,
      variadic: false,
      ignored: [],
    });
    assert.deepEqual(parseSignature('F.leaky_relu(input, negative_slope?, *, inplace)'), {
      name: 'F.leaky_relu',
      params: ['input', 'negative_slope'],
      required: 1,
      variadic: false,
      ignored: ['inplace'],
    });
    assert.deepEqual(parseSignature('max(x, y, ...)'), {
      name: 'max',
      params: ['x'],
      required: 2,
      variadic: true,
      ignored: [],
    });
  });

  it('finds every signature of a spelling list, with its formula or convention', () => {
    const found = signatures([
      'math.atan2(y, x) np.arctan2(x1, x2)',
      { sig: 'math.log(x, base?)', convention: 'log-base' },
    ]);
    assert.deepEqual(
      found.map(({ name, params, convention }) => [name, params, convention]),
      [
        ['math.atan2', ['y', 'x'], undefined],
        ['np.arctan2', ['x1', 'x2'], undefined],
        ['math.log', ['x', 'base'], 'log-base'],
      ],
    );
  });

  it('gives every library function of the front ends from the records', () => {
    let python = 0;
    let javascript = 0;
    for (const spec of Object.values(OPS)) {
      python += signatures(spec.spellings?.python).length;
      javascript += signatures(spec.spellings?.javascript).length;
      for (const name of spec.spellings?.math?.split(' ') ?? []) {
        assert.equal(lookupFunction(name.replace(/\(\)$/, ''))?.op, spec.name, name);
      }
    }
    // np.positive is the one Python function that is no op.
    assert.equal(PYTHON_FUNCTIONS.size + PYTHON_BUILTINS.size, python + 1);
    assert.equal(MATH_FUNCTIONS.size, javascript);
    assert.equal(PYTHON_FUNCTIONS.get('numpy.exp')?.params.length, 1);
    assert.equal(PYTHON_BUILTINS.get('max')?.required, 2);
  });

  it("lists every op of math notation in the unknown function's message", () => {
    for (const spec of Object.values(OPS)) {
      const first = spec.spellings?.math?.split(' ')[0];
      if (first !== undefined) {
        assert.ok(SUPPORTED_FUNCTIONS.split(/[,;] /).includes(first), first);
      }
    }
  });
});
