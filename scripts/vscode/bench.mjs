// `npm run bench:vscode`: the real-VS-Code latency of test/vscode/integration/latency.test.ts,
// run five times, each in a fresh code-server (so each run has a first inspection after
// activation), and printed as medians next to the targets of issue 14.
// Options: --runs N (default 5), --no-build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer } from './install.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { bundleIntegrationSuite, runIntegrationSuite } from './lib/integration.mjs';
import { log, outputDir, root } from './lib/util.mjs';

const RUN_TIMEOUT_MS = 300_000;

/** Milliseconds a case may take, by case and node count (issue 14, item 3). */
const TARGETS = [
  { case: 'first inspection after activation', nodes: 27, panelMs: 600 },
  { case: 'panel already open', nodes: 281, hoverMs: 100, panelMs: 250 },
  { case: 'panel already open', nodes: 2801, panelMs: 1000 },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function targetText(row, key) {
  const target = TARGETS.find((t) => t.case === row.case && t.nodes === row.nodes)?.[key];
  if (target === undefined) return '';
  const value = row[key];
  return value <= target
    ? ` (≤ ${target} ✓)`
    : ` (target ${target}: ${(value / target).toFixed(1)}×)`;
}

/** One run in a fresh server: the latency rows the suite wrote, or an error. */
async function oneRun({ bin, browser, testsPath, tmp, index }) {
  const dir = join(tmp, `run-${index}`);
  const workspace = join(dir, 'workspace');
  cpSync(join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  const latencyFile = join(dir, 'latency.json');
  const resultsFile = join(dir, 'results.json');
  const server = await startCodeServer({
    bin,
    dir: join(dir, 'server'),
    logFile: join(outputDir, `code-server-bench-${index}.log`),
    env: {
      GRADIENT_LENS_VSCODE_PASS: `bench run ${index}`,
      GRADIENT_LENS_VSCODE_RESULTS: resultsFile,
      GRADIENT_LENS_LATENCY_FILE: latencyFile,
    },
  });
  try {
    const result = await runIntegrationSuite({
      name: `bench-${index}`,
      browser,
      server,
      workspace,
      extensionPath: root,
      testsPath,
      resultsFile,
      timeoutMs: RUN_TIMEOUT_MS,
    });
    if (result.failed > 0 || !existsSync(latencyFile)) {
      throw new Error(`run ${index}: ${result.problem ?? `${result.failed} test(s) failed`}`);
    }
    return JSON.parse(readFileSync(latencyFile, 'utf8'));
  } finally {
    await server.stop();
  }
}

function printMedians(runs) {
  const keys = [...new Set(runs.flat().map((row) => `${row.case}|${row.nodes}`))];
  const lines = [
    `Latency in the real VS Code (code-server), medians of ${runs.length} runs, ms from the command:`,
    '| case                               | nodes | hover answers            | panel drawn              |',
    '| ---------------------------------- | ----: | -----------------------: | -----------------------: |',
  ];
  for (const key of keys) {
    const rows = runs.flat().filter((row) => `${row.case}|${row.nodes}` === key);
    const row = {
      case: rows[0].case,
      nodes: rows[0].nodes,
      hoverMs: Math.round(median(rows.map((r) => r.hoverMs))),
      panelMs: Math.round(median(rows.map((r) => r.panelMs))),
    };
    const hover = `${row.hoverMs}${targetText(row, 'hoverMs')}`;
    const panel = `${row.panelMs}${targetText(row, 'panelMs')}`;
    lines.push(
      `| ${row.case.padEnd(34)} | ${String(row.nodes).padStart(5)} | ${hover.padStart(24)} | ${panel.padStart(24)} |`,
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const bin = ensureCodeServer();
  if (!values['no-build']) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const testsPath = await bundleIntegrationSuite({
    indexSource: join(root, 'test', 'vscode', 'integration', 'index.ts'),
    testsDir: join(root, 'test', 'vscode', 'integration'),
    outDir: join(root, 'out', 'bench', 'vscode'),
    only: ['latency.test'],
  });
  const tmp = mkdtempSync(join(tmpdir(), 'gradient-lens-bench-'));
  const browser = await launchBrowser();
  const runs = [];
  try {
    for (let index = 1; index <= Number(values.runs); index += 1) {
      log(`latency run ${index} of ${values.runs}`);
      runs.push(await oneRun({ bin, browser, testsPath, tmp, index }));
    }
  } finally {
    await browser.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
  printMedians(runs);
}

try {
  await main();
  process.exit(0);
} catch (error) {
  log(`error: ${error.stack ?? error}`);
  process.exit(1);
}
