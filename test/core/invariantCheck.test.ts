/**
 * The run-time invariant check (setting gradientLens.debug.checkInvariants): asked for by the
 * request, it leaves a sound result alone and turns a broken one into a one-line error.
 */
import assert from 'node:assert/strict';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource, invariantFailure } from '../../src/core/inspectSource';
import { InvariantViolation } from '../../src/engine/invariants';
import { REFERENCE_PYTHON, linesRange } from '../support/inspections';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

const frontEnds = createFrontEnds(wasmFromNodeModules);

describe('the invariant check asked for by a request', () => {
  it('leaves a sound inspection as it is, with and without steps', async () => {
    for (const steps of [true, false]) {
      const outcome = await inspectSource(frontEnds, {
        source: REFERENCE_PYTHON,
        language: 'python',
        selection: linesRange(REFERENCE_PYTHON, 0, 4),
        steps,
        checkInvariants: true,
      });
      assert.ok(outcome.ok);
      assert.deepEqual(outcome.result.grads, { x: -4, y: -4, z: 3 });
    }
  });

  it('reports a broken invariant as one line naming it, at the inspected range', async () => {
    const outcome = await inspectSource(frontEnds, {
      source: REFERENCE_PYTHON,
      language: 'python',
      selection: linesRange(REFERENCE_PYTHON, 0, 4),
    });
    assert.ok(outcome.ok);
    const error = invariantFailure(
      outcome.program,
      new InvariantViolation([
        'grads has h, which is no input the output uses',
        'input h (#3) is not used by the output but has a gradient 0',
      ]),
    );
    assert.equal(error.kind, 'invariant');
    assert.deepEqual(error.range, outcome.program.range);
    assert.equal(
      error.message,
      'internal check failed: grads has h, which is no input the output uses (and 1 more); this is a bug of Gradient Lens, not of the code',
    );
    assert.ok(!error.message.includes('\n') && !/\bat .*\.ts:\d+/.test(error.message));
  });
});
