/**
 * Symbolic expressions: the language of readable formulas (local partials, symbolic
 * derivatives). Built from the same op names as the graph so one catalogue serves both.
 */
import type { OpName } from './opName';

export type Sym =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'op'; readonly op: OpName; readonly args: readonly Sym[] };

export function num(value: number): Sym {
  return { kind: 'num', value };
}

export function variable(name: string): Sym {
  return { kind: 'var', name };
}

export function call(op: OpName, ...args: Sym[]): Sym {
  return { kind: 'op', op, args };
}

export const ZERO = num(0);
export const ONE = num(1);

export const add = (a: Sym, b: Sym): Sym => call('add', a, b);
export const sub = (a: Sym, b: Sym): Sym => call('sub', a, b);
export const mul = (a: Sym, b: Sym): Sym => call('mul', a, b);
export const div = (a: Sym, b: Sym): Sym => call('div', a, b);
export const neg = (a: Sym): Sym => call('neg', a);
export const pow = (a: Sym, b: Sym): Sym => call('pow', a, b);
