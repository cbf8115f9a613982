// A worker that dies is replaced on the next inspection, and the user is told in one line; an
// inspection it was running fails with a message that says what happened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensTestApi } from '../../../src/extension/testApi';
import { pythonLossSource } from '../../support/pythonLoss';
import { eventually, inspect, openUntitled, reset } from './helpers';
import { assertGradient, hoveredGradient, openLayer, testApi } from './lensProbe';

const RESTARTED = 'Gradient Lens: the inspection worker stopped (exit code 1); restarted.';
/** Node ends a thread busy computing with exit code 0, an idle one with 1. */
const RESTARTED_BUSY =
  /^Gradient Lens: the inspection worker stopped \(exit code [01]\); restarted\.$/;

/** The messages shown for restarts from now on. */
function restartMessages(api: GradientLensTestApi): { readonly shown: string[]; stop(): void } {
  const shown: string[] = [];
  const subscription = api.onDidRestartWorker((message) => shown.push(message));
  return { shown, stop: () => subscription.dispose() };
}

/** Waits until the killed thread has exited (or a job has already replaced it). */
async function killedThreadGone(
  api: GradientLensTestApi,
  messages: { readonly shown: string[] },
): Promise<void> {
  const gone = await eventually(
    () => Promise.resolve(api.counts().workerThreads === 0 || messages.shown.length > 0),
    (done) => done,
  );
  assert.ok(gone, 'the killed worker thread did not exit');
}

describe('a worker that dies is restarted on the next inspection, never a silent nothing', function () {
  this.timeout(120_000);
  afterEach(reset);

  it('killed while idle: the next inspection runs on a new worker and says so once', async () => {
    const api = await testApi();
    const first = await openLayer(1, 5);
    assert.equal((await inspect()).ok, true);
    // Listening from before the kill: a CodeLens job may restart the worker before the command.
    const messages = restartMessages(api);
    assert.equal(api.killWorker(), true);
    await killedThreadGone(api, messages);

    const second = await openLayer(20, 2);
    const result = await inspect();
    assert.equal(result.ok, true, JSON.stringify(result).slice(0, 300));
    assertGradient(await hoveredGradient(second), second.layer, 'after the restart');
    assertGradient(await hoveredGradient(first), first.layer, 'the earlier inspection');
    assert.deepEqual(messages.shown, [RESTARTED]);
    await vscode.window.showTextDocument(first.editor.document);
    assert.equal((await inspect()).ok, true);
    messages.stop();
    assert.deepEqual(messages.shown, [RESTARTED], 'a healthy worker is not announced again');
    assert.equal(api.counts().workerThreads, 1);
  });

  it('killed during an inspection: that one fails saying so, the next one works', async () => {
    const api = await testApi();
    // Started once, so that the kill below hits the thread running the large inspection.
    await openLayer(1, 5);
    assert.equal((await inspect()).ok, true);

    const large = await openUntitled('python', pythonLossSource(8_000));
    large.selection = new vscode.Selection(
      large.document.lineAt(5).range.start,
      large.document.lineAt(large.document.lineCount - 2).range.end,
    );
    const running = inspect();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Listening from before the kill: a queued job (a CodeLens) may restart the worker first.
    const messages = restartMessages(api);
    assert.equal(api.killWorker(), true);
    const failed = await running;
    assert.ok(!failed.ok && failed.error.kind === 'internal', JSON.stringify(failed));
    assert.match(
      failed.error.message,
      /^the inspection worker stopped \(exit code [01]\) during this inspection; it restarts on the next one$/,
    );

    const next = await openLayer(20, 2);
    assert.equal((await inspect()).ok, true);
    assertGradient(await hoveredGradient(next), next.layer, 'the inspection after the kill');
    messages.stop();
    assert.equal(messages.shown.length, 1);
    assert.match(messages.shown[0]!, RESTARTED_BUSY);
    // A CodeLens job for one of the open documents may still be queued or running: a leaked
    // job is one that never leaves, not one that has not left yet.
    const settled = await eventually(
      () => Promise.resolve(api.counts()),
      (counts) => counts.jobs === 0 && counts.jobListeners === 0,
      15_000,
    );
    assert.deepEqual(
      { jobs: settled.jobs, jobListeners: settled.jobListeners },
      { jobs: 0, jobListeners: 0 },
    );
  });
});
