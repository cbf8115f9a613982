/**
 * What checking a hand-written backward pass answers: which hand-written gradient belongs to
 * which forward value (the pairing), how each compares with the engine's gradient, and the
 * first line whose result is wrong while everything it reads is right. Plain, JSON-friendly
 * objects: the CLI, the extension's diagnostics, hovers and lenses, and the panel read them.
 */
import type { SourceRange } from '../../engine/ir';
import type { InspectError } from '../inspectSource';

/** How the pairing was found: the naming convention, the code's structure, or a comment. */
export type PairingConvention =
  /** `dx`, `dW`, `dscores`: d + the forward name. */
  | 'd-name'
  /** `dfdx`: d + output + d + name. */
  | 'd-output-d-name'
  /** `x_grad`, `grad_x`, `x_derivative`, `derivative_f_wrt_x`. */
  | 'named-grad'
  /** The second value of `return loss, dW` / `loss, grad = f(…)`. */
  | 'returned'
  /** `affine_backward(dout, cache)` paired with `affine_forward`: a vector-Jacobian product. */
  | 'layer-backward'
  /** `# grad-of: dW W` in the code, or chosen in the panel. */
  | 'comment';

export interface GradientPairing {
  /** The hand-written gradient's name as the code writes it: `dW`. */
  readonly gradient: string;
  /** The forward value it is the gradient of: `W`. */
  readonly of: string;
  /** The value differentiated: `loss` (for a layer pair, the layer's output, seeded by dout). */
  readonly output: string;
  readonly convention: PairingConvention;
  /** The statement that last writes the hand-written gradient (where its final value is made). */
  readonly range: SourceRange;
  /** The forward value's definition. */
  readonly ofRange?: SourceRange;
}

/**
 * CS231n's reading of a relative error, in float64: `correct` ≤ 1e-7, `doubtful` up to 1e-4
 * (kinks, float32-sized noise), `wrong` above; `shape`: the shapes differ.
 */
export type GradientVerdict = 'correct' | 'doubtful' | 'wrong' | 'shape';

export interface WorstElement {
  /** The element's index ([] for a scalar). */
  readonly index: readonly number[];
  readonly handWritten: number;
  readonly engine: number;
  readonly relativeError: number;
}

export interface GradientComparison {
  readonly pairing: GradientPairing;
  readonly verdict: GradientVerdict;
  /** max over elements of |a − b| / max(|a|, |b|) (0 where both are 0). */
  readonly maxRelativeError: number;
  readonly worst?: WorstElement;
  readonly handShape: readonly number[];
  readonly engineShape: readonly number[];
  /** Set for 'wrong' and 'shape': what the difference looks like, when it has a known shape. */
  readonly explanation?: Explanation;
}

/** The known shapes of a wrong gradient (issue 20, item 3). */
export type Explanation =
  /** The difference is one path's contribution: the gradient through that consumer is missing. */
  | {
      readonly kind: 'missing-term';
      readonly text: string;
      /** The forward statement whose gradient contribution is missing (`reg_loss = …`). */
      readonly through?: SourceRange;
    }
  /** Off by a constant factor: 1/N, N, 2, 1/2, −1. */
  | { readonly kind: 'factor'; readonly text: string; readonly factor: number }
  | { readonly kind: 'transposed'; readonly text: string }
  /** `=` where a fork needs `+=`: an earlier contribution was overwritten. */
  | { readonly kind: 'overwritten'; readonly text: string; readonly overwritten?: SourceRange }
  /** Right where a mask lets the gradient through, wrong exactly at the masked elements. */
  | { readonly kind: 'mask'; readonly text: string }
  | { readonly kind: 'shape'; readonly text: string }
  /** No known shape: the two numbers are the explanation. */
  | { readonly kind: 'other'; readonly text: string };

/** The first line whose result is wrong while every gradient it reads is right. */
export interface FirstWrongLine {
  readonly range: SourceRange;
  /** The hand-written gradient that line makes (an intermediate one such as `dscores` too). */
  readonly gradient: string;
  readonly of: string;
  readonly worst?: WorstElement;
  readonly explanation: Explanation;
}

export interface BackwardCheckReport {
  readonly kind: 'scalar' | 'tensor';
  /** The forward pass's output (what every pairing differentiates unless a layer pair says otherwise). */
  readonly output: string;
  readonly comparisons: readonly GradientComparison[];
  /** Absent when every comparison is correct or doubtful. */
  readonly firstWrong?: FirstWrongLine;
  /**
   * What the check assumed or noticed: the front end's notes, a forward value overwritten by
   * backward code through aliasing (`dscores = probs` then `dscores[…] -= 1` changes `probs`).
   */
  readonly notes: readonly string[];
}

export type BackwardCheckOutcome =
  | { readonly ok: true; readonly report: BackwardCheckReport }
  /** `no-backward`: the code has no hand-written gradient the pairing recognises. */
  | {
      readonly ok: false;
      readonly error: InspectError | { readonly kind: 'no-backward'; readonly message: string };
    };
