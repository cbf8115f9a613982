/**
 * The contract every language front end fulfils: source text and a selection in, a graph
 * with source ranges and the statically known input values out — or a structured error.
 */
import type { Graph, SourceRange } from '../engine/ir';
import type { Tensor } from '../engine/tensor/tensor';
import type { TensorGraph } from '../engine/tensor/tensorIr';
import type { LanguageId } from './languages';

/** The languages with a front end: the ids of the descriptors in languages.ts. */
export type { LanguageId };

/**
 * One inspection asked for, the same object from the caller through the pipeline: the front end
 * reads `source` (see FrontEndRequest), core/inspectSource adds the engine's options, the
 * worker carries it across threads, and the extension builds it from a document.
 */
export interface InspectionRequest {
  /** The whole document, so values assigned above the selection can be found. */
  readonly source: string;
  readonly language: LanguageId;
  /** The part to inspect; the whole text when absent; an empty range means "at the cursor". */
  readonly selection?: SourceRange;
  /**
   * A call of the selected function (or of the function the selection lies in) whose arguments
   * give its parameters their values; absent: the first call in the file whose arguments are
   * known. Values typed or annotated still win.
   */
  readonly callSite?: SourceRange;
  /** Which assigned name is the output; default: the last one assigned. */
  readonly output?: string;
  /** A node of the graph to differentiate instead of the output (one with no name to ask for). */
  readonly outputNode?: number;
  /**
   * Values the user gave; they win over values found in the document. Code front ends need
   * them while reading, not only afterwards: a conditional takes the branch its condition
   * selects at these values (define-by-run).
   */
  readonly values?: Readonly<Record<string, number>>;
  /**
   * Arrays the user gave (`# at: x=[1, 2, 3]`, `--at x=[1,2,3]`); they win over values found
   * in the document. Only code with arrays reads them.
   */
  readonly arrays?: Readonly<Record<string, Tensor>>;
  /** Compare each gradient with central differences. */
  readonly check?: boolean;
  /** Record chain-rule steps (default true). */
  readonly steps?: boolean;
  /**
   * Check the result's invariants (a debug setting): a broken one makes the outcome an
   * 'invariant' error instead of a result.
   */
  readonly checkInvariants?: boolean;
}

/** The part of the request a front end reads (the language picked it; the rest is the engine's). */
export type FrontEndRequest = Pick<
  InspectionRequest,
  'source' | 'selection' | 'callSite' | 'output' | 'values' | 'arrays'
>;

export type ValueSource = 'assignment' | 'default' | 'annotation';

export interface Binding {
  readonly value: number;
  readonly source: ValueSource;
  readonly range?: SourceRange;
}

/** One occurrence of a name in the inspected code, and the graph node it stands for. */
export interface Reference {
  readonly name: string;
  readonly range: SourceRange;
  readonly node: number;
  /**
   * `condition`: the text of an `if`/`while` condition or a `switch` value (not a name); its
   * node is the condition's truth at that point, whose note says which branch ran.
   */
  readonly role: 'read' | 'write' | 'parameter' | 'condition';
}

/** Code without arrays: a scalar graph (ir.ts). */
export interface Program {
  readonly kind?: 'scalar';
  readonly language: LanguageId;
  readonly graph: Graph;
  readonly outputName: string;
  /**
   * Values found in the document for the graph's inputs, by input key: the name, or
   * `x (line 4)` when several bindings of x are inputs (see `inputKey`).
   */
  readonly bindings: Readonly<Record<string, Binding>>;
  /** Input keys with no value found: the caller must supply them. */
  readonly unbound: readonly string[];
  /**
   * For a value the user typed by plain name where the name has several bindings: the key of
   * the binding it sets (the one the output reads, else the one read first).
   */
  readonly valueTargets: Readonly<Record<string, string>>;
  /**
   * Names whose given values the front end read while lowering without making them inputs
   * (the bound `n` of `\sum_{i=1}^{n}`): used, so never reported as ignored.
   */
  readonly valuesRead?: readonly string[];
  readonly references: readonly Reference[];
  /** The range actually inspected (the selection, widened to whole nodes if needed). */
  readonly range: SourceRange;
  /**
   * What the reading assumed, for every view to say (e.g. "`sigmoid` is not defined in this
   * file; read as torch.sigmoid …").
   */
  readonly notes?: readonly string[];
}

/** A value found in the document for an input of a tensor program. */
export interface TensorBinding {
  readonly value: Tensor;
  readonly source: ValueSource | 'random';
  /**
   * The values stand in for random ones the code would draw (shape right, values a
   * reproducible sample); absent when they are the code's own (NumPy's seeded legacy stream).
   */
  readonly sample?: boolean;
  readonly range?: SourceRange;
}

/** Code with arrays (NumPy, PyTorch, JAX): a tensor graph (engine/tensor/tensorIr.ts). */
export interface TensorProgram {
  readonly kind: 'tensor';
  readonly language: LanguageId;
  readonly graph: TensorGraph;
  readonly outputName: string;
  /** Values found in the document for the graph's inputs, by input key. */
  readonly bindings: Readonly<Record<string, TensorBinding>>;
  /** Input keys with no value found: the caller must supply them. */
  readonly unbound: readonly string[];
  readonly references: readonly Reference[];
  readonly range: SourceRange;
  readonly notes?: readonly string[];
}

export type AnyProgram = Program | TensorProgram;

export type FrontEndErrorKind =
  | 'syntax'
  | 'unsupported'
  | 'unknown-function'
  | 'unknown-name'
  | 'selection'
  | 'too-deep'
  | 'too-large'
  | 'no-output';

export interface FrontEndError {
  readonly kind: FrontEndErrorKind;
  readonly message: string;
  readonly range: SourceRange;
  /**
   * For 'unknown-name': the names that need a value before the code can be read (e.g. the
   * inputs of a condition); lowering again with them in `values` gets past the error.
   */
  readonly names?: readonly string[];
}

export type LowerResult =
  | { readonly ok: true; readonly program: AnyProgram }
  | { readonly ok: false; readonly error: FrontEndError };

export interface FrontEnd {
  readonly language: LanguageId;
  lower(request: FrontEndRequest): Promise<LowerResult>;
}
