/**
 * The gradients of an inspected range's inputs in the editor: by default one compact hint at the
 * end of each line (`∇ x −4 · y −4`); for code with arrays the gradient's shape and norm,
 * `∇ W (3, 4) ‖0.52‖`. The setting `gradientLens.inlayHints.style` chooses other styles.
 */
import * as vscode from 'vscode';
import { inspectionInlayHints } from './inspectionViews';
import { toVscodePosition } from './documentSource';
import type { InspectionStore } from './inspectionStore';
import { readSettings } from './settings';

export class GradientInlayHintsProvider implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: InspectionStore) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  /** Settings changed: ask the editor to fetch the hints again. */
  refresh(): void {
    this.changed.fire();
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const settings = readSettings();
    const entry = this.store.get(document.uri);
    if (!settings.inlayHintsEnabled || entry === undefined || entry.stale !== undefined) {
      return [];
    }
    const views = inspectionInlayHints(entry, {
      precision: settings.precision,
      style: settings.inlayHintsStyle,
      lines: {
        first: range.start.line + entry.lineOffset,
        last: range.end.line + entry.lineOffset,
      },
    });
    const hints: vscode.InlayHint[] = [];
    for (const view of views) {
      if (
        view.position.line < entry.lineOffset ||
        view.position.line - entry.lineOffset >= document.lineCount
      ) {
        continue;
      }
      const at = toVscodePosition(view.position, entry.lineOffset);
      const position = view.atLineEnd === true ? document.lineAt(at.line).range.end : at;
      if (!range.contains(position)) {
        continue;
      }
      const hint = new vscode.InlayHint(position, view.label);
      hint.tooltip = view.tooltip;
      hint.paddingLeft = true;
      hints.push(hint);
    }
    return hints;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
