/** Exponentials, logarithms and roots. */
import { apply, arg, constant } from '../spelling';
import { ONE, add, call, div, mul, num, pow } from '../sym';
import { unary } from './define';
import { side } from './pieces';

export const exp = unary({
  name: 'exp',
  family: 'exponential',
  latex: '\\exp',
  description: 'exponential e^x',
  spellings: { math: 'exp', python: 'math.exp np.exp torch.exp', javascript: 'Math.exp' },
  forward: Math.exp,
  partial: (_x, value) => value,
  formula: (x) => call('exp', x),
});

/** e^x − 1 without the cancellation of exp(x) − 1 near 0. */
export const expm1 = unary({
  name: 'expm1',
  family: 'exponential',
  description: 'e^x − 1, accurate near 0',
  spellings: {
    math: 'expm1',
    python: 'math.expm1 np.expm1 torch.expm1',
    javascript: 'Math.expm1',
  },
  forward: Math.expm1,
  partial: (x) => Math.exp(x),
  formula: (x) => call('exp', x),
});

/** Natural logarithm. Like PyTorch the partial is 1/x everywhere, so log(−1) is NaN with slope −1. */
export const log = unary({
  name: 'log',
  family: 'exponential',
  latex: '\\ln',
  description: 'natural logarithm ln x',
  spellings: {
    math: 'ln log',
    python: [
      { sig: 'math.log(x, base?)', convention: 'log-base' },
      'np.log',
      { sig: 'torch.log(input)', convention: 'no-base' },
    ],
    javascript: 'Math.log',
  },
  forward: Math.log,
  partial: (x) => 1 / x,
  formula: (x) => div(ONE, x),
  kink: (x) => (x === 0 ? 'log(0) = −∞: the edge of the domain x > 0; slope 1/0 = ∞' : undefined),
  piece: (x) => side(x, 0),
});

/** ln(1 + x) without the rounding of 1 + x near 0. */
export const log1p = unary({
  name: 'log1p',
  family: 'exponential',
  description: 'ln(1 + x), accurate near 0',
  spellings: {
    math: 'log1p',
    python: 'math.log1p np.log1p torch.log1p',
    javascript: 'Math.log1p',
  },
  forward: Math.log1p,
  partial: (x) => 1 / (1 + x),
  formula: (x) => div(ONE, add(ONE, x)),
  kink: (x) =>
    x === -1 ? 'log1p(−1) = −∞: the edge of the domain x > −1; slope 1/0 = ∞' : undefined,
  piece: (x) => side(x, -1),
});

export const log2 = unary({
  name: 'log2',
  family: 'exponential',
  symbol: 'log₂',
  latex: '\\log_2',
  description: 'base-2 logarithm log₂ x',
  spellings: {
    math: 'log2 log_2',
    python: 'math.log2 np.log2 torch.log2',
    javascript: 'Math.log2',
  },
  forward: Math.log2,
  partial: (x) => 1 / (x * Math.LN2),
  formula: (x) => div(ONE, mul(x, call('log', num(2)))),
  kink: (x) => (x === 0 ? 'log2(0) = −∞: the edge of the domain x > 0; slope ∞' : undefined),
  piece: (x) => side(x, 0),
});

export const log10 = unary({
  name: 'log10',
  family: 'exponential',
  symbol: 'log₁₀',
  latex: '\\log_{10}',
  description: 'base-10 logarithm log₁₀ x',
  spellings: {
    math: 'log10 log_10',
    python: 'math.log10 np.log10 torch.log10',
    javascript: 'Math.log10',
  },
  forward: Math.log10,
  partial: (x) => 1 / (x * Math.LN10),
  formula: (x) => div(ONE, mul(x, call('log', num(10)))),
  kink: (x) => (x === 0 ? 'log10(0) = −∞: the edge of the domain x > 0; slope ∞' : undefined),
  piece: (x) => side(x, 0),
});

/** Square root; the slope 1/(2√x) is +∞ at 0, as in PyTorch. */
export const sqrt = unary({
  name: 'sqrt',
  family: 'exponential',
  symbol: '√',
  latex: '\\sqrt',
  description: 'square root √x',
  spellings: {
    math: 'sqrt',
    python: [
      'math.sqrt np.sqrt torch.sqrt',
      {
        sig: 'torch.rsqrt(input)',
        formula: apply('div', constant(1), apply('sqrt', arg(0))),
      },
    ],
    javascript: 'Math.sqrt',
  },
  forward: Math.sqrt,
  partial: (_x, value) => 0.5 / value,
  formula: (x) => div(ONE, mul(num(2), call('sqrt', x))),
  kink: (x) =>
    x === 0
      ? 'sqrt is not differentiable at 0, the edge of its domain; slope 1/(2√0) = ∞'
      : undefined,
  piece: (x) => side(x, 0),
});

/** Real cube root (defined for negative x too); vertical tangent at 0. */
export const cbrt = unary({
  name: 'cbrt',
  family: 'exponential',
  symbol: '∛',
  latex: '\\sqrt[3]',
  description: 'real cube root ∛x',
  spellings: { math: 'cbrt', python: 'math.cbrt np.cbrt torch.cbrt', javascript: 'Math.cbrt' },
  forward: Math.cbrt,
  partial: (_x, value) => 1 / (3 * value * value),
  formula: (x) => div(ONE, mul(num(3), pow(call('cbrt', x), num(2)))),
  kink: (x) =>
    x === 0 ? 'cbrt is not differentiable at 0 (vertical tangent); slope 1/(3·0²) = ∞' : undefined,
  piece: (x) => side(x, 0),
});
