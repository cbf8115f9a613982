/**
 * Every non-differentiable point and domain edge: the PyTorch convention for the partials
 * there, the partials just either side, a `kink` message exactly there and not beside it, and
 * different pieces on the two sides.
 */
import assert from 'node:assert/strict';
import type { OpName } from '../../../src/engine/opName';
import { OPS } from '../../../src/engine/ops';
import { assertAllClose } from './numeric';

interface Point {
  readonly args: readonly number[];
  readonly partials: readonly number[];
}

interface KinkCase extends Point {
  /** Smooth points on either side, each with its partials. */
  readonly sides: readonly [Point, Point, ...Point[]];
}

const at = (args: readonly number[], partials: readonly number[]): Point => ({ args, partials });

const kink = (
  args: readonly number[],
  partials: readonly number[],
  ...sides: [Point, Point, ...Point[]]
): KinkCase => ({
  args,
  partials,
  sides,
});

const E = 1e-3;

/** How a kink message starts: the op's name, or the operator it is written with. */
const KINK_MESSAGE_START: Partial<Record<OpName, string>> = { mod: 'a %', floordiv: 'a //' };

const KINKS: Partial<Record<OpName, readonly KinkCase[]>> = {
  mod: [
    kink([6, 3], [1, -2], at([6 - E, 3], [1, -1]), at([6 + E, 3], [1, -2])),
    kink([-4, 2], [1, 2], at([-4 - E, 2], [1, 3]), at([-4 + E, 2], [1, 2])),
    kink([0, 5], [1, -0], at([-E, 5], [1, 1]), at([E, 5], [1, 0])),
  ],
  // JavaScript's %: the slope of the piece away from 0 (trunc of the exact quotient).
  fmod: [
    kink([6, 3], [1, -2], at([6 - E, 3], [1, -1]), at([6 + E, 3], [1, -2])),
    kink([-4, 2], [1, 2], at([-4 - E, 2], [1, 2]), at([-4 + E, 2], [1, 1])),
  ],
  floordiv: [kink([6, 3], [0, 0], at([6 - E, 3], [0, 0]), at([6 + E, 3], [0, 0]))],
  log: [kink([0], [Infinity], at([-E], [-1 / E]), at([E], [1 / E]))],
  log1p: [kink([-1], [Infinity], at([-1 - E], [-1 / E]), at([-1 + E], [1 / E]))],
  log2: [kink([0], [Infinity], at([-E], [-1 / (E * Math.LN2)]), at([E], [1 / (E * Math.LN2)]))],
  log10: [kink([0], [Infinity], at([-E], [-1 / (E * Math.LN10)]), at([E], [1 / (E * Math.LN10)]))],
  sqrt: [kink([0], [Infinity], at([-E], [NaN]), at([E], [0.5 / Math.sqrt(E)]))],
  cbrt: [
    kink(
      [0],
      [Infinity],
      at([-E], [1 / (3 * Math.cbrt(E) ** 2)]),
      at([E], [1 / (3 * Math.cbrt(E) ** 2)]),
    ),
  ],
  asin: [
    kink([1], [Infinity], at([1 - E], [1 / Math.sqrt(E * (2 - E))]), at([1 + E], [NaN])),
    kink([-1], [Infinity], at([-1 - E], [NaN]), at([-1 + E], [1 / Math.sqrt(E * (2 - E))])),
  ],
  acos: [
    kink([1], [-Infinity], at([1 - E], [-1 / Math.sqrt(E * (2 - E))]), at([1 + E], [NaN])),
    kink([-1], [-Infinity], at([-1 - E], [NaN]), at([-1 + E], [-1 / Math.sqrt(E * (2 - E))])),
  ],
  atan2: [
    // The origin: 0/0, as PyTorch gives.
    kink(
      [0, 0],
      [NaN, NaN],
      at([E, 0], [0, -1 / E]),
      at([-E, 0], [0, 1 / E]),
      at([0, E], [1 / E, 0]),
    ),
    // The negative x axis: the angle jumps from π to −π; the slopes agree on both sides.
    kink(
      [0, -2],
      [-0.5, 0],
      at([E, -2], [-2 / (4 + E * E), -E / (4 + E * E)]),
      at([-E, -2], [-2 / (4 + E * E), E / (4 + E * E)]),
    ),
  ],
  acosh: [kink([1], [Infinity], at([1 - E], [NaN]), at([1 + E], [1 / Math.sqrt(E * (2 + E))]))],
  atanh: [
    kink([1], [Infinity], at([1 - E], [1 / (E * (2 - E))]), at([1 + E], [-1 / (E * (2 + E))])),
    kink([-1], [Infinity], at([-1 - E], [-1 / (E * (2 + E))]), at([-1 + E], [1 / (E * (2 - E))])),
  ],
  relu: [kink([0], [0], at([-E], [0]), at([E], [1]))],
  leaky_relu: [
    kink([0], [0.01], at([-E], [0.01]), at([E], [1])),
    kink([0, 0.2], [0.2, 0], at([-E, 0.2], [0.2, -E]), at([E, 0.2], [1, 0])),
  ],
  elu: [
    kink([0, 2], [2, 0], at([-E, 2], [2 * Math.exp(-E), Math.expm1(-E)]), at([E, 2], [1, 0])),
    kink(
      [0, 0.5],
      [0.5, 0],
      at([-E, 0.5], [0.5 * Math.exp(-E), Math.expm1(-E)]),
      at([E, 0.5], [1, 0]),
    ),
  ],
  hypot: [
    kink([0, 0], [NaN, NaN], at([E, 0], [1, 0]), at([0, -E], [0, -1])),
    kink([0, 0, 0], [NaN, NaN, NaN], at([0, E, 0], [0, 1, 0]), at([0, 0, -E], [0, 0, -1])),
    kink([0], [NaN], at([-E], [-1]), at([E], [1])),
  ],
  abs: [kink([0], [0], at([-E], [-1]), at([E], [1]))],
  max: [
    kink([2, 2], [0.5, 0.5], at([2 + E, 2], [1, 0]), at([2 - E, 2], [0, 1])),
    kink(
      [2, 2, 2],
      [1 / 3, 1 / 3, 1 / 3],
      at([2 + E, 2, 2 - E], [1, 0, 0]),
      at([2 - E, 2, 2 + E], [0, 0, 1]),
    ),
    kink([-1, 3, 3], [0, 0.5, 0.5], at([-1, 3 + E, 3], [0, 1, 0]), at([-1, 3 - E, 3], [0, 0, 1])),
    kink(
      [5, 5, 5, 5],
      [0.25, 0.25, 0.25, 0.25],
      at([5, 5 - E, 5 - 2 * E, 5 + E], [0, 0, 0, 1]),
      at([5 + E, 5, 5 - E, 5 - 2 * E], [1, 0, 0, 0]),
    ),
  ],
  min: [
    kink([2, 2], [0.5, 0.5], at([2 - E, 2], [1, 0]), at([2 + E, 2], [0, 1])),
    kink(
      [2, 2, 2],
      [1 / 3, 1 / 3, 1 / 3],
      at([2 - E, 2, 2 + E], [1, 0, 0]),
      at([2 + E, 2, 2 - E], [0, 0, 1]),
    ),
    kink(
      [7, -3, -3],
      [0, 0.5, 0.5],
      at([7, -3 - E, -3], [0, 1, 0]),
      at([7, -3 + E, -3], [0, 0, 1]),
    ),
  ],
  clamp: [
    kink([0, 0, 1], [1, 0, 0], at([-E, 0, 1], [0, 1, 0]), at([E, 0, 1], [1, 0, 0])),
    kink([1, 0, 1], [1, 0, 0], at([1 + E, 0, 1], [0, 0, 1]), at([1 - E, 0, 1], [1, 0, 0])),
    // Moving a bound across x moves the kink too.
    kink(
      [0.5, 0.5, 2],
      [1, 0, 0],
      at([0.5, 0.5 + E, 2], [0, 1, 0]),
      at([0.5, 0.5 - E, 2], [1, 0, 0]),
    ),
  ],
  floor: [
    kink([2], [0], at([2 - E], [0]), at([2 + E], [0])),
    kink([-1], [0], at([-1 - E], [0]), at([-1 + E], [0])),
  ],
  ceil: [
    kink([2], [0], at([2 - E], [0]), at([2 + E], [0])),
    kink([-1], [0], at([-1 - E], [0]), at([-1 + E], [0])),
  ],
  round: [
    kink([2.5], [0], at([2.5 - E], [0]), at([2.5 + E], [0])),
    kink([-0.5], [0], at([-0.5 - E], [0]), at([-0.5 + E], [0])),
  ],
  trunc: [
    kink([3], [0], at([3 - E], [0]), at([3 + E], [0])),
    kink([-3], [0], at([-3 - E], [0]), at([-3 + E], [0])),
  ],
  sign: [kink([0], [0], at([-E], [0]), at([E], [0]))],
};

