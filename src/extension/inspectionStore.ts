/**
 * The inspections the editor shows, one per document: what hovers, inlay hints and the panel
 * read (from memory, so a hover answers at once), and what an edit makes stale.
 */
import * as vscode from 'vscode';
import type { DocumentInspection } from '../present/inspection';

export class InspectionStore implements vscode.Disposable {
  private readonly byUri = new Map<string, DocumentInspection>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the document's URI, or undefined when everything was cleared. */
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri | string): DocumentInspection | undefined {
    return this.byUri.get(uri.toString());
  }

  set(entry: DocumentInspection): void {
    this.byUri.set(entry.uri, entry);
    this.fire(entry.uri);
  }

  update(uri: string, change: (entry: DocumentInspection) => DocumentInspection): void {
    const entry = this.byUri.get(uri);
    if (entry !== undefined) {
      this.set(change(entry));
    }
  }

  delete(uri: vscode.Uri | string): void {
    if (this.byUri.delete(uri.toString())) {
      this.fire(uri.toString());
    }
  }

  clear(): void {
    this.byUri.clear();
    this.fire(undefined);
  }

  get size(): number {
    return this.byUri.size;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private fire(uri: string | undefined): void {
    void vscode.commands.executeCommand(
      'setContext',
      'gradientLens.hasInspection',
      this.byUri.size > 0,
    );
    this.changed.fire(uri);
  }
}
