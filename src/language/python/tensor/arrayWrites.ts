/**
 * Writes into arrays, as NumPy makes them: `x[index] = v`, `x[index] += v`, and `x += v` on an
 * array change x's buffer in place, so every name that shares it (`b = a`) or views it
 * (`v = a[1:]`, `a.T`, `a.reshape(…)`) sees the new elements. A write of values the code fixes
 * into data the code fixes gives new fixed values (data and labels stay constants); a write that
 * involves an input is an op of the graph, a gather over the old elements and the new, as
 * PyTorch records an in-place write.
 */
import { indexGather } from '../../../engine/tensor/indexing';
import { sameShape, shapeText, type Shape } from '../../../engine/tensor/shape';
import { tensorOf } from '../../../engine/tensor/tensor';
import { CodeError } from '../../code/codeError';
import { excerpt, required } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import { spanOf } from '../../span';
import { identity, type Memory, type BufferView, type Place } from './arrayAliasing';
import { fits, type IntegerKind } from './arrayIntegerType';
import type { Site } from './arrayGraph';
import { asArray, detached, keeping, sized } from './arrayOps';
import type { ArrayReader } from './arrayReader';
import { indexParts } from './arraySubscript';
import type { ArrayValue, PyValue } from './arrayValue';

export interface Write {
  /** What is written through: a name, or an expression that views a buffer (`m.T`). */
  readonly name: Place & { readonly identifier: boolean };
  /** The target as written (`X[ix]`), for the label of the write. */
  readonly left: string;
  /** What the name holds before the write. */
  readonly current: ArrayValue;
  /** The flat positions in `current` that are written, in the order of the value's elements. */
  readonly positions: Int32Array;
  /** The shape of the selection written (the value is broadcast to it). */
  readonly shape: Shape;
  readonly value: ArrayValue;
  readonly valueText: string;
  readonly statement: Place;
  /** `x += v`: NumPy refuses a float result in an integer array rather than truncating it. */
  readonly augmented: boolean;
}

/** `x[index] = value` (also the write-back of `x[index] += value`). */
export function writeInto(
  reader: ArrayReader,
  target: SyntaxNode,
  value: PyValue,
  valueText: string,
  statement: SyntaxNode,
): void {
  const object = required(target, 'value');
  const current = reader.expr(object);
  if (current.kind !== 'array') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(object.text)}\` holds no array to assign into`,
      spanOf(object),
    );
  }
  const indices = target
    .childrenForFieldName('subscript')
    .filter((child): child is SyntaxNode => child !== null);
  const parts = indices.flatMap((index) => indexParts(reader, index));
  const gather = indexGather(
    current.value.shape,
    parts,
    current.library === 'torch' ? 'torch' : 'numpy',
  );
  if (gather.kind === 'refused') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(target.text)}\`: ${gather.message}`,
      spanOf(target),
    );
  }
  if (current.integer !== undefined && (value.kind === 'number' || value.kind === 'tuple')) {
    refuseUnfit(current.integer, value, statement);
  }
  write(reader, {
    name: { text: object.text, span: spanOf(object), identifier: object.type === 'identifier' },
    left: target.text,
    current,
    positions: gather.indices,
    shape: gather.shape,
    value: asArray(reader.graph, value, valueText, spanOf(statement), current.library),
    valueText,
    statement: { text: statement.text, span: spanOf(statement) },
    augmented: statement.type === 'augmented_assignment',
  });
}

/** Python ints written into a sized type they do not fit: NumPy 1.x wraps, NumPy 2 raises. */
function refuseUnfit(integer: IntegerKind, value: PyValue, statement: SyntaxNode): void {
  const numbers: number[] = [];
  const collect = (item: PyValue): void => {
    if (item.kind === 'number') {
      numbers.push(item.value);
    } else if (item.kind === 'tuple') {
      item.items.forEach(collect);
    }
  };
  collect(value);
  const unfit = numbers.find((x) => !fits(integer, Math.trunc(x)));
  if (unfit !== undefined) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(statement.text)}\`: ${unfit} does not fit ${integer}; NumPy 1.x wraps it around with a DeprecationWarning and NumPy 2 raises OverflowError, so it is refused here`,
      spanOf(statement),
    );
  }
}

/** `x += v` where x holds an array: NumPy writes the result into x's own elements. */
export function writeWhole(
  reader: ArrayReader,
  name: SyntaxNode,
  current: ArrayValue,
  result: ArrayValue,
  statement: SyntaxNode,
): void {
  if (!sameShape(result.value.shape, current.value.shape)) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(statement.text)}\`: the result's shape ${shapeText(result.value.shape)} is not ${name.text}'s ${shapeText(current.value.shape)}; NumPy refuses an in-place update that broadcasts ${name.text}`,
      spanOf(statement),
    );
  }
  write(reader, {
    name: { text: name.text, span: spanOf(name), identifier: true },
    left: name.text,
    current,
    positions: identity(current.value.data.length),
    shape: current.value.shape,
    value: result,
    valueText: statement.text,
    statement: { text: statement.text, span: spanOf(statement) },
    augmented: true,
  });
}

