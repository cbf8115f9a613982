/**
 * The `--json` output of code with arrays: the tensor result with every value and gradient as
 * nested arrays of its shape (a number for shape `()`), as `np.array(...).tolist()` writes it,
 * each node's `shape`, and the backward steps in matrix form (rule, shapes, upstream and product
 * as nested arrays). Non-finite numbers are strings, as in the scalar output.
 */
import type { Shape } from '../engine/tensor/shape';
import type { Tensor } from '../engine/tensor/tensor';
import type {
  TensorInspectionResult,
  TensorNodeView,
  TensorStep,
} from '../engine/tensor/tensorResult';
import { assertNever } from '../engine/assertNever';
import { setOwn } from '../engine/records';
import { stringify } from './json';

/** A nested list, or a number for a scalar. */
export type NestedArray = number | NestedArray[];

export function nestedArray(shape: Shape, data: ArrayLike<number>): NestedArray {
  if (shape.length === 0) {
    return data[0] ?? NaN;
  }
  const build = (axis: number, start: number): NestedArray[] => {
    const length = shape[axis] ?? 0;
    if (axis === shape.length - 1) {
      return Array.from({ length }, (_, i) => data[start + i] ?? NaN);
    }
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length }, (_, i) => build(axis + 1, start + i * stride));
  };
  return build(0, 0);
}

function nested(tensor: Tensor): NestedArray {
  return nestedArray(tensor.shape, tensor.data);
}

/**
 * `notes`: what the reading assumed, as in the scalar output; `samples`: the inputs whose values
 * stand in for random ones, marked `"sample": true`.
 */
export function tensorResultJson(
  result: TensorInspectionResult,
  values: Readonly<Record<string, Tensor>>,
  notes: readonly string[] = [],
  samples: ReadonlySet<string> = new Set(),
): string {
  return stringify({
    kind: result.kind,
    output: result.output,
    value: result.value,
    grads: mapRecord(result.grads, nested),
    inputs: result.inputs.map((input) => ({
      ...input,
      ...(samples.has(input.name) ? { sample: true } : {}),
      value: nestedArray(input.shape, input.value),
      grad: nestedArray(input.shape, input.grad),
    })),
    unused: result.unused.map((input) => ({
      ...input,
      ...(samples.has(input.name) ? { sample: true } : {}),
      value: nestedArray(input.shape, input.value),
    })),
    nodes: result.nodes.map(nodeJson),
    steps: result.steps.map(stepJson),
    ...(result.firstNonFinite === undefined ? {} : { firstNonFinite: result.firstNonFinite }),
    ...(result.check === undefined ? {} : { check: result.check }),
    ...(result.groups === undefined ? {} : { groups: result.groups }),
    at: mapRecord(values, nested),
    ...(notes.length === 0 ? {} : { notes }),
  });
}

function nodeJson(node: TensorNodeView): Record<string, unknown> {
  return {
    ...node,
    value: nestedArray(node.shape, node.value),
    ...(node.grad === undefined ? {} : { grad: nestedArray(node.shape, node.grad) }),
  };
}

function stepJson(step: TensorStep): Record<string, unknown> {
  switch (step.kind) {
    case 'seed':
      return { ...step };
    case 'vjp':
      return {
        ...step,
        upstreamShape: step.upstream.shape,
        upstream: nested(step.upstream),
        productShape: step.product.shape,
        product: nested(step.product),
        ...(step.accumulated === undefined ? {} : { accumulated: nested(step.accumulated) }),
      };
    case 'reduce':
      return {
        ...step,
        resultShape: step.result.shape,
        result: nested(step.result),
        accumulated: nested(step.accumulated),
      };
    default:
      return assertNever(step, 'tensor step');
  }
}

function mapRecord<T, U>(
  record: Readonly<Record<string, T>>,
  map: (value: T) => U,
): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [key, value] of Object.entries(record)) {
    setOwn(out, key, map(value));
  }
  return out;
}
