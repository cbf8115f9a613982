import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseHostMessage, snapshotJsonAround } from '../../src/protocol/messages';
import { scalarPanelResult } from '../../src/protocol/scalarPanel';
import { wireJson } from '../../src/protocol/wire';
import { InspectionClient } from '../../src/worker/inspectionClient';
import { pythonLossRequest } from '../support/pythonLoss';
import { writtenOutNeurons } from '../support/writtenOutNeurons';

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
    assert.ok(shown.kind === 'done' && shown.outcome.ok && shown.outcome.kind === 'scalar');
    assert.ok(unshown.kind === 'done' && unshown.outcome.ok);
    assert.equal(unshown.resultJson, undefined);
    assert.deepEqual(unshown.outcome, shown.outcome);
    assert.equal(
      new TextDecoder().decode(shown.resultJson),
      wireJson(scalarPanelResult(shown.outcome.result)),
    );
  });

  it("groups a big graph's repeated shapes in it, so the page receives them ready", async () => {
    const answer = await client.inspect({ source: writtenOutNeurons(40), language: 'python' });
    assert.ok(answer.kind === 'done' && answer.outcome.ok && answer.outcome.kind === 'scalar');
    assert.ok(answer.resultJson !== undefined);
    assert.equal(answer.outcome.result.groups, undefined, 'the outcome itself has no groups');
    const { before, after } = snapshotJsonAround(
      {
        uri: 'file:///work/layer.py',
        fileName: 'layer.py',
        values: answer.outcome.values,
        lineOffset: 0,
        outputChosen: false,
        request: { selection: answer.outcome.program.range, values: {} },
      },
      { precision: 6 },
      undefined,
    );
    const json = `${before}${new TextDecoder().decode(answer.resultJson)}${after}`;
    const parsed = parseHostMessage(JSON.parse(json));
    assert.ok(parsed.ok && parsed.message.type === 'snapshot', parsed.ok ? '' : parsed.problem);
    assert.equal(
      parsed.message.inspection?.result.groups?.[0]?.label,
      '40 × tanh(· × · + · × · + ·)',
    );
  });
});
