/**
 * A backward step of a tensor result in matrix form, as the views read it — the seed, a VJP
 * with its rule and shapes, or broadcasting undone — generic in how its tensors are carried:
 * the panel's summaries on the wire (protocol's PanelTensorStep), the drawing's statistics
 * (present/graph/tensorGraphInput.ts), any shaped value the step-through reads
 * (present/tensorSteps.ts). Types only, declared in the engine because it is the one layer
 * that the views, the protocol and the page all may import. The engine's own TensorStep
 * (tensorResult.ts) has these fields and more (the accumulated gradient, the axes summed).
 */
import type { Shape } from './shape';

export type TensorStepOf<T> =
  | { readonly kind: 'seed'; readonly index: number; readonly node: number; readonly shape: Shape }
  | {
      readonly kind: 'vjp';
      readonly index: number;
      readonly from: number;
      readonly to: number;
      readonly operandIndex: number;
      readonly rule: string;
      readonly shapes: string;
      /** ∂L/∂from: the gradient pulled back. */
      readonly upstream: T;
      readonly product: T;
      readonly contribution: number;
      readonly contributions: number;
    }
  | {
      readonly kind: 'reduce';
      readonly index: number;
      readonly from: number;
      readonly to: number;
      readonly operandIndex: number;
      readonly rule: string;
      readonly result: T;
      readonly contribution: number;
      readonly contributions: number;
    };
