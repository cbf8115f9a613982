/**
 * CS231n's sparse gradient check for tensors: per input, central differences at a seeded
 * sample of up to 20 elements, each compared with the analytic gradient by relative error and
 * judged on the scalar check's scale (gradCheck.ts). Two numbers that are both zero up to
 * rounding (below `zeroFloor`) agree: an analytic 8e-16 against a numeric 0 is not a wrong
 * gradient. Only the nodes that depend on the input are evaluated again for each probe.
 */
import { relativeError, verdictFor } from '../gradCheck';
import { getOwn, setOwn } from '../records';
import { multiIndex } from './broadcast';
import { sizeOf } from './shape';
import type { Tensor } from './tensor';
import { nodeValue, tensorForward } from './tensorForward';
import { tensorInputKey, type TensorGraph, type TensorInputNode } from './tensorIr';
import type { TensorGradientCheck } from './tensorResult';

/** cbrt(machine epsilon), as gradCheck.ts: balances truncation and rounding error. */
const RELATIVE_STEP = Math.cbrt(Number.EPSILON);
/**
 * How many of the difference quotient's rounding steps still count as zero: the output is a
 * sum or chain of many rounded terms, so its rounding error is some ulps, not one.
 */
const ZERO_ULPS = 16;
/** CS231n's grad_check_sparse checks a handful of elements; 20 per input here. */
export const CHECKED_ELEMENTS = 20;

export interface TensorCheckOptions {
  readonly output?: number;
}

export function tensorGradientCheck(
  graph: TensorGraph,
  values: Readonly<Record<string, Tensor>>,
  analytic: Readonly<Record<string, Tensor>>,
  options: TensorCheckOptions = {},
): TensorGradientCheck[] {
  const output = options.output ?? graph.output;
  const center = tensorForward(graph, values);
  const checks: TensorGradientCheck[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'input') {
      continue;
    }
    const key = tensorInputKey(node);
    const grad = getOwn(analytic, key);
    const value = getOwn(values, key);
    if (grad === undefined || value === undefined) {
      continue;
    }
    const probe = new Probe(graph, values, center, node, output);
    for (const flat of sampleIndices(sizeOf(node.shape), seedOf(key))) {
      const x = value.data[flat] ?? NaN;
      const step = RELATIVE_STEP * Math.max(1, Math.abs(x));
      const plus = probe.at(flat, x + step);
      const minus = probe.at(flat, x - step);
      const numeric = (plus - minus) / (2 * step);
      const a = grad.data[flat] ?? NaN;
      const floor = zeroFloor(plus, minus, step);
      const error =
        Math.max(Math.abs(a), Math.abs(numeric)) <= floor ? 0 : relativeError(a, numeric);
      checks.push({
        input: key,
        index: multiIndex(flat, node.shape),
        analytic: a,
        numeric,
        relativeError: error,
        verdict: verdictFor(error),
        step,
      });
    }
  }
  return checks;
}

/**
 * The smallest slope central differences resolve at this step: the output's rounding
 * (`ZERO_ULPS` ulps of its size) over the 2·step between the probes. A gradient below it
 * is zero as far as the check can tell, and an analytic one below it is read the same way.
 */
function zeroFloor(plus: number, minus: number, step: number): number {
  const scale = Math.max(Math.abs(plus), Math.abs(minus));
  return (ZERO_ULPS * Number.EPSILON * scale) / (2 * step);
}

/** The output with one element of one input changed; the other nodes keep their values. */
class Probe {
  private readonly dependents: number[] = [];
  private readonly data: Float64Array;
  private readonly values: Record<string, Tensor>;

  constructor(
    private readonly graph: TensorGraph,
    values: Readonly<Record<string, Tensor>>,
    private readonly center: readonly Float64Array[],
    private readonly input: TensorInputNode,
    private readonly output: number,
  ) {
    const depends = new Uint8Array(graph.nodes.length);
    depends[input.id] = 1;
    for (const node of graph.nodes) {
      if (node.id > output) {
        break;
      }
      if (node.kind === 'op' && node.operands.some((operand) => depends[operand] === 1)) {
        depends[node.id] = 1;
        this.dependents.push(node.id);
      }
    }
    this.data = Float64Array.from(center[input.id] ?? []);
    this.values = { ...values };
    setOwn(this.values, tensorInputKey(input), { shape: input.shape, data: this.data });
  }

  at(flat: number, x: number): number {
    const saved = this.data[flat] ?? NaN;
    this.data[flat] = x;
    const results: (Float64Array | undefined)[] = [...this.center];
    results[this.input.id] = this.data;
    for (const id of this.dependents) {
      const node = this.graph.nodes[id];
      if (node !== undefined) {
        results[id] = nodeValue(this.graph, node, results, this.values);
      }
    }
    this.data[flat] = saved;
    return results[this.output]?.[0] ?? NaN;
  }
}

/** All indices when there are few, else `CHECKED_ELEMENTS` distinct ones drawn with `seed`. */
function sampleIndices(size: number, seed: number): number[] {
  if (size <= CHECKED_ELEMENTS) {
    return Array.from({ length: size }, (_, i) => i);
  }
  const random = mulberry32(seed);
  const chosen = new Set<number>();
  while (chosen.size < CHECKED_ELEMENTS) {
    chosen.add(Math.floor(random() * size));
  }
  return [...chosen].sort((a, b) => a - b);
}

/** A seed from the input's name, so each input's sample is the same from run to run. */
function seedOf(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i += 1) {
    hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  }
  return hash >>> 0;
}

/** A small deterministic generator of floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
