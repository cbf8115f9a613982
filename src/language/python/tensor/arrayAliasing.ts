/**
 * NumPy's aliasing, tracked while array code is read: every array bound to a name lives in a
 * buffer; `b = a` binds b to a's buffer, basic slicing, `.T` and `reshape` make views of it
 * (which of its elements, in their order), while arithmetic, fancy indexing and `.copy()` make
 * new arrays. A write through any name changes the buffer and so every name that sees it.
 */
import { tensorOpRecord } from '../../../engine/tensor/ops';
import { sameShape } from '../../../engine/tensor/shape';
import { tensorOf } from '../../../engine/tensor/tensor';
import type { TensorOp } from '../../../engine/tensor/tensorOp';
import type { Span } from '../../span';
import type { ArrayValue } from './arrayValue';

/** How an array sees its buffer. */
export interface BufferView {
  /** Held by its views only: a buffer no array sees any more is freed with them. */
  readonly buffer: Memory;
  /** The buffer's flat positions of its elements, row-major; absent: the whole buffer. */
  readonly positions?: Int32Array;
  /**
   * A view that cannot be written exactly: `may-copy` (a reshape NumPy copies only when it
   * must) refuses every write to its buffer while it is bound; `read-only` (np.broadcast_to)
   * refuses writes through it, as NumPy does; `detached` (`.detach()`, `.numpy()`, `.data`)
   * sees the buffer without the graph, and a write through it into a tensor the graph records
   * is refused.
   */
  readonly doubt?: {
    readonly kind: 'may-copy' | 'read-only' | 'detached';
    readonly text: string;
  };
}

/** One array's memory, shared by every array that sees it. */
export interface Memory {
  /** The buffer's elements now, as the array of its full shape. */
  base: ArrayValue;
  /** The code fixes every element (data, labels): a write of fixed values keeps it fixed. */
  fixed: boolean;
  /** A PyTorch leaf with requires_grad: PyTorch refuses writing into it. */
  readonly leaf: boolean;
}

/** Source text and where it is. */
export interface Place {
  readonly text: string;
  readonly span: Span;
}

/** The last write into a buffer: through which name (or expression), in which statement. */
export interface BufferWrite {
  readonly name: Place;
  readonly statement: Place;
}

export class ArrayBuffers {
  private readonly views = new WeakMap<ArrayValue, BufferView>();
  /** Buffers written since the reader last settled its top-level names. */
  private written = new Map<Memory, BufferWrite>();

  wrote(buffer: Memory, write: BufferWrite): void {
    this.written.set(buffer, write);
  }

  /** The buffers written since the last call, and the last write into each. */
  takeWritten(): ReadonlyMap<Memory, BufferWrite> {
    const written = this.written;
    this.written = new Map();
    return written;
  }

  viewOf(value: ArrayValue): BufferView | undefined {
    return this.views.get(value);
  }

  /**
   * `bound` is what a name now holds, made from `value` (the same array, or it as an input):
   * it sees value's buffer, or owns a new one holding it.
   */
  adopt(bound: ArrayValue, value: ArrayValue): BufferView {
    const view = this.views.get(value);
    if (view === undefined) {
      return this.own(bound, value.node === undefined && value.requiresGrad !== true, {
        leaf: value.requiresGrad === true && value.node === undefined,
      });
    }
    this.views.set(bound, view);
    if (view.positions === undefined && bound.node !== value.node) {
      // The name made the whole buffer an input: later writes build on that input.
      view.buffer.base = bound;
    }
    return view;
  }

  /** A new buffer holding `value`. */
  own(value: ArrayValue, fixed: boolean, { leaf = false } = {}): BufferView {
    const view: BufferView = { buffer: { base: value, fixed, leaf } };
    this.views.set(value, view);
    return view;
  }

  /** `value` sees the buffer through `view`. */
  see(value: ArrayValue, view: BufferView): void {
    this.views.set(value, view);
  }

  /**
   * `result` is `op` (reshape, transpose, a basic-slicing gather, broadcast_to) of `source`, as
   * a view of its buffer: the positions it sees are the op applied to source's positions.
   */
  derive(
    result: ArrayValue,
    source: ArrayValue,
    op: TensorOp,
    doubt?: BufferView['doubt'],
  ): ArrayValue {
    const view = this.views.get(source);
    if (view === undefined || result === source) {
      return result;
    }
    const from = view.positions ?? identity(source.value.data.length);
    const record = tensorOpRecord(op);
    const shape = record.shape(op, [source.value.shape]);
    if (!Array.isArray(shape)) {
      return result;
    }
    const moved = record.forward(
      op,
      [tensorOf(source.value.shape, Float64Array.from(from))],
      shape,
    );
    const positions = Int32Array.from(moved);
    const base = view.buffer.base.value;
    const whole = sameShape(shape, base.shape) && positions.every((position, i) => position === i);
    const seen: BufferView = {
      buffer: view.buffer,
      ...(whole ? {} : { positions }),
      ...(doubt === undefined && view.doubt === undefined ? {} : { doubt: doubt ?? view.doubt }),
    };
    const copy = { ...result };
    this.views.set(copy, seen);
    return copy;
  }

  /** `result` holds the same elements as `source`, in the same order (`.detach()`, `from_numpy`). */
  same(result: ArrayValue, source: ArrayValue, doubt?: BufferView['doubt']): ArrayValue {
    return this.derive(result, source, { kind: 'reshape', shape: source.value.shape }, doubt);
  }

  /** Whether `source`'s elements lie in its buffer in row-major order, one after another. */
  contiguous(source: ArrayValue): boolean {
    const positions = this.views.get(source)?.positions;
    return positions === undefined || positions.every((p, i) => p === (positions[0] ?? 0) + i);
  }
}

export function identity(size: number): Int32Array {
  return Int32Array.from({ length: size }, (_, i) => i);
}
