/**
 * Forward mode for the views: ∂node/∂input for every node, from the local partials the result
 * already carries, so the panel can say how a change in one input ripples forward without the
 * engine. The same sums as the engine's forwardMode.ts, in the same order. Works for any input,
 * the output's or one it does not use (an intermediate off its paths may depend on that one).
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
    // Partials cover the operands that depend on some input; a constant's tangent is 0 anyway.
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

/**
 * 1 for `node` and every node it is computed from, by the graph alone: a tangent of 0 may be a
 * real derivative (relu at a negative point), this says whether there is any to speak of.
 * Gradients are not read (a node off the output's paths has none, yet has inputs). Ids are
 * walked downwards, since operands always precede their users.
 */
export function computedFrom(result: InspectionResult, node: number): Uint8Array {
  const from = new Uint8Array(result.nodes.length);
  if (node < 0 || node >= from.length) {
    return from;
  }
  from[node] = 1;
  for (let id = node; id >= 0; id -= 1) {
    if (from[id] !== 1) {
      continue;
    }
    for (const operand of result.nodes[id]?.operands ?? []) {
      from[operand] = 1;
    }
  }
  return from;
}
