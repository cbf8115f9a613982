import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { lowerFragment } from '../../../src/language/code/codeLowering';
import { SourceLines } from '../../../src/language/sourceLines';
import { loadParser, type WasmSource } from '../../../src/language/code/treeSitter';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';
import { evaluateAt, javascript, lowerOk, python } from './codeHelpers';

describe('code front ends at their limits', () => {
  it('reads deep nesting and long chains without running out of stack', async () => {
    const depth = 20_000;
    const nested = `f = ${'('.repeat(depth)}x${')'.repeat(depth)} * 2`;
    assert.deepEqual(evaluateAt(await lowerOk(python, nested), { x: 1 }).grads, { x: 2 });
    const negated = `const f = ${'-('.repeat(depth)}x${')'.repeat(depth)};`;
    assert.deepEqual(evaluateAt(await lowerOk(javascript, negated), { x: 1 }).grads, { x: 1 });
    const chain = `f = x${' + x'.repeat(depth)}`;
    assert.deepEqual(evaluateAt(await lowerOk(python, chain), { x: 1 }).grads, { x: depth + 1 });
    const calls = `f = ${'math.sin('.repeat(2000)}x${')'.repeat(2000)}`;
    assert.equal((await lowerOk(python, calls)).graph.nodes.length, 2001);
  });

  it('refuses a graph larger than can be inspected', () => {
    const source = 'f = x * y + z';
    const lowering = () =>
      lowerFragment(
        {
          fragment: {
            body: [
              {
                kind: 'expression',
                value: {
                  kind: 'op',
                  op: 'add',
                  args: [
                    { kind: 'name', name: 'x', span: { from: 4, to: 5 } },
                    { kind: 'name', name: 'y', span: { from: 8, to: 9 } },
                  ],
                  span: { from: 4, to: 9 },
                },
                span: { from: 4, to: 9 },
              },
            ],
          },
          valueBefore: () => undefined,
          given: () => undefined,
          span: { from: 0, to: source.length },
          maxNodes: 2,
        },
        new SourceLines(source),
      );
    assert.throws(lowering, (error: Error & { kind?: string }) => {
      assert.equal(error.kind, 'too-large');
      assert.match(error.message, /more than 2 nodes/);
      return true;
    });
  });
});

describe('tree-sitter loading', () => {
  it('loads each grammar once', async () => {
    const read: string[] = [];
    const counting: WasmSource = {
      read: (fileName) => {
        read.push(fileName);
        return wasmFromNodeModules.read(fileName);
      },
    };
    const first = loadParser(counting, 'python');
    assert.equal(loadParser(counting, 'python'), first);
    await first;
    await loadParser(counting, 'python');
    assert.ok(read.filter((name) => name === 'tree-sitter-python.wasm').length <= 1);
  });

  it('says which parser file could not be read, and tries again next time', () => {
    // The runtime is loaded once per process, so a fresh process sees the first load fail.
    const script = [
      "const { loadParser } = require('./src/language/code/treeSitter');",
      "const { wasmFromNodeModules } = require('./test/support/wasmFromNodeModules');",
      "const failing = { read: () => Promise.reject(new Error('no such file')) };",
      "loadParser(failing, 'python').catch((error) => {",
      '  console.log(error.message);',
      "  return loadParser(wasmFromNodeModules, 'python').then(() => console.log('loaded'));",
      '});',
    ].join('\n');
    const output = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      cwd: join(__dirname, '..', '..', '..'),
      encoding: 'utf8',
    });
    assert.equal(
      output,
      'could not read the parser file web-tree-sitter.wasm: no such file\nloaded\n',
    );
  });
});