/** Writes `w.value` at `w.positions` of `w.current`'s buffer; every name that sees it is rebound. */
export function write(reader: ArrayReader, w: Write): void {
  const buffers = reader.buffers;
  const known = buffers.viewOf(w.current);
  if (known === undefined && !w.name.identifier) {
    // `a[[0, 1]][0] = v` writes into a copy that nothing names: NumPy changes no array.
    reader.note(
      `line ${reader.setup.lines.lineOf(w.statement.span.from) + 1}: \`${excerpt(w.statement.text)}\` writes into a copy (\`${excerpt(w.name.text)}\` is a new array), so it changes no array of the code, as in NumPy`,
    );
    return;
  }
  const view =
    known ??
    buffers.own(w.current, w.current.node === undefined && w.current.requiresGrad !== true);
  const buffer = view.buffer;
  refuseDoubt(view, w, buffer.leaf || buffer.base.node !== undefined);
  if (buffer.leaf) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(w.statement.text)}\` writes in place into a tensor with requires_grad, which PyTorch refuses (a leaf Variable that requires grad is used in an in-place operation)`,
      w.statement.span,
    );
  }
  checkTypes(buffer.base, w);
  const from = view.positions;
  const at = from === undefined ? w.positions : w.positions.map((p) => from[p] ?? p);
  const fixed = buffer.fixed && w.value.node === undefined;
  const site: Site = {
    text: w.statement.text,
    span: w.statement.span,
    operands: [w.name.text, w.valueText],
  };
  const base = replaced(reader, fixed ? detached(buffer.base) : buffer.base, at, w, site);
  buffer.base = base;
  buffer.fixed = fixed;
  buffers.wrote(view.buffer, { name: w.name, statement: w.statement });
  rebindViews(reader, view.buffer, base, w);
  if (!w.name.identifier) {
    return; // `m.T[0] = v`: the names that see the buffer are rebound above
  }
  const seen = { ...viewValue(reader, base, view, w.current.value.shape, site), text: w.name.text };
  buffers.see(seen, view);
  reader.bind(w.name.text, seen, w.name.span, w.statement.span);
}

function refuseDoubt(view: BufferView, w: Write, recorded: boolean): void {
  if (view.doubt?.kind === 'detached' && recorded) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(w.statement.text)}\`: \`${w.name.text}\` is \`${excerpt(view.doubt.text)}\`, the memory of a tensor the graph records; writing into it changes that tensor behind autograd's back, which is not supported`,
      w.statement.span,
    );
  }
  if (view.doubt !== undefined && view.doubt.kind !== 'detached') {
    throw new CodeError(
      'unsupported',
      view.doubt.kind === 'read-only'
        ? `\`${excerpt(w.statement.text)}\`: \`${w.name.text}\` is a read-only view (${view.doubt.text}); NumPy refuses writing into it`
        : `\`${excerpt(w.statement.text)}\`: \`${w.name.text}\` comes from \`${excerpt(view.doubt.text)}\`, a reshape NumPy may or may not copy, so which arrays this write changes is not known here; use .copy() to say it`,
      w.statement.span,
    );
  }
}

function checkTypes(base: ArrayValue, w: Write): void {
  if (base.dtype === 'float' || w.value.dtype !== 'float') {
    return;
  }
  if (w.augmented) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(w.statement.text)}\`: the result is float but \`${w.name.text}\` holds integers; NumPy refuses to cast it in place (UFuncTypeError)`,
      w.statement.span,
    );
  }
  if (w.value.node !== undefined || w.value.value.data.some((x) => !Number.isInteger(x))) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(w.statement.text)}\`: NumPy truncates floats written into an integer array; this is not supported`,
      w.statement.span,
    );
  }
}

/**
 * The buffer with the elements at `at` replaced by the value's (broadcast to the selection):
 * the value itself when it covers the buffer in order, else one gather over the buffer's
 * elements and the value's. A later write to one element wins, as in NumPy.
 */
function replaced(
  reader: ArrayReader,
  base: ArrayValue,
  at: Int32Array,
  w: Write,
  site: Site,
): ArrayValue {
  const graph = reader.graph;
  const spread = sameShape(w.value.value.shape, w.shape)
    ? w.value
    : keeping(graph, { kind: 'broadcast_to', shape: w.shape }, [w.value], site);
  const size = base.value.data.length;
  const whole =
    at.length === size && sameShape(w.shape, base.value.shape) && at.every((p, i) => p === i);
  const result = whole ? spread : gathered(reader, base, at, spread, w);
  return typedAs(base, result, site);
}

