/** Which function names math notation knows, and the engine op each one means. */
import type { OpName } from '../../engine/opName';

export interface MathFunction {
  readonly op: OpName;
  /** `σ`/`sigma` is the sigmoid only when called with parentheses; otherwise it is a name. */
  readonly parensOnly: boolean;
}

const SPELLINGS: ReadonlyArray<readonly [OpName, string]> = [
  ['exp', 'exp'],
  ['log', 'ln log'],
  ['log2', 'log2 log_2'],
  ['log10', 'log10 log_10'],
  ['log1p', 'log1p'],
  ['expm1', 'expm1'],
  ['sqrt', 'sqrt'],
  ['cbrt', 'cbrt'],
  ['abs', 'abs'],
  ['sin', 'sin'],
  ['cos', 'cos'],
  ['tan', 'tan'],
  ['asin', 'asin arcsin'],
  ['acos', 'acos arccos'],
  ['atan', 'atan arctan'],
  ['atan2', 'atan2 arctan2'],
  ['sinh', 'sinh'],
  ['cosh', 'cosh'],
  ['tanh', 'tanh'],
  ['asinh', 'asinh arsinh arcsinh'],
  ['acosh', 'acosh arcosh arccosh'],
  ['atanh', 'atanh artanh arctanh'],
  ['sigmoid', 'sigmoid logistic σ sigma'],
  ['relu', 'relu ReLU'],
  ['leaky_relu', 'leaky_relu LeakyReLU'],
  ['elu', 'elu ELU'],
  ['softplus', 'softplus'],
  ['gelu', 'gelu GELU'],
  ['gelu_tanh', 'gelu_tanh'],
  ['erf', 'erf'],
  ['hypot', 'hypot'],
  ['max', 'max'],
  ['min', 'min'],
  ['clamp', 'clamp clip'],
  ['floor', 'floor'],
  ['ceil', 'ceil'],
  ['round', 'round'],
  ['trunc', 'trunc'],
  ['sign', 'sign sgn'],
  ['pow', 'pow'],
  ['mod', 'mod'],
];

const PARENS_ONLY: ReadonlySet<string> = new Set(['σ', 'sigma']);

const TABLE = new Map<string, MathFunction>(
  SPELLINGS.flatMap(([op, names]) =>
    names.split(' ').map((name) => [name, { op, parensOnly: PARENS_ONLY.has(name) }] as const),
  ),
);

export function lookupFunction(name: string): MathFunction | undefined {
  return TABLE.get(name);
}

/** For messages: every function, grouped, in the spelling most people write. */
export const SUPPORTED_FUNCTIONS =
  'exp, ln/log, log2, log10, log1p, expm1, sqrt, cbrt, abs; sin, cos, tan, arcsin, arccos, arctan, atan2; sinh, cosh, tanh, asinh, acosh, atanh; sigmoid/σ, relu, leaky_relu, elu, softplus, gelu, erf; max, min, clamp, hypot, pow, mod; floor, ceil, round, trunc, sign';
