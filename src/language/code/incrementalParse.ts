/**
 * Parsing a text that differs from the one parsed before only in one stretch (an edit, as
 * between two inspections of the same document): tree-sitter is told which stretch changed
 * and reuses the old tree's unchanged subtrees, which yields the same tree as a fresh parse
 * in a fraction of the time. Indices and columns are UTF-16 code units, as web-tree-sitter
 * counts them.
 */
import { parse, parseEdited, type SyntaxTree } from './treeSitter';
import type { Parser, Point } from 'web-tree-sitter';

/** The stretch that changed: `[start, oldEnd)` of the old text became `[start, newEnd)`. */
export interface TextEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: Point;
  readonly oldEndPosition: Point;
  readonly newEndPosition: Point;
}

export interface ParsedText {
  readonly source: string;
  readonly tree: SyntaxTree;
}

/**
 * `text` parsed, reusing `before` when there is one; `before.tree` is edited (so it no longer
 * matches `before.source`) and still belongs to the caller, who must delete it.
 */
export function reparse(parser: Parser, before: ParsedText | undefined, text: string): SyntaxTree {
  return before === undefined
    ? parse(parser, text)
    : parseEdited(parser, before.tree, textEdit(before.source, text), text);
}

/** The one stretch between the common start and the common end of the two texts. */
export function textEdit(before: string, after: string): TextEdit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) {
    start += 1;
  }
  // Never split a surrogate pair: the edit starts at the whole character.
  if (start > 0 && isLowSurrogate(before.charCodeAt(start))) {
    start -= 1;
  }
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end += 1;
  }
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) {
    end -= 1;
  }
  const startPosition = pointAt(before, start);
  return {
    startIndex: start,
    oldEndIndex: before.length - end,
    newEndIndex: after.length - end,
    startPosition,
    oldEndPosition: pointAfter(before, start, before.length - end, startPosition),
    newEndPosition: pointAfter(after, start, after.length - end, startPosition),
  };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Row and column of `index`: rows end at `\n`, as tree-sitter counts them. */
function pointAt(text: string, index: number): Point {
  return pointAfter(text, 0, index, { row: 0, column: 0 });
}

/** The point of `to`, counted on from `from`, which is at `at`. */
function pointAfter(text: string, from: number, to: number, at: Point): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
    row += 1;
    lineStart = i + 1;
  }
  return { row, column: to - lineStart };
}
