/**
 * Positions in a document as VS Code counts them (lines end at \r\n, \n or \r; columns in
 * UTF-16 code units), for checking that every range a front end hands out lies inside it.
 */
import type { Position, SourceRange } from '../../src/engine/ir';

export class DocumentText {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) {
        this.starts.push(i + 1);
      }
    }
  }

  /** The offset of a position, or undefined when it is not inside the document. */
  offsetOf(position: Position): number | undefined {
    const { line, column } = position;
    const start = this.starts[line];
    if (!Number.isInteger(line) || !Number.isInteger(column) || start === undefined) {
      return undefined;
    }
    const next = this.starts[line + 1];
    const end = next === undefined ? this.text.length : next - this.lineBreakBefore(next);
    return column >= 0 && start + column <= end ? start + column : undefined;
  }

  /** Why the range is not a range of this document, or undefined when it is. */
  problemWith(range: SourceRange | undefined): string | undefined {
    if (range === undefined) {
      return 'no range';
    }
    const from = this.offsetOf(range.start);
    const to = this.offsetOf(range.end);
    if (from === undefined || to === undefined) {
      return `range ${JSON.stringify(range)} is outside the document`;
    }
    return from <= to ? undefined : `range ${JSON.stringify(range)} ends before it starts`;
  }

  textAt(range: SourceRange): string {
    return this.text.slice(this.offsetOf(range.start), this.offsetOf(range.end));
  }

  private lineBreakBefore(next: number): number {
    return this.text[next - 1] === '\n' && this.text[next - 2] === '\r' ? 2 : 1;
  }
}
