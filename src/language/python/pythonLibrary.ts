/**
 * The scalar functions and constants of Python's math, NumPy, PyTorch (torch,
 * torch.nn.functional, torch.special) and scipy.special, by qualified name, and the builtins.
 * The functions are the op records' `python` spellings; their parameter names follow each
 * library's documentation, so keyword arguments match. Here are the conventions of those
 * libraries that are more than an op over its arguments.
 */
import type { OpName } from '../../engine/opName';
import { apply, arg, type Signature } from '../../engine/spelling';
import { numberExpr, opExpr } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import {
  argumentAt,
  clamp,
  identity,
  spelled,
  spellingsOf,
  type ConventionBuilders,
  type LibraryFunction,
  type NamedConstant,
} from '../code/libraryFunctions';

/** `log(x)`, or with a base `log(x, b)` = ln x / ln b. */
function logWithBase(name: OpName, { params, required }: Signature): LibraryFunction {
  return {
    params,
    required,
    build: (call) => {
      const x = argumentAt(call, 0);
      const [, base] = call.args;
      if (base === undefined) {
        return opExpr(name, [x], call.span);
      }
      const quotient = apply('div', apply(name, arg(0)), apply(name, arg(1)));
      return { kind: 'formula', formula: quotient, args: [x, base], span: call.span };
    },
  };
}

/** torch.log(x, 2) is a TypeError: torch.log takes no base. */
function noBase(name: OpName, signature: Signature): LibraryFunction {
  return {
    ...spelled(name, signature),
    beyondParams: (written) =>
      `\`${written}\` takes one argument: torch.log has no base; for a logarithm to base b, write torch.log(x) / math.log(b)`,
  };
}

/** round(x) rounds half to even, as Python, NumPy and PyTorch (and the engine) do. */
function wholeDigits(name: OpName, { params, required }: Signature): LibraryFunction {
  return {
    params,
    required,
    build: (call) => {
      const [, digits] = call.args;
      if (digits !== undefined && !(digits.kind === 'number' && digits.value === 0)) {
        throw new CodeError(
          'unsupported',
          `rounding to digits (\`${call.name}\` with \`${params[1]}\`) is not supported: round to a whole number`,
          digits.span,
        );
      }
      return opExpr(name, [argumentAt(call, 0)], call.span);
    },
  };
}

/** softplus(x, beta) = softplus(beta·x)/beta; PyTorch's `threshold` only switches to x for speed. */
function softplusBeta(name: OpName, { params, required }: Signature): LibraryFunction {
  return {
    params,
    required,
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
        return opExpr(name, [x], call.span);
      }
      const scaled = apply('div', apply(name, apply('mul', arg(1), arg(0))), arg(1));
      return { kind: 'formula', formula: scaled, args: [x, beta], span: call.span };
    },
  };
}

/** F.gelu(x, approximate='tanh') is the tanh approximation; 'none' (the default) the exact one. */
function geluApproximate(_name: OpName, { params, required }: Signature): LibraryFunction {
  return {
    params,
    required,
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
      const op = approximate === 'tanh' ? 'gelu_tanh' : 'gelu';
      return opExpr(op, [argumentAt(call, 0)], call.span);
    },
  };
}

/** F.hardtanh(x, min_val=-1, max_val=1) is a clamp. */
function hardtanhBounds(name: OpName, { params, required, ignored }: Signature): LibraryFunction {
  return {
    params,
    required,
    ignored,
    build: (call) => {
      const [, lo, hi] = call.args;
      const bounds = [lo ?? numberExpr(-1, '-1', call.span), hi ?? numberExpr(1, '1', call.span)];
      return opExpr(name, [argumentAt(call, 0), ...bounds], call.span);
    },
  };
}

const CONVENTIONS: ConventionBuilders = {
  'log-base': logWithBase,
  'no-base': noBase,
  'whole-digits': wholeDigits,
  'softplus-beta': softplusBeta,
  'gelu-approximate': geluApproximate,
  'hardtanh-bounds': hardtanhBounds,
  'optional-bounds': (_name, { params }) => clamp(params as [string, string, string]),
};

/** The modules as the records write them, by their qualified names. */
const ALIASES: readonly [string, string][] = [
  ['np.', 'numpy.'],
  ['F.', 'torch.nn.functional.'],
];

function qualify(written: string): string {
  const alias = ALIASES.find(([short]) => written.startsWith(short));
  return alias === undefined ? written : alias[1] + written.slice(alias[0].length);
}

/**
 * NumPy's positional argument after the inputs is `out`, the array the result is written to:
 * `np.log(x, 2)` is no base-2 logarithm.
 */
function numpyOut(name: string, fn: LibraryFunction): LibraryFunction {
  const short = name.slice('numpy.'.length);
  const hint = short === 'log' ? ': for a logarithm to base b, write np.log(x) / np.log(b)' : '';
  const beyondParams = (written: string): string =>
    `\`${written}\`'s argument ${fn.params.length + 1} is NumPy's \`out\` (the array the result is written to), which is not supported${hint}`;
  return { ...fn, beyondParams };
}

/** Library functions that are no op at all. */
const NOT_OPS: readonly [string, LibraryFunction][] = [['numpy.positive', identity()]];

const SPELLED = [...spellingsOf('python', qualify, CONVENTIONS), ...NOT_OPS];

/** Builtins need no import; `max(a)` would iterate a, so max and min take two or more. */
export const PYTHON_BUILTINS: ReadonlyMap<string, LibraryFunction> = new Map(
  SPELLED.filter(([name]) => !name.includes('.')),
);

export const PYTHON_FUNCTIONS: ReadonlyMap<string, LibraryFunction> = new Map(
  SPELLED.filter(([name]) => name.includes('.')).map(([name, fn]) => [
    name,
    name.startsWith('numpy.') ? numpyOut(name, fn) : fn,
  ]),
);

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
