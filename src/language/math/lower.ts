/**
 * Turns the statements into a graph. Expressions are walked with an explicit stack, never by
 * recursion: a long chain such as `x + x + … + x` is a tree as deep as it is long.
 */
import type { Reference } from '../frontEnd';
import { GraphBuilder } from '../../engine/graphBuilder';
import type { Graph } from '../../engine/ir';
import { unwrap, type Expr, type NameAt, type Statement } from './ast';
import { MAX_NODES, MathError } from './mathError';
import { elementRange } from './elementRange';
import { namesUsed, usedThroughElements } from './namesUsed';
import { ReadingNotes } from './readingNotes';
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';
import type { BoundText } from './tokens';

export interface Lowered {
  readonly graph: Graph;
  readonly outputName: string;
  /** In document order. */
  readonly references: readonly Reference[];
  /** Names whose known values were read as bounds of sums and products. */
  readonly valuesRead: readonly string[];
}

interface Frame {
  readonly expr: Expr;
  readonly expanded: boolean;
}

/** At most this many terms are unrolled from one `\sum` or `\prod`. */
export const MAX_TERMS = 100_000;

export function lower(
  source: SourceLines,
  statements: readonly Statement[],
  requestedOutput: string | undefined,
  region: Span,
  /** Values known before lowering (annotations, the user's): bounds of sums, lengths of lists. */
  known: ReadonlyMap<string, number> = new Map(),
  notes: ReadingNotes = new ReadingNotes(),
): Lowered {
  const lowerer = new Lowerer(source, known, notes);
  let last: { name: string | undefined; node: number } = { name: undefined, node: 0 };
  for (const statement of statements) {
    last = lowerer.statement(statement);
  }
  if (lowerer.size > MAX_NODES) {
    throw new MathError(
      'too-large',
      `the formula makes a graph of ${lowerer.size} nodes; at most ${MAX_NODES} can be inspected`,
      region,
    );
  }
  const output =
    requestedOutput === undefined
      ? { name: last.name ?? lowerer.unusedName(), node: last.node }
      : { name: requestedOutput, node: lowerer.lookup(requestedOutput, region) };
  return {
    graph: lowerer.build(output.node),
    outputName: output.name,
    references: lowerer.sortedReferences(),
    valuesRead: lowerer.valuesRead(),
  };
}

class Lowerer {
  private readonly builder = new GraphBuilder();
  /** The node of the latest assignment of each name. */
  private readonly assigned = new Map<string, number>();
  private readonly inputs = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  private readonly references: Reference[] = [];
  private readonly boundsRead = new Set<string>();
  /** How many times the sum being unrolled runs: the product of the enclosing sums' terms. */
  private enclosingTerms = 1;
  /** The indices of the sums being unrolled, and their values in the current term. */
  private readonly indices = new Map<string, number>();

  constructor(
    private readonly source: SourceLines,
    private readonly known: ReadonlyMap<string, number>,
    private readonly notes: ReadingNotes,
  ) {}

  get size(): number {
    return this.builder.size;
  }

  statement(statement: Statement): { name: string | undefined; node: number } {
    const before = this.builder.size;
    if (statement.kind === 'definition') {
      const used = namesUsed(statement.expr);
      for (const param of statement.params) {
        if (usedThroughElements(param.name, used)) {
          this.notes.add(
            param.span,
            `the parameter \`${param.name}\` of \`${statement.target.name}\` is used only through its elements (${param.name}_…): they are the inputs`,
          );
        } else {
          this.parameter(param);
        }
      }
    }
    const node = this.expression(statement.expr);
    if (statement.kind === 'expression') {
      // A bare name (`f` on the last line) names the output it stands for.
      const inner = unwrap(statement.expr);
      return { name: inner.kind === 'name' ? inner.name : undefined, node };
    }
    this.assign(statement.target, node, before);
    return { name: statement.target.name, node };
  }

  private parameter(param: NameAt): void {
    if (this.assigned.has(param.name)) {
      throw new MathError(
        'unsupported',
        `the parameter \`${param.name}\` is already assigned above; a parameter must be a fresh input`,
        param.span,
      );
    }
    const node = this.input(param);
    this.reference(param, node, 'parameter');
  }

  private input(at: NameAt): number {
    const node = this.builder.input(at.name, { range: this.source.rangeOf(at.span) });
    this.inputs.set(at.name, node);
    return node;
  }

