/**
 * For every op: its expected arity, the operand counts to exercise, hand-picked points and a
 * sampler of random points, all inside the op's domain and well away from its kinks.
 */
import type { OpName } from '../../../src/engine/opName';

export interface OpCase {
  readonly arity: { readonly min: number; readonly max: number };
  readonly arities: readonly number[];
  readonly grid: readonly (readonly number[])[];
  /** A random smooth point with `n` operands; `undefined` asks for another draw. */
  readonly draw: (random: () => number, n: number) => number[] | undefined;
}

const between = (random: () => number, lo: number, hi: number): number => lo + (hi - lo) * random();

/** Distance from x to the nearest integer. */
const offInteger = (x: number): number => Math.abs(x - Math.round(x));

const MARGIN = 0.05;

/** n independent operands uniform in [lo, hi], kept when `accept` holds. */
function uniform(
  lo: number,
  hi: number,
  accept: (args: number[]) => boolean = () => true,
): OpCase['draw'] {
  return (random, n) => {
    const args = Array.from({ length: n }, () => between(random, lo, hi));
    return accept(args) ? args : undefined;
  };
}

function unary(
  lo: number,
  hi: number,
  grid: readonly number[],
  accept: (x: number) => boolean = () => true,
): OpCase {
  return {
    arity: { min: 1, max: 1 },
    arities: [1],
    grid: grid.map((x) => [x]),
    draw: uniform(lo, hi, ([x = NaN]) => accept(x)),
  };
}

function binary(
  lo: number,
  hi: number,
  grid: readonly (readonly number[])[],
  accept?: (args: number[]) => boolean,
): OpCase {
  return { arity: { min: 2, max: 2 }, arities: [2], grid, draw: uniform(lo, hi, accept) };
}

const awayFromZero = (x: number): boolean => Math.abs(x) >= MARGIN;

/** No two operands closer than the margin: no ties, so max and min are smooth. */
const distinct = (args: number[]): boolean =>
  args.every((a, i) => args.every((b, j) => i === j || Math.abs(a - b) >= MARGIN));

/** a/b at least the margin away from an integer, so % and // are off their jumps. */
const offMultiples = ([a = NaN, b = NaN]: number[]): boolean =>
  Math.abs(b) >= 0.5 && offInteger(a / b) >= MARGIN;

const SMALL_GRID = [-2, -0.7, 0.3, 1, 2.5];

