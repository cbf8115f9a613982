/**
 * NumPy's sized integer types (`uint8` labels, `int32` indices): values stay exact integers in
 * float64, and a result outside a type's range wraps around as NumPy's fixed-width arithmetic
 * does. int64 is the reader's plain `int` (exact up to 2⁵³, as every integer here).
 */
import { CodeError } from '../../code/codeError';
import type { Span } from '../../span';
import type { ArrayValue, DType } from './arrayValue';

export type IntegerKind = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32';

const BITS: Readonly<Record<IntegerKind, number>> = {
  int8: 8,
  uint8: 8,
  int16: 16,
  uint16: 16,
  int32: 32,
  uint32: 32,
};

/** A dtype as written (`'uint8'`, `np.int32`, `torch.long`): its kind and narrow integer type. */
export interface NamedDType {
  readonly dtype: DType;
  readonly integer?: IntegerKind;
}

/** The dtype a name denotes, or undefined for one the reader does not know. */
export function namedDType(name: string): NamedDType | undefined {
  const short = name.replace(/^(np|numpy|torch|jnp|jax\.numpy)\./, '');
  if (/^(float16|float32|float64|double|float|half|bfloat16|f4|f8)$/.test(short)) {
    return { dtype: 'float' };
  }
  if (/^(bool_?)$/.test(short)) {
    return { dtype: 'bool' };
  }
  if (/^(int64|long|int|intp|int_|i8)$/.test(short)) {
    return { dtype: 'int' };
  }
  if (/^(int8|uint8|int16|uint16|int32|uint32)$/.test(short)) {
    return { dtype: 'int', integer: short as IntegerKind };
  }
  const aliases: Record<string, IntegerKind> = {
    short: 'int16',
    i1: 'int8',
    u1: 'uint8',
    i2: 'int16',
    u2: 'uint16',
    i4: 'int32',
    u4: 'uint32',
  };
  const alias = aliases[short];
  return alias === undefined ? undefined : { dtype: 'int', integer: alias };
}

function bounds(kind: IntegerKind): readonly [number, number] {
  const bits = BITS[kind];
  return kind.startsWith('u') ? [0, 2 ** bits - 1] : [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
}

export function fits(kind: IntegerKind, value: number): boolean {
  const [low, high] = bounds(kind);
  return value >= low && value <= high;
}

/** An integer as the type holds it: modulo 2^bits into its range, as NumPy's casts wrap. */
export function wrapped(kind: IntegerKind, value: number): number {
  const [low] = bounds(kind);
  const size = 2 ** BITS[kind];
  return ((((value - low) % size) + size) % size) + low;
}

export function wrappedData(kind: IntegerKind, data: Float64Array): Float64Array {
  return data.every((x) => fits(kind, x)) ? data : data.map((x) => wrapped(kind, x));
}

/** The type NumPy's promotion gives two sized integer types (`uint8` and `int8` → `int16`). */
function promoted(a: IntegerKind, b: IntegerKind): IntegerKind | 'int64' {
  if (a === b) {
    return a;
  }
  const [ua, ub] = [a.startsWith('u'), b.startsWith('u')];
  const [ba, bb] = [BITS[a], BITS[b]];
  if (ua === ub) {
    return ba >= bb ? a : b;
  }
  const [unsigned, signed] = ua ? [ba, bb] : [bb, ba];
  const bits = signed > unsigned ? signed : unsigned * 2;
  return bits > 32 ? 'int64' : (`int${bits}` as IntegerKind);
}

/**
 * The sized integer type of an integer result of `operands` (undefined: int64). A 0-d operand
 * without a sized type is a Python number: NumPy 1.x fits it to the array's type when it fits
 * (value-based casting); one that does not fit is refused rather than guessed.
 */
export function resultInteger(
  operands: readonly ArrayValue[],
  site: { readonly text: string; readonly span: Span },
): IntegerKind | undefined {
  const sized = operands.filter((operand) => operand.integer !== undefined);
  if (sized.length === 0) {
    return undefined;
  }
  const wide = operands.some(
    (operand) =>
      operand.integer === undefined && operand.dtype === 'int' && operand.value.shape.length > 0,
  );
  if (wide) {
    return undefined;
  }
  let kind: IntegerKind | 'int64' = sized[0]?.integer ?? 'int64';
  for (const operand of sized) {
    kind =
      kind === 'int64' || operand.integer === undefined ? 'int64' : promoted(kind, operand.integer);
  }
  if (kind === 'int64') {
    return undefined;
  }
  const narrow = kind;
  for (const operand of operands) {
    const scalar = operand.integer === undefined && operand.value.shape.length === 0;
    if (scalar && operand.dtype !== 'float' && !fits(narrow, operand.value.data[0] ?? 0)) {
      throw new CodeError(
        'unsupported',
        `\`${site.text}\`: ${operand.value.data[0]} does not fit the array's type ${narrow}, and NumPy's choice of result type then depends on its version; make the array wider first (.astype(np.int64))`,
        site.span,
      );
    }
  }
  return narrow;
}
