/**
 * A list of input values as people type them: `x=-2, y=5, z=-4` (commas or semicolons, U+2212
 * minus, `inf`, `nan`). Shared by the CLI's `--at` and the extension's input box. One binding
 * of a name bound on several lines is `x (line 4)=3`, or `x@4=3` for short. A list
 * `w=[1, 2, 3]` gives the elements `w_1=1, w_2=2, w_3=3`, numbered from 1 as math notation
 * numbers them (`w_i` in `\sum_{i=1}^{3} w_i x_i`).
 */
import { getOwn } from '../engine/records';

export type ValueListResult =
  | { readonly ok: true; readonly values: Readonly<Record<string, number>> }
  | { readonly ok: false; readonly message: string };

/**
 * What stands before a value: a name, or a list's item as the code front ends key it (`ws[0]`,
 * `m[1][0]`), a binding by line (`@4`, ` (line 4, column 2)`) and `=`. Its groups are the name,
 * the short line, the line and the column, for `bindingKey`.
 */
export const BINDING = String.raw`([\p{L}_][\p{L}\p{N}_]*(?:\[\d+\])*)(?:\s*@\s*(\d+)|\s*\(line (\d+)(?:, column (\d+))?\))?\s*=\s*`;
const PAIR = new RegExp(`^${BINDING}(.+)$`, 'u');
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
const SPECIAL: Readonly<Record<string, number>> = {
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
  nan: NaN,
};

export function parseValueList(text: string): ValueListResult {
  // A null-prototype record: names such as `__proto__` stay plain keys.
  const values: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const item of splitOutsideBrackets(text)) {
    const trimmed = item.trim();
    if (trimmed === '') {
      continue;
    }
    const match = PAIR.exec(trimmed);
    if (match === null) {
      return {
        ok: false,
        message: `expected name=value pairs such as x=-2, y=5; got "${trimmed}"`,
      };
    }
    const [, name = '', shortLine, line = shortLine, column, valueText = ''] = match;
    const list = /^\[(.*)\]$/s.exec(valueText.trim());
    if (list !== null) {
      const elements = (list[1] ?? '').split(/[,;]/).map((element) => element.trim());
      const last = elements.length - 1;
      if (elements[last] === '' && last > 0) {
        elements.pop();
      }
      for (const [i, element] of elements.entries()) {
        const elementKey = bindingKey(`${name}_${i + 1}`, line, column);
        const value = parseNumber(element);
        if (value === undefined) {
          return { ok: false, message: `"${element}" is not a number (for ${elementKey})` };
        }
        values[elementKey] = value;
      }
      continue;
    }
    const key = bindingKey(name, line, column);
    const value = parseNumber(valueText);
    if (value === undefined) {
      return { ok: false, message: `"${valueText.trim()}" is not a number (for ${key})` };
    }
    values[key] = value;
  }
  return { ok: true, values };
}

/** The items of the list: split at `,` and `;` except inside `[…]`. */
export function splitOutsideBrackets(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '[') {
      depth += 1;
    } else if (char === ']') {
      depth = Math.max(0, depth - 1);
    } else if ((char === ',' || char === ';') && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}

/** The inverse, for prefilling an input box: `x=-2, y=5`. */
export function formatValueList(values: Readonly<Record<string, number>>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(', ');
}

/** The input key the engine uses for a name, or for one of its bindings by line. */
export function bindingKey(name: string, line?: string, column?: string): string {
  if (line === undefined) {
    return name;
  }
  return column === undefined
    ? `${name} (line ${Number(line)})`
    : `${name} (line ${Number(line)}, column ${Number(column)})`;
}

/** One number as people type it: U+2212 minus, `inf`, `nan`; undefined if it is none. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  if (NUMBER.test(trimmed)) {
    return Number(trimmed);
  }
  return getOwn(SPECIAL, trimmed.toLowerCase());
}
