/**
 * Library functions of array code by qualified name: NumPy (`numpy.`), JAX (`jax.numpy.`,
 * `jax.nn.`), PyTorch (`torch.`, `torch.nn.functional.`, `torch.nn.` layers) and the Python
 * builtins array code uses for shapes. Elementwise functions are the scalar catalogue's
 * spellings (the op records), applied per element; an unknown function is refused by name.
 */
import { addAt } from './arrayAddAt';
import type { OpName } from '../../../engine/opName';
import type { Formula } from '../../../engine/spelling';
import type { Axes, Reduction, ReductionKind } from '../../../engine/tensor/tensorOp';
import type { Expr } from '../../code/codeAst';
import { CodeError } from '../../code/codeError';
import {
  applyFunction,
  type Argument as LibraryArgument,
  type KeywordArgument,
  type LibraryFunction,
} from '../../code/libraryFunctions';
import { PYTHON_FUNCTIONS } from '../pythonLibrary';
import type { Argument, Call } from './arrayCall';
import { JAX_RANDOM, NUMPY_CREATION, TORCH_CREATION } from './arrayCreation';
import { makeLayer } from './arrayLayers';
import {
  asArray,
  axesOf,
  axisOf,
  elementwise,
  floating,
  intOf,
  detached,
  keeping,
  libraryOf,
} from './arrayOps';
import { layout } from './arrayLayout';
import type { ArrayReader } from './arrayReader';
import {
  joinTypes,
  numberValue,
  tupleOf,
  type ArrayValue,
  type Library,
  type PyValue,
} from './arrayValue';

type ArrayFunction = (reader: ArrayReader, call: Call, library: Library) => PyValue;

/** A library path as NumPy's (`jax.numpy.sum` → `numpy.sum`) with the library that made it. */
function normalise(path: string): { readonly path: string; readonly library: Library } {
  if (path.startsWith('jax.numpy.')) {
    return { path: `numpy.${path.slice('jax.numpy.'.length)}`, library: 'jax' };
  }
  if (path.startsWith('jax.') || path.startsWith('jax.scipy.')) {
    return { path, library: 'jax' };
  }
  return { path, library: path.startsWith('torch') ? 'torch' : 'numpy' };
}

export function callLibrary(reader: ArrayReader, written: string, call: Call): PyValue {
  const { path, library } = normalise(written);
  const own = FUNCTIONS.get(path);
  if (own !== undefined) {
    return own(reader, call, library);
  }
  const creation = creationOf(path);
  if (creation !== undefined) {
    return creation(reader, call, library);
  }
  const layer = path.startsWith('torch.nn.')
    ? makeLayer(reader, path.slice('torch.nn.'.length), call)
    : undefined;
  if (layer !== undefined) {
    return layer;
  }
  const spelled = PYTHON_FUNCTIONS.get(spellingName(path));
  if (spelled !== undefined) {
    return spelledCall(reader, spelled, call, library);
  }
  throw new CodeError(
    'unknown-function',
    `${displayName(written, call)} is not supported (yet)`,
    call.span,
  );
}

function displayName(path: string, call: Call): string {
  return call.written.includes('.') ? call.written : path;
}

function creationOf(path: string): ArrayFunction | undefined {
  if (path.startsWith('numpy.')) {
    return NUMPY_CREATION.get(path.slice('numpy.'.length));
  }
  if (path.startsWith('torch.') && !path.startsWith('torch.nn.')) {
    return TORCH_CREATION.get(path.slice('torch.'.length));
  }
  if (path.startsWith('jax.random.')) {
    return JAX_RANDOM.get(path.slice('jax.random.'.length));
  }
  return undefined;
}

