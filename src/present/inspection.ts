/**
 * An inspection as the views see it: the result, the program it came from, the values used,
 * and whether the document has changed since. Plain data; the extension keeps one per document.
 */
import type { SourceRange } from '../engine/ir';
import type { InspectionResult } from '../engine/result';
import type { Program, Reference } from '../language/frontEnd';

export interface Inspection {
  readonly result: InspectionResult;
  readonly program: Program;
  /** The value of every input, as used. */
  readonly values: Readonly<Record<string, number>>;
  /** The range inspected, in the document's coordinates. */
  readonly range: SourceRange;
  /** Set when the document changed and reading it again failed (or is pending). */
  readonly stale?: string;
}

export interface ViewOptions {
  readonly precision: number;
}

/** The reference whose range holds `position` (zero-based line and UTF-16 column). */
export function referenceAt(
  inspection: Inspection,
  line: number,
  column: number,
): Reference | undefined {
  return inspection.program.references.find(
    (reference) =>
      contains(reference.range, line, column) &&
      inspection.result.nodes[reference.node] !== undefined,
  );
}

export function contains(range: SourceRange, line: number, column: number): boolean {
  const afterStart =
    line > range.start.line || (line === range.start.line && column >= range.start.column);
  const beforeEnd =
    line < range.end.line || (line === range.end.line && column <= range.end.column);
  return afterStart && beforeEnd;
}
