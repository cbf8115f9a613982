import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InspectionClient } from '../../src/worker/inspectionClient';
import { pythonLossRequest } from '../support/pythonLoss';

const WORKER = join(__dirname, '..', '..', 'dist', 'inspectionWorker.js');

const SOURCE = [
  'import numpy as np',
  'a = np.random.randn(8)',
  'X = np.fft.fft(a)',
  'x = 2.0',
  'f = x * x',
].join('\n');
const CANDIDATES = [1, 2, 4].map((line) => ({ line, column: 0 }));

describe('inspection worker: lens jobs', function () {
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

  it('keeps only the places whose click would inspect', async () => {
    const answer = await client.lenses(
      { source: SOURCE, language: 'python', candidates: CANDIDATES, defaultValue: 1 },
      60_000,
    );
    assert.deepEqual(answer, { kind: 'lenses', kept: [{ line: 4, column: 0 }], read: 3 });
  });

  it('lets a running lens job finish when cancelled, and the inspection after it still runs', async () => {
    let cancel: () => void = () => undefined;
    const signal = {
      isCancellationRequested: false,
      onCancellationRequested(listener: () => unknown) {
        cancel = () => {
          signal.isCancellationRequested = true;
          listener();
        };
        return { dispose: () => undefined };
      },
    };
    const lenses = client.lenses(
      { source: SOURCE, language: 'python', candidates: CANDIDATES, defaultValue: 1 },
      60_000,
      signal,
    );
    const inspection = client.inspect(pythonLossRequest(2));
    cancel();
    assert.equal((await lenses).kind, 'lenses');
    const answer = await inspection;
    assert.ok(answer.kind === 'done' && answer.outcome.ok);
  });
});
