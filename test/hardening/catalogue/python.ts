/** Python: hostile and unsupported input, and what the Python front end must do. */
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

const NOT_PYTHON = /syntax error: .* is not valid Python/;
const STRING = /a string is not supported/;
const STATEMENT = (what: string) =>
  new RegExp(`^${what} is not supported: select straight-line code`);
const IN_EXPRESSION = (what: string) => new RegExp(`^${what} is not supported in an expression`);
const LIST_AS_NUMBER = (text: string) =>
  new RegExp(`^\`${text.replace(/[[\]()]/g, '\\$&')}\` is a list, used here as a number`);
const NO_LIST = (name: string) =>
  new RegExp(`^\`${name}\` is used as a list, but it holds no list`);
const UNKNOWN = (name: string) =>
  new RegExp(`\`${name}\` is not a function that can be differentiated here`);

const SIN = iterate(Math.sin, Math.cos, 0.5, DEEP);
/** Just under the 1,000,000 characters a selection may hold. */
const LONG = 999_000;

export const PYTHON: readonly BadInput[] = [
  // Brackets and syntax.
  entry('an unclosed parenthesis', 'f = (x + y', refused('syntax', NOT_PYTHON)),
  entry('a closing parenthesis without opener', 'f = x + y)', refused('syntax', NOT_PYTHON)),
  entry('an expression that ends early', 'f = x *\n', refused('syntax', NOT_PYTHON, 'f = x *')),
  entry('an HTML script tag', 'f = <script>alert(1)</script>', refused('syntax', NOT_PYTHON)),
  entry(
    'a Markdown command link as code',
    'f = [x](command:workbench.action.quit)',
    refused('syntax', NOT_PYTHON),
  ),
  entry(
    'a Markdown command link in a comment',
    'f = x * 2  # [x](command:workbench.action.quit)',
    reads(6, { x: 2 }),
    { x: 3 },
  ),

  // Functions, strings, collections.
  entry('an unknown function', 'f = foo(x)', refused('unknown-function', UNKNOWN('foo'), 'foo')),
  entry(
    'an unknown numpy function',
    'f = np.frobnicate(x)',
    refused('unknown-function', UNKNOWN('np.frobnicate'), 'np.frobnicate'),
  ),
  entry('eval of a string', "f = eval('x')", refused('unsupported', STRING, "'x'")),
  entry('exec', "f = exec('import os')", refused('unsupported', STRING, "'import os'")),
  entry(
    '__import__',
    "f = __import__('os').system('ls')",
    refused('unsupported', /attribute access/),
  ),
  entry(
    'os.system after import os',
    "import os\nf = os.system('ls')",
    refused('unsupported', /attribute access \(`os.system`\)/, 'os.system'),
  ),
  entry('a string', "f = x * 'a'", refused('unsupported', STRING, "'a'")),
  entry('an f-string', "f = f'{x}'", refused('unsupported', STRING, "f'{x}'")),
  entry('a bytes literal', "f = b'x'", refused('unsupported', STRING, "b'x'")),
  entry('a list', 'f = x + [1, 2]', refused('unsupported', LIST_AS_NUMBER('[1, 2]'), '[1, 2]')),
  entry('a dict', "f = {'a': x}", refused('unsupported', IN_EXPRESSION('a dict'), "{'a': x}")),
  entry('a set', 'f = {x, y}', refused('unsupported', IN_EXPRESSION('a set'), '{x, y}')),
  entry('a tuple as the output', 'f = (x, y)', refused('unsupported', /^`f` is a list of 2 items/)),
  entry('a slice of a number', 'f = x[1:2]', refused('unsupported', NO_LIST('x'), 'x')),
  entry('None', 'f = None', refused('unsupported', IN_EXPRESSION('`None`'), 'None')),
  entry('Ellipsis', 'f = ...', refused('unsupported', IN_EXPRESSION('`...`'), '...')),
  entry(
    'a complex number',
    'f = 3j * x',
    refused('unsupported', /a complex number \(`3j`\)/, '3j'),
  ),
  entry(
    'the matrix product operator',
    'f = x @ w',
    refused('unsupported', /the operator `@`/, 'x @ w'),
  ),
  entry('a shift', 'f = x << 2', refused('unsupported', /the operator `<<`/, 'x << 2')),
  entry('bitwise not', 'f = ~x', refused('unsupported', /bitwise not/, '~x')),

  // Every unsupported statement and expression form.
  // Loops and branches run with the known values: what they need is asked for, by name.
  entry(
    'a for loop reading a name with no value',
    'for i in range(3):\n    x += i',
    refused('unknown-name', /^`x` is read before it is assigned/),
  ),
  entry(
    'a while loop reading a name with no value',
    'while x < 3:\n    x = x * 2',
    refused('unknown-name', /^`x` is read before it is assigned/),
  ),
  entry(
    'an if statement on a name with no value',
    'if x > 0:\n    y = x',
    refused('unknown-name', /^`x > 0` decides which branch of the `if` runs/),
  ),
  entry(
    'a range with no known bound',
    'for i in range(n):\n    f = i',
    refused('unknown-name', /`n` decides how many times/),
  ),
  entry(
    'while True without an exit',
    'x = 1\nwhile True:\n    x = x + 1',
    refused('too-large', /never ends/),
  ),
  entry(
    'a huge range',
    'x = 0\nfor i in range(10**9):\n    x = x + i',
    refused('too-large', /1000000000 iterations, more than the 100000/),
  ),
  entry(
    'loops nested beyond the iteration limit',
    'x = 0\nfor i in range(100):\n    for j in range(100):\n        for k in range(100):\n            pass',
    refused('too-large', /100000/),
  ),
  entry(
    'ifs nested 200 deep',
    () =>
      'x = 1.0\n' +
      Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}if x > 0:\n`).join('') +
      `${' '.repeat(200)}x = x * 2`,
    refused('too-deep', /nested more than 100 deep/),
  ),
  entry('break outside a loop', 'x = 1\nbreak', refused('unsupported', /`break` outside a loop/)),
  entry(
    'a match statement',
    'match x:\n    case 1:\n        f = x',
    refused('unsupported', STATEMENT('a match statement')),
  ),
  entry('a class', 'class A:\n    pass', refused('unsupported', STATEMENT('a class'))),
  entry(
    'a try statement',
    'try:\n    f = x\nexcept E:\n    pass',
    refused('unsupported', STATEMENT('a try statement')),
  ),
  entry(
    'a with statement',
    'with open(p) as h:\n    f = x',
    refused('unsupported', STATEMENT('a with statement')),
  ),
  entry('del', 'del x', refused('unsupported', STATEMENT('a del statement'), 'del x')),
  entry('raise', 'raise ValueError()', refused('unsupported', STATEMENT('a raise statement'))),
  entry(
    'a list comprehension as the output',
    'f = [x * i for i in range(3)]',
    refused('unsupported', /^`f` is a list of 3 items/),
  ),
  entry(
    'a dict comprehension',
    'f = {i: x for i in xs}',
    refused('unsupported', IN_EXPRESSION('a dict comprehension')),
  ),
  entry(
    'a set comprehension',
    'f = {x for i in xs}',
    refused('unsupported', IN_EXPRESSION('a set comprehension')),
  ),
  entry(
    'a generator expression over a name that holds no list',
    'f = sum(x for i in xs)',
    refused('unsupported', NO_LIST('xs'), 'xs'),
  ),
  entry(
    'await',
    'async def f(x):\n    return await g(x)',
    refused('unsupported', IN_EXPRESSION('`await`'), 'await g(x)'),
  ),
  entry(
    'yield',
    'def f(x):\n    yield x',
    refused('unsupported', IN_EXPRESSION('`yield`'), 'yield x'),
  ),
  entry(
    'a lambda inside an expression',
    'f = g(lambda t: t)',
    refused('unsupported', /^a lambda inside an expression/, 'lambda t: t'),
  ),
  entry(
    'an assignment expression',
    'f = (y := x * 2)',
    refused('unsupported', /an assignment expression \(`:=`\)/),
  ),
  entry(
    '*args',
    'def f(*args):\n    return 1',
    refused('unsupported', /`\*args` and `\*\*kwargs`/, '*args'),
  ),
  entry(
    'unpacking arguments',
    'f = g(*xs)',
    refused('unsupported', /unpacking arguments \(`\*xs`\)/, '*xs'),
  ),
  entry(
    'unpacking keyword arguments',
    'f = g(**kw)',
    refused('unsupported', /unpacking arguments \(`\*\*kw`\)/, '**kw'),
  ),
  entry('tuple assignment', 'a, b = x, y\nf = a * b', reads(6, { x: 3, y: 2 }), { x: 2, y: 3 }),
  entry('chained assignment', 'a = b = x', refused('unsupported', /chained assignment/)),
  entry(
    'an element assignment',
    'w[0] = x',
    refused('unsupported', /assigning to an element/, 'w[0]'),
  ),
  entry(
    'attribute access on an unknown object',
    'f = model.weight * x',
    refused('unsupported', /attribute access \(`model.weight`\)/, 'model.weight'),
  ),
  entry(
    'recursion',
    'def fact(n):\n    return n * fact(n - 1)\nf = fact(x)',
    refused('unsupported', /calls itself/, 'fact(n - 1)'),
  ),
  entry('a call statement', 'print(x)', refused('no-output', /nothing to inspect/)),

  // Numbers.
  entry(
    'a number of 999,990 digits',
    () => `f = ${'9'.repeat(999_990)} * x`,
    refused('syntax', /Exceeds the limit \(4300 digits\) for integer string conversion/),
    { x: 2 },
  ),
  entry(
    '999,981 digits after the point',
    () => `f = 0.${'0'.repeat(999_980)}1 * x`,
    reads(0, { x: 0 }),
    { x: 2 },
  ),
  entry(
    'a line with a number of 10⁶ digits',
    () => `f = ${'9'.repeat(1_000_000)} * x`,
    refused('too-large', /the selection has 1000008 characters/),
  ),
  entry('1e999', 'f = 1e999 * x', reads(Infinity, { x: Infinity }), { x: 2 }),
  entry('-1e999', 'f = -1e999 + x', reads(-Infinity, { x: 1 }), { x: 2 }),
  // Python raises where IEEE arithmetic gives ∞ or NaN.
  entry(
    'a division by zero',
    'f = x / 0',
    refused('unsupported', /`x \/ 0` with x = 2 raises ZeroDivisionError/, 'x / 0'),
    { x: 2 },
  ),
  entry(
    'math.log of a negative number',
    'f = math.log(-x)',
    refused('unsupported', /with -x = -2 raises ValueError \(math domain error\)/, 'math.log(-x)'),
    { x: 2 },
  ),

  // Depth: read without recursion, however deep.
  entry(
    '10,000 nested parentheses',
    () => `f = ${nested('(', 'x', ')', DEEP)} * 2`,
    reads(6, { x: 2 }),
    { x: 3 },
  ),
  entry(
    'a chain of 10,000 unary minus signs',
    () => `f = ${'-'.repeat(DEEP)}x`,
    reads(3, { x: 1 }),
    { x: 3 },
  ),
  entry(
    '10,000 nested math.sin calls',
    () => `f = ${nested('math.sin(', 'x', ')', DEEP)}`,
    reads(SIN.value, { x: SIN.grad }),
    { x: 0.5 },
  ),
  entry(
    '10,000 nested abs calls',
    () => `f = ${nested('abs(', 'x', ')', DEEP)}`,
    reads(2, { x: -1 }),
    { x: -2 },
  ),
  entry(
    '10,000 nested lists',
    () => `f = ${nested('[', 'x', ']', DEEP)}`,
    refused('too-deep', /lists nested more than 100 levels deep/),
  ),
  entry(
    '10,000 nested lambdas',
    () => `f = ${'lambda: '.repeat(DEEP)}x`,
    refused('unsupported', /a lambda inside an expression/),
  ),

  // A megabyte on one line is more than a selection may hold; just under it, cheap tokens.
  entry(
    'a 1 MB single line of arithmetic',
    () => `f = ${fill('x + ')}x`,
    refused('too-large', /the selection has 1048581 characters; at most 1000000/),
  ),
  entry(
    'a 1 MB single line of opening parentheses',
    () => `f = ${'('.repeat(MEGABYTE)}`,
    refused('too-large', /at most 1000000/),
  ),
  entry(
    'a 999,000-character comment',
    () => `f = x * 2  # ${fill('comment ', LONG)}`,
    reads(6, { x: 2 }),
    { x: 3 },
  ),
  entry(
    'a 999,000-character name',
    () => `f = ${'a'.repeat(LONG)} * 2`,
    reads(6, { ['a'.repeat(LONG)]: 2 }),
    { ['a'.repeat(LONG)]: 3 },
  ),
  entry(
    'a 999,000-character unknown function name',
    () => `f = ${'a'.repeat(LONG)}(x)`,
    refused('unknown-function', /`a{39}…` is not a function/),
  ),
  entry(
    'a 999,000-character string',
    () => `f = '${'a'.repeat(LONG)}'`,
    refused('unsupported', STRING),
  ),
  entry(
    'a 999,000-character run of spaces',
    () => `f = x * 2${' '.repeat(LONG)}`,
    reads(6, { x: 2 }),
    { x: 3 },
  ),
  entry(
    '100,000 opening parentheses',
    () => `f = ${'('.repeat(100_000)}`,
    refused('syntax', NOT_PYTHON),
  ),

  // Characters.
  entry('a control character', 'f = x + \u0001 y', refused('syntax', /U\+0001/)),
  entry('a NUL character', 'f = x + \u0000', refused('syntax', /U\+0000/)),
  entry(
    'a right-to-left override in code',
    'f = x \u202e+ y',
    refused('syntax', /`U\+202E` is not valid Python/, '\u202e'),
  ),
  entry(
    'a right-to-left override in a comment',
    'f = x * 2  # \u202e } ;esle',
    reads(6, { x: 2 }),
    { x: 3 },
  ),
  entry('a lone surrogate', 'f = x \ud800', refused('syntax', /U\+D800/)),
  entry('an emoji', 'f = 😀 + x', refused('syntax', /`😀` is not valid Python/, '😀')),
  entry('a non-breaking space', 'f = x\u00a0* 2', refused('syntax', NOT_PYTHON)),

  // Names that are also properties of every JavaScript object.
  entry('__proto__ as an input', 'f = __proto__ * 2', reads(6, { ['__proto__']: 2 }), {
    ['__proto__']: 3,
  }),
  entry(
    '__proto__ assigned, then used',
    '__proto__ = 3\nf = __proto__ * x',
    reads(6, { ['__proto__']: 2, x: 3 }),
    { x: 2 },
  ),
  entry(
    'constructor and toString as parameters',
    'def f(constructor, toString=2):\n    return constructor * toString',
    reads(6, { constructor: 2, toString: 3 }),
    { constructor: 3 },
  ),
  entry(
    'hasOwnProperty without a value',
    'f = hasOwnProperty * x',
    refused('unbound', /no value for hasOwnProperty/, 'hasOwnProperty'),
    { x: 1 },
  ),
  entry(
    'valueOf called as a function',
    'f = valueOf(x)',
    refused('unknown-function', UNKNOWN('valueOf'), 'valueOf'),
  ),
  entry(
    'a function named __proto__',
    'def __proto__(a):\n    return a * 2\nf = __proto__(x)',
    reads(6, { x: 2 }),
    { x: 3 },
  ),
  entry(
    'numpy imported as constructor',
    'import numpy as constructor\nf = constructor.exp(x)',
    reads(1, { x: 1 }),
    { x: 0 },
  ),
  entry(
    'math.__dict__',
    'f = math.__dict__',
    refused('unknown-name', /`math.__dict__` is not a constant/),
  ),
  entry(
    'x.__class__',
    'f = x.__class__',
    refused('unsupported', /attribute access \(`x.__class__`\)/),
  ),

  // Arrays: shapes and sizes are refused before anything is allocated or computed.
  entry(
    'an array of 10¹⁰ elements',
    'import numpy as np\nA = np.zeros((100000, 100000))\nf = A.sum()',
    refused(
      'too-large',
      /would hold 10,000,000,000 elements; at most 10,000,000 per tensor/,
      'np.zeros((100000, 100000))',
    ),
  ),
  entry(
    'a product of two 3000 × 3000 inputs',
    'import numpy as np\nA = np.ones((3000, 3000))\nB = A @ A\nf = B.sum()',
    refused('too-large', /needs 27,000,000,000 multiply-adds/, 'A @ A'),
  ),
  entry(
    'a product of two 3000 × 3000 constants (folded, never in the graph)',
    'import torch\nw = torch.ones(2, requires_grad=True)\nA = torch.ones(3000, 3000)\nB = A @ A\nf = (w * B[0, 0]).sum()',
    refused('too-large', /needs 27,000,000,000 multiply-adds/, 'A @ A'),
  ),
  entry(
    'a matrix product whose shapes do not fit',
    'import numpy as np\nW = np.ones((3, 4))\nx = np.ones(3)\nf = (W @ x).sum()',
    refused(
      'unsupported',
      /^`W @ x`: shapes \(3, 4\) and \(3,\) do not fit: 4 ≠ 3 \(W from line 2, x from line 3\)$/,
      'W @ x',
    ),
  ),
  entry(
    'a ragged array literal',
    'import numpy as np\nx = np.array([[1.0, 2.0], [3.0]])\nf = x.sum()',
    refused('unsupported', /is a ragged list/),
  ),
  entry(
    'an index out of bounds',
    'import numpy as np\nx = np.array([1.0, 2.0])\nf = x[5]',
    refused('unsupported', /index 5 is out of bounds for axis 0 with size 2/, 'x[5]'),
  ),
  entry(
    'a reshape to a size that does not fit',
    'import numpy as np\nx = np.ones((2, 3))\nf = x.reshape(4, 2).sum()',
    refused('unsupported', /cannot reshape an array of 6 elements into shape \(4, 2\)/),
  ),
  entry(
    'an array output',
    'import numpy as np\nx = np.ones(3)\ny = x * 2',
    refused('no-output', /`y` has shape \(3,\); gradients are taken of one number/),
  ),
];
