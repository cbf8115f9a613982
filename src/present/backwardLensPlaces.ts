/**
 * Where "∇ Check backward pass" goes once a check has answered: above each backward function
 * (`def affine_backward(`, `function reluBackward(`) and above the first line of the backward
 * pass (the first write of a checked gradient: `dscores = probs`). Lines, 0-based, in order.
 */
import type { BackwardCheckReport } from '../core/handBackward/report';
import { baseName } from './backwardHover';

const BACKWARD_FUNCTION = /^\s*(?:def|function|async\s+function)\s+\w*(?:_backward|Backward)\s*\(/;

const ASSIGNED =
  /^\s*(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?:\[[^\]\n]*\])?\s*[-+*/]?=(?!=)/;

const NAMED_GRADIENT = /^(?:\w+_grad|grad_\w+|\w+_derivative\w*|derivative_\w+)$/;

/**
 * Cheap test on the text before asking the worker: does the file write a name the pairing
 * could take for a gradient (`dW` beside `W`, `dfdx` beside `x`, `x_grad`), or define a
 * backward function? `data = …` alone is no reason to read a file.
 */
export function mayHaveBackwardPass(source: string): boolean {
  const lines = source.split('\n');
  if (lines.some((line) => BACKWARD_FUNCTION.test(line))) {
    return true;
  }
  const assigned = new Set(
    lines.flatMap((line) => {
      const name = ASSIGNED.exec(line)?.[1];
      return name === undefined ? [] : [name];
    }),
  );
  return [...assigned].some((name) => NAMED_GRADIENT.test(name) || isDName(name, assigned));
}

/** `dW` with `W` assigned, or `dfdx` with `x` assigned (parameters count through their uses). */
function isDName(name: string, assigned: ReadonlySet<string>): boolean {
  if (!name.startsWith('d') || name.length < 2) {
    return false;
  }
  const rest = name.slice(1);
  if (assigned.has(rest)) {
    return true;
  }
  const second = rest.indexOf('d');
  return second > 0 && assigned.has(rest.slice(0, second));
}

export function backwardLensLines(source: string, report: BackwardCheckReport): number[] {
  const lines = source.split('\n');
  const places = new Set<number>();
  lines.forEach((line, index) => {
    if (BACKWARD_FUNCTION.test(line)) {
      places.add(index);
    }
  });
  const first = firstGradientWrite(lines, report);
  if (first !== undefined) {
    places.add(first);
  }
  return [...places].sort((a, b) => a - b);
}

/** The first line that writes one of the checked gradients (a plain or element assignment). */
function firstGradientWrite(
  lines: readonly string[],
  report: BackwardCheckReport,
): number | undefined {
  const names = new Set(report.comparisons.map((one) => baseName(one.pairing.gradient)));
  const index = lines.findIndex((line) => {
    const name = ASSIGNED.exec(line)?.[1];
    return name !== undefined && names.has(name);
  });
  return index < 0 ? undefined : index;
}
