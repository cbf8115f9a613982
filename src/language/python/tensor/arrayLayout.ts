/**
 * Layout functions and methods: reshape/view/flatten/ravel/squeeze/unsqueeze/expand_dims,
 * transpose/permute/t, broadcast_to/expand, concatenate/cat/stack. The array comes first in
 * the call (a method's receiver is put there), as NumPy's functions take it.
 */
import { sizeOf, shapeText, type Shape } from '../../../engine/tensor/shape';
import { CodeError } from '../../code/codeError';
import type { Argument, Call } from './arrayCall';
import { asArray, axisOf, keeping, shapeArgument } from './arrayOps';
import type { ArrayReader } from './arrayReader';
import type { ArrayValue, Library } from './arrayValue';

export function layout(
  reader: ArrayReader,
  kind: string,
  call: Call,
  library: Library,
): ArrayValue {
  if (kind === 'concatenate' || kind === 'stack' || kind === 'hstack' || kind === 'vstack') {
    return join(reader, kind, call, library);
  }
  return rearranged(reader, kind, call, library);
}

/**
 * A reshape, transpose or broadcast: a view of the array's buffer, as NumPy and PyTorch make
 * it (NumPy's flatten copies; a reshape of a view that is not contiguous may copy).
 */
function rearranged(reader: ArrayReader, kind: string, call: Call, library: Library): ArrayValue {
  call.only(
    'a',
    'input',
    'newshape',
    'shape',
    'size',
    'axis',
    'dim',
    'axes',
    'dims',
    'start_dim',
    'end_dim',
    'dim0',
    'dim1',
  );
  const x = call.need(0, 'a', 'input');
  const array = asArray(reader.graph, x.value, x.text, x.span, library);
  const shape = array.value.shape;
  const rank = shape.length;
  const rest = call.positional.slice(1);
  const site = { text: call.text, span: call.span, operands: [x.text] };
  const copies = kind === 'flatten' && library !== 'torch';
  const reshaped = (to: Shape): ArrayValue => {
    const op = { kind: 'reshape', shape: to } as const;
    const result = keeping(reader.graph, op, [array], site);
    if (copies) {
      return result;
    }
    const doubt = reader.buffers.contiguous(array)
      ? undefined
      : { kind: 'may-copy' as const, text: call.text };
    return reader.buffers.derive(result, array, op, doubt);
  };
  switch (kind) {
    case 'reshape':
    case 'view': {
      const keyword = call.get(-1, 'newshape', 'shape');
      const given = keyword === undefined ? rest : [keyword];
      return reshaped(
        inferShape(
          shapeArgument(
            given.map((argument) => argument.value),
            call.text,
            call.span,
            true,
          ),
          sizeOf(shape),
          call,
        ),
      );
    }
    case 'ravel':
      return reshaped([sizeOf(shape)]);
    case 'flatten': {
      const start = optionalAxis(call, 1, 'start_dim', 0, rank);
      const end = optionalAxis(call, 2, 'end_dim', rank - 1, rank);
      if (library !== 'torch' || rank === 0) {
        return reshaped([sizeOf(shape)]);
      }
      return reshaped([
        ...shape.slice(0, start),
        sizeOf(shape.slice(start, end + 1)),
        ...shape.slice(end + 1),
      ]);
    }
    case 'squeeze': {
      const axis = call.get(1, 'axis', 'dim');
      if (axis === undefined) {
        return reshaped(shape.filter((length) => length !== 1));
      }
      const at = axisOf(axis.value, rank, call.text, call.span);
      if (shape[at] !== 1) {
        if (library === 'torch') {
          return array;
        }
        throw new CodeError(
          'unsupported',
          `\`${call.text}\`: cannot squeeze axis ${at} of length ${shape[at] ?? 0}`,
          call.span,
        );
      }
      return reshaped(shape.filter((_, i) => i !== at));
    }
    case 'unsqueeze':
    case 'expand_dims': {
      const axis = call.need(1, 'dim', 'axis');
      const at = axisOf(axis.value, rank + 1, call.text, call.span);
      return reshaped([...shape.slice(0, at), 1, ...shape.slice(at)]);
    }
    case 't':
      if (rank > 2) {
        throw new CodeError(
          'unsupported',
          `\`${call.text}\`: .t() expects at most 2 dimensions, got ${rank}`,
          call.span,
        );
      }
      return transposed(reader, array, [...Array(rank).keys()].reverse(), site);
    case 'transpose': {
      if (library === 'torch') {
        // torch.transpose(x, dim0, dim1) swaps two axes; it has no default.
        const [a, b] = [call.need(1, 'dim0'), call.need(2, 'dim1')].map((argument) =>
          axisOf(argument.value, rank, call.text, call.span),
        ) as [number, number];
        const axes = [...Array(rank).keys()];
        [axes[a], axes[b]] = [axes[b] ?? b, axes[a] ?? a];
        return transposed(reader, array, axes, site);
      }
      const given = call.get(1, 'axes');
      const axes =
        given === undefined && rest.length <= 1
          ? [...Array(rank).keys()].reverse()
          : permutation(given === undefined ? rest : [given], rank, call);
      return transposed(reader, array, axes, site);
    }
    case 'permute':
      return transposed(
        reader,
        array,
        permutation(
          call.get(-1, 'dims') === undefined ? rest : [call.need(-1, 'dims')],
          rank,
          call,
        ),
        site,
      );
    case 'broadcast_to':
    case 'expand': {
      const keyword = call.get(-1, 'shape', 'size');
      const given = shapeArgument(
        (keyword === undefined ? rest : [keyword]).map((argument) => argument.value),
        call.text,
        call.span,
        true,
      );
      const offset = given.length - rank;
      const target = given.map((length, i) => (length === -1 ? (shape[i - offset] ?? 1) : length));
      const op = { kind: 'broadcast_to', shape: target } as const;
      return reader.buffers.derive(keeping(reader.graph, op, [array], site), array, op, {
        kind: 'read-only',
        text: call.text,
      });
    }
    default:
      throw new CodeError(
        'unknown-function',
        `\`${call.written}\` is not supported (yet)`,
        call.span,
      );
  }
}

