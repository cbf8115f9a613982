/**
 * JavaScript: hostile and unsupported input, and what the JavaScript front end must do.
 * `codeEntries` writes the entries both JavaScript and TypeScript share.
 */
import {
  DEEP,
  MEGABYTE,
  entry,
  fill,
  iterate,
  nested,
  reads,
  refused,
  type BadInput,
} from './types';

const IN_EXPRESSION = (what: string) => new RegExp(`^${what} is not supported in an expression`);
const NO_LIST = (name: string) =>
  new RegExp(`^\`${name}\` is used as a list, but it holds no list`);
const STATEMENT = (what: string) =>
  new RegExp(`^${what} is not supported: select straight-line code`);
const UNKNOWN = (name: string) =>
  new RegExp(`^\`${name}\` is not a function that can be differentiated here`);
const STRING = IN_EXPRESSION('a string');
const OPERATOR = (operator: string) => new RegExp(`^the operator \`${operator}\` is not supported`);
const SIN = iterate(Math.sin, Math.cos, 0.5, DEEP);
/** Just under the 1,000,000 characters a selection may hold. */
const LONG = 999_000;

/** What JavaScript and TypeScript share; `language` is the name in syntax error messages. */
export function codeEntries(language: 'JavaScript' | 'TypeScript'): BadInput[] {
  const invalid = new RegExp(`is not valid ${language}`);
  const badName = new RegExp(`is not a valid ${language} name`);
  return [
    // Brackets and syntax.
    entry('an unclosed parenthesis', 'const f = (x + y', refused('syntax', invalid)),
    entry('a closing parenthesis without opener', 'const f = x + y);', refused('syntax', invalid)),
    entry('an expression that ends early', 'const f = x +;', refused('syntax', invalid)),
    entry(
      'a Markdown command link as code',
      'const f = [x](command:workbench.action.quit);',
      refused('syntax', invalid, 'command:'),
    ),
    entry(
      'a Markdown command link in a comment',
      'const f = x * 2; // [x](command:workbench.action.quit)',
      reads(6, { x: 2 }),
      { x: 3 },
    ),
    entry(
      '-x ** 2 (JavaScript refuses it)',
      'const f = -x ** 2;',
      refused('syntax', /a unary operator before `\*\*` needs parentheses/, '-x ** 2'),
    ),

    // Functions, strings, collections, members.
    entry(
      'an unknown function',
      'const f = foo(x);',
      refused('unknown-function', UNKNOWN('foo'), 'foo'),
    ),
    entry(
      'Math.random',
      'const f = Math.random() * x;',
      refused('unknown-function', UNKNOWN('Math.random'), 'Math.random'),
    ),
    entry(
      'Math by computed member',
      "const f = Math['exp'](x);",
      refused('unknown-function', UNKNOWN("Math\\['exp'\\]")),
    ),
    entry('eval of a string', "const f = eval('x');", refused('unsupported', STRING, "'x'")),
    entry(
      'new Function',
      "const f = new Function('x', 'return x')(x);",
      refused('unknown-function', /^`new Function\('x', 'return x'\)` is not a function/),
    ),
    entry(
      'Function called',
      "const f = Function('return process')();",
      refused('unknown-function', /^`Function\('return process'\)`/),
    ),
    entry(
      'the constructor of a constructor',
      "const f = constructor.constructor('return process')();",
      refused('unknown-function', /^`constructor.constructor\(/),
    ),
    entry(
      'require',
      "const f = require('child_process');",
      refused('unsupported', STRING, "'child_process'"),
    ),
    entry(
      'a dynamic import',
      "const f = import('node:fs');",
      refused('unknown-function', UNKNOWN('import'), 'import'),
    ),
    entry('fetch', "const f = fetch('https://example.com');", refused('unsupported', STRING)),
    entry('a string', "const f = x * 'a';", refused('unsupported', STRING, "'a'")),
    entry('a template string', 'const f = `${x}`;', refused('unsupported', STRING, '`${x}`')),
    entry(
      'a tagged template',
      'const f = tag`x`;',
      refused('unsupported', /a string fragment is not supported/),
    ),
    entry(
      'a regular expression',
      'const f = /x+/g;',
      refused('unsupported', IN_EXPRESSION('a regular expression'), '/x+/g'),
    ),
    entry(
      'an array as the output',
      'const f = [1, 2];',
      refused('unsupported', /^`f` is a list of 2 items/),
    ),
    entry(
      'an object',
      'const f = { a: x };',
      refused('unsupported', IN_EXPRESSION('an object'), '{ a: x }'),
    ),
    entry('indexing a number', 'const f = x[0];', refused('unsupported', NO_LIST('x'), 'x')),
    entry(
      'property access',
      'const f = o.x;',
      refused('unsupported', /property access \(`o.x`\)/, 'o.x'),
    ),
    entry(
      'x.__proto__',
      'const f = x.__proto__;',
      refused('unsupported', /property access \(`x.__proto__`\)/),
    ),
    entry(
      'optional chaining',
      'const f = o?.x;',
      refused('unsupported', /property access \(`o\?.x`\)/, 'o?.x'),
    ),
    entry('an optional call', 'const f = x?.();', refused('unknown-function', UNKNOWN('x'))),
    entry('this', 'const f = this.x;', refused('unsupported', /property access \(`this.x`\)/)),
    entry(
      'import.meta',
      'const f = import.meta.url;',
      refused('unsupported', /property access \(`import.meta.url`\)/),
    ),
    entry(
      'new',
      'const f = new Foo(x);',
      refused('unsupported', IN_EXPRESSION('`new`'), 'new Foo(x)'),
    ),
    entry('null', 'const f = null;', refused('unsupported', IN_EXPRESSION('`null`'), 'null')),
    entry(
      'undefined',
      'const f = undefined * x;',
      refused('unsupported', IN_EXPRESSION('`undefined`'), 'undefined'),
    ),
    entry(
      'a BigInt',
      'const f = 10n * x;',
      refused('unsupported', IN_EXPRESSION('a BigInt'), '10n'),
    ),
    entry(
      'a legacy octal literal',
      'const f = 017 * x;',
      refused('unsupported', /legacy octal/, '017'),
    ),

    // Operators.
    entry('delete', 'delete o.x;', refused('unsupported', OPERATOR('delete'))),
    entry('typeof', 'const f = typeof x;', refused('unsupported', OPERATOR('typeof'), 'typeof x')),
    entry('void', 'const f = void x;', refused('unsupported', OPERATOR('void'), 'void x')),
    entry('in', 'const f = x in o;', refused('unsupported', OPERATOR('in'), 'x in o')),
    entry(
      'instanceof',
      'const f = x instanceof Foo;',
      refused('unsupported', OPERATOR('instanceof')),
    ),
    entry(
      'nullish coalescing',
      'const f = x ?? y;',
      refused('unsupported', OPERATOR('\\?\\?'), 'x ?? y'),
    ),
    entry('a bitwise and', 'const f = x & y;', refused('unsupported', OPERATOR('&'), 'x & y')),
    entry('a shift', 'const f = x << 1;', refused('unsupported', OPERATOR('<<'), 'x << 1')),
    entry('a bitwise not', 'const f = ~x;', refused('unsupported', OPERATOR('~'), '~x')),
    entry(
      'the comma operator',
      'const f = (x, y);',
      refused('unsupported', IN_EXPRESSION('the comma operator')),
    ),
    entry(
      'an increment inside an expression',
      'const f = x++;',
      refused('unsupported', /an increment/, 'x++'),
    ),
    entry(
      'an assignment inside an expression',
      'const f = (x += 2);',
      refused('unsupported', /an assignment inside an expression/, 'x += 2'),
    ),
    entry(
      'a logical assignment',
      'let f = x;\nf ??= 2;',
      refused('unsupported', /the assignment operator `\?\?=`/, 'f ??= 2'),
    ),
    entry('a chained assignment', 'x = y = 2;', refused('unsupported', /chained assignment/)),
    entry(
      'an assignment to a property',
      'o.x = 2;',
      refused('unsupported', /assigning to a property/, 'o.x'),
    ),

    // Every unsupported statement.
    // Loops and branches run with the known values: what they need is asked for, by name.
    entry(
      'a for loop reading a name with no value',
      'for (let i = 0; i < 3; i++) { x += i; }',
      refused('unknown-name', /^`x` is read before it is assigned/),
    ),
    entry(
      'a for…of loop over an unknown list',
      'for (const a of xs) { f = a; }',
      refused('unsupported', /^`xs` is used as a list, but it holds no list here/),
    ),
    entry(
      'a for…in loop',
      'for (const k in o) {}',
      refused('unsupported', /^a `for…in` loop is not supported/),
    ),
    entry(
      'a for await loop',
      'for await (const a of xs) {}',
      refused('unsupported', /^a `for await` loop is not supported/),
    ),
    entry(
      'a while loop reading a name with no value',
      'while (x) { x--; }',
      refused('unknown-name', /^`x` is read before it is assigned/),
    ),
    entry(
      'a do…while loop reading a name with no value',
      'do { x++; } while (x < 3);',
      refused('unknown-name', /^`x` is read before it is assigned/),
    ),
    entry(
      'an if statement on a name with no value',
      'if (x > 0) { y = x; }',
      refused('unknown-name', /decides which branch of the `if` runs/),
    ),
    entry(
      'a switch on a name with no value',
      'switch (x) { case 1: f = x; }',
      refused('unknown-name', /decides which case of the `switch` runs/),
    ),
    entry(
      'for (;;) without an exit',
      'let x = 1;\nfor (;;) { x = x + 1; }',
      refused('too-large', /never ends/),
    ),
    entry(
      'a loop the values never end',
      'let x = 1;\nwhile (x > 0) { }',
      refused('too-large', /still running after 100000 iterations/),
    ),
    entry(
      'a labeled break',
      'let x = 1;\nouter: for (;;) { break outer; }',
      refused('unsupported', /labeled/),
    ),
    entry('a class', 'class A {}', refused('unsupported', STATEMENT('a class'))),
    entry(
      'a class expression',
      'const f = class {};',
      refused('unsupported', IN_EXPRESSION('a class')),
    ),
    entry(
      'a try statement',
      'try { f = x; } catch (e) {}',
      refused('unsupported', STATEMENT('a try statement')),
    ),
    entry(
      'a labeled statement',
      'label: f = x;',
      refused('unsupported', STATEMENT('a labeled statement')),
    ),
    entry('throw', 'throw x;', refused('unsupported', STATEMENT('a throw statement'))),
    entry('debugger', 'debugger;', refused('unsupported', STATEMENT('a debugger statement'))),
    entry('a block', '{ const f = x; }', refused('unbound', /no value for x/)),
    entry(
      'await',
      'async function f(x) { return await g(x); }',
      refused('unsupported', IN_EXPRESSION('`await`'), 'await g(x)'),
    ),
    entry(
      'a generator function',
      'function* g(x) { yield x; }',
      refused('unsupported', STATEMENT('a generator function')),
    ),
    entry(
      'yield',
      'const f = yield x;',
      refused('unsupported', IN_EXPRESSION('a yield expression')),
    ),
    entry(
      'spread in a call',
      'const f = g(...xs);',
      refused('unsupported', /spreading arguments \(`...xs`\)/, '...xs'),
    ),
    entry(
      'spread in Math.max of a name that holds no list',
      'const f = Math.max(...xs);',
      refused('unsupported', NO_LIST('xs'), 'xs'),
    ),
    entry(
      'array destructuring of a name that holds no list',
      'const [a, b] = xs;',
      refused('unsupported', NO_LIST('xs'), 'xs'),
    ),
    entry(
      'object destructuring',
      'const { a } = o;',
      refused('unsupported', /destructuring/, '{ a }'),
    ),
    entry(
      'a rest parameter',
      'function f(...xs) { return 1; }',
      refused('unsupported', /a rest parameter/, '...xs'),
    ),
    entry(
      'an immediately invoked function',
      'const f = ((a) => a * 2)(x);',
      refused('unknown-function', /^`\(\(a\) => a \* 2\)`/),
    ),

    // Numbers.
    entry(
      'a number of 999,990 digits',
      () => `const f = ${'9'.repeat(999_980)} * x;`,
      reads(Infinity, { x: Infinity }),
      { x: 2 },
    ),
    entry(
      'a hex number of 999,980 digits',
      () => `const f = 0x${'f'.repeat(999_980)} * x;`,
      reads(Infinity, { x: Infinity }),
      { x: 2 },
    ),
    entry('1e999', 'const f = 1e999 * x;', reads(Infinity, { x: Infinity }), { x: 2 }),
    entry('-1e999', 'const f = -1e999 + x;', reads(-Infinity, { x: 1 }), { x: 2 }),
    entry('a division by zero', 'const f = x / 0;', reads(Infinity, { x: Infinity }), { x: 2 }),
    entry(
      'the square root of a negative number',
      'const f = Math.sqrt(-x);',
      reads(NaN, { x: NaN }),
      { x: 2 },
    ),
    entry('NaN and Infinity as names', 'const f = NaN * x + Infinity;', reads(NaN, { x: NaN }), {
      x: 2,
    }),

    // Depth: read without recursion, however deep.
    entry(
      '10,000 nested parentheses',
      () => `const f = ${nested('(', 'x', ')', DEEP)} * 2;`,
      reads(6, { x: 2 }),
      { x: 3 },
    ),
    entry(
      'a chain of 10,000 unary minus signs',
      () => `const f = ${'- '.repeat(DEEP)}x;`,
      reads(3, { x: 1 }),
      { x: 3 },
    ),
    entry(
      '10,000 nested Math.sin calls',
      () => `const f = ${nested('Math.sin(', 'x', ')', DEEP)};`,
      reads(SIN.value, { x: SIN.grad }),
      { x: 0.5 },
    ),
    entry(
      '10,000 nested arrays',
      () => `const f = ${nested('[', 'x', ']', DEEP)};`,
      refused('too-deep', /lists nested more than 100 levels deep/),
    ),
    entry(
      '10,000 nested arrow functions',
      () => `const f = ${'() => '.repeat(DEEP)}x;`,
      refused('unsupported', /a function inside an expression/),
    ),
    entry(
      '10,000 nested blocks',
      () => `${'{'.repeat(DEEP)}const f = x;${'}'.repeat(DEEP)}`,
      refused('too-deep', /nested more than 100 deep/),
    ),

    // A megabyte on one line is more than a selection may hold; just under it, cheap tokens.
    entry(
      'a 1 MB single line of arithmetic',
      () => `const f = ${fill('x + ')}x;`,
      refused('too-large', /at most 1000000 can be inspected/),
    ),
    entry(
      'a 1 MB single line of opening parentheses',
      () => `const f = ${'('.repeat(MEGABYTE)}`,
      refused('too-large', /at most 1000000/),
    ),
    entry(
      'a 999,000-character comment',
      () => `const f = x * 2; // ${fill('comment ', LONG)}`,
      reads(6, { x: 2 }),
      { x: 3 },
    ),
    entry(
      'a 999,000-character name',
      () => `const f = ${'a'.repeat(LONG)} * 2;`,
      reads(6, { ['a'.repeat(LONG)]: 2 }),
      { ['a'.repeat(LONG)]: 3 },
    ),
    entry(
      'a 999,000-character Math member',
      () => `const f = Math.${'a'.repeat(LONG)};`,
      refused('unknown-name', /^`Math.a{34}…` is not a Math constant/),
    ),
    entry(
      'a 999,000-character string',
      () => `const f = '${'a'.repeat(LONG)}';`,
      refused('unsupported', STRING),
    ),
    entry(
      '100,000 opening parentheses',
      () => `const f = ${'('.repeat(100_000)}`,
      refused('syntax', invalid),
    ),

    // Characters.
    entry(
      'a control character',
      'const f = x + \u0001 y;',
      refused('syntax', /`U\+0001` is not valid/, '\u0001'),
    ),
    entry('a NUL character', 'const f = x + \u0000;', refused('syntax', /U\+0000/)),
    entry(
      'a right-to-left override in a name',
      'const f = x\u202e + y;',
      refused(
        'syntax',
        /`xU\+202E` is not a valid .* name: the invisible character U\+202E/,
        'x\u202e',
      ),
    ),
    entry(
      'a right-to-left override in a comment',
      'const f = x * 2; // \u202e } ;esle',
      reads(6, { x: 2 }),
      { x: 3 },
    ),
    entry('a lone surrogate', 'const f = x \ud800;', refused('syntax', /U\+D800/, '\ud800')),
    entry('an emoji as a name', 'const f = 😀 + x;', refused('syntax', badName, '😀')),
    entry(
      'an HTML script tag',
      'const f = <script>alert(1)</script>;',
      refused(...scriptTag(language)),
    ),

    // Names that are also properties of every JavaScript object.
    entry('__proto__ as an input', 'const f = __proto__ * 2;', reads(6, { ['__proto__']: 2 }), {
      ['__proto__']: 3,
    }),
    entry(
      '__proto__ declared, then used',
      'const __proto__ = 3;\nconst f = __proto__ * x;',
      reads(6, { ['__proto__']: 2, x: 3 }),
      { x: 2 },
    ),
    entry(
      'constructor as a function',
      'function constructor(a) { return a * 2; }\nconst f = constructor(x);',
      reads(6, { x: 2 }),
      { x: 3 },
    ),
    entry(
      'toString as an arrow function',
      'const toString = (a) => a + 1;\nconst f = toString(x);',
      reads(4, { x: 1 }),
      { x: 3 },
    ),
    entry(
      'hasOwnProperty as a parameter with a default',
      'function f(hasOwnProperty = 3) { return hasOwnProperty ** 2; }',
      reads(9, { hasOwnProperty: 6 }),
    ),
    entry(
      'valueOf from an annotation',
      '// at: valueOf=2\nconst f = valueOf * 3;',
      reads(6, { valueOf: 3 }),
    ),
    entry(
      'toString without a value',
      'const f = toString * x;',
      refused('unbound', /no value for toString/, 'toString'),
      { x: 1 },
    ),
    entry(
      'Math.__proto__',
      'const f = Math.__proto__;',
      refused('unknown-name', /`Math.__proto__` is not a Math constant/),
    ),
    entry(
      'Math.constructor called',
      'const f = Math.constructor(x);',
      refused('unknown-function', UNKNOWN('Math.constructor')),
    ),
  ];
}

/** JSX is JavaScript's; TypeScript (not TSX) reads `<script>` as a type assertion. */
function scriptTag(language: string): [kind: 'unsupported' | 'syntax', says: RegExp] {
  return language === 'JavaScript'
    ? ['unsupported', IN_EXPRESSION('a jsx element')]
    : ['syntax', /is not valid TypeScript/];
}

export const JAVASCRIPT: readonly BadInput[] = codeEntries('JavaScript');
