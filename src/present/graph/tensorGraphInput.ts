/**
 * What the tensor graph's drawing reads of a tensor result: the panel's PanelTensorResult
 * (protocol.ts, a layer that may not be imported here) fits these types, and the compiler
 * checks that it does where the page draws it.
 */
import type { NodeKind, SourceRange } from '../../engine/ir';
import type { NonFiniteReport } from '../../engine/result';
import type { Shape } from '../../engine/tensor/shape';
import type { TensorStepOf } from '../../engine/tensor/tensorStepOf';

/** A tensor downsampled to a small grid (protocol's TensorHeat, made by tensorHeat.ts). */
export interface HeatGrid {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols, row-major. */
  readonly cells: readonly number[];
  /** True when a cell stands for more than one element. */
  readonly pooled: boolean;
}

/** A tensor's shape, first elements, statistics and heat grid (protocol's TensorSummary). */
export interface TensorStats {
  readonly shape: Shape;
  readonly first: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly norm: number;
  readonly heat?: HeatGrid;
}

export interface TensorGraphNode {
  readonly id: number;
  readonly kind: NodeKind;
  readonly symbol: string;
  readonly op?: string;
  readonly label: string;
  readonly name?: string;
  readonly operands: readonly number[];
  readonly value: TensorStats;
  readonly grad?: TensorStats;
  /** The values stand in for random ones the code would draw. */
  readonly sample?: boolean;
  readonly note?: string;
  readonly range?: SourceRange;
}

/** A backward step as the drawing reads it: its tensors as statistics. */
export type TensorGraphStep = TensorStepOf<TensorStats>;

export interface TensorGraphResult {
  readonly output: { readonly id: number; readonly name: string; readonly value: number };
  readonly value: number;
  readonly nodes: readonly TensorGraphNode[];
  readonly inputs: readonly {
    readonly id: number;
    readonly name: string;
    readonly value: TensorStats;
    readonly grad: TensorStats;
  }[];
  readonly unused: readonly {
    readonly id: number;
    readonly name: string;
    readonly value: TensorStats;
  }[];
  readonly steps: readonly TensorGraphStep[];
  readonly firstNonFinite?: NonFiniteReport;
}
