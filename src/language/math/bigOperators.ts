/**
 * The heads of sums and products, `\sum_{i=1}^{3}` and `\prod_{k=0}^{n}` (either order of `_`
 * and `^`, `\limits` allowed), read by the lexer into one token; and the few symbols around
 * lists: `\|w\|` (with an optional `_2`) and the transpose in `x^\top y`.
 */
import type { Scanner } from './scanner';
import type { BoundText, Token } from './tokens';

const INDEX = /[A-Za-z]/y;
const INTEGER = /[-+]?\d+/y;
const BOUND_NAME = /[A-Za-z](?:_[A-Za-z0-9]+|_\{[A-Za-z0-9]+\})?/y;
const LIMITS = /\\(?:no)?limits(?![A-Za-z])/y;
const HEAD_EXAMPLE = '\\sum_{i=1}^{3}';

export function bigOperatorHead(scanner: Scanner, start: number, op: 'sum' | 'prod'): Token {
  let lowerPart: LowerPart | undefined;
  let upper: BoundText | undefined;
  scanner.skipSpaces();
  scanner.match(LIMITS);
  for (let part = 0; part < 2; part++) {
    scanner.skipSpaces();
    const mark = scanner.peek();
    if (mark === '_' && lowerPart === undefined) {
      scanner.pos++;
      lowerPart = readLower(scanner, start, op);
    } else if (mark === '^' && upper === undefined) {
      scanner.pos++;
      upper = readBound(scanner, start, op, 'upper');
    }
  }
  if (lowerPart?.kind === 'elements' && upper === undefined) {
    const { index, indexAt, except } = lowerPart;
    const range =
      except === undefined ? { kind: 'elements' as const } : { kind: 'elements' as const, except };
    return { kind: 'bigop', op, index, indexAt, range, ...scanner.spanFrom(start) };
  }
  if (lowerPart?.kind !== 'bounds' || upper === undefined) {
    return scanner.fail(
      'unsupported',
      `\\${op} needs its index and both bounds, as in ${HEAD_EXAMPLE.replace('sum', op)}, or an index alone over the elements given, as in \\${op}_j or \\${op}_{j \\neq k}`,
      start,
    );
  }
  return {
    kind: 'bigop',
    op,
    index: lowerPart.index,
    indexAt: lowerPart.indexAt,
    range: { kind: 'bounds', lower: lowerPart.bound, upper },
    ...scanner.spanFrom(start),
  };
}

type LowerPart = { index: string; indexAt: { from: number; to: number } } & (
  { kind: 'bounds'; bound: BoundText } | { kind: 'elements'; except?: BoundText }
);

const NOT_EQUAL = /\\neq?(?![A-Za-z])|\u2260|!=/y;

/** `_{i=1}`, or `_j`, `_{j}`, `_{j \neq y_i}` (over the elements given). */
function readLower(scanner: Scanner, start: number, op: string): LowerPart {
  const braced = scanner.peek() === '{';
  if (braced) {
    scanner.pos++;
  }
  scanner.skipSpaces();
  const indexStart = scanner.pos;
  const index = scanner.match(INDEX);
  const indexAt = { from: scanner.offset + indexStart, to: scanner.offset + indexStart + 1 };
  if (index !== undefined && !braced) {
    return { kind: 'elements', index, indexAt };
  }
  scanner.skipSpaces();
  if (index !== undefined && scanner.peek() === '}') {
    scanner.pos++;
    return { kind: 'elements', index, indexAt };
  }
  if (index !== undefined && scanner.match(NOT_EQUAL) !== undefined) {
    const except = readBoundText(scanner, start, op, 'excluded');
    closeBrace(scanner, start, op);
    return { kind: 'elements', index, indexAt, except };
  }
  if (index === undefined || scanner.peek() !== '=') {
    return scanner.fail(
      'unsupported',
      `the index of \\${op} needs its first value, as in \\${op}_{i=1}^{3}, or stands alone, as in \\${op}_j`,
      start,
    );
  }
  scanner.pos++;
  const bound = readBoundText(scanner, start, op, 'lower');
  closeBrace(scanner, start, op);
  return { kind: 'bounds', index, indexAt, bound };
}

function closeBrace(scanner: Scanner, start: number, op: string): void {
  scanner.skipSpaces();
  if (scanner.peek() !== '}') {
    scanner.fail('syntax', `expected \`}\` after the index of \\${op}`, start);
  }
  scanner.pos++;
}

function readBound(scanner: Scanner, start: number, op: string, which: string): BoundText {
  if (scanner.peek() !== '{') {
    // `^3` or `^n`: one character.
    const at = scanner.pos;
    const char = scanner.peek();
    if (/[0-9]/.test(char)) {
      scanner.pos++;
      return { kind: 'number', value: Number(char), text: char, ...scanner.spanFrom(at) };
    }
    if (/[A-Za-z]/.test(char)) {
      scanner.pos++;
      return { kind: 'name', name: char, ...scanner.spanFrom(at) };
    }
    return scanner.fail('syntax', `the ${which} bound of \\${op} is missing`, start);
  }
  scanner.pos++;
  const bound = readBoundText(scanner, start, op, which);
  scanner.skipSpaces();
  if (scanner.peek() !== '}') {
    return scanner.fail(
      'unsupported',
      `the ${which} bound of \\${op} must be a whole number or a name with a known value, as in ${HEAD_EXAMPLE.replace('sum', op)}`,
      start,
    );
  }
  scanner.pos++;
  return bound;
}

function readBoundText(scanner: Scanner, start: number, op: string, which: string): BoundText {
  scanner.skipSpaces();
  const at = scanner.pos;
  const integer = scanner.match(INTEGER);
  if (integer !== undefined) {
    return { kind: 'number', value: Number(integer), text: integer, ...scanner.spanFrom(at) };
  }
  const name = scanner.match(BOUND_NAME);
  if (name !== undefined) {
    return { kind: 'name', name: name.replace(/[{}]/g, ''), ...scanner.spanFrom(at) };
  }
  return scanner.fail(
    'unsupported',
    `the ${which} bound of \\${op} must be a whole number or a name with a known value, as in ${HEAD_EXAMPLE.replace('sum', op)}`,
    start,
  );
}

/** After a `\|` or `‖`: an optional `_2` (the Euclidean norm, the only one read). */
export function normToken(scanner: Scanner, start: number): Token {
  const mark = scanner.pos;
  if (scanner.peek() === '_') {
    scanner.pos++;
    if (scanner.match(/\{\s*2\s*\}|2/y) === undefined) {
      scanner.pos = mark;
    }
  }
  return { kind: 'norm', ...scanner.spanFrom(start) };
}

const TRANSPOSE =
  /\^\s*(?:\\top|\\intercal|\\mathsf\{T\}|\{\s*(?:\\top|\\intercal|\\mathsf\{T\})\s*\})/y;

/** `^\top` and its spellings, as one token; undefined (nothing consumed) otherwise. */
export function transposeToken(scanner: Scanner): Token | undefined {
  const start = scanner.pos;
  if (scanner.match(TRANSPOSE) === undefined) {
    return undefined;
  }
  return { kind: 'transpose', ...scanner.spanFrom(start) };
}