/** The name the op records spell a function under (`jax.nn.relu` as `torch.relu`). */
function spellingName(path: string): string {
  const jaxNn: Record<string, string> = {
    'jax.nn.relu': 'torch.relu',
    'jax.nn.sigmoid': 'torch.sigmoid',
    'jax.nn.softplus': 'torch.nn.functional.softplus',
    'jax.nn.gelu': 'torch.nn.functional.gelu',
    'jax.nn.elu': 'torch.nn.functional.elu',
    'jax.nn.silu': 'torch.nn.functional.silu',
    'jax.nn.tanh': 'torch.tanh',
  };
  return jaxNn[path] ?? path;
}

/**
 * A function the op records spell (`np.exp`, `torch.clamp`, `F.silu`): its arguments matched
 * by the scalar front end's rules, then its op or formula applied per element.
 */
export function spelledCall(
  reader: ArrayReader,
  fn: LibraryFunction,
  call: Call,
  library: Library,
): PyValue {
  const held = new Map<string, Argument>();
  const placeholder = (argument: Argument, slot: string): LibraryArgument => {
    if (argument.value.kind === 'none') {
      return { kind: 'none', span: argument.span };
    }
    if (argument.value.kind === 'string') {
      return { kind: 'string', value: argument.value.value, span: argument.span };
    }
    const name = `\u0000${slot}`;
    held.set(name, argument);
    return { kind: 'expr', expr: { kind: 'name', name, span: argument.span } };
  };
  const positional = call.positional.map((argument, i) => placeholder(argument, String(i)));
  const keywords: KeywordArgument[] = [...call.keywords].map(([name, argument]) => ({
    name,
    value: placeholder(argument, name),
    span: argument.span,
  }));
  const expr = applyFunction(fn, call.written, positional, keywords, call.span);
  return fromExpr(reader, expr, held, call, library);
}

function fromExpr(
  reader: ArrayReader,
  expr: Expr,
  held: ReadonlyMap<string, Argument>,
  call: Call,
  library: Library,
): PyValue {
  const site = { text: call.text, span: call.span };
  switch (expr.kind) {
    case 'name': {
      const argument = held.get(expr.name);
      if (argument === undefined) {
        throw new CodeError('unsupported', `\`${call.text}\` could not be read`, call.span);
      }
      return argument.value;
    }
    case 'number':
      return numberValue(expr.value, 'float');
    case 'op': {
      const args = expr.args.map((arg) => fromExpr(reader, arg, held, call, library));
      return applyElementwise(reader, expr.op, args, call, library, site.span);
    }
    case 'formula': {
      const args = expr.args.map((arg) => fromExpr(reader, arg, held, call, library));
      return formulaValue(reader, expr.formula, args, call, library);
    }
    default:
      throw new CodeError('unsupported', `\`${call.text}\` is not supported on arrays`, call.span);
  }
}

function formulaValue(
  reader: ArrayReader,
  formula: Formula,
  args: readonly PyValue[],
  call: Call,
  library: Library,
): PyValue {
  if ('arg' in formula) {
    const value = args[formula.arg];
    if (value === undefined) {
      throw new CodeError(
        'unsupported',
        `\`${call.written}\` needs argument ${formula.arg + 1}`,
        call.span,
      );
    }
    return value;
  }
  if ('constant' in formula) {
    return numberValue(formula.constant, 'float');
  }
  const of = formula.of.map((part) => formulaValue(reader, part, args, call, library));
  return applyElementwise(reader, formula.op, of, call, library, call.span);
}

function applyElementwise(
  reader: ArrayReader,
  op: OpName,
  args: readonly PyValue[],
  call: Call,
  library: Library,
  span: Call['span'],
): ArrayValue {
  const arrays = args.map((arg, i) =>
    asArray(reader.graph, arg, call.positional[i]?.text ?? call.text, span, library),
  );
  return elementwise(reader.graph, op, arrays, {
    text: call.text,
    span,
    operands: call.positional.map((argument) => argument.text),
  });
}

// ---- arrays from arguments ----

export function arrayArgument(
  reader: ArrayReader,
  argument: Argument,
  library: Library = 'numpy',
): ArrayValue {
  return asArray(reader.graph, argument.value, argument.text, argument.span, library);
}

