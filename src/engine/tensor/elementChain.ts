/**
 * The scalar chain rule behind one element of a tensor's gradient: for every backward step that
 * sends the node a gradient, ∂L/∂x[i] = Σⱼ ∂y[j]/∂x[i] · ∂L/∂y[j] with the terms listed.
 *
 * The column ∂y/∂x[i] of the step's Jacobian is the op's own JVP of a one-hot tangent at
 * element i, so every primitive (and broadcasting, which the JVP expands) is covered by the same
 * catalogue that made the step; the texts of the terms come from elementChainText.ts. The sum of
 * all terms is compared with the contribution the step recorded, and the page is told when they
 * disagree (a NaN or ∞ upstream multiplies into terms the VJP skips).
 */
import { tensorOpRecord } from './ops';
import { sizeOf, stridesOf, type Shape } from './shape';
import type { Tensor } from './tensor';
import type { TensorInspectionResult, TensorStep } from './tensorResult';
import { chainText, elementName } from './elementChainText';
import { asWord } from './tensorLabels';

/** Terms listed per step; the others are counted and summed. */
export const MAX_CHAIN_TERMS = 64;

/** Agreement asked of the terms' sum and the recorded contribution, relative to Σ|terms|. */
export const CHAIN_TOLERANCE = 1e-12;

export interface ChainTerm {
  /** The consumer's output element, one index per axis. */
  readonly at: readonly number[];
  /** ∂y[at]/∂x[i], written, e.g. `X[3, 1]` or `1/4`. */
  readonly localText: string;
  /** ∂y[at]/∂x[i]. */
  readonly local: number;
  /** ∂L/∂y[at]. */
  readonly upstream: number;
  readonly product: number;
}

/** One consumer's share of ∂L/∂x[i]. */
export interface StepChain {
  /** The index of the step's `vjp` record in the result's steps. */
  readonly step: number;
  /** The consumer node y. */
  readonly from: number;
  readonly operandIndex: number;
  /** E.g. `∂L/∂W[1, 2] = Σₖ X[k, 1] · ∂L/∂(X @ W)[k, 2]`. */
  readonly formula: string;
  /** `∂L/∂(X @ W)`: how each term's upstream factor is written, before its index. */
  readonly upstreamName: string;
  /** The first MAX_CHAIN_TERMS nonzero terms, in row-major order of `at`. */
  readonly terms: readonly ChainTerm[];
  /** Nonzero terms not listed. */
  readonly more: number;
  /** The sum of all the terms, listed or not. */
  readonly sum: number;
  /** The contribution the step recorded for this element (after broadcasting was undone). */
  readonly recorded: number;
  /** Whether `sum` and `recorded` agree within CHAIN_TOLERANCE. */
  readonly agrees: boolean;
}

export interface ElementChain {
  readonly node: number;
  readonly index: readonly number[];
  /** The element as written, e.g. `W[1, 2]`. */
  readonly name: string;
  readonly value: number;
  /** ∂L/∂x[i]; absent when the node has no gradient. */
  readonly grad?: number;
  /** The node is the differentiated output itself: its gradient is the seed 1. */
  readonly seed: boolean;
  readonly steps: readonly StepChain[];
}

/** The chain rule of element `index` of `node`, or why there is none to give. */
export function elementChain(
  result: TensorInspectionResult,
  node: number,
  index: readonly number[],
  maxTerms: number = MAX_CHAIN_TERMS,
): ElementChain | { readonly problem: string } {
  const view = result.nodes[node];
  if (view === undefined) {
    return { problem: `there is no node #${node}` };
  }
  const flat = flatIndex(view.shape, index);
  if (flat === undefined) {
    return { problem: `[${index.join(', ')}] is not an element of ${view.label}` };
  }
  const steps = result.steps
    .filter((step) => step.kind === 'vjp' && step.to === node)
    .map((step) => stepChain(result, step, flat, maxTerms));
  return {
    node,
    index: [...index],
    name: elementName(view.label, index),
    value: view.value[flat] ?? NaN,
    ...(view.grad === undefined ? {} : { grad: view.grad[flat] ?? NaN }),
    seed: result.steps.some((step) => step.kind === 'seed' && step.node === node),
    steps,
  };
}

/**
 * The terms of one `vjp` step for operand element `flat` (row-major). `steps` is the result's
 * list, which holds the `reduce` step that may follow this one.
 */
