/**
 * Arrays given with `--at`: `x=[1,2,3]`, `W=[[1,2],[3,4]]` (a binding by line as for numbers:
 * `x@4=[1,2]`). The nesting gives the shape, as `np.array` reads it; a ragged list is refused,
 * naming where its rows differ. Numbers are written as for single values (`−`, `inf`, `nan`).
 */
import {
  BINDING,
  bindingKey,
  parseNumber,
  parseValueList,
  splitOutsideBrackets,
} from '../core/valueList';
import { sizeOf, MAX_TENSOR_ELEMENTS } from '../engine/tensor/shape';
import type { Tensor } from '../engine/tensor/tensor';

export interface ArrayArguments {
  /** Each array by its input key (`W`, `x (line 4)`). */
  readonly arrays: Readonly<Record<string, Tensor>>;
  /**
   * The `--at` items that are no arrays of rank 2 or more, for the scalar value list: a flat
   * list stays there too, since scalar code reads its items (`xs_1`, `xs[0]`).
   */
  readonly scalarItems: readonly string[];
  /** The value keys a flat list gives its items (`x_1`), by the list's key. */
  readonly itemKeys: Readonly<Record<string, readonly string[]>>;
}

export type ArrayArgumentsResult =
  ({ readonly ok: true } & ArrayArguments) | { readonly ok: false; readonly message: string };

/** A list bound as the value list binds a value (`W=[…]`, `ws[0]=[…]`, `x@4=[…]`). */
const ARRAY_ITEM = new RegExp(`^${BINDING}(\\[.*\\])\\s*$`, 'su');

/** Deeper lists are refused: nobody types them, and the walk over them recurses. */
const MAX_DEPTH = 32;

export function parseArrayArguments(items: readonly string[]): ArrayArgumentsResult {
  const arrays: Record<string, Tensor> = Object.create(null) as Record<string, Tensor>;
  const itemKeys: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const scalarItems: string[] = [];
  for (const item of items.flatMap(splitOutsideBrackets)) {
    const match = ARRAY_ITEM.exec(item.trim());
    if (match === null) {
      scalarItems.push(item);
      continue;
    }
    const [, name = '', shortLine, line = shortLine, column, listText = ''] = match;
    const key = bindingKey(name, line, column);
    const tensor = parseNestedList(listText);
    if (typeof tensor === 'string' && !isNested(listText)) {
      // A flat list that is no array: the value list says what is wrong with it, as before.
      scalarItems.push(item);
      continue;
    }
    if (typeof tensor === 'string') {
      return { ok: false, message: `${key}=${listText.trim()}: ${tensor}` };
    }
    arrays[key] = tensor;
    if (tensor.shape.length === 1) {
      scalarItems.push(item);
      const listed = parseValueList(item);
      itemKeys[key] = listed.ok ? Object.keys(listed.values) : [];
    }
  }
  return { ok: true, arrays, scalarItems, itemKeys };
}

/** A list with a list inside: `[[`, `[1, [2]]`. */
function isNested(listText: string): boolean {
  return listText.trim().slice(1).includes('[');
}

/** A nested list of numbers as a tensor, or why it is none. */
export function parseNestedList(text: string): Tensor | string {
  const parsed = readList(text.trim(), 0, 0);
  if (typeof parsed === 'string') {
    return parsed;
  }
  if (parsed.end !== text.trim().length) {
    return `unexpected "${text.trim().slice(parsed.end).trim()}" after the list`;
  }
  const shape = shapeOf(parsed.list, []);
  if (typeof shape === 'string') {
    return shape;
  }
  const size = sizeOf(shape);
  if (size > MAX_TENSOR_ELEMENTS) {
    return `${size} elements; at most ${MAX_TENSOR_ELEMENTS} can be given`;
  }
  return { shape, data: Float64Array.from(flatten(parsed.list)) };
}

type Nested = number | readonly Nested[];

