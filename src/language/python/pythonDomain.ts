/**
 * Where Python does not give the number IEEE arithmetic gives: `1 / 0`, `x % 0` and `0.0 ** -1`
 * raise ZeroDivisionError, a negative float to a fractional power is a complex number,
 * `math.sqrt(-1)` and `math.log(0)` raise ValueError, `math.exp(1000)` and `2.0 ** 5000`
 * OverflowError. These become value checks on the ops (see `ValueCheck`), so the inspection is
 * refused, naming the expression and its values, wherever the values are known. NumPy and
 * PyTorch functions give NaN and ∞ as the engine does, so they are not checked, except where
 * the engine's op means something else for NaN (`np.fmax`, the builtin `max`).
 */
import type { OpName } from '../../engine/opName';
import type { Expr, ValueCheck } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import { excerpt } from '../code/syntax';
import type { Span } from '../span';

/** An expression as written, and its arguments' text, for messages. */
export interface Written {
  readonly text: string;
  readonly span: Span;
  readonly args: readonly string[];
}

/** What Python makes of a value: undefined where it is that number. */
type Rule = (args: readonly number[], value: number) => string | undefined;

/** The check of an operator (`/`, `**`, …): `integers` when both operands are Python ints. */
export function operatorCheck(
  op: OpName,
  written: Written,
  integers: boolean,
): ValueCheck | undefined {
  const rule = OPERATOR_RULES[op]?.(integers);
  return rule === undefined ? undefined : checkOf(rule, written);
}

/** The check of a library function by qualified name (`math.sqrt`, `builtins.round`). */
export function libraryCheck(
  qualified: string,
  built: Expr,
  given: number,
  written: Written,
): ValueCheck | undefined {
  const rule = libraryRule(qualified, built, given);
  return rule === undefined ? undefined : checkOf(rule, written);
}

/** The check that always refuses: an int that no float64 holds (`10**400` meeting a float). */
export function alwaysRefused(error: string, written: Written): ValueCheck {
  return () => refusal(`\`${excerpt(written.text)}\` ${error}`, written);
}

function checkOf(rule: Rule, written: Written): ValueCheck {
  return (args, value) => {
    const error = rule(args, value);
    return error === undefined ? undefined : refusal(describe(written, args, error), written);
  };
}

function refusal(message: string, written: Written): CodeError {
  return new CodeError('unsupported', message, written.span);
}

function describe(written: Written, args: readonly number[], error: string): string {
  const values = written.args
    .map((text, i) => ({ text, value: pythonRepr(args[i] ?? NaN) }))
    .filter(({ text }) => !isLiteral(text))
    .map(({ text, value }) => `${excerpt(text)} = ${value}`);
  const at = values.length === 0 ? '' : ` with ${values.join(', ')}`;
  return `\`${excerpt(written.text)}\`${at} ${error}`;
}

/** A number as written (`0.0`, `-1`, `1_000`) says its value itself. */
function isLiteral(text: string): boolean {
  return text.trim() === '' || !Number.isNaN(Number(text.replace(/_/gu, '')));
}

/** A float as Python prints it (`inf`, `nan`), near enough for a message. */
function pythonRepr(value: number): string {
  if (Number.isNaN(value)) {
    return 'nan';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? 'inf' : '-inf';
  }
  return String(value);
}

/** Python's `Name: message` as `Name (message)`, which reads as no stack trace in a message. */
const raises = (error: string, message: string): string => `raises ${error} (${message}) in Python`;

const COMPLEX =
  'is a complex number in Python (a negative number to a fractional power), and only real numbers are computed here: use abs() or check the sign first';

const NEGATIVE_POWER = raises('ZeroDivisionError', '0.0 cannot be raised to a negative power');

/** `a ** b` and the builtin pow(a, b), as CPython's float_pow decides. */
const power: Rule = ([a = NaN, b = NaN], value) => {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    return undefined;
  }
  if (a === 0 && b < 0) {
    return NEGATIVE_POWER;
  }
  if (a < 0 && !Number.isInteger(b)) {
    return COMPLEX;
  }
  return Number.isFinite(value)
    ? undefined
    : raises('OverflowError', "(34, 'Numerical result out of range')");
};

function byZero(error: string): Rule {
  return ([, b = NaN]) => (b === 0 ? raises('ZeroDivisionError', error) : undefined);
}

