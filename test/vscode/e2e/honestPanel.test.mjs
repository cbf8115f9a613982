/* global describe, it, before, after, afterEach -- mocha defines them while it loads this file */
// After a refused inspection the panel says so at the top — the error and its place — and keeps
// the older result out of sight until "Show the previous result", which shows it marked as an
// earlier selection's. The editor shows "∇ Inspect derivatives" only above the line that reads.
import * as assert from 'node:assert/strict';
import {
  focusEditor,
  frameWith,
  goTo,
  openFile,
  openWorkbench,
  runCommand,
  screenshot,
  selectRange,
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

// One window, in order: the refusal needs the earlier result before it.
describe('an honest panel and lenses that work, as a user sees them', function () {
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

  it('says a refused inspection at the top of the panel, and shows the older result only when asked', async function () {
    const { page } = workbench;
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
    const { page } = workbench;
    await focusEditor(page, 'unsupported_numpy.py');
    const lenses = page.locator('.monaco-editor.focused .codelens-decoration', { hasText: LENS });
    const count = await until(
      () => lenses.count(),
      (n) => n > 0,
    );
    assert.equal(count, 1);
    await screenshot(page, 'codelens-numpy');
  });
});
