// Debian's Chromium driven by playwright-core (never a downloaded browser; the launcher is
// scripts/lib/chromium.cjs, shared with the webview tests and the panel benchmark), and the
// workbench URLs that open a folder with an extension under development.
import { launchChromium } from '../../lib/chromium.cjs';

/** The browser for the workbench: a longer launch timeout, as code-server starts beside it. */
export function launchBrowser() {
  return launchChromium({ timeout: 60_000 });
}

/** A server path as the web workbench names it: on the remote that served the page. */
export function remoteUri(authority, path) {
  return `vscode-remote://${authority}${path}`;
}

/**
 * The workbench URL that opens `folder` with `payload` ([name, value] pairs such as
 * extensionDevelopmentPath): code-server refuses those flags on its command line, but the
 * web workbench reads them from the URL.
 */
export function workbenchUrl(serverUrl, folder, payload = []) {
  const url = new URL(serverUrl);
  url.searchParams.set('folder', folder);
  if (payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** A 1280×800 page in a fresh context, so that no browser state carries over between suites. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}
