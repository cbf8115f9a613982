// Checks what `npm run package` made: the .vsix holds exactly the allow-listed files (as
// `vsce ls` reports them), the code that activation loads stays within 150 KB, the worker's
// code (loaded off the host's thread at the first inspection) within 600 KB, and the package
// within 5 MB.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASM_FILES } from './languages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXPECTED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/engine.js',
  'dist/extension.js',
  // The grammars and the runtime, as the language descriptors list them.
  ...WASM_FILES.map((file) => `dist/grammars/${file.split('/').pop()}`),
  'dist/inspectionWorker.js',
  'dist/panelAnswers.js',
  'dist/webview/webview.css',
  'dist/webview/webview.js',
  // The README's pictures and the 550 px panel screenshots it links to.
  'docs/screenshots/backward-check.png',
  'docs/screenshots/hover.png',
  'docs/screenshots/panel-dark.png',
  'docs/screenshots/panel-dense-layer-down.png',
  'docs/screenshots/panel-dense-layer.png',
  'docs/screenshots/panel-light.png',
  'docs/screenshots/panel-random-dag-2000.png',
  'docs/screenshots/panel-sigmoid-neuron-down.png',
  'docs/screenshots/panel-sigmoid-neuron.png',
  'docs/screenshots/panel-softmax-arrays-down.png',
  'docs/screenshots/panel-softmax-arrays.png',
  'docs/screenshots/panel-two-layer-net-arrays-down.png',
  'docs/screenshots/panel-two-layer-net-arrays.png',
  'docs/screenshots/panel-two-layer-net-down.png',
  'docs/screenshots/panel-two-layer-net.png',
  'docs/screenshots/panel.png',
  'docs/screenshots/tensor-details.png',
  'docs/screenshots/tensor-drill-down.png',
  'docs/screenshots/walkthrough.png',
  'media/icon.png',
  // The Get Started walkthrough's pages and the sample it opens outside samples/.
  'media/walkthrough/editValue.md',
  'media/walkthrough/inspect.md',
  'media/walkthrough/openSample.md',
  'media/walkthrough/reference.py',
  'media/walkthrough/select.md',
  'package.json',
];
/** What the extension host loads when the extension activates. */
const ACTIVATION_CODE = ['dist/extension.js'];
const ACTIVATION_LIMIT = 150 * 1024;
/**
 * What the inspection worker thread loads at the first inspection: the scalar and tensor engines
 * and the front ends (the NumPy/PyTorch reader with them). Off the host's thread, so it does not
 * delay activation; 460 KB minified takes about 50 ms to load here.
 */
const WORKER_CODE = ['dist/engine.js', 'dist/inspectionWorker.js'];
const WORKER_LIMIT = 700 * 1024;
const PACKAGE_LIMIT = 5 * 1024 * 1024;

const vsce = join(root, 'node_modules', '.bin', 'vsce');
const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '')
  .sort();
const problems = [];
const extra = listed.filter((file) => !EXPECTED.includes(file));
const missing = EXPECTED.filter((file) => !listed.includes(file));
if (extra.length > 0) {
  problems.push(`files not on the allow-list: ${extra.join(', ')}`);
}
if (missing.length > 0) {
  problems.push(`files missing: ${missing.join(', ')}`);
}
const activationCode = sizeOf(ACTIVATION_CODE);
const workerCode = sizeOf(WORKER_CODE);
const packageSize = statSync(join(root, 'gradient-lens.vsix')).size;
if (activationCode > ACTIVATION_LIMIT) {
  problems.push(`the activation code is ${kb(activationCode)}, over ${kb(ACTIVATION_LIMIT)}`);
}
if (workerCode > WORKER_LIMIT) {
  problems.push(`the worker's code is ${kb(workerCode)}, over ${kb(WORKER_LIMIT)}`);
}
if (packageSize > PACKAGE_LIMIT) {
  problems.push(`the .vsix is ${kb(packageSize)}, over ${kb(PACKAGE_LIMIT)}`);
}
console.log(
  `package: ${listed.length} files, activation code ${kb(activationCode)} (limit ${kb(ACTIVATION_LIMIT)}), worker code ${kb(workerCode)} (limit ${kb(WORKER_LIMIT)}), .vsix ${kb(packageSize)} (limit ${kb(PACKAGE_LIMIT)})`,
);
if (problems.length > 0) {
  console.error(problems.map((problem) => `package check: ${problem}`).join('\n'));
  process.exit(1);
}

function sizeOf(files) {
  return files.map((file) => statSync(join(root, file)).size).reduce((sum, size) => sum + size, 0);
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
