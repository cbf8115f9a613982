/**
 * The messages of a tensor node's details: the page asks the host for the window of a value or
 * gradient it shows (a table of any size is never sent whole) and for the chain rule of one
 * element; the host answers from the inspection it keeps (present/tensorDetails.ts). Each
 * request carries a number the answer repeats, so the page keeps only the latest answer.
 */
import type { ChainTerm, ElementChain, StepChain } from '../engine/tensor/elementChain';
import {
  anyNumber,
  arrayOf,
  bool,
  count,
  object,
  oneOf,
  optional,
  schema,
  text,
  type Schema,
} from './schema';

/** Above this many cells a window is refused: a page shows a few hundred at a time. */
export const MAX_WINDOW_CELLS = 10_000;

export type TensorField = 'value' | 'grad';

/** `count` consecutive positions from `start` along one axis. */
export interface Span {
  readonly start: number;
  readonly count: number;
}

/**
 * Which part of a tensor the page shows: `axes` are the axes of its rows and columns (one for
 * a vector, none for a scalar), `fixed` the index of every other axis in axis order.
 */
export interface TensorWindowRequest {
  readonly request: number;
  readonly node: number;
  readonly field: TensorField;
  readonly axes: readonly number[];
  readonly fixed: readonly number[];
  readonly rows: Span;
  readonly cols: Span;
}

/** The window's elements, row-major: rows.count × cols.count after clipping to the tensor. */
export interface TensorWindow extends Omit<TensorWindowRequest, 'request'> {
  readonly values: readonly number[];
}

export interface ElementChainRequest {
  readonly request: number;
  readonly node: number;
  /** The element, one index per axis. */
  readonly index: readonly number[];
}

export type PanelElementChain = ElementChain;

const span = object<Span>({ start: count, count });

export const tensorWindowRequest = object<TensorWindowRequest>({
  request: count,
  node: count,
  field: oneOf('value', 'grad'),
  axes: arrayOf(count, 2),
  fixed: arrayOf(count, 64),
  rows: span,
  cols: span,
});

const windowFields = object<TensorWindow>({
  node: count,
  field: oneOf('value', 'grad'),
  axes: arrayOf(count, 2),
  fixed: arrayOf(count, 64),
  rows: span,
  cols: span,
  values: arrayOf(anyNumber, MAX_WINDOW_CELLS),
});

/** A window whose values fill its rows and columns exactly. */
export const tensorWindow: Schema<TensorWindow> = schema((v) => {
  const problem = windowFields(v);
  if (problem !== undefined) {
    return problem;
  }
  const w = v as TensorWindow;
  return w.values.length === w.rows.count * w.cols.count ? undefined : 'rows × cols values';
});

export const elementChainRequest = object<ElementChainRequest>({
  request: count,
  node: count,
  index: arrayOf(count, 64),
});

const term = object<ChainTerm>({
  at: arrayOf(count, 64),
  localText: text(),
  local: anyNumber,
  upstream: anyNumber,
  product: anyNumber,
});

const stepChain = object<StepChain>({
  step: count,
  from: count,
  operandIndex: count,
  formula: text(),
  upstreamName: text(),
  terms: arrayOf(term, 1_000),
  more: count,
  sum: anyNumber,
  recorded: anyNumber,
  agrees: bool,
});

export const elementChain = object<PanelElementChain>({
  node: count,
  index: arrayOf(count, 64),
  name: text(),
  value: anyNumber,
  grad: optional(anyNumber),
  seed: bool,
  steps: arrayOf(stepChain, 10_000),
});
