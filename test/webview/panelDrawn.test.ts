import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PanelInspection } from '../../src/protocol/protocol';
import { REFERENCE_PYTHON, inspectionOf, linesRange } from '../support/inspections';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

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

describe('graph panel page: tells the host when a snapshot is drawn', function () {
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

  afterEach(async () => {
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  it('posts `drawn` with each snapshot’s number once its graph is in the page', async () => {
    await panel.load();
    await panel.sendSnapshot(inspection);
    const first = await panel.waitForPosted((message) => message.type === 'drawn');
    assert.deepEqual(first, { type: 'drawn', snapshot: 1 });
    assert.ok((await panel.page.locator('svg.gl-graph').count()) > 0, 'no graph was drawn');

    await panel.sendSnapshot(undefined);
    const second = await panel.waitForPosted(
      (message) => message.type === 'drawn' && message.snapshot === 2,
    );
    assert.deepEqual(second, { type: 'drawn', snapshot: 2 });
    const drawn = (await panel.posted()).filter((message) => message.type === 'drawn');
    assert.equal(drawn.length, 2, 'one `drawn` per snapshot');
  });
});
