/**
 * Which inputs the gradient check probes. Each probe evaluates the whole graph twice, so a
 * graph with many inputs has a fixed-size sample checked: chosen by a seeded generator (the same
 * inputs on every inspection of the same code), listed in the graph's order.
 */

import type { InspectionResult } from './result';

/** Inputs probed at most: 40 evaluations of the graph. */
export const MAX_CHECKED_INPUTS = 20;
const SEED = 0x9e3779b9;

export interface CheckSample {
  /** The inputs to probe, in the order given. */
  readonly inputs: readonly string[];
  /** Set when these are a sample: how many inputs there were. */
  readonly of?: number;
}

export function checkSample(inputs: readonly string[], max = MAX_CHECKED_INPUTS): CheckSample {
  if (inputs.length <= max) {
    return { inputs };
  }
  const random = mulberry32(SEED ^ inputs.length);
  const order = inputs.map((_, i) => i);
  // A partial Fisher–Yates shuffle: the first `max` places get a uniform sample.
  for (let i = 0; i < max; i += 1) {
    const j = i + Math.floor(random() * (order.length - i));
    const chosen = order[j] ?? i;
    order[j] = order[i] ?? j;
    order[i] = chosen;
  }
  const picked = order.slice(0, max).sort((a, b) => a - b);
  return { inputs: picked.map((i) => inputs[i] ?? ''), of: inputs.length };
}

/** What views say when the check is a sample: it has fewer entries than there are inputs. */
export function checkSampleNote(result: InspectionResult): string | undefined {
  const checked = result.check?.length;
  if (checked === undefined || checked >= result.inputs.length) {
    return undefined;
  }
  return `gradient check: a fixed sample of ${checked} of the ${result.inputs.length} inputs (each probe evaluates the whole graph twice)`;
}

/** A small seeded generator of uniform numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
