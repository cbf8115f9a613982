/**
 * The shape of one entry in the op catalogue. Each op says how to compute itself, its local
 * partial derivatives (as numbers and as readable formulas), how it prints, and where it is
 * not differentiable.
 */
import type { OpName } from './opName';
import type { Spellings } from './spelling';
import type { Sym } from './sym';

/** The families of the catalogue, in the order the README and the messages list them. */
export const FAMILIES = [
  'arithmetic',
  'exponential',
  'trigonometric',
  'hyperbolic',
  'activation',
  'special',
  'piecewise',
  'control',
] as const;

export type Family = (typeof FAMILIES)[number];

/** The patterns taught with backprop; fan-out ("adder") is a property of the graph, not the op. */
export type GatePattern = 'distributor' | 'swap multiplier' | 'router' | 'adder';

/** How a formula containing this op is written, in plain text and in LaTeX. */
export type Notation =
  | {
      readonly kind: 'infix';
      /** Plain-text operator, e.g. `+`, `·`, `/`, `^`. */
      readonly text: string;
      readonly latex: string;
      /** Higher binds tighter: add/sub 1, mul/div/mod 2, neg 3, pow 4. */
      readonly precedence: number;
      readonly associativity: 'left' | 'right';
    }
  | {
      readonly kind: 'prefix';
      readonly text: string;
      readonly latex: string;
      readonly precedence: number;
    }
  | {
      readonly kind: 'function';
      /** Plain-text function name, e.g. `exp`, `σ`, `max`. */
      readonly text: string;
      /** LaTeX function name, e.g. `\exp`, `\sigma`, `\operatorname{relu}`. */
      readonly latex: string;
    };

export interface Arity {
  readonly min: number;
  /** `Infinity` for n-ary ops such as max. */
  readonly max: number;
}

export interface OpSpec {
  readonly name: OpName;
  readonly family: Family;
  /** The glyph drawn in the graph node: `+`, `×`, `exp`, `σ`, `max`. */
  readonly symbol: string;
  readonly notation: Notation;
  readonly arity: Arity;
  /** One sentence for node details, e.g. "sigmoid σ(x) = 1/(1 + e^(−x))". */
  readonly description: string;
  readonly gate?: GatePattern;
  /** Piecewise constant (floor, sign…): the gradient is 0 wherever it exists. */
  readonly zeroGradient?: boolean;
  /** How math notation, Python and JavaScript write it (plain data the front ends read). */
  readonly spellings?: Spellings;

  forward(args: readonly number[]): number;
  /**
   * ∂out/∂args[i] for every operand, at the point `args` where the op produced `value`.
   * At non-differentiable points this follows PyTorch's convention.
   */
  partials(args: readonly number[], value: number): number[];
  /** The same partials as readable formulas in terms of the operand expressions `args`. */
  partialFormulas(args: readonly Sym[]): Sym[];
  /** A message when `args` sits on a point where the op is not differentiable. */
  kink?(args: readonly number[]): string | undefined;
  /**
   * Which smooth piece of a piecewise op `args` falls in (e.g. the sign of x for relu, the
   * index of the winner for max). Two points with different pieces lie across a kink.
   */
  piece?(args: readonly number[]): number;
}
