'use strict';
/**
 * The one Chromium launcher of the webview tests, the panel benchmark and the real-VS-Code
 * scripts: Debian's Chromium (or GRADIENT_LENS_CHROMIUM) driven by playwright-core, headless,
 * with no network beyond the loopback. A browser is never downloaded. CommonJS so that the
 * TypeScript tests and the .mjs scripts share it; chromium.d.cts types it.
 */
const { existsSync } = require('node:fs');
const { chromium } = require('playwright-core');

const CHROMIUM_PATH = process.env.GRADIENT_LENS_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless run as root on a machine without internet access. */
const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** Why Chromium cannot be launched here, or undefined when it can. */
function missingChromium() {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  return (
    `Chromium is missing at ${CHROMIUM_PATH}: Gradient Lens drives Debian's Chromium ` +
    '(apt-get install chromium, or set GRADIENT_LENS_CHROMIUM); it never downloads a browser'
  );
}

/** Launches the headless browser; `timeout` in milliseconds (30 s unless given). */
async function launchChromium({ timeout = 30_000 } = {}) {
  const missing = missingChromium();
  if (missing !== undefined) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout });
}

module.exports = { CHROMIUM_PATH, CHROMIUM_ARGS, missingChromium, launchChromium };
