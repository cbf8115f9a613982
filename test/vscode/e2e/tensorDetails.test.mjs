/* global describe, it -- mocha defines them while it loads this file */
// Issue 15's end-to-end test: inspect the CS231n softmax snippet (softmax.py) as a user does,
// open the W node in the panel, click the cell of ∂loss/∂W[1, 2], and read the element's chain
// rule. Its gradient must be NumPy's: the test runs python3 on the same file (the extension
// never runs code; its tests may). Screenshots go to test-output/vscode (scripts/copyScreenshots.mjs
// copies them to docs/screenshots).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  elementScreenshot,
  focusEditor,
  frameWith,
  runCommand,
  screenshot,
  windowForSuite,
  workspacePath,
} from './workbench.mjs';

/** CS231n's analytic gradient of the softmax loss, in NumPy, after the file's own lines. */
const NUMPY = `
import json, runpy, numpy as np
v = runpy.run_path(__import__('sys').argv[1])
X, y, p = v['X'], v['y'], v['p']
dscores = p.copy(); dscores[np.arange(4), y] -= 1; dscores /= 4
print(json.dumps({'dW': (X.T @ dscores).tolist(), 'X': X.tolist(), 'dscores': dscores.tolist()}))
`;

function numpyGradients() {
  const run = spawnSync('/usr/bin/python3', ['-c', NUMPY, workspacePath('softmax.py')], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/**
 * Opens a file by clicking it in the explorer: Quick Open's file search can take longer than
 * a step may wait in a window just opened on a busy machine.
 */
async function openFromExplorer(page, name) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** A number as the panel writes it (U+2212 for minus) read back. */
function readNumber(text) {
  return Number(text.trim().replace(/\u2212/g, '-'));
}

describe('a tensor node’s details in the real VS Code', function () {
  const pageOf = windowForSuite();

  it('softmax.py: W’s gradient cell [1, 2] drills down to NumPy’s ∂loss/∂W[1, 2] and its terms', async function () {
    const page = pageOf();
    await openFromExplorer(page, 'softmax.py');
    await focusEditor(page, 'softmax.py');
    await page.keyboard.press('Control+A');
    await page.locator('.statusbar', { hasText: 'selected)' }).waitFor();
    await runCommand(page, 'Gradient Lens: Inspect Derivatives');
    const panel = await frameWith(page, '#gl-tensor-output');

    await panel.locator('#gl-tensor-inputs tbody tr', { hasText: 'W' }).first().click();
    const details = panel.locator('#gl-tensor-details');
    await details.locator('h3', { hasText: 'W' }).waitFor();
    assert.match(await details.locator('h3').innerText(), /^W\s+\(3, 5\)$/);
    const cell = details.locator(
      '.gl-tgrid[aria-label="gradient"] .gl-tgrid-cell[data-row="1"][data-col="2"]',
    );
    await cell.waitFor();
    const numpy = numpyGradients();
    const expected = numpy.dW[1][2];
    const shown = readNumber(await cell.innerText());
    assert.ok(Math.abs(shown - expected) <= 5e-6 * Math.abs(expected), `${shown} vs ${expected}`);

    await cell.click();
    const chain = panel.locator('#gl-element-chain');
    await chain.locator('.gl-tchain-gradient').waitFor();
    assert.equal(
      (await chain.locator('.gl-tchain-formula').innerText()).trim(),
      '∂L/∂W[1, 2] = Σₖ X[k, 1] · ∂L/∂(X @ W)[k, 2]',
    );
    const gradient = (await chain.locator('.gl-tchain-gradient').innerText()).trim();
    const value = readNumber(gradient.replace('∂L/∂W[1, 2] = ', ''));
    assert.ok(
      Math.abs(value - expected) <= 5e-6 * Math.abs(expected),
      `${gradient} vs ${expected}`,
    );
    const terms = await chain.locator('.gl-tchain-terms li').allInnerTexts();
    assert.equal(terms.length, 4);
    terms.forEach((term, k) => {
      const product = readNumber(term.slice(term.lastIndexOf('= ') + 2));
      const numpyTerm = numpy.X[k][1] * numpy.dscores[k][2];
      assert.ok(term.startsWith(`X[${k}, 1] · ∂L/∂(X @ W)[${k}, 2] = `), term);
      assert.ok(
        Math.abs(product - numpyTerm) <= 5e-6 * Math.abs(numpyTerm),
        `${term} vs ${numpyTerm}`,
      );
    });

    await chain.scrollIntoViewIfNeeded();
    await screenshot(page, 'tensor-details');
    await elementScreenshot(details, 'tensor-drill-down');
  });
});
