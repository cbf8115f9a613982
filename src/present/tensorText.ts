/**
 * Tensors as people read them: small ones whole (at most 6 rows × 6 columns, the last axis
 * across, the other axes down), larger ones cut with `…` or summarised by shape, min, max,
 * mean, norm and their first elements. Shared by the hover (Markdown tables) and the CLI
 * (plain text). Numbers are formatted as every other view formats them (engine/format.ts).
 */
import { formatNumber } from '../engine/format';
import { shapeText, sizeOf, stridesOf, type Shape } from '../engine/tensor/shape';
import type { Tensor } from '../engine/tensor/tensor';
import type { ViewOptions } from './inspection';
import { markdownText } from './markdownText';

/** At most this many rows and this many columns of a tensor are shown. */
export const TENSOR_VIEW_LIMIT = 6;

const ELLIPSIS = '…';

export interface TensorSummary {
  readonly count: number;
  /** NaN when an element is NaN, as NumPy's min and max say; NaN for no elements. */
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** The 2-norm of all elements (Frobenius for a matrix). */
  readonly norm: number;
  /** The largest |element|: max |∂L/∂x| for a gradient. */
  readonly maxAbs: number;
}

export function tensorSummary(data: Float64Array): TensorSummary {
  const count = data.length;
  if (count === 0) {
    return { count, min: NaN, max: NaN, mean: NaN, norm: 0, maxAbs: NaN };
  }
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let squares = 0;
  let maxAbs = 0;
  let nan = false;
  for (const value of data) {
    nan ||= Number.isNaN(value);
    min = Math.min(min, value);
    max = Math.max(max, value);
    maxAbs = Math.max(maxAbs, Math.abs(value));
    sum += value;
    squares += value * value;
  }
  return {
    count,
    min: nan ? NaN : min,
    max: nan ? NaN : max,
    mean: sum / count,
    norm: Math.sqrt(squares),
    maxAbs: nan ? NaN : maxAbs,
  };
}

/** How many rows and columns the tensor has when its last axis goes across. */
function gridSize(shape: Shape): { readonly rows: number; readonly columns: number } {
  if (shape.length === 0) {
    return { rows: 1, columns: 1 };
  }
  const columns = shape[shape.length - 1] ?? 1;
  return { rows: sizeOf(shape.slice(0, -1)), columns };
}

/** Whether the tensor is shown whole: at most 6 × 6 (a vector: at most 6 elements). */
export function isSmallTensor(shape: Shape): boolean {
  const { rows, columns } = gridSize(shape);
  return rows <= TENSOR_VIEW_LIMIT && columns <= TENSOR_VIEW_LIMIT;
}

/** A tensor laid out as a table: the last axis across, the leading axes' indices down. */
export interface TensorGrid {
  /** The last axis's indices, `…` after the last shown when some are left out. */
  readonly columns: readonly string[];
  /** Each row's label: its leading indices (`0`, `1, 2`); empty for a vector. */
  readonly rows: readonly { readonly label: string; readonly cells: readonly string[] }[];
  /** Every element is shown. */
  readonly whole: boolean;
}

export function tensorGrid(tensor: Tensor, options: ViewOptions): TensorGrid {
  const { shape, data } = tensor;
  const { rows, columns } = gridSize(shape);
  const shownRows = Math.min(rows, TENSOR_VIEW_LIMIT);
  const shownColumns = Math.min(columns, TENSOR_VIEW_LIMIT);
  const cutColumns = columns > shownColumns;
  const header = Array.from({ length: shownColumns }, (_, column) => String(column));
  const leading = shape.slice(0, -1);
  const grid = [];
  for (let row = 0; row < shownRows; row += 1) {
    const cells = [];
    for (let column = 0; column < shownColumns; column += 1) {
      cells.push(formatNumber(data[row * columns + column] ?? NaN, options));
    }
    grid.push({
      label: leading.length === 0 ? '' : indexOf(row, leading).join(', '),
      cells: cutColumns ? [...cells, ELLIPSIS] : cells,
    });
  }
  if (rows > shownRows) {
    grid.push({
      label: ELLIPSIS,
      cells: [...header, ...(cutColumns ? [''] : [])].map(() => ELLIPSIS),
    });
  }
  return {
    columns: cutColumns ? [...header, ELLIPSIS] : header,
    rows: grid,
    whole: rows === shownRows && !cutColumns,
  };
}

