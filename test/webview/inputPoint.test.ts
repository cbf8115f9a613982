import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PanelInspection } from '../../src/protocol/protocol';
import { REFERENCE_PYTHON, inspectionOf } from '../support/inspections';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

/** `f = w0 * x0 + … + w19 * x19`: 40 inputs, far more than one line of the heading holds. */
const LAYER = `f = ${Array.from({ length: 20 }, (_, i) => `w${i} * x${i}`).join(' + ')}\n`;

async function panelInspection(source: string, values: Record<string, number> = {}) {
  const inspection = await inspectionOf({ source, language: 'python', values });
  return {
    uri: 'file:///work/layer.py',
    fileName: 'layer.py',
    result: inspection.result,
    values: inspection.values,
    lineOffset: 0,
    outputChosen: false,
    request: inspection.request,
  } satisfies PanelInspection;
}

describe('graph panel page: the heading’s input values', function () {
  this.timeout(20_000);
  let browser: Browser;
  let files: PanelFiles;
  let layer: PanelInspection;
  let reference: PanelInspection;
  let panel: PanelPage;

  before(async function () {
    this.timeout(30_000);
    const values = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        [`w${i}`, i / 7 - 1],
        [`x${i}`, 2 - i / 3],
      ]).flat(),
    );
    [browser, files, layer, reference] = await Promise.all([
      launchChromium(),
      buildPanelFiles(),
      panelInspection(LAYER, values),
      panelInspection(REFERENCE_PYTHON),
    ]);
    panel = await PanelPage.create(browser, files);
    await panel.page.setViewportSize({ width: 550, height: 800 });
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

  /** Height of the values' text in lines of the heading's own line height. */
  async function lines(): Promise<number> {
    return panel.page.locator('.gl-point-text').evaluate((element) => {
      const view = globalThis as unknown as {
        getComputedStyle(e: unknown): { lineHeight: string; fontSize: string };
      };
      const style = view.getComputedStyle(element);
      const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
      return Math.round(element.getBoundingClientRect().height / line);
    });
  }

  it('shows one line of 40 inputs and a "more" button that opens the rest from the keyboard', async () => {
    const { page } = panel;
    await panel.sendSnapshot(layer);
    const more = page.locator('.gl-point-more');
    await more.waitFor({ state: 'visible' });
    assert.equal(await lines(), 1);
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.equal(await more.innerText(), 'more');

    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    assert.equal(await more.innerText(), 'less');
    assert.ok((await lines()) > 1, 'opened, the values wrap onto more lines');
    const text = await page.locator('.gl-point-text').innerText();
    assert.ok(text.startsWith('at w0 = −1, x0 = 2, w1 = −0.857143'), text);
    assert.ok(text.endsWith('x19 = −4.33333'), text);

    await page.keyboard.press('Space');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.equal(await lines(), 1);
  });

  it('keeps the values open across a new snapshot (a live update)', async () => {
    const { page } = panel;
    await panel.sendSnapshot(layer);
    const more = page.locator('.gl-point-more');
    await more.click();
    await panel.sendSnapshot(layer);
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    assert.ok((await lines()) > 1);
  });

  it('has no "more" button when the values fit on the line', async () => {
    const { page } = panel;
    await panel.sendSnapshot(reference);
    await page.waitForTimeout(100);
    assert.equal(await page.locator('.gl-point-text').innerText(), 'at x = −2, y = 5, z = −4');
    assert.equal(await page.locator('.gl-point-more').isVisible(), false);
  });
});
