/**
 * Piecewise ops: absolute value, the n-ary max/min routers, clamp, and the piecewise-constant
 * rounding functions and sign. PyTorch's conventions decide the slope at every kink.
 */
import type { OpSpec } from '../opSpec';
import { apply, arg, constant, type Spellings } from '../spelling';
import { ONE, ZERO, add, call, div, mul, num, sub, type Sym } from '../sym';
import { unary } from './define';
import { side } from './pieces';
import { step } from './step';

/** Indices of the operands equal to `value` (all of them at a tie). */
function winners(args: readonly number[], value: number): number[] {
  const indices: number[] = [];
  args.forEach((a, i) => {
    if (a === value) {
      indices.push(i);
    }
  });
  return indices;
}

/**
 * Like torch.maximum, a tie splits the gradient evenly among the tied operands (1/k each for
 * a k-way tie). A NaN operand makes the value NaN and every partial NaN.
 */
function routerPartials(args: readonly number[], value: number): number[] {
  const tied = winners(args, value);
  if (tied.length === 0) {
    return args.map(() => NaN);
  }
  const share = 1 / tied.length;
  return args.map((a) => (a === value ? share : 0));
}

function routerKink(
  name: 'max' | 'min',
  torchName: string,
  args: readonly number[],
): string | undefined {
  const value = name === 'max' ? Math.max(...args) : Math.min(...args);
  const tied = winners(args, value);
  if (tied.length < 2) {
    return undefined;
  }
  const positions = tied.map((i) => i + 1).join(', ');
  const all = tied.length === 2 ? 'both' : 'all';
  return `${name} is not differentiable where operands tie: operands ${positions} ${all} equal ${value}; the gradient is split evenly, 1/${tied.length} each, as ${torchName} does`;
}

/** The index of the unique winner; −1 for a tie (or NaN), which is a piece of its own. */
function routerPiece(args: readonly number[], value: number): number {
  const tied = winners(args, value);
  return tied.length === 1 ? (tied[0] ?? -1) : -1;
}

/**
 * ∂/∂a_i as the product over j ≠ i of (1 + sign(a_i − a_j))/2, each factor 1 when a_i wins
 * against a_j, 0 when it loses. Exact off ties and at every two-way tie of the winners; a
 * k-way tie (k ≥ 3) reads (1/2)^(k−1) where the number is 1/k.
 */
function routerFormulas(args: readonly Sym[], direction: 1 | -1): Sym[] {
  return args.map((a, i) => {
    const factors = args
      .filter((_, j) => j !== i)
      .map((b) => div(add(ONE, call('sign', direction === 1 ? sub(a, b) : sub(b, a))), num(2)));
    const [first = ONE, ...rest] = factors;
    return rest.reduce((product, factor) => mul(product, factor), first);
  });
}

export const abs = unary({
  name: 'abs',
  family: 'piecewise',
  description: 'absolute value |x|',
  spellings: {
    math: 'abs',
    python: 'abs math.abs math.fabs np.abs np.absolute np.fabs torch.abs torch.absolute',
    javascript: 'Math.abs',
  },
  forward: Math.abs,
  // + 0 turns the −0 of Math.sign(−0) into 0.
  partial: (x) => Math.sign(x) + 0,
  formula: (x) => call('sign', x),
  kink: (x) =>
    x === 0 ? "abs is not differentiable at 0; using abs'(0) = 0 as PyTorch does" : undefined,
  piece: (x) => side(x, 0),
});

/** max or min of any number of operands: a router, whose gradient goes to the winner. */
function router(
  name: 'max' | 'min',
  pick: (...values: number[]) => number,
  direction: 1 | -1,
  torchName: string,
  extreme: 'largest' | 'smallest',
  spellings: Spellings,
): OpSpec {
  return {
    name,
    family: 'piecewise',
    symbol: name,
    notation: { kind: 'function', text: name, latex: `\\${name}` },
    arity: { min: 1, max: Infinity },
    description: `the ${extreme} operand; the gradient goes to it alone (split evenly at a tie)`,
    gate: 'router',
    spellings,
    forward: (args) => pick(...args),
    partials: routerPartials,
    partialFormulas: (args) => routerFormulas(args, direction),
    kink: (args) => routerKink(name, torchName, args),
    piece: (args) => routerPiece(args, pick(...args)),
  };
}

export const max = router('max', Math.max, 1, 'torch.maximum', 'largest', {
  math: 'max',
  python:
    'max(x, y, ...) np.maximum(x1, x2) np.fmax(x1, x2) torch.maximum(input, other) torch.fmax(input, other)',
  javascript: 'Math.max(x, ...)',
});

export const min = router('min', Math.min, -1, 'torch.minimum', 'smallest', {
  math: 'min',
  python:
    'min(x, y, ...) np.minimum(x1, x2) np.fmin(x1, x2) torch.minimum(input, other) torch.fmin(input, other)',
  javascript: 'Math.min(x, ...)',
});

/**
 * clamp(x, lo, hi) = min(max(x, lo), hi), as torch.clamp (hi wins when lo > hi). Partials
 * follow PyTorch: x gets the gradient when lo ≤ x ≤ hi (bounds included), lo when x < lo < hi,
 * hi when x > hi or hi < lo. The formulas assume lo ≤ hi.
 */