function site(
  call: Call,
  ...operands: (Argument | undefined)[]
): { text: string; span: Call['span']; operands: string[] } {
  return {
    text: call.text,
    span: call.span,
    operands: operands.map((operand) => operand?.text ?? ''),
  };
}

// ---- matmul family ----

/** The ranks each operand of a matrix product may have (torch.mm: both 2-D). */
const PRODUCT_RANKS: ReadonlyMap<string, readonly [readonly number[], readonly number[]]> = new Map(
  [
    ['torch.mm', [[2], [2]]],
    ['torch.mv', [[2], [1]]],
    ['torch.dot', [[1], [1]]],
    ['torch.inner', [[1], [1]]],
    // np.dot is matmul for operands of at most 2 axes (and a product with a scalar).
    [
      'np.dot',
      [
        [0, 1, 2],
        [0, 1, 2],
      ],
    ],
  ],
);

const matmul: ArrayFunction = (reader, call, library) => {
  call.only('a', 'input', 'x1', 'b', 'other', 'mat2', 'vec', 'x2', 'tensor');
  const a = call.need(0, 'a', 'input', 'x1');
  const b = call.need(1, 'b', 'other', 'mat2', 'vec', 'x2', 'tensor');
  const left = arrayArgument(reader, a, library);
  const right = arrayArgument(reader, b, library);
  const ranks = PRODUCT_RANKS.get(
    call.written.endsWith('.dot') && library !== 'torch'
      ? 'np.dot'
      : call.written.replace(/^[\w.]*\.(mm|mv|dot|inner)$/, 'torch.$1'),
  );
  const [leftRanks, rightRanks] = ranks ?? [undefined, undefined];
  if (
    (leftRanks !== undefined && !leftRanks.includes(left.value.shape.length)) ||
    (rightRanks !== undefined && !rightRanks.includes(right.value.shape.length))
  ) {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: ${call.written} of arrays with ${left.value.shape.length} and ${right.value.shape.length} axes is not supported (use @ or matmul)`,
      call.span,
    );
  }
  if (left.value.shape.length === 0 || right.value.shape.length === 0) {
    return elementwise(reader.graph, 'mul', [left, right], site(call, a, b));
  }
  return reader.graph.apply({ kind: 'matmul' }, [left, right], site(call, a, b), {
    dtype: left.dtype === 'float' || right.dtype === 'float' ? 'float' : 'int',
    library: libraryOf([left, right]),
  });
};

/** np.outer / torch.outer: the flattened operands as a column times a row. */
const outer: ArrayFunction = (reader, call, library) => {
  const a = call.need(0, 'a', 'input');
  const b = call.need(1, 'b', 'vec2');
  const left = arrayArgument(reader, a, library);
  const right = arrayArgument(reader, b, library);
  const column = keeping(
    reader.graph,
    { kind: 'reshape', shape: [left.value.data.length, 1] },
    [left],
    site(call, a),
  );
  const row = keeping(
    reader.graph,
    { kind: 'reshape', shape: [1, right.value.data.length] },
    [right],
    site(call, b),
  );
  return elementwise(reader.graph, 'mul', [column, row], site(call, a, b));
};

/** np.inner: a · bᵀ over the last axes. */
const inner: ArrayFunction = (reader, call, library) => {
  const a = call.need(0, 'a');
  const b = call.need(1, 'b');
  const left = arrayArgument(reader, a, library);
  const right = arrayArgument(reader, b, library);
  if (right.value.shape.length < 2) {
    return matmul(reader, call, library);
  }
  const rank = right.value.shape.length;
  const axes = [...Array(rank).keys()];
  const swapped = [...axes.slice(0, -2), rank - 1, rank - 2];
  const transposed = keeping(
    reader.graph,
    { kind: 'transpose', axes: swapped },
    [right],
    site(call, b),
  );
  return reader.graph.apply({ kind: 'matmul' }, [left, transposed], site(call, a, b), {
    dtype: 'float',
    library: libraryOf([left, right]),
  });
};

/** F.linear(input, weight, bias): input · weightᵀ + bias, weight of shape (out, in). */
const linear: ArrayFunction = (reader, call, library) => {
  call.only('input', 'weight', 'bias');
  const x = call.need(0, 'input');
  const w = call.need(1, 'weight');
  const bias = call.get(2, 'bias');
  const weight = arrayArgument(reader, w, library);
  const transposed = keeping(
    reader.graph,
    { kind: 'transpose', axes: [...weight.value.shape.keys()].reverse() },
    [weight],
    site(call, w),
  );
  const product = reader.graph.apply(
    { kind: 'matmul' },
    [arrayArgument(reader, x, library), transposed],
    { text: call.text, span: call.span, operands: [x.text, `${w.text}.T`] },
    { dtype: 'float', library },
  );
  if (bias === undefined) {
    return product;
  }
  return elementwise(
    reader.graph,
    'add',
    [product, arrayArgument(reader, bias, library)],
    site(call, x, bias),
  );
};

// ---- reductions ----

/**
 * PyTorch's `x.sum(1, True)` keeps the axis; NumPy's positional arguments after the axis are
 * `dtype` and `out`, which are refused rather than ignored.
 */
function positionalKeepdims(call: Call, at: number, library: Library): boolean {
  const given = call.positional[at];
  if (given === undefined) {
    return false;
  }
  if (library === 'torch' && given.value.kind === 'number' && call.positional.length === at + 1) {
    return given.value.value !== 0;
  }
  throw new CodeError(
    'unsupported',
    `\`${call.text}\`: the argument \`${given.text}\` after the axis is not supported`,
    given.span,
  );
}

