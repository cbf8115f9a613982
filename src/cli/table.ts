/** The `--table` output: inputs and gradients, the backward pass step by step, the check. */
import { checkSampleNote } from '../engine/checkSample';
import { formatNumber, type FormatOptions } from '../engine/format';
import type { GradientCheck, InspectionResult } from '../engine/result';
import { describeStep, partialSymbol } from '../engine/stepText';

/**
 * `valueTargets`: for a value typed by plain name where the name has several bindings, the
 * binding it set (said in the notes, so nobody wonders which `x` changed). `notes`: what the
 * front end assumed (a name the file does not define, read as a library function).
 */
export function renderTable(
  result: InspectionResult,
  precision: number,
  valueTargets: Readonly<Record<string, string>> = {},
  notes: readonly string[] = [],
): string {
  const format: FormatOptions = { precision };
  const f = result.output.name;
  const sections = [`${f} = ${formatNumber(result.value, format)}`, inputsSection(result, format)];
  if (result.unused.length > 0) {
    sections.push(unusedSection(result, format));
  }
  sections.push(stepsSection(result, format));
  if (result.check !== undefined) {
    sections.push(checkSection(result.check, format));
  }
  const warnings = [
    ...notes,
    ...Object.entries(valueTargets).map(([name, key]) => `the value given for ${name} sets ${key}`),
    ...warningLines(result),
  ];
  if (warnings.length > 0) {
    sections.push(['notes', ...warnings.map((line) => `  ${line}`)].join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}

function inputsSection(result: InspectionResult, format: FormatOptions): string {
  const f = result.output.name;
  const rows = result.inputs.map((input) => [
    input.name,
    formatNumber(input.value, format),
    formatNumber(input.grad, format),
    input.symbolic?.text ?? '',
  ]);
  const header = ['input', 'value', `${partialSymbol(f, 'input')}`, 'symbolic'];
  const lines = alignColumns([header, ...rows]);
  if (result.symbolicSkipped !== undefined) {
    lines.push(`(${result.symbolicSkipped})`);
  }
  return lines.join('\n');
}

/** Inputs the output does not depend on: no gradient, not even 0. */
function unusedSection(result: InspectionResult, format: FormatOptions): string {
  const rows = result.unused.map((input) => [input.name, formatNumber(input.value, format)]);
  const header = [`not used by ${result.output.name}`, 'value'];
  return alignColumns([header, ...rows]).join('\n');
}

function stepsSection(result: InspectionResult, format: FormatOptions): string {
  if (result.steps.length === 0) {
    // An output of constants only has no gradient, so its backward pass has no step at all.
    return result.nodes[result.output.id]?.grad === undefined
      ? `backward pass: none (${result.output.name} depends on no input)`
      : 'backward pass: not recorded';
  }
  const width = String(result.steps.length - 1).length;
  const lines = ['backward pass (upstream gradient · local gradient = product)'];
  for (const step of result.steps) {
    const text = describeStep(step, result, format);
    const number = String(step.index).padStart(width);
    lines.push(`  ${number}  ${text.equation}`);
    if (step.kind === 'edge') {
      lines.push(`  ${' '.repeat(width)}     local: ${text.local}`);
    }
    if (text.accumulation !== undefined) {
      lines.push(`  ${' '.repeat(width)}     fan-out: ${text.accumulation}`);
    }
  }
  return lines.join('\n');
}

function checkSection(checks: readonly GradientCheck[], format: FormatOptions): string {
  const rows = checks.map((check) => [
    check.input,
    formatNumber(check.analytic, format),
    formatNumber(check.numeric, format),
    check.relativeError.toExponential(1),
    check.verdict + (check.note === undefined ? '' : ` (${check.note})`),
  ]);
  const header = ['input', 'analytic', 'numeric', 'rel. error', 'verdict'];
  return ['gradient check (central differences)', ...alignColumns([header, ...rows])].join('\n');
}

function warningLines(result: InspectionResult): string[] {
  const lines: string[] = [];
  if (result.firstNonFinite !== undefined) {
    lines.push(`first non-finite value: ${result.firstNonFinite.message}`);
  }
  const sampled = checkSampleNote(result);
  if (sampled !== undefined) {
    lines.push(sampled);
  }
  for (const node of result.nodes) {
    if (node.kink !== undefined) {
      lines.push(`${node.label}: ${node.kink}`);
    }
    if (node.note !== undefined) {
      lines.push(`${node.label}: ${node.note}`);
    }
  }
  return lines;
}

export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) =>
        i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length),
      )
      .join('  ')
      .trimEnd(),
  );
}
