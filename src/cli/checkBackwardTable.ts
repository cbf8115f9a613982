/**
 * `--check-backward --table`: the pairing and the verdict of every hand-written gradient, then
 * the first wrong line as `file:line:col: dW is wrong …` with its explanation, then the notes.
 */
import { formatNumber, type FormatOptions } from '../engine/format';
import type {
  BackwardCheckReport,
  GradientComparison,
  WorstElement,
} from '../core/handBackward/report';

export function renderCheckBackwardTable(
  report: BackwardCheckReport,
  file: string,
  precision: number,
): string {
  const format: FormatOptions = { precision };
  const sections = [
    `backward pass of ${report.output}: ${summary(report)}`,
    comparisonsTable(report.comparisons, format),
  ];
  if (report.firstWrong !== undefined) {
    sections.push(firstWrongLine(report, file, format));
  }
  if (report.notes.length > 0) {
    sections.push(['notes', ...report.notes.map((note) => `  ${note}`)].join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}

function summary(report: BackwardCheckReport): string {
  const count = (verdict: string) =>
    report.comparisons.filter((one) => one.verdict === verdict).length;
  const wrong = count('wrong') + count('shape');
  const parts = [`${count('correct')} correct`];
  if (count('doubtful') > 0) {
    parts.push(`${count('doubtful')} doubtful`);
  }
  if (wrong > 0) {
    parts.push(`${wrong} wrong`);
  }
  return parts.join(', ');
}

function comparisonsTable(
  comparisons: readonly GradientComparison[],
  format: FormatOptions,
): string {
  const rows = comparisons.map((one) => [
    one.pairing.gradient,
    `∂${one.pairing.output}/∂${one.pairing.of}`,
    one.verdict,
    one.verdict === 'shape' ? '—' : formatNumber(one.maxRelativeError, format),
    one.verdict === 'shape'
      ? `shape (${one.handShape.join(', ')}) vs (${one.engineShape.join(', ')})`
      : worstText(one.worst, format),
  ]);
  return columns([['gradient', 'of', 'verdict', 'max rel. error', 'worst element'], ...rows]);
}

function worstText(worst: WorstElement | undefined, format: FormatOptions): string {
  if (worst === undefined) {
    return '—';
  }
  const index = worst.index.length === 0 ? '' : `[${worst.index.join(', ')}] `;
  return `${index}${formatNumber(worst.handWritten, format)} vs ${formatNumber(worst.engine, format)}`;
}

function firstWrongLine(report: BackwardCheckReport, file: string, format: FormatOptions): string {
  const wrong = report.firstWrong;
  if (wrong === undefined) {
    return '';
  }
  const where = `${file}:${wrong.range.start.line + 1}:${wrong.range.start.column + 1}`;
  const numbers =
    wrong.worst === undefined
      ? ''
      : ` (${worstText(wrong.worst, format)}, rel. error ${formatNumber(wrong.worst.relativeError, format)})`;
  return `first wrong line\n${where}: ${wrong.gradient} is wrong${numbers}: ${wrong.explanation.text}`;
}

function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
