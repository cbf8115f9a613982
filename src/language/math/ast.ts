/** The parsed formula: expressions with their document spans, and the statements around them. */
import type { OpName } from '../../engine/opName';
import type { Span } from '../span';
import type { BigOperatorRange } from './tokens';

export type Expr =
  /** A number or a named constant (`pi`, `e`); `text` is how it was written. */
  | {
      readonly kind: 'constant';
      readonly value: number;
      readonly text: string;
      readonly span: Span;
    }
  /** A variable: an input, or a name assigned earlier. */
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  | {
      readonly kind: 'apply';
      readonly op: OpName;
      readonly args: readonly Expr[];
      readonly span: Span;
    }
  /** Brackets (or a unary plus): no node of its own, only a wider span for the operator around it. */
  | { readonly kind: 'group'; readonly inner: Expr; readonly span: Span }
  /** `\sum_{i=1}^{3} body` or `\prod`: unrolled, one term per value of the index. */
  | {
      readonly kind: 'bigop';
      readonly op: 'sum' | 'prod';
      readonly index: NameAt;
      readonly range: BigOperatorRange;
      readonly body: Expr;
      /** The head `\sum_{i=1}^{3}`. */
      readonly head: Span;
      readonly span: Span;
    }
  /** `\|w\|` over a named list `w_1 … w_n`; `squared` for `\|w\|^2`. */
  | { readonly kind: 'norm'; readonly list: NameAt; readonly squared: boolean; readonly span: Span }
  /** `x^\top y`: the dot product of two named lists. */
  | { readonly kind: 'dot'; readonly left: NameAt; readonly right: NameAt; readonly span: Span };

export interface NameAt {
  readonly name: string;
  readonly span: Span;
}

/**
 * `forms`: the equal forms after the first, in a chain `f &= a \\ &= b` or `a \rightarrow b`;
 * the first form (`expr`) is the one inspected.
 */
export type Statement =
  | { readonly kind: 'expression'; readonly expr: Expr; readonly forms: readonly Expr[] }
  | {
      readonly kind: 'assignment';
      readonly target: NameAt;
      readonly expr: Expr;
      readonly forms: readonly Expr[];
    }
  /** `f(x, y, z) = …`: the parameters are the inputs, in order. */
  | {
      readonly kind: 'definition';
      readonly target: NameAt;
      readonly params: readonly NameAt[];
      readonly expr: Expr;
      readonly forms: readonly Expr[];
    };

export function apply(op: OpName, args: readonly Expr[], span: Span): Expr {
  return { kind: 'apply', op, args, span };
}

export function constant(value: number, text: string, span: Span): Expr {
  return { kind: 'constant', value, text, span };
}

/** The expression inside any brackets. */
export function unwrap(expr: Expr): Expr {
  let inner = expr;
  while (inner.kind === 'group') {
    inner = inner.inner;
  }
  return inner;
}
