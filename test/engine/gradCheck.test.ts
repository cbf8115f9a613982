import assert from 'node:assert/strict';
import { gradientCheck, relativeError, verdictFor } from '../../src/engine/gradCheck';
import { REFERENCE_VALUES, referenceGraph } from '../support/reference';

describe('gradient check', () => {
  it('computes |a − n| / max(|a|, |n|), 0 when both agree exactly', () => {
    assert.equal(relativeError(2, 1), 0.5);
    assert.equal(relativeError(0, 0), 0);
    assert.equal(relativeError(-1, 1), 2);
  });

  it('judges on the usual scale: > 1e-2 wrong, < 1e-7 ok, between: check the kinks', () => {
    assert.equal(verdictFor(0.5), 'wrong');
    assert.equal(verdictFor(1e-9), 'ok');
    assert.equal(verdictFor(1e-4), 'check-kinks');
    assert.equal(verdictFor(NaN), 'wrong');
  });

  it('catches a wrong analytic gradient', () => {
    const checks = gradientCheck(referenceGraph(), REFERENCE_VALUES, { x: -4, y: 4, z: 3 });
    assert.deepEqual(
      checks.map((check) => check.verdict),
      ['ok', 'wrong', 'ok'],
    );
    assert.ok(Math.abs((checks[1]?.numeric ?? 0) + 4) < 1e-8);
  });
});
