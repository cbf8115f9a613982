/**
 * The wire codec every side of the extension shares (the inspection worker, the extension host,
 * the webview): messages travel as JSON, which has no NaN or ±Infinity, so `toWire` writes
 * non-finite numbers as `{ "$number": "NaN" | "Infinity" | "-Infinity" }` and `fromWire` reads
 * them back. Both copy own keys only (a key `__proto__` from the document stays a key).
 */
import { setOwn } from '../engine/records';

/** A deep copy of `value` with non-finite numbers spelled out, ready for postMessage. */
export function toWire<T>(value: T): unknown {
  return encode(value);
}

function encode(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) {
      return value;
    }
    return { $number: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) {
        setOwn(out, key, encode(item));
      }
    }
    return out;
  }
  return value;
}

const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: NaN,
  Infinity: Infinity,
  '-Infinity': -Infinity,
};

/**
 * `JSON.stringify(toWire(value))`, quicker: JSON writes `null` for every non-finite number, so
 * text without `null` had none and needs no spelling out (a `null` from elsewhere, say a name,
 * only costs the slower way).
 */
export function wireJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('null') ? JSON.stringify(toWire(value)) : text;
}

/** The reverse of toWire (anything else passes through unchanged). */
export function fromWire(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) {
      out[i] = fromWire(value[i]);
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  const spelled = record.$number;
  if (
    typeof spelled === 'string' &&
    hasOwn(NON_FINITE, spelled) &&
    Object.keys(record).length === 1
  ) {
    return NON_FINITE[spelled];
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    setOwn(out, key, fromWire(record[key]));
  }
  return out;
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
