/**
 * The scalar functions and constants of Python's math, NumPy, PyTorch (torch,
 * torch.nn.functional, torch.special) and scipy.special, by qualified name, and the builtins.
 * Parameter names follow each library's documentation, so keyword arguments match.
 */
import type { OpName } from '../../engine/opName';
import { numberExpr, opExpr } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import {
  apply,
  arg,
  argumentAt,
  clamp,
  constant,
  formula,
  identity,
  op,
  variadic,
  withOptionalParameter,
  type LibraryFunction,
  type NamedConstant,
} from '../code/libraryFunctions';

/** Functions of one argument with the same name in the library and the engine. */
const SAME_NAME: readonly OpName[] = [
  'exp',
  'expm1',
  'log1p',
  'log2',
  'log10',
  'sqrt',
  'cbrt',
  'sin',
  'cos',
  'tan',
  'sinh',
  'cosh',
  'tanh',
  'erf',
  'floor',
  'ceil',
  'trunc',
];

const ARC_NAMES: readonly [string, OpName][] = [
  ['arcsin', 'asin'],
  ['arccos', 'acos'],
  ['arctan', 'atan'],
  ['arcsinh', 'asinh'],
  ['arccosh', 'acosh'],
  ['arctanh', 'atanh'],
];

const SHORT_ARC_NAMES: readonly OpName[] = ['asin', 'acos', 'atan', 'asinh', 'acosh', 'atanh'];

function unaries(names: readonly OpName[]): [string, LibraryFunction][] {
  return names.map((name) => [name, op(name)]);
}

/** `log(x)`, or with a base `log(x, b)` = ln x / ln b. */
const logWithBase: LibraryFunction = {
  params: ['x', 'base'],
  required: 1,
  build: (call) => {
    const x = argumentAt(call, 0);
    const [, base] = call.args;
    if (base === undefined) {
      return opExpr('log', [x], call.span);
    }
    const quotient = apply('div', apply('log', arg(0)), apply('log', arg(1)));
    return { kind: 'formula', formula: quotient, args: [x, base], span: call.span };
  },
};

/** round(x) rounds half to even, as Python, NumPy and PyTorch (and the engine) do. */
function rounding(params: readonly [string, string]): LibraryFunction {
  return {
    params,
    required: 1,
    build: (call) => {
      const [, digits] = call.args;
      if (digits !== undefined && !(digits.kind === 'number' && digits.value === 0)) {
        throw new CodeError(
          'unsupported',
          `rounding to digits (\`${call.name}\` with \`${params[1]}\`) is not supported: round to a whole number`,
          digits.span,
        );
      }
      return opExpr('round', [argumentAt(call, 0)], call.span);
    },
  };
}

/** softplus(x, beta) = softplus(beta·x)/beta; PyTorch's `threshold` only switches to x for speed. */
const softplus: LibraryFunction = {
  params: ['input', 'beta', 'threshold'],
  required: 1,
  build: (call) => {
    const x = argumentAt(call, 0);
    const [, beta, threshold] = call.args;
    if (threshold !== undefined) {
      throw new CodeError(
        'unsupported',
        "softplus's `threshold` is not supported: leave it at its default",
        threshold.span,
      );
    }
    if (beta === undefined) {
      return opExpr('softplus', [x], call.span);
    }
    const scaled = apply('div', apply('softplus', apply('mul', arg(1), arg(0))), arg(1));
    return { kind: 'formula', formula: scaled, args: [x, beta], span: call.span };
  },
};

/** F.gelu(x, approximate='tanh') is the tanh approximation; 'none' (the default) the exact one. */
const gelu: LibraryFunction = {
  params: ['input', 'approximate'],
  required: 1,
  options: ['approximate'],
  build: (call) => {
    const approximate = call.options.get('approximate') ?? 'none';
    if (approximate !== 'none' && approximate !== 'tanh') {
      throw new CodeError(
        'unsupported',
        `gelu's approximate='${approximate}' is not a PyTorch choice: use 'none' or 'tanh'`,
        call.span,
      );
    }
    return opExpr(approximate === 'tanh' ? 'gelu_tanh' : 'gelu', [argumentAt(call, 0)], call.span);
  },
};

/** F.hardtanh(x, min_val=-1, max_val=1) is a clamp. */
const hardtanh: LibraryFunction = {
  params: ['input', 'min_val', 'max_val'],
  required: 1,
  ignored: ['inplace'],
  build: (call) => {
    const [, lo, hi] = call.args;
    const bounds = [lo ?? numberExpr(-1, '-1', call.span), hi ?? numberExpr(1, '1', call.span)];
    return opExpr('clamp', [argumentAt(call, 0), ...bounds], call.span);
  },
};

const DEGREE = Math.PI / 180;

