/**
 * The one wrapper of the engine's result: a document's inspection, as the extension keeps one
 * per document and every view reads it (hover, inlay hints, the panel's snapshot is a part of
 * it). Plain data. Code without arrays gives a scalar inspection, code with arrays a tensor
 * one; every view switches on `kind`.
 */
import type { SourceRange } from '../engine/ir';
import type { InspectionResult } from '../engine/result';
import type { Tensor } from '../engine/tensor/tensor';
import type { TensorInspectionResult } from '../engine/tensor/tensorResult';
import type { InspectionRequest, Program, Reference, TensorProgram } from '../language/frontEnd';

/**
 * What the user asked of a document: the request without the text, in the coordinates of the
 * document's source. Kept to inspect again after an edit or a reload of the panel.
 */
export type DocumentRequest = Required<Pick<InspectionRequest, 'selection' | 'values'>> &
  Pick<InspectionRequest, 'output' | 'outputNode' | 'callSite'>;

/** What every inspection of a document has, whatever its kind of result. */
interface InspectionBase {
  readonly uri: string;
  /** Lines of earlier notebook cells in front of the document: ranges minus this are its lines. */
  readonly lineOffset: number;
  /** What the user asked for; `selection` is the range inspected (moved along by edits). */
  readonly request: DocumentRequest;
  /** Set when the document changed and reading it again failed (or is pending). */
  readonly stale?: string;
  /**
   * The panel's form of `result` as wire JSON in UTF-8, made by the inspection worker: the host
   * need not (the scalar result itself; a tensor result's list, protocol/tensorPanel.ts).
   */
  readonly resultJson?: Uint8Array;
}

/** Code without arrays. `kind` may be left out, as Program's is. */
export interface ScalarInspection extends InspectionBase {
  readonly kind?: 'scalar';
  readonly result: InspectionResult;
  readonly program: Program;
  /** The value of every input, as used. */
  readonly values: Readonly<Record<string, number>>;
}

/** Code with arrays (NumPy, PyTorch, JAX). */
export interface TensorInspection extends InspectionBase {
  readonly kind: 'tensor';
  readonly result: TensorInspectionResult;
  readonly program: TensorProgram;
  /** The value of every input, as used, by input key. */
  readonly values: Readonly<Record<string, Tensor>>;
}

export type DocumentInspection = ScalarInspection | TensorInspection;

export interface ViewOptions {
  readonly precision: number;
}

/** The reference whose range holds `position` (zero-based line and UTF-16 column). */
export function referenceAt(
  inspection: DocumentInspection,
  line: number,
  column: number,
): Reference | undefined {
  return inspection.program.references.find(
    (reference) =>
      contains(reference.range, line, column) &&
      inspection.result.nodes[reference.node] !== undefined,
  );
}

export function contains(range: SourceRange, line: number, column: number): boolean {
  const afterStart =
    line > range.start.line || (line === range.start.line && column >= range.start.column);
  const beforeEnd =
    line < range.end.line || (line === range.end.line && column <= range.end.column);
  return afterStart && beforeEnd;
}
