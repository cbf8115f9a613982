/**
 * Statements: `expr`, `name = expr`, `f(x, y, z) = expr`, separated by line breaks, `;` or
 * LaTeX's `\\`. The parser keeps track of which names are variables so far, because that
 * decides whether `e` is Euler's number and whether `f(…)` is a call.
 */
import type { Expr, NameAt, Statement } from './ast';
import { ExpressionParser } from './expressionParser';
import { lookupFunction } from './functions';
import { MathError } from './mathError';
import { span } from '../span';
import type { TokenStream } from './tokenStream';
import type { Token } from './tokens';

export function parse(stream: TokenStream): Statement[] {
  return new StatementParser(stream).statements();
}

class StatementParser {
  private readonly variables = new Set<string>();
  private readonly definitions = new Set<string>();
  private readonly expressions: ExpressionParser;

  constructor(private readonly stream: TokenStream) {
    this.expressions = new ExpressionParser(stream, this.variables, this.definitions);
  }

  statements(): Statement[] {
    const stream = this.stream;
    const statements: Statement[] = [];
    for (;;) {
      while (stream.peek().kind === 'separator' || stream.peek().kind === 'arrow') {
        stream.next();
      }
      if (stream.peek().kind === 'end') {
        return statements;
      }
      statements.push(this.statement());
      const after = stream.peek();
      if (after.kind !== 'separator' && after.kind !== 'end' && after.kind !== 'arrow') {
        this.expressions.unexpected(after, 'expected an operator, or the end of the line');
      }
    }
  }

  private statement(): Statement {
    const head = this.definitionHead();
    if (head !== undefined) {
      for (const param of head.params) {
        this.variables.add(param.name);
      }
      const expr = this.expressions.expression();
      const forms = this.equalForms();
      this.variables.add(head.target.name);
      this.definitions.add(head.target.name);
      return { kind: 'definition', ...head, expr, forms };
    }
    const target = this.assignmentHead();
    if (target !== undefined) {
      const expr = this.expressions.expression();
      const forms = this.equalForms();
      this.variables.add(target.name);
      this.definitions.delete(target.name);
      return { kind: 'assignment', target, expr, forms };
    }
    // `x + y = z` names nothing: an equation, not a chain of forms of one formula.
    return { kind: 'expression', expr: this.expressions.expression(), forms: [] };
  }

  /**
   * `= b = c`, `\\ &= b` on the next line of an `aligned` block, or `\rightarrow b`: more
   * forms of the same formula. An arrow before a new head (`\Rightarrow g = …`) starts a
   * new statement instead.
   */
  private equalForms(): Expr[] {
    const stream = this.stream;
    const forms: Expr[] = [];
    for (;;) {
      let ahead = 0;
      while (stream.peek(ahead).kind === 'separator') {
        ahead++;
      }
      const mark = stream.peek(ahead);
      if (mark.kind !== 'equals' && mark.kind !== 'arrow') {
        return forms;
      }
      const index = stream.index;
      stream.index += ahead + 1;
      if (mark.kind === 'arrow' && this.startsHead()) {
        stream.index = index;
        return forms;
      }
      if (mark.kind === 'arrow' && this.skipOtherEquation(mark)) {
        return forms;
      }
      forms.push(this.expressions.expression());
    }
  }

  /**
   * `f(x) = \frac{1}{x} \rightarrow \frac{df}{dx} = -1/x^2` (CS231n's table of derivatives):
   * after the arrow stands another equation, about something else. It is passed over, and
   * the note says so.
   */
  private skipOtherEquation(arrow: Token): boolean {
    const stream = this.stream;
    let end = stream.index;
    let equation = false;
    for (let token = stream.peek(end - stream.index); ; token = stream.peek(end - stream.index)) {
      if (token.kind === 'separator' || token.kind === 'end' || token.kind === 'arrow') {
        break;
      }
      equation ||= token.kind === 'equals';
      end = token.kind === 'open' ? stream.partner(end) + 1 : end + 1;
    }
    if (!equation) {
      return false;
    }
    const first = stream.peek();
    const last = stream.peek(end - 1 - stream.index);
    stream.index = end;
    const skipped = span(first.from, last.to);
    stream.notes.dropWithin(skipped);
    stream.notes.add(
      skipped,
      `\`${stream.text(skipped)}\` after \`${stream.text(arrow)}\` is another equation: not read`,
    );
    return true;
  }

  private startsHead(): boolean {
    const stream = this.stream;
    const name = stream.peek();
    if (name.kind !== 'name') {
      return false;
    }
    if (stream.peek(1).kind === 'equals') {
      return true;
    }
    const openIndex = stream.index + 1;
    if (!stream.isOpenParen(stream.peek(1))) {
      return false;
    }
    return stream.peek(stream.partner(openIndex) + 1 - stream.index).kind === 'equals';
  }

  /** `name =`, consumed when present. */
  private assignmentHead(): NameAt | undefined {
    const stream = this.stream;
    const name = stream.peek();
    if (name.kind !== 'name' || stream.peek(1).kind !== 'equals') {
      return undefined;
    }
    const fn = lookupFunction(name.name);
    if (fn !== undefined && !fn.parensOnly) {
      throw new MathError(
        'syntax',
        `\`${stream.text(name)}\` is a function name; assign to another name`,
        name,
      );
    }
    stream.index += 2;
    return nameAt(name);
  }

  /** `f(x, y) =`, consumed when present. */
  private definitionHead(): { target: NameAt; params: NameAt[] } | undefined {
    const stream = this.stream;
    const name = stream.peek();
    const openIndex = stream.index + 1;
    if (name.kind !== 'name' || !stream.isOpenParen(stream.peek(1))) {
      return undefined;
    }
    const closeIndex = stream.partner(openIndex);
    if (stream.peek(closeIndex + 1 - stream.index).kind !== 'equals') {
      return undefined;
    }
    const params = this.parameters(openIndex + 1, closeIndex);
    if (params === undefined) {
      return undefined;
    }
    stream.index = closeIndex + 2;
    return { target: nameAt(name), params };
  }

  /** The names between the brackets of a head, or undefined when it holds anything else. */
  private parameters(from: number, to: number): NameAt[] | undefined {
    // `x, y, z` has an odd number of tokens; an even count means a trailing comma.
    if (to > from && (to - from) % 2 === 0) {
      return undefined;
    }
    const params: NameAt[] = [];
    for (let i = from; i < to; i += 2) {
      const token = this.stream.peek(i - this.stream.index);
      const separator = this.stream.peek(i + 1 - this.stream.index);
      if (token.kind !== 'name' || (i + 1 < to && separator.kind !== 'comma')) {
        return undefined;
      }
      if (params.some((param) => param.name === token.name)) {
        throw new MathError('syntax', `the parameter \`${token.name}\` appears twice`, token);
      }
      params.push(nameAt(token));
    }
    return params;
  }
}

function nameAt(token: Token & { kind: 'name' }): NameAt {
  return { name: token.name, span: span(token.from, token.to) };
}
