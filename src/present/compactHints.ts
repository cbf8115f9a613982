/**
 * The compact inlay-hint styles, shared by scalar code and code with arrays: `line` gives each
 * line one hint at its end (`∇ w0 −0.197 · x0 0.393 · …`, inputs in the order they first occur
 * on the line), `first` gives one hint after an input's first occurrence in the inspected
 * range. Hints inside a long expression made it unreadable; the hover keeps every number.
 */
import type { Position } from '../engine/ir';
import type { Reference } from '../language/frontEnd';

export type CompactStyle = 'line' | 'first';

/** Significant digits of a compact hint: enough to tell gradients apart, short enough to scan. */
export const COMPACT_PRECISION = 3;

/** Longest line hint before its remaining inputs are cut to `…` (the tooltip lists them all). */
export const LINE_HINT_LENGTH = 48;

/** One input's read, as a compact hint shows it. */
export interface HintedRead {
  readonly reference: Reference;
  /** The input's node: an input read twice on a line is listed once. */
  readonly node: number;
  /** How the line hint names it (`w0`). */
  readonly name: string;
  /** Its gradient, short (`−0.197`, `(3, 4) ‖0.52‖`). */
  readonly compact: string;
  /** The label of the `short` style, after every read (`∇ −0.196612`). */
  readonly short: string;
  /** The label of the `full` style (`∂f/∂w0 = −0.196612`). */
  readonly full: string;
  /** The long form for the tooltip, every digit the precision setting asks for. */
  readonly tooltip: string;
}

export interface CompactHint {
  readonly position: Position;
  readonly label: string;
  readonly tooltip: string;
  /** Drawn at the end of its line rather than at `position` (the last read on the line). */
  readonly atLineEnd?: boolean;
}

/** `reads` in document order, every one a hinted read of a used input. */
export function compactHints(reads: readonly HintedRead[], style: CompactStyle): CompactHint[] {
  switch (style) {
    case 'line':
      return lineHints(reads);
    case 'first':
      return firstOccurrenceHints(reads);
  }
}

function lineHints(reads: readonly HintedRead[]): CompactHint[] {
  const byLine = new Map<number, { inputs: HintedRead[]; last: Position }>();
  for (const read of reads) {
    const end = read.reference.range.end;
    const onLine = byLine.get(end.line) ?? { inputs: [], last: end };
    if (!onLine.inputs.some((other) => other.node === read.node)) {
      onLine.inputs.push(read);
    }
    onLine.last = end.column > onLine.last.column ? end : onLine.last;
    byLine.set(end.line, onLine);
  }
  return [...byLine.values()].map(({ inputs, last }) => ({
    position: last,
    label: cutLine(inputs.map((read) => `${read.name} ${read.compact}`)),
    tooltip: inputs.map((read) => read.tooltip).join('\n'),
    atLineEnd: true,
  }));
}

/** `∇ a 1 · b 2 · …`: whole items only, as many as fit in LINE_HINT_LENGTH (at least one). */
export function cutLine(items: readonly string[]): string {
  let label = `∇ ${items[0] ?? ''}`;
  for (const [i, item] of items.entries()) {
    if (i === 0) {
      continue;
    }
    const longer = `${label} · ${item}`;
    const more = i < items.length - 1 ? ' · …'.length : 0;
    if (longer.length + more > LINE_HINT_LENGTH) {
      return `${label} · …`;
    }
    label = longer;
  }
  return label;
}

function firstOccurrenceHints(reads: readonly HintedRead[]): CompactHint[] {
  const seen = new Set<number>();
  const hints: CompactHint[] = [];
  for (const read of reads) {
    if (seen.has(read.node)) {
      continue;
    }
    seen.add(read.node);
    hints.push({
      position: read.reference.range.end,
      label: `∇ ${read.compact}`,
      tooltip: read.tooltip,
    });
  }
  return hints;
}

/** Reads sorted by where they end, so a line lists its inputs left to right. */
export function inDocumentOrder(reads: HintedRead[]): HintedRead[] {
  return reads.sort(
    (a, b) =>
      a.reference.range.end.line - b.reference.range.end.line ||
      a.reference.range.end.column - b.reference.range.end.column,
  );
}
