/**
 * Lowering of lists and tuples of numbers (listAst.ts): a list is a sequence of values, each its
 * own nodes; literals, comprehensions, `zip`/`enumerate`/`range`, slices and `.map` unroll while
 * lowering, over lists whose length the known values decide. Reductions (`sum`, `max`, `len`,
 * `.reduce`) give one node. Arithmetic on a whole list is tensor code and is refused.
 */
import type { OpName } from '../../engine/opName';
import type { Value } from './callFrame';
import type { Expr, NameAt } from './codeAst';
import { CodeError } from './codeError';
import { truthy } from './evaluate';
import type { Clause, ListExpr, ListForm, Reducer, Target } from './listAst';
import type { Span } from '../span';

/** The most items a list may have while lowering (each is at least one node). */
export const MAX_LIST_ITEMS = 100_000;

/** Lists nested deeper than this are refused (each level is a step of a recursive walk). */
export const MAX_LIST_DEPTH = 100;

export function listsTooDeep(span: Span): CodeError {
  return new CodeError(
    'too-deep',
    `lists nested more than ${MAX_LIST_DEPTH} levels deep are not read`,
    span,
  );
}

/** What list lowering needs of the lowering it is part of. */
export interface ListHost {
  /** The node of a number-valued expression. */
  scalar(expr: Expr): number;
  /** The value of `expr` now (a condition, an index); an error naming what needs a value. */
  decide(expr: Expr, why: string): number;
  constant(value: number, span: Span, meta: { text?: string; note?: string }): number;
  op(op: OpName, operands: readonly number[], span: Span): number;
  /** The list a name holds here, undefined when it holds a number; an error when nothing. */
  listNamed(name: NameAt): readonly Value[] | undefined;
  /** Runs `run` in a new scope that binds `names` (a comprehension's or a callback's). */
  within<T>(names: ReadonlyMap<string, { value: Value; at: NameAt }>, run: () => T): T;
  textOf(span: Span): string;
}

export class ListLowering {
  /** How deeply the lists being made are nested now. */
  private depth = 0;

  constructor(private readonly host: ListHost) {}

  /** A number or a list, each made once. */
  value(expr: Expr): Value {
    if (expr.kind === 'name') {
      return this.host.listNamed(expr) ?? this.host.scalar(expr);
    }
    if (expr.kind !== 'list') {
      return this.host.scalar(expr);
    }
    switch (expr.of.form) {
      case 'reduce':
      case 'fold':
        return this.host.scalar(expr);
      case 'index':
        return this.index(expr.of, expr.span);
      default:
        return this.list(expr);
    }
  }

  /** The items of a list-valued expression; an error naming it when it is no list. */
  list(expr: Expr): readonly Value[] {
    if (expr.kind === 'name') {
      const named = this.host.listNamed(expr);
      if (named === undefined) {
        throw new CodeError(
          'unsupported',
          `\`${expr.name}\` is used as a list, but it holds no list here: assign it a list first (\`${expr.name} = [1.0, 2.0]\`)`,
          expr.span,
        );
      }
      return named;
    }
    if (expr.kind !== 'list') {
      throw new CodeError(
        'unsupported',
        `\`${this.host.textOf(expr.span)}\` is a number here, not a list`,
        expr.span,
      );
    }
    if (this.depth >= MAX_LIST_DEPTH) {
      throw listsTooDeep(expr.span);
    }
    this.depth += 1;
    let made: readonly Value[];
    try {
      made = this.listOf(expr.of, expr.span);
    } finally {
      this.depth -= 1;
    }
    if (made.length > MAX_LIST_ITEMS) {
      throw new CodeError(
        'too-large',
        `\`${this.host.textOf(expr.span)}\` has ${made.length} items, more than the ${MAX_LIST_ITEMS} that can be inspected`,
        expr.span,
      );
    }
    return made;
  }

  /** A list expression in a place that takes a number: an item, a reduction or a fold. */
  scalar(expr: ListExpr): number {
    const { of, span } = expr;
    switch (of.form) {
      case 'index': {
        const item = this.index(of, span);
        if (typeof item !== 'number') {
          throw this.listAsNumber(span);
        }
        return item;
      }
      case 'reduce':
        return this.reduce(of, span);
      case 'fold':
        return this.fold(of, span);
      default:
        throw this.listAsNumber(span);
    }
  }

  private listAsNumber(span: Span): CodeError {
    return new CodeError(
      'unsupported',
      `\`${this.host.textOf(span)}\` is a list, used here as a number: arithmetic on whole lists is tensor code, which is not read here; take an item (\`xs[0]\`), reduce it (\`sum(xs)\`) or write a comprehension`,
      span,
    );
  }

