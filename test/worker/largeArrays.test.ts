import assert from 'node:assert/strict';
import fc from 'fast-check';
import { joinSlice, splitLargeArrays } from '../../src/worker/largeArrays';

/** What a receiver does: join every slice into the skeleton, in order. */
function rejoin(value: unknown, sliceLength: number): unknown {
  const { skeleton, slices } = splitLargeArrays(value, sliceLength);
  for (const slice of slices) {
    assert.ok(joinSlice(skeleton, slice), `slice at ${JSON.stringify(slice.path)} found no array`);
  }
  return skeleton;
}

describe('large arrays split for the worker and joined again', () => {
  it('gives back the same value for any JSON-like value and slice length', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 8 }), (value, sliceLength) => {
        assert.deepEqual(rejoin(value, sliceLength), value);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts every array longer than the slice length, at any depth, and nothing shorter', () => {
    const value = {
      result: { nodes: Array.from({ length: 2500 }, (_, id) => ({ id, partials: [1, 2, 3] })) },
      program: {
        references: [{ name: 'x' }],
        graph: { nodes: Array.from({ length: 1001 }, (_, i) => i) },
      },
    };
    const { skeleton, slices } = splitLargeArrays(value, 1000);
    assert.deepEqual(
      slices.map((slice) => [slice.path.join('.'), slice.items.length]),
      [
        ['result.nodes', 1000],
        ['result.nodes', 1000],
        ['result.nodes', 500],
        ['program.graph.nodes', 1000],
        ['program.graph.nodes', 1],
      ],
    );
    assert.deepEqual((skeleton as typeof value).program.references, [{ name: 'x' }]);
    assert.deepEqual(rejoin(value, 1000), value);
  });

  it('keeps names from the document such as __proto__ and constructor as plain keys', () => {
    const grads = JSON.parse('{"__proto__": [1, 2, 3], "constructor": 2}') as Record<
      string,
      unknown
    >;
    const joined = rejoin({ grads }, 2) as { grads: Record<string, unknown> };
    assert.deepEqual(Object.keys(joined.grads), ['__proto__', 'constructor']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(joined.grads, '__proto__')?.value, [1, 2, 3]);
    assert.equal(Object.getPrototypeOf(joined.grads), Object.prototype);
  });

  it('refuses a slice whose path leads nowhere or not to an array', () => {
    const skeleton = { a: { b: [] as unknown[] }, c: 1 };
    assert.equal(joinSlice(skeleton, { path: ['a', 'x'], items: [1] }), false);
    assert.equal(joinSlice(skeleton, { path: ['c'], items: [1] }), false);
    assert.equal(joinSlice(skeleton, { path: ['toString'], items: [1] }), false);
    assert.equal(joinSlice(skeleton, { path: ['a', 'b'], items: [1, 2] }), true);
    assert.deepEqual(skeleton.a.b, [1, 2]);
  });
});
