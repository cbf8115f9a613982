/**
 * A small tensor graph lowered to the scalar IR, element by element: CS231n's staged picture of
 * the same computation. A matrix product becomes sums of products, a broadcast reuses the
 * element it repeats, a reduction is a chain of additions, softmax, log_softmax and the losses
 * are written with their scalar formulas, and indexing, reshapes and transposes are the
 * elements themselves. Every input element is an input of its own, named as NumPy indexes it
 * (`W[1,2]`).
 *
 * Sums run in the tensor engine's order (row-major, left to right from the first term), so a
 * sum's value here is the tensor's bit for bit; softmax and the losses are written without the
 * tensor engine's max shift, so theirs agree to rounding.
 */
import { assertNever } from '../assertNever';
import { GraphBuilder, type NodeMeta } from '../graphBuilder';
import type { Graph } from '../ir';
import type { OpName } from '../opName';
import { axisLayout, resolvedAxis } from './axes';
import { multiIndex } from './broadcast';
import { shapeText, sizeOf, stridesOf, type Shape } from './shape';
import { tensorInputKey, type TensorGraph, type TensorNode, type TensorOpNode } from './tensorIr';
import type { Axes, TensorOp, TensorOpOf } from './tensorOp';

/** Above this many elements in one tensor the computation is not expanded. */
export const MAX_EXPANDED_ELEMENTS = 16;
/** Above this many scalar nodes the expanded graph would not be a picture one reads. */
export const MAX_EXPANDED_NODES = 500;

/** PyTorch's `ignore_index` default. */
const IGNORE_INDEX = -100;

export interface ScalarizedGraph {
  readonly graph: Graph;
  /** The value of every scalar input, by name (`W[1,2]`). */
  readonly values: Readonly<Record<string, number>>;
  /** For every tensor node the output depends on, the scalar node of each element (row-major). */
  readonly elements: readonly (readonly number[] | undefined)[];
  /** For every scalar node, the tensor node whose lowering made it. */
  readonly owners: readonly number[];
}

export type Scalarization =
  ({ readonly ok: true } & ScalarizedGraph) | { readonly ok: false; readonly reason: string };

/** What the lowering reads of the tensor inspection: each node's values and label. */
export interface TensorNodeFacts {
  readonly value: Float64Array;
  readonly label: string;
}

class Refusal extends Error {}

/**
 * Lowers the nodes `output` depends on. Refuses (a reason naming the node and its line) a
 * tensor above MAX_EXPANDED_ELEMENTS elements, an op without a scalar form here, or a graph
 * above MAX_EXPANDED_NODES scalar nodes.
 */
