/**
 * How the chain rule of one gradient element is written per primitive: the formula
 * (`∂L/∂W[1, 2] = Σₖ X[k, 1] · ∂L/∂Y[k, 2]`) and, for each term, its local derivative
 * ∂y[j]/∂x[i] (`X[3, 1]`, `1`, `1/4`, `s[0, 2]·(δ − s[0, 1])`). The numbers come from
 * elementChain.ts; these are only their texts.
 */
import { assertNever } from '../assertNever';
import type { OpName } from '../opName';
import { partialFormulaTexts } from '../partialFormulas';
import { variable } from '../sym';
import { asWord } from './tensorLabels';
import type { Shape } from './shape';
import type { TensorOp } from './tensorOp';

export interface ChainContext {
  /** Which operand x is. */
  readonly operand: number;
  /** The operands' labels. */
  readonly names: readonly string[];
  /** The consumer's label. */
  readonly out: string;
  /** The element i of x. */
  readonly index: readonly number[];
  readonly shapes: readonly Shape[];
  readonly outShape: Shape;
}

export interface ChainText {
  readonly formula: string;
  /** The local derivative ∂y[at]/∂x[i] written for one term whose value is `local`. */
  readonly local: (at: readonly number[], local: number) => string;
}

/** `W[1, 2]`, `(X @ W)[0, 3]`, or the name alone for a scalar. */
export function elementName(label: string, index: readonly number[]): string {
  return index.length === 0 ? asWord(label) : `${asWord(label)}[${index.join(', ')}]`;
}

export function chainText(op: TensorOp, context: ChainContext): ChainText {
  switch (op.kind) {
    case 'matmul':
      return matmulText(context) ?? generic(context);
    case 'sum':
      return reductionText(context, '1');
    case 'mean':
      return reductionText(context, `1/${meanCount(context)}`);
    case 'reshape':
    case 'transpose':
    case 'broadcast_to':
    case 'concat':
    case 'stack':
    case 'gather':
    case 'where':
      return copyText(context);
    case 'softmax':
      return softmaxText(context, op.axis, 'softmax');
    case 'log_softmax':
      return softmaxText(context, op.axis, 'log_softmax');
    case 'elementwise':
      return elementwiseText(op.op, context);
    case 'compare':
    case 'max':
    case 'min':
    case 'prod':
    case 'logsumexp':
    case 'norm':
    case 'cross_entropy':
    case 'nll_loss':
    case 'mse_loss':
    case 'l1_loss':
    case 'binary_cross_entropy':
    case 'bce_with_logits':
      return generic(context);
    default:
      return assertNever(op, 'tensor op');
  }
}

function x(context: ChainContext): string {
  return elementName(context.names[context.operand] ?? '?', context.index);
}

function y(context: ChainContext, at: string): string {
  return at === '' ? asWord(context.out) : `${asWord(context.out)}[${at}]`;
}

/** ∂L/∂x[i] = Σⱼ ∂y[j]/∂x[i] · ∂L/∂y[j], each local derivative named. */
function generic(context: ChainContext): ChainText {
  const target = x(context);
  const all = context.outShape.length === 0 ? '' : 'j';
  const sum = context.outShape.length === 0 ? '' : 'Σⱼ ';
  return {
    formula: `∂L/∂${target} = ${sum}∂${y(context, all)}/∂${target} · ∂L/∂${y(context, all)}`,
    local: (at) => `∂${y(context, at.join(', '))}/∂${target}`,
  };
}

/**
 * Per element, with NumPy broadcasting: the term of output element j has the op's partial
 * written over the operands' elements at j (`b[2]`, `exp(x[0, 2])`, `−a[1, 2]/b[2]^2`).
 */
function elementwiseText(op: OpName, context: ChainContext): ChainText {
  const target = x(context);
  const local = (at: readonly number[]): string => {
    const names = context.names.map((name, k) =>
      variable(elementName(name, broadcastIndex(at, context.shapes[k] ?? []))),
    );
    return partialFormulaTexts(op, names)[context.operand] ?? '?';
  };
  const copies =
    context.shapes[context.operand]?.length !== context.outShape.length ||
    context.shapes[context.operand]?.some((length, axis) => length !== context.outShape[axis]);
  if (copies) {
    return {
      formula: `∂L/∂${target} = Σ_{j: ${target} is broadcast to ${y(context, 'j')}} ∂${y(context, 'j')}/∂${target} · ∂L/∂${y(context, 'j')}`,
      local: (at) => local(at),
    };
  }
  return {
    formula: `∂L/∂${target} = ${local(context.index)} · ∂L/∂${y(context, context.index.join(', '))}`,
    local: (at) => local(at),
  };
}

