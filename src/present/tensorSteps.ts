/**
 * Stepping through a tensor result's backward pass in matrix form, as a pure state machine the
 * panel renders: each step's title, its VJP rule with the shapes it combines
 * (`∂L/∂W = Xᵀ · ∂L/∂Y   (3, 2) = (3, 2) · (2, 2)`), and the tensors to show beside it — the
 * upstream gradient and the step's result, or, where broadcasting is undone, the gradient in
 * the broadcast shape and its sum back to the operand's shape. Positions and moves are the
 * scalar step-through's (stepThrough.ts).
 *
 * Generic in how a tensor is carried (`T`, only its shape is read here): the page passes the
 * protocol's summaries.
 */
import { assertNever } from '../engine/assertNever';
import { partialSymbol } from '../engine/stepText';
import { shapeText } from '../engine/tensor/shape';
import type { TensorStepOf } from '../engine/tensor/tensorStepOf';

export interface ShapedTensor {
  readonly shape: readonly number[];
}

/** A tensor shown beside a step, with what it is. */
export interface TensorPane<T> {
  readonly role: 'upstream' | 'result' | 'broadcast';
  /** E.g. `upstream ∂loss/∂(X @ W)  (2, 2)`. */
  readonly caption: string;
  readonly tensor: T;
}

export interface TensorStepFrame<T> {
  /** E.g. `Step 15 of 17 · (X @ W) → W`. */
  readonly title: string;
  /** The VJP rule, e.g. `∂L/∂W = Xᵀ · ∂L/∂(X @ W)`. */
  readonly rule: string;
  /** The shapes it combines, e.g. `(3, 2) = (3, 2) · (2, 2)`. */
  readonly shapes: string;
  readonly panes: readonly TensorPane<T>[];
  readonly details: readonly string[];
  /** The node whose gradient the step gives (the seed's node for the seed). */
  readonly activeNode: number;
  /** The node whose gradient flows back in this step, if any. */
  readonly upstreamNode: number | null;
}

export interface TensorStepContext<T extends ShapedTensor> {
  readonly steps: readonly TensorStepOf<T>[];
  /** The differentiated output's name, as the partials write it. */
  readonly output: string;
  /** A node's name or expression. */
  readonly label: (node: number) => string;
}

/** The frame of step `index`, or undefined when there is no such step. */
export function tensorStepFrame<T extends ShapedTensor>(
  context: TensorStepContext<T>,
  index: number,
): TensorStepFrame<T> | undefined {
  const step = context.steps[index];
  if (step === undefined) {
    return undefined;
  }
  const { output, label } = context;
  const position = `Step ${index + 1} of ${context.steps.length}`;
  switch (step.kind) {
    case 'seed':
      return {
        title: `${position} · the seed`,
        rule: `${partialSymbol(output, output)} = 1`,
        shapes: shapeText(step.shape),
        panes: [],
        details: ['the output, by definition: the backward pass starts from a gradient of 1'],
        activeNode: step.node,
        upstreamNode: null,
      };
    case 'vjp':
      return {
        title: `${position} · ${label(step.from)} → ${label(step.to)}${part(step)}`,
        rule: step.rule,
        shapes: step.shapes,
        panes: [
          {
            role: 'upstream',
            caption: `upstream ${gradientOf(output, label(step.from))}  ${shapeText(step.upstream.shape)}`,
            tensor: step.upstream,
          },
          {
            role: 'result',
            caption: `${gradientOf(output, label(step.to))}${part(step)}  ${shapeText(step.product.shape)}`,
            tensor: step.product,
          },
        ],
        details: vjpDetails(step, context),
        activeNode: step.to,
        upstreamNode: step.from,
      };
    case 'reduce': {
      const broadcast = broadcastProduct(context.steps, index);
      return {
        title: `${position} · broadcasting undone → ${label(step.to)}${part(step)}`,
        rule: step.rule,
        shapes: `${broadcast === undefined ? '' : `${shapeText(broadcast.shape)} → `}${shapeText(step.result.shape)}`,
        panes: [
          ...(broadcast === undefined
            ? []
            : [
                {
                  role: 'broadcast' as const,
                  caption: `in the broadcast shape  ${shapeText(broadcast.shape)}`,
                  tensor: broadcast,
                },
              ]),
          {
            role: 'result',
            caption: `${gradientOf(output, label(step.to))}${part(step)}  ${shapeText(step.result.shape)}`,
            tensor: step.result,
          },
        ],
        details: [
          `${label(step.to)} was broadcast in ${label(step.from)}: its gradient is summed over the axes it was stretched along`,
        ],
        activeNode: step.to,
        upstreamNode: step.from,
      };
    }
    default:
      return assertNever(step, 'tensor step');
  }
}

/** What the panel says when no step is chosen. */
export function tensorWholePicture(total: number): { title: string; details: readonly string[] } {
  return {
    title: 'Backward pass in matrix form',
    details:
      total === 0
        ? ['no gradient flows: the output depends on no input']
        : [`${total} steps: step through them with ▶, the → key or Home/End`],
  };
}

function vjpDetails<T extends ShapedTensor>(
  step: Extract<TensorStepOf<T>, { kind: 'vjp' }>,
  context: TensorStepContext<T>,
): string[] {
  const details = [
    `the upstream gradient of ${context.label(step.from)} pulled back through its operand ${step.operandIndex + 1}`,
  ];
  if (context.steps[step.index + 1]?.kind === 'reduce') {
    details.push('broadcast in the forward pass: the next step sums it back to its shape');
  }
  if (step.contributions > 1) {
    details.push(
      `${context.label(step.to)} is used ${step.contributions} times: its gradient is the sum of ${step.contributions} contributions`,
    );
  }
  return details;
}

/** The VJP result a `reduce` step sums: the product of the step just before it. */
function broadcastProduct<T extends ShapedTensor>(
  steps: readonly TensorStepOf<T>[],
  index: number,
): T | undefined {
  const before = steps[index - 1];
  return before?.kind === 'vjp' ? before.product : undefined;
}

/** ∂L/∂x, without doubling the parentheses of an expression label that has them: `∂L/∂(X @ W)`. */
function gradientOf(output: string, label: string): string {
  return enclosed(label) ? `∂${output}/∂${label}` : partialSymbol(output, label);
}

/** Whether the text is one parenthesized group, `(X @ W)` but not `(a) + (b)`. */
function enclosed(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) {
    return false;
  }
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    if (depth === 0 && i < text.length - 1) {
      return false;
    }
  }
  return true;
}

/** Which of several contributions to a gradient this is (they add). */
function part(step: { readonly contribution: number; readonly contributions: number }): string {
  return step.contributions > 1 ? ` (${step.contribution} of ${step.contributions})` : '';
}
