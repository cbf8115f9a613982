import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { tensorSnapshotMessage } from '../../src/protocol/messages';
import type { PanelTensorInspection } from '../../src/protocol/protocol';
import { reluPanel } from '../support/reluTensor';
import { samplePanel } from '../support/tensorPanels';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

async function sendTensor(panel: PanelPage, inspection: PanelTensorInspection): Promise<void> {
  const count = Number((await panel.page.locator('#app').getAttribute('data-snapshots')) ?? '0');
  await panel.send(tensorSnapshotMessage(inspection, { precision: 6 }), true);
  await panel.page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
}

/** The drawing's scale: the graph stage's CSS transform (`translate(…) scale(k)`). */
async function scale(panel: PanelPage): Promise<number> {
  const style = await panel.page.locator('#gl-tensor-graph .gl-stage').getAttribute('style');
  const k = /scale\(([\d.e+-]+)\)/.exec(style ?? '');
  assert.ok(k !== null, `a scale in ${style}`);
  return Number(k[1]);
}

describe("tensor graph with the scalar graph's tools (headless Chromium)", function () {
  this.timeout(60_000);
  let browser: Browser;
  let files: PanelFiles;
  let panel: PanelPage;
  let net: PanelTensorInspection;

  before(async function () {
    this.timeout(90_000);
    [browser, files, net] = await Promise.all([
      launchChromium(),
      buildPanelFiles(),
      samplePanel('two_layer_net.py'),
    ]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    panel = await PanelPage.create(browser, files);
    await panel.page.setViewportSize({ width: 550, height: 900 });
  });

  beforeEach(async () => {
    await panel.load();
    await panel.setTheme('light');
  });

  afterEach(async () => {
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  it('offers fit, zoom, expand and collapse all, find and PNG; no SVG or DOT, no step filters', async () => {
    await sendTensor(panel, net);
    const actions = await panel.page
      .locator('#gl-tensor-graph .gl-toolbar button')
      .evaluateAll((buttons) => buttons.map((b) => `${b.getAttribute('data-action')}`));
    assert.deepEqual(actions, [
      'fit',
      'zoom-out',
      'zoom-in',
      'expand-all',
      'collapse-all',
      'export-png',
    ]);
    assert.equal(await panel.page.locator('#gl-tensor-graph #gl-find').count(), 1);
    for (const action of ['expand-all', 'collapse-all']) {
      assert.equal(await panel.page.locator(`button[data-action="${action}"]`).isEnabled(), true);
    }
    assert.ok(
      await panel.page.locator('#gl-tensor-graph button[data-action="direction"]').isVisible(),
    );
    assert.equal(await panel.page.locator('#gl-hide-constants').count(), 0);
  });

  it('turns expand and collapse off for a graph without groups', async () => {
    await sendTensor(panel, reluPanel());
    for (const action of ['expand-all', 'collapse-all']) {
      assert.equal(await panel.page.locator(`button[data-action="${action}"]`).isDisabled(), true);
    }
  });

  it('collapses the call into one box and opens it: buttons, C and E, click, Enter on label or box', async () => {
    await sendTensor(panel, net);
    const page = panel.page;
    const cluster = page.locator('#gl-tensor-graph g.gl-cluster[data-group="0"]');
    const box = page.locator('#gl-tensor-graph g.gl-node--group[data-group="0"]');
    assert.equal(await cluster.count(), 1);
    assert.equal(await box.count(), 0);
    await page.locator('button[data-action="collapse-all"]').click();
    await box.waitFor();
    assert.equal(await cluster.count(), 0);
    assert.match((await box.textContent()) ?? '', /two_layer_net_loss/);
    // Five inputs feed the box: W1, b1, W2, b2 and X, each edge with its value's heat map.
    const into = page.locator(`#gl-tensor-graph g.gl-edge[data-from="${net.result.output.id}"]`);
    assert.equal(await into.count(), 5);
    assert.equal(await into.locator('g.gl-heat--grad').count(), 0);
    assert.equal(await into.locator('g.gl-heat--value').count(), 5);
    await page.keyboard.press('e');
    await cluster.waitFor();
    await page.keyboard.press('c');
    await box.waitFor();
    await box.click();
    await cluster.waitFor();
    await cluster.locator('.gl-cluster-label').focus();
    await page.keyboard.press('Enter');
    await box.waitFor();
    await box.focus();
    await page.keyboard.press('Enter');
    await cluster.waitFor();
  });

  it('finds a node inside a collapsed call: opens the call, marks and selects the node', async () => {
    await sendTensor(panel, net);
    const page = panel.page;
    await page.keyboard.press('c');
    await page.locator('#gl-tensor-graph g.gl-node--group').waitFor();
    const probs = net.result.nodes.find((node) => node.name === 'probs')!;
    assert.equal(probs.group, 0);
    const node = page.locator(`#gl-tensor-graph g.gl-node[data-node="${probs.id}"]`);
    assert.equal(await node.count(), 0);
    await page.keyboard.press('/');
    await page.keyboard.type('probs');
    await page.keyboard.press('Enter');
    await page.locator(`#gl-tensor-graph g.gl-node--selected[data-node="${probs.id}"]`).waitFor();
    assert.match((await node.getAttribute('class')) ?? '', /gl-node--match/);
    assert.equal(await page.locator('#gl-tensor-graph g.gl-cluster[data-group="0"]').count(), 1);
  });

  it('zooms with + and −, fits with 0', async () => {
    await sendTensor(panel, net);
    const fitted = await scale(panel);
    await panel.page.locator('#gl-tensor-graph .gl-viewport').focus();
    await panel.page.keyboard.press('+');
    assert.ok(Math.abs((await scale(panel)) - fitted * 1.25) < 1e-6);
    await panel.page.locator('button[data-action="zoom-out"]').click();
    await panel.page.locator('button[data-action="zoom-out"]').click();
    assert.ok(Math.abs((await scale(panel)) - fitted / 1.25) < 1e-6);
    await panel.page.keyboard.press('0');
    assert.ok(Math.abs((await scale(panel)) - fitted) < 1e-6);
  });

  it('lays the graph out top to bottom and back: shapes and reductions, heat maps left to right', async () => {
    await sendTensor(panel, net);
    const page = panel.page;
    const toggle = page.locator('#gl-tensor-graph button[data-action="direction"]');
    assert.equal(await toggle.getAttribute('data-direction'), 'right');
    assert.ok((await page.locator('#gl-tensor-graph g.gl-heat').count()) > 0);
    await toggle.click();
    await page.locator('#gl-tensor-graph svg.gl-graph--down').waitFor();
    assert.equal(await page.locator('#gl-tensor-graph g.gl-heat').count(), 0);
    const reductions = await page
      .locator('#gl-tensor-graph text.gl-grad')
      .evaluateAll((texts) => texts.map((text) => text.textContent));
    assert.ok(reductions.includes('Σ (5, 10) → (10,)'), reductions.join(' | '));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'tensor-tools-down.png') });
    await toggle.click();
    await page.locator('#gl-tensor-graph svg.gl-graph:not(.gl-graph--down)').waitFor();
    assert.ok((await page.locator('#gl-tensor-graph g.gl-heat').count()) > 0);
  });

  it('exports the drawing as PNG, rendered in the page', async () => {
    await sendTensor(panel, net);
    await panel.page.locator('#gl-tensor-graph button[data-action="export-png"]').click();
    const png = await panel.waitForPosted((m) => m.type === 'exportPng');
    const bytes = Buffer.from(String(png.dataUrl).slice('data:image/png;base64,'.length), 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(bytes.readUInt32BE(16) > 300, 'PNG width');
  });
});
