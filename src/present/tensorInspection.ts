/**
 * What the tensor views read of a document's inspection of code with arrays: the tensor
 * engine's result and the program it came from (for references and notes). The extension's
 * inspection of such a document has at least these fields.
 */
import { getOwn } from '../engine/records';
import type { TensorInspectionResult } from '../engine/tensor/tensorResult';
import type { TensorProgram } from '../language/frontEnd';

export interface TensorDocumentInspection {
  readonly result: TensorInspectionResult;
  readonly program: TensorProgram;
  /** Set when the document changed and reading it again failed (or is pending). */
  readonly stale?: string;
}

/**
 * The inputs (used or not) whose values are sample values standing in for random ones: so the
 * result says, or the front end's binding does (the engine sees only the values).
 */
export function sampleInputs(
  result: TensorInspectionResult,
  bindings: TensorProgram['bindings'],
): Set<string> {
  const keys = new Set<string>();
  for (const input of [...result.inputs, ...result.unused]) {
    const sample =
      ('sample' in input && input.sample === true) ||
      result.nodes[input.id]?.sample === true ||
      getOwn(bindings, input.name)?.sample === true;
    if (sample) {
      keys.add(input.name);
    }
  }
  return keys;
}

/**
 * Whether the program's notes say a node's note already: `W: sample values for …` and
 * `sample values for …` are one note, said once.
 */
export function saidAlready(notes: readonly string[], note: string): boolean {
  return notes.some((text) => text.endsWith(note) || note.endsWith(text));
}
