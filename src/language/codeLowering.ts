/**
 * Straight-line code to a graph, define-by-run: statements run top to bottom, each assignment
 * makes a new version of its name, and a conditional takes the branch its condition selects at
 * the point (known values only, never by running code), marking the choice on a `select` node.
 */
import { GraphBuilder } from '../engine/graphBuilder';
import type { Graph } from '../engine/ir';
import type { OpName } from '../engine/opName';
import { opSpec } from '../engine/ops';
import type { Expr, Formula, Fragment, NameAt, Param, Statement } from './codeAst';
import { CodeError, MAX_NODES } from './codeError';
import { evaluate, givesLeft, truthy } from './evaluate';
import type { Reference } from './frontEnd';
import { Expansion, postOrder } from './postOrder';
import type { SourceLines } from './sourceLines';
import type { Span } from './span';
import { excerpt } from './syntax';

export interface LoweringRequest {
  readonly fragment: Fragment;
  /** A name's value before the selection runs (typed by the user, or found in the document). */
  readonly valueBefore: (name: string) => number | undefined;
  /** Values the user typed: they win even over a number assigned inside the selection. */
  readonly given: (name: string) => number | undefined;
  /** The name asked for as the output. */
  readonly output?: string;
  /** The inspected part of the document, for messages about the whole selection. */
  readonly span: Span;
  /** The largest graph to build (default MAX_NODES). */
  readonly maxNodes?: number;
}

export interface LiteralValue {
  readonly value: number;
  readonly span: Span;
}

export interface LoweredFragment {
  readonly graph: Graph;
  readonly outputName: string;
  /** In document order. */
  readonly references: readonly Reference[];
  /** Inputs made by assigning a number inside the selection (`x = -2`), with that number. */
  readonly literals: ReadonlyMap<string, LiteralValue>;
}

export function lowerFragment(request: LoweringRequest, lines: SourceLines): LoweredFragment {
  return new Lowerer(request, lines).lower();
}

interface Produced {
  /** The assigned name, or a bare name standing alone (`f` on the last line). */
  readonly name?: string;
  readonly node: number;
  readonly returned: boolean;
}

class Lowerer {
  private readonly builder = new GraphBuilder();
  /** The node of the latest assignment of each name. */
  private readonly assigned = new Map<string, number>();
  private readonly inputs = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  /** Each node's value where known: conditions are decided with these. */
  private readonly values: (number | undefined)[] = [];
  private readonly references: Reference[] = [];
  private readonly literals = new Map<string, LiteralValue>();
  /** Where each name assigned in the fragment is first assigned. */
  private readonly firstAssignments: ReadonlyMap<string, Span>;

  constructor(
    private readonly request: LoweringRequest,
    private readonly lines: SourceLines,
  ) {
    this.firstAssignments = firstAssignments(request.fragment.body);
  }

  lower(): LoweredFragment {
    const { fragment } = this.request;
    for (const param of fragment.params ?? []) {
      this.parameter(param);
    }
    let last: Produced | undefined;
    for (const statement of fragment.body) {
      if (last?.returned === true) {
        throw new CodeError(
          'unsupported',
          'code after `return` never runs: select up to the return',
          statement.span,
        );
      }
      last = this.statement(statement);
    }
    const output = this.chooseOutput(last);
    return {
      graph: this.builder.build(output.node),
      outputName: output.name,
      references: this.sortedReferences(),
      literals: this.literals,
    };
  }

  private parameter(param: Param): void {
    const node = this.input(param.name);
    this.reference(param.name, node, 'parameter');
  }

  private statement(statement: Statement): Produced {
    const firstNew = this.builder.size;
    switch (statement.kind) {
      case 'assign':
        return {
          name: statement.target.name,
          node: this.assign(statement, firstNew),
          returned: false,
        };
      case 'expression': {
        const node = this.expression(statement.value);
        const name = statement.value.kind === 'name' ? statement.value.name : undefined;
        return name === undefined ? { node, returned: false } : { name, node, returned: false };
      }
      case 'return': {
        const node = this.expression(statement.value);
        const functionName = this.request.fragment.functionName;
        if (functionName !== undefined && node >= firstNew && this.isUnnamedOp(node)) {
          this.builder.rename(node, { name: functionName });
        }
        return { node, returned: true };
      }
    }
  }

  private assign(statement: Statement & { kind: 'assign' }, firstNew: number): number {
    const { target, value } = statement;
    const literal = literalValue(value);
    if (literal !== undefined && !this.assigned.has(target.name) && !this.inputs.has(target.name)) {
      return this.literalInput(target, literal, statement.span);
    }
    const node = this.expression(value);
    const previous = this.versions.get(target.name) ?? (this.inputs.has(target.name) ? 1 : 0);
    const version = previous + 1;
    this.versions.set(target.name, version);
    // `a = x` makes a another name for x's node rather than renaming it.
    if (node >= firstNew && this.isUnnamedOp(node)) {
      this.builder.rename(node, { name: target.name, version });
    }
    this.assigned.set(target.name, node);
    this.reference(target, node, 'write');
    return node;
  }

