/**
 * Forward mode (a Jacobian-vector product): the tangent ∂node/∂input of every node with
 * respect to one chosen input, so a view can show how a change in x ripples forward.
 */
import type { Graph } from './ir';
import { opSpec } from './ops';

export function tangents(graph: Graph, values: Float64Array, input: number): Float64Array {
  const tangent = new Float64Array(graph.nodes.length);
  tangent[input] = 1;
  for (const node of graph.nodes) {
    if (node.kind !== 'op') {
      continue;
    }
    const args = node.operands.map((operand) => values[operand] ?? NaN);
    const local = opSpec(node.op).partials(args, values[node.id] ?? NaN);
    let sum = 0;
    for (let i = 0; i < node.operands.length; i += 1) {
      const operandTangent = tangent[node.operands[i] ?? 0] ?? 0;
      // Operands that do not depend on the input add nothing, even where the local partial is
      // infinite (0·∞ would otherwise poison the sum).
      if (operandTangent !== 0) {
        sum += operandTangent * (local[i] ?? NaN);
      }
    }
    tangent[node.id] = sum;
  }
  return tangent;
}
