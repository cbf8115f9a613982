/**
 * "Write the backward pass": the hand-written backward pass the engine would write for a forward
 * pass, as plain code in the file's language and style (the course notes' staged scalar code, or
 * NumPy in matrix form), with no helpers. The extension inserts it below the forward pass; the
 * checker (core/handBackward) then reports it correct.
 */
import type { Position, SourceRange } from '../../engine/ir';
import type { InspectError } from '../inspectSource';

export type BackwardStyle =
  /** `dq = z * df`, `dx = 1.0 * dq`, `dx += …` at forks (Python, JavaScript, TypeScript). */
  | 'staged-scalar'
  /** `dscores = probs.copy()`, `dW = X.T @ dscores + reg * W` (NumPy, JAX as NumPy). */
  | 'numpy-matrix'
  /** The same in torch tensors, for PyTorch code written without autograd. */
  | 'torch-matrix';

export interface WrittenGradient {
  /** The name the written code gives it: `dW`. */
  readonly name: string;
  /** The forward value it is the gradient of: `W`. */
  readonly of: string;
}

export interface WrittenBackward {
  readonly style: BackwardStyle;
  /** The lines to insert, each ending with a newline, indented as the forward pass is. */
  readonly code: string;
  /** Where they go: the start of the line after the forward pass's last statement. */
  readonly insertAt: Position;
  /** The forward pass's output, whose gradient the written code seeds (`df = 1.0`). */
  readonly output: string;
  readonly gradients: readonly WrittenGradient[];
}

export type WriteOutcome =
  | { readonly ok: true; readonly written: WrittenBackward }
  /** `unwritable`: an operation with no plain-code derivative the writer knows, named with its place. */
  | {
      readonly ok: false;
      readonly error:
        | InspectError
        | { readonly kind: 'unwritable'; readonly message: string; readonly range?: SourceRange };
    };
