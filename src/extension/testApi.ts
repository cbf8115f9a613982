/**
 * What the extension's own tests in a real VS Code read and do beyond the user's surface: when
 * the panel drew, what is still alive (to find leaks), and a worker killed as a crash would
 * kill it. Returned by `activate` only when VS Code runs the extension's tests.
 */
import type * as vscode from 'vscode';
import { liveWorkerThreads } from '../worker/inspectionClient';
import { onDidRestartEngineWorker, startedEngineWorker } from './engineWorker';
import type { InspectionStore } from './inspectionStore';
import { lastStages, type InspectionStages } from './inspectionStages';
import type { InspectionPanel, PanelDrawn } from './panel';

/** Things that must not pile up over many inspections. */
export interface LiveCounts {
  /** Disposables the extension registered on activation (commands, providers, listeners). */
  readonly subscriptions: number;
  readonly panels: number;
  /** Listeners held for the open panel. */
  readonly panelListeners: number;
  /** Inspection worker threads started and not yet exited. */
  readonly workerThreads: number;
  /** Inspection jobs waiting or running, and the cancellation listeners they hold. */
  readonly jobs: number;
  readonly jobListeners: number;
  /** Documents with an inspection kept for hovers and hints. */
  readonly inspections: number;
}

export interface GradientLensTestApi {
  readonly onDidDrawPanel: vscode.Event<PanelDrawn>;
  /** Fires with the one-line message the user was shown when a dead worker was replaced. */
  readonly onDidRestartWorker: vscode.Event<string>;
  counts(): LiveCounts;
  /** How many graph nodes the document's inspection has, if it has one. */
  nodesOf(uri: string): number | undefined;
  /** Inspections stored (or changed) since activation: 0 until the first one. */
  storedSinceActivation(): number;
  /** Where the last command's time went, stage by stage (see inspectionStages). */
  lastStages(): InspectionStages | undefined;
  /** Kills the inspection worker's thread as a crash would; false when none was running. */
  killWorker(): boolean;
}

export function testApi(
  context: vscode.ExtensionContext,
  store: InspectionStore,
  panel: InspectionPanel,
): GradientLensTestApi {
  let stored = 0;
  context.subscriptions.push(
    store.onDidChange((uri) => {
      if (uri !== undefined) {
        stored += 1;
      }
    }),
  );
  return {
    onDidDrawPanel: panel.onDidDraw,
    onDidRestartWorker: onDidRestartEngineWorker,
    counts: () => ({
      subscriptions: context.subscriptions.length,
      ...panel.liveCounts,
      workerThreads: liveWorkerThreads(),
      ...(startedEngineWorker()?.liveCounts ?? { jobs: 0, jobListeners: 0 }),
      inspections: store.size,
    }),
    nodesOf: (uri) => store.get(uri)?.result.nodes.length,
    storedSinceActivation: () => stored,
    lastStages,
    killWorker: () => startedEngineWorker()?.killThread() ?? false,
  };
}
