/**
 * The numeric gradient check: central differences per input, compared with the analytic
 * gradient by relative error, on the scale used in practice.
 */
import { evaluate } from './forward';
import { inputKey, type Graph, type OpNode } from './ir';
import { opSpec } from './ops';
import type { CheckVerdict, GradientCheck } from './result';

/** cbrt(machine epsilon): balances truncation and rounding error of central differences. */
const RELATIVE_STEP = Math.cbrt(Number.EPSILON);

export function relativeError(analytic: number, numeric: number): number {
  if (analytic === numeric) {
    return 0;
  }
  return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric));
}

export function verdictFor(error: number): CheckVerdict {
  if (!(error <= 1e-2)) {
    return 'wrong';
  }
  return error < 1e-7 ? 'ok' : 'check-kinks';
}

export interface CheckOptions {
  readonly output?: number;
  /** Names for nodes in notes; defaults to "node N". */
  readonly labelOf?: (node: number) => string;
  /** Only these inputs (by key) are probed; default every input with an analytic gradient. */
  readonly inputs?: readonly string[];
}

export function gradientCheck(
  graph: Graph,
  values: Readonly<Record<string, number>>,
  analytic: Readonly<Record<string, number>>,
  options: CheckOptions = {},
): GradientCheck[] {
  const output = options.output ?? graph.output;
  const labelOf = options.labelOf ?? ((node: number) => `node ${node}`);
  const checks: GradientCheck[] = [];
  const center = evaluate(graph, values);
  const only = options.inputs === undefined ? undefined : new Set(options.inputs);
  for (const node of graph.nodes) {
    if (node.kind !== 'input') {
      continue;
    }
    const key = inputKey(node);
    if (!Object.prototype.hasOwnProperty.call(analytic, key) || only?.has(key) === false) {
      continue;
    }
    const x = values[key] ?? NaN;
    const step = RELATIVE_STEP * Math.max(1, Math.abs(x));
    const plus = evaluate(graph, { ...values, [key]: x + step });
    const minus = evaluate(graph, { ...values, [key]: x - step });
    const numeric = ((plus[output] ?? NaN) - (minus[output] ?? NaN)) / (2 * step);
    const grad = analytic[key] ?? NaN;
    const error = relativeError(grad, numeric);
    const crossed = kinkCrossed(graph, output, [minus, center, plus]);
    const note =
      crossed === undefined
        ? undefined
        : `the ±${formatStep(step)} step crosses a kink at ${labelOf(crossed)}`;
    checks.push({
      input: key,
      analytic: grad,
      numeric,
      relativeError: error,
      verdict: verdictFor(error),
      step,
      ...(note === undefined ? {} : { note }),
    });
  }
  return checks;
}

/** The first piecewise op (up to the output) whose piece differs between the probe points. */
function kinkCrossed(
  graph: Graph,
  output: number,
  probes: readonly Float64Array[],
): number | undefined {
  for (let id = 0; id <= output; id += 1) {
    const node = graph.nodes[id];
    if (node === undefined || node.kind !== 'op') {
      continue;
    }
    const piece = opSpec(node.op).piece;
    if (piece === undefined) {
      continue;
    }
    const pieces = probes.map((probe) => piece(argsAt(node, probe)));
    if (pieces.some((p) => p !== pieces[0])) {
      return id;
    }
  }
  return undefined;
}

function argsAt(node: OpNode, values: Float64Array): number[] {
  return node.operands.map((operand) => values[operand] ?? NaN);
}

function formatStep(step: number): string {
  return step.toExponential(1);
}
