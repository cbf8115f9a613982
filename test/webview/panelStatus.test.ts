import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PanelInspection, PanelStatus } from '../../src/protocol/protocol';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

const HOSTILE = '<img src=x onerror=alert(1)>';

const REFUSED: PanelStatus = {
  kind: 'refused',
  message: `np.fft.fft is not supported (yet) ${HOSTILE}`,
  place: { fileName: `softmax${HOSTILE}.py`, line: 7, column: 5 },
  previousShown: false,
};

async function reference(): Promise<PanelInspection> {
  const inspection = await inspectionOf({
    source: REFERENCE_PYTHON,
    language: 'python',
    selection: linesRange(REFERENCE_PYTHON, 3, 4),
  });
  return {
    uri: 'file:///work/reference.py',
    fileName: 'reference.py',
    result: inspection.result,
    values: inspection.values,
    lineOffset: 0,
    outputChosen: false,
    request: inspection.request,
  };
}

describe('graph panel page: a result that is not the last inspection’s', function () {
  this.timeout(20_000);
  let browser: Browser;
  let files: PanelFiles;
  let inspection: PanelInspection;
  let panel: PanelPage;

  before(async function () {
    this.timeout(30_000);
    [browser, files, inspection] = await Promise.all([
      launchChromium(),
      buildPanelFiles(),
      reference(),
    ]);
    panel = await PanelPage.create(browser, files);
  });

  beforeEach(async () => {
    await panel.load();
    await panel.sendSnapshot(inspection);
  });

  afterEach(async () => {
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  async function sendStatus(status: PanelStatus): Promise<void> {
    await panel.send({ type: 'status', status });
  }

  it('says a refusal at the top with its place, and hides the older result until asked', async () => {
    const { page } = panel;
    await sendStatus(REFUSED);
    const alert = page.locator('#gl-status [role="alert"]');
    await alert.waitFor();
    assert.equal(
      (await alert.innerText()).trim(),
      `Not inspected: np.fft.fft is not supported (yet) ${HOSTILE} (softmax${HOSTILE}.py:7:5)`,
    );
    assert.equal(await page.locator('img').count(), 0, 'text from the document stays text');
    const first = await page.locator('#app > *:not([hidden])').first().getAttribute('id');
    assert.equal(first, 'gl-status', 'the refusal comes first');
    assert.equal(await page.locator('svg.gl-graph').isVisible(), false);
    assert.equal(await page.locator('#gl-output').isVisible(), false);

    await panel.clearPosted();
    await page.locator('button[data-action="show-previous"]').click();
    await panel.waitForPosted((message) => message.type === 'showPrevious');
    // The host answers with the status it now keeps.
    await sendStatus({ ...REFUSED, previousShown: true });
    await page.locator('.gl-earlier').waitFor();
    assert.equal(
      (await page.locator('.gl-earlier').innerText()).trim(),
      'Below: f in reference.py, for an earlier selection.',
    );
    assert.equal(await page.locator('svg.gl-graph').isVisible(), true);
    assert.equal(await page.locator('button[data-action="show-previous"]').count(), 0);
    assert.equal(await alert.isVisible(), true, 'the refusal stays said');
    assert.ok(await page.locator('#app.gl-is-earlier').count());
  });

  it('marks the result as an earlier selection’s while a new one is read, and clears when current', async () => {
    const { page } = panel;
    await sendStatus({ kind: 'pending' });
    await page.locator('.gl-status--pending').waitFor();
    assert.match(await page.locator('#gl-status').innerText(), /Inspecting the new selection/);
    assert.match(await page.locator('.gl-earlier').innerText(), /for an earlier selection/);
    assert.equal(await page.locator('svg.gl-graph').isVisible(), true);

    await sendStatus({ kind: 'current' });
    await page.locator('#gl-status').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#app.gl-is-earlier').count(), 0);
    assert.equal(await page.locator('.gl-earlier').count(), 0);
  });

  it('with nothing shown before, says the refusal and offers no previous result', async () => {
    await panel.load();
    await panel.sendSnapshot(undefined);
    await sendStatus(REFUSED);
    await panel.page.locator('#gl-status [role="alert"]').waitFor();
    assert.equal(await panel.page.locator('button[data-action="show-previous"]').count(), 0);
  });

  it('drops a malformed status and keeps the result as it was', async () => {
    await panel.send({ type: 'status', status: { kind: 'refused', message: 'x' } });
    await panel.waitForPosted((m) => m.type === 'log' && String(m.message).includes('status'));
    assert.equal(await panel.page.locator('#gl-status').isVisible(), false);
    assert.equal(await panel.page.locator('svg.gl-graph').isVisible(), true);
  });
});
