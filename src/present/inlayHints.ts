/**
 * The inlay hints of an inspection: after each occurrence of an input inside the inspected
 * range, its gradient (`∂f/∂x = −4`, or `∇ −4` in the short style).
 */
import type { Position } from '../engine/ir';
import { formatNumber } from '../engine/format';
import { partialSymbol } from '../engine/stepText';
import type { Inspection, ViewOptions } from './inspection';

export type InlayStyle = 'full' | 'short';

export interface InlayHintView {
  readonly position: Position;
  readonly label: string;
  /** The long form, for the hint's tooltip. */
  readonly tooltip: string;
}

export function inlayHints(
  inspection: Inspection,
  options: ViewOptions & { readonly style: InlayStyle },
): InlayHintView[] {
  const { result } = inspection;
  const f = result.output.name;
  const hints: InlayHintView[] = [];
  for (const reference of inspection.program.references) {
    const node = result.nodes[reference.node];
    if (node?.kind !== 'input' || node.grad === undefined || reference.role === 'write') {
      continue;
    }
    const grad = formatNumber(node.grad, { precision: options.precision });
    const full = `${partialSymbol(f, node.label)} = ${grad}`;
    hints.push({
      position: reference.range.end,
      label: options.style === 'full' ? full : `∇ ${grad}`,
      tooltip: full,
    });
  }
  return hints;
}
