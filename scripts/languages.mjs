// The language descriptors (src/language/languages.ts), loaded from the TypeScript source for
// the build scripts: what they copy and check is derived from the descriptors, never listed here.
import { tsImport } from 'tsx/esm/api';

const languages = await tsImport('../src/language/languages.ts', import.meta.url);

/** Paths inside npm packages of the tree-sitter runtime and every grammar, e.g. `tree-sitter-python/tree-sitter-python.wasm`. */
export const WASM_FILES = languages.wasmFiles();
