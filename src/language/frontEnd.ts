/**
 * The contract every language front end fulfils: source text and a selection in, a graph
 * with source ranges and the statically known input values out — or a structured error.
 */
import type { Graph, SourceRange } from '../engine/ir';
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
export type FrontEndRequest = Pick<InspectionRequest, 'source' | 'selection' | 'output' | 'values'>;

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

export interface Program {
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
  | { readonly ok: true; readonly program: Program }
  | { readonly ok: false; readonly error: FrontEndError };

export interface FrontEnd {
  readonly language: LanguageId;
  lower(request: FrontEndRequest): Promise<LowerResult>;
}
