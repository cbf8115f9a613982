/**
 * A scalar result in the form the panel draws it: a graph of more than
 * SHAPE_GROUPS_ABOVE_NODES nodes with its repeated shapes grouped (repeatedShapes.ts), so that
 * it opens as a few boxes; a smaller graph is readable as it is (boxes would only crowd it).
 * Made once per inspection, where the panel's data is made (the worker's panel JSON, the
 * host's snapshot): the page draws the groups it receives and finds none itself. A result of
 * the same structure as the last one grouped here (a live update: new values, the same code)
 * takes that one's groups without looking for them again.
 */
import type { InspectionResult, NodeView } from '../engine/result';
import { withRepeatedShapes } from './repeatedShapes';

/**
 * The panel's COLLAPSE_ABOVE_NODES (present/graph/groupFolding.ts, a layer this one may not
 * import; a test keeps the two equal): boxes are worth finding where the graph opens collapsed.
 */
export const SHAPE_GROUPS_ABOVE_NODES = 150;

/** The last result grouped here, and it grouped (itself when no shape repeats). */
let last: { readonly result: InspectionResult; readonly grouped: InspectionResult } | undefined;

export function scalarPanelResult(result: InspectionResult): InspectionResult {
  if (result.nodes.length <= SHAPE_GROUPS_ABOVE_NODES) {
    return result;
  }
  if (last !== undefined && sameStructure(last.result, result)) {
    return last.grouped === last.result ? result : withGroupsOf(last.grouped, result);
  }
  const grouped = withRepeatedShapes(result);
  last = { result, grouped };
  return grouped;
}

/** `result` with the groups of repeated shapes `grouped` (of the same structure) was given. */
function withGroupsOf(grouped: InspectionResult, result: InspectionResult): InspectionResult {
  const own = result.groups ?? [];
  const groups = [...own, ...(grouped.groups ?? []).slice(own.length)];
  const nodes = result.nodes.map((node, id) => {
    const group = grouped.nodes[id]?.group;
    return group === node.group ? node : { ...node, group };
  });
  return { ...result, nodes, groups };
}

/** Whether the two have the same nodes and groups in all that repeatedShapes.ts reads. */
function sameStructure(a: InspectionResult, b: InspectionResult): boolean {
  if (a.nodes.length !== b.nodes.length || !sameGroups(a, b)) {
    return false;
  }
  return a.nodes.every((node, id) => sameNode(node, b.nodes[id]!));
}

function sameNode(a: NodeView, b: NodeView): boolean {
  return (
    a.kind === b.kind &&
    a.symbol === b.symbol &&
    a.label === b.label &&
    a.name === b.name &&
    a.version === b.version &&
    a.group === b.group &&
    a.operands.length === b.operands.length &&
    a.operands.every((operand, i) => operand === b.operands[i])
  );
}

function sameGroups(a: InspectionResult, b: InspectionResult): boolean {
  const one = a.groups ?? [];
  const other = b.groups ?? [];
  return (
    one.length === other.length &&
    one.every(
      (group, i) =>
        group.label === other[i]!.label &&
        group.parent === other[i]!.parent &&
        group.kind === other[i]!.kind,
    )
  );
}
