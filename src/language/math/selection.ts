/**
 * Which part of the document is inspected: the whole text, the selection widened to whole
 * words (so a selection that cuts `\frac` or `3.14` in half still reads the full token), or,
 * for an empty selection, the line under the cursor.
 */
import type { SourceRange } from '../../engine/ir';
import { MathError } from './mathError';
import type { SourceLines } from '../sourceLines';
import { span, type Span } from '../span';

export function resolveSelection(source: SourceLines, selection: SourceRange | undefined): Span {
  if (selection === undefined) {
    return span(0, source.text.length);
  }
  const start = source.offsetAt(selection.start);
  const end = source.offsetAt(selection.end);
  if (start === undefined || end === undefined) {
    throw new MathError(
      'selection',
      `the selection (line ${selection.start.line + 1} to ${selection.end.line + 1}) lies outside the document of ${source.lineCount} lines`,
      span(0, 0),
    );
  }
  const from = Math.min(start, end);
  const to = Math.max(start, end);
  if (from === to) {
    const line = source.lineOf(from);
    return span(source.lineStart(line), source.lineEnd(line));
  }
  return widenToWords(source.text, from, to);
}

function widenToWords(text: string, from: number, to: number): Span {
  let start = from;
  while (start > 0 && isWordChar(text[start - 1]) && isWordChar(text[start])) {
    start--;
  }
  if (start > 0 && text[start - 1] === '\\' && isWordChar(text[start])) {
    start--;
  }
  let end = to;
  while (end < text.length && isWordChar(text[end - 1]) && isWordChar(text[end])) {
    end++;
  }
  return span(start, end);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_.]/u.test(char);
}
