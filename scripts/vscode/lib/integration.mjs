// The integration suite: mocha tests that run inside the real extension host and call the
// `vscode` API. They are bundled with esbuild, then loaded through the workbench URL's payload;
// the workbench reports back through window.codeAutomationLog / window.codeAutomationExit.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { newPage, remoteUri, workbenchUrl } from './browser.mjs';
import { log, outcome, outputDir, root, withTimeout } from './util.mjs';

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
 * index.js can hand them to mocha one by one. Returns the path of index.js, or null when
 * there is no test to run.
 */
export async function bundleIntegrationSuite({ indexSource, testsDir, outDir }) {
  const tests = findTestSources(testsDir);
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
    sourcemap: 'inline',
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
  for (const line of lines.toReversed()) {
    const at = line.indexOf(RESULT_MARKER);
    if (at >= 0) return JSON.parse(line.slice(at + RESULT_MARKER.length));
  }
  return null;
}

function readCountsFile(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

/** Writes the extension host's log lines to our stdout as they arrive. */
function relayLog(lines) {
  return (level, args) => {
    require_debug(level, args);
    const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
    for (const line of text.split('\n')) {
      lines.push(line);
      process.stdout.write(level === 'error' ? `  [exthost:error] ${line}\n` : `${line}\n`);
    }
  };
}

/**
 * Opens the workbench on `workspace` with the extension at `extensionPath` and the bundled
 * suite, waits for the suite to settle and returns its counts.
 */
export async function runIntegrationSuite({
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
  await page.exposeFunction('codeAutomationLog', relayLog(lines));
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
    await page.screenshot({ path: join(outputDir, 'integration-failure.png') }).catch(() => {});
    return outcome('integration', 0, 1, error.message);
  } finally {
    await page.context().close();
  }
}
import { appendFileSync } from 'node:fs';
function require_debug(level, args) { appendFileSync('/tmp/raw.jsonl', JSON.stringify({level, args}) + '\n'); }
