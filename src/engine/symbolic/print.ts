/**
 * Formulas for people: plain text (`x·σ(w·x + b)`, U+2212 minus) and LaTeX, with only the
 * parentheses that each op's notation (precedence, associativity) makes necessary.
 */
import { formatNumber } from '../format';
import { opSpec } from '../ops';
import type { OpName } from '../opName';
import type { Notation } from '../opSpec';
import { call, num, type Sym } from '../sym';
import { MAX_DEPTH, measure } from './simplify';
import { assertNever } from '../assertNever';

/** Printed instead of formulas too deep or too long for anyone to read (or for recursion). */
const ELIDED = '…';
const MAX_PRINTED_NODES = 20_000;
const DIGITS = 12;

/** Names, numbers and function calls never need parentheses. */
const ATOM = Infinity;
/** A LaTeX fraction is a single factor, yet a power of it still needs parentheses. */
const FRACTION = 3.5;

type Infix = Notation & { kind: 'infix' };
type Prefix = Notation & { kind: 'prefix' };
type FunctionNotation = Notation & { kind: 'function' };
type OpSym = Sym & { kind: 'op' };

export interface Printed {
  readonly text: string;
  /** How tightly the text holds together: the precedence of its outermost operator. */
  readonly precedence: number;
  /** Set for text that stands for another (a placeholder): whether that one starts with a minus. */
  readonly leadingMinus?: boolean;
}

/** Names printed as given text (already printed expressions), e.g. the operands of a template. */
export type Atoms = (name: string) => Printed | undefined;

/** What differs between the two outputs; the precedence logic is shared. */
interface Style {
  readonly minus: string;
  number(value: number): Printed;
  name(name: string): string;
  parens(text: string): string;
  infix(notation: Infix, left: string, right: string): string;
  prefix(notation: Prefix, operand: string): string;
  /** Output-specific forms such as `\frac`; `undefined` falls back to the shared rules. */
  special(expr: OpSym, print: (e: Sym) => Printed): Printed | undefined;
  func(expr: OpSym, notation: FunctionNotation, args: string[]): string;
}

/** `x·σ(w·x + b)·(1 − σ(w·x + b))`; `…` for formulas too deep or large to print. */
export function toText(expr: Sym): string {
  return print(expr, TEXT);
}

/** `x \cdot \sigma\left(w \cdot x + b\right) \cdot …`; `…` when too deep or large. */
export function toLatex(expr: Sym): string {
  return print(expr, LATEX);
}

/**
 * The text with its outermost precedence, and names that `atoms` knows printed as it says (with
 * the parentheses their precedence needs where they stand). For small formulas: not elided.
 */
export function toTextPrinted(expr: Sym, atoms?: Atoms): Printed {
  return printed(expr, TEXT, atoms);
}

function print(expr: Sym, style: Style): string {
  const { size, depth } = measure(expr);
  if (depth > MAX_DEPTH || size > MAX_PRINTED_NODES) {
    return ELIDED;
  }
  return printed(expr, style).text;
}

function printed(expr: Sym, style: Style, atoms?: Atoms): Printed {
  if (expr.kind === 'num') {
    return style.number(expr.value);
  }
  if (expr.kind === 'var') {
    return atoms?.(expr.name) ?? { text: style.name(expr.name), precedence: ATOM };
  }
  const recurse = (e: Sym): Printed => printed(e, style, atoms);
  const special = style.special(expr, recurse);
  if (special !== undefined) {
    return special;
  }
  const notation = opSpec(expr.op).notation;
  const args = expr.args.map(recurse);
  switch (notation.kind) {
    case 'infix': {
      const [first = { text: '', precedence: ATOM }, ...rest] = args;
      // An n-ary use of a binary operator reads as a left-to-right chain.
      return rest.reduce<Printed>((left, right) => {
        const leftText = wrapLeft(left, notation, style);
        return {
          text: style.infix(notation, leftText, wrapRight(right, notation, style)),
          precedence: notation.precedence,
          // The text starts with the left operand's: so does its minus (placeholders too).
          leadingMinus: leftText === left.text && startsWithMinus(left, style),
        };
      }, first);
    }
    case 'prefix': {
      const operand = args[0] ?? { text: '', precedence: ATOM };
      const wrap = operand.precedence < notation.precedence || startsWithMinus(operand, style);
      return {
        text: style.prefix(notation, wrap ? style.parens(operand.text) : operand.text),
        precedence: notation.precedence,
      };
    }
    case 'function':
      return {
        text: style.func(
          expr,
          notation,
          args.map((arg) => arg.text),
        ),
        precedence: ATOM,
      };
    default: {
      return assertNever(notation, 'notation');
    }
  }
}

