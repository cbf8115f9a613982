/**
 * The operations array code is made of, over values as they are read: Python numbers and lists
 * become arrays where an array is needed, elementwise ops keep NumPy's types (int with int
 * stays int, `/` and functions such as exp give floats, comparisons give masks).
 */
import type { OpName } from '../../../engine/opName';
import { sizeOf, type Shape } from '../../../engine/tensor/shape';
import { scalarTensor, tensorOf } from '../../../engine/tensor/tensor';
import type { Axes, Comparison, TensorOp } from '../../../engine/tensor/tensorOp';
import { CodeError } from '../../code/codeError';
import type { Span } from '../../span';
import type { ArrayGraph, Site } from './arrayGraph';
import { resultInteger, wrappedData, type IntegerKind } from './arrayIntegerType';
import {
  describe,
  joinTypes,
  type ArrayValue,
  type DType,
  type Library,
  type PyValue,
} from './arrayValue';

/** Ops whose result is an integer when every operand is one. */
const INTEGER_OPS: ReadonlySet<OpName> = new Set([
  'add',
  'sub',
  'mul',
  'neg',
  'abs',
  'max',
  'min',
  'clamp',
  'mod',
  'floordiv',
  'sign',
  'select',
]);

export function isArray(value: PyValue): value is ArrayValue {
  return value.kind === 'array';
}

/** A number, a nested list of numbers or an array, as an array; anything else is refused. */
export function asArray(
  graph: ArrayGraph,
  value: PyValue,
  text: string,
  span: Span,
  library: Library = 'numpy',
): ArrayValue {
  const line = graph.lines.lineOf(span.from);
  if (value.kind === 'array') {
    return value;
  }
  if (value.kind === 'number') {
    return {
      kind: 'array',
      value: scalarTensor(value.value),
      dtype: value.dtype,
      library,
      text,
      line,
    };
  }
  if (value.kind === 'tuple') {
    const { shape, data, dtype } = nestedNumbers(value, text, span);
    graph.claim(shape, span);
    return { kind: 'array', value: tensorOf(shape, data), dtype, library, text, line };
  }
  throw new CodeError(
    'unsupported',
    `\`${text}\` is ${describe(value)}, used here as an array`,
    span,
  );
}

/** The shape and row-major numbers of a nested list; ragged lists are refused. */
export function nestedNumbers(
  value: PyValue,
  text: string,
  span: Span,
): { shape: Shape; data: Float64Array; dtype: DType } {
  const numbers: number[] = [];
  const types: DType[] = [];
  const shape = shapeOfNested(value, text, span);
  const collect = (item: PyValue): void => {
    if (item.kind === 'number') {
      numbers.push(item.value);
      types.push(item.dtype);
    } else if (item.kind === 'tuple') {
      item.items.forEach(collect);
    } else if (item.kind === 'array') {
      item.value.data.forEach((x) => numbers.push(x));
      types.push(item.dtype);
    }
  };
  collect(value);
  if (numbers.length !== sizeOf(shape)) {
    throw ragged(text, span);
  }
  return {
    shape,
    data: Float64Array.from(numbers),
    dtype: types.length === 0 ? 'float' : joinTypes(types),
  };
}

function shapeOfNested(value: PyValue, text: string, span: Span): Shape {
  if (value.kind === 'number') {
    return [];
  }
  if (value.kind === 'array') {
    if (value.node !== undefined) {
      throw new CodeError(
        'unsupported',
        `\`${text}\` makes a new array of arrays that depend on inputs: use np.stack or torch.stack`,
        span,
      );
    }
    return value.value.shape;
  }
  if (value.kind !== 'tuple') {
    throw new CodeError('unsupported', `\`${text}\` holds ${describe(value)}, not numbers`, span);
  }
  const shapes = value.items.map((item) => shapeOfNested(item, text, span));
  const [first] = shapes;
  if (first === undefined) {
    return [0];
  }
  if (
    !shapes.every((shape) => shape.length === first.length && shape.every((n, i) => n === first[i]))
  ) {
    throw ragged(text, span);
  }
  return [shapes.length, ...first];
}

function ragged(text: string, span: Span): CodeError {
  return new CodeError(
    'unsupported',
    `\`${text}\` is a ragged list (its rows differ in length): an array needs rows of one length`,
    span,
  );
}

/** The library of a result: PyTorch's when any operand is a torch tensor. */
export function libraryOf(operands: readonly ArrayValue[]): Library {
  return operands.find((operand) => operand.library !== 'numpy')?.library ?? 'numpy';
}

export function elementwise(
  graph: ArrayGraph,
  op: OpName,
  operands: readonly ArrayValue[],
  site: Site,
): ArrayValue {
  const types = operands.map((operand) => operand.dtype);
  const joined = joinTypes(types);
  const dtype =
    INTEGER_OPS.has(op) && joined !== 'float'
      ? joined === 'bool' && op !== 'max' && op !== 'min'
        ? 'int'
        : joined
      : 'float';
  const integer = dtype === 'int' ? resultInteger(operands, site) : undefined;
  const result = graph.apply({ kind: 'elementwise', op }, operands, site, {
    dtype,
    library: libraryOf(operands),
  });
  return integer === undefined ? result : sized(result, integer, site);
}