export function scalarize(
  graph: TensorGraph,
  facts: readonly TensorNodeFacts[],
  output: number = graph.output,
): Scalarization {
  try {
    return { ok: true, ...new Lowering(graph, facts).run(output) };
  } catch (error) {
    if (error instanceof Refusal) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

class Lowering {
  private readonly builder = new GraphBuilder();
  private readonly elements: (readonly number[] | undefined)[] = [];
  private readonly owners: number[] = [];
  private readonly values: Record<string, number> = {};
  private current = -1;

  constructor(
    private readonly graph: TensorGraph,
    private readonly facts: readonly TensorNodeFacts[],
  ) {}

  run(output: number): ScalarizedGraph {
    const needed = ancestorsOf(this.graph, output);
    for (const node of this.graph.nodes) {
      if (needed[node.id] === 1) {
        this.lower(node);
      }
    }
    const outputElement = this.elements[output]?.[0];
    if (outputElement === undefined) {
      throw new RangeError(`node ${output} was not lowered`);
    }
    return {
      graph: this.builder.build(outputElement),
      values: this.values,
      elements: this.elements,
      owners: this.owners,
    };
  }

  private lower(node: TensorNode): void {
    const size = sizeOf(node.shape);
    if (size > MAX_EXPANDED_ELEMENTS) {
      this.refuse(
        node,
        `${this.label(node.id)} has ${size} elements ${shapeText(node.shape)}; only tensors of at most ${MAX_EXPANDED_ELEMENTS} elements are expanded to scalars`,
      );
    }
    this.current = node.id;
    const made = this.made(node);
    this.elements[node.id] = made;
    this.nameElements(node, made);
  }

  private made(node: TensorNode): number[] {
    switch (node.kind) {
      case 'input': {
        const key = tensorInputKey(node);
        const value = this.valueOf(node.id);
        return Array.from({ length: sizeOf(node.shape) }, (_, k) => {
          const name = `${key}${indexText(k, node.shape)}`;
          this.values[name] = value[k] ?? NaN;
          return this.add(() => this.builder.input(name, metaOf(node)));
        });
      }
      case 'constant':
        return Array.from(node.value.data, (value) =>
          this.add(() => this.builder.constant(value, metaOf(node))),
        );
      case 'op':
        return this.lowerOp(node);
      default:
        return assertNever(node, 'tensor node');
    }
  }

  /** Names the elements this node made (not the ones it reuses): `h[0,1]`, `loss`. */
  private nameElements(node: TensorNode, made: readonly number[]): void {
    if (node.kind !== 'op' || node.name === undefined) {
      return;
    }
    made.forEach((id, k) => {
      if (this.owners[id] === node.id) {
        this.builder.rename(id, {
          ...metaOf(node),
          name: `${node.name}${indexText(k, node.shape)}`,
        });
      }
    });
  }

  private lowerOp(node: TensorOpNode): number[] {
    const op = node.op;
    switch (op.kind) {
      case 'elementwise':
        return this.elementwise(node, op.op);
      case 'compare':
        // A mask carries no gradient: its elements are the 0/1 values it took.
        return Array.from(this.valueOf(node.id), (value) =>
          this.add(() =>
            this.builder.constant(value, {
              ...metaOf(node),
              note: `mask ${op.operator}: no gradient flows through a comparison`,
            }),
          ),
        );
      case 'where':
        return this.where(node);
      case 'matmul':
        return this.matmul(node);
      case 'sum':
      case 'mean':
      case 'max':
      case 'min':
      case 'prod':
      case 'logsumexp':
      case 'norm':
        return this.reduction(node, op);
      case 'reshape':
        return [...this.operand(node, 0)];
      case 'transpose':
        return this.transpose(node, op.axes);
      case 'broadcast_to':
        return this.broadcast(this.operand(node, 0), this.shapeOf(node.operands[0]), node.shape);
      case 'concat':
      case 'stack':
        return this.join(node, op);
      case 'gather':
        return Array.from(op.indices, (index) => this.element(node, 0, index));
      case 'softmax':
      case 'log_softmax':
        return this.softmax(node, op);
      case 'cross_entropy':
      case 'nll_loss':
        return this.classLoss(node, op);
      case 'mse_loss':
      case 'l1_loss':
      case 'binary_cross_entropy':
      case 'bce_with_logits':
        return this.pairLoss(node, op);
      default:
        return assertNever(op, 'tensor op');
    }
  }

  private elementwise(node: TensorOpNode, op: OpName): number[] {
    const operands = node.operands.map((operand) =>
      this.broadcast(this.elementsOf(operand), this.shapeOf(operand), node.shape),
    );
    return Array.from({ length: sizeOf(node.shape) }, (_, k) =>
      this.op(
        op,
        operands.map((elements) => elements[k] ?? -1),
      ),
    );
  }

  /** The chosen element itself: the other branch gets no gradient there, as in NumPy. */
  private where(node: TensorOpNode): number[] {
    const mask = this.broadcastValues(node.operands[0] ?? -1, node.shape);
    const [a, b] = [1, 2].map((i) => {
      const operand = node.operands[i] ?? -1;
      return this.broadcast(this.elementsOf(operand), this.shapeOf(operand), node.shape);
    });
    return mask.map((chosen, k) => (chosen !== 0 ? a : b)?.[k] ?? -1);
  }

  private matmul(node: TensorOpNode): number[] {
    const aShape = this.shapeOf(node.operands[0]);
    const bShape = this.shapeOf(node.operands[1]);
    if (aShape.length > 2 || bShape.length > 2) {
      this.refuse(
        node,
        'a matrix product of stacks (more than two axes) is not expanded to scalars',
      );
    }
    // A 1-D left operand is a row, a 1-D right operand a column, as in NumPy.
    const n = aShape.length === 1 ? 1 : (aShape[0] ?? 0);
    const k = aShape[aShape.length - 1] ?? 0;
    const m = bShape.length === 1 ? 1 : (bShape[1] ?? 0);
    const a = this.operand(node, 0);
    const b = this.operand(node, 1);
    const out: number[] = [];
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < m; j += 1) {
        const terms = Array.from({ length: k }, (_, p) =>
          this.op('mul', [a[i * k + p] ?? -1, b[p * m + j] ?? -1]),
        );
        out.push(this.sum(terms));
      }
    }
    return out;
  }

  private reduction(
    node: TensorOpNode,
    op: TensorOpOf<'sum' | 'mean' | 'max' | 'min' | 'prod' | 'logsumexp' | 'norm'>,
  ): number[] {
    const shape = this.shapeOf(node.operands[0]);
    const slices = slicesOf(shape, op.axes);
    const x = this.operand(node, 0);
    const value = this.valueOf(node.operands[0] ?? -1);
    return slices.map((slice) => {
      const terms = slice.map((k) => x[k] ?? -1);
      switch (op.kind) {
        case 'sum':
          return this.sum(terms);
        case 'mean':
          return this.op('div', [this.sum(terms), this.constant(slice.length)]);
        case 'prod':
          return terms
            .slice(1)
            .reduce((product, term) => this.op('mul', [product, term]), terms[0] ?? -1);
        case 'max':
        case 'min':
          this.refuseTies(
            node,
            slice.map((k) => value[k] ?? NaN),
            op.kind,
          );
          return terms.length === 1 ? (terms[0] ?? -1) : this.op(op.kind, terms);
        case 'logsumexp':
          return this.op('log', [this.sum(terms.map((term) => this.op('exp', [term])))]);
        case 'norm':
          return this.op('sqrt', [this.sum(terms.map((term) => this.op('mul', [term, term])))]);
        default:
          return assertNever(op, 'reduction');
      }
    });
  }

  /** NumPy gives a tie's gradient to the first extreme element, the scalar max splits it. */
  private refuseTies(node: TensorOpNode, slice: readonly number[], kind: 'max' | 'min'): void {
    const extreme = kind === 'max' ? Math.max(...slice) : Math.min(...slice);
    if (slice.filter((value) => value === extreme).length > 1) {
      this.refuse(
        node,
        `${kind} over elements that tie (${extreme}): the tensor gradient goes to the first of them, a scalar ${kind} splits it, so it is not expanded`,
      );
    }
  }

  private transpose(node: TensorOpNode, axes: readonly number[]): number[] {
    const inShape = this.shapeOf(node.operands[0]);
    const inStrides = stridesOf(inShape);
    const x = this.operand(node, 0);
    return Array.from({ length: sizeOf(node.shape) }, (_, k) => {
      const index = multiIndex(k, node.shape);
      const flat = axes.reduce(
        (total, axis, o) => total + (index[o] ?? 0) * (inStrides[axis] ?? 0),
        0,
      );
      return x[flat] ?? -1;
    });
  }

  private join(node: TensorOpNode, op: TensorOpOf<'concat' | 'stack'>): number[] {
    const axis = resolvedAxis(op.axis, node.shape.length);
    const shapes = node.operands.map((operand) => this.shapeOf(operand));
    return Array.from({ length: sizeOf(node.shape) }, (_, k) => {
      const index = multiIndex(k, node.shape);
      let along = index[axis] ?? 0;
      let part = 0;
      if (op.kind === 'stack') {
        part = along;
        index.splice(axis, 1);
      } else {
        while (along >= (shapes[part]?.[axis] ?? 0) && part < shapes.length - 1) {
          along -= shapes[part]?.[axis] ?? 0;
          part += 1;
        }
        index[axis] = along;
      }
      const strides = stridesOf(shapes[part] ?? []);
      const flat = index.reduce((total, i, a) => total + i * (strides[a] ?? 0), 0);
      return this.element(node, part, flat);
    });
  }

  /** softmax: exp(xᵢ) / Σⱼ exp(xⱼ); log_softmax: xᵢ − log Σⱼ exp(xⱼ), along the axis. */
  private softmax(node: TensorOpNode, op: TensorOpOf<'softmax' | 'log_softmax'>): number[] {
    const layout = axisLayout(node.shape, resolvedAxis(op.axis, node.shape.length));
    const x = this.operand(node, 0);
    const out = new Array<number>(x.length);
    for (let o = 0; o < layout.outer; o += 1) {
      for (let j = 0; j < layout.inner; j += 1) {
        const line = Array.from(
          { length: layout.length },
          (_, i) => (o * layout.length + i) * layout.inner + j,
        );
        const exps = line.map((at) => this.op('exp', [x[at] ?? -1]));
        const total = this.sum(exps);
        const logTotal = op.kind === 'log_softmax' ? this.op('log', [total]) : -1;
        line.forEach((at, i) => {
          out[at] =
            op.kind === 'softmax'
              ? this.op('div', [exps[i] ?? -1, total])
              : this.op('sub', [x[at] ?? -1, logTotal]);
        });
      }
    }
    return out;
  }

  /** cross_entropy: log Σ_c exp(x[n,c]) − x[n,yₙ]; nll_loss: −x[n,yₙ]; then the reduction. */
  private classLoss(node: TensorOpNode, op: TensorOpOf<'cross_entropy' | 'nll_loss'>): number[] {
    if (op.targets.includes(IGNORE_INDEX)) {
      this.refuse(node, `a target of ${IGNORE_INDEX} (ignored rows) is not expanded to scalars`);
    }
    const shape = this.shapeOf(node.operands[0]);
    const classes = shape.length === 1 ? (shape[0] ?? 0) : (shape[1] ?? 0);
    const x = this.operand(node, 0);
    const losses = Array.from(op.targets, (target, n) => {
      const picked = x[n * classes + target] ?? -1;
      if (op.kind === 'nll_loss') {
        return this.op('neg', [picked]);
      }
      const row = Array.from({ length: classes }, (_, c) =>
        this.op('exp', [x[n * classes + c] ?? -1]),
      );
      return this.op('sub', [this.op('log', [this.sum(row)]), picked]);
    });
    return this.reduced(losses, op.reduction, op.targets.length);
  }

  private pairLoss(
    node: TensorOpNode,
    op: TensorOpOf<'mse_loss' | 'l1_loss' | 'binary_cross_entropy' | 'bce_with_logits'>,
  ): number[] {
    const x = this.operand(node, 0);
    const t = this.operand(node, 1);
    const losses = x.map((xk, k) => {
      const tk = t[k] ?? -1;
      switch (op.kind) {
        case 'mse_loss':
          return this.op('pow', [this.op('sub', [xk, tk]), this.constant(2)]);
        case 'l1_loss':
          return this.op('abs', [this.op('sub', [xk, tk])]);
        case 'binary_cross_entropy':
          this.refuse(
            node,
            'binary_cross_entropy clamps its logs at −100 as PyTorch does; it is not expanded to scalars',
          );
          return -1;
        case 'bce_with_logits': {
          // max(x, 0) − x·t + log(1 + e^−|x|), the stable form PyTorch computes.
          const hinge = this.op('max', [xk, this.constant(0)]);
          const tail = this.op('log1p', [this.op('exp', [this.op('neg', [this.op('abs', [xk])])])]);
          return this.op('add', [this.op('sub', [hinge, this.op('mul', [xk, tk])]), tail]);
        }
        default:
          return assertNever(op, 'pair loss');
      }
    });
    return this.reduced(losses, op.reduction, losses.length);
  }

  private reduced(
    losses: readonly number[],
    reduction: TensorOpOf<'mse_loss'>['reduction'],
    count: number,
  ): number[] {
    switch (reduction) {
      case 'none':
        return [...losses];
      case 'sum':
        return [this.sum(losses)];
      case 'mean':
        return [this.op('div', [this.sum(losses), this.constant(count)])];
      default:
        return assertNever(reduction, 'reduction');
    }
  }

  // Building blocks

  /** ((t₀ + t₁) + t₂) + …: the tensor engine's order, so the sum is the same number. */
  private sum(terms: readonly number[]): number {
    const [first, ...rest] = terms;
    if (first === undefined) {
      return this.constant(0);
    }
    return rest.reduce((total, term) => this.op('add', [total, term]), first);
  }

  private op(op: OpName, operands: readonly number[]): number {
    return this.add(() => this.builder.op(op, operands));
  }

  private constant(value: number): number {
    return this.add(() => this.builder.constant(value));
  }

  /** Makes a node, owned by the tensor node being lowered, within the size bound. */
  private add(make: () => number): number {
    const id = make();
    if (this.builder.size > MAX_EXPANDED_NODES) {
      throw new Refusal(
        `the expanded graph would have more than ${MAX_EXPANDED_NODES} scalar nodes; only smaller computations are expanded`,
      );
    }
    this.owners[id] = this.current;
    return id;
  }

  /** Operand i's elements broadcast to `shape` (an element repeated is the same node). */
  private broadcast(elements: readonly number[], from: Shape, to: Shape): number[] {
    const strides = stridesOf(from);
    const offset = to.length - from.length;
    return Array.from({ length: sizeOf(to) }, (_, k) => {
      const index = multiIndex(k, to);
      let flat = 0;
      from.forEach((length, axis) => {
        flat += length === 1 ? 0 : (index[axis + offset] ?? 0) * (strides[axis] ?? 0);
      });
      return elements[flat] ?? -1;
    });
  }

  private broadcastValues(operand: number, to: Shape): number[] {
    const shape = this.shapeOf(operand);
    const values = this.valueOf(operand);
    return this.broadcast(Array.from(values), shape, to);
  }

  private operand(node: TensorOpNode, i: number): readonly number[] {
    const operand = node.operands[i];
    if (operand === undefined) {
      throw new RangeError(`node ${node.id} has no operand ${i}`);
    }
    return this.elementsOf(operand);
  }

  private element(node: TensorOpNode, i: number, flat: number): number {
    const id = this.operand(node, i)[flat];
    if (id === undefined) {
      throw new RangeError(`node ${node.id}: no element ${flat} in operand ${i}`);
    }
    return id;
  }

  private elementsOf(id: number): readonly number[] {
    const elements = this.elements[id];
    if (elements === undefined) {
      throw new RangeError(`node ${id} is used before it was lowered`);
    }
    return elements;
  }

  private shapeOf(id: number | undefined): Shape {
    const node = id === undefined ? undefined : this.graph.nodes[id];
    if (node === undefined) {
      throw new RangeError(`no tensor node ${String(id)}`);
    }
    return node.shape;
  }

  private valueOf(id: number): Float64Array {
    const value = this.facts[id]?.value;
    if (value === undefined) {
      throw new RangeError(`tensor node ${id} has no value`);
    }
    return value;
  }

  private label(id: number): string {
    return this.facts[id]?.label ?? `#${id}`;
  }

  private refuse(node: TensorNode, reason: string): never {
    const line = node.range === undefined ? '' : ` (line ${node.range.start.line + 1})`;
    throw new Refusal(`Not expanded to scalars: ${reason}${line}.`);
  }
}

