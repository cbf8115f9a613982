/**
 * A stretch of the document as UTF-16 offsets. The code front ends work in offsets (as
 * tree-sitter reports them) and turn them into line/column ranges only in their results.
 */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** The span of a syntax node (a tree-sitter node or a copy of one). */
export function spanOf(node: { readonly startIndex: number; readonly endIndex: number }): Span {
  return { from: node.startIndex, to: node.endIndex };
}

/** The smallest span covering both. */
export function join(first: Span, last: Span): Span {
  return { from: Math.min(first.from, last.from), to: Math.max(first.to, last.to) };
}
