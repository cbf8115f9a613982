import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { tensorSnapshotMessage } from '../../src/protocol/messages';
import type { PanelTensorInspection } from '../../src/protocol/protocol';
import { BROADCAST_X, broadcastPanel } from '../support/broadcastTensor';
import { reluPanel } from '../support/reluTensor';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

/** The light theme's ends and middle of the heat palette (panelPage's theme variables). */
const NEGATIVE = [26, 133, 255];
const POSITIVE = [209, 134, 22];
const NEUTRAL = [255, 255, 255];

async function sendTensor(panel: PanelPage, inspection: PanelTensorInspection): Promise<void> {
  const count = Number((await panel.page.locator('#app').getAttribute('data-snapshots')) ?? '0');
  await panel.send(tensorSnapshotMessage(inspection, { precision: 6 }), true);
  await panel.page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
}

/** The computed fills of a heat map's cells, in row-major order: what is drawn at each centre. */
async function cellFills(panel: PanelPage, heat: string): Promise<string[]> {
  return panel.page.locator(heat).evaluate((map) => {
    const frame = map.querySelector('rect.gl-heat-frame')!.getBoundingClientRect();
    const rows = Number(map.getAttribute('data-rows'));
    const cols = Number(map.getAttribute('data-cols'));
    const view = map.ownerDocument.defaultView!;
    const fills: string[] = [];
    for (let r = 0; r < rows; r += 1) {
      for (let c = 0; c < cols; c += 1) {
        const x = frame.left + ((c + 0.5) * frame.width) / cols;
        const y = frame.top + ((r + 0.5) * frame.height) / rows;
        const hit = map.ownerDocument.elementFromPoint(x, y);
        fills.push(hit?.closest('g.gl-heat') === map ? view.getComputedStyle(hit).fill : 'none');
      }
    }
    return fills;
  });
}

/** An sRGB colour as 0–255 channels: `rgb(…)` or `color(srgb …)` (what color-mix computes to). */
function channels(fill: string): number[] {
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(fill);
  if (rgb !== null) {
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  }
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)\)$/.exec(fill);
  assert.ok(srgb !== null, `a colour: ${fill}`);
  return [srgb[1], srgb[2], srgb[3]].map((part) => Math.round(Number(part) * 255));
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

