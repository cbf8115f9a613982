/** + − × ÷, unary minus, powers, Python's % and //, JavaScript's %. */
import type { OpSpec } from '../opSpec';
import { apply, arg, constant } from '../spelling';
import { ONE, ZERO, call, div, mul, neg, num, pow, sub } from '../sym';
import { binary, functionNotation, infix } from './define';

const DEGREE = constant(Math.PI / 180, 'π/180');

export const add = binary({
  name: 'add',
  family: 'arithmetic',
  symbol: '+',
  notation: infix('+', '+', 1),
  description: 'addition a + b',
  gate: 'distributor',
  spellings: { python: 'np.add(x1, x2) torch.add(input, other)' },
  forward: (a, b) => a + b,
  partials: () => [1, 1],
  formulas: () => [ONE, ONE],
});

export const sub_ = binary({
  name: 'sub',
  family: 'arithmetic',
  symbol: '−',
  notation: infix('−', '-', 1),
  description: 'subtraction a − b',
  spellings: {
    python: 'np.subtract(x1, x2) torch.sub(input, other) torch.subtract(input, other)',
  },
  forward: (a, b) => a - b,
  partials: () => [1, -1],
  formulas: () => [ONE, num(-1)],
});

export const mul_ = binary({
  name: 'mul',
  family: 'arithmetic',
  symbol: '×',
  notation: infix('·', '\\cdot', 2),
  description: 'multiplication a · b',
  gate: 'swap multiplier',
  spellings: {
    python: [
      'np.multiply(x1, x2) torch.mul(input, other) torch.multiply(input, other)',
      {
        sig: 'math.radians np.radians np.deg2rad torch.deg2rad(input)',
        formula: apply('mul', arg(0), DEGREE),
      },
    ],
  },
  forward: (a, b) => a * b,
  partials: (a, b) => [b, a],
  formulas: (a, b) => [b, a],
});

export const div_ = binary({
  name: 'div',
  family: 'arithmetic',
  symbol: '÷',
  notation: infix('/', '/', 2),
  description: 'division a / b',
  spellings: {
    python: [
      'np.divide(x1, x2) np.true_divide(x1, x2) torch.div(input, other)',
      'torch.divide(input, other) torch.true_divide(input, other)',
      { sig: 'np.reciprocal torch.reciprocal(input)', formula: apply('div', constant(1), arg(0)) },
      {
        sig: 'math.degrees np.degrees np.rad2deg torch.rad2deg(input)',
        formula: apply('div', arg(0), DEGREE),
      },
    ],
  },
  forward: (a, b) => a / b,
  partials: (a, b) => [1 / b, -a / (b * b)],
  formulas: (a, b) => [div(ONE, b), neg(div(a, pow(b, num(2))))],
});

export const neg_: OpSpec = {
  name: 'neg',
  family: 'arithmetic',
  symbol: '−',
  notation: { kind: 'prefix', text: '−', latex: '-', precedence: 3 },
  arity: { min: 1, max: 1 },
  description: 'negation −a',
  spellings: { python: 'np.negative torch.neg torch.negative' },
  forward: ([a = NaN]) => -a,
  partials: () => [-1],
  partialFormulas: () => [num(-1)],
};

/**
 * a^b. Like PyTorch, the partial in the exponent is 0 where a = 0 and b ≥ 0 (instead of
 * 0·ln 0 = NaN), and the partial in the base is 0 where b = 0.
 */
export const pow_ = binary({
  name: 'pow',
  family: 'arithmetic',
  symbol: '^',
  notation: infix('^', '^', 4, 'right'),
  description: 'power a^b',
  spellings: {
    math: 'pow',
    python: [
      'math.pow(x, y) np.power(x1, x2) np.float_power(x1, x2) torch.pow(input, exponent)',
      'torch.float_power(input, exponent) pow(base, exp)',
      { sig: 'math.exp2 np.exp2 torch.exp2', formula: apply('pow', constant(2), arg(0)) },
      { sig: 'np.square torch.square(input)', formula: apply('pow', arg(0), constant(2)) },
    ],
    javascript: 'Math.pow(x, y)',
  },
  forward: (a, b) => Math.pow(a, b),
  partials: (a, b, value) => [
    b === 0 ? 0 : b * Math.pow(a, b - 1),
    a === 0 && b >= 0 ? 0 : value * Math.log(a),
  ],
  formulas: (a, b) => [mul(b, pow(a, sub(b, ONE))), mul(pow(a, b), call('log', a))],
});

