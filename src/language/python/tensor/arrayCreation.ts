/**
 * Arrays made by creation functions with known arguments: literals (`np.array`,
 * `torch.tensor`), `zeros`/`ones`/`full`/`eye`/`arange`/`linspace` and their `_like` forms,
 * and random draws: NumPy's legacy stream exactly after `np.random.seed`, every other generator
 * as sample values of the right shape, said so in a note.
 */
import type { Shape } from '../../../engine/tensor/shape';
import { tensorOf } from '../../../engine/tensor/tensor';
import { CodeError } from '../../code/codeError';
import type { Call } from './arrayCall';
import { asArray, detached, intOf, nestedNumbers, numberOf, shapeArgument } from './arrayOps';
import type { ArrayReader } from './arrayReader';
import type { ArrayValue, DType, Library, PyValue } from './arrayValue';
import {
  fits,
  namedDType,
  wrappedData,
  type IntegerKind,
  type NamedDType,
} from './arrayIntegerType';
import {
  unseededNumpyRandom,
  sampleKey,
  sampleValues,
  STANDARD_NORMAL,
  UNIT_UNIFORM,
  type SampleDistribution,
} from './random/sampleRandom';

export type Creation = (reader: ArrayReader, call: Call, library: Library) => PyValue;

/** The dtype a `dtype=` argument asks for, noting float32 computed in float64. */
function dtypeOf(reader: ArrayReader, call: Call, fallback: DType): DType {
  return requestedType(reader, call, { dtype: fallback }).dtype;
}

/** The dtype and sized integer type a `dtype=` argument (`np.uint8`, `'uint8'`) asks for. */
function requestedType(reader: ArrayReader, call: Call, fallback: NamedDType): NamedDType {
  const argument = call.get(-1, 'dtype');
  const given = argument?.value;
  if (given === undefined) {
    return fallback;
  }
  const text = given.kind === 'dtype' ? given.text : given.kind === 'string' ? given.value : '';
  if (/float32|float16|half|bfloat16|^torch\.float$|^f4$/.test(text)) {
    reader.note(
      `${text}: computed in float64 here, so values may differ from ${text}'s in the last digits`,
    );
  }
  if (given.kind === 'dtype') {
    return {
      dtype: given.dtype,
      ...(given.integer === undefined ? {} : { integer: given.integer }),
    };
  }
  const named = given.kind === 'string' ? namedDType(given.value) : undefined;
  if (named !== undefined) {
    return named;
  }
  if (given.kind === 'module' && /(^|\.)(float|int|bool)$/.test(given.path)) {
    return {
      dtype: given.path.endsWith('float') ? 'float' : given.path.endsWith('int') ? 'int' : 'bool',
    };
  }
  throw new CodeError(
    'unsupported',
    `\`${call.written}\`: the dtype \`${argument?.text ?? ''}\` is not supported`,
    call.span,
  );
}

function made(
  reader: ArrayReader,
  call: Call,
  library: Library,
  shape: Shape,
  dtype: DType,
  fill: (size: number) => Float64Array,
  sample?: string,
  /** The sized integer type of the array copied or imitated, kept unless `dtype=` says else. */
  inherited?: IntegerKind,
): ArrayValue {
  const value = reader.graph.fixed(shape, call.span, call.text, fill);
  const integer =
    dtype !== 'int'
      ? undefined
      : call.get(-1, 'dtype') === undefined
        ? inherited
        : requestedType(reader, call, { dtype }).integer;
  if (library === 'torch' && dtype === 'float' && call.get(-1, 'dtype') === undefined) {
    reader.note(
      "PyTorch's tensors are float32 unless asked otherwise; computed in float64 here, so values may differ from PyTorch's after about 7 digits",
    );
  }
  const cast =
    dtype === 'float'
      ? value.data
      : value.data.map(dtype === 'int' ? Math.trunc : (x) => (x === 0 ? 0 : 1));
  const data = integer === undefined ? cast : wrappedData(integer, cast);
  return {
    kind: 'array',
    value: tensorOf(shape, data),
    dtype,
    ...(integer === undefined ? {} : { integer }),
    library,
    text: call.text,
    line: reader.setup.lines.lineOf(call.span.from),
    ...(requiresGrad(call) ? { requiresGrad: true } : {}),
    ...(sample === undefined ? {} : { sample }),
  };
}

