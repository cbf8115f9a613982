/**
 * Nothing from a document is ever executed and nothing goes over the network: every file under
 * src/ is parsed with the TypeScript compiler and checked against the policy below. A failure
 * names the file, line and column that broke a rule.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { scanSource, type Finding, type Policy } from './sourceScan';

const ROOT = join(__dirname, '..', '..');
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/**
 * The allow-lists. Only these files may import Node built-ins, and only these ones:
 * - src/cli/**: node:fs (read the source file), node:path (its extension), node:util
 *   (parseArgs); the command line is also the only user of the `process` global.
 * - src/node/**: node:fs/promises and node:path, to read the bundled grammar files.
 * - src/extension/**: node:crypto (the panel's CSP nonce) and node:path (where the worker is);
 *   lazyPanelAnswers.ts also node:module, by reviewed exception (dist/panelAnswers.js).
 * - src/worker/**: node:path and node:module (the worker loads dist/engine.js beside it).
 *   Its two files also use node:worker_threads, by reviewed exception: the extension runs
 *   inspections in a thread of its own bundled code (dist/inspectionWorker.js), never text
 *   from a document.
 * Everything else (engine, front ends, core, views, webview, the library entry) imports none.
 * npm packages: `vscode` in the extension layer only, `web-tree-sitter` in the front ends only.
 * Reviewed exceptions name their file and reason; a stale one fails the test.
 */
