/**
 * NumpyLegacyRandom against real NumPy (/usr/bin/python3): the same calls after the same
 * seeds give the same doubles bit for bit, including the Gaussian NumPy keeps between calls.
 */
import assert from 'node:assert/strict';
import { NumpyLegacyRandom } from '../../../../../src/language/python/tensor/random/numpyLegacyRandom';
import { Mt19937 } from '../../../../../src/language/python/tensor/random/mt19937';
import { numpyValues, ourValues, type RandomCall } from './numpyRuns';

function assertSameAsNumpy(sessions: readonly (readonly RandomCall[])[]): void {
  const expected = numpyValues(sessions);
  sessions.forEach((session, index) => {
    assert.deepStrictEqual(ourValues(session), expected[index], `session ${index}`);
  });
}

describe('NumpyLegacyRandom (np.random after np.random.seed)', function () {
  // Each test starts /usr/bin/python3 with NumPy.
  this.timeout(60_000);

  it("gives issue 13's randn(5) and rand(3) after seed(0)", () => {
    const random = new NumpyLegacyRandom();
    random.seed(0);
    assert.deepStrictEqual(
      Array.from(random.randn([5])),
      [
        1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458,
        1.8675579901499675,
      ],
    );
    random.seed(0);
    assert.deepStrictEqual(
      Array.from(random.rand([3])),
      [0.5488135039273248, 0.7151893663724195, 0.6027633760716439],
    );
  });

  it('matches NumPy for every method after several seeds and shapes', () => {
    const seeds = [0, 1, 42, 123456789, 4294967295];
    const calls: RandomCall[] = [
      ['randn', []],
      ['randn', [3]],
      ['randn', [2, 3]],
      ['rand', [4, 2]],
      ['standard_normal', [5]],
      ['random_sample', [2, 2, 2]],
      ['normal', 1.5, 0.25, [3, 3]],
      ['uniform', -2, 3, [7]],
      ['randint', 0, 10, [6]],
      ['randint', -5, 5, [2, 3]],
      ['randint', 0, 1, [3]],
      ['randint', 3, 1000003, [4]],
      ['randint', 0, 4294967296, [3]],
      ['randint', -2147483648, 2147483647, [3]],
      ['permutation', 10],
      ['choice', 7, [5]],
      ['randn', [0]],
    ];
    assertSameAsNumpy(
      seeds.flatMap((seed) => calls.map((call): RandomCall[] => [['seed', seed], call])),
    );
  });

  it('keeps the second Gaussian across calls: randn(1) twice is randn(2), and a seed drops it', () => {
    assertSameAsNumpy([
      [
        ['seed', 7],
        ['randn', [1]],
        ['randn', [1]],
        ['randn', [3]],
        ['rand', [1]],
        ['randn', [1]],
      ],
      [
        ['seed', 7],
        ['randn', [1]],
        ['seed', 7],
        ['randn', [2]],
      ],
      [
        ['seed', 7],
        ['randn', [3]],
        ['randint', 0, 5, [3]],
        ['normal', -1, 2, [1]],
        ['randn', [2]],
      ],
    ]);
    const random = new NumpyLegacyRandom(7);
    const one = [random.randn([1])[0], random.randn([1])[0]];
    random.seed(7);
    assert.deepStrictEqual(one, Array.from(random.randn([2])));
  });

  it('matches NumPy over random interleavings of calls', () => {
    const picker = new Mt19937(2026);
    const pick = (n: number): number => picker.nextUint32() % n;
    const shapeOf = (): number[] => Array.from({ length: pick(3) }, () => 1 + pick(4));
    const draw = (): RandomCall => {
      switch (pick(8)) {
        case 0:
          return ['randn', shapeOf()];
        case 1:
          return ['rand', shapeOf()];
        case 2:
          return ['normal', pick(7) - 3, 0.5 + pick(4), shapeOf()];
        case 3:
          return ['uniform', -pick(5), 1 + pick(5), shapeOf()];
        case 4:
          return ['randint', -pick(100), 1 + pick(3000), shapeOf()];
        case 5:
          return ['standard_normal', shapeOf()];
        case 6:
          return ['permutation', 1 + pick(20)];
        default:
          return ['seed', pick(1000)];
      }
    };
    const sessions = Array.from({ length: 40 }, (_, index): RandomCall[] => [
      ['seed', index],
      ...Array.from({ length: 25 }, draw),
    ]);
    assertSameAsNumpy(sessions);
  });

  it('seeds from an array as NumPy does (init_by_array)', () => {
    assertSameAsNumpy([
      [
        ['seed', [1, 2, 3]],
        ['rand', [5]],
        ['randn', [3]],
      ],
      [
        ['seed', [4294967295]],
        ['randint', 0, 100, [5]],
      ],
      [
        ['seed', Array.from({ length: 700 }, (_, i) => i * 7919)],
        ['randn', [4]],
      ],
    ]);
  });

  it('matches 100,000 uniforms and 100,000 Gaussians bit for bit, far past the first twist', () => {
    assertSameAsNumpy([
      [
        ['seed', 3],
        ['uniform', -1, 1, [100000]],
        ['randn', [100000]],
      ],
    ]);
  });

  it('refuses seeds and bounds NumPy refuses or that are not reproduced', () => {
    const random = new NumpyLegacyRandom();
    assert.throws(() => random.seed(-1), /between 0 and 2\*\*32 - 1/);
    assert.throws(() => random.seed(2 ** 32), /between 0 and 2\*\*32 - 1/);
    assert.throws(() => random.seed(0.5), /between 0 and 2\*\*32 - 1/);
    assert.throws(() => random.seed([]), /must not be empty/);
    assert.throws(() => random.randint(3, 3, [1]), /low >= high/);
    assert.throws(() => random.randint(0, 2 ** 40, [1]), /not reproduced/);
    assert.throws(() => random.normal(0, -1, [1]), /scale must be non-negative/);
  });
});