/** The list starting at `start` (a `[`), and where it ends. */
function readList(
  text: string,
  start: number,
  depth: number,
): { readonly list: Nested[]; readonly end: number } | string {
  if (depth >= MAX_DEPTH) {
    return `lists nested more than ${MAX_DEPTH} deep`;
  }
  if (text[start] !== '[') {
    return 'expected a list in brackets, e.g. [1, 2, 3]';
  }
  const list: Nested[] = [];
  let at = skipSpaces(text, start + 1);
  if (text[at] === ']') {
    return { list, end: at + 1 };
  }
  for (;;) {
    const element = readElement(text, at, depth);
    if (typeof element === 'string') {
      return element;
    }
    list.push(element.value);
    at = skipSpaces(text, element.end);
    const separator = text[at];
    if (separator === ']') {
      return { list, end: at + 1 };
    }
    if (separator !== ',' && separator !== ';') {
      return separator === undefined
        ? 'a list is not closed: a "]" is missing'
        : `expected "," or "]" at "${text.slice(at)}"`;
    }
    at = skipSpaces(text, at + 1);
    // A trailing comma, as Python allows: `[1, 2,]`.
    if (text[at] === ']') {
      return { list, end: at + 1 };
    }
  }
}

function readElement(
  text: string,
  start: number,
  depth: number,
): { readonly value: Nested; readonly end: number } | string {
  if (text[start] === '[') {
    const inner = readList(text, start, depth + 1);
    return typeof inner === 'string' ? inner : { value: inner.list, end: inner.end };
  }
  const match = /^[^,;[\]]*/.exec(text.slice(start));
  const token = (match?.[0] ?? '').trim();
  const value = parseNumber(token);
  if (value === undefined) {
    return token === '' ? 'an element is missing' : `"${token}" is not a number`;
  }
  return { value, end: start + (match?.[0].length ?? 0) };
}

/** The shape of a nested list, or where it is ragged (`[[1, 2], [3]]`). */
function shapeOf(list: readonly Nested[], path: readonly number[]): number[] | string {
  const first = list[0];
  if (first === undefined || typeof first === 'number') {
    const nested = list.findIndex((element) => typeof element !== 'number');
    return nested === -1 ? [list.length] : ragged([...path, nested], 'is a list among numbers');
  }
  const inner = shapeOf(first, [...path, 0]);
  if (typeof inner === 'string') {
    return inner;
  }
  for (let i = 1; i < list.length; i += 1) {
    const element = list[i] ?? 0;
    if (typeof element === 'number') {
      return ragged([...path, i], 'is a number among lists');
    }
    const other = shapeOf(element, [...path, i]);
    if (typeof other === 'string') {
      return other;
    }
    if (other.length !== inner.length) {
      return ragged(
        [...path, i],
        `is nested ${other.length} deep where ${where([...path, 0])} is nested ${inner.length} deep`,
      );
    }
    if (other.join() !== inner.join()) {
      const count = (n: number) => `${n} ${n === 1 ? 'element' : 'elements'}`;
      return ragged(
        [...path, i],
        `has ${count(other[0] ?? 0)} where ${where([...path, 0])} has ${count(inner[0] ?? 0)}`,
      );
    }
  }
  return [list.length, ...inner];
}

function ragged(path: readonly number[], what: string): string {
  return `ragged list: ${where(path)} ${what}; an array needs rows of one length`;
}

function where(path: readonly number[]): string {
  return path.map((index) => `[${index}]`).join('');
}

function flatten(list: readonly Nested[]): number[] {
  const out: number[] = [];
  const walk = (element: Nested) => {
    if (typeof element === 'number') {
      out.push(element);
      return;
    }
    element.forEach(walk);
  };
  list.forEach(walk);
  return out;
}

function skipSpaces(text: string, at: number): number {
  let position = at;
  while (/\s/.test(text[position] ?? '')) {
    position += 1;
  }
  return position;
}
