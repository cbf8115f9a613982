/**
 * A tensor summary (protocol TensorSummary) as the panel's list writes it: a small tensor whole,
 * nested as NumPy prints it (`[[1, 2], [3, 4]]`), a larger one as its range, mean, norm and
 * first elements. Pure, so it is tested in Node.
 */
import { formatNumber } from '../engine/format';
import { shapeText, sizeOf } from '../engine/tensor/shape';
import type { TensorSummary } from '../protocol/protocol';

/** Of a large tensor, this many first elements are written out. */
const FIRST_SHOWN = 6;

export function summaryText(summary: TensorSummary, precision: number): string {
  const format = (value: number) => formatNumber(value, { precision });
  const size = sizeOf(summary.shape);
  if (summary.first.length === size) {
    return nested(summary.shape, summary.first, format);
  }
  const first = summary.first.slice(0, FIRST_SHOWN).map(format).join(', ');
  const statistics = [
    `min ${format(summary.min)}`,
    `max ${format(summary.max)}`,
    `mean ${format(summary.mean)}`,
    `‖·‖ ${format(summary.norm)}`,
  ];
  return `${shapeText(summary.shape)}: ${statistics.join(', ')}; first ${first}, …`;
}

/** Elements row-major in `shape`, as nested brackets; a 0-d tensor is its number. */
function nested(
  shape: readonly number[],
  elements: readonly number[],
  format: (value: number) => string,
): string {
  if (shape.length === 0) {
    return format(elements[0] ?? NaN);
  }
  const [length = 0, ...inner] = shape;
  const step = sizeOf(inner);
  const parts: string[] = [];
  for (let i = 0; i < length; i += 1) {
    parts.push(nested(inner, elements.slice(i * step, (i + 1) * step), format));
  }
  return `[${parts.join(', ')}]`;
}
