import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import type { InspectionRequest } from '../../src/language/frontEnd';
import { scalarPanelResult } from '../../src/protocol/scalarPanel';
import { toWire, wireJson } from '../../src/protocol/wire';
import { InspectionClient, type CancellationSignal } from '../../src/worker/inspectionClient';
import { pythonLossRequest } from '../support/pythonLoss';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

const WORKER = join(__dirname, '..', '..', 'dist', 'inspectionWorker.js');

/** VS Code's CancellationTokenSource, in miniature. */
class Cancellation implements CancellationSignal {
  isCancellationRequested = false;
  private readonly listeners = new Set<() => unknown>();

  onCancellationRequested(listener: () => unknown): { dispose(): unknown } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  cancel(): void {
    this.isCancellationRequested = true;
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}

const REFERENCE: InspectionRequest = {
  source: '(x + y) z',
  language: 'math',
  values: { x: -2, y: 5, z: -4 },
};

describe('inspection worker: inspections off the extension host thread', function () {
  this.timeout(60_000);
  let client: InspectionClient;

  before(() => {
    assert.ok(existsSync(WORKER), `${WORKER} is missing: run npm run build first`);
  });

  beforeEach(() => {
    client = new InspectionClient(WORKER);
  });

  afterEach(() => {
    client.dispose();
  });

  it('gives the reference example its gradients: ∂f/∂x = −4, ∂f/∂y = −4, ∂f/∂z = 3', async () => {
    const answer = await client.inspect(REFERENCE);
    assert.equal(answer.kind, 'done');
    assert.ok(answer.kind === 'done' && answer.outcome.ok);
    assert.equal(answer.outcome.result.value, -12);
    assert.deepEqual(answer.outcome.result.grads, { x: -4, y: -4, z: 3 });
  });

  it('hands over a 10,000-node inspection in slices, equal to the one made in this thread', async () => {
    const request = pythonLossRequest(1400);
    const answer = await client.inspect(request);
    const here = await inspectSource(createFrontEnds(wasmFromNodeModules), request);
    assert.ok(answer.kind === 'done' && answer.outcome.ok && here.ok && here.kind === 'scalar');
    assert.ok(answer.outcome.result.nodes.length > 9_000, `${answer.outcome.result.nodes.length}`);
    assert.deepEqual(answer.outcome, here);
    assert.ok(answer.resultJson !== undefined);
    const text = new TextDecoder().decode(answer.resultJson);
    const shown = scalarPanelResult(here.result);
    assert.equal(text, wireJson(shown));
    // The quick way and the plain way write the same JSON (which, like any, has no −0).
    assert.equal(text, JSON.stringify(toWire(shown)));
  });

  it('spells non-finite values out in the panel JSON', async () => {
    const answer = await client.inspect({
      source: 'log(x) + 1/y',
      language: 'math',
      values: { x: 0, y: 0 },
    });
    assert.ok(answer.kind === 'done' && answer.outcome.ok && answer.resultJson !== undefined);
    const wire = JSON.parse(new TextDecoder().decode(answer.resultJson)) as { value: unknown };
    assert.deepEqual(wire.value, { $number: 'NaN' });
    assert.ok(Number.isNaN(answer.outcome.result.value));
  });

  it('returns errors in the document as outcomes, with no panel JSON', async () => {
    const answer = await client.inspect({ source: 'f = (x +\n', language: 'python' });
    assert.ok(answer.kind === 'done' && !answer.outcome.ok);
    assert.equal(answer.outcome.error.kind, 'syntax');
    assert.equal(answer.resultJson, undefined);
  });

  it('differentiates a chosen unnamed node, named by its expression', async () => {
    const here = await inspectSource(createFrontEnds(wasmFromNodeModules), REFERENCE);
    assert.ok(here.ok);
    const sum = here.result.nodes.find((node) => node.symbol === '+');
    assert.ok(sum !== undefined);
    const answer = await client.inspect({ ...REFERENCE, outputNode: sum.id });
    assert.ok(answer.kind === 'done' && answer.outcome.ok);
    assert.equal(answer.outcome.result.output.id, sum.id);
    assert.equal(answer.outcome.result.output.name, 'x + y');
    assert.deepEqual(answer.outcome.result.grads, { x: 1, y: 1 });
    assert.deepEqual(
      answer.outcome.result.unused.map((input) => input.name),
      ['z'],
    );
  });

  it('stops a running inspection when cancelled, and the next one still works', async () => {
    const cancellation = new Cancellation();
    const started = Date.now();
    const long = client.inspect(pythonLossRequest(15_000), cancellation);
    setTimeout(() => cancellation.cancel(), 200);
    const answer = await long;
    const cancelledAfter = Date.now() - started;
    assert.equal(answer.kind, 'cancelled');
    // The worker computes for seconds; cancelling ends it, so the answer comes well before.
    const uncancelled = Date.now();
    const full = await client.inspect(pythonLossRequest(15_000));
    assert.equal(full.kind, 'done');
    assert.ok(
      cancelledAfter < Date.now() - uncancelled,
      `cancelled after ${cancelledAfter} ms; the whole inspection took ${Date.now() - uncancelled} ms`,
    );
    const next = await client.inspect(REFERENCE);
    assert.ok(next.kind === 'done' && next.outcome.ok);
  });

  it('drops a queued inspection when cancelled, and runs the others in order', async () => {
    const cancellation = new Cancellation();
    const first = client.inspect(pythonLossRequest(300));
    const dropped = client.inspect(REFERENCE, cancellation);
    const third = client.inspect({ ...REFERENCE, values: { x: 1, y: 2, z: 3 } });
    cancellation.cancel();
    const answers = await Promise.all([first, dropped, third]);
    assert.deepEqual(
      answers.map((answer) => answer.kind),
      ['done', 'cancelled', 'done'],
    );
    assert.ok(answers[2].kind === 'done' && answers[2].outcome.ok);
    assert.equal(answers[2].outcome.result.value, 9);
  });

  it('does not start an inspection whose token is already cancelled', async () => {
    const cancellation = new Cancellation();
    cancellation.cancel();
    assert.equal((await client.inspect(REFERENCE, cancellation)).kind, 'cancelled');
  });

  it('answers every waiting inspection as cancelled when disposed', async () => {
    const running = client.inspect(pythonLossRequest(15_000));
    const queued = client.inspect(REFERENCE);
    client.dispose();
    assert.deepEqual([(await running).kind, (await queued).kind], ['cancelled', 'cancelled']);
  });

  it('reports a worker that cannot start as a failure, not a hang', async () => {
    const broken = new InspectionClient(join(__dirname, 'no-such-worker.js'));
    const answer = await broken.inspect(REFERENCE);
    broken.dispose();
    assert.equal(answer.kind, 'failed');
    assert.match(answer.kind === 'failed' ? answer.message : '', /no-such-worker/);
  });
});
