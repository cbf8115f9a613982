/**
 * `x[...]` in array code: tuples and shapes indexed by known integers, arrays through the
 * engine's NumPy indexing (indexing.ts) as a gather whose indices are known without running
 * the code: integers, slices, None, `...`, boolean masks and integer arrays.
 */
import { indexGather, type IndexPart } from '../../../engine/tensor/indexing';
import { CodeError, unsupported } from '../../code/codeError';
import { excerpt, meaningfulChildren, required } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import { spanOf } from '../../span';
import { concatIndex, isConcatenator } from './arrayConcatIndex';
import { keeping } from './arrayOps';
import type { ArrayReader } from './arrayReader';
import type { PyValue } from './arrayValue';

export function subscript(reader: ArrayReader, node: SyntaxNode): PyValue {
  const object = required(node, 'value');
  const value = reader.expr(object);
  const indices = node
    .childrenForFieldName('subscript')
    .filter((child): child is SyntaxNode => child !== null);
  if (value.kind === 'tuple') {
    return tupleItem(reader, value.items, indices, node);
  }
  if (isConcatenator(value)) {
    return concatIndex(reader, node, indices, value.path);
  }
  if (value.kind !== 'array') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(object.text)}\` holds no array or tuple to index`,
      spanOf(object),
    );
  }
  const parts = indices.flatMap((index) => indexParts(reader, index));
  const library = value.library === 'torch' ? 'torch' : 'numpy';
  const gather = indexGather(value.value.shape, parts, library);
  const text = node.text.slice(object.endIndex - node.startIndex);
  if (gather.kind === 'refused') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: ${gather.message}`,
      spanOf(node),
    );
  }
  const op = { kind: 'gather', shape: gather.shape, indices: gather.indices, text } as const;
  const result = keeping(reader.graph, op, [value], {
    text: node.text,
    span: spanOf(node),
    operands: [object.text],
  });
  // Basic indexing (integers, slices, None, ...) gives a view; one element, or any index
  // array or mask, gives a copy.
  const basic = parts.every((part) => part.kind !== 'array' && part.kind !== 'mask');
  const element =
    parts.filter((part) => part.kind === 'integer').length === value.value.shape.length &&
    parts.every((part) => part.kind === 'integer');
  return basic && !element ? reader.buffers.derive(result, value, op) : result;
}

function tupleItem(
  reader: ArrayReader,
  items: readonly PyValue[],
  indices: readonly SyntaxNode[],
  node: SyntaxNode,
): PyValue {
  const [index] = indices;
  if (indices.length !== 1 || index === undefined) {
    throw unsupported(`the index \`${excerpt(node.text)}\``, spanOf(node));
  }
  if (index.type === 'slice') {
    const [start, stop, step] = sliceBounds(reader, index);
    if (step !== undefined && step !== 1) {
      throw unsupported(`a stepped slice of a tuple (\`${excerpt(node.text)}\`)`, spanOf(index));
    }
    return { kind: 'tuple', items: items.slice(start, stop) };
  }
  const at = reader.expr(index);
  if (at.kind !== 'number' || !Number.isInteger(at.value)) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(index.text)}\` is no whole number to index a tuple with`,
      spanOf(index),
    );
  }
  const item = items[at.value < 0 ? at.value + items.length : at.value];
  if (item === undefined) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: index ${at.value} is out of range for ${items.length} items`,
      spanOf(node),
    );
  }
  return item;
}

export function indexParts(reader: ArrayReader, index: SyntaxNode): IndexPart[] {
  if (index.type === 'slice') {
    const [start, stop, step] = sliceBounds(reader, index);
    return [
      {
        kind: 'slice',
        ...(start === undefined ? {} : { start }),
        ...(stop === undefined ? {} : { stop }),
        ...(step === undefined ? {} : { step }),
      },
    ];
  }
  if (index.type === 'ellipsis') {
    return [{ kind: 'ellipsis' }];
  }
  if (index.type === 'tuple' || index.type === 'expression_list') {
    return meaningfulChildren(index).flatMap((part) => indexParts(reader, part));
  }
  return [partOf(reader.expr(index), index)];
}

function partOf(value: PyValue, index: SyntaxNode): IndexPart {
  switch (value.kind) {
    case 'none':
      return { kind: 'newaxis' };
    case 'number':
      if (value.dtype === 'bool') {
        throw unsupported(`a boolean index (\`${index.text}\`)`, spanOf(index));
      }
      return { kind: 'integer', value: value.value };
    case 'string':
      if (value.value === '...') {
        return { kind: 'ellipsis' };
      }
      break;
    case 'tuple': {
      const numbers = value.items.every((item) => item.kind === 'number');
      if (numbers && value.items.length > 0) {
        const data = Float64Array.from(
          value.items.map((item) => (item.kind === 'number' ? item.value : 0)),
        );
        const bools = value.items.every((item) => item.kind === 'number' && item.dtype === 'bool');
        return bools
          ? { kind: 'mask', mask: { shape: [data.length], data } }
          : { kind: 'array', array: { shape: [data.length], data } };
      }
      break;
    }
    case 'array':
      if (value.dtype === 'bool') {
        return { kind: 'mask', mask: value.value };
      }
      if (value.dtype === 'int' || value.wholeNumbers === true) {
        return { kind: 'array', array: value.value };
      }
      throw new CodeError(
        'unsupported',
        `\`${excerpt(index.text)}\` is a float array: only integer and boolean arrays are valid indices`,
        spanOf(index),
      );
    default:
      break;
  }
  throw new CodeError(
    'unsupported',
    `\`${excerpt(index.text)}\` is not a valid index`,
    spanOf(index),
  );
}

/** The start, stop and step of `a:b:c`, each absent where left out. */
export function sliceBounds(reader: ArrayReader, slice: SyntaxNode): (number | undefined)[] {
  const bounds: (number | undefined)[] = [undefined, undefined, undefined];
  let position = 0;
  for (const child of slice.children) {
    if (child === null) {
      continue;
    }
    if (child.type === ':') {
      position += 1;
      continue;
    }
    if (child.type === 'comment') {
      continue;
    }
    const value = reader.expr(child);
    if (value.kind === 'none') {
      continue;
    }
    if (value.kind !== 'number' || !Number.isInteger(value.value)) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(child.text)}\`: a slice bound must be a whole number`,
        spanOf(child),
      );
    }
    bounds[position] = value.value;
  }
  return bounds;
}
