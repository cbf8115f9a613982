/** The tree-sitter wasm files straight from node_modules, for tests that run without a build. */
import { readFile } from 'node:fs/promises';
import type { WasmSource } from '../../src/language/code/treeSitter';

const PACKAGES: Readonly<Record<string, string>> = {
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-python.wasm': 'tree-sitter-python/tree-sitter-python.wasm',
  'tree-sitter-javascript.wasm': 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  'tree-sitter-typescript.wasm': 'tree-sitter-typescript/tree-sitter-typescript.wasm',
};

export const wasmFromNodeModules: WasmSource = {
  read: async (fileName) => {
    const path = PACKAGES[fileName];
    if (path === undefined) {
      throw new Error(`no such wasm file: ${fileName}`);
    }
    return new Uint8Array(await readFile(require.resolve(path)));
  },
};
