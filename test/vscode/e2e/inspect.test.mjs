/* global describe, it, before, after, afterEach -- mocha defines them while it loads this file */
// A user's first inspection: open reference.py, select `f = (x + y) * z`, run the command from
// the palette, read the inputs in the graph panel, then hover x in the editor.
import * as assert from 'node:assert/strict';
import {
  focusEditor,
  frameWith,
  hoverAt,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  selectRange,
} from './workbench.mjs';

const LINE_4 = 'f = (x + y) * z';

/** Each input's row in the panel: its name, value and gradient, minus signs as U+2212. */
const INPUT_ROWS = [
  ['x', '−2', '−4'],
  ['y', '5', '−4'],
  ['z', '−4', '3'],
];

/** Whether `items` appear in `cells` in this order (other cells may sit between them). */
function inOrder(cells, items) {
  let at = 0;
  for (const cell of cells) if (cell === items[at]) at += 1;
  return at === items.length;
}

// The tests share one window and run in order: the hover needs the inspection before it.
describe('inspecting reference.py as a user', function () {
  let workbench;

  before(async function () {
    workbench = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

  after(async function () {
    await workbench?.close();
  });

  it('shows x, y, z with their values and gradients in the panel', async function () {
    const { page } = workbench;
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
    const { page } = workbench;
    await focusEditor(page, 'reference.py');
    const text = await hoverAt(page, `4:${LINE_4.indexOf('x') + 1}`, '∂f/∂x = −4');
    await screenshot(page, 'hover');
    assert.ok(text.includes('∂f/∂x = −4'), `hover text: ${JSON.stringify(text)}`);
  });
});