function requiresGrad(call: Call): boolean {
  return call.flag('requires_grad');
}

/** `np.array([[1, 2], [3, 4]])`, `torch.tensor([1.0, 2.0], requires_grad=True)`. */
const literal: Creation = (reader, call, library) => {
  call.only('dtype', 'requires_grad', 'device', 'copy');
  const data = call.need(0, 'data', 'object');
  if (data.value.kind === 'array' && data.value.node !== undefined && library !== 'torch') {
    // np.array(x) of an array copies its values: the same function of the inputs, new memory.
    return { ...data.value };
  }
  // torch.tensor(t) makes a new leaf from t's values: no gradient flows back to t.
  const {
    shape,
    data: numbers,
    dtype,
  } = nestedNumbers(
    data.value.kind === 'array' ? detached(data.value) : data.value,
    data.text,
    data.span,
  );
  const wanted = dtypeOf(reader, call, dtype);
  if (data.value.kind !== 'array') {
    refuseUnfit(reader, call, numbers);
  }
  const inherited = data.value.kind === 'array' ? data.value.integer : undefined;
  return made(reader, call, library, shape, wanted, () => numbers, sampleIn(data.value), inherited);
};

/**
 * PyTorch's legacy constructor `torch.Tensor([2.0])`: a float32 tensor of the data, its numbers
 * rounded to float32 as PyTorch stores them (so `.double()` after it computes PyTorch's numbers).
 * `torch.Tensor(3, 4)` (sizes) is uninitialised memory: refused.
 */
const legacyTensor: Creation = (reader, call, library) => {
  call.only('device');
  const [data, ...rest] = call.positional;
  if (data?.value.kind !== 'tuple' || rest.length > 0) {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: the legacy constructor \`torch.Tensor\` is read with one list of numbers (\`torch.Tensor([2.0])\`); given sizes (\`torch.Tensor(3, 4)\`) it makes uninitialised memory, which has no value to read: write \`torch.zeros(3, 4)\` or \`torch.tensor(data)\``,
      call.span,
    );
  }
  const { shape, data: numbers } = nestedNumbers(data.value, data.text, data.span);
  reader.note(
    "`torch.Tensor(…)` (PyTorch's legacy constructor) makes float32 tensors: their numbers are rounded to float32 here, as PyTorch stores them",
  );
  return made(reader, call, library, shape, 'float', () => numbers.map(Math.fround));
};

/**
 * `np.asarray(a)`, `torch.from_numpy(a)`, `torch.as_tensor(a)` of an array: `a`'s memory (the
 * same array, or a tensor over it) unless a dtype asks for a copy.
 */
const shared: Creation = (reader, call, library) => {
  const data = call.get(0, 'a', 'data', 'ndarray');
  if (data?.value.kind !== 'array' || call.get(-1, 'dtype') !== undefined) {
    return literal(reader, call, library);
  }
  call.only('a', 'data', 'ndarray', 'order', 'device');
  const array = data.value;
  if (array.library === library) {
    return array;
  }
  return reader.buffers.same({ ...array, library }, array);
};

/** The sample note of any array inside a (nested) value: a copy of samples is samples. */
function sampleIn(value: PyValue): string | undefined {
  if (value.kind === 'array') {
    return value.sample;
  }
  return value.kind === 'tuple'
    ? value.items.map(sampleIn).find((found) => found !== undefined)
    : undefined;
}