  /** `x = -2` in the selection: x is an input whose value is that number. */
  private literalInput(target: NameAt, value: number, span: Span): number {
    const node = this.builder.input(target.name, { range: this.lines.rangeOf(target.span) });
    this.values[node] = this.request.given(target.name) ?? value;
    this.inputs.set(target.name, node);
    this.versions.set(target.name, 1);
    this.literals.set(target.name, { value, span });
    this.assigned.set(target.name, node);
    this.reference(target, node, 'write');
    return node;
  }

  private isUnnamedOp(node: number): boolean {
    const made = this.builder.node(node);
    return made.kind !== 'input' && made.name === undefined;
  }

  private expression(root: Expr): number {
    return postOrder<Expr, number>(root, (expr) => this.visit(expr));
  }

  private visit(expr: Expr): number | Expansion<Expr, number> {
    switch (expr.kind) {
      case 'number':
        return this.constant(expr.value, expr.span, { text: expr.text });
      case 'name':
        return this.read(expr);
      case 'op':
        return new Expansion(expr.args, (operands) => this.op(expr.op, operands, expr.span));
      case 'formula':
        return new Expansion(expr.args, (operands) =>
          this.formula(expr.formula, operands, expr.span),
        );
      case 'conditional':
        return this.conditional(expr);
      case 'logical':
        return this.logical(expr);
      case 'compare':
      case 'not':
        return this.truthValue(expr);
    }
  }

  /** `a if c else b`: only the branch taken is in the graph, as in define-by-run autodiff. */
  private conditional(expr: Expr & { kind: 'conditional' }): Expansion<Expr, number> {
    const test = this.decide(expr.test, 'decides which branch is taken');
    const taken = truthy(test);
    const note = `${this.textOf(expr.test.span)} is ${String(taken)} at this point: took the ${taken ? 'first' : 'second'} branch`;
    return this.select(taken ? expr.consequent : expr.alternative, expr.span, note);
  }

  /** `a or b` gives a or b itself, so it is the same choice as a conditional. */
  private logical(expr: Expr & { kind: 'logical' }): Expansion<Expr, number> {
    const left = this.decide(expr.left, `decides what \`${expr.operator}\` gives`);
    const takesLeft = givesLeft(expr.operator, left);
    const note = `${this.textOf(expr.left.span)} is ${truthy(left) ? 'truthy' : 'falsy'} at this point: \`${expr.operator}\` gave its ${takesLeft ? 'left' : 'right'} operand`;
    return this.select(takesLeft ? expr.left : expr.right, expr.span, note);
  }

  private select(branch: Expr, span: Span, note: string): Expansion<Expr, number> {
    return new Expansion([branch], ([node = 0]) => this.op('select', [node], span, note));
  }

  /** A comparison used as a number is 1 or 0 at this point; its gradient is 0. */
  private truthValue(expr: Expr): number {
    const value = this.decide(expr, 'is used as a number here');
    const note = `${this.textOf(expr.span)} is ${String(truthy(value))} at this point`;
    return this.constant(value, expr.span, { note });
  }

  /** The value of `expr` now; an error naming the inputs that still need a value. */
  private decide(expr: Expr, why: string): number {
    const missing = new Set<string>();
    const value = evaluate(expr, (name) => {
      const node = this.read(name);
      const known = this.values[node];
      if (known === undefined) {
        this.unknownInputs(node).forEach((input) => missing.add(input));
      }
      return known;
    });
    if (value !== undefined) {
      return value;
    }
    const names = [...missing];
    throw new CodeError(
      'unknown-name',
      `\`${this.textOf(expr.span)}\` ${why}, so ${names.join(', ')} need${names.length === 1 ? 's' : ''} a value first: give ${names.length === 1 ? 'it' : 'them'} a value (e.g. ${names.map((name) => `${name}=1`).join(', ')})`,
      expr.span,
      names,
    );
  }

