/**
 * The expression grammar:
 *
 *   sum      = product (("+" | "-") product)*
 *   product  = operand (("*" | "/") operand | factor)*
 *   operand  = sign* power ("^" sign* power)*      — 2^3^2 is 2^9, -x^2 is -(x^2), 2^-x
 *   power    = primary superscript*                — x²
 *   primary  = number | name | call | (…) […] {…} | |…| | \frac | \sqrt | √
 *
 * Implicit multiplication: a factor — a name, bracket, function, `\frac`, `\sqrt` or `√`
 * right after an operand — multiplies it at the precedence of `*` (`2x`, `(x+y)z`, `x y`,
 * `2 sin(x)`). A number there is an error (`x 2`, `2 3`): it is most often a typo.
 *
 * Signs and power towers are read in loops; only brackets, arguments and the like recurse,
 * each step through TokenStream.enter, so the depth is bounded and the stack stays safe.
 */
import { apply, constant, unwrap, type Expr } from './ast';
import { CallParser } from './callParser';
import type { Grammar } from './grammar';
import { indicator } from './indicator';
import { frac, sqrt } from './latexForms';
import { MathError } from './mathError';
import { join, span, type Span } from '../span';
import type { TokenStream } from './tokenStream';
import { bracketText, type Token } from './tokens';

export class ExpressionParser implements Grammar {
  /** Inside `|…|` a `|` closes rather than starting a new absolute value. */
  private insideBars = false;
  private readonly calls: CallParser;

  constructor(
    readonly stream: TokenStream,
    /** Assigned names and parameters: `e` and `pi` among them are no longer constants. */
    variables: ReadonlySet<string>,
    /** Names defined as `f(x) = …`, which cannot be called. */
    definitions: ReadonlySet<string>,
  ) {
    this.calls = new CallParser(this, variables, definitions);
  }

  expression(): Expr {
    const stream = this.stream;
    let left = this.product();
    while (stream.isOperator(stream.peek(), '+', '-')) {
      const op = stream.next();
      const right = this.product();
      left = apply(
        stream.isOperator(op, '+') ? 'add' : 'sub',
        [left, right],
        join(left.span, right.span),
      );
    }
    return left;
  }

  /** A product: the body of `\sum` and `\prod` runs to the next `+` or `-`. */
  product(): Expr {
    const stream = this.stream;
    let left = this.operand(true);
    for (;;) {
      const token = stream.peek();
      let right: Expr;
      let op: 'mul' | 'div' = 'mul';
      if (stream.isOperator(token, '*', '/')) {
        stream.next();
        op = stream.isOperator(token, '/') ? 'div' : 'mul';
        right = this.operand(true);
      } else if (this.startsFactor(token)) {
        right = this.operand(false);
      } else {
        return left;
      }
      left = apply(op, [left, right], join(left.span, right.span));
    }
  }

  operand(signed: boolean): Expr {
    const stream = this.stream;
    const tower: { signs: Token[]; base: Expr }[] = [];
    let signs = signed ? this.signs() : [];
    for (;;) {
      tower.push({ signs, base: this.power() });
      if (!stream.isOperator(stream.peek(), '^')) {
        break;
      }
      stream.next();
      signs = this.signs();
    }
    // Fold from the top of the tower down: each level's signs apply to the power above it.
    const top = tower.pop() as { signs: Token[]; base: Expr };
    let result = withSigns(top.signs, top.base);
    for (let level = tower.pop(); level !== undefined; level = tower.pop()) {
      result = withSigns(level.signs, raise(level.base, result));
    }
    return result;
  }

  private signs(): Token[] {
    const signs: Token[] = [];
    while (this.stream.isOperator(this.stream.peek(), '+', '-')) {
      signs.push(this.stream.next());
    }
    return signs;
  }

  private power(): Expr {
    let base = this.primary();
    while (this.stream.peek().kind === 'superscript') {
      base = raise(base, this.calls.superscript());
    }
    if (this.stream.peek().kind === 'transpose') {
      return this.dot(base, this.stream.next());
    }
    return base;
  }

