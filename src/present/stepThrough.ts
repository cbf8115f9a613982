/**
 * Stepping through the passes of an inspection, as a pure state machine the panel renders:
 * the backward pass one recorded chain-rule step at a time, starting at ∂f/∂f = 1, and the
 * forward pass one operation at a time. Given a position it says which edges are done, active
 * or still pending, which gradients are known so far, and what the explanation line reads.
 *
 * A position is a step index, or null for the whole picture (no step-through).
 */
import { formatNumber, type FormatOptions } from '../engine/format';
import { displayName } from '../engine/labels';
import type { BackwardStep, InspectionResult, NodeView } from '../engine/result';
import { describeStep, partialSymbol } from '../engine/stepText';
import { assertNever } from '../engine/assertNever';

export type StepMode = 'backward' | 'forward';
export type StepCommand = 'first' | 'previous' | 'next' | 'last';
export type EdgeState = 'done' | 'active' | 'pending';

/** The drawing's `data-edge`: consumer, operand and operand position, as in a backward step. */
export function edgeKey(from: number, to: number, operandIndex: number): string {
  return `${from}-${to}-${operandIndex}`;
}

/** The position after `command`, from `index` (null: the whole picture) in `total` steps. */
export function moveStep(index: number | null, total: number, command: StepCommand): number | null {
  if (total <= 0) {
    return null;
  }
  const last = total - 1;
  switch (command) {
    case 'first':
      return 0;
    case 'last':
      return last;
    case 'next':
      return index === null ? 0 : Math.min(index + 1, last);
    case 'previous':
      return index === null ? last : Math.max(index - 1, 0);
    default:
      return assertNever(command);
  }
}

/**
 * "Next group": the last step of the iteration or inlined call the next step belongs to, so
 * that one key press runs a whole iteration; just the next step when that step is in none.
 * A step belongs to the groups of the node it is at (a backward edge's consumer, the seed's
 * node, a forward step's operation).
 */
export function groupStepEnd(
  result: InspectionResult,
  mode: StepMode,
  index: number | null,
): number | null {
  const order = mode === 'forward' ? forwardOrder(result) : undefined;
  const total = order?.length ?? result.steps.length;
  const next = moveStep(index, total, 'next');
  if (next === null || next === index) {
    return next;
  }
  const nodeAt = (at: number): number | undefined => {
    if (order !== undefined) {
      return order[at];
    }
    const step = result.steps[at];
    return step === undefined ? undefined : step.kind === 'seed' ? step.node : step.from;
  };
  const groups = result.groups ?? [];
  // The innermost iteration or call around the next step's node.
  let group = result.nodes[nodeAt(next) ?? -1]?.group;
  while (group !== undefined && groups[group]?.kind === 'loop') {
    group = groups[group]?.parent;
  }
  if (group === undefined) {
    return next;
  }
  const inGroup = (at: number): boolean => {
    for (let g = result.nodes[nodeAt(at) ?? -1]?.group; g !== undefined; g = groups[g]?.parent) {
      if (g === group) {
        return true;
      }
    }
    return false;
  };
  let end = next;
  while (end + 1 < total && inGroup(end + 1)) {
    end += 1;
  }
  return end;
}

/** A position kept inside `total` steps (a new inspection may have fewer). */
export function clampStep(index: number | null, total: number): number | null {
  if (index === null || total <= 0) {
    return null;
  }
  return Math.min(Math.max(0, Math.floor(index)), total - 1);
}

/** What the explanation area shows at a position. */
export interface Explanation {
  /** `Backward step 3 of 5`. */
  readonly title: string;
  /** The chain rule with numbers: `∂f/∂y = ∂f/∂q · ∂q/∂y = (−4) · 1 = −4`. */
  readonly equation: string;
  /** Named parts: upstream gradient, local gradient, fan-out sum, the gate's pattern. */
  readonly details: readonly string[];
}

