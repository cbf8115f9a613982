/** Exponentials, logarithms and roots. */
import type { OpSpec } from '../opSpec';
import { ONE, ZERO, add, call, div, mul, num, pow } from '../sym';
import { side } from './pieces';

export const exp: OpSpec = {
  name: 'exp',
  symbol: 'exp',
  notation: { kind: 'function', text: 'exp', latex: '\\exp' },
  arity: { min: 1, max: 1 },
  description: 'exponential e^x',
  forward: ([x = NaN]) => Math.exp(x),
  partials: (_args, value) => [value],
  partialFormulas: ([x = ZERO]) => [call('exp', x)],
};

/** e^x − 1 without the cancellation of exp(x) − 1 near 0. */
export const expm1: OpSpec = {
  name: 'expm1',
  symbol: 'expm1',
  notation: { kind: 'function', text: 'expm1', latex: '\\operatorname{expm1}' },
  arity: { min: 1, max: 1 },
  description: 'e^x − 1, accurate near 0',
  forward: ([x = NaN]) => Math.expm1(x),
  partials: ([x = NaN]) => [Math.exp(x)],
  partialFormulas: ([x = ZERO]) => [call('exp', x)],
};

/** Natural logarithm. Like PyTorch the partial is 1/x everywhere, so log(−1) is NaN with slope −1. */
export const log: OpSpec = {
  name: 'log',
  symbol: 'log',
  notation: { kind: 'function', text: 'log', latex: '\\ln' },
  arity: { min: 1, max: 1 },
  description: 'natural logarithm ln x',
  forward: ([x = NaN]) => Math.log(x),
  partials: ([x = NaN]) => [1 / x],
  partialFormulas: ([x = ZERO]) => [div(ONE, x)],
  kink: ([x = NaN]) =>
    x === 0 ? 'log(0) = −∞: the edge of the domain x > 0; slope 1/0 = ∞' : undefined,
  piece: ([x = NaN]) => side(x, 0),
};

/** ln(1 + x) without the rounding of 1 + x near 0. */
export const log1p: OpSpec = {
  name: 'log1p',
  symbol: 'log1p',
  notation: { kind: 'function', text: 'log1p', latex: '\\operatorname{log1p}' },
  arity: { min: 1, max: 1 },
  description: 'ln(1 + x), accurate near 0',
  forward: ([x = NaN]) => Math.log1p(x),
  partials: ([x = NaN]) => [1 / (1 + x)],
  partialFormulas: ([x = ZERO]) => [div(ONE, add(ONE, x))],
  kink: ([x = NaN]) =>
    x === -1 ? 'log1p(−1) = −∞: the edge of the domain x > −1; slope 1/0 = ∞' : undefined,
  piece: ([x = NaN]) => side(x, -1),
};

export const log2: OpSpec = {
  name: 'log2',
  symbol: 'log₂',
  notation: { kind: 'function', text: 'log2', latex: '\\log_2' },
  arity: { min: 1, max: 1 },
  description: 'base-2 logarithm log₂ x',
  forward: ([x = NaN]) => Math.log2(x),
  partials: ([x = NaN]) => [1 / (x * Math.LN2)],
  partialFormulas: ([x = ZERO]) => [div(ONE, mul(x, call('log', num(2))))],
  kink: ([x = NaN]) =>
    x === 0 ? 'log2(0) = −∞: the edge of the domain x > 0; slope ∞' : undefined,
  piece: ([x = NaN]) => side(x, 0),
};

export const log10: OpSpec = {
  name: 'log10',
  symbol: 'log₁₀',
  notation: { kind: 'function', text: 'log10', latex: '\\log_{10}' },
  arity: { min: 1, max: 1 },
  description: 'base-10 logarithm log₁₀ x',
  forward: ([x = NaN]) => Math.log10(x),
  partials: ([x = NaN]) => [1 / (x * Math.LN10)],
  partialFormulas: ([x = ZERO]) => [div(ONE, mul(x, call('log', num(10))))],
  kink: ([x = NaN]) =>
    x === 0 ? 'log10(0) = −∞: the edge of the domain x > 0; slope ∞' : undefined,
  piece: ([x = NaN]) => side(x, 0),
};

/** Square root; the slope 1/(2√x) is +∞ at 0, as in PyTorch. */
export const sqrt: OpSpec = {
  name: 'sqrt',
  symbol: '√',
  notation: { kind: 'function', text: 'sqrt', latex: '\\sqrt' },
  arity: { min: 1, max: 1 },
  description: 'square root √x',
  forward: ([x = NaN]) => Math.sqrt(x),
  partials: (_args, value) => [0.5 / value],
  partialFormulas: ([x = ZERO]) => [div(ONE, mul(num(2), call('sqrt', x)))],
  kink: ([x = NaN]) =>
    x === 0
      ? 'sqrt is not differentiable at 0, the edge of its domain; slope 1/(2√0) = ∞'
      : undefined,
  piece: ([x = NaN]) => side(x, 0),
};

/** Real cube root (defined for negative x too); vertical tangent at 0. */
export const cbrt: OpSpec = {
  name: 'cbrt',
  symbol: '∛',
  notation: { kind: 'function', text: 'cbrt', latex: '\\sqrt[3]' },
  arity: { min: 1, max: 1 },
  description: 'real cube root ∛x',
  forward: ([x = NaN]) => Math.cbrt(x),
  partials: (_args, value) => [1 / (3 * value * value)],
  partialFormulas: ([x = ZERO]) => [div(ONE, mul(num(3), pow(call('cbrt', x), num(2))))],
  kink: ([x = NaN]) =>
    x === 0 ? 'cbrt is not differentiable at 0 (vertical tangent); slope 1/(3·0²) = ∞' : undefined,
  piece: ([x = NaN]) => side(x, 0),
};