function filled(value: (call: Call) => number, shapeAt = 0): Creation {
  return (reader, call, library) => {
    call.only('dtype', 'requires_grad', 'device', 'size', 'shape', 'fill_value', 'order');
    const shape = creationShape(call, shapeAt, library);
    const fill = value(call);
    const dtype = dtypeOf(
      reader,
      call,
      Number.isInteger(fill) &&
        call.get(1, 'fill_value')?.value.kind === 'number' &&
        (call.get(1, 'fill_value')?.value as { dtype: DType }).dtype !== 'float'
        ? 'int'
        : 'float',
    );
    refuseUnfit(reader, call, [fill]);
    return made(reader, call, library, shape, dtype, (size) => new Float64Array(size).fill(fill));
  };
}

/**
 * Python numbers given to a sized integer type they do not fit (`np.array([300],
 * dtype=np.uint8)`): NumPy 1.x wraps them with a DeprecationWarning, NumPy 2 raises, so the
 * reader refuses rather than pick one.
 */
function refuseUnfit(reader: ArrayReader, call: Call, numbers: Iterable<number>): void {
  if (call.get(-1, 'dtype') === undefined) {
    return;
  }
  const integer = requestedType(reader, call, { dtype: 'int' }).integer;
  if (integer === undefined) {
    return;
  }
  for (const x of numbers) {
    if (!fits(integer, Math.trunc(x))) {
      throw new CodeError(
        'unsupported',
        `\`${call.text}\`: ${x} does not fit ${integer}; NumPy 1.x wraps it around with a DeprecationWarning and NumPy 2 raises OverflowError, so it is refused here (use .astype(np.${integer}) to wrap)`,
        call.span,
      );
    }
  }
}

/** A shape given as one tuple or (torch) as several numbers. */
function creationShape(call: Call, at: number, library: Library): Shape {
  const keyword = call.get(-1, 'size', 'shape');
  if (keyword !== undefined) {
    return shapeArgument([keyword.value], keyword.text, keyword.span);
  }
  const rest = library === 'torch' ? call.positional.slice(at) : call.positional.slice(at, at + 1);
  if (rest.length === 0) {
    return [];
  }
  return shapeArgument(
    rest.map((argument) => argument.value),
    call.text,
    call.span,
  );
}

function like(fill: ((call: Call) => number) | 'random'): Creation {
  return (reader, call, library) => {
    const of = call.need(0, 'a', 'input', 'prototype');
    const array = asArray(reader.graph, of.value, of.text, of.span, library);
    const dtype = dtypeOf(reader, call, array.dtype);
    if (fill === 'random') {
      return drawSample(reader, call, library, array.value.shape, STANDARD_NORMAL);
    }
    const value = fill(call);
    return made(
      reader,
      call,
      library,
      array.value.shape,
      dtype,
      (size) => new Float64Array(size).fill(value),
      undefined,
      array.integer,
    );
  };
}

const eye: Creation = (reader, call, library) => {
  call.only('N', 'M', 'n', 'm', 'dtype', 'requires_grad', 'device');
  if (call.positional.length > 2) {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: an offset diagonal (k) is not supported`,
      call.span,
    );
  }
  const n = intOf(call.need(0, 'N', 'n').value, call.text, call.span);
  const m =
    call.get(1, 'M', 'm') === undefined
      ? n
      : intOf(call.get(1, 'M', 'm')?.value, call.text, call.span);
  return made(reader, call, library, [n, m], dtypeOf(reader, call, 'float'), (size) => {
    const data = new Float64Array(size);
    for (let i = 0; i < Math.min(n, m); i += 1) {
      data[i * m + i] = 1;
    }
    return data;
  });
};

const arange: Creation = (reader, call, library) => {
  call.only('dtype', 'requires_grad', 'start', 'end', 'stop', 'step', 'device');
  const numbers = call.positional.map((argument) =>
    numberOf(argument.value, argument.text, argument.span),
  );
  const [a = 0, b, c = 1] = numbers;
  const start = b === undefined ? 0 : a;
  const stop = b === undefined ? a : b;
  const step = c;
  if (step === 0) {
    throw new CodeError('unsupported', `\`${call.text}\`: the step must not be 0`, call.span);
  }
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const integer = call.positional.every(
    (argument) => argument.value.kind === 'number' && argument.value.dtype !== 'float',
  );
  return made(
    reader,
    call,
    library,
    [length],
    dtypeOf(reader, call, integer ? 'int' : 'float'),
    (size) => Float64Array.from({ length: size }, (_, i) => start + i * step),
  );
};

