/** Circular functions and their inverses. */
import type { OpSpec } from '../opSpec';
import { ONE, ZERO, add, call, div, neg, num, pow, sub, type Sym } from '../sym';
import { unitInterval } from './pieces';

const squared = (x: Sym): Sym => pow(x, num(2));

export const sin: OpSpec = {
  name: 'sin',
  symbol: 'sin',
  notation: { kind: 'function', text: 'sin', latex: '\\sin' },
  arity: { min: 1, max: 1 },
  description: 'sine sin x (x in radians)',
  forward: ([x = NaN]) => Math.sin(x),
  partials: ([x = NaN]) => [Math.cos(x)],
  partialFormulas: ([x = ZERO]) => [call('cos', x)],
};

export const cos: OpSpec = {
  name: 'cos',
  symbol: 'cos',
  notation: { kind: 'function', text: 'cos', latex: '\\cos' },
  arity: { min: 1, max: 1 },
  description: 'cosine cos x (x in radians)',
  forward: ([x = NaN]) => Math.cos(x),
  partials: ([x = NaN]) => [-Math.sin(x)],
  partialFormulas: ([x = ZERO]) => [neg(call('sin', x))],
};

/** The slope is written 1 + tan²x, as PyTorch computes it, from the value already known. */
export const tan: OpSpec = {
  name: 'tan',
  symbol: 'tan',
  notation: { kind: 'function', text: 'tan', latex: '\\tan' },
  arity: { min: 1, max: 1 },
  description: 'tangent tan x (x in radians)',
  forward: ([x = NaN]) => Math.tan(x),
  partials: (_args, value) => [1 + value * value],
  partialFormulas: ([x = ZERO]) => [add(ONE, squared(call('tan', x)))],
};

/** 1/√(1 − x²), computed as 1/√((1 − x)(1 + x)) to keep its accuracy near ±1. */
export const asin: OpSpec = {
  name: 'asin',
  symbol: 'asin',
  notation: { kind: 'function', text: 'asin', latex: '\\arcsin' },
  arity: { min: 1, max: 1 },
  description: 'inverse sine arcsin x, for −1 ≤ x ≤ 1',
  forward: ([x = NaN]) => Math.asin(x),
  partials: ([x = NaN]) => [1 / Math.sqrt((1 - x) * (1 + x))],
  partialFormulas: ([x = ZERO]) => [div(ONE, call('sqrt', sub(ONE, squared(x))))],
  kink: ([x = NaN]) =>
    Math.abs(x) === 1
      ? `asin is not differentiable at ${x}, the edge of its domain; slope ∞`
      : undefined,
  piece: ([x = NaN]) => unitInterval(x),
};

export const acos: OpSpec = {
  name: 'acos',
  symbol: 'acos',
  notation: { kind: 'function', text: 'acos', latex: '\\arccos' },
  arity: { min: 1, max: 1 },
  description: 'inverse cosine arccos x, for −1 ≤ x ≤ 1',
  forward: ([x = NaN]) => Math.acos(x),
  partials: ([x = NaN]) => [-1 / Math.sqrt((1 - x) * (1 + x))],
  partialFormulas: ([x = ZERO]) => [neg(div(ONE, call('sqrt', sub(ONE, squared(x)))))],
  kink: ([x = NaN]) =>
    Math.abs(x) === 1
      ? `acos is not differentiable at ${x}, the edge of its domain; slope −∞`
      : undefined,
  piece: ([x = NaN]) => unitInterval(x),
};

export const atan: OpSpec = {
  name: 'atan',
  symbol: 'atan',
  notation: { kind: 'function', text: 'atan', latex: '\\arctan' },
  arity: { min: 1, max: 1 },
  description: 'inverse tangent arctan x',
  forward: ([x = NaN]) => Math.atan(x),
  partials: ([x = NaN]) => [1 / (1 + x * x)],
  partialFormulas: ([x = ZERO]) => [div(ONE, add(ONE, squared(x)))],
};

/**
 * The angle of the point (x, y), operands in the order (y, x) as in every language. At the
 * origin the partials are 0/0 = NaN, as in PyTorch. On the negative x axis the angle jumps
 * from π to −π; the partials there are those of either side, which agree.
 */
export const atan2: OpSpec = {
  name: 'atan2',
  symbol: 'atan2',
  notation: { kind: 'function', text: 'atan2', latex: '\\operatorname{atan2}' },
  arity: { min: 2, max: 2 },
  description: 'angle atan2(y, x) of the point (x, y), in (−π, π]',
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
