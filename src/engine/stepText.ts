/**
 * The chain rule spelled out for one backward step, e.g.
 * `∂f/∂y = ∂f/∂q · ∂q/∂y = (−4) · 1 = −4`. Shared by the CLI table, the panel and hovers.
 */
import { formatNumber, type FormatOptions } from './format';
import type { BackwardStep, InspectionResult } from './result';

export interface StepText {
  /** The full equation, upstream × local = product. */
  readonly equation: string;
  /** The local partial with its formula, e.g. `∂q/∂y = 1` or `∂f/∂q = z = −4`. */
  readonly local: string;
  /** At fan-out: how the contributions add up, e.g. `∂f/∂x = 2 + 3 = 5 (2 of 2 uses)`. */
  readonly accumulation?: string;
}

export function partialSymbol(of: string, withRespectTo: string): string {
  return `∂${wrap(of)}/∂${wrap(withRespectTo)}`;
}

export function describeStep(
  step: BackwardStep,
  result: InspectionResult,
  format: FormatOptions = {},
): StepText {
  const f = result.output.name;
  if (step.kind === 'seed') {
    return { equation: `${partialSymbol(f, f)} = 1`, local: 'the output, by definition' };
  }
  const from = labelOf(result, step.from);
  const to = labelOf(result, step.to);
  const target = partialSymbol(f, to);
  const upstream = partialSymbol(f, from);
  const local = partialSymbol(from, to);
  const numbers = `${factor(step.upstream, format)} · ${factor(step.local, format)} = ${formatNumber(step.product, format)}`;
  const equation = `${target} ${step.contribution > 1 ? '+=' : '='} ${upstream} · ${local} = ${numbers}`;
  const localText = formulaLine(local, step.localFormula, step.local, format);
  if (step.contributions <= 1) {
    return { equation, local: localText };
  }
  const previous = step.accumulated - step.product;
  const accumulation =
    step.contribution === 1
      ? `${target} = ${formatNumber(step.accumulated, format)} so far (use 1 of ${step.contributions})`
      : `${target} = ${formatNumber(previous, format)} + ${factor(step.product, format)} = ${formatNumber(step.accumulated, format)} (use ${step.contribution} of ${step.contributions})`;
  return { equation, local: localText, accumulation };
}

function formulaLine(
  symbol: string,
  formula: string,
  value: number,
  format: FormatOptions,
): string {
  const shown = formatNumber(value, format);
  return formula === shown ? `${symbol} = ${shown}` : `${symbol} = ${formula} = ${shown}`;
}

function labelOf(result: InspectionResult, id: number): string {
  return result.nodes[id]?.label ?? `#${id}`;
}

/** Negative factors in parentheses, as written by hand: `(−4) · 1`. */
function factor(value: number, format: FormatOptions): string {
  const text = formatNumber(value, format);
  return value < 0 ? `(${text})` : text;
}

/** Labels that are expressions get parentheses: `∂f/∂(x + y)`. */
function wrap(label: string): string {
  return /^[\p{L}\p{N}_#′₀-₉.]+$/u.test(label) ? label : `(${label})`;
}