export function stepChain(
  result: TensorInspectionResult,
  step: TensorStep,
  flat: number,
  maxTerms: number = MAX_CHAIN_TERMS,
): StepChain {
  if (step.kind !== 'vjp') {
    throw new RangeError(`step ${step.index} is not a VJP`);
  }
  const consumer = result.nodes[step.from];
  if (consumer?.op === undefined) {
    throw new RangeError(`step ${step.index} comes from node ${step.from}, which is not an op`);
  }
  const args: Tensor[] = consumer.operands.map((id) => {
    const operand = result.nodes[id];
    if (operand === undefined) {
      throw new RangeError(`node ${step.from} uses a missing node ${id}`);
    }
    return { shape: operand.shape, data: operand.value };
  });
  const operandShape = args[step.operandIndex]?.shape ?? [];
  const column = jacobianColumn(consumer.op, step.operandIndex, flat, args, {
    shape: consumer.shape,
    data: consumer.value,
  });
  const names = consumer.operands.map((id) => result.nodes[id]?.label ?? `#${id}`);
  const text = chainText(consumer.op, {
    operand: step.operandIndex,
    names,
    out: consumer.label,
    index: unflatten(operandShape, flat),
    shapes: args.map((arg) => arg.shape),
    outShape: consumer.shape,
  });
  const terms: ChainTerm[] = [];
  let more = 0;
  let sum = 0;
  let magnitude = 0;
  const upstream = step.upstream.data;
  for (let j = 0; j < column.length; j += 1) {
    const local = column[j]!;
    if (local === 0) {
      continue;
    }
    const product = local * upstream[j]!;
    sum += product;
    magnitude += Math.abs(product);
    if (terms.length >= maxTerms) {
      more += 1;
      continue;
    }
    const at = unflatten(consumer.shape, j);
    terms.push({ at, localText: text.local(at, local), local, upstream: upstream[j]!, product });
  }
  const recorded = recordedContribution(result.steps, step, flat);
  return {
    step: step.index,
    from: step.from,
    operandIndex: step.operandIndex,
    formula: text.formula,
    upstreamName: `∂L/∂${asWord(consumer.label)}`,
    terms,
    more,
    sum,
    recorded,
    agrees: agree(sum, recorded, magnitude),
  };
}

/** ∂y/∂x[flat] for every element of y: the JVP of a one-hot tangent on that operand. */
function jacobianColumn(
  op: NonNullable<TensorInspectionResult['nodes'][number]['op']>,
  operand: number,
  flat: number,
  args: readonly Tensor[],
  out: Tensor,
): Float64Array {
  if (op.kind === 'matmul') {
    const column = matrixProductColumn(operand, flat, args);
    if (column !== undefined) {
      return column;
    }
  }
  const shape = args[operand]?.shape ?? [];
  const oneHot = new Float64Array(sizeOf(shape));
  oneHot[flat] = 1;
  const tangents = args.map((_, i) => (i === operand ? { shape, data: oneHot } : undefined));
  return tensorOpRecord(op).jvp(op, tangents, args, out).data;
}

/**
 * The column of a product of two matrices Y = A @ B, read off directly: A[n, d] reaches only
 * Y[n, c], through B[d, c]; B[d, c] only Y[k, c], through A[k, d]. The one-hot JVP would cost a
 * whole product (and turn an ∞ elsewhere in the row into NaN, as ∞ · 0 is).
 */
function matrixProductColumn(
  operand: number,
  flat: number,
  args: readonly Tensor[],
): Float64Array | undefined {
  const [a, b] = args;
  if (a?.shape.length !== 2 || b?.shape.length !== 2) {
    return undefined;
  }
  const [rows = 0, inner = 0] = a.shape;
  const cols = b.shape[1] ?? 0;
  const column = new Float64Array(rows * cols);
  if (operand === 0) {
    const n = Math.floor(flat / inner);
    const d = flat % inner;
    for (let c = 0; c < cols; c += 1) column[n * cols + c] = b.data[d * cols + c]!;
    return column;
  }
  const d = Math.floor(flat / cols);
  const c = flat % cols;
  for (let k = 0; k < rows; k += 1) column[k * cols + c] = a.data[k * inner + d]!;
  return column;
}

/** The step's contribution to element `flat`: the `reduce` step's result when one follows. */
function recordedContribution(
  steps: readonly TensorStep[],
  step: TensorStep,
  flat: number,
): number {
  if (step.kind !== 'vjp') {
    return NaN;
  }
  const next = steps[step.index + 1];
  const reduced =
    next?.kind === 'reduce' &&
    next.from === step.from &&
    next.to === step.to &&
    next.operandIndex === step.operandIndex;
  const data = reduced ? next.result.data : step.product.data;
  return data[flat] ?? NaN;
}

function agree(sum: number, recorded: number, magnitude: number): boolean {
  if (Number.isNaN(sum) || Number.isNaN(recorded)) {
    return Number.isNaN(sum) && Number.isNaN(recorded);
  }
  if (!Number.isFinite(sum) || !Number.isFinite(recorded)) {
    return sum === recorded;
  }
  return Math.abs(sum - recorded) <= CHAIN_TOLERANCE * Math.max(magnitude, Number.MIN_VALUE);
}

/** The row-major flat index of `index` in `shape`, or undefined when it is not an element. */
export function flatIndex(shape: Shape, index: readonly number[]): number | undefined {
  if (index.length !== shape.length) {
    return undefined;
  }
  const strides = stridesOf(shape);
  let flat = 0;
  for (let axis = 0; axis < shape.length; axis += 1) {
    const i = index[axis]!;
    if (!Number.isInteger(i) || i < 0 || i >= shape[axis]!) {
      return undefined;
    }
    flat += i * strides[axis]!;
  }
  return flat;
}

export function unflatten(shape: Shape, flat: number): number[] {
  const index = new Array<number>(shape.length);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis -= 1) {
    const length = shape[axis]!;
    index[axis] = rest % length;
    rest = Math.floor(rest / length);
  }
  return index;
}
