/**
 * glibcLog against glibc's own log (Python's math.log calls it) and fusedMultiplyAdd against
 * exact rational arithmetic (Python's fractions), bit for bit. JSON gives Python integers for
 * integral numbers: each is made a float first, as it is here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fusedMultiplyAdd } from '../../../../../src/language/python/tensor/random/fusedMultiplyAdd';
import { glibcLog } from '../../../../../src/language/python/tensor/random/glibcLog';
import { Mt19937 } from '../../../../../src/language/python/tensor/random/mt19937';

const PYTHON = '/usr/bin/python3';

function python(program: string, input: unknown): number[] {
  const run = spawnSync(PYTHON, ['-c', program], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as number[];
}

/** glibc picks its FMA build of log on processors with FMA; glibcLog reproduces that one. */
function hasFma(): boolean {
  try {
    return /\bfma\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
}

describe('glibcLog', function () {
  // Each test starts /usr/bin/python3.
  this.timeout(60_000);

  it("is glibc's log bit for bit: draws in (0, 1), near 1, across all exponents, subnormals", function () {
    if (process.platform !== 'linux' || !hasFma()) {
      this.skip();
    }
    const generator = new Mt19937(5);
    const uniform = () => generator.nextDouble();
    const xs = Array.from({ length: 60000 }, uniform).filter((x) => x > 0);
    xs.push(...Array.from({ length: 20000 }, () => 0.9375 + uniform() * 0.13));
    xs.push(
      ...Array.from(
        { length: 20000 },
        () => (1 + uniform()) * 2 ** ((generator.nextUint32() % 2046) - 1022),
      ),
    );
    xs.push(
      1,
      2,
      0.5,
      1e-310,
      5e-324,
      2 ** -1022,
      1 + 2 ** -52,
      1 - 2 ** -53,
      1e300,
      0.9375,
      1.064697265625,
    );
    const expected = python(
      'import json, math, sys\nprint(json.dumps([math.log(float(x)) for x in json.load(sys.stdin)]))',
      xs,
    );
    xs.forEach((x, index) => assert.equal(glibcLog(x), expected[index], `log(${x})`));
  });

  it('gives log(0) = −∞, log(∞) = ∞, and NaN for negative numbers and NaN', () => {
    assert.equal(glibcLog(0), -Infinity);
    assert.equal(glibcLog(Infinity), Infinity);
    assert.ok(Number.isNaN(glibcLog(-1)));
    assert.ok(Number.isNaN(glibcLog(Number.NaN)));
  });
});

describe('fusedMultiplyAdd', function () {
  this.timeout(60_000);

  it('rounds a·b + c once, also where c cancels most of a·b', () => {
    const generator = new Mt19937(8);
    const signed = () => (generator.nextDouble() - 0.5) * 2 ** ((generator.nextUint32() % 80) - 40);
    const triples = Array.from({ length: 20000 }, (_, index): [number, number, number] => {
      const a = signed();
      const b = signed();
      // Every other triple: c = −RN(a·b) nudged, so that only the product's tail is left.
      const c =
        index % 2 === 0 ? signed() : -(a * b) * (1 + (generator.nextDouble() - 0.5) * 2 ** -50);
      return [a, b, c];
    });
    const exact = python(
      'import json, sys\nfrom fractions import Fraction as F\nprint(json.dumps([float(F(float(a)) * F(float(b)) + F(float(c))) for a, b, c in json.load(sys.stdin)]))',
      triples,
    );
    triples.forEach(([a, b, c], index) =>
      assert.equal(fusedMultiplyAdd(a, b, c), exact[index], `fma(${a}, ${b}, ${c})`),
    );
  });
});
