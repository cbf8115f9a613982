/** The worker's backward-pass jobs: a check's report and a written pass come back whole. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InspectionClient } from '../../src/worker/inspectionClient';
import { CIRCUIT, lineOf, mutate, SOFTMAX } from '../core/handBackward/backwardSources';

const WORKER = join(__dirname, '..', '..', 'dist', 'inspectionWorker.js');

describe('inspection worker: backward-pass jobs', function () {
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

  it('checks the softmax classifier without the reg gradient and locates dW', async () => {
    const source = mutate(SOFTMAX, 'dW += reg * W', '');
    const answer = await client.checkBackward({ source, language: 'python' });
    assert.equal(answer.kind, 'answered');
    assert.ok(answer.kind === 'answered' && answer.outcome.ok);
    const { report } = answer.outcome;
    assert.equal(report.firstWrong?.gradient, 'dW');
    assert.equal(report.firstWrong?.range.start.line, lineOf(source, 'dW = np.dot(X.T, dscores)'));
    assert.equal(report.firstWrong?.explanation.kind, 'missing-term');
  });

  it('writes the circuit’s backward pass below its forward pass', async () => {
    const forward = CIRCUIT.slice(0, CIRCUIT.indexOf('\n', CIRCUIT.indexOf('f = q * z')) + 1);
    const answer = await client.writeBackward({ source: forward, language: 'python' });
    assert.ok(answer.kind === 'answered' && answer.outcome.ok, JSON.stringify(answer));
    const { written } = answer.outcome;
    assert.equal(written.output, 'f');
    const inputs = written.gradients.map((one) => one.of).filter((name) => name.length === 1);
    assert.deepEqual(inputs.filter((name) => 'xyz'.includes(name)).sort(), ['x', 'y', 'z']);
    assert.deepEqual(written.insertAt, { line: lineOf(forward, 'f = q * z') + 1, column: 0 });
  });

  it('answers a refusal as an outcome, not a failure', async () => {
    const answer = await client.checkBackward({
      source: 'x = 2.0\nf = x * x\n',
      language: 'python',
    });
    assert.ok(answer.kind === 'answered' && !answer.outcome.ok);
  });
});
