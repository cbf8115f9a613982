/**
 * TensorFlow.js's functions and tensor methods as tensor ops: `tf.add(a, b)` and `a.add(b)` are
 * one op, `tf.square`, `tf.sum`, `tf.matMul`, `tf.losses.meanSquaredError` … are the catalogue's
 * ops with TensorFlow.js's arguments (`axis`, `keepDims`, `transposeA`). Tensors are made by
 * `tf.scalar`, `tf.tensor`, `tf.tensor1d/2d`, `tf.zeros/ones` from numbers the code writes.
 * Everything is float64 here (TensorFlow.js computes in float32: the reader says so).
 */
import type { OpName } from '../../../engine/opName';
import { sizeOf, type Shape } from '../../../engine/tensor/shape';
import { scalarTensor, tensorOf } from '../../../engine/tensor/tensor';
import type { Axes, TensorOp } from '../../../engine/tensor/tensorOp';
import { CodeError } from '../../code/codeError';
import type { ArrayGraph, Site } from '../../python/tensor/arrayGraph';
import type { ArrayValue } from '../../python/tensor/arrayValue';
import { describeValue, type TfValue } from './tfValue';

/** One call as read: `name` without `tf.` (`add`, `losses.meanSquaredError`); a method's receiver first. */
export interface TfCall {
  readonly name: string;
  readonly args: readonly TfValue[];
  /** How each argument is written. */
  readonly texts: readonly string[];
  readonly site: Site;
}

const UNARY: Readonly<Record<string, OpName>> = {
  neg: 'neg',
  abs: 'abs',
  sqrt: 'sqrt',
  exp: 'exp',
  log: 'log',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  sin: 'sin',
  cos: 'cos',
  softplus: 'softplus',
};

const BINARY: Readonly<Record<string, OpName>> = {
  add: 'add',
  sub: 'sub',
  mul: 'mul',
  div: 'div',
  pow: 'pow',
  maximum: 'max',
  minimum: 'min',
};

/** The functions and methods read, for messages. */
export const TF_OPERATIONS = [
  ...Object.keys(UNARY),
  ...Object.keys(BINARY),
  'square',
  'sum',
  'mean',
  'matMul',
  'transpose',
  'losses.meanSquaredError',
];

const FLOAT = { dtype: 'float', library: 'numpy' } as const;

/** The op `call` names, applied; undefined when it names none. */
export function tfOperation(graph: ArrayGraph, call: TfCall): ArrayValue | undefined {
  const unary = UNARY[call.name];
  if (unary !== undefined) {
    arity(call, 1, 1);
    return apply(graph, { kind: 'elementwise', op: unary }, call, 1);
  }
  const binary = BINARY[call.name];
  if (binary !== undefined) {
    arity(call, 2, 2);
    return apply(graph, { kind: 'elementwise', op: binary }, call, 2);
  }
  switch (call.name) {
    case 'square': {
      arity(call, 1, 1);
      const two: TfCall = {
        ...call,
        args: [call.args[0] ?? none, number(2)],
        texts: [...call.texts, '2'],
      };
      return apply(graph, { kind: 'elementwise', op: 'pow' }, two, 2);
    }
    case 'sum':
    case 'mean':
      return reduction(graph, call.name, call);
    case 'matMul':
      return matMul(graph, call);
    case 'transpose':
      return transpose(graph, call);
    case 'losses.meanSquaredError': {
      // (labels, predictions): the mean of the squared differences over every element.
      arity(call, 2, 2);
      const [labels, predictions] = operands(graph, call, 2);
      const site = { ...call.site, operands: [call.texts[1] ?? '', call.texts[0] ?? ''] };
      return graph.apply(
        { kind: 'mse_loss', reduction: 'mean' },
        [predictions ?? missing(call), labels ?? missing(call)],
        site,
        FLOAT,
      );
    }
    default:
      return undefined;
  }
}

