/**
 * One case of the real-code corpus: a snippet copied verbatim from public teaching or reference
 * material (its file under corpus/snippets/), where it comes from, how a user inspects it, and how
 * real Python computes the same numbers.
 */

/** Where the snippet's text comes from: the pieces, pasted one after the other. */
export interface Provenance {
  readonly repository: string;
  readonly commit: string;
  readonly path: string;
  /** The line ranges (`74–89`) or notebook code cells (`cells 7, 13`) the snippet is made of. */
  readonly lines: string;
  readonly licence: string;
}

/**
 * How Python finds the gradients: PyTorch's autograd on the snippet itself; micrograd's
 * backward (the vendored engine, or the lecture's own Value class); or a torch twin of the same
 * computation over the values the snippet left bound (NumPy, JAX and plain-Python code).
 */
export type Oracle =
  | { readonly kind: 'torch' }
  | { readonly kind: 'micrograd' }
  | {
      readonly kind: 'twin';
      /** Python: `leaf(key)` makes a float64 leaf of the snippet's value; binds `out`. */
      readonly twin: string;
    };

/** How the Python run differs from "the file up to the end of the selection". */
export interface PythonRun {
  /** Line ranges of the snippet to run (each block dedented, at its own line numbers). */
  readonly run?: readonly (readonly [number, number])[];
  /** Lines Python 3 cannot run (a Python 2 print), run as `pass`. */
  readonly skip?: readonly number[];
  /** Imports the page states in its text but not in the block. */
  readonly prelude?: string;
  /** The output's name in Python, when the user picks none (default: the case's output). */
  readonly output?: string;
  /**
   * The code makes its own float64 from float32 (`torch.Tensor([…]).double()`): PyTorch's
   * float32 default as written, instead of float64 throughout.
   */
  readonly float32AsWritten?: boolean;
  /** A Python expression for the output's value (the call a selected function is read at). */
  readonly value?: string;
  /**
   * Data our reading builds from sample draws that Python cannot make (random values drawn
   * inside the loop that fills an array): once `line` has run, `name` takes the array our
   * reading computes with (the one constant of its shape in our graph).
   */
  readonly given?: readonly { readonly name: string; readonly line: number }[];
}

/** What the case expects of the tool today: to agree with Python, or this refusal. */
export type Expectation =
  | { readonly outcome: 'agree' }
  | {
      readonly outcome: 'refused';
      /** A part of the current refusal message; the test fails when support lands. */
      readonly message: string;
      /** Why, in the summary's list of cases not supported yet. */
      readonly reason: string;
    };

export interface CorpusCase {
  readonly name: string;
  /** The snippet's file under corpus/snippets/ (JavaScript and TypeScript ones end in .txt). */
  readonly file: string;
  /** Python when absent. */
  readonly language?: 'javascript' | 'typescript';
  readonly source: Provenance;
  /** The lines the user selects (1-based, whole lines); the whole file when absent. */
  readonly selection?: readonly [number, number];
  /** The output the user picks; the tool's default when absent. */
  readonly output?: string;
  readonly oracle: Oracle;
  readonly python?: PythonRun;
  readonly expected: Expectation;
}