  /** The inputs without a value that `node` depends on. */
  private unknownInputs(node: number): string[] {
    const names: string[] = [];
    const seen = new Set<number>();
    const stack = [node];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      const current = this.builder.node(id);
      if (seen.has(id) || this.values[id] !== undefined) {
        continue;
      }
      seen.add(id);
      if (current.kind === 'input') {
        names.push(current.name);
      } else if (current.kind === 'op') {
        stack.push(...current.operands);
      }
    }
    return names;
  }

  private read(name: NameAt & { readonly implicit?: boolean }): number {
    const node = this.assigned.get(name.name) ?? this.inputs.get(name.name) ?? this.newInput(name);
    if (name.implicit !== true) {
      this.reference(name, node, 'read');
    }
    return node;
  }

  /** A name read before the selection assigns it must have a value from elsewhere. */
  private newInput(name: NameAt): number {
    const assignedAt = this.firstAssignments.get(name.name);
    if (assignedAt !== undefined && this.request.valueBefore(name.name) === undefined) {
      throw new CodeError(
        'unknown-name',
        `\`${name.name}\` is read before it is assigned (line ${this.lines.positionAt(assignedAt.from).line + 1}) and has no value: assign it earlier, or give it a value`,
        name.span,
        [name.name],
      );
    }
    return this.input(name);
  }

  private input(name: NameAt): number {
    const node = this.builder.input(name.name, { range: this.lines.rangeOf(name.span) });
    this.values[node] = this.request.valueBefore(name.name);
    this.inputs.set(name.name, node);
    return node;
  }

  private constant(value: number, span: Span, meta: { text?: string; note?: string }): number {
    this.checkSize(span);
    // Spread last: V8 builds `{ ...a, b }` far more slowly than `{ b, ...a }`.
    const node = this.builder.constant(value, { range: this.lines.rangeOf(span), ...meta });
    this.values[node] = value;
    return node;
  }

  private op(op: OpName, operands: readonly number[], span: Span, note?: string): number {
    this.checkSize(span);
    const range = this.lines.rangeOf(span);
    const node = this.builder.op(op, operands, note === undefined ? { range } : { range, note });
    const args = operands.map((operand) => this.values[operand]);
    this.values[node] = args.every((arg) => arg !== undefined)
      ? opSpec(op).forward(args as number[])
      : undefined;
    return node;
  }

  /** The ops of a library formula, all at the call's place; each argument is computed once. */
  private formula(formula: Formula, operands: readonly number[], span: Span): number {
    if ('arg' in formula) {
      return operands[formula.arg] ?? 0;
    }
    if ('constant' in formula) {
      return this.constant(formula.constant, span, { text: formula.text });
    }
    const parts = formula.of.map((part) => this.formula(part, operands, span));
    return this.op(formula.op, parts, span);
  }

  private checkSize(span: Span): void {
    const limit = this.request.maxNodes ?? MAX_NODES;
    if (this.builder.size >= limit) {
      throw new CodeError(
        'too-large',
        `the selection makes a graph of more than ${limit} nodes, which is more than can be inspected`,
        span,
      );
    }
  }

  private chooseOutput(last: Produced | undefined): { name: string; node: number } {
    const { fragment, output, span } = this.request;
    if (output !== undefined) {
      return { name: output, node: this.lookup(output) };
    }
    if (last === undefined) {
      throw new CodeError(
        'no-output',
        'nothing to inspect: the selection holds no expression, assignment or return',
        span,
      );
    }
    if (fragment.params !== undefined && !last.returned) {
      throw new CodeError(
        'no-output',
        `${fragment.functionName === undefined ? 'the function' : `\`${fragment.functionName}\``} returns nothing: a function is inspected through its return value`,
        span,
      );
    }
    if (last.returned) {
      return { name: fragment.functionName ?? 'return', node: last.node };
    }
    return { name: last.name ?? this.unusedName(), node: last.node };
  }

  private lookup(name: string): number {
    const node = this.assigned.get(name) ?? this.inputs.get(name);
    if (node === undefined) {
      const known = [...this.assigned.keys()];
      throw new CodeError(
        'no-output',
        `there is no \`${name}\` to take as the output: ${known.length > 0 ? `the selection assigns ${known.join(', ')}` : 'the selection assigns no names'}`,
        this.request.span,
      );
    }
    return node;
  }

  /** A name for an unnamed output (a bare expression) that the code does not use. */
  private unusedName(): string {
    const taken = (name: string): boolean => this.assigned.has(name) || this.inputs.has(name);
    return ['f', 'g', 'h'].find((name) => !taken(name)) ?? 'output';
  }

  private reference(at: NameAt, node: number, role: Reference['role']): void {
    this.references.push({ name: at.name, range: this.lines.rangeOf(at.span), node, role });
  }

  private sortedReferences(): Reference[] {
    return [...this.references].sort(
      (a, b) =>
        a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
    );
  }

  private textOf(span: Span): string {
    return excerpt(this.lines.text.slice(span.from, span.to));
  }
}

/** `-2`, `1e-3`: a number as written, possibly negated. */
function literalValue(expr: Expr): number | undefined {
  if (expr.kind === 'number') {
    return expr.value;
  }
  const [operand] = expr.kind === 'op' && expr.op === 'neg' ? expr.args : [];
  return operand?.kind === 'number' ? -operand.value : undefined;
}

function firstAssignments(body: readonly Statement[]): Map<string, Span> {
  const first = new Map<string, Span>();
  for (const statement of body) {
    if (statement.kind === 'assign' && !first.has(statement.target.name)) {
      first.set(statement.target.name, statement.target.span);
    }
  }
  return first;
}
