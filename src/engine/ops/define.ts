/**
 * Helpers that keep an op's record short, after JAX's `standard_unop`: `unary()` and
 * `binary()` take the op as functions of its operands (not of an argument list) and fill in
 * the arity, the notation and the list plumbing of `OpSpec`.
 */
import type { OpName } from '../opName';
import type { Family, GatePattern, Notation, OpSpec } from '../opSpec';
import type { Spellings } from '../spelling';
import { ZERO, type Sym } from '../sym';

/** What every record says besides its maths. */
interface Record {
  readonly name: OpName;
  readonly family: Family;
  readonly description: string;
  /** The glyph in the graph node; the name by default. */
  readonly symbol?: string;
  readonly gate?: GatePattern;
  readonly zeroGradient?: boolean;
  readonly spellings?: Spellings;
}

export interface UnaryRecord extends Record {
  /** Plain-text function name in formulas; the name by default (`σ` for sigmoid). */
  readonly text?: string;
  /** LaTeX function name; `\operatorname{name}` by default. */
  readonly latex?: string;
  readonly forward: (x: number) => number;
  /** ∂out/∂x at x, where the op produced `value`. */
  readonly partial: (x: number, value: number) => number;
  /** The same partial as a readable formula of the operand expression. */
  readonly formula: (x: Sym) => Sym;
  readonly kink?: (x: number) => string | undefined;
  readonly piece?: (x: number) => number;
}

export interface BinaryRecord extends Record {
  readonly notation: Notation;
  readonly forward: (a: number, b: number) => number;
  readonly partials: (a: number, b: number, value: number) => [number, number];
  readonly formulas: (a: Sym, b: Sym) => [Sym, Sym];
  readonly kink?: (a: number, b: number) => string | undefined;
  readonly piece?: (a: number, b: number) => number;
}

/** An infix operator's notation; left-associative unless said. */
export function infix(
  text: string,
  latex: string,
  precedence: number,
  associativity: 'left' | 'right' = 'left',
): Notation {
  return { kind: 'infix', text, latex, precedence, associativity };
}

/** A function's notation: `name(x)`, `\operatorname{name}` unless `latex` says otherwise. */
export function functionNotation(text: string, latex = `\\operatorname{${text}}`): Notation {
  return { kind: 'function', text, latex };
}

function common(
  record: Record,
): Omit<OpSpec, 'notation' | 'arity' | 'forward' | 'partials' | 'partialFormulas'> {
  const { name, family, description, symbol = name, gate, zeroGradient, spellings } = record;
  return {
    name,
    family,
    symbol,
    description,
    ...(gate === undefined ? {} : { gate }),
    ...(zeroGradient === undefined ? {} : { zeroGradient }),
    ...(spellings === undefined ? {} : { spellings }),
  };
}

/** An op of one operand, written as functions of x. */
export function unary(record: UnaryRecord): OpSpec {
  const { name, text = name, latex, forward, partial, formula, kink, piece } = record;
  return {
    ...common(record),
    notation: functionNotation(text, latex),
    arity: { min: 1, max: 1 },
    // Indexed, not destructured: destructuring an array goes through its iterator, an object
    // per call on the paths that call these once per node.
    forward: (args) => forward(args[0] ?? NaN),
    partials: (args, value) => [partial(args[0] ?? NaN, value)],
    partialFormulas: ([x = ZERO]) => [formula(x)],
    ...(kink === undefined ? {} : { kink: ([x = NaN]: readonly number[]) => kink(x) }),
    ...(piece === undefined ? {} : { piece: ([x = NaN]: readonly number[]) => piece(x) }),
  };
}

/** An op of two operands, written as functions of a and b. */
export function binary(record: BinaryRecord): OpSpec {
  const { notation, forward, partials, formulas, kink, piece } = record;
  return {
    ...common(record),
    notation,
    arity: { min: 2, max: 2 },
    forward: (args) => forward(args[0] ?? NaN, args[1] ?? NaN),
    partials: (args, value) => partials(args[0] ?? NaN, args[1] ?? NaN, value),
    partialFormulas: ([a = ZERO, b = ZERO]) => formulas(a, b),
    ...(kink === undefined ? {} : { kink: ([a = NaN, b = NaN]: readonly number[]) => kink(a, b) }),
    ...(piece === undefined
      ? {}
      : { piece: ([a = NaN, b = NaN]: readonly number[]) => piece(a, b) }),
  };
}
