import assert from 'node:assert/strict';
import type { FrontEndErrorKind } from '../../../src/language/frontEnd';
import { javascript, lowerError, textAt, typescript } from '../code/codeHelpers';

/** [source, kind, the text the error's range covers, a phrase of the message]. */
const ERRORS: [string, FrontEndErrorKind, string, RegExp][] = [
  [
    'const f = (x + ;',
    'syntax',
    '= (x +',
    /^syntax error: `= \(x \+` is not valid (Java|Type)Script$/,
  ],
  ['const f = Math.exp(x;', 'syntax', '', /syntax error: `\)` is missing here/],
  // Loops and branches are unrolled with the known values: a value they need is asked for.
  [
    'for (let i = 0; i < 3; i++) { x += i; }',
    'unknown-name',
    'x',
    /^`x` is read before it is assigned/,
  ],
  [
    'for (const v of xs) { s += v; }',
    'unsupported',
    'xs',
    /^`xs` is used as a list, but it holds no list here/,
  ],
  [
    'if (x > 0) { y = x; }',
    'unknown-name',
    'x > 0',
    /decides which branch of the `if` runs, so x needs a value first/,
  ],
  ['while (x < 3) x *= 2;', 'unknown-name', 'x', /^`x` is read before it is assigned/],
  ['class A {}', 'unsupported', 'class A {}', /^a class is not supported/],
  ['const f = [x, y];', 'unsupported', 'const f = [x, y];', /^`f` is a list of 2 items/],
  ['const f = "a" + x;', 'unsupported', '"a"', /^a string is not supported/],
  ['const f = w[0] * x;', 'unsupported', 'w', /^`w` is used as a list, but it holds no list/],
  [
    'const f = model.weight * x;',
    'unsupported',
    'model.weight',
    /property access \(`model.weight`\) is not supported/,
  ],
  ['const f = x.exp();', 'unsupported', 'x.exp', /property access/],
  ['const f = x & 1;', 'unsupported', 'x & 1', /the operator `&` is not supported/],
  ['const f = x ?? 1;', 'unsupported', 'x ?? 1', /the operator `\?\?` is not supported/],
  ['const f = 10n * x;', 'unsupported', '10n', /a BigInt/],
  ['const f = 017 * x;', 'unsupported', '017', /a legacy octal literal/],
  ['const { a } = x;', 'unsupported', '{ a }', /destructuring/],
  ['a = b = x;', 'unsupported', 'a = b = x', /chained assignment/],
  ['o.p = x;', 'unsupported', 'o.p', /assigning to a property/],
  ['function f(...xs) { return 1; }', 'unsupported', '...xs', /a rest parameter/],
  [
    'const f = sigmoid(x);',
    'unknown-function',
    'sigmoid',
    /`sigmoid` is not a function that can be differentiated here: the Math functions and the functions defined in the code/,
  ],
  [
    'function fact(n) {\n  return n * fact(n - 1);\n}\nconst f = fact(x);',
    'unsupported',
    'fact(n - 1)',
    /^`fact` calls itself \(fact → fact\): recursive functions are not followed \(in `fact`, called on line 4\)$/,
  ],
  [
    'const f = a(x);\nfunction a(t) { return b(t); }\nfunction b(t) { return a(t); }',
    'unsupported',
    'a(t)',
    /`a` calls itself \(a → b → a\)/,
  ],
  [
    'const g = (a, b) => a * b;\nconst f = g(x);',
    'unsupported',
    'g(x)',
    /^the call of `g` leaves out `b`, which has no default$/,
  ],
  [
    'const g = (a) => a;\nconst f = g(x, y);',
    'unsupported',
    'g(x, y)',
    /^`g` takes 1 argument \(a\), but the call gives 2$/,
  ],
  [
    'const f = g(...xs);',
    'unsupported',
    '...xs',
    /^spreading arguments \(`...xs`\) in the call of `g` is not supported/,
  ],
  [
    'function g(t) {\n  total = t;\n  return t;\n}\nconst f = g(x);',
    'unsupported',
    'total',
    /`g` assigns `total`, which it does not declare/,
  ],
  ['const g = 3;\nconst f = g(x);', 'unknown-function', 'g', /`g` holds a number here/],
  ['const g = (t) => t;\nconst f = g * 2;', 'unsupported', 'g', /`g` is a function/],
  [
    'function g(t) {\n  const u = t;\n}\nconst f = g(x);',
    'unsupported',
    'g(x)',
    /`g` \(line 1\) returns no value/,
  ],
  ['async function g(t) { return t; }\nconst f = g(x);', 'unsupported', 'g', /async function `g`/],
  [
    'const f = Math.frobnicate(x);',
    'unknown-function',
    'Math.frobnicate',
    /not a function that can be differentiated/,
  ],
  ['const f = Math.exp();', 'unsupported', 'Math.exp()', /needs its argument `x`/],
  ['const f = Math.TAU * x;', 'unknown-name', 'Math.TAU', /not a Math constant/],
  [
    'const y = x * 2;\nx = 3;',
    'unknown-name',
    'x',
    /`x` is read before it is assigned \(line 2\) and has no value/,
  ],
  ['const f = x > 0 ? x : -x;', 'unknown-name', 'x > 0', /so x needs a value first/],
  [
    'function f(x) { const y = x * 2; }',
    'no-output',
    'function f(x) { const y = x * 2; }',
    /`f` returns nothing/,
  ],
  ['function f(x) { return; }', 'no-output', 'return;', /`return` without a value/],
  ["import { a } from 'b';", 'no-output', "import { a } from 'b';", /nothing to inspect/],
];

for (const [dialect, frontEnd] of [
  ['JavaScript', javascript],
  ['TypeScript', typescript],
] as const) {
  describe(`${dialect} front end errors`, () => {
    for (const [source, kind, covered, message] of ERRORS) {
      it(`${kind}: ${JSON.stringify(source)}`, async () => {
        const error = await lowerError(frontEnd, source);
        assert.equal(error.kind, kind, error.message);
        assert.match(error.message, message);
        assert.equal(textAt(source, error.range), covered);
      });
    }
  });
}
