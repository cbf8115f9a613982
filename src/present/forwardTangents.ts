/**
 * Forward mode for the views: ∂node/∂input for every node, from the local partials the result
 * already carries, so the panel can say how a change in one input ripples forward without the
 * engine. The same sums as the engine's forwardMode.ts, in the same order.
 */
import type { InspectionResult } from '../engine/result';

export function forwardTangents(result: InspectionResult, input: number): number[] {
  const tangents = new Array<number>(result.nodes.length).fill(0);
  if (input < 0 || input >= tangents.length) {
    return tangents;
  }
  tangents[input] = 1;
  // Nodes are in topological order: every operand's tangent is known before its users'.
  for (const node of result.nodes) {
    if (node.kind !== 'op') {
      continue;
    }
    let sum = 0;
    for (const partial of node.partials) {
      const operandTangent = tangents[node.operands[partial.operand] ?? -1] ?? 0;
      // Operands that do not depend on the input add nothing, even through an infinite partial.
      if (operandTangent !== 0) {
        sum += operandTangent * partial.value;
      }
    }
    tangents[node.id] = sum;
  }
  return tangents;
}
