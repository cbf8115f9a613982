/**
 * Names in an expression: function applications (`sin(x)`, `\sin x`, `\sin^2 x`, `max(a, b)`,
 * `σ(x)`), the constants `pi`, `π`, `e`, and variables. A name is a function only when it is
 * a known one; `x(y+1)` is a product.
 */
import { apply, constant, unwrap, type Expr } from './ast';
import { lookupFunction, SUPPORTED_FUNCTIONS, type MathFunction } from './functions';
import type { Grammar } from './grammar';
import { MathError } from './mathError';
import { constantValue, isWordLike } from './names';
import { opSpec } from '../../engine/ops';
import { join, span, type Span } from '../span';
import type { Token } from './tokens';

type NameToken = Token & { kind: 'name' };

export class CallParser {
  constructor(
    private readonly grammar: Grammar,
    private readonly variables: ReadonlySet<string>,
    private readonly definitions: ReadonlySet<string>,
  ) {}

  name(token: NameToken): Expr {
    const fn = this.functionAt(token);
    if (fn !== undefined) {
      return this.application(token, fn);
    }
    const value = constantValue(token.name, this.variables);
    if (value !== undefined) {
      return constant(value, token.name, token);
    }
    this.refuseCall(token);
    return { kind: 'name', name: token.name, span: span(token.from, token.to) };
  }

  superscript(): Expr {
    const token = this.grammar.stream.next() as Token & { kind: 'superscript' };
    return constant(token.value, token.text, token);
  }

  /** The function a name stands for here, if any. */
  private functionAt(token: NameToken): MathFunction | undefined {
    const fn = lookupFunction(token.name);
    if (fn === undefined && token.form === 'operator') {
      throw unknownFunction(token, this.grammar.stream.text(token), false);
    }
    // σ is a name unless called, and once assigned it is a variable even when followed by `(`.
    const called = this.grammar.stream.isOpenParen(this.grammar.stream.peek());
    if (fn?.parensOnly === true && (!called || this.variables.has(token.name))) {
      return undefined;
    }
    return fn;
  }

  /**
   * `name(…)` where name is not a function is a product (`x(y+1)`), except where it can only
   * be meant as a call: a function defined above, a comma inside, or a word-like name written
   * right against its `(` (`cot(x)`).
   */
  private refuseCall(token: NameToken): void {
    const stream = this.grammar.stream;
    const open = stream.peek();
    if (!stream.isOpenParen(open)) {
      return;
    }
    if (this.definitions.has(token.name)) {
      throw new MathError(
        'unsupported',
        `calling \`${token.name}\`, defined above, is not supported: inspect ${token.name} itself, or write its formula here`,
        join(token, open),
      );
    }
    if (this.variables.has(token.name)) {
      return;
    }
    if (this.hasTopLevelComma(stream.index) || (isWordLike(token.name) && open.from === token.to)) {
      throw unknownFunction(token, stream.text(token), true);
    }
  }

  private hasTopLevelComma(openIndex: number): boolean {
    const stream = this.grammar.stream;
    const close = stream.partner(openIndex);
    for (let i = openIndex + 1; i < close; i++) {
      const token = stream.peek(i - stream.index);
      if (token.kind === 'comma') {
        return true;
      }
      if (token.kind === 'open') {
        i = stream.partner(i);
      }
    }
    return false;
  }

  private application(token: NameToken, fn: MathFunction): Expr {
    const stream = this.grammar.stream;
    // One argument (plus optional ones, as leaky_relu's slope) may go without brackets, as in
    // `\sin x`; the n-ary max, min and hypot always take a bracketed list.
    const { min, max } = opSpec(fn.op).arity;
    const unary = min <= 1 && max < Infinity;
    const exponent = unary ? this.functionPower(token) : undefined;
    const next = stream.peek();
    let args: Expr[];
    let end: Span;
    if (next.kind === 'open' && next.bracket !== 'bracket') {
      ({ args, end } = this.grammar.argumentList());
    } else if (unary && this.startsArgument(next)) {
      const argument = this.juxtaposedArgument(token);
      args = [argument];
      end = argument.span;
    } else {
      const shown = stream.text(token);
      const example = unary ? `${token.name}(x)` : `${token.name}(a, b)`;
      throw new MathError(
        'syntax',
        `\`${shown}\` needs ${unary ? 'an argument' : 'arguments'}, as in ${example}`,
        token,
      );
    }
    const whole = join(token, end);
    checkArity(stream.text(token), fn, args.length, whole);
    if (fn.op === 'sigmoid' && fn.parensOnly) {
      stream.notes.add(
        token,
        `\`${stream.text(token)}(…)\` is read as the logistic sigmoid 1/(1 + e^{-x})`,
      );
    }
    const call = apply(fn.op, args, whole);
    return exponent === undefined ? call : apply('pow', [call, exponent], whole);
  }

  private startsArgument(token: Token): boolean {
    return (
      this.grammar.startsFactor(token) ||
      token.kind === 'number' ||
      this.grammar.stream.isOperator(token, '-', '+')
    );
  }

  /** The `^2` of `\sin^2 x`, which squares the result. */
  private functionPower(token: NameToken): Expr | undefined {
    const stream = this.grammar.stream;
    const caret = stream.peek();
    if (caret.kind === 'superscript') {
      return this.superscript();
    }
    if (!stream.isOperator(caret, '^')) {
      return undefined;
    }
    stream.next();
    stream.enter(caret);
    const exponent = this.grammar.primary();
    stream.leave();
    const inner = unwrap(exponent);
    if (inner.kind === 'constant' && inner.value === -1) {
      const written = join(token, exponent.span);
      throw new MathError(
        'unsupported',
        `\`${stream.text(written)}\` (an inverse function) is not supported: write arc${token.name}(x), or (${token.name} x)^{-1} for the reciprocal`,
        written,
      );
    }
    return exponent;
  }

  /** The argument of `\sin 2x`: factors up to the next operator or function (`\sin x \cos x`). */
  private juxtaposedArgument(token: Token): Expr {
    const grammar = this.grammar;
    grammar.stream.enter(token);
    let argument = grammar.operand(true);
    while (grammar.startsFactor(grammar.stream.peek()) && !startsFunction(grammar.stream.peek())) {
      const factor = grammar.operand(false);
      argument = apply('mul', [argument, factor], join(argument.span, factor.span));
    }
    grammar.stream.leave();
    return argument;
  }
}

function startsFunction(token: Token): boolean {
  return token.kind === 'name' && lookupFunction(token.name) !== undefined;
}

function checkArity(shown: string, fn: MathFunction, count: number, at: Span): void {
  const { min, max } = opSpec(fn.op).arity;
  if (count >= min && count <= max) {
    return;
  }
  const arguments_ = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  const wanted =
    min === max
      ? arguments_(min)
      : max === Infinity
        ? `at least ${arguments_(min)}`
        : `${min} to ${max} arguments`;
  throw new MathError(
    'syntax',
    `\`${shown}\` takes ${wanted}, but ${count} ${count === 1 ? 'is' : 'are'} given`,
    at,
  );
}

/** `couldMultiply`: the name might be a variable, so say how to write a product instead. */
function unknownFunction(token: Span, shown: string, couldMultiply: boolean): MathError {
  const product = couldMultiply ? ` To multiply, write ${shown}·(…)` : '';
  return new MathError(
    'unknown-function',
    `\`${shown}\` is not a supported function. Supported: ${SUPPORTED_FUNCTIONS}.${product}`,
    span(token.from, token.to),
  );
}
