/**
 * What the editor shows of a backward-pass check (core/handBackward): one problem on the first
 * wrong line, with the two numbers and the explanation, one per other wrong gradient at the
 * line that makes it, and a one-line summary for the command's message. Plain text: VS Code
 * shows a diagnostic's message as text, never as Markdown.
 */
import type {
  BackwardCheckReport,
  GradientComparison,
  WorstElement,
} from '../core/handBackward/report';
import type { SourceRange } from '../engine/ir';
import { formatNumber } from '../engine/format';

/** The first wrong line is the cause (a warning); the gradients that read it follow (information). */
export type BackwardSeverity = 'warning' | 'information';

export interface BackwardDiagnostic {
  readonly range: SourceRange;
  readonly severity: BackwardSeverity;
  readonly message: string;
  /** The hand-written gradient the problem is about. */
  readonly gradient: string;
}

/** Relative errors are read by their order of magnitude: three digits say it. */
const ERROR_DIGITS = 3;

export function backwardDiagnostics(
  report: BackwardCheckReport,
  precision: number,
): BackwardDiagnostic[] {
  const first = report.firstWrong;
  const diagnostics: BackwardDiagnostic[] = [];
  if (first !== undefined) {
    const derivative = `∂${report.output}/∂${first.of}`;
    const comparison = report.comparisons.find((one) => one.pairing.gradient === first.gradient);
    const numbers =
      comparison?.verdict === 'shape'
        ? shapeText(comparison, derivative)
        : worstText(first.worst, derivative, precision);
    diagnostics.push({
      range: first.range,
      severity: 'warning',
      message: `${first.gradient} is wrong${numbers}: ${first.explanation.text}`,
      gradient: first.gradient,
    });
  }
  for (const comparison of report.comparisons) {
    if (!isWrong(comparison) || comparison.pairing.gradient === first?.gradient) {
      continue;
    }
    diagnostics.push({
      range: comparison.pairing.range,
      severity: 'information',
      message: consequenceText(comparison, report, precision),
      gradient: comparison.pairing.gradient,
    });
  }
  return diagnostics;
}

/** The command's answer in one line: all correct, or how many are wrong and where it starts. */
export function backwardSummary(report: BackwardCheckReport): string {
  const count = (verdicts: readonly string[]) =>
    report.comparisons.filter((one) => verdicts.includes(one.verdict)).length;
  const correct = count(['correct']);
  const doubtful = count(['doubtful']);
  const wrong = count(['wrong', 'shape']);
  const parts = [`${correct} correct`];
  if (doubtful > 0) {
    parts.push(`${doubtful} doubtful`);
  }
  if (wrong > 0) {
    parts.push(`${wrong} wrong`);
  }
  const head = `backward pass of ${report.output}: ${parts.join(', ')}`;
  const first = report.firstWrong;
  if (first === undefined) {
    return head;
  }
  return `${head}; the first wrong line is line ${first.range.start.line + 1} (${first.gradient})`;
}

export function isWrong(comparison: GradientComparison): boolean {
  return comparison.verdict === 'wrong' || comparison.verdict === 'shape';
}

/** ` (max rel. error 0.00408 at [2, 2]: hand-written 0.00374 vs ∂loss/∂W 0.00376)`. */
export function worstText(
  worst: WorstElement | undefined,
  derivative: string,
  precision: number,
): string {
  if (worst === undefined) {
    return '';
  }
  const at = worst.index.length === 0 ? '' : ` at [${worst.index.join(', ')}]`;
  const hand = formatNumber(worst.handWritten, { precision });
  const engine = formatNumber(worst.engine, { precision });
  const error = formatNumber(worst.relativeError, { precision: ERROR_DIGITS });
  return `: max rel. error ${error}${at} (hand-written ${hand} vs ${derivative} ${engine})`;
}

export function relativeErrorText(comparison: GradientComparison): string {
  return formatNumber(comparison.maxRelativeError, { precision: ERROR_DIGITS });
}

function shapeText(comparison: GradientComparison, derivative: string): string {
  const hand = comparison.handShape.join(', ');
  const engine = comparison.engineShape.join(', ');
  return `: shape (${hand}) where ${derivative} has (${engine})`;
}

/** Another wrong gradient: its own numbers, its explanation, else where the errors start. */
function consequenceText(
  comparison: GradientComparison,
  report: BackwardCheckReport,
  precision: number,
): string {
  const { pairing } = comparison;
  const derivative = `∂${pairing.output}/∂${pairing.of}`;
  const numbers =
    comparison.verdict === 'shape'
      ? shapeText(comparison, derivative)
      : worstText(comparison.worst, derivative, precision);
  const first = report.firstWrong;
  const why =
    comparison.explanation?.text ??
    (first === undefined
      ? undefined
      : `the first wrong line is line ${first.range.start.line + 1} (${first.gradient})`);
  return `${pairing.gradient} is wrong${numbers}${why === undefined ? '' : `: ${why}`}`;
}
