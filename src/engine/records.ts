/**
 * Records keyed by names from the document. A name such as `__proto__`, `constructor` or
 * `toString` must be an ordinary key: a plain assignment of `__proto__` would change the
 * record's prototype instead, and a plain read of a missing `constructor` would find
 * Object's own. These two helpers only ever touch own properties.
 */

/** `record[key] = value` as an own, enumerable property, whatever the key. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // Only `__proto__` is an accessor on Object.prototype: any other key assigned plainly
  // becomes an own data property, and plain assignment is the fast way (wire copies of whole
  // inspections go through here).
  if (key !== '__proto__') {
    record[key] = value;
    return;
  }
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `record[key]` if the record itself has that key, else undefined. */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
