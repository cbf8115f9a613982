/**
 * The bad-input catalogue's vocabulary. Each entry is one hostile or unsupported source text and
 * what must happen to it: a structured refusal (an error kind, words that name the construct,
 * optionally the text the error points at) or a correct reading (value and gradients). The
 * runner (`../badInput.test.ts`) adds what holds for every entry: no exception, an error range
 * inside the document, no stack trace in the message, and well under a second.
 */
import type { InspectErrorKind } from '../../../src/core/inspectSource';

export interface Refusal {
  readonly kind: InspectErrorKind;
  /** The message must match this: it names the construct (or the limit). */
  readonly says: RegExp;
  /** The exact document text the error's range covers, where it matters. */
  readonly covers?: string;
}

export interface Reading {
  readonly value: number;
  /** ∂f/∂input for every input; compared to 1e-9 relative (NaN and ±∞ exactly). */
  readonly grads: Readonly<Record<string, number>>;
}

export type Expectation =
  | { readonly refused: Refusal; readonly reads?: undefined }
  | { readonly reads: Reading; readonly refused?: undefined };

export interface BadInput {
  readonly title: string;
  /** The source text, or a builder for a big one (run inside the timed test). */
  readonly source: string | (() => string);
  /** Values for the inputs, as the user would type them. */
  readonly values?: Readonly<Record<string, number>>;
  readonly expect: Expectation;
}

export function refused(kind: InspectErrorKind, says: RegExp, covers?: string): Expectation {
  return { refused: covers === undefined ? { kind, says } : { kind, says, covers } };
}

export function reads(value: number, grads: Readonly<Record<string, number>>): Expectation {
  return { reads: { value, grads } };
}

export function entry(
  title: string,
  source: string | (() => string),
  expect: Expectation,
  values?: Readonly<Record<string, number>>,
): BadInput {
  return values === undefined ? { title, source, expect } : { title, source, expect, values };
}

/** 2²⁰ characters: "a 1 MB single line". */
export const MEGABYTE = 1 << 20;

/** `open` n times, `inner`, `close` n times. */
export function nested(open: string, inner: string, close: string, depth: number): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** `text` repeated until the line is `length` characters long (cut at the end). */
export function fill(text: string, length = MEGABYTE): string {
  return text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

/** fⁿ(x) and d fⁿ/dx by the chain rule, for nested calls of a scalar function. */
export function iterate(
  fn: (x: number) => number,
  derivative: (x: number) => number,
  x: number,
  times: number,
): { value: number; grad: number } {
  let value = x;
  let grad = 1;
  for (let i = 0; i < times; i++) {
    grad *= derivative(value);
    value = fn(value);
  }
  return { value, grad };
}

export const DEEP = 10_000;
export const SIGMOID = (t: number): number => 1 / (1 + Math.exp(-t));
