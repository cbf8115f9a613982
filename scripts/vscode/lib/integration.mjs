// The integration suite: mocha tests that run inside the real extension host and call the
// `vscode` API. They are bundled with esbuild, then loaded through the workbench URL's payload;
// the workbench reports back through window.codeAutomationLog / window.codeAutomationExit.
import * as esbuild from 'esbuild';
import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import { newPage, remoteUri, workbenchUrl } from './browser.mjs';
import { log, outcome, outputDir, root, withTimeout } from './util.mjs';

// The lines index.ts prints around the suite's own output.
const START_MARKER = 'GRADIENT_LENS_START';
const RESULT_MARKER = 'GRADIENT_LENS_RESULT';

/** Every `*.test.ts` under `dir`, recursively. */
function findTestSources(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Bundles `index.ts` and each test file of `testsDir` into `outDir`, one file each, so that
 * index.js can hand them to mocha one by one; with `only` (names), just the files whose name
 * contains one of them. Returns the path of index.js, or null when there is no test to run.
 */
export async function bundleIntegrationSuite({ indexSource, testsDir, outDir, only }) {
  const tests = findTestSources(testsDir).filter(
    (file) => !only || only.some((name) => relative(testsDir, file).includes(name)),
  );
  if (tests.length === 0) return null;
  rmSync(outDir, { recursive: true, force: true }); // no stale bundles of deleted tests
  await esbuild.build({
    entryPoints: [
      { in: indexSource, out: 'index' },
      ...tests.map((file) => ({ in: file, out: relative(testsDir, file).replace(/\.ts$/, '') })),
    ],
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // No source maps: the extension host replaces Error.prepareStackTrace, so Node would not
    // apply them. The bundles are not minified and keep each test's code readable.
    sourcemap: false,
    // Both come from the extension host at run time: `vscode` is its API, and mocha is
    // resolved from this repository's node_modules above out/.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    absWorkingDir: root,
  });
  log(`bundled ${tests.length} integration test file(s) into ${relative(root, outDir)}`);
  return join(outDir, 'index.js');
}

/** The counts index.ts printed, or null when its line never arrived. */
function parseCounts(lines) {
  const line = lines.findLast((text) => text.startsWith(RESULT_MARKER));
  return line ? JSON.parse(line.slice(RESULT_MARKER.length)) : null;
}

function readCountsFile(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

/**
 * Relays the workbench's console. It mixes the extension host's console with the workbench's
 * own log, so only what the suite printed between its start and result markers goes to stdout.
 * Everything goes to `logFile`; errors before the suite starts also go to stderr, since they
 * explain a suite that never ran.
 */
function relayLog(lines, logFile) {
  let state = 'before';
  return (level, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    appendFileSync(logFile, `[${level}] ${text}\n`);
    if (text.startsWith(START_MARKER) || text.startsWith(RESULT_MARKER)) {
      state = text.startsWith(START_MARKER) ? 'running' : 'after';
      lines.push(text);
    } else if (state === 'running') {
      process.stdout.write(level === 'error' ? `  [error] ${text}\n` : `${text}\n`);
    } else if (state === 'before' && level === 'error') {
      process.stderr.write(`[workbench:error] ${text}\n`);
    }
  };
}

/**
 * Opens the workbench on `workspace` with the extension at `extensionPath` and the bundled
 * suite, waits for the suite to settle and returns its counts. `name` names the log file and
 * the screenshot taken when the suite cannot finish.
 */
export async function runIntegrationSuite({
  name,
  browser,
  server,
  workspace,
  extensionPath,
  testsPath,
  resultsFile,
  timeoutMs,
}) {
  const page = await newPage(browser);
  const lines = [];
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  const logFile = join(outputDir, `workbench-${name}.log`);
  writeFileSync(logFile, '');
  await page.exposeFunction('codeAutomationLog', relayLog(lines, logFile));
  const url = workbenchUrl(server.url, workspace, [
    ['extensionDevelopmentPath', remoteUri(server.authority, extensionPath)],
    ['extensionTestsPath', remoteUri(server.authority, testsPath)],
  ]);
  try {
    await page.goto(url, { timeout: 60_000 });
    const code = await withTimeout(exited, timeoutMs, 'the integration suite');
    const counts = readCountsFile(resultsFile) ?? parseCounts(lines);
    if (!counts) {
      return outcome('integration', 0, 1, `the suite exited with ${code} without reporting counts`);
    }
    if (code !== 0 && counts.failed === 0) {
      return outcome('integration', counts.passed, 1, `the suite exited with ${code}`);
    }
    return outcome('integration', counts.passed, counts.failed);
  } catch (error) {
    await page.screenshot({ path: join(outputDir, `failed-${name}.png`) }).catch(() => {});
    return outcome('integration', 0, 1, error.message);
  } finally {
    await page.context().close();
  }
}
