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
//   --only RUNS        a comma-separated subset of trusted,untrusted,e2e: the integration suite
//                      in a trusted window, in Restricted Mode, and the end-to-end suite
//   --no-build         skip `npm run build`
//   --files NAMES      a comma-separated list: only the integration test files whose name
//                      contains one of them (bundled into their own folder, so that a full run
//                      in the same checkout keeps its own)
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
const RUN_TIMEOUT_MS = 45 * 60_000;
const BUILD_TIMEOUT_MS = 3 * 60_000;
/** The trusted pass includes the soak test (test/vscode/integration/soak.test.ts). */
const INTEGRATION_TIMEOUT_MS = 1_200_000;
const E2E_TIMEOUT_MS = 420_000;

/** What `--only` can pick: the integration suite's two passes and the end-to-end suite. */
const RUNS = ['trusted', 'untrusted', 'e2e'];

function readOptions() {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string', default: root },
      integration: { type: 'string', default: join(root, 'test', 'vscode', 'integration') },
      e2e: { type: 'string', default: join(root, 'test', 'vscode', 'e2e') },
      only: { type: 'string', default: RUNS.join(',') },
      'no-build': { type: 'boolean', default: false },
      files: { type: 'string' },
    },
  });
  const runs = new Set(values.only.split(','));
  const unknown = [...runs].filter((run) => !RUNS.includes(run));
  if (unknown.length > 0) throw new Error(`--only: unknown ${unknown} (known: ${RUNS})`);
  return {
    extensionPath: resolve(values.extension),
    integrationDir: resolve(values.integration),
    e2eDir: resolve(values.e2e),
    runs,
    build: !values['no-build'],
    files: values.files?.split(','),
  };
}

function buildExtension(extensionPath) {
  log('$ npm run build');
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    timeout: BUILD_TIMEOUT_MS,
  });
  if (result.status !== 0)
    throw new Error(`npm run build failed (${result.status ?? result.signal})`);
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
    if (result.problem)
      process.stdout.write(`\nFAILED TO RUN (${result.suite}): ${result.problem}\n`);
  }
  if (passed + failed === 0) {
    process.stdout.write('\nFAILED TO RUN: no test ran\n');
    failed = 1;
  }
  log(`finished in ${seconds(started)}`);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/**
 * The integration suite runs twice: in a trusted window (workspace trust off) and in
 * Restricted Mode (trust on, folder never trusted), since the extension declares support for
 * untrusted workspaces. Trust is a server flag, hence a server each.
 */
const INTEGRATION_PASSES = [
  { run: 'trusted', name: 'trusted workspace', workspaceTrust: false },
  { run: 'untrusted', name: 'untrusted workspace', workspaceTrust: true },
];

/** A file-name-safe form of a pass's name. */
function passId(pass) {
  return pass.name.replace(/\W+/g, '-');
}

/**
 * Starts code-server for `pass`, runs `body(server)`, and always stops the server. The server
 * given to `body` also names the file the extension host writes the suite's counts to.
 */
async function withServer(bin, tmp, pass, body) {
  const id = passId(pass);
  const resultsFile = join(tmp, `results-${id}.json`);
  const server = await startCodeServer({
    bin,
    dir: join(tmp, `server-${id}`),
    logFile: join(outputDir, `code-server-${id}.log`),
    workspaceTrust: pass.workspaceTrust,
    env: {
      GRADIENT_LENS_VSCODE_PASS: pass.name,
      GRADIENT_LENS_VSCODE_RESULTS: resultsFile,
    },
  });
  try {
    return await body({ ...server, resultsFile });
  } finally {
    await server.stop();
  }
}

async function runIntegrationPass({ browser, server, pass, tmp, options, testsPath }) {
  const started = performance.now();
  log(`running the integration suite inside the extension host (${pass.name})`);
  const result = await runIntegrationSuite({
    name: passId(pass),
    browser,
    server,
    workspace: copyWorkspace(tmp, passId(pass)),
    extensionPath: options.extensionPath,
    testsPath,
    resultsFile: server.resultsFile,
    timeoutMs: INTEGRATION_TIMEOUT_MS,
  });
  log(`integration suite (${pass.name}) done in ${seconds(started)}`);
  return { ...result, suite: `integration, ${pass.name}` };
}

async function runE2e({ server, tmp, options, files }) {
  const started = performance.now();
  log('running the end-to-end suite');
  const session = {
    serverUrl: server.url,
    workspace: copyWorkspace(tmp, 'e2e'),
    extensionPath: options.extensionPath,
    screenshots: outputDir,
  };
  const result = await runE2eSuite({ files, session, timeoutMs: E2E_TIMEOUT_MS });
  log(`end-to-end suite done in ${seconds(started)}`);
  return result;
}

async function runSuites(options, tmp, outcomes) {
  const bin = ensureCodeServer();
  if (options.build) buildExtension(options.extensionPath);
  const integration = INTEGRATION_PASSES.filter((pass) => options.runs.has(pass.run));
  const testsPath =
    integration.length > 0
      ? await bundleIntegrationSuite({
          indexSource: join(root, 'test', 'vscode', 'integration', 'index.ts'),
          testsDir: options.integrationDir,
          outDir: join(
            root,
            'out',
            'test',
            options.files ? `vscode-only-${process.pid}` : 'vscode',
          ),
          only: options.files,
        })
      : null;
  const e2eFiles = options.runs.has('e2e') ? findE2eTests(options.e2eDir) : [];
  if (!testsPath && e2eFiles.length === 0) throw new Error('no test files found');

  const browser = testsPath ? await launchBrowser() : null;
  try {
    for (const pass of INTEGRATION_PASSES) {
      const integrationHere = testsPath !== null && integration.includes(pass);
      // The e2e suite shares the trusted server: a user's window is trusted by default.
      const runE2eHere = pass.run === 'trusted' && e2eFiles.length > 0;
      if (!integrationHere && !runE2eHere) continue;
      await withServer(bin, tmp, pass, async (server) => {
        const context = { browser, server, pass, tmp, options, testsPath };
        if (integrationHere) outcomes.push(await runIntegrationPass(context));
        if (runE2eHere) outcomes.push(await runE2e({ server, tmp, options, files: e2eFiles }));
      });
    }
  } finally {
    await browser?.close().catch(() => {});
  }
}

async function main() {
  const started = performance.now();
  const options = readOptions();
  const outcomes = [];
  mkdirSync(outputDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'gradient-lens-vscode-'));
  // Exit explicitly: a test that left a browser open must not keep the run alive. The servers'
  // process groups are killed by their own 'exit' handlers.
  const finish = () => {
    rmSync(tmp, { recursive: true, force: true });
    process.exit(summarize(outcomes, started));
  };
  // A last resort: whatever hangs, the run ends with a count and a non-zero exit.
  setTimeout(() => {
    outcomes.push(outcome('run', 0, 1, `the whole run timed out after ${RUN_TIMEOUT_MS / 1000} s`));
    finish();
  }, RUN_TIMEOUT_MS).unref();

  try {
    await runSuites(options, tmp, outcomes);
  } catch (error) {
    log(`error: ${error.stack ?? error}`);
    outcomes.push(outcome('setup', 0, 1, error.message));
  }
  finish();
}

await main();
