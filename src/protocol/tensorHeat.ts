/**
 * A tensor as the small grid its heat map draws (TensorHeat): made where the data is, so that
 * the page gets at most HEAT_CELLS × HEAT_CELLS numbers whatever the tensor's size.
 *
 * Flattening: a vector is one row; a matrix is itself; rank ≥ 3 keeps its last axis as columns
 * and stacks all the others as rows (`reshape(-1, last)`), so each row is one innermost vector.
 * Pooling: blocks of whole rows and columns, each cell the element of largest magnitude of its
 * block with its sign (an average would hide a lone spike and could turn +9, −9 into 0); a
 * block with a NaN is NaN, and ±∞ win as the largest magnitudes.
 */
import type { Shape } from '../engine/tensor/shape';
import type { TensorHeat } from './protocol';

/** The most cells along either side of a heat map. */
export const HEAT_CELLS = 16;

export function tensorHeat(shape: Shape, data: Float64Array): TensorHeat | undefined {
  if (shape.length === 0 || data.length === 0) {
    return undefined;
  }
  const width = shape[shape.length - 1]!;
  const height = data.length / width;
  const rowBlock = Math.ceil(height / HEAT_CELLS);
  const colBlock = Math.ceil(width / HEAT_CELLS);
  const rows = Math.ceil(height / rowBlock);
  const cols = Math.ceil(width / colBlock);
  const cells = new Array<number>(rows * cols).fill(0);
  const seen = new Uint8Array(rows * cols);
  for (let r = 0; r < height; r += 1) {
    const rowAt = Math.floor(r / rowBlock) * cols;
    for (let c = 0; c < width; c += 1) {
      const at = rowAt + Math.floor(c / colBlock);
      const value = data[r * width + c]!;
      const held = cells[at]!;
      if (seen[at] === 0 || Number.isNaN(value) || (!Number.isNaN(held) && larger(value, held))) {
        cells[at] = value;
        seen[at] = 1;
      }
    }
  }
  return { rows, cols, cells, pooled: rowBlock > 1 || colBlock > 1 };
}

function larger(value: number, held: number): boolean {
  return Math.abs(value) > Math.abs(held);
}