function gathered(
  reader: ArrayReader,
  base: ArrayValue,
  at: Int32Array,
  spread: ArrayValue,
  w: Write,
): ArrayValue {
  const graph = reader.graph;
  const size = base.value.data.length;
  const part = {
    text: excerpt(w.statement.text),
    span: w.name.span,
    operands: [w.name.text, w.valueText],
  };
  const flatBase = keeping(graph, { kind: 'reshape', shape: [size] }, [base], part);
  const flatValue = keeping(graph, { kind: 'reshape', shape: [at.length] }, [spread], part);
  const joined = keeping(graph, { kind: 'concat', axis: 0 }, [flatBase, flatValue], part);
  const picks = identity(size);
  at.forEach((position, k) => {
    picks[position] = size + k;
  });
  const written = w.left;
  return keeping(
    graph,
    {
      kind: 'gather',
      shape: base.value.shape,
      indices: picks,
      text: `${written} = ${w.valueText}`,
    },
    [joined],
    { text: w.statement.text, span: w.statement.span, operands: [w.name.text, w.valueText] },
  );
}

/** The buffer keeps its dtype and sized type: integers wrap, booleans are 0 or 1. */
function typedAs(base: ArrayValue, result: ArrayValue, site: Site): ArrayValue {
  const typed: ArrayValue = { ...result, dtype: base.dtype, library: base.library };
  if (base.dtype === 'bool' && result.dtype !== 'bool' && result.node === undefined) {
    const data = result.value.data.map((x) => (x === 0 ? 0 : 1));
    return { ...typed, value: tensorOf(result.value.shape, data) };
  }
  return base.integer === undefined ? withoutInteger(typed) : sized(typed, base.integer, site);
}

function withoutInteger(value: ArrayValue): ArrayValue {
  if (value.integer === undefined) {
    return value;
  }
  const copy = { ...value };
  delete (copy as { integer?: unknown }).integer;
  return copy;
}

/** What a view sees of the buffer now. */
function viewValue(
  reader: ArrayReader,
  base: ArrayValue,
  view: BufferView,
  shape: Shape,
  site: Site,
): ArrayValue {
  if (view.positions === undefined) {
    return base;
  }
  return keeping(
    reader.graph,
    { kind: 'gather', shape, indices: view.positions, text: site.text },
    [base],
    site,
  );
}

/** Every other name that sees the buffer is bound to what it sees now (in lists too). */
function rebindViews(reader: ArrayReader, buffer: Memory, base: ArrayValue, w: Write): void {
  const remap = (value: PyValue, name: string): PyValue => {
    if (value.kind === 'tuple') {
      const items = value.items.map((item) => remap(item, name));
      return items.every((item, i) => item === value.items[i]) ? value : { ...value, items };
    }
    if (value.kind !== 'array') {
      return value;
    }
    const view = reader.buffers.viewOf(value);
    if (view?.buffer !== buffer) {
      return value;
    }
    if (view.doubt?.kind === 'may-copy') {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(w.statement.text)}\`: \`${name}\` comes from \`${excerpt(view.doubt.text)}\`, a reshape NumPy may or may not copy, so whether this write changes \`${name}\` is not known here; use .copy() to say it`,
        w.statement.span,
      );
    }
    const site = { text: name, span: w.statement.span, operands: [w.name.text] };
    const viewed = viewValue(reader, base, view, value.value.shape, site);
    const seen = view.doubt?.kind === 'detached' ? detached(viewed) : viewed;
    const fresh: ArrayValue = { ...seen, text: seen.node === undefined ? name : seen.text };
    reader.buffers.see(fresh, view);
    return fresh;
  };
  const changed = new Set<string>();
  for (const scope of reader.scopes()) {
    for (const [name, value] of scope) {
      const mapped = remap(value, name);
      if (mapped !== value) {
        scope.set(name, mapped);
        changed.add(name);
      }
    }
  }
  changed.delete(w.name.text);
  if (changed.size > 0) {
    // Aliasing surprises people: say which other names the write reached.
    const names = [...changed].map((name) => `\`${name}\``).join(', ');
    reader.note(
      `line ${reader.setup.lines.lineOf(w.statement.span.from) + 1}: \`${excerpt(w.statement.text)}\` also changes ${names}, which ${changed.size === 1 ? 'shares' : 'share'} its memory (NumPy's aliasing)`,
    );
  }
}

/**
 * After a top-level statement: a name that now holds fixed float data written in place (by a
 * loop, a function, or through another name) is, like any array the code fixes, an input of
 * its own — `X` after the loop that fills it is the X the rest of the code reads.
 */
export function settleWrites(reader: ArrayReader): void {
  const written = reader.buffers.takeWritten();
  const scope = reader.scopes().at(-1);
  if (written.size === 0 || scope === undefined || reader.torchFile) {
    return;
  }
  for (const [name, value] of scope) {
    if (value.kind !== 'array' || value.node !== undefined || value.dtype !== 'float') {
      continue;
    }
    const view = reader.buffers.viewOf(value);
    const write =
      view !== undefined && view.positions === undefined ? written.get(view.buffer) : undefined;
    if (write === undefined || value.library === 'torch') {
      continue;
    }
    const nameSpan = write.name.text === name ? write.name.span : write.statement.span;
    reader.bind(name, value, nameSpan, write.statement.span);
  }
}
