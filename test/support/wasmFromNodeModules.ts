/** The tree-sitter wasm files straight from node_modules, for tests that run without a build. */
import { readFile } from 'node:fs/promises';
import type { WasmSource } from '../../src/language/code/treeSitter';
import { wasmFiles } from '../../src/language/languages';

/** Each file the front ends ask for, by name, and its path inside its npm package. */
const PACKAGES: ReadonlyMap<string, string> = new Map(
  wasmFiles().map((path) => [path.slice(path.lastIndexOf('/') + 1), path]),
);

export const wasmFromNodeModules: WasmSource = {
  read: async (fileName) => {
    const path = PACKAGES.get(fileName);
    if (path === undefined) {
      throw new Error(`no such wasm file: ${fileName}`);
    }
    return new Uint8Array(await readFile(require.resolve(path)));
  },
};
