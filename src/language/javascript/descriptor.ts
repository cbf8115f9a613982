/**
 * JavaScript and TypeScript: one reading of both (see javascript.ts), each dialect with its own
 * grammar, VS Code languages and file extensions.
 */
import { describeLanguage } from '../descriptor';

const CODE_LENS = [
  /^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*[\p{L}_$][\p{L}\p{N}_$]*\s*[<(]/u,
  /^(?:export\s+)?(?:const|let|var)\s+[\p{L}_$][\p{L}\p{N}_$]*/u,
  /^[\p{L}_$][\p{L}\p{N}_$]*\s*(?:[-+*/%]|\*\*)?=(?![=>])/u,
];

export const javascriptLanguage = describeLanguage({
  id: 'javascript',
  displayName: 'JavaScript',
  vscodeLanguages: ['javascript', 'javascriptreact'],
  fileExtensions: ['.js', '.mjs', '.cjs', '.jsx'],
  grammar: { name: 'javascript', package: 'tree-sitter-javascript' },
  codeLens: CODE_LENS,
});

export const typescriptLanguage = describeLanguage({
  id: 'typescript',
  displayName: 'TypeScript',
  vscodeLanguages: ['typescript', 'typescriptreact'],
  fileExtensions: ['.ts', '.mts', '.cts', '.tsx'],
  grammar: { name: 'typescript', package: 'tree-sitter-typescript' },
  codeLens: CODE_LENS,
});
