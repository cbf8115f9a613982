/**
 * The tensor IR: the same DAG as ir.ts (inputs, constants, ops, in topological order), each
 * node with a shape. Scalar code keeps ir.ts's Graph; code with arrays is lowered to this one.
 */
import type { GraphGroup, NodeKind, SourceRange } from '../ir';
import type { Shape } from './shape';
import type { Tensor } from './tensor';
import type { TensorOp } from './tensorOp';

interface TensorNodeBase {
  readonly id: number;
  readonly shape: Shape;
  readonly name?: string;
  readonly version?: number;
  readonly range?: SourceRange;
  readonly note?: string;
  readonly group?: number;
}

export interface TensorInputNode extends TensorNodeBase {
  readonly kind: 'input';
  readonly name: string;
  /** As InputNode.key: another binding of the same name (`x (line 4)`). */
  readonly key?: string;
}

export interface TensorConstantNode extends TensorNodeBase {
  readonly kind: 'constant';
  readonly value: Tensor;
  /** How it was written, e.g. `0.01` or `np.arange(4)`. */
  readonly text?: string;
}

export interface TensorOpNode extends TensorNodeBase {
  readonly kind: 'op';
  readonly op: TensorOp;
  readonly operands: readonly number[];
}

export type TensorNode = TensorInputNode | TensorConstantNode | TensorOpNode;

export type { NodeKind };

export interface TensorGraph {
  readonly nodes: readonly TensorNode[];
  /** The node differentiated: a scalar (shape `[]` or one element). */
  readonly output: number;
  readonly groups?: readonly GraphGroup[];
}

export function tensorInputKey(node: TensorInputNode): string {
  return node.key ?? node.name;
}
