/**
 * "Write the backward pass" on a selected forward pass: a refactoring that generates code
 * (RefactorRewrite, as VS Code files code generation), running the write command, which
 * inserts the code and checks it. Offered on a selection only: at a bare cursor it would sit in
 * the light bulb of every line.
 */
import * as vscode from 'vscode';
import { WRITE_BACKWARD_COMMAND } from './backwardCommand';
import { frontEndLanguage } from './languages';

export class BackwardCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.RefactorRewrite];

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
  ): vscode.CodeAction[] {
    const language = frontEndLanguage(document.languageId);
    // Formulas have no code to write a backward pass in.
    if (range.isEmpty || language === undefined || language === 'math') {
      return [];
    }
    const action = new vscode.CodeAction(
      'Write the backward pass',
      vscode.CodeActionKind.RefactorRewrite,
    );
    action.command = {
      command: WRITE_BACKWARD_COMMAND,
      title: 'Write the backward pass',
      arguments: [document.uri, range],
    };
    return [action];
  }
}
