import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import { LANGUAGE_IDS } from '../../src/language/languages';
import { InspectionClient } from '../../src/worker/inspectionClient';
import { warmUpRequest } from '../../src/worker/warmUpRequest';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

const WORKER = join(__dirname, '..', '..', 'dist', 'inspectionWorker.js');

describe('warming the inspection worker before the first inspection', function () {
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

  it('has a line every language reads: y = tanh(2x + 0.5)·x at x = 1.5', async () => {
    const frontEnds = createFrontEnds(wasmFromNodeModules);
    // Python: math.tanh(3.5) * 1.5 and (1 - tanh(3.5)**2) * 2 * 1.5 + tanh(3.5).
    for (const language of LANGUAGE_IDS) {
      const outcome = await inspectSource(frontEnds, warmUpRequest(language));
      assert.ok(outcome.ok, `${language}: ${outcome.ok ? '' : outcome.error.message}`);
      assert.ok(outcome.kind === 'scalar');
      assert.ok(Math.abs(outcome.result.value - 1.497266846416798) < 1e-12, language);
      assert.ok(Math.abs((outcome.result.grads.x ?? NaN) - 1.009100551772661) < 1e-12, language);
    }
  });

  it('warms the worker in each language; an inspection afterwards answers as usual', async () => {
    for (const language of LANGUAGE_IDS) {
      assert.deepEqual(await client.warmUp(language), { kind: 'warmed' }, language);
    }
    const answer = await client.inspect({
      source: '(x + y) z',
      language: 'math',
      values: { x: -2, y: 5, z: -4 },
    });
    assert.ok(answer.kind === 'done' && answer.outcome.ok);
    assert.deepEqual(answer.outcome.result.grads, { x: -4, y: -4, z: 3 });
  });

  it('does not warm a busy worker: an inspection asked first runs, the warm-up is dropped', async () => {
    const inspecting = client.inspect({ source: 'x * x', language: 'math', values: { x: 3 } });
    assert.deepEqual(await client.warmUp('python'), { kind: 'cancelled' });
    const answer = await inspecting;
    assert.ok(answer.kind === 'done' && answer.outcome.ok);
    assert.deepEqual(answer.outcome.result.grads, { x: 6 });
  });

  it('drops a warm-up cancelled before it starts, and answers one pending at dispose', async () => {
    assert.deepEqual(
      await client.warmUp('python', {
        isCancellationRequested: true,
        onCancellationRequested: () => ({ dispose: () => undefined }),
      }),
      { kind: 'cancelled' },
    );
    const warming = client.warmUp('typescript');
    client.dispose();
    assert.deepEqual(await warming, { kind: 'cancelled' });
  });
});
