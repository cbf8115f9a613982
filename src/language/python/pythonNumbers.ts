/**
 * Python's numbers as the source writes them. Literals are checked against Python 3's grammar
 * (tree-sitter also takes `010`, `1_` and `1_e5`, which Python 3 rejects), and arithmetic of
 * integers alone is done exactly, as Python's ints are: `2**53 + 1 - 2**53` is 1, where float64
 * gives 0. An int meets floats as Python converts it: rounded to the nearest float64, and an
 * OverflowError beyond float64's range.
 */
import type { OpName } from '../../engine/opName';

export type PythonLiteral =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  /** Python's SyntaxError message. */
  | { readonly kind: 'invalid'; readonly reason: string };

/** The lexical grammar of Python 3's language reference; `_` only between digits. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const POINT_FLOAT = String.raw`(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.)`;
const INTEGER =
  /^(?:[1-9](?:_?\d)*|0(?:_?0)*|0[xX](?:_?[\da-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+)$/u;
const FLOAT = new RegExp(
  String.raw`^(?:${POINT_FLOAT}|(?:${DIGITS}|${POINT_FLOAT})[eE][+-]?${DIGITS})$`,
  'u',
);
const LEADING_ZEROS = /^0[\d_]*$/u;

/** Python 3.11 refuses longer decimal ints (CVE-2020-10735); reading them would be slow here too. */
const MAX_DECIMAL_DIGITS = 4300;

/** The value of a numeric literal (without a `j`), or why Python 3 rejects it. */
export function readLiteral(text: string): PythonLiteral {
  const digits = /^[1-9][\d_]*$/u.test(text) ? text.replace(/_/gu, '').length : 0;
  if (digits > MAX_DECIMAL_DIGITS) {
    return {
      kind: 'invalid',
      reason: `Exceeds the limit (${MAX_DECIMAL_DIGITS} digits) for integer string conversion: value has ${digits} digits`,
    };
  }
  if (INTEGER.test(text)) {
    // BigInt reads 0x, 0o and 0b, in lower case only.
    const digits = text.replace(/_/gu, '').replace(/^0[XOB]/u, (prefix) => prefix.toLowerCase());
    return { kind: 'int', value: BigInt(digits) };
  }
  if (FLOAT.test(text)) {
    return { kind: 'float', value: Number(text.replace(/_/gu, '')) };
  }
  return {
    kind: 'invalid',
    reason: LEADING_ZEROS.test(text)
      ? 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'
      : 'invalid decimal literal',
  };
}

/** Folding makes no int longer than this: Python could, but a graph has no use for it. */
export const MAX_INTEGER_BITS = 100_000;

export type IntegerResult =
  | { readonly kind: 'int'; readonly value: bigint }
  /** `/` of two ints: the correctly rounded quotient, as Python computes it. */
  | { readonly kind: 'float'; readonly value: number }
  /** Python computes it in floats (`2 ** -1`) or raises in the same way as for floats. */
  | { readonly kind: 'as-floats' }
  /** A Python error, or an int too long to fold, said after the expression's text. */
  | { readonly kind: 'error'; readonly error: string };

/** `op` over Python ints, exactly. */
export function integerOp(op: OpName, args: readonly bigint[]): IntegerResult {
  const [a = 0n, b = 0n] = args;
  switch (op) {
    case 'neg':
      return int(-a);
    case 'add':
      return int(a + b);
    case 'sub':
      return int(a - b);
    case 'mul':
      return bitLength(a) + bitLength(b) > MAX_INTEGER_BITS ? tooLong() : int(a * b);
    case 'floordiv':
      return b === 0n ? { kind: 'as-floats' } : int(floorDivide(a, b));
    case 'mod':
      return b === 0n ? { kind: 'as-floats' } : int(a - b * floorDivide(a, b));
    case 'pow':
      return power(a, b);
    case 'div':
      return b === 0n ? { kind: 'as-floats' } : trueDivide(a, b);
    default:
      return { kind: 'as-floats' };
  }
}

/** Python's int → float: round to nearest (ties to even); undefined beyond float64's range. */
export function intToFloat(value: bigint): number | undefined {
  const float = Number(value);
  return Number.isFinite(float) ? float : undefined;
}

/** How a refused int is described after its text. */
export const INT_TOO_LARGE =
  'is an int too large for a float64: Python raises OverflowError (int too large to convert to float) where it meets a float, and only float64 values are computed here';

function int(value: bigint): IntegerResult {
  return { kind: 'int', value };
}

function tooLong(): IntegerResult {
  return {
    kind: 'error',
    error: `is an int of more than ${MAX_INTEGER_BITS} bits, more than is computed here`,
  };
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : (value < 0n ? -value : value).toString(2).length;
}

/** Python's //: rounds toward −∞ (BigInt's / rounds toward 0). */
function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}

/** A negative power of an int is a float power in Python (`2 ** -1` is 0.5). */
function power(a: bigint, b: bigint): IntegerResult {
  if (b < 0n) {
    return { kind: 'as-floats' };
  }
  if (a === 0n || a === 1n || a === -1n) {
    return int(a ** b);
  }
  return BigInt(bitLength(a) - 1) * b >= BigInt(MAX_INTEGER_BITS) ? tooLong() : int(a ** b);
}

/** Python's int / int: the exact quotient rounded once to float64. */
function trueDivide(a: bigint, b: bigint): IntegerResult {
  const negative = a < 0n !== b < 0n;
  const magnitude = roundedQuotient(a < 0n ? -a : a, b < 0n ? -b : b);
  if (!Number.isFinite(magnitude)) {
    return {
      kind: 'error',
      error: 'raises OverflowError (integer division result too large for a float) in Python',
    };
  }
  return { kind: 'float', value: negative ? -magnitude : magnitude };
}

const SUBNORMAL_SCALE = 1074n;

/**
 * n / d for n ≥ 0, d > 0, rounded to nearest (ties to even). The quotient is taken to at least
 * 55 bits with a sticky bit for the rest, so that Number() rounds it once; below float64's normal
 * range it is taken in units of the smallest subnormal instead, where rounding is to an integer.
 */
function roundedQuotient(n: bigint, d: bigint): number {
  if (n === 0n) {
    return 0;
  }
  const exponent = bitLength(n) - bitLength(d);
  if (exponent < -1021) {
    const scaled = n << SUBNORMAL_SCALE;
    const quotient = scaled / d;
    const twice = 2n * (scaled % d);
    const up = twice > d || (twice === d && quotient % 2n === 1n);
    return Number(up ? quotient + 1n : quotient) * 2 ** -1074;
  }
  const shift = 55 - exponent;
  const [num, den] = shift >= 0 ? [n << BigInt(shift), d] : [n, d << BigInt(-shift)];
  const quotient = num / den;
  const sticky = num % den === 0n ? 0n : 1n;
  // Number() rounds to 53 bits once; the powers of two below only move the exponent.
  const rounded = Number(quotient | sticky);
  const half = Math.trunc(shift / 2);
  return rounded * 2 ** -half * 2 ** -(shift - half);
}
