/**
 * The indicator `\mathbb{1}(a > b)`, `\mathbb{1}_{y_i = j}`, `\mathbf{1}\{s > 0\}`: 1 where the
 * comparison holds, 0 elsewhere. The engine has no comparison op, so it is built from `sign`
 * (constant pieces, derivative 0) and `relu` or `abs`, exact at every point including ties.
 */
import { apply, constant, type Expr } from './ast';
import type { Grammar } from './grammar';
import { MathError } from './mathError';
import { join, type Span } from '../span';
import type { CompareSymbol, Token } from './tokens';

const EXAMPLE = '\\mathbb{1}(x > 0)';

export function indicator(grammar: Grammar, token: Token): Expr {
  const stream = grammar.stream;
  const open = stream.peek();
  if (open.kind !== 'open') {
    throw new MathError(
      'syntax',
      `${stream.text(token)} needs its condition in brackets, as in ${EXAMPLE}`,
      token,
    );
  }
  const openIndex = stream.index;
  stream.next();
  stream.enter(open);
  const left = grammar.expression();
  const relation = stream.next();
  if (relation.kind !== 'compare' && relation.kind !== 'equals') {
    return grammar.unexpected(
      relation,
      `expected a comparison (>, <, \\leq, \\geq, =, \\neq) in the condition, as in ${EXAMPLE}`,
    );
  }
  const right = grammar.expression();
  stream.leave();
  if (stream.index !== stream.partner(openIndex)) {
    return grammar.unexpected(stream.peek(), 'expected the end of the condition');
  }
  const whole = join(token, stream.next());
  stream.notes.add(
    whole,
    `\`${stream.text(whole)}\` is an indicator: 1 where the condition holds, 0 elsewhere (its derivative is 0)`,
  );
  return holds(relation.kind === 'compare' ? relation.op : '=', left, right, whole);
}

function holds(op: CompareSymbol | '=', left: Expr, right: Expr, at: Span): Expr {
  const positive = (a: Expr, b: Expr): Expr =>
    apply('relu', [apply('sign', [apply('sub', [a, b], at)], at)], at);
  const not = (expr: Expr): Expr => apply('sub', [constant(1, '1', at), expr], at);
  const differs = apply('abs', [apply('sign', [apply('sub', [left, right], at)], at)], at);
  switch (op) {
    case '>':
      return positive(left, right);
    case '<':
      return positive(right, left);
    case '>=':
      return not(positive(right, left));
    case '<=':
      return not(positive(left, right));
    case '!=':
      return differs;
    case '=':
      return not(differs);
  }
}
