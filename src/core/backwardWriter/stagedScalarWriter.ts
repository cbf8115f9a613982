/**
 * The staged backward pass of scalar code, as CS231n's notes write it: the seed `df = 1.0`, then
 * for each statement from the last to the first, one line per operand (`dq = z * df`,
 * `dz = q * df`), the first contribution to a gradient `=` and the others `+=` (gradients add up
 * at forks). An unnamed intermediate used once is folded into its operands' lines (`dw[0] +=
 * x[0] * ddot`); one used more often gets a gradient of its own.
 */
import type { GraphNode, OpNode } from '../../engine/ir';
import type { InspectionResult } from '../../engine/result';
import type { Program } from '../../language/frontEnd';
import { atom } from './codeText';
import { isMathFunction, type CodeDialect } from './codeDialect';
import { nodesOnGradientPaths } from './gradientPaths';
import { GradientNames, identifiersOf, listElement, writableName } from './gradientNames';
import { codeBlock, insertionPoint } from './insertionPoint';
import { ScalarExpressions } from './scalarExpressions';
import { localDerivatives, type LocalDerivative } from './scalarLocalDerivatives';
import type { WriteOutcome, WrittenGradient } from './writtenBackward';

interface Edge {
  readonly from: number;
  readonly to: number;
  readonly factor: string | 1;
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly node?: GraphNode,
  ) {
    super(message);
  }
}

export function writeStagedScalar(
  program: Program,
  result: InspectionResult,
  source: string,
  dialect: CodeDialect,
): WriteOutcome {
  try {
    return { ok: true, written: new StagedWriter(program, result, source, dialect).write() };
  } catch (error) {
    if (!(error instanceof Refusal)) {
      throw error;
    }
    return {
      ok: false,
      error: {
        kind: 'unwritable',
        message: error.message,
        ...(error.node?.range === undefined ? {} : { range: error.node.range }),
      },
    };
  }
}

class StagedWriter {
  private readonly expressions: ScalarExpressions;
  private readonly names: GradientNames;
  private readonly edges = new Map<number, Edge[]>();
  private readonly contributions = new Map<number, number>();
  private readonly declared = new Set<string>();
  private readonly lines: string[] = [];
  private readonly gradients: WrittenGradient[] = [];
  private readonly output: number;
  /** Contributions to list elements, by list and index. */
  private readonly lists = new Map<string, Map<number, string[]>>();
  private readonly unused: readonly string[];

  constructor(
    private readonly program: Program,
    result: InspectionResult,
    private readonly source: string,
    private readonly dialect: CodeDialect,
  ) {
    this.expressions = new ScalarExpressions(program.graph, dialect);
    this.names = new GradientNames(identifiersOf(forwardText(source, program)));
    this.output = result.output.id;
    this.unused = result.unused.map((input) => input.name);
  }

  write() {
    const needed = this.neededNodes();
    const outputNode = this.expressions.node(this.output);
    if (![...needed].some((id) => this.expressions.node(id).kind === 'input')) {
      throw new Refusal(
        `\`${outputNode.name ?? 'the output'}\` depends on no input: there is no gradient to write`,
        outputNode,
      );
    }
    this.mustHoldValue(outputNode);
    this.planEdges(needed);
    const seed = this.gradientOf(outputNode);
    this.lines.push(this.dialect.language === 'python' ? '# backward pass' : '// backward pass');
    this.lines.push(this.dialect.declare(seed, '1.0'));
    this.declared.add(seed);
    for (let id = this.output; id >= 0; id -= 1) {
      const node = this.expressions.node(id);
      if (node.kind === 'op' && this.edges.has(id) && !this.isFolded(node)) {
        this.writeEdges(id, this.gradientOf(node));
      }
    }
    this.writeLists();
    const point = insertionPoint(
      this.source,
      this.program.graph.nodes.map((node) => node.range),
      outputNode.range,
    );
    return {
      style: 'staged-scalar' as const,
      code: codeBlock(this.lines, point),
      insertAt: point.insertAt,
      output: outputNode.name ?? this.program.outputName,
      gradients: this.gradients,
    };
  }

  /** Nodes on a path from an input to the output: the only ones with a gradient to write. */
  private neededNodes(): ReadonlySet<number> {
    const nodes = this.program.graph.nodes.map((node) => ({
      id: node.id,
      isInput: node.kind === 'input',
      operands: node.kind === 'op' ? node.operands : [],
      passesGradient: node.kind === 'op',
    }));
    return nodesOnGradientPaths(nodes, this.output);
  }

  /** Each node's local derivatives towards its needed operands, from the output down. */
  private planEdges(needed: ReadonlySet<number>): void {
    const reached = new Set([this.output]);
    for (let id = this.output; id >= 0; id -= 1) {
      const node = this.expressions.node(id);
      if (!reached.has(id) || !needed.has(id)) {
        continue;
      }
      this.mustHoldValue(node);
      if (node.kind !== 'op') {
        continue;
      }
      const locals = this.localsOf(node).filter((local) => needed.has(local.operand));
      this.edges.set(
        id,
        locals.map((local) => ({ from: id, to: local.operand, factor: local.factor })),
      );
      for (const local of locals) {
        reached.add(local.operand);
        this.contributions.set(local.operand, (this.contributions.get(local.operand) ?? 0) + 1);
      }
    }
  }

