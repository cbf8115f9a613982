/**
 * The tensor primitives and the shape of one record of their catalogue. As in JAX and
 * tfjs-core, each primitive keeps in one place its forward, its vector-Jacobian product (VJP),
 * its Jacobian-vector product (JVP) and the VJP as a readable matrix-form formula.
 *
 * Elementwise primitives are the scalar catalogue's ops (src/engine/ops) applied per element
 * with NumPy broadcasting; a VJP returns the gradient in the broadcast shape and the engine
 * sums it back to the operand's shape in a step of its own.
 */
import type { OpName } from '../opName';
import type { Shape } from './shape';
import type { Tensor } from './tensor';

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** Which axes a reduction runs over: `null` for all of them. Axes are non-negative here. */
export type Axes = readonly number[] | null;

export type Reduction = 'mean' | 'sum' | 'none';

export type TensorOp =
  /** Any op of the scalar catalogue, per element, its operands broadcast together. */
  | { readonly kind: 'elementwise'; readonly op: OpName }
  /** A 0/1 mask; no gradient flows through it. */
  | { readonly kind: 'compare'; readonly operator: Comparison }
  /** NumPy's where(condition, a, b): a where the condition is nonzero, b elsewhere. */
  | { readonly kind: 'where' }
  /** NumPy's matmul (`@`): 1-D and 2-D operands, and stacks of matrices broadcast. */
  | { readonly kind: 'matmul' }
  | ReductionOp
  | { readonly kind: 'reshape'; readonly shape: Shape }
  /** `axes[i]` is the input axis that becomes output axis i (NumPy's transpose). */
  | { readonly kind: 'transpose'; readonly axes: readonly number[] }
  | { readonly kind: 'broadcast_to'; readonly shape: Shape }
  | { readonly kind: 'concat'; readonly axis: number }
  | { readonly kind: 'stack'; readonly axis: number }
  /**
   * Every kind of indexing whose indices are known (integers, slices, `None`, boolean masks,
   * integer arrays): output element k is input element `indices[k]` (row-major flat indices).
   * `text` is the index as written, e.g. `[np.arange(4), y]`.
   */
  | {
      readonly kind: 'gather';
      readonly shape: Shape;
      readonly indices: Int32Array;
      readonly text: string;
    }
  | { readonly kind: 'softmax'; readonly axis: number }
  | { readonly kind: 'log_softmax'; readonly axis: number }
  | ClassLossOp
  | PairLossOp;

export const REDUCTION_KINDS = ['sum', 'mean', 'max', 'min', 'prod', 'logsumexp', 'norm'] as const;
export type ReductionKind = (typeof REDUCTION_KINDS)[number];

/** `norm` is the 2-norm (Frobenius for matrices). */
export type ReductionOp = {
  readonly [K in ReductionKind]: {
    readonly kind: K;
    readonly axes: Axes;
    readonly keepdims: boolean;
  };
}[ReductionKind];

/** Logits (N, C) or (C,) and class indices; PyTorch's F.cross_entropy / F.nll_loss. */
export type ClassLossOp = {
  readonly [K in 'cross_entropy' | 'nll_loss']: {
    readonly kind: K;
    readonly targets: Int32Array;
    readonly reduction: Reduction;
  };
}['cross_entropy' | 'nll_loss'];

type PairLossKind = 'mse_loss' | 'l1_loss' | 'binary_cross_entropy' | 'bce_with_logits';

/** Input and target of one shape (the target may carry a gradient too). */
export type PairLossOp = {
  readonly [K in PairLossKind]: { readonly kind: K; readonly reduction: Reduction };
}[PairLossKind];

export type TensorOpKind = TensorOp['kind'];

export type TensorOpOf<K extends TensorOpKind> = Extract<TensorOp, { readonly kind: K }>;

/** A VJP written out: the rule and the shapes it combines. */
export interface VjpFormula {
  /** E.g. `∂L/∂W = Xᵀ · ∂L/∂Y`, `∂L/∂b = Σ_rows ∂L/∂Y`, `∂L/∂x = ∂L/∂y ⊙ 1[x > 0]`. */
  readonly rule: string;
  /** E.g. `(3, 4) = (3, 2) · (2, 4)`. */
  readonly shapes: string;
}

export interface TensorOpRecord<O extends TensorOp> {
  /** The glyph in the graph node: `@`, `Σ`, `softmax`, `+`. */
  symbol(op: O): string;
  /** One sentence for node details. */
  description(op: O): string;
  /**
   * The output shape for these operand shapes, or why they do not fit, as the message's tail
   * (`shapes (3, 4) and (3,) do not fit: 4 ≠ 3`); the front end names the construct and place.
   */
  shape(op: O, shapes: readonly Shape[]): Shape | { readonly mismatch: string };
  /** The output's elements (of the shape `shape` gave). */
  forward(op: O, args: readonly Tensor[], shape: Shape): Float64Array;
  /**
   * ∂L/∂args[operand] given `upstream` = ∂L/∂out. Elementwise and broadcasting ops may return it
   * in the broadcast shape; the engine reduces it to the operand's shape as a step of its own.
   */
  vjp(op: O, operand: number, upstream: Tensor, args: readonly Tensor[], out: Tensor): Tensor;
  /** d out for the operands' tangents (undefined: a zero tangent). */
  jvp(
    op: O,
    tangents: readonly (Tensor | undefined)[],
    args: readonly Tensor[],
    out: Tensor,
  ): Tensor;
  /**
   * The VJP as a formula. `names[i]` is how operand i is written (its name or expression), `out`
   * the output's; `L` is the differentiated output.
   */
  formula(
    op: O,
    operand: number,
    names: readonly string[],
    out: string,
    shapes: readonly Shape[],
    outShape: Shape,
  ): VjpFormula;
  /** False for operands no gradient flows to (a mask, class indices); true when absent. */
  differentiable?(op: O, operand: number): boolean;
}

export type TensorOpCatalogue = { readonly [K in TensorOpKind]: TensorOpRecord<TensorOpOf<K>> };
