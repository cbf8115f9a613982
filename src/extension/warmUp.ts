/**
 * Warms the inspection worker when the extension starts beside a document it reads: a moment
 * after activation (off its critical path) the worker thread starts, loads the engine and the
 * document's grammar and inspects one line, so that the user's first inspection answers as
 * quickly as the next ones. Nothing happens until such a document is open, and only once.
 */
import * as vscode from 'vscode';
import type { LanguageId } from '../language/frontEnd';
import type { InspectionClient } from '../worker/inspectionClient';
import { frontEndLanguage } from './languages';

/** After activation returns and the editor has drawn what activation opened. */
const WARM_UP_DELAY_MS = 400;

export function warmUpWorker(
  worker: () => InspectionClient,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const cancellation = new vscode.CancellationTokenSource();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let opened: vscode.Disposable | undefined;
  const schedule = (language: LanguageId): void => {
    opened?.dispose();
    opened = undefined;
    timer = setTimeout(() => {
      void worker()
        .warmUp(language, cancellation.token)
        .then((outcome) => {
          if (outcome.kind === 'failed') {
            log.warn(`warming the inspection worker failed: ${outcome.message}`);
          }
        });
    }, WARM_UP_DELAY_MS);
  };
  const language = firstReadLanguage(vscode.workspace.textDocuments);
  if (language === undefined) {
    opened = vscode.workspace.onDidOpenTextDocument((document) => {
      const read = frontEndLanguage(document.languageId);
      if (read !== undefined && timer === undefined) {
        schedule(read);
      }
    });
  } else {
    schedule(language);
  }
  return {
    dispose: () => {
      clearTimeout(timer);
      opened?.dispose();
      cancellation.cancel();
      cancellation.dispose();
    },
  };
}

/** The language of the active editor's document if read, else of the first open one read. */
function firstReadLanguage(documents: readonly vscode.TextDocument[]): LanguageId | undefined {
  const active = vscode.window.activeTextEditor?.document;
  const ordered = active === undefined ? documents : [active, ...documents];
  for (const document of ordered) {
    const language = frontEndLanguage(document.languageId);
    if (language !== undefined) {
      return language;
    }
  }
  return undefined;
}
