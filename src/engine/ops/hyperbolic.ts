/** Hyperbolic functions and their inverses. */
import { ONE, add, call, div, num, pow, sub } from '../sym';
import { unary } from './define';
import { side, unitInterval } from './pieces';

export const sinh = unary({
  name: 'sinh',
  family: 'hyperbolic',
  latex: '\\sinh',
  description: 'hyperbolic sine sinh x = (e^x − e^(−x))/2',
  spellings: { math: 'sinh', python: 'math.sinh np.sinh torch.sinh', javascript: 'Math.sinh' },
  forward: Math.sinh,
  partial: (x) => Math.cosh(x),
  formula: (x) => call('cosh', x),
});

export const cosh = unary({
  name: 'cosh',
  family: 'hyperbolic',
  latex: '\\cosh',
  description: 'hyperbolic cosine cosh x = (e^x + e^(−x))/2',
  spellings: { math: 'cosh', python: 'math.cosh np.cosh torch.cosh', javascript: 'Math.cosh' },
  forward: Math.cosh,
  partial: (x) => Math.sinh(x),
  formula: (x) => call('sinh', x),
});

/**
 * The slope is shown as 1 − tanh²x, as taught, but computed as 1/cosh²x: 1 − tanh²x is 0 for
 * |x| > 19 where the slope is still a (tiny) positive number.
 */
export const tanh = unary({
  name: 'tanh',
  family: 'hyperbolic',
  latex: '\\tanh',
  description: 'hyperbolic tangent tanh x',
  spellings: {
    math: 'tanh',
    python: 'math.tanh np.tanh torch.tanh F.tanh(input)',
    javascript: 'Math.tanh',
  },
  forward: Math.tanh,
  partial: (x) => {
    const c = Math.cosh(x);
    return 1 / (c * c);
  },
  formula: (x) => sub(ONE, pow(call('tanh', x), num(2))),
});

/** 1/√(x² + 1), computed as 1/hypot(x, 1) so that large x does not overflow to a slope of 0. */
export const asinh = unary({
  name: 'asinh',
  family: 'hyperbolic',
  latex: '\\operatorname{arsinh}',
  description: 'inverse hyperbolic sine arsinh x',
  spellings: {
    math: 'asinh arsinh arcsinh',
    python: 'math.asinh np.arcsinh torch.asinh torch.arcsinh',
    javascript: 'Math.asinh',
  },
  forward: Math.asinh,
  partial: (x) => 1 / Math.hypot(x, 1),
  formula: (x) => div(ONE, call('sqrt', add(pow(x, num(2)), ONE))),
});

/** 1/√(x² − 1), computed as 1/(√(x − 1)·√(x + 1)) for accuracy near 1 and no overflow. */
export const acosh = unary({
  name: 'acosh',
  family: 'hyperbolic',
  latex: '\\operatorname{arcosh}',
  description: 'inverse hyperbolic cosine arcosh x, for x ≥ 1',
  spellings: {
    math: 'acosh arcosh arccosh',
    python: 'math.acosh np.arccosh torch.acosh torch.arccosh',
    javascript: 'Math.acosh',
  },
  forward: Math.acosh,
  partial: (x) => 1 / (Math.sqrt(x - 1) * Math.sqrt(x + 1)),
  formula: (x) => div(ONE, call('sqrt', sub(pow(x, num(2)), ONE))),
  kink: (x) =>
    x === 1 ? 'acosh is not differentiable at 1, the edge of its domain x ≥ 1; slope ∞' : undefined,
  piece: (x) => side(x, 1),
});

/** 1/(1 − x²), computed as 1/((1 − x)(1 + x)) to keep its accuracy near ±1. */
export const atanh = unary({
  name: 'atanh',
  family: 'hyperbolic',
  latex: '\\operatorname{artanh}',
  description: 'inverse hyperbolic tangent artanh x, for −1 < x < 1',
  spellings: {
    math: 'atanh artanh arctanh',
    python: 'math.atanh np.arctanh torch.atanh torch.arctanh',
    javascript: 'Math.atanh',
  },
  forward: Math.atanh,
  partial: (x) => 1 / ((1 - x) * (1 + x)),
  formula: (x) => div(ONE, sub(ONE, pow(x, num(2)))),
  kink: (x) =>
    Math.abs(x) === 1
      ? `atanh(${x}) = ${x > 0 ? '' : '−'}∞: the edge of its domain; slope ∞`
      : undefined,
  piece: unitInterval,
});
