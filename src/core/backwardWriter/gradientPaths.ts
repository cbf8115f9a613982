/** The nodes a written backward pass gives a gradient: those on a path from an input to the output. */

/** A node as the path search sees it, in either engine's graph. */
export interface PathNode {
  readonly id: number;
  readonly isInput: boolean;
  /** Its operands (none for a leaf). */
  readonly operands: readonly number[];
  /** Whether a gradient flows from its operands through it (not through a comparison's). */
  readonly passesGradient: boolean;
}

/** `nodes` in graph order (a node's id is its index, operands come before it). */
export function nodesOnGradientPaths(
  nodes: readonly PathNode[],
  output: number,
): ReadonlySet<number> {
  const fromInput = nodes.map((node) => node.isInput);
  for (const node of nodes) {
    if (node.passesGradient && node.operands.some((operand) => fromInput[operand] === true)) {
      fromInput[node.id] = true;
    }
  }
  const toOutput = new Set<number>([output]);
  for (let id = output; id >= 0; id -= 1) {
    const node = nodes[id];
    if (node !== undefined && toOutput.has(id)) {
      node.operands.forEach((operand) => toOutput.add(operand));
    }
  }
  return new Set([...toOutput].filter((id) => fromInput[id] === true));
}
