/** Which front end reads which language. Parsers behind tree-sitter load on first use. */
import type { FrontEnd, LanguageId } from '../language/frontEnd';
import { createJavaScriptFrontEnd } from '../language/javascript/javascript';
import { mathFrontEnd } from '../language/math';
import { createPythonFrontEnd } from '../language/python/python';
import type { WasmSource } from '../language/code/treeSitter';
import type { FrontEndLookup } from './inspectSource';

export function createFrontEnds(wasm: WasmSource): FrontEndLookup {
  const cache = new Map<LanguageId, FrontEnd>();
  return (language) => {
    const existing = cache.get(language);
    if (existing !== undefined) {
      return existing;
    }
    const frontEnd = createFrontEnd(language, wasm);
    cache.set(language, frontEnd);
    return frontEnd;
  };
}

function createFrontEnd(language: LanguageId, wasm: WasmSource): FrontEnd {
  switch (language) {
    case 'math':
      return mathFrontEnd;
    case 'python':
      return createPythonFrontEnd(wasm);
    case 'javascript':
      return createJavaScriptFrontEnd(wasm, 'javascript');
    case 'typescript':
      return createJavaScriptFrontEnd(wasm, 'typescript');
    default: {
      const unreachable: never = language;
      throw new Error(`no front end for ${String(unreachable)}`);
    }
  }
}

export const LANGUAGES: readonly LanguageId[] = ['math', 'python', 'javascript', 'typescript'];

export function isLanguageId(text: string): text is LanguageId {
  return (LANGUAGES as readonly string[]).includes(text);
}
