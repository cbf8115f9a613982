/**
 * The inlay hints of an inspection of code with arrays, in the styles of scalar code: by default
 * one hint per line at its end (`∇ W (3, 4) ‖0.52‖ · b (4,) ‖1.1‖`); after each read its
 * gradient's shape and norm (`∇ (3, 4) ‖0.52‖`, or `∂loss/∂W (3, 4) ‖0.52‖` in the full
 * style); a one-element input gets its number, as scalar code does (`∇ −4`). An input the output
 * does not use gets no hint.
 */
import { formatNumber } from '../engine/format';
import { shapeText, sizeOf } from '../engine/tensor/shape';
import { COMPACT_PRECISION, type HintedRead } from './compactHints';
import { hintedReferences, styledHints, type InlayHintView, type InlayOptions } from './inlayHints';
import type { TensorDocumentInspection } from './tensorInspection';
import { tensorPartial } from './tensorHover';
import { tensorSummary } from './tensorText';

export function tensorInlayHints(
  inspection: TensorDocumentInspection,
  options: InlayOptions,
): InlayHintView[] {
  const { result } = inspection;
  const keys = new Map(result.inputs.map((input) => [input.id, input.name]));
  const reads: HintedRead[] = [];
  for (const reference of hintedReferences(inspection.program.references, options)) {
    const node = result.nodes[reference.node];
    // An input without a gradient is one the output does not use: no hint, never a 0.
    if (node?.kind !== 'input' || node.grad === undefined) {
      continue;
    }
    const partial = tensorPartial(result.output.name, keys.get(node.id) ?? node.label);
    const compact = Math.min(options.precision, COMPACT_PRECISION);
    const text = hintText(partial, node.shape, node.grad, options.precision);
    reads.push({
      reference,
      node: node.id,
      name: reference.name,
      compact: hintText(partial, node.shape, node.grad, compact).gradient,
      short: `∇ ${text.gradient}`,
      full: text.full,
      tooltip: text.tooltip,
    });
  }
  return styledHints(reads, options);
}

function hintText(
  partial: string,
  shape: readonly number[],
  grad: Float64Array,
  precision: number,
): { readonly gradient: string; readonly full: string; readonly tooltip: string } {
  const format = { precision };
  if (sizeOf(shape) === 1) {
    const value = formatNumber(grad[0] ?? NaN, format);
    return { gradient: value, full: `${partial} = ${value}`, tooltip: `${partial} = ${value}` };
  }
  const summary = tensorSummary(grad);
  const norm = formatNumber(summary.norm, format);
  const maxAbs = formatNumber(summary.maxAbs, format);
  return {
    gradient: `${shapeText(shape)} ‖${norm}‖`,
    full: `${partial} ${shapeText(shape)} ‖${norm}‖`,
    tooltip: `${partial}: shape ${shapeText(shape)}, ‖${partial}‖ = ${norm}, max |${partial}| = ${maxAbs}`,
  };
}
