/** Which front end reads which language. Parsers behind tree-sitter load on first use. */
import type { WasmSource } from '../language/code/treeSitter';
import type { FrontEnd, LanguageId } from '../language/frontEnd';
import { FRONT_END_FACTORIES } from '../language/frontEnds';
import type { FrontEndLookup } from './inspectSource';

export function createFrontEnds(wasm: WasmSource): FrontEndLookup {
  const cache = new Map<LanguageId, FrontEnd>();
  return (language) => {
    const existing = cache.get(language);
    if (existing !== undefined) {
      return existing;
    }
    const factory = Object.hasOwn(FRONT_END_FACTORIES, language)
      ? FRONT_END_FACTORIES[language]
      : undefined;
    if (factory === undefined) {
      throw new Error(`no front end for ${String(language)}`);
    }
    const frontEnd = factory(wasm);
    cache.set(language, frontEnd);
    return frontEnd;
  };
}
