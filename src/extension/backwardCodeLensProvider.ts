/**
 * "∇ Check backward pass" above backward functions and the first line of a backward pass, only
 * where a click answers: the file is checked in the engine worker (quietly, no diagnostics)
 * after a pause in typing, once per document version, and gets lenses only if the check read
 * it. Files with no sign of a hand-written gradient are not sent to the worker at all.
 */
import * as vscode from 'vscode';
import { backwardLensLines, mayHaveBackwardPass } from '../present/backwardLensPlaces';
import { CHECK_BACKWARD_COMMAND } from './backwardCommand';
import { pause } from './cancellablePause';
import { documentSource } from './documentSource';
import { engineWorker } from './engineWorker';
import { frontEndLanguage } from './languages';
import { readSettings } from './settings';

/** Typing asks for lenses again and again: check only once the document rests this long. */
const PAUSE_MS = 400;

export class BackwardCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Lens lines by URI, for one version each. */
  private readonly known = new Map<
    string,
    { readonly version: number; readonly lines: number[] }
  >();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidCloseTextDocument((document) =>
        this.known.delete(document.uri.toString()),
      ),
    ];
  }

  refresh(): void {
    this.known.clear();
    this.changed.fire();
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    const language = frontEndLanguage(document.languageId);
    const text = document.getText();
    if (
      !readSettings().codeLensEnabled ||
      language === undefined ||
      language === 'math' ||
      !mayHaveBackwardPass(text)
    ) {
      return [];
    }
    const lines = await this.linesOf(document, language, token);
    return lines.map((line) => {
      const start = new vscode.Position(line, 0);
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: '∇ Check backward pass',
        tooltip: 'Gradient Lens: compare the hand-written gradients with the engine’s',
        command: CHECK_BACKWARD_COMMAND,
        arguments: [document.uri],
      });
    });
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private async linesOf(
    document: vscode.TextDocument,
    language: NonNullable<ReturnType<typeof frontEndLanguage>>,
    token: vscode.CancellationToken,
  ): Promise<number[]> {
    const uri = document.uri.toString();
    const version = document.version;
    const known = this.known.get(uri);
    if (known?.version === version) {
      return known.lines;
    }
    if (!(await pause(PAUSE_MS, token)) || document.version !== version) {
      return [];
    }
    const source = documentSource(document);
    // Not cancelled with the lens request: ending a running job ends the worker thread.
    const answer = await engineWorker().checkBackward({ source: source.text, language });
    if (answer.kind === 'failed') {
      this.log.error(`backward lenses of ${uri}: ${answer.message}`);
    }
    if (answer.kind !== 'answered') {
      return [];
    }
    const lines = answer.outcome.ok
      ? backwardLensLines(source.text, answer.outcome.report)
          .map((line) => line - source.lineOffset)
          .filter((line) => line >= 0)
      : [];
    this.known.set(uri, { version, lines });
    return lines;
  }
}
