/* global describe, it -- mocha defines them while it loads this file */
// "Expand to scalars" in the real VS Code: inspect the PyTorch relu snippet (x has 3 elements),
// step through its tensor steps in matrix form, expand it — the extension host lowers it and
// the panel draws the scalar graph, one node per element — step through that, click x[2]
// (its tensor's source is selected in the editor), and go back to the tensors.
import * as assert from 'node:assert/strict';
import {
  focusEditor,
  frameWith,
  openFile,
  runCommand,
  screenshot,
  windowForSuite,
} from './workbench.mjs';

describe('expand to scalars in the real VS Code', function () {
  const pageOf = windowForSuite();

  it('relu_torch.py: matrix steps, then the scalar graph of the same computation and back', async function () {
    const page = pageOf();
    await openFile(page, 'relu_torch.py');
    await focusEditor(page, 'relu_torch.py');
    await page.keyboard.press('Control+A');
    await page.locator('.statusbar', { hasText: 'selected)' }).waitFor();
    await runCommand(page, 'Gradient Lens: Inspect Derivatives');
    const panel = await frameWith(page, '#gl-tensor-player');

    await panel.locator('button[data-action="tensor-last"]').click();
    assert.equal(
      (await panel.locator('.gl-tstep-rule').innerText()).trim(),
      '∂L/∂x = ∂L/∂relu(x) ⊙ 1[x > 0]',
    );
    assert.equal(
      (await panel.locator('.gl-tstep-shapes').innerText()).trim(),
      '(3,) = (3,) ⊙ (3,)',
    );
    const cells = await panel.locator('.gl-tstep-pane--result td.gl-tstep-cell').allInnerTexts();
    assert.deepEqual(
      cells.map((cell) => cell.trim()),
      ['2', '0', '6'],
    );
    await screenshot(page, 'tensor-steps');

    await panel.locator('button[data-action="expand-scalars"]').click();
    await panel.locator('#gl-expansion-message', { hasText: 'Expanded to scalars' }).waitFor();
    assert.equal((await panel.locator('#gl-output').innerText()).trim(), 'y = 10');
    for (const name of ['x[0]', 'x[1]', 'x[2]']) {
      assert.equal(
        await panel.locator('svg.gl-graph g.gl-node.gl-node--input', { hasText: name }).count(),
        1,
        name,
      );
    }
    await panel.locator('button[data-action="first"]').click();
    assert.equal((await panel.locator('.gl-equation').innerText()).trim(), '∂y/∂y = 1');
    await screenshot(page, 'expanded-scalars');

    await panel
      .locator('svg.gl-graph g.gl-node', { hasText: 'x[2]' })
      .first()
      .dispatchEvent('click');
    // x[2]'s tensor is x, bound on line 2: its name is selected. The panel keeps the focus;
    // the status bar counts the selection of the focused editor.
    await page.locator('.monaco-editor .selected-text').first().waitFor();
    await focusEditor(page, 'relu_torch.py');
    await page.locator('.statusbar', { hasText: 'Ln 2, Col 2 (1 selected)' }).waitFor();

    await panel.locator('button[data-action="back-to-tensors"]').click();
    await panel.locator('#gl-tensor-player').waitFor();
    assert.equal(await panel.locator('svg.gl-graph g.gl-node', { hasText: 'x[2]' }).count(), 0);
  });
});
