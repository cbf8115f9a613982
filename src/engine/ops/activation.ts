/**
 * Activation functions of neural networks, with PyTorch's conventions at their kinks, and
 * `select`, the branch a conditional took.
 */
import type { OpSpec } from '../opSpec';
import { apply, arg, constant } from '../spelling';
import { ONE, ZERO, add, call, div, mul, neg, num, pow, sub } from '../sym';
import { unary } from './define';
import { erfc } from './errorFunction';
import { side } from './pieces';
import { step } from './step';

/** 1/(1 + e^(−x)) without overflow: for x < 0 it is computed as e^x/(1 + e^x). */
export function logistic(x: number): number {
  if (x >= 0) {
    return 1 / (1 + Math.exp(-x));
  }
  const e = Math.exp(x);
  return e / (1 + e);
}

const LEAKY_RELU_SLOPE = 0.01;
const ELU_ALPHA = 1;

/**
 * The slope is shown as σ(x)·(1 − σ(x)), as taught, but computed as σ(x)·σ(−x): 1 − σ(x)
 * rounds to 0 for x > 37 where the slope is still positive.
 */
export const sigmoid = unary({
  name: 'sigmoid',
  family: 'activation',
  symbol: 'σ',
  text: 'σ',
  latex: '\\sigma',
  description: 'sigmoid σ(x) = 1/(1 + e^(−x))',
  spellings: {
    math: 'sigmoid σ() sigma() logistic',
    python: [
      'torch.sigmoid F.sigmoid(input) torch.special.expit scipy.special.expit',
      {
        sig: 'F.silu(input, *, inplace)',
        formula: apply('mul', arg(0), apply('sigmoid', arg(0))),
      },
      {
        sig: 'F.logsigmoid(input)',
        formula: apply('neg', apply('softplus', apply('neg', arg(0)))),
      },
    ],
  },
  forward: logistic,
  partial: (x) => logistic(x) * logistic(-x),
  formula: (x) => mul(call('sigmoid', x), sub(ONE, call('sigmoid', x))),
});

export const relu = unary({
  name: 'relu',
  family: 'activation',
  description: 'rectified linear unit relu(x) = max(x, 0)',
  spellings: {
    math: 'relu ReLU',
    python: [
      'torch.relu F.relu(input, *, inplace)',
      {
        sig: 'F.relu6(input, *, inplace)',
        formula: apply('clamp', arg(0), constant(0), constant(6)),
      },
    ],
  },
  forward: (x) => Math.max(x, 0),
  partial: (x) => (x > 0 ? 1 : 0),
  formula: step,
  kink: (x) =>
    x === 0 ? "relu is not differentiable at 0; using relu'(0) = 0 as PyTorch does" : undefined,
  piece: (x) => side(x, 0),
});

/** x for x > 0, α·x otherwise; α is the optional second operand (default 0.01, as in PyTorch). */
export const leakyRelu: OpSpec = {
  name: 'leaky_relu',
  family: 'activation',
  symbol: 'leaky_relu',
  notation: { kind: 'function', text: 'leaky_relu', latex: '\\operatorname{leaky\\_relu}' },
  arity: { min: 1, max: 2 },
  description: 'leaky ReLU: x for x > 0, α·x otherwise (α defaults to 0.01)',
  spellings: {
    math: 'leaky_relu LeakyReLU',
    python: 'F.leaky_relu(input, negative_slope?, *, inplace)',
  },
  forward: ([x = NaN, alpha = LEAKY_RELU_SLOPE]) => (x > 0 ? x : alpha * x),
  partials: (args) => {
    const [x = NaN, alpha = LEAKY_RELU_SLOPE] = args;
    const dx = x > 0 ? 1 : alpha;
    return args.length === 1 ? [dx] : [dx, x > 0 ? 0 : x];
  },
  // α + (1 − α)·step(x) is 1 for x > 0 and α otherwise; ∂/∂α = x for x ≤ 0 is min(x, 0).
  partialFormulas: (args) => {
    const [x = ZERO, alpha] = args;
    const gap = alpha === undefined ? num(1 - LEAKY_RELU_SLOPE) : sub(ONE, alpha);
    const dx = add(alpha ?? num(LEAKY_RELU_SLOPE), mul(gap, step(x)));
    return alpha === undefined ? [dx] : [dx, call('min', x, ZERO)];
  },
  kink: ([x = NaN, alpha = LEAKY_RELU_SLOPE]) =>
    x === 0 && alpha !== 1
      ? `leaky_relu is not differentiable at 0; using the slope α = ${alpha} there as PyTorch does`
      : undefined,
  piece: ([x = NaN]) => side(x, 0),
};

/**
 * x for x > 0, α·(e^x − 1) otherwise (α is the optional second operand, default 1). PyTorch
 * takes the slope α·e^x at 0, i.e. α; with α = 1 both sides agree and there is no kink.
 */
