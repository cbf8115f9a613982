/**
 * The layer rules of eslint.config.mjs, proved on fixtures: for every layer of src/, a file
 * linted as if it stood in that layer imports every other place once, and exactly the imports
 * the table below forbids are reported. Nothing is written to disk (ESLint's lintText with a
 * file path that decides which of the config's blocks apply).
 */
import assert from 'node:assert/strict';
import { join, posix } from 'node:path';
import { ESLint, type Linter } from 'eslint';

const ROOT = join(__dirname, '..', '..');
const IMPORT_RULE = '@typescript-eslint/no-restricted-imports';

/** Where each place's modules live, and one module of it to import. */
const PLACES = {
  engine: 'src/engine/ir',
  language: 'src/language/messageText',
  present: 'src/present/stepThrough',
  protocol: 'src/protocol/wire',
  core: 'src/core/inspectSource',
  worker: 'src/worker/inspectionClient',
  extension: 'src/extension/panel',
  extensionEntry: 'src/extension',
  webview: 'src/webview/main',
  cli: 'src/cli/main',
  node: 'src/node/wasmFromDisk',
  api: 'src/api',
} as const;
type Place = keyof typeof PLACES;
const ALL = Object.keys(PLACES) as Place[];
const allBut = (...places: Place[]): Place[] => ALL.filter((p) => !places.includes(p));

interface Layer {
  /** Fixture files standing in the layer (one deeper, so that `../../` paths are checked too). */
  readonly files: readonly string[];
  /** The places it may import; every other place must be reported. */
  readonly may: readonly Place[];
  /** Node built-ins (node:fs, path…) allowed. */
  readonly node: boolean;
  /** vscode allowed. */
  readonly vscode: boolean;
}

/** The rules, written out independently of the config (the words, made exact). */
const LAYERS: Record<string, Layer> = {
  engine: {
    files: ['src/engine/__fixture__.ts', 'src/engine/ops/__fixture__.ts'],
    may: ['engine'],
    node: false,
    vscode: false,
  },
  language: {
    files: ['src/language/__fixture__.ts', 'src/language/python/__fixture__.ts'],
    may: ['engine', 'language'],
    node: false,
    vscode: false,
  },
  present: {
    files: ['src/present/__fixture__.ts', 'src/present/graph/__fixture__.ts'],
    may: ['engine', 'present'],
    node: false,
    vscode: false,
  },
  protocol: {
    files: ['src/protocol/__fixture__.ts'],
    may: ['engine', 'protocol'],
    node: false,
    vscode: false,
  },
  core: {
    files: ['src/core/__fixture__.ts'],
    may: ['engine', 'language', 'core'],
    node: false,
    vscode: false,
  },
  worker: {
    files: ['src/worker/__fixture__.ts'],
    may: ['engine', 'language', 'core', 'protocol', 'worker', 'node', 'api'],
    node: true,
    vscode: false,
  },
  extension: {
    files: ['src/extension/__fixture__.ts', 'src/extension.ts'],
    may: allBut('webview', 'cli'),
    node: true,
    vscode: true,
  },
  webview: {
    files: ['src/webview/__fixture__.ts'],
    may: ['engine', 'present', 'protocol', 'webview'],
    node: false,
    vscode: false,
  },
  cli: {
    files: ['src/cli/__fixture__.ts'],
    may: allBut('extension', 'extensionEntry', 'webview'),
    node: true,
    vscode: false,
  },
  node: {
    files: ['src/node/__fixture__.ts'],
    may: ['engine', 'language', 'core', 'node'],
    node: true,
    vscode: false,
  },
  api: {
    files: ['src/api.ts'],
    may: allBut('extension', 'extensionEntry', 'webview', 'worker', 'cli'),
    node: true,
    vscode: false,
  },
  /** A folder no rule names yet: only vscode is refused there. */
  other: { files: ['src/other/__fixture__.ts'], may: ALL, node: true, vscode: false },
};

/** `target` (a path from the root, no extension) as an import written in `file`. */
function specifier(file: string, target: string): string {
  const path = posix.relative(posix.dirname(posix.normalize(file)), target);
  return path.startsWith('.') ? path : `./${path}`;
}

interface Case {
  readonly line: string;
  readonly refused: boolean;
  readonly why: string;
}

function cases(file: string, layer: Layer): Case[] {
  const list: Case[] = ALL.map((place, i) => ({
    line: `import { v${i} } from '${specifier(file, PLACES[place])}';`,
    refused: !layer.may.includes(place),
    why: place,
  }));
  list.push(
    { line: "import * as vscode from 'vscode';", refused: !layer.vscode, why: 'vscode' },
    { line: "import { readFileSync } from 'node:fs';", refused: !layer.node, why: 'node:fs' },
    { line: "import { join } from 'path';", refused: !layer.node, why: 'path' },
    { line: "import { Parser } from 'web-tree-sitter';", refused: false, why: 'a package' },
  );
  return list;
}

