/**
 * The reverse-mode sweep over a tensor graph: from a seed of ones at the output, each consumer's
 * gradient is pulled back through its op's VJP to every operand that receives one (nodes from
 * the output down, operands last to first, as backward.ts does for scalars). A VJP that answers
 * in a broadcast shape is summed back to the operand's shape as a step of its own.
 *
 * Gradient arrays are shared, never copied, where a node gets one contribution; a second one
 * makes a new sum (or, without steps, adds in place into a sum this sweep made itself).
 */
import { reduceRule, reduceToShape } from './broadcast';
import { tensorOpRecord } from './ops';
import { sameShape, sizeOf, type Shape } from './shape';
import type { Tensor } from './tensor';
import type { TensorGraph, TensorNode } from './tensorIr';
import type { TensorStep } from './tensorResult';

/** Whether operand `i` of `node` can carry a gradient at all (not a mask, not class indices). */
export function carriesGradient(node: TensorNode, i: number): boolean {
  if (node.kind !== 'op') {
    return false;
  }
  const record = tensorOpRecord(node.op);
  return record.differentiable === undefined || record.differentiable(node.op, i);
}

/**
 * 1 for each node that depends on an input through operands that carry a gradient. Constants,
 * ops of constants and masks have no gradient, as in PyTorch, where they do not require grad.
 */
export function varyingTensorNodes(graph: TensorGraph): Uint8Array {
  const varies = new Uint8Array(graph.nodes.length);
  for (const node of graph.nodes) {
    if (node.kind === 'input') {
      varies[node.id] = 1;
    } else if (node.kind === 'op') {
      varies[node.id] = node.operands.some(
        (operand, i) => varies[operand] === 1 && carriesGradient(node, i),
      )
        ? 1
        : 0;
    }
  }
  return varies;
}

/** Nodes that receive a gradient: they vary and reach the output along edges that carry one. */
export function reachingTensorNodes(
  graph: TensorGraph,
  output: number,
  varies: Uint8Array,
): Uint8Array {
  const reaches = new Uint8Array(graph.nodes.length);
  reaches[output] = varies[output] ?? 0;
  for (let id = output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    if (node === undefined || node.kind !== 'op' || reaches[id] === 0) {
      continue;
    }
    node.operands.forEach((operand, i) => {
      if (varies[operand] === 1 && carriesGradient(node, i)) {
        reaches[operand] = 1;
      }
    });
  }
  return reaches;
}

/** How many contributions each node receives: its uses by nodes that receive a gradient. */
export function countContributions(graph: TensorGraph, reaches: Uint8Array): Int32Array {
  const counts = new Int32Array(graph.nodes.length);
  for (const node of graph.nodes) {
    if (node.kind !== 'op' || reaches[node.id] === 0) {
      continue;
    }
    node.operands.forEach((operand, i) => {
      if (reaches[operand] === 1 && carriesGradient(node, i)) {
        counts[operand] = (counts[operand] ?? 0) + 1;
      }
    });
  }
  return counts;
}

export interface TensorBackwardPass {
  /** ∂output/∂node, of the node's shape; undefined where no gradient reaches. */
  readonly grads: readonly (Float64Array | undefined)[];
  readonly reaches: Uint8Array;
  /** Empty unless steps were asked for. */
  readonly steps: readonly TensorStep[];
}

