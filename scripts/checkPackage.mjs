// Checks what `npm run package` made: the .vsix holds exactly the allow-listed files (as
// `vsce ls` reports them), the host code stays within 300 KB and the package within 5 MB.
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
  'dist/webview/webview.css',
  'dist/webview/webview.js',
  'docs/screenshots/hover.png',
  'docs/screenshots/panel.png',
  'media/icon.png',
  'package.json',
];
const HOST_CODE_LIMIT = 300 * 1024;
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
const hostCode = ['dist/extension.js', 'dist/engine.js', 'dist/inspectionWorker.js']
  .map((file) => statSync(join(root, file)).size)
  .reduce((sum, size) => sum + size, 0);
const packageSize = statSync(join(root, 'gradient-lens.vsix')).size;
if (hostCode > HOST_CODE_LIMIT) {
  problems.push(`host code is ${kb(hostCode)}, over ${kb(HOST_CODE_LIMIT)}`);
}
if (packageSize > PACKAGE_LIMIT) {
  problems.push(`the .vsix is ${kb(packageSize)}, over ${kb(PACKAGE_LIMIT)}`);
}
console.log(
  `package: ${listed.length} files, host code ${kb(hostCode)} (limit ${kb(HOST_CODE_LIMIT)}), .vsix ${kb(packageSize)} (limit ${kb(PACKAGE_LIMIT)})`,
);
if (problems.length > 0) {
  console.error(problems.map((problem) => `package check: ${problem}`).join('\n'));
  process.exit(1);
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
