/**
 * The backward check's marks for the graph panel: each checked hand-written gradient placed on
 * the node of the forward value it is the gradient of, with its number (or, for an array, its
 * shape and worst element) and the verdict. The node is found by the pairing's `of` name and
 * the line of its definition (`ofRange`); a gradient whose value is not in the drawn graph
 * (another selection, a loop-made version) gets no mark rather than a wrong one.
 */
import type { SourceRange } from '../engine/ir';
import { formatNumber } from '../engine/format';
import type {
  BackwardCheckReport,
  GradientComparison,
  GradientVerdict,
} from '../core/handBackward/report';
import { assertNever } from '../engine/assertNever';

/** The hand-written gradient as the panel shows it. */
export type HandGradient =
  | { readonly kind: 'scalar'; readonly value: number; readonly engine: number }
  | {
      readonly kind: 'tensor';
      readonly shape: readonly number[];
      /** The element that differs most: its index and the two numbers. */
      readonly worst?: {
        readonly index: readonly number[];
        readonly handWritten: number;
        readonly engine: number;
      };
    };

export interface BackwardMark {
  /** The graph node of the forward value. */
  readonly node: number;
  /** The hand-written gradient's name as the code writes it: `dW`. */
  readonly gradient: string;
  readonly verdict: GradientVerdict;
  readonly maxRelativeError: number;
  readonly hand: HandGradient;
  /** What a wrong gradient's difference looks like, as the checker says it. */
  readonly explanation?: string;
}

/** What the matching reads of a scalar or a tensor result: its nodes' names and places. */
interface Placed {
  readonly id: number;
  readonly name?: string;
  readonly range?: SourceRange;
}

type NamedNodes = { readonly nodes: readonly Placed[]; readonly inputs: readonly Placed[] };

/** The marks of a report on the nodes of an inspection; unplaced comparisons are left out. */
export function backwardMarks(
  report: BackwardCheckReport,
  result: NamedNodes,
): readonly BackwardMark[] {
  const marks: BackwardMark[] = [];
  for (const comparison of report.comparisons) {
    const node = nodeOf(comparison, result);
    if (node !== undefined) {
      marks.push(markOf(comparison, node));
    }
  }
  return marks;
}

function markOf(comparison: GradientComparison, node: number): BackwardMark {
  const { worst } = comparison;
  const scalar = comparison.handShape.length === 0 && worst !== undefined;
  const hand: HandGradient = scalar
    ? { kind: 'scalar', value: worst.handWritten, engine: worst.engine }
    : {
        kind: 'tensor',
        shape: comparison.handShape,
        ...(worst === undefined
          ? {}
          : {
              worst: { index: worst.index, handWritten: worst.handWritten, engine: worst.engine },
            }),
      };
  return {
    node,
    gradient: comparison.pairing.gradient,
    verdict: comparison.verdict,
    maxRelativeError: comparison.maxRelativeError,
    hand,
    ...(comparison.explanation === undefined ? {} : { explanation: comparison.explanation.text }),
  };
}

/**
 * The node named as the pairing's forward value, defined on the line of `ofRange` (a name
 * assigned twice has a node per assignment). Without `ofRange`, only a name with one node.
 */
function nodeOf(comparison: GradientComparison, result: NamedNodes): number | undefined {
  const { of, ofRange } = comparison.pairing;
  const named = [
    ...result.inputs.map((input) => ({ id: input.id, name: input.name, range: input.range })),
    ...result.nodes.map((node) => ({ id: node.id, name: node.name, range: node.range })),
  ].filter((candidate) => candidate.name === of);
  const ids = [...new Set(named.map((candidate) => candidate.id))];
  if (ofRange === undefined) {
    return ids.length === 1 ? ids[0] : undefined;
  }
  const onLine = named.filter((candidate) => definesOn(candidate.range, ofRange));
  return onLine.length === 0 ? undefined : onLine[onLine.length - 1]!.id;
}

/** Whether a node's range is on the line where the name is assigned (`z = x * y + x`). */
function definesOn(range: SourceRange | undefined, ofRange: SourceRange): boolean {
  return (
    range !== undefined &&
    range.start.line <= ofRange.start.line &&
    ofRange.start.line <= range.end.line
  );
}

/** ✓ for correct, ? for doubtful, ✗ for wrong: colour is never the only signal. */
export function verdictSymbol(verdict: GradientVerdict): string {
  switch (verdict) {
    case 'correct':
      return '✓';
    case 'doubtful':
      return '?';
    case 'wrong':
    case 'shape':
      return '✗';
    default:
      return assertNever(verdict, 'verdict');
  }
}

/** The short text under a checked node: `∂ −0.279 · hand −0.279 ✓` (the engine's first). */
export function markLabel(mark: BackwardMark, precision: number): string {
  const symbol = verdictSymbol(mark.verdict);
  const format = { precision };
  switch (mark.hand.kind) {
    case 'scalar':
      return `∂ ${formatNumber(mark.hand.engine, format)} · hand ${formatNumber(mark.hand.value, format)} ${symbol}`;
    case 'tensor':
      return `hand ${mark.gradient} ${shapeText(mark.hand.shape)} ${symbol}`;
    default:
      return assertNever(mark.hand, 'hand gradient');
  }
}

/** The details line: `hand-written dW: wrong (max rel. error 0.93), worst [0, 1]: …`. */
export function markDetail(mark: BackwardMark, precision: number): string {
  const format = { precision };
  const verdict = mark.verdict === 'shape' ? 'wrong shape' : mark.verdict;
  const head = `hand-written ${mark.gradient}: ${verdict} (max rel. error ${formatNumber(mark.maxRelativeError, { precision: 2 })})`;
  const worst = worstText(mark.hand, format);
  return worst === undefined ? head : `${head}; ${worst}`;
}

function worstText(hand: HandGradient, format: { precision: number }): string | undefined {
  switch (hand.kind) {
    case 'scalar':
      return `hand ${formatNumber(hand.value, format)}, engine ${formatNumber(hand.engine, format)}`;
    case 'tensor':
      return hand.worst === undefined
        ? undefined
        : `worst [${hand.worst.index.join(', ')}]: hand ${formatNumber(hand.worst.handWritten, format)}, engine ${formatNumber(hand.worst.engine, format)}`;
    default:
      return assertNever(hand, 'hand gradient');
  }
}

function shapeText(shape: readonly number[]): string {
  return `(${shape.join('×')})`;
}