/** `tf.scalar`, `tf.tensor`, `tf.tensor1d/2d`, `tf.zeros/ones(Like)`; undefined for other names. */
export function tfCreation(graph: ArrayGraph, call: TfCall): ArrayValue | undefined {
  const { site } = call;
  const [first, second, third] = call.args;
  switch (call.name) {
    case 'scalar':
      arity(call, 1, 2);
      floatDType(call, second);
      return constant(graph, scalarTensor(numberIn(first, call, 0)), site);
    case 'tensor':
    case 'tensor1d':
    case 'tensor2d': {
      arity(call, 1, call.name === 'tensor1d' ? 2 : 3);
      floatDType(call, call.name === 'tensor1d' ? second : third);
      const nested = nestedOf(first, call);
      const shape =
        call.name !== 'tensor1d' && second !== undefined && second.kind !== 'nothing'
          ? shapeIn(second, call, 1)
          : nested.shape;
      const rank = call.name === 'tensor1d' ? 1 : call.name === 'tensor2d' ? 2 : shape.length;
      if (shape.length !== rank || sizeOf(shape) !== nested.data.length) {
        throw new CodeError(
          'unsupported',
          `\`${site.text}\`: ${nested.data.length} numbers do not make a ${call.name === 'tensor' ? '' : `${rank}-D `}tensor of shape [${shape.join(', ')}]`,
          site.span,
        );
      }
      graph.claim(shape, site.span, site.text);
      return constant(graph, tensorOf(shape, Float64Array.from(nested.data)), site);
    }
    case 'zeros':
    case 'ones': {
      arity(call, 1, 2);
      floatDType(call, second);
      const shape = shapeIn(first, call, 0);
      const fill = call.name === 'zeros' ? 0 : 1;
      return constant(
        graph,
        graph.fixed(shape, site.span, site.text, (size) => new Float64Array(size).fill(fill)),
        site,
      );
    }
    default:
      return undefined;
  }
}

function constant(graph: ArrayGraph, value: ArrayValue['value'], site: Site): ArrayValue {
  return {
    kind: 'array',
    value,
    ...FLOAT,
    text: site.text,
    line: graph.lines.lineOf(site.span.from),
  };
}

function apply(graph: ArrayGraph, op: TensorOp, call: TfCall, count: number): ArrayValue {
  const site = { ...call.site, operands: call.texts.slice(0, count) };
  return graph.apply(op, operands(graph, call, count), site, FLOAT);
}

/** `x.sum()`, `tf.mean(x, 1)`, `x.sum([0, 1], true)`: over every axis unless `axis` is given. */
function reduction(graph: ArrayGraph, kind: 'sum' | 'mean', call: TfCall): ArrayValue {
  arity(call, 1, 3);
  const [x] = operands(graph, call, 1);
  const tensor = x ?? missing(call);
  const [, axis, keep] = call.args;
  const rank = tensor.value.shape.length;
  const axes: Axes =
    axis === undefined || axis.kind === 'nothing'
      ? null
      : (axis.kind === 'list' ? axis.items : [axis]).map((item, i) => axisIn(item, rank, call, i));
  const keepdims = keep !== undefined && keep.kind === 'number' && keep.value !== 0;
  return graph.apply(
    { kind, axes, keepdims },
    [tensor],
    { ...call.site, operands: call.texts.slice(0, 1) },
    FLOAT,
  );
}

/** `tf.matMul(a, b, transposeA, transposeB)` of matrices. */
function matMul(graph: ArrayGraph, call: TfCall): ArrayValue {
  arity(call, 2, 4);
  const [a, b] = operands(graph, call, 2);
  const flags = call.args.slice(2).map((flag) => flag.kind === 'number' && flag.value !== 0);
  const [left, right] = [a ?? missing(call), b ?? missing(call)].map((operand, i) => {
    if (flags[i] !== true) {
      return operand;
    }
    if (operand.value.shape.length !== 2) {
      throw new CodeError(
        'unsupported',
        `\`${call.site.text}\`: transposeA/transposeB are read for matrices (2-D tensors) only`,
        call.site.span,
      );
    }
    return graph.apply(
      { kind: 'transpose', axes: [1, 0] },
      [operand],
      { ...call.site, operands: [call.texts[i] ?? ''] },
      FLOAT,
    );
  });
  return graph.apply(
    { kind: 'matmul' },
    [left ?? missing(call), right ?? missing(call)],
    { ...call.site, operands: call.texts.slice(0, 2) },
    FLOAT,
  );
}

