/* global describe, it -- mocha defines them while it loads this file */
// A user's first inspection: open reference.py, select `f = (x + y) * z`, run the command from
// the palette, read the inputs in the graph panel, hover x in the editor, step through the
// backward pass in the panel, then set z = 2 in the panel's table and see ∂f/∂x = 2 in the
// panel and in the hover.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import {
  focusEditor,
  frameWith,
  hoverAt,
  openFile,
  runCommand,
  screenshot,
  selectRange,
  workspacePath,
  windowForSuite,
} from './workbench.mjs';

const LINE_4 = 'f = (x + y) * z';

/** Each input's row in the panel: its name, value and gradient, minus signs as U+2212. */
const INPUT_ROWS = [
  ['x', '−2', '−4'],
  ['y', '5', '−4'],
  ['z', '−4', '3'],
];

/** The backward pass of reference.py as the panel spells it, step by step. */
const BACKWARD_STEPS = [
  '∂f/∂f = 1',
  '∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · 3 = 3',
  '∂f/∂(x + y) = ∂f/∂f · ∂f/∂(x + y) = 1 · (−4) = −4',
  '∂f/∂y = ∂f/∂(x + y) · ∂(x + y)/∂y = (−4) · 1 = −4',
  '∂f/∂x = ∂f/∂(x + y) · ∂(x + y)/∂x = (−4) · 1 = −4',
];

/** The cells of an input's row in the panel, trimmed. */
async function rowCells(panel, name) {
  return (await panel.locator(`tr[data-name="${name}"] > *`).allInnerTexts()).map((text) =>
    text.trim(),
  );
}

