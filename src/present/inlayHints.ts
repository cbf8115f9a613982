/**
 * The inlay hints of an inspection: after each occurrence of an input inside the inspected
 * range, its gradient (`∂f/∂x = −4`, or `∇ −4` in the short style), named by the input's key
 * as the table names it. An input the output does not use gets no hint.
 */
import type { Position } from '../engine/ir';
import { formatNumber } from '../engine/format';
import { partialSymbol } from '../engine/stepText';
import { bindingPartial } from './bindingName';
import type { Reference } from '../language/frontEnd';
import type { ScalarInspection, ViewOptions } from './inspection';

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

export function inlayHints(inspection: ScalarInspection, options: InlayOptions): InlayHintView[] {
  const { result } = inspection;
  const f = result.output.name;
  const inputs = new Map(result.inputs.map((input) => [input.id, input]));
  const hints: InlayHintView[] = [];
  for (const reference of inspection.program.references) {
    const node = result.nodes[reference.node];
    // An input without a gradient is one the output does not use: no hint, never a 0.
    if (node?.kind !== 'input' || node.grad === undefined || !isHinted(reference, options)) {
      continue;
    }
    const grad = formatNumber(node.grad, { precision: options.precision });
    const key = inputs.get(node.id)?.name;
    const full = `${key === undefined ? partialSymbol(f, node.label) : bindingPartial(f, key)} = ${grad}`;
    hints.push({
      position: reference.range.end,
      label: options.style === 'full' ? full : `∇ ${grad}`,
      tooltip: full,
    });
  }
  return hints;
}

/** Whether a reference gets a hint: a read, not a write, on the lines the editor asked for. */
export function isHinted(reference: Reference, options: InlayOptions): boolean {
  const line = reference.range.end.line;
  const shown =
    options.lines === undefined || (line >= options.lines.first && line <= options.lines.last);
  return shown && reference.role !== 'write';
}
