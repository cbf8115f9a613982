/**
 * Turns the statements into a graph. Expressions are walked with an explicit stack, never by
 * recursion: a long chain such as `x + x + … + x` is a tree as deep as it is long.
 */
import type { Reference } from '../frontEnd';
import { GraphBuilder } from '../../engine/graphBuilder';
import type { Graph } from '../../engine/ir';
import { unwrap, type Expr, type NameAt, type Statement } from './ast';
import { MAX_NODES, MathError } from './mathError';
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';

export interface Lowered {
  readonly graph: Graph;
  readonly outputName: string;
  /** In document order. */
  readonly references: readonly Reference[];
}

interface Frame {
  readonly expr: Expr;
  readonly expanded: boolean;
}

export function lower(
  source: SourceLines,
  statements: readonly Statement[],
  requestedOutput: string | undefined,
  region: Span,
): Lowered {
  const lowerer = new Lowerer(source);
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
  };
}

class Lowerer {
  private readonly builder = new GraphBuilder();
  /** The node of the latest assignment of each name. */
  private readonly assigned = new Map<string, number>();
  private readonly inputs = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  private readonly references: Reference[] = [];

  constructor(private readonly source: SourceLines) {}

  get size(): number {
    return this.builder.size;
  }

  statement(statement: Statement): { name: string | undefined; node: number } {
    const before = this.builder.size;
    if (statement.kind === 'definition') {
      for (const param of statement.params) {
        this.parameter(param);
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

  private read(name: NameAt): number {
    const node = this.assigned.get(name.name) ?? this.input(name);
    this.reference(name, node, 'read');
    return node;
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
