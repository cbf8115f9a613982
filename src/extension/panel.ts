/**
 * The inspection panel: one webview panel, reused, showing the inspection of the document it
 * was last opened for and following that inspection as it changes. Static HTML under a strict
 * Content-Security-Policy (no scripts, nothing remote, no local resources).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { panelHtml } from '../present/panelHtml';
import type { InspectionStore } from './inspectionStore';
import { readSettings } from './settings';

export class InspectionPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private selectedNode: number | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: InspectionStore) {
    this.subscription = store.onDidChange((uri) => {
      if (uri === undefined || uri === this.uri) {
        this.render();
      }
    });
  }

  /** Opens (or reveals) the panel on the inspection of `uri`, optionally highlighting a node. */
  show(uri: string, selectedNode?: number): void {
    this.uri = uri;
    this.selectedNode = selectedNode;
    if (this.panel === undefined) {
      this.panel = vscode.window.createWebviewPanel(
        'gradientLens.panel',
        'Gradient Lens',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.render();
  }

  get visibleUri(): string | undefined {
    return this.panel === undefined ? undefined : this.uri;
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }

  private render(): void {
    if (this.panel === undefined || this.uri === undefined) {
      return;
    }
    const entry = this.store.get(this.uri);
    const name = entry?.inspection.result.output.name;
    this.panel.title = name === undefined ? 'Gradient Lens' : `Gradient Lens: ${name}`;
    this.panel.webview.html = panelHtml(entry?.inspection, {
      cspSource: this.panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      precision: readSettings().precision,
      ...(this.selectedNode === undefined ? {} : { selectedNode: this.selectedNode }),
    });
  }
}
