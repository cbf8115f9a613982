/**
 * A cancellable "inspecting…" notification that appears only when the work takes a while:
 * a quick inspection shows nothing, a long one can be cancelled from the notification.
 */
import * as vscode from 'vscode';

const SHOW_AFTER_MS = 500;

export async function withDelayedProgress<T>(
  title: string,
  outer: vscode.CancellationToken | undefined,
  task: (token: vscode.CancellationToken) => Promise<T>,
): Promise<T> {
  const source = new vscode.CancellationTokenSource();
  const forward = outer?.onCancellationRequested(() => source.cancel());
  const work = task(source.token);
  const timer = setTimeout(() => {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => source.cancel());
        return work.then(
          () => undefined,
          () => undefined,
        );
      },
    );
  }, SHOW_AFTER_MS);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
    forward?.dispose();
    source.dispose();
  }
}
