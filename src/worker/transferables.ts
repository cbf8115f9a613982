/**
 * Which typed arrays' buffers a message may hand over instead of copying: a tensor outcome's
 * values and gradients are Float64Arrays of up to millions of elements, which structured clone
 * would copy. A buffer can be transferred once only, and a transferred one is gone on this side,
 * so only a buffer that appears in no other message of the job is transferred (within one
 * message, structured clone keeps every view of a buffer pointing into the one it transfers).
 */

/** For each message, in order, the buffers it may transfer. */
export function transferableBuffers(messages: readonly unknown[]): ArrayBuffer[][] {
  const found = messages.map((message) => buffersIn(message));
  const count = new Map<ArrayBuffer, number>();
  for (const buffers of found) {
    for (const buffer of buffers) {
      count.set(buffer, (count.get(buffer) ?? 0) + 1);
    }
  }
  return found.map((buffers) => [...buffers].filter((buffer) => count.get(buffer) === 1));
}

/** The ArrayBuffers behind every typed array in `value` (plain objects and arrays searched). */
function buffersIn(value: unknown): Set<ArrayBuffer> {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== 'object' || item === null || seen.has(item)) {
      continue;
    }
    seen.add(item);
    if (ArrayBuffer.isView(item)) {
      // A SharedArrayBuffer is shared, not transferred.
      if (item.buffer instanceof ArrayBuffer) {
        buffers.add(item.buffer);
      }
      continue;
    }
    for (const inner of Array.isArray(item) ? item : Object.values(item)) {
      pending.push(inner);
    }
  }
  return buffers;
}
