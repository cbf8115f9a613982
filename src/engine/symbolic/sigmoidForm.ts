/**
 * The logistic function written out, `1/(1 + exp(−u))` (as CS231n's staged code and most
 * NumPy code write it), recognised so its derivative can read `f·(1 − f)` like σ's does.
 */
import type { Graph, OpNode } from '../ir';

/**
 * The id of `u` when `node` is 1/(1 + exp(−u)) (either order of the sum) and the nodes in
 * between are nameless and used only there, so nothing else is written in terms of them.
 */
export function sigmoidOperand(
  graph: Graph,
  node: OpNode,
  names: ReadonlyMap<number, string>,
  uses: Int32Array,
): number | undefined {
  if (node.op !== 'div' || node.operands.length !== 2) {
    return undefined;
  }
  const [numerator = -1, denominator = -1] = node.operands;
  if (!isOne(graph, numerator)) {
    return undefined;
  }
  const sum = inner(graph, denominator, 'add', names, uses);
  if (sum === undefined || sum.operands.length !== 2) {
    return undefined;
  }
  const [a = -1, b = -1] = sum.operands;
  const other = isOne(graph, a) ? b : isOne(graph, b) ? a : undefined;
  const exp = other === undefined ? undefined : inner(graph, other, 'exp', names, uses);
  const negation =
    exp === undefined ? undefined : inner(graph, exp.operands[0] ?? -1, 'neg', names, uses);
  return negation?.operands[0];
}

function isOne(graph: Graph, id: number): boolean {
  const node = graph.nodes[id];
  return node?.kind === 'constant' && node.value === 1;
}

/** The op node `id` when it is `op`, nameless and used once. */
function inner(
  graph: Graph,
  id: number,
  op: OpNode['op'],
  names: ReadonlyMap<number, string>,
  uses: Int32Array,
): OpNode | undefined {
  const node = graph.nodes[id];
  if (node?.kind !== 'op' || node.op !== op || names.has(id) || node.name !== undefined) {
    return undefined;
  }
  return uses[id] === 1 ? node : undefined;
}
