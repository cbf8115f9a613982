/**
 * A call site's arguments matched to the parameters of the function it calls, as the language
 * binds them: positional arguments first, then Python's keywords; a parameter left out takes
 * its default (left to the code's own default). JavaScript drops extra arguments; Python
 * refuses them. `*args` and `**kwargs` at the call are refused: what they hold is not read.
 */
import type { Param } from './codeAst';
import { CodeError } from './codeError';
import { excerpt, field } from './syntax';
import type { CallSite } from './callSites';
import { spanOf } from '../span';
import type { SyntaxNode } from './treeSitter';

/** A parameter as both readers give it: its name, whether it has a default, how it is passed. */
export type ParamLike = Pick<Param, 'name' | 'passing'> & { readonly default?: unknown };

export interface CallArgument<P extends ParamLike> {
  readonly param: P;
  /** The argument's value expression. */
  readonly value: SyntaxNode;
}

const SPREADS = new Set(['list_splat', 'dictionary_splat', 'spread_element']);

/** The parameters the call gives, in parameter order. */
export function argumentsOf<P extends ParamLike>(
  site: CallSite,
  params: readonly P[],
  name: string,
  dropsExtra: boolean,
): CallArgument<P>[] {
  const given = new Map<P, SyntaxNode>();
  const byPosition = params.filter((param) => param.passing !== 'keyword');
  let position = 0;
  for (const arg of site.args) {
    if (SPREADS.has(arg.type)) {
      throw refusal(
        `the call \`${excerpt(site.call.text)}\` passes \`${excerpt(arg.text)}\`, whose items are not read`,
        arg,
      );
    }
    if (arg.type === 'keyword_argument') {
      keyword(arg, params, name, given);
      continue;
    }
    const param = byPosition[position];
    position += 1;
    if (param === undefined) {
      if (dropsExtra) {
        continue;
      }
      throw refusal(
        `\`${name}\` takes ${byPosition.length} positional arguments, but \`${excerpt(site.call.text)}\` gives ${position}`,
        arg,
      );
    }
    given.set(param, arg);
  }
  for (const param of params) {
    if (!given.has(param) && param.default === undefined) {
      throw refusal(
        `\`${excerpt(site.call.text)}\` leaves out \`${param.name.name}\`, which has no default`,
        site.call,
      );
    }
  }
  return params.flatMap((param) => {
    const value = given.get(param);
    return value === undefined ? [] : [{ param, value }];
  });
}

function keyword<P extends ParamLike>(
  arg: SyntaxNode,
  params: readonly P[],
  name: string,
  given: Map<P, SyntaxNode>,
): void {
  const keywordName = field(arg, 'name')?.text;
  const value = field(arg, 'value');
  const param = params.find((candidate) => candidate.name.name === keywordName);
  if (param === undefined || value === undefined) {
    throw refusal(`\`${name}\` has no parameter \`${keywordName ?? arg.text}\``, arg);
  }
  if (param.passing === 'positional' || given.has(param)) {
    throw refusal(
      `\`${name}\` cannot be given \`${param.name.name}\` by \`${excerpt(arg.text)}\``,
      arg,
    );
  }
  given.set(param, value);
}

function refusal(message: string, node: SyntaxNode): CodeError {
  return new CodeError('unsupported', message, spanOf(node));
}
