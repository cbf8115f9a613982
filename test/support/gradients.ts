/** Values and gradients of a lowered program, by input name, with the engine's passes. */
import { backward } from '../../src/engine/backward';
import { evaluate } from '../../src/engine/forward';
import type { Graph } from '../../src/engine/ir';

export interface Evaluated {
  readonly value: number;
  /** ∂output/∂input, by input name. */
  readonly grads: Record<string, number>;
}

export function gradientsAt(graph: Graph, values: Readonly<Record<string, number>>): Evaluated {
  const forward = evaluate(graph, values);
  const pass = backward(graph, forward);
  const grads: Record<string, number> = {};
  for (const node of graph.nodes) {
    if (node.kind === 'input') {
      grads[node.name] = pass.reaches[node.id] === 1 ? (pass.grads[node.id] ?? NaN) : 0;
    }
  }
  return { value: forward[graph.output] ?? NaN, grads };
}

/** ∂output/∂input by central differences, to check the graph against. */
export function numericGradients(
  graph: Graph,
  values: Readonly<Record<string, number>>,
  step = 1e-6,
): Record<string, number> {
  const grads: Record<string, number> = {};
  for (const name of Object.keys(values)) {
    const at = (delta: number): number => {
      const shifted = { ...values, [name]: (values[name] ?? NaN) + delta };
      return evaluate(graph, shifted)[graph.output] ?? NaN;
    };
    grads[name] = (at(step) - at(-step)) / (2 * step);
  }
  return grads;
}