const OPERATOR_RULES: Partial<Record<OpName, (integers: boolean) => Rule>> = {
  div: (integers) => byZero(integers ? 'division by zero' : 'float division by zero'),
  floordiv: (integers) =>
    byZero(integers ? 'integer division or modulo by zero' : 'float floor division by zero'),
  mod: (integers) => byZero(integers ? 'integer modulo by zero' : 'float modulo'),
  pow: () => power,
};

/** math functions whose ∞ from finite arguments is an OverflowError (CPython's can_overflow). */
const OVERFLOWING = new Set(['exp', 'exp2', 'expm1', 'cosh', 'sinh']);

/** math functions that return an int, as math.floor(x) does. */
const TO_INT = new Set(['math.floor', 'math.ceil', 'math.trunc']);

/** CPython's math_1: NaN from numbers is a domain error, ∞ from finite numbers a range error. */
function mathRule(name: string): Rule {
  return (args, value) => {
    if (Number.isNaN(value) && !args.some(Number.isNaN)) {
      return raises('ValueError', 'math domain error');
    }
    if (Number.isFinite(value) || !args.every(Number.isFinite)) {
      return undefined;
    }
    return OVERFLOWING.has(name)
      ? raises('OverflowError', 'math range error')
      : raises('ValueError', 'math domain error');
  };
}

/** math.pow: errors where `**` is complex or divides by zero. */
const mathPow: Rule = ([a = NaN, b = NaN], value) => {
  if (!Number.isFinite(a) || !Number.isFinite(b) || Number.isFinite(value)) {
    return undefined;
  }
  return Number.isNaN(value) || a === 0
    ? raises('ValueError', 'math domain error')
    : raises('OverflowError', 'math range error');
};

/** math.log(x, base) = log(x) / log(base), each checked, then the division. */
const logWithBase: Rule = ([x = NaN, base = NaN]) => {
  if (x <= 0 || base <= 0) {
    return raises('ValueError', 'math domain error');
  }
  return base === 1 ? raises('ZeroDivisionError', 'float division by zero') : undefined;
};

/** math.floor(x), round(x): an int, which neither ∞ nor NaN is. */
const toInt: Rule = ([x = NaN]) => {
  if (Number.isNaN(x)) {
    return raises('ValueError', 'cannot convert float NaN to integer');
  }
  return Number.isFinite(x)
    ? undefined
    : raises('OverflowError', 'cannot convert float infinity to integer');
};

/** The builtin max compares with `>`: with a NaN its answer depends on the order. */
const orderedByComparison: Rule = (args) =>
  args.some(Number.isNaN)
    ? 'depends on the order of its arguments in Python, which compares with `>` (max(1, nan) is 1, max(nan, 1) is nan): that is not computed here'
    : undefined;

/** np.fmax and torch.fmax ignore a NaN; the engine's max does not. */
const ignoresNaN: Rule = (args) =>
  args.some(Number.isNaN)
    ? 'ignores a NaN operand in NumPy and PyTorch, which is not computed here: use np.maximum / np.minimum'
    : undefined;

function libraryRule(qualified: string, built: Expr, given: number): Rule | undefined {
  if (qualified === 'math.log' && built.kind === 'formula') {
    return logWithBase;
  }
  if (qualified === 'math.pow' || qualified === 'builtins.pow') {
    return qualified === 'math.pow' ? mathPow : power;
  }
  if (TO_INT.has(qualified) || (qualified === 'builtins.round' && given === 1)) {
    return toInt;
  }
  if (qualified === 'builtins.max' || qualified === 'builtins.min') {
    return orderedByComparison;
  }
  if (/^(?:numpy|torch)\.fm(?:ax|in)$/u.test(qualified)) {
    return ignoresNaN;
  }
  return MATH_CHECKED.has(qualified) ? mathRule(qualified.slice('math.'.length)) : undefined;
}

/** The math functions that go through CPython's math_1 (the others never raise here). */
const MATH_CHECKED = new Set(
  [
    'exp',
    'exp2',
    'expm1',
    'log',
    'log1p',
    'log2',
    'log10',
    'sqrt',
    'cbrt',
    'sin',
    'cos',
    'tan',
    'asin',
    'acos',
    'atan',
    'sinh',
    'cosh',
    'tanh',
    'asinh',
    'acosh',
    'atanh',
    'erf',
  ].map((name) => `math.${name}`),
);
