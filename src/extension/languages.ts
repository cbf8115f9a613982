/** Which front end reads which VS Code language. */
import type { LanguageId } from '../language/frontEnd';
import type { LensLanguage } from '../present/codeLensTargets';

const FRONT_END: Readonly<Record<string, LanguageId>> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  markdown: 'math',
  latex: 'math',
  plaintext: 'math',
};

export const SUPPORTED_LANGUAGES: readonly string[] = Object.keys(FRONT_END);

export function frontEndLanguage(vscodeLanguage: string): LanguageId | undefined {
  return Object.prototype.hasOwnProperty.call(FRONT_END, vscodeLanguage)
    ? FRONT_END[vscodeLanguage]
    : undefined;
}

export function lensLanguage(language: LanguageId): LensLanguage {
  switch (language) {
    case 'python':
      return 'python';
    case 'javascript':
    case 'typescript':
      return 'javascript';
    case 'math':
      return 'math';
    default: {
      const unreachable: never = language;
      return unreachable;
    }
  }
}
