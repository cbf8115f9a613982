/**
 * One function-shaped backward pass to check: the call returning hand-written gradients, the
 * call whose arguments they are gradients of, and what is differentiated. A
 * torch.autograd.Function is checked as one too, in a rewritten text (`rewritten`).
 */
import type { SourceRange } from '../../engine/ir';
import type { FunctionDef, UnpackingCall } from './functionCalls';

/** The output appended to the text for a vector-Jacobian product: sum(out * dout). */
export const VJP = '__layer_vjp';

export interface FunctionCheck {
  readonly convention: 'layer-backward' | 'returned';
  /** The call that returns the hand-written gradients. */
  readonly call: UnpackingCall;
  readonly def: FunctionDef;
  /** The call whose arguments the gradients are of (the forward call for a layer pair). */
  readonly argsCall: UnpackingCall;
  readonly argsDef: FunctionDef;
  /** The value differentiated as the code names it: the layer's `out`, or `loss`. */
  readonly output: string;
  /** The output the reading is asked for. */
  readonly readOutput: string;
  /** The upstream gradient of a layer pair: `dout`. */
  readonly upstream?: string;
  /** Which returned values are gradients: from 0 for a layer pair, from 1 after a loss. */
  readonly firstGradient: number;
  readonly rewritten?: Rewritten;
}

/** A text read instead of the file's (lines kept in place), and the way back to the file. */
export interface Rewritten {
  readonly source: string;
  /** The gradients' names as reported, in the order of the call's targets. */
  readonly gradients: readonly string[];
  readonly toOriginal: (range: SourceRange) => SourceRange;
  /** What the check did, said in the report's notes. */
  readonly note: string;
}
