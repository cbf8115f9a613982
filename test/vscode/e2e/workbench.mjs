/* global before, after, afterEach -- mocha defines them while it loads the suites that call windowForSuite */
// Drives the VS Code workbench in Chromium as a user would: keyboard shortcuts, the command
// palette, the mouse. scripts/vscode/test.mjs starts code-server and passes the session
// through GRADIENT_LENS_* environment variables.
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import {
  launchBrowser,
  newPage,
  remoteUri,
  workbenchUrl,
} from '../../../scripts/vscode/lib/browser.mjs';

/** The session test.mjs set up; running this file alone is a mistake worth a clear message. */
function session() {
  const {
    GRADIENT_LENS_SERVER_URL: serverUrl,
    GRADIENT_LENS_WORKSPACE: workspace,
    GRADIENT_LENS_EXTENSION_PATH: extensionPath,
    GRADIENT_LENS_SCREENSHOTS: screenshots,
  } = process.env;
  if (!serverUrl || !workspace || !extensionPath || !screenshots) {
    throw new Error('run the e2e suite through `npm run test:vscode`, which starts code-server');
  }
  return { serverUrl, workspace, extensionPath, screenshots };
}

/**
 * Opens the fixture workspace in a new browser with the extension under development loaded,
 * and waits until the explorer lists the files. Returns the page and a `close`.
 */
export async function openWorkbench() {
  const { serverUrl, workspace, extensionPath } = session();
  const authority = new URL(serverUrl).host;
  const browser = await launchBrowser();
  const page = await newPage(browser);
  // Fail a step in seconds rather than wait for Playwright's 30 s default each time.
  page.setDefaultTimeout(15_000);
  const url = workbenchUrl(serverUrl, workspace, [
    ['extensionDevelopmentPath', remoteUri(authority, extensionPath)],
  ]);
  await page.goto(url, { timeout: 60_000 });
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: 'reference.py' })
    .waitFor({ timeout: 60_000 });
  return { page, close: () => browser.close() };
}

/**
 * One window for a suite whose tests run in order in it: opened by `open` before them (the
 * fixture workspace by default), a screenshot of each failed test, closed after them. Returns
 * a getter of the window's page for the tests.
 */
export function windowForSuite(open = openWorkbench) {
  let workbench;
  before(async function () {
    workbench = await open();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });
  after(async function () {
    await workbench?.close();
  });
  return () => workbench.page;
}

/** The path of a file in the fixture workspace this session opened. */
export function workspacePath(name) {
  return join(session().workspace, name);
}

/** Saves a screenshot of the whole page to test-output/vscode/NAME.png. */
export function screenshot(page, name) {
  return page.screenshot({ path: join(session().screenshots, `${name}.png`) });
}

/** Saves a screenshot of one element (a Playwright locator) to test-output/vscode/NAME.png. */
export function elementScreenshot(locator, name) {
  return locator.screenshot({ path: join(session().screenshots, `${name}.png`) });
}

/** Quick Open (Ctrl+P): types the file name and waits for its tab to be the active one. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Clicks the tab of `name`, which focuses its editor (a webview may have the focus). */
export async function focusEditor(page, name) {
  await page.locator('.tabs-container .tab', { hasText: name }).first().click();
  await page.locator('.monaco-editor.focused').waitFor();
}

/** Go to Line (Ctrl+G): `target` is `line` or `line:column`, both from 1. */
export async function goTo(page, target) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(`:${target}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Selects from `from` to `to` (`line:column`) with the selection anchor, as in the notes:
 * Ctrl+K Ctrl+B sets the anchor, Ctrl+K Ctrl+K selects from it to the cursor. Waits for the
 * status bar to count `length` selected characters.
 */
export async function selectRange(page, from, to, length) {
  await goTo(page, from);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+B');
  await goTo(page, to);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+K');
  await page.locator('.statusbar', { hasText: `(${length} selected)` }).waitFor();
}

/** Runs a command from the palette (F1) by its full title, "Category: Title". */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * The first frame that has `selector`, waiting up to `timeoutMs`. Webviews are iframes nested
 * two deep, and appear a while after the command that opens them.
 */
export async function frameWith(page, selector, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const count = await frame
        .locator(selector)
        .count()
        .catch(() => 0); // a frame detached while we looked
      if (count > 0) return frame;
    }
    await sleep(250);
  }
  throw new Error(`no frame shows ${selector} after ${timeoutMs / 1000} s`);
}

/**
 * Moves the mouse over the character at `position` (`line:column`) until the hover shows
 * `expected` (the extension may still be activating), for at most `timeoutMs`. Returns the
 * hover's last text, so that the test's assertion shows what was there.
 */
export async function hoverAt(page, position, expected, timeoutMs = 20_000) {
  const point = await characterPoint(page, position);
  const hover = page.locator('.monaco-hover:visible');
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (!text.includes(expected) && Date.now() < deadline) {
    // Moving away and back makes the editor ask the hover providers again.
    await page.mouse.move(0, 0);
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await hover
      .first()
      .waitFor({ timeout: 3_000 })
      .catch(() => {});
    text = (await hover.allInnerTexts().catch(() => [])).join('\n');
  }
  await sleep(500); // the hover fades in: let a screenshot show it whole
  return text;
}

/**
 * A point inside the character at `position`. Inlay hints shift the rendered text, so rather
 * than measure the line this puts the cursor before the character and aims just right of it.
 */
async function characterPoint(page, position) {
  await goTo(page, position);
  const box = await page
    .locator('.monaco-editor.focused .cursors-layer .cursor')
    .first()
    .boundingBox();
  // 3 px: inside the character whatever the font's width (a character is 7 px or more).
  return { x: box.x + 3, y: box.y + box.height / 2 };
}