/** The element of an operand of shape `shape` that output element `at` reads (broadcasting). */
function broadcastIndex(at: readonly number[], shape: readonly number[]): number[] {
  const offset = at.length - shape.length;
  return shape.map((length, axis) => (length === 1 ? 0 : (at[offset + axis] ?? 0)));
}

/** A 2-D product Y = A @ B: ∂Y[n, c]/∂A[n, d] = B[d, c] and ∂Y[n, c]/∂B[d, c] = A[n, d]. */
function matmulText(context: ChainContext): ChainText | undefined {
  const [a = '?', b = '?'] = context.names;
  const [row = 0, col = 0] = context.index;
  if (context.shapes.some((shape) => shape.length !== 2)) {
    return undefined;
  }
  const target = x(context);
  if (context.operand === 0) {
    return {
      formula: `∂L/∂${target} = Σⱼ ${asWord(b)}[${col}, j] · ∂L/∂${y(context, `${row}, j`)}`,
      local: (at) => elementName(b, [col, at[1] ?? 0]),
    };
  }
  return {
    formula: `∂L/∂${target} = Σₖ ${asWord(a)}[k, ${row}] · ∂L/∂${y(context, `k, ${col}`)}`,
    local: (at) => elementName(a, [at[0] ?? 0, row]),
  };
}

/** Each element of x feeds one element of the sum or mean. */
function reductionText(context: ChainContext, factor: string): ChainText {
  const target = x(context);
  const lead = factor === '1' ? '' : `${factor} · `;
  return {
    formula: `∂L/∂${target} = ${lead}∂L/∂${y(context, 'j')} (j: the slice ${target} is in)`,
    local: () => factor,
  };
}

function meanCount(context: ChainContext): number {
  const inSize = (context.shapes[0] ?? []).reduce((a, b) => a * b, 1);
  const outSize = context.outShape.reduce((a, b) => a * b, 1);
  return outSize === 0 ? 0 : inSize / outSize;
}

/** Layout and indexing ops copy elements: each copy of x[i] in y passes its gradient back. */
function copyText(context: ChainContext): ChainText {
  const target = x(context);
  return {
    formula: `∂L/∂${target} = Σ_{j: ${y(context, 'j')} is ${target}} ∂L/∂${y(context, 'j')}`,
    local: () => '1',
  };
}

/** Along the axis: ∂s[j]/∂x[i] = s[j]·(δᵢⱼ − s[i]); ∂log s[j]/∂x[i] = δᵢⱼ − s[i]. */
function softmaxText(
  context: ChainContext,
  axis: number,
  kind: 'softmax' | 'log_softmax',
): ChainText {
  const target = x(context);
  const s = kind === 'softmax' ? asWord(context.out) : `softmax(${context.names[0] ?? '?'})`;
  const own = context.index.length === 0 ? s : `${s}[${context.index.join(', ')}]`;
  const along = (at: readonly number[]) => (at.length === 0 ? s : `${s}[${at.join(', ')}]`);
  const same = (at: readonly number[]) => at.every((i, k) => i === context.index[k]);
  const formula =
    kind === 'softmax'
      ? `∂L/∂${target} = Σⱼ s[j]·(δᵢⱼ − ${own}) · ∂L/∂${y(context, 'j')} (j along axis ${axis}, s = ${asWord(context.out)})`
      : `∂L/∂${target} = Σⱼ (δᵢⱼ − ${own}) · ∂L/∂${y(context, 'j')} (j along axis ${axis})`;
  return {
    formula,
    local: (at) => {
      const delta = same(at) ? '1' : '0';
      return kind === 'softmax' ? `${along(at)}·(${delta} − ${own})` : `${delta} − ${own}`;
    },
  };
}
