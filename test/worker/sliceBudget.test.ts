import assert from 'node:assert/strict';
import { serialize } from 'node:v8';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import { splitLargeArrays } from '../../src/worker/largeArrays';
import { approximateBytes, sliceLengthWithin } from '../../src/worker/sliceBudget';
import { SLICE_BYTES, SLICE_LENGTH } from '../../src/worker/workerProtocol';
import { pythonLossRequest } from '../support/pythonLoss';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

describe('slices of a large outcome sized by bytes, not by count', function () {
  this.timeout(60_000);
  const length = sliceLengthWithin(10_000, 1000);

  it('puts fewer heavy items in a slice than light ones, never more than the maximum', () => {
    const heavy = Array.from({ length: 500 }, (_, id) => ({ id, text: 'x'.repeat(500) }));
    const light = Array.from({ length: 5000 }, (_, id) => id);
    assert.ok(length(heavy) >= 15 && length(heavy) <= 25, `${length(heavy)}`);
    assert.equal(length(light), 1000);
  });

  it('leaves a short array whole without weighing it', () => {
    const short = Array.from({ length: 64 }, () => 'x'.repeat(10_000));
    assert.equal(length(short), 64);
  });

  it('weighs a typed array by its bytes without reading it, and stops at the cap', () => {
    assert.equal(approximateBytes(new Float64Array(1000), 1e9), 8008);
    const many = Array.from({ length: 100_000 }, () => ({ a: 1 }));
    assert.ok(approximateBytes(many, 1000) < 2000);
    const tensors = Array.from({ length: 100 }, () => ({ value: new Float64Array(100_000) }));
    assert.equal(length(tensors), 1);
  });

  it('keeps every message of a 989-node inspection near the budget (it was 490 kB in one)', async () => {
    const outcome = await inspectSource(
      createFrontEnds(wasmFromNodeModules),
      pythonLossRequest(140),
    );
    assert.ok(outcome.ok && outcome.result.nodes.length === 989);
    const { skeleton, slices } = splitLargeArrays(
      outcome,
      sliceLengthWithin(SLICE_BYTES, SLICE_LENGTH),
    );
    const sizes = [skeleton, ...slices].map((message) => serialize(message).length);
    assert.ok(Math.max(...sizes) < 2 * SLICE_BYTES, `${Math.max(...sizes)} bytes`);
  });
});
