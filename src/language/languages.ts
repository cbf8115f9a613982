/**
 * Every language, one descriptor each (see descriptor.ts), and what is derived from them.
 * Adding a language: its folder with a `descriptor.ts`, an entry in LANGUAGES, and its factory
 * in frontEnds.ts (the compiler asks for it).
 */
import { grammarFile, TREE_SITTER_RUNTIME, type LanguageDescriptor } from './descriptor';
import { javascriptLanguage, typescriptLanguage } from './javascript/descriptor';
import { mathLanguage } from './math/descriptor';
import { pythonLanguage } from './python/descriptor';

export const LANGUAGES = [
  mathLanguage,
  pythonLanguage,
  javascriptLanguage,
  typescriptLanguage,
] as const;

export type LanguageId = (typeof LANGUAGES)[number]['id'];

export const LANGUAGE_IDS: readonly LanguageId[] = LANGUAGES.map((language) => language.id);

/** The descriptors as their common shape, to search them. */
const DESCRIPTORS: readonly (LanguageDescriptor & { readonly id: LanguageId })[] = LANGUAGES;

export function isLanguageId(text: string): text is LanguageId {
  return (LANGUAGE_IDS as readonly string[]).includes(text);
}

export function languageDescriptor(id: LanguageId): LanguageDescriptor {
  const found = DESCRIPTORS.find((language) => language.id === id);
  if (found === undefined) {
    throw new Error(`no language ${String(id)}`);
  }
  return found;
}

/** The VS Code languages the extension serves (its activation events and editor menu). */
export const VSCODE_LANGUAGES: readonly string[] = DESCRIPTORS.flatMap(
  (language) => language.vscodeLanguages,
);

/** The front end for a VS Code language id, if one reads it. */
export function languageOfVscode(vscodeLanguage: string): LanguageId | undefined {
  return DESCRIPTORS.find((language) => language.vscodeLanguages.includes(vscodeLanguage))?.id;
}

/** The front end for a file name extension (`.py`, any case), if one reads it. */
export function languageOfExtension(extension: string): LanguageId | undefined {
  const lower = extension.toLowerCase();
  return DESCRIPTORS.find((language) => language.fileExtensions.includes(lower))?.id;
}

/**
 * The wasm files the code front ends load, as paths inside their npm packages
 * (`tree-sitter-python/tree-sitter-python.wasm`): the runtime first, then each grammar once.
 */
export function wasmFiles(): string[] {
  const grammars = DESCRIPTORS.flatMap((language) =>
    language.grammar === undefined
      ? []
      : [`${language.grammar.package}/${grammarFile(language.grammar.name)}`],
  );
  if (grammars.length === 0) {
    return [];
  }
  return [`${TREE_SITTER_RUNTIME.package}/${TREE_SITTER_RUNTIME.file}`, ...new Set(grammars)];
}
