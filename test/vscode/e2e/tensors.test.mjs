/* global describe, it -- mocha defines them while it loads this file */
// Code with arrays as a user meets it: open softmax.py (the NumPy softmax loss), select
// all of it, run the command from the palette, read the panel's list, hover W in the editor;
// then the PyTorch relu snippet, whose hover on x gives ∂y/∂x = [2, 0, 6].
import * as assert from 'node:assert/strict';
import {
  focusEditor,
  frameWith,
  hoverAt,
  openFile,
  runCommand,
  screenshot,
  windowForSuite,
} from './workbench.mjs';

/** Selects the whole file (Ctrl+A) and runs the command on it. */
async function inspectWholeFile(page, name) {
  await openFile(page, name);
  await focusEditor(page, name);
  await page.keyboard.press('Control+A');
  await page.locator('.statusbar', { hasText: 'selected)' }).waitFor();
  await runCommand(page, 'Gradient Lens: Inspect Derivatives');
}

describe('inspecting code with arrays as a user', function () {
  const pageOf = windowForSuite();

  it('softmax.py: the panel lists loss and W (3, 5) with its gradient', async function () {
    const page = pageOf();
    await inspectWholeFile(page, 'softmax.py');
    const panel = await frameWith(page, '#gl-tensor-output');
    const heading = (await panel.locator('#gl-tensor-output').innerText()).trim();
    assert.equal(heading, 'loss = 1.60878');
    const w = panel.locator('#gl-tensor-inputs tbody tr', { hasText: 'W' }).first();
    const cells = (await w.locator('th, td').allInnerTexts()).map((text) => text.trim());
    assert.equal(cells[0], 'W');
    assert.equal(cells[1], '(3, 5)');
    assert.ok(cells[3]?.startsWith('[[−0.171399, 0.0303832'), `W's gradient: ${cells[3]}`);
    assert.ok((await panel.locator('#gl-tensor-steps tbody tr').count()) > 5);
    await screenshot(page, 'tensor-panel');
  });

  it('softmax.py: hovering W in the editor shows its shape (3, 5) and its gradient', async function () {
    const page = pageOf();
    await focusEditor(page, 'softmax.py');
    // Line 7 is `scores = X @ W + b`: W is its 14th character.
    const text = await hoverAt(page, '7:14', '(3, 5)');
    await screenshot(page, 'tensor-hover');
    assert.ok(text.includes('∂loss/∂W'), `hover text: ${JSON.stringify(text)}`);
    assert.ok(text.includes('(3, 5)'), `hover text: ${JSON.stringify(text)}`);
    assert.ok(text.includes('−0.171399'), `hover text: ${JSON.stringify(text)}`);
  });

  it('relu_torch.py: hovering x shows ∂y/∂x = [2, 0, 6]', async function () {
    const page = pageOf();
    await inspectWholeFile(page, 'relu_torch.py');
    await frameWith(page, '#gl-tensor-output');
    await focusEditor(page, 'relu_torch.py');
    // Line 3 is `y = (x.relu() ** 2).sum()`: x is its 6th character.
    const text = await hoverAt(page, '3:6', '∂y/∂x');
    const gradient = text.slice(text.indexOf('Gradient'));
    assert.match(gradient, /\b2\s+0\s+6\b/, `hover text: ${JSON.stringify(text)}`);
  });
});
