/**
 * The tensor result's backward steps in matrix form and "Expand to scalars", in headless
 * Chromium: each step's VJP rule with its shapes, the upstream gradient and the result as small
 * matrices; stepping with the buttons and the keys, playing; expanding asks the host, and the
 * host's answer (made here as the host makes it, src/extension/expandScalars.ts) draws the
 * scalar graph whose first steps are the output's; the way back shows the tensors again; a
 * refusal is said next to the button.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import { scalarExpansionOf } from '../../src/extension/expandScalars';
import type { TensorInspection } from '../../src/present/inspection';
import { tensorSnapshotMessage } from '../../src/protocol/messages';
import type { PanelScalarExpansion, PanelTensorInspection } from '../../src/protocol/protocol';
import { tensorPanelResult } from '../../src/protocol/tensorPanel';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import { PanelPage, buildPanelFiles, launchChromium, type PanelFiles } from './panelPage';

const URI = 'file:///work/two_layer.py';

const TWO_LAYER = `import numpy as np
X = np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.1]])
W = np.array([[0.2, -0.5], [0.1, 0.4], [-0.3, 0.7]])
b = np.array([0.1, -0.2])
y = np.array([1, 0])
h = np.maximum(0, X @ W + b)
p = np.exp(h) / np.sum(np.exp(h), axis=1, keepdims=True)
loss = -np.mean(np.log(p[np.arange(2), y]))
`;

const TOO_LARGE = `import numpy as np
x = np.array([[1.0, -2.0, 3.0, -4.0, 5.0, 0.5, -0.25], [1.0, -2.0, 3.0, -4.0, 5.0, 0.5, -0.25], [1.0, -2.0, 3.0, -4.0, 5.0, 0.5, -0.25], [1.0, -2.0, 3.0, -4.0, 5.0, 0.5, -0.25], [1.0, -2.0, 3.0, -4.0, 5.0, 0.5, -0.25], [1.0, -2.0, 3.0, -4.0, 5.0, 0.5, -0.25]])
loss = np.sum(x * x)
`;

/** The document's inspection as the host keeps it. */
async function inspected(source: string): Promise<TensorInspection> {
  const outcome = await inspectSource(createFrontEnds(wasmFromNodeModules), {
    source,
    language: 'python',
  });
  assert.ok(outcome.ok && outcome.kind === 'tensor');
  return {
    kind: 'tensor',
    uri: URI,
    lineOffset: 0,
    request: {
      selection: { start: { line: 0, column: 0 }, end: { line: 8, column: 0 } },
      values: {},
    },
    result: outcome.result,
    program: outcome.program,
    values: outcome.values,
  };
}

function panelOf(entry: TensorInspection): PanelTensorInspection {
  return {
    uri: entry.uri,
    fileName: 'two_layer.py',
    lineOffset: 0,
    outputChosen: false,
    request: entry.request,
    result: tensorPanelResult(entry.result),
  };
}

async function snapshotCount(panel: PanelPage): Promise<number> {
  return Number((await panel.page.locator('#app').getAttribute('data-snapshots')) ?? '0');
}

async function sendTensor(panel: PanelPage, inspection: PanelTensorInspection): Promise<void> {
  const count = await snapshotCount(panel);
  await panel.send(tensorSnapshotMessage(inspection, { precision: 6 }), true);
  await panel.page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
}

async function text(panel: PanelPage, selector: string): Promise<string> {
  return (await panel.page.locator(selector).innerText()).trim();
}

