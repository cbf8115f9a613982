/**
 * A call's arguments matched to the parameters of a function defined in the code, as Python
 * and JavaScript match them: positional arguments first, then keywords; a parameter left out
 * takes its default. A mismatch is an error naming the call, never a silent guess (JavaScript
 * would drop an extra argument and pass `undefined` for a missing one).
 */
import type { CallExpr, Expr, Param } from './codeAst';
import { CodeError } from './codeError';
import type { Span } from '../span';

/** What a parameter receives: the node of an argument, or its default, still to compute. */
export type Received = { readonly param: Param } & (
  | { readonly kind: 'argument'; readonly node: number }
  | { readonly kind: 'default'; readonly expr: Expr }
);

/**
 * `nodes` holds the positional arguments' nodes, then the keyword arguments', as written;
 * `name` is the function's, for messages.
 */
export function matchArguments(
  name: string,
  params: readonly Param[],
  call: CallExpr,
  nodes: readonly number[],
): Received[] {
  const slots = positional(name, params, call, nodes);
  call.keywords.forEach((keyword, i) => {
    const index = keywordIndex(name, params, keyword.name.name, keyword.span);
    if (slots[index] !== undefined) {
      throw argumentError(`\`${name}\` is given \`${keyword.name.name}\` twice`, keyword.span);
    }
    slots[index] = nodes[call.args.length + i];
  });
  return params.map((param, i) => received(name, param, slots[i], call.span));
}

function positional(
  name: string,
  params: readonly Param[],
  call: CallExpr,
  nodes: readonly number[],
): (number | undefined)[] {
  const byPosition = params.filter((param) => param.passing !== 'keyword');
  if (call.args.length > byPosition.length) {
    const names = byPosition.map((param) => param.name.name).join(', ');
    const takes =
      byPosition.length === 0
        ? 'takes no positional arguments'
        : `takes ${count(byPosition.length)} (${names})`;
    throw argumentError(`\`${name}\` ${takes}, but the call gives ${call.args.length}`, call.span);
  }
  return params.map((_, i) => (i < call.args.length ? nodes[i] : undefined));
}

function keywordIndex(name: string, params: readonly Param[], keyword: string, span: Span): number {
  const index = params.findIndex((param) => param.name.name === keyword);
  if (index < 0) {
    throw argumentError(`\`${name}\` has no parameter \`${keyword}\``, span);
  }
  if (params[index]?.passing === 'positional') {
    throw argumentError(`\`${name}\`'s \`${keyword}\` can only be given by position`, span);
  }
  return index;
}

function received(name: string, param: Param, node: number | undefined, span: Span): Received {
  if (node !== undefined) {
    return { param, kind: 'argument', node };
  }
  if (param.default === undefined) {
    throw argumentError(
      `the call of \`${name}\` leaves out \`${param.name.name}\`, which has no default`,
      span,
    );
  }
  return { param, kind: 'default', expr: param.default };
}

function count(n: number): string {
  return `${n} argument${n === 1 ? '' : 's'}`;
}

function argumentError(message: string, span: Span): CodeError {
  return new CodeError('unsupported', message, span);
}
