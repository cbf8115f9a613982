/**
 * Line/column bookkeeping for the whole document. Columns count UTF-16 code units, which is
 * what JavaScript string offsets already are, and `\r\n`, `\n` and a lone `\r` all end a line,
 * as in VS Code.
 */
import type { Position, SourceRange } from '../../engine/ir';
import type { Span } from './span';

export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
        i++;
      }
      if (char === 0x0a || char === 0x0d) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** The offset just before the line's line break (or the end of the text). */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) {
      return this.text.length;
    }
    const crlf = this.text.charCodeAt(next - 2) === 0x0d && this.text.charCodeAt(next - 1) === 0x0a;
    return next - (crlf ? 2 : 1);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) {
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

  /** The offset of a position, its column clamped to the line; undefined when invalid. */
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
