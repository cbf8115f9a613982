/**
 * The result of inspecting a tensor graph: what result.ts is for scalars, with a shape and
 * float64 elements (row-major) for every value and gradient. The differentiated output is one
 * number, so `value` and `output.value` stay numbers.
 */
import type { GraphGroup, NodeKind, SourceRange } from '../ir';
import type { CheckVerdict, NonFiniteReport } from '../result';
import type { Shape } from './shape';
import type { Tensor } from './tensor';
import type { TensorOp, VjpFormula } from './tensorOp';

export interface TensorRule extends VjpFormula {
  /** Index of the operand the VJP gives the gradient of. */
  readonly operand: number;
}

export interface TensorNodeView {
  readonly id: number;
  readonly kind: NodeKind;
  readonly op?: TensorOp;
  /** The glyph drawn in the graph: `@`, `Σ`, `+`, or the name/number for leaves. */
  readonly symbol: string;
  /** The text used for this node in formulas and steps: its name, or e.g. `(X @ W)`. */
  readonly label: string;
  readonly name?: string;
  readonly version?: number;
  readonly operands: readonly number[];
  readonly shape: Shape;
  readonly value: Float64Array;
  /** ∂L/∂node, of the node's shape; absent as for scalars (no path, or a constant). */
  readonly grad?: Float64Array;
  /** The VJP rule of every operand that receives a gradient. */
  readonly rules: readonly TensorRule[];
  /** How many times other nodes use this one; > 1 means its gradient is a sum. */
  readonly uses: number;
  /** The value is sample values standing in for random ones (not NumPy's own stream). */
  readonly sample?: boolean;
  readonly note?: string;
  readonly range?: SourceRange;
  readonly group?: number;
}

export type TensorStep =
  | { readonly kind: 'seed'; readonly index: number; readonly node: number; readonly shape: Shape }
  /** One VJP: the upstream gradient of `from` pulled back to its operand `to`. */
  | {
      readonly kind: 'vjp';
      readonly index: number;
      readonly from: number;
      readonly to: number;
      readonly operandIndex: number;
      readonly rule: string;
      readonly shapes: string;
      /** ∂L/∂from. */
      readonly upstream: Tensor;
      /** The VJP's result, in the broadcast shape when a `reduce` step follows. */
      readonly product: Tensor;
      /**
       * ∂L/∂to summed so far, after this contribution (after the `reduce` step when one
       * follows: then it is set on that step instead).
       */
      readonly accumulated?: Tensor;
      /** 1-based: which of `to`'s contributions this is, and how many it will receive. */
      readonly contribution: number;
      readonly contributions: number;
    }
  /** Broadcasting undone: the product of the step before, summed back to the operand's shape. */
  | {
      readonly kind: 'reduce';
      readonly index: number;
      readonly from: number;
      readonly to: number;
      readonly operandIndex: number;
      /** The axes of the broadcast shape summed over. */
      readonly axes: readonly number[];
      /** E.g. `Σ over axis 0: (4, 5) → (5,)`. */
      readonly rule: string;
      readonly result: Tensor;
      readonly accumulated: Tensor;
      readonly contribution: number;
      readonly contributions: number;
    };

export interface TensorInputView {
  readonly id: number;
  readonly name: string;
  readonly shape: Shape;
  readonly value: Float64Array;
  readonly grad: Float64Array;
  readonly sample?: boolean;
  readonly range?: SourceRange;
}

export interface TensorUnusedInput {
  readonly id: number;
  readonly name: string;
  readonly shape: Shape;
  readonly value: Float64Array;
  readonly range?: SourceRange;
}

/** CS231n's sparse gradient check: one central difference per sampled element. */
export interface TensorGradientCheck {
  readonly input: string;
  /** The element's index, one entry per axis. */
  readonly index: readonly number[];
  readonly analytic: number;
  readonly numeric: number;
  readonly relativeError: number;
  readonly verdict: CheckVerdict;
  readonly step: number;
}

export interface TensorInspectionResult {
  readonly kind: 'tensor';
  readonly output: { readonly id: number; readonly name: string; readonly value: number };
  readonly value: number;
  /** ∂output/∂input by input key, for the inputs the output depends on. */
  readonly grads: Readonly<Record<string, Tensor>>;
  readonly inputs: readonly TensorInputView[];
  readonly unused: readonly TensorUnusedInput[];
  readonly nodes: readonly TensorNodeView[];
  readonly steps: readonly TensorStep[];
  readonly firstNonFinite?: NonFiniteReport;
  readonly check?: readonly TensorGradientCheck[];
  readonly groups?: readonly GraphGroup[];
}