/** What math, NumPy and torch share under the same names; only math.log takes a base. */
const COMMON: [string, LibraryFunction][] = [
  ...unaries(SAME_NAME),
  ['exp2', formula(['x'], apply('pow', constant(2), arg(0)))],
  ['abs', op('abs')],
];

const MATH: [string, LibraryFunction][] = [
  ...COMMON,
  ['log', logWithBase],
  ...unaries(SHORT_ARC_NAMES),
  ['fabs', op('abs')],
  ['atan2', op('atan2', ['y', 'x'])],
  ['hypot', variadic('hypot', 1)],
  ['pow', op('pow', ['x', 'y'])],
  ['radians', formula(['x'], apply('mul', arg(0), constant(DEGREE, 'π/180')))],
  ['degrees', formula(['x'], apply('div', arg(0), constant(DEGREE, 'π/180')))],
];

/**
 * NumPy's positional argument after the inputs is `out`, the array the result is written to:
 * `np.log(x, 2)` is no base-2 logarithm.
 */
function numpyOut([name, fn]: [string, LibraryFunction]): [string, LibraryFunction] {
  const hint = name === 'log' ? ': for a logarithm to base b, write np.log(x) / np.log(b)' : '';
  const beyondParams = (written: string): string =>
    `\`${written}\`'s argument ${fn.params.length + 1} is NumPy's \`out\` (the array the result is written to), which is not supported${hint}`;
  return [name, { ...fn, beyondParams }];
}

const NUMPY: [string, LibraryFunction][] = [
  ...COMMON,
  ['log', op('log')],
  ...ARC_NAMES.map(([name, opName]): [string, LibraryFunction] => [name, op(opName)]),
  ['absolute', op('abs')],
  ['fabs', op('abs')],
  ['hypot', op('hypot', ['x1', 'x2'])],
  ['arctan2', op('atan2', ['x1', 'x2'])],
  ['maximum', op('max', ['x1', 'x2'])],
  ['minimum', op('min', ['x1', 'x2'])],
  ['fmax', op('max', ['x1', 'x2'])],
  ['fmin', op('min', ['x1', 'x2'])],
  ['clip', clamp(['a', 'a_min', 'a_max'])],
  ['round', rounding(['a', 'decimals'])],
  ['around', rounding(['a', 'decimals'])],
  ['rint', op('round')],
  ['fix', op('trunc')],
  ['sign', op('sign')],
  ['power', op('pow', ['x1', 'x2'])],
  ['float_power', op('pow', ['x1', 'x2'])],
  ['square', formula(['x'], apply('pow', arg(0), constant(2)))],
  ['reciprocal', formula(['x'], apply('div', constant(1), arg(0)))],
  ['negative', op('neg')],
  ['positive', identity()],
  ['add', op('add', ['x1', 'x2'])],
  ['subtract', op('sub', ['x1', 'x2'])],
  ['multiply', op('mul', ['x1', 'x2'])],
  ['divide', op('div', ['x1', 'x2'])],
  ['true_divide', op('div', ['x1', 'x2'])],
  ['floor_divide', op('floordiv', ['x1', 'x2'])],
  ['mod', op('mod', ['x1', 'x2'])],
  ['remainder', op('mod', ['x1', 'x2'])],
  ['deg2rad', formula(['x'], apply('mul', arg(0), constant(DEGREE, 'π/180')))],
  ['rad2deg', formula(['x'], apply('div', arg(0), constant(DEGREE, 'π/180')))],
  ['radians', formula(['x'], apply('mul', arg(0), constant(DEGREE, 'π/180')))],
  ['degrees', formula(['x'], apply('div', arg(0), constant(DEGREE, 'π/180')))],
];

/** torch.log(x, 2) is a TypeError: torch.log takes no base. */
const torchLog: LibraryFunction = {
  ...op('log', ['input']),
  beyondParams: (written) =>
    `\`${written}\` takes one argument: torch.log has no base; for a logarithm to base b, write torch.log(x) / math.log(b)`,
};

