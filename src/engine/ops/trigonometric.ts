/** Circular functions and their inverses. */
import type { OpSpec } from '../opSpec';
import { ONE, ZERO, add, call, div, neg, num, pow, sub, type Sym } from '../sym';
import { unary } from './define';
import { unitInterval } from './pieces';

const squared = (x: Sym): Sym => pow(x, num(2));

export const sin = unary({
  name: 'sin',
  family: 'trigonometric',
  latex: '\\sin',
  description: 'sine sin x (x in radians)',
  spellings: { math: 'sin', python: 'math.sin np.sin torch.sin', javascript: 'Math.sin' },
  forward: Math.sin,
  partial: (x) => Math.cos(x),
  formula: (x) => call('cos', x),
});

export const cos = unary({
  name: 'cos',
  family: 'trigonometric',
  latex: '\\cos',
  description: 'cosine cos x (x in radians)',
  spellings: { math: 'cos', python: 'math.cos np.cos torch.cos', javascript: 'Math.cos' },
  forward: Math.cos,
  partial: (x) => -Math.sin(x),
  formula: (x) => neg(call('sin', x)),
});

/** The slope is written 1 + tan²x, as PyTorch computes it, from the value already known. */
export const tan = unary({
  name: 'tan',
  family: 'trigonometric',
  latex: '\\tan',
  description: 'tangent tan x (x in radians)',
  spellings: { math: 'tan', python: 'math.tan np.tan torch.tan', javascript: 'Math.tan' },
  forward: Math.tan,
  partial: (_x, value) => 1 + value * value,
  formula: (x) => add(ONE, squared(call('tan', x))),
});

/** 1/√(1 − x²), computed as 1/√((1 − x)(1 + x)) to keep its accuracy near ±1. */
export const asin = unary({
  name: 'asin',
  family: 'trigonometric',
  latex: '\\arcsin',
  description: 'inverse sine arcsin x, for −1 ≤ x ≤ 1',
  spellings: {
    math: 'arcsin asin',
    python: 'math.asin np.arcsin torch.asin torch.arcsin',
    javascript: 'Math.asin',
  },
  forward: Math.asin,
  partial: (x) => 1 / Math.sqrt((1 - x) * (1 + x)),
  formula: (x) => div(ONE, call('sqrt', sub(ONE, squared(x)))),
  kink: (x) =>
    Math.abs(x) === 1
      ? `asin is not differentiable at ${x}, the edge of its domain; slope ∞`
      : undefined,
  piece: unitInterval,
});

export const acos = unary({
  name: 'acos',
  family: 'trigonometric',
  latex: '\\arccos',
  description: 'inverse cosine arccos x, for −1 ≤ x ≤ 1',
  spellings: {
    math: 'arccos acos',
    python: 'math.acos np.arccos torch.acos torch.arccos',
    javascript: 'Math.acos',
  },
  forward: Math.acos,
  partial: (x) => -1 / Math.sqrt((1 - x) * (1 + x)),
  formula: (x) => neg(div(ONE, call('sqrt', sub(ONE, squared(x))))),
  kink: (x) =>
    Math.abs(x) === 1
      ? `acos is not differentiable at ${x}, the edge of its domain; slope −∞`
      : undefined,
  piece: unitInterval,
});

export const atan = unary({
  name: 'atan',
  family: 'trigonometric',
  latex: '\\arctan',
  description: 'inverse tangent arctan x',
  spellings: {
    math: 'arctan atan',
    python: 'math.atan np.arctan torch.atan torch.arctan',
    javascript: 'Math.atan',
  },
  forward: Math.atan,
  partial: (x) => 1 / (1 + x * x),
  formula: (x) => div(ONE, add(ONE, squared(x))),
});

/**
 * The angle of the point (x, y), operands in the order (y, x) as in every language. At the
 * origin the partials are 0/0 = NaN, as in PyTorch. On the negative x axis the angle jumps
 * from π to −π; the partials there are those of either side, which agree.
 */
export const atan2: OpSpec = {
  name: 'atan2',
  family: 'trigonometric',
  symbol: 'atan2',
  notation: { kind: 'function', text: 'atan2', latex: '\\operatorname{atan2}' },
  arity: { min: 2, max: 2 },
  description: 'angle atan2(y, x) of the point (x, y), in (−π, π]',
  spellings: {
    math: 'atan2 arctan2',
    python:
      'math.atan2(y, x) np.arctan2(x1, x2) torch.atan2(input, other) torch.arctan2(input, other)',
    javascript: 'Math.atan2(y, x)',
  },
  forward: ([y = NaN, x = NaN]) => Math.atan2(y, x),
  partials: ([y = NaN, x = NaN]) => {
    // r = hypot(x, y) rather than x² + y², which overflows or underflows far sooner.
    const r = Math.hypot(x, y);
    return [x / r / r, -y / r / r];
  },
  partialFormulas: ([y = ZERO, x = ZERO]) => {
    const r2 = add(squared(x), squared(y));
    return [div(x, r2), neg(div(y, r2))];
  },
  kink: ([y = NaN, x = NaN]) => {
    if (x === 0 && y === 0) {
      return 'atan2 is not differentiable at the origin; its partials are 0/0 = NaN, as in PyTorch';
    }
    return y === 0 && x < 0
      ? 'atan2 jumps from π to −π across the negative x axis; the partials are those of either side'
      : undefined;
  },
  // Across the negative x axis the sign of y (of −0 too) picks π or −π; the origin is apart.
  piece: ([y = NaN, x = NaN]) => {
    if (x === 0 && y === 0) {
      return 2;
    }
    return x < 0 ? (y > 0 || Object.is(y, 0) ? 1 : -1) : 0;
  },
};