function metaOf(node: TensorNode): NodeMeta {
  return {
    ...(node.range === undefined ? {} : { range: node.range }),
    ...(node.note === undefined ? {} : { note: node.note }),
  };
}

/** `[1,2]` for element 5 of a (2, 3) tensor; nothing for a scalar. */
export function indexText(flat: number, shape: Shape): string {
  return shape.length === 0 ? '' : `[${multiIndex(flat, shape).join(',')}]`;
}

/** The input elements (row-major flat indices) of each output element of a reduction. */
function slicesOf(shape: Shape, axes: Axes): number[][] {
  const reduced = new Set(axes ?? shape.map((_, axis) => axis));
  const kept = shape.map((length, axis) => (reduced.has(axis) ? 1 : length));
  const keptStrides = stridesOf(kept);
  const slices: number[][] = Array.from({ length: sizeOf(kept) }, () => []);
  for (let k = 0; k < sizeOf(shape); k += 1) {
    const index = multiIndex(k, shape);
    const slot = index.reduce(
      (total, i, axis) => total + (reduced.has(axis) ? 0 : i * (keptStrides[axis] ?? 0)),
      0,
    );
    slices[slot]?.push(k);
  }
  return slices;
}

/**
 * 1 for `output` and every node whose elements it is made of: not the operands of a comparison
 * or a `where`'s condition, whose values alone are read.
 */
function ancestorsOf(graph: TensorGraph, output: number): Uint8Array {
  const needed = new Uint8Array(graph.nodes.length);
  needed[output] = 1;
  for (let id = output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    if (node?.kind === 'op' && needed[id] === 1) {
      node.operands.forEach((operand, i) => {
        if (readsElements(node.op, i)) {
          needed[operand] = 1;
        }
      });
    }
  }
  return needed;
}

function readsElements(op: TensorOp, operand: number): boolean {
  return op.kind !== 'compare' && !(op.kind === 'where' && operand === 0);
}