export const CASES: Record<OpName, OpCase> = {
  add: binary(-5, 5, [
    [-2, 5],
    [0, 0],
    [1e3, -3],
  ]),
  sub: binary(-5, 5, [
    [-2, 5],
    [3, 3],
  ]),
  mul: binary(-5, 5, [
    [-2, 5],
    [3, -4],
    [0, 7],
  ]),
  div: binary(
    -5,
    5,
    [
      [1, 2],
      [-3, 0.5],
      [0, -4],
    ],
    ([, b = NaN]) => Math.abs(b) >= 0.2,
  ),
  neg: unary(-5, 5, SMALL_GRID),
  pow: {
    arity: { min: 2, max: 2 },
    arities: [2],
    grid: [
      [2, 3],
      [0.5, -2],
      [3, 0.5],
      [1, 7],
      [2, 0],
    ],
    draw: (random) => [between(random, 0.2, 4), between(random, -3, 3)],
  },
  mod: binary(
    -10,
    10,
    [
      [7, 3],
      [-7, 3],
      [7.5, -2],
      [5.5, 0.7],
    ],
    offMultiples,
  ),
  fmod: binary(
    -10,
    10,
    [
      [7, 3],
      [-7, 3],
      [7.5, -2],
      [5.5, 0.7],
    ],
    offMultiples,
  ),
  floordiv: binary(
    -10,
    10,
    [
      [7, 3],
      [-7, 3],
      [7.5, -2],
    ],
    offMultiples,
  ),
  exp: unary(-5, 5, SMALL_GRID),
  expm1: unary(-5, 5, [...SMALL_GRID, 1e-9]),
  log: unary(0.1, 20, [0.1, 0.5, 1, Math.E, 10]),
  log1p: unary(-0.9, 20, [-0.5, 1e-9, 0.3, 1, 10]),
  log2: unary(0.1, 20, [0.25, 1, 2, 8]),
  log10: unary(0.1, 20, [0.5, 1, 10, 20]),
  sqrt: unary(0.05, 20, [0.25, 1, 2, 9]),
  cbrt: unary(-20, 20, [-8, -0.5, 0.125, 1, 27], awayFromZero),
  abs: unary(-5, 5, [-2, -0.3, 0.3, 4], awayFromZero),
  sin: unary(-7, 7, SMALL_GRID),
  cos: unary(-7, 7, SMALL_GRID),
  // Away from the poles at π/2 + kπ, where the slope 1 + tan²x blows up.
  tan: unary(-7, 7, [-1.2, -0.5, 0, 0.7, 3], (x) => Math.abs(Math.cos(x)) >= 0.1),
  asin: unary(-0.95, 0.95, [-0.9, -0.5, 0, 0.5, 0.9]),
  acos: unary(-0.95, 0.95, [-0.9, -0.5, 0, 0.5, 0.9]),
  atan: unary(-10, 10, SMALL_GRID),
  // Away from the origin and from the jump of the angle on the negative x axis.
  atan2: binary(
    -5,
    5,
    [
      [1, 1],
      [1, -1],
      [-2, 0.5],
      [0, 3],
      [0.5, -2],
    ],
    ([y = NaN, x = NaN]) => Math.hypot(x, y) >= 0.2 && !(x < 0 && Math.abs(y) < 0.1),
  ),
  sinh: unary(-5, 5, SMALL_GRID),
  cosh: unary(-5, 5, SMALL_GRID),
  tanh: unary(-5, 5, SMALL_GRID),
  asinh: unary(-20, 20, SMALL_GRID),
  acosh: unary(1.05, 20, [1.1, 1.5, 2, 10]),
  atanh: unary(-0.95, 0.95, [-0.9, -0.5, 0, 0.5, 0.9]),
  sigmoid: unary(-10, 10, [...SMALL_GRID, 0, 8]),
  relu: unary(-5, 5, [-2, -0.3, 0.3, 4], awayFromZero),
  leaky_relu: {
    arity: { min: 1, max: 2 },
    arities: [1, 2],
    grid: [[-2], [0.5], [-1, 0.2], [3, 0.3]],
    draw: (random, n) => {
      const x = between(random, -5, 5);
      return !awayFromZero(x) ? undefined : n === 1 ? [x] : [x, between(random, 0.01, 0.5)];
    },
  },
  elu: {
    arity: { min: 1, max: 2 },
    arities: [1, 2],
    grid: [[-2], [0.5], [-1, 0.5], [3, 2]],
    draw: (random, n) => {
      const x = between(random, -5, 5);
      return !awayFromZero(x) ? undefined : n === 1 ? [x] : [x, between(random, 0.1, 2)];
    },
  },
  softplus: unary(-10, 10, [...SMALL_GRID, 0]),
  gelu: unary(-6, 6, [...SMALL_GRID, 0]),
  gelu_tanh: unary(-6, 6, [...SMALL_GRID, 0]),
  erf: unary(-4, 4, [...SMALL_GRID, 0, 1.1, 3]),
  hypot: {
    arity: { min: 1, max: Infinity },
    arities: [1, 2, 3, 4],
    grid: [[3, 4], [-2], [1, 2, 2], [0, 5], [1, -1, 1, -1]],
    draw: uniform(-5, 5, (args) => Math.hypot(...args) >= 0.2 && args.every(awayFromZero)),
  },
  max: {
    arity: { min: 1, max: Infinity },
    arities: [1, 2, 3, 4],
    grid: [[1], [1, 2], [3, -1], [1, 5, 2], [0, -1, -2, -3]],
    draw: uniform(-5, 5, distinct),
  },
  min: {
    arity: { min: 1, max: Infinity },
    arities: [1, 2, 3, 4],
    grid: [[1], [1, 2], [3, -1], [1, 5, 2], [0, -1, -2, -3]],
    draw: uniform(-5, 5, distinct),
  },
  clamp: {
    arity: { min: 3, max: 3 },
    arities: [3],
    grid: [
      [0.5, 0, 1],
      [-2, 0, 1],
      [3, -1, 1],
    ],
    draw: (random) => {
      const args = [between(random, -5, 5), between(random, -3, 0), between(random, 0.5, 3)];
      const [x = NaN, lo = NaN, hi = NaN] = args;
      return Math.abs(x - lo) >= MARGIN && Math.abs(x - hi) >= MARGIN ? args : undefined;
    },
  },
  floor: unary(-5, 5, [-2.5, -0.3, 0.3, 4.7], (x) => offInteger(x) >= MARGIN),
  ceil: unary(-5, 5, [-2.5, -0.3, 0.3, 4.7], (x) => offInteger(x) >= MARGIN),
  round: unary(-5, 5, [-2.3, -0.3, 0.3, 4.7], (x) => offInteger(x + 0.5) >= MARGIN),
  trunc: unary(-5, 5, [-2.5, -0.3, 0, 0.3, 4.7], (x) => offInteger(x) >= MARGIN || x === 0),
  sign: unary(-5, 5, [-2, -0.3, 0.3, 4], awayFromZero),
  select: unary(-5, 5, SMALL_GRID),
};

/** `count` random smooth points for `name`, drawn from a seeded generator, for every arity tested. */
export function randomPoints(name: OpName, random: () => number, count: number): number[][] {
  const opCase = CASES[name];
  const points: number[][] = [];
  for (const n of opCase.arities) {
    let drawn = 0;
    for (let attempt = 0; drawn < count; attempt += 1) {
      if (attempt > 100 * count) {
        throw new Error(`${name}: the sampler keeps rejecting points with ${n} operands`);
      }
      const args = opCase.draw(random, n);
      if (args !== undefined) {
        points.push(args);
        drawn += 1;
      }
    }
  }
  return points;
}
