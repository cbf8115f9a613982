/**
 * The step-recording reverse-mode sweep: gradients of one output with respect to every node,
 * and each chain-rule step (upstream × local = product, accumulated) in the order backprop
 * performs them, so a UI can replay the backward pass from ∂f/∂f = 1.
 */
import type { Graph } from './ir';
import { opSpec } from './ops';

export interface EdgeRecord {
  readonly from: number;
  readonly to: number;
  readonly operandIndex: number;
  readonly upstream: number;
  readonly local: number;
  readonly product: number;
  readonly accumulated: number;
  readonly contribution: number;
  readonly contributions: number;
}

export interface BackwardPass {
  readonly output: number;
  /** ∂output/∂node; meaningful only where `reaches` is 1. */
  readonly grads: Float64Array;
  /** 1 where the node receives a gradient (see `markReaching`). */
  readonly reaches: Uint8Array;
  /** Local partials of every op node, by operand, at the evaluated point. */
  readonly partials: ReadonlyArray<readonly number[] | undefined>;
  /** Edges in the order the sweep visited them: nodes from the output down, operands last to first. */
  readonly edges: readonly EdgeRecord[];
}

/**
 * Receives each chain-rule step as the sweep makes it. The sweep hands every step in the same
 * object, overwritten for the next one: a sink keeps what it needs by copying it.
 */
export type EdgeSink = (edge: Readonly<EdgeRecord>) => void;

export function backward(
  graph: Graph,
  values: Float64Array,
  output = graph.output,
  varies: Uint8Array = varyingNodes(graph),
): BackwardPass {
  const edges: EdgeRecord[] = [];
  const pass = sweep(graph, values, output, varies, (edge) => {
    edges.push({ ...edge });
  });
  return { ...pass, edges };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The sweep of `backward`, handing each step to `sink` instead of keeping a record of it. */
export function sweep(
  graph: Graph,
  values: Float64Array,
  output: number,
  varies: Uint8Array,
  sink: EdgeSink,
): Omit<BackwardPass, 'edges'> {
  const size = graph.nodes.length;
  const reaches = markReaching(graph, output, varies);
  const contributions = countContributions(graph, reaches);
  const received = new Int32Array(size);
  const grads = new Float64Array(size);
  const partials: (number[] | undefined)[] = new Array<undefined>(size);
  const edge: Mutable<EdgeRecord> = {
    from: 0,
    to: 0,
    operandIndex: 0,
    upstream: 0,
    local: 0,
    product: 0,
    accumulated: 0,
    contribution: 0,
    contributions: 0,
  };
  grads[output] = 1;

  for (let id = output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    if (node === undefined || node.kind !== 'op' || reaches[id] === 0) {
      continue;
    }
    const operands = node.operands;
    const args: number[] = [];
    for (const operand of operands) {
      args.push(values[operand] ?? NaN);
    }
    const local = opSpec(node.op).partials(args, values[id] ?? NaN);
    partials[id] = local;
    const upstream = grads[id] ?? NaN;
    for (let i = operands.length - 1; i >= 0; i -= 1) {
      const to = operands[i] ?? 0;
      if (reaches[to] === 0) {
        continue;
      }
      const localValue = local[i] ?? NaN;
      const product = upstream * localValue;
      const accumulated = (received[to] === 0 ? 0 : (grads[to] ?? 0)) + product;
      grads[to] = accumulated;
      const contribution = (received[to] ?? 0) + 1;
      received[to] = contribution;
      edge.from = id;
      edge.to = to;
      edge.operandIndex = i;
      edge.upstream = upstream;
      edge.local = localValue;
      edge.product = product;
      edge.accumulated = accumulated;
      edge.contribution = contribution;
      edge.contributions = contributions[to] ?? 1;
      sink(edge);
    }
  }
  return { output, grads, reaches, partials };
}

/**
 * 1 for each node that depends on an input. The others (constants, ops of constants) have no
 * gradient, as in PyTorch, where they do not require grad: `uᵖ` with a constant p has no
 * ∂/∂p, which would be NaN for u < 0 and is never part of the answer.
 */
export function varyingNodes(graph: Graph): Uint8Array {
  const varies = new Uint8Array(graph.nodes.length);
  for (const node of graph.nodes) {
    if (node.kind === 'input') {
      varies[node.id] = 1;
    } else if (node.kind === 'op') {
      for (const operand of node.operands) {
        if (varies[operand] === 1) {
          varies[node.id] = 1;
          break;
        }
      }
    }
  }
  return varies;
}

/**
 * Nodes that receive a gradient: every node that depends on an input and has a path to the
 * output, the output included. An output of constants only receives none, not even ∂f/∂f = 1:
 * it is a constant like any other. Ids are walked downwards, since operands precede users.
 */
export function markReaching(
  graph: Graph,
  output: number,
  varies: Uint8Array = varyingNodes(graph),
): Uint8Array {
  const reaches = new Uint8Array(graph.nodes.length);
  reaches[output] = varies[output] ?? 0;
  for (let id = output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    if (node === undefined || node.kind !== 'op' || reaches[id] === 0) {
      continue;
    }
    for (const operand of node.operands) {
      if (varies[operand] === 1) {
        reaches[operand] = 1;
      }
    }
  }
  return reaches;
}

/** How many gradient contributions each node receives (its uses on paths to the output). */
function countContributions(graph: Graph, reaches: Uint8Array): Int32Array {
  const counts = new Int32Array(graph.nodes.length);
  for (const node of graph.nodes) {
    if (node.kind !== 'op' || reaches[node.id] === 0) {
      continue;
    }
    for (const operand of node.operands) {
      if (reaches[operand] === 1) {
        counts[operand] = (counts[operand] ?? 0) + 1;
      }
    }
  }
  return counts;
}
