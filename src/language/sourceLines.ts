/**
 * Line/column bookkeeping for a whole document. Tree-sitter (fed a JavaScript string) gives
 * offsets in UTF-16 code units, which is what VS Code's columns count, so positions are
 * computed from offsets here rather than taken from tree-sitter's rows: those count only `\n`,
 * while VS Code also ends a line at a lone `\r`.
 */
import type { Position, SourceRange } from '../engine/ir';
import type { Span } from './span';

export class SourceLines {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
        i++;
      }
      if (char === 0x0a || char === 0x0d) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** The offset just before the line break that ends `line` (or the end of the text). */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) {
      return this.text.length;
    }
    const crlf = this.text.charCodeAt(next - 2) === 0x0d && this.text.charCodeAt(next - 1) === 0x0a;
    return next - (crlf ? 2 : 1);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  positionAt(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, column: offset - this.lineStart(line) };
  }

  rangeOf(span: Span): SourceRange {
    return { start: this.positionAt(span.from), end: this.positionAt(span.to) };
  }

  /** The offset of `position`, its column clamped to the line; undefined when off the document. */
  offsetAt(position: Position): number | undefined {
    const { line, column } = position;
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 0 || column < 0) {
      return undefined;
    }
    if (line >= this.lineCount) {
      return undefined;
    }
    return Math.min(this.lineStart(line) + column, this.lineEnd(line));
  }
}