/** Waits until `read()` satisfies `ok`, for at most `timeoutMs`; returns the last reading. */
async function until(read, ok, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

/** Whether `items` appear in `cells` in this order (other cells may sit between them). */
function inOrder(cells, items) {
  let at = 0;
  for (const cell of cells) if (cell === items[at]) at += 1;
  return at === items.length;
}

// The tests share one window and run in order: the hover needs the inspection before it.
describe('inspecting reference.py as a user', function () {
  const pageOf = windowForSuite();

  it('shows x, y, z with their values and gradients in the panel', async function () {
    const page = pageOf();
    await openFile(page, 'reference.py');
    await selectRange(page, '4:1', `4:${LINE_4.length + 1}`, LINE_4.length);
    await runCommand(page, 'Gradient Lens: Inspect Derivatives');
    const panel = await frameWith(page, 'tr[data-name="x"]');
    for (const row of INPUT_ROWS) {
      const cells = (await panel.locator(`tr[data-name="${row[0]}"] > *`).allInnerTexts()).map(
        (text) => text.trim(),
      );
      assert.ok(
        inOrder(cells, row),
        `row ${row[0]}: expected ${row}, found ${JSON.stringify(cells)}`,
      );
    }
    await screenshot(page, 'panel');
  });

  it('hovering x in the editor shows ∂f/∂x = −4', async function () {
    const page = pageOf();
    await focusEditor(page, 'reference.py');
    const text = await hoverAt(page, `4:${LINE_4.indexOf('x') + 1}`, '∂f/∂x = −4');
    await screenshot(page, 'hover');
    assert.ok(text.includes('∂f/∂x = −4'), `hover text: ${JSON.stringify(text)}`);
  });

  it('steps through the backward pass in the panel, one highlighted edge at a time', async function () {
    const page = pageOf();
    const panel = await frameWith(page, 'svg.gl-graph');
    assert.equal(await panel.locator('svg.gl-graph g.gl-node').count(), 5);
    assert.equal(await panel.locator('svg.gl-graph g.gl-edge').count(), 4);
    await panel.locator('button[data-action="first"]').click();
    const seen = [];
    for (let i = 0; i < BACKWARD_STEPS.length; i += 1) {
      if (i > 0) await panel.locator('button[data-action="next"]').click();
      await panel.locator('.gl-equation', { hasText: BACKWARD_STEPS[i] }).waitFor();
      seen.push((await panel.locator('.gl-equation').innerText()).trim());
      const active = await panel.locator('g.gl-edge.gl-edge--active').count();
      assert.equal(active, i === 0 ? 0 : 1, `highlighted edges at step ${i + 1}`);
      if (i === 3) await screenshot(page, 'panel-step');
    }
    assert.deepEqual(seen, BACKWARD_STEPS);
    const details = await panel.locator('.gl-explain-details li').allInnerTexts();
    assert.ok(
      details.some((line) => line.startsWith('upstream gradient')) &&
        details.some((line) => line.startsWith('local gradient')),
      `explanation: ${JSON.stringify(details)}`,
    );
    await panel.locator('button[data-action="show-all"]').click();
  });

  it('setting z = 2 in the panel makes ∂f/∂x read 2 in the panel and in the hover', async function () {
    const page = pageOf();
    const panel = await frameWith(page, 'tr[data-name="z"] .gl-edit');
    await panel.locator('tr[data-name="z"] .gl-edit').fill('2');
    await panel.locator('tr[data-name="z"] .gl-edit').press('Enter');
    const x = await until(
      () => rowCells(panel, 'x'),
      (cells) => inOrder(cells, ['x', '−2', '2']),
    );
    assert.ok(inOrder(x, ['x', '−2', '2']), `row x: ${JSON.stringify(x)}`);
    assert.ok(inOrder(await rowCells(panel, 'z'), ['z', '2', '3']));
    assert.equal((await panel.locator('#gl-output').innerText()).trim(), 'f = 6');
    await screenshot(page, 'panel-z2');

    await focusEditor(page, 'reference.py');
    const text = await hoverAt(page, `4:${LINE_4.indexOf('x') + 1}`, '∂f/∂x = 2');
    await screenshot(page, 'hover-z2');
    assert.ok(text.includes('∂f/∂x = 2'), `hover text: ${JSON.stringify(text)}`);
  });

  it("the hover's Show in graph selects x in the panel; clicking y there selects it in the editor", async function () {
    const page = pageOf();
    await focusEditor(page, 'reference.py');
    await hoverAt(page, `4:${LINE_4.indexOf('x') + 1}`, 'Show in graph');
    await page.locator('.monaco-hover a', { hasText: 'Show in graph' }).first().click();
    const panel = await frameWith(page, 'g.gl-node.gl-node--selected');
    assert.equal(
      await panel.locator('g.gl-node.gl-node--selected').getAttribute('aria-label'),
      'x = −2, ∂f/∂x = 2',
    );
    await panel.locator('g.gl-node[aria-label^="y = 5"]').click();
    // The panel keeps the focus; the status bar counts the selection of the focused editor.
    await page.locator('.monaco-editor .selected-text').first().waitFor();
    await focusEditor(page, 'reference.py');
    const column = LINE_4.indexOf('y') + 1;
    await page.locator('.statusbar', { hasText: `Ln 4, Col ${column + 1} (1 selected)` }).waitFor();
  });

  it('the panel comes back after a window reload, still at z = 2', async function () {
    const page = pageOf();
    await runCommand(page, 'Developer: Reload Window');
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'reference.py' })
      .waitFor({ timeout: 60_000 });
    const panel = await frameWith(page, 'tr[data-name="x"]', 60_000);
    const x = await until(
      () => rowCells(panel, 'x'),
      (cells) => inOrder(cells, ['x', '−2', '2']),
      30_000,
    );
    assert.ok(inOrder(x, ['x', '−2', '2']), `row x after the reload: ${JSON.stringify(x)}`);
    await screenshot(page, 'panel-reloaded');
    await focusEditor(page, 'reference.py');
    const text = await hoverAt(page, `4:${LINE_4.indexOf('x') + 1}`, '∂f/∂x = 2');
    assert.ok(text.includes('∂f/∂x = 2'), `hover text after the reload: ${JSON.stringify(text)}`);
  });

  it("differentiates an inner node when chosen as the output, then the code's output again", async function () {
    const page = pageOf();
    const panel = await frameWith(page, 'g.gl-node.gl-node--op');
    await panel.locator('g.gl-node[aria-label^="x + y = 3"]').click();
    await panel.locator('#gl-details button[data-action="choose-output"]').click();
    await panel.locator('#gl-output', { hasText: 'x + y = 3' }).waitFor();
    const x = await until(
      () => rowCells(panel, 'x'),
      (cells) => inOrder(cells, ['x', '−2', '1']),
    );
    assert.ok(inOrder(x, ['x', '−2', '1']), `row x with x + y as the output: ${JSON.stringify(x)}`);
    await screenshot(page, 'panel-inner-output');
    await panel.locator('.gl-header button[data-action="reset-output"]').click();
    await panel.locator('#gl-output', { hasText: 'f = 6' }).waitFor();
  });

  it('cancels a long inspection from its notification, and the panel keeps what it showed', async function () {
    const page = pageOf();
    const lines = ['import math', 'w = 0.5', 'x = 1.5', 'y = 0.75', 'h0 = w * x'];
    for (let i = 1; i <= 15_000; i += 1) {
      lines.push(`h${i} = math.tanh(h${i - 1} * w + x) + 0.1 * h${i - 1} - y`);
    }
    lines.push('loss = (h15000 - y) ** 2');
    await writeFile(workspacePath('large.py'), `${lines.join('\n')}\n`);
    await openFile(page, 'large.py');
    await focusEditor(page, 'large.py');
    await page.keyboard.press('Control+A');
    await page.locator('.statusbar', { hasText: 'selected' }).waitFor();
    await runCommand(page, 'Gradient Lens: Inspect Derivatives');
    // 105,000 nodes take the worker several seconds: the notification appears after 0.5 s.
    const toast = page.locator('.notification-toast', { hasText: 'Gradient Lens: inspecting' });
    await toast.waitFor({ timeout: 15_000 });
    await screenshot(page, 'inspecting');
    await toast.getByRole('button', { name: 'Cancel' }).click();
    // Cancelled, the thread is ended at once: the notification goes long before the work would.
    await toast.waitFor({ state: 'hidden', timeout: 2_000 });
    // The panel's tab is titled after the output it shows: still f, not large.py's loss.
    const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
    assert.ok(
      tabs.some((tab) => tab.includes('Gradient Lens: f')) &&
        !tabs.some((tab) => tab.includes('Gradient Lens: loss')),
      `tabs: ${JSON.stringify(tabs)}`,
    );
  });
});