const linspace: Creation = (reader, call, library) => {
  call.only('start', 'stop', 'end', 'num', 'steps', 'dtype', 'requires_grad', 'device');
  if (call.positional.length > 3) {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: only start, stop and the count are supported`,
      call.span,
    );
  }
  const start = numberOf(call.need(0, 'start').value, call.text, call.span);
  const stop = numberOf(call.need(1, 'stop', 'end').value, call.text, call.span);
  const count =
    call.get(2, 'num', 'steps') === undefined
      ? 50
      : intOf(call.get(2, 'num', 'steps')?.value, call.text, call.span);
  const step = count > 1 ? (stop - start) / (count - 1) : 0;
  return made(reader, call, library, [count], dtypeOf(reader, call, 'float'), (size) =>
    Float64Array.from({ length: size }, (_, i) =>
      i === size - 1 && size > 1 ? stop : start + i * step,
    ),
  );
};

/** Sample values of a random draw the tool does not reproduce, with the note saying so. */
function drawSample(
  reader: ArrayReader,
  call: Call,
  library: Library,
  shape: Shape,
  distribution: SampleDistribution,
): ArrayValue {
  const key = sampleKey(call.text, reader.occurrence(call.text));
  const who = library === 'torch' ? 'PyTorch' : library === 'jax' ? 'JAX' : 'NumPy';
  const note = `sample values for ${call.text}; ${who} would draw others`;
  const dtype = distribution.kind === 'integers' ? 'int' : 'float';
  return made(
    reader,
    call,
    library,
    shape,
    dtype,
    () => sampleValues(key, distribution, shape),
    note,
  );
}

/** NumPy's legacy draw: exact after a seed, else a sample of the same kind. */
function legacy(
  draw: (
    reader: ArrayReader,
    call: Call,
  ) => {
    shape: Shape;
    distribution: SampleDistribution;
    exact: (shape: Shape) => Float64Array;
    dtype?: DType;
  },
): Creation {
  return (reader, call, library) => {
    const { shape, distribution, exact, dtype } = draw(reader, call);
    const { exact: seeded } = reader.legacyRandom();
    if (!seeded) {
      return drawSample(reader, call, library, shape, distribution);
    }
    return made(reader, call, library, shape, dtype ?? 'float', () => exact(shape));
  };
}

function sizeArgument(call: Call, at: number, ...names: string[]): Shape {
  const size = call.get(at, ...names, 'size');
  return size === undefined ? [] : shapeArgument([size.value], size.text, size.span);
}

function spreadShape(call: Call): Shape {
  return shapeArgument(
    call.positional.map((argument) => argument.value),
    call.text,
    call.span,
  );
}

const legacyRandn = legacy((reader, call) => ({
  shape: spreadShape(call),
  distribution: STANDARD_NORMAL,
  exact: (shape) => reader.legacyRandom().random.randn(shape),
}));

const legacyRand = legacy((reader, call) => ({
  shape: spreadShape(call),
  distribution: UNIT_UNIFORM,
  exact: (shape) => reader.legacyRandom().random.rand(shape),
}));

const legacyStandardNormal = legacy((reader, call) => ({
  shape: sizeArgument(call, 0),
  distribution: STANDARD_NORMAL,
  exact: (shape) => reader.legacyRandom().random.standardNormal(shape),
}));

const legacyRandom = legacy((reader, call) => ({
  shape: sizeArgument(call, 0),
  distribution: UNIT_UNIFORM,
  exact: (shape) => reader.legacyRandom().random.randomSample(shape),
}));

const legacyNormal = legacy((reader, call) => {
  const loc = numberArgument(call, 0, 0, 'loc');
  const scale = numberArgument(call, 1, 1, 'scale');
  return {
    shape: sizeArgument(call, 2),
    distribution: { kind: 'normal', mean: loc, std: scale },
    exact: (shape) => reader.legacyRandom().random.normal(loc, scale, shape),
  };
});

const legacyUniform = legacy((reader, call) => {
  const low = numberArgument(call, 0, 0, 'low');
  const high = numberArgument(call, 1, 1, 'high');
  return {
    shape: sizeArgument(call, 2),
    distribution: { kind: 'uniform', low, high },
    exact: (shape) => reader.legacyRandom().random.uniform(low, high, shape),
  };
});

const legacyRandint = legacy((reader, call) => {
  const first = intOf(call.need(0, 'low').value, call.text, call.span);
  const second = call.get(1, 'high');
  const [low, high] =
    second === undefined ? [0, first] : [first, intOf(second.value, second.text, second.span)];
  return {
    shape: sizeArgument(call, 2),
    distribution: { kind: 'integers', low, high },
    exact: (shape) => reader.legacyRandom().random.randint(low, high, shape),
    dtype: 'int',
  };
});

const legacyChoice = legacy((reader, call) => {
  call.only('a', 'size');
  const n = intOf(call.need(0, 'a').value, call.text, call.span);
  return {
    shape: sizeArgument(call, 1),
    distribution: { kind: 'integers', low: 0, high: n },
    exact: (shape) => reader.legacyRandom().random.choice(n, shape),
    dtype: 'int',
  };
});

/** np.random.permutation(n): NumPy's own after a seed, else a shuffle of the unseeded sample stream. */
const legacyPermutation: Creation = (reader, call, library) => {
  const n = intOf(call.need(0, 'x').value, call.text, call.span);
  const { random, exact } = reader.legacyRandom();
  const note = exact ? undefined : `sample values for ${call.text}; NumPy would draw others`;
  return made(
    reader,
    call,
    library,
    [n],
    'int',
    () => (exact ? random : unseededNumpyRandom()).permutation(n),
    note,
  );
};

function numberArgument(call: Call, at: number, fallback: number, name: string): number {
  const found = call.get(at, name);
  return found === undefined ? fallback : numberOf(found.value, found.text, found.span);
}

/** torch.randn(3, 4), torch.rand((3, 4)), torch.randint(0, 10, (3,)): samples. */
function torchRandom(distribution: SampleDistribution): Creation {
  return (reader, call, library) => {
    call.only('requires_grad', 'dtype', 'device', 'generator', 'size');
    return drawSample(reader, call, library, creationShape(call, 0, 'torch'), distribution);
  };
}

const torchRandint: Creation = (reader, call, library) => {
  const numbers = call.positional.filter((argument) => argument.value.kind === 'number');
  const [first, second] = numbers.map((argument) =>
    intOf(argument.value, argument.text, argument.span),
  );
  const [low, high] = second === undefined ? [0, first ?? 1] : [first ?? 0, second];
  const size =
    call.get(-1, 'size') ?? call.positional.find((argument) => argument.value.kind === 'tuple');
  if (size === undefined) {
    throw new CodeError('unsupported', `\`${call.written}\` needs its size`, call.span);
  }
  const shape = shapeArgument([size.value], size.text, size.span);
  return drawSample(reader, call, library, shape, { kind: 'integers', low, high });
};

