/**
 * The one exception the math front end throws internally. It is caught at the front end's
 * boundary and handed out as a FrontEndError, so callers never see an exception.
 */
import type { FrontEndErrorKind } from '../frontEnd';
import type { Span } from '../span';

export class MathError extends Error {
  constructor(
    readonly kind: FrontEndErrorKind,
    message: string,
    readonly span: Span,
    /** For 'unknown-name': the names whose values would get past the error. */
    readonly names?: readonly string[],
  ) {
    super(message);
    this.name = 'MathError';
  }
}

/**
 * Limits that keep a hostile or accidental input from exhausting the stack or memory.
 *
 * Nesting is parsed by recursion. Measured on a default Node stack with cold (not yet
 * optimised) code, the deepest-costing forms (`\sqrt{\sqrt{…}}`, `sin(sin(…))`) overflow at
 * about 760 levels; 500 keeps a margin, and no hand-written formula comes near it.
 */
export const MAX_DEPTH = 500;
export const MAX_CHARACTERS = 1_000_000;
export const MAX_NODES = 1_000_000;