function reduction(kind: ReductionKind): ArrayFunction {
  return (reader, call, library) => {
    const x = call.need(0, 'a', 'input', 'x');
    const array = arrayArgument(reader, x, library);
    const second = call.positional[1];
    if (
      (kind === 'max' || kind === 'min') &&
      library === 'torch' &&
      second?.value.kind === 'array'
    ) {
      return elementwise(
        reader.graph,
        kind,
        [array, arrayArgument(reader, second, library)],
        site(call, x, second),
      );
    }
    call.only('a', 'input', 'x', 'axis', 'dim', 'keepdims', 'keepdim', 'ord', 'p');
    // norm(x, ord, axis) takes its order second; the others their axis.
    const axisAt = kind === 'norm' ? 2 : 1;
    const axisArgument = call.get(axisAt, 'axis', 'dim');
    const axes: Axes = axesOf(axisArgument?.value, array.value.shape.length, call.text, call.span);
    const keepdims =
      call.flag('keepdims') ||
      call.flag('keepdim') ||
      positionalKeepdims(call, axisAt + 1, library);
    const order = kind === 'norm' ? call.get(1, 'ord', 'p') : undefined;
    if (
      order !== undefined &&
      !(order.value.kind === 'number' && order.value.value === 2) &&
      !(order.value.kind === 'string' && order.value.value === 'fro')
    ) {
      throw new CodeError(
        'unsupported',
        `\`${call.written}\`: only the 2-norm is supported`,
        order.span,
      );
    }
    const result = reader.graph.apply({ kind, axes, keepdims }, [array], site(call, x), {
      dtype:
        (kind === 'sum' || kind === 'prod' || kind === 'max' || kind === 'min') &&
        array.dtype !== 'float'
          ? 'int'
          : 'float',
      library,
    });
    if ((kind === 'max' || kind === 'min') && library === 'torch' && axisArgument !== undefined) {
      // torch.max(x, dim) gives (values, indices); the indices are refused where used.
      return {
        kind: 'tuple',
        items: [result, { kind: 'string', value: `the indices of ${call.text}` }],
      };
    }
    return result;
  };
}

// ---- softmax and losses ----

