/**
 * One hand-written gradient against the engine's: CS231n's relative error per element
 * |a − b| / max(|a|, |b|) (0 where both are 0), the worst element with its index, and a verdict
 * with the usual float64 thresholds. Scalars are tensors of shape [].
 */
import type { Tensor } from '../../engine/tensor/tensor';
import type { GradientComparison, GradientPairing, GradientVerdict, WorstElement } from './report';

/** At most this relative error is `correct`; above DOUBTFUL_ABOVE is `wrong`. */
export const CORRECT_AT_MOST = 1e-7;
export const DOUBTFUL_AT_MOST = 1e-4;

export function relativeError(a: number, b: number): number {
  if (a === b) {
    return 0;
  }
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    return Number.POSITIVE_INFINITY;
  }
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

export function verdictOf(maxRelativeError: number): GradientVerdict {
  if (maxRelativeError <= CORRECT_AT_MOST) {
    return 'correct';
  }
  return maxRelativeError <= DOUBTFUL_AT_MOST ? 'doubtful' : 'wrong';
}

/** The index of element `flat` in row-major order. */
export function indexOf(shape: readonly number[], flat: number): number[] {
  const index = shape.map(() => 0);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis] ?? 1;
    index[axis] = rest % size;
    rest = Math.floor(rest / size);
  }
  return index;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, axis) => size === b[axis]);
}

/** Compares `hand` (the hand-written gradient's value) with `engine` (∂output/∂of). */
export function compareGradient(
  pairing: GradientPairing,
  hand: Tensor,
  engine: Tensor,
): GradientComparison {
  const shapes = { handShape: [...hand.shape], engineShape: [...engine.shape] };
  if (!sameShape(hand.shape, engine.shape)) {
    return {
      pairing,
      verdict: 'shape',
      maxRelativeError: Number.POSITIVE_INFINITY,
      ...shapes,
    };
  }
  let worst: WorstElement | undefined;
  for (let flat = 0; flat < hand.data.length; flat++) {
    const handWritten = hand.data[flat] ?? 0;
    const exact = engine.data[flat] ?? 0;
    const error = relativeError(handWritten, exact);
    if (worst === undefined || error > worst.relativeError) {
      worst = {
        index: indexOf(hand.shape, flat),
        handWritten,
        engine: exact,
        relativeError: error,
      };
    }
  }
  const maxRelativeError = worst?.relativeError ?? 0;
  return {
    pairing,
    verdict: verdictOf(maxRelativeError),
    maxRelativeError,
    ...(worst === undefined ? {} : { worst }),
    ...shapes,
  };
}
