/**
 * Inspections run in a worker thread (dist/inspectionWorker.js, which loads dist/engine.js on
 * the first inspection): activation costs only the host bundle, a large inspection never holds
 * up the editor, and a cancelled one stops at once. A thread that dies is replaced on the next
 * inspection, and the user is told in one line.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { InspectionClient } from '../worker/inspectionClient';

let client: InspectionClient | undefined;
const restarted = new vscode.EventEmitter<string>();

/** Fires with the message shown to the user when a dead worker was replaced. */
export const onDidRestartEngineWorker = restarted.event;

export function engineWorker(): InspectionClient {
  client ??= new InspectionClient(join(__dirname, 'inspectionWorker.js'), {
    restarted: (reason) => {
      const message = `Gradient Lens: the inspection worker stopped (${reason}); restarted.`;
      void vscode.window.showWarningMessage(message);
      restarted.fire(message);
    },
  });
  return client;
}

/** The worker's client if one was started (the tests' counts and kill switch read it). */
export function startedEngineWorker(): InspectionClient | undefined {
  return client;
}

/** Ends the worker with the extension. */
export const engineWorkerDisposable: vscode.Disposable = {
  dispose: () => {
    client?.dispose();
    client = undefined;
  },
};