/**
 * Python's float divmod: ⌊a/b⌋ and a − b·⌊a/b⌋ (with the sign of b), built from the exact
 * remainder fmod(a, b) (JavaScript's %) as CPython does. The naive a − b·Math.floor(a/b)
 * rounds a/b first: it gives 5.5 % 0.1 = 0 and 5.5 // 0.1 = 55, where Python gives
 * 0.09999999999999976 and 54. Division by 0 gives ±∞ (or NaN) and NaN, as NumPy and PyTorch do.
 */
function floorDivmod(a: number, b: number): { quotient: number; remainder: number } {
  if (b === 0) {
    return { quotient: a / b, remainder: NaN };
  }
  let remainder = a % b;
  let quotient = (a - remainder) / b;
  if (remainder === 0) {
    remainder = b < 0 ? -0 : 0;
  } else if (b < 0 !== remainder < 0) {
    remainder += b;
    quotient -= 1;
  }
  if (quotient === 0) {
    // The sign of the zero quotient is that of a/b, as Python's copysign(0, a/b).
    return { quotient: 0 * Math.sign(a / b), remainder };
  }
  // (a − fmod)/b is an integer up to rounding; snap it to the nearest one.
  const floored = Math.floor(quotient);
  return { quotient: quotient - floored > 0.5 ? floored + 1 : floored, remainder };
}

/** The piece of a remainder or a quotient: the quotient, with NaN in a piece of its own. */
function quotientPiece(quotient: number): number {
  return Number.isNaN(quotient) ? Infinity : quotient;
}

/** Python's a % b = a − b·⌊a/b⌋ (the result takes the sign of b). */
export const mod = binary({
  name: 'mod',
  family: 'arithmetic',
  symbol: '%',
  notation: infix('%', '\\bmod', 2),
  description: 'remainder a % b = a − b·⌊a/b⌋ (sign of b, as in Python)',
  spellings: {
    math: 'mod',
    python: 'np.mod(x1, x2) np.remainder(x1, x2) torch.remainder(input, other)',
  },
  forward: (a, b) => floorDivmod(a, b).remainder,
  partials: (a, b) => [1, -floorDivmod(a, b).quotient],
  formulas: (a, b) => [ONE, neg(call('floordiv', a, b))],
  kink: (a, b) =>
    floorDivmod(a, b).remainder === 0
      ? 'a % b jumps where a is a multiple of b; using the right-hand slope'
      : undefined,
  piece: (a, b) => quotientPiece(floorDivmod(a, b).quotient),
});

/**
 * ⌊a/b⌋ rounded toward zero, from the exact remainder: (a − fmod(a, b))/b is an integer up to
 * rounding, where trunc(a/b) would round a/b first (1e17 % 3: a/b is not exact).
 */
function truncatedQuotient(a: number, b: number): number {
  if (b === 0 || !Number.isFinite(a)) {
    return a / b;
  }
  const quotient = (a - (a % b)) / b;
  return Number.isFinite(quotient) ? Math.round(quotient) : quotient;
}

/** JavaScript's a % b (C's fmod): a − b·trunc(a/b), exact, with the sign of a. */
export const fmod = binary({
  name: 'fmod',
  family: 'arithmetic',
  notation: functionNotation('fmod'),
  description: 'remainder fmod(a, b) = a − b·trunc(a/b) (sign of a, as JavaScript’s %)',
  forward: (a, b) => a % b,
  partials: (a, b) => [1, -truncatedQuotient(a, b)],
  formulas: (a, b) => [ONE, neg(call('trunc', div(a, b)))],
  kink: (a, b) =>
    a % b === 0
      ? 'fmod(a, b) jumps where a is a multiple of b; using the slope of the piece away from 0'
      : undefined,
  piece: (a, b) => quotientPiece(truncatedQuotient(a, b)),
});

export const floordiv = binary({
  name: 'floordiv',
  family: 'arithmetic',
  symbol: '//',
  notation: infix('//', '\\mathbin{//}', 2),
  description: 'floor division a // b = ⌊a/b⌋ (piecewise constant)',
  zeroGradient: true,
  spellings: { python: 'np.floor_divide(x1, x2) torch.floor_divide(input, other)' },
  forward: (a, b) => floorDivmod(a, b).quotient,
  partials: () => [0, 0],
  formulas: () => [ZERO, ZERO],
  kink: (a, b) =>
    floorDivmod(a, b).remainder === 0
      ? 'a // b jumps where a is a multiple of b; gradient taken as 0'
      : undefined,
  piece: (a, b) => quotientPiece(floorDivmod(a, b).quotient),
});
