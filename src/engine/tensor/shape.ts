/**
 * Shapes of tensors and NumPy's broadcasting rules. A shape is a list of axis lengths, `[]` for
 * a scalar; data is row-major (C order), as NumPy and PyTorch keep it by default.
 */

export type Shape = readonly number[];

/** Above this many elements one tensor is refused before anything is allocated. */
export const MAX_TENSOR_ELEMENTS = 10_000_000;
/** Above this many elements in all a program's tensors are refused. */
export const MAX_TOTAL_ELEMENTS = 100_000_000;
/**
 * Above this many multiply-adds in all a program's matrix products are refused: the forward
 * pass and the two VJPs take about three seconds per 10⁹ here, so a bound on elements alone
 * let `A @ A` of two 3000 × 3000 matrices run for a minute.
 */
export const MAX_MATMUL_WORK = 1_000_000_000;

export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const length of shape) {
    size *= length;
  }
  return size;
}

/** How Python prints a shape: `()`, `(3,)`, `(3, 4)`. */
export function shapeText(shape: Shape): string {
  if (shape.length === 1) {
    return `(${shape[0]},)`;
  }
  return `(${shape.join(', ')})`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((length, axis) => length === b[axis]);
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis -= 1) {
    strides[axis] = stride;
    stride *= shape[axis] ?? 1;
  }
  return strides;
}

/**
 * NumPy's broadcast of several shapes: aligned at the right, an axis of length 1 stretches.
 * Undefined when two lengths differ and neither is 1.
 */
export function broadcastShapes(shapes: readonly Shape[]): Shape | undefined {
  const rank = Math.max(0, ...shapes.map((shape) => shape.length));
  const result = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    const offset = rank - shape.length;
    for (let axis = 0; axis < shape.length; axis += 1) {
      const length = shape[axis] ?? 1;
      const current = result[offset + axis] ?? 1;
      if (length === current || length === 1) {
        continue;
      }
      if (current !== 1) {
        return undefined;
      }
      result[offset + axis] = length;
    }
  }
  return result;
}
