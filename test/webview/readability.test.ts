/**
 * The drawing stays readable in a 550 px panel (issue 15, item 5), checked in a real Chromium
 * page: no drawn text below 11 CSS pixels (its computed font size times the view's scale), no
 * two texts of the drawing overlapping (their boxes after layout), the fit that stops at that
 * size and the graph that pans instead, the minimap, and a screenshot of each graph in
 * test-output/screenshots (scripts/copyScreenshots.mjs copies them to docs/screenshots).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { tensorSnapshotMessage } from '../../src/protocol/messages';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';
import { readabilityCases, type ReadabilityCase } from './readabilityGraphs';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const PANEL_WIDTH = 550;
const PANEL_HEIGHT = 900;
const MIN_TEXT_PX = 11;

interface TextBox {
  readonly text: string;
  readonly kind: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The size it is drawn at on screen, in CSS pixels. */
  readonly px: number;
}

/** In the page: every text of the drawing, its box in the drawing's units and its screen size. */
const MEASURE_TEXTS = `(() => {
  const svg = [...document.querySelectorAll('svg.gl-graph')].find((s) => s.getBoundingClientRect().width > 0);
  const stage = svg.closest('.gl-stage');
  const scale = new DOMMatrix(getComputedStyle(stage).transform).a;
  return [...svg.querySelectorAll('text')].map((text) => {
    const box = text.getBBox();
    return {
      text: text.textContent,
      kind: text.getAttribute('class') ?? '',
      x: box.x, y: box.y, width: box.width, height: box.height,
      px: parseFloat(getComputedStyle(text).fontSize) * scale,
    };
  });
})()`;

const VIEW = `(() => {
  const svg = [...document.querySelectorAll('svg.gl-graph')].find((s) => s.getBoundingClientRect().width > 0);
  const stage = svg.closest('.gl-stage');
  const m = new DOMMatrix(getComputedStyle(stage).transform);
  const viewport = svg.closest('.gl-viewport').getBoundingClientRect();
  return { x: m.e, y: m.f, k: m.a, width: svg.width.baseVal.value, height: svg.height.baseVal.value,
    viewportWidth: viewport.width, viewportHeight: viewport.height };
})()`;

interface View {
  readonly x: number;
  readonly y: number;
  readonly k: number;
  readonly width: number;
  readonly height: number;
  readonly viewportWidth: number;
  readonly viewportHeight: number;
}

/** Overlaps of more than a hair (half a unit each way), by a sweep over the boxes' left edges. */
function overlaps(boxes: readonly TextBox[]): string[] {
  const sorted = [...boxes].filter((box) => box.width > 0).sort((a, b) => a.x - b.x);
  const found: string[] = [];
  const EPS = 0.5;
  for (let i = 0; i < sorted.length; i += 1) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width - EPS; j += 1) {
      const b = sorted[j]!;
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dy > EPS) {
        found.push(
          `"${a.text}" (${a.kind}) and "${b.text}" (${b.kind}) at ${Math.round(b.x)},${Math.round(b.y)}`,
        );
      }
    }
  }
  return found;
}