  /** `x^\top y`: both sides named lists. */
  private dot(left: Expr, transpose: Token): Expr {
    const right = this.primary();
    const l = unwrap(left);
    const r = unwrap(right);
    if (l.kind !== 'name' || r.kind !== 'name') {
      throw new MathError(
        'unsupported',
        `\`${this.stream.text(join(left.span, right.span))}\`: a transpose is read between two named lists, as in x^\\top y with at: x=[1, 2], y=[3, 4]`,
        join(left.span, transpose),
      );
    }
    return { kind: 'dot', left: l, right: r, span: join(left.span, right.span) };
  }

  /** `\sum_{i=1}^{3} w_i x_i`: the body is the product after the head. */
  private bigOperator(token: Token & { kind: 'bigop' }): Expr {
    const stream = this.stream;
    if (!this.startsFactor(stream.peek()) && stream.peek().kind !== 'number') {
      return this.unexpected(stream.peek(), `expected the terms of \\${token.op} after its head`);
    }
    stream.enter(token);
    const body = this.product();
    stream.leave();
    return {
      kind: 'bigop',
      op: token.op,
      index: { name: token.index, span: token.indexAt },
      range: token.range,
      body,
      head: token,
      span: join(token, body.span),
    };
  }

  /** `\|w\|`, then `^2` makes it the sum of squares (no square root squared). */
  private norm(open: Token): Expr {
    const stream = this.stream;
    const name = stream.next();
    const close = stream.next();
    if (name.kind !== 'name' || close.kind !== 'norm') {
      throw new MathError(
        'unsupported',
        'a norm is read around one named list, as in \\|w\\|^2 with at: w=[1, 2, 3]',
        join(open, close),
      );
    }
    const list = { name: name.name, span: span(name.from, name.to) };
    const caret = stream.peek();
    const two = stream.peek(1);
    if (stream.isOperator(caret, '^') && two.kind === 'number' && two.value === 2) {
      stream.next();
      stream.next();
      return { kind: 'norm', list, squared: true, span: join(open, two) };
    }
    if (caret.kind === 'superscript' && caret.value === 2) {
      stream.next();
      return { kind: 'norm', list, squared: true, span: join(open, caret) };
    }
    return { kind: 'norm', list, squared: false, span: join(open, close) };
  }

  primary(): Expr {
    const stream = this.stream;
    const token = stream.next();
    switch (token.kind) {
      case 'number':
        return constant(token.value, token.text, token);
      case 'name':
        return this.calls.name(token);
      case 'open':
        return this.group(token);
      case 'bar':
        return this.bars(token);
      case 'bigop':
        return this.bigOperator(token);
      case 'norm':
        return this.norm(token);
      case 'frac':
        return frac(this, token);
      case 'indicator':
        return indicator(this, token);
      case 'sqrt':
        return sqrt(this, token);
      case 'radical': {
        stream.enter(token);
        const operand = this.operand(true);
        stream.leave();
        return apply(token.op, [operand], join(token, operand.span));
      }
      default:
        return this.unexpected(token, 'expected a number, a name or an opening bracket');
    }
  }

  startsFactor(token: Token): boolean {
    switch (token.kind) {
      case 'name':
      case 'open':
      case 'frac':
      case 'sqrt':
      case 'radical':
      case 'bigop':
      case 'norm':
      case 'indicator':
        return true;
      case 'bar':
        return !this.insideBars;
      default:
        return false;
    }
  }

  group(open: Token & { kind: 'open' }): Expr {
    const stream = this.stream;
    const openIndex = stream.index - 1;
    if (stream.index === stream.partner(openIndex)) {
      const close = stream.next();
      throw new MathError(
        'syntax',
        `empty brackets \`${stream.text(join(open, close))}\`: put an expression inside`,
        join(open, close),
      );
    }
    const outside = this.enterBrackets(open);
    const inner = this.expression();
    this.leaveBrackets(outside);
    const end = this.close(openIndex, 'an operator');
    return { kind: 'group', inner, span: join(open, end) };
  }

