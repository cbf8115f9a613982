/**
 * The forward pass over a tensor graph: every node's elements, in node order (operands come
 * before their users), from the inputs' values and the constants.
 */
import { assertNever } from '../assertNever';
import { getOwn } from '../records';
import { tensorOpRecord } from './ops';
import { sameShape, shapeText } from './shape';
import type { Tensor } from './tensor';
import {
  tensorInputKey,
  type TensorGraph,
  type TensorInputNode,
  type TensorNode,
} from './tensorIr';

/** Every node's value; `values` holds each input's tensor by its key. */
export function tensorForward(
  graph: TensorGraph,
  values: Readonly<Record<string, Tensor>>,
): Float64Array[] {
  const results: Float64Array[] = [];
  for (const node of graph.nodes) {
    results.push(nodeValue(graph, node, results, values));
  }
  return results;
}

/** One node's value, its operands' values being known. */
export function nodeValue(
  graph: TensorGraph,
  node: TensorNode,
  results: readonly (Float64Array | undefined)[],
  values: Readonly<Record<string, Tensor>>,
): Float64Array {
  switch (node.kind) {
    case 'input':
      return inputValue(node, values);
    case 'constant':
      return node.value.data;
    case 'op': {
      const args = node.operands.map((operand) => operandTensor(graph, results, operand));
      return tensorOpRecord(node.op).forward(node.op, args, node.shape);
    }
    default:
      return assertNever(node, 'tensor node');
  }
}

function inputValue(node: TensorInputNode, values: Readonly<Record<string, Tensor>>): Float64Array {
  const key = tensorInputKey(node);
  const value = getOwn(values, key);
  if (value === undefined) {
    throw new RangeError(`no value for the input ${key}`);
  }
  if (!sameShape(value.shape, node.shape)) {
    throw new RangeError(
      `the value of ${key} has shape ${shapeText(value.shape)}; the graph reads it as ${shapeText(node.shape)}`,
    );
  }
  return value.data;
}

/** Node `id`'s value as a tensor of its shape. */
function operandTensor(
  graph: TensorGraph,
  results: readonly (Float64Array | undefined)[],
  id: number,
): Tensor {
  const node = graph.nodes[id];
  const data = results[id];
  if (node === undefined || data === undefined) {
    throw new RangeError(`node ${id} has no value`);
  }
  return { shape: node.shape, data };
}
