/**
 * What a wrong hand-written gradient looks like, when the difference has a known shape (issue
 * 20, item 3): a missing term (the difference is one consumer's contribution: `reg * W` from
 * `reg_loss`), a constant factor (1/N, N, 2, 1/2, −1), a transpose, a mask with the wrong
 * comparison, a wrong shape; otherwise the two numbers at the worst element.
 */
import type { Tensor } from '../../engine/tensor/tensor';
import { compareGradient, indexOf, relativeError } from './compare';
import type { Explanation, GradientComparison, GradientPairing } from './report';
import { namedConsumer, type Reading } from './reading';

/** Two values agree when every element's relative error is at most this. */
const SAME = 1e-7;

export interface Wrong {
  readonly reading: Reading;
  readonly gradient: string;
  readonly of: string;
  readonly output: string;
  /** The node the engine's gradient belongs to. */
  readonly ofNode: number;
  readonly hand: Tensor;
  readonly engine: Tensor;
}

/** The comparison of `wrong.hand` with `wrong.engine`, explained when the two differ. */
export function explainedComparison(pairing: GradientPairing, wrong: Wrong): GradientComparison {
  const compared = compareGradient(pairing, wrong.hand, wrong.engine);
  return compared.verdict === 'wrong' || compared.verdict === 'shape'
    ? { ...compared, explanation: explain(wrong) }
    : compared;
}

export function explain(wrong: Wrong): Explanation {
  const { hand, engine } = wrong;
  if (!sameShape(hand.shape, engine.shape)) {
    return shapeExplanation(wrong);
  }
  return (
    missingTerm(wrong) ??
    factor(wrong) ??
    transposedSquare(wrong) ??
    mask(wrong) ?? { kind: 'other', text: theTwoNumbers(wrong) }
  );
}

export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function shapeText(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, axis) => size === b[axis]);
}

function agree(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let flat = 0; flat < a.length; flat++) {
    if (relativeError(a[flat] ?? 0, b[flat] ?? 0) > SAME) {
      return false;
    }
  }
  return true;
}

function transpose(tensor: Tensor): Float64Array {
  const [rows = 1, columns = 1] = tensor.shape;
  const out = new Float64Array(tensor.data.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      out[column * rows + row] = tensor.data[row * columns + column] ?? 0;
    }
  }
  return out;
}

function shapeExplanation(wrong: Wrong): Explanation {
  const { hand, engine, gradient, of, output } = wrong;
  const swapped =
    hand.shape.length === 2 &&
    engine.shape.length === 2 &&
    hand.shape[0] === engine.shape[1] &&
    hand.shape[1] === engine.shape[0];
  if (swapped && agree(hand.data, transpose(engine))) {
    return {
      kind: 'transposed',
      text: `${gradient} is transposed: it has shape ${shapeText(hand.shape)} and equals the transpose of ∂${output}/∂${of} ${shapeText(engine.shape)}; swap the operands of its product or transpose them`,
    };
  }
  return {
    kind: 'shape',
    text: `${gradient} has shape ${shapeText(hand.shape)} but ${of} has shape ${shapeText(engine.shape)}`,
  };
}

function transposedSquare(wrong: Wrong): Explanation | undefined {
  const { hand, engine, gradient, of, output } = wrong;
  const square = hand.shape.length === 2 && hand.shape[0] === hand.shape[1];
  if (!square || !agree(hand.data, transpose(engine))) {
    return undefined;
  }
  return {
    kind: 'transposed',
    text: `${gradient} is the transpose of ∂${output}/∂${of}: swap the operands of its product or transpose them`,
  };
}

/** The difference is exactly one consumer's contribution: the path through it is missing. */
function missingTerm(wrong: Wrong): Explanation | undefined {
  const { reading, hand, engine, ofNode, of } = wrong;
  const contributions = reading.contributions(ofNode);
  if (contributions.length < 2) {
    return undefined;
  }
  const missing = engine.data.map((value, flat) => value - (hand.data[flat] ?? 0));
  const found = contributions.find((contribution) => agree(contribution.value.data, missing));
  if (found === undefined) {
    return undefined;
  }
  const consumer = namedConsumer(reading, found.from);
  const where = consumer?.range === undefined ? '' : ` (line ${consumer.range.start.line + 1})`;
  const through = consumer?.name === undefined ? 'one of its uses' : `\`${consumer.name}\`${where}`;
  const term = termText(reading, missing, reading.value(ofNode).data, of);
  const isRegularisation = consumer?.name !== undefined && /reg/i.test(consumer.name);
  const what =
    term === undefined ? '' : isRegularisation ? 'the regularisation gradient' : 'the term';
  const suffix =
    term !== undefined
      ? `: ${what} \`${term}\``
      : missing.length === 1
        ? ` (it adds ${formatNumber(missing[0] ?? 0)})`
        : '';
  return {
    kind: 'missing-term',
    text: `the gradient through ${through} is missing${suffix}`,
    ...(consumer?.range === undefined ? {} : { through: consumer.range }),
  };
}

