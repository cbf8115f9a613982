/** Which front end reads which VS Code language: derived from the language descriptors. */
import type { LanguageId } from '../language/frontEnd';
import { languageOfVscode, VSCODE_LANGUAGES } from '../language/languages';

export const SUPPORTED_LANGUAGES: readonly string[] = VSCODE_LANGUAGES;

export function frontEndLanguage(vscodeLanguage: string): LanguageId | undefined {
  return languageOfVscode(vscodeLanguage);
}
