/** A tensor value: a shape and its float64 elements in row-major order. */
import { sizeOf, type Shape } from './shape';

export interface Tensor {
  readonly shape: Shape;
  readonly data: Float64Array;
}

export function tensorOf(shape: Shape, data: Float64Array): Tensor {
  if (data.length !== sizeOf(shape)) {
    throw new RangeError(`${data.length} elements do not fill shape [${shape.join(', ')}]`);
  }
  return { shape, data };
}

export function scalarTensor(value: number): Tensor {
  return { shape: [], data: Float64Array.of(value) };
}

export function zerosTensor(shape: Shape): Tensor {
  return { shape, data: new Float64Array(sizeOf(shape)) };
}
