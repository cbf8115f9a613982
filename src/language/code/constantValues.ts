/**
 * Values the code above a selection gives its names, found without running it: numeric
 * assignments (`lr = 1e-3`), constant expressions of values known by then (`n = 2 * k`,
 * `k += 1`), and parameter defaults. The latest assignment before the selection wins; a name
 * assigned something unknown (or inside a loop or branch) has no value.
 */
import type { Expr, Param, Statement } from './codeAst';
import { CodeError } from './codeError';
import { evaluate, type ReadName } from './evaluate';
import type { ScopeEvent } from './scopeWalk';
import type { Span } from '../span';

export interface FoundValue {
  readonly value: number;
  readonly source: 'assignment' | 'default';
  /** The assignment, or the default value's expression. */
  readonly span: Span;
}

/**
 * Folds `events` in order. `given` (values the user typed) stand in for names the code leaves
 * unknown, and win over what it assigns, as they do in the inspection itself.
 */
export function valuesInScope(
  events: readonly ScopeEvent[],
  given: Readonly<Record<string, number>>,
): Map<string, FoundValue> {
  const found = new Map<string, FoundValue>();
  const read: ReadName = ({ name }) => ownValue(given, name) ?? found.get(name)?.value;
  for (const event of events) {
    switch (event.kind) {
      case 'statement':
        assign(found, event.statement, read);
        break;
      case 'forget':
        for (const name of event.names) {
          found.delete(name);
          forgetItems(found, name);
        }
        break;
      case 'parameters':
        bindParameters(found, event.params, read);
        break;
    }
  }
  return found;
}

export function ownValue(
  values: Readonly<Record<string, number>>,
  name: string,
): number | undefined {
  return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
}

function assign(found: Map<string, FoundValue>, statement: Statement, read: ReadName): void {
  if (statement.kind === 'function') {
    // The name is a function now, no number.
    found.delete(statement.definition.name.name);
    return;
  }
  if (statement.kind !== 'assign') {
    return;
  }
  const name = statement.target.name;
  if (statement.value.kind === 'list') {
    // `ys = [*ys, v]` (`ys.append(v)`) reads the items ys had before; copied only here, as
    // a copy for every assignment makes a long file's walk quadratic.
    const before = new Map(found);
    const spread = (list: string): number[] | undefined => listFound(before, list);
    forgetItems(found, name);
    // `xs = [1.0, 2.0]`: each item is found as `xs[0]`, `xs[1]` (see listBefore).
    found.delete(name);
    foundItems(found, name, statement.value, statement.span, read, spread);
    return;
  }
  forgetItems(found, name);
  const value = foldedValue(statement.value, read);
  if (value === undefined) {
    found.delete(name);
  } else {
    found.set(name, { value, source: 'assignment', span: statement.span });
  }
}

/** The items of a list literal whose numbers fold, under `xs[0]` …; nested lists `m[0][1]`. */
function foundItems(
  found: Map<string, FoundValue>,
  name: string,
  value: Expr,
  span: Span,
  read: ReadName,
  spread: (name: string) => number[] | undefined,
  depth = 0,
): void {
  if (depth > 100 || value.kind !== 'list' || value.of.form !== 'items') {
    return;
  }
  const items = value.of.items.flatMap((item) => {
    if (item.spread) {
      return item.value.kind === 'name' ? (spread(item.value.name) ?? [undefined]) : [undefined];
    }
    return [item.value.kind === 'list' ? item.value : foldedValue(item.value, read)];
  });
  if (items.some((item) => item === undefined)) {
    return;
  }
  // An empty list is a list too (`ys = []`, then `ys.append(…)`).
  found.set(`${name}[#]`, { value: items.length, source: 'assignment', span });
  items.forEach((item, i) => {
    if (typeof item === 'number') {
      found.set(`${name}[${i}]`, { value: item, source: 'assignment', span });
    } else if (item !== undefined) {
      foundItems(found, `${name}[${i}]`, item, span, read, spread, depth + 1);
    }
  });
}

function forgetItems(found: Map<string, FoundValue>, name: string): void {
  for (const key of [...found.keys()]) {
    if (key.startsWith(`${name}[`)) {
      found.delete(key);
    }
  }
}

/** The numbers of a flat list found before the selection (`xs = [1.0, 2.0]`), in order. */
export function listFound(
  found: ReadonlyMap<string, { readonly value: number }>,
  name: string,
): number[] | undefined {
  if (found.get(`${name}[#]`)?.value === 0) {
    return [];
  }
  const values: number[] = [];
  for (
    let item = found.get(`${name}[0]`);
    item !== undefined;
    item = found.get(`${name}[${values.length}]`)
  ) {
    values.push(item.value);
  }
  return values.length === 0 ? undefined : values;
}

/**
 * A list typed as `--at 'w=[1, 2]'` arrives as `w_1`, `w_2` (as math notation numbers a list's
 * elements): the numbers of `name`, in order.
 */
export function listTyped(
  values: Readonly<Record<string, number>>,
  name: string,
): number[] | undefined {
  const items: number[] = [];
  for (let item = ownValue(values, `${name}_1`); item !== undefined;) {
    items.push(item);
    item = ownValue(values, `${name}_${items.length + 1}`);
  }
  return items.length === 0 ? undefined : items;
}

/** The typed value of a list's item `w[0]`, typed as `w_1` (see listTyped). */
export function itemTyped(
  values: Readonly<Record<string, number>>,
  key: string,
): number | undefined {
  const item = /^(.+)\[(\d+)\]$/u.exec(key);
  return item === null ? undefined : ownValue(values, `${item[1] ?? ''}_${Number(item[2]) + 1}`);
}

/** A parameter hides the outer name of the same spelling; its default is its value. */
function bindParameters(
  found: Map<string, FoundValue>,
  params: readonly Param[],
  read: ReadName,
): void {
  const defaults: [string, FoundValue][] = [];
  for (const param of params) {
    const value = param.default === undefined ? undefined : foldedValue(param.default, read);
    if (value !== undefined && param.default !== undefined) {
      defaults.push([param.name.name, { value, source: 'default', span: param.default.span }]);
    }
  }
  // Defaults are evaluated where the function is defined, before its parameters exist.
  for (const param of params) {
    found.delete(param.name.name);
    forgetItems(found, param.name.name);
  }
  for (const [name, value] of defaults) {
    found.set(name, value);
  }
}

/**
 * A value the language refuses (Python raises at `y = math.log(0)`) is no value: the code
 * below that line never runs in Python, so its names are left to the user.
 */
function foldedValue(expr: Expr, read: ReadName): number | undefined {
  try {
    return evaluate(expr, read);
  } catch (error) {
    if (error instanceof CodeError) {
      return undefined;
    }
    throw error;
  }
}