const POLICY: Policy = {
  nodeBuiltins: [
    { files: /^src\/cli\//, modules: ['node:fs', 'node:path', 'node:util'] },
    { files: /^src\/node\//, modules: ['node:fs/promises', 'node:path'] },
    { files: /^src\/extension\//, modules: ['node:crypto', 'node:path'] },
    { files: /^src\/worker\//, modules: ['node:path', 'node:module'] },
  ],
  packages: [
    { name: 'vscode', files: /^src\/(extension\/|extension\.ts$)/ },
    { name: 'web-tree-sitter', files: /^src\/language\// },
  ],
  processGlobal: /^src\/cli\//,
  exceptions: [
    {
      file: 'src/worker/inspectionWorker.ts',
      rule: /^a module loaded by a computed name \(join\(__dirname, 'engine\.js'\)\)$/,
      why: 'loads the bundled dist/engine.js beside the worker: a fixed file, computed only so that the bundler leaves it out',
    },
    {
      file: 'src/extension/lazyPanelAnswers.ts',
      rule: /^the Node built-in `node:module` |^a module loaded by a computed name \(join\(__dirname, 'panelAnswers\.js'\)\)$/,
      why: 'loads the bundled dist/panelAnswers.js beside the extension on the first tensor request: a fixed file, computed only so that the bundler leaves it out',
    },
    {
      file: 'src/worker/inspectionWorker.ts',
      rule: /^the module `node:worker_threads`/,
      why: 'the worker side of the inspection thread: it only talks to its parent (parentPort)',
    },
    {
      file: 'src/worker/inspectionClient.ts',
      rule: /^the module `node:worker_threads`|^`Worker`/,
      why: 'starts the inspection thread from a fixed file of the extension (dist/inspectionWorker.js), never from document text',
    },
  ],
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return SOURCE_FILE.test(entry.name) ? [path] : [];
  });
}

function scan(file: string, text: string, policy = POLICY): Finding[] {
  return scanSource(file, text, policy);
}

function listed(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.rule}`).join('\n');
}

describe('no code execution, no network: a scan of src/', () => {
  const files = sourceFiles(join(ROOT, 'src')).map((path) => ({
    file: relative(ROOT, path).split(sep).join('/'),
    text: readFileSync(path, 'utf8'),
  }));

  it('finds the source files', () => {
    assert.ok(files.length > 50, `${files.length} files`);
    assert.ok(files.some((f) => f.file === 'src/language/code/codeFrontEnd.ts'));
  });

  it('no file evaluates text, loads a module by a computed name or reaches the network', () => {
    const findings = files.flatMap(({ file, text }) => scan(file, text));
    assert.equal(findings.length, 0, `\n${listed(findings)}\n`);
  });

  it('every reviewed exception still applies to its file', () => {
    for (const exception of POLICY.exceptions) {
      const file = files.find((f) => f.file === exception.file);
      assert.ok(file !== undefined, `${exception.file} is gone: drop its exception`);
      const without = { ...POLICY, exceptions: [] };
      const found = scan(file.file, file.text, without).filter((f) => exception.rule.test(f.rule));
      assert.ok(found.length > 0, `${exception.file} no longer needs: ${exception.why}`);
    }
  });

  describe('the scanner itself', () => {
    /** [file, source, the rule words expected, one per finding]. */
    const CAUGHT: [string, string, string[]][] = [
      ['src/engine/a.ts', "eval('1 + 1');", ['`eval`']],
      ['src/engine/a.ts', 'const run = eval;', ['`eval`']],
      ['src/engine/a.ts', "new Function('x', 'return x');", ['`Function`']],
      ['src/engine/a.ts', "Function('return this')();", ['`Function`']],
      ['src/engine/a.ts', "globalThis.eval('x');", ['`eval`']],
      ['src/engine/a.ts', "globalThis['eval']('x');", ['`eval` reached by name']],
      ['src/engine/a.ts', "window['fetch']('/x');", ['`fetch` reached by name']],
      ['src/webview/a.ts', "fetch('https://example.com');", ['`fetch`']],
      ['src/webview/a.ts', 'new XMLHttpRequest();', ['`XMLHttpRequest`']],
      ['src/webview/a.ts', "new WebSocket('ws://x');", ['`WebSocket`']],
      ['src/webview/a.ts', "importScripts('x.js');", ['`importScripts`']],
      ['src/webview/a.ts', "navigator.sendBeacon('/x', data);", ['`sendBeacon`']],
      ['src/webview/a.ts', "setTimeout('alert(1)', 10);", ['`setTimeout` with a string']],
      ['src/engine/a.ts', 'import(name);', ['computed name']],
      ['src/engine/a.ts', "import('./a' + b);", ['computed name']],
      ['src/engine/a.ts', 'require(name);', ['computed name']],
      ['src/extension/a.ts', 'createRequire(__filename)(name);', ['computed name']],
      ['src/cli/a.ts', "import { exec } from 'node:child_process';", ['`node:child_process`']],
      ['src/cli/a.ts', "import * as cp from 'child_process';", ['`child_process`']],
      ['src/cli/a.ts', "const vm = require('vm');", ['`vm`']],
      ['src/extension/a.ts', "import http from 'node:http';", ['`node:http`']],
      ['src/extension/a.ts', "import 'https';", ['`https`']],
      ['src/extension/a.ts', "export { connect } from 'node:net';", ['`node:net`']],
      ['src/engine/a.ts', "import { readFileSync } from 'node:fs';", ['Node built-in `node:fs`']],
      ['src/language/a.ts', "import type { X } from 'fs';", ['Node built-in `fs`']],
      ['src/cli/a.ts', "import { cpus } from 'node:os';", ['Node built-in `node:os`']],
      ['src/engine/a.ts', "import * as vscode from 'vscode';", ['package `vscode`']],
      ['src/engine/a.ts', "import axios from 'axios';", ['package `axios`']],
      ['src/engine/a.ts', 'process.exit(1);', ['`process` outside the command line']],
      ['src/webview/a.ts', 'type T = typeof import("node:http");', ['`node:http`']],
    ];
    for (const [file, source, rules] of CAUGHT) {
      it(`catches ${source} in ${file}`, () => {
        const findings = scan(file, source);
        assert.equal(findings.length, rules.length, listed(findings));
        rules.forEach((rule, i) => assert.ok(findings[i]?.rule.includes(rule), listed(findings)));
        assert.equal(findings[0]?.file, file);
        assert.equal(findings[0]?.line, 1);
      });
    }

    const ALLOWED: [string, string][] = [
      ['src/engine/a.ts', '// eval(x), fetch(y), new Function(z)'],
      ['src/engine/a.ts', "const text = 'eval(x) and fetch(y)';"],
      ['src/engine/a.ts', 'tape.eval(x); model.fetch(); node.process();'],
      ['src/engine/a.ts', 'const o = { eval: 1, fetch: 2 }; evaluate(o);'],
      ['src/engine/a.ts', 'function f(g: Function): void {}'],
      ['src/engine/a.ts', "import { evaluate } from './forward';"],
      ['src/engine/a.ts', "const m = await import('./lazy');"],
      ['src/language/code/treeSitter.ts', "const t = await import('web-tree-sitter');"],
      ['src/cli/a.ts', "import { readFileSync } from 'node:fs';\nprocess.stdout.write('x');"],
      ['src/node/a.ts', "import { readFile } from 'node:fs/promises';"],
      ['src/extension/a.ts', "import { randomBytes } from 'node:crypto';"],
      ['src/extension/a.ts', "import * as vscode from 'vscode';"],
      ['src/webview/a.ts', 'setTimeout(() => render(), 10);'],
    ];
    for (const [file, source] of ALLOWED) {
      it(`allows ${source.split('\n')[0]} in ${file}`, () => {
        assert.deepEqual(scan(file, source), []);
      });
    }
  });
});
