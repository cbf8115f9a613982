/**
 * The hover on a hand-written gradient's name in a checked document: how it compares with the
 * engine's gradient (present/backwardHover). VS Code shows it in the same hover as the
 * inspection's ∂f/∂name, below it.
 */
import * as vscode from 'vscode';
import { backwardHoverMarkdown } from '../present/backwardHover';
import type { BackwardChecks } from './backwardDiagnostics';
import { readSettings } from './settings';

export class BackwardHoverProvider implements vscode.HoverProvider {
  constructor(private readonly checks: BackwardChecks) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = readSettings();
    const report = this.checks.reportOf(document.uri);
    const word = document.getWordRangeAtPosition(position, /[A-Za-z_$][\w$]*/);
    if (!settings.hoverEnabled || report === undefined || word === undefined) {
      return undefined;
    }
    const markdown = backwardHoverMarkdown(report, document.getText(word), settings.precision);
    if (markdown === undefined) {
      return undefined;
    }
    const text = new vscode.MarkdownString(markdown);
    // No command, no HTML: document text is escaped in the Markdown.
    text.isTrusted = false;
    text.supportHtml = false;
    return new vscode.Hover(text, word);
  }
}
