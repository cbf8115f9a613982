/**
 * The `--json` output. JSON has no NaN or Infinity, so non-finite numbers are written as the
 * strings "NaN", "Infinity" and "-Infinity".
 */
import type { InspectError } from '../core/inspectSource';
import type { InspectionResult } from '../engine/result';

/** `notes`: what the reading assumed (a function nothing defines read as the catalogue's). */
export function resultJson(
  result: InspectionResult,
  values: Readonly<Record<string, number>>,
  notes: readonly string[] = [],
): string {
  return stringify({ ...result, at: values, ...(notes.length === 0 ? {} : { notes }) });
}

export function errorJson(error: InspectError, file: string): string {
  const start = error.range?.start;
  return stringify({
    error: {
      kind: error.kind,
      message: error.message,
      file,
      line: start === undefined ? 1 : start.line + 1,
      column: start === undefined ? 1 : start.column + 1,
      ...(error.range === undefined ? {} : { range: error.range }),
      ...(error.names === undefined ? {} : { names: error.names }),
    },
  });
}

/** JSON text with non-finite numbers as strings; typed arrays (op indices) as plain lists. */
export function stringify(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (ArrayBuffer.isView(item) && !(item instanceof DataView)) {
      return Array.from(item as unknown as ArrayLike<number>);
    }
    if (typeof item !== 'number' || Number.isFinite(item)) {
      return item;
    }
    if (Number.isNaN(item)) {
      return 'NaN';
    }
    return item > 0 ? 'Infinity' : '-Infinity';
  });
}
