/**
 * The `--table` output of code with arrays: the output's value; each input's shape, value and
 * gradient, whole when small (at most 6 × 6) and else as shape, min, max, mean, norm and first
 * elements; the backward pass in matrix form with shapes; CS231n's sparse gradient check.
 */
import { formatNumber } from '../engine/format';
import { partialSymbol } from '../engine/stepText';
import { shapeText } from '../engine/tensor/shape';
import type { Tensor } from '../engine/tensor/tensor';
import type {
  TensorGradientCheck,
  TensorInspectionResult,
  TensorStep,
} from '../engine/tensor/tensorResult';
import { assertNever } from '../engine/assertNever';
import type { ViewOptions } from '../present/inspection';
import { saidAlready } from '../present/tensorInspection';
import { isSmallTensor, tensorLines, tensorSummaryText } from '../present/tensorText';
import { alignColumns } from './table';

/**
 * `notes`: what the front end assumed; `samples`: the inputs whose values stand in for random
 * ones (present/tensorInspection's sampleInputs).
 */
export function renderTensorTable(
  result: TensorInspectionResult,
  precision: number,
  notes: readonly string[] = [],
  samples: ReadonlySet<string> = new Set(),
): string {
  const options: ViewOptions = { precision };
  const f = result.output.name;
  const sections = [`${f} = ${formatNumber(result.value, options)}`];
  for (const input of result.inputs) {
    const value = { shape: input.shape, data: input.value };
    const grad = { shape: input.shape, data: input.grad };
    sections.push(
      tensorBlock(
        input.name,
        samples.has(input.name),
        [
          ['value', value],
          [partialSymbol(f, input.name), grad],
        ],
        options,
      ),
    );
  }
  if (result.inputs.length === 0) {
    sections.push(`${f} depends on no input`);
  }
  if (result.unused.length > 0) {
    sections.push(
      [
        `not used by ${f}`,
        ...result.unused.map((input) =>
          tensorBlock(
            input.name,
            samples.has(input.name),
            [['value', { shape: input.shape, data: input.value }]],
            options,
          ),
        ),
      ].join('\n'),
    );
  }
  sections.push(stepsSection(result, options));
  if (result.check !== undefined) {
    sections.push(checkSection(result.check, options));
  }
  const warnings = [...notes, ...warningLines(result, notes)];
  if (warnings.length > 0) {
    sections.push(['notes', ...warnings.map((line) => `  ${line}`)].join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}

/** `W  (3, 5)` and below it each tensor, labelled: whole when small, else summarised. */
function tensorBlock(
  name: string,
  sample: boolean,
  rows: readonly (readonly [string, Tensor])[],
  options: ViewOptions,
): string {
  const header = `${name}  ${shapeText(rows[0]?.[1].shape ?? [])}${sample ? '  sample values' : ''}`;
  const width = Math.max(...rows.map(([label]) => [...label].length));
  const lines = [header];
  for (const [label, tensor] of rows) {
    lines.push(...labelled(`  ${label.padEnd(width)}  `, tensorText(tensor, options)));
  }
  return lines.join('\n');
}

/** The tensor's lines: nested brackets when small, else one summary line. */
function tensorText(tensor: Tensor, options: ViewOptions): string[] {
  return isSmallTensor(tensor.shape)
    ? tensorLines(tensor, options)
    : [tensorSummaryText(tensor, options)];
}

/** The first line after the label, the others aligned under it. */
function labelled(label: string, lines: readonly string[]): string[] {
  const indent = ' '.repeat([...label].length);
  return lines.map((line, i) => (i === 0 ? label + line : line === '' ? '' : indent + line));
}

function stepsSection(result: TensorInspectionResult, options: ViewOptions): string {
  if (result.steps.length === 0) {
    return result.nodes[result.output.id]?.grad === undefined
      ? `backward pass: none (${result.output.name} depends on no input)`
      : 'backward pass: not recorded';
  }
  const width = String(result.steps.length - 1).length;
  const lines = [
    `backward pass (vector-Jacobian products in matrix form; L = ${result.output.name})`,
  ];
  for (const step of result.steps) {
    const number = String(step.index).padStart(width);
    const indent = `  ${' '.repeat(width)}  `;
    const text = stepText(step, result);
    lines.push(`  ${number}  ${text}`);
    const shown = stepTensor(step);
    if (shown !== undefined) {
      lines.push(...labelled(`${indent}  = `, tensorText(shown, options)));
    }
    const fanOut = fanOutText(step, result);
    if (fanOut !== undefined) {
      lines.push(`${indent}  ${fanOut}`);
    }
  }
  return lines.join('\n');
}

function stepText(step: TensorStep, result: TensorInspectionResult): string {
  switch (step.kind) {
    case 'seed': {
      const f = result.output.name;
      return `${partialSymbol(f, f)} = 1    ${shapeText(step.shape)}`;
    }
    case 'vjp':
      return `${step.rule}    ${step.shapes}`;
    case 'reduce':
      return `broadcasting undone: ${step.rule}`;
    default:
      return assertNever(step, 'tensor step');
  }
}

/** The tensor the step computes: the VJP's product, or the reduced gradient. */
function stepTensor(step: TensorStep): Tensor | undefined {
  switch (step.kind) {
    case 'seed':
      return undefined;
    case 'vjp':
      return step.product;
    case 'reduce':
      return step.result;
    default:
      return assertNever(step, 'tensor step');
  }
}

/** At fan-out: which use this is, and that the gradients add. */
function fanOutText(step: TensorStep, result: TensorInspectionResult): string | undefined {
  if (step.kind === 'seed' || step.contributions <= 1) {
    return undefined;
  }
  const to = result.nodes[step.to]?.label ?? `node ${step.to}`;
  return `fan-out: use ${step.contribution} of ${step.contributions} of ${to}, the gradients add`;
}

function checkSection(checks: readonly TensorGradientCheck[], options: ViewOptions): string {
  const rows = checks.map((check) => [
    check.input,
    `[${check.index.join(', ')}]`,
    formatNumber(check.analytic, options),
    formatNumber(check.numeric, options),
    check.relativeError.toExponential(1),
    check.verdict,
  ]);
  const header = ['input', 'index', 'analytic', 'numeric', 'rel. error', 'verdict'];
  return [
    'gradient check (sparse, as CS231n: central differences at sampled elements)',
    ...alignColumns([header, ...rows]),
  ].join('\n');
}

/** A non-finite value, and each node's note unless the notes say it already. */
function warningLines(result: TensorInspectionResult, notes: readonly string[]): string[] {
  const lines: string[] = [];
  if (result.firstNonFinite !== undefined) {
    lines.push(`first non-finite value: ${result.firstNonFinite.message}`);
  }
  for (const node of result.nodes) {
    const note = node.note;
    if (note !== undefined && !saidAlready(notes, note)) {
      lines.push(`${node.label}: ${note}`);
    }
  }
  return lines;
}
