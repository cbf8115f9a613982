import assert from 'node:assert/strict';
import { transferableBuffers } from '../../src/worker/transferables';

describe('transferable buffers of the worker messages', () => {
  it('transfers the buffer of every typed array that one message alone holds', () => {
    const value = new Float64Array(4);
    const indices = Int32Array.of(0, 2);
    const [transfers] = transferableBuffers([{ nodes: [{ value }, { op: { indices } }] }]);
    assert.deepEqual(new Set(transfers), new Set([value.buffer, indices.buffer]));
  });

  it('lists a buffer once however many views of it the message holds', () => {
    const buffer = new ArrayBuffer(64);
    const message = {
      a: new Float64Array(buffer, 0, 4),
      b: new Float64Array(buffer, 32, 4),
      again: [new Float64Array(buffer, 0, 4)],
    };
    assert.deepEqual(transferableBuffers([message]), [[buffer]]);
  });

  it('copies a buffer that two messages hold: once transferred, the second could not send it', () => {
    const shared = new Float64Array(2);
    const own = new Float64Array(2);
    const transfers = transferableBuffers([{ grad: shared }, [{ grad: shared, value: own }]]);
    assert.deepEqual(transfers, [[], [own.buffer]]);
  });

  it('never transfers a SharedArrayBuffer, and finds nothing in plain data', () => {
    const shared = new Float64Array(new SharedArrayBuffer(16));
    assert.deepEqual(transferableBuffers([{ shared }, { value: 1, names: ['x'] }, null]), [
      [],
      [],
      [],
    ]);
  });

  it('walks shared and deep structures once, without recursion', () => {
    let deep: unknown = new Float64Array(1);
    for (let i = 0; i < 100_000; i += 1) {
      deep = [deep];
    }
    const common = { deep };
    const [transfers] = transferableBuffers([{ a: common, b: common }]);
    assert.equal(transfers?.length, 1);
  });
});