export interface BackwardFrame {
  readonly mode: 'backward';
  readonly index: number;
  readonly total: number;
  readonly step: BackwardStep;
  /** The edge the gradient flows along in this step (none for the seed). */
  readonly activeEdge: string | undefined;
  /** The node whose gradient this step computes or adds to. */
  readonly activeNode: number;
  /** The consumer the gradient comes from (none for the seed). */
  readonly upstreamNode: number | undefined;
  /** Edges whose step came before this one, in step order. */
  readonly doneEdges: readonly string[];
  /** Each node's gradient as known after this step (summed so far at fan-out). */
  readonly gradients: ReadonlyMap<number, number>;
  readonly explanation: Explanation;
}

/** The backward pass at step `index` (clamped into range); undefined when there are no steps. */
export function backwardFrame(
  result: InspectionResult,
  index: number,
  format: FormatOptions = {},
): BackwardFrame | undefined {
  const total = result.steps.length;
  const at = clampStep(index, total);
  if (at === null) {
    return undefined;
  }
  const step = result.steps[at]!;
  const doneEdges: string[] = [];
  const gradients = new Map<number, number>();
  for (let i = 0; i <= at; i += 1) {
    const s = result.steps[i]!;
    if (s.kind === 'seed') {
      gradients.set(s.node, s.grad);
    } else {
      gradients.set(s.to, s.accumulated);
      if (i < at) {
        doneEdges.push(edgeKey(s.from, s.to, s.operandIndex));
      }
    }
  }
  const base = {
    mode: 'backward' as const,
    index: at,
    total,
    step,
    doneEdges,
    gradients,
    explanation: backwardExplanation(result, step, at, total, format),
  };
  return step.kind === 'seed'
    ? { ...base, activeEdge: undefined, activeNode: step.node, upstreamNode: undefined }
    : {
        ...base,
        activeEdge: edgeKey(step.from, step.to, step.operandIndex),
        activeNode: step.to,
        upstreamNode: step.from,
      };
}

/** An edge's state at backward position `index` (null: the whole picture, all done). */
export function backwardEdgeState(edgeStep: number | undefined, index: number | null): EdgeState {
  if (index === null) {
    return 'done';
  }
  if (edgeStep === undefined || edgeStep > index) {
    return 'pending';
  }
  return edgeStep === index ? 'active' : 'done';
}

const GATE_TEXT: Readonly<Record<string, string>> = {
  distributor: 'add gate: distributes the gradient to every operand unchanged',
  'swap multiplier': 'multiply gate: each operand gets the gradient times the other operand',
  router: 'max/min gate: routes the gradient to the operand that won',
  adder: 'copy gate: a value used more than once adds up the gradients of its uses',
};

function backwardExplanation(
  result: InspectionResult,
  step: BackwardStep,
  index: number,
  total: number,
  format: FormatOptions,
): Explanation {
  const title = `Backward step ${index + 1} of ${total}`;
  const text = describeStep(step, result, format);
  if (step.kind === 'seed') {
    return {
      title,
      equation: text.equation,
      details: ['start: the gradient of the output with respect to itself is 1'],
    };
  }
  const f = result.output.name;
  const from = result.nodes[step.from];
  const to = result.nodes[step.to];
  const upstream = `upstream gradient ${partialSymbol(f, from?.label ?? `#${step.from}`)} = ${formatNumber(step.upstream, format)}`;
  const details = [upstream, `local gradient ${text.local}`];
  if (text.accumulation !== undefined) {
    details.push(`fan-out: ${text.accumulation}`);
  }
  for (const gate of from?.gates ?? []) {
    const line = GATE_TEXT[gate];
    if (line !== undefined && gate !== 'adder') {
      details.push(line);
    }
  }
  if (to !== undefined && step.contributions > 1 && step.contribution === step.contributions) {
    details.push(GATE_TEXT.adder!);
  }
  return { title, equation: text.equation, details };
}

// ---------------------------------------------------------------------------------------------
// The forward pass