  private listOf(of: ListForm, span: Span): readonly Value[] {
    switch (of.form) {
      case 'items':
        return of.items.flatMap((item) =>
          item.spread ? this.list(item.value) : [this.value(item.value)],
        );
      case 'comprehension':
        return this.comprehension(of.element, of.clauses);
      case 'range':
        return this.range(of.args, span);
      case 'zip': {
        const lists = of.lists.map((list) => this.list(list));
        const length = Math.min(...lists.map((list) => list.length));
        return Array.from({ length: lists.length === 0 ? 0 : length }, (_, i) =>
          lists.map((list) => list[i] ?? 0),
        );
      }
      case 'enumerate': {
        const list = this.list(of.list);
        const start =
          of.start === undefined ? 0 : this.integer(of.start, 'is where `enumerate` starts');
        return list.map((item, i) => [this.host.constant(start + i, span, {}), item]);
      }
      case 'reversed':
        return [...this.list(of.list)].reverse();
      case 'slice':
        return this.slice(of, span);
      case 'index': {
        const item = this.index(of, span);
        if (typeof item === 'number') {
          throw new CodeError(
            'unsupported',
            `\`${this.host.textOf(span)}\` is a number here, not a list`,
            span,
          );
        }
        return item;
      }
      case 'reduce':
      case 'fold':
        throw new CodeError(
          'unsupported',
          `\`${this.host.textOf(span)}\` is a number here, not a list`,
          span,
        );
    }
  }

  /** Each clause runs over its items in turn (the first outermost), keeping the element. */
  private comprehension(element: Expr, clauses: readonly Clause[]): Value[] {
    const made: Value[] = [];
    const run = (at: number, bound: Map<string, { value: Value; at: NameAt }>): void => {
      const clause = clauses[at];
      if (clause === undefined) {
        made.push(this.host.within(bound, () => this.value(element)));
        return;
      }
      if (clause.kind === 'if') {
        const kept = this.host.within(bound, () =>
          this.host.decide(clause.test, 'decides which items the comprehension keeps'),
        );
        if (truthy(kept)) {
          run(at + 1, bound);
        }
        return;
      }
      const items = this.host.within(bound, () => this.list(clause.iterable));
      for (const item of items) {
        const next = new Map(bound);
        bindTarget(clause.target, item, next);
        run(at + 1, next);
        if (made.length > MAX_LIST_ITEMS) {
          throw new CodeError(
            'too-large',
            `the comprehension makes more than ${MAX_LIST_ITEMS} items, more than can be inspected`,
            clause.iterable.span,
          );
        }
      }
    };
    run(0, new Map());
    return made;
  }

  private range(args: readonly Expr[], span: Span): number[] {
    const bounds = args.map((arg) => this.integer(arg, 'is a bound of `range`'));
    const [start, stop, step] =
      bounds.length === 1
        ? [0, bounds[0] ?? 0, 1]
        : [bounds[0] ?? 0, bounds[1] ?? 0, bounds[2] ?? 1];
    if (step === 0) {
      throw new CodeError(
        'unsupported',
        '`range` with a step of 0 (Python raises ValueError)',
        span,
      );
    }
    const count = Math.max(0, Math.ceil((stop - start) / step));
    if (count > MAX_LIST_ITEMS) {
      throw new CodeError(
        'too-large',
        `\`${this.host.textOf(span)}\` has ${count} items, more than the ${MAX_LIST_ITEMS} that can be inspected`,
        span,
      );
    }
    return Array.from({ length: count }, (_, i) =>
      this.host.constant(start + i * step, span, { text: String(start + i * step) }),
    );
  }

  /** An integer the known values decide (an index, a bound). */
  private integer(expr: Expr, why: string): number {
    const value = this.host.decide(expr, why);
    if (!Number.isInteger(value)) {
      throw new CodeError(
        'unsupported',
        `\`${this.host.textOf(expr.span)}\` ${why}, but it is ${value} here, not an integer`,
        expr.span,
      );
    }
    return value;
  }

  private index(of: ListForm & { form: 'index' }, span: Span): Value {
    const list = this.list(of.list);
    const written = this.integer(of.index, 'is an index');
    const at = written < 0 && of.negative ? written + list.length : written;
    const item = list[at];
    if (item === undefined || at < 0) {
      throw new CodeError(
        'unsupported',
        `\`${this.host.textOf(span)}\`: the index ${written} is outside \`${this.host.textOf(of.list.span)}\`, which has ${list.length} item${list.length === 1 ? '' : 's'}`,
        span,
      );
    }
    return item;
  }

