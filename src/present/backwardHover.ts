/**
 * The hover on a hand-written gradient's name after a backward-pass check: "matches ∂loss/∂W
 * (max rel. error 2e-13)", or what differs (the worst element, the explanation). One line per
 * comparison of that name (`dx` covers `dx[0]` and `dx[1]`). Everything from the document is
 * escaped (markdownText), so a name can never become a link or markup.
 */
import type { BackwardCheckReport, GradientComparison } from '../core/handBackward/report';
import { assertNever } from '../engine/assertNever';
import { relativeErrorText, worstText } from './backwardDiagnostics';
import { markdownText } from './markdownText';

/** The hover's Markdown for `name`, or undefined when no checked gradient has that name. */
export function backwardHoverMarkdown(
  report: BackwardCheckReport,
  name: string,
  precision: number,
): string | undefined {
  const comparisons = report.comparisons.filter((one) => baseName(one.pairing.gradient) === name);
  if (comparisons.length === 0) {
    return undefined;
  }
  const lines = comparisons.map((one) => comparisonLine(one, report, precision));
  return ['**Backward pass check**', ...lines].join('\n\n');
}

/** `dx[0]` → `dx`: the name the hover is on. */
export function baseName(gradient: string): string {
  const bracket = gradient.indexOf('[');
  return bracket < 0 ? gradient : gradient.slice(0, bracket);
}

function comparisonLine(
  comparison: GradientComparison,
  report: BackwardCheckReport,
  precision: number,
): string {
  const { pairing } = comparison;
  const name = `\`${pairing.gradient.replaceAll('`', '')}\``;
  const derivative = markdownText(`∂${pairing.output}/∂${pairing.of}`);
  const error = relativeErrorText(comparison);
  switch (comparison.verdict) {
    case 'correct':
      return `${name} matches ${derivative} (max rel. error ${error})`;
    case 'doubtful':
      return `${name} nearly matches ${derivative} (max rel. error ${error}: a kink or float32-sized noise?)`;
    case 'wrong':
      return `${name} differs from ${derivative}${markdownText(wrongDetail(comparison, report, precision))}`;
    case 'shape':
      return `${name} has shape (${comparison.handShape.join(', ')}) where ${derivative} has (${comparison.engineShape.join(', ')})${markdownText(explanationText(comparison))}`;
    default:
      return assertNever(comparison.verdict, 'verdict');
  }
}

function wrongDetail(
  comparison: GradientComparison,
  report: BackwardCheckReport,
  precision: number,
): string {
  const derivative = `∂${comparison.pairing.output}/∂${comparison.pairing.of}`;
  const numbers = worstText(comparison.worst, derivative, precision);
  const first = report.firstWrong;
  if (first?.gradient === comparison.pairing.gradient) {
    return `${numbers}: ${first.explanation.text}`;
  }
  return `${numbers}${explanationText(comparison)}`;
}

function explanationText(comparison: GradientComparison): string {
  return comparison.explanation === undefined ? '' : `: ${comparison.explanation.text}`;
}
