import assert from 'node:assert/strict';
import { HEAT_CELLS, tensorHeat } from '../../src/protocol/tensorHeat';
import { runPython } from '../support/tensorOpChecks';

/** NumPy's reading of the stated rule: reshape(-1, last), blocks, largest magnitude with sign. */
const NUMPY_POOL = `
import json, sys, math
import numpy as np
shape, data = json.load(sys.stdin)
a = np.array(data, dtype=np.float64).reshape(shape).reshape(-1, shape[-1])
rb, cb = math.ceil(a.shape[0] / ${HEAT_CELLS}), math.ceil(a.shape[1] / ${HEAT_CELLS})
rows, cols = math.ceil(a.shape[0] / rb), math.ceil(a.shape[1] / cb)
cells = []
for r in range(rows):
    for c in range(cols):
        block = a[r * rb:(r + 1) * rb, c * cb:(c + 1) * cb].ravel()
        cells.append(float(block[np.argmax(np.abs(block))]))
print(json.dumps({"rows": rows, "cols": cols, "cells": cells}))
`;

/** A deterministic spread of signed values with a few spikes. */
function values(count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.sin(i * 0.37) * (i % 97 === 5 ? 40 : 1));
}

describe('heat grids of tensors', () => {
  it('keeps a small matrix whole, one cell per element', () => {
    const heat = tensorHeat([2, 3], Float64Array.of(1, -2, 3, 0, 5, -6));
    assert.deepEqual(heat, { rows: 2, cols: 3, cells: [1, -2, 3, 0, 5, -6], pooled: false });
  });

  it('draws a vector as one row and has no grid for a scalar or an empty tensor', () => {
    assert.deepEqual(tensorHeat([4], Float64Array.of(1, -9, 2, 3)), {
      rows: 1,
      cols: 4,
      cells: [1, -9, 2, 3],
      pooled: false,
    });
    assert.equal(tensorHeat([], Float64Array.of(7)), undefined);
    assert.equal(tensorHeat([0, 3], new Float64Array(0)), undefined);
  });

  it('flattens rank 3 by stacking every axis but the last as rows', () => {
    const data = Float64Array.from({ length: 24 }, (_, i) => i - 12);
    const heat = tensorHeat([2, 3, 4], data);
    assert.equal(heat?.rows, 6);
    assert.equal(heat?.cols, 4);
    assert.deepEqual(heat?.cells, Array.from(data));
  });

  it('pools a 64 × 256 matrix to 16 × 16 cells as NumPy does with the same rule', () => {
    const shape = [64, 256];
    const data = values(64 * 256);
    const heat = tensorHeat(shape, Float64Array.from(data));
    const want = runPython<{ rows: number; cols: number; cells: number[] }>(NUMPY_POOL, [
      shape,
      data,
    ]);
    assert.equal(heat?.pooled, true);
    assert.deepEqual({ rows: heat?.rows, cols: heat?.cols }, { rows: 16, cols: 16 });
    assert.deepEqual(heat?.cells, want.cells);
  });

  it('pools ragged blocks of a rank-3 tensor as NumPy does, keeping a negative spike', () => {
    const shape = [3, 7, 41];
    const data = values(3 * 7 * 41);
    const heat = tensorHeat(shape, Float64Array.from(data));
    const want = runPython<{ rows: number; cols: number; cells: number[] }>(NUMPY_POOL, [
      shape,
      data,
    ]);
    assert.deepEqual({ rows: heat?.rows, cols: heat?.cols }, { rows: want.rows, cols: want.cols });
    assert.deepEqual(heat?.cells, want.cells);
    assert.ok(Math.min(...want.cells) < -1, 'a negative spike survives pooling');
  });

  it('pools NaN as NaN and lets ±∞ win with their signs', () => {
    const data = Float64Array.from({ length: 34 }, () => 1);
    data[0] = NaN;
    data[3] = -Infinity;
    data[5] = Infinity;
    data[6] = -7;
    const heat = tensorHeat([34], data);
    // Blocks of 3 elements: [NaN 1 1] [−∞ 1 ∞] [−7 1 1] …
    assert.equal(heat?.cols, 12);
    assert.ok(Number.isNaN(heat?.cells[0]));
    assert.equal(heat?.cells[1], -Infinity);
    assert.equal(heat?.cells[2], -7);
    assert.equal(heat?.cells[11], 1);
  });
});