export const clamp: OpSpec = {
  name: 'clamp',
  family: 'piecewise',
  symbol: 'clamp',
  notation: { kind: 'function', text: 'clamp', latex: '\\operatorname{clamp}' },
  arity: { min: 3, max: 3 },
  description: 'x limited to the interval [lo, hi]',
  spellings: {
    math: 'clamp clip',
    python: [
      {
        sig: 'np.clip(a, a_min?, a_max?) torch.clamp(input, min?, max?) torch.clip(input, min?, max?)',
        convention: 'optional-bounds',
      },
      { sig: 'F.hardtanh(input, min_val?, max_val?, *, inplace)', convention: 'hardtanh-bounds' },
    ],
  },
  gate: 'router',
  forward: ([x = NaN, lo = NaN, hi = NaN]) => Math.min(Math.max(x, lo), hi),
  partials: ([x = NaN, lo = NaN, hi = NaN]) => [
    lo <= x && x <= hi ? 1 : 0,
    x < lo && lo < hi ? 1 : 0,
    x > hi || hi < lo ? 1 : 0,
  ],
  partialFormulas: ([x = ZERO, lo = ZERO, hi = ZERO]) => [
    mul(sub(ONE, step(sub(lo, x))), sub(ONE, step(sub(x, hi)))),
    step(sub(lo, x)),
    step(sub(x, hi)),
  ],
  kink: ([x = NaN, lo = NaN, hi = NaN]) => {
    const bound = x === lo ? 'lo' : x === hi ? 'hi' : undefined;
    return bound === undefined
      ? undefined
      : `clamp is not differentiable where x meets a bound (x = ${bound} = ${x}); the gradient passes to x, as PyTorch does`;
  },
  piece: ([x = NaN, lo = NaN, hi = NaN]) => side(x, lo) + side(x, hi),
};

/** A piecewise-constant op: gradient 0 everywhere, as PyTorch takes it even at the jumps. */
function constantPieces(record: {
  readonly name: 'floor' | 'ceil' | 'round' | 'trunc' | 'sign';
  readonly description: string;
  readonly spellings: Spellings;
  readonly forward: (x: number) => number;
  readonly jumpsAt: (x: number) => boolean;
  /** Where it jumps, for the message. */
  readonly where: string;
}): OpSpec {
  const { name, forward, jumpsAt, where } = record;
  return unary({
    ...record,
    family: 'piecewise',
    zeroGradient: true,
    partial: () => 0,
    formula: () => ZERO,
    kink: (x) =>
      jumpsAt(x)
        ? `${name} jumps ${where}; its gradient is taken as 0, as PyTorch does`
        : undefined,
    // The value names the piece; + 0 makes −0 (trunc(−0.5)) and 0 the same piece.
    piece: (x) => (Number.isNaN(x) ? 0 : forward(x) + 0),
  });
}

/**
 * Round half to even, as Python's round() and torch.round (JavaScript's Math.round rounds
 * halves up instead: Math.round(2.5) = 3, round(2.5) = 2).
 */
function roundHalfEven(x: number): number {
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}

export const floor = constantPieces({
  name: 'floor',
  description: 'floor ⌊x⌋, the largest integer ≤ x',
  spellings: {
    math: 'floor',
    python: 'math.floor np.floor torch.floor',
    javascript: 'Math.floor',
  },
  forward: Math.floor,
  jumpsAt: Number.isInteger,
  where: 'at every integer',
});

export const ceil = constantPieces({
  name: 'ceil',
  description: 'ceiling ⌈x⌉, the smallest integer ≥ x',
  spellings: { math: 'ceil', python: 'math.ceil np.ceil torch.ceil', javascript: 'Math.ceil' },
  forward: Math.ceil,
  jumpsAt: Number.isInteger,
  where: 'at every integer',
});

export const round = constantPieces({
  name: 'round',
  description: 'x rounded to the nearest integer, halves to even (as Python and PyTorch do)',
  spellings: {
    math: 'round',
    python: [
      {
        sig: 'round(number, ndigits?) np.round(a, decimals?) np.around(a, decimals?) torch.round(input, decimals?)',
        convention: 'whole-digits',
      },
      'np.rint',
    ],
    // Math.round rounds halves up (Math.round(-2.5) = -2), unlike round (half to even).
    javascript: [
      { sig: 'Math.round', formula: apply('floor', apply('add', arg(0), constant(0.5))) },
    ],
  },
  forward: roundHalfEven,
  jumpsAt: (x) => Math.abs(x % 1) === 0.5,
  where: 'at every half-integer',
});

export const trunc = constantPieces({
  name: 'trunc',
  description: 'x rounded toward 0',
  spellings: {
    math: 'trunc',
    python: 'math.trunc np.trunc np.fix torch.trunc torch.fix',
    javascript: 'Math.trunc',
  },
  forward: Math.trunc,
  jumpsAt: (x) => Number.isInteger(x) && x !== 0,
  where: 'at every nonzero integer',
});

export const sign = constantPieces({
  name: 'sign',
  description: 'sign of x: −1, 0 or 1',
  spellings: { math: 'sign sgn', python: 'np.sign torch.sign', javascript: 'Math.sign' },
  // + 0 turns the −0 of Math.sign(−0) into 0, as torch.sign gives.
  forward: (x) => Math.sign(x) + 0,
  jumpsAt: (x) => x === 0,
  where: 'at 0',
});
