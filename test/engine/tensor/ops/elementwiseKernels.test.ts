import { strict as assert } from 'node:assert';
import type { OpName } from '../../../../src/engine/opName';
import { opSpec } from '../../../../src/engine/ops';
import { expandTo } from '../../../../src/engine/tensor/broadcast';
import { compare, elementwise } from '../../../../src/engine/tensor/ops/elementwise';
import {
  BINARY_KERNELS,
  UNARY_KERNELS,
} from '../../../../src/engine/tensor/ops/elementwiseKernels';
import {
  broadcastShapes,
  shapeText,
  sizeOf,
  type Shape,
} from '../../../../src/engine/tensor/shape';
import type { Tensor } from '../../../../src/engine/tensor/tensor';
import type { Comparison } from '../../../../src/engine/tensor/tensorOp';
import { mulberry32 } from '../../../support/tensorOpChecks';

/** Zeros of both signs, kinks, ties, NaN, infinities, subnormals, overflow of exp and cosh. */
const SPECIAL = [
  0,
  -0,
  1,
  -1,
  2,
  -2,
  3,
  0.5,
  -0.5,
  NaN,
  Infinity,
  -Infinity,
  1e-310,
  -1e-310,
  1e308,
  -1e308,
  19,
  -19,
  38,
  -38,
  710,
  -710,
  800,
  -800,
];

/** The specials, then draws over a wide range, a fifth of them repeats of earlier elements (ties). */
function values(random: () => number, size: number): Float64Array {
  const data = new Float64Array(size);
  for (let k = 0; k < size; k += 1) {
    if (k < SPECIAL.length) {
      data[k] = SPECIAL[k]!;
    } else if (random() < 0.2) {
      data[k] = data[Math.floor(random() * k)]!;
    } else {
      data[k] = (random() - 0.5) * 10 ** (random() * 6 - 2);
    }
  }
  return data;
}

/** Identical as numbers: the same bits up to NaN's payload (−0 differs from 0). */
function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

function assertSameElements(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let k = 0; k < expected.length; k += 1) {
    if (!sameNumber(actual[k]!, expected[k]!)) {
      assert.fail(`${what}: element ${k} is ${actual[k]}, the record gives ${expected[k]}`);
    }
  }
}

/** The generic path: every operand expanded to the output's shape, the scalar record per element. */
function recordPath(
  name: OpName,
  args: readonly Tensor[],
  upstream: Float64Array,
  tangents: readonly Tensor[],
): { forward: Float64Array; vjps: Float64Array[]; jvp: Float64Array } {
  const spec = opSpec(name);
  const shape = broadcastShapes(args.map((arg) => arg.shape))!;
  const spread = args.map((arg) => expandTo(arg, shape));
  const along = tangents.map((tangent) => expandTo(tangent, shape));
  const size = sizeOf(shape);
  const forward = new Float64Array(size);
  const vjps = args.map(() => new Float64Array(size));
  const jvp = new Float64Array(size);
  for (let k = 0; k < size; k += 1) {
    const point = spread.map((data) => data[k]!);
    forward[k] = spec.forward(point);
    const partials = spec.partials(point, forward[k]!);
    vjps.forEach((grad, i) => (grad[k] = upstream[k]! * partials[i]!));
    along.forEach((tangent, i) => (jvp[k] = jvp[k]! + partials[i]! * tangent[k]!));
  }
  return { forward, vjps, jvp };
}

/** The tensor record's forward, VJP of every operand and JVP agree with the record path bit for bit. */
function checkAgainstRecords(name: OpName, args: readonly Tensor[], random: () => number): void {
  const op = { kind: 'elementwise', op: name } as const;
  const shape = broadcastShapes(args.map((arg) => arg.shape))!;
  const upstream = values(random, sizeOf(shape)).reverse();
  const tangents = args.map((arg) => ({
    shape: arg.shape,
    data: values(random, sizeOf(arg.shape)),
  }));
  const expected = recordPath(name, args, upstream, tangents);
  const where = `${name} of ${args.map((arg) => shapeText(arg.shape)).join(' and ')}`;
  const forward = elementwise.forward(op, args, shape);
  assertSameElements(forward, expected.forward, `${where}, forward`);
  const out = { shape, data: forward };
  args.forEach((_, i) => {
    const grad = elementwise.vjp(op, i, { shape, data: upstream }, args, out);
    assert.deepEqual(grad.shape, shape);
    assertSameElements(grad.data, expected.vjps[i]!, `${where}, VJP of operand ${i}`);
  });
  const jvp = elementwise.jvp(op, tangents, args, out);
  assertSameElements(jvp.data, expected.jvp, `${where}, JVP`);
}