/** `rng.standard_normal((3, 4))`, `rng.normal(0, 1, size)` …: a Generator's draws, as samples. */
export function generatorDraw(reader: ArrayReader, method: string, call: Call): PyValue {
  switch (method) {
    case 'standard_normal':
      return drawSample(reader, call, 'numpy', sizeArgument(call, 0), STANDARD_NORMAL);
    case 'random':
      return drawSample(reader, call, 'numpy', sizeArgument(call, 0), UNIT_UNIFORM);
    case 'normal':
      return drawSample(reader, call, 'numpy', sizeArgument(call, 2), {
        kind: 'normal',
        mean: numberArgument(call, 0, 0, 'loc'),
        std: numberArgument(call, 1, 1, 'scale'),
      });
    case 'uniform':
      return drawSample(reader, call, 'numpy', sizeArgument(call, 2), {
        kind: 'uniform',
        low: numberArgument(call, 0, 0, 'low'),
        high: numberArgument(call, 1, 1, 'high'),
      });
    case 'integers': {
      const first = intOf(call.need(0, 'low').value, call.text, call.span);
      const second = call.get(1, 'high');
      const [low, high] =
        second === undefined ? [0, first] : [first, intOf(second.value, second.text, second.span)];
      return drawSample(reader, call, 'numpy', sizeArgument(call, 2), {
        kind: 'integers',
        low,
        high,
      });
    }
    default:
      throw new CodeError(
        'unsupported',
        `the generator method \`${call.written}\` is not supported (yet)`,
        call.span,
      );
  }
}