describe('tensor steps in matrix form and expand to scalars, in headless Chromium', function () {
  this.timeout(30_000);
  let browser: Browser;
  let files: PanelFiles;
  let panel: PanelPage;
  let entry: TensorInspection;

  before(async function () {
    this.timeout(60_000);
    [browser, files, entry] = await Promise.all([
      launchChromium(),
      buildPanelFiles(),
      inspected(TWO_LAYER),
    ]);
    panel = await PanelPage.create(browser, files);
  });

  beforeEach(async () => {
    await panel.load();
    await sendTensor(panel, panelOf(entry));
  });

  afterEach(async () => {
    assert.deepEqual(await panel.problems(), [], 'CSP violations or errors in the page');
  });

  after(async () => {
    await panel?.close();
    await browser?.close();
  });

  it('shows the whole picture, then each step: its VJP rule with shapes, upstream and result', async () => {
    const total = entry.result.steps.length;
    assert.equal(await text(panel, '.gl-tstep-position'), `${total} steps`);
    assert.equal(await text(panel, '.gl-tstep-title'), 'Backward pass in matrix form');
    await panel.page.locator('button[data-action="tensor-first"]').click();
    assert.equal(await text(panel, '.gl-tstep-position'), `step 1 of ${total}`);
    assert.equal(await text(panel, '.gl-tstep-rule'), '∂loss/∂loss = 1');
    // The last step: X's gradient through the matrix product, marked in the drawing.
    await panel.page.locator('button[data-action="tensor-last"]').click();
    const last = entry.result.steps[total - 1]!;
    assert.ok(last.kind === 'vjp');
    const drawing = panel.page.locator('#gl-tensor-graph');
    assert.deepEqual(
      await drawing
        .locator('g.gl-node.gl-node--active')
        .evaluateAll((found) => found.map((node) => node.getAttribute('data-node'))),
      [String(last.to)],
    );
    assert.deepEqual(
      await drawing
        .locator('g.gl-node.gl-node--upstream')
        .evaluateAll((found) => found.map((node) => node.getAttribute('data-node'))),
      [String(last.from)],
    );
    assert.deepEqual(
      await drawing
        .locator('g.gl-edge.gl-edge--active')
        .evaluateAll((found) => found.map((edge) => edge.getAttribute('data-edge'))),
      [`${last.from}-${last.to}-${last.operandIndex}`],
    );
    assert.equal(await text(panel, '.gl-tstep-title'), `Step ${total} of ${total} · (X @ W) → X`);
    assert.equal(await text(panel, '.gl-tstep-rule'), '∂L/∂X = ∂L/∂(X @ W) · Wᵀ');
    assert.equal(await text(panel, '.gl-tstep-shapes'), '(2, 3) = (2, 2) · (2, 3)');
    const captions = await panel.page.locator('.gl-tstep-pane figcaption').allInnerTexts();
    assert.deepEqual(
      captions.map((caption) => caption.replace(/\s+/g, ' ').trim()),
      ['upstream ∂loss/∂(X @ W) (2, 2)', '∂loss/∂X (2, 3)'],
    );
    // The result pane's matrix is ∂loss/∂X, element by element.
    const cells = await panel.page
      .locator('.gl-tstep-pane--result td.gl-tstep-cell')
      .allInnerTexts();
    const gradX = entry.result.inputs.find((input) => input.name === 'X')!.grad;
    assert.equal(cells.length, 6);
    // Each cell is coloured by the drawing's diverging palette: its sign, and level 5 at the largest.
    const classes = await panel.page
      .locator('.gl-tstep-pane--result td.gl-tstep-cell')
      .evaluateAll((found) => found.map((cell) => cell.className));
    const largest = Math.max(...Array.from(gradX, Math.abs));
    classes.forEach((className, k) => {
      const value = gradX[k]!;
      const sign = value > 0 ? 'p' : value < 0 ? 'n' : 'zero';
      assert.match(className, new RegExp(`gl-heat-${sign}`), `cell ${k} (${value}): ${className}`);
      if (Math.abs(value) === largest) {
        assert.match(className, /gl-heat-[pn]5/);
      }
    });
    const backgrounds = await panel.page
      .locator('.gl-tstep-pane--result td.gl-tstep-cell')
      .evaluateAll((found) =>
        found.map((cell) => cell.ownerDocument.defaultView?.getComputedStyle(cell).backgroundColor),
      );
    const positive = backgrounds.find((_, k) => gradX[k]! > 0);
    const negative = backgrounds.find((_, k) => gradX[k]! < 0);
    assert.ok(positive !== undefined && negative !== undefined && positive !== negative);
    cells.forEach((cell, k) => {
      assert.ok(
        Math.abs(Number(cell.replace('−', '-')) - gradX[k]!) <= 5e-4 * Math.abs(gradX[k]!) + 1e-9,
        `cell ${k}: ${cell} vs ${gradX[k]}`,
      );
    });
  });

  it('steps with the keys and shows broadcasting undone with both shapes', async () => {
    const { page } = panel;
    await panel.clearPosted();
    await page.keyboard.press('Home');
    // The step's node is highlighted in the editor: the seed is at the output.
    const seed = await panel.waitForPosted((message) => message.type === 'highlightNode');
    assert.equal(seed.node, entry.result.output.id);
    await page.keyboard.press('ArrowRight');
    const first = entry.result.steps[1]!;
    assert.ok(first.kind === 'vjp');
    const next = await panel.waitForPosted(
      (message) => message.type === 'highlightNode' && message.node === first.to,
    );
    assert.equal(next.node, first.to);
    assert.equal(await text(panel, '.gl-tstep-position'), `step 2 of ${entry.result.steps.length}`);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await text(panel, '.gl-tstep-position'), `step 1 of ${entry.result.steps.length}`);
    const reduce = entry.result.steps.find((step) => step.kind === 'reduce')!;
    for (let i = 0; i < reduce.index; i += 1) {
      await page.keyboard.press('ArrowRight');
    }
    assert.match(await text(panel, '.gl-tstep-title'), /broadcasting undone → /);
    assert.equal(await text(panel, '.gl-tstep-rule'), 'Σ over axis 1: (2, 2) → (2, 1)');
    assert.equal(await text(panel, '.gl-tstep-shapes'), '(2, 2) → (2, 1)');
    await page.keyboard.press('Escape');
    assert.equal(await text(panel, '.gl-tstep-title'), 'Backward pass in matrix form');
    assert.equal(await page.locator('#gl-tensor-graph .gl-node--active').count(), 0);
  });

  it('plays the steps to the end and stops', async () => {
    const total = entry.result.steps.length;
    await panel.page.locator('button[data-action="tensor-play"]').click();
    assert.equal(await text(panel, 'button[data-action="tensor-play"]'), '⏸ Pause');
    await panel.page
      .locator('.gl-tstep-position', { hasText: `step 2 of ${total}` })
      .waitFor({ timeout: 5_000 });
    await panel.page.keyboard.press('p');
    assert.equal(await text(panel, 'button[data-action="tensor-play"]'), '▶ Play');
  });

  it('expands to scalars on request: the scalar graph, its first steps, and the way back', async () => {
    const { page } = panel;
    await panel.clearPosted();
    await page.locator('button[data-action="expand-scalars"]').click();
    await panel.waitForPosted((message) => message.type === 'expandScalars');
    const expansion = scalarExpansionOf(entry, 'two_layer.py');
    assert.equal(expansion.kind, 'expanded');
    const count = await snapshotCount(panel);
    await panel.send({ type: 'scalarExpansion', expansion });
    await page.locator(`#app[data-snapshots="${count + 1}"]`).waitFor();
    assert.match(await text(panel, '#gl-expansion-message'), /^Expanded to scalars/);
    // Every element is a node: W[1,0] is drawn, and the heading is the scalar output's.
    await page
      .locator('svg.gl-graph g.gl-node', { hasText: 'W[1,0]' })
      .first()
      .waitFor({ state: 'attached' });
    assert.match(await text(panel, '#gl-output'), /^loss = 0\.5/);
    await page.keyboard.press('Home');
    assert.equal(await text(panel, '.gl-equation'), '∂loss/∂loss = 1');
    await page.keyboard.press('ArrowRight');
    // loss = −mean: the first edge is the negation, ∂loss/∂(mean) = −1.
    assert.match(await text(panel, '.gl-equation'), /= \(?−1\)? · 1 = −1$|= −1$/);
    // A scalar node's source is its tensor node's: the host is told the tensor node.
    await panel.clearPosted();
    const w10 = page.locator('svg.gl-graph g.gl-node', { hasText: 'W[1,0]' }).first();
    await w10.dispatchEvent('click');
    const selected = await panel.waitForPosted((message) => message.type === 'selectNode');
    const W = entry.result.inputs.find((input) => input.name === 'W')!;
    assert.equal(selected.node, W.id);
    await page.locator('button[data-action="back-to-tensors"]').click();
    await page.locator('#gl-tensor-player').waitFor();
    assert.equal(await page.locator('svg.gl-graph g.gl-node', { hasText: 'W[1,0]' }).count(), 0);
    assert.equal(await text(panel, '.gl-tstep-title'), 'Backward pass in matrix form');
  });

  it('says why a result is not expanded, next to the button', async () => {
    const large = await inspected(TOO_LARGE);
    await sendTensor(panel, panelOf(large));
    await panel.page.locator('button[data-action="expand-scalars"]').click();
    const refusal: PanelScalarExpansion = scalarExpansionOf(large, 'two_layer.py');
    assert.equal(refusal.kind, 'refused');
    await panel.send({ type: 'scalarExpansion', expansion: refusal });
    await panel.page
      .locator('#gl-expansion-message', { hasText: 'only tensors of at most 16 elements' })
      .waitFor();
    assert.equal(await panel.page.locator('#gl-tensor-player').count(), 1);
    // x has 42 elements: its gradient is a heat grid, 6 × 7 cells, and its summary.
    await panel.page.keyboard.press('End');
    const grid = panel.page.locator('.gl-tstep-pane--result .gl-tstep-heat--grid');
    assert.equal(await grid.locator('tr').count(), 6);
    const cells = await grid
      .locator('td.gl-tstep-heat-cell')
      .evaluateAll((found) => found.map((cell) => cell.className));
    assert.equal(cells.length, 42);
    // The last step is one of x · x's two contributions, 1 ⊙ x: −4 is level −4 of 5, 5 the top.
    assert.match(cells[3]!, /gl-heat-n4/);
    assert.match(cells[4]!, /gl-heat-p5/);
    assert.match(
      await text(panel, '.gl-tstep-pane--result .gl-tstep-summary'),
      /^\(6, 7\): min −4, max 5/,
    );
  });
});
