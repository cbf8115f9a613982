/**
 * The texts of a tensor node's details: the statistics of a value or gradient, the index of a
 * table cell, and the chain rule of one element written out term by term
 * (`X[0, 1] · ∂L/∂(X @ W)[0, 2] = 1.76405 × −0.0423 = −0.0746`). Pure, so Node tests read them.
 */
import { formatNumber } from '../engine/format';
import type { ElementChain, StepChain } from '../engine/tensor/elementChain';

export interface Statistics {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly norm: number;
}

export function statisticsText(stats: Statistics, precision: number): string {
  const f = (value: number) => formatNumber(value, { precision });
  return `min ${f(stats.min)} · max ${f(stats.max)} · mean ${f(stats.mean)} · norm ${f(stats.norm)}`;
}

/**
 * The element at row `row`, column `column` of the table that shows `axes` of a tensor of
 * `rank` axes, the others at `fixed` (in axis order).
 */
export function cellIndex(
  rank: number,
  axes: readonly number[],
  fixed: readonly number[],
  row: number,
  column: number,
): number[] {
  const index: number[] = [];
  let k = 0;
  for (let axis = 0; axis < rank; axis += 1) {
    if (axis === axes[0]) {
      index.push(row);
    } else if (axis === axes[1]) {
      index.push(column);
    } else {
      index.push(fixed[k] ?? 0);
      k += 1;
    }
  }
  return index;
}

export interface StepChainText {
  readonly formula: string;
  readonly terms: readonly string[];
  /** `… 12 more terms`, when some are not listed. */
  readonly more?: string;
  /** `= −0.17` with how many terms it sums. */
  readonly sum: string;
  /** Said when the terms do not add up to what the step recorded. */
  readonly warning?: string;
}

export interface ElementChainText {
  readonly heading: string;
  readonly value: string;
  readonly gradient: string;
  readonly steps: readonly StepChainText[];
  /** How the consumers' shares add up, when there are several. */
  readonly total?: string;
}

export function elementChainText(chain: ElementChain, precision: number): ElementChainText {
  const f = (value: number) => formatNumber(value, { precision });
  const gradient =
    chain.grad === undefined
      ? `∂L/∂${chain.name}: none (no gradient reaches it)`
      : `∂L/∂${chain.name} = ${f(chain.grad)}${chain.seed ? ' (the output itself: ∂L/∂L = 1)' : ''}`;
  const shares = chain.steps.map((step) => step.recorded);
  return {
    heading: chain.name,
    value: `${chain.name} = ${f(chain.value)}`,
    gradient,
    steps: chain.steps.map((step) => stepText(step, f)),
    ...(chain.steps.length > 1 && chain.grad !== undefined
      ? {
          total: `∂L/∂${chain.name} = ${shares.map(f).join(' + ')} = ${f(chain.grad)} (${chain.steps.length} uses)`,
        }
      : {}),
  };
}

function stepText(step: StepChain, f: (value: number) => string): StepChainText {
  const terms = step.terms.map(
    (term) =>
      `${term.localText} · ${step.upstreamName}${indexText(term.at)} = ${f(term.local)} × ${f(term.upstream)} = ${f(term.product)}`,
  );
  const count = step.terms.length + step.more;
  return {
    formula: step.formula,
    terms,
    ...(step.more > 0 ? { more: `… ${step.more} more ${step.more === 1 ? 'term' : 'terms'}` } : {}),
    sum: `= ${f(step.sum)} (${count === 0 ? 'no terms' : count === 1 ? '1 term' : `Σ of ${count} terms`})`,
    ...(step.agrees
      ? {}
      : {
          warning: `The terms add up to ${f(step.sum)}, the backward step recorded ${f(step.recorded)}: a NaN or ∞ in ∂L/∂ of the consumer enters terms the step skips.`,
        }),
  };
}

function indexText(at: readonly number[]): string {
  return at.length === 0 ? '' : `[${at.join(', ')}]`;
}
