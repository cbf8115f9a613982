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

export interface InlayOptions extends ViewOptions {
  readonly style: InlayStyle;
  /** Only hints on these lines (the editor asks for what is visible): big inspections stay cheap. */
  readonly lines?: { readonly first: number; readonly last: number };
}

export function inlayHints(inspection: Inspection, options: InlayOptions): InlayHintView[] {
  const { result } = inspection;
  const f = result.output.name;
  const hints: InlayHintView[] = [];
  for (const reference of inspection.program.references) {
    const node = result.nodes[reference.node];
    if (node?.kind !== 'input' || node.grad === undefined || reference.role === 'write') {
      continue;
    }
    const line = reference.range.end.line;
    if (options.lines !== undefined && (line < options.lines.first || line > options.lines.last)) {
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
