/** The tokens of math notation, plain and LaTeX alike, each with its place in the document. */

export type BracketKind = 'paren' | 'bracket' | 'brace';

/**
 * How a name was written: `plain` (`x`, `sin`, `\mathrm{relu}`), `command` (`\alpha`, `\sin`)
 * or `operator` (`\operatorname{relu}`, `\cot`: certainly meant as a function).
 */
export type NameForm = 'plain' | 'command' | 'operator';

export type OperatorSymbol = '+' | '-' | '*' | '/' | '^';

/** A comparison, read only as the condition of an indicator `\mathbb{1}(a > b)`. */
export type CompareSymbol = '<' | '>' | '<=' | '>=' | '!=';

interface At {
  readonly from: number;
  readonly to: number;
}

/** A bound of `\sum_{i=1}^{n}`: a whole number, or a name whose value must be known. */
export type BoundText =
  | (At & { readonly kind: 'number'; readonly value: number; readonly text: string })
  | (At & { readonly kind: 'name'; readonly name: string });

/**
 * The values the index of `\sum` takes: `\sum_{i=1}^{n}` from one bound to the other, or
 * `\sum_j` and `\sum_{j \neq y_i}` over the elements given for the lists the body indexes by
 * j, with one value left out.
 */
export type BigOperatorRange =
  | { readonly kind: 'bounds'; readonly lower: BoundText; readonly upper: BoundText }
  | { readonly kind: 'elements'; readonly except?: BoundText };

export type Token =
  | (At & { readonly kind: 'number'; readonly value: number; readonly text: string })
  | (At & { readonly kind: 'name'; readonly name: string; readonly form: NameForm })
  | (At & { readonly kind: 'operator'; readonly op: OperatorSymbol })
  | (At & { readonly kind: 'compare'; readonly op: CompareSymbol })
  /** `²`, `³`, `⁻¹`: a power written as Unicode superscript digits. */
  | (At & { readonly kind: 'superscript'; readonly value: number; readonly text: string })
  | (At & { readonly kind: 'open'; readonly bracket: BracketKind })
  | (At & { readonly kind: 'close'; readonly bracket: BracketKind })
  /** `√` or `∛`. */
  | (At & { readonly kind: 'radical'; readonly op: 'sqrt' | 'cbrt' })
  /** `\sum_{i=1}^{3}` or `\prod_{k=0}^{n}`, the whole head: the index and both bounds. */
  | (At & {
      readonly kind: 'bigop';
      readonly op: 'sum' | 'prod';
      readonly index: string;
      readonly indexAt: { readonly from: number; readonly to: number };
      readonly range: BigOperatorRange;
    })
  | (At & {
      readonly kind:
        | 'bar'
        | 'comma'
        | 'equals'
        | 'newline'
        | 'separator'
        | 'frac'
        | 'sqrt'
        | 'end'
        /** `\|` or `‖`, either side of a norm (an optional `_2` after it is part of it). */
        | 'norm'
        /** `^\top`, `^{\top}`, `^\intercal`, `^\mathsf{T}`: the transpose of a list. */
        | 'transpose'
        /** `\mathbb{1}` or `\mathbf{1}` (an optional `_` after it is part of it): 1 where its condition holds. */
        | 'indicator'
        /** `\rightarrow`, `\Rightarrow`, `\to`: what follows is an equal form. */
        | 'arrow';
    });

export type TokenKind = Token['kind'];

const OPENERS: Readonly<Record<BracketKind, string>> = { paren: '(', bracket: '[', brace: '{' };
const CLOSERS: Readonly<Record<BracketKind, string>> = { paren: ')', bracket: ']', brace: '}' };

export function bracketText(kind: 'open' | 'close', bracket: BracketKind): string {
  return kind === 'open' ? OPENERS[bracket] : CLOSERS[bracket];
}