  argumentList(): { args: Expr[]; end: Span } {
    const stream = this.stream;
    const openIndex = stream.index;
    const open = stream.next();
    const args: Expr[] = [];
    if (stream.index !== stream.partner(openIndex)) {
      const outside = this.enterBrackets(open);
      args.push(this.expression());
      while (stream.peek().kind === 'comma') {
        stream.next();
        args.push(this.expression());
      }
      this.leaveBrackets(outside);
    }
    return { args, end: this.close(openIndex, 'a `,` between arguments') };
  }

  /** Brackets nest one level deeper, and a `|` inside them opens a new absolute value. */
  private enterBrackets(open: Token): boolean {
    this.stream.enter(open);
    const outside = this.insideBars;
    this.insideBars = false;
    return outside;
  }

  private leaveBrackets(outside: boolean): void {
    this.insideBars = outside;
    this.stream.leave();
  }

  /** Consumes the closing bracket of the opener at `openIndex`, or reports what stands before it. */
  private close(openIndex: number, expected: string): Span {
    const stream = this.stream;
    if (stream.index !== stream.partner(openIndex)) {
      const open = stream.peek(openIndex - stream.index) as Token & { kind: 'open' };
      return this.unexpected(
        stream.peek(),
        `expected ${expected} or \`${bracketText('close', open.bracket)}\``,
      );
    }
    return stream.next();
  }

  private bars(open: Token): Expr {
    const stream = this.stream;
    stream.enter(open);
    const outside = this.insideBars;
    this.insideBars = true;
    const inner = this.expression();
    this.insideBars = outside;
    stream.leave();
    const close = stream.peek();
    if (close.kind !== 'bar') {
      throw new MathError(
        'syntax',
        'this `|` is never closed: write |x| for the absolute value',
        open,
      );
    }
    stream.next();
    return apply('abs', [inner], join(open, close));
  }

  /** Reports `token` where something else was expected; at the end of input, points before it. */
  unexpected(token: Token, expected: string): never {
    const stream = this.stream;
    if (token.kind === 'end' || token.kind === 'separator') {
      const before = stream.previous() ?? token;
      throw new MathError(
        'syntax',
        `the formula ends after \`${stream.text(before)}\`: ${expected}`,
        before,
      );
    }
    throw new MathError(
      'syntax',
      `unexpected \`${stream.text(token)}\`: ${hint(token) ?? expected}`,
      token,
    );
  }
}

/** a^b, and e^x as exp(x) so the graph shows the exponential, not a power of 2.718… */
export function raise(base: Expr, exponent: Expr): Expr {
  const whole = join(base.span, exponent.span);
  return base.kind === 'constant' && base.text === 'e'
    ? apply('exp', [exponent], whole)
    : apply('pow', [base, exponent], whole);
}

/** Applies signs innermost first. A negative number is one constant: `-2x` has the factor −2. */
function withSigns(signs: readonly Token[], operand: Expr): Expr {
  let result = operand;
  for (let i = signs.length - 1; i >= 0; i--) {
    const sign = signs[i] as Token & { kind: 'operator' };
    const whole = join(sign, result.span);
    if (sign.op === '+') {
      result = { kind: 'group', inner: result, span: whole };
    } else if (result.kind === 'constant') {
      result = constant(-result.value, `-${result.text}`, whole);
    } else {
      result = apply('neg', [result], whole);
    }
  }
  return result;
}

function hint(token: Token): string | undefined {
  switch (token.kind) {
    case 'number':
      return 'a number right after a factor needs an operator, e.g. 2*3 or x^2';
    case 'equals':
      return 'only a name (q = …) or a function head (f(x, y) = …) can be assigned';
    case 'comma':
      return 'a comma separates the arguments of a function call, as in max(a, b)';
    case 'superscript':
      return 'a superscript must follow what it raises, as in x²';
    default:
      return undefined;
  }
}
