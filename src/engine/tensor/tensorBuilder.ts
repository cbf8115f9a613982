/**
 * Builds a TensorGraph node by node, inferring each op's shape from its record and refusing
 * shapes that do not fit or that would hold too many elements — before anything is allocated.
 */
import type { GraphGroup, GraphGroupKind, SourceRange } from '../ir';
import { tensorOpRecord } from './ops';
import {
  MAX_MATMUL_WORK,
  MAX_TENSOR_ELEMENTS,
  MAX_TOTAL_ELEMENTS,
  shapeText,
  sizeOf,
  type Shape,
} from './shape';
import type { Tensor } from './tensor';
import type { TensorGraph, TensorInputNode, TensorNode } from './tensorIr';
import type { TensorOp } from './tensorOp';

export interface TensorNodeMeta {
  readonly name?: string;
  readonly version?: number;
  readonly range?: SourceRange;
  readonly note?: string;
}

/** Operand shapes that do not fit the op; `message` is `shapes (3, 4) and (3,) do not fit: 4 ≠ 3`. */
export class TensorShapeError extends Error {
  constructor(
    message: string,
    readonly shapes: readonly Shape[],
  ) {
    super(message);
    this.name = 'TensorShapeError';
  }
}

/** A tensor, or all tensors together, would hold more elements than the limits allow. */
export class TensorSizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TensorSizeError';
  }
}

/** Why a tensor of this shape cannot be made, or undefined when it can. */
export function sizeProblem(shape: Shape, elementsSoFar = 0): string | undefined {
  const size = sizeOf(shape);
  if (!Number.isSafeInteger(size) || size > MAX_TENSOR_ELEMENTS) {
    return `a tensor of shape ${shapeText(shape)} would hold ${size.toLocaleString('en-US')} elements; at most ${MAX_TENSOR_ELEMENTS.toLocaleString('en-US')} per tensor can be inspected`;
  }
  if (elementsSoFar + size > MAX_TOTAL_ELEMENTS) {
    return `the tensors of this code would hold more than ${MAX_TOTAL_ELEMENTS.toLocaleString('en-US')} elements in all (at ${shapeText(shape)})`;
  }
  return undefined;
}

/** A matrix product's multiply-adds: each output element sums over the shared axis. */
export function matmulWork(shape: Shape, shapes: readonly Shape[]): number {
  const first = shapes[0] ?? [];
  return sizeOf(shape) * (first[first.length - 1] ?? 1);
}

/** Why a product of `work` multiply-adds cannot be computed after `workSoFar`, if it cannot. */
export function workProblem(work: number, workSoFar: number): string | undefined {
  if (workSoFar + work <= MAX_MATMUL_WORK) {
    return undefined;
  }
  return `this product needs ${work.toLocaleString('en-US')} multiply-adds (${workSoFar.toLocaleString('en-US')} before it); at most ${MAX_MATMUL_WORK.toLocaleString('en-US')} in all can be inspected`;
}

export class TensorGraphBuilder {
  private readonly nodes: TensorNode[] = [];
  private readonly inputsByKey = new Map<string, number>();
  private readonly groups: GraphGroup[] = [];
  private readonly openGroups: number[] = [];
  private elements = 0;
  private matmulWork = 0;

  get size(): number {
    return this.nodes.length;
  }

  node(id: number): TensorNode {
    const node = this.nodes[id];
    if (node === undefined) {
      throw new RangeError(`no node ${id}`);
    }
    return node;
  }

  shapeOf(id: number): Shape {
    return this.node(id).shape;
  }

  /** The input named `name` (or keyed `key`), created on first use. */
  input(name: string, shape: Shape, meta: TensorNodeMeta & { readonly key?: string } = {}): number {
    const key = meta.key ?? name;
    const existing = this.inputsByKey.get(key);
    if (existing !== undefined) {
      return existing;
    }
    this.claim(shape);
    const node: TensorInputNode = { id: this.nodes.length, kind: 'input', shape, ...meta, name };
    this.push(node);
    this.inputsByKey.set(key, node.id);
    return node.id;
  }

  constant(value: Tensor, meta: TensorNodeMeta & { readonly text?: string } = {}): number {
    this.claim(value.shape);
    return this.push({
      id: this.nodes.length,
      kind: 'constant',
      shape: value.shape,
      ...meta,
      value,
    });
  }

  /** An op node; throws TensorShapeError or TensorSizeError when its shape cannot be made. */
  op(op: TensorOp, operands: readonly number[], meta: TensorNodeMeta = {}): number {
    const shapes = operands.map((operand) => this.shapeOf(operand));
    const shape = tensorOpRecord(op).shape(op, shapes);
    if (!Array.isArray(shape)) {
      throw new TensorShapeError((shape as { readonly mismatch: string }).mismatch, shapes);
    }
    this.claim(shape);
    if (op.kind === 'matmul') {
      this.claimWork(shape, shapes);
    }
    return this.push({ id: this.nodes.length, kind: 'op', shape, ...meta, op, operands });
  }

  /**
   * Names an op node made without a name: a call's value, named by the assignment that receives
   * it (`L = loss(w, x, y)`). A node with a name keeps it.
   */
  nameOp(id: number, name: string, version?: number): void {
    const node = this.node(id);
    if (node.kind !== 'op' || node.name !== undefined) {
      return;
    }
    this.nodes[id] = { ...node, name, ...(version === undefined ? {} : { version }) };
  }

  openGroup(kind: GraphGroupKind, label: string, range?: SourceRange): number {
    const parent = this.openGroups[this.openGroups.length - 1];
    const group: GraphGroup = {
      id: this.groups.length,
      kind,
      label,
      ...(parent === undefined ? {} : { parent }),
      ...(range === undefined ? {} : { range }),
    };
    this.groups.push(group);
    this.openGroups.push(group.id);
    return group.id;
  }

  closeGroup(): void {
    this.openGroups.pop();
  }

  build(output: number): TensorGraph {
    this.node(output);
    return {
      nodes: this.nodes,
      output,
      ...(this.groups.length === 0 ? {} : { groups: this.groups }),
    };
  }

  private claim(shape: Shape): void {
    const problem = sizeProblem(shape, this.elements);
    if (problem !== undefined) {
      throw new TensorSizeError(problem);
    }
    this.elements += sizeOf(shape);
  }

  private claimWork(shape: Shape, shapes: readonly Shape[]): void {
    const work = matmulWork(shape, shapes);
    const problem = workProblem(work, this.matmulWork);
    if (problem !== undefined) {
      throw new TensorSizeError(problem);
    }
    this.matmulWork += work;
  }

  private push(node: TensorNode): number {
    const group = this.openGroups[this.openGroups.length - 1];
    this.nodes.push(group === undefined ? node : { ...node, group });
    return node.id;
  }
}
