/**
 * A scalar result in the form the panel draws it: a graph of more than
 * SHAPE_GROUPS_ABOVE_NODES nodes with its repeated shapes grouped (repeatedShapes.ts), so that
 * it opens as a few boxes; a smaller graph is readable as it is (boxes would only crowd it).
 * Made once per inspection, where the panel's data is made (the worker's panel JSON, the
 * host's snapshot): the page draws the groups it receives and finds none itself.
 */
import type { InspectionResult } from '../engine/result';
import { withRepeatedShapes } from './repeatedShapes';

/**
 * The panel's COLLAPSE_ABOVE_NODES (present/graph/groupFolding.ts, a layer this one may not
 * import; a test keeps the two equal): boxes are worth finding where the graph opens collapsed.
 */
export const SHAPE_GROUPS_ABOVE_NODES = 150;

export function scalarPanelResult(result: InspectionResult): InspectionResult {
  return result.nodes.length <= SHAPE_GROUPS_ABOVE_NODES ? result : withRepeatedShapes(result);
}