  /**
   * Names the node an assignment made. When the right side made no node of its own (`a = x`,
   * `r = q`), the name is an alias of the existing node rather than a rename of it.
   */
  private assign(target: NameAt, node: number, firstNew: number): void {
    const previous = this.versions.get(target.name) ?? (this.inputs.has(target.name) ? 1 : 0);
    const version = previous + 1;
    this.versions.set(target.name, version);
    const made = this.builder.node(node);
    if (node >= firstNew && made.kind !== 'input' && made.name === undefined) {
      this.builder.rename(node, { name: target.name, version });
    }
    this.assigned.set(target.name, node);
    this.reference(target, node, 'write');
  }

  private expression(root: Expr): number {
    const results: number[] = [];
    const stack: Frame[] = [{ expr: root, expanded: false }];
    for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
      const { expr } = frame;
      if (expr.kind === 'group') {
        stack.push({ expr: expr.inner, expanded: false });
      } else if (expr.kind === 'constant') {
        const range = this.source.rangeOf(expr.span);
        results.push(this.builder.constant(expr.value, { text: expr.text, range }));
      } else if (expr.kind === 'name') {
        results.push(this.read(expr));
      } else if (expr.kind === 'bigop') {
        results.push(this.bigOperator(expr));
      } else if (expr.kind === 'norm') {
        results.push(this.norm(expr));
      } else if (expr.kind === 'dot') {
        results.push(this.dot(expr));
      } else if (!frame.expanded) {
        stack.push({ expr, expanded: true });
        for (let i = expr.args.length - 1; i >= 0; i--) {
          stack.push({ expr: expr.args[i] as Expr, expanded: false });
        }
      } else {
        const operands = results.splice(results.length - expr.args.length);
        results.push(this.builder.op(expr.op, operands, { range: this.source.rangeOf(expr.span) }));
      }
    }
    return results[0] ?? 0;
  }

  private read(written: NameAt): number {
    const index = this.indices.get(written.name);
    if (index !== undefined && !this.assigned.has(written.name)) {
      // The index of a sum is a constant in each term.
      return this.builder.constant(index, {
        text: written.name,
        range: this.source.rangeOf(written.span),
      });
    }
    const direct = written.name.includes('{') ? this.chosenElement(written) : written;
    const name = this.indices.size === 0 ? direct : { ...direct, name: this.element(direct.name) };
    const node = this.assigned.get(name.name) ?? this.input(name);
    this.reference(name, node, 'read');
    return node;
  }

  /**
   * `s_{y_i}`: the element of s that the value of y_i picks (`s_1` where y_i = 1), said in a
   * note. Inside a sum over i, y_i is first the element `y_2` of the term.
   */
  private chosenElement(written: NameAt): NameAt {
    const picks: string[] = [];
    const name = written.name.replace(/\{([^{}]+)\}/g, (_, inner: string) => {
      const by = this.indices.size === 0 ? inner : this.element(inner);
      const value = this.indices.get(by) ?? this.known.get(by);
      if (value === undefined || !Number.isInteger(value)) {
        const what = value === undefined ? 'is not known' : `is ${value}, not a whole number`;
        throw new MathError(
          value === undefined ? 'unknown-name' : 'unsupported',
          `\`${this.source.text.slice(written.span.from, written.span.to)}\` is the element of ${written.name.split('_')[0]} that ${by} picks, and ${by} ${what}: give it a whole-number value (at: ${by}=1)`,
          written.span,
          [by],
        );
      }
      if (!this.indices.has(by)) {
        this.boundsRead.add(by);
      }
      picks.push(`${by} = ${value}`);
      return String(value);
    });
    this.notes.add(
      written.span,
      `\`${this.source.text.slice(written.span.from, written.span.to)}\` is ${name}, the element that ${picks.join(', ')} picks`,
    );
    return { ...written, name };
  }

  /** `w_i` inside a sum over i is `w_2` in the term i = 2; `w_{ij}` is `w_12`, `w_{i+1}` is `w_3`. */
  private element(name: string): string {
    const [base = name, ...parts] = name.split('_');
    if (parts.length === 0) {
      return name;
    }
    return [base, ...parts.map((part) => this.subscript(part))].join('_');
  }

  private subscript(part: string): string {
    if (part.includes(',')) {
      // `W_{k,l}`: each index on its own, `W_{1,2}` in the term k = 1, l = 2.
      return part
        .split(',')
        .map((index) => this.subscript(index))
        .join(',');
    }
    const whole = this.indices.get(part);
    if (whole !== undefined) {
      return String(whole);
    }
    const offset = /^([A-Za-z])([+-])(\d+)$/.exec(part);
    const base = offset === null ? undefined : this.indices.get(offset[1] ?? '');
    if (offset !== null && base !== undefined) {
      return String(offset[2] === '+' ? base + Number(offset[3]) : base - Number(offset[3]));
    }
    if (part.length > 1 && [...part].every((char) => this.indices.has(char))) {
      return [...part].map((char) => String(this.indices.get(char))).join('');
    }
    return part;
  }

  private bigOperator(expr: Extract<Expr, { kind: 'bigop' }>): number {
    const symbol = expr.op === 'sum' ? '\u2211' : '\u220f';
    const index = expr.index.name;
    if (this.indices.has(index)) {
      throw new MathError(
        'unsupported',
        `the index \`${index}\` is already the index of an outer sum or product: give this one another letter`,
        expr.head,
      );
    }
    const headText = this.source.text.slice(expr.head.from, expr.head.to).trimEnd();
    const { values, label } = this.indexValues(expr, headText);
    const count = values.length;
    const outer = this.enclosingTerms;
    if (count * outer > MAX_TERMS) {
      throw new MathError(
        'too-large',
        `\`${headText}\` inside sums or products of ${outer.toLocaleString('en-US')} terms makes ${(count * outer).toLocaleString('en-US')} terms; at most ${MAX_TERMS.toLocaleString('en-US')} can be unrolled`,
        expr.head,
      );
    }
    return this.unrolled(
      expr.op,
      `${symbol} ${label}`,
      expr.span,
      count,
      (term) => {
        this.indices.set(index, values[term] as number);
        this.enclosingTerms = outer * count;
        try {
          return this.expression(expr.body);
        } finally {
          this.indices.delete(index);
          this.enclosingTerms = outer;
        }
      },
      { name: index, values },
    );
  }

  /** The values of the index, in order, and how the loop is labelled (`i = 1…3`). */
  private indexValues(
    expr: Extract<Expr, { kind: 'bigop' }>,
    headText: string,
  ): { values: number[]; label: string } {
    const index = expr.index.name;
    const range = expr.range;
    if (range.kind === 'bounds') {
      const from = this.bound(expr, range.lower, 'lower');
      const to = this.bound(expr, range.upper, 'upper');
      const count = Math.max(0, to - from + 1);
      // Checked here too, before the array of values is made.
      if (count > MAX_TERMS) {
        throw new MathError(
          'too-large',
          `\`${headText}\` has ${count.toLocaleString('en-US')} terms; at most ${MAX_TERMS.toLocaleString('en-US')} can be unrolled`,
          expr.head,
        );
      }
      const values = Array.from({ length: count }, (_, k) => from + k);
      return { values, label: `${index} = ${from}\u2026${to}` };
    }
    const given = elementRange(index, expr.body, this.known, expr.head, headText);
    const except =
      range.except === undefined ? undefined : this.bound(expr, range.except, 'excluded');
    const values = given.filter((value) => value !== except);
    const written = `${index} = ${values.join(', ')}`;
    this.notes.add(
      expr.head,
      `\`${headText}\` runs over the elements given: ${written}${except === undefined ? '' : ` (${index} = ${except} left out)`}`,
    );
    return { values, label: written };
  }

  /** A bound's whole-number value: written, or a name with a known value. */
  private bound(
    expr: Extract<Expr, { kind: 'bigop' }>,
    bound: BoundText,
    which: 'lower' | 'upper' | 'excluded',
  ): number {
    const headText = this.source.text.slice(expr.head.from, expr.head.to);
    if (bound.kind === 'number') {
      return bound.value;
    }
    const name = this.indices.size === 0 ? bound.name : this.element(bound.name);
    const outer = this.indices.get(name);
    const value = outer ?? this.known.get(name);
    if (outer === undefined && value !== undefined) {
      this.boundsRead.add(name);
    }
    if (value === undefined) {
      throw new MathError(
        'unknown-name',
        `the ${which} bound \`${bound.name}\` of \`${headText}\` is not known: give it a value (at: ${bound.name}=3) or write a number`,
        bound,
        [bound.name],
      );
    }
    if (!Number.isInteger(value)) {
      throw new MathError(
        'unsupported',
        `the ${which} bound \`${bound.name}\` of \`${headText}\` is ${value}, not a whole number`,
        bound,
      );
    }
    return value;
  }

  /** `\|w\|` is √(w_1² + … + w_n²); `\|w\|^2` the sum of squares alone. */
  private norm(expr: Extract<Expr, { kind: 'norm' }>): number {
    const list = expr.list;
    const length = this.listLength(list, expr.span);
    const range = this.source.rangeOf(expr.span);
    const label = `\u2016${list.name}\u2016${expr.squared ? '\u00b2' : ''}`;
    const squares = this.unrolled('sum', label, expr.span, length, (term) => {
      const element = this.read({ name: `${list.name}_${term + 1}`, span: list.span });
      return this.builder.op('pow', [element, this.builder.constant(2, { range })], { range });
    });
    return expr.squared ? squares : this.builder.op('sqrt', [squares], { range });
  }

  /** `x^\top y` = x_1 y_1 + … + x_n y_n. */
  private dot(expr: Extract<Expr, { kind: 'dot' }>): number {
    const n = this.listLength(expr.left, expr.span);
    const m = this.listLength(expr.right, expr.span);
    if (n !== m) {
      throw new MathError(
        'unsupported',
        `\`${expr.left.name}^\u22a4 ${expr.right.name}\` needs lists of one length: \`${expr.left.name}\` has ${n} elements, \`${expr.right.name}\` ${m}`,
        expr.span,
      );
    }
    const range = this.source.rangeOf(expr.span);
    return this.unrolled(
      'sum',
      `${expr.left.name}\u1d40${expr.right.name}`,
      expr.span,
      n,
      (term) => {
        const left = this.read({ name: `${expr.left.name}_${term + 1}`, span: expr.left.span });
        const right = this.read({ name: `${expr.right.name}_${term + 1}`, span: expr.right.span });
        return this.builder.op('mul', [left, right], { range });
      },
    );
  }

  /** How many elements `w_1, w_2, …` the known values give the list `w`. */
  private listLength(list: NameAt, where: Span): number {
    let length = 0;
    while (this.known.has(`${list.name}_${length + 1}`)) {
      length += 1;
    }
    if (length === 0) {
      throw new MathError(
        'unknown-name',
        `the length of the list \`${list.name}\` is not known: give its elements, e.g. at: ${list.name}=[1, 2, 3]`,
        where,
        [list.name],
      );
    }
    return length;
  }

  /**
   * `count` terms combined by additions (a sum) or multiplications (a product), in a loop
   * group with one iteration group per term; an empty sum is 0 and an empty product 1.
   */
  private unrolled(
    op: 'sum' | 'prod',
    label: string,
    at: Span,
    count: number,
    term: (index: number) => number,
    index?: { readonly name: string; readonly values: readonly number[] },
  ): number {
    const range = this.source.rangeOf(at);
    if (count === 0) {
      return this.builder.constant(op === 'sum' ? 0 : 1, { range, text: `empty ${label}` });
    }
    this.builder.openGroup('loop', label, range);
    let total: number | undefined;
    try {
      for (let k = 0; k < count; k++) {
        const which = index === undefined ? `${k + 1}` : `${index.name} = ${index.values[k]}`;
        this.builder.openGroup('iteration', `${label} \u00b7 ${which}`, range);
        const value = term(k);
        total =
          total === undefined
            ? value
            : this.builder.op(op === 'sum' ? 'add' : 'mul', [total, value], { range });
        this.builder.closeGroup();
        if (this.builder.size > MAX_NODES) {
          throw new MathError(
            'too-large',
            `the formula makes a graph of more than ${MAX_NODES.toLocaleString('en-US')} nodes while unrolling \`${label}\`; at most ${MAX_NODES.toLocaleString('en-US')} can be inspected`,
            at,
          );
        }
      }
    } finally {
      this.builder.closeGroup();
    }
    return total as number;
  }

  private reference(at: NameAt, node: number, role: Reference['role']): void {
    this.references.push({ name: at.name, range: this.source.rangeOf(at.span), node, role });
  }

  lookup(name: string, region: Span): number {
    const node = this.assigned.get(name) ?? this.inputs.get(name);
    if (node === undefined) {
      const known = [...this.assigned.keys()];
      throw new MathError(
        'no-output',
        `there is no \`${name}\` to take as the output: ${known.length > 0 ? `the assigned names are ${known.join(', ')}` : 'the formula assigns no names'}`,
        region,
      );
    }
    return node;
  }

  /** A name for an unnamed output (a bare expression) that the formula does not use. */
  unusedName(): string {
    const taken = (name: string): boolean => this.assigned.has(name) || this.inputs.has(name);
    return ['f', 'g', 'h'].find((name) => !taken(name)) ?? 'output';
  }

  valuesRead(): string[] {
    return [...this.boundsRead];
  }

  build(output: number): Graph {
    return this.builder.build(output);
  }

  sortedReferences(): Reference[] {
    return [...this.references].sort(
      (a, b) =>
        a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
    );
  }
}