/** Points that look like kinks but are smooth: no message, and the ordinary slope. */
const SMOOTH_LOOKALIKES: readonly { name: OpName; point: Point }[] = [
  // With α = 1 both pieces of elu have slope 1 at 0; leaky_relu with α = 1 is the identity.
  { name: 'elu', point: at([0], [1]) },
  { name: 'elu', point: at([0, 1], [1, 0]) },
  { name: 'leaky_relu', point: at([0, 1], [1, 0]) },
  // trunc is constant on (−1, 1).
  { name: 'trunc', point: at([0], [0]) },
  // atan2 is smooth on the positive x axis.
  { name: 'atan2', point: at([0, 2], [0.5, -0]) },
  // A tie below the winner is no kink.
  { name: 'max', point: at([1, 1, 3], [0, 0, 1]) },
  { name: 'min', point: at([1, 4, 4], [1, 0, 0]) },
  // hypot is smooth where only some operands are 0.
  { name: 'hypot', point: at([0, 2], [0, 1]) },
];

const PARTIAL_TOLERANCE = 1e-12;

describe('op kinks', () => {
  it('has kink cases for every op that reports kinks, and only those', () => {
    for (const name of Object.keys(OPS) as OpName[]) {
      const spec = OPS[name];
      assert.equal(
        KINKS[name] !== undefined,
        spec.kink !== undefined,
        `${name}: kink ${spec.kink === undefined ? 'absent' : 'present'}, cases ${KINKS[name] === undefined ? 'absent' : 'present'}`,
      );
      // gradCheck relies on `piece` to explain a failing check near a kink.
      assert.equal(spec.piece !== undefined, spec.kink !== undefined, `${name}: piece iff kink`);
    }
  });

  for (const [name, cases] of Object.entries(KINKS) as [OpName, readonly KinkCase[]][]) {
    describe(name, () => {
      const spec = OPS[name];
      for (const c of cases) {
        it(`follows the convention at (${c.args.join(', ')}) and either side`, () => {
          const message = spec.kink?.(c.args);
          assert.equal(typeof message, 'string', `${name}(${c.args.join(', ')}) is a kink`);
          assert.ok((message ?? '').startsWith(KINK_MESSAGE_START[name] ?? name), message);
          assertAllClose(
            spec.partials(c.args, spec.forward(c.args)),
            c.partials,
            PARTIAL_TOLERANCE,
            `${name}(${c.args.join(', ')}) partials`,
          );
          for (const side of c.sides) {
            assert.equal(spec.kink?.(side.args), undefined, `${name}(${side.args.join(', ')})`);
            assertAllClose(
              spec.partials(side.args, spec.forward(side.args)),
              side.partials,
              PARTIAL_TOLERANCE,
              `${name}(${side.args.join(', ')}) partials`,
            );
          }
          // What gradCheck relies on: probes at the kink and on its two sides are not all in one piece.
          const [left, right] = c.sides;
          const pieces = [left.args, c.args, right.args].map((args) => spec.piece?.(args));
          assert.ok(new Set(pieces).size > 1, `pieces ${pieces.join(', ')}`);
        });
      }
    });
  }

  for (const { name, point } of SMOOTH_LOOKALIKES) {
    it(`${name}(${point.args.join(', ')}) is smooth: no kink message`, () => {
      const spec = OPS[name];
      assert.equal(spec.kink?.(point.args), undefined);
      assertAllClose(
        spec.partials(point.args, spec.forward(point.args)),
        point.partials,
        PARTIAL_TOLERANCE,
        name,
      );
    });
  }
});
