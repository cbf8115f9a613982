/**
 * The backward pass of NumPy code in matrix form, as CS231n's notes write it: the seed
 * `dloss = 1.0`, then from the last statement up one line per operand with each op's VJP in
 * matrix form (`dW = X.T @ dscores`, `db = np.sum(dscores, axis=0, keepdims=True)`), `=` for a
 * gradient's first contribution and `+=` for the others, a ReLU as the mask
 * `dhidden[hidden_layer <= 0] = 0`, and the softmax classifier's loss fused as the notes fuse it.
 * An unnamed intermediate used once is folded into its operands' lines.
 */
import type { TensorNode } from '../../engine/tensor/tensorIr';
import type { TensorInspectionResult } from '../../engine/tensor/tensorResult';
import type { TensorProgram } from '../../language/frontEnd';
import { nodesOnGradientPaths } from './gradientPaths';
import { GradientNames, identifiersOf, writableName } from './gradientNames';
import { codeBlock, insertionPoint } from './insertionPoint';
import { NumpyExpressions } from './numpyExpressions';
import { numpyVjps, type TensorEdge } from './numpyVjps';
import { softmaxLoss, type SoftmaxLoss } from './softmaxLossPattern';
import type { WriteOutcome, WrittenGradient } from './writtenBackward';

type PlannedEdge =
  TensorEdge | { readonly kind: 'fused'; readonly to: number; readonly loss: SoftmaxLoss };

class Refusal extends Error {
  constructor(
    message: string,
    readonly node?: TensorNode,
  ) {
    super(message);
  }
}

export function writeNumpyMatrix(
  program: TensorProgram,
  result: TensorInspectionResult,
  source: string,
): WriteOutcome {
  const np = numpyAlias(source);
  if (np === undefined) {
    return {
      ok: false,
      error: {
        kind: 'unwritable',
        message:
          'a backward pass in matrix form is written with NumPy: this file does not import numpy',
      },
    };
  }
  try {
    return { ok: true, written: new MatrixWriter(program, result, source, np).write() };
  } catch (error) {
    if (!(error instanceof Refusal)) {
      throw error;
    }
    const range = error.node?.range;
    return {
      ok: false,
      error: {
        kind: 'unwritable',
        message: error.message,
        ...(range === undefined ? {} : { range }),
      },
    };
  }
}

/** `import numpy as np` → `np`. */
function numpyAlias(source: string): string | undefined {
  const match = /^\s*import\s+numpy(?:\s+as\s+(\w+))?\s*$/m.exec(source);
  return match === null ? undefined : (match[1] ?? 'numpy');
}

class MatrixWriter {
  private readonly expressions: NumpyExpressions;
  private readonly names: GradientNames;
  private readonly edges = new Map<number, readonly PlannedEdge[]>();
  private readonly contributions = new Map<number, number>();
  /** Nodes that need a gradient variable of their own: scattered into, or a fused result. */
  private readonly ownVariable = new Set<number>();
  private readonly declared = new Set<string>();
  private readonly lines: string[] = [];
  private readonly gradients: WrittenGradient[] = [];
  private readonly output: number;

  constructor(
    private readonly program: TensorProgram,
    private readonly result: TensorInspectionResult,
    private readonly source: string,
    np: string,
  ) {
    this.expressions = new NumpyExpressions(program.graph, np);
    this.names = new GradientNames(identifiersOf(forwardText(source, program)));
    this.output = result.output.id;
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
    this.lines.push('# backward pass', `${seed} = 1.0`);
    this.declared.add(seed);
    for (let id = this.output; id >= 0; id -= 1) {
      const node = this.expressions.node(id);
      if (this.edges.has(id) && !this.isFolded(node)) {
        this.writeEdges(id, this.gradientOf(node));
      }
    }
    const point = insertionPoint(
      this.source,
      this.program.graph.nodes.map((node) => node.range),
      outputNode.range,
    );
    return {
      style: 'numpy-matrix' as const,
      code: codeBlock(this.lines, point),
      insertAt: point.insertAt,
      output: outputNode.name ?? this.program.outputName,
      gradients: this.gradients,
    };
  }