function softmaxOf(
  kind: 'softmax' | 'log_softmax',
  defaultAxis: number | 'required',
): ArrayFunction {
  return (reader, call, library) => {
    call.only('input', 'x', 'a', 'dim', 'axis');
    const x = call.need(0, 'input', 'x', 'a');
    const array = arrayArgument(reader, x, library);
    const given = call.get(1, 'dim', 'axis');
    if (given === undefined && defaultAxis === 'required') {
      throw new CodeError(
        'unsupported',
        `\`${call.written}\` without \`dim\` is deprecated in PyTorch: give dim`,
        call.span,
      );
    }
    const axis =
      given === undefined
        ? axisOf(
            numberValue(defaultAxis === 'required' ? -1 : defaultAxis, 'int'),
            array.value.shape.length,
            call.text,
            call.span,
          )
        : axisOf(given.value, array.value.shape.length, call.text, call.span);
    return floating(reader.graph, { kind, axis }, [array], site(call, x));
  };
}

function reductionOf(call: Call, fallback: Reduction = 'mean'): Reduction {
  const given = call.get(-1, 'reduction')?.value;
  if (given === undefined) {
    return fallback;
  }
  if (
    given.kind === 'string' &&
    (given.value === 'mean' || given.value === 'sum' || given.value === 'none')
  ) {
    return given.value;
  }
  throw new CodeError(
    'unsupported',
    `\`${call.written}\`: reduction must be 'mean', 'sum' or 'none'`,
    call.span,
  );
}

function classLoss(kind: 'cross_entropy' | 'nll_loss'): ArrayFunction {
  return (reader, call, library) => {
    call.only('reduction', 'input', 'target');
    const x = call.need(0, 'input');
    const target = call.need(1, 'target');
    const logits = arrayArgument(reader, x, library);
    const labels = arrayArgument(reader, target, library);
    if (
      (labels.dtype === 'float' && labels.wholeNumbers !== true) ||
      (labels.node !== undefined && labels.wholeNumbers !== true)
    ) {
      throw new CodeError(
        'unsupported',
        `\`${call.written}\`: the target \`${target.text}\` must be class indices (an integer tensor known without running the code)`,
        target.span,
      );
    }
    return floating(
      reader.graph,
      { kind, targets: Int32Array.from(labels.value.data), reduction: reductionOf(call) },
      [logits],
      site(call, x),
    );
  };
}

function pairLoss(
  kind: 'mse_loss' | 'l1_loss' | 'binary_cross_entropy' | 'bce_with_logits',
): ArrayFunction {
  return (reader, call, library) => {
    call.only('reduction', 'input', 'target');
    const x = call.need(0, 'input');
    const target = call.need(1, 'target');
    const operands = [arrayArgument(reader, x, library), arrayArgument(reader, target, library)];
    return floating(
      reader.graph,
      { kind, reduction: reductionOf(call) },
      operands,
      site(call, x, target),
    );
  };
}

/**
 * np.where(cond, a, b): a where the condition is nonzero, b elsewhere. A primitive of its own,
 * so an infinite or NaN value in the branch not taken stays out of the value and the gradient.
 */
const where: ArrayFunction = (reader, call, library) => {
  const condition = call.need(0, 'condition');
  const a = call.need(1, 'x', 'input');
  const b = call.need(2, 'y', 'other');
  const mask = arrayArgument(reader, condition, library);
  const x = arrayArgument(reader, a, library);
  const y = arrayArgument(reader, b, library);
  return reader.graph.apply({ kind: 'where' }, [mask, x, y], site(call, condition, a, b), {
    dtype: joinTypes([x.dtype, y.dtype]),
    library: libraryOf([mask, x, y]),
  });
};

// ---- builtins ----

const len: ArrayFunction = (_reader, call) => {
  const x = call.need(0);
  if (x.value.kind === 'tuple') {
    return numberValue(x.value.items.length, 'int');
  }
  if (x.value.kind === 'array' && x.value.value.shape.length > 0) {
    return numberValue(x.value.value.shape[0] ?? 0, 'int');
  }
  throw new CodeError('unsupported', `\`${call.text}\`: \`${x.text}\` has no length`, call.span);
};

