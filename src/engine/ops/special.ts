/** The error function and the Euclidean norm. */
import type { OpSpec } from '../opSpec';
import { call, div, mul, neg, num, pow } from '../sym';
import { unary } from './define';
import { erf as erfValue } from './errorFunction';
import { side } from './pieces';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const erf = unary({
  name: 'erf',
  family: 'special',
  description: 'error function erf x = (2/√π)·∫₀ˣ e^(−t²) dt',
  spellings: {
    math: 'erf',
    python: 'math.erf np.erf torch.erf torch.special.erf scipy.special.erf',
  },
  forward: erfValue,
  partial: (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x),
  formula: (x) => mul(div(num(2), call('sqrt', num(Math.PI))), call('exp', neg(pow(x, num(2))))),
});

/**
 * √(a² + b² + …) for any number of operands, as JavaScript's Math.hypot and Python's
 * math.hypot take. At the origin the partials are 0/0 = NaN, as in PyTorch's hypot.
 */
export const hypot: OpSpec = {
  name: 'hypot',
  family: 'special',
  symbol: 'hypot',
  notation: { kind: 'function', text: 'hypot', latex: '\\operatorname{hypot}' },
  arity: { min: 1, max: Infinity },
  description: 'Euclidean norm hypot(a, b, …) = √(a² + b² + …)',
  spellings: {
    math: 'hypot',
    python: 'math.hypot(x, ...) np.hypot(x1, x2) torch.hypot(input, other)',
    javascript: 'Math.hypot(x, ...)',
  },
  forward: (args) => Math.hypot(...args),
  partials: (args, value) => args.map((a) => a / value),
  partialFormulas: (args) => args.map((a) => div(a, call('hypot', ...args))),
  kink: (args) =>
    args.every((a) => a === 0)
      ? 'hypot is not differentiable at the origin; its partials are 0/0 = NaN, as in PyTorch'
      : undefined,
  // With one operand hypot is |x|, whose two sides are two pieces. With more, the origin is a
  // piece of its own: any labelling that also split a line through it would split smooth
  // lines too, since the plane without the origin is connected.
  piece: (args) =>
    args.length === 1 ? side(args[0] ?? NaN, 0) : args.every((a) => a === 0) ? 1 : 0,
};
