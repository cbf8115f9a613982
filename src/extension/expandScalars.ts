/**
 * The host's answer to the panel's `expandScalars`: the document's tensor result expanded to
 * its scalar graph (engine/tensor/scalarExpansion.ts) as a scalar inspection the page draws
 * with its scalar views, or why it cannot be. Made only when the page asks, so a tensor result
 * costs nothing more until then. No vscode import: tested in Node.
 */
import { expandToScalars } from '../engine/tensor/scalarExpansion';
import type { DocumentInspection } from '../present/inspection';
import type { PanelScalarExpansion } from '../protocol/protocol';

export function scalarExpansionOf(
  entry: DocumentInspection | undefined,
  fileName: string,
): PanelScalarExpansion {
  if (entry === undefined) {
    return { kind: 'refused', reason: 'Nothing is inspected to expand.' };
  }
  if (entry.kind !== 'tensor') {
    return { kind: 'refused', reason: 'This result is already in scalars.' };
  }
  const expansion = expandToScalars(entry.program.graph, entry.result);
  if (!expansion.ok) {
    return { kind: 'refused', reason: expansion.reason };
  }
  return {
    kind: 'expanded',
    inspection: {
      uri: entry.uri,
      fileName,
      result: expansion.result,
      values: expansion.scalarized.values,
      ...(entry.stale === undefined ? {} : { stale: entry.stale }),
      lineOffset: entry.lineOffset,
      outputChosen: false,
      request: entry.request,
    },
    owners: expansion.scalarized.owners,
  };
}
