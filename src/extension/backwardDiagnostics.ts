/**
 * Backward-pass checks in the editor: the check runs in the engine worker, its problems go to
 * the "Gradient Lens" diagnostics (squiggles and the Problems panel), its report is kept for
 * the hover. A document the user checked stays checked while edited: after a pause in typing
 * (the re-inspection delay) it is checked again. Closing it clears everything.
 */
import * as vscode from 'vscode';
import type { BackwardCheckOutcome, BackwardCheckReport } from '../core/handBackward/report';
import { assertNever } from '../engine/assertNever';
import { backwardDiagnostics, type BackwardSeverity } from '../present/backwardDiagnostics';
import { documentSource, toVscodeRange } from './documentSource';
import { engineWorker } from './engineWorker';
import { frontEndLanguage } from './languages';
import { readSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'Gradient Lens';

/** The check's answer: the outcome, or why there is none (cancelled, the worker failed). */
export type CheckAttempt =
  | { readonly kind: 'checked'; readonly outcome: BackwardCheckOutcome }
  | { readonly kind: 'unsupported'; readonly message: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

export class BackwardChecks implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly reports = new Map<string, BackwardCheckReport>();
  /** Documents edited since their report was made: its lines may no longer be theirs. */
  private readonly editedSince = new Set<string>();
  private readonly reportChanged = new vscode.EventEmitter<string>();
  /** A document's report was set or dropped (its URI): the panel redraws its marks. */
  readonly onDidChangeReport = this.reportChanged.event;
  /** Documents the user checked: kept fresh while edited. */
  private readonly followed = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.diagnostics,
      this.reportChanged,
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
    ];
  }

  /** The last report of the document, for the hover. */
  reportOf(uri: vscode.Uri): BackwardCheckReport | undefined {
    return this.reports.get(uri.toString());
  }

  /** The last report, if the document is as it was checked (the panel places marks by line). */
  currentReportOf(uri: vscode.Uri): BackwardCheckReport | undefined {
    return this.editedSince.has(uri.toString()) ? undefined : this.reportOf(uri);
  }

  /** Checks the document now, shows its problems, and keeps it checked while it is edited. */
  async check(
    document: vscode.TextDocument,
    token?: vscode.CancellationToken,
  ): Promise<CheckAttempt> {
    const uri = document.uri.toString();
    this.followed.add(uri);
    this.cancelRunning(uri);
    const language = frontEndLanguage(document.languageId);
    if (language === undefined) {
      return { kind: 'unsupported', message: `${document.languageId} is not read` };
    }
    const cancellation = new vscode.CancellationTokenSource();
    const forward = token?.onCancellationRequested(() => cancellation.cancel());
    this.running.set(uri, cancellation);
    const version = document.version;
    const source = documentSource(document);
    try {
      const answer = await engineWorker().checkBackward(
        { source: source.text, language },
        cancellation.token,
      );
      switch (answer.kind) {
        case 'answered':
          if (document.version === version && !document.isClosed) {
            this.show(document.uri, answer.outcome, source.lineOffset);
          }
          return { kind: 'checked', outcome: answer.outcome };
        case 'cancelled':
          return answer;
        case 'failed':
          this.log.error(`backward check of ${uri}: ${answer.message}`);
          return answer;
        default:
          return assertNever(answer, 'answer');
      }
    } finally {
      forward?.dispose();
      if (this.running.get(uri) === cancellation) {
        this.running.delete(uri);
      }
      cancellation.dispose();
    }
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

  private show(uri: vscode.Uri, outcome: BackwardCheckOutcome, lineOffset: number): void {
    if (!outcome.ok) {
      // Code that no longer reads has no problems to show: the old ones would point at nothing.
      this.reports.delete(uri.toString());
      this.diagnostics.delete(uri);
      this.reportChanged.fire(uri.toString());
      return;
    }
    this.reports.set(uri.toString(), outcome.report);
    this.editedSince.delete(uri.toString());
    this.reportChanged.fire(uri.toString());
    const precision = readSettings().precision;
    const shown = backwardDiagnostics(outcome.report, precision)
      // A problem in an earlier notebook cell belongs to that cell, not to this one.
      .filter((one) => one.range.start.line >= lineOffset)
      .map((one) => {
        const diagnostic = new vscode.Diagnostic(
          toVscodeRange(one.range, lineOffset),
          one.message,
          severityOf(one.severity),
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = 'backward-check';
        return diagnostic;
      });
    this.diagnostics.set(uri, shown);
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const uri = event.document.uri.toString();
    if (!this.followed.has(uri) || event.contentChanges.length === 0) {
      return;
    }
    if (!this.editedSince.has(uri)) {
      this.editedSince.add(uri);
      this.reportChanged.fire(uri);
    }
    this.cancelRunning(uri);
    clearTimeout(this.timers.get(uri));
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.check(event.document);
    }, readSettings().reinspectDelay);
    this.timers.set(uri, timer);
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
    this.followed.delete(uri);
    this.reports.delete(uri);
    this.editedSince.delete(uri);
    this.diagnostics.delete(vscode.Uri.parse(uri));
    this.reportChanged.fire(uri);
  }
}

function severityOf(severity: BackwardSeverity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    default:
      return assertNever(severity, 'severity');
  }
}