const range: ArrayFunction = (_reader, call) => {
  const numbers = call.positional.map((argument) =>
    intOf(argument.value, argument.text, argument.span),
  );
  const [a = 0, b, step = 1] = numbers;
  const [start, stop] = b === undefined ? [0, a] : [a, b];
  if (step === 0) {
    throw new CodeError('unsupported', '`range` step must not be 0', call.span);
  }
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > 100_000) {
    throw new CodeError(
      'too-large',
      `\`${call.text}\` has ${count} items; at most 100000 are unrolled`,
      call.span,
    );
  }
  return tupleOf(Array.from({ length: count }, (_, i) => start + i * step));
};

function cast(dtype: 'float' | 'int'): ArrayFunction {
  return (_reader, call) => {
    const x = call.need(0);
    const value = x.value;
    if (value.kind === 'number') {
      return numberValue(dtype === 'int' ? Math.trunc(value.value) : value.value, dtype);
    }
    if (value.kind === 'array' && value.value.data.length === 1 && dtype === 'float') {
      // float(t) of a PyTorch tensor is a Python number: cut from the graph, as PyTorch does.
      const number = { ...value, value: { shape: [], data: value.value.data } };
      return value.library === 'torch' ? detached(number) : number;
    }
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: \`${x.text}\` is no single number`,
      call.span,
    );
  };
}

function numbers(op: 'max' | 'min'): ArrayFunction {
  const pick = op === 'max' ? Math.max : Math.min;
  return (reader, call, library) => {
    const values = call.positional.map((argument) => argument.value);
    if (values.every((value) => value.kind === 'number')) {
      const dtype = values.some((value) => value.kind === 'number' && value.dtype === 'float')
        ? 'float'
        : 'int';
      return numberValue(
        pick(...values.map((value) => (value.kind === 'number' ? value.value : 0))),
        dtype,
      );
    }
    const arrays = call.positional.map((argument) => arrayArgument(reader, argument, library));
    if (arrays.some((array) => array.value.data.length !== 1)) {
      // Python's max compares whole arrays, which NumPy refuses for more than one element.
      throw new CodeError(
        'unsupported',
        `\`${call.text}\`: Python's ${op} of arrays compares them as wholes; use np.${op}imum or torch.${op}imum for elementwise ${op === 'max' ? 'maxima' : 'minima'}`,
        call.span,
      );
    }
    return elementwise(reader.graph, op, arrays, site(call, ...call.positional));
  };
}

const zip: ArrayFunction = (_reader, call) => {
  const lists = call.positional.map((argument) => {
    if (argument.value.kind !== 'tuple') {
      throw new CodeError(
        'unsupported',
        `\`zip\` over \`${argument.text}\`, which is no list known without running the code`,
        argument.span,
      );
    }
    return argument.value.items;
  });
  const length = Math.min(...lists.map((list) => list.length));
  return {
    kind: 'tuple',
    items: Array.from({ length }, (_, i) => ({
      kind: 'tuple',
      items: lists.map((list) => list[i] ?? { kind: 'none' }),
    })),
  };
};

const defaultRng: ArrayFunction = (reader, call) => {
  reader.note(`${call.text}: NumPy's Generator is not reproduced; its draws are sample values`);
  return { kind: 'generator', text: call.text };
};

const jaxKey: ArrayFunction = (_reader, call) => ({ kind: 'generator', text: call.text });

