/**
 * Values for a function's parameters from a call of it in the file (scalar code): each argument
 * the call gives is folded at the call's place, as values above a selection are, and assigned
 * to its parameter right where the parameters bind — so it wins over the parameter's default,
 * while values typed or annotated still win over it.
 */
import { formatNumber } from '../../engine/format';
import { numberExpr, type Fragment, type Param } from './codeAst';
import { CodeError } from './codeError';
import type { CodeLanguage, DocumentReader, FunctionHeader } from './codeLanguage';
import { argumentsOf } from './callSiteArguments';
import { chooseCallSite } from './callSiteChoice';
import { callSitesOf, type CallSite } from './callSites';
import { callSiteNote } from './callSiteNote';
import { evaluate } from './evaluate';
import { excerpt } from './syntax';
import { namesIn } from './freeNames';
import { valuesInScope } from './constantValues';
import type { FrontEndRequest } from '../frontEnd';
import { scopeBefore, type Scope, type ScopeEvent } from './scopeWalk';
import type { Target } from './selection';
import type { SourceLines } from '../sourceLines';
import { spanOf } from '../span';
import type { SyntaxNode } from './treeSitter';

export interface CallValues {
  /** `param = value` at each argument, to fold right after the parameters bind. */
  readonly events: readonly ScopeEvent[];
  readonly note: string;
  /**
   * The call, when no function encloses it: the function's free names are read when the call
   * runs, so from the code before it.
   */
  readonly topLevelCall?: SyntaxNode;
}

export interface CallSiteContext {
  readonly root: SyntaxNode;
  readonly reader: DocumentReader;
  readonly language: CodeLanguage;
  readonly lines: SourceLines;
  readonly request: FrontEndRequest;
  /** Whether a parameter has a value typed or annotated (which wins over any call). */
  readonly given: (name: string) => boolean;
}

/** The values a call gives `fn`'s parameters, or undefined when no call gives any. */
export function callValues(fn: FunctionHeader, context: CallSiteContext): CallValues | undefined {
  const name = fn.name?.name;
  const open = fn.params.filter((param) => !context.given(param.name.name));
  // A named call is said even when it sets nothing: what a transform called there returns.
  if (name === undefined || (open.length === 0 && context.request.callSite === undefined)) {
    return undefined;
  }
  const sites = callSitesOf(context.root, name, fn.span);
  return chooseCallSite(
    sites,
    context.request.callSite,
    context.lines,
    { name, span: fn.span },
    (site) => valuesAt(site, fn.params, name, context),
  );
}

function valuesAt(
  site: CallSite,
  params: readonly Param[],
  name: string,
  context: CallSiteContext,
): CallValues {
  const dropsExtra = context.language.id !== 'python';
  const values = argumentsOf(site, params, name, dropsExtra)
    .filter(({ param }) => !context.given(param.name.name))
    .map(({ param, value }) => ({
      param,
      node: value,
      value: argumentValue(value, context, site),
    }));
  if (values.length === 0 && context.request.callSite === undefined) {
    // The parameters this call gives have values already: another call may give the others.
    throw new CodeError(
      'unsupported',
      `\`${excerpt(site.call.text)}\` gives no parameter a value`,
      site.span,
    );
  }
  const events = values.map(({ param, node, value }): ScopeEvent => {
    const span = spanOf(node);
    return {
      kind: 'statement',
      depth: 0,
      statement: {
        kind: 'assign',
        target: param.name,
        value: numberExpr(value, formatNumber(value), span),
        span,
      },
    };
  });
  const given = values.map(({ param, value }) => `${param.name.name} = ${formatNumber(value)}`);
  const note = callSiteNote(site, name, given, params, context.lines);
  return insideFunction(site.call, context.reader)
    ? { events, note }
    : { events, note, topLevelCall: site.call };
}

/** An argument's number, folded from the values known where the call is. */
function argumentValue(node: SyntaxNode, context: CallSiteContext, site: CallSite): number {
  const expr = context.reader.expression(node);
  const scope = scopeBefore(site.call, {
    reader: context.reader,
    containers: context.language.syntax.containers,
    source: context.lines.text,
    hoisting: context.language.hoistsFunctions,
    depth: 0,
    wanted: new Set(namesIn(expr)),
  });
  const found = valuesInScope(scope.events, {});
  const value = evaluate(expr, (at) => found.get(at.name)?.value);
  if (value === undefined) {
    throw new CodeError(
      'unknown-name',
      `\`${node.text}\` has no known value at the call`,
      spanOf(node),
    );
  }
  return value;
}

/** `events` with the call's values folded right after the innermost parameters bind. */
export function withCallValues(
  events: readonly ScopeEvent[],
  call: CallValues | undefined,
): readonly ScopeEvent[] {
  const at = events.map((event) => event.kind).lastIndexOf('parameters');
  if (call === undefined || at < 0) {
    return events;
  }
  return [...events.slice(0, at + 1), ...call.events, ...events.slice(at + 1)];
}

/** The function whose parameters a call sets: the one selected, or the one around the selection. */
export function calledFunction(
  fragment: Fragment,
  target: Target,
  reader: DocumentReader,
  scope: Scope,
): FunctionHeader | undefined {
  const [node] = target.nodes;
  const fn =
    fragment.params === undefined || node === undefined ? undefined : reader.functionOf(node);
  return fn === undefined ? scope.enclosingFunction : reader.functionHeader(fn);
}

function insideFunction(node: SyntaxNode, reader: DocumentReader): boolean {
  for (let current = node.parent; current !== null; current = current.parent) {
    if (reader.isFunction(current)) {
      return true;
    }
  }
  return false;
}
