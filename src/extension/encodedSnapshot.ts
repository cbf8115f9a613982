/**
 * A snapshot for the panel as UTF-8 JSON bytes joined around the worker's JSON of the result:
 * the host serializes nothing large, and postMessage hands the bytes over without copying them
 * into JSON again.
 */
import { snapshotJsonAround } from '../protocol/messages';
import type { EncodedHostMessage, PanelInspection, PanelSettings } from '../protocol/protocol';

export function encodedSnapshot(
  source: Omit<PanelInspection, 'result'>,
  settings: PanelSettings,
  selectedNode: number | undefined,
  resultJson: Uint8Array,
): EncodedHostMessage {
  return encodedMessage(snapshotJsonAround(source, settings, selectedNode), resultJson);
}

/**
 * Any message whose JSON is `around.before`, the result's JSON, `around.after` (see
 * snapshotJsonAround, tensorSnapshotJsonAround).
 */
export function encodedMessage(
  around: { readonly before: string; readonly after: string },
  resultJson: Uint8Array,
): EncodedHostMessage {
  const encoder = new TextEncoder();
  const head = encoder.encode(around.before);
  const tail = encoder.encode(around.after);
  const json = new Uint8Array(head.length + resultJson.length + tail.length);
  json.set(head, 0);
  json.set(resultJson, head.length);
  json.set(tail, head.length + resultJson.length);
  return { type: 'encoded', json };
}
