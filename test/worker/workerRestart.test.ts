import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InspectionRequest } from '../../src/language/frontEnd';
import {
  InspectionClient,
  liveWorkerThreads,
  type CancellationSignal,
} from '../../src/worker/inspectionClient';
import { pythonLossRequest } from '../support/pythonLoss';

const WORKER = join(__dirname, '..', '..', 'dist', 'inspectionWorker.js');

const REFERENCE: InspectionRequest = {
  source: '(x + y) z',
  language: 'math',
  values: { x: -2, y: 5, z: -4 },
};

/** Resolves once no worker thread of any client is alive (exits arrive asynchronously). */
async function threadsEnded(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (liveWorkerThreads() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(liveWorkerThreads(), 0, 'a worker thread outlived its client');
}

describe('inspection worker: a thread that dies is reported and replaced', function () {
  this.timeout(60_000);
  let client: InspectionClient;
  let restarts: string[];

  before(() => {
    assert.ok(existsSync(WORKER), `${WORKER} is missing: run npm run build first`);
  });

  beforeEach(() => {
    restarts = [];
    client = new InspectionClient(WORKER, { restarted: (reason) => restarts.push(reason) });
  });

  afterEach(async () => {
    client.dispose();
    await threadsEnded();
  });

  it('replaces a worker killed while idle on the next inspection, and says why once', async () => {
    assert.equal((await client.inspect(REFERENCE)).kind, 'done');
    assert.equal(liveWorkerThreads(), 1);
    assert.equal(client.killThread(), true);
    await threadsEnded();
    assert.deepEqual(restarts, [], 'nothing is said before an inspection needs the worker');

    const answer = await client.inspect(REFERENCE);
    assert.ok(answer.kind === 'done' && answer.outcome.ok);
    assert.deepEqual(answer.outcome.result.grads, { x: -4, y: -4, z: 3 });
    assert.deepEqual(restarts, ['exit code 1']);
    assert.equal((await client.inspect(REFERENCE)).kind, 'done');
    assert.equal(restarts.length, 1, 'a healthy worker is not announced again');
  });

  it('fails the inspection in flight with a message that names the stopped worker', async () => {
    const running = client.inspect(pythonLossRequest(15_000));
    const queued = client.inspect(REFERENCE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(client.killThread(), true);
    const answer = await running;
    assert.equal(answer.kind, 'failed');
    assert.ok(answer.kind === 'failed');
    assert.equal(answer.stopped, true);
    // Node ends a thread busy computing with exit code 0, an idle one with 1.
    assert.match(
      answer.message,
      /^the inspection worker stopped \(exit code [01]\) during this inspection; it restarts on the next one$/,
    );
    const next = await queued;
    assert.ok(
      next.kind === 'done' && next.outcome.ok,
      'the queued inspection runs on a new thread',
    );
    assert.equal(restarts.length, 1);
    assert.match(restarts[0]!, /^exit code [01]$/);
    assert.deepEqual(client.liveCounts, { jobs: 0, jobListeners: 0 });
  });

  it('does not announce a thread it ended itself to cancel an inspection', async () => {
    let cancel: () => unknown = () => undefined;
    const signal: CancellationSignal = {
      isCancellationRequested: false,
      onCancellationRequested: (listener) => {
        cancel = listener;
        return { dispose: () => undefined };
      },
    };
    const long = client.inspect(pythonLossRequest(15_000), signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    cancel();
    assert.equal((await long).kind, 'cancelled');
    assert.equal((await client.inspect(REFERENCE)).kind, 'done');
    assert.deepEqual(restarts, []);
  });

  it('has nothing to kill before the first inspection', () => {
    assert.equal(client.killThread(), false);
  });
});