export interface ForwardFrame {
  readonly mode: 'forward';
  readonly index: number;
  readonly total: number;
  /** The operation computed at this step. */
  readonly activeNode: number;
  /** Its operand edges. */
  readonly activeEdges: readonly string[];
  /** Every node's position in the forward pass (−1 for inputs and constants). */
  readonly rank: Int32Array;
  readonly explanation: Explanation;
}

/** The operations in the order the forward pass computes them (nodes are topologically sorted). */
export function forwardOrder(result: InspectionResult): number[] {
  const order: number[] = [];
  for (const node of result.nodes) {
    if (node.kind === 'op') {
      order.push(node.id);
    }
  }
  return order;
}

/** The forward pass at step `index` (clamped); undefined when nothing is computed. */
export function forwardFrame(
  result: InspectionResult,
  index: number,
  format: FormatOptions = {},
): ForwardFrame | undefined {
  const order = forwardOrder(result);
  const at = clampStep(index, order.length);
  if (at === null) {
    return undefined;
  }
  const rank = new Int32Array(result.nodes.length).fill(-1);
  order.forEach((id, position) => {
    rank[id] = position;
  });
  const node = result.nodes[order[at]!]!;
  return {
    mode: 'forward',
    index: at,
    total: order.length,
    activeNode: node.id,
    activeEdges: node.operands.map((operand, i) => edgeKey(node.id, operand, i)),
    rank,
    explanation: {
      title: `Forward step ${at + 1} of ${order.length}`,
      equation: forwardEquation(result, node, format),
      details: forwardDetails(result, node),
    },
  };
}

/** An edge's state at a forward position: done once its consumer has been computed. */
export function forwardEdgeState(frame: ForwardFrame, from: number): EdgeState {
  const position = frame.rank[from] ?? -1;
  if (position === frame.index) {
    return 'active';
  }
  return position >= 0 && position < frame.index ? 'done' : 'pending';
}

/** Whether a node's value is known at a forward position (leaves always are). */
export function forwardValueKnown(frame: ForwardFrame, node: number): boolean {
  const position = frame.rank[node] ?? -1;
  return position <= frame.index;
}

const INFIX = new Set(['+', '−', '×', '÷', '^', '%', '//']);

/** `q = x + y = (−2) + 5 = 3`: the operation over its operands' names, then their values. */
function forwardEquation(result: InspectionResult, node: NodeView, format: FormatOptions): string {
  const operands = node.operands.map((id) => result.nodes[id]);
  const names = operands.map((operand) => operand?.label ?? '?');
  const numbers = operands.map((operand) => formatNumber(operand?.value ?? NaN, format));
  const own = node.name === undefined ? undefined : displayName(node.name, node.version);
  // An unnamed node's label is its expression already (`x·x`); a named one's is its name.
  const expression = own === undefined ? node.label : applied(node.symbol, names);
  const parts = [expression, applied(node.symbol, numbers, true), formatNumber(node.value, format)];
  if (own !== undefined) {
    parts.unshift(own);
  } else if (node.id === result.output.id && result.output.name !== expression) {
    parts.unshift(result.output.name);
  }
  return parts.join(' = ');
}

/** `x + y`, `−x`, `exp(x)`; with `numbers`, negative operands of operators in parentheses. */
function applied(symbol: string, args: readonly string[], numbers = false): string {
  const operand = (text: string) => (numbers && text.startsWith('−') ? `(${text})` : text);
  if (INFIX.has(symbol) && args.length === 2) {
    return `${operand(args[0]!)} ${symbol} ${operand(args[1]!)}`;
  }
  if (symbol === '−' && args.length === 1) {
    return numbers ? `−(${args[0]})` : `−${args[0]}`;
  }
  return `${symbol}(${args.join(', ')})`;
}

function forwardDetails(result: InspectionResult, node: NodeView): string[] {
  const details: string[] = [];
  if (node.id === result.output.id) {
    details.push(`the output ${result.output.name}`);
  }
  if (node.kink !== undefined) {
    details.push(node.kink);
  }
  if (result.firstNonFinite?.node === node.id) {
    details.push(result.firstNonFinite.message);
  }
  return details;
}
