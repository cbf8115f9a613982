/**
 * How views name one binding of an input: by its key (`x`, or `x (line 4)` when several
 * bindings of x feed the output), so the name matches the inputs table, the JSON and the
 * values people type. Node labels (`x₂`) stay in formulas and steps.
 */
import type { InputView, InspectionResult } from '../engine/result';
import { partialSymbol } from '../engine/stepText';

/**
 * The key, or, when the key is the plain name but other bindings of that name are inputs too
 * (used or not), the key with the binding's line, so nobody wonders which `x` is meant.
 */
export function bindingName(result: InspectionResult, input: InputView): string {
  const name = result.nodes[input.id]?.name;
  if (name === undefined || input.name !== name || input.range === undefined) {
    return input.name;
  }
  const others = [...result.inputs, ...result.unused].some(
    (other) => other.id !== input.id && result.nodes[other.id]?.name === name,
  );
  return others ? `${name} (line ${input.range.start.line + 1})` : input.name;
}

const LINE_SUFFIX = /^(.+?) (\(line \d+(?:, column \d+)?\))$/;

/** `∂f/∂x (line 4)`: the binding's line stays outside the partial, as people write it. */
export function bindingPartial(f: string, binding: string): string {
  const match = LINE_SUFFIX.exec(binding);
  return match === null ? partialSymbol(f, binding) : `${partialSymbol(f, match[1]!)} ${match[2]!}`;
}

/** The used input behind a node, if it is one. */
export function usedInput(result: InspectionResult, node: number): InputView | undefined {
  return result.inputs.find((input) => input.id === node);
}
