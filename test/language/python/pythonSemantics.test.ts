/**
 * The Python front end against real Python: each snippet is run by /usr/bin/python3 (the tests
 * may run Python; the extension never does) and read by the tool at the same x. Where Python
 * gives a number, the tool gives the same value and gradient (Python's by central differences);
 * where Python raises or gives a complex number, the tool refuses, naming Python's error.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { integerOp } from '../../../src/language/python/pythonNumbers';
import { inspectionOf } from '../../support/inspections';

const PYTHON = '/usr/bin/python3';

/** Runs each snippet at its x; prints value and central-difference gradient, or the error. */
const HARNESS = String.raw`
import json, math, sys, warnings
import numpy as np
import torch
warnings.simplefilter('ignore')

def run(source, x):
    env = {'math': math, 'np': np, 'torch': torch, 'x': x}
    exec(compile(source, '<snippet>', 'exec'), env)
    return env['f']

def outcome(source, x):
    try:
        f = run(source, x)
    except Exception as error:
        return {'error': type(error).__name__, 'message': str(error)}
    if isinstance(f, complex):
        return {'error': 'complex', 'message': repr(f)}
    h = 1e-6 * max(1.0, abs(x))
    try:
        grad = (float(run(source, x + h)) - float(run(source, x - h))) / (2 * h)
    except Exception:
        grad = float('nan')
    return {'value': repr(float(f)), 'grad': repr(grad)}

cases = json.load(sys.stdin)
print(json.dumps([outcome(source, x) for source, x in cases]))
`;

type PythonOutcome =
  | { readonly value: string; readonly grad: string }
  | { readonly error: string; readonly message: string };

