/**
 * Runtime checks of received messages, typed against the types they check: a `Schema<T>`
 * returns undefined when a value fits T, else what was expected where. `object<T>()` wants a
 * schema for every key of T, each of exactly that key's type, so a field added to a protocol
 * type and not to its schema (or made optional on one side only) is a compile error.
 */
import { hasOwn } from './wire';

declare const checks: unique symbol;

export type Schema<T> = ((value: unknown) => string | undefined) & {
  /** Never present: ties the schema to T, invariantly (T in and out). */
  readonly [checks]?: (value: T) => T;
};

/** A schema for every key of T (optional keys included), each of that key's exact type. */
export type Fields<T> = { readonly [K in keyof Required<T>]: Schema<T[K]> };

/** Limits that keep a hostile or broken message from costing much. */
export const LIMITS = {
  text: 100_000,
  name: 1_000,
  values: 10_000,
  items: 5_000_000,
  /** 64 MB of base64. */
  dataUrl: 64 * 1024 * 1024,
} as const;

/** A check of T written as a plain function. */
export function schema<T>(check: (value: unknown) => string | undefined): Schema<T> {
  return check;
}

/**
 * A schema that checks a wider type, trusted for T: a text for one of the engine's op names,
 * say, which the views only ever print. The check stays as it is; only its type narrows.
 */
export function trusted<T extends W, W>(wide: Schema<W>): Schema<T> {
  return wide as unknown as Schema<T>;
}

/** A problem found at `step` inside a value: `.steps[1].from: a whole number ≥ 0`. */
export function at(step: string, problem: string): string {
  return problem.startsWith('.') || problem.startsWith('[')
    ? `${step}${problem}`
    : `${step}: ${problem}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value of a union tagged by `kind`, checked by the schema of its kind. */
export function byKind<T extends { readonly kind: string }>(
  schemas: { readonly [K in T['kind']]: Schema<Extract<T, { readonly kind: K }>> },
  expected: string,
): Schema<T> {
  return schema((v) => {
    const kind = isRecord(v) ? v.kind : undefined;
    return typeof kind === 'string' && hasOwn(schemas, kind)
      ? schemas[kind as T['kind']](v)
      : expected;
  });
}

export const anyNumber = schema<number>((v) => (typeof v === 'number' ? undefined : 'a number'));
export const finite = schema<number>((v) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : 'a finite number',
);
export const count = schema<number>((v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'a whole number ≥ 0',
);
export const bool = schema<boolean>((v) => (typeof v === 'boolean' ? undefined : 'true or false'));

export function text(max: number = LIMITS.text): Schema<string> {
  return schema((v) =>
    typeof v === 'string' && v.length <= max ? undefined : `a text of ≤ ${max}`,
  );
}

export function oneOf<const V extends string>(...values: readonly V[]): Schema<V> {
  return schema((v) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? undefined
      : `one of ${values.join(', ')}`,
  );
}

/** Exactly this value. */
export function literal<const V extends number>(value: V, expected: string): Schema<V> {
  return schema((v) => (v === value ? undefined : expected));
}

export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return schema((v) => (v === undefined ? undefined : inner(v)));
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return schema((v) => (v === null ? undefined : inner(v)));
}

export function arrayOf<T>(item: Schema<T>, max: number = LIMITS.items): Schema<readonly T[]> {
  return schema((v) => {
    if (!Array.isArray(v) || v.length > max) {
      return `an array of ≤ ${max}`;
    }
    for (let i = 0; i < v.length; i += 1) {
      const problem = item(v[i]);
      if (problem !== undefined) {
        return at(`[${i}]`, problem);
      }
    }
    return undefined;
  });
}

/** An object with every field of T checked; keys that T does not name pass unchecked. */
export function object<T>(fields: Fields<T>): Schema<T> {
  const checked = fields as unknown as Readonly<Record<string, Schema<unknown>>>;
  return schema((v) => {
    if (!isRecord(v)) {
      return 'an object';
    }
    for (const key of Object.keys(checked)) {
      const problem = checked[key]!(hasOwn(v, key) ? v[key] : undefined);
      if (problem !== undefined) {
        return at(`.${key}`, problem);
      }
    }
    return undefined;
  });
}

/** Names (non-empty, short) to numbers of `value`'s kind. */
export function valueRecord(value: Schema<number>): Schema<Readonly<Record<string, number>>> {
  return schema((v) => {
    if (!isRecord(v)) {
      return 'an object of values';
    }
    const keys = Object.keys(v);
    if (keys.length > LIMITS.values) {
      return `≤ ${LIMITS.values} values`;
    }
    for (const key of keys) {
      if (key.length === 0 || key.length > LIMITS.name) {
        return 'names of 1 to 1000 characters';
      }
      const problem = value(v[key]);
      if (problem !== undefined) {
        return at(`[${JSON.stringify(key.slice(0, 40))}]`, problem);
      }
    }
    return undefined;
  });
}