/** `reg * W` when the missing term is a named constant times the forward value. */
function termText(
  reading: Reading,
  missing: ArrayLike<number>,
  ofValue: ArrayLike<number>,
  of: string,
): string | undefined {
  const ratio = constantRatio(missing, ofValue);
  const named = ratio === undefined ? undefined : namedValue(reading, ratio);
  if (ratio === undefined || (named === undefined && ofValue.length === 1)) {
    return undefined;
  }
  return `${named ?? formatNumber(ratio)} * ${of}`;
}

/** A scalar input or constant whose value is `value` and whose text is a name. */
function namedValue(reading: Reading, value: number): string | undefined {
  for (const node of reading.nodes) {
    const scalar = reading.value(node.id);
    const isName = /^[A-Za-z_]\w*$/.test(node.name ?? node.label);
    if (
      node.kind !== 'op' &&
      isName &&
      scalar.data.length === 1 &&
      relativeError(scalar.data[0] ?? 0, value) <= SAME
    ) {
      return node.name ?? node.label;
    }
  }
  return undefined;
}

/** a = r · b elementwise (zeros where both are 0), r the same everywhere. */
function constantRatio(a: ArrayLike<number>, b: ArrayLike<number>): number | undefined {
  let ratio: number | undefined;
  for (let flat = 0; flat < a.length; flat++) {
    const x = a[flat] ?? 0;
    const y = b[flat] ?? 0;
    if (x === 0 && y === 0) {
      continue;
    }
    if (y === 0 || x === 0) {
      return undefined;
    }
    const here = x / y;
    if (ratio === undefined) {
      ratio = here;
    } else if (relativeError(ratio, here) > SAME) {
      return undefined;
    }
  }
  return ratio;
}

function factor(wrong: Wrong): Explanation | undefined {
  const { reading, hand, engine, gradient } = wrong;
  const ratio = constantRatio(engine.data, hand.data);
  if (ratio === undefined || relativeError(ratio, 1) <= SAME) {
    return undefined;
  }
  if (relativeError(ratio, -1) <= SAME) {
    return {
      kind: 'factor',
      factor: -1,
      text: `${gradient} has the wrong sign (off by a factor of −1)`,
    };
  }
  const divide = Math.abs(ratio) < 1;
  const size = divide ? 1 / ratio : ratio;
  const name = Number.isInteger(Math.round(size)) ? namedValue(reading, size) : undefined;
  // Any two numbers have a ratio: for one number only the usual slips are a finding.
  const usual = name !== undefined || relativeError(Math.abs(size), 2) <= SAME;
  if (hand.data.length === 1 && !usual) {
    return undefined;
  }
  const shown = name === undefined ? formatNumber(size) : name;
  const value = name === undefined ? '' : ` (${name} = ${formatNumber(size)})`;
  const by = divide ? `1/${shown}` : shown;
  return {
    kind: 'factor',
    factor: ratio,
    text: `${gradient} is off by a factor of ${by}${value}: ${divide ? 'divide' : 'multiply'} by ${shown}`,
  };
}

/** Right everywhere except at elements where one side is 0: a mask that lets through or blocks too much. */
function mask(wrong: Wrong): Explanation | undefined {
  const { hand, engine, gradient, of, output } = wrong;
  let leaked = 0;
  let blocked = 0;
  for (let flat = 0; flat < hand.data.length; flat++) {
    const a = hand.data[flat] ?? 0;
    const b = engine.data[flat] ?? 0;
    if (relativeError(a, b) <= SAME) {
      continue;
    }
    if (b === 0) {
      leaked++;
    } else if (a === 0) {
      blocked++;
    } else {
      return undefined;
    }
  }
  if (leaked + blocked === 0 || leaked + blocked === hand.data.length) {
    return undefined;
  }
  const parts = [
    leaked === 0 ? '' : `${leaked} element${leaked === 1 ? '' : 's'} should be 0 but pass through`,
    blocked === 0 ? '' : `${blocked} element${blocked === 1 ? '' : 's'} are 0 but should not be`,
  ].filter((part) => part !== '');
  return {
    kind: 'mask',
    text: `${gradient} is right except where a mask differs: ${parts.join(', ')} (∂${output}/∂${of}); check the mask's comparison (e.g. \`<=\` against \`<\`)`,
  };
}

function theTwoNumbers(wrong: Wrong): string {
  const { hand, engine, gradient, of, output } = wrong;
  let worst = 0;
  let at = 0;
  for (let flat = 0; flat < hand.data.length; flat++) {
    const error = relativeError(hand.data[flat] ?? 0, engine.data[flat] ?? 0);
    if (error > worst) {
      worst = error;
      at = flat;
    }
  }
  const index = hand.shape.length === 0 ? '' : `[${indexOf(hand.shape, at).join(', ')}]`;
  return `${gradient}${index} is ${formatNumber(hand.data[at] ?? 0)} where ∂${output}/∂${of}${index} is ${formatNumber(engine.data[at] ?? 0)} (rel. error ${formatNumber(worst)})`;
}
