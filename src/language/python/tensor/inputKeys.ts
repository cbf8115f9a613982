/**
 * The names under which an array reader's inputs take the values a user typed (NumPy, PyTorch,
 * JAX and TensorFlow.js alike): a name assigned twice gets its line as well.
 */
import { sameShape, shapeText, sizeOf } from '../../../engine/tensor/shape';
import { tensorOf, type Tensor } from '../../../engine/tensor/tensor';
import { CodeError } from '../../code/codeError';
import type { FrontEndRequest } from '../../frontEnd';
import type { SourceLines } from '../../sourceLines';
import type { Span } from '../../span';

/** The input key of a new binding of `name`: the name, or `x (line 4)` when x is one already. */
export function freshInputKey(
  name: string,
  at: Span,
  lines: SourceLines,
  taken: ReadonlySet<string>,
): string {
  if (!taken.has(name)) {
    return name;
  }
  const withLine = `${name} (line ${lines.lineOf(at.from) + 1})`;
  let key = withLine;
  for (let count = 2; taken.has(key); count += 1) {
    key = `${withLine} #${count}`;
  }
  return key;
}

/** A value the user typed for input `key` (an array, or a number for one element). */
export function typedInputValue(
  request: Pick<FrontEndRequest, 'arrays' | 'values'>,
  key: string,
  shape: readonly number[],
  span: Span,
): Tensor | undefined {
  const arrays = request.arrays ?? {};
  const array = Object.hasOwn(arrays, key) ? arrays[key] : undefined;
  if (array !== undefined) {
    if (!sameShape(array.shape, shape)) {
      throw new CodeError(
        'unsupported',
        `the value given for ${key} has shape ${shapeText(array.shape)}; the code reads ${key} as ${shapeText(shape)}`,
        span,
      );
    }
    return array;
  }
  const values = request.values ?? {};
  if (Object.hasOwn(values, key) && sizeOf(shape) === 1) {
    return tensorOf(shape, Float64Array.of(values[key] ?? NaN));
  }
  return undefined;
}