/** An integer result held in a sized type: wrapped around its range, as NumPy computes it. */
export function sized(value: ArrayValue, integer: IntegerKind, site: Site): ArrayValue {
  const data = wrappedData(integer, value.value.data);
  if (data !== value.value.data && value.node !== undefined) {
    throw new CodeError(
      'unsupported',
      `\`${site.text}\`: its integers leave the range of ${integer} and would wrap around; this is not supported here`,
      site.span,
    );
  }
  return data === value.value.data
    ? { ...value, integer }
    : { ...value, integer, value: tensorOf(value.value.shape, data) };
}

export function compare(
  graph: ArrayGraph,
  operator: Comparison,
  operands: readonly [ArrayValue, ArrayValue],
  site: Site,
): ArrayValue {
  return graph.apply({ kind: 'compare', operator }, operands, site, {
    dtype: 'bool',
    library: libraryOf(operands),
  });
}

/** An op that keeps its operand's type (layout, indexing). */
export function keeping(
  graph: ArrayGraph,
  op: TensorOp,
  operands: readonly ArrayValue[],
  site: Site,
): ArrayValue {
  const result = graph.apply(op, operands, site, {
    dtype: joinTypes(operands.map((operand) => operand.dtype)),
    library: libraryOf(operands),
  });
  // Moving or picking elements keeps their sized type when all operands share it.
  const [first] = operands;
  const integer = first?.integer;
  return integer !== undefined && operands.every((operand) => operand.integer === integer)
    ? { ...result, integer }
    : result;
}

/** A float result (reductions such as mean, softmax, losses). */
export function floating(
  graph: ArrayGraph,
  op: TensorOp,
  operands: readonly ArrayValue[],
  site: Site,
): ArrayValue {
  return graph.apply(op, operands, site, { dtype: 'float', library: libraryOf(operands) });
}

/**
 * An `axis`/`dim` argument as non-negative axes of an array of rank `rank`; `null` for all.
 * Refuses an axis out of range, naming it.
 */
export function axesOf(value: PyValue | undefined, rank: number, text: string, span: Span): Axes {
  if (value === undefined || value.kind === 'none') {
    return null;
  }
  const list = value.kind === 'tuple' ? value.items : [value];
  return list.map((item) => axisOf(item, rank, text, span));
}

export function axisOf(value: PyValue, rank: number, text: string, span: Span): number {
  if (value.kind !== 'number' || !Number.isInteger(value.value)) {
    throw new CodeError('unsupported', `\`${text}\`: an axis must be a whole number`, span);
  }
  const axis = value.value < 0 ? value.value + rank : value.value;
  if (axis < 0 || axis >= Math.max(rank, 1)) {
    throw new CodeError(
      'unsupported',
      `\`${text}\`: axis ${value.value} is out of range for an array of ${rank} dimension${rank === 1 ? '' : 's'}`,
      span,
    );
  }
  return axis;
}

/** A known whole number (a shape's length, an index), else refused. */
export function intOf(value: PyValue | undefined, text: string, span: Span): number {
  if (value?.kind === 'number' && Number.isInteger(value.value)) {
    return value.value;
  }
  if (
    value?.kind === 'array' &&
    value.node === undefined &&
    value.value.data.length === 1 &&
    value.dtype !== 'float'
  ) {
    return value.value.data[0] ?? 0;
  }
  throw new CodeError(
    'unsupported',
    `\`${text}\` must be a whole number known without running the code`,
    span,
  );
}

/** A shape given as `(3, 4)`, `[3, 4]`, `3`, or as separate arguments `3, 4`. */
export function shapeArgument(
  values: readonly PyValue[],
  text: string,
  span: Span,
  /** reshape and expand take -1 for a length inferred or kept. */
  inferred = false,
): Shape {
  const [first] = values;
  const items = values.length === 1 && first?.kind === 'tuple' ? first.items : values;
  const shape = items.map((item) => intOf(item, text, span));
  if (shape.some((length) => length < (inferred ? -1 : 0))) {
    throw new CodeError('unsupported', `\`${text}\`: a negative length is not a shape`, span);
  }
  return shape;
}

/** A known number (float or int), else refused. */
export function numberOf(value: PyValue | undefined, text: string, span: Span): number {
  if (value?.kind === 'number') {
    return value.value;
  }
  if (value?.kind === 'array' && value.node === undefined && value.value.data.length === 1) {
    return value.value.data[0] ?? NaN;
  }
  throw new CodeError(
    'unsupported',
    `\`${text}\` must be a number known without running the code`,
    span,
  );
}

/** The same values cut from the graph: no node, no gradient (`.detach()`, `torch.no_grad()`). */
export function detached(value: ArrayValue): ArrayValue {
  return {
    kind: 'array',
    value: value.value,
    dtype: value.dtype,
    library: value.library,
    text: value.text,
    line: value.line,
    ...(value.sample === undefined ? {} : { sample: value.sample }),
    ...(value.integer === undefined ? {} : { integer: value.integer }),
  };
}