/** Lints `lines` as the file `file`; the reports of the import rule and the DOM rule, by line. */
async function lint(
  eslint: ESLint,
  file: string,
  lines: readonly string[],
): Promise<Map<number, Linter.LintMessage[]>> {
  const [result] = await eslint.lintText(lines.join('\n') + '\n', { filePath: join(ROOT, file) });
  assert.ok(result !== undefined);
  const fatal = result.messages.filter((m) => m.fatal === true);
  assert.deepEqual(fatal, [], `${file} does not parse`);
  const byLine = new Map<number, Linter.LintMessage[]>();
  for (const message of result.messages) {
    if (message.ruleId !== IMPORT_RULE && message.ruleId !== 'no-restricted-globals') continue;
    byLine.set(message.line, [...(byLine.get(message.line) ?? []), message]);
  }
  return byLine;
}

describe('architecture: the layer rules of eslint.config.mjs', function () {
  this.timeout(60_000);
  let eslint: ESLint;

  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  for (const [name, layer] of Object.entries(LAYERS)) {
    for (const file of layer.files) {
      describe(`${name}: ${file}`, () => {
        const list = cases(file, layer);
        let reports: Map<number, Linter.LintMessage[]>;
        before(async () => {
          reports = await lint(
            eslint,
            file,
            list.map((c) => c.line),
          );
        });
        for (const [index, c] of list.entries()) {
          it(`${c.refused ? 'refuses' : 'allows'} ${c.why}: ${c.line}`, () => {
            const found = reports.get(index + 1) ?? [];
            if (!c.refused) {
              assert.deepEqual(
                found.map((m) => m.message),
                [],
              );
              return;
            }
            assert.equal(found.length, 1, `expected one report of ${c.line}`);
            const text = found[0]!.message;
            // Each message states the rule it enforces.
            const rule =
              c.why === 'vscode' ? /vscode is imported only in src\/extension/ : /Layer rule: /;
            assert.match(text, rule);
          });
        }
      });
    }
  }

  /** One line linted alone in `file`: reported once when refused, not at all when allowed. */
  function check(file: string, line: string, refused: boolean): void {
    it(`${refused ? 'refuses' : 'allows'} ${line} in ${file}`, async () => {
      const reports = await lint(eslint, file, [line]);
      assert.equal(reports.get(1)?.length ?? 0, refused ? 1 : 0, JSON.stringify(reports.get(1)));
    });
  }

  describe('type-only exceptions', () => {
    const CHECKS: [file: string, line: string, refused: boolean][] = [
      [
        'src/present/__fixture__.ts',
        "import type { Reference } from '../language/frontEnd';",
        false,
      ],
      [
        'src/present/graph/__fixture__.ts',
        "import type { Program } from '../../language/frontEnd';",
        false,
      ],
      [
        'src/present/__fixture__.ts',
        "import { type Reference } from '../language/frontEnd';",
        false,
      ],
      [
        'src/present/__fixture__.ts',
        "import { type Reference, LANGUAGES } from '../language/frontEnd';",
        true,
      ],
      ['src/present/__fixture__.ts', "import { LANGUAGES } from '../language/frontEnd';", true],
      ['src/present/__fixture__.ts', "import type { Tree } from '../language/code/codeAst';", true],
      [
        'src/protocol/__fixture__.ts',
        "import type { Reference } from '../language/frontEnd';",
        false,
      ],
      [
        'src/protocol/__fixture__.ts',
        "import type { DocumentInspection } from '../present/inspection';",
        false,
      ],
      ['src/protocol/__fixture__.ts', "import { contains } from '../present/inspection';", true],
      [
        'src/protocol/__fixture__.ts',
        "import type { StepPlayer } from '../present/stepThrough';",
        true,
      ],
      [
        'src/webview/__fixture__.ts',
        "import type { Reference } from '../language/frontEnd';",
        true,
      ],
      ['src/engine/__fixture__.ts', "export { x } from '../core/inspectSource';", true],
      ['src/engine/__fixture__.ts', "export type { Reference } from '../language/frontEnd';", true],
    ];
    for (const [file, line, refused] of CHECKS) check(file, line, refused);
  });

  describe('the DOM is the webview’s alone', () => {
    const CHECKS: [file: string, line: string, refused: boolean][] = [
      ['src/engine/__fixture__.ts', 'export const t = document.title;', true],
      ['src/present/__fixture__.ts', 'export const w = window.innerWidth;', true],
      [
        'src/extension/__fixture__.ts',
        'export const e = (x: unknown) => x instanceof HTMLElement;',
        true,
      ],
      ['src/worker/__fixture__.ts', 'requestAnimationFrame(() => undefined);', true],
      ['src/webview/__fixture__.ts', 'export const t = document.title;', false],
      // A local name that a DOM global also has is not the global.
      [
        'src/language/__fixture__.ts',
        'export function f(location: number): number { return location; }',
        false,
      ],
    ];
    for (const [file, line, refused] of CHECKS) check(file, line, refused);
  });
});
