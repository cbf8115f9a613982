/**
 * Keeps inspections current while the user types: every edit moves the inspected range with
 * the code (an edit anywhere may change the values found above it), marks the inspection stale,
 * and after a short pause reads it again. If it no longer reads, it stays stale with the reason.
 */
import * as vscode from 'vscode';
import { trackRangeThrough, type TextChange } from '../core/rangeTracking';
import { toSourceRange } from './documentSource';
import { inspectDocument } from './inspector';
import type { InspectionStore } from './inspectionStore';
import { readSettings } from './settings';

const PENDING = 'the code changed; reading it again…';

export class Reinspector implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The re-inspection running per document: a newer edit cancels it (its answer is stale). */
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: InspectionStore,
    private readonly log: vscode.LogOutputChannel,
    /** Whether the panel shows the document: only then is the panel's form of a result made. */
    private readonly shownInPanel: (uri: string) => boolean = () => true,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
    ];
  }

  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
    for (const uri of [...this.running.keys()]) {
      this.cancelRunning(uri);
    }
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const uri = event.document.uri.toString();
    const entry = this.store.get(uri);
    if (entry === undefined || event.contentChanges.length === 0) {
      return;
    }
    this.cancelRunning(uri);
    const changes = sortedChanges(event.contentChanges, entry.lineOffset);
    const selection = trackRangeThrough(entry.request.selection, changes);
    const { callSite } = entry.request;
    this.store.set({
      ...entry,
      request: {
        ...entry.request,
        selection,
        ...(callSite === undefined ? {} : { callSite: trackRangeThrough(callSite, changes) }),
      },
      stale: PENDING,
    });
    this.schedule(event.document);
  }

  private schedule(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    clearTimeout(this.timers.get(uri));
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.reinspect(document);
    }, readSettings().reinspectDelay);
    this.timers.set(uri, timer);
  }

  private async reinspect(document: vscode.TextDocument): Promise<void> {
    const uri = document.uri.toString();
    const entry = this.store.get(uri);
    if (entry === undefined || document.isClosed) {
      return;
    }
    const version = document.version;
    const cancellation = new vscode.CancellationTokenSource();
    this.running.set(uri, cancellation);
    try {
      const attempt = await inspectDocument(document, entry.request, {
        token: cancellation.token,
        interactive: false,
        settings: readSettings(),
        forPanel: this.shownInPanel(uri),
      });
      if (document.version !== version || this.store.get(uri) === undefined) {
        return;
      }
      if (attempt.ok) {
        this.store.set(attempt.entry);
        return;
      }
      this.store.update(uri, (current) => ({
        ...current,
        stale: attempt.error.message,
      }));
    } catch (error) {
      this.log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    } finally {
      if (this.running.get(uri) === cancellation) {
        this.running.delete(uri);
      }
      cancellation.dispose();
    }
  }

  private cancelRunning(uri: string): void {
    const running = this.running.get(uri);
    this.running.delete(uri);
    running?.cancel();
  }

  private forget(uri: string): void {
    this.cancelRunning(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.store.delete(uri);
  }
}

/** Multi-cursor edits arrive in any order; applied from the last position up, each stays valid. */
function sortedChanges(
  changes: readonly vscode.TextDocumentContentChangeEvent[],
  lineOffset: number,
): TextChange[] {
  return [...changes]
    .sort((a, b) => b.range.start.compareTo(a.range.start))
    .map((change) => ({ range: toSourceRange(change.range, lineOffset), text: change.text }));
}
