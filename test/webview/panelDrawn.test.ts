import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { parseWebviewMessage } from '../../src/protocol/messages';
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

/** Checks a `drawn` message: its snapshot's number, and the page's times, each a duration. */
function assertDrawn(posted: unknown, snapshot: number): void {
  const parsed = parseWebviewMessage(posted);
  assert.ok(parsed.ok, JSON.stringify(posted));
  const message = parsed.message;
  assert.ok(message.type === 'drawn', JSON.stringify(message));
  assert.equal(message.snapshot, snapshot);
  const timings = message.timings;
  assert.ok(timings !== undefined, '`drawn` says nothing of the page’s stages');
  assert.deepEqual(Object.keys(timings).sort(), ['checkMs', 'decodeMs', 'frameMs', 'renderMs']);
  for (const [stage, ms] of Object.entries(timings)) {
    assert.ok(Number.isFinite(ms) && ms >= 0, `${stage}: ${ms}`);
  }
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

  it('posts `drawn` with each snapshot’s number and the page’s stages once its graph is in the page', async () => {
    await panel.load();
    await panel.sendSnapshot(inspection);
    const first = await panel.waitForPosted((message) => message.type === 'drawn');
    assertDrawn(first, 1);
    assert.ok((await panel.page.locator('svg.gl-graph').count()) > 0, 'no graph was drawn');

    await panel.sendSnapshot(undefined);
    const second = await panel.waitForPosted(
      (message) => message.type === 'drawn' && message.snapshot === 2,
    );
    assertDrawn(second, 2);
    const drawn = (await panel.posted()).filter((message) => message.type === 'drawn');
    assert.equal(drawn.length, 2, 'one `drawn` per snapshot');
  });
});
