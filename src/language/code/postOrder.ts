/**
 * A post-order walk with an explicit stack. Syntax trees are as deep as the code is nested, and
 * a long chain such as `x + x + … + x` is a tree as deep as it is long, so no walk over them
 * may recurse.
 */

/** A node whose result needs the results of `children` first. */
export class Expansion<N, T> {
  constructor(
    readonly children: readonly N[],
    /** Combines the children's results; may ask for more children (a branch chosen late). */
    readonly combine: (results: T[]) => T | Expansion<N, T>,
  ) {}
}

export type Visit<N, T> = (node: N) => T | Expansion<N, T>;

type Frame<N, T> = { readonly node: N } | { readonly expansion: Expansion<N, T> };

export function postOrder<N, T>(root: N, visit: Visit<N, T>): T {
  const results: T[] = [];
  const stack: Frame<N, T>[] = [{ node: root }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const step =
      'node' in frame
        ? visit(frame.node)
        : frame.expansion.combine(results.splice(results.length - frame.expansion.children.length));
    if (!(step instanceof Expansion)) {
      results.push(step);
      continue;
    }
    stack.push({ expansion: step });
    for (let i = step.children.length - 1; i >= 0; i--) {
      stack.push({ node: step.children[i] as N });
    }
  }
  if (results.length !== 1) {
    throw new Error('postOrder: unbalanced walk');
  }
  return results[0] as T;
}
