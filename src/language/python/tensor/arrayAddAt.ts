/**
 * `np.add.at(a, indices, b)`, NumPy's unbuffered add: an element the indices name k times
 * receives all k additions (where `a[idx] += b` adds once). Read as buffered writes, one per
 * occurrence — every element's first naming, then the second, … — so each is an op of its own.
 */
import { indexGather, type IndexPart } from '../../../engine/tensor/indexing';
import { sameShape } from '../../../engine/tensor/shape';
import { CodeError } from '../../code/codeError';
import type { Argument, Call } from './arrayCall';
import { asArray, elementwise, keeping } from './arrayOps';
import type { ArrayReader } from './arrayReader';
import type { PyValue } from './arrayValue';
import { write } from './arrayWrites';

export function addAt(reader: ArrayReader, call: Call): PyValue {
  call.only('a', 'indices', 'b');
  const target = call.need(0, 'a');
  const where = call.need(1, 'indices');
  const added = call.get(2, 'b');
  const current = target.value;
  if (!/^[A-Za-z_]\w*$/.test(target.text) || current.kind !== 'array') {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: np.add.at is read on a name that holds an array`,
      target.span,
    );
  }
  if (added === undefined) {
    throw new CodeError('unsupported', `\`${call.text}\` needs the values to add`, call.span);
  }
  const gather = indexGather(current.value.shape, partsOf(where), 'numpy');
  if (gather.kind === 'refused') {
    throw new CodeError('unsupported', `\`${call.text}\`: ${gather.message}`, where.span);
  }
  const site = { text: call.text, span: call.span, operands: [target.text, added.text] };
  const given = asArray(reader.graph, added.value, added.text, added.span, current.library);
  const spread = sameShape(given.value.shape, gather.shape)
    ? given
    : keeping(reader.graph, { kind: 'broadcast_to', shape: gather.shape }, [given], site);
  for (const picks of occurrences(gather.indices)) {
    const now = reader.readName(target.text, target.span);
    if (now.kind !== 'array') {
      throw new CodeError('unsupported', `\`${target.text}\` holds no array`, target.span);
    }
    const positions = Int32Array.from(picks, (k) => gather.indices[k] ?? 0);
    const shape = [picks.length];
    const text = call.text;
    const old = keeping(
      reader.graph,
      { kind: 'gather', shape, indices: positions, text },
      [now],
      site,
    );
    const part = keeping(
      reader.graph,
      { kind: 'gather', shape, indices: Int32Array.from(picks), text: added.text },
      [spread],
      site,
    );
    write(reader, {
      name: { text: target.text, span: target.span, identifier: true },
      left: target.text,
      current: now,
      positions,
      shape,
      value: elementwise(reader.graph, 'add', [old, part], site),
      valueText: added.text,
      statement: { text: call.text, span: call.span },
      augmented: true,
    });
  }
  return { kind: 'none' };
}

/** The indices' elements grouped by occurrence: each group names an element at most once. */
function occurrences(indices: Int32Array): number[][] {
  const seen = new Map<number, number>();
  const groups: number[][] = [];
  indices.forEach((position, k) => {
    const occurrence = seen.get(position) ?? 0;
    seen.set(position, occurrence + 1);
    (groups[occurrence] ??= []).push(k);
  });
  return groups;
}

/** `indices` as NumPy reads them: an integer, a list or integer array, or a tuple of them. */
function partsOf(where: Argument): IndexPart[] {
  const value = where.value;
  const numbers = value.kind === 'tuple' && value.items.every((item) => item.kind === 'number');
  if (value.kind === 'tuple' && !numbers) {
    return value.items.map((item) => partOf(item, where));
  }
  return [partOf(value, where)];
}

function partOf(value: PyValue, where: Argument): IndexPart {
  if (value.kind === 'number' && value.dtype !== 'float') {
    return { kind: 'integer', value: value.value };
  }
  if (value.kind === 'tuple' && value.items.every((item) => item.kind === 'number')) {
    const data = Float64Array.from(value.items, (item) =>
      item.kind === 'number' ? item.value : 0,
    );
    return { kind: 'array', array: { shape: [data.length], data } };
  }
  if (value.kind === 'array' && value.dtype === 'bool') {
    return { kind: 'mask', mask: value.value };
  }
  if (value.kind === 'array' && value.dtype === 'int') {
    return { kind: 'array', array: value.value };
  }
  throw new CodeError(
    'unsupported',
    `\`${where.text}\`: np.add.at reads integers, lists and integer arrays as indices`,
    where.span,
  );
}