const scalar = (value: number): Tensor => ({ shape: [], data: Float64Array.of(value) });

/** Every special against every special, element by element: all ties, signed zeros and NaNs meet. */
function crossed(): [Tensor, Tensor] {
  const n = SPECIAL.length;
  const shape = [n * n];
  return [
    { shape, data: Float64Array.from({ length: n * n }, (_, k) => SPECIAL[Math.floor(k / n)]!) },
    { shape, data: Float64Array.from({ length: n * n }, (_, k) => SPECIAL[k % n]!) },
  ];
}

describe('elementwise kernels against the scalar records, bit for bit', () => {
  for (const name of UNARY_KERNELS) {
    it(`${name}: forward, VJP and JVP on specials and wide draws`, () => {
      const random = mulberry32(11);
      for (const shape of [[], [SPECIAL.length], [6, 50]] as Shape[]) {
        checkAgainstRecords(name, [{ shape, data: values(random, sizeOf(shape)) }], random);
      }
    });
  }

  for (const name of BINARY_KERNELS) {
    it(`${name}: every pair of specials, and same-shape operands with ties`, () => {
      const random = mulberry32(23);
      checkAgainstRecords(name, crossed(), random);
      const a = values(random, 300);
      const b = values(random, 300).map((value, k) => (random() < 0.3 ? a[k]! : value));
      checkAgainstRecords(
        name,
        [
          { shape: [300], data: a },
          { shape: [300], data: b },
        ],
        random,
      );
    });

    it(`${name}: a scalar on either side (every special as the scalar; pow's constant exponents)`, () => {
      const random = mulberry32(37);
      for (const value of SPECIAL) {
        const x = { shape: [4, 30], data: values(random, 120) };
        checkAgainstRecords(name, [x, scalar(value)], random);
        checkAgainstRecords(name, [scalar(value), x], random);
      }
    });

    it(`${name}: rows, columns and outer broadcasts`, () => {
      const random = mulberry32(41);
      const tensor = (shape: Shape): Tensor => ({ shape, data: values(random, sizeOf(shape)) });
      const pairs: [Shape, Shape][] = [
        [[5, 30], [30]],
        [[30], [5, 30]],
        [
          [5, 30],
          [5, 1],
        ],
        [
          [5, 1],
          [1, 30],
        ],
        [
          [2, 1, 30],
          [3, 30],
        ],
        [[1], [5, 30]],
      ];
      for (const [left, right] of pairs) {
        checkAgainstRecords(name, [tensor(left), tensor(right)], random);
      }
    });
  }

  it('a scalar operand is read where it is, never copied out (its gradient in the output shape)', () => {
    const x = { shape: [3], data: Float64Array.of(1, -2, 3) };
    const op = { kind: 'elementwise', op: 'mul' } as const;
    const out = { shape: [3], data: elementwise.forward(op, [x, scalar(2)], [3]) };
    assert.deepEqual([...out.data], [2, -4, 6]);
    const upstream = { shape: [3], data: Float64Array.of(1, 1, 1) };
    assert.deepEqual([...elementwise.vjp(op, 1, upstream, [x, scalar(2)], out).data], [1, -2, 3]);
  });
});

describe('comparisons walked with broadcasting, as JavaScript compares', () => {
  const tests: Record<Comparison, (a: number, b: number) => boolean> = {
    '<': (a, b) => a < b,
    '<=': (a, b) => a <= b,
    '>': (a, b) => a > b,
    '>=': (a, b) => a >= b,
    '==': (a, b) => a === b,
    '!=': (a, b) => a !== b,
  };
  for (const [operator, test] of Object.entries(tests) as [Comparison, (typeof tests)['<']][]) {
    it(`${operator} on every pair of specials, against a scalar and along rows`, () => {
      const op = { kind: 'compare', operator } as const;
      const [a, b] = crossed();
      const random = mulberry32(5);
      const row = { shape: [SPECIAL.length], data: Float64Array.from(SPECIAL) };
      const matrix = { shape: [3, SPECIAL.length], data: values(random, 3 * SPECIAL.length) };
      for (const args of [
        [a, b],
        [a, scalar(0)],
        [scalar(-0), b],
        [matrix, row],
        [row, matrix],
      ]) {
        const shape = broadcastShapes(args.map((arg) => arg.shape))!;
        const [left, right] = args.map((arg) => expandTo(arg, shape));
        const expected = Float64Array.from(left!, (value, k) => (test(value, right![k]!) ? 1 : 0));
        assertSameElements(compare.forward(op, args, shape), expected, `${operator}`);
      }
    });
  }
});