function wrapLeft(left: Printed, notation: Infix, style: Style): string {
  const wrap =
    left.precedence < notation.precedence ||
    (left.precedence === notation.precedence && notation.associativity === 'right');
  return wrap ? style.parens(left.text) : left.text;
}

/** Right operands also get parentheses when they start with a minus: x·(−y), x^(−2). */
function wrapRight(right: Printed, notation: Infix, style: Style): string {
  const wrap =
    right.precedence < notation.precedence ||
    (right.precedence === notation.precedence && notation.associativity === 'left') ||
    startsWithMinus(right, style);
  return wrap ? style.parens(right.text) : right.text;
}

function startsWithMinus(p: Printed, style: Style): boolean {
  return p.leadingMinus ?? p.text.startsWith(style.minus);
}

function precedenceOf(op: OpName): number {
  const notation = opSpec(op).notation;
  return notation.kind === 'function' ? ATOM : notation.precedence;
}

/**
 * π and e read as themselves: `Math.PI`, `np.pi` and `pi` all become the same float, and
 * `sqrt(2/π)` says more than `sqrt(2/3.14159265359)`.
 */
function namedConstant(value: number, style: 'text' | 'latex'): Printed | undefined {
  const sign = value < 0 ? (style === 'text' ? '\u2212' : '-') : '';
  const magnitude = Math.abs(value);
  const name =
    magnitude === Math.PI
      ? style === 'text'
        ? 'π'
        : '\\pi'
      : magnitude === Math.E
        ? 'e'
        : undefined;
  if (name === undefined) {
    return undefined;
  }
  return { text: `${sign}${name}`, precedence: sign === '' ? ATOM : precedenceOf('neg') };
}

/** Operators written without surrounding spaces: x·y, x/y, x^2. */
const TIGHT = new Set(['·', '/', '^']);

const TEXT: Style = {
  minus: '\u2212',
  number(value) {
    const constant = namedConstant(value, 'text');
    if (constant !== undefined) {
      return constant;
    }
    const text = formatNumber(value, { precision: DIGITS });
    return { text, precedence: text.startsWith(this.minus) ? precedenceOf('neg') : ATOM };
  },
  name: (name) => name,
  parens: (text) => `(${text})`,
  infix: (notation, left, right) =>
    TIGHT.has(notation.text)
      ? `${left}${notation.text}${right}`
      : `${left} ${notation.text} ${right}`,
  prefix: (notation, operand) => `${notation.text}${operand}`,
  special: (expr, print) => unitStep(expr, print, '1'),
  func: (_op, notation, args) => `${notation.text}(${args.join(', ')})`,
};

const LATEX: Style = {
  minus: '-',
  number(value) {
    const constant = namedConstant(value, 'latex');
    if (constant !== undefined) {
      return constant;
    }
    if (Number.isNaN(value)) {
      return { text: '\\mathrm{NaN}', precedence: ATOM };
    }
    const magnitude = Math.abs(value);
    const [mantissa = '', exponent] =
      magnitude === Infinity
        ? ['\\infty']
        : formatNumber(magnitude, { precision: DIGITS }).split('e');
    let text = mantissa;
    let precedence = ATOM;
    if (exponent !== undefined) {
      // 1e-7 is written 10^{-7}, a power; 2.5e-7 is 2.5 \times 10^{-7}, a product.
      const power = mantissa === '1';
      text = power ? `10^{${exponent}}` : `${mantissa} \\times 10^{${exponent}}`;
      precedence = precedenceOf(power ? 'pow' : 'mul');
    }
    return value < 0 ? { text: `-${text}`, precedence: precedenceOf('neg') } : { text, precedence };
  },
  name: latexName,
  parens: (text) => `\\left(${text}\\right)`,
  infix: (notation, left, right) => `${left} ${notation.latex} ${right}`,
  prefix: (notation, operand) => `${notation.latex}${operand}`,
  special: latexSpecial,
  func: (expr, notation, args) => {
    const [arg = ''] = args;
    switch (expr.op) {
      case 'sqrt':
        return `\\sqrt{${arg}}`;
      case 'cbrt':
        return `\\sqrt[3]{${arg}}`;
      case 'abs':
        return `\\left|${arg}\\right|`;
      case 'floor':
        return `\\left\\lfloor ${arg}\\right\\rfloor`;
      case 'ceil':
        return `\\left\\lceil ${arg}\\right\\rceil`;
      default:
        return `${notation.latex}\\left(${args.join(', ')}\\right)`;
    }
  },
};

/**
 * The unit step relu(sign(x)) (relu's derivative, 0 at 0 as PyTorch takes it) as it is taught:
 * `1[x > 0]`, not as the ops that compute it.
 */
