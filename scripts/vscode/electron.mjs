// `npm run test:electron`: the integration suite (test/vscode/integration) in VS Code desktop,
// through @vscode/test-electron, the runner VS Code's own guides use. VS Code is the one named by
// VSCODE_EXECUTABLE_PATH, or else downloaded (once, into .cache/vscode-test). A machine that can
// do neither (no internet: only npm and Debian reachable) gets one line saying so and exit code 1
// within seconds, never a hang; `npm run test:vscode` (code-server) is the offline path.
// Options: --no-build skips `npm run build`; --files NAMES runs only the integration test files
// whose name contains one of them (comma-separated).
/* global fetch, AbortSignal */
import { download, runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleIntegrationSuite } from './lib/integration.mjs';
import { root } from './lib/util.mjs';

/** The VS Code the extension is tested with in code-server too (package.json engines). */
const VSCODE_VERSION = '1.100.3';
/** Checking that VS Code's download server answers at all, before trying to download. */
const REACH_TIMEOUT_MS = 10_000;
/** No byte for this long during the download: it is given up (after the library's retries). */
const IDLE_TIMEOUT_MS = 15_000;
const BUILD_TIMEOUT_MS = 3 * 60_000;
const CACHE = join(root, '.cache', 'vscode-test');
const PASS_NAME = 'VS Code desktop';

function say(message) {
  process.stderr.write(`[test:electron] ${message}\n`);
}

/** Stops the run with one line saying why. */
class Refusal extends Error {}

/** The VS Code executable to run: the one given, or a downloaded one. */
async function vscodeExecutable() {
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (given) {
    if (!existsSync(given)) throw new Refusal(`VSCODE_EXECUTABLE_PATH=${given} does not exist`);
    return given;
  }
  const server = 'https://update.code.visualstudio.com/api/releases/stable';
  try {
    await fetch(server, { method: 'HEAD', signal: AbortSignal.timeout(REACH_TIMEOUT_MS) });
  } catch (error) {
    throw new Refusal(
      `cannot download VS Code (${new URL(server).host} unreachable: ${error.cause?.code ?? error.message}) and VSCODE_EXECUTABLE_PATH is not set; ` +
        'set it to a VS Code executable, or use `npm run test:vscode` (code-server, offline)',
    );
  }
  say(`downloading VS Code ${VSCODE_VERSION} into ${CACHE} (once)`);
  try {
    return await download({ version: VSCODE_VERSION, cachePath: CACHE, timeout: IDLE_TIMEOUT_MS });
  } catch (error) {
    throw new Refusal(`downloading VS Code ${VSCODE_VERSION} failed: ${error.message}`);
  }
}

/** Electron needs a display: on Linux without one, xvfb-run provides it. */
function checkDisplay() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Refusal('no display for VS Code desktop: run `xvfb-run -a npm run test:electron`');
  }
}

function build() {
  say('$ npm run build');
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    timeout: BUILD_TIMEOUT_MS,
  });
  if (result.status !== 0)
    throw new Refusal(`npm run build failed (${result.status ?? result.signal})`);
}

/** The counts the suite's index.ts wrote, or a failure when it never wrote them. */
function readCounts(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passed: 0, failed: 1 };
}

async function main() {
  const { values } = parseArgs({
    options: { 'no-build': { type: 'boolean', default: false }, files: { type: 'string' } },
  });
  const vscodeExecutablePath = await vscodeExecutable();
  checkDisplay();
  if (!values['no-build']) build();
  const testsPath = await bundleIntegrationSuite({
    indexSource: join(root, 'test', 'vscode', 'integration', 'index.ts'),
    testsDir: join(root, 'test', 'vscode', 'integration'),
    outDir: join(root, 'out', 'test', 'vscode-electron'),
    only: values.files?.split(','),
  });
  if (testsPath === null) throw new Refusal('no integration test file matches --files');
  const tmp = mkdtempSync(join(tmpdir(), 'gradient-lens-electron-'));
  const workspace = join(tmp, 'workspace');
  cpSync(join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  const resultsFile = join(tmp, 'results.json');
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      extensionTestsEnv: {
        GRADIENT_LENS_VSCODE_PASS: PASS_NAME,
        GRADIENT_LENS_VSCODE_RESULTS: resultsFile,
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(tmp, 'user-data')}`,
      ],
    });
  } catch (error) {
    say(`VS Code ended with a failure: ${error.message}`);
  } finally {
    const { passed, failed } = readCounts(resultsFile);
    rmSync(tmp, { recursive: true, force: true });
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  }
}

main().catch((error) => {
  process.stdout.write(
    error instanceof Refusal ? `FAILED TO RUN: ${error.message}\n` : `${error.stack}\n`,
  );
  process.exitCode = 1;
});
