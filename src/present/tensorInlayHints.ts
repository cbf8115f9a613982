/**
 * The inlay hints of an inspection of code with arrays: after each occurrence of an input inside
 * the inspected range, its gradient's shape and norm (`∇ (3, 4) ‖0.52‖`, or
 * `∂loss/∂W (3, 4) ‖0.52‖` in the full style); a one-element input gets its number, as scalar
 * code does (`∇ −4`). An input the output does not use gets no hint.
 */
import { formatNumber } from '../engine/format';
import { shapeText, sizeOf } from '../engine/tensor/shape';
import { isHinted, type InlayHintView, type InlayOptions } from './inlayHints';
import type { TensorDocumentInspection } from './tensorInspection';
import { tensorPartial } from './tensorHover';
import { tensorSummary } from './tensorText';

export function tensorInlayHints(
  inspection: TensorDocumentInspection,
  options: InlayOptions,
): InlayHintView[] {
  const { result } = inspection;
  const keys = new Map(result.inputs.map((input) => [input.id, input.name]));
  const hints: InlayHintView[] = [];
  for (const reference of inspection.program.references) {
    const node = result.nodes[reference.node];
    // An input without a gradient is one the output does not use: no hint, never a 0.
    if (node?.kind !== 'input' || node.grad === undefined || !isHinted(reference, options)) {
      continue;
    }
    const partial = tensorPartial(result.output.name, keys.get(node.id) ?? node.label);
    const hint = hintText(partial, node.shape, node.grad, options);
    hints.push({
      position: reference.range.end,
      label: options.style === 'full' ? hint.full : hint.short,
      tooltip: hint.tooltip,
    });
  }
  return hints;
}

function hintText(
  partial: string,
  shape: readonly number[],
  grad: Float64Array,
  options: InlayOptions,
): { readonly short: string; readonly full: string; readonly tooltip: string } {
  const format = { precision: options.precision };
  if (sizeOf(shape) === 1) {
    const value = formatNumber(grad[0] ?? NaN, format);
    return { short: `∇ ${value}`, full: `${partial} = ${value}`, tooltip: `${partial} = ${value}` };
  }
  const summary = tensorSummary(grad);
  const norm = formatNumber(summary.norm, format);
  const maxAbs = formatNumber(summary.maxAbs, format);
  return {
    short: `∇ ${shapeText(shape)} ‖${norm}‖`,
    full: `${partial} ${shapeText(shape)} ‖${norm}‖`,
    tooltip: `${partial}: shape ${shapeText(shape)}, ‖${partial}‖ = ${norm}, max |${partial}| = ${maxAbs}`,
  };
}
