// Copies the panel screenshots the Chromium tests saved (test-output/screenshots/panel-*.png,
// from test/webview/readability.test.ts) to docs/screenshots, the README's pictures. Only
// files whose bytes differ are written, so a run that changes nothing leaves the tree clean.
// Run `npx mocha --no-config -r tsx/cjs --extension ts test/webview/readability.test.ts` first.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const from = join(root, 'test-output', 'screenshots');
const to = join(root, 'docs', 'screenshots');

if (!existsSync(from)) {
  console.error(`no screenshots in ${from}: run test/webview/readability.test.ts first`);
  process.exit(1);
}
for (const name of readdirSync(from)
  .filter((file) => /^panel-.*\.png$/.test(file))
  .sort()) {
  const bytes = readFileSync(join(from, name));
  const target = join(to, name);
  if (existsSync(target) && readFileSync(target).equals(bytes)) {
    console.log(`${name}: unchanged`);
    continue;
  }
  writeFileSync(target, bytes);
  console.log(`${name}: written`);
}
