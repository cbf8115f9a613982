/**
 * Errors reach the user as one notification with the message and a "Show" action that selects
 * the offending code; details go to the "Gradient Lens" log, never a stack trace in the UI.
 */
import * as vscode from 'vscode';
import { toVscodeRange } from './documentSource';
import type { InspectFailure } from './inspector';

export async function reportFailure(
  failure: InspectFailure,
  document: vscode.TextDocument,
  log: vscode.LogOutputChannel,
): Promise<void> {
  log.warn(`${document.uri.toString()}: ${failure.kind}: ${failure.message}`);
  if (failure.kind === 'internal') {
    log.error(failure.detail);
  }
  if (failure.kind === 'cancelled') {
    return;
  }
  const range = 'range' in failure && failure.range !== undefined ? failure.range : undefined;
  const where =
    range === undefined
      ? ''
      : ` (line ${Math.max(0, range.start.line - lineOffsetOf(failure)) + 1})`;
  const actions = range === undefined ? [] : ['Show'];
  const choice = await vscode.window.showErrorMessage(
    `Gradient Lens: ${failure.message}${where}`,
    ...actions,
  );
  if (choice === 'Show' && range !== undefined) {
    const selection = toVscodeRange(range, lineOffsetOf(failure));
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
    editor.selection = new vscode.Selection(selection.start, selection.end);
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** An unexpected exception: logged with its stack, shown as one line. */
export function reportException(error: unknown, log: vscode.LogOutputChannel): void {
  log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  void vscode.window.showErrorMessage(
    'Gradient Lens: the inspection failed unexpectedly (details in the "Gradient Lens" log).',
  );
}

function lineOffsetOf(failure: InspectFailure): number {
  return 'lineOffset' in failure ? failure.lineOffset : 0;
}