/** `tf.transpose(x)` reverses the axes; `tf.transpose(x, perm)` orders them. */
function transpose(graph: ArrayGraph, call: TfCall): ArrayValue {
  arity(call, 1, 2);
  const [x] = operands(graph, call, 1);
  const tensor = x ?? missing(call);
  const rank = tensor.value.shape.length;
  const [, perm] = call.args;
  const axes =
    perm === undefined || perm.kind === 'nothing'
      ? [...Array(rank).keys()].reverse()
      : perm.kind === 'list'
        ? perm.items.map((item, i) => axisIn(item, rank, call, i))
        : refuse(call, 'perm must be an array of axes');
  if (axes.length !== rank || new Set(axes).size !== rank) {
    refuse(call, `perm must order all ${rank} axes`);
  }
  return graph.apply(
    { kind: 'transpose', axes },
    [tensor],
    { ...call.site, operands: call.texts.slice(0, 1) },
    FLOAT,
  );
}

/** The first `count` arguments as tensors: a JavaScript number or array is a constant tensor. */
function operands(graph: ArrayGraph, call: TfCall, count: number): ArrayValue[] {
  return call.args.slice(0, count).map((arg, i) => {
    if (arg.kind === 'array') {
      return arg;
    }
    const text = call.texts[i] ?? '';
    if (arg.kind === 'number' || arg.kind === 'list') {
      const nested = nestedOf(arg, call);
      return constant(graph, tensorOf(nested.shape, Float64Array.from(nested.data)), {
        ...call.site,
        text,
      });
    }
    throw new CodeError(
      'unsupported',
      `\`${call.site.text}\`: \`${text}\` is ${describeValue(arg)}, used here as a tensor`,
      call.site.span,
    );
  });
}

/** A number or a nested array of numbers: its shape and its numbers in row-major order. */
function nestedOf(value: TfValue | undefined, call: TfCall): { shape: Shape; data: number[] } {
  if (value?.kind === 'number') {
    return { shape: [], data: [value.value] };
  }
  if (value?.kind === 'array' && value.node === undefined) {
    return { shape: value.value.shape, data: [...value.value.data] };
  }
  if (value?.kind !== 'list') {
    return refuse(
      call,
      `the values must be numbers or arrays of numbers known without running the code, not ${value === undefined ? 'nothing' : describeValue(value)}`,
    );
  }
  const rows = value.items.map((item) => nestedOf(item, call));
  const [first] = rows;
  if (first === undefined) {
    return { shape: [0], data: [] };
  }
  if (!rows.every((row) => row.shape.join() === first.shape.join())) {
    refuse(call, 'its rows differ in length (a ragged array)');
  }
  return { shape: [rows.length, ...first.shape], data: rows.flatMap((row) => row.data) };
}

function shapeIn(value: TfValue | undefined, call: TfCall, at: number): number[] {
  if (value?.kind !== 'list') {
    return refuse(call, `argument ${at + 1} must be a shape such as [2, 3]`);
  }
  return value.items.map((item) => {
    if (item.kind !== 'number' || !Number.isInteger(item.value) || item.value < 0) {
      return refuse(call, 'a shape is made of whole numbers ≥ 0');
    }
    return item.value;
  });
}

function numberIn(value: TfValue | undefined, call: TfCall, at: number): number {
  if (value?.kind !== 'number') {
    return refuse(call, `argument ${at + 1} must be a number known without running the code`);
  }
  return value.value;
}

function axisIn(value: TfValue, rank: number, call: TfCall, at: number): number {
  const axis = value.kind === 'number' ? value.value : NaN;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    refuse(call, `axis ${at + 1} must be a whole number from −${rank} to ${rank - 1}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** A dtype other than float32 would compute otherwise (integer division, booleans). */
function floatDType(call: TfCall, dtype: TfValue | undefined): void {
  if (dtype !== undefined && !(dtype.kind === 'string' && dtype.value === 'float32')) {
    refuse(call, "only 'float32' tensors are read (leave the dtype out)");
  }
}

function arity(call: TfCall, least: number, most: number): void {
  const given = call.args.length;
  if (given < least || given > most) {
    refuse(
      call,
      least === most
        ? `takes ${least} argument${least === 1 ? '' : 's'} here`
        : `takes ${least} to ${most} arguments here`,
    );
  }
}

function refuse(call: TfCall, why: string): never {
  throw new CodeError('unsupported', `\`${call.site.text}\`: ${why}`, call.site.span);
}

function missing(call: TfCall): never {
  return refuse(call, 'an argument is missing');
}

function number(value: number): TfValue {
  return { kind: 'number', value, dtype: 'float' };
}

const none: TfValue = { kind: 'nothing' };
