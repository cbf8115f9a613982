/**
 * Inspections run in a worker thread (dist/inspectionWorker.js, which loads dist/engine.js on
 * the first inspection): activation costs only the host bundle, a large inspection never holds
 * up the editor, and a cancelled one stops at once.
 */
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { InspectionClient } from '../worker/inspectionClient';

let client: InspectionClient | undefined;

export function engineWorker(): InspectionClient {
  client ??= new InspectionClient(join(__dirname, 'inspectionWorker.js'));
  return client;
}

/** Ends the worker with the extension. */
export const engineWorkerDisposable: vscode.Disposable = {
  dispose: () => {
    client?.dispose();
    client = undefined;
  },
};
