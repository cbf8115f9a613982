/**
 * The inspection result: the one plain, JSON-friendly object every view reads (panel, hover,
 * CLI). Non-finite numbers stay numbers here; serializers decide how to write them.
 */
import type { GraphGroup, NodeKind, SourceRange } from './ir';
import type { OpName } from './opName';
import type { GatePattern } from './opSpec';

export interface LocalPartial {
  /** Index of the operand this partial is taken with respect to. */
  readonly operand: number;
  readonly value: number;
  /** Readable formula in terms of the operand expressions, e.g. `z` or `σ(x)·(1 − σ(x))`. */
  readonly formula: string;
}

export interface NodeView {
  readonly id: number;
  readonly kind: NodeKind;
  readonly op?: OpName;
  /** The glyph drawn in the graph: `+`, `×`, `σ`, or the name/number for leaves. */
  readonly symbol: string;
  /** The text used for this node in formulas and steps: its name, or e.g. `(x + y)`. */
  readonly label: string;
  readonly name?: string;
  readonly version?: number;
  readonly operands: readonly number[];
  readonly value: number;
  /**
   * ∂output/∂node; absent when the node has no path to the output or depends on no input (a
   * constant has no gradient).
   */
  readonly grad?: number;
  readonly partials: readonly LocalPartial[];
  readonly gates: readonly GatePattern[];
  /** How many times other nodes use this one; > 1 means its gradient is a sum. */
  readonly uses: number;
  readonly kink?: string;
  readonly zeroGradient?: boolean;
  readonly note?: string;
  readonly range?: SourceRange;
  /** The innermost group (loop, iteration, inlined call) the node belongs to: an id in `groups`. */
  readonly group?: number;
}

/** A box of the graph around what one loop, iteration or inlined call made (see ir.ts). */
export type GroupView = GraphGroup;

/** The seed step ∂f/∂f = 1, then one step per edge in the order backprop visits them. */
export type BackwardStep =
  | { readonly kind: 'seed'; readonly index: number; readonly node: number; readonly grad: 1 }
  | {
      readonly kind: 'edge';
      readonly index: number;
      /** The node whose gradient flows backwards (the consumer). */
      readonly from: number;
      /** The operand that receives a contribution. */
      readonly to: number;
      readonly operandIndex: number;
      /** ∂f/∂from. */
      readonly upstream: number;
      /** ∂from/∂to. */
      readonly local: number;
      readonly localFormula: string;
      /** upstream × local. */
      readonly product: number;
      /** ∂f/∂to summed so far, after this contribution. */
      readonly accumulated: number;
      /** 1-based: which of `to`'s contributions this is, and how many it will receive. */
      readonly contribution: number;
      readonly contributions: number;
    };

export type CheckVerdict = 'ok' | 'check-kinks' | 'wrong';

export interface GradientCheck {
  readonly input: string;
  readonly analytic: number;
  readonly numeric: number;
  readonly relativeError: number;
  readonly verdict: CheckVerdict;
  readonly step: number;
  /** Set when the ±step crosses a kink, naming the node. */
  readonly note?: string;
}

export interface SymbolicDerivative {
  readonly text: string;
  readonly latex: string;
}

export interface InputView {
  readonly id: number;
  readonly name: string;
  readonly value: number;
  readonly grad: number;
  readonly symbolic?: SymbolicDerivative;
  readonly range?: SourceRange;
}

/** An input the output does not depend on: listed as "not used", never with a gradient of 0. */
export interface UnusedInput {
  readonly id: number;
  readonly name: string;
  readonly value: number;
  readonly range?: SourceRange;
}

export interface NonFiniteReport {
  readonly node: number;
  readonly message: string;
}

export interface InspectionResult {
  readonly output: { readonly id: number; readonly name: string; readonly value: number };
  readonly value: number;
  /** ∂output/∂input by input name, for the inputs the output depends on. */
  readonly grads: Readonly<Record<string, number>>;
  /** The inputs the output depends on. */
  readonly inputs: readonly InputView[];
  /** The inputs it does not depend on. */
  readonly unused: readonly UnusedInput[];
  readonly nodes: readonly NodeView[];
  readonly steps: readonly BackwardStep[];
  readonly firstNonFinite?: NonFiniteReport;
  /**
   * The central-difference check, for every input or, when there are many, for a fixed sample
   * of them (fewer entries than `inputs`: see checkSampleNote in checkSample.ts).
   */
  readonly check?: readonly GradientCheck[];
  /** Set when symbolic derivatives were left out (too large to read or to write): says which. */
  readonly symbolicSkipped?: string;
  /** The groups nodes point into, by id = index; absent when the graph has none. */
  readonly groups?: readonly GroupView[];
}
