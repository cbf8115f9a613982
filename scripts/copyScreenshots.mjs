// Copies the screenshots the tests saved to docs/screenshots, the README's pictures: the panel
// at 550 px (test-output/screenshots/panel-*.png, from test/webview/readability.test.ts) and
// the real-VS-Code windows (test-output/vscode/*.png, from `npm run test:vscode`'s e2e tests).
// Tests never write docs/screenshots themselves; only files whose bytes differ are written
// here, so a run that changes nothing leaves the tree clean.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const to = join(root, 'docs', 'screenshots');
/** Where each README picture comes from. */
const sources = [
  { from: join(root, 'test-output', 'screenshots'), names: /^panel-.*\.png$/ },
  {
    from: join(root, 'test-output', 'vscode'),
    names: /^(walkthrough|backward-check|tensor-details|tensor-drill-down)\.png$/,
  },
];

let copied = 0;
for (const { from, names } of sources) {
  if (!existsSync(from)) {
    console.log(`no screenshots in ${from}: skipped`);
    continue;
  }
  for (const name of readdirSync(from)
    .filter((file) => names.test(file))
    .sort()) {
    copied += 1;
    copyIfChanged(join(from, name), join(to, name), name);
  }
}
if (copied === 0) {
  console.error(
    'no screenshots found: run test/webview/readability.test.ts or npm run test:vscode first',
  );
  process.exit(1);
}

function copyIfChanged(source, target, name) {
  const bytes = readFileSync(source);
  if (existsSync(target) && readFileSync(target).equals(bytes)) {
    console.log(`${name}: unchanged`);
    return;
  }
  writeFileSync(target, bytes);
  console.log(`${name}: written`);
}
