/** The forward pass: every node's value, in one loop over the topologically ordered nodes. */
import { inputKey, type Graph } from './ir';
import { opSpec } from './ops';
import { assertNever } from './assertNever';

/** Input names that `values` does not give a number for, in graph order. */
export function missingInputs(graph: Graph, values: Readonly<Record<string, number>>): string[] {
  const missing: string[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'input' && !Object.prototype.hasOwnProperty.call(values, inputKey(node))) {
      missing.push(inputKey(node));
    }
  }
  return missing;
}

/** Values of all nodes. Every input must have a value (see `missingInputs`). */
export function evaluate(graph: Graph, values: Readonly<Record<string, number>>): Float64Array {
  const out = new Float64Array(graph.nodes.length);
  const args: number[] = [];
  for (const node of graph.nodes) {
    switch (node.kind) {
      case 'input':
        out[node.id] = inputValue(values, inputKey(node));
        break;
      case 'constant':
        out[node.id] = node.value;
        break;
      case 'op':
        args.length = 0;
        for (const operand of node.operands) {
          args.push(out[operand] ?? NaN);
        }
        out[node.id] = opSpec(node.op).forward(args);
        break;
      default: {
        return assertNever(node, 'node');
      }
    }
  }
  return out;
}

function inputValue(values: Readonly<Record<string, number>>, name: string): number {
  if (!Object.prototype.hasOwnProperty.call(values, name)) {
    throw new RangeError(`no value for input ${name}`);
  }
  return values[name] ?? NaN;
}
