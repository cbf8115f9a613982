/** JavaScript's `Math` functions and constants as engine ops. */
import type { OpName } from '../../engine/opName';
import {
  apply,
  arg,
  constant,
  formula,
  op,
  variadic,
  type LibraryFunction,
  type NamedConstant,
} from '../code/libraryFunctions';

const SAME_NAME: readonly OpName[] = [
  'abs',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'cbrt',
  'ceil',
  'cos',
  'cosh',
  'exp',
  'expm1',
  'floor',
  'log',
  'log10',
  'log1p',
  'log2',
  'sign',
  'sin',
  'sinh',
  'sqrt',
  'tan',
  'tanh',
  'trunc',
];

export const MATH_FUNCTIONS: ReadonlyMap<string, LibraryFunction> = new Map([
  ...SAME_NAME.map((name): [string, LibraryFunction] => [name, op(name)]),
  ['atan2', op('atan2', ['y', 'x'])],
  ['pow', op('pow', ['x', 'y'])],
  ['max', variadic('max', 1)],
  ['min', variadic('min', 1)],
  ['hypot', variadic('hypot', 1)],
  // Math.round rounds halves up (Math.round(-2.5) = -2), unlike the engine's round (half to even).
  ['round', formula(['x'], apply('floor', apply('add', arg(0), constant(0.5))))],
]);

export const MATH_CONSTANTS: ReadonlyMap<string, NamedConstant> = new Map([
  ['PI', { value: Math.PI, text: 'π' }],
  ['E', { value: Math.E, text: 'e' }],
  ['LN2', { value: Math.LN2, text: 'ln 2' }],
  ['LN10', { value: Math.LN10, text: 'ln 10' }],
  ['LOG2E', { value: Math.LOG2E, text: 'log₂ e' }],
  ['LOG10E', { value: Math.LOG10E, text: 'log₁₀ e' }],
  ['SQRT2', { value: Math.SQRT2, text: '√2' }],
  ['SQRT1_2', { value: Math.SQRT1_2, text: '√½' }],
]);

/** Global names that are numbers. */
export const GLOBAL_CONSTANTS: ReadonlyMap<string, NamedConstant> = new Map([
  ['Infinity', { value: Infinity, text: '∞' }],
  ['NaN', { value: NaN, text: 'NaN' }],
]);
