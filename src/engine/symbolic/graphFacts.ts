/**
 * What the symbolic sweep needs to know of a graph up to its output, gathered in one pass over
 * its node objects. Reading 10⁵ node objects costs milliseconds (they are scattered in memory),
 * so the sweep reads these typed arrays instead, and touches a node object only when it writes
 * a formula for it.
 */
import type { Graph } from '../ir';
import { displayName } from '../labels';

export interface GraphFacts {
  /**
   * Intermediate (op) nodes the code names, by the name formulas write (`q`, `q₂`): only names
   * that stand for one node, so a formula never means two things.
   */
  readonly names: ReadonlyMap<number, string>;
  /** Each node's formula size as a tree (a shared operand counted at every use), saturated. */
  readonly sizes: Int32Array;
  /** 1 for nodes that depend on an input (the others get no adjoint). */
  readonly varies: Uint8Array;
  /** 1 for input nodes. */
  readonly isInput: Uint8Array;
  /** How many input nodes there are up to the output. */
  readonly inputCount: number;
  /** Node id's operands are operands[offsets[id]] up to operands[offsets[id + 1]]. */
  readonly offsets: Int32Array;
  readonly operands: Int32Array;
}

/** The facts of nodes 0 … output, formula sizes saturating at `sizeCap`. */
export function graphFacts(graph: Graph, output: number, sizeCap: number): GraphFacts {
  const count = output + 1;
  const sizes = new Int32Array(count);
  const varies = new Uint8Array(count);
  const isInput = new Uint8Array(count);
  const offsets = new Int32Array(count + 1);
  // Typed from the start: a plain array of 10⁵ numbers costs more to copy than the pass.
  let operands: Int32Array = new Int32Array(2 * count);
  let edges = 0;
  const byName = new Map<string, number>();
  const shared = new Set<string>();
  let inputCount = 0;
  let namedOps = 0;
  for (let id = 0; id < count; id += 1) {
    const node = graph.nodes[id];
    offsets[id] = edges;
    sizes[id] = 1;
    if (node === undefined) {
      continue;
    }
    if (node.name !== undefined && node.kind !== 'constant') {
      const name = displayName(node.name, node.version);
      if (byName.has(name)) {
        shared.add(name);
      }
      byName.set(name, id);
    }
    if (node.kind === 'input') {
      varies[id] = 1;
      isInput[id] = 1;
      inputCount += 1;
      continue;
    }
    if (node.kind !== 'op') {
      continue;
    }
    // Sizes assume every named op is written as its name; corrected below when one is not.
    const named = node.name !== undefined;
    namedOps += named ? 1 : 0;
    let size = 1;
    if (edges + node.operands.length > operands.length) {
      operands = grown(operands, edges + node.operands.length);
    }
    for (const operand of node.operands) {
      operands[edges] = operand;
      edges += 1;
      size += sizes[operand] ?? sizeCap;
      if (varies[operand] === 1) {
        varies[id] = 1;
      }
    }
    sizes[id] = named ? 1 : Math.min(size, sizeCap);
  }
  offsets[count] = edges;
  const names = new Map<number, string>();
  for (const [name, id] of byName) {
    if (!shared.has(name) && graph.nodes[id]?.kind === 'op') {
      names.set(id, name);
    }
  }
  if (names.size !== namedOps) {
    treeSizes(sizes, offsets, operands, names, sizeCap);
  }
  return {
    names,
    sizes,
    varies,
    isInput,
    inputCount,
    offsets,
    operands: operands.subarray(0, edges),
  };
}

function grown(array: Int32Array, needed: number): Int32Array {
  const larger = new Int32Array(Math.max(needed, 2 * array.length));
  larger.set(array);
  return larger;
}

/** Formula sizes again, for the (rare) graph where a named op is not written as its name. */
function treeSizes(
  sizes: Int32Array,
  offsets: Int32Array,
  operands: Int32Array,
  names: ReadonlyMap<number, string>,
  cap: number,
): void {
  for (let id = 0; id < sizes.length; id += 1) {
    const start = offsets[id] ?? 0;
    const end = offsets[id + 1] ?? 0;
    if (start === end || names.has(id)) {
      sizes[id] = 1;
      continue;
    }
    let size = 1;
    for (let k = start; k < end; k += 1) {
      size += sizes[operands[k] ?? 0] ?? cap;
    }
    sizes[id] = Math.min(size, cap);
  }
}
