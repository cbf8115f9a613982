/**
 * The values of the index of `\sum_j` (no bounds): the subscripts of the elements given for the
 * lists its body indexes by j. `\sum_j e^{f_j}` with `at: f=[1, 2, 3]` runs over j = 1, 2, 3;
 * every list indexed by j must have the same subscripts.
 */
import type { Expr } from './ast';
import { MathError } from './mathError';
import { namesUsed } from './namesUsed';
import type { Span } from '../span';

export function elementRange(
  index: string,
  body: Expr,
  known: ReadonlyMap<string, number>,
  head: Span,
  headText: string,
): number[] {
  const lists = [...namesUsed(body)].flatMap((name) => {
    const parts = name.split('_');
    const at = parts.indexOf(index);
    return at > 0 && at === parts.length - 1 ? [parts.slice(0, at).join('_')] : [];
  });
  if (lists.length === 0) {
    throw new MathError(
      'unsupported',
      `\`${headText}\` has no bounds and its terms index no list by ${index}: write the bounds, as in \\sum_{${index}=1}^{3}`,
      head,
    );
  }
  let found: { list: string; values: number[] } | undefined;
  for (const list of new Set(lists)) {
    const values = subscriptsGiven(list, known);
    if (values.length === 0) {
      throw new MathError(
        'unknown-name',
        `\`${headText}\` runs over the elements of \`${list}\`, and none is given: give them, e.g. at: ${list}=[1, 2, 3]`,
        head,
        [list],
      );
    }
    if (found !== undefined && values.join(',') !== found.values.join(',')) {
      throw new MathError(
        'unsupported',
        `\`${headText}\` runs over the elements given, but \`${found.list}\` has ${elements(found.list, found.values)} and \`${list}\` has ${elements(list, values)}: write the bounds`,
        head,
      );
    }
    found = { list, values };
  }
  return found?.values ?? [];
}

function elements(list: string, values: readonly number[]): string {
  return values.map((value) => `${list}_${value}`).join(', ');
}

/** The whole-number subscripts n of the known values `list_n`, in order. */
function subscriptsGiven(list: string, known: ReadonlyMap<string, number>): number[] {
  const prefix = `${list}_`;
  const values: number[] = [];
  for (const name of known.keys()) {
    const rest = name.slice(prefix.length);
    if (name.startsWith(prefix) && /^-?\d+$/.test(rest)) {
      values.push(Number(rest));
    }
  }
  return values.sort((a, b) => a - b);
}
