/**
 * The webview's side of the channel to the extension host: VS Code's `acquireVsCodeApi`
 * (callable once per page), typed with the panel protocol.
 */
import type { PanelState, WebviewMessage } from '../protocol/protocol';
import { toWire } from '../protocol/wire';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewMessage): void;
  /** What the page saved last time (unchecked: it may come from an older version). */
  savedState(): unknown;
  saveState(state: PanelState): void;
}

export function connectHost(): Host {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    savedState: () => api.getState(),
    saveState: (state) => api.setState(toWire(state)),
  };
}
