import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { wireJson } from '../../src/protocol/wire';
import { InspectionClient } from '../../src/worker/inspectionClient';
import { pythonLossRequest } from '../support/pythonLoss';

const WORKER = join(__dirname, '..', '..', 'dist', 'inspectionWorker.js');

describe("the panel's JSON made in the worker only when a panel will show the result", function () {
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

  it('makes none when told no panel shows it; the outcome is the same', async () => {
    const request = pythonLossRequest(30);
    const shown = await client.inspect(request);
    const unshown = await client.inspect(request, undefined, { panelJson: false });
    assert.ok(shown.kind === 'done' && shown.outcome.ok);
    assert.ok(unshown.kind === 'done' && unshown.outcome.ok);
    assert.equal(unshown.resultJson, undefined);
    assert.deepEqual(unshown.outcome, shown.outcome);
    assert.equal(new TextDecoder().decode(shown.resultJson), wireJson(shown.outcome.result));
  });
});
