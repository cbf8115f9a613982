/** A cursor over the masked math text that reports positions as document offsets. */
import { MathError } from './mathError';
import { ReadingNotes } from './readingNotes';
import type { FrontEndErrorKind } from '../frontEnd';
import { span, type Span } from '../span';

export class Scanner {
  pos = 0;
  /** Text to pass over unread, by where it starts: the labels of `\underbrace{…}_{…}`. */
  readonly skipped = new Map<number, number>();
  /** The end of the word being read as a product of letters (`ax`), noted once. */
  productUntil = 0;

  constructor(
    readonly text: string,
    /** The document offset of `text[0]`. */
    readonly offset: number,
    /** LaTeX rules apply: a subscript takes one character, as TeX sets it. */
    readonly tex = false,
    readonly notes = new ReadingNotes(),
  ) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(ahead = 0): string {
    return this.text[this.pos + ahead] ?? '';
  }

  /** Consumes and returns the match of a sticky pattern at the cursor, if any. */
  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (found === null) {
      return undefined;
    }
    this.pos = pattern.lastIndex;
    return found[0];
  }

  /** The match of a sticky pattern at the cursor, if any, without consuming it. */
  lookAt(pattern: RegExp): string | undefined {
    const mark = this.pos;
    const found = this.match(pattern);
    this.pos = mark;
    return found;
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') {
      this.pos++;
    }
  }

  /** The document span from local position `start` to the cursor. */
  spanFrom(start: number): Span {
    return span(this.offset + start, this.offset + this.pos);
  }

  fail(kind: FrontEndErrorKind, message: string, start: number, end = this.pos): never {
    throw new MathError(
      kind,
      message,
      span(this.offset + start, this.offset + Math.max(end, start + 1)),
    );
  }
}
