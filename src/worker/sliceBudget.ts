/**
 * How many items of an array go in one message of a large outcome: as many as fit in a byte
 * budget, estimated from a few of its items. Items differ a lot in weight (a node view with its
 * symbolic derivatives against a step record), and what the receiving thread pays to clone a
 * message grows with its size, not with its count of items.
 */

/** An array this short always travels whole, with no estimate. */
const ALWAYS_WHOLE = 64;
/** Items weighed to estimate an array's item size. */
const SAMPLED = 8;

/** The slice length for `items` within `budgetBytes` per slice (at least 1, at most `maxItems`). */
export function sliceLengthWithin(
  budgetBytes: number,
  maxItems: number,
): (items: readonly unknown[]) => number {
  return (items) => {
    if (items.length <= ALWAYS_WHOLE) {
      return Math.min(items.length, maxItems) || 1;
    }
    const step = Math.max(1, Math.floor(items.length / SAMPLED));
    let bytes = 0;
    let weighed = 0;
    for (let index = 0; index < items.length && weighed < SAMPLED; index += step) {
      bytes += approximateBytes(items[index], budgetBytes);
      weighed += 1;
    }
    const perItem = Math.max(1, bytes / weighed);
    return Math.max(1, Math.min(maxItems, Math.floor(budgetBytes / perItem)));
  };
}

/**
 * A rough size of a plain value in structured-clone bytes; stops counting past `cap`. Typed
 * arrays count their bytes without being read.
 */
export function approximateBytes(value: unknown, cap: number): number {
  let bytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && bytes <= cap) {
    const item = pending.pop();
    if (typeof item === 'string') {
      bytes += item.length + 4;
    } else if (typeof item !== 'object' || item === null) {
      bytes += 9;
    } else if (ArrayBuffer.isView(item)) {
      bytes += item.byteLength + 8;
    } else if (Array.isArray(item)) {
      bytes += 4;
      pending.push(...(item as unknown[]));
    } else {
      for (const [key, inner] of Object.entries(item)) {
        bytes += key.length + 4;
        pending.push(inner);
      }
    }
  }
  return bytes;
}