export function tensorBackward(
  graph: TensorGraph,
  values: readonly Float64Array[],
  output: number,
  /** Each node's label, for the formulas of the steps; steps are recorded only when given. */
  labels: readonly string[] | undefined,
): TensorBackwardPass {
  const size = graph.nodes.length;
  const reaches = reachingTensorNodes(graph, output, varyingTensorNodes(graph));
  const grads: (Float64Array | undefined)[] = new Array(size);
  const steps: TensorStep[] = [];
  if (reaches[output] !== 1) {
    return { grads, reaches, steps };
  }
  const outputShape = shapeOf(graph, output);
  grads[output] = new Float64Array(sizeOf(outputShape)).fill(1);
  if (labels !== undefined) {
    steps.push({ kind: 'seed', index: 0, node: output, shape: outputShape });
  }
  const sums = new Sums(
    grads,
    labels === undefined ? undefined : countContributions(graph, reaches),
  );
  for (let id = output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    const grad = grads[id];
    if (node === undefined || node.kind !== 'op' || reaches[id] === 0 || grad === undefined) {
      continue;
    }
    const record = tensorOpRecord(node.op);
    const args = node.operands.map((operand) => ({
      shape: shapeOf(graph, operand),
      data: valueOf(values, operand),
    }));
    const out = { shape: node.shape, data: valueOf(values, id) };
    const upstream: Tensor = { shape: node.shape, data: grad };
    for (let i = node.operands.length - 1; i >= 0; i -= 1) {
      const to = node.operands[i] ?? 0;
      if (reaches[to] === 0 || !carriesGradient(node, i)) {
        continue;
      }
      const operandShape = args[i]?.shape ?? [];
      const product = record.vjp(node.op, i, upstream, args, out);
      const reduced = sameShape(product.shape, operandShape)
        ? undefined
        : reduceToShape(product, operandShape);
      const contribution = reduced?.tensor.data ?? product.data;
      sums.add(to, contribution);
      if (labels === undefined) {
        continue;
      }
      const names = node.operands.map((operand) => labels[operand] ?? `#${operand}`);
      const formula = record.formula(
        node.op,
        i,
        names,
        labels[id] ?? `#${id}`,
        args.map((arg) => arg.shape),
        node.shape,
      );
      const accumulated: Tensor = { shape: operandShape, data: grads[to] ?? contribution };
      const counts = { contribution: sums.received(to), contributions: sums.expected(to) };
      steps.push({
        kind: 'vjp',
        index: steps.length,
        from: id,
        to,
        operandIndex: i,
        rule: formula.rule,
        shapes: formula.shapes,
        upstream,
        product,
        ...(reduced === undefined ? { accumulated } : {}),
        ...counts,
      });
      if (reduced !== undefined) {
        steps.push({
          kind: 'reduce',
          index: steps.length,
          from: id,
          to,
          operandIndex: i,
          axes: reduced.axes,
          rule: reduceRule(reduced.axes, product.shape, operandShape),
          result: reduced.tensor,
          accumulated,
          ...counts,
        });
      }
    }
  }
  return { grads, reaches, steps };
}

/**
 * The running sums of gradients. With steps, every sum after the first contribution is a new
 * array, since each step shows the sum as it was then; without, a sum this sweep allocated is
 * added to in place, and shared arrays (a VJP may hand back its upstream) are never written.
 */
class Sums {
  private readonly counts: Int32Array;
  private readonly owned: Uint8Array;

  constructor(
    private readonly grads: (Float64Array | undefined)[],
    private readonly contributions: Int32Array | undefined,
  ) {
    this.counts = new Int32Array(grads.length);
    this.owned = new Uint8Array(grads.length);
  }

  add(to: number, contribution: Float64Array): void {
    const sum = this.grads[to];
    this.counts[to] = (this.counts[to] ?? 0) + 1;
    if (sum === undefined) {
      this.grads[to] = contribution;
      return;
    }
    if (this.contributions === undefined && this.owned[to] === 1) {
      for (let k = 0; k < sum.length; k += 1) sum[k] = sum[k]! + contribution[k]!;
      return;
    }
    const next = new Float64Array(sum.length);
    for (let k = 0; k < sum.length; k += 1) next[k] = sum[k]! + contribution[k]!;
    this.grads[to] = next;
    this.owned[to] = 1;
  }

  received(to: number): number {
    return this.counts[to] ?? 0;
  }

  expected(to: number): number {
    return this.contributions?.[to] ?? 0;
  }
}

function shapeOf(graph: TensorGraph, id: number): Shape {
  const node = graph.nodes[id];
  if (node === undefined) {
    throw new RangeError(`no node ${id}`);
  }
  return node.shape;
}

function valueOf(values: readonly Float64Array[], id: number): Float64Array {
  const value = values[id];
  if (value === undefined) {
    throw new RangeError(`node ${id} has no value`);
  }
  return value;
}
