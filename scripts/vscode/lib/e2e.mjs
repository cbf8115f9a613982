// The end-to-end suite: mocha tests that run here in Node and drive the workbench in Chromium
// as a user would. They find the server, the folder to open and the extension to load in the
// environment variables set below (read by test/vscode/e2e/workbench.mjs).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { log, outcome, withTimeout } from './util.mjs';

/** Every `*.test.mjs` under `dir`. */
export function findE2eTests(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.mjs'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function runMocha(mocha) {
  return new Promise((resolve) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => resolve({ passed, failed }));
    runner.on('pass', () => (passed += 1));
    runner.on('fail', () => (failed += 1));
  });
}

/**
 * Runs `files` with mocha. `session` ({ serverUrl, authority, workspace, extensionPath,
 * screenshots }) is what the tests need to open the workbench.
 */
export async function runE2eSuite({ files, session, timeoutMs }) {
  Object.assign(process.env, {
    GRADIENT_LENS_SERVER_URL: session.serverUrl,
    GRADIENT_LENS_WORKSPACE: session.workspace,
    GRADIENT_LENS_EXTENSION_PATH: session.extensionPath,
    GRADIENT_LENS_SCREENSHOTS: session.screenshots,
  });
  // Each test drives a browser; one slow step should fail that test, not the whole run.
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, reporter: 'spec' });
  for (const file of files) mocha.addFile(file);
  try {
    await mocha.loadFilesAsync();
    const { passed, failed } = await withTimeout(runMocha(mocha), timeoutMs, 'the e2e suite');
    if (passed + failed === 0) return outcome('e2e', 0, 1, 'no e2e test ran');
    return outcome('e2e', passed, failed);
  } catch (error) {
    log(`e2e suite error: ${error.stack ?? error}`);
    return outcome('e2e', 0, 1, error.message);
  }
}
