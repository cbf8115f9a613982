/** + − × ÷, unary minus, powers, Python's % and //. */
import type { OpSpec } from '../opSpec';
import { ONE, ZERO, call, div, mul, neg, num, pow, sub } from '../symbolic/expr';

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

/** Python's a % b = a − b·floor(a/b) (the result takes the sign of b). */
export const mod: OpSpec = {
  name: 'mod',
  symbol: '%',
  notation: { kind: 'infix', text: '%', latex: '\\bmod', precedence: 2, associativity: LEFT },
  arity: { min: 2, max: 2 },
  description: 'remainder a % b = a − b·⌊a/b⌋ (sign of b, as in Python)',
  forward: ([a = NaN, b = NaN]) => a - b * Math.floor(a / b),
  partials: ([a = NaN, b = NaN]) => [1, -Math.floor(a / b)],
  partialFormulas: ([a = ZERO, b = ZERO]) => [ONE, neg(call('floor', div(a, b)))],
  kink: ([a = NaN, b = NaN]) =>
    Number.isInteger(a / b) ? 'a % b jumps where a/b is an integer; using the right-hand slope' : undefined,
  piece: ([a = NaN, b = NaN]) => Math.floor(a / b),
};

export const floordiv: OpSpec = {
  name: 'floordiv',
  symbol: '//',
  notation: { kind: 'infix', text: '//', latex: '\\mathbin{//}', precedence: 2, associativity: LEFT },
  arity: { min: 2, max: 2 },
  description: 'floor division a // b = ⌊a/b⌋ (piecewise constant)',
  zeroGradient: true,
  forward: ([a = NaN, b = NaN]) => Math.floor(a / b),
  partials: () => [0, 0],
  partialFormulas: () => [ZERO, ZERO],
  kink: ([a = NaN, b = NaN]) =>
    Number.isInteger(a / b) ? 'a // b jumps where a/b is an integer; gradient taken as 0' : undefined,
  piece: ([a = NaN, b = NaN]) => Math.floor(a / b),
};
