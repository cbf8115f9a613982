/* global describe, it -- mocha defines them while it loads this file */
// A user checks the softmax classifier's hand-written backward pass: deletes `dW += reg * W`,
// runs "Gradient Lens: Check Backward Pass" from the palette, and sees the warning squiggle on
// `dW` and the problem in the Problems panel naming the missing regularisation gradient. The
// screenshot is the README's (docs/screenshots/backward-check.png).
import * as assert from 'node:assert/strict';
import { goTo, openFile, runCommand, screenshot, windowForSuite } from './workbench.mjs';

/** Line of `dW += reg * W` in softmax_backward.py, from 1. */
const REG_LINE = 24;

describe('checking a hand-written backward pass as a user', function () {
  const pageOf = windowForSuite();

  it('shows the missing regularisation gradient as a squiggle and in the Problems panel', async function () {
    const page = pageOf();
    await openFile(page, 'softmax_backward.py');
    await goTo(page, `${REG_LINE}:1`);
    await page.keyboard.press('Control+Shift+K');
    await page.locator('.view-line', { hasText: 'dW += reg * W' }).waitFor({ state: 'detached' });
    await runCommand(page, 'Gradient Lens: Check Backward Pass');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'dW is wrong' });
    await problem.first().waitFor({ timeout: 20_000 });
    const text = await problem.first().innerText();
    assert.ok(text.includes('regularisation gradient'), `problem: ${JSON.stringify(text)}`);
    await screenshot(page, 'backward-check');
    // The next suite opens the same workspace: leave the file as it was.
    await runCommand(page, 'File: Revert File');
    await page
      .locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'softmax_backward.py' })
      .waitFor();
  });
});
