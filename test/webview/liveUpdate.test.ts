import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PanelInspection } from '../../src/protocol/protocol';
import { inspectionOf } from '../support/inspections';
import { pythonLossRequest } from '../support/pythonLoss';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

const URI = 'file:///work/loss.py';

/** A Python loss of about 200 nodes read through the real pipeline, with `w` as given. */
async function lossAt(w: number): Promise<PanelInspection> {
  const request = { ...pythonLossRequest(28), values: { w } };
  const inspection = await inspectionOf(request);
  return {
    uri: URI,
    fileName: 'loss.py',
    result: inspection.result,
    values: inspection.values,
    lineOffset: 0,
    outputChosen: false,
    request: { selection: inspection.program.range, values: { w } },
  };
}

/** In the page: every element of the drawing, kept to tell later whether they are the same. */
const KEEP_ELEMENTS = `(() => {
  window.__kept = [...document.querySelectorAll('svg.gl-graph, svg.gl-graph *')];
  return window.__kept.length;
})()`;

/** In the page: how many of the kept elements are still in the drawing. */
const KEPT_IN_DRAWING = `(() => window.__kept.filter((element) => element.isConnected).length)()`;

const DRAWING = `document.querySelector('svg.gl-graph').outerHTML`;
const TRANSFORM = `document.querySelector('.gl-stage').style.transform`;

describe('panel live update in headless Chromium', function () {
  this.timeout(30_000);
  let browser: Browser;
  let files: PanelFiles;
  let panel: PanelPage;
  let first: PanelInspection;
  let edited: PanelInspection;

  before(async function () {
    this.timeout(60_000);
    [browser, files, first, edited] = await Promise.all([
      launchChromium(),
      buildPanelFiles(),
      lossAt(0.5),
      lossAt(-0.75),
    ]);
    panel = await PanelPage.create(browser, files);
  });

  beforeEach(async () => {
    await panel.load();
  });

  afterEach(async () => {
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  it('changes the numbers of the same graph in place: every element kept, the view kept', async () => {
    assert.ok(first.result.nodes.length >= 180, `${first.result.nodes.length} nodes`);
    assert.equal(edited.result.nodes.length, first.result.nodes.length);
    await panel.sendSnapshot(first);
    const { page } = panel;
    const elements = (await page.evaluate(KEEP_ELEMENTS)) as number;
    const drawnBefore = (await page.evaluate(DRAWING)) as string;
    const view = (await page.evaluate(TRANSFORM)) as string;

    await panel.sendSnapshot(edited);
    assert.equal(await page.evaluate(KEPT_IN_DRAWING), elements, 'elements replaced');
    assert.equal(await page.evaluate(TRANSFORM), view);
    const drawnAfter = (await page.evaluate(DRAWING)) as string;
    assert.notEqual(drawnAfter, drawnBefore, 'the numbers did not change');
  });

  it('ends with exactly the drawing a fresh panel makes of the new numbers: no stale number left', async () => {
    const { page } = panel;
    await panel.sendSnapshot(first);
    await panel.sendSnapshot(edited);
    const updated = (await page.evaluate(DRAWING)) as string;
    const output = (await page.locator('#gl-output').innerText()).trim();

    await panel.load();
    await panel.sendSnapshot(edited);
    assert.equal(updated, await page.evaluate(DRAWING));
    assert.equal(output, (await page.locator('#gl-output').innerText()).trim());
  });

  it('after backward steps, ends as a fresh panel stepped as far: no mark of the old numbers', async () => {
    const { page } = panel;
    // → on the page (not on the graph's viewport, where arrow keys move the view) steps.
    const steps = (): Promise<unknown> =>
      page.evaluate(`(() => {
        for (let k = 0; k < 3; k += 1) {
          document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        }
      })()`);
    await panel.sendSnapshot(first);
    await steps();
    await panel.sendSnapshot(edited);
    const updated = (await page.evaluate(DRAWING)) as string;

    await panel.load();
    await panel.sendSnapshot(edited);
    await steps();
    const fresh = (await page.evaluate(DRAWING)) as string;
    assert.ok(fresh.includes('gl-stepping'), 'the fresh panel is stepping');
    assert.equal(updated, fresh);
  });

  it('draws a graph of another shape anew, fitted', async () => {
    const { page } = panel;
    await panel.sendSnapshot(first);
    await page.evaluate(KEEP_ELEMENTS);
    const smaller = await inspectionOf({ ...pythonLossRequest(3), values: { w: 0.5 } });
    await panel.sendSnapshot({ ...first, result: smaller.result, values: smaller.values });
    assert.equal(await page.evaluate(KEPT_IN_DRAWING), 0);
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), smaller.result.nodes.length);
  });
});
