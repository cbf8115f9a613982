/** + − × ÷, unary minus, powers, Python's % and //. */
import type { OpSpec } from '../opSpec';
import { ONE, ZERO, call, div, mul, neg, num, pow, sub } from '../sym';

const LEFT = 'left' as const;

export const add: OpSpec = {
  name: 'add',
  symbol: '+',
  notation: { kind: 'infix', text: '+', latex: '+', precedence: 1, associativity: LEFT },
  arity: { min: 2, max: 2 },
  description: 'addition a + b',
  gate: 'distributor',
  forward: ([a = NaN, b = NaN]) => a + b,
  partials: () => [1, 1],
  partialFormulas: () => [ONE, ONE],
};

export const sub_: OpSpec = {
  name: 'sub',
  symbol: '−',
  notation: { kind: 'infix', text: '−', latex: '-', precedence: 1, associativity: LEFT },
  arity: { min: 2, max: 2 },
  description: 'subtraction a − b',
  forward: ([a = NaN, b = NaN]) => a - b,
  partials: () => [1, -1],
  partialFormulas: () => [ONE, num(-1)],
};

export const mul_: OpSpec = {
  name: 'mul',
  symbol: '×',
  notation: { kind: 'infix', text: '·', latex: '\\cdot', precedence: 2, associativity: LEFT },
  arity: { min: 2, max: 2 },
  description: 'multiplication a · b',
  gate: 'swap multiplier',
  forward: ([a = NaN, b = NaN]) => a * b,
  partials: ([a = NaN, b = NaN]) => [b, a],
  partialFormulas: ([a = ZERO, b = ZERO]) => [b, a],
};

export const div_: OpSpec = {
  name: 'div',
  symbol: '÷',
  notation: { kind: 'infix', text: '/', latex: '/', precedence: 2, associativity: LEFT },
  arity: { min: 2, max: 2 },
  description: 'division a / b',
  forward: ([a = NaN, b = NaN]) => a / b,
  partials: ([a = NaN, b = NaN]) => [1 / b, -a / (b * b)],
  partialFormulas: ([a = ZERO, b = ZERO]) => [div(ONE, b), neg(div(a, pow(b, num(2))))],
};

export const neg_: OpSpec = {
  name: 'neg',
  symbol: '−',
  notation: { kind: 'prefix', text: '−', latex: '-', precedence: 3 },
  arity: { min: 1, max: 1 },
  description: 'negation −a',
  forward: ([a = NaN]) => -a,
  partials: () => [-1],
  partialFormulas: () => [num(-1)],
};

/**
 * a^b. Like PyTorch, the partial in the exponent is 0 where a = 0 and b ≥ 0 (instead of
 * 0·ln 0 = NaN), and the partial in the base is 0 where b = 0.
 */
export const pow_: OpSpec = {
  name: 'pow',
  symbol: '^',
  notation: { kind: 'infix', text: '^', latex: '^', precedence: 4, associativity: 'right' },
  arity: { min: 2, max: 2 },
  description: 'power a^b',
  forward: ([a = NaN, b = NaN]) => Math.pow(a, b),
  partials: ([a = NaN, b = NaN], value) => [
    b === 0 ? 0 : b * Math.pow(a, b - 1),
    a === 0 && b >= 0 ? 0 : value * Math.log(a),
  ],
  partialFormulas: ([a = ZERO, b = ZERO]) => [
    mul(b, pow(a, sub(b, ONE))),
    mul(pow(a, b), call('log', a)),
  ],
};

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

/** The piece of a % b and a // b: the quotient, with NaN in a piece of its own. */
function quotientPiece(a: number, b: number): number {
  const { quotient } = floorDivmod(a, b);
  return Number.isNaN(quotient) ? Infinity : quotient;
}

/** Python's a % b = a − b·⌊a/b⌋ (the result takes the sign of b). */
export const mod: OpSpec = {
  name: 'mod',
  symbol: '%',
  notation: { kind: 'infix', text: '%', latex: '\\bmod', precedence: 2, associativity: LEFT },
  arity: { min: 2, max: 2 },
  description: 'remainder a % b = a − b·⌊a/b⌋ (sign of b, as in Python)',
  forward: ([a = NaN, b = NaN]) => floorDivmod(a, b).remainder,
  partials: ([a = NaN, b = NaN]) => [1, -floorDivmod(a, b).quotient],
  partialFormulas: ([a = ZERO, b = ZERO]) => [ONE, neg(call('floordiv', a, b))],
  kink: ([a = NaN, b = NaN]) =>
    floorDivmod(a, b).remainder === 0
      ? 'a % b jumps where a is a multiple of b; using the right-hand slope'
      : undefined,
  piece: ([a = NaN, b = NaN]) => quotientPiece(a, b),
};

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
export const fmod: OpSpec = {
  name: 'fmod',
  symbol: 'fmod',
  notation: { kind: 'function', text: 'fmod', latex: '\\operatorname{fmod}' },
  arity: { min: 2, max: 2 },
  description: 'remainder fmod(a, b) = a − b·trunc(a/b) (sign of a, as JavaScript’s %)',
  forward: ([a = NaN, b = NaN]) => a % b,
  partials: ([a = NaN, b = NaN]) => [1, -truncatedQuotient(a, b)],
  partialFormulas: ([a = ZERO, b = ZERO]) => [ONE, neg(call('trunc', div(a, b)))],
  kink: ([a = NaN, b = NaN]) =>
    a % b === 0
      ? 'fmod(a, b) jumps where a is a multiple of b; using the slope of the piece away from 0'
      : undefined,
  piece: ([a = NaN, b = NaN]) => {
    const quotient = truncatedQuotient(a, b);
    return Number.isNaN(quotient) ? Infinity : quotient;
  },
};

export const floordiv: OpSpec = {
  name: 'floordiv',
  symbol: '//',
  notation: {
    kind: 'infix',
    text: '//',
    latex: '\\mathbin{//}',
    precedence: 2,
    associativity: LEFT,
  },
  arity: { min: 2, max: 2 },
  description: 'floor division a // b = ⌊a/b⌋ (piecewise constant)',
  zeroGradient: true,
  forward: ([a = NaN, b = NaN]) => floorDivmod(a, b).quotient,
  partials: () => [0, 0],
  partialFormulas: () => [ZERO, ZERO],
  kink: ([a = NaN, b = NaN]) =>
    floorDivmod(a, b).remainder === 0
      ? 'a // b jumps where a is a multiple of b; gradient taken as 0'
      : undefined,
  piece: ([a = NaN, b = NaN]) => quotientPiece(a, b),
};