export const elu: OpSpec = {
  name: 'elu',
  family: 'activation',
  symbol: 'elu',
  notation: { kind: 'function', text: 'elu', latex: '\\operatorname{elu}' },
  arity: { min: 1, max: 2 },
  description: 'exponential linear unit: x for x > 0, α·(e^x − 1) otherwise (α defaults to 1)',
  spellings: { math: 'elu ELU', python: 'F.elu(input, alpha?, *, inplace)' },
  forward: ([x = NaN, alpha = ELU_ALPHA]) => (x > 0 ? x : alpha * Math.expm1(x)),
  partials: (args) => {
    const [x = NaN, alpha = ELU_ALPHA] = args;
    const dx = x > 0 ? 1 : alpha * Math.exp(x);
    return args.length === 1 ? [dx] : [dx, x > 0 ? 0 : Math.expm1(x)];
  },
  // exp(min(x, 0)) is 1 for x > 0 and e^x otherwise, without overflow for large x.
  partialFormulas: (args) => {
    const [x = ZERO, alpha] = args;
    const expNegativePart = call('exp', call('min', x, ZERO));
    if (alpha === undefined) {
      return [expNegativePart];
    }
    const slope = mul(expNegativePart, add(alpha, mul(sub(ONE, alpha), step(x))));
    return [slope, call('expm1', call('min', x, ZERO))];
  },
  kink: ([x = NaN, alpha = ELU_ALPHA]) =>
    x === 0 && alpha !== 1
      ? `elu is not differentiable at 0; using the slope α·e⁰ = ${alpha} there as PyTorch does`
      : undefined,
  piece: ([x = NaN]) => side(x, 0),
};

/** ln(1 + e^x), computed as ln(1 + e^(−|x|)) + max(x, 0) so that it neither overflows nor rounds to 0. */
export const softplus = unary({
  name: 'softplus',
  family: 'activation',
  description: 'softplus ln(1 + e^x), a smooth relu',
  spellings: {
    math: 'softplus',
    python: [{ sig: 'F.softplus(input, beta?, threshold?)', convention: 'softplus-beta' }],
  },
  forward: (x) => Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0),
  partial: logistic,
  formula: (x) => call('sigmoid', x),
});

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * x·Φ(x) with Φ the standard normal CDF (PyTorch's default, approximate='none'). Φ(x) is
 * computed as erfc(−x/√2)/2: 1 + erf(x/√2) cancels for negative x.
 */
export const gelu = unary({
  name: 'gelu',
  family: 'activation',
  description: 'Gaussian error linear unit gelu(x) = x·Φ(x) = x/2·(1 + erf(x/√2))',
  spellings: {
    math: 'gelu GELU',
    python: [{ sig: 'F.gelu(input, approximate?)', convention: 'gelu-approximate' }],
  },
  forward: (x) => 0.5 * x * erfc(-x / Math.SQRT2),
  partial: (x) => 0.5 * erfc(-x / Math.SQRT2) + (x * Math.exp(-0.5 * x * x)) / SQRT_2PI,
  formula: (x) =>
    add(
      mul(num(0.5), add(ONE, call('erf', div(x, call('sqrt', num(2)))))),
      div(
        mul(x, call('exp', neg(div(pow(x, num(2)), num(2))))),
        call('sqrt', mul(num(2), num(Math.PI))),
      ),
    ),
});

const GELU_KAPPA = 0.044715;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * PyTorch's approximate='tanh' gelu: x/2·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³). It is
 * computed with 1 + tanh(u) = 2σ(2u) and 1 − tanh²(u) = 4σ(2u)σ(−2u), which do not cancel.
 */
export const geluTanh = unary({
  name: 'gelu_tanh',
  family: 'activation',
  latex: '\\operatorname{gelu}_{\\tanh}',
  description: 'gelu, tanh approximation x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))',
  spellings: { math: 'gelu_tanh' },
  forward: (x) => x * logistic(2 * SQRT_2_OVER_PI * (x + GELU_KAPPA * x * x * x)),
  partial: (x) => {
    const twoU = 2 * SQRT_2_OVER_PI * (x + GELU_KAPPA * x * x * x);
    const s = logistic(twoU);
    const bell = s * logistic(-twoU);
    // Where the bell has vanished, x·(1 + 3κx²) may have overflowed: 0·∞ must stay 0.
    const tail = bell === 0 ? 0 : 2 * bell * x * SQRT_2_OVER_PI * (1 + 3 * GELU_KAPPA * x * x);
    return s + tail;
  },
  formula: (x) => {
    const c = call('sqrt', div(num(2), num(Math.PI)));
    const t = call('tanh', mul(c, add(x, mul(num(GELU_KAPPA), pow(x, num(3))))));
    return add(
      mul(num(0.5), add(ONE, t)),
      mul(
        mul(mul(num(0.5), x), sub(ONE, pow(t, num(2)))),
        mul(c, add(ONE, mul(num(3 * GELU_KAPPA), pow(x, num(2))))),
      ),
    );
  },
});

/**
 * The branch a conditional took, recorded when the graph was built (define-by-run): the
 * identity on the value of that branch, so the gradient passes through unchanged.
 */
export const select = unary({
  name: 'select',
  family: 'control',
  symbol: '?:',
  description: 'the branch a conditional took; passes its value and gradient through',
  forward: (x) => x,
  partial: () => 1,
  formula: () => ONE,
});