function transposed(
  reader: ArrayReader,
  array: ArrayValue,
  axes: readonly number[],
  site: { text: string; span: Call['span']; operands: string[] },
): ArrayValue {
  const op = { kind: 'transpose', axes } as const;
  return reader.buffers.derive(keeping(reader.graph, op, [array], site), array, op);
}

function permutation(given: readonly Argument[], rank: number, call: Call): number[] {
  const axes = shapeArgument(
    given.map((argument) => argument.value),
    call.text,
    call.span,
  );
  const normal = axes.map((axis) => (axis < 0 ? axis + rank : axis));
  const valid =
    normal.length === rank && [...normal].sort((a, b) => a - b).every((axis, i) => axis === i);
  if (!valid) {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: (${axes.join(', ')}) is no permutation of the ${rank} axes`,
      call.span,
    );
  }
  return normal;
}

function optionalAxis(
  call: Call,
  at: number,
  name: string,
  fallback: number,
  rank: number,
): number {
  const given = call.get(at, name);
  return given === undefined ? fallback : axisOf(given.value, rank, call.text, call.span);
}

/** A shape with one `-1`, inferred from the element count, as NumPy and PyTorch do. */
function inferShape(wanted: Shape, size: number, call: Call): Shape {
  const unknown = wanted.filter((length) => length === -1).length;
  if (unknown > 1) {
    throw new CodeError('unsupported', `\`${call.text}\`: only one length can be -1`, call.span);
  }
  const known = sizeOf(wanted.filter((length) => length !== -1));
  const shape =
    unknown === 0 ? wanted : wanted.map((length) => (length === -1 ? size / known : length));
  if (shape.some((length) => !Number.isInteger(length) || length < 0) || sizeOf(shape) !== size) {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: cannot reshape an array of ${size} elements into shape ${shapeText(wanted)}`,
      call.span,
    );
  }
  return shape;
}

function join(reader: ArrayReader, kind: string, call: Call, library: Library): ArrayValue {
  call.only('arrays', 'tensors', 'tup', 'axis', 'dim');
  const list = call.need(0, 'arrays', 'tensors', 'tup');
  if (list.value.kind !== 'tuple' || list.value.items.length === 0) {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: \`${list.text}\` must be a list of arrays`,
      list.span,
    );
  }
  const arrays = list.value.items.map((item) =>
    asArray(reader.graph, item, list.text, list.span, library),
  );
  const site = { text: call.text, span: call.span, operands: arrays.map((array) => array.text) };
  const rank = arrays[0]?.value.shape.length ?? 0;
  if (kind === 'stack') {
    const axis = call.get(1, 'axis', 'dim');
    const at = axis === undefined ? 0 : axisOf(axis.value, rank + 1, call.text, call.span);
    return keeping(reader.graph, { kind: 'stack', axis: at }, arrays, site);
  }
  if (kind === 'hstack') {
    return keeping(reader.graph, { kind: 'concat', axis: rank <= 1 ? 0 : 1 }, arrays, site);
  }
  if (kind === 'vstack') {
    const rows = arrays.map((array) =>
      array.value.shape.length === 1
        ? keeping(
            reader.graph,
            { kind: 'reshape', shape: [1, ...array.value.shape] },
            [array],
            site,
          )
        : array,
    );
    return keeping(reader.graph, { kind: 'concat', axis: 0 }, rows, site);
  }
  const axis = call.get(1, 'axis', 'dim');
  const at = axis === undefined ? 0 : axisOf(axis.value, rank, call.text, call.span);
  return keeping(reader.graph, { kind: 'concat', axis: at }, arrays, site);
}
