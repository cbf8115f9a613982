/**
 * Axes for the op records that take one (`axis=`/`dim=`): checking and resolving a written axis
 * (negative counts from the end), and one axis of a row-major tensor seen as a stack of lines —
 * `outer` blocks before the axis, `length` elements along it, `inner` after it, element (o, i, j)
 * at `(o * length + i) * inner + j`.
 */
import { shapeText, sizeOf, type Shape } from './shape';

export interface AxisLayout {
  readonly outer: number;
  readonly length: number;
  readonly inner: number;
}

export function axisLayout(shape: Shape, axis: number): AxisLayout {
  return {
    outer: sizeOf(shape.slice(0, axis)),
    length: shape[axis] ?? 1,
    inner: sizeOf(shape.slice(axis + 1)),
  };
}

/**
 * `axis` as a non-negative axis of a tensor of `rank` axes (negative counts from the end, as in
 * NumPy and PyTorch), or why it is not one.
 */
export function axisOf(axis: number, rank: number): number | { readonly mismatch: string } {
  const resolved = resolvedAxis(axis, rank);
  if (!Number.isInteger(axis) || resolved < 0 || resolved >= rank) {
    return { mismatch: `axis ${axis} is out of bounds for a tensor of ${rank} dimensions` };
  }
  return resolved;
}

/** A valid axis (see axisOf) as a non-negative one. */
export function resolvedAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** Why `shapes` do not all equal the first one, or undefined when they do. */
export function unequalShapes(shapes: readonly Shape[]): string | undefined {
  const first = shapes[0] ?? [];
  const other = shapes.find(
    (shape) =>
      shape.length !== first.length || shape.some((length, axis) => length !== first[axis]),
  );
  if (other === undefined) {
    return undefined;
  }
  return `shapes ${shapeText(first)} and ${shapeText(other)} do not fit: they must be equal`;
}

/** Python's slice text of one axis among `rank`, e.g. `[:, 3:7]` or `[:, 1]`. */
export function axisSliceText(rank: number, axis: number, part: string): string {
  const parts = new Array<string>(rank).fill(':');
  parts[axis] = part;
  const trimmed = parts.slice(0, axis + 1);
  return `[${trimmed.join(', ')}]`;
}
