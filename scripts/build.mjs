// One build for every target: the CLI, the engine library, the extension host bundle and the
// webview. `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The tree-sitter runtime and grammars, copied beside the bundles so they load offline: the
// language descriptors say which (src/language/languages.ts).
const { WASM_FILES } = await import('./languages.mjs');

function copyWasm() {
  const target = join(root, 'dist', 'grammars');
  mkdirSync(target, { recursive: true });
  for (const file of WASM_FILES) {
    const from = require.resolve(file);
    copyFileSync(from, join(target, file.split('/').pop()));
  }
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  // The package's `exports` map sends Node to an ESM build that esbuild cannot inline into CJS.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  define: { GRADIENT_LENS_VERSION: JSON.stringify(pkg.version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

const targets = [
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  { ...common, entryPoints: ['src/api.ts'], outfile: 'dist/engine.js' },
];

if (existsSync(join(root, 'src', 'extension.ts'))) {
  targets.push({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  });
  // The panel's on-request tensor answers, loaded by the extension on the first request.
  targets.push({
    ...common,
    entryPoints: ['src/extension/panelAnswers.ts'],
    outfile: 'dist/panelAnswers.js',
  });
}

// The worker thread the extension runs inspections in; it loads dist/engine.js beside it.
targets.push({
  ...common,
  entryPoints: ['src/worker/inspectionWorker.ts'],
  outfile: 'dist/inspectionWorker.js',
});

// The panel's page: a browser bundle (the same pure drawing code) and its stylesheet.
targets.push(
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/webview.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    absWorkingDir: root,
  },
  {
    entryPoints: ['src/webview/panel.css'],
    outfile: 'dist/webview/webview.css',
    bundle: true,
    minify: production,
    logLevel: 'warning',
    absWorkingDir: root,
  },
);

copyWasm();
if (watch) {
  for (const options of targets) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('watching for changes…');
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