/** The multi-index of row-major position `flat` in `shape`. */
export function indexOf(flat: number, shape: Shape): number[] {
  return stridesOf(shape).map((stride, axis) => Math.floor(flat / stride) % (shape[axis] ?? 1));
}

/**
 * A Markdown table of the tensor (cut to 6 × 6 with `…`); a tensor of one element is its
 * number. Every cell is escaped, although numbers hold no Markdown.
 */
export function tensorMarkdown(tensor: Tensor, options: ViewOptions): string {
  if (sizeOf(tensor.shape) === 1) {
    return markdownText(formatNumber(tensor.data[0] ?? NaN, options));
  }
  if (sizeOf(tensor.shape) === 0) {
    return markdownText(`no elements: shape ${shapeText(tensor.shape)}`);
  }
  const grid = tensorGrid(tensor, options);
  const labelled = tensor.shape.length > 1;
  const line = (cells: readonly string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
  const header = labelled ? ['', ...grid.columns] : grid.columns;
  const rule = `|${header.map(() => ' --: ').join('|')}|`;
  const rows = grid.rows.map((row) => line(labelled ? [row.label, ...row.cells] : row.cells));
  return [line(header), rule, ...rows].join('\n');
}

/**
 * A small tensor as nested brackets, one line per innermost row (`[[1, −2],` / ` [3, 4]]`),
 * the columns aligned. Larger tensors: see `tensorSummaryText`.
 */
export function tensorLines(tensor: Tensor, options: ViewOptions): string[] {
  const { shape, data } = tensor;
  if (shape.length === 0) {
    return [formatNumber(data[0] ?? NaN, options)];
  }
  const cells = Array.from(data, (value) => formatNumber(value, options));
  const width = Math.max(0, ...cells.map((cell) => [...cell].length));
  const padded = cells.map((cell) => ' '.repeat(width - [...cell].length) + cell);
  return nested(shape, padded, 0, 0);
}

/** The lines of the sub-tensor at `axis` starting at element `start`. */
function nested(shape: Shape, cells: readonly string[], axis: number, start: number): string[] {
  const length = shape[axis] ?? 0;
  if (axis === shape.length - 1) {
    return [`[${cells.slice(start, start + length).join(', ')}]`];
  }
  const stride = sizeOf(shape.slice(axis + 1));
  const blocks = Array.from({ length }, (_, i) =>
    nested(shape, cells, axis + 1, start + i * stride),
  );
  const lines: string[] = [];
  // NumPy's layout: a comma after each block, a blank line between blocks of rank 3 and more.
  const gap = shape.length - axis > 2;
  blocks.forEach((block, i) => {
    const last = i === blocks.length - 1;
    block.forEach((text, row) => {
      const open = i === 0 && row === 0 ? '[' : ' ';
      const close = last && row === block.length - 1 ? ']' : row === block.length - 1 ? ',' : '';
      lines.push(`${open}${text}${close}`);
    });
    if (gap && !last) {
      lines.push('');
    }
  });
  return lines.length === 0 ? ['[]'] : lines;
}

/** `min −1, max 3, mean 0.5, norm 4.2, first 1, 2, 3, 4, 5, 6, …`. */
export function tensorSummaryText(tensor: Tensor, options: ViewOptions): string {
  const summary = tensorSummary(tensor.data);
  if (summary.count === 0) {
    return 'no elements';
  }
  const n = (value: number) => formatNumber(value, options);
  const first = Array.from(tensor.data.subarray(0, TENSOR_VIEW_LIMIT), n);
  const more = summary.count > first.length ? ', …' : '';
  return `min ${n(summary.min)}, max ${n(summary.max)}, mean ${n(summary.mean)}, norm ${n(summary.norm)}, first ${first.join(', ')}${more}`;
}
