/**
 * What the panel receives of one tensor: its shape, its first elements, a few statistics and a
 * small grid for its heat map.
 * Made where the result is (the inspection worker), so that a tensor of millions of elements
 * never travels to the page whole.
 */
import type { Shape } from '../engine/tensor/shape';
import type { TensorSummary } from './protocol';
import { tensorHeat } from './tensorHeat';

/** A 6 × 6 matrix is listed whole; of a larger tensor, this many first elements. */
export const SUMMARY_ELEMENTS = 36;

export function tensorSummary(shape: Shape, data: Float64Array): TensorSummary {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let squares = 0;
  let nan = false;
  for (let i = 0; i < data.length; i += 1) {
    const value = data[i]!;
    nan ||= Number.isNaN(value);
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
    squares += value * value;
  }
  const empty = data.length === 0;
  const heat = tensorHeat(shape, data);
  return {
    shape: [...shape],
    first: Array.from(data.subarray(0, SUMMARY_ELEMENTS)),
    // An empty tensor has no minimum or maximum; a NaN element makes every statistic NaN.
    min: empty || nan ? NaN : min,
    max: empty || nan ? NaN : max,
    mean: empty ? NaN : sum / data.length,
    norm: Math.sqrt(squares),
    ...(heat === undefined ? {} : { heat }),
  };
}