  /** Python's slice (negative bounds count from the end, bounds beyond the ends are clipped). */
  private slice(of: ListForm & { form: 'slice' }, span: Span): readonly Value[] {
    const list = this.list(of.list);
    const length = list.length;
    const step = of.step === undefined ? 1 : this.integer(of.step, 'is the step of a slice');
    if (step === 0) {
      throw new CodeError('unsupported', 'a slice step of 0 (Python raises ValueError)', span);
    }
    const bound = (expr: Expr | undefined, otherwise: number): number => {
      if (expr === undefined) {
        return otherwise;
      }
      const value = this.integer(expr, 'is a bound of a slice');
      const from = value < 0 ? value + length : value;
      return step > 0
        ? Math.min(Math.max(from, 0), length)
        : Math.min(Math.max(from, -1), length - 1);
    };
    const start = bound(of.start, step > 0 ? 0 : length - 1);
    const stop = bound(of.stop, step > 0 ? length : -1);
    const items: Value[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
      items.push(list[i] ?? 0);
    }
    return items;
  }

  private reduce(of: ListForm & { form: 'reduce' }, span: Span): number {
    const items = this.list(of.list).map((item) => {
      if (typeof item !== 'number') {
        throw new CodeError(
          'unsupported',
          `\`${of.spelled}\` of a list of lists: each item of \`${this.host.textOf(of.list.span)}\` must be a number`,
          span,
        );
      }
      return item;
    });
    if (of.reducer === 'len') {
      return this.host.constant(items.length, span, {
        note: `${of.spelled} is ${items.length}: a count, not differentiated`,
      });
    }
    const reducer = of.reducer;
    const start = of.start === undefined ? undefined : this.host.scalar(of.start);
    const operands = start === undefined ? items : [start, ...items];
    const [first, ...rest] = operands;
    if (first === undefined) {
      return this.emptyReduction(of, span);
    }
    return rest.reduce((total, item) => this.host.op(OPS[reducer], [total, item], span), first);
  }

  private emptyReduction(of: ListForm & { form: 'reduce' }, span: Span): number {
    const empty = of.empty ?? (of.reducer === 'sum' ? 0 : of.reducer === 'prod' ? 1 : undefined);
    if (empty === undefined) {
      throw new CodeError(
        'unsupported',
        `\`${this.host.textOf(span)}\` is given an empty list (Python raises ValueError)`,
        span,
      );
    }
    return this.host.constant(empty, span, { text: String(empty) });
  }

  /** `xs.reduce((a, x, i) => …, init)`: the callback's value is the next accumulator. */
  private fold(of: ListForm & { form: 'fold' }, span: Span): number {
    const list = this.list(of.list);
    let accumulator: Value | undefined =
      of.initial === undefined ? undefined : this.value(of.initial);
    list.forEach((item, i) => {
      if (accumulator === undefined) {
        accumulator = item;
        return;
      }
      const bound = new Map<string, { value: Value; at: NameAt }>();
      const values: Value[] = [accumulator, item];
      if (of.params.length > 2) {
        values.push(this.host.constant(i, span, { text: String(i) }));
      }
      of.params.slice(0, 3).forEach((param, at) => {
        bound.set(param.name, { value: values[at] ?? 0, at: param });
      });
      accumulator = this.host.within(bound, () => this.value(of.body));
    });
    if (accumulator === undefined) {
      throw new CodeError(
        'unsupported',
        `\`${this.host.textOf(span)}\` reduces an empty array without an initial value (JavaScript throws TypeError)`,
        span,
      );
    }
    if (typeof accumulator !== 'number') {
      throw this.listAsNumber(span);
    }
    return accumulator;
  }
}

const OPS: Readonly<Record<Exclude<Reducer, 'len'>, OpName>> = {
  sum: 'add',
  prod: 'mul',
  max: 'max',
  min: 'min',
};

/** Binds each name of `target` to the item in its place. */
export function bindTarget(
  target: Target,
  value: Value,
  bound: Map<string, { value: Value; at: NameAt }>,
): void {
  if (!('items' in target)) {
    bound.set(target.name, { value, at: target });
    return;
  }
  if (typeof value === 'number' || value.length !== target.items.length) {
    const count = typeof value === 'number' ? 'a number' : `${value.length} items`;
    throw new CodeError(
      'unsupported',
      `${target.items.length} names are unpacked from ${count}: the counts must match`,
      target.span,
    );
  }
  target.items.forEach((item, i) => bindTarget(item, value[i] ?? 0, bound));
}
