/** What the parts of the expression parser (calls, LaTeX forms) need from its core. */
import type { Expr } from './ast';
import type { Span } from '../span';
import type { TokenStream } from './tokenStream';
import type { Token } from './tokens';

export interface Grammar {
  readonly stream: TokenStream;
  /** A full expression: a sum of products. */
  expression(): Expr;
  /** A power tower with its signs (`-x^2`); unsigned where a sign would mean subtraction. */
  operand(signed: boolean): Expr;
  primary(): Expr;
  /** The bracketed expression whose opener was just consumed. */
  group(open: Token & { kind: 'open' }): Expr;
  /** `(a, b, c)` at the cursor: the arguments and the closing bracket. */
  argumentList(): { args: Expr[]; end: Span };
  /** Whether `token` starts a factor of an implicit product (`2x`, `x(y+1)`). */
  startsFactor(token: Token): boolean;
  unexpected(token: Token, expected: string): never;
}
