/**
 * The language-neutral form of a code selection. Python, JavaScript and TypeScript syntax trees
 * are translated into it, so that value finding, conditionals and lowering to the graph are
 * written once. Library calls are already resolved to engine ops here (`np.exp(x)` is an `exp`
 * op), and everything the engine cannot differentiate has been rejected.
 */
import type { OpName } from '../engine/opName';
import type { Span } from './span';

export interface NameAt {
  readonly name: string;
  readonly span: Span;
}

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly span: Span }
  /** `implicit`: the read that `x += 1` makes of x, which has no text of its own. */
  | ({ readonly kind: 'name'; readonly implicit?: boolean } & NameAt)
  | {
      readonly kind: 'op';
      readonly op: OpName;
      readonly args: readonly Expr[];
      readonly span: Span;
    }
  /** A library function made of several ops, each argument computed once (`Math.round`). */
  | {
      readonly kind: 'formula';
      readonly formula: Formula;
      readonly args: readonly Expr[];
      readonly span: Span;
    }
  /** `a < b <= c`: true when every adjacent pair compares true. */
  | {
      readonly kind: 'compare';
      readonly operators: readonly Comparison[];
      readonly operands: readonly Expr[];
      readonly span: Span;
    }
  /** Python's `and`/`or`, JavaScript's `&&`/`||`: both give one of their operands. */
  | {
      readonly kind: 'logical';
      readonly operator: 'and' | 'or';
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  | { readonly kind: 'not'; readonly operand: Expr; readonly span: Span }
  | {
      readonly kind: 'conditional';
      readonly test: Expr;
      readonly consequent: Expr;
      readonly alternative: Expr;
      readonly span: Span;
    };

/** Ops over the arguments of a formula: `{ arg: 0 }` is the first argument. */
export type Formula =
  | { readonly arg: number }
  | { readonly constant: number; readonly text: string }
  | { readonly op: OpName; readonly of: readonly Formula[] };

export type Statement =
  /** `x = …`; `x += 1` arrives as `x = x + 1` with an implicit read of x. */
  | { readonly kind: 'assign'; readonly target: NameAt; readonly value: Expr; readonly span: Span }
  | { readonly kind: 'expression'; readonly value: Expr; readonly span: Span }
  | { readonly kind: 'return'; readonly value: Expr; readonly span: Span };

export interface Param {
  readonly name: NameAt;
  readonly default?: Expr;
}

/** What a selection holds, ready to lower. */
export interface Fragment {
  /** When a whole function was selected: its parameters, the inputs in order. */
  readonly params?: readonly Param[];
  readonly body: readonly Statement[];
  /** The selected (or enclosing) function's name, which names what it returns. */
  readonly functionName?: string;
}

export function numberExpr(value: number, text: string, span: Span): Expr {
  return { kind: 'number', value, text, span };
}

export function opExpr(op: OpName, args: readonly Expr[], span: Span): Expr {
  return { kind: 'op', op, args, span };
}