function runPython(cases: readonly (readonly [string, number])[]): PythonOutcome[] {
  if (!existsSync(PYTHON)) {
    throw new Error(
      `${PYTHON} is needed to compare with real Python: install python3, python3-numpy and python3-torch`,
    );
  }
  const run = spawnSync(PYTHON, ['-c', HARNESS], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) {
    throw new Error(`${PYTHON} failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as PythonOutcome[];
}

/** Python's repr of a float. */
function fromRepr(text: string): number {
  return text === 'nan'
    ? NaN
    : text === 'inf'
      ? Infinity
      : text === '-inf'
        ? -Infinity
        : Number(text);
}

/** What the tool says: the value and ∂f/∂x, or its refusal. */
async function toolOutcome(
  source: string,
  x: number,
): Promise<{ value: number; grad: number } | { refusal: string }> {
  try {
    const inspection = await inspectionOf({ source, language: 'python', values: { x } });
    return { value: inspection.result.value, grad: inspection.result.grads.x ?? 0 };
  } catch (error) {
    return { refusal: (error as Error).message };
  }
}

/** A snippet in a test's title, cut short. */
function title(source: string): string {
  return JSON.stringify(
    source.length > 60 ? `${source.slice(0, 30)}…${source.slice(-20)}` : source,
  );
}

function close(actual: number, expected: number, tolerance: number): boolean {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    return Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected));
  }
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

/** Snippets Python computes: the tool must agree. [source assigning f, x]. */
const AGREES: [string, number][] = [
  ['f = x * (2**53 + 1 - 2**53)', 1.5],
  ['f = x * (10**400 // 10**399)', 1.5],
  ['f = x * (10**400 / 10**399)', 1.5],
  ['f = x * (10**30 // 7 - 142857142857142857142857142857)', 1.5],
  ['f = x * ((2**53 + 1) / 3)', 1.5],
  ['f = x * (2**60 + 1) - 2**60 * x', 1.5],
  ['f = x + 2**-1075', 1.5],
  ['f = x * (1 / 10**320)', 1.5],
  ['f = x * (-7 // 2) + 7 % -2 * x', 1.5],
  ['f = x * -(2**53 + 1) + 2**53 * x', 1.5],
  ['f = x * (True + True)', 1.5],
  ['f = x * (2 ** 3 - 1)', 1.5],
  [`f = x * (${'9'.repeat(4300)} // 10**4299)`, 1.5],
  ['f = x * 0x_1f + 0o17 + 1_000.5', 1.5],
  ['f = x * 010.5 + 00 + 0_0', 1.5],
  ['f = math.log(x, 2)', 1.5],
  ['f = math.log(x, 10) * x', 3],
  ['f = x ** 0.5', 1.5],
  ['f = (-x) ** 3.0', 1.5],
  ['f = (-x) ** -1', 1.5],
  ['f = np.sqrt(-x)', 1.5],
  ['f = np.power(-x, 0.5)', 1.5],
  ['f = x / 0.0 if x < 0 else x', 1.5],
  ['f = round(x) * x', 2.3],
  ['f = math.floor(x) + x', 1.5],
  ['f = max(x, 2) * min(x, 1)', 1.5],
  ['f = x\nf /= 2\nf **= 0.5', 1.5],
];

/** Snippets where Python raises or gives a complex number: the tool must refuse, saying so. */
const REFUSED: [string, number, RegExp][] = [
  ['f = x * 10**400', 1.5, /`10\*\*400` is an int too large for a float64.*OverflowError/],
  ['f = x * (10**400 + 1) / 3', 1.5, /OverflowError \(int too large to convert to float/],
  ['f = x / (3 - 3)', 1.5, /`x \/ \(3 - 3\)` .*ZeroDivisionError \(float division by zero/],
  ['f = x * (1 / 0)', 1.5, /`1 \/ 0` raises ZeroDivisionError \(division by zero/],
  ['f = x * (1 // 0)', 1.5, /ZeroDivisionError \(integer division or modulo by zero/],
  ['f = x % 0', 1.5, /`x % 0` with x = 1.5 raises ZeroDivisionError \(float modulo/],
  ['f = x // (x - 1.5)', 1.5, /with x = 1.5, \(x - 1.5\) = 0 raises ZeroDivisionError/],
  ['f = 1 / x', 0, /`1 \/ x` with x = 0 raises ZeroDivisionError/],
  ['f = x ** -1', 0, /ZeroDivisionError \(0.0 cannot be raised to a negative power/],
  ['f = 0.0 ** -1 * x', 1.5, /ZeroDivisionError \(0.0 cannot be raised to a negative power/],
  ['f = x ** 0.5', -1.5, /`x \*\* 0.5` with x = -1.5 is a complex number in Python/],
  ['f = pow(x, 0.5)', -2, /`pow\(x, 0.5\)` with x = -2 is a complex number/],
  ['f = 2.0 ** x', 5000, /OverflowError \(\(34, 'Numerical result out of range'\)/],
  ['f = x * 2.0 ** 5000', 1.5, /`2.0 \*\* 5000` raises OverflowError/],
  ['f = math.sqrt(x)', -1, /`math.sqrt\(x\)` with x = -1 raises ValueError \(math domain error/],
  ['f = math.sqrt(-1) * x', 1.5, /`math.sqrt\(-1\)` raises ValueError \(math domain error/],
  ['f = math.log(x)', 0, /ValueError \(math domain error/],
  ['f = math.log(x, 1)', 2, /ZeroDivisionError \(float division by zero/],
  ['f = math.log(x, 0.0)', 2, /ValueError \(math domain error/],
  ['f = math.pow(x, 0.5)', -2, /`math.pow\(x, 0.5\)` with x = -2 raises ValueError/],
  ['f = math.pow(x, -1)', 0, /ValueError \(math domain error/],
  ['f = math.exp(x)', 1000, /OverflowError \(math range error/],
  ['f = math.cosh(x)', 1000, /OverflowError \(math range error/],
  ['f = math.acos(x)', 2, /`math.acos\(x\)` with x = 2 raises ValueError \(math domain error/],
  ['f = math.atanh(x)', 1, /ValueError \(math domain error/],
  ['f = math.sin(x * math.inf)', 1, /ValueError \(math domain error/],
  ['f = math.floor(x * math.inf)', 1, /OverflowError \(cannot convert float infinity to integer/],
  ['f = round(x * math.nan)', 1, /ValueError \(cannot convert float NaN to integer/],
  [
    'f = x\nf /= x - 1.5',
    1.5,
    /`f \/= x - 1.5` with f = 1.5, x - 1.5 = 0 raises ZeroDivisionError/,
  ],
  ['f = x if math.log(x) > 0 else 2 * x', 0, /`math.log\(x\)` with x = 0 raises ValueError/],
  ['f = np.log(x, 2)', 1.5, /argument 2 is NumPy's `out`.*np.log\(x\) \/ np.log\(b\)/],
  ['f = np.maximum(x, 2.0, x)', 1.5, /argument 3 is NumPy's `out`/],
  ['f = torch.log(x, 2)', 1.5, /torch.log has no base/],
  ['f = 010 * x', 1.5, /syntax error: `010` is not valid Python 3 \(leading zeros/],
  ['f = 0_7 * x', 1.5, /syntax error: `0_7` is not valid Python 3/],
  ['f = 1_ * x', 1.5, /syntax error: `1_` is not valid Python 3/],
  ['f = 1_e5 * x', 1.5, /syntax error: `1_e5` is not valid Python 3/],
  ['f = 1.5_ * x', 1.5, /syntax error: `1.5_` is not valid Python 3/],
  [`f = ${'9'.repeat(4301)} * x`, 1.5, /Exceeds the limit \(4300 digits\)/],
];

/** Python gives a number the engine does not compute: the tool refuses rather than differ. */
const NOT_MODELLED: [string, number, RegExp, string][] = [
  ['f = max(x, math.nan)', 1.5, /depends on the order of its arguments/, '1.5'],
  ['f = np.fmax(x, np.nan)', 1.5, /ignores a NaN operand/, '1.5'],
  [
    'f = abs(x ** 0.5)',
    -1.5,
    /`x \*\* 0.5` with x = -1.5 is a complex number/,
    '1.224744871391589',
  ],
];

describe('Python front end against real Python', function () {
  // Python and torch start once for all snippets.
  this.timeout(120_000);
  const all = [...AGREES, ...REFUSED, ...NOT_MODELLED].map(([source, x]) => [source, x] as const);
  let outcomes: PythonOutcome[] = [];
  before(() => {
    outcomes = runPython(all);
  });
  const outcomeOf = (index: number): PythonOutcome => {
    const outcome = outcomes[index];
    assert.ok(outcome !== undefined, `no Python outcome for snippet ${index}`);
    return outcome;
  };

  AGREES.forEach(([source, x], i) => {
    it(`agrees with Python on ${title(source)} at x = ${x}`, async () => {
      const expected = outcomeOf(i);
      assert.ok('value' in expected, `Python raised: ${JSON.stringify(expected)}`);
      const tool = await toolOutcome(source, x);
      assert.ok('value' in tool, `the tool refused: ${'refusal' in tool ? tool.refusal : ''}`);
      assert.ok(
        close(tool.value, fromRepr(expected.value), 1e-15),
        `value ${tool.value}, Python ${expected.value}`,
      );
      assert.ok(
        close(tool.grad, fromRepr(expected.grad), 1e-6),
        `∂f/∂x ${tool.grad}, Python ${expected.grad}`,
      );
    });
  });

  REFUSED.forEach(([source, x, message], i) => {
    it(`refuses ${title(source)} at x = ${x}, where Python raises`, async () => {
      const expected = outcomeOf(AGREES.length + i);
      assert.ok('error' in expected, `Python gave ${JSON.stringify(expected)}`);
      const tool = await toolOutcome(source, x);
      assert.ok('refusal' in tool, `the tool gave ${JSON.stringify(tool)}`);
      assert.match(tool.refusal, message);
      const named =
        expected.error === 'TypeError' ||
        tool.refusal.includes(expected.error === 'SyntaxError' ? 'syntax error' : expected.error);
      assert.ok(
        named,
        `Python raised ${expected.error}: ${expected.message}; the tool said ${tool.refusal}`,
      );
    });
  });

  NOT_MODELLED.forEach(([source, x, message, value], i) => {
    it(`refuses ${title(source)}, which Python computes otherwise than the engine`, async () => {
      const expected = outcomeOf(AGREES.length + REFUSED.length + i);
      assert.ok('value' in expected && expected.value === value, JSON.stringify(expected));
      const tool = await toolOutcome(source, x);
      assert.ok('refusal' in tool && message.test(tool.refusal), JSON.stringify(tool));
    });
  });
});

describe('Python int arithmetic against real Python', function () {
  this.timeout(60_000);
  it('divides, floor-divides and takes remainders of large ints as Python does', () => {
    const pairs = randomPairs(300);
    const script = String.raw`
import json, sys
out = []
for a, b in json.load(sys.stdin):
    a, b = int(a), int(b)
    out.append([repr(a / b), str(a // b), str(a % b)])
print(json.dumps(out))`;
    if (!existsSync(PYTHON)) {
      throw new Error(`${PYTHON} is needed to compare with real Python`);
    }
    const run = spawnSync(PYTHON, ['-c', script], {
      input: JSON.stringify(pairs.map(([a, b]) => [String(a), String(b)])),
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const expected = JSON.parse(run.stdout) as [string, string, string][];
    pairs.forEach(([a, b], i) => {
      const [quotient, floored, remainder] = expected[i] ?? ['', '', ''];
      const div = integerOp('div', [a, b]);
      assert.ok(div.kind === 'float', `${a} / ${b}`);
      assert.ok(
        Object.is(div.value, fromRepr(quotient)),
        `${a} / ${b}: ${div.value}, Python ${quotient}`,
      );
      assert.deepEqual(integerOp('floordiv', [a, b]), { kind: 'int', value: BigInt(floored) });
      assert.deepEqual(integerOp('mod', [a, b]), { kind: 'int', value: BigInt(remainder) });
    });
  });
});

/** Ints of all sizes, signs and ratios, ties and subnormal quotients among them. */
function randomPairs(count: number): [bigint, bigint][] {
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const bigRandom = (bits: number): bigint => {
    let value = 1n;
    for (let i = 1; i < bits; i++) {
      value = (value << 1n) | BigInt(next() & 1);
    }
    return next() % 2 === 0 ? value : -value;
  };
  const pairs: [bigint, bigint][] = [
    [2n ** 54n + 2n, 2n],
    [2n ** 54n + 6n, 4n],
    [1n, 10n ** 320n],
    [3n, 2n ** 1076n],
    [1n, 2n ** 1075n],
    [3n, 2n ** 1075n],
    [2n ** 1024n - 1n, 2n],
    [10n ** 400n, 10n ** 399n],
  ];
  while (pairs.length < count) {
    pairs.push([bigRandom(1 + (next() % 1200)), bigRandom(1 + (next() % 1200))]);
  }
  return pairs;
}
