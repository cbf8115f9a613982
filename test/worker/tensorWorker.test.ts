import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { tensorPanelResult } from '../../src/protocol/tensorPanel';
import { wireJson } from '../../src/protocol/wire';
import { InspectionClient } from '../../src/worker/inspectionClient';
import { SLICE_LENGTH } from '../../src/worker/workerProtocol';
import { BIG_ELEMENTS, CHAIN_NODES, fakeOutcome } from './fakeTensorEngine';

const ROOT = join(__dirname, '..', '..');

/** The worker bundled as scripts/build.mjs bundles it, beside a fake engine.js. */
async function workerWithFakeEngine(folder: string): Promise<string> {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    absWorkingDir: ROOT,
  } as const;
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['src/worker/inspectionWorker.ts'],
      outfile: join(folder, 'inspectionWorker.js'),
    }),
    esbuild.build({
      ...common,
      entryPoints: ['test/worker/fakeTensorEngine.ts'],
      outfile: join(folder, 'engine.js'),
    }),
  ]);
  return join(folder, 'inspectionWorker.js');
}

describe('inspection worker: tensor outcomes', function () {
  this.timeout(60_000);
  let folder: string;
  let client: InspectionClient;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'gradient-lens-worker-'));
    client = new InspectionClient(await workerWithFakeEngine(folder));
  });

  after(() => {
    client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the kind and hands values and gradients over as Float64Arrays', async () => {
    const answer = await client.inspect({ source: 'relu', language: 'python' });
    assert.ok(answer.kind === 'done', JSON.stringify(answer));
    const { outcome } = answer;
    assert.ok(outcome.ok && outcome.kind === 'tensor');
    const x = outcome.result.inputs[0];
    assert.ok(x?.grad instanceof Float64Array);
    assert.deepEqual(Array.from(x.grad), [2, 0, 6]);
    assert.ok(outcome.values.x?.data instanceof Float64Array);
    assert.equal(outcome.values.x.data.length, BIG_ELEMENTS);
    assert.equal(outcome.values.x.data[BIG_ELEMENTS - 1], (BIG_ELEMENTS - 1) / BIG_ELEMENTS);
    assert.deepEqual(outcome, fakeOutcome({ source: 'relu' }));
  });

  it('sends the panel the list of the tensor result as its JSON', async () => {
    const answer = await client.inspect({ source: 'relu', language: 'python' });
    assert.ok(answer.kind === 'done' && answer.resultJson !== undefined);
    const expected = fakeOutcome({ source: 'relu' });
    assert.ok(expected.ok && expected.kind === 'tensor');
    assert.equal(
      new TextDecoder().decode(answer.resultJson),
      wireJson(tensorPanelResult(expected.result)),
    );
  });

  it('hands over a result of thousands of nodes in slices, a buffer shared between them intact', async () => {
    assert.ok(CHAIN_NODES > 2 * SLICE_LENGTH);
    const answer = await client.inspect({ source: 'chain', language: 'python' });
    assert.ok(answer.kind === 'done', JSON.stringify(answer).slice(0, 500));
    const { outcome } = answer;
    assert.ok(outcome.ok && outcome.kind === 'tensor');
    assert.equal(outcome.result.nodes.length, CHAIN_NODES);
    const last = outcome.result.nodes[CHAIN_NODES - 1];
    assert.deepEqual(Array.from(last?.value ?? []), [CHAIN_NODES - 1, -(CHAIN_NODES - 1)]);
    assert.deepEqual(Array.from(last?.grad ?? []), [0.5, -0.25]);
    assert.deepEqual(outcome, fakeOutcome({ source: 'chain' }));
  });
});

describe('the built inspection worker on code with arrays', function () {
  this.timeout(60_000);
  const script = join(ROOT, 'dist', 'inspectionWorker.js');
  let client: InspectionClient;

  before(() => {
    assert.ok(existsSync(script), `${script} is missing: run npm run build first`);
    client = new InspectionClient(script);
  });

  after(() => client.dispose());

  it('inspects the PyTorch relu snippet: ∂y/∂x = [2, 0, 6], and lists it for the panel', async () => {
    const source =
      'import torch\nx = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)\ny = (x.relu() ** 2).sum()\n';
    const answer = await client.inspect({ source, language: 'python' });
    assert.ok(answer.kind === 'done', JSON.stringify(answer));
    const { outcome } = answer;
    assert.ok(outcome.ok && outcome.kind === 'tensor', JSON.stringify(outcome).slice(0, 500));
    assert.equal(outcome.result.value, 10);
    const grad = outcome.result.grads.x;
    assert.ok(grad?.data instanceof Float64Array);
    assert.deepEqual([...grad.shape], [3]);
    assert.deepEqual(Array.from(grad.data), [2, 0, 6]);
    assert.ok(answer.resultJson !== undefined);
    assert.equal(
      new TextDecoder().decode(answer.resultJson),
      wireJson(tensorPanelResult(outcome.result)),
    );
  });
});
