/**
 * Which groups (loops, iterations, calls, repeated shapes) the panel draws collapsed: all or
 * none at once, the outermost ones when a graph opens too big to read, and none on the way to a
 * node the user looks for (Find, "Show in graph").
 */
import type { InspectionResult } from '../../engine/result';

/** Above this many drawn nodes a graph opens with its outermost groups collapsed. */
export const COLLAPSE_ABOVE_NODES = 150;

/** Every group of the result. */
export function allGroups(result: InspectionResult): Set<number> {
  return new Set((result.groups ?? []).map((group) => group.id));
}

/**
 * What a newly opened graph draws collapsed: every group when more than COLLAPSE_ABOVE_NODES
 * nodes would be drawn (`hideConstants`: constants are not), else none. The outermost ones are
 * what is seen; opening one shows its inner groups as boxes, not all their nodes at once.
 */
export function openingCollapsed(result: InspectionResult, hideConstants: boolean): Set<number> {
  let drawn = 0;
  for (const node of result.nodes) {
    if (!hideConstants || node.kind !== 'constant') {
      drawn += 1;
    }
  }
  return drawn > COLLAPSE_ABOVE_NODES ? allGroups(result) : new Set();
}

/** The groups holding `node`, innermost first. */
export function groupsAround(result: InspectionResult, node: number): number[] {
  const groups = result.groups ?? [];
  const chain: number[] = [];
  for (let g = result.nodes[node]?.group; g !== undefined; g = groups[g]?.parent) {
    chain.push(g);
  }
  return chain;
}

/** Whether `node` is folded away inside a collapsed group. */
export function isFolded(
  result: InspectionResult,
  collapsed: ReadonlySet<number>,
  node: number,
): boolean {
  return collapsed.size > 0 && groupsAround(result, node).some((group) => collapsed.has(group));
}

/** `collapsed` without the groups around `node`: undefined when none of them was collapsed. */
export function openedTo(
  result: InspectionResult,
  collapsed: ReadonlySet<number>,
  node: number,
): Set<number> | undefined {
  const around = groupsAround(result, node).filter((group) => collapsed.has(group));
  if (around.length === 0) {
    return undefined;
  }
  const opened = new Set(collapsed);
  for (const group of around) {
    opened.delete(group);
  }
  return opened;
}
