/**
 * Which call gives a function's parameters their values: the one the request names (the
 * editor's "inspect at this call"), else the first in the file whose arguments can be read.
 */
import type { SourceRange } from '../../engine/ir';
import { CodeError } from './codeError';
import type { CallSite } from './callSites';
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';

/**
 * `read` turns a site into what the caller needs, throwing a CodeError when its arguments
 * cannot be read: a named site's error is the answer; otherwise the next site is tried.
 */
export function chooseCallSite<T>(
  sites: readonly CallSite[],
  named: SourceRange | undefined,
  lines: SourceLines,
  context: { readonly name: string; readonly span: Span },
  read: (site: CallSite) => T,
): T | undefined {
  if (named !== undefined) {
    return read(namedSite(sites, named, lines, context));
  }
  for (const site of sites) {
    try {
      return read(site);
    } catch (error) {
      if (!(error instanceof CodeError)) {
        throw error;
      }
    }
  }
  return undefined;
}

/** The innermost call of the function that the named range lies in or covers. */
function namedSite(
  sites: readonly CallSite[],
  named: SourceRange,
  lines: SourceLines,
  context: { readonly name: string; readonly span: Span },
): CallSite {
  const from = lines.offsetAt(named.start) ?? -1;
  const to = lines.offsetAt(named.end) ?? -1;
  const overlapping = sites.filter((site) => site.span.from <= to && from <= site.span.to);
  const innermost = overlapping.sort(
    (a, b) => a.span.to - a.span.from - (b.span.to - b.span.from),
  )[0];
  if (innermost === undefined) {
    throw new CodeError(
      'selection',
      `there is no call of \`${context.name}\` at line ${named.start.line + 1} to take its values from`,
      context.span,
    );
  }
  return innermost;
}