  private localsOf(node: OpNode): readonly LocalDerivative[] {
    const outcome = localDerivatives(node, this.expressions, this.dialect);
    if (outcome.ok) {
      return outcome.locals;
    }
    if (outcome.node.kind === 'input') {
      this.mustHoldValue(outcome.node);
    }
    const failed = outcome.node;
    const unspelt =
      failed.kind === 'op' &&
      isMathFunction(failed.op) &&
      this.dialect.call(failed.op, '0') === undefined;
    const why = unspelt
      ? 'needs a math module the file does not import (`import math`)'
      : 'has no plain-code derivative the writer knows';
    throw new Refusal(`${describe(failed)} (${lineOf(failed)}) ${why}`, failed);
  }

  /** A gradient named after a name assigned twice would be ambiguous: refused, not guessed. */
  private mustHoldValue(node: GraphNode): void {
    if (node.name !== undefined && !writableName(node.name)) {
      throw new Refusal(
        `\`${node.name}\` (${lineOf(node)}) is no name the backward pass can use (a value inside an inlined call): select the function's body instead`,
        node,
      );
    }
    const reassigned = node.name !== undefined && !this.expressions.holdsValue(node);
    const keyed = node.kind === 'input' && node.key !== undefined;
    if (!reassigned && !keyed) {
      return;
    }
    throw new Refusal(
      `\`${node.name ?? ''}\` is assigned more than once (${lineOf(node)} and later): the backward pass would need a gradient for each value; select the code up to one assignment`,
      node,
    );
  }

  /** An unnamed intermediate with one contribution: its gradient is written into its operands'. */
  private isFolded(node: GraphNode): boolean {
    return node.kind === 'op' && node.name === undefined && this.contributions.get(node.id) === 1;
  }

  private writeEdges(id: number, upstream: string): void {
    for (const edge of this.edges.get(id) ?? []) {
      const target = this.expressions.node(edge.to);
      if (this.isFolded(target)) {
        this.writeEdges(
          edge.to,
          edge.factor === 1 ? upstream : `${atom(edge.factor)} * ${atom(upstream)}`,
        );
        continue;
      }
      const contribution =
        edge.factor === 1 ? `1.0 * ${atom(upstream)}` : `${atom(edge.factor)} * ${atom(upstream)}`;
      this.writeContribution(target, contribution);
    }
  }

  private writeContribution(target: GraphNode, contribution: string): void {
    const element = target.kind === 'input' ? listElement(target.name) : undefined;
    if (element !== undefined) {
      const list = this.lists.get(element.list) ?? new Map<number, string[]>();
      this.lists.set(element.list, list);
      list.set(Number(element.index), [...(list.get(Number(element.index)) ?? []), contribution]);
      return;
    }
    const name = this.gradientOf(target);
    if (this.declared.has(name)) {
      this.lines.push(this.dialect.accumulate(name, contribution));
      return;
    }
    this.declared.add(name);
    this.lines.push(this.dialect.declare(name, contribution));
  }

  /**
   * Lists whose elements are inputs get their gradient as one list at the end, as the notes
   * write `dw = [x[0] * ddot, x[1] * ddot, 1.0 * ddot]` (every upstream gradient is final by
   * then); an element with no contribution is 0.0.
   */
  private writeLists(): void {
    for (const [list, elements] of this.lists) {
      const length = this.listLength(list);
      const items = Array.from({ length }, (_, index) => elements.get(index)?.join(' + ') ?? '0.0');
      const name = this.names.nameFor(`list:${list}`, list);
      this.lines.push(this.dialect.declare(name, `[${items.join(', ')}]`));
      this.gradients.push({ name, of: list });
    }
  }

  /** One past the largest index of the list's elements the code reads, used or not. */
  private listLength(list: string): number {
    const names = [
      ...this.program.graph.nodes.flatMap((node) => (node.kind === 'input' ? [node.name] : [])),
      ...this.unused,
    ];
    const indices = names.flatMap((name) => {
      const element = listElement(name);
      return element?.list === list ? [Number(element.index)] : [];
    });
    return Math.max(0, ...indices) + 1;
  }

  private gradientOf(node: GraphNode): string {
    const key = `node:${node.id}`;
    if (node.name !== undefined) {
      const name = this.names.nameFor(key, node.name);
      if (node.id !== this.output && !this.gradients.some((gradient) => gradient.name === name)) {
        this.gradients.push({ name, of: node.name });
      }
      return name;
    }
    return this.names.nameFor(key, this.intermediateBase(node));
  }

  /** An unnamed intermediate is named after the statement it is part of: `sigy_exp`. */
  private intermediateBase(node: GraphNode): string {
    const op = node.kind === 'op' ? node.op : 't';
    for (const other of this.program.graph.nodes.slice(node.id + 1)) {
      if (other.name !== undefined && other.range !== undefined && node.range !== undefined) {
        if (
          other.range.start.line <= node.range.start.line &&
          other.range.end.line >= node.range.end.line
        ) {
          return `${other.name}_${op}`;
        }
      }
    }
    return `_${op}`;
  }
}

function describe(node: GraphNode): string {
  if (node.kind === 'op') {
    return `\`${node.op}\``;
  }
  return `\`${node.name ?? 'the value'}\``;
}

function lineOf(node: GraphNode): string {
  return node.range === undefined ? 'in the selection' : `line ${node.range.start.line + 1}`;
}

/** The source up to the forward pass's last line: names written below it are the user's to keep. */
function forwardText(source: string, program: Program): string {
  const last = Math.max(0, ...program.graph.nodes.map((node) => node.range?.end.line ?? 0));
  return source
    .split('\n')
    .slice(0, last + 1)
    .join('\n');
}
