/** `\frac{a}{b}`, `\sqrt{x}` and `\sqrt[n]{x}` (read as x^(1/n)). */
import { apply, constant, unwrap, type Expr } from './ast';
import type { Grammar } from './grammar';
import { MathError } from './mathError';
import { join } from '../span';
import type { Token } from './tokens';

export function frac(grammar: Grammar, token: Token): Expr {
  const numerator = latexArgument(grammar, token, '\\frac{a}{b}');
  const denominator = latexArgument(grammar, token, '\\frac{a}{b}');
  return apply('div', [numerator, denominator], join(token, denominator.span));
}

export function sqrt(grammar: Grammar, token: Token): Expr {
  const stream = grammar.stream;
  const open = stream.peek();
  if (open.kind !== 'open' || open.bracket !== 'bracket') {
    const radicand = latexArgument(grammar, token, '\\sqrt{x}');
    return apply('sqrt', [radicand], join(token, radicand.span));
  }
  stream.next();
  const degree = grammar.group(open);
  const radicand = latexArgument(grammar, token, '\\sqrt[n]{x}');
  const inner = unwrap(degree);
  const exponent =
    inner.kind === 'constant'
      ? constant(1 / inner.value, `1/${inner.text}`, inner.span)
      : apply('div', [constant(1, '1', degree.span), degree], degree.span);
  return apply('pow', [radicand, exponent], join(token, radicand.span));
}

/** A `{…}` argument, or a single number or name as LaTeX allows (`\frac1x`, `\sqrt x`). */
function latexArgument(grammar: Grammar, command: Token, example: string): Expr {
  const stream = grammar.stream;
  const next = stream.peek();
  if (next.kind === 'open' && next.bracket === 'brace') {
    stream.next();
    return grammar.group(next);
  }
  if (next.kind === 'number' || next.kind === 'name') {
    stream.enter(command);
    const argument = grammar.primary();
    stream.leave();
    return argument;
  }
  const shown = stream.text(command);
  const at = next.kind === 'end' || next.kind === 'separator' ? command : join(command, next);
  throw new MathError('syntax', `${shown} needs its arguments in braces, as in ${example}`, at);
}
