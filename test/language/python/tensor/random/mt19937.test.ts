/** Mt19937's 32-bit words against NumPy's own MT19937 seeded the legacy way. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Mt19937 } from '../../../../../src/language/python/tensor/random/mt19937';

const PYTHON = '/usr/bin/python3';

const RAW_WORDS = String.raw`
import json, sys
import numpy as np
out = []
for seed, count in json.load(sys.stdin):
    bits = np.random.MT19937()
    bits._legacy_seeding(seed)
    out.append([int(w) for w in bits.random_raw(count)])
print(json.dumps(out))
`;

function numpyWords(cases: readonly (readonly [number | number[], number])[]): number[][] {
  const run = spawnSync(PYTHON, ['-c', RAW_WORDS], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`${PYTHON} (with python3-numpy) failed: ${run.stderr || String(run.error)}`);
  }
  return JSON.parse(run.stdout) as number[][];
}

function ourWords(seed: number | number[], count: number): number[] {
  const generator = new Mt19937();
  if (typeof seed === 'number') {
    generator.seed(seed);
  } else {
    generator.seedByArray(seed);
  }
  return Array.from({ length: count }, () => generator.nextUint32());
}

describe('Mt19937 (NumPy legacy seeding)', function () {
  // Each test starts /usr/bin/python3 with NumPy.
  this.timeout(60_000);

  it("gives NumPy's 32-bit words for integer and array seeds, across several twists", () => {
    const cases: [number | number[], number][] = [
      [0, 2000],
      [1, 10],
      [5489, 10],
      [4294967295, 1500],
      [[0x123, 0x234, 0x345, 0x456], 1000],
    ];
    const expected = numpyWords(cases);
    cases.forEach(([seed, count], index) => {
      assert.deepStrictEqual(
        ourWords(seed, count),
        expected[index],
        `seed ${JSON.stringify(seed)}`,
      );
    });
  });

  it("gives the reference implementation's first word for init_by_array([0x123, 0x234, 0x345, 0x456])", () => {
    // mt19937ar.out, the authors' published output: 1067595299 first.
    assert.equal(ourWords([0x123, 0x234, 0x345, 0x456], 1)[0], 1067595299);
  });

  it('makes doubles in [0, 1) from 53 bits of two words', () => {
    const generator = new Mt19937(0);
    const words = new Mt19937(0);
    const a = words.nextUint32() >>> 5;
    const b = words.nextUint32() >>> 6;
    assert.equal(generator.nextDouble(), (a * 2 ** 26 + b) / 2 ** 53);
    assert.equal(generator.nextDouble(), 0.7151893663724195);
  });
});
