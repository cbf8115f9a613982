/** Reads the tree-sitter wasm files that the build copies to `dist/grammars/`. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WasmSource } from '../language/code/treeSitter';

export function wasmFromDirectory(directory: string): WasmSource {
  return {
    read: async (fileName) => new Uint8Array(await readFile(join(directory, fileName))),
  };
}

/** The grammars folder next to the running bundle (dist/cli.js, dist/engine.js …). */
export function bundledWasm(): WasmSource {
  return wasmFromDirectory(join(__dirname, 'grammars'));
}
