/**
 * Lists and tuples of numbers in the neutral form (the scalar side; tensors are read apart).
 * A list is a sequence of graph values while lowering, each element its own nodes: literals,
 * comprehensions and `.map` unroll over lists whose length the known values decide, and what
 * reduces a list (`sum`, `max`, `len`, `.reduce`) gives a number.
 */
import type { Expr, NameAt } from './codeAst';
import type { Span } from '../span';

/** One expression of the neutral form that makes or reads a list. */
export interface ListExpr {
  readonly kind: 'list';
  readonly of: ListForm;
  readonly span: Span;
}

/** What a comprehension or a `.map`/`.reduce` callback binds: a name, or a tuple of targets. */
export type Target = NameAt | TupleTarget;

export interface TupleTarget {
  readonly kind: 'tuple';
  readonly items: readonly Target[];
  readonly span: Span;
}

/** `[a, *b]` / `[a, ...b]`: an item, or a list spliced in. */
export interface ListItem {
  readonly value: Expr;
  readonly spread: boolean;
}

export type Clause =
  | { readonly kind: 'for'; readonly target: Target; readonly iterable: Expr }
  | { readonly kind: 'if'; readonly test: Expr };

export type Reducer = 'sum' | 'prod' | 'max' | 'min' | 'len';

export type ListForm =
  /** `[a, b]`, `(a, b)`, `[...xs, 1]`. */
  | { readonly form: 'items'; readonly items: readonly ListItem[] }
  /** `[e for x in xs if c]`, `(e for …)`, `xs.map((x, i) => e)`: one element per item kept. */
  | { readonly form: 'comprehension'; readonly element: Expr; readonly clauses: readonly Clause[] }
  /** Python's `range(stop)`, `range(start, stop[, step])`: integers, never inputs. */
  | { readonly form: 'range'; readonly args: readonly Expr[] }
  | { readonly form: 'zip'; readonly lists: readonly Expr[] }
  | { readonly form: 'enumerate'; readonly list: Expr; readonly start?: Expr }
  | { readonly form: 'reversed'; readonly list: Expr }
  /** `xs[a:b:c]` (Python), `xs.slice(a, b)` (JavaScript): bounds absent are the ends. */
  | {
      readonly form: 'slice';
      readonly list: Expr;
      readonly start?: Expr;
      readonly stop?: Expr;
      readonly step?: Expr;
    }
  /** `xs[i]`: an item (a number, or a list of a list); `negative`: Python counts from the end. */
  | {
      readonly form: 'index';
      readonly list: Expr;
      readonly index: Expr;
      readonly negative: boolean;
    }
  /**
   * `sum(xs)`, `math.fsum`, `math.prod`, `max(xs)`, `Math.max(...xs)`, `len(xs)`, `xs.length`: a
   * number. `start`: sum's and prod's start; `empty`: the value of an empty list (JavaScript's
   * `Math.max()` is −∞), else an empty list is refused.
   */
  | {
      readonly form: 'reduce';
      readonly reducer: Reducer;
      readonly list: Expr;
      readonly start?: Expr;
      readonly empty?: number;
      readonly spelled: string;
    }
  /** `xs.reduce((a, x, i) => e, init)`: without `initial`, the first item starts. */
  | {
      readonly form: 'fold';
      readonly list: Expr;
      readonly params: readonly NameAt[];
      readonly body: Expr;
      readonly initial?: Expr;
    };

/** `a, b = xs`, `const [a, b] = xs`: each target takes the item in its place. */
export interface UnpackStatement {
  readonly kind: 'unpack';
  readonly target: TupleTarget;
  readonly value: Expr;
  readonly span: Span;
}

export function listExpr(of: ListForm, span: Span): Expr {
  return { kind: 'list', of, span };
}

/** The expressions a list expression reads, in order (for walks that look for names). */
export function listParts(of: ListForm): readonly Expr[] {
  switch (of.form) {
    case 'items':
      return of.items.map((item) => item.value);
    case 'comprehension':
      return [
        of.element,
        ...of.clauses.map((clause) => (clause.kind === 'for' ? clause.iterable : clause.test)),
      ];
    case 'range':
      return of.args;
    case 'zip':
      return of.lists;
    case 'enumerate':
      return of.start === undefined ? [of.list] : [of.list, of.start];
    case 'reversed':
      return [of.list];
    case 'slice':
      return [of.list, of.start, of.stop, of.step].filter((part) => part !== undefined);
    case 'index':
      return [of.list, of.index];
    case 'reduce':
      return of.start === undefined ? [of.list] : [of.list, of.start];
    case 'fold':
      return of.initial === undefined ? [of.list, of.body] : [of.list, of.body, of.initial];
  }
}

/** The names a target binds, in order. */
export function targetNames(target: Target): NameAt[] {
  return 'items' in target ? target.items.flatMap(targetNames) : [target];
}

/** The names a comprehension's targets or a callback's parameters bind. */
export function boundNamesOf(of: ListForm): string[] {
  if (of.form === 'fold') {
    return of.params.map((param) => param.name);
  }
  if (of.form !== 'comprehension') {
    return [];
  }
  return of.clauses.flatMap((clause) =>
    clause.kind === 'for' ? targetNames(clause.target).map((name) => name.name) : [],
  );
}