const TORCH: [string, LibraryFunction][] = [
  ...COMMON,
  ['log', torchLog],
  ...unaries(SHORT_ARC_NAMES),
  ...ARC_NAMES.map(([name, opName]): [string, LibraryFunction] => [name, op(opName)]),
  ['absolute', op('abs')],
  ['atan2', op('atan2', ['input', 'other'])],
  ['arctan2', op('atan2', ['input', 'other'])],
  ['sigmoid', op('sigmoid')],
  ['relu', op('relu')],
  ['maximum', op('max', ['input', 'other'])],
  ['minimum', op('min', ['input', 'other'])],
  ['fmax', op('max', ['input', 'other'])],
  ['fmin', op('min', ['input', 'other'])],
  ['clamp', clamp(['input', 'min', 'max'])],
  ['clip', clamp(['input', 'min', 'max'])],
  ['round', rounding(['input', 'decimals'])],
  ['fix', op('trunc')],
  ['sign', op('sign')],
  ['pow', op('pow', ['input', 'exponent'])],
  ['float_power', op('pow', ['input', 'exponent'])],
  ['square', formula(['input'], apply('pow', arg(0), constant(2)))],
  ['reciprocal', formula(['input'], apply('div', constant(1), arg(0)))],
  ['rsqrt', formula(['input'], apply('div', constant(1), apply('sqrt', arg(0))))],
  ['neg', op('neg')],
  ['negative', op('neg')],
  ['add', op('add', ['input', 'other'])],
  ['sub', op('sub', ['input', 'other'])],
  ['subtract', op('sub', ['input', 'other'])],
  ['mul', op('mul', ['input', 'other'])],
  ['multiply', op('mul', ['input', 'other'])],
  ['div', op('div', ['input', 'other'])],
  ['divide', op('div', ['input', 'other'])],
  ['true_divide', op('div', ['input', 'other'])],
  ['floor_divide', op('floordiv', ['input', 'other'])],
  ['remainder', op('mod', ['input', 'other'])],
  ['hypot', op('hypot', ['input', 'other'])],
  ['deg2rad', formula(['input'], apply('mul', arg(0), constant(DEGREE, 'π/180')))],
  ['rad2deg', formula(['input'], apply('div', arg(0), constant(DEGREE, 'π/180')))],
];

const INPLACE = ['inplace'];

const FUNCTIONAL: [string, LibraryFunction][] = [
  ['relu', { ...op('relu', ['input']), ignored: INPLACE }],
  [
    'relu6',
    { ...formula(['input'], apply('clamp', arg(0), constant(0), constant(6))), ignored: INPLACE },
  ],
  ['leaky_relu', withOptionalParameter('leaky_relu', ['input', 'negative_slope'], INPLACE)],
  ['elu', withOptionalParameter('elu', ['input', 'alpha'], INPLACE)],
  ['softplus', softplus],
  ['gelu', gelu],
  ['sigmoid', op('sigmoid', ['input'])],
  ['tanh', op('tanh', ['input'])],
  ['hardtanh', hardtanh],
  [
    'silu',
    { ...formula(['input'], apply('mul', arg(0), apply('sigmoid', arg(0)))), ignored: INPLACE },
  ],
  ['logsigmoid', formula(['input'], apply('neg', apply('softplus', apply('neg', arg(0)))))],
];

const SPECIAL: [string, LibraryFunction][] = [
  ['expit', op('sigmoid')],
  ['erf', op('erf')],
];

/** Builtins need no import; `max(a)` would iterate a, so max and min take two or more. */
export const PYTHON_BUILTINS: ReadonlyMap<string, LibraryFunction> = new Map([
  ['abs', op('abs')],
  ['max', variadic('max', 2)],
  ['min', variadic('min', 2)],
  ['pow', op('pow', ['base', 'exp'])],
  ['round', rounding(['number', 'ndigits'])],
]);

function qualified(
  module: string,
  entries: readonly [string, LibraryFunction][],
): [string, LibraryFunction][] {
  return entries.map(([name, fn]) => [`${module}.${name}`, fn]);
}

export const PYTHON_FUNCTIONS: ReadonlyMap<string, LibraryFunction> = new Map([
  ...qualified('math', MATH),
  ...qualified('numpy', NUMPY.map(numpyOut)),
  ...qualified('torch', TORCH),
  ...qualified('torch.nn.functional', FUNCTIONAL),
  ...qualified('torch.special', SPECIAL),
  ...qualified('scipy.special', SPECIAL),
]);

const PI: NamedConstant = { value: Math.PI, text: 'π' };
const E: NamedConstant = { value: Math.E, text: 'e' };
const INF: NamedConstant = { value: Infinity, text: '∞' };
const NAN: NamedConstant = { value: NaN, text: 'nan' };

export const PYTHON_CONSTANTS: ReadonlyMap<string, NamedConstant> = new Map([
  ['math.pi', PI],
  ['math.e', E],
  ['math.tau', { value: 2 * Math.PI, text: 'τ' }],
  ['math.inf', INF],
  ['math.nan', NAN],
  ['numpy.pi', PI],
  ['numpy.e', E],
  ['numpy.inf', INF],
  ['numpy.nan', NAN],
  ['torch.pi', PI],
  ['torch.e', E],
  ['torch.inf', INF],
  ['torch.nan', NAN],
]);

/** The modules whose functions are read; attribute access on anything else is refused. */
export const PYTHON_MODULES: ReadonlySet<string> = new Set([
  'math',
  'numpy',
  'torch',
  'torch.nn',
  'torch.nn.functional',
  'torch.special',
  'scipy',
  'scipy.special',
]);
