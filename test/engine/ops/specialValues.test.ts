/**
 * Values the catalogue must get exactly right: domain edges, PyTorch's conventions, Python's
 * arithmetic, erf against reference values, and numerically delicate points.
 */
import assert from 'node:assert/strict';
import type { OpName } from '../../../src/engine/opName';
import { OPS } from '../../../src/engine/ops';
import { evaluateSym } from '../../../src/engine/symbolic/evaluate';
import { variable } from '../../../src/engine/sym';
import { assertAllClose, close } from './numeric';

const value = (name: OpName, args: readonly number[]): number => OPS[name].forward(args);
const partials = (name: OpName, args: readonly number[]): number[] =>
  OPS[name].partials(args, OPS[name].forward(args));

/** Relative agreement to a few units in the last place. */
function assertUlps(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= 4 * Number.EPSILON * Math.abs(expected),
    `${what}: ${actual} vs ${expected}`,
  );
}

describe('op special values', () => {
  describe('logarithms and roots', () => {
    it('log(−1) is NaN with gradient 1/x = −1, as PyTorch', () => {
      assert.ok(Number.isNaN(value('log', [-1])));
      assert.deepEqual(partials('log', [-1]), [-1]);
    });

    it('log(0) is −∞ with gradient +∞', () => {
      assert.equal(value('log', [0]), -Infinity);
      assert.deepEqual(partials('log', [0]), [Infinity]);
    });

    it('sqrt(0) is 0 with gradient +∞; sqrt(−1) is NaN with gradient NaN', () => {
      assert.equal(value('sqrt', [0]), 0);
      assert.deepEqual(partials('sqrt', [0]), [Infinity]);
      assert.ok(Number.isNaN(value('sqrt', [-1])));
      assert.ok(Number.isNaN(partials('sqrt', [-1])[0]));
    });

    it('keeps accuracy near 0 for expm1 and log1p', () => {
      assertUlps(value('expm1', [1e-10]), 1.00000000005e-10, 'expm1(1e-10)');
      assertUlps(value('log1p', [1e-10]), 9.9999999995e-11, 'log1p(1e-10)');
    });

    it('takes real cube roots of negative numbers', () => {
      assert.equal(value('cbrt', [-8]), -2);
      assertAllClose(partials('cbrt', [-8]), [1 / 12], 1e-15, 'cbrt′(−8)');
    });
  });

  describe('pow', () => {
    const cases: readonly [number, number, number, readonly number[]][] = [
      [2, 3, 8, [12, 8 * Math.LN2]],
      // Base 0, exponent ≥ 0: PyTorch's 0 instead of 0·ln 0 = NaN for the exponent.
      [0, 2, 0, [0, 0]],
      [0, 0, 1, [0, 0]],
      [0, 0.5, 0, [Infinity, 0]],
      // Base 0, exponent < 0: ∞, and the exponent's slope ∞·ln 0 = −∞.
      [0, -1, Infinity, [-Infinity, -Infinity]],
      // Exponent 0: the base's slope is 0 even where b·a^(b−1) would be 0·∞.
      [2, 0, 1, [0, Math.LN2]],
      // Negative base: an integer exponent is fine for the base; ln of a negative is NaN.
      [-2, 3, -8, [12, NaN]],
      [-8, 1 / 3, NaN, [NaN, NaN]],
      [4, 0.5, 2, [0.25, 2 * Math.log(4)]],
    ];
    for (const [a, b, v, p] of cases) {
      it(`pow(${a}, ${b}) = ${v} with partials [${p.join(', ')}]`, () => {
        assert.ok(close(value('pow', [a, b]), v, 1e-15));
        assertAllClose(partials('pow', [a, b]), p, 1e-15, `pow(${a}, ${b})`);
      });
    }
  });

  describe('Python % and //', () => {
    // Reference values from CPython.
    const cases: readonly [number, number, number, number][] = [
      [7, 3, 1, 2],
      [-7, 3, 2, -3],
      [7.5, -2, -0.5, -4],
      [-7.5, 2, 0.5, -4],
      [5.5, 0.1, 0.0999999999999997, 54],
      [-1e-20, 1, 1, -1],
      [1e-20, -1, -1, -1],
      [-5, Infinity, Infinity, -1],
    ];
    for (const [a, b, remainder, quotient] of cases) {
      it(`${a} % ${b} = ${remainder} and ${a} // ${b} = ${quotient}`, () => {
        assert.equal(value('mod', [a, b]), remainder);
        assert.equal(value('floordiv', [a, b]), quotient);
        assert.deepEqual(partials('mod', [a, b]), [1, -quotient]);
      });
    }

    it('gives zeros the sign Python gives them', () => {
      assert.ok(Object.is(value('mod', [0, -3]), -0));
      assert.ok(Object.is(value('floordiv', [-0, 3]), -0));
      assert.ok(Object.is(value('mod', [6, 3]), 0));
    });

    it('divides by 0 as NumPy does: ±∞ for //, NaN for %', () => {
      assert.equal(value('floordiv', [1, 0]), Infinity);
      assert.equal(value('floordiv', [-1, 0]), -Infinity);
      assert.ok(Number.isNaN(value('mod', [1, 0])));
    });
  });

  describe('erf', () => {
    // Correctly rounded reference values (mpmath at 40 digits), across fdlibm's five intervals.
    const reference: readonly [number, number][] = [
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [-3, -0.9999779095030014],
      [1e-10, 1.1283791670955126e-10],
      [0.9, 0.7969082124228322],
      [1.2, 0.9103139782296353],
      [4, 0.9999999845827421],
      [-0.3, -0.3286267594591274],
      [5.9, 0.9999999999999999],
      [0.84, 0.7651427114549945],
      [0.85, 0.7706680576083526],
      [1.25, 0.9229001282564583],
      [2.8, 0.9999249868053346],
      [2.9, 0.9999589021219005],
      [3.7, 0.9999998328489421],
      [5.5, 0.9999999999999927],
    ];
    for (const [x, expected] of reference) {
      it(`erf(${x}) = ${expected}`, () => {
        assertUlps(value('erf', [x]), expected, `erf(${x})`);
      });
    }

    it('is odd and saturates at ±1', () => {
      for (const x of [0.1, 0.7, 1.1, 2.5, 4.5]) {
        assert.equal(value('erf', [-x]), -value('erf', [x]));
      }
      assert.equal(value('erf', [6]), 1);
      assert.equal(value('erf', [Infinity]), 1);
      assert.equal(value('erf', [-Infinity]), -1);
      assert.ok(Object.is(value('erf', [-0]), -0));
    });

    it('has slope 2/√π at 0', () => {
      assertUlps(partials('erf', [0])[0] ?? NaN, 2 / Math.sqrt(Math.PI), "erf'(0)");
    });
  });

  describe('activations', () => {
    it('computes the sigmoid and its slope without overflow or rounding to 0', () => {
      assertUlps(value('sigmoid', [-40]), 4.248354255291589e-18, 'σ(−40)');
      assertUlps(partials('sigmoid', [40])[0] ?? NaN, 4.248354255291589e-18, "σ'(40)");
      assert.equal(value('sigmoid', [-800]), 0);
      assert.equal(value('sigmoid', [800]), 1);
      assert.equal(value('sigmoid', [0]), 0.5);
      assert.deepEqual(partials('sigmoid', [0]), [0.25]);
    });

    it('computes softplus stably at both ends', () => {
      assert.equal(value('softplus', [800]), 800);
      assertUlps(value('softplus', [-40]), 4.248354255291589e-18, 'softplus(−40)');
      assertUlps(value('softplus', [0]), Math.LN2, 'softplus(0)');
      assert.deepEqual(partials('softplus', [0]), [0.5]);
    });

    it('computes gelu from erfc, accurate for negative x', () => {
      assert.ok(close(value('gelu', [1]), 0.8413447460685429, 1e-15));
      assert.ok(close(value('gelu', [-1]), -0.15865525393145707, 1e-15));
      // x·Φ(x) from mpmath. Rounding x/√2 costs about 2·(x²/2)·ε of relative accuracy in the
      // far tail, which 1 + erf(x/√2) would lose entirely.
      const tail: readonly [number, number][] = [
        [-3, -0.0040496940948902835],
        [-5, -1.4332578593959695e-6],
        [-10, -7.619853024160526e-23],
      ];
      for (const [x, expected] of tail) {
        const got = value('gelu', [x]);
        assert.ok(Math.abs(got / expected - 1) < 5e-14, `gelu(${x}) = ${got}`);
      }
      assert.equal(value('gelu', [0]), 0);
      assert.deepEqual(partials('gelu', [0]), [0.5]);
    });

    it('computes gelu_tanh as PyTorch approximate="tanh"', () => {
      assert.ok(close(value('gelu_tanh', [1]), 0.8411919906082768, 1e-15));
      assert.ok(close(value('gelu_tanh', [-1]), -0.15880800939172324, 1e-15));
      assert.ok(close(value('gelu_tanh', [2]), 1.954597694087775, 1e-15));
      assert.deepEqual(partials('gelu_tanh', [0]), [0.5]);
      // Where x³ overflows the slope is still 1 (or 0), not ∞·0 = NaN.
      assert.deepEqual(partials('gelu_tanh', [1e120]), [1]);
      assert.deepEqual(partials('gelu_tanh', [-1e120]), [0]);
    });

    it('uses α = 0.01 for leaky_relu and α = 1 for elu when α is not given', () => {
      assert.equal(value('leaky_relu', [-2]), -0.02);
      assert.equal(value('leaky_relu', [-2, 0.2]), -0.4);
      assert.equal(value('leaky_relu', [3]), 3);
      assert.equal(value('elu', [-1]), Math.expm1(-1));
      assert.equal(value('elu', [-1, 2]), 2 * Math.expm1(-1));
      assert.equal(value('elu', [3, 2]), 3);
    });

    it('passes the taken branch through select unchanged', () => {
      assert.equal(value('select', [-3.5]), -3.5);
      assert.deepEqual(partials('select', [-3.5]), [1]);
      assert.equal(OPS.select.symbol, '?:');
      assert.deepEqual(OPS.select.notation, {
        kind: 'function',
        text: 'select',
        latex: '\\operatorname{select}',
      });
    });
  });

  describe('slopes that naive formulas lose', () => {
    it('tanh′ stays positive where 1 − tanh² rounds to 0', () => {
      const slope = partials('tanh', [20])[0] ?? NaN;
      assertUlps(slope, (4 * Math.exp(-40)) / (1 + Math.exp(-40)) ** 2, "tanh'(20)");
    });

    it('asinh′, acosh′ and atan2′ do not overflow for huge operands', () => {
      assertUlps(partials('asinh', [1e200])[0] ?? NaN, 1e-200, "asinh'(1e200)");
      assertUlps(partials('acosh', [1e200])[0] ?? NaN, 1e-200, "acosh'(1e200)");
      assertAllClose(partials('atan2', [1e200, 1e200]), [0.5e-200, -0.5e-200], 1e-15, 'atan2');
      assertAllClose(partials('atan2', [1e-200, 1e-200]), [0.5e200, -0.5e200], 1e-15, 'atan2');
    });

    it('asin′ and atanh′ keep their accuracy next to ±1', () => {
      const x = 1 - 2 ** -40;
      assertUlps(
        partials('asin', [x])[0] ?? NaN,
        1 / Math.sqrt(2 ** -40 * (2 - 2 ** -40)),
        "asin'",
      );
      assertUlps(partials('atanh', [x])[0] ?? NaN, 1 / (2 ** -40 * (2 - 2 ** -40)), "atanh'");
    });
  });

  describe('piecewise ops', () => {
    it('rounds halves to even, as Python and PyTorch do', () => {
      const cases: readonly [number, number][] = [
        [0.5, 0],
        [1.5, 2],
        [2.5, 2],
        [3.5, 4],
        [-0.5, -0],
        [-2.5, -2],
        [-3.5, -4],
        [2.4, 2],
        [2.6, 3],
        [-2.6, -3],
        [0.49999999999999994, 0],
        [2 ** 53 + 2, 2 ** 53 + 2],
      ];
      for (const [x, rounded] of cases) {
        assert.ok(Object.is(value('round', [x]), rounded), `round(${x}) = ${value('round', [x])}`);
      }
    });

    it('gives sign 0 (not −0) at −0, with gradient 0', () => {
      assert.ok(Object.is(value('sign', [-0]), 0));
      assert.deepEqual(partials('sign', [-0]), [0]);
      assert.deepEqual(partials('abs', [-0]), [0]);
    });

    it('splits a max/min tie evenly: 2-way and 3-way', () => {
      assert.deepEqual(partials('max', [3, 3]), [0.5, 0.5]);
      assert.deepEqual(partials('max', [1, 3, 3]), [0, 0.5, 0.5]);
      assertAllClose(partials('max', [3, 3, 3]), [1 / 3, 1 / 3, 1 / 3], 0, 'max 3-way');
      assert.deepEqual(partials('min', [-1, -1, 4]), [0.5, 0.5, 0]);
      assertAllClose(partials('min', [0, 0, 0]), [1 / 3, 1 / 3, 1 / 3], 0, 'min 3-way');
      // 0 and −0 tie.
      assert.deepEqual(partials('max', [-0, 0]), [0.5, 0.5]);
      assert.equal(OPS.max.gate, 'router');
      assert.equal(OPS.min.gate, 'router');
    });

    it('has max/min formulas exact at two-way ties', () => {
      const a = variable('a');
      const b = variable('b');
      const c = variable('c');
      const at = (env: Record<string, number>, name: 'max' | 'min', n: 2 | 3): number[] =>
        OPS[name].partialFormulas([a, b, c].slice(0, n)).map((f) => evaluateSym(f, env));
      assert.deepEqual(at({ a: 3, b: 3 }, 'max', 2), [0.5, 0.5]);
      assert.deepEqual(at({ a: 3, b: 3, c: 1 }, 'max', 3), [0.5, 0.5, 0]);
      assert.deepEqual(at({ a: 3, b: 3, c: 1 }, 'min', 3), [0, 0, 1]);
      assert.deepEqual(at({ a: 1, b: 1, c: 3 }, 'min', 3), [0.5, 0.5, 0]);
    });

    it('makes NaN win max and min, with NaN partials', () => {
      assert.ok(Number.isNaN(value('max', [1, NaN])));
      assert.ok(partials('max', [1, NaN]).every(Number.isNaN));
      assert.ok(partials('min', [NaN, 1, 2]).every(Number.isNaN));
    });

    it('clamps as torch.clamp, also when lo > hi', () => {
      assert.equal(value('clamp', [5, 0, 1]), 1);
      assert.equal(value('clamp', [-5, 0, 1]), 0);
      assert.equal(value('clamp', [0.5, 0, 1]), 0.5);
      // lo > hi: the result is hi, and only hi gets the gradient.
      assert.equal(value('clamp', [0, 3, 1]), 1);
      assert.deepEqual(partials('clamp', [0, 3, 1]), [0, 0, 1]);
      assert.deepEqual(partials('clamp', [5, 3, 1]), [0, 0, 1]);
      assert.deepEqual(partials('clamp', [2, 3, 1]), [0, 0, 1]);
    });

    it('gives zero gradient and a kink message at every jump of the rounding ops', () => {
      for (const [name, jumps] of [
        ['floor', [-2, 0, 3]],
        ['ceil', [-2, 0, 3]],
        ['round', [-1.5, 0.5, 2.5]],
        ['trunc', [-2, 1, 3]],
        ['sign', [0]],
      ] as const) {
        assert.equal(OPS[name].zeroGradient, true);
        for (const x of jumps) {
          assert.deepEqual(partials(name, [x]), [0]);
          assert.match(OPS[name].kink?.([x]) ?? '', new RegExp(`^${name} jumps .*PyTorch`));
        }
      }
    });

    it('names PyTorch’s convention in the kink messages of relu and abs', () => {
      assert.match(OPS.relu.kink?.([0]) ?? '', /relu'\(0\) = 0 as PyTorch/);
      assert.match(OPS.abs.kink?.([0]) ?? '', /abs'\(0\) = 0 as PyTorch/);
      assert.match(OPS.max.kink?.([2, 2, 2]) ?? '', /1\/3 each/);
    });
  });

  describe('hypot', () => {
    it('takes any number of operands', () => {
      assert.equal(value('hypot', [3, 4]), 5);
      assert.equal(value('hypot', [1, 2, 2]), 3);
      assert.equal(value('hypot', [-7]), 7);
      assertAllClose(partials('hypot', [3, 4]), [0.6, 0.8], 1e-15, 'hypot(3, 4)');
      assertAllClose(partials('hypot', [1, 2, 2]), [1 / 3, 2 / 3, 2 / 3], 1e-15, 'hypot(1, 2, 2)');
    });
  });
});
