// The entry VS Code calls inside the extension host (the `extensionTestsPath`): runs every
// bundled `*.test.js` beside this file with mocha and settles when they are done.
// scripts/vscode/test.mjs bundles this file and each test file into out/test/vscode/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

// The runner relays what is printed between these two lines and reads the counts from the
// second. The workbench's own log shares the same channel, hence the markers.
const START_MARKER = 'GRADIENT_LENS_START';
const RESULT_MARKER = 'GRADIENT_LENS_RESULT';

/** Every `*.test.js` under `dir`, sorted so that runs are repeatable. */
function findTestFiles(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.js'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Hands the counts to the runner: in the log it relays, and in a file when it names one. */
function report(counts: { passed: number; failed: number }): void {
  const line = `${RESULT_MARKER} ${JSON.stringify(counts)}`;
  console.log(line);
  const file = process.env.GRADIENT_LENS_VSCODE_RESULTS;
  if (file) fs.writeFileSync(file, `${JSON.stringify(counts)}\n`);
}

export function run(): Promise<void> {
  // The extension host's console is not a terminal: colours would only add escape codes.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  // The runner runs the suite once per setup (trusted, untrusted): name the setup in the report.
  mocha.suite.title = process.env.GRADIENT_LENS_VSCODE_PASS ?? '';
  const files = findTestFiles(__dirname);
  console.log(`${START_MARKER} ${files.length} test file(s)`);
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      const runner = mocha.run(() => {
        report({ passed, failed });
        if (passed + failed === 0) reject(new Error(`no tests ran (files: ${files.length})`));
        else if (failed > 0) reject(new Error(`${failed} test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => (passed += 1));
      // Also fires for a failing hook, so a broken `before` counts as a failure.
      runner.on('fail', () => (failed += 1));
    } catch (error) {
      // A test file that throws while loading lands here, before any test runs.
      console.error(error);
      report({ passed, failed: failed + 1 });
      reject(error);
    }
  });
}