/** jax.random.normal(key, shape), jax.random.uniform(key, shape): samples. */
function jaxRandom(distribution: SampleDistribution): Creation {
  return (reader, call) => {
    const shape = sizeArgument(call, 1, 'shape');
    return drawSample(reader, call, 'jax', shape, distribution);
  };
}

const one = (): number => 1;
const zero = (): number => 0;
const fillValue = (call: Call): number => {
  const found = call.need(1, 'fill_value');
  return numberOf(found.value, found.text, found.span);
};

/** By the function's name within its library (`zeros`, `random.randn`). */
export const NUMPY_CREATION: ReadonlyMap<string, Creation> = new Map([
  ['array', literal],
  ['asarray', shared],
  ['zeros', filled(zero)],
  ['ones', filled(one)],
  ['full', filled(fillValue)],
  ['zeros_like', like(zero)],
  ['ones_like', like(one)],
  ['full_like', like(fillValue)],
  ['eye', eye],
  ['identity', eye],
  ['arange', arange],
  ['linspace', linspace],
  ['random.randn', legacyRandn],
  ['random.rand', legacyRand],
  ['random.randint', legacyRandint],
  ['random.normal', legacyNormal],
  ['random.uniform', legacyUniform],
  ['random.random', legacyRandom],
  ['random.random_sample', legacyRandom],
  ['random.sample', legacyRandom],
  ['random.standard_normal', legacyStandardNormal],
  ['random.choice', legacyChoice],
  ['random.permutation', legacyPermutation],
]);

export const TORCH_CREATION: ReadonlyMap<string, Creation> = new Map([
  ['tensor', literal],
  ['Tensor', legacyTensor],
  ['as_tensor', shared],
  ['from_numpy', shared],
  ['zeros', filled(zero, 0)],
  ['ones', filled(one, 0)],
  [
    'full',
    (reader, call, library) => {
      const size = call.need(0, 'size');
      const fill = call.need(1, 'fill_value');
      const shape = shapeArgument([size.value], size.text, size.span);
      const value = numberOf(fill.value, fill.text, fill.span);
      const dtype = dtypeOf(
        reader,
        call,
        fill.value.kind === 'number' && fill.value.dtype !== 'float' ? 'int' : 'float',
      );
      return made(reader, call, library, shape, dtype, (n) => new Float64Array(n).fill(value));
    },
  ],
  ['zeros_like', like(zero)],
  ['ones_like', like(one)],
  ['full_like', like(fillValue)],
  ['randn_like', like('random')],
  ['eye', eye],
  ['arange', arange],
  ['linspace', linspace],
  ['randn', torchRandom(STANDARD_NORMAL)],
  ['rand', torchRandom(UNIT_UNIFORM)],
  ['randint', torchRandint],
]);

export const JAX_RANDOM: ReadonlyMap<string, Creation> = new Map([
  ['normal', jaxRandom(STANDARD_NORMAL)],
  ['uniform', jaxRandom(UNIT_UNIFORM)],
]);
