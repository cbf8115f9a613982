/**
 * One structured-clone message of a 10,000-node inspection costs the receiving thread well over
 * 100 ms. Split into a small skeleton and slices of its large arrays, each message is cheap to
 * receive, and the extension host runs other work between them.
 */
import { setOwn } from '../engine/records';

/** Where an array sits in the value: the keys and indices that lead to it. */
export type ArrayPath = readonly (string | number)[];

/** One slice of a large array; the skeleton holds an empty array in its place. */
export interface ArraySlice {
  readonly path: ArrayPath;
  readonly items: readonly unknown[];
}

export interface SplitValue {
  readonly skeleton: unknown;
  readonly slices: readonly ArraySlice[];
}

/** Items per slice: one length for every array, or one chosen per array (see sliceBudget). */
export type SliceLength = number | ((items: readonly unknown[]) => number);

/**
 * Copies `value` (plain objects and arrays), leaving every array longer than its slice length
 * empty and listing its items in slices of at most that length. Items of a large array are not
 * searched further: their own arrays travel with them. Typed arrays are not copied.
 */
export function splitLargeArrays(value: unknown, sliceLength: SliceLength): SplitValue {
  const slices: ArraySlice[] = [];
  const skeleton = copyWithout(value, [], sliceLength, slices);
  return { skeleton, slices };
}

function copyWithout(
  value: unknown,
  path: (string | number)[],
  sliceLength: SliceLength,
  slices: ArraySlice[],
): unknown {
  if (Array.isArray(value)) {
    const length = typeof sliceLength === 'number' ? sliceLength : sliceLength(value);
    if (value.length > length) {
      for (let start = 0; start < value.length; start += length) {
        slices.push({ path: [...path], items: value.slice(start, start + length) });
      }
      return [];
    }
    return value.map((item, index) => copyWithout(item, [...path, index], sliceLength, slices));
  }
  // A typed array (a tensor's elements) travels as it is: structured clone keeps its type.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // A key such as `__proto__` (a name from the document) stays plain own data.
    setOwn(copy, key, copyWithout(item, [...path, key], sliceLength, slices));
  }
  return copy;
}

/** Appends a slice's items to the array its path names in `skeleton`; false if there is none. */
export function joinSlice(skeleton: unknown, slice: ArraySlice): boolean {
  let target: unknown = skeleton;
  for (const key of slice.path) {
    if (typeof target !== 'object' || target === null || !Object.hasOwn(target, key)) {
      return false;
    }
    target = (target as Record<string | number, unknown>)[key];
  }
  if (!Array.isArray(target)) {
    return false;
  }
  for (const item of slice.items) {
    target.push(item);
  }
  return true;
}
