/**
 * Methods and attributes of arrays (`x.sum(dim=1)`, `x.T`, `x.shape`, `x.detach()`), of NumPy
 * Generators (`rng.normal(…)`) and of nn layers (`layer.weight`). A method that is also a
 * library function is read as that function with the array first (`x.exp()` as `torch.exp(x)`).
 */
import { tensorOf } from '../../../engine/tensor/tensor';
import { CodeError } from '../../code/codeError';
import { excerpt, required } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import { spanOf, type Span } from '../../span';
import type { Argument, Call } from './arrayCall';
import { generatorDraw } from './arrayCreation';
import { layerAttribute, callLayer } from './arrayLayers';
import { layout } from './arrayLayout';
import { callLibrary } from './arrayLibrary';
import { methodDtype, precisionNote } from '../torchPrecision';
import { fits, wrappedData, type IntegerKind } from './arrayIntegerType';
import { axisOf, detached, keeping } from './arrayOps';
import type { ArrayReader } from './arrayReader';
import {
  describe,
  numberValue,
  tupleOf,
  type ArrayValue,
  type DType,
  type PyValue,
} from './arrayValue';

const LAYOUT_METHODS = new Set([
  'reshape',
  'view',
  'flatten',
  'ravel',
  'squeeze',
  'unsqueeze',
  'transpose',
  'permute',
  't',
  'expand',
  'broadcast_to',
]);

/** Methods that return the tensor itself here (copies, devices, contiguity). */
/** Methods that give the array itself (its buffer too); `copy` and `clone` give a new one. */
const SAME = new Set(['cpu', 'contiguous', 'to', 'cuda']);
const COPIES = new Set(['clone', 'copy']);

export function callMethod(
  reader: ArrayReader,
  receiver: Argument,
  method: string,
  call: Call,
): PyValue {
  const value = receiver.value;
  switch (value.kind) {
    case 'array':
      return arrayMethod(reader, value, receiver, method, call);
    case 'generator':
      return generatorDraw(reader, method, call);
    case 'layer':
      if (method === 'forward') {
        return callLayer(reader, value, call);
      }
      break;
    case 'number':
      if (method === 'item') {
        return value;
      }
      break;
    default:
      break;
  }
  throw new CodeError(
    'unsupported',
    `\`${excerpt(call.written)}\` is not supported: \`${excerpt(receiver.text)}\` is ${describe(value)}`,
    call.span,
  );
}

function arrayMethod(
  reader: ArrayReader,
  array: ArrayValue,
  receiver: Argument,
  method: string,
  call: Call,
): PyValue {
  const library = array.library;
  if (SAME.has(method)) {
    return array;
  }
  if (COPIES.has(method)) {
    return { ...array };
  }
  switch (method) {
    case 'item':
      if (array.value.data.length !== 1) {
        throw new CodeError(
          'unsupported',
          `\`${call.text}\`: only an array of one element can be read as a number`,
          call.span,
        );
      }
      return numberValue(array.value.data[0] ?? NaN, array.dtype);
    case 'tolist':
      return array.value.shape.length === 0
        ? numberValue(array.value.data[0] ?? NaN, array.dtype)
        : detached(array);
    case 'detach':
    case 'numpy':
      // The same memory, cut from the graph.
      return reader.buffers.same(detached(array), array, { kind: 'detached', text: call.text });
    case 'requires_grad_':
      return requiresGradSet(array, call);
    case 'float':
    case 'half':
      notePrecision(reader, method);
      return retyped(reader, array, 'float', call);
    case 'double':
      return retyped(reader, array, 'float', call);
    case 'long':
    case 'int':
      return retyped(reader, array, 'int', call);
    case 'bool':
      return retyped(reader, array, 'bool', call);
    case 'astype':
    case 'type': {
      const given = call.need(0, 'dtype').value;
      if (given.kind !== 'dtype') {
        throw new CodeError(
          'unsupported',
          `\`${call.text}\`: the dtype is not one that can be read`,
          call.span,
        );
      }
      return retyped(reader, array, given.dtype, call, given.integer);
    }
    case 'size':
    case 'dim':
    case 'numel':
    case 'ndimension':
      return sizeMethod(array, method, call);
    case 'backward':
      throw new CodeError(
        'unsupported',
        `\`${call.text}\` inside an expression is not supported: call it as a statement`,
        call.span,
      );
    case 'dot':
    case 'matmul':
    case 'mm':
    case 'mv':
      return callLibrary(reader, 'numpy.matmul', call.withReceiver(receiver));
    default:
      break;
  }
  if (LAYOUT_METHODS.has(method)) {
    return layout(reader, method, call.withReceiver(receiver), library);
  }
  const prefix = library === 'torch' ? 'torch' : 'numpy';
  try {
    return callLibrary(reader, `${prefix}.${method}`, call.withReceiver(receiver));
  } catch (error) {
    if (error instanceof CodeError && error.kind === 'unknown-function') {
      throw new CodeError(
        'unknown-function',
        `the method \`.${method}()\` of ${library === 'torch' ? 'a tensor' : 'an array'} is not supported (yet)`,
        call.span,
      );
    }
    throw error;
  }
}

