/**
 * The arithmetic of unrolled loops, apart from the graph: Python's `range` (its length without
 * listing it), the iteration limit and its messages, and how an iteration is labelled.
 */
import { CodeError } from './codeError';
import type { Span } from '../span';

/** Iterations unrolled over a whole selection (every loop, nested ones counted per run). */
export const MAX_ITERATIONS = 100_000;

/** Blocks (loop bodies, branches) nested deeper than this are refused. */
export const MAX_NESTING = 100;

/** `range(start, stop, step)`'s length, as Python computes it. */
export function rangeLength(start: number, stop: number, step: number): number {
  if (step > 0) {
    return Math.max(0, Math.ceil((stop - start) / step));
  }
  return Math.max(0, Math.ceil((start - stop) / -step));
}

/** Python's range takes integers (and a step other than 0): the arguments, checked. */
export function rangeArguments(
  values: readonly number[],
  texts: readonly string[],
  span: Span,
): { start: number; stop: number; step: number } {
  values.forEach((value, i) => {
    if (!Number.isInteger(value)) {
      throw new CodeError(
        'unsupported',
        `\`range\` takes integers, but \`${texts[i] ?? ''}\` is ${String(value)} here (Python raises TypeError)`,
        span,
      );
    }
  });
  const [a = 0, b, c = 1] = values;
  if (c === 0) {
    throw new CodeError('unsupported', '`range` with a step of 0 (Python raises ValueError)', span);
  }
  return b === undefined ? { start: 0, stop: a, step: 1 } : { start: a, stop: b, step: c };
}

export function tooManyIterations(label: string, count: number, span: Span): CodeError {
  return new CodeError(
    'too-large',
    `\`${label}\` would run ${count} iterations, more than the ${MAX_ITERATIONS} that can be unrolled in one selection: inspect a smaller loop`,
    span,
  );
}

export function endlessLoop(label: string, span: Span): CodeError {
  return new CodeError(
    'too-large',
    `\`${label}\` is still running after ${MAX_ITERATIONS} iterations in all (no decided exit): more than can be unrolled in one selection; an endless loop cannot be inspected`,
    span,
  );
}

export function tooDeep(span: Span): CodeError {
  return new CodeError(
    'too-deep',
    `loops and branches nested more than ${MAX_NESTING} deep are not followed`,
    span,
  );
}

/** `1`, `0.5`, `-2`: a loop variable's value as a label shows it. */
export function shown(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** How deep loops and branches nest while a reader reads them (one reading at a time). */
let readingDepth = 0;

/**
 * Reads one loop or branch with `read`, refusing nesting deeper than MAX_NESTING at `span`
 * rather than overflowing the stack: the readers recurse into the bodies.
 */
export function readNested<T>(span: Span, read: () => T): T {
  if (readingDepth >= MAX_NESTING) {
    throw tooDeep(span);
  }
  readingDepth += 1;
  try {
    return read();
  } finally {
    readingDepth -= 1;
  }
}
