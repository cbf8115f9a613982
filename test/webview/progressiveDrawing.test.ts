import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { GraphBuilder } from '../../src/engine/graphBuilder';
import { inspectGraph } from '../../src/engine/inspect';
import { drawGraph } from '../../src/present/graph/drawGraph';
import { snapshotMessage } from '../../src/protocol/messages';
import type { PanelInspection } from '../../src/protocol/protocol';
import { inspectionOf } from '../support/inspections';
import { pythonLossRequest } from '../support/pythonLoss';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

/** The nonce of panelPage's shell: the drawing's style element carries it. */
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY=';
const SETTINGS = { precision: 6, askBeforeDrawing: 100_000 };

/** In the page: posts the snapshot and says what is in the drawing right after. */
const POST_AND_LOOK = `(() => {
  window.dispatchEvent(new MessageEvent('message', { data: window.__snapshot }));
  const stage = document.querySelector('.gl-stage');
  return {
    partial: stage.dataset.drawing === 'partial',
    nodes: stage.querySelectorAll('g.gl-node').length,
    edges: stage.querySelectorAll('g.gl-edge').length,
  };
})()`;

/** In the page: the drawing now, and the one-shot parse of the expected SVG, nonces left out. */
const COMPARE = `(() => {
  const parsed = document.createElement('template');
  parsed.innerHTML = window.__expected;
  const plain = (html) => html.replace(/ nonce="[^"]*"/g, '');
  return {
    drawn: plain(document.querySelector('svg.gl-graph').outerHTML),
    expected: plain(parsed.content.firstElementChild.outerHTML),
  };
})()`;

describe('a big graph drawn first screen first, in headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let files: PanelFiles;
  let panel: PanelPage;
  let big: PanelInspection;

  before(async function () {
    this.timeout(120_000);
    // The benchmark's deep chain: no repeated shapes, so it is not drawn collapsed.
    // A dynamic import: this CommonJS test cannot require the ES module.
    const bench = await import('../../bench/graphs.mjs');
    const { graph, values } = bench.named(bench.deepChain(GraphBuilder, 1600, 3), 3);
    [browser, files] = await Promise.all([launchChromium(), buildPanelFiles()]);
    big = {
      uri: 'file:///work/chain.py',
      fileName: 'chain.py',
      result: inspectGraph(graph, values, { maxSymbolicNodes: 0 }),
      values,
      lineOffset: 0,
      outputChosen: false,
      request: {
        selection: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
        values,
      },
    };
    panel = await PanelPage.create(browser, files);
    await panel.load();
  });

  after(async () => {
    assert.deepEqual(await panel?.problems(), [], 'CSP violations or errors in the page');
    await panel?.close();
    await browser?.close();
  });

  it('shows the nodes in view at once, the rest after, and ends with the one-shot drawing', async () => {
    const total = big.result.nodes.length;
    assert.ok(total > 1500, `${total} nodes`);
    const { page } = panel;
    const expected = drawGraph(big.result, {
      precision: SETTINGS.precision,
      colors: 'theme',
      hideConstants: false,
      hideOffPath: false,
      direction: 'right',
      collapsed: new Set(),
      nonce: NONCE,
    }).svg;
    await page.evaluate(
      ([snapshot, svg]) => {
        const w = globalThis as unknown as { __snapshot: unknown; __expected: unknown };
        w.__snapshot = snapshot;
        w.__expected = svg;
      },
      [snapshotMessage(big, SETTINGS, undefined), expected] as const,
    );
    const first = (await page.evaluate(POST_AND_LOOK)) as {
      partial: boolean;
      nodes: number;
      edges: number;
    };
    assert.ok(
      first.partial,
      `drawn in one go: ${JSON.stringify(first)} ${JSON.stringify(await panel.posted()).slice(0, 600)}`,
    );
    assert.ok(first.nodes > 0 && first.nodes < total / 2, `${first.nodes} of ${total} first`);
    assert.ok(first.edges > 0, 'no edge in the first screen');
    await page.locator('.gl-stage:not([data-drawing])').waitFor();
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), total);
    const { drawn, expected: oneShot } = (await page.evaluate(COMPARE)) as {
      drawn: string;
      expected: string;
    };
    assert.equal(drawn.length, oneShot.length);
    assert.ok(drawn === oneShot, 'the drawing differs from the one-shot drawing');
  });

  it('drops the rest of a drawing in parts when another one comes first', async () => {
    const { page } = panel;
    await panel.load();
    await page.evaluate(
      (snapshot) => {
        (globalThis as unknown as { __snapshot: unknown }).__snapshot = snapshot;
      },
      snapshotMessage(big, SETTINGS, undefined),
    );
    await page.evaluate(POST_AND_LOOK);
    const small = await inspectionOf({ ...pythonLossRequest(3), values: {} });
    await panel.sendSnapshot({ ...big, result: small.result, values: small.values });
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.gl-stage[data-drawing]').count(), 0);
    assert.equal(await page.locator('svg.gl-graph g.gl-node').count(), small.result.nodes.length);
  });
});