const FUNCTIONS: ReadonlyMap<string, ArrayFunction> = new Map<string, ArrayFunction>([
  ['numpy.add.at', (reader, call) => addAt(reader, call)],
  ['len', len],
  ['range', range],
  ['float', cast('float')],
  ['int', cast('int')],
  ['max', numbers('max')],
  ['min', numbers('min')],
  ['zip', zip],
  ['list', (_reader, call) => call.need(0).value],
  ['tuple', (_reader, call) => call.need(0).value],
  ['numpy.random.default_rng', defaultRng],
  ['jax.random.PRNGKey', jaxKey],
  ['jax.random.key', jaxKey],
  ...each(
    ['numpy.matmul', 'numpy.dot', 'torch.matmul', 'torch.mm', 'torch.mv', 'torch.dot'],
    matmul,
  ),
  ...each(['numpy.outer', 'torch.outer', 'torch.ger'], outer),
  ['numpy.inner', inner],
  ['torch.inner', inner],
  ...(['sum', 'mean', 'max', 'min', 'prod'] as const).flatMap((kind) =>
    each([`numpy.${kind}`, `torch.${kind}`], reduction(kind)),
  ),
  ...each(['numpy.amax', 'torch.amax'], reduction('max')),
  ...each(['numpy.amin', 'torch.amin'], reduction('min')),
  ...each(['numpy.linalg.norm', 'torch.norm', 'torch.linalg.norm'], reduction('norm')),
  ...each(
    [
      'torch.logsumexp',
      'scipy.special.logsumexp',
      'jax.nn.logsumexp',
      'jax.scipy.special.logsumexp',
    ],
    reduction('logsumexp'),
  ),
  ...each(['torch.softmax', 'torch.nn.functional.softmax'], softmaxOf('softmax', 'required')),
  ...each(
    ['torch.log_softmax', 'torch.nn.functional.log_softmax'],
    softmaxOf('log_softmax', 'required'),
  ),
  ['jax.nn.softmax', softmaxOf('softmax', -1)],
  ['jax.nn.log_softmax', softmaxOf('log_softmax', -1)],
  ['torch.nn.functional.cross_entropy', classLoss('cross_entropy')],
  ['torch.nn.functional.nll_loss', classLoss('nll_loss')],
  ['torch.nn.functional.mse_loss', pairLoss('mse_loss')],
  ['torch.nn.functional.l1_loss', pairLoss('l1_loss')],
  ['torch.nn.functional.binary_cross_entropy', pairLoss('binary_cross_entropy')],
  ['torch.nn.functional.binary_cross_entropy_with_logits', pairLoss('bce_with_logits')],
  ['numpy.where', where],
  ['torch.nn.functional.linear', linear],
  ['torch.where', where],
  ...layoutFunctions(),
]);

function each(names: readonly string[], fn: ArrayFunction): [string, ArrayFunction][] {
  return names.map((name) => [name, fn]);
}

/** reshape, transpose, concatenate … as functions (`np.reshape(x, (3, 4))`). */
function layoutFunctions(): [string, ArrayFunction][] {
  const names: [string, string][] = [
    ['numpy.reshape', 'reshape'],
    ['torch.reshape', 'reshape'],
    ['numpy.ravel', 'ravel'],
    ['torch.flatten', 'flatten'],
    ['numpy.squeeze', 'squeeze'],
    ['torch.squeeze', 'squeeze'],
    ['torch.unsqueeze', 'unsqueeze'],
    ['numpy.expand_dims', 'expand_dims'],
    ['numpy.transpose', 'transpose'],
    ['torch.transpose', 'transpose'],
    ['torch.permute', 'permute'],
    ['torch.t', 't'],
    ['numpy.broadcast_to', 'broadcast_to'],
    ['torch.broadcast_to', 'broadcast_to'],
    ['numpy.concatenate', 'concatenate'],
    ['torch.cat', 'concatenate'],
    ['torch.concat', 'concatenate'],
    ['torch.concatenate', 'concatenate'],
    ['numpy.stack', 'stack'],
    ['torch.stack', 'stack'],
    ['numpy.hstack', 'hstack'],
    ['numpy.vstack', 'vstack'],
  ];
  return names.map(([name, kind]) => [
    name,
    (reader, call, library) => layout(reader, kind, call, library),
  ]);
}
