/**
 * The inlay hints of an inspection. By default one compact hint per line, at its end
 * (`∇ x −4 · y −4`); `first` puts `∇ −4` after each input's first occurrence; `short` and
 * `full` put `∇ −4` or `∂f/∂x = −4` after every occurrence. Inputs are named by their key as the
 * table names them. An input the output does not use gets no hint.
 */
import type { Position } from '../engine/ir';
import { formatNumber } from '../engine/format';
import { partialSymbol } from '../engine/stepText';
import { bindingPartial } from './bindingName';
import {
  COMPACT_PRECISION,
  compactHints,
  inDocumentOrder,
  type CompactHint,
  type CompactStyle,
  type HintedRead,
} from './compactHints';
import type { Reference } from '../language/frontEnd';
import type { ScalarInspection, ViewOptions } from './inspection';

export type InlayStyle = CompactStyle | 'short' | 'full';

export const INLAY_STYLES: readonly InlayStyle[] = ['line', 'first', 'short', 'full'];

export type InlayHintView = CompactHint;

export interface InlayOptions extends ViewOptions {
  readonly style: InlayStyle;
  /** Only hints on these lines (the editor asks for what is visible): big inspections stay cheap. */
  readonly lines?: { readonly first: number; readonly last: number };
}

export function inlayHints(inspection: ScalarInspection, options: InlayOptions): InlayHintView[] {
  const { result } = inspection;
  const f = result.output.name;
  const inputs = new Map(result.inputs.map((input) => [input.id, input]));
  const reads: HintedRead[] = [];
  for (const reference of hintedReferences(inspection.program.references, options)) {
    const node = result.nodes[reference.node];
    // An input without a gradient is one the output does not use: no hint, never a 0.
    if (node?.kind !== 'input' || node.grad === undefined) {
      continue;
    }
    const key = inputs.get(node.id)?.name;
    const partial = key === undefined ? partialSymbol(f, node.label) : bindingPartial(f, key);
    const grad = formatNumber(node.grad, { precision: options.precision });
    reads.push({
      reference,
      node: node.id,
      name: reference.name,
      compact: formatNumber(node.grad, {
        precision: Math.min(options.precision, COMPACT_PRECISION),
      }),
      short: `∇ ${grad}`,
      full: `${partial} = ${grad}`,
      tooltip: `${partial} = ${grad}`,
    });
  }
  return styledHints(reads, options);
}

/** The hints of `reads` (every hinted read, in any order) in `options.style`. */
export function styledHints(reads: HintedRead[], options: InlayOptions): InlayHintView[] {
  const style = options.style;
  switch (style) {
    case 'line':
    case 'first':
      return compactHints(inDocumentOrder(reads), style).filter((hint) =>
        onLines(hint.position, options),
      );
    case 'short':
    case 'full':
      return reads
        .filter((read) => onLines(read.reference.range.end, options))
        .map((read) => ({
          position: read.reference.range.end,
          label: style === 'full' ? read.full : read.short,
          tooltip: read.tooltip,
        }));
  }
}

/**
 * The references that may get a hint: reads, not writes; on the lines asked for, except in the
 * `first` style, whose first occurrences are the same whatever lines the editor shows.
 */
export function hintedReferences(
  references: readonly Reference[],
  options: InlayOptions,
): Reference[] {
  return references.filter(
    (reference) =>
      reference.role !== 'write' &&
      (options.style === 'first' || onLines(reference.range.end, options)),
  );
}

function onLines(position: Position, options: InlayOptions): boolean {
  const { lines } = options;
  return lines === undefined || (position.line >= lines.first && position.line <= lines.last);
}
