/* global describe, it, after -- mocha defines them while it loads this file */
// `npm start`'s window, then the Get Started walkthrough step by step: a copy of samples/ opens
// with reference.py in the editor and the walkthrough beside it (the folder's settings ask for
// it); each step ticks off only once the user has done what it says — select, inspect, step
// through, hover, edit a value — as the walkthrough page shows it. The screenshot of the
// opened window (test-output/vscode/walkthrough.png) is the README's: scripts/copyScreenshots.mjs.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launchBrowser,
  newPage,
  remoteUri,
  workbenchUrl,
} from '../../../scripts/vscode/lib/browser.mjs';
import {
  focusEditor,
  frameWith,
  hoverAt,
  runCommand,
  screenshot,
  selectRange,
  windowForSuite,
} from './workbench.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The steps in package.json's order; the first is done as soon as the sample is open. */
const STEPS = ['openSample', 'select', 'inspect', 'step', 'hover', 'editValue'];

/**
 * Where reference.py's last two lines, `q = x + y` and `f = q * z`, are: the selection that
 * covers them whole (`line:column` from 1, and its length), and `x` in the first.
 */
function referenceLines(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const q = lines.findIndex((line) => line.startsWith('q = '));
  const f = lines.findIndex((line) => line.startsWith('f = '));
  assert.ok(q >= 0 && f === q + 1, `reference.py has no q = …, f = … lines: ${lines}`);
  return {
    selection: [
      `${q + 1}:1`,
      `${f + 1}:${lines[f].length + 1}`,
      lines[q].length + 1 + lines[f].length,
    ],
    x: `${q + 1}:${lines[q].indexOf('x') + 1}`,
  };
}

/** samples/ as `npm start` opens it (a copy, so that no test edits the real one). */
async function openSamplesWindow(folder) {
  const { GRADIENT_LENS_SERVER_URL: serverUrl, GRADIENT_LENS_EXTENSION_PATH: extensionPath } =
    process.env;
  if (!serverUrl || !extensionPath) {
    throw new Error('run the e2e suite through `npm run test:vscode`, which starts code-server');
  }
  const browser = await launchBrowser();
  const page = await newPage(browser);
  page.setDefaultTimeout(15_000);
  const authority = new URL(serverUrl).host;
  const url = workbenchUrl(serverUrl, folder, [
    ['extensionDevelopmentPath', remoteUri(authority, extensionPath)],
  ]);
  await page.goto(url, { timeout: 60_000 });
  return { page, close: () => browser.close() };
}

/** The walkthrough page on screen (another, behind the panel, may linger in the DOM). */
function walkthroughPage(page) {
  return page
    .locator('.gettingStartedContainer', { hasText: 'Get Started with Gradient Lens' })
    .filter({ visible: true })
    .first();
}

/** The walkthrough's checkbox of `step`: the page marks it `complete` when the step is done. */
function checkbox(page, step) {
  return walkthroughPage(page).locator(`[data-done-step-id$="#${step}"]`).first();
}

/** Which steps the visible walkthrough page shows as done. */
async function doneSteps(page) {
  const done = [];
  for (const step of STEPS) {
    const classes = (await checkbox(page, step).getAttribute('class')) ?? '';
    if (classes.split(/\s+/).includes('complete')) done.push(step);
  }
  return done;
}

/** Waits until the walkthrough shows exactly `expected` done, for at most `timeoutMs`. */
async function waitForDone(page, expected, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let done = await doneSteps(page);
  while (JSON.stringify(done) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    done = await doneSteps(page);
  }
  assert.deepEqual(done, expected);
}

// The tests share one window and run in order, as a new user goes through the steps.
describe('the Get Started walkthrough after npm start', function () {
  let folder;
  const pageOf = windowForSuite(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'gradient-lens-samples-')), 'samples');
    cpSync(join(root, 'samples'), folder, { recursive: true });
    return openSamplesWindow(folder);
  });

  after(function () {
    if (folder) rmSync(join(folder, '..'), { recursive: true, force: true });
  });

  it('opens reference.py with the walkthrough beside it, only its first step done', async function () {
    const page = pageOf();
    await page.locator('.tabs-container .tab', { hasText: 'reference.py' }).waitFor({
      timeout: 60_000,
    });
    await walkthroughPage(page).waitFor({ timeout: 30_000 });
    await waitForDone(page, ['openSample']);
    // The sample is the focused editor, not the walkthrough: the user can select right away.
    await page
      .locator('.tabs-container .tab.active', { hasText: 'reference.py' })
      .first()
      .waitFor();
    await screenshot(page, 'walkthrough');
  });

  it('ticks "Select code" off when the last two lines are selected', async function () {
    const page = pageOf();
    await focusEditor(page, 'reference.py');
    await selectRange(page, ...referenceLines(join(folder, 'reference.py')).selection);
    await waitForDone(page, ['openSample', 'select']);
  });

  it('ticks the rest off as the user inspects, steps, hovers and edits a value', async function () {
    const page = pageOf();
    await runCommand(page, 'Gradient Lens: Inspect Derivatives');
    const panel = await frameWith(page, 'button[data-action="first"]');
    await panel.locator('button[data-action="first"]').click();
    await panel.locator('button[data-action="next"]').click();
    await focusEditor(page, 'reference.py');
    const hover = await hoverAt(page, referenceLines(join(folder, 'reference.py')).x, '∂f/∂x = −4');
    assert.ok(hover.includes('∂f/∂x = −4'), `hover text: ${JSON.stringify(hover)}`);
    const table = await frameWith(page, 'tr[data-name="z"] .gl-edit');
    await table.locator('tr[data-name="z"] .gl-edit').fill('2');
    await table.locator('tr[data-name="z"] .gl-edit').press('Enter');
    await focusEditor(page, 'reference.py');
    await runCommand(page, 'Gradient Lens: Get Started');
    await walkthroughPage(page).waitFor();
    await waitForDone(page, STEPS);
    await screenshot(page, 'walkthrough-done');
  });
});
