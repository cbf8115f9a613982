/**
 * The parser's cursor over the tokens, with the nesting guard: every recursive step of the
 * grammar goes through `enter`, which refuses to go deeper than MAX_DEPTH instead of letting
 * the stack overflow.
 */
import { tooDeep, type Structured } from './brackets';
import { MAX_DEPTH, MathError } from './mathError';
import type { ReadingNotes } from './readingNotes';
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';
import type { OperatorSymbol, Token } from './tokens';

export class TokenStream {
  index = 0;
  private depth = 0;

  constructor(
    readonly source: SourceLines,
    private readonly structured: Structured,
    readonly notes: ReadingNotes,
  ) {}

  peek(ahead = 0): Token {
    const tokens = this.structured.tokens;
    return tokens[Math.min(this.index + ahead, tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') {
      this.index++;
    }
    return token;
  }

  /** The token before the cursor, for messages about what is missing after it. */
  previous(): Token | undefined {
    return this.structured.tokens[this.index - 1];
  }

  /** The index of the bracket that pairs with the one at `index`. */
  partner(index: number): number {
    return this.structured.partner[index] ?? -1;
  }

  isOperator(token: Token, ...ops: OperatorSymbol[]): boolean {
    return token.kind === 'operator' && ops.includes(token.op);
  }

  isOpenParen(token: Token): boolean {
    return token.kind === 'open' && token.bracket === 'paren';
  }

  text(span: Span): string {
    return this.source.text.slice(span.from, span.to);
  }

  /**
   * Called on every recursive step of the grammar (brackets, arguments, `√`, `\sin x`), paired
   * with `leave`. No closure, so each level costs as few stack frames as possible.
   */
  enter(at: Span): void {
    if (this.depth >= MAX_DEPTH) {
      throw new MathError('too-deep', tooDeep(), at);
    }
    this.depth++;
  }

  leave(): void {
    this.depth--;
  }
}