function unitStep(expr: OpSym, print: (e: Sym) => Printed, one: string): Printed | undefined {
  const [inner] = expr.args;
  if (expr.op !== 'relu' || inner?.kind !== 'op' || inner.op !== 'sign') {
    return undefined;
  }
  const [x] = inner.args;
  return x === undefined ? undefined : { text: `${one}[${print(x).text} > 0]`, precedence: ATOM };
}

/** `\frac{a}{b}` (with a leading minus pulled in front) and `x^{…}` with braces, not parentheses. */
function latexSpecial(expr: OpSym, print: (e: Sym) => Printed): Printed | undefined {
  const step = unitStep(expr, print, '\\mathbf{1}');
  if (step !== undefined) {
    return step;
  }
  const [first, second, ...rest] = expr.args;
  if (first === undefined || second === undefined || rest.length > 0) {
    return undefined;
  }
  if (expr.op === 'div') {
    const positive = withoutLeadingMinus(first);
    const fraction = `\\frac{${print(positive ?? first).text}}{${print(second).text}}`;
    return positive === undefined
      ? { text: fraction, precedence: FRACTION }
      : { text: `-${fraction}`, precedence: precedenceOf('neg') };
  }
  if (expr.op === 'pow') {
    const base = print(first);
    const p = precedenceOf('pow');
    const text = base.precedence <= p ? LATEX.parens(base.text) : base.text;
    return { text: `${text}^{${print(second).text}}`, precedence: p };
  }
  return undefined;
}

/** The expression without the minus it is written with first (−x·y → x·y), if any. */
function withoutLeadingMinus(expr: Sym): Sym | undefined {
  if (expr.kind === 'num') {
    return expr.value < 0 ? num(-expr.value) : undefined;
  }
  if (expr.kind !== 'op') {
    return undefined;
  }
  const [first, ...rest] = expr.args;
  if (expr.op === 'neg' && first !== undefined && rest.length === 0) {
    return first;
  }
  if ((expr.op === 'mul' || expr.op === 'div') && first !== undefined) {
    const positive = withoutLeadingMinus(first);
    return positive === undefined ? undefined : call(expr.op, positive, ...rest);
  }
  return undefined;
}

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'zeta',
  'eta',
  'theta',
  'vartheta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'pi',
  'rho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'varphi',
  'chi',
  'psi',
  'omega',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Xi',
  'Pi',
  'Sigma',
  'Upsilon',
  'Phi',
  'Psi',
  'Omega',
]);

/** Greek letters typed as Unicode, e.g. by math-notation front ends. */
const GREEK_BY_CHAR: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
  Γ: 'Gamma',
  Δ: 'Delta',
  Θ: 'Theta',
  Λ: 'Lambda',
  Ξ: 'Xi',
  Π: 'Pi',
  Σ: 'Sigma',
  Υ: 'Upsilon',
  Φ: 'Phi',
  Ψ: 'Psi',
  Ω: 'Omega',
};

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** `w0` → `w_{0}`, `x_1` → `x_{1}`, `alpha` → `\alpha`, `q₂` → `q_{2}`, `lr` → `\mathit{lr}`. */
function latexName(name: string): string {
  const unicodeSubscript = /^(.+?)([₀-₉]+)$/u.exec(name);
  if (unicodeSubscript !== null) {
    const [, base = '', digits = ''] = unicodeSubscript;
    const plain = [...digits].map((digit) => SUBSCRIPT_DIGITS.indexOf(digit)).join('');
    return `${latexWord(base, '\\mathit')}_{${plain}}`;
  }
  const numbered = /^([A-Za-z\u0370-\u03ff]+)_?(\d+)$/u.exec(name);
  if (numbered !== null) {
    const [, base = '', digits = ''] = numbered;
    return `${latexWord(base, '\\mathit')}_{${digits}}`;
  }
  const subscripted = /^([^_]+)_(.+)$/u.exec(name);
  if (subscripted !== null) {
    const [, base = '', subscript = ''] = subscripted;
    return `${latexWord(base, '\\mathit')}_{${latexWord(subscript, '\\mathrm')}}`;
  }
  return latexWord(name, '\\mathit');
}

/** One word: a Greek letter, a single symbol, or a multi-letter word set upright/italic. */
function latexWord(word: string, font: string): string {
  const greek = GREEK.has(word) ? word : GREEK_BY_CHAR[word];
  if (greek !== undefined) {
    return `\\${greek}`;
  }
  const escaped = [...word].map(escapeLatex).join('');
  return [...word].length === 1 || /^\d+$/.test(word) ? escaped : `${font}{${escaped}}`;
}

function escapeLatex(char: string): string {
  switch (char) {
    case '\\':
      return '\\backslash{}';
    case '~':
      return '\\sim{}';
    case '^':
      return '\\wedge{}';
    default:
      return '#$%&_{}'.includes(char) ? `\\${char}` : char;
  }
}
