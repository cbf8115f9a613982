import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ and the import rules between them (the README's Architecture section
 * draws them; test/architecture/layers.test.ts proves each rule on a fixture). A rule is
 * checked on the import's text, so every place is named by its folder wherever it appears in a
 * relative path: `**\/core/**` is src/core seen from any depth.
 */
const PLACES = {
  engine: 'src/engine',
  language: 'src/language',
  present: 'src/present',
  protocol: 'src/protocol',
  core: 'src/core',
  worker: 'src/worker',
  extension: 'src/extension and src/extension.ts',
  webview: 'src/webview',
  cli: 'src/cli',
  node: 'src/node',
  api: 'src/api.ts (the library entry)',
};

/** Every place but these (and the layer itself). */
const allBut = (...places) => Object.keys(PLACES).filter((place) => !places.includes(place));

/**
 * Each layer: its files, the rule in one sentence (every message says it), the places it may
 * import (every other place is refused), whether Node built-ins are allowed, and the modules it
 * may import only as types.
 */
const LAYERS = [
  {
    name: 'engine',
    files: ['src/engine/**/*.ts'],
    rule: 'src/engine is pure: it imports nothing outside src/engine',
    may: [],
    node: false,
  },
  {
    name: 'language',
    files: ['src/language/**/*.ts'],
    rule: 'src/language (the front ends) is pure: it imports only src/engine and its own files',
    may: ['engine'],
    node: false,
  },
  {
    name: 'present',
    files: ['src/present/**/*.ts'],
    rule: "src/present (pure view builders) imports only src/engine, and as types only the front-end contract (import type … from language/frontEnd: a view names the references and bindings the front end found) and a backward-pass check's report (core/handBackward/report: plain objects the editor shows)",
    may: ['engine'],
    typesFrom: ['language/frontEnd', 'core/handBackward/report'],
    node: false,
  },
  {
    name: 'protocol',
    files: ['src/protocol/**/*.ts'],
    rule: "src/protocol (host ↔ webview messages and their wire codec, shared by the worker, the host and the webview) imports only src/engine, and as types only the document's state from src/present/inspection and the front-end contract from src/language/frontEnd (nothing of them runs in the worker or the webview through it)",
    may: ['engine'],
    typesFrom: ['language/frontEnd', 'present/inspection'],
    node: false,
  },
  {
    name: 'core',
    files: ['src/core/**/*.ts'],
    rule: 'src/core (the pipeline) is pure: it imports only src/engine and src/language',
    may: ['engine', 'language'],
    node: false,
  },
  {
    name: 'worker',
    files: ['src/worker/**/*.ts'],
    rule: 'src/worker runs inspections off the extension host: it imports the engine, the front ends, the pipeline, the protocol, the Node adapters and the library entry, never the extension, the views, the webview, the CLI or vscode',
    may: ['engine', 'language', 'core', 'protocol', 'node', 'api'],
    node: true,
  },
  {
    name: 'extension',
    files: ['src/extension/**/*.ts', 'src/extension.ts'],
    rule: 'the extension layer may import every layer but the webview (a browser bundle) and the CLI (an entry point of its own)',
    may: allBut('webview', 'cli'),
    node: true,
    vscode: true,
  },
  {
    name: 'webview',
    files: ['src/webview/**/*.ts'],
    rule: 'src/webview (the browser side of the panel) imports only src/present, src/protocol and the pure src/engine below them: no front end, pipeline, worker, host, Node or vscode',
    may: ['engine', 'present', 'protocol'],
    node: false,
  },
  {
    name: 'cli',
    files: ['src/cli/**/*.ts'],
    rule: 'src/cli (the command line) never imports the extension, the webview or vscode',
    may: allBut('extension', 'webview'),
    node: true,
  },
  {
    name: 'node',
    files: ['src/node/**/*.ts'],
    rule: 'src/node (Node adapters of the pure layers, e.g. grammar files read from disk) imports only src/engine, src/language and src/core',
    may: ['engine', 'language', 'core'],
    node: true,
  },
  {
    name: 'api',
    files: ['src/api.ts'],
    rule: 'src/api.ts (the engine as a library) never imports the extension, the webview, the worker, the CLI or vscode',
    may: allBut('extension', 'webview', 'worker', 'cli'),
    node: true,
  },
];

const VSCODE_RULE = 'vscode is imported only in src/extension and src/extension.ts';

/** An import of `place` from any folder depth: the folder itself, a file in it, or the file. */
const placeGroup = (place) => [`**/${place}`, `**/${place}/**`];

function importRule(layer) {
  const message = (what) => `Layer rule: ${layer.rule}; ${what}.`;
  const paths = [{ name: 'vscode', message: `${VSCODE_RULE}.` }];
  const typePlaces = (layer.typesFrom ?? []).map((module) => module.split('/')[0]);
  const forbidden = Object.keys(PLACES).filter(
    (place) => place !== layer.name && !layer.may.includes(place) && !typePlaces.includes(place),
  );
  const patterns = forbidden.map((place) => ({
    group: placeGroup(place),
    message: message(`not ${PLACES[place]}`),
  }));
  if (!layer.node) {
    for (const name of builtinModules) {
      paths.push({ name, message: message(`no Node built-in (${name})`) });
    }
    patterns.push({ group: ['node:*'], message: message('no Node built-in') });
  }
  for (const module of layer.typesFrom ?? []) {
    const [place] = module.split('/');
    patterns.push(
      {
        // A folder pattern alone would exclude the module with its folder (gitignore rules).
        group: [`**/${place}/**`, `!**/${module}`],
        message: message(`not ${PLACES[place]}`),
      },
      {
        group: [`**/${module}`],
        allowTypeImports: true,
        message: message(`src/${module} only as \`import type\``),
      },
    );
  }
  return ['error', { paths: layer.vscode ? paths.slice(1) : paths, patterns }];
}

function layerRules() {
  return [
    // Any file of src/ outside the layers below (a new folder) still keeps vscode out.
    {
      files: ['src/**/*.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          { paths: [{ name: 'vscode', message: `${VSCODE_RULE}.` }] },
        ],
      },
    },
    ...LAYERS.map((layer) => ({
      name: `layer/${layer.name}`,
      files: layer.files,
      rules: { '@typescript-eslint/no-restricted-imports': importRule(layer) },
    })),
  ];
}

/**
 * The DOM is the webview's alone. Each layer's tsconfig leaves the DOM out of its `lib` (only
 * src/webview has it), so the type check refuses any DOM name; this names the common ones to
 * the linter too, with the rule in the message.
 */
function domRule() {
  const names = [
    'window',
    'document',
    'navigator',
    'location',
    'localStorage',
    'sessionStorage',
    'HTMLElement',
    'SVGElement',
    'Element',
    'requestAnimationFrame',
    'getComputedStyle',
    'acquireVsCodeApi',
  ];
  return [
    {
      files: ['src/**/*.ts'],
      ignores: ['src/webview/**'],
      rules: {
        'no-restricted-globals': [
          'error',
          ...names.map((name) => ({
            name,
            message: `The DOM is used only in src/webview: \`${name}\` is a browser global.`,
          })),
        ],
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.cache/**',
      'media/dist/**',
      'test-output/**',
      // Example and fixture code for users to inspect, with free names on purpose.
      'samples/**',
      'test/vscode/workspace/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  ...layerRules(),
  ...domRule(),
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
      },
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
