/**
 * "Gradient Lens: Check Backward Pass" and "Gradient Lens: Write Backward Pass". The check's
 * answer is a short message plus the diagnostics; writing inserts the engine's backward pass
 * below the forward pass (one undoable edit) and then checks it, so the user sees it correct.
 */
import * as vscode from 'vscode';
import type { WriteOutcome } from '../core/backwardWriter/writtenBackward';
import { assertNever } from '../engine/assertNever';
import { backwardSummary, isWrong } from '../present/backwardDiagnostics';
import type { BackwardChecks, CheckAttempt } from './backwardDiagnostics';
import { withDelayedProgress } from './delayedProgress';
import { documentSource, toSourceRange, toVscodePosition } from './documentSource';
import { engineWorker } from './engineWorker';
import { frontEndLanguage } from './languages';

export const CHECK_BACKWARD_COMMAND = 'gradientLens.checkBackward';
export const WRITE_BACKWARD_COMMAND = 'gradientLens.writeBackward';

/** Checks the document `uri` names (the active editor's by default) and says the verdict. */
export async function checkBackwardCommand(
  checks: BackwardChecks,
  uri?: vscode.Uri,
): Promise<CheckAttempt | undefined> {
  const document = await documentFor(uri);
  if (document === undefined) {
    void vscode.window.showInformationMessage('Gradient Lens: open a file with a backward pass');
    return undefined;
  }
  const attempt = await withDelayedProgress(
    'Gradient Lens: checking the backward pass…',
    undefined,
    (token) => checks.check(document, token),
  );
  sayVerdict(attempt);
  return attempt;
}

/**
 * Writes the backward pass of the forward pass `range` selects (the editor's selection by
 * default; the whole file when it is empty), inserts it, and checks the file.
 */
export async function writeBackwardCommand(
  checks: BackwardChecks,
  uri?: vscode.Uri,
  range?: vscode.Range,
): Promise<WriteOutcome | undefined> {
  const document = await documentFor(uri);
  const language = document === undefined ? undefined : frontEndLanguage(document.languageId);
  if (document === undefined || language === undefined) {
    void vscode.window.showInformationMessage('Gradient Lens: open a file with a forward pass');
    return undefined;
  }
  const selected = range ?? selectionIn(document);
  const source = documentSource(document);
  const version = document.version;
  const answer = await withDelayedProgress(
    'Gradient Lens: writing the backward pass…',
    undefined,
    (token) =>
      engineWorker().writeBackward(
        {
          source: source.text,
          language,
          ...(selected === undefined || selected.isEmpty
            ? {}
            : { selection: toSourceRange(selected, source.lineOffset) }),
        },
        token,
      ),
  );
  switch (answer.kind) {
    case 'answered':
      break;
    case 'cancelled':
      return undefined;
    case 'failed':
      void vscode.window.showErrorMessage(
        `Gradient Lens: could not write the backward pass (${answer.message.split('\n')[0] ?? ''})`,
      );
      return undefined;
    default:
      return assertNever(answer, 'answer');
  }
  const { outcome } = answer;
  if (!outcome.ok) {
    void vscode.window.showErrorMessage(`Gradient Lens: ${outcome.error.message}`);
    return outcome;
  }
  if (document.version !== version) {
    void vscode.window.showWarningMessage(
      'Gradient Lens: the code changed while the backward pass was written; write it again',
    );
    return outcome;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(
    document.uri,
    toVscodePosition(outcome.written.insertAt, source.lineOffset),
    outcome.written.code,
  );
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Gradient Lens: the backward pass could not be inserted');
    return outcome;
  }
  sayVerdict(await checks.check(document));
  return outcome;
}

function sayVerdict(attempt: CheckAttempt): void {
  switch (attempt.kind) {
    case 'checked': {
      const { outcome } = attempt;
      if (!outcome.ok) {
        void vscode.window.showErrorMessage(`Gradient Lens: ${outcome.error.message}`);
        return;
      }
      const message = `Gradient Lens: ${backwardSummary(outcome.report)}`;
      const wrong =
        outcome.report.firstWrong !== undefined || outcome.report.comparisons.some(isWrong);
      void (wrong
        ? vscode.window.showWarningMessage(message)
        : vscode.window.showInformationMessage(message));
      return;
    }
    case 'unsupported':
      void vscode.window.showInformationMessage(`Gradient Lens: ${attempt.message}`);
      return;
    case 'failed':
      void vscode.window.showErrorMessage(
        'Gradient Lens: the backward pass could not be checked (see the Gradient Lens log)',
      );
      return;
    case 'cancelled':
      return;
    default:
      assertNever(attempt, 'attempt');
  }
}

async function documentFor(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri === undefined) {
    return vscode.window.activeTextEditor?.document;
  }
  return vscode.workspace.openTextDocument(uri);
}

function selectionIn(document: vscode.TextDocument): vscode.Range | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document === document ? editor.selection : undefined;
}
