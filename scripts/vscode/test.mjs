// `npm run test:vscode`: the extension's tests in a real VS Code (code-server 1.100.3), offline.
//   1. installs code-server and the Debian packages it needs (once; see install.mjs);
//   2. builds the extension (`npm run build`) and bundles test/vscode/integration;
//   3. starts code-server, then runs the integration suite inside the extension host and the
//      end-to-end suite (test/vscode/e2e) through Chromium;
//   4. prints each suite's report and closes with `N passed, N failed`.
// Any step that cannot run counts as a failure with its reason: never a silent "0 passed".
// Options, mostly to debug the harness itself:
//   --extension DIR    the extension under test (default: this repository)
//   --integration DIR  folder of *.test.ts run in the extension host (default test/vscode/integration)
//   --e2e DIR          folder of *.test.mjs run in Node with Playwright (default test/vscode/e2e)
//   --only SUITE       integration | e2e
//   --no-build         skip `npm run build`
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer } from './install.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { findE2eTests, runE2eSuite } from './lib/e2e.mjs';
import { bundleIntegrationSuite, runIntegrationSuite } from './lib/integration.mjs';
import { log, outcome, outputDir, root, seconds } from './lib/util.mjs';

/** The whole run, install included, must end well within CI's patience. */
const RUN_TIMEOUT_MS = 9 * 60_000;
const BUILD_TIMEOUT_MS = 3 * 60_000;
const INTEGRATION_TIMEOUT_MS = 3 * 60_000;
const E2E_TIMEOUT_MS = 3 * 60_000;

function readOptions() {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string', default: root },
      integration: { type: 'string', default: join(root, 'test', 'vscode', 'integration') },
      e2e: { type: 'string', default: join(root, 'test', 'vscode', 'e2e') },
      only: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  return {
    extensionPath: resolve(values.extension),
    integrationDir: resolve(values.integration),
    e2eDir: resolve(values.e2e),
    runIntegration: values.only !== 'e2e',
    runE2e: values.only !== 'integration',
    build: !values['no-build'],
  };
}

function buildExtension(extensionPath) {
  log('$ npm run build');
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    timeout: BUILD_TIMEOUT_MS,
  });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
  const { main } = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  if (main && !existsSync(join(extensionPath, main))) {
    log(`warning: ${main} is missing after the build, so the extension cannot activate`);
  }
}

/** A fresh copy of the fixture workspace, so that no test sees another's edits. */
function copyWorkspace(tmp, name) {
  const target = join(tmp, `workspace-${name}`);
  cpSync(join(root, 'test', 'vscode', 'workspace'), target, { recursive: true });
  return target;
}

/** Prints why any suite could not run, then the closing count; returns the exit code. */
function summarize(outcomes, started) {
  let passed = 0;
  let failed = 0;
  for (const result of outcomes) {
    passed += result.passed;
    failed += result.failed;
    if (result.problem) process.stdout.write(`\nFAILED TO RUN (${result.suite}): ${result.problem}\n`);
  }
  if (passed + failed === 0) {
    process.stdout.write('\nFAILED TO RUN: no test ran\n');
    failed = 1;
  }
  log(`finished in ${seconds(started)}`);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

async function runSuites(options, tmp, outcomes) {
  const bin = ensureCodeServer();
  if (options.build) buildExtension(options.extensionPath);
  const testsPath = options.runIntegration
    ? await bundleIntegrationSuite({
        indexSource: join(root, 'test', 'vscode', 'integration', 'index.ts'),
        testsDir: options.integrationDir,
        outDir: join(root, 'out', 'test', 'vscode'),
      })
    : null;
  const e2eFiles = options.runE2e ? findE2eTests(options.e2eDir) : [];
  if (!testsPath && e2eFiles.length === 0) throw new Error('no test files found');

  const resultsFile = join(tmp, 'integration-results.json');
  const server = await startCodeServer({
    bin,
    dir: join(tmp, 'server'),
    logFile: join(outputDir, 'code-server.log'),
    env: { GRADIENT_LENS_VSCODE_RESULTS: resultsFile },
  });
  let browser;
  try {
    if (testsPath) {
      const started = performance.now();
      browser = await launchBrowser();
      log('running the integration suite inside the extension host');
      outcomes.push(
        await runIntegrationSuite({
          browser,
          server,
          workspace: copyWorkspace(tmp, 'integration'),
          extensionPath: options.extensionPath,
          testsPath,
          resultsFile,
          timeoutMs: INTEGRATION_TIMEOUT_MS,
        }),
      );
      log(`integration suite done in ${seconds(started)}`);
    }
    if (e2eFiles.length > 0) {
      const started = performance.now();
      log('running the end-to-end suite');
      const session = {
        serverUrl: server.url,
        workspace: copyWorkspace(tmp, 'e2e'),
        extensionPath: options.extensionPath,
        screenshots: outputDir,
      };
      outcomes.push(await runE2eSuite({ files: e2eFiles, session, timeoutMs: E2E_TIMEOUT_MS }));
      log(`end-to-end suite done in ${seconds(started)}`);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

async function main() {
  const started = performance.now();
  const options = readOptions();
  const outcomes = [];
  // A last resort: whatever hangs, the run ends with a count and a non-zero exit.
  setTimeout(() => {
    outcomes.push(outcome('run', 0, 1, `the whole run timed out after ${RUN_TIMEOUT_MS / 1000} s`));
    process.exit(summarize(outcomes, started) || 1);
  }, RUN_TIMEOUT_MS).unref();

  mkdirSync(outputDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'gradient-lens-vscode-'));
  try {
    await runSuites(options, tmp, outcomes);
  } catch (error) {
    log(`error: ${error.stack ?? error}`);
    outcomes.push(outcome('setup', 0, 1, error.message));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // Exit explicitly: a test that left a browser open must not keep the run alive.
  process.exit(summarize(outcomes, started));
}

await main();
