/** "∇ Inspect derivatives" above function definitions and assignments. */
import * as vscode from 'vscode';
import { codeLensLines } from '../language/codeLens';
import { frontEndLanguage } from './languages';
import { readSettings } from './settings';

export class InspectCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const settings = readSettings();
    const language = frontEndLanguage(document.languageId);
    if (!settings.codeLensEnabled || language === undefined) {
      return [];
    }
    if (language === 'math' && !settings.codeLensInTextDocuments) {
      return [];
    }
    return codeLensLines(document.getText(), language).map((line) => {
      const start = new vscode.Position(
        line,
        document.lineAt(line).firstNonWhitespaceCharacterIndex,
      );
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: '∇ Inspect derivatives',
        tooltip: 'Gradient Lens: inspect the derivatives of this statement',
        command: 'gradientLens.inspect',
        arguments: [document.uri, start],
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