  private neededNodes(): ReadonlySet<number> {
    const nodes = this.program.graph.nodes.map((node) => ({
      id: node.id,
      isInput: node.kind === 'input',
      operands: node.kind === 'op' ? node.operands : [],
      passesGradient: node.kind === 'op' && node.op.kind !== 'compare',
    }));
    return nodesOnGradientPaths(nodes, this.output);
  }

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
      const edges = this.edgesOf(node, needed);
      this.edges.set(id, edges);
      for (const edge of edges) {
        reached.add(edge.to);
        this.contributions.set(edge.to, (this.contributions.get(edge.to) ?? 0) + 1);
        if (edge.kind === 'scatter' || edge.kind === 'fused') {
          this.ownVariable.add(edge.to);
        }
      }
    }
  }

  private edgesOf(
    node: TensorNode & { readonly kind: 'op' },
    needed: ReadonlySet<number>,
  ): readonly PlannedEdge[] {
    const fused = softmaxLoss(
      node.id,
      this.expressions,
      (id) => this.result.nodes[id]?.uses ?? 0,
      (id) => this.gradientIsOne(id),
    );
    if (fused !== undefined) {
      return [{ kind: 'fused', to: fused.scores, loss: fused }];
    }
    const outcome = numpyVjps(node, this.expressions, (id) => needed.has(id));
    if (!outcome.ok) {
      const what = node.op.kind === 'elementwise' ? node.op.op : node.op.kind;
      throw new Refusal(`\`${what}\` (${lineOf(node)}) is not written: ${outcome.reason}`, node);
    }
    for (const edge of outcome.edges) {
      if (edge.kind === 'mask' && this.result.nodes[edge.to]?.value.some((value) => value === 0)) {
        throw new Refusal(
          `the ReLU on ${lineOf(node)} has an input exactly 0, where its gradient is split as np.maximum's tie (the mask would write 0): not written`,
          node,
        );
      }
    }
    return outcome.edges;
  }

  /** The loss reaches the output through sums only, so its gradient is exactly 1. */
  private gradientIsOne(id: number): boolean {
    if (id === this.output) {
      return true;
    }
    // Uses, not consumers: `data_loss + data_loss` has a gradient of 2.
    const uses = this.program.graph.nodes.flatMap((node) =>
      node.kind === 'op' ? node.operands.filter((operand) => operand === id).map(() => node) : [],
    );
    const [consumer] = uses;
    return (
      uses.length === 1 &&
      consumer?.kind === 'op' &&
      consumer.op.kind === 'elementwise' &&
      consumer.op.op === 'add' &&
      consumer.shape.length === 0 &&
      this.gradientIsOne(consumer.id)
    );
  }

  private mustHoldValue(node: TensorNode): void {
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

  private isFolded(node: TensorNode): boolean {
    return (
      node.kind === 'op' &&
      node.name === undefined &&
      !this.ownVariable.has(node.id) &&
      this.contributions.get(node.id) === 1
    );
  }

  private writeEdges(id: number, upstream: string): void {
    for (const edge of this.edges.get(id) ?? []) {
      const target = this.expressions.node(edge.to);
      switch (edge.kind) {
        case 'full':
          this.writeFull(target, edge.text(upstream));
          break;
        case 'mask':
          this.writeMask(this.expressions.node(id), target, edge, upstream);
          break;
        case 'scatter':
          this.writeScatter(target, edge.index, edge.text(upstream));
          break;
        case 'fused':
          this.writeFused(target, edge.loss);
          break;
      }
    }
  }

  private writeFull(target: TensorNode, contribution: string): void {
    if (this.isFolded(target)) {
      this.writeEdges(target.id, contribution);
      return;
    }
    const name = this.gradientOf(target);
    if (this.declared.has(name)) {
      this.lines.push(`${name} += ${contribution}`);
      return;
    }
    // Another gradient passed through unchanged, or a view of it (`.T`, `.reshape`), is copied:
    // a later `+=` must not change it too.
    const alias = /^\w+(?:\.T|\.reshape\(.*\))?$/.test(contribution) && target.shape.length > 0;
    this.lines.push(`${name} = ${contribution}${alias ? '.copy()' : ''}`);
    this.declared.add(name);
  }

  /**
   * The notes zero the ReLU's own gradient in place when the ReLU's input is unnamed; any other
   * upstream (another value's gradient passed through) is masked into a new array.
   */
  private writeMask(
    relu: TensorNode,
    target: TensorNode,
    edge: TensorEdge & { readonly kind: 'mask' },
    upstream: string,
  ): void {
    if (this.isFolded(target) && !this.isFolded(relu) && upstream === this.gradientOf(relu)) {
      this.lines.push(`${upstream}[${edge.zeroed}] = 0`);
      this.forget(upstream);
      this.writeEdges(target.id, upstream);
      return;
    }
    this.writeFull(target, `${upstream} * ${edge.positive}`);
  }

  /** A gradient zeroed in place no longer holds the gradient it was named for. */
  private forget(name: string): void {
    const index = this.gradients.findIndex((gradient) => gradient.name === name);
    if (index >= 0) {
      this.gradients.splice(index, 1);
    }
  }

  private writeScatter(target: TensorNode, index: string, contribution: string): void {
    const name = this.gradientOf(target);
    if (this.declared.has(name)) {
      this.lines.push(`${name}${index} += ${contribution}`);
      return;
    }
    const value = this.expressions.render(target.id);
    if (!value.ok) {
      throw new Refusal(
        `the gradient of an indexed value (${lineOf(target)}) needs its value written as code`,
        target,
      );
    }
    this.lines.push(
      `${name} = ${this.expressions.np}.zeros_like(${value.text})`,
      `${name}${index} = ${contribution}`,
    );
    this.declared.add(name);
  }

  private writeFused(target: TensorNode, loss: SoftmaxLoss): void {
    const name = this.gradientOf(target);
    this.lines.push(
      `${name} = ${loss.probs}.copy()`,
      `${name}${loss.index} -= 1`,
      `${name} /= ${loss.count}`,
    );
    this.declared.add(name);
  }

  private gradientOf(node: TensorNode): string {
    const key = `node:${node.id}`;
    if (node.name === undefined) {
      return this.names.nameFor(key, this.intermediateBase(node));
    }
    const name = this.names.nameFor(key, node.name);
    if (node.id !== this.output && !this.gradients.some((gradient) => gradient.name === name)) {
      this.gradients.push({ name, of: node.name });
    }
    return name;
  }

  private intermediateBase(node: TensorNode): string {
    const op =
      node.kind === 'op' ? (node.op.kind === 'elementwise' ? node.op.op : node.op.kind) : 't';
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

function lineOf(node: TensorNode): string {
  return node.range === undefined ? 'in the selection' : `line ${node.range.start.line + 1}`;
}

function forwardText(source: string, program: TensorProgram): string {
  const last = Math.max(0, ...program.graph.nodes.map((node) => node.range?.end.line ?? 0));
  return source
    .split('\n')
    .slice(0, last + 1)
    .join('\n');
}