describe('tensor graph drawn in the panel in headless Chromium', function () {
  this.timeout(30_000);
  let browser: Browser;
  let files: PanelFiles;
  let panel: PanelPage;

  before(async function () {
    this.timeout(60_000);
    [browser, files] = await Promise.all([launchChromium(), buildPanelFiles()]);
    panel = await PanelPage.create(browser, files);
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

  it('labels each tensor node with its glyph and shape, and keeps a scalar’s number', async () => {
    await sendTensor(panel, reluPanel());
    const symbols = await panel.page
      .locator('#gl-tensor-graph g.gl-node text.gl-symbol')
      .allTextContents();
    assert.deepEqual(symbols, ['x (3,)', 'relu (3,)', '2', '^ (3,)', 'Σ']);
    assert.equal(
      await panel.page
        .locator('#gl-tensor-graph g.gl-edge[data-edge="1-0-0"] text.gl-value')
        .textContent(),
      '(3,)',
      'a tensor edge carries its shape',
    );
    assert.equal(
      await panel.page
        .locator('#gl-tensor-graph g.gl-edge[data-edge="3-2-1"] text.gl-value')
        .textContent(),
      '2',
      'a scalar edge carries its number',
    );
    const label = await panel.page
      .locator('#gl-tensor-graph g.gl-node[data-node="0"]')
      .getAttribute('aria-label');
    assert.equal(
      label,
      'x (3,): −2 … 3, mean 0.666667, norm 3.74166; ∂y/∂x (3,): 0 … 6, mean 2.66667, norm 6.32456',
    );
  });

  it('colours a heat map’s cells by their values: negative end, neutral 0, positive end, NaN hatched', async () => {
    await sendTensor(panel, broadcastPanel());
    const fills = await cellFills(
      panel,
      '#gl-tensor-graph g.gl-edge[data-edge="2-0-0"] g.gl-heat--value',
    );
    assert.equal(fills.length, BROADCAST_X.length, 'one cell per element of a small tensor');
    // X = [[−2, 0, 1], [NaN, 4, −4]]: the scale is ±4, the largest finite magnitude.
    const [minusTwo, zero, one, nan, four, minusFour] = fills as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    assert.deepEqual(channels(minusFour), NEGATIVE, '−4 is the negative end');
    assert.deepEqual(channels(four), POSITIVE, '4 is the positive end');
    assert.deepEqual(channels(zero), NEUTRAL, '0 is the neutral colour');
    assert.ok(
      distance(channels(minusTwo), NEGATIVE) < distance(channels(one), NEGATIVE),
      '−2 is nearer the negative end than 1',
    );
    assert.ok(
      distance(channels(minusTwo), NEGATIVE) > 0 && distance(channels(minusTwo), NEUTRAL) > 0,
      '−2 lies between the neutral colour and the negative end',
    );
    assert.ok(distance(channels(one), POSITIVE) < distance(channels(one), NEGATIVE), '1 is orange');
    assert.match(nan, /^url\("#gl-heat-nan-hatch"\)$/, 'NaN is hatched, not coloured');
    const title = await panel.page
      .locator('#gl-tensor-graph g.gl-edge[data-edge="2-0-0"] g.gl-heat--value > title')
      .textContent();
    assert.match(title ?? '', /colour scale −4 \(blue\) … 0 … 4 \(orange\)/);
    assert.match(title ?? '', /1 cell hatched: NaN/);
  });

  it('draws the gradient’s heat map below the wire and marks the edge that reduces a broadcast gradient', async () => {
    await sendTensor(panel, broadcastPanel());
    const edge = panel.page.locator('#gl-tensor-graph g.gl-edge[data-edge="2-1-1"]');
    assert.equal(await edge.locator('text.gl-reduce').textContent(), 'Σ (2, 3) → (2, 1)');
    assert.equal(
      await panel.page.locator('#gl-tensor-graph text.gl-reduce').count(),
      1,
      'only the broadcast operand’s edge reduces',
    );
    const value = await edge.locator('g.gl-heat--value').boundingBox();
    const grad = await edge.locator('g.gl-heat--grad').boundingBox();
    const wire = await edge.locator('path.gl-wire').boundingBox();
    assert.ok(value !== null && grad !== null && wire !== null);
    const wireY = wire.y + wire.height;
    assert.ok(value.y + value.height < wireY, 'the value’s heat map is above the wire');
    assert.ok(grad.y > wireY - 1, 'the gradient’s heat map is below it');
    // ∂y/∂b = [[3], [3]]: both cells at the positive end.
    const fills = await cellFills(
      panel,
      '#gl-tensor-graph g.gl-edge[data-edge="2-1-1"] g.gl-heat--grad',
    );
    assert.deepEqual(fills.map(channels), [POSITIVE, POSITIVE]);
  });

  it('draws in a narrow panel (550 px) across its width, the nodes in view', async () => {
    const { page } = panel;
    const size = page.viewportSize();
    await page.setViewportSize({ width: 550, height: 700 });
    try {
      await sendTensor(panel, broadcastPanel());
      const viewport = await page.locator('#gl-tensor-graph .gl-viewport').boundingBox();
      assert.ok(viewport !== null && viewport.width > 500, `viewport ${viewport?.width} wide`);
      const node = await page.locator('#gl-tensor-graph g.gl-node[data-node="0"]').boundingBox();
      assert.ok(node !== null && node.width > 0, 'the input X is drawn');
      assert.ok(
        node.x >= viewport.x && node.x + node.width <= viewport.x + viewport.width,
        'inside the viewport',
      );
    } finally {
      if (size !== null) {
        await page.setViewportSize(size);
      }
    }
  });

  it('selects a node of the drawing when it is clicked', async () => {
    await sendTensor(panel, reluPanel());
    await panel.clearPosted();
    await panel.page.locator('#gl-tensor-graph g.gl-node[data-node="1"]').click();
    await panel.waitForPosted((message) => message.type === 'selectNode');
    assert.equal(
      await panel.page.locator('#gl-tensor-graph g.gl-node--selected').getAttribute('data-node'),
      '1',
    );
  });
});
