/**
 * The one exception the code front ends throw internally. It is caught at the front end's
 * boundary and handed out as a FrontEndError, so callers never see an exception.
 */
import type { FrontEndErrorKind } from '../frontEnd';
import type { Span } from '../span';

export class CodeError extends Error {
  constructor(
    readonly kind: FrontEndErrorKind,
    message: string,
    readonly span: Span,
    /** For 'unknown-name': the names that need a value. */
    readonly names?: readonly string[],
  ) {
    super(message);
    this.name = 'CodeError';
  }
}

/** The largest graph a selection may make: beyond it no view could show the result. */
export const MAX_NODES = 1_000_000;

/** The longest selection that is read, as in math notation: longer ones are refused unparsed. */
export const MAX_CHARACTERS = 1_000_000;

/** What the code front ends read, said at the end of every "not supported" message. */
const SUPPORTED_STATEMENTS =
  'select straight-line code (assignments, expressions, a function with a return)';

/** Python's and JavaScript's `a = 1` read as "an a = 1"; this picks the article. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export function unsupported(construct: string, span: Span, what = SUPPORTED_STATEMENTS): CodeError {
  return new CodeError('unsupported', `${construct} is not supported: ${what}`, span);
}
