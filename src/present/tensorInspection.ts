/**
 * What the tensor views read of a document's inspection of code with arrays: the tensor
 * engine's result and the program it came from (for references and notes). The extension's
 * inspection of such a document has at least these fields.
 */
import type { TensorInspectionResult } from '../engine/tensor/tensorResult';
import type { TensorProgram } from '../language/frontEnd';

export interface TensorDocumentInspection {
  readonly result: TensorInspectionResult;
  readonly program: TensorProgram;
  /** Set when the document changed and reading it again failed (or is pending). */
  readonly stale?: string;
}
