/**
 * A stretch of the original document as character offsets. The math front end works in
 * offsets and converts to line/column only when it hands results out, so LaTeX stripping and
 * comment masking never shift a range.
 */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export function span(from: number, to: number): Span {
  return { from, to };
}

/** The smallest span covering both. */
export function join(first: Span, last: Span): Span {
  return { from: Math.min(first.from, last.from), to: Math.max(first.to, last.to) };
}
