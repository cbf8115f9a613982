import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { PanelInspection } from '../../src/protocol/protocol';
import { inspectionOf } from '../support/inspections';
import { writtenOutNeurons } from '../support/writtenOutNeurons';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

async function panelInspection(
  source: string,
  language: 'python' | 'math',
  fileName: string,
): Promise<PanelInspection> {
  const inspection = await inspectionOf({ source, language });
  return {
    uri: `file:///work/${fileName}`,
    fileName,
    result: inspection.result,
    values: inspection.values,
    lineOffset: 0,
    outputChosen: false,
    request: { selection: inspection.program.range, values: {} },
  };
}

describe('graph panel page: groups all at once, big graphs collapsed, found nodes opened', function () {
  this.timeout(30_000);
  let browser: Browser;
  let files: PanelFiles;
  let sum: PanelInspection;
  let layer: PanelInspection;
  let small: PanelInspection;
  let panel: PanelPage;

  before(async function () {
    this.timeout(60_000);
    [browser, files, sum, layer, small] = await Promise.all([
      launchChromium(),
      buildPanelFiles(),
      panelInspection('\\sum_{i=1}^{3} w_i x_i   % at: w=[1, 2, 3], x=[4, 5, 6]', 'math', 'sum.md'),
      panelInspection(writtenOutNeurons(40), 'python', 'layer.py'),
      panelInspection(writtenOutNeurons(3), 'python', 'small.py'),
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

  const nodes = () => panel.page.locator('svg.gl-graph g.gl-node').count();
  const clusters = () => panel.page.locator('svg.gl-graph g.gl-cluster').count();
  const boxes = () => panel.page.locator('svg.gl-graph g.gl-node--group').count();

  it('collapses and expands every group with the toolbar and with C and E', async () => {
    const { page } = panel;
    await panel.sendSnapshot(sum);
    // A loop and its three iterations, all open: six inputs, three products, two additions.
    assert.equal(await nodes(), 11);
    assert.equal(await clusters(), 4);

    await page.locator('button[data-action="collapse-all"]').click();
    assert.equal(await clusters(), 0);
    assert.equal(await boxes(), 1, 'the loop is one box; its iterations are inside it');
    assert.equal(await nodes(), 7);

    await page.locator('button[data-action="expand-all"]').click();
    assert.equal(await clusters(), 4);
    assert.equal(await nodes(), 11);

    await page.locator('svg.gl-graph').focus();
    await page.keyboard.press('c');
    assert.equal(await boxes(), 1);
    // Opening the loop shows its iterations still collapsed: collapse all folded every level.
    await page.locator('g.gl-node--group[data-group="0"]').click();
    assert.equal(await boxes(), 3);
    await page.keyboard.press('e');
    assert.equal(await boxes(), 0);
    assert.equal(await nodes(), 11);
  });

  it('turns the expand and collapse buttons off for a graph without groups', async () => {
    await panel.sendSnapshot(
      await panelInspection('x = 2\ny = 3\nf = x * y + x\n', 'python', 'plain.py'),
    );
    assert.equal(await panel.page.locator('button[data-action="expand-all"]').isDisabled(), true);
    assert.equal(await panel.page.locator('button[data-action="collapse-all"]').isDisabled(), true);
  });

  it('opens a graph of more than 150 nodes collapsed: 40 neurons written out are one box', async () => {
    const { page } = panel;
    assert.ok(layer.result.nodes.length > 150);
    await panel.sendSnapshot(layer);
    assert.equal(await clusters(), 0);
    const box = page.locator('g.gl-node--group[data-group="0"]');
    assert.equal(
      (await box.locator('text.gl-symbol').textContent())?.trim(),
      '▸ 40 × tanh(· × · + · × · + ·)',
    );
    // Two shared inputs, 120 weights and biases, 39 additions and the box.
    assert.equal(await nodes(), 162);
  });

  it('draws the groups a snapshot carries and looks for no repeated shapes itself', async () => {
    const { page } = panel;
    // The layer as the host would never send it: without the groups its snapshot is made with.
    await panel.send({
      type: 'snapshot',
      inspection: layer,
      settings: { precision: 6 },
      selectedNode: null,
    });
    await page.locator('#app[data-snapshots="1"]').waitFor();
    assert.equal(await boxes(), 0);
    assert.equal(await clusters(), 0);
    assert.equal(await nodes(), layer.result.nodes.length);
  });

  it('opens a graph of at most 150 nodes with its groups open, repeated shapes not boxed', async () => {
    await panel.sendSnapshot(sum);
    assert.equal(await boxes(), 0);
    assert.equal(await clusters(), 4);
    await panel.sendSnapshot(small);
    assert.equal(await boxes(), 0);
    assert.equal(await clusters(), 0, 'three neurons written out: readable without boxes');
  });

  it('Find goes into collapsed groups and opens the ones on the way', async () => {
    const { page } = panel;
    await panel.sendSnapshot(layer);
    const n17 = layer.result.nodes.find((node) => node.name === 'n17')!;
    assert.equal(await page.locator(`g.gl-node[data-node="${n17.id}"]`).count(), 0);
    const find = page.locator('#gl-find');
    await find.fill('n17');
    await find.press('Enter');
    const node = page.locator(`g.gl-node[data-node="${n17.id}"]`);
    await node.waitFor();
    assert.match((await node.getAttribute('class')) ?? '', /gl-node--selected/);
    // The family is open; the other 39 neurons stay collapsed in their own boxes.
    assert.equal(await boxes(), 39);
    assert.equal(
      (await page.locator('g.gl-cluster[data-group="0"] .gl-cluster-label').textContent())?.trim(),
      '▾ 40 × tanh(· × · + · × · + ·)',
    );
  });

  it('"Show in graph" (the host selects a node) opens the groups on the way', async () => {
    const { page } = panel;
    await panel.sendSnapshot(layer);
    const inner = layer.result.nodes.find((node) => node.name === 'n5')!;
    assert.equal(await page.locator(`g.gl-node[data-node="${inner.id}"]`).count(), 0);
    await panel.send({ type: 'selectNode', node: inner.id });
    const node = page.locator(`g.gl-node[data-node="${inner.id}"]`);
    await node.waitFor();
    assert.match((await node.getAttribute('class')) ?? '', /gl-node--selected/);
  });
});
