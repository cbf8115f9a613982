/** correctlyRoundedLog against the exact logarithm (Python decimal, 40 digits) rounded once. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { correctlyRoundedLog } from '../../../../../src/language/python/tensor/random/correctlyRoundedLog';
import { Mt19937 } from '../../../../../src/language/python/tensor/random/mt19937';

const PYTHON = '/usr/bin/python3';

const EXACT_LOGS = String.raw`
import json, sys
from decimal import Decimal, getcontext
getcontext().prec = 40
print(json.dumps([float(Decimal(x).ln()) for x in json.load(sys.stdin)]))
`;

describe('correctlyRoundedLog', function () {
  // Each test starts /usr/bin/python3 with NumPy.
  this.timeout(60_000);

  it('is the nearest double to log(x) for 26,000 doubles: in (0, 1), near 1, across all exponents, at the table edges', () => {
    const generator = new Mt19937(11);
    const uniform = () => generator.nextDouble();
    const xs = Array.from({ length: 20000 }, uniform).filter((x) => x > 0);
    // Near 1 (the result small, the table's middle entry), across all exponents, and at the
    // edges of the table's intervals (m = 1 + (i ± ½)/64).
    xs.push(
      ...Array.from(
        { length: 2000 },
        () => 1 + (uniform() - 0.5) * 2 ** -(1 + (generator.nextUint32() % 40)),
      ),
    );
    xs.push(
      ...Array.from(
        { length: 2000 },
        () => (1 + uniform()) * 2 ** ((generator.nextUint32() % 2046) - 1022),
      ),
    );
    xs.push(
      ...Array.from(
        { length: 2000 },
        (_, k) => (1 + ((k % 47) - 19 + 0.5) / 64) * (1 + (uniform() - 0.5) * 2 ** -30),
      ),
    );
    xs.push(
      1,
      2,
      0.5,
      3,
      10,
      1e-300,
      5e-324,
      2 ** -1022,
      1 + 2 ** -52,
      1 - 2 ** -53,
      1e300,
      Math.SQRT2,
      Math.SQRT1_2,
    );
    const run = spawnSync(PYTHON, ['-c', EXACT_LOGS], {
      input: JSON.stringify(xs),
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const exact = JSON.parse(run.stdout) as number[];
    xs.forEach((x, index) => assert.equal(correctlyRoundedLog(x), exact[index], `log(${x})`));
  });

  it('gives log(0) = −∞, and NaN for negative numbers and NaN', () => {
    assert.equal(correctlyRoundedLog(0), -Infinity);
    assert.equal(correctlyRoundedLog(Infinity), Infinity);
    assert.ok(Number.isNaN(correctlyRoundedLog(-1)));
    assert.ok(Number.isNaN(correctlyRoundedLog(Number.NaN)));
  });
});
