/** Hyperbolic functions and their inverses. */
import type { OpSpec } from '../opSpec';
import { ONE, ZERO, add, call, div, num, pow, sub } from '../sym';
import { side, unitInterval } from './pieces';

export const sinh: OpSpec = {
  name: 'sinh',
  symbol: 'sinh',
  notation: { kind: 'function', text: 'sinh', latex: '\\sinh' },
  arity: { min: 1, max: 1 },
  description: 'hyperbolic sine sinh x = (e^x − e^(−x))/2',
  forward: ([x = NaN]) => Math.sinh(x),
  partials: ([x = NaN]) => [Math.cosh(x)],
  partialFormulas: ([x = ZERO]) => [call('cosh', x)],
};

export const cosh: OpSpec = {
  name: 'cosh',
  symbol: 'cosh',
  notation: { kind: 'function', text: 'cosh', latex: '\\cosh' },
  arity: { min: 1, max: 1 },
  description: 'hyperbolic cosine cosh x = (e^x + e^(−x))/2',
  forward: ([x = NaN]) => Math.cosh(x),
  partials: ([x = NaN]) => [Math.sinh(x)],
  partialFormulas: ([x = ZERO]) => [call('sinh', x)],
};

/**
 * The slope is shown as 1 − tanh²x, as taught, but computed as 1/cosh²x: 1 − tanh²x is 0 for
 * |x| > 19 where the slope is still a (tiny) positive number.
 */
export const tanh: OpSpec = {
  name: 'tanh',
  symbol: 'tanh',
  notation: { kind: 'function', text: 'tanh', latex: '\\tanh' },
  arity: { min: 1, max: 1 },
  description: 'hyperbolic tangent tanh x',
  forward: ([x = NaN]) => Math.tanh(x),
  partials: ([x = NaN]) => {
    const c = Math.cosh(x);
    return [1 / (c * c)];
  },
  partialFormulas: ([x = ZERO]) => [sub(ONE, pow(call('tanh', x), num(2)))],
};

/** 1/√(x² + 1), computed as 1/hypot(x, 1) so that large x does not overflow to a slope of 0. */
export const asinh: OpSpec = {
  name: 'asinh',
  symbol: 'asinh',
  notation: { kind: 'function', text: 'asinh', latex: '\\operatorname{arsinh}' },
  arity: { min: 1, max: 1 },
  description: 'inverse hyperbolic sine arsinh x',
  forward: ([x = NaN]) => Math.asinh(x),
  partials: ([x = NaN]) => [1 / Math.hypot(x, 1)],
  partialFormulas: ([x = ZERO]) => [div(ONE, call('sqrt', add(pow(x, num(2)), ONE)))],
};

/** 1/√(x² − 1), computed as 1/(√(x − 1)·√(x + 1)) for accuracy near 1 and no overflow. */
export const acosh: OpSpec = {
  name: 'acosh',
  symbol: 'acosh',
  notation: { kind: 'function', text: 'acosh', latex: '\\operatorname{arcosh}' },
  arity: { min: 1, max: 1 },
  description: 'inverse hyperbolic cosine arcosh x, for x ≥ 1',
  forward: ([x = NaN]) => Math.acosh(x),
  partials: ([x = NaN]) => [1 / (Math.sqrt(x - 1) * Math.sqrt(x + 1))],
  partialFormulas: ([x = ZERO]) => [div(ONE, call('sqrt', sub(pow(x, num(2)), ONE)))],
  kink: ([x = NaN]) =>
    x === 1 ? 'acosh is not differentiable at 1, the edge of its domain x ≥ 1; slope ∞' : undefined,
  piece: ([x = NaN]) => side(x, 1),
};

/** 1/(1 − x²), computed as 1/((1 − x)(1 + x)) to keep its accuracy near ±1. */
export const atanh: OpSpec = {
  name: 'atanh',
  symbol: 'atanh',
  notation: { kind: 'function', text: 'atanh', latex: '\\operatorname{artanh}' },
  arity: { min: 1, max: 1 },
  description: 'inverse hyperbolic tangent artanh x, for −1 < x < 1',
  forward: ([x = NaN]) => Math.atanh(x),
  partials: ([x = NaN]) => [1 / ((1 - x) * (1 + x))],
  partialFormulas: ([x = ZERO]) => [div(ONE, sub(ONE, pow(x, num(2))))],
  kink: ([x = NaN]) =>
    Math.abs(x) === 1
      ? `atanh(${x}) = ${x > 0 ? '' : '−'}∞: the edge of its domain; slope ∞`
      : undefined,
  piece: ([x = NaN]) => unitInterval(x),
};
