import assert from 'node:assert/strict';
import type { FrontEndErrorKind } from '../../../src/language/frontEnd';
import { lowerError, lowerOk, python, rangeOf, textAt } from '../code/codeHelpers';

/** [source, kind, the text the error's range covers, a phrase of the message]. */
const ERRORS: [string, FrontEndErrorKind, string, RegExp][] = [
  ['f = (x + ', 'syntax', 'f = (x +', /syntax error/],
  ['f = x *\n', 'syntax', 'f = x *', /^syntax error: `f = x \*` is not valid Python$/],
  // Loops and branches are unrolled with the known values: a value they need is asked for.
  ['for i in range(3):\n    x += i', 'unknown-name', 'x', /^`x` is read before it is assigned/],
  [
    'if x > 0:\n    y = x',
    'unknown-name',
    'x > 0',
    /^`x > 0` decides which branch of the `if` runs, so x needs a value first/,
  ],
  ['while x < 3:\n    x = x * 2', 'unknown-name', 'x', /^`x` is read before it is assigned/],
  ['class A:\n    pass', 'unsupported', 'class A:\n    pass', /^a class is not supported/],
  [
    'f = [x * i for i in range(3)]',
    'unsupported',
    'f = [x * i for i in range(3)]',
    /^`f` is a list of 3 items, and the output must be one number/,
  ],
  ['f = x + [1, 2]', 'unsupported', '[1, 2]', /^`\[1, 2\]` is a list, used here as a number/],
  ["f = x * 'a'", 'unsupported', "'a'", /^a string is not supported/],
  ['f = w[0] * x', 'unsupported', 'w', /^`w` is used as a list, but it holds no list here/],
  [
    'f = model.weight * x',
    'unsupported',
    'model.weight',
    /attribute access \(`model.weight`\) is not supported/,
  ],
  ['f = x.exp()', 'unsupported', 'x.exp', /attribute access/],
  ['f = x @ w', 'unsupported', 'x @ w', /the operator `@` is not supported/],
  ['f = 2j * x', 'unsupported', '2j', /a complex number/],
  ['a, b = 1.0, 2.0, 3.0', 'unsupported', '1.0, 2.0, 3.0', /^2 names are unpacked from/],
  ['a = b = x', 'unsupported', 'a = b = x', /chained assignment/],
  ['w[0] = x', 'unsupported', 'w[0]', /assigning to an element/],
  ['def f(*args):\n    return 1', 'unsupported', '*args', /`\*args` and `\*\*kwargs`/],
  ['f = g(lambda t: t)', 'unsupported', 'lambda t: t', /^a lambda inside an expression/],
  ['f = g(x)', 'unknown-function', 'g', /`g` is not a function that can be differentiated here/],
  [
    'f = np.frobnicate(x)',
    'unknown-function',
    'np.frobnicate',
    /not a function that can be differentiated/,
  ],
  [
    'f = squash(x)',
    'unknown-function',
    'squash',
    /and the functions defined earlier in the code \(`def`, `lambda`\) are$/,
  ],
  ['f = round(x, 2)', 'unsupported', '2', /rounding to digits/],
  ['f = max(x)', 'unsupported', 'x', /`x` is used as a list, but it holds no list here/],
  ['f = math.exp(x, y)', 'unsupported', 'math.exp(x, y)', /takes at most 1 argument/],
  ['f = F.relu(x, slope=2)', 'unsupported', 'slope=2', /has no argument `slope`/],
  ['f = x if x is None else y', 'unsupported', 'x is None', /the comparison `is` is not supported/],
  ['f = math.tau2 * x', 'unknown-name', 'math.tau2', /not a constant that can be read/],
  [
    'y = x * 2\nx = 3',
    'unknown-name',
    'x',
    /`x` is read before it is assigned \(line 2\) and has no value/,
  ],
  ['x += 1', 'unknown-name', 'x', /`x` is read before it is assigned/],
  ['f = x if x > 0 else -x', 'unknown-name', 'x > 0', /so x needs a value first/],
  ['def f(x):\n    y = x * 2', 'no-output', 'def f(x):\n    y = x * 2', /`f` returns nothing/],
  ['def f(x):\n    return', 'no-output', 'return', /`return` without a value/],
  ['import math\npass', 'no-output', 'import math\npass', /nothing to inspect/],
  ['def f(x):\n    return x\n    y = 2', 'unsupported', 'y = 2', /code after `return` never runs/],
  [
    'def fact(n):\n    return n * fact(n - 1)\nf = fact(x)',
    'unsupported',
    'fact(n - 1)',
    /^`fact` calls itself \(fact → fact\): recursive functions are not followed \(in `fact`, called on line 3\)$/,
  ],
  [
    'def a(t):\n    return b(t)\ndef b(t):\n    return a(t)\nf = a(x)',
    'unsupported',
    'a(t)',
    /`a` calls itself \(a → b → a\)/,
  ],
  [
    'def g(a, b):\n    return a * b\nf = g(x, y, z)',
    'unsupported',
    'g(x, y, z)',
    /^`g` takes 2 arguments \(a, b\), but the call gives 3$/,
  ],
  [
    'def g(a, b):\n    return a * b\nf = g(x)',
    'unsupported',
    'g(x)',
    /^the call of `g` leaves out `b`, which has no default$/,
  ],
  ['g = lambda t: t\nf = g(x, u=2)', 'unsupported', 'u=2', /^`g` has no parameter `u`$/],
  ['g = lambda t: t\nf = g(x, t=2)', 'unsupported', 't=2', /^`g` is given `t` twice$/],
  [
    'def g(a, *, b=1):\n    return a * b\nf = g(x, 2)',
    'unsupported',
    'g(x, 2)',
    /`g` takes 1 argument \(a\), but the call gives 2/,
  ],
  [
    'def g(a, /):\n    return a\nf = g(a=x)',
    'unsupported',
    'a=x',
    /`g`'s `a` can only be given by position/,
  ],
  [
    'def g(t):\n    return t\nf = g(*xs)',
    'unsupported',
    '*xs',
    /^unpacking arguments \(`\*xs`\) in the call of `g` is not supported/,
  ],
  [
    'def g(*ts):\n    return 1\nf = g(x)',
    'unsupported',
    '*ts',
    /`\*args` and `\*\*kwargs`.*\(in `g`, called on line 3\)$/,
  ],
  ['def g(t):\n    return t\ng = 3\nf = g(x)', 'unknown-function', 'g', /`g` holds a number here/],
  [
    'f = g(x)\ndef g(t):\n    return t',
    'unknown-function',
    'g',
    /called before it is defined \(line 2\)/,
  ],
  ['def g(t):\n    return t\nf = g * 2', 'unsupported', 'g', /`g` is a function: .* call it/],
  ['def g(t):\n    u = t\nf = g(x)', 'unsupported', 'g(x)', /`g` \(line 1\) returns no value/],
  [
    'def g(t):\n    v = u * 2\n    u = t\n    return v\nf = g(x)',
    'unknown-name',
    'u',
    /^`u` is read before `g` assigns it \(line 3\) \(in `g`, called on line 5\)$/,
  ],
  ['@cache\ndef g(t):\n    return t\nf = g(x)', 'unsupported', '@cache', /decorated function `g`/],
  ['async def g(t):\n    return t\nf = g(x)', 'unsupported', 'g', /the async function `g`/],
  [
    'def g(t):\n    global k\n    k = t\n    return t\nf = g(x)',
    'unsupported',
    'global k',
    /`global` in a called function/,
  ],
  [
    'def g(t):\n    for i in range(n):\n        t = t * 2\n    return t\nf = g(x)',
    'unknown-name',
    'n',
    /^`n` decides how many times `for i in range\(n\)` runs.* \(in `g`, called on line 5\)$/,
  ],
];

describe('Python front end errors', () => {
  for (const [source, kind, covered, message] of ERRORS) {
    it(`${kind}: ${JSON.stringify(source)}`, async () => {
      const error = await lowerError(python, source);
      assert.equal(error.kind, kind, error.message);
      assert.match(error.message, message);
      assert.equal(textAt(source, error.range), covered);
    });
  }

  it('names a missing output', async () => {
    const source = 'q = x + y\nf = q * z';
    const error = await lowerError(python, source, { output: 'nope' });
    assert.equal(error.kind, 'no-output');
    assert.match(error.message, /there is no `nope`.*assigns q, f/);
    assert.equal(textAt(source, error.range), source);
  });

  it('reports a syntax error in the selection only', async () => {
    const source = 'f = x * y\nbroken = (\n';
    const error = await lowerError(python, source, { selection: rangeOf(source, 'broken = (') });
    assert.equal(error.kind, 'syntax');
    assert.equal(textAt(source, error.range), 'broken = (');
    const program = await lowerOk(python, source, { selection: rangeOf(source, 'f = x * y') });
    assert.equal(program.outputName, 'f');
  });
});
