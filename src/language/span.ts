/**
 * A stretch of the document as UTF-16 offsets. Every front end works in offsets (as
 * tree-sitter reports them; math notation so that LaTeX stripping and comment masking never
 * shift a range) and turns them into line/column ranges only in its results.
 */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export function span(from: number, to: number): Span {
  return { from, to };
}

/** The span of a syntax node (a tree-sitter node or a copy of one). */
export function spanOf(node: { readonly startIndex: number; readonly endIndex: number }): Span {
  return { from: node.startIndex, to: node.endIndex };
}

/** The smallest span covering both. */
export function join(first: Span, last: Span): Span {
  return { from: Math.min(first.from, last.from), to: Math.max(first.to, last.to) };
}
