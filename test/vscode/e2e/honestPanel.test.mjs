/* global describe, it -- mocha defines them while it loads this file */
// After a refused inspection the panel says so at the top — the error and its place — and keeps
// the older result out of sight until "Show the previous result", which shows it marked as an
// earlier selection's. The editor shows "∇ Inspect derivatives" only above the line that reads.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import {
  focusEditor,
  frameWith,
  goTo,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  selectRange,
  workspacePath,
  windowForSuite,
} from './workbench.mjs';

const LINE_4 = 'f = (x + y) * z';
const LENS = '∇ Inspect derivatives';

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

/** `loss = np.sum(…)` lines of long_numpy.py: the lines whose lens a click would inspect. */
const LONG_NUMPY_LOSSES = 200;

/** 1,000 lines of NumPy, a refused `np.fft.fft` line in every block of five. */
function longNumpy() {
  const lines = ['import numpy as np', ''];
  for (let i = 0; i < LONG_NUMPY_LOSSES; i += 1) {
    lines.push(
      `x${i} = np.array([1.0, 2.0, 3.0])`,
      `h${i} = np.tanh(x${i} * 0.5)`,
      `loss${i} = np.sum(h${i} ** 2)`,
      `A${i} = np.fft.fft(x${i})`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** How many of `locator`'s elements are inside the focused editor's box. */
async function onScreen(page, locator) {
  const editor = await page.locator('.monaco-editor.focused').boundingBox();
  const tops = await locator.evaluateAll((elements) =>
    elements
      .map((element) => element.getBoundingClientRect())
      .map((box) => (box.height > 0 ? box.y : -1)),
  );
  return tops.filter((y) => y >= editor.y && y < editor.y + editor.height).length;
}

// One window, in order: the refusal needs the earlier result before it.
describe('an honest panel and lenses that work, as a user sees them', function () {
  const pageOf = windowForSuite(async () => {
    // Written before the window opens, so that Quick Open lists it at once.
    await writeFile(workspacePath('long_numpy.py'), longNumpy());
    return openWorkbench();
  });

  it('says a refused inspection at the top of the panel, and shows the older result only when asked', async function () {
    const page = pageOf();
    await openFile(page, 'reference.py');
    await selectRange(page, '4:1', `4:${LINE_4.length + 1}`, LINE_4.length);
    await runCommand(page, 'Gradient Lens: Inspect Derivatives');
    await frameWith(page, 'tr[data-name="x"]');

    await openFile(page, 'unsupported_numpy.py');
    await focusEditor(page, 'unsupported_numpy.py');
    await goTo(page, '6:1');
    await runCommand(page, 'Gradient Lens: Inspect Derivatives');
    const panel = await frameWith(page, '#gl-status [role="alert"]');
    const refusal = (await panel.locator('#gl-status [role="alert"]').innerText()).trim();
    assert.match(refusal, /^Not inspected: .*np\.fft\.fft/);
    assert.match(refusal, /\(unsupported_numpy\.py:6:\d+\)$/);
    assert.equal(await panel.locator('svg.gl-graph').isVisible(), false, 'older result hidden');
    await screenshot(page, 'panel-refused');

    await panel.locator('button[data-action="show-previous"]').click();
    await panel.locator('.gl-earlier').waitFor();
    assert.match(
      await panel.locator('.gl-earlier').innerText(),
      /f in reference\.py, for an earlier selection/,
    );
    assert.equal(await panel.locator('svg.gl-graph').isVisible(), true);
    await screenshot(page, 'panel-refused-previous');
  });

  it('shows one lens in unsupported_numpy.py, above the loss, none above the lines it refuses', async function () {
    const page = pageOf();
    await focusEditor(page, 'unsupported_numpy.py');
    const lenses = page.locator('.monaco-editor.focused .codelens-decoration', { hasText: LENS });
    const count = await until(
      () => lenses.count(),
      (n) => n > 0,
    );
    assert.equal(count, 1);
    await screenshot(page, 'codelens-numpy');
  });

  it('reads a 1,000-line NumPy file a screen at a time: lenses at the top, then at the end once scrolled there', async function () {
    const page = pageOf();
    await openFile(page, 'long_numpy.py');
    await focusEditor(page, 'long_numpy.py');
    const lenses = page.locator('.monaco-editor.focused .codelens-decoration', { hasText: LENS });
    assert.ok(
      (await until(
        () => onScreen(page, lenses),
        (n) => n > 0,
      )) > 0,
      'lenses at the top',
    );
    await page.keyboard.press('Control+End');
    await page.locator('.statusbar', { hasText: 'Ln 1003' }).waitFor();
    // Each line there takes the reader a while (it reads the whole file above it): the lenses
    // come a few at a time, job after job, while the screen has unread ones.
    const atEnd = await until(
      () => onScreen(page, lenses),
      (n) => n > 0,
      30_000,
    );
    assert.ok(atEnd > 0, 'lenses on the last screen, once scrolled there');
    await screenshot(page, 'codelens-long-numpy-end');
  });
});
