/**
 * "Expand to scalars": a small tensor result's computation lowered element by element
 * (scalarize.ts) and inspected by the scalar engine, so that its graph and steps can be shown
 * with the scalar views. The expansion is shown only when it agrees with the tensor result: each
 * element's value and each input element's gradient, to rounding; otherwise it is refused with
 * the element where they part, never shown with other numbers.
 */
import { inspectGraph } from '../inspect';
import type { InspectionResult } from '../result';
import { scalarize, indexText, type ScalarizedGraph } from './scalarize';
import type { TensorGraph } from './tensorIr';
import type { TensorInspectionResult } from './tensorResult';

/** How far apart (relative) a value or gradient of the two readings may be: rounding only. */
export const EXPANSION_TOLERANCE = 1e-9;

export type ScalarExpansion =
  | {
      readonly ok: true;
      readonly result: InspectionResult;
      readonly scalarized: ScalarizedGraph;
    }
  | { readonly ok: false; readonly reason: string };

export function expandToScalars(
  graph: TensorGraph,
  tensor: TensorInspectionResult,
): ScalarExpansion {
  const scalarized = scalarize(
    graph,
    tensor.nodes.map((node) => ({ value: node.value, label: node.label })),
    tensor.output.id,
  );
  if (!scalarized.ok) {
    return scalarized;
  }
  const result = inspectGraph(scalarized.graph, scalarized.values, { check: false });
  const disagreement = firstDisagreement(tensor, scalarized, result);
  if (disagreement !== undefined) {
    return { ok: false, reason: `Not expanded to scalars: ${disagreement}.` };
  }
  return { ok: true, result, scalarized };
}

/** Where the expansion's numbers part from the tensor result's, or undefined. */
function firstDisagreement(
  tensor: TensorInspectionResult,
  scalarized: ScalarizedGraph,
  result: InspectionResult,
): string | undefined {
  for (const node of tensor.nodes) {
    const elements = scalarized.elements[node.id];
    if (elements === undefined) {
      continue;
    }
    for (let k = 0; k < elements.length; k += 1) {
      const scalar = result.nodes[elements[k] ?? -1];
      const place = `${node.label}${indexText(k, node.shape)}`;
      if (!agrees(scalar?.value, node.value[k])) {
        return `the value of ${place} is ${String(scalar?.value)} expanded but ${String(node.value[k])} as a tensor`;
      }
      // A gradient of 0 is no gradient for the scalar engine when no path carries one.
      const grad = node.kind === 'input' ? node.grad?.[k] : undefined;
      if (grad !== undefined && !agrees(scalar?.grad ?? 0, grad)) {
        return `the gradient of ${place} is ${String(scalar?.grad)} expanded but ${String(grad)} as a tensor`;
      }
    }
  }
  return undefined;
}

function agrees(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) {
    return false;
  }
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (a === b) {
    return true;
  }
  return Math.abs(a - b) <= EXPANSION_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}