describe('graph panel readable at 550 px (headless Chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let files: PanelFiles;
  let cases: ReadabilityCase[];
  let panel: PanelPage;

  before(async function () {
    this.timeout(60_000);
    [browser, files, cases] = await Promise.all([
      launchChromium(),
      buildPanelFiles(),
      readabilityCases(),
    ]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    panel = await PanelPage.create(browser, files);
    await panel.page.setViewportSize({ width: PANEL_WIDTH, height: PANEL_HEIGHT });
  });

  beforeEach(async () => {
    await panel.load();
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  function graph(name: string): ReadabilityCase {
    const found = cases.find((c) => c.name === name);
    assert.ok(found !== undefined, name);
    return found;
  }

  async function show(name: string): Promise<void> {
    await panel.setTheme('light');
    const shown = graph(name);
    if (shown.kind === 'scalar') {
      await panel.sendSnapshot(shown.inspection);
    } else {
      const count = Number((await panel.page.locator('#app').getAttribute('data-snapshots')) ?? 0);
      await panel.send(tensorSnapshotMessage(shown.inspection, { precision: 6 }), true);
      await panel.page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
    }
    await panel.page
      .locator('svg.gl-graph')
      .first()
      .waitFor({ state: 'attached' })
      .catch(async (error: unknown) => {
        await panel.page.screenshot({ path: join(SCREENSHOTS, `failed-${name}.png`) });
        throw new Error(`${String(error)}; posted ${JSON.stringify(await panel.posted())}`);
      });
  }

  for (const name of [
    'sigmoid-neuron',
    'dense-layer',
    'two-layer-net',
    'two-layer-net-arrays',
    'softmax-arrays',
    'random-dag-2000',
  ]) {
    it(`draws ${name} with no text below ${MIN_TEXT_PX} px and no overlapping labels`, async () => {
      await show(name);
      const boxes = await panel.page.evaluate<TextBox[]>(MEASURE_TEXTS);
      assert.ok(boxes.length > 0);
      const small = boxes.filter((box) => box.px < MIN_TEXT_PX - 1e-9);
      assert.deepEqual(
        small.slice(0, 5).map((box) => `${box.text} at ${box.px} px`),
        [],
        `${small.length} texts below ${MIN_TEXT_PX} px`,
      );
      const found = overlaps(boxes);
      assert.deepEqual(found.slice(0, 10), [], `${found.length} overlapping labels`);
      await panel.page.mouse.move(0, 0);
      await panel.page.screenshot({ path: join(SCREENSHOTS, `panel-${name}.png`) });
      assert.deepEqual(await panel.problems(), []);
    });
  }

  for (const name of [
    'sigmoid-neuron',
    'dense-layer',
    'two-layer-net',
    'two-layer-net-arrays',
    'softmax-arrays',
  ]) {
    it(`lays ${name} out top to bottom on the toggle, readable and without overlaps`, async () => {
      await show(name);
      const toggle = panel.page.locator('button[data-action="direction"]');
      assert.equal(await toggle.getAttribute('data-direction'), 'right');
      await toggle.click();
      await panel.page.locator('svg.gl-graph.gl-graph--down').waitFor();
      assert.equal(await toggle.getAttribute('data-direction'), 'down');
      const result = graph(name).inspection.result;
      const output = await panel.page
        .locator(`g.gl-node[data-node="${result.output.id}"] .gl-shape`)
        .boundingBox();
      const input = await panel.page.locator(`g.gl-node--input .gl-shape`).first().boundingBox();
      assert.ok(output!.y > input!.y + input!.height, 'the output is below the inputs');
      const boxes = await panel.page.evaluate<TextBox[]>(MEASURE_TEXTS);
      assert.deepEqual(
        boxes.filter((box) => box.px < MIN_TEXT_PX - 1e-9).map((box) => box.text),
        [],
      );
      const found = overlaps(boxes);
      assert.deepEqual(found.slice(0, 10), [], `${found.length} overlapping labels`);
      await panel.page.mouse.move(0, 0);
      await panel.page.screenshot({ path: join(SCREENSHOTS, `panel-${name}-down.png`) });
      await toggle.click();
      await panel.page.locator('svg.gl-graph:not(.gl-graph--down)').waitFor();
      assert.deepEqual(await panel.problems(), []);
    });
  }

  it('lays the graph out top to bottom by itself in a tall, narrow panel', async () => {
    await panel.page.setViewportSize({ width: PANEL_WIDTH, height: 1600 });
    try {
      await show('sigmoid-neuron');
      await panel.page.locator('svg.gl-graph.gl-graph--down').waitFor();
      await panel.page.setViewportSize({ width: PANEL_WIDTH, height: PANEL_HEIGHT });
      await panel.page.locator('svg.gl-graph:not(.gl-graph--down)').waitFor();
    } finally {
      await panel.page.setViewportSize({ width: PANEL_WIDTH, height: PANEL_HEIGHT });
    }
  });

  it('finds two labels drawn over each other (the check can fail)', async () => {
    await show('sigmoid-neuron');
    await panel.page.evaluate(`(() => {
      const value = document.querySelector('svg.gl-graph text.gl-value');
      value.after(value.cloneNode(true));
    })()`);
    const boxes = await panel.page.evaluate<TextBox[]>(MEASURE_TEXTS);
    assert.equal(overlaps(boxes).length, 1);
  });

  it('fits a big graph only down to the readable size, then it pans (wheel, arrow keys)', async () => {
    await show('random-dag-2000');
    const fitted = await panel.page.evaluate<View>(VIEW);
    assert.ok(fitted.k >= 1, `scale ${fitted.k}`);
    assert.ok(
      fitted.width * fitted.k > fitted.viewportWidth ||
        fitted.height * fitted.k > fitted.viewportHeight,
      'the drawing is bigger than the view',
    );
    const viewport = panel.page.locator('.gl-viewport');
    const box = (await viewport.boundingBox())!;
    await panel.page.mouse.move(box.x + 20, box.y + box.height - 20);
    await panel.page.mouse.wheel(0, 200);
    const wheeled = await panel.page.evaluate<View>(VIEW);
    assert.ok(wheeled.y < fitted.y - 100, `wheel: ${fitted.y} → ${wheeled.y}`);
    assert.equal(wheeled.k, fitted.k);
    await viewport.focus();
    await panel.page.keyboard.press('ArrowDown');
    const keyed = await panel.page.evaluate<View>(VIEW);
    assert.ok(keyed.y < wheeled.y, `arrow key: ${wheeled.y} → ${keyed.y}`);
    await panel.page.keyboard.press('0');
    const refitted = await panel.page.evaluate<View>(VIEW);
    assert.equal(refitted.k, fitted.k);
    assert.equal(refitted.y, fitted.y);
    await panel.page.keyboard.press('-');
    await panel.page.keyboard.press('-');
    const zoomedOut = await panel.page.evaluate<View>(VIEW);
    assert.ok(zoomedOut.k < 1, 'the user may zoom out further than the fit');
  });

  it('enlarges a small graph to fit a wide panel, as before', async () => {
    // 1,800 px: the neuron's edges keep room for a number of any digits (1,360 units wide).
    await panel.page.setViewportSize({ width: 1800, height: PANEL_HEIGHT });
    try {
      await show('sigmoid-neuron');
      const view = await panel.page.evaluate<View>(VIEW);
      assert.ok(view.k > 1, `scale ${view.k} of ${view.width} units in ${view.viewportWidth} px`);
      assert.ok(view.width * view.k <= view.viewportWidth);
      assert.ok(await panel.page.locator('.gl-minimap').isHidden(), 'no minimap when it all fits');
    } finally {
      await panel.page.setViewportSize({ width: PANEL_WIDTH, height: PANEL_HEIGHT });
    }
  });

  it("draws the README's pictures of the panel, light and dark", async () => {
    await panel.page.setViewportSize({ width: 1400, height: 820 });
    try {
      for (const theme of ['light', 'dark'] as const) {
        await panel.load();
        await panel.setTheme(theme);
        const neuron = graph('sigmoid-neuron');
        assert.ok(neuron.kind === 'scalar');
        await panel.sendSnapshot(neuron.inspection);
        await panel.page.locator('button[data-action="first"]').click();
        for (let i = 0; i < 4; i += 1) {
          await panel.page.keyboard.press('ArrowRight');
        }
        await panel.page.mouse.move(0, 0);
        const active = panel.page.locator('svg.gl-graph.gl-stepping');
        assert.equal(await active.count(), 1, 'a backward step is shown');
        // The header, the step, the graph and the node's details; the table stays out.
        const main = (await panel.page.locator('.gl-main').boundingBox())!;
        await panel.page.screenshot({
          path: join(SCREENSHOTS, `panel-${theme}.png`),
          clip: { x: 0, y: 0, width: 1400, height: Math.ceil(main.y + main.height + 8) },
        });
      }
    } finally {
      await panel.page.setViewportSize({ width: PANEL_WIDTH, height: PANEL_HEIGHT });
    }
  });

  it('shows a minimap of a graph bigger than the view; a click on it moves the view there', async () => {
    await show('random-dag-2000');
    const minimap = panel.page.locator('.gl-minimap');
    await minimap.waitFor();
    const before = await panel.page.evaluate<View>(VIEW);
    const map = (await minimap.boundingBox())!;
    // The far end of the drawing: the output, bottom right.
    await minimap.click({ position: { x: map.width - 3, y: map.height - 3 } });
    const after = await panel.page.evaluate<View>(VIEW);
    assert.equal(after.k, before.k);
    const centreX = (after.viewportWidth / 2 - after.x) / after.k;
    const centreY = (after.viewportHeight / 2 - after.y) / after.k;
    assert.ok(centreX > before.width * 0.9, `view centred at x ${centreX} of ${before.width}`);
    assert.ok(centreY > before.height * 0.9, `view centred at y ${centreY} of ${before.height}`);
    assert.deepEqual(await panel.problems(), []);
  });
});
