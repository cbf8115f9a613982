/**
 * What a view may say about a node's gradient. A node without one is not "gradient 0": it is
 * an input the output does not use, a node that depends on no input (a constant: no gradient,
 * as in PyTorch), or an intermediate with no path to the output. Every view asks here, so the
 * graph, the details, the hover and the tables say the same thing.
 */
import { formatNumber } from '../engine/format';
import type { InspectionResult, NodeView } from '../engine/result';
import { partialSymbol } from '../engine/stepText';
import { assertNever } from '../engine/assertNever';

export type GradientStatus =
  | { readonly kind: 'gradient'; readonly grad: number }
  /** An input the output does not use, with its key (`x (line 1)`). */
  | { readonly kind: 'unused'; readonly key: string }
  /** On a path to the output, but it depends on no input. */
  | { readonly kind: 'constant' }
  /** Depends on an input, but has no path to the output. */
  | { readonly kind: 'off-path' };

/**
 * 1 for each node with a path to the output, constants included. Ids are walked downwards:
 * operands always precede their users.
 */
export function pathToOutput(result: InspectionResult): Uint8Array {
  const reaches = new Uint8Array(result.nodes.length);
  if (result.output.id < 0 || result.output.id >= reaches.length) {
    return reaches;
  }
  reaches[result.output.id] = 1;
  for (let id = result.output.id; id >= 0; id -= 1) {
    if (reaches[id] !== 1) {
      continue;
    }
    for (const operand of result.nodes[id]?.operands ?? []) {
      if (operand < reaches.length) {
        reaches[operand] = 1;
      }
    }
  }
  return reaches;
}

/** What `gradientStatus` needs of the whole result, computed once per view. */
export interface StatusContext {
  readonly reaches: Uint8Array;
  /** The key of each unused input, by node id. */
  readonly unusedKeys: ReadonlyMap<number, string>;
}

export function statusContext(result: InspectionResult): StatusContext {
  return {
    reaches: pathToOutput(result),
    unusedKeys: new Map(result.unused.map((input) => [input.id, input.name])),
  };
}

export function gradientStatus(node: NodeView, context: StatusContext): GradientStatus {
  if (node.grad !== undefined) {
    return { kind: 'gradient', grad: node.grad };
  }
  if (node.kind === 'input') {
    return { kind: 'unused', key: context.unusedKeys.get(node.id) ?? node.name ?? node.label };
  }
  return context.reaches[node.id] === 1 ? { kind: 'constant' } : { kind: 'off-path' };
}

/**
 * The gradient part of a node's one-line description: `∂f/∂x = −4`, `not used by f`, `no
 * gradient (depends on no input)`, `does not reach f`. `name` is how the node is written in
 * the partial.
 */
export function gradientPhrase(
  status: GradientStatus,
  f: string,
  name: string,
  format: { readonly precision: number },
): string {
  switch (status.kind) {
    case 'gradient':
      return `${partialSymbol(f, name)} = ${formatNumber(status.grad, format)}`;
    case 'unused':
      return `not used by ${f}`;
    case 'constant':
      return 'no gradient (depends on no input)';
    case 'off-path':
      return `does not reach ${f}`;
    default:
      return assertNever(status, 'gradient status');
  }
}
