/**
 * The factory of each language's front end, by id. Apart from the descriptors (data the
 * extension host loads) so that only what reads code bundles the front ends; a language
 * without a factory here fails to compile.
 */
import type { WasmSource } from './code/treeSitter';
import type { FrontEnd } from './frontEnd';
import { createJavaScriptFrontEnd } from './javascript/javascript';
import type { LanguageId } from './languages';
import { mathFrontEnd } from './math';
import { createPythonFrontEnd } from './python/python';

export type FrontEndFactory = (wasm: WasmSource) => FrontEnd;

export const FRONT_END_FACTORIES: { readonly [Id in LanguageId]: FrontEndFactory } = {
  math: () => mathFrontEnd,
  python: createPythonFrontEnd,
  javascript: (wasm) => createJavaScriptFrontEnd(wasm, 'javascript'),
  typescript: (wasm) => createJavaScriptFrontEnd(wasm, 'typescript'),
};
