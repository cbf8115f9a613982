/** Python: real Python read by tree-sitter (see python.ts). */
import { describeLanguage } from '../descriptor';

export const pythonLanguage = describeLanguage({
  id: 'python',
  displayName: 'Python',
  vscodeLanguages: ['python'],
  fileExtensions: ['.py'],
  grammar: { name: 'python', package: 'tree-sitter-python' },
  codeLens: [
    /^\s*(?:async\s+)?def\s+[\p{L}_][\p{L}\p{N}_]*\s*\(/u,
    /^[\p{L}_][\p{L}\p{N}_]*\s*(?::[^=]*)?(?:[-+*/%@]|\*\*|\/\/)?=(?!=)/u,
  ],
});