/** `x.size()`, `x.size(0)`, `x.dim()`, `x.numel()`: known numbers. */
function sizeMethod(array: ArrayValue, method: string, call: Call): PyValue {
  const shape = array.value.shape;
  if (method === 'dim' || method === 'ndimension') {
    return numberValue(shape.length, 'int');
  }
  if (method === 'numel') {
    return numberValue(array.value.data.length, 'int');
  }
  const axis = call.get(0, 'dim');
  if (axis === undefined) {
    return tupleOf(shape);
  }
  return numberValue(shape[axisOf(axis.value, shape.length, call.text, call.span)] ?? 0, 'int');
}

/** A cast: a float array becomes integers (truncated) only when it is fixed. */
/**
 * `t.requires_grad_(flag)` inside an expression, as PyTorch sets it: on or off on a constant
 * (off: it stays a constant); on is no change for a tensor the gradient already flows through,
 * and off there is refused (PyTorch refuses it on a computed tensor, and on an input it would cut
 * the gradients this reading is for).
 */
function requiresGradSet(array: ArrayValue, call: Call): ArrayValue {
  call.only('requires_grad');
  const flag = call.get(0, 'requires_grad');
  if (flag !== undefined && flag.value.kind !== 'number') {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: write \`requires_grad_(True)\` or \`requires_grad_(False)\``,
      call.span,
    );
  }
  const on = flag?.value.kind !== 'number' || flag.value.value !== 0;
  if (array.node === undefined) {
    return { ...array, requiresGrad: on };
  }
  if (on) {
    return array;
  }
  throw new CodeError(
    'unsupported',
    `\`${call.text}\` on a tensor the gradient flows through is not supported: use \`.detach()\` for a constant copy`,
    call.span,
  );
}

/** `.float()`, `.half()`: PyTorch computes in float32 or float16, this reading in float64. */
function notePrecision(reader: ArrayReader, method: string): void {
  const note = precisionNote(methodDtype(method, []) ?? method);
  if (note !== undefined) {
    reader.note(note);
  }
}

function retyped(
  reader: ArrayReader,
  array: ArrayValue,
  dtype: DType,
  call: Call,
  integer?: IntegerKind,
): ArrayValue {
  const untyped = withoutInteger(array);
  if (dtype === 'float') {
    return { ...untyped, dtype };
  }
  if (array.node !== undefined && array.dtype === 'float') {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: casting an array that depends on an input to integers cuts its gradient; it is not supported`,
      call.span,
    );
  }
  const data = array.value.data.map(dtype === 'int' ? Math.trunc : (x) => (x === 0 ? 0 : 1));
  reader.graph.claim(array.value.shape, call.span);
  if (integer === undefined) {
    return { ...untyped, dtype, value: tensorOf(array.value.shape, data) };
  }
  if (array.dtype === 'float' && array.value.data.some((x) => !fits(integer, Math.trunc(x)))) {
    // NumPy leaves a float outside the target's range undefined (it differs by machine).
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: a float outside the range of ${integer} has no defined ${integer} value`,
      call.span,
    );
  }
  return {
    ...untyped,
    dtype,
    integer,
    value: tensorOf(array.value.shape, wrappedData(integer, data)),
  };
}

/** `x.T`, `x.mT`: a view of x's buffer with its axes reordered. */
function transposedView(
  reader: ArrayReader,
  value: ArrayValue,
  axes: readonly number[],
  site: { readonly text: string; readonly span: Span; readonly operands: readonly string[] },
): ArrayValue {
  const op = { kind: 'transpose', axes } as const;
  return reader.buffers.derive(keeping(reader.graph, op, [value], site), value, op);
}

function withoutInteger(array: ArrayValue): ArrayValue {
  const copy = { ...array };
  delete (copy as { integer?: IntegerKind }).integer;
  return copy;
}

export function readAttribute(
  reader: ArrayReader,
  value: PyValue,
  name: string,
  node: SyntaxNode,
): PyValue {
  const object = required(node, 'object');
  if (value.kind === 'layer') {
    return layerAttribute(reader, value, name, node);
  }
  if (value.kind !== 'array') {
    throw new CodeError(
      'unsupported',
      `attribute access (\`${excerpt(node.text)}\`) is not supported: \`${excerpt(object.text)}\` is ${describe(value)}`,
      spanOf(node),
    );
  }
  const shape = value.value.shape;
  const site = { text: node.text, span: spanOf(node), operands: [object.text] };
  switch (name) {
    case 'shape':
      return tupleOf(shape);
    case 'ndim':
      return numberValue(shape.length, 'int');
    case 'size':
      if (value.library === 'torch') {
        break;
      }
      return numberValue(value.value.data.length, 'int');
    case 'T':
    case 'mT':
      if (name === 'mT' && shape.length < 2) {
        break;
      }
      return transposedView(
        reader,
        value,
        name === 'T'
          ? [...shape.keys()].reverse()
          : [...[...shape.keys()].slice(0, -2), shape.length - 1, shape.length - 2],
        site,
      );
    case 'data':
      return reader.buffers.same(detached(value), value, { kind: 'detached', text: node.text });
    case 'dtype':
      return {
        kind: 'dtype',
        dtype: value.dtype,
        text:
          value.dtype === 'float'
            ? 'float64'
            : value.dtype === 'int'
              ? (value.integer ?? 'int64')
              : 'bool',
        ...(value.integer === undefined ? {} : { integer: value.integer }),
      };
    case 'grad':
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\` inside an expression is not supported: the gradients are what the inspection shows`,
        spanOf(node),
      );
    default:
      break;
  }
  throw new CodeError(
    'unsupported',
    `the attribute \`.${name}\` of an array (\`${excerpt(node.text)}\`) is not supported`,
    spanOf(node),
  );
}
