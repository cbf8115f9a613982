/**
 * Keeps an inspected range on the same code while the document is edited: each change
 * (a range replaced by new text, as VS Code reports it) moves or stretches the range. Text
 * typed at either edge of the range joins it.
 */
import type { Position, SourceRange } from '../engine/ir';

export interface TextChange {
  readonly range: SourceRange;
  readonly text: string;
}

export function trackRange(range: SourceRange, change: TextChange): SourceRange {
  const { start, end } = change.range;
  const start2 = isBefore(range.start, start)
    ? range.start
    : isBefore(end, range.start)
      ? shifted(range.start, change)
      : start;
  const end2 = isBefore(range.end, start)
    ? range.end
    : isBefore(range.end, end)
      ? endOfInserted(change)
      : shifted(range.end, change);
  return { start: start2, end: end2 };
}

/** The range after a series of changes applied in order. */
export function trackRangeThrough(range: SourceRange, changes: readonly TextChange[]): SourceRange {
  let tracked = range;
  for (const change of changes) {
    tracked = trackRange(tracked, change);
  }
  return tracked;
}

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function endOfInserted(change: TextChange): Position {
  const lines = change.text.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  const { start } = change.range;
  return lines.length === 1
    ? { line: start.line, column: start.column + last.length }
    : { line: start.line + lines.length - 1, column: last.length };
}

/** A position at or after the replaced text moves with the text after it. */
function shifted(position: Position, change: TextChange): Position {
  const { end } = change.range;
  const newEnd = endOfInserted(change);
  if (position.line === end.line) {
    return { line: newEnd.line, column: newEnd.column + (position.column - end.column) };
  }
  return { line: position.line + (newEnd.line - end.line), column: position.column };
}
