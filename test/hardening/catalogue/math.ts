/** Plain math notation: hostile and unsupported input, and what the math front end must do. */
import { DEEP, MEGABYTE, entry, fill, nested, reads, refused, type BadInput } from './types';

const TOO_DEEP = /nested more than 500 levels deep/;
const UNEXPECTED = (codePoint: string) => new RegExp(`unexpected .*U\\+${codePoint}`);

export const MATH: readonly BadInput[] = [
  // Brackets.
  entry('an unclosed parenthesis', '(x + y', refused('syntax', /`\(` is never closed/, '(')),
  entry('a closing parenthesis without opener', 'x + y)', refused('syntax', /no opening/, ')')),
  entry('mismatched brackets', '(x + y]', refused('syntax', /does not match/, ']')),
  entry('an unclosed absolute value bar', '|x', refused('syntax', /never closed/, '|')),
  entry('empty parentheses', '()', refused('syntax', /empty/, '()')),
  entry(
    'an unclosed bracket far away',
    () => `(${fill('x+', 100_000)}x`,
    refused('syntax', /never closed/, '('),
  ),

  // Names, functions, strings, lists.
  entry(
    'an unknown function',
    'foo(x)',
    refused('unknown-function', /`foo` is not a supported function/, 'foo'),
  ),
  entry(
    'an unknown function beside known ones',
    'sin(x) + cot(x)',
    refused('unknown-function', /`cot`/, 'cot'),
  ),
  entry('a single-quoted string', "'abc' + x", refused('syntax', /unexpected character `'`/, "'")),
  entry('a double-quoted string', '"x" * 2', refused('syntax', /unexpected character `"`/, '"')),
  entry('a list', '[1, 2] + x', refused('syntax', /unexpected `,`/, ',')),
  entry('a comma outside a call', 'x, y', refused('syntax', /comma/, ',')),
  entry(
    'a call of a formula defined above',
    'f(x) = x^2\ny = f(3)',
    refused('unsupported', /calling/, 'f('),
  ),
  entry('a function name as a variable', 'sin = 3', refused('syntax', /function name/, 'sin')),
  entry('a parameter named twice', 'f(x, x) = x', refused('syntax', /twice/, 'x')),
  entry('too few arguments', 'atan2(x)', refused('syntax', /takes 2 arguments/, 'atan2(x)')),
  entry('no arguments to max', 'max()', refused('syntax', /takes at least 1 argument/, 'max()')),
  entry('an assignment to an expression', 'x + y = z', refused('syntax', /assigned/, '=')),
  entry('a factorial', 'x!', refused('syntax', UNEXPECTED('0021'), '!')),
  entry('a matrix product operator', 'x @ y', refused('syntax', UNEXPECTED('0040'), '@')),
  entry('a formula that ends early', 'x +', refused('syntax', /ends after `\+`/, '+')),
  entry('nothing but a comment', '# at: x=1\n', refused('syntax', /nothing to inspect/)),
  entry('an empty document', '', refused('syntax', /nothing to inspect/)),

  // Numbers.
  entry('a number of 10⁶ digits', () => '9'.repeat(1_000_000), reads(Infinity, {})),
  entry('10⁶ digits after the point', () => `x * 0.${'0'.repeat(999_990)}1`, reads(0, { x: 0 }), {
    x: 2,
  }),
  entry(
    'a number of 10⁶ digits in a longer line',
    () => `${'9'.repeat(1_000_000)} * x`,
    refused('too-large', /1000004 characters; at most 1000000/),
  ),
  entry('1e999 (beyond float64)', '1e999 * x', reads(Infinity, { x: Infinity }), { x: 2 }),
  entry('-1e999', '-1e999 + x', reads(-Infinity, { x: 1 }), { x: 2 }),
  entry('1e-999 (below float64)', '1e-999 * x', reads(0, { x: 0 }), { x: 2 }),
  entry('a division by zero', 'x / 0', reads(Infinity, { x: Infinity }), { x: 2 }),
  entry('zero over zero', '0 / 0 + x', reads(NaN, { x: 1 }), { x: 2 }),
  entry('log of a negative number', 'ln(-1) * x', reads(NaN, { x: NaN }), { x: 2 }),
  entry('an annotation value of 1e999', 'x^2 # at: x=1e999', reads(Infinity, { x: Infinity })),

  // Depth.
  entry(
    '10,000 nested parentheses',
    () => nested('(', 'x', ')', DEEP),
    refused('too-deep', TOO_DEEP, '('),
  ),
  entry('10,000 nested calls', () => nested('sin(', 'x', ')', DEEP), refused('too-deep', TOO_DEEP)),
  entry(
    '10,000 nested absolute value bars',
    () => nested('|', 'x', '|', DEEP),
    refused('too-deep', TOO_DEEP, '|'),
  ),
  entry(
    '10,000 nested negated parentheses',
    () => nested('-(', 'x', ')', DEEP),
    refused('too-deep', TOO_DEEP),
  ),
  entry('a chain of 10,000 unary minus signs', () => `${'-'.repeat(DEEP)}x`, reads(3, { x: 1 }), {
    x: 3,
  }),
  entry(
    'a chain of 9,999 Unicode minus signs',
    () => `${'\u2212'.repeat(DEEP - 1)}x`,
    reads(-3, { x: -1 }),
    { x: 3 },
  ),
  entry('10,000 opening parentheses only', () => '('.repeat(DEEP), refused('too-deep', TOO_DEEP)),
  entry(
    'a 1 MB line of opening parentheses',
    () => '('.repeat(999_999),
    refused('too-deep', TOO_DEEP),
  ),
  entry(
    'a 1 MB line of closing parentheses',
    () => ')'.repeat(999_999),
    refused('syntax', /no opening/, ')'),
  ),

  // Size.
  entry(
    'a 1 MB single line of arithmetic',
    () => fill('x + '),
    refused('too-large', /1048576 characters; at most 1000000/),
  ),
  entry(
    'a 1 MB single line of spaces',
    () => ' '.repeat(MEGABYTE) + 'x',
    refused('too-large', /at most 1000000/),
  ),
  entry(
    'a name of 10⁵ letters',
    () => `${'a'.repeat(100_000)} * 2`,
    reads(2, { ['a'.repeat(100_000)]: 2 }),
    { ['a'.repeat(100_000)]: 1 },
  ),
  entry(
    'an unknown function of 10⁵ letters',
    () => `${'a'.repeat(100_000)}(x)`,
    refused('unknown-function', /`a{39}…` is not a supported function/),
  ),

  // Characters.
  entry('a control character', 'x + \u0001 y', refused('syntax', UNEXPECTED('0001'), '\u0001')),
  entry('an ANSI escape sequence', 'x\u001b[31m', refused('syntax', UNEXPECTED('001B'), '\u001b')),
  entry('a NUL character', 'x\u0000y', refused('syntax', UNEXPECTED('0000'), '\u0000')),
  entry('a right-to-left override', 'x \u202e+ y', refused('syntax', UNEXPECTED('202E'), '\u202e')),
  entry('a left-to-right isolate', '\u2066x + y', refused('syntax', UNEXPECTED('2066'), '\u2066')),
  entry('a zero-width space', 'x\u200b + y', refused('syntax', UNEXPECTED('200B'), '\u200b')),
  entry('a lone high surrogate', 'x + \ud800', refused('syntax', UNEXPECTED('D800'), '\ud800')),
  entry('a lone low surrogate', '\udc00x', refused('syntax', UNEXPECTED('DC00'), '\udc00')),
  entry('an emoji', '😀 + x', refused('syntax', UNEXPECTED('1F600'), '😀')),
  entry(
    'an HTML script tag',
    '<script>alert(1)</script>',
    refused('syntax', /unexpected `<`/, '<'),
  ),
  entry(
    'a Markdown command link',
    '[x](command:workbench.action.quit)',
    refused('syntax', UNEXPECTED('003A'), ':'),
  ),
  entry(
    'lines ending in \\r\\n and \\r',
    'q = x + y\r\nr = q z\rf = r',
    reads(-12, { x: -4, y: -4, z: 3 }),
    { x: -2, y: 5, z: -4 },
  ),

  // Names that are also properties of every JavaScript object.
  entry(
    '__proto__ (underscores are not names)',
    '__proto__ * 2',
    refused('syntax', UNEXPECTED('005F'), '_'),
  ),
  entry('constructor as an input', 'constructor + 1', reads(3, { constructor: 1 }), {
    constructor: 2,
  }),
  entry(
    'toString and hasOwnProperty as inputs',
    'toString * hasOwnProperty',
    reads(6, { toString: 3, hasOwnProperty: 2 }),
    { toString: 2, hasOwnProperty: 3 },
  ),
  entry(
    'valueOf without a value',
    'valueOf * 2',
    refused('unbound', /no value for valueOf/, 'valueOf'),
  ),
  entry(
    'constructor as a parameter with an annotation',
    'f(constructor) = constructor^2\n# at: constructor=3',
    reads(9, { constructor: 6 }),
  ),
  entry('prototype assigned, then used', 'prototype = 3\nf = prototype * x', reads(6, { x: 3 }), {
    x: 2,
  }),
  entry(
    'toString called as a function',
    'toString(x)',
    refused('unknown-function', /`toString`/, 'toString'),
  ),
];
